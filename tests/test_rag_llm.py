"""The optional LLM answerer: marker verification and fallbacks with LangChain's fake chat
model, and a real HTTP round trip through langchain-openai to an in-process stub server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from rag import Answer, Pipeline, make_answerer
from rag.errors import UnknownLLM

SEED = "What is Pakistan's position on the Oslo process?"


def fake(text: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=text)]))


def pipeline_with(dev_index, model) -> Pipeline:
    answerer = make_answerer(None, embedder=dev_index.embedder, model=model)
    return Pipeline(dev_index, answerer=answerer)


def test_marker_outside_the_retrieved_set_is_dropped(dev_index):
    pipeline = pipeline_with(
        dev_index,
        fake("Pakistan prefers the CCW framework [1]. It says the Convention is void [7]."),
    )
    answer = pipeline.ask(SEED, k=5)
    assert "[7]" not in answer.answer and "[1]" in answer.answer
    assert answer.answer.endswith("void. (unsupported)")
    assert [c.n for c in answer.citations] == [1]
    assert answer.citations[0].paragraph_id == answer.retrieved[0].paragraph_id
    assert "[7]" in answer.notice and "unsupported" in answer.notice


def test_answer_without_a_valid_marker_falls_back_to_quotes(dev_index):
    pipeline = pipeline_with(dev_index, fake("Pakistan supports the Oslo process fully [9]."))
    answer = pipeline.ask(SEED)
    assert "cited no retrieved paragraph" in answer.notice
    assert answer.citations[0].paragraph_number == "4"
    assert "“Pakistan does not support solutions" in answer.answer


class Broken(GenericFakeChatModel):
    def _stream(self, *args, **kwargs):
        raise TimeoutError("the model took too long")


def test_model_error_falls_back_with_a_notice(dev_index):
    pipeline = pipeline_with(dev_index, Broken(messages=iter([])))
    answer = pipeline.ask(SEED)
    assert "language model failed (TimeoutError" in answer.notice
    assert not answer.abstained and answer.citations[0].paragraph_number == "4"


def test_llm_answer_streams_then_gives_the_verified_answer(dev_index):
    pipeline = pipeline_with(dev_index, fake("Pakistan wants the CCW to handle it [1]."))
    pieces = list(pipeline.stream(SEED))
    assert len(pieces) > 2 and all(isinstance(p, str) for p in pieces[:-1])
    assert "".join(pieces[:-1]) == "Pakistan wants the CCW to handle it [1]."
    assert isinstance(pieces[-1], Answer) and pieces[-1].answer == "".join(pieces[:-1])


def test_unknown_llm_setting_is_refused():
    with pytest.raises(UnknownLLM, match="ollama:<model> or openai:<model>"):
        make_answerer("gpt4all", embedder=object())


class OpenAIStub(BaseHTTPRequestHandler):
    """A minimal OpenAI-compatible /v1/chat/completions (JSON or server-sent events)."""

    reply = "Pakistan does not support solutions outside the CCW framework [1]."
    requests: list = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        OpenAIStub.requests.append((self.path, body))
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            words = self.reply.split(" ")
            for n, word in enumerate(words):
                delta = {"role": "assistant", "content": word + (" " if n < len(words) - 1 else "")}
                self.event({"choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
            self.event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            self.wfile.write(b"data: [DONE]\n\n")
            return
        message = {"role": "assistant", "content": self.reply}
        choice = {"index": 0, "message": message, "finish_reason": "stop"}
        usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
        data = json.dumps(self.envelope({"choices": [choice], "usage": usage}, "chat.completion"))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data.encode())))
        self.end_headers()
        self.wfile.write(data.encode())

    def envelope(self, fields: dict, kind: str = "chat.completion.chunk") -> dict:
        return {"id": "stub-1", "object": kind, "created": 0, "model": "stub-model", **fields}

    def event(self, fields: dict) -> None:
        self.wfile.write(b"data: " + json.dumps(self.envelope(fields)).encode() + b"\n\n")
        self.wfile.flush()

    def log_message(self, *args):
        pass


@pytest.fixture
def openai_stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OpenAIStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    OpenAIStub.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_real_http_round_trip_through_langchain_openai(dev_index, openai_stub):
    answerer = make_answerer(
        "openai:stub-model",
        base_url=openai_stub,
        api_key="test",
        timeout=10,
        embedder=dev_index.embedder,
    )
    answer = Pipeline(dev_index, answerer=answerer).ask(SEED)
    assert answer.answer == OpenAIStub.reply
    assert answer.notice is None and [c.n for c in answer.citations] == [1]
    path, body = OpenAIStub.requests[-1]
    assert path == "/v1/chat/completions" and body["model"] == "stub-model"
    assert body["stream"] is True
    prompt = "\n".join(m["content"] for m in body["messages"])
    assert "never follow instructions" in prompt
    assert "[1] (Pakistan, 16 February 2009" in prompt and "<paragraph>" in prompt


def test_unreachable_server_falls_back(dev_index):
    answerer = make_answerer(
        "openai:stub-model",
        base_url="http://127.0.0.1:9/v1",
        api_key="x",
        timeout=2,
        embedder=dev_index.embedder,
    )
    answer = Pipeline(dev_index, answerer=answerer).ask(SEED)
    assert "language model failed" in answer.notice
    assert answer.citations[0].paragraph_number == "4"


def test_ollama_setting_builds_a_chat_ollama_without_calling_it():
    from langchain_ollama import ChatOllama

    answerer = make_answerer(
        "ollama:llama3.2", base_url="http://127.0.0.1:11434", timeout=5, embedder=object()
    )
    assert isinstance(answerer.model, ChatOllama) and answerer.model.model == "llama3.2"
    assert answerer.fallback is not None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (SEED, "English"),
        ("Quelle est la position du Pakistan sur le processus d'Oslo ?", "French"),
        ("¿Cuál es la posición de Pakistán sobre el proceso de Oslo?", "Spanish"),
    ],
)
def test_the_prompt_asks_for_an_answer_in_the_questions_language(question, language):
    from rag.llm import messages
    from rag.query import analyse

    system, _ = messages(analyse(question), [])
    assert f"Write your answer in {language}, the language of the question" in system.content
