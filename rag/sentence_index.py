"""Sentence vectors of every stored paragraph, kept in memory: a fine-grained dense ranking for
retrieval (a paragraph scores as its best sentence) and the units the extractive answerer quotes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from rag.sentences import split_sentences


@dataclass(frozen=True)
class SentenceRows:
    """Row i of `vectors` is sentence `spans[i]` of paragraph `owners[i]`."""

    owners: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray


class SentenceVectors:
    """Sentence and question vectors, cached: the same paragraphs come back question after
    question, and retrieval and answering both need the question's vector."""

    def __init__(self, embedder, cache_size: int = 200_000):
        self.embedder = embedder
        self.text_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = cache_size
        self.lock = threading.RLock()  # the web server answers several questions at once

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of TEXTS, embedding only those not seen before."""
        with self.lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self.text_vectors))
            if missing:
                found = self.embedder.embed_documents(missing)
                for text, vector in zip(missing, found, strict=True):
                    self.text_vectors[text] = np.asarray(vector, dtype=np.float32)
            if not texts:
                return np.zeros((0, 1), dtype=np.float32)
            stacked = np.stack([self.text_vectors[t] for t in texts])
            while len(self.text_vectors) > max(self.cache_size, len(texts)):
                self.text_vectors.popitem(last=False)
            return stacked

    def query(self, text: str) -> np.ndarray:
        """The question's vector."""
        with self.lock:
            self.queries([text])
            return self.query_vectors[text]

    def queries(self, texts: list[str]) -> None:
        """Embed the texts not seen yet in one batch (a question and its sub-questions)."""
        with self.lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self.query_vectors]
            if missing:
                found = self.embedder.embed_documents(missing)
                for text, vector in zip(missing, found, strict=True):
                    self.query_vectors[text] = np.asarray(vector, np.float32)
                while len(self.query_vectors) > 256:
                    self.query_vectors.popitem(last=False)


class SentenceIndex:
    """Built lazily from `letter_index.paragraphs()`; rebuilt (reusing vectors) after a sync."""

    def __init__(self, letter_index, vectors: SentenceVectors | None = None):
        self.index = letter_index
        self.cache = vectors or SentenceVectors(letter_index.embedder)
        self._rows: SentenceRows | None = None
        self._source: list | None = None
        self.lock = threading.RLock()

    def warm_up(self) -> SentenceIndex:
        self.rows()
        return self

    def rows(self) -> SentenceRows:
        with self.lock:  # one rebuild at a time when several questions arrive together
            return self._rows_locked()

    def _rows_locked(self) -> SentenceRows:
        paragraphs = self.index.paragraphs()
        if self._rows is None or paragraphs is not self._source:
            owners, spans, texts = [], [], []
            for p in paragraphs:
                for start, end in split_sentences(p.text):
                    owners.append(p.id)
                    spans.append((start, end))
                    texts.append(p.text[start:end])
            self._rows = SentenceRows(tuple(owners), tuple(spans), self.cache.vectors(texts))
            self._source = paragraphs
        return self._rows

    def vectors(self, texts: list[str]) -> np.ndarray:
        return self.cache.vectors(texts)

    def query(self, text: str) -> np.ndarray:
        return self.cache.query(text)

    def queries(self, texts: list[str]) -> None:
        self.cache.queries(texts)

    def similarities(self, question: str) -> dict[tuple[str, int, int], float]:
        """Cosine similarity of the question to every sentence, keyed (paragraph id, start, end)."""
        rows = self.rows()
        scores = rows.vectors @ self.query(question) if len(rows.owners) else []
        return {
            (owner, start, end): float(score)
            for owner, (start, end), score in zip(rows.owners, rows.spans, scores, strict=True)
        }

    def best_per_paragraph(self, question: str, allowed: set[str]) -> list[tuple[str, float]]:
        """Paragraphs in ALLOWED by the similarity of their best sentence, best first."""
        best: dict[str, float] = {}
        for (owner, _, _), score in self.similarities(question).items():
            if owner in allowed and score > best.get(owner, -2.0):
                best[owner] = score
        return sorted(best.items(), key=lambda pair: -pair[1])
