"""Monitor-style footnotes from hand-made metadata."""

from rag.footnote import footnote, human_date, recipient_phrase

PAKISTAN_RECIPIENT = (
    "Mr. Stephen D. Goose,\nExecutive Director, Arms Division, Human Rights Watch,\n"
    "Editor, ICBL Landmine Monitor\nCo-chair, Cluster Munitions Coalition\nHuman Rights Watch\n"
    "1630 Connecticut Ave NW # 500\nWASHINGTON DC 20009, USA."
)


def test_the_pakistan_ministry_footnote():
    text = footnote(
        signatory="(Dr. Irfan Yusuf Shami)",
        signatory_title="Director General (Disarmament)\nMinistry of Foreign Affairs, Pakistan",
        sender="Ministry of Foreign Affairs, Islamabad",
        state="Pakistan",
        recipient=PAKISTAN_RECIPIENT,
        date="2009-02-16",
        number="4",
        ordinal=7,
    )
    assert text == (
        "Letter from Dr. Irfan Yusuf Shami, Director General (Disarmament), Ministry of Foreign "
        "Affairs, Pakistan, to Stephen D. Goose, Human Rights Watch, 16 February 2009, para. 4."
    )


def test_state_is_added_when_the_sender_does_not_name_it():
    text = footnote(
        signatory="Philippe Darmont",
        sender="Ministère des Affaires étrangères",
        state="France",
        date="2009-10-14",
        number="5.",
    )
    assert text == (
        "Letter from Philippe Darmont, Ministère des Affaires étrangères, France, "
        "14 October 2009, para. 5."
    )


def test_unsigned_note_and_unnumbered_paragraph():
    text = footnote(sender="Embassy of Lebanon", state="Lebanon", date="2009-12-18", ordinal=3)
    assert text == "Letter from the Embassy of Lebanon, 18 December 2009, unnumbered paragraph 3."


def test_nothing_known():
    assert footnote() == "Letter, unnumbered paragraph."


def test_recipient_is_name_and_first_organisation():
    assert recipient_phrase(PAKISTAN_RECIPIENT) == "Stephen D. Goose, Human Rights Watch"
    assert recipient_phrase("Monsieur Jean Dupont") == "Jean Dupont"
    assert recipient_phrase(None) == ""


def test_human_dates():
    assert human_date("2011-06-08") == "8 June 2011"
    assert human_date("2009") == "2009"
    assert human_date(None) is None


def test_an_attachment_footnote_names_the_email_it_came_with():
    text = footnote(
        signatory="João Silva", state="Portugal", date="2010-03-03", number="2",
        provenance="resposta.docx, attached to the e-mail of 2010-03-09 from Ana Costa (mail.eml)",
    )  # fmt: skip
    assert text == (
        "Letter from João Silva, Portugal, 3 March 2010, para. 2, resposta.docx, attached to the "
        "e-mail of 2010-03-09 from Ana Costa (mail.eml)."
    )
