"""The chat UI's features for a team's own corpus, in headless Chromium against a served app: the
document picker, feedback, copy and download as Markdown, examples made from the corpus, answers
rendered from their segments, a rebuild seen and cancelled from another tab; and, over HTTP, the
guards against other origins and password guessing.

The corpus is not the seed one: 240 documents (a folder of three reports, two titled documents,
filler) indexed with a hashing embedder, so that building it takes seconds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from assistant import Assistant, AssistantSettings, IndexSettings
from assistant.cli import main
from assistant.examples import corpus_questions
from assistant.feedback import FeedbackLog, question_file
from tests.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder
from tests.test_ui_served import BOT_MESSAGE, ask, screenshot, serving, words
from ui.app import build_app
from ui.chat import Exchange
from ui.export import answer_markdown, conversation_markdown
from ui.security import LoginLimits

REPORTS = {
    "reports/report-north.txt": "The north harbour froze in the second week of January.\n",
    "reports/report-south.txt": "The south harbour froze in the third week of January.\n",
    "reports/report-east.txt": "The east harbour froze in the first week of February.\n",
}
TITLED = {
    "Lighthouse keepers.txt": "Lighthouse keepers tended the lamp through the night [1] and logged every ship.\n",
    "Tide tables.txt": "The tide tables list high and low water for every day of the year.\n",
    "harbour-notes.txt": "The west harbour froze in December, long before the others.\n",
}
FILLER = 240 - len(REPORTS) - len(TITLED)
HARBOUR = "When did the harbour freeze?"


def team_corpus(folder: Path) -> Path:
    docs = {**REPORTS, **TITLED}
    docs |= {f"archive/note{i:03}.txt": f"Archive note {i} records cargo number {i}.\n" for i in range(FILLER)}
    for name, text in docs.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("ui-team")
    index = IndexSettings(corpus=team_corpus(root / "corpus"), index_dir=root / "index")
    return Assistant(settings=AssistantSettings(index=index, rerank=False), embedder=HashEmbedder())


@pytest.fixture(scope="module")
def url(bot: Assistant) -> Iterator[str]:
    with serving(build_app(bot, poll_seconds=0.5)) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@contextmanager
def tab(browser: Browser, address: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=address.rstrip("/"))
    page = context.new_page()
    page.goto(address)
    page.locator("#question textarea").wait_for()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, url: str) -> Iterator[Page]:
    with tab(browser, url) as opened:
        yield opened


def pick(page: Page, filter_text: str, *labels: str) -> None:
    """Open the picker, filter it, and tick the entries with these labels."""
    box = page.locator("#doc-filter textarea")
    if not box.is_visible():
        page.locator("#doc-picker").get_by_text("Search within documents").click()
    expect(page.locator("#doc-scope")).to_contain_text("Searching")  # the page has its document list
    box.fill(filter_text)
    for label in labels:
        page.locator("#doc-pick label", has_text=label).locator("input").check()


# --- the document picker -------------------------------------------------------------------------


@pytest.mark.browser
def test_picking_a_folder_limits_the_search_exactly_as_sources_does(page: Page, bot: Assistant) -> None:
    reports = sorted(REPORTS)
    expected = bot.ask(HARBOUR, sources=reports)
    everywhere = bot.ask(HARBOUR)
    assert {c.source for c in everywhere.citations} - set(reports)  # the premise: all documents answer otherwise

    pick(page, "report")
    expect(page.locator("#doc-pick label")).to_have_text(["reports/ (3 documents)", *reports], use_inner_text=True)
    pick(page, "report", "reports/ (3 documents)")
    expect(page.locator("#doc-scope")).to_have_text("Searching 3 of 240 documents.")
    reply = ask(page, HARBOUR)

    assert words(reply.locator(".answer").inner_text()) == words(expected.text)
    assert reply.locator(".scope").inner_text() == "searched 3 of 240 documents"
    screenshot(page, "picker")


@pytest.mark.browser
def test_picked_documents_add_up_across_filters_and_hold_for_follow_ups(page: Page, bot: Assistant) -> None:
    sources = ["harbour-notes.txt", "reports/report-north.txt"]
    chat = bot.conversation()
    chat.ask(HARBOUR, sources=sources)
    expected = chat.ask("Which one froze in December?", sources=sources)

    pick(page, "north", "reports/report-north.txt")
    pick(page, "notes", "harbour-notes.txt")
    expect(page.locator("#doc-scope")).to_have_text("Searching 2 of 240 documents.")
    ask(page, HARBOUR)
    reply = ask(page, "Which one froze in December?")

    assert words(reply.locator(".answer").inner_text()) == words(expected.text)
    assert reply.locator(".scope").inner_text() == "searched 2 of 240 documents"
    page.locator("#search-all").click()
    expect(page.locator("#doc-scope")).to_have_text("Searching all 240 documents.")
    assert ask(page, HARBOUR).locator(".scope").count() == 0


# --- answers and their actions -------------------------------------------------------------------


@pytest.mark.browser
def test_a_sentence_holding_a_bracketed_number_keeps_it_and_its_link_follows_it(page: Page) -> None:
    reply = ask(page, "Who tended the lamp through the night?")

    sentence = reply.locator(".answer .sentence").first
    assert sentence.inner_text() == TITLED["Lighthouse keepers.txt"].strip()
    assert sentence.evaluate("s => s.nextElementSibling.matches('a.cite') && s.nextElementSibling.textContent") == "[1]"
    assert reply.locator(".answer .sentence a").count() == 0


@pytest.mark.browser
def test_an_answer_is_copied_as_markdown_with_its_citations(page: Page, bot: Assistant) -> None:
    expected = bot.ask(HARBOUR)
    reply = ask(page, HARBOUR)

    reply.get_by_text("Copy as Markdown").click()
    expect(page.locator("#answer-actions .copy-status")).to_have_text("Copied answer 1 and its citations as Markdown.")

    assert page.evaluate("navigator.clipboard.readText()") == answer_markdown(Exchange(HARBOUR, expected))


@pytest.mark.browser
def test_the_conversation_downloads_as_markdown(page: Page, bot: Assistant) -> None:
    chat = bot.conversation()
    turns = [Exchange(q, chat.ask(q)) for q in (HARBOUR, "Who tended the lamp through the night?")]
    for turn in turns:
        ask(page, turn.question)

    expected = conversation_markdown(turns).split("\n---\n\n")[1:]
    # The file is written by the event that follows each answer: on a busy machine the first click
    # may come before it has run for the last answer, so the download is tried again for a while.
    for _ in range(40):
        with page.expect_download() as download:
            page.locator("#download").click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        if len(text.split("\n---\n\n")[1:]) == len(expected):
            break
        page.wait_for_timeout(250)

    assert download.value.suggested_filename.endswith(".md")
    assert text.split("\n---\n\n")[1:] == expected


def test_the_folder_of_downloaded_conversations_goes_with_the_app(bot: Assistant) -> None:
    handlers = build_app(bot).handlers
    folder = handlers.downloads
    (folder / "conversation-1.md").write_text("# Conversation with the documents\n", encoding="utf-8")
    assert handlers.remove_downloads.atexit  # at the latest when the process ends
    handlers.remove_downloads()
    assert not folder.exists()


@pytest.mark.browser
def test_a_thumbs_down_and_a_note_are_kept_beside_the_index_and_exported(
    page: Page, bot: Assistant, tmp_path: Path
) -> None:
    log = FeedbackLog(bot.settings.index.index_dir)
    before = len(log.entries())
    expected = bot.ask(HARBOUR)

    reply = ask(page, HARBOUR)
    reply.get_by_text("Wrong or incomplete").click()
    expect(page.locator(f"{BOT_MESSAGE} a.act.chosen")).to_have_text("Wrong or incomplete")
    note = page.locator("#feedback-note textarea")
    note.fill("the answer is in the east report")
    note.press("Enter")
    expect(page.locator("#feedback-head")).to_have_text("Noted for answer 1. Thank you.")

    entries = log.entries()
    assert len(entries) == before + 1
    kept = entries[-1]
    assert (kept.vote, kept.note, kept.question, kept.query, kept.answer) == (
        "down",
        "the answer is in the east report",
        HARBOUR,
        expected.query,
        expected.text,
    )
    assert [c["source"] for c in kept.citations] == [c.source for c in expected.citations]
    assert kept.generation == bot.reader.manifest.generation
    exported = tmp_path / "failures.json"
    assert main(["feedback", "export", str(exported), "--index", str(bot.settings.index.index_dir)]) == 0
    assert json.loads(exported.read_text())["questions"][-1] == question_file([kept])["questions"][0]
    screenshot(page, "feedback")


# --- examples ------------------------------------------------------------------------------------


@pytest.mark.browser
def test_examples_come_from_this_corpus_and_fill_the_box(page: Page, bot: Assistant) -> None:
    expected = corpus_questions(bot)
    assert expected and not {"who doubted the withdrawal?"} & set(expected)

    examples = page.locator("#examples button")
    expect(examples).to_have_text(expected)
    examples.first.click()
    expect(page.locator("#question textarea")).to_have_value(expected[0])


# --- a rebuild seen from another tab -------------------------------------------------------------


@pytest.mark.browser
def test_a_rebuild_shows_its_progress_in_another_tab_which_can_cancel_it(browser: Browser, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"harbour.txt": "The harbour froze in January.\n"})
    index = IndexSettings(corpus=corpus, index_dir=tmp_path / "index", ingest_batch_docs=1)
    slow = Assistant(settings=AssistantSettings(index=index, rerank=False), embedder=HashEmbedder(delay=0.4))
    before = slow.ask("When did the harbour freeze?")
    write_corpus(corpus, {f"zeppelin{i:02}.txt": f"Zeppelin {i} landed on Monday.\n" for i in range(30)})

    with (
        serving(build_app(slow, poll_seconds=0.3)) as address,
        tab(browser, address) as first,
        tab(browser, address) as second,
    ):
        first.get_by_role("tab", name="Corpus").click()
        second.get_by_role("tab", name="Corpus").click()
        first.locator("#rebuild").click()
        progress = second.locator("#rebuild-report .rebuild-progress")
        expect(progress).to_have_text(re.compile(r"Rebuilding the index: [1-9]\d* of 31 documents"))
        screenshot(second, "rebuild-progress")
        second.locator("#cancel-rebuild").click()
        cancelled = "Rebuild cancelled; the index is as it was before it, and still answers."
        expect(second.locator("#rebuild-report .report-note")).to_have_text(cancelled, timeout=30_000)
        expect(first.locator("#rebuild-report .report-note")).to_have_text(cancelled)
        reply = ask(second, "When did the harbour freeze?")
        assert words(reply.locator(".answer").inner_text()) == words(before.text)

    assert slow.sources() == ["harbour.txt"]


# --- the guards, over HTTP -----------------------------------------------------------------------


def test_requests_from_another_origin_are_refused(url: str) -> None:
    other = {"Origin": "http://localhost:9999"}
    own = {"Origin": url.rstrip("/")}

    assert httpx.get(url + "config", headers=other).status_code == 403
    assert httpx.post(url + "gradio_api/queue/join", headers=other, json={}).status_code == 403
    assert httpx.post(url + "gradio_api/upload", headers=other, files={"files": ("a.txt", b"x")}).status_code == 403
    assert httpx.get(url + "config", headers=own).status_code == 200
    assert httpx.get(url + "config").status_code == 200


def test_an_origin_listed_is_allowed_and_told_so(bot: Assistant) -> None:
    listed = "http://localhost:9999"
    with serving(build_app(bot), allow_origins=[listed]) as address:
        allowed = httpx.get(address + "config", headers={"Origin": listed})
        refused = httpx.get(address + "config", headers={"Origin": "http://localhost:9998"})

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == listed
    assert allowed.headers["access-control-allow-credentials"] == "true"
    assert refused.status_code == 403


def test_failed_logins_are_limited_per_client(bot: Assistant) -> None:
    limits = LoginLimits(free_failures=1, delay_s=0.05, max_failures=3, window_s=600)
    with serving(build_app(bot), auth=("reader", "s3cret"), login_limits=limits) as address:
        failures = [
            httpx.post(address + "login", data={"username": "reader", "password": f"guess{i}"}).status_code
            for i in range(3)
        ]
        refused = httpx.post(address + "login", data={"username": "reader", "password": "s3cret"})

    assert failures == [400, 400, 400]
    assert refused.status_code == 429
    assert re.fullmatch(r"too many failed logins; try again in (5\d\d|600) s", refused.json()["detail"])
    assert 500 < int(refused.headers["retry-after"]) <= 601
