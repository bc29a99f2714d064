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
        self._counters: dict[tuple[str, int], int] = {}

    def label(self, p) -> str | None:
        num_id, level = _num_pr(p)
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


def _num_pr(p) -> tuple[str | None, int]:
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
