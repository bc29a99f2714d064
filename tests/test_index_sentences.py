"""Sentence vectors are data: stored at ingest, read at start, never embedded at start-up."""

from __future__ import annotations

import shutil
from uuid import uuid4

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from index import LetterIndex, make_client
from index.late_chunking import shifted
from index.sentence_records import assemble, pack, unpack
from ingest.text import split_sentences
from rag import Pipeline
from rag.sentence_index import SentenceIndex, SentenceVectors

SEED = "What is Pakistan's position on the Oslo process?"


class CountingEmbedder(Embeddings):
    """The real model, recording every text it is asked to embed."""

    def __init__(self, model):
        self.model, self.texts = model, []

    name = property(lambda self: self.model.name)
    dimension = property(lambda self: self.model.dimension)

    def warm_up(self):
        self.model.warm_up()
        return self

    def embed_documents(self, texts):
        self.texts += list(texts)
        return self.model.embed_documents(texts)

    def embed_query(self, text):
        return self.embed_documents([text])[0]


def test_packed_vectors_come_back_as_float32_rows_in_paragraph_order():
    vectors = np.random.default_rng(0).standard_normal((3, 8)).astype(np.float32)
    decoded = {
        "b": unpack(pack([(0, 4), (5, 9)], vectors[:2])),
        "a": unpack(pack([(0, 3)], vectors[2:])),
    }
    stored = assemble(["a", "b", "c"], decoded, 8)
    assert stored.owners == ("a", "b", "b")
    assert stored.spans == ((0, 3), (0, 4), (5, 9))
    assert stored.vectors.dtype == np.float32
    assert np.allclose(stored.vectors, vectors[[2, 0, 1]], atol=2e-3)
    assert stored.missing == {"c"}


def test_a_paragraph_without_sentences_packs_to_no_rows():
    stored = assemble(["a"], {"a": unpack(pack([], []))}, 8)
    assert stored.vectors.shape == (0, 8) and not stored.missing


def test_every_sentence_of_every_paragraph_is_stored_as_the_embedder_gives_it(dev_index, embedder):
    stored = dev_index.sentence_vectors()
    paragraphs = dev_index.paragraphs()
    assert not stored.missing
    expected = [(p.id, span) for p in paragraphs for span in split_sentences(p.text)]
    assert list(zip(stored.owners, stored.spans, strict=True)) == expected
    sample = paragraphs[::23]
    texts = [embedded_text(p) for p in sample]
    moved = [
        shifted(split_sentences(p.text), len(t) - len(p.text))
        for p, t in zip(sample, texts, strict=True)
    ]
    _, model = embedder.embed_with_spans(texts, moved)
    rows = [i for i, owner in enumerate(stored.owners) if owner in {p.id for p in sample}]
    assert np.abs(stored.vectors[rows] - np.concatenate(model)).max() < 2e-3


def embedded_text(paragraph) -> str:
    """index.records.embedding_text of a stored paragraph."""
    sender = f"({paragraph.sender})" if paragraph.sender else ""
    context = " ".join(filter(None, [paragraph.state, sender]))
    return f"{context}: {paragraph.text}" if context else paragraph.text


def test_warm_up_embeds_nothing_and_a_question_embeds_only_itself(dev_index, embedder):
    counting = CountingEmbedder(embedder)
    restarted = LetterIndex(dev_index.client, counting, collection=dev_index.collection)
    pipeline = Pipeline(restarted).warm_up()  # as a fresh `letters serve` would
    assert counting.texts == []
    answer = pipeline.ask(SEED)
    assert not answer.abstained
    assert counting.texts == [SEED]


def test_an_index_written_before_sentence_vectors_gets_them_at_the_next_sync(
    tmp_path, embedder, dev_letters
):
    letters = tmp_path / "letters"
    letters.mkdir()
    for name in ("pakistan-2009.txt", "australia-2011.pdf"):
        shutil.copyfile(dev_letters / name, letters / name)
    client = make_client(tmp_path / "index")
    letter_index = LetterIndex(client, embedder, collection=f"old-{uuid4().hex[:8]}")
    letter_index.sync(letters)
    client.delete_collection(f"{letter_index.collection}-sentences")  # as an older version left it
    letter_index._collections.forget()
    assert letter_index.sentence_vectors().missing == {p.id for p in letter_index.paragraphs()}
    report = letter_index.sync(letters)
    assert report.sentences_added == report.paragraphs > 0
    assert not letter_index.sentence_vectors().missing


def test_sentence_records_of_no_stored_paragraph_are_removed(tmp_path, embedder, dev_letters):
    letters = tmp_path / "letters"
    letters.mkdir()
    shutil.copyfile(dev_letters / "pakistan-2009.txt", letters / "pakistan-2009.txt")
    letter_index = LetterIndex(make_client(tmp_path / "index"), embedder, "orphans")
    letter_index.sync(letters)
    # a run killed after writing sentence records and before their paragraphs
    letter_index._collections.upsert_sentences(["gone-paragraph"], [pack([], [])])
    letter_index.sync(letters)
    assert "gone-paragraph" not in letter_index._collections.sentence_ids()


def test_texts_the_store_lacks_are_embedded_once(dev_index, embedder):
    counting = CountingEmbedder(embedder)
    vectors = SentenceVectors(counting, stored=dev_index)
    first = dev_index.paragraphs()[0]
    start, end = split_sentences(first.text)[0]
    stored_text, novel = first.text[start:end], "A list read as one unit, not stored."
    found = vectors.vectors([stored_text, novel, novel])
    vectors.vectors([novel])
    assert counting.texts == [novel]
    assert found.shape == (3, 384) and np.allclose(found[1], found[2])


@pytest.mark.parametrize("allowed", [set(), {"no-such-paragraph"}])
def test_best_per_paragraph_of_nothing_known_is_empty(dev_index, allowed):
    assert SentenceIndex(dev_index).best_per_paragraph(SEED, allowed) == []


def test_best_per_paragraph_is_the_best_sentence_similarity(dev_index):
    sentences = SentenceIndex(dev_index)
    pool = {p.id for p in dev_index.paragraphs()[:40]}
    similarities = sentences.similarities(SEED)
    expected = {}
    for (owner, _, _), score in similarities.items():
        if owner in pool:
            expected[owner] = max(score, expected.get(owner, -2.0))
    found = dict(sentences.best_per_paragraph(SEED, pool))
    assert found.keys() == expected.keys()
    assert all(abs(found[pid] - expected[pid]) < 1e-5 for pid in found)


def test_scoring_several_texts_at_once_gives_each_texts_own_best_sentences(dev_index):
    sentences = SentenceIndex(dev_index)
    texts = [SEED, "Who signed the letter?", "stockpile destruction"]
    pool = {p.id for p in dev_index.paragraphs()}
    alone = [dict(SentenceIndex(dev_index).best_per_paragraph(t, pool, 10)) for t in texts]
    sentences.score_all(texts)
    together = [dict(sentences.best_per_paragraph(t, pool, 10)) for t in texts]
    for one, many in zip(alone, together, strict=True):
        assert one.keys() == many.keys()
        assert all(abs(one[pid] - many[pid]) < 1e-5 for pid in one)
