"""The public entry point: `Assistant` answers questions over a corpus with cited passages."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from assistant.conversation import Conversation
from assistant.errors import (
    AssistantError,
    LLMNotConfiguredError,
    LLMUnavailableError,
    UnknownSourceError,
)
from assistant.question import (
    NamesRead,
    Shape,
    asking_sentence,
    clean_question,
    identifier_parts,
    read_names,
    readings,
    shape_of,
    unheard_words,
    written_as,
)
from assistant.ranking import rank
from assistant.rerank import Reranker, ScoredOnce, bundled_reranker
from assistant.scoring import Candidate, Scored, score
from assistant.sections import Section, SectionAsked, asks_more, find_sections, opening, section_asked
from assistant.selection import (
    gaps_filled,
    in_context,
    in_reading_order,
    labelled,
    runs_on,
    select,
    shown,
    within_words,
)
from assistant.settings import AssistantSettings, LLMSettings
from assistant.steering import addresses_model
from assistant.types import Answer, Citation, Evidence, Segment, final_answer, not_found
from index.build import Progress, RebuildReport, rebuild
from index.chunking import Sentence
from index.embed import Embedder, make_embedder
from index.errors import IndexCorruptError, IndexNotBuiltError, IndexPipelineError, StoreUnavailableError
from index.reader import IndexReader, manifest_stamp
from index.settings import IndexSettings
from index.text import index_terms

log = logging.getLogger("assistant")

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

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

    With a language model (`settings.llm`, or an `llm` passed in), answers are written by the model
    from the ranked passages and kept only where the passages they cite support them (see
    `assistant.generate`); the extractive answer is the fallback. It is built on first use.
    """

    def __init__(
        self,
        corpus: str | Path | None = None,
        index_dir: str | Path | None = None,
        *,
        settings: AssistantSettings | None = None,
        embedder: Embedder | None = None,
        chroma_url: str | None = None,
        llm: LLM | None = None,
        reranker: Reranker | None = None,
        warm: bool = False,
        lazy: bool = False,
    ) -> None:
        """`llm`: a llama-index LLM used in place of the one `settings.llm` describes (the checks
        of `settings.llm`, or their defaults, still apply). `reranker`: used in place of the
        bundled cross-encoder when `settings.rerank` is on and a rule uses it. `warm`: load the
        models in a thread of their own at once, while this thread opens the index (see `warm`);
        a command that asks one question then waits for neither alone. `lazy`: open the index on first use rather
        than now (with `warm`, that thread opens it first), so that a server can answer before the
        index is open; errors such as IndexNotBuiltError then come from the first call that needs
        the index."""
        base = settings or AssistantSettings()
        given = {"corpus": corpus, "index_dir": index_dir, "chroma_url": chroma_url}
        index = IndexSettings.model_validate(
            {**base.index.model_dump(), **{k: v for k, v in given.items() if v is not None}}
        )
        self.settings = base.model_copy(update={"index": index})
        self.embedder = embedder or make_embedder(index)
        uses = self.settings.ranking.uses_cross_encoder or self.settings.min_cross is not None
        self.reranker = (reranker or bundled_reranker()) if self.settings.rerank and uses else None
        self._lock = threading.RLock()
        self._reader: IndexReader | None = None
        self._llm = llm
        self._llm_lock = threading.Lock()
        if warm:
            threading.Thread(target=self._warm_quietly, args=(lazy,), name="warm-up", daemon=True).start()
        if not lazy:
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

    def source_title(self, source: str) -> str:
        """The real title of an indexed document ("" when it has none)."""
        try:
            return str(self._read(lambda reader: reader.manifest.docs[source].get("title", "")))
        except KeyError:
            raise UnknownSourceError(source) from None

    def source_text(self, source: str) -> str:
        """The text that citations of `source` index into (for .txt and .md, the file's own text)."""
        try:
            return self._read(lambda reader: reader.source_text(source))
        except KeyError:
            raise UnknownSourceError(source) from None

    def warm(self) -> None:
        """Load the embedding model (and the reranker) and run it once, so that the first question
        is not slow."""
        self.embedder.embed(["warm up"], kind="query")
        if self.reranker is not None:
            self.reranker.score("warm up", ["warm up"])

    def _warm_quietly(self, open_index: bool) -> None:
        try:
            if open_index:
                self._open_quietly()
            self.warm()
        except Exception as exc:  # the first question that needs the model raises it again
            log.warning("could not load the models: %s", exc)

    def _open_quietly(self) -> None:
        try:
            _ = self.reader
        except (IndexPipelineError, AssistantError) as exc:  # the first question raises it again
            log.warning("%s", exc)

    # --- questions -------------------------------------------------------------------------------

    def conversation(self) -> Conversation:
        """A conversation in which follow-up questions are read in the light of earlier ones."""
        return Conversation(self)

    def ask(
        self,
        question: str,
        sources: Sequence[str] | None = None,
        *,
        llm: bool | None = None,
        query: str | None = None,
    ) -> Answer:
        """Answer `question` from the documents (only from `sources`, paths relative to the corpus,
        when given). `llm`: True to have the language model write the answer, False for the
        extractive answer, None for the former when a model is configured. `query`: what to search
        for, when it is not the question itself (a follow-up rewritten to stand alone; see
        `Conversation`). Raises EmptyQuestionError for an empty question, LLMNotConfiguredError for
        llm=True without a model."""
        return final_answer(self.ask_stream(question, sources, llm=llm, query=query))

    def ask_stream(
        self,
        question: str,
        sources: Sequence[str] | None = None,
        *,
        llm: bool | None = None,
        query: str | None = None,
    ) -> Iterator[str | Answer]:
        """As `ask`, streaming: the model's draft as it writes it (str pieces, unchecked), then the
        Answer, checked, as the last item. Without the model the Answer is the only item."""
        question, notices = clean_question(question, self.settings.max_question_chars)
        searched = question if query is None else clean_question(query, self.settings.max_question_chars)[0]
        return self._answer_stream(question, searched, sources, notices, self.uses_llm(llm))

    @property
    def has_llm(self) -> bool:
        """Whether a language model is configured (it may not be loaded yet)."""
        return self._llm is not None or self.settings.llm is not None

    def language_model(self) -> LLM:
        """The language model, built from `settings.llm` on first use. Raises LLMNotConfiguredError
        without one, LLMUnavailableError when its package or file is missing."""
        with self._llm_lock:
            if self._llm is None:
                if self.settings.llm is None:
                    raise LLMNotConfiguredError()
                from assistant.llm import make_llm

                self._llm = make_llm(self.settings.llm)
            return self._llm

    @property
    def llm_settings(self) -> LLMSettings:
        """How the model is run and checked: `settings.llm`, or defaults for a model passed in."""
        if self.settings.llm is not None:
            return self.settings.llm
        return LLMSettings(backend="openai", model="given")

    def search(self, question: str, k: int = 10, sources: Sequence[str] | None = None) -> list[Evidence]:
        """The k sentences most relevant to `question`, best first, each with its citation and how
        it scored: the evidence an answer is chosen from, before it is cut down to the answer (the
        language model, when one writes the answer, reads them in this order after the answer's own)."""
        query, _ = clean_question(question, self.settings.max_question_chars)

        def found(reader: IndexReader) -> list[Evidence]:
            ranked = self._rank(query, sources, reader, self.reranker)
            return [self._evidence_of(item, reader) for item in ranked[:k]]

        return self._read(found)

    def _evidence_of(self, item: Scored, reader: IndexReader) -> Evidence:
        named = self.settings.ranking.named_sections
        return Evidence(
            self._citation(item),
            labelled(item, named),
            item.relevance,
            item.match,
            item.cosine,
            item.overlap,
            item.follow,
            item.bridged,
            in_context(item, self._chunk_sentences(item, reader), named, self.settings.cross_context),
        )

    @staticmethod
    def _chunk_sentences(item: Scored, reader: IndexReader) -> Sequence[Sentence]:
        """The sentences of the chunk `item` was ranked from (none for a sentence from no chunk)."""
        return reader.chunks[item.candidate.position].sentences if item.candidate.position >= 0 else ()

    def _rank(
        self, query: str, sources: Sequence[str] | None, reader: IndexReader, reranker: Reranker | None
    ) -> list[Scored]:
        checked = self._check_sources(reader, sources)
        ranked = rank(reader, self.embedder, query, self.settings.ranking, checked, reranker)
        return [s for s in _first_of_each_quote(ranked) if not addresses_model(s.candidate.sentence.text)]

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
            title=item.candidate.title,
            section=sentence.section,
        )

    def uses_llm(self, llm: bool | None) -> bool:
        """Whether an answer asked with `llm` (as in `ask`) is written by the language model.
        Raises LLMNotConfiguredError for llm=True without a model."""
        if llm is None:
            return self.has_llm
        if llm and not self.has_llm:
            raise LLMNotConfiguredError()
        return llm

    def _answer_stream(
        self, question: str, query: str, sources: Sequence[str] | None, notices: list[str], llm: bool
    ) -> Iterator[str | Answer]:
        if not llm:
            yield self._read(lambda reader: self._evidence(reader, question, query, sources, notices)[0])
            return
        extractive, passages, idf = self._read(lambda reader: self._evidence(reader, question, query, sources, notices))
        if not extractive.grounded:
            yield extractive  # nothing relevant enough to write from: the model is not asked
            return
        yield from self._generate(extractive, passages[: self.llm_settings.passages], idf)

    def _evidence(
        self, reader: IndexReader, question: str, query: str, sources: Sequence[str] | None, notices: list[str]
    ) -> tuple[Answer, list[Scored], Callable[[str], float]]:
        """The extractive answer, and the ranked sentences a model may write from: those of the
        extractive answer first, then the rest best first."""
        asked = section_asked(query) if self.settings.section_questions else None
        if asked is not None:
            found = self._section_answer(reader, question, query, asked, sources, notices)
            if found is not None:
                return found
        names = self._read_names(query, reader)
        query = names.query
        notices = [
            *notices,
            *(f"Searched for '{new}', the documents' spelling of '{old}'." for old, new in names.respelled),
        ]
        if names.unknown:
            said = f"The documents never mention {', '.join(repr(name) for name in names.unknown)}."
            return not_found(question, query, [*notices, said]), [], reader.lexical.idf
        reranker = ScoredOnce(self.reranker) if self.reranker is not None else None
        ranked = self._rank(query, sources, reader, reranker)
        best = max((s.match for s in ranked), default=0.0)
        threshold = self.settings.refusal_threshold(self.embedder.name)
        if not ranked or (best < threshold and self._asking_match(query, ranked, reader) < threshold):
            return not_found(question, query, notices), [], reader.lexical.idf
        settings = self.settings
        shape = shape_of(query, settings.ranking, reader.lexical.idf)
        lead = self._cross_lead(query, ranked, best, reranker, reader)
        if lead is None:
            return not_found(question, query, notices), [], reader.lexical.idf
        if lead and settings.cross_lead and not ranked[lead].follow:
            ranked = [ranked[lead], *ranked[:lead], *ranked[lead + 1 :]]
        chosen = select(shape, ranked, settings.ranking, settings.max_words, settings.max_sentences)
        if settings.ranking.gap_words:

            def fits(items: list[Scored]) -> bool:
                return sum(len(s.marked.split()) for s in self._shown(shape, items)) <= settings.max_answer_words

            chosen = gaps_filled(
                chosen, settings.ranking.gap_words, lambda at: reader.chunks[at].sentences, reader.page_of, fits
            )
        segments = self._shown(shape, chosen)
        if settings.ranking.reading_order:
            chosen, segments = self._in_reading_order(shape, chosen, segments)
        answer, chosen = self._answer(question, query, notices, chosen, segments)
        taken = {id(item) for item in chosen}
        return answer, [*chosen, *(item for item in ranked if id(item) not in taken)], reader.lexical.idf

    def _section_answer(
        self,
        reader: IndexReader,
        question: str,
        query: str,
        asked: SectionAsked,
        sources: Sequence[str] | None,
        notices: list[str],
    ) -> tuple[Answer, list[Scored], Callable[[str], float]] | None:
        """The answer to a question naming a section (see `assistant.sections`), or None when no
        section of the documents is so headed."""
        sections = find_sections(reader, asked, self._check_sources(reader, sources))
        if not sections:
            return None
        # Of the sections found, those of the documents the question names most words of.
        naming = {s.source: f"{reader.manifest.docs[s.source].get('title', '')} {s.source}" for s in sections}
        more = {s.source: asks_more(asked, naming[s.source]) for s in sections}
        fewest = min(len(words) for words in more.values())
        sections = [s for s in sections if len(more[s.source]) == fewest]
        settings = self.settings
        shape = shape_of(query, settings.ranking, reader.lexical.idf)
        chosen, picked = sections[0], []
        if fewest:  # it asks more than the section: ranked among the sentences of the sections found
            ranked = self._rank(query, sorted({s.source for s in sections}), reader, None)
            inside = [(item, section) for item in ranked for section in sections if section.holds(item)]
            if inside:
                chosen = inside[0][1]
                ranked = [item for item, section in inside if section is chosen]
                picked = select(shape, ranked, settings.ranking, settings.max_words, settings.max_sentences)
        others = sorted({s.source for s in sections} - {chosen.source})
        notices = [*notices, f"From the section “{chosen.heading}” of {chosen.source}."]
        if others:
            notices.append(
                f"{', '.join(others)} also {'has' if len(others) == 1 else 'have'} a section so named; name the "
                "document in the question to have the answer from it."
            )
        if picked:
            segments = self._shown(shape, picked)
        else:
            inside_chosen = self._section_sentences(reader, chosen)
            taken = {s.start for s in opening([i.candidate.sentence for i in inside_chosen], settings.max_words)}
            picked = [item for item in inside_chosen if item.candidate.sentence.start in taken]
            segments = []
            for n, item in enumerate(picked, start=1):
                trail, text = item.candidate.sentence.section, item.candidate.sentence.display
                if trail != chosen.trail and trail != (picked[n - 2].candidate.sentence.section if n > 1 else ()):
                    text = f"{trail[-1]}: {text}"  # a subsection's first sentence, under its heading
                segments.append(Segment(text, (n,)))
        answer, picked = self._answer(question, query, notices, picked, segments)
        return answer, picked, reader.lexical.idf

    def _shown(self, shape: Shape, chosen: list[Scored]) -> list[Segment]:
        """A segment for each chosen sentence, citing it, as the answer shows it (see `shown`)."""
        ranking = self.settings.ranking
        return [
            Segment(shown(shape, item, ranking, chosen[n - 2] if n > 1 else None), (n,))
            for n, item in enumerate(chosen, start=1)
        ]

    def _in_reading_order(
        self, shape: Shape, chosen: list[Scored], segments: list[Segment]
    ) -> tuple[list[Scored], list[Segment]]:
        """`chosen` and its segments in reading order (`in_reading_order`) when the answer's ceiling
        cuts none of it: a cut falls on the last sentences, which are then no longer the least
        relevant ones."""
        ordered = in_reading_order(chosen)
        if ordered == chosen:
            return chosen, segments
        shown = self._shown(shape, ordered)
        if sum(len(segment.marked.split()) for segment in shown) > self.settings.max_answer_words:
            return chosen, segments
        return ordered, shown

    def _answer(
        self, question: str, query: str, notices: list[str], chosen: list[Scored], segments: list[Segment]
    ) -> tuple[Answer, list[Scored]]:
        """The grounded answer of `segments` (segment n cites `chosen[n - 1]`) cut to the answer's
        word ceiling, and the sentences it still cites."""
        segments = within_words(segments, self.settings.max_answer_words)
        chosen = chosen[: len(segments)]
        citations = [self._citation(item) for item in chosen]
        if self.settings.cite_runs:
            segments, citations = cited_runs(segments, citations, chosen)
        return Answer(question, segments, True, citations, query, notices), chosen

    @staticmethod
    def _section_sentences(reader: IndexReader, section: Section) -> list[Scored]:
        """The sentences of `section`, in order, each as an answer cites it (a section asked for by
        name is wholly relevant: relevance 1)."""
        found: dict[int, Scored] = {}
        for position in section.positions:
            chunk = reader.chunks[position]
            vectors = reader.sentence_vectors(position)
            for sentence, vector in zip(chunk.sentences, vectors, strict=True):
                if not section.holds_sentence(sentence) or sentence.start in found:
                    continue
                page = reader.page_of(section.source, sentence.start)
                candidate = Candidate(section.source, page, sentence, vector, 0, chunk.title, position, True)
                found[sentence.start] = Scored(candidate, 1.0, 1.0, 1.0, 1.0)
        return [found[start] for start in sorted(found)]

    def read_names(self, question: str) -> NamesRead:
        """The question's names as the documents know them: misspelt ones respelled
        (`AssistantSettings.respell_names`), and those the documents never mention
        (`refuse_unknown_names`: such a question is refused)."""
        return self._read(lambda reader: self._read_names(question, reader))

    def _read_names(self, question: str, reader: IndexReader) -> NamesRead:
        settings = self.settings
        spelling = reader.spelling if settings.respell_names else None
        known = reader.mentions if settings.refuse_unknown_names else None
        written = partial(self._writes, reader) if settings.refuse_unknown_identifiers else None
        return read_names(question, spelling, known, written)

    def _writes(self, reader: IndexReader, identifier: str) -> bool:
        """Whether a document writes the code identifier (`assistant.question.written_as`), in a
        chunk, a title or a file's name. The chunks read are the `identifier_scan` that best match
        its words lexically: one that writes it holds them all. One whose words index nothing (stop
        words, single letters: "as_of") counts as written, as such a name is never unknown."""
        pattern, words = written_as(identifier), " ".join(identifier_parts(identifier))
        if not index_terms(words) or any(pattern.search(source) for source in reader.sources()):
            return True
        hits = reader.lexical.search(words, self.settings.identifier_scan)
        return any(pattern.search(reader.chunks[n].text) or pattern.search(reader.chunks[n].title) for n, _ in hits)

    def _asking_match(self, query: str, ranked: list[Scored], reader: IndexReader) -> float:
        """The best match of the ranked sentences to the last sentence of a question of several
        (`asking_sentence`), asked for when their match to the whole question is under
        `min_relevance`, with `AssistantSettings.match_asking_sentence` on; 0 otherwise."""
        settings = self.settings
        asking = asking_sentence(query) if settings.match_asking_sentence else None
        if asking is None:
            return 0.0
        vector = self.embedder.embed([asking], kind="query")[0]
        shape = shape_of(asking, settings.ranking, reader.lexical.idf)
        return max(s.match for s in score(shape, vector, [s.candidate for s in ranked], settings.ranking))

    def _cross_lead(
        self, query: str, ranked: list[Scored], best: float, reranker: Reranker | None, reader: IndexReader
    ) -> int | None:
        """Where the best match is middling, the position of the first of the best sentences that the
        cross-encoder finds an answer (`AssistantSettings.min_cross`) by any of the question's readings
        (`assistant.question.readings`), or when none is, the first it
        finds one read with the words around it (`cross_context`), or None when none is either: the
        question is refused. 0 when the cross-encoder is not asked."""
        settings = self.settings
        if settings.min_cross is None or reranker is None:
            return 0
        below = settings.cross_check_below(self.embedder.name)
        if settings.unheard_reach and below and unheard_words(query, reader.lexical.holds):
            below += settings.unheard_reach
        if best >= below:
            return 0
        best_ones = ranked[: settings.cross_sentences]
        named = settings.ranking.named_sections
        read_as = readings(query, settings.cross_asking_sentence, settings.cross_asked_clause)
        for n, item in enumerate(best_ones):
            text = labelled(item, named)
            if max(float(reranker.score(reading, [text])[0]) for reading in read_as) >= settings.min_cross:
                return n
        if settings.cross_context <= 0:
            return None
        for n, item in enumerate(best_ones):
            passage = in_context(item, self._chunk_sentences(item, reader), named, settings.cross_context)
            if max(float(reranker.score(reading, [passage])[0]) for reading in read_as) >= settings.min_cross:
                return n
        return None

    def _generate(
        self, extractive: Answer, passages: list[Scored], idf: Callable[[str], float]
    ) -> Iterator[str | Answer]:
        """The model's draft as it streams, then its checked answer, or `extractive` with a notice."""
        from assistant.generate import check, compose, prompt, read_claims
        from assistant.llm import failure

        settings = self.llm_settings
        reply = ""
        try:
            for response in self.language_model().stream_chat(prompt(extractive.query, passages)):
                delta = response.delta or ""
                reply += delta
                if delta:
                    yield delta
        except (LLMNotConfiguredError, LLMUnavailableError):
            raise
        except Exception as exc:  # a server down, a timeout, a failing model: the extractive answer stands
            log.warning("the language model failed: %s", exc, exc_info=True)
            why = f"{failure(exc, settings)}; this is the extractive answer."
            yield replace(extractive, notices=[*extractive.notices, why])
            return
        claims = read_claims(reply, len(passages))
        checked = check(claims, passages, self.embedder, idf, settings.min_overlap, settings.min_cosine)
        composed = compose(checked, passages, flag=settings.unsupported == "flag")
        if composed is None:
            why = (
                "No sentence of the language model's answer was supported by the passages it cites; "
                "this is the extractive answer."
            )
            yield replace(extractive, notices=[*extractive.notices, why])
            return
        yield Answer(
            extractive.question,
            composed.segments,
            True,
            [self._citation(item) for item in composed.cited],
            extractive.query,
            [*extractive.notices, *composed.notices],
            mode="llm",
        )


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


def cited_runs(
    segments: list[Segment], citations: list[Citation], chosen: list[Scored]
) -> tuple[list[Segment], list[Citation]]:
    """Segments whose sentences follow each other in one document as one segment with one citation
    whose span and quote hold them all (`AssistantSettings.cite_runs`). Segment n cites citation n
    on entry. Only sentences of paragraphs shown as written join: a list's items, a table's rows and
    code keep a citation each, as they are shown a line each."""
    out_segments: list[Segment] = []
    out_citations: list[Citation] = []
    previous: Scored | None = None
    for segment, citation, item in zip(segments, citations, chosen, strict=True):
        if previous is not None and runs_on(previous, item):
            last, run = out_citations[-1], out_segments[-1]
            out_citations[-1] = replace(
                last, end=citation.end, line_end=citation.line_end, quote=f"{last.quote} {citation.quote}"
            )
            out_segments[-1] = Segment(f"{run.text} {segment.text}", run.citations)
        else:
            n = len(out_citations) + 1
            out_citations.append(citation)
            out_segments.append(Segment(segment.text, (n,)))
        previous = item
    return out_segments, out_citations
