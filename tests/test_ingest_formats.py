"""One test per format, on the dev files and on files built here with the real libraries."""

from __future__ import annotations

import docx
import pymupdf
import pytest

from ingest import extract, parse_folder, read_source
from ingest.source import discover
from tests.conftest import DEV_LETTERS

LETTER_LINES = [
    ["MINISTRY OF FOREIGN AFFAIRS", "REPUBLIC OF CHILE", "Santiago"],
    ["Santiago, 3 de diciembre de 2008"],
    ["Mr. Stephen D. Goose", "Human Rights Watch", "Washington, DC 20009"],
    ["Dear Mr. Goose,"],
    ["1. Chile signed the Convention on Cluster Munitions in Oslo on 3 December 2008 and",
     "intends to ratify it as soon as the Congress has approved the required legislation."],
    ["2. Chile destroyed its stockpile of cluster munitions and keeps none for training",
     "purposes, in keeping with the position it has held since the Oslo Conference."],
    ["Yours sincerely,"],
    ["Alberto van Klaveren", "Director of Special Policy"],
]  # fmt: skip


def only(path):
    return read_source(discover(path)[0])


def squash(text: str) -> str:
    return " ".join(text.split())


def test_txt_dev_letter(dev_letters):
    (letter,) = only(dev_letters / "uk-2009.txt")
    assert letter.format == "txt"
    assert [p.number for p in letter.paragraphs if p.kind == "body"] == [
        str(n) for n in range(1, 9)
    ]
    assert {p.kind for p in letter.paragraphs} >= {"letterhead", "reference", "date", "address"}


def test_markdown_markup_is_removed(tmp_path):
    lines = [" ".join(block) for block in LETTER_LINES]
    lines[0] = "# " + lines[0]
    lines[3] = "**Dear Mr. Goose,**"
    (tmp_path / "chile.md").write_text("\n\n".join(lines), encoding="utf-8")
    (letter,) = only(tmp_path / "chile.md")
    assert letter.format == "md" and letter.state == "Chile" and letter.date == "2008-12-03"
    assert [p.text for p in letter.paragraphs if p.kind == "salutation"] == ["Dear Mr. Goose,"]


def test_html_dev_letter_uses_br_as_line_breaks(dev_letters):
    (letter,) = only(dev_letters / "norway-2009.html")
    signature = [p.text for p in letter.paragraphs if p.kind == "signature"]
    assert signature == ["Kari Lunde Haugen\nHead of Section\nSection for Humanitarian Affairs"]
    assert letter.date == "2009-06-12" and letter.reference == "2009/00417-2"


def test_html_keeps_visible_text_only(tmp_path):
    page = """<html><head><title>Title words</title><style>p{color:red}</style>
    <script>var hidden = "script words";</script></head><body>
    <div><h1>Embassy of Chile</h1><p>Washington, 3 December 2008</p>
    <p>Dear Mr. Goose,</p><div style="display: none">invisible words</div>
    <p>1. Chile signed the Convention on Cluster Munitions in Oslo on 3 December 2008
    and&nbsp;will ratify it <b>soon</b> after Congress approves.</p>
    <table><tr><td>Cell one</td><td>Cell two</td></tr></table>
    <p>Yours sincerely,</p><p>Ana Pérez<br>Ambassador</p><!-- a comment --></div></body></html>"""
    (tmp_path / "chile.html").write_text(page, encoding="utf-8")
    text = extract(discover(tmp_path / "chile.html")[0]).text
    for hidden in ("Title words", "script words", "invisible words", "color:red", "a comment"):
        assert hidden not in text
    assert "will ratify it soon after Congress approves." in squash(text)
    assert "Cell one\n\nCell two" in text and "Ana Pérez\nAmbassador" in text
    (letter,) = only(tmp_path / "chile.html")
    assert letter.signatory == "Ana Pérez" and letter.signatory_title == "Ambassador"


def write_pdf(path, pages):
    """Each page: a list of blocks (lists of lines), then a "- n -" footer."""
    document = pymupdf.open()
    for number, blocks in enumerate(pages, start=1):
        page = document.new_page(width=595, height=842)
        y = 72
        for block in blocks:
            for line in block:
                page.insert_text((72, y), line, fontsize=10)
                y += 13
            y += 13
        page.insert_text((285, 805), f"- {number} -", fontsize=9)
    document.save(path)


def test_pdf_page_break_inside_a_paragraph_is_rejoined(tmp_path):
    first = LETTER_LINES[:5] + [LETTER_LINES[5][:1]]
    second = [LETTER_LINES[5][1:], *LETTER_LINES[6:]]
    write_pdf(tmp_path / "chile.pdf", [first, second])
    source = discover(tmp_path / "chile.pdf")[0]
    (letter,) = read_source(source)
    body = [p for p in letter.paragraphs if p.kind == "body"]
    assert [p.number for p in body] == ["1", "2"]
    assert body[1].text.endswith("since the Oslo Conference.") and body[1].page == 1
    assert not any("- 1 -" in p.text or "- 2 -" in p.text for p in letter.paragraphs)
    assert letter.paragraphs[-1].page == 2 and letter.format == "pdf"
    text = extract(source).text
    assert text[body[0].start : body[0].end].startswith("1. Chile signed")


def test_pdf_dev_letters_keep_pages(dev_letters):
    (letter,) = only(dev_letters / "uk-2011.pdf")
    pages = {p.number: p.page for p in letter.paragraphs if p.kind == "body"}
    assert pages["7"] == 1 and pages["8"] == 2
    (australia,) = only(dev_letters / "australia-2011.pdf")
    fifth = next(p for p in australia.paragraphs if p.number == "5")
    assert fifth.text.endswith("will be reported in our transparency reports.")


def build_docx(path):
    document = docx.Document()
    head = document.add_paragraph("EMBASSY OF CHILE")
    head.add_run().add_break()
    head.add_run("Washington, D.C.")
    document.add_paragraph("February 18, 2009")
    document.add_paragraph("Dear Mr. Goose,")
    document.add_paragraph(
        "I have the honour to enclose the reply of the Ministry of Foreign Affairs."
    )
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Ana Pérez")
    document.add_page_break()
    for block in LETTER_LINES[:4]:
        document.add_paragraph(block[0])
    document.add_paragraph("The main elements of our policy are as follows:")
    for item in ("no use of cluster munitions;", "destruction of the stockpile by 2012."):
        document.add_paragraph(item, style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Stockpile", "None left"
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Alberto van Klaveren")
    document.save(path)


def test_docx_breaks_lists_tables_and_letters(tmp_path):
    build_docx(tmp_path / "chile.docx")
    cover, reply = only(tmp_path / "chile.docx")
    assert cover.paragraphs[0].text == "EMBASSY OF CHILE\nWashington, D.C."
    assert [p.kind for p in cover.paragraphs][3:] == ["body", "closing", "signature"]
    assert reply.recipient == "Mr. Stephen D. Goose" and cover.language == "en"
    assert (cover.date, reply.date) == ("2009-02-18", "2008-12-03")
    numbered = [p for p in reply.paragraphs if p.number]
    assert [p.number for p in numbered] == ["1", "2"]
    assert numbered[0].text == "1. no use of cluster munitions;"
    assert any(p.text == "Stockpile | None left" for p in reply.paragraphs)
    assert reply.signatory == "Alberto van Klaveren" and reply.state == "Chile"


def test_docx_dev_letters(dev_letters):
    cover, enclosed = only(dev_letters / "canada-2009.docx")
    assert cover.paragraphs[-1].kind == "enclosure"
    assert enclosed.paragraphs[0].kind == "letterhead"
    assert "Foreign Affairs and International Trade Canada" in enclosed.sender
    (germany,) = only(dev_letters / "germany-2009.docx")
    assert [p.number for p in germany.paragraphs if p.number and "(" in p.number] == [
        "(a)",
        "(b)",
        "(c)",
    ]
    assert germany.reference == "241-370.65/09"


@pytest.mark.parametrize("name", sorted(p.name for p in DEV_LETTERS.iterdir()))
def test_offsets_slice_the_paragraph_in_every_dev_file(dev_letters, name):
    source = discover(dev_letters / name)[0]
    text = extract(source).text
    for letter in read_source(source):
        previous_end = 0
        for p in letter.paragraphs:
            raw = text[p.start : p.end]
            assert raw == raw.strip() and p.start >= previous_end
            assert squash(raw).startswith(squash(p.text)[:20])
            assert squash(raw).endswith(squash(p.text)[-20:])
            previous_end = p.end


def test_a_single_file_and_its_folder_give_the_same_ids(dev_letters):
    alone = parse_folder(dev_letters / "japan-2009.txt").letters
    assert alone[0].file == "japan-2009.txt"
    in_folder = [x for x in parse_folder(dev_letters).letters if x.file == "japan-2009.txt"]
    assert [p.id for p in alone[0].paragraphs] == [p.id for p in in_folder[0].paragraphs]


def docx_letter(path, paragraphs: list[str], document=None):
    """A Word file with one paragraph per item, added to `document` when given."""
    document = document or docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return only(path)


def test_docx_letterhead_in_the_page_header_is_read(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "MINISTRY OF FOREIGN AFFAIRS OF PERU"
    paragraphs = [
        "Lima, 3 de marzo de 2009",
        "Dear Mr. Goose,",
        "Peru signed the Convention on Cluster Munitions in Oslo on 3 December 2008 and will "
        "ratify it as soon as Congress approves.",
        "Yours sincerely",
        "Ana Rojas",
    ]
    (letter,) = docx_letter(tmp_path / "peru.docx", paragraphs, document)
    assert letter.paragraphs[0].kind == "letterhead" and letter.state == "Peru"
    assert letter.sender == "Ministry of Foreign Affairs of Peru (Lima)"


def test_html_navigation_around_a_published_letter_is_left_out(tmp_path):
    page = "<nav><a>Home</a> | <a>Ministry news</a></nav><p>Ministry of Foreign Affairs</p>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    assert extract(discover(tmp_path / "page.html")[0]).text == "Ministry of Foreign Affairs"


def test_docx_with_one_word_paragraph_per_line(tmp_path):
    paragraphs = [
        "EMBASSY OF IRELAND", "2234 Massachusetts Avenue NW", "12 March 2009",
        "Mr. Stephen Goose", "Human Rights Watch", "350 Fifth Avenue", "Dear Mr. Goose,",
        "Ireland ratified the Convention on Cluster Munitions on 3 December 2008, the day it "
        "opened for signature in Oslo.",
        "Yours sincerely,", "Michael Collins", "Ambassador",
    ]  # fmt: skip
    (letter,) = docx_letter(tmp_path / "ireland.docx", paragraphs)
    assert [p.kind for p in letter.paragraphs] == [
        "letterhead", "letterhead", "date", "address", "address", "address", "salutation",
        "body", "closing", "signature", "signature",
    ]  # fmt: skip
    assert (letter.signatory, letter.signatory_title) == ("Michael Collins", "Ambassador")
    assert letter.state == "Ireland" and letter.date == "2009-03-12"


def test_pdf_cover_note_and_attachment_on_one_page(tmp_path):
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    y = 60
    cover = [["EMBASSY OF CHILE"], ["2 March 2009"], ["Dear Mr. Goose,"],
             ["I have the honour to enclose the reply of the Ministry to your letter."],
             ["Yours sincerely,"], ["Ana Pérez"]]  # fmt: skip
    for block in [*cover, None, *LETTER_LINES]:
        if block is None:
            y += 60  # a wide empty space: the attachment starts here
            continue
        for line in block:
            page.insert_text((72, y), line, fontsize=9)
            y += 11
        y += 11
    document.save(tmp_path / "two.pdf")
    assert "Ana Pérez\n\n\n\nMINISTRY" in extract(discover(tmp_path / "two.pdf")[0]).text
    cover_letter, reply = only(tmp_path / "two.pdf")
    assert (cover_letter.date, reply.date) == ("2009-03-02", "2008-12-03")
    assert cover_letter.signatory == "Ana Pérez" and reply.signatory == "Alberto van Klaveren"


def test_space_for_a_handwritten_signature_is_not_a_new_letter(tmp_path):
    text = (
        "EMBASSY OF CHILE\n\n2 March 2009\n\nDear Mr. Goose,\n\nChile signed the Convention on "
        "Cluster Munitions in Oslo and will ratify it this year.\n\nYours sincerely,\n\n\n\n\n"
        "ANA PEREZ\nAMBASSADOR\n\nWashington, D.C., 2 March 2009\n"
    )
    (tmp_path / "signed.txt").write_text(text, encoding="utf-8")
    (letter,) = only(tmp_path / "signed.txt")
    assert letter.signatory == "Ana Perez"


ARGENTINA = """<html><body><nav><ul><li>Inicio</li><li>Prensa</li></ul></nav><div class="content">
<p><img src="escudo.png"> MINISTERIO DE RELACIONES EXTERIORES Y CULTO<br>REPÚBLICA ARGENTINA</p>
<p style="text-align:right">Buenos Aires, 12 de marzo de 2010</p>
<p>Señor Stephen D. Goose<br>Human Rights Watch</p>
<p>De mi mayor consideración:</p>
<p>1. Tengo el agrado de dirigirme a usted en respuesta a su carta del 30 de enero de 2010 sobre
la posición de la República Argentina respecto de las municiones en racimo.</p>
<p>2. La Argentina firmó la Convención sobre Municiones en Racimo y evalúa su ratificación.</p>
<p>Saludo a usted atentamente.</p>
<p><b>María Fernanda Cañás</b><br>Directora de Seguridad Internacional</p>
</div><footer>© Cancillería 2010</footer></body></html>"""


def test_spanish_letter_published_on_a_ministry_web_page(tmp_path):
    (tmp_path / "argentina.html").write_text(ARGENTINA, encoding="utf-8")
    (letter,) = only(tmp_path / "argentina.html")
    assert [p.kind for p in letter.paragraphs] == [
        "letterhead", "date", "address", "salutation", "body", "body", "closing", "signature",
    ]  # fmt: skip
    assert (letter.state, letter.date, letter.language) == ("Argentina", "2010-03-12", "es")
    assert (
        letter.signatory == "María Fernanda Cañás" and letter.recipient == "Señor Stephen D. Goose"
    )


def test_docx_letterhead_in_a_header_table(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    table = section.header.add_table(rows=1, cols=2, width=section.page_width)
    table.cell(0, 0).text = "EMBASSY OF NEW ZEALAND"
    table.cell(0, 1).text = "Washington, 4 June 2010"
    paragraphs = [
        "Dear Mr Goose,",
        "New Zealand ratified the Convention on Cluster Munitions in December 2009 and has no "
        "stockpile left.",
        "Yours sincerely,",
        "Mike Moore",
    ]
    (letter,) = docx_letter(tmp_path / "nz.docx", paragraphs, document)
    assert (letter.state, letter.date, letter.signatory) == (
        "New Zealand",
        "2010-06-04",
        "Mike Moore",
    )
    assert letter.sender == "Embassy of New Zealand (Washington)"
