"""Sentence splitting with offsets: abbreviations and printed numbers are not boundaries."""

from rag.sentences import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_numbered_paragraph_is_split_into_its_sentences_without_the_number():
    text = "4. Pakistan does not support it. Instruments fail. We encourage the CCW."
    assert sentences(text) == [
        "Pakistan does not support it.",
        "Instruments fail.",
        "We encourage the CCW.",
    ]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Mr. Stephen D. Goose wrote on 3 Dec. 2008 to the U.S. Department. It replied."
    assert sentences(text) == [
        "Mr. Stephen D. Goose wrote on 3 Dec. 2008 to the U.S. Department.",
        "It replied.",
    ]


def test_list_item_marker_is_trimmed_and_semicolons_kept():
    text = "(a) The Convention was negotiated outside the UN; it lacks producers."
    assert sentences(text) == ["The Convention was negotiated outside the UN; it lacks producers."]


def test_spans_point_into_the_text():
    text = "  First one.   Second one!  "
    assert [text[s:e] for s, e in split_sentences(text)] == ["First one.", "Second one!"]


def test_a_block_without_full_stop_is_one_sentence():
    assert sentences("(Dr. Irfan Yusuf Shami)") == ["(Dr. Irfan Yusuf Shami)"]


def test_spanish_questions_and_exclamations_start_sentences():
    text = "Chile firmó la Convención en 2008. ¿Por qué? ¡Por razones humanitarias!"
    assert sentences(text) == [
        "Chile firmó la Convención en 2008.",
        "¿Por qué?",
        "¡Por razones humanitarias!",
    ]
