"""Receiving uploaded files safely: names made safe, sizes bounded while copying, .zip archives
checked (file count, unpacked size, unsafe names) before one byte of them is unpacked.

Nothing here touches the collection: accepted files land in a staging folder, and every refused
file or archive member becomes a Refused(name, reason) line for the user.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest import SUPPORTED

CHUNK = 1024 * 1024
MAX_NAME = 120
ZIP_SUFFIX = ".zip"
# Archive clutter that is skipped without a word: macOS resource forks, Windows thumbnails.
CLUTTER = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
UNSAFE_CHARACTERS = re.compile(r"[^\w.\- ()+,&']")


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may hold (from the LETTERS_MAX_* settings)."""

    file_bytes: int = 25 * 2**20
    batch_bytes: int = 100 * 2**20
    zip_files: int = 200
    zip_unpacked_bytes: int = 200 * 2**20

    @classmethod
    def from_settings(cls, settings) -> UploadLimits:
        return cls(
            file_bytes=int(settings.max_upload_mb * 2**20),
            batch_bytes=int(settings.max_batch_mb * 2**20),
            zip_files=settings.max_zip_files,
            zip_unpacked_bytes=int(settings.max_zip_uncompressed_mb * 2**20),
        )


@dataclass(frozen=True)
class Received:
    """One accepted file, copied into the staging folder."""

    origin: str  # what the user sent: "letter.pdf", or "archive.zip/letter.pdf"
    name: str  # safe file name
    path: Path  # the staged copy
    sha256: str
    size: int


@dataclass(frozen=True)
class Refused:
    name: str
    reason: str


class TooLarge(Exception):
    """A stream gave more bytes than allowed."""


def megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def safe_name(name: str) -> str:
    """The last part of an uploaded name, with nothing that could leave the uploads folder or
    hide the file from ingest (a leading dot): "../../x.txt" -> "x.txt"."""
    name = unicodedata.normalize("NFC", re.split(r"[\\/]", name or "")[-1])
    name = UNSAFE_CHARACTERS.sub("_", "".join(c for c in name if c.isprintable())).strip(" .")
    stem, suffix = split_suffix(name or "upload")
    return (stem[: MAX_NAME - len(suffix)] or "upload") + suffix.lower()


def split_suffix(name: str) -> tuple[str, str]:
    path = PurePosixPath(name)
    return (path.stem, path.suffix) if path.suffix else (name, "")


def unsafe_member(name: str) -> bool:
    """True for archive names that would escape the folder they are unpacked into."""
    if "\\" in name or "\0" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in PurePosixPath(name).parts


def unsupported_reason(name: str) -> str | None:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in SUPPORTED:
        return None
    if suffix == ZIP_SUFFIX:
        return "a .zip inside a .zip is not opened: unpack it and upload its files"
    shown = suffix or "no extension"
    return f"unsupported file type ({shown}); upload {', '.join(SUPPORTED)} or a .zip of them"


def copy_bounded(source, target: Path, limit: int) -> tuple[str, int]:
    """Copy a binary stream to `target`, stopping at `limit` bytes; (sha256, size)."""
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise TooLarge()
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


class Receiver:
    """Accepts the files of one upload into `folder`, within `limits`."""

    def __init__(self, folder: Path, limits: UploadLimits):
        self.folder = Path(folder)
        self.limits = limits
        self.received: list[Received] = []
        self.refused: list[Refused] = []
        self.total = 0

    def add(self, name: str, stream) -> None:
        """One uploaded file (a binary stream); a .zip is unpacked member by member."""
        shown = safe_name(name)
        if shown.endswith(ZIP_SUFFIX):
            self._add_zip(shown, stream)
            return
        if reason := unsupported_reason(shown):
            self.refused.append(Refused(shown, reason))
            return
        self._store(shown, shown, stream, self.limits.file_bytes)

    def _store(self, origin: str, name: str, stream, limit: int) -> None:
        target = self.folder / f"{len(self.received) + len(self.refused):04d}-{name}"
        try:
            sha256, size = copy_bounded(stream, target, min(limit, self._room()))
        except TooLarge:
            target.unlink(missing_ok=True)
            self.refused.append(Refused(origin, self._too_large_reason()))
            return
        if size == 0:
            target.unlink()
            self.refused.append(Refused(origin, "empty file"))
            return
        self.total += size
        self.received.append(Received(origin, name, target, sha256, size))

    def _room(self) -> int:
        return max(self.limits.batch_bytes - self.total, 0)

    def _too_large_reason(self) -> str:
        if self._room() < self.limits.file_bytes:
            return (f"the upload as a whole is over {megabytes(self.limits.batch_bytes)}: "
                    "send the files in several uploads")  # fmt: skip
        return f"too large: over {megabytes(self.limits.file_bytes)} (the limit for one file)"

    def _add_zip(self, shown: str, stream) -> None:
        staged = self.folder / f"{len(self.received) + len(self.refused):04d}-archive.zip"
        try:
            copy_bounded(stream, staged, min(self.limits.file_bytes, self._room()))
        except TooLarge:
            staged.unlink(missing_ok=True)
            self.refused.append(Refused(shown, self._too_large_reason()))
            return
        try:
            with zipfile.ZipFile(staged) as archive:
                self._unpack(shown, archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
            self.refused.append(Refused(shown, f"not a readable .zip ({error})"))
        finally:
            staged.unlink(missing_ok=True)

    def _unpack(self, shown: str, archive: zipfile.ZipFile) -> None:
        members = [
            m for m in archive.infolist() if not m.is_dir() and not CLUTTER.search(m.filename)
        ]
        if reason := archive_refusal(members, self.limits):
            self.refused.append(Refused(shown, reason))
            return
        for member in members:
            origin = f"{shown}/{member.filename}"
            name = safe_name(member.filename)
            if reason := unsupported_reason(name):
                self.refused.append(Refused(origin, reason))
                continue
            with archive.open(member) as stream:
                self._store(origin, name, stream, min(member.file_size, self.limits.file_bytes))


def archive_refusal(members: list[zipfile.ZipInfo], limits: UploadLimits) -> str | None:
    """Why a whole archive is refused before unpacking, from its directory alone: unsafe
    names, encryption, too many files, too many bytes unpacked (a zip bomb)."""
    unsafe = [m.filename for m in members if unsafe_member(m.filename)]
    if unsafe:
        return (f"unsafe name {unsafe[0]!r} in the archive (it points outside the folder): "
                "refused whole, nothing from it was added")  # fmt: skip
    if any(m.flag_bits & 0x1 for m in members):
        return "the archive is password-protected: upload an unencrypted .zip"
    if len(members) > limits.zip_files:
        return (f"the archive holds {len(members)} files, more than {limits.zip_files}: "
                "split it into smaller archives")  # fmt: skip
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.zip_unpacked_bytes:
        return (f"the archive unpacks to {megabytes(unpacked)}, more than "
                f"{megabytes(limits.zip_unpacked_bytes)}: refused (is it a zip bomb?)")  # fmt: skip
    if not members:
        return "the archive is empty"
    return None


def clear(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
