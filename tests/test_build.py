import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant import (
    Assistant,
    AssistantSettings,
    CorpusNotFoundError,
    EmptyCorpusError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotBuiltError,
    IndexSettings,
)
from index.build import rebuild
from index.document import PARSER_VERSION
from index.store import read_checkpoint, read_manifest
from tests.conftest import ROOT, many_docs
from tests.fakes import FailingEmbedder, HashEmbedder


def build(corpus: Path, index: Path, embedder: HashEmbedder | None = None):
    embedder = embedder or HashEmbedder()
    return rebuild(IndexSettings(corpus=corpus, index_dir=index), embedder), embedder


def write_docs(corpus: Path, count: int = 3) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (corpus / f"doc{i}.txt").write_text(f"Document {i} talks about topic{i}. It has a second sentence {i}.\n")


def test_first_build_reports_every_document_added(tmp_path: Path):
    write_docs(tmp_path / "c")
    report, _ = build(tmp_path / "c", tmp_path / "i")
    assert (report.added, report.changed, report.removed, report.unchanged) == (3, 0, 0, 0)
    assert report.documents == 3 and report.chunks == 3 and report.seconds > 0


def test_unchanged_corpus_embeds_nothing(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    report, embedder = build(tmp_path / "c", tmp_path / "i")
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 3)
    assert embedder.seen == []


def test_editing_one_file_embeds_only_that_file(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    (tmp_path / "c" / "doc1.txt").write_text("Document one now speaks of zebras.\n")
    report, embedder = build(tmp_path / "c", tmp_path / "i")
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 1, 0, 2)
    assert embedder.seen and all("zebras" in text for text in embedder.seen)
    bot = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    assert bot.ask("zebras").citations[0].source == "doc1.txt"


def test_deleting_a_file_removes_its_chunks(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    (tmp_path / "c" / "doc2.txt").unlink()
    report, embedder = build(tmp_path / "c", tmp_path / "i")
    assert (report.removed, report.unchanged, report.chunks) == (1, 2, 2)
    assert embedder.seen == []
    bot = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    assert bot.sources() == ["doc0.txt", "doc1.txt"]
    assert all(c.source != "doc2.txt" for c in bot.ask("Document 2 topic2").citations)
    assert bot.reader.collection.count() == 2


def test_rebuild_leaves_one_generation_and_one_collection(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    (tmp_path / "c" / "doc0.txt").write_text("Changed text here.\n")
    build(tmp_path / "c", tmp_path / "i")
    assert sorted(p.name for p in (tmp_path / "i").glob("gen-*")) == ["gen-2"]
    bot = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    from index.store import chroma_client

    names = [c.name for c in chroma_client(bot.settings.index).list_collections()]
    assert names == [bot.reader.manifest.collection]


def test_the_collection_measures_cosine_and_searches_wide_enough_to_repeat(tmp_path: Path):
    from index.store import SEARCH_EF, chroma_client

    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    [collection] = chroma_client(IndexSettings(corpus=tmp_path / "c", index_dir=tmp_path / "i")).list_collections()
    hnsw = collection.configuration["hnsw"]
    assert (hnsw["space"], hnsw["ef_search"]) == ("cosine", SEARCH_EF)


def test_unreadable_file_is_skipped_with_a_warning_and_the_rest_indexed(tmp_path: Path):
    write_docs(tmp_path / "c", 2)
    (tmp_path / "c" / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    report, _ = build(tmp_path / "c", tmp_path / "i")
    assert report.documents == 2
    assert any(w.startswith("skipped broken.pdf:") for w in report.warnings)
    again, embedder = build(tmp_path / "c", tmp_path / "i")
    assert not again.rebuilt and embedder.seen == []
    assert again.warnings == ["skipped broken.pdf: unreadable, unchanged since the last rebuild"]


def test_files_skipped_again_unchanged_are_one_warning_naming_a_few(tmp_path: Path):
    write_docs(tmp_path / "c", 2)
    for n in range(5):
        (tmp_path / "c" / f"broken{n}.pdf").write_bytes(b"%PDF-1.4 garbage")
    first, _ = build(tmp_path / "c", tmp_path / "i")
    assert len([w for w in first.warnings if w.startswith("skipped broken")]) == 5  # each with its reason
    again, _ = build(tmp_path / "c", tmp_path / "i")
    assert again.warnings == [
        "skipped 5 files unreadable at the last rebuild and unchanged since: "
        "broken0.pdf, broken1.pdf, broken2.pdf and 2 more"
    ]


def test_missing_corpus_is_a_typed_error(tmp_path: Path):
    with pytest.raises(CorpusNotFoundError, match="does not exist"):
        build(tmp_path / "nowhere", tmp_path / "i")


def test_corpus_without_documents_is_a_typed_error(tmp_path: Path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "notes.bin").write_bytes(b"\x00")
    with pytest.raises(EmptyCorpusError, match="no readable documents"):
        build(tmp_path / "c", tmp_path / "i")


def test_index_built_with_other_settings_is_a_typed_error(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    with pytest.raises(IndexMismatchError, match="rebuild"):
        Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder(name="other-model"))


def test_assistant_without_index_and_building_disabled_says_to_rebuild(tmp_path: Path):
    write_docs(tmp_path / "c")
    settings = AssistantSettings(build_if_missing=False)
    with pytest.raises(IndexNotBuiltError, match="assistant rebuild"):
        Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", settings=settings, embedder=HashEmbedder())


def test_assistant_builds_a_missing_index_and_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    write_docs(tmp_path / "c")
    bot = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    assert bot.sources() == ["doc0.txt", "doc1.txt", "doc2.txt"]
    assert "no index at" in caplog.text and "building it" in caplog.text


def test_assistant_sees_a_rebuild_made_elsewhere(tmp_path: Path):
    write_docs(tmp_path / "c")
    bot = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    (tmp_path / "c" / "new.txt").write_text("A brand new document about penguins.\n")
    build(tmp_path / "c", tmp_path / "i")
    assert bot.ask("penguins").citations[0].source == "new.txt"


KILLED_REBUILD = """
import sys
sys.path.insert(0, {root!r})
from index.build import rebuild
from index.document import PARSER_VERSION
from index.settings import IndexSettings
from tests.fakes import HashEmbedder
rebuild(IndexSettings(corpus={corpus!r}, index_dir={index!r}, ingest_batch_docs=1), HashEmbedder(delay=0.2))
"""


def checkpoints(index: Path) -> int:
    """Checkpoints written so far by the rebuild writing a generation under `index`."""
    files = list(index.glob("gen-*.partial/checkpoints.jsonl"))
    return files[0].read_bytes().count(b"\n") - 1 if files else 0


def test_rebuild_killed_with_sigkill_leaves_the_old_index_answering_the_same(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    write_docs(corpus, 3)
    build(corpus, index)
    questions = ["topic0", "Document 2 second sentence", "topic1"]
    before = [Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder()).ask(q) for q in questions]
    manifest_before = (index / "manifest.json").read_bytes()
    for i in range(3, 30):
        (corpus / f"doc{i}.txt").write_text(f"Later document {i} on subject{i}.\n")
    (corpus / "doc0.txt").write_text("Document zero rewritten.\n")

    script = KILLED_REBUILD.format(root=str(ROOT), corpus=str(corpus), index=str(index))
    child = subprocess.Popen([sys.executable, "-c", script], env=os.environ | {"PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while checkpoints(index) < 4:  # inside the embedding of the new documents
        assert child.poll() is None, "the rebuild ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    assert (index / "manifest.json").read_bytes() == manifest_before
    after = [Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder()).ask(q) for q in questions]
    assert after == before
    (partial,) = index.glob("gen-*.partial")
    kept = read_checkpoint(partial)
    assert kept is not None
    report, embedder = build(corpus, index)
    assert (report.added, report.changed, report.unchanged, report.documents) == (27, 1, 2, 30)
    resumed = set(kept.docs) - {"doc1.txt", "doc2.txt"}  # those two are unchanged since the old index
    assert report.resumed == len(resumed) >= 3
    assert not any(f"subject{name[3:-4]}." in text for name in resumed for text in embedder.seen)
    assert json.loads((index / "manifest.json").read_text())["generation"] == read_manifest(index).generation == 2


def test_pdf_citation_gives_the_page_of_the_cited_sentence(tmp_path: Path):
    from tests.test_loaders import _pdf_with_pages

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "brief.pdf").write_bytes(
        _pdf_with_pages(["The harbour froze in January.", "The lighthouse keeper painted the lantern red."])
    )
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder())
    (citation,) = [e.citation for e in bot.search("lighthouse keeper lantern") if "lantern" in e.citation.quote]
    assert citation.page == 2
    assert "lantern" in bot.source_text("brief.pdf")[citation.start : citation.end]
    (first,) = [e.citation for e in bot.search("harbour froze January") if "froze" in e.citation.quote]
    assert first.page == 1


def test_text_an_older_parser_stored_for_the_same_file_is_never_served(tmp_path: Path):
    # Texts used to be stored under the file's hash, so after a parser upgrade the rebuild kept the
    # old parser's text while its new spans pointed into the new one, and no citation verified.
    import hashlib

    corpus = tmp_path / "c"
    corpus.mkdir()
    page = corpus / "page.html"
    page.write_text(
        "<html><body><main><h1>Harbour</h1><p>The harbour froze in January of that year.</p>"
        "<p>The lighthouse keeper painted the lantern red.</p></main></body></html>"
    )
    stale = tmp_path / "i" / "texts" / f"{hashlib.sha256(page.read_bytes()).hexdigest()}.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("Harbour ¶\n\nThe harbour froze in January of that year.\n\nThe lighthouse keeper ...")
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder())
    text = bot.source_text("page.html")
    assert "¶" not in text and "painted the lantern red" in text
    citations = [e.citation for e in bot.search("lighthouse keeper lantern")]
    assert citations and all(c.quote == text[c.start : c.end] for c in citations)
    assert not stale.exists()  # no live document's text: removed with the other orphans


@pytest.mark.parametrize("mode, texts_per_doc", [("pooled", 2), ("separate", 3), ("in_context", 1)])
def test_sentence_vectors_setting_decides_what_is_encoded(tmp_path: Path, mode: str, texts_per_doc: int):
    write_docs(tmp_path / "c")
    settings = IndexSettings(corpus=tmp_path / "c", index_dir=tmp_path / "i", sentence_vectors=mode)
    embedder = HashEmbedder()
    report = rebuild(settings, embedder)
    # Each document is one chunk of two sentences: 'pooled' encodes both sentences, 'separate' the
    # chunk too, 'in_context' the chunk alone.
    assert len(embedder.seen) == report.chunks * texts_per_doc
    bot = Assistant(settings=AssistantSettings(index=settings), embedder=HashEmbedder())
    assert bot.ask("second sentence 2").citations[0].source == "doc2.txt"


def test_sentence_vectors_are_part_of_the_fingerprint():
    assert IndexSettings(sentence_vectors="in_context").fingerprint() != IndexSettings().fingerprint()


def test_scan_keeps_a_known_digest_only_while_size_and_time_match(tmp_path: Path):
    from index.loaders import scan

    write_docs(tmp_path / "c", count=1)
    path = tmp_path / "c" / "doc0.txt"
    size, mtime = path.stat().st_size, path.stat().st_mtime_ns
    [found], _ = scan(tmp_path / "c", 10**6, {"doc0.txt": (size, mtime, "known-digest")})
    assert found.sha256 == "known-digest"
    [found], _ = scan(tmp_path / "c", 10**6, {"doc0.txt": (size, mtime - 1, "known-digest")})
    assert found.sha256 != "known-digest" and len(found.sha256) == 64


def unreadable_digests(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> str:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr("index.loaders._sha256", refuse)


def test_unchanged_rebuild_reads_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    unreadable_digests(monkeypatch)
    report, embedder = build(tmp_path / "c", tmp_path / "i")
    assert (report.unchanged, report.rebuilt, embedder.seen) == (3, False, [])


def test_a_touched_file_is_read_once_then_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    os.utime(tmp_path / "c" / "doc1.txt", ns=(1_000_000_000, 1_000_000_000))
    report, embedder = build(tmp_path / "c", tmp_path / "i")
    assert (report.unchanged, report.rebuilt, embedder.seen) == (3, False, [])
    manifest = read_manifest(tmp_path / "i")
    assert manifest is not None and manifest.docs["doc1.txt"]["mtime_ns"] == 1_000_000_000
    unreadable_digests(monkeypatch)
    report, _ = build(tmp_path / "c", tmp_path / "i")
    assert (report.unchanged, report.rebuilt) == (3, False)


def test_parsing_in_worker_processes_builds_the_same_index(tmp_path: Path):
    corpus = tmp_path / "c"
    write_docs(corpus, count=40)
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    reports, records = [], []
    for workers in (0, 2):
        index = tmp_path / f"i{workers}"
        settings = IndexSettings(corpus=corpus, index_dir=index, parse_workers=workers, ingest_batch_docs=8)
        reports.append(rebuild(settings, HashEmbedder()))
        manifest = read_manifest(index)
        assert manifest is not None
        records.append((index / f"gen-{manifest.generation}" / "chunks.jsonl").read_text())
    assert reports[0].chunks == reports[1].chunks == 40
    assert reports[0].warnings == reports[1].warnings and "broken.txt" in reports[1].warnings[0]
    assert records[0] == records[1]


def test_chunks_read_through_their_keys_equal_their_records(tmp_path: Path):
    from index.store import Generation, record_to_chunk

    write_docs(tmp_path / "c", count=5)
    build(tmp_path / "c", tmp_path / "i")
    manifest = read_manifest(tmp_path / "i")
    assert manifest is not None
    generation = Generation.open(tmp_path / "i", manifest)
    lines = (tmp_path / "i" / f"gen-{manifest.generation}" / "chunks.jsonl").read_text().splitlines()
    assert list(generation.chunks) == [record_to_chunk(json.loads(line)) for line in lines]
    assert generation.chunks[-1] == generation.chunks[len(lines) - 1]
    assert dict(generation.by_document()) == {f"doc{i}.txt": [i] for i in range(5)}


def test_a_generation_without_its_keys_file_is_read_from_its_records(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    bot = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    before = bot.ask("topic2")
    for keys in (tmp_path / "i").glob("gen-*/chunks.keys.json"):
        keys.unlink()
    again = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    assert again.ask("topic2") == before


def test_a_garbled_keys_file_is_damage_that_the_next_rebuild_repairs(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    [keys] = (tmp_path / "i").glob("gen-*/chunks.keys.json")
    keys.write_text("{not json")
    with pytest.raises(IndexCorruptError, match="rebuild"):
        Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    report, _ = build(tmp_path / "c", tmp_path / "i")
    assert report.rebuilt and "damaged" in report.warnings[0]
    bot = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i", embedder=HashEmbedder())
    assert bot.ask("topic2").citations[0].source == "doc2.txt"


def test_an_unchanged_rebuild_adds_the_keys_file_an_older_generation_lacks(tmp_path: Path):
    write_docs(tmp_path / "c")
    build(tmp_path / "c", tmp_path / "i")
    [keys] = (tmp_path / "i").glob("gen-*/chunks.keys.json")
    written = keys.read_bytes()
    keys.unlink()
    report, _ = build(tmp_path / "c", tmp_path / "i")
    assert not report.rebuilt and keys.read_bytes() == written


def test_chunks_are_added_to_chroma_in_slices_no_larger_than_the_limit(tmp_path: Path):
    import chromadb

    from index.build import add_to_collection
    from index.chunking import chunk_document
    from index.loaders import load, scan
    from index.store import COLLECTION_METADATA

    corpus = tmp_path / "c"
    write_docs(corpus, count=7)
    chunks = [c for f in scan(corpus, 10**6)[0] for c in chunk_document(load(f), 120, 1)]
    collection = chromadb.PersistentClient(path=str(tmp_path / "db")).create_collection(
        "slices", metadata=COLLECTION_METADATA
    )
    sizes: list[int] = []
    real_add = collection.add

    def add(**kwargs):  # type: ignore[no-untyped-def]
        sizes.append(len(kwargs["ids"]))
        return real_add(**kwargs)

    collection.add = add  # type: ignore[method-assign]
    add_to_collection(collection, chunks, HashEmbedder()._vectors([c.embed_text for c in chunks]), limit=3)
    assert sizes == [3, 3, 1] and collection.count() == 7


def stored(index: Path) -> tuple[list[str], list[bytes], bytes, bytes]:
    """What a built generation holds: chunk ids and records, chunk and sentence vectors."""
    directory = index / f"gen-{read_manifest(index).generation}"
    records = (directory / "chunks.jsonl").read_bytes().splitlines()
    ids = [json.loads(line)["id"] for line in records]
    return ids, records, (directory / "chunks.f32").read_bytes(), (directory / "sentences.f16").read_bytes()


def interrupt(corpus: Path, index: Path, fail_on: int) -> None:
    settings = IndexSettings(corpus=corpus, index_dir=index, ingest_batch_docs=2)
    with pytest.raises(RuntimeError, match="out of memory"):
        rebuild(settings, FailingEmbedder(fail_on))


def test_a_rebuild_after_a_failed_one_embeds_only_what_was_not_checkpointed(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    many_docs(corpus, 10)
    # one embed call per document, in batches of two: three batches were checkpointed
    interrupt(corpus, index, fail_on=7)
    assert read_manifest(index) is None
    embedder = HashEmbedder()
    report = rebuild(IndexSettings(corpus=corpus, index_dir=index, ingest_batch_docs=2), embedder)
    assert (report.added, report.resumed, report.documents) == (10, 6, 10)
    assert "6 taken from an interrupted rebuild" in report.summary()
    seen = " ".join(embedder.seen)
    assert all(f"creature{i}" not in seen for i in range(6))
    assert all(f"creature{i}" in seen for i in range(6, 10))
    build(corpus, tmp_path / "scratch")
    assert stored(index) == stored(tmp_path / "scratch")
    assert not list(index.glob("*.partial")) and not list(index.glob("gen-*/checkpoints.jsonl"))
    bot = Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder())
    assert "creature2" in bot.ask("Which paper studies creature2?").text


def test_a_document_changed_since_the_interruption_is_embedded_again(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    many_docs(corpus, 10)
    interrupt(corpus, index, fail_on=7)
    (corpus / "doc01.txt").write_text("Paper 1 now studies zebras.\n")
    (corpus / "doc02.txt").unlink()
    embedder = HashEmbedder()
    report = rebuild(IndexSettings(corpus=corpus, index_dir=index, ingest_batch_docs=2), embedder)
    assert (report.resumed, report.documents) == (4, 9)
    seen = " ".join(embedder.seen)
    assert "zebras" in seen and "creature1" not in seen and "creature0" not in seen
    build(corpus, tmp_path / "scratch")
    assert stored(index) == stored(tmp_path / "scratch")


def test_vectors_of_an_interruption_with_other_settings_are_not_reused(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    many_docs(corpus, 10)
    interrupt(corpus, index, fail_on=7)
    embedder = HashEmbedder(name="another-model")
    report = rebuild(IndexSettings(corpus=corpus, index_dir=index, ingest_batch_docs=2), embedder)
    assert (report.resumed, report.documents) == (0, 10)
    assert all(f"creature{i}" in " ".join(embedder.seen) for i in range(10))


def test_interruptions_in_a_row_keep_what_each_checkpointed(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    many_docs(corpus, 10)
    interrupt(corpus, index, fail_on=3)  # documents 0-1 checkpointed
    interrupt(corpus, index, fail_on=5)  # 0-1 taken back, 2-5 embedded and checkpointed
    embedder = HashEmbedder()
    report = rebuild(IndexSettings(corpus=corpus, index_dir=index, ingest_batch_docs=2), embedder)
    assert report.resumed == 6
    assert all(f"creature{i}" not in " ".join(embedder.seen) for i in range(6))


def test_a_checkpoint_cut_short_by_a_crash_keeps_the_checkpoints_before_it(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    many_docs(corpus, 10)
    interrupt(corpus, index, fail_on=7)
    (partial,) = index.glob("gen-*.partial")
    checkpoints = partial / "checkpoints.jsonl"
    lines = checkpoints.read_bytes().splitlines(keepends=True)
    checkpoints.write_bytes(b"".join(lines[:-1]) + lines[-1][:20])  # the last one half written
    with (partial / "chunks.f32").open("ab") as f:
        f.write(b"\0" * 10)  # and a vector row begun after it
    report, _ = build(corpus, index)
    assert report.resumed == 4
    build(corpus, tmp_path / "scratch")
    assert stored(index) == stored(tmp_path / "scratch")


def test_a_batch_also_closes_at_its_chunk_limit(tmp_path: Path):
    corpus, index = tmp_path / "c", tmp_path / "i"
    corpus.mkdir()
    for i in range(4):  # six or seven chunks each
        (corpus / f"long{i}.txt").write_text(" ".join(f"Long report {i} sentence {n} on topic{i}." for n in range(90)))
    settings = IndexSettings(corpus=corpus, index_dir=index, ingest_batch_docs=100, ingest_batch_chunks=10)
    with pytest.raises(RuntimeError, match="out of memory"):
        rebuild(settings, FailingEmbedder(fail_on=3))  # the first batch (two documents) was checkpointed
    report = rebuild(settings, HashEmbedder())
    assert (report.resumed, report.documents) == (2, 4) and report.chunks >= 24


def test_a_lazy_assistant_opens_the_index_on_first_use(tmp_path: Path):
    write_docs(tmp_path / "c")
    settings = AssistantSettings(build_if_missing=False)
    bot = Assistant(
        corpus=tmp_path / "c", index_dir=tmp_path / "i", settings=settings, embedder=HashEmbedder(), lazy=True
    )
    with pytest.raises(IndexNotBuiltError):
        bot.ask("topic1")
    build(tmp_path / "c", tmp_path / "i")
    assert bot.ask("topic1").citations[0].source == "doc1.txt"


class BatchScaledEmbedder(HashEmbedder):
    """Like the bundled int8 encoder, a text's vector depends on the batch it is encoded in."""

    def embed(self, texts, *, kind="passage"):  # type: ignore[no-untyped-def]
        vectors = super().embed(texts, kind=kind)
        vectors[:, -1] += 0.01 * len(texts)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_documents_vectors_are_the_same_whatever_else_the_corpus_holds(tmp_path: Path):
    alone, together = tmp_path / "alone", tmp_path / "together"
    write_docs(alone, 1)
    write_docs(together, 3)

    def vectors(corpus: Path) -> tuple[bytes, bytes]:
        index = tmp_path / f"{corpus.name}-index"
        rebuild(IndexSettings(corpus=corpus, index_dir=index), BatchScaledEmbedder())
        reader = Assistant(corpus=corpus, index_dir=index, embedder=BatchScaledEmbedder()).reader
        (position,) = [n for n, chunk in enumerate(reader.chunks) if chunk.source == "doc0.txt"]
        return reader.generation.chunk_vectors[position].tobytes(), reader.sentence_vectors(position).tobytes()

    assert vectors(alone) == vectors(together)


def test_a_new_parser_keeps_the_vectors_of_documents_whose_texts_come_out_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    corpus = tmp_path / "c"
    write_docs(corpus)
    build(corpus, tmp_path / "i", BatchScaledEmbedder())
    # The next release's parser: the fingerprint changes, every document is read again.
    monkeypatch.setattr("index.settings.PARSER_VERSION", PARSER_VERSION + 1)
    (corpus / "doc1.txt").write_text("Document one now speaks of zebras.\n")
    embedder = BatchScaledEmbedder()
    report = rebuild(IndexSettings(corpus=corpus, index_dir=tmp_path / "i"), embedder)
    assert (report.added, report.kept, report.documents) == (3, 2, 3)
    assert embedder.seen and all("zebras" in text for text in embedder.seen)
    assert "2 read again with the same text kept their vectors" in report.summary()

    def vectors(index: Path) -> list[tuple[str, bytes, bytes]]:
        reader = Assistant(corpus=corpus, index_dir=index, embedder=BatchScaledEmbedder()).reader
        return sorted(
            (chunk.source, reader.generation.chunk_vectors[n].tobytes(), reader.sentence_vectors(n).tobytes())
            for n, chunk in enumerate(reader.chunks)
        )

    # What was kept is what a rebuild from nothing makes with the new parser.
    rebuild(IndexSettings(corpus=corpus, index_dir=tmp_path / "new"), BatchScaledEmbedder())
    assert vectors(tmp_path / "i") == vectors(tmp_path / "new")
    # Another model's vectors are never kept.
    other = HashEmbedder(name="another-model")
    monkeypatch.setattr("index.settings.PARSER_VERSION", PARSER_VERSION + 2)
    report = rebuild(IndexSettings(corpus=corpus, index_dir=tmp_path / "i"), other)
    assert report.kept == 0 and len(other.seen) >= 3
