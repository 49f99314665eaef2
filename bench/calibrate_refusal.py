"""Calibrate the refusal threshold: how well the best sentence's match separates questions the
corpus answers from questions it does not.

usage: python bench/calibrate_refusal.py [--model NAME]

Two corpora, each with questions it answers and questions it cannot:
- seeds/: the answerable development questions of eval/dev.json (follow-ups as rewritten) are
  positives; its unanswerable
  ones and the HotpotQA development questions (about other things) are negatives;
- the HotpotQA corpus of bench/hotpot.py: its development questions (0-49) are positives; the
  seeds questions are negatives.
For each candidate threshold it prints the share of positives answered and of negatives refused;
the threshold is chosen where both are highest (the middle of the widest gap) and written, for the
model measured, into `REFUSAL_THRESHOLDS` (assistant/settings.py). `--model NAME` measures another
embedding model (IndexSettings.embed_model).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def best_match(bot, question: str) -> float:  # type: ignore[no-untyped-def]
    return max((e.match for e in bot.search(question, k=1000)), default=0.0)


def followup_matches(bot, dev: dict) -> list[float]:  # type: ignore[no-untyped-def,type-arg]
    """Best matches of the conversation turns, each asked as its rewritten query."""
    out = []
    for conversation in dev.get("conversations", []):
        chat = bot.conversation()
        for turn in conversation["turns"]:
            out.append(best_match(bot, chat.ask(turn["q"]).query))
    return out


def main() -> None:
    import argparse
    import tempfile

    from hotpot import WORK, load_items, open_hotpot, write_corpus

    from assistant import Assistant, AssistantSettings, IndexSettings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=IndexSettings().embed_model, help="IndexSettings.embed_model")
    args = parser.parse_args()

    dev = json.loads((ROOT / "eval" / "dev.json").read_text())
    seed_pos = [q["q"] for q in dev["questions"] if q.get("grounded", True)]
    seed_neg = [q["q"] for q in dev["questions"] if not q.get("grounded", True)]
    items = load_items()
    hotpot_dev = [item["question"] for item in items[:50]]
    write_corpus(items, WORK / "corpus")

    with tempfile.TemporaryDirectory() as seeds_index:
        index = IndexSettings(corpus=ROOT / "seeds", index_dir=Path(seeds_index), embed_model=args.model)
        seeds = Assistant(settings=AssistantSettings(index=index))
        hotpot, _ = open_hotpot(embed_model=args.model)
        scores = {
            "seeds +": [best_match(seeds, q) for q in seed_pos] + followup_matches(seeds, dev),
            "seeds -": [best_match(seeds, q) for q in seed_neg + hotpot_dev],
            "hotpot +": [best_match(hotpot, q) for q in hotpot_dev],
            "hotpot -": [best_match(hotpot, q) for q in seed_pos + seed_neg],
        }
    for name, values in scores.items():
        values.sort()
        print(
            f"{name:9} n={len(values):3}  min {values[0]:.3f}  median {values[len(values) // 2]:.3f}  "
            f"max {values[-1]:.3f}"
        )
    positives = scores["seeds +"] + scores["hotpot +"]
    negatives = scores["seeds -"] + scores["hotpot -"]
    print(f"\n{'threshold':>9} {'answered':>9} {'refused':>8}")
    for step in range(15, 70, 2):
        t = step / 100
        answered = sum(v >= t for v in positives) / len(positives)
        refused = sum(v < t for v in negatives) / len(negatives)
        print(f"{t:9.2f} {answered:9.0%} {refused:8.0%}")


if __name__ == "__main__":
    main()
