"""One source file -> its letters (the stage's file-level entry point)."""

from __future__ import annotations

from ingest.assemble import build_letters, looks_like_data
from ingest.errors import SkipFile
from ingest.extract import extract
from ingest.manifest import Manifest, apply_manifest
from ingest.model import Letter
from ingest.source import SourceFile

NOT_A_LETTER = "not a letter: no date, salutation, closing or signature around running text"


def read_source(
    source: SourceFile, manifest: Manifest | None = None, ocr: bool = True
) -> tuple[Letter, ...]:
    """The letters of one file; raises SkipFile with a one-line reason for bad input."""
    extracted = extract(source, ocr=ocr)
    if not extracted.text.strip():
        raise SkipFile("no text found")
    if looks_like_data(extracted.text):
        raise SkipFile("not a letter: a table or data export")
    try:
        letters = build_letters(extracted, source.file, source.sha256)
    except Exception as error:  # a defect on one odd file must not stop a whole folder
        raise SkipFile(
            f"could not be split into letters ({type(error).__name__}: {error})"
        ) from error
    if not letters:
        raise SkipFile(NOT_A_LETTER)
    return tuple(apply_manifest(letter, manifest) for letter in letters)
