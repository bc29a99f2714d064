"""rag: answers questions over the indexed letters, citing the exact paragraph."""

from rag.across import AcrossStates, AcrossTable, is_across
from rag.answer import Answer, Citation
from rag.chain import Pipeline
from rag.errors import RagError
from rag.evaluate import EvalReport, evaluate
from rag.extractive import AnswerSettings, ExtractiveAnswerer
from rag.footnote import footnote, paragraph_footnote
from rag.llm import LLMAnswerer, make_answerer
from rag.query import QueryPlan, analyse, clean_question
from rag.retrieve import RetrievalSettings, Retriever
from rag.timeline import PositionChanges, StateSummary, StateTimeline, Timeline
from rag.topics import TOPICS, Topic

__all__ = [
    "TOPICS",
    "AcrossStates",
    "AcrossTable",
    "PositionChanges",
    "StateSummary",
    "StateTimeline",
    "Timeline",
    "Topic",
    "is_across",
    "Answer",
    "AnswerSettings",
    "Citation",
    "EvalReport",
    "ExtractiveAnswerer",
    "LLMAnswerer",
    "Pipeline",
    "QueryPlan",
    "RagError",
    "RetrievalSettings",
    "Retriever",
    "analyse",
    "clean_question",
    "evaluate",
    "footnote",
    "make_answerer",
    "paragraph_footnote",
]
