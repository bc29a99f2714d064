"""The development corpus parsed for real: letters, quotes, dates, states, senders."""

from __future__ import annotations

import json

import pytest

from ingest import parse_folder, read_source
from ingest.source import discover
from tests.conftest import DEV, DEV_LETTERS, load_questions


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report(dev_letters):
    return parse_folder(dev_letters)


@pytest.fixture(scope="module")
def by_key(report):
    return {(letter.file, letter.index): letter for letter in report.letters}


@pytest.fixture(scope="module")
def pakistan():
    return read_source(discover(DEV_LETTERS / "pakistan-2009.txt")[0])


def test_every_dev_file_parses_with_no_skip(report):
    assert report.skipped == []
    assert len(report.files) == len([p for p in DEV_LETTERS.iterdir() if p.is_file()])
    assert len(report.letters) == 16


def test_pakistan_holds_the_cover_letter_and_the_ministry_letter(pakistan):
    cover, ministry = pakistan
    assert (cover.date, ministry.date) == ("2009-02-24", "2009-02-16")
    assert "Embassy of Pakistan" in cover.sender and "Washington" in cover.sender
    assert "Ministry of Foreign Affairs" in ministry.sender and "Islamabad" in ministry.sender
    assert (cover.signatory, ministry.signatory) == ("Mumtaz Zahra Baloch", "Dr. Irfan Yusuf Shami")
    assert cover.reference == "No.Pol.9/4/09"
    assert {cover.state, ministry.state} == {"Pakistan"}
    assert cover.language == ministry.language == "en"


def test_pakistan_ministry_body_keeps_printed_numbers(pakistan):
    body = [p for p in pakistan[1].paragraphs if p.kind == "body"]
    assert [p.number for p in body] == [None, "2", "3", "4"]
    assert body[3].text.startswith("4. Pakistan does not support solutions")


def test_pakistan_signature_name_and_title_are_separate_paragraphs(pakistan):
    kinds = {p.text: p.kind for p in pakistan[1].paragraphs}
    assert kinds["(Dr. Irfan Yusuf Shami)"] == "signature"
    assert (
        kinds["Director General (Disarmament)\nMinistry of Foreign Affairs, Pakistan"]
        == "signature"
    )
    assert kinds["16 February 2009"] == "date"
    assert kinds["Dear Mr. Stephen D. Goose,"] == "salutation"


def test_offsets_point_at_the_raw_paragraph(pakistan):
    from ingest import extract

    text = extract(discover(DEV_LETTERS / "pakistan-2009.txt")[0]).text
    for letter in pakistan:
        for p in letter.paragraphs:
            assert squash(text[p.start : p.end]) == squash(p.text)


GOLD = [
    (q["id"], gold["file"], gold["letter_index"], gold["paragraph_quote"])
    for q in load_questions()
    for gold in q["gold"]
]


@pytest.mark.parametrize(
    ("qid", "file", "index", "quote"), GOLD, ids=[f"{g[0]}-{g[1]}" for g in GOLD]
)
def test_every_gold_quote_is_in_exactly_one_paragraph(by_key, qid, file, index, quote):
    letter = by_key[(file, index)]
    hits = [p.ordinal for p in letter.paragraphs if squash(quote) in squash(p.text)]
    assert len(hits) == 1, f"{qid}: {quote!r} found in paragraphs {hits}"


EXPECTED = json.loads((DEV / "expected-metadata.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "expected", EXPECTED, ids=[f"{e['file']}-{e['letter_index']}" for e in EXPECTED]
)
def test_dates_and_states_match_the_expected_metadata(by_key, expected):
    letter = by_key[(expected["file"], expected["letter_index"])]
    assert letter.date == expected["date"]
    assert letter.state in expected["state"].split("|")


def test_every_letter_has_sender_signatory_or_note_verbale_and_recipient(report):
    for letter in report.letters:
        assert letter.sender, letter.file
        assert letter.recipient, letter.file
        assert letter.language in {"en", "fr"}
        note_verbale = any(
            "NOTE VERBALE" in p.text or "avails itself" in p.text for p in letter.paragraphs
        )
        assert letter.signatory or note_verbale, letter.file


def test_french_letter_is_french_with_its_reference(by_key):
    letter = by_key[("france-2009.txt", 0)]
    assert letter.language == "fr"
    assert letter.reference == "N° 1187/DAS/DC"
    assert letter.signatory == "Philippe Darmont"
    assert "Ministère des Affaires" in letter.sender


def test_paragraph_ids_are_stable_and_unique(report, dev_letters):
    ids = [p.id for letter in report.letters for p in letter.paragraphs]
    assert len(ids) == len(set(ids))
    first = [letter for letter in report.letters if letter.file == "laos-2009.txt"]
    again = parse_folder(dev_letters / "laos-2009.txt").letters
    assert [p.id for letter in again for p in letter.paragraphs] == [
        p.id for letter in first for p in letter.paragraphs
    ]
    sha = first[1].sha256[:16]
    assert first[1].id == f"{sha}-1" and first[1].paragraphs[0].id == f"{sha}-1-0"


SENDERS = {
    ("australia-2011.pdf", 0): ("Department of Foreign Affairs and Trade", "Jennifer Holloway"),
    ("brazil-2008.txt", 0): ("Embassy of Brazil (Washington)", "Ricardo Antunes Pereira"),
    ("brazil-2009.txt", 0): (
        "Ministry of External Relations (Brasília)",
        "Ana Cristina Moura Lins",
    ),
    ("canada-2009.docx", 0): ("Embassy of Canada (Washington)", "Marie-Hélène Tremblay"),
    ("canada-2009.docx", 1): (
        "Foreign Affairs and International Trade Canada (Ottawa)",
        "Robert J. Ashdown",
    ),
    ("france-2009.txt", 0): (
        "Ministère des Affaires Étrangères et Européennes (Paris)",
        "Philippe Darmont",
    ),
    ("germany-2009.docx", 0): ("Federal Foreign Office (Berlin)", "Dr. Matthias Kellner"),
    ("japan-2009.txt", 0): ("Embassy of Japan (Washington)", None),
    ("laos-2009.txt", 0): (
        "Permanent Mission of the Lao People's Democratic Republic to the United Nations"
        " (New York)",
        None,
    ),
    ("laos-2009.txt", 1): ("Ministry of Foreign Affairs (Vientiane)", "Khamphao Sisouvanh"),
    ("lebanon-2009.txt", 0): ("Embassy of Lebanon (Washington)", None),
    ("norway-2009.html", 0): (
        "Royal Norwegian Ministry of Foreign Affairs (Oslo)",
        "Kari Lunde Haugen",
    ),
    ("pakistan-2009.txt", 0): ("Embassy of Pakistan (Washington)", "Mumtaz Zahra Baloch"),
    ("pakistan-2009.txt", 1): ("Ministry of Foreign Affairs (Islamabad)", "Dr. Irfan Yusuf Shami"),
    ("uk-2009.txt", 0): ("Foreign and Commonwealth Office (London)", "Dr Alan Prentice"),
    ("uk-2011.pdf", 0): ("Foreign and Commonwealth Office (London)", "Catherine Walbrook"),
}


@pytest.mark.parametrize("key", sorted(SENDERS), ids=[f"{f}-{i}" for f, i in sorted(SENDERS)])
def test_senders_and_signatories_checked_by_hand(by_key, key):
    """Notes verbales (Japan, Lebanon, the Lao mission) carry no signature."""
    letter = by_key[key]
    assert (letter.sender, letter.signatory) == SENDERS[key]
