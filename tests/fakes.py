"""Small stand-ins for the embedding model, for tests that need no real semantics."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from index.embed import part_text
from index.text import stem, words


class HashEmbedder:
    """Bag of stemmed words hashed into `dim` buckets, L2-normalised: texts sharing words are close.

    Records every text it embeds in `seen`, and sleeps `delay` seconds a call if asked to (to give a
    test time to interrupt a rebuild).
    """

    def __init__(self, dim: int = 64, delay: float = 0.0, name: str = "hash-test") -> None:
        self.name = name
        self.dim = dim
        self.delay = delay
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str], *, kind: str = "passage") -> np.ndarray:
        """`kind` changes nothing: queries and passages are bags of words alike."""
        if self.delay:
            time.sleep(self.delay)
        self.seen.extend(texts)
        return self._vectors(texts)

    def embed_parts(
        self, texts: Sequence[str], parts: Sequence[Sequence[tuple[tuple[int, int], ...]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Each part is embedded as its own text, without context; `seen` records the whole texts."""
        whole = self.embed(texts)
        return whole, [
            self._vectors([part_text(text, part) for part in text_parts])
            for text, text_parts in zip(texts, parts, strict=True)
        ]

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in words(text):
                bucket = int.from_bytes(hashlib.blake2b(stem(word).encode(), digest_size=4).digest(), "little")
                out[row, bucket % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
            if not norm:
                out[row, 0] = 1.0
        return out


class FailingEmbedder(HashEmbedder):
    """Fails on its call number `fail_on` (counting from 1), as a crash in the middle of a rebuild (a
    rebuild embeds one document per call)."""

    def __init__(self, fail_on: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fail_on, self.calls = fail_on, 0

    def embed(self, texts: Sequence[str], *, kind: str = "passage") -> np.ndarray:
        self.calls += 1
        if self.calls == self.fail_on:
            raise RuntimeError("out of memory")
        return super().embed(texts, kind=kind)


class KeywordReranker:
    """Scores 1.0 a passage holding `keyword`, 0.0 the others; records every call in `calls`."""

    name = "keyword-test"

    def __init__(self, keyword: str) -> None:
        self.keyword = keyword
        self.calls: list[tuple[str, list[str]]] = []

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        self.calls.append((query, list(passages)))
        return np.asarray([float(self.keyword in p) for p in passages], dtype=np.float32)
