"""Who may call the API from a browser and who may frame the widget."""

from __future__ import annotations

import re

from starlette.middleware.cors import CORSMiddleware

from ui.errors import BadOrigin

# Same origin plus any local port is always allowed: a developer's host page, and tests.
LOCAL_ORIGIN_REGEX = r"https?://(localhost|127\.0\.0\.1)(:\d+)?"
LOCAL_FRAME_ANCESTORS = "http://localhost:* http://127.0.0.1:*"
API_PREFIX = "/api/"
ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-]+(:\d+)?/?")

# The permalink page runs no script and loads only its own stylesheet.
LETTER_PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)


class ApiCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, applied to /api/* only: the Gradio app keeps its own stricter policy."""

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(API_PREFIX):
            await super().__call__(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def cors_options(origins: list[str]) -> dict:
    """Keyword arguments for ApiCORSMiddleware: the configured origins plus localhost."""
    return {
        "allow_origins": origins,
        "allow_origin_regex": LOCAL_ORIGIN_REGEX,
        "allow_methods": ["GET", "POST", "OPTIONS"],
        "allow_headers": ["Content-Type"],
        "max_age": 600,
    }


def widget_csp(origins: list[str]) -> str:
    """The widget runs only its own script and may be framed by the allowed origins."""
    ancestors = " ".join(["'self'", *origins, LOCAL_FRAME_ANCESTORS])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    )


def checked_origins(origins: list[str]) -> list[str]:
    """The configured origins, refused when one could smuggle anything into a header."""
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            raise BadOrigin(origin)
    return [origin.rstrip("/") for origin in origins]
