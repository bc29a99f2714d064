"""The chat transcript of the full app as HTML: questions, answers, citation cards.

Everything that comes from a letter, a user or the pipeline is escaped here: the answer's
markdown is shown as text (only its [n] markers and bullet lines get structure), so a letter
holding HTML or markdown links renders literally.
"""

from __future__ import annotations

import json
import re
from html import escape

from ui.text import attr, format_date, highlight, paragraph_label, permalink

MARKER = re.compile(r"\[(\d{1,3})\]")
BULLET = re.compile(r"^\s*[-*•]\s+")
ABSTAINED = "No answer in the letters: the closest paragraphs are listed under “See also”."
EMPTY = (
    '<div class="lt-empty"><p>Ask about a government\'s position on cluster munitions or '
    "landmines. Every answer quotes the letters and cites the exact paragraph.</p></div>"
)


def answer_html(answer: str, turn: int) -> str:
    """The answer as escaped text: paragraphs, bullet lists and [n] links to the cards below."""
    blocks = [block for block in re.split(r"\n\s*\n", answer.strip()) if block.strip()]
    return "".join(_block_html(block, turn) for block in blocks)


def _block_html(block: str, turn: int) -> str:
    lines = [line for line in block.splitlines() if line.strip()]
    if lines and all(BULLET.match(line) for line in lines):
        items = "".join(f"<li>{_inline(BULLET.sub('', line), turn)}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>".join(_inline(line, turn) for line in lines) + "</p>"


def _inline(line: str, turn: int) -> str:
    link = r'<a class="lt-marker" href="#lt-t{turn}-c\1" data-cite="\1">[\1]</a>'
    return MARKER.sub(link.replace("{turn}", str(turn)), escape(line))


def card_heading(citation: dict) -> str:
    """ "Pakistan · Ministry of Foreign Affairs · 16 February 2009 · ¶ 4" as escaped spans."""
    parts = [
        ("lt-state", citation.get("state") or "Unknown state"),
        ("lt-sender", citation.get("sender")),
        ("lt-date", format_date(citation.get("date"))),
        ("lt-para", paragraph_label(citation.get("paragraph_number"), citation.get("ordinal"))),
        ("lt-page", f"p. {citation['page']}" if citation.get("page") else None),
    ]
    spans = [f'<span class="{cls}">{escape(str(text))}</span>' for cls, text in parts if text]
    return ' <span class="lt-sep" aria-hidden="true">·</span> '.join(spans)


def labels_line(citation: dict) -> str:
    """A table row's column labels above the row, so "Mine Ban Treaty | 1997" reads as data."""
    labels = citation.get("labels") or []
    if not labels:
        return ""
    return f'<p class="lt-card-labels">Columns: {escape(" | ".join(labels))}</p>'


def citation_card(citation: dict, turn: int) -> str:
    """One source under an answer; clicking it opens the letter in the side panel."""
    n = citation.get("n") or citation.get("rank") or ""
    letter_id, ordinal = citation.get("letter_id") or "", citation.get("ordinal")
    text = highlight(citation.get("text") or "", citation.get("highlights"))
    return (
        f'<article class="lt-card" id="lt-t{turn}-c{attr(n)}" data-letter-id="{attr(letter_id)}"'
        f' data-ordinal="{attr(ordinal)}"'
        f' data-highlights="{attr(json.dumps(citation.get("highlights") or []))}">'
        f'<header class="lt-card-head"><span class="lt-n">[{escape(str(n))}]</span> '
        f"{card_heading(citation)}</header>"
        f"{labels_line(citation)}"
        f'<blockquote class="lt-card-text">{text}</blockquote>'
        f'<div class="lt-card-actions">'
        f'<button type="button" class="lt-open">Show in letter</button>'
        f'<button type="button" class="lt-copy" data-footnote="{attr(citation.get("footnote"))}">'
        f"Copy footnote</button>"
        f'<a class="lt-permalink" href="{attr(permalink(letter_id, ordinal))}" target="_blank"'
        f' rel="noopener">Permalink</a></div></article>'
    )


def sources_html(answer: dict, turn: int) -> str:
    """The citation cards, or the closest paragraphs as "see also" when the answer abstained."""
    cited = answer.get("citations") or []
    title = "See also" if answer.get("abstained") else "Sources"
    if not cited and answer.get("abstained"):
        cited = (answer.get("retrieved") or [])[:3]
    if not cited:
        return ""
    cards = "".join(citation_card(citation, turn) for citation in cited)
    return f'<section class="lt-sources"><h4>{title}</h4>{cards}</section>'


def notices_html(answer: dict) -> str:
    """Visible notices: the answer abstained, or the pipeline has something to say."""
    notes = []
    if answer.get("answering"):
        answering = escape(str(answer["answering"]))
        notes.append(f'<p class="lt-answering" role="status">Answering: {answering}</p>')
    if answer.get("abstained"):
        notes.append(f'<p class="lt-notice lt-abstained" role="status">{ABSTAINED}</p>')
    if answer.get("notice"):
        notes.append(f'<p class="lt-notice" role="status">{escape(str(answer["notice"]))}</p>')
    return "".join(notes)


def turn_html(turn: dict, index: int) -> str:
    """A question and its (possibly still streaming, possibly failed) answer."""
    question = f'<div class="lt-msg lt-user"><p>{escape(turn["question"])}</p></div>'
    if turn.get("error"):
        body = f'<p class="lt-notice lt-error" role="alert">{escape(turn["error"])}</p>'
    elif turn.get("answer") is not None:
        answer = turn["answer"]
        body = notices_html(answer) + answer_html(answer.get("answer") or "", index)
        body += sources_html(answer, index)
    else:
        partial = answer_html(turn.get("partial") or "", index)
        body = partial or '<p class="lt-pending">Searching the letters…</p>'
    busy = "true" if turn.get("answer") is None and not turn.get("error") else "false"
    return (
        f'<div class="lt-turn" id="lt-t{index}">{question}'
        f'<div class="lt-msg lt-bot" aria-busy="{busy}">{body}</div></div>'
    )


def transcript_html(turns: list[dict]) -> str:
    """The whole conversation, oldest first."""
    if not turns:
        return f'<div class="lt-transcript">{EMPTY}</div>'
    inner = "".join(turn_html(turn, index) for index, turn in enumerate(turns))
    return f'<div class="lt-transcript" aria-live="polite">{inner}</div>'
