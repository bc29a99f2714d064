"""The text a reader pulls out of a file: what every paragraph's start/end offsets point into."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

PAGE_BREAK = (
    "\f"  # readers put it on a line of its own between pages (PDF) or at page breaks (DOCX)
)


@dataclass(frozen=True)
class ExtractedText:
    """Plain text with blank lines between blocks, and where its pages start."""

    text: str
    format: str  # txt, md, html, pdf, docx, image
    page_starts: tuple[int, ...] = ()  # offset where each page starts (paged formats only)
    ocr_pages: frozenset[int] = field(default_factory=frozenset)  # 1-based pages read by OCR

    def page_at(self, offset: int) -> int | None:
        """1-based page holding `offset`, None for formats without pages."""
        return bisect_right(self.page_starts, offset) if self.page_starts else None

    def ocr_at(self, offset: int) -> bool:
        page = self.page_at(offset)
        return page in self.ocr_pages if page else bool(self.ocr_pages)


def join_pages(
    pages: list[str], fmt: str, ocr_pages: frozenset[int] = frozenset()
) -> ExtractedText:
    """Glue page texts together with a page-break line between them, remembering page starts."""
    parts, starts, offset = [], [], 0
    for number, page in enumerate(pages):
        separator = "" if number == 0 else f"\n\n{PAGE_BREAK}\n\n"
        parts.append(separator + page)
        starts.append(offset + len(separator))
        offset += len(separator) + len(page)
    return ExtractedText("".join(parts), fmt, tuple(starts), ocr_pages)
