"""Hybrid retrieval: dense (the stored paragraph vectors) and BM25 rankings fused, with soft
state/year boosts, list lead-ins kept with their items, letter metadata paragraphs for who/when
questions, diversification for comparisons, and neighbours attached as context only."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache, partial
from itertools import zip_longest

import numpy as np
from langchain_core.runnables import RunnableLambda, RunnableSequence

from index.kept import Kept
from index.vectors import Shortcut, first_pass, nearest
from ingest import CONTENT_KINDS, TABLE_ROW
from ingest.extracted import CELL_SEPARATOR
from ingest.language import detect_language
from ingest.text import content_terms, is_list_item, language_of
from rag.cognates import CognateIndex
from rag.courtesy import is_courtesy
from rag.errors import UnknownState
from rag.footnote import human_date
from rag.fusion import ranked, reciprocal_rank_fusion
from rag.glossary import expand
from rag.query import BRIDGE, QueryPlan, embedded_texts, hop_question, ranked_texts
from rag.sentence_index import SentenceIndex
from rag.settings import setting, validate
from rag.states import canonical_state, find_states, fold, name_pattern

GROUPED = ("grouped",)  # Candidates.rows_in: every state's rows are kept (no state is a tuple)
COVER = re.compile(r"\bcover(?:ing)?\b", re.I)
ENCLOSED = re.compile(r"\b(?:enclosed|attached|annex(?:ed)?|transmitted)\b", re.I)


@dataclass(frozen=True)
class RetrievalSettings:
    """Retrieval's numbers, each with its meaning and range; defaults chosen by cross-validation
    over both dev corpora (scripts/tune.py; README "Answering and evaluation")."""

    pool: int = setting(40, 5, 500, "candidates taken from each ranking")
    skip: frozenset = frozenset()  # names of Retriever.STEPS left out (ablation)
    rrf_k: float = setting(20.0, 1.0, 200.0, "reciprocal rank fusion constant (larger: flatter)")
    dense_weight: float = setting(1.0, 0.0, 5.0, "weight of Chroma's paragraph ranking")
    sentence_weight: float = setting(1.0, 0.0, 5.0, "weight of the best-sentence ranking")
    lexical_weight: float = setting(1.5, 0.0, 5.0, "weight of the BM25 ranking")
    cognate_weight: float = setting(
        0.5,
        0.0,
        5.0,
        "weight of the cognate ranking (letters in other languages than the question's)",
    )
    compared_foreign_factor: float = setting(
        0.5,
        0.0,
        1.0,
        "in a comparison, a state's own ranking of its letters in another language than the "
        "question's: share of the English-only model's dense and best-sentence rankings",
    )
    part_weight: float = setting(
        0.7, 0.0, 2.0, "each sub-question's rankings, relative to the whole question's"
    )
    courtesy_factor: float = setting(
        0.5, 0.0, 1.0, 'score factor of courtesy openings ("Thank you for your letter …")'
    )
    relevant: float = setting(
        0.2, -1.0, 1.0, "a named state's best dense similarity under this drops its filter"
    )
    state_weight: float = setting(1.2, 0.0, 5.0, "extra ranking of the named states' paragraphs")
    year_weight: float = setting(0.3, 0.0, 5.0, "extra ranking of the question's years' letters")
    newest_weight: float = setting(0.6, 0.0, 5.0, "extra ranking of each state's newest letter")
    list_items: int = setting(4, 0, 20, "items kept after a lead-in that ends with ':'")
    continuing_list: float = setting(
        0.7, 0.0, 2.0, "a list after the best paragraph follows it above this share of its cosine"
    )

    first_pass_dims: int = setting(
        96, 0, 4096, "dimensions of the first pass over a large matrix (0: always exact)"
    )
    first_pass_rows: int = setting(50_000, 1, 10**9, "rows from which a matrix gets a first pass")
    first_pass_oversample: int = setting(
        16, 2, 100, "first-pass candidates per row kept, rescored exactly"
    )

    def __post_init__(self):
        validate(self)

    @property
    def shortcut(self) -> Shortcut:
        """The first pass over large matrices (index/vectors.py)."""
        return Shortcut(self.first_pass_dims, self.first_pass_rows, self.first_pass_oversample)


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
    continues: bool = False  # part of the list that elaborates the best paragraph
    nearest_to: tuple = ()  # the sub-questions this paragraph, read whole, is nearest to
    second_hop: bool = False  # from the state a multi-hop question describes


@dataclass
class Candidates:
    """The paragraphs a plan allows, and which states the index knows."""

    allowed: list = field(default_factory=list)
    by_id: dict = field(default_factory=dict)
    states: dict = field(default_factory=dict)  # canonical -> stored state names

    foreign: dict = field(default_factory=dict, repr=False)  # language -> ids in no other
    vector_rows: tuple = field(default=(None, {}), repr=False)  # see rows_in
    states_pools: dict = field(default_factory=dict, repr=False)  # see of_state

    @cached_property
    def ids(self) -> frozenset[str]:
        return frozenset(self.by_id)

    def rows_in(self, vectors, state: str | None = None) -> np.ndarray:
        """The rows in VECTORS (index/vectors.py) of the pool's paragraphs, or of those of the
        stored state STATE; kept, since the unfiltered pool is one object per generation."""
        if self.vector_rows[0] is not vectors:
            self.vector_rows = (vectors, {})
        found = self.vector_rows[1]
        if state is None and None not in found:
            found[None] = vectors.rows_of(self.ids)
        elif state is not None and GROUPED not in found:  # every state's in one pass
            grouped: dict[str, list[str]] = {}
            for p in self.allowed:
                grouped.setdefault(p.state, []).append(p.id)
            found.update((name, vectors.rows_of(ids)) for name, ids in grouped.items() if name)
            found[GROUPED] = True
        return found.get(state, np.zeros(0, np.int64))

    def of_state(self, name: str) -> Candidates:
        """The pool's paragraphs of the state canonically NAME, kept (a "which states" answer
        retrieves once per state, each question again)."""
        if not self.states_pools:  # every state's at once: one pass over a large pool
            canonical = {stored: name for name, names in self.states.items() for stored in names}
            grouped: dict[str, list] = {name: [] for name in self.states}
            for p in self.allowed:
                if p.state in canonical:
                    grouped[canonical[p.state]].append(p)
            self.states_pools.update(
                (state, Candidates(allowed, {p.id: p for p in allowed}, self.states))
                for state, allowed in grouped.items()
            )
        return self.states_pools.get(name) or Candidates([], {}, self.states)

    def outside(self, language: str, ids_in_language: frozenset[str]) -> frozenset[str]:
        """The pool's ids not written in LANGUAGE, kept per language."""
        if language not in self.foreign:
            self.foreign[language] = self.ids - ids_in_language
        return self.foreign[language]


class StoredView:
    """One generation's paragraphs: the states they name (canonical -> stored names), the ids
    in each language, and the unfiltered candidate pool per set of paragraph kinds."""

    def __init__(self, paragraphs):
        self.paragraphs = paragraphs
        self.states: dict[str, set] = {}
        by_language: dict[str, set] = {}
        for p in paragraphs:
            if p.state:
                self.states.setdefault(canonical_state(p.state) or p.state, set()).add(p.state)
            by_language.setdefault(language_of(p.language), set()).add(p.id)
        self.by_language = {code: frozenset(ids) for code, ids in by_language.items()}
        self.headers = header_rows(paragraphs)
        self._pools: dict = {}

    def pool(self, kinds) -> Candidates:
        """Every paragraph of KINDS (None: all) but table header rows."""
        key = None if kinds is None else frozenset(kinds)
        if key not in self._pools:
            allowed = [
                p
                for p in self.paragraphs
                if (key is None or p.kind in key) and (p.letter_id, p.text) not in self.headers
            ]
            self._pools[key] = Candidates(allowed, {p.id: p for p in allowed}, self.states)
        return self._pools[key]


@dataclass
class Working:
    """What the retrieval steps pass along: the plan, the pool, scores and the order so far."""

    plan: QueryPlan
    k: int
    pool: Candidates
    scores: dict = field(default_factory=dict)
    dense: dict = field(default_factory=dict)
    order: list = field(default_factory=list)
    nearest: dict = field(default_factory=dict)  # sub-question -> its nearest paragraph id
    continuing: list = field(default_factory=list)  # the list that elaborates the best one
    meta: bool = False  # who/when: the letter's date and signature blocks go first
    second: set = field(default_factory=set)  # multi-hop: the second hop's paragraphs


class Retriever:
    def __init__(self, letter_index, settings: RetrievalSettings | None = None, sentences=None):
        self.index = letter_index
        self.settings = settings or RetrievalSettings()
        self.sentences = sentences or SentenceIndex(letter_index)
        self.dense_cache = Kept()  # text -> its scores against the current vectors
        self.lock = threading.Lock()
        self._runnable = None
        self._cognates: tuple | None = None  # (the paragraphs it indexes, CognateIndex)
        self._stored: StoredView | None = None

    # --- the steps ---------------------------------------------------------------------
    # Each step reads and updates one Working state; `runnable()` joins them into an LCEL
    # sequence (one RunnableLambda per step, so a trace names each), which the Pipeline's chain
    # runs as its retrieve stage. RetrievalSettings.skip removes steps (scripts/tune.py ablates).

    # "per_letter" (each letter's best first for comparisons and year ranges) was removed: with
    # per_state it changed no figure on either dev set (scripts/tune.py ablation).
    STEPS = (
        "hybrid",
        "named_first",
        "per_state",
        "part_answers",
        "continuing_list",
        "second_hop",
        "letter_metadata",
    )

    def warm_up(self) -> Retriever:
        """Build now what each generation of the store needs once (the stored view and the
        cognate index: seconds at 100k paragraphs) and load the language identifier (a second),
        rather than in the first question."""
        stored = self.stored()
        self.cognate_index()
        question_language("Quelle est la position du Pakistan sur le processus d'Oslo ?")
        for kinds in (None, CONTENT_KINDS):
            self.warm_pool(stored.pool(kinds), stored)
        vectors, rows = self.index.paragraph_vectors(), self.sentences.rows()
        first_pass(vectors.matrix, self.settings.shortcut, vectors.first_passes)
        first_pass(rows.vectors, self.settings.shortcut, rows.first_passes)
        return self

    def warm_pool(self, pool: Candidates, stored: StoredView) -> None:
        """What the first question of a pool (every kind, or content only) would otherwise
        compute once: its rows per state, its ids per language, its sentence positions (at
        100k paragraphs 10-30 ms each, in the first questions a server answers)."""
        vectors = self.index.paragraph_vectors()
        pool.rows_in(vectors, next(iter(pool.states), None))
        for language in {*stored.by_language, "en"}:
            pool.outside(language, stored.by_language.get(language, frozenset()))
        rows = self.sentences.rows()
        for part in [pool, *(pool.of_state(name) for name in pool.states)]:
            self.sentences.rows_of(rows, part.ids)
            part.rows_in(vectors)

    def retrieve(self, plan: QueryPlan, k: int) -> list[Hit]:
        return self.runnable().invoke({"plan": plan, "k": k})

    def runnable(self):
        """start | step | step | … | finish, as one LCEL RunnableSequence."""
        if self._runnable is None:
            steps = [RunnableLambda(self.start, name="candidates")]
            for name in self.STEPS:
                if name not in self.settings.skip:
                    steps.append(RunnableLambda(self.guarded(getattr(self, name)), name=name))
            steps.append(RunnableLambda(self.finish, name="neighbours"))
            self._runnable = RunnableSequence(*steps)
        return self._runnable

    @staticmethod
    def guarded(step):
        """Steps do nothing when the plan allows no paragraph."""

        def run(w: Working) -> Working:
            if w.pool.allowed:
                step(w)
            return w

        return run

    def start(self, inputs: dict) -> Working:
        """Input: plan and k. Output: the candidate pool (hard filters: caller's state and
        years, paragraph kinds). Why: every later step ranks only what the user allowed."""
        return Working(inputs["plan"], inputs["k"], self.candidates(inputs["plan"]))

    def hybrid(self, w: Working) -> None:
        """Input: the pool. Output: fused scores and the order. Why: dense (paragraph),
        best-sentence and BM25 rankings of the question and its sub-questions each miss answers
        the others find; weighted RRF (with state/year/newest boosts, courtesy openings damped)
        keeps what any of them ranks high. Serves every question."""
        w.scores, w.dense = self.scores(w.plan, w.pool)
        w.order = ranked(w.scores)

    def named_first(self, w: Working) -> None:
        """Soft state filter. Serves questions naming a state: its paragraphs first, unless
        none of them is relevant (then the question is probably about another state)."""
        w.order = self.named_states_first(w.plan, w.pool, w.order, w.dense)

    def part_answers(self, w: Working) -> None:
        """Serves questions that ask several things ("When did X sign, and what …?"): each
        sub-question's nearest paragraph read whole joins the top right after the best one."""
        w.nearest = self.nearest_per_part(w.plan, w.pool)
        w.order = list(dict.fromkeys([*w.order[:1], *w.nearest.values(), *w.order]))

    def per_state(self, w: Working) -> None:
        """Serves comparisons of two or more named states ("How do Spain and Switzerland compare
        on …", "Of Mexico, Spain and New Zealand, which …"): each state's paragraphs are ranked
        among its own letters (its own BM25 and best-sentence ranks), so a state whose letters
        use other words or another language than the question is not crowded out by the state
        the wording fits best; then the states take turns (each one's best, then each one's
        second, …), each turn in the order of the whole question's ranking."""
        named = [name for name in w.plan.states if name in w.pool.states]
        if len(named) < 2 or w.plan.bridges:
            return
        orders = [self.state_order(w.plan, w.pool, name) for name in named]
        place = {pid: n for n, pid in enumerate(w.order)}  # a turn goes best first overall
        turns = [
            pid
            for column in zip_longest(*orders)
            for pid in sorted(filter(None, column), key=lambda pid: place.get(pid, len(place)))
        ]
        w.order = list(dict.fromkeys([*turns, *w.order]))

    def state_order(self, plan: QueryPlan, pool: Candidates, name: str) -> list[str]:
        """The hybrid order of PLAN among the paragraphs of the state canonically NAME."""
        own = pool.of_state(name)
        foreign = self.settings.compared_foreign_factor
        scores, _ = self.scores(replace(plan, states=(name,)), own, foreign)
        return ranked(scores)

    def continuing_list(self, w: Working) -> None:
        """Serves questions answered by a list that elaborates the best paragraph ("The main
        reasons are the following:" (a) (b) (c)): the list follows it."""
        w.continuing = self.list_after_best(w.plan, w.pool, w.order, w.dense)
        if w.continuing:
            rest = [pid for pid in w.order[1:] if pid not in w.continuing]
            w.order = [w.order[0], *w.continuing, *rest]

    def second_hop(self, w: Working) -> None:
        """Serves multi-hop questions that describe a state instead of naming it ("the host
        country", "the state whose centre trains deminers"): see `bridged`."""
        if w.plan.bridges:
            w.order, w.second = self.bridged(w.plan, w.pool, w.order, w.k)

    def letter_metadata(self, w: Working) -> None:
        """Serves who-signed/when questions: the identified letter's date block and signature
        block come first (see `with_letter_metadata`)."""
        if w.plan.asks_meta:
            w.meta = True

    def finish(self, w: Working) -> list[Hit]:
        """Output: the top k Hits with their neighbours (context for the answerer, not cited)."""
        if not w.pool.allowed:
            return []
        by_id, scores, dense = w.pool.by_id, w.scores, w.dense
        hits = [self.hit(by_id[pid], scores.get(pid, 0.0), dense.get(pid)) for pid in w.order]
        hits = [
            replace(
                h,
                continues=h.paragraph.id in w.continuing,
                second_hop=h.paragraph.id in w.second,
                nearest_to=tuple(q for q, pid in w.nearest.items() if pid == h.paragraph.id),
            )
            for h in hits
        ]
        if w.meta:
            hits = self.with_letter_metadata(w.plan, hits[: w.k], hits[: 4 * w.k], w.k)
        return [self.with_neighbours(h, rank) for rank, h in enumerate(hits[: w.k], start=1)]

    def scores(self, plan: QueryPlan, pool: Candidates, foreign: float = 1.0) -> tuple[dict, dict]:
        """Fused scores of the question and its sub-questions; dense similarities by id. The
        model's rankings count FOREIGN as much for paragraphs in another language."""
        rankings, weights, dense = [], [], {}
        self.sentences.queries(embedded_texts(plan))
        self.score_all(ranked_texts(plan))
        for n, text in enumerate([plan.question, *plan.parts]):
            found, similarity = self.rankings(text, plan, pool, with_dense=n == 0)
            share = 1.0 if n == 0 else self.settings.part_weight
            rankings += found
            weights += [w * share for w in self.ranking_weights()]
            if n == 0:
                dense = similarity
        discounts = self.model_discounts(plan, pool, foreign) * (len(rankings) // 4)
        return self.fuse(plan, pool, rankings, weights, discounts), dense

    def model_discounts(self, plan: QueryPlan, pool: Candidates, factor: float) -> list:
        """Per ranking of `rankings` (dense, best sentence, BM25, cognates), the discount
        FACTOR of the paragraphs in another language than the question's (the bundled model
        is English-only: its rankings of a French or Spanish paragraph are weaker evidence)."""
        if factor == 1.0:
            return [None] * 4
        foreign = dict.fromkeys(self.foreign_ids(plan, pool), factor)
        return [foreign, foreign, None, None]

    def foreign_ids(self, plan: QueryPlan, pool: Candidates) -> frozenset[str]:
        """The pool's paragraphs written in another language than the question."""
        asked_in = language_of(question_language(plan.question))
        return pool.outside(asked_in, self.stored().by_language.get(asked_in, frozenset()))

    def rankings(self, text: str, plan: QueryPlan, pool: Candidates, with_dense: bool = True):
        """Dense, best-sentence and BM25 rankings (ids, best first) of TEXT among the pool.
        Sub-questions skip the Chroma search: their best-sentence ranking covers the pool."""
        dense = self.dense_ranking(text, plan, pool) if with_dense else []
        expansion = expand(text)[len(text) :]  # the glossary's equivalents, after the text
        lexical = self.index.lexical().search(
            text, self.settings.pool, ids=pool.ids, expansion=expansion
        )
        by_sentence = self.sentences.best_per_paragraph(
            text, pool.ids, self.settings.pool, self.settings.shortcut
        )
        found = [
            [p.id for p, _ in dense],
            [pid for pid, _ in by_sentence],
            [p.id for p, _ in lexical],
            self.cognate_ranking(text, plan, pool),
        ]
        return found, {p.id: score for p, score in dense}

    def cognate_ranking(self, text: str, plan: QueryPlan, pool: Candidates) -> list[str]:
        """The pool's paragraphs in other languages than the question's, by the cognates they
        share with TEXT (rag/cognates.py): the rankings above under-rank them."""
        foreign = self.foreign_ids(plan, pool)
        return self.cognate_index().search(text, foreign, self.settings.pool) if foreign else []

    def cognate_index(self) -> CognateIndex:
        paragraphs = self.index.paragraphs()
        with self.lock:
            if self._cognates is None or self._cognates[0] is not paragraphs:
                self._cognates = (paragraphs, CognateIndex(paragraphs))
            return self._cognates[1]

    def nearest_per_part(self, plan: QueryPlan, pool: Candidates) -> dict[str, str]:
        """A question that asks several things: each sub-question's nearest paragraph, read as a
        whole (its answer may span sentences none of which matches alone), so no part is left
        unanswered by a top k the whole question's wording fills."""
        nearest = {}
        for part in plan.parts:
            if BRIDGE.search(part):  # "the host country" is not the state the question names
                continue
            found = [p.id for p, _ in self.dense_ranking(part, plan, pool)]
            inside = [pid for pid in found if self.is_named(plan, pool, pid)]
            if inside or found:
                nearest[part] = (inside or found)[0]
        return nearest

    def is_named(self, plan: QueryPlan, pool: Candidates, pid: str) -> bool:
        return pool.by_id[pid].state in set(self.named_stored_states(plan, pool))

    def ranking_weights(self) -> list[float]:
        s = self.settings
        return [s.dense_weight, s.sentence_weight, s.lexical_weight, s.cognate_weight]

    def named_states_first(self, plan: QueryPlan, pool: Candidates, order: list[str], dense: dict):
        """The soft state filter: the named states' paragraphs first, unless none is relevant."""
        named = set(self.named_stored_states(plan, pool))
        if not named or plan.bridges:
            return order
        inside = [pid for pid in order if pool.by_id[pid].state in named]
        if max((dense.get(pid, 0.0) for pid in inside), default=0.0) < self.settings.relevant:
            return order
        return inside + [pid for pid in order if pid not in set(inside)]

    def bridged(self, plan: QueryPlan, pool: Candidates, order: list[str], k: int):
        """Two hops for a question that describes a state instead of naming it. First hop: the
        describing paragraph (the named states' best, else the best overall). The states its
        text names, among those with letters here, filter the second hop; when it names none,
        the second hop searches every other state's letters. The second hop asks the rest of
        the question (its parts after the first); its best paragraphs follow the first hop's.
        Returns the new order and the ids of the second hop's states' paragraphs."""
        named = set(self.named_stored_states(plan, pool))
        first = [pid for pid in order if pool.by_id[pid].state in named][:1] or order[:2]
        known = set(pool.states) - set(plan.states)
        description = plan.parts[0] if plan.parts else plan.question
        bridges = described_states([pool.by_id[pid].text for pid in first], description, known)
        others = bridges or sorted(known)
        if not others:
            return order, set()
        hop = replace(
            plan, question=hop_question(plan), states=tuple(others), parts=(), bridges=False
        )
        hop_scores, _ = self.scores(hop, pool)
        allowed = {s for name in others for s in pool.states.get(name, ())}
        second = [pid for pid in ranked(hop_scores) if pool.by_id[pid].state in allowed]
        merged = list(dict.fromkeys([*first, *second[: max(1, k // 2)]]))
        return merged + [pid for pid in order if pid not in merged], set(second)

    # --- candidates and filters --------------------------------------------------------

    def candidates(self, plan: QueryPlan) -> Candidates:
        stored = self.stored()
        states = stored.states
        pool = stored.pool(plan.kinds)
        if plan.state_filter:
            wanted = canonical_state(plan.state_filter) or plan.state_filter
            if wanted not in states:
                raise UnknownState(plan.state_filter, sorted(states))
            pool = pool.of_state(wanted)
        if not plan.years_from_question and (plan.since, plan.until) != (None, None):
            allowed = [p for p in pool.allowed if in_years(p.year, plan.since, plan.until)]
            return Candidates(allowed, {p.id: p for p in allowed}, states)
        return pool  # unfiltered or one state's: built once per generation

    def stored(self) -> StoredView:
        """What every question reads of the stored paragraphs, computed once per generation
        (at 100k paragraphs a scan per question costs more than the question's ranking)."""
        paragraphs = self.index.paragraphs()
        with self.lock:
            if self._stored is None or self._stored.paragraphs is not paragraphs:
                self._stored = StoredView(paragraphs)
            return self._stored

    def dense_ranking(self, text: str, plan: QueryPlan, pool: Candidates) -> list:
        """The pool's paragraphs nearest to TEXT by their stored vectors (exact cosine over the
        index's matrix, index/vectors.py), and the nearest of each named state (so a large pool
        still ranks them all)."""
        vectors = self.index.paragraph_vectors()
        scores = self.dense_scores(text, vectors)
        query = self.sentences.query(text)
        oversample = self.oversample(vectors.matrix)
        found: dict[int, float] = {}
        wanted = [(None, self.settings.pool)]
        wanted += [(name, self.settings.pool // 2) for name in self.named_stored_states(plan, pool)]
        exact = partial(vectors.exact, query=query)
        for state, k in wanted:
            rows, rescored = nearest(scores, pool.rows_in(vectors, state), k, exact, oversample)
            found.update(zip(rows.tolist(), rescored.tolist(), strict=True))
        order = sorted(found, key=lambda n: (-found[n], n))  # equal scores in row order
        return [(pool.by_id[vectors.ids[n]], found[n]) for n in order]

    def oversample(self, matrix: np.ndarray) -> int:
        """How many first-pass candidates per row kept are rescored (0: the scores are exact)."""
        shortcut = self.settings.shortcut
        return shortcut.oversample if shortcut.applies(matrix) else 0

    def score_all(self, texts: list[str]) -> None:
        """Dense and best-sentence scores of every text of TEXTS, one pass over each matrix
        (the retrieval asks for them text by text)."""
        vectors = self.index.paragraph_vectors()

        def dense(missing: list[str]) -> list[np.ndarray]:
            queries = np.stack([self.sentences.query(t) for t in missing])
            return vectors.scores_many(queries, self.settings.shortcut)

        self.dense_cache.get_many(vectors, texts, dense)
        self.sentences.score_all(texts, self.settings.shortcut)

    def dense_scores(self, text: str, vectors) -> np.ndarray:
        """TEXT's cosine to every stored paragraph; the last few are kept (a retrieval asks the
        same text again per named state, per compared state and for the bridging hop)."""

        def score() -> np.ndarray:
            return vectors.scores_many(self.sentences.query(text)[None], self.settings.shortcut)[0]

        return self.dense_cache.get(vectors, text, score)

    def named_stored_states(self, plan: QueryPlan, pool: Candidates) -> list[str]:
        return sorted({s for name in plan.states for s in pool.states.get(name, ())})

    # --- fusion --------------------------------------------------------------------------

    def fuse(self, plan, pool: Candidates, rankings: list, weights: list, discounts=None) -> dict:
        s = self.settings
        base = reciprocal_rank_fusion(rankings, weights, s.rrf_k, discounts)
        base = {
            pid: score * (s.courtesy_factor if is_courtesy(pool.by_id[pid].text) else 1.0)
            for pid, score in base.items()
        }
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

    def list_after_best(self, plan: QueryPlan, pool: Candidates, order: list, dense: dict):
        """The ids of the list (lead-in and items) that elaborates the best paragraph ("2. Brazil
        did not sign …" then "3. The main reasons for this decision are the following:" (a) (b)
        (c)), or the items of the best paragraph when it is itself a lead-in ("Germany proposed
        a three-step approach:" (a) (b)), when the list read as one text answers about as well
        as that paragraph."""
        if not order or order[0] not in dense:
            return []
        best = pool.by_id[order[0]]
        siblings = self.index.letter(best.letter_id)
        following = next((p for p in siblings if p.ordinal == best.ordinal + 1), None)
        group = self.list_of(following) if following is not None else []
        lead_in = bool(group) and group[0].id == best.id  # the best introduces the list
        if not group or group[lead_in].id != following.id:
            return []
        if any(p.id not in pool.by_id for p in group):
            return []
        unit = " ".join(" ".join(p.text.split()) for p in group)
        question = self.sentences.query(plan.question)
        similarity = float((self.sentences.vectors([unit]) @ question)[0])
        if similarity < self.settings.continuing_list * dense[order[0]]:
            return []
        return [p.id for p in group[lead_in:]]

    def list_of(self, paragraph) -> list:
        """The lead-in and items of the list PARAGRAPH belongs to (empty if none)."""
        siblings = self.index.letter(paragraph.letter_id)
        position = next(i for i, p in enumerate(siblings) if p.id == paragraph.id)
        start = position
        while start > 0 and is_list_item(siblings[start].text):
            start -= 1
        if not siblings[start].text.rstrip().endswith(":"):
            return []
        items = []
        for p in siblings[start + 1 :]:
            if not is_list_item(p.text) or len(items) >= self.settings.list_items:
                break
            items.append(p)
        return [siblings[start], *items] if items else []

    def with_letter_metadata(self, plan: QueryPlan, hits: list[Hit], wider: list[Hit], k: int):
        """Who/when questions: the target letter's date and signature paragraphs come first."""
        letter_id = self.target_letter(plan, wider)
        if letter_id is None:
            return hits
        paragraphs = self.index.letter(letter_id)
        meta = date_blocks(paragraphs)[:1] if plan.asks_date else []
        if plan.asks_person or not meta:
            meta += signature_blocks(paragraphs)
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
                letters[letter_id] *= 4.0
            if ENCLOSED.search(plan.question) and p.letter_index > 0:
                letters[letter_id] *= 4.0
            if plan.states and canonical_state(p.state or "") in plan.states:
                letters[letter_id] *= 2.0
            if names_date(question, p.date):  # "the letter of 16 February 2009"
                letters[letter_id] *= 4.0
        return max(letters, key=letters.get)

    def hit(self, paragraph, score: float, dense: float | None) -> Hit:
        return Hit(paragraph, score, 0, dense)

    def with_neighbours(self, hit: Hit, rank: int) -> Hit:
        siblings = {p.ordinal: p for p in self.index.letter(hit.paragraph.letter_id)}
        before = siblings.get(hit.paragraph.ordinal - 1)
        after = siblings.get(hit.paragraph.ordinal + 1)
        return replace(hit, rank=rank, before=before and before.text, after=after and after.text)


@lru_cache(maxsize=256)
def question_language(question: str) -> str | None:
    """The question's language (None when too short to tell: then English)."""
    return detect_language(question)


def names_date(folded_question: str, iso: str | None) -> bool:
    """Does the (folded) question name this ISO date, written out or as it is?"""
    written = human_date(iso) if iso else None
    return bool(written and (fold(written) in folded_question or iso in folded_question))


def described_states(texts: list[str], description: str, known: set[str]) -> list[str]:
    """The states (among KNOWN) that TEXTS name where they match DESCRIPTION best: each mention
    is scored by the description's words within eight words either side, so "the city of the
    First Meeting" picks the city named next to "First Meeting", not another in the sentence."""
    wanted = content_terms(description)
    best: dict[str, int] = {}
    for text in texts:
        folded = fold(text)
        for match in name_pattern().finditer(folded):
            found = find_states(text[match.start() : match.end()], places=True)
            if not found or found[0].state not in known:
                continue
            before, after = folded[: match.start()].split(), folded[match.end() :].split()
            window = " ".join(before[-8:] + after[:8])
            score = len(wanted & content_terms(window))
            best[found[0].state] = max(best.get(found[0].state, -1), score)
    top = max(best.values(), default=0)
    return [state for state, score in best.items() if score == top]


# A date line that dates another letter or the e-mail that carried this one ("Votre référence :
# lettre du 18 juin 2012", "Sent: Wednesday, June 15, 2011"): not this letter's date.
OTHER_DATE = re.compile(
    r"\b(?:r[ée]f[ée]rence|reference|your letter|votre lettre|su carta|sua carta|sent|envoy[ée]|"
    r"enviado|received|re[çc]u|recibid[oa])\b",
    re.I,
)


def date_blocks(paragraphs) -> list:
    """The letter's own date lines first: serves who/when questions on letters that also quote
    the date of the letter they answer, or of the e-mail they came in."""
    dates = [p for p in paragraphs if p.kind == "date"]
    return sorted(dates, key=lambda p: bool(OTHER_DATE.search(p.text)))


def signature_blocks(paragraphs) -> list:
    """The signature block naming the signatory, and the block after it when that one holds
    only the name (the title is then typed as a block of its own)."""
    blocks = [p for p in paragraphs if p.kind == "signature"]
    if not blocks:
        return []
    name = fold(blocks[0].signatory or "").strip("() ")
    first = next((i for i, p in enumerate(blocks) if name and name in fold(p.text)), 0)
    chosen = blocks[first : first + 1]
    if first + 1 < len(blocks) and len(chosen[0].text.strip().splitlines()) == 1:
        following = blocks[first + 1]
        if following.ordinal == chosen[0].ordinal + 1:
            chosen.append(following)
    return chosen


def header_rows(paragraphs) -> set[tuple[str, str]]:
    """(letter id, text) of each table header row whose rows carry its labels. Serves questions
    answered from a table: every row is ranked with its labels (index.records.ranking_text),
    so the header, labels without values, is never the answer and would only take a row's
    place."""
    return {
        (p.letter_id, CELL_SEPARATOR.join(p.labels))
        for p in paragraphs
        if p.kind == TABLE_ROW and getattr(p, "labels", ())
    }


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
