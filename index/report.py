"""What one `letters ingest` run did, for people and for scripts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyncReport:
    """Files added, updated, removed, unchanged and skipped (with reasons) by one sync."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # gone from the folder, kept without --prune
    paragraphs_embedded: int = 0
    paragraphs: int = 0  # in the collection after the sync
    healed: int = 0  # leftover paragraphs of an interrupted run that were deleted
    sentences_added: int = 0  # stored paragraphs that lacked sentence vectors and got them
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"file": file, "reason": reason} for file, reason in self.skipped],
            "missing": self.missing,
            "paragraphs_embedded": self.paragraphs_embedded,
            "paragraphs": self.paragraphs,
            "healed": self.healed,
            "sentences_added": self.sentences_added,
            "seconds": round(self.seconds, 2),
        }

    def describe(self) -> str:
        lines = [
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped",
            f"{self.paragraphs_embedded} paragraphs embedded in {self.seconds:.1f} s; "
            f"{self.paragraphs} paragraphs in the index",
        ]
        lines += [f"skipped {file}: {reason}" for file, reason in self.skipped]
        if self.missing:
            lines.append(
                f"{len(self.missing)} indexed files are gone from the folder "
                f"(kept; run with --prune to remove them): {', '.join(self.missing[:5])}"
            )
        if self.healed:
            lines.append(f"cleaned up {self.healed} paragraphs left by an interrupted run")
        if self.sentences_added:
            lines.append(f"stored sentence vectors for {self.sentences_added} older paragraphs")
        return "\n".join(lines)
