"""The on-disk index: a manifest naming the live generation, its files, and its Chroma collection.

Layout of `index_dir`:

    manifest.json        the live generation; replaced atomically, the only commit point
    gen-<N>/chunks.jsonl one chunk record a line, with its sentences and spans
    gen-<N>/chunks.keys.json  each record's id, source, byte offset and sentence rows, so that a
                         reader opens a generation without parsing every record
    gen-<N>/chunks.f32   chunk vectors, float32 rows in chunks.jsonl order
    gen-<N>/sentences.f16  sentence vectors, float16 rows in sentence order
    gen-<N>.partial/     a generation being written; its checkpoints.jsonl says how much of it is
                         whole, so that a rebuild after an interruption reuses those vectors
    resume.partial/      an interrupted generation set aside while the next rebuild reads it
    texts/<sha256>.txt   each document's text as spans index it (extracted text for PDF/HTML/DOCX),
                         named by the hash of that text: a parser that reads a file differently
                         writes a new file instead of leaving the old text under the new spans
    chroma/              the embedded Chroma store (absent when a Chroma server is used)

A rebuild writes generation N+1 beside N and then replaces manifest.json; readers of generation N
are never disturbed, so an interrupted rebuild leaves the previous index answering as before.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import mmap
import os
import secrets
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload
from urllib.parse import urlparse

import numpy as np

from index.chunking import Chunk, Sentence
from index.errors import IndexCorruptError, IndexMismatchError, IndexNotBuiltError, StoreUnavailableError
from index.settings import IndexSettings

MANIFEST = "manifest.json"
FORMAT = 1


@dataclass
class Manifest:
    """What the live index holds. `docs` maps each source to its sha256, chunk count and title."""

    store_id: str
    fingerprint: str
    generation: int
    embed_model: str
    dim: int
    built_at: float
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # unreadable files: source -> sha256
    chunks: int = 0
    sentences: int = 0
    format: int = FORMAT
    # `IndexSettings.vectors_fingerprint` of the settings it was built with ("" before it was kept)
    vectors: str = ""

    @property
    def collection(self) -> str:
        return collection_name(self.store_id, self.fingerprint, self.generation)


def collection_name(store_id: str, fingerprint: str, generation: int) -> str:
    return f"a{store_id}_{fingerprint}_g{generation}"


def generation_dir(index_dir: Path, generation: int) -> Path:
    return index_dir / f"gen-{generation}"


def new_store_id() -> str:
    return secrets.token_hex(4)


def read_manifest(index_dir: Path) -> Manifest | None:
    path = index_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(index_dir, f"{MANIFEST} unreadable: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise IndexCorruptError(index_dir, f"{MANIFEST} is of another format version")
    try:
        return Manifest(**data)
    except TypeError as exc:
        raise IndexCorruptError(index_dir, f"{MANIFEST} malformed: {exc}") from exc


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    atomic_write(index_dir / MANIFEST, json.dumps(manifest.__dict__, indent=1, sort_keys=True).encode())


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` so that `path` holds either its old bytes or all the new ones, even on a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


# --- Chroma -------------------------------------------------------------------------------------


def chroma_client(settings: IndexSettings) -> Any:
    """An embedded Chroma store under index_dir, or a Chroma server when `chroma_url` is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url is None:
        return chromadb.PersistentClient(path=str(settings.index_dir / "chroma"), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ValueError(f"chroma_url must look like http://host:port, not {settings.chroma_url!r}")
    try:
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    except Exception as exc:  # chromadb raises plain exceptions when the server cannot be reached
        raise StoreUnavailableError(settings.chroma_url, str(exc)) from exc


# Chroma's HNSW search is approximate: with its default breadth (ef_search 100), the 24 nearest of
# 5,145 chunks came out short of one or two of the exact ones, and not the same ones from one process
# to the next, so that a question could be answered in one run and refused in another. At 400 the
# neighbours were the exact ones in every run (bench/devsets.py, documents together).
SEARCH_EF = 400
COLLECTION_METADATA = {"hnsw:space": "cosine", "hnsw:search_ef": SEARCH_EF}


# --- Generation files --------------------------------------------------------------------------


def chunk_to_record(chunk: Chunk, sentence_row: int) -> dict[str, Any]:
    sections: list[tuple[str, ...]] = []
    for sentence in chunk.sentences:
        if sentence.section and sentence.section not in sections:
            sections.append(sentence.section)
    return {
        "id": chunk.id,
        "source": chunk.source,
        "sha": chunk.doc_sha256,
        "ord": chunk.ordinal,
        "span": [chunk.start, chunk.end, chunk.line_start, chunk.line_end],
        "page": chunk.page,
        "title": chunk.title,
        "row": sentence_row,
        "secs": [list(section) for section in sections],
        "sents": [_sentence_row(s, sections) for s in chunk.sentences],
    }


def _sentence_row(sentence: Sentence, sections: list[tuple[str, ...]]) -> list[Any]:
    """A sentence as stored: span, lines and text, then only what differs from a plain paragraph
    sentence (kind, section number, group, the group it leads, the text shown)."""
    row: list[Any] = [sentence.start, sentence.end, sentence.line_start, sentence.line_end, sentence.text]
    extra: dict[str, Any] = {}
    if sentence.kind != "paragraph":
        extra["k"] = sentence.kind
    if sentence.section:
        extra["s"] = sections.index(sentence.section)
    if sentence.group >= 0:
        extra["g"] = sentence.group
    if sentence.leads >= 0:
        extra["l"] = sentence.leads
    if sentence.shown:
        extra["v"] = sentence.shown
    if extra:
        row.append(extra)
    return row


def _sentence_of(row: list[Any], sections: list[tuple[str, ...]]) -> Sentence:
    start, end, line_start, line_end, text = row[:5]
    extra = row[5] if len(row) > 5 else {}
    return Sentence(
        start,
        end,
        line_start,
        line_end,
        text,
        extra.get("k", "paragraph"),
        sections[extra["s"]] if "s" in extra else (),
        extra.get("g", -1),
        extra.get("l", -1),
        extra.get("v", ""),
    )


def read_embed_texts(directory: Path) -> Iterator[str]:
    """The embedded text (title and chunk text) of each chunk record under `directory`, in order."""
    with (directory / "chunks.jsonl").open(encoding="utf-8") as f:
        for line in f:
            yield record_to_chunk(json.loads(line)).embed_text


def record_to_chunk(record: dict[str, Any]) -> Chunk:
    sections = [tuple(section) for section in record.get("secs", [])]
    sentences = tuple(_sentence_of(s, sections) for s in record["sents"])
    start, end, line_start, line_end = record["span"]
    return Chunk(
        id=record["id"],
        source=record["source"],
        doc_sha256=record["sha"],
        ordinal=record["ord"],
        start=start,
        end=end,
        line_start=line_start,
        line_end=line_end,
        page=record["page"],
        text=" ".join(s.text for s in sentences),
        title=record["title"],
        sentences=sentences,
    )


class GenerationWriter:
    """Appends chunk records and vectors to a generation's files as batches arrive (bounded memory:
    of each chunk only its keys stay in memory until `close()` writes them).

    `checkpoint()` after a batch makes what was written so far durable and records it, with the
    documents it holds, in checkpoints.jsonl, whose first line is `about` (what the vectors depend
    on); `read_checkpoint` reads it back after an interruption."""

    def __init__(self, directory: Path, dim: int, about: dict[str, Any] | None = None) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.dim = dim
        self.chunks = 0
        self.sentences = 0
        self._keys = _Keys()
        self._offset = 0
        self._records = (directory / "chunks.jsonl").open("wb")
        self._chunk_vectors = (directory / "chunks.f32").open("wb")
        self._sentence_vectors = (directory / "sentences.f16").open("wb")
        self._checkpoints = (directory / CHECKPOINTS).open("wb")
        self._checkpoints.write(_json_line({**(about or {}), "dim": dim}))
        self._checkpoints.flush()

    def add(self, records: Iterable[dict[str, Any]], chunk_vectors: np.ndarray, sentence_vectors: np.ndarray) -> None:
        """Append records whose sentence rows were taken from `next_sentence_row` in order."""
        for record in records:
            line = _json_line(record)
            self._keys.add(record, self._offset)
            self._records.write(line)
            self._offset += len(line)
            self.chunks += 1
        self._chunk_vectors.write(np.ascontiguousarray(chunk_vectors, dtype=np.float32).tobytes())
        self._sentence_vectors.write(np.ascontiguousarray(sentence_vectors, dtype=np.float16).tobytes())
        self.sentences += len(sentence_vectors)

    def checkpoint(self, docs: dict[str, dict[str, Any]]) -> None:
        """Make everything added so far durable, then record it as whole, with `docs` (the manifest
        entries of the documents added since the last checkpoint)."""
        for f in (self._records, self._chunk_vectors, self._sentence_vectors):
            f.flush()
            os.fsync(f.fileno())
        line = {"chunks": self.chunks, "sentences": self.sentences, "bytes": self._offset, "docs": docs}
        self._checkpoints.write(_json_line(line))
        self._checkpoints.flush()
        os.fsync(self._checkpoints.fileno())

    def close(self) -> None:
        self._checkpoints.close()
        for f in (self._records, self._chunk_vectors, self._sentence_vectors):
            f.flush()
            os.fsync(f.fileno())
            f.close()
        self._keys.offsets.append(self._offset)
        with (self.directory / KEYS).open("wb") as keys:
            keys.write(json.dumps(self._keys.__dict__, separators=(",", ":")).encode("utf-8"))
            keys.flush()
            os.fsync(keys.fileno())


KEYS = "chunks.keys.json"
CHECKPOINTS = "checkpoints.jsonl"


def _json_line(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class Checkpoint:
    """The whole part of an interrupted generation: what its vectors depend on, the documents it
    holds (manifest entries) and its first `chunks` records, `sentences` sentence rows and `bytes`
    bytes of chunks.jsonl."""

    about: dict[str, Any]
    docs: dict[str, dict[str, Any]]
    chunks: int
    sentences: int
    bytes: int

    def open(self, directory: Path) -> Generation:
        """The checkpointed part of the generation under `directory`, read like a generation."""
        with (directory / "chunks.jsonl").open("rb") as f:
            keys = _Keys.of_records(f.read(self.bytes))
        if len(keys.ids) != self.chunks:
            raise ValueError(f"chunks.jsonl holds {len(keys.ids)} whole records, not {self.chunks}")
        dim = self.about["dim"]
        chunk_vectors = _memmap_rows(directory / "chunks.f32", np.float32, self.chunks, dim)
        sentence_vectors = _memmap_rows(directory / "sentences.f16", np.float16, self.sentences, dim)
        return Generation.of_keys(
            ChunkRecords(directory / "chunks.jsonl", keys.offsets), keys, chunk_vectors, sentence_vectors
        )


def read_checkpoint(directory: Path) -> Checkpoint | None:
    """The last whole checkpoint of a generation being written under `directory`, or None when it
    has none (or none that can be read). A line cut short by a crash ends the reading."""
    try:
        lines = (directory / CHECKPOINTS).read_bytes().split(b"\n")
        about = json.loads(lines[0])
    except (OSError, ValueError):
        return None
    found = Checkpoint(about, {}, 0, 0, 0)
    for line in lines[1:]:
        try:
            entry = json.loads(line)
            docs, counts = dict(entry["docs"]), (int(entry["chunks"]), int(entry["sentences"]), int(entry["bytes"]))
        except (ValueError, KeyError, TypeError):
            break
        found.docs.update(docs)
        found.chunks, found.sentences, found.bytes = counts
    return found if found.docs else None


@dataclass
class _Keys:
    """What a reader needs of every chunk without reading its record: id, source, where its record
    starts in chunks.jsonl (with one more offset, the file's end), its first sentence row and its
    number of sentences. Sources are stored once, chunks refer to them by number."""

    ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    source_of: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)

    def add(self, record: dict[str, Any], offset: int) -> None:
        if not self.sources or self.sources[-1] != record["source"]:
            self.sources.append(record["source"])
        self.ids.append(record["id"])
        self.source_of.append(len(self.sources) - 1)
        self.offsets.append(offset)
        self.rows.append(record["row"])
        self.counts.append(len(record["sents"]))

    @classmethod
    def of_records(cls, data: bytes) -> _Keys:
        """Keys read from the records themselves (a generation written before keys were kept)."""
        keys, offset = cls(), 0
        for line in data.splitlines(keepends=True):
            keys.add(json.loads(line), offset)
            offset += len(line)
        keys.offsets.append(offset)
        return keys


def add_missing_keys(directory: Path) -> None:
    """Write the keys file of a generation written before keys were kept, so that readers stop
    parsing every record to open it."""
    if not (directory / KEYS).exists():
        keys = _Keys.of_records((directory / "chunks.jsonl").read_bytes())
        atomic_write(directory / KEYS, json.dumps(keys.__dict__, separators=(",", ":")).encode("utf-8"))


class ChunkRecords(Sequence[Chunk]):
    """The chunks of a generation, each parsed from chunks.jsonl when it is first asked for. The
    file is memory-mapped, so it stays readable after a rebuild has deleted it."""

    CACHED = 4096

    def __init__(self, path: Path, offsets: list[int]) -> None:
        with path.open("rb") as f:
            self._data: mmap.mmap | bytes = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if offsets[-1] else b""
        self._offsets = offsets
        self._chunk = functools.lru_cache(maxsize=self.CACHED)(self._parse)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @property
    def nbytes(self) -> int:
        """The size of chunks.jsonl as mapped."""
        return len(self._data)

    @overload
    def __getitem__(self, i: int) -> Chunk: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Chunk]: ...
    def __getitem__(self, i: int | slice) -> Chunk | Sequence[Chunk]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self._chunk(i % len(self))

    def holding(self, text: str, most: int) -> list[int]:
        """The positions of the first `most` chunks whose record holds `text` anywhere (text, title or
        headings), in order: a scan of the mapped file, no chunk parsed."""
        needle = json.dumps(text, ensure_ascii=False)[1:-1].encode()
        found: list[int] = []
        at = self._data.find(needle)
        while at >= 0 and len(found) < most:
            i = bisect.bisect_right(self._offsets, at) - 1
            found.append(i)
            at = self._data.find(needle, self._offsets[i + 1])
        return found

    def _parse(self, i: int) -> Chunk:
        return record_to_chunk(json.loads(self._data[self._offsets[i] : self._offsets[i + 1]]))


@dataclass
class Generation:
    """A generation's files, read back: chunk records (parsed when asked for), their keys, chunk
    vectors and sentence vectors."""

    chunks: ChunkRecords
    ids: list[str]
    sources: list[str]  # each source once, in stored order
    source_of: np.ndarray  # (chunks,) int32: chunk i belongs to sources[source_of[i]]
    rows: np.ndarray  # (chunks,) int64: first sentence row of each chunk
    counts: np.ndarray  # (chunks,) int32: sentences of each chunk
    chunk_vectors: np.ndarray  # (chunks, dim) float32, memory-mapped
    sentence_vectors: np.ndarray  # (sentences, dim) float16, memory-mapped

    @classmethod
    def open(cls, index_dir: Path, manifest: Manifest) -> Generation:
        directory = generation_dir(index_dir, manifest.generation)
        try:
            try:
                keys = _Keys(**json.loads((directory / KEYS).read_text(encoding="utf-8")))
            except FileNotFoundError:
                keys = _Keys.of_records((directory / "chunks.jsonl").read_bytes())
            chunks = ChunkRecords(directory / "chunks.jsonl", keys.offsets)
            chunk_vectors = _memmap(directory / "chunks.f32", np.float32, manifest.dim)
            sentence_vectors = _memmap(directory / "sentences.f16", np.float16, manifest.dim)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexCorruptError(index_dir, f"generation {manifest.generation} unreadable: {exc}") from exc
        if (
            len(chunks) != manifest.chunks
            or chunks.nbytes != keys.offsets[-1]
            or len(chunk_vectors) != len(chunks)
            or len(sentence_vectors) != manifest.sentences
        ):
            raise IndexCorruptError(index_dir, f"generation {manifest.generation} is incomplete")
        return cls.of_keys(chunks, keys, chunk_vectors, sentence_vectors)

    @classmethod
    def of_keys(
        cls, chunks: ChunkRecords, keys: _Keys, chunk_vectors: np.ndarray, sentence_vectors: np.ndarray
    ) -> Generation:
        return cls(
            chunks,
            keys.ids,
            keys.sources,
            np.asarray(keys.source_of, dtype=np.int32),
            np.asarray(keys.rows, dtype=np.int64),
            np.asarray(keys.counts, dtype=np.int32),
            chunk_vectors,
            sentence_vectors,
        )

    def sentence_rows(self, i: int) -> range:
        """Rows of `sentence_vectors` holding chunk i's sentences."""
        return range(int(self.rows[i]), int(self.rows[i] + self.counts[i]))

    def by_document(self) -> Iterator[tuple[str, list[int]]]:
        """(source, chunk positions) for each document, in stored order."""
        if not self.ids:
            return
        bounds = np.flatnonzero(np.diff(self.source_of)) + 1
        for source, positions in zip(self.sources, np.split(np.arange(len(self.ids)), bounds), strict=True):
            yield source, positions.tolist()


def _memmap(path: Path, dtype: type, dim: int) -> np.ndarray:
    if path.stat().st_size == 0:
        return np.zeros((0, dim), dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r").reshape(-1, dim)


def _memmap_rows(path: Path, dtype: type, rows: int, dim: int) -> np.ndarray:
    """The first `rows` rows of a vector file (which may hold more, or a row cut short, after it)."""
    if rows == 0:
        return np.zeros((0, dim), dtype=dtype)
    available = path.stat().st_size // (np.dtype(dtype).itemsize * dim)
    if available < rows:
        raise ValueError(f"{path.name} holds {available} whole rows, not {rows}")
    return np.memmap(path, dtype=dtype, mode="r", shape=(rows, dim))


def open_live(settings: IndexSettings, embed_model: str) -> Manifest:
    """The live manifest, checked against these settings; raises a typed error saying what to do."""
    manifest = read_manifest(settings.index_dir)
    if manifest is None:
        raise IndexNotBuiltError(settings.index_dir)
    wanted = settings.fingerprint()
    if manifest.fingerprint != wanted or manifest.embed_model != embed_model:
        raise IndexMismatchError(settings.index_dir, manifest.fingerprint, wanted)
    return manifest


def text_key(text: str) -> str:
    """The name a document's text is stored under: the sha256 of the text itself, not of the file
    it was read from, so that the same file read by another parser version is another text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_path(index_dir: Path, key: str) -> Path:
    return index_dir / "texts" / f"{key}.txt"
