"""Older and other word-processor formats: .doc (Debian antiword), .rtf (striprtf) and
.odt (odfpy), each as paragraphs and table rows like a .docx."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ingest.errors import SkipFile
from ingest.extracted import ExtractedText, Row, compose
from ingest.read_text import decode

ANTIWORD_MISSING = "a .doc needs antiword: install the Debian package antiword"
_ANTIWORD_SECONDS = 60
_ANTIWORD_ROW = re.compile(r"^\|(.*)\|\s*$")


def read_doc(path: Path) -> ExtractedText:
    """antiword's text: one line a paragraph (-w 0), tables as |cell|cell| lines."""
    program = shutil.which("antiword")
    if program is None:
        raise SkipFile(ANTIWORD_MISSING)
    done = subprocess.run(
        [program, "-w", "0", "-m", "UTF-8.txt", str(path)],
        capture_output=True, timeout=_ANTIWORD_SECONDS, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").replace(str(path), path.name)
        reason = reason.strip().splitlines()[:1]
        raise SkipFile(f"not a readable .doc ({''.join(reason) or 'antiword failed'})")
    return antiword_text(done.stdout.decode("utf-8", "replace"))


def antiword_text(output: str) -> ExtractedText:
    """Lines as paragraphs, runs of |-delimited lines as table rows (the first one the header)."""
    items: list[str | Row] = []
    header: tuple[str, ...] | None = None
    for line in output.replace("\r", "").split("\n"):
        match = _ANTIWORD_ROW.match(line)
        if match:
            cells = tuple(cell.strip() for cell in match.group(1).split("|"))
            items.append(Row(cells, header or ()))
            header = header or cells
        else:
            header = None
            items.append(line)
    return compose(items, "doc")


def read_rtf(path: Path) -> ExtractedText:
    from striprtf.striprtf import rtf_to_text

    text = rtf_to_text(decode(path.read_bytes()), errors="ignore")
    if not text.strip():
        raise SkipFile("no text found in the .rtf (is it a scan saved as RTF?)")
    return compose(lines_as_paragraphs(text), "rtf")


def lines_as_paragraphs(text: str) -> list[str | Row]:
    """RTF paragraphs end at a newline, never wrapped; "|"-separated lines are table rows."""
    items: list[str | Row] = []
    for line in text.replace("\r", "").split("\n"):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        items.append(Row(tuple(cells)) if line.count("|") >= 2 else line)
    return items


def read_odt(path: Path) -> ExtractedText:
    from odf.opendocument import load

    try:
        document = load(str(path))
    except Exception as error:  # odfpy raises zip, XML and key errors alike
        raise SkipFile(f"not a readable .odt ({type(error).__name__})") from error
    return compose(_odt_items(document.text), "odt")


def _odt_items(node) -> list[str | Row]:
    """Headings, paragraphs and list items in order; each table row one Row."""
    from odf import teletype

    items: list[str | Row] = []
    for child in node.childNodes:
        name = getattr(child, "qname", (None, None))[1]
        if name in ("p", "h"):
            items.append(teletype.extractText(child))
        elif name == "table":
            items.extend(_odt_rows(child))
        elif name in ("list", "list-item", "section", "list-header", "soft-page-break"):
            items.extend(_odt_items(child))
    return items


def _odt_rows(table) -> list[Row]:
    from odf import teletype

    rows, header = [], None
    for row in table.getElementsByType(_odt_class("TableRow")):
        cells = tuple(
            " ".join(teletype.extractText(cell).split())
            for cell in row.childNodes
            if getattr(cell, "qname", (None, None))[1] == "table-cell"
        )
        rows.append(Row(cells, header or ()))
        header = header or (cells if len(cells) > 1 else None)
    return rows


def _odt_class(name: str):
    from odf import table

    return getattr(table, name)
