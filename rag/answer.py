"""The answer object every interface shows: the text with [n] markers and the cited paragraphs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from rag.footnote import human_date, paragraph_footnote


@dataclass(frozen=True)
class Citation:
    """One paragraph shown with an answer: cited as [n], or only retrieved (n is None)."""

    n: int | None
    paragraph_id: str
    letter_id: str
    file: str
    letter_index: int
    state: str | None
    date: str | None
    sender: str | None
    signatory: str | None
    paragraph_number: str | None
    ordinal: int
    page: int | None
    text: str
    start: int
    end: int
    footnote: str
    highlights: tuple[tuple[int, int], ...] = ()  # spans of the quoted sentences inside text
    score: float | None = None
    rank: int | None = None
    kind: str | None = None
    labels: tuple[str, ...] = ()  # a table row's column labels, shown above the row
    provenance: str | None = None  # set for a letter attached to an e-mail

    def to_dict(self) -> dict:
        spans = [list(span) for span in self.highlights]
        return asdict(self) | {"highlights": spans, "labels": list(self.labels)}

    def label(self) -> str:
        """'Pakistan, 16 February 2009, Ministry of Foreign Affairs, ¶ 4'"""
        where = (
            f"¶ {self.paragraph_number}" if self.paragraph_number else f"paragraph {self.ordinal}"
        )
        fields = [self.state, human_date(self.date), self.sender, where]
        return ", ".join(" ".join(f.split()) for f in fields if f)


def citation_of(paragraph, n=None, highlights=(), score=None, rank=None, address=None) -> Citation:
    """A Citation from an IndexedParagraph (metadata only; nothing is invented). ADDRESS is the
    text of the letter's address block, for the footnote's recipient."""
    return Citation(
        n=n,
        paragraph_id=paragraph.id,
        letter_id=paragraph.letter_id,
        file=paragraph.file,
        letter_index=paragraph.letter_index,
        state=paragraph.state,
        date=paragraph.date,
        sender=paragraph.sender,
        signatory=paragraph.signatory,
        paragraph_number=paragraph.number,
        ordinal=paragraph.ordinal,
        page=paragraph.page,
        text=paragraph.text,
        start=paragraph.start,
        end=paragraph.end,
        footnote=paragraph_footnote(paragraph, address),
        highlights=tuple(tuple(span) for span in highlights),
        score=None if score is None else round(float(score), 6),
        rank=rank,
        kind=paragraph.kind,
        labels=paragraph.labels,
        provenance=paragraph.provenance,
    )


@dataclass(frozen=True)
class Answer:
    """What `ask` returns: markdown with [n] markers, the cited and the retrieved paragraphs."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    retrieved: tuple[Citation, ...] = ()
    timings_ms: dict = field(default_factory=dict)
    notice: str | None = None
    answering: str | None = None  # a follow-up's question as resolved ("Answering: …")

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [c.to_dict() for c in self.retrieved],
            "timings_ms": dict(self.timings_ms),
            "notice": self.notice,
            "answering": self.answering,
        }

    def describe(self) -> str:
        """The CLI text: the answer, a notice if any, then the numbered sources."""
        lines = [f"Answering: {self.answering}", ""] if self.answering else []
        lines.append(self.answer)
        if self.notice:
            lines += ["", f"Note: {self.notice}"]
        if self.citations:
            lines += ["", "Sources:"]
        for citation in self.citations:
            lines += [f"[{citation.n}] {citation.label()}", f"    {citation.footnote}"]
            lines += [f"    {line}" for line in citation.text.splitlines()]
        return "\n".join(lines)
