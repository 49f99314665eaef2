"""A rebuild stopped by its progress callback: the index stays as it was, and the next rebuild
takes what the stopped one embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, AssistantSettings, IndexSettings
from index.build import rebuild
from index.errors import RebuildCancelled
from tests import pathological
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder

HARBOUR = {"harbour.txt": "The harbour froze in January.\n"}


def settings(tmp_path: Path, **fields: object) -> IndexSettings:
    return IndexSettings(corpus=tmp_path / "corpus", index_dir=tmp_path / "index", **fields)  # type: ignore[arg-type]


def test_a_cancelled_rebuild_leaves_the_previous_index_answering(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", HARBOUR)
    index = settings(tmp_path, ingest_batch_docs=1)
    rebuild(index, HashEmbedder())
    bot = Assistant(settings=AssistantSettings(index=index, rerank=False), embedder=HashEmbedder())
    before = bot.ask("When did the harbour freeze?")
    write_corpus(tmp_path / "corpus", {f"zeppelin{i}.txt": f"Zeppelin {i} landed on Monday.\n" for i in range(4)})

    def cancel_after_two(done: int, total: int) -> None:
        if done >= 2:
            raise RebuildCancelled

    with pytest.raises(RebuildCancelled, match="the rebuild was cancelled; the index is as it was before it"):
        bot.rebuild(progress=cancel_after_two)

    assert bot.sources() == ["harbour.txt"]
    assert bot.ask("When did the harbour freeze?") == before
    report = bot.rebuild()
    assert (report.added, report.resumed) == (4, 1)  # the batch embedded before the cancel is taken up


def test_a_rebuild_is_cancelled_while_a_document_is_still_being_parsed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", HARBOUR)
    pathological.nested_divs(corpus / "boxes.html", 200_000)  # parses for far longer than this test runs
    calls: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> None:
        calls.append((done, total))
        raise RebuildCancelled

    with pytest.raises(RebuildCancelled):
        rebuild(settings(tmp_path, parse_timeout_s=3600), HashEmbedder(), cancel)

    assert calls == [(0, 2)]  # called while boxes.html, the first in order, was parsed
    assert not (tmp_path / "index" / "manifest.json").exists()
