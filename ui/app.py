"""The full app at `/` (Gradio Blocks): a streaming chat with citation cards, and a side panel
showing the cited letter. All HTML shown is built by ui.cards / ui.letter_view, escaped."""

from __future__ import annotations

import gradio as gr

from ui.api import SERVER_FAILED, checked_question, log
from ui.cards import transcript_html
from ui.errors import STAGE_ERRORS
from ui.letter_view import (
    PANEL_EMPTY,
    letter_error_html,
    letter_panel_html,
    letter_record,
)
from ui.positions import (
    POSITIONS_EMPTY,
    across_tab_html,
    positions_tab_html,
    positions_timeline,
)
from ui.widget import STATIC

ALL_STATES, ANY_YEAR = "All states", "Any"
EXAMPLES = [
    "What is Pakistan's position on the Oslo process?",
    "Which states support a ban on cluster munitions?",
    "Who signed Pakistan's letter, and when?",
    "What do the letters say about destroying stockpiles?",
]
HEADER = (
    '<header class="lt-header"><h1>Ask the letters</h1><p>Questions answered from the letters '
    "governments sent to the Landmine and Cluster Munition Monitor. Every answer quotes and "
    'cites the exact paragraph. <a href="/docs">JSON API</a> · <a href="/widget" '
    'target="_blank" rel="noopener">Widget</a> · <a href="/states">States</a></p></header>'
)


def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def filter_choices(letter_index) -> tuple[list[str], list[str]]:
    """The states and years present in the index, for the filter dropdowns."""
    summaries = letter_index.letters()
    states = sorted({s["state"] for s in summaries if s.get("state")})
    years = sorted({str(s["date"])[:4] for s in summaries if s.get("date")})
    return states, years


def filters(state: str | None, since: str | None, until: str | None) -> dict:
    """Dropdown values -> the pipeline's keyword arguments."""
    return {
        "state": None if state in (None, "", ALL_STATES) else state,
        "since": None if since in (None, "", ANY_YEAR) else int(since),
        "until": None if until in (None, "", ANY_YEAR) else int(until),
    }


def short(question: str, limit: int = 300) -> str:
    return question if len(question) <= limit else question[:limit] + "…"


def answer_turns(pipeline, max_chars: int):
    """The chat handler: yields (transcript, turns, cleared question box) as the answer streams."""

    def respond(question, state, since, until, turns):
        turn = {"question": short((question or "").strip()), "partial": ""}
        history = [t for t in turns or [] if t.get("answer")]  # a follow-up refers to these
        turns = [*(turns or []), turn]
        try:
            question = checked_question(question, max_chars)
            yield transcript_html(turns), turns, ""
            asked = filters(state, since, until) | {"history": history}
            for piece in pipeline.stream(question, **asked):
                if isinstance(piece, str):
                    turn["partial"] += piece
                    yield transcript_html(turns), turns, ""
                else:
                    turn["answer"] = piece.to_dict()
        except STAGE_ERRORS as error:
            turn["error"] = str(error)
        except Exception:  # a defect must still end the turn with a message, never hang it
            log.exception("answering %r failed", question)
            turn["error"] = SERVER_FAILED
        yield transcript_html(turns), turns, ""

    return respond


def letter_panel(letter_index):
    """The card-click handler: the card's letter, its cited paragraph highlighted."""

    def show(event: gr.EventData):
        data = getattr(event, "_data", None) or {}
        try:
            record = letter_record(letter_index.letter(str(data.get("letter_id", ""))))
            cited, spans = int(data.get("ordinal") or 0), data.get("highlights") or []
            return letter_panel_html(record, cited, [(int(a), int(b)) for a, b in spans])
        except STAGE_ERRORS as error:
            return letter_error_html(str(error))
        except (TypeError, ValueError):
            return letter_error_html("This source could not be opened: ask the question again.")

    return show


def filter_dropdowns(letter_index) -> list[gr.Dropdown]:
    """State, from-year and to-year, offering what the index holds."""
    states, years = filter_choices(letter_index)
    return [
        gr.Dropdown([ALL_STATES, *states], value=ALL_STATES, label="State"),
        gr.Dropdown([ANY_YEAR, *years], value=ANY_YEAR, label="From year"),
        gr.Dropdown([ANY_YEAR, *years], value=ANY_YEAR, label="To year"),
    ]


def chat_components() -> tuple[gr.HTML, gr.Textbox]:
    """The transcript (questions, answers, cards) and the question box with its examples."""
    transcript = gr.HTML(
        transcript_html([]), elem_id="lt-transcript", js_on_load=static_text("transcript.js")
    )
    question = gr.Textbox(
        label="Question", placeholder="Ask about a state's position…", elem_id="lt-question",
        submit_btn="Ask", lines=1, max_lines=4,
    )  # fmt: skip
    gr.Examples([[q] for q in EXAMPLES], inputs=[question], label="Examples")
    return transcript, question


def positions_tab(pipeline, max_question_chars: int) -> None:
    """The Positions tab: a state's timeline and what changed; an across-states table."""
    timeline = positions_timeline(pipeline)
    states, _ = filter_choices(pipeline.index)
    with gr.Row():
        state = gr.Dropdown(states, value=None, label="State", elem_id="lt-pos-state")
        across = gr.Textbox(
            label="Across states", placeholder="Which states … / Compare X and Y on …",
            elem_id="lt-across-question", submit_btn="Compare", lines=1,
        )  # fmt: skip
    shown = gr.HTML(POSITIONS_EMPTY, elem_id="lt-positions")
    state.change(lambda name: positions_tab_html(timeline, name), inputs=[state], outputs=[shown])
    across.submit(
        lambda q: across_tab_html(pipeline, q, max_question_chars), inputs=[across], outputs=[shown]
    )


def build_blocks(pipeline, letter_index, max_question_chars: int) -> gr.Blocks:
    """The Blocks of the full app (not launched: ui.server mounts it)."""
    with gr.Blocks(title="Ask the letters", fill_width=True) as blocks:
        gr.HTML(HEADER, js_on_load=None)
        turns = gr.State([])
        with gr.Tab("Ask", elem_id="lt-tab-ask"), gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=340):
                with gr.Row():
                    filters_in = filter_dropdowns(letter_index)
                transcript, question = chat_components()
            with gr.Column(scale=2, min_width=300, elem_id="lt-side"):
                panel_js = static_text("letter_panel.js")
                panel = gr.HTML(PANEL_EMPTY, elem_id="lt-letter-panel", js_on_load=panel_js)
        with gr.Tab("Positions", elem_id="lt-tab-positions"):
            positions_tab(pipeline, max_question_chars)
        question.submit(
            answer_turns(pipeline, max_question_chars),
            inputs=[question, *filters_in, turns],
            outputs=[transcript, turns, question],
        )
        transcript.click(letter_panel(letter_index), outputs=[panel])
    return blocks
