"""BM25 over the stored paragraphs, for the lexical half of hybrid search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rank_bm25 import BM25Okapi

from index.records import IndexedParagraph

WORD = re.compile(r"[^\W_]+")


def tokenize(text: str) -> list[str]:
    """Lowercased words with accents folded ("Ministère" -> "ministere"); numbers kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return WORD.findall(folded)


class LexicalIndex:
    """BM25Okapi over paragraph texts; scores are raw BM25 (higher is better)."""

    def __init__(self, paragraphs: Sequence[IndexedParagraph]):
        self.paragraphs = tuple(paragraphs)
        corpus = [tokenize(paragraph.text) for paragraph in self.paragraphs]
        self._bm25 = BM25Okapi(corpus) if any(corpus) else None

    def search(
        self, query: str, k: int, ids: set[str] | None = None
    ) -> list[tuple[IndexedParagraph, float]]:
        """The k best-scoring paragraphs with a positive score, optionally only among `ids`."""
        tokens = tokenize(query)
        if self._bm25 is None or not tokens or k <= 0:
            return []
        scores = self._bm25.get_scores(tokens)
        ranked = sorted(
            (
                (paragraph, float(score))
                for paragraph, score in zip(self.paragraphs, scores, strict=True)
                if score > 0 and (ids is None or paragraph.id in ids)
            ),
            key=lambda pair: -pair[1],
        )
        return ranked[:k]

    def __len__(self) -> int:
        return len(self.paragraphs)
