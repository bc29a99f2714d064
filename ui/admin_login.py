"""The token login in front of /admin: a plain form (no script) that trades the admin token for
a random session cookie, so the token itself is sent once and never stored in the browser.
Gradio's own routes under /admin (page, queue, uploads) all require a live session."""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import time
from html import escape

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ui.admin_api import token_matches
from ui.widget import STATIC_URL

log = logging.getLogger("letters.admin")
COOKIE = "letters_admin"
SESSION_SECONDS = 8 * 3600
FAILED_LOGIN_DELAY = 1.0  # seconds: slows down guessing
PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'"
LOGIN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Letter management: log in</title><link rel="stylesheet" href="{static}/admin.css"></head>
<body class="adm-login"><main><h1>Letter management</h1>
<p>For Monitor staff: upload, correct and delete the letters the chatbot answers from.</p>
{notice}<form method="post" action="/admin/login">
<label for="adm-token">Admin token</label>
<input id="adm-token" name="token" type="password" autocomplete="current-password" required>
<button type="submit" id="adm-login">Log in</button></form>
<p><a href="/">Back to the chatbot</a></p></main></body></html>
"""


class Sessions:
    """Random session ids with an expiry, in memory (a restart logs everyone out)."""

    def __init__(self, seconds: float = SESSION_SECONDS):
        self.seconds = seconds
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def open(self) -> str:
        session = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._expiry = {s: t for s, t in self._expiry.items() if t > now}
            self._expiry[session] = now + self.seconds
        return session

    def valid(self, session: str | None) -> bool:
        with self._lock:
            return bool(session) and self._expiry.get(session, 0) > time.monotonic()

    def close(self, session: str | None) -> None:
        with self._lock:
            self._expiry.pop(session or "", None)

    def user(self, request: Request) -> str | None:
        """Gradio's auth_dependency: "admin" for a live session, else None (refused)."""
        return "admin" if self.valid(request.cookies.get(COOKIE)) else None


def login_page(notice: str = "", status: int = 200) -> HTMLResponse:
    shown = f'<p class="adm-message adm-error" role="alert">{escape(notice)}</p>' if notice else ""
    page = LOGIN_PAGE.format(static=STATIC_URL, notice=shown)
    headers = {"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-store"}
    return HTMLResponse(page, status_code=status, headers=headers)


def login_router(sessions: Sessions, token: str) -> APIRouter:
    router = APIRouter(prefix="/admin", include_in_schema=False)

    @router.get("/login")
    def form(request: Request):
        if sessions.user(request):
            return RedirectResponse("/admin/", status_code=303)
        return login_page()

    @router.post("/login")
    async def log_in(request: Request, token_given: str = Form("", alias="token")):
        if not token_matches(token_given.strip(), token):
            log.warning("admin login refused: wrong token")
            await asyncio.sleep(FAILED_LOGIN_DELAY)
            return login_page("Wrong token: use the value of LETTERS_ADMIN_TOKEN.", 403)
        response = RedirectResponse("/admin/", status_code=303)
        response.set_cookie(
            COOKIE, sessions.open(), max_age=SESSION_SECONDS, httponly=True, samesite="strict",
            secure=request.url.scheme == "https", path="/admin",
        )  # fmt: skip
        log.info("admin login")
        return response

    @router.post("/logout")
    def log_out(request: Request):
        sessions.close(request.cookies.get(COOKIE))
        response = RedirectResponse("/admin/login", status_code=303)
        response.delete_cookie(COOKIE, path="/admin")
        return response

    return router


class LoginRedirect:
    """Pure ASGI: the /admin page itself sends a visitor without a session to the login form
    (Gradio would answer a bare 401)."""

    def __init__(self, app, sessions: Sessions):
        self.app = app
        self.sessions = sessions

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope.get("path") in ("/admin", "/admin/"):
            request = Request(scope)
            if request.method == "GET" and not self.sessions.user(request):
                await RedirectResponse("/admin/login", status_code=303)(scope, receive, send)
                return
        await self.app(scope, receive, send)
