"""How often answers give two sentences of one passage the other way round from the document.

usage: python bench/reading_order.py [--sets papers,further,unseen,handbooks] [--set FIELD=VALUE ...]

For each development set named (see bench/devsets.py), every question is asked and each pair of
the answer's citations is looked at: a pair counts when both cite one document, the later citation's
passage ends right before the earlier one's starts (within `assistant.selection.RUN_GAP`
characters: the same paragraph or the next), so the reader meets the second half of the passage
first. `--set ranking.reading_order=false` measures the answers without `reading_order`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from devsets import load_sets, open_set, parse_overrides  # noqa: E402


def main() -> None:
    from assistant.selection import RUN_GAP

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="papers,further,unseen,handbooks")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    args = parser.parse_args()
    overrides = parse_overrides(args.set)
    total = 0
    print(f"{'set':<12} {'questions':>9} {'pairs the other way round':>26}")
    for devset in load_sets(args.sets.split(",")):
        bot = open_set(devset, overrides)
        pairs = 0
        for question in devset.questions:
            cited = bot.ask(question.q).citations
            pairs += sum(
                1
                for n, earlier in enumerate(cited)
                for later in cited[n + 1 :]
                if later.source == earlier.source and 0 <= earlier.start - later.end <= RUN_GAP
            )
        total += pairs
        print(f"{devset.name:<12} {len(devset.questions):>9} {pairs:>26}")
    print(f"{'all':<12} {'':>9} {total:>26}")


if __name__ == "__main__":
    main()
