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


# Checked by hand against each letter of letters-dev-2 (the note verbale carries no signature).
SENDERS2 = {
    ("espana_maec_2009_escaneado.pdf", 0): (
        "Ministerio de Asuntos Exteriores y de Cooperación (Madrid)",
        "Carmen Olmedo Barrientos",
    ),
    ("mexico_sre_2010.docx", 0): (
        "Secretaría de Relaciones Exteriores (México)",
        "Mtro. Ernesto Valdivia Ruelas",
    ),
    ("mozambique_mnec_2011.pdf", 0): (
        "Ministério dos Negócios Estrangeiros e Cooperação (Maputo)",
        "Amílcar Jossias Tembe",
    ),
    ("netherlands_email_2011.html", 0): (
        "Ministry of Foreign Affairs of the Kingdom of the Netherlands (The Hague)",
        "Pieter W. van Oosterbeek",
    ),
    ("netherlands_note_verbale_2008.txt", 0): (
        "Permanent Mission of the Kingdom of the Netherlands to the United Nations Office and"
        " Other International Organisations (Geneva)",
        None,
    ),
    ("new_zealand_mfat_2010.md", 0): (
        "Ministry of Foreign Affairs and Trade | Manatū Aorere (Wellington)",
        "Dr Hana Te Awe Whitcombe",
    ),
    ("philippines_embassy_dfa_2009.txt", 0): (
        "Embassy of the Republic of the Philippines (Washington)",
        "Ma. Lourdes P. Escaño-Reyes",
    ),
    ("philippines_embassy_dfa_2009.txt", 1): (
        "Department of Foreign Affairs (Metro Manila)",
        "Eduardo M. Sison-Lacson",
    ),
    ("switzerland_dfae_2012.docx", 0): (
        "Département fédéral des affaires étrangères DFAE (Berne)",
        "Béatrice Dellenbach-Rochat",
    ),
}
RECIPIENTS2 = {
    ("mozambique_mnec_2011.pdf", 0): "Stephen D. Goose",
    ("switzerland_dfae_2012.docx", 0): "Stephen D. Goose",
    ("netherlands_note_verbale_2008.txt", 0): "Human Rights Watch",
}
REFERENCES2 = {
    ("mexico_sre_2010.docx", 0): "DGONU/DES/2417/10",
    ("mozambique_mnec_2011.pdf", 0): "412/DOCI/MINEC/2011",
    ("new_zealand_mfat_2010.md", 0): "ISD/CM/10/027",
    ("switzerland_dfae_2012.docx", 0): "341.82-CM/2012/DEL",
}


@pytest.mark.parametrize("key", sorted(SENDERS2), ids=[f"{f}-{i}" for f, i in sorted(SENDERS2)])
def test_dev2_senders_and_signatories_checked_by_hand(dev2_report, key):
    letters = {(letter.file, letter.index): letter for letter in dev2_report.letters}
    letter = letters[key]
    assert (letter.sender, letter.signatory) == SENDERS2[key]
    assert key not in RECIPIENTS2 or letter.recipient == RECIPIENTS2[key]
    assert key not in REFERENCES2 or letter.reference == REFERENCES2[key]


def test_dev2_signature_titles_hold_no_enclosure_lines_or_scribbles(dev2_report):
    for letter in dev2_report.letters:
        title = letter.signatory_title or ""
        assert "Annexe" not in title and "Copie" not in title, letter.file
    spain = next(x for x in dev2_report.letters if x.file.startswith("espana"))
    assert spain.signatory_title.startswith("Subdirectora General de No Prolifera")
    swiss = next(x for x in dev2_report.letters if x.file.startswith("switzerland"))
    assert [p.kind for p in swiss.paragraphs][-2:] == ["enclosure", "enclosure"]


def test_dev2_languages_and_the_portuguese_letter(dev2_report):
    languages = {letter.file: letter.language for letter in dev2_report.letters}
    assert languages["mozambique_mnec_2011.pdf"] == "pt"
    assert languages["switzerland_dfae_2012.docx"] == "fr"
    assert languages["mexico_sre_2010.docx"] == languages["espana_maec_2009_escaneado.pdf"] == "es"


def test_dev2_email_header_disclaimer_and_table_kinds(dev2_report):
    by_file = {letter.file: letter for letter in dev2_report.letters}
    mail = [p.kind for p in by_file["netherlands_email_2011.html"].paragraphs]
    assert mail[0] == "email_header" and mail[1] == "letterhead"
    assert mail[-2:] == ["disclaimer", "disclaimer"]
    rows = [p for p in by_file["mexico_sre_2010.docx"].paragraphs if p.kind == "table_row"]
    assert len(rows) == 5 and rows[2].labels[:2] == ("Instrumento", "Firma")
