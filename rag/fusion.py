"""Rank fusion (pure): how several rankings become one."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Hashable]],
    weights: Sequence[float] | None = None,
    k: float = 60.0,
    discounts: Sequence[Mapping[Hashable, float] | None] | None = None,
) -> dict[Hashable, float]:
    """Sum over rankings of weight / (k + rank), rank 1-based (Cormack et al., 2009). DISCOUNTS,
    one per ranking (or None), scale single items' share of that ranking: a ranking trusted
    less for some items (a model on a language it was not trained on) still counts for them."""
    weights = weights or [1.0] * len(rankings)
    discounts = discounts or [None] * len(rankings)
    scores: dict[Hashable, float] = {}
    for ranking, weight, discount in zip(rankings, weights, discounts, strict=True):
        for rank, item in enumerate(ranking, start=1):
            factor = discount.get(item, 1.0) if discount else 1.0
            scores[item] = scores.get(item, 0.0) + weight * factor / (k + rank)
    return scores


def ranked(scores: Mapping[Hashable, float]) -> list[Hashable]:
    """Items by descending score; ties keep insertion order."""
    return sorted(scores, key=lambda item: -scores[item])
