"""The records that leave the ingest stage: a letter and its paragraphs, with provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

# Paragraph kinds. `body` is what the author wrote as the letter's content; the
# others are kept as paragraphs of their own so questions about senders and dates
# can still cite them.
BODY = "body"
KINDS = (
    "letterhead",
    "reference",
    "date",
    "address",
    "subject",
    "salutation",
    BODY,
    "closing",
    "signature",
    "enclosure",
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as its author wrote it, and exactly where it came from."""

    id: str  # stable: file content hash, letter index, paragraph index
    ordinal: int  # 1-based position within its letter (permalinks use #p<ordinal>)
    kind: str  # one of KINDS
    number: str | None  # the printed number: "4", "(a)", None when unnumbered
    text: str  # hard wraps joined, line-break hyphenation undone
    start: int  # offsets into the file's extracted text: text[start:end] is this paragraph
    end: int
    page: int | None = None  # 1-based PDF page where it starts
    ocr: bool = False


@dataclass(frozen=True)
class Letter:
    """One letter of a file (a file may hold a cover letter and its attachment)."""

    id: str  # stable: file content hash and letter index
    file: str  # path relative to the ingested root, with forward slashes
    index: int  # 0-based position of the letter within its file
    sha256: str  # hash of the file's bytes
    format: str  # txt, md, html, pdf, docx, image
    state: str | None = None
    date: str | None = None  # ISO 8601
    sender: str | None = None
    signatory: str | None = None
    signatory_title: str | None = None
    recipient: str | None = None
    reference: str | None = None
    language: str | None = None  # ISO 639-1: en, fr, es ...
    paragraphs: tuple[Paragraph, ...] = field(default=())

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None
