"""A question naming a section by number or title is answered from that section."""

from __future__ import annotations

import pytest

from assistant import Assistant, AssistantSettings
from assistant.sections import SectionAsked, heading_number, opening, section_asked
from index.chunking import Sentence
from tests.answers import well_formed


@pytest.mark.parametrize(
    ("question", "number", "title"),
    [
        ("What does section 2.1 say?", "2.1", ""),
        ("Summarise chapter 3 of the handbook.", "3", ""),
        ("What does § 4 cover?", "4", ""),
        ("What is in Appendix B?", "b", ""),
        ("What does clause 2.1(b) grant?", "2.1", ""),
        ("What does the 'Effective Date' section say?", "", "Effective Date"),
        ("Summarise the Finance section.", "", "Finance"),
        ("What does the section on the 8.x releases say?", "", "8.x releases"),
        ('What does the section called "Grants" say?', "", "Grants"),
    ],
)
def test_a_section_is_asked_for_by_number_or_by_title(question: str, number: str, title: str):
    asked = section_asked(question)
    assert asked is not None and (asked.number, asked.title) == (number, title)


@pytest.mark.parametrize(
    "question",
    [
        "Which archive section do library packages belong to?",
        "The fortress's oldest parts date to which century?",
        "Who wrote the second part of the trilogy?",
        "What does the first section say?",  # an ordinal names no heading's words
    ],
)
def test_a_question_that_names_no_section_is_not_read_as_one(question: str):
    asked = section_asked(question)
    assert asked is None or (not asked.number and asked.title.casefold() == "first")


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("2.1. Grants", "2.1"),
        ("Section 2.1 Grants", "2.1"),
        ("4.1.1) CUPS", "4.1.1"),
        ("Appendix B Tables", "b"),
        ("Chapter 3", "3"),
        ("A Brief History", ""),
        ("Introduction", ""),
    ],
)
def test_a_headings_own_number(heading: str, number: str):
    assert heading_number(heading) == number


def sentence(start: int, text: str, *section: str) -> Sentence:
    return Sentence(start, start + len(text), 1, 1, text, section=section)


def test_a_sections_opening_takes_the_first_sentence_of_each_part_before_the_second_of_any():
    parts = [
        sentence(0, "The grants follow.", "2"),
        sentence(20, "A second sentence of the section itself.", "2"),
        sentence(70, "Each contributor grants a licence.", "2", "2.1"),
        sentence(110, "It covers copying.", "2", "2.1"),
        sentence(140, "The licence starts at once.", "2", "2.2"),
    ]
    taken = opening(parts, limit=14)
    assert [s.text for s in taken] == [
        "The grants follow.",
        "Each contributor grants a licence.",
        "The licence starts at once.",
    ]
    assert [s.text for s in opening(parts, limit=1)] == ["The grants follow."]  # the first always counts


def test_a_sentence_that_introduces_a_list_joins_a_sections_opening_with_its_first_item():
    parts = [
        sentence(0, "The grants follow.", "2"),
        sentence(20, "Each contributor grants the following:", "2", "2.1"),
        sentence(60, "a) the right to copy;", "2", "2.1"),
        sentence(90, "b) the right to share.", "2", "2.1"),
        sentence(120, "The licence starts at once.", "2", "2.2"),
    ]
    texts = [s.text for s in opening(parts, limit=18)]
    assert texts == [
        "The grants follow.",
        "Each contributor grants the following:",
        "a) the right to copy;",
        "The licence starts at once.",
    ]
    # no room for it with its item: the opening ends before it, not on a colon
    assert [s.text for s in opening(parts, limit=10)] == ["The grants follow."]


LICENCE = """Widget Public Licence
=====================

1. Definitions
--------------

A contributor is each person who makes the widget software or a part of it.

2. Grants
---------

The grants below are the only rights this licence gives.

2.1. Copyright

Each contributor grants you a royalty-free licence to copy and modify the software.

2.2. Effective date

The licence takes effect on the day a contributor first distributes a contribution.

2.3. Trademarks

This licence grants no rights in the trademarks or logos of any contributor.
"""

HANDBOOK = """# Staff handbook

## 2.1 Travel

Staff book trains through the travel desk at least a week ahead.

## 2.2 Expenses

Receipts are scanned into the expenses app within thirty days of the purchase.

## 3 Finance

The finance team closes the books on the fifth working day of each month.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:
    base = tmp_path_factory.mktemp("sections")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "widget-licence.txt").write_text(LICENCE, encoding="utf-8")
    (corpus / "handbook.md").write_text(HANDBOOK, encoding="utf-8")
    return Assistant(corpus=corpus, index_dir=base / "index", embedder=real_embedder)


@pytest.mark.model
def test_a_numbered_section_of_the_document_the_question_names_is_answered_from(bot: Assistant):
    answer = bot.ask("What does section 2.2 of the licence say?")
    assert well_formed(bot, answer)
    assert [c.quote for c in answer.citations] == [
        "The licence takes effect on the day a contributor first distributes a contribution."
    ]
    assert answer.citations[0].section == ("2. Grants", "2.2. Effective date")
    assert "From the section “2.2. Effective date” of widget-licence.txt." in answer.notices


@pytest.mark.model
def test_a_section_with_subsections_is_summarised_by_their_openings_under_their_headings(bot: Assistant):
    answer = bot.ask("Summarise section 2 of the widget licence.")
    assert well_formed(bot, answer)
    assert [s.text for s in answer.segments] == [
        "The grants below are the only rights this licence gives.",
        "2.1. Copyright: Each contributor grants you a royalty-free licence to copy and modify the software.",
        "2.2. Effective date: The licence takes effect on the day a contributor first distributes a contribution.",
        "2.3. Trademarks: This licence grants no rights in the trademarks or logos of any contributor.",
    ]


@pytest.mark.model
def test_a_number_two_documents_share_is_answered_from_one_naming_the_other(bot: Assistant):
    answer = bot.ask("What does section 2.1 say?")
    assert len({c.source for c in answer.citations}) == 1
    (other,) = {"widget-licence.txt", "handbook.md"} - {answer.citations[0].source}
    assert any(n.startswith(f"{other} also has a section so named") for n in answer.notices)
    chosen = bot.ask("What does section 2.1 say?", sources=["handbook.md"])
    assert [c.quote for c in chosen.citations] == ["Staff book trains through the travel desk at least a week ahead."]


@pytest.mark.model
def test_a_question_asking_more_of_a_section_is_ranked_among_its_sentences(bot: Assistant):
    answer = bot.ask("What does section 2.3 say about logos?")
    assert answer.citations[0].quote == "This licence grants no rights in the trademarks or logos of any contributor."
    assert all(c.section[-1] == "2.3. Trademarks" for c in answer.citations)


@pytest.mark.model
def test_a_section_asked_for_by_title(bot: Assistant):
    answer = bot.ask("Summarise the finance section.")
    assert [c.quote for c in answer.citations] == [
        "The finance team closes the books on the fifth working day of each month."
    ]


@pytest.mark.model
def test_a_section_no_document_has_is_asked_as_any_question(bot: Assistant):
    answer = bot.ask("What does section 9.4 say?")
    assert not any(n.startswith("From the section") for n in answer.notices)
    assert not answer.grounded


@pytest.mark.model
def test_section_questions_can_be_turned_off(bot: Assistant, real_embedder):
    settings = AssistantSettings(index=bot.settings.index, section_questions=False)
    plain = Assistant(settings=settings, embedder=real_embedder)
    answer = plain.ask("What does section 2.2 of the licence say?")
    assert not any(n.startswith("From the section") for n in answer.notices)


def test_the_rest_of_a_question_naming_a_section_is_kept():
    assert section_asked("What does section 2.3 say about logos?") == SectionAsked(
        "2.3", "", "What does say about logos?", (10, 21)
    )


@pytest.mark.model
def test_a_follow_up_naming_another_section_asks_the_same_of_it(bot: Assistant):
    conversation = bot.conversation()
    conversation.ask("What does section 2.2 of the licence say?")
    answer = conversation.ask("And section 2.3?")
    assert answer.query == "What does section 2.3 of the licence say?"
    assert all(c.section[-1] == "2.3. Trademarks" for c in answer.citations)
