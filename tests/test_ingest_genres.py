"""One fixture per genre and format, made here: Word tables with merged cells, Outlook HTML
e-mails, web pages, indentation-separated paragraphs, pasted letters, page footers, notes
verbales dated at the end, Portuguese dates, .odt/.rtf/.doc/.eml; and the no-content-lost
invariant as a property over generated documents."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import SkipFile, read_source
from ingest.dates import find_dates
from ingest.letters import parse_source
from ingest.read_office import antiword_text
from ingest.source import discover
from ingest.states import states_named
from tests.conftest import reply_email

BODY = (
    "The Government ratified the Convention on Cluster Munitions in 2010 and has destroyed "
    "its whole stockpile of cluster munitions."
)


def parsed(path: Path):
    return parse_source(discover(path)[0])


def kinds(letter) -> list[str]:
    return [p.kind for p in letter.paragraphs]


def word_table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def test_word_table_rows_merged_cells_and_header_labels(tmp_path):
    document = docx.Document()
    for text in ("EMBASSY OF CHILE", "16 February 2009", "Dear Mr Goose,", BODY):
        document.add_paragraph(text)
    table = word_table(document, [
        ["Table 1", "", ""],
        ["Treaty", "Signed", "Notes"],
        ["Convention on Cluster Munitions", "3 December 2008", "Both in force"],
        ["Mine Ban Treaty", "3 December 1997", ""],
        ["Source: Ministry", "", ""],
    ])  # fmt: skip
    table.cell(0, 0).merge(table.cell(0, 2))  # a title across the table (gridSpan)
    table.cell(2, 2).merge(table.cell(3, 2))  # one note for two rows (vMerge)
    table.cell(4, 0).merge(table.cell(4, 1))
    table.cell(3, 1).paragraphs[0].add_run().add_break()
    table.cell(3, 1).add_paragraph("(signed in Ottawa)")  # a multi-line cell
    nested = table.cell(1, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "see", "annex"
    for text in ("Yours sincerely,", "Pedro Soto"):
        document.add_paragraph(text)
    document.save(tmp_path / "table.docx")
    result = parsed(tmp_path / "table.docx")
    (letter,) = result.letters
    rows = [p for p in letter.paragraphs if p.kind == "table_row"]
    assert [p.text for p in rows] == [
        "Table 1",
        "Treaty | Signed | Notes see | annex",
        "Convention on Cluster Munitions | 3 December 2008 | Both in force",
        "Mine Ban Treaty | 3 December 1997 (signed in Ottawa) | Both in force",
        "Source: Ministry",
    ]
    assert rows[2].labels == ("Treaty", "Signed", "Notes see | annex") and rows[0].labels == ()
    assert kinds(letter)[-2:] == ["closing", "signature"] and letter.signatory == "Pedro Soto"
    assert result.coverage.complete and result.warnings == ()


def test_a_vertical_merge_without_a_value_continues_the_cell_above(tmp_path):
    document = docx.Document()
    document.add_paragraph(BODY)
    table = word_table(document, [["A", "x"], ["B", "y"], ["C", "z"]])
    cell = table.cell(2, 1)._tc
    properties = cell.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")  # val omitted: "continue"
    properties.append(merge)
    start = table.cell(1, 1)._tc.get_or_add_tcPr()
    restart = OxmlElement("w:vMerge")
    restart.set(qn("w:val"), "restart")
    start.append(restart)
    document.save(tmp_path / "merge.docx")
    (letter,) = parsed(tmp_path / "merge.docx").letters
    assert [p.text for p in letter.paragraphs if p.kind == "table_row"][-1] == "C | y"


TEXT_BOX = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<mc:Choice Requires="wps"><w:txbxContent>{paragraphs}</w:txbxContent></mc:Choice>'
    "<mc:Fallback><w:txbxContent>{paragraphs}</w:txbxContent></mc:Fallback>"
    "</mc:AlternateContent>"
)


def test_a_word_text_box_is_read_once_line_by_line(tmp_path):
    from lxml import etree

    document = docx.Document()
    anchor = document.add_paragraph()
    lines = "".join(
        f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in ("EMBASSY OF CHILE", "Washington")
    )
    anchor.add_run()._r.append(etree.fromstring(TEXT_BOX.format(paragraphs=lines)))
    for text in ("16 February 2009", "Dear Mr Goose,", BODY, "Yours sincerely,", "Pedro Soto"):
        document.add_paragraph(text)
    document.save(tmp_path / "box.docx")
    (letter,) = parsed(tmp_path / "box.docx").letters
    assert letter.paragraphs[0].text == "EMBASSY OF CHILE\nWashington"
    assert letter.sender.startswith("Embassy of Chile") and letter.date == "2009-02-16"


OUTLOOK = """<html><body><div class=WordSection1>
<div style='border:none;border-top:solid #B5C4DF 1.0pt'>
<p class=MsoNormal><b>From:</b> Ruiz, Ana [mailto:ana@mre.example]<br><b>Sent:</b> Tuesday,
June 7, 2011 9:15 AM<br><b>To:</b> Stephen Goose<br><b>Subject:</b> Reply of Chile</p></div>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>MINISTRY OF FOREIGN AFFAIRS OF CHILE</p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Santiago, 2&nbsp;June 2011</p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Mr Stephen D. Goose<br>Human Rights Watch<br>1630 Connecticut Avenue NW<br>
Washington, DC 20009</p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Dear Mr Goose,</p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>{body}</p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Yours sincerely,</p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Pedro Soto Vial<br>Director of Security Policy</p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>This e-mail is confidential and intended only for the addressee. If you
received it in error, please notify the sender.</p>
</div></body></html>"""


def test_outlook_html_email_header_letter_and_disclaimer(tmp_path):
    (tmp_path / "mail.html").write_text(OUTLOOK.replace("{body}", BODY), encoding="utf-8")
    (letter,) = parsed(tmp_path / "mail.html").letters
    assert kinds(letter) == [
        "email_header", "letterhead", "date", "address", "salutation", "body", "closing",
        "signature", "disclaimer",
    ]  # fmt: skip
    assert (letter.date, letter.state, letter.signatory) == (
        "2011-06-02",
        "Chile",
        "Pedro Soto Vial",
    )
    assert letter.recipient == "Mr Stephen D. Goose"


def test_an_email_header_typed_one_field_a_paragraph(tmp_path):
    html = OUTLOOK.replace("{body}", BODY).replace("<br><b>", "</p><p class=MsoNormal><b>")
    (tmp_path / "mail.html").write_text(html, encoding="utf-8")
    (letter,) = parsed(tmp_path / "mail.html").letters
    assert kinds(letter)[:6] == ["email_header"] * 4 + ["letterhead", "date"]


def test_an_email_without_a_letter_date_is_dated_by_its_sent_line(tmp_path):
    html = OUTLOOK.replace("{body}", BODY).replace("Santiago, 2&nbsp;June 2011", "Santiago")
    (tmp_path / "mail.html").write_text(html, encoding="utf-8")
    (letter,) = parsed(tmp_path / "mail.html").letters
    assert letter.date == "2011-06-07"


WEB_PAGE = """<html><head><meta property="article:published_time" content="2012-01-20T10:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="breadcrumbs">Home &gt; Statements &gt; Letter</div>
<div id="cookie-banner">We use cookies. Accept all cookies?</div>
<main><h1>Letter to Human Rights Watch</h1><p>Published: 20 January 2012</p>
<p>Ministry of Foreign Affairs of Chile</p><p>{date}</p><p>Dear Mr Goose,</p>
<p>{body}</p><p>Yours sincerely,</p><p>Pedro Soto</p></main>
<aside class="sidebar">Related: the Ottawa Convention at ten years</aside>
<footer>© Ministry 2012 · Contact · Privacy</footer></body></html>"""


def test_web_page_chrome_is_dropped_and_the_letter_date_wins(tmp_path):
    page = WEB_PAGE.replace("{body}", BODY)
    (tmp_path / "page.html").write_text(page.replace("{date}", "12 January 2012"), "utf-8")
    result = parsed(tmp_path / "page.html")
    (letter,) = result.letters
    text = " ".join(p.text for p in letter.paragraphs)
    assert "cookies" not in text and "Home" not in text and "Privacy" not in text
    assert "Related" not in text and letter.date == "2012-01-12"
    assert result.coverage.complete and result.coverage.furniture > 10
    (tmp_path / "page.html").write_text(page.replace("<p>{date}</p>", ""), "utf-8")
    assert parsed(tmp_path / "page.html").letters[0].date == "2012-01-20"


def test_a_container_named_like_chrome_that_holds_the_letter_is_kept(tmp_path):
    page = WEB_PAGE.replace("{body}", BODY).replace("{date}", "12 January 2012")
    page = page.replace("<main>", '<div class="content share-enabled">').replace(
        "</main>", "</div>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (letter,) = parsed(tmp_path / "page.html").letters
    assert BODY in [p.text for p in letter.paragraphs]


NOTE_INDENTED = """PERMANENT MISSION OF CHILE
No. 123/2009
    The Permanent Mission of Chile presents its compliments to Human Rights Watch and has
the honour to inform it that Chile signed the Convention on Cluster Munitions.
    The Government of Chile has destroyed its stockpile of cluster munitions and will
report on it under Article 7 of the Convention.
    The Permanent Mission of Chile avails itself of this opportunity to renew to Human
Rights Watch the assurances of its highest consideration.
Geneva, 14 November 2009
"""


def test_paragraphs_separated_by_indentation_and_a_note_dated_at_the_end(tmp_path):
    (tmp_path / "note.txt").write_text(NOTE_INDENTED, encoding="utf-8")
    result = parsed(tmp_path / "note.txt")
    (letter,) = result.letters
    body = [p for p in letter.paragraphs if p.kind == "body"]
    assert len(body) == 2 and body[1].text.startswith("The Government of Chile")
    assert letter.date == "2009-11-14" and kinds(letter)[-2:] == ["closing", "date"]
    assert result.coverage.complete


def test_running_text_without_a_letter_frame_is_kept_with_a_warning(tmp_path):
    text = f"{BODY}\n\nThe Convention on Cluster Munitions bans use, production and transfer.\n"
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    result = parsed(tmp_path / "notes.txt")
    assert len(result.letters) == 1 and len(result.letters[0].paragraphs) == 2
    assert any("no letter frame" in w for w in result.warnings)


LETTER = """EMBASSY OF {state}

{day} March 2009

Dear Mr Goose,

{body}

Yours sincerely,

Jane Doe
"""


@pytest.mark.parametrize("rule", ["-" * 40, "_" * 30, "=" * 20])
def test_two_letters_pasted_with_a_rule_between(tmp_path, rule):
    first = LETTER.format(state="CHILE", day=3, body=BODY)
    second = LETTER.format(state="PERU", day=5, body=BODY).replace("EMBASSY OF PERU\n\n", "")
    (tmp_path / "two.txt").write_text(f"{first}\n{rule}\n\n{second}", encoding="utf-8")
    result = parsed(tmp_path / "two.txt")
    assert [letter.date for letter in result.letters] == ["2009-03-03", "2009-03-05"]
    assert result.coverage.complete and result.coverage.furniture == 1


def test_a_note_pasted_after_a_rule_without_letterhead_or_salutation(tmp_path):
    first = LETTER.format(state="CHILE", day=3, body=BODY)
    note = (
        "No. 45/2009\n\nThe Embassy of Peru presents its compliments to Human Rights Watch "
        "and has the honour to state that Peru ratified the Convention on Cluster Munitions.\n"
    )
    (tmp_path / "pasted.txt").write_text(f"{first}\n{'-' * 30}\n{note}", encoding="utf-8")
    result = parsed(tmp_path / "pasted.txt")
    assert [letter.state for letter in result.letters] == ["Chile", "Peru"]


@pytest.mark.parametrize("footer", ["Page 1 of 2", "Página 1 de 2", "- 1 -", "1/2"])
def test_page_footers_are_furniture_and_the_paragraph_goes_on(tmp_path, footer):
    cut = BODY.index("and has")
    text = LETTER.format(state="CHILE", day=3, body=f"{BODY[:cut]}\n\n{footer}\n\f\n{BODY[cut:]}")
    (tmp_path / "paged.txt").write_text(text, encoding="utf-8")
    result = parsed(tmp_path / "paged.txt")
    (letter,) = result.letters
    assert BODY in [p.text for p in letter.paragraphs]
    assert result.coverage.complete and result.coverage.furniture == len(footer.split())


def test_running_headers_of_paged_text_are_furniture(tmp_path):
    paragraphs = [f"{n}. {BODY}" for n in range(1, 4)]
    pages = [LETTER.format(state="CHILE", day=3, body=paragraphs[0]).replace("Yours", "\nYours")]
    pages[0] = pages[0].split("\nYours")[0]
    pages += [f"Embassy of Chile - Note 12/2009\n\n{p}" for p in paragraphs[1:]]
    text = "\n\f\n".join(pages) + "\n\nYours sincerely,\n\nJane Doe\n"
    (tmp_path / "headed.txt").write_text(text, encoding="utf-8")
    result = parsed(tmp_path / "headed.txt")
    (letter,) = result.letters
    assert not any(p.text.startswith("Embassy of Chile - Note") for p in letter.paragraphs)
    assert [p.number for p in letter.paragraphs if p.number] == ["1", "2", "3"]
    assert result.coverage.complete and result.coverage.furniture == 2 * 6


def test_letters_one_a_page_keep_their_letterheads_and_signatures(tmp_path):
    letters = [LETTER.format(state="CHILE", day=day, body=BODY) for day in (3, 4, 5)]
    (tmp_path / "pages.txt").write_text("\f\n".join(letters), encoding="utf-8")
    result = parsed(tmp_path / "pages.txt")
    assert [letter.date for letter in result.letters] == ["2009-03-03", "2009-03-04", "2009-03-05"]
    assert all(letter.signatory == "Jane Doe" for letter in result.letters)
    assert result.coverage.furniture == 0


def test_a_pdf_letterhead_in_two_columns_is_read_column_by_column(tmp_path):
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((50, 60), "EMBASSY OF CHILE\nWashington, D.C.", fontsize=10)
    page.insert_text((380, 66), "No. 123/2009\n16 February 2009", fontsize=10)
    lines = ["Dear Mr Goose,", "", BODY[:60], BODY[60:], "", "Yours sincerely,", "", "Pedro Soto"]
    for n, line in enumerate(lines):
        page.insert_text((50, 160 + 14 * n), line, fontsize=10)
    document.save(tmp_path / "columns.pdf")
    (letter,) = parsed(tmp_path / "columns.pdf").letters
    assert letter.paragraphs[0].text == "EMBASSY OF CHILE\nWashington, D.C."
    assert (letter.sender, letter.date, letter.reference) == (
        "Embassy of Chile", "2009-02-16", "No. 123/2009",
    )  # fmt: skip


def test_portuguese_dates_and_state():
    assert [iso for _s, _e, iso in find_dates("Lisboa, 3 de Março de 2010")] == ["2010-03-03"]
    assert [iso for _s, _e, iso in find_dates("em 14 de junho de 2011")] == ["2011-06-14"]
    assert [iso for _s, _e, iso in find_dates("Maputo, 1.º de Março de 2010")] == ["2010-03-01"]
    assert states_named("Embaixada de Portugal; Governo de Moçambique; a Suíça e a Espanha") == [
        "Portugal", "Mozambique", "Switzerland", "Spain",
    ]  # fmt: skip


def test_a_salutation_right_above_the_first_paragraph_is_its_own_block(tmp_path):
    text = LETTER.format(state="CHILE", day=3, body=BODY).replace("Goose,\n\n", "Goose,\n")
    (tmp_path / "tight.txt").write_text(text, encoding="utf-8")
    (letter,) = parsed(tmp_path / "tight.txt").letters
    assert kinds(letter)[2:4] == ["salutation", "body"]


def test_odt_and_rtf_letters_with_their_tables(tmp_path):
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentText()
    for text in ("EMBASSY OF CHILE", "16 February 2009", "Dear Mr Goose,", BODY):
        document.text.addElement(P(text=text))
    table = Table()
    for cells in (("Treaty", "Status"), ("CCM", "Ratified")):
        row = TableRow()
        for cell_text in cells:
            cell = TableCell()
            cell.addElement(P(text=cell_text))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    for text in ("Yours sincerely,", "Pedro Soto"):
        document.text.addElement(P(text=text))
    document.save(str(tmp_path / "chile.odt"))
    rtf = (
        r"{\rtf1\ansi EMBASSY OF CHILE\par\par 16 February 2009\par Dear Mr Goose,\par "
        + BODY
        + r"\par {\trowd \cellx1000\cellx2000 Treaty\cell Status\cell\row}"
        r"{\trowd \cellx1000\cellx2000 CCM\cell Ratified\cell\row} Yours sincerely,\par "
        r"Pedro Soto\par}"
    )
    (tmp_path / "chile.rtf").write_text(rtf, encoding="ascii")
    for name in ("chile.odt", "chile.rtf"):
        result = parsed(tmp_path / name)
        (letter,) = result.letters
        rows = [p for p in letter.paragraphs if p.kind == "table_row"]
        assert [p.text for p in rows] == ["Treaty | Status", "CCM | Ratified"], name
        assert (letter.date, letter.signatory, letter.format) == (
            "2009-02-16", "Pedro Soto", name[-3:],
        )  # fmt: skip
        assert result.coverage.complete


def test_antiword_output_becomes_paragraphs_and_rows():
    extracted = antiword_text("Dear Mr Goose,\n\n" + BODY + "\n\n|Treaty|Status|\n|CCM|Ratified|\n")
    assert "Treaty | Status" in extracted.text and len(extracted.rows) == 2
    assert extracted.rows[1].labels == ("Treaty", "Status")


FIXTURES = Path(__file__).parent / "fixtures"


def test_a_word_97_doc_letter_with_its_table(antiword):
    """A .doc written by LibreOffice from a Word letter (scripts/make_doc_fixture.py), read by
    the real antiword: the frame as in a .docx, each table row one paragraph with the labels."""
    result = parsed(FIXTURES / "chile-2011.doc")
    (letter,) = result.letters
    assert (letter.format, letter.date, letter.state) == ("doc", "2011-06-14", "Chile")
    assert kinds(letter)[:3] == ["letterhead", "date", "salutation"]
    rows = [p for p in letter.paragraphs if p.kind == "table_row"]
    assert [r.text for r in rows] == [
        "Instrument | Signed | Ratified",
        "Convention on Cluster Munitions | 3 December 2008 | 16 December 2010",
        "Mine Ban Treaty | 3 December 1997 | 10 September 2001",
    ]
    assert rows[2].labels == ("Instrument", "Signed", "Ratified")
    assert letter.signatory == "Alfredo Moreno" and result.coverage.complete


def test_a_broken_doc_is_skipped_with_antiwords_reason(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"no Word file here " * 40)
    with pytest.raises(SkipFile, match=r"not a readable \.doc"):
        read_source(discover(tmp_path / "old.doc")[0])


def assert_reply_with_provenance(result, container: str):
    body, reply = result.letters
    assert body.paragraphs[0].kind == "email_header" and body.provenance.attachment is None
    assert reply.provenance.attachment == "resposta.docx"
    assert reply.provenance.sent == "2010-03-09" and "Ana Costa" in reply.provenance.sender
    assert reply.provenance.container == container
    assert "attached to the e-mail of 2010-03-09 from Ana Costa" in reply.provenance.describe()
    assert (reply.date, reply.state, reply.language) == ("2010-03-03", "Portugal", "pt")
    assert any("x.zip" in w for w in result.warnings) and result.coverage.complete


def test_an_eml_body_and_its_docx_attachment_with_provenance(tmp_path):
    (tmp_path / "mail.eml").write_bytes(bytes(reply_email()))
    assert_reply_with_provenance(parsed(tmp_path / "mail.eml"), "mail.eml")


def test_an_outlook_msg_body_and_its_docx_attachment_with_provenance(tmp_path):
    """A real .msg (compound file written by aspose-email-foss from the same e-mail), read by
    extract-msg: the same letters and provenance as the .eml."""
    from aspose.email_foss import msg

    msg.MapiMessage.from_email_message(reply_email()).save(str(tmp_path / "mail.msg"))
    assert_reply_with_provenance(parsed(tmp_path / "mail.msg"), "mail.msg")


# The invariant as a property: random paragraphs laid out as plain text, a Word document
# with a table, and an Outlook HTML e-mail.
WORDS = st.sampled_from(
    [
        "the",
        "Convention",
        "cluster",
        "munitions",
        "Government",
        "stockpile",
        "Dear",
        "Sir,",
        "Yours",
        "sincerely",
        "16",
        "February",
        "2009",
        "Ministry",
        "1.",
        "(a)",
        "-",
        "Page",
        "2",
        "of",
        "3",
        "Mr",
        "Goose",
        "Oslo",
        "ratified",
        "é",
        "Ω",
    ]
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
PARAGRAPHS = st.lists(PARAGRAPH, min_size=1, max_size=12)
ROWS = st.lists(st.lists(PARAGRAPH, min_size=2, max_size=2), min_size=1, max_size=4)
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_covered(path: Path) -> None:
    try:
        result = parsed(path)
    except SkipFile as error:
        assert "not a letter" in str(error) or "no text" in str(error)
        return
    assert result.coverage.complete and result.coverage.doubled == 0, result.coverage


@SETTINGS
@given(paragraphs=PARAGRAPHS, separator=st.sampled_from(["\n\n", "\n\n\n\n", "\n\n\f\n\n"]))
def test_property_text_loses_no_word(tmp_path, paragraphs, separator):
    (tmp_path / "gen.txt").write_text(separator.join(paragraphs), encoding="utf-8")
    assert_covered(tmp_path / "gen.txt")


@SETTINGS
@given(paragraphs=PARAGRAPHS, rows=ROWS)
def test_property_docx_with_a_table_loses_no_word(tmp_path, paragraphs, rows):
    document = docx.Document()
    for text in paragraphs[: len(paragraphs) // 2]:
        document.add_paragraph(text)
    word_table(document, rows)
    for text in paragraphs[len(paragraphs) // 2 :]:
        document.add_paragraph(text)
    document.save(tmp_path / "gen.docx")
    assert_covered(tmp_path / "gen.docx")


@SETTINGS
@given(paragraphs=PARAGRAPHS)
def test_property_html_email_loses_no_word(tmp_path, paragraphs):
    spacer = "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
    body = spacer.join(f"<p class=MsoNormal>{text}</p>" for text in paragraphs)
    html = OUTLOOK.replace("<p class=MsoNormal>{body}</p>", body)
    (tmp_path / "gen.html").write_text(html, encoding="utf-8")
    assert_covered(tmp_path / "gen.html")


def test_a_broken_msg_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "mail.msg").write_bytes(b"not an Outlook file " * 40)
    with pytest.raises(SkipFile, match=r"not a readable Outlook \.msg"):
        read_source(discover(tmp_path / "mail.msg")[0])


def test_letters_parse_prints_a_warning_for_an_unframed_file(tmp_path):
    from typer.testing import CliRunner

    from ui.cli import app

    (tmp_path / "notes.txt").write_text(f"{BODY}\n\n{BODY}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 0 and "WARNING notes.txt: no letter frame found" in result.stdout


def test_coverage_counts_lost_and_doubled_words():
    from ingest.coverage import measure
    from ingest.model import Letter, Paragraph

    text = "alpha beta gamma - 2 - delta"
    para = Paragraph("p", 1, "body", None, "alpha beta", 0, 10)
    twice = Paragraph("q", 2, "body", None, "beta", 6, 10)
    letter = Letter("l", "f", 0, "s", "txt", paragraphs=(para, twice))
    coverage = measure(text, [letter], [(17, 22)])
    assert (coverage.words, coverage.covered, coverage.doubled, coverage.furniture) == (7, 1, 1, 3)
    assert coverage.lost == ("gamma", "delta") and "coverage" in coverage.warning()


def test_a_later_pdf_page_header_is_dropped_only_when_it_repeats_page_one():
    from ingest.read_pdf import drop_running_lines

    pages = [
        ["MINISTRY OF FOREIGN AFFAIRS", "Ref. AB/12/2011", "Re: Convention on Cluster Munitions",
         "1. The Ministry writes."],
        ["Ministry of Foreign Affairs — AB/12/2011", "2. More."],
        ["Convention on Cluster Munitions", "3. A heading on page 3 is content."],
    ]  # fmt: skip
    kept = drop_running_lines(pages)
    assert kept[1] == ["2. More."] and kept[2] == pages[2] and kept[0] == pages[0]
