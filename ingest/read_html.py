"""Web pages: the visible text, block elements as paragraph boundaries, <br> as line breaks."""

from __future__ import annotations

import re

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from ingest.extracted import ExtractedText

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
    "blockquote", "pre", "section", "article", "header", "footer", "address", "dl", "dt", "dd",
    "hr", "figure", "figcaption", "main", "aside", "caption", "form", "fieldset", "center",
}  # fmt: skip
# Not letter text: code, form controls, and the site's navigation and footer around a
# published letter.
_INVISIBLE = {
    "script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object",
    "meta", "link", "button", "select", "option", "input", "textarea", "canvas", "nav", "footer",
}  # fmt: skip
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_BLOCK = "\x02"  # markers that cannot occur in visible text
_LINE = "\x01"


def read_html(data: bytes) -> ExtractedText:
    soup = BeautifulSoup(data, "lxml")
    pieces: list[str] = []
    _walk(soup.body or soup, pieces)
    return ExtractedText(visible_text("".join(pieces)), "html")


def _walk(node: Tag, pieces: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _SKIPPED_STRINGS):
                pieces.append(str(child))
        elif child.name == "br":
            pieces.append(_LINE)
        elif child.name not in _INVISIBLE and not _hidden(child):
            block = child.name in _BLOCKS
            pieces.append(_BLOCK if block else "")
            _walk(child, pieces)
            pieces.append(_BLOCK if block else "")


def _hidden(tag: Tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or tag.get("aria-hidden") == "true" or "display:none" in style


def visible_text(marked: str) -> str:
    """Whitespace collapsed as a browser would; one blank line between blocks."""
    blocks = []
    for block in marked.split(_BLOCK):
        text = re.sub(r"\s+", " ", block).replace(_LINE, "\n")
        text = re.sub(r" *\n *", "\n", text).strip()
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)
