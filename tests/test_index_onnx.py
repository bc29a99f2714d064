"""The ONNX backend: exported locally from the bundled weights, the model's own vectors (fp32)
or close to them (int8), and named apart when they differ."""

from __future__ import annotations

import numpy as np
import pytest

from index import Embedder, EmbeddingModelMissing

TEXTS = [
    "Pakistan does not support solutions outside the established CCW framework.",
    "The Government of Canada signed the Convention on Cluster Munitions in Oslo in 2008.",
    "Thank you for your letter.",
]


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx")


def test_onnx_vectors_are_the_models_own(embedder, export_dir):
    onnx = Embedder(backend="onnx", export_dir=export_dir)
    found, expected = (
        np.array(onnx.embed_documents(TEXTS)),
        np.array(embedder.embed_documents(TEXTS)),
    )
    assert found.shape == expected.shape
    assert (found * expected).sum(axis=1).min() > 0.9999
    assert onnx.name == embedder.name  # same vectors, same collection
    assert (export_dir / "all-MiniLM-L6-v2-onnx" / "model.onnx").exists()


def test_int8_vectors_are_close_and_named_apart(embedder, export_dir):
    int8 = Embedder(backend="onnx-int8", export_dir=export_dir)
    found, expected = (
        np.array(int8.embed_documents(TEXTS)),
        np.array(embedder.embed_documents(TEXTS)),
    )
    assert np.allclose(np.linalg.norm(found, axis=1), 1.0, atol=1e-4)
    assert (found * expected).sum(axis=1).min() > 0.8
    assert int8.name == "all-MiniLM-L6-v2-int8"


def test_an_unknown_backend_is_refused_with_the_choices():
    with pytest.raises(EmbeddingModelMissing, match="onnx-int8"):
        Embedder(backend="tensorrt")


def test_passes_hold_texts_of_similar_length_longest_first():
    from index.onnx_backend import batches

    # a 28-token question and its 13- and 15-token parts: the parts run apart from it
    assert batches([28, 13, 15], 8) == [[0], [2, 1]]
    assert batches([10] * 5, 2) == [[0, 1], [2, 3], [4]]
    assert batches([], 8) == []


def test_batched_vectors_equal_each_text_alone(export_dir):
    onnx = Embedder(backend="onnx", export_dir=export_dir)
    together = np.array(onnx.embed_documents(TEXTS))
    apart = np.array([onnx.embed_documents([text])[0] for text in TEXTS])
    assert np.abs(together - apart).max() < 1e-5


def test_the_served_default_is_the_onnx_backend():
    from ui.settings import Settings

    assert Settings().embedding_backend == "onnx"


def test_an_onnx_session_made_after_use_threads_runs_on_that_many(export_dir):
    from index.embedder import model_threads, use_threads

    before = model_threads()
    try:
        use_threads(1)
        model = Embedder(backend="onnx", export_dir=export_dir)._model()
        assert model.session.get_session_options().intra_op_num_threads == 1
    finally:
        use_threads(before or 2)
