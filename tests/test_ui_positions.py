"""Positions over time and across states on the web, over the real stack on the dev corpus
(TestClient, no browser): /api/states, timelines, comparisons, /api/across, the /states pages,
the chat's across-states answer through /api/ask, and the escaping of the HTML views."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from ui.positions_view import across_html, changes_html, overview_html
from ui.settings import Settings

VICTIMS = "Which states provide assistance to victims of cluster munitions?"


@pytest.fixture(scope="module")
def client(dev_index, tmp_path_factory):
    from rag import Pipeline
    from ui.server import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("positions-data"))
    with TestClient(create_app(settings, Pipeline(dev_index).warm_up())) as test_client:
        yield test_client


def test_the_states_overview_links_every_state_to_its_timeline(client, dev_index):
    rows = client.get("/api/states").json()
    assert [row["state"] for row in rows] == dev_index.stats()["states"]
    brazil = next(row for row in rows if row["state"] == "Brazil")
    assert brazil | {"timeline": None} == {
        "state": "Brazil", "letters": 2, "first_date": "2008-07-21", "last_date": "2009-03-09",
        "languages": ["en"], "timeline": None,
    }  # fmt: skip
    page = client.get("/states")
    assert page.status_code == 200 and "script-src" not in page.headers["content-security-policy"]
    assert f'href="/states/{quote("United Kingdom", safe="")}"' in page.text
    assert "21 July 2008 – 9 March 2009" in page.text


def test_the_timeline_route_lists_both_uk_letters_in_order_with_citations(client):
    body = client.get("/api/states/United%20Kingdom/timeline").json()
    assert [letter["date"] for letter in body["letters"]] == ["2009-03-17", "2011-06-08"]
    citation = body["letters"][1]["positions"][0]["citation"]
    assert citation["footnote"].startswith("Letter from") and citation["highlights"]


def test_the_changes_route_marks_changed_sentences_and_a_single_letter_is_422(client):
    body = client.get("/api/states/UK/changes").json()
    ccm = next(t for t in body["topics"] if t["topic"] == "ccm")
    later = ccm["later"]
    marked = [later["text"][s:e] for s, e in later["highlights"]]
    assert ccm["changed"] and any("completed ratification" in m for m in marked)
    refused = client.get("/api/states/Norway/changes")
    assert refused.status_code == 422 and "needs two" in refused.json()["message"]
    unknown = client.get("/api/states/Narnia/timeline")
    assert unknown.status_code == 422 and "States in the index" in unknown.json()["message"]


def test_the_state_page_shows_what_changed_then_the_timeline(client):
    page = client.get("/states/Brazil")
    assert page.status_code == 200
    assert page.text.index("What changed: Brazil") < page.text.index("Brazil: 2 letter(s)")
    assert "<mark>Brazil did not sign the Convention on Cluster Munitions" in page.text
    assert client.get("/states/Narnia").status_code == 404


def test_across_route_returns_one_row_per_state_and_the_silent_states(client, dev_index):
    body = client.post("/api/across", json={"question": VICTIMS}).json()
    states = [row["state"] for row in body["rows"]]
    assert states == sorted(states) and {"Laos", "Lebanon"} <= set(states)
    assert "Pakistan" in body["not_addressed"]
    assert sorted(states + body["not_addressed"] + body["also_addressed"]) == sorted(
        dev_index.stats()["states"]
    )
    assert all(row["citation"]["state"] == row["state"] for row in body["rows"])
    assert client.post("/api/across", json={"question": " "}).status_code == 422


def test_the_chat_api_answers_which_states_with_cited_rows(client):
    body = client.post("/api/ask", json={"question": VICTIMS, "k": 10}).json()
    assert not body["abstained"]
    lines = body["answer"].splitlines()
    assert len(lines) == len(body["citations"])
    assert all(f"[{c['n']}]" in line for line, c in zip(lines, body["citations"], strict=True))
    assert body["notice"].startswith("Not addressed in their letters:")


PAYLOAD = "<script>window.__xss=1</script>"


def citation(text: str, n: int = 1, highlights=((0, 8),)) -> dict:
    return {
        "n": n, "letter_id": "L<1>", "ordinal": 2, "paragraph_number": "2", "text": text,
        "highlights": [list(h) for h in highlights], "footnote": f"Letter from {PAYLOAD}.",
    }  # fmt: skip


def test_the_views_escape_letter_text_and_metadata():
    changes = {
        "state": PAYLOAD, "earlier": {"date": "2009-01-02"}, "later": {"date": "2010-01-02"},
        "topics": [{"topic": "ccm", "label": "CCM", "changed": True,
                    "earlier": citation(PAYLOAD), "later": None}],
    }  # fmt: skip
    across = {
        "rows": [{"state": PAYLOAD, "date": None, "sentence": PAYLOAD, "citation": citation("x")}],
        "not_addressed": [PAYLOAD], "also_addressed": [], "absent": [],
    }  # fmt: skip
    overview = [{"state": PAYLOAD, "letters": 1, "first_date": None, "last_date": None}]
    for html in (changes_html(changes), across_html(across), overview_html(overview)):
        assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>&lt;script&gt;</mark>" in changes_html(changes)
    assert "Not addressed in this letter." in changes_html(changes)


def test_the_timeline_command_prints_the_letters_the_changes_and_one_line_errors(
    dev_index, monkeypatch
):
    import json

    from typer.testing import CliRunner

    from ui.cli import app

    monkeypatch.setattr("ui.wiring.open_index", lambda settings: dev_index)
    runner = CliRunner()
    shown = runner.invoke(app, ["timeline", "United Kingdom", "--json"])
    assert shown.exit_code == 0, shown.output
    letters = json.loads(shown.output)["letters"]
    assert [letter["date"] for letter in letters] == ["2009-03-17", "2011-06-08"]
    changes = runner.invoke(app, ["timeline", "UK", "--changes"])
    assert changes.exit_code == 0 and ">>>Since we last wrote to you" in changes.output
    refused = runner.invoke(app, ["timeline", "Narnia"])
    assert refused.exit_code == 1 and refused.output.startswith("Error: No letters from")
    assert len(refused.output.strip().splitlines()) == 1
