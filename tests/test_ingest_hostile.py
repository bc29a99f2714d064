"""Hostile letters at ingest: a 100,000-character paragraph, a letter of 5,000 paragraphs,
zero-width and right-to-left characters, NUL bytes: read without error, offsets exact, memory
bounded; and the 5,000-paragraph letter renders as a letter page and panel."""

from __future__ import annotations

import tracemalloc

import pytest

from index.records import from_record, stored_paragraph_id, to_metadata
from ingest import discover, read_source
from ingest.extract import extract
from ui.letter_view import letter_page_html, letter_panel_html, letter_record

HEAD = "MINISTRY OF FOREIGN AFFAIRS\nVADUZ, LIECHTENSTEIN\n\n4 May 2011\n\nDear Mr. Goose,\n\n"
TAIL = "\n\nYours sincerely,\n\nAnna Beck\nDirector, Security Policy\n"
ODD = "Zero\u200bwidth\u200d joiners, \u202eRTL override\u202c, שלום, السلام, NUL\x00byte"


def many_paragraphs(n: int) -> str:
    body = "\n\n".join(f"{i}. Liechtenstein item {i} on stockpile destruction." for i in range(n))
    return HEAD + body + TAIL


def one_long_paragraph(chars: int) -> str:
    words = "Liechtenstein has never used cluster munitions " * (chars // 40)
    return HEAD + "1. " + words[:chars] + "\n\n2. A short second paragraph." + TAIL


def read_measured(path):
    """The letters of `path` and the peak memory (MB) Python allocated while reading them."""
    read_source(discover(path)[0])  # imports and caches first: they are not the file's cost
    tracemalloc.start()
    try:
        letters = read_source(discover(path)[0])
        return letters, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def body(letter):
    return [p for p in letter.paragraphs if p.kind == "body"]


def test_a_100k_character_paragraph_is_one_paragraph(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(one_long_paragraph(100_000), encoding="utf-8")
    (letter,), peak = read_measured(path)
    longest = max(letter.paragraphs, key=lambda p: len(p.text))
    assert len(longest.text) >= 100_000 and longest.number == "1"
    assert peak < 100, f"{peak:.0f} MB to read a 100 KB file"


def test_a_letter_of_5000_paragraphs_keeps_every_one_in_order(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text(many_paragraphs(5000), encoding="utf-8")
    (letter,), peak = read_measured(path)
    paragraphs = body(letter)
    assert [p.text.split()[3] for p in paragraphs] == [str(i) for i in range(5000)]
    text = extract(discover(path)[0]).text
    assert all(text[p.start : p.end].startswith(f"{i}. ") for i, p in enumerate(paragraphs))
    assert peak < 200, f"{peak:.0f} MB to read a 5,000-paragraph letter"


def test_the_5000_paragraph_letter_renders_as_page_and_panel(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text(many_paragraphs(5000), encoding="utf-8")
    (letter,) = read_source(discover(path)[0])
    stored = [
        from_record(stored_paragraph_id(p, "v1"), p.text, to_metadata(letter, p, "v1"))
        for p in letter.paragraphs
    ]
    record = letter_record(stored)
    page = letter_page_html(record, "/static/letter.css")
    assert page.count('<p class="para kind-body"') == 5000
    assert "item 4999 on stockpile" in letter_panel_html(record, cited=4000)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_zero_width_rtl_and_nul_characters_are_read(tmp_path, encoding):
    path = tmp_path / "odd.txt"
    path.write_bytes((HEAD + f"1. {ODD}.\n\n2. Another paragraph." + TAIL).encode(encoding))
    (letter,) = read_source(discover(path)[0])
    first = body(letter)[0].text
    assert "\x00" not in first and "NULbyte" in first  # the NUL dropped, the rest kept
    assert "\u200b" in first and "\u202e" in first and "שלום" in first
    assert letter.state == "Liechtenstein" and letter.signatory == "Anna Beck"


def test_text_that_is_mostly_control_bytes_is_still_refused(tmp_path):
    from ingest import SkipFile

    path = tmp_path / "nul.txt"
    path.write_bytes(b"Dear Sir,\x00\x01\x02\x03" * 50)
    with pytest.raises(SkipFile, match="binary or garbled"):
        read_source(discover(path)[0])
