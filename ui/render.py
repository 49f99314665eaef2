"""HTML for the chat UI, made from what `Assistant` returns.

Every piece of document text, question and error message passes through `html.escape` before it is
wrapped in markup, so a document holding `<script>` or `<img onerror=...>` shows as plain text. The
chat renders this HTML without markdown (see `ui.app`), so markdown syntax in a document stays plain
text as well.

Citation links carry their address in `href` (`#cite-<turn>-<n>`): the chat's sanitizer keeps
`href` and `class` but strips `data-*` attributes and inline handlers.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant import Answer, Citation, RebuildReport
from index.text import quote_in_span
from ui.rebuilds import RebuildState

CONTEXT_PARAGRAPHS = 2
"""Paragraphs of surrounding text shown on each side of a cited span."""

CONTEXT_MAX_CHARS = 1500
"""At most this many characters of context on each side, for documents without paragraph breaks."""

VIEWER_MAX_CHARS = 300_000
"""The source viewer shows at most this many characters of a document."""

WARNINGS_SHOWN = 10
"""A rebuild's report shows this many warnings; the rest (a corpus can skip hundreds of files) open on a click."""

CITE_HREF = re.compile(r"^#cite-(\d{1,6})-(\d{1,4})$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


# --- the chat --------------------------------------------------------------------------------------


def cite_link(turn: int, n: int, citation: Citation, label: str | None = None) -> str:
    title = html.escape(citation.location)
    return f'<a class="cite" href="#cite-{turn}-{n}" title="{title}">{html.escape(label or f"[{n}]")}</a>'


def citation_ref(data: object) -> tuple[int, int] | None:
    """(turn, n) from a citation click's event data `{"turn": "0", "n": "1"}`, or None if it is not
    exactly that: the data comes from the browser."""
    if not isinstance(data, dict):
        return None
    turn, n = data.get("turn"), data.get("n")
    if not (isinstance(turn, str) and isinstance(n, str)):
        return None
    match = CITE_HREF.match(f"#cite-{turn}-{n}")
    return (int(match[1]), int(match[2])) if match else None


def question_html(question: str, query: str | None = None) -> str:
    """The user's message; `query` (what was searched, when it differs) goes underneath."""
    parts = [f'<span class="question">{html.escape(question)}</span>']
    if query and query != question:
        parts.append(f'<div class="query-note">searched for: <q>{html.escape(query)}</q></div>')
    return "".join(parts)


def stream_answer(answer: Answer, turn: int, scope: str = "", vote: str | None = None) -> Iterator[str]:
    """The answer's HTML as it grows: one more segment and its [n] links each time, then the list
    of sources and the actions on the answer. Every value is complete HTML; a link is never cut in
    half. `scope` (such as "searched 3 of 240 documents") is shown with the answer."""
    if not answer.grounded:
        yield not_found_html(answer, scope) + actions_html(turn, vote)
        return
    for shown in range(1, len(answer.segments) + 1):
        yield answer_html(answer, turn, shown, complete=False, scope=scope)
    yield answer_html(answer, turn, complete=True, scope=scope) + actions_html(turn, vote)


def final_html(answer: Answer, turn: int, scope: str = "", vote: str | None = None) -> str:
    """The answer as it stands once it has streamed in whole."""
    *_, last = stream_answer(answer, turn, scope, vote)
    return last


def actions_html(turn: int, vote: str | None = None) -> str:
    """Under an answer: a thumbs up and down (the one given marked), a note, and copying it as Markdown.
    The links carry their action in `href` (`#vote-<turn>-up`, `#note-<turn>`, `#copy-<turn>`)."""

    def link(action: str, label: str, title: str, chosen: bool = False) -> str:
        cls = "act chosen" if chosen else "act"
        return f'<a class="{cls}" href="#{action}" title="{title}">{label}</a>'

    return (
        '<div class="answer-actions">'
        + link(f"vote-{turn}-up", "Good answer", "Mark this answer as good", vote == "up")
        + link(f"vote-{turn}-down", "Wrong or incomplete", "Mark this answer as wrong or incomplete", vote == "down")
        + link(f"note-{turn}", "Add a note", "Say what is wrong or missing")
        + link(f"copy-{turn}", "Copy as Markdown", "Copy the answer and its citations")
        + "</div>"
    )


ACTION_HREF = re.compile(r"^#(vote|note|copy)-(\d{1,6})(?:-(up|down))?$")


@dataclass(frozen=True)
class Action:
    """An action clicked under the answer of `turn`: "vote" (with `vote` "up" or "down"), "note" or "copy"."""

    kind: str
    turn: int
    vote: str | None = None


def action_ref(data: object) -> Action | None:
    """The action a click's event data `{"href": "#vote-2-down"}` names, or None if it names none
    exactly: the data comes from the browser."""
    href = data.get("href") if isinstance(data, dict) else None
    match = ACTION_HREF.match(href) if isinstance(href, str) else None
    if match is None or (match[1] == "vote") != (match[3] is not None):
        return None
    return Action(match[1], int(match[2]), match[3])


def answer_html(answer: Answer, turn: int, shown: int | None = None, complete: bool = True, scope: str = "") -> str:
    """A grounded answer: notices, its first `shown` segments (all by default) each followed by its
    [n] links, then (once complete) the sources it cites, each a link too."""
    if not answer.grounded:
        return not_found_html(answer, scope)
    words = []
    for segment in answer.segments[:shown]:
        if segment.is_block:
            sentence = f'<pre class="sentence code">{html.escape(segment.text)}</pre>'
        else:
            sentence = f'<span class="sentence">{html.escape(segment.text)}</span>' if segment.text else ""
        cited = [n for n in segment.citations if 1 <= n <= len(answer.citations)]
        links = [cite_link(turn, n, answer.citations[n - 1]) for n in cited]
        marked = " ".join([sentence, *links]).strip()
        words.append(f'<div class="code-block">{marked}</div>' if segment.is_block else marked)
    by = '<div class="answer-by">Written by the language model; each sentence checked against what it cites.</div>'
    parts = [_notices_html(answer.notices), by if answer.mode == "llm" else "", _scope_html(scope)]
    parts.append(f'<div class="answer">{" ".join(words)}</div>')
    if complete and answer.citations:
        items = "".join(
            f"<li>{cite_link(turn, n, c, f'[{n}] {_where(c)}')}</li>" for n, c in enumerate(answer.citations, start=1)
        )
        parts.append(f'<ol class="answer-sources">{items}</ol>')
    return "".join(parts)


def draft_html(text: str) -> str:
    """The language model's answer as it is being written: plain text, marked as not yet checked."""
    return (
        '<div class="draft-note">Writing; each sentence is checked against its citation when done…</div>'
        f'<div class="answer draft">{html.escape(text)}</div>'
    )


def not_found_html(answer: Answer, scope: str = "") -> str:
    """The state for a question the documents do not answer: visibly not an answer."""
    return (
        f"{_notices_html(answer.notices)}{_scope_html(scope)}"
        '<div class="not-found" role="status">'
        '<div class="not-found-title">Not found in the documents</div>'
        f"<div>{html.escape(answer.text)}</div>"
        '<div class="not-found-hint">Try other words, or add documents in the Corpus tab.</div>'
        "</div>"
    )


def error_html(message: str) -> str:
    return f'<div class="error" role="alert">{html.escape(message)}</div>'


def _scope_html(scope: str) -> str:
    return f'<div class="scope">{html.escape(scope)}</div>' if scope else ""


def _notices_html(notices: Sequence[str]) -> str:
    return "".join(f'<div class="notice">{html.escape(notice)}</div>' for notice in notices)


def _where(citation: Citation) -> str:
    """File, lines and (for PDFs) page, for people: `report.pdf, page 3, lines 14-15`."""
    if citation.line_start == citation.line_end:
        lines = f"line {citation.line_start}"
    else:
        lines = f"lines {citation.line_start}\u2013{citation.line_end}"
    page = f", page {citation.page}" if citation.page is not None else ""
    return f"{citation.source}{page}, {lines}"


# --- the side panel --------------------------------------------------------------------------------

EMPTY_CITATION = (
    '<div class="panel-empty">Click a <span class="cite-sample">[n]</span> in an answer to see the passage '
    "it cites, highlighted in its document.</div>"
)
EMPTY_SOURCE = '<div class="panel-empty">Choose a document to read it whole.</div>'


def citation_html(n: int, citation: Citation, text: str | None) -> str:
    """Citation n: its file and lines, the document's title and the section it is in, and the cited
    span highlighted inside a few paragraphs of its source `text` (None when the document has left
    the index)."""
    head = (
        f'<div class="passage-head"><span class="passage-n">[{n}]</span> {html.escape(_where(citation))}</div>'
        f"{_trail_html(citation.trail)}"
    )
    if text is None:
        return head + _stale_html(citation, "This document is no longer in the index.")
    if not _span_matches(text, citation):
        return head + _stale_html(citation, "This document has changed since the answer was given.")
    lo, hi = context_window(text, citation.start, citation.end)
    first_line = text.count("\n", 0, lo) + 1
    body = lines_html(text, lo, hi, first_line, (citation.start, citation.end))
    return f'{head}<div class="passage">{body}</div>'


def source_html(source: str, text: str, highlight: tuple[int, int] | None = None, title: str = "") -> str:
    """A whole document with line numbers, its title above, the span `highlight` (start, end) marked."""
    shown = text[:VIEWER_MAX_CHARS]
    note = ""
    if len(text) > len(shown):
        note = f'<div class="notice">Showing the first {len(shown):,} of {len(text):,} characters.</div>'
    head = f'<div class="passage-head">{html.escape(source)}</div>{_trail_html((title,) if title else ())}'
    return f'{head}{note}<div class="passage whole">{lines_html(shown, 0, len(shown), 1, highlight)}</div>'


def _trail_html(parts: Sequence[str]) -> str:
    """The document's title and the headings above a passage, outermost first: "Title › 2. Approvals"."""
    if not parts:
        return ""
    return f'<div class="passage-trail">{html.escape(" › ".join(parts))}</div>'


def context_window(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets (lo, hi) of the paragraphs holding text[start:end] plus CONTEXT_PARAGRAPHS on each
    side; each side is cut to CONTEXT_MAX_CHARS, at a line break where there is one."""
    starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    first = max(i for i, s in enumerate(starts) if s <= start)
    last = max(i for i, s in enumerate(starts) if s <= max(start, end - 1))
    lo = starts[max(0, first - CONTEXT_PARAGRAPHS)]
    hi = ends[min(len(ends) - 1, last + CONTEXT_PARAGRAPHS)]
    if start - lo > CONTEXT_MAX_CHARS:
        floor = start - CONTEXT_MAX_CHARS
        lo = text.find("\n", floor, start) + 1 or floor
    if hi - end > CONTEXT_MAX_CHARS:
        ceiling = end + CONTEXT_MAX_CHARS
        cut = text.rfind("\n", end, ceiling)
        hi = cut if cut >= 0 else ceiling
    return lo, max(hi, end)


def lines_html(text: str, lo: int, hi: int, first_line: int, highlight: tuple[int, int] | None) -> str:
    """text[lo:hi] as numbered lines, the part inside `highlight` wrapped in <mark>."""
    rows, offset = [], lo
    for number, line in enumerate(text[lo:hi].split("\n"), start=first_line):
        line_end = offset + len(line)
        body = _marked(line, offset, highlight)
        inside = highlight is not None and not line.strip() and highlight[0] < offset < highlight[1]
        cls = "line hl" if "<mark>" in body or inside else "line"
        rows.append(f'<div class="{cls}"><span class="ln">{number}</span><span class="tx">{body}</span></div>')
        offset = line_end + 1
    return "".join(rows)


def _marked(line: str, offset: int, highlight: tuple[int, int] | None) -> str:
    visible = line.rstrip("\r")
    if highlight is None:
        return html.escape(visible)
    a = min(max(highlight[0] - offset, 0), len(visible))
    b = min(max(highlight[1] - offset, 0), len(visible))
    if a >= b:
        return html.escape(visible)
    return f"{html.escape(visible[:a])}<mark>{html.escape(visible[a:b])}</mark>{html.escape(visible[b:])}"


def _span_matches(text: str, citation: Citation) -> bool:
    """Whether the quote still verifies against text[start:end] (the document may have changed)."""
    if not 0 <= citation.start < citation.end <= len(text):
        return False
    return quote_in_span(citation.quote, text[citation.start : citation.end])


def _stale_html(citation: Citation, why: str) -> str:
    return (
        f'<div class="notice">{html.escape(why)} The passage as it was quoted:</div>'
        f'<blockquote class="quote">{html.escape(citation.quote)}</blockquote>'
    )


# --- the corpus panel ------------------------------------------------------------------------------


def corpus_html(corpus: str, documents: int, chunks: int, built_at: float | None) -> str:
    """Counts and build time of the index; `built_at` in seconds since the epoch."""
    when = "never" if built_at is None else _local_time(built_at)
    return (
        '<dl class="corpus-stats">'
        f"<dt>Folder</dt><dd>{html.escape(corpus)}</dd>"
        f'<dt>Documents</dt><dd class="n-docs">{documents}</dd>'
        f'<dt>Chunks</dt><dd class="n-chunks">{chunks}</dd>'
        f'<dt>Index built</dt><dd class="built-at">{html.escape(when)}</dd>'
        "</dl>"
    )


def rebuild_html(report: RebuildReport, notes: Sequence[str] = (), errors: Sequence[str] = ()) -> str:
    """The rebuild report, after any notes (such as files added) and errors from before it."""
    checked = time.strftime("%H:%M:%S")
    verdict = "Index updated" if report.rebuilt else f"Index already up to date (checked {checked})"
    parts = [f'<div class="error" role="alert">{html.escape(e)}</div>' for e in errors]
    parts += [f'<div class="report-note">{html.escape(note)}</div>' for note in notes]
    parts.append(
        f'<div class="report"><div class="report-title">{html.escape(verdict)}</div>'
        f'<div class="report-summary">{html.escape(report.summary())}</div></div>'
    )
    if report.warnings:
        items = [f"<li>{html.escape(w)}</li>" for w in report.warnings]
        shown = "".join(items[:WARNINGS_SHOWN])
        parts.append(f'<ul class="report-warnings">{shown}</ul>')
        if len(items) > WARNINGS_SHOWN:
            rest = "".join(items[WARNINGS_SHOWN:])
            parts.append(
                f'<details class="more-warnings"><summary>{len(items) - WARNINGS_SHOWN:,} more warnings</summary>'
                f'<ul class="report-warnings">{rest}</ul></details>'
            )
    return "".join(parts)


def rebuild_status_html(state: RebuildState) -> str:
    """A rebuild in progress (its documents done, of how many), or how the latest one ended."""
    if state.running:
        if state.cancelling:
            return '<div class="rebuild-status cancelling" role="status">Cancelling the rebuild…</div>'
        count = f"{state.done:,} of {state.total:,} documents" if state.total else "looking for changes"
        started = time.strftime("%H:%M:%S", time.localtime(state.started_at or time.time()))
        bar = f'<progress value="{state.done}" max="{state.total}"></progress>' if state.total else ""
        return (
            '<div class="rebuild-status running" role="status">'
            f'<span class="rebuild-progress">Rebuilding the index: {count}</span> {bar}'
            f'<div class="rebuild-started">started at {started}; the index answers as before until it is done</div>'
            "</div>"
        )
    if state.number == 0:
        return ""
    if state.cancelled:
        cancelled = "Rebuild cancelled; the index is as it was before it, and still answers."
        return messages_html(state.errors, [*state.notes, cancelled])
    if state.report is not None:
        return rebuild_html(state.report, state.notes, state.errors)
    return messages_html([*state.errors, state.error or "the rebuild failed"], state.notes)


def messages_html(errors: Sequence[str], notes: Sequence[str] = ()) -> str:
    parts = [f'<div class="error" role="alert">{html.escape(e)}</div>' for e in errors]
    parts += [f'<div class="report-note">{html.escape(note)}</div>' for note in notes]
    return "".join(parts)


def _local_time(epoch_seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(epoch_seconds))
