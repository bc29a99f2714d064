"""/api/admin/*: upload, replace, correct, delete and list letters, for Monitor staff only.

Every request needs `Authorization: Bearer <LETTERS_ADMIN_TOKEN>`, checked (in constant time)
by AdminAuthMiddleware before the body is read: 401 without it, 403 with a wrong one. The
routes exist only when a token is configured. The token never appears in a response or a log.
"""

from __future__ import annotations

import hmac
import logging
import posixpath
import re
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import Headers

from ui.admin_view import batch_preview

log = logging.getLogger("letters.admin")
ADMIN_API = "/api/admin"
BEARER = re.compile(r"Bearer[ \t]+(\S+)[ \t]*", re.IGNORECASE)
NO_TOKEN = "letter management needs `Authorization: Bearer <token>` (LETTERS_ADMIN_TOKEN)"
WRONG_TOKEN = "wrong admin token: use the value of LETTERS_ADMIN_TOKEN"


def token_matches(given: str, token: str) -> bool:
    """Constant-time comparison, so timing does not reveal how much of a guess was right."""
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def bearer_problem(authorization: str | None, token: str) -> tuple[int, str] | None:
    """(status, message) when the header does not carry the admin token, else None."""
    found = BEARER.fullmatch(authorization or "")
    if not found:
        return 401, NO_TOKEN
    if not token_matches(found.group(1), token):
        return 403, WRONG_TOKEN
    return None


def is_admin_path(path: str) -> bool:
    """True for /api/admin and below, however the path is spelled (//, /./, ../, case), so no
    spelling reaches an admin route unchecked."""
    normal = posixpath.normpath("/" + re.sub(r"/+", "/", path).lstrip("/")).lower()
    return normal == ADMIN_API or normal.startswith(ADMIN_API + "/")


class AdminAuthMiddleware:
    """Pure ASGI: refuses /api/admin/* without the right token (and over-large bodies) before
    anything reads the request body."""

    def __init__(self, app, token: str, max_body_bytes: int):
        self.app = app
        self._token = token
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and is_admin_path(scope.get("path", "")):
            refusal = self.refusal(Headers(scope=scope))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def refusal(self, headers: Headers) -> JSONResponse | None:
        problem = bearer_problem(headers.get("authorization"), self._token)
        if problem:
            status, message = problem
            log.warning("admin API refused: %s", "no token" if status == 401 else "wrong token")
            extra = {"WWW-Authenticate": 'Bearer realm="letters admin"'} if status == 401 else {}
            return JSONResponse({"message": message}, status_code=status, headers=extra)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:
            mb = self.max_body_bytes / 2**20
            return JSONResponse(
                {"message": f"the upload is over {mb:.0f} MB (LETTERS_MAX_BATCH_MB): send the "
                            "files in several uploads; nothing was added"},
                status_code=413,
            )  # fmt: skip
        return None


class Correction(BaseModel):
    """Metadata fields to correct; the others are left as they are."""

    model_config = ConfigDict(extra="forbid")
    state: str | None = None
    date: str | None = Field(None, description="YYYY-MM-DD, or any written date")
    sender: str | None = None
    signatory: str | None = None
    signatory_title: str | None = None
    recipient: str | None = None
    reference: str | None = None
    language: str | None = Field(None, description="ISO 639-1: en, fr, es …")


class ErrorMessage(BaseModel):
    message: str


def admin_router(library) -> APIRouter:
    """The admin routes over a ui.library.Library."""
    router = APIRouter(prefix=ADMIN_API, tags=["admin"])
    errors = {code: {"model": ErrorMessage} for code in (401, 403, 404, 409, 413, 422)}

    @router.post("/letters", status_code=201, responses=errors,
                 summary="Upload letters (files or a .zip), or replace one letter's file")
    def upload(
        files: Annotated[list[UploadFile], File(description="Letter files, or .zip archives.")],
        replaces: Annotated[str | None, Form(description="A letter id: its file is replaced.")]
        = None,
        preview: Annotated[bool, Form(description="Only parse and show; add nothing.")] = False,
    ):
        """Adds the files and answers what was added (letters with their new ids, paragraph
        counts and warnings) and what was refused, each with its reason."""
        uploads = [(f.filename or "upload", f.file) for f in files]
        if not preview:
            return library.add(uploads, replaces=replaces or None)
        batch = library.stage(uploads, replaces=replaces or None)
        library.discard(batch.id)
        return JSONResponse(batch_preview(batch))

    @router.get("/letters", responses=errors, summary="Every letter with its paragraph count")
    def browse(
        state: str | None = Query(None, description="Only this state's letters."),
        year: int | None = Query(None, description="Only letters of this year."),
    ) -> list[dict]:
        return library.browse(state, year)

    @router.patch("/letters/{letter_id}", responses=errors,
                  summary="Correct a letter's metadata (kept in the collection's manifest)")
    def correct(letter_id: str, correction: Correction) -> dict:
        """Answers the letter under its new id (`previous_id` is the one given)."""
        return library.correct(letter_id, correction.model_dump(exclude_none=True))

    @router.delete("/letters/{letter_id}", responses=errors,
                   summary="Delete a letter (its file is moved to the trash)")
    def delete(
        letter_id: str,
        whole_file: bool = Query(False, description="Also the other letters of its file."),
    ) -> dict:
        return library.delete(letter_id, whole_file=whole_file)

    return router
