"""Letter management under load: a .zip of a letters folder uploaded through /api/admin/letters
while a thread keeps asking /api/ask; prints the upload time and question latency idle and
during the upload (and how many questions failed: should be 0).

Run: .venv/bin/python scripts/bench_admin.py [--letters FOLDER]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from fastapi.testclient import TestClient  # noqa: E402

from ui.settings import Settings  # noqa: E402
from ui.wiring import open_index, open_pipeline  # noqa: E402

DEV_LETTERS = ROOT.parent / "shared" / "letters-dev" / "letters"
TOKEN = "bench-admin-token-0123456789abcdef"
QUESTION = "What is Pakistan's position on the Oslo process?"


def zipped(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            archive.write(path, path.name)
    return out.getvalue()


def timed_ask(client) -> tuple[float, int]:
    started = time.perf_counter()
    status = client.post("/api/ask", json={"question": QUESTION}).status_code
    return (time.perf_counter() - started) * 1000, status


def p50_p95(values: list[float]) -> str:
    ordered = sorted(values)
    return f"{statistics.median(ordered):.0f} / {ordered[int(0.95 * (len(ordered) - 1))]:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=Path, default=DEV_LETTERS)
    args = parser.parse_args()
    from ui.server import create_app

    with tempfile.TemporaryDirectory(prefix="bench-admin-") as scratch:
        folder = Path(scratch) / "letters"
        shutil.copytree(ROOT / "data" / "letters", folder)
        settings = Settings(data_dir=Path(scratch), letters_dir=folder, admin_token=TOKEN)
        letter_index = open_index(settings, index_dir=Path(scratch) / "index")
        letter_index.sync(folder)
        client = TestClient(create_app(settings, open_pipeline(settings, letter_index).warm_up()))
        idle = [timed_ask(client) for _ in range(20)]
        during, done = [], threading.Event()

        def keep_asking():
            while not done.is_set():
                during.append(timed_ask(client))

        asker = threading.Thread(target=keep_asking)
        asker.start()
        started = time.perf_counter()
        files = [("files", ("letters.zip", zipped(args.letters)))]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        response = client.post("/api/admin/letters", files=files, headers=auth)
        seconds = time.perf_counter() - started
        done.set()
        asker.join()
    body = response.json()
    letters = sum(len(f["letters"]) for f in body.get("added", []))
    print(f"upload: HTTP {response.status_code}, {len(body.get('added', []))} files, {letters} "
          f"letters, {len(body.get('refused', []))} refused, {seconds:.1f} s")  # fmt: skip
    print("| questions | n | failed | p50 / p95 ms |\n|---|---|---|---|")
    for name, rows in (("idle", idle), ("during the upload", during)):
        failed = sum(status != 200 for _, status in rows)
        print(f"| {name} | {len(rows)} | {failed} | {p50_p95([ms for ms, _ in rows])} |")


if __name__ == "__main__":
    main()
