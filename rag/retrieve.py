"""Hybrid retrieval: dense (Chroma) and BM25 rankings fused, with soft state/year boosts,
list lead-ins kept with their items, letter metadata paragraphs for who/when questions,
diversification for comparisons, and neighbours attached as context only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.errors import UnknownState
from rag.fusion import diversify, ranked, reciprocal_rank_fusion
from rag.query import QueryPlan
from rag.states import canonical_state, fold

LIST_ITEM = re.compile(r"^\s*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|[•\-–▪]|\d{1,2}\))\s", re.I)
COVER = re.compile(r"\bcover(?:ing)?\b", re.I)
ENCLOSED = re.compile(r"\b(?:enclosed|attached|annex(?:ed)?|transmitted)\b", re.I)


@dataclass(frozen=True)
class RetrievalSettings:
    """Tuned on the dev set (scripts/bench_rag.py); see README "Answering and evaluation"."""

    pool: int = 40  # candidates taken from each ranking
    rrf_k: float = 20.0
    dense_weight: float = 1.0
    lexical_weight: float = 0.7
    state_weight: float = 1.2  # named state: an extra ranking of that state's candidates
    year_weight: float = 0.3
    newest_weight: float = 0.6
    list_items: int = 4  # items pulled in after a lead-in that ends with ":"


@dataclass(frozen=True)
class Hit:
    """One retrieved paragraph, with its fused score and its neighbours (context, never cited)."""

    paragraph: object  # IndexedParagraph
    score: float
    rank: int
    dense: float | None = None
    before: str | None = None
    after: str | None = None
    meta: bool = False  # a date/signature/letterhead paragraph injected for a who/when question


@dataclass
class Candidates:
    """The paragraphs a plan allows, and which states the index knows."""

    allowed: list = field(default_factory=list)
    by_id: dict = field(default_factory=dict)
    states: dict = field(default_factory=dict)  # canonical -> stored state names


class Retriever:
    def __init__(self, letter_index, settings: RetrievalSettings | None = None):
        self.index = letter_index
        self.settings = settings or RetrievalSettings()

    def retrieve(self, plan: QueryPlan, k: int) -> list[Hit]:
        pool = self.candidates(plan)
        if not pool.allowed:
            return []
        dense = self.dense_ranking(plan, pool)
        lexical = self.index.lexical().search(plan.lexical, self.settings.pool, ids=set(pool.by_id))
        scores = self.fuse(plan, pool, [p.id for p, _ in dense], [p.id for p, _ in lexical])
        order = ranked(scores)
        if plan.compares or (plan.since and plan.until and plan.since != plan.until):
            order = diversify(order, {pid: pool.by_id[pid].letter_id for pid in order})
        order = self.with_list_items(order, pool, k)
        hits = [
            self.hit(pool.by_id[pid], scores[pid], dict((p.id, s) for p, s in dense).get(pid))
            for pid in order[:k]
        ]
        if plan.asks_meta:
            hits = self.with_letter_metadata(plan, hits, k)
        return [self.with_neighbours(h, rank) for rank, h in enumerate(hits, start=1)]

    # --- candidates and filters --------------------------------------------------------

    def candidates(self, plan: QueryPlan) -> Candidates:
        paragraphs = self.index.paragraphs()
        states: dict[str, set] = {}
        for p in paragraphs:
            if p.state:
                states.setdefault(canonical_state(p.state) or p.state, set()).add(p.state)
        allowed = [p for p in paragraphs if plan.kinds is None or p.kind in plan.kinds]
        if plan.state_filter:
            wanted = canonical_state(plan.state_filter) or plan.state_filter
            if wanted not in states:
                raise UnknownState(plan.state_filter, sorted(states))
            allowed = [p for p in allowed if p.state in states[wanted]]
        if not plan.years_from_question:
            allowed = [p for p in allowed if in_years(p.year, plan.since, plan.until)]
        return Candidates(allowed, {p.id: p for p in allowed}, states)

    def dense_ranking(self, plan: QueryPlan, pool: Candidates) -> list:
        where = {"kind": "body"} if plan.kinds == ("body",) else None
        found = self.index.dense_search(plan.question, self.settings.pool, where=where)
        for state in self.named_stored_states(plan, pool):
            state_where = {"state": state} if where is None else {"$and": [where, {"state": state}]}
            found += self.index.dense_search(
                plan.question, self.settings.pool // 2, where=state_where
            )
        best: dict[str, tuple] = {}
        for paragraph, score in found:
            if paragraph.id in pool.by_id and (
                paragraph.id not in best or best[paragraph.id][1] < score
            ):
                best[paragraph.id] = (paragraph, score)
        return sorted(best.values(), key=lambda pair: -pair[1])

    def named_stored_states(self, plan: QueryPlan, pool: Candidates) -> list[str]:
        return sorted({s for name in plan.states for s in pool.states.get(name, ())})

    # --- fusion --------------------------------------------------------------------------

    def fuse(self, plan: QueryPlan, pool: Candidates, dense: list, lexical: list) -> dict:
        s = self.settings
        base = reciprocal_rank_fusion([dense, lexical], [s.dense_weight, s.lexical_weight], s.rrf_k)
        order = ranked(base)
        boosts, weights = [], []
        named = set(self.named_stored_states(plan, pool))
        if named:
            boosts.append([pid for pid in order if pool.by_id[pid].state in named])
            weights.append(s.state_weight)
        if plan.years_from_question:
            boosts.append(
                [pid for pid in order if in_years(pool.by_id[pid].year, plan.since, plan.until)]
            )
            weights.append(s.year_weight)
        if plan.newest:
            newest = newest_letters(pool.allowed)
            boosts.append([pid for pid in order if pool.by_id[pid].letter_id in newest])
            weights.append(s.newest_weight)
        if not boosts:
            return base
        extra = reciprocal_rank_fusion(boosts, weights, s.rrf_k)
        return {pid: base[pid] + extra.get(pid, 0.0) for pid in order}

    # --- structure: lists, letter metadata, neighbours ------------------------------------

    def with_list_items(self, order: list[str], pool: Candidates, k: int) -> list[str]:
        """A lead-in ending with ':' among the first k brings its list items right after it."""
        result: list[str] = []
        for pid in order:
            if pid in result:
                continue
            result.append(pid)
            paragraph = pool.by_id[pid]
            if len(result) <= k and paragraph.text.rstrip().endswith(":"):
                result += [
                    i.id
                    for i in self.list_items(paragraph)
                    if i.id in pool.by_id and i.id not in result
                ]
        return result

    def list_items(self, lead_in) -> list:
        siblings = self.index.letter(lead_in.letter_id)
        after = [p for p in siblings if p.ordinal > lead_in.ordinal]
        items = []
        for p in after:
            if not LIST_ITEM.match(p.text):
                break
            items.append(p)
        return items[: self.settings.list_items]

    def with_letter_metadata(self, plan: QueryPlan, hits: list[Hit], k: int) -> list[Hit]:
        """Who/when questions: the target letter's date and signature paragraphs come first."""
        letter_id = self.target_letter(plan, hits)
        if letter_id is None:
            return hits
        wanted = []
        if plan.asks_date:
            wanted.append("date")
        if plan.asks_person or not wanted:
            wanted.append("signature")
        if plan.asks_office:
            wanted.append("letterhead")
        paragraphs = self.index.letter(letter_id)
        meta = [p for kind in wanted for p in paragraphs if p.kind == kind][:k]
        top = hits[0].score if hits else 1.0
        injected = [Hit(p, top, 0, meta=True) for p in meta]
        rest = [h for h in hits if h.paragraph.id not in {p.id for p in meta}]
        return (injected + rest)[:k]

    def target_letter(self, plan: QueryPlan, hits: list[Hit]) -> str | None:
        """The letter a who/when question is about: retrieval score plus sender and cover cues."""
        letters: dict[str, float] = {}
        for hit in hits:
            letters[hit.paragraph.letter_id] = letters.get(hit.paragraph.letter_id, 0.0) + hit.score
        if not letters:
            return None
        first = {h.paragraph.letter_id: h.paragraph for h in reversed(hits)}
        question = fold(plan.question)
        for letter_id, p in first.items():
            words = {w for w in re.findall(r"[a-z]{4,}", fold(p.sender or "")) if w in question}
            letters[letter_id] *= 1.0 + 0.5 * len(words)
            if COVER.search(plan.question) and p.letter_index == 0:
                letters[letter_id] *= 2.0
            if ENCLOSED.search(plan.question) and p.letter_index > 0:
                letters[letter_id] *= 2.0
            if plan.states and canonical_state(p.state or "") in plan.states:
                letters[letter_id] *= 2.0
        return max(letters, key=letters.get)

    def hit(self, paragraph, score: float, dense: float | None) -> Hit:
        return Hit(paragraph, score, 0, dense)

    def with_neighbours(self, hit: Hit, rank: int) -> Hit:
        siblings = {p.ordinal: p for p in self.index.letter(hit.paragraph.letter_id)}
        before = siblings.get(hit.paragraph.ordinal - 1)
        after = siblings.get(hit.paragraph.ordinal + 1)
        return Hit(
            hit.paragraph,
            hit.score,
            rank,
            hit.dense,
            before and before.text,
            after and after.text,
            hit.meta,
        )


def in_years(year: int | None, since: int | None, until: int | None) -> bool:
    if year is None:
        return since is None and until is None
    return (since is None or year >= since) and (until is None or year <= until)


def newest_letters(paragraphs) -> set[str]:
    """The id of each state's newest letter."""
    newest: dict[str, tuple[str, str]] = {}
    for p in paragraphs:
        key = canonical_state(p.state or "") or p.state or p.letter_id
        if key not in newest or (p.date or "") > newest[key][0]:
            newest[key] = (p.date or "", p.letter_id)
    return {letter_id for _, letter_id in newest.values()}
