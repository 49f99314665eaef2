"""The chat UI: a Gradio app that calls `Assistant` and formats what comes back."""

from __future__ import annotations

import argparse
import html
import ipaddress
import os
import sys
from typing import Any

import gradio as gr

from assistant import Answer, Assistant, AssistantError

MISSION_QUESTION = "who doubted the withdrawal?"


def format_answer(answer: Answer) -> str:
    """The answer as chat HTML: escaped text, then its numbered citations with file and lines."""
    if not answer.grounded:
        return f'<div class="not-found">{html.escape(answer.text)}</div>'
    parts = [f"<p>{html.escape(answer.text)}</p>"]
    for n, citation in enumerate(answer.citations, start=1):
        parts.append(
            f'<p class="citation"><sup>[{n}]</sup> <b>{html.escape(citation.location)}</b>: '
            f"{html.escape(citation.quote)}</p>"
        )
    return "\n".join(parts)


def build_app(assistant: Assistant) -> gr.Blocks:
    with gr.Blocks(title="Document assistant", analytics_enabled=False) as app:
        gr.Markdown("## Ask the documents\nEvery answer cites the passages it comes from.")
        chat = gr.Chatbot(label="Conversation", height=480)
        box = gr.Textbox(placeholder="Ask a question about the documents", label="Question", autofocus=True)
        gr.Examples([MISSION_QUESTION], inputs=box)
        state = gr.State(None)

        def respond(question: str, history: list[dict[str, Any]] | None, conversation: Any):
            history = list(history or [])
            conversation = conversation or assistant.conversation()
            try:
                reply = format_answer(conversation.ask(question))
            except AssistantError as exc:
                reply = f'<div class="error">{html.escape(str(exc))}</div>'
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]
            return "", history, conversation

        box.submit(respond, [box, chat, state], [box, chat, state])
    return app


def _check_exposure(host: str, auth: str | None) -> tuple[str, str] | None:
    """Credentials for a non-loopback bind; refuses to expose the app without them."""
    auth = auth or os.environ.get("ASSISTANT_AUTH")
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if auth is None:
        if not loopback:
            raise SystemExit(
                f"refusing to serve on {host} without authentication: pass --auth user:password or set ASSISTANT_AUTH"
            )
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise SystemExit("--auth must look like user:password")
    return user, password


def serve_from_cli(args: argparse.Namespace) -> int:
    """`assistant ui`: open the assistant, build the app and serve it until interrupted."""
    credentials = _check_exposure(args.host, args.auth)
    assistant = Assistant(corpus=args.corpus, index_dir=args.index, chroma_url=args.chroma_url)
    assistant.warm()
    app = build_app(assistant)
    print(f"serving on http://{args.host}:{args.port}", file=sys.stderr)
    app.queue().launch(server_name=args.host, server_port=args.port, auth=credentials, ssr_mode=False, show_error=False)
    return 0
