"""Parsing a whole folder: letters per file, skipped files with their reasons."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tqdm import tqdm

from ingest.coverage import Coverage
from ingest.errors import SkipFile
from ingest.isolate import read_isolated
from ingest.manifest import load_manifest
from ingest.model import Letter
from ingest.source import discover

_PROGRESS_FROM = 20  # files; fewer go by too fast for a bar to help
_LETTER_KEYS = (
    "index", "state", "date", "sender", "signatory", "recipient", "reference", "language",
)  # fmt: skip
_PARAGRAPH_KEYS = (
    "id", "kind", "number", "ordinal", "text", "start", "end", "page", "ocr", "labels",
)  # fmt: skip


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass(frozen=True)
class ParseWarning:
    file: str
    message: str


@dataclass(frozen=True)
class ParseReport:
    files: list[tuple[str, tuple[Letter, ...]]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    coverage: dict[str, Coverage] = field(default_factory=dict)  # by file
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def letters(self) -> list[Letter]:
        return [letter for _file, letters in self.files for letter in letters]

    def to_dict(self) -> dict:
        """The JSON object of `letters parse --json`."""
        return {
            "files": [
                {
                    "file": file,
                    "coverage": _coverage_dict(self.coverage.get(file)),
                    "letters": [letter_dict(letter) for letter in letters],
                }
                for file, letters in self.files
            ],
            "skipped": [asdict(s) for s in self.skipped],
            "warnings": [asdict(w) for w in self.warnings],
        }

    def describe(self) -> str:
        lines = [describe_letter(letter) for letter in self.letters]
        lines += [f"WARNING {w.file}: {w.message}" for w in self.warnings]
        lines += [f"SKIPPED {s.file}: {s.reason}" for s in self.skipped]
        lines.append(
            f"{len(self.letters)} letters in {len(self.files)} files, {len(self.skipped)} skipped"
        )
        return "\n".join(lines)


def _coverage_dict(coverage: Coverage | None) -> dict | None:
    if coverage is None:
        return None
    return {**asdict(coverage), "ratio": round(coverage.ratio, 4)}


def letter_dict(letter: Letter) -> dict:
    data = {key: getattr(letter, key) for key in _LETTER_KEYS}
    data["provenance"] = letter.provenance.describe() if letter.provenance else None
    data["paragraphs"] = [
        {key: getattr(p, key) for key in _PARAGRAPH_KEYS} for p in letter.paragraphs
    ]
    return data


def describe_letter(letter: Letter) -> str:
    head = [
        f"{letter.file} [letter {letter.index}] {letter.date or '?'} {letter.state or '?'}"
        f" ({letter.language or '?'})",
        f"  from: {letter.sender or '?'}; signed: {letter.signatory or '?'}"
        + (f", {letter.signatory_title}" if letter.signatory_title else ""),
        f"  to: {letter.recipient or '?'}; ref: {letter.reference or '-'}",
    ]
    if letter.provenance:
        head.append(f"  in: {letter.provenance.describe()}")
    body = [
        f"  #{p.ordinal:<3} {p.kind:<12} {p.number or '':<5} {_preview(p.text)}"
        + (f"  [p.{p.page}]" if p.page else "")
        + ("  [ocr]" if p.ocr else "")
        for p in letter.paragraphs
    ]
    return "\n".join(head + body)


def _preview(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def parse_folder(path: Path, ocr: bool = True, read=None) -> ParseReport:
    """Read every file under `path` (or the one file); bad files are skipped with a reason.
    `read` (default: read_isolated, binary formats in a time-limited worker) reads one file."""
    read = read or read_isolated
    sources = discover(Path(path))
    manifest = load_manifest(Path(path))
    report = ParseReport()
    show = sys.stderr.isatty() and len(sources) >= _PROGRESS_FROM
    for source in tqdm(sources, desc="parsing", unit="file", disable=not show):
        try:
            parsed = read(source, manifest, ocr)
        except SkipFile as error:
            report.skipped.append(Skipped(source.file, str(error)))
            continue
        report.files.append((source.file, parsed.letters))
        report.coverage[source.file] = parsed.coverage
        report.warnings.extend(ParseWarning(source.file, message) for message in parsed.warnings)
    return report


def read_letters(path: Path) -> Iterator[Letter]:
    """Every letter under `path`, in file order (skipped files left out)."""
    yield from parse_folder(path).letters
