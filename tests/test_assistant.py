"""The public API over the shipped corpus, with the real embedding model."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import NOT_FOUND, Answer, Assistant, EmptyQuestionError, Segment, UnknownSourceError
from index.text import quote_in_span
from tests.answers import quote_verifies
from tests.conftest import ROOT

pytestmark = pytest.mark.model

MISSION = "who doubted the withdrawal?"


def test_mission_question_names_zelenskiy_and_another_doubter_with_verified_citations(seeds_bot: Assistant):
    answer = seeds_bot.ask(MISSION)
    assert answer.grounded
    assert "Zelenskiy" in answer.text
    assert any(name in answer.text for name in ("Stoltenberg", "Leviev", "Muzyka"))
    assert answer.citations and all(quote_verifies(seeds_bot, c) for c in answer.citations)


def test_every_sentence_of_an_answer_carries_its_citation_number(seeds_bot: Assistant):
    answer = seeds_bot.ask(MISSION)
    expected = " ".join(f"{c.quote} [{n}]" for n, c in enumerate(answer.citations, start=1))
    assert answer.text == expected


def test_plain_text_citations_index_the_file_itself(seeds_bot: Assistant):
    answer = seeds_bot.ask("What did Putin say after his talks with Scholz?")
    citation = answer.citations[0]
    path = seeds_bot.settings.index.corpus / citation.source
    raw = path.read_text(encoding="utf-8")
    assert raw == seeds_bot.source_text(citation.source)
    assert "partially withdraw forces" in raw[citation.start : citation.end]
    assert raw.count("\n", 0, citation.start) + 1 == citation.line_start
    assert citation.page is None and 0 < citation.score <= 1


def test_page_break_sentence_is_cited_across_its_lines(seeds_bot: Assistant):
    answer = seeds_bot.ask("What did Zelenskiy tell the BBC?")
    cited = [c for c in answer.citations if "don’t see any withdrawal yet" in c.quote]
    assert cited and (cited[0].line_start, cited[0].line_end) == (15, 19)


def test_off_corpus_question_is_refused_without_citations(seeds_bot: Assistant):
    question = "Who won the 2018 football World Cup?"
    answer = seeds_bot.ask(question)
    notices = ["The documents never mention 'World Cup'."]
    assert answer == Answer(question, [Segment(NOT_FOUND)], False, [], question, notices)


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_empty_question_is_a_typed_error(seeds_bot: Assistant, question: str):
    with pytest.raises(EmptyQuestionError, match="empty"):
        seeds_bot.ask(question)


def test_overlong_question_is_cut_with_a_notice(seeds_bot: Assistant):
    answer = seeds_bot.ask("withdrawal " * 20_000)
    assert len(answer.query) <= seeds_bot.settings.max_question_chars
    assert answer.notices and "cut" in answer.notices[0]


def test_search_restricted_to_unknown_source_is_a_typed_error(seeds_bot: Assistant):
    with pytest.raises(UnknownSourceError, match="not a document"):
        seeds_bot.ask(MISSION, sources=["missing.txt"])


def test_follow_up_pronoun_is_resolved_from_the_previous_question(seeds_bot: Assistant):
    chat = seeds_bot.conversation()
    chat.ask("What did Stoltenberg say on Wednesday?")
    answer = chat.ask("Which organisation does he lead?")
    assert answer.query == "Which organisation does Stoltenberg lead?"
    assert "NATO" in answer.text


def test_cli_ask_json_prints_citations_whose_spans_verify(seeds_bot: Assistant, tmp_path: Path):
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    index = seeds_bot.settings.index
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "ask",
            "--json",
            MISSION,
            "--corpus",
            str(index.corpus),
            "--index",
            str(index.index_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    payload = json.loads(result.stdout)
    assert payload["grounded"] is True and payload["citations"]
    for c in payload["citations"]:
        raw = (index.corpus / c["source"]).read_text(encoding="utf-8")[c["start"] : c["end"]]
        assert quote_in_span(c["quote"], raw)


def test_cli_reports_a_missing_corpus_as_an_error_message(tmp_path: Path):
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "rebuild",
            "--corpus",
            str(tmp_path / "none"),
            "--index",
            str(tmp_path / "i"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: corpus folder") and "Traceback" not in result.stderr


SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.mark.skipif(not SCORER.exists(), reason="the independent scorer is not beside this checkout")
def test_eval_command_agrees_with_the_independent_scorer(seeds_bot: Assistant, tmp_path: Path):
    from assistant.evaluate import evaluate

    dev = json.loads((ROOT / "eval" / "dev.json").read_text())
    ours = evaluate(seeds_bot, dev)
    index = seeds_bot.settings.index
    scored = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(ROOT / "eval" / "dev.json"),
            "--corpus",
            str(index.corpus),
            "--index",
            str(index.index_dir),
            "--max-p50-ms",
            "100000",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    last = scored.stdout.strip().splitlines()[-1]
    assert last.startswith("PASS"), scored.stdout + scored.stderr
    assert f"answer {ours.items.hits}/{ours.items.total}" in last
    assert f"evidence {ours.items_evidence.hits}/{ours.items_evidence.total}" in last
    assert f"bad citations {ours.spans.total - ours.spans.hits}/{ours.spans.total}" in last


def test_a_sentence_that_ends_a_quotation_is_given_from_where_the_quotation_opens(seeds_bot: Assistant):
    answer = seeds_bot.ask("What had U.S. intelligence predicted for that day?")
    assert answer.text.startswith("“We’ve only heard about it")
    # the quotation's sentences follow each other in the article: one passage, one citation
    assert "predicted a possible Russian incursion" in answer.citations[0].quote
    assert all(quote_verifies(seeds_bot, c) for c in answer.citations)
