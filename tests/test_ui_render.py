"""Pure rendering of the web side: dates, highlights, escaping, cards, letter views, headers."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rag.errors import EmptyQuestion, QuestionTooLong
from ui.api import checked_question, status_of
from ui.cards import answer_html, citation_card, sources_html, transcript_html
from ui.errors import BadOrigin
from ui.letter_view import letter_page_html, letter_panel_html, letter_record
from ui.security import checked_origins, widget_csp
from ui.text import format_date, highlight, merge_spans, paragraph_label, permalink
from ui.widget import widget_page

PAYLOAD = '<script>window.__xss=1</script> <img src=x onerror="window.__xss=1"> [x](javascript:1)'


def citation(**changes) -> dict:
    base = {
        "n": 1, "letter_id": "abc:1", "state": "Pakistan", "sender": "Ministry of Foreign Affairs",
        "date": "2009-02-16", "paragraph_number": "4", "ordinal": 9, "page": None,
        "text": "4. Pakistan does not support solutions.", "highlights": [[3, 39]],
        "footnote": 'Letter from "Dr. X", para. 4.',
    }  # fmt: skip
    return base | changes


def paragraph(ordinal: int, text: str, number: str | None = None):
    return SimpleNamespace(
        letter_id="abc:1", file="pakistan-2009.txt", letter_index=1, format="txt",
        state="Pakistan", date="2009-02-16", sender="Ministry of Foreign Affairs",
        signatory="Dr. X", signatory_title="Director", recipient="S. Goose", reference=None,
        language="en", id=f"p{ordinal}", ordinal=ordinal, number=number, kind="body", page=None,
        ocr=False, start=0, end=len(text), text=text,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("iso", "shown"),
    [("2009-02-16", "16 February 2009"), ("2011-06-08", "8 June 2011"), ("2009-03", "March 2009"),
     ("2009", "2009"), (None, "undated"), ("not a date", "not a date")],
)  # fmt: skip
def test_dates_read_like_a_footnote(iso, shown):
    assert format_date(iso) == shown


def test_paragraph_label_prefers_the_printed_number():
    assert paragraph_label("4", 9) == "¶ 4"
    assert paragraph_label(None, 9) == "unnumbered ¶ 9"


def test_permalink_quotes_the_letter_id():
    assert permalink("ab/c:1", 4) == "/letters/ab%2Fc%3A1#p4"


def test_spans_are_sorted_merged_and_clipped():
    assert merge_spans([[5, 8], [0, 2], [7, 10], [3, 3], [9, 99]], 12) == [(0, 2), (5, 12)]


def test_highlight_escapes_inside_and_outside_marks():
    assert highlight("a <b> c & d", [[2, 5]]) == "a <mark>&lt;b&gt;</mark> c &amp; d"


def test_answer_text_is_escaped_and_markers_link_to_cards():
    html = answer_html(f"Quoted {PAYLOAD} [1]\n\n- one [2]\n- two", turn=3)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "[x](javascript:1)" in html
    assert 'href="#lt-t3-c1"' in html and 'href="#lt-t3-c2"' in html
    assert html.count("<li>") == 2


def test_card_shows_metadata_and_escapes_letter_text():
    html = citation_card(citation(text=PAYLOAD, highlights=[[0, 8]], sender="<b>Ministry</b>"), 0)
    assert "16 February 2009" in html and "¶ 4" in html
    assert "<script" not in html and "<img" not in html and "<b>Ministry" not in html
    assert 'data-footnote="Letter from &quot;Dr. X&quot;, para. 4."' in html
    assert 'href="/letters/abc%3A1#p9"' in html
    assert 'data-highlights="[[0, 8]]"' in html


def test_a_table_row_card_shows_its_column_labels_escaped():
    row = citation(text="Mine Ban Treaty | 1997", kind="table_row", labels=["Treaty", "<i>Year"])
    html = citation_card(row, 0)
    assert 'class="lt-card-labels">Columns: Treaty | &lt;i&gt;Year</p>' in html
    assert "lt-card-labels" not in citation_card(citation(), 0)


def test_abstained_answers_offer_the_closest_paragraphs():
    answer = {"abstained": True, "citations": [], "retrieved": [citation(), citation(n=None)]}
    html = sources_html(answer, 0)
    assert "See also" in html and html.count('class="lt-card"') == 2


def test_transcript_shows_errors_and_pending_turns():
    html = transcript_html([
        {"question": "<i>q</i>", "error": "The question has 2000 characters; the limit is 1000."},
        {"question": "next", "partial": ""},
    ])  # fmt: skip
    assert "&lt;i&gt;q&lt;/i&gt;" in html and 'role="alert"' in html and "the limit is 1000" in html
    assert "Searching the letters" in html and 'aria-busy="true"' in html


def test_letter_panel_highlights_the_cited_paragraph_and_escapes():
    record = letter_record([paragraph(1, "HEADER"), paragraph(2, PAYLOAD, "1")])
    html = letter_panel_html(record, cited=2, highlights=[(0, 8)])
    assert 'class="lt-lp lt-cited" aria-current="true" id="lt-lp-2"' in html
    assert "<mark>&lt;script&gt;</mark>" in html and html.count("<mark>") == 1
    assert "<script" not in html and "&lt;img src=x" in html
    assert record["paragraphs"][1]["permalink"] == "/letters/abc%3A1#p2"


def test_letter_page_has_paragraph_anchors_and_no_script():
    record = letter_record([paragraph(1, "HEADER"), paragraph(2, PAYLOAD, "1")])
    page = letter_page_html(record, "/ui-static/letter.css")
    assert 'id="p2"' in page and "<script" not in page and "Ministry of Foreign Affairs" in page


def test_widget_page_escapes_its_title():
    page = widget_page('<script>alert(1)</script>"', 1000, embedded=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in page
    assert 'data-max-chars="1000"' in page


def test_widget_may_be_framed_by_allowed_origins_and_localhost():
    csp = widget_csp(["https://the-monitor.org"])
    assert (
        "frame-ancestors 'self' https://the-monitor.org http://localhost:* http://127.0.0.1:*"
        in csp
    )
    assert "script-src 'self'" in csp


def test_origins_that_could_inject_headers_are_refused():
    assert checked_origins(["https://a.org/", "http://localhost:8080"]) == [
        "https://a.org", "http://localhost:8080",
    ]  # fmt: skip
    with pytest.raises(BadOrigin, match="not an origin"):
        checked_origins(["https://a.org; script-src *"])


def test_questions_are_stripped_and_capped():
    assert checked_question("  why?  ", 10) == "why?"
    with pytest.raises(EmptyQuestion):
        checked_question("   ", 10)
    with pytest.raises(QuestionTooLong, match="limit is 10"):
        checked_question("x" * 11, 10)


def test_errors_map_to_statuses():
    from index.errors import LetterNotFound

    assert status_of(LetterNotFound("x")) == 404
    assert status_of(QuestionTooLong(11, 10)) == 422
    assert status_of(ValueError()) == 500
