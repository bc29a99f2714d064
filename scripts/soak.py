"""Soak: load, load during an ingest, and SIGKILLed ingests, against real servers on loopback.

    .venv/bin/python scripts/soak.py                       # the full run (`make soak`, ~6 min)
    .venv/bin/python scripts/soak.py --clients 4 --seconds 8 --sessions 2 --paragraphs 100 \
        --kills 2                                          # what CI runs (tests/test_soak.py)

Starts a `chroma run` server and `letters serve` against it (bundled letters plus the dev
corpus), then:
1. CLIENTS asyncio/httpx clients POST /api/ask for SECONDS while SESSIONS chat sessions ask
   through the Gradio queue (gradio_client): errors, p50/p95;
2. the same load while `letters ingest` adds PARAGRAPHS new paragraphs: errors, and whether
   every answer equals the answer before or after the ingest (or cites only stored paragraphs);
3. KILLS times: `letters ingest` of a fresh copy SIGKILLed at a random moment, then run again:
   the collection equals a clean ingest's.
Prints one table; exits 1 when any check fails. Every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "letters-dev"
BIN = Path(sys.executable).parent
QUESTIONS = [
    "What is Pakistan's position on the Oslo process?",
    "Has Japan signed the Convention on Cluster Munitions?",
    "Does the United Kingdom still stockpile cluster munitions?",
    "What did France say about destroying its stockpile?",
    "Did Brazil sign the Convention?",
    "Which states support a ban on cluster munitions?",
    "What did Norway say about victim assistance?",
    "What is the tallest mountain on Mars?",
]
NEW_LETTER = """MINISTRY OF FOREIGN AFFAIRS
VADUZ, LIECHTENSTEIN

{day} May 2011

Dear Mr. Goose,

{body}

Yours sincerely,

Anna Beck
Director, Security Policy
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_http(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def new_letters(folder: Path, paragraphs: int, per_letter: int = 50) -> Path:
    """Synthetic letters from one state with `paragraphs` body paragraphs in all."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(0, paragraphs, per_letter):
        body = "\n\n".join(
            f"{i % 90 + 1}. Liechtenstein statement {n + i} on the destruction of stockpiled "
            f"submunitions, item {n + i}." for i in range(min(per_letter, paragraphs - n))
        )  # fmt: skip
        text = NEW_LETTER.format(day=n // per_letter % 28 + 1, body=body)
        (folder / f"liechtenstein-{n:05d}.txt").write_text(text, encoding="utf-8")
    return folder


class Stack:
    """A `chroma run` server and `letters serve` over it, on free loopback ports."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.chroma_url = f"http://127.0.0.1:{free_port()}"
        self.url = f"http://127.0.0.1:{free_port()}"
        self.env = os.environ | {
            "LETTERS_CHROMA_URL": self.chroma_url, "LETTERS_DATA_DIR": str(scratch / "data"),
            "LETTERS_LETTERS_DIR": str(scratch / "letters"), "HF_HUB_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False",
        }  # fmt: skip
        self.processes: list[subprocess.Popen] = []

    def start(self) -> Stack:
        letters = self.scratch / "letters"
        shutil.copytree(ROOT / "data" / "letters", letters)
        for path in (DEV / "letters").iterdir():
            shutil.copy(path, letters)
        port = self.chroma_url.rsplit(":", 1)[1]
        chroma = [str(BIN / "chroma"), "run", "--path", str(self.scratch / "chroma"),
                  "--host", "127.0.0.1", "--port", port]  # fmt: skip
        self.spawn(chroma, "chroma.log")
        wait_http(f"{self.chroma_url}/api/v2/heartbeat", self.processes[-1], 120)
        self.spawn([str(BIN / "letters"), "serve", "--port", self.url.rsplit(":", 1)[1]],
                   "serve.log")  # fmt: skip
        wait_http(f"{self.url}/healthz", self.processes[-1], 900)
        return self

    def spawn(self, command: list[str], log: str) -> None:
        out = (self.scratch / log).open("wb")
        self.processes.append(
            subprocess.Popen(command, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        )

    def ingest(self, folder: Path) -> subprocess.Popen:
        return subprocess.Popen([str(BIN / "letters"), "ingest", str(folder)], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop(process)


# --- load --------------------------------------------------------------------------------


async def api_client(url: str, until: float, results: list, seed: int) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        while time.monotonic() < until:
            question = rng.choice(QUESTIONS)
            started = time.monotonic()
            try:
                response = await client.post("/api/ask", json={"question": question})
                ok = response.status_code == 200
                body = response.json() if ok else {"error": response.text[:200]}
            except httpx.HTTPError as error:
                ok, body = False, {"error": repr(error)}
            results.append((question, time.monotonic() - started, ok, body))


def chat_session(url: str, until: float, results: list, seed: int) -> None:
    """One visitor of the app at /: questions through Gradio's queue, one after another."""
    from gradio_client import Client

    rng = random.Random(seed)
    client = Client(url + "/", verbose=False)
    while time.monotonic() < until:
        question = rng.choice(QUESTIONS)
        started = time.monotonic()
        try:  # the gr.State input and output are not part of the client's API
            transcript, _ = client.predict(question, api_name="/respond")
            ok = "lt-bot" in transcript and 'role="alert"' not in transcript
            body = {"transcript": transcript[-300:]}
        except Exception as error:  # any failure of a session is counted, not raised
            ok, body = False, {"error": repr(error)}
        results.append((question, time.monotonic() - started, ok, body))


def run_load(url: str, clients: int, sessions: int, seconds: float) -> dict:
    until = time.monotonic() + seconds
    api: list = []
    chat: list = []
    threads = [
        threading.Thread(target=chat_session, args=(url, until, chat, n)) for n in range(sessions)
    ]
    for thread in threads:
        thread.start()

    async def drive():
        await asyncio.gather(*(api_client(url, until, api, n) for n in range(clients)))

    asyncio.run(drive())
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return {"api": api, "chat": chat}


def latency_row(name: str, results: list) -> dict:
    times = sorted(t for _, t, _, _ in results)
    errors = [body for _, _, ok, body in results if not ok]
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else 0.0
    return {
        "run": name, "requests": len(results), "errors": len(errors),
        "p50_ms": round(statistics.median(times) * 1000) if times else 0,
        "p95_ms": round(p95 * 1000), "first_error": errors[0] if errors else None,
    }  # fmt: skip


def answers_of(url: str) -> dict[str, tuple]:
    with httpx.Client(base_url=url, timeout=120) as client:
        return {q: key(client.post("/api/ask", json={"question": q}).json()) for q in QUESTIONS}


def key(body: dict) -> tuple:
    return body.get("answer"), tuple(c["paragraph_id"] for c in body.get("citations", []))


def stored_ids(url: str) -> set[str]:
    with httpx.Client(base_url=url, timeout=120) as client:
        letters = client.get("/api/letters").json()
        return {
            p["id"] if "id" in p else p["paragraph_id"]
            for s in letters
            for p in client.get(f"/api/letters/{s['letter_id']}").json()["paragraphs"]
        }


def consistency(results: list, before: dict, after: dict, valid_ids: set[str]) -> dict:
    """Answers equal to the one before or after the ingest; the rest must cite stored
    paragraphs only (a state part-way through the ingest, never a torn one)."""
    same = mixed = torn = 0
    for question, _, ok, body in results:
        if not ok:
            continue
        if key(body) in (before[question], after[question]):
            same += 1
        elif set(key(body)[1]) <= valid_ids:
            mixed += 1
        else:
            torn += 1
    return {"old_or_new": same, "in_between": mixed, "torn": torn}


# --- SIGKILL during ingest ------------------------------------------------------------------


def kill_trials(scratch: Path, trials: int, seed: int = 11) -> dict:
    """`letters ingest` into a fresh embedded index, SIGKILLed after a random delay, then run
    again: the stored ids must equal a clean ingest's."""
    rng = random.Random(seed)
    folder = scratch / "kill-letters"
    shutil.copytree(DEV / "letters", folder)
    new_letters(folder, 200)
    env = os.environ | {"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    env.pop("LETTERS_CHROMA_URL", None)
    clean = ingest_ids(folder, scratch / "clean-index", env)
    outcomes = []
    for trial in range(trials):
        index_dir = scratch / f"kill-index-{trial}"
        run_env = env | {"LETTERS_INDEX_DIR": str(index_dir)}
        command = [str(BIN / "letters"), "ingest", str(folder)]
        process = subprocess.Popen(command, env=run_env, stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(2, 25))
        killed = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        outcomes.append((killed, ingest_ids(folder, index_dir, env) == clean))
    return {
        "trials": trials, "killed_mid_run": sum(k for k, _ in outcomes),
        "equal_to_clean": sum(e for _, e in outcomes), "clean_paragraphs": len(clean),
    }  # fmt: skip


def ingest_ids(folder: Path, index_dir: Path, env: dict) -> set[str]:
    run_env = env | {"LETTERS_INDEX_DIR": str(index_dir)}
    subprocess.run([str(BIN / "letters"), "ingest", str(folder)], env=run_env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    code = (
        "import json,sys; from index import make_client; from index.collections import "
        "Collections; c=Collections(make_client(sys.argv[1]),'letters'); "
        "print(json.dumps(sorted(pid for pid, _, _ in c.snapshot())))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(index_dir)], env=run_env,
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout  # fmt: skip
    return set(json.loads(out))


# --- main ------------------------------------------------------------------------------


def soak(clients=20, seconds=60.0, sessions=5, paragraphs=1000, kills=10) -> dict:
    with tempfile.TemporaryDirectory(prefix="letters-soak-") as scratch_dir:
        scratch = Path(scratch_dir)
        stack = Stack(scratch).start()
        try:
            report = {"load": run_load(stack.url, clients, sessions, seconds)}
            before = answers_of(stack.url)
            ingest = stack.ingest(new_letters(scratch / "letters", paragraphs))
            during = run_load(stack.url, clients, sessions, seconds)
            ingest_seconds = time.monotonic()
            ingest.wait(timeout=1800)
            time.sleep(1.5)  # a running index looks for another process's sync every second
            after, ids = answers_of(stack.url), stored_ids(stack.url)
            report |= {"during": during, "ingest_rc": ingest.returncode,
                       "ingest_wait_s": round(time.monotonic() - ingest_seconds)}  # fmt: skip
            report["consistency"] = consistency(during["api"], before, after, ids)
        finally:
            stack.stop()
        report["kills"] = kill_trials(scratch, kills) if kills else None
    return report


def summary(report: dict) -> tuple[list[dict], bool]:
    rows = [latency_row(f"{phase} {kind}", report[phase][kind])
            for phase in ("load", "during") for kind in ("api", "chat")]  # fmt: skip
    ok = all(row["errors"] == 0 and row["requests"] > 0 for row in rows)
    ok = ok and report["ingest_rc"] == 0 and report["consistency"]["torn"] == 0
    if report["kills"]:
        ok = ok and report["kills"]["equal_to_clean"] == report["kills"]["trials"]
    return rows, ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=10)
    args = parser.parse_args()
    report = soak(args.clients, args.seconds, args.sessions, args.paragraphs, args.kills)
    rows, ok = summary(report)
    print("| run | requests | errors | p50 ms | p95 ms |\n|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['run']} | {row['requests']} | {row['errors']} | {row['p50_ms']} "
              f"| {row['p95_ms']} |")  # fmt: skip
        if row["first_error"]:
            print(f"  first error: {row['first_error']}")
    print(f"ingest during load: exit {report['ingest_rc']}; answers {report['consistency']}")
    print(f"SIGKILL trials: {report['kills']}")
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
