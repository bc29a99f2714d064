"""A block's lines become a paragraph's text: hard wraps joined, hyphenation undone."""

from __future__ import annotations

import re

BULLETS = "•·▪◦○●‣∙*-–—"
BULLET_LINE = re.compile(rf"^[{re.escape(BULLETS)}]\s+\S")
_NUMBER = re.compile(
    r"^(?:(?P<paren>\((?:\d{1,2}|[a-zA-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})\))"
    r"|(?P<closed>(?:\d{1,2}|[a-zA-Z]|[ivxlc]{1,6})\))"
    r"|(?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?"
    r"|(?P<dotted>(?:\d{1,2}|[a-z]|[ivxlc]{1,6}|[IVXLC]{1,6}))\.)\s+(?=\S)"
)
# Compounds whose first part is a word of its own keep their hyphen at a line break.
_KEEP_HYPHEN_BEFORE = {
    "self", "non", "anti", "ex", "well", "long", "short", "co", "multi", "counter", "cross",
    "post", "pre", "semi", "sub", "inter", "intra", "high", "low", "so", "all", "full", "half",
    "state", "mine", "war", "peace", "cluster", "air", "ground", "dual", "first", "second",
}  # fmt: skip


def paragraph_text(lines: tuple[str, ...], keep_lines: bool) -> str:
    """Address-like blocks keep their line breaks; prose is joined into one line, except that
    each bullet item starts a line of its own."""
    lines = tuple(re.sub(r"[ \t\u00a0]+", " ", line) for line in lines)
    if keep_lines:
        return "\n".join(lines)
    text = lines[0]
    for line in lines[1:]:
        text = _join_line(text, line)
    return text


def _join_line(text: str, line: str) -> str:
    if BULLET_LINE.match(line):
        return f"{text}\n{line}"
    if text.endswith("\u00ad"):  # a soft hyphen only shows where the word was broken
        return text[:-1] + line
    match = re.search(r"(\w+)-$", text)
    if match and line[:1].islower() and not _real_hyphen(match.group(1), line):
        return text[:-1] + line
    return f"{text}{'' if text.endswith(('-', '/')) else ' '}{line}"


def _real_hyphen(left: str, line: str) -> bool:
    return left.lower() in _KEEP_HYPHEN_BEFORE or left[:1].isdigit()


def printed_number(text: str) -> str | None:
    """The number printed at the start of a paragraph: "4." -> "4", "(a)" -> "(a)", "a)" -> "a)"."""
    match = _NUMBER.match(text)
    if not match:
        return None
    return next(group for group in match.groups() if group)
