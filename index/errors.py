"""Errors of the index stage; their messages say what to do."""


class IndexStoreError(Exception):
    """Base class of every error the index stage raises."""


class ModelMismatch(IndexStoreError):
    """The collection was embedded with another model than the one configured."""

    def __init__(self, collection: str, recorded: str, configured: str):
        super().__init__(
            f"the index collection {collection!r} was built with the embedding model {recorded}, "
            f"but the configured model is {configured}: run `letters ingest PATH --rebuild` "
            "to embed the letters again, or set LETTERS_EMBEDDING_MODEL back"
        )


class ChromaUnreachable(IndexStoreError):
    """The configured Chroma server does not answer."""

    def __init__(self, url: str, reason: str):
        super().__init__(
            f"cannot reach the Chroma server at {url} ({reason}): start it with "
            "`chroma run --path data/index --port 8000` or unset LETTERS_CHROMA_URL"
        )


class EmbeddingModelMissing(IndexStoreError):
    """The embedding model folder does not exist or cannot be loaded."""

    def __init__(self, path: str, reason: str):
        super().__init__(
            f"cannot load the embedding model from {path} ({reason}): set "
            "LETTERS_EMBEDDING_MODEL to a local sentence-transformers folder, or unset it "
            "to use the bundled all-MiniLM-L6-v2"
        )


class LetterNotFound(IndexStoreError):
    """No letter with this id is in the index."""

    def __init__(self, letter_id: str):
        super().__init__(
            f"no letter {letter_id!r} in the index: list letters with `letters stats` "
            "or ingest the folder that holds it with `letters ingest PATH`"
        )


class StoreChanged(IndexStoreError):
    """The store changed under a running process in a way it cannot follow."""

    def __init__(self, reason: str):
        super().__init__(
            f"the index changed under this process ({reason}): restart `letters serve`, or run "
            "the server against a Chroma server (LETTERS_CHROMA_URL) to ingest while it serves"
        )


class DiskFull(IndexStoreError):
    """The disk holding the index filled up during a sync."""

    def __init__(self, where: str):
        super().__init__(
            f"the disk holding the index ({where}) is full: free some space and run "
            "`letters ingest` again; files stored before this point are kept whole, and the "
            "rest are stored on the next run"
        )
