"""The three Chroma collections of one index: paragraphs, their sentences' vectors (one record
per paragraph), and one completion record per file."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator, Sequence

from chromadb.errors import NotFoundError

from index.plan import FileRecord

PAGE = 1000
MODEL_KEY = "embedding_model"
DIMENSION_KEY = "embedding_dimension"
GENERATION_KEY = "generation"
# Records of the files collection carry no meaning in their vector: a constant one.
RECORD_VECTOR = [1.0]


class Collections:
    """Raw access to `<name>` (paragraphs, cosine space) and `<name>-files` (file records)."""

    def __init__(self, client, name: str):
        self.client = client
        self.name = name
        self.files_name = f"{name}-files"
        self.sentences_name = f"{name}-sentences"
        self._paragraphs = None
        self._files = None
        self._sentences = None

    def forget(self) -> None:
        """Drop the cached collection handles (another process may have rebuilt them)."""
        self._paragraphs = self._files = self._sentences = None

    def find_paragraphs(self):
        """The paragraph collection, or None when it was never created."""
        if self._paragraphs is None:
            try:
                self._paragraphs = self.client.get_collection(self.name, embedding_function=None)
            except (NotFoundError, ValueError):
                return None
        return self._paragraphs

    def create_paragraphs(self, model: str):
        self._paragraphs = self.client.get_or_create_collection(
            self.name,
            embedding_function=None,
            metadata={MODEL_KEY: model},
            configuration={"hnsw": {"space": "cosine"}},
        )
        return self._paragraphs

    @property
    def files(self):
        if self._files is None:
            self._files = self.client.get_or_create_collection(
                self.files_name, embedding_function=None
            )
        return self._files

    @property
    def sentences(self):
        """One record per paragraph (same id): its sentence spans and vectors as metadata, under
        a constant vector (Chroma needs one; a 1-d index costs nothing to build)."""
        if self._sentences is None:
            self._sentences = self.client.get_or_create_collection(
                self.sentences_name, embedding_function=None
            )
        return self._sentences

    def generation(self) -> str:
        """A stamp that changes whenever any process's sync changed the index."""
        try:
            files = self.client.get_collection(self.files_name, embedding_function=None)
        except (NotFoundError, ValueError):
            return ""
        return str((files.metadata or {}).get(GENERATION_KEY, ""))

    def bump_generation(self) -> None:
        self.files.modify(metadata={GENERATION_KEY: uuid.uuid4().hex})

    def model_metadata(self) -> dict:
        collection = self.find_paragraphs()
        return dict(collection.metadata or {}) if collection else {}

    def record_model(self, model: str, dimension: int | None) -> None:
        metadata = {MODEL_KEY: model} | ({DIMENSION_KEY: dimension} if dimension else {})
        self.find_paragraphs().modify(metadata=metadata)

    def drop(self) -> None:
        for name in (self.name, self.files_name, self.sentences_name):
            with contextlib.suppress(NotFoundError, ValueError):
                self.client.delete_collection(name)
        self.forget()

    def count(self) -> int:
        collection = self.find_paragraphs()
        return collection.count() if collection else 0

    def rows(self, include: Sequence[str]) -> Iterator[tuple[str, str | None, dict]]:
        """Every stored paragraph as (id, document or None, metadata), a page at a time."""
        collection = self.find_paragraphs()
        offset = 0
        while collection is not None:
            page = collection.get(include=list(include), limit=PAGE, offset=offset)
            documents = page.get("documents") or [None] * len(page["ids"])
            yield from zip(page["ids"], documents, page["metadatas"], strict=True)
            if len(page["ids"]) < PAGE:
                return
            offset += PAGE

    def embeddings(self) -> Iterator[tuple[list[str], object]]:
        """Every stored paragraph's vector, as (ids, vectors) a page at a time."""
        collection = self.find_paragraphs()
        offset = 0
        while collection is not None:
            page = collection.get(include=["embeddings"], limit=PAGE, offset=offset)
            if page["ids"]:
                yield page["ids"], page["embeddings"]
            if len(page["ids"]) < PAGE:
                return
            offset += PAGE

    def snapshot(self) -> list[tuple[str, str, str]]:
        """(id, file, version) of every stored paragraph."""
        return [(pid, meta["file"], meta["version"]) for pid, _, meta in self.rows(["metadatas"])]

    def upsert_paragraphs(self, ids, vectors, documents, metadatas) -> None:
        collection = self.find_paragraphs()
        for start in range(0, len(ids), self.batch_size):
            end = start + self.batch_size
            collection.upsert(
                ids=ids[start:end],
                embeddings=vectors[start:end],
                documents=documents[start:end],
                metadatas=metadatas[start:end],
            )

    def delete_paragraphs(self, ids: Sequence[str]) -> None:
        """Delete paragraphs and their sentence records."""
        collection = self.find_paragraphs()
        for start in range(0, len(ids), self.batch_size):
            collection.delete(ids=list(ids[start : start + self.batch_size]))
        self.delete_sentences(ids)

    def delete_sentences(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), self.batch_size):
            self.sentences.delete(ids=list(ids[start : start + self.batch_size]))

    def upsert_sentences(self, ids: Sequence[str], metadatas: Sequence[dict]) -> None:
        for start in range(0, len(ids), self.batch_size):
            end = start + self.batch_size
            self.sentences.upsert(
                ids=list(ids[start:end]),
                embeddings=[RECORD_VECTOR] * len(ids[start:end]),
                metadatas=list(metadatas[start:end]),
            )

    def sentence_ids(self) -> set[str]:
        """Ids of the paragraphs whose sentence vectors are stored."""
        found, offset = set(), 0
        while True:
            page = self.sentences.get(include=[], limit=PAGE * 10, offset=offset)
            found.update(page["ids"])
            if len(page["ids"]) < PAGE * 10:
                return found
            offset += PAGE * 10

    def sentence_records(self) -> Iterator[tuple[str, dict]]:
        """(paragraph id, metadata) of every sentence record, a page at a time."""
        offset = 0
        while True:
            page = self.sentences.get(include=["metadatas"], limit=PAGE, offset=offset)
            yield from zip(page["ids"], page["metadatas"], strict=True)
            if len(page["ids"]) < PAGE:
                return
            offset += PAGE

    def documents(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored text of the paragraphs IDS."""
        collection, found = self.find_paragraphs(), {}
        for start in range(0, len(ids), PAGE):
            page = collection.get(ids=list(ids[start : start + PAGE]), include=["documents"])
            found.update(zip(page["ids"], page["documents"], strict=True))
        return found

    def records(self) -> dict[str, FileRecord]:
        page = self.files.get(include=["metadatas"])
        return {meta["file"]: FileRecord.from_metadata(meta) for meta in page["metadatas"]}

    def put_records(self, records: Sequence[FileRecord]) -> None:
        if records:
            self.files.upsert(
                ids=[record.file for record in records],
                embeddings=[RECORD_VECTOR] * len(records),
                metadatas=[record.to_metadata() for record in records],
            )

    def remove_records(self, files: Sequence[str]) -> None:
        if files:
            self.files.delete(ids=list(files))

    @property
    def batch_size(self) -> int:
        return min(self.client.get_max_batch_size(), 5000)
