"""Pure sync decisions: which files are new, changed, unchanged or gone; which ids are stale."""

from __future__ import annotations

from pathlib import Path

from index.plan import FileRecord, plan_sync, stale_ids
from index.records import version_key
from ingest.source import SourceFile


def source(file: str, sha: str) -> SourceFile:
    return SourceFile(Path("/letters") / file, file, sha, 10)


def record(file: str, sha: str, skipped: str = "") -> FileRecord:
    return FileRecord(file, version_key(file, sha), sha, 1, 3, skipped)


def test_plan_sorts_files_by_what_changed():
    sources = [source("new.txt", "n"), source("same.txt", "s"), source("edited.txt", "e2")]
    records = {
        "same.txt": record("same.txt", "s"),
        "edited.txt": record("edited.txt", "e1"),
        "gone.txt": record("gone.txt", "g"),
    }
    versions = {s.file: version_key(s.file, s.sha256) for s in sources}
    plan = plan_sync(sources, versions, records)
    assert [s.file for s in plan.new] == ["new.txt"]
    assert [s.file for s in plan.changed] == ["edited.txt"]
    assert plan.unchanged == ("same.txt",)
    assert plan.gone == ("gone.txt",)
    assert [s.file for s in plan.to_read] == ["edited.txt", "new.txt"]


def test_a_file_skipped_last_time_is_read_again():
    sources = [source("scan.pdf", "x")]
    records = {"scan.pdf": record("scan.pdf", "x", skipped="scanned, needs OCR")}
    plan = plan_sync(sources, {"scan.pdf": version_key("scan.pdf", "x")}, records)
    assert [s.file for s in plan.new] == ["scan.pdf"] and plan.unchanged == ()


def test_a_changed_manifest_changes_every_version():
    assert version_key("a.txt", "s") != version_key("a.txt", "s", "manifest-digest")
    assert version_key("a.txt", "s") != version_key("b.txt", "s")  # copies stay distinct


def test_stale_ids_are_unrecorded_or_superseded_versions():
    stored = [
        ("a-v1-1", "a.txt", "v1"),  # superseded: the record says v2
        ("a-v2-1", "a.txt", "v2"),
        ("b-v1-1", "b.txt", "v1"),  # no record: an interrupted first write
        ("c-v1-1", "c.txt", "v1"),
    ]
    assert stale_ids(stored, {"a.txt": "v2", "c.txt": "v1"}) == ["a-v1-1", "b-v1-1"]


def test_file_record_round_trips_through_metadata():
    original = record("sub/a.txt", "abc", skipped="")
    assert FileRecord.from_metadata(original.to_metadata()) == original
    assert all(value is not None for value in original.to_metadata().values())
