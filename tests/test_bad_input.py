"""Questions and corpus files that are empty, huge, binary, mis-encoded, unreadable or repeated."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import (
    Assistant,
    AssistantSettings,
    CorpusNotFoundError,
    EmptyQuestionError,
    IndexSettings,
)
from assistant import RebuildReport as Report
from index.build import rebuild
from index.loaders import scan
from tests.answers import quote_verifies, well_formed
from tests.fakes import HashEmbedder

HARBOUR = "The harbour froze in January. Fishing boats stayed in port for six weeks.\n"
LIGHTHOUSE = "The lighthouse keeper painted the lantern room red. He replaced the brass foghorn in May.\n"


def index_corpus(tmp_path: Path, files: dict[str, bytes], max_file_bytes: int = 10**6) -> tuple[Assistant, Report]:
    """An Assistant over `files` (name -> bytes) and the report of the rebuild that indexed them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    index = IndexSettings(corpus=corpus, index_dir=tmp_path / "index", max_file_bytes=max_file_bytes)
    embedder = HashEmbedder()
    report = rebuild(index, embedder)
    return Assistant(settings=AssistantSettings(index=index, build_if_missing=False), embedder=embedder), report


@pytest.fixture
def bot(tmp_path: Path) -> Assistant:
    return index_corpus(tmp_path, {"harbour.txt": HARBOUR.encode(), "lighthouse.txt": LIGHTHOUSE.encode()})[0]


# --- questions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["\x00\x07\x1b", "\u2028\u2029", "\ud800\udfff", " \x00 \t\ud83d "])
def test_question_of_only_control_characters_or_surrogates_is_an_empty_question(bot: Assistant, question: str):
    with pytest.raises(EmptyQuestionError, match="empty"):
        bot.ask(question)


def test_control_characters_and_lone_surrogates_in_a_question_are_read_as_spaces(bot: Assistant):
    answer = bot.ask("When\x00 did the\x1b harbour\ud800 freeze?\x7f")
    assert answer == bot.ask("When did the harbour freeze?")
    assert json.dumps(answer.to_dict(), ensure_ascii=False).encode("utf-8")


def test_question_of_100000_characters_is_cut_with_a_notice(bot: Assistant):
    limit = bot.settings.max_question_chars
    answer = bot.ask("harbour " * 12_500)
    assert len(answer.question) == len(answer.query) == limit
    assert answer.notices == [f"The question was cut to its first {limit} characters."]
    assert answer.citations and answer.citations[0].source == "harbour.txt"


# Any characters at all, lone surrogates included; and runs of the corpus's own words, which get answers.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=300)
CORPUS_WORDS = st.lists(st.sampled_from(HARBOUR.split() + LIGHTHOUSE.split()), max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=ANY_TEXT | CORPUS_WORDS)
def test_any_question_gets_a_well_formed_answer_or_the_empty_question_error(bot: Assistant, question: str):
    try:
        answer = bot.ask(question)
    except EmptyQuestionError:
        assert not "".join(ch for ch in question if ch.isprintable()).strip()
        return
    assert well_formed(bot, answer)
    assert all(quote_verifies(bot, c) for c in answer.citations)


# --- corpus files --------------------------------------------------------------------------------


def test_zero_byte_file_is_skipped_with_a_warning(tmp_path: Path):
    bot, report = index_corpus(tmp_path, {"empty.txt": b"", "harbour.txt": HARBOUR.encode()})
    assert report.warnings == ["skipped empty.txt: the file is empty"]
    assert bot.sources() == ["harbour.txt"]


def test_binary_file_named_txt_is_skipped_with_a_warning(tmp_path: Path):
    bot, report = index_corpus(tmp_path, {"photo.txt": bytes(range(256)) * 40, "harbour.txt": HARBOUR.encode()})
    assert report.warnings == ["skipped photo.txt: it looks like a binary file, not text"]
    assert bot.sources() == ["harbour.txt"]


def test_latin1_file_is_indexed_with_a_warning_and_its_citations_index_the_decoded_text(tmp_path: Path):
    text = "Le caf\xe9 du port servait une cr\xe8me br\xfbl\xe9e chaque dimanche.\n"
    bot, report = index_corpus(tmp_path, {"caf\xe9.txt": text.encode("latin-1")})
    assert report.warnings == ["caf\xe9.txt: not valid UTF-8; decoded as Windows-1252"]
    assert bot.source_text("caf\xe9.txt") == text
    (citation,) = bot.ask("crème brûlée du café").citations
    assert text[citation.start : citation.end] == text.strip()
    assert quote_verifies(bot, citation)


def test_windows_line_ends_and_byte_order_mark_leave_citations_where_python_reads_the_file(tmp_path: Path):
    text = "The harbour froze in January.\r\nFishing boats stayed in port for six weeks.\r\n"
    bot, report = index_corpus(tmp_path, {"winter.txt": b"\xef\xbb\xbf" + text.encode()})
    assert report.warnings == []
    as_read = (tmp_path / "corpus" / "winter.txt").open(encoding="utf-8").read()
    assert bot.source_text("winter.txt")[1:] == as_read[1:] == text.replace("\r\n", "\n")
    (citation,) = bot.ask("How long did the fishing boats stay in port?").citations
    assert as_read[citation.start : citation.end] == "Fishing boats stayed in port for six weeks."
    assert quote_verifies(bot, citation)


def test_file_over_the_size_limit_is_skipped_with_a_warning(tmp_path: Path):
    big = HARBOUR.encode() * 40
    bot, report = index_corpus(tmp_path, {"big.txt": big, "lighthouse.txt": LIGHTHOUSE.encode()}, max_file_bytes=1000)
    assert report.warnings == [f"skipped big.txt: {len(big)} bytes is over the limit of 1000"]
    assert bot.sources() == ["lighthouse.txt"]


def test_symlink_to_a_file_outside_the_corpus_is_not_followed(tmp_path: Path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("The vault code is kept under the harbour stones.\n")
    (tmp_path / "corpus").mkdir()
    os.symlink(secret, tmp_path / "corpus" / "link.txt")
    bot, report = index_corpus(tmp_path, {"lighthouse.txt": LIGHTHOUSE.encode()})
    assert report.warnings == ["skipped link.txt: symbolic link to a file outside the corpus"]
    assert bot.sources() == ["lighthouse.txt"]
    assert all("vault" not in c.quote for c in (e.citation for e in bot.search("vault code harbour stones")))


def test_missing_corpus_folder_is_a_typed_error_from_the_assistant(tmp_path: Path):
    with pytest.raises(CorpusNotFoundError, match="does not exist"):
        Assistant(corpus=tmp_path / "nowhere", index_dir=tmp_path / "index", embedder=HashEmbedder())
    assert not (tmp_path / "index" / "manifest.json").exists()


def _scan_unprivileged(corpus: Path) -> tuple[list[str], list[str]]:
    """scan() run by a user who cannot read what only its owner may read. As root, whom file
    modes do not stop, that is a forked child that has given up root for the user nobody."""
    if os.geteuid() != 0:
        files, warnings = scan(corpus, 10**6)
        return [f.source for f in files], warnings
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (runs in the child)
        status = 1
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            files, warnings = scan(corpus, 10**6)
            os.write(write_end, json.dumps([[f.source for f in files], warnings]).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    sources, warnings = json.loads(data)
    return sources, warnings


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder that any user may enter (pytest's own are private to their owner)."""
    with tempfile.TemporaryDirectory(prefix="assistant-test-") as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


def test_file_without_read_permission_is_skipped_with_a_warning(shared_tmp: Path):
    corpus = shared_tmp / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(HARBOUR)
    (corpus / "locked.txt").write_text(LIGHTHOUSE)
    (corpus / "locked.txt").chmod(0)
    sources, warnings = _scan_unprivileged(corpus)
    assert sources == ["harbour.txt"]
    assert warnings == ["skipped locked.txt: Permission denied"]


def test_same_content_under_two_names_is_never_cited_twice_in_one_answer(tmp_path: Path):
    bot, _ = index_corpus(
        tmp_path,
        {"harbour.txt": HARBOUR.encode(), "copy of harbour.txt": HARBOUR.encode(), "lamp.txt": LIGHTHOUSE.encode()},
    )
    questions = ["When did the harbour freeze?", "How long did the boats stay in port?", "harbour boats lantern froze"]
    for question in questions:
        answer = bot.ask(question)
        quotes = [c.quote for c in answer.citations]
        assert quotes and len(quotes) == len(set(quotes)), answer
    evidence = [e.citation.quote for e in bot.search("harbour froze boats port")]
    assert len(evidence) == len(set(evidence))
