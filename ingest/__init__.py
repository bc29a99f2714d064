"""Ingest: letter files in any format -> letters and paragraphs with exact provenance."""

from ingest.countries import StateName, state_names, state_table
from ingest.coverage import Coverage
from ingest.errors import IngestError, ManifestError, SkipFile, SourceNotFound
from ingest.extract import SUPPORTED, extract
from ingest.extracted import ExtractedText
from ingest.isolate import FILE_SECONDS, IsolatedReader, read_isolated
from ingest.letters import ParsedFile, parse_source, read_source
from ingest.manifest import load_manifest
from ingest.model import BODY, CONTENT_KINDS, KINDS, TABLE_ROW, Letter, Paragraph, Provenance
from ingest.report import ParseReport, ParseWarning, Skipped, parse_folder, read_letters
from ingest.source import MAX_BYTES, SourceFile, discover
from ingest.states import fold
from ingest.text import (
    LIST_MARKER,
    STOP_WORDS,
    content_terms,
    is_list_item,
    split_sentences,
    stem,
    terms,
    terms_any_language,
    words,
)

__all__ = [
    "BODY",
    "CONTENT_KINDS",
    "FILE_SECONDS",
    "LIST_MARKER",
    "STOP_WORDS",
    "KINDS",
    "TABLE_ROW",
    "Coverage",
    "ParsedFile",
    "ParseWarning",
    "Provenance",
    "parse_source",
    "MAX_BYTES",
    "SUPPORTED",
    "ExtractedText",
    "IngestError",
    "IsolatedReader",
    "Letter",
    "ManifestError",
    "Paragraph",
    "ParseReport",
    "Skipped",
    "SkipFile",
    "SourceFile",
    "SourceNotFound",
    "StateName",
    "content_terms",
    "discover",
    "extract",
    "fold",
    "is_list_item",
    "load_manifest",
    "parse_folder",
    "read_isolated",
    "read_letters",
    "read_source",
    "split_sentences",
    "stem",
    "state_names",
    "state_table",
    "terms",
    "terms_any_language",
    "words",
]
