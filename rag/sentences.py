"""Sentence splitting (pure), kept by the index: it stores a vector for every sentence at ingest,
so the answerer must split paragraphs exactly as the index did."""

from index.sentences import ABBREVIATIONS, split_sentences

__all__ = ["ABBREVIATIONS", "split_sentences"]
