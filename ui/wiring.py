"""Build the stages from the settings: the one place clients and models are created."""

from __future__ import annotations

from pathlib import Path

from ui.settings import Settings


def open_index(settings: Settings, index_dir: Path | None = None):
    """A LetterIndex over the configured Chroma (embedded folder or server)."""
    from index import Embedder, LetterIndex, make_client

    client = make_client(index_dir or settings.resolved_index_dir, settings.chroma_url)
    embedder = Embedder(
        settings.embedding_model,
        backend=settings.embedding_backend,
        export_dir=settings.model_cache or settings.data_dir / "models",  # the ONNX export
        late_chunking=settings.late_chunking,
    )
    return LetterIndex(client, embedder, collection=settings.collection)


def open_pipeline(settings: Settings, letter_index=None):
    """The rag pipeline, with the LLM answerer when LETTERS_LLM names one."""
    from rag import Pipeline, make_answerer

    letter_index = letter_index or open_index(settings)
    answerer = make_answerer(
        settings.llm,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout,
        embedder=letter_index.embedder,
    )
    return Pipeline(letter_index, answerer=answerer, max_question_chars=settings.max_question_chars)


def run_eval(settings: Settings, questions: Path, letters: Path, index_dir=None, out=None):
    """Evaluate on QUESTIONS over a fresh temporary index of LETTERS (or the given index)."""
    import tempfile

    from rag import evaluate

    with tempfile.TemporaryDirectory(prefix="letters-eval-") as scratch:
        fresh = settings.model_copy(update={"chroma_url": None}) if index_dir is None else settings
        letter_index = open_index(fresh, index_dir=index_dir or Path(scratch))
        if index_dir is None:
            letter_index.sync(letters, progress=False)
        return evaluate(questions, open_pipeline(settings, letter_index), letters, out=out)
