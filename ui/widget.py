"""The embeddable side: /widget (a compact chat for an iframe) and /embed.js (the launcher)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from ui.security import widget_csp
from ui.text import attr

STATIC = Path(__file__).resolve().parent / "static"
STATIC_URL = "/ui-static"
DEFAULT_TITLE = "Ask the letters"

WIDGET_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="{static}/widget.css"></head>
<body data-max-chars="{max_chars}" data-embedded="{embedded}">
<main class="w">
<header class="w-head"><h1>{title}</h1></header>
<section class="w-log" id="w-log" aria-live="polite" aria-label="Conversation">
<p class="w-intro">Ask about a government's position on cluster munitions or landmines.
Answers quote the governments' letters and link every source.</p>
</section>
<form class="w-form" id="w-form">
<label class="w-sr" for="w-q">Your question</label>
<textarea id="w-q" name="question" rows="2" placeholder="Ask a question…"
 aria-describedby="w-hint"></textarea>
<button type="submit" id="w-send" disabled>Ask</button>
</form>
<p class="w-hint" id="w-hint">At most {max_chars} characters. Enter to send.</p>
</main>
<script src="{static}/widget.js"></script>
</body></html>
"""


def widget_page(title: str, max_chars: int, embedded: bool) -> str:
    return WIDGET_PAGE.format(
        title=escape(title), static=STATIC_URL, max_chars=attr(max_chars),
        embedded="true" if embedded else "false",
    )  # fmt: skip


def widget_router(origins: list[str], max_question_chars: int) -> APIRouter:
    """/widget, framed only by the allowed origins, and /embed.js for any host page."""
    router = APIRouter(include_in_schema=False)
    csp = widget_csp(origins)
    embed_js = (STATIC / "embed.js").read_text(encoding="utf-8")

    @router.get("/widget", response_class=HTMLResponse)
    def widget(title: str = Query(DEFAULT_TITLE, max_length=80), embedded: bool = False):
        page = widget_page(title or DEFAULT_TITLE, max_question_chars, embedded)
        return HTMLResponse(page, headers={"Content-Security-Policy": csp})

    @router.get("/embed.js")
    def embed():
        headers = {"Cache-Control": "public, max-age=300"}
        return Response(embed_js, media_type="text/javascript; charset=utf-8", headers=headers)

    return router
