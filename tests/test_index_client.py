"""Reading LETTERS_CHROMA_URL, and where a client's data lives."""

from __future__ import annotations

import pytest

from index import IndexStoreError, make_client
from index.client import describe_store, parse_chroma_url


def test_chroma_urls_give_host_port_and_ssl():
    assert parse_chroma_url("http://127.0.0.1:8000") == ("127.0.0.1", 8000, False)
    assert parse_chroma_url("https://chroma.example.org") == ("chroma.example.org", 443, True)
    assert parse_chroma_url("localhost:9000") == ("localhost", 9000, False)
    assert parse_chroma_url("http://chroma/") == ("chroma", 8000, False)


def test_a_bad_url_says_what_to_write():
    with pytest.raises(IndexStoreError, match="use e.g. http://127.0.0.1:8000"):
        parse_chroma_url("ftp://host:1")


@pytest.mark.server
def test_store_location_is_the_folder_or_the_server_url(tmp_path, chroma_server):
    assert describe_store(make_client(tmp_path / "index")) == str(tmp_path / "index")
    assert describe_store(make_client(tmp_path, chroma_server)) == chroma_server
