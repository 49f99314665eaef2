"""The chat with the language model on: the draft streams, then the checked answer replaces it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant import Answer, Citation, Segment
from ui.chat import ChatSession, respond
from ui.render import draft_html, question_html, stream_answer

KEEPER = Citation("log.txt", 10, 40, 3, 3, "Agnes Holm kept the light.", 0.8)
STORM = Citation("log.txt", 41, 70, 4, 4, "She logged the storm of 1921.", 0.7)
CHECKED = Answer(
    "Who kept the light?",
    [Segment("Agnes Holm kept the light.", (1,)), Segment("She logged the storm", (2, 1))],
    True,
    [KEEPER, STORM],
    "Who kept the light?",
    mode="llm",
)


class StreamingConversation:
    def __init__(self, pieces: list[str], answer: Answer) -> None:
        self.items: list[str | Answer] = [*pieces, answer]
        self.llm: list[bool | None] = []

    def ask(self, question: str, sources: Sequence[str] | None = None) -> Answer:
        raise AssertionError("the extractive path was taken")

    def ask_stream(
        self, question: str, sources: Sequence[str] | None = None, *, llm: bool | None = None
    ) -> Iterator[str | Answer]:
        self.llm.append(llm)
        yield from self.items


def test_the_draft_grows_as_the_model_writes_then_gives_way_to_the_checked_answer() -> None:
    conversation = StreamingConversation(["Agnes ", "Holm <b>kept</b> ", "the light [1]."], CHECKED)
    session = ChatSession(conversation)

    shown = list(respond("Who kept the light?", session, llm=True))

    user = {"role": "user", "content": question_html("Who kept the light?")}
    drafts = [draft_html(t) for t in ("Agnes ", "Agnes Holm <b>kept</b> ", "Agnes Holm <b>kept</b> the light [1].")]
    assert shown[:4] == [[user]] + [[user, {"role": "assistant", "content": d}] for d in drafts]
    assert shown[4:] == [[user, {"role": "assistant", "content": h}] for h in stream_answer(CHECKED, 0)]
    assert "&lt;b&gt;kept&lt;/b&gt;" in drafts[1]  # the draft is text, never markup
    assert conversation.llm == [True] and session.answers == [CHECKED]


def test_a_model_answer_may_cite_one_passage_from_several_sentences() -> None:
    assert CHECKED.text == "Agnes Holm kept the light. [1] She logged the storm [2] [1]"
    html = stream_answer(CHECKED, 0)
    *_, complete = html
    assert complete.count('href="#cite-0-1"') == 3  # twice in the text, once in the sources
    assert "Written by the language model" in complete
