"""Shared fixtures: the dev corpus, the real bundled model, real Chroma stores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "letters-dev"
DEV_LETTERS = DEV / "letters"
BUNDLED_LETTERS = ROOT / "data" / "letters"


def load_questions() -> list[dict]:
    lines = (DEV / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def dev_letters() -> Path:
    if not DEV_LETTERS.is_dir():
        pytest.fail(f"the development corpus is missing: {DEV_LETTERS}")
    return DEV_LETTERS


@pytest.fixture(scope="session")
def questions() -> list[dict]:
    return load_questions()


@pytest.fixture(scope="session")
def embedder():
    """The real bundled all-MiniLM-L6-v2, loaded once for the whole run."""
    from index import Embedder

    model = Embedder()
    model.warm_up()
    return model


@pytest.fixture(scope="session")
def dev_index(tmp_path_factory, embedder, dev_letters):
    """An embedded persistent Chroma holding the whole dev corpus (read-only for tests)."""
    from index import LetterIndex, make_client

    client = make_client(tmp_path_factory.mktemp("dev-index"))
    letter_index = LetterIndex(client, embedder, collection="dev")
    letter_index.sync(dev_letters)
    return letter_index
