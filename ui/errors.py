"""Errors of the ui stage; their messages say what to do."""


class UIError(Exception):
    """Base class of every error the ui stage raises."""
