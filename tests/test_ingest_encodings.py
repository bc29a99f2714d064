"""The same letter saved in every common encoding reads the same."""

from __future__ import annotations

import pytest

from ingest import read_source
from ingest.source import discover
from tests.conftest import DEV_LETTERS

FRENCH = (DEV_LETTERS / "france-2009.txt").read_text(encoding="utf-8")
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252"]


def paragraphs_of(path):
    return [
        (p.kind, p.number, p.text)
        for letter in read_source(discover(path)[0])
        for p in letter.paragraphs
    ]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    path = tmp_path_factory.mktemp("utf8") / "france.txt"
    path.write_bytes(FRENCH.encode("utf-8"))
    return paragraphs_of(path)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_gives_identical_paragraphs(tmp_path, reference, encoding):
    path = tmp_path / "france.txt"
    path.write_bytes(FRENCH.replace("\n", "\r\n").encode(encoding))
    assert paragraphs_of(path) == reference
    assert any("des Affaires étrangères et européennes" in text for _k, _n, text in reference)


def test_latin1_letter_without_euro_signs(tmp_path):
    text = FRENCH.replace("œ", "oe")
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("latin-1"))
    assert paragraphs_of(tmp_path / "a.txt") == paragraphs_of(tmp_path / "b.txt")
