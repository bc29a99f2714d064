"""Cross-lingual lexical matching by cognates: words compared by their first letters.

Serves questions asked in one language about letters written in another (an English question,
a Portuguese, Spanish or French letter). The bundled model is English-only and each language's
stemmer yields its own stems ("ratif" / "ratificou"), but the genre's vocabulary is Latin and
shared: convention / convenção / convención, ratification / ratificação, antipersonnel /
antipessoal, destruction / destruição, submunitions / submunições. Folded words cut to their
first PREFIX letters meet across these languages; BM25 (bm25s) over those prefixes ranks the
letters in other languages than the question's, which the other rankings under-rank.
"""

from __future__ import annotations

from collections.abc import Sequence

from index import LexicalIndex
from index.records import ranking_text
from ingest.text import ALL_STOP_WORDS, words

PREFIX = 5  # long enough to tell "conve(ntion)" from "conse(nt)", short enough for cognates


def cognates(text: str) -> list[str]:
    """TEXT's content words of more than PREFIX letters, cut to their first PREFIX letters
    (shorter words are mostly function words, numbers carry no language)."""
    return [
        w[:PREFIX]
        for w in words(text)
        if len(w) > PREFIX and w not in ALL_STOP_WORDS and not w.isdigit()
    ]


class CognateIndex:
    """BM25 over the cognate prefixes of PARAGRAPHS (their ranking texts: rows with labels)."""

    def __init__(self, paragraphs: Sequence):
        self.paragraphs = tuple(paragraphs)
        self._lexical = LexicalIndex(self.paragraphs, lambda p: cognates(ranking_text(p)))

    def search(self, question: str, ids: set[str], k: int) -> list[str]:
        """The ids (among IDS) of the K paragraphs sharing most cognates with QUESTION."""
        tokens = sorted(set(cognates(question)))
        return [p.id for p, _ in self._lexical.rank(tokens, k, ids)]
