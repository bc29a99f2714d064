"""Segmentation, kinds and metadata on letters written the way other states write them
(Spanish, French note verbale, letters pasted together), and the manifest override."""

from __future__ import annotations

import json

from ingest import load_manifest, parse_folder
from ingest.assemble import build_letters
from ingest.extracted import ExtractedText

MEXICO = """MISIÓN PERMANENTE DE MÉXICO
ANTE LAS NACIONES UNIDAS Y OTROS ORGANISMOS INTERNACIONALES
GINEBRA

OGE-01234

Ginebra, 16 de febrero de 2009

Señor Stephen D. Goose
Director Ejecutivo, División de Armas
Human Rights Watch

Estimado señor Goose:

Tengo el agrado de dirigirme a usted en relación con su carta del 30 de enero de 2009, en la
que solicita información sobre la política de México en materia de municiones en racimo.

1. México firmó la Convención sobre Municiones en Racimo en Oslo el 3 de diciembre de 2008 y
la ratificó el 6 de mayo de 2009. México nunca ha producido ni utilizado estas armas.

2. El Gobierno de México considera que la Convención establece una norma humanitaria que
debe ser universal, y alienta a todos los Estados a adherirse a ella.

Sin otro particular, aprovecho la ocasión para reiterarle las seguridades de mi consideración
más distinguida.

Atentamente,

Embajador Juan José Gómez Camacho
Representante Permanente
"""

SENEGAL = """AMBASSADE DE LA RÉPUBLIQUE DU SÉNÉGAL
À WASHINGTON

N° 0123/AS/W

NOTE VERBALE

L'Ambassade de la République du Sénégal à Washington présente ses compliments à Human Rights
Watch et, se référant à sa lettre du 30 janvier 2009, a l'honneur de lui communiquer ce qui suit.

1. Le Sénégal a signé la Convention sur les armes à sous-munitions à Oslo le 3 décembre 2008.
La procédure de ratifi-
cation est en cours devant l'Assemblée nationale.

2. Le Sénégal n'a jamais produit, utilisé ni stocké d'armes à sous-munitions.

L'Ambassade de la République du Sénégal saisit cette occasion pour renouveler à Human Rights
Watch les assurances de sa haute considération.

Washington, le 1er mars 2009
"""

KENYA = """EMBASSY OF THE REPUBLIC OF KENYA
2249 R Street, N.W.
Washington, D.C. 20008

Ref: KE/POL/12/09

5th March 2009

Dear Mr. Goose,

Kenya signed the Convention on Cluster Munitions in Oslo on 3 December 2008 and is now
preparing the legislation needed to ratify it, as the attached letter explains.

Yours sincerely,

Peter Ogego
Ambassador

MINISTRY OF FOREIGN AFFAIRS
REPUBLIC OF KENYA
Nairobi

2 March 2009

Dear Mr. Goose,

(a) Kenya took part in the Oslo Process from its beginning and hosted a regional meeting
in Nairobi in 2008.

(b) Kenya has never produced or used cluster munitions and holds no stockpile of them.

Yours faithfully,

Jane Wanjiru
Director, Multilateral Affairs
"""


def letters_of(text: str):
    return build_letters(ExtractedText(text, "txt"), "letter.txt", "f" * 64)


def kinds(letter) -> list[str]:
    return [p.kind for p in letter.paragraphs]


def test_spanish_letter_metadata():
    (letter,) = letters_of(MEXICO)
    assert letter.language == "es" and letter.state == "Mexico" and letter.date == "2009-02-16"
    assert letter.sender.startswith("Misión Permanente de México ante las Naciones Unidas")
    assert letter.signatory == "Juan José Gómez Camacho"
    assert letter.signatory_title == "Embajador, Representante Permanente"
    assert letter.reference == "OGE-01234"
    assert kinds(letter) == [
        "letterhead", "reference", "date", "address", "salutation",
        "body", "body", "body", "closing", "closing", "signature",
    ]  # fmt: skip


def test_french_note_verbale_without_signature():
    (letter,) = letters_of(SENEGAL)
    assert (letter.language, letter.state, letter.date) == ("fr", "Senegal", "2009-03-01")
    assert letter.signatory is None and letter.recipient == "Human Rights Watch"
    assert letter.reference == "N° 0123/AS/W"
    assert kinds(letter)[-2:] == ["closing", "date"]
    first = next(p for p in letter.paragraphs if p.number == "1")
    assert "La procédure de ratification est en cours" in first.text


def test_second_salutation_after_a_closing_starts_a_new_letter():
    cover, attached = letters_of(KENYA)
    assert (cover.date, attached.date) == ("2009-03-05", "2009-03-02")
    assert cover.signatory == "Peter Ogego" and attached.signatory == "Jane Wanjiru"
    assert attached.paragraphs[0].text.startswith("MINISTRY OF FOREIGN AFFAIRS")
    assert attached.sender == "Ministry of Foreign Affairs (Nairobi)"
    assert [p.number for p in attached.paragraphs if p.kind == "body"] == ["(a)", "(b)"]
    assert {cover.state, attached.state} == {"Kenya"}
    assert cover.reference == "KE/POL/12/09"


def test_a_page_two_header_does_not_start_a_new_letter():
    page_two = "\n\n\f\n\nMr Stephen Goose\n\n12 May 2011\n\n4. Kenya will report on this.\n"
    text = (
        KENYA.split("MINISTRY")[0].replace("Yours sincerely,", "") + page_two + "Yours sincerely,"
    )
    assert len(letters_of(text)) == 1


def test_text_without_letter_structure_is_not_a_letter():
    assert letters_of("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * 10) == ()


def test_manifest_overrides_extracted_fields(tmp_path):
    (tmp_path / "kenya.txt").write_text(KENYA, encoding="utf-8")
    (tmp_path / "mexico.txt").write_text(MEXICO, encoding="utf-8")
    (tmp_path / "letters.csv").write_text(
        "file,letter_index,date,state,sender\n"
        "kenya.txt,1,2009-03-03,,Kenya MFA\n"
        "mexico.txt,,,Estados Unidos Mexicanos,\n",
        encoding="utf-8",
    )
    manifest = load_manifest(tmp_path)
    assert manifest["kenya.txt"] == {"1": {"date": "2009-03-03", "sender": "Kenya MFA"}}
    assert json.loads(json.dumps(manifest)) == manifest
    cover, attached, mexico = parse_folder(tmp_path).letters
    assert (attached.date, attached.sender, attached.state) == ("2009-03-03", "Kenya MFA", "Kenya")
    assert cover.date == "2009-03-05"
    assert mexico.state == "Estados Unidos Mexicanos"


def test_yaml_manifest(tmp_path):
    (tmp_path / "mexico.txt").write_text(MEXICO, encoding="utf-8")
    (tmp_path / "letters.yaml").write_text(
        "- file: mexico.txt\n  letter_index: 0\n  signatory: J. J. Gómez Camacho\n",
        encoding="utf-8",
    )
    (letter,) = parse_folder(tmp_path).letters
    assert letter.signatory == "J. J. Gómez Camacho"


def test_letter_without_letterhead_recipient_first_and_reference_with_date():
    text = (
        "Human Rights Watch\n350 Fifth Avenue, 34th Floor\nNew York, NY 10118\n\n"
        "Our ref: MFA/CM/7\n12 April 2010\n\nDear Sir,\n\n"
        "Ghana signed the Convention on Cluster Munitions in 2008 and Ghana ratified it in "
        "2011, as the Ministry has explained to Parliament.\n\n"
        "Ghana has never produced cluster munitions.\n\nYours faithfully,\n\nKwame Mensah\n"
    )
    (letter,) = letters_of(text)
    assert [p.kind for p in letter.paragraphs][:3] == ["address", "reference", "salutation"]
    assert (letter.date, letter.reference) == ("2010-04-12", "MFA/CM/7")
    assert letter.state == "Ghana" and letter.recipient == "Human Rights Watch"


def test_a_street_number_in_the_letterhead_is_not_a_reference():
    text = "EMBASSY OF MALAYSIA\nNo. 12, Jalan Ampang\n\n3 May 2010\n\nDear Sir,\n\n" + (
        "Malaysia has not signed the Convention on Cluster Munitions but follows its work "
        "closely.\n\nYours sincerely,\n\nAhmad Ismail\n"
    )
    (letter,) = letters_of(text)
    assert letter.reference is None and letter.state == "Malaysia"


def test_an_unsigned_excerpt_with_numbered_paragraphs_is_still_a_letter():
    text = (
        "1. Ecuador signed the Convention on Cluster Munitions in Oslo in December 2008.\n\n"
        "2. Ecuador destroyed its stockpile of cluster munitions in 2010 and keeps none.\n"
    )
    (letter,) = letters_of(text)
    assert letter.state == "Ecuador" and [p.number for p in letter.paragraphs] == ["1", "2"]


def test_short_lines_of_filler_are_not_a_letter():
    assert letters_of("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n" * 40) == ()


def test_hundreds_of_letters_pasted_into_one_file():
    assert len(letters_of("\n\n".join([KENYA] * 300))) == 600


def test_french_title_above_the_signatory_name():
    text = (
        "Royaume de Belgique\nService public fédéral\nAffaires étrangères\n\n"
        "Bruxelles, le 2 avril 2009\n\nRéf. : DGM/D2/2009/123\n\nMonsieur,\n\n"
        "La Belgique a été le premier État à interdire les armes à sous-munitions par une loi "
        "du 8 juin 2006.\n\nVeuillez agréer, Monsieur, l'assurance de ma considération "
        "distinguée.\n\nLe Directeur général\n\nJean Dupont\n"
    )
    (letter,) = letters_of(text)
    assert (letter.state, letter.date, letter.reference) == (
        "Belgium",
        "2009-04-02",
        "DGM/D2/2009/123",
    )
    assert (letter.signatory, letter.signatory_title) == ("Jean Dupont", "Le Directeur général")


def test_a_rule_between_two_pasted_letters_separates_them():
    cover, attached = KENYA.split("MINISTRY OF FOREIGN AFFAIRS\n")
    text = (
        cover.replace("Ambassador\n\n", "Ambassador\n")
        + "* * *\nMINISTRY OF FOREIGN AFFAIRS\n"
        + attached
    )
    letters = letters_of(text)
    assert [letter.signatory for letter in letters] == ["Peter Ogego", "Jane Wanjiru"]
    assert letters[1].paragraphs[0].text.startswith("MINISTRY OF FOREIGN AFFAIRS")


def test_text_with_one_paragraph_a_line_and_no_blank_lines():
    text = "\n".join(
        [
            "EMBASSY OF THE REPUBLIC OF KENYA",
            "5th March 2009",
            "Dear Mr. Goose,",
            "1. Kenya signed the Convention on Cluster Munitions in Oslo on 3 December 2008 and "
            "is now preparing the legislation needed to ratify it, as the Ministry has said.",
            "2. Kenya has never produced or used cluster munitions and holds no stockpile.",
            "Yours sincerely,",
            "Peter Ogego",
        ]
    )
    (letter,) = letters_of(text)
    assert [p.kind for p in letter.paragraphs] == [
        "letterhead", "date", "salutation", "body", "body", "closing", "signature",
    ]  # fmt: skip
    assert letter.signatory == "Peter Ogego" and letter.date == "2009-03-05"


def test_a_short_note_with_salutation_and_closing_is_a_letter():
    text = (
        "EMBASSY OF KENYA\n\n5 March 2009\n\nDear Mr. Goose,\n\n"
        "Please find our reply attached.\n\nYours sincerely,\n\nPeter Ogego\n"
    )
    (letter,) = letters_of(text)
    assert letter.state == "Kenya"


CHILE_NOTE = """EMBAJADA DE CHILE
WASHINGTON, D.C.

Nota N° 045/2009

La Embajada de la República de Chile saluda muy atentamente a Human Rights Watch y tiene el
honor de referirse a su carta del 30 de enero de 2009 sobre las municiones en racimo.

1. Chile firmó la Convención sobre Municiones en Racimo en Oslo el 3 de diciembre de 2008.

2. Chile destruyó la totalidad de sus existencias de municiones en racimo.

La Embajada de la República de Chile hace propicia la oportunidad para reiterar a Human Rights
Watch las seguridades de su más alta consideración.

Washington, D.C., 5 de marzo de 2009
"""


def test_spanish_note_verbale():
    (letter,) = letters_of(CHILE_NOTE)
    assert [p.kind for p in letter.paragraphs] == [
        "letterhead", "reference", "body", "body", "body", "closing", "date",
    ]  # fmt: skip
    assert (letter.state, letter.date, letter.language) == ("Chile", "2009-03-05", "es")
    assert letter.recipient == "Human Rights Watch" and letter.reference == "Nota N° 045/2009"
