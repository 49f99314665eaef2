"""The chat UI served for real: its API from a Gradio client, its pages in headless Chromium.

One Assistant over a temporary corpus (the seed documents plus a document full of markup) serves
every test, so the embedding model loads once. Browser tests drive Debian's /usr/bin/chromium
(installed by scripts/ensure-chromium.sh) and leave screenshots in artifacts/ui/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import gradio as gr
import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError, AuthenticationError
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from assistant import NOT_FOUND, Assistant, AssistantSettings, IndexSettings
from tests.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder
from ui.app import MISSION_QUESTION, _Handlers, build_app, launch
from ui.render import rebuild_status_html

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
ARTIFACTS = Path(os.environ.get("ASSISTANT_ARTIFACTS", REPO / "artifacts")) / "ui"
OFF_CORPUS = "Who won the 2018 football World Cup?"
UPLOAD_LIMIT = 64 * 1024

# Every line that could run code if it were rendered as HTML, markdown or a template sets
# window.__xss; the tests ask questions whose answers quote these lines.
MARKUP_DOCUMENT = """Harbour lighthouse maintenance log.

In the spring of 1921 the keeper repainted the lantern room in bright red paint <script>window.__xss = 'script'</script> after the winter storms.

The keeper replaced the brass foghorn <img src=x onerror="window.__xss = 'img'"> because salt water had cracked it.

The storm of 1922 is described in the [keeper's diary](javascript:window.__xss='link') and in the harbour master's letters ${window.__xss = 'template'} {{constructor.constructor('window.__xss = 1')()}}.
"""  # noqa: E501 (each sentence on one line, as a log would have it)
MARKUP_QUESTIONS = {
    "What colour did the keeper paint the lantern room?": "<script>window.__xss = 'script'</script>",
    "Why was the foghorn replaced?": "<img src=x onerror=\"window.__xss = 'img'\">",
    "Where is the storm of 1922 described?": "[keeper's diary](javascript:window.__xss='link')",
}


# The README's example, run as written against the served app (only the address differs).
def _readme_example() -> str:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### From other programs", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


README_EXAMPLE = _readme_example()

BOT_MESSAGE = '#chat [data-testid="bot"]'


# --- fixtures ------------------------------------------------------------------------------------


def _copy_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    return folder


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("ui-served")
    corpus = _copy_seeds(root / "corpus")
    (corpus / "lighthouse-log.txt").write_text(MARKUP_DOCUMENT, encoding="utf-8")
    return Assistant(corpus=corpus, index_dir=root / "index")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(app: gr.Blocks, **options: object) -> Iterator[str]:
    port = _free_port()
    launch(app, port=port, prevent_thread_lock=True, quiet=True, **options)  # type: ignore[arg-type]
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


@pytest.fixture(scope="session")
def url(bot: Assistant) -> Iterator[str]:
    with serving(build_app(bot, max_upload_bytes=UPLOAD_LIMIT), max_upload_bytes=UPLOAD_LIMIT) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no browser at {CHROMIUM}; run 'sh scripts/ensure-chromium.sh'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@contextmanager
def opened(browser: Browser, address: str) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page (so a fresh chat session) on `address`, and the messages of any dialog it opens."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(address)
    page.locator("#question textarea").wait_for()
    try:
        yield page, dialogs
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, url: str) -> Iterator[Page]:
    with opened(browser, url) as (page, dialogs):
        yield page
        assert dialogs == []


# How long a reply may take to show: these tests check what the reply shows, never how fast it came
# (a machine busy with other work took over Playwright's default 30 s for one reply).
REPLY_WAIT_MS = 120_000


def ask(page: Page, question: str) -> Locator:
    """Type `question`, press Enter, and return the reply once it is complete."""
    before = page.locator(BOT_MESSAGE).count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    reply = page.locator(BOT_MESSAGE).nth(before)
    reply.locator(".answer-sources, .not-found, .error").wait_for(timeout=REPLY_WAIT_MS)
    return reply


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def words(text: str) -> str:
    return " ".join(text.split())


# --- the API -------------------------------------------------------------------------------------


def test_readme_gradio_client_example_prints_the_cited_answer(bot: Assistant, url: str) -> None:
    script = README_EXAMPLE.replace("http://127.0.0.1:7860/", url)
    expected = bot.ask(MISSION_QUESTION)

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)

    lines = [expected.text] + [
        f"[{n}] {c.source}:{c.line_start}-{c.line_end}  {c.quote}" for n, c in enumerate(expected.citations, start=1)
    ]
    first, *printed = done.stdout.splitlines()
    assert first.startswith(f"Loaded as API: {url}")  # the client's own greeting
    assert printed == lines


def test_api_returns_the_answer_and_its_citations_as_json(bot: Assistant, url: str) -> None:
    client = Client(url, verbose=False)

    assert client.predict(MISSION_QUESTION, api_name="/ask") == bot.ask(MISSION_QUESTION).to_dict()
    assert client.predict(OFF_CORPUS, api_name="/ask") == {
        "question": OFF_CORPUS,
        "text": NOT_FOUND,
        "segments": [{"text": NOT_FOUND, "citations": []}],
        "grounded": False,
        "citations": [],
        "query": OFF_CORPUS,
        "notices": ["The documents never mention 'World Cup'."],
        "mode": "extractive",
    }


def test_api_searches_only_the_documents_listed(bot: Assistant, url: str) -> None:
    client = Client(url, verbose=False)

    answer = client.predict("Why was the foghorn replaced?", ["lighthouse-log.txt"], api_name="/ask")

    assert answer == bot.ask("Why was the foghorn replaced?", sources=["lighthouse-log.txt"]).to_dict()
    assert {c["source"] for c in answer["citations"]} == {"lighthouse-log.txt"}


def test_api_reports_an_empty_question_as_an_error(url: str) -> None:
    client = Client(url, verbose=False)

    with pytest.raises(AppError, match="the question is empty; type a question about the documents"):
        client.predict("   ", api_name="/ask")


def test_api_lists_only_the_ask_endpoint(url: str) -> None:
    info = Client(url, verbose=False).view_api(print_info=False, return_format="dict")

    assert info is not None
    assert list(info["named_endpoints"]) == ["/ask"] and info["unnamed_endpoints"] == {}


@pytest.mark.parametrize(
    "path",
    [
        "gradio_api/file=/etc/passwd",
        "gradio_api/file=%2Fetc%2Fpasswd",
        "gradio_api/file=../../../../etc/passwd",
        "gradio_api/file=pyproject.toml",
        "file=/etc/passwd",
        "static/../../../etc/passwd",
        "assets/..%2F..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_files_outside_the_app_are_not_served(url: str, path: str) -> None:
    response = httpx.get(url + path)

    assert response.status_code in (403, 404)
    assert "root:" not in response.text and "[project]" not in response.text


def test_the_index_and_corpus_files_are_not_served_either(bot: Assistant, url: str) -> None:
    for path in [bot.settings.index.index_dir / "manifest.json", bot.settings.index.corpus / "lighthouse-log.txt"]:
        response = httpx.get(f"{url}gradio_api/file={path.resolve()}")
        assert response.status_code == 403, path


def test_uploads_over_the_limit_are_refused_by_the_server(url: str) -> None:
    too_big = {"files": ("big.txt", b"x" * (UPLOAD_LIMIT + 1), "text/plain")}

    response = httpx.post(url + "gradio_api/upload", files=too_big)

    assert response.status_code == 413


def test_with_credentials_the_app_answers_only_after_login(bot: Assistant) -> None:
    with serving(build_app(bot), auth=("reader", "s3cret")) as address:
        assert httpx.get(address + "config").status_code == 401
        with pytest.raises(AuthenticationError, match="credentials were not provided"):
            Client(address, verbose=False)
        with pytest.raises(ValueError, match="Could not login"):
            Client(address, auth=("reader", "wrong"), verbose=False)
        client = Client(address, auth=("reader", "s3cret"), verbose=False)
        assert client.predict(MISSION_QUESTION, api_name="/ask")["grounded"] is True


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_mission_question_is_the_first_example_and_fills_the_box(page: Page) -> None:
    examples = page.locator("#examples button")

    expect(examples.first).to_have_text(MISSION_QUESTION)
    examples.first.click()
    expect(page.locator("#question textarea")).to_have_value(MISSION_QUESTION)


@pytest.mark.browser
def test_mission_answer_cites_and_its_first_citation_opens_highlighted(page: Page, bot: Assistant) -> None:
    expected = bot.ask(MISSION_QUESTION)
    first = expected.citations[0]
    span = bot.source_text(first.source)[first.start : first.end]

    reply = ask(page, MISSION_QUESTION)
    assert words(reply.locator(".answer").inner_text()) == words(expected.text)
    reply.locator(".answer a.cite", has_text="[1]").click()
    marks = page.locator("#citation mark")
    marks.first.wait_for()

    assert "".join(marks.all_inner_texts()) == "".join(span.split("\n"))
    lines = f"lines {first.line_start}\u2013{first.line_end}" if first.line_end > first.line_start else "line"
    assert page.locator("#citation .passage-head").inner_text().startswith(f"[1] {first.source}, {lines}")
    assert page.locator("#citation .ln").count() > first.line_end - first.line_start + 1  # context around it
    screenshot(page, "mission-citation")


@pytest.mark.browser
def test_off_corpus_question_shows_the_not_found_state(page: Page) -> None:
    reply = ask(page, OFF_CORPUS)

    assert words(reply.locator(".not-found").inner_text()) == words(
        f"Not found in the documents {NOT_FOUND} Try other words, or add documents in the Corpus tab."
    )
    assert reply.locator(".answer").count() == 0 and reply.locator("a.cite").count() == 0
    screenshot(page, "not-found")


@pytest.mark.browser
def test_follow_up_question_shows_the_query_it_was_rewritten_to(page: Page, bot: Assistant) -> None:
    conversation = bot.conversation()
    conversation.ask("Who is Ruslan Leviev?")
    expected = conversation.ask("What did he say about the troops from Crimea?")
    assert expected.query != expected.question  # the premise: this follow-up is rewritten

    ask(page, "Who is Ruslan Leviev?")
    ask(page, "What did he say about the troops from Crimea?")

    notes = page.locator("#chat [data-testid='user'] .query-note")
    expect(notes).to_have_count(1)  # none under the first question, which stands alone
    expect(notes).to_have_text(f"searched for: {expected.query}")
    screenshot(page, "follow-up")


@pytest.mark.browser
def test_markup_in_a_document_stays_plain_text_everywhere(browser: Browser, url: str, bot: Assistant) -> None:
    with opened(browser, url) as (page, dialogs):
        for question, markup in MARKUP_QUESTIONS.items():
            reply = ask(page, question)
            assert markup in reply.locator(".answer").inner_text()
            reply.locator(".answer a.cite").first.click()
            page.locator("#citation mark").first.wait_for()
            assert markup in page.locator("#citation").inner_text()
        page.get_by_role("button", name="Show the whole document").click()
        page.locator("#source-view mark").first.wait_for()
        shown = page.locator("#source-view .tx").all_inner_texts()

        assert shown == bot.source_text("lighthouse-log.txt").split("\n")
        assert page.evaluate("window.__xss") is None
        assert page.locator("script:not([src])").filter(has_text="__xss").count() == 0
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert dialogs == []
        screenshot(page, "markup-inert")


@pytest.mark.browser
def test_clearing_the_conversation_starts_afresh(page: Page) -> None:
    ask(page, MISSION_QUESTION).locator("a.cite").first.click()
    page.locator("#citation mark").first.wait_for()

    page.locator("#clear").click()

    expect(page.locator(BOT_MESSAGE)).to_have_count(0)
    expect(page.locator("#citation mark")).to_have_count(0)
    reply = ask(page, MISSION_QUESTION)
    assert reply.locator("a.cite").first.get_attribute("href") == "#cite-0-1"


@pytest.mark.browser
def test_source_viewer_shows_a_whole_document_chosen_from_the_list(page: Page, bot: Assistant) -> None:
    page.get_by_role("tab", name="Source viewer").click()
    page.locator("#source-pick input").click()
    page.get_by_role("option", name="lighthouse-log.txt").click()

    page.locator("#source-view .line").first.wait_for()

    assert page.locator("#source-view .tx").all_inner_texts() == bot.source_text("lighthouse-log.txt").split("\n")
    assert page.locator("#source-view mark").count() == 0


@pytest.mark.browser
def test_corpus_panel_counts_documents_and_rebuild_reports_nothing_changed(page: Page, bot: Assistant) -> None:
    page.get_by_role("tab", name="Corpus").click()

    expect(page.locator("#corpus-stats .n-docs")).to_have_text(str(len(bot.sources())))
    expect(page.locator("#corpus-stats .n-chunks")).to_have_text(str(bot.reader.manifest.chunks))
    page.locator("#rebuild").click()
    summary = page.locator("#rebuild-report .report-summary")
    summary.wait_for()
    assert summary.inner_text().startswith(f"0 added, 0 changed, 0 removed, {len(bot.sources())} unchanged")
    assert page.locator("#rebuild-report .report-title").inner_text().startswith("Index already up to date")


@pytest.mark.browser
def test_uploaded_document_is_indexed_and_answers_questions(browser: Browser, bot: Assistant, tmp_path: Path) -> None:
    own = Assistant(corpus=_copy_seeds(tmp_path / "corpus"), index_dir=tmp_path / "index", embedder=bot.embedder)
    upload = tmp_path / "upload" / "tide-tables.md"
    upload.parent.mkdir()
    upload.write_text("# Tide tables\n\nThe harbour master revised the tide tables in 1923.\n", encoding="utf-8")

    with serving(build_app(own)) as address, opened(browser, address) as (page, _):
        page.get_by_role("tab", name="Corpus").click()
        expect(page.locator("#corpus-stats .n-docs")).to_have_text("1")
        page.locator("#upload input[type=file]").set_input_files(str(upload))
        page.locator("#rebuild-report .report-summary").wait_for(timeout=60_000)

        expect(page.locator("#rebuild-report .report-note")).to_have_text("Added tide-tables.md")
        expect(page.locator("#corpus-stats .n-docs")).to_have_text("2")
        assert (tmp_path / "corpus" / "tide-tables.md").read_bytes() == upload.read_bytes()
        screenshot(page, "upload")
        reply = ask(page, "When were the tide tables revised?")
        assert "tide-tables.md" in reply.locator(".answer-sources").inner_text()


@pytest.mark.browser
def test_upload_over_the_limit_is_refused_with_a_message(page: Page, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * UPLOAD_LIMIT, encoding="utf-8")
    page.get_by_role("tab", name="Corpus").click()

    page.locator("#upload input[type=file]").set_input_files(str(big))

    toast = page.get_by_text("exceed the maximum allowed size")
    toast.wait_for()
    assert '"big.txt"' in toast.inner_text()


def test_answers_keep_coming_through_a_rebuild_and_then_come_from_the_new_index(tmp_path: Path) -> None:
    import threading

    from tests.fakes import HashEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text("The harbour froze in January.\n")
    shared = Assistant(corpus=corpus, index_dir=tmp_path / "index", embedder=HashEmbedder(delay=0.05))
    with serving(build_app(shared)) as address:
        client = Client(address, verbose=False)
        failures: list[BaseException] = []
        answers: list[dict] = []  # type: ignore[type-arg]
        stop = threading.Event()

        def keep_asking() -> None:
            own = Client(address, verbose=False)
            while not stop.is_set():
                try:
                    answers.append(own.predict("What happened to the zeppelin?", api_name="/ask"))
                except BaseException as exc:  # any failure at all is what this test looks for
                    failures.append(exc)

        askers = [threading.Thread(target=keep_asking) for _ in range(2)]
        for asker in askers:
            asker.start()
        try:
            deadline = time.monotonic() + 60
            while len(answers) < 4 and time.monotonic() < deadline and not failures:
                time.sleep(0.1)
            before = len(answers)
            (corpus / "zeppelin.txt").write_text("The zeppelin landed at the harbour on Monday.\n")

            def hold(done: int, total: int) -> None:
                # The rebuild stays open, its new generation half written, until two more answers came.
                until = time.monotonic() + 30
                while len(answers) < before + 2 and time.monotonic() < until and not failures:
                    time.sleep(0.05)

            report = shared.rebuild(progress=hold)
            during = len(answers) - before
        finally:
            stop.set()
            for asker in askers:
                asker.join(timeout=60)
        assert report.added == 1
        assert failures == []
        assert before >= 4 and during >= 2, (before, during)
        after = client.predict("What happened to the zeppelin?", api_name="/ask")
        assert after["citations"][0]["source"] == "zeppelin.txt"


def test_a_rebuilds_end_a_tick_showed_before_a_clicks_answer_landed_is_shown_again(tmp_path: Path) -> None:
    """A click's answer goes through the queue and a tick's does not, so "Cancelling the
    rebuild…" can land after a tick showed the rebuild's end; the next tick shows the end again."""
    corpus = write_corpus(tmp_path / "corpus", {"harbour.txt": "The harbour froze in January.\n"})
    index = IndexSettings(corpus=corpus, index_dir=tmp_path / "index")
    handlers = _Handlers(Assistant(settings=AssistantSettings(index=index), embedder=HashEmbedder()), 10**6, None)
    handlers.rebuilds.start()
    ended = handlers.rebuilds.wait(timeout=60)
    assert not ended.running

    *_, seen = handlers.refresh(None, "", [])  # a tick shows the end of the rebuild
    assert handlers.refresh(seen, "", [])[0] == gr.skip()  # and the next has nothing new to show
    _, _, seen = handlers.cancel(seen)  # the click's answer lands after them
    assert handlers.refresh(seen, "", [])[0] == rebuild_status_html(ended)
