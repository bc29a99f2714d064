"""Sentence splitting with offsets: the one splitter lives in ingest.text (shared by every
stage); this name stays for the modules that import it from here."""

from ingest.text import split_sentences

__all__ = ["split_sentences"]
