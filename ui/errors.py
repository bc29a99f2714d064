"""Errors of the ui stage; their messages say what to do."""


class UIError(Exception):
    """Base class of every error the ui stage raises."""


class BadOrigin(UIError):
    """LETTERS_ALLOWED_ORIGINS holds something that is not an origin."""

    def __init__(self, value: str):
        super().__init__(
            f"LETTERS_ALLOWED_ORIGINS: {value!r} is not an origin: give comma-separated origins "
            "such as https://the-monitor.org,https://www.the-monitor.org (scheme and host, no path)"
        )
