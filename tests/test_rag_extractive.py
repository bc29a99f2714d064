"""The default answerer's pure helpers."""

from rag.extractive import content_words, overlap


def test_content_words_fold_accents_so_french_meets_the_glossary():
    assert "evolu" in content_words("La position française a profondément évolué.")
    assert content_words("Évolution") == content_words("evolution")


def test_overlap_counts_folded_words():
    wanted = content_words("How did the position evolve?")
    expanded = wanted | content_words("evolution")
    assert overlap(wanted, expanded, "La position a évolué.") == 1.0
