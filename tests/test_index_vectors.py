"""The in-memory paragraph vectors (index/vectors.py): exact nearest rows among a subset."""

import numpy as np
import pytest

from index.vectors import ParagraphVectors, in_store_order, product, top_rows


def unit(*rows):
    matrix = np.array(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_top_rows_are_the_best_of_the_subset_best_first_ties_in_row_order():
    scores = np.array([0.1, 0.9, 0.5, 0.9, 0.7], dtype=np.float32)
    assert top_rows(scores, np.array([0, 1, 2, 3, 4]), 3).tolist() == [1, 3, 4]
    assert top_rows(scores, np.array([0, 2, 4]), 2).tolist() == [4, 2]  # row 1 not allowed
    assert top_rows(scores, np.array([0, 2]), 10).tolist() == [2, 0]  # fewer than k
    assert top_rows(scores, np.array([], dtype=np.int64), 3).tolist() == []
    assert top_rows(scores, np.array([1, 2]), 0).tolist() == []


def test_vectors_follow_the_paragraph_order_and_skip_paragraphs_the_store_lacks():
    pages = [(["b", "a"], [[0.0, 1.0], [1.0, 0.0]]), (["c"], [[0.6, 0.8]])]
    vectors = in_store_order(["a", "b", "gone", "c"], pages)
    assert vectors.ids == ("a", "b", "c") and vectors.row == {"a": 0, "b": 1, "c": 2}
    assert vectors.rows_of({"c", "a", "gone"}).tolist() == [0, 2]
    assert np.allclose(vectors.scores(np.array([0.0, 1.0], np.float32)), [0.0, 1.0, 0.8])
    empty = in_store_order(["a"], [])
    assert empty.ids == () and empty.scores(np.array([1.0, 0.0], np.float32)).tolist() == []


def test_scores_are_cosines_of_unit_vectors():
    vectors = ParagraphVectors.of(["x", "y"], unit([3.0, 4.0], [1.0, 0.0]))
    assert np.allclose(vectors.scores(unit([1.0, 0.0])[0]), [0.6, 1.0])


def test_several_queries_in_one_pass_score_as_each_alone():
    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((300, 8)).astype(np.float32)
    queries = rng.standard_normal((3, 8)).astype(np.float32)
    vectors = ParagraphVectors.of([f"p{n}" for n in range(300)], matrix)
    together_all = vectors.scores_many(queries)
    for alone, together in zip(map(vectors.scores, queries), together_all, strict=True):
        assert together.flags["C_CONTIGUOUS"] and np.allclose(alone, together, atol=1e-5)
    assert product(matrix, queries[:1]).shape == (300, 1)
    assert np.allclose(product(matrix, queries, block=7), matrix @ queries.T, atol=1e-5)


def test_a_shortcut_applies_only_to_matrices_that_are_large_and_wider_than_its_pass():
    from index.vectors import Shortcut

    matrix = np.zeros((100, 8), np.float32)
    assert Shortcut(dims=4, rows=100).applies(matrix)
    assert not Shortcut(dims=4, rows=101).applies(matrix)  # too few rows: exact
    assert not Shortcut(dims=8, rows=1).applies(matrix)  # no fewer dimensions
    assert not Shortcut(dims=0, rows=1).applies(matrix)  # switched off


def test_the_first_pass_keeps_the_directions_the_rows_vary_in():
    from index.vectors import FirstPass

    rng = np.random.default_rng(5)
    # rows spread along two directions of eight: two dimensions hold all of their dot products
    matrix = (rng.standard_normal((500, 2)) @ rng.standard_normal((2, 8))).astype(np.float32)
    first = FirstPass.of(matrix, 2, sample=200)
    query = matrix[7]
    assert first.basis.shape == (8, 2) and first.matrix.shape == (500, 2)
    assert np.allclose(first.matrix @ (query @ first.basis), matrix @ query, atol=1e-3)


def test_the_first_passs_best_are_rescored_exactly_and_ranked_by_that():
    from index.vectors import nearest

    first = np.array([0.9, 0.8, 0.7, 0.1, 0.95], np.float32)  # approximate scores
    exact = np.array([0.5, 0.85, 0.9, 0.99, 0.6], np.float32)
    rows = np.arange(5)
    found, scores = nearest(first, rows, 2, lambda chosen: exact[chosen], oversample=1)
    assert found.tolist() == [4, 0] and scores.tolist() == pytest.approx([0.6, 0.5])
    found, _ = nearest(first, rows, 2, lambda chosen: exact[chosen], oversample=2)
    assert found.tolist() == [2, 1]  # row 3 is not among the first pass's best four: unseen
    found, _ = nearest(first, rows, 2, lambda chosen: exact[chosen], oversample=3)
    assert found.tolist() == [3, 2]
    found, scores = nearest(exact, rows, 2, None)  # no oversample: the scores are exact
    assert found.tolist() == [3, 2] and scores.tolist() == pytest.approx([0.99, 0.9])


def test_a_first_pass_over_random_unit_vectors_finds_the_exact_nearest():
    from index.vectors import Shortcut, nearest, scan

    rng = np.random.default_rng(9)
    basis = rng.standard_normal((24, 64))  # rows live near a 24-dimensional subspace
    matrix = rng.standard_normal((5000, 24)) @ basis + 0.05 * rng.standard_normal((5000, 64))
    matrix = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)
    queries = matrix[:3] + 0.1 * rng.standard_normal((3, 64)).astype(np.float32)
    kept: dict = {}
    first = scan(matrix, queries, Shortcut(dims=32, rows=1000), kept)
    assert first.shape == (5000, 3) and 32 in kept  # the first pass is made once and kept
    for n, query in enumerate(queries):

        def exact(rows, query=query):
            return matrix[rows] @ query

        found, scores = nearest(first[:, n], np.arange(5000), 10, exact, 8)
        expected = np.argsort(-(matrix @ query), kind="stable")[:10]
        assert found.tolist() == expected.tolist()
        assert np.allclose(scores, (matrix @ query)[expected], atol=1e-6)
