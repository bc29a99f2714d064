"""One server: JSON API, letter pages, widget and /embed.js, with the Gradio app at /; or, with
--workers N, N processes serving the stateless routes on one port."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from ui.api import add_error_handlers, api_router
from ui.errors import BadSetting
from ui.pages import pages_router
from ui.positions import positions_router, positions_timeline, states_pages_router
from ui.security import ApiCORSMiddleware, checked_origins, cors_options
from ui.settings import Settings, load_settings
from ui.widget import STATIC, STATIC_URL, widget_router

log = logging.getLogger("letters.ui")
DESCRIPTION = (
    "Answers questions over governments' letters to the Landmine and Cluster Munition Monitor, "
    "citing the exact paragraph. `POST /api/ask` returns the answer object; the letters are "
    "listed and read under `/api/letters`."
)


def ensure_letters(letter_index, letters_dir) -> None:
    """On first start with an empty index, ingest the bundled letters so the app answers."""
    if letter_index.count() > 0:
        return
    if not Path(letters_dir).exists():
        log.warning("The index is empty and %s does not exist: add letters with "
                    "`letters ingest PATH`.", letters_dir)  # fmt: skip
        return
    log.info("The index is empty: ingesting the letters in %s ...", letters_dir)
    report = letter_index.sync(letters_dir, progress=False)
    log.info("Ingested %s: %s paragraphs now in the index.", letters_dir, letter_index.count())
    log.debug(report.describe())


def open_stack(settings: Settings):
    """The real index (filled from settings.letters_dir when empty) and pipeline."""
    from ui.wiring import open_index, open_pipeline

    letter_index = open_index(settings)
    ensure_letters(letter_index, settings.letters_dir)
    return open_pipeline(settings, letter_index).warm_up()


def health(letter_index) -> dict:
    stats = letter_index.stats()
    return {
        "status": "ok",
        "paragraphs": stats["paragraphs"],
        "letters": stats.get("letters"),
        "model": stats.get("model") or letter_index.embedder.name,
    }


def api_app(settings: Settings, pipeline, origins: list[str]) -> FastAPI:
    """Everything but Gradio: the JSON API, /healthz, the letter pages, the widget, static."""
    letter_index = pipeline.index
    app = FastAPIOffline(title="letters", description=DESCRIPTION, redoc_url=None)
    app.add_middleware(ApiCORSMiddleware, **cors_options(origins))
    add_error_handlers(app)
    app.get("/healthz", tags=["health"], summary="Index size and model")(
        lambda: health(letter_index)
    )
    limit = settings.max_question_chars
    app.include_router(api_router(pipeline, letter_index, limit, settings.concurrency))
    app.include_router(pages_router(letter_index))
    timeline = positions_timeline(pipeline)
    app.include_router(positions_router(timeline, pipeline, limit, settings.concurrency))
    app.include_router(states_pages_router(timeline))
    app.include_router(widget_router(origins, limit))
    app.mount(STATIC_URL, StaticFiles(directory=STATIC), name="ui-static")
    return app


def create_app(settings: Settings, pipeline=None) -> FastAPI:
    """The whole web side over `pipeline` (built from the settings when not given), with the
    Gradio app mounted last at / so the routes above take precedence."""
    import gradio as gr

    from ui.app import build_blocks

    origins = checked_origins(settings.origins)
    pipeline = pipeline or open_stack(settings)
    blocks = build_blocks(pipeline, pipeline.index, settings.max_question_chars)
    blocks.queue(default_concurrency_limit=settings.concurrency)
    app = api_app(settings, pipeline, origins)
    if settings.admin_enabled:  # /admin and /api/admin/*, never without LETTERS_ADMIN_TOKEN
        from ui.admin import mount_admin

        mount_admin(app, settings, pipeline.index)
    return gr.mount_gradio_app(
        app, blocks, path="/", ssr_mode=False,
        footer_links=[], run_history=False,
        css="\n".join((STATIC / name).read_text(encoding="utf-8")
                       for name in ("app.css", "positions.css")),
        theme=gr.themes.Default(primary_hue="blue", secondary_hue="slate"),
    )  # fmt: skip


def configure_process(settings: Settings) -> None:
    """Process-wide choices of a server: one model thread per answer (settings.model_threads),
    so concurrent answers run on separate cores."""
    from index.embedder import use_threads

    use_threads(settings.model_threads)


def worker_app() -> FastAPI:
    """The app of one `letters serve --workers N` process, whose entry point this is: it reads
    the same LETTERS_* settings as the parent. Stateless routes only (the JSON API, the widget,
    the letter pages; / shows the widget): the Gradio chat and /admin keep per-process state
    (Gradio's queue, uploads' ingest) that requests spread over workers would not find."""
    from fastapi.responses import RedirectResponse

    settings = load_settings()
    configure_process(settings)
    app = api_app(settings, open_stack(settings), checked_origins(settings.origins))
    app.get("/", include_in_schema=False)(lambda: RedirectResponse("/widget"))
    return app


def check_workers(settings: Settings) -> None:
    """Several workers need one Chroma server: embedded Chroma is one process's store (two
    processes writing its files, e.g. two first-start ingests, corrupt it)."""
    if settings.workers > 1 and not settings.chroma_url:
        raise BadSetting(
            ["LETTERS_WORKERS > 1 needs LETTERS_CHROMA_URL (one `chroma run` for all workers)"]
        )


def serve_workers(settings: Settings) -> None:
    """settings.workers processes answering on one port (uvicorn's supervisor): answers hold
    the GIL for most of their time, so only processes use several cores at once."""
    import uvicorn

    from ui.wiring import open_index

    check_workers(settings)
    ensure_letters(open_index(settings), settings.letters_dir)  # once, before workers read it
    log.info("Serving %s workers on http://%s:%s/", settings.workers, settings.host, settings.port)
    uvicorn.run("ui.server:worker_app", factory=True, workers=settings.workers,
                host=settings.host, port=settings.port, log_level="warning")  # fmt: skip


def serve(settings: Settings) -> None:
    """Run the server with uvicorn until interrupted."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if settings.workers > 1:
        return serve_workers(settings)
    configure_process(settings)
    app = create_app(settings)
    log.info("Serving on http://%s:%s/", settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
