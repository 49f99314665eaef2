"""The answer rules on hand-made candidates: what a question asks, sentence fit, selection, titles."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant
from assistant.question import (
    alternatives,
    asked_clause,
    asking_sentence,
    compared,
    question_terms,
    readings,
    respelled,
    second_question,
    shape_of,
    symbols_in,
    unknown_names,
)
from assistant.scoring import Candidate, Scored, fit, names_person, overlap
from assistant.selection import (
    in_context,
    in_reading_order,
    labelled,
    select,
    shown,
    stands_alone,
    title_cased,
    within_words,
)
from assistant.settings import AssistantSettings, RankingSettings
from assistant.types import Segment, answer_text
from index.chunking import Sentence
from index.text import stem
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder

RULES = RankingSettings()


def scored(
    text: str, relevance: float, source: str = "a.txt", title: str = "", vector=None, follow=False, kind="paragraph"
) -> Scored:
    vec = np.asarray(
        vector if vector is not None else np.random.default_rng(sum(map(ord, text))).normal(size=8), dtype=np.float32
    )
    vec /= np.linalg.norm(vec)
    candidate = Candidate(source, None, Sentence(0, len(text), 1, 1, text, kind), vec, 0, title)
    return Scored(candidate, relevance, 0.0, relevance, relevance, bridged=follow, follow=follow)


def texts(items: list[Scored]) -> list[str]:
    return [s.candidate.sentence.text for s in items]


def test_question_shapes_are_recognised():
    assert shape_of("Who doubted the withdrawal?").kind == "who"
    assert shape_of("who doubted the withdrawal?").doubt
    assert shape_of("When will the troops go back?").kind == "when"
    assert shape_of("How many troops surround Ukraine?").kind == "count"
    assert shape_of("Where did the drills take place?").kind == "where"
    assert not shape_of("What did Putin say?").doubt


def test_only_a_question_asking_who_doubted_something_asks_for_doubt():
    # what rejects or questions something is not asked for a doubter's words
    assert shape_of("Who denied the report?").doubt
    assert not shape_of("Which debconf interface stops all questions?").doubt
    assert not shape_of("How deeply can JSON be nested before SQLite's JSON functions reject it?").doubt


def test_a_question_that_describes_first_is_recognised_by_its_last_interrogative():
    assert shape_of("The team represented a university which was founded in what year?").kind == "year"
    assert shape_of("In what year was the university founded?").kind == "year"
    assert shape_of("The manager who signed him led the club during what timeframe?").kind == "when"
    assert shape_of("The lake is in a county that has a population of how many inhabitants?").kind == "count"
    assert shape_of("The song on the album was written by whom?").kind == "who"
    assert shape_of("The castle borders on the south side of what coastal area?").kind == "other"


def test_a_question_opening_with_why_asks_why_whatever_interrogative_follows():
    question = "Why don't the daemons offer a read-only socket when they run in session mode?"
    assert asked_clause(question) == (question.lower(), question)
    assert shape_of(question).kind == "other"  # not "when": the "when" is a conjunction
    assert shape_of("Why was the module renamed, and when?").kind == "other"
    assert shape_of("The reason it was renamed was given by whom?").kind == "who"


def test_a_question_opening_with_its_circumstance_asks_in_the_clause_after_it():
    assert shape_of("When using apt, how do I keep a package back?").kind == "how"
    assert shape_of("When the FAQ calls software free, does it mean that it costs nothing?").kind == "other"
    assert asked_clause("If I declare a column as FLOATING POINT, what affinity does it get?") == (
        "what affinity does it get?",
        "what affinity does it get?",
    )
    assert shape_of("When was the castle built, and by whom?").kind == "when"  # "when" that asks


def test_the_second_of_two_joined_questions_is_read_apart():
    assert second_question("Which group has ID 5, and who defines it?") == "who defines it?"
    assert (
        second_question("Which CUPS release is the oldest, and which one do they suggest?")
        == "which one do they suggest?"
    )
    assert second_question("Who wrote it and when?") is None  # no comma: one question
    assert second_question("What is the default size of the stack?") is None


def test_a_yes_or_no_question_or_a_question_of_its_own_is_a_second_question_with_its_forms():
    joined = "Which shell option changes that, and is it on unless I set it?"
    apart = "Should I pick FFTW_MEASURE or FFTW_ESTIMATE? How do the two differ?"
    assert second_question(joined, forms=True) == "is it on unless I set it?"
    assert second_question(apart, forms=True) == "How do the two differ?"
    assert second_question(joined) is None and second_question(apart) is None
    # a question mark inside the question is no second question ("temp?" is a pattern)
    assert second_question("What is left out by a line reading temp? in .dockerignore?", forms=True) is None
    assert second_question("Which group has ID 5, and who defines it?", forms=True) == "who defines it?"


def test_the_asking_sentence_is_the_last_of_a_question_that_sets_a_scene_first():
    scene = "I want students to reach the top mark without every point. Which AMC setting lets me do that?"
    assert asking_sentence(scene) == "Which AMC setting lets me do that?"
    assert asking_sentence("Is it built on ARM Linux? Which GCC version and which CI service?") == (
        "Which GCC version and which CI service?"
    )
    assert asking_sentence("I read the news today. who doubted the withdrawal?") == "who doubted the withdrawal?"
    assert asking_sentence("Who did Mr. Smith marry?") is None  # an abbreviation ends no sentence
    assert asking_sentence("What does os.path.join do?") is None
    assert asking_sentence("Tell me about the castle. Why?") is None  # one word asks nothing alone


def test_words_of_the_clause_that_asks_weigh_more():
    shape = shape_of("The team, coached by Smart, represented a university which was founded in what year?")
    assert shape.terms["found"] > shape.terms["coach"] == shape.terms["team"]
    opening = shape_of("What position was held by the woman who starred in the film?")
    assert opening.terms[stem("position")] > opening.terms["film"]
    whole = "What did the minister say about the drills?"  # one clause: every word alike
    assert shape_of(whole).terms == question_terms(whole)


def test_a_question_for_a_year_rewards_a_sentence_with_one():
    shape = shape_of("The university was founded in what year?")
    assert fit(shape, "It was founded in 1838 as a medical school.", RULES) == RULES.fit_bonus
    assert fit(shape, "Its third-year students won.", RULES) == 0.0


def test_a_question_for_an_amount_rewards_a_number_also_with_its_unit_glued_to_it():
    shape = shape_of("Roughly how much bandwidth does each compile job need?")
    for amount in (
        "You can calculate with ~1MBit per compile job.",
        "Each job takes 10ms.",
        "It needs 4TiB.",
        "About 2 GB.",
    ):
        assert fit(shape, amount, RULES) == RULES.fit_bonus, amount
    for none in (
        "Jobs were first spread in the late 1960s.",
        "The 2nd job waits.",
        "Each job is an x86 binary.",
        "2. Insert the USB stick and note the name of the new disk.",  # a list item's number
        "3) Start the job.",
    ):
        assert fit(shape, none, RULES) == 0.0, none
    assert fit(shape, "2. Give each job 512 MB.", RULES) == RULES.fit_bonus


@pytest.mark.parametrize(
    "question",
    [
        "Which TCP port does a nullmodem connection use if I don't set one?",
        "What cost does htpasswd use when I don't pass -C?",
        "How many results does lru_cache keep unless I say otherwise?",
        "What is the default hash cost?",
        "If I build it without naming a cost, which one is compiled in?",
    ],
)
def test_a_question_asking_what_holds_when_nothing_is_set_rewards_a_sentence_naming_the_default(question: str):
    shape = shape_of(question)
    assert shape.default
    assert fit(shape, "-C: It sets the computing time (default: 5, valid: 4 to 17).", RULES) == RULES.fit_bonus
    assert fit(shape, "If this option isn't specified, then 5 is assumed.", RULES) == RULES.fit_bonus
    assert fit(shape, "-C: It sets the computing time used for bcrypt.", RULES) == 0.0
    assert fit(shape_of(question, RankingSettings(default_fit=False)), "It is kept by default.", RULES) == 0.0


def test_a_default_is_rewarded_once_beside_the_kind_asked_for_and_not_read_into_excluding():
    shape = shape_of("How many results does lru_cache keep by default?")
    assert fit(shape, "By default it keeps 128 results.", RULES) == RULES.fit_bonus  # a number, once
    assert fit(shape, "It keeps them by default.", RULES) == RULES.fit_bonus
    assert not shape_of("How do I copy a folder tree but leave out the .pyc files?").default


def test_a_question_asking_how_to_do_something_rewards_a_command_or_option():
    shape = shape_of("How can I get the shell to show how long each statement took?")
    assert shape.kind == "how"
    settings = RankingSettings(command_words=False)
    bonus = settings.fit_bonus
    for answer in (".timer on|off: Turn SQL timer on or off", "Add the option --branch-sim=yes.", "$ ln -sf a b"):
        assert fit(shape, answer, settings) == bonus, answer
    assert fit(shape, "The shell shows each statement - and its time - when asked.", settings) == 0.0
    # a command the question names still answers it: "valgrind --tool=dhat prog"
    assert fit(shape_of("How do I run DHAT?"), "To run it: valgrind --tool=dhat prog", settings) == bonus
    assert shape_of("How do I run DHAT?", RankingSettings(procedures=False)).kind == "other"
    # with command_words, only a command in a sentence holding a word of the question
    frozen = shape_of("How do I get my terminal back after printing a binary file to it?")
    assert fit(frozen, "Type reset -q to get the terminal back.", RULES) == bonus
    assert fit(frozen, "fc-cache -r", RULES) == 0.0
    assert fit(frozen, "fc-cache -r", settings) == bonus
    assert shape_of("How many statements ran?").kind == "count"


def test_a_question_for_a_kind_of_place_rewards_a_sentence_naming_another_place():
    shape = shape_of("In which city is the presidential library of the president born in Omaha?")
    assert shape.kind == "place"
    assert shape_of("The director is based in what New York city?").kind == "place"
    assert shape_of("What is the state of the art?").kind == "other"  # a verb between: not a kind of place
    settings = RankingSettings(command_words=False)
    bonus = settings.fit_bonus
    assert fit(shape, "It is a repository on the north campus of the university in Ann Arbor.", settings) == bonus
    assert fit(shape, "The library is at the Gerald Ford Museum.", settings) == bonus
    assert fit(shape, "It is part of the National Archives.", settings) == 0.0  # a name, not after in, at, from
    assert fit(shape, "It opened in March 1981.", settings) == 0.0  # a month
    assert fit(shape, "The president was born in Omaha.", settings) == 0.0  # the question's own place
    # "where" asks for a place too but often for a folder or a table ("In SQLite, ..."): no bonus
    assert fit(shape_of("Where does SQLite remember the highest row id?"), "In SQLite, a table ...", settings) == 0.0
    assert shape_of("Which city hosted it?", RankingSettings(places=False)).kind == "other"


def test_a_where_question_rewards_a_path():
    shape = shape_of("Where does libffi get installed if I run configure without saying where?")
    settings = RankingSettings(command_words=False)
    bonus = settings.fit_bonus
    assert fit(shape, "By default it is installed under the prefix.", settings) == 0.0
    assert fit(shape, "Libraries go to /usr/local/lib by default.", settings) == bonus
    assert fit(shape, "Put your settings in ~/.config/ffi.", settings) == bonus
    assert fit(shape, "See https://github.com/libffi/libffi/issues/42.", settings) == 0.0  # a web address
    assert fit(shape, "It handles input and/or output in 1/32nd of the time.", settings) == 0.0
    assert shape_of("Where is it kept?", RankingSettings(locations=False)).kind == "other"


def test_rare_question_words_weigh_more_with_idf():
    shape = shape_of("troops of Leviev", idf=lambda term: 4.0 if term == "leviev" else 1.0)
    assert shape.terms["leviev"] > shape.terms["troop"]


def test_best_sentence_always_leads_and_weak_runners_up_are_left_out():
    ranked = [scored("Best answer here.", 0.9), scored("A close second.", 0.8), scored("Far behind.", 0.3)]
    assert texts(select(shape_of("What happened?"), ranked, RULES, 80, 4)) == ["Best answer here.", "A close second."]


def test_word_budget_keeps_long_runners_up_out():
    long = " ".join(["word"] * 70) + "."
    ranked = [scored("Short best answer.", 0.9), scored(long, 0.85), scored("A short second.", 0.8)]
    assert texts(select(shape_of("What happened?"), ranked, RULES, 40, 4)) == ["Short best answer.", "A short second."]


@pytest.mark.parametrize("whole", [True, False])
def test_a_copy_of_an_answer_sentence_is_left_out_but_not_a_parallel_one_that_says_the_other_thing(whole: bool):
    best = "A retry by the client at this point will not cause duplicate messages."
    ranked = [
        scored(best, 0.9),
        scored(best, 0.88, source="b.txt"),  # the same page in another format
        scored("A retry by the client at this point may cause duplicate messages.", 0.85),
    ]
    question = shape_of("Can the client's retry duplicate a message?")
    chosen = texts(select(question, ranked, RankingSettings(opposite_copies=whole), 80, 4))
    assert chosen == [best, *(["A retry by the client at this point may cause duplicate messages."] if whole else [])]


def test_a_runner_up_as_relevant_as_a_long_best_joins_last_past_the_budget():
    long_best = "min_wal_size: " + " ".join(f"w{n}" for n in range(60)) + "."
    ranked = [
        scored(long_best, 0.72, source="wal.html"),
        scored("money, Storage Size: 8 bytes", 0.71, source="money.html", kind="table_row"),
        scored("Short third.", 0.6),
    ]
    question = shape_of("How much space does money use?")
    assert texts(select(question, ranked, RULES, 40, 4)) == [long_best, "money, Storage Size: 8 bytes"]
    assert texts(select(question, ranked, RankingSettings(tie_ratio=1.0), 40, 4)) == [long_best]


def test_a_sentence_adding_no_word_to_the_answer_is_given_once():
    ranked = [
        scored("It rained on Monday.", 0.9),
        scored("On Monday it rained.", 0.88, source="copy.txt", vector=np.arange(8)),  # however unlike
        scored("It rained on Monday in Leeds.", 0.87, source="b.txt"),
    ]
    chosen = texts(select(shape_of("What happened?"), ranked, RULES, 80, 4))
    assert chosen == ["It rained on Monday.", "It rained on Monday in Leeds."]


def test_parallel_rows_alike_in_meaning_are_all_given():
    # Rows of one table are close in meaning, but each says something the other does not.
    same = np.ones(8)
    ranked = [
        scored("real, Storage Size: 4 bytes, Range: 6 decimal digits precision", 0.9, vector=same, kind="table_row"),
        scored("double precision, Storage Size: 8 bytes, Range: 15 decimal digits precision", 0.88, vector=same),
    ]
    assert len(select(shape_of("How precise are real and double precision?"), ranked, RULES, 80, 4)) == 2


def test_doubt_question_gathers_only_sentences_that_voice_doubt_and_name_someone():
    ranked = [
        scored("“We don’t see any withdrawal yet,” Zelenskiy said.", 0.7),
        scored("Putin said a decision has been taken to withdraw forces.", 0.6),
        scored("“We have not seen any de-escalation,” Stoltenberg said.", 0.4),
        scored("Troops were not leaving.", 0.4),
    ]
    chosen = texts(select(shape_of("who doubted the withdrawal?"), ranked, RULES, 80, 4))
    assert chosen == [
        "“We don’t see any withdrawal yet,” Zelenskiy said.",
        "“We have not seen any de-escalation,” Stoltenberg said.",
    ]


def test_sentence_marked_to_follow_comes_second_however_low_it_scores():
    ranked = [
        scored("The film starred Shirley Temple.", 0.8, source="film.txt"),
        scored("The film premiered in 1945.", 0.7, source="film.txt"),
        scored("She served as Chief of Protocol.", 0.35, source="temple.txt", title="Shirley Temple", follow=True),
    ]
    chosen = texts(select(shape_of("What position did the star hold?"), ranked, RULES, 80, 4))
    assert chosen[:2] == ["The film starred Shirley Temple.", "She served as Chief of Protocol."]


def test_sentence_marked_to_follow_joins_even_past_the_word_budget():
    long_answer = "She served as " + " ".join(["ambassador"] * 50) + "."
    ranked = [
        scored("The film starred Shirley Temple.", 0.8, source="film.txt"),
        scored("The film premiered in 1945.", 0.7, source="film.txt"),
        scored(long_answer, 0.35, source="temple.txt", title="Shirley Temple", follow=True),
    ]
    chosen = texts(select(shape_of("What position did the star hold?"), ranked, RULES, 40, 4))
    assert chosen == ["The film starred Shirley Temple.", long_answer]


def test_sentence_that_does_not_name_its_subject_is_labelled_with_the_title():
    assert labelled(scored("Other ancestors include the Gordon Setter.", 0.5, title="Scotch Collie (dog)"), True) == (
        "Scotch Collie: Other ancestors include the Gordon Setter."
    )
    assert (
        labelled(scored("The Scotch Collie is a dog.", 0.5, title="Scotch Collie"), True)
        == "The Scotch Collie is a dog."
    )
    assert labelled(scored("It is a dog.", 0.5), True) == "It is a dog."


def in_section(text: str, *section: str) -> Scored:
    item = scored(text, 0.5, title="json_tokener.h File Reference")
    sentence = replace(item.candidate.sentence, section=section)
    return replace(item, candidate=replace(item.candidate, sentence=sentence, sectioned=True))


def test_sentence_under_a_heading_naming_code_is_labelled_with_it():
    # An API reference's heading per member names what its paragraphs describe.
    strict = in_section("Be strict when parsing JSON input.", "Macros", "JSON_TOKENER_STRICT")
    assert labelled(strict, True) == "JSON_TOKENER_STRICT: Be strict when parsing JSON input."
    assert labelled(strict, False) == "Be strict when parsing JSON input."
    called = in_section("Create a new tokener.", "json_tokener_new()")
    assert labelled(called, True) == "json_tokener_new(): Create a new tokener."
    # a sentence naming it already, and a heading in words, add nothing
    named = in_section("Use JSON_TOKENER_STRICT with care.", "JSON_TOKENER_STRICT")
    assert labelled(named, True) == "Use JSON_TOKENER_STRICT with care."
    assert labelled(in_section("A transaction is used by one thread.", "Threads and Processes"), True) == (
        "A transaction is used by one thread."
    )


def test_a_label_shows_once_for_sentences_in_a_row_that_share_it():
    shape = shape_of("Which flag makes parsing strict?")
    first = in_section("Be strict when parsing JSON input.", "JSON_TOKENER_STRICT")
    second = in_section("This flag is not set by default.", "JSON_TOKENER_STRICT")
    other = in_section("Use with the strict flag.", "JSON_TOKENER_ALLOW_TRAILING_CHARS")
    assert shown(shape, second, RULES, first) == "This flag is not set by default."
    assert shown(shape, other, RULES, second) == "JSON_TOKENER_ALLOW_TRAILING_CHARS: Use with the strict flag."
    assert shown(shape, second, RULES) == "JSON_TOKENER_STRICT: This flag is not set by default."


def test_only_stance_questions_gather_several_people():
    assert shape_of("Who said the troops were leaving?").gathers
    assert shape_of("Who doubted the withdrawal?").gathers
    assert not shape_of("Who wrote the song?").gathers
    assert not shape_of("Who is Ruslan Leviev?").gathers


@pytest.mark.parametrize(
    ("question", "things"),
    [
        ("Who was born first, Gervais Raoul Lufbery or François Coli?", ("Gervais Raoul Lufbery", "François Coli")),
        ("Which band, Letters to Cleo or Screaming Trees, had more members?", ("Letters to Cleo", "Screaming Trees")),
        (
            "Which dog descends from setters: the Manchester Terrier or the Scotch Collie?",
            ("Manchester Terrier", "Scotch Collie"),
        ),
        ("Which came first, 888 7th Avenue or the Random House Tower?", ("888 7th Avenue", "Random House Tower")),
        # the comma left out, as HotpotQA's askers often do
        (
            "Which magazine was started first Arthur's Magazine or First for Women?",
            ("Arthur's Magazine", "First for Women"),
        ),
        ("Who is older Jane Doe or John Roe?", ("Jane Doe", "John Roe")),
    ],
)
def test_the_two_things_a_question_compares_are_read_from_it(question: str, things: tuple[str, str]):
    assert alternatives(question) == things


@pytest.mark.parametrize(
    ("question", "things"),
    [
        ("How do median_low and median_high differ when the number of values is even?", ("median_low", "median_high")),
        ("What is the difference between declaring Recommends and Suggests?", ("Recommends", "Suggests")),
        (
            "How do the upload rights of a Debian Developer and a Debian Maintainer differ?",
            ("Debian Developer", "Debian Maintainer"),
        ),
        ("How fast do lz4 and snappy decompress, and which of the two is quicker?", ("lz4", "snappy")),
        ("How did Debian 1.2 and Debian 1.3 compare in size?", ("Debian 1.2", "Debian 1.3")),
    ],
)
def test_two_things_set_side_by_side_are_read_from_the_question(question: str, things: tuple[str, str]):
    assert compared(question) == things


def test_a_question_that_sets_nothing_side_by_side_compares_nothing():
    assert compared("How do I run my program and its tests?") is None
    assert compared("Which ports and services did the machine host?") is None
    assert compared("What does the orphans argument do?") is None


def test_a_question_without_two_named_alternatives_compares_nothing():
    assert alternatives("Who doubted the withdrawal?") is None
    assert alternatives("Did the troops stay or leave?") is None
    assert alternatives("Was it more or less than expected?") is None
    assert alternatives("What does R or Python use for plots?") is None
    assert alternatives("Which of them came first or last?") is None


@pytest.mark.parametrize(
    "text",
    [
        "But for now, it’s just statements,” Zelenskiy said as he traveled the country.",
        "it’s just statements,” Zelenskiy said.",
        "was chosen.” Then it ended with ”$”.",
        "But the troops stayed.",
        "and which was later moved to Leeds.",
        "7.16 Why is the output not printed when I source() a file?",
        ", where l is the length and g is the acceleration due to gravity.",
        "; the second is kept.",
        "(1995 Columbia Records).",
        "If you use one of these for your account, you need not enter prices.",
        "These currencies are kept apart from the others.",
        "In such cases the file is left alone.",
    ],
)
def test_a_sentence_that_cannot_be_read_alone_is_told(text: str):
    assert not stands_alone(Sentence(0, len(text), 1, 1, text))


@pytest.mark.parametrize(
    "text",
    [
        "“We don’t see any withdrawal yet,” Zelenskiy said.",
        "pg_dump is a utility for backing up a PostgreSQL database.",
        "Butter is made from cream.",
        "Soon after, the troops left.",
        "(The default is 8.)",
        "Those who upload often should sign every upload.",
        # a typesetter's closing marks at both ends of a quotation: it opens and closes here
        "G-codes now accept an additional ”$” argument, for example M3 $2 to start the third spindle.",
    ],
)
def test_a_sentence_that_can_be_read_alone_is_told(text: str):
    assert stands_alone(Sentence(0, len(text), 1, 1, text))


def test_an_answer_never_starts_with_or_holds_a_sentence_that_opens_inside_a_quotation():
    ranked = [
        scored("But for now, it’s just statements,” Zelenskiy said as he traveled the country.", 0.8),
        scored("“We have not seen any de-escalation,” Stoltenberg said.", 0.7),
        scored("“It is not genuine,” Muzyka said.", 0.5),
    ]
    chosen = texts(select(shape_of("who doubted the withdrawal?"), ranked, RULES, 80, 4))
    assert chosen == ["“We have not seen any de-escalation,” Stoltenberg said.", "“It is not genuine,” Muzyka said."]


def test_with_whole_sentences_off_a_fragment_may_lead():
    ranked = [scored("But the troops stayed.", 0.8), scored("The troops stayed in Crimea.", 0.7)]
    rules = RankingSettings(whole_sentences=False)
    assert texts(select(shape_of("What happened?"), ranked, rules, 80, 1)) == ["But the troops stayed."]


def test_a_label_the_page_left_in_its_text_is_never_part_of_an_answer():
    ranked = [
        scored("Expand description", 0.84),
        scored("1.11.0 · source", 0.84),
        scored("A binary heap can also be converted to a sorted vector in-place.", 0.80),
        scored("It sorts.", 0.79),
    ]
    chosen = texts(select(shape_of("How do I sort a vector in place?"), ranked, RULES, 80, 4))
    assert chosen == ["A binary heap can also be converted to a sorted vector in-place.", "It sorts."]
    kept = texts(
        select(shape_of("How do I sort a vector in place?"), ranked, RankingSettings(min_sentence_words=0), 80, 4)
    )
    assert kept[0] == "Expand description"


def test_a_heading_or_caption_left_as_a_paragraph_is_never_part_of_an_answer():
    question = shape_of("Which ellipsoid does the New Zealand Map Grid use?")
    ranked = [
        scored("Description of New Zealand Map Grid Projection", 0.81),
        scored("New Zealand Map Grid Projection", 0.80),
        scored("New Zealand Map Grid parameters are fixed at an Origin Latitude of 41°S.", 0.78),
        scored("It uses only the International ellipsoid and the Geodetic Datum 1949 datum.", 0.7),
        scored("Wellington Auckland", 0.6, kind="table_row"),  # a row says what it says
        scored("New Zealand Map Grid Version 3", 0.6),  # a figure: no title's
    ]
    chosen = texts(select(question, ranked, RULES, 80, 6))
    assert chosen == [
        "New Zealand Map Grid parameters are fixed at an Origin Latitude of 41°S.",
        "It uses only the International ellipsoid and the Geodetic Datum 1949 datum.",
        "Wellington Auckland",
        "New Zealand Map Grid Version 3",
    ]
    kept = texts(select(question, ranked, RankingSettings(title_labels=False), 80, 6))
    assert kept[0] == "Description of New Zealand Map Grid Projection"
    assert title_cased("Normal Q-Q Plot") and title_cased("JSON Functions And Operators")
    assert not title_cased("Comparison of the two methods") and not title_cased("Chapter 3: Invoking Gri 9")
    assert not title_cased("The Mollweide Projection Is Used.")


def test_short_rows_and_items_are_whole_units_not_labels():
    row = scored("Berlin | EUR 180", 0.9, kind="table_row")
    assert texts(
        select(shape_of("What is the limit in Berlin?"), [row, scored("Limits vary by city.", 0.5)], RULES, 80, 1)
    ) == ["Berlin | EUR 180"]


def test_a_definitions_term_given_nothing_after_it_is_a_label_and_one_with_a_description_is_not():
    best = scored("Pass MDB_NOTLS to share read-only transactions across threads.", 0.9)
    term = scored("Parameters", 0.8, source="b.html", kind="definition")  # its table follows it
    option = scored("-q: Quiet", 0.7, source="c.html", kind="definition")
    chosen = texts(select(shape_of("How do I share read-only transactions?"), [best, term, option], RULES, 80, 4))
    assert chosen == texts([best, option])


def test_an_answer_is_cut_to_its_word_ceiling_with_what_is_shown_not_what_is_cited():
    long = " ".join(f"w{n}" for n in range(30))
    segments = [Segment("Short first.", (1,)), Segment(long, (2,)), Segment("Never shown.", (3,))]
    cut = within_words(segments, 12)
    assert cut == [Segment("Short first.", (1,)), Segment("w0 w1 w2 w3 w4 w5 w6 …", (2,))]
    assert len(answer_text(cut).split()) == 12


def test_a_code_block_in_an_answer_keeps_its_lines_set_apart_from_the_sentences():
    segments = [Segment("Build it:", (1,)), Segment("meson setup b\nmeson compile -C b", (2,)), Segment("Done.", (3,))]
    assert answer_text(segments) == "Build it: [1]\nmeson setup b\nmeson compile -C b [2]\nDone. [3]"
    assert answer_text(segments[1:2]) == "meson setup b\nmeson compile -C b [2]"
    assert answer_text([Segment("One.", (1,)), Segment("Two.", (2,))]) == "One. [1] Two. [2]"


def test_code_cut_at_the_word_ceiling_keeps_its_lines():
    code = "import gammu\nimport sys\n\nmachine = gammu.StateMachine()\nmachine.ReadConfig()\nmachine.Init()"
    (cut,) = within_words([Segment(code, (1,))], 8)
    assert cut.text == "import gammu\nimport sys\n\nmachine = …"
    assert answer_text([cut]).startswith("import gammu\nimport sys\n")


def test_a_first_sentence_longer_than_the_ceiling_still_shows_its_start():
    long = " ".join(f"w{n}" for n in range(200))
    (only,) = within_words([Segment(long, (1,))], 110)
    assert only.text.startswith("w0 w1") and only.text.endswith("…")
    assert len(only.marked.split()) == 110


def test_a_name_of_which_the_corpus_holds_no_word_is_unknown():
    held = {stem(w) for w in "django cache database berlin livesey war memorial".split()}
    known = held.__contains__
    assert unknown_names("How do I store Django's cache entries in Redis?", known) == ["Redis"]
    # One word held is enough (a misspelt part of a name, "Hal" for "Hall").
    assert unknown_names("Which war does the Livesey Hal War Memorial commemorate?", known) == []
    assert unknown_names("How do I use Europe/Berlin as the time zone?", known) == ["Europe"]
    # A single letter or a stop word indexes nothing: never unknown.
    assert unknown_names("What arguments does R's hypergeometric distribution take in The book?", known) == []


def test_an_abbreviation_or_a_code_in_a_name_is_never_what_makes_it_unknown():
    held = {stem(w) for w in "capital expenditure 2018".split()}
    known = held.__contains__
    # The asker's shorthand for what the documents write out ("fiscal 2018", "$").
    assert unknown_names("What was the FY2018 capital expenditure in USD?", known) == []
    assert unknown_names("Does the PPNE of GDP Corp grow?", known) == ["PPNE of GDP Corp"]
    # an abbreviation's plural or possessive is an abbreviation still
    assert unknown_names("Can the other PCs use the GPU's memory for capital expenditure?", known) == []
    # A name spelt out in lower case counts, digits and all.
    assert unknown_names("Where was DebConf22 held, and who ran Shiny?", known) == ["DebConf22", "Shiny"]


def test_a_name_the_corpus_spells_otherwise_is_respelled_and_other_words_are_not():
    spellings = {"zelenski": "zelenskiy", "troop": "troops"}
    question = "Did Zelensky and Zelensky-Smith say the troop left?"
    assert respelled(question, spellings.get) == (
        "Did zelenskiy and Zelensky-Smith say the troop left?",
        [("Zelensky", "zelenskiy")],
    )


def test_with_coverage_weight_a_runner_up_holding_the_asked_words_the_answer_lacks_comes_first():
    question = shape_of("Where does the hockey team play at the university whose basketball team lost in 2011?")
    assert {"hockey", "play"} <= question.focus and "basketbal" not in question.focus
    ranked = [
        scored("The basketball team lost to Cleveland State in 2011.", 0.9, source="basketball.txt"),
        scored("The basketball team plays its games at the gym.", 0.8, source="gym.txt"),
        scored("The hockey team plays at the fieldhouse.", 0.75, source="hockey.txt"),
    ]
    off, on = RankingSettings(), RankingSettings(coverage_weight=0.5)
    assert texts(select(question, ranked, off, 80, 2))[1] == "The basketball team plays its games at the gym."
    assert texts(select(question, ranked, on, 80, 2))[1] == "The hockey team plays at the fieldhouse."


def test_the_kind_of_thing_asked_for_and_names_are_not_words_an_answer_must_add():
    question = shape_of("A manga series about the student Ichitaka Seto, is written by someone born in what year?")
    assert "born" in question.focus and "year" not in question.focus and "ichitaka" not in question.focus
    assert shape_of("What did the minister say about the drills?").focus == frozenset()  # one clause


@pytest.mark.parametrize(
    ("question", "several"),
    [
        ("Which backslash sequences does GNU time understand inside a format string?", True),
        ("What kinds of troublesome allocation sites can the figures reveal?", True),
        ("In which units can Massif measure the passage of time?", True),
        ("What storage strategies can a column use?", True),
        ("With which compilers was the library tested?", True),
        # a plural right after "which", then its verb
        ("Which features stop working on such a table?", True),
        ("Which browsers honour the header?", True),
        # one thing, a plural after "of", or no verb after the noun: not several
        ("Which kind of transaction does a plain BEGIN start?", False),
        ("What range of diameters may I enter?", False),
        ("Which process does this?", False),
        ("What is the name of the tool?", False),
        # the plural after the verb is not what is asked for
        ("What does dividing two integers do with the fractional part?", False),
        ("Which group is assigned the fixed ID 5?", False),
        ("Who wrote the songs?", False),
        # after "what" a word ending in s is as often a verb; after "which", a function word is no verb
        ("What causes slow queries?", False),
        ("Which ones are deprecated?", True),
        ("Which does the tool use?", False),
    ],
)
def test_a_question_asks_for_several_things_when_its_noun_is_plural(question: str, several: bool):
    assert shape_of(question).several is several


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2. A vector of positive integers. The values must lie in range.", "2. A vector of positive integers. …"),
        # the index's sentence splitter: an abbreviation ends no sentence
        ("Pass e.g. the -x flag. It turns tracing on.", "Pass e.g. the -x flag. …"),
        ("One sentence alone.", "One sentence alone."),
    ],
)
def test_a_list_item_answering_a_question_for_several_things_shows_its_first_sentence(text: str, expected: str):
    several = shape_of("Which flags does the tool accept?")
    item = scored(text, 0.7, kind="list_item")
    assert shown(several, item, RankingSettings()) == expected
    assert shown(several, item, RankingSettings(whole_lists=False)) == text
    assert shown(shape_of("Which flag turns tracing on?"), item, RankingSettings()) == text


@pytest.mark.parametrize(
    ("sentence", "attributes"),
    [
        ("NATO chief Jens Stoltenberg said there was no sign of a withdrawal.", True),
        ("Told by the BBC, Zelenskiy doubted it.", True),
        ("Ford served as President of the United States without being elected.", False),
        ("The committee met in the Quarter Said Hall of Cairo.", False),
    ],
)
def test_a_verb_of_saying_is_never_a_capitalised_word_inside_a_sentence(sentence: str, attributes: bool):
    # a gathered "who" answer names someone saying something; "the United States" says nothing
    assert names_person(sentence) is attributes


LONG_OPTION = (
    "--track-origins=<yes|no>: Controls whether the checker tracks where uninitialised values come from. "
    + " ".join(f"Filler sentence number {n} about something else entirely goes here." for n in range(12))
    + " It halves the checker's speed and takes at least 100MB more memory."
    + " Nevertheless it can save much of the effort of finding the root cause."
)


@pytest.mark.parametrize("kind, term", [("definition", "--track-origins=<yes|no>: "), ("list_item", "")])
def test_a_long_unit_shows_its_term_its_first_sentence_and_the_sentences_that_answer(kind: str, term: str):
    text = term + LONG_OPTION.partition(": ")[2]
    question = "How much does tracking origins slow the checker down, and how much memory does it take?"
    rules = RankingSettings(long_unit_words=30)
    (item,) = select(shape_of(question, rules), [scored(text, 0.8, kind=kind)], rules, 80, 5)
    assert shown(shape_of(question, rules), item, rules) == (
        f"{term}Controls whether the checker tracks where uninitialised values come from. … "
        "It halves the checker's speed and takes at least 100MB more memory. …"
    )
    assert item.candidate.sentence.text == text  # the citation quotes the whole unit


def test_a_definition_within_long_unit_words_or_with_the_rule_off_is_shown_whole():
    question = "How much memory does tracking origins take?"
    for rules in (RankingSettings(long_unit_words=0), RankingSettings(long_unit_words=200)):
        (item,) = select(shape_of(question, rules), [scored(LONG_OPTION, 0.8, kind="definition")], rules, 80, 5)
        assert shown(shape_of(question, rules), item, rules) == LONG_OPTION


def placed(text: str, start: int, source: str = "massif.txt", kind: str = "paragraph") -> Scored:
    sentence = Sentence(start, start + len(text), 1, 1, text, kind)
    candidate = Candidate(source, None, sentence, np.ones(4, dtype=np.float32) / 2, 0, "")
    return Scored(candidate, 0.5, 0.0, 0.5, 0.5)


def test_a_sentence_right_before_an_earlier_one_of_the_answer_is_given_in_front_of_it():
    profiler = placed("Massif is a heap profiler.", 0)
    measures = placed("It measures how much heap memory your program uses.", 27)
    other = placed("DHAT is a dynamic heap analysis tool.", 0, "dhat.txt")
    slower = placed("Programs run about 20 times slower under it.", 200)  # another paragraph, further down
    # the pronoun that leads needs the sentence before it
    assert texts(in_reading_order([measures, other, profiler])) == texts([profiler, measures, other])
    assert texts(in_reading_order([other, measures, profiler])) == texts([other, profiler, measures])
    assert texts(in_reading_order([measures, slower])) == texts([measures, slower])
    # a lead that needs nothing before it keeps its place
    named = placed("Massif measures how much heap memory your program uses.", 27)
    assert texts(in_reading_order([named, profiler])) == texts([named, profiler])
    # a list item is shown a line of its own: nothing runs on into it
    item = placed("It measures heap memory.", 27, kind="list_item")
    assert texts(in_reading_order([other, item, profiler])) == texts([other, item, profiler])


def test_items_an_opening_colon_introduces_are_named_each_when_they_do_not_fit_whole():
    detail = " ".join(f"detail{n}" for n in range(30)) + "."
    intro = scored("Two other threading methods are possible:", 0.9)
    items = tuple(
        scored(f"{n}. {name} splits the work. {detail}", 0.5, kind="list_item")
        for n, name in ((1, "Match finder parallelization"), (2, "Pigz-style threading"))
    )
    ranked = [replace(intro, items=items), scored("Short runner-up.", 0.2)]
    question = shape_of("Which other ways of threading could work?")

    def shown_texts(rules: RankingSettings, budget: int) -> list[str]:
        return [s.candidate.sentence.display for s in select(question, ranked, rules, budget, 4)]

    assert shown_texts(RULES, 40) == [
        "Two other threading methods are possible:",
        "1. Match finder parallelization splits the work. …",
        "2. Pigz-style threading splits the work. …",
    ]
    # the first item is told whole, and the second is left out
    assert shown_texts(RankingSettings(item_leads=False), 40) == [
        "Two other threading methods are possible:",
        f"1. Match finder parallelization splits the work. {detail}",
    ]
    # items that fit whole are given whole
    assert shown_texts(RULES, 200)[1] == f"1. Match finder parallelization splits the work. {detail}"


def test_a_runner_up_too_short_to_say_anything_of_the_question_is_left_out():
    best = scored("The zlib format was designed for in-memory and communication channel applications.", 0.9)
    reply = scored("Probably not.", 0.85, source="faq.txt")  # another question's reply
    row = scored("gzip | 18", 0.85, source="sizes.txt", kind="table_row")
    short = scored("Designed differently.", 0.85, source="notes.txt")  # a word of the question
    ranked = [best, reply, row, short]
    question = shape_of("Why were zlib and gzip designed with two different formats?")
    assert texts(select(question, ranked, RULES, 80, 4)) == texts([best, row, short])
    assert texts(select(question, ranked, RankingSettings(bare_runners=False), 80, 4)) == texts(ranked)


def test_a_runner_up_ending_in_a_colon_joins_only_with_what_it_introduces():
    listing = "$ cargo yank --vers 1.0.1\n" + "\n".join(f"    Updating line {n}" for n in range(12))
    intro = scored("To yank a release of a crate, in its project directory run:", 0.8, source="b.txt")
    best = scored("Yanking a release keeps new projects from depending on it.", 0.9)
    ranked = [best, replace(intro, items=(scored(listing, 0.5, source="b.txt", kind="code"),))]
    question = shape_of("How do I keep new projects from depending on a broken release of my crate?")
    # the listing does not fit the budget: the sentence promising it is left out with it
    assert texts(select(question, ranked, RULES, 30, 4)) == texts([best])
    assert texts(select(question, ranked, RankingSettings(introduced_runner=False), 30, 4)) == texts([best, intro])
    assert texts(select(question, ranked, RULES, 80, 4)) == [*texts([best, intro]), listing]


def test_in_context_reads_a_sentence_between_the_nearest_words_of_its_neighbours():
    texts = ["One two three four five.", "The middle sentence.", "Six seven eight nine ten."]
    sentences, start = [], 0
    for text in texts:
        sentences.append(Sentence(start, start + len(text), 1, 1, text))
        start += len(text) + 1
    middle = Scored(Candidate("a.txt", None, sentences[1], np.ones(4, dtype=np.float32) / 2, 0, ""), 1, 1, 1, 1)
    assert in_context(middle, sentences, False, 2) == "four five. The middle sentence. Six seven"
    assert in_context(middle, sentences, False, 0) == "The middle sentence."
    first = replace(middle, candidate=replace(middle.candidate, sentence=sentences[0]))
    assert in_context(first, sentences, False, 2) == "One two three four five. The middle"
    assert in_context(middle, sentences[:1], False, 2) == "The middle sentence."  # not in the chunk given


def test_a_code_listing_does_not_join_an_answer_asking_for_a_value():
    best = scored("The timeout is given in seconds.", 0.9)
    synopsis = (
        "use LWP::UserAgent;\nmy $ua = LWP::UserAgent->new(timeout => 10);\n$ua->env_proxy;\n"
        "my $response = $ua->get('http://www.example.com');\nif ($response->is_success) {\n"
        "    print $response->decoded_content;\n} else {\n    die $response->status_line;\n}"
    )
    listing = scored(synopsis, 0.85, kind="code")
    default = scored("The default value is 180 seconds, i.e. 3 minutes.", 0.7, source="b.txt")
    ranked = [best, listing, default]
    how_long = shape_of("How long does a request wait before it gives up?")
    assert texts(select(how_long, ranked, RULES, 80, 4)) == texts([best, default])
    assert texts(select(how_long, ranked, RankingSettings(value_listings=False), 80, 4)) == texts(ranked)
    # a question asking how to do something is answered by listings as before
    how_to = shape_of("How do I set the timeout of a request?")
    assert texts(select(how_to, ranked, RULES, 80, 4)) == texts(ranked)
    # a listing that must follow the best sentence still joins
    following = [best, replace(listing, follow=True), default]
    assert texts(select(how_long, following, RULES, 80, 4)) == texts(following)
    # one line of a listing read an entry at a time is no listing that fills the budget
    entry = scored("TIMEOUT  - takes seconds, defaults to 180.", 0.85, kind="code")
    assert texts(select(how_long, [best, entry, default], RULES, 80, 4)) == texts([best, entry, default])
    every = RankingSettings(value_listing_words=0)
    assert texts(select(how_long, [best, entry, default], every, 80, 4)) == texts([best, default])


def test_a_runner_up_without_a_number_does_not_join_an_answer_asking_how_many():
    best = scored("Provesi was master of music at the cathedral of Busseto.", 0.9)
    verdi = scored("Verdi was his most famous pupil, and a theatre in the town is named after him.", 0.85)
    seats = scored("The theatre opened on 15 August 1868 and seats 300.", 0.7, source="b.txt")
    ranked = [best, verdi, seats]
    how_many = shape_of("How many people does the theatre in Provesi's town hold?")
    assert texts(select(how_many, ranked, RULES, 30, 4)) == texts([best, seats])
    assert texts(select(how_many, ranked, RankingSettings(count_runners=False), 30, 4)) == texts([best, verdi])
    # a question asking something else too is answered as before
    joined = shape_of("How many people does the theatre hold, and who is it named after?")
    assert joined.joined and not how_many.joined
    assert texts(select(joined, ranked, RULES, 30, 4)) == texts([best, verdi])


@pytest.mark.parametrize("digits", [True, False])
def test_a_lone_digit_of_the_question_is_a_term_weighed_as_the_word_beside_it(digits: bool):
    settings = RankingSettings(digit_terms=digits)
    terms = shape_of("Which group is assigned the fixed GID 5 on every system?", settings).terms
    assert terms.get("5") == (terms["gid"] if digits else None)
    # numbers of two digits or more are terms already; a digit inside a number is none of its own
    assert "12" in shape_of("What flew with No. 12 Squadron?", settings).terms
    assert "2" not in shape_of("What changed in release 2.5 of the library?", settings).terms


def test_a_lone_digit_counts_in_the_overlap_only_where_it_stands_alone():
    terms = {"gid": 1.0, "5": 1.0}
    assert overlap(terms, "The tty group must have the GID 5.") == 1.0
    assert overlap(terms, "GID 15 and GID 5.5 are taken.") == 0.5


@pytest.mark.parametrize("digits", [True, False])
def test_the_sentence_holding_the_digit_asked_about_leads(tmp_path: Path, digits: bool):
    corpus = write_corpus(
        tmp_path / "c",
        {"groups.txt": "The disk group has the fixed GID 6 on every system.\n\nThe tty group has the fixed GID 5.\n"},
    )
    settings = AssistantSettings(ranking=RankingSettings(digit_terms=digits, semantic_weight=0.3))
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings)
    best = bot.search("Which group has the fixed GID 5 on every system?", k=1)[0]
    assert ("tty" in best.text) is digits


@pytest.mark.parametrize("symbols", [True, False])
def test_an_operator_standing_alone_in_the_question_is_a_term_of_its_own(symbols: bool):
    settings = RankingSettings(symbol_terms=symbols)
    terms = shape_of("What does the ^ alignment option do?", settings).terms
    assert terms.get("^") == (sum(w for t, w in terms.items() if t != "^") if symbols else None)
    assert symbols_in("the caret (^) operator, like total %= 7 or ‘**’") == {"^", "%=", "**"}
    # a path, prose punctuation and the marks of the asker's own example are no operators
    assert symbols_in("my ~/.profile -- says x = 1.50 in { 10/8; }, and A & B / C") == set()


def test_an_operator_counts_in_the_overlap_only_where_it_stands_alone():
    terms = {"^": 1.0, "align": 1.0}
    assert overlap(terms, "'^' Forces the field to align centered.") == 1.0
    assert overlap(terms, "Align with x^2 or ^^ marks.") == 0.5


@pytest.mark.parametrize("symbols", [True, False])
def test_a_chunk_holding_the_operator_asked_about_is_read_though_no_retriever_finds_it(tmp_path: Path, symbols: bool):
    files = {f"chapter{i}.txt": f"Chapter {i} shows how a trait makes generic code compile.\n" for i in range(6)}
    files["operators.txt"] = "Compound assignment such as x %= y is overloaded through RemAssign.\n"
    settings = AssistantSettings(ranking=RankingSettings(symbol_terms=symbols, top_k=2, semantic_weight=0.3))
    bot = Assistant(
        corpus=write_corpus(tmp_path / "c", files), index_dir=tmp_path / "i", embedder=HashEmbedder(), settings=settings
    )
    question = "Which trait makes total %= 7 compile?"
    assert any("RemAssign" in found.text for found in bot.search(question, k=8)) is symbols
    assert ("RemAssign" in bot.ask(question).text) is symbols


@pytest.mark.parametrize("letters", [True, False])
def test_a_lone_letter_of_the_question_is_a_term_weighed_as_the_word_beside_it(letters: bool):
    settings = RankingSettings(letter_terms=letters)
    terms = shape_of("In a time format string, what does the %c specifier count?", settings).terms
    assert terms.get("c") == (terms[stem("specifier")] if letters else None)
    # the article, the pronoun and a name's initial are no such letters
    assert not {"a", "I", "R"} & set(shape_of("Did I see a plane at Gerald R. Ford airport?", settings).terms)


def test_a_lone_letter_counts_in_the_overlap_only_where_it_stands_alone():
    terms = {"c": 1.0, stem("switches"): 1.0}
    assert overlap(terms, "%c Number of involuntary context switches.") == 1.0
    assert overlap(terms, "Context switches of abc, c-style and cc code.") == 0.5


def _definition(name: str, side: str) -> str:
    filler = " ".join(f"Its {side} {name} variant {n} accepts data of kind {side}{n}." for n in range(8))
    return (
        f"statistics.{name}(data): Return the {side} median of data. {filler} "
        f"When the number of data points is even, the {'smaller' if side == 'low' else 'larger'} of the two "
        "middle values is returned."
    )


def test_both_sides_of_a_comparison_of_long_definitions_share_the_word_budget():
    question = "How do median_low and median_high differ when the number of values is even?"
    rules = RankingSettings()
    shape = shape_of(question, rules)
    assert shape.compares and not shape_of("How does median_low work?", rules).compares
    ranked = [
        scored(_definition("median_high", "high"), 0.9, kind="definition"),
        scored(_definition("median_low", "low"), 0.6, source="b.txt", follow=True, kind="definition"),
    ]
    chosen = select(shape, ranked, rules, 80, 5)
    shown_texts = [shown(shape, item, rules) for item in chosen]
    assert [len(text.split()) <= 40 for text in shown_texts] == [True, True]
    assert "the larger of" in shown_texts[0] and "the smaller of" in shown_texts[1]
    # without the rule the first definition takes 100 words, and the answer's ceiling cuts the other
    alone = RankingSettings(shared_units=False)
    assert len(shown(shape, select(shape, ranked, alone, 80, 5)[0], alone).split()) > 80


def test_a_list_item_that_answers_leads_its_list_when_the_items_before_it_fill_the_budget():
    filler = "The stronger player removes a piece and takes the first move in every game played."
    items = [placed(f"{n}. Handicap number {n}. {filler}", 100 * n, kind="list_item") for n in range(1, 9)]
    best = replace(items[6], relevance=0.9, items=tuple(items))
    question = shape_of("Which pieces does the stronger player remove in handicap number 7?")
    assert question.several

    def starts(rules: RankingSettings, budget: int) -> list[int]:
        return [s.candidate.sentence.start for s in select(question, [best], rules, budget, 5)]

    assert starts(RULES, 40) == [700, 100, 200, 300, 400, 500, 600, 800]
    # in the list's own order it comes seventh, where the answer's ceiling cuts it
    assert starts(RankingSettings(best_item_first=False), 40) == [100 * n for n in range(1, 9)]
    # a list that fits before it is given in its own order
    assert starts(RULES, 200) == [100 * n for n in range(1, 9)]


def test_a_question_is_read_whole_by_its_last_sentence_and_by_the_clause_that_asks():
    scene = "My grandmother loved folk songs by Quell. What did Quell record?"
    located = 'In an espeak-ng _list file, which flag makes a word like "abc" be read out letter by letter?'
    assert readings(scene, True, True) == [scene, "What did Quell record?"]  # read once by it
    assert readings(located, True, True) == [
        located,
        'which flag makes a word like "abc" be read out letter by letter?',
    ]
    assert readings(located, True, False) == [located]
    assert readings("What did Quell record?", True, True) == ["What did Quell record?"]
    # a clause too short to say what is asked is not read alone
    assert readings("Made a burgh by the town's charter, under which king?", True, True) == [
        "Made a burgh by the town's charter, under which king?"
    ]
