"""Latency of the chat UI as a person meets it.

1. served: seconds from starting `assistant ui` (the installed command, over an index that is
   already built) until it answers GET / with 200;
2. page load: seconds for headless Chromium to load the page until the question box is there;
3. first words: milliseconds from pressing Enter in the question box until the first sentence of
   the answer is on screen, measured inside the page (performance.now() at the keydown and when a
   MutationObserver first sees the sentence); then until the answer is complete. The first question
   is asked as soon as the page has loaded, so it may wait for the model, which `assistant ui`
   loads while the page is already served; it is reported apart from the median of the others.

Usage: .venv/bin/python bench/ui_latency.py [--corpus seeds] [--runs 5] [--json]
The index is built in a temporary folder first (not timed); the corpus is only read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

QUESTION = "who doubted the withdrawal?"
START_TIMEOUT_S = 300.0

# Stamps performance.now() at the Enter keydown, when a new reply first shows a sentence (or the
# not-found state), and when it is complete (its list of sources, or not found, or an error).
WATCH_JS = """
() => {
  const chat = document.querySelector('#chat');
  const box = document.querySelector('#question textarea');
  const seen = chat.querySelectorAll('[data-testid="bot"]').length;
  const t = window.uiLatency = {enter: null, first: null, complete: null};
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && t.enter === null) t.enter = performance.now();
  }, {capture: true});
  const observer = new MutationObserver(() => {
    const replies = chat.querySelectorAll('[data-testid="bot"]');
    if (replies.length <= seen) return;
    const reply = replies[replies.length - 1];
    const now = performance.now();
    if (t.first === null && reply.querySelector('.answer .sentence, .not-found')) t.first = now;
    if (t.complete === null && reply.querySelector('.answer-sources, .not-found, .error')) {
      t.complete = now;
      observer.disconnect();
    }
  });
  observer.observe(chat, {childList: true, subtree: true, characterData: true});
}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("seeds"), help="folder of documents (read only)")
    parser.add_argument("--runs", type=int, default=6, help="questions asked (at least 2)")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    if not Path(CHROMIUM).exists():
        print(f"no browser at {CHROMIUM}; run 'sh scripts/ensure-chromium.sh'", file=sys.stderr)
        return 1
    command = shutil.which("assistant", path=str(Path(sys.executable).parent)) or shutil.which("assistant")
    if command is None:
        print("the 'assistant' command is not installed; run 'make install'", file=sys.stderr)
        return 1
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("ASSISTANT_AUTH", None)

    with tempfile.TemporaryDirectory(prefix="ui-latency-") as tmp:
        index = Path(tmp) / "index"
        where = ["--corpus", str(args.corpus), "--index", str(index)]
        subprocess.run([command, "rebuild", *where], env=env, check=True, stdout=subprocess.DEVNULL)
        port = _free_port()
        url = f"http://127.0.0.1:{port}/"
        log = (Path(tmp) / "server.log").open("w")
        started = time.perf_counter()
        server = subprocess.Popen([command, "ui", *where, "--port", str(port)], env=env, stdout=log, stderr=log)
        try:
            served_s = _wait_until_served(url, server, started)
            figures = _measure_in_browser(url, args.question, args.runs)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    figures = {"served_s": round(served_s, 2), **figures}
    print(json.dumps(figures, indent=2) if args.json else _report(figures))
    return 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_served(url: str, server: subprocess.Popen[Any], started: float) -> float:
    while time.perf_counter() - started < START_TIMEOUT_S:
        if server.poll() is not None:
            raise SystemExit(f"'assistant ui' exited with status {server.returncode} before serving")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"'assistant ui' did not serve {url} within {START_TIMEOUT_S:.0f} s")


def _measure_in_browser(url: str, question: str, runs: int) -> dict[str, Any]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(url)
        page.locator("#question textarea").wait_for()
        page_load_s = time.perf_counter() - started
        first, complete = [], []
        for _ in range(runs):
            stamps = _ask(page, question)
            first.append(stamps["first"] - stamps["enter"])
            complete.append(stamps["complete"] - stamps["enter"])
        browser.close()
    return {
        "page_load_s": round(page_load_s, 2),
        "first_question_first_words_ms": round(first[0]),
        "first_words_ms": [round(ms) for ms in first[1:]],
        "first_words_median_ms": round(statistics.median(first[1:])),
        "complete_answer_median_ms": round(statistics.median(complete[1:])),
    }


def _ask(page: Page, question: str) -> dict[str, float]:
    page.evaluate(WATCH_JS)
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function("() => window.uiLatency.complete !== null", timeout=60_000)
    stamps: dict[str, float] = page.evaluate("() => window.uiLatency")
    return stamps


def _report(figures: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"assistant ui -> page served:      {figures['served_s']:.2f} s",
            f"page load in Chromium:            {figures['page_load_s']:.2f} s",
            f"first question, asked on load:    {figures['first_question_first_words_ms']} ms to first words",
            f"Enter -> first streamed words:    {figures['first_words_median_ms']} ms median "
            f"(runs: {', '.join(str(ms) for ms in figures['first_words_ms'])} ms)",
            f"Enter -> complete answer:         {figures['complete_answer_median_ms']} ms median",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
