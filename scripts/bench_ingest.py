"""Ingest throughput and index size: the dev corpus copied N times into a fresh temporary index.

Run: .venv/bin/python scripts/bench_ingest.py [--copies 30] [--letters FOLDER]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import Embedder, LetterIndex, make_client  # noqa: E402

DEV_LETTERS = ROOT.parent / "shared" / "letters-dev" / "letters"


def copy_corpus(letters: Path, folder: Path, copies: int) -> None:
    for n in range(copies):
        for path in sorted(p for p in letters.iterdir() if p.is_file()):
            shutil.copyfile(path, folder / f"copy{n:02d}-{path.name}")


def folder_megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(letters: Path, copies: int) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        corpus, index_dir = Path(scratch) / "letters", Path(scratch) / "index"
        corpus.mkdir()
        copy_corpus(letters, corpus, copies)
        embedder = Embedder().warm_up()  # model loading is not ingest throughput
        letter_index = LetterIndex(make_client(index_dir), embedder)
        started = time.perf_counter()
        report = letter_index.sync(corpus, progress=True)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = letter_index.sync(corpus)
        resync = time.perf_counter() - started
        stats = letter_index.stats()
        return [
            ("files", str(len(report.added))),
            ("skipped files", str(len(report.skipped))),
            ("letters", str(stats["letters"])),
            ("paragraphs", str(stats["paragraphs"])),
            ("seconds", f"{seconds:.1f}"),
            ("paragraphs/s", f"{report.paragraphs_embedded / seconds:.0f}"),
            ("files/s", f"{len(report.added) / seconds:.1f}"),
            ("index size on disk (MB)", f"{folder_megabytes(index_dir):.1f}"),
            (f"re-sync, {len(again.unchanged)} unchanged files (s)", f"{resync:.1f}"),
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--letters", type=Path, default=DEV_LETTERS)
    args = parser.parse_args()
    rows = measure(args.letters, args.copies)
    width = max(len(name) for name, _ in rows)
    print(f"ingest of {args.letters} copied {args.copies} times")
    for name, value in rows:
        print(f"{name:<{width}}  {value:>10}")


if __name__ == "__main__":
    main()
