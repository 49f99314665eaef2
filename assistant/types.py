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
    (see `assistant.compose` for how it is made). `page` is the 1-based PDF page, else None.
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


@dataclass(frozen=True)
class Segment:
    """A stretch of an answer: the text shown and the numbers of the citations it carries ([1] is
    `citations[0]`). The text shown may differ from the quote it cites: a table row is shown with
    its column headers ("New York, Nightly limit: USD 310") and quoted as written in the source."""

    text: str
    citations: tuple[int, ...] = ()

    @property
    def rendered(self) -> str:
        """The segment as `Answer.text` holds it: "text [1] [2]"."""
        return " ".join([self.text, *(f"[{n}]" for n in self.citations)]).strip()


def segments_text(segments: Iterable[Segment]) -> str:
    """The answer text made of `segments`: each rendered, joined by spaces."""
    return " ".join(segment.rendered for segment in segments)


@dataclass(frozen=True)
class Answer:
    """An answer whose every sentence is followed by [n], where [1] is `citations[0]`.

    `grounded` is False when the documents do not answer the question; the text then says so and
    there are no citations. `query` is what was searched: the question itself, or a follow-up
    rewritten to stand alone. `mode` says what wrote the text: "extractive" (sentences quoted from
    the documents) or "llm" (a language model, every kept sentence checked against the passages it
    cites; a passage may then be cited by several sentences). `notices` tell the reader what was cut,
    removed or fallen back on. `segments` are the answer's parts, each with the citations it
    carries; `text` is made from them (`segments_text`), so renderers read the segments.
    """

    question: str
    text: str
    grounded: bool
    citations: list[Citation] = field(default_factory=list)
    query: str = ""
    notices: list[str] = field(default_factory=list)
    mode: Literal["extractive", "llm"] = "extractive"
    segments: list[Segment] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.segments and self.text != segments_text(self.segments):
            raise ValueError("an answer's text is made from its segments")

    @classmethod
    def of_segments(
        cls,
        question: str,
        segments: list[Segment],
        citations: list[Citation],
        query: str = "",
        notices: list[str] | None = None,
        mode: Literal["extractive", "llm"] = "extractive",
    ) -> Answer:
        """A grounded answer made of `segments`."""
        return cls(question, segments_text(segments), True, citations, query, notices or [], mode, segments)

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON reads it (tuples as lists)."""
        data: dict[str, Any] = json.loads(json.dumps(asdict(self), ensure_ascii=False))
        return data


def final_answer(stream: Iterable[str | Answer]) -> Answer:
    """The Answer that ends an answer stream (see `Assistant.ask_stream`), the draft pieces read past."""
    answer = None
    for item in stream:
        if isinstance(item, Answer):
            answer = item
    if answer is None:
        raise ValueError("the answer stream ended without its Answer")
    return answer
