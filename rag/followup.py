"""Follow-up questions (pure): "And in 2011?", "What about Chile?", "Who signed it?" are
rewritten against the previous turn into the question actually answered, which every
interface shows ("Answering: …")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.footnote import human_date
from rag.query import YEAR
from rag.states import find_states

# A follow-up opens with "and", "what about", "how about", "same for" (or their French and
# Spanish forms) and says little else.
OPENER = re.compile(
    r"^\s*(?:and|what about|how about|same for|same question for|and what about|et|y|e|"
    r"qu'en est-il de|y qué hay de|e quanto a)\b[\s,]*(?:in|for|of|on|en|pour|para|de)?\s*",
    re.I,
)
# "it", "that letter", "this letter", "the letter": the letter the previous answer quoted.
PRONOUN = re.compile(r"\b(?:it|that letter|this letter|the letter|that reply|this reply)\b", re.I)
ABOUT_LETTER = re.compile(
    r"^\s*(?:who|when|what date|which date|on what date|by whom|from whom|where)\b", re.I
)
YEAR_RANGE = re.compile(
    r"\b(?:between|from)\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:and|to|-|–)\s+(?:\w+\s+)?(?:19|20)\d\d\b",
    re.I,
)
MAX_FOLLOW_UP_WORDS = 7


@dataclass(frozen=True)
class Turn:
    """What a follow-up may refer to: the question last answered, and the letter it quoted."""

    question: str
    state: str | None = None  # the state of the first cited letter
    date: str | None = None  # its ISO date


def resolve(question: str, previous: Turn | None) -> str:
    """QUESTION rewritten as a complete question when it follows up on PREVIOUS; else itself."""
    question = question.strip()
    if previous is None or not previous.question.strip():
        return question
    if len(question.split()) > MAX_FOLLOW_UP_WORDS:
        return question
    return (
        about_its_letter(question, previous)
        or with_other_states(question, previous)
        or with_other_years(question, previous)
        or question
    )


def about_its_letter(question: str, previous: Turn) -> str | None:
    """'Who signed it?' -> "Who signed Chile's letter of 3 May 2010?" (the letter last quoted)."""
    if not (ABOUT_LETTER.match(question) and PRONOUN.search(question)) or find_states(question):
        return None
    if not previous.state:
        return None
    when = human_date(previous.date)
    letter = f"{previous.state}'s letter" + (f" of {when}" if when else "")
    return PRONOUN.sub(letter, question, count=1)


def with_other_states(question: str, previous: Turn) -> str | None:
    """'What about Chile?' -> the previous question with Chile in place of its states."""
    opener = OPENER.match(question)
    states = find_states(question)
    if not opener or not states or YEAR.search(question):
        return None
    new = " and ".join(s.state for s in states)
    old = find_states(previous.question)
    if not old:
        return f"{previous.question.rstrip(' ?')} ({new})?"
    text = previous.question
    for name in old[1:]:
        text = re.sub(rf"(?:,\s*|\s+and\s+)?{re.escape(name.text)}", "", text, count=1)
    return re.sub(re.escape(old[0].text), new, text, count=1)


def with_other_years(question: str, previous: Turn) -> str | None:
    """'And in 2011?' -> the previous question about 2011 (its own years replaced)."""
    opener = OPENER.match(question)
    years = YEAR.findall(question)
    if not opener or not years or find_states(question):
        return None
    wanted = " and ".join(years)
    text, changed = YEAR_RANGE.subn(f"in {wanted}", previous.question, count=1)
    if changed:
        return text
    if YEAR.search(previous.question):
        return YEAR.sub(wanted, previous.question, count=1)
    return f"{previous.question.rstrip(' ?')} in {wanted}?"


def last_turn(history) -> Turn | None:
    """The last turn of HISTORY (dicts with "question" and optionally "state", "date", or an
    answer dict whose first citation gives them), as a Turn."""
    for item in reversed(list(history or [])):
        if isinstance(item, Turn):
            return item
        if not isinstance(item, dict) or not str(item.get("question") or "").strip():
            continue
        answer = item.get("answer") if isinstance(item.get("answer"), dict) else {}
        question = str(answer.get("answering") or item["question"])
        cited = (answer.get("citations") or [{}])[0]
        state = item.get("state") or cited.get("state")
        return Turn(question, state, item.get("date") or cited.get("date"))
    return None
