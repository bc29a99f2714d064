"""The default answerer (no LLM): quotes the retrieved sentences that best answer the question.

Every statement of the answer is a verbatim sentence of a cited paragraph; the only other words
are lead-ins built from the letters' metadata (date, state, sender).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.language import detect_language
from ingest.text import (
    LIST_MARKER,
    content_terms,
    language_of,
    split_sentences,
    terms_any_language,
)
from rag.answer import citation_of
from rag.courtesy import is_courtesy
from rag.footnote import human_date
from rag.glossary import expand
from rag.query import BRIDGE, QueryPlan, unbridged
from rag.sentence_index import SentenceVectors
from rag.settings import setting, validate
from rag.states import canonical_state, find_states, fold

NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|"
    r"million|billion|half|dozen)\b",
    re.I,
)
# What a question asks for (calibrated abstention: the evidence must contain it).
# Counting and measuring questions: a number about the subject.
ASKS_NUMBER = re.compile(
    r"\b(?:how (?:many|much|long|large)|what (?:number|quantity|amount|share|portion|"
    r"percentage)|what was the cost|(?:the )?(?:maximum|minimum) (?:\w+ ){0,2}(?:sentence|"
    r"penalty|term|fine|amount)|combien|cuántos|cuántas|quantos|quantas)\b",
    re.I,
)
# Deadline questions: a date or a year.
ASKS_DEADLINE = re.compile(
    r"\b(?:deadline|by what date|by when|until when|plazo|délai|prazo)\b", re.I
)
# "Position on X" questions: X (a treaty, a topic) must be what the evidence is about.
POSITION_ON = re.compile(
    r"\b(?:position|view|views|stance|policy|attitude|opinion)\s+(?:on|towards?|regarding|"
    r"about)\s+(?:the\s+)?(?P<topic>[\w'’-]+(?:\s+[\w'’-]+){0,4}?)(?=\s+(?:change|changed|"
    r"evolve|evolved|between|in|since|from|after|before|and|as|at|over|during|been|is|was)\b|"
    r"\s*[?.,;]|\s*$)",
    re.I,
)
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    "setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|marco|maio|junho|julho|"
    "setembro|outubro|novembro|dezembro"
)
# Dates written out in the letters' languages ("31 de marzo de 2009", "1er août"): not counts.
DATES = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|er|º|°)?\s+(?:de\s+)?(?:{MONTHS})\b|"
    rf"\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    re.I,
)
ASKS_WHEN = re.compile(r"\b(?:when|what date|which date|which year|what year|quand|cuándo)\b", re.I)
ASKS_DATE = re.compile(r"\b(?:19|20)\d\d\b")
COST = re.compile(r"\b(?:cost|costs|price|how much money|budget|value of the contract)\b", re.I)
CURRENCY = re.compile(
    r"[$€£¥]|\b(?:NOK|USD|EUR|GBP|CAD|AUD|CHF|SEK|DKK|kroner|krone|dollars?|"
    r"euros?|pounds|francs|yen|reais|pesos)\b"
)
YEARS = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:Articles?|art[íi]culos?|paragraphs?|p[áa]rrafos?|"
    r"Protocol|Protocole|Protocolo)\s+(?:\d+|[IVX]+)\b",
    re.I,
)
WHICH = re.compile(
    r"\bwhich\s+((?:[\w-]+\s+){0,1}[\w-]+)\s+(?:did|does|do|is|was|were|has|have|"
    r"had|signed|wrote|sent|bans?|banned|said|says|will|would|can|could)\b",
    re.I,
)
# Words every letter of this genre uses (stems): not a question's subject. Serves counting
# questions ("how many …"), whose subject must be what the number is about.
GENERIC_WORDS = frozenset(
    content_terms(
        "cluster munitions convention weapons state government country many much number share "
        "portion what according letter their which article"
    )
)
# Roles answered by a name rather than by the word itself ("in which city" -> "Vientiane").
GENERIC_ROLES = frozenset(
    content_terms("state country government nation city cities year date month place letter")
)
META_LEAD = {
    "date": "is dated",
    "signature": "is signed",
    "letterhead": "comes from",
    "address": "is addressed to",
    "reference": "bears the reference",
}


@dataclass(frozen=True)
class AnswerSettings:
    """The answerer's weights and thresholds, each with its meaning and range; the abstention
    thresholds come from cross-validation over both dev corpora (scripts/tune.py)."""

    similarity_weight: float = setting(1.0, 0.0, 5.0, "weight of a sentence's cosine")
    overlap_weight: float = setting(0.2, 0.0, 5.0, "weight of the question's words in it")
    retrieval_weight: float = setting(
        0.4, 0.0, 5.0, "prior of the paragraph's retrieval rank (1, 1/2, 1/3 …)"
    )
    abstain_below: float = setting(
        0.55, -1.0, 5.0, "best sentence score under which the answerer abstains"
    )
    abstain_support_below: float = setting(
        0.25, -1.0, 5.0,
        "the same for evidence alone (no rank prior, state names not counted): an off-subject "
        "question still has a top-ranked paragraph, and its state may match",
    )  # fmt: skip
    max_sentences: int = setting(4, 1, 20, "sentences quoted from one paragraph")
    max_paragraphs: int = setting(4, 1, 20, "paragraphs quoted in one answer")
    newest_weight: float = setting(0.6, 0.0, 5.0, '"current": bonus of each state\'s newest letter')
    answer_type_weight: float = setting(
        0.1, 0.0, 5.0, "bonus of a date for 'when', of a number for 'how many'"
    )
    cross_lingual_factor: float = setting(
        0.6, 0.0, 1.0, "abstention bars' factor when question and letter languages differ"
    )
    year_weight: float = setting(
        0.1, 0.0, 5.0, "bonus of letters from the years the question names"
    )
    part_floor: float = setting(
        0.35, -1.0, 5.0, "a sub-question's best paragraph is cited above this score"
    )
    part_prior: float = setting(0.1, 0.0, 5.0, "retrieval-rank prior for sub-questions")
    multi_letter_ratio: float = setting(
        0.75, 0.0, 1.0, "comparisons: one line per letter above this share of the best score"
    )
    named_letter_ratio: float = setting(
        0.6, 0.0, 1.0, "the same, among the letters of the states named"
    )
    see_also: int = setting(3, 0, 20, "closest paragraphs listed when abstaining")
    list_item_ratio: float = setting(
        0.6, 0.0, 1.0, "list items quoted with their lead-in above this share of the best"
    )
    extra_support_ratio: float = setting(
        0.0, 0.0, 1.0,
        "a sub-question's, second hop's or other letter's paragraph is cited when its evidence "
        "reaches this share of the leading paragraph's (0: always)",
    )  # fmt: skip
    state_words_count: int = setting(
        1, 0, 1,
        "questions naming states answered from those states' letters only: 0 stops the "
        "states' names counting as overlap (every sentence there may name them; a sentence "
        "that does is no nearer the answer)",
    )  # fmt: skip
    courtesy_factor: float = setting(
        0.5, 0.0, 1.0, "score factor of a reply's courtesy sentences (\"Thank you for your "
        "letter …\", \"presents its compliments\"): they echo the request, they answer nothing",
    )  # fmt: skip
    focus_ratio: float = setting(
        1.0, 0.0, 1.0, "a best sentence sharing none of the question's own words yields the lead "
        "to one that does scoring above this share of it (1: never)",
    )  # fmt: skip
    parts_lead: int = setting(
        1, 0, 1, "multi-part questions: 1 lets the parts' answers lead when the whole "
        "question's best paragraph is nearest to no part",
    )  # fmt: skip

    def __post_init__(self):
        validate(self)


@dataclass(frozen=True)
class Scored:
    """One sentence of a retrieved paragraph, scored against the question."""

    hit: object  # retrieve.Hit
    start: int
    end: int
    score: float
    support: float = 0.0  # evidence alone: similarity + overlap of non-state words, no rank prior

    @property
    def text(self) -> str:
        return self.hit.paragraph.text[self.start : self.end]


@dataclass(frozen=True)
class Draft:
    """An answer before verification: text with [n], cited hits with their highlight spans."""

    text: str
    abstained: bool
    cited: tuple  # ((n, hit, ((start, end), ...)), ...) in citation order
    notice: str | None = None


class ExtractiveAnswerer:
    """Scores the sentences of the retrieved paragraphs and quotes the best few, or abstains."""

    streams = False

    def __init__(self, embedder, settings: AnswerSettings | None = None):
        self.sentences = SentenceVectors(embedder)  # the Pipeline shares its own
        self.settings = settings or AnswerSettings()

    def answer(self, plan: QueryPlan, hits: list) -> Draft:
        if not hits:
            return abstention(plan, [], self.settings.see_also)
        meta = [h for h in hits if h.meta]
        if meta:
            return meta_answer(plan, meta)
        pool = year_pool(plan, named_pool(plan, hits))
        scored = self.score(plan.question, plan, pool)
        if not scored or self.should_abstain(plan, scored):
            return abstention(plan, hits, self.settings.see_also)
        return compose(plan, self.select(plan, pool, scored))

    def stream(self, plan: QueryPlan, hits: list):
        draft = self.answer(plan, hits)
        yield from draft.text.splitlines(keepends=True)
        yield draft

    # --- scoring -----------------------------------------------------------------------

    def score(self, text: str, plan: QueryPlan, hits: list, prior: float | None = None):
        """Every sentence of HITS scored against TEXT (the question or one of its parts);
        PRIOR weighs the paragraph's retrieval rank (default: the settings')."""
        spans = [(h, s, e) for h in hits for s, e in split_sentences(h.paragraph.text)]
        if not spans:
            return []
        texts = [h.paragraph.text[s:e] for h, s, e in spans]
        similarity = self.sentences.vectors(texts) @ self.sentences.query(text)
        wanted, expanded = content_words(text), expanded_words(text)
        names = state_words(text)
        unnamed, unnamed_expanded = wanted - names, expanded - names
        w = self.settings
        if not w.state_words_count and plan.states and all(named(plan, h) for h in hits):
            wanted, expanded = unnamed, unnamed_expanded  # every letter here names them
        kind = ASKS_DATE if ASKS_WHEN.search(text) else NUMBER if ASKS_NUMBER.search(text) else None
        newest = newest_letters(hits) if plan.newest else set()
        scored = [
            Scored(
                h,
                s,
                e,
                w.similarity_weight * float(sim)
                + w.overlap_weight * overlap(wanted, expanded, sentence, h.paragraph.language)
                + (w.retrieval_weight if prior is None else prior) / max(h.rank, 1)
                + (w.answer_type_weight if kind and kind.search(sentence) else 0.0)
                + (w.newest_weight if h.paragraph.letter_id in newest else 0.0)
                + (w.year_weight if in_question_years(plan, h.paragraph) else 0.0),
                float(sim)
                + w.overlap_weight
                * overlap(unnamed, unnamed_expanded, sentence, h.paragraph.language),
            )
            for (h, s, e), sentence, sim in zip(spans, texts, similarity, strict=True)
        ]
        return sorted(damped(scored, w.courtesy_factor), key=lambda x: -x.score)

    def should_abstain(self, plan: QueryPlan, scored: list[Scored]) -> bool:
        best = scored[0]
        # The bundled model is English-only: across languages its cosines run lower, so the
        # evidence bars are lowered by the same factor when question and letter languages differ.
        across = question_language(plan.question) != language_of(best.hit.paragraph.language)
        factor = self.settings.cross_lingual_factor if across else 1.0
        if best.score < factor * self.settings.abstain_below:
            return True
        if max(x.support for x in scored) < factor * self.settings.abstain_support_below:
            return True
        if absent_states(plan, scored) and not mentions_states(plan, best.text):
            return True
        paragraph = [x.text for x in scored if x.hit.paragraph.id == best.hit.paragraph.id]
        asking = next((p for p in plan.parts if ASKS_NUMBER.search(p)), plan.question)
        if not answers_kind(asking, paragraph, best.hit.paragraph.language):
            return True
        # "position on X": silent only when no retrieved paragraph (of the states named) is on X
        paragraphs = {x.hit.paragraph.id: x.hit.paragraph for x in scored}.values()
        return not any(about_topic(plan.question, p.text, p.language) for p in paragraphs)

    # --- selection ---------------------------------------------------------------------

    def select(self, plan: QueryPlan, hits: list, scored: list[Scored]) -> list[list[Scored]]:
        """Groups of sentences, one per cited paragraph: the best paragraph, the best one for
        each sub-question, one per letter for comparisons, and the items of a quoted list;
        the sub-questions' and letters' paragraphs only while they carry the question's
        content (`supported_extras`)."""
        w = self.settings
        parts = self.part_answers(plan, hits)
        on_focus = focused(plan.question, scored, w.focus_ratio)
        lead = leading_paragraph(plan, on_focus, parts, hits, w.parts_lead)
        extras = [*parts, *self.other_letters(plan, scored)]
        chosen = [lead, *supported_extras(plan, lead, extras, scored, w)]
        chosen = with_list_items(list(dict.fromkeys(chosen)), hits, scored, w.list_item_ratio)
        listed = continuing_list(chosen[0], hits)
        chosen = list(dict.fromkeys([chosen[0], *listed, *chosen[1:]]))
        chosen = chosen[: max(w.max_paragraphs, 1 + len(listed))]
        return [self.quoted(pid, scored) for pid in chosen]

    def part_answers(self, plan: QueryPlan, hits: list) -> list[str]:
        """Serves multi-part and multi-hop questions: the paragraph whose sentence best answers
        each sub-question, when it clears `part_floor` and agrees with the part's nearest."""
        w, found = self.settings, []
        for part in plan.parts:
            # "the host country" is the state the retriever's second hop found, not one named
            pool = hits
            if BRIDGE.search(part):
                second = [h for h in hits if h.second_hop]
                pool = second or [h for h in hits if not named(plan, h)] or hits
            part_best = self.score(unbridged(part), plan, pool, w.part_prior)
            if part_best and part_best[0].score >= w.part_floor and agrees(part, part_best, hits):
                found.append(part_best[0].hit.paragraph.id)
        return found

    def other_letters(self, plan: QueryPlan, scored: list[Scored]) -> list[str]:
        """Serves comparisons and year ranges: the best paragraph of each other letter (of the
        states named, when the question names any) scoring above a share of the best."""
        if not (plan.compares or compares_years(plan)):
            return []
        w = self.settings
        letters, found = {scored[0].hit.paragraph.letter_id}, []
        ratio = w.named_letter_ratio if plan.states else w.multi_letter_ratio
        for x in scored:
            fits = named(plan, x.hit) if plan.states else True
            good = x.score >= ratio * scored[0].score
            if fits and good and x.hit.paragraph.letter_id not in letters:
                letters.add(x.hit.paragraph.letter_id)
                found.append(x.hit.paragraph.id)
        return found

    def quoted(self, paragraph_id: str, scored: list[Scored]) -> list[Scored]:
        """The paragraph's best few sentences, in document order."""
        mine = [x for x in scored if x.hit.paragraph.id == paragraph_id][
            : self.settings.max_sentences
        ]
        return sorted(mine, key=lambda x: x.start)


def damped(scored: list[Scored], factor: float) -> list[Scored]:
    """Serves every question on what a letter says: a courtesy sentence (rag.courtesy) scores
    FACTOR of its score and support, so the answer quotes what the reply states, not its
    acknowledgement of the request, whose words echo the question's topic."""
    if factor >= 1.0:
        return scored
    return [
        replace(x, score=x.score * factor, support=x.support * factor) if is_courtesy(x.text) else x
        for x in scored
    ]


def focused(question: str, scored: list[Scored], ratio: float) -> list[Scored]:
    """Serves questions about one act or fact ("On what date did X deposit its instrument of
    ratification"): when the best sentence shares none of the question's own words (its
    content words less the states named and the words every letter uses) and a sentence
    scoring within RATIO of it does, that one leads; a sentence that merely names the
    state and the Convention answers another question."""
    wanted = focus_words(question)
    if not wanted or names_focus(wanted, scored[0]):
        return scored
    bar = ratio * scored[0].score
    better = next((x for x in scored if x.score >= bar and names_focus(wanted, x)), None)
    return scored if better is None else [better, *[x for x in scored if x is not better]]


def names_focus(wanted: set[str], x: Scored) -> bool:
    return coverage(wanted, x.text) > 0


def question_language(question: str) -> str:
    """The question's language among the stemmed ones (English when unsure)."""
    return language_of(detect_language(question))


def named_pool(plan: QueryPlan, hits: list) -> list:
    """Serves questions naming states (not bridging to another): they are answered from those
    states' letters whenever retrieval found any, so a neighbour's sentence on the same topic
    never stands in for the state asked about."""
    if not plan.states or plan.bridges:
        return hits
    return [h for h in hits if named(plan, h)] or hits


def year_pool(plan: QueryPlan, hits: list) -> list:
    """Serves questions naming one year ("the Dutch view in 2008"): answered from that year's
    letters and from paragraphs naming that year, whenever retrieval found any, so a later
    letter on the same topic never stands in for the year asked about. Not for year ranges
    ("since 2006", "between 2009 and 2011") nor for bridges to another state."""
    if not plan.years_from_question or plan.since is None or plan.since != plan.until:
        return hits
    if plan.bridges:
        return hits
    year = str(plan.since)
    kept = [h for h in hits if h.paragraph.year == plan.since or year in h.paragraph.text]
    return kept or hits


def in_question_years(plan: QueryPlan, paragraph) -> bool:
    """Is the paragraph's letter from the years the question's text names ("in 2008")?"""
    if not plan.years_from_question or paragraph.year is None:
        return False
    since, until = plan.since or paragraph.year, plan.until or paragraph.year
    return since <= paragraph.year <= until


def agrees(part: str, part_best: list, hits: list) -> bool:
    """Does the paragraph whose sentence best answers PART agree with the retrieved paragraph
    nearest to PART read as a whole? When they differ the part's answer is uncertain: cite
    nothing for it rather than a paragraph that may answer another question."""
    nearest = [h for h in hits if part in h.nearest_to]
    return not nearest or part_best[0].hit.paragraph.id == nearest[0].paragraph.id


def leading_paragraph(plan: QueryPlan, scored: list, parts: list, hits: list, parts_lead) -> str:
    """The paragraph quoted first. Serves multi-part questions ("When did X sign, and what
    had to happen before it could ratify?"): with PARTS_LEAD set, when some sub-question found
    its own paragraph and the whole question's best sentence lies in a paragraph that is
    nearest to none of the parts, that sentence only echoes the question's words; the parts'
    answers are the answer, the first of them leads. Not for multi-hop questions: there the
    first hop (the describing paragraph) leads and the parts are the second hop's."""
    best = scored[0].hit.paragraph.id
    if not parts_lead or plan.bridges or not parts or best in parts:
        return best
    nearest = {h.paragraph.id for h in hits if h.nearest_to}
    return best if best in nearest else parts[0]


def supported_extras(plan: QueryPlan, lead: str, extras: list, scored: list, w) -> list[str]:
    """Serves every answer citing more than one paragraph (sub-questions, second hops,
    comparisons, year ranges): an extra paragraph is cited only when its best sentence's
    evidence for the question (support: cosine and word overlap, no rank prior) reaches
    `extra_support_ratio` of the leading paragraph's; a neighbour that merely shares the
    letter or the topic is dropped. Support across languages is divided by the cross-lingual
    factor, as the abstention bars are, so a letter in another language is not penalised."""
    support: dict[str, float] = {}
    language = question_language(plan.question)
    for x in scored:
        across = language_of(x.hit.paragraph.language) != language
        value = x.support / (w.cross_lingual_factor if across else 1.0)
        support[x.hit.paragraph.id] = max(support.get(x.hit.paragraph.id, value), value)
    bar = w.extra_support_ratio * support.get(lead, 0.0)
    return [pid for pid in extras if pid != lead and support.get(pid, 0.0) >= bar]


def compares_years(plan: QueryPlan) -> bool:
    """The question spans several years ("between 2009 and 2011"): one line per letter. Not
    when it bridges to another state: its years then belong to the first hop ("the UK's 2011
    letter names the host city … what has the host reported since 2006?")."""
    spans = bool(plan.since and plan.until and plan.since != plan.until)
    return spans and not plan.bridges


def newest_letters(hits: list) -> set[str]:
    """The newest retrieved letter of each state."""
    newest: dict[str, tuple[str, str]] = {}
    for hit in hits:
        p = hit.paragraph
        state = canonical_state(p.state or "") or p.state or p.letter_id
        if state not in newest or (p.date or "") > newest[state][0]:
            newest[state] = (p.date or "", p.letter_id)
    return {letter_id for _, letter_id in newest.values()}


def named(plan: QueryPlan, hit) -> bool:
    """Is HIT from a state the question names?"""
    return canonical_state(hit.paragraph.state or "") in plan.states


def with_list_items(chosen: list[str], hits: list, scored: list, ratio: float) -> list[str]:
    """A chosen lead-in ending with ':' brings the retrieved items that follow it and answer
    the question about as well as the best sentence (RATIO of its score)."""
    best = {}
    for x in scored:
        best.setdefault(x.hit.paragraph.id, x.score)
    result = []
    for pid in chosen:
        result.append(pid)
        hit = next(h for h in hits if h.paragraph.id == pid)
        if hit.paragraph.text.rstrip().endswith(":"):
            result += [
                h.paragraph.id
                for h in hits
                if h.paragraph.letter_id == hit.paragraph.letter_id
                and h.paragraph.ordinal > hit.paragraph.ordinal
                and h.paragraph.id not in chosen
                and LIST_MARKER.match(h.paragraph.text)
                and best.get(h.paragraph.id, 0.0) >= ratio * scored[0].score
            ]
    return list(dict.fromkeys(result))


def continuing_list(paragraph_id: str, hits: list) -> list[str]:
    """The retrieved list (lead-in and items) that elaborates the cited paragraph, when the
    retriever found it to answer the question as a whole: quoted with it, every item."""
    listed = [h for h in hits if h.continues]
    best = next(h.paragraph for h in hits if h.paragraph.id == paragraph_id)
    follows = listed and listed[0].paragraph.letter_id == best.letter_id
    if not follows or listed[0].paragraph.ordinal != best.ordinal + 1:
        return []
    return [h.paragraph.id for h in listed]


def answers_kind(question: str, sentences: list[str], language: str | None = None) -> bool:
    """Does the best paragraph hold the kind of thing asked for? A count, share or length
    needs a number (not a date, year or article) in a sentence about the question's subject,
    a cost a currency, a deadline a date or year, "which minister" a minister ("position on
    X" is checked over every retrieved paragraph: see should_abstain)."""
    if COST.search(question) and not any(CURRENCY.search(s) for s in sentences):
        return False
    if ASKS_NUMBER.search(question) and not COST.search(question):
        focus = focus_words(question)
        counted = [s for s in sentences if NUMBER.search(YEARS.sub("", DATES.sub("", s)))]
        if not any(coverage(focus, s) >= 0.25 for s in counted):
            return False
    if ASKS_DEADLINE.search(question) and not any(
        DATES.search(s) or ASKS_DATE.search(s) for s in sentences
    ):
        return False
    role = asked_role(question)
    return role is None or any(role in content_words(expand(s)) for s in sentences)


def missing_facet(question: str) -> str | None:
    """What the question asks for, in words, for the abstention ("a number", "a date")."""
    if COST.search(question):
        return "an amount"
    if ASKS_NUMBER.search(question):
        return "a number"
    if ASKS_DEADLINE.search(question) or ASKS_WHEN.search(question):
        return "a date"
    match = POSITION_ON.search(question)
    return f"a position on {match.group('topic').strip()}" if match else None


def about_topic(question: str, text: str, language: str | None = None) -> bool:
    """'What is X's position on the Oslo process?': half of the topic's words (or their
    glossary equivalents in any letter language) must occur in TEXT."""
    match = POSITION_ON.search(question)
    if not match:
        return True
    topic = match.group("topic")
    wanted = content_words(topic) - state_words(topic)
    return not wanted or overlap(wanted, expanded_words(topic), text, language) >= 0.5


def focus_words(question: str) -> set[str]:
    """The question's content words, less states and the collection's everyday vocabulary."""
    return content_words(question) - state_words(question) - GENERIC_WORDS


def state_words(text: str) -> set[str]:
    """The content words that only name a state ("Chile", "Pakistani"): no evidence of an answer."""
    return {w for n in find_states(text) for w in content_words(n.text)}


def coverage(focus: set[str], sentence: str) -> float:
    if not focus:
        return 1.0
    return len(focus & content_words(expand(sentence))) / len(focus)


def asked_role(question: str) -> str | None:
    """'Which Australian minister signed …' -> 'minis' (a role the answer must name)."""
    match = WHICH.search(question)
    if not match:
        return None
    words = [w for w in match.group(1).split() if not find_states(w) and not w.isdigit()]
    role = content_words(words[-1]) if words else set()
    return next(iter(role), None) if role and not role & GENERIC_ROLES else None


def overlap(wanted: set[str], expanded: set[str], text: str, language: str | None = None) -> float:
    """Share of the question's content words (or their glossary equivalents) in TEXT."""
    if not wanted:
        return 0.0
    present = content_words(text, language)
    return min(1.0, len(expanded & present) / len(wanted))


def absent_states(plan: QueryPlan, scored: list[Scored]) -> bool:
    """The question names states and none of them wrote any retrieved letter."""
    if not plan.states:
        return False
    seen = {canonical_state(x.hit.paragraph.state or "") for x in scored}
    return not (set(plan.states) & seen)


def mentions_states(plan: QueryPlan, text: str) -> bool:
    return bool({s.state for s in find_states(text)} & set(plan.states))


def content_words(text: str, language: str | None = None) -> set[str]:
    """Stems of TEXT's content words in LANGUAGE (ingest.text; English when unknown), accents
    folded. Never the eval metric's tokenizer: what is graded must not share the grader's code."""
    return content_terms(text, language)


def expanded_words(text: str) -> set[str]:
    """Stems, under every letter language, of TEXT and its glossary equivalents: what a
    sentence in any of the four languages may contain to match the question."""
    return {t for t in terms_any_language(expand(text)) if len(t) >= 3 and not t.isdigit()}


# --- composing the text ------------------------------------------------------------------


LANGUAGE_NAMES = {"fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German"}


def quote(text: str, language: str | None = None) -> str:
    """The quoted words, whitespace collapsed: “…” in English, « … » in the other languages."""
    words = " ".join(text.split())
    return f"« {words} »" if language in LANGUAGE_NAMES else f"“{words}”"


def in_language(language: str | None) -> str:
    """' in French' for a letter not in English (the extractive answerer quotes the original)."""
    name = LANGUAGE_NAMES.get((language or "")[:2])
    return f" in {name}" if name else ""


def source_phrase(paragraph) -> str:
    """ "Pakistan's Ministry of Foreign Affairs" / "the Embassy of Pakistan" / "Pakistan"."""
    sender = (paragraph.sender or "").split("\n")[0].split(",")[0].strip()
    state = paragraph.state
    if sender and state and not names_state(sender, state):
        return f"{state}'s {sender}"
    if sender:
        return sender if sender.lower().startswith("the ") else f"the {sender}"
    return state or "the letter"


def names_state(text: str, state: str) -> bool:
    """Whether TEXT already names STATE in any form ("Mission of the Lao People's Democratic
    Republic" names Laos), so a lead-in need not repeat it. A capital does not count:
    "Ministry of Foreign Affairs (Islamabad)" still reads better with its state."""
    canonical = canonical_state(state) or state
    named = {s.state for s in find_states(text) if s.how != "capital"}
    return fold(state) in fold(text) or canonical in named


def lead_in(paragraph) -> str:
    """'In its letter of 5 September 2012, Switzerland's DFAE states, in French:'"""
    when = human_date(paragraph.date)
    letter = f"In its letter of {when}" if when else "In its letter"
    language = in_language(paragraph.language)
    return f"{letter}, {source_phrase(paragraph)} states{',' + language if language else ''}:"


def compose(plan: QueryPlan, groups: list[list[Scored]]) -> Draft:
    """One line per cited paragraph; a lead-in for each new letter; newest first for "current"."""
    if plan.newest:
        groups = sorted(groups, key=lambda g: g[0].hit.paragraph.date or "", reverse=True)
    elif (
        len({g[0].hit.paragraph.letter_id for g in groups}) > 1
        and len({canonical_state(g[0].hit.paragraph.state or "") for g in groups}) == 1
    ):
        groups = sorted(groups, key=lambda g: g[0].hit.paragraph.date or "")  # how it developed
    lines, cited, previous = [], [], None
    for n, group in enumerate(groups, start=1):
        paragraph = group[0].hit.paragraph
        quoted = " ".join(quote(x.text, paragraph.language) for x in group)
        intro = "It adds:" if paragraph.letter_id == previous else lead_in(paragraph)
        lines.append(f"{intro} {quoted} [{n}]")
        cited.append((n, group[0].hit, tuple((x.start, x.end) for x in group)))
        previous = paragraph.letter_id
    return Draft("\n\n".join(lines), False, tuple(cited))


def meta_answer(plan: QueryPlan, meta: list) -> Draft:
    """Who/when questions: the letter's date line and signature block, quoted."""
    paragraph = meta[0].paragraph
    when = human_date(paragraph.date)
    header = f"The letter of {when}" if when else "The letter"
    header += f" from {source_phrase(paragraph)}"
    phrases, cited, last_kind = [], [], None
    for n, hit in enumerate(meta, start=1):
        text = hit.paragraph.text
        marker = f"{quote(text, hit.paragraph.language)} [{n}]"
        if hit.paragraph.kind == last_kind:
            phrases[-1] += f" {marker}"
        else:
            phrases.append(f"{META_LEAD.get(hit.paragraph.kind, 'reads')} {marker}")
        last_kind = hit.paragraph.kind
        cited.append((n, hit, ((0, len(text)),)))
    return Draft(f"{header} " + " and ".join(phrases) + ".", False, tuple(cited))


def abstention(plan: QueryPlan, hits: list, see_also: int) -> Draft:
    """'The letters of Spain do not say …' when the states the question names wrote letters
    here but none holds what is asked; 'The letters in this collection do not address …'
    otherwise; then the closest paragraphs as "See also"."""
    question = plan.question.strip()
    present = [
        s for s in plan.states if any(canonical_state(h.paragraph.state or "") == s for h in hits)
    ]
    if present:
        text = f"The letters of {' and '.join(present)} do not say this"
        missing = missing_facet(question)
        text += f" ({question}){': none of them gives ' + missing if missing else ''}."
    else:
        text = "The letters in this collection do not address this question"
        text += f" ({question})." if question else "."
    closest = hits[:see_also]
    if closest:
        text += "\n\nSee also:\n" + "\n".join(
            f"- [{n}] {citation_of(h.paragraph).label()}" for n, h in enumerate(closest, start=1)
        )
    return Draft(text, True, tuple((n, h, ()) for n, h in enumerate(closest, start=1)))
