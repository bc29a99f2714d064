"""Rebuild tests/fixtures/chile-2011.doc: python-docx writes the letter (paragraphs and a
table), LibreOffice converts it to Word 97 (.doc). Run once by hand where LibreOffice is
installed (`apt-get install libreoffice-writer-nogui`); the suite only reads the result, so
neither CI nor `make setup` needs LibreOffice.

    .venv/bin/python scripts/make_doc_fixture.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "chile-2011.doc"
PARAGRAPHS = [
    "MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF CHILE",
    "Santiago, 14 June 2011",
    "Dear Mr Goose,",
    "The Government of Chile ratified the Convention on Cluster Munitions on 16 December 2010 "
    "and has destroyed its stockpile of cluster munitions.",
    "The table below gives the status of the instruments to which Chile is a party.",
]
TABLE = [
    ["Instrument", "Signed", "Ratified"],
    ["Convention on Cluster Munitions", "3 December 2008", "16 December 2010"],
    ["Mine Ban Treaty", "3 December 1997", "10 September 2001"],
]
CLOSING = ["Yours sincerely,", "Alfredo Moreno", "Minister of Foreign Affairs"]


def write_docx(path: Path) -> None:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in CLOSING:
        document.add_paragraph(text)
    document.save(path)


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / FIXTURE.with_suffix(".docx").name
        write_docx(source)
        command = [soffice, "--headless", "--convert-to", "doc:MS Word 97", str(source)]
        subprocess.run([*command, "--outdir", folder], check=True, capture_output=True)
        shutil.copyfile(source.with_suffix(".doc"), FIXTURE)
    print(f"wrote {FIXTURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
