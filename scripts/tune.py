"""Reproducible tuning: random search over retrieval and answer settings, scored by k-fold
cross-validation over both dev question sets, then an ablation table of the retrieval steps.

    .venv/bin/python scripts/tune.py [--folds 5] [--retrieval-samples 4] [--answer-samples 12]
                                     [--seed 0] [--max-changed N] [--index-root DIR]
                                     [--corpus DIR ...] [--late-chunking]

Folds are made of letter files: a question is tested in every fold holding one of its gold
files and trained on only in folds holding none of them, so a file's questions never sit in
train and test at once (questions without gold are spread by a hash of their id). For each
fold the setting with the best mean objective on the training questions is scored on the
held-out ones; the table prints the held-out mean and spread (standard deviation over folds)
of every metric. Indexes are built once under --index-root (default: a temporary folder) and
synced incrementally on later runs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from index import Embedder, LetterIndex, make_client  # noqa: E402
from rag import Pipeline  # noqa: E402
from rag.evaluate import load_questions  # noqa: E402
from rag.extractive import AnswerSettings, ExtractiveAnswerer  # noqa: E402
from rag.metrics import score_question, summarise  # noqa: E402
from rag.query import analyse  # noqa: E402
from rag.retrieve import RetrievalSettings, Retriever  # noqa: E402
from rag.settings import describe  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = [SHARED / "letters-dev", SHARED / "letters-dev-2"]
METRICS = ("recall@5", "mrr", "citation_precision", "answer_facts", "abstention_accuracy",
           "false_abstention")  # fmt: skip
# The searched values (each inside the setting's declared range; defaults always included).
RETRIEVAL_SPACE = {
    "rrf_k": [10.0, 20.0, 40.0, 60.0],
    "lexical_weight": [0.5, 1.0, 1.5],
    "sentence_weight": [0.5, 1.0, 1.5],
    "state_weight": [0.6, 1.2, 2.0],
    "cognate_weight": [0.5, 1.0, 1.5],
    "compared_foreign_factor": [0.25, 0.5, 0.75, 1.0],
}
ANSWER_SPACE = {
    "abstain_below": [0.3, 0.35, 0.4, 0.45, 0.5, 0.55],
    "abstain_support_below": [0.25, 0.3, 0.35, 0.4, 0.45],
    "cross_lingual_factor": [0.5, 0.6, 0.7, 0.8, 1.0],
    "overlap_weight": [0.2, 0.35, 0.5],
    "retrieval_weight": [0.1, 0.2, 0.3, 0.4],
    "year_weight": [0.1, 0.2, 0.3, 0.5],
    "answer_type_weight": [0.1, 0.2, 0.3],
    "extra_support_ratio": [0.0, 0.5, 0.6, 0.7, 0.8],
    "parts_lead": [0, 1],
    "courtesy_factor": [0.3, 0.5, 0.7, 1.0],
    "focus_ratio": [0.4, 0.5, 0.6, 0.8, 1.0],
    "state_words_count": [0, 1],
}


def objective(summary: dict) -> float:
    """Mean of the metrics (false abstention counted as 1 - rate); missing ones left out."""
    values = [
        1 - summary[m] if m == "false_abstention" else summary[m]
        for m in METRICS
        if summary.get(m) is not None
    ]
    return sum(values) / len(values) if values else 0.0


class Corpus:
    """One dev corpus: its questions and a pipeline over its (incrementally synced) index."""

    def __init__(self, folder: Path, index_root: Path, embedder):
        self.name = folder.name
        self.questions = load_questions(folder / "questions.jsonl")
        index = LetterIndex(make_client(index_root / self.name), embedder, collection="tune")
        index.sync(folder / "letters", progress=False)
        self.pipeline = Pipeline(index).warm_up()
        self.across: dict = {}  # question id -> the per-state draft, as `letters eval` answers

    def draft(self, question: dict, plan, hits: list, answerer):
        """The draft `letters eval` would score: "which states …" questions are answered
        per state by the pipeline's AcrossStates (fixed settings, computed once)."""
        across = self.pipeline.across
        if not across.applies(plan):
            return answerer.answer(plan, hits)
        if question["id"] not in self.across:
            self.across[question["id"]] = across.draft(plan, 5)
        return self.across[question["id"]]

    def retrieve(self, settings: RetrievalSettings) -> list:
        """(question, plan, hits) for every question with these retrieval settings."""
        p = self.pipeline
        retriever = Retriever(p.index, settings, sentences=p.sentence_index)
        return [(q, plan, retriever.retrieve(plan, 5)) for q in self.questions
                for plan in [analyse(q["question"])]]  # fmt: skip

    def score(self, retrieved: list, settings: AnswerSettings) -> dict:
        """Question key -> QuestionScore, answering the retrieved hits with SETTINGS."""
        answerer = ExtractiveAnswerer(self.pipeline.index.embedder, settings)
        answerer.sentences = self.pipeline.sentence_index.cache
        scores = {}
        for question, plan, hits in retrieved:
            draft = self.draft(question, plan, hits, answerer)
            pairs = [(h.paragraph.file, h.paragraph.text) for h in hits]
            cited = [(h.paragraph.file, h.paragraph.text) for _, h, _ in draft.cited]
            cited = [] if draft.abstained else cited
            key = (self.name, question["id"])
            scores[key] = score_question(question, pairs, cited, draft.text, draft.abstained, 0)
        return scores


def sample(space: dict, defaults, count: int, rng: random.Random, changed: int = 0) -> list:
    """The defaults and COUNT - 1 random settings from SPACE (each validated on creation);
    with CHANGED > 0 each differs from the defaults in at most that many settings, so one
    setting's effect is not confounded by all the others moving at once."""
    chosen, names = [defaults], sorted(space)
    while len(chosen) < count:
        keys = rng.sample(names, min(changed, len(names))) if changed else names
        candidate = replace(defaults, **{k: rng.choice(space[k]) for k in keys})
        if candidate not in chosen:
            chosen.append(candidate)
    return chosen


def question_files(corpus: Corpus) -> dict:
    return {(corpus.name, q["id"]): {(corpus.name, g["file"]) for g in q.get("gold") or []}
            for q in corpus.questions}  # fmt: skip


def fold_of_files(files: set, folds: int, rng: random.Random) -> dict:
    order = sorted(files)
    rng.shuffle(order)
    return {f: n % folds for n, f in enumerate(order)}


def folds_for(files_of: dict, folds: int, seed: int) -> list[tuple[set, set]]:
    """(train keys, test keys) per fold: by letter file, as the module docstring says."""
    file_fold = fold_of_files(set().union(*files_of.values()), folds, random.Random(seed))
    result = []
    for f in range(folds):
        test, train = set(), set()
        for key, files in files_of.items():
            if files:
                touched = {file_fold[x] for x in files}
                (test if f in touched else train).add(key)
            else:
                digest = int(hashlib.sha1(key[1].encode()).hexdigest(), 16)
                (test if digest % folds == f else train).add(key)
        result.append((train, test))
    return result


def summary_of(scores: dict, keys: set) -> dict:
    return summarise([scores[k] for k in keys])


def cross_validate(results: list, splits: list) -> tuple[dict, list]:
    """Per metric (mean, spread) over the held-out folds, and the setting chosen per fold."""
    held_out, chosen = {m: [] for m in METRICS}, []
    for train, test in splits:
        best = max(results, key=lambda r: objective(summary_of(r[1], train)))
        chosen.append(best[0])
        test_summary = summary_of(best[1], test)
        for m in METRICS:
            if test_summary.get(m) is not None:
                held_out[m].append(test_summary[m])
    stats = {m: (statistics.mean(v), statistics.pstdev(v)) if v else (None, None)
             for m, v in held_out.items()}  # fmt: skip
    return stats, chosen


def fmt(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def print_settings_table() -> None:
    print("| setting | default | range | meaning |\n|---|---|---|---|")
    for cls in (RetrievalSettings, AnswerSettings):
        for name, default, (low, high), meaning in describe(cls):
            print(f"| {cls.__name__}.{name} | {default} | {low}–{high} | {meaning} |")


def ablation(corpora: list[Corpus]) -> None:
    """Each retrieval step removed in turn, default settings, both corpora."""
    print("\n| removed step | " + " | ".join(f"{c.name} {m}" for c in corpora
                                            for m in ("r@5", "MRR", "cit.prec", "facts"))
          + " |")  # fmt: skip
    print("|---" * (1 + 4 * len(corpora)) + "|")
    for step in ("(none)", *Retriever.STEPS):
        settings = RetrievalSettings(skip=frozenset() if step == "(none)" else {step})
        cells = []
        for corpus in corpora:
            s = summarise(list(corpus.score(corpus.retrieve(settings), AnswerSettings()).values()))
            cells += [fmt(s["recall@5"]), fmt(s["mrr"]), fmt(s["citation_precision"]),
                      fmt(s["answer_facts"])]  # fmt: skip
        print(f"| {step} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--retrieval-samples", type=int, default=4)
    parser.add_argument("--answer-samples", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-changed", type=int, default=0,
                        help="answer settings changed per sample (0: all)")  # fmt: skip
    parser.add_argument("--index-root", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, nargs="*", default=CORPORA)
    parser.add_argument("--no-ablation", action="store_true")
    parser.add_argument("--late-chunking", action="store_true",
                        help="sentence vectors pooled from the paragraphs' own model pass, as "
                        "LETTERS_LATE_CHUNKING=true (with a fresh --index-root: a synced index "
                        "keeps the sentence vectors it was built with)")  # fmt: skip
    args = parser.parse_args()
    rng = random.Random(args.seed)
    index_root = args.index_root or Path(tempfile.mkdtemp(prefix="letters-tune-"))
    embedder = Embedder(None, late_chunking=args.late_chunking)
    corpora = [Corpus(folder, index_root, embedder) for folder in args.corpus]
    print_settings_table()

    results = []  # (label, {key: QuestionScore})
    for retrieval in sample(RETRIEVAL_SPACE, RetrievalSettings(), args.retrieval_samples, rng):
        retrieved = {c.name: c.retrieve(retrieval) for c in corpora}
        answers = sample(
            ANSWER_SPACE, AnswerSettings(), args.answer_samples, rng, args.max_changed
        )
        for answer in answers:
            scores = {}
            for c in corpora:
                scores |= c.score(retrieved[c.name], answer)
            results.append(((retrieval, answer), scores))
    files_of = {k: v for c in corpora for k, v in question_files(c).items()}
    splits = folds_for(files_of, args.folds, args.seed)
    stats, chosen = cross_validate(results, splits)

    everything = set(files_of)
    default = results[0][1]
    best = max(results, key=lambda r: objective(summary_of(r[1], everything)))
    print(f"\n{len(results)} settings × {len(everything)} questions, {args.folds} folds by file")
    print("\n| figure | " + " | ".join(METRICS) + " |\n" + "|---" * (1 + len(METRICS)) + "|")
    for c in corpora:
        keys = {k for k in everything if k[0] == c.name}
        s = summary_of(default, keys)
        print(f"| {c.name}, defaults | " + " | ".join(fmt(s[m]) for m in METRICS) + " |")
    print("| cross-validated (held-out mean ± spread) | " + " | ".join(
        f"{fmt(stats[m][0])} ± {fmt(stats[m][1])}" for m in METRICS) + " |")  # fmt: skip
    print("\nchosen per fold (changed from the defaults):")
    for retrieval, answer in chosen:
        print("  ", changed(retrieval, RetrievalSettings()) | changed(answer, AnswerSettings()))
    retrieval, answer = best[0]
    print("best on all questions:", changed(retrieval, RetrievalSettings())
          | changed(answer, AnswerSettings()))  # fmt: skip
    if not args.no_ablation:
        ablation(corpora)


def changed(settings, defaults) -> dict:
    mine, theirs = asdict(settings), asdict(defaults)
    return {k: v for k, v in mine.items() if v != theirs[k]}


if __name__ == "__main__":
    main()
