"""Word letters with python-docx: paragraphs (with their list numbers), tables, line breaks
inside paragraphs, and page breaks (a page break often separates two letters)."""

from __future__ import annotations

from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table

from ingest.docx_numbering import ListNumbers
from ingest.errors import SkipFile
from ingest.extracted import PAGE_BREAK, ExtractedText

_PAGE = f"\n\n{PAGE_BREAK}\n\n"
_BIG_GAP = 3  # empty paragraphs in a row that stand for a gap between two letters


def read_docx(path: Path) -> ExtractedText:
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise SkipFile(
            "not a readable .docx (corrupt, password-protected, or an old .doc renamed)"
        ) from error
    numbers = ListNumbers(document)
    header = _first_header(document)
    blocks = _blocks(header._element, header, numbers) if header is not None else []
    blocks += _blocks(document.element.body, document, numbers)
    return ExtractedText(_join(blocks), "docx")


def _blocks(container, parent, numbers: ListNumbers) -> list[str]:
    """Paragraphs and table cells of a body or header, in document order."""
    blocks = []
    for element in container.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append(paragraph_text(element, numbers))
        elif element.tag == qn("w:tbl"):
            blocks.extend(_table_blocks(Table(element, parent), numbers))
    return blocks


def paragraph_text(p, numbers: ListNumbers | None = None) -> str:
    """Runs' text with soft line breaks as newlines and page breaks as a page-break line."""
    parts = [PAGE_BREAK] if _page_break_before(p) else []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:br") and node.get(qn("w:type")) == "page":
            parts.append(PAGE_BREAK)
        else:
            parts.append("\n")
    label = numbers.label(p) if numbers else None
    text = "".join(parts)
    return f"{label} {text}" if label and text.strip() else text


def _page_break_before(p) -> bool:
    ppr = p.find(qn("w:pPr"))
    flag = ppr.find(qn("w:pageBreakBefore")) if ppr is not None else None
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false")


def _table_blocks(table: Table, numbers: ListNumbers) -> list[str]:
    """Each cell a block, row by row; a merged cell is repeated by python-docx, so only once."""
    blocks, seen = [], set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            blocks.append("\n".join(paragraph_text(p._p, numbers) for p in cell.paragraphs))
    return blocks


def _first_header(document):
    """The first page's header, where many letterheads live; None when there is none."""
    section = document.sections[0] if document.sections else None
    if section is None:
        return None
    first_page = section.different_first_page_header_footer
    header = section.first_page_header if first_page else section.header
    return None if header.is_linked_to_previous else header


def _join(blocks: list[str]) -> str:
    """One blank line between paragraphs, a wider gap for runs of empty ones, page breaks on
    lines of their own."""
    out, empties, page_break = [], 0, False
    for block in blocks:
        if not block.replace(PAGE_BREAK, "").strip():
            empties += 1
            page_break = page_break or PAGE_BREAK in block
            continue
        if out:
            out.append(_PAGE if page_break else "\n\n\n\n" if empties >= _BIG_GAP else "\n\n")
        out.append(_isolate_page_breaks(block))
        empties, page_break = 0, False
    return "".join(out)


def _isolate_page_breaks(block: str) -> str:
    return block.replace(PAGE_BREAK, _PAGE) if PAGE_BREAK in block else block
