"""Chroma metadata of a paragraph: scalars only, no None, and read back unchanged."""

from __future__ import annotations

from dataclasses import replace

from index.records import (
    embedding_text,
    from_record,
    labelled,
    stored_paragraph_id,
    to_metadata,
    version_key,
)
from ingest.model import Letter, Paragraph, Provenance

REQUIRED = {
    "state", "date", "year", "sender", "signatory", "signatory_title", "recipient", "reference",
    "language", "kind", "number", "ordinal", "file", "letter_id", "letter_index", "page", "ocr",
    "start", "end", "format", "sha256",
}  # fmt: skip


def make_letter(**overrides) -> Letter:
    paragraph = Paragraph(
        id="abc-1-3", ordinal=3, kind="body", number="4", text="Pakistan does not support",
        start=10, end=35, page=2, ocr=True,
    )  # fmt: skip
    fields = dict(
        id="abc-1", file="sub/pakistan.txt", index=1, sha256="abc" * 20, format="pdf",
        state="Pakistan", date="2009-02-16", sender="Ministry of Foreign Affairs",
        signatory="Dr. Irfan Yusuf Shami", signatory_title="Director General",
        recipient="Stephen Goose", reference="No.Pol.9/4/09", language="en",
        paragraphs=(paragraph,),
    )  # fmt: skip
    return Letter(**(fields | overrides))


def test_metadata_has_every_field_as_a_scalar():
    letter = make_letter()
    metadata = to_metadata(letter, letter.paragraphs[0], "v1")
    assert set(metadata) >= REQUIRED
    assert all(isinstance(value, str | int | float | bool) for value in metadata.values())
    assert metadata["year"] == 2009 and metadata["ocr"] is True and metadata["page"] == 2


def test_unknown_values_are_stored_as_blank_and_read_back_as_none():
    letter = make_letter(state=None, date=None, sender=None, signatory=None, reference=None)
    paragraph = Paragraph("abc-1-1", 1, "closing", None, "Yours sincerely,", 0, 16)
    metadata = to_metadata(letter, paragraph, "v1")
    assert None not in metadata.values()
    assert metadata["year"] == -1 and metadata["page"] == -1 and metadata["number"] == ""
    back = from_record("id", paragraph.text, metadata)
    assert (back.state, back.date, back.year, back.page, back.number) == (None,) * 5
    assert back.kind == "closing" and back.text == "Yours sincerely,"


def test_record_read_back_equals_the_letter_and_paragraph():
    letter = make_letter()
    paragraph = letter.paragraphs[0]
    version = version_key(letter.file, letter.sha256)
    pid = stored_paragraph_id(paragraph, version)
    back = from_record(pid, paragraph.text, to_metadata(letter, paragraph, version))
    assert back.id == pid and back.id.startswith(paragraph.id)
    assert (back.file, back.letter_index, back.state, back.date, back.year) == (
        letter.file, 1, "Pakistan", "2009-02-16", 2009,
    )  # fmt: skip
    assert (back.number, back.ordinal, back.page, back.ocr, back.start, back.end) == (
        "4", 3, 2, True, 10, 35,
    )  # fmt: skip
    assert back.signatory_title == "Director General" and back.format == "pdf"


def test_table_labels_and_email_provenance_are_stored_and_read_back():
    row = Paragraph(
        "abc-1-4", 4, "table_row", None, "Mine Ban Treaty | 1997", 40, 62,
        labels=("Treaty", "Notes see | annex"),
    )  # fmt: skip
    mail = Provenance("mail.eml", "reply.docx", "Ana Costa", "2010-03-09")
    letter = make_letter(provenance=mail)
    back = from_record("id", row.text, to_metadata(letter, row, "v1"))
    assert back.labels == ("Treaty", "Notes see | annex")
    assert back.provenance == mail.describe() and "attached to the e-mail of" in back.provenance
    plain = from_record("id", "x", to_metadata(make_letter(), make_letter().paragraphs[0], "v1"))
    assert (plain.labels, plain.provenance) == ((), None)


def test_embedded_text_carries_state_and_sender_but_the_document_stays_plain():
    letter = make_letter()
    paragraph = letter.paragraphs[0]
    assert embedding_text(letter, paragraph) == (
        "Pakistan (Ministry of Foreign Affairs): Pakistan does not support"
    )
    assert embedding_text(make_letter(state=None, sender=None), paragraph) == paragraph.text


def test_changing_what_is_embedded_changes_every_version(monkeypatch):
    before = version_key("a.txt", "sha")
    monkeypatch.setattr("index.records.EMBEDDING_SCHEME", "another-scheme")
    assert version_key("a.txt", "sha") != before


def test_a_table_row_is_ranked_with_its_column_labels():
    row = "Convención sobre Municiones en Racimo | 3 de diciembre de 2008 | 6 de mayo de 2009"
    labels = ("Instrumento", "Firma", "Depósito del instrumento de ratificación")
    assert labelled(row, labels) == (
        "Instrumento: Convención sobre Municiones en Racimo | Firma: 3 de diciembre de 2008 | "
        "Depósito del instrumento de ratificación: 6 de mayo de 2009"
    )
    assert labelled("A paragraph | with a bar", ()) == "A paragraph | with a bar"
    letter = make_letter()
    paragraph = replace(letter.paragraphs[0], kind="table_row", text=row, labels=labels)
    stored = from_record("p", row, to_metadata(letter, paragraph, "v1"))
    assert stored.labels == labels and stored.text == row  # the cited text stays the row
    assert "Firma: 3 de diciembre de 2008" in embedding_text(letter, paragraph)
