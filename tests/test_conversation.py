"""Follow-up questions rewritten to stand alone."""

import pytest

from assistant.conversation import names, rewrite
from assistant.types import Answer, Citation, Segment


def turn(query: str, quote: str = "") -> Answer:
    citations = [Citation("a.txt", 0, len(quote), 1, 1, quote, 0.5)] if quote else []
    return Answer(query, [Segment("text", (1,) if quote else ())], True, citations, query)


@pytest.mark.parametrize(
    ("previous", "question", "expected"),
    [
        (
            "What did Stoltenberg say on Wednesday?",
            "Which organisation does he lead?",
            "Which organisation does Stoltenberg lead?",
        ),
        (
            "Who is Ruslan Leviev?",
            "What did he say about the troops from Crimea?",
            "What did Ruslan Leviev say about the troops from Crimea?",
        ),
        ("What did Stoltenberg say on Wednesday?", "What about Biden?", "What did Biden say on Wednesday?"),
        (
            "What did Zelenskiy tell the BBC?",
            "What did his people rally for?",
            "What did Zelenskiy’s people rally for?",
        ),
    ],
)
def test_follow_up_is_rewritten_from_the_previous_question(previous, question, expected):
    assert rewrite(question, [turn(previous)]) == expected


def test_pronoun_falls_back_to_the_name_in_the_previous_answer():
    previous = turn("Who leads NATO's response?", "Jens Stoltenberg said the buildup continues.")
    previous = Answer(previous.question, previous.segments, True, previous.citations, "who leads the response?")
    assert rewrite("When did he say it?", [previous]) == "When did Jens Stoltenberg say it?"


def test_question_that_names_its_own_subject_is_left_alone():
    assert rewrite("What did Biden say?", [turn("What did Stoltenberg say?")]) == "What did Biden say?"


def test_first_question_is_left_alone():
    assert rewrite("What did he say?", []) == "What did he say?"


def test_names_leave_out_question_words_and_weekdays():
    assert names("What did NATO chief Jens Stoltenberg say on Wednesday?") == ["NATO", "Jens Stoltenberg"]


def test_names_leave_out_a_capitalised_pronoun_but_keep_inner_connectives():
    text = "His roles included the Department of Health during the Nixon administration."
    assert names(text) == ["Department of Health", "Nixon"]


def test_a_name_with_a_possessive_inside_is_read_whole_and_in_its_parts():
    text = "It strengthened Alexander Kerensky's Provisional Government and Nancy Sinatra's song."
    assert names(text) == [
        "Alexander Kerensky's Provisional Government",
        "Alexander Kerensky",
        "Provisional Government",
        "Nancy Sinatra",
    ]
    # A possessive opening a sentence is still no name by itself.
    assert names("Kerensky's men came later.") == []
