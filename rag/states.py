"""Recognising the states a question names or implies ("Pakistani", "Islamabad", "la France").

The table itself is ingest's (`ingest.state_names()`): one table, so the state a letter is
stored under and the state a question names always agree.
"""

from __future__ import annotations

import re
from functools import cache

from ingest import StateName, fold, state_names
from ingest.language import detect_language

# A capital names a place, not its government, after a preposition ("signed in Oslo") or in
# the name of a process, treaty or meeting ("the Oslo process", "processus d'Oslo").
PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|to|from|of|near|de|en|a|au|d')\s*|d')$")
EVENT_AFTER = re.compile(
    r"^\W{0,2}\s*(?:process|declaration|convention|treaty|conference|meeting|negotiations|"
    r"text|conferences|talks|summit|agreement|protocol|action plan|commitments?|instrument)\b"
)


@cache
def name_pattern() -> re.Pattern:
    """One alternation over every folded name, longest first so "South Sudan" beats "Sudan"."""
    forms = sorted({fold(n.text) for n in state_names()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


@cache
def lookup() -> dict[str, StateName]:
    return {fold(n.text): n for n in reversed(state_names())}


def find_states(text: str, places: bool = False) -> list[StateName]:
    """Every state named in TEXT, in order of appearance, each once. With PLACES, a capital
    named as a place ("held in Vientiane") counts too."""
    folded, found = fold(text), {}
    for match in name_pattern().finditer(folded):
        name = lookup()[match.group(1)]
        original = text[match.start() : match.end()]
        if name.cased and not original[:1].isupper():
            continue
        if name.how == "adjective" and folded[: match.start()].endswith(("in ", "en ")):
            continue  # "in French", "en español": a language, not a state
        if name.how == "capital" and names_a_place(folded, match, places, text):
            continue
        found.setdefault(name.state, name)
    return list(found.values())


def names_a_place(folded: str, match: re.Match, places: bool = False, text: str = "") -> bool:
    """A capital used as a place ("in Oslo", unless PLACES) or in an event's name."""
    offset = max(0, match.start() - 12)
    before, after = folded[offset : match.start()], folded[match.end() :]
    preposition = not places and PLACE_BEFORE.search(before)
    if preposition and is_english_article(text[offset + preposition.start() : match.start()], text):
        preposition = None
    return bool(preposition or EVENT_AFTER.match(after))


def is_english_article(word: str, text: str) -> bool:
    """Serves English questions naming a capital after the article "a" ("could a London bank
    …"): folded, it reads as the French "à" or the Spanish and Portuguese "a" ("à Oslo", "a
    Madrid"), which make the capital a place; an unaccented "a" in English text does not."""
    return word.strip() == "a" and (detect_language(text) or "en") == "en"


@cache
def canonical_state(name: str | None) -> str | None:
    """The canonical name of a state written any way the table knows, else None."""
    if not name:
        return None
    hit = lookup().get(fold(name.strip()))
    if hit:
        return hit.state
    states = find_states(name)
    return states[0].state if len(states) == 1 else None
