"""The chat UI: a Gradio app that calls `Assistant` and formats what comes back (see `ui.render`).

Layout: the chat on the left, with the documents to search (a picker), the question box and
example questions; under each answer, thumbs up and down, a note, and copying it as Markdown. On
the right a side panel with three tabs: the citation clicked last (its span highlighted in a few
paragraphs of its source), a viewer for whole documents, and the corpus (counts, rebuild with its
progress, upload). One public API endpoint, `/ask`, returns an answer as JSON.

What is shared by every tab (the running rebuild, the example questions, the feedback file) lives
in the app; a timer brings each tab up to date with it.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import shutil
import sys
import tempfile
import threading
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant import Assistant, AssistantError, Citation, UnknownSourceError
from assistant.cli import assistant_from_args
from assistant.examples import SEED_QUESTIONS, ExampleQuestions
from assistant.feedback import FeedbackLog, feedback_on
from ui import picker
from ui.assets import ACTIONS_JS, CITE_JS, CSS, REVEAL_JS
from ui.chat import ChatSession, Exchange, respond
from ui.corpus import MAX_UPLOAD_BYTES, UPLOAD_SUFFIXES, add_uploads, size_label
from ui.export import answer_markdown, conversation_markdown
from ui.rebuilds import RebuildMonitor
from ui.render import (
    EMPTY_CITATION,
    EMPTY_SOURCE,
    action_ref,
    citation_html,
    citation_ref,
    corpus_html,
    error_html,
    messages_html,
    question_html,
    rebuild_status_html,
    source_html,
)
from ui.security import LoginGuard, LoginLimits, LoginThrottle, OriginGuard

log = logging.getLogger(__name__)

MISSION_QUESTION = SEED_QUESTIONS[0]

POLL_SECONDS = 2.0
"""How often each tab brings itself up to date with the app: rebuild progress, the index, examples."""

_FAILURES = (AssistantError,)


class _Handlers:
    """The app's event handlers, bound to one Assistant and what every tab shares."""

    def __init__(self, assistant: Assistant, max_upload_bytes: int, examples_file: Path | None) -> None:
        self.assistant = assistant
        self.max_upload_bytes = max_upload_bytes
        self.examples = ExampleQuestions(assistant, examples_file)
        self.feedback = FeedbackLog(assistant.settings.index.index_dir)
        self.rebuilds = RebuildMonitor(assistant.rebuild)
        self.downloads = Path(tempfile.mkdtemp(prefix="assistant-conversations-"))
        # Exported conversations live as long as the app: removed when it goes, at the latest at exit.
        self.remove_downloads = weakref.finalize(self, shutil.rmtree, self.downloads, ignore_errors=True)

    # --- the API -------------------------------------------------------------------------------

    def ask(self, question: str, sources: list[str] | None = None) -> dict[str, Any]:
        """Answer a question from the documents (only from `sources`, paths relative to the corpus,
        when given).

        Returns the answer as JSON: `text` (sentences each followed by [n]), `segments` (the same
        sentences, each with the numbers of its citations), `grounded` (false when the documents do
        not answer; `text` then says so), `citations` (citations[n-1] is [n]; each with `source`,
        `start`/`end` character offsets, 1-based `line_start`/`line_end`, `quote`, `score` 0-1 and
        `page`), `query` (what was searched) and `notices`.
        """
        try:
            return self.assistant.ask(question, sources=sources or None).to_dict()
        except _FAILURES as exc:
            raise gr.Error(str(exc)) from exc

    # --- the chat ------------------------------------------------------------------------------

    def submit(
        self, question: str, session: ChatSession | None, use_llm: bool = False, picked: list[str] | None = None
    ) -> Iterator[tuple[Any, ...]]:
        if not question or not question.strip():
            yield gr.skip(), gr.skip(), gr.skip()
            return
        session = session or ChatSession(self.assistant.conversation())
        try:
            documents = self.assistant.sources()
            generation = self.assistant.reader.manifest.generation
        except _FAILURES:
            documents, generation = [], 0
        sources = picker.sources(picked or [], documents)
        scope = picker.scope(len(sources), len(documents)) if sources is not None else ""
        if sources == []:
            why = "none of the documents picked is in the index any more; pick others, or search all documents"
            yield from self._refuse(question, session, why)
            return
        llm = bool(use_llm) and self.assistant.has_llm
        for messages in respond(question, session, llm, sources, scope, generation):
            yield "", messages, session

    def _refuse(self, question: str, session: ChatSession, why: str) -> Iterator[tuple[Any, ...]]:
        session.messages += [
            {"role": "user", "content": question_html(question)},
            {"role": "assistant", "content": error_html(why)},
        ]
        session.turns.append(Exchange(question, None, error=why, message=len(session.messages) - 1))
        yield "", [dict(m) for m in session.messages], session

    def download(self, session: ChatSession | None) -> Any:
        """The conversation so far as a Markdown file, for the download button (after each answer:
        the answer's own event has ended by then, so a question asked at once is not held up)."""
        if session is None or not session.turns:
            return gr.skip()
        path = self.downloads / f"conversation-{session.id[:12]}.md"
        path.write_text(conversation_markdown(session.turns), encoding="utf-8")
        return gr.DownloadButton(value=str(path), visible=True)

    def act(self, session: ChatSession | None, evt: gr.EventData) -> tuple[Any, ...]:
        """An action clicked under an answer: a vote (recorded, and the note box opened), a note
        (the note box opened) or a copy (the answer as Markdown, sent to the browser's clipboard)."""
        action = action_ref(getattr(evt, "_data", None))
        exchange = session.exchange(action.turn) if session is not None and action is not None else None
        if session is None or action is None or exchange is None or exchange.answer is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        if action.kind == "copy":
            session.copies += 1
            copied = {"turn": action.turn, "markdown": answer_markdown(exchange), "copy": session.copies}
            return json.dumps(copied), gr.skip(), session, gr.skip(), gr.skip(), gr.skip()
        if action.kind == "vote":
            exchange.vote = "up" if action.vote == "up" else "down"
            self._record(exchange)
            session.show_feedback(action.turn)
        session.noting = action.turn
        head = _feedback_head(action.turn, exchange)
        return gr.skip(), [dict(m) for m in session.messages], session, gr.Group(visible=True), head, exchange.note

    def send_note(self, note: str, session: ChatSession | None) -> tuple[Any, ...]:
        turn = session.noting if session is not None else None
        exchange = session.exchange(turn) if session is not None and turn is not None else None
        if turn is None or exchange is None or not note.strip():
            return gr.skip(), gr.skip()
        exchange.note = note.strip()
        self._record(exchange)
        return f'<div class="feedback-head">Noted for answer {turn + 1}. Thank you.</div>', ""

    def _record(self, exchange: Exchange) -> None:
        assert exchange.answer is not None
        self.feedback.record(
            feedback_on(
                exchange.answer,
                exchange.id,
                vote=exchange.vote,
                note=exchange.note,
                generation=exchange.generation,
                sources=exchange.sources,
            )
        )

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
            text = self.assistant.source_text(source)
            return source_html(source, text, highlight, self.assistant.source_title(source))
        except _FAILURES as exc:
            return error_html(str(exc))

    def _sources(self) -> list[str]:
        try:
            return self.assistant.sources()
        except _FAILURES:
            return []

    # --- the document picker -------------------------------------------------------------------

    def filter_documents(self, text: str, picked: list[str]) -> Any:
        shown, found = picker.choices(self._sources(), text or "")
        return gr.CheckboxGroup(
            choices=shown, value=[v for _, v in shown if v in picked], info=_shown_note(len(shown), found)
        )

    def pick(self, values: list[str], text: str, picked: list[str]) -> tuple[list[str], str]:
        """The picked entries: those ticked among the ones shown, and those picked under other filters."""
        shown = {entry for _, entry in picker.choices(self._sources(), text or "")[0]}
        kept = [entry for entry in picked if entry not in shown]
        now = sorted({*kept, *(values or [])})
        return now, self._scope_html(now)

    def search_all(self) -> tuple[list[str], Any, str]:
        return [], gr.CheckboxGroup(value=[]), self._scope_html([])

    def _scope_html(self, picked: list[str]) -> str:
        documents = self._sources()
        chosen = picker.sources(picked, documents)
        if chosen is None:
            return f'<div class="doc-scope">Searching all {len(documents):,} documents.</div>'
        return f'<div class="doc-scope">Searching {len(chosen):,} of {len(documents):,} documents.</div>'

    # --- what every tab shares -----------------------------------------------------------------

    def refresh(self, seen: dict[str, Any] | None, text: str, picked: list[str]) -> tuple[Any, ...]:
        """Bring a tab up to date: the rebuild's progress or report, and when the index has changed,
        its counts, document lists and example questions. Only what changed since the tab last
        looked (`seen`) is sent."""
        seen = dict(seen or {})
        state = self.rebuilds.state
        rebuild_key = [state.number, state.running, state.cancelling, state.done, state.total]
        status = cancel = gr.skip()
        if seen.get("rebuild") != rebuild_key:
            seen["rebuild"] = rebuild_key
            cancel = gr.Button(visible=state.running and not state.cancelling)
            if state.number:
                status = rebuild_status_html(state)
        index_key = self._index_key()
        stats = source_pick = doc_pick = scope = picked_now = gr.skip()
        if seen.get("index") != index_key:
            seen["index"] = index_key
            stats, source_pick = self.corpus()
            documents = self._sources()
            valid = set(documents) | set(picker.folders(documents))
            picked_now = [entry for entry in picked if entry in valid]
            doc_pick = self.filter_documents(text, picked_now)
            scope = self._scope_html(picked_now)
        examples = example_list = gr.skip()
        questions = self.examples.current()
        if questions is not None and seen.get("examples") != questions:
            seen["examples"] = questions
            examples = gr.Dataset(samples=[[q] for q in questions], visible=bool(questions))
            example_list = questions
        return status, cancel, stats, source_pick, doc_pick, scope, picked_now, examples, example_list, seen

    def _index_key(self) -> str:
        try:
            manifest = self.assistant.reader.manifest
        except _FAILURES as exc:
            return f"unreadable: {exc}"
        return f"{manifest.store_id}-{manifest.generation}"

    def use_example(self, index: int | None, questions: list[str]) -> Any:
        if isinstance(index, int) and 0 <= index < len(questions or []):
            return questions[index]
        return gr.skip()

    def corpus(self) -> tuple[str, Any]:
        """The corpus panel and the source viewer's choices, as the index is now."""
        corpus = str(self.assistant.settings.index.corpus)
        try:
            manifest = self.assistant.reader.manifest
        except _FAILURES as exc:
            return corpus_html(corpus, 0, 0, None) + error_html(str(exc)), gr.Dropdown(choices=[])
        stats = corpus_html(corpus, len(manifest.docs), manifest.chunks, manifest.built_at)
        return stats, gr.Dropdown(choices=sorted(manifest.docs))

    # A click's answer goes through the queue, and a tick's does not: it can reach the tab after a
    # tick that saw a newer state ("Cancelling the rebuild…" after "Rebuild cancelled"). Each of
    # them so forgets the state the tab last saw, and the next tick shows the state as it is.

    def rebuild(self, seen: dict[str, Any] | None) -> tuple[Any, Any, dict[str, Any]]:
        self.rebuilds.start()
        state = self.rebuilds.state
        return rebuild_status_html(state), gr.Button(visible=state.running), _unseen(seen)

    def cancel(self, seen: dict[str, Any] | None) -> tuple[Any, Any, dict[str, Any]]:
        self.rebuilds.cancel()
        return rebuild_status_html(self.rebuilds.state), gr.Button(visible=False), _unseen(seen)

    def upload(self, files: list[str] | None, seen: dict[str, Any] | None) -> tuple[Any, ...]:
        paths = [Path(f) for f in files or []]
        result = add_uploads(paths, self.assistant.settings.index, self.max_upload_bytes)
        for path in paths:  # the copies Gradio kept while uploading; the corpus has its own now
            path.unlink(missing_ok=True)
        notes = [f"Added {s}" for s in result.added] + [f"{s} is already in the corpus" for s in result.unchanged]
        if not result.added:
            return messages_html(result.rejected, notes), gr.skip(), None, gr.skip()
        if not self.rebuilds.start(notes, result.rejected):
            notes.append("A rebuild is running; press Rebuild index when it is done to index the new documents.")
            return messages_html(result.rejected, notes), gr.skip(), None, gr.skip()
        return rebuild_status_html(self.rebuilds.state), gr.Button(visible=True), None, _unseen(seen)


def _unseen(seen: dict[str, Any] | None) -> dict[str, Any]:
    """What a tab has seen, less the rebuild's state (see `_Handlers.rebuild`)."""
    return {key: value for key, value in (seen or {}).items() if key != "rebuild"}


def _feedback_head(turn: int, exchange: Exchange) -> str:
    given = {"up": ": marked good", "down": ": marked wrong or incomplete"}.get(exchange.vote or "", "")
    return (
        f'<div class="feedback-head">Your feedback on answer {turn + 1}{given}. A note helps fix it: '
        "what is wrong or missing (for example, “the answer is in section 4”)?</div>"
    )


def _shown_note(shown: int, found: int) -> str:
    if found > shown:
        return f"Showing {shown:,} of {found:,}; type more of a name to narrow them down."
    return "Tick documents or whole folders; questions then search only those."


def build_app(
    assistant: Assistant,
    *,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    examples_file: Path | None = None,
    poll_seconds: float = POLL_SECONDS,
) -> gr.Blocks:
    """The chat app for `assistant`; serve it with `launch()`, which adds the page's stylesheet.
    `examples_file`: a question file (the format of `assistant eval`) whose questions are offered
    as examples instead of questions made from the documents."""
    ui = _Handlers(assistant, min(max_upload_bytes, assistant.settings.index.max_file_bytes), examples_file)
    private: dict[str, Any] = {"api_visibility": "private"}
    with gr.Blocks(title="Document assistant", analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        app.handlers = ui  # what the tabs share (the rebuild, the examples), for tests and for serve_from_cli
        session = gr.State(None)
        selected = gr.State(None)
        picked = gr.State([])
        seen = gr.State(None)
        example_list = gr.State([])
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
                actions = gr.HTML(
                    "",
                    html_template='<span class="copy-status" role="status"></span>',
                    js_on_load=ACTIONS_JS,
                    elem_id="answer-actions",
                    container=False,
                )
                with gr.Group(visible=False, elem_id="feedback") as feedback:
                    feedback_head = gr.HTML(elem_id="feedback-head", js_on_load=None)
                    note = gr.Textbox(
                        show_label=False,
                        placeholder="What is wrong or missing? (optional)",
                        elem_id="feedback-note",
                        max_length=2000,
                        submit_btn="Send note",
                    )
                with gr.Accordion("Search within documents", open=False, elem_id="doc-picker"):
                    doc_filter = gr.Textbox(
                        show_label=False, placeholder="Filter documents and folders by name", elem_id="doc-filter"
                    )
                    doc_pick = gr.CheckboxGroup(choices=[], show_label=False, elem_id="doc-pick")
                    with gr.Row():
                        doc_scope = gr.HTML(elem_id="doc-scope", js_on_load=None)
                        search_all = gr.Button("Search all documents", size="sm", elem_id="search-all", scale=0)
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
                examples = gr.Dataset(
                    components=[box],
                    samples=[],
                    type="index",
                    label="Example questions",
                    elem_id="examples",
                    visible=False,
                )
                with gr.Row():
                    clear = gr.Button("Clear conversation", elem_id="clear", variant="secondary", size="sm")
                    download = gr.DownloadButton(
                        "Download the conversation (Markdown)", visible=False, elem_id="download", size="sm"
                    )
            with gr.Column(scale=2, min_width=360), gr.Tabs(selected="citation") as tabs:
                with gr.Tab("Citation", id="citation"):
                    passage = gr.HTML(EMPTY_CITATION, elem_id="citation", js_on_load=CITE_JS)
                    open_document = gr.Button("Show the whole document", visible=False, size="sm")
                with gr.Tab("Source viewer", id="source"):
                    source_pick = gr.Dropdown(label="Document", choices=[], elem_id="source-pick")
                    source_view = gr.HTML(EMPTY_SOURCE, elem_id="source-view", js_on_load=REVEAL_JS)
                with gr.Tab("Corpus", id="corpus"):
                    stats = gr.HTML(elem_id="corpus-stats", js_on_load=None)
                    with gr.Row():
                        rebuild = gr.Button("Rebuild index", elem_id="rebuild", size="md")
                        cancel = gr.Button("Cancel rebuild", elem_id="cancel-rebuild", visible=False, size="md")
                    kinds, limit = ", ".join(UPLOAD_SUFFIXES), size_label(ui.max_upload_bytes)
                    uploads = gr.File(
                        label=f"Add documents ({kinds}; at most {limit} each)",
                        file_count="multiple",
                        file_types=list(UPLOAD_SUFFIXES),
                        elem_id="upload",
                    )
                    report = gr.HTML(elem_id="rebuild-report", js_on_load=None)
        timer = gr.Timer(poll_seconds)

        submitted = [box, session, use_llm, picked]
        asked = box.submit(ui.submit, submitted, [box, chat, session], concurrency_limit=8, **private)
        asked.then(ui.download, [session], [download], **private)
        chat_outputs = [actions, chat, session, feedback, feedback_head, note]
        actions.click(ui.act, [session], chat_outputs, **private)
        note.submit(ui.send_note, [note, session], [feedback_head, note], **private)

        def forget() -> tuple[Any, ...]:
            hidden = gr.Group(visible=False)
            return (
                "",
                [],
                None,
                EMPTY_CITATION,
                None,
                gr.Button(visible=False),
                hidden,
                gr.DownloadButton(visible=False),
            )

        forgotten = [box, chat, session, passage, selected, open_document, feedback, download]
        clear.click(forget, None, forgotten, queue=False, **private)
        chat.clear(forget, None, forgotten, queue=False, **private)  # the chat's own bin icon
        passage.click(ui.show_citation, [session], [passage, tabs, selected, open_document], **private)
        open_document.click(ui.open_cited_document, [selected], [tabs, source_pick, source_view], **private)
        source_pick.input(ui.show_source, [source_pick], [source_view], **private)
        doc_filter.change(ui.filter_documents, [doc_filter, picked], [doc_pick], **private)
        doc_pick.input(ui.pick, [doc_pick, doc_filter, picked], [picked, doc_scope], **private)
        search_all.click(ui.search_all, None, [picked, doc_pick, doc_scope], **private)
        examples.click(ui.use_example, [examples, example_list], [box], **private)
        shared = [report, cancel, stats, source_pick, doc_pick, doc_scope, picked, examples, example_list, seen]
        app.load(ui.refresh, [seen, doc_filter, picked], shared, **private)
        # Straight to the handler, not through the queue: a tick is cheap and must not hold up an answer.
        timer.tick(ui.refresh, [seen, doc_filter, picked], shared, show_progress="hidden", queue=False, **private)
        rebuild.click(ui.rebuild, [seen], [report, cancel, seen], **private)
        cancel.click(ui.cancel, [seen], [report, cancel, seen], **private)
        index_events: dict[str, Any] = {"concurrency_id": "index", "concurrency_limit": 1, **private}
        uploads.upload(ui.upload, [uploads, seen], [report, cancel, uploads, seen], **index_events)
        gr.api(ui.ask, api_name="ask")
    return app


def launch(
    app: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    auth: tuple[str, str] | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    allow_origins: Sequence[str] = (),
    login_limits: LoginLimits | None = None,
    **options: Any,
) -> None:
    """Serve `app` with its stylesheet and limits; `options` go on to `Blocks.launch` (for tests:
    `prevent_thread_lock=True, quiet=True`). Nothing outside Gradio's own upload cache is served.
    Requests from pages of other origins are refused unless listed in `allow_origins`; failed logins
    are slowed down and limited per client as `login_limits` says (see `ui.security`)."""
    middleware = [
        Middleware(OriginGuard, allowed=list(allow_origins)),
        Middleware(LoginGuard, throttle=LoginThrottle(login_limits or LoginLimits())),
    ]
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
        app_kwargs={"middleware": middleware},
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


def _prepare_examples(examples: Any) -> None:
    try:
        examples.current()  # works them out in the background, if they are not kept already
    except Exception as exc:  # the examples stay empty; questions show the error themselves
        log.warning("could not work out example questions: %s", exc)


def serve_from_cli(args: argparse.Namespace) -> int:
    """`assistant ui`: open the assistant, build the app and serve it until interrupted. `args` are
    the command line merged with the environment (see `assistant.cli`)."""
    credentials = _check_exposure(args.host, args.auth)
    examples_file = Path(args.examples) if getattr(args, "examples", None) else None
    if examples_file is not None and not examples_file.is_file():
        raise SystemExit(f"no question file at {examples_file}")
    # The index opens and the models load in a thread of their own (see `assistant_from_args`),
    # while the page is already served; a question asked meanwhile waits for them, and one that
    # finds the index missing or damaged shows why in the chat.
    assistant = assistant_from_args(args, lazy=True)
    app = build_app(assistant, examples_file=examples_file)
    handlers = app.handlers  # type: ignore[attr-defined]
    threading.Thread(target=_prepare_examples, args=(handlers.examples,), name="examples", daemon=True).start()
    print(f"serving on http://{args.host}:{args.port}", file=sys.stderr)
    launch(
        app, host=args.host, port=args.port, auth=credentials, allow_origins=getattr(args, "allow_origin", None) or ()
    )
    return 0
