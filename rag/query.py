"""Query analysis (pure): which states, years and kind of question a question is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import CONTENT_KINDS
from rag.glossary import expand
from rag.states import find_states

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
SINCE = re.compile(r"\b(?:since|after|from|depuis|desde|después de|apres|après)\s+(?:\w+\s+)?$")
UNTIL = re.compile(r"\b(?:before|until|till|by|up to|prior to|avant|antes de|hasta)\s+(?:\w+\s+)?$")
NEWEST = re.compile(
    r"\b(?:current|currently|latest|most recent|newest|now|today|at present|"
    r"presently|actuel|actuelle|actual|actualmente)\b",
    re.I,
)
META_ASK = re.compile(
    r"\b(?:dated|date of|sign(?:ed|s)?(?!\s+the\s+(?:convention|treaty))|signator\w*|"
    r"wrote|written|writes|sent|send|author|sender|which office|which ministry|"
    r"which department|which official|signé|firmó)\b",
    re.I,
)
LETTER_NOUN = re.compile(
    r"\b(?:letters?|notes?|notes? verbales?|reply|replies|response|"
    r"lettre|carta|nota)\b",
    re.I,
)
WHO_SIGNED = re.compile(
    r"\bwho\s+(?:signed|wrote|sent|is the (?:author|signatory|sender))\b"
    r"(?!\s+the\s+(?:convention|treaty|declaration))",
    re.I,
)
ASKS_DATE = re.compile(r"\b(?:when|what date|which date|dated|date|quand|cuándo|fecha)\b", re.I)
ASKS_PERSON = re.compile(
    r"\b(?:who|whom|signed|signatory|signatories|sign|author|qui|quién)\b", re.I
)
ASKS_OFFICE = re.compile(
    r"\b(?:which|what)\s+(?:office|ministry|department|embassy|mission|"
    r"government body|institution)\b",
    re.I,
)
COMPARE = re.compile(
    r"\b(?:compare|comparison|versus|vs\.?|both|differ|difference|which (?:two |three |"
    r"of the )?(?:states|countries|governments|nations|letters)|which states|"
    r"how many states|list|each)\b",
    re.I,
)
SPLIT = re.compile(
    r"(?:,?\s+and\s+|[?.]\s+)(?=(?:what|when|where|who|whom|which|why|how|"
    r"on what|in which|did|does|do|is|was|were|has|had)\b)",
    re.I,
)
# Multi-hop questions describe a state instead of naming it: "the host country", "that
# country", "which other government …", "an African country named in its letter".
BRIDGE = re.compile(
    r"\b(?:host|hosting|that|this|the same|the latter|the former)\s+"
    r"(?:country|state|government|nation|city)\b"
    r"|\bwhich\s+other\s+(?:country|state|government|nation)\b"
    r"|\b(?:which|what)\s+(?:country|state|government|nation)\s+(?:hosted|chaired|"
    r"organi[sz]ed|convened|led|proposed|drafted)\b"
    r"|\b(?:an?|the)\s+(?:\w+\s+)?(?:country|state|government|nation)\s+(?:named|mentioned|"
    r"cited|described|referred to)\b",
    re.I,
)


@dataclass(frozen=True)
class QueryPlan:
    """What retrieval and answering need to know about a question."""

    question: str
    lexical: str  # the question expanded with glossary terms, for BM25
    states: tuple[str, ...] = ()  # canonical names, in order of mention
    state_filter: str | None = None  # a state the caller asked for (hard filter)
    since: int | None = None
    until: int | None = None
    years_from_question: bool = False  # years read from the text are soft, the caller's are hard
    newest: bool = False  # "current", "latest": prefer each state's newest letter
    asks_meta: bool = False  # who wrote/signed/when: date and signature paragraphs may be cited
    asks_date: bool = False
    asks_person: bool = False
    asks_office: bool = False
    compares: bool = False  # several states or letters: diversify across letters
    kinds: tuple[str, ...] | None = field(default=CONTENT_KINDS)  # None: every kind
    parts: tuple[str, ...] = ()  # the sub-questions of a question that asks several things
    bridges: bool = False  # "the host country": the answer names a state another letter describes


def unbridged(part: str) -> str:
    """PART with its description of a state ("the host country") read as "the state": the
    answerer scores the second hop's sentences against it, since the description's own words
    ("host") fit the first hop's paragraph, not the answer."""
    return BRIDGE.sub("the state", part)


def hop_question(plan: QueryPlan) -> str:
    """What a multi-hop question's second hop asks: its parts after the describing one."""
    return " ".join(plan.parts[1:]) or plan.question


def ranked_texts(plan: QueryPlan) -> list[str]:
    """The texts a question's retrieval ranks the whole pool by: the question, its parts and,
    for a multi-hop question, the second hop's question."""
    texts = [plan.question, *plan.parts, *([hop_question(plan)] if plan.bridges else [])]
    return list(dict.fromkeys(texts))


def embedded_texts(plan: QueryPlan) -> list[str]:
    """Every text a question's retrieval and answer embed (`ranked_texts` and the parts'
    unbridged forms), so one model call embeds them all: each further call costs the
    model's fixed overhead again (~10 ms here)."""
    return list(dict.fromkeys([*ranked_texts(plan), *map(unbridged, plan.parts)]))


# Control characters and lone surrogates (a JSON "\\ud800") carry no words, and the
# tokenizer refuses surrogates: they are dropped from every question before anything else.
_UNREADABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_question(question: str | None) -> str:
    """The question without control characters or lone surrogates, stripped."""
    return _UNREADABLE.sub(" ", question or "").strip()


def analyse(
    question: str, state: str | None = None, since: int | None = None, until: int | None = None
) -> QueryPlan:
    """A QueryPlan for QUESTION; STATE, SINCE and UNTIL (from the caller) are hard filters."""
    states = tuple(name.state for name in find_states(question))
    text_since, text_until = year_range(question)
    asks_meta = is_meta_question(question)
    return QueryPlan(
        question=question,
        lexical=expand(question),
        states=states,
        state_filter=state,
        since=since if since is not None else text_since,
        until=until if until is not None else text_until,
        years_from_question=since is None
        and until is None
        and (text_since or text_until) is not None,
        newest=bool(NEWEST.search(question)),
        asks_meta=asks_meta,
        asks_date=asks_meta and bool(ASKS_DATE.search(question)),
        asks_person=asks_meta and bool(ASKS_PERSON.search(question)),
        asks_office=asks_meta and bool(ASKS_OFFICE.search(question)),
        compares=len(states) >= 2 or bool(COMPARE.search(question)),
        kinds=None if asks_meta else CONTENT_KINDS,
        parts=sub_questions(question, states),
        bridges=bool(BRIDGE.search(question)),
    )


def sub_questions(question: str, states: tuple[str, ...] = ()) -> tuple[str, ...]:
    """'When did X sign, and what did it say about Y?' -> its two questions (with the states)."""
    pieces = [p.strip(" ,;?") for p in SPLIT.split(question) if p and len(p.split()) >= 3]
    if len(pieces) < 2:
        return ()
    prefix, parts, bridged = " and ".join(states), [], False
    for piece in pieces:
        if BRIDGE.search(piece):
            bridged = True
            parts.append(f"{piece}?")
        elif find_states(piece) or not prefix:
            parts.append(f"{piece}?")
        else:  # "… and how does it want …": after a bridge, "it" is the bridged state
            parts.append(f"{'That state' if bridged else prefix}: {piece}?")
    return tuple(parts)


def is_meta_question(question: str) -> bool:
    """Does QUESTION ask who wrote, signed or sent a letter, or when?"""
    if WHO_SIGNED.search(question):
        return True
    return bool(META_ASK.search(question) and LETTER_NOUN.search(question))


def year_range(question: str) -> tuple[int | None, int | None]:
    """(since, until) read from the years a question mentions; (None, None) when it names none."""
    matches = list(YEAR.finditer(question))
    years = [int(m.group(1)) for m in matches]
    if not years:
        return None, None
    if len(years) >= 2:
        return min(years), max(years)
    before = question[: matches[0].start()]
    if SINCE.search(before):
        return years[0], None
    if UNTIL.search(before):
        return None, years[0]
    return years[0], years[0]
