"""Answers over documents of every format use their structure: table rows with their headers,
the items a sentence introduces, citations with title and section, and no boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Answer, Assistant, AssistantSettings, Citation, RankingSettings, Segment
from tests import documents
from tests.answers import well_formed
from tests.conftest import write_corpus
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:
    base = tmp_path_factory.mktemp("structured")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "policy.docx").write_bytes(documents.policy_docx())
    (corpus / "handbook.pdf").write_bytes(documents.policy_pdf())
    (corpus / "article.html").write_text(documents.news_html(), encoding="utf-8")
    (corpus / "options.html").write_text(documents.manual_html(), encoding="utf-8")
    (corpus / "guide.md").write_text(documents.guide_markdown(), encoding="utf-8")
    return Assistant(corpus=corpus, index_dir=base / "index", embedder=real_embedder)


def cited(answer: Answer, quote: str) -> Citation:
    (found,) = [c for c in answer.citations if c.quote == quote]
    return found


def bot_over(
    tmp_path: Path, name: str, text: str, embedder: object, settings: AssistantSettings | None = None
) -> Assistant:
    """An Assistant over a corpus of one document, `name`, holding `text`."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    return Assistant(corpus=corpus, index_dir=tmp_path / "index", embedder=embedder, settings=settings)


def test_a_sentence_that_introduces_an_example_brings_it_cited(tmp_path: Path, real_embedder):
    text = (
        "# Search\n\nThe index answers most queries in under a millisecond. Results can be sorted by "
        "relevance as follows:\n\n```\nSELECT * FROM email WHERE email MATCH 'fts5' ORDER BY rank;\n```\n\n"
        "Sorting results by date is slower than sorting them by relevance. Relevance sorting uses the bm25 "
        "function by default. Sorting the results can be reversed with DESC.\n"
    )
    bot = bot_over(tmp_path, "search.md", text, real_embedder)
    answer = bot.ask("How do I sort results by relevance?")
    assert well_formed(bot, answer)
    example = "SELECT * FROM email WHERE email MATCH 'fts5' ORDER BY rank;"
    assert [s.text for s in answer.segments[:2]] == ["Results can be sorted by relevance as follows:", example]
    assert cited(answer, example).source == "search.md"


def test_an_answer_opening_with_a_sentence_that_ends_in_a_colon_brings_its_first_item_however_long(
    tmp_path: Path, real_embedder
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    long_item = (
        "Shrink: the output is shrunk to fit the page margins, so that the entire page is printed, though "
        "its dimensions are not preserved and a line that should be exactly ten centimetres long may come out "
        "shorter, and it may differ in its horizontal and vertical proportions as well."
    )
    (corpus / "printing.md").write_text(
        "# Page fitting\n\nWhen the paper does not match the printable area of the printer, because of its "
        "margins or because borderless printing is in use and the margins are wider than the page itself, "
        f"this option selects what the driver does:\n\n- {long_item}\n- Crop: the output keeps its size, but "
        "whatever lies outside the margins is not printed.\n",
        encoding="utf-8",
    )
    question = "What does the driver do when the paper does not match the printable area?"
    settings = AssistantSettings(ranking=RankingSettings(rerank_lead=0))
    plain = settings.model_copy(update={"ranking": RankingSettings(rerank_lead=0, introduced_item=False)})
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "index", embedder=real_embedder, settings=settings)
    without = Assistant(corpus=corpus, index_dir=tmp_path / "index", embedder=real_embedder, settings=plain)
    answer = bot.ask(question)
    assert well_formed(bot, answer)
    assert answer.segments[0].text.endswith("this option selects what the driver does:")
    assert answer.segments[1].text.startswith("Shrink: the output is shrunk to fit the page margins")
    assert cited(answer, long_item).source == "printing.md"
    assert long_item not in [c.quote for c in without.ask(question).citations]


def test_a_table_row_is_answered_with_its_headers_and_cited_as_written(bot: Assistant):
    answer = bot.ask("What is the nightly hotel limit in New York?")
    assert well_formed(bot, answer)
    assert answer.segments[0] == Segment("New York, Nightly limit: USD 310", (1,))
    row = answer.citations[0]
    assert (row.source, row.quote, row.title, row.section) == (
        "policy.docx",
        "New York | USD 310",
        "Travel policy",
        ("1. Hotels",),
    )
    assert bot.source_text("policy.docx")[row.start : row.end] == "New York | USD 310"
    assert "City | Nightly limit" not in [c.quote for c in answer.citations]


def test_a_sentence_that_introduces_a_list_brings_its_items_each_cited(bot: Assistant):
    answer = bot.ask("Who must approve trips abroad?")
    assert well_formed(bot, answer)
    assert [s.text for s in answer.segments[:3]] == [
        "Trips abroad need approval from:",
        "the line manager, and",
        "the finance controller when the trip costs more than EUR 3,000.",
    ]
    assert [s.citations for s in answer.segments[:3]] == [(1,), (2,), (3,)]
    assert cited(answer, "the line manager, and").section == ("2. Approvals",)


def test_answer_text_carries_no_file_name_labels(bot: Assistant):
    for question in ("What is the nightly hotel limit in New York?", "When will trains run to the normal timetable?"):
        answer = bot.ask(question)
        assert not any(label in answer.text for label in ("policy:", "article:", "Travel policy:", "Rail strike"))


def test_a_pdf_answer_reads_across_the_page_break_and_the_hyphenation(bot: Assistant):
    answer = bot.ask("What is recorded with each hotel booking?")
    assert well_formed(bot, answer)
    quote = "Each booking is recorded with the employee identifier and the cost centre of the trip."
    citation = cited(answer, quote)
    assert (citation.title, citation.section, citation.page) == ("Travel Policy", ("2 Hotels",), 4)


def test_a_definition_line_of_a_manual_is_an_answer(bot: Assistant):
    answer = bot.ask("What does the --check option do?")
    assert well_formed(bot, answer)
    assert answer.segments[0] == Segment("-c, --check: checks the syntax only", (1,))
    assert answer.citations[0].title == "Options (The Checker Manual)"


def test_site_furniture_is_never_quoted(bot: Assistant):
    for question in ("What does the site use cookies for?", "What is the weather today?", "What is most read?"):
        answer = bot.ask(question)
        assert well_formed(bot, answer)
        quotes = " ".join(c.quote for c in answer.citations)
        assert not [b for b in documents.NEWS_BOILERPLATE if b in quotes], quotes


def test_headings_are_never_answers_on_their_own(bot: Assistant):
    answer = bot.ask("What passengers should know")
    assert "What passengers should know" not in [c.quote for c in answer.citations]


def test_the_source_viewer_knows_each_document_title(bot: Assistant, tmp_path: Path):
    assert [bot.source_title(s) for s in bot.sources()] == [
        "Rail strike ends after pay deal",
        "Build guide",
        "Travel Policy",
        "Options (The Checker Manual)",
        "Travel policy",
    ]


HEAP_GUIDE = (
    "# Reading the report\n\nThe profiler records every heap block a program allocates, where it was allocated, "
    "how long it lived and how much of it was read or written. The report groups blocks by the call stack "
    "that allocated them, the biggest first, so the sites worth a look come at the top. Its figures point at "
    "these sites:\n\n"
    "- leaking sites: blocks that are allocated and kept until the program ends, which grow the heap steadily "
    "over a long run.\n"
    "- churning sites: sites that allocate and free a great many blocks, even if they keep few of them alive "
    "at any one time.\n"
    "- short-lived sites: blocks freed almost as soon as they are allocated, which a buffer on the stack "
    "would serve better.\n"
    "- wasted sites: blocks that are allocated but never completely filled in, or filled in and then never "
    "read.\n\n"
    "Sorting the report by another figure puts other sites first.\n"
)


@pytest.mark.parametrize("whole_lists", [True, False])
def test_a_question_asking_for_several_things_takes_the_whole_list(tmp_path: Path, real_embedder, whole_lists: bool):
    settings = AssistantSettings(ranking=RankingSettings(whole_lists=whole_lists), max_words=30)
    bot = bot_over(tmp_path, "heap.md", HEAP_GUIDE, real_embedder, settings)
    answer = bot.ask("What kinds of wasteful allocation sites can the profiler's figures reveal?")
    assert well_formed(bot, answer)
    kinds = ["leaking sites", "churning sites", "short-lived sites", "wasted sites"]
    shown = [kind for kind in kinds if kind in answer.text]
    if whole_lists:
        assert shown == kinds
    else:
        assert len(shown) < len(kinds)


INDEX_GUIDE = (
    "# Index vectors\n\nSubsets of the elements of a vector may be selected by appending an index vector in "
    "square brackets to its name. Such index vectors can be any of three distinct types:\n\n"
    "1. A logical vector. Values corresponding to TRUE in the index vector are selected and those "
    "corresponding to FALSE are omitted, the index being recycled to the length of the vector.\n"
    "2. A vector of positive integers. The values must lie in the set from one to the length of the "
    "vector, and the corresponding elements are selected and joined in that order.\n"
    "3. A vector of negative integers. Such an index vector names the values to be excluded rather "
    "than included, so that every other element is kept in its order.\n"
)


def test_a_list_of_long_items_answers_a_question_asking_for_several_by_each_items_first_sentence(
    tmp_path: Path, real_embedder
):
    settings = AssistantSettings(max_words=40)
    bot = bot_over(tmp_path, "index.md", INDEX_GUIDE, real_embedder, settings)
    answer = bot.ask("What kinds of index vectors can be used to select elements of a vector?")
    assert well_formed(bot, answer)
    texts = [s.text for s in answer.segments]
    first = texts.index("1. A logical vector. …")
    # the list leads, in its own order, each item by its number and first sentence
    assert texts[first : first + 3] == [
        "1. A logical vector. …",
        "2. A vector of positive integers. …",
        "3. A vector of negative integers. …",
    ]
    # what is shown is cut, never what is cited
    assert any(c.quote.startswith("3. A vector of negative integers. Such an index vector") for c in answer.citations)
    plain = Assistant(
        corpus=tmp_path / "corpus",
        index_dir=tmp_path / "index",
        embedder=real_embedder,
        # (item_leads would name each item by its first sentence too, as the answer's first sentence introduces them)
        settings=settings.model_copy(update={"ranking": RankingSettings(whole_lists=False, item_leads=False)}),
    )
    shown = [
        s.text for s in plain.ask("What kinds of index vectors can be used to select elements of a vector?").segments
    ]
    assert "1. A logical vector. …" not in shown
    assert any(text.startswith("1. A logical vector. Values corresponding") for text in shown)


FORMAT_GUIDE = (
    "# Format strings\n\nA backslash in a format string introduces an escape sequence, which is translated into a "
    "single printing character upon output. An invalid escape sequence is printed as a question mark followed "
    "by a backslash. The valid escapes are:\n\n- t: a tab character\n- n: a newline\n- a: an alert bell\n\n"
    "Format strings may also hold resource specifiers, which begin with a percent sign.\n"
)


@pytest.mark.parametrize("list_lead", [True, False])
def test_a_question_asking_for_several_things_is_answered_by_the_list_first(
    tmp_path: Path, real_embedder, list_lead: bool
):
    settings = AssistantSettings(ranking=RankingSettings(list_lead=list_lead))
    bot = bot_over(tmp_path, "format.md", FORMAT_GUIDE, real_embedder, settings)
    question = "Which escape sequences does a format string understand?"
    # the sentence restating the question scores best; the list is what answers it
    first = bot.search(question, k=1)[0].text
    assert first.startswith("The valid escapes" if list_lead else "A backslash in a format string")
    texts = [s.text for s in bot.ask(question).segments]
    listed = ["The valid escapes are:", "t: a tab character", "n: a newline", "a: an alert bell"]
    if list_lead:
        assert texts[:4] == listed
    else:
        assert texts[0].startswith("A backslash in a format string")


def test_a_long_definition_is_shown_by_the_sentences_that_answer_and_quoted_whole(tmp_path: Path, real_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    description = (
        "Controls whether the checker tracks where uninitialised values come from. By default it does not, so it "
        "can say that such a value is used in a dangerous way but not where the value was made, which often makes "
        "the root problem hard to track down. When set to yes, the checker keeps track of the origin of every "
        "uninitialised value, and when an error is reported it tries to show where the value came from. An origin "
        "can be a heap block, a stack allocation, a client request or something else. For a value from a heap "
        "block it shows where the block was allocated; for one from a stack allocation, the function that made it. "
        "Origin tracking halves the checker's speed and takes at least 100MB more memory. Nevertheless it can "
        "save much of the effort of finding the root cause of such errors."
    )
    (corpus / "options.html").write_text(
        "<html><body><h1>Checker options</h1><dl>"
        f"<dt>--track-origins=&lt;yes|no&gt;</dt><dd>{description}</dd>"
        "<dt>--leak-check=&lt;no|yes&gt;</dt><dd>Searches for memory leaks when the program ends.</dd>"
        "</dl></body></html>",
        encoding="utf-8",
    )
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "index", embedder=real_embedder)
    answer = bot.ask("How much does origin tracking slow the checker down?")
    assert well_formed(bot, answer)
    first = answer.segments[0]
    assert first.text.startswith("--track-origins=<yes|no>: Controls whether the checker tracks")
    assert "Origin tracking halves the checker's speed and takes at least 100MB more memory." in first.text
    assert len(first.text.split()) <= AssistantSettings().ranking.long_unit_words
    quote = answer.citations[first.citations[0] - 1].quote
    assert quote.startswith("--track-origins=<yes|no>") and quote.endswith("the root cause of such errors.")


def test_a_sentence_pointing_back_is_given_from_the_first_sentence_before_it_that_stands_alone(
    tmp_path: Path, real_embedder
):
    text = (
        "# Loyalty points\n\nPrices of shares are entered by hand for every transaction in a stock account. "
        "In this workaround, you use one of the dummy currencies to track the loyalty points. These currencies "
        "are XTS (Code for testing purposes) and XXX (No currency). If you use one of these for your loyalty "
        "points account, you can enter transactions without entering share prices every time.\n"
    )
    bot = bot_over(tmp_path, "points.md", text, real_embedder)
    answer = bot.ask("Which currency can I use for loyalty points so that I never enter share prices?")
    assert well_formed(bot, answer)
    # the three sentences follow each other in the paragraph: one passage, one citation (cite_runs)
    shown = [s.text for s in answer.segments]
    assert (
        "In this workaround, you use one of the dummy currencies to track the loyalty points. These currencies "
        "are XTS (Code for testing purposes) and XXX (No currency). If you use one of these" in " ".join(shown)
    )


SLOWNESS = (
    "# Speed\n\nThe package stores series of observations with dates. The main area where you might "
    "notice slowness is indexing objects in an inner loop. In that case extract the data and the time "
    "components before the loop.\n\nThe package was first released in 2004 by two statisticians.\n"
)


@pytest.mark.parametrize("cite_runs", [True, False])
def test_sentences_following_each_other_in_a_paragraph_are_one_passage_with_one_citation(
    tmp_path: Path, real_embedder, cite_runs: bool
):
    bot = bot_over(tmp_path, "faq.md", SLOWNESS, real_embedder, AssistantSettings(cite_runs=cite_runs))
    answer = bot.ask("My code indexes objects in an inner loop and is slow. What should I do?")
    assert well_formed(bot, answer)
    slowness = "The main area where you might notice slowness is indexing objects in an inner loop."
    advice = "In that case extract the data and the time components before the loop."
    quotes = [c.quote for c in answer.citations]
    if cite_runs:
        (run,) = [c for c in answer.citations if slowness in c.quote]
        assert advice in run.quote  # one quote holds both, its span from the first's start to the second's end
        assert bot.source_text("faq.md")[run.start : run.end] == f"{slowness} {advice}"
        assert [s.citations for s in answer.segments] == [(n,) for n in range(1, len(quotes) + 1)]
    else:
        assert slowness in quotes and advice in quotes


MASSIF = {
    "massif.txt": "Massif is a heap profiler. It measures how much heap memory your program uses, and which parts "
    "of the program allocate it.\n"
}


@pytest.mark.parametrize(("reading_order", "ceiling"), [(True, 110), (False, 110), (True, 20)])
def test_a_sentence_that_names_what_the_lead_says_it_of_is_given_first(
    tmp_path: Path, reading_order: bool, ceiling: int
):
    # "It measures ..." matches best; the sentence before it says what "it" is. When the answer's
    # ceiling cuts it, the best sentence keeps the lead, as the cut falls on the last one.
    settings = AssistantSettings(ranking=RankingSettings(reading_order=reading_order), max_answer_words=ceiling)
    corpus = write_corpus(tmp_path / "c", MASSIF)
    bot = Assistant(corpus=corpus, index_dir=tmp_path / "i", embedder=HashEmbedder(), reranker=None, settings=settings)
    answer = bot.ask("How much heap memory does Massif measure for your program?")
    in_order = reading_order and ceiling == 110
    assert answer.text.startswith("Massif is a heap profiler." if in_order else "It measures")
    if in_order:  # one passage, one citation (AssistantSettings.cite_runs)
        assert [c.quote for c in answer.citations] == [MASSIF["massif.txt"].strip()]
