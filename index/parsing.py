"""Files to chunks: load and chunk documents, in worker processes while the model embeds.

Parsing HTML and PDF costs about a tenth of what embedding the result costs. With spare cores, worker
processes parse the next batch while the rebuilding process embeds the current one; the results
come back in the order of the files, and at most `lookahead` parsed files wait at any time, so
memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from index.chunking import Chunk, chunk_document
from index.document import Document
from index.loaders import SourceFile, UnreadableDocument, load

# Below this many files, starting worker processes (about a second each) costs more than it saves.
MIN_FILES_FOR_WORKERS = 32


@dataclass
class Parsed:
    """A file's document and chunks, or why it could not be read (`doc` is then None)."""

    file: SourceFile
    doc: Document | None
    chunks: list[Chunk] = field(default_factory=list)
    error: str | None = None


def parse(file: SourceFile, chunk_words: int, overlap: int) -> Parsed:
    try:
        doc = load(file)
    except UnreadableDocument as exc:
        return Parsed(file, None, error=str(exc))
    return Parsed(file, doc, chunk_document(doc, chunk_words, overlap))


def parse_all(
    files: list[SourceFile], chunk_words: int, overlap: int, workers: int, lookahead: int
) -> Iterator[Parsed]:
    """`parse` of each file, in order; with `workers` > 0 (and enough files), in that many processes."""
    if workers == 0 or len(files) < MIN_FILES_FOR_WORKERS:
        for file in files:
            yield parse(file, chunk_words, overlap)
        return
    # Workers are started fresh ("spawn"): forking a process that runs torch's thread pools is unsafe.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        remaining = iter(files)
        pending: deque[Future[Parsed]] = deque()
        for file in remaining:
            pending.append(pool.submit(parse, file, chunk_words, overlap))
            if len(pending) >= max(lookahead, workers):
                break
        while pending:
            parsed = pending.popleft().result()
            following = next(remaining, None)
            if following is not None:
                pending.append(pool.submit(parse, following, chunk_words, overlap))
            yield parsed
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
