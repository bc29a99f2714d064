"""Monitor-style footnotes and human dates, built from paragraph metadata only (pure)."""

from __future__ import annotations

import re
from datetime import date as Date
from functools import lru_cache

from rag.states import canonical_state, fold, state_names

HONORIFICS = re.compile(
    r"^(?:mr|mrs|ms|miss|m|mme|monsieur|madame|sr|sra|señor|señora|h\.?e)\.?\s+", re.I
)
ORGANISATION = re.compile(
    r"\b(?:watch|coalition|campaign|committee|organi[sz]ation|institute|monitor|"
    r"association|foundation|red cross|nations|ministry|department|office|embassy|"
    r"mission|cent(?:re|er)|society|council|agency|league|federation|university|"
    r"ngo|icbl|international)\b",
    re.I,
)
INSTITUTION = re.compile(
    r"(?:embassy|ministry|permanent|department|office|federal|mission|foreign)\b", re.I
)
TITLE_START = re.compile(
    r"^(?:editor|director|executive|co-?chair|chair|head|deputy|president|"
    r"secretary|coordinator|manager|directeur|directrice|director)\b",
    re.I,
)


def human_date(iso: str | None) -> str | None:
    """'2009-02-16' -> '16 February 2009'; a partial or odd date is returned as it is."""
    if not iso:
        return None
    try:
        day = Date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def parts(text: str | None) -> list[str]:
    """A metadata value split into its lines and comma-separated pieces."""
    if not text:
        return []
    pieces = [p.strip(" ;") for p in re.split(r"[\n,]+", text)]
    return [unwrap(p) for p in pieces if unwrap(p)]


def unwrap(piece: str) -> str:
    """'(Dr. X)' -> 'Dr. X': signatures are often typed in brackets."""
    if piece.startswith("(") and piece.endswith(")") and piece.count("(") == 1:
        piece = piece[1:-1]
    return piece.strip(" ;")


def sender_parts(sender: str | None) -> list[str]:
    """'Ministry of Foreign Affairs (Islamabad)' -> ['Ministry of Foreign Affairs', 'Islamabad']."""
    found = []
    for piece in parts(sender):
        place = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", piece)
        found += [place.group(1), place.group(2)] if place else [piece]
    return found


@lru_cache(maxsize=512)  # every citation asks it; the table of names is fixed
def capitals_of(state: str | None) -> frozenset[str]:
    return frozenset(fold(n.text) for n in state_names() if n.state == state and n.how == "capital")


def sender_phrase(
    signatory: str | None, title: str | None, sender: str | None, state: str | None
) -> str:
    """'Dr. X, Director General (Disarmament), Ministry of Foreign Affairs, Pakistan'."""
    pieces: list[str] = []
    canonical = canonical_state(state)
    for piece in parts(signatory)[:1] + parts(title) + sender_parts(sender):
        folded = fold(piece)
        if folded in capitals_of(canonical) or any(folded in fold(p) for p in pieces):
            continue
        pieces.append(piece)
    if state and not any(canonical_state(p) == canonical or fold(state) in fold(p) for p in pieces):
        pieces.append(state)
    return ", ".join(pieces)


def recipient_phrase(recipient: str | None, address: str | None = None) -> str:
    """'Mr. Stephen D. Goose' and his address block -> 'Stephen D. Goose, Human Rights Watch':
    the name and the first organisation (the address block is used when it names the recipient).
    """
    pieces = [p.rstrip(".") for p in parts(recipient) if not re.search(r"\d", p)]
    block = [p.rstrip(".") for p in parts(address) if not re.search(r"\d", p)]
    if block and (not pieces or fold(HONORIFICS.sub("", pieces[0])) in fold(block[0])):
        pieces = block
    if not pieces:
        return ""
    name = HONORIFICS.sub("", pieces[0])
    organisation = next(
        (p for p in pieces[1:] if ORGANISATION.search(p) and not TITLE_START.match(p)), None
    )
    return f"{name}, {organisation}" if organisation and organisation != name else name


def paragraph_label(number: str | None, ordinal: int | None) -> str:
    if number:
        return f"para. {number.strip('.')}"
    return f"unnumbered paragraph {ordinal}" if ordinal else "unnumbered paragraph"


def footnote(
    *,
    signatory=None,
    signatory_title=None,
    sender=None,
    state=None,
    recipient=None,
    date=None,
    number=None,
    ordinal=None,
    address=None,
    provenance=None,
) -> str:
    """A Monitor-style footnote: 'Letter from <who>, to <whom>, <date>, para. <n>.', then where
    an attachment came from ('x.docx, attached to the e-mail of … (mail.eml)')."""
    who = sender_phrase(signatory, signatory_title, sender, state)
    if who and not signatory and INSTITUTION.match(who):
        who = "the " + who
    text = f"Letter from {who}" if who else "Letter"
    to = recipient_phrase(recipient, address)
    if to:
        text += f", to {to}"
    fields = [human_date(date), paragraph_label(number, ordinal), provenance]
    return ", ".join([text, *[f for f in fields if f]]) + "."


def paragraph_footnote(paragraph, address: str | None = None) -> str:
    """The footnote of an IndexedParagraph (or anything with its metadata fields); ADDRESS is
    the text of its letter's address block, if any."""
    return footnote(
        signatory=paragraph.signatory,
        signatory_title=paragraph.signatory_title,
        sender=paragraph.sender,
        state=paragraph.state,
        recipient=paragraph.recipient,
        date=paragraph.date,
        number=paragraph.number,
        ordinal=paragraph.ordinal,
        address=address,
        provenance=paragraph.provenance,
    )
