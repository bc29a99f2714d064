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
    "table_row",  # one row of a table: its cells joined by " | "
    "email_header",  # From:/Sent:/To:/Subject: lines of an e-mail around the letter
    "disclaimer",  # an e-mail's confidentiality notice
)
TABLE_ROW = "table_row"
# What the author wrote as the letter's content: answers are read from these kinds.
CONTENT_KINDS = (BODY, TABLE_ROW)


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
    labels: tuple[str, ...] = ()  # a table row's column labels (its table's header row)


@dataclass(frozen=True)
class Provenance:
    """Where a letter that came inside another file comes from: an e-mail's attachment."""

    container: str  # the e-mail file, relative to the ingested root
    attachment: str | None = None  # the attachment's file name; None for the e-mail's body
    sender: str | None = None  # the e-mail's From:
    sent: str | None = None  # the e-mail's date, ISO 8601

    def describe(self) -> str:
        """ "attached to the e-mail of 2011-06-15 from a@b (mail.eml)" for a citation."""
        what = f"{self.attachment}, attached to" if self.attachment else "body of"
        when = f" of {self.sent}" if self.sent else ""
        who = f" from {self.sender}" if self.sender else ""
        return f"{what} the e-mail{when}{who} ({self.container})"


@dataclass(frozen=True)
class Letter:
    """One letter of a file (a file may hold a cover letter and its attachment)."""

    id: str  # stable: file content hash and letter index
    file: str  # path relative to the ingested root, with forward slashes
    index: int  # 0-based position of the letter within its file
    sha256: str  # hash of the file's bytes
    format: str  # txt, md, html, pdf, docx, doc, rtf, odt, eml, msg, image
    state: str | None = None
    date: str | None = None  # ISO 8601
    sender: str | None = None
    signatory: str | None = None
    signatory_title: str | None = None
    recipient: str | None = None
    reference: str | None = None
    language: str | None = None  # ISO 639-1: en, fr, es ...
    provenance: Provenance | None = None  # set when the letter came inside an e-mail
    paragraphs: tuple[Paragraph, ...] = field(default=())

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None
