"""Rank fusion and diversification, checked against numbers computed by hand."""

import pytest

from rag.fusion import ranked, reciprocal_rank_fusion


def test_rrf_sums_weighted_reciprocal_ranks():
    scores = reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]], [1.0, 0.5], k=10)
    assert scores["a"] == pytest.approx(1 / 11)
    assert scores["b"] == pytest.approx(1 / 12 + 0.5 / 11)
    assert scores["c"] == pytest.approx(1 / 13)
    assert scores["d"] == pytest.approx(0.5 / 12)
    assert ranked(scores) == ["b", "a", "c", "d"]


def test_rrf_default_weights_are_equal():
    scores = reciprocal_rank_fusion([["x", "y"], ["y", "x"]], k=60)
    assert scores["x"] == pytest.approx(scores["y"])


def test_rrf_rejects_mismatched_weights():
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"], ["b"]], [1.0])


def test_a_discount_scales_one_items_share_of_one_ranking():
    rankings = [["fr", "en"], ["en", "fr"]]
    scores = reciprocal_rank_fusion(rankings, [1.0, 1.0], k=10, discounts=[{"fr": 0.5}, None])
    assert scores["fr"] == pytest.approx(0.5 / 11 + 1 / 12)
    assert scores["en"] == pytest.approx(1 / 12 + 1 / 11)
    assert ranked(scores) == ["en", "fr"]  # tied without the discount

