"""Across states: "which states …" and "compare X and Y on …" answered with one row per state
(its best paragraph, one quoted sentence, cited) and the states whose letters do not address
the question named as such.

The relevance bar. A state addresses the question when both hold (for a state the question
names, "compare X and Y on <subject>", (2) alone suffices: the question asks about it by name,
and the answerer's bar, computed with an English-only model, is low for letters in French or
Spanish):
1. the default answerer, asked the question about that state alone (the state as a hard
   filter), answers instead of abstaining: the same calibrated bar (rag.extractive's abstention
   settings) that decides whether a one-state question is answered, so no number is fitted here;
2. the quoted sentence names the question's subject: a term, in any language, of a glossary
   concept the question asks about ("victims" -> victims, survivors, victimes, víctimas …), or
   for a question in no glossary term one of its own words, leaving out terms more than half of
   the collection's letters use: a term most letters use ("cluster munitions", "convention")
   cannot show that a letter addresses a particular question. When every term of the question
   is such a term, (1) alone decides.
Of the states that clear the bar, the best `limit` rows are shown (the number the question asks
for, "which two governments …", else k), ranked by the cosine of their quoted sentence to the
question; the other states that clear it are listed as also addressing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ingest import words as plain_words  # unstemmed: patterns add their own endings
from rag.answer import Citation
from rag.cite import cite
from rag.extractive import Draft
from rag.footnote import human_date
from rag.glossary import concepts, matched_concepts, trigger_pattern
from rag.query import QueryPlan
from rag.sentences import split_sentences
from rag.states import canonical_state, find_states, fold

# Questions over the states of the collection, in English, French, Spanish and Portuguese.
WHICH_STATES = re.compile(
    r"\b(?:which|what)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,2}?(?:states|countries|governments|"
    r"nations)\b|\b(?:quels|quelles)\s+(?:etats|pays|gouvernements)\b|"
    r"\b(?:que|cuales|quais)\s+(?:estados|paises|gobiernos|governos)\b",
)
COMPARE = re.compile(
    r"\b(?:compare[sd]?|comparison|versus|vs|differ|difference|comparer|comparar)\b"
)
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
COUNT = re.compile(r"\b(?:which|what)\s+(two|three|four|five|six|seven|eight|\d{1,2})\s+")
# Words of the question's form, not of its subject.
FORM_TEXT = (
    "which what states state countries country governments government nations nation letters "
    "letter collection their have does did that with about from this those these there were "
    "been they them into than then also both compare comparison versus position positions "
    "view views policy say said says argue argues write wrote mention mentions how the and "
    "for are has was its not any all other others"
)
FORM_WORDS = frozenset(FORM_TEXT.split())


def is_across(plan: QueryPlan) -> bool:
    """A "which states …" question, or a comparison of two or more named states."""
    folded = fold(plan.question)
    return bool(WHICH_STATES.search(folded)) or (
        len(plan.states) >= 2 and bool(COMPARE.search(folded))
    )


def asked_count(question: str) -> int | None:
    """'Which two governments …' -> 2."""
    match = COUNT.search(fold(question))
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else COUNT_WORDS[word]


def word_pattern(word: str) -> str:
    """A word and its inflections: a short word with a few endings ("ban", "bans", "banned"),
    a longer one by its stem (all but its last three letters, at least six: "prohibition" ->
    "prohibit", "interdit" -> "interd", so "international" does not match)."""
    if len(word) <= 4:
        return re.escape(word) + r"(?:s|es|d|ed|ned|ning)?(?!\w)"
    return re.escape(word[: max(len(word) - 3, min(len(word), 6))]) + r"\w*"


def term_pattern(term: str) -> re.Pattern:
    """A phrase matched word by word on folded text ("victims of cluster munitions" meets
    "victim of cluster munition")."""
    words = [w for w in plain_words(term) if not w.isdigit()]
    return re.compile(r"(?<!\w)" + r"\W+".join(word_pattern(w) for w in words))


def asked_concepts(question: str, is_everyday) -> list[tuple[str, ...]]:
    """The glossary concepts the question asks about whose wording in it is not everyday."""
    folded, found = fold(question), []
    for terms in matched_concepts(question):
        asked = [term_pattern(t) for t in terms if trigger_pattern(t).search(folded)]
        if asked and not all(is_everyday(p) for p in asked):
            found.append(terms)
    return found


def concept_terms(terms: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(term_pattern(t) for t in terms if len(t) > 2)


def subject_terms(question: str, is_everyday) -> tuple[re.Pattern, ...]:
    """What a sentence must name to address QUESTION: the terms (in every language) of each
    glossary concept the question asks about, unless its wording in the question is everyday
    (IS_EVERYDAY(pattern)); for a question that uses no glossary term, its own words that are
    not everyday, not states and not the question's form."""
    if matched_concepts(question):  # a question in the glossary's terms: those decide
        concepts = asked_concepts(question, is_everyday)
        return tuple(p for terms in concepts for p in concept_terms(terms))
    named = {w for name in find_states(question) for w in plain_words(name.text)}
    words = [w for w in plain_words(question) if len(w) >= 3 and not w.isdigit()]
    kept = [term_pattern(w) for w in words if w not in FORM_WORDS and w not in named]
    return tuple(p for p in kept if not is_everyday(p))


def names_subject(text: str, subject, asked=(), folded: str | None = None) -> bool:
    """Does TEXT (FOLDED: TEXT already folded) name one of the SUBJECT terms? A match inside a
    longer name of another glossary concept than the ASKED ones does not count ("ban" in "the
    Mine Ban Treaty"). Nothing to name: yes."""
    if not subject:
        return True
    folded = fold(text) if folded is None else folded
    found = (m.span() for p in subject for m in p.finditer(folded))  # lazily: a state's text
    return any(not in_other_name(folded, span, asked) for span in found)


def in_other_name(folded: str, span: tuple[int, int], asked=()) -> bool:
    """Is SPAN of FOLDED inside a longer name of a glossary concept other than the ASKED ones?
    Only the words around it are read: a name containing the span lies within the longest
    name's length of it (a state's whole text is 100k characters at 100k paragraphs)."""
    start, end = around(folded, span, longest_name())
    names = concept_names(folded[start:end])
    other = [
        (s + start, e + start) for terms, spans in names if terms not in asked for s, e in spans
    ]
    return inside(span, other)


def around(folded: str, span: tuple[int, int], reach: int) -> tuple[int, int]:
    """The stretch of FOLDED from REACH characters before SPAN to REACH after, widened to
    whole words (so the names' word boundaries read the same as in the whole text)."""
    start = folded.rfind(" ", 0, max(span[0] - reach, 0)) + 1
    end = folded.find(" ", min(span[1] + reach, len(folded)))
    return start, len(folded) if end < 0 else end


@cache
def longest_name() -> int:
    """The length of the longest several-word glossary term, folded."""
    return max((len(fold(t)) for terms in concepts() for t in terms if " " in t.strip()), default=0)


@lru_cache(maxsize=4096)
def concept_names(folded: str) -> tuple[tuple[tuple[str, ...], tuple[tuple[int, int], ...]], ...]:
    """The spans of the several-word names of each glossary concept in FOLDED (the same for
    every question; every "which states" answer reads the same sentences again)."""
    return tuple(
        (terms, tuple(
            m.span()
            for term in terms
            if " " in term.strip() and fold(term) in folded
            for m in trigger_pattern(term).finditer(folded)
        ))
        for terms in matched_concepts(folded, folded)
    )  # fmt: skip


def inside(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Is SPAN within one of the OTHERS and shorter than it?"""
    start, end = span
    return any(s <= start and end <= e and e - s > end - start for s, e in others)


@dataclass(frozen=True)
class StateAnswer:
    """One row: a state's best paragraph (a retrieve.Hit) and its quoted sentence."""

    state: str
    hit: object
    span: tuple[int, int]
    score: float

    @property
    def sentence(self) -> str:
        return self.hit.paragraph.text[self.span[0] : self.span[1]]


@dataclass(frozen=True)
class AcrossResult:
    question: str
    rows: tuple[StateAnswer, ...]
    not_addressed: tuple[str, ...]  # states of the collection whose letters do not address it
    also_addressed: tuple[str, ...] = ()  # clear the bar but beyond the rows asked for
    absent: tuple[str, ...] = ()  # states the question names that wrote no letter here


def compose(result: AcrossResult) -> Draft:
    """The chat's text: one bullet per state with its quoted sentence and [n] (metadata and
    quotes only); the states that do not address the question are named in the notice."""
    lines = []
    for n, row in enumerate(result.rows, start=1):
        when = human_date(row.hit.paragraph.date) or "undated"
        lines.append(f"- {row.state} ({when}): “{' '.join(row.sentence.split())}” [{n}]")
    text = "\n".join(lines) or (
        f"The letters in this collection do not address this question ({result.question.strip()})."
    )
    cited = tuple((n, row.hit, (row.span,)) for n, row in enumerate(result.rows, start=1))
    return Draft(text, not result.rows, cited, notice_of(result))


def notice_of(result: AcrossResult) -> str | None:
    """'Not addressed in their letters: Brazil, Germany.' and the other lists, if any."""
    lists = [
        ("Not addressed in their letters", result.not_addressed),
        (
            "Also addressed (not shown here; the Positions tab lists every state)",
            result.also_addressed,
        ),
        ("No letters in this collection from", result.absent),
    ]
    notes = [f"{title}: {', '.join(states)}." for title, states in lists if states]
    return " ".join(notes) or None


@dataclass(frozen=True)
class AcrossTable:
    """The table form for the API and the UI: per row the state, the letter's date, the quoted
    sentence and its Citation (the chat's, the sentence highlighted)."""

    question: str
    rows: tuple[tuple[str, str | None, str, Citation], ...]
    not_addressed: tuple[str, ...]
    also_addressed: tuple[str, ...]
    absent: tuple[str, ...]

    def to_dict(self) -> dict:
        rows = [
            {"state": state, "date": date, "sentence": sentence, "citation": c.to_dict()}
            for state, date, sentence, c in self.rows
        ]
        lists = {k: list(getattr(self, k)) for k in ("not_addressed", "also_addressed", "absent")}
        return {"question": self.question, "rows": rows} | lists


@dataclass(frozen=True)
class AcrossSettings:
    per_state_k: int = 5  # paragraphs retrieved for each state's own answer (the chat's default k)


class AcrossStates:
    """Answers across-states questions with the pipeline's own retriever and default answerer
    (one question per state), so the bar is the answerer's; SENTENCES is the shared cache."""

    def __init__(self, letter_index, retriever, answerer, sentences, settings=None):
        self.index, self.retriever, self.answerer = letter_index, retriever, answerer
        self.sentences = sentences
        self.settings = settings or AcrossSettings()
        self._texts: tuple[object, tuple] = (None, ([], {}))
        self._everyday: tuple[object, dict] = (None, {})  # (letter texts, pattern -> bool)

    def warm_up(self) -> AcrossStates:
        """Fold every letter and state text now (once per generation), not in the first
        "which states" question."""
        self.texts()
        return self

    def applies(self, plan: QueryPlan) -> bool:
        return is_across(plan)

    def draft(self, plan: QueryPlan, k: int) -> Draft:
        return compose(self.result(plan, k))

    def table(self, plan: QueryPlan, k: int) -> AcrossTable:
        result = self.result(plan, k)
        rows = tuple(
            (row.state, row.hit.paragraph.date, " ".join(row.sentence.split()),
             cite(self.index, row.hit.paragraph, n, (row.span,), row.score))
            for n, row in enumerate(result.rows, start=1)
        )  # fmt: skip
        lists = (result.not_addressed, result.also_addressed, result.absent)
        return AcrossTable(plan.question, rows, *lists)

    def result(self, plan: QueryPlan, k: int) -> AcrossResult:
        states, absent = self.candidate_states(plan)
        subject = subject_terms(plan.question, self.is_everyday)
        asked = asked_concepts(plan.question, self.is_everyday)
        rows, silent = [], []
        texts = self.state_texts()
        for state in states:
            # a state none of whose paragraphs names the subject cannot clear the bar: no search
            folded = texts.get(state, "")
            mentions = names_subject(folded, subject, asked, folded=folded)
            row = self.state_answer(plan, state, subject, asked) if mentions else None
            if row:
                rows.append(row)
            else:
                silent.append(state)
        rows.sort(key=lambda row: -row.score)
        limit = asked_count(plan.question) or k
        shown = sorted(rows[:limit], key=lambda row: row.state)
        also = sorted(row.state for row in rows[limit:])
        return AcrossResult(plan.question, tuple(shown), tuple(silent), tuple(also), absent)

    def candidate_states(self, plan: QueryPlan) -> tuple[list[str], tuple[str, ...]]:
        """The named states (those with letters here, and those without), else every state
        of the collection (only the caller's state when it filters on one)."""
        stored = sorted({p.state for p in self.index.paragraphs() if p.state})
        by_name = {canonical_state(s) or s: s for s in stored}
        if plan.state_filter:
            wanted = canonical_state(plan.state_filter) or plan.state_filter
            return [by_name[wanted]] if wanted in by_name else [], ()
        if len(plan.states) >= 2:
            present = [by_name[s] for s in plan.states if s in by_name]
            return present, tuple(s for s in plan.states if s not in by_name)
        return stored, ()

    def state_answer(self, plan: QueryPlan, state: str, subject, asked=()):
        """STATE's row, or None when its letters do not address the question."""
        one = replace(plan, states=(canonical_state(state) or state,), state_filter=state,
                      compares=False, parts=())  # fmt: skip
        hits = self.retriever.retrieve(one, self.settings.per_state_k)
        if not hits:
            return None
        draft = self.answerer.answer(one, hits)
        named = len(plan.states) >= 2 and bool(subject)  # "compare X and Y on <subject>"
        if (draft.abstained or not draft.cited) and not named:
            return None
        return self.best_sentence(plan.question, state, hits, subject, asked)

    def best_sentence(self, question: str, state: str, hits: list, subject, asked):
        """The retrieved sentence naming most of the asked concepts ("ratified" and "the
        Convention"), then the nearest to the question; None when none names the subject."""
        sentences = [
            (hit, span)
            for hit in hits
            for span in split_sentences(hit.paragraph.text)
            if names_subject(hit.paragraph.text[span[0] : span[1]], subject, asked)
        ]
        if not sentences:
            return None
        texts = [hit.paragraph.text[s:e] for hit, (s, e) in sentences]
        scores = self.sentences.vectors(texts) @ self.sentences.query(question)
        covers = [sum(names_subject(t, concept_terms(c), asked) for c in asked) for t in texts]
        best = max(range(len(texts)), key=lambda i: (covers[i], float(scores[i])))
        hit, span = sentences[best]
        return StateAnswer(state, hit, tuple(span), float(scores[best]))

    def is_everyday(self, pattern: re.Pattern) -> bool:
        """Do more than half of the collection's letters use PATTERN? Such a word ("cluster
        munitions", "convention") cannot show that a letter addresses a particular question."""
        texts = self.letter_texts()
        if self._everyday[0] is not texts:  # a sync replaced the texts: start over
            self._everyday = (texts, {})
        known = self._everyday[1]
        if pattern not in known:
            known[pattern] = sum(bool(pattern.search(t)) for t in texts) > len(texts) / 2
        return known[pattern]

    def letter_texts(self) -> list[str]:
        """Each letter's folded text (recomputed after a sync)."""
        return self.texts()[0]

    def state_texts(self) -> dict[str, str]:
        """Each state's paragraphs, folded, one per line (recomputed after a sync)."""
        return self.texts()[1]

    def texts(self) -> tuple[list[str], dict[str, str]]:
        paragraphs = self.index.paragraphs()
        if self._texts[0] is not paragraphs:
            by_letter: dict[str, list[str]] = {}
            by_state: dict[str, list[str]] = {}
            for p in paragraphs:
                by_letter.setdefault(p.letter_id, []).append(fold(p.text))
                by_state.setdefault(p.state or "", []).append(by_letter[p.letter_id][-1])
            letters = ["\n".join(t) for t in by_letter.values()]
            states = {state: "\n".join(t) for state, t in by_state.items()}
            self._texts = (paragraphs, (letters, states))
        return self._texts[1]
