"""Incremental, atomic rebuild of the index from the corpus folder.

A document is keyed by its path relative to the corpus and the sha256 of its bytes (read again only
when its size or modification time differs from the manifest's). Unchanged
documents keep their vectors (copied from the live generation, never re-embedded); changed and new
ones are parsed, chunked and embedded in batches; removed ones are left out. Everything is written
as a new generation, and the manifest is replaced only once that generation is complete.

After each batch (`ingest_batch_docs` documents, or fewer holding `ingest_batch_chunks` chunks) the
new generation is checkpointed, so an interrupted rebuild (a crash, Ctrl-C, a
killed process) loses at most one batch of embedding: the next rebuild with the same settings takes
the vectors of every checkpointed document that has not changed since.

A new version of the parsers or of the lexical analysis changes the index's fingerprint, and every
document is read again; but a document whose chunks come out with the same texts keeps the vectors
the live generation holds for them (`IndexSettings.vectors_fingerprint`: the same model, encoded the
same way), as encoding them again would give the same vectors. Only the documents whose text the new
parser changed are embedded.
"""

from __future__ import annotations

import dataclasses
import fcntl
import logging
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from index.chunking import Chunk
from index.embed import Embedder, embed_parts_separately, embed_pooled_from_parts
from index.errors import (
    CorpusNotFoundError,
    EmptyCorpusError,
    IndexCorruptError,
    RebuildInProgressError,
    StoreUnavailableError,
)
from index.guard import Budget
from index.lexical import BM25_DIR, build_bm25
from index.loaders import Known, SourceFile, scan
from index.parsing import Parsed, parse_all
from index.settings import IndexSettings
from index.store import (
    CHECKPOINTS,
    COLLECTION_METADATA,
    Checkpoint,
    Generation,
    GenerationWriter,
    Manifest,
    add_missing_keys,
    atomic_write,
    chroma_client,
    chunk_to_record,
    collection_name,
    generation_dir,
    new_store_id,
    read_checkpoint,
    read_embed_texts,
    read_manifest,
    text_key,
    text_path,
    write_manifest,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (documents done, documents in all) as a rebuild goes, and again with the same numbers
about every 50 ms while a document is being parsed. It may raise `RebuildCancelled` to stop the
rebuild: the live index stays as it was, and what was embedded is checkpointed for the next one."""

RESUME_DIR = "resume.partial"


@dataclass
class RebuildReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    resumed: int = 0  # documents whose vectors came from an interrupted rebuild
    kept: int = 0  # documents read again whose texts came out the same: their vectors were kept
    chunks: int = 0
    documents: int = 0
    seconds: float = 0.0
    generation: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def rebuilt(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        resumed = f" ({self.resumed} taken from an interrupted rebuild)" if self.resumed else ""
        kept = f"; {self.kept} read again with the same text kept their vectors" if self.kept else ""
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged} unchanged; {self.documents} documents, {self.chunks} chunks "
            f"in {self.seconds:.1f} s{resumed}{kept}"
        )


# A rebuild names this many of the files it skips again, unchanged since they could not be read.
STILL_SKIPPED_NAMED = 3


def _still_skipped(sources: list[str]) -> str:
    """One warning for the files that could not be read at the last rebuild and have not changed
    since: their reasons were given then, and a corpus can hold hundreds of them (texinfo's
    redirect pages), which every rebuild would list again."""
    if len(sources) == 1:
        return f"skipped {sources[0]}: unreadable, unchanged since the last rebuild"
    named = ", ".join(sources[:STILL_SKIPPED_NAMED])
    if len(sources) > STILL_SKIPPED_NAMED:
        named += f" and {len(sources) - STILL_SKIPPED_NAMED} more"
    return f"skipped {len(sources)} files unreadable at the last rebuild and unchanged since: {named}"


@contextmanager
def _rebuild_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".rebuild.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RebuildInProgressError(index_dir) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rebuild(settings: IndexSettings, embedder: Embedder, progress: Progress | None = None) -> RebuildReport:
    """Bring the index in step with the corpus; see the module docstring."""
    if not settings.corpus.is_dir():
        raise CorpusNotFoundError(settings.corpus)
    with _rebuild_lock(settings.index_dir):
        return _Rebuild(settings, embedder, progress).run()


class _Rebuild:
    def __init__(self, settings: IndexSettings, embedder: Embedder, progress: Progress | None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.progress = progress or (lambda done, total: None)
        self.report = RebuildReport()
        self.skipped: dict[str, str] = {}  # unreadable files: source -> sha256
        self.t0 = time.perf_counter()

    def run(self) -> RebuildReport:
        settings, report = self.settings, self.report
        old = self._live_manifest()
        reusable = (
            old is not None and old.fingerprint == settings.fingerprint() and (old.embed_model == self.embedder.name)
        )
        known = _known_files(old) if old is not None and reusable else {}
        files, report.warnings = scan(settings.corpus, settings.max_file_bytes, known)
        damage = self._damage(old) if old is not None and reusable else None
        if damage:
            # Nothing of a damaged generation is trusted: every document is read and embedded anew.
            report.warnings.append(f"the index at {settings.index_dir} is damaged ({damage}); building it anew")
            return self._write_generation(files, old, {})
        old_docs = old.docs if old is not None and reusable else {}
        known_bad = old.skipped if old is not None and reusable else {}
        # A file that could not be read last time and has not changed is not tried again.
        self.skipped = {f.source: f.sha256 for f in files if known_bad.get(f.source) == f.sha256}
        files = [f for f in files if f.source not in self.skipped]
        if self.skipped:
            report.warnings.append(_still_skipped(sorted(self.skipped)))
        current = {f.source: f for f in files}
        for source, entry in old_docs.items():
            if source not in current:
                report.removed += 1
            elif current[source].sha256 == entry["sha256"]:
                report.unchanged += 1
            else:
                report.changed += 1
        report.added = sum(1 for f in files if f.source not in old_docs)
        unchanged_skips = self.skipped == known_bad
        if old is not None and reusable and unchanged_skips and not (report.added or report.changed or report.removed):
            if any(known.get(f.source) != _stat_of(f) for f in files):
                # Files touched without being changed: remember their new times, so that the next
                # scan need not read them again.
                docs = {source: {**entry, **_stat_entry(current[source])} for source, entry in old.docs.items()}
                write_manifest(settings.index_dir, dataclasses.replace(old, docs=docs))
            add_missing_keys(generation_dir(settings.index_dir, old.generation))
            report.documents, report.chunks, report.generation = len(old.docs), old.chunks, old.generation
            report.seconds = time.perf_counter() - self.t0
            return report
        donor = old if old is not None and not reusable and self._vectors_keep(old) else None
        return self._write_generation(files, old, old_docs if reusable else {}, donor)

    def _live_manifest(self) -> Manifest | None:
        try:
            return read_manifest(self.settings.index_dir)
        except IndexCorruptError as exc:
            self.report.warnings.append(f"{exc}; building a new index")
            return None

    def _damage(self, live: Manifest) -> str | None:
        """What is missing or cut short in the live generation, or None when it is whole. Checks
        sizes and counts, not contents, so that an unchanged rebuild stays cheap."""
        directory = generation_dir(self.settings.index_dir, live.generation)
        expected = {
            "chunks.f32": live.chunks * live.dim * 4,
            "sentences.f16": live.sentences * live.dim * 2,
        }
        for name, size in expected.items():
            try:
                actual = (directory / name).stat().st_size
            except OSError:
                return f"{directory.name}/{name} is missing"
            if actual != size:
                return f"{directory.name}/{name} holds {actual} bytes, not {size}"
        try:
            lines, last = _count_lines(directory / "chunks.jsonl")
        except OSError:
            return f"{directory.name}/chunks.jsonl is missing"
        if lines != live.chunks or last not in (b"", b"\n"):
            return f"{directory.name}/chunks.jsonl does not hold {live.chunks} records"
        if not (directory / BM25_DIR).is_dir():
            return f"{directory.name}/{BM25_DIR} is missing"
        try:
            Generation.open(self.settings.index_dir, live)  # reads the keys, not the records
        except IndexCorruptError as exc:
            return str(exc)
        try:
            stored = chroma_client(self.settings).get_collection(live.collection).count()
        except StoreUnavailableError:
            raise
        except Exception as exc:  # chromadb reports a missing collection with assorted exceptions
            return f"collection {live.collection} unreadable: {exc}"
        if stored != live.chunks:
            return f"collection {live.collection} holds {stored} chunks, not {live.chunks}"
        return None

    def _vectors_keep(self, old: Manifest) -> bool:
        """Whether the vectors of `old`, built with other settings, are those these settings would
        make of the same texts."""
        settings = self.settings
        same = old.vectors == settings.vectors_fingerprint() and old.embed_model == self.embedder.name
        return same and old.dim == self.embedder.dim

    def _donor(self, donor: Manifest | None) -> tuple[Generation | None, dict[str, list[int]]]:
        """The generation whose vectors documents read again may keep, and its chunks by document;
        (None, {}) when there is none or it cannot be read (it is then simply not used)."""
        if donor is None:
            return None, {}
        try:
            generation = Generation.open(self.settings.index_dir, donor)
        except IndexCorruptError as exc:
            log.warning("the previous index's vectors cannot be reused (%s); embedding anew", exc)
            return None, {}
        return generation, dict(generation.by_document())

    def _write_generation(
        self,
        files: list[SourceFile],
        old: Manifest | None,
        old_docs: dict[str, dict[str, Any]],
        donor: Manifest | None = None,
    ) -> RebuildReport:
        settings, report = self.settings, self.report
        index_dir = settings.index_dir
        store_id = old.store_id if old is not None else new_store_id()
        generation = (old.generation if old is not None else 0) + 1
        client = chroma_client(settings)
        interrupted = self._interrupted()
        self._remove_leftovers(client, store_id, keep=old)
        name = collection_name(store_id, settings.fingerprint(), generation)
        collection = client.create_collection(name, metadata=COLLECTION_METADATA)
        staging = index_dir / f"gen-{generation}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        writer = GenerationWriter(staging, self.embedder.dim, self._about())
        previous = Generation.open(index_dir, old) if old is not None and old_docs else None
        previous_docs = dict(previous.by_document()) if previous is not None else {}
        giver, giver_docs = self._donor(donor)
        docs: dict[str, dict[str, Any]] = {}
        try:
            batch = _Batch()
            unchanged = {
                f.source
                for f in files
                if previous is not None and f.source in old_docs and old_docs[f.source]["sha256"] == f.sha256
            }
            resumable: dict[str, dict[str, Any]] = {}
            if interrupted is not None:
                checkpoint, done_before = interrupted
                resumed_docs = dict(done_before.by_document())
                resumable = {
                    f.source: checkpoint.docs[f.source]
                    for f in files
                    if f.source not in unchanged
                    and checkpoint.docs.get(f.source, {}).get("sha256") == f.sha256
                    and text_path(index_dir, checkpoint.docs[f.source]["text"]).exists()
                }
            finished = 0
            parsed = parse_all(
                [f for f in files if f.source not in unchanged and f.source not in resumable],
                settings.chunk_words,
                settings.chunk_overlap_sentences,
                settings.parse_workers,
                lookahead=settings.ingest_batch_docs,
                budget=Budget(settings.parse_timeout_s, settings.parse_memory_mb * 2**20),
                heartbeat=lambda: self.progress(finished, len(files)),
            )
            for done, file in enumerate(files, start=1):
                if previous is not None and file.source in unchanged:
                    batch.copy(previous, previous_docs.get(file.source, []))
                    batch.docs[file.source] = {**old_docs[file.source], **_stat_entry(file)}
                elif file.source in resumable:
                    batch.copy(done_before, resumed_docs.get(file.source, []))
                    batch.docs[file.source] = {**resumable[file.source], **_stat_entry(file)}
                    report.resumed += 1
                else:
                    result = next(parsed)
                    key = self._keep(result)
                    if key is not None:
                        assert result.doc is not None
                        positions = giver_docs.get(file.source)
                        if giver is not None and positions is not None and same_texts(result.chunks, giver, positions):
                            batch.copy(giver, positions, result.chunks)
                            report.kept += 1
                        else:
                            batch.fresh(result.chunks)
                        batch.docs[file.source] = {
                            "sha256": file.sha256,
                            "text": key,
                            **_stat_entry(file),
                            "chunks": len(result.chunks),
                            "title": result.doc.title,
                            "sections": any(b.kind == "heading" for b in result.doc.blocks),
                            "page_starts": result.doc.page_starts,
                        }
                full = batch.size >= settings.ingest_batch_docs or len(batch.chunks) >= settings.ingest_batch_chunks
                if full or done == len(files):
                    self._flush(batch, writer, collection)
                    docs.update(batch.docs)
                    batch = _Batch()
                self.progress(done, len(files))
                finished = done
            writer.close()
            if not docs:
                raise EmptyCorpusError(settings.corpus)
            build_bm25(read_embed_texts(staging), staging)
            final = generation_dir(index_dir, generation)
            shutil.rmtree(final, ignore_errors=True)
            staging.rename(final)
            manifest = Manifest(
                store_id=store_id,
                fingerprint=settings.fingerprint(),
                generation=generation,
                embed_model=self.embedder.name,
                dim=self.embedder.dim,
                built_at=time.time(),
                docs=docs,
                skipped=self.skipped,
                chunks=writer.chunks,
                sentences=writer.sentences,
                vectors=settings.vectors_fingerprint(),
            )
            write_manifest(index_dir, manifest)  # the commit point
        except BaseException:
            _quietly(lambda: client.delete_collection(name))
            kept = read_checkpoint(staging)
            if kept is None:
                shutil.rmtree(staging, ignore_errors=True)
            else:
                log.warning("rebuild interrupted; the next rebuild reuses the vectors of %d documents", len(kept.docs))
            raise
        shutil.rmtree(index_dir / RESUME_DIR, ignore_errors=True)
        (final / CHECKPOINTS).unlink(missing_ok=True)
        self._remove_leftovers(client, store_id, keep=manifest)
        self._remove_orphan_texts(docs)
        report.documents, report.chunks, report.generation = len(docs), manifest.chunks, generation
        report.added = sum(1 for s in docs if s not in old_docs)
        report.seconds = time.perf_counter() - self.t0
        return report

    def _about(self) -> dict[str, Any]:
        """What the vectors of a generation depend on, besides the documents' bytes."""
        return {"fingerprint": self.settings.fingerprint(), "embed_model": self.embedder.name}

    def _interrupted(self) -> tuple[Checkpoint, Generation] | None:
        """The checkpointed part of the generation an interrupted rebuild was writing, moved to
        RESUME_DIR (out of the way of `_remove_leftovers`) and opened; None when there is none
        made with these settings. Of several, the one holding the most documents."""
        index_dir = self.settings.index_dir
        aside = index_dir / RESUME_DIR
        about = {**self._about(), "dim": self.embedder.dim}
        best: tuple[Path, Checkpoint] | None = None
        for directory in [aside, *sorted(index_dir.glob("gen-*.partial"))]:
            found = read_checkpoint(directory)
            if found is not None and found.about == about and (best is None or len(found.docs) > len(best[1].docs)):
                best = (directory, found)
        if best is None:
            shutil.rmtree(aside, ignore_errors=True)
            return None
        if best[0] != aside:
            shutil.rmtree(aside, ignore_errors=True)
            best[0].rename(aside)
        try:
            return best[1], best[1].open(aside)
        except (OSError, ValueError) as exc:
            log.warning("the interrupted rebuild's files cannot be reused (%s); embedding anew", exc)
            shutil.rmtree(aside, ignore_errors=True)
            return None

    def _keep(self, parsed: Parsed) -> str | None:
        """Record what parsing a file found: the key its text is stored under, None when the file
        could not be read."""
        file, doc = parsed.file, parsed.doc
        if doc is None:
            self.report.warnings.append(f"skipped {file.source}: {parsed.error}")
            self.skipped[file.source] = file.sha256
            log.warning("skipped %s: %s", file.source, parsed.error)
            return None
        for warning in doc.warnings:
            self.report.warnings.append(f"{file.source}: {warning}")
        key = text_key(doc.text)
        path = text_path(self.settings.index_dir, key)
        if not path.exists():
            atomic_write(path, doc.text.encode("utf-8"))
        return key

    def _flush(self, batch: _Batch, writer: GenerationWriter, collection: Any) -> None:
        if batch.chunks:
            self._store(batch, writer, collection)
        writer.checkpoint(batch.docs)

    def _embed(self, chunks: list[Chunk]) -> tuple[np.ndarray, list[np.ndarray]]:
        """The chunks' vectors and their sentences', made as `IndexSettings.sentence_vectors` says."""
        texts, parts = [c.embed_text for c in chunks], [c.sentence_parts() for c in chunks]
        if self.settings.sentence_vectors == "pooled":
            return embed_pooled_from_parts(self.embedder, texts, parts)
        if self.settings.sentence_vectors == "in_context":
            return self.embedder.embed_parts(texts, parts)
        return embed_parts_separately(self.embedder, texts, parts)

    def _store(self, batch: _Batch, writer: GenerationWriter, collection: Any) -> None:
        # One document's chunks at a time: the bundled int8 encoder scales a batch by its whole range,
        # so a text's vector depends on the texts it is encoded with. Encoded only with its own
        # document's, a document gets the same vectors whatever else the corpus holds or the
        # rebuild re-reads (adding a file never moves the others' vectors).
        fresh: dict[str, list[int]] = {}
        for i, vector in enumerate(batch.chunk_vectors):
            if vector is None:
                fresh.setdefault(batch.chunks[i].source, []).append(i)
        for rows in fresh.values():
            whole, sentences = self._embed([batch.chunks[i] for i in rows])
            for n, i in enumerate(rows):
                batch.chunk_vectors[i] = whole[n]
                batch.sentence_vectors[i] = sentences[n]
        chunk_vectors = np.stack([v for v in batch.chunk_vectors if v is not None])
        sentence_vectors = np.concatenate([v for v in batch.sentence_vectors if v is not None])
        add_to_collection(collection, batch.chunks, chunk_vectors)
        records, row = [], writer.sentences
        for chunk in batch.chunks:
            records.append(chunk_to_record(chunk, row))
            row += len(chunk.sentences)
        writer.add(records, chunk_vectors, sentence_vectors)

    def _remove_leftovers(self, client: Any, store_id: str, keep: Manifest | None) -> None:
        """Drop collections and generation folders of this index that the manifest does not name:
        what an interrupted rebuild left, or what a finished one replaced."""
        prefix = f"a{store_id}_"
        for collection in client.list_collections():
            name = getattr(collection, "name", collection)
            if name.startswith(prefix) and (keep is None or name != keep.collection):
                _quietly(partial(client.delete_collection, name))
        for path in self.settings.index_dir.glob("gen-*"):
            if keep is None or path.name != f"gen-{keep.generation}":
                shutil.rmtree(path, ignore_errors=True)

    def _remove_orphan_texts(self, docs: dict[str, dict[str, Any]]) -> None:
        live = {entry["text"] for entry in docs.values()}
        for path in (self.settings.index_dir / "texts").glob("*.txt"):
            if path.stem not in live:
                path.unlink(missing_ok=True)


class _Batch:
    """Chunks on their way into a generation (vectors are None until embedded), and the manifest
    entries of their documents."""

    def __init__(self) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        self.chunks: list[Chunk] = []
        self.chunk_vectors: list[np.ndarray | None] = []
        self.sentence_vectors: list[np.ndarray | None] = []
        self.size = 0

    def copy(self, previous: Generation, positions: list[int], chunks: list[Chunk] | None = None) -> None:
        """A document's chunks at `positions` of `previous` with their vectors; with `chunks`, those
        chunks (read again, with the same texts) in their place."""
        for n, i in enumerate(positions):
            self.chunks.append(chunks[n] if chunks is not None else previous.chunks[i])
            self.chunk_vectors.append(np.asarray(previous.chunk_vectors[i]))
            rows = previous.sentence_rows(i)
            self.sentence_vectors.append(np.asarray(previous.sentence_vectors[rows.start : rows.stop]))
        self.size += 1

    def fresh(self, chunks: list[Chunk]) -> None:
        self.chunks.extend(chunks)
        self.chunk_vectors.extend([None] * len(chunks))
        self.sentence_vectors.extend([None] * len(chunks))
        self.size += 1


def same_texts(chunks: list[Chunk], previous: Generation, positions: list[int]) -> bool:
    """Whether `chunks` are what `previous` encoded at `positions`: the same texts, cut into the
    same sentence parts, in the same order (a document's texts are encoded together, so its
    vectors are the same only when all of them are)."""
    if len(chunks) != len(positions):
        return False
    for chunk, i in zip(chunks, positions, strict=True):
        old = previous.chunks[i]
        if chunk.embed_text != old.embed_text or chunk.sentence_parts() != old.sentence_parts():
            return False
    return True


# Chroma refuses an add of more records than its maximum batch size (5,461 with its default
# SQLite build); a batch of documents can hold more chunks than that, so they go in slices.
MAX_ADD = 4096


def add_to_collection(collection: Any, chunks: list[Chunk], vectors: np.ndarray, limit: int = MAX_ADD) -> None:
    """Store chunks through llama-index's Chroma integration, so its retrievers can read them too;
    at most `limit` in one call."""
    from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    nodes: list[BaseNode] = []
    for chunk, vector in zip(chunks, vectors, strict=True):
        node = TextNode(
            id_=chunk.id,
            text=chunk.text,
            embedding=vector.tolist(),
            metadata={
                "source": chunk.source,
                "start": chunk.start,
                "end": chunk.end,
                "line_start": chunk.line_start,
                "line_end": chunk.line_end,
                "page": chunk.page if chunk.page is not None else 0,
            },
        )
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=chunk.source)
        nodes.append(node)
    store = ChromaVectorStore(chroma_collection=collection)
    for first in range(0, len(nodes), limit):
        store.add(nodes[first : first + limit])


def _known_files(manifest: Manifest) -> Known:
    """What the manifest says of each document's file, for `scan` to recognise unchanged ones."""
    return {
        source: (entry["size"], entry["mtime_ns"], entry["sha256"])
        for source, entry in manifest.docs.items()
        if "mtime_ns" in entry
    }


def _stat_of(file: SourceFile) -> tuple[int, int, str]:
    return (file.size, file.mtime_ns, file.sha256)


def _stat_entry(file: SourceFile) -> dict[str, int]:
    return {"size": file.size, "mtime_ns": file.mtime_ns}


def _count_lines(path: Path) -> tuple[int, bytes]:
    """The number of newlines in a file and its last byte (b"" when empty), read in blocks."""
    lines, last = 0, b""
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines, last


def _quietly(action: Callable[[], object]) -> None:
    try:
        action()
    except Exception as exc:  # best-effort clean-up; the next rebuild tries again
        log.debug("clean-up step failed: %s", exc)
