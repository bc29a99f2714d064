"""The kind of each block of one letter: header blocks, body, closing and the blocks after it."""

from __future__ import annotations

from ingest import cues
from ingest.blocks import Block
from ingest.model import BODY
from ingest.states import states_named

_HEADER_SCAN = 14  # a salutation further down than this is not the letter's opening


def classify(blocks: list[Block]) -> list[str]:
    """One kind per block (see model.KINDS): an e-mail's header and disclaimer blocks first,
    then the letter in between as a letter."""
    special = _header_runs([cues.email_kind(block.lines) for block in blocks], blocks)
    letter = iter(_letter_kinds([b for b, kind in zip(blocks, special, strict=True) if not kind]))
    return [kind or next(letter) for kind in special]


def _header_runs(kinds: list[str | None], blocks: list[Block]) -> list[str | None]:
    """An e-mail header typed one field a paragraph ("From: …", then "Sent: …", …)."""
    fields = [len(b.lines) == 1 and bool(cues.EMAIL_FIELD.match(b.first)) for b in blocks]
    for i, block in enumerate(blocks):
        if (
            fields[i]
            and cues.EMAIL_FROM.match(block.first)
            and i + 1 < len(blocks)
            and fields[i + 1]
        ):
            j = i
            while j < len(blocks) and fields[j]:
                kinds[j] = "email_header"
                j += 1
    return kinds


def _letter_kinds(blocks: list[Block]) -> list[str]:
    lines = [b.lines for b in blocks]
    body_start = find_body_start(lines)
    closing = find_closing(lines, body_start)
    kinds = header_kinds(lines[:body_start])
    kinds += [_body_kind(blocks, i) for i in range(body_start, closing)]
    kinds += tail_kinds(lines[closing:])
    return kinds


def _body_kind(blocks: list[Block], i: int) -> str:
    """Body, except the sender's address printed as a page footer: a postal line, not a
    sentence, right before a page break."""
    footer = i + 1 < len(blocks) and blocks[i + 1].page_break
    lines = blocks[i].lines
    address = cues.has_postal(lines) and not cues.is_prose(lines) and len(lines) <= 3
    return "letterhead" if footer and address and not lines[-1].endswith(".") else BODY


def find_body_start(lines: list[tuple[str, ...]]) -> int:
    """First body block: after the salutation and any subject line, else the first prose block."""
    for i, block in enumerate(lines[:_HEADER_SCAN]):
        if cues.is_salutation(block):
            return _skip_subjects(lines, i + 1)
        if cues.is_prose(block) and not cues.is_subject(block):  # a long "Asunto: …" line
            return i
    # no prose at all: only the top of the text can be its header
    fallback = min(len(lines), _HEADER_SCAN)
    return next((i for i, block in enumerate(lines) if cues.is_prose(block)), fallback)


def _skip_subjects(lines: list[tuple[str, ...]], i: int) -> int:
    """Past at most two subject lines ("Subject: ...", a heading) right after the salutation."""
    end = i
    while end < min(len(lines), i + 2) and _looks_like_heading(lines[end]):
        end += 1
    return end if end < len(lines) else i


def _looks_like_heading(block: tuple[str, ...]) -> bool:
    text = " ".join(block)
    if cues.is_subject(block):
        return True
    if len(text) > 160 or cues.is_prose(block) or cues.is_closing(block):
        return False
    return not text.rstrip().endswith((".", ",", ":", ";"))


def find_closing(lines: list[tuple[str, ...]], body_start: int) -> int:
    """Index of the closing block (the end of the body); len(lines) when there is none."""
    for i in range(body_start, len(lines)):
        if cues.is_closing(lines[i]):
            return i
    return _trailing_non_prose(lines, body_start)


def _trailing_non_prose(lines: list[tuple[str, ...]], body_start: int) -> int:
    end = len(lines)
    while end > body_start + 1 and not cues.is_prose(lines[end - 1]):
        end -= 1
    return end


def header_kinds(lines: list[tuple[str, ...]]) -> list[str]:
    """Letterhead until the first recognisable header block; after the salutation, subjects."""
    kinds, in_letterhead = [], True
    for block in lines:
        kind = header_kind(block)
        if "salutation" in kinds and kind != "salutation":
            kind = "subject"
        elif kind is None and in_letterhead and _recipient_block(block):
            kind = "address"
        elif kind is None and kinds and kinds[-1] == "address":
            kind = "address"  # an address typed one line per paragraph (Word)
        elif kind is None:
            kind = "letterhead" if in_letterhead else ("address" if len(block) > 1 else "subject")
        in_letterhead = in_letterhead and kind == "letterhead"
        kinds.append(kind)
    return kinds


def _recipient_block(block: tuple[str, ...]) -> bool:
    """A postal address whose first line names no organisation or state: the recipient's,
    typed above the date (the sender's own address is part of its letterhead)."""
    sender_like = cues.ORGANISATION.search(block[0]) or block[0].isupper() or states_named(block[0])
    return cues.is_address(block) and not sender_like


def header_kind(block: tuple[str, ...]) -> str | None:
    if cues.is_salutation(block):
        return "salutation"
    if cues.is_date_line(block):
        return "date"
    if cues.is_reference(block):
        return "reference"
    if cues.is_subject(block):
        return "subject"
    if cues.HONORIFIC.match(block[0]):
        return "address"
    return None


def tail_kinds(lines: list[tuple[str, ...]]) -> list[str]:
    """Closing, then signature, date, address and enclosure blocks."""
    kinds, signed = [], False
    for block in lines:
        if cues.is_closing(block) and not signed:
            kinds.append("closing")
        elif cues.is_enclosure(block):
            kinds.append("enclosure")
        elif cues.is_prose(block):
            kinds.append(BODY)  # a postscript, or running text after the signature
        elif cues.is_date_line(block):
            kinds.append("date")
        elif cues.is_address(block) and (signed or cues.has_postal(block)):
            kinds.append("address")
        else:
            kinds.append("signature")
            signed = True
    return kinds
