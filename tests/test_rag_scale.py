"""What keeps a question's cost flat at 100k paragraphs: one reduction over all sentences, and
the candidate pool computed once per generation of the store."""

import pytest


def test_a_paragraph_scores_as_its_best_sentence_in_one_reduction():
    import numpy as np

    from rag.sentence_index import SentenceRows

    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8], [0.8, 0.6]], dtype=np.float32)
    rows = SentenceRows.of(["a", "a", "b", "c"], [(0, 1)] * 4, vectors)
    assert rows.paragraph_ids == ("a", "b", "c")
    assert rows.best_scores(np.array([0.0, 1.0], np.float32)).tolist() == pytest.approx(
        [1.0, 0.8, 0.6]
    )


def test_the_unfiltered_pool_is_built_once_per_generation():
    from dataclasses import replace

    from rag.query import analyse
    from rag.retrieve import Retriever
    from tests.test_rag_steps import paragraph

    class Stored:
        embedder = None
        texts = [paragraph("p1", "Spain signed."), paragraph("p2", "Oui.", "France", language="fr")]

        def paragraphs(self):
            return self.texts

    retriever = Retriever(Stored())
    plan = analyse("Has Spain signed the Convention?")
    first, again = retriever.candidates(plan), retriever.candidates(plan)
    assert first is again and first.ids == {"p1", "p2"}
    assert first.outside("en", retriever.stored().by_language["en"]) == {"p2"}
    since = retriever.candidates(replace(plan, since=2010, years_from_question=False))
    assert since is not first and since.ids == set()  # a filter builds its own pool


def test_the_dense_ranking_is_exact_within_the_pool_and_keeps_each_named_states_nearest():
    import numpy as np

    from index.vectors import ParagraphVectors
    from rag.query import analyse
    from rag.retrieve import RetrievalSettings, Retriever
    from tests.test_rag_steps import paragraph

    texts = [paragraph(f"s{n}", f"Spain {n}.") for n in range(6)]
    texts += [paragraph("m1", "Mexico.", "Mexico"), paragraph("d1", "Dated.", kind="date")]
    angles = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.2, 0.05]  # Mexico's is far, the date line near
    matrix = np.array([[np.cos(a), np.sin(a)] for a in angles], dtype=np.float32)

    class Stored:
        embedder = None

        def paragraphs(self):
            return texts

        def paragraph_vectors(self):
            return vectors

    class Query:
        def query(self, text):
            return np.array([1.0, 0.0], np.float32)

    vectors = ParagraphVectors.of([p.id for p in texts], matrix)
    retriever = Retriever(Stored(), RetrievalSettings(pool=5), sentences=Query())
    plan = analyse("What did Spain and Mexico say?")
    pool = retriever.candidates(plan)
    found = [p.id for p, _ in retriever.dense_ranking(plan.question, plan, pool)]
    assert found[:5] == ["s0", "s1", "s2", "s3", "s4"]  # the date line is not in the pool
    assert "d1" not in found and found[-1] == "m1"  # Mexico's nearest, though far
    assert retriever.dense_scores(plan.question, vectors) is retriever.dense_scores(
        plan.question, vectors
    )  # asked again per named and compared state: computed once


def test_a_states_pool_and_a_questions_sentence_scores_are_kept_for_the_next_state():
    import numpy as np

    from rag.query import analyse
    from rag.retrieve import Retriever
    from rag.sentence_index import SentenceIndex, SentenceRows
    from tests.test_rag_steps import paragraph

    class Stored:
        embedder = None
        texts = [paragraph("p1", "Spain signed."), paragraph("m1", "Mexico signed.", "Mexico")]

        def paragraphs(self):
            return self.texts

    retriever = Retriever(Stored())
    plan = analyse("Has Spain signed the Convention?", state="Spain")
    spain = retriever.candidates(plan)
    assert spain is retriever.candidates(plan) and spain.ids == {"p1"}

    index = SentenceIndex(Stored())
    index.query = lambda text: np.array([1.0, 0.0], np.float32)
    rows = SentenceRows.of(["p1", "m1"], [(0, 5)] * 2, np.eye(2, dtype=np.float32))
    first = index.best_scores(rows, "Has Spain signed?")
    assert first is index.best_scores(rows, "Has Spain signed?") and first.tolist() == [1.0, 0.0]


def test_a_paragraphs_exact_best_sentence_matches_the_full_reduction():
    import numpy as np

    from rag.sentence_index import SentenceRows

    rng = np.random.default_rng(2)
    vectors = rng.standard_normal((7, 4)).astype(np.float32)
    rows = SentenceRows.of(["a", "a", "b", "c", "c", "c", "d"], [(0, 1)] * 7, vectors)
    query = rng.standard_normal(4).astype(np.float32)
    every = rows.best_scores(query)
    assert rows.exact_best(np.array([3, 0, 2]), query).tolist() == pytest.approx(
        every[[3, 0, 2]].tolist()
    )
    assert rows.exact_best(np.array([], np.int64), query).tolist() == []


def test_the_first_pass_changes_no_answer_on_the_dev_corpus(dev_index, questions):
    """Forced on a small index (from one row on), the first pass then exact rescoring gives the
    exact retrieval's answers and citations; above 50,000 rows it is the default."""
    from rag import Pipeline
    from rag.retrieve import RetrievalSettings, Retriever

    def answers(settings):
        pipeline = Pipeline(dev_index)
        pipeline.retriever = Retriever(dev_index, settings, sentences=pipeline.sentence_index)
        pipeline.across.retriever = pipeline.retriever
        asked = [pipeline.ask(q["question"]) for q in questions]
        return [(a.answer, [c.paragraph_id for c in a.retrieved]) for a in asked]

    exact = answers(RetrievalSettings(first_pass_dims=0))
    shortcut = answers(RetrievalSettings(first_pass_rows=1))
    assert shortcut == exact
    assert Retriever(dev_index).oversample(dev_index.paragraph_vectors().matrix) == 0
