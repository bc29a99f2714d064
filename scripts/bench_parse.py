"""Parse speed per file of a folder (default: the dev corpus), without any index.

Run: .venv/bin/python scripts/bench_parse.py [FOLDER] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import SkipFile, discover, read_source  # noqa: E402

DEV_LETTERS = ROOT.parent / "shared" / "letters-dev" / "letters"


def best_seconds(source, repeat: int) -> tuple[float, str]:
    timings, outcome = [], ""
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            letters = read_source(source)
            paragraphs = sum(len(letter.paragraphs) for letter in letters)
            outcome = f"{len(letters)} letters, {paragraphs} paragraphs"
        except SkipFile as error:
            outcome = f"skipped: {error}"
        timings.append(time.perf_counter() - started)
    return min(timings), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEV_LETTERS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sources = discover(args.folder)
    read_source(sources[0]) if sources else None  # warm-up: imports, dateparser, langid
    print(f"{'file':<32} {'KB':>8} {'ms':>9}  result")
    total = 0.0
    for source in sources:
        seconds, outcome = best_seconds(source, args.repeat)
        total += seconds
        print(f"{source.file:<32} {source.size / 1024:>8.1f} {seconds * 1000:>9.1f}  {outcome}")
    print(f"{'total':<32} {'':>8} {total * 1000:>9.1f}  {len(sources)} files")


if __name__ == "__main__":
    main()
