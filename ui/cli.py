"""`letters`: a thin command line over the four stages. Each command has help and an example."""

from __future__ import annotations

import json
import os
import sys
from functools import wraps
from pathlib import Path
from typing import Annotated

# The entry point: model weights come from the bundled folder, never from a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import typer  # noqa: E402

from ui.errors import STAGE_ERRORS  # noqa: E402
from ui.settings import load_settings  # noqa: E402

app = typer.Typer(
    help="Answer questions over governments' letters on cluster munitions, citing paragraphs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
USER_ERRORS = (*STAGE_ERRORS, OSError)


def friendly(command):
    """Turn the stages' errors into one line on stderr and exit 1: a user never sees a traceback."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except USER_ERRORS as error:
            typer.secho(f"Error: {error}", fg="red", err=True)
            raise typer.Exit(1) from None

    return run


def emit_json(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@app.command()
@friendly
def parse(
    path: Annotated[Path, typer.Argument(help="A letter file or a folder of letters.")],
    as_json: JsonFlag = False,
):
    """Show the letters, metadata and paragraphs found in PATH, without touching any index.

    Example: letters parse data/letters --json
    """
    from ingest import parse_folder

    report = parse_folder(path)
    if as_json:
        emit_json(report.to_dict())
    else:
        typer.echo(report.describe())


@app.command()
@friendly
def ingest(
    path: Annotated[
        Path | None,
        typer.Argument(help="A folder of letters (or one file); default LETTERS_LETTERS_DIR."),
    ] = None,
    prune: Annotated[bool, typer.Option(help="Remove letters whose files are gone.")] = False,
    rebuild: Annotated[bool, typer.Option(help="Drop the index; embed everything again.")] = False,
    as_json: JsonFlag = False,
):
    """Add new and changed letters under PATH to the index; unchanged files are skipped.

    Example: letters ingest ../letters --prune
    """
    from ui.wiring import open_index

    settings = load_settings()
    report = open_index(settings).sync(
        path or settings.letters_dir, prune=prune, rebuild=rebuild, progress=True
    )
    emit_json(report.to_dict()) if as_json else typer.echo(report.describe())


@app.command()
@friendly
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    as_json: JsonFlag = False,
    k: Annotated[int, typer.Option("--k", help="How many paragraphs to retrieve.")] = 5,
    state: Annotated[str | None, typer.Option(help="Only letters of this state.")] = None,
    since: Annotated[int | None, typer.Option(help="Only letters from this year on.")] = None,
    until: Annotated[int | None, typer.Option(help="Only letters up to this year.")] = None,
):
    """Answer QUESTION from the indexed letters, with numbered sources.

    Example: letters ask "What is Pakistan's position on the Oslo process?"
    """
    from ui.wiring import open_pipeline

    filters = {"k": k, "state": state, "since": since, "until": until}
    answer = open_pipeline(load_settings()).ask(question, **filters)
    emit_json(answer.to_dict()) if as_json else typer.echo(answer.describe())


@app.command(name="eval")
@friendly
def evaluate(
    questions: Annotated[Path, typer.Argument(help="A questions.jsonl file.")],
    letters: Annotated[Path, typer.Option(help="The folder the gold files are relative to.")],
    index: Annotated[Path | None, typer.Option(help="Use this index, not a fresh one.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write one JSON line per question here.")] = None,
    as_json: JsonFlag = False,
):
    """Measure retrieval, citations, answer facts, abstention and latency on QUESTIONS.

    Example: letters eval questions.jsonl --letters letters/ --json
    """
    from ui.wiring import run_eval

    report = run_eval(load_settings(), questions, letters, index_dir=index, out=out)
    emit_json(report.to_dict()) if as_json else typer.echo(report.table())


@app.command()
@friendly
def stats(
    as_json: JsonFlag = False,
):
    """Count letters, paragraphs and states in the index, and name the model and store.

    Example: letters stats --json
    """
    from ui.wiring import open_index

    numbers = open_index(load_settings()).stats()
    emit_json(numbers) if as_json else typer.echo(
        "\n".join(f"{key}: {value}" for key, value in numbers.items())
    )


@app.command()
@friendly
def timeline(
    state: Annotated[str, typer.Argument(help="A state, in any form the letters use.")],
    changes: Annotated[
        bool, typer.Option("--changes", help="Compare its earliest and latest letter instead.")
    ] = False,
    as_json: JsonFlag = False,
):
    """Show STATE's letters in date order with the paragraphs stating its policy, cited.

    Example: letters timeline "United Kingdom" --changes
    """
    from rag import Timeline
    from ui.wiring import open_index

    positions = Timeline(open_index(load_settings()))
    found = positions.changes(state) if changes else positions.of(state)
    emit_json(found.to_dict()) if as_json else typer.echo(found.describe())


@app.command()
@friendly
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Processes answering on the port (needs LETTERS_CHROMA_URL).")
    ] = None,
):
    """Serve the chatbot, the embeddable widget and the JSON API.

    Example: letters serve --port 7860
    """
    from ui.server import serve as run_server

    settings = load_settings()
    chosen = {"host": host or settings.host, "port": port or settings.port}
    chosen["workers"] = workers or settings.workers
    run_server(settings.model_copy(update=chosen))
