"""Where ingest time goes: one `LetterIndex.sync` of a replicated corpus with every stage timed.

    .venv/bin/python scripts/profile_ingest.py [--size 300]

Stages (wall seconds summed over the threads that run them; parsing and storing overlap the
embedding, so their sum may exceed the run's wall time): hashing and discovery, parsing,
sentence splitting, the model, Chroma writes. Prints one table and the load average.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from functools import wraps
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bench import write_corpus  # noqa: E402

import index.sync as sync  # noqa: E402
from index import Embedder, LetterIndex, make_client  # noqa: E402
from index.collections import Collections  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


def timed(stage: str, function):
    @wraps(function)
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[stage] += time.perf_counter() - started

    return run


def instrument(embedder: Embedder) -> None:
    sync.read_file = timed("parse (ingest.read_source)", sync.read_file)
    sync.split_sentences = timed("sentence splitting", sync.split_sentences)
    embedder._encode = timed("model encode (sentences cut by the truncation)", embedder._encode)
    embedder._token_pass = timed("model pass (paragraphs, token embeddings)", embedder._token_pass)
    embedder._late_chunks = timed("late chunking (model pass + pooling)", embedder._late_chunks)
    for name in ("upsert_paragraphs", "upsert_sentences", "put_records", "delete_paragraphs"):
        setattr(Collections, name, timed("Chroma writes (incl. HNSW)", getattr(Collections, name)))
    for name in ("records", "snapshot", "sentence_ids"):
        setattr(Collections, name, timed("Chroma reads (heal)", getattr(Collections, name)))
    import ingest

    ingest.discover = timed("hashing and discovery", ingest.discover)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300, help="paragraphs to ingest")
    args = parser.parse_args()
    embedder = Embedder().warm_up()
    instrument(embedder)
    with tempfile.TemporaryDirectory(prefix="profile-ingest-") as scratch:
        write_corpus(Path(scratch) / "letters", args.size)
        letter_index = LetterIndex(make_client(Path(scratch) / "index"), embedder)
        started = time.perf_counter()
        report = letter_index.sync(Path(scratch) / "letters")
        wall = time.perf_counter() - started
    rate = report.paragraphs_embedded / wall
    load = os.getloadavg()[0]
    print(f"{report.paragraphs_embedded} ¶ in {wall:.1f} s ({rate:.1f} ¶/s); load {load:.1f}\n")
    print("| stage | seconds | share of wall |\n|---|---|---|")
    for stage, seconds in sorted(SPENT.items(), key=lambda pair: -pair[1]):
        print(f"| {stage} | {seconds:.1f} | {seconds / wall:.0%} |")


if __name__ == "__main__":
    main()
