"""Citations carry what ingest knew about where a paragraph sits: a table row's column labels
and, for a letter attached to an e-mail, the e-mail it came with (real model, real Chroma)."""

from __future__ import annotations

import docx
import numpy as np
import pytest

from index import LetterIndex, make_client
from rag import Pipeline
from tests.conftest import reply_email


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory, embedder):
    letters = tmp_path_factory.mktemp("letters")
    (letters / "mail.eml").write_bytes(bytes(reply_email()))
    document = docx.Document()
    for text in (
        "EMBASSY OF CHILE",
        "16 February 2009",
        "Dear Mr Goose,",
        "Chile's treaty status on landmines is set out in the table below.",
    ):
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate(
        [
            ["Treaty", "Signed", "Ratified"],
            ["Mine Ban Treaty", "3 December 1997", "10 September 2001"],
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("Yours sincerely,")
    document.save(letters / "chile.docx")
    index = LetterIndex(
        make_client(tmp_path_factory.mktemp("index")), embedder, collection="provenance"
    )
    index.sync(letters)
    return Pipeline(index).warm_up()


def shown(answer):
    return answer.citations + answer.retrieved


def test_a_cited_attachment_names_the_email_in_its_footnote(pipeline):
    answer = pipeline.ask("Has Portugal ratified the Convention on Cluster Munitions?")
    (cited,) = [c for c in answer.citations if "ratificou" in c.text]
    assert cited.provenance.startswith("resposta.docx, attached to the e-mail of 2010-03-09")
    assert cited.footnote.endswith(
        "attached to the e-mail of 2010-03-09 from Ana Costa <ana@mne.example> (mail.eml)."
    )
    assert cited.to_dict()["provenance"] == cited.provenance


def test_a_table_row_comes_with_its_column_labels(pipeline):
    answer = pipeline.ask("When did Chile ratify the Mine Ban Treaty?")
    rows = [c for c in shown(answer) if c.kind == "table_row" and "10 September 2001" in c.text]
    assert rows and rows[0].labels == ("Treaty", "Signed", "Ratified")
    assert rows[0].to_dict()["labels"] == ["Treaty", "Signed", "Ratified"]
    assert all(c.provenance is None for c in shown(answer) if c.file == "chile.docx")


def test_a_labelled_rows_sentence_vector_is_its_own_texts(pipeline, embedder):
    """A row is embedded with its labels, so its text is no suffix of what the model read:
    the stored sentence vector must still be the row's own sentence, not a shifted slice."""
    index = pipeline.index
    stored = index.sentence_vectors()
    (row,) = [p for p in index.paragraphs() if p.kind == "table_row" and "2001" in p.text]
    rows = [i for i, owner in enumerate(stored.owners) if owner == row.id]
    texts = [row.text[s:e] for s, e in (stored.spans[i] for i in rows)]
    own = np.asarray(embedder.embed_documents(texts))
    assert rows and np.abs(stored.vectors[rows] - own).max() < 2e-3
