"""Sentence vectors as stored data (pure): one record per paragraph in `<name>-sentences`, its
sentences' spans and float16 vectors packed into metadata, so loading them at start is one read
and no embedding."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field

import numpy as np

SPANS_KEY = "spans"
VECTORS_KEY = "vectors"
STORED_DTYPE = np.float16  # halves the store and the read; cosine error below 1e-3


def pack(spans: list[tuple[int, int]], vectors) -> dict:
    """The metadata of one paragraph's sentences (SPANS and one vector per span)."""
    matrix = np.asarray(vectors, dtype=STORED_DTYPE)
    matrix = matrix.reshape(len(spans), -1) if spans else np.zeros(0, STORED_DTYPE)
    return {
        SPANS_KEY: json.dumps([list(span) for span in spans]),
        VECTORS_KEY: base64.b64encode(matrix.tobytes()).decode("ascii"),
    }


def unpack(metadata: dict) -> tuple[list[tuple[int, int]], np.ndarray]:
    """(spans, float16 vectors, one row per span) of one record."""
    spans = [tuple(span) for span in json.loads(metadata.get(SPANS_KEY) or "[]")]
    raw = np.frombuffer(base64.b64decode(metadata.get(VECTORS_KEY) or ""), dtype=STORED_DTYPE)
    return spans, raw.reshape(len(spans), -1) if spans else raw.reshape(0, 0)


@dataclass(frozen=True)
class StoredSentences:
    """Row i of `vectors` is sentence `spans[i]` of paragraph `owners[i]`, for every stored
    paragraph in paragraph order; `missing` names paragraphs stored without sentence vectors
    (an index written before they were stored: the next `letters ingest` adds them)."""

    owners: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray
    missing: frozenset[str] = field(default_factory=frozenset)


def assemble(paragraph_ids: list[str], decoded: dict, dimension: int) -> StoredSentences:
    """One float32 matrix of the DECODED (id -> (spans, vectors)) rows, in PARAGRAPH_IDS order,
    allocated once (at 100k paragraphs it is ~600 MB)."""
    present = [pid for pid in paragraph_ids if pid in decoded]
    total = sum(len(decoded[pid][0]) for pid in present)
    matrix = np.empty((total, dimension), dtype=np.float32)
    owners, spans, row = [], [], 0
    for pid in present:
        found_spans, vectors = decoded[pid]
        if not found_spans:
            continue
        matrix[row : row + len(found_spans)] = vectors
        row += len(found_spans)
        owners += [pid] * len(found_spans)
        spans += found_spans
    missing = frozenset(pid for pid in paragraph_ids if pid not in decoded)
    return StoredSentences(tuple(owners), tuple(spans), matrix, missing)
