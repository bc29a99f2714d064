"""One source file -> its letters (the stage's file-level entry point)."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.assemble import UNFRAMED, assemble, looks_like_data
from ingest.coverage import Coverage
from ingest.errors import SkipFile
from ingest.extract import extract
from ingest.manifest import Manifest, apply_manifest
from ingest.model import Letter
from ingest.source import SourceFile

NOT_A_LETTER = (
    "not a letter: no running text on the letters' subject and no date, salutation, closing"
    " or signature"
)


@dataclass(frozen=True)
class ParsedFile:
    """One file's letters, how much of its text they hold, and warnings for the report."""

    letters: tuple[Letter, ...]
    coverage: Coverage
    warnings: tuple[str, ...] = ()


def read_source(
    source: SourceFile, manifest: Manifest | None = None, ocr: bool = True
) -> tuple[Letter, ...]:
    """The letters of one file; raises SkipFile with a one-line reason for bad input."""
    return parse_source(source, manifest, ocr).letters


def parse_source(
    source: SourceFile, manifest: Manifest | None = None, ocr: bool = True
) -> ParsedFile:
    """read_source with the file's coverage and warnings (an unframed text, a word lost)."""
    extracted = extract(source, ocr=ocr)
    if not extracted.text.strip():
        raise SkipFile("no text found")
    if not extracted.rows and looks_like_data(extracted.text):
        raise SkipFile("not a letter: a table or data export")
    try:
        assembled = assemble(extracted, source.file, source.sha256)
    except Exception as error:  # a defect on one odd file must not stop a whole folder
        raise SkipFile(
            f"could not be split into letters ({type(error).__name__}: {error})"
        ) from error
    if not (assembled.framed or assembled.running_text):
        raise SkipFile(NOT_A_LETTER)
    warnings = [*extracted.warnings, *([] if assembled.framed else [UNFRAMED])]
    warnings += [w for w in [assembled.coverage.warning()] if w]
    letters = tuple(apply_manifest(letter, manifest) for letter in assembled.letters)
    return ParsedFile(letters, assembled.coverage, tuple(warnings))
