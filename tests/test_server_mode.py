"""The same index and answers through a Chroma server (client/server mode) instead of the embedded store."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Assistant, IndexSettings, StoreUnavailableError
from index.build import rebuild
from index.store import chroma_client
from tests.conftest import SEEDS, many_docs
from tests.fakes import FailingEmbedder, HashEmbedder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    """A real `chroma run` server on loopback with its store under `data`, once it answers."""
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.fail(f"the chroma command is missing next to {sys.executable}; run 'make install'")
    port = free_port()
    log = (data / "server.log").open("w")
    server = subprocess.Popen(
        [str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data / "db")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            chroma_client(IndexSettings(chroma_url=url)).heartbeat()
            break
        except Exception:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"chroma server did not start: {(data / 'server.log').read_text()[-2000:]}")
            time.sleep(0.2)
    log.close()
    return server, url


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory):
    """A server shared by this module's tests."""
    server, url = start_server(tmp_path_factory.mktemp("chroma-server"))
    yield url
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def write_docs(corpus: Path) -> None:
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text("The zeppelin landed in the harbour at dawn.\n")
    (corpus / "b.txt").write_text("The armadillo crossed the road at noon.\n")


def test_rebuild_and_answers_go_through_the_server(chroma_url: str, tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    write_docs(corpus)
    settings = IndexSettings(corpus=corpus, index_dir=index, chroma_url=chroma_url)
    report = rebuild(settings, HashEmbedder())
    assert (report.added, report.chunks) == (2, 2)
    assert not (index / "chroma").exists()
    bot = Assistant(corpus=corpus, index_dir=index, chroma_url=chroma_url, embedder=HashEmbedder())
    assert bot.reader.collection.count() == 2
    assert bot.ask("Where did the zeppelin land?").citations[0].source == "a.txt"


def test_incremental_rebuild_replaces_the_collection_on_the_server(chroma_url: str, tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    write_docs(corpus)
    settings = IndexSettings(corpus=corpus, index_dir=index, chroma_url=chroma_url)
    rebuild(settings, HashEmbedder())
    (corpus / "b.txt").unlink()
    report = rebuild(settings, HashEmbedder())
    assert (report.removed, report.unchanged) == (1, 1)
    bot = Assistant(corpus=corpus, index_dir=index, chroma_url=chroma_url, embedder=HashEmbedder())
    prefix = f"a{bot.reader.manifest.store_id}_"
    names = [c.name for c in chroma_client(settings).list_collections() if c.name.startswith(prefix)]
    assert names == [bot.reader.manifest.collection]
    assert bot.reader.collection.count() == 1


def test_a_rebuild_interrupted_through_the_server_is_resumed_with_one_collection(chroma_url: str, tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    many_docs(corpus, 6)
    settings = IndexSettings(corpus=corpus, index_dir=index, chroma_url=chroma_url, ingest_batch_docs=2)
    with pytest.raises(RuntimeError):
        rebuild(settings, FailingEmbedder(fail_on=5))  # one call per document: four were checkpointed
    embedder = HashEmbedder()
    report = rebuild(settings, embedder)
    assert (report.resumed, report.documents) == (4, 6) and "creature1" not in " ".join(embedder.seen)
    bot = Assistant(corpus=corpus, index_dir=index, chroma_url=chroma_url, embedder=HashEmbedder())
    prefix = f"a{bot.reader.manifest.store_id}_"
    names = [c.name for c in chroma_client(settings).list_collections() if c.name.startswith(prefix)]
    assert names == [bot.reader.manifest.collection] and bot.reader.collection.count() == 6
    assert "creature1" in bot.ask("Which paper studies creature1?").text


@pytest.mark.model
def test_mission_question_through_the_server_cites_verified_spans(chroma_url: str, tmp_path: Path, real_embedder):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", chroma_url=chroma_url, embedder=real_embedder)
    answer = bot.ask("who doubted the withdrawal?")
    assert "Zelenskiy" in answer.text and any(n in answer.text for n in ("Stoltenberg", "Leviev", "Muzyka"))
    for c in answer.citations:
        raw = (corpus / c.source).read_text(encoding="utf-8")[c.start : c.end]
        assert c.quote.split()[0] in raw and c.quote.split()[-1] in raw


def test_unreachable_server_is_a_clear_error_within_seconds(tmp_path: Path):
    corpus = tmp_path / "c"
    write_docs(corpus)
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError, match="did not answer"):
        rebuild(
            IndexSettings(corpus=corpus, index_dir=tmp_path / "i", chroma_url=f"http://127.0.0.1:{free_port()}"),
            HashEmbedder(),
        )
    assert time.monotonic() - started < 30


def test_server_that_stops_while_serving_gives_a_clear_error_not_a_hang(tmp_path: Path):
    corpus = tmp_path / "c"
    write_docs(corpus)
    (tmp_path / "server").mkdir()
    server, url = start_server(tmp_path / "server")
    try:
        bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", chroma_url=url, embedder=HashEmbedder())
        assert bot.ask("Where did the zeppelin land?").grounded
    finally:
        server.kill()
        server.wait()
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError, match="did not answer"):
        bot.ask("Where did the zeppelin land?")
    assert time.monotonic() - started < 30
