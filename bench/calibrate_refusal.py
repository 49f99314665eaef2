"""Calibrate refusal on three kinds of text: how well a signal separates questions a corpus answers
from questions it does not.

usage: python bench/calibrate_refusal.py [--model NAME] [--cross-sentences N] [--set FIELD=VALUE ...]
                                        [--later] [--json FILE]

Kinds (the sets and indexes of bench/devsets.py):
- prose: seeds/ with eval/dev.json: its answerable questions (follow-ups as rewritten) answer,
  its off-topic ones do not;
- encyclopaedic: the 991 HotpotQA paragraphs: the questions of items 0-49 and of the extra set
  answer; the questions of every other set (seeds and the sets of reference documents), about
  other things, do not;
- reference: the documents and tables of every document set of bench/devsets.py (eval/structure.json,
  postgres, python, rmanuals, sqlite, packaging, mixed, handbooks, wider, unseen), each with its own
  answerable and unanswerable questions; with `--later`, the sets written after them too (toolbox
  to manpages, but filings, whose answers are figures computed from the text).

Signals, for the best-ranked sentences of each question:
- match: the best `Evidence.match` (the cosine and word overlap weighed by `semantic_weight`, 0.7
  with bge-small-en-v1.5), what `min_relevance` bounds (the whole question's: the rule's second
  reading of a question of several sentences, `match_asking_sentence`, is not measured here; no
  development question falls under `min_relevance` so);
- cross: the best of the cross-encoder's logits for the question (and its last sentence alone, for a
  question of several: `cross_asking_sentence`; and the clause from its last interrogative on, when
  words come before it: `cross_asked_clause`; `assistant.question.readings`) and each of the best
  `AssistantSettings.cross_sentences` (10; `--cross-sentences N` measures another) sentences,
  each read alone, and with the words around it too when `cross_context` is set (`--set
  cross_context=35`);
- unknown: whether the question names something of which the corpus holds no word (after a
  misspelt name is respelled; `refuse_unknown_names`, `respell_names`);
- unheard: whether the question holds a word of which the corpus holds no index term, for which
  the cross-encoder's check reaches `unheard_reach` further up the match.
For each threshold the tables give, per kind, the answerable questions refused and the
unanswerable ones answered; a threshold is chosen where the errors of the three kinds, each kind's
two shares averaged, are fewest. The last table is the rule the assistant applies: refuse below a
best match of `min_relevance`, when a name is unknown, and below a cross-encoder logit of
`min_cross` when the best match is under `cross_below` (`unheard_reach` more for a question
holding a word no chunk holds); its values are written for the model
measured into `REFUSAL_THRESHOLDS` and `CROSS_CHECK_BELOW` (assistant/settings.py). `--model NAME`
measures another embedding model; `--set FIELD=VALUE` another setting (as bench/devsets.py reads
it: `--set ranking.semantic_weight=0.7`), since what the match is depends on the ranking's weights.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from devsets import DOCUMENT_SETS, LATER_SETS  # noqa: E402

KINDS = {
    "prose": ["seeds"],
    "encyclopaedic": ["hotpot-dev", "hotpot-extra"],
    "reference": list(DOCUMENT_SETS),
}
# With --later, the reference kind holds the sets written later too, but the filings set, whose
# answers are computed figures no sentence holds.
LATER = [name for name in LATER_SETS if name != "filings"]


def signals(bot: Any, question: str) -> Signal:
    """(best match, the best cross-encoder logit of the best sentences, 1 when the question names
    something the corpus never mentions and 0 otherwise, 1 when it holds a word no chunk holds and
    0 otherwise) of `question` on `bot`."""
    from assistant.question import readings, unheard_words

    settings = bot.settings
    names = bot.read_names(question)
    query, unknown = names.query, float(bool(names.unknown))
    unheard = float(bool(unheard_words(query, bot.reader.lexical.holds)))
    found = bot.search(query, k=1000)
    if not found:
        return 0.0, -20.0, unknown, unheard
    match = max(e.match for e in found)
    best = [e.text for e in found[: settings.cross_sentences]]
    if settings.cross_context > 0:  # each also read with the words around it, as the rule does
        best += [e.context for e in found[: settings.cross_sentences]]
    read = readings(query, settings.cross_asking_sentence, settings.cross_asked_clause)  # as the rule reads it
    cross = max(float(max(bot.reranker.score(reading, best))) for reading in read) if bot.reranker is not None else 0.0
    return match, cross, unknown, unheard


def queries(devset: Any, bot: Any) -> tuple[list[str], list[str]]:
    """The set's answerable and unanswerable questions (follow-ups as the conversation rewrites them)."""
    answerable = [q.q for q in devset.questions if q.grounded]
    unanswerable = [q.q for q in devset.questions if not q.grounded]
    for turns in devset.conversations:
        chat = bot.conversation()
        for turn in turns:
            answerable.append(chat.ask(turn.q).query)
    return answerable, unanswerable


Signal = tuple[float, float, float, float]
"""(match, cross, unknown, unheard), as `signals` reads them."""
Signals = dict[str, dict[str, list[Signal]]]


def measure(
    model: str | None,
    cross_sentences: int | None = None,
    pairs: list[str] | None = None,
    kinds: dict[str, list[str]] = KINDS,
) -> Signals:
    from devsets import load_sets, open_set, parse_overrides

    from index.embed import make_embedder
    from index.settings import IndexSettings

    embedder = make_embedder(IndexSettings(**({"embed_model": model} if model else {})))
    overrides: dict[str, Any] = parse_overrides(pairs or [])
    if model:
        overrides.setdefault("index", {})["embed_model"] = model
    if cross_sentences:
        overrides["cross_sentences"] = cross_sentences
    sets = {s.name: s for s in load_sets([name for names in kinds.values() for name in names])}
    bots = {name: open_set(devset, overrides, embedder) for name, devset in sets.items()}
    asked = {name: queries(sets[name], bots[name]) for name in sets}
    out: Signals = {}
    for kind, names in kinds.items():
        positives = [q for name in names for q in asked[name][0]]
        if kind == "encyclopaedic":
            negatives = [q for name in sets if name not in names for q in (*asked[name][0], *asked[name][1])]
            bot_of = {q: bots[names[0]] for q in positives + negatives}
        else:
            negatives = [q for name in names for q in asked[name][1]]
            bot_of = {q: bots[name] for name in names for q in (*asked[name][0], *asked[name][1])}
        out[kind] = {
            "answerable": [signals(bot_of[q], q) for q in positives],
            "unanswerable": [signals(bot_of[q], q) for q in negatives],
        }
    return out


def errors(values: dict[str, list[Signal]], which: int, threshold: float) -> tuple[float, float]:
    """(share of answerable questions refused, share of unanswerable ones answered) at `threshold`."""
    refused = sum(v[which] < threshold for v in values["answerable"]) / max(1, len(values["answerable"]))
    answered = sum(v[which] >= threshold for v in values["unanswerable"]) / max(1, len(values["unanswerable"]))
    return refused, answered


def combined(found: Signals, floor: float, model: str, reach: float) -> None:
    """The rule applied: refused below a match of `floor`, or below a cross-encoder logit `cross`
    when the match is under `below` (`reach` higher for a question holding a word no chunk holds:
    `unheard_reach`); the ten pairs with fewest errors, then the default's."""
    from assistant.settings import CROSS_CHECK_BELOW, AssistantSettings

    def answered(signal: Signal, cross: float, below: float) -> bool:
        match, logit, unknown, unheard = signal
        return match >= floor and not unknown and not (logit < cross and match < below + reach * unheard)

    def errors_of(cross: float, below: float) -> list[tuple[int, int, int, int]]:
        out = []
        for values in found.values():
            answers = [answered(signal, cross, below) for signal in values["answerable"]]
            wrong = [answered(signal, cross, below) for signal in values["unanswerable"]]
            out.append((answers.count(False), len(answers), wrong.count(True), len(wrong)))
        return out

    def line(cross: float, below: float) -> str:
        cells = errors_of(cross, below)
        mean = sum((r / max(1, a) + w / max(1, u)) / 2 for r, a, w, u in cells) / len(cells)
        shown = " ".join(f"{f'{r}/{a} / {w}/{u}':>34}" for r, a, w, u in cells)
        return f"{cross:6.1f} {below:6.2f} {shown}  {mean:10.3f}"

    print(f"{'cross':>6} {'below':>6} " + " ".join(f"{k + ' refused / answered':>34}" for k in found) + "  mean error")
    pairs = [(float(c), round(0.4 + 0.02 * b, 2)) for c in range(-10, 3) for b in range(0, 21)]
    pairs.sort(key=lambda p: sum((r / max(1, a) + w / max(1, u)) / 2 for r, a, w, u in errors_of(*p)))
    for cross, below in pairs[:10]:
        print(line(cross, below))
    default = AssistantSettings()
    print("the default:")
    print(line(default.min_cross or 0.0, CROSS_CHECK_BELOW.get(model, 0.0)))


def table(found: Signals, which: int, grid: list[float]) -> float:
    """Prints the per-kind table for signal `which` (0 match, 1 cross); returns the best threshold."""
    kinds = list(found)
    print(f"{'threshold':>9} " + " ".join(f"{k + ' refused / answered':>34}" for k in kinds) + "  mean error")
    best, best_error = grid[0], 2.0
    for t in grid:
        cells, total = [], 0.0
        for kind in kinds:
            refused, answered = errors(found[kind], which, t)
            n_pos, n_neg = len(found[kind]["answerable"]), len(found[kind]["unanswerable"])
            shares = f"{round(refused * n_pos):>3}/{n_pos} {refused:4.0%} / {round(answered * n_neg):>3}/{n_neg}"
            cells.append(f"{shares} {answered:4.0%}")
            total += (refused + answered) / 2
        mean = total / len(kinds)
        if mean < best_error - 1e-9:
            best, best_error = t, mean
        print(f"{t:9.2f} " + " ".join(f"{c:>34}" for c in cells) + f"  {mean:10.3f}")
    print(f"fewest errors at {best:.2f} (mean error {best_error:.3f})")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="IndexSettings.embed_model (default: the settings' default)")
    parser.add_argument("--json", type=Path, help="also write every question's signals to this file")
    parser.add_argument("--cross-sentences", type=int, help="AssistantSettings.cross_sentences (default: 10)")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="another setting")
    parser.add_argument("--later", action="store_true", help="the sets written later among the reference ones")
    args = parser.parse_args()
    kinds = {**KINDS, "reference": [*DOCUMENT_SETS, *LATER]} if args.later else KINDS
    found = measure(args.model, args.cross_sentences, args.set, kinds)
    if args.json:
        args.json.write_text(json.dumps(found), encoding="utf-8")
    for kind, values in found.items():
        for side, pairs in values.items():
            matches = sorted(p[0] for p in pairs)
            low, mid, high = matches[0], matches[len(matches) // 2], matches[-1]
            print(f"{kind:13} {side:12} n={len(pairs):3}  match min {low:.3f} median {mid:.3f} max {high:.3f}")
    print("\nmatch (min_relevance):")
    floor = table(found, 0, [round(0.30 + 0.02 * i, 2) for i in range(20)])
    print("\ncross-encoder logit of the best sentence:")
    table(found, 1, [float(t) for t in range(-10, 6)])
    from assistant.settings import AssistantSettings

    model = args.model or AssistantSettings().index.embed_model
    floor = AssistantSettings().refusal_threshold(model)
    print(f"\nmatch at least {floor:.2f}, and a cross-encoder logit of at least `cross` below a match of `below`:")
    from devsets import parse_overrides

    reach = float(parse_overrides(args.set).get("unheard_reach", AssistantSettings().unheard_reach))
    combined(found, floor, model, reach)


if __name__ == "__main__":
    main()
