"""Faults in the index folder: damaged files, another version's manifest, a rebuild killed at random."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import Assistant, IndexCorruptError, IndexMismatchError
from tests.conftest import ROOT
from tests.fakes import HashEmbedder
from tests.test_concurrency import FACTS, QUESTIONS, make_bot


def garbage_manifest(index: Path) -> None:
    (index / "manifest.json").write_text("{ this is not json", encoding="utf-8")


def truncated_chunk_records(index: Path) -> None:
    (records,) = index.glob("gen-*/chunks.jsonl")
    data = records.read_bytes()
    records.write_bytes(data[: len(data) // 2])


def chunk_records_cut_at_a_line_end(index: Path) -> None:
    (records,) = index.glob("gen-*/chunks.jsonl")
    lines = records.read_bytes().splitlines(keepends=True)
    records.write_bytes(b"".join(lines[:-1]))


def manifest_of_another_fingerprint(index: Path) -> None:
    manifest = json.loads((index / "manifest.json").read_text())
    manifest["fingerprint"] = "0123456789ab"
    (index / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        (garbage_manifest, IndexCorruptError),
        (truncated_chunk_records, IndexCorruptError),
        (chunk_records_cut_at_a_line_end, IndexCorruptError),
        (manifest_of_another_fingerprint, IndexMismatchError),
    ],
)
def test_damaged_index_is_a_typed_error_saying_to_rebuild_and_rebuild_recovers(
    tmp_path: Path, damage: Callable[[Path], None], error: type[Exception]
):
    bot = make_bot(tmp_path)
    before = [bot.ask(q) for q in QUESTIONS]
    damage(tmp_path / "index")

    with pytest.raises(error, match="assistant rebuild"):
        Assistant(corpus=tmp_path / "corpus", index_dir=tmp_path / "index", embedder=HashEmbedder())

    report = bot.rebuild()
    assert (report.added, report.documents) == (len(FACTS), len(FACTS))
    assert [bot.ask(q) for q in QUESTIONS] == before
    fresh = Assistant(corpus=tmp_path / "corpus", index_dir=tmp_path / "index", embedder=HashEmbedder())
    assert [fresh.ask(q) for q in QUESTIONS] == before


def test_assistant_open_when_the_manifest_is_damaged_raises_the_typed_error_on_its_next_question(tmp_path: Path):
    bot = make_bot(tmp_path)
    garbage_manifest(tmp_path / "index")
    with pytest.raises(IndexCorruptError, match="assistant rebuild"):
        bot.ask(QUESTIONS[0])
    bot.rebuild()
    assert bot.ask(QUESTIONS[0]).grounded


# The embedded Chroma client keeps a store open for the life of the process, so a folder deleted
# under it goes unnoticed by that process; a fresh process, as `assistant ask` is, must notice.
DELETED_CHROMA = """
import json, shutil, sys
sys.path.insert(0, {root!r})
from assistant.errors import AssistantError, IndexPipelineError
from assistant import Assistant
from tests.fakes import HashEmbedder
shutil.rmtree({chroma!r})
try:
    Assistant(corpus={corpus!r}, index_dir={index!r}, embedder=HashEmbedder())
    error = None
except (AssistantError, IndexPipelineError) as exc:
    error = [type(exc).__name__, str(exc)]
from index.build import rebuild
from index.settings import IndexSettings
report = rebuild(IndexSettings(corpus={corpus!r}, index_dir={index!r}), HashEmbedder())
bot = Assistant(corpus={corpus!r}, index_dir={index!r}, embedder=HashEmbedder())
print(json.dumps({{"error": error, "added": report.added, "answer": bot.ask({question!r}).to_dict()}}))
"""


def test_deleted_chroma_folder_is_a_typed_error_saying_to_rebuild_and_rebuild_recovers(tmp_path: Path):
    bot = make_bot(tmp_path)
    before = bot.ask(QUESTIONS[0])
    index, corpus = tmp_path / "index", tmp_path / "corpus"
    script = DELETED_CHROMA.format(
        root=str(ROOT), chroma=str(index / "chroma"), corpus=str(corpus), index=str(index), question=QUESTIONS[0]
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=os.environ)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    kind, message = outcome["error"]
    assert kind == "IndexCorruptError" and "assistant rebuild" in message
    assert outcome["added"] == len(FACTS)
    assert outcome["answer"] == before.to_dict()


# Imports once, then forks a fresh rebuild for every line read; prints the child's pid, then its
# wait status. The embedder sleeps a little per call, so that a rebuild lasts long enough to be
# killed anywhere inside it.
REBUILDER = """
import os, sys
sys.path.insert(0, {root!r})
import chromadb, llama_index.vector_stores.chroma
from index.build import rebuild
from index.settings import IndexSettings
from tests.fakes import HashEmbedder
settings = IndexSettings(corpus={corpus!r}, index_dir={index!r}, ingest_batch_docs=1)
for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            rebuild(settings, HashEmbedder(delay={delay!r}))
        finally:
            os._exit(0)
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""
KILLS = 20
EMBED_DELAY = 0.05  # seconds a call, one call a document
LATEST_KILL = 0.95  # seconds after the rebuild starts
# Each rebuild resumes what the killed ones checkpointed and embeds at most LATEST_KILL /
# EMBED_DELAY = 19 documents more before its kill: with this many, none can finish early.
NEW_DOCUMENTS = 400


def test_rebuild_killed_at_twenty_random_points_leaves_the_old_index_answering_the_same(tmp_path: Path):
    bot = make_bot(tmp_path)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    before = [bot.ask(q) for q in QUESTIONS]
    manifest = (index / "manifest.json").read_bytes()
    for i in range(NEW_DOCUMENTS):
        (corpus / f"later{i}.txt").write_text(f"Later bulletin {i}: the glacier subject{i} retreated.\n")
    (corpus / "market.txt").write_text("The fish market closed for good.\n")

    script = REBUILDER.format(root=str(ROOT), corpus=str(corpus), index=str(index), delay=EMBED_DELAY)
    rebuilder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=os.environ
    )
    assert rebuilder.stdin is not None and rebuilder.stdout is not None
    delays = random.Random(20).uniform  # a fixed seed: the same kill points every run
    try:
        for kill in range(KILLS):
            rebuilder.stdin.write("rebuild\n")
            rebuilder.stdin.flush()
            child = int(rebuilder.stdout.readline())
            time.sleep(delays(0.0, LATEST_KILL))
            os.kill(child, signal.SIGKILL)
            status = int(rebuilder.stdout.readline())
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"kill {kill} came too late"

            assert (index / "manifest.json").read_bytes() == manifest
            reopened = Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder())
            assert [reopened.ask(q) for q in QUESTIONS] == before, f"after kill {kill}"
    finally:
        rebuilder.stdin.close()
        rebuilder.wait(timeout=60)

    report = Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder()).rebuild()
    assert (report.added, report.changed, report.documents) == (NEW_DOCUMENTS, 1, len(FACTS) + NEW_DOCUMENTS)
    assert report.resumed > 0  # what the killed rebuilds embedded was kept
    assert sorted(p.name for p in index.glob("gen-*")) == [f"gen-{report.generation}"]
    after = Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder())
    assert after.ask("glacier subject17 retreated").citations[0].source == "later17.txt"
    assert after.ask("When did the fish market close?").citations[0].quote == "The fish market closed for good."
