"""Ingest throughput: a full rebuild against the raw encode of the same texts, in one run.

usage: python bench/ingest.py [--source DIR ...] [--files N] [--chroma-url URL] [--model NAME]
                             [--sentence-vectors pooled|separate|in_context] [--parse-workers N]

The corpus is the first N documents (sorted by path) found under the --source folders, copied into
a temporary corpus. The default source is .bench/debian-docs, the HTML manuals of Debian's
documentation packages as bench/debian_docs.py copies them (see there). Reported:

- full rebuild: seconds, chunks per second, and the texts the model encoded (each chunk, and with
  --sentence-vectors separate each of its sentences too);
- chunk-only encode: the chunks' texts alone through the same embedder (`embed`), in one call;
- ratio: chunk-only encode seconds / rebuild seconds: the rebuild's throughput as a share of the
  encoder's on the chunks alone (1.0 would mean nothing costs beyond encoding the chunks);
- unchanged rebuild: seconds for a second rebuild of the same corpus;
- new parser rebuild: seconds for a rebuild after the parsers' version changes (as a release that
  changes a parser does), every document read again and those whose texts come out the same keeping
  their vectors (how many, in brackets);
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
    parser.add_argument("--sentence-vectors", choices=["pooled", "separate", "in_context"], default=None)
    parser.add_argument("--model", default=None, help="IndexSettings.embed_model (default: the settings' default)")
    parser.add_argument("--parse-workers", type=int, default=0, help="processes parsing while the model embeds")
    args = parser.parse_args()

    from index.build import rebuild
    from index.embed import make_embedder, part_text
    from index.settings import IndexSettings
    from index.store import Generation, read_manifest

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        taken = collect(args.source or DEBIAN_DOCS, args.files, corpus)
        chosen = {"sentence_vectors": args.sentence_vectors, "embed_model": args.model}
        settings = IndexSettings(
            corpus=corpus,
            index_dir=index,
            chroma_url=args.chroma_url,
            parse_workers=args.parse_workers,
            **{k: v for k, v in chosen.items() if v is not None},  # type: ignore[arg-type]
        )
        embedder = make_embedder(settings)
        embedder.embed(["warm up"], kind="query")

        started = time.perf_counter()
        report = rebuild(settings, embedder)
        rebuild_s = time.perf_counter() - started

        manifest = read_manifest(index)
        assert manifest is not None
        chunks = Generation.open(index, manifest).chunks
        texts = [c.embed_text for c in chunks]
        sentences = len({part_text(c.embed_text, part) for c in chunks for part in c.sentence_parts()})
        encoded = {"pooled": sentences, "separate": len(texts) + sentences, "in_context": len(texts)}[
            settings.sentence_vectors
        ]
        started = time.perf_counter()
        embedder.embed(texts, kind="passage")
        raw_s = time.perf_counter() - started

        started = time.perf_counter()
        rebuild(settings, embedder)
        unchanged_s = time.perf_counter() - started

        import index.settings

        index.settings.PARSER_VERSION += 1  # the next release's parsers: the fingerprint changes
        started = time.perf_counter()
        reparsed = rebuild(settings, embedder)
        reparsed_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"settings          {settings.embed_model}, sentence vectors {settings.sentence_vectors}")
    print(f"corpus            {taken} files, {report.documents} documents, {report.chunks} chunks")
    print(f"full rebuild      {rebuild_s:.1f} s  ({report.chunks / rebuild_s:.1f} chunks/s, {encoded} texts encoded)")
    print(f"chunk-only encode {raw_s:.1f} s  ({len(texts) / raw_s:.1f} chunks/s)")
    print(f"ratio             {raw_s / rebuild_s:.2f}  (chunk-only encode time / rebuild time)")
    print(f"unchanged rebuild {unchanged_s:.2f} s")
    kept = f"{reparsed.kept} of {reparsed.documents} documents kept their vectors"
    print(f"new parser rebuild {reparsed_s:.1f} s  ({kept})")
    print(f"peak RSS          {peak_mb:.0f} MB")
    if report.warnings:
        print(f"warnings          {len(report.warnings)} (first: {report.warnings[0]})")


if __name__ == "__main__":
    main()
