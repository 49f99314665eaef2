"""The BM25 index over a generation's chunks, kept next to its vectors and rebuilt with them.

bm25s builds the index and saves it as numpy arrays: for each term, the BM25 score it adds to each
chunk holding it (a sparse matrix in compressed-column form: `data`, `indices`, `indptr`), its
vocabulary as JSON. A question is scored from those arrays, memory-mapped, with numpy alone, so
answering imports neither bm25s nor scipy (a third of a second of a command's start).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from index.text import index_terms

BM25_DIR = "bm25"
log = logging.getLogger(__name__)


def _bm25s() -> Any:
    """The bm25s module, its logger quietened: bm25s sets it to DEBUG on import and logs every build."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def build_bm25(texts: Iterable[str], directory: Path) -> None:
    """Index `texts` (one per chunk, in chunk order) with BM25 and save it under `directory`.

    Each text's terms are kept as vocabulary numbers, not strings, until the index is made: on
    100,912 chunks that holds the peak at 298 MB instead of 796 MB, for the same scores."""
    bm25s = _bm25s()
    vocabulary: dict[str, int] = {}
    ids = [[vocabulary.setdefault(term, len(vocabulary)) for term in index_terms(text) or ["\0"]] for text in texts]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocabulary), show_progress=False)
    retriever.save(str(directory / BM25_DIR), show_progress=False)


# Shorter terms have no near spelling (see `LexicalIndex.near`).
NEAR_LENGTH = 5
_NOT_DIGIT = re.compile(r"\D")


def one_edit(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter added, dropped or changed."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        return a[start + 1 :] == b[start + 1 :]
    return a[start:] == b[start + 1 :]


class LexicalIndex:
    """BM25 over chunks. Scores are BM25 scores: unbounded, higher is better, 0 for no shared term."""

    def __init__(self, directory: Path, size: int) -> None:
        folder = directory / BM25_DIR
        self.size = size
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") != "lucene" or params.get("num_docs") != size:
            raise ValueError(f"BM25 index of another kind ({params.get('method')}) or size ({params.get('num_docs')})")
        self._vocab: dict[str, int] = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        self._data = np.load(folder / "data.csc.index.npy", mmap_mode="r")
        self._indices = np.load(folder / "indices.csc.index.npy", mmap_mode="r")
        self._indptr = np.asarray(np.load(folder / "indptr.csc.index.npy", mmap_mode="r"))
        if not len(self._indptr) or int(self._indptr[-1]) != len(self._data) or len(self._data) != len(self._indices):
            raise ValueError("BM25 arrays cut short")
        # One term per column; bm25s adds "" to the vocabulary past the last column.
        self._document_frequency = np.diff(self._indptr)

    def idf(self, term: str) -> float:
        """Inverse document frequency of an index term (see `index_terms`), BM25's formula:
        ln(1 + (N - df + 0.5) / (df + 0.5)); a term no chunk holds gets the highest value."""
        i = self._vocab.get(term)
        df = int(self._document_frequency[i]) if i is not None and i < len(self._document_frequency) else 0
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def holds(self, term: str) -> bool:
        """Whether some chunk holds the index term (see `index_terms`)."""
        i = self._vocab.get(term)
        return i is not None and i < len(self._document_frequency) and self._document_frequency[i] > 0

    def near(self, term: str) -> str | None:
        """The term some chunk holds that is one letter away from `term` (added, dropped or
        changed: "zelenskiy" for "zelenski"), the most frequent of them; None for terms under
        NEAR_LENGTH letters, which one letter changes too much ("redi", "redo"). The letter is
        never a digit: a number is no misspelling ("debconf22" is not "debconf21" or "debconf2")."""
        if len(term) < NEAR_LENGTH:
            return None
        digits = _NOT_DIGIT.sub("", term)
        found = [
            other
            for size in (len(term) - 1, len(term), len(term) + 1)
            for other in self._by_length.get(size, ())
            if other != term and one_edit(term, other) and _NOT_DIGIT.sub("", other) == digits
        ]
        return max(found, key=lambda other: (self._document_frequency[self._vocab[other]], other), default=None)

    @cached_property
    def _by_length(self) -> dict[int, list[str]]:
        by_length: dict[int, list[str]] = {}
        for term, i in self._vocab.items():
            if i < len(self._document_frequency):
                by_length.setdefault(len(term), []).append(term)
        return by_length

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(chunk position, score) of the k best chunks with a positive score, best first.

        `mask`, when given, is 1.0 for chunks that may be returned and 0.0 for the others.
        """
        columns = len(self._document_frequency)
        terms = [t for t in index_terms(query) if self._vocab.get(t, columns) < columns]
        if not terms or not self.size:
            return []
        scores = np.zeros(self.size, dtype=np.float32)
        for term in terms:
            i = self._vocab[term]
            start, end = int(self._indptr[i]), int(self._indptr[i + 1])
            np.add.at(scores, np.asarray(self._indices[start:end]), np.asarray(self._data[start:end]))
        if mask is not None:
            scores = scores * mask
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
