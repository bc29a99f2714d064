"""Declared settings (pure): each tunable number of retrieval and answering has a meaning, a
range and a default, is validated when set, and is listed by `describe` (scripts/tune.py)."""

from __future__ import annotations

from dataclasses import MISSING, field, fields

from rag.errors import BadSetting


def setting(default, low, high, meaning: str):
    """A dataclass field with its valid range [LOW, HIGH] and what it means."""
    return field(default=default, metadata={"range": (low, high), "meaning": meaning})


def validate(settings) -> None:
    """Raise BadSetting for the first field outside its declared range."""
    for f in fields(settings):
        if "range" not in f.metadata:
            continue
        low, high = f.metadata["range"]
        value = getattr(settings, f.name)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not low <= value <= high:
            raise BadSetting(type(settings).__name__, f.name, value, low, high)


def describe(cls) -> list[tuple[str, object, tuple, str]]:
    """(name, default, (low, high), meaning) of each declared setting of CLS."""
    return [
        (f.name, f.default if f.default is not MISSING else None, f.metadata["range"],
         f.metadata["meaning"])
        for f in fields(cls)
        if "range" in f.metadata
    ]  # fmt: skip
