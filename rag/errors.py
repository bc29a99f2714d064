"""Errors of the rag stage; their messages say what to do."""


class RagError(Exception):
    """Base class of every error the rag stage raises."""


class EmptyQuestion(RagError):
    def __init__(self):
        super().__init__(
            "The question is empty: type a question about the letters, e.g. "
            '"What is Pakistan\'s position on the Oslo process?"'
        )


class QuestionTooLong(RagError):
    def __init__(self, length: int, max_chars: int):
        super().__init__(
            f"The question has {length} characters; the limit is {max_chars}. "
            "Shorten it to one question."
        )


class UnknownState(RagError):
    def __init__(self, state: str, known: list[str]):
        names = ", ".join(known) if known else "none yet (ingest some letters first)"
        super().__init__(f"No letters from a state called {state!r}. States in the index: {names}.")


class BadYearRange(RagError):
    def __init__(self, since: int | None, until: int | None):
        super().__init__(
            f"The year range {since}–{until} is empty: give --since no later than the "
            "end year, as four-digit years."
        )


class BadK(RagError):
    def __init__(self, k: int):
        super().__init__(f"k={k} is out of range: ask for between 1 and 50 paragraphs.")


class UnknownLLM(RagError):
    def __init__(self, spec: str):
        super().__init__(
            f"LETTERS_LLM={spec!r} is not understood: use ollama:<model> or "
            "openai:<model> (with LETTERS_LLM_BASE_URL for a local server), or unset it."
        )


class BadQuestionsFile(RagError):
    def __init__(self, path, reason: str):
        super().__init__(
            f"Cannot read the questions file {path}: {reason}. Give a JSON-lines file "
            "with id, question, gold, answer_facts and kind on each line."
        )


class TooFewLetters(RagError):
    def __init__(self, state: str, count: int):
        super().__init__(
            f"{state} has {count} letter(s) stating a policy in the collection; a comparison "
            "needs two. See its timeline instead (`letters timeline STATE`)."
        )


class BadSetting(RagError):
    def __init__(self, owner: str, name: str, value, low, high):
        super().__init__(
            f"{owner}.{name}={value!r} is out of range: give a number between {low} and {high} "
            "(scripts/tune.py lists every setting with its meaning)."
        )
