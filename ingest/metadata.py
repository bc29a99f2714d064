"""A letter's metadata read from its classified blocks: date, sender, signatory, recipient,
reference, state, language."""

from __future__ import annotations

import re
from collections import Counter

from ingest import cues
from ingest.dates import find_dates
from ingest.language import detect_language
from ingest.model import BODY
from ingest.states import capital_named, find_state, states_named

Blocks = list[tuple[str, tuple[str, ...]]]  # (kind, lines) of one letter, in order

_ORG_RANKS = (
    r"embassy|ministry|mission|consulate|delegation|foreign affairs|foreign office|"
    r"ambassade|minist[eè]re|mission permanente|consulat|délégation|affaires étrangères|"
    r"embajada|ministerio|misión|consulado|relaciones exteriores|cancillería|"
    r"embaixada|minist[eé]rio|missão|relações exteriores|itamaraty|botschaft|auswärtiges amt",
    r"department|office|division|secretariat|directorate|direction|departamento|dirección|"
    r"secretaría|ministerium",
    r"government|gouvernement|gobierno|governo|regierung|presidency|présidence|presidencia",
)
_ENGLISH_ORG = re.compile(
    r"\b(?:embassy|ministry|mission|consulate|delegation|department|office|government)\b", re.I
)
_CONTINUATION = re.compile(r"^(?:to|of|in|at|for|auprès|à|a|au|en|ante|de|del|in der|bei)\b", re.I)
_SMALL_WORDS = {
    "of", "the", "and", "for", "to", "in", "on", "at", "by", "de", "des", "du", "la", "le", "les",
    "et", "à", "au", "aux", "en", "y", "del", "el", "los", "las", "ante", "do", "da", "das", "dos",
    "e", "em", "für", "und", "der", "die", "zu",
}  # fmt: skip
_STREETISH = re.compile(
    r"\d|:|street|road|avenue|court|box|suite|quai|rue|calle|markt|tel|fax", re.I
)
_TITLE_WORDS = re.compile(
    r"^(?:(?:the|el|la|le|o|a|os|der|die)\s+)?(?:director|subdirector|embaixador|chefe|cheffe|"
    r"encarregad[oa]|secretári[oa]|head|minister|counsel+or|secretary|ambassador|chargé|deputy|assistant|chief|"
    r"first|second|third|permanent|sous-directeur|directeur|directrice|director[a]?|jefe|"
    r"embajador|ministro|consejero|secretario|conseiller|ambassadeur|sous-direct)",
    re.I,
)
_RANK = re.compile(
    r"^(?:(?:h\.\s?e\.|s\.\s?e\.|his excellency|her excellency|son excellence|"
    r"ambassador|ambassadeur|ambassadrice|embajador[a]?|embaixador[a]?|botschafter(?:in)?)\s+)+",
    re.I,
)
_UNIT = re.compile(r"\b(?:section|division|unit|branch|team|bureau|service|directorate)\b", re.I)
_NAME_PARTICLES = {
    "de", "da", "van", "von", "bin", "al", "y", "del", "di", "le", "la", "dos", "der",
}  # fmt: skip
# "(Sgd.)", "(Signed)", "(Firmado)", "(Signé)": the mark of a signature on a copy.
_SIGNED = re.compile(
    r"^\s*[(\[]?\s*(?:sgd|signed|fdo|firmado|signé|sig|ass|assinado)\.?\s*[)\]]\s*", re.I
)
_LABELLED_DATE = re.compile(r"\b(?:date|fecha|datum|data)\s*:\s*(.+)$", re.I)
_OUR_REF = re.compile(
    r"(?:our ref(?:erence)?|ref(?:erence)?\.?ª|ref(?:erence)?|réf(?:érence)?|n/réf|n/ref|file|"
    r"aktenzeichen|az|oficio(?: n[úu]m| n[°º])?)"
    r"\.?\s*[:.]?\s+(?P<value>[^|]+)",
    re.I,
)
_NUMBER_REF = re.compile(r"^(?:no|n[°º]|nº|nr|núm(?:ero)?|nota)(?![a-zà-ÿ])\.?\s*\S.*$", re.I)
_THEIR_REF = re.compile(r"^(?:your|votre|vuestra|su|sua|ihr)\b|^(?:letter|lettre|carta)\b", re.I)
_COMPLIMENTS = re.compile(
    r"^(?:The\s+|L[ae]\s+|L'|El\s+|A\s+|O\s+)?(?P<sender>.+?)\s+(?:presents its compliments|"
    r"présente ses compliments|saluda (?:muy )?atentamente|tiene el honor|cumprimenta)"
    r"(?:\s+(?:to|à|a|al)\s+(?:the\s+|la\s+|le\s+|l')?(?P<recipient>.+?)(?:\s+(?:and|et|y|e)\b|,))?",
    re.I,
)


def extract_metadata(blocks: Blocks) -> dict:
    body = " ".join(" ".join(lines) for kind, lines in blocks if kind == BODY)
    everything = " ".join(" ".join(lines) for _kind, lines in blocks)
    language = detect_language(body if len(body.split()) >= 20 else everything)
    return {
        "date": letter_date(blocks),
        "sender": sender(blocks, language),
        "signatory": signatory(blocks)[0],
        "signatory_title": signatory(blocks)[1],
        "recipient": recipient(blocks),
        "reference": reference(blocks),
        "state": letter_state(blocks),
        "language": language,
    }


def letter_date(blocks: Blocks) -> str | None:
    """The date line's date, else a labelled "Date:", else a date line inside another
    non-body block ("Ref: 12/09" and the date typed as one block)."""
    for kind, lines in blocks:
        if kind == "date":
            return next(filter(None, map(cues.date_in_line, lines)), None)
    parts = [
        p for k, lines in blocks if k not in _NOT_DATED for line in lines for p in line.split("|")
    ]  # fmt: skip
    for part in parts:
        labelled = _LABELLED_DATE.search(part)
        if labelled and (found := find_dates(labelled.group(1))):
            return found[0][2]
    return next(filter(None, map(cues.date_in_line, parts)), None) or _sent_date(blocks)


_NOT_DATED = {BODY, "table_row", "email_header", "disclaimer"}
_SENT = re.compile(r"^(?:sent|date|envoyé|enviado|fecha|data|gesendet|verzonden)\s*:\s*(.+)$", re.I)


def _sent_date(blocks: Blocks) -> str | None:
    """An e-mail's sent date: the letter's date only when the letter carries none."""
    for lines in _texts(blocks, "email_header"):
        for line in lines:
            if (match := _SENT.match(line)) and (found := find_dates(match.group(1))):
                return found[0][2]
    return None


def _texts(blocks: Blocks, kind: str) -> list[tuple[str, ...]]:
    return [lines for k, lines in blocks if k == kind]


def sender(blocks: Blocks, language: str | None) -> str | None:
    lines = [line for block in _texts(blocks, "letterhead") for line in block]
    signature = [line for block in _texts(blocks, "signature") for line in block]
    org = (
        _organisation(lines, language)
        or _compliments(blocks, "sender")
        or _organisation(signature[1:], language)
    )
    if not org:
        return None
    city = _city(blocks, lines)
    return f"{org} ({city})" if city and city.lower() not in org.lower() else org


def _organisation(lines: list[str], language: str | None) -> str | None:
    ranked = [(_org_rank(line, language), i) for i, line in enumerate(lines)]
    candidates = sorted(r for r in ranked if r[0] is not None)
    if not candidates:
        return None
    i = candidates[0][1]
    name = lines[i]
    if i + 1 < len(lines) and _CONTINUATION.match(lines[i + 1]):
        name = f"{name} {lines[i + 1]}"
    return title_case(_OCR_LEAD.sub("", name).strip(" ,."))


# Specks an OCR reads before a letterhead ("D . MINISTERIO …"): single characters and dots.
_OCR_LEAD = re.compile(r"^(?:(?:\w|[^\w\s])(?:\s+|$))+(?=\w{3})")


def _org_rank(line: str, language: str | None) -> tuple[int, int] | None:
    if _STREETISH.search(line):
        return None
    for rank, words in enumerate(_ORG_RANKS):
        if re.search(rf"\b(?:{words})\b", line, re.I):
            foreign = (
                language == "en" and not _ENGLISH_ORG.search(line) and "affairs" not in line.lower()
            )
            return (int(foreign), rank)
    return None


def _compliments(blocks: Blocks, group: str) -> str | None:
    for lines in _texts(blocks, BODY)[:2]:
        match = _COMPLIMENTS.match(" ".join(lines))
        if match and match.group(group):
            return match.group(group).strip(" ,.")
    return None


def _city(blocks: Blocks, letterhead: list[str]) -> str | None:
    """The place in the date line ("Paris, le ..."), else a bare city line of the letterhead."""
    for lines in _texts(blocks, "date"):
        place = re.split(r",|\ble\b|\bden\b", lines[0])[0].strip()
        if place and not find_dates(lines[0][: len(place) + 1]) and not re.search(r"\d", place):
            return title_case(place)
    return next(filter(None, map(_city_line, letterhead)), None)


def _city_line(line: str) -> str | None:
    """ "WASHINGTON, D.C. 20008" -> "Washington"; "London SW1A 2AH" -> "London"."""
    postcode = r"\b[A-Z]{1,2}\d[\dA-Z]?\s*\d[A-Z]{2}\b|\bD\.\s?C\.|\d+|[-,]"
    bare = re.sub(postcode, " ", line).split()
    if states_named(line) and not _org_like(line):  # "P.O. Box 8114, NO-0032 Oslo, Norway"
        return capital_named(line)
    if not 0 < len(bare) <= 3 or _street(line) or _org_like(line):
        return None
    capital = states_named(line, capitals=True)
    return (
        title_case(" ".join(bare)) if capital or line.isupper() or re.search(r"\d", line) else None
    )


def _street(line: str) -> bool:
    return bool(
        re.search(
            r"\d+\s+\w+\s+\w+|:|\b(?:street|road|avenue|court|box|suite|quai|rue|calle|markt)\b",
            line,
            re.I,
        )
    )


def _org_like(line: str) -> bool:
    return any(re.search(rf"\b(?:{words})\b", line, re.I) for words in _ORG_RANKS) or bool(
        _CONTINUATION.match(line)
    )


def title_case(text: str) -> str:
    """ "EMBASSY OF PAKISTAN" -> "Embassy of Pakistan"; mixed-case text is left as written."""
    if not text.isupper():
        return text
    words = text.lower().split()
    return " ".join(
        w if i and w in _SMALL_WORDS else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
        for i, w in enumerate(words)
    )


def signatory(blocks: Blocks) -> tuple[str | None, str | None]:
    """(name, title) from the signature blocks: the name is one of the first two lines, maybe
    after a rank ("Ambassador ..."); every other line is the title."""
    lines = [line for block in _texts(blocks, "signature") for line in block]
    signature = [_SIGNED.sub("", line).strip(" ,") for line in lines if not _scribble(line)]
    for i, line in enumerate(signature[:2]):
        rank, name = split_rank(line.strip("()[] ,"))
        if is_person_name(name):
            rest = [rank, *signature[:i], *signature[i + 1 :]]
            return title_case(name), ", ".join(r for r in rest if r) or None
    return None, ", ".join(signature) or None


def _scribble(line: str) -> bool:
    """A drawn signature as OCR reads it ("SR ee es"): short words only, none a name or title."""
    words = re.findall(r"\w+", line)
    short = bool(words) and len(words) <= 4 and all(len(w) <= 2 for w in words)
    honorific = len(words) == 1 and cues.HONORIFIC.match(line)  # "Dr." alone, "H.E."
    return short and not honorific and not _RANK.match(line + " ")


def split_rank(line: str) -> tuple[str, str]:
    """ "Ambassador Jane Doe" -> ("Ambassador", "Jane Doe")."""
    match = _RANK.match(line)
    return (match.group(0).strip(), line[match.end() :]) if match else ("", line)


def is_person_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or re.search(r"\d|@|:", line) or _TITLE_WORDS.match(line):
        return False
    if cues.ORGANISATION.search(line) or _UNIT.search(line):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


_BARE_HONORIFIC = re.compile(
    r"^(?:exm[oa]\.?\s+)?(?:monsieur|madame|señor[a]?|sr[a]?\.?|senhor[a]?|sir|madam|herrn?|"
    r"frau|his excellency|her excellency|son excellence|exm[oa]\.?)[\s,.]*$",
    re.I,
)


def recipient(blocks: Blocks) -> str | None:
    for lines in _texts(blocks, "address"):
        first = re.sub(r"^(?:attention|attn|to)\s*:\s*", "", lines[0], flags=re.I)
        if _BARE_HONORIFIC.match(first) and len(lines) > 1:  # "Monsieur" / "Stephen D. Goose"
            first = lines[1]
        return first.strip(" ,.")
    return _compliments(blocks, "recipient")


def reference(blocks: Blocks) -> str | None:
    """Our reference as printed: "No.Pol.9/4/09", "N° 1187/DAS/DC", "CPD/CM/031/09". In the
    letterhead only a labelled one ("Our ref: ..."): "No. 12" there is a street number."""
    for kind, lines in blocks:
        if kind in ("reference", "date", "subject", "letterhead"):
            parts = [part.strip() for line in lines for part in line.split("|")]
            found = (_reference_in(part, labelled_only=kind == "letterhead") for part in parts)
            if value := next(filter(None, found), None):
                return value
    return None


def _reference_in(part: str, labelled_only: bool = False) -> str | None:
    if _THEIR_REF.match(part) or not re.search(r"\d", part) or len(part) > 60:
        return None
    unlabelled = _NUMBER_REF.match(part) or cues.is_reference((part,)) and " " not in part
    if unlabelled and not labelled_only:
        return part.strip("\"'")
    labelled = _OUR_REF.match(part)
    if labelled and not _THEIR_REF.match(labelled.group("value")):
        return labelled.group("value").strip(" \"'")
    return None


def letter_state(blocks: Blocks) -> str | None:
    letterhead = [" ".join(lines) for lines in _texts(blocks, "letterhead")]
    signature = [" ".join(lines) for lines in _texts(blocks, "signature")]
    dates = [" ".join(lines) for lines in _texts(blocks, "date")]
    compliments = [s for s in [_compliments(blocks, "sender")] if s]
    found = find_state(letterhead + compliments + signature, letterhead + dates + signature)
    return found or _most_named(" ".join(" ".join(lines) for lines in _texts(blocks, BODY)))


def _most_named(text: str) -> str | None:
    """A letter without letterhead speaks of its own state more than of any other."""
    named = Counter(states_named(text))
    return named.most_common(1)[0][0] if named else None
