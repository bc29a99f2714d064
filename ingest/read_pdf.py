"""PDF letters with pymupdf: the text layer block by block, pages remembered; pages without
a text layer are rendered and OCR'd."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pymupdf
from PIL import Image

from ingest import cues
from ingest.errors import SkipFile
from ingest.extracted import PAGE_BREAK, ExtractedText, join_pages
from ingest.ocr import OCR_OFF, ocr_image

_OCR_DPI = 300
_WIDE_GAP = 2.5  # empty line heights between two blocks that may separate two letters
_MIN_TEXT = 20  # characters: less than this on a page with an image means a scan
_SOME_TEXT = 400  # characters: more than this is a real text layer, whatever the images
_COLUMN_GAP = 120  # points between where lines start: two columns side by side
_SPAN_GAP = 40  # points of empty space inside a line: the line's two halves are two columns


def read_pdf(path: Path, ocr: bool = True) -> ExtractedText:
    with _open(path) as document:
        pages, scanned = [], set()
        for number, page in enumerate(document, start=1):
            blocks = page_blocks(page)
            if _scanned(page, blocks):
                blocks = [_ocr_page(page, ocr)]
                scanned.add(number)
            pages.append(blocks)
    kept = drop_running_lines(pages)
    removed = tuple(
        b for page, left in zip(pages, kept, strict=True) for b in page if b not in left
    )
    texts = ["\n\n".join(blocks) for blocks in kept]
    return replace(join_pages(texts, "pdf", frozenset(scanned)), removed=removed)


def _scanned(page: pymupdf.Page, blocks: list[str]) -> bool:
    """No text layer on a page with an image, or a page-sized image with little text on it (a
    typed letterhead above a scanned body)."""
    text = len("".join(blocks))
    if text >= _SOME_TEXT or not page.get_images():
        return False
    covered = sum(abs(pymupdf.Rect(info["bbox"])) for info in page.get_image_info())
    return text < _MIN_TEXT or covered > 0.5 * abs(page.rect)


def _open(path: Path) -> pymupdf.Document:
    try:
        document = pymupdf.open(path, filetype="pdf")
    except (pymupdf.FileDataError, RuntimeError, ValueError) as error:
        raise SkipFile(f"corrupt PDF: cannot be opened ({error})") from error
    if document.needs_pass:
        document.close()
        raise SkipFile("password-protected PDF: remove the password and ingest it again")
    if document.page_count == 0:
        document.close()
        raise SkipFile("corrupt PDF: no readable page")
    return document


def page_blocks(page: pymupdf.Page) -> list[str]:
    """The page's text blocks in reading order, a block laid out in two columns (a letterhead
    with the sender on the left and the date on the right) read column by column. A block
    below a wide empty space (where one letter ends and the next begins on the same page)
    starts with extra blank lines."""
    texts, previous = [], None
    for raw in page.get_text("dict", sort=True)["blocks"]:
        if raw.get("type") != 0:
            continue
        for block in columns(raw):
            text = block[4].replace(PAGE_BREAK, " ").strip()
            if not text:
                continue
            wide = previous is not None and _gap_in_lines(previous, block) > _WIDE_GAP
            texts.append("\n\n" + text if wide else text)
            previous = block
    return texts


def columns(block: dict) -> list[tuple]:
    """(x0, y0, x1, y1, text) of each column of a block: pieces of its lines split where a wide
    horizontal gap separates them, then grouped by where they start."""
    pieces = [piece for line in block["lines"] for piece in _pieces(line)]
    starts = sorted({round(p[0]) for p in pieces})
    gaps = [(b - a, b) for a, b in zip(starts, starts[1:], strict=False)]
    cut = max(gaps)[1] if gaps and max(gaps)[0] > _COLUMN_GAP else None
    groups = [pieces] if cut is None else [
        [p for p in pieces if round(p[0]) < cut], [p for p in pieces if round(p[0]) >= cut]
    ]  # fmt: skip
    return [_box(group) for group in groups if group]


def _pieces(line: dict) -> list[tuple]:
    pieces, current = [], []
    for span in line["spans"]:
        if current and span["bbox"][0] - current[-1]["bbox"][2] > _SPAN_GAP:
            pieces.append(_box_of_spans(current))
            current = []
        current.append(span)
    return [*pieces, _box_of_spans(current)] if current else pieces


def _box_of_spans(spans: list[dict]) -> tuple:
    x0, y0 = min(s["bbox"][0] for s in spans), min(s["bbox"][1] for s in spans)
    x1, y1 = max(s["bbox"][2] for s in spans), max(s["bbox"][3] for s in spans)
    return (x0, y0, x1, y1, "".join(s["text"] for s in spans))


def _box(pieces: list[tuple]) -> tuple:
    rows: list[list[tuple]] = []
    for piece in sorted(pieces, key=lambda p: (round(p[1]), p[0])):
        if rows and abs(piece[1] - rows[-1][0][1]) < 2:
            rows[-1].append(piece)  # pieces of one line in the same column
        else:
            rows.append([piece])
    text = "\n".join(" ".join(p[4] for p in row) for row in rows) + "\n"
    return (
        min(p[0] for p in pieces), min(p[1] for p in pieces),
        max(p[2] for p in pieces), max(p[3] for p in pieces), text,
    )  # fmt: skip


def _gap_in_lines(above: tuple, below: tuple) -> float:
    line_height = (above[3] - above[1]) / max(1, above[4].strip().count("\n") + 1)
    return (below[1] - above[3]) / max(line_height, 1.0)


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Running headers and footers (the same first or last block on several pages, page
    numbers aside, or a later page's header repeating the letterhead or reference of page
    1) are dropped; the letterhead at the top of page 1 stays."""
    edges = Counter(_shape(b) for blocks in pages for b in {*blocks[:1], *blocks[-1:]})
    running = {shape for shape, count in edges.items() if count > 1}
    first = (" ".join(_letterhead(pages[0])), " ".join(pages[0])) if pages else ("", "")
    return [
        [
            b for j, b in enumerate(blocks)
            if (i, j) == (0, 0) or j not in (0, len(blocks) - 1) or _shape(b) not in running
            and not (i and j == 0 and _repeats_page_one(b, first))
        ]
        for i, blocks in enumerate(pages)
    ]  # fmt: skip


def _letterhead(blocks: list[str]) -> list[str]:
    """Page 1's first blocks, up to its date, reference, subject, salutation or first prose."""
    head = []
    for block in blocks[:3]:
        lines = tuple(block.split("\n"))
        if cues.is_date_line(lines) or cues.is_reference(lines) or cues.is_subject(lines):
            break
        if cues.is_salutation(lines) or cues.is_prose(lines):
            break
        head.append(block)
    return head


def _repeats_page_one(block: str, first: tuple[str, str]) -> bool:
    """A one-line page header made of the words of page 1's letterhead, or holding a
    reference number printed on page 1."""
    letterhead, page_one = (text.casefold() for text in first)
    if "\n" in block.strip() or block.rstrip().endswith(".") or len(block.split()) > 16:
        return False
    codes = [
        w for w in block.split() if re.search(r"\d", w) and re.search(r"/|[A-Za-z]-|-[A-Za-z]", w)
    ]
    if any(code.casefold() in page_one for code in codes):
        return True
    words = re.findall(r"\w{4,}", block.casefold())
    return len(words) >= 2 and all(w in letterhead for w in words)


def _shape(block: str) -> str:
    return re.sub(r"\d+", "#", " ".join(block.split())).casefold()


def _ocr_page(page: pymupdf.Page, ocr: bool) -> str:
    if not ocr:
        raise SkipFile(OCR_OFF)
    pixmap = page.get_pixmap(dpi=_OCR_DPI)
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
    return ocr_image(image)
