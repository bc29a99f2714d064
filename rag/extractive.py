"""The default answerer (no LLM): quotes the retrieved sentences that best answer the question.

Every statement of the answer is a verbatim sentence of a cited paragraph; the only other words
are lead-ins built from the letters' metadata (date, state, sender).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from rag.answer import citation_of
from rag.footnote import human_date
from rag.metrics import content_words
from rag.query import QueryPlan
from rag.sentences import split_sentences
from rag.states import canonical_state, fold

NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|"
    r"million|billion|half|dozen)\b",
    re.I,
)
ASKS_NUMBER = re.compile(
    r"\b(?:how (?:many|much)|what (?:number|quantity|amount|share|portion|"
    r"percentage)|what was the cost|how large|combien|cuántos|cuántas)\b",
    re.I,
)
META_LEAD = {
    "date": "is dated",
    "signature": "is signed",
    "letterhead": "comes from",
    "address": "is addressed to",
    "reference": "bears the reference",
}


@dataclass(frozen=True)
class AnswerSettings:
    """Weights and thresholds, calibrated on the dev set (scripts/bench_rag.py)."""

    similarity_weight: float = 1.0
    overlap_weight: float = 0.35
    retrieval_weight: float = 0.25
    abstain_below: float = 0.45  # best sentence score under which the answerer abstains
    same_paragraph_ratio: float = 0.7  # other sentences of the best paragraph quoted above this
    other_paragraph_ratio: float = 0.9  # other paragraphs quoted above this share of the best
    multi_letter_ratio: float = 0.75  # for comparisons and several dates: one line per letter
    max_sentences: int = 4
    max_paragraphs: int = 3
    see_also: int = 3


@dataclass(frozen=True)
class Scored:
    """One sentence of a retrieved paragraph, scored against the question."""

    hit: object  # retrieve.Hit
    start: int
    end: int
    score: float

    @property
    def text(self) -> str:
        return self.hit.paragraph.text[self.start : self.end]


@dataclass(frozen=True)
class Draft:
    """An answer before verification: text with [n], cited hits with their highlight spans."""

    text: str
    abstained: bool
    cited: tuple  # ((n, hit, ((start, end), ...)), ...) in citation order
    notice: str | None = None


class SentenceEmbeddings:
    """Sentence vectors, cached: the same paragraphs come back question after question."""

    def __init__(self, embedder, size: int = 20000):
        self.embedder, self.size, self.cache = embedder, size, OrderedDict()

    def vectors(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            for text, vector in zip(missing, self.embedder.embed_documents(missing), strict=True):
                self.cache[text] = np.asarray(vector, dtype=np.float32)
            while len(self.cache) > self.size:
                self.cache.popitem(last=False)
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, 1))

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder.embed_query(text), dtype=np.float32)


class ExtractiveAnswerer:
    """Scores the sentences of the retrieved paragraphs and quotes the best few, or abstains."""

    streams = False

    def __init__(self, embedder, settings: AnswerSettings | None = None):
        self.sentences = SentenceEmbeddings(embedder)
        self.settings = settings or AnswerSettings()

    def answer(self, plan: QueryPlan, hits: list) -> Draft:
        if not hits:
            return abstention(plan, [], self.settings.see_also)
        meta = [h for h in hits if h.meta]
        if meta:
            return meta_answer(plan, meta)
        scored = self.score(plan, hits)
        best = scored[0] if scored else None
        if best is None or self.should_abstain(plan, scored):
            return abstention(plan, hits, self.settings.see_also)
        return compose(plan, self.select(plan, scored))

    def stream(self, plan: QueryPlan, hits: list):
        draft = self.answer(plan, hits)
        yield from draft.text.splitlines(keepends=True)
        yield draft

    # --- scoring -----------------------------------------------------------------------

    def score(self, plan: QueryPlan, hits: list) -> list[Scored]:
        spans = [(h, s, e) for h in hits for s, e in split_sentences(h.paragraph.text)]
        if not spans:
            return []
        texts = [h.paragraph.text[s:e] for h, s, e in spans]
        similarity = self.sentences.vectors(texts) @ self.sentences.query(plan.question)
        wanted = content_words(plan.question)
        expanded = content_words(plan.lexical)
        top = max(h.score for h in hits) or 1.0
        w = self.settings
        scored = [
            Scored(
                h,
                s,
                e,
                w.similarity_weight * float(sim)
                + w.overlap_weight * overlap(wanted, expanded, text)
                + w.retrieval_weight * h.score / top,
            )
            for (h, s, e), text, sim in zip(spans, texts, similarity, strict=True)
        ]
        return sorted(scored, key=lambda x: -x.score)

    def should_abstain(self, plan: QueryPlan, scored: list[Scored]) -> bool:
        best = scored[0]
        if best.score < self.settings.abstain_below:
            return True
        if absent_states(plan, scored) and not mentions_states(plan, best.text):
            return True
        top = [x for x in scored if x.score >= best.score * self.settings.same_paragraph_ratio][:5]
        return bool(ASKS_NUMBER.search(plan.question)) and not any(
            NUMBER.search(x.text) for x in top
        )

    # --- selection ---------------------------------------------------------------------

    def select(self, plan: QueryPlan, scored: list[Scored]) -> list[list[Scored]]:
        """Groups of sentences, one group per cited paragraph, best paragraph first."""
        w, best = self.settings, scored[0]
        several = plan.compares or (plan.since and plan.until and plan.since != plan.until)
        ratio = w.multi_letter_ratio if several else w.other_paragraph_ratio
        groups: dict[str, list[Scored]] = {best.hit.paragraph.id: [best]}
        letters = {best.hit.paragraph.letter_id}
        for x in scored[1:]:
            pid = x.hit.paragraph.id
            if pid in groups:
                if (
                    x.score >= best.score * w.same_paragraph_ratio
                    and len(groups[pid]) < w.max_sentences
                ):
                    groups[pid].append(x)
            elif len(groups) < w.max_paragraphs and x.score >= best.score * ratio:
                if several and x.hit.paragraph.letter_id in letters and len(groups) < 2:
                    continue  # a comparison first wants another letter
                groups[pid] = [x]
                letters.add(x.hit.paragraph.letter_id)
        return [sorted(g, key=lambda x: x.start) for g in groups.values()]


def overlap(wanted: set[str], expanded: set[str], text: str) -> float:
    """Share of the question's content words (or their glossary equivalents) in TEXT."""
    if not wanted:
        return 0.0
    present = content_words(text)
    return min(1.0, len(expanded & present) / len(wanted))


def absent_states(plan: QueryPlan, scored: list[Scored]) -> bool:
    """The question names states and none of them wrote any retrieved letter."""
    if not plan.states:
        return False
    seen = {canonical_state(x.hit.paragraph.state or "") for x in scored}
    return not (set(plan.states) & seen)


def mentions_states(plan: QueryPlan, text: str) -> bool:
    from rag.states import find_states

    return bool({s.state for s in find_states(text)} & set(plan.states))


# --- composing the text ------------------------------------------------------------------


def quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def source_phrase(paragraph) -> str:
    """ "Pakistan's Ministry of Foreign Affairs" / "the Embassy of Pakistan" / "Pakistan"."""
    sender = (paragraph.sender or "").split("\n")[0].split(",")[0].strip()
    state = paragraph.state
    if sender and state and fold(state) not in fold(sender):
        return f"{state}'s {sender}"
    if sender:
        return sender if sender.lower().startswith("the ") else f"the {sender}"
    return state or "the letter"


def lead_in(paragraph) -> str:
    when = human_date(paragraph.date)
    letter = f"In its letter of {when}" if when else "In its letter"
    return f"{letter}, {source_phrase(paragraph)} states:"


def compose(plan: QueryPlan, groups: list[list[Scored]]) -> Draft:
    """One line per cited paragraph; a lead-in for each new letter; newest first for "current"."""
    if plan.newest:
        groups = sorted(groups, key=lambda g: g[0].hit.paragraph.date or "", reverse=True)
    elif (
        len({g[0].hit.paragraph.letter_id for g in groups}) > 1
        and len({canonical_state(g[0].hit.paragraph.state or "") for g in groups}) == 1
    ):
        groups = sorted(groups, key=lambda g: g[0].hit.paragraph.date or "")  # how it developed
    lines, cited, previous = [], [], None
    for n, group in enumerate(groups, start=1):
        paragraph = group[0].hit.paragraph
        quoted = " ".join(quote(x.text) for x in group)
        intro = "It adds:" if paragraph.letter_id == previous else lead_in(paragraph)
        lines.append(f"{intro} {quoted} [{n}]")
        cited.append((n, group[0].hit, tuple((x.start, x.end) for x in group)))
        previous = paragraph.letter_id
    return Draft("\n\n".join(lines), False, tuple(cited))


def meta_answer(plan: QueryPlan, meta: list) -> Draft:
    """Who/when questions: the letter's date line and signature block, quoted."""
    paragraph = meta[0].paragraph
    when = human_date(paragraph.date)
    header = f"The letter from {source_phrase(paragraph)}" + (f" ({when})" if when else "")
    parts, cited = [], []
    for n, hit in enumerate(meta, start=1):
        verb = META_LEAD.get(hit.paragraph.kind, "reads")
        text = hit.paragraph.text
        parts.append(f"{verb} {quote(text)} [{n}]")
        cited.append((n, hit, ((0, len(text)),)))
    return Draft(f"{header} " + "; ".join(parts) + ".", False, tuple(cited))


def abstention(plan: QueryPlan, hits: list, see_also: int) -> Draft:
    """'The letters in this collection do not address …', with the closest paragraphs."""
    text = "The letters in this collection do not address this question"
    text += f" ({plan.question.strip()})." if plan.question.strip() else "."
    closest = hits[:see_also]
    if closest:
        text += "\n\nSee also:\n" + "\n".join(
            f"- [{n}] {citation_of(h.paragraph).label()}" for n, h in enumerate(closest, start=1)
        )
    return Draft(text, True, tuple((n, h, ()) for n, h in enumerate(closest, start=1)))
