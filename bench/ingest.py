"""Ingest throughput: a full rebuild against the raw encode of the same texts, in one run.

usage: python bench/ingest.py [--source DIR ...] [--files N] [--chroma-url URL]
                             [--sentence-vectors separate|in_context] [--parse-workers N]

The corpus is the first N documents (sorted by path) found under the --source folders, copied into
a temporary corpus. The default source is .bench/debian-docs, the HTML manuals of Debian's
documentation packages as bench/debian_docs.py copies them (see there). Reported:

- full rebuild: seconds, chunks, and texts embedded per second (each chunk, and with
  --sentence-vectors separate, the default, each of its sentences too);
- raw encode: the same texts through sentence-transformers' `encode` alone, same batch size;
- ratio: raw encode seconds / rebuild seconds (1.0 would mean the pipeline costs nothing beyond
  the model);
- unchanged rebuild: seconds for a second rebuild of the same corpus;
- peak RSS of the process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEBIAN_DOCS = [str(ROOT / ".bench" / "debian-docs")]  # made by bench/debian_docs.py


def collect(sources: list[str], limit: int, corpus: Path) -> int:
    from index.loaders import SUPPORTED

    files = []
    for source in sources:
        base = Path(source)
        if base.is_dir():
            files += sorted(p for p in base.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
    if not files:
        sys.exit(f"no documents under {sources}; install the documentation packages (see --help)")
    for i, path in enumerate(files[:limit]):
        target = corpus / f"{i:06d}_{path.name}"
        shutil.copyfile(path, target)
    return min(limit, len(files))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", help="folder of documents (repeatable)")
    parser.add_argument("--files", type=int, default=200, help="documents to take")
    parser.add_argument("--chroma-url", default=None)
    parser.add_argument("--sentence-vectors", choices=["separate", "in_context"], default="separate")
    parser.add_argument("--parse-workers", type=int, default=0, help="processes parsing while the model embeds")
    args = parser.parse_args()

    from index.build import rebuild
    from index.embed import SentenceTransformerEmbedder, part_text
    from index.settings import IndexSettings
    from index.store import Generation, read_manifest

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        taken = collect(args.source or DEBIAN_DOCS, args.files, corpus)
        settings = IndexSettings(
            corpus=corpus,
            index_dir=index,
            chroma_url=args.chroma_url,
            sentence_vectors=args.sentence_vectors,
            parse_workers=args.parse_workers,
        )
        embedder = SentenceTransformerEmbedder(settings.embed_model, settings.embed_batch_size)
        embedder.warm()

        started = time.perf_counter()
        report = rebuild(settings, embedder)
        rebuild_s = time.perf_counter() - started

        manifest = read_manifest(index)
        assert manifest is not None
        chunks = Generation.open(index, manifest).chunks
        texts = [c.embed_text for c in chunks]
        if settings.sentence_vectors == "separate":
            texts += [part_text(c.embed_text, part) for c in chunks for part in c.sentence_parts()]
        started = time.perf_counter()
        embedder.embed(texts)
        raw_s = time.perf_counter() - started

        started = time.perf_counter()
        rebuild(settings, embedder)
        unchanged_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus            {taken} files, {report.documents} documents, {report.chunks} chunks, {len(texts)} texts")
    print(
        f"full rebuild      {rebuild_s:.1f} s  ({report.chunks / rebuild_s:.1f} chunks/s, "
        f"{len(texts) / rebuild_s:.0f} texts/s)"
    )
    print(f"raw encode        {raw_s:.1f} s  ({len(texts) / raw_s:.0f} texts/s)")
    print(f"ratio             {raw_s / rebuild_s:.2f}  (raw encode time / rebuild time)")
    print(f"unchanged rebuild {unchanged_s:.2f} s")
    print(f"peak RSS          {peak_mb:.0f} MB")
    if report.warnings:
        print(f"warnings          {len(report.warnings)} (first: {report.warnings[0]})")


if __name__ == "__main__":
    main()
