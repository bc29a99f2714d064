"""Editing the collection's manifest (letters.csv or letters.yaml beside the letters), where the
admin keeps metadata corrections so that `letters ingest --rebuild` applies them again.

Rows are plain dicts as ingest reads them: `file`, `letter_index` ("" for every letter of the
file) and any overridable field. The edits are pure functions; only read/write touch disk, and
writing replaces the file whole (a crash leaves the old or the new manifest, never half).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import yaml

from ingest.manifest import OVERRIDABLE, manifest_from_rows

NAMES = ("letters.csv", "letters.yaml", "letters.yml")  # the order ingest looks for them
COLUMNS = ("file", "letter_index", *OVERRIDABLE)


def manifest_path(root: Path) -> Path:
    """The manifest ingest reads in `root`, or where a new one goes (letters.yaml)."""
    return next((root / name for name in NAMES if (root / name).is_file()), root / "letters.yaml")


def read_rows(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return [dict(row) for row in csv.DictReader(stream)]
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return list(data.get("letters", []) if isinstance(data, dict) else data)


def rows_text(path: Path, rows: list[dict]) -> str:
    """The manifest file's new content; validated by ingest's own reader first."""
    manifest_from_rows(rows)  # raises ValueError with the reason
    if path.suffix == ".csv":
        extra = sorted({key for row in rows for key in row} - set(COLUMNS))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[*COLUMNS, *extra], lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: "" if value is None else value for key, value in row.items()}
                         for row in rows)  # fmt: skip
        return out.getvalue()
    header = "# Metadata corrections: ingest applies them over what it reads in each letter.\n"
    return header + yaml.safe_dump({"letters": rows}, allow_unicode=True, sort_keys=False)


def write_text_atomically(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".manifest-", suffix=path.suffix)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    os.replace(temporary, path)


def same_row(row: dict, file: str, letter_index: int | None) -> bool:
    wanted = "" if letter_index is None else str(letter_index)
    return str(row.get("file", "")).strip() == file and str(
        row.get("letter_index") if row.get("letter_index") is not None else ""
    ).strip() == wanted


def with_fields(rows: list[dict], file: str, letter_index: int, fields: dict) -> list[dict]:
    """The rows with `fields` set for one letter (its row updated, or a new row)."""
    rows = [dict(row) for row in rows]
    for row in rows:
        if same_row(row, file, letter_index):
            row.update(fields)
            return rows
    return [*rows, {"file": file, "letter_index": letter_index, **fields}]


def renamed(rows: list[dict], old: str, new: str) -> list[dict]:
    """A replaced file's corrections follow it to its new name."""
    return [row | {"file": new} if str(row.get("file", "")).strip() == old else dict(row)
            for row in rows]  # fmt: skip


def without_file(rows: list[dict], file: str) -> list[dict]:
    return [dict(row) for row in rows if str(row.get("file", "")).strip() != file]
