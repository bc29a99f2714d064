"""The sidecar manifest (letters.csv or letters.yaml in the ingested folder): what an archive
already knows about its letters overrides what was read from the text."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import yaml

from ingest.dates import to_iso
from ingest.errors import ManifestError
from ingest.model import Letter

OVERRIDABLE = ("state", "date", "sender", "signatory", "signatory_title", "recipient", "reference",
               "language")  # fmt: skip
EVERY_LETTER = "*"
# {file: {letter index as text, or "*" for every letter of the file: {field: value}}}: plain
# JSON, so that a change to the manifest can be noticed by hashing it.
Manifest = dict[str, dict[str, dict[str, str]]]


def load_manifest(root: Path) -> Manifest:
    """The overrides of letters.csv / letters.yaml beside the letters; {} when there is none."""
    root = Path(root)
    folder = root if root.is_dir() else root.parent
    for name, reader in (
        ("letters.csv", _csv_rows),
        ("letters.yaml", _yaml_rows),
        ("letters.yml", _yaml_rows),
    ):
        path = folder / name
        if path.is_file():
            try:
                return manifest_from_rows(reader(path))
            except (OSError, ValueError, yaml.YAMLError, csv.Error) as error:
                raise ManifestError(f"cannot read {path}: {error}; fix or remove it") from error
    return {}


def _csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _yaml_rows(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    rows = data.get("letters", []) if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ValueError("expected a list of rows, each with file, letter_index and fields")
    return rows


def manifest_from_rows(rows: list[dict]) -> Manifest:
    manifest: Manifest = {}
    for row in rows:
        file = str(row.get("file") or "").strip()
        if not file:
            raise ValueError(f"a row has no 'file': {row}")
        index = row.get("letter_index")
        key = EVERY_LETTER if index is None or not str(index).strip() else str(int(index))
        values = {
            k: str(v).strip()
            for k, v in row.items()
            if k in OVERRIDABLE and v is not None and str(v).strip()
        }
        if "date" in values:
            values["date"] = iso_date(values["date"], file)
        manifest.setdefault(file, {}).setdefault(key, {}).update(values)
    return manifest


def iso_date(written: str, file: str) -> str:
    """A manifest date in any written form, as ISO 8601 (as extracted dates are)."""
    iso = to_iso(written)
    if iso is None:
        raise ValueError(f"the date {written!r} given for {file} is not a date: use YYYY-MM-DD")
    return iso


def apply_manifest(letter: Letter, manifest: Manifest | None) -> Letter:
    rows = (manifest or {}).get(letter.file, {})
    overrides = {**rows.get(EVERY_LETTER, {}), **rows.get(str(letter.index), {})}
    return replace(letter, **overrides) if overrides else letter
