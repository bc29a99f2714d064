"""Incremental, crash-safe sync of a folder of letters into the index.

Order of writes per batch of files: the new paragraphs' sentence vectors, new paragraphs, then
the files' completion records, then deletion of their previous versions. A run killed at any
point leaves paragraphs whose version is not recorded; `heal` deletes them at the start of the
next run, so each file is either fully old or fully new. Sentence records of no kept paragraph
are deleted with them, and kept paragraphs without one (an index written before sentence
vectors were stored) get theirs.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import defaultdict, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from tqdm import tqdm

from index.collections import Collections
from index.late_chunking import shifted
from index.plan import FileRecord, plan_sync, stale_ids
from index.records import embedding_text, stored_paragraph_id, to_metadata, version_key
from index.report import SyncReport
from index.sentence_records import pack
from ingest.errors import SkipFile
from ingest.text import split_sentences

# Paragraphs embedded per model call (their sentences pooled from it): sorted by length inside
# it, a wider window pads less (index/embedder.py TOKEN_BATCH).
FLUSH_PARAGRAPHS = 256
# One parser thread beside the model: pymupdf is not thread-safe, and the model's own threads
# use the cores (parsing is a small share of the time, see the README's profile).
PARSERS = 1


def manifest_digest(manifest: dict | None) -> str:
    """A digest of manifest rows: part of a file's version, so editing a file's rows re-embeds
    that file (and only it) with the overrides applied."""
    if not manifest:
        return ""
    raw = json.dumps(manifest, sort_keys=True, default=str).encode()
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:10]


def read_file(source, version_of: dict[str, str], manifest: dict):
    """(completion record, letters, skip reason) of one file, on a parser thread. A file that
    cannot be read is recorded as skipped; one that trips an ingest bug has no record (it is
    read again next run) and must not stop the folder."""
    from ingest import read_isolated  # binary formats: a worker with a time limit

    version = version_of[source.file]
    try:
        letters = read_isolated(source, manifest).letters
    except SkipFile as error:
        return FileRecord(source.file, version, source.sha256, skipped=str(error)), (), str(error)
    except Exception as error:
        return None, (), f"could not read: {error!r}"
    paragraphs = sum(len(letter.paragraphs) for letter in letters)
    record = FileRecord(source.file, version, source.sha256, len(letters), paragraphs)
    return record, letters, ""


def prefetched(pool, work, items, ahead: int = 8):
    """(item, work(item)) in order, with up to AHEAD items worked on in POOL in advance."""
    queue = deque()
    for item in items:
        queue.append((item, pool.submit(work, item)))
        if len(queue) > ahead:
            done, future = queue.popleft()
            yield done, future.result()
    while queue:
        done, future = queue.popleft()
        yield done, future.result()


class FolderSync:
    """One sync run of `path` into `collections`; `embed_spans` turns texts into vectors and
    the given spans of each into theirs (Embedder.embed_with_spans)."""

    def __init__(self, collections: Collections, embed_spans: Callable, path: Path):
        self.collections = collections
        self.embed_spans = embed_spans
        self.path = Path(path)
        self.report = SyncReport()
        self.stored_by_file: dict[str, list[str]] = defaultdict(list)
        self.pending: list[tuple[object, FileRecord, tuple]] = []
        self.bar = None

    def run(self, prune: bool, progress: bool) -> SyncReport:
        from ingest import discover, load_manifest  # the readers load only when a sync runs

        started = time.monotonic()
        self.heal()
        sources = discover(self.path)
        root = self.path if self.path.is_dir() else self.path.parent
        manifest = load_manifest(root)
        versions = {
            s.file: version_key(s.file, s.sha256, manifest_digest(manifest.get(s.file)))
            for s in sources
        }
        plan = plan_sync(sources, versions, self.collections.records())
        self.report.unchanged = list(plan.unchanged)
        self.read_all(plan, versions, manifest, progress)
        self.remove_gone(plan.gone, prune)
        self.report.paragraphs = self.collections.count()
        self.report.seconds = time.monotonic() - started
        return self.report

    def heal(self) -> None:
        """Drop paragraphs of unrecorded or superseded versions: an interrupted run's leftovers."""
        records = self.collections.records()
        current = {file: r.version for file, r in records.items() if not r.skipped}
        snapshot = self.collections.snapshot()
        stale = stale_ids(snapshot, current)
        self.collections.delete_paragraphs(stale)
        self.report.healed = len(stale)
        stale_set = set(stale)
        for pid, file, _ in snapshot:
            if pid not in stale_set:
                self.stored_by_file[file].append(pid)
        kept = {pid for pid, _, _ in snapshot if pid not in stale_set}
        with_sentences = self.collections.sentence_ids()
        self.collections.delete_sentences(sorted(with_sentences - kept))
        self.add_sentences(sorted(kept - with_sentences))
        self.report.sentences_added = len(kept - with_sentences)

    def add_sentences(self, paragraph_ids: list[str]) -> None:
        """Store sentence vectors for stored paragraphs that lack them, a model batch at a time."""
        for start in range(0, len(paragraph_ids), FLUSH_PARAGRAPHS * 4):
            texts = self.collections.documents(paragraph_ids[start : start + FLUSH_PARAGRAPHS * 4])
            _, records = self.embed_with_sentences([], [text or "" for text in texts.values()])
            self.collections.upsert_sentences(list(texts), records)

    def embed_with_sentences(self, texts: list[str], paragraphs: list[str]):
        """(vectors of TEXTS, packed sentence records of PARAGRAPHS) from one model pass: TEXTS[i],
        when given, is what is embedded for PARAGRAPHS[i]; where it ends with the paragraph
        (embedding_text's prefix) its sentences' spans are placed in it, so late chunking can
        pool them from the same pass. A table row embedded with its labels does not end with
        its text: its sentences are embedded from the plain text."""
        spans = [split_sentences(text) for text in paragraphs]
        embedded = texts or paragraphs
        suffix = [whole.endswith(text) for whole, text in zip(embedded, paragraphs, strict=True)]
        moved = [
            shifted(found, len(whole) - len(text)) if fits else []
            for found, whole, text, fits in zip(spans, embedded, paragraphs, suffix, strict=True)
        ]
        vectors, per_paragraph = self.embed_spans(embedded, moved) if embedded else ([], [])
        apart = [i for i, fits in enumerate(suffix) if not fits and spans[i]]
        if apart:
            _, own = self.embed_spans([paragraphs[i] for i in apart], [spans[i] for i in apart])
            per_paragraph = list(per_paragraph)
            for i, rows in zip(apart, own, strict=True):
                per_paragraph[i] = rows
        records = [pack(found, rows) for found, rows in zip(spans, per_paragraph, strict=True)]
        return (vectors if texts else []), records

    def read_all(self, plan, versions: dict[str, str], manifest: dict, progress: bool) -> None:
        """Parse, embed and store as a pipeline: parser threads read the next files while the
        model embeds this batch, and one writer thread stores the previous batch (in order, so
        the crash-safe order of writes holds)."""
        changed = {source.file for source in plan.changed}
        self.bar = tqdm(
            total=len(plan.to_read),
            unit="file",
            desc="ingest",
            disable=not (progress and sys.stderr.isatty()),
        )
        parse = partial(read_file, version_of=versions, manifest=manifest)
        with self.bar, ThreadPoolExecutor(PARSERS) as parsers, ThreadPoolExecutor(1) as writer:
            self.writer, self.writing = writer, None
            for source, (record, letters, skipped) in prefetched(parsers, parse, plan.to_read):
                if skipped:
                    self.report.skipped.append((source.file, skipped))
                if record is None:
                    self.bar.update(1)
                    continue
                self.pending.append((source.file in changed, record, letters))
                if sum(r.paragraphs for _, r, _ in self.pending) >= FLUSH_PARAGRAPHS:
                    self.flush()
            self.flush()
            self.wait_for_writer()

    def flush(self) -> None:
        """Embed the pending files here, then hand them to the writer thread."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        rows = [
            (stored_paragraph_id(paragraph, record.version), letter, paragraph, record.version)
            for _, record, letters in batch
            for letter in letters
            for paragraph in letter.paragraphs
        ]
        own = [embedding_text(letter, p) for _, letter, p, _ in rows]
        vectors, sentences = self.embed_with_sentences(own, [p.text for _, _, p, _ in rows])
        self.wait_for_writer()  # one batch in flight: memory stays bounded, errors surface
        self.writing = self.writer.submit(self.store, batch, rows, vectors, sentences)

    def wait_for_writer(self) -> None:
        if self.writing is not None:
            self.writing.result()
            self.writing = None

    def store(self, batch, rows, vectors, sentences) -> None:
        """Sentences and paragraphs, then the files' records, then drop previous versions."""
        if rows:
            ids = [pid for pid, _, _, _ in rows]
            self.collections.upsert_sentences(ids, sentences)
            self.collections.upsert_paragraphs(
                ids=ids,
                vectors=vectors,
                documents=[p.text for _, _, p, _ in rows],
                metadatas=[to_metadata(letter, p, version) for _, letter, p, version in rows],
            )
        self.collections.put_records([record for _, record, _ in batch])
        files = [record.file for _, record, _ in batch]
        superseded = [pid for file in files for pid in self.stored_by_file.pop(file, [])]
        self.collections.delete_paragraphs(superseded)
        self.note_flushed(batch, len(rows))

    def note_flushed(self, batch, embedded: int) -> None:
        for was_changed, record, _ in batch:
            if not record.skipped:
                (self.report.updated if was_changed else self.report.added).append(record.file)
        self.bar.update(len(batch))
        self.report.paragraphs_embedded += embedded
        rate = self.report.paragraphs_embedded / max(self.bar.format_dict["elapsed"], 1e-3)
        self.bar.set_postfix_str(f"{rate:.0f} paragraphs/s")

    def remove_gone(self, gone: tuple[str, ...], prune: bool) -> None:
        """Files no longer in the folder: removed with --prune (record first), else reported."""
        if not prune:
            self.report.missing = list(gone)
            return
        self.collections.remove_records(gone)
        self.collections.delete_paragraphs(
            [pid for file in gone for pid in self.stored_by_file.pop(file, [])]
        )
        self.report.removed = list(gone)
