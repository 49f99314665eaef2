"""Feedback on answers: kept as JSON lines beside the index, listed, and turned into test questions.

Each line of `<index>/feedback.jsonl` is one `Feedback`: a thumbs up or down and an optional note on
one answer, with what is needed to ask it again (the question, the query as it was searched, the
documents searched) and to see what went wrong (the answer, its citations, the index generation).
Changing one's mind appends a new line for the same `answer_id`; the last one counts.

`question_file()` turns the down-voted and noted answers into a question file in the format of
`assistant eval` (eval/dev.json), for a team to complete with the expected answer and evidence:
real failures become regression tests.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from assistant.types import Answer

FEEDBACK_FILE = "feedback.jsonl"

Vote = Literal["up", "down"]


@dataclass(frozen=True)
class Feedback:
    """A verdict on one answer. `vote` is None for a note without thumbs; `sources` are the documents
    the search was limited to (None: all); `at` is seconds since the epoch."""

    answer_id: str
    vote: Vote | None
    note: str
    question: str
    query: str
    answer: str
    grounded: bool
    citations: list[dict[str, Any]]
    generation: int
    sources: list[str] | None = None
    at: float = field(default_factory=time.time)

    @property
    def needs_work(self) -> bool:
        """Down-voted or noted: worth a regression test."""
        return self.vote == "down" or bool(self.note.strip())


def feedback_on(
    answer: Answer,
    answer_id: str,
    *,
    vote: Vote | None,
    note: str = "",
    generation: int,
    sources: list[str] | None = None,
) -> Feedback:
    """The Feedback for `answer` (its citations as JSON values)."""
    citations: list[dict[str, Any]] = answer.to_dict()["citations"]
    return Feedback(
        answer_id, vote, note.strip(), answer.question, answer.query, answer.text, answer.grounded, citations,
        generation, sources,
    )  # fmt: skip


class FeedbackLog:
    """The feedback file of the index at `index_dir`. Safe to share between threads."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / FEEDBACK_FILE
        self._lock = threading.Lock()

    def record(self, feedback: Feedback) -> None:
        """Append one line; it replaces any earlier one for the same answer."""
        line = json.dumps(asdict(feedback), ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line)

    def entries(self) -> list[Feedback]:
        """The last feedback on each answer, in the order the answers were first given feedback. A
        line that cannot be read (cut short by a crash) is passed over."""
        latest: dict[str, Feedback] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        for line in lines:
            try:
                entry = Feedback(**json.loads(line))
            except (ValueError, TypeError):
                continue
            latest[entry.answer_id] = entry
        return list(latest.values())


def question_file(entries: list[Feedback]) -> dict[str, Any]:
    """The down-voted and noted entries as an `assistant eval` question file: each question as it
    was searched, with empty `answer_all` and `evidence` to fill in, and what was answered."""
    questions = []
    for entry in entries:
        if not entry.needs_work:
            continue
        item: dict[str, Any] = {
            "id": f"feedback-{entry.answer_id[:8]}",
            "q": entry.query or entry.question,
            "answer_all": [],
            "evidence": [],
        }
        if entry.sources is not None:
            item["sources"] = entry.sources
        item["feedback"] = {
            "vote": entry.vote,
            "note": entry.note,
            "asked": entry.question,
            "answered": entry.answer,
            "grounded": entry.grounded,
            "cited": [f"{c['source']}:{c['line_start']}-{c['line_end']} {c['quote']}" for c in entry.citations],
            "generation": entry.generation,
        }
        questions.append(item)
    return {
        "about": "Questions from feedback on answers (down-voted or noted). Complete each: answer_all (groups of "
        "alternatives the answer must hold), evidence (strings the citations must quote), or set grounded to false "
        "if the documents do not answer it; then run 'assistant eval FILE'.",
        "questions": questions,
    }


def listing(entries: list[Feedback]) -> str:
    """The entries for people, newest last."""
    blocks = []
    for entry in entries:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.at))
        lines = [f"[{entry.vote or 'note'}] {entry.question}  (generation {entry.generation}, {when})"]
        if entry.query and entry.query != entry.question:
            lines.append(f"    searched for: {entry.query}")
        if entry.sources is not None:
            lines.append(f"    searched {len(entry.sources)} documents: {', '.join(entry.sources)}")
        lines.append(f"    answer: {entry.answer}")
        if entry.note:
            lines.append(f"    note: {entry.note}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
