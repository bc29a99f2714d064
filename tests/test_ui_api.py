"""The JSON API, pages and headers over the real stack (real model, Chroma, rag Pipeline),
through FastAPI's TestClient: no browser, no port."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ui.api import SERVER_FAILED
from ui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEED = "What is Pakistan's position on the Oslo process?"
MONITOR = "https://the-monitor.example.org"
PAYLOAD_SCRIPT = "<script>window.__xss=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__xss=1">'
PAYLOAD_LINK = "[the ministry site](javascript:window.__xss=1)"
PAYLOAD_TEMPLATE = "${window.__xss=1} {{window.__xss}}"  # JS-template and Handlebars syntax
XSS_QUESTION = "Has Iceland ever produced, used or stockpiled cluster munitions?"
XSS_LETTER = f"""MINISTRY FOR FOREIGN AFFAIRS
REYKJAVIK, ICELAND

3 March 2010

Dear Mr. Goose,

1. Thank you for your letter of 15 January 2010 asking about Iceland's policy on cluster munitions.

2. Iceland has never produced, used or stockpiled cluster munitions {PAYLOAD_SCRIPT} and our \
national report {PAYLOAD_IMG} is published at {PAYLOAD_LINK} for anyone to read \
{PAYLOAD_TEMPLATE}.

3. Iceland signed the Convention on Cluster Munitions in Oslo on 3 December 2008 and is \
preparing its ratification.

Yours sincerely,

Jon Jonsson
Director, Department of Disarmament
"""


# letters.csv overrides: the XSS letter's metadata carries payloads too
XSS_METADATA = {
    "sender": f"Ministry for Foreign Affairs {PAYLOAD_IMG}",
    "signatory": f"Jon {PAYLOAD_SCRIPT} Jonsson",
    "reference": "[ref](javascript:window.__xss=1) **bold**",
}


def write_corpus(folder: Path) -> Path:
    """The bundled letters plus a letter whose text and metadata carry HTML, script and
    markdown payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in (ROOT / "data" / "letters").iterdir():
        shutil.copy(source, folder / source.name)
    (folder / "iceland-2010.txt").write_text(XSS_LETTER, encoding="utf-8")
    with (folder / "letters.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, ["file", "letter_index", *XSS_METADATA])
        writer.writeheader()
        writer.writerow({"file": "iceland-2010.txt", "letter_index": "0", **XSS_METADATA})
    return folder


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory, embedder):
    from index import LetterIndex, make_client
    from rag import Pipeline

    letter_index = LetterIndex(make_client(tmp_path_factory.mktemp("ui-index")), embedder, "ui-api")
    letter_index.sync(write_corpus(tmp_path_factory.mktemp("ui-letters")))
    return Pipeline(letter_index).warm_up()


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(
        data_dir=tmp_path_factory.mktemp("ui-data"), allowed_origins=MONITOR,
        max_question_chars=200,
    )  # fmt: skip


@pytest.fixture(scope="module")
def client(settings, pipeline):
    from ui.server import create_app

    with TestClient(create_app(settings, pipeline)) as test_client:
        yield test_client


def letter_of(client, state: str) -> dict:
    (summary,) = [s for s in client.get("/api/letters", params={"state": state}).json()]
    return client.get(f"/api/letters/{summary['letter_id']}").json()


def test_healthz_reports_index_size_and_model(client, pipeline):
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["paragraphs"] == pipeline.index.count() > 0
    assert health["letters"] == 3  # Pakistan's two letters and Iceland's
    assert "MiniLM" in health["model"]


def test_ask_returns_the_answer_object_citing_paragraph_4(client):
    response = client.post("/api/ask", json={"question": SEED})
    assert response.status_code == 200
    answer = response.json()
    assert not answer["abstained"]
    first = answer["citations"][0]
    where = (first["state"], first["date"], first["paragraph_number"])
    assert where == ("Pakistan", "2009-02-16", "4")
    assert "Ministry of Foreign Affairs" in first["sender"]
    assert "[1]" in answer["answer"]


def test_over_long_question_gets_a_clear_422(client):
    response = client.post("/api/ask", json={"question": "why " * 60})
    assert response.status_code == 422
    assert "the limit is 200" in response.json()["message"]


def test_empty_and_malformed_requests_get_messages(client):
    empty = client.post("/api/ask", json={"question": "   "})
    assert empty.status_code == 422 and "empty" in empty.json()["message"]
    missing = client.post("/api/ask", json={"state": "Pakistan"})
    assert missing.status_code == 422 and "question" in missing.json()["message"]


def test_stage_errors_become_messages_not_tracebacks(client):
    response = client.post("/api/ask", json={"question": SEED, "since": 2012, "until": 2009})
    assert response.status_code == 422
    assert "year range" in response.json()["message"]


def test_letters_list_filters_by_state(client):
    every = client.get("/api/letters").json()
    assert {s["state"] for s in every} == {"Pakistan", "Iceland"}
    pakistan = client.get("/api/letters", params={"state": "Pakistan"}).json()
    assert len(pakistan) == 2 and all(s["state"] == "Pakistan" for s in pakistan)
    assert pakistan[0]["permalink"] == f"/letters/{pakistan[0]['letter_id']}"


def test_letter_has_metadata_and_ordered_paragraphs(client):
    letter = letter_of(client, "Iceland")
    assert letter["date"] == "2010-03-03"
    ordinals = [p["ordinal"] for p in letter["paragraphs"]]
    assert ordinals == sorted(ordinals) and len(ordinals) >= 5
    assert any(PAYLOAD_SCRIPT in p["text"] for p in letter["paragraphs"])  # JSON keeps it as data


def test_unknown_letter_is_404_in_the_api_and_the_pages(client):
    response = client.get("/api/letters/no-such-letter")
    assert response.status_code == 404
    assert "no letter 'no-such-letter'" in response.json()["message"]
    page = client.get("/letters/no-such-letter")
    assert page.status_code == 404 and "Letter not found" in page.text


def test_permalink_page_renders_the_payload_as_text(client):
    letter = letter_of(client, "Iceland")
    page = client.get(f"/letters/{letter['letter_id']}")
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    target = next(p for p in letter["paragraphs"] if p["number"] == "2")
    assert f'id="p{target["ordinal"]}"' in page.text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page.text
    assert "<script" not in page.text and "<img" not in page.text


def test_cors_allows_the_configured_origin_and_localhost_only(client):
    def preflight(origin):
        headers = {"Origin": origin, "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Headers": "content-type"}  # fmt: skip
        return client.options("/api/ask", headers=headers)

    assert preflight(MONITOR).headers.get("access-control-allow-origin") == MONITOR
    local = "http://localhost:5173"
    assert preflight(local).headers.get("access-control-allow-origin") == local
    assert "access-control-allow-origin" not in preflight("https://evil.example").headers
    simple = client.get("/api/letters", headers={"Origin": MONITOR})
    assert simple.headers.get("access-control-allow-origin") == MONITOR


def test_widget_is_framed_only_by_allowed_origins(client):
    response = client.get("/widget", params={"title": "<b>Ask</b>"})
    csp = response.headers["content-security-policy"]
    assert f"frame-ancestors 'self' {MONITOR} http://localhost:* http://127.0.0.1:*" in csp
    assert "script-src 'self'" in csp
    assert "&lt;b&gt;Ask&lt;/b&gt;" in response.text and "<b>Ask" not in response.text


def test_embed_script_and_docs_are_served_from_this_origin(client):
    script = client.get("/embed.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in script.text
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
    assert "https://" not in docs.text  # no CDN
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]


def test_gradio_app_is_mounted_at_the_root(client):
    page = client.get("/")
    assert page.status_code == 200 and "Ask the letters" in page.text


def test_chat_handler_streams_then_shows_cards_or_a_message(pipeline):
    from ui.app import answer_turns

    respond = answer_turns(pipeline, max_chars=100)
    updates = list(respond(SEED, "All states", "Any", "Any", []))
    assert len(updates) >= 3  # pending, at least one text delta, final
    transcript, turns, cleared = updates[-1]
    assert cleared == "" and turns[-1]["answer"]["citations"]
    assert "16 February 2009" in transcript and "¶ 4" in transcript
    too_long, _, _ = list(respond("x" * 101, "All states", "Any", "Any", turns))[-1]
    assert "the limit is 100" in too_long and 'role="alert"' in too_long


def test_chat_handler_shows_a_notice_when_the_letters_are_silent(pipeline):
    from ui.app import answer_turns

    respond = answer_turns(pipeline, max_chars=100)
    updates = respond("What is the tallest mountain on Mars?", None, None, None, [])
    transcript, turns, _ = list(updates)[-1]
    assert turns[-1]["answer"]["abstained"]
    assert 'class="lt-notice lt-abstained"' in transcript


def test_filters_offer_the_states_and_years_of_the_index(pipeline):
    from ui.app import filter_choices, filters

    assert filter_choices(pipeline.index) == (["Iceland", "Pakistan"], ["2009", "2010"])
    assert filters("All states", "Any", "Any") == {"state": None, "since": None, "until": None}
    assert filters("Iceland", "2009", "2010") == {"state": "Iceland", "since": 2009, "until": 2010}


def test_serve_refuses_a_bad_allowed_origin_with_a_message():
    from typer.testing import CliRunner

    from ui.cli import app

    bad = {"LETTERS_ALLOWED_ORIGINS": "https://a.org; script-src *"}
    result = CliRunner().invoke(app, ["serve", "--port", "1"], env=bad)
    assert result.exit_code == 1
    assert "is not an origin" in result.output and "Traceback" not in result.output


def test_an_empty_index_without_a_letters_folder_still_starts(tmp_path, embedder, caplog):
    from index import LetterIndex, make_client
    from ui.server import ensure_letters

    letter_index = LetterIndex(make_client(tmp_path / "index"), embedder, "ui-empty")
    with caplog.at_level("WARNING", logger="letters.ui"):
        ensure_letters(letter_index, tmp_path / "missing")
    assert letter_index.count() == 0
    assert "does not exist: add letters with `letters ingest PATH`" in caplog.text


def test_a_defect_is_a_json_message_in_the_api_and_the_chat(settings, pipeline, monkeypatch):
    from ui.app import answer_turns
    from ui.server import create_app

    def broken(*args, **kwargs):
        raise RuntimeError("a defect deep inside")

    monkeypatch.setattr(pipeline, "ask", broken)
    monkeypatch.setattr(pipeline, "stream", broken)
    with TestClient(create_app(settings, pipeline), raise_server_exceptions=False) as client:
        response = client.post("/api/ask", json={"question": SEED})
    assert response.status_code == 500
    assert response.json() == {"message": SERVER_FAILED}
    transcript, turns, _ = list(
        answer_turns(pipeline, max_chars=100)(SEED, "All states", "Any", "Any", [])
    )[-1]
    assert turns[-1]["error"] == SERVER_FAILED and "defect" not in transcript


def test_a_follow_up_resolves_against_the_history_and_says_so(client):
    first = client.post("/api/ask", json={"question": SEED}).json()
    cited = first["citations"][0]
    history = [{"question": SEED, "state": cited["state"], "date": cited["date"]}]
    answer = client.post("/api/ask", json={"question": "Who signed it?", "history": history}).json()
    assert answer["answering"] == "Who signed Pakistan's letter of 16 February 2009?"
    assert any(c["kind"] == "signature" for c in answer["citations"])
    alone = client.post("/api/ask", json={"question": SEED}).json()
    assert alone["answering"] is None  # not a follow-up: answered as asked
