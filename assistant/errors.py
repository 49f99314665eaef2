"""Typed errors of the assistant; the index's own errors are re-exported so callers need one import.

Every one derives from `AssistantError`."""

from __future__ import annotations

from index.errors import (
    AssistantError,
    CorpusNotFoundError,
    EmptyCorpusError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotBuiltError,
    IndexPipelineError,
    RebuildCancelled,
    RebuildInProgressError,
    StoreUnavailableError,
)


class EmptyQuestionError(AssistantError, ValueError):
    def __init__(self) -> None:
        super().__init__("the question is empty; type a question about the documents")


class UnknownSourceError(AssistantError, KeyError):
    def __init__(self, source: str) -> None:
        super().__init__(f"{source!r} is not a document of this index; see Assistant.sources()")

    def __str__(self) -> str:
        return str(self.args[0])


class LLMUnavailableError(AssistantError):
    """A language-model backend cannot be used here: its package or model file is missing."""


class LLMNotConfiguredError(AssistantError):
    def __init__(self) -> None:
        super().__init__(
            "no language model is configured; pass --llm BACKEND --llm-model MODEL, set ASSISTANT_LLM and "
            "ASSISTANT_LLM_MODEL, or give AssistantSettings(llm=LLMSettings(...))"
        )


__all__ = [
    "AssistantError",
    "CorpusNotFoundError",
    "EmptyCorpusError",
    "EmptyQuestionError",
    "IndexCorruptError",
    "IndexMismatchError",
    "IndexNotBuiltError",
    "IndexPipelineError",
    "LLMNotConfiguredError",
    "LLMUnavailableError",
    "RebuildCancelled",
    "RebuildInProgressError",
    "StoreUnavailableError",
    "UnknownSourceError",
]
