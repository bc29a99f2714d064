"""Which state a letter speaks for, from the names, adjectives and capitals in its text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ingest.countries import CASE_SENSITIVE, state_table


def fold(text: str) -> str:
    """Lowercase, accents and curly quotes removed: "RÉPUBLIQUE" and "republique" compare equal.
    One character for one, so a match in the folded text is at the same place in the original."""
    if text.isascii():
        return text.lower()
    pieces = _NON_ASCII.split(text)  # ASCII stretches and, between them, the other characters
    pieces[0::2] = [piece.lower() for piece in pieces[0::2]]
    pieces[1::2] = ["".join(map(_fold_char, piece)) for piece in pieces[1::2]]
    return "".join(pieces)


_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char == "\u2019":
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    base = base if len(base) == 1 else char
    lower = base.casefold()
    return lower if len(lower) == 1 else base.lower() if len(base.lower()) == 1 else base


@lru_cache(maxsize=2)
def _matcher(capitals: bool) -> tuple[re.Pattern, dict[str, str]]:
    names = {}
    for state, aliases, capital_names in state_table():
        for alias in capital_names if capitals else aliases:
            names.setdefault(fold(alias), state)
    alternatives = sorted(names, key=len, reverse=True)
    pattern = r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])"
    return re.compile(pattern), names


def states_named(text: str, capitals: bool = False) -> list[str]:
    """States named in `text` in order of appearance (by name or adjective, or by capital);
    a name that is also a word ("US", "Chad") counts only when capitalised."""
    pattern, names = _matcher(capitals)
    return [
        names[m.group(0)]
        for m in pattern.finditer(fold(text))
        if m.group(0) not in CASE_SENSITIVE or text[m.start() : m.start() + 1].isupper()
    ]


def capital_named(text: str) -> str | None:
    """The first capital city written in `text`, spelt as in the table ("Oslo")."""
    pattern, _names = _matcher(True)
    match = pattern.search(fold(text))
    return _spellings()[match.group(0)] if match else None


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    return {fold(c): c for _state, _aliases, capitals in state_table() for c in capitals}


def find_state(strong: list[str], weak: list[str]) -> str | None:
    """The first state named in the `strong` texts (letterhead, sender, signature), else the
    first whose capital appears in the `weak` texts (letterhead, date line)."""
    for text in strong:
        if found := states_named(text):
            return found[0]
    for text in weak:
        if found := states_named(text, capitals=True):
            return found[0]
    return None
