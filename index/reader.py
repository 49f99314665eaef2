"""Read access to the live index: its chunks, their vectors, the Chroma collection, source texts."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from index.chunking import Chunk
from index.errors import IndexCorruptError, StoreUnavailableError
from index.lexical import LexicalIndex
from index.settings import IndexSettings
from index.store import MANIFEST, Generation, Manifest, chroma_client, generation_dir, open_live, text_path
from index.text import display_title, index_terms


@dataclass(frozen=True)
class DenseHit:
    position: int  # index into IndexReader.chunks
    similarity: float  # cosine similarity between query and chunk vectors, -1 to 1


class IndexReader:
    """One generation of the index, opened for reading. Cheap to query, costly to open."""

    def __init__(self, settings: IndexSettings, embed_model: str) -> None:
        self.settings = settings
        # Stamped before the manifest is read: a manifest replaced in between makes this reader
        # stale at once, never one that looks current while it holds the older generation.
        self.stamp = manifest_stamp(settings.index_dir)
        self.manifest: Manifest = open_live(settings, embed_model)
        self.generation = Generation.open(settings.index_dir, self.manifest)
        self.chunks: Sequence[Chunk] = self.generation.chunks
        self._position = {chunk_id: i for i, chunk_id in enumerate(self.generation.ids)}
        directory = generation_dir(settings.index_dir, self.manifest.generation)
        try:
            self.lexical = LexicalIndex(directory, len(self.chunks))
        except (OSError, ValueError) as exc:
            raise IndexCorruptError(settings.index_dir, f"BM25 index unreadable: {exc}") from exc
        try:
            client = chroma_client(settings)
            self.collection = client.get_collection(self.manifest.collection)
        except ValueError as exc:
            raise IndexCorruptError(settings.index_dir, f"collection missing: {exc}") from exc
        except Exception as exc:  # chromadb signals an unreachable server with assorted exceptions
            if settings.chroma_url:
                raise StoreUnavailableError(settings.chroma_url, str(exc)) from exc
            raise IndexCorruptError(settings.index_dir, f"vector store unreadable: {exc}") from exc
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)

    def dense(self, vector: np.ndarray, k: int, sources: list[str] | None = None) -> list[DenseHit]:
        """The k chunks nearest to `vector` in the Chroma collection, best first."""
        from llama_index.core.vector_stores.types import (
            FilterOperator,
            MetadataFilter,
            MetadataFilters,
            VectorStoreQuery,
        )

        filters = None
        if sources is not None:
            filters = MetadataFilters(
                filters=[MetadataFilter(key="source", value=list(sources), operator=FilterOperator.IN)]
            )
        query = VectorStoreQuery(query_embedding=vector.astype(float).tolist(), similarity_top_k=k, filters=filters)
        try:
            result = self.vector_store.query(query)
        except Exception as exc:  # a server that went away mid-query
            where = self.settings.chroma_url or str(self.settings.index_dir)
            raise StoreUnavailableError(where, str(exc)) from exc
        hits = []
        for node_id, similarity in zip(result.ids or [], result.similarities or [], strict=False):
            position = self._position.get(node_id)
            if position is not None:
                # The Chroma integration reports exp(-cosine distance); turn it back into cosine.
                hits.append(DenseHit(position, 1.0 + math.log(max(similarity, 1e-12))))
        return hits

    def nearest_by_sentence(self, vector: np.ndarray, k: int, sources: list[str] | None = None) -> dict[int, float]:
        """The k chunks (of `sources`, when given) whose best sentence is nearest to `vector`, with
        that sentence's cosine, best first: every sentence of the corpus read, not only those of the
        chunks a retriever found (a chunk of many sentences lies far from a question one answers).
        The first call holds every sentence's vector in memory (`_sentence_vectors32`)."""
        rows, starts, owners = self._sentence_owners
        if not len(owners) or k <= 0:
            return {}
        cosines = self._sentence_vectors32 @ np.asarray(vector, dtype=np.float32)
        best = np.maximum.reduceat(cosines[rows], starts)
        if sources is not None:
            best = np.where(self.source_mask(sources)[owners] > 0, best, -np.inf)
        top = np.argsort(-best, kind="stable")[:k]
        return {int(owners[n]): float(best[n]) for n in top if np.isfinite(best[n])}

    @property
    def sentence_count(self) -> int:
        """How many sentence vectors the index's generation holds."""
        return len(self.generation.sentence_vectors)

    @cached_property
    def _sentence_vectors32(self) -> np.ndarray:
        """Every sentence vector as float32 (stored as float16), held once read: 1.5 KiB a sentence
        of 384 dimensions."""
        return np.asarray(self.generation.sentence_vectors, dtype=np.float32)

    @cached_property
    def _sentence_owners(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The sentence rows of every chunk that has sentences, chunk after chunk; where each chunk's
        rows start among them; and those chunks' positions."""
        counts, first = self.generation.counts, self.generation.rows
        owners = np.flatnonzero(counts > 0)
        sizes = counts[owners].astype(np.int64)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        rows = np.repeat(first[owners] - starts, sizes) + np.arange(int(sizes.sum()), dtype=np.int64)
        return rows, starts, owners

    def source_mask(self, sources: list[str]) -> np.ndarray:
        """1.0 for chunks of `sources`, 0.0 for the rest (a filter for lexical search)."""
        wanted = set(sources)
        numbers = [n for n, source in enumerate(self.generation.sources) if source in wanted]
        return np.isin(self.generation.source_of, numbers).astype(np.float32)

    def holding(self, text: str, most: int, sources: list[str] | None = None) -> list[int]:
        """The positions of the first `most` chunks (of `sources`, when given) whose record holds `text`."""
        found = self.generation.chunks.holding(text, most if sources is None else len(self.chunks))
        if sources is None:
            return found
        mask = self.source_mask(sources)
        return [p for p in found if mask[p]][:most]

    def sentence_vectors(self, position: int) -> np.ndarray:
        rows = self.generation.sentence_rows(position)
        return np.asarray(self.generation.sentence_vectors[rows.start : rows.stop], dtype=np.float32)

    def page_of(self, source: str, offset: int) -> int | None:
        """The 1-based PDF page holding `offset` of the source's text; None for other formats."""
        starts = self.manifest.docs.get(source, {}).get("page_starts")
        return bisect.bisect_right(starts, offset) if starts else None

    def has_sections(self, source: str) -> bool:
        """Whether the document has headings (its sentences then carry a section)."""
        return bool(self.manifest.docs.get(source, {}).get("sections"))

    def sources(self) -> list[str]:
        return sorted(self.manifest.docs)

    @cached_property
    def sections(self) -> dict[tuple[str, tuple[str, ...]], list[int]]:
        """Every section of every document, as (source, the trail of headings down to its own), with
        the positions of the chunks holding its sentences (a subsection's among them), in order.
        Read from every chunk the first time it is asked for."""
        found: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        for position, chunk in enumerate(self.chunks):
            for trail in dict.fromkeys(s.section for s in chunk.sentences if s.section):
                for depth in range(1, len(trail) + 1):
                    positions = found.setdefault((chunk.source, trail[:depth]), [])
                    if not positions or positions[-1] != position:
                        positions.append(position)
        return found

    def mentions(self, term: str) -> bool:
        """Whether the corpus holds the index term (see `index.text.index_terms`) in a chunk, a
        title or a file's name."""
        return term in self._source_terms or self.lexical.holds(term)

    def spelling(self, term: str) -> str | None:
        """The corpus's spelling of a term it does not hold, one letter away ("zelenskiy" for
        "zelenski"), or None."""
        return None if self.mentions(term) else self.lexical.near(term)

    @cached_property
    def _source_terms(self) -> frozenset[str]:
        return frozenset(index_terms(re.sub(r"[\W_]+", " ", " ".join(self.manifest.docs))))

    def titled(self, name: str) -> list[str]:
        """The sources whose title is `name`, case, punctuation and a parenthetical qualifier aside
        ("Kiss and Tell" finds the document titled "Kiss and Tell (1945 film)")."""
        return self._by_title.get(_title_key(name), [])

    def title_opens(self, source: str, name: str) -> bool:
        """Whether the document's title opens with the words of `name`, case, punctuation and a
        parenthetical qualifier aside ("Brown County, Kansas" opens with "Brown County")."""
        key = _title_key(name)
        return _title_key(str(self.manifest.docs.get(source, {}).get("title") or ""))[: len(key)] == key

    def titles_holding(self, name: str) -> list[str]:
        """The sources whose title holds every word of `name` before any comma, case, punctuation
        and a parenthetical qualifier aside ("Guns N' Roses" finds "Guns N' Roses discography",
        "Brown County" finds "Brown County, Kansas"; "East Lothian" does not find "Haddington, East
        Lothian", a place within it)."""
        found = [self._by_title_word.get(word, set()) for word in set(_title_key(name))]
        return sorted(set.intersection(*found)) if found else []

    @cached_property
    def _by_title_word(self) -> dict[str, set[str]]:
        by_word: dict[str, set[str]] = {}
        for source, entry in self.manifest.docs.items():
            if entry.get("title"):
                for word in _title_key(display_title(entry["title"]).split(",")[0]):
                    by_word.setdefault(word, set()).add(source)
        return by_word

    @cached_property
    def _by_title(self) -> dict[tuple[str, ...], list[str]]:
        by_title: dict[tuple[str, ...], list[str]] = {}
        for source, entry in sorted(self.manifest.docs.items()):
            if entry.get("title"):
                by_title.setdefault(_title_key(entry["title"]), []).append(source)
        return by_title

    def source_text(self, source: str) -> str:
        """The text a source's spans index, as it was when indexed. Raises KeyError if unknown."""
        entry = self.manifest.docs[source]
        # as bytes: a text mode read would turn a "\r" the spans count into "\n"
        return text_path(self.settings.index_dir, entry["text"]).read_bytes().decode("utf-8")

    def is_stale(self) -> bool:
        """Whether a rebuild has replaced the generation this reader holds."""
        return manifest_stamp(self.settings.index_dir) != self.stamp


def _title_key(title: str) -> tuple[str, ...]:
    """A title as it is looked up: its words, lower case, without a parenthetical qualifier."""
    return tuple(re.findall(r"\w+", display_title(title).casefold()))


def manifest_stamp(index_dir: Path) -> Any:
    try:
        stat = (index_dir / MANIFEST).stat()
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_ino, stat.st_size)
