"""Bad files are skipped with a one-line reason; the good files beside them are still read."""

from __future__ import annotations

import hashlib
import random
import shutil

import pymupdf
import pytest

from ingest import MAX_BYTES, parse_folder
from ingest.errors import SourceNotFound
from ingest.source import discover
from tests.conftest import DEV_LETTERS

LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation.\n\n"
) * 6
CSV = "id,country,amount,updated\n" + "".join(
    f"{i},Country {i},{i * 1000},2009-0{1 + i % 9}-1{i % 9}\n" for i in range(200)
)


def encrypted_pdf(path):
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "Dear Mr. Goose, secret letter.")
    document.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    shutil.copy(DEV_LETTERS / "pakistan-2009.txt", root)
    shutil.copy(DEV_LETTERS / "uk-2011.pdf", root)
    (root / "empty.txt").write_bytes(b"")
    (root / "garbage.txt").write_bytes(random.Random(7).randbytes(4096))
    (root / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    (root / "corrupt.docx").write_bytes(random.Random(8).randbytes(2048))
    (root / "corrupt.png").write_bytes(random.Random(9).randbytes(2048))
    encrypted_pdf(root / "locked.pdf")
    (root / "lorem.txt").write_text(LOREM, encoding="utf-8")
    (root / "dump.txt").write_text(CSV, encoding="utf-8")
    with (root / "huge.txt").open("wb") as stream:
        stream.truncate(50 * 2**20)
    return root


@pytest.fixture(scope="module")
def report(folder):
    return parse_folder(folder)


EXPECTED_REASONS = {
    "empty.txt": "empty file",
    "garbage.txt": "binary",
    "table.xlsx": "unsupported file type '.xlsx'",
    "corrupt.pdf": "corrupt PDF",
    "corrupt.docx": "not a readable .docx",
    "corrupt.png": "not a readable image",
    "locked.pdf": "password-protected PDF",
    "lorem.txt": "not a letter",
    "dump.txt": "not a letter",
    "huge.txt": "too large: 50.0 MB",
}


@pytest.mark.parametrize("name", sorted(EXPECTED_REASONS))
def test_each_bad_file_is_skipped_with_its_reason(report, name):
    reasons = {s.file: s.reason for s in report.skipped}
    assert EXPECTED_REASONS[name] in reasons[name]
    assert "\n" not in reasons[name] and "Traceback" not in reasons[name]


def test_good_files_beside_them_are_read(report):
    assert [file for file, _letters in report.files] == ["pakistan-2009.txt", "uk-2011.pdf"]
    assert len(report.letters) == 3
    assert len(report.skipped) == len(EXPECTED_REASONS)


def test_a_huge_file_is_hashed_from_its_first_megabyte_only(folder):
    (huge,) = [s for s in discover(folder) if s.file == "huge.txt"]
    assert huge.size > MAX_BYTES
    assert huge.sha256 == hashlib.sha256(bytes(2**20) + str(huge.size).encode()).hexdigest()


def test_the_report_describes_skips_in_one_line_each(report):
    text = report.describe()
    assert "SKIPPED locked.pdf: password-protected PDF" in text
    assert text.splitlines()[-1] == f"3 letters in 2 files, {len(EXPECTED_REASONS)} skipped"


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(SourceNotFound, match="no such file or folder"):
        parse_folder(tmp_path / "nowhere")


def test_hidden_files_and_the_manifest_are_not_letters(tmp_path):
    shutil.copy(DEV_LETTERS / "japan-2009.txt", tmp_path)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "letters.csv").write_text("file,letter_index,state\n", encoding="utf-8")
    assert [s.file for s in discover(tmp_path)] == ["japan-2009.txt"]


def test_a_file_that_cannot_be_opened_is_skipped_not_fatal(tmp_path, monkeypatch):
    import ingest.source

    (tmp_path / "good.txt").write_text(
        "Ministry of Foreign Affairs\n\n12 March 2009\n\nDear Sir,\n\n1. We ban them.\n\n"
        "Yours sincerely,\n\nA. Name\n",
        encoding="utf-8",
    )
    (tmp_path / "locked.txt").write_text("text", encoding="utf-8")
    real_hash, real_open = ingest.source.file_hash, ingest.source.Path.open

    def refuse_locked(opener):
        def guarded(path, *args, **kwargs):
            if path.name == "locked.txt":
                raise PermissionError(13, "Permission denied")
            return opener(path, *args, **kwargs)

        return guarded

    # root reads any file whatever its mode: simulate the refusal where the bytes are read
    monkeypatch.setattr(ingest.source, "file_hash", refuse_locked(real_hash))
    monkeypatch.setattr(ingest.source.Path, "open", refuse_locked(real_open))
    report = parse_folder(tmp_path)
    assert [s.file for s in report.skipped] == ["locked.txt"]
    assert "Permission" in report.skipped[0].reason
    assert [f for f, _ in report.files] == ["good.txt"]


def test_a_manifest_date_is_read_as_iso_or_refused(tmp_path):
    from ingest import ManifestError, load_manifest

    (tmp_path / "letters.csv").write_text(
        "file,letter_index,date\na.txt,0,16 February 2009\n", encoding="utf-8"
    )
    assert load_manifest(tmp_path) == {"a.txt": {"0": {"date": "2009-02-16"}}}
    (tmp_path / "letters.csv").write_text("file,letter_index,date\na.txt,0,soon\n", "utf-8")
    with pytest.raises(ManifestError, match="YYYY-MM-DD"):
        load_manifest(tmp_path)
