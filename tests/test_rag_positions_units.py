"""Pure parts of positions over time and across states, on small hand-made paragraph sets:
topic naming, the best paragraph per topic, changed sentences, across-states questions and the
chat text of an across-states answer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rag.across import (
    AcrossResult,
    StateAnswer,
    asked_concepts,
    asked_count,
    compose,
    is_across,
    names_subject,
    subject_terms,
)
from rag.changes import changed_spans
from rag.query import analyse
from rag.topics import TOPICS, best_per_topic, topic


@dataclass(frozen=True)
class Para:
    id: str
    text: str
    ordinal: int = 1
    date: str | None = "2009-03-17"
    letter_id: str = "L1"
    state: str | None = "Chile"


@dataclass(frozen=True)
class FakeHit:
    paragraph: Para


@pytest.mark.parametrize(
    ("key", "text", "named"),
    [
        ("transfer", "It is important to act.", False),  # "import" must be a whole word
        ("transfer", "No export licence can be issued.", True),
        ("transit", "No transition period is granted.", False),
        ("transit", "We prohibit the transit of cluster munitions.", True),
        ("ccm", "La France a ratifié la Convention le 25 septembre 2009.", True),
        ("ccw", "Le Pakistan participe aux travaux de la CCAC.", True),
        ("victims", "Ayudamos a las víctimas y sobrevivientes.", True),
        ("clearance", "Our demining teams cleared 40 km².", True),
        ("clearance", "It is clear that we support it.", True),
        ("production", "It involves the major producers.", False),  # producers are others
    ],
)
def test_a_topic_is_named_by_its_words_in_any_language(key, text, named):
    assert topic(key).named_in(text) is named


def test_every_topic_has_a_query_in_four_languages():
    assert len(TOPICS) == 9
    assert all(len(t.queries) == 4 and t.terms for t in TOPICS)


def test_best_per_topic_takes_the_most_similar_naming_paragraph_and_skips_unnamed_topics():
    paragraphs = [
        Para("a", "Thank you for your letter about the Convention on Cluster Munitions.", 1),
        Para("b", "We signed the Convention on Cluster Munitions in Oslo.", 2),
        Para("c", "Our stockpile will be destroyed by 2015.", 3),
    ]
    scores = {"a": 0.9, "b": 0.5, "c": 0.7}  # the courtesy opening scores best, yet ranks last
    found = {
        m.topic.key: m.paragraph.id for m in best_per_topic(paragraphs, lambda p, t: scores[p.id])
    }
    assert found["ccm"] == "b"
    assert found["stockpile"] == "c"
    assert "victims" not in found and "ccw" not in found


def test_only_sentences_missing_from_the_other_paragraph_are_changed():
    earlier = "2. We signed the Convention in 2008. We will ratify it soon. Our forces hold M85."
    later = "2. We ratified the Convention in 2010.  OUR forces  hold M85"
    spans = changed_spans(earlier, later)
    assert [earlier[s:e] for s, e in spans] == [
        "We signed the Convention in 2008.",
        "We will ratify it soon.",
    ]
    assert [later[s:e] for s, e in changed_spans(later, earlier)] == [
        "We ratified the Convention in 2010."
    ]


def test_a_paragraph_without_counterpart_is_changed_throughout():
    text = "We never used them. We never will."
    assert len(changed_spans(text, None)) == 2
    assert changed_spans(text, text) == ()


@pytest.mark.parametrize(
    ("question", "across"),
    [
        ("Which states support a ban on cluster munitions?", True),
        ("Which two governments argue that the CCW is the right forum?", True),
        ("What countries have destroyed their stockpiles?", True),
        ("Quels États ont ratifié la Convention ?", True),
        ("¿Qué países han destruido sus existencias?", True),
        ("Compare Brazil and Pakistan on the CCW.", True),
        ("How do Spain and Switzerland compare on destroying stockpiles?", True),
        ("What is Pakistan's position on the Oslo process?", False),
        ("Which ratified first, Germany or Japan?", False),
        ("How did Brazil's position change between 2008 and 2009?", False),
    ],
)
def test_across_states_questions_are_recognised(question, across):
    assert is_across(analyse(question)) is across


def test_a_question_may_ask_for_a_number_of_states():
    assert asked_count("Which two governments argue …?") == 2
    assert asked_count("Which 3 states …?") == 3
    assert asked_count("Which states …?") is None


def test_the_subject_is_the_asked_concept_in_every_language_unless_everyday():
    everyday = {"cluster munitions", "cluster munition"}

    def is_everyday(pattern):
        return any(pattern.search(term) for term in everyday)

    question = "Which states provide assistance to victims of cluster munitions?"
    subject = subject_terms(question, is_everyday)
    assert names_subject("Nous aidons les victimes.", subject)  # French, from the glossary
    assert names_subject("We help survivors of these weapons.", subject)
    assert not names_subject("Our cluster munitions were destroyed.", subject)  # everyday only
    assert names_subject("Anything at all.", ())  # nothing specific asked: no check


def test_a_word_inside_another_concepts_name_does_not_name_the_subject():
    question = "Which states support a ban on cluster munitions?"
    asked = asked_concepts(question, lambda pattern: False)
    subject = subject_terms(question, lambda pattern: False)
    assert names_subject("The Convention will ban cluster munitions.", subject, asked)
    assert not names_subject("Laos has not joined the Mine Ban Treaty.", subject, asked)
    both = "Laos has not joined the Mine Ban Treaty but supports a ban on cluster munitions."
    assert names_subject(both, subject, asked)
    assert names_subject(both, subject, asked, folded=both.casefold())
    # a state's whole text: only the words around each match are read for names
    filler = " ".join(["Laos wrote about other matters."] * 200)
    far = f"{filler} It is not in the Mine Ban Treaty. {filler} It supports a ban on them."
    assert names_subject(far, subject, asked) and not names_subject(filler, subject, asked)
    assert not names_subject(f"{filler} the Mine Ban Treaty {filler}", subject, asked)


def test_a_term_inside_a_longer_asked_name_still_names_it():
    question = "Which states have joined the Convention on Cluster Munitions?"
    subject = subject_terms(question, lambda pattern: False)
    asked = asked_concepts(question, lambda pattern: False)
    assert names_subject("Mexico ratified the Convention on Cluster Munitions.", subject, asked)


def test_the_chat_text_has_one_cited_row_per_state_and_names_the_silent_states():
    chile = Para("c1", "Chile assists survivors. Chile funds clearance.", state="Chile")
    peru = Para("p1", "Peru supports victims.", date="2010-01-05", state="Peru")
    result = AcrossResult(
        "Which states assist victims?",
        (StateAnswer("Chile", FakeHit(chile), (0, 24), 0.6),
         StateAnswer("Peru", FakeHit(peru), (0, 22), 0.5)),
        not_addressed=("Mexico",), absent=("Atlantis",),
    )  # fmt: skip
    draft = compose(result)
    assert draft.text.splitlines() == [
        "- Chile (17 March 2009): “Chile assists survivors.” [1]",
        "- Peru (5 January 2010): “Peru supports victims.” [2]",
    ]
    assert [(n, hit.paragraph.id, spans) for n, hit, spans in draft.cited] == [
        (1, "c1", ((0, 24),)),
        (2, "p1", ((0, 22),)),
    ]
    assert "Not addressed in their letters: Mexico." in draft.notice
    assert "No letters in this collection from: Atlantis." in draft.notice
    assert not draft.abstained


def test_no_state_addressing_it_is_an_abstention_that_still_names_them():
    draft = compose(AcrossResult("Which states mention X?", (), ("Chile", "Peru")))
    assert draft.abstained and draft.cited == ()
    assert draft.notice == "Not addressed in their letters: Chile, Peru."
