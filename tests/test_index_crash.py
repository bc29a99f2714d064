"""A `letters ingest` killed with SIGKILL mid-way leaves every file fully old or fully new,
and the next run heals the index to exactly what a clean ingest stores."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections import Counter, defaultdict
from pathlib import Path

from index import LetterIndex, make_client
from index.collections import Collections
from index.records import stored_paragraph_id, version_key
from index.sync import manifest_digest
from ingest import load_manifest, parse_folder

COPIES = 30
EDITED = ("copy00", "copy14", "copy29")  # early, middle and late in the run
PROGRESS = re.compile(rb"(\d+)/(\d+) \[")


def make_big_folder(dev_letters: Path, folder: Path) -> None:
    """The dev corpus copied COPIES times under other names."""
    folder.mkdir()
    for n in range(COPIES):
        for path in sorted(dev_letters.iterdir()):
            shutil.copyfile(path, folder / f"copy{n:02d}-{path.name}")


def make_old_versions(big: Path, old: Path) -> list[str]:
    """Older versions (an extra sentence) of one txt file in an early, middle and late copy."""
    old.mkdir()
    txt = sorted(big.glob("copy00-*.txt"))[0].name.removeprefix("copy00-")
    names = [f"{copy}-{txt}" for copy in EDITED]
    for name in names:
        text = (big / name).read_text(encoding="utf-8")
        (old / name).write_text(text + "\n\nAn older wording of this letter.\n", encoding="utf-8")
    return names


def expected_ids(folder: Path) -> dict[str, set[str]]:
    """The paragraph ids a clean ingest of `folder` stores, by file."""
    manifest = load_manifest(folder)
    ids = defaultdict(set)
    for file, letters in parse_folder(folder).files:
        for letter in letters:
            version = version_key(file, letter.sha256, manifest_digest(manifest.get(file)))
            ids[file] |= {stored_paragraph_id(p, version) for p in letter.paragraphs}
    return ids


def letters_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "letters"), *args]


def ingest_and_kill(folder: Path, env: dict, fraction: float = 0.1) -> int:
    """Run `letters ingest` on a terminal (so it shows progress) and SIGKILL it mid-way."""
    leader, follower = pty.openpty()
    # A real terminal size: on a 0-column pty tqdm draws nothing.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    process = subprocess.Popen(
        letters_command("ingest", str(folder)), env=env, stderr=follower, stdout=subprocess.DEVNULL
    )
    os.close(follower)
    output, deadline = b"", time.monotonic() + 420  # under pytest's own 600 s timeout
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([leader], [], [], 0.5)[0]:
                output += read_terminal(leader)
            done = [(int(a), int(b)) for a, b in PROGRESS.findall(output)]
            if done and done[-1][0] >= fraction * done[-1][1]:
                process.send_signal(signal.SIGKILL)
                break
    finally:
        if process.poll() is None and time.monotonic() >= deadline:
            process.kill()  # never reached the kill point: the assertions will say so
        process.wait(timeout=60)
        os.close(leader)
    return process.returncode


def read_terminal(leader: int) -> bytes:
    try:
        return os.read(leader, 65536)
    except OSError:  # EIO: the process closed its terminal
        return b""


def committed_ids(index_dir: Path) -> dict[str, list[str]]:
    """Ids of the paragraphs whose version is recorded as complete, by file (what a reader
    sees once the next run has dropped unrecorded leftovers)."""
    collections = Collections(make_client(index_dir), "letters")
    current = {f: r.version for f, r in collections.records().items() if not r.skipped}
    by_file = defaultdict(list)
    for pid, file, version in collections.snapshot():
        if current.get(file) == version:
            by_file[file].append(pid)
    return by_file


def test_killed_ingest_leaves_whole_files_and_heals(tmp_path, dev_letters, embedder):
    big, index_dir = tmp_path / "big", tmp_path / "index"
    make_big_folder(dev_letters, big)
    edited = make_old_versions(big, tmp_path / "old")
    env = os.environ | {"LETTERS_INDEX_DIR": str(index_dir), "LETTERS_COLLECTION": "letters"}
    env.pop("LETTERS_CHROMA_URL", None)
    subprocess.run(letters_command("ingest", str(tmp_path / "old")), env=env, check=True)
    old, new = expected_ids(tmp_path / "old"), expected_ids(big)

    assert ingest_and_kill(big, env) == -signal.SIGKILL  # killed, not finished

    seen = committed_ids(index_dir)
    assert len(new) > len(seen) > len(old)  # killed mid-way, after some files were committed
    assert set(seen[edited[0]]) == new[edited[0]]  # the early copy: already replaced
    assert set(seen[edited[-1]]) == old[edited[-1]]  # the late copy: still the old version
    for file in edited:
        assert sorted(seen[file]) in (sorted(old[file]), sorted(new[file]))
    for file, ids in seen.items():
        assert set(ids) == new[file] or file in edited, f"half a file: {file}"

    letter_index = LetterIndex(make_client(index_dir), embedder, collection="letters")
    report = letter_index.sync(big)
    stored = [p.id for p in letter_index.paragraphs()]
    assert Counter(stored).most_common(1)[0][1] == 1  # no duplicate ids
    assert set(stored) == set().union(*new.values())  # exactly a clean ingest's paragraphs
    assert letter_index.count() == sum(len(ids) for ids in new.values())
    assert not any("older wording" in p.text for p in letter_index.paragraphs())
    assert len(report.added) + len(report.updated) + len(report.unchanged) == len(new)
    # every stored paragraph has its sentence vectors, and no sentence record outlives its own
    assert letter_index._collections.sentence_ids() == set(stored)
    assert not letter_index.sentence_vectors().missing
