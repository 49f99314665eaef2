"""Build an extractive answer from the sentences of the retrieved chunks.

Each candidate sentence gets a relevance from 0 to 1:

    relevance = 0.6 * cosine(question, sentence) + 0.4 * overlap(question, sentence)

where cosine is clipped to [0, 1] and `overlap` is the share of the question's content words (light
stems, names counted double) that the sentence contains. The best sentence is always used; further
ones join while they score close to it and the word budget allows. The answer is refused when
the best sentence's relevance is under `min_relevance`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.text import content_words, stem
from index.chunking import Sentence

SEMANTIC_WEIGHT = 0.6
# A further sentence joins the answer when its relevance is at least this share of the best one's.
KEEP_RATIO = 0.8
# Two sentences this similar say the same thing; the weaker one is dropped.
DUPLICATE_COSINE = 0.92


@dataclass(frozen=True)
class Candidate:
    source: str
    page: int | None
    sentence: Sentence
    vector: np.ndarray
    chunk_rank: int  # best rank of a chunk holding this sentence, 0 first


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    cosine: float
    overlap: float
    relevance: float


def question_terms(question: str) -> dict[str, float]:
    """Stemmed content words of the question with their weights (names count double)."""
    terms: dict[str, float] = {}
    raw_words = question.split()
    names = {w.strip("?!.,\"'“”’").lower() for w in raw_words[1:] if w[:1].isupper()}
    for word in content_words(question):
        terms[stem(word)] = 2.0 if word in names else 1.0
    return terms


def overlap(terms: dict[str, float], text: str) -> float:
    if not terms:
        return 0.0
    present = {stem(w) for w in content_words(text)}
    return sum(weight for term, weight in terms.items() if term in present) / sum(terms.values())


def score(question: str, question_vector: np.ndarray, candidates: list[Candidate]) -> list[Scored]:
    """Candidates with their relevance, best first."""
    terms = question_terms(question)
    scored = []
    for candidate in candidates:
        cosine = float(np.clip(candidate.vector @ question_vector, 0.0, 1.0))
        lexical = overlap(terms, candidate.sentence.text)
        relevance = SEMANTIC_WEIGHT * cosine + (1 - SEMANTIC_WEIGHT) * lexical
        scored.append(Scored(candidate, cosine, lexical, relevance))
    scored.sort(key=lambda s: (-s.relevance, s.candidate.chunk_rank))
    return scored


def select(scored: list[Scored], max_words: int, max_sentences: int) -> list[Scored]:
    """The sentences of the answer: the best one, then close runners-up within the word budget."""
    if not scored:
        return []
    chosen = [scored[0]]
    words = len(scored[0].candidate.sentence.text.split())
    for item in scored[1:]:
        if len(chosen) >= max_sentences or item.relevance < KEEP_RATIO * scored[0].relevance:
            break
        length = len(item.candidate.sentence.text.split())
        if words + length > max_words:
            continue
        if any(float(item.candidate.vector @ c.candidate.vector) > DUPLICATE_COSINE for c in chosen):
            continue
        chosen.append(item)
        words += length
    return chosen
