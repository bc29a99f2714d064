"""The BM25 tokeniser and lexical search."""

from __future__ import annotations

from index import LexicalIndex, tokenize
from index.records import IndexedParagraph


def paragraph(pid: str, text: str) -> IndexedParagraph:
    return IndexedParagraph(
        id=pid, letter_id="l", file="f.txt", letter_index=0, format="txt", state=None, date=None,
        year=None, sender=None, signatory=None, signatory_title=None, recipient=None,
        reference=None, language=None, kind="body", number=None, ordinal=1, page=None, ocr=False,
        start=0, end=len(text), text=text,
    )  # fmt: skip


PARAGRAPHS = [
    paragraph("fr", "Le Ministère des Affaires étrangères a détruit les armes à sous-munitions."),
    paragraph("pk", "Pakistan does not support the Oslo process outside the CCW framework."),
    paragraph("no", "Norway destroyed 2,500 cluster munitions in 2010 with NOK 10 million."),
    paragraph("la", "Laos hosted the First Meeting of States Parties in Vientiane."),
]


def test_tokenize_folds_drops_stop_words_and_stems_in_the_language():
    assert tokenize("Ministère des Affaires ÉTRANGÈRES, 2010!", "fr") == [
        "minister", "affair", "etranger", "2010",
    ]  # fmt: skip
    assert tokenize("The stockpiles were destroyed") == ["stockpil", "destroy"]
    assert tokenize("") == [] and tokenize("— … !") == []


def test_an_inflected_query_meets_its_stem_in_each_language():
    spanish = paragraph("es", "Las existencias fueron destruidas en 2011.")
    lexical = LexicalIndex([*PARAGRAPHS, spanish])
    assert lexical.search("destroying", 1)[0][0].id == "no"  # destroyed
    assert lexical.search("destruida", 1)[0][0].id == "es"


def test_search_ranks_the_matching_paragraph_first():
    lexical = LexicalIndex(PARAGRAPHS)
    assert lexical.search("Oslo process", 2)[0][0].id == "pk"
    assert lexical.search("ministere etranger detruit", 1)[0][0].id == "fr"  # accents folded
    assert [p.id for p, _ in lexical.search("2010", 5)] == ["no"]


def test_search_can_be_restricted_to_ids_and_only_returns_positive_scores():
    lexical = LexicalIndex(PARAGRAPHS)
    assert lexical.search("Oslo process", 5, ids={"no", "la"}) == []
    assert [p.id for p, _ in lexical.search("Vientiane Norway", 5, ids={"la"})] == ["la"]
    assert lexical.search("zebra", 3) == [] and lexical.search("", 3) == []


def test_empty_index_finds_nothing():
    assert LexicalIndex([]).search("Oslo", 3) == []


def test_a_restricted_ranking_equals_the_whole_ranking_filtered_and_reuses_its_scores():
    many = [paragraph(f"p{n}", f"Oslo process letter {n} " + "Oslo " * (n % 4)) for n in range(40)]
    lexical = LexicalIndex(many)
    whole = lexical.search("Oslo process", 40)
    ids = {"p3", "p7", "p8", "p20", "p33"}
    assert lexical.search("Oslo process", 3, ids=ids) == [x for x in whole if x[0].id in ids][:3]
    tokens = ("oslo", "process")
    assert lexical.scores(tokens) is lexical.scores(tokens)  # once per question, not per state


def test_a_pools_positions_are_kept_per_set_and_another_set_gets_its_own():
    many = [paragraph(f"p{n}", f"Oslo process letter {n}") for n in range(10)]
    lexical = LexicalIndex(many)
    pool = frozenset({"p2", "p5", "missing"})
    assert lexical.rows_of(pool).tolist() == [2, 5]
    assert lexical.rows_of(pool) is lexical.rows_of(pool)  # every question filters by it
    assert lexical.rows_of(frozenset({"p9"})).tolist() == [9]
    assert [p.id for p, _ in lexical.search("Oslo", 5, ids={"p9", "p1"})] == ["p1", "p9"]
