# ruff: noqa: E501  (the letters keep one paragraph per line, as typed)
"""`letters eval` end to end on a tiny hand-made corpus, against hand-computed metrics."""

import json

import pytest
from typer.testing import CliRunner

from ui.cli import app

CHILE = """MINISTRY OF FOREIGN AFFAIRS
SANTIAGO

15 April 2011

Dear Mr. Goose,

1. Chile ratified the Convention on Cluster Munitions on 16 December 2010 after a unanimous vote of the Senate.

2. Chile destroyed its entire stockpile of cluster munitions at the Famae plant near Talagante in 2009.

Yours sincerely,

Maria Soto
Director of International Security Affairs
"""
PERU = """MINISTRY OF FOREIGN AFFAIRS
LIMA

2 June 2009

Dear Mr. Goose,

1. Peru hosted the Lima Conference on Cluster Munitions in May 2007, the second meeting of the Oslo Process.

Yours sincerely,

Jorge Salas
Director General
"""


def question(qid, text, kind, gold=(), facts=()):
    gold = [{"file": f, "letter_index": 0, "paragraph_quote": q} for f, q in gold]
    return {"id": qid, "question": text, "kind": kind, "gold": gold, "answer_facts": list(facts)}


QUESTIONS = [
    question(
        "t1",
        "When did Chile ratify the Convention on Cluster Munitions?",
        "factual",
        [("chile-2011.txt", "1. Chile ratified the Convention")],
        ["ratified on 16 December 2010", "unanimous Senate vote", "deposited in New York"],
    ),
    question(
        "t2",
        "Which city hosted Peru's conference on cluster munitions in 2007?",
        "factual",
        [("peru-2009.txt", "Peru hosted the Lima Conference")],
        ["Lima Conference, May 2007"],
    ),
    question(
        "t3",
        "Where did Chile destroy its cluster munition stockpile?",
        "factual",
        [("chile-2011.txt", "2. Chile destroyed its entire stockpile")],
        ["Famae plant", "destroyed in 2009"],
    ),
    question(
        "t4", "What is India's position on the Convention on Cluster Munitions?", "unanswerable"
    ),
    question("t5", "How many cluster munitions does Peru hold in its stockpile?", "unanswerable"),
]


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    (root / "letters").mkdir()
    (root / "letters" / "chile-2011.txt").write_text(CHILE, encoding="utf-8")
    (root / "letters" / "peru-2009.txt").write_text(PERU, encoding="utf-8")
    lines = "\n".join(json.dumps(q) for q in QUESTIONS) + "\n"
    (root / "questions.jsonl").write_text(lines, encoding="utf-8")
    return root


def test_eval_metrics_on_a_tiny_corpus(tiny_corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("LETTERS_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "eval",
            str(tiny_corpus / "questions.jsonl"),
            "--letters",
            str(tiny_corpus / "letters"),
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    # By hand: every gold paragraph is retrieved first and is the only one cited; 5 of the 6
    # facts are in the quoted sentences ("deposited in New York" is not); both questions the
    # letters cannot answer are refused.
    assert (metrics["questions"], metrics["answerable"], metrics["unanswerable"]) == (5, 3, 2)
    assert metrics["recall@1"] == metrics["recall@5"] == metrics["mrr"] == 1.0
    assert metrics["citation_precision"] == 1.0
    assert metrics["answer_facts"] == pytest.approx(5 / 6)
    assert metrics["abstention_accuracy"] == 1.0 and metrics["false_abstention"] == 0.0
    assert set(metrics["latency_ms"]) == {"p50", "p95"}
    assert set(metrics["by_kind"]) == {"factual", "unanswerable"}
    assert metrics["by_kind"]["unanswerable"]["recall@5"] is None
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["t1", "t2", "t3", "t4", "t5"]
    assert lines[3]["answer"]["abstained"] and not lines[0]["answer"]["abstained"]


def test_eval_table_and_a_bad_questions_file(tiny_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("LETTERS_DATA_DIR", str(tmp_path / "data"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad), "--letters", str(tiny_corpus / "letters")])
    assert result.exit_code == 1
    assert "Cannot read the questions file" in result.output and "Traceback" not in result.output
