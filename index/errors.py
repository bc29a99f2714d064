"""Errors of the index stage; their messages say what to do."""


class IndexStoreError(Exception):
    """Base class of every error the index stage raises."""
