"""Tesseract OCR for scanned pages and images (English, French, Spanish)."""

from __future__ import annotations

from functools import lru_cache

import pytesseract
from PIL import Image

from ingest.errors import SkipFile

NEEDS_OCR = "scanned, needs OCR: install tesseract-ocr"
WANTED = ("eng", "fra", "spa")


@lru_cache(maxsize=1)
def tesseract_languages() -> str:
    """ "eng+fra+spa" (those installed); SkipFile when Tesseract is missing."""
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as error:
        raise SkipFile(NEEDS_OCR) from error
    languages = [lang for lang in WANTED if lang in installed]
    if not languages:
        raise SkipFile(NEEDS_OCR + " with its eng/fra/spa language data")
    return "+".join(languages)


def ocr_image(image: Image.Image) -> str:
    """The text Tesseract reads, paragraphs separated by blank lines."""
    languages = tesseract_languages()
    text = pytesseract.image_to_string(image.convert("RGB"), lang=languages)
    return text.replace("\f", "").strip()
