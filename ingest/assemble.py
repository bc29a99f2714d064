"""Extracted text -> letters with paragraphs, kinds, numbers, offsets and metadata (pure)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ingest import cues
from ingest.blocks import (
    Block,
    is_furniture,
    rule_spans,
    running_lines,
    split_blocks,
    tidy_blocks,
)
from ingest.clean import paragraph_text, printed_number
from ingest.coverage import Coverage, measure, word_count
from ingest.extracted import ExtractedText, Part
from ingest.kinds import classify
from ingest.metadata import extract_metadata
from ingest.model import BODY, CONTENT_KINDS, TABLE_ROW, Letter, Paragraph
from ingest.segment import split_letters

_KEEP_LINES = {
    "letterhead", "address", "signature", "date", "reference", "enclosure", "email_header",
}  # fmt: skip
_LETTER_CUES = {"salutation", "closing", "date"}
UNFRAMED = "no letter frame found (salutation, closing, signature): read as running text"


@dataclass(frozen=True)
class Assembled:
    """A file's letters, how much of its text they hold, and what the reader should know."""

    letters: tuple[Letter, ...]
    coverage: Coverage
    framed: bool  # some letter has a letter's frame (date, salutation, closing, signatory…)
    running_text: bool  # some paragraph is running text on the letters' subject


def build_letters(extracted: ExtractedText, file: str, sha256: str) -> tuple[Letter, ...]:
    """Every letter in the text; empty when nothing in it is a letter or running text on the
    letters' subject."""
    assembled = assemble(extracted, file, sha256)
    return assembled.letters if assembled.framed or assembled.running_text else ()


def assemble_letters(extracted: ExtractedText, file: str, sha256: str) -> tuple[Letter, ...]:
    """The text cut into letters and paragraphs, whatever it is."""
    return assemble(extracted, file, sha256).letters


def assemble(extracted: ExtractedText, file: str, sha256: str) -> Assembled:
    raw = split_blocks(extracted.text)
    rows = frozenset(row.start for row in extracted.rows)
    groups = [g for part in _by_part(tidy_blocks(raw, rows), extracted) for g in part]
    letters = tuple(
        _letter(blocks, i, extracted, file, sha256, part) for i, (part, blocks) in enumerate(groups)
    )
    dropped = running_lines(raw) - rows
    furniture = [(b.start, b.end) for b in raw if b.start in dropped or _footer(b, rows)]
    furniture += rule_spans(extracted.text)
    coverage = measure(extracted.text, letters, furniture, word_count(extracted.removed))
    return Assembled(
        letters, coverage, any(map(_reads_like_a_letter, letters)), any(map(_on_subject, letters))
    )


def _footer(block: Block, rows: frozenset[int]) -> bool:
    return is_furniture(block) and block.start not in rows


def _by_part(blocks: list[Block], extracted: ExtractedText) -> list[list[tuple]]:
    """Letters of each document inside the file (an e-mail and its attachments) apart."""
    starts = [part.start for part in extracted.parts]
    grouped: dict[int, list[Block]] = {}
    for block in blocks:
        grouped.setdefault(bisect_right(starts, block.start) - 1, []).append(block)
    return [
        [(extracted.parts[k] if k >= 0 else None, letter) for letter in split_letters(part)]
        for k, part in grouped.items()
    ]


def _letter(
    blocks: list[Block], index: int, extracted: ExtractedText, file: str, sha256: str,
    part: Part | None,
) -> Letter:  # fmt: skip
    rows = {row.start: row for row in extracted.rows}
    kinds = [
        TABLE_ROW if b.start in rows else k for b, k in zip(blocks, classify(blocks), strict=True)
    ]
    letter_id = f"{sha256[:16]}-{index}"
    paragraphs = tuple(
        _paragraph(block, kind, f"{letter_id}-{i}", i + 1, extracted)
        for i, (block, kind) in enumerate(zip(blocks, kinds, strict=True))
    )
    metadata = extract_metadata([(k, b.lines) for k, b in zip(kinds, blocks, strict=True)])
    provenance = part.provenance if part else None
    fallback = (provenance.sent if provenance else None) or extracted.fallback_date
    metadata["date"] = metadata["date"] or fallback
    return Letter(
        id=letter_id, file=file, index=index, sha256=sha256, format=extracted.format,
        paragraphs=paragraphs, provenance=provenance, **metadata,
    )  # fmt: skip


def _paragraph(
    block: Block, kind: str, pid: str, ordinal: int, extracted: ExtractedText
) -> Paragraph:
    text = paragraph_text(block.lines, keep_lines=kind in _KEEP_LINES)
    number = printed_number(text) if kind == BODY else None
    row = extracted.row_at(block.start) if kind == TABLE_ROW else None
    return Paragraph(
        id=pid, ordinal=ordinal, kind=kind, number=number, text=text,
        start=block.start, end=block.end,
        page=extracted.page_at(block.start), ocr=extracted.ocr_at(block.start),
        labels=row.labels if row else (),
    )  # fmt: skip


def _reads_like_a_letter(letter: Letter) -> bool:
    """Running text, and something only letters have: a date line, salutation or closing, a
    signatory, a sender's letterhead, or numbered paragraphs."""
    kinds = {p.kind for p in letter.paragraphs}
    body = [p for p in letter.paragraphs if p.kind in CONTENT_KINDS]
    numbered = sum(1 for p in body if p.number)
    signs = kinds & _LETTER_CUES or letter.signatory or letter.sender or numbered >= 2
    framed = {"salutation", "closing"} <= kinds  # a short note is still a letter
    return bool(signs) and (framed or any(cues.is_prose((p.text,)) for p in body))


def _on_subject(letter: Letter) -> bool:
    """Running text in the vocabulary of the letters (weapons, treaties, governments): kept
    as a letter even without a letter's frame, so that nothing such a file says is lost."""
    return any(cues.is_prose((p.text,)) and cues.on_subject(p.text) for p in letter.paragraphs)


def looks_like_data(text: str) -> bool:
    """A table or data export (CSV, TSV): most lines are cells between separators."""
    lines = [line for line in text.splitlines() if line.strip()]
    cells = sum(1 for line in lines if len(re.findall(r"[,;\t|]", line)) >= 3)
    return len(lines) >= 5 and cells / len(lines) > 0.6
