"""Every development set in one table: our answers and three retrieval baselines, scored alike.

usage: python bench/devsets.py [--sets seeds,hotpot-dev,...] [--systems ours,dense,bm25,llama]
                               [--set FIELD=VALUE ...] [--json FILE] [--misses]

Sets (each index is built once and reused; a rebuild brings it in step with the code):
- seeds: eval/dev.json over seeds/ (index .bench/devsets/seeds);
- seeds-grown: eval/dev.json over seeds/ and the 991 HotpotQA paragraphs, a corpus 200 times
  larger of unrelated text (.bench/devsets/seeds-grown);
- hotpot-dev, hotpot-extra, hotpot-fresh, hotpot-blind, hotpot-plain: HotpotQA items 0-49,
  bench/hotpot_extra.json, bench/hotpot_fresh.json, bench/hotpot_blind.json and
  bench/hotpot_plain.json over the 991 paragraphs of bench/hotpot.py (its index). Items 50-99 are
  held out: never run here;
- structure, postgres, python, rmanuals, sqlite, packaging, mixed, handbooks, wider, unseen: eval/<name>.json over
  .bench/devdocs/<name> (made by `python bench/devdocs.py`), indexes under .bench/devdocs-index/;
- documents-together: the questions of those ten sets over one corpus of all their documents
  (.bench/devsets/documents-together), each set's in a folder of its own;
- toolbox, audit, typeset, laidout, doxygen, word, filings, afield, further, papers, beyond, toolchains,
  admin, markdown, sites, journals, toolkits, manpages, farther, distant, remote, outlying, yonder, beacon, drawn,
  headed, offing, horizon, hinterland, outback, frontier, wilds, outpost, backwoods, badlands, mesa,
  plateau, ridge, summit, crest, cairn:
  eval/<name>.json over .bench/devdocs/<name>, written later and each run over its own corpus only
  (not part of documents-together, whose figures stay comparable from round to round);
- sections: eval/sections.json, questions naming a section by number or title, over the corpus of
  documents-together (its index).

Columns, per set and system (questions and conversation turns counted once each):
- answer: answerable questions whose answer text is right, as `assistant eval` and the project's
  scorer judge it (every `answer_all` group, no `answer_none` string, grounded, at most 120 words);
  for HotpotQA, containment of the gold answer as bench/hotpot.py reads it (yes/no left out);
- evidence: answerable questions whose citations quote enough evidence strings; for HotpotQA, a
  citation of a paragraph of the question's own that holds the gold answer;
- refused: answerable questions refused; answered: unanswerable questions answered (of how many);
- bad: citations whose quote is not held by their span (the scorer's check), of all citations;
- long: answers over 120 words; p50, p95: ms per question (noisy: compare within one run).

Systems:
- ours: `Assistant.ask` (conversations through `Assistant.conversation`);
- dense / bm25: chunks from Chroma alone / BM25 alone, the answer the 3 sentences of the best 3
  chunks closest to the question (cosine / shared stemmed words), cited; never refuses;
- llama: llama-index's default `VectorStoreIndex` retriever over the same Chroma collection, the
  answer the first 3 sentences of its best node, cited.

`--set FIELD=VALUE` sets a field of `AssistantSettings` for ours (`ranking.FIELD` for a field of
`RankingSettings`, e.g. `--set ranking.bridges=false`), so that each rule can be switched off or
weighed differently without touching the code.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from hotpot import BLIND, FRESH, PLAIN, WORK, contains, extra_items, file_name, load_items, write_corpus  # noqa: E402

DEVDOCS = ROOT / ".bench" / "devdocs"
DEVDOCS_INDEX = ROOT / ".bench" / "devdocs-index"
SEEDS_INDEX = ROOT / ".bench" / "devsets" / "seeds"
DOCUMENT_SETS = (
    "structure",
    "postgres",
    "python",
    "rmanuals",
    "sqlite",
    "packaging",
    "mixed",
    "handbooks",
    "wider",
    "unseen",
)
# Sets written after the documents-together corpus was fixed: each runs over its own corpus only,
# so that documents-together's figures stay comparable from round to round.
LATER_SETS = (
    "toolbox",
    "audit",
    "typeset",
    "laidout",
    "doxygen",
    "word",
    "filings",
    "afield",
    "further",
    "papers",
    "beyond",
    "toolchains",
    "admin",
    "markdown",
    "sites",
    "journals",
    "toolkits",
    "manpages",
    "farther",
    "distant",
    "remote",
    "outlying",
    "yonder",
    "beacon",
    "drawn",
    "headed",
    "offing",
    "horizon",
    "hinterland",
    "outback",
    "frontier",
    "wilds",
    "outpost",
    "backwoods",
    "badlands",
    "mesa",
    "plateau",
    "ridge",
    "summit",
    "crest",
    "cairn",
)
GROWN = ROOT / ".bench" / "devsets" / "seeds-grown"
TOGETHER = ROOT / ".bench" / "devsets" / "documents-together"
HOTPOT_SETS = ("hotpot-dev", "hotpot-extra", "hotpot-fresh", "hotpot-blind", "hotpot-plain")
ALL_SETS = ("seeds", "seeds-grown", *HOTPOT_SETS, *DOCUMENT_SETS, "documents-together", *LATER_SETS, "sections")
MAX_WORDS = 120


@dataclass
class Question:
    """One question as every set is scored: the fields of a question file (eval/dev.json), or a
    HotpotQA item's gold answer and its paragraphs that hold it."""

    q: str
    answer_all: list[list[str]] = field(default_factory=list)
    answer_none: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    min_evidence: int = 1
    grounded: bool = True
    sources: list[str] | None = None
    gold: str | None = None  # HotpotQA: the gold answer, matched by containment
    gold_sources: frozenset[str] = frozenset()  # HotpotQA: the question's paragraphs holding it
    id: str = ""


@dataclass
class DevSet:
    name: str
    corpus: Path
    index: Path | None  # None: the HotpotQA index of bench/hotpot.py
    questions: list[Question]
    conversations: list[list[Question]] = field(default_factory=list)


@dataclass
class Tally:
    answerable: int = 0
    answer: int = 0
    evidence: int = 0
    refused: int = 0
    unanswerable: int = 0
    answered: int = 0
    citations: int = 0
    bad: int = 0
    long: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.seconds) * 1000 if self.seconds else 0.0

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000 if ordered else 0.0

    def row(self) -> dict[str, Any]:
        return {
            "answerable": self.answerable,
            "answer": self.answer,
            "evidence": self.evidence,
            "refused": self.refused,
            "unanswerable": self.unanswerable,
            "answered": self.answered,
            "citations": self.citations,
            "bad": self.bad,
            "long": self.long,
            "p50_ms": round(self.p50_ms, 1),
            "p95_ms": round(self.p95_ms, 1),
        }


def _from_file(item: dict[str, Any]) -> Question:
    return Question(
        q=item["q"],
        answer_all=item.get("answer_all", []),
        answer_none=item.get("answer_none", []),
        evidence=item.get("evidence", []),
        min_evidence=item.get("min_evidence", 1),
        grounded=item.get("grounded", True),
        sources=item.get("sources"),
        id=item.get("id", ""),
    )


def _question_file(name: str, path: Path, corpus: Path, index: Path) -> DevSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    conversations = [[_from_file(t) for t in c["turns"]] for c in data.get("conversations", [])]
    return DevSet(name, corpus, index, [_from_file(q) for q in data["questions"]], conversations)


def _hotpot(name: str, items: list[dict[str, Any]]) -> DevSet:
    questions = []
    for n, item in enumerate(items):
        gold = item["answer"]
        holding = frozenset(file_name(t) for t, s in item["context"] if contains("".join(s), gold))
        questions.append(Question(q=item["question"], gold=gold, gold_sources=holding, id=f"{name}-{n}"))
    return DevSet(name, WORK / "corpus", None, questions)


def _grown(items: list[dict[str, Any]]) -> Path:
    """seeds/ and the HotpotQA paragraphs in one corpus folder."""
    corpus = GROWN / "corpus"
    write_corpus(items, corpus)  # removes every other .txt, then the seed is copied in
    for path in (ROOT / "seeds").iterdir():
        (corpus / path.name).write_bytes(path.read_bytes())
    return corpus


def _together() -> DevSet:
    """The questions of every document set over one corpus of all their documents, each set's in
    a folder of its own: a question about SQLite among PostgreSQL's, Python's and R's manuals."""
    corpus = TOGETHER / "corpus"
    questions: list[Question] = []
    for name in DOCUMENT_SETS:
        source = DEVDOCS / name
        if not source.is_dir():
            raise SystemExit(f"{source} is missing: python bench/devdocs.py")
        target = corpus / name
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            copy = target / path.relative_to(source)
            if not copy.is_file() or copy.read_bytes() != path.read_bytes():
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(path.read_bytes())
        own = _question_file(name, ROOT / "eval" / f"{name}.json", source, DEVDOCS_INDEX / name)
        questions += [q for q in own.questions if q.sources is None]
    return DevSet("documents-together", corpus, TOGETHER / "index", questions)


def load_sets(names: list[str]) -> list[DevSet]:
    """The development sets named, HotpotQA's held-out half never among them."""
    sets = []
    items = load_items() if any(n.startswith("hotpot") or n == "seeds-grown" for n in names) else []
    if items:
        write_corpus(items, WORK / "corpus")
    for name in names:
        if name == "seeds":
            sets.append(_question_file(name, ROOT / "eval" / "dev.json", ROOT / "seeds", SEEDS_INDEX))
        elif name == "seeds-grown":
            corpus = _grown(items or load_items())
            sets.append(_question_file(name, ROOT / "eval" / "dev.json", corpus, GROWN / "index"))
        elif name == "hotpot-dev":
            sets.append(_hotpot(name, items[:50]))
        elif name == "hotpot-extra":
            sets.append(_hotpot(name, extra_items(items)))
        elif name == "hotpot-fresh":
            sets.append(_hotpot(name, extra_items(items, FRESH)))
        elif name == "hotpot-blind":
            sets.append(_hotpot(name, extra_items(items, BLIND)))
        elif name == "hotpot-plain":
            sets.append(_hotpot(name, extra_items(items, PLAIN)))
        elif name == "documents-together":
            sets.append(_together())
        elif name == "sections":  # questions naming a section, over the documents together
            together = _together()
            sets.append(_question_file(name, ROOT / "eval" / "sections.json", together.corpus, together.index))
        elif name in DOCUMENT_SETS or name in LATER_SETS:
            sets.append(_question_file(name, ROOT / "eval" / f"{name}.json", DEVDOCS / name, DEVDOCS_INDEX / name))
        else:
            raise SystemExit(f"unknown set {name!r}; sets: {', '.join(ALL_SETS)}")
    return sets


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """`FIELD=VALUE` pairs (VALUE read as JSON where it parses, else as a string) as nested
    settings: `ranking.bridges=false` -> {"ranking": {"bridges": False}}."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        *path, last = key.split(".")
        node = out
        for part in path:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def open_set(devset: DevSet, overrides: dict[str, Any], embedder: Any = None):  # type: ignore[no-untyped-def]
    """The Assistant over the set's corpus, its index brought in step first."""
    from assistant import Assistant, AssistantSettings
    from index.build import rebuild
    from index.embed import make_embedder
    from index.settings import IndexSettings

    given = overrides.get("index", {})
    if devset.index is None:
        probe = IndexSettings(corpus=devset.corpus, **given)
        index = probe.model_copy(update={"index_dir": WORK / f"index-{probe.fingerprint()}"})
    else:
        probe = IndexSettings(corpus=devset.corpus, **given)
        default = IndexSettings(corpus=devset.corpus).fingerprint()
        # Another model or chunking keeps an index of its own beside the default's.
        own = devset.index.with_name(f"{devset.index.name}-{probe.fingerprint()}")
        folder = devset.index if probe.fingerprint() == default else own
        index = probe.model_copy(update={"index_dir": folder})
    embedder = embedder or make_embedder(index)
    report = rebuild(index, embedder)
    if report.rebuilt:
        print(f"{devset.name}: {report.summary()}", file=sys.stderr)
    settings = AssistantSettings.model_validate({**overrides, "index": index.model_dump()})
    bot = Assistant(settings=settings, embedder=embedder)
    bot.warm()
    return bot


class Baselines:
    """The retrieval baselines, each answering with cited sentences (see the module docstring)."""

    def __init__(self, bot) -> None:  # type: ignore[no-untyped-def]
        self.bot = bot
        self._llama: Any = None

    def _answer(self, question: str, sentences: list[tuple[Any, Any]]):  # type: ignore[no-untyped-def]
        from assistant.types import Answer, Citation, Segment

        citations = []
        for chunk, sentence in sentences:
            citations.append(
                Citation(
                    chunk.source,
                    sentence.start,
                    sentence.end,
                    sentence.line_start,
                    sentence.line_end,
                    sentence.text,
                    0.0,
                    title=chunk.title,
                )
            )
        segments = [Segment(s.display, (n,)) for n, (_, s) in enumerate(sentences, start=1)]
        return Answer(question, segments, True, citations, question)

    def _retrieved(self, question: str, mode: str):  # type: ignore[no-untyped-def]
        from assistant.retrieval import retrieve
        from index.text import index_terms

        reader = self.bot.reader
        vector = self.bot.embedder.embed([question], kind="query")[0]
        hits = retrieve(reader, question, vector, 10, None, mode)  # type: ignore[arg-type]
        terms = set(index_terms(question))
        found = []
        for hit in hits[:3]:
            chunk = reader.chunks[hit.position]
            vectors = reader.sentence_vectors(hit.position)
            for sentence, v in zip(chunk.sentences, vectors, strict=True):
                key = float(v @ vector) if mode == "dense" else len(terms & set(index_terms(sentence.text)))
                found.append((key, chunk, sentence))
        found.sort(key=lambda s: -s[0])
        unique: dict[tuple[str, int], tuple[Any, Any]] = {}
        for _, chunk, sentence in found:
            unique.setdefault((chunk.source, sentence.start), (chunk, sentence))
        return self._answer(question, list(unique.values())[:3])

    def dense(self, question: str, sources: list[str] | None = None):  # type: ignore[no-untyped-def]
        return self._retrieved(question, "dense")

    def bm25(self, question: str, sources: list[str] | None = None):  # type: ignore[no-untyped-def]
        return self._retrieved(question, "lexical")

    def llama(self, question: str, sources: list[str] | None = None):  # type: ignore[no-untyped-def]
        from hotpot import llama_retriever

        if self._llama is None:
            self._llama = llama_retriever(self.bot)
        nodes = self._llama.retrieve(question)
        reader = self.bot.reader
        positions = {chunk_id: n for n, chunk_id in enumerate(reader.generation.ids)}
        if not nodes or nodes[0].node.node_id not in positions:
            return self._answer(question, [])
        chunk = reader.chunks[positions[nodes[0].node.node_id]]
        return self._answer(question, [(chunk, s) for s in chunk.sentences[:3]])


def _tokens_in(text: str) -> str:
    from index.text import tokens

    return " " + " ".join(tokens(text)) + " "


def score_turn(bot, question: Question, answer, tally: Tally, texts: dict[str, str]) -> bool:  # type: ignore[no-untyped-def]
    """Adds one answer to `tally`; True when it is right in answer and evidence."""
    from index.text import quote_in_span, tokens

    for citation in answer.citations:
        tally.citations += 1
        if citation.source not in texts:
            texts[citation.source] = bot.source_text(citation.source)
        if not quote_in_span(citation.quote, texts[citation.source][citation.start : citation.end]):
            tally.bad += 1
    long = len(answer.text.split()) > MAX_WORDS
    tally.long += long
    if not question.grounded:
        tally.unanswerable += 1
        tally.answered += answer.grounded
        return not answer.grounded
    if question.gold is not None and question.gold.lower() in ("yes", "no"):
        return True  # containment cannot judge yes/no (see bench/hotpot.py)
    tally.answerable += 1
    tally.refused += not answer.grounded
    if not answer.grounded:
        return False
    if question.gold is not None:
        right = contains(answer.text, question.gold) and not long
        evidence = any(c.source in question.gold_sources for c in answer.citations)
    else:
        text = _tokens_in(answer.text)
        right = not long and all(any(_tokens_in(alt) in text for alt in g) for g in question.answer_all)
        right = right and not any(_tokens_in(bad) in text for bad in question.answer_none)
        evidence = True
        if question.evidence:
            quotes = [" ".join(tokens(c.quote)) for c in answer.citations]
            found = sum(any(_tokens_in(e).strip() in f" {q} " for q in quotes) for e in question.evidence)
            evidence = found >= question.min_evidence
    tally.answer += right
    tally.evidence += evidence
    return right and evidence


def run_set(devset: DevSet, bot, system: str, baselines: Baselines, scene: str = "") -> Tally:  # type: ignore[no-untyped-def]
    """Every question of `devset` asked of `system` and scored; each question after `scene`, a
    sentence an asker sets first, when one is given."""
    tally = Tally()
    texts: dict[str, str] = {}
    ask: Callable[..., Any] = bot.ask if system == "ours" else getattr(baselines, system)
    for question in devset.questions:
        started = time.perf_counter()
        answer = ask(f"{scene} {question.q}" if scene else question.q, question.sources)
        tally.seconds.append(time.perf_counter() - started)
        answered = tally.answer
        if not score_turn(bot, question, answer, tally, texts):
            what = "evidence" if tally.answer > answered else "answer"
            tally.misses.append(f"{question.id} ({what}): {question.q} -> {answer.text[:200]}")
    for turns in devset.conversations:
        chat = bot.conversation() if system == "ours" else None
        for turn in turns:
            answer = chat.ask(turn.q) if chat is not None else ask(turn.q)
            if not score_turn(bot, turn, answer, tally, texts):
                tally.misses.append(f"{turn.id or 'turn'}: {turn.q} -> {answer.text[:200]}")
    return tally


def _share(r: dict[str, Any], key: str) -> str:
    n = r["answerable"]
    return f"{r[key]}/{n} {r[key] / n:4.0%}" if n else "-"


def format_table(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    head = (
        f"{'set':13} {'system':6} {'answer':>12} {'evidence':>12} {'refused':>8} {'answered':>9} {'bad':>9} "
        f"{'long':>5} {'p50':>5} {'p95':>5}"
    )
    lines = [head]
    for name, systems in results.items():
        for system, r in systems.items():
            answered = f"{r['answered']}/{r['unanswerable']}" if r["unanswerable"] else "-"
            lines.append(
                f"{name:13} {system:6} {_share(r, 'answer'):>12} {_share(r, 'evidence'):>12} {r['refused']:>8} "
                f"{answered:>9} {r['bad']:>4}/{r['citations']:<4} {r['long']:>5} "
                f"{r['p50_ms']:>5.0f} {r['p95_ms']:>5.0f}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(ALL_SETS))
    parser.add_argument("--systems", default="ours,dense,bm25,llama")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="print our misses, each marked by what was wrong: (answer) or only (evidence)",
    )
    parser.add_argument(
        "--scene",
        default="",
        help="a sentence asked before each question, as askers set a scene ('I was reading about this earlier today.')",
    )
    args = parser.parse_args()

    from index.embed import make_embedder
    from index.settings import IndexSettings

    overrides = parse_overrides(args.overrides)
    embedder = make_embedder(IndexSettings(**overrides.get("index", {})))
    results: dict[str, dict[str, dict[str, Any]]] = {}
    for devset in load_sets(args.sets.split(",")):
        bot = open_set(devset, overrides, embedder)
        baselines = Baselines(bot)
        results[devset.name] = {}
        for system in args.systems.split(","):
            tally = run_set(devset, bot, system, baselines, args.scene)
            results[devset.name][system] = tally.row()
            if args.misses and system == "ours":
                print(f"--- {devset.name}: misses of ours", file=sys.stderr)
                for miss in tally.misses:
                    print("  " + miss, file=sys.stderr)
    print(format_table(results))
    totals = {k: sum(r[s][k] for r in results.values() for s in ["ours"] if s in r) for k in ("answer", "answerable")}
    if totals["answerable"]:
        print(f"ours, all sets: {totals['answer']}/{totals['answerable']} answers right")
    if args.json:
        args.json.write_text(json.dumps({"overrides": overrides, "results": results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
