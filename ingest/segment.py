"""Where one letter ends and the next begins inside a file (cover note + attachment, letters
pasted together)."""

from __future__ import annotations

from ingest import cues
from ingest.blocks import Block

_BIG_GAP = 3  # blank lines that separate two letters typed into one file
_OPENING_SCAN = 8


def split_letters(blocks: list[Block]) -> list[list[Block]]:
    """Cut at big gaps or page breaks that are followed by a new letter's opening, and where
    a second salutation follows a closing."""
    starts = [0]
    for i in range(1, len(blocks)):
        if _is_boundary(blocks, starts[-1], i):
            starts.append(i)
    letters = [blocks[a:b] for a, b in zip(starts, [*starts[1:], len(blocks)], strict=True)]
    return [part for letter in letters if letter for part in _split_cycles(letter)]


def _is_boundary(blocks: list[Block], start: int, i: int) -> bool:
    """A new letter opens at block i, and the letter before it (from `start`) is complete.
    Page-2 headers (recipient, date, "Page 2") have no letterhead, so they do not count."""
    if not (blocks[i].gap >= _BIG_GAP or blocks[i].page_break):
        return False
    if cues.is_closing(blocks[i - 1].lines):
        return False  # the space left for a handwritten signature
    opening = blocks[i : i + _OPENING_SCAN]
    before = blocks[start:i]
    closed = any(cues.is_closing(b.lines) for b in before)
    if blocks[i].page_break and closed and _has_prose(before) and _has_letter_prose(opening):
        return True  # a page break or typed rule after a finished letter: an enclosure follows
    if not (opens_letter(opening) and _has_prose(before)):
        return False
    return closed or _has_salutation(opening)


def opens_letter(blocks: list[Block]) -> bool:
    """A letter's opening: a letterhead then a date or reference, or a salutation, before any
    prose."""
    letterhead = bool(blocks) and _letterhead_like(blocks[0])
    for block in blocks:
        if cues.is_prose(block.lines):
            return False
        if cues.is_salutation(block.lines):
            return True
        if letterhead and (cues.is_date_line(block.lines) or cues.is_reference(block.lines)):
            return True
    return False


def _has_salutation(blocks: list[Block]) -> bool:
    for block in blocks:
        if cues.is_prose(block.lines):
            return False
        if cues.is_salutation(block.lines):
            return True
    return False


def _has_prose(blocks: list[Block]) -> bool:
    return any(cues.is_prose(b.lines) for b in blocks)


def _has_letter_prose(blocks: list[Block]) -> bool:
    """Running text that is not an e-mail's disclaimer (which follows a rule under a letter)."""
    return any(cues.is_prose(b.lines) and not cues.email_kind(b.lines) for b in blocks)


def _split_cycles(blocks: list[Block]) -> list[list[Block]]:
    """A salutation after a closing starts a new letter, from the header blocks before it."""
    letters = []
    while (cut := _next_cycle(blocks)) is not None:
        letters.append(blocks[:cut])
        blocks = blocks[cut:]
    return [*letters, blocks]


def _next_cycle(blocks: list[Block]) -> int | None:
    closing = next((i for i, b in enumerate(blocks) if cues.is_closing(b.lines)), None)
    if closing is None:
        return None
    salutation = next(
        (i for i in range(closing + 1, len(blocks)) if cues.is_salutation(blocks[i].lines)), None
    )
    return None if salutation is None else _header_start(blocks, closing, salutation)


def _header_start(blocks: list[Block], closing: int, salutation: int) -> int:
    """The second letter's first block: its letterhead or date line. The block right after the
    closing is the first letter's signature."""
    for i in range(closing + 2, salutation):
        if cues.is_enclosure(blocks[i].lines):
            continue
        if _letterhead_like(blocks[i]) or cues.is_date_line(blocks[i].lines):
            return i
    return salutation


def _letterhead_like(block: Block) -> bool:
    letters = [c for c in block.first if c.isalpha()]
    capitals = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return capitals or bool(cues.ORGANISATION.search(block.first))
