"""The chat UI: a Gradio app that calls `Assistant` and formats what comes back (see `ui.render`).

Layout: the chat on the left; on the right a side panel with three tabs: the citation clicked last
(its span highlighted in a few paragraphs of its source), a viewer for whole documents, and the
corpus (counts, rebuild, upload). One public API endpoint, `/ask`, returns an answer as JSON.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import sys
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import gradio as gr

from assistant import Answer, Assistant, AssistantError, Citation, UnknownSourceError
from assistant.cli import assistant_from_args
from assistant.errors import IndexPipelineError
from ui.assets import CITE_JS, CSS, REVEAL_JS
from ui.corpus import MAX_UPLOAD_BYTES, UPLOAD_SUFFIXES, add_uploads, size_label
from ui.render import (
    EMPTY_CITATION,
    EMPTY_SOURCE,
    citation_html,
    citation_ref,
    corpus_html,
    draft_html,
    error_html,
    messages_html,
    question_html,
    rebuild_html,
    source_html,
    stream_answer,
)

log = logging.getLogger(__name__)

MISSION_QUESTION = "who doubted the withdrawal?"
EXAMPLE_QUESTIONS = [
    MISSION_QUESTION,
    "What did Putin say after his talks with Olaf Scholz?",
    "Who won the 2018 football World Cup?",
]

_FAILURES = (AssistantError, IndexPipelineError)

# Gradio hands a progress tracker to a handler whose parameter defaults to a Progress instance.
_PROGRESS = gr.Progress()


class Asks(Protocol):
    def ask(self, question: str) -> Answer: ...


class Streams(Protocol):
    def ask_stream(self, question: str, *, llm: bool | None = None) -> Iterator[str | Answer]: ...


Message = dict[str, str]


@dataclass
class ChatSession:
    """One browser tab's conversation: the messages shown, and the answers that its [n] links
    (`#cite-<turn>-<n>`) point into, `answers[turn].citations[n - 1]`."""

    conversation: Asks
    messages: list[Message] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)

    def citation(self, turn: int, n: int) -> Citation | None:
        if 0 <= turn < len(self.answers) and 1 <= n <= len(self.answers[turn].citations):
            return self.answers[turn].citations[n - 1]
        return None


def respond(question: str, session: ChatSession, llm: bool = False) -> Iterator[list[Message]]:
    """Ask `question` in `session`, yielding the messages as they grow: first the question, then the
    answer one sentence (with its [n]) at a time. With `llm`, the language model's draft is shown
    as it is written, then replaced by the checked answer. Errors of the assistant become an error
    message."""
    session.messages.append({"role": "user", "content": question_html(question)})
    yield _copy(session.messages)
    try:
        if llm:
            answer = yield from _stream_draft(question, session)
        else:
            answer = session.conversation.ask(question)
    except _FAILURES as exc:
        if session.messages[-1]["role"] == "assistant":
            session.messages.pop()  # the draft
        session.messages.append({"role": "assistant", "content": error_html(str(exc))})
        yield _copy(session.messages)
        return
    if session.messages[-1]["role"] == "assistant":
        session.messages.pop()  # the draft, replaced by the checked answer
    turn = len(session.answers)
    session.answers.append(answer)
    if answer.query != answer.question:
        session.messages[-1] = {"role": "user", "content": question_html(question, answer.query)}
    reply = {"role": "assistant", "content": ""}
    session.messages.append(reply)
    for html in stream_answer(answer, turn):
        reply["content"] = html
        yield _copy(session.messages)


def _stream_draft(question: str, session: ChatSession) -> Generator[list[Message], None, Answer]:
    """Shows the model's draft as it grows; returns the checked Answer that ends the stream."""
    conversation: Streams = session.conversation  # type: ignore[assignment]
    draft = ""
    answer = None
    for item in conversation.ask_stream(question, llm=True):
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


class _Handlers:
    """The app's event handlers, bound to one Assistant."""

    def __init__(self, assistant: Assistant, max_upload_bytes: int) -> None:
        self.assistant = assistant
        self.max_upload_bytes = max_upload_bytes

    def ask(self, question: str) -> dict[str, Any]:
        """Answer a question from the documents.

        Returns the answer as JSON: `text` (sentences each followed by [n]), `segments` (the same
        sentences, each with the numbers of its citations), `grounded` (false when
        the documents do not answer; `text` then says so), `citations` (citations[n-1] is [n]; each
        with `source`, `start`/`end` character offsets, 1-based `line_start`/`line_end`, `quote`,
        `score` 0-1 and `page`), `query` (what was searched) and `notices`.
        """
        try:
            return self.assistant.ask(question).to_dict()
        except _FAILURES as exc:
            raise gr.Error(str(exc)) from exc

    def submit(
        self, question: str, session: ChatSession | None, use_llm: bool = False
    ) -> Iterator[tuple[Any, Any, Any]]:
        if not question or not question.strip():
            yield gr.skip(), gr.skip(), gr.skip()
            return
        session = session or ChatSession(self.assistant.conversation())
        for messages in respond(question, session, llm=bool(use_llm) and self.assistant.has_llm):
            yield "", messages, session

    def show_citation(self, session: ChatSession | None, evt: gr.EventData) -> tuple[Any, ...]:
        ref = citation_ref(getattr(evt, "_data", None))
        citation = session.citation(*ref) if session is not None and ref is not None else None
        if ref is None or citation is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        try:
            text: str | None = self.assistant.source_text(citation.source)
        except UnknownSourceError:
            text = None
        except _FAILURES as exc:
            return error_html(str(exc)), gr.Tabs(selected="citation"), None, gr.Button(visible=False)
        return (
            citation_html(ref[1], citation, text),
            gr.Tabs(selected="citation"),
            citation,
            gr.Button(visible=text is not None),
        )

    def open_cited_document(self, citation: Citation | None) -> tuple[Any, ...]:
        if citation is None:
            return gr.skip(), gr.skip(), gr.skip()
        view = self._source_view(citation.source, (citation.start, citation.end))
        return gr.Tabs(selected="source"), gr.Dropdown(value=citation.source, choices=self._sources()), view

    def show_source(self, source: str | None) -> str:
        return self._source_view(source, None) if source else EMPTY_SOURCE

    def _source_view(self, source: str | None, highlight: tuple[int, int] | None) -> str:
        # The name comes from the browser: only documents of the index are shown, never a path.
        if source not in self._sources():
            return error_html(f"{source!r} is not a document of this index")
        try:
            return source_html(source, self.assistant.source_text(source), highlight)
        except _FAILURES as exc:
            return error_html(str(exc))

    def _sources(self) -> list[str]:
        try:
            return self.assistant.sources()
        except _FAILURES:
            return []

    def corpus(self) -> tuple[str, Any]:
        """The corpus panel and the source viewer's choices, as the index is now."""
        corpus = str(self.assistant.settings.index.corpus)
        try:
            manifest = self.assistant.reader.manifest
        except _FAILURES as exc:
            return corpus_html(corpus, 0, 0, None) + error_html(str(exc)), gr.Dropdown(choices=[])
        stats = corpus_html(corpus, len(manifest.docs), manifest.chunks, manifest.built_at)
        return stats, gr.Dropdown(choices=sorted(manifest.docs))

    def rebuild(self, progress: gr.Progress = _PROGRESS) -> tuple[Any, ...]:
        return (self._rebuild(progress, [], []), *self.corpus())

    def upload(self, files: list[str] | None, progress: gr.Progress = _PROGRESS) -> tuple[Any, ...]:
        paths = [Path(f) for f in files or []]
        result = add_uploads(paths, self.assistant.settings.index, self.max_upload_bytes)
        for path in paths:  # the copies Gradio kept while uploading; the corpus has its own now
            path.unlink(missing_ok=True)
        notes = [f"Added {s}" for s in result.added] + [f"{s} is already in the corpus" for s in result.unchanged]
        if result.added:
            report = self._rebuild(progress, notes, result.rejected)
        else:
            report = messages_html(result.rejected, notes)
        return (report, *self.corpus(), None)

    def _rebuild(self, progress: gr.Progress, notes: list[str], errors: list[str]) -> str:
        def tell(done: int, total: int) -> None:
            progress((done, total), desc="Indexing documents", unit="documents")

        try:
            report = self.assistant.rebuild(progress=tell)
        except _FAILURES as exc:
            return messages_html([*errors, str(exc)], notes)
        return rebuild_html(report, notes, errors)


def build_app(assistant: Assistant, *, max_upload_bytes: int = MAX_UPLOAD_BYTES) -> gr.Blocks:
    """The chat app for `assistant`; serve it with `launch()`, which adds the page's stylesheet."""
    ui = _Handlers(assistant, min(max_upload_bytes, assistant.settings.index.max_file_bytes))
    private: dict[str, Any] = {"api_visibility": "private"}
    with gr.Blocks(title="Document assistant", analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        session = gr.State(None)
        selected = gr.State(None)
        gr.HTML(
            "<h2>Ask the documents</h2><p>Every answer cites the passages it comes from: "
            "click a [n] to read it in its document.</p>",
            js_on_load=None,
            elem_id="intro",
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                chat = gr.Chatbot(
                    label="Conversation",
                    elem_id="chat",
                    height=540,
                    render_markdown=False,  # document text is shown as text, never as markdown
                    sanitize_html=True,
                    latex_delimiters=[],
                    buttons=["copy"],
                    feedback_options=None,
                    placeholder="Ask a question about the documents.",
                )
                box = gr.Textbox(
                    placeholder="Ask a question about the documents, then press Enter",
                    show_label=False,
                    elem_id="question",
                    autofocus=True,
                    submit_btn="Ask",
                    max_length=4000,
                )
                use_llm = gr.Checkbox(
                    value=assistant.has_llm,
                    visible=assistant.has_llm,
                    label="Use the language model",
                    info="It writes the answer; each sentence is checked against the passage it cites.",
                    elem_id="use-llm",
                )
                gr.Examples(
                    EXAMPLE_QUESTIONS,
                    inputs=box,
                    label="Example questions",
                    elem_id="examples",
                    api_visibility="private",
                )
                clear = gr.Button("Clear conversation", elem_id="clear", variant="secondary", size="sm")
            with gr.Column(scale=2, min_width=360), gr.Tabs(selected="citation") as tabs:
                with gr.Tab("Citation", id="citation"):
                    passage = gr.HTML(EMPTY_CITATION, elem_id="citation", js_on_load=CITE_JS)
                    open_document = gr.Button("Show the whole document", visible=False, size="sm")
                with gr.Tab("Source viewer", id="source"):
                    source_pick = gr.Dropdown(label="Document", choices=[], elem_id="source-pick")
                    source_view = gr.HTML(EMPTY_SOURCE, elem_id="source-view", js_on_load=REVEAL_JS)
                with gr.Tab("Corpus", id="corpus"):
                    stats = gr.HTML(elem_id="corpus-stats", js_on_load=None)
                    rebuild = gr.Button("Rebuild index", elem_id="rebuild", size="md")
                    kinds, limit = ", ".join(UPLOAD_SUFFIXES), size_label(ui.max_upload_bytes)
                    uploads = gr.File(
                        label=f"Add documents ({kinds}; at most {limit} each)",
                        file_count="multiple",
                        file_types=list(UPLOAD_SUFFIXES),
                        elem_id="upload",
                    )
                    report = gr.HTML(elem_id="rebuild-report", js_on_load=None)

        box.submit(ui.submit, [box, session, use_llm], [box, chat, session], concurrency_limit=8, **private)

        def forget() -> tuple[Any, ...]:
            return "", [], None, EMPTY_CITATION, None, gr.Button(visible=False)

        forgotten = [box, chat, session, passage, selected, open_document]
        clear.click(forget, None, forgotten, queue=False, **private)
        chat.clear(forget, None, forgotten, queue=False, **private)  # the chat's own bin icon
        passage.click(ui.show_citation, [session], [passage, tabs, selected, open_document], **private)
        open_document.click(ui.open_cited_document, [selected], [tabs, source_pick, source_view], **private)
        source_pick.input(ui.show_source, [source_pick], [source_view], **private)
        app.load(ui.corpus, None, [stats, source_pick], **private)
        index_events: dict[str, Any] = {"concurrency_id": "index", "concurrency_limit": 1, **private}
        rebuild.click(ui.rebuild, None, [report, stats, source_pick], **index_events)
        uploads.upload(ui.upload, [uploads], [report, stats, source_pick, uploads], **index_events)
        gr.api(ui.ask, api_name="ask")
    return app


def launch(
    app: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    auth: tuple[str, str] | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    **options: Any,
) -> None:
    """Serve `app` with its stylesheet and limits; `options` go on to `Blocks.launch` (for tests:
    `prevent_thread_lock=True, quiet=True`). Nothing outside Gradio's own upload cache is served."""
    app.queue(default_concurrency_limit=4)
    app.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        css=CSS,
        ssr_mode=False,
        show_error=False,
        max_file_size=max_upload_bytes,
        allowed_paths=[],
        footer_links=["api", "settings"],
        run_history=False,
        mcp_server=False,
        **options,
    )


def _check_exposure(host: str, auth: str | None) -> tuple[str, str] | None:
    """Credentials for a non-loopback bind; refuses to expose the app without them. `auth` comes
    from --auth or ASSISTANT_AUTH (see `assistant.environment`)."""
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


def _warm(assistant: Assistant) -> None:
    try:
        assistant.warm()
    except Exception as exc:  # the first question raises it again, and the chat shows it
        log.warning("could not load the embedding model: %s", exc)


def serve_from_cli(args: argparse.Namespace) -> int:
    """`assistant ui`: open the assistant, build the app and serve it until interrupted."""
    credentials = _check_exposure(args.host, args.auth)
    assistant = assistant_from_args(args)
    # The model loads while the page is already served; a question asked meanwhile waits for it.
    threading.Thread(target=_warm, args=(assistant,), name="warm-up", daemon=True).start()
    app = build_app(assistant)
    print(f"serving on http://{args.host}:{args.port}", file=sys.stderr)
    launch(app, host=args.host, port=args.port, auth=credentials)
    return 0
