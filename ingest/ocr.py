"""Tesseract OCR for scanned pages and images (English, French, Spanish, Portuguese).

Tesseract's own paragraphs are unreliable on letters, so the text is rebuilt from its lines:
the vertical gap between two lines, in line pitches, gives the blank lines between them, as
a typist left them (a wide gap between two letters included)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pytesseract
from PIL import Image

from ingest.errors import SkipFile

NEEDS_OCR = "scanned, needs OCR: install tesseract-ocr"
OCR_OFF = "scanned, needs OCR: OCR is turned off"
PAGE_SECONDS = 180  # a page Tesseract cannot read in this time is not worth blocking ingest for
WANTED = ("eng", "fra", "spa", "por")
_MAX_BLANK_LINES = 3
_NUMBER_LIKE = re.compile(r"\b(?=[0-9lIO]*[0-9])(?=[0-9lIO]*[lIO])[0-9lIO]{2,}\b")
_AS_DIGITS = str.maketrans("lIO", "110")
_MIN_WIDTH = 1600  # pixels: narrower scans are enlarged before OCR


@dataclass(frozen=True)
class OcrLine:
    top: int
    left: int
    height: int
    text: str


@lru_cache(maxsize=1)
def tesseract_languages() -> str:
    """ "eng+fra+spa+por" (those installed); SkipFile when Tesseract is missing."""
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as error:
        raise SkipFile(NEEDS_OCR) from error
    languages = [lang for lang in WANTED if lang in installed]
    if not languages:
        raise SkipFile(NEEDS_OCR + " with its eng/fra/spa/por language data")
    return "+".join(languages)


def ocr_image(image: Image.Image) -> str:
    """The text Tesseract reads, with blank lines where the page has vertical space."""
    try:
        data = pytesseract.image_to_data(
            _readable(image),
            lang=tesseract_languages(),
            output_type=pytesseract.Output.DICT,
            timeout=PAGE_SECONDS,
        )
    except RuntimeError as error:  # pytesseract's timeout
        reason = f"OCR of a page took over {PAGE_SECONDS} s; split or shrink the scan"
        raise SkipFile(reason) from error
    return layout_text(ocr_lines(data))


def _readable(image: Image.Image) -> Image.Image:
    """Grey levels, and small scans enlarged: Tesseract wants letters some 30 pixels high."""
    grey = image.convert("L")
    factor = min(4, -(-_MIN_WIDTH // max(grey.width, 1)))
    return (
        grey.resize((grey.width * factor, grey.height * factor), Image.LANCZOS)
        if factor > 1
        else grey
    )


def ocr_lines(data: dict) -> list[OcrLine]:
    """Tesseract's words grouped into its lines, top to bottom."""
    words: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word.strip() and float(data["conf"][i]) >= 0:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            words.setdefault(key, []).append(i)
    lines = [_line(data, indexes) for indexes in words.values()]
    return sorted(lines, key=lambda line: (line.top, line.left))


def _line(data: dict, indexes: list[int]) -> OcrLine:
    top = min(data["top"][i] for i in indexes)
    bottom = max(data["top"][i] + data["height"][i] for i in indexes)
    words = (data["text"][i].strip() for i in sorted(indexes, key=lambda i: data["left"][i]))
    text = fix_digits(" ".join(words))
    return OcrLine(top, min(data["left"][i] for i in indexes), bottom - top, text)


def fix_digits(text: str) -> str:
    """Letters Tesseract reads for digits inside numbers: "l6 February 2OO9" -> "16 ... 2009"."""
    return _NUMBER_LIKE.sub(lambda m: m.group(0).translate(_AS_DIGITS), text)


def layout_text(lines: list[OcrLine]) -> str:
    """Lines joined by newlines, plus one blank line per empty line pitch between them."""
    if not lines:
        return ""
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    # the usual distance between two lines of a paragraph: most pairs are such lines
    pitch = sorted(pitches)[len(pitches) // 4] if pitches else 1
    parts = [lines[0].text]
    for previous, line in zip(lines, lines[1:], strict=False):
        blank = max(0, min(_MAX_BLANK_LINES, round((line.top - previous.top) / pitch) - 1))
        parts.append("\n" * (blank + 1) + line.text)
    return "".join(parts)
