from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def write_corpus(folder: Path, docs: dict[str, str]) -> Path:
    """A corpus folder holding `docs` (file name -> text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def many_docs(corpus: Path, count: int) -> None:
    """`count` short documents, doc00.txt ..., each naming its own creature and finding."""
    corpus.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (corpus / f"doc{i:02}.txt").write_text(f"Paper {i} studies creature{i}. Its second finding is finding{i}.\n")


def _loopback(address: object) -> bool:
    if isinstance(address, str | bytes):
        return True  # a Unix socket path
    if not (isinstance(address, tuple) and address):
        return False
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """The whole test session fails on any connection to a non-loopback address."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guard(address: object) -> None:
        if not _loopback(address):
            raise AssertionError(f"test tried to reach the network: {address!r}")

    def connect(self: socket.socket, address: object) -> None:
        guard(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        guard(address)
        return real_connect_ex(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex  # type: ignore[method-assign]


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A private copy of the shipped corpus."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


@pytest.fixture(scope="session")
def real_embedder():
    """The default embedder: bge-small-en-v1.5 on onnxruntime."""
    from index.embed import make_embedder
    from index.settings import IndexSettings

    embedder = make_embedder(IndexSettings())
    embedder.embed(["warm up"], kind="query")
    return embedder


@pytest.fixture(scope="session")
def st_embedder():
    """all-MiniLM-L6-v2 through sentence-transformers, the embedder for models a user names."""
    from index.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.warm()
    return embedder


@pytest.fixture(scope="session")
def seeds_bot(tmp_path_factory: pytest.TempPathFactory, real_embedder):
    """An Assistant over a copy of seeds/ with the real model, built once for the session."""
    from assistant import Assistant

    base = tmp_path_factory.mktemp("seeds-bot")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    return Assistant(corpus=corpus, index_dir=base / "index", embedder=real_embedder)
