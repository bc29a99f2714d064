"""Finding letter files under a root and identifying each by its content hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import SourceNotFound

MAX_BYTES = 25 * 1024 * 1024
MANIFEST_NAMES = ("letters.csv", "letters.yaml", "letters.yml")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One file found under the ingested root."""

    path: Path  # absolute
    file: str  # relative to the root, posix
    sha256: str
    size: int

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


def discover(root: Path) -> list[SourceFile]:
    """Every non-hidden file under `root` (or `root` itself when it is a file), sorted by path."""
    root = Path(root).resolve()
    if root.is_file():
        return [source_file(root, root.parent)]
    if not root.is_dir():
        raise SourceNotFound(root)
    paths = (p for p in root.rglob("*") if p.is_file() and not _hidden(p, root))
    return [source_file(p, root) for p in sorted(paths) if p.name not in MANIFEST_NAMES]


def source_file(path: Path, root: Path) -> SourceFile:
    size = path.stat().st_size
    try:
        sha256 = file_hash(path, size)
    except OSError:
        sha256 = ""  # unreadable: reading it again reports the reason as a skipped file
    return SourceFile(path, path.relative_to(root).as_posix(), sha256, size)


def file_hash(path: Path, size: int) -> str:
    """sha256 of the bytes; a file over MAX_BYTES is identified by its first megabyte and size
    only, so that it is never read whole (it will be skipped anyway)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        if size > MAX_BYTES:
            digest.update(stream.read(_CHUNK) + str(size).encode())
            return digest.hexdigest()
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)
