"""Find the chunks worth reading: dense search in Chroma, BM25, and weighted reciprocal rank fusion
of both, with a third ranking of the chunks both found by their best sentence.

A chunk's vector is the mean of its sentences' (or the encoding of its whole text): a chunk of
many table rows or definitions lies far from a question that one of them answers ("the last year
a date can represent" against "datetime.MAXYEAR: The largest year number allowed in a date ...").
So each retriever hands on a wider pool, and its chunks are ranked again by their best sentence's
cosine to the question; that ranking joins the fusion (`RankingSettings.sentence_weight`). A chunk
can lie past both pools while one of its sentences is the nearest of all to the question, so that
ranking reads every sentence of the corpus (`RankingSettings.every_sentence`)."""

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
    sentence: float | None = None  # cosine of its best sentence, where the sentence ranking read it


def retrieve(
    reader: IndexReader,
    query: str,
    vector: np.ndarray,
    k: int,
    sources: list[str] | None = None,
    mode: Mode = "hybrid",
    weights: Weights = (1.0, 1.0),
    sentence_weight: float = 0.0,
    pool: int = 0,
    every_sentence: bool = False,
) -> list[Retrieved]:
    """The k best chunks for the query, best first. In hybrid mode with a `sentence_weight`, each
    retriever hands on `pool` chunks (k at least), and those are ranked again by their best
    sentence as a third list of the fusion; the other two lists keep their k best. With
    `every_sentence`, that third list is the k chunks of the whole corpus whose best sentence is
    nearest, whether or not a retriever found them."""
    ranks_sentences = mode == "hybrid" and sentence_weight > 0
    wide = max(k, pool) if ranks_sentences else k
    dense = reader.dense(vector, wide, sources) if mode != "lexical" else []
    mask = reader.source_mask(sources) if sources is not None and mode != "dense" else None
    lexical = reader.lexical.search(query, wide, mask) if mode != "dense" else []
    dense_scores = {hit.position: hit.similarity for hit in dense}
    lexical_scores = dict(lexical)
    rankings = [[hit.position for hit in dense[:k]], [position for position, _ in lexical[:k]]]
    list_weights = list(weights)
    sentence_scores: dict[int, float] = {}
    if ranks_sentences:
        sentence_scores = best_sentences(reader, vector, [*dense_scores, *lexical_scores])
        if every_sentence:
            nearest = reader.nearest_by_sentence(vector, k, sources)
            sentence_scores |= nearest
            rankings.append(list(nearest))
        else:
            rankings.append(sorted(sentence_scores, key=lambda p: -sentence_scores[p])[:k])
        list_weights.append(sentence_weight)
    fused: dict[int, float] = {}
    for weight, ranking in zip(list_weights, rankings, strict=True):
        for rank, position in enumerate(ranking):
            fused[position] = fused.get(position, 0.0) + weight / (RRF_K + rank + 1)
    order = sorted(fused, key=lambda p: -fused[p])[:k]
    return [Retrieved(p, fused[p], dense_scores.get(p), lexical_scores.get(p), sentence_scores.get(p)) for p in order]


def best_sentences(reader: IndexReader, vector: np.ndarray, positions: list[int]) -> dict[int, float]:
    """Each chunk's best sentence cosine to `vector` (chunks without sentences left out)."""
    found: dict[int, float] = {}
    for position in dict.fromkeys(positions):
        vectors = reader.sentence_vectors(position)
        if len(vectors):
            found[position] = float(np.max(vectors @ vector))
    return found
