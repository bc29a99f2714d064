"""Errors of the ui stage; their messages say what to do."""

from index.errors import IndexStoreError
from ingest.errors import IngestError
from rag.errors import RagError


class UIError(Exception):
    """Base class of every error the ui stage raises."""


class BadOrigin(UIError):
    """LETTERS_ALLOWED_ORIGINS holds something that is not an origin."""

    def __init__(self, value: str):
        super().__init__(
            f"LETTERS_ALLOWED_ORIGINS: {value!r} is not an origin: give comma-separated origins "
            "such as https://the-monitor.org,https://www.the-monitor.org (scheme and host, no path)"
        )


class BadSetting(UIError):
    """A LETTERS_* variable holds a value of the wrong kind."""

    def __init__(self, problems: list[str]):
        super().__init__(
            "bad setting: " + "; ".join(problems) + " (fix or unset the variable; see the "
            "Configuration section of the README)"
        )


# What the entry points (CLI, web) turn into a message for the user.
STAGE_ERRORS = (IngestError, IndexStoreError, RagError, UIError)
