"""What the admin page shows, as data and escaped HTML: the parse preview of an upload (letters,
metadata, paragraphs with kinds and printed numbers, warnings), results and the letter table.
Everything from a file or a user is escaped here: an uploaded letter holding HTML shows it as
text."""

from __future__ import annotations

from html import escape

from ingest import BODY
from ui.text import format_date

FIELDS = ("state", "date", "sender", "signatory", "signatory_title", "recipient", "reference",
          "language")  # fmt: skip
FIELD_LABELS = {
    "state": "State", "date": "Date (YYYY-MM-DD)", "sender": "Sender", "signatory": "Signed by",
    "signatory_title": "Signatory's title", "recipient": "Recipient", "reference": "Reference",
    "language": "Language (en, fr, es…)",
}  # fmt: skip
BROWSE_HEADERS = ["State", "Year", "Date", "Sender", "Paragraphs", "File", "Letter id"]


def letter_warnings(letter) -> list[str]:
    """What staff should check before confirming: missing metadata, OCR, no body."""
    warnings = [f"no {label} found" for label, value in (
        ("date", letter.date), ("state", letter.state), ("sender", letter.sender),
        ("signatory", letter.signatory),
    ) if not value]  # fmt: skip
    if any(p.ocr for p in letter.paragraphs):
        warnings.append("scanned, OCR used: check the text against the original")
    if not any(p.kind == BODY for p in letter.paragraphs):
        warnings.append("no body paragraphs found")
    return warnings


def letter_preview(letter, fields: dict | None = None) -> dict:
    """One parsed letter as the preview shows it, with any corrections applied."""
    values = {name: getattr(letter, name) for name in FIELDS} | (fields or {})
    return {
        "letter_index": letter.index, "format": letter.format, **values,
        "corrected": sorted(fields or {}), "warnings": letter_warnings(letter),
        "paragraphs": [
            {"ordinal": p.ordinal, "kind": p.kind, "number": p.number, "page": p.page,
             "ocr": p.ocr, "text": p.text}
            for p in letter.paragraphs
        ],
    }  # fmt: skip


def batch_preview(batch, corrections: dict | None = None) -> dict:
    """The JSON preview of a staged upload."""
    corrections = corrections or {}
    return {
        "batch": batch.id,
        "files": [
            {"file": f.file, "origin": f.origin, "sha256": f.sha256, "replaces": f.replaces,
             "letters": [letter_preview(letter, corrections.get((f.file, letter.index)))
                         for letter in f.letters]}
            for f in batch.files
        ],
        "refused": [{"name": r.name, "reason": r.reason} for r in batch.refused],
    }  # fmt: skip


def letter_label(file: str, letter_index: int) -> str:
    """ "uploads/x.pdf · letter 1" (1-based for people)."""
    return f"{file} · letter {letter_index + 1}"


def _paragraph_row(p: dict) -> str:
    marks = " ".join(x for x in (f"p. {p['page']}" if p.get("page") else "",
                                 "OCR" if p.get("ocr") else "") if x)  # fmt: skip
    return (
        f'<tr class="adm-kind-{escape(p["kind"])}"><td>{p["ordinal"]}</td>'
        f"<td>{escape(p['kind'])}</td><td>{escape(p.get('number') or '')}</td>"
        f'<td class="adm-text">{escape(p["text"])}</td><td>{escape(marks)}</td></tr>'
    )


def _meta_rows(letter: dict) -> str:
    rows = []
    for name in FIELDS:
        value = letter.get(name)
        shown = format_date(value) + f" ({value})" if name == "date" and value else value
        star = " ✎" if name in letter.get("corrected", ()) else ""
        rows.append(f"<dt>{escape(FIELD_LABELS[name])}</dt>"
                    f"<dd>{escape(shown or '—')}{star}</dd>")  # fmt: skip
    return f'<dl class="adm-meta">{"".join(rows)}</dl>'


def letter_preview_html(file: dict, letter: dict) -> str:
    warnings = "".join(f'<li class="adm-warning">{escape(w)}</li>' for w in letter["warnings"])
    paragraphs = "".join(_paragraph_row(p) for p in letter["paragraphs"])
    body = sum(p["kind"] == BODY for p in letter["paragraphs"])
    label = letter_label(file["file"], letter["letter_index"])
    return (
        f'<section class="adm-letter"><h4>{escape(label)}'
        f" — {len(letter['paragraphs'])} paragraphs ({body} body)</h4>"
        f"{_meta_rows(letter)}"
        + (f'<ul class="adm-warnings">{warnings}</ul>' if warnings else "")
        + '<details open><summary>Paragraphs</summary><table class="adm-paragraphs"><thead><tr>'
        "<th>#</th><th>Kind</th><th>No.</th><th>Text</th><th></th></tr></thead>"
        f"<tbody>{paragraphs}</tbody></table></details></section>"
    )


def refused_html(refused: list[dict]) -> str:
    if not refused:
        return ""
    items = "".join(
        f'<li><strong>{escape(r["name"])}</strong>: {escape(r["reason"])}</li>' for r in refused
    )
    return f'<div class="adm-refused" role="alert"><h4>Not added</h4><ul>{items}</ul></div>'


def preview_html(preview: dict) -> str:
    """The whole preview: each file's letters, then what was refused and why."""
    files = []
    for file in preview["files"]:
        origin = "" if file["origin"] == file["file"].rsplit("/", 1)[-1] else (
            f" (from {escape(file['origin'])})")  # fmt: skip
        replaces = f" — replaces {escape(file['replaces'])}" if file.get("replaces") else ""
        letters = "".join(letter_preview_html(file, letter) for letter in file["letters"])
        files.append(f'<article class="adm-file"><h3>{escape(file["file"])}{origin}{replaces}'
                     f"</h3>{letters}</article>")  # fmt: skip
    count = sum(len(f["letters"]) for f in preview["files"])
    summary = (f'<p class="adm-summary">{count} letter(s) in {len(preview["files"])} file(s) '
               "read. Check them, correct metadata below, then add them.</p>")  # fmt: skip
    return (f'<div class="adm-preview">{summary if preview["files"] else ""}{"".join(files)}'
            f"{refused_html(preview['refused'])}</div>")  # fmt: skip


def message_html(text: str, error: bool = False) -> str:
    role = ' role="alert"' if error else ' role="status"'
    kind = "adm-error" if error else "adm-ok"
    return f'<p class="adm-message {kind}"{role}>{escape(text)}</p>'


def outcome_text(outcome: dict) -> str:
    """ "Added 2 letters in 1 file: ... Not added: ..." for the page."""
    added = outcome["added"]
    letters = sum(len(f["letters"]) for f in added)
    parts = [f"Added {letters} letter(s) in {len(added)} file(s): "
             + ", ".join(f["file"] for f in added) + "."]  # fmt: skip
    parts += [f"Replaced {f['replaces']}." for f in added if f.get("replaces")]
    if outcome["refused"]:
        parts.append("Not added: " + "; ".join(f"{r['name']}: {r['reason']}"
                                               for r in outcome["refused"]))  # fmt: skip
    return " ".join(parts)


def browse_rows(letters: list[dict]) -> list[list]:
    return [
        [s.get("state") or "?", s.get("year") or "", s.get("date") or "", s.get("sender") or "",
         s.get("paragraphs"), s.get("file"), s.get("letter_id")]
        for s in letters
    ]  # fmt: skip
