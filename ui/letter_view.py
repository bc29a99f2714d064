"""One letter, from its indexed paragraphs: as a JSON record, as the app's side panel and as
the permalink page. All letter text and metadata are escaped."""

from __future__ import annotations

from html import escape

from ui.text import attr, format_date, highlight, paragraph_label, permalink

LETTER_FIELDS = (
    "letter_id", "file", "letter_index", "format", "state", "date", "sender", "signatory",
    "signatory_title", "recipient", "reference", "language",
)  # fmt: skip
PARAGRAPH_FIELDS = ("id", "ordinal", "number", "kind", "page", "ocr", "start", "end", "text")
PANEL_EMPTY = (
    '<div class="lt-letter lt-letter-empty"><p>Click a source under an answer to read the '
    "whole letter here, with the cited paragraph highlighted.</p></div>"
)


def letter_record(paragraphs) -> dict:
    """Letter metadata and its paragraphs (IndexedParagraph objects, in ordinal order)."""
    first = paragraphs[0]
    record = {name: getattr(first, name, None) for name in LETTER_FIELDS}
    record["permalink"] = permalink(first.letter_id)
    record["paragraphs"] = [
        {name: getattr(p, name, None) for name in PARAGRAPH_FIELDS}
        | {"permalink": permalink(first.letter_id, p.ordinal)}
        for p in paragraphs
    ]
    return record


def letter_title(record: dict) -> str:
    """ "Ministry of Foreign Affairs, Pakistan, 16 February 2009" (plain text, not escaped)."""
    who = [record.get("sender"), record.get("state")]
    return ", ".join([part for part in who if part] + [format_date(record.get("date"))])


def meta_items(record: dict) -> list[tuple[str, str]]:
    items = [
        ("State", record.get("state")),
        ("Date", format_date(record.get("date"))),
        ("Sender", record.get("sender")),
        ("Signed by", ", ".join(x for x in (record["signatory"], record["signatory_title"]) if x)
            if record.get("signatory") else None),
        ("To", record.get("recipient")),
        ("Reference", record.get("reference")),
        ("File", f"{record.get('file')} (letter {int(record.get('letter_index') or 0) + 1})"),
    ]  # fmt: skip
    return [(label, str(value)) for label, value in items if value]


def meta_html(record: dict) -> str:
    rows = "".join(
        f"<dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in meta_items(record)
    )
    return f'<dl class="lt-meta">{rows}</dl>'


def margin_label(paragraph: dict) -> str:
    """The printed number ("¶ 4"), or the bare position of an unnumbered paragraph."""
    if paragraph["number"]:
        return escape(paragraph_label(paragraph["number"], paragraph["ordinal"]))
    return f'<span title="unnumbered paragraph">{escape(str(paragraph["ordinal"]))}</span>'


def panel_paragraph_html(paragraph: dict, cited: int | None, highlights=()) -> str:
    is_cited = paragraph["ordinal"] == cited
    marks = ' lt-cited" aria-current="true' if is_cited else ""
    text = highlight(paragraph["text"] or "", highlights if is_cited else ())
    return (
        f'<div class="lt-lp{marks}" id="lt-lp-{attr(paragraph["ordinal"])}">'
        f'<a class="lt-lp-num" href="{attr(paragraph["permalink"])}" target="_blank"'
        f' rel="noopener" title="Permalink">{margin_label(paragraph)}</a>'
        f'<p class="lt-lp-text">{text}</p></div>'
    )


def letter_panel_html(record: dict, cited: int | None = None, highlights=()) -> str:
    """The side panel of the app: the whole letter, the cited paragraph (and the sentences the
    answer quoted from it) highlighted."""
    paragraphs = "".join(
        panel_paragraph_html(p, cited, highlights) for p in record["paragraphs"]
    )
    return (
        f'<section class="lt-letter" aria-label="Letter">'
        f"<h3>{escape(letter_title(record))}</h3>{meta_html(record)}"
        f'<p class="lt-letter-link"><a href="{attr(record["permalink"])}" target="_blank"'
        f' rel="noopener">Open the letter as a page</a></p>'
        f'<div class="lt-lps">{paragraphs}</div></section>'
    )


def letter_error_html(message: str) -> str:
    """The side panel when the letter cannot be shown."""
    return (
        f'<div class="lt-letter"><p class="lt-notice lt-error" role="alert">{escape(message)}'
        "</p></div>"
    )


def letter_page_html(record: dict, css_url: str) -> str:
    """The permalink page: plain HTML, no script; #p<ordinal> targets a paragraph."""
    paragraphs = "".join(
        f'<p class="para kind-{attr(p["kind"])}" id="p{attr(p["ordinal"])}">'
        f'<a class="pnum" href="#p{attr(p["ordinal"])}">{margin_label(p)}</a> '
        f'<span class="ptext">{escape(p["text"] or "")}</span></p>'
        for p in record["paragraphs"]
    )
    title = escape(letter_title(record))
    return (
        f'<!doctype html><html lang="{attr(record.get("language") or "en")}"><head>'
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title}</title><link rel="stylesheet" href="{attr(css_url)}"></head><body><main>'
        f'<p class="crumb"><a href="/">Ask the letters</a></p><h1>{title}</h1>{meta_html(record)}'
        f'<article class="letter">{paragraphs}</article></main></body></html>'
    )
