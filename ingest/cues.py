"""What a block of a letter looks like: salutation, closing, date line, reference, address...
Pure predicates on text, in English, French, Spanish, Portuguese and German."""

from __future__ import annotations

import re

from ingest.clean import printed_number
from ingest.dates import DATE, find_dates

_I = re.IGNORECASE
SALUTATION = re.compile(
    r"^(?:dear|my dear|your excellency|excellency|sir|madam|gentlemen|to whom it may concern|"
    r"monsieur|madame|mesdames|"
    r"messieurs|cher|chère|excellence|estimad[oa]s?|señor|señora|señores|distinguid[oa]s?|"
    r"excelentísim[oa]|excelent[íi]ssim[oa]|exm[oa]\.?\s+senhor[a]?|muy señor|prezad[oa]s?|"
    r"car[oa]|sehr geehrte[rn]?|liebe[r]?|"
    r"de (?:mi|nuestra) (?:mayor|más alta|más distinguida|consideración))\b",
    _I,
)
CLOSING = re.compile(
    r"^(?:yours(?: very)?(?: sincerely| faithfully| truly)?|sincerely(?: yours)?|"
    r"best(?: wishes| regards)|kind(?:est)? regards|with (?:best|kind|warm) regards|"
    r"(?:warm )?regards|respectfully(?: yours)?|"
    r"very truly yours|cordially|je vous prie|veuillez|recevez|avec (?:mes|l'expression)|"
    r"atentamente|cordialmente|(?:le|les) saluda|reciba|hago propicia|saludos|"
    r"hochachtungsvoll|mit freundlichen|atenciosamente|cordiais saudações|cordialement|"
    r"bien cordialement|salutations|un cordial saludo|respetuosamente|saludo|"
    r"reitero|hago propicia|nous vous prions|veuillez agréer|"
    r"aproveit\w+ (?:a|esta) oportunidade)\b",
    _I,
)
NOTE_CLOSING = re.compile(
    r"avails? (?:itself|myself|ourselves) of (?:this|the) opportunity|"
    r"assurances? of (?:its|his|her|my) (?:highest|high)|"
    r"saisit cette occasion|l'assurance de (?:sa|ma) (?:très )?haute considération|"
    r"aprovech[ao] (?:esta|la) (?:oportunidad|ocasión)|(?:más alta|distinguida) consideración|"
    r"consideración más distinguida|sin otro particular|"
    r"l'expression de (?:ma|mes|sa|notre) .{0,40}(?:considération|salutations)|"
    r"protestos d[ae] (?:sua |minha |nossa )?(?:mais )?(?:alta|elevada) consideração",
    _I,
)
ENCLOSURE = re.compile(
    r"^(?:enclosures?|encl?\.|attachments?|attached:|annex(?:es|e)?\b|pièces? jointes?|p\.\s?j\.|"
    r"anexos?\b|adjunto|anlagen?\b|c\.?c\.?\s*:|c\.\s?c\.\s?p\.|copy to|copie à|"
    r"cop(?:ie|ia|y|ies)\s*:|cópia\s*:)",
    _I,
)
REFERENCE = re.compile(
    r"^(?:our ref(?:erence)?|ref(?:erence)?|réf(?:érence)?|no|n[°º]|nº|nr|núm(?:ero)?|"
    r"n/réf|n/ref|v/ref|your ref(?:erence)?|file|dossier|expediente|aktenzeichen|az|"
    r"nota(?: verbal)?(?: n[°º.o]?)?|note(?: verbale)? no|votre r[ée]f(?:[ée]rence)?|"
    r"su referencia|sua refer[êe]ncia|ref\.?ª|oficio(?: n[úu]m\.?| n[°º])?)"
    r"(?![a-zà-ÿ])\.?\s*[:.]?\s*\S",
    _I,
)
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Z])[A-Z0-9][A-Za-z0-9.]*[-/][A-Za-z0-9./\-]+$")
SUBJECT = re.compile(
    r"^(?:subject|re|objet|object|asunto|assunto|betreff|betr\.|concerne)\s*[:.]", _I
)
HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|messrs|dr|prof|h\.\s?e\.|his excellency|her excellency|s\.\s?e\.|"
    r"son excellence|monsieur|madame|señor|señora|sr|sra|don|doña|herrn?|frau|"
    r"the hon(?:ou?rable|\.)|attention|attn|to)\b\.?",
    _I,
)
_POSTAL = re.compile(
    r"\b(?:avenue|ave?\.|street|st\.|road|rd\.|boulevard|blvd|court|suite|p\.?\s?o\.?\s?box|"
    r"rue|quai|calle|avenida|plaza|straße|strasse|platz)\b|\b[A-Z]{2}\s\d{5}\b|\b\d{5}(?:-\d{4})?$",
    _I,
)
ORGANISATION = re.compile(
    r"\b(?:embassy|ministry|mission|consulate|delegation|foreign affairs|department|office|"
    r"ambassade|minist[eè]re|consulat|délégation|affaires étrangères|embajada|ministerio|"
    r"misión|consulado|relaciones exteriores|cancillería|embaixada|minist[eé]rio|missão|"
    r"botschaft|auswärtiges amt|ministerium|government|gouvernement|gobierno|"
    r"section|division|directorate|bureau|secretariat)\b",
    _I,
)
# The letters' subject, in the languages they come in: weapons, treaties, governments.
SUBJECT_WORDS = re.compile(
    r"\b(?:munitions?|sous-munitions?|municiones|munições|submunitions?|mines?|landmines?|"
    r"minas|antipersonnel|anti-personnel|antipersonal|antipessoal|conventions?|convención|"
    r"convenção|treaty|traité|tratado|weapons?|armes?|armas|disarmament|désarmement|desarme|"
    r"desarmamento|stockpiles?|stocks?|ratif\w*|government|gouvernement|gobierno|governo|"
    r"ministry|ministère|ministerio|ministério|embassy|ambassade|embajada|embaixada|"
    r"mission|misión|missão|clearance|déminage|desminado|desminagem|victims?|victimes|víctimas|"
    r"vítimas|ccw|ccm|oslo)\b",
    _I,
)
_SENTENCE_END = re.compile(r"[.!?][\"”')]?$")


def is_salutation(lines: tuple[str, ...]) -> bool:
    """ "Dear Mr. Goose,", "Monsieur le Directeur,", "Estimado señor:"; not an address block
    that starts with "Señor" or "Monsieur"."""
    text = " ".join(lines)
    if len(lines) > 2 or len(text) > 90 or not SALUTATION.match(text):
        return False
    return text.rstrip().endswith((",", ":", ";", "!")) or text.lower().startswith(
        ("dear", "my dear")
    )


def is_closing(lines: tuple[str, ...]) -> bool:
    text = " ".join(lines)
    if CLOSING.match(text) and len(text) <= 300:
        return True
    return bool(NOTE_CLOSING.search(text)) and len(text) <= 600


def is_enclosure(lines: tuple[str, ...]) -> bool:
    return len(lines) <= 3 and bool(ENCLOSURE.match(lines[0]))


def is_reference(lines: tuple[str, ...]) -> bool:
    first = lines[0]
    if len(lines) > 2 or len(first) > 140:
        return False
    return bool(REFERENCE.match(first) and re.search(r"\d", first)) or bool(_CODE.match(first))


def is_subject(lines: tuple[str, ...]) -> bool:
    return bool(SUBJECT.match(lines[0]))


# A reference line that quotes the date of another letter ("Your reference: letter of 3 May").
_REFERENCE_LABEL = re.compile(
    r"^(?:your|votre|vuestra|su|sua|vossa|ihr|our|notre|nuestra|nossa)\s+(?:r[ée]f|letter|lettre|"
    r"carta|schreiben)|^(?:ref(?:erence)?|réf(?:érence)?|n/r[ée]f|v/r[ée]f|su ref)\b|"
    # a web page's own dates: when it was published, not when the letter was written
    r"^(?:published|posted|updated|last (?:updated|modified)|publié|mis à jour|publicado|"
    r"actualizado|atualizado|veröffentlicht)\b",
    _I,
)


def date_in_line(line: str) -> str | None:
    """The ISO date of a date line ("Paris, le 14 octobre 2009", "Date: 2009-06-12"), None when
    the line is a sentence that merely mentions a date or a reference quoting one."""
    dates = find_dates(line)
    if not dates or len(line) > 80 or _REFERENCE_LABEL.match(line.strip()):
        return None
    start, end, iso = dates[-1]
    rest = re.sub(r"[\W\d_]+", " ", line[:start] + " " + line[end:]).split()
    return iso if len(rest) <= 4 and not line[end:].strip(" .,") else None


def is_date_line(lines: tuple[str, ...]) -> bool:
    return len(lines) <= 2 and date_in_line(lines[0]) is not None


def is_address(lines: tuple[str, ...]) -> bool:
    if HONORIFIC.match(lines[0]) and len(lines) >= 2:
        return True
    return any(_POSTAL.search(line) for line in lines) and len(lines) >= 2


def has_postal(lines: tuple[str, ...]) -> bool:
    return any(_POSTAL.search(line) or re.match(r"(?i)attn|attention", line) for line in lines)


def is_prose(lines: tuple[str, ...]) -> bool:
    """A sentence or more of running text (or a printed-number paragraph)."""
    text = " ".join(lines)
    if printed_number(text) and len(text.split()) >= 4:
        return True
    words = text.split()
    if len(lines) >= 2 and sum(map(len, lines)) / len(lines) < 50:
        return False  # a stack of short lines: letterhead, address, signature
    return len(words) >= 12 and bool(_SENTENCE_END.search(text) or len(words) >= 25)


def mentions_date(text: str) -> bool:
    return bool(DATE.search(text))


def on_subject(text: str) -> bool:
    """Two or more words of the letters' subject: a policy text, not a stray page."""
    return len(SUBJECT_WORDS.findall(text)) >= 2


# E-mail header lines, as mail programs print them in English, French, Spanish, Portuguese,
# German and Dutch.
EMAIL_FIELD = re.compile(
    r"^(?:from|sent|to|cc|bcc|subject|date|de|envoyé|à|objet|enviado|para|asunto|assunto|"
    r"fecha|data|von|gesendet|an|betreff|van|verzonden|aan|onderwerp)\s*:",
    _I,
)
EMAIL_FROM = re.compile(r"^(?:from|de|von|van)\s*:", _I)
DISCLAIMER_CUE = re.compile(
    r"intended (?:only )?(?:for|recipient)|not the intended|if you (?:have )?received this|"
    r"notify the sender|confidential|privileged|niet voor u bestemd|afzender|vertrouwelijk|"
    r"destinataire|confidentiel|destinatario|destinatário|confidencial|vertraulich|"
    r"empfänger|disclaimer|aviso legal",
    _I,
)
_DISCLAIMER_OPENING = re.compile(
    r"^(?:this (?:e-?mail|message)|dit (?:e-?mail)?bericht|ce (?:message|courriel)|"
    r"este (?:mensaje|correo)|esta mensagem|diese (?:e-?mail|nachricht)|disclaimer)",
    _I,
)


def is_email_header(lines: tuple[str, ...]) -> bool:
    """ "From: …", "Sent: …", "To: …", "Subject: …" lines: two or more, one of them From."""
    fields = [line for line in lines if EMAIL_FIELD.match(line)]
    return len(fields) >= 2 and any(EMAIL_FROM.match(line) for line in fields)


def is_disclaimer(lines: tuple[str, ...]) -> bool:
    text = " ".join(lines)
    cues_found = len(DISCLAIMER_CUE.findall(text))
    return cues_found >= 2 or (cues_found == 1 and bool(_DISCLAIMER_OPENING.match(text)))


def email_kind(lines: tuple[str, ...]) -> str | None:
    if is_email_header(lines):
        return "email_header"
    return "disclaimer" if is_disclaimer(lines) else None
