"""Sentence splitting with offsets (pure): the units the index stores vectors for and the
extractive answerer quotes."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? followed by space and something that can start a sentence.
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(¿¡]?[A-ZÀ-ÖØ-Þ0-9•\-–(¿¡])")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Art|Arts|para|paras|Ref|Réf|vol|p|pp|cf|e\.g|i\.e|etc|"
    r"approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ave|Av|Sr|Sra|Mme|M|H\.E|U\.S|U\.K|"
    r"D\.C|Inc|Ltd|Co|vs)\.|\b[A-Z]\.)$"
)
LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}\.|\(\w{1,4}\)|\w\)|[•\-–])\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of TEXT, trimmed of surrounding whitespace."""
    spans, start = [], 0
    for match in BOUNDARY.finditer(text):
        end = match.start() + len(match.group(0).rstrip()) - len(match.group(0).strip())
        piece_end = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        if ABBREVIATIONS.search(text[start : match.start()]) or is_list_number(text, start, match):
            continue
        spans.append((start, max(end, match.start())))
        start = piece_end
    spans.append((start, len(text)))
    return [trim(text, s, e) for s, e in spans if text[s:e].strip()]


def is_list_number(text: str, start: int, match: re.Match) -> bool:
    """'4. Pakistan …': a printed paragraph number is not a sentence."""
    return bool(re.fullmatch(r"\s*(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]", text[start : match.start()]))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and a leading printed number ("4. ", "(a) ")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    number = LEADING_NUMBER.match(text[start:end])
    if number and number.end() < end - start:
        start += number.end()
    return start, end
