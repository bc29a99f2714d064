"""Scanned letters saved as images (.png, .jpg, .tif, multi-page TIFF): OCR only."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from ingest.errors import SkipFile
from ingest.extracted import ExtractedText, join_pages
from ingest.ocr import OCR_OFF, ocr_image


def read_image(path: Path, ocr: bool = True) -> ExtractedText:
    if not ocr:
        raise SkipFile(OCR_OFF)
    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError) as error:
        raise SkipFile("not a readable image (corrupt or of an unknown kind)") from error
    with image:
        pages = [ocr_image(frame.copy()) for frame in ImageSequence.Iterator(image)]
    return join_pages(pages, "image", frozenset(range(1, len(pages) + 1)))
