"""The shared text module: words, stems, stop words, list markers, sentence splitting."""

from ingest.text import (
    content_terms,
    is_list_item,
    split_sentences,
    stem,
    terms,
    terms_any_language,
    words,
)


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


def test_words_fold_accents_and_keep_numbers():
    assert words("Ministère des Affaires ÉTRANGÈRES, 2010!") == [
        "ministere", "des", "affaires", "etrangeres", "2010",
    ]  # fmt: skip
    expected = ["sous", "munitions", "no", "pol", "9", "4", "09"]
    assert words("sous-munitions; No.Pol.9/4/09") == expected


def test_stemming_follows_the_language():
    assert stem(["ratified", "ratification"], "en") == ["ratifi", "ratif"]
    assert stem(["destruidas"], "es") == stem(["destruida"], "es")
    assert stem(["ratificou"], "pt") != ["ratificou"]
    assert stem(["détruites"], None) == stem(["détruites"], "en")  # unknown language: English


def test_terms_drop_the_language_stop_words_and_keep_numbers():
    assert terms("The stockpiles were destroyed in 2010", "en") == ["stockpil", "destroy", "2010"]
    assert terms("les stocks ont été détruits", "fr") == ["stock", "detruit"]
    assert content_terms("destroyed 2,500 munitions") == {"destroy", "munit"}


def test_terms_any_language_meet_a_letter_in_another_language():
    spanish_letter = set(terms("las municiones fueron destruidas", "es"))
    assert spanish_letter & terms_any_language("municiones destruidas")


def test_list_items_are_recognised_by_their_marker():
    assert is_list_item("(a) the first") and is_list_item("• bullet") and is_list_item("b) two")
    assert not is_list_item("The first") and not is_list_item("2010 was")
