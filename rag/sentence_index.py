"""Sentence vectors of every stored paragraph: a fine-grained dense ranking for retrieval (a
paragraph scores as its best sentence) and the units the extractive answerer quotes.

The vectors are data: the index computes them at ingest and stores them (index/sentence_records.py),
so a start-up reads them and a question embeds only itself. Texts the store does not hold (a list
read as one unit, an index written before sentence vectors were stored) are embedded on demand
and cached."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from index.kept import Kept
from index.records import ranking_text
from index.vectors import Shortcut, columns, nearest, positions, scan
from rag.sentences import split_sentences


@dataclass(frozen=True)
class SentenceRows:
    """Row i of `vectors` is sentence `spans[i]` of paragraph `owners[i]`; a paragraph's rows
    are contiguous, `ranges[id]` = (first row, end row)."""

    owners: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    paragraph_ids: tuple[str, ...] = ()  # each paragraph once, in row order
    starts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), compare=False)
    position: dict[str, int] = field(default_factory=dict, compare=False)  # in paragraph_ids
    first_passes: dict = field(default_factory=dict, compare=False, repr=False)  # see scan

    @classmethod
    def of(cls, owners, spans, vectors) -> SentenceRows:
        ranges: dict[str, tuple[int, int]] = {}
        for row, owner in enumerate(owners):
            first, _ = ranges.get(owner, (row, row))
            ranges[owner] = (first, row + 1)
        starts = np.array([first for first, _ in ranges.values()], dtype=np.int64)
        position = {pid: n for n, pid in enumerate(ranges)}
        return cls(tuple(owners), tuple(spans), vectors, ranges, tuple(ranges), starts, position)

    def best_scores(self, query: np.ndarray) -> np.ndarray:
        return self.best_scores_many(query[None])[0]

    def best_scores_many(self, queries: np.ndarray, shortcut: Shortcut | None = None) -> list:
        """Per paragraph of `paragraph_ids`, the cosine of its best sentence to each row of
        QUERIES (one pass over the sentence matrix and one reduction: a question scores every
        sentence of a large index in milliseconds). First-pass scores when SHORTCUT applies
        (rescore the best with `exact_best`)."""
        if not len(self.starts):
            return [np.zeros(0, np.float32) for _ in queries]
        found = scan(self.vectors, queries, shortcut, self.first_passes)
        return columns(np.maximum.reduceat(found, self.starts), len(queries))

    def exact_best(self, positions: np.ndarray, query: np.ndarray) -> np.ndarray:
        """The exact best-sentence cosine to QUERY of the paragraphs at POSITIONS."""
        ends = np.append(self.starts[1:], len(self.vectors))
        spans = [np.arange(self.starts[n], ends[n]) for n in positions]
        if not spans:
            return np.zeros(0, np.float32)
        firsts = np.cumsum([0, *(len(span) for span in spans[:-1])])
        return np.maximum.reduceat(self.vectors[np.concatenate(spans)] @ query, firsts)


class SentenceVectors:
    """Sentence and question vectors: the store's sentence vectors when STORED (a LetterIndex)
    holds them, else embedded once and cached. No lock is held while the model runs, so
    concurrent questions embed in parallel."""

    def __init__(self, embedder, cache_size: int = 200_000, stored=None):
        self.embedder = embedder
        self.stored = stored if hasattr(stored, "sentence_vectors") else None
        self.text_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = cache_size
        self.lock = threading.Lock()  # guards the caches only, never a model call
        self._lookup: tuple[object, np.ndarray, dict[str, int]] | None = None

    def warm_up(self) -> SentenceVectors:
        self.stored_lookup()
        return self

    def stored_lookup(self) -> tuple[np.ndarray | None, dict[str, int]]:
        """(matrix, text -> row) of the stored sentence vectors, rebuilt when they change."""
        if self.stored is None:
            return None, {}
        sentences = self.stored.sentence_vectors()
        lookup = self._lookup
        if lookup is None or lookup[0] is not sentences:
            texts = {p.id: p.text for p in self.stored.paragraphs()}
            rows = {
                texts[owner][start:end]: row
                for row, (owner, (start, end)) in enumerate(
                    zip(sentences.owners, sentences.spans, strict=True)
                )
                if owner in texts
            }
            lookup = self._lookup = (sentences, sentences.vectors, rows)
        return lookup[1], lookup[2]

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of TEXTS: stored ones read, others embedded once."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        matrix, rows = self.stored_lookup()
        wanted = [t for t in dict.fromkeys(texts) if t not in rows]
        with self.lock:
            known = {t: self.text_vectors[t] for t in wanted if t in self.text_vectors}
        missing = [t for t in wanted if t not in known]
        found = self.embedder.embed_documents(missing) if missing else []
        known |= {t: np.asarray(v, dtype=np.float32) for t, v in zip(missing, found, strict=True)}
        with self.lock:
            self.text_vectors.update((t, known[t]) for t in missing)
            while len(self.text_vectors) > max(self.cache_size, len(texts)):
                self.text_vectors.popitem(last=False)
        return np.stack([matrix[rows[t]] if t in rows else known[t] for t in texts])

    def query(self, text: str) -> np.ndarray:
        """The question's vector."""
        return self._query_vectors([text])[0]

    def queries(self, texts: list[str]) -> None:
        """Embed the texts not seen yet in one batch (a question and its sub-questions)."""
        self._query_vectors(texts)

    def _query_vectors(self, texts: list[str]) -> list[np.ndarray]:
        """Through the index's cache when there is one: its dense search needs the same."""
        if self.stored is not None and hasattr(self.stored, "query_vectors"):
            return [np.asarray(v, np.float32) for v in self.stored.query_vectors(texts)]
        with self.lock:
            known = {t: self.query_vectors[t] for t in texts if t in self.query_vectors}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        found = self.embedder.embed_documents(missing) if missing else []
        known |= {t: np.asarray(v, np.float32) for t, v in zip(missing, found, strict=True)}
        with self.lock:
            self.query_vectors.update((t, known[t]) for t in missing)
            while len(self.query_vectors) > 256:
                self.query_vectors.popitem(last=False)
        return [known[t] for t in texts]


class SentenceIndex:
    """The sentence rows of `letter_index.paragraphs()`: the stored ones when every paragraph
    has them, else split and embedded here (reusing stored vectors); rebuilt after a sync."""

    def __init__(self, letter_index, vectors: SentenceVectors | None = None):
        self.index = letter_index
        self.cache = vectors or SentenceVectors(letter_index.embedder, stored=letter_index)
        self._rows: SentenceRows | None = None
        self._source: object | None = None
        self._labelled: tuple[object, list] | None = None
        self._picked = Kept(4096)  # allowed -> its positions: see rows_of
        self._best = Kept()  # question -> scores of the current rows: see best_scores
        self.lock = threading.Lock()  # one rebuild at a time when several questions arrive

    def warm_up(self) -> SentenceIndex:
        self.rows()
        self.cache.warm_up()
        return self

    def rows_of(self, rows: SentenceRows, allowed) -> np.ndarray:
        """The positions in ROWS of the paragraphs in ALLOWED, kept per set: the unfiltered pool
        and each state's are one set object per generation, asked by every question."""
        return self._picked.get_by_identity(
            rows, allowed, lambda: positions(rows.position, allowed)
        )

    def labelled_paragraphs(self) -> list:
        """The stored table rows that carry column labels (recomputed after a sync)."""
        paragraphs = self.index.paragraphs()
        cached = self._labelled
        if cached is None or cached[0] is not paragraphs:
            labelled = [p for p in paragraphs if getattr(p, "labels", ())]
            cached = self._labelled = (paragraphs, labelled)
        return cached[1]

    def rows(self) -> SentenceRows:
        with self.lock:
            return self._rows_locked()

    def _rows_locked(self) -> SentenceRows:
        paragraphs = self.index.paragraphs()
        stored = getattr(self.index, "sentence_vectors", None)
        sentences = stored() if stored else None
        source = sentences if sentences is not None and not sentences.missing else paragraphs
        if self._rows is None or source is not self._source:
            if source is sentences:
                self._rows = SentenceRows.of(sentences.owners, sentences.spans, sentences.vectors)
            else:
                self._rows = self._embedded_rows(paragraphs)
            self._source = source
        return self._rows

    def _embedded_rows(self, paragraphs) -> SentenceRows:
        owners, spans, texts = [], [], []
        for p in paragraphs:
            for start, end in split_sentences(p.text):
                owners.append(p.id)
                spans.append((start, end))
                texts.append(p.text[start:end])
        return SentenceRows.of(owners, spans, self.cache.vectors(texts))

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

    def best_per_paragraph(
        self, question: str, allowed: set[str], limit: int | None = None, shortcut=None
    ) -> list[tuple[str, float]]:
        """Paragraphs in ALLOWED by the similarity of their best sentence, best first (equal
        scores in paragraph order), the first LIMIT of them (default: all). SHORTCUT: the
        first pass over a large sentence matrix (index/vectors.py)."""
        rows = self.rows()
        best = self.best_scores(rows, question, shortcut)
        labelled = self.labelled_rows(question, allowed)
        position = {pid: rows.position[pid] for pid in labelled if pid in rows.position}
        if position:
            best = best.copy()  # the kept scores stay the sentences' own
        for pid, n in position.items():
            best[n] = max(best[n], labelled[pid])
        picked = self.rows_of(rows, allowed)
        labels = {n: labelled[pid] for pid, n in position.items()}

        def exact(chosen: np.ndarray) -> np.ndarray:
            found = rows.exact_best(chosen, self.query(question))
            pairs = zip(chosen, found, strict=True)
            return np.array([max(s, labels.get(n, s)) for n, s in pairs], np.float32)

        approximate = shortcut is not None and shortcut.applies(rows.vectors)
        count = len(picked) if limit is None else limit
        oversample = shortcut.oversample if approximate else 0
        order, scores = nearest(best, picked, count, exact, oversample)
        found = [(rows.paragraph_ids[i], s) for i, s in zip(order, scores.tolist(), strict=True)]
        missing = [(pid, score) for pid, score in labelled.items() if pid not in position]
        return sorted(found + missing, key=lambda pair: -pair[1])[:limit] if missing else found

    def best_scores(self, rows: SentenceRows, question: str, shortcut=None) -> np.ndarray:
        """ROWS' best-sentence scores of QUESTION; the last few kept (a "which states" answer
        ranks the same question once per state)."""
        return self._best.get(
            rows,
            (question, shortcut),
            lambda: rows.best_scores_many(self.query(question)[None], shortcut)[0],
        )

    def score_all(self, texts: list[str], shortcut=None) -> None:
        """Best-sentence scores of every text of TEXTS (a question and its parts), in one pass."""
        rows = self.rows()

        def compute(missing: list[tuple]) -> list[np.ndarray]:
            queries = np.stack([self.query(text) for text, _ in missing])
            return rows.best_scores_many(queries, shortcut)

        self._best.get_many(rows, [(text, shortcut) for text in texts], compute)

    def labelled_rows(self, question: str, allowed: set[str]) -> dict[str, float]:
        """Table rows in ALLOWED scored as read with their column labels (their cells alone are
        bare values: "3 de diciembre de 1997 | 9 de junio de 1998"). Serves questions answered
        by a row of a table; the labelled texts are embedded once and cached."""
        rows = [p for p in self.labelled_paragraphs() if p.id in allowed]
        if not rows:
            return {}
        scores = self.vectors([ranking_text(p) for p in rows]) @ self.query(question)
        return {p.id: float(score) for p, score in zip(rows, scores, strict=True)}
