"""Citation verification of generated answers."""

from rag.verify import verify_markers


def test_marker_outside_the_retrieved_set_is_dropped():
    result = verify_markers("Pakistan opposes a ban [1]. It prefers the CCW [7].", 5)
    assert "[7]" not in result.text and "[1]" in result.text
    assert result.dropped == (7,) and result.used == (1,)


def test_sentence_without_a_valid_marker_is_flagged():
    result = verify_markers("Pakistan opposes a ban [2]. The Convention is void.", 5)
    assert result.unsupported == 1
    assert result.text.endswith("The Convention is void. (unsupported)")


def test_marker_after_the_full_stop_supports_its_sentence():
    result = verify_markers("Pakistan opposes a ban. [3] It prefers the CCW. [1]", 5)
    assert result.unsupported == 0 and result.used == (3, 1)


def test_no_valid_marker_at_all():
    result = verify_markers("The answer is yes, it was signed in Oslo [9].", 5)
    assert result.used == () and result.dropped == (9,)


def test_verification_is_idempotent():
    once = verify_markers("It is void [9]. Pakistan prefers the CCW [1].", 5).text
    assert (
        verify_markers(once, 5).text
        == once
        == "It is void. (unsupported) Pakistan prefers the CCW [1]."
    )


def test_quotes_are_one_claim_whatever_their_full_stops():
    text = "It states: “It wrote to Mr. Stephen D. Goose. He said no.” [1] Then it is void."
    result = verify_markers(text, 3)
    assert result.unsupported == 1 and "Mr. Stephen" in result.text
    assert result.text.endswith("Then it is void. (unsupported)")
