"""LetterIndex against real Chroma (embedded folder AND `chroma run` server) and the real model."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path
from uuid import uuid4

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from index import (
    Embedder,
    EmbeddingModelMissing,
    LetterIndex,
    LetterNotFound,
    ModelMismatch,
    make_client,
)
from ingest import parse_folder

BACKENDS = ["embedded", pytest.param("server", marks=pytest.mark.server)]


def copy_folder(source: Path, target: Path) -> Path:
    """A writable copy (the corpus files are read-only)."""
    target.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        shutil.copyfile(path, target / path.name)
    return target


def make_store_client(request, tmp_path: Path):
    if request.param == "server":
        return make_client(tmp_path, request.getfixturevalue("chroma_server"))
    return make_client(tmp_path / "index")


@pytest.fixture(params=BACKENDS)
def open_index(request, tmp_path, embedder):
    """Opens LetterIndex objects over one fresh collection of the backend under test."""
    client = make_store_client(request, tmp_path)
    name = f"test-{uuid4().hex[:10]}"
    return lambda embeddings=embedder: LetterIndex(client, embeddings, collection=name)


@pytest.fixture(scope="module", params=BACKENDS)
def synced(request, tmp_path_factory, embedder, dev_letters):
    """The dev corpus indexed once per backend, for tests that do not change it."""
    if request.param == "embedded":
        return request.getfixturevalue("dev_index")
    client = make_store_client(request, tmp_path_factory.mktemp("synced"))
    letter_index = LetterIndex(client, embedder, collection=f"read-{uuid4().hex[:10]}")
    letter_index.sync(dev_letters)
    return letter_index


@pytest.fixture
def letters_copy(tmp_path, dev_letters) -> Path:
    """A writable folder with one letter file of each format."""
    folder = copy_folder(dev_letters, tmp_path / "letters")
    first_of_format = {}
    for path in sorted(folder.iterdir()):
        first_of_format.setdefault(path.suffix, path)
    for path in set(folder.iterdir()) - set(first_of_format.values()):
        path.unlink()
    return folder


def expected_paragraphs(folder: Path) -> int:
    return sum(len(letter.paragraphs) for letter in parse_folder(folder).letters)


def ids_by_file(letter_index: LetterIndex) -> dict[str, set[str]]:
    found = defaultdict(set)
    for paragraph in letter_index.paragraphs():
        found[paragraph.file].add(paragraph.id)
    return found


def test_second_sync_reports_everything_unchanged(synced, embedder, dev_letters):
    files = sorted(path.name for path in dev_letters.iterdir())
    assert sorted({p.file for p in synced.paragraphs()}) == files
    assert synced.count() == expected_paragraphs(dev_letters)
    again = LetterIndex(synced.client, embedder, synced.collection)  # as a new process would
    second = again.sync(dev_letters)
    assert sorted(second.unchanged) == files and second.skipped == []
    assert second.added == second.updated == second.removed == []
    assert second.paragraphs_embedded == 0 and again.count() == synced.count()
    assert len({p.id for p in again.paragraphs()}) == again.count()


def test_an_unchanged_folder_is_synced_without_loading_the_model(synced, tmp_path, dev_letters):
    unloadable = Embedder(tmp_path / "missing" / "all-MiniLM-L6-v2")  # same name, no weights
    report = LetterIndex(synced.client, unloadable, synced.collection).sync(dev_letters)
    assert report.paragraphs_embedded == 0 and report.added == report.updated == []
    assert sorted(report.unchanged) == sorted(p.name for p in dev_letters.iterdir())
    with pytest.raises(EmbeddingModelMissing, match="LETTERS_EMBEDDING_MODEL"):
        unloadable.embed_query("now it must load")


def test_first_sync_reports_every_file_added(open_index, letters_copy):
    report = open_index().sync(letters_copy)
    assert sorted(report.added) == sorted(p.name for p in letters_copy.iterdir())
    assert report.paragraphs == report.paragraphs_embedded == expected_paragraphs(letters_copy)
    assert "0 skipped" in report.describe()


def unique_word(paragraph_text: str, file_text: str) -> str:
    """The longest word of the paragraph that occurs only once in the whole file."""
    words = set(re.findall(r"[A-Za-z]{6,}", paragraph_text))
    return max((w for w in words if len(re.findall(rf"\b{w}\b", file_text)) == 1), key=len)


def test_editing_one_paragraph_changes_only_that_files_paragraphs(open_index, letters_copy):
    letter_index = open_index()
    letter_index.sync(letters_copy)
    before = ids_by_file(letter_index)
    edited = next(p for p in letter_index.paragraphs() if p.format == "txt" and p.kind == "body")
    path = letters_copy / edited.file
    text = path.read_text(encoding="utf-8")
    word = unique_word(edited.text, text)
    path.write_text(re.sub(rf"\b{word}\b", word.upper(), text), encoding="utf-8")

    report = letter_index.sync(letters_copy)
    assert report.updated == [edited.file] and report.added == []
    after = ids_by_file(letter_index)
    assert {f: ids for f, ids in after.items() if f != edited.file} == {
        f: ids for f, ids in before.items() if f != edited.file
    }
    assert after[edited.file].isdisjoint(before[edited.file])
    assert len(after[edited.file]) == len(before[edited.file])
    texts = [p.text for p in letter_index.paragraphs() if p.file == edited.file]
    assert any(word.upper() in t for t in texts) and not any(edited.text == t for t in texts)
    assert letter_index.lexical().search(word.upper(), 1)[0][0].file == edited.file


def test_a_deleted_file_is_removed_only_with_prune(open_index, letters_copy):
    letter_index = open_index()
    letter_index.sync(letters_copy)
    gone = sorted(letters_copy.iterdir())[0]
    gone.unlink()
    kept = letter_index.sync(letters_copy)
    assert kept.missing == [gone.name] and kept.removed == []
    assert any(p.file == gone.name for p in letter_index.paragraphs())
    pruned = letter_index.sync(letters_copy, prune=True)
    assert pruned.removed == [gone.name]
    assert not any(p.file == gone.name for p in letter_index.paragraphs())
    assert letter_index.count() == expected_paragraphs(letters_copy)
    assert letter_index.sync(letters_copy, prune=True).removed == []


def test_unreadable_files_are_skipped_with_a_reason_and_the_rest_ingested(
    open_index, tmp_path, dev_letters
):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copyfile(dev_letters / "pakistan-2009.txt", folder / "pakistan-2009.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    report = open_index().sync(folder)
    assert report.added == ["pakistan-2009.txt"]
    assert sorted(file for file, _ in report.skipped) == ["broken.pdf", "empty.txt"]
    assert all(reason.strip() for _, reason in report.skipped)
    again = open_index().sync(folder)
    assert again.skipped == report.skipped and again.unchanged == ["pakistan-2009.txt"]
    assert "skipped empty.txt" in again.describe()


def test_rebuild_embeds_everything_again(open_index, tmp_path, dev_letters):
    folder = copy_folder(dev_letters, tmp_path / "small")
    for path in sorted(folder.iterdir())[3:]:
        path.unlink()
    letter_index = open_index()
    first = letter_index.sync(folder)
    rebuilt = letter_index.sync(folder, rebuild=True)
    assert sorted(rebuilt.added) == sorted(first.added) and rebuilt.unchanged == []
    assert letter_index.count() == first.paragraphs


def test_opening_with_another_model_is_refused(open_index, tmp_path, dev_letters):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copyfile(dev_letters / "pakistan-2009.txt", folder / "pakistan-2009.txt")
    open_index().sync(folder)
    other = open_index(DeterministicFakeEmbedding(size=8))
    for use in (lambda: other.dense_search("Oslo", 3), lambda: other.sync(folder), other.stats):
        with pytest.raises(ModelMismatch, match="letters ingest .*--rebuild"):
            use()
    other.sync(folder, rebuild=True)  # what the message says to do
    assert other.stats()["model"] == "DeterministicFakeEmbedding"
    assert other.stats()["dimension"] == 8


class Renamed(DeterministicFakeEmbedding):
    """A fake that claims the bundled model's name, but has another dimension."""

    name: str = "all-MiniLM-L6-v2"


def test_same_name_but_other_dimension_is_refused(open_index, tmp_path, dev_letters):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copyfile(dev_letters / "pakistan-2009.txt", folder / "pakistan-2009.txt")
    open_index().sync(folder)
    with pytest.raises(ModelMismatch, match="384 dimensions"):
        open_index(Renamed(size=8)).dense_search("Oslo", 3)


def test_metadata_is_scalar_and_the_space_is_cosine(synced):
    collection = synced.client.get_collection(synced.collection)
    assert collection.configuration["hnsw"]["space"] == "cosine"
    assert collection.metadata["embedding_model"] == "all-MiniLM-L6-v2"
    assert collection.metadata["embedding_dimension"] == 384
    rows = collection.get(include=["metadatas"])["metadatas"]
    assert all(
        isinstance(value, str | int | float | bool) for row in rows for value in row.values()
    )
    assert {"state", "date", "year", "file", "letter_index", "ordinal", "kind"} <= set(rows[0])


def test_dense_search_scores_are_cosine_similarities(synced):
    target = next(
        p
        for p in synced.paragraphs()
        if p.kind == "body" and p.state and p.sender and len(p.text) > 200
    )
    embedded_as = f"{target.state} ({target.sender}): {target.text}"  # see embedding_text()
    found = synced.dense_search(embedded_as, 5)
    assert found[0][0] == target and found[0][1] == pytest.approx(1.0, abs=1e-3)
    assert synced.dense_search(target.text, 1)[0][0] == target
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True) and all(-1 <= s <= 1.0001 for s in scores)


def test_dense_search_honours_metadata_filters(synced):
    state = next(p.state for p in synced.paragraphs() if p.state)
    found = synced.dense_search("cluster munitions stockpile destruction", 4, {"state": state})
    assert found and all(p.state == state for p, _ in found)
    since = synced.dense_search("cluster munitions", 20, {"year": {"$gte": 2011}})
    assert since and all(p.year >= 2011 for p, _ in since)
    assert synced.dense_search("anything", 3, {"state": "Atlantis"}) == []


def test_paragraph_vectors_are_the_stored_ones_in_paragraph_order(synced):
    import numpy as np

    vectors = synced.paragraph_vectors()
    assert vectors.ids == tuple(p.id for p in synced.paragraphs())
    assert vectors is synced.paragraph_vectors()  # read once per generation
    assert np.allclose(np.linalg.norm(vectors.matrix, axis=1), 1.0, atol=1e-3)
    for query in ("Oslo process", "stockpile destruction", "ratification"):
        exact = vectors.scores(np.asarray(synced.query_vectors([query])[0], np.float32))
        (nearest, score), *_ = synced.dense_search(query, 1)  # Chroma's own search agrees
        assert vectors.ids[int(np.argmax(exact))] == nearest.id
        assert float(exact.max()) == pytest.approx(score, abs=1e-3)


def test_letters_and_letter_read_back_in_order(synced):
    summaries = synced.letters()
    assert len(summaries) == len({p.letter_id for p in synced.paragraphs()})
    first = summaries[0]
    paragraphs = synced.letter(first["letter_id"])
    assert [p.ordinal for p in paragraphs] == sorted(p.ordinal for p in paragraphs)
    assert len(paragraphs) == first["paragraphs"]
    assert {s["state"] for s in synced.letters(first["state"].upper())} == {first["state"]}
    with pytest.raises(LetterNotFound):
        synced.letter("no-such-letter")


def test_stats_describe_the_index(synced):
    stats = synced.stats()
    assert stats["paragraphs"] == synced.count() and stats["letters"] == len(synced.letters())
    assert stats["states"] == sorted(stats["states"]) and len(stats["states"]) >= 5
    assert stats["date_range"][0] <= stats["date_range"][1]
    assert set(stats["formats"]) >= {"txt", "pdf", "docx", "html"}
    assert stats["model"] == "all-MiniLM-L6-v2" and stats["dimension"] == 384
    assert stats["store"]


def test_lexical_index_follows_the_store(synced):
    lexical = synced.lexical()
    assert len(lexical) == synced.count()
    paragraph = next(p for p in synced.paragraphs() if p.kind == "body")
    assert lexical.search(paragraph.text, 1)[0][0] == paragraph


def test_another_process_sync_is_seen_by_a_running_index(
    open_index, letters_copy, tmp_path, monkeypatch
):
    monkeypatch.setattr("index.store.RECHECK_SECONDS", 0.0)
    later = sorted(letters_copy.iterdir())[-1]
    held_back = tmp_path / later.name
    later.rename(held_back)
    writer, server = open_index(), open_index()
    writer.sync(letters_copy)
    assert later.name not in {p.file for p in server.lexical().paragraphs}
    held_back.rename(later)
    writer.sync(letters_copy)
    assert later.name in {p.file for p in server.paragraphs()}
    assert len(server.lexical()) == writer.count()


def test_a_running_index_follows_a_rebuild_by_another(open_index, letters_copy, monkeypatch):
    monkeypatch.setattr("index.store.RECHECK_SECONDS", 0.0)
    writer, server = open_index(), open_index()
    writer.sync(letters_copy)
    assert server.dense_search("cluster munitions", k=3)
    writer.sync(letters_copy, rebuild=True)  # drops and recreates both collections
    found = server.dense_search("cluster munitions", k=3)
    assert len(found) == 3
    assert {p.id for p, _ in found} <= {p.id for p in writer.paragraphs()}
    assert server.letters() == writer.letters()
