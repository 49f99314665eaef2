"""Conversations: follow-up questions rewritten to stand alone, without a language model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.types import Answer

if TYPE_CHECKING:
    from assistant.core import Assistant


class Conversation:
    """The questions and answers so far; `ask()` reads a follow-up in their light."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.turns: list[Answer] = []

    def ask(self, question: str) -> Answer:
        text, notices = self.assistant._clean_question(question)
        query = rewrite(text, self.turns)
        answer = self.assistant._answer(text, query, None, notices)
        self.turns.append(answer)
        return answer


def rewrite(question: str, turns: list[Answer]) -> str:
    """The question as it would be asked on its own. Placeholder: no rewriting yet."""
    return question
