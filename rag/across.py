"""Across states: "which states …" and "compare X and Y on …" answered with one row per state
(its best paragraph, one quoted sentence, cited) and the states whose letters do not address
the question named as such.

The relevance bar. A state addresses the question when both hold:
1. the default answerer, asked the question about that state alone (the state as a hard
   filter), answers instead of abstaining: the same calibrated bar (rag.extractive's abstention
   settings) that decides whether a one-state question is answered, so no number is fitted here;
2. the cited paragraph names the question's subject: one of the question's words (or their
   glossary equivalents in other languages) that fewer than half of the collection's letters
   use. A word most letters use ("cluster", "munitions", "convention") cannot show that a letter
   addresses a particular question; when every word of the question is such a word, (1) decides.
Of the states that clear the bar, the best `limit` rows are shown (the number the question asks
for, "which two governments …", else k), ranked by the cosine of their quoted sentence to the
question; the other states that clear it are listed as also addressing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index import tokenize
from rag.answer import Citation
from rag.cite import cite
from rag.extractive import Draft
from rag.footnote import human_date
from rag.glossary import expand
from rag.query import QueryPlan
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


def stem(word: str) -> str:
    """All but a word's last three letters, at least five: "prohibition" -> "prohibit"."""
    return word[: max(5, len(word) - 3)]


def stems(text: str) -> set[str]:
    return {stem(w) for w in tokenize(text) if len(w) >= 3 and not w.isdigit()}


def subject_stems(question: str, everyday: set[str]) -> set[str]:
    """The stems of the question's subject, with their glossary equivalents."""
    named = {w for name in find_states(question) for w in tokenize(name.text)}
    words = [w for w in tokenize(expand(question)) if len(w) >= 3 and not w.isdigit()]
    found = {stem(w) for w in words if w not in FORM_WORDS and w not in named}
    return found - everyday


def names_subject(text: str, subject: set[str]) -> bool:
    """Does TEXT use one of the SUBJECT stems (as a word start)?"""
    if not subject:
        return True
    words = tokenize(text)
    return any(w.startswith(s) for w in words for s in subject)


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
        ("Also addressed (not shown; ask for more states with a larger k)", result.also_addressed),
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
    per_state_k: int = 3  # paragraphs retrieved for each state's own answer


class AcrossStates:
    """Answers across-states questions with the pipeline's own retriever and default answerer
    (one question per state), so the bar is the answerer's; SENTENCES is the shared cache."""

    def __init__(self, letter_index, retriever, answerer, sentences, settings=None):
        self.index, self.retriever, self.answerer = letter_index, retriever, answerer
        self.sentences = sentences
        self.settings = settings or AcrossSettings()
        self._everyday: tuple[object, set[str]] = (None, set())

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
        subject = subject_stems(plan.question, self.everyday())
        rows, silent = [], []
        for state in states:
            row = self.state_answer(plan, state, subject)
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

    def state_answer(self, plan: QueryPlan, state: str, subject: set[str]):
        """STATE's row, or None when its letters do not address the question."""
        one = replace(plan, states=(canonical_state(state) or state,), state_filter=state,
                      compares=False, parts=())  # fmt: skip
        hits = self.retriever.retrieve(one, self.settings.per_state_k)
        if not hits:
            return None
        draft = self.answerer.answer(one, hits)
        if draft.abstained or not draft.cited:
            return None
        _, hit, spans = draft.cited[0]
        if not names_subject(hit.paragraph.text, subject):
            return None
        spans = list(spans) or [(0, len(hit.paragraph.text))]
        texts = [hit.paragraph.text[s:e] for s, e in spans]
        scores = self.sentences.vectors(texts) @ self.sentences.query(plan.question)
        best = int(scores.argmax())
        return StateAnswer(state, hit, tuple(spans[best]), float(scores[best]))

    def everyday(self) -> set[str]:
        """Stems more than half of the collection's letters use (recomputed after a sync)."""
        paragraphs = self.index.paragraphs()
        if self._everyday[0] is not paragraphs:
            by_letter: dict[str, set[str]] = {}
            for p in paragraphs:
                by_letter.setdefault(p.letter_id, set()).update(stems(p.text))
            counts: dict[str, int] = {}
            for found in by_letter.values():
                for s in found:
                    counts[s] = counts.get(s, 0) + 1
            half = len(by_letter) / 2
            self._everyday = (paragraphs, {s for s, c in counts.items() if c > half})
        return self._everyday[1]
