"""Feedback on answers: kept beside the index, listed, and exported as questions to complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import Answer, Assistant, AssistantSettings, Citation, IndexSettings, Segment
from assistant.cli import main
from assistant.evaluate import evaluate
from assistant.feedback import Feedback, FeedbackLog, feedback_on, listing, question_file
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder

CITED = Citation("log.txt", 10, 40, 3, 4, "The keeper doubted the report.", 0.8)
ANSWER = Answer("Why him?", [Segment("The keeper doubted the report.", (1,))], True, [CITED], "Why the keeper?")


def entry(answer_id: str, vote: str | None, note: str = "", at: float = 1_700_000_000.0) -> Feedback:
    return Feedback(answer_id, vote, note, "q?", "q?", "a [1]", True, [], 3, None, at)  # type: ignore[arg-type]


def test_feedback_keeps_the_question_query_answer_citations_and_generation() -> None:
    feedback = feedback_on(ANSWER, "id-1", vote="down", note=" in section 4 ", generation=7, sources=["log.txt"])

    assert feedback == Feedback(
        answer_id="id-1",
        vote="down",
        note="in section 4",
        question="Why him?",
        query="Why the keeper?",
        answer="The keeper doubted the report. [1]",
        grounded=True,
        citations=[
            {
                "source": "log.txt",
                "start": 10,
                "end": 40,
                "line_start": 3,
                "line_end": 4,
                "quote": "The keeper doubted the report.",
                "score": 0.8,
                "page": None,
                "title": "",
                "section": [],
            }
        ],
        generation=7,
        sources=["log.txt"],
        at=feedback.at,
    )


def test_the_last_feedback_on_an_answer_counts(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path / "index")
    log.record(entry("a", "up"))
    log.record(entry("b", "down"))
    log.record(entry("a", "down", "wrong person"))

    assert log.entries() == [entry("a", "down", "wrong person"), entry("b", "down")]
    assert len((tmp_path / "index" / "feedback.jsonl").read_text().splitlines()) == 3


def test_a_line_cut_short_is_passed_over(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path)
    log.record(entry("a", "up"))
    with log.path.open("a") as out:
        out.write('{"answer_id": "b", "vo')

    assert log.entries() == [entry("a", "up")]


def test_only_down_voted_and_noted_answers_become_questions() -> None:
    kept = [entry("down-vote", "down"), entry("noted-up", "up", "cite section 4 too"), entry("note", None, "odd")]

    data = question_file([entry("up-vote", "up"), *kept])

    assert [q["id"] for q in data["questions"]] == ["feedback-down-vot", "feedback-noted-up", "feedback-note"]
    assert data["questions"][0] == {
        "id": "feedback-down-vot",
        "q": "q?",
        "answer_all": [],
        "evidence": [],
        "feedback": {
            "vote": "down",
            "note": "",
            "asked": "q?",
            "answered": "a [1]",
            "grounded": True,
            "cited": [],
            "generation": 3,
        },
    }


def test_listing_shows_vote_question_query_answer_and_note() -> None:
    feedback = feedback_on(ANSWER, "id-1", vote="down", note="in section 4", generation=7, sources=["log.txt"])

    lines = listing([feedback]).splitlines()

    assert lines[0].startswith("[down] Why him?  (generation 7, ")
    assert lines[1:] == [
        "    searched for: Why the keeper?",
        "    searched 1 documents: log.txt",
        "    answer: The keeper doubted the report. [1]",
        "    note: in section 4",
    ]


def test_feedback_commands_list_and_export_the_index_feedback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_INDEX", str(tmp_path / "index"))
    log = FeedbackLog(tmp_path / "index")
    log.record(entry("a", "down", "wrong"))
    log.record(entry("b", "up"))

    assert main(["feedback", "list"]) == 0
    listed = capsys.readouterr().out
    assert main(["feedback", "export", str(tmp_path / "failures.json")]) == 0
    exported = capsys.readouterr().out

    assert listed == listing(log.entries()) + "\n"
    assert exported.startswith(f"wrote 1 question to {tmp_path / 'failures.json'}; complete them")
    assert json.loads((tmp_path / "failures.json").read_text()) == question_file(log.entries())
    assert main(["feedback", "export", str(tmp_path / "failures.json")]) == 2  # never replaced


def test_an_exported_question_runs_in_eval_searching_the_same_documents(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"a.txt": "The ferry was repaired in March.\n", "b.txt": "The ferry was repaired in April.\n"},
    )
    index = IndexSettings(corpus=corpus, index_dir=tmp_path / "index")
    bot = Assistant(settings=AssistantSettings(index=index, rerank=False), embedder=HashEmbedder())
    question = "When was the ferry repaired?"
    assert "March" in bot.ask(question).text  # the premise: searching everything brings in a.txt
    asked = bot.ask(question, sources=["b.txt"])
    exported = question_file([feedback_on(asked, "x", vote="down", generation=1, sources=["b.txt"])])
    exported["questions"][0] |= {"answer_all": [["April"]], "answer_none": ["March"]}

    result = evaluate(bot, exported)

    assert (result.answer.hits, result.answer.total) == (1, 1)
