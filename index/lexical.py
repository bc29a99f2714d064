"""BM25 (bm25s, sparse) over the stored paragraphs, for the lexical half of hybrid search.

Language-aware: each paragraph is stemmed in its letter's language (Snowball, ingest.text), and
a query under every supported language, so "destroyed", "destruidas" and "détruits" each meet
the letters written in their language."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import bm25s
import numpy as np

from index.kept import Kept
from index.records import IndexedParagraph, ranking_text
from index.vectors import positions
from ingest.text import terms, terms_any_language


def tokenize(text: str, language: str | None = None) -> list[str]:
    """The BM25 terms of TEXT: folded words, stop words dropped, stemmed in LANGUAGE."""
    return terms(text, language)


class LexicalIndex:
    """bm25s (Lucene scoring) over paragraph texts; scores are raw BM25 (higher is better)."""

    def __init__(
        self,
        paragraphs: Sequence[IndexedParagraph],
        analyze: Callable[[IndexedParagraph], list[str]] | None = None,
    ):
        """ANALYZE turns a paragraph into its BM25 terms (default: its ranking text stemmed in
        its letter's language); another analyzer (cognate prefixes) reuses the same ranking."""
        self.paragraphs = tuple(paragraphs)
        self.position = {p.id: n for n, p in enumerate(self.paragraphs)}
        self._scores = Kept()  # see scores()
        self._rows = Kept(4096)  # see rows_of(): the whole pool's and each state's
        analyze = analyze or (lambda p: tokenize(ranking_text(p), p.language))
        corpus = [analyze(p) for p in self.paragraphs]
        self._bm25 = None
        if any(corpus):
            self._bm25 = bm25s.BM25()
            self._bm25.index([doc or [""] for doc in corpus], show_progress=False)

    def search(
        self, query: str, k: int, ids: set[str] | None = None, expansion: str = ""
    ) -> list[tuple[IndexedParagraph, float]]:
        """The k best-scoring paragraphs with a positive score, optionally only among `ids`.
        EXPANSION (synonyms, other-language terms) counts half as much as the query's own
        words, so a long list of equivalents does not outweigh what was asked."""
        own = terms_any_language(query)
        extra = terms_any_language(expansion) - own
        tokens = sorted(own) * 2 + sorted(extra)
        return self.rank(tokens, k, ids)

    def rank(
        self, tokens: list[str], k: int, ids: set[str] | None = None
    ) -> list[tuple[IndexedParagraph, float]]:
        """The k paragraphs (optionally only among IDS) scoring above 0 for TOKENS, best first
        (ties in stored order)."""
        if self._bm25 is None or not tokens or k <= 0:
            return []
        scores = self.scores(tuple(tokens))
        rows = np.arange(len(scores)) if ids is None else self.rows_of(ids)
        rows = rows[scores[rows] > 0]
        top = rows[np.argsort(-scores[rows], kind="stable")][:k]
        return [(self.paragraphs[n], float(scores[n])) for n in top]

    def rows_of(self, ids) -> np.ndarray:
        """The positions of IDS (a pool's frozen id set), in stored order; kept per set, since
        a pool is one object per generation that every question filters by."""
        return self._rows.get_by_identity(self, ids, lambda: positions(self.position, ids))

    def scores(self, tokens: tuple[str, ...]) -> np.ndarray:
        """BM25 of every paragraph for TOKENS; the last few kept (a "which states" answer ranks
        the same question once per state)."""
        return self._scores.get(
            self, tokens, lambda: np.asarray(self._bm25.get_scores(list(tokens)), dtype=float)
        )

    def __len__(self) -> int:
        return len(self.paragraphs)
