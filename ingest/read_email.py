"""E-mails (.eml with the stdlib, .msg with extract-msg): the message's header and body, then
each attachment in a supported format, every one a part whose provenance names the e-mail."""

from __future__ import annotations

import email
import tempfile
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from ingest.errors import SkipFile
from ingest.extracted import ExtractedText, concatenate
from ingest.model import Provenance
from ingest.read_html import read_html
from ingest.source import SourceFile

_HEADER_FIELDS = ("From", "Sent", "To", "Cc", "Subject")


@dataclass(frozen=True)
class Email:
    """What ingest needs of an e-mail, whatever its file format."""

    headers: dict[str, str]  # From, Sent, To, Cc, Subject (as printed)
    sent: str | None  # ISO date
    body: str  # plain text; an HTML-only body already reduced to its visible text
    attachments: tuple[tuple[str, bytes], ...]  # (file name, bytes)


def read_eml(source: SourceFile, ocr: bool = True) -> ExtractedText:
    message = email.message_from_bytes(source.path.read_bytes(), policy=policy.default)
    if not message.keys():
        raise SkipFile("not a readable e-mail: no header found")
    headers = {
        "From": str(message.get("From", "")), "Sent": str(message.get("Date", "")),
        "To": str(message.get("To", "")), "Cc": str(message.get("Cc", "")),
        "Subject": str(message.get("Subject", "")),
    }  # fmt: skip
    attachments = tuple(
        (part.get_filename() or "attachment", part.get_payload(decode=True) or b"")
        for part in message.iter_attachments()
    )
    return email_text(Email(headers, _iso(headers["Sent"]), _eml_body(message), attachments),
                      source, ocr)  # fmt: skip


def _eml_body(message) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    return (
        read_html(content.encode("utf-8")).text if body.get_content_subtype() == "html" else content
    )


def read_msg(source: SourceFile, ocr: bool = True) -> ExtractedText:
    import extract_msg

    try:
        message = extract_msg.openMsg(str(source.path))
    except Exception as error:  # olefile and extract-msg raise many kinds for a damaged file
        raise SkipFile(f"not a readable Outlook .msg ({type(error).__name__})") from error
    try:
        return email_text(msg_email(message), source, ocr)
    finally:
        message.close()


def msg_email(message) -> Email:
    """An extract-msg Message as an Email."""
    sent = message.date
    headers = {
        "From": message.sender or "", "Sent": str(sent or ""), "To": message.to or "",
        "Cc": message.cc or "", "Subject": message.subject or "",
    }  # fmt: skip
    body = message.body or ""
    if not body.strip() and message.htmlBody:
        body = read_html(message.htmlBody).text
    attachments = tuple(
        (a.longFilename or a.shortFilename or "attachment", a.data)
        for a in message.attachments
        if isinstance(getattr(a, "data", None), bytes)
    )
    iso = sent.date().isoformat() if isinstance(sent, datetime) else _iso(str(sent or ""))
    return Email(headers, iso, body, attachments)


def email_text(mail: Email, source: SourceFile, ocr: bool) -> ExtractedText:
    """The header block and body, then each readable attachment; an attachment that cannot be
    read is a warning, never a silent loss."""
    header = "\n".join(f"{k}: {mail.headers[k]}" for k in _HEADER_FIELDS if mail.headers.get(k))
    body = ExtractedText(f"{header}\n\n{mail.body.strip()}".strip(), source.suffix[1:])
    sender = mail.headers.get("From") or None
    documents = [(body, Provenance(source.file, None, sender, mail.sent))]
    warnings = []
    with tempfile.TemporaryDirectory() as folder:
        for name, data in mail.attachments:
            try:
                text = _attachment_text(Path(folder), name, data, source, ocr)
            except SkipFile as error:
                warnings.append(f"attachment {name} not read: {error}")
                continue
            documents.append((text, Provenance(source.file, name, sender, mail.sent)))
    return concatenate(documents, source.suffix[1:], tuple(warnings))


def _attachment_text(
    folder: Path, name: str, data: bytes, source: SourceFile, ocr: bool
) -> ExtractedText:
    from ingest.extract import extract  # the readers of every format, attachments included

    path = folder / Path(name).name
    path.write_bytes(data)
    return extract(SourceFile(path, f"{source.file}/{path.name}", "", len(data)), ocr=ocr)


def _iso(written: str) -> str | None:
    try:
        return parsedate_to_datetime(written).date().isoformat() if written else None
    except (TypeError, ValueError):
        return None
