"""Answering speed and quality on a questions file: the eval table plus per-stage timings.

    .venv/bin/python scripts/bench_rag.py [QUESTIONS.jsonl] [LETTERS_DIR]

Defaults to the dev corpus (../shared/letters-dev). Builds a fresh temporary index, warms the
pipeline up (model, BM25, sentence vectors), then answers every question once.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from index import Embedder, LetterIndex, make_client  # noqa: E402
from rag import Pipeline, evaluate  # noqa: E402
from rag.metrics import percentile  # noqa: E402

DEV = ROOT.parent / "shared" / "letters-dev"


def main() -> None:
    questions = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV / "questions.jsonl"
    letters = Path(sys.argv[2]) if len(sys.argv) > 2 else DEV / "letters"
    with tempfile.TemporaryDirectory(prefix="bench-rag-") as scratch:
        index = LetterIndex(make_client(Path(scratch)), Embedder(), collection="bench")
        started = time.perf_counter()
        index.sync(letters)
        synced = time.perf_counter()
        pipeline = Pipeline(index).warm_up()
        warmed = time.perf_counter()
        out = Path(scratch) / "answers.jsonl"
        report = evaluate(questions, pipeline, letters, out=out)
        print(f"index {synced - started:.1f} s, warm-up {warmed - synced:.1f} s\n")
        print(report.table())
        print_stage_timings(out)


def print_stage_timings(out: Path) -> None:
    import json

    rows = [json.loads(line)["answer"]["timings_ms"] for line in out.read_text().splitlines()]
    print("\n| stage | p50 ms | p95 ms |\n|---|---|---|")
    for stage in ("analyse", "retrieve", "answer", "verify", "total"):
        values = [row.get(stage, 0.0) for row in rows]
        print(f"| {stage} | {percentile(values, 50):.0f} | {percentile(values, 95):.0f} |")


if __name__ == "__main__":
    main()
