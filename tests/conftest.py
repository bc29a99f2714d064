"""Shared fixtures: the dev corpus, the real bundled model, real Chroma stores."""

from __future__ import annotations

import email.message
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# The suite runs on defaults: a developer's LETTERS_* settings must not change its results.
for name in [name for name in os.environ if name.startswith("LETTERS_")]:
    del os.environ[name]
# One ONNX export of the bundled model for every test and server, not one per data folder
# (it changes where a derived file is kept, not any result).
os.environ["LETTERS_MODEL_CACHE"] = str(Path(tempfile.gettempdir()) / "letters-test-models")

# No request may leave the machine during the suite. Every connection and name lookup this
# process makes goes through an audit hook; one to a non-loopback host is recorded and fails
# the run. Servers the tests start run the same hook (EGRESS_GUARD) and log to a file.
EGRESS_GUARD = """
import ipaddress, os, sys
def _outside(host):
    host = host.decode() if isinstance(host, bytes) else host
    if host in (None, "", "localhost"):
        return False
    try:
        return not ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return True
def _guard(event, args, _log=open(os.environ["TESTS_EGRESS_LOG"], "a")):
    if event not in ("socket.connect", "socket.getaddrinfo"):
        return
    address = args[1] if event == "socket.connect" else args[:2]
    if isinstance(address, tuple) and address and _outside(address[0]):
        _log.write(f"{event} {address!r}\\n")
        _log.flush()
sys.addaudithook(_guard)
"""
EGRESS_LOG = Path(os.environ.get("TMPDIR", "/tmp")) / f"letters-egress-{os.getpid()}.log"
EGRESS_LOG.write_text("")
os.environ["TESTS_EGRESS_LOG"] = str(EGRESS_LOG)  # inherited by the servers the tests start
exec(EGRESS_GUARD)  # the same hook in this process

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "letters-dev"
DEV_LETTERS = DEV / "letters"
BUNDLED_LETTERS = ROOT / "data" / "letters"


CHROMIUM = "/usr/bin/chromium"  # Debian's package: the tests never download a browser


def require_command(command: str, package: str) -> str:
    """The path of a system tool some tests need. Without it those tests fail with one line
    naming the install (they never skip silently): `make setup` installs it."""
    path = shutil.which(command)
    if path is None:
        message = f"{command} is not installed: run `make setup` (apt-get install {package})"
        pytest.fail(message, pytrace=False)
    return path


@pytest.fixture(scope="session")
def tesseract() -> str:
    return require_command("tesseract", "tesseract-ocr")


@pytest.fixture(scope="session")
def antiword() -> str:
    return require_command("antiword", "antiword")


@pytest.fixture(scope="session")
def chromium() -> str:
    require_command("chromium", "chromium")
    return CHROMIUM


def load_questions() -> list[dict]:
    lines = (DEV / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session", autouse=True)
def nothing_leaves_the_machine():
    """Fails the run when this process, or a server started with EGRESS_GUARD, reached or
    looked up a host that is not loopback."""
    yield
    outside = EGRESS_LOG.read_text()
    assert not outside, f"requests left the machine:\n{outside}"


@pytest.fixture(scope="session")
def dev_letters() -> Path:
    if not DEV_LETTERS.is_dir():
        pytest.fail(f"the development corpus is missing: {DEV_LETTERS}")
    return DEV_LETTERS


@pytest.fixture(scope="session")
def questions() -> list[dict]:
    return load_questions()


@pytest.fixture(scope="session")
def embedder():
    """The real bundled all-MiniLM-L6-v2, loaded once for the whole run; each distinct text is
    embedded once per run (the same corpus goes into several test stores)."""
    from index import Embedder

    model = Embedder(cache=True)
    model.warm_up()
    return model


@pytest.fixture(scope="session")
def dev_index(tmp_path_factory, embedder, dev_letters):
    """An embedded persistent Chroma holding the whole dev corpus (read-only for tests)."""
    from index import LetterIndex, make_client

    client = make_client(tmp_path_factory.mktemp("dev-index"))
    letter_index = LetterIndex(client, embedder, collection="dev")
    letter_index.sync(dev_letters)
    return letter_index


def stop(process: subprocess.Popen, grace: float = 30) -> None:
    """Terminate a server the tests started; kill it if it does not stop in time."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_chroma(url: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    """Poll the server's heartbeat until it answers (or fail with its output)."""
    from index import ChromaUnreachable, make_client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`chroma run` exited with {process.returncode}")
        try:
            make_client(Path("unused"), url)
            return
        except ChromaUnreachable:  # not listening yet
            time.sleep(0.3)
    pytest.fail(f"`chroma run` did not answer at {url} within {seconds:.0f} s")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """URL of a real `chroma run` server on a free localhost port, stopped after the run."""
    url = f"http://127.0.0.1:{free_port()}"
    chroma = Path(sys.executable).parent / "chroma"
    command = [str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma-server"))]
    command += ["--host", "127.0.0.1", "--port", url.rsplit(":", 1)[1]]
    log = (tmp_path_factory.getbasetemp() / "chroma-server.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_chroma(url, process)
        yield url
    finally:
        stop(process)
        log.close()


BROWSER_WAIT_MS = 120_000  # a first answer loads the model on a loaded 2-core machine


def wait_until_healthy(url: str, process, log: Path, deadline_s: float = 600) -> None:
    """Poll /healthz until the server answers (loading the model and ingesting take a while)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`letters serve` exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    pytest.fail(f"`letters serve` did not come up:\n{log.read_text()}")


@contextmanager
def letters_server(folder: Path, settings: dict[str, str]) -> Iterator[dict]:
    """`letters serve` in a subprocess on a free port with these LETTERS_* settings (its data
    in FOLDER/data unless given), under the egress guard, healthy before it is yielded as
    {"url", "log", "pid"}; stopped afterwards."""
    port, log = free_port(), folder / "serve.log"
    env = os.environ | {"LETTERS_DATA_DIR": str(folder / "data"), "HF_HUB_OFFLINE": "1",
                        "GRADIO_ANALYTICS_ENABLED": "False"} | settings  # fmt: skip
    guarded = EGRESS_GUARD + "from ui.cli import app; app()"  # logs any non-loopback request
    command = [sys.executable, "-c", guarded, "serve", "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log)
        yield {"url": url, "log": log, "pid": process.pid}
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser(chromium):
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@contextmanager
def browser_page(browser, width: int = 1280, height: int = 900, **context_options):
    """A page in a fresh context that records every URL it requests (page.requests)."""
    context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
    context.set_default_timeout(BROWSER_WAIT_MS)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    try:
        yield page
    finally:
        context.close()


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def reply_email() -> email.message.EmailMessage:
    """An e-mail whose body covers a Portuguese reply attached as .docx, and an unreadable zip."""
    message = email.message.EmailMessage()
    message["From"], message["To"] = "Ana Costa <ana@mne.example>", "goose@hrw.example"
    message["Subject"], message["Date"] = "Reply", "Tue, 09 Mar 2010 10:00:00 +0000"
    message.set_content(
        "Dear Mr Goose,\n\nPlease find attached the reply of the Government on cluster "
        "munitions and the Convention.\n\nBest regards,\n\nAna Costa\n"
    )
    attached = [
        "MINISTÉRIO DOS NEGÓCIOS ESTRANGEIROS DE PORTUGAL",
        "Lisboa, 3 de Março de 2010",
        "Exmo. Senhor,",
        "Portugal ratificou a Convenção sobre Munições de Fragmentação e destruiu as "
        "suas existências de munições de fragmentação.",
        "Atenciosamente,",
        "João Silva",
    ]
    message.add_attachment(
        docx_bytes(attached), maintype="application", subtype="octet-stream",
        filename="resposta.docx",
    )  # fmt: skip
    message.add_attachment(b"\x00\x01", maintype="application", subtype="zip", filename="x.zip")
    return message
