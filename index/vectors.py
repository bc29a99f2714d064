"""Paragraph vectors held in memory (pure): the store's vectors of every paragraph as one
matrix, and the exact nearest rows among a subset. Retrieval searches this instead of
querying Chroma: a Chroma query has a fixed cost (~8 ms on a few hundred paragraphs, 41 ms
with a state filter at 100k) that made up a third of a question's time, and the few
questions a retrieval asks (the question, its sub-questions, each named state) are one
matrix product each."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class ParagraphVectors:
    """Row i of `matrix` (unit length, float32) is the stored vector of paragraph `ids[i]`;
    `row[id]` = i."""

    ids: tuple[str, ...]
    matrix: np.ndarray
    row: dict[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, ids, matrix) -> ParagraphVectors:
        return cls(tuple(ids), matrix, {pid: n for n, pid in enumerate(ids)})

    def rows_of(self, ids) -> np.ndarray:
        """The rows of IDS (in row order), those without a stored vector left out."""
        return positions(self.row, ids)

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of QUERY (unit length) to every row."""
        return self.matrix @ query if len(self.ids) else np.zeros(0, np.float32)

    def scores_many(self, queries: np.ndarray) -> list[np.ndarray]:
        """`scores` of each row of QUERIES, in one pass over the matrix: at 100k paragraphs the
        matrix is 150 MB, and reading it is what a product costs."""
        return columns(product(self.matrix, queries), len(queries))


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
