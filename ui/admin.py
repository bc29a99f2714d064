"""Letter management at /admin (Gradio), and the hook that mounts it with /api/admin/*.

Nothing is mounted unless LETTERS_ADMIN_TOKEN is set. The page sits behind the token login
(ui.admin_login): every Gradio route under /admin, uploads included, needs a live session.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack, contextmanager
from pathlib import Path

import gradio as gr

from ui.admin_api import AdminAuthMiddleware, admin_router
from ui.admin_login import LoginRedirect, Sessions, login_router
from ui.admin_view import (
    BROWSE_HEADERS,
    FIELD_LABELS,
    FIELDS,
    batch_preview,
    browse_rows,
    letter_label,
    message_html,
    outcome_text,
    preview_html,
)
from ui.api import SERVER_FAILED
from ui.errors import STAGE_ERRORS, AdminTokenTooShort, NothingChosen
from ui.library import Library, clean_fields
from ui.uploads import UploadLimits
from ui.widget import STATIC

log = logging.getLogger("letters.admin")
MIN_TOKEN_CHARS = 16
ALL_STATES, ANY_YEAR = "All states", "Any year"
HEADER = (
    '<header class="adm-header"><h1>Letter management</h1><p>Upload letters, check how they '
    "were read, correct their metadata, replace or delete them. Changes are answerable at "
    '<a href="/" target="_blank" rel="noopener">the chatbot</a> as soon as they are added.</p>'
    '<form method="post" action="/admin/logout"><button type="submit" class="adm-logout">Log '
    "out</button></form></header>"
)


def guarded(handler, outputs: int, message_at: int):
    """Run a handler; a stage error or a defect becomes a message in output `message_at`,
    the other outputs left unchanged."""

    def run(*args):
        try:
            return handler(*args)
        except STAGE_ERRORS as error:
            text = str(error)
        except Exception:
            log.exception("an admin action failed")
            text = SERVER_FAILED
        updates = [gr.update() for _ in range(outputs)]
        updates[message_at] = message_html(text, error=True)
        return tuple(updates)

    return run


@contextmanager
def opened(paths):
    """Gradio's uploaded files (temporary paths named as sent) as (name, stream) pairs."""
    with ExitStack() as stack:
        yield [(Path(p).name, stack.enter_context(Path(p).open("rb"))) for p in paths or []]


def staged_choices(preview: dict) -> list[tuple[str, str]]:
    return [
        (letter_label(f["file"], letter["letter_index"]), f"{f['file']}\n{letter['letter_index']}")
        for f in preview["files"]
        for letter in f["letters"]
    ]


def parsed_values(library: Library, batch_id: str, key: str, corrections: dict) -> list[str]:
    file, index = key.split("\n")
    staged = next(f for f in library.batch(batch_id).files if f.file == file)
    letter = next(letter for letter in staged.letters if letter.index == int(index))
    fields = corrections.get((file, int(index)), {})
    return [fields.get(name, getattr(letter, name) or "") for name in FIELDS]


def changed_fields(values: list[str], before: list[str]) -> dict:
    return {name: value for name, value, old in zip(FIELDS, values, before, strict=True)
            if (value or "").strip() != (old or "").strip()}  # fmt: skip


def field_boxes(prefix: str) -> list[gr.Textbox]:
    """The eight metadata fields, two to a row."""
    boxes = []
    for start in range(0, len(FIELDS), 2):
        with gr.Row():
            boxes += [gr.Textbox(label=FIELD_LABELS[n], elem_id=f"{prefix}-{n}", max_lines=2)
                      for n in FIELDS[start : start + 2]]  # fmt: skip
    return boxes


def upload_tab(library: Library):
    """Upload, preview, correct, confirm; returns the confirm event (to refresh the table)."""
    batch_id, corrections = gr.State(""), gr.State({})
    files = gr.File(file_count="multiple", label="Letters: .txt .md .html .pdf .docx, scans "
                    "(.png .jpg .tif), or a .zip of them", elem_id="adm-files")  # fmt: skip
    read = gr.Button("Read the files", variant="primary", elem_id="adm-read")
    preview = gr.HTML(elem_id="adm-preview")
    with gr.Accordion("Correct a letter's metadata before adding", open=True, visible=False,
                      elem_id="adm-correct") as correct_box:  # fmt: skip
        which = gr.Dropdown(label="Letter", choices=[], elem_id="adm-which")
        boxes = field_boxes("adm-f")
        apply = gr.Button("Apply the correction", elem_id="adm-apply")
    with gr.Row():
        confirm = gr.Button("Add to the collection", variant="primary", interactive=False,
                            elem_id="adm-confirm")  # fmt: skip
        discard = gr.Button("Discard", elem_id="adm-discard")
    result = gr.HTML(elem_id="adm-result")

    def do_read(paths, old_batch):
        if old_batch:
            library.discard(old_batch)
        if not paths:
            raise NothingChosen("the files to upload")
        with opened(paths) as uploads:
            batch = library.stage(uploads)
        shown = batch_preview(batch)
        choices = staged_choices(shown)
        pending = bool(batch.files)
        return (batch.id if pending else "", {}, preview_html(shown),
                gr.update(visible=pending),
                gr.update(choices=choices, value=choices[0][1] if choices else None),
                gr.update(interactive=pending), "")  # fmt: skip

    read_outputs = [batch_id, corrections, preview, correct_box, which, confirm, result]
    read.click(guarded(do_read, 7, 6), [files, batch_id], read_outputs, api_visibility="private")

    def do_pick(key, batch, fixes):
        if not key or not batch:
            return tuple(gr.update() for _ in boxes)
        try:
            return tuple(parsed_values(library, batch, key, fixes))
        except (*STAGE_ERRORS, ValueError, StopIteration):  # no preview (any more)
            return tuple(gr.update() for _ in boxes)

    which.change(do_pick, [which, batch_id, corrections], boxes, api_visibility="private")

    def do_apply(batch, key, fixes, *values):
        if not batch or not key:
            return fixes, gr.update(), message_html("Read some files first.", error=True)
        file, index = key.split("\n")
        fixes = dict(fixes)
        base = parsed_values(library, batch, key, {})
        fields = changed_fields(list(values), base)
        fixes[(file, int(index))] = clean_fields(fields)
        shown = preview_html(batch_preview(library.batch(batch), fixes))
        return fixes, shown, message_html(f"Correction kept for {letter_label(file, int(index))}"
                                          " (applied when you add the files).")  # fmt: skip

    apply.click(guarded(do_apply, 3, 2), [batch_id, which, corrections, *boxes],
                [corrections, preview, result], api_visibility="private")  # fmt: skip

    def do_confirm(batch, fixes):
        outcome = library.commit(batch, {k: v for k, v in fixes.items() if v})
        return ("", {}, "", gr.update(visible=False), gr.update(interactive=False),
                message_html(outcome_text(outcome)), None)  # fmt: skip

    confirm_outputs = [batch_id, corrections, preview, correct_box, confirm, result, files]
    confirmed = confirm.click(guarded(do_confirm, 7, 5), [batch_id, corrections],
                              confirm_outputs, api_visibility="private")  # fmt: skip

    def do_discard(batch):
        if batch:
            library.discard(batch)
        return ("", {}, "", gr.update(visible=False), gr.update(interactive=False),
                message_html("Discarded: nothing was added."), None)  # fmt: skip

    discard.click(guarded(do_discard, 7, 5), [batch_id], confirm_outputs,
                  api_visibility="private")  # fmt: skip
    return confirmed


def letters_tab(library: Library):
    """Browse by state and year; correct, replace or delete one letter. Returns the
    (function, inputs, outputs) that refreshes the table, for other tabs to chain."""
    with gr.Row():
        state = gr.Dropdown([ALL_STATES], value=ALL_STATES, label="State", elem_id="adm-state")
        year = gr.Dropdown([ANY_YEAR], value=ANY_YEAR, label="Year", elem_id="adm-year")
    table = gr.Dataframe(headers=BROWSE_HEADERS, interactive=False, elem_id="adm-table",
                         wrap=True)  # fmt: skip
    chosen = gr.Dropdown(label="Letter", choices=[], elem_id="adm-chosen")
    with gr.Accordion("Correct its metadata", open=False):
        boxes = field_boxes("adm-e")
        save = gr.Button("Save the correction", elem_id="adm-save")
    with gr.Accordion("Replace its file with a corrected version", open=False):
        new_file = gr.File(file_count="single", label="Corrected file", elem_id="adm-new-file")
        replace = gr.Button("Replace the file", elem_id="adm-replace")
    with gr.Accordion("Delete it", open=False):
        whole = gr.Checkbox(label="Also delete the other letters of the same file",
                            elem_id="adm-whole")  # fmt: skip
        delete = gr.Button("Delete the letter", variant="stop", elem_id="adm-delete")
    message = gr.HTML(elem_id="adm-letters-message")

    def do_refresh(state_value, year_value):
        every = library.browse()
        states = sorted({s["state"] for s in every if s["state"]})
        years = sorted({str(s["year"]) for s in every if s["year"]})
        state_value = state_value if state_value in states else ALL_STATES
        year_value = year_value if year_value in years else ANY_YEAR
        shown = library.browse(None if state_value == ALL_STATES else state_value,
                               None if year_value == ANY_YEAR else int(year_value))  # fmt: skip
        choices = [(f"{s['state'] or '?'} · {s['date'] or 'undated'} · {s['file']}",
                    s["letter_id"]) for s in shown]  # fmt: skip
        return (gr.update(choices=[ALL_STATES, *states], value=state_value),
                gr.update(choices=[ANY_YEAR, *years], value=year_value),
                browse_rows(shown), gr.update(choices=choices, value=None))  # fmt: skip

    refresh = (do_refresh, [state, year], [state, year, table, chosen])
    for control in (state, year):
        control.input(*refresh, api_visibility="private")

    def current(letter_id):
        first = library.index.letter(letter_id, current_only=True)[0]
        return [getattr(first, name) or "" for name in FIELDS]

    def do_choose(letter_id):
        try:
            return tuple(current(letter_id))
        except STAGE_ERRORS:  # none chosen, or deleted meanwhile
            return tuple("" for _ in FIELDS)

    chosen.change(do_choose, [chosen], boxes, api_visibility="private")

    def needs(letter_id):
        if not letter_id:
            raise NothingChosen("a letter in the list")

    def do_save(letter_id, *values):
        needs(letter_id)
        fields = clean_fields(changed_fields(list(values), current(letter_id)))
        found = library.correct(letter_id, fields)
        return message_html(f"Saved: {', '.join(sorted(fields))} of {found.get('file')}.")

    def do_replace(letter_id, path):
        needs(letter_id)
        if not path:
            raise NothingChosen("the corrected file")
        with opened([path]) as uploads:
            return message_html(outcome_text(library.add(uploads, replaces=letter_id)))

    def do_delete(letter_id, whole_file):
        needs(letter_id)
        done = library.delete(letter_id, whole_file=bool(whole_file))
        return message_html(f"Deleted {len(done['deleted'])} letter(s) of {done['file']} "
                            f"(the file is kept at {done['kept_at']}).")  # fmt: skip

    for button, handler, inputs in ((save, do_save, [chosen, *boxes]),
                                    (replace, do_replace, [chosen, new_file]),
                                    (delete, do_delete, [chosen, whole])):  # fmt: skip
        button.click(guarded(handler, 1, 0), inputs, [message],
                     api_visibility="private").then(*refresh)  # fmt: skip
    return refresh


def build_admin_blocks(library: Library) -> gr.Blocks:
    with gr.Blocks(title="Letter management") as blocks:
        gr.HTML(HEADER)
        with gr.Tabs():
            with gr.Tab("Upload", id="upload"):
                confirmed = upload_tab(library)
            with gr.Tab("Letters", id="letters"):
                refresh = letters_tab(library)
        confirmed.then(*refresh, api_visibility="private")
        blocks.load(*refresh, api_visibility="private")
    return blocks


def checked_token(settings) -> str:
    token = settings.admin_token.get_secret_value().strip()
    if len(token) < MIN_TOKEN_CHARS:
        raise AdminTokenTooShort(MIN_TOKEN_CHARS)
    return token


def mount_admin(app, settings, letter_index) -> Library | None:
    """/admin, its login and /api/admin/* on `app`, when LETTERS_ADMIN_TOKEN is set; the
    collection folder is LETTERS_LETTERS_DIR. Call before mounting the app at /."""
    if not settings.admin_enabled:
        return None
    token = checked_token(settings)
    limits = UploadLimits.from_settings(settings)
    library = Library(settings.letters_dir, letter_index, limits)
    sessions = Sessions()
    app.add_middleware(AdminAuthMiddleware, token=token, max_body_bytes=limits.batch_bytes)
    app.add_middleware(LoginRedirect, sessions=sessions)
    app.include_router(admin_router(library))
    app.include_router(login_router(sessions, token))
    blocks = build_admin_blocks(library)
    blocks.queue(default_concurrency_limit=2)
    gr.mount_gradio_app(
        app, blocks, path="/admin", auth_dependency=sessions.user, ssr_mode=False,
        footer_links=[], run_history=False, max_file_size=limits.file_bytes * 2,
        css=(STATIC / "admin.css").read_text(encoding="utf-8"),
        theme=gr.themes.Default(primary_hue="blue", secondary_hue="slate"),
    )  # fmt: skip
    log.info("Letter management is on at /admin for the folder %s", library.root)
    return library
