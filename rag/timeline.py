"""Positions over time: a state's letters in date order with the paragraphs that state its
policy on each topic of rag.topics, the earliest-vs-latest comparison, and the states overview.

Everything is read through the index's public API (`letters()`, `letter()`) and cited with
the chat's Citation objects and footnotes; nothing needs an LLM.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ingest import CONTENT_KINDS
from rag.answer import Citation
from rag.changes import changed_spans
from rag.cite import cite
from rag.errors import TooFewLetters, UnknownState
from rag.sentence_index import SentenceVectors
from rag.sentences import split_sentences
from rag.states import canonical_state
from rag.topics import TOPICS, best_per_topic


@dataclass(frozen=True)
class Position:
    """One cited paragraph of a letter and the topics it states the letter's policy on; its
    citation highlights the sentence nearest to each topic."""

    topics: tuple[str, ...]  # topic keys
    labels: tuple[str, ...]
    citation: Citation

    def to_dict(self) -> dict:
        return {"topics": list(self.topics), "labels": list(self.labels)} | {
            "citation": self.citation.to_dict()
        }


@dataclass(frozen=True)
class LetterPositions:
    """One letter of a timeline: its metadata and its policy paragraphs."""

    letter_id: str
    file: str
    letter_index: int
    date: str | None
    sender: str | None
    signatory: str | None
    language: str | None
    positions: tuple[Position, ...] = ()

    def to_dict(self) -> dict:
        fields = {k: v for k, v in self.__dict__.items() if k != "positions"}
        return fields | {"positions": [p.to_dict() for p in self.positions]}


@dataclass(frozen=True)
class StateTimeline:
    state: str
    letters: tuple[LetterPositions, ...]

    def to_dict(self) -> dict:
        return {"state": self.state, "letters": [letter.to_dict() for letter in self.letters]}

    def describe(self) -> str:
        """The CLI text: each letter, then its topics with the quoted paragraph and footnote."""
        lines = [f"{self.state}: {len(self.letters)} letter(s)"]
        for letter in self.letters:
            lines += ["", f"{letter.date or 'undated'}  {letter.sender or ''}".rstrip()]
            for position in letter.positions:
                c = position.citation
                lines += [f"  [{c.n}] {'; '.join(position.labels)} ({c.label()})"]
                lines += [f"      {' '.join(c.text.split())}", f"      {c.footnote}"]
            if not letter.positions:
                lines.append("  (states no policy on the topics)")
        return "\n".join(lines)


@dataclass(frozen=True)
class TopicChange:
    """One topic in the earliest and the latest letter; highlights are the differing sentences."""

    topic: str
    label: str
    earlier: Citation | None
    later: Citation | None

    @property
    def changed(self) -> bool:
        sides = [c for c in (self.earlier, self.later) if c is not None]
        return len(sides) < 2 or any(c.highlights for c in sides)

    def to_dict(self) -> dict:
        return {
            "topic": self.topic, "label": self.label, "changed": self.changed,
            "earlier": self.earlier and self.earlier.to_dict(),
            "later": self.later and self.later.to_dict(),
        }  # fmt: skip


@dataclass(frozen=True)
class PositionChanges:
    state: str
    earlier: LetterPositions
    later: LetterPositions
    topics: tuple[TopicChange, ...]

    def to_dict(self) -> dict:
        return {
            "state": self.state,
            "earlier": self.earlier.to_dict() | {"positions": None},
            "later": self.later.to_dict() | {"positions": None},
            "topics": [t.to_dict() for t in self.topics],
        }

    def describe(self) -> str:
        lines = [f"{self.state}: {self.earlier.date} -> {self.later.date}"]
        for change in self.topics:
            lines += ["", f"{change.label}: {'changed' if change.changed else 'unchanged'}"]
            for when, side in (("earlier", change.earlier), ("later", change.later)):
                lines.append(f"  {when}: " + (marked(side) if side else "not addressed"))
        return "\n".join(lines)


def marked(citation: Citation) -> str:
    """The paragraph with its changed sentences in >>> <<< (plain-text highlight)."""
    text, out, cursor = citation.text, [], 0
    for start, end in citation.highlights:
        out += [text[cursor:start], ">>>", text[start:end], "<<<"]
        cursor = end
    return " ".join("".join([*out, text[cursor:]]).split()) + f" [{citation.n}]"


@dataclass(frozen=True)
class StateSummary:
    """One row of the states overview."""

    state: str
    letters: int
    first_date: str | None
    last_date: str | None
    languages: tuple[str, ...]

    def to_dict(self) -> dict:
        return self.__dict__ | {"languages": list(self.languages)}


class Timeline:
    """Timelines, comparisons and the overview over a LetterIndex. SENTENCES is the Pipeline's
    shared cache of sentence vectors (every paragraph's sentences are embedded once)."""

    def __init__(self, letter_index, sentences: SentenceVectors | None = None, topics=TOPICS):
        self.index = letter_index
        self.sentences = sentences or SentenceVectors(letter_index.embedder)
        self.topics = topics

    def states(self) -> list[StateSummary]:
        """Every state in the collection: letters, date range and languages."""
        by_state: dict[str, list[dict]] = {}
        for summary in self.index.letters():
            if summary.get("state"):
                by_state.setdefault(summary["state"], []).append(summary)
        return [summary_of(state, found) for state, found in sorted(by_state.items())]

    def of(self, state: str) -> StateTimeline:
        """STATE's letters in date order, each with its policy paragraphs, cited."""
        name, summaries = self.letters_of(state)
        letters, n = [], 1
        for summary in summaries:
            letter = self.letter_positions(summary, n)
            n += len(letter.positions)
            letters.append(letter)
        return StateTimeline(name, tuple(letters))

    def changes(self, state: str) -> PositionChanges:
        """Topic by topic, the earliest and the latest letter of STATE that state a policy."""
        timeline = self.of(state)
        stating = [letter for letter in timeline.letters if letter.positions]
        if len(stating) < 2:
            raise TooFewLetters(timeline.state, len(stating))
        earlier, later = stating[0], stating[-1]
        first, last = positions_by_topic(earlier), positions_by_topic(later)
        found, n = [], 1
        for t in self.topics:
            a, b = first.get(t.key), last.get(t.key)
            if a is None and b is None:
                continue
            old = a and self.compared(a, b, n)
            new = b and self.compared(b, a, n + (old is not None))
            n += (old is not None) + (new is not None)
            found.append(TopicChange(t.key, t.label, old, new))
        return PositionChanges(timeline.state, earlier, later, tuple(found))

    # --- helpers ---------------------------------------------------------------------------

    def letters_of(self, state: str) -> tuple[str, list[dict]]:
        """The stored name of STATE and its letter summaries, oldest first (undated last)."""
        wanted = canonical_state(state) or state.strip()
        summaries = [
            s
            for s in self.index.letters()
            if s.get("state") and (canonical_state(s["state"]) or s["state"]) == wanted
        ]
        if not summaries:
            known = sorted({s["state"] for s in self.index.letters() if s.get("state")})
            raise UnknownState(state, known)
        ordered = sorted(summaries, key=lambda s: (not s["date"], s["date"] or "", s["file"]))
        return ordered[0]["state"], ordered

    def letter_positions(self, summary: dict, n: int) -> LetterPositions:
        body = [p for p in self.index.letter(summary["letter_id"]) if p.kind in CONTENT_KINDS]
        matches = best_per_topic(body, self.similarity_of(body), self.topics)
        grouped: dict[str, list] = {}
        for match in matches:
            grouped.setdefault(match.paragraph.id, []).append(match)
        positions = []
        in_order = sorted(grouped.values(), key=lambda group: group[0].paragraph.ordinal)
        for number, group in enumerate(in_order, start=n):
            paragraph = group[0].paragraph
            spans = sorted({self.best_sentence(paragraph, m.topic) for m in group})
            keys = tuple(m.topic.key for m in group)
            labels = tuple(m.topic.label for m in group)
            positions.append(Position(keys, labels, cite(self.index, paragraph, number, spans)))
        fields = ("letter_id", "file", "letter_index", "date", "sender", "signatory", "language")
        return LetterPositions(**{k: summary.get(k) for k in fields}, positions=tuple(positions))

    def compared(self, position: Position, other: Position | None, n: int) -> Citation:
        """POSITION's citation renumbered N, its sentences absent from OTHER highlighted."""
        text = position.citation.text
        spans = changed_spans(text, other.citation.text if other else None)
        return replace(position.citation, n=n, highlights=spans)

    def topic_matrix(self, texts: list[str], topic) -> np.ndarray:
        self.sentences.queries(list(topic.queries))
        queries = np.stack([self.sentences.query(q) for q in topic.queries])
        return self.sentences.vectors(texts) @ queries.T

    def similarity_of(self, paragraphs):
        """SIMILARITY(paragraph, topic): the cosine of its best sentence to the nearest of the
        topic's query texts (sentence vectors come from the shared cache)."""

        def similarity(paragraph, topic) -> float:
            texts = [paragraph.text[s:e] for s, e in split_sentences(paragraph.text)]
            return float(self.topic_matrix(texts, topic).max()) if texts else 0.0

        return similarity

    def best_sentence(self, paragraph, topic) -> tuple[int, int]:
        spans = split_sentences(paragraph.text)
        texts = [paragraph.text[s:e] for s, e in spans]
        return spans[int(self.topic_matrix(texts, topic).max(axis=1).argmax())]


def positions_by_topic(letter: LetterPositions) -> dict[str, Position]:
    return {key: p for p in letter.positions for key in p.topics}


def summary_of(state: str, summaries: list[dict]) -> StateSummary:
    dates = sorted(s["date"] for s in summaries if s.get("date"))
    languages = tuple(sorted({s["language"] for s in summaries if s.get("language")}))
    return StateSummary(state, len(summaries), dates[0] if dates else None,
                        dates[-1] if dates else None, languages)  # fmt: skip
