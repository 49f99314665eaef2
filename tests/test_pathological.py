"""Files that could stall a rebuild: each either is indexed or is skipped with a warning saying why,
the rebuild finishes, and the other documents answer. Full-size figures: bench/pathological.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import Assistant, AssistantSettings, IndexSettings
from index.build import rebuild
from tests import pathological
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder

HARBOUR = "The harbour froze in January, and the ferries stopped for a week.\n"

# (file name, how to write it, the parse budget in seconds). The nested <div>s get a short budget: at
# 200,000 (2.2 MB) a parser that is quadratic in depth would otherwise run for an hour.
CASES: dict[str, tuple[str, Callable[[Path], Path], float]] = {
    "nested divs": ("boxes.html", lambda p: pathological.nested_divs(p, 200_000), 3.0),
    "nested notes": ("notes.rst", lambda p: pathological.nested_notes(p, 2_000), 60.0),
    "one 2 MB line": ("line.txt", lambda p: pathological.one_line(p, 2), 120.0),
    "5,000 pages of one word": ("pages.pdf", lambda p: pathological.pdf_pages(p, 5_000), 120.0),
    "10,000-row table": ("table.docx", lambda p: pathological.docx_table(p, 10_000), 120.0),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rebuild_finishes_and_the_other_documents_answer(tmp_path: Path, case: str) -> None:
    name, write, seconds = CASES[case]
    corpus = write_corpus(tmp_path / "corpus", {"harbour.txt": HARBOUR})
    write(corpus / name)
    index = IndexSettings(corpus=corpus, index_dir=tmp_path / "index", parse_timeout_s=seconds)

    report = rebuild(index, HashEmbedder())

    bot = Assistant(settings=AssistantSettings(index=index, rerank=False), embedder=HashEmbedder())
    answer = bot.ask("When did the harbour freeze?")
    assert answer.grounded and answer.citations[0].source == "harbour.txt"
    skipped = [w for w in report.warnings if w.startswith(f"skipped {name}: ")]
    if name in bot.sources():
        assert skipped == []
    else:
        assert skipped in (
            [f"skipped {name}: parsing took longer than the budget of {seconds:g} s (parse_timeout_s)"],
            [f"skipped {name}: parsing needed more than the budget of 2048 MB of memory (parse_memory_mb)"],
        )


def test_a_text_quoting_long_object_ids_is_read_within_the_budget(tmp_path: Path) -> None:
    # git's manuals quote index entries ("0 0000...0000<TAB>frotz"): a line of one long run of
    # digits once sent the table-of-figures reader into trying every split of the run.
    listing = "".join(f"100644 {'0' * 40} {stage}\tfrotz\n" for stage in range(3))
    text = f"{HARBOUR}\nThe index records each stage of a path:\n\n{listing}\n0 {'0' * 40}\tfrotz\n"
    corpus = write_corpus(tmp_path / "corpus", {"harbour.txt": HARBOUR, "stages.txt": text})
    index = IndexSettings(corpus=corpus, index_dir=tmp_path / "index", parse_timeout_s=60.0)

    report = rebuild(index, HashEmbedder())

    assert report.warnings == []
    bot = Assistant(settings=AssistantSettings(index=index, rerank=False), embedder=HashEmbedder())
    assert "stages.txt" in bot.sources()
