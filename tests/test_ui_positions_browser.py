"""The Positions tab and the /states pages in headless Chromium: `letters serve` in a subprocess
over the dev corpus (real index, real pipeline). Writes docs/screenshot-positions.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import browser_page, letters_server
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
VICTIMS = "Which states provide assistance to victims of cluster munitions?"


@pytest.fixture(scope="module")
def server(tmp_path_factory, dev_letters):
    """`letters serve` on a free port over an empty data dir: it ingests the dev letters."""
    tmp = tmp_path_factory.mktemp("positions-browser")
    with letters_server(tmp, {"LETTERS_LETTERS_DIR": str(dev_letters)}) as running:
        yield running["url"]


@pytest.fixture(scope="module")
def page(server, browser):
    with browser_page(browser, 1280, 1000) as opened:
        yield opened


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
