"""`letters parse PATH [--json]` through the real Typer app."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from tests.conftest import DEV_LETTERS
from ui.cli import app

LETTER_KEYS = {
    "index", "state", "date", "sender", "signatory", "recipient", "reference", "language",
    "provenance", "paragraphs",
}  # fmt: skip
PARAGRAPH_KEYS = {
    "id", "kind", "number", "ordinal", "text", "start", "end", "page", "ocr", "labels",
}  # fmt: skip


def test_parse_json_has_exactly_the_contract_keys(tmp_path):
    shutil.copy(DEV_LETTERS / "pakistan-2009.txt", tmp_path)
    shutil.copy(DEV_LETTERS / "australia-2011.pdf", tmp_path)
    (tmp_path / "notes.xyz").write_text("x")
    result = CliRunner().invoke(app, ["parse", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"files", "skipped", "warnings"}
    assert all(f["coverage"]["ratio"] == 1.0 for f in data["files"])
    assert [f["file"] for f in data["files"]] == ["australia-2011.pdf", "pakistan-2009.txt"]
    assert data["skipped"][0]["file"] == "notes.xyz" and set(data["skipped"][0]) == {
        "file",
        "reason",
    }
    letters = [letter for f in data["files"] for letter in f["letters"]]
    assert all(set(letter) == LETTER_KEYS for letter in letters)
    paragraphs = [p for letter in letters for p in letter["paragraphs"]]
    assert all(set(p) == PARAGRAPH_KEYS for p in paragraphs)
    ministry = letters[2]
    assert ministry["date"] == "2009-02-16" and ministry["reference"] is None
    fourth = next(p for p in ministry["paragraphs"] if p["number"] == "4")
    assert fourth["kind"] == "body" and fourth["page"] is None and fourth["ocr"] is False
    assert {p["page"] for p in letters[0]["paragraphs"]} == {1, 2}


def test_parse_text_lists_letters_and_paragraphs():
    result = CliRunner().invoke(app, ["parse", str(DEV_LETTERS / "laos-2009.txt")])
    assert result.exit_code == 0
    assert "laos-2009.txt [letter 1] 2009-03-12 Laos (en)" in result.stdout
    assert "signed: Khamphao Sisouvanh" in result.stdout
    assert result.stdout.strip().endswith("2 letters in 1 files, 0 skipped")


def test_parse_of_a_missing_path_is_one_line_without_traceback(tmp_path):
    result = CliRunner().invoke(app, ["parse", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output and "Traceback" not in result.output
