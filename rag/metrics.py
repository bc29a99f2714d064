"""Evaluation metrics (pure): the gold rule, retrieval and answer scores, and their summary."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

STOP_WORD_TEXT = """
the and for with that this these those from into its was were are has have had not but which who
whom what when where how why their they them there been being also than then such any all each
other only our your his her she him will would shall should can could may might does did done
about over under after before between both more most some very own same just one two per via
les des une dans pour par sur avec est sont pas que qui aux ces son ses leur elle ont été
los las del con por para una como sus fue han
"""
STOP_WORDS = frozenset(STOP_WORD_TEXT.split())
WORD = re.compile(r"[^\W\d_]+")
FACT_THRESHOLD = 0.7


def normalise_ws(text: str) -> str:
    return " ".join(text.split())


def matches_gold(file: str, text: str, gold: dict) -> bool:
    """The gold rule: same file (relative to the letters folder) and the quote inside the text."""
    return file == gold["file"] and normalise_ws(gold["paragraph_quote"]) in normalise_ws(text)


def is_gold(file: str, text: str, golds: Sequence[dict]) -> bool:
    return any(matches_gold(file, text, gold) for gold in golds)


def recall_at(retrieved: Sequence[tuple[str, str]], golds: Sequence[dict], k: int) -> float:
    """Share of gold entries matched by one of the first K retrieved (file, text) pairs."""
    top = retrieved[:k]
    found = sum(any(matches_gold(file, text, gold) for file, text in top) for gold in golds)
    return found / len(golds)


def reciprocal_rank(retrieved: Sequence[tuple[str, str]], golds: Sequence[dict]) -> float:
    """1 / rank of the first retrieved paragraph that matches any gold entry (0 if none does)."""
    for rank, (file, text) in enumerate(retrieved, start=1):
        if is_gold(file, text, golds):
            return 1.0 / rank
    return 0.0


def content_words(text: str) -> set[str]:
    """Words of three or more letters outside the stop words, as their first five letters."""
    words = (w.casefold() for w in WORD.findall(text))
    return {w[:5] for w in words if len(w) >= 3 and w not in STOP_WORDS}


def fact_covered(fact: str, answer: str) -> bool:
    """At least 70% of the fact's content words occur in the answer."""
    wanted = content_words(fact)
    if not wanted:
        return normalise_ws(fact).casefold() in normalise_ws(answer).casefold()
    return len(wanted & content_words(answer)) / len(wanted) >= FACT_THRESHOLD


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least P% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class QuestionScore:
    """The scores of one answered question."""

    id: str
    kind: str
    answerable: bool
    abstained: bool
    recall_1: float | None  # None on unanswerable questions
    recall_5: float | None
    reciprocal_rank: float | None
    cited: int  # paragraphs cited
    cited_gold: int  # of which gold
    facts: int
    facts_covered: int
    latency_ms: float


def score_question(
    question: dict,
    retrieved: Sequence[tuple[str, str]],
    cited: Sequence[tuple[str, str]],
    answer: str,
    abstained: bool,
    latency_ms: float,
) -> QuestionScore:
    """Score one question from its retrieved and cited (file, text) pairs and its answer text."""
    golds, facts = question.get("gold") or [], question.get("answer_facts") or []
    answerable = bool(golds)
    return QuestionScore(
        id=question["id"],
        kind=question.get("kind", "unknown"),
        answerable=answerable,
        abstained=abstained,
        recall_1=recall_at(retrieved, golds, 1) if answerable else None,
        recall_5=recall_at(retrieved, golds, 5) if answerable else None,
        reciprocal_rank=reciprocal_rank(retrieved, golds) if answerable else None,
        cited=len(cited),
        cited_gold=sum(is_gold(f, t, golds) for f, t in cited),
        facts=len(facts),
        facts_covered=sum(fact_covered(fact, answer) for fact in facts),
        latency_ms=latency_ms,
    )


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def summarise(scores: Sequence[QuestionScore]) -> dict:
    """The metrics over SCORES (keys as in `letters eval --json`, without by_kind)."""
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]
    answered = [s for s in answerable if not s.abstained]
    latencies = [s.latency_ms for s in scores]
    return {
        "questions": len(scores),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "recall@1": mean([s.recall_1 for s in answerable]),
        "recall@5": mean([s.recall_5 for s in answerable]),
        "mrr": mean([s.reciprocal_rank for s in answerable]),
        "citation_precision": ratio(
            sum(s.cited_gold for s in answered), sum(s.cited for s in answered)
        ),
        "answer_facts": ratio(
            sum(s.facts_covered for s in answerable), sum(s.facts for s in answerable)
        ),
        "abstention_accuracy": ratio(sum(s.abstained for s in unanswerable), len(unanswerable)),
        "false_abstention": ratio(sum(s.abstained for s in answerable), len(answerable)),
        "latency_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)},
    }


def summarise_by_kind(scores: Sequence[QuestionScore]) -> dict:
    """summarise() overall, plus one summary per kind under "by_kind"."""
    kinds = sorted({s.kind for s in scores})
    return summarise(scores) | {
        "by_kind": {k: summarise([s for s in scores if s.kind == k]) for k in kinds}
    }
