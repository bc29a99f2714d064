"""A reply's courtesy (pure): thanks for, acknowledgement of or reference to the letter it
answers, the compliments of a note verbale, in en/fr/es/pt. It repeats the request's topic
words without stating anything, so retrieval, the answerer and the topic timeline rank it last.
"""

from __future__ import annotations

import re
from functools import lru_cache

COURTESY = re.compile(
    r"\b(?:your|votre|su|sua)\s+(?:letter|lettre|carta|note|request|courrier)\b|"
    r"\bcarta de V\.\s?Exa\b|\backnowledge[sd]? receipt\b|\baccus\w* réception\b|"
    r"\bacus\w+ (?:a |el )?rec\w+\b|\bpresents? (?:its|their) compliments\b|"
    r"\bprésente(?:nt)? ses compliments\b|\bsaluda (?:muy )?atentamente\b|\bcumprimenta\b",
    re.I,
)


@lru_cache(maxsize=1 << 16)  # fusion asks it of every ranked paragraph, each question
def is_courtesy(text: str) -> bool:
    return COURTESY.search(text) is not None
