"""Scanned letters: an image-only PDF page and an image file are read back by Tesseract."""

from __future__ import annotations

import io
import re

import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest import read_source
from ingest.errors import SkipFile
from ingest.ocr import NEEDS_OCR
from ingest.source import discover

needs_tesseract = pytest.mark.usefixtures("tesseract")  # fails, never skips, without it

LETTER = [
    "EMBASSY OF PERU\nWashington, D.C.",
    "16 February 2009",
    "Dear Mr. Goose,",
    "1. Peru signed the Convention on Cluster Munitions in Oslo on\n"
    "3 December 2008 and is preparing its ratification.",
    "2. Peru has never used cluster munitions and will destroy\n"
    "the small stockpile held by its armed forces.",
    "Yours sincerely,",
    "Maria Elena Rojas\nMinister Counsellor",
]


ATTACHED = [
    "MINISTRY OF FOREIGN AFFAIRS\nLIMA",
    "10 February 2009",
    "Dear Mr. Goose,",
    "3. Peru hosted the Lima Conference on Cluster Munitions in May 2007.",
    "Yours sincerely,",
    "Carlos Mendoza",
]


def render(blocks: list[str]) -> Image.Image:
    """The letter drawn as a 200 dpi page image, as a scanner would give it."""
    image = Image.new("RGB", (1700, 2200), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    y = 150
    for block in blocks:
        if block == GAP:
            y += 126
            continue
        for line in block.split("\n"):
            draw.text((150, y), line, fill="black", font=font)
            y += 42
        y += 42
    return image


GAP = "<three blank lines>"


def image_only_pdf(path, image: Image.Image) -> None:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    document = pymupdf.open()
    page = document.new_page(width=612, height=792)
    page.insert_image(page.rect, stream=buffer.getvalue())
    document.save(path)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def share_of_words_found(expected: list[str], found: list[str]) -> float:
    found_set = set(found)
    return sum(word in found_set for word in expected) / len(expected)


@needs_tesseract
def test_image_only_pdf_is_read_back_by_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    image_only_pdf(path, render([*LETTER, GAP, *ATTACHED]))
    assert pymupdf.open(path)[0].get_text().strip() == ""
    letter, attached = read_source(discover(path)[0])
    text = " ".join(p.text for p in letter.paragraphs)
    assert share_of_words_found(words(" ".join(LETTER)), words(text)) >= 0.9
    assert all(p.ocr and p.page == 1 for p in letter.paragraphs)
    assert letter.date == "2009-02-16" and letter.state == "Peru"
    assert [p.number for p in letter.paragraphs if p.kind == "body"] == ["1", "2"]
    assert (attached.date, attached.signatory, attached.state) == (
        "2009-02-10",
        "Carlos Mendoza",
        "Peru",
    )


@needs_tesseract
def test_png_scan_is_read_back_by_ocr(tmp_path):
    render(LETTER).save(tmp_path / "scan.png")
    (letter,) = read_source(discover(tmp_path / "scan.png")[0])
    assert letter.format == "image" and all(p.ocr for p in letter.paragraphs)
    assert letter.signatory == "Maria Elena Rojas"


def test_scan_without_ocr_is_skipped_with_the_reason(tmp_path):
    render(LETTER[:2]).save(tmp_path / "scan.png")
    with pytest.raises(SkipFile, match="scanned, needs OCR"):
        read_source(discover(tmp_path / "scan.png")[0], ocr=False)


def test_missing_tesseract_gives_the_install_hint(tmp_path, monkeypatch):
    import pytesseract

    from ingest import ocr

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    ocr.tesseract_languages.cache_clear()
    try:
        render(LETTER[:2]).save(tmp_path / "scan.png")
        with pytest.raises(SkipFile) as error:
            read_source(discover(tmp_path / "scan.png")[0])
        assert str(error.value) == NEEDS_OCR
    finally:
        ocr.tesseract_languages.cache_clear()


@needs_tesseract
def test_a_small_low_resolution_scan_is_enlarged_and_read(tmp_path):
    render(LETTER).resize((600, 776)).save(tmp_path / "small.jpg", quality=85)
    (letter,) = read_source(discover(tmp_path / "small.jpg")[0])
    assert (letter.date, letter.state) == ("2009-02-16", "Peru")
    assert [p.number for p in letter.paragraphs if p.kind == "body"] == ["1", "2"]


@needs_tesseract
def test_typed_letterhead_above_a_scanned_body_is_read_by_ocr(tmp_path):
    buffer = io.BytesIO()
    render(LETTER[1:]).save(buffer, format="PNG")
    document = pymupdf.open()
    page = document.new_page(width=612, height=792)
    page.insert_image(pymupdf.Rect(0, 60, 612, 792), stream=buffer.getvalue())
    page.insert_text((72, 40), "EMBASSY OF PERU, Washington, D.C.", fontsize=12)
    document.save(tmp_path / "mixed.pdf")
    (letter,) = read_source(discover(tmp_path / "mixed.pdf")[0])
    assert letter.date == "2009-02-16" and letter.signatory == "Maria Elena Rojas"
    assert all(p.ocr for p in letter.paragraphs) and letter.state == "Peru"
