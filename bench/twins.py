"""Development sets asked again of their documents printed to PDF, or saved as OpenDocument or EPUB.

usage: python bench/twins.py [--into pdf|odt|epub] [--sets word,laidout,...] [--set FIELD=VALUE ...]
                             [--misses]

A set's PDF twin (the default) is its corpus with every web page printed to PDF by Chromium (headless, with the
header and footer a browser prints: the time and the page's title over each page, its address and
"1/2" under it), every Word file exported to PDF by LibreOffice (a table's rows written cell by
cell, lists' bullets from a symbol font) and every manual page saved as text typeset to PDF by
groff (`man -Tpdf`, from the page devdocs.RENDERED made it of); other files are copied as they are. The same questions
are scored over both, each over an index of its own (the set's own under .bench/devdocs-index/, the
twin's under .bench/twins-index/), so that what the PDF reader loses shows against what the HTML
and Word readers get from the same text. Evidence strings are the text's, so they hold for a PDF.

With `--into odt`, every Word file is saved as OpenDocument by LibreOffice and every web page,
Markdown and reStructuredText file by pandoc; with `--into epub`, each of them is made an EPUB
book by pandoc. Where a package publishes a set's documents in that format itself (PUBLISHED:
Gutenprint's manual as the .odt its Word file was exported from, Debian Policy and the
Developer's Reference as the EPUB books Sphinx builds, Debian's history as its DocBook EPUB), the
published file stands in their place. Those books hold every chapter, where the set holds some;
files no converter reads (a PDF, plain text) are copied as they are.

Twins are made once into .bench/twins/<set> (PDF) or .bench/twins/<set>-<format> (delete it to
make it again). Needs `chromium`, LibreOffice (`soffice`) and `pandoc`, e.g. `apt-get install
chromium libreoffice-writer-nogui pandoc`.
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
# The sets holding web pages or Word files, each kind of page a generator writes; for OpenDocument
# and EPUB, the sets of Word files, Markdown, reStructuredText and Sphinx's pages.
DEFAULT_SETS = {
    "pdf": "word,laidout,doxygen,sites,beacon,structure",
    "odt": "word,markdown,hinterland",
    "epub": "packaging,wider,markdown,hinterland",
}
# What the converters make of each kind of file, by format: LibreOffice or pandoc (pandoc reads
# these formats by their suffixes).
PANDOC_READS = (".html", ".md", ".rst", ".docx")
# Documents a package publishes in a twin's format itself, by (set, format): the file or folder of
# the corpus they stand for, and the published file.
PUBLISHED: dict[tuple[str, str], dict[str, str]] = {
    ("word", "odt"): {"gutenprint-users-manual.docx": "/usr/share/doc/gutenprint-doc/gutenprint-users-manual.odt"},
    ("packaging", "epub"): {
        "developers-reference": "/usr/share/developers-reference/developers-reference.epub",
        "policy": "/usr/share/doc/debian-policy/policy.epub",
    },
    ("wider", "epub"): {"debian-history": "/usr/share/doc/debian-history/docs/project-history.en.epub"},
}
TOOLS = {"pdf": ("chromium", "soffice"), "odt": ("soffice", "pandoc"), "epub": ("pandoc",)}


def make_twin(corpus: Path, twin: Path, into: str = "pdf") -> None:
    """Write `corpus` into `twin` with its documents printed to PDF, or saved as `into`."""
    staging = twin.with_name(twin.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    published = PUBLISHED.get((corpus.name, into), {})
    for source in published.values():
        staging.mkdir(parents=True, exist_ok=True)
        shutil.copy2(_installed(source), staging / Path(source).name)
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        relative = path.relative_to(corpus)
        if any(relative.as_posix() == name or name in relative.parts[:-1] for name in published):
            continue
        folder = staging / relative.parent
        folder.mkdir(parents=True, exist_ok=True)
        if into != "pdf":
            _save_as(path, folder / f"{path.stem}.{into}", into)
        elif path.suffix == ".html":
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


def _save_as(path: Path, out: Path, into: str) -> None:
    """Save one file as OpenDocument or EPUB, or copy it where no converter reads its kind."""
    if into == "odt" and path.suffix == ".docx":
        command = ["soffice", "--headless", "--convert-to", "odt", "--outdir", str(out.parent), str(path)]
        subprocess.run(command, check=True, capture_output=True, timeout=300)
    elif path.suffix in PANDOC_READS:
        # Run beside the file, so that pandoc finds the pictures it links to; a file without a
        # title (a front matter's, a page's <title>) takes its file's name.
        command = ["pandoc", "--standalone", path.name, "-o", str(out.resolve())]
        subprocess.run(command, check=True, capture_output=True, timeout=300, cwd=path.parent)
    else:
        shutil.copy2(path, out.with_name(path.name))


def _installed(path: str) -> Path:
    """A package's file: where it is installed, else where bench/devdocs.py unpacked its package."""
    from devdocs import DEBS

    unpacked = DEBS / "root" / path.lstrip("/")
    return Path(path) if Path(path).exists() else unpacked


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
    parser.add_argument("--into", choices=sorted(DEFAULT_SETS), default="pdf", help="the format of the twins")
    parser.add_argument("--sets", help="the sets to twin (by format, see DEFAULT_SETS)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--misses", action="store_true", help="print the questions right in one form only")
    args = parser.parse_args()

    from index.embed import make_embedder
    from index.settings import IndexSettings

    overrides = parse_overrides(args.overrides)
    embedder = make_embedder(IndexSettings(**overrides.get("index", {})))
    results: dict[str, dict[str, dict[str, object]]] = {}
    for devset in load_sets((args.sets or DEFAULT_SETS[args.into]).split(",")):
        twin_name = devset.name if args.into == "pdf" else f"{devset.name}-{args.into}"
        twin = TWINS / twin_name
        if not twin.exists():
            missing = [tool for tool in TOOLS[args.into] if shutil.which(tool) is None]
            if missing:
                sys.exit(
                    f"error: {' and '.join(missing)} not found, needed to save {devset.name}'s files as {args.into}"
                )
            make_twin(devset.corpus, twin, args.into)
        printed = dataclasses.replace(
            devset, name=f"{devset.name}-{args.into}", corpus=twin, index=TWIN_INDEXES / twin_name
        )
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
