"""The in-memory paragraph vectors (index/vectors.py): exact nearest rows among a subset."""

import numpy as np

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
