"""`letters ingest` and `letters stats` through the real command line app."""

from __future__ import annotations

import json
import shutil

from conftest import free_port
from typer.testing import CliRunner

from ui.cli import app


def test_ingest_then_stats_json(tmp_path, dev_letters):
    folder = tmp_path / "letters"
    folder.mkdir()
    for name in ("pakistan-2009.txt", "uk-2011.pdf", "germany-2009.docx"):
        shutil.copyfile(dev_letters / name, folder / name)
    runner = CliRunner()
    env = {"LETTERS_INDEX_DIR": str(tmp_path / "index"), "LETTERS_CHROMA_URL": ""}
    ingested = runner.invoke(app, ["ingest", str(folder), "--json"], env=env)
    assert ingested.exit_code == 0, ingested.output
    assert sorted(json.loads(ingested.stdout)["added"]) == sorted(p.name for p in folder.iterdir())

    shown = runner.invoke(app, ["stats", "--json"], env=env)
    assert shown.exit_code == 0, shown.output
    stats = json.loads(shown.stdout)
    assert {"letters", "paragraphs", "states", "model"} <= set(stats)
    assert stats["letters"] == 4 and stats["model"] == "all-MiniLM-L6-v2"
    assert {"Pakistan", "United Kingdom", "Germany"} <= set(stats["states"])
    assert stats["formats"] == {"docx": 1, "pdf": 1, "txt": 1}

    again = runner.invoke(app, ["ingest", str(folder)], env=env)
    assert again.exit_code == 0 and "0 added, 0 updated, 0 removed, 3 unchanged" in again.stdout


def test_an_unreachable_server_gives_a_one_line_remedy(tmp_path):
    env = {"LETTERS_CHROMA_URL": f"http://127.0.0.1:{free_port()}"}
    result = CliRunner().invoke(app, ["stats"], env=env)
    assert result.exit_code == 1
    assert "cannot reach the Chroma server" in result.output
    assert "chroma run" in result.output and "Traceback" not in result.output
