"""Extracted text -> letters with paragraphs, kinds, numbers, offsets and metadata (pure)."""

from __future__ import annotations

import re

from ingest.blocks import Block, split_blocks, tidy_blocks
from ingest.clean import paragraph_text, printed_number
from ingest.cues import is_prose
from ingest.extracted import ExtractedText
from ingest.kinds import classify
from ingest.metadata import extract_metadata
from ingest.model import BODY, Letter, Paragraph
from ingest.segment import split_letters

_KEEP_LINES = {"letterhead", "address", "signature", "date", "reference", "enclosure"}
_LETTER_CUES = {"salutation", "closing", "date"}


def build_letters(extracted: ExtractedText, file: str, sha256: str) -> tuple[Letter, ...]:
    """Every letter in the text; empty when nothing in it reads like a letter."""
    letters = assemble_letters(extracted, file, sha256)
    return letters if any(_reads_like_a_letter(letter) for letter in letters) else ()


def assemble_letters(extracted: ExtractedText, file: str, sha256: str) -> tuple[Letter, ...]:
    """The text cut into letters and paragraphs, whatever it is."""
    groups = split_letters(tidy_blocks(split_blocks(extracted.text)))
    return tuple(_letter(blocks, i, extracted, file, sha256) for i, blocks in enumerate(groups))


def _letter(
    blocks: list[Block], index: int, extracted: ExtractedText, file: str, sha256: str
) -> Letter:
    kinds = classify(blocks)
    letter_id = f"{sha256[:16]}-{index}"
    paragraphs = tuple(
        _paragraph(block, kind, f"{letter_id}-{i}", i + 1, extracted)
        for i, (block, kind) in enumerate(zip(blocks, kinds, strict=True))
    )
    metadata = extract_metadata([(k, b.lines) for k, b in zip(kinds, blocks, strict=True)])
    return Letter(
        id=letter_id, file=file, index=index, sha256=sha256, format=extracted.format,
        paragraphs=paragraphs, **metadata,
    )  # fmt: skip


def _paragraph(
    block: Block, kind: str, pid: str, ordinal: int, extracted: ExtractedText
) -> Paragraph:
    text = paragraph_text(block.lines, keep_lines=kind in _KEEP_LINES)
    number = printed_number(text) if kind == BODY else None
    return Paragraph(
        id=pid, ordinal=ordinal, kind=kind, number=number, text=text,
        start=block.start, end=block.end,
        page=extracted.page_at(block.start), ocr=extracted.ocr_at(block.start),
    )  # fmt: skip


def _reads_like_a_letter(letter: Letter) -> bool:
    """Running text, and something only letters have: a date line, salutation or closing, a
    signatory, a sender's letterhead, or numbered paragraphs."""
    kinds = {p.kind for p in letter.paragraphs}
    body = [p for p in letter.paragraphs if p.kind == BODY]
    numbered = sum(1 for p in body if p.number)
    signs = kinds & _LETTER_CUES or letter.signatory or letter.sender or numbered >= 2
    framed = {"salutation", "closing"} <= kinds  # a short note is still a letter
    return bool(signs) and (framed or any(is_prose((p.text,)) for p in body))


def looks_like_data(text: str) -> bool:
    """A table or data export (CSV, TSV): most lines are cells between separators."""
    lines = [line for line in text.splitlines() if line.strip()]
    cells = sum(1 for line in lines if len(re.findall(r"[,;\t|]", line)) >= 3)
    return len(lines) >= 5 and cells / len(lines) > 0.6
