"""The UI's parts that need no browser: the document picker, Markdown export, the shared rebuild, and
the guards against other origins and password guessing."""

from __future__ import annotations

import threading

import pytest

from assistant import Answer, AssistantError, Citation, RebuildCancelled, RebuildReport, Segment
from assistant.types import not_found
from ui import picker
from ui.export import Turn, answer_markdown, conversation_markdown, escape
from ui.rebuilds import RebuildMonitor, RebuildState
from ui.security import LoginLimits, LoginThrottle, origin_of

DOCUMENTS = ["a.txt", "notes/b.md", "notes/old/c.md", "reports/2023.pdf", "reports/2024.pdf"]

# --- the document picker ---------------------------------------------------------------------------


def test_folders_count_every_document_below_them() -> None:
    assert picker.folders(DOCUMENTS) == {"notes/": 2, "notes/old/": 1, "reports/": 2}


def test_choices_list_folders_first_then_documents_matching_every_word_of_the_filter() -> None:
    assert picker.choices(DOCUMENTS, "") == (
        [
            ("notes/ (2 documents)", "notes/"),
            ("notes/old/ (1 document)", "notes/old/"),
            ("reports/ (2 documents)", "reports/"),
            ("a.txt", "a.txt"),
            ("notes/b.md", "notes/b.md"),
            ("notes/old/c.md", "notes/old/c.md"),
            ("reports/2023.pdf", "reports/2023.pdf"),
            ("reports/2024.pdf", "reports/2024.pdf"),
        ],
        8,
    )
    assert picker.choices(DOCUMENTS, "REPORTS 2024") == ([("reports/2024.pdf", "reports/2024.pdf")], 1)


def test_choices_are_cut_to_the_limit_with_the_number_found() -> None:
    shown, found = picker.choices([f"doc{i:03}.txt" for i in range(500)], "doc", limit=200)

    assert (len(shown), found, shown[-1]) == (200, 500, ("doc199.txt", "doc199.txt"))


def test_picked_folders_and_documents_become_the_sources_searched() -> None:
    assert picker.sources([], DOCUMENTS) is None
    assert picker.sources(["notes/", "a.txt"], DOCUMENTS) == ["a.txt", "notes/b.md", "notes/old/c.md"]
    assert picker.sources(["gone.txt", "gone/"], DOCUMENTS) == []


def test_scope_says_how_many_documents_were_searched() -> None:
    assert picker.scope(3, 240) == "searched 3 of 240 documents"


# --- Markdown --------------------------------------------------------------------------------------

CITATIONS = [
    Citation("notes/b.md", 10, 40, 3, 4, "The *keeper* doubted [2] the report.", 0.8),
    Citation("report.pdf", 50, 60, 7, 7, "It snowed.", 0.6, page=2),
]
ANSWER = Answer(
    "who doubted?",
    [Segment("The *keeper* doubted [2] the report.", (1,)), Segment("It snowed.", (2,))],
    True,
    CITATIONS,
    "who doubted the report?",
)


def test_an_answer_copies_as_markdown_with_file_page_lines_and_quote_of_each_citation() -> None:
    assert answer_markdown(Turn("who doubted?", ANSWER, "searched 2 of 9 documents")) == (
        "**Question:** who doubted?\n"
        "*Searched for:* who doubted the report?\n"
        "*Searched 2 of 9 documents.*\n"
        "\n"
        "The \\*keeper\\* doubted \\[2\\] the report. [1] It snowed. [2]\n"
        "\n"
        "[1] `notes/b.md`, lines 3–4\n"
        "> The \\*keeper\\* doubted \\[2\\] the report.\n"
        "\n"
        "[2] `report.pdf`, page 2, line 7\n"
        "> It snowed.\n"
    )


def test_a_code_block_copies_as_a_fenced_block_with_its_mark_after_it() -> None:
    segments = [Segment("Run:", (1,)), Segment("echo `date`\nmake *", (2,)), Segment("It builds.", (1,))]
    answer = Answer("how?", segments, True, CITATIONS, "how?")

    body = answer_markdown(Turn("how?", answer)).split("\n\n")[1:4]

    assert body == ["Run: [1]", "```\necho `date`\nmake *\n```", "[2] It builds. [1]"]
    fenced = Answer("how?", [Segment("a ``` b\nc", (2,))], True, CITATIONS, "how?")
    assert "````\na ``` b\nc\n````\n\n[2]\n" in answer_markdown(Turn("how?", fenced))


def test_a_refusal_and_an_error_copy_as_what_they_are() -> None:
    refused = not_found("who won?", "who won?", [])

    assert answer_markdown(Turn("who won?", refused)) == (
        "**Question:** who won?\n\n**Not found in the documents.** I could not find this in the documents.\n"
    )
    assert answer_markdown(Turn("who?", None, error="the index is being rebuilt")) == (
        "**Question:** who?\n\n**Error:** the index is being rebuilt\n"
    )


def test_markup_in_document_text_is_escaped() -> None:
    assert escape("<img src=x> # _a_ `b` | c\nd") == "\\<img src=x\\> \\# \\_a\\_ \\`b\\` \\| c d"


def test_a_conversation_downloads_as_its_turns_under_a_heading() -> None:
    turns = [Turn("who doubted?", ANSWER), Turn("who?", None, error="failed")]

    document = conversation_markdown(turns)

    head, *parts = document.split("\n---\n\n")
    assert head.startswith("# Conversation with the documents\n\n*Saved ")
    assert parts == [answer_markdown(turn) for turn in turns]


# --- the shared rebuild ----------------------------------------------------------------------------


class SteppedRebuild:
    """A rebuild of `total` documents that waits for the test before each one."""

    def __init__(self, total: int, fail: Exception | None = None) -> None:
        self.total, self.fail = total, fail
        self.step = threading.Semaphore(0)

    def __call__(self, progress: object) -> RebuildReport:
        for done in range(1, self.total + 1):
            self.step.acquire()
            progress(done, self.total)  # type: ignore[operator]
        if self.fail is not None:
            raise self.fail
        return RebuildReport(added=self.total, documents=self.total)


def test_a_rebuild_runs_in_the_background_and_reports_its_progress() -> None:
    rebuild = SteppedRebuild(3)
    monitor = RebuildMonitor(rebuild)

    assert monitor.start(notes=["Added a.txt"]) is True
    assert monitor.start() is False  # one at a time
    rebuild.step.release()
    rebuild.step.release()
    while monitor.state.done < 2:
        threading.Event().wait(0.01)
    running = monitor.state
    rebuild.step.release()
    ended = monitor.wait(10)

    assert (running.running, running.done, running.total, running.number) == (True, 2, 3, 1)
    assert ended == RebuildState(
        number=1,
        done=3,
        total=3,
        started_at=running.started_at,
        notes=("Added a.txt",),
        report=RebuildReport(added=3, documents=3),
    )


def test_a_cancelled_rebuild_ends_as_cancelled() -> None:
    rebuild = SteppedRebuild(3)
    monitor = RebuildMonitor(rebuild)
    monitor.start()

    assert monitor.cancel() is True
    assert monitor.state.cancelling
    rebuild.step.release()
    ended = monitor.wait(10)

    assert (ended.running, ended.cancelled, ended.report, ended.error) == (False, True, None, None)
    assert monitor.cancel() is False


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (AssistantError("corpus folder x does not exist"), "corpus folder x does not exist"),
        (RuntimeError("disk full"), "the rebuild failed: RuntimeError: disk full"),
    ],
)
def test_a_failed_rebuild_ends_with_its_error(error: Exception, shown: str) -> None:
    rebuild = SteppedRebuild(1, fail=error)
    monitor = RebuildMonitor(rebuild)
    monitor.start()
    rebuild.step.release()

    assert monitor.wait(10).error == shown


def test_cancelling_is_a_typed_error_of_the_rebuild() -> None:
    assert issubclass(RebuildCancelled, AssistantError)


# --- the guards ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://LOCALHOST:9999/", "http://localhost:9999"),
        ("https://intranet.example:443", "https://intranet.example"),
        ("http://127.0.0.1:80", "http://127.0.0.1"),
        ("http://[::1]:7860", "http://[::1]:7860"),
    ],
)
def test_origins_are_compared_in_one_spelling(url: str, origin: str) -> None:
    assert origin_of(url) == origin


def test_failed_logins_are_answered_ever_more_slowly_then_refused() -> None:
    throttle = LoginThrottle(LoginLimits(free_failures=2, delay_s=1.0, max_delay_s=5.0, max_failures=6, window_s=60))
    delays, refusals = [], []
    for attempt in range(7):
        delays.append(throttle.delay("10.0.0.1", now=attempt))
        refusals.append(throttle.refused_for("10.0.0.1", now=attempt))
        if not refusals[-1]:
            throttle.failed("10.0.0.1", now=attempt)

    assert delays == [0.0, 0.0, 1.0, 2.0, 4.0, 5.0, 5.0]
    assert refusals == [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 54.0]  # until the first failure leaves the window


def test_failures_count_per_client_expire_and_a_success_clears_them() -> None:
    throttle = LoginThrottle(LoginLimits(free_failures=0, delay_s=1.0, max_failures=2, window_s=60))
    throttle.failed("a", now=0)
    throttle.failed("a", now=1)

    assert throttle.refused_for("a", now=2) == 58.0
    assert throttle.refused_for("b", now=2) == 0.0 and throttle.delay("b", now=2) == 0.0
    assert throttle.refused_for("a", now=61) == 0.0  # the first failure has left the window
    throttle.succeeded("a")
    assert throttle.delay("a", now=3) == 0.0


def test_a_list_item_s_number_or_bullet_opening_document_text_stays_text() -> None:
    from markdown_it import MarkdownIt

    texts = ("1. Download the archive.", "- Keep the receipt.")
    citations = [Citation("steps.md", 0, 24, 1, 1, texts[0], 0.8), Citation("steps.md", 25, 44, 2, 2, texts[1], 0.7)]
    segments = [Segment(texts[0], (1,)), Segment(texts[1], (2,))]
    answer = Answer("what first?", segments, True, citations, "what first?")
    rendered = MarkdownIt().render(answer_markdown(Turn("what first?", answer)))
    assert "<ol" not in rendered and "<ul" not in rendered
    assert "1. Download the archive." in rendered and "- Keep the receipt." in rendered
    assert escape("-1 is kept as it is; so is 1.5") == "-1 is kept as it is; so is 1.5"
