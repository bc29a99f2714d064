"""The `letters` CLI: each command documented with an example; bad input is one line."""

import pytest
from typer.testing import CliRunner

from ui.cli import app

runner = CliRunner()
COMMANDS = ["parse", "ingest", "ask", "eval", "stats", "timeline", "serve"]


def test_the_cli_has_exactly_the_documented_commands():
    registered = {command.name or command.callback.__name__ for command in app.registered_commands}
    assert registered == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: letters " + command in " ".join(result.output.split())


def test_a_missing_path_is_one_line_not_a_traceback(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1


def test_an_empty_question_is_refused_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("LETTERS_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["ask", "   "])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_a_bad_setting_names_the_variable(monkeypatch):
    monkeypatch.setenv("LETTERS_MAX_QUESTION_CHARS", "many")
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: bad setting: LETTERS_MAX_QUESTION_CHARS")
    assert "Traceback" not in result.output
