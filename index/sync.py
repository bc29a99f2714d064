"""Incremental, crash-safe sync of a folder of letters into the index.

Order of writes per batch of files: new paragraphs, then the files' completion records, then
deletion of their previous versions. A run killed at any point leaves paragraphs whose version
is not recorded; `heal` deletes them at the start of the next run, so each file is either
fully old or fully new.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from index.collections import Collections
from index.plan import FileRecord, plan_sync, stale_ids
from index.records import embedding_text, stored_paragraph_id, to_metadata, version_key
from index.report import SyncReport
from ingest.errors import SkipFile

FLUSH_PARAGRAPHS = 64  # embed and store about one model batch at a time


def manifest_digest(manifest: dict | None) -> str:
    """Editing the manifest changes every file's version, so metadata overrides are re-applied."""
    if not manifest:
        return ""
    raw = json.dumps(manifest, sort_keys=True, default=str).encode()
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:10]


class FolderSync:
    """One sync run of `path` into `collections`; `embed` turns texts into vectors."""

    def __init__(self, collections: Collections, embed: Callable[[list[str]], list], path: Path):
        self.collections = collections
        self.embed = embed
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
        digest = manifest_digest(manifest)
        versions = {s.file: version_key(s.file, s.sha256, digest) for s in sources}
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

    def read_all(self, plan, versions: dict[str, str], manifest: dict, progress: bool) -> None:
        changed = {source.file for source in plan.changed}
        self.bar = tqdm(
            total=len(plan.to_read),
            unit="file",
            desc="ingest",
            disable=not (progress and sys.stderr.isatty()),
        )
        with self.bar:
            for source in plan.to_read:
                record, letters = self.read_one(source, versions[source.file], manifest)
                if record is not None:
                    self.pending.append((source.file in changed, record, letters))
                if sum(r.paragraphs for _, r, _ in self.pending) >= FLUSH_PARAGRAPHS:
                    self.flush()
            self.flush()

    def read_one(self, source, version: str, manifest: dict):
        """(completion record, letters) of one file; a file that cannot be read is skipped."""
        from ingest import read_isolated  # binary formats: a worker with a time limit

        try:
            letters = read_isolated(source, manifest)
        except SkipFile as error:
            self.report.skipped.append((source.file, str(error)))
            return FileRecord(source.file, version, source.sha256, skipped=str(error)), ()
        except Exception as error:  # an ingest bug must not stop the folder: retried next run
            self.report.skipped.append((source.file, f"could not read: {error!r}"))
            self.bar.update(1)
            return None, ()
        paragraphs = sum(len(letter.paragraphs) for letter in letters)
        return FileRecord(source.file, version, source.sha256, len(letters), paragraphs), letters

    def flush(self) -> None:
        """Store the pending files: paragraphs, then records, then drop previous versions."""
        if not self.pending:
            return
        rows = [
            (stored_paragraph_id(paragraph, record.version), letter, paragraph, record.version)
            for _, record, letters in self.pending
            for letter in letters
            for paragraph in letter.paragraphs
        ]
        if rows:
            vectors = self.embed([embedding_text(letter, p) for _, letter, p, _ in rows])
            self.collections.upsert_paragraphs(
                ids=[pid for pid, _, _, _ in rows],
                vectors=vectors,
                documents=[p.text for _, _, p, _ in rows],
                metadatas=[to_metadata(letter, p, version) for _, letter, p, version in rows],
            )
        self.collections.put_records([record for _, record, _ in self.pending])
        files = [record.file for _, record, _ in self.pending]
        superseded = [pid for file in files for pid in self.stored_by_file.pop(file, [])]
        self.collections.delete_paragraphs(superseded)
        self.note_flushed(len(rows))

    def note_flushed(self, embedded: int) -> None:
        for was_changed, record, _ in self.pending:
            if not record.skipped:
                (self.report.updated if was_changed else self.report.added).append(record.file)
        self.bar.update(len(self.pending))
        self.report.paragraphs_embedded += embedded
        rate = self.report.paragraphs_embedded / max(self.bar.format_dict["elapsed"], 1e-3)
        self.bar.set_postfix_str(f"{rate:.0f} paragraphs/s")
        self.pending = []

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
