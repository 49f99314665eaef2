"""How long the parsers take on the pathological files at full size, and what a rebuild does with them.

1. parse: each file is parsed (loaded and chunked, as a rebuild does) in a fresh process; its wall
   time, peak resident memory and chunks are reported, or that it was stopped at the default parse
   budget (IndexSettings.parse_timeout_s).
2. rebuild (--rebuild): a corpus of one ordinary document plus the four files is rebuilt with the
   default settings and a hashing embedder (so that embedding 10,000 chunks of one line costs
   nothing); the report's time, what was skipped and why, and whether the ordinary document answers.

Usage: .venv/bin/python bench/pathological.py [--rebuild] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.settings import IndexSettings  # noqa: E402
from tests import pathological  # noqa: E402

FILES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "200,000 nested <div>s (2.2 MB)": ("boxes.html", lambda p: pathological.nested_divs(p, 200_000)),
    "20 MB on one line": ("line.txt", lambda p: pathological.one_line(p, 20)),
    "PDF, 5,000 pages of one word": ("pages.pdf", lambda p: pathological.pdf_pages(p, 5_000)),
    "DOCX, a 10,000-row table": ("table.docx", lambda p: pathological.docx_table(p, 10_000)),
}

# Parses one file in this fresh process and prints seconds, peak RSS (MB), chunks and any error.
PARSE = """
import json, resource, sys, time
from pathlib import Path
from index.loaders import SourceFile
from index.parsing import parse
path = Path(sys.argv[1])
started = time.perf_counter()
parsed = parse(SourceFile(path.name, path, "bench", path.stat().st_size), 120, 1)
print(json.dumps({"seconds": round(time.perf_counter() - started, 2),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "chunks": len(parsed.chunks), "error": parsed.error}))
"""


def parse_figures(folder: Path, budget_s: float) -> dict[str, Any]:
    figures = {}
    for label, (name, write) in FILES.items():
        path = write(folder / name)
        size = path.stat().st_size
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", PARSE, str(path)],
                capture_output=True,
                text=True,
                timeout=budget_s,
                check=True,
                cwd=ROOT,
            )
            figures[label] = {"bytes": size, **json.loads(done.stdout)}
        except subprocess.TimeoutExpired:
            waited = round(time.perf_counter() - started, 1)
            figures[label] = {"bytes": size, "stopped_after_s": waited}
        print(f"{label}: {figures[label]}", file=sys.stderr)
    return figures


def rebuild_figures(folder: Path) -> dict[str, Any]:
    from assistant import Assistant, AssistantSettings
    from index.build import rebuild
    from tests.fakes import HashEmbedder

    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text("The harbour froze in January, and the ferries stopped.\n")
    for name, write in FILES.values():
        write(corpus / name)
    settings = IndexSettings(corpus=corpus, index_dir=folder / "index")
    report = rebuild(settings, HashEmbedder())
    bot = Assistant(settings=AssistantSettings(index=settings, rerank=False), embedder=HashEmbedder())
    answer = bot.ask("When did the harbour freeze?")
    return {
        "seconds": round(report.seconds, 1),
        "summary": report.summary(),
        "warnings": report.warnings,
        "indexed": bot.sources(),
        "harbour_answers": answer.grounded and answer.citations[0].source == "harbour.txt",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="also rebuild a corpus holding all four")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    budget = IndexSettings().parse_timeout_s
    with tempfile.TemporaryDirectory(prefix="pathological-") as tmp:
        figures: dict[str, Any] = {"parse_budget_s": budget, "parse": parse_figures(Path(tmp), budget)}
        if args.rebuild:
            figures["rebuild"] = rebuild_figures(Path(tmp))
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{'file':34} {'size':>9} {'parse':>12} {'peak RSS':>9} {'chunks':>7}")
    for label, row in figures["parse"].items():
        size = f"{row['bytes'] / 2**20:.1f} MB"
        if "stopped_after_s" in row:
            print(f"{label:34} {size:>9} {'> ' + str(budget) + ' s':>12} {'':>9} {'':>7}  stopped at the budget")
        else:
            note = f"  {row['error']}" if row["error"] else ""
            print(f"{label:34} {size:>9} {row['seconds']:>10} s {row['peak_mb']:>6} MB {row['chunks']:>7}{note}")
    if "rebuild" in figures:
        rebuilt = figures["rebuild"]
        print(f"\nrebuild: {rebuilt['summary']}")
        for warning in rebuilt["warnings"]:
            print(f"  warning: {warning}")
        print(f"  the ordinary document answers: {rebuilt['harbour_answers']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
