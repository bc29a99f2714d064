"""The pure parts of letter management: safe names, archive checks, manifest edits, the token
check, warnings and the escaped preview."""

from __future__ import annotations

import io
import zipfile

import pytest

from ingest import Letter, Paragraph
from ui.admin_api import NO_TOKEN, WRONG_TOKEN, bearer_problem, is_admin_path, token_matches
from ui.admin_login import Sessions
from ui.admin_view import letter_preview, letter_warnings, preview_html
from ui.manifest_rows import read_rows, renamed, rows_text, with_fields, without_file
from ui.uploads import (
    Receiver,
    UploadLimits,
    archive_refusal,
    safe_name,
    unsafe_member,
    unsupported_reason,
)

TOKEN = "a-long-admin-token-for-tests"


@pytest.mark.parametrize("sent, kept", [
    ("letter.PDF", "letter.pdf"), ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\me\\lettre été.docx", "lettre été.docx"), (".hidden.txt", "hidden.txt"),
    ("", "upload"), ("a\x00b<script>.txt", "ab_script_.txt"),
    ("x" * 300 + ".txt", "x" * 116 + ".txt"),
])  # fmt: skip
def test_safe_name_keeps_the_last_part_and_nothing_that_escapes_or_hides(sent, kept):
    assert safe_name(sent) == kept


@pytest.mark.parametrize("name, unsafe", [
    ("../../x.txt", True), ("a/../../x.txt", True), ("/etc/x.txt", True), ("..\\x.txt", True),
    ("C:/x.txt", True), ("letters/a.txt", False), ("a..b.txt", False),
])  # fmt: skip
def test_unsafe_archive_names(name, unsafe):
    assert unsafe_member(name) is unsafe


def test_unsupported_types_name_what_is_supported():
    assert unsupported_reason("a.txt") is None
    assert ".docx" in unsupported_reason("a.exe") and "no extension" in unsupported_reason("README")
    assert "inside a .zip" in unsupported_reason("inner.zip")


def members(**sizes) -> list[zipfile.ZipInfo]:
    found = []
    for name, size in sizes.items():
        info = zipfile.ZipInfo(name.replace("_", "/"))
        info.file_size = size
        found.append(info)
    return found


def test_archive_refusal_counts_files_and_unpacked_bytes_before_unpacking():
    limits = UploadLimits(zip_files=2, zip_unpacked_bytes=100)
    assert archive_refusal(members(a=10, b=10), limits) is None
    assert "more than 2" in archive_refusal(members(a=1, b=1, c=1), limits)
    assert "zip bomb" in archive_refusal(members(a=60, b=60), limits)
    assert "unsafe name" in archive_refusal([zipfile.ZipInfo("../x.txt")], limits)
    assert "empty" in archive_refusal([], limits)


def test_the_receiver_stops_reading_at_the_limit(tmp_path):
    receiver = Receiver(tmp_path, UploadLimits(file_bytes=10, batch_bytes=15))
    receiver.add("a.txt", io.BytesIO(b"x" * 11))
    receiver.add("b.txt", io.BytesIO(b"x" * 10))
    receiver.add("c.txt", io.BytesIO(b"x" * 10))
    assert [r.name for r in receiver.received] == ["b.txt"]
    reasons = {r.name: r.reason for r in receiver.refused}
    assert "limit for one file" in reasons["a.txt"] and "several uploads" in reasons["c.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [receiver.received[0].path.name]


def test_a_zip_member_lying_about_its_size_is_cut_off(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", b"y" * 50)
    receiver = Receiver(tmp_path, UploadLimits(file_bytes=20))
    receiver.add("a.zip", io.BytesIO(out.getvalue()))
    assert receiver.received == [] and "too large" in receiver.refused[0].reason


def test_manifest_edits_keep_other_rows_and_validate(tmp_path):
    rows = [{"file": "a.txt", "letter_index": "", "state": "Chile"}]
    rows = with_fields(rows, "b.txt", 1, {"date": "2009-02-16"})
    rows = with_fields(rows, "b.txt", 1, {"sender": "MFA"})
    assert rows[1] == {"file": "b.txt", "letter_index": 1, "date": "2009-02-16", "sender": "MFA"}
    assert [r["file"] for r in renamed(rows, "b.txt", "b.pdf")] == ["a.txt", "b.pdf"]
    assert without_file(rows, "a.txt") == rows[1:]
    for name in ("letters.yaml", "letters.csv"):
        path = tmp_path / name
        path.write_text(rows_text(path, rows), encoding="utf-8")
        assert [(r["file"], str(r.get("sender") or "")) for r in read_rows(path)] == [
            ("a.txt", ""), ("b.txt", "MFA")
        ]
    with pytest.raises(ValueError, match="not a date"):
        rows_text(tmp_path / "letters.yaml", with_fields(rows, "c.txt", 0, {"date": "soon"}))


def test_bearer_check():
    assert bearer_problem(None, TOKEN) == (401, NO_TOKEN)
    assert bearer_problem(f"Basic {TOKEN}", TOKEN) == (401, NO_TOKEN)
    assert bearer_problem(f"Bearer {TOKEN}x", TOKEN) == (403, WRONG_TOKEN)
    assert bearer_problem(f"bearer  {TOKEN}", TOKEN) is None
    assert token_matches("é", "é") and not token_matches("e", "é")
    assert TOKEN not in NO_TOKEN + WRONG_TOKEN


@pytest.mark.parametrize("path", [
    "/api/admin", "/api/admin/letters", "//api/admin/letters", "/api/./admin/letters",
    "/api/x/../admin/letters/1", "/API/Admin/letters",
])  # fmt: skip
def test_every_spelling_of_an_admin_path_is_checked(path):
    assert is_admin_path(path)


def test_other_paths_are_not_admin_paths():
    assert not any(is_admin_path(p) for p in ("/api/ask", "/api/administer", "/admin", "/"))


def test_sessions_expire_and_close():
    sessions = Sessions(seconds=60)
    session = sessions.open()
    assert sessions.valid(session) and not sessions.valid("guess") and not sessions.valid(None)
    sessions.close(session)
    assert not sessions.valid(session)
    assert not Sessions(seconds=-1).valid(Sessions(seconds=-1).open())


def letter(text: str = "1. Chile signed.", ocr: bool = False, **fields) -> Letter:
    paragraph = Paragraph("p", 1, "body", "1", text, 0, len(text), ocr=ocr)
    return Letter("l", "uploads/a.txt", 0, "s", "txt", paragraphs=(paragraph,), **fields)


def test_warnings_name_what_is_missing_and_ocr():
    assert letter_warnings(letter(state="Chile", date="2009-01-01", sender="MFA",
                                  signatory="A. B.")) == []  # fmt: skip
    warnings = letter_warnings(letter(ocr=True))
    assert "no date found" in warnings and "no state found" in warnings
    assert any(w.startswith("scanned, OCR used") for w in warnings)


def test_the_preview_escapes_what_the_letter_and_the_names_hold():
    payload = '<img src=x onerror="window.__xss=1"><script>alert(1)</script>'
    shown = letter_preview(letter(text=payload, state=payload), {"sender": payload})
    preview = {"files": [{"file": "uploads/<b>.txt", "origin": "<b>.txt", "letters": [shown],
                          "replaces": None}],
               "refused": [{"name": "<i>x</i>.exe", "reason": payload}]}  # fmt: skip
    html = preview_html(preview)
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in html
    assert "✎" in html  # the corrected sender is marked
