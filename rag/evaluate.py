"""`letters eval`: answer every question of a questions.jsonl and score the answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rag.errors import BadQuestionsFile
from rag.metrics import QuestionScore, score_question, summarise_by_kind


def load_questions(path: Path) -> list[dict]:
    """One JSON object per non-empty line, each with at least an id and a question."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        questions = [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadQuestionsFile(path, str(error)) from error
    for number, question in enumerate(questions, start=1):
        if not isinstance(question, dict) or "id" not in question or "question" not in question:
            raise BadQuestionsFile(path, f"line {number} has no id or question")
    return questions


@dataclass(frozen=True)
class EvalReport:
    """The per-question scores and their summary."""

    scores: tuple[QuestionScore, ...]

    def to_dict(self) -> dict:
        return summarise_by_kind(self.scores)

    def table(self) -> str:
        """Overall and per-kind metrics as a markdown table."""
        summary = self.to_dict()
        rows = [("all", summary)] + list(summary["by_kind"].items())
        head = (
            "| kind | n | recall@1 | recall@5 | MRR | citation precision | answer facts | "
            "abstention acc. | false abstention | p50 ms | p95 ms |"
        )
        lines = [head, "|" + "---|" * 11]
        for kind, m in rows:
            cells = [
                m["recall@1"],
                m["recall@5"],
                m["mrr"],
                m["citation_precision"],
                m["answer_facts"],
                m["abstention_accuracy"],
                m["false_abstention"],
                m["latency_ms"]["p50"],
                m["latency_ms"]["p95"],
            ]
            lines.append(
                f"| {kind} | {m['questions']} | " + " | ".join(cell(c) for c in cells) + " |"
            )
        return "\n".join(lines)


def cell(value) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if value > 2 else f"{value:.2f}"


def evaluate(questions_path, pipeline, letters_root, out=None) -> EvalReport:
    """Answer each question with PIPELINE and score it; write {id, answer} lines to OUT."""
    questions = load_questions(Path(questions_path))
    pipeline.warm_up()
    scores, lines = [], []
    for question in questions:
        answer = pipeline.ask(question["question"])
        pairs = [(c.file, c.text) for c in answer.retrieved]
        cited = [(c.file, c.text) for c in answer.citations]
        scores.append(
            score_question(
                question,
                pairs,
                cited,
                answer.answer,
                answer.abstained,
                answer.timings_ms.get("total", 0.0),
            )
        )
        lines.append(
            json.dumps({"id": question["id"], "answer": answer.to_dict()}, ensure_ascii=False)
        )
    if out is not None:
        Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return EvalReport(tuple(scores))
