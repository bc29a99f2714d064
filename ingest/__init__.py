"""Ingest: letter files in any format -> letters and paragraphs with exact provenance."""

from ingest.countries import StateName, state_names, state_table
from ingest.errors import IngestError, ManifestError, SkipFile, SourceNotFound
from ingest.extract import SUPPORTED, extract
from ingest.extracted import ExtractedText
from ingest.isolate import FILE_SECONDS, IsolatedReader, read_isolated
from ingest.letters import read_source
from ingest.manifest import load_manifest
from ingest.model import BODY, KINDS, Letter, Paragraph
from ingest.report import ParseReport, Skipped, parse_folder, read_letters
from ingest.source import MAX_BYTES, SourceFile, discover
from ingest.states import fold

__all__ = [
    "BODY",
    "FILE_SECONDS",
    "KINDS",
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
    "discover",
    "extract",
    "fold",
    "load_manifest",
    "parse_folder",
    "read_isolated",
    "read_letters",
    "read_source",
    "state_names",
    "state_table",
]
