"""Positions over time and across states as HTML (pure): the states overview, a state's
timeline, the earliest-vs-latest comparison and the across-states table. They take the dicts
the API returns (`to_dict()`), and escape everything that comes from a letter."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from ui.text import attr, format_date, highlight, paragraph_label, permalink


def timeline_url(state: str) -> str:
    return f"/states/{quote(state, safe='')}"


def cited_html(citation: dict, css: str = "lt-pos-cite") -> str:
    """A quoted paragraph with its highlights, its label, footnote and permalink."""
    where = paragraph_label(citation.get("paragraph_number"), citation.get("ordinal"))
    link = permalink(citation["letter_id"], citation.get("ordinal"))
    text = highlight(citation.get("text") or "", citation.get("highlights"))
    return (
        f'<div class="{css}" data-letter-id="{attr(citation["letter_id"])}">'
        f'<blockquote class="lt-pos-text">{text}</blockquote>'
        f'<p class="lt-pos-source"><span class="lt-n">[{escape(str(citation.get("n") or ""))}]'
        f'</span> {escape(where)} · <a href="{attr(link)}" target="_blank" rel="noopener">'
        f"Permalink</a></p>"
        f'<p class="lt-pos-footnote">{escape(citation.get("footnote") or "")}</p></div>'
    )


def overview_html(states: list[dict]) -> str:
    """Every state with its letters, date range and languages, each linking to its timeline."""
    rows = "".join(
        f'<tr><td><a href="{attr(timeline_url(s["state"]))}">{escape(s["state"])}</a></td>'
        f"<td>{escape(str(s['letters']))}</td>"
        f"<td>{escape(date_range(s.get('first_date'), s.get('last_date')))}</td>"
        f"<td>{escape(', '.join(s.get('languages') or []))}</td></tr>"
        for s in states
    )
    return (
        '<table class="lt-states"><thead><tr><th scope="col">State</th><th scope="col">Letters'
        '</th><th scope="col">Dates</th><th scope="col">Language</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def date_range(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return format_date(first) if first == last else f"{format_date(first)} – {format_date(last)}"


def timeline_html(timeline: dict) -> str:
    """The state's letters oldest first, each with its policy paragraphs by topic."""
    letters = []
    for letter in timeline["letters"]:
        positions = (
            "".join(
                f'<li class="lt-pos"><h4>{escape("; ".join(p["labels"]))}</h4>'
                f"{cited_html(p['citation'])}</li>"
                for p in letter["positions"]
            )
            or '<li class="lt-pos lt-pos-none">States no policy on the topics.</li>'
        )
        head = f"{format_date(letter.get('date'))} · {letter.get('sender') or 'Unknown sender'}"
        letters.append(
            f'<li class="lt-tl-letter"><h3>{escape(head)}</h3>'
            f'<p class="lt-tl-meta"><a href="{attr(permalink(letter["letter_id"]))}" '
            f'target="_blank" rel="noopener">Read the letter</a></p>'
            f'<ul class="lt-pos-list">{positions}</ul></li>'
        )
    return (
        f'<section class="lt-timeline" aria-label="Timeline"><h2>{escape(timeline["state"])}: '
        f"{len(timeline['letters'])} letter(s)</h2><ol>{''.join(letters)}</ol></section>"
    )


def changes_html(changes: dict) -> str:
    """Topic by topic, the earliest and the latest letter side by side, changes marked."""
    earlier, later = changes["earlier"], changes["later"]
    rows = "".join(change_row(change) for change in changes["topics"])
    return (
        f'<section class="lt-changes" aria-label="What changed"><h2>What changed: '
        f"{escape(changes['state'])}</h2>"
        '<p class="lt-changes-key">Sentences that differ between the two letters are '
        "<mark>highlighted</mark>.</p>"
        '<table class="lt-changes-table"><thead><tr><th scope="col">Topic</th>'
        f'<th scope="col">{escape(format_date(earlier.get("date")))}</th>'
        f'<th scope="col">{escape(format_date(later.get("date")))}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def change_row(change: dict) -> str:
    status = "changed" if change["changed"] else "unchanged"
    cells = "".join(
        f"<td>{cited_html(side) if side else NOT_ADDRESSED}</td>"
        for side in (change["earlier"], change["later"])
    )
    return (
        f'<tr class="lt-change lt-{status}"><th scope="row">{escape(change["label"])}'
        f'<span class="lt-status">{status}</span></th>{cells}</tr>'
    )


NOT_ADDRESSED = '<p class="lt-pos-none">Not addressed in this letter.</p>'


def across_html(table: dict) -> str:
    """One row per state (its sentence, citation and date), then the states not addressing it."""
    rows = (
        "".join(
            f'<tr><th scope="row">{escape(row["state"])}</th>'
            f"<td>“{escape(row['sentence'])}” "
            f'<span class="lt-n">[{row["citation"]["n"]}]</span></td>'
            f"<td>{escape(row['citation']['footnote'])}</td>"
            f"<td>{escape(format_date(row['date']))}</td></tr>"
            for row in table["rows"]
        )
        or '<tr><td colspan="4">No state\'s letters address this question.</td></tr>'
    )
    lists = [
        ("Not addressed in their letters", table["not_addressed"]),
        ("Also addressed (not shown)", table["also_addressed"]),
        ("No letters in this collection from", table["absent"]),
    ]
    notes = "".join(
        f'<p class="lt-across-list"><strong>{title}:</strong> {escape(", ".join(states))}</p>'
        for title, states in lists
        if states
    )
    return (
        '<section class="lt-across" aria-label="Across states"><table class="lt-across-table">'
        '<thead><tr><th scope="col">State</th><th scope="col">In its letter</th>'
        '<th scope="col">Citation</th><th scope="col">Date</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{notes}</section>"
    )


def page_html(title: str, body: str, css_urls: tuple[str, ...]) -> str:
    """A plain server-rendered page (no script) around BODY."""
    links = "".join(f'<link rel="stylesheet" href="{attr(url)}">' for url in css_urls)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{links}</head>"
        f'<body><main class="lt-wide"><p class="crumb"><a href="/">Ask the letters</a> · '
        f'<a href="/states">States</a></p><h1>{escape(title)}</h1>{body}</main></body></html>'
    )
