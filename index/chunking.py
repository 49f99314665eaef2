"""Cut a loaded document into sentences and overlapping chunks, each with its exact raw span."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass

from index.clean import clean
from index.loaders import LoadedDocument
from index.sentences import split_spans


@dataclass(frozen=True)
class Sentence:
    """One sentence. `start`/`end` are a half-open span of the document's raw text; lines are 1-based
    and inclusive; `text` is the cleaned sentence, whose words appear in order in raw[start:end]."""

    start: int
    end: int
    line_start: int
    line_end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """Consecutive sentences of one document, the unit that is embedded and retrieved.

    `text` is the cleaned text that is quoted and embedded; `title` is the document's title, given
    to the embedder alongside the text but never quoted. Spans and lines are as for Sentence.
    """

    id: str
    source: str
    doc_sha256: str
    ordinal: int
    start: int
    end: int
    line_start: int
    line_end: int
    page: int | None
    text: str
    title: str
    sentences: tuple[Sentence, ...]

    @property
    def embed_text(self) -> str:
        return f"{self.title}\n{self.text}" if self.title else self.text

    def sentence_parts(self) -> list[tuple[tuple[int, int], ...]]:
        """Where each sentence lies in `embed_text`, with the title if there is one, as half-open
        character spans. A sentence is embedded there, read in the context of its neighbours and
        with its title, since a sentence often names its subject only through the document it
        stands in ("She served as ...")."""
        title = ((0, len(self.title)),) if self.title else ()
        parts, at = [], len(self.title) + 1 if self.title else 0
        for sentence in self.sentences:
            parts.append((*title, (at, at + len(sentence.text))))
            at += len(sentence.text) + 1
        return parts


def chunk_id(source: str, doc_sha256: str, ordinal: int) -> str:
    """Stable across rebuilds for unchanged documents; differs when the path or the bytes differ."""
    key = hashlib.sha256(f"{source}\0{doc_sha256}".encode()).hexdigest()[:20]
    return f"{key}-{ordinal}"


class LineTable:
    """Maps raw offsets to 1-based line numbers."""

    def __init__(self, raw: str) -> None:
        self._starts = [0]
        pos = raw.find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = raw.find("\n", pos + 1)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def split_sentences(doc: LoadedDocument) -> list[Sentence]:
    cleaned = clean(doc.text, markdown=doc.markdown)
    lines = LineTable(doc.text)
    sentences = []
    for cs, ce in split_spans(cleaned.text):
        start, end = cleaned.to_raw(cs, ce)
        sentences.append(Sentence(start, end, lines.line_of(start), lines.line_of(end - 1), cleaned.text[cs:ce]))
    return sentences


def chunk_document(doc: LoadedDocument, chunk_words: int, overlap: int) -> list[Chunk]:
    """Pack sentences greedily into chunks of about `chunk_words` words; each chunk after the first
    repeats the last `overlap` sentences of the one before it."""
    sentences = split_sentences(doc)
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        j, words = i, 0
        while j < len(sentences) and (j == i or words + _words(sentences[j].text) <= chunk_words):
            words += _words(sentences[j].text)
            j += 1
        groups.append((i, j))
        if j >= len(sentences):
            break
        i = max(j - overlap, i + 1)
    chunks = []
    for ordinal, (i, j) in enumerate(groups):
        members = tuple(sentences[i:j])
        first, last = members[0], members[-1]
        chunks.append(
            Chunk(
                id=chunk_id(doc.source, doc.sha256, ordinal),
                source=doc.source,
                doc_sha256=doc.sha256,
                ordinal=ordinal,
                start=first.start,
                end=last.end,
                line_start=first.line_start,
                line_end=last.line_end,
                page=_page(doc.page_starts, first.start),
                text=" ".join(s.text for s in members),
                title=doc.title,
                sentences=members,
            )
        )
    return chunks


def _words(text: str) -> int:
    return len(text.split())


def _page(page_starts: list[int] | None, offset: int) -> int | None:
    if page_starts is None:
        return None
    return bisect.bisect_right(page_starts, offset)
