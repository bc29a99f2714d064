"""The one LCEL chain: resolve -> analyse -> retrieve -> answer -> verify, and the Pipeline
around it. The retrieve stage is the Retriever's own LCEL sequence of named steps."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from langchain_core.runnables import RunnableLambda

from rag.across import AcrossStates
from rag.answer import Answer, citation_of
from rag.errors import BadK, BadYearRange, EmptyQuestion, QuestionTooLong
from rag.extractive import Draft, ExtractiveAnswerer
from rag.followup import last_turn, resolve
from rag.query import analyse, clean_question
from rag.retrieve import Retriever
from rag.sentence_index import SentenceIndex
from rag.verify import verify_markers

MAX_K = 50


def timed(stage: str, step, key: str | None = None):
    """Wrap STEP(state) so its duration lands in state["timings"][stage] (milliseconds); with
    KEY, the runnable returns the state with STEP's result added under KEY. (Not
    RunnablePassthrough.assign: it runs its one step on a new thread pool per call, ~2 ms of
    thread start-up per stage and question.)"""

    def run(state: dict):
        started = time.perf_counter()
        result = step(state)
        state["timings"][stage] = round((time.perf_counter() - started) * 1000, 2)
        return result if key is None else {**state, key: result}

    return RunnableLambda(run, name=stage)


class Pipeline:
    """Question in, Answer out, through one LangChain runnable (`.chain`)."""

    def __init__(
        self,
        letter_index,
        answerer=None,
        retriever: Retriever | None = None,
        max_question_chars: int = 1000,
    ):
        self.index = letter_index
        self.sentence_index = SentenceIndex(letter_index)
        self.answerer = answerer or ExtractiveAnswerer(letter_index.embedder)
        if getattr(self.answerer, "fallback", False) is None:
            self.answerer.fallback = ExtractiveAnswerer(letter_index.embedder)
        for extractive in (self.answerer, getattr(self.answerer, "fallback", None)):
            if isinstance(extractive, ExtractiveAnswerer):
                extractive.sentences = self.sentence_index.cache  # one cache of vectors
        self.retriever = retriever or Retriever(letter_index, sentences=self.sentence_index)
        extractive = extractive_of(self.answerer, letter_index.embedder, self.sentence_index)
        cache = self.sentence_index.cache
        self.across = AcrossStates(letter_index, self.retriever, extractive, cache)
        self.max_question_chars = max_question_chars
        self.chain = (
            timed("resolve", self.resolve_step, key="answering")
            | timed("analyse", self.analyse_step, key="plan")
            | timed("retrieve", self.retrieve_step, key="hits")
            | timed("answer", self.answer_step, key="draft")
            | timed("verify", self.verify_step)
        )

    def warm_up(self) -> Pipeline:
        """Load the model and the paragraphs now rather than on the first question."""
        self.index.embedder.warm_up()
        self.index.paragraphs()
        self.index.lexical()
        self.index.paragraph_vectors()
        self.sentence_index.warm_up()
        self.retriever.warm_up()
        self.across.warm_up()
        analyse("What did France say in 2010?", None, None, None)  # compiles its patterns once
        return self

    # --- the steps -----------------------------------------------------------------------

    def resolve_step(self, state: dict) -> str:
        """A follow-up ("And in 2011?", "Who signed it?") rewritten against the last turn."""
        return resolve(state["question"], last_turn(state.get("history")))

    def analyse_step(self, state: dict):
        return analyse(
            state["answering"], state.get("state"), state.get("since"), state.get("until")
        )

    def retrieve_step(self, state: dict):
        return self.retriever.runnable().invoke({"plan": state["plan"], "k": state["k"]})

    def answer_step(self, state: dict) -> Draft:
        if self.across.applies(state["plan"]):  # "which states …": one cited row per state
            return self.across.draft(state["plan"], state["k"])
        return self.answerer.answer(state["plan"], state["hits"])

    def verify_step(self, state: dict) -> Answer:
        """Check every marker against the cited set and build the Answer."""
        draft: Draft = state["draft"]
        # Abstentions quote nothing; answers keep only markers that point at a cited paragraph.
        cited_numbers = {n for n, _, _ in draft.cited}
        text = draft.text
        if not draft.abstained:
            text = verify_markers(draft.text, max(cited_numbers, default=0)).text
        citations = tuple(self.citation(h, n, spans) for n, h, spans in draft.cited)
        numbers = {h.paragraph.id: n for n, h, _ in draft.cited}
        retrieved = tuple(self.citation(h, numbers.get(h.paragraph.id)) for h in state["hits"])
        return Answer(
            state["question"],
            text,
            draft.abstained,
            citations,
            retrieved,
            state["timings"],
            draft.notice,
            state["answering"] if state["answering"] != state["question"] else None,
        )

    def citation(self, hit, n, spans=()):
        address = self.address_of(hit.paragraph.letter_id)
        return citation_of(hit.paragraph, n, spans, hit.score, hit.rank, address)

    def address_of(self, letter_id: str) -> str | None:
        """The letter's address block (the recipient with title and organisation)."""
        blocks = [p.text for p in self.index.letter(letter_id) if p.kind == "address"]
        return blocks[0] if blocks else None

    # --- entry points --------------------------------------------------------------------

    def inputs(self, question: str, k: int, state, since, until, history=None) -> dict:
        question = clean_question(question)
        if not question:
            raise EmptyQuestion()
        if len(question) > self.max_question_chars:
            raise QuestionTooLong(len(question), self.max_question_chars)
        if not 1 <= k <= MAX_K:
            raise BadK(k)
        if since is not None and until is not None and since > until:
            raise BadYearRange(since, until)
        return {
            "question": question,
            "k": k,
            "state": state,
            "since": since,
            "until": until,
            "history": list(history or []),
            "timings": {},
            "started": time.perf_counter(),
        }

    def ask(
        self,
        question: str,
        k: int = 5,
        state: str | None = None,
        since: int | None = None,
        until: int | None = None,
        history: list | None = None,
    ) -> Answer:
        """HISTORY: the earlier turns (dicts with "question", optionally "state", "date" or
        the earlier "answer"), so a follow-up resolves against the last one."""
        inputs = self.inputs(question, k, state, since, until, history)
        return with_timings(self.chain.invoke(inputs), inputs)

    def stream(
        self,
        question: str,
        k: int = 5,
        state: str | None = None,
        since: int | None = None,
        until: int | None = None,
        history: list | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas while the answer is written, then the final Answer."""
        inputs = self.inputs(question, k, state, since, until, history)
        before_answer = self.chain.first | self.chain.middle[0] | self.chain.middle[1]
        state_ = before_answer.invoke(inputs)
        started = time.perf_counter()
        draft = None
        answering = self.answerer.stream(state_["plan"], state_["hits"])
        if self.across.applies(state_["plan"]):
            across = self.answer_step(state_)
            answering = iter([across.text, across])
        for piece in answering:
            if isinstance(piece, Draft):
                draft = piece
            else:
                yield piece
        state_["timings"]["answer"] = round((time.perf_counter() - started) * 1000, 2)
        yield with_timings(self.chain.last.invoke(state_ | {"draft": draft}), inputs)


def extractive_of(answerer, embedder, sentence_index) -> ExtractiveAnswerer:
    """The default answerer behind ANSWERER (itself, or an LLM answerer's fallback): across-
    states rows are quoted sentences, whatever answers the other questions."""
    for candidate in (answerer, getattr(answerer, "fallback", None)):
        if isinstance(candidate, ExtractiveAnswerer):
            return candidate
    extractive = ExtractiveAnswerer(embedder)
    extractive.sentences = sentence_index.cache
    return extractive


def with_timings(answer: Answer, inputs: dict) -> Answer:
    """The stages' timings (the chain fills inputs["timings"]) and the total, in milliseconds."""
    total = round((time.perf_counter() - inputs["started"]) * 1000, 2)
    return replace(answer, timings_ms={**inputs["timings"], "total": total})
