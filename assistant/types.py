"""The result types of the public API."""

from __future__ import annotations

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

    @property
    def location(self) -> str:
        lines = f"{self.line_start}" if self.line_start == self.line_end else f"{self.line_start}-{self.line_end}"
        return f"{self.source}:{lines}"


@dataclass(frozen=True)
class Answer:
    """An answer whose every sentence is followed by [n], where [1] is `citations[0]`.

    `grounded` is False when the documents do not answer the question; the text then says so and
    there are no citations. `query` is what was searched: the question itself, or a follow-up
    rewritten to stand alone. `mode` says what wrote the text: "extractive" (sentences quoted from
    the documents) or "llm" (a language model, every kept sentence checked against the passages it
    cites; a passage may then be cited by several sentences). `notices` tell the reader what was cut,
    removed or fallen back on.
    """

    question: str
    text: str
    grounded: bool
    citations: list[Citation] = field(default_factory=list)
    query: str = ""
    notices: list[str] = field(default_factory=list)
    mode: Literal["extractive", "llm"] = "extractive"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def final_answer(stream: Iterable[str | Answer]) -> Answer:
    """The Answer that ends an answer stream (see `Assistant.ask_stream`), the draft pieces read past."""
    answer = None
    for item in stream:
        if isinstance(item, Answer):
            answer = item
    if answer is None:
        raise ValueError("the answer stream ended without its Answer")
    return answer
