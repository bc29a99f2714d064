"""The metric code itself, on hand-made answers with hand-computed numbers."""

import pytest

from rag.metrics import (
    content_words,
    fact_covered,
    matches_gold,
    percentile,
    recall_at,
    reciprocal_rank,
    score_question,
    summarise_by_kind,
)

GOLD_A = {"file": "a.txt", "letter_index": 0, "paragraph_quote": "Alpha  states\nthat"}
GOLD_B = {"file": "b.txt", "letter_index": 0, "paragraph_quote": "Beta rules"}


def test_gold_rule_normalises_whitespace_and_checks_the_file():
    assert matches_gold("a.txt", "1. Alpha states that it agrees.", GOLD_A)
    assert not matches_gold("b.txt", "1. Alpha states that it agrees.", GOLD_A)
    assert not matches_gold("a.txt", "Alpha declares that", GOLD_A)


def test_recall_and_reciprocal_rank():
    retrieved = [("x.txt", "noise"), ("b.txt", "Beta rules here"), ("a.txt", "Alpha states that")]
    assert recall_at(retrieved, [GOLD_A, GOLD_B], 1) == 0.0
    assert recall_at(retrieved, [GOLD_A, GOLD_B], 2) == 0.5
    assert recall_at(retrieved, [GOLD_A, GOLD_B], 5) == 1.0
    assert reciprocal_rank(retrieved, [GOLD_A, GOLD_B]) == 0.5
    assert reciprocal_rank(retrieved[:1], [GOLD_A]) == 0.0


def test_content_words_are_five_letter_prefixes_without_stop_words():
    assert content_words("The Convention was ratified by Norway in 2008") == {
        "conve",
        "ratif",
        "norwa",
    }


def test_fact_coverage_needs_seventy_percent_of_its_content_words():
    fact = "Norway ratified the Convention in Oslo"  # norwa, ratif, conve, oslo
    assert fact_covered(fact, "NORWAY's ratification of the Conventions")  # 3/4 = 0.75
    assert not fact_covered(fact, "Norway signed the Convention")  # 2/4 = 0.5
    assert fact_covered("24 February 2009", "dated 24 February 2009")  # febru


def test_nearest_rank_percentiles():
    assert percentile([40, 10, 30, 20], 50) == 20
    assert percentile([40, 10, 30, 20], 95) == 40
    assert percentile([], 50) is None


def test_summary_of_a_tiny_run():
    q1 = {
        "id": "q1",
        "kind": "factual",
        "gold": [GOLD_A, GOLD_B],
        "answer_facts": ["Alpha agrees", "Beta rules"],
    }
    q2 = {"id": "q2", "kind": "factual", "gold": [GOLD_A], "answer_facts": ["Gamma said no"]}
    q3 = {"id": "q3", "kind": "unanswerable", "gold": [], "answer_facts": []}
    q4 = {"id": "q4", "kind": "unanswerable", "gold": [], "answer_facts": []}
    a, b, x = ("a.txt", "Alpha states that Alpha agrees"), ("b.txt", "Beta rules"), ("x.txt", "no")
    scores = [
        # q1: gold at ranks 1 and 3; cites a (gold) and x (not): precision 1/2; facts 1/2.
        score_question(q1, [a, x, b], [a, x], "Alpha agrees [1]. Nothing [2].", False, 100.0),
        # q2: gold at rank 2; abstains (a false abstention), cites nothing.
        score_question(q2, [x, a], [], "The letters do not address this.", True, 300.0),
        # q3: abstains correctly; q4 answers although it should not.
        score_question(q3, [x], [x], "The letters do not address this.", True, 200.0),
        score_question(q4, [x], [x], "Something [1].", False, 400.0),
    ]
    summary = summarise_by_kind(scores)
    assert summary["questions"] == 4
    assert (summary["answerable"], summary["unanswerable"]) == (2, 2)
    assert summary["recall@1"] == pytest.approx((0.5 + 0.0) / 2)
    assert summary["recall@5"] == pytest.approx((1.0 + 1.0) / 2)
    assert summary["mrr"] == pytest.approx((1.0 + 0.5) / 2)
    assert summary["citation_precision"] == pytest.approx(1 / 2)  # only q1 answered
    assert summary["answer_facts"] == pytest.approx(1 / 3)  # 1 of q1's 2 + 0 of q2's 1
    assert summary["abstention_accuracy"] == 0.5
    assert summary["false_abstention"] == 0.5
    assert summary["latency_ms"] == {"p50": 200.0, "p95": 400.0}
    assert summary["by_kind"]["unanswerable"]["recall@5"] is None
    assert summary["by_kind"]["factual"]["false_abstention"] == 0.5
