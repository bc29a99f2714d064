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
