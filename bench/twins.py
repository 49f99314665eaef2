"""Development sets asked again of their documents printed to PDF, as people save them.

usage: python bench/twins.py [--sets word,laidout,...] [--set FIELD=VALUE ...] [--misses]

A set's twin is its corpus with every web page printed to PDF by Chromium (headless, with the
header and footer a browser prints: the time and the page's title over each page, its address and
"1/2" under it), every Word file exported to PDF by LibreOffice (a table's rows written cell by
cell, lists' bullets from a symbol font) and every manual page saved as text typeset to PDF by
groff (`man -Tpdf`, from the page devdocs.RENDERED made it of); other files are copied as they are. The same questions
are scored over both, each over an index of its own (the set's own under .bench/devdocs-index/, the
twin's under .bench/twins-index/), so that what the PDF reader loses shows against what the HTML
and Word readers get from the same text. Evidence strings are the text's, so they hold for a PDF.

Twins are made once into .bench/twins/<set> (delete it to make it again). Needs `chromium` and
LibreOffice (`soffice`), e.g. `apt-get install chromium libreoffice-writer-nogui`.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsets import ROOT, Baselines, format_table, load_sets, open_set, parse_overrides, run_set

TWINS = ROOT / ".bench" / "twins"
TWIN_INDEXES = ROOT / ".bench" / "twins-index"
# The sets holding web pages or Word files, each kind of page a generator writes.
DEFAULT_SETS = "word,laidout,doxygen,sites,beacon,structure"


def make_twin(corpus: Path, twin: Path) -> None:
    """Write `corpus` into `twin` with its web pages and Word files printed to PDF."""
    staging = twin.with_name(twin.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        folder = staging / path.parent.relative_to(corpus)
        folder.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".html":
            printed = folder / f"{path.stem}.pdf"
            command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={printed}"]
            subprocess.run([*command, path.resolve().as_uri()], check=True, capture_output=True, timeout=300)
        elif path.suffix == ".docx":
            command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)]
            subprocess.run(command, check=True, capture_output=True, timeout=300)
        elif (page := _man_source(corpus, path)) is not None:  # a manual page, typeset by groff
            made = subprocess.run(["man", "-Tpdf", "-l", page], check=True, capture_output=True, timeout=300).stdout
            (folder / f"{path.stem}.pdf").write_bytes(made)
        else:
            shutil.copy2(path, folder / path.name)
    staging.rename(twin)


def _man_source(corpus: Path, path: Path) -> str | None:
    """The manual page a corpus's text file was rendered from (devdocs.RENDERED, "man"), or None."""
    from devdocs import DEBS, RENDERED

    target = path.relative_to(corpus).as_posix()
    pages = [source for _, source, how, name in RENDERED.get(corpus.name, []) if how == "man" and name == target]
    if not pages:
        return None
    unpacked = DEBS / "root" / pages[0].lstrip("/")  # where bench/devdocs.py unpacked its package
    return str(unpacked if unpacked.exists() else pages[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=DEFAULT_SETS)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--misses", action="store_true", help="print the questions right in one form only")
    args = parser.parse_args()

    from index.embed import make_embedder
    from index.settings import IndexSettings

    overrides = parse_overrides(args.overrides)
    embedder = make_embedder(IndexSettings(**overrides.get("index", {})))
    results: dict[str, dict[str, dict[str, object]]] = {}
    for devset in load_sets(args.sets.split(",")):
        twin = TWINS / devset.name
        if not twin.exists():
            missing = [tool for tool in ("chromium", "soffice") if shutil.which(tool) is None]
            if missing:
                sys.exit(f"error: {' and '.join(missing)} not found, needed to print {devset.name}'s files to PDF")
            make_twin(devset.corpus, twin)
        printed = dataclasses.replace(devset, name=f"{devset.name}-pdf", corpus=twin, index=TWIN_INDEXES / devset.name)
        tallies = {}
        for each in (devset, printed):
            bot = open_set(each, overrides, embedder)
            tallies[each.name] = run_set(each, bot, "ours", Baselines(bot))
            results[each.name] = {"ours": tallies[each.name].row()}
        if args.misses:
            own, twinned = ({m.split(" ", 1)[0] for m in t.misses} for t in tallies.values())
            for name, lost in ((printed.name, twinned - own), (devset.name, own - twinned)):
                if lost:
                    print(f"--- {name}: missed here only: {', '.join(sorted(lost))}", file=sys.stderr)
    print(format_table(results))


if __name__ == "__main__":
    main()
