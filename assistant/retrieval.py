"""Find the chunks worth reading: dense search in Chroma, BM25, and weighted reciprocal rank fusion
of both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from index.reader import IndexReader

Mode = Literal["hybrid", "dense", "lexical"]

# Reciprocal rank fusion: a chunk at rank r (0 first) of a list adds weight / (RRF_K + r + 1), the
# weight that list's (RankingSettings.dense_weight, lexical_weight).
RRF_K = 60
Weights = tuple[float, float]
"""(dense, lexical) weights of the fusion."""


@dataclass(frozen=True)
class Retrieved:
    """A chunk found for a query. `fused` is its reciprocal-rank-fusion score (higher is better);
    `dense` its cosine similarity to the query and `lexical` its BM25 score, where it was found
    by that retriever."""

    position: int
    fused: float
    dense: float | None = None
    lexical: float | None = None


def retrieve(
    reader: IndexReader,
    query: str,
    vector: np.ndarray,
    k: int,
    sources: list[str] | None = None,
    mode: Mode = "hybrid",
    weights: Weights = (1.0, 1.0),
) -> list[Retrieved]:
    """The k best chunks for the query, best first."""
    dense = reader.dense(vector, k, sources) if mode != "lexical" else []
    mask = reader.source_mask(sources) if sources is not None and mode != "dense" else None
    lexical = reader.lexical.search(query, k, mask) if mode != "dense" else []
    fused: dict[int, float] = {}
    dense_scores = {hit.position: hit.similarity for hit in dense}
    lexical_scores = dict(lexical)
    rankings = ([hit.position for hit in dense], [position for position, _ in lexical])
    for weight, ranking in zip(weights, rankings, strict=True):
        for rank, position in enumerate(ranking):
            fused[position] = fused.get(position, 0.0) + weight / (RRF_K + rank + 1)
    order = sorted(fused, key=lambda p: -fused[p])[:k]
    return [Retrieved(p, fused[p], dense_scores.get(p), lexical_scores.get(p)) for p in order]
