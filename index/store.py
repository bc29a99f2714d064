"""LetterIndex: the letters' paragraphs in Chroma (through langchain-chroma) and in BM25."""

from __future__ import annotations

import errno
import threading
import time
from collections import Counter, OrderedDict, defaultdict, deque
from contextlib import contextmanager
from pathlib import Path

from chromadb.errors import ChromaError
from langchain_chroma import Chroma

from index.client import describe_store, server_outage_as_error
from index.collections import DIMENSION_KEY, MODEL_KEY, Collections
from index.embedder import embed_apart
from index.errors import DiskFull, LetterNotFound, ModelMismatch, StoreChanged
from index.lexical import LexicalIndex
from index.records import IndexedParagraph, from_record
from index.report import SyncReport
from index.sentence_records import StoredSentences, assemble, unpack
from index.sync import FolderSync
from index.vectors import ParagraphVectors, in_store_order

RECHECK_SECONDS = 1.0  # how stale another process's sync may look to a running index
RETIRED_SNAPSHOTS = 3
QUERY_CACHE = 256  # question vectors kept: retrieval and answering ask for the same ones


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
        # the letters of the last few snapshots: an answer begun before a sync may still read
        # the letters it found, though the sync replaced or removed them
        self._retired: deque[dict[str, list[IndexedParagraph]]] = deque(maxlen=RETIRED_SNAPSHOTS)
        self._lexical: LexicalIndex | None = None
        self._sentences: StoredSentences | None = None
        self._sentences_of: list | None = None  # the paragraphs they were assembled for
        self._vectors: tuple[list, ParagraphVectors] | None = None  # (paragraphs, their vectors)
        self._query_vectors: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()  # web requests read the caches from several threads

    @server_outage_as_error
    def warm_up(self) -> LetterIndex:
        """Load the model, paragraphs, BM25 and sentence vectors now rather than on the first
        question; nothing is embedded."""
        self._check_model()
        self._check_dimension(self.embedder.dimension)
        self.lexical()
        self.sentence_vectors()
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
        folder_sync = FolderSync(self._collections, self._embed_with_spans, Path(path))
        with disk_full_as_error(describe_store(self.client)):
            report: SyncReport = folder_sync.run(prune=prune, progress=progress)
        changed = report.added or report.updated or report.removed or report.healed
        if changed or report.sentences_added or rebuild:
            self._collections.bump_generation()  # other processes reload their paragraphs
        self.refresh()
        return report

    def remove_files(self, files: list[str]) -> int:
        """Drop these files (as `sync` names them) from the index: their completion records
        first, then their paragraphs, so a crash in between leaves only what `heal` removes.
        Returns how many paragraphs were removed."""
        if not files or self._collections.find_paragraphs() is None:
            return 0
        wanted = set(files)
        ids = [pid for pid, file, _ in self._collections.snapshot() if file in wanted]
        self._collections.remove_records(sorted(wanted))
        self._collections.delete_paragraphs(ids)
        self._collections.bump_generation()
        self.refresh()
        return len(ids)

    def refresh(self) -> None:
        """Forget the cached paragraphs, BM25 and sentence vectors (rebuilt from the store on
        next use)."""
        self._paragraphs = self._lexical = self._sentences = None

    def _embed_with_spans(self, texts: list[str], spans: list[list[tuple[int, int]]]):
        """Vectors of TEXTS and of SPANS of each: one model pass with the bundled Embedder,
        else (any LangChain Embeddings) the spans' texts embedded too."""
        if hasattr(self.embedder, "embed_with_spans"):
            vectors, per_text = self.embedder.embed_with_spans(texts, spans)
        else:
            vectors, per_text = embed_apart(self.embedder.embed_documents, texts, spans)
        self._check_dimension(len(vectors[0]))
        return vectors, per_text

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
        vector = self.query_vectors([query])[0]
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

    def query_vectors(self, texts: list[str]) -> list[list[float]]:
        """Vectors of question texts, embedded once in one batch and cached; the model runs
        outside any lock, so concurrent questions embed in parallel."""
        with self._lock:
            known = {t: self._query_vectors[t] for t in texts if t in self._query_vectors}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known |= zip(missing, self.embedder.embed_documents(missing), strict=True)
            with self._lock:
                self._query_vectors.update((t, known[t]) for t in missing)
                while len(self._query_vectors) > QUERY_CACHE:
                    self._query_vectors.popitem(last=False)
        return [known[t] for t in texts]

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
        if self._by_letter:
            self._retired.appendleft(self._by_letter)
        self._paragraphs, self._by_letter = ordered, by_letter
        self._generation, self._lexical, self._sentences = generation, None, None

    def _stale(self) -> bool:
        now = time.monotonic()
        if now - self._checked_at < RECHECK_SECONDS:
            return False
        generation = self._collections.generation()  # an outage raises here, every time
        self._checked_at = now
        if generation == self._generation:
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

    def sentence_vectors(self) -> StoredSentences:
        """The stored vectors of every paragraph's sentences (index/sentence_records.py), read
        from the store, never embedded; rebuilt whenever `paragraphs()` are."""
        paragraphs = self.paragraphs()
        with self._lock:
            if self._sentences is None or self._sentences_of is not paragraphs:
                records = self._collections.sentence_records()
                decoded = {pid: unpack(metadata) for pid, metadata in records}
                dimension = self._recorded_dimension(decoded)
                self._sentences = assemble([p.id for p in paragraphs], decoded, dimension)
                self._sentences_of = paragraphs
            return self._sentences

    @server_outage_as_error
    def paragraph_vectors(self) -> ParagraphVectors:
        """The stored vector of every paragraph, in `paragraphs()` order (index/vectors.py),
        read from the store, never embedded; rebuilt whenever `paragraphs()` are."""
        paragraphs = self.paragraphs()
        with self._lock:
            if self._vectors is None or self._vectors[0] is not paragraphs:
                found = in_store_order([p.id for p in paragraphs], self._collections.embeddings())
                self._vectors = (paragraphs, found)
            return self._vectors[1]

    def _recorded_dimension(self, decoded: dict) -> int:
        for spans, vectors in decoded.values():
            if len(spans):
                return vectors.shape[1]
        return int(self._collections.model_metadata().get(DIMENSION_KEY) or 0)

    def letter(self, letter_id: str, current_only: bool = False) -> tuple[IndexedParagraph, ...]:
        """The paragraphs of one letter in ordinal order. A letter that a recent sync replaced
        or removed is still found (an answer begun before the sync reads what it started
        with), unless `current_only` (pages showing what the collection holds now)."""
        self.paragraphs()
        snapshots = [self._by_letter] if current_only else [self._by_letter, *self._retired]
        # whole dicts, swapped atomically
        found = tuple(next((s[letter_id] for s in snapshots if letter_id in s), ()))
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
