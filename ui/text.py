"""Small pure helpers that turn answer and letter fields into safe, human text and HTML."""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import quote


def format_date(iso: str | None) -> str:
    """ "2009-02-16" -> "16 February 2009"; partial ISO dates keep what they have."""
    if not iso:
        return "undated"
    parts = iso.split("-")
    try:
        if len(parts) == 1:
            return str(int(parts[0]))
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def paragraph_label(number: str | None, ordinal: int | None) -> str:
    """The printed paragraph number when there is one, otherwise its position in the letter."""
    return f"¶ {number}" if number else f"unnumbered ¶ {ordinal}"


def permalink(letter_id: str, ordinal: int | None = None) -> str:
    """The server-rendered page of a letter, opened at one paragraph."""
    anchor = f"#p{ordinal}" if ordinal is not None else ""
    return f"/letters/{quote(letter_id, safe='')}{anchor}"


def merge_spans(spans, length: int) -> list[tuple[int, int]]:
    """Sorted, clipped, non-overlapping [start, end) spans; empty and reversed ones dropped."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, int(s)), min(length, int(e))) for s, e in spans or ()):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def highlight(text: str, spans) -> str:
    """Escaped text with the given character spans wrapped in <mark>."""
    pieces, cursor = [], 0
    for start, end in merge_spans(spans, len(text)):
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)


def attr(value) -> str:
    """A value made safe to sit inside a double-quoted HTML attribute."""
    return escape("" if value is None else str(value), quote=True)
