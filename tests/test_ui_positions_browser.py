"""The Positions tab and the /states pages in headless Chromium: `letters serve` in a subprocess
over the dev corpus (real index, real pipeline). Writes docs/screenshot-positions.png."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEV_LETTERS, free_port, stop
from playwright.sync_api import expect, sync_playwright
from test_ui_browser import wait_until_healthy

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
WAIT_MS = 120_000
VICTIMS = "Which states provide assistance to victims of cluster munitions?"


@pytest.fixture(scope="module")
def server(tmp_path_factory, dev_letters):
    """`letters serve` on a free port over an empty data dir: it ingests the dev letters."""
    tmp = tmp_path_factory.mktemp("positions-browser")
    port, log = free_port(), tmp / "serve.log"
    env = os.environ | {
        "LETTERS_DATA_DIR": str(tmp / "data"), "HF_HUB_OFFLINE": "1",
        "LETTERS_LETTERS_DIR": str(DEV_LETTERS), "GRADIO_ANALYTICS_ENABLED": "False",
    }  # fmt: skip
    command = [sys.executable, "-c", "from ui.cli import app; app()", "serve", "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def page(server):
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = chromium.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        yield page
        chromium.close()


def test_positions_tab_shows_what_changed_and_the_timeline_of_a_state(server, page):
    page.goto(server + "/")
    page.get_by_role("tab", name="Positions").click()
    page.locator("#lt-pos-state input").click()
    page.get_by_role("option", name="United Kingdom").click()
    shown = page.locator("#lt-positions")
    changes = shown.locator(".lt-changes")
    expect(changes).to_contain_text("What changed: United Kingdom")
    expect(changes.locator("thead")).to_contain_text("17 March 2009")
    expect(changes.locator("thead")).to_contain_text("8 June 2011")
    expect(changes.locator("mark", has_text="has completed ratification")).to_have_count(1)
    letters = shown.locator(".lt-tl-letter")
    expect(letters).to_have_count(2)
    expect(letters.first.locator("h3")).to_contain_text("17 March 2009")
    expect(letters.last.locator("h3")).to_contain_text("8 June 2011")
    expect(letters.first.locator(".lt-pos-footnote").first).to_contain_text("Letter from")
    page.screenshot(path=str(ROOT / "docs" / "screenshot-positions.png"), full_page=False)
    assert [url for url in page.requests if not url.startswith(server + "/")] == []


def test_positions_tab_answers_which_states_as_a_table(server, page):
    page.goto(server + "/")
    page.get_by_role("tab", name="Positions").click()
    box = page.locator("#lt-across-question textarea")
    box.fill(VICTIMS)
    box.press("Enter")
    table = page.locator("#lt-positions .lt-across-table")
    expect(table.get_by_role("rowheader", name="Lebanon", exact=True)).to_have_count(1)
    expect(table.locator("tbody tr").first).to_contain_text("Letter from")
    expect(page.locator("#lt-positions .lt-across-list").first).to_contain_text(
        "Not addressed in their letters"
    )


def test_the_states_page_links_to_each_timeline(server, page):
    page.goto(server + "/states")
    page.get_by_role("link", name="Brazil").click()
    expect(page.locator("h1")).to_have_text("Brazil")
    expect(page.locator(".lt-changes mark").first).to_be_visible()
    expect(page.locator(".lt-tl-letter")).to_have_count(2)
