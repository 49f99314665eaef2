"""The public entry point: `Assistant` answers questions over a corpus with cited passages."""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from assistant.compose import Scored, labelled, select, shape_of
from assistant.conversation import Conversation
from assistant.errors import EmptyQuestionError, UnknownSourceError
from assistant.ranking import rank
from assistant.settings import AssistantSettings
from assistant.types import NOT_FOUND, Answer, Citation
from index.build import Progress, RebuildReport, rebuild
from index.embed import Embedder, SentenceTransformerEmbedder
from index.errors import IndexCorruptError, IndexNotBuiltError, StoreUnavailableError
from index.reader import IndexReader, manifest_stamp
from index.settings import IndexSettings

log = logging.getLogger("assistant")

T = TypeVar("T")

# A rebuild that commits while a question is being answered deletes the generation that question
# was reading; the question is then answered again from the new one, this many times at most.
STALE_RETRIES = 3


class Assistant:
    """Answers questions from the documents of one corpus folder, citing exact spans.

    `Assistant()` uses the corpus `seeds/` and the index `.index/`, building the index first if
    there is none.

    Thread safety: one Assistant may be shared by any number of threads, and may answer while a
    rebuild runs (in a thread of this process or in another process). Each question reads one
    generation of the index from start to end: the reader is swapped under a lock when
    manifest.json changes, never mid-question, and a question whose generation a finished rebuild
    has just deleted is answered again from the new one. The embedding model is shared and its calls
    are serialised (see `index.embed`); the Chroma client is thread-safe. A `Conversation` holds
    the turns of one conversation and is not meant to be shared.
    """

    def __init__(
        self,
        corpus: str | Path | None = None,
        index_dir: str | Path | None = None,
        *,
        settings: AssistantSettings | None = None,
        embedder: Embedder | None = None,
        chroma_url: str | None = None,
    ) -> None:
        base = settings or AssistantSettings()
        index = IndexSettings.from_env(
            **{
                **base.index.model_dump(exclude_defaults=True),
                **{
                    k: v
                    for k, v in {"corpus": corpus, "index_dir": index_dir, "chroma_url": chroma_url}.items()
                    if v is not None
                },
            }
        )
        self.settings = base.model_copy(update={"index": index})
        self.embedder = embedder or SentenceTransformerEmbedder(index.embed_model, index.embed_batch_size)
        self._lock = threading.RLock()
        self._reader: IndexReader | None = None
        self._open()

    # --- index -----------------------------------------------------------------------------------

    def _open(self, stale: IndexReader | None = None) -> IndexReader:
        """Open the live generation. With `stale`, the reader a caller found out of date: if another
        thread has replaced it meanwhile, that replacement is returned instead of opening again."""
        with self._lock:
            current = self._reader
            if stale is not None and current is not None and current is not stale and not current.is_stale():
                return current
            try:
                self._reader = self._open_reader()
            except IndexNotBuiltError:
                if not self.settings.build_if_missing:
                    raise
                log.warning(
                    "no index at %s; building it from %s",
                    self.settings.index.index_dir,
                    self.settings.index.corpus,
                )
                report = rebuild(self.settings.index, self.embedder)
                log.warning("index built: %s", report.summary())
                self._reader = self._open_reader()
            return self._reader

    def _open_reader(self) -> IndexReader:
        """An IndexReader of the live generation. A rebuild that commits while it opens can delete
        the generation it began to read; it then opens the new one."""
        for _ in range(STALE_RETRIES):
            stamp = manifest_stamp(self.settings.index.index_dir)
            try:
                return IndexReader(self.settings.index, self.embedder.name)
            except IndexCorruptError:
                if manifest_stamp(self.settings.index.index_dir) == stamp:
                    raise
        return IndexReader(self.settings.index, self.embedder.name)

    @property
    def reader(self) -> IndexReader:
        """The live index, reopened when a rebuild (here or in another process) has replaced it."""
        reader = self._reader
        if reader is None or reader.is_stale():
            reader = self._open(stale=reader)
        return reader

    def _read(self, work: Callable[[IndexReader], T]) -> T:
        """`work` done on one generation of the index; done again on the new generation if a
        rebuild replaced and deleted that one while it ran."""
        reader = self.reader
        for _ in range(STALE_RETRIES):
            try:
                return work(reader)
            except (IndexCorruptError, StoreUnavailableError, OSError):
                if not reader.is_stale():
                    raise
                reader = self._open(stale=reader)
        return work(reader)

    def rebuild(self, progress: Progress | None = None) -> RebuildReport:
        """Bring the index in step with the corpus (see `index.build`); returns what changed."""
        report = rebuild(self.settings.index, self.embedder, progress)
        self._open()
        return report

    def sources(self) -> list[str]:
        """Paths, relative to the corpus folder, of the indexed documents."""
        return self.reader.sources()

    def source_text(self, source: str) -> str:
        """The text that citations of `source` index into (for .txt and .md, the file's own text)."""
        try:
            return self._read(lambda reader: reader.source_text(source))
        except KeyError:
            raise UnknownSourceError(source) from None

    def warm(self) -> None:
        """Load the embedding model and run it once, so that the first question is not slow."""
        self.embedder.embed(["warm up"])

    # --- questions -------------------------------------------------------------------------------

    def conversation(self) -> Conversation:
        """A conversation in which follow-up questions are read in the light of earlier ones."""
        return Conversation(self)

    def ask(self, question: str, sources: Sequence[str] | None = None) -> Answer:
        """Answer `question` from the documents (only from `sources`, paths relative to the corpus,
        when given). Raises EmptyQuestionError for an empty question."""
        question, notices = self._clean_question(question)
        return self._answer(question, question, sources, notices)

    def search(self, question: str, k: int = 10, sources: Sequence[str] | None = None) -> list[Citation]:
        """The k passages (sentences) most relevant to `question`, best first, with their spans:
        the evidence an answer is chosen from, before it is cut down to the answer."""
        query, _ = self._clean_question(question)
        return [self._citation(item) for item in self._read(lambda reader: self._rank(query, sources, reader))[:k]]

    def _rank(self, query: str, sources: Sequence[str] | None, reader: IndexReader | None = None) -> list[Scored]:
        reader = reader or self.reader
        checked = self._check_sources(reader, sources)
        ranked = rank(reader, self.embedder, query, self.settings.top_k, checked, self.settings.retrieval)
        return _first_of_each_quote(ranked)

    def _check_sources(self, reader: IndexReader, sources: Sequence[str] | None) -> list[str] | None:
        if sources is None:
            return None
        unknown = [s for s in sources if s not in reader.manifest.docs]
        if unknown:
            raise UnknownSourceError(unknown[0])
        return list(sources)

    @staticmethod
    def _citation(item: Scored) -> Citation:
        sentence = item.candidate.sentence
        return Citation(
            source=item.candidate.source,
            start=sentence.start,
            end=sentence.end,
            line_start=sentence.line_start,
            line_end=sentence.line_end,
            quote=sentence.text,
            score=round(item.relevance, 4),
            page=item.candidate.page,
        )

    def _clean_question(self, question: str) -> tuple[str, list[str]]:
        if not isinstance(question, str):
            raise TypeError(f"question must be a string, not {type(question).__name__}")
        text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") else ch for ch in question)
        text = " ".join(text.split())
        if not text:
            raise EmptyQuestionError()
        notices = []
        limit = self.settings.max_question_chars
        if len(text) > limit:
            text = text[:limit]
            notices.append(f"The question was cut to its first {limit} characters.")
        return text, notices

    def _answer(self, question: str, query: str, sources: Sequence[str] | None, notices: list[str]) -> Answer:
        return self._read(lambda reader: self._answer_from(reader, question, query, sources, notices))

    def _answer_from(
        self, reader: IndexReader, question: str, query: str, sources: Sequence[str] | None, notices: list[str]
    ) -> Answer:
        ranked = self._rank(query, sources, reader)
        if not ranked or max(s.match for s in ranked) < self.settings.min_relevance:
            return Answer(question, NOT_FOUND, False, [], query, notices)
        chosen = select(
            shape_of(query, reader.lexical.idf), ranked, self.settings.max_words, self.settings.max_sentences
        )
        citations = [self._citation(item) for item in chosen]
        parts = [f"{labelled(item)} [{n}]" for n, item in enumerate(chosen, start=1)]
        return Answer(question, " ".join(parts), True, citations, query, notices)


def _first_of_each_quote(ranked: list[Scored]) -> list[Scored]:
    """`ranked` without the sentences whose text a better-ranked one already has: the same passage
    in two files (a copy under another name) is cited once, from the file where it ranks best."""
    seen: set[str] = set()
    kept = []
    for item in ranked:
        text = item.candidate.sentence.text
        if text not in seen:
            seen.add(text)
            kept.append(item)
    return kept
