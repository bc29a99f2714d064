"""Which sentences differ between two paragraphs (pure): the highlights of the earliest-vs-latest
comparison of a state's letters.

A sentence is unchanged when the other paragraph holds the same sentence up to case, accents,
spacing, punctuation and a printed paragraph number; every other sentence is a change. No
similarity threshold: in letters written years apart a policy that stayed the same is usually
repeated word for word, while a changed status ("signed" -> "ratified") changes the sentence.
"""

from __future__ import annotations

import re

from rag.sentences import split_sentences
from rag.states import fold

NOT_WORD = re.compile(r"[^\w]+")


def normal(sentence: str) -> str:
    """The sentence folded, lowercased, with punctuation and spacing reduced to single spaces."""
    return NOT_WORD.sub(" ", fold(sentence)).strip()


def sentences(text: str) -> list[tuple[int, int]]:
    return split_sentences(text or "")


def changed_spans(text: str, other: str | None) -> tuple[tuple[int, int], ...]:
    """[start, end) spans of the sentences of TEXT that OTHER does not contain; every sentence
    when OTHER is None (the topic is not addressed on the other side)."""
    kept = {normal(other[s:e]) for s, e in sentences(other)} if other else set()
    return tuple((s, e) for s, e in sentences(text) if normal(text[s:e]) not in kept)
