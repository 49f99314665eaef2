"""One browser tab's conversation: the messages shown, and each exchange behind them.

`respond` asks a question and yields the chat's messages as they grow; every exchange keeps what
the answer's links and actions need: the Answer (its [n] links point into its citations), the
documents searched, the index generation, and the feedback given on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant import Answer, AssistantError, Citation
from assistant.feedback import Vote
from ui.export import Turn
from ui.render import draft_html, error_html, final_html, question_html, stream_answer


class Asks(Protocol):
    def ask(self, question: str, sources: Sequence[str] | None = None) -> Answer: ...


class Streams(Protocol):
    def ask_stream(
        self, question: str, sources: Sequence[str] | None = None, *, llm: bool | None = None
    ) -> Iterator[str | Answer]: ...


Message = dict[str, str]


@dataclass
class Exchange(Turn):
    """A question, its answer (None after an error) and what the UI keeps of it: an id for feedback,
    the documents searched (None: all), the index generation, where its reply is in the messages,
    and the feedback given on it."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    sources: list[str] | None = None
    generation: int = 0
    message: int = -1
    vote: Vote | None = None
    note: str = ""


@dataclass
class ChatSession:
    """One tab's conversation. Its [n] links (`#cite-<turn>-<n>`) and actions (`#vote-<turn>-up`)
    name an exchange by its place in `turns`."""

    conversation: Asks
    messages: list[Message] = field(default_factory=list)
    turns: list[Exchange] = field(default_factory=list)
    noting: int | None = None  # the exchange the note box is about
    copies: int = 0  # answers copied so far: each copy is news to the browser, even of the same answer
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def answers(self) -> list[Answer]:
        return [turn.answer for turn in self.turns if turn.answer is not None]

    def exchange(self, turn: int) -> Exchange | None:
        """The answered exchange `turn`, or None (no such turn, or an error)."""
        if 0 <= turn < len(self.turns) and self.turns[turn].answer is not None:
            return self.turns[turn]
        return None

    def citation(self, turn: int, n: int) -> Citation | None:
        exchange = self.exchange(turn)
        if exchange is not None and exchange.answer is not None and 1 <= n <= len(exchange.answer.citations):
            return exchange.answer.citations[n - 1]
        return None

    def show_feedback(self, turn: int) -> None:
        """Render exchange `turn`'s reply again, with the vote given on it marked."""
        exchange = self.exchange(turn)
        if exchange is not None and exchange.answer is not None and 0 <= exchange.message < len(self.messages):
            html = final_html(exchange.answer, turn, exchange.scope, exchange.vote)
            self.messages[exchange.message] = {"role": "assistant", "content": html}


_FAILURES = (AssistantError,)


def respond(
    question: str,
    session: ChatSession,
    llm: bool = False,
    sources: list[str] | None = None,
    scope: str = "",
    generation: int = 0,
) -> Iterator[list[Message]]:
    """Ask `question` in `session` (searching `sources` only, when given), yielding the messages as
    they grow: first the question, then the answer one sentence (with its [n]) at a time. With
    `llm`, the language model's draft is shown as it is written, then replaced by the checked
    answer. Errors of the assistant become an error message."""
    session.messages.append({"role": "user", "content": question_html(question)})
    yield _copy(session.messages)
    turn = len(session.turns)
    try:
        if llm:
            answer = yield from _stream_draft(question, session, sources)
        else:
            answer = session.conversation.ask(question, sources)
    except _FAILURES as exc:
        if session.messages[-1]["role"] == "assistant":
            session.messages.pop()  # the draft
        session.messages.append({"role": "assistant", "content": error_html(str(exc))})
        session.turns.append(
            Exchange(question, None, scope, str(exc), sources=sources, message=len(session.messages) - 1)
        )
        yield _copy(session.messages)
        return
    if session.messages[-1]["role"] == "assistant":
        session.messages.pop()  # the draft, replaced by the checked answer
    if answer.query != answer.question:
        session.messages[-1] = {"role": "user", "content": question_html(question, answer.query)}
    reply = {"role": "assistant", "content": ""}
    session.messages.append(reply)
    exchange = Exchange(question, answer, scope, sources=sources, generation=generation)
    exchange.message = len(session.messages) - 1
    session.turns.append(exchange)
    for html in stream_answer(answer, turn, scope):
        reply["content"] = html
        yield _copy(session.messages)


def _stream_draft(
    question: str, session: ChatSession, sources: list[str] | None
) -> Generator[list[Message], None, Answer]:
    """Shows the model's draft as it grows; returns the checked Answer that ends the stream."""
    conversation: Streams = session.conversation  # type: ignore[assignment]
    draft = ""
    answer = None
    for item in conversation.ask_stream(question, sources, llm=True):
        if isinstance(item, Answer):
            answer = item
            continue
        if not draft:
            session.messages.append({"role": "assistant", "content": ""})
        draft += item
        session.messages[-1] = {"role": "assistant", "content": draft_html(draft)}
        yield _copy(session.messages)
    assert answer is not None, "an answer stream ends with its Answer"
    return answer


def _copy(messages: list[Message]) -> list[Message]:
    return [dict(m) for m in messages]
