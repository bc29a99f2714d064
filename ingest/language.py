"""The language a letter is written in (ISO 639-1), among those the Monitor receives."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "ru", "ar")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str | None:
    """Most likely language of `text`; None when there is too little text to tell."""
    if len(text.split()) < 3:
        return None
    language, _confidence = _identifier().classify(text)
    return language
