"""Errors of the rag stage; their messages say what to do."""


class RagError(Exception):
    """Base class of every error the rag stage raises."""
