"""The `assistant` command: rebuild the index, ask questions, evaluate, serve the chat UI.

Library errors are typed; this module alone turns them into messages and exit codes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_USAGE = 2
EXIT_ERROR = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Ask questions of a folder of documents; every answer cites its sources.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", help="folder of documents (default: seeds, or $ASSISTANT_CORPUS)")
    common.add_argument("--index", help="folder of the index (default: .index, or $ASSISTANT_INDEX)")
    common.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 ($ASSISTANT_CHROMA_URL)")
    common.add_argument(
        "--sentence-vectors",
        choices=["pooled", "separate", "in_context"],
        help="how sentences are embedded; give the same to every command using the index ($ASSISTANT_SENTENCE_VECTORS)",
    )
    common.add_argument(
        "--embed-model",
        metavar="NAME_OR_PATH",
        help="the embedding model: bge-small-en-v1.5 (the default), all-MiniLM-L6-v2, or a sentence-transformers "
        "folder; give the same to every command using the index ($ASSISTANT_EMBED_MODEL)",
    )
    answering = argparse.ArgumentParser(add_help=False)
    answering.add_argument(
        "--llm",
        choices=["openai", "ollama", "gguf"],
        help="have a language model write the answers, checked against their citations ($ASSISTANT_LLM): "
        "an OpenAI-compatible server, Ollama, or a local .gguf file",
    )
    answering.add_argument(
        "--llm-model",
        metavar="NAME_OR_PATH",
        help="the model's name on the server, or the .gguf file ($ASSISTANT_LLM_MODEL)",
    )
    answering.add_argument(
        "--llm-base-url", metavar="URL", help="the server, e.g. http://127.0.0.1:8080/v1 ($ASSISTANT_LLM_BASE_URL)"
    )
    answering.add_argument(
        "--extractive", action="store_true", help="answer without the language model even if one is configured"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("rebuild", parents=[common], help="bring the index in step with the corpus folder")

    ask = sub.add_parser("ask", parents=[common, answering], help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument(
        "--source",
        action="append",
        dest="sources",
        metavar="PATH",
        help="search only this document (repeatable); paths relative to the corpus",
    )

    ev = sub.add_parser("eval", parents=[common, answering], help="score a question file (see eval/dev.json)")
    ev.add_argument("file", type=Path)
    ev.add_argument("--min-answer", type=float, default=1.0, help="fail under this answer accuracy (0-1)")
    ev.add_argument("--min-evidence", type=float, default=1.0, help="fail under this evidence recall (0-1)")
    ev.add_argument("--min-refusal", type=float, default=1.0, help="fail under this refusal accuracy (0-1)")
    ev.add_argument("--min-followup", type=float, default=1.0, help="fail under this follow-up accuracy (0-1)")
    ev.add_argument(
        "--max-p50-ms",
        type=float,
        default=None,
        help="fail over this median ask latency (none by default: latency is measured by the benches under bench/)",
    )
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")

    feedback = sub.add_parser("feedback", help="feedback given on answers in the UI (kept beside the index)")
    action = feedback.add_subparsers(dest="action", required=True, metavar="ACTION")
    action.add_parser("list", parents=[common], help="show the feedback, one answer at a time")
    export = action.add_parser(
        "export", parents=[common], help="write the down-voted and noted answers as an 'assistant eval' question file"
    )
    export.add_argument("file", type=Path, help="the question file to write (an existing one is not replaced)")

    ui = sub.add_parser("ui", parents=[common, answering], help="serve the chat UI in the browser")
    ui.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    ui.add_argument("--port", type=int, default=7860)
    ui.add_argument("--auth", help="user:password, required with a non-loopback --host ($ASSISTANT_AUTH)")
    ui.add_argument(
        "--allow-origin",
        action="append",
        metavar="ORIGIN",
        help="let pages of this origin (e.g. http://localhost:3000) call the app; repeatable. Requests from "
        "any other origin are refused ($ASSISTANT_ALLOW_ORIGIN, comma-separated)",
    )
    ui.add_argument(
        "--examples",
        metavar="FILE",
        help="offer the questions of this file (the format of 'assistant eval') as examples, instead of "
        "questions made from the documents ($ASSISTANT_EXAMPLES)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    from pydantic import ValidationError

    from assistant.environment import Environment
    from assistant.errors import AssistantError

    try:
        # The one place the environment is read: options left unset on the command line come from it.
        args = arguments(argv, Environment())
        return _COMMANDS[args.command](args)
    except ValidationError as exc:
        print(f"error: {_validation_message(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except (AssistantError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted; the index is as it was before this command", file=sys.stderr)
        return 130


def arguments(argv: Sequence[str] | None, environment: Any) -> argparse.Namespace:
    """The command line parsed, every option it leaves unset taken from `environment` (an
    `assistant.environment.Environment`)."""
    from assistant.environment import with_environment

    return with_environment(_parser().parse_args(argv), environment)


def _validation_message(exc: Any) -> str:
    """A pydantic ValidationError as one line per wrong setting: `sentence_vectors: Input should be ...`."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())


def assistant_from_args(args: argparse.Namespace, lazy: bool = False) -> Any:
    """The Assistant the common options and the language-model options describe (merged with the
    environment by `main`), its models loading in a thread of their own while the index opens
    (`lazy`: in that thread too, first)."""
    from assistant.core import Assistant
    from assistant.environment import settings_from_args

    return Assistant(settings=settings_from_args(args), warm=True, lazy=lazy)


def _rebuild(args: argparse.Namespace) -> int:
    from assistant.environment import settings_from_args
    from index.build import rebuild
    from index.embed import make_embedder

    settings = settings_from_args(args).index
    embedder = make_embedder(settings)
    with _progress_bar() as progress:
        report = rebuild(settings, embedder, progress)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"rebuilt {settings.index_dir}: {report.summary()}")
    return 0


class _progress_bar:
    """A tqdm bar on a terminal; nothing otherwise."""

    def __enter__(self) -> Any:
        self.bar = None
        if not sys.stderr.isatty():
            return None
        from tqdm import tqdm

        def update(done: int, total: int) -> None:
            if self.bar is None:
                self.bar = tqdm(total=total, unit="doc", desc="indexing", file=sys.stderr)
            self.bar.n = done
            self.bar.refresh()

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _ask(args: argparse.Namespace) -> int:
    from assistant.types import Answer, answer_text

    bot = assistant_from_args(args)
    show_draft = bot.has_llm and not args.json and sys.stderr.isatty()
    answer = None
    for item in bot.ask_stream(args.question, sources=args.sources):
        if isinstance(item, Answer):
            answer = item
        elif show_draft:
            print(item, end="", file=sys.stderr, flush=True)
    assert answer is not None
    if show_draft:
        print("\n---", file=sys.stderr)  # the draft above, unchecked; the checked answer below
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(answer_text(answer.segments))
    for notice in answer.notices:
        print(f"note: {notice}", file=sys.stderr)
    for n, citation in enumerate(answer.citations, start=1):
        where = " › ".join(citation.trail)
        heading = f"{where} — {citation.location}" if where else citation.location
        print(f"\n[{n}] {heading}  (score {citation.score:.2f})\n    {citation.quote}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from assistant.evaluate import evaluate, shortfalls

    if not args.file.is_file():
        print(f"error: no question file at {args.file}", file=sys.stderr)
        return EXIT_USAGE
    bot = assistant_from_args(args)
    result = evaluate(bot, json.loads(args.file.read_text(encoding="utf-8")))
    print(json.dumps(result.to_dict(), indent=2) if args.json else result.report())
    failed = shortfalls(result, args)
    for line in failed:
        print(f"below threshold: {line}", file=sys.stderr)
    return EXIT_ERROR if failed else 0


def _feedback(args: argparse.Namespace) -> int:
    from assistant.environment import settings_from_args
    from assistant.feedback import FeedbackLog, listing, question_file

    log = FeedbackLog(settings_from_args(args).index.index_dir)
    entries = log.entries()
    if args.action == "list":
        print(listing(entries) if entries else f"no feedback in {log.path}")
        return 0
    questions = question_file(entries)
    try:
        with args.file.open("x", encoding="utf-8") as out:
            out.write(json.dumps(questions, ensure_ascii=False, indent=2) + "\n")
    except FileExistsError:
        print(f"error: {args.file} exists; name a new file", file=sys.stderr)
        return EXIT_USAGE
    count = len(questions["questions"])
    print(
        f"wrote {count} question{'s' if count != 1 else ''} to {args.file}; complete them, then run "
        f"'assistant eval {args.file}'"
    )
    return 0


def _ui(args: argparse.Namespace) -> int:
    from importlib.metadata import entry_points

    frontends = entry_points(group="assistant.frontends", name="ui")
    if not frontends:
        print("error: the chat UI is not installed; run 'make install'", file=sys.stderr)
        return EXIT_ERROR
    serve = next(iter(frontends)).load()
    return int(serve(args) or 0)


_COMMANDS = {"rebuild": _rebuild, "ask": _ask, "eval": _eval, "feedback": _feedback, "ui": _ui}
