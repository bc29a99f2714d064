"""Sentence vectors from the paragraph's own model pass (index/late_chunking.py)."""

from __future__ import annotations

import numpy as np

from index import Embedder
from index.embedder import embed_apart
from index.late_chunking import mean_pool, shifted, token_range
from ingest.text import split_sentences

OFFSETS = np.array([[0, 0], [0, 5], [6, 9], [9, 10], [11, 14], [15, 20], [0, 0]])
PARAGRAPH = (
    "Pakistan is not a party to the Convention on Cluster Munitions. "
    "It considers the CCW the right forum for cluster munitions. "
    "Stockpiles are kept for defence."
)


def test_a_span_covers_the_tokens_inside_it_and_not_the_special_ones():
    assert token_range(OFFSETS, (0, 10)) == (1, 4)
    assert token_range(OFFSETS, (11, 20)) == (4, 6)


def test_a_span_the_truncation_cut_has_no_tokens():
    assert token_range(OFFSETS, (15, 24)) is None
    assert token_range(np.array([[0, 0], [0, 0]]), (0, 3)) is None


def test_pooled_vectors_are_unit_means_and_spans_shift_with_the_prefix():
    tokens = np.array([[3.0, 0.0], [0.0, 4.0], [1.0, 1.0]])
    assert np.allclose(mean_pool(tokens, (0, 2)), [0.6, 0.8])
    assert shifted([(0, 4), (5, 9)], 3) == [(3, 7), (8, 12)]


def test_paragraph_vectors_are_the_models_own_and_sentences_come_from_the_same_pass(embedder):
    texts = [f"Pakistan (Ministry): {PARAGRAPH}", "Australia: Short."]
    spans = [shifted(split_sentences(PARAGRAPH), len("Pakistan (Ministry): ")), [(11, 17)]]
    vectors, sentences = Embedder(late_chunking=True).embed_with_spans(texts, spans)
    assert np.abs(np.asarray(vectors) - np.asarray(embedder.embed_documents(texts))).max() < 1e-5
    assert [len(rows) for rows in sentences] == [3, 1]
    assert np.allclose(np.linalg.norm(sentences[0], axis=1), 1.0, atol=1e-5)
    own = np.asarray(embedder.embed_documents([texts[0][s:e] for s, e in spans[0]]))
    similarity = sentences[0] @ own.T  # each sentence nearest to its own text's vector
    assert list(similarity.argmax(axis=1)) == [0, 1, 2]
    assert not np.allclose(sentences[0], own, atol=1e-2)  # contextual, not embedded apart


def test_a_sentence_past_the_truncation_is_embedded_on_its_own(embedder):
    long = " ".join(f"Sentence {n} mentions stockpile destruction in detail." for n in range(60))
    spans = split_sentences(long)
    _, sentences = Embedder(late_chunking=True).embed_with_spans([long], [spans])
    last = embedder.embed_documents([long[slice(*spans[-1])]])
    assert np.abs(sentences[0][-1] - np.asarray(last[0])).max() < 1e-5
    assert sentences[0].shape == (len(spans), 384)


def test_embedding_apart_gives_each_span_its_own_texts_vector(embedder):
    vectors, sentences = embed_apart(embedder.embed_documents, ["Oslo. CCW."], [[(0, 5), (6, 10)]])
    assert np.allclose(sentences[0], embedder.embed_documents(["Oslo.", "CCW."]), atol=1e-6)
    assert len(vectors) == 1 and len(vectors[0]) == 384


def test_by_default_each_sentence_is_embedded_on_its_own(embedder, tmp_path):
    from ui.settings import Settings
    from ui.wiring import open_index

    spans = split_sentences(PARAGRAPH)
    _, sentences = Embedder().embed_with_spans([PARAGRAPH], [spans])
    own = np.asarray(embedder.embed_documents([PARAGRAPH[s:e] for s, e in spans]))
    assert np.abs(sentences[0] - own).max() < 1e-5
    chosen = open_index(Settings(data_dir=tmp_path, late_chunking=True), tmp_path / "index")
    assert (
        chosen.embedder.late_chunking
        and not open_index(Settings(data_dir=tmp_path)).embedder.late_chunking
    )
