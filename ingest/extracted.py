"""The text a reader pulls out of a file: what every paragraph's start/end offsets point into."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ingest.model import Provenance

PAGE_BREAK = (
    "\f"  # readers put it on a line of its own between pages (PDF) or at page breaks (DOCX)
)
CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class TextRow:
    """Where one table row lies in the text, and the labels of its table's header row."""

    start: int
    end: int
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """One document inside a file (an e-mail's body or one of its attachments), from `start`."""

    start: int
    provenance: Provenance


@dataclass(frozen=True)
class Row:
    """A table row as a reader found it: its cells' texts, and its header row's labels."""

    cells: tuple[str, ...]
    labels: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Cells joined by " | "; empty cells at the end of the row left out."""
        cells = list(self.cells)
        while len(cells) > 1 and not cells[-1].strip():
            cells.pop()
        return CELL_SEPARATOR.join(cells)


@dataclass(frozen=True)
class ExtractedText:
    """Plain text with blank lines between blocks, and where its pages start."""

    text: str
    format: str  # txt, md, html, pdf, docx, doc, rtf, odt, eml, msg, image
    page_starts: tuple[int, ...] = ()  # offset where each page starts (paged formats only)
    ocr_pages: frozenset[int] = field(default_factory=frozenset)  # 1-based pages read by OCR
    rows: tuple[TextRow, ...] = ()  # table rows: each is one paragraph of kind table_row
    parts: tuple[Part, ...] = ()  # documents inside the file: letters never span two
    removed: tuple[str, ...] = ()  # page furniture the reader left out (running headers)
    fallback_date: str | None = None  # ISO: a web page's publication or an e-mail's sent date
    warnings: tuple[str, ...] = ()  # what the reader could not read (an attachment)

    def page_at(self, offset: int) -> int | None:
        """1-based page holding `offset`, None for formats without pages."""
        return bisect_right(self.page_starts, offset) if self.page_starts else None

    def ocr_at(self, offset: int) -> bool:
        page = self.page_at(offset)
        return page in self.ocr_pages if page else bool(self.ocr_pages)

    def row_at(self, offset: int) -> TextRow | None:
        return next((r for r in self.rows if r.start <= offset < r.end), None)


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


_BIG_GAP = 3  # empty paragraphs in a row that stand for a gap between two letters
_PAGE = f"\n\n{PAGE_BREAK}\n\n"


def compose(items: list[str | Row], fmt: str) -> ExtractedText:
    """Paragraphs (strings) and table rows of a word-processor document as one text: a blank
    line between paragraphs, a wider gap for runs of empty ones, page breaks on lines of their
    own; each row on a line of its own, its span remembered."""
    out, rows, offset, empties, page_break = [], [], 0, 0, False
    for item in items:
        text = item.text if isinstance(item, Row) else item
        if not text.replace(PAGE_BREAK, "").strip():
            empties += 1
            page_break = page_break or PAGE_BREAK in text
            continue
        if out:
            gap = _PAGE if page_break else "\n\n\n\n" if empties >= _BIG_GAP else "\n\n"
            out.append(gap)
            offset += len(gap)
        if isinstance(item, Row):
            text = " ".join(text.split())  # a row is one line: multi-line cells flattened
            rows.append(TextRow(offset, offset + len(text), item.labels))
        else:
            text = text.replace(PAGE_BREAK, _PAGE)
        out.append(text)
        offset += len(text)
        empties, page_break = 0, False
    return ExtractedText("".join(out), fmt, rows=tuple(rows))


def concatenate(
    documents: list[tuple[ExtractedText, Provenance]], fmt: str, warnings: tuple[str, ...] = ()
) -> ExtractedText:
    """Documents of one file (an e-mail's body and attachments) one after another, a page
    break between them, each a Part (letters never span two). Pages and OCR are per document,
    so a combined text keeps neither page numbers nor OCR marks, only its rows."""
    texts, rows, parts, removed, offset = [], [], [], [], 0
    for number, (document, provenance) in enumerate(documents):
        separator = "" if number == 0 else _PAGE
        offset += len(separator)
        texts.append(separator + document.text)
        parts.append(Part(offset, provenance))
        rows += [TextRow(r.start + offset, r.end + offset, r.labels) for r in document.rows]
        removed += document.removed
        warnings += document.warnings
        offset += len(document.text)
    ocr = frozenset({1}) if any(d.ocr_pages for d, _p in documents) else frozenset()
    return ExtractedText(
        "".join(texts), fmt, ocr_pages=ocr, rows=tuple(rows), parts=tuple(parts),
        removed=tuple(removed), warnings=warnings,
    )  # fmt: skip
