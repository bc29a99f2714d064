"""Errors of the ingest stage; their messages say what to do."""


class IngestError(Exception):
    """Base class of every error the ingest stage raises."""
