"""Index stage: paragraphs embedded into Chroma with the bundled model, plus BM25, kept in sync."""

from index.client import make_client
from index.embedder import Embedder
from index.errors import (
    ChromaUnreachable,
    DiskFull,
    EmbeddingModelMissing,
    IndexStoreError,
    LetterNotFound,
    ModelMismatch,
)
from index.lexical import LexicalIndex, tokenize
from index.records import IndexedParagraph
from index.report import SyncReport
from index.store import LetterIndex

__all__ = [
    "ChromaUnreachable",
    "DiskFull",
    "Embedder",
    "EmbeddingModelMissing",
    "IndexStoreError",
    "IndexedParagraph",
    "LetterIndex",
    "LetterNotFound",
    "LexicalIndex",
    "ModelMismatch",
    "SyncReport",
    "make_client",
    "tokenize",
]
