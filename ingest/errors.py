"""Errors of the ingest stage; their messages say what to do."""


class IngestError(Exception):
    """Base class of every error the ingest stage raises."""


class SkipFile(IngestError):
    """This file cannot be read as letters; the message is the one-line reason shown in reports."""


class SourceNotFound(IngestError):
    """The path given to ingest does not exist."""

    def __init__(self, path):
        super().__init__(f"no such file or folder: {path} (check the path you gave)")


class ManifestError(IngestError):
    """letters.csv / letters.yaml could not be read."""
