"""Follow-up questions rewritten against the previous turn (pure)."""

from rag.followup import Turn, last_turn, resolve

NORWAY = Turn("What did Norway say about stockpile destruction in 2010?", "Norway", "2010-06-12")


def test_a_new_year_replaces_the_previous_years():
    assert resolve("And in 2011?", NORWAY) == (
        "What did Norway say about stockpile destruction in 2011?"
    )
    ranged = Turn("How did Norway's policy change between 2008 and 2010?")
    assert resolve("And in 2011?", ranged) == "How did Norway's policy change in 2011?"
    plain = Turn("What is Chile's position on stockpiles?")
    assert resolve("What about 2012?", plain) == "What is Chile's position on stockpiles in 2012?"


def test_a_new_state_replaces_the_previous_states():
    assert resolve("What about Chile?", NORWAY) == (
        "What did Chile say about stockpile destruction in 2010?"
    )
    assert resolve("And for Chile and Peru?", NORWAY).startswith("What did Chile and Peru say")
    unnamed = Turn("Which states ban investment?")
    assert resolve("What about Chile?", unnamed) == "Which states ban investment (Chile)?"


def test_it_means_the_letter_the_previous_answer_quoted():
    assert resolve("Who signed it?", NORWAY) == "Who signed Norway's letter of 12 June 2010?"
    assert resolve("When was it written?", NORWAY) == (
        "When was Norway's letter of 12 June 2010 written?"
    )
    assert resolve("Who signed it?", Turn("Which states ban it?")) == "Who signed it?"  # no letter


def test_complete_questions_and_first_turns_are_answered_as_asked():
    full = "What is Chile's position on the Oslo process?"
    assert resolve(full, NORWAY) == full
    assert resolve("And in 2011?", None) == "And in 2011?"
    assert resolve("What about the stockpiles Norway kept for training in 2010?", NORWAY) == (
        "What about the stockpiles Norway kept for training in 2010?"
    )


def test_last_turn_reads_api_history_and_chat_turns():
    api = [{"question": "Q1?", "state": "Chile", "date": "2009-01-01"}]
    assert last_turn(api) == Turn("Q1?", "Chile", "2009-01-01")
    chat = [
        {"question": "Q0?"},
        {"question": "And Chile?", "answer": {"answering": "Q about Chile?",
                                               "citations": [{"state": "Chile", "date": "2010"}]}},
    ]  # fmt: skip
    assert last_turn(chat) == Turn("Q about Chile?", "Chile", "2010")
    assert last_turn([]) is None and last_turn(None) is None
