"""Query analysis: states named or implied, years, question types, glossary expansion."""

import pytest

from ingest import StateName, state_names
from rag.glossary import expand
from rag.query import analyse, embedded_texts, hop_question, unbridged, year_range
from rag.states import canonical_state, find_states


@pytest.mark.parametrize(
    ("question", "states"),
    [
        ("What is Pakistan's position on the Oslo process?", ["Pakistan"]),
        ("What do Pakistani officials think?", ["Pakistan"]),
        ("Does Islamabad favour a ban?", ["Pakistan"]),
        ("Has the Lao PDR ratified?", ["Laos"]),
        ("Quelle est la position de la France ?", ["France"]),
        ("¿Qué dijo Francia sobre las existencias?", ["France"]),
        ("Compare Germany and Japan", ["Germany", "Japan"]),
        ("Is South Sudan a party?", ["South Sudan"]),
        ("What did Tokyo decide?", ["Japan"]),
        ("Could a London bank lend to bomb makers?", ["United Kingdom"]),  # "a": an article
    ],
)
def test_states_named_or_implied(question, states):
    assert [s.state for s in find_states(question)] == states


@pytest.mark.parametrize(
    "question",
    [
        "Which states joined the Oslo process?",
        "Quelle est la position sur le processus d'Oslo ?",
        "Which states signed in Oslo in December 2008?",
        "Is the letter written in French?",
        "What did the Dublin conference adopt?",
        "La délégation est arrivée à Londres hier soir.",
        "La delegación viajó a Londres la semana pasada.",
    ],
)
def test_places_processes_and_languages_are_not_states(question):
    assert find_states(question) == []


def test_canonical_names_of_stored_states():
    assert canonical_state("Lao PDR") == canonical_state("Lao") == "Laos"
    assert canonical_state("UK") == canonical_state("Great Britain") == "United Kingdom"
    assert canonical_state("Atlantis") is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did it say in 2009?", (2009, 2009)),
        ("What has changed since 2010?", (2010, None)),
        ("What happened between 2008 and 2010?", (2008, 2010)),
        ("What was planned before 2011?", (None, 2011)),
        ("What is its position?", (None, None)),
    ],
)
def test_years_and_ranges(question, expected):
    assert year_range(question) == expected


def test_question_years_are_soft_and_caller_years_hard():
    assert analyse("What did France say in 2009?").years_from_question
    plan = analyse("What did France say?", since=2010)
    assert (plan.since, plan.years_from_question) == (2010, False)


def test_who_signed_a_letter_allows_every_kind_of_paragraph():
    plan = analyse("Who signed the cover letter from the Embassy of Canada, and on what date?")
    assert plan.asks_meta and plan.asks_person and plan.asks_date and plan.kinds is None


def test_content_questions_read_content_paragraphs_only():
    for question in (
        "When did the United Kingdom sign the Convention?",
        "What is Pakistan's position on the Oslo process?",
    ):
        plan = analyse(question)
        assert not plan.asks_meta and plan.kinds == ("body", "table_row")  # no letterheads


def test_comparisons_and_current_questions():
    assert analyse("Which two governments prefer the CCW?").compares
    assert analyse("Which ratified first, Germany or Japan?").compares
    assert not analyse("What is Norway's position?").compares
    assert analyse("What is the current position of Brazil?").newest


def test_glossary_reaches_french_and_spanish_wording():
    expanded = expand("When did France ratify the Convention on Cluster Munitions?")
    assert "Convention sur les armes à sous-munitions" in expanded
    assert "ratifié" in expanded and "ratificó" in expanded
    assert "Oslo process" in expand("la position sur le processus d'Oslo")
    assert expand("Nothing relevant here") == "Nothing relevant here"


def test_one_table_names_every_state_as_ingest_stores_it():
    """rag recognises each state of ingest's table under the very name ingest stores."""
    for name in state_names():
        assert canonical_state(name.text) == name.state, name
    assert canonical_state("RDP lao") == canonical_state("Lao PDR") == "Laos"
    assert [s.how for s in find_states("The British and the French")] == ["adjective"] * 2


def test_case_sensitive_names_need_a_capital():
    assert find_states("Tell us about the US position") == [
        StateName("United States", "US", "name")
    ]


def test_one_model_call_embeds_every_text_a_question_needs():
    plan = analyse("Which city hosted the meeting, and what has the host country said on transit?")
    texts = embedded_texts(plan)
    assert texts[0] == plan.question and set(plan.parts) <= set(texts)
    assert unbridged(plan.parts[-1]) in texts and "the state" in unbridged(plan.parts[-1])
    assert hop_question(plan) in texts and len(texts) == len(set(texts))
    plain = analyse("What is Pakistan's position on the Oslo process?")
    assert embedded_texts(plain) == [plain.question]
