"""Server-rendered pages outside Gradio: the letter permalink page and the health check."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from index.errors import LetterNotFound
from ui.letter_view import letter_page_html, letter_record
from ui.security import LETTER_PAGE_CSP
from ui.widget import STATIC_URL

NOT_FOUND_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Letter not found</title>'
    f'<link rel="stylesheet" href="{STATIC_URL}/letter.css"></head><body><main>'
    '<p class="crumb"><a href="/">Ask the letters</a></p><h1>Letter not found</h1>'
    "<p>No letter with this address is in the index. It may have been removed or re-ingested "
    "under a new id; ask the question again to get a fresh link.</p></main></body></html>"
)


def pages_router(letter_index) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/letters/{letter_id}", response_class=HTMLResponse)
    def letter_page(letter_id: str):
        headers = {"Content-Security-Policy": LETTER_PAGE_CSP}
        try:
            record = letter_record(letter_index.letter(letter_id, current_only=True))
        except LetterNotFound:
            return HTMLResponse(NOT_FOUND_PAGE, status_code=404, headers=headers)
        page = letter_page_html(record, f"{STATIC_URL}/letter.css")
        return HTMLResponse(page, headers=headers)

    return router
