"""Ranking beyond the first search: the clause that asks, searched for on its own."""

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant
from assistant.question import asked_about, asked_predicate, asks_measure, compared, shape_of, unheard_words
from assistant.ranking import (
    Leads,
    _mark_alternatives,
    _mark_asked,
    _mark_completion,
    _mark_named_next,
    _mark_pronoun_next,
    _mark_second,
    bridge_names,
    mentions,
    titling_names,
)
from assistant.scoring import Candidate, Scored
from assistant.settings import AssistantSettings, RankingSettings
from index.chunking import Sentence
from index.reader import IndexReader
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder, KeywordReranker

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
    # Questions that open with a relative word ask first, whatever clauses follow.
    assert asked_about("Who composed the album sung by the singer who performed the song?") is None
    assert asked_about("Which band, Letters to Cleo or Screaming Trees, had more members?") is None


# The weights the toy corpora of these tests were written at. The hash embedder's cosines are noise,
# so which sentence ranks first rests on the words and the bonus for holding what is asked; the
# defaults are calibrated for real models (bench/devsets.py) and move with them.
TOY_WEIGHTS = {"semantic_weight": 0.6, "fit_bonus": 0.1}


def rams_bot(tmp_path: Path, **ranking: object) -> Assistant:
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
    settings = AssistantSettings(ranking=RankingSettings.model_validate({**TOY_WEIGHTS, **ranking}))
    return Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)


def test_a_question_that_describes_first_answers_its_last_clause(tmp_path: Path):
    bot = rams_bot(tmp_path, top_k=40)
    assert "Eastfield was founded in 1838" in bot.ask(QUESTION).text
    clause = bot.search(asked_about(QUESTION) or "", k=40)
    assert clause[0].citation.quote == "Eastfield was founded in 1838 as a medical college."
    (found,) = [e for e in bot.search(QUESTION, k=40) if "1838" in e.citation.quote]
    assert found.relevance == pytest.approx(bot.settings.ranking.focus_discount * clause[0].relevance)


def test_without_the_search_for_the_clause_the_description_drowns_the_answer(tmp_path: Path):
    # (the cross-encoder reading "was founded in what year?" alone finds it too: clause_predicate)
    assert "1838" not in rams_bot(tmp_path, clause_search=False, clause_predicate=False).ask(QUESTION).text


LINKED_QUESTION = "What public office did the actress who played Lina Sorrel in Glass Orchard hold?"
LINKED_CORPUS = {
    "glass-orchard.txt": "Glass Orchard is a 1950 drama film starring Marta Quell as Lina Sorrel.\n",
    "Marta Quell.txt": (
        "Marta Quell was a singer who toured the provinces with a theatre company. "
        "Quell recorded two albums of folk songs. "
        "Later in life she became harbour commissioner of Dunmore.\n"
    ),
}


def linked_bot(tmp_path: Path, **kwargs) -> Assistant:
    corpus = write_corpus(tmp_path / "c", LINKED_CORPUS)
    return Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), **kwargs)


def followed(bot: Assistant, question: str) -> list[str]:
    return [e.citation.quote for e in bot.search(question, k=100) if e.follow]


def test_without_a_reranker_or_the_rest_the_most_relevant_sentence_of_the_linked_document_follows(tmp_path: Path):
    # The reranker is loaded, but no rule uses it by default.
    settings = AssistantSettings(ranking=RankingSettings(bridge_rest=False))
    bot = linked_bot(tmp_path, reranker=KeywordReranker("commissioner"), settings=settings)
    ranked = bot.search(LINKED_QUESTION, k=100)
    linked = [e for e in ranked if e.bridged and e.citation.source == "Marta Quell.txt"]
    assert len(linked) == 3
    assert [e for e in ranked if e.follow] == [linked[0]]
    assert "harbour commissioner" not in bot.ask(LINKED_QUESTION).text


REST_CORPUS = {
    "glass-orchard.txt": "In Glass Orchard, a 1950 drama film, the actress Marta Quell played Lina Sorrel.\n",
    "Marta Quell.txt": (
        "Marta Quell, the actress cast as Lina Sorrel in Glass Orchard, was born in Kelby. "
        "Later in life she held public office as harbour commissioner of Dunmore.\n"
    ),
}


@pytest.mark.parametrize("rest", [True, False])
def test_the_sentence_of_the_linked_document_that_answers_the_rest_of_the_question_follows(tmp_path: Path, rest: bool):
    # The first sentence of the linked document is the most relevant to the whole question: it
    # restates what led there. What the question still asks is the public office.
    corpus = write_corpus(tmp_path / "c", REST_CORPUS)
    settings = AssistantSettings(ranking=RankingSettings(bridge_rest=rest))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    linked = [e for e in bot.search(LINKED_QUESTION, k=10) if e.bridged]
    assert [e.citation.quote for e in linked] == [
        "Marta Quell, the actress cast as Lina Sorrel in Glass Orchard, was born in Kelby.",
        "Later in life she held public office as harbour commissioner of Dunmore.",
    ]
    assert followed(bot, LINKED_QUESTION) == [linked[1 if rest else 0].citation.quote]


CLAUSE_QUESTION = (
    "The actress who played Lina Sorrel in Glass Orchard later served as harbour commissioner; "
    "in what year was she born?"
)
CLAUSE_CORPUS = {
    "glass-orchard.txt": REST_CORPUS["glass-orchard.txt"],
    "Marta Quell.txt": (
        "From 1960 to 1970 Marta Quell served as harbour commissioner of Dunmore. "
        "Quell was born in the village of Kelby in 1921.\n"
    ),
}


@pytest.mark.parametrize("rest_of_clause", [True, False])
def test_a_question_that_asks_last_takes_the_linked_sentence_answering_the_clause_that_asks(
    tmp_path: Path, rest_of_clause: bool
):
    # The description (harbour commissioner) led to the linked document; what is asked is the year.
    corpus = write_corpus(tmp_path / "c", CLAUSE_CORPUS)
    settings = AssistantSettings(ranking=RankingSettings(rest_of_clause=rest_of_clause, clause_rerank=0))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    expected = CLAUSE_CORPUS["Marta Quell.txt"].split(". ")[1 if rest_of_clause else 0]
    assert [q.rstrip(".\n") for q in followed(bot, CLAUSE_QUESTION)] == [expected.rstrip(".\n")]


def clause_bot(tmp_path: Path, reranker: KeywordReranker, **ranking: object) -> Assistant:
    corpus = write_corpus(tmp_path / "c", CLAUSE_CORPUS)
    ranking = {**TOY_WEIGHTS, **ranking}
    settings = AssistantSettings(ranking=RankingSettings(rest_of_clause=False, rerank_lead=0, **ranking))
    index = tmp_path / "i"
    return Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder(), reranker=reranker, settings=settings)


def test_the_reranker_reads_the_clause_that_asks_and_its_choice_joins_the_answer(tmp_path: Path):
    # Without the rest of the clause, the bridge follows the commissioner's sentence; the
    # cross-encoder, reading "what year was she born?" alone, adds the birth year.
    reranker = KeywordReranker("1921")
    bot = clause_bot(tmp_path, reranker)
    assert "Quell was born in the village of Kelby in 1921" in followed(bot, CLAUSE_QUESTION)[-1]
    assert "1921" in bot.ask(CLAUSE_QUESTION).text
    query, passages = reranker.calls[-1]
    assert query == "what year was she born?"
    assert 2 <= len(passages) <= bot.settings.ranking.clause_rerank
    reranker.calls.clear()
    off = clause_bot(tmp_path / "off", reranker, clause_rerank=0)
    assert not any("1921" in quote for quote in followed(off, CLAUSE_QUESTION))
    assert reranker.calls == []


PREDICATE_QUESTION = "The actress who played Lina Sorrel in Glass Orchard was born in what year?"


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        # What it asks comes first: the rules for the whole question apply.
        ("In what year was the actress who played Lina Sorrel in Glass Orchard born?", True),
        # The clause names only the kind of answer, and its predicate is not read.
        (PREDICATE_QUESTION, False),
    ],
)
def test_the_clause_is_not_reread_when_it_opens_the_question_or_names_only_a_kind(
    tmp_path: Path, question: str, predicate: bool
):
    reranker = KeywordReranker("1921")
    clause_bot(tmp_path, reranker, clause_predicate=predicate).ask(question)
    assert reranker.calls == []


def test_the_reranker_reads_the_predicate_that_asks_when_the_clause_names_only_a_kind(tmp_path: Path):
    reranker = KeywordReranker("1921")
    bot = clause_bot(tmp_path, reranker)
    assert "1921" in bot.ask(PREDICATE_QUESTION).text
    assert reranker.calls[-1][0] == "was born in what year?"


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        ("A neighbourhood of the city called the hailstorm capital is built on what kind of landform?", "is built on"),
        ("The creator of the game Starfaring was born in which city?", "was born in"),
        ("A band that was formed in 1985 was formed by who?", "was formed by"),
        ("Ralph Hefferline taught at a university that is located in what city?", "is located in"),
        # the interrogative opens the question, or its clause
        ("In which city was the creator of Starfaring born?", None),
        ("With pathlib, how do I create a folder when the folders above it don't exist?", None),
        ("In an <edit> element, where does the new value go when a test matched?", None),
        # two sentences; a relative pronoun is no interrogative; nothing before the verb
        ("I have altered zlib's source. What must I change?", None),
        ("Besides this guide, is there documentation for people who want to write code?", None),
        ("Kaiser Ventures was founded by an industrialist who became known as the father of shipbuilding?", None),
        ("The singer also voiced what hedgehog?", None),
    ],
)
def test_the_predicate_that_asks_runs_from_its_verb_to_the_end(question: str, predicate: str | None):
    found = asked_predicate(question)
    assert (found[: len(predicate or "")] if found else None) == predicate


# The cross-encoder choosing the bridge's sentence alone, not which sentence leads.
RERANK_BRIDGE = AssistantSettings(ranking=RankingSettings(rerank_bridge=True, rerank_lead=0))
# The cross-encoder asked only whether to refuse.
NO_LEAD = RankingSettings(rerank_lead=0)


def test_the_reranker_chooses_which_sentence_of_the_linked_document_follows(tmp_path: Path):
    reranker = KeywordReranker("commissioner")
    bot = linked_bot(tmp_path, reranker=reranker, settings=RERANK_BRIDGE)
    assert followed(bot, LINKED_QUESTION) == ["Later in life she became harbour commissioner of Dunmore."]
    answer = bot.ask(LINKED_QUESTION)
    assert [c.source for c in answer.citations[:2]] == ["glass-orchard.txt", "Marta Quell.txt"]
    assert "harbour commissioner of Dunmore" in answer.citations[1].quote
    query, passages = reranker.calls[-1]
    assert query == LINKED_QUESTION
    assert len(passages) == 3 and all(p.startswith("Marta Quell") or "Quell" in p for p in passages)


def test_the_reranker_is_not_asked_when_the_bridge_leads_to_one_sentence(tmp_path: Path):
    corpus = write_corpus(
        tmp_path / "c",
        {**LINKED_CORPUS, "Marta Quell.txt": "Marta Quell became harbour commissioner of Dunmore.\n"},
    )
    reranker = KeywordReranker("commissioner")
    bot = Assistant(
        corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), reranker=reranker, settings=RERANK_BRIDGE
    )
    assert followed(bot, LINKED_QUESTION) == ["Marta Quell became harbour commissioner of Dunmore."]
    assert reranker.calls == []


def test_an_answer_that_leads_to_no_other_document_has_nothing_follow(tmp_path: Path):
    reranker = KeywordReranker("commissioner")
    bot = linked_bot(tmp_path, reranker=reranker, settings=RERANK_BRIDGE)
    assert followed(bot, "What did Quell record?") == []
    assert reranker.calls == []


def test_names_that_title_another_document_lead_the_bridge_names(tmp_path: Path):
    corpus = write_corpus(
        tmp_path / "c",
        {
            "glass-orchard.txt": (
                "Glass Orchard is a drama film by Northway Pictures, shot in Avonmere and Kelby with "
                "music by Ivo Brandt, starring Marta Quell as Lina Sorrel.\n"
            ),
            "Marta Quell (singer).txt": "Marta Quell later became harbour commissioner of Dunmore.\n",
        },
    )
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), reranker=KeywordReranker("x"))
    best = [e.citation for e in bot.search(LINKED_QUESTION, k=100) if e.citation.source == "glass-orchard.txt"][:1]
    found = bridge_names(bot.reader, LINKED_QUESTION, [(c.source, c.title, c.quote) for c in best], 4)
    assert found == ["Marta Quell", "Northway Pictures", "Avonmere", "Kelby"]


def reader_of(tmp_path: Path, files: dict[str, str]) -> IndexReader:
    """The index reader over a corpus of `files`, embedded by the hash embedder."""
    return Assistant(
        corpus=write_corpus(tmp_path / "c", files), index_dir=tmp_path / "i", embedder=HashEmbedder()
    ).reader


def test_past_the_best_sentence_only_names_titling_another_document_are_bridge_names(tmp_path: Path):
    reader = reader_of(
        tmp_path,
        {
            "glass-orchard.txt": "Glass Orchard is a drama film by Northway Pictures.\n",
            "Marta Quell.txt": "Marta Quell later became harbour commissioner of Dunmore.\n",
        },
    )
    best = [
        ("glass-orchard.txt", "glass-orchard", "Glass Orchard was shot in Avonmere by Northway Pictures."),
        ("glass-orchard.txt", "glass-orchard", "Ivo Brandt wrote its music, and Marta Quell starred in it."),
    ]
    found = bridge_names(reader, LINKED_QUESTION, best, 10)
    assert found[0] == "Marta Quell"
    assert {"Avonmere", "Northway Pictures"} <= set(found)
    assert "Ivo Brandt" not in found


def test_a_document_is_found_by_its_title_without_case_or_qualifier(tmp_path: Path):
    corpus = write_corpus(tmp_path / "c", {"Marta Quell (singer).txt": "Marta Quell sang.\n", "b.txt": "Other.\n"})
    reader = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder()).reader
    assert reader.titled("marta QUELL") == ["Marta Quell (singer).txt"]
    assert reader.titled("Marta Quell (actress)") == ["Marta Quell (singer).txt"]
    assert reader.titled("Marta") == []


def test_names_with_initials_and_quoted_titles_are_mentions_a_bridge_may_follow():
    found = mentions(
        'Starfaring was created by Ken St. Andre, who also wrote "Gone in 60 Seconds" with Henry J. Kaiser.'
    )
    assert {"Ken St. Andre", "Gone in 60 Seconds", "Henry J. Kaiser"} <= set(found)


def test_a_name_ending_in_a_letter_is_a_mention_a_bridge_may_follow():
    found = mentions("It is the seventh album by the rock band Local H. Its songs quote Malcolm X at length.")
    assert {"Local H", "Malcolm X"} <= set(found)
    assert not any(name.endswith(" I") for name in mentions("Then I left, and I Was There was my first book."))


def test_a_title_is_found_whatever_its_punctuation(tmp_path: Path):
    corpus = write_corpus(tmp_path / "c", {"Ken St. Andre.txt": "Ken St. Andre designs games.\n"})
    reader = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder()).reader
    assert reader.titled("Ken St Andre") == reader.titled("ken st. andre") == ["Ken St. Andre.txt"]


def test_a_name_titling_no_document_leads_to_the_one_whose_title_holds_its_words(tmp_path: Path):
    corpus = write_corpus(
        tmp_path / "c",
        {
            "Marta Quell discography.txt": "Marta Quell recorded two albums.\n",
            "Kelby Harbour.txt": "The harbour of Kelby.\n",
            "Kelby Castle.txt": "The castle of Kelby.\n",
        },
    )
    reader = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder()).reader
    assert reader.titled("Marta Quell") == []
    assert reader.titles_holding("marta QUELL") == ["Marta Quell discography.txt"]
    assert Leads(reader)("Marta Quell") == ["Marta Quell discography.txt"]
    assert Leads(reader, title_words=False)("Marta Quell") == []
    # Two titles hold the name, or it is one word: it leads nowhere.
    assert reader.titles_holding("Kelby") == ["Kelby Castle.txt", "Kelby Harbour.txt"]
    assert Leads(reader)("Kelby") == Leads(reader)("Quell") == []


def test_a_name_leads_to_a_title_that_holds_it_before_a_comma_not_after(tmp_path: Path):
    reader = reader_of(
        tmp_path,
        {
            "Brown County, Kansas.txt": "Brown County is a county in Kansas.\n",
            "Haddington, East Lothian.txt": "Haddington is a town in East Lothian.\n",
        },
    )
    assert Leads(reader)("Brown County") == ["Brown County, Kansas.txt"]
    # Haddington lies in East Lothian; its page is not about East Lothian
    assert reader.titles_holding("East Lothian") == Leads(reader)("East Lothian") == []


def test_names_past_the_best_sentences_lead_only_with_two_words_or_more_to_another_document(tmp_path: Path):
    reader = reader_of(
        tmp_path,
        {
            "Big Stone Gap (film).txt": "Big Stone Gap is a film directed by Adriana Trigiani.\n",
            "Adriana Trigiani.txt": "Adriana Trigiani is a writer based in Greenwich Village.\n",
            "VACUUM.txt": "VACUUM rebuilds the database file.\n",
            "Gutenprint User's Manual.txt": "Gutenprint prints.\n",
        },
    )
    later = [
        ("Big Stone Gap (film).txt", "Big Stone Gap (film)", "It is written and directed by Adriana Trigiani."),
        ("Big Stone Gap (film).txt", "Big Stone Gap (film)", "Its sets were kept after VACUUM was run."),
        ("Big Stone Gap (film).txt", "Big Stone Gap (film)", "Its User Manual was printed."),
    ]
    question = "The director of Big Stone Gap is based in what city?"
    assert titling_names(question, later, "Big Stone Gap (film).txt", Leads(reader)) == ["Adriana Trigiani"]
    # a title names a bridge as the sentence does
    assert titling_names(question, later[:1], "Adriana Trigiani.txt", Leads(reader)) == ["Big Stone Gap (film)"]


@pytest.mark.parametrize("title_words", [True, False])
def test_a_bridge_follows_a_name_into_the_document_whose_title_holds_it(tmp_path: Path, title_words: bool):
    corpus = write_corpus(
        tmp_path / "c",
        {
            "glass-orchard.txt": REST_CORPUS["glass-orchard.txt"],
            "Marta Quell career.txt": REST_CORPUS["Marta Quell.txt"],
        },
    )
    settings = AssistantSettings(ranking=RankingSettings(bridge_title_words=title_words))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    expected = ["Later in life she held public office as harbour commissioner of Dunmore."] if title_words else []
    assert followed(bot, LINKED_QUESTION) == expected


COMPARED = {
    "alma.txt": "Alma Reyes was born on 4 May 1921, the first of five children.\nReyes painted murals.\n",
    "tobias.txt": (
        "Tobias Wren (9 March 1915 - 2 June 1990) was a sculptor, printmaker, stage designer, teacher and "
        "travelling lecturer whose statues, reliefs and theatre sets were seen in many cities of the coast "
        "and whose students founded three schools of their own in the years after his death, among them "
        "the coastal academy of fine arts, the northern school of design and the free studio of the river "
        "towns, which still teach his methods of carving, casting and composition to young sculptors.\n"
    ),
}
COMPARISON = "Who was born first, Alma Reyes or Tobias Wren?"
SIDE_BY_SIDE = "How do Alma Reyes and Tobias Wren differ in age?"


@pytest.mark.parametrize("question", [COMPARISON, SIDE_BY_SIDE])
def test_an_answer_to_a_comparison_holds_a_sentence_about_each_thing_compared(tmp_path: Path, question: str):
    corpus = write_corpus(tmp_path / "c", COMPARED)
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), reranker=KeywordReranker("x"))
    answer = bot.ask(question)
    assert {c.source for c in answer.citations} == {"alma.txt", "tobias.txt"}
    assert "Tobias Wren (9 March 1915 - 2 June 1990)" in answer.text


@pytest.mark.parametrize("question", [COMPARISON, SIDE_BY_SIDE])
def test_without_the_comparison_the_long_first_sentence_leaves_no_room_for_the_second(tmp_path: Path, question: str):
    corpus = write_corpus(tmp_path / "c", COMPARED)
    settings = AssistantSettings(ranking=RankingSettings(comparisons=False))
    reranker = KeywordReranker("x")
    index = tmp_path / "i"
    bot = Assistant(corpus=corpus, index_dir=index, embedder=HashEmbedder(), reranker=reranker, settings=settings)
    assert "tobias.txt" not in {c.source for c in bot.ask(question).citations}


def test_with_rerank_lead_the_cross_encoder_chooses_among_the_best_sentences_which_leads(tmp_path: Path):
    question = "What did Marta Quell do?"
    plain = linked_bot(tmp_path / "plain", settings=AssistantSettings(ranking=NO_LEAD)).ask(question)
    reranker = KeywordReranker("theatre")
    settings = AssistantSettings(ranking=RankingSettings(rerank_lead=3, lead_ratio=0.1))
    chosen = linked_bot(tmp_path / "lead", reranker=reranker, settings=settings).ask(question)
    assert "theatre" not in plain.citations[0].quote
    # the sentences after it in the paragraph may join its citation (AssistantSettings.cite_runs)
    lead = "Marta Quell was a singer who toured the provinces with a theatre company."
    assert chosen.citations[0].quote.startswith(lead)
    assert reranker.calls and reranker.calls[0][0] == question


def test_the_cross_encoder_chooses_the_lead_only_among_sentences_near_the_best(tmp_path: Path):
    question = "What did Marta Quell do?"
    plain = linked_bot(tmp_path / "plain", settings=AssistantSettings(ranking=NO_LEAD)).ask(question)
    reranker = KeywordReranker("theatre")
    settings = AssistantSettings(ranking=RankingSettings(rerank_lead=3, lead_ratio=0.999), min_cross=None)
    led = linked_bot(tmp_path / "lead", reranker=reranker, settings=settings).ask(question)
    assert led.citations[0].quote == plain.citations[0].quote
    assert reranker.calls == []


def test_the_cross_encoder_does_not_choose_the_lead_of_an_answer_that_follows_a_bridge(tmp_path: Path):
    reranker = KeywordReranker("theatre")
    settings = AssistantSettings(ranking=RankingSettings(rerank_lead=3, lead_ratio=0.1), min_cross=None)
    bot = linked_bot(tmp_path, reranker=reranker, settings=settings)
    assert followed(bot, LINKED_QUESTION) != []
    assert reranker.calls == []


def test_a_middling_match_the_cross_encoder_rejects_is_refused(tmp_path: Path):
    reranker = KeywordReranker("commissioner")  # 1.0 for a passage holding the word, 0.0 for the others
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=1, ranking=NO_LEAD)
    bot = linked_bot(tmp_path, reranker=reranker, settings=settings)
    refused, answered = "What did Quell record?", "Who became harbour commissioner of Dunmore?"
    assert not bot.ask(refused).grounded
    assert bot.ask(answered).grounded
    assert [query for query, _ in reranker.calls] == [refused, answered]


class AskingReranker(KeywordReranker):
    """Scores 1.0 a passage holding `keyword` (every passage when it is empty) for the query `asked`
    alone, 0.0 for any other query."""

    def __init__(self, asked: str, keyword: str = "") -> None:
        super().__init__(keyword)
        self.asked = asked

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        self.calls.append((query, list(passages)))
        return np.asarray([float(query == self.asked and self.keyword in p) for p in passages], dtype=np.float32)


def test_a_question_that_sets_a_scene_first_is_read_by_the_cross_encoder_by_its_last_sentence_too(tmp_path: Path):
    question = "My grandmother loved folk songs by Quell. What did Quell record?"
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=1, ranking=NO_LEAD)
    reranker = AskingReranker("What did Quell record?")
    answer = linked_bot(tmp_path / "asking", reranker=reranker, settings=settings).ask(question)
    assert answer.grounded and answer.citations[0].quote.startswith("Quell recorded two albums")
    assert [query for query, _ in reranker.calls] == [question, "What did Quell record?"]
    whole = settings.model_copy(update={"cross_asking_sentence": False, "cross_asked_clause": False})
    bot = linked_bot(tmp_path / "whole", reranker=AskingReranker("What did Quell record?"), settings=whole)
    assert not bot.ask(question).grounded


def test_a_question_with_words_before_its_interrogative_is_read_by_the_cross_encoder_by_its_clause_too(
    tmp_path: Path,
):
    question = "In the archive of folk songs, what did Quell record?"
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=1, ranking=NO_LEAD)
    reranker = AskingReranker("what did Quell record?")
    answer = linked_bot(tmp_path / "clause", reranker=reranker, settings=settings).ask(question)
    assert answer.grounded and answer.citations[0].quote.startswith("Quell recorded two albums")
    assert "what did Quell record?" in [query for query, _ in reranker.calls]
    whole = settings.model_copy(update={"cross_asked_clause": False})
    bot = linked_bot(tmp_path / "whole", reranker=AskingReranker("what did Quell record?"), settings=whole)
    assert not bot.ask(question).grounded


def test_the_cross_encoder_reads_a_sentence_in_its_passage_by_the_question_s_last_sentence_too(tmp_path: Path):
    # "Quell recorded two albums of folk songs." passes only in its passage (the sentence after it
    # holds the keyword), and only for the question's last sentence.
    question = "My grandmother loved folk songs by Quell. What did Quell record?"
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=1, cross_context=35, ranking=NO_LEAD)
    reranker = AskingReranker("What did Quell record?", "commissioner")
    answer = linked_bot(tmp_path / "asking", reranker=reranker, settings=settings).ask(question)
    assert answer.grounded and answer.citations[0].quote.startswith("Quell recorded two albums")
    whole = settings.model_copy(update={"cross_asking_sentence": False, "cross_asked_clause": False})
    bot = linked_bot(
        tmp_path / "whole", reranker=AskingReranker("What did Quell record?", "commissioner"), settings=whole
    )
    assert not bot.ask(question).grounded


def test_a_question_that_sets_a_scene_first_is_matched_by_its_last_sentence_too_before_it_is_refused(
    tmp_path: Path,
):
    # Whole, the question matches its best sentence under 0.3 (the scene's words are in no
    # document); its last sentence alone, over 0.6.
    question = "My grandmother loved the radio on winter evenings. What did Quell record?"
    settings = AssistantSettings(min_relevance=0.45, min_cross=None, ranking=NO_LEAD)
    assert max(e.match for e in linked_bot(tmp_path / "m", settings=settings).search(question, k=50)) < 0.45
    answer = linked_bot(tmp_path / "asking", settings=settings).ask(question)
    assert answer.grounded and "Quell recorded two albums" in answer.text
    whole = settings.model_copy(update={"match_asking_sentence": False})
    assert not linked_bot(tmp_path / "whole", settings=whole).ask(question).grounded
    unrelated = "My grandmother loved the radio on winter evenings. What is the capital of Peru?"
    assert not linked_bot(tmp_path / "unrelated", settings=settings).ask(unrelated).grounded


def test_a_sentence_the_cross_encoder_rejects_alone_is_accepted_with_the_words_around_it(tmp_path: Path):
    # The best sentence, "Quell recorded two albums of folk songs.", fails alone; read with the
    # sentence after it, which holds the keyword, it passes, and the question is answered from it.
    question = "What did Quell record?"
    reranker = KeywordReranker("commissioner")
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=1, cross_context=35, ranking=NO_LEAD)
    answer = linked_bot(tmp_path / "context", reranker=reranker, settings=settings).ask(question)
    alone = settings.model_copy(update={"cross_context": 0})
    assert answer.grounded and answer.citations[0].quote.startswith("Quell recorded two albums")
    assert not linked_bot(tmp_path / "alone", reranker=reranker, settings=alone).ask(question).grounded
    read = [passage for _, passages in reranker.calls for passage in passages]
    assert "Quell recorded two albums of folk songs. Later in life she became harbour commissioner" in read[1]


def test_a_match_above_cross_below_is_answered_whatever_the_cross_encoder_says(tmp_path: Path):
    reranker = KeywordReranker("commissioner")
    bot = linked_bot(
        tmp_path, reranker=reranker, settings=AssistantSettings(min_cross=0.5, cross_below=0.0, ranking=NO_LEAD)
    )
    assert bot.ask("What did Quell record?").grounded
    assert reranker.calls == []


def test_the_cross_encoder_check_reaches_further_for_a_question_holding_a_word_no_document_holds(tmp_path: Path):
    reranker = KeywordReranker("commissioner")
    settings = AssistantSettings(min_cross=0.5, cross_below=0.01, unheard_reach=1.0, cross_sentences=1, ranking=NO_LEAD)
    bot = linked_bot(tmp_path, reranker=reranker, settings=settings)
    assert bot.ask("What did Quell record?").grounded  # every word in the documents: matched well enough
    assert reranker.calls == []
    assert not bot.ask("What did Quell record on vinyl?").grounded  # "vinyl" no chunk holds
    assert [query for query, _ in reranker.calls] == ["What did Quell record on vinyl?"]
    unreached = settings.model_copy(update={"unheard_reach": 0.0})
    unreached_bot = linked_bot(tmp_path / "unreached", reranker=KeywordReranker("commissioner"), settings=unreached)
    assert unreached_bot.ask("What did Quell record on vinyl?").grounded
    assert unheard_words("What did Quell record on vinyl?", {"quell", "record"}.__contains__) == ["vinyl"]


def test_a_middling_match_is_answered_when_one_of_the_best_sentences_satisfies_the_cross_encoder(tmp_path: Path):
    reranker = KeywordReranker("commissioner")
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=4, ranking=NO_LEAD)
    bot = linked_bot(tmp_path, reranker=reranker, settings=settings)
    assert bot.ask("What did Quell record?").grounded
    read = [passage for _, passages in reranker.calls for passage in passages]
    assert 1 < len(read) <= 4 and "commissioner" in read[-1]
    assert not any("commissioner" in passage for passage in read[:-1])  # it stops at the first answer


def test_the_sentence_the_cross_encoder_accepts_leads_when_the_best_ranked_one_fails(tmp_path: Path):
    question = "What did Quell record?"
    reranker = KeywordReranker("commissioner")
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=10, ranking=NO_LEAD)
    led = linked_bot(tmp_path / "led", reranker=reranker, settings=settings).ask(question)
    unled = linked_bot(
        tmp_path / "unled", reranker=reranker, settings=settings.model_copy(update={"cross_lead": False})
    ).ask(question)
    assert "commissioner" in led.citations[0].quote
    assert "commissioner" not in unled.citations[0].quote


def test_a_sentence_marked_to_follow_the_best_one_stays_behind_it_when_the_cross_encoder_accepts_it(
    tmp_path: Path,
):
    # The cross-encoder accepts only the bridged sentence, which already follows the best one: the
    # answer is not refused, and the sentence that names the bridge still leads.
    reranker = KeywordReranker("commissioner")
    settings = AssistantSettings(min_cross=0.5, cross_below=1.0, cross_sentences=10, ranking=RERANK_BRIDGE.ranking)
    answer = linked_bot(tmp_path, reranker=reranker, settings=settings).ask(LINKED_QUESTION)
    assert answer.grounded
    assert [c.source for c in answer.citations[:2]] == ["glass-orchard.txt", "Marta Quell.txt"]
    assert "harbour commissioner of Dunmore" in answer.citations[1].quote


class _WordRest:
    """The rest of a question as `_mark_second` reads it: a sentence answers it by holding its words."""

    def __init__(self, unanswered: list[str]) -> None:
        self.unanswered = unanswered

    def answered_by(self, item: Scored) -> float:
        return sum(word in item.candidate.sentence.text for word in self.unanswered)


def unit(text: str, relevance: float, kind: str = "paragraph", group: int = -1) -> Scored:
    sentence = Sentence(0, len(text), 1, 1, text, kind, group=group)
    candidate = Candidate("a.md", None, sentence, np.ones(4, dtype=np.float32) / 2, 0, "")
    return Scored(candidate, relevance, 0.0, relevance, relevance)


@pytest.mark.parametrize("several", [True, False])
def test_a_list_item_answering_the_second_question_brings_its_list_only_if_that_question_asks_for_several(
    several: bool,
):
    # "Which projects improved the codec, and who wrote the code it started from?": the item was
    # given its list for the first question, which asks for several things; the second does not.
    sibling = unit("lossless transforms", 0.5, "list_item", group=1)
    item = replace(unit("arithmetic coding", 0.6, "list_item", group=1), items=(sibling,))
    ranked = [unit("Two projects improved the codec.", 0.9), item, unit("The codec is fast.", 0.7)]
    marked = _mark_second(ranked, _WordRest(["coding"]), RankingSettings(), several)  # type: ignore[arg-type]
    assert [s.follow for s in marked] == [False, True, False]
    assert marked[1].items == ((sibling,) if several else ())


@pytest.mark.parametrize("leading", [True, False])
def test_a_bridge_searches_with_the_names_that_lead_to_another_document(tmp_path: Path, leading: bool):
    corpus = write_corpus(
        tmp_path / "c",
        {
            "glass-orchard.txt": (
                "Glass Orchard is a 1950 drama film by Northway Pictures, shot in Avonmere, starring Marta Quell "
                "as Lina Sorrel.\n"
            ),
            "Marta Quell.txt": LINKED_CORPUS["Marta Quell.txt"],
        },
    )
    embedder = HashEmbedder()
    settings = AssistantSettings(ranking=RankingSettings(bridge_leading=leading))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=embedder, settings=settings)
    embedder.seen.clear()
    bot.search(LINKED_QUESTION)
    bridge_query = next(text for text in embedder.seen if "Marta Quell" in text)
    assert ("Northway Pictures" in bridge_query) is not leading
    assert ("Avonmere" in bridge_query) is not leading
    assert "public office" in bridge_query  # with the words the best sentence left unanswered


NAMED_CORPUS = {
    "history.txt": (
        "Zeileis wrote the first version of the package in 2004. "
        "Hence, the package name zoo stands for ordered observations.\n"
    ),
    "faq.txt": (
        "A dependency on the package zoo means that a package names zoo in its description file. "
        "The package zoo is used by the packages of many fields.\n"
    ),
}


@pytest.mark.parametrize("beats", [True, False])
def test_a_best_sentence_that_cannot_stand_alone_keeps_the_lead_unless_the_cross_encoder_prefers_another(
    tmp_path: Path, beats: bool
):
    question = "What does the package name zoo stand for?"
    corpus = write_corpus(tmp_path / "c", NAMED_CORPUS)
    plain = Assistant(
        corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=AssistantSettings(ranking=NO_LEAD)
    )
    hence = "Hence, the package name zoo stands for ordered observations."
    assert plain.search(question)[0].citation.quote == hence  # the best match, which does not stand alone
    settings = AssistantSettings(ranking=RankingSettings(lead_beats_best=beats, lead_ratio=0.1))
    reranker = KeywordReranker("stands for")
    led = Assistant(
        corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), reranker=reranker, settings=settings
    )
    first = led.search(question)[0].citation.quote
    assert (first == hence) is beats
    assert any(hence in p for p in reranker.calls[0][1]) is beats


def at(text: str, start: int, relevance: float, source: str = "film.md") -> Scored:
    sentence = Sentence(start, start + len(text), 1, 1, text)
    candidate = Candidate(source, None, sentence, np.ones(4, dtype=np.float32) / 2, 0, "")
    return Scored(candidate, relevance, 0.0, relevance, relevance)


@pytest.mark.parametrize("clause_next", [2, 0])
def test_the_clause_that_asks_is_read_against_the_sentences_after_the_best_however_they_rank(clause_next: int):
    # The best sentence matches the description and names the film; the one after it, ranked last,
    # says who stars in it.
    first = "Sinister is a 2012 horror film directed by Scott Derrickson."
    ranked = [
        at(first, 0, 0.9),
        at("Scott Derrickson directed horror films.", 0, 0.8, "director.md"),
        at("Deliver Us from Evil is a 2014 horror film.", 0, 0.7, "other.md"),
        at("It was released in October.", 200, 0.6),  # the same film, another paragraph
        at("It stars Ethan Hawke as a writer.", len(first) + 1, 0.1),
    ]
    reranker = KeywordReranker("Hawke")
    question = "A filmmaker known for directing horror made a 2012 film that has which lead actor?"
    settings = RankingSettings(clause_rerank=3, clause_next=clause_next, clause_connected=False)
    marked = _mark_asked(question, ranked, settings, reranker)
    assert marked[-1].follow is bool(clause_next)
    assert len(reranker.calls[-1][1]) == 3 + (clause_next > 0)


@pytest.mark.parametrize("most", [2, 0])
def test_the_sentence_after_the_best_that_opens_on_the_thing_it_names_follows_it(most: int):
    # The best sentence names the buyer (Harlow Press), which the question does not; the one after
    # it, ranked low, says where the buyer is based.
    first = "In 1998 the Harlow Press bought the Tidewater Gazette from its founders."
    based = "Harlow Press is based in Norwich."
    question = "Where is the publisher that bought the Tidewater Gazette based?"
    ranked = [
        at(first, 0, 0.9),
        at("Medway Books is based in Kent.", 0, 0.6, "medway.md"),
        at(based, len(first) + 1, 0.2),
    ]
    assert [s.follow for s in _mark_named_next(question, ranked, most)] == [False, False, bool(most)]
    # a next sentence opening on what the question names, or one further on, is not marked
    gazette = "The Tidewater Gazette is printed daily."
    again = [at(first, 0, 0.9), at(gazette, len(first) + 1, 0.5), at(based, 300, 0.2)]
    assert not any(s.follow for s in _mark_named_next(question, again, 2))


def test_the_sentence_after_the_best_that_goes_on_about_what_it_names_follows_it():
    # The best sentence names the series; the one after it says "It" for it and tells the year asked
    # for, ranked below a sentence of another document.
    first = 'House of Anubis is a mystery series based on the Dutch-Belgian series "Het Huis Anubis".'
    aired = "It first aired in September 2006 and ended in 2009."
    ranked = [at(first, 0, 0.8), at("Theo van Gogh was a Dutch television director.", 0, 0.6, "gogh.md")]
    ranked.append(at(aired, len(first) + 1, 0.5))
    assert [s.follow for s in _mark_pronoun_next(ranked)] == [False, False, True]
    # a possessive goes on about it too
    its = "Its first episode aired in September 2006."
    assert _mark_pronoun_next([*ranked[:2], at(its, len(first) + 1, 0.5)])[2].follow
    # an "it" that stands for nothing does not go on about it
    for idle in ("It turned out that the series was popular.", "It is possible to buy the series on disc."):
        assert not any(s.follow for s in _mark_pronoun_next([*ranked[:2], at(idle, len(first) + 1, 0.5)]))
    # nor does the next sentence of an article about one thing, read with the title that names it
    titled = [replace(s, candidate=replace(s.candidate, title="House of Anubis")) for s in ranked]
    assert not any(s.follow for s in _mark_pronoun_next(titled))


def on_lines(text: str, start: int, line: int, relevance: float, kind: str = "paragraph") -> Scored:
    sentence = Sentence(start, start + len(text), line, line, text, kind)
    return Scored(Candidate("op.txt", None, sentence, np.ones(4, dtype=np.float32) / 2, 0, ""), 0, 0, 0, relevance)


@pytest.mark.parametrize("openings", [True, False])
def test_a_sentence_opening_on_one_compared_thing_is_about_that_one_alone(openings: bool):
    reflect = "reflect - signal is extended by reflecting samples. This mode is also known as whole-sample symmetric."
    symmetric = "symmetric - signal is extended by mirroring samples."
    named = "antisymmetric - signal is extended by mirroring samples anti-symmetrically about the symmetric edge."
    ranked = [on_lines(reflect, 0, 1, 0.9), on_lines(named, 300, 5, 0.8), on_lines(symmetric, 200, 3, 0.7)]
    choice = compared("How do the symmetric and reflect modes differ?")
    assert choice == ("symmetric", "reflect modes")
    marked = _mark_alternatives(ranked, choice, stems=True, openings=openings)
    # Without it, the best sentence names "symmetric" and is taken as about both: nothing follows.
    assert [s.follow for s in marked] == ([False, False, True] if openings else [False, False, False])


def test_a_qualified_name_opens_on_its_last_part_when_things_are_compared():
    high = "statistics.median_high(data): Return the high median of data, unlike median_low."
    row = "median_low() | Low median of data."
    low = "statistics.median_low(data): Return the low median of numeric data."
    ranked = [on_lines(high, 0, 1, 0.9), on_lines(low, 200, 5, 0.7), on_lines(row, 400, 9, 0.6)]
    choice = compared("How do median_low and median_high differ?")
    assert choice is not None
    # The best names median_low but opens on median_high; the definition of median_low follows.
    marked = _mark_alternatives(ranked, choice, stems=True, openings=True)
    assert [s.follow for s in marked] == [False, True, False]


@pytest.mark.parametrize("reach", [2, 0])
def test_a_best_sentence_without_the_number_asked_for_is_completed_by_the_next_of_its_paragraph(reach: int):
    loop = "Messages that have been processed more than N times are assumed to be in a loop."
    ranked = [
        on_lines(loop, 100, 10, 0.9),
        on_lines("The hop count limits loops in 3 ways.", 900, 40, 0.8),  # another paragraph
        on_lines("Loops are rare.", 100 + len(loop) + 2, 10, 0.2),
        on_lines("Defaults to 25.", 100 + len(loop) + 18, 11, 0.1),
    ]
    question = "How many times can a message pass through before it is treated as a loop?"
    marked = _mark_completion(shape_of(question), ranked, RankingSettings(complete_lead=reach))
    assert [s.follow for s in marked] == [False, False, False, bool(reach)]
    # a best sentence holding a number, or a question asking for none, is left as it is
    numbered = [
        replace(
            ranked[0],
            candidate=replace(
                ranked[0].candidate,
                sentence=replace(ranked[0].candidate.sentence, text="Messages processed more than 30 times loop."),
            ),
        ),
        *ranked[1:],
    ]
    assert not any(s.follow for s in _mark_completion(shape_of(question), numbered, RankingSettings()))
    assert not any(s.follow for s in _mark_completion(shape_of("Why do loops happen?"), ranked, RankingSettings()))


def test_the_completing_sentence_is_looked_for_within_the_best_ones_paragraph_only():
    loop = "Messages that have been processed more than N times are assumed to be in a loop."
    ranked = [on_lines(loop, 100, 10, 0.9), on_lines("Defaults to 25.", 100 + len(loop) + 2, 12, 0.1)]
    question = "How many times can a message pass through before it is treated as a loop?"
    assert not any(s.follow for s in _mark_completion(shape_of(question), ranked, RankingSettings()))


@pytest.mark.parametrize("chain", [True, False])
def test_the_completing_sentence_is_looked_for_past_the_one_that_already_follows_the_best(chain: bool):
    # The best sentence names the town the bridge leads into; the next one, already following it,
    # names the town again; the one after tells the number asked for.
    bridge = "The Pineground Bridge formerly carried Depot Road over the Suncook River in Chichester."
    town = "Chichester is a town in Merrimack County."
    census = "The population was 2,523 at the 2010 census."
    ranked = [
        on_lines(bridge, 100, 10, 0.9),
        on_lines("Bralorne is a mining town on the Bridge River.", 0, 1, 0.5),
        replace(on_lines(town, 100 + len(bridge) + 1, 10, 0.3), follow=True),
        on_lines(census, 100 + len(bridge) + len(town) + 2, 10, 0.1),
    ]
    ranked[1] = replace(ranked[1], candidate=replace(ranked[1].candidate, source="bralorne.txt"))
    question = "How many people live in the town the Pineground Bridge carried Depot Road into?"
    settings = RankingSettings(complete_chain=chain)
    assert [s.follow for s in _mark_completion(shape_of(question), ranked, settings)] == [False, False, True, chain]
    # a follower of another document leaves the answer as it is, unless complete_beside
    apart = [ranked[0], replace(ranked[1], follow=True), replace(ranked[2], follow=False), ranked[3]]
    alone = RankingSettings(complete_chain=chain, complete_beside=False)
    assert [s.follow for s in _mark_completion(shape_of(question), apart, alone)] == [False, True, False, False]
    beside = RankingSettings(complete_chain=chain, complete_beside=True)
    assert [s.follow for s in _mark_completion(shape_of(question), apart, beside)] == [False, True, False, chain]
    # as does a follower of the best one's own document that is not the next sentence
    own = [ranked[0], replace(ranked[1], candidate=ranked[0].candidate, follow=True), ranked[2], ranked[3]]
    own[1] = replace(own[1], candidate=replace(own[1].candidate, sentence=replace(own[1].candidate.sentence, start=0)))
    assert not _mark_completion(shape_of(question), own, beside)[3].follow


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("What is the length of the track where the race was staged?", True),
        ("The bridge carried the road into a town with a population of what?", True),
        ("The village shares a zipcode with a city with what population at the 2010 census?", True),
        ("Which option sets the length of the queue?", False),
        ("What does the population command print?", False),
    ],
)
def test_a_measure_asked_for_by_its_name_is_read_as_a_number_asked_for(question: str, measure: bool):
    assert asks_measure(question) is measure


@pytest.mark.parametrize("connected", [True, False])
def test_the_clause_that_asks_is_read_only_against_sentences_naming_something_of_the_chain(connected: bool):
    # The best sentence names the town the question describes (Red Deer); the corridor's sentence names
    # it too, while the suburb's, which only matches "north", names nothing of the question or of it.
    ranked = [
        at("The project's main radar stood at the Red Deer airport in Alberta.", 0, 0.9, "Hail Project.md"),
        at("Originally a northern suburb, Kansas City now lies north of it.", 0, 0.8, "North Kansas City.md"),
        at("The corridor runs north through Red Deer to Lacombe and then west.", 0, 0.7, "Hailstorm Alley.md"),
    ]
    reranker = KeywordReranker("north")
    question = (
        "The city where the Hail Project kept its main radar lies on a corridor that runs north as far as which "
        "town before turning west?"
    )
    marked = _mark_asked(question, ranked, RankingSettings(clause_rerank=3, clause_connected=connected), reranker)
    assert [s.follow for s in marked] == [False, not connected, connected]


LISTED = {
    "fine-gray.md": (
        "# Drawbacks\n\n"
        "Critics of the Fine-Gray model raise two issues with its subdistribution weights.\n\n"
        "1. The weights need a censoring model.\n"
        "2. The risk sets are odd.\n\n"
        "The last of these is the most frequently listed issue with the Fine-Gray model, but it is actually "
        "a minor complaint.\n"
    )
}


@pytest.mark.parametrize("list_openings", [True, False])
def test_a_sentence_pointing_back_to_the_list_before_it_is_given_from_its_last_item(tmp_path: Path, list_openings):
    corpus = write_corpus(tmp_path / "c", LISTED)
    ranking = RankingSettings(list_openings=list_openings, rerank_lead=0)
    settings = AssistantSettings(ranking=ranking, min_cross=None, rerank=False)
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    quotes = [c.quote for c in bot.ask("Which issue is the most frequently listed minor complaint?").citations]
    fragment = "The last of these is the most frequently listed issue"
    if list_openings:
        assert any(q.startswith("The risk sets are odd.") or "The risk sets are odd." in q for q in quotes)
        assert any(fragment in q for q in quotes)
    else:
        assert not any(fragment in q for q in quotes)  # its start not found, it is left out


JOURNALS = {
    "truncate.txt": (
        "Of the journal modes, TRUNCATE commits transactions by truncating the rollback journal to zero length "
        "instead of deleting it, which on many systems is faster than deleting the file, since the directory that "
        "holds the journal is not changed, though a later process that opens the database in another journal "
        "mode may still find the empty journal on disk and has to treat it as a journal that is not hot, and "
        "whatever mode is chosen remains in effect for the connection until it is changed again.\n"
    ),
    "persist.txt": "The PERSIST journaling mode overwrites the header of the journal with zeros.\n",
}


@pytest.mark.parametrize("stems", [True, False])
def test_a_compared_thing_is_found_by_the_stems_of_its_words(tmp_path: Path, stems: bool):
    corpus = write_corpus(tmp_path / "c", JOURNALS)
    settings = AssistantSettings(ranking=RankingSettings(compared_stems=stems))
    bot = Assistant(
        corpus=corpus,
        index_dir=tmp_path / "i",
        embedder=HashEmbedder(),
        reranker=KeywordReranker("x"),
        settings=settings,
    )
    answer = bot.ask("How do the TRUNCATE and PERSIST journal modes differ when a transaction commits?")
    assert answer.citations[0].source == "truncate.txt"
    # "journal modes" is written "journaling mode": only its stems name the second thing
    assert ("persist.txt" in {c.source for c in answer.citations}) is stems


@pytest.mark.parametrize("pronouns", [True, False])
def test_a_best_sentence_opening_with_a_personal_pronoun_is_given_from_the_one_naming_whom_it_stands_for(
    tmp_path: Path, pronouns: bool
):
    # The answer's sentence says "She"; the sentence before it, sharing no word with the question,
    # names her. In an article titled by her name (its file's), the title names her instead.
    before = "The agents train under Laura Turner, played by Swoosie Kurtz."
    after = "She is an Emmy Award winner and two-time Tony Award winner."
    text = f"{before} {after}\n\nChuck works at a store.\n"
    corpus = write_corpus(tmp_path / "c", {"episode.txt": text, "Swoosie Kurtz.txt": text})
    settings = AssistantSettings(ranking=RankingSettings(pronoun_openings=pronouns))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    question = "Which actress is an Emmy Award winner and two-time Tony Award winner?"
    for source, given in (("episode.txt", pronouns), ("Swoosie Kurtz.txt", False)):
        answer = bot.ask(question, sources=[source])
        assert after in answer.text
        assert (before in answer.text) is given


@pytest.mark.parametrize("most", [40, 0])
def test_a_best_sentence_pointing_back_to_the_code_before_it_is_given_from_that_code(tmp_path: Path, most: int):
    # The answer is the example; the sentence after it, which says what it does, is what the
    # question's words find. A long listing, or a sentence after prose, brings nothing before it.
    listing = "\n".join(f"    step{n} --flag value{n} --other option{n}" for n in range(12))
    text = (
        "# Capture filters\n\n"
        "Filters are written in the libpcap filter language.\n\n"
        "```\ntcp port 23 and host 10.0.0.5\n```\n\n"
        "This example captures telnet traffic to and from the host 10.0.0.5.\n\n"
        "# Rotation\n\n"
        f"```\n{listing}\n```\n\n"
        "This example rotates capture files every hour on the ring buffer.\n\n"
        "# Display\n\n"
        "Names are resolved by the system's resolver.\n\n"
        "This example shows packets of the session in colour.\n\n"
        "# Alerts\n\n"
        '```\nplay audio [ "<silence .5>", "beep.opus" ]\n```\n\n'
        "Will play silence for half a second, and then an alert beep.\n"
    )
    corpus = write_corpus(tmp_path / "c", {"filters.md": text})
    settings = AssistantSettings(ranking=RankingSettings(code_openings=most))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    answer = bot.ask("Which filter captures telnet traffic to and from the host 10.0.0.5?")
    assert "This example captures" in answer.text
    if most:
        assert answer.text.index("tcp port 23") < answer.text.index("This example captures")
    else:
        assert "tcp port 23" not in answer.text
    assert "step" not in bot.ask("Which example rotates capture files every hour on the ring buffer?").text
    shown = bot.ask("Which example shows packets of the session in colour?").text
    assert "This example shows packets" in shown and "resolver" not in shown
    # a sentence with the example for its subject points back to it too
    silence = bot.ask("How do I play silence for half a second before an alert beep?").text
    assert "Will play silence" in silence
    assert ("<silence .5>" in silence) is bool(most)


@pytest.mark.parametrize("most", [4, 0])
def test_a_short_sentence_right_after_the_best_one_follows_it(tmp_path: Path, most: int):
    # "Call input() instead." finishes the warning before it and shares no word with the question;
    # a longer sentence after the best one does not follow it for its length alone.
    corpus = write_corpus(
        tmp_path / "c",
        {
            "limits.txt": "Due to buffering of input and read-ahead, you cannot intermix calls to getchar with "
            "the scanner's rules and expect it to work. Call input() instead.\n\n"
            "Pattern matching of NULs is substantially slower than matching other characters in the scanner. "
            "The tables grow with every state that the compiled automaton needs.\n",
        },
    )
    settings = AssistantSettings(ranking=RankingSettings(short_next=most))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    answer = bot.ask("Due to buffering and read-ahead, can I intermix calls to getchar with the scanner's rules?")
    assert answer.text.startswith("Due to buffering")
    assert ("Call input() instead." in answer.text) is bool(most)
    assert "automaton" not in bot.ask("Is pattern matching of NULs slower than matching other characters?").text


GADGET_FAQ = """# Gadget FAQ

The gadget keeps its settings in flash memory, and a reset of the settings is rarely needed.

  * **1.1 How do I reset the gadget to its factory settings?**

  Hold the round button for ten seconds while plugging in the power cable.

  * **1.2 Where is the serial number printed?**

  Look for a sticker under the battery cover.

Factory repairs of the gadget are free for two years.
"""


# The same questions asked in running text, each answered by the sentence after it.
GADGET_FAQ_TEXT = (
    "The gadget keeps its settings in flash memory, and a reset of the settings is rarely needed. "
    "So how do I reset the gadget to its factory settings? "
    "Hold the round button for ten seconds while plugging in the power cable.\n\n"
    "Where is the serial number printed? Look for a sticker under the battery cover.\n\n"
    "Factory repairs of the gadget are free for two years.\n"
)


@pytest.mark.parametrize("most", [3, 0])
@pytest.mark.parametrize(
    ("name", "text", "faq_question"),
    [
        ("FAQ.md", GADGET_FAQ, "1.1 How do I reset the gadget to its factory settings?"),
        ("FAQ.txt", GADGET_FAQ_TEXT, "So how do I reset the gadget to its factory settings?"),
    ],
)
def test_a_faq_question_matched_by_the_askers_question_gives_way_to_its_answer(
    tmp_path: Path, most: int, name: str, text: str, faq_question: str
):
    corpus = write_corpus(tmp_path / "c", {name: text})
    settings = AssistantSettings(
        min_relevance=0.1, ranking=RankingSettings.model_validate({**TOY_WEIGHTS, "question_answers": most})
    )
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    question = "How can I reset my gadget to its factory settings?"
    evidence = {e.citation.quote: e.relevance for e in bot.search(question, k=20)}
    answer = "Hold the round button for ten seconds while plugging in the power cable."
    given = bot.ask(question).text
    assert faq_question not in given  # a question is never an answer, nor part of one
    assert (evidence[answer] == pytest.approx(evidence[faq_question])) is bool(most)
    assert given.startswith(answer) is bool(most)
