"""The chat's behaviour with a fake conversation, and who may reach the app."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant import Answer, Citation, EmptyCorpusError, EmptyQuestionError, Segment
from assistant.types import not_found
from ui.app import _check_exposure
from ui.chat import ChatSession, respond
from ui.render import error_html, question_html, stream_answer

CITED = Citation("log.txt", 10, 40, 3, 3, "The keeper doubted the report.", 0.8)


class FakeConversation:
    """Answers from a script: one Answer (or error to raise) per question, in order."""

    def __init__(self, *replies: Answer | Exception) -> None:
        self.replies = list(replies)
        self.asked: list[str] = []

    def ask(self, question: str, sources: Sequence[str] | None = None) -> Answer:
        self.asked.append(question)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


def test_question_shows_at_once_then_the_answer_grows_sentence_by_sentence() -> None:
    second = Citation("log.txt", 41, 60, 4, 4, "He said so twice.", 0.6)
    segments = [Segment("The keeper doubted the report.", (1,)), Segment("He said so twice.", (2,))]
    answer = Answer("Who doubted?", segments, True, [CITED, second])
    session = ChatSession(FakeConversation(answer))

    shown = list(respond("Who doubted?", session))

    user = {"role": "user", "content": question_html("Who doubted?")}
    assert shown == [[user]] + [[user, {"role": "assistant", "content": html}] for html in stream_answer(answer, 0)]
    assert len(shown) == 4  # the question, one sentence, two sentences, the answer with its sources
    assert session.answers == [answer]


def test_follow_up_shows_the_rewritten_query_under_the_question() -> None:
    first = Answer("Who doubted?", [Segment("The keeper doubted the report.", (1,))], True, [CITED], "Who doubted?")
    follow = not_found("Why him?", "Why did the keeper doubt the report?", [])
    session = ChatSession(FakeConversation(first, follow))
    list(respond("Who doubted?", session))

    *_, last = respond("Why him?", session)

    assert last[2] == {"role": "user", "content": question_html("Why him?", "Why did the keeper doubt the report?")}
    assert "searched for: <q>Why did the keeper doubt the report?</q>" in last[2]["content"]
    assert last[0] == {"role": "user", "content": question_html("Who doubted?")}  # no note: nothing rewritten


def test_citation_links_point_into_the_answer_of_their_own_turn() -> None:
    other = Citation("other.txt", 0, 5, 1, 1, "Other.", 0.7)
    session = ChatSession(
        FakeConversation(
            Answer("a?", [Segment("The keeper doubted the report.", (1,))], True, [CITED]),
            Answer("b?", [Segment("Other.", (1,))], True, [other]),
        )
    )
    list(respond("a?", session))
    *_, last = respond("b?", session)

    assert 'href="#cite-1-1"' in last[3]["content"]
    assert session.citation(0, 1) == CITED and session.citation(1, 1) == other
    assert session.citation(1, 2) is None and session.citation(2, 1) is None and session.citation(0, 0) is None


@pytest.mark.parametrize("error", [EmptyQuestionError(), EmptyCorpusError("/data/corpus")])
def test_an_error_of_the_assistant_is_shown_as_an_error_message(error: Exception) -> None:
    session = ChatSession(FakeConversation(error))

    *_, last = respond("anything?", session)

    assert last[1] == {"role": "assistant", "content": error_html(str(error))}
    assert session.answers == []


def test_loopback_host_needs_no_credentials() -> None:
    assert _check_exposure("127.0.0.1", None) is None
    assert _check_exposure("localhost", None) is None
    assert _check_exposure("::1", None) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_other_hosts_are_refused_without_credentials_saying_why(host: str) -> None:
    with pytest.raises(SystemExit) as refused:
        _check_exposure(host, None)

    assert str(refused.value) == (
        f"refusing to serve on {host} without authentication: pass --auth user:password or set ASSISTANT_AUTH"
    )


def test_credentials_are_split_at_the_first_colon() -> None:
    assert _check_exposure("0.0.0.0", "flag:pass:word") == ("flag", "pass:word")


@pytest.mark.parametrize("auth", ["nopassword", ":pw", "user:"])
def test_malformed_credentials_are_refused(auth: str) -> None:
    with pytest.raises(SystemExit, match="--auth must look like user:password"):
        _check_exposure("0.0.0.0", auth)


def test_assistant_ui_on_all_interfaces_without_credentials_exits_with_the_reason(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ASSISTANT_AUTH"}
    command = [sys.executable, "-m", "assistant", "ui", "--host", "0.0.0.0", "--port", "1"]
    command += ["--corpus", str(tmp_path / "corpus"), "--index", str(tmp_path / "index")]

    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)

    assert done.returncode == 1
    assert "refusing to serve on 0.0.0.0 without authentication" in done.stderr
    assert not (tmp_path / "index").exists()  # refused before anything was opened
