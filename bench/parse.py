"""Parse-only ingest time: documents read and cut into chunks, no embedding, by this checkout's
parsers and by another checkout's, on the same files, one after the other in one run.

usage: python bench/parse.py [--source PATH ...] [--files N] [--compare DIR] [--show N] [--blocks KINDS]

The default sources are Debian documentation packages with PDF and HTML manuals
(`apt-get install debmake-doc developers-reference debian-reference-en auto-multiple-choice-doc-pdf
bash-doc`): the English PDFs and every HTML page. `--compare DIR` times the checkout at DIR too
(for instance the main branch extracted with `git archive main | tar -x -C DIR`). Each checkout
runs in a fresh process that imports its own `index` package. Reported per checkout: files,
seconds, files per second, chunks, and the slowest file; for the PDFs among them, their pages and
the milliseconds a page took, and the table rows, header rows and definitions read. `--show N`
prints, for this checkout, the title, sections and first chunks of N documents, to look at what the
parsers make of them; `--blocks KINDS` prints every block of those kinds (comma-separated, e.g.
`table_header,table_row,definition`) with its page, to check what was read as a table or a
definition and that nothing else was.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEBIAN = [
    "/usr/share/doc/debmake-doc/debmake-doc.en.pdf",
    "/usr/share/doc/bash/bashref.pdf",
    "/usr/share/doc/bash/bash.pdf",
    "/usr/share/doc/auto-multiple-choice/auto-multiple-choice.en.pdf",
    "/usr/share/doc/bash/bashref.html",
    "/usr/share/doc/bash/bash.html",
    "/usr/share/debian-reference",
    "/usr/share/developers-reference",
]

WORKER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from index.chunking import chunk_document
from index.loaders import SourceFile, UnreadableDocument, load
paths = json.loads(sys.argv[2])
chunks, slowest, failed, pdf_seconds, pdf_pages = 0, (0.0, ""), 0, 0.0, 0
kinds = {"table_header": 0, "table_row": 0, "definition": 0}
started = time.perf_counter()
for path in paths:
    p = Path(path)
    t = time.perf_counter()
    try:
        doc = load(SourceFile(p.name, p, "0" * 64, p.stat().st_size))
        chunks += len(chunk_document(doc, 120, 1))
        if p.suffix.lower() == ".pdf":
            pdf_seconds += time.perf_counter() - t
            pdf_pages += len(doc.page_starts or [])
            for block in doc.blocks:
                if block.kind in kinds:
                    kinds[block.kind] += 1
    except UnreadableDocument:
        failed += 1
    slowest = max(slowest, (time.perf_counter() - t, p.name))
print(json.dumps({"seconds": time.perf_counter() - started, "chunks": chunks, "slowest": slowest, "failed": failed,
                  "pdf_seconds": pdf_seconds, "pdf_pages": pdf_pages, "kinds": kinds}))
"""


def files_of(sources: list[str], limit: int) -> list[str]:
    """The files named, and the documents below the folders named (not in folders named _*)."""
    from index.loaders import SUPPORTED

    found: list[str] = []
    for source in sources:
        path = Path(source)
        if path.is_file():
            found.append(str(path))
        elif path.is_dir():
            below = (p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUPPORTED)
            found += [str(p) for p in below if not any(part.startswith("_") for part in p.parts)]
    return found[:limit]


def time_checkout(root: Path, paths: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(root), json.dumps(paths)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def show(paths: list[str], count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from index.chunking import chunk_document, split_sentences
    from index.loaders import SourceFile, load

    for path in paths[:count]:
        p = Path(path)
        doc = load(SourceFile(p.name, p, "0" * 64, p.stat().st_size))
        sentences = split_sentences(doc)
        aside = sum(1 for b in doc.blocks if b.kind == "boilerplate")
        sections = list(dict.fromkeys(s.section for s in sentences))
        blocks = f"{len(doc.blocks)} blocks ({aside} set aside)"
        print(f"\n== {p.name}: title {doc.title!r}, {blocks}, {len(sections)} sections")
        for section in sections[:6]:
            print(f"   section {' > '.join(section)}")
        for chunk in chunk_document(doc, 120, 1)[:2]:
            print(f"   chunk: {chunk.embed_text[:300]!r}")


def blocks(paths: list[str], kinds: set[str]) -> None:
    """Print, for this checkout, every block of `kinds` in the documents, with its page."""
    import bisect

    sys.path.insert(0, str(ROOT))
    from index.document import block_text
    from index.loaders import SourceFile, load

    for path in paths:
        p = Path(path)
        doc = load(SourceFile(p.name, p, "0" * 64, p.stat().st_size))
        for block in doc.blocks:
            if block.kind in kinds:
                page = f"p{bisect.bisect_right(doc.page_starts, block.start)} " if doc.page_starts else ""
                print(f"{p.name} {page}{block.kind}: {block_text(doc.text, block).text[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", help="file or folder (repeatable); default: Debian manuals")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--compare", type=Path, help="another checkout to time on the same files")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--blocks", help="print the blocks of these kinds, comma-separated (this checkout)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    paths = files_of(args.source or DEBIAN, args.files)
    if not paths:
        sys.exit("no documents found; install the Debian documentation packages (see --help)")
    size = sum(Path(p).stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} files, {size:.1f} MB")
    for name, root in [("this checkout", ROOT), *([("compared", args.compare)] if args.compare else [])]:
        result = time_checkout(root, paths)
        seconds = result["seconds"]
        print(
            f"{name:14} {seconds:7.1f} s  {len(paths) / seconds:6.1f} files/s  {result['chunks']:6} chunks  "
            f"slowest {result['slowest'][1]} {result['slowest'][0]:.1f} s  unreadable {result['failed']}"
        )
        if result.get("pdf_pages"):
            kinds = result["kinds"]
            print(
                f"{'':14} PDF: {result['pdf_pages']} pages, {1000 * result['pdf_seconds'] / result['pdf_pages']:.1f} "
                f"ms/page; {kinds['table_row']} table rows, {kinds['table_header']} header rows, "
                f"{kinds['definition']} definitions"
            )
    if args.show:
        show(paths, args.show)
    if args.blocks:
        blocks(paths, set(args.blocks.split(",")))


if __name__ == "__main__":
    main()
