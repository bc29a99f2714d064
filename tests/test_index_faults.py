"""Faults while serving and ingesting: the Chroma server stops (503 with a message within 5 s,
answers resume by themselves after it restarts); the disk fills during an ingest (a clear
error, the previous index intact)."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import free_port, stop, wait_for_chroma
from fastapi.testclient import TestClient

from ui.settings import Settings

pytestmark = pytest.mark.server
ROOT = Path(__file__).resolve().parent.parent
SEED = "What is Pakistan's position on the Oslo process?"


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    chroma = Path(sys.executable).parent / "chroma"
    command = [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    wait_for_chroma(f"http://127.0.0.1:{port}", process)
    return process


def test_a_stopped_chroma_server_is_a_503_then_answers_resume(tmp_path, embedder):
    from index import LetterIndex, make_client
    from index.store import RECHECK_SECONDS
    from rag import Pipeline
    from ui.server import create_app

    port, store = free_port(), tmp_path / "chroma"
    url = f"http://127.0.0.1:{port}"
    chroma = start_chroma(store, port)
    try:
        letter_index = LetterIndex(make_client(tmp_path, url), embedder, "faults")
        letter_index.sync(ROOT / "data" / "letters")
        pipeline = Pipeline(letter_index).warm_up()
        settings = Settings(data_dir=tmp_path / "data", chroma_url=url)
        client = TestClient(create_app(settings, pipeline), raise_server_exceptions=False)
        assert client.post("/api/ask", json={"question": SEED}).status_code == 200

        stop(chroma)
        # Retrieval reads the snapshot in memory; the store's generation is checked at most
        # once a RECHECK_SECONDS, and that check is what meets the outage.
        time.sleep(RECHECK_SECONDS + 0.2)
        for question in ("Did Pakistan sign the Convention?", "Does Pakistan stockpile them?"):
            started = time.monotonic()
            response = client.post("/api/ask", json={"question": question})
            assert time.monotonic() - started < 5
            assert response.status_code == 503, response.text
            assert "Chroma server" in response.json()["message"]

        chroma = start_chroma(store, port)
        response = client.post("/api/ask", json={"question": "Did Pakistan sign the Convention?"})
        assert response.status_code == 200 and response.json()["citations"]
    finally:
        stop(chroma)


def test_disk_full_during_ingest_is_a_clear_error_and_the_index_intact(
    tmp_path, embedder, dev_letters, monkeypatch
):
    from index import DiskFull, LetterIndex, make_client
    from index.collections import Collections

    first, more = tmp_path / "first", tmp_path / "more"
    first.mkdir()
    shutil.copy(dev_letters / "pakistan-2009.txt", first)
    letter_index = LetterIndex(make_client(tmp_path / "index"), embedder, "disk")
    letter_index.sync(first)
    before = {p.id: p.text for p in letter_index.paragraphs()}
    shutil.copytree(first, more)
    for name in ("brazil-2009.txt", "japan-2009.txt", "laos-2009.txt"):
        shutil.copy(dev_letters / name, more)

    real_upsert, calls = Collections.upsert_paragraphs, []

    def fills_the_disk(self, *args, **kwargs):  # the second write finds the disk full
        calls.append(1)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_upsert(self, *args, **kwargs)

    monkeypatch.setattr("index.sync.FLUSH_PARAGRAPHS", 1)  # one file per write
    monkeypatch.setattr(Collections, "upsert_paragraphs", fills_the_disk)
    with pytest.raises(DiskFull, match="is full: free some space and run `letters ingest`"):
        letter_index.sync(more)
    monkeypatch.undo()

    reopened = LetterIndex(make_client(tmp_path / "index"), embedder, "disk")
    kept = {p.id: p.text for p in reopened.paragraphs()}
    assert before.items() <= kept.items()  # nothing of the previous index lost or changed
    assert {p.file for p in reopened.paragraphs()} == {"pakistan-2009.txt", "brazil-2009.txt"}
    report = reopened.sync(more)
    assert sorted(report.added) == ["japan-2009.txt", "laos-2009.txt"]
    assert {p.file for p in reopened.paragraphs()} == {p.name for p in more.iterdir()}


def test_disk_full_from_the_command_line_is_one_line(tmp_path, dev_letters, monkeypatch):
    from typer.testing import CliRunner

    from index.collections import Collections
    from ui.cli import app

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Collections, "upsert_paragraphs", disk_full)
    env = {"LETTERS_INDEX_DIR": str(tmp_path / "index"), "LETTERS_CHROMA_URL": ""}
    result = CliRunner().invoke(app, ["ingest", str(dev_letters / "japan-2009.txt")], env=env)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "is full: free some space" in result.output
