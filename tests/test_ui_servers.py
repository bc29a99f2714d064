"""Several servers, one store: two `letters serve` processes over one real `chroma run` server
see an ingest made by the CLI within seconds, each rebuilding its state from the store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, stop, wait_until_healthy

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
SEED = "What is Pakistan's position on the Oslo process?"
FOLLOW_SECONDS = 10  # the index rechecks the store's generation every second


def ask(url: str, question: str) -> dict:
    request = urllib.request.Request(
        f"{url}/api/ask",
        data=json.dumps({"question": question}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def cited_files(answer: dict) -> set[str]:
    return {citation["file"] for citation in answer["citations"]}


def letters_cli(*args: str, env: dict) -> None:
    command = [sys.executable, "-c", "from ui.cli import app; app()", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def shared_store(chroma_server, tmp_path_factory, dev_letters):
    """The environment of every process, one letter already ingested by the CLI."""
    tmp = tmp_path_factory.mktemp("two-servers")
    letters = tmp / "letters"
    letters.mkdir()
    shutil.copyfile(dev_letters / "brazil-2008.txt", letters / "brazil-2008.txt")
    env = os.environ | {
        "LETTERS_CHROMA_URL": chroma_server, "LETTERS_COLLECTION": "shared",
        "LETTERS_DATA_DIR": str(tmp / "data"), "LETTERS_LETTERS_DIR": str(tmp / "none"),
        "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
    }  # fmt: skip
    letters_cli("ingest", str(letters), env=env)
    return {"env": env, "letters": letters, "tmp": tmp}


@pytest.fixture(scope="module")
def servers(shared_store):
    """Two `letters serve` on two ports, both over the shared Chroma server."""
    started = []
    try:
        for name in ("a", "b"):
            port, log = free_port(), shared_store["tmp"] / f"serve-{name}.log"
            command = [sys.executable, "-c", "from ui.cli import app; app()", "serve"]
            with log.open("w") as out:
                process = subprocess.Popen(
                    [*command, "--port", str(port)], cwd=ROOT, env=shared_store["env"],
                    stdout=out, stderr=subprocess.STDOUT,
                )  # fmt: skip
            started.append((process, f"http://127.0.0.1:{port}", log))
        for process, url, log in started:
            wait_until_healthy(url, process, log)
        yield [url for _, url, _ in started]
    finally:
        for process, _, _ in started:
            stop(process)


def test_an_ingest_by_the_cli_is_answered_by_both_servers_within_seconds(
    servers, shared_store, dev_letters
):
    for url in servers:
        assert "pakistan-2009.txt" not in cited_files(ask(url, SEED))
    new_letter = shared_store["letters"] / "pakistan-2009.txt"
    shutil.copyfile(dev_letters / "pakistan-2009.txt", new_letter)
    letters_cli("ingest", str(shared_store["letters"]), env=shared_store["env"])
    ingested = time.monotonic()
    waiting = set(servers)
    while waiting and time.monotonic() - ingested < FOLLOW_SECONDS:
        waiting = {url for url in waiting if "pakistan-2009.txt" not in cited_files(ask(url, SEED))}
        time.sleep(0.2)
    assert not waiting, f"not seen within {FOLLOW_SECONDS} s by {sorted(waiting)}"
    for url in servers:
        with urllib.request.urlopen(f"{url}/healthz") as response:
            assert json.loads(response.read())["letters"] >= 2


def spawned_workers(pid: int) -> list[int]:
    """The uvicorn worker processes of the supervisor PID (not multiprocessing's tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    cmdlines = {child: Path(f"/proc/{child}/cmdline").read_bytes() for child in children}
    return [int(c) for c, line in cmdlines.items() if b"spawn_main" in line]


def test_workers_answer_on_one_port_from_separate_processes(shared_store):
    port, log = free_port(), shared_store["tmp"] / "serve-workers.log"
    command = [sys.executable, "-c", "from ui.cli import app; app()", "serve", "--workers", "2"]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)], cwd=ROOT, env=shared_store["env"],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log)
        assert len(spawned_workers(process.pid)) == 2
        answers = [ask(url, f"{SEED} ({n})") for n in range(4)]
        assert all(not answer["abstained"] and answer["citations"] for answer in answers)
        with urllib.request.urlopen(f"{url}/") as response:  # the stateless chat: the widget
            assert response.url.endswith("/widget")
    finally:
        stop(process)


def test_workers_without_a_chroma_server_are_refused(tmp_path):
    env = os.environ | {"LETTERS_DATA_DIR": str(tmp_path), "LETTERS_WORKERS": "2"}
    command = [sys.executable, "-c", "from ui.cli import app; app()", "serve"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "LETTERS_CHROMA_URL" in done.stdout + done.stderr
