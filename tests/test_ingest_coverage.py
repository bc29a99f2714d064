"""The no-content-lost invariant on every file of both dev corpora, and the second corpus's
gold quotes, dates and states."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest import extract, parse_folder
from ingest.source import discover
from tests.conftest import DEV_LETTERS

DEV2 = DEV_LETTERS.parent.parent / "letters-dev-2"
CORPORA = {"dev": DEV_LETTERS, "dev2": DEV2 / "letters"}


def squash(text: str) -> str:
    return " ".join(text.split())


def alnum(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request) -> tuple[Path, object]:
    root = CORPORA[request.param]
    if not root.is_dir():
        pytest.fail(f"the development corpus is missing: {root}")
    return root, parse_folder(root)


@pytest.fixture(scope="module")
def dev2_report():
    return parse_folder(DEV2 / "letters")


def test_every_file_is_parsed_with_nothing_skipped_or_warned(corpus):
    root, report = corpus
    assert report.skipped == [] and report.warnings == []
    assert len(report.files) == len([p for p in root.iterdir() if p.is_file()])


def test_every_word_lies_in_exactly_one_paragraph(corpus):
    _root, report = corpus
    for file, coverage in report.coverage.items():
        assert coverage.complete and coverage.doubled == 0, (file, coverage)


def test_each_paragraph_holds_the_words_of_its_span(corpus):
    """The paragraph's text is its slice of the extracted text, furniture inside it aside."""
    root, report = corpus
    for file, letters in report.files:
        text = extract(discover(root / file)[0]).text
        for letter in letters:
            for p in letter.paragraphs:
                assert alnum(p.text) in alnum(text[p.start : p.end]), (file, p.ordinal)


def dev2_questions() -> list[dict]:
    path = DEV2 / "questions.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [json.loads(line) for line in lines if line.strip()]


GOLD2 = [
    (q["id"], g["file"], g["letter_index"], g["paragraph_quote"])
    for q in dev2_questions()
    for g in q["gold"]
]


@pytest.mark.parametrize(("qid", "file", "index", "quote"), GOLD2, ids=[g[0] for g in GOLD2])
def test_every_dev2_gold_quote_is_in_exactly_one_paragraph(dev2_report, qid, file, index, quote):
    letters = {(letter.file, letter.index): letter for letter in dev2_report.letters}
    letter = letters[(file, index)]
    hits = [p.ordinal for p in letter.paragraphs if squash(quote) in squash(p.text)]
    assert len(hits) == 1, f"{qid}: {quote!r} found in paragraphs {hits}"


def expected_dev2() -> list[dict]:
    path = DEV2 / "expected-metadata.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


@pytest.mark.parametrize(
    "expected", expected_dev2(), ids=[f"{e['file']}-{e['letter_index']}" for e in expected_dev2()]
)
def test_dev2_dates_and_states_match_the_expected_metadata(dev2_report, expected):
    letters = {(letter.file, letter.index): letter for letter in dev2_report.letters}
    letter = letters[(expected["file"], expected["letter_index"])]
    assert letter.date == expected["date"]
    assert letter.state in expected["state"].split("|")
