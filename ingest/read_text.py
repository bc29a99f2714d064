"""Plain text and Markdown files, in any common encoding."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingest.errors import SkipFile
from ingest.extracted import PAGE_BREAK, ExtractedText

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\n\r\t\f")
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def read_text(data: bytes, fmt: str = "txt") -> ExtractedText:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise SkipFile("binary or garbled content, not text")
    text = _STRAY_CONTROLS.sub("", text)  # a few NULs from an old word processor: dropped
    text = strip_markdown(text) if fmt == "md" else text
    return ExtractedText(text, fmt, page_starts(text))


def page_starts(text: str) -> tuple[int, ...]:
    """Form feeds split a text file into pages; without them it has none."""
    if PAGE_BREAK not in text:
        return ()
    return (0, *(i + 1 for i, ch in enumerate(text) if ch == PAGE_BREAK))


def strip_markdown(text: str) -> str:
    """Markdown's markup removed (headings, emphasis, links, images, quotes); text kept."""
    text = re.sub(r"(?m)^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)", r"\1", text)
    return re.sub(r"(?m)^>[ \t]?", "", text)  # rules stay: they may separate two letters


def decode(data: bytes) -> str:
    """UTF-8 first (the common case, never mistaken), then a BOM, then charset detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise SkipFile("binary or unknown encoding, not text")
    return str(_western_on_a_tie(results, best))


def _western_on_a_tie(results, best):
    """Among encodings that read the bytes equally well, cp1252: the letters come in Western
    European languages, where cp1250 would turn "Ñ" into "Ń"."""
    tied = [
        match for match in results
        if (match.chaos, match.coherence) == (best.chaos, best.coherence)
    ]  # fmt: skip
    return next((m for m in tied if m.encoding == "cp1252"), best)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls > max(2, len(text) // 200)
