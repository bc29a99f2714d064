"""Pure sync decisions: which files to read, keep or drop, and which stored ids are stale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class FileRecord:
    """The completion record of one file: written only after all its paragraphs are stored."""

    file: str
    version: str
    sha256: str
    letters: int = 0
    paragraphs: int = 0
    skipped: str = ""  # the reason when the file could not be read; "" when indexed

    def to_metadata(self) -> dict:
        return asdict(self)

    @classmethod
    def from_metadata(cls, metadata: Mapping) -> FileRecord:
        return cls(**{key: metadata[key] for key in cls.__dataclass_fields__ if key in metadata})


@dataclass(frozen=True)
class SyncPlan:
    """What a sync does with each file, decided before any file is read."""

    new: tuple = ()  # sources not indexed under this name (or skipped last time)
    changed: tuple = ()  # sources whose version differs from the record
    unchanged: tuple[str, ...] = ()
    gone: tuple[str, ...] = field(default=())  # recorded files no longer in the folder

    @property
    def to_read(self) -> tuple:
        """New and changed sources, in the folder's order."""
        return tuple(sorted(self.new + self.changed, key=lambda source: source.file))


def plan_sync(sources: Sequence, versions: Mapping[str, str], records: Mapping[str, FileRecord]):
    """Compare discovered sources (with their current version key) against the records."""
    new, changed, unchanged = [], [], []
    for source in sources:
        record = records.get(source.file)
        # Skipped files are read again: a newer reader or Tesseract may now handle them.
        if record is None or record.skipped:
            new.append(source)
        elif record.version != versions[source.file]:
            changed.append(source)
        else:
            unchanged.append(source.file)
    present = {source.file for source in sources}
    gone = sorted(file for file in records if file not in present)
    return SyncPlan(tuple(new), tuple(changed), tuple(unchanged), tuple(gone))


def stale_ids(stored: Iterable[tuple[str, str, str]], current: Mapping[str, str]) -> list[str]:
    """Ids of stored (id, file, version) rows that are not their file's recorded version.

    These are the leftovers of a run killed mid-way: a new version written without its
    completion record, or an old version whose deletion did not happen.
    """
    return [pid for pid, file, version in stored if current.get(file) != version]
