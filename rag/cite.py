"""Citations for paragraphs cited outside the chat (timelines, comparisons, across-states
tables): the same Citation objects and footnotes as the chat's answers."""

from __future__ import annotations

from rag.answer import Citation, citation_of


def cite(letter_index, paragraph, n=None, spans=(), score=None) -> Citation:
    """PARAGRAPH as a Citation numbered N, SPANS highlighted, with its letter's recipient
    address in the footnote (as Pipeline.citation does)."""
    blocks = [p.text for p in letter_index.letter(paragraph.letter_id) if p.kind == "address"]
    return citation_of(paragraph, n, spans, score, None, blocks[0] if blocks else None)
