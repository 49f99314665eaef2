"""From a query to ranked sentences: retrieve chunks, score their sentences, follow one bridge.

Questions often name one thing to ask about another ("What position was held by the woman who
portrayed Corliss Archer?"): the first search finds the passage that names the bridge (Shirley
Temple), and only a second search for that name finds the answer. So a second round searches for
the names in the best first-round sentences that the question does not hold, together with the
question's words that the best sentence left unanswered ("position held woman"). Its sentences
are scored against both the question and that bridge query, the latter at a discount.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.compose import Candidate, Scored, plain_title, score, shape_of
from assistant.conversation import names
from assistant.retrieval import Mode, Retrieved, retrieve
from index.embed import Embedder
from index.reader import IndexReader
from index.text import content_words, stem, words

# A second-round sentence scored against the expanded query keeps this share of its relevance.
BRIDGE_DISCOUNT = 0.9
# Names are taken from this many of the best first-round sentences.
BRIDGE_SENTENCES = 1


def rank(
    reader: IndexReader,
    embedder: Embedder,
    query: str,
    k: int,
    sources: list[str] | None = None,
    mode: Mode = "hybrid",
    bridge: bool = True,
) -> list[Scored]:
    """Every candidate sentence with its relevance to `query`, best first."""
    shape = shape_of(query, reader.lexical.idf)
    vector = embedder.embed([query])[0]
    candidates = _sentences(reader, retrieve(reader, query, vector, k, sources, mode), set(), 0)
    ranked = score(shape, vector, candidates)
    extra = _bridge_names(query, ranked[:BRIDGE_SENTENCES]) if bridge else []
    if not extra:
        return ranked
    expanded = " ".join([*extra, *_unanswered(query, ranked[0])])
    expanded_vector = embedder.embed([expanded])[0]
    hits = retrieve(reader, expanded, expanded_vector, k, sources, mode)
    found = _sentences(reader, hits, set(), k)
    if not found:
        return ranked
    by_key = {_key(s.candidate): s for s in ranked}
    named = {plain_title(name) for name in extra}
    for bridged in score(shape_of(expanded, reader.lexical.idf), expanded_vector, found):
        if bridged.candidate.source == ranked[0].candidate.source:
            continue  # the bridge leads away from the best sentence's document
        key = _key(bridged.candidate)
        direct = by_key.get(key) or score(shape, vector, [bridged.candidate])[0]
        discounted = BRIDGE_DISCOUNT * bridged.relevance
        by_key[key] = replace(
            direct,
            relevance=max(direct.relevance, discounted),
            bridged=plain_title(bridged.candidate.title) in named,
        )
    return sorted(by_key.values(), key=lambda s: (-s.relevance, s.candidate.chunk_rank))


def _key(candidate: Candidate) -> tuple[str, int, int]:
    return candidate.source, candidate.sentence.start, candidate.sentence.end


def _sentences(
    reader: IndexReader, hits: list[Retrieved], seen: set[tuple[str, int, int]], offset: int
) -> list[Candidate]:
    """Every not yet seen sentence of the retrieved chunks, with the rank of its chunk."""
    candidates = []
    for rank_, hit in enumerate(hits):
        chunk = reader.chunks[hit.position]
        vectors = reader.sentence_vectors(hit.position)
        for sentence, vector in zip(chunk.sentences, vectors, strict=True):
            key = (chunk.source, sentence.start, sentence.end)
            if key in seen:
                continue
            seen.add(key)
            page = reader.page_of(chunk.source, sentence.start)
            candidates.append(Candidate(chunk.source, page, sentence, vector, offset + rank_, chunk.title))
    return candidates


def _unanswered(query: str, best: Scored) -> list[str]:
    """The query's content words that the best sentence (with its title) does not contain."""
    answered = {stem(w) for w in content_words(f"{best.candidate.title} {best.candidate.sentence.text}")}
    return [w for w in content_words(query) if stem(w) not in answered]


def _bridge_names(query: str, best: list[Scored]) -> list[str]:
    """Names in the best sentences (and their titles) that the query does not mention."""
    asked = set(words(query))
    found: list[str] = []
    for item in best:
        for name in [item.candidate.title, *names(item.candidate.sentence.text)]:
            if name and not set(words(name)) <= asked and name not in found:
                found.append(name)
    return found[:4]
