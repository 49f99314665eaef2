"""Score an assistant on a question file (format: see the `about` field of eval/dev.json).

Matching is on normalised word tokens (case, curly quotes, dashes and punctuation folded), so that
"Zelenskiy," in an answer matches the alternative "zelenskiy". Per question:

- answer: the answer is grounded, at most MAX_ANSWER_WORDS words, and every `answer_all` group has
  an alternative that appears as a run of tokens in the answer text (and no `answer_none` phrase);
- evidence: at least `min_evidence` of the `evidence` strings appear as a run of tokens in one
  citation's quote;
- refusal: `grounded` is as expected (False for questions the corpus cannot answer);
- span validity: each citation's quote tokens appear in order in its source span, and the span is
  not much longer than the quote (SPAN_SLACK tokens at most).
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.core import Assistant
from assistant.types import Answer, Citation
from index.text import quote_in_span, tokens

MAX_ANSWER_WORDS = 120


def has_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += ok
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class EvalResult:
    answer: Tally = field(default_factory=Tally)
    evidence: Tally = field(default_factory=Tally)
    refusal: Tally = field(default_factory=Tally)
    followup: Tally = field(default_factory=Tally)
    spans: Tally = field(default_factory=Tally)
    # Every question and turn counted once, as the project's independent scorer counts them:
    # right when answered as expected (or refused, for questions the corpus cannot answer).
    items: Tally = field(default_factory=Tally)
    items_evidence: Tally = field(default_factory=Tally)
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = {
            name: asdict(getattr(self, name)) | {"rate": getattr(self, name).rate}
            for name in ("answer", "evidence", "refusal", "followup", "spans")
        }
        return out | {"p50_ms": self.p50_ms, "p95_ms": self.p95_ms, "misses": self.misses}

    def report(self) -> str:
        lines = [*self.misses] if self.misses else []
        for name, label in (
            ("answer", "answer accuracy"),
            ("evidence", "evidence recall"),
            ("refusal", "refusal accuracy"),
            ("followup", "follow-up accuracy"),
            ("spans", "valid citation spans"),
        ):
            tally = getattr(self, name)
            lines.append(f"{label:22} {tally.hits}/{tally.total}  ({tally.rate:.0%})")
        lines.append(f"{'ask latency':22} p50 {self.p50_ms:.0f} ms  p95 {self.p95_ms:.0f} ms")
        return "\n".join(lines)


def evaluate(bot: Assistant, data: dict[str, Any]) -> EvalResult:
    result = EvalResult()
    texts: dict[str, list[str]] = {}
    bot.ask("warm up")
    for item in data.get("questions", []):
        started = time.perf_counter()
        answer = bot.ask(item["q"], sources=item.get("sources"))
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        _score(bot, item, answer, result, texts, item["id"])
    for conversation in data.get("conversations", []):
        chat = bot.conversation()
        for i, turn in enumerate(conversation["turns"]):
            answer = chat.ask(turn["q"])
            ok = _score(bot, turn, answer, result, texts, f"{conversation['id']}#{i}")
            if i > 0:
                result.followup.add(ok)
    return result


def _score(
    bot: Assistant,
    item: dict[str, Any],
    answer: Answer,
    result: EvalResult,
    texts: dict[str, list[str]],
    name: str,
) -> bool:
    for citation in answer.citations:
        ok, why = _span_ok(bot, citation, texts)
        result.spans.add(ok)
        if not ok:
            result.misses.append(f"BAD SPAN {name}: {why}")
    expected = item.get("grounded", True)
    result.refusal.add(answer.grounded is expected)
    if not expected:
        ok = answer.grounded is False
        result.items.add(ok)
        result.items_evidence.add(ok)
        if not ok:
            result.misses.append(f"MISS {name}: answered an unanswerable question: {answer.text[:120]!r}")
        return ok
    answer_ok = answer.grounded and _answer_ok(item, answer.text)
    result.answer.add(answer_ok)
    evidence_ok = True
    if item.get("evidence"):
        quotes = [tokens(c.quote) for c in answer.citations]
        found = sum(any(has_run(q, tokens(e)) for q in quotes) for e in item["evidence"])
        evidence_ok = answer.grounded and found >= item.get("min_evidence", 1)
        result.evidence.add(evidence_ok)
    result.items.add(answer_ok)
    result.items_evidence.add(answer.grounded and evidence_ok)
    if not (answer_ok and evidence_ok):
        result.misses.append(
            f"MISS {name}: answer={answer_ok} evidence={evidence_ok} query={answer.query!r} text={answer.text[:160]!r}"
        )
    return answer_ok and evidence_ok


def _answer_ok(item: dict[str, Any], text: str) -> bool:
    if len(text.split()) > MAX_ANSWER_WORDS:
        return False
    padded = " " + " ".join(tokens(text)) + " "
    groups_ok = all(
        any(f" {' '.join(tokens(alt))} " in padded for alt in group) for group in item.get("answer_all", [])
    )
    banned = any(f" {' '.join(tokens(bad))} " in padded for bad in item.get("answer_none", []))
    return groups_ok and not banned


def _span_ok(bot: Assistant, citation: Citation, texts: dict[str, list[str]]) -> tuple[bool, str]:
    if citation.source not in texts:
        try:
            texts[citation.source] = list(bot.source_text(citation.source))
        except KeyError:
            return False, f"unknown source {citation.source!r}"
    raw = "".join(texts[citation.source][citation.start : citation.end])
    if not quote_in_span(citation.quote, raw):
        return False, f"quote not held by {citation.source}[{citation.start}:{citation.end}] (or the span is too long)"
    return True, ""


def shortfalls(result: EvalResult, args: argparse.Namespace) -> list[str]:
    """The thresholds `result` falls short of, as readable lines (empty when all are met)."""
    failed = []
    for name, floor in (
        ("answer", args.min_answer),
        ("evidence", args.min_evidence),
        ("refusal", args.min_refusal),
        ("followup", args.min_followup),
    ):
        rate = getattr(result, name).rate
        if rate < floor:
            failed.append(f"{name} {rate:.0%} < {floor:.0%}")
    if result.spans.rate < 1.0:
        failed.append(f"citation spans {result.spans.rate:.0%} valid, not all")
    if args.max_p50_ms is not None and result.p50_ms > args.max_p50_ms:
        failed.append(f"ask p50 {result.p50_ms:.0f} ms > {args.max_p50_ms:.0f} ms")
    return failed
