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


class AdminTokenTooShort(UIError):
    """LETTERS_ADMIN_TOKEN is set but too easy to guess."""

    def __init__(self, minimum: int):
        super().__init__(
            f"LETTERS_ADMIN_TOKEN is shorter than {minimum} characters: set a long random one, "
            "e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`, or unset it "
            "to turn letter management off"
        )


class UploadRefused(UIError):
    """Nothing of an upload could be added; the message lists each file's reason."""

    def __init__(self, reasons: list[tuple[str, str]]):
        self.reasons = reasons
        listed = "; ".join(f"{name}: {reason}" for name, reason in reasons) or "no file was sent"
        super().__init__(f"nothing was added ({listed}); the collection is unchanged")


class PreviewExpired(UIError):
    """The preview a confirmation refers to is gone (confirmed, discarded or too old)."""

    def __init__(self):
        super().__init__("this preview is no longer pending: upload the files again")


class BadCorrection(UIError):
    """A metadata correction names an unknown field or holds a value that cannot be used."""

    def __init__(self, reason: str):
        super().__init__(
            f"cannot apply this correction: {reason} (fields: state, date as YYYY-MM-DD, "
            "sender, signatory, signatory_title, recipient, reference, language)"
        )


class NothingChosen(UIError):
    """An admin action was asked for before choosing what it acts on."""

    def __init__(self, what: str):
        super().__init__(f"choose {what} first, then try again")


class LetterSharesFile(UIError):
    """Deleting a letter would delete the other letters of its file too."""

    def __init__(self, file: str, count: int):
        super().__init__(
            f"{file} holds {count} letters and files are deleted whole: confirm deleting all "
            "of them (API: ?whole_file=true), or replace the file with a corrected version"
        )


# What the entry points (CLI, web) turn into a message for the user.
STAGE_ERRORS = (IngestError, IndexStoreError, RagError, UIError)
