"""PDF letters with pymupdf: the text layer block by block, pages remembered; pages without
a text layer are rendered and OCR'd."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pymupdf
from PIL import Image

from ingest.errors import SkipFile
from ingest.extracted import PAGE_BREAK, ExtractedText, join_pages
from ingest.ocr import OCR_OFF, ocr_image

_OCR_DPI = 300
_WIDE_GAP = 2.5  # empty line heights between two blocks that may separate two letters
_MIN_TEXT = 20  # characters: less than this on a page with an image means a scan
_SOME_TEXT = 400  # characters: more than this is a real text layer, whatever the images


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
    """The page's text blocks in reading order. A block below a wide empty space (where one
    letter ends and the next begins on the same page) starts with extra blank lines."""
    texts, previous = [], None
    for block in page.get_text("blocks", sort=True):
        text = block[4].replace(PAGE_BREAK, " ").strip()
        if block[6] != 0 or not text:
            continue
        wide = previous is not None and _gap_in_lines(previous, block) > _WIDE_GAP
        texts.append("\n\n" + text if wide else text)
        previous = block
    return texts


def _gap_in_lines(above: tuple, below: tuple) -> float:
    line_height = (above[3] - above[1]) / max(1, above[4].strip().count("\n") + 1)
    return (below[1] - above[3]) / max(line_height, 1.0)


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Running headers and footers (the same first or last block on several pages, page
    numbers aside, or a later page's header repeating the letterhead or reference of page
    1) are dropped; the letterhead at the top of page 1 stays."""
    edges = Counter(_shape(b) for blocks in pages for b in {*blocks[:1], *blocks[-1:]})
    running = {shape for shape, count in edges.items() if count > 1}
    first = " ".join(pages[0][:4]).casefold() if pages else ""
    return [
        [
            b for j, b in enumerate(blocks)
            if (i, j) == (0, 0) or j not in (0, len(blocks) - 1) or _shape(b) not in running
            and not (i and j == 0 and _repeats_page_one(b, first))
        ]
        for i, blocks in enumerate(pages)
    ]  # fmt: skip


def _repeats_page_one(block: str, first: str) -> bool:
    """A one-line page header made of page 1's letterhead words or its reference number."""
    if "\n" in block.strip() or block.rstrip().endswith(".") or len(block.split()) > 16:
        return False
    codes = [w for w in block.split() if re.search(r"\d", w) and re.search(r"[/-]", w)]
    if any(code.casefold() in first for code in codes):
        return True
    words = [w for w in re.findall(r"\w{4,}", block.casefold())]
    return len(words) >= 2 and all(w in first for w in words)


def _shape(block: str) -> str:
    return re.sub(r"\d+", "#", " ".join(block.split())).casefold()


def _ocr_page(page: pymupdf.Page, ocr: bool) -> str:
    if not ocr:
        raise SkipFile(OCR_OFF)
    pixmap = page.get_pixmap(dpi=_OCR_DPI)
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
    return ocr_image(image)
