from hypothesis import given, settings
from hypothesis import strategies as st

from index.sentences import MAX_SENTENCE_CHARS, split_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


def test_us_abbreviation_does_not_end_a_sentence():
    text = "He spoke on the day U.S. intelligence had predicted an incursion. Nothing happened."
    assert split(text) == ["He spoke on the day U.S. intelligence had predicted an incursion.", "Nothing happened."]


def test_us_before_a_capitalised_title_does_not_end_a_sentence():
    assert split("In a Tuesday address, U.S. President Joe Biden spoke. Then he left.") == [
        "In a Tuesday address, U.S. President Joe Biden spoke.",
        "Then he left.",
    ]


def test_a_numbered_label_opening_a_paragraph_does_not_end_a_sentence():
    assert split("Table 9.9. SQL String Functions and Operators") == ["Table 9.9. SQL String Functions and Operators"]
    assert split("Example 4. Reading a file. It opens the file.") == [
        "Example 4. Reading a file.",
        "It opens the file.",
    ]
    # inside a paragraph, the number ends its sentence as any other
    assert split("The functions are listed in Table 9.9. It has three columns.") == [
        "The functions are listed in Table 9.9.",
        "It has three columns.",
    ]


def test_titles_and_initials_do_not_end_sentences():
    assert split("Dr. Smith met J. R. Jones at 10 a.m. on Monday. They talked.") == [
        "Dr. Smith met J. R. Jones at 10 a.m. on Monday.",
        "They talked.",
    ]


def test_a_full_stop_a_pdf_printed_without_its_space_still_ends_a_sentence_but_not_in_a_name():
    text = "Forms are used to gather the data.The default editor is vi. Call pathlib.Path or e.g.The tool."
    assert split(text) == [
        "Forms are used to gather the data.",
        "The default editor is vi.",
        "Call pathlib.Path or e.g.The tool.",
    ]


def test_a_sentence_may_open_with_a_lower_case_command():
    text = "Check the warning issued. bzip2 stops (eg. when full); see Sec. 4 and ch. 2, e.g. here. npm is not needed."
    assert split(text) == [
        "Check the warning issued.",
        "bzip2 stops (eg. when full); see Sec. 4 and ch. 2, e.g. here.",
        "npm is not needed.",
    ]


def test_an_address_broken_at_a_line_end_ends_no_sentence():
    assert split("See the guidelines (https://www. debian.org/social_contract) first. ssh is next.") == [
        "See the guidelines (https://www. debian.org/social_contract) first.",
        "ssh is next.",
    ]


def test_a_single_letter_or_a_run_of_dots_ends_no_sentence_before_a_lower_case_word():
    assert split("Choose option a. then press b. and x1 . . . xn are the values.") == [
        "Choose option a. then press b. and x1 . . . xn are the values."
    ]


def test_quoted_sentence_ends_after_the_closing_quote():
    assert split("“It is over.” Then the crowd left.") == ["“It is over.”", "Then the crowd left."]


def test_questions_and_exclamations_end_sentences():
    assert split("Is it true? Yes! It is.") == ["Is it true?", "Yes!", "It is."]


def test_sentences_never_cross_a_blank_line():
    assert split("A heading\n\nThe body text") == ["A heading", "The body text"]


def test_overlong_run_without_punctuation_is_cut_at_white_space():
    text = " ".join(["word"] * 2000)
    pieces = split(text)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_spans_are_ordered_disjoint_and_stripped(text):
    previous_end = 0
    for start, end in split_spans(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


def test_an_abbreviation_after_a_no_break_space_or_a_tab_ends_no_sentence():
    text = "Born 8 September\xa0[O.S. 26 August]\xa01906, he left.\tSee\tFig. 3 for it. Then go."
    assert split(text) == ["Born 8 September\xa0[O.S. 26 August]\xa01906, he left.", "See\tFig. 3 for it.", "Then go."]


def test_an_abbreviation_opening_a_later_paragraph_ends_no_sentence():
    assert split("First one.\n\nDr. Who came. He left.") == ["First one.", "Dr. Who came.", "He left."]


def test_the_number_of_a_list_item_or_section_ends_no_sentence():
    assert split("1. Download the archive.") == ["1. Download the archive."]
    assert split("2.1. Installing it. Then go on.") == ["2.1. Installing it.", "Then go on."]
    assert split("Run it. 2. Unpack the archive.") == ["Run it.", "2. Unpack the archive."]
    assert split("Do this:\n1. Download it.\n2. Unpack it.") == ["Do this:\n1. Download it.", "2. Unpack it."]
    # a number ending a sentence inside a line still ends it
    assert split("The total was 12. Then it fell.") == ["The total was 12.", "Then it fell."]


def test_a_roman_numeral_numbering_an_item_ends_no_sentence():
    assert split("iv. Restart the server. Then log in.") == ["iv. Restart the server.", "Then log in."]
    assert split("II. Methods. III. Results.") == ["II. Methods.", "III. Results."]
    # a word made of the same letters is no numeral
    assert split("Mix. Then stir.") == ["Mix.", "Then stir."]
