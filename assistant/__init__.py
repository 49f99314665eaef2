"""Offline question answering over a folder of documents, every claim cited to its exact source span.

from assistant import Assistant
bot = Assistant()
answer = bot.ask("who doubted the withdrawal?")
"""

from assistant.conversation import Conversation
from assistant.core import Assistant
from assistant.errors import (
    AssistantError,
    CorpusNotFoundError,
    EmptyCorpusError,
    EmptyQuestionError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotBuiltError,
    LLMNotConfiguredError,
    LLMUnavailableError,
    RebuildCancelled,
    RebuildInProgressError,
    StoreUnavailableError,
    UnknownSourceError,
)
from assistant.question import NamesRead
from assistant.settings import AssistantSettings, LLMSettings, RankingSettings
from assistant.types import NOT_FOUND, Answer, Citation, Evidence, Segment
from index.build import RebuildReport
from index.settings import IndexSettings

__all__ = [
    "NOT_FOUND",
    "Answer",
    "Assistant",
    "AssistantError",
    "AssistantSettings",
    "Citation",
    "Conversation",
    "CorpusNotFoundError",
    "EmptyCorpusError",
    "EmptyQuestionError",
    "Evidence",
    "IndexCorruptError",
    "IndexMismatchError",
    "IndexNotBuiltError",
    "IndexSettings",
    "LLMNotConfiguredError",
    "LLMSettings",
    "LLMUnavailableError",
    "NamesRead",
    "RankingSettings",
    "RebuildCancelled",
    "RebuildInProgressError",
    "RebuildReport",
    "Segment",
    "StoreUnavailableError",
    "UnknownSourceError",
]
