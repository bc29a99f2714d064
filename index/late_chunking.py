"""Sentence vectors from the paragraph's own model pass ("late chunking", pure): each sentence's
vector is the normalised mean of the token embeddings its characters cover, so ingest runs the
model once per paragraph instead of once per paragraph and once per sentence.

Serves every letter: any paragraph the tokenizer's truncation leaves whole gets its sentences'
vectors this way; a sentence the truncation cuts (long paragraphs) is embedded on its own."""

from __future__ import annotations

import numpy as np


def token_range(offsets: np.ndarray, span: tuple[int, int]) -> tuple[int, int] | None:
    """[first, end) rows of the tokens inside SPAN, by their character OFFSETS (rows of
    (start, end); special tokens are (0, 0)); None when the truncated tokens do not reach the
    span's end (the sentence was cut)."""
    start, end = span
    real = offsets[:, 1] > offsets[:, 0]
    if not real.any() or offsets[real, 1].max() < end:
        return None
    inside = real & (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
    rows = np.flatnonzero(inside)
    return (int(rows[0]), int(rows[-1]) + 1) if len(rows) else None


def mean_pool(tokens: np.ndarray, rows: tuple[int, int]) -> np.ndarray:
    """The L2-normalised mean of token embeddings ROWS."""
    vector = tokens[rows[0] : rows[1]].mean(axis=0)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def shifted(spans: list[tuple[int, int]], shift: int) -> list[tuple[int, int]]:
    """SPANS of a paragraph's text as spans of the embedded text, which prefixes it by SHIFT
    characters (index.records.embedding_text)."""
    return [(start + shift, end + shift) for start, end in spans]
