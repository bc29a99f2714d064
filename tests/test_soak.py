"""A short run of scripts/soak.py (`make soak` runs the long one): concurrent API clients and
Gradio-queue chat sessions, the same load during an ingest of new letters, and SIGKILLed
ingests re-run, against a real `chroma run` server and `letters serve` on loopback."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.server
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "soak.py"


def load_soak():
    spec = importlib.util.spec_from_file_location("soak", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_short_soak_has_no_error_and_consistent_answers():
    soak = load_soak()
    report = soak.soak(clients=4, seconds=8, sessions=2, paragraphs=100, kills=2)
    rows, ok = soak.summary(report)
    print(rows, report["consistency"], report["kills"])  # the figures, with `pytest -s`
    assert all(row["requests"] > 0 for row in rows), rows
    assert [row["errors"] for row in rows] == [0, 0, 0, 0], rows
    assert report["ingest_rc"] == 0 and report["consistency"]["torn"] == 0, report["consistency"]
    assert report["kills"]["equal_to_clean"] == report["kills"]["trials"] == 2, report["kills"]
    assert ok
