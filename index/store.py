"""LetterIndex: the letters' paragraphs in Chroma (through langchain-chroma) and in BM25."""

from __future__ import annotations

import errno
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

from chromadb.errors import ChromaError
from langchain_chroma import Chroma

from index.client import describe_store, server_outage_as_error
from index.collections import DIMENSION_KEY, MODEL_KEY, Collections
from index.errors import DiskFull, LetterNotFound, ModelMismatch, StoreChanged
from index.lexical import LexicalIndex
from index.records import IndexedParagraph, from_record
from index.report import SyncReport
from index.sync import FolderSync

RECHECK_SECONDS = 1.0  # how stale another process's sync may look to a running index


@contextmanager
def disk_full_as_error(where: str):
    """ENOSPC, from Python or as SQLite's "database or disk is full" inside Chroma: DiskFull."""
    try:
        yield
    except (OSError, ChromaError) as error:
        text = str(error).lower()
        if getattr(error, "errno", None) == errno.ENOSPC or "disk is full" in text:
            raise DiskFull(where) from error
        raise


def embeddings_name(embeddings) -> str:
    return getattr(embeddings, "name", None) or type(embeddings).__name__


class LetterIndex:
    """Paragraphs of letters, searchable densely (cosine) and lexically (BM25)."""

    def __init__(self, client, embedder, collection: str = "letters"):
        self.client = client
        self.embedder = embedder
        self.collection = collection
        self._collections = Collections(client, collection)
        self._store: Chroma | None = None
        self._dimension_checked = False
        self._paragraphs: list[IndexedParagraph] | None = None
        self._generation = ""  # of the cached paragraphs
        self._checked_at = 0.0  # when the generation was last compared
        self._by_letter: dict[str, list[IndexedParagraph]] = {}
        self._lexical: LexicalIndex | None = None
        self._lock = threading.Lock()  # web requests read the caches from several threads

    @server_outage_as_error
    def warm_up(self) -> LetterIndex:
        """Load the model and open the collection now rather than on the first question."""
        self._check_model()
        self._check_dimension(len(self.embedder.embed_query("warm up")))
        self.lexical()
        return self

    # --- writing -------------------------------------------------------------------------

    @server_outage_as_error
    def sync(self, path, prune: bool = False, rebuild: bool = False, progress: bool = False):
        """Make the index follow the folder `path`; see index/sync.py for crash safety."""
        if rebuild:
            self._collections.drop()
            self._store, self._dimension_checked = None, False
        self._check_model()
        if self._collections.find_paragraphs() is None:
            self._collections.create_paragraphs(embeddings_name(self.embedder))
        folder_sync = FolderSync(self._collections, self._embed_documents, Path(path))
        with disk_full_as_error(describe_store(self.client)):
            report: SyncReport = folder_sync.run(prune=prune, progress=progress)
        if report.added or report.updated or report.removed or report.healed or rebuild:
            self._collections.bump_generation()  # other processes reload their paragraphs
        self.refresh()
        return report

    def refresh(self) -> None:
        """Forget the cached paragraphs and BM25 (they are rebuilt from the store on next use)."""
        self._paragraphs = self._lexical = None

    def _embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.embedder.embed_documents(texts)
        self._check_dimension(len(vectors[0]))
        return vectors

    # --- the embedding model recorded on the collection ------------------------------------

    def _check_model(self) -> None:
        """Refuse a collection that holds vectors of another model."""
        recorded = self._collections.model_metadata().get(MODEL_KEY)
        configured = embeddings_name(self.embedder)
        if recorded and recorded != configured:
            if self._collections.count():
                raise ModelMismatch(self.collection, recorded, configured)
            self._collections.record_model(configured, None)

    def _check_dimension(self, dimension: int) -> None:
        if self._dimension_checked or self._collections.find_paragraphs() is None:
            return
        metadata = self._collections.model_metadata()
        recorded = metadata.get(DIMENSION_KEY)
        name = embeddings_name(self.embedder)
        if recorded is None:
            self._collections.record_model(name, dimension)
        elif int(recorded) != dimension:
            recorded_model = f"{metadata.get(MODEL_KEY)} ({recorded} dimensions)"
            raise ModelMismatch(self.collection, recorded_model, f"{name} ({dimension} dimensions)")
        self._dimension_checked = True

    # --- reading -------------------------------------------------------------------------

    @server_outage_as_error
    def count(self) -> int:
        return self._collections.count()

    @server_outage_as_error
    def dense_search(
        self, query: str, k: int, where: dict | None = None
    ) -> list[tuple[IndexedParagraph, float]]:
        """The k paragraphs nearest to `query`, with cosine similarity (higher is better)."""
        total = len(self.paragraphs())  # first: it notices another process's rebuild
        store = self._vector_store()
        if store is None or k <= 0:
            return []
        vector = self.embedder.embed_query(query)
        self._check_dimension(len(vector))
        try:
            found = store.similarity_search_by_vector_with_relevance_scores(
                vector, k=min(k, max(total, 1)), filter=where or None
            )
        except ChromaError as error:
            raise StoreChanged(str(error)) from error
        return [
            (from_record(doc.id, doc.page_content, doc.metadata), 1.0 - distance)
            for doc, distance in found
        ]

    def _vector_store(self) -> Chroma | None:
        if self._store is None:
            self._check_model()
            if self._collections.find_paragraphs() is None:
                return None
            self._store = Chroma(
                client=self.client,
                collection_name=self.collection,
                embedding_function=self.embedder,
                create_collection_if_not_exists=False,
            )
        return self._store

    @server_outage_as_error
    def paragraphs(self) -> list[IndexedParagraph]:
        """Every stored paragraph in file, letter and ordinal order; cached until a sync (in
        this process, or in another one: checked at most every RECHECK_SECONDS) changes it."""
        with self._lock:
            if self._paragraphs is None or self._stale():
                self._load_paragraphs()
            return self._paragraphs

    def _load_paragraphs(self) -> None:
        """Read every paragraph; the caches are replaced whole, never filled in place."""
        self._check_model()
        generation = self._collections.generation()
        rows = self._collections.rows(["documents", "metadatas"])
        found = [from_record(pid, text or "", meta) for pid, text, meta in rows]
        ordered = sorted(found, key=lambda p: (p.file, p.letter_index, p.ordinal))
        by_letter: dict[str, list[IndexedParagraph]] = defaultdict(list)
        for paragraph in ordered:
            by_letter[paragraph.letter_id].append(paragraph)
        self._paragraphs, self._by_letter = ordered, by_letter
        self._generation, self._lexical = generation, None

    def _stale(self) -> bool:
        now = time.monotonic()
        if now - self._checked_at < RECHECK_SECONDS:
            return False
        self._checked_at = now
        if self._collections.generation() == self._generation:
            return False
        # another process synced, perhaps with --rebuild: reopen the collections too
        self._collections.forget()
        self._store, self._dimension_checked = None, False
        return True

    def lexical(self) -> LexicalIndex:
        """BM25 over `paragraphs()`, rebuilt whenever they are."""
        paragraphs = self.paragraphs()
        with self._lock:
            if self._lexical is None:
                self._lexical = LexicalIndex(paragraphs)
            return self._lexical

    def letter(self, letter_id: str) -> tuple[IndexedParagraph, ...]:
        """The paragraphs of one letter in ordinal order."""
        self.paragraphs()
        found = tuple(self._by_letter.get(letter_id, ()))  # a whole dict, swapped atomically
        if not found:
            raise LetterNotFound(letter_id)
        return found

    def letters(self, state: str | None = None) -> list[dict]:
        """One summary per letter, optionally only the letters of `state` (case-insensitive)."""
        self.paragraphs()
        summaries = [letter_summary(paragraphs) for paragraphs in self._by_letter.values()]
        if state:
            summaries = [s for s in summaries if (s["state"] or "").casefold() == state.casefold()]
        return summaries

    @server_outage_as_error
    def stats(self) -> dict:
        """Counts, states, date range, formats, OCR, model and store location."""
        paragraphs = self.paragraphs()
        files = {p.file: p.format for p in paragraphs}
        dates = sorted(p.date for p in paragraphs if p.date)
        metadata = self._collections.model_metadata()
        return {
            "letters": len({p.letter_id for p in paragraphs}),
            "paragraphs": len(paragraphs),
            "files": len(files),
            "states": sorted({p.state for p in paragraphs if p.state}),
            "date_range": [dates[0], dates[-1]] if dates else [None, None],
            "formats": dict(sorted(Counter(files.values()).items())),
            "ocr_paragraphs": sum(p.ocr for p in paragraphs),
            "model": metadata.get(MODEL_KEY) or embeddings_name(self.embedder),
            "dimension": metadata.get(DIMENSION_KEY),
            "store": describe_store(self.client),
            "collection": self.collection,
        }


def letter_summary(paragraphs: list[IndexedParagraph]) -> dict:
    first = paragraphs[0]
    return {
        "letter_id": first.letter_id,
        "file": first.file,
        "letter_index": first.letter_index,
        "state": first.state,
        "date": first.date,
        "sender": first.sender,
        "signatory": first.signatory,
        "language": first.language,
        "paragraphs": len(paragraphs),
    }
