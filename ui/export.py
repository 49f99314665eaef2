"""Answers and conversations as Markdown, for copying and downloading.

Made from the Answer's segments and citations, like the HTML: each sentence followed by its [n],
then each citation with its file, section (where the index knows it), page, lines and quote.
Document text is escaped, so that a quote holding `*`, `[1]` or `<b>` reads as it does in the
document rather than as Markdown.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from assistant import Answer, Citation, Segment

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


# What opens a list item at a line's start: a numbered item's number ("1.", "2)") or a bullet.
_LIST_OPENING = re.compile(r"^(\d{1,9}(?=[.)](?:\s|$))|(?=[-+](?:\s|$)))")


def escape(text: str) -> str:
    """Plain text that Markdown shows as it is: special characters backslash-escaped, on one line,
    and a list item's number or bullet at its start too ("1. Download ..." stays a sentence)."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LIST_OPENING.sub(lambda m: f"{m.group(1)}\\", escaped, count=1)


def where(citation: Citation) -> str:
    """`report.pdf, section "Results > Tables", page 3, lines 14-15`: the parts the citation has."""
    parts = [f"`{citation.source.replace('`', '')}`"]
    section = getattr(citation, "section", None)  # carried once the index keeps section paths
    if isinstance(section, str | tuple | list) and section:
        path = section if isinstance(section, str) else " > ".join(str(s) for s in section)
        parts.append(f"section “{escape(path)}”")
    if citation.page is not None:
        parts.append(f"page {citation.page}")
    if citation.line_start == citation.line_end:
        parts.append(f"line {citation.line_start}")
    else:
        parts.append(f"lines {citation.line_start}–{citation.line_end}")
    return ", ".join(parts)


@dataclass
class Turn:
    """A question as asked and what came back: the Answer, or an error message."""

    question: str
    answer: Answer | None
    scope: str = ""  # such as "searched 3 of 240 documents"; empty when every document was searched
    error: str = ""


def answer_markdown(turn: Turn) -> str:
    """One question and its answer, with the citations listed under it."""
    lines = [f"**Question:** {escape(turn.question)}"]
    answer = turn.answer
    if answer is not None and answer.query != turn.question and answer.query:
        lines.append(f"*Searched for:* {escape(answer.query)}")
    if turn.scope:
        lines.append(f"*{escape(turn.scope[:1].upper() + turn.scope[1:])}.*")
    lines.append("")
    if answer is None:
        lines.append(f"**Error:** {escape(turn.error)}")
        return "\n".join(lines) + "\n"
    lines += [f"*{escape(notice)}*" for notice in answer.notices]
    if not answer.grounded:
        lines.append(f"**Not found in the documents.** {escape(answer.text)}")
        return "\n".join(lines) + "\n"
    if answer.mode == "llm":
        lines.append("*Written by the language model; each sentence checked against what it cites.*")
    lines += [_answer_body(answer.segments), ""]
    for n, citation in enumerate(answer.citations, start=1):
        lines += [f"[{n}] {where(citation)}", f"> {escape(citation.quote)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _answer_body(segments: Sequence[Segment]) -> str:
    """The answer's sentences, each followed by its [n], on one line; a code block as a fenced
    block of its own (fenced by more backticks than it holds in a row), its marks after it."""
    paragraphs: list[str] = []
    line: list[str] = []
    for segment in segments:
        marks = " ".join(f"[{n}]" for n in segment.citations)
        if not segment.is_block:
            line.append(" ".join(part for part in (escape(segment.text), marks) if part))
            continue
        if line:
            paragraphs.append(" ".join(line))
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", segment.text)), default=0))
        paragraphs.append(f"{fence}\n{segment.text}\n{fence}")
        line = [marks] if marks else []
    if line:
        paragraphs.append(" ".join(line))
    return "\n\n".join(paragraphs)


def conversation_markdown(turns: Sequence[Turn], title: str = "Conversation with the documents") -> str:
    """A whole conversation: a heading, when it was saved, then each turn, separated by rules."""
    saved = time.strftime("%Y-%m-%d %H:%M")
    parts = [f"# {escape(title)}\n\n*Saved {saved}.*\n"]
    parts += [answer_markdown(turn) for turn in turns]
    return "\n---\n\n".join(parts)
