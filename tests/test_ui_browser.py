"""The web side in headless Chromium over the real stack: `letters serve` in a subprocess (real
index of the bundled letters plus an XSS letter, real rag Pipeline), a host page on another
origin embedding the widget. Writes docs/screenshot-app.png and docs/screenshot-widget.png."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import BROWSER_WAIT_MS, browser_page, letters_server
from playwright.sync_api import expect
from test_ui_api import (
    PAYLOAD_IMG,
    PAYLOAD_LINK,
    PAYLOAD_SCRIPT,
    PAYLOAD_TEMPLATE,
    SEED,
    XSS_METADATA,
    XSS_QUESTION,
    write_corpus,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
WAIT_MS = BROWSER_WAIT_MS
HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Monitor</title>
<style>
body {{ font-family: Georgia, serif; color: #333; background: #fdfdf5; margin: 40px; }}
h1 {{ color: #8b0000; font-size: 40px; }} p {{ line-height: 2; }}
button {{ background: green; color: yellow; }} div, iframe {{ border: 3px dotted red; }}
</style></head><body><h1>Landmine and Cluster Munition Monitor</h1>
<p>Country profiles, reports and the letters governments sent us.</p><button>Host button</button>
<script src="{app}/embed.js" data-title="Ask the letters" data-position="bottom-right"
 data-color="#0b6e4f"></script></body></html>
"""
HOST_STYLES = """() => ['body', 'h1', 'p', 'button'].map(selector => {
  const style = getComputedStyle(document.querySelector(selector));
  return [selector, style.color, style.backgroundColor, style.fontFamily, style.fontSize,
          style.lineHeight, style.margin, style.borderTopStyle, style.display].join('|');
})"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`letters serve` on a free port, over an empty data dir: it ingests the test corpus."""
    tmp = tmp_path_factory.mktemp("ui-browser")
    corpus = write_corpus(tmp / "letters")
    settings = {"LETTERS_LETTERS_DIR": str(corpus), "LETTERS_ALLOWED_ORIGINS": ""}
    with letters_server(tmp, settings) as running:
        yield running


@contextmanager
def static_site(folder: Path, html: str, address: str = "127.0.0.1") -> Iterator[str]:
    """FOLDER/index.html holding HTML, served on a free port of ADDRESS (another origin)."""
    (folder / "index.html").write_text(html, encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer((address, 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://{address}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def host(server, tmp_path_factory):
    """A host page with the embed snippet, served from another origin (another port)."""
    page = HOST_PAGE.format(app=server["url"])
    with static_site(tmp_path_factory.mktemp("host"), page) as url:
        yield url


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def page(browser):
    with browser_page(browser, permissions=["clipboard-read", "clipboard-write"]) as opened:
        yield opened


def ask_in_app(page, question: str):
    """Type a question at / and wait for its answer's first card."""
    box = page.locator("#lt-question textarea")
    box.fill(question)
    box.press("Enter")
    page.locator('.lt-bot[aria-busy="false"]').last.wait_for()
    return page.locator(".lt-turn").last.locator(".lt-card").first


def test_first_start_ingests_the_letters_and_says_so(server):
    assert "The index is empty: ingesting the letters" in server["log"].read_text()
    with urllib.request.urlopen(f"{server['url']}/healthz") as response:
        assert b'"letters":3' in response.read()


def test_app_cites_the_seed_paragraph_and_opens_its_letter(server, page):
    page.goto(server["url"] + "/")
    page.get_by_text(SEED, exact=True).first.click()  # the first example fills the question box
    expect(page.locator("#lt-question textarea")).to_have_value(SEED)
    card = ask_in_app(page, SEED)
    for shown in ("Ministry of Foreign Affairs", "16 February 2009", "¶ 4"):
        expect(card.locator(".lt-card-head")).to_contain_text(shown)
    card.locator(".lt-card-text").click()
    cited = page.locator("#lt-letter-panel .lt-cited")
    expect(cited).to_contain_text("encourage the participants of the Oslo process")
    expect(cited).to_contain_text("¶ 4")
    expect(cited.locator("mark").last).to_contain_text("encourage the participants")
    expect(cited).to_be_in_viewport()
    assert page.locator("#lt-letter-panel .lt-lp").count() > 5  # the whole letter, not one part
    page.screenshot(path=str(DOCS / "screenshot-app.png"))
    card.locator(".lt-copy").click()
    expect(card.locator(".lt-copy")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Letter from") and copied.endswith("16 February 2009, para. 4.")
    foreign = [url for url in page.requests if not url.startswith(server["url"] + "/")]
    assert foreign == [], f"requests to other hosts: {foreign}"


def test_xss_letter_renders_as_text_in_cards_panel_and_permalink(server, page):
    page.goto(server["url"] + "/")
    card = ask_in_app(page, XSS_QUESTION)
    expect(card).to_contain_text("Iceland")
    for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_LINK, PAYLOAD_TEMPLATE):
        expect(card.locator(".lt-card-text")).to_contain_text(payload)
    expect(card.locator(".lt-card-head")).to_contain_text(XSS_METADATA["sender"])  # metadata too
    card.locator(".lt-card-text").click()
    expect(page.locator("#lt-letter-panel .lt-cited")).to_contain_text(PAYLOAD_IMG)
    expect(page.locator("#lt-letter-panel")).to_contain_text(XSS_METADATA["signatory"])
    for scope in ("#lt-transcript", "#lt-letter-panel"):
        assert page.locator(f"{scope} img, {scope} script").count() == 0
    assert page.evaluate("window.__xss") is None
    page.goto(server["url"] + card.locator(".lt-permalink").get_attribute("href"))
    target = page.locator(":target")
    expect(target).to_contain_text(PAYLOAD_SCRIPT)
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.evaluate("window.__xss") is None


def test_widget_on_another_origin_answers_without_touching_host_styles(server, host, page):
    page.goto(host + "/")
    before = page.evaluate(HOST_STYLES)
    launcher = page.locator("letters-chat button.launcher")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    widget = page.frame_locator("letters-chat iframe")
    widget.locator('body[data-ready="true"]').wait_for()
    widget.locator("#w-q").fill(SEED)
    widget.locator("#w-q").press("Enter")
    footnote = widget.locator("details.w-fn").first
    expect(footnote.locator("summary")).to_contain_text("16 February 2009 · ¶ 4")
    widget.locator("details.w-fn").last.scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS / "screenshot-widget.png"))
    footnote.locator("summary").click()
    expect(footnote).to_contain_text("Oslo process")
    link = footnote.locator("a.w-letter")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("href").startswith("/letters/")
    assert page.evaluate(HOST_STYLES) == before
    widget.locator("#w-q").press("Escape")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(launcher).to_be_focused()
    allowed = (host + "/", server["url"] + "/")
    assert [url for url in page.requests if not url.startswith(allowed)] == []


def test_widget_on_a_phone_is_full_screen_keyboard_driven_and_escapes_text(server, host, browser):
    with browser_page(browser, 375, 740, is_mobile=True) as page:
        phone_widget_escapes_text(page, host)


def phone_widget_escapes_text(page, host: str) -> None:
    page.goto(host + "/")
    page.locator("letters-chat button.launcher").focus()
    page.keyboard.press("Enter")  # a real <button>: the keyboard opens it
    panel = page.locator("letters-chat .panel")
    expect(panel).to_be_visible()
    assert panel.bounding_box()["width"] == 375
    widget = page.frame_locator("letters-chat iframe")
    widget.locator('body[data-ready="true"]').wait_for()
    widget.locator("#w-q").fill(XSS_QUESTION)
    widget.locator("#w-send").click()
    footnote = widget.locator("details.w-fn", has_text="Iceland").first
    footnote.locator("summary").click()
    for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_LINK, PAYLOAD_TEMPLATE):
        expect(footnote.locator(".w-quote")).to_contain_text(payload)
    expect(footnote.locator("summary")).to_contain_text(XSS_METADATA["sender"])
    expect(footnote.locator(".w-footnote")).to_contain_text(XSS_METADATA["signatory"])
    assert widget.locator(".w-log img, .w-log script").count() == 0
    frame = page.frames[-1]
    assert frame.evaluate("window.__xss") is None and page.evaluate("window.__xss") is None
    page.locator("letters-chat button.close").click()
    expect(panel).to_be_hidden()


FOLLOW_UP = "Who signed it?"
RESOLVED = "Pakistan's letter of 16 February 2009"


def test_app_answers_a_follow_up_against_the_previous_turn(server, page):
    page.goto(server["url"] + "/")
    ask_in_app(page, SEED)
    card = ask_in_app(page, FOLLOW_UP)
    turn = page.locator(".lt-turn").last
    expect(turn.locator(".lt-answering")).to_contain_text(f"Answering: Who signed {RESOLVED}?")
    expect(card).to_contain_text("Shami")
    expect(page.locator(".lt-turn").first.locator(".lt-answering")).to_have_count(0)


def test_widget_answers_a_follow_up_against_the_previous_turn(server, page):
    page.goto(server["url"] + "/widget")
    page.locator('body[data-ready="true"]').wait_for()
    for question in (SEED, FOLLOW_UP):
        page.locator("#w-q").fill(question)
        page.locator("#w-q").press("Enter")
        page.locator('.w-bot[aria-busy="false"]').nth(0 if question == SEED else 1).wait_for()
    second = page.locator(".w-bot").nth(1)
    expect(second.locator(".w-answering")).to_contain_text(f"Answering: Who signed {RESOLVED}?")
    expect(second.locator("details.w-fn").first).to_contain_text("Shami")


FOREIGN_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Elsewhere</title></head>
<body><h1>Another site</h1><iframe id="framed" src="{app}/widget"></iframe></body></html>"""
FETCH_ASK = """url => fetch(url + '/api/ask', {method: 'POST',
  headers: {'Content-Type': 'application/json'},
  body: JSON.stringify({question: 'What is Pakistan\\'s position?'})})
  .then(r => 'status ' + r.status, e => 'refused: ' + e.message)"""


@pytest.fixture(scope="module")
def foreign(server, tmp_path_factory):
    """A page on an origin that is not allowed (127.0.0.2 is loopback, but not localhost)."""
    page = FOREIGN_PAGE.format(app=server["url"])
    with static_site(tmp_path_factory.mktemp("foreign"), page, "127.0.0.2") as url:
        yield url


def test_a_disallowed_origin_can_neither_call_the_api_nor_frame_the_widget(
    server, host, foreign, page
):
    page.goto(host + "/")  # an allowed origin (localhost): the same fetch is answered
    assert page.evaluate(FETCH_ASK, server["url"]) == "status 200"
    page.goto(foreign + "/")
    assert page.evaluate(FETCH_ASK, server["url"]).startswith("refused: ")
    page.wait_for_timeout(2000)  # give the frame time to load, were it allowed
    assert page.frame_locator("#framed").locator("#w-q").count() == 0


def test_the_server_listens_on_loopback_and_connected_to_nothing_else(server):
    import ipaddress

    import psutil

    connections = psutil.Process(server["pid"]).net_connections(kind="inet")
    listening = {c.laddr.ip for c in connections if c.status == psutil.CONN_LISTEN}
    assert listening == {"127.0.0.1"}  # LETTERS_HOST's default
    remote = {c.raddr.ip for c in connections if c.raddr}
    assert all(ipaddress.ip_address(ip).is_loopback for ip in remote), remote
