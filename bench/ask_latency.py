"""Timings on a corpus: model load, cold rebuild, unchanged rebuild, warm ask latency.

usage: python bench/ask_latency.py [--corpus seeds] [--repeat 20]

The model is loaded (and run once) before the cold rebuild, which is timed on its own. Warm ask
latency is measured after one warm-up question, over the dev questions (eval/dev.json) asked
`--repeat` times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "dev.json")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from assistant import Assistant
    from index.build import rebuild
    from index.embed import make_embedder
    from index.settings import IndexSettings

    with tempfile.TemporaryDirectory(prefix="bench-index-") as index_dir:
        settings = IndexSettings(corpus=args.corpus, index_dir=Path(index_dir))
        t0 = time.perf_counter()
        embedder = make_embedder(IndexSettings())
        embedder.embed(["warm up"], kind="query")
        load_s = time.perf_counter() - t0
        cold = rebuild(settings, embedder)
        unchanged = rebuild(settings, embedder)
        bot = Assistant(corpus=args.corpus, index_dir=index_dir, embedder=embedder)
        bot.warm()
        questions = [q["q"] for q in json.loads(args.questions.read_text())["questions"]]
        latencies = []
        for _ in range(args.repeat):
            for question in questions:
                started = time.perf_counter()
                bot.ask(question)
                latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    print(f"corpus                 {args.corpus} ({cold.documents} documents, {cold.chunks} chunks)")
    print(f"model load             {load_s:.2f} s (imports, weights, first encode)")
    print(f"cold rebuild           {cold.seconds:.2f} s (model already loaded)")
    print(f"unchanged rebuild      {unchanged.seconds * 1000:.1f} ms")
    print(
        f"warm ask ({len(latencies)} asks)   p50 {statistics.median(latencies):.1f} ms  "
        f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.1f} ms  max {latencies[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
