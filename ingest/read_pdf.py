"""PDF letters with pymupdf: the text layer block by block, pages remembered; pages without
a text layer are rendered and OCR'd."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from PIL import Image

from ingest.errors import SkipFile
from ingest.extracted import PAGE_BREAK, ExtractedText, join_pages
from ingest.ocr import NEEDS_OCR, ocr_image

_OCR_DPI = 300
_MIN_TEXT = 20  # characters: less than this on a page with an image means a scan


def read_pdf(path: Path, ocr: bool = True) -> ExtractedText:
    with _open(path) as document:
        pages, scanned = [], set()
        for number, page in enumerate(document, start=1):
            text = page_text(page)
            if len(text.strip()) < _MIN_TEXT and page.get_images():
                text = _ocr_page(page, ocr)
                scanned.add(number)
            pages.append(text)
    return join_pages(pages, "pdf", frozenset(scanned))


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


def page_text(page: pymupdf.Page) -> str:
    """Text blocks in reading order, one blank line between blocks."""
    blocks = page.get_text("blocks", sort=True)
    texts = [b[4].replace(PAGE_BREAK, " ").strip() for b in blocks if b[6] == 0]
    return "\n\n".join(t for t in texts if t)


def _ocr_page(page: pymupdf.Page, ocr: bool) -> str:
    if not ocr:
        raise SkipFile(NEEDS_OCR.replace("install tesseract-ocr", "OCR is turned off"))
    pixmap = page.get_pixmap(dpi=_OCR_DPI)
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
    return ocr_image(image)
