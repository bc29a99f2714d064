"""Word letters with python-docx: paragraphs (with their list numbers), tables (one row a
paragraph, merged cells resolved), line breaks inside paragraphs, and page breaks (a page
break often separates two letters)."""

from __future__ import annotations

from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from ingest.docx_numbering import ListNumbers
from ingest.errors import SkipFile
from ingest.extracted import PAGE_BREAK, ExtractedText, Row, compose


def read_docx(path: Path) -> ExtractedText:
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise SkipFile(
            "not a readable .docx (corrupt, password-protected, or an old .doc renamed)"
        ) from error
    numbers = ListNumbers(document)
    header = _first_header(document)
    blocks = _blocks(header._element, numbers, layout=True) if header is not None else []
    blocks += _blocks(document.element.body, numbers)
    return compose(blocks, "docx")


def _blocks(container, numbers: ListNumbers, layout: bool = False) -> list[str | Row]:
    """Paragraphs and table rows of a body or header, in document order. A table in a page
    header lays out a letterhead: its cells are paragraphs, not a table's rows."""
    blocks: list[str | Row] = []
    for element in container.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append(paragraph_text(element, numbers))
        elif element.tag == qn("w:tbl") and layout:
            cells = element.iter(qn("w:tc"))
            blocks.extend(
                "\n".join(paragraph_text(p, numbers) for p in tc.iter(qn("w:p"))) for tc in cells
            )
        elif element.tag == qn("w:tbl"):
            blocks.extend(table_rows(element, numbers))
        elif element.tag == qn("w:sdt"):  # a content control holds paragraphs and tables
            content = element.find(qn("w:sdtContent"))
            blocks.extend(_blocks(content, numbers, layout) if content is not None else [])
    return blocks


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def paragraph_text(p, numbers: ListNumbers | None = None) -> str:
    """Runs' text with soft line breaks as newlines and page breaks as a page-break line. A
    text box anchored in the paragraph gives its paragraphs as lines, read once (Word also
    stores an old-format copy of it, in an mc:Fallback)."""
    parts = [PAGE_BREAK] if _page_break_before(p) else []
    tags = (qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:p"))
    for node in p.iter(*tags):
        if node is not p and _in_fallback(node, p):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:br") and node.get(qn("w:type")) == "page":
            parts.append(PAGE_BREAK)
        elif node is not p:
            parts.append("\n")  # a line break, or a text box's paragraph
    label = numbers.label(p) if numbers else None
    text = "".join(parts)
    return f"{label} {text}" if label and text.strip() else text


def _in_fallback(node, top) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not top:
        if parent.tag == _FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _page_break_before(p) -> bool:
    ppr = p.find(qn("w:pPr"))
    flag = ppr.find(qn("w:pageBreakBefore")) if ppr is not None else None
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false")


def table_rows(table, numbers: ListNumbers | None = None) -> list[Row]:
    """Each row one Row. A cell merged across columns (gridSpan) counts once; a cell merged
    down rows (vMerge) repeats its text in each row it spans; a row of one cell across the
    table (a title) has no labels; the header row (marked repeating, else the first row of
    several cells) gives the labels of the rows below it."""
    grid: dict[int, str] = {}  # column -> text of the cell that starts a vertical merge there
    rows, header = [], None
    for tr in table.iterchildren(qn("w:tr")):
        cells = _row_cells(tr, grid, numbers)
        if header is None and len(cells) > 1 and (_repeats(tr) or not rows or _all_titles(rows)):
            header = tuple(cells)
            rows.append(Row(tuple(cells)))
            continue
        rows.append(Row(tuple(cells), header if header and len(cells) > 1 else ()))
    return rows


def _all_titles(rows: list[Row]) -> bool:
    return all(len(row.cells) == 1 for row in rows)


def _repeats(tr) -> bool:
    props = tr.find(qn("w:trPr"))
    return props is not None and props.find(qn("w:tblHeader")) is not None


def _row_cells(tr, grid: dict[int, str], numbers: ListNumbers | None) -> list[str]:
    cells, column = [], _grid_before(tr)
    for tc in tr.iterchildren(qn("w:tc")):
        props = tc.find(qn("w:tcPr"))
        span = _int_val(props, "w:gridSpan", 1)
        merge = props.find(qn("w:vMerge")) if props is not None else None
        if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
            text = grid.get(column, "")
        else:
            text = cell_text(tc, numbers)
            if merge is not None:
                grid[column] = text
            else:
                grid.pop(column, None)
        cells.append(text)
        column += span
    return cells


def _grid_before(tr) -> int:
    props = tr.find(qn("w:trPr"))
    return _int_val(props, "w:gridBefore", 0)


def _int_val(props, tag: str, default: int) -> int:
    node = props.find(qn(tag)) if props is not None else None
    try:
        return int(node.get(qn("w:val"))) if node is not None else default
    except (TypeError, ValueError):
        return default


def cell_text(tc, numbers: ListNumbers | None = None) -> str:
    """A cell's paragraphs as one line; a table nested in it is flattened into the line."""
    parts = []
    for child in tc.iterchildren():
        if child.tag == qn("w:p"):
            parts.append(" ".join(paragraph_text(child, numbers).split()))
        elif child.tag == qn("w:tbl"):
            parts.extend(row.text for row in table_rows(child, numbers))
    return " ".join(part for part in parts if part)


def _first_header(document):
    """The first page's header, where many letterheads live; None when there is none."""
    section = document.sections[0] if document.sections else None
    if section is None:
        return None
    first_page = section.different_first_page_header_footer
    header = section.first_page_header if first_page else section.header
    return None if header.is_linked_to_previous else header
