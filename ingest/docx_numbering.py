"""The numbers Word prints in front of list paragraphs ("1.", "(a)", "•"): python-docx gives
the paragraph text without them."""

from __future__ import annotations

from docx.oxml.ns import qn

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    return str(n)


class ListNumbers:
    """Counts list paragraphs as Word does (per list and level) and renders their labels."""

    def __init__(self, document):
        self._levels = _levels(document)
        self._styles = _style_numbering(document)
        self._counters: dict[tuple[str, int], int] = {}

    def label(self, p) -> str | None:
        num_id, level = _num_pr(p)
        if num_id is None:
            num_id, level = self._styles.get(_style_id(p), (None, 0))
        spec = self._levels.get((num_id, level)) if num_id else None
        if spec is None:
            return None
        fmt, text, start = spec
        if fmt == "bullet":
            return "•"
        count = self._counters.get((num_id, level), start - 1) + 1
        self._counters[(num_id, level)] = count
        for deeper in [k for k in self._counters if k[0] == num_id and k[1] > level]:
            del self._counters[deeper]
        return text.replace(f"%{level + 1}", format_number(count, fmt)) if text else None


def _style_id(p) -> str | None:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _style_numbering(document) -> dict[str, tuple[str | None, int]]:
    """Paragraph styles that number their paragraphs ("List Number", "List Bullet"...),
    following each style's basedOn chain."""
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    numbering = {}
    for style_id in styles:
        current, seen = styles.get(style_id), set()
        while current is not None and style_id not in numbering and id(current) not in seen:
            seen.add(id(current))
            num_id, level = _num_pr(current)
            if num_id is not None:
                numbering[style_id] = (num_id, level)
            based = current.find(qn("w:basedOn"))
            current = styles.get(based.get(qn("w:val"))) if based is not None else None
    return numbering


def _num_pr(p) -> tuple[str | None, int]:
    """numId and level of a paragraph's (or a style's) own numbering properties."""
    ppr = p.find(qn("w:pPr"))
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        return None, 0
    num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
    level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
    return (num_id.get(qn("w:val")) if num_id is not None else None), level


def _levels(document) -> dict[tuple[str, int], tuple[str, str, int]]:
    """(numId, level) -> (format, label template such as "%1.", start)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    levels = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
        for lvl in definition.findall(qn("w:lvl")) if definition is not None else []:
            levels[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"))))] = _level_spec(lvl)
    return levels


def _level_spec(lvl) -> tuple[str, str, int]:
    def value(tag: str, default: str) -> str:
        node = lvl.find(qn(tag))
        return node.get(qn("w:val"), default) if node is not None else default

    return value("w:numFmt", "decimal"), value("w:lvlText", ""), int(value("w:start", "1"))
