"""The public entry point: `Assistant` answers questions over a corpus with cited passages."""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from assistant.compose import Scored, labelled, select, shape_of
from assistant.conversation import Conversation
from assistant.errors import EmptyQuestionError, UnknownSourceError
from assistant.ranking import rank
from assistant.settings import AssistantSettings
from assistant.types import NOT_FOUND, Answer, Citation
from index.build import Progress, RebuildReport, rebuild
from index.embed import Embedder, SentenceTransformerEmbedder
from index.errors import IndexNotBuiltError
from index.reader import IndexReader
from index.settings import IndexSettings

log = logging.getLogger("assistant")


class Assistant:
    """Answers questions from the documents of one corpus folder, citing exact spans.

    `Assistant()` uses the corpus `seeds/` and the index `.index/`, building the index first if
    there is none. An Assistant may be shared between threads.
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

    def _open(self) -> IndexReader:
        with self._lock:
            try:
                self._reader = IndexReader(self.settings.index, self.embedder.name)
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
                self._reader = IndexReader(self.settings.index, self.embedder.name)
            return self._reader

    @property
    def reader(self) -> IndexReader:
        """The live index, reopened when a rebuild (here or in another process) has replaced it."""
        reader = self._reader
        if reader is None or reader.is_stale():
            reader = self._open()
        return reader

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
            return self.reader.source_text(source)
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
        return [self._citation(item) for item in self._rank(query, sources)[:k]]

    def _rank(self, query: str, sources: Sequence[str] | None) -> list[Scored]:
        reader = self.reader
        checked = self._check_sources(reader, sources)
        return rank(reader, self.embedder, query, self.settings.top_k, checked, self.settings.retrieval)

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
        ranked = self._rank(query, sources)
        if not ranked or max(s.match for s in ranked) < self.settings.min_relevance:
            return Answer(question, NOT_FOUND, False, [], query, notices)
        chosen = select(
            shape_of(query, self.reader.lexical.idf), ranked, self.settings.max_words, self.settings.max_sentences
        )
        citations = [self._citation(item) for item in chosen]
        parts = [f"{labelled(item)} [{n}]" for n, item in enumerate(chosen, start=1)]
        return Answer(question, " ".join(parts), True, citations, query, notices)
