"""Concurrent load: N clients each asking M questions, in two modes.

usage: python bench/load.py [--clients 16] [--questions 30] [--corpus seeds] [--mode both|threads|ui]

threads  N threads share one Assistant (the real embedding model) and call `ask()` directly.
ui       the chat UI is served on loopback (ui.app.build_app and launch) and N threads each hold a
         gradio_client Client and call its /ask endpoint.

Client n asks the dev questions (eval/dev.json) in turn, starting at the n-th, M times in all. The
index is built once into a temporary folder before anything is timed; each mode starts with one
question asked and answered, so the model is warm. For each mode: errors (an exception, or an
answer that is not well formed), latency p50 and p95 per question, and answers per second over the
wall time from the first question to the last answer.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

Ask = Callable[[str], dict[str, Any]]


@dataclass
class Run:
    mode: str
    clients: int
    per_client: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    def line(self) -> str:
        done = sorted(self.latencies_ms)
        p50 = statistics.median(done) if done else float("nan")
        p95 = done[round(0.95 * (len(done) - 1))] if done else float("nan")
        rate = len(done) / self.wall_s if self.wall_s else 0.0
        asked = self.clients * self.per_client
        return (
            f"{self.mode:8} {self.clients} x {self.per_client}  errors {len(self.errors)}/{asked}"
            f"  p50 {p50:.0f} ms  p95 {p95:.0f} ms  {rate:.1f} answers/s  ({self.wall_s:.1f} s wall)"
        )


def well_formed(answer: dict[str, Any]) -> str | None:
    """Why an answer (as `Answer.to_dict()` gives it) is malformed, or None."""
    citations = answer.get("citations")
    if not isinstance(answer.get("text"), str) or not isinstance(citations, list):
        return "no text or citations"
    if answer.get("grounded") and not citations:
        return "grounded answer without citations"
    missing = [n for n in range(1, len(citations) + 1) if f"[{n}]" not in answer["text"]]
    return f"citations {missing} not in the text" if missing else None


def load(mode: str, ask_for_client: Callable[[int], Ask], questions: list[str], clients: int, per_client: int) -> Run:
    """Run `clients` threads, each asking `per_client` questions through its own `Ask`."""
    run = Run(mode, clients, per_client)
    asks = [ask_for_client(n) for n in range(clients)]  # connections are made before the clock starts
    asks[0](questions[0])  # warm
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(n: int) -> None:
        start.wait()
        for i in range(per_client):
            question = questions[(n + i) % len(questions)]
            began = time.perf_counter()
            try:
                problem = well_formed(asks[n](question))
            except Exception as exc:  # every failure counts, whatever its kind
                problem = f"{type(exc).__name__}: {exc}"
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                if problem is None:
                    run.latencies_ms.append(elapsed)
                else:
                    run.errors.append(f"client {n}, {question!r}: {problem}")

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    run.wall_s = time.perf_counter() - began
    return run


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--questions", type=int, default=30, help="questions each client asks")
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    parser.add_argument("--dev", type=Path, default=ROOT / "eval" / "dev.json")
    parser.add_argument("--mode", choices=["both", "threads", "ui"], default="both")
    args = parser.parse_args()

    from assistant import Assistant

    questions = [q["q"] for q in json.loads(args.dev.read_text())["questions"]]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as index_dir:
        bot = Assistant(corpus=args.corpus, index_dir=index_dir)
        if args.mode in ("both", "threads"):
            runs.append(
                load("threads", lambda n: lambda q: bot.ask(q).to_dict(), questions, args.clients, args.questions)
            )
        if args.mode in ("both", "ui"):
            runs.append(_ui_run(bot, questions, args.clients, args.questions))

    print(f"corpus {args.corpus}, {len(questions)} distinct questions, {os.cpu_count()} CPUs")
    for run in runs:
        print(run.line())
        for error in run.errors[:5]:
            print(f"    {error}")


def _ui_run(bot: Any, questions: list[str], clients: int, per_client: int) -> Run:
    from gradio_client import Client

    from ui.app import build_app, launch

    app = build_app(bot)
    port = _free_port()
    launch(app, port=port, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{port}/"

    def connect(n: int) -> Ask:
        client = Client(url, verbose=False)
        return lambda q: client.predict(q, api_name="/ask")

    try:
        return load("ui", connect, questions, clients, per_client)
    finally:
        app.close()


if __name__ == "__main__":
    main()
