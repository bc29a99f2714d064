"""Fuzzing ingest: random bytes and mutated dev-corpus files in every format are read as letters
or skipped with a one-line reason, within the per-file time limit; a reader that hangs or
crashes is stopped and reported, and the next file is still read."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import (
    SUPPORTED,
    IsolatedReader,
    ParsedFile,
    SkipFile,
    discover,
    parse_folder,
    parse_source,
)  # fmt: skip
from tests.conftest import DEV, DEV_LETTERS

DEV_2 = DEV.parent / "letters-dev-2" / "letters"
LIMIT = 20.0  # seconds per file in these tests (the default is FILE_SECONDS)
SEEDS = {  # one file per format and per kind of odd content
    "pakistan-2009.txt": DEV_LETTERS / "pakistan-2009.txt",
    "note-utf16.txt": DEV_2 / "netherlands_note_verbale_2008.txt",
    "mfat.md": DEV_2 / "new_zealand_mfat_2010.md",
    "norway-2009.html": DEV_LETTERS / "norway-2009.html",
    "email.html": DEV_2 / "netherlands_email_2011.html",
    "uk-2011.pdf": DEV_LETTERS / "uk-2011.pdf",
    "canada-2009.docx": DEV_LETTERS / "canada-2009.docx",
    "table.docx": DEV_2 / "mexico_sre_2010.docx",
}
FUZZ = settings(
    max_examples=20, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip


@pytest.fixture(scope="module")
def reader():
    isolated = IsolatedReader(seconds=LIMIT)
    yield isolated
    isolated.close()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    """The seed files' bytes, plus a PNG rendered from a PDF page (the corpora hold no image)."""
    found = {name: path.read_bytes() for name, path in SEEDS.items()}
    with pymupdf.open(SEEDS["uk-2011.pdf"]) as document:
        found["page.png"] = document[0].get_pixmap(dpi=40).tobytes("png")
    return found


def read_file(reader, folder: Path, name: str, data: bytes) -> ParsedFile | str:
    """The parsed file, or the skip reason; fails on anything else or on a read over the limit."""
    path = folder / name
    path.write_bytes(data)
    started = time.monotonic()
    try:
        return reader(discover(path)[0], None, False)  # no OCR: Tesseract has its own limit
    except SkipFile as error:
        reason = str(error)
        assert reason and "\n" not in reason and "Traceback" not in reason, reason
        return reason
    finally:
        assert time.monotonic() - started < LIMIT + 10


@st.composite
def mutated(draw, seeds: dict[str, bytes]) -> tuple[str, bytes]:
    """A seed file with a few bytes flipped, inserted, deleted, or its end cut off."""
    name = draw(st.sampled_from(sorted(seeds)))
    data = bytearray(seeds[name])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "zero"]))
        if action == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 512))]
        elif action == "truncate":
            del data[at:]
        else:
            data[at : at + 256] = bytes(len(data[at : at + 256]))
    return name, bytes(data)


def test_random_bytes_in_every_format_are_read_or_skipped(reader, tmp_path):
    @FUZZ
    @given(st.sampled_from(SUPPORTED), st.binary(min_size=1, max_size=4096))
    def check(suffix, data):
        read_file(reader, tmp_path, f"random{suffix}", data)

    check()


@pytest.mark.parametrize("name", [*SEEDS, "page.png"])
def test_mutated_dev_files_are_read_or_skipped(reader, seeds, tmp_path, name):
    @FUZZ
    @given(mutated({name: seeds[name]}))
    def check(case):
        read_file(reader, tmp_path, *case)

    check()


def test_the_seed_files_themselves_are_read(reader, seeds, tmp_path):
    for name in SEEDS:
        assert isinstance(read_file(reader, tmp_path, name, seeds[name]), ParsedFile), name


def hang(source, manifest=None, ocr=True):
    """A reader stuck in a C library on PDFs (it ignores every signal but SIGKILL)."""
    if source.suffix != ".pdf":
        return parse_source(source, manifest, ocr)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    time.sleep(3600)


def crash(source, manifest=None, ocr=True):
    """A reader that takes the interpreter down (a segfault in a parser)."""
    os.kill(os.getpid(), signal.SIGSEGV)


def test_a_hanging_reader_is_stopped_and_the_next_file_read(seeds, tmp_path):
    stuck = IsolatedReader(seconds=2, read=hang)
    try:
        started = time.monotonic()
        reason = read_file(stuck, tmp_path, "stuck.pdf", seeds["uk-2011.pdf"])
        assert "took over 2 s and was stopped" in reason
        assert time.monotonic() - started < 15
        # the real reader in a fresh worker (whose first PDF also imports pymupdf)
        stuck.read, stuck.seconds = IsolatedReader().read, LIMIT
        assert isinstance(read_file(stuck, tmp_path, "uk.pdf", seeds["uk-2011.pdf"]), ParsedFile)
    finally:
        stuck.close()


def test_a_crashing_reader_costs_one_skipped_file(seeds, tmp_path):
    broken = IsolatedReader(seconds=LIMIT, read=crash)
    try:
        reason = read_file(broken, tmp_path, "crash.docx", seeds["canada-2009.docx"])
        assert reason.startswith("the reader failed on this file")
    finally:
        broken.close()


def test_a_folder_with_a_hanging_file_reports_it_and_reads_the_rest(seeds, tmp_path):
    (tmp_path / "pakistan-2009.txt").write_bytes(seeds["pakistan-2009.txt"])
    (tmp_path / "stuck.pdf").write_bytes(seeds["uk-2011.pdf"])
    stuck = IsolatedReader(seconds=2, read=hang)
    try:
        report = parse_folder(tmp_path, read=stuck)
    finally:
        stuck.close()
    assert [file for file, _ in report.files] == ["pakistan-2009.txt"]
    assert [(s.file, "was stopped" in s.reason) for s in report.skipped] == [("stuck.pdf", True)]
