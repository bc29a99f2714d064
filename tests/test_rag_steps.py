"""The retrieval steps and the answerer's facet checks on small hand-made paragraph sets."""

from dataclasses import replace

import pytest

from index.records import IndexedParagraph
from rag.cognates import CognateIndex
from rag.errors import BadSetting
from rag.extractive import (
    AnswerSettings,
    about_topic,
    abstention,
    answers_kind,
    lead_in,
    missing_facet,
    named_pool,
)
from rag.query import analyse
from rag.retrieve import (
    Candidates,
    Hit,
    RetrievalSettings,
    Retriever,
    date_blocks,
    described_states,
    header_rows,
)


def paragraph(pid, text, state="Spain", kind="body", language="en", date="2009-09-21"):
    return IndexedParagraph(
        id=pid, letter_id=f"{state}-1", file=f"{state}.txt", letter_index=0, format="txt",
        state=state, date=date, year=int(date[:4]), sender="Ministry of Foreign Affairs",
        signatory=None, signatory_title=None, recipient=None, reference=None, language=language,
        kind=kind, number=None, ordinal=1, page=None, ocr=False, start=0, end=len(text), text=text,
    )  # fmt: skip


def hit(p, rank=1):
    return Hit(p, 1.0 / rank, rank)


# --- multi-hop: the state the describing sentence names next to the description -------------


def test_the_second_hop_state_is_the_one_named_next_to_the_description():
    first_hop = (
        "A delegation took part in the First Meeting of States Parties, held in Vientiane, "
        "Lao PDR, in November 2010, and will attend the Second Meeting in Beirut in 2011."
    )
    known = {"Laos", "Lebanon"}
    assert described_states([first_hop], "where was the First Meeting held?", known) == ["Laos"]
    assert described_states([first_hop], "the city hosting the Second Meeting", known) == [
        "Lebanon"
    ]
    assert described_states([first_hop], "the First Meeting", {"Chile"}) == []  # no letters


def test_the_bridge_cues_mark_a_described_state_and_its_parts():
    plan = analyse(
        "Spain's demining centre has trained personnel from an African country named in its "
        "letter. What deadline does that country have, and who granted it?"
    )
    assert plan.bridges and plan.states == ("Spain",)
    assert plan.parts[-1].startswith("That state:")  # "it" is the described state
    assert not analyse("Which states support a ban on cluster munitions?").bridges


# --- who-signed-and-when: the letter's own date line ----------------------------------------


def test_a_letters_own_date_line_comes_before_the_date_of_the_letter_it_answers():
    reference = paragraph("r", "Votre référence : lettre du 18 juin 2012", kind="date")
    own = paragraph("d", "Berne, le 5 septembre 2012", kind="date")
    assert [p.id for p in date_blocks([reference, own])] == ["d", "r"]


# --- calibrated abstention: what is asked must be in the evidence ---------------------------


def test_a_count_needs_a_number_that_is_not_a_date():
    question = "How many cluster munitions did Spain destroy?"
    dated = ["La destrucción de las existencias concluyó el 31 de marzo de 2009."]
    counted = ["Spain destroyed 5,592 cluster munitions and 209,000 submunitions."]
    assert not answers_kind(question, dated, "es")
    assert answers_kind(question, counted, "en")


def test_a_cost_needs_an_amount_and_a_deadline_a_date():
    assert not answers_kind("What did clearance cost Norway?", ["Clearance went well."])
    assert answers_kind("What did clearance cost Norway?", ["It cost NOK 10 million."])
    deadline = "What deadline does Mozambique have for clearing its minefields?"
    assert not answers_kind(deadline, ["Mozambique is clearing its minefields."])
    assert answers_kind(deadline, ["O prazo é 1 de Março de 2014."], "pt")


def test_a_position_on_a_named_topic_needs_that_topic():
    question = "What is Pakistan's position on the Oslo process?"
    assert about_topic(question, "Pakistan does not support the Oslo process.")
    assert not about_topic(question, "Pakistan has destroyed its anti-personnel mines.")
    assert about_topic("What is France's position on the Oslo process?",
                       "La France soutient le processus d'Oslo.", "fr")  # fmt: skip


def test_the_abstention_names_the_silent_state_and_what_is_missing():
    plan = analyse("How many cluster munitions did Spain destroy?")
    spain = hit(paragraph("s", "Spain destroyed its stockpile in 2009."))
    draft = abstention(plan, [spain], 3)
    assert draft.abstained
    assert draft.text.startswith("The letters of Spain do not say this (How many")
    assert "none of them gives a number" in draft.text and "See also" in draft.text
    absent = abstention(analyse("What is Peru's position?"), [spain], 3)
    assert absent.text.startswith("The letters in this collection do not address")
    assert missing_facet("When did it sign?") == "a date"


def test_a_question_naming_states_is_answered_from_their_letters():
    plan = analyse("How does Spain destroy stockpiles?")
    spain, dutch = paragraph("s", "España destruyó…"), paragraph("n", "The Dutch…", "Netherlands")
    assert [h.paragraph.id for h in named_pool(plan, [hit(dutch), hit(spain, 2)])] == ["s"]
    assert len(named_pool(analyse("Which states destroy stockpiles?"), [hit(dutch)])) == 1


def test_the_lead_in_names_a_letters_language():
    french = paragraph("f", "La Suisse…", "Switzerland", language="fr", date="2012-09-05")
    assert lead_in(french) == (
        "In its letter of 5 September 2012, Switzerland's Ministry of Foreign Affairs states, "
        "in French:"
    )
    assert lead_in(paragraph("e", "Spain…")).endswith("Affairs states:")


# --- settings and steps ---------------------------------------------------------------------


def test_settings_outside_their_range_are_refused_with_a_message():
    with pytest.raises(BadSetting, match="abstain_below=9 is out of range"):
        AnswerSettings(abstain_below=9)
    with pytest.raises(BadSetting, match="rrf_k"):
        RetrievalSettings(rrf_k=0)


class NoIndex:
    embedder = None


def test_a_skipped_step_is_left_out_of_the_retrieval_sequence():
    names = [step.name for step in Retriever(NoIndex()).runnable().steps]
    assert names == ["candidates", *Retriever.STEPS, "neighbours"]
    skipped = Retriever(NoIndex(), RetrievalSettings(skip=frozenset({"second_hop"})))
    assert "second_hop" not in [step.name for step in skipped.runnable().steps]


# --- comparisons of named states: each state ranked among its own letters -------------------


def test_each_named_state_of_a_comparison_leads_with_its_own_best_paragraph(dev_index):
    from rag import Pipeline

    retriever = Pipeline(dev_index).retriever
    plan = analyse(
        "How do Germany and Japan compare on ratifying the Convention on Cluster Munitions?"
    )
    pool = retriever.candidates(plan)
    own_best = {name: retriever.state_order(plan, pool, name)[0] for name in ("Germany", "Japan")}
    top = [h.paragraph.id for h in retriever.retrieve(plan, 5)[:2]]
    assert sorted(top) == sorted(own_best.values())
    alone = Retriever(dev_index, RetrievalSettings(skip=frozenset({"per_state"})))
    assert "per_state" not in [step.name for step in alone.runnable().steps]


def test_a_compared_states_letters_in_another_language_lean_less_on_the_model():
    text = "La Suisse interdit le financement direct."
    french = paragraph("fr", text, "Switzerland", language="fr")
    english = paragraph("en", "New Zealand prohibits investment in producers.", "New Zealand")
    pool = Candidates([french, english], {"fr": french, "en": english}, {})
    plan = analyse("How do New Zealand and Switzerland treat funding of producers?")
    index = OneLetter([french, english])
    index.paragraphs = lambda: index.paragraphs_
    retriever = Retriever(index, RetrievalSettings(compared_foreign_factor=0.5))
    dense, by_sentence, bm25, cognates = retriever.model_discounts(plan, pool, 0.5)
    assert dense == by_sentence == {"fr": 0.5}  # the English-only model's two rankings
    assert bm25 is None and cognates is None
    assert retriever.model_discounts(plan, pool, 1.0) == [None] * 4


# --- lists: a lead-in that is the best paragraph brings its items ---------------------------


class OneLetter:
    """A letter index of one letter's paragraphs (list_of reads siblings only)."""

    def __init__(self, paragraphs):
        self.paragraphs_ = paragraphs
        self.embedder = None

    def letter(self, letter_id):
        return self.paragraphs_


def test_the_items_of_a_lead_in_are_its_list():
    texts = [
        "5. Germany proposed a three-step approach:",
        "(a) a ban on unreliable types;",
        "(b) a complete prohibition after a transition period.",
        "6. Germany endorsed it.",
    ]
    paragraphs = [replace(paragraph(f"p{n}", t), ordinal=n) for n, t in enumerate(texts, 1)]
    group = Retriever(OneLetter(paragraphs)).list_of(paragraphs[1])
    assert [p.id for p in group] == ["p1", "p2", "p3"]  # the lead-in, then its items


# --- cross-lingual lexical matching: cognates ----------------------------------------------


def test_a_question_meets_a_letter_in_another_language_through_cognates():
    mines = "No que respeita às minas antipessoal, Moçambique ratificou a Convenção de Ottawa."
    survey = "O levantamento das áreas suspeitas continua com o apoio dos parceiros."
    paragraphs = [paragraph("mines", mines, "Mozambique"), paragraph("survey", survey)]
    question = "When did Mozambique ratify the antipersonnel mine convention?"
    found = CognateIndex(paragraphs).search(question, {"mines", "survey"}, 5)
    assert found == ["mines"]
    assert CognateIndex(paragraphs).search(question, {"survey"}, 5) == []  # only among the ids


# --- tables: the header row gives its labels to the rows ------------------------------------


def test_a_header_row_whose_rows_carry_its_labels_is_no_candidate():
    labels = ("Instrumento", "Firma", "Depósito del instrumento de ratificación")
    header = paragraph("h", " | ".join(labels), kind="table_row")
    row = replace(
        paragraph(
            "r", "Convención sobre Municiones en Racimo | 3 de diciembre de 2008 | 6 de mayo"
        ),
        kind="table_row",
        labels=labels,
    )
    assert header_rows([header, row]) == {(header.letter_id, header.text)}
    assert header_rows([header]) == set()  # a table read without labels keeps its header


# --- which paragraphs an answer cites ---------------------------------------------------------


def scored_in(p, support, rank=1, score=1.0):
    from rag.extractive import Scored

    return Scored(hit(p, rank), 0, len(p.text), score, support)


def test_an_extra_paragraph_is_cited_only_with_a_share_of_the_leads_support():
    from rag.extractive import supported_extras

    plan = analyse("When did Spain sign the Convention, and who trained Mozambican deminers?")
    lead = paragraph("lead", "Spain signed the Convention on 3 December 2008.")
    strong = paragraph("strong", "The demining centre trained Mozambican personnel.")
    courtesy = paragraph("thanks", "We acknowledge receipt of your letter.")
    scored = [scored_in(lead, 0.8), scored_in(strong, 0.6, 2), scored_in(courtesy, 0.2, 3)]
    settings = AnswerSettings(extra_support_ratio=0.5)
    assert supported_extras(plan, "lead", ["strong", "thanks"], scored, settings) == ["strong"]
    everything = AnswerSettings(extra_support_ratio=0.0)
    assert supported_extras(plan, "lead", ["strong", "thanks"], scored, everything) == [
        "strong", "thanks"
    ]  # fmt: skip


def test_support_in_another_language_is_weighed_as_the_abstention_bars_are():
    from rag.extractive import supported_extras

    plan = analyse("How do Spain and Switzerland destroy their stockpiles?")
    english = paragraph("en", "Spain destroyed its stockpile in March 2009.")
    french = paragraph("fr", "Les stocks seront détruits.", "Switzerland", language="fr")
    scored = [scored_in(english, 0.8), scored_in(french, 0.4, 2)]
    settings = AnswerSettings(extra_support_ratio=0.6, cross_lingual_factor=0.5)
    assert supported_extras(plan, "en", ["fr"], scored, settings) == ["fr"]  # 0.4 / 0.5 ≥ 0.48


def test_a_multi_part_answer_is_led_by_a_part_when_the_best_sentence_answers_none():
    from rag.extractive import leading_paragraph

    plan = analyse("Have submunitions turned up in Mozambique, and who is assessing them?")
    echo, found, assessor = (paragraph(i, "…", "Mozambique") for i in ("echo", "found", "who"))
    hits = [hit(echo), Hit(found, 0.5, 2, nearest_to=(plan.parts[0],)), hit(assessor, 3)]
    scored = [scored_in(echo, 0.4), scored_in(found, 0.3, 2)]
    assert leading_paragraph(plan, scored, ["found"], hits, parts_lead=1) == "found"
    assert leading_paragraph(plan, scored, ["found"], hits, parts_lead=0) == "echo"
    assert leading_paragraph(plan, scored, [], hits, parts_lead=1) == "echo"  # no part answered


def test_a_letter_in_another_language_is_quoted_with_its_language_named():
    from rag.extractive import compose

    plan = analyse("When does the Convention bind Switzerland?")
    french = paragraph("f", "Elle entrera en vigueur le 1er janvier 2013.", "Switzerland",
                       language="fr", date="2012-09-05")  # fmt: skip
    draft = compose(plan, [[scored_in(french, 0.5)]])
    assert draft.text == (
        "In its letter of 5 September 2012, Switzerland's Ministry of Foreign Affairs states, "
        "in French: « Elle entrera en vigueur le 1er janvier 2013. » [1]"
    )


def test_the_first_hop_keeps_the_lead_of_a_multi_hop_answer():
    from rag.extractive import leading_paragraph

    plan = analyse("Spain's letter names an African country. What deadline does that country have?")
    first, courtesy = paragraph("hop1", "…"), paragraph("thanks", "…", "Mozambique")
    hits = [hit(first), Hit(courtesy, 0.5, 2, nearest_to=(plan.parts[-1],), second_hop=True)]
    scored = [scored_in(first, 0.4), scored_in(courtesy, 0.3, 2)]
    assert plan.bridges
    assert leading_paragraph(plan, scored, ["thanks"], hits, parts_lead=1) == "hop1"
