"""Example questions that fit the corpus: made from its documents and checked by asking them, or read
from a question file the user names.

Candidates come from each document's title (the manifest's) and, where chunk records carry a
section path, from its section headings. A candidate is kept only if asking it gives a grounded
answer whose best citation comes from the document it was made from, so an example never leads to
"not found" or to another document. The seed corpus's own questions are offered when the index
holds the seed document (they are about it), before any made from other documents.

Working them out asks a dozen questions, so `ExampleQuestions` does it in a background thread and
keeps the result per index generation, in memory and in `<index>/examples.json`: a page asks for
them without waiting, and a restart does not ask again.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError
from index.chunking import Chunk
from index.store import atomic_write
from index.text import display_title

if TYPE_CHECKING:
    from assistant.core import Assistant

log = logging.getLogger("assistant")

EXAMPLES_FILE = "examples.json"

SEED_DOCUMENT_SHA256 = "31bd2c0688ef09c31cdddf3f081daf9aa21f8a8aa002cbf76dd954f73216aa6a"
"""The sha256 of seeds/000_e2b722ad9ab66247.txt, the document SEED_QUESTIONS are about."""

SEED_QUESTIONS = [
    "who doubted the withdrawal?",
    "What did Putin say after his talks with Olaf Scholz?",
    "Who won the 2018 football World Cup?",  # shows what a question the documents do not answer looks like
]

MAX_TITLE_CHARS = 80
"""Longer titles (and headings) make unwieldy questions and are passed over."""

HEADINGS_PER_DOCUMENT = 3
CHUNKS_READ_PER_DOCUMENT = 40
"""Section headings are looked for in at most this many chunks of a document."""


@dataclass(frozen=True)
class Candidate:
    """A question made from `source`, before it is checked."""

    question: str
    source: str


def candidates(documents: Iterable[tuple[str, str, Sequence[str]]]) -> list[Candidate]:
    """Questions from (source, title, section headings) of each document: first one per document
    (from its title, else its first heading), then the rest, so that the first examples come from
    as many documents as possible."""
    per_document: list[list[Candidate]] = []
    for source, raw_title, headings in documents:
        title = readable_title(raw_title)
        made = [Candidate(_about_title(title), source)] if title else []
        for heading in dict.fromkeys(h.strip() for h in headings):
            if heading and len(heading) <= MAX_TITLE_CHARS and heading.casefold() != title.casefold():
                made.append(Candidate(_about_heading(heading, title), source))
        if made:
            per_document.append(made[: 1 + HEADINGS_PER_DOCUMENT])
    rounds = max((len(made) for made in per_document), default=0)
    return [made[i] for i in range(rounds) for made in per_document if i < len(made)]


_SEPARATORS = re.compile(r"\s+[|—–-]\s+")
_NUMBERING = re.compile(
    r"^(?:(?:chapter|section|part|appendix)\s+)?(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s+", re.IGNORECASE
)


def readable_title(title: str) -> str:
    """A title as a question can use it: without a parenthetical qualifier, a site name after
    " | " or " - ", path-like prefixes before ": " ("PostgreSQL: Documentation: 15: 9.4. String
    Functions" -> "String Functions") or section numbering; "" when nothing readable is left."""
    text = display_title(title)
    text = _SEPARATORS.split(text)[0]
    text = text.rsplit(": ", 1)[-1]
    text = _NUMBERING.sub("", text).strip(" .:")
    if len(text) > MAX_TITLE_CHARS or not re.search(r"[^\W\d_]{3}", text):
        return ""
    return text


def _about_title(title: str) -> str:
    if not title[:1].isupper():
        return f"What do the documents say about {title}?"
    if re.match(r"(?:The|A|An) ", title):
        title = title[0].lower() + title[1:]  # "What is the system initialization?"
    return f"What are {title}?" if _plural(title) else f"What is {title}?"


def _plural(phrase: str) -> bool:
    """Whether a noun phrase reads as plural by its last word ("Tide tables", not "Glass" or "Status")."""
    last = phrase.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "ics")) and len(last) > 3


def _about_heading(heading: str, title: str) -> str:
    return f"What does {title} say about {heading}?" if title else f"What do the documents say about {heading}?"


def section_headings(chunks: Iterable[Chunk]) -> list[str]:
    """The headings of the sections the chunks' sentences stand in (the innermost of each section
    path), in order, once each."""
    found: dict[str, None] = {}
    for chunk in chunks:
        for sentence in chunk.sentences:
            if sentence.section:
                found.setdefault(sentence.section[-1], None)
    return list(found)


def file_questions(path: Path) -> list[str]:
    """The questions of a question file in the format of `assistant eval` (eval/dev.json): each
    question, and the first turn of each conversation."""
    data = json.loads(path.read_text(encoding="utf-8"))
    questions = [item["q"] for item in data.get("questions", [])]
    questions += [conversation["turns"][0]["q"] for conversation in data.get("conversations", [])]
    return list(dict.fromkeys(q for q in questions if isinstance(q, str) and q.strip()))


def corpus_questions(assistant: Assistant, limit: int = 4, tries: int = 12) -> list[str]:
    """Up to `limit` example questions for the assistant's corpus: the seed's if the index holds the
    seed document, then those made from the other documents that pass the check (at most `tries`
    are asked)."""
    reader = assistant.reader
    docs = reader.manifest.docs
    seed = [s for s, entry in docs.items() if entry.get("sha256") == SEED_DOCUMENT_SHA256]
    chosen = list(SEED_QUESTIONS) if seed else []
    documents = []
    for source, positions in reader.generation.by_document():
        if source in seed:
            continue
        chunks = [reader.chunks[i] for i in positions[:CHUNKS_READ_PER_DOCUMENT]]
        documents.append((source, docs.get(source, {}).get("title", ""), section_headings(chunks)))
    for candidate in candidates(documents)[:tries]:
        if len(chosen) >= limit:
            break
        if answers_from(assistant, candidate):
            chosen.append(candidate.question)
    return chosen


def answers_from(assistant: Assistant, candidate: Candidate) -> bool:
    """Whether asking the candidate gives a grounded answer whose best citation is from its document."""
    answer = assistant.ask(candidate.question, llm=False)
    return answer.grounded and bool(answer.citations) and answer.citations[0].source == candidate.source


class ExampleQuestions:
    """The examples to offer for the live index: those of `file` if given, else `corpus_questions`,
    worked out in the background once per index generation."""

    def __init__(self, assistant: Assistant, file: Path | None = None, limit: int = 4) -> None:
        self.assistant = assistant
        self.limit = limit
        self._fixed = file_questions(file) if file is not None else None
        self._lock = threading.Lock()
        self._key: str | None = None
        self._questions: list[str] = []
        self._working: str | None = None  # the key being worked out in the background

    def current(self) -> list[str] | None:
        """The examples for the live index, or None while they are being worked out (which this
        starts, in a background thread, when needed)."""
        if self._fixed is not None:
            return self._fixed
        try:
            manifest = self.assistant.reader.manifest
        except AssistantError:
            return []
        key = f"{manifest.store_id}-{manifest.generation}"
        with self._lock:
            if self._key == key:
                return self._questions
            stored = self._stored(key)
            if stored is not None:
                self._key, self._questions = key, stored
                return stored
            if self._working != key:
                self._working = key
                threading.Thread(target=self._work_out, args=(key,), name="example-questions", daemon=True).start()
            return None

    def wait(self, timeout: float = 120.0) -> list[str]:
        """The examples, waiting for them if they are being worked out (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while (questions := self.current()) is None:
            if time.monotonic() > deadline:
                raise TimeoutError("the example questions were not ready in time")
            time.sleep(0.05)
        return questions

    @property
    def _path(self) -> Path:
        return self.assistant.settings.index.index_dir / EXAMPLES_FILE

    def _stored(self, key: str) -> list[str] | None:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("index") != key or data.get("limit") != self.limit:
            return None
        questions = data.get("questions")
        return questions if isinstance(questions, list) else None

    def _work_out(self, key: str) -> None:
        try:
            questions = corpus_questions(self.assistant, self.limit)
        except AssistantError as exc:
            log.warning("no example questions: %s", exc)
            questions = []
        try:
            payload = {"index": key, "limit": self.limit, "questions": questions}
            atomic_write(self._path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            log.warning("could not keep the example questions in %s: %s", self._path, exc)
        with self._lock:
            if self._working == key:
                self._key, self._questions, self._working = key, questions, None
