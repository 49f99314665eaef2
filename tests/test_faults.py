"""Faults in the index folder: damaged files, another version's manifest, a rebuild killed at random."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=os.environ
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    kind, message = outcome["error"]
    assert kind == "IndexCorruptError" and "assistant rebuild" in message
    assert outcome["added"] == len(FACTS)
    assert outcome["answer"] == before.to_dict()
