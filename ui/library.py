"""The collection as Monitor staff manage it: one folder of letter files (LETTERS_LETTERS_DIR)
that the index mirrors. Uploads are kept in its `uploads/`, metadata corrections in its
manifest (letters.yaml or letters.csv), so `letters ingest FOLDER --rebuild` rebuilds the same
index; deleted and replaced files are moved to `.admin/trash/`, never erased.

An upload is staged and parsed first (the preview); only a confirmed batch touches the folder
and the index, one writer at a time. Queries keep being answered meanwhile and see the
collection before or after a change: the index swaps its paragraph snapshot whole after a
sync, and the retriever only uses paragraphs of the snapshot it started with.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest import SkipFile, SourceFile, discover, load_manifest, read_source
from ingest.manifest import OVERRIDABLE, iso_date
from ui.admin_view import letter_warnings
from ui.errors import BadCorrection, LetterSharesFile, PreviewExpired, UploadRefused
from ui.manifest_rows import (
    manifest_path,
    read_rows,
    renamed,
    rows_text,
    with_fields,
    without_file,
    write_text_atomically,
)
from ui.uploads import Receiver, Refused, UploadLimits, clear, split_suffix

log = logging.getLogger("letters.admin")
ADMIN_DIR = ".admin"  # hidden: ingest never reads it
UPLOADS = "uploads"
PREVIEW_SECONDS = 3600  # an unconfirmed preview is dropped after this


@dataclass
class StagedFile:
    origin: str  # what the user sent
    file: str  # its name in the collection, relative to the folder: uploads/x.pdf
    path: Path  # the staged copy
    sha256: str
    letters: tuple  # ingest Letters as parsed for the preview
    replaces: str | None = None  # the collection file it replaces


@dataclass
class Batch:
    """One upload awaiting confirmation: what was read, and what was refused and why."""

    id: str
    folder: Path
    files: list[StagedFile] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    created: float = field(default_factory=time.monotonic)


def clean_fields(fields: dict) -> dict:
    """A correction's fields, stripped; unknown names and empty corrections are refused."""
    unknown = sorted(set(fields) - set(OVERRIDABLE))
    if unknown:
        raise BadCorrection(f"unknown field {unknown[0]!r}")
    values = {key: str(value).strip() for key, value in fields.items() if value is not None}
    values = {key: value for key, value in values.items() if value}
    if not values:
        raise BadCorrection("no field was given a value")
    if "date" in values:  # kept as ISO, as ingest stores dates
        try:
            values["date"] = iso_date(values["date"], "this letter")
        except ValueError as error:
            raise BadCorrection(str(error)) from None
    return values


def corrected(letter, fields: dict):
    return replace(letter, **fields) if fields else letter


class Library:
    """Upload, replace, correct, delete and browse the letters of `root`, kept in `letter_index`."""

    def __init__(self, root: Path, letter_index, limits: UploadLimits | None = None):
        self.root = Path(root).resolve()
        self.index = letter_index
        self.limits = limits or UploadLimits()
        self._writing = threading.Lock()  # one change of the collection at a time
        self._batches: dict[str, Batch] = {}
        self._batches_lock = threading.Lock()
        clear(self.admin_dir / "staging")  # previews do not survive a restart

    @property
    def admin_dir(self) -> Path:
        return self.root / ADMIN_DIR

    # --- staging and preview -------------------------------------------------------------

    def stage(self, uploads, replaces: str | None = None) -> Batch:
        """Receive (name, binary stream) pairs and parse them; nothing is added yet."""
        self._drop_old_batches()
        old_file = self.file_of(replaces) if replaces else None
        batch = Batch(uuid.uuid4().hex, self.admin_dir / "staging" / uuid.uuid4().hex)
        batch.folder.mkdir(parents=True)
        try:
            receiver = Receiver(batch.folder, self.limits)
            for name, stream in uploads:
                receiver.add(name, stream)
            batch.refused = list(receiver.refused)
            self._accept(batch, receiver.received, old_file)
        except BaseException:
            clear(batch.folder)
            raise
        with self._batches_lock:
            self._batches[batch.id] = batch
        return batch

    def _accept(self, batch: Batch, received, old_file: str | None) -> None:
        known = self.known_hashes()
        taken = set(known.values())
        manifest = load_manifest(self.root)
        for item in received:
            if reason := self._duplicate(item, known, batch, old_file):
                batch.refused.append(Refused(item.origin, reason))
                continue
            target = self._target(item.name, old_file, taken)
            source = SourceFile(item.path, target, item.sha256, item.size)
            rows = {target: manifest[old_file]} if old_file in manifest else {}
            try:
                letters = read_source(source, rows)
            except SkipFile as error:
                batch.refused.append(Refused(item.origin, str(error)))
                continue
            except Exception as error:  # an ingest defect on one file refuses only that file
                log.exception("reading the upload %s failed", item.origin)
                batch.refused.append(Refused(item.origin, f"could not be read ({error!r})"))
                continue
            taken.add(target)
            batch.files.append(StagedFile(item.origin, target, item.path, item.sha256, letters,
                                          old_file))  # fmt: skip

    def _duplicate(self, item, known: dict, batch: Batch, old_file: str | None) -> str | None:
        if item.sha256 in known:
            return f"already in the collection as {known[item.sha256]} (same content): not added"
        twin = next((f.origin for f in batch.files if f.sha256 == item.sha256), None)
        if twin:
            return f"the same content as {twin} in this upload: added once"
        if old_file and batch.files:
            return "a replacement is one file: this one was not used"
        return None

    def _target(self, name: str, old_file: str | None, taken: set[str]) -> str:
        """The file's name in the collection: a replacement keeps the old name (with the new
        extension); a new file goes to uploads/, numbered if the name is taken."""
        if old_file:
            old_suffix = split_suffix(old_file)[1]
            target = old_file[: len(old_file) - len(old_suffix)] + split_suffix(name)[1]
            if target == old_file or target not in taken:
                return target
            name = Path(target).name
        stem, suffix = split_suffix(name)
        target, n = f"{UPLOADS}/{name}", 1
        while target in taken or (self.root / target).exists():
            n += 1
            target = f"{UPLOADS}/{stem}-{n}{suffix}"
        return target

    def batch(self, batch_id: str) -> Batch:
        with self._batches_lock:
            found = self._batches.get(batch_id)
        if found is None:
            raise PreviewExpired()
        return found

    def discard(self, batch_id: str) -> None:
        with self._batches_lock:
            batch = self._batches.pop(batch_id, None)
        if batch:
            clear(batch.folder)

    def _drop_old_batches(self) -> None:
        now = time.monotonic()
        with self._batches_lock:
            old = [b for b in self._batches.values() if now - b.created > PREVIEW_SECONDS]
        for batch in old:
            self.discard(batch.id)

    # --- committing ----------------------------------------------------------------------

    def commit(self, batch_id: str, corrections: dict | None = None) -> dict:
        """Add a previewed batch, with metadata corrections {(file, letter index): fields}."""
        with self._batches_lock:
            batch = self._batches.pop(batch_id, None)
        if batch is None:
            raise PreviewExpired()
        try:
            if not batch.files:
                raise UploadRefused([(r.name, r.reason) for r in batch.refused])
            names = {f.file for f in batch.files}
            corrections = {key: clean_fields(value) for key, value in (corrections or {}).items()
                           if key[0] in names}  # fmt: skip
            with self._writing:
                corrections = self._recheck(batch, corrections)
                self._place(batch, corrections)
        finally:
            clear(batch.folder)
        return self.outcome(batch, corrections)

    def add(self, uploads, replaces: str | None = None, corrections=None) -> dict:
        """Stage and commit at once (the API)."""
        batch = self.stage(uploads, replaces=replaces)
        return self.commit(batch.id, corrections)

    def _recheck(self, batch: Batch, corrections: dict) -> dict:
        """Under the writer lock: what another upload added since the preview. A file now in
        the collection is refused; a name now taken is numbered (its corrections follow)."""
        known = self.known_hashes()
        taken = set(known.values())
        kept = []
        for staged in batch.files:
            if staged.sha256 in known and known[staged.sha256] != staged.replaces:
                batch.refused.append(Refused(staged.origin, f"already in the collection as "
                                             f"{known[staged.sha256]} (same content): not added"))
                continue
            if not staged.replaces and (staged.file in taken or (self.root / staged.file).exists()):
                name = self._target(Path(staged.file).name, None, taken)
                corrections = {(name if f == staged.file else f, i): v
                               for (f, i), v in corrections.items()}  # fmt: skip
                staged.file = name
            taken.add(staged.file)
            kept.append(staged)
        batch.files = kept
        if not kept:
            raise UploadRefused([(r.name, r.reason) for r in batch.refused])
        return corrections

    def _place(self, batch: Batch, corrections: dict) -> None:
        """Files into the folder, corrections into the manifest, then one sync; on any failure
        the folder and manifest are put back and the index follows them again."""
        path = manifest_path(self.root)
        old_text = path.read_text(encoding="utf-8") if path.is_file() else None
        rows = read_rows(path)
        for staged in batch.files:
            if staged.replaces and staged.replaces != staged.file:
                rows = renamed(rows, staged.replaces, staged.file)
        for (file, letter_index), fields in corrections.items():
            rows = with_fields(rows, file, int(letter_index), fields)
        text = self._checked_text(path, rows) if rows else None
        moves: list[tuple[Path, Path]] = []  # (from, to), to undo in reverse
        try:
            for staged in batch.files:
                if staged.replaces:
                    moves.append(self._to_trash(staged.replaces))
                target = self.root / staged.file
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged.path, target)
                moves.append((staged.path, target))
            if text is not None:
                write_text_atomically(path, text)
            self.index.sync(self.root)
            self.index.remove_files([f.replaces for f in batch.files
                                     if f.replaces and f.replaces != f.file])  # fmt: skip
        except BaseException:
            self._undo(moves, path, old_text)
            raise

    def _checked_text(self, path: Path, rows: list[dict]) -> str:
        try:
            return rows_text(path, rows)
        except ValueError as error:
            raise BadCorrection(str(error)) from None

    def _undo(self, moves, path: Path, old_text: str | None) -> None:
        log.error("a change of the collection failed: putting the folder back")
        for origin, target in reversed(moves):
            origin.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, origin)
        if old_text is None:
            path.unlink(missing_ok=True)
        else:
            write_text_atomically(path, old_text)
        try:
            self.index.sync(self.root)
            gone = [t for _, t in moves if t.is_relative_to(self.root) and not t.exists()]
            self.index.remove_files([t.relative_to(self.root).as_posix() for t in gone])
        except Exception:
            log.exception("the index could not follow the restored folder: run "
                          "`letters ingest %s --prune`", self.root)  # fmt: skip

    def _to_trash(self, file: str) -> tuple[Path, Path]:
        """Move a collection file to .admin/trash/<time>/; (from, to)."""
        source = self.path_of(file)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{uuid.uuid4().hex[:6]}"
        target = self.admin_dir / "trash" / stamp / file
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.exists():
            os.replace(source, target)
        return source, target

    def outcome(self, batch: Batch, corrections: dict) -> dict:
        """What was added (the letters as now indexed, with the preview's warnings) and what
        was refused."""
        by_file = self.letters_by_file()

        def indexed(staged: StagedFile) -> list[dict]:
            warnings = {letter.index: letter_warnings(corrected(letter, corrections.get(
                (staged.file, letter.index), {}))) for letter in staged.letters}  # fmt: skip
            return [summary | {"warnings": warnings.get(summary["letter_index"], [])}
                    for summary in by_file.get(staged.file, [])]  # fmt: skip

        return {
            "added": [
                {"file": f.file, "origin": f.origin, "replaces": f.replaces, "letters": indexed(f)}
                for f in batch.files
            ],
            "refused": [{"name": r.name, "reason": r.reason} for r in batch.refused],
            "paragraphs": self.index.count(),
        }  # fmt: skip

    # --- correcting and deleting ---------------------------------------------------------

    def correct(self, letter_id: str, fields: dict) -> dict:
        """Correct one letter's metadata; returns the letter under its new id (a letter's id
        follows its file's version, which includes the file's corrections)."""
        fields = clean_fields(fields)
        first = self.index.letter(letter_id, current_only=True)[0]
        with self._writing:
            path = manifest_path(self.root)
            old_text = path.read_text(encoding="utf-8") if path.is_file() else None
            rows = with_fields(read_rows(path), first.file, first.letter_index, fields)
            text = self._checked_text(path, rows)
            write_text_atomically(path, text)
            try:
                self.index.sync(self.root)
            except BaseException:
                self._undo([], path, old_text)
                raise
        now = self.letters_by_file().get(first.file, [])
        found = next((s for s in now if s["letter_index"] == first.letter_index), None)
        return (found or {}) | {"previous_id": letter_id}

    def delete(self, letter_id: str, whole_file: bool = False) -> dict:
        """Remove a letter's file from the collection (kept in .admin/trash/)."""
        first = self.index.letter(letter_id, current_only=True)[0]
        letters = self.letters_by_file().get(first.file, [])
        if len(letters) > 1 and not whole_file:
            raise LetterSharesFile(first.file, len(letters))
        with self._writing:
            _, kept = self._to_trash(first.file)
            path = manifest_path(self.root)
            rows = read_rows(path)
            if rows and (kept_rows := without_file(rows, first.file)) != rows:
                write_text_atomically(path, self._checked_text(path, kept_rows))
            self.index.remove_files([first.file])
        return {
            "deleted": [s["letter_id"] for s in letters] or [letter_id],
            "file": first.file,
            "kept_at": str(kept.relative_to(self.root)),
        }

    # --- reading -------------------------------------------------------------------------

    def file_of(self, letter_id: str) -> str:
        return self.index.letter(letter_id, current_only=True)[0].file

    def path_of(self, file: str) -> Path:
        """The collection file's path; a name leading outside the folder is refused."""
        path = (self.root / file).resolve()
        if not path.is_relative_to(self.root):
            raise BadCorrection(f"{file!r} is not a file of the collection")
        return path

    def known_hashes(self) -> dict[str, str]:
        """sha256 -> file, for every letter file of the collection."""
        self.root.mkdir(parents=True, exist_ok=True)
        return {source.sha256: source.file for source in discover(self.root)}

    def letters_by_file(self) -> dict[str, list[dict]]:
        by_file: dict[str, list[dict]] = {}
        for summary in self.index.letters():
            by_file.setdefault(summary["file"], []).append(summary)
        for summaries in by_file.values():
            summaries.sort(key=lambda s: s["letter_index"])
        return by_file

    def browse(self, state: str | None = None, year: int | None = None) -> list[dict]:
        """Every letter (optionally of one state and year) with its paragraph count, by state
        then date."""
        found = [
            summary | {"year": int(summary["date"][:4]) if summary.get("date") else None}
            for summary in self.index.letters(state or None)
        ]
        if year:
            found = [s for s in found if s["year"] == int(year)]
        return sorted(found, key=lambda s: (s["state"] or "~", s["date"] or "", s["file"]))

