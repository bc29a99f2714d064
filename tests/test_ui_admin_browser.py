"""The admin flow in headless Chromium over `letters serve` with LETTERS_ADMIN_TOKEN set: log in
with the token, upload the dev corpus's French letter, check its preview, correct a field,
confirm, then ask about it at /. Writes docs/screenshot-admin.png."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import DEV_LETTERS, browser_page, letters_server
from playwright.sync_api import expect
from test_ui_browser import ask_in_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "browser-admin-token-0123456789"
FRENCH = DEV_LETTERS / "france-2009.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`letters serve` with letter management on, over a copy of the bundled letters."""
    tmp = tmp_path_factory.mktemp("admin-browser")
    shutil.copytree(ROOT / "data" / "letters", tmp / "letters")
    settings = {"LETTERS_LETTERS_DIR": str(tmp / "letters"), "LETTERS_ADMIN_TOKEN": TOKEN}
    with letters_server(tmp, settings) as running:
        yield running | {"folder": tmp / "letters"}


@pytest.fixture
def page(browser):
    with browser_page(browser, 1280, 1000) as opened:
        yield opened


def log_in(page, url: str, token: str) -> None:
    page.goto(url + "/admin")
    expect(page).to_have_url(url + "/admin/login")
    page.fill("#adm-token", token)
    page.click("#adm-login")


def test_gradio_routes_under_admin_need_a_session(server):
    for path in ("/admin/gradio_api/info", "/admin/config"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server["url"] + path)
        assert refused.value.code == 401
    request = urllib.request.Request(server["url"] + "/admin/gradio_api/upload", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 401


def test_a_wrong_token_is_refused(server, page):
    log_in(page, server["url"], TOKEN[:-1] + "x")
    expect(page.locator(".adm-error")).to_contain_text("Wrong token")
    assert TOKEN not in page.content()


def test_upload_preview_correct_confirm_then_ask(server, page):
    url = server["url"]
    log_in(page, url, TOKEN)
    expect(page).to_have_url(url + "/admin/")
    page.locator("#adm-files input[type=file]").set_input_files(str(FRENCH))
    expect(page.locator("#adm-files")).to_contain_text("france-2009")
    page.click("#adm-read")
    preview = page.locator("#adm-preview")
    expect(preview.locator(".adm-file h3")).to_contain_text("uploads/france-2009.txt")
    meta = preview.locator(".adm-meta").first
    for shown in ("France", "2009-10-14", "Ministère des Affaires Étrangères", "fr"):
        expect(meta).to_contain_text(shown)
    rows = preview.locator(".adm-paragraphs tbody tr")
    ratified = rows.filter(has_text="instrument de ratification")
    expect(ratified.locator("td").nth(1)).to_have_text("body")
    expect(ratified.locator("td").nth(2)).to_have_text("2")
    expect(page.locator("#adm-f-state input, #adm-f-state textarea")).to_have_value("France")
    reference = page.locator("#adm-f-reference input, #adm-f-reference textarea")
    reference.fill("N° 1187/DAS/DC (checked)")
    page.click("#adm-apply")
    expect(page.locator("#adm-result")).to_contain_text("Correction kept")
    expect(meta).to_contain_text("N° 1187/DAS/DC (checked) ✎")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ROOT / "docs" / "screenshot-admin.png"))
    page.click("#adm-confirm")
    expect(page.locator("#adm-result")).to_contain_text("Added 1 letter(s) in 1 file(s)")
    assert (server["folder"] / "uploads" / "france-2009.txt").read_bytes() == FRENCH.read_bytes()
    assert "(checked)" in (server["folder"] / "letters.yaml").read_text(encoding="utf-8")
    page.get_by_role("tab", name="Letters").click()
    expect(page.locator("#adm-table")).to_contain_text("uploads/france-2009.txt")

    page.goto(url + "/")
    card = ask_in_app(page, "When did France ratify the Convention on Cluster Munitions?")
    expect(card.locator(".lt-card-head")).to_contain_text("France")
    expect(card.locator(".lt-card-text")).to_contain_text("25 septembre 2009")
    assert TOKEN not in server["log"].read_text()
    foreign = [u for u in page.requests if not u.startswith((url + "/", "data:", "blob:"))]
    assert foreign == [], f"requests to other hosts: {foreign}"


def test_browse_by_state_then_delete_a_letter(server, page):
    import httpx

    data = (DEV_LETTERS / "japan-2009.txt").read_bytes()
    added = httpx.post(server["url"] + "/api/admin/letters", files={"files": ("japan.txt", data)},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)  # fmt: skip
    assert added.status_code == 201, added.text
    log_in(page, server["url"], TOKEN)
    page.get_by_role("tab", name="Letters").click()
    table = page.locator("#adm-table")
    expect(table).to_contain_text("uploads/japan.txt")
    page.locator("#adm-state input").click()
    page.get_by_role("option", name="Japan").click()
    expect(table).not_to_contain_text("pakistan-2009.txt")
    expect(table).to_contain_text("uploads/japan.txt")
    page.locator("#adm-chosen input").click()
    page.get_by_role("option", name="uploads/japan.txt").first.click()
    page.get_by_text("Correct its metadata", exact=True).click()
    expect(page.locator("#adm-e-state input, #adm-e-state textarea")).to_have_value("Japan")
    page.get_by_text("Delete it", exact=True).click()
    page.click("#adm-delete")
    message = page.locator("#adm-letters-message")
    expect(message).to_contain_text("Deleted 1 letter(s) of uploads/japan.txt")
    expect(table).not_to_contain_text("uploads/japan.txt")
    assert not (server["folder"] / "uploads" / "japan.txt").exists()


def test_the_preview_shows_a_hostile_letter_as_text(server, page, tmp_path):
    from test_ui_api import PAYLOAD_IMG, PAYLOAD_SCRIPT, XSS_LETTER

    hostile = tmp_path / "iceland <img src=x onerror=window.__xss=1>.txt"
    hostile.write_text(XSS_LETTER, encoding="utf-8")
    log_in(page, server["url"], TOKEN)
    page.locator("#adm-files input[type=file]").set_input_files(str(hostile))
    expect(page.locator("#adm-files")).to_contain_text("iceland")
    page.click("#adm-read")
    preview = page.locator("#adm-preview")
    expect(preview.locator(".adm-paragraphs")).to_contain_text(PAYLOAD_IMG)
    expect(preview.locator(".adm-paragraphs")).to_contain_text(PAYLOAD_SCRIPT)
    assert preview.locator("img, script").count() == 0
    assert page.evaluate("window.__xss") is None
    page.click("#adm-discard")
    expect(page.locator("#adm-result")).to_contain_text("Discarded")
    assert not list((server["folder"] / "uploads").glob("iceland*"))
