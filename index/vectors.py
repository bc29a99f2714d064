"""Paragraph vectors held in memory (pure): the store's vectors of every paragraph as one
matrix, and the exact nearest rows among a subset. Retrieval searches this instead of
querying Chroma: a Chroma query has a fixed cost (~8 ms on a few hundred paragraphs, 41 ms
with a state filter at 100k) that made up a third of a question's time, and the few
questions a retrieval asks (the question, its sub-questions, each named state) are one
matrix product each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class ParagraphVectors:
    """Row i of `matrix` (unit length, float32) is the stored vector of paragraph `ids[i]`;
    `row[id]` = i."""

    ids: tuple[str, ...]
    matrix: np.ndarray
    row: dict[str, int] = field(default_factory=dict, compare=False)
    first_passes: dict = field(default_factory=dict, compare=False, repr=False)  # see scan

    @classmethod
    def of(cls, ids, matrix) -> ParagraphVectors:
        return cls(tuple(ids), matrix, {pid: n for n, pid in enumerate(ids)})

    def rows_of(self, ids) -> np.ndarray:
        """The rows of IDS (in row order), those without a stored vector left out."""
        return positions(self.row, ids)

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of QUERY (unit length) to every row."""
        return self.matrix @ query if len(self.ids) else np.zeros(0, np.float32)

    def scores_many(self, queries: np.ndarray, shortcut: Shortcut | None = None) -> list:
        """`scores` of each row of QUERIES, in one pass over the matrix: at 100k paragraphs the
        matrix is 150 MB, and reading it is what a product costs. First-pass scores when
        SHORTCUT applies (rescore the best with `exact`)."""
        return columns(scan(self.matrix, queries, shortcut, self.first_passes), len(queries))

    def exact(self, rows: np.ndarray, query: np.ndarray) -> np.ndarray:
        return self.matrix[rows] @ query


def positions(position: dict[str, int], ids) -> np.ndarray:
    """The rows of IDS by POSITION (id -> row), in row order; ids without a row left out."""
    return np.array(sorted(position[pid] for pid in ids if pid in position), dtype=np.int64)


def product(matrix: np.ndarray, queries: np.ndarray, block: int = 128) -> np.ndarray:
    """MATRIX @ QUERIES.T, by blocks of BLOCK rows for several queries: OpenBLAS multiplies a
    tall matrix by a few vectors at half the speed it reads memory (157k x 384 by 3 queries on
    one thread: 46 ms whole, 27 ms in 128-row blocks, 17 ms for one query alone)."""
    if len(queries) == 1:
        return (matrix @ queries[0])[:, None]
    found = np.empty((len(matrix), len(queries)), np.float32)
    for start in range(0, len(matrix), block):
        np.matmul(matrix[start : start + block], queries.T, out=found[start : start + block])
    return found


@dataclass(frozen=True)
class Shortcut:
    """When a first pass in fewer dimensions stands in for a large matrix: from ROWS rows on,
    in DIMS dimensions, its OVERSAMPLE x k best rows rescored exactly. At 157k x 384 reading the
    matrix is the product's cost (23 ms for 3 questions on one thread), 96 dimensions read a
    quarter; on the 100k bench index the exact top 40 fell outside the first pass's top 640 for
    0.07% of paragraph rankings and 0.9% of sentence rankings."""

    dims: int = 96
    rows: int = 50_000
    oversample: int = 16

    def applies(self, matrix: np.ndarray) -> bool:
        return 0 < self.dims < matrix.shape[1] and len(matrix) >= self.rows


@dataclass(frozen=True)
class FirstPass:
    """A matrix's rows in the DIMS directions that carry most of its rows' variance (uncentred:
    a dot product in the basis approximates the dot product of unit vectors)."""

    basis: np.ndarray  # (dimension, dims)
    matrix: np.ndarray  # (rows, dims)

    @classmethod
    def of(cls, matrix: np.ndarray, dims: int, sample: int = 20_000) -> FirstPass:
        rng = np.random.default_rng(0)  # the same basis at every start
        rows = matrix
        if len(matrix) > sample:
            rows = matrix[rng.choice(len(matrix), sample, replace=False)]
        _, directions = np.linalg.eigh(rows.T.astype(np.float64) @ rows)
        basis = np.ascontiguousarray(directions[:, ::-1][:, :dims], dtype=np.float32)
        return cls(basis, np.ascontiguousarray(matrix @ basis))


def scan(matrix: np.ndarray, queries: np.ndarray, shortcut: Shortcut | None, kept: dict):
    """MATRIX @ QUERIES.T, or the first pass's approximation when SHORTCUT applies (its
    FirstPass made once and kept in KEPT)."""
    first = first_pass(matrix, shortcut, kept)
    if first is None:
        return product(matrix, queries)
    return product(first.matrix, np.ascontiguousarray(queries @ first.basis))


def first_pass(matrix: np.ndarray, shortcut: Shortcut | None, kept: dict) -> FirstPass | None:
    """MATRIX's FirstPass when SHORTCUT applies, made once and kept in KEPT (a server makes it
    at warm-up: 0.3 s at 100k paragraphs)."""
    if shortcut is None or not shortcut.applies(matrix):
        return None
    if shortcut.dims not in kept:
        kept[shortcut.dims] = FirstPass.of(matrix, shortcut.dims)
    return kept[shortcut.dims]


def nearest(
    scores: np.ndarray, rows: np.ndarray, k: int, exact: Callable, oversample: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """The K rows of ROWS with the highest scores, best first (ties in row order), and their
    scores. With OVERSAMPLE, SCORES are a first pass's: its OVERSAMPLE x K best are rescored by
    EXACT(rows) and ranked by that."""
    if not oversample:
        chosen = top_rows(scores, rows, k)
        return chosen, scores[chosen]
    candidates = np.sort(top_rows(scores, rows, k * oversample))
    found = np.asarray(exact(candidates), dtype=np.float32)
    order = np.argsort(-found, kind="stable")[:k]
    return candidates[order], found[order]


def columns(found: np.ndarray, count: int) -> list[np.ndarray]:
    """The COUNT columns of FOUND, each contiguous (they are kept apart, one per text)."""
    if not found.size:
        return [np.zeros(0, np.float32) for _ in range(count)]
    return [np.ascontiguousarray(found[:, n]) for n in range(count)]


def top_rows(scores: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """The K rows of ROWS with the highest SCORES, best first (ties in row order)."""
    if k <= 0 or not len(rows):
        return rows[:0]
    chosen = scores[rows]
    if k < len(rows):
        keep = np.sort(np.argpartition(-chosen, k - 1)[:k])  # row order, for stable ties
        rows, chosen = rows[keep], chosen[keep]
    return rows[np.argsort(-chosen, kind="stable")]


def in_store_order(paragraph_ids: list[str], pages) -> ParagraphVectors:
    """One matrix of the PAGES ((ids, vectors) from the store) in PARAGRAPH_IDS order."""
    found: dict[str, np.ndarray] = {}
    for ids, vectors in pages:
        found.update(zip(ids, np.asarray(vectors, dtype=np.float32), strict=True))
    present = [pid for pid in paragraph_ids if pid in found]
    dimension = len(found[present[0]]) if present else 0
    matrix = np.empty((len(present), dimension), dtype=np.float32)
    for n, pid in enumerate(present):
        matrix[n] = found.pop(pid)
    return ParagraphVectors.of(present, matrix)
