"""Conversations: follow-up questions rewritten to stand alone, without a language model.

The rewrite works on surface cues, in this order:

1. "What about X?" / "And X?" / "How about X?" repeats the previous question with X in place of
   its named subject ("What did Stoltenberg say?" + "What about Biden?" -> "What did Biden say?"),
   or of the section it names ("What does section 2.1 say?" + "And section 2.3?").
2. Personal pronouns (he, she, his, her, him) are replaced by the person the conversation is
   about: the last name in the previous question, else the first name in the previous answer.
3. Other references (it, they, this, that, there ...) in a question that names nothing itself
   get the previous question's subject (or its content words) added to the query.

A question that names its own subject and has none of these cues is left as it is.

With a language model on (and `LLMSettings.rewrite_followups`), the model rewrites the follow-up
instead; its rewrite is taken only if it keeps the follow-up's own content words and the names the
rules above would have brought in, and is one short line (see `accept_rewrite`). Either way the
result is `Answer.query`, shown under the question.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from assistant.question import clean_question, names
from assistant.sections import section_asked
from assistant.types import Answer, final_answer
from index.text import content_words, stem

log = logging.getLogger("assistant")

if TYPE_CHECKING:
    from assistant.core import Assistant


class Conversation:
    """The questions and answers so far; `ask()` reads a follow-up in their light."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.turns: list[Answer] = []

    def ask(self, question: str, sources: Sequence[str] | None = None, *, llm: bool | None = None) -> Answer:
        """The answer to `question` read in the light of the earlier turns; `sources` and `llm` as in
        `Assistant.ask` (each question may search other documents)."""
        return final_answer(self.ask_stream(question, sources, llm=llm))

    def ask_stream(
        self, question: str, sources: Sequence[str] | None = None, *, llm: bool | None = None
    ) -> Iterator[str | Answer]:
        """As `Assistant.ask_stream`; the Answer becomes a turn of the conversation."""
        text, _ = clean_question(question, self.assistant.settings.max_question_chars)
        uses_llm = self.assistant.uses_llm(llm)
        query = self._rewrite(text, uses_llm)
        for item in self.assistant.ask_stream(question, sources, llm=uses_llm, query=query):
            if isinstance(item, Answer):
                self.turns.append(item)
            yield item

    def _rewrite(self, question: str, uses_llm: bool) -> str:
        by_rules = rewrite(question, self.turns)
        if not (self.turns and uses_llm and self.assistant.llm_settings.rewrite_followups):
            return by_rules
        from assistant.generate import rewrite_prompt

        try:
            reply = self.assistant.language_model().chat(rewrite_prompt(question, self.turns)).message.content or ""
        except Exception as exc:  # a failing model leaves the rules' rewrite
            log.warning("the language model could not rewrite the follow-up: %s", exc)
            return by_rules
        return reply.strip() if accept_rewrite(reply, question, by_rules) else by_rules

    def clear(self) -> None:
        self.turns.clear()


_ABOUT = re.compile(r"^(?:and|but|so)?\s*(?:what|how)\s+about\s+(.+?)[?.!]*$|^and\s+(.+?)[?.!]*$", re.IGNORECASE)
_PERSONAL = {"he": "", "him": "", "she": "", "his": "’s", "her": "", "hers": "’s", "himself": "", "herself": ""}
_OTHER = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|there|then)\b", re.IGNORECASE)


def _subject(turns: list[Answer]) -> str | None:
    """Who or what the conversation is about: the first name in the previous query, else the
    first name in the previous answer's best passage."""
    previous = turns[-1]
    in_query = names(previous.query)
    if in_query:
        return in_query[0]
    if previous.citations:
        in_answer = names(previous.citations[0].quote)
        if in_answer:
            return in_answer[0]
    return None


def rewrite(question: str, turns: list[Answer]) -> str:
    """The question as it would be asked on its own, given the earlier turns."""
    if not turns:
        return question
    previous = turns[-1].query
    about = _ABOUT.match(question)
    if about:
        topic = (about.group(1) or about.group(2)).strip()
        section, new_section = section_asked(previous), section_asked(topic)
        if section is not None and new_section is not None:
            start, end = section.span
            return f"{previous[:start]}{topic}{previous[end:]}"
        old = names(previous)
        if old:
            return previous.replace(old[0], topic, 1)
        return f"{previous.rstrip('?.! ')} {topic}?"
    subject = _subject(turns)
    if subject is None:
        return question
    words = question.split()
    replaced = False
    for i, word in enumerate(words):
        bare = word.strip("?!.,;:").lower()
        if bare in _PERSONAL:
            tail = word[len(word.rstrip("?!.,;:")) :]
            words[i] = subject + _PERSONAL[bare] + tail
            replaced = True
    if replaced:
        return " ".join(words)
    if names(question) or not _OTHER.search(question):
        return question
    context = subject or " ".join(content_words(previous))
    return f"{question.rstrip()} ({context})"


def accept_rewrite(candidate: str, question: str, by_rules: str) -> bool:
    """Whether a model's rewrite of the follow-up `question` may be searched instead of `by_rules`:
    one line of at most three times the length of the rules' rewrite (and 300 characters), holding
    every content word of the follow-up bar pronouns, and every name the rules brought in."""
    candidate = candidate.strip()
    if not candidate or "\n" in candidate or len(candidate) > min(300, 3 * len(by_rules)):
        return False
    have = {stem(w) for w in content_words(candidate)}
    own = {stem(w) for w in content_words(question)} - {stem(w) for w in _PERSONAL}
    added = [n for n in names(by_rules) if n not in names(question)]
    return own <= have and all(n.lower() in candidate.lower() for n in added)
