"""The bundled all-MiniLM-L6-v2, loaded offline once per process."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

from index import Embedder
from index.embedder import bundled_model_path, load_model

OFFLINE_PROBE = """
import json
from index import Embedder
vector = Embedder().embed_query("Pakistan's position on the Oslo process")
print(json.dumps({"dimension": len(vector), "norm": sum(x * x for x in vector)}))
"""


def test_vectors_are_normalised_and_named(embedder):
    vectors = embedder.embed_documents(["cluster munitions", "Convention on Cluster Munitions"])
    assert len(vectors) == 2 and all(len(v) == embedder.dimension == 384 for v in vectors)
    assert all(math.isclose(sum(x * x for x in v), 1.0, rel_tol=1e-4) for v in vectors)
    assert embedder.name == "all-MiniLM-L6-v2"
    assert Embedder(bundled_model_path()).name == "model"  # another folder: its own name
    assert embedder.embed_documents([]) == []


def test_the_model_is_loaded_once_and_shared(embedder):
    assert Embedder()._model() is embedder._model() is load_model(bundled_model_path())


def test_cached_vectors_are_the_models_own(embedder):
    texts = ["Cluster munitions were destroyed.", "Oslo", "Cluster munitions were destroyed."]
    cached = embedder.embed_documents(texts)
    fresh = Embedder().embed_documents(texts)
    assert cached[0] == cached[2]
    pairs = zip(sum(cached, []), sum(fresh, []), strict=True)
    assert all(math.isclose(a, b, abs_tol=1e-5) for a, b in pairs)


def test_similar_texts_are_nearer_than_unrelated_ones(embedder):
    query = embedder.embed_query("stockpile destruction of cluster bombs")
    near, far = embedder.embed_documents(
        ["The destruction of our cluster munition stocks is complete.", "The weather is nice."]
    )
    assert sum(a * b for a, b in zip(query, near, strict=True)) > sum(
        a * b for a, b in zip(query, far, strict=True)
    )


def test_a_query_is_embedded_with_no_network_and_an_empty_hub_cache(tmp_path):
    env = os.environ | {
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "empty-hf-home"),
        "HTTP_PROXY": "http://127.0.0.1:9",  # any network attempt would fail
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    run = subprocess.run(
        [sys.executable, "-c", OFFLINE_PROBE], env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["dimension"] == 384 and math.isclose(result["norm"], 1.0, rel_tol=1e-4)


def test_nearest_pakistan_paragraph_to_the_seed_question_is_paragraph_4(dev_index):
    found = dev_index.dense_search(
        "Pakistan's position on the Oslo process", 1, {"file": "pakistan-2009.txt"}
    )
    paragraph, _ = found[0]
    assert paragraph.number == "4" and paragraph.letter_index == 1
    assert paragraph.text.startswith("4. Pakistan does not support solutions") or (
        paragraph.text.startswith("Pakistan does not support solutions")
    )


def test_a_server_runs_each_model_call_on_the_threads_it_is_given(monkeypatch):
    import torch

    from ui.server import configure_process
    from ui.settings import Settings

    monkeypatch.setenv("LETTERS_MODEL_THREADS", "1")
    before = torch.get_num_threads()
    try:
        configure_process(Settings())
        assert torch.get_num_threads() == 1
        configure_process(Settings(model_threads=0))  # 0: torch's own default stays
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_one_thread_per_answer_covers_the_model_and_numpys_matrix_products():
    import torch
    from threadpoolctl import threadpool_info, threadpool_limits

    from index.embedder import use_threads

    before = torch.get_num_threads()
    with threadpool_limits(user_api="blas"):  # restores NumPy's threads afterwards
        try:
            use_threads(1)
            assert torch.get_num_threads() == 1
            assert {
                pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"
            } == {1}
        finally:
            torch.set_num_threads(before)
