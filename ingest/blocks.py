"""Blank-line blocks of extracted text, with exact offsets, and page furniture handled."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ingest import cues
from ingest.clean import BULLET_LINE, printed_number
from ingest.extracted import PAGE_BREAK

# Page numbers as footers print them: "- 2 -", "Page 2 of 3", "Página 1 de 2", "2/3", "2".
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:page|p\.|pp\.|página|pagina|pág\.|seite|side|sida)"
    r"\s*\d{1,3}(?:\s*(?:of|de|sur|/|von|di|van|af)\s*\d{1,3})?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})\s*$",
    re.IGNORECASE,
)
_UNWRAPPED = 110  # characters: longer lines are whole paragraphs, not hard-wrapped ones
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", ")")
_SEPARATOR = re.compile(r"^\s*(?:[-_=*~#]\s*){3,}$")
_NUMBERED_LINE = re.compile(r"^(?:\d{1,2}\.|\([a-z]\)|\([ivx]{1,5}\))\s+\S")
_TERMINAL = tuple('.!?:;"”’)»')


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines. start/end are offsets into the extracted text;
    `lines` are its content lines (page furniture inside a rejoined block left out)."""

    start: int
    end: int
    lines: tuple[str, ...]
    gap: int = 0  # blank lines before the block
    page_break: bool = False  # a page break lies between this block and the previous one

    @property
    def first(self) -> str:
        return self.lines[0]

    @property
    def flat(self) -> str:
        return " ".join(self.lines)


def split_blocks(text: str) -> list[Block]:
    """Blocks separated by blank lines (page breaks and typed rules count as blank). A line
    also starts a block after an unwrapped paragraph line, when it is numbered after the end
    of a sentence, or when the text has no blank lines at all (one paragraph a line)."""
    one_per_line = _one_paragraph_per_line(text)
    blocks, current, gap, page_break = [], [], 0, False
    for offset, line in _lines(text):
        if current and (not line.strip() or _starts_block(line, current[-1][1], one_per_line)):
            blocks.append(_block(current, gap, page_break))
            current, gap, page_break = [], 0, False
        if line.strip():
            current.append((offset, line))
        else:
            gap, page_break = gap + 1, page_break or PAGE_BREAK in line
    if current:
        blocks.append(_block(current, gap, page_break))
    return blocks


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line); a typed rule reads as a page break, and a page break that opens a line
    ("\fMINISTRY ...") as a page-break line before the rest."""
    offset = 0
    for raw in text.split("\n"):
        content = raw.lstrip(" \t")
        if _SEPARATOR.match(raw):
            yield offset, PAGE_BREAK
        elif content.startswith(PAGE_BREAK) and raw.strip():
            cut = len(raw) - len(content) + 1
            yield offset, PAGE_BREAK
            yield offset + cut, raw[cut:]
        else:
            yield offset, raw
        offset += len(raw) + 1


def _one_paragraph_per_line(text: str) -> bool:
    """No blank line anywhere, and no first-line indents that would mark paragraphs instead."""
    body = text.strip()
    if body.count("\n") < 4 or re.search(r"\n[ \t\f\v]*\n", body):
        return False
    return len(re.findall(r"\n(?:\t| {2,})\S", body)) < 2


def _starts_block(line: str, previous: str, one_per_line: bool) -> bool:
    unwrapped = len(previous.strip()) > _UNWRAPPED and previous.rstrip().endswith(_SENTENCE_END)
    return (
        one_per_line
        or unwrapped
        or _starts_numbered(line, previous)
        or _indented(line, previous)
        or _after_salutation(previous)
    )


def _after_salutation(previous: str) -> bool:
    """A salutation typed (or OCR'd) right above the first paragraph is a block of its own."""
    return previous.rstrip().endswith((",", ":")) and cues.is_salutation((previous.strip(),))


def _indent(line: str) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


def _indented(line: str, previous: str) -> bool:
    """A first-line indent after the end of a sentence: paragraphs separated by indentation
    alone, with no blank line between them."""
    if not previous.rstrip().endswith(_TERMINAL):
        return False
    deeper = _indent(line) >= _indent(previous) + 2
    return deeper and line.strip()[:1].isupper() or cues.is_date_line((line.strip(),))


def _starts_numbered(line: str, previous: str) -> bool:
    ends_clause = previous.rstrip().endswith((".", ":", ";", ","))
    return bool(_NUMBERED_LINE.match(line.strip())) and ends_clause


def _block(lines: list[tuple[int, str]], gap: int, page_break: bool) -> Block:
    first_offset, first = lines[0]
    last_offset, last = lines[-1]
    start = first_offset + len(first) - len(first.lstrip())
    end = last_offset + len(last.rstrip())
    return Block(start, end, tuple(line.strip() for _, line in lines), gap, page_break)


def is_furniture(block: Block) -> bool:
    """Page furniture dropped on purpose: a page number footer."""
    return bool(_PAGE_NUMBER.match(block.flat))


def rule_spans(text: str) -> list[tuple[int, int]]:
    """Typed rules ("-----", "_____"): they separate, and are read as page breaks."""
    return [m.span() for m in re.finditer(r"(?m)^[^\S\n]*(?:[-_=*~#][^\S\n]*){3,}$", text)]


def running_lines(blocks: list[Block]) -> frozenset[int]:
    """Starts of running headers and footers of paged text: the same short block (numbers
    aside) right after, or right before, two or more page breaks."""
    inside = [i for i, b in enumerate(blocks) if b.page_break and _mid_letter(blocks, i)]
    heads = [blocks[i] for i in inside]
    feet = [blocks[i - 1] for i in inside if i > 0]
    found = set()
    for edge in (heads, feet):
        shapes = Counter(_shape(b) for b in edge if _short(b))
        found |= {b.start for b in edge if _short(b) and shapes[_shape(b)] >= 2}
    return frozenset(found)


def _mid_letter(blocks: list[Block], i: int) -> bool:
    """The page break before block i falls inside a letter: no closing after the last
    paragraph of running text before it (a page that ends a letter has no running footer to
    find, and the next page's letterhead opens a new letter)."""
    for block in reversed(blocks[:i]):
        if cues.is_closing(block.lines):
            return False
        if cues.is_prose(block.lines):
            return True
    return False


def _short(block: Block) -> bool:
    return (
        len(block.lines) <= 2 and len(block.flat.split()) <= 15 and not cues.is_prose(block.lines)
    )


def _shape(block: Block) -> str:
    return re.sub(r"\d+", "#", block.flat).casefold()


def tidy_blocks(blocks: list[Block], fixed: frozenset[int] = frozenset()) -> list[Block]:
    """Page numbers and running headers dropped (their page break passed on), paragraphs cut
    by a page break rejoined, bullet items kept with their lead-in. Blocks starting at a
    `fixed` offset (table rows) are never joined to another."""
    kept, pending = [], False
    running = running_lines(blocks)
    for block in blocks:
        if (is_furniture(block) or block.start in running) and block.start not in fixed:
            pending = pending or block.page_break
            continue
        kept.append(replace(block, page_break=block.page_break or pending))
        pending = False
    return _merge(kept, fixed)


def _merge(blocks: list[Block], fixed: frozenset[int] = frozenset()) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if merged and (merged[-1].start in fixed or block.start in fixed):
            merged.append(block)
        elif merged and (_continues_list(merged[-1], block) or _continues_page(merged[-1], block)):
            merged[-1] = _join(merged[-1], block)
        else:
            merged.append(block)
    return merged


def _continues_list(previous: Block, block: Block) -> bool:
    lead_in = previous.lines[-1].endswith(":") or any(BULLET_LINE.match(x) for x in previous.lines)
    return bool(BULLET_LINE.match(block.first)) and lead_in and block.gap <= 1


def _continues_page(previous: Block, block: Block) -> bool:
    """A sentence cut by a page break: the page ends mid-sentence and the next page goes on
    in lower case, or goes on with a word after running text ("... signed by" / "Australia")."""
    unfinished = not previous.lines[-1].endswith(_TERMINAL) or previous.lines[-1].endswith("-")
    if not (block.page_break and unfinished):
        return False
    if block.first[:1].islower():
        return True
    fresh = printed_number(block.first) or BULLET_LINE.match(block.first)
    return cues.is_prose(previous.lines) and block.first[:1].isalnum() and not fresh


def _join(a: Block, b: Block) -> Block:
    return Block(a.start, b.end, a.lines + b.lines, a.gap, a.page_break)
