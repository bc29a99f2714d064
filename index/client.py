"""The Chroma client: an embedded folder on a laptop, a `chroma run` server in production."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.config import Settings

from index.errors import ChromaUnreachable, IndexStoreError


def make_client(index_dir: Path, chroma_url: str | None = None):
    """A persistent client over `index_dir`, or an HTTP client when `chroma_url` is given."""
    settings = Settings(anonymized_telemetry=False)
    if not chroma_url:
        Path(index_dir).mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(index_dir), settings=settings)
    host, port, ssl = parse_chroma_url(chroma_url)
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
        client.heartbeat()
    except Exception as error:  # httpx/chromadb raise many kinds: all mean "not reachable"
        raise ChromaUnreachable(chroma_url, type(error).__name__) from error
    return client


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """("127.0.0.1", 8000, False) from "http://127.0.0.1:8000"."""
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise IndexStoreError(
            f"LETTERS_CHROMA_URL={url!r} is not a URL: use e.g. http://127.0.0.1:8000"
        )
    ssl = parsed.scheme == "https"
    return parsed.hostname, parsed.port or (443 if ssl else 8000), ssl


def describe_store(client) -> str:
    """Where the client's data lives: a folder path or a server URL."""
    settings = client.get_settings()
    if settings.chroma_server_host:
        scheme = "https" if settings.chroma_server_ssl_enabled else "http"
        return f"{scheme}://{settings.chroma_server_host}:{settings.chroma_server_http_port}"
    return str(settings.persist_directory)


def server_outage_as_error(method):
    """A LetterIndex method whose Chroma server stopped answering raises ChromaUnreachable (a
    503 with a message in the web app) instead of httpx's error; the client reconnects by
    itself once the server is back."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except httpx.TransportError as error:
            raise ChromaUnreachable(describe_store(self.client), type(error).__name__) from error

    return guarded
