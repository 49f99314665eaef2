"""Ranking beyond the first search: the clause that asks, searched for on its own."""

from pathlib import Path

import pytest

from assistant import Assistant, ranking
from assistant.compose import asked_about
from tests.fakes import HashEmbedder

QUESTION = (
    "The 2011 Rams basketball team, led by head coach Shaka Smart, represented Eastfield University "
    "which was founded in what year?"
)


def test_the_clause_that_asks_is_read_with_what_it_is_about():
    assert asked_about(QUESTION) == "Eastfield University which was founded in what year?"
    assert (
        asked_about("A lake is in a county that has how many inhabitants?") == "a county that has how many inhabitants?"
    )
    assert asked_about("What position was held by the woman who starred in the film?") is None
    assert asked_about("Which year was the university founded?") is None


@pytest.fixture
def bot(tmp_path: Path) -> Assistant:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "rams-2011.txt").write_text(
        "Led by head coach Shaka Smart, the 2011 Rams basketball team won the conference. "
        "The 2011 Rams basketball team played home games at the Siegel Center. "
        "The 2011 Rams basketball team represented Eastfield University.\n"
    )
    (corpus / "eastfield.txt").write_text(
        "Eastfield University is a public research university in Richmond. "
        "Eastfield was founded in 1838 as a medical college.\n"
    )
    return Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder())


def test_a_question_that_describes_first_answers_its_last_clause(bot: Assistant):
    assert "Eastfield was founded in 1838" in bot.ask(QUESTION).text
    clause = ranking.rank(bot.reader, bot.embedder, asked_about(QUESTION) or "", k=40)
    assert clause[0].candidate.sentence.text == "Eastfield was founded in 1838 as a medical college."
    (found,) = [
        s for s in ranking.rank(bot.reader, bot.embedder, QUESTION, k=40) if "1838" in s.candidate.sentence.text
    ]
    assert found.relevance == pytest.approx(ranking.FOCUS_DISCOUNT * clause[0].relevance)


def test_without_the_search_for_the_clause_the_description_drowns_the_answer(
    bot: Assistant, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(ranking, "asked_about", lambda question: None)
    assert "1838" not in bot.ask(QUESTION).text
