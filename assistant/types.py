"""The result types of the public API."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

NOT_FOUND = "I could not find this in the documents."


@dataclass(frozen=True)
class Citation:
    """One cited passage.

    `start`/`end` are a half-open span of character offsets into the source's text as
    `Assistant.source_text(source)` returns it (for .txt and .md, the file's own decoded text);
    lines are 1-based and inclusive. `quote` is the cleaned passage: its words appear, in order, in
    that span. `score` is the passage's relevance to the question, from 0 to 1, higher is better
    (see `assistant.scoring` for how it is made). `page` is the 1-based PDF page, else None.
    """

    source: str
    start: int
    end: int
    line_start: int
    line_end: int
    quote: str
    score: float
    page: int | None = None
    title: str = ""
    section: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        lines = f"{self.line_start}" if self.line_start == self.line_end else f"{self.line_start}-{self.line_end}"
        return f"{self.source}:{lines}"

    @property
    def trail(self) -> tuple[str, ...]:
        """The document's title and the headings above the passage, outermost first, as a reader
        is shown where it stands; a first heading that the title already ends with is not said
        twice ("The QBrew Brewing Primer: The Mashing Primer" over its page's "The Mashing Primer")."""
        section = self.section
        if section and self.title.casefold().endswith(section[0].casefold()):
            section = section[1:]
        return tuple(part for part in (self.title, *section) if part)


@dataclass(frozen=True)
class Evidence:
    """A ranked sentence, as `Assistant.search` returns it: the passage an answer may quote, why it
    ranks where it does, and how the answer would use it.

    `text` is the sentence as an answer shows it (a table row with its headers, a title label).
    `relevance` (0 to 1, higher is better; `citation.score` rounded) = `match` + the bonus for
    holding what is asked; `match` = the weighted `cosine` (question and sentence vectors, clipped
    to 0-1) and `overlap` (weighted share of the question's words the sentence holds): refusal
    reads `match`. `follow`: the answer takes it right after the best sentence whatever its
    relevance (the sentence a bridge leads to, or one about a thing the question compares);
    `bridged`: found in a document a name in the best sentence leads to. `context`: `text` between
    the words of the sentences around it (`AssistantSettings.cross_context`), as the cross-encoder
    reads it when the sentence alone does not answer. See `assistant.scoring`.
    """

    citation: Citation
    text: str
    relevance: float
    match: float
    cosine: float
    overlap: float
    follow: bool = False
    bridged: bool = False
    context: str = ""


@dataclass(frozen=True)
class Segment:
    """A stretch of an answer as it is shown, and the numbers of the citations that back it, in
    order ([1] is `Answer.citations[0]`). A segment cites nothing when it is not a claim from the
    documents (the sentence saying they do not answer). The text shown may differ from the quote
    it cites: a table row is shown with its column headers ("New York, Nightly limit: USD 310") and
    quoted as written in the source; a code block is shown with its lines (`is_block`) and quoted
    on one line."""

    text: str
    citations: tuple[int, ...] = ()

    @property
    def is_block(self) -> bool:
        """Whether the text is lines to be shown as written (a code block), not a sentence."""
        return "\n" in self.text

    @property
    def marked(self) -> str:
        """The text followed by its citation marks: `The keeper doubted it. [1] [2]`."""
        return " ".join([self.text, *(f"[{n}]" for n in self.citations)])


def answer_text(segments: Iterable[Segment]) -> str:
    """An answer's plain text: each segment followed by its [n] marks, a code block on lines of
    its own."""
    out = ""
    for segment in segments:
        if segment.is_block:
            out += ("\n" if out else "") + segment.marked + "\n"
        else:
            out += (" " if out and not out.endswith("\n") else "") + segment.marked
    return out.rstrip("\n")


@dataclass(frozen=True)
class Answer:
    """An answer made of segments (sentences), each followed by the citations that back it.

    `text` is derived from `segments`: each segment's text followed by [n], where [1] is
    `citations[0]`; renderers (the UI, the CLI, JSON) use `segments` and never parse `text` back.
    `grounded` is False when the documents do not answer the question; the text then says so and
    there are no citations. `query` is what was searched: the question itself, or a follow-up
    rewritten to stand alone. `mode` says what wrote the text: "extractive" (sentences quoted from
    the documents) or "llm" (a language model, every kept sentence checked against the passages it
    cites; a passage may then be cited by several sentences). `notices` tell the reader what was cut,
    removed or fallen back on.
    """

    question: str
    text: str = field(init=False)
    segments: list[Segment]
    grounded: bool
    citations: list[Citation] = field(default_factory=list)
    query: str = ""
    notices: list[str] = field(default_factory=list)
    mode: Literal["extractive", "llm"] = "extractive"

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", answer_text(self.segments))

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON values (tuples, such as a segment's citation numbers, as lists)."""
        data: dict[str, Any] = json.loads(json.dumps(asdict(self), ensure_ascii=False))
        return data


def not_found(question: str, query: str, notices: list[str]) -> Answer:
    """The answer for a question the documents do not answer."""
    return Answer(question, [Segment(NOT_FOUND)], False, [], query, notices)


def final_answer(stream: Iterable[str | Answer]) -> Answer:
    """The Answer that ends an answer stream (see `Assistant.ask_stream`), the draft pieces read past."""
    answer = None
    for item in stream:
        if isinstance(item, Answer):
            answer = item
    if answer is None:
        raise ValueError("the answer stream ended without its Answer")
    return answer
