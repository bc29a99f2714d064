"""Rank fusion (pure): how several rankings become one."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Hashable]], weights: Sequence[float] | None = None, k: float = 60.0
) -> dict[Hashable, float]:
    """Sum over rankings of weight / (k + rank), rank 1-based (Cormack et al., 2009)."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[Hashable, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores


def ranked(scores: Mapping[Hashable, float]) -> list[Hashable]:
    """Items by descending score; ties keep insertion order."""
    return sorted(scores, key=lambda item: -scores[item])
