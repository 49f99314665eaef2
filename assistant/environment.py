"""Settings from the environment, read once at the edges: the `assistant` command and the UI it serves.

Library objects (`Assistant`, `IndexSettings`, `LLMSettings`) never read the environment. The
command reads `Environment` once, fills every option its flags left unset from it
(`with_environment`), and builds one `AssistantSettings` from the result (`settings_from_args`):
an explicit flag always beats the environment, and every command honours the same variables.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.settings import AssistantSettings, Backend, LLMSettings
from index.settings import IndexSettings


class Environment(BaseSettings):
    """The ASSISTANT_* environment variables, each the default of the flag it names."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", frozen=True, extra="ignore")

    corpus: str | None = Field(default=None, description="ASSISTANT_CORPUS: folder of documents (--corpus).")
    index: str | None = Field(default=None, description="ASSISTANT_INDEX: folder of the index (--index).")
    chroma_url: str | None = Field(default=None, description="ASSISTANT_CHROMA_URL: a Chroma server (--chroma-url).")
    sentence_vectors: Literal["pooled", "separate", "in_context"] | None = Field(
        default=None, description="ASSISTANT_SENTENCE_VECTORS: how sentences are embedded (--sentence-vectors)."
    )
    embed_model: str | None = Field(
        default=None, description="ASSISTANT_EMBED_MODEL: the embedding model, a name or a folder (--embed-model)."
    )
    llm: Backend | None = Field(default=None, description="ASSISTANT_LLM: the language model's backend (--llm).")
    llm_model: str | None = Field(default=None, description="ASSISTANT_LLM_MODEL: model name or .gguf (--llm-model).")
    llm_base_url: str | None = Field(default=None, description="ASSISTANT_LLM_BASE_URL: its server (--llm-base-url).")
    llm_api_key: str | None = Field(
        default=None, description="ASSISTANT_LLM_API_KEY: the server's key (no flag: a command line is visible to all)."
    )
    auth: str | None = Field(default=None, description="ASSISTANT_AUTH: user:password for the UI (--auth).")
    allow_origin: str | None = Field(
        default=None,
        description="ASSISTANT_ALLOW_ORIGIN: origins allowed to call the UI from other pages, comma-separated "
        "(--allow-origin).",
    )
    examples: str | None = Field(
        default=None, description="ASSISTANT_EXAMPLES: a question file whose questions the UI offers (--examples)."
    )


def with_environment(args: argparse.Namespace, environment: Environment) -> argparse.Namespace:
    """`args` with every option the command line left unset taken from `environment`; options the
    command does not have are added, so that every command sees the same settings."""
    merged = argparse.Namespace(**vars(args))
    for name, value in environment.model_dump().items():
        if getattr(merged, name, None) is not None or value is None:
            continue
        if name == "allow_origin":
            value = [origin.strip() for origin in value.split(",") if origin.strip()]
        setattr(merged, name, value)
    return merged


def settings_from_args(args: argparse.Namespace) -> AssistantSettings:
    """The settings that command-line options (already merged with the environment) describe."""
    index = {
        "corpus": _path(getattr(args, "corpus", None)),
        "index_dir": _path(getattr(args, "index", None)),
        "chroma_url": getattr(args, "chroma_url", None),
        "sentence_vectors": getattr(args, "sentence_vectors", None),
        "embed_model": getattr(args, "embed_model", None),
    }
    llm = None
    backend = getattr(args, "llm", None)
    if backend is not None and not getattr(args, "extractive", False):
        model = getattr(args, "llm_model", None)
        if not model:
            raise ValueError(
                "--llm needs --llm-model (or ASSISTANT_LLM_MODEL): the model's name on the server, "
                "or the path of a .gguf file"
            )
        llm = LLMSettings(
            backend=backend,
            model=model,
            base_url=getattr(args, "llm_base_url", None),
            api_key=getattr(args, "llm_api_key", None),
        )
    return AssistantSettings(
        index=IndexSettings.model_validate({k: v for k, v in index.items() if v is not None}), llm=llm
    )


def _path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)
