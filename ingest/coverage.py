"""The no-content-lost invariant: every word of a reader's text lies in exactly one paragraph,
or in page furniture removed on purpose (pure)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.model import Letter

_WORD = re.compile(r"\S+")
_SAMPLE = 8  # lost words shown in a warning


@dataclass(frozen=True)
class Coverage:
    """How much of one file's extracted text its paragraphs hold."""

    words: int  # words in the extracted text
    covered: int  # words in exactly one paragraph
    furniture: int  # words removed on purpose: page numbers, running headers, typed rules
    doubled: int = 0  # words in more than one paragraph
    lost: tuple[str, ...] = ()  # the first few words in no paragraph

    @property
    def ratio(self) -> float:
        return 1.0 if not self.words else (self.covered + self.furniture) / self.words

    @property
    def complete(self) -> bool:
        return self.covered + self.furniture == self.words

    def warning(self) -> str | None:
        if self.complete:
            return None
        missing = self.words - self.covered - self.furniture
        lost = " ".join(self.lost)
        return f"coverage {self.ratio:.1%}: {missing} words in no paragraph or in two ({lost} …)"


def measure(
    text: str, letters: Iterable[Letter], furniture: Iterable[tuple[int, int]], removed: int = 0
) -> Coverage:
    """Count, word by word, the paragraphs and furniture spans holding each word of `text`;
    `removed` words of furniture the reader left out of `text` count as furniture too."""
    spans = sorted((p.start, p.end) for letter in letters for p in letter.paragraphs)
    skipped = sorted(furniture)
    words = covered = doubled = in_furniture = 0
    lost: list[str] = []
    for match in _WORD.finditer(text):
        words += 1
        holders = _holding(spans, match.start(), match.end())
        if _holding(skipped, match.start(), match.end()):
            in_furniture += 1  # a footer inside a paragraph rejoined across a page break too
        elif holders == 1:
            covered += 1
        elif holders > 1:
            doubled += 1
        elif len(lost) < _SAMPLE:
            lost.append(match.group(0))
    return Coverage(words + removed, covered, in_furniture + removed, doubled, tuple(lost))


def _holding(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """How many (sorted, mostly disjoint) spans contain [start, end)."""
    i = bisect_right(spans, (start, float("inf")))
    count = 0
    for j in range(i - 1, -1, -1):
        a, b = spans[j]
        if a <= start and end <= b:
            count += 1
        elif b < start and j < i - 2:
            break
    return count


def word_count(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)
