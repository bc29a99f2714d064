"""Property tests: for any text, offsets slice each paragraph and paragraphs never overlap."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.assemble import assemble_letters
from ingest.extracted import ExtractedText

# Lines built from letter-like pieces so that every code path (numbers, dates, salutations,
# closings, bullets, footers, page breaks, big gaps) is reached, not only random noise.
PIECES = st.sampled_from([
    "-----", "* * *",
    "Dear Sir,", "Yours sincerely,", "2.", "(a)", "iv.", "•", "- 1 -", "\f", "16 February 2009",
    "EMBASSY OF CHILE", "No. 12/2009", "muni-", "tions", "the", "Convention", "Mr. Goose",
    "Washington, DC 20009", ".", ":", ";", " ", "  ", "\t", "é", "Ω",
])  # fmt: skip
LINE = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=8).map(" ".join)
TEXT = st.lists(st.one_of(LINE, st.just(""), st.just("\f")), max_size=40).map("\n".join)
PLAIN = st.text(alphabet=st.characters(blacklist_characters="-•·▪◦○●‣∙*–—\f\r"), max_size=400)


def paragraphs(text: str):
    letters = assemble_letters(ExtractedText(text, "txt"), "f.txt", "0" * 64)
    return [p for letter in letters for p in letter.paragraphs]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, st.text(max_size=300)))
def test_offsets_are_exact_ordered_and_disjoint(text):
    end = 0
    for p in paragraphs(text):
        raw = text[p.start : p.end]
        assert raw and raw == raw.strip()
        assert end <= p.start < p.end <= len(text)
        assert raw.split()[0][:1] == p.text.split()[0][:1]
        end = p.end


@settings(max_examples=300, deadline=None)
@given(PLAIN)
def test_without_hyphens_or_page_breaks_the_slice_is_the_paragraph(text):
    """No hyphenation to undo and nothing to rejoin: only whitespace may differ."""
    for p in paragraphs(text):
        assert squash(text[p.start : p.end]) == squash(p.text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_ordinals_and_ids_follow_the_order_of_paragraphs(text):
    letters = assemble_letters(ExtractedText(text, "txt"), "f.txt", "ab" * 32)
    for letter in letters:
        assert [p.ordinal for p in letter.paragraphs] == list(range(1, len(letter.paragraphs) + 1))
        assert all(p.id == f"{letter.id}-{p.ordinal - 1}" for p in letter.paragraphs)
