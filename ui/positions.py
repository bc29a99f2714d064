"""Positions over time and across states on the web: the JSON routes under /api/states and
/api/across, and the server-rendered /states overview and /states/{state} timeline pages."""

from __future__ import annotations

import threading
from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from rag import analyse
from rag.errors import TooFewLetters, UnknownState
from ui.api import ErrorMessage, checked_question
from ui.errors import STAGE_ERRORS
from ui.positions_view import (
    across_html,
    changes_html,
    overview_html,
    page_html,
    timeline_html,
    timeline_url,
)
from ui.security import LETTER_PAGE_CSP
from ui.widget import STATIC_URL

CSS = (f"{STATIC_URL}/letter.css", f"{STATIC_URL}/positions.css")


class AcrossRequest(BaseModel):
    question: str = Field(description='"Which states …" or "compare X and Y on …".')
    k: int = Field(20, ge=1, le=50, description="At most this many states in the table.")
    since: int | None = Field(None, description="Only letters from this year on.")
    until: int | None = Field(None, description="Only letters up to this year.")


def positions_timeline(pipeline):
    """The timelines over the pipeline's index, sharing its cache of sentence vectors (made
    once per pipeline, for the API, the pages and the Positions tab)."""
    from rag import Timeline

    if getattr(pipeline, "timeline", None) is None:
        pipeline.timeline = Timeline(pipeline.index, pipeline.sentence_index.cache)
    return pipeline.timeline


def positions_router(timeline, pipeline, max_question_chars: int, concurrency: int) -> APIRouter:
    """/api/states, /api/states/{state}/timeline and /changes, and /api/across."""
    router = APIRouter(prefix="/api", tags=["positions"])
    answering = threading.BoundedSemaphore(concurrency)
    errors = {422: {"model": ErrorMessage}}

    @router.get("/states", summary="Every state: letters, date range, languages")
    def states() -> list[dict]:
        return [s.to_dict() | {"timeline": timeline_url(s.state)} for s in timeline.states()]

    @router.get("/states/{state}/timeline", responses=errors,
                summary="A state's letters in date order, policy paragraphs cited")  # fmt: skip
    def state_timeline(state: str) -> dict:
        return timeline.of(state).to_dict()

    @router.get("/states/{state}/changes", responses=errors,
                summary="Earliest vs latest letter by topic, changes marked")  # fmt: skip
    def state_changes(state: str) -> dict:
        return timeline.changes(state).to_dict()

    @router.post("/across", responses=errors,
                 summary="Which states … / compare X and Y: a row per state")  # fmt: skip
    def across(request: AcrossRequest) -> dict:
        question = checked_question(request.question, max_question_chars)
        plan = analyse(question, since=request.since, until=request.until)
        with answering:
            return pipeline.across.table(plan, request.k).to_dict()

    return router


def states_pages_router(timeline) -> APIRouter:
    """/states (the overview) and /states/{state} (its timeline and what changed)."""
    router = APIRouter(include_in_schema=False)
    headers = {"Content-Security-Policy": LETTER_PAGE_CSP}

    @router.get("/states", response_class=HTMLResponse)
    def overview():
        body = overview_html([s.to_dict() for s in timeline.states()])
        return HTMLResponse(page_html("States in the collection", body, CSS), headers=headers)

    @router.get("/states/{state}", response_class=HTMLResponse)
    def state_page(state: str):
        try:
            found = timeline.of(state)
        except UnknownState as error:
            body = f'<p class="lt-notice">{escape(str(error))}</p>'
            return HTMLResponse(page_html("State not found", body, CSS), 404, headers=headers)
        return HTMLResponse(page_html(found.state, positions_body(timeline, found), CSS),
                            headers=headers)  # fmt: skip

    return router


def positions_body(timeline, found) -> str:
    """What changed (when the state wrote two letters stating a policy), then the timeline."""
    try:
        changes = changes_html(timeline.changes(found.state).to_dict())
    except TooFewLetters:
        changes = ""
    return changes + timeline_html(found.to_dict())


def positions_tab_html(timeline, state: str | None) -> str:
    """The Positions tab for STATE: what changed, then its timeline (or a message)."""
    if not state:
        return POSITIONS_EMPTY
    try:
        return positions_body(timeline, timeline.of(state))
    except STAGE_ERRORS as error:
        return f'<p class="lt-notice lt-error" role="alert">{escape(str(error))}</p>'


def across_tab_html(pipeline, question: str, max_chars: int) -> str:
    """The across-states table for QUESTION in the Positions tab (or a message)."""
    try:
        plan = analyse(checked_question(question, max_chars))
        return across_html(pipeline.across.table(plan, 50).to_dict())
    except STAGE_ERRORS as error:
        return f'<p class="lt-notice lt-error" role="alert">{escape(str(error))}</p>'


POSITIONS_EMPTY = (
    '<div class="lt-empty"><p>Choose a state to see its letters in date order, the paragraphs '
    "that state its policy, and what changed between its earliest and latest letter. "
    '<a href="/states">All states</a></p></div>'
)
