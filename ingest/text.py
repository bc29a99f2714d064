"""Text handling shared by every stage (ingest is the first, so index, rag and ui may import it):
accent folding, word tokens, Snowball stemming for the Monitor's four letter languages, stop
words per language, the one sentence splitter and the list markers.

The evaluation metric (rag/metrics.py) keeps a tokenizer of its own on purpose: the answerer's
features must not share code with the thing that grades them.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer

from ingest.states import fold

# Languages with a stemmer and stop words; others fall back to folded, unstemmed words.
LANGUAGES = ("en", "fr", "es", "pt")
STEMMER_NAMES = {"en": "english", "fr": "french", "es": "spanish", "pt": "portuguese"}
WORD = re.compile(r"[^\W_]+")

# Function words of each language (folded): they carry no evidence of an answer.
STOP_WORD_TEXT = {
    "en": """a an the and or nor for with that this these those from into onto its it was were
        are is be been being has have had not no but which who whom whose what when where how
        why their they them there also than then such any all each other only our your his her
        she him he we us i you will would shall should can could may might must does did do
        done about over under after before between both more most some very own same just per
        via of to in on at by as if so upon within without whether while""",
    "fr": """le la les l un une des du de d et ou ni pour par sur avec dans en au aux ce cet
        cette ces son sa ses leur leurs est sont etait ete etre a ont avait pas ne que qu qui
        quoi dont ou il elle ils elles nous vous je se s y lui meme aussi comme mais plus""",
    "es": """el la los las lo un una unos unas del de y o ni para por sobre con en al su sus
        es son fue han ha era ser estar esta este estos estas ese esa no que quien cual como
        mas pero se le les nos su tambien muy ya""",
    "pt": """o a os as um uma uns umas do da dos das de e ou nem para por pelo pela sobre com
        em no na nos nas ao aos seu sua seus suas e sao foi foram ser estar este esta estes
        estas esse essa nao que quem qual como mais mas se lhe tambem muito ja""",
}
STOP_WORDS = {lang: frozenset(text.split()) for lang, text in STOP_WORD_TEXT.items()}
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

# A list item's marker at the start of a paragraph: "(a) ", "b) ", "(iv) ", "• ", "- ", "2) ".
LIST_MARKER = re.compile(r"^\s*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|[•\-–▪]|\d{1,2}\))\s", re.I)

# A sentence ends at . ! or ? followed by space and something that can start a sentence.
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(¿¡«]?[A-ZÀ-ÖØ-Þ0-9•\-–(¿¡«])")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Art|Arts|para|paras|Ref|Réf|vol|p|pp|cf|e\.g|i\.e|etc|"
    r"approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ave|Av|Sr|Sra|Mme|M|H\.E|U\.S|U\.K|"
    r"D\.C|Inc|Ltd|Co|vs|Núm|núm|Nº|Exmo|Excmo|Sres|Dña|Dª)\.|\b[A-Z]\.)$"
)
LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}\.|\(\w{1,4}\)|\w\)|[•\-–])\s+")

_lock = threading.Lock()  # PyStemmer objects are not thread-safe


def words(text: str) -> list[str]:
    """Lowercased words with accents folded ("Ministère" -> "ministere"); numbers kept."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=8)
def _stemmer(language: str):
    return Stemmer.Stemmer(STEMMER_NAMES[language])


def language_of(language: str | None) -> str:
    """A supported language code for LANGUAGE ("fr", "es", "pt"); English otherwise."""
    code = (language or "en").lower()[:2]
    return code if code in STEMMER_NAMES else "en"


def stem(tokens: list[str], language: str | None = None) -> list[str]:
    """Snowball stems of folded TOKENS in LANGUAGE (English when unknown)."""
    with _lock:
        return _stemmer(language_of(language)).stemWords(tokens)


def terms(text: str, language: str | None = None) -> list[str]:
    """The stems of TEXT's words outside LANGUAGE's stop words, numbers kept: the units of
    lexical matching (BM25, the answerer's word overlap)."""
    code = language_of(language)
    kept = [w for w in words(text) if w not in STOP_WORDS[code] and (len(w) > 1 or w.isdigit())]
    return stem(kept, code)


def terms_any_language(text: str) -> set[str]:
    """TEXT's stems under every supported language: a question in English, its glossary
    expansion in French or Spanish, and a letter in Portuguese still meet on one stem."""
    kept = [w for w in words(text) if w not in ALL_STOP_WORDS and (len(w) > 1 or w.isdigit())]
    return {s for code in LANGUAGES for s in stem(kept, code)}


def content_terms(text: str, language: str | None = None) -> set[str]:
    """The stems of TEXT's content words (three letters or more, no stop words, no numbers)."""
    return {t for t in terms(text, language) if len(t) >= 3 and not t.isdigit()}


def is_list_item(text: str) -> bool:
    """Does the paragraph start with a list marker ("(a) ", "• ", "2) ")?"""
    return bool(LIST_MARKER.match(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of TEXT, trimmed of surrounding whitespace."""
    spans, start = [], 0
    for match in BOUNDARY.finditer(text):
        end = match.start() + len(match.group(0).rstrip()) - len(match.group(0).strip())
        piece_end = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        if ABBREVIATIONS.search(text[start : match.start()]) or _is_list_number(text, start, match):
            continue
        spans.append((start, max(end, match.start())))
        start = piece_end
    spans.append((start, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _is_list_number(text: str, start: int, match: re.Match) -> bool:
    """'4. Pakistan …': a printed paragraph number is not a sentence."""
    return bool(re.fullmatch(r"\s*(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]", text[start : match.start()]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and a leading printed number ("4. ", "(a) ")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    number = LEADING_NUMBER.match(text[start:end])
    if number and number.end() < end - start:
        start += number.end()
    return start, end
