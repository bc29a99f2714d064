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
    "meta", "link", "button", "select", "option", "input", "textarea", "canvas",
}  # fmt: skip
# A web site's chrome around a published letter: navigation, breadcrumbs, cookie banners,
# sidebars and footers. Left out of the text, and counted as furniture.
_CHROME_TAGS = {"nav", "footer", "aside"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
_CHROME_NAMES = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menu|breadcrumbs?|cookies?|consent|gdpr|sidebar|"
    r"side-bar|footer|site-header|masthead|share|social|skip-link|related)(?:$|[-_ ])",
    re.I,
)
_PUBLISHED = (
    ("meta", "property", "article:published_time"),
    ("meta", "name", "date"),
    ("meta", "name", "dc.date"),
    ("meta", "name", "dcterms.date"),
    ("meta", "name", "pubdate"),
)
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_BLOCK = "\x02"  # markers that cannot occur in visible text
_LINE = "\x01"


def read_html(data: bytes) -> ExtractedText:
    soup = BeautifulSoup(data, "lxml")
    pieces: list[str] = []
    chrome: list[str] = []
    root = soup.body or soup
    _walk(root, pieces, chrome, len(root.get_text()))
    removed = tuple(text for text in chrome if text.strip())
    return ExtractedText(
        visible_text("".join(pieces)), "html", removed=removed, fallback_date=published(soup)
    )


def _walk(node: Tag, pieces: list[str], chrome: list[str], total: int) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _SKIPPED_STRINGS):
                pieces.append(str(child))
        elif child.name == "br":
            pieces.append(_LINE)
        elif child.name in _INVISIBLE or _hidden(child):
            continue
        elif _chrome(child) and _minor(child, total):
            chrome.append(child.get_text(" "))
        else:
            block = child.name in _BLOCKS
            pieces.append(_BLOCK if block else "")
            _walk(child, pieces, chrome, total)
            pieces.append(_BLOCK if block else "")


def _minor(tag: Tag, total: int) -> bool:
    """Chrome is a small part of a page: an element named like it that holds most of the text
    (a "share-enabled" container around the letter) is the page's content."""
    return len(tag.get_text()) <= max(0.3 * total, 200)


def _chrome(tag: Tag) -> bool:
    if tag.name in _CHROME_TAGS or tag.get("role") in _CHROME_ROLES:
        return True
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
    return bool(names.strip()) and bool(_CHROME_NAMES.search(names))


def published(soup: BeautifulSoup) -> str | None:
    """The page's publication date (ISO): the letter's date when the letter prints none."""
    for tag, attribute, value in _PUBLISHED:
        found = soup.find(tag, attrs={attribute: re.compile(f"^{re.escape(value)}$", re.I)})
        if found and (iso := _iso(found.get("content") or "")):
            return iso
    time = soup.find("time", attrs={"datetime": True})
    return _iso(time["datetime"]) if time else None


def _iso(value: str) -> str | None:
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    return match.group(1) if match else None


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
