"""Dates as letters print them, in English, French, Spanish, Portuguese or German, to ISO 8601."""

from __future__ import annotations

import re
from functools import lru_cache

import dateparser

_WORD = r"[A-Za-zÀ-ÿ]{3,10}\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|\.?º|\.?°|\.)?"  # 1st, 1er, 1.º (Portuguese), 1.
_YEAR = r"(?:1[89]|20)\d\d"
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_PATTERNS = [
    rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_WORD},?\s+(?:de\s+|del\s+)?{_YEAR}\b",  # 16 February 2009
    rf"\b{_WORD}\s+{_DAY},?\s+{_YEAR}\b",  # February 16, 2009 / July 21st, 2008
    rf"\b{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b",  # 2009-06-12, 2009/06/12
    rf"\b\d{{1,2}}[./-]\d{{1,2}}[./-]{_YEAR}\b",  # 16/02/2009 (day first)
    rf"\b\d{{1,2}}\s?\.\s?(?:{'|'.join(reversed(_ROMAN_MONTHS))})\s?\.\s?{_YEAR}\b",  # 9.III.2009
]
DATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
}
_LANGUAGES = ["en", "fr", "es", "pt", "de", "it", "nl"]


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, iso) of every date written in `text`."""
    found = []
    for match in DATE.finditer(text):
        iso = to_iso(match.group(0))
        if iso:
            found.append((match.start(), match.end(), iso))
    return found


@lru_cache(maxsize=4096)
def to_iso(written: str) -> str | None:
    """ISO 8601 date of one written date, None when it is not a real date."""
    numeric = _roman_month_to_number(re.sub(r"(\d)\.?[º°]", r"\1", written.strip()))
    if re.fullmatch(rf"{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}", numeric):
        # year first: dateparser's day-month-year order would misread it
        numeric = "-".join(reversed(re.split(r"[-/.]", numeric)))
    parsed = dateparser.parse(numeric, languages=_LANGUAGES, settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _roman_month_to_number(written: str) -> str:
    match = re.fullmatch(r"(\d{1,2})\s?\.\s?([IVX]+)\s?\.\s?(\d{4})", written)
    if not match or match.group(2) not in _ROMAN_MONTHS:
        return written
    day, roman, year = match.groups()
    return f"{day}.{_ROMAN_MONTHS.index(roman) + 1}.{year}"
