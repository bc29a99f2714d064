"""Letter management through /api/admin/* over the real stack (real model, Chroma, Pipeline):
token checks, an upload of each format answered through /api/ask, replace, correct, delete,
every kind of bad upload, a rebuild from the folder, and questions answered during an upload."""

from __future__ import annotations

import io
import shutil
import threading
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont

from ui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "test-admin-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SEED = "What is Pakistan's position on the Oslo process?"


def letter_blocks(state: str, place: str, year: int) -> list[str]:
    """A short letter whose second paragraph holds a fact found nowhere else."""
    return [
        f"MINISTRY OF FOREIGN AFFAIRS\nREPUBLIC OF {state.upper()}",
        f"3 March {year}",
        "Dear Mr. Goose,",
        f"1. {state} signed the Convention on Cluster Munitions in Oslo on 3 December 2008 "
        "and is preparing its ratification.",
        f"2. {state} destroyed the last of its cluster munition stockpile in {year} at the "
        f"{place} demolition range, under the supervision of international observers.",
        "Yours sincerely,",
        "Maria Santos\nDirector of Disarmament",
    ]


def question(state: str) -> str:
    return f"Where did {state} destroy the last of its cluster munition stockpile?"


def as_text(blocks: list[str]) -> str:
    return "\n\n".join(blocks) + "\n"


def as_html(blocks: list[str]) -> str:
    return "<html><body>" + "".join(
        f"<p>{block.replace(chr(10), '<br>')}</p>" for block in blocks
    ) + "</body></html>"  # fmt: skip


def as_pdf(blocks: list[str]) -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    y = 72
    for block in blocks:
        for line in block.split("\n"):
            page.insert_textbox(pymupdf.Rect(72, y, 523, y + 60), line, fontsize=10)
            y += 14 * (1 + len(line) // 85)
        y += 12
    return document.tobytes()


def as_docx(blocks: list[str]) -> bytes:
    document = docx.Document()
    for block in blocks:
        document.add_paragraph(block.replace("\n", " ") if "Maria" not in block else block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_png(blocks: list[str]) -> bytes:
    """The letter as a 200 dpi scan: read back by Tesseract."""
    image = Image.new("RGB", (1700, 2200), "white")
    draw, font, y = ImageDraw.Draw(image), ImageFont.load_default(size=30), 150
    for block in blocks:
        words, line = block.replace("\n", " \n ").split(" "), ""
        for word in [*words, "\n"]:
            if word == "\n" or len(line) + len(word) > 80:
                draw.text((150, y), line.strip(), fill="black", font=font)
                y, line = y + 42, ""
            if word != "\n":
                line += word + " "
        y += 42
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def as_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


FORMATS = {
    "chile.txt": ("Chile", lambda b: as_text(b).encode()),
    "peru.md": ("Peru", lambda b: ("# " + as_text(b)).encode()),
    "kenya.html": ("Kenya", lambda b: as_html(b).encode()),
    "ghana.pdf": ("Ghana", as_pdf),
    "mali.docx": ("Mali", as_docx),
    "nepal-scan.png": ("Nepal", as_png),
    "fiji-letters.zip": ("Fiji", lambda b: as_zip({"fiji/fiji.txt": as_text(b).encode()})),
}
PLACES = {"Chile": "Atacama", "Peru": "Arequipa", "Kenya": "Isiolo", "Ghana": "Bundase",
          "Mali": "Koulikoro", "Nepal": "Chitwan", "Fiji": "Nadi"}  # fmt: skip


def letter_bytes(name: str) -> bytes:
    state, build = FORMATS[name]
    return build(letter_blocks(state, PLACES[state], 2011))


@pytest.fixture(scope="module")
def stack(tmp_path_factory, embedder):
    """The app over a collection folder holding the bundled letters, admin on."""
    from index import LetterIndex, make_client
    from rag import Pipeline
    from ui.server import create_app

    folder = tmp_path_factory.mktemp("admin-collection")
    for source in (ROOT / "data" / "letters").iterdir():
        shutil.copy(source, folder / source.name)
    letter_index = LetterIndex(make_client(tmp_path_factory.mktemp("admin-index")), embedder,
                               "admin-api")  # fmt: skip
    letter_index.sync(folder)
    pipeline = Pipeline(letter_index).warm_up()
    settings = Settings(data_dir=tmp_path_factory.mktemp("admin-data"), letters_dir=folder,
                        admin_token=TOKEN, max_upload_mb=1, max_batch_mb=3, max_zip_files=5,
                        max_zip_uncompressed_mb=2)  # fmt: skip
    with TestClient(create_app(settings, pipeline)) as client:
        yield {"client": client, "folder": folder, "index": letter_index, "settings": settings}


@pytest.fixture
def client(stack) -> TestClient:
    return stack["client"]


def upload(client, *files: tuple[str, bytes], headers=AUTH, **form):
    sent = [("files", (name, data)) for name, data in files]
    return client.post("/api/admin/letters", files=sent, data=form, headers=headers)


def ask(client, text: str) -> dict:
    response = client.post("/api/ask", json={"question": text})
    assert response.status_code == 200, response.text
    return response.json()


def letters_of(client, file: str) -> list[dict]:
    every = client.get("/api/admin/letters", headers=AUTH).json()
    return [s for s in every if s["file"] == file]


# --- the token ---------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", [
    ("get", "/api/admin/letters"), ("post", "/api/admin/letters"),
    ("patch", "/api/admin/letters/x"), ("delete", "/api/admin/letters/x"),
])  # fmt: skip
def test_no_token_is_401_and_a_wrong_one_403(client, method, path):
    none = client.request(method, path)
    assert none.status_code == 401 and "Bearer" in none.json()["message"]
    assert none.headers["www-authenticate"].startswith("Bearer")
    for wrong in (f"Bearer {TOKEN[:-1]}x", f"Bearer {TOKEN}0", "Bearer x", f"Basic {TOKEN}"):
        response = client.request(method, path, headers={"Authorization": wrong})
        assert response.status_code == (401 if wrong.startswith("Basic") else 403)
        assert TOKEN not in response.text


def test_the_right_token_lists_the_letters(client):
    response = client.get("/api/admin/letters", headers=AUTH)
    assert response.status_code == 200
    pakistan = [s for s in response.json() if s["state"] == "Pakistan"]
    assert pakistan and all(s["year"] == 2009 for s in pakistan)
    assert sum(s["paragraphs"] for s in pakistan) > 5


def test_an_unauthenticated_upload_is_refused_before_anything_is_stored(client, stack):
    before = sorted(p.name for p in stack["folder"].rglob("*"))
    response = upload(client, ("chile.txt", letter_bytes("chile.txt")), headers={})
    assert response.status_code == 401
    assert sorted(p.name for p in stack["folder"].rglob("*")) == before


def test_without_a_token_nothing_is_mounted(tmp_path, stack):
    from rag import Pipeline
    from ui.server import create_app

    settings = Settings(data_dir=tmp_path, letters_dir=stack["folder"])
    with TestClient(create_app(settings, Pipeline(stack["index"]))) as plain:
        assert plain.get("/api/admin/letters", headers=AUTH).status_code in (404, 405)
        assert plain.post("/api/admin/letters", headers=AUTH).status_code in (404, 405)
        assert "Letter management" not in plain.get("/admin/login").text
        assert "Letter management" not in plain.get("/admin/").text


def test_a_short_token_is_refused_with_a_message(tmp_path, stack):
    from rag import Pipeline
    from ui.errors import AdminTokenTooShort
    from ui.server import create_app

    settings = Settings(data_dir=tmp_path, letters_dir=stack["folder"], admin_token="short")
    with pytest.raises(AdminTokenTooShort, match="LETTERS_ADMIN_TOKEN"):
        create_app(settings, Pipeline(stack["index"]))


# --- uploads of each format, answered ----------------------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_uploaded_letter_of_each_format_answers_a_question(client, name):
    state = FORMATS[name][0]
    response = upload(client, (name, letter_bytes(name)))
    assert response.status_code == 201, response.text
    (added,) = response.json()["added"]
    (letter,) = added["letters"]
    assert letter["state"] == state and letter["date"] == "2011-03-03"
    assert letter["paragraphs"] >= 5 and added["file"].startswith("uploads/")
    answer = ask(client, question(state))
    assert not answer["abstained"], answer["answer"]
    assert answer["citations"][0]["file"] == added["file"]
    assert PLACES[state] in answer["answer"]


def test_the_preview_shows_letters_paragraphs_and_warnings_without_adding(client, stack):
    blocks = letter_blocks("Togo", "Lomé", 2012)
    undated = [block for block in blocks if not block.startswith("3 March")]
    response = upload(client, ("togo.txt", as_text(undated).encode()), preview="true")
    assert response.status_code == 200
    (file,) = response.json()["files"]
    (letter,) = file["letters"]
    assert letter["state"] == "Togo" and "no date found" in letter["warnings"]
    body = [p for p in letter["paragraphs"] if p["kind"] == "body"]
    assert [p["number"] for p in body] == ["1", "2"]
    assert {"letterhead", "salutation", "signature"} <= {p["kind"] for p in letter["paragraphs"]}
    assert not (stack["folder"] / "uploads" / "togo.txt").exists()
    assert letters_of(client, "uploads/togo.txt") == []


# --- replace, correct, delete ------------------------------------------------------------


def test_replace_drops_the_old_paragraphs_and_keeps_other_ids(client, stack):
    first = upload(client, ("benin.txt", as_text(letter_blocks("Benin", "Cotonou", 2010))
                            .encode())).json()["added"][0]["letters"][0]  # fmt: skip
    others = {s["letter_id"] for s in client.get("/api/admin/letters", headers=AUTH).json()}
    others.discard(first["letter_id"])
    corrected = letter_blocks("Benin", "Parakou", 2010)
    response = upload(client, ("benin-corrected.txt", as_text(corrected).encode()),
                      replaces=first["letter_id"])  # fmt: skip
    assert response.status_code == 201, response.text
    (added,) = response.json()["added"]
    assert added["file"] == "uploads/benin.txt" and added["replaces"] == "uploads/benin.txt"
    now = {s["letter_id"] for s in client.get("/api/admin/letters", headers=AUTH).json()}
    assert others <= now and first["letter_id"] not in now
    assert client.get(f"/api/letters/{first['letter_id']}").status_code == 404
    answer = ask(client, question("Benin"))
    assert "Parakou" in answer["answer"] and "Cotonou" not in answer["answer"]
    assert not any("Cotonou" in c["text"] for c in answer["retrieved"])
    assert list((stack["folder"] / ".admin" / "trash").rglob("benin.txt"))


def test_replacing_with_an_identical_file_is_refused(client):
    data = as_text(letter_blocks("Gabon", "Libreville", 2010)).encode()
    first = upload(client, ("gabon.txt", data)).json()["added"][0]["letters"][0]
    response = upload(client, ("gabon-again.txt", data), replaces=first["letter_id"])
    assert response.status_code == 422 and "already in the collection" in response.json()["message"]
    assert client.get(f"/api/letters/{first['letter_id']}").status_code == 200


def test_a_correction_is_kept_in_the_manifest_and_answers_with_it(client, stack):
    blocks = letter_blocks("Malawi", "Lilongwe", 2010)
    blocks[0] = "MINISTRY OF FOREIGN AFFAIRS"  # the state is not in the letterhead
    blocks[3:5] = [b.replace("Malawi", "Our country") for b in blocks[3:5]]
    added = upload(client, ("mw.txt", as_text(blocks).encode())).json()["added"][0]
    letter = added["letters"][0]
    fields = {"state": "Malawi", "date": "4 March 2010"}
    response = client.patch(f"/api/admin/letters/{letter['letter_id']}", json=fields, headers=AUTH)
    assert response.status_code == 200, response.text
    fixed = response.json()
    assert fixed["state"] == "Malawi" and fixed["date"] == "2010-03-04"
    assert fixed["previous_id"] == letter["letter_id"] != fixed["letter_id"]
    manifest = (stack["folder"] / "letters.yaml").read_text(encoding="utf-8")
    assert "uploads/mw.txt" in manifest and "2010-03-04" in manifest
    answer = ask(client, "Where did Malawi destroy the last of its cluster munition stockpile?")
    assert answer["citations"][0]["file"] == "uploads/mw.txt"


@pytest.mark.parametrize("body, expected", [
    ({"date": "sometime"}, "not a date"), ({"colour": "red"}, "colour"), ({}, "no field"),
])  # fmt: skip
def test_a_bad_correction_is_refused_and_changes_nothing(client, stack, body, expected):
    pakistan = next(s for s in client.get("/api/admin/letters", headers=AUTH).json()
                    if s["state"] == "Pakistan")  # fmt: skip
    manifest = stack["folder"] / "letters.yaml"
    before = manifest.read_text(encoding="utf-8") if manifest.exists() else None
    response = client.patch(f"/api/admin/letters/{pakistan['letter_id']}", json=body,
                            headers=AUTH)  # fmt: skip
    assert response.status_code == 422 and expected in response.text
    assert (manifest.read_text(encoding="utf-8") if manifest.exists() else None) == before
    assert client.get(f"/api/letters/{pakistan['letter_id']}").status_code == 200


def test_delete_removes_the_letter_and_keeps_the_file_in_the_trash(client, stack):
    letter = upload(client, ("eritrea.txt", as_text(letter_blocks("Eritrea", "Massawa", 2010))
                             .encode())).json()["added"][0]["letters"][0]  # fmt: skip
    response = client.delete(f"/api/admin/letters/{letter['letter_id']}", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["deleted"] == [letter["letter_id"]]
    assert client.get(f"/api/letters/{letter['letter_id']}").status_code == 404
    assert not (stack["folder"] / "uploads" / "eritrea.txt").exists()
    assert (stack["folder"] / response.json()["kept_at"]).is_file()
    answer = ask(client, question("Eritrea"))
    assert not any(c["file"] == "uploads/eritrea.txt" for c in answer["retrieved"])
    again = client.delete(f"/api/admin/letters/{letter['letter_id']}", headers=AUTH)
    assert again.status_code == 404


def test_deleting_one_of_two_letters_of_a_file_needs_whole_file(client):
    two = as_text(letter_blocks("Niger", "Niamey", 2010)) + "\n\n\n" + as_text(
        letter_blocks("Niger", "Agadez", 2011))  # fmt: skip
    letters = upload(client, ("niger.txt", two.encode())).json()["added"][0]["letters"]
    assert len(letters) == 2
    response = client.delete(f"/api/admin/letters/{letters[0]['letter_id']}", headers=AUTH)
    assert response.status_code == 409 and "whole_file" in response.json()["message"]
    done = client.delete(f"/api/admin/letters/{letters[0]['letter_id']}?whole_file=true",
                         headers=AUTH)  # fmt: skip
    assert sorted(done.json()["deleted"]) == sorted(s["letter_id"] for s in letters)


# --- bad uploads -------------------------------------------------------------------------


def snapshot(client, stack) -> tuple:
    summaries = client.get("/api/admin/letters", headers=AUTH).json()
    files = sorted(p.relative_to(stack["folder"]).as_posix() for p in stack["folder"].rglob("*")
                   if p.is_file() and ".admin" not in p.parts)  # fmt: skip
    return sorted(s["letter_id"] for s in summaries), files, stack["index"].count()


def bomb() -> bytes:
    """3 MB of zeros per member, compressed to a few kB."""
    return as_zip({f"letter{i}.txt": b"0" * (3 * 2**20) for i in range(2)})


BAD = {
    "too large": [("big.txt", b"Dear Mr. Goose,\n\n" + b"x" * (2**20 + 10))],
    "zip bomb": [("bomb.zip", bomb())],
    "too many files": [("many.zip", as_zip({f"l{i}.txt": b"hello" for i in range(9)}))],
    "traversal": [("evil.zip", as_zip({"../../evil.txt": letter_bytes("chile.txt")}))],
    "absolute": [("evil2.zip", as_zip({"/etc/evil.txt": letter_bytes("chile.txt")}))],
    "unsupported": [("tool.exe", b"MZ\x90\x00binary"), ("sheet.xlsx", b"PK\x03\x04")],
    "nested zip": [("outer.zip", as_zip({"inner.zip": as_zip({"a.txt": b"a"})}))],
    "not a zip": [("broken.zip", b"PK\x03\x04 not really")],
    "not a letter": [("notes.txt", b"shopping list: eggs, milk")],
    "empty": [("empty.txt", b"")],
}
REASONS = {
    "too large": "too large", "zip bomb": "zip bomb", "too many files": "more than 5",
    "traversal": "unsafe name", "absolute": "unsafe name", "unsupported": "unsupported file type",
    "nested zip": "inside a .zip", "not a zip": "not a readable .zip",
    "not a letter": "not a letter", "empty": "empty",
}  # fmt: skip


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_upload_gets_a_message_and_changes_nothing(client, stack, kind):
    before = snapshot(client, stack)
    response = upload(client, *BAD[kind])
    assert response.status_code == 422, response.text
    message = response.json()["message"]
    assert REASONS[kind] in message and "nothing was added" in message
    assert snapshot(client, stack) == before
    assert not (stack["folder"].parent / "evil.txt").exists()
    assert ask(client, SEED)["citations"]


def test_a_duplicate_is_reported_and_not_added_twice(client, stack):
    data = as_text(letter_blocks("Zambia", "Lusaka", 2010)).encode()
    assert upload(client, ("zambia.txt", data)).status_code == 201
    before = snapshot(client, stack)
    response = upload(client, ("zambia-copy.txt", data))
    assert response.status_code == 422
    assert "already in the collection as uploads/zambia.txt" in response.json()["message"]
    assert snapshot(client, stack) == before


def test_good_files_are_added_beside_refused_ones(client):
    good = as_text(letter_blocks("Angola", "Luanda", 2010)).encode()
    response = upload(client, ("angola.txt", good), ("angola-again.txt", good), ("x.exe", b"MZ"))
    assert response.status_code == 201
    body = response.json()
    assert [f["file"] for f in body["added"]] == ["uploads/angola.txt"]
    reasons = {r["name"]: r["reason"] for r in body["refused"]}
    assert "same content as angola.txt" in reasons["angola-again.txt"]
    assert "unsupported" in reasons["x.exe"]


def test_a_request_over_the_batch_limit_is_refused_before_reading(client):
    response = client.post("/api/admin/letters", headers=AUTH | {"Content-Length": str(4 * 2**20)},
                           content=b"x" * 10)  # fmt: skip
    assert response.status_code == 413 and "several uploads" in response.json()["message"]


# --- the folder rebuilds the same index --------------------------------------------------


def test_a_rebuild_from_the_folder_reproduces_the_index(client, stack, embedder, tmp_path):
    from index import LetterIndex, make_client

    upload(client, ("rwanda.txt", as_text(letter_blocks("Rwanda", "Kigali", 2010)).encode()))
    rebuilt = LetterIndex(make_client(tmp_path / "rebuilt"), embedder, "rebuilt")
    rebuilt.sync(stack["folder"], rebuild=True)

    def content(letter_index):
        return sorted((p.id, p.state, p.date, p.text) for p in letter_index.paragraphs())

    assert content(rebuilt) == content(stack["index"])


# --- questions during an upload ----------------------------------------------------------


def test_questions_are_answered_during_an_upload_without_errors(client, stack):
    """Questions run in threads while one upload of several letters is embedded and stored;
    what the index shows them is the collection before the upload or after it, never part."""
    names = ["Bhutan", "Tonga", "Samoa", "Palau"]
    files = [(f"{n.lower()}.txt", as_text(letter_blocks(n, f"{n} City", 2013)).encode())
             for n in names]  # fmt: skip
    new = {f"uploads/{n.lower()}.txt" for n in names}
    errors, answered, views, done = [], [], [], threading.Event()

    def keep_asking():
        while not done.is_set():
            response = client.post("/api/ask", json={"question": question("Tonga")})
            (answered if response.status_code == 200 else errors).append(response.text)

    def keep_looking():
        while not done.is_set():
            views.append({(s["file"], s["paragraphs"]) for s in stack["index"].letters()
                          if s["file"] in new})  # fmt: skip

    threads = [threading.Thread(target=keep_asking) for _ in range(2)]
    threads.append(threading.Thread(target=keep_looking))
    for thread in threads:
        thread.start()
    response = upload(client, *files)
    done.set()
    for thread in threads:
        thread.join()
    assert response.status_code == 201 and errors == []
    assert len(answered) >= 2
    final = {(s["file"], s["paragraphs"]) for s in stack["index"].letters() if s["file"] in new}
    assert len(final) == 4
    assert all(view in (set(), final) for view in views), "a question saw part of the upload"
    assert ask(client, question("Tonga"))["citations"][0]["file"] == "uploads/tonga.txt"


def test_a_failing_sync_puts_the_folder_back(client, stack, monkeypatch):
    """If storing fails half-way (here: the index refuses the sync), the file is taken out of
    the folder again and the collection is as before."""
    from index.errors import IndexStoreError

    before = snapshot(client, stack)
    real_sync, failed = stack["index"].sync, []

    def sync_failing_once(*args, **kwargs):
        if not failed:
            failed.append(True)
            raise IndexStoreError("the store is read-only")
        return real_sync(*args, **kwargs)

    monkeypatch.setattr(stack["index"], "sync", sync_failing_once)
    response = upload(client, ("lesotho.txt", as_text(letter_blocks("Lesotho", "Maseru", 2010))
                               .encode()))  # fmt: skip
    assert response.status_code == 503 and "read-only" in response.json()["message"]
    assert snapshot(client, stack) == before
    assert not (stack["folder"] / "uploads" / "lesotho.txt").exists()


def test_questions_are_answered_while_a_letter_is_replaced_and_deleted(client):
    """An answer begun before a replacement still reads the letter it found: no errors."""
    first = as_text(letter_blocks("Sudan", "Place 0", 2010)).encode()
    letter_id = upload(client, ("sudan.txt", first)).json()["added"][0]["letters"][0]["letter_id"]
    errors, answered, done = [], [], threading.Event()

    def keep_asking():
        while not done.is_set():
            response = client.post("/api/ask", json={"question": question("Sudan")})
            (answered if response.status_code == 200 else errors).append(response.text)

    threads = [threading.Thread(target=keep_asking) for _ in range(2)]
    for thread in threads:
        thread.start()
    for n in range(1, 5):
        data = as_text(letter_blocks("Sudan", f"Place {n}", 2010)).encode()
        response = upload(client, ("sudan.txt", data), replaces=letter_id)
        letter_id = response.json()["added"][0]["letters"][0]["letter_id"]
    deleted = client.delete(f"/api/admin/letters/{letter_id}", headers=AUTH)
    done.set()
    for thread in threads:
        thread.join()
    assert deleted.status_code == 200 and errors == [] and len(answered) >= 4


def test_two_previews_of_one_name_or_one_content_do_not_overwrite(stack):
    """Two staff preview at once: the second confirmation sees what the first added."""
    from ui.errors import UploadRefused
    from ui.library import Library

    library = Library(stack["folder"], stack["index"])
    first = as_text(letter_blocks("Tuvalu", "Funafuti", 2010)).encode()
    second = as_text(letter_blocks("Tuvalu", "Nanumea", 2011)).encode()
    batches = [library.stage([("tuvalu.txt", io.BytesIO(data))]) for data in (first, second, first)]
    assert [b.files[0].file for b in batches] == ["uploads/tuvalu.txt"] * 3
    assert library.commit(batches[0].id)["added"][0]["file"] == "uploads/tuvalu.txt"
    assert library.commit(batches[1].id)["added"][0]["file"] == "uploads/tuvalu-2.txt"
    with pytest.raises(UploadRefused, match="already in the collection as uploads/tuvalu.txt"):
        library.commit(batches[2].id)
    assert (stack["folder"] / "uploads" / "tuvalu.txt").read_bytes() == first
