"""Positions over time and across states over the real stack (bundled model, embedded Chroma):
the dev corpus's timelines and comparisons, and across-states answers, in the chat too; plus a
small hand-made collection with a state whose letter is silent on the question."""

from __future__ import annotations

import pytest

from rag import Pipeline, Timeline, analyse
from rag.errors import TooFewLetters, UnknownState

VICTIMS = "Which states provide assistance to victims of cluster munitions?"


@pytest.fixture(scope="module")
def pipeline(dev_index):
    return Pipeline(dev_index).warm_up()


@pytest.fixture(scope="module")
def timeline(pipeline):
    return Timeline(pipeline.index, pipeline.sentence_index.cache)


@pytest.mark.parametrize(
    ("state", "dates", "files"),
    [
        ("United Kingdom", ["2009-03-17", "2011-06-08"], ["uk-2009.txt", "uk-2011.pdf"]),
        ("Brasil", ["2008-07-21", "2009-03-09"], ["brazil-2008.txt", "brazil-2009.txt"]),
    ],
)
def test_a_timeline_lists_the_letters_in_date_order_with_cited_policy_paragraphs(
    timeline, state, dates, files
):
    found = timeline.of(state)
    assert [letter.date for letter in found.letters] == dates
    assert [letter.file for letter in found.letters] == files
    numbers = [p.citation.n for letter in found.letters for p in letter.positions]
    assert numbers == list(range(1, len(numbers) + 1))
    for letter in found.letters:
        assert letter.positions, f"{letter.file} states no policy?"
        for position in letter.positions:
            c = position.citation
            assert c.letter_id == letter.letter_id and c.kind == "body"
            assert c.footnote.startswith("Letter from") and c.date == letter.date
            assert c.highlights and all(0 <= s < e <= len(c.text) for s, e in c.highlights)


def test_the_uk_timeline_cites_signature_then_ratification_for_the_convention(timeline):
    earlier, later = timeline.of("UK").letters
    ccm = [p.citation.text for p in earlier.positions if "ccm" in p.topics]
    assert ccm and "signed the Convention on Cluster Munitions" in ccm[0]
    ccm = [p.citation.text for p in later.positions if "ccm" in p.topics]
    assert ccm and "completed ratification" in ccm[0]


def test_the_comparison_highlights_the_changed_sentences(timeline):
    changes = timeline.changes("United Kingdom")
    assert (changes.earlier.date, changes.later.date) == ("2009-03-17", "2011-06-08")
    ccm = next(t for t in changes.topics if t.topic == "ccm")
    assert ccm.changed
    marked = [ccm.later.text[s:e] for s, e in ccm.later.highlights]
    assert any("has completed ratification" in sentence for sentence in marked)
    marked = [ccm.earlier.text[s:e] for s, e in ccm.earlier.highlights]
    assert any("signed the Convention" in sentence for sentence in marked)
    numbers = [c.n for t in changes.topics for c in (t.earlier, t.later) if c]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_topic_addressed_in_one_letter_only_is_shown_on_that_side(timeline):
    changes = timeline.changes("Brazil")
    ccw = next(t for t in changes.topics if t.topic == "ccw")
    assert "proper forum" in ccw.earlier.text and "continue to work" in ccw.later.text
    one_sided = [t for t in changes.topics if (t.earlier is None) != (t.later is None)]
    assert all(t.changed for t in one_sided)


def test_a_state_with_one_letter_or_none_is_a_clear_error(timeline):
    with pytest.raises(TooFewLetters, match="Norway has 1 letter"):
        timeline.changes("Norway")
    with pytest.raises(UnknownState, match="Narnia"):
        timeline.of("Narnia")


def test_the_overview_lists_every_state_once_with_its_letters_and_dates(timeline, dev_index):
    rows = {row.state: row for row in timeline.states()}
    assert set(rows) == set(dev_index.stats()["states"])
    uk = rows["United Kingdom"]
    assert (uk.letters, uk.first_date, uk.last_date) == (2, "2009-03-17", "2011-06-08")
    assert rows["France"].languages == ("fr",)


def test_which_states_lists_the_addressing_states_with_citations_and_the_silent_ones(pipeline):
    table = pipeline.across.table(analyse(VICTIMS), 20)
    shown = {state for state, *_ in table.rows}
    assert {"Laos", "Lebanon"} <= shown
    assert {"Brazil", "Pakistan"} <= set(table.not_addressed)  # their letters never mention it
    every = sorted(shown | set(table.not_addressed) | set(table.also_addressed))
    assert every == sorted(pipeline.index.stats()["states"])  # each state once, none invented
    for n, (state, date, sentence, citation) in enumerate(table.rows, start=1):
        assert citation.state == state and citation.date == date and citation.n == n
        start, end = citation.highlights[0]
        assert citation.text[start:end].split() == sentence.split()
        assert citation.footnote.startswith("Letter from")


def test_the_chat_answers_which_states_with_one_cited_sentence_per_state(pipeline):
    answer = pipeline.ask(VICTIMS, k=20)
    rows = answer.answer.splitlines()
    assert len(rows) == len(answer.citations) >= 2
    for n, (row, citation) in enumerate(zip(rows, answer.citations, strict=True), start=1):
        assert row.startswith(f"- {citation.state} (") and row.endswith(f"[{n}]")
        assert "(unsupported)" not in row
    assert "Not addressed in their letters:" in answer.notice and "Pakistan" in answer.notice


def test_the_streamed_chat_answer_is_the_same_across_states_answer(pipeline):
    *pieces, streamed = list(pipeline.stream(VICTIMS, k=20))
    asked = pipeline.ask(VICTIMS, k=20)
    assert "".join(pieces).strip() == streamed.answer == asked.answer
    assert [c.paragraph_id for c in streamed.citations] == [c.paragraph_id for c in asked.citations]


def test_compare_x_and_y_covers_exactly_the_named_states_present(pipeline):
    answer = pipeline.ask("Compare Brazil, Chile and Pakistan on the CCW.")
    assert sorted(c.state for c in answer.citations) == ["Brazil", "Pakistan"]
    assert "No letters in this collection from: Chile." in answer.notice
    assert all("CCW" in c.text or "Certain Conventional" in c.text for c in answer.citations)


def test_which_two_returns_two_rows(pipeline):
    answer = pipeline.ask(
        "Which two governments argue that the CCW, rather than the Oslo process, is the right "
        "place to deal with cluster munitions?"
    )
    assert len(answer.citations) == 2
    assert "Pakistan" in {c.state for c in answer.citations}


LETTER = """MINISTRY OF FOREIGN AFFAIRS
{capital}, {upper}

{day} March 2010

Dear Mr. Goose,

1. Thank you for your letter of 15 January 2010 asking about {state}'s policy on cluster munitions.

2. {body}

3. {state} signed the Convention on Cluster Munitions in Oslo on 3 December 2008.

Yours sincerely,

Ana Torres
Director, Department of Disarmament
"""
BODIES = {
    ("Chile", "Santiago"): "Chile runs a national programme of assistance to the victims and "
    "survivors of cluster munitions, with medical care and rehabilitation.",
    ("Mexico", "Mexico City"): "Mexico funds victim assistance abroad: it pays for prosthetics "
    "and rehabilitation for survivors of cluster munitions in affected countries.",
    ("Peru", "Lima"): "Peru destroyed its whole stockpile of cluster munitions in 2009; the "
    "destruction was verified by observers.",
    ("Ecuador", "Quito"): "Ecuador has never produced, imported or exported cluster munitions.",
    ("Bolivia", "La Paz"): "Bolivia takes part in the CCW discussions on cluster munitions.",
    ("Uruguay", "Montevideo"): "Uruguay prohibits the transit of cluster munitions through its "
    "territory.",
}


@pytest.fixture(scope="module")
def small_pipeline(tmp_path_factory, embedder):
    from index import LetterIndex, make_client

    folder = tmp_path_factory.mktemp("three-letters")
    for n, ((state, capital), body) in enumerate(BODIES.items(), start=1):
        text = LETTER.format(state=state, capital=capital, upper=state.upper(), day=n, body=body)
        (folder / f"{state.lower()}.txt").write_text(text, encoding="utf-8")
    letter_index = LetterIndex(make_client(tmp_path_factory.mktemp("small")), embedder, "small")
    letter_index.sync(folder)
    return Pipeline(letter_index).warm_up()


def test_a_silent_state_is_reported_not_addressed_on_hand_made_letters(small_pipeline):
    table = small_pipeline.across.table(analyse(VICTIMS), 5)
    assert [state for state, *_ in table.rows] == ["Chile", "Mexico"]
    assert table.not_addressed == ("Bolivia", "Ecuador", "Peru", "Uruguay")
    assert all("survivors" in sentence for _, _, sentence, _ in table.rows)
