"""Files to chunks: load and chunk documents in child processes, each under a time and memory budget.

Every document is parsed in a child process (see `index.guard`), so a file that would keep a parser
busy for hours, or take all memory, is stopped at its budget and skipped with a warning while the
rebuild goes on. Parsing HTML and PDF costs about a tenth of what embedding the result costs; with
spare cores, several children parse the next batch while the rebuilding process embeds the current
one. Results come back in the order of the files, and at most `lookahead` parsed files wait at any
time, so memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from index.chunking import Chunk, chunk_document
from index.document import Document
from index.guard import Budget, Guarded
from index.loaders import SourceFile, UnreadableDocument, load

# Below this many files, parsing in more than one child process at a time does not pay.
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
    files: list[SourceFile],
    chunk_words: int,
    overlap: int,
    workers: int,
    lookahead: int,
    budget: Budget,
    heartbeat: Callable[[], None] | None = None,
) -> Iterator[Parsed]:
    """`parse` of each file, in order, each in a child process under `budget` (see `index.guard`):
    a file that overruns it comes back unread, saying why. With `workers` > 0 (and enough files),
    that many files are parsed at a time. `heartbeat` is called while files are parsed; an
    exception it raises stops the parsing."""
    count = workers if workers > 0 and len(files) >= MIN_FILES_FOR_WORKERS else 1
    with Guarded(parse, budget, count, heartbeat) as guarded:
        calls = ((file, chunk_words, overlap) for file in files)
        for file, result in zip(files, guarded.map(calls, lookahead), strict=True):
            yield result if isinstance(result, Parsed) else Parsed(file, None, error=str(result))
