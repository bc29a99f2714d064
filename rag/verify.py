"""Citation verification (pure): every [n] must point into the retrieved set, every sentence
of a generated answer must carry one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.text import ABBREVIATIONS

MARKER = re.compile(r"\s?\[(\d{1,3})\]")
# A marker after the full stop ("… a ban. [2]") still belongs to the sentence before it.
SENTENCE_END = re.compile(
    r"(?<=[.!?])(?:\s*\[\d{1,3}\])*\s+(?=[A-Z“«\"(])(?!\(unsupported\))"
    r"|(?<=[”»])(?:\s*\[\d{1,3}\])*\s+(?=[A-Z])"  # after a quote, unless another quote follows
    r"|\n+"
)
UNSUPPORTED = " (unsupported)"


@dataclass(frozen=True)
class Verified:
    """An answer text after verification."""

    text: str  # invalid markers removed, unsupported sentences flagged
    used: tuple[int, ...]  # valid markers, in order of first use
    dropped: tuple[int, ...]  # markers pointing outside 1..count
    unsupported: int  # sentences left without a valid marker


def verify_markers(text: str, count: int) -> Verified:
    """Drop markers outside 1..COUNT; flag sentences that then carry no valid marker."""
    dropped: list[int] = []
    used: list[int] = []

    def keep(match: re.Match) -> str:
        n = int(match.group(1))
        if 1 <= n <= count:
            if n not in used:
                used.append(n)
            return match.group(0)
        dropped.append(n)
        return ""

    cleaned = MARKER.sub(keep, text)
    sentences, unsupported = [], 0
    for sentence in split_claims(cleaned):
        flagged = UNSUPPORTED.strip() in sentence
        if sentence.strip() and not MARKER.search(sentence) and not flagged and is_claim(sentence):
            trailing = sentence[len(sentence.rstrip()) :]
            sentence, unsupported = sentence.rstrip() + UNSUPPORTED + trailing, unsupported + 1
        sentences.append(sentence)
    return Verified("".join(sentences).strip(), tuple(used), tuple(dropped), unsupported)


def split_claims(text: str) -> list[str]:
    """Sentences with their trailing markers and whitespace, so joining them gives the text."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before = text[: match.start()]
        opened = before.count("“") + before.count("«")
        inside_quote = opened > before.count("”") + before.count("»")
        if inside_quote or (match.group(0).strip() == "" and ABBREVIATIONS.search(before)):
            continue  # a quoted letter's own sentences, or "Mr. Goose"
        pieces.append(text[start : match.end()])
        start = match.end()
    return [*pieces, text[start:]]


def is_claim(sentence: str) -> bool:
    """Headings, bullets without words and "Sources:" lines are not claims."""
    words = re.findall(r"[^\W\d_]{2,}", sentence)
    return len(words) >= 3 and not sentence.rstrip().endswith(":")


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Rewrite [old] as [new] (markers are renumbered to the order the citations are listed)."""
    return MARKER.sub(lambda m: m.group(0).replace(m.group(1), str(mapping[int(m.group(1))])), text)
