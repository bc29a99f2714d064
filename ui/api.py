"""The JSON API: ask a question, read a letter, list letters. Errors become {"message": ...}."""

from __future__ import annotations

import logging
import threading

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.errors import IndexStoreError, LetterNotFound
from ingest.errors import IngestError
from rag import clean_question
from rag.errors import EmptyQuestion, QuestionTooLong, RagError
from ui.errors import STAGE_ERRORS, LetterSharesFile, PreviewExpired, UIError
from ui.letter_view import letter_record
from ui.text import permalink

log = logging.getLogger("letters.ui")
SERVER_FAILED = "The server failed to answer; try again, and report it if it happens again."

# The first matching class along an error's MRO decides the status.
STATUS = {
    LetterNotFound: 404, IndexStoreError: 503, RagError: 422, LetterSharesFile: 409,
    PreviewExpired: 410, UIError: 422, IngestError: 500,
}  # fmt: skip


class HistoryTurn(BaseModel):
    """An earlier turn of the conversation, so a follow-up can refer to it."""

    question: str = Field(description="The question asked (or, better, the one answered).")
    answering: str | None = Field(None, description="The earlier answer's `answering`.")
    state: str | None = Field(None, description="The state of its first cited letter.")
    date: str | None = Field(None, description="The ISO date of that letter.")

    def as_turn(self) -> dict:
        return {"question": self.answering or self.question, "state": self.state, "date": self.date}


class AskRequest(BaseModel):
    question: str = Field(description="The question, in any words.")
    state: str | None = Field(None, description="Only letters of this state.")
    since: int | None = Field(None, description="Only letters from this year on.")
    until: int | None = Field(None, description="Only letters up to this year.")
    k: int = Field(5, ge=1, le=20, description="How many paragraphs to retrieve.")
    history: list[HistoryTurn] = Field(
        default_factory=list,
        max_length=20,
        description='Earlier turns, oldest first: "And in 2011?", "What about Chile?" and '
        '"Who signed it?" resolve against the last; the answer\'s `answering` shows how.',
    )


class ErrorMessage(BaseModel):
    message: str


def checked_question(question: str | None, max_chars: int) -> str:
    """The question stripped; empty or over-long questions are refused with a clear message."""
    question = clean_question(question)
    if not question:
        raise EmptyQuestion()
    if len(question) > max_chars:
        raise QuestionTooLong(len(question), max_chars)
    return question


def status_of(error: Exception) -> int:
    return next((STATUS[cls] for cls in type(error).__mro__ if cls in STATUS), 500)


def add_error_handlers(app: FastAPI) -> None:
    """The stages' errors and invalid requests answer JSON with a readable message."""

    async def stage_error(request: Request, error: Exception) -> JSONResponse:
        log.info("%s %s -> %s", request.method, request.url.path, error)
        return JSONResponse({"message": str(error)}, status_code=status_of(error))

    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'][1:])}: {e['msg']}" for e in error.errors()
        )
        body = {"message": f"Invalid request: {problems}", "detail": error.errors()}
        return JSONResponse(jsonable_encoder(body), status_code=422)

    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        """FastAPI's own refusals (a body that is not JSON, an unknown path) say "message" too."""
        body = {"message": f"{error.detail}", "detail": error.detail}
        return JSONResponse(body, status_code=error.status_code, headers=error.headers)

    async def defect(request: Request, error: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path, exc_info=error)
        return JSONResponse({"message": SERVER_FAILED}, status_code=500)

    for error_class in STAGE_ERRORS:
        app.add_exception_handler(error_class, stage_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, defect)


def api_router(pipeline, letter_index, max_question_chars: int, concurrency: int) -> APIRouter:
    """/api/ask, /api/letters and /api/letters/{id} over the given pipeline and index."""
    router = APIRouter(prefix="/api", tags=["letters"])
    answering = threading.BoundedSemaphore(concurrency)
    errors = {422: {"model": ErrorMessage}, 503: {"model": ErrorMessage}}

    @router.post("/ask", responses=errors, summary="Answer a question with cited paragraphs")
    def ask(request: AskRequest) -> dict:
        """The answer object: answer (markdown with [n]), abstained, citations, retrieved..."""
        question = checked_question(request.question, max_question_chars)
        with answering:
            answer = pipeline.ask(
                question, k=request.k, state=request.state, since=request.since,
                until=request.until, history=[turn.as_turn() for turn in request.history],
            )  # fmt: skip
        return answer.to_dict()

    @router.get("/letters", summary="List the letters in the index")
    def letters(state: str | None = Query(None, description="Only this state's letters.")):
        return [
            summary | {"permalink": permalink(summary["letter_id"])}
            for summary in letter_index.letters(state)
        ]

    @router.get("/letters/{letter_id}", responses={404: {"model": ErrorMessage}},
                summary="One letter: metadata and paragraphs")  # fmt: skip
    def letter(letter_id: str) -> dict:
        return letter_record(letter_index.letter(letter_id, current_only=True))

    return router
