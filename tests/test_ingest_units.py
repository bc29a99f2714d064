"""Pure pieces of the ingest stage: dates, states, paragraph text, numbers, blocks, cues."""

from __future__ import annotations

import pytest

from ingest.blocks import split_blocks, tidy_blocks
from ingest.clean import paragraph_text, printed_number
from ingest.countries import state_names, state_table
from ingest.cues import date_in_line, is_closing, is_reference, is_salutation
from ingest.dates import find_dates, to_iso
from ingest.docx_numbering import format_number
from ingest.ocr import OcrLine, fix_digits, layout_text
from ingest.read_html import visible_text
from ingest.read_pdf import drop_running_lines
from ingest.read_text import read_text
from ingest.states import find_state, states_named


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("16 February 2009", "2009-02-16"),
        ("February 16, 2009", "2009-02-16"),
        ("July 21st, 2008", "2008-07-21"),
        ("8th June 2011", "2011-06-08"),
        ("16/02/2009", "2009-02-16"),
        ("12/03/2009", "2009-03-12"),
        ("9.III.2009", "2009-03-09"),
        ("le 14 octobre 2009", "2009-10-14"),
        ("16 février 2009", "2009-02-16"),
        ("1er mars 2010", "2010-03-01"),
        ("16 de febrero de 2009", "2009-02-16"),
        ("3 de diciembre del 2008", "2008-12-03"),
        ("2009-06-12", "2009-06-12"),
        ("20. Juli 2009", "2009-07-20"),
        ("16 Feb. 2009", "2009-02-16"),
        ("the 16th February, 2009", "2009-02-16"),
        ("16th of February 2009", "2009-02-16"),
    ],
)
def test_dates_in_every_style_become_iso(written, iso):
    assert [found[2] for found in find_dates(f"Somewhere, {written}")] == [iso]


def test_impossible_dates_are_not_dates():
    assert to_iso("31/02/2009") is None
    assert find_dates("Ref 2009/1174, 3517 International Court") == []


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Washington, D.C., July 24, 2009", "2009-07-24"),
        ("Paris, le 14 octobre 2009", "2009-10-14"),
        ("Brasília, 9.III.2009", "2009-03-09"),
        ("Thank you for your letter of 30 January 2009.", None),
        ("Reference your letter dated 30 January 2009 addressed to the Minister", None),
    ],
)
def test_a_date_line_is_told_from_a_sentence_that_mentions_a_date(line, iso):
    assert date_in_line(line) == iso


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("EMBASSY OF PAKISTAN", "Pakistan"),
        ("RÉPUBLIQUE FRANÇAISE", "France"),
        ("LAO PEOPLE'S DEMOCRATIC REPUBLIC", "Laos"),
        ("Royal Norwegian Ministry of Foreign Affairs", "Norway"),
        ("Australian Government", "Australia"),
        ("EMBAIXADA DO BRASIL", "Brazil"),
        ("Misión Permanente de la República Argentina", "Argentina"),
        ("Ambassade de Côte d'Ivoire", "Côte d'Ivoire"),
        ("Embassy of the Democratic Republic of the Congo", "Democratic Republic of the Congo"),
        ("Permanent Mission of Guinea-Bissau", "Guinea-Bissau"),
        ("Ministerio de Relaciones Exteriores de Chile", "Chile"),
    ],
)
def test_states_are_found_by_name_adjective_or_foreign_name(text, state):
    assert states_named(text)[0] == state


def test_capitals_count_only_when_no_state_is_named():
    assert find_state(["MINISTRY OF FOREIGN AFFAIRS ISLAMABAD"], ["ISLAMABAD"]) == "Pakistan"
    assert find_state(["EMBASSY OF LEBANON WASHINGTON"], ["WASHINGTON"]) == "Lebanon"
    assert (
        find_state(["Federal Foreign Office"], ["Werderscher Markt 1, 10117 Berlin"]) == "Germany"
    )
    assert find_state(["Permanent Mission to the United Nations"], ["New York"]) is None


def test_hard_wraps_are_joined_and_hyphenation_undone_but_real_hyphens_kept():
    lines = (
        "the muni-",
        "tions and self-",
        "destruct devices of 2010-",
        "2014 and counter-",
        "measures",
    )
    assert paragraph_text(lines, keep_lines=False) == (
        "the munitions and self-destruct devices of 2010-2014 and counter-measures"
    )
    assert paragraph_text(("Mr. Goose", "Human  Rights Watch"), keep_lines=True) == (
        "Mr. Goose\nHuman Rights Watch"
    )


def test_list_items_keep_their_own_lines_inside_the_lead_in():
    text = paragraph_text(("4. The elements are:", "• offences;", "• defences."), keep_lines=False)
    assert text == "4. The elements are:\n• offences;\n• defences."


@pytest.mark.parametrize(
    ("text", "number"),
    [("4. Pakistan", "4"), ("(a) an end", "(a)"), ("a) an end", "a)"), ("iv. item", "iv"),
     ("II. Part", "II"), ("1.2 Sub", "1.2"), ("10. Ten", "10"), ("Dr. Shami", None),
     ("I am", None), ("2009. The year", None), ("A. Smith", None)],
)  # fmt: skip
def test_printed_numbers(text, number):
    assert printed_number(text) == number


def test_blocks_keep_offsets_drop_footers_and_rejoin_across_pages():
    text = "  1. First part of a\nsentence that\n\n- 1 -\n\n\f\n\ncontinues here.\n\n\n\nNext"
    blocks = tidy_blocks(split_blocks(text))
    assert [b.lines for b in blocks] == [
        ("1. First part of a", "sentence that", "continues here."),
        ("Next",),
    ]
    assert text[blocks[0].start : blocks[0].end].startswith("1. First")
    assert text[blocks[0].start : blocks[0].end].endswith("continues here.")
    assert blocks[1].gap == 3


def test_numbered_lines_typed_without_blank_lines_become_blocks():
    blocks = split_blocks("Dear Sir,\n1. First point.\n2. Second point\nwrapped.\n")
    assert [b.lines for b in blocks] == [
        ("Dear Sir,",),
        ("1. First point.",),
        ("2. Second point", "wrapped."),
    ]


@pytest.mark.parametrize(
    "line", ["Dear Mr. Goose,", "Monsieur le Directeur,", "Estimado señor Goose:", "Excellency,"]
)
def test_salutations(line):
    assert is_salutation((line,))


@pytest.mark.parametrize(
    "text",
    [
        "Yours sincerely,",
        "Sincerely",
        "Atentamente,",
        "Je vous prie d'agréer, Monsieur le Directeur, l'expression de ma "
        "considération distinguée.",
        "The Embassy of Japan avails itself of this opportunity to renew the assurances of its "
        "highest consideration.",
    ],
)
def test_closings(text):
    assert is_closing((text,))


@pytest.mark.parametrize(
    ("line", "expected"),
    [("No.Pol.9/4/09", True), ("N° 1187/DAS/DC", True), ("DDS/017/2009", True),
     ("Our reference: CPD/CM/031/09", True), ("No country has been more affected", False),
     ("NOTE VERBALE", False)],
)  # fmt: skip
def test_reference_lines(line, expected):
    assert is_reference((line,)) is expected


def test_html_whitespace_is_collapsed_like_a_browser():
    marked = "\x02 Mr. Goose\x01\n  Human\n Rights   Watch \x02\x02\n\n\x02 Dear Sir, \x02"
    assert visible_text(marked) == "Mr. Goose\nHuman Rights Watch\n\nDear Sir,"


def test_word_list_numbers():
    assert [format_number(n, "lowerLetter") for n in (1, 2, 27)] == ["a", "b", "a"]
    assert format_number(4, "upperRoman") == "IV" and format_number(9, "lowerRoman") == "ix"
    assert format_number(12, "decimal") == "12"


def test_running_headers_and_footers_are_dropped_but_the_letterhead_stays():
    pages = [
        ["MINISTRY OF FOREIGN AFFAIRS", "1. First.", "CONFIDENTIAL - page 1"],
        ["MINISTRY OF FOREIGN AFFAIRS", "2. Second.", "CONFIDENTIAL - page 2"],
    ]
    assert drop_running_lines(pages) == [
        ["MINISTRY OF FOREIGN AFFAIRS", "1. First."],
        ["2. Second."],
    ]


def test_soft_hyphens_at_line_ends_are_joined():
    assert paragraph_text(("the muni\u00ad", "tions"), keep_lines=False) == "the munitions"


def test_form_feeds_number_the_pages_of_a_text_file():
    extracted = read_text(b"Page one text.\n\f\nPage two text.\n")
    assert extracted.page_starts == (0, 16)
    assert extracted.page_at(20) == 2 and extracted.page_at(3) == 1


def test_ocr_lines_are_laid_out_with_the_page_vertical_space():
    lines = [
        OcrLine(100, 50, 20, "EMBASSY OF PAKISTAN"),
        OcrLine(130, 50, 20, "WASHINGTON"),
        OcrLine(190, 50, 20, "24 February 2009"),
        OcrLine(400, 50, 20, "MINISTRY OF FOREIGN AFFAIRS"),
    ]
    assert layout_text(lines) == (
        "EMBASSY OF PAKISTAN\nWASHINGTON\n\n24 February 2009\n\n\n\nMINISTRY OF FOREIGN AFFAIRS"
    )
    assert layout_text([]) == ""


def test_a_sentence_cut_before_a_capitalised_word_is_rejoined_across_pages():
    text = (
        "2. The Convention on Cluster Munitions was signed in Oslo in December 2008 by\n\n"
        "\f\n\nAustralia and ninety-three other states.\n\n3. Next paragraph.\n\n"
        "Yours sincerely,\n\n\f\n\nJohn Smith"
    )
    lines = [b.lines for b in tidy_blocks(split_blocks(text))]
    assert lines[0][-1] == "Australia and ninety-three other states."
    assert lines[-2:] == [("Yours sincerely,",), ("John Smith",)]


@pytest.mark.parametrize(
    ("read", "meant"),
    [("l6 February 2OO9", "16 February 2009"), ("No. l234/O9", "No. 1234/09"),
     ("Il est Oslo", "Il est Oslo"), ("IO", "IO")],
)  # fmt: skip
def test_letters_read_as_digits_inside_numbers_are_fixed(read, meant):
    assert fix_digits(read) == meant


def test_state_table_marks_adjectives_and_capitals():
    forms = {n.text: n for n in state_names() if n.state == "Pakistan"}
    assert forms["Pakistan"].how == "name" and forms["Pakistani"].how == "adjective"
    assert forms["Islamabad"].how == "capital"
    state, names, capitals = next(row for row in state_table() if row[0] == "Laos")
    assert {"Lao PDR", "RDP lao", "Laotian"} <= set(names) and capitals == ("Vientiane",)


def test_words_that_are_also_state_names_count_only_capitalised():
    assert states_named("Please write to us at the Mission") == []
    assert states_named("Embassy of the US") == ["United States"]


def test_fold_keeps_one_character_for_one_so_matches_map_back():
    from ingest import fold
    from ingest.states import states_named

    for text in ["ﬁle: US", "Straße", "İstanbul", "Côte d’Ivoire", "RÉPUBLIQUE"]:
        assert len(fold(text)) == len(text)
    assert fold("Côte d’Ivoire") == "cote d'ivoire"
    # the case check reads the original at the folded match's position
    assert states_named("ﬁle ﬁle ﬁle: US") == ["United States"]


def test_fold_of_a_text_is_the_fold_of_each_of_its_characters():
    from ingest.states import _fold_char, fold

    # ASCII stretches are lowercased whole, the rest character by character
    texts = ["RÉPUBLIQUE Française", "É", "aÉ", "Éa", "ĀB’C İ Ꭰ ẞ", "PLAIN ASCII", ""]
    for text in texts:
        assert fold(text) == "".join(_fold_char(c) for c in text)
