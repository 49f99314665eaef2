"""The ollama backend against a fake Ollama server on loopback: the requests llama-index's Ollama
integration sends (POST /api/chat, NDJSON streamed in chunks), and what the assistant makes of the
replies and of a failing or absent server. The embedding model is the hash fake."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from assistant import Answer, Assistant, AssistantSettings
from assistant.settings import LLMSettings
from tests.answers import spans_hold_quotes
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder

pytest.importorskip("llama_index.llms.ollama")

MODEL = "qwen2.5:0.5b"
KEEPER = "The lighthouse keeper Agnes Holm logged the storm on the night of 4 March 1921."
SHIP = "The schooner Maren ran aground on the northern reef during that storm."
DOCS = {
    "keeper.txt": f"Skarv Lighthouse\n\n{KEEPER} The lamp was converted to electricity in 1934.\n",
    "wreck.txt": f"The Maren wreck\n\n{SHIP} All six crew reached the shore.\n",
}
QUESTION = "Who was the lighthouse keeper who logged the storm?"


def quoting(sentence: str) -> Callable[[dict[str, Any]], str]:
    """A reply quoting `sentence` (without its full stop) under the number the request gave it."""

    def reply(body: dict[str, Any]) -> str:
        user = body["messages"][-1]["content"]
        n = re.search(r"^\[(\d+)\] (?:\([^)]*\) )?" + re.escape(sentence), user, re.MULTILINE)
        assert n, f"not given: {sentence}"
        return f"{sentence.rstrip('.')} [{n[1]}]."

    return reply


@dataclass
class FakeOllama:
    """What the fake server answers, and every request it received as (path, JSON body).

    `status`: the HTTP status of every reply (an error status comes with Ollama's {"error": ...});
    `fail_after`: with a 200 stream, the number of pieces sent before an {"error": ...} line.
    """

    base_url: str = ""
    reply: Callable[[dict[str, Any]], str] = field(default_factory=lambda: quoting(KEEPER))
    status: int = 200
    fail_after: int | None = None
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _handler(fake: FakeOllama) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # chunked replies, as Ollama streams them

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            fake.requests.append((self.path, body))
            if fake.status != 200 or self.path != "/api/chat":
                status = fake.status if fake.status != 200 else 404
                self._send(status, [{"error": f"fake server: status {status} for {self.path}"}], stream=False)
                return
            text = fake.reply(body)
            head = {"model": body["model"], "created_at": "2025-01-01T00:00:00Z"}
            if not body.get("stream", True):
                self._send(200, [{**head, "message": {"role": "assistant", "content": text}, "done": True}], False)
                return
            pieces = re.findall(r"\S+\s*", text)
            lines = [{**head, "message": {"role": "assistant", "content": p}, "done": False} for p in pieces]
            if fake.fail_after is not None:
                lines = [*lines[: fake.fail_after], {"error": "fake server: the model runner stopped"}]
            else:
                last = {"role": "assistant", "content": ""}
                lines.append({**head, "message": last, "done": True, "done_reason": "stop", "eval_count": 9})
            self._send(200, lines, stream=True)

        def _send(self, status: int, lines: list[dict[str, Any]], stream: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/x-ndjson" if stream else "application/json")
            if not stream:
                data = json.dumps(lines[0]).encode()
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for line in lines:
                data = json.dumps(line).encode() + b"\n"
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")

    return Handler


@pytest.fixture
def ollama() -> Iterator[FakeOllama]:
    """A fake Ollama server on a free loopback port, serving from a thread for the test."""
    fake = FakeOllama()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-ollama", daemon=True
    )
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", DOCS)


def ollama_bot(corpus: Path, base_url: str) -> Assistant:
    settings = AssistantSettings(llm=LLMSettings(backend="ollama", model=MODEL, base_url=base_url, timeout=10))
    return Assistant(corpus, corpus.parent / "index", settings=settings, embedder=HashEmbedder())


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_ollama_answer_keeps_its_supported_sentence_with_a_verified_span(corpus: Path, ollama: FakeOllama) -> None:
    bot = ollama_bot(corpus, ollama.base_url)

    answer = bot.ask(QUESTION)

    assert answer.mode == "llm" and answer.grounded
    assert answer.text == f"{KEEPER} [1]"
    assert [c.quote for c in answer.citations] == [KEEPER]
    assert spans_hold_quotes(bot, answer)


def test_the_ollama_request_carries_the_model_the_question_and_the_numbered_passages(
    corpus: Path, ollama: FakeOllama
) -> None:
    bot = ollama_bot(corpus, ollama.base_url)

    bot.ask(QUESTION)

    [(path, body)] = ollama.requests
    assert (path, body["model"], body["stream"]) == ("/api/chat", MODEL, True)
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    user = body["messages"][-1]["content"]
    assert f"Question: {QUESTION}" in user
    assert re.search(r"^\[\d+\] \(Skarv Lighthouse\) " + re.escape(KEEPER) + "$", user, re.MULTILINE)
    assert body["options"] == {"temperature": 0.0, "num_ctx": 4096, "num_predict": 200}


def test_an_ollama_stream_gives_the_draft_then_the_checked_answer(corpus: Path, ollama: FakeOllama) -> None:
    bot = ollama_bot(corpus, ollama.base_url)

    *draft, answer = bot.ask_stream(QUESTION)

    pieces = [piece for piece in draft if isinstance(piece, str)]
    assert pieces == draft and len(pieces) > 3
    assert "".join(pieces) == f"{KEEPER.rstrip('.')} [1]."  # as the model wrote it, before checking
    assert answer == bot.ask(QUESTION) and isinstance(answer, Answer) and answer.mode == "llm"


@pytest.mark.parametrize(
    ("status", "fail_after", "why"),
    [
        (500, None, "The language model's server answered HTTP 500 (fake server: status 500 for /api/chat"),
        (404, None, "The language model's server answered HTTP 404 (fake server: status 404 for /api/chat"),
        (200, 2, "The language model failed (ResponseError: fake server: the model runner stopped"),
    ],
    ids=["server-error", "model-not-found", "error-mid-stream"],
)
def test_an_ollama_server_that_fails_leaves_the_extractive_answer_with_a_notice(
    corpus: Path, ollama: FakeOllama, status: int, fail_after: int | None, why: str
) -> None:
    ollama.status, ollama.fail_after = status, fail_after
    bot = ollama_bot(corpus, ollama.base_url)
    extractive = bot.ask(QUESTION, llm=False)

    answer = bot.ask(QUESTION)

    (notice,) = answer.notices
    assert notice.startswith(why) and notice.endswith("; this is the extractive answer.")
    assert answer == replace(extractive, notices=[notice])
    assert len(ollama.requests) == 1


def test_an_unreachable_ollama_server_leaves_the_extractive_answer_with_a_notice(corpus: Path) -> None:
    url = f"http://127.0.0.1:{unused_port()}"
    bot = ollama_bot(corpus, url)
    extractive = bot.ask(QUESTION, llm=False)

    answer = bot.ask(QUESTION)

    notice = f"The language model could not be reached at {url}; this is the extractive answer."
    assert answer == replace(extractive, notices=[notice])
