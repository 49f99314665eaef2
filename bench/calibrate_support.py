"""Calibrate the two bars a model's sentence must clear to count as supported by the passage it cites.

usage: python bench/calibrate_support.py

Over the development questions (eval/dev.json over seeds/, and HotpotQA items 0-49; items 50-99
are held out and never read here), the eight best-ranked sentences of each question are the
passages. Sentences a model might write are made from them, in four ways: the passage sentence as
it is, a contiguous 60% of its words (a clause copied), that clause with every fourth word left out
(a loose paraphrase), and the clause after the question's own words (a model restating the
question, "did Putin say after his talks with Scholz: ...").
- supported: made from the passage it cites (each of the three best of a question);
- unsupported: made from another passage ranked for the same question, from another document, but
  citing the first one (a hard case: same topic, other facts).
Each gets `overlap` and `cosine` as `assistant.generate.check` computes them; the grid of both bars
(0.20 to 0.80 by 0.05) is searched for the pair keeping at least 90% of supported sentences while
rejecting the most unsupported ones.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PASSAGES = 8
CITED = 3
MIN_KEPT = 0.9


def variants(text: str, question: str) -> list[str]:
    tokens = text.split()
    span = max(4, int(len(tokens) * 0.6))
    start = max(0, (len(tokens) - span) // 2)
    clause = tokens[start : start + span]
    loose = [w for i, w in enumerate(clause) if i % 4 != 3]
    restated = " ".join(question.rstrip("?").split()[1:])  # the question's words, its wh-word left out
    return [text, " ".join(clause), " ".join(loose), f"{restated}: {' '.join(clause)}"]


def pairs(bot: Any, questions: list[str]) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    from assistant.generate import Claim, check

    good: list[tuple[float, float]] = []
    bad: list[tuple[float, float]] = []
    for question in questions:
        ranked, idf = bot._read(lambda reader, q=question: (bot._rank(q, None, reader), reader.lexical.idf))
        given = ranked[:PASSAGES]
        for cited in given[:CITED]:
            others = [p for p in given if p.candidate.source != cited.candidate.source]
            for source, out in [(cited, good)] + [(o, bad) for o in others[:2]]:
                claims = [Claim(text, (1,)) for text in variants(source.candidate.sentence.text, question)]
                for item in check(claims, [cited], bot.embedder, idf, 0.0, -1.0):
                    out.append((item.overlap, item.cosine))
    return good, bad


def main() -> None:
    from hotpot import load_items
    from llm_answers import WORK, hotpot_corpus, open_bot

    from index.embed import make_embedder
    from index.settings import IndexSettings

    embedder = make_embedder(IndexSettings())
    embedder.embed(["warm up"], kind="query")
    dev = json.loads((ROOT / "eval" / "dev.json").read_text(encoding="utf-8"))
    seeds_questions = [q["q"] for q in dev["questions"] if q.get("grounded", True)]
    corpus, items = hotpot_corpus()
    assert len(items) == 50 and items[0] == load_items()[0]  # the development half only
    good, bad = pairs(open_bot(ROOT / "seeds", WORK / "seeds-index", embedder, None), seeds_questions)
    hotpot_bot = open_bot(corpus, WORK / "hotpot" / "index", embedder, None)
    more_good, more_bad = pairs(hotpot_bot, [i["question"] for i in items])
    good, bad = good + more_good, bad + more_bad
    grid = [round(0.2 + 0.05 * i, 2) for i in range(13)]
    best = None
    for o in grid:
        for c in grid:
            kept = sum(x >= o and y >= c for x, y in good) / len(good)
            passed = sum(x >= o and y >= c for x, y in bad) / len(bad)
            if kept >= MIN_KEPT and (best is None or (kept - passed) > best[2] - best[3]):
                best = (o, c, kept, passed)
    print(f"{len(good)} supported, {len(bad)} unsupported sentences")
    print(f"{'min_overlap':>11} {'min_cosine':>10} {'supported kept':>15} {'unsupported passed':>19}")
    for o, c in [(0.5, 0.5), (0.6, 0.4), (0.5, 0.4), (0.6, 0.5), (0.7, 0.3), *(best[:2] for _ in [0] if best)]:
        kept = sum(x >= o and y >= c for x, y in good) / len(good)
        passed = sum(x >= o and y >= c for x, y in bad) / len(bad)
        print(f"{o:11.2f} {c:10.2f} {kept:15.1%} {passed:19.1%}")
    if best:
        print(f"best with at least {MIN_KEPT:.0%} kept: min_overlap {best[0]}, min_cosine {best[1]}")


if __name__ == "__main__":
    main()
