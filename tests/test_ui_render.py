"""The UI's HTML: answers cut at their citations, escaped document text, highlighted passages."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from assistant import Answer, Citation, RebuildReport, Segment
from assistant.types import not_found
from ui import render

DOC = (
    "Title line.\n"
    "\n"
    "First paragraph, about the weather.\n"
    "\n"
    "Second paragraph, about the port.\n"
    "\n"
    "The keeper doubted the report.\n"
    "He said so twice.\n"
    "\n"
    "Fourth paragraph.\n"
    "\n"
    "Fifth paragraph.\n"
    "\n"
    "Sixth paragraph.\n"
)
SPAN_START = DOC.index("The keeper")
SPAN_END = DOC.index("He said") + len("He said so twice.")


def cite(source: str, start: int, end: int, quote: str, lines: tuple[int, int] = (1, 1)) -> Citation:
    return Citation(source, start, end, lines[0], lines[1], quote, 0.5)


def grounded(*quotes: str) -> Answer:
    citations = [cite("a.txt", 0, 1, q) for q in quotes]
    segments = [Segment(q, (n,)) for n, q in enumerate(quotes, start=1)]
    return Answer("q?", segments, True, citations, "q?")


def test_a_documents_own_bracketed_number_stays_in_its_sentence_and_the_link_follows_it() -> None:
    answer = grounded("See note [1] below.", "The note [2].")

    value = render.answer_html(answer, turn=0)

    assert re.findall(r'<span class="sentence">(.*?)</span> <a class="cite" href="#cite-0-(\d)"', value) == [
        ("See note [1] below.", "1"),
        ("The note [2].", "2"),
    ]


def test_a_code_block_shows_as_preformatted_lines_followed_by_its_link() -> None:
    answer = grounded("Build it:", "make\nmake <install>")

    value = render.answer_html(answer, turn=0).split('<ol class="answer-sources">')[0]

    block = r'<div class="code-block"><pre class="sentence code">make\nmake &lt;install&gt;</pre> '
    assert re.search(block + r'<a class="cite" href="#cite-0-2"[^>]*>\[2\]</a></div>', value)
    assert '<span class="sentence">Build it:</span>' in value


def test_a_segment_citing_several_passages_is_followed_by_each_link() -> None:
    citations = grounded("x", "y").citations
    answer = Answer("q?", [Segment("Both say so.", (2, 1)), Segment("Trailing.")], True, citations)

    value = render.answer_html(answer, turn=0)

    assert re.findall(r'href="#cite-0-(\d)"', value.split('<ol class="answer-sources">')[0]) == ["2", "1"]
    assert value.split('<ol class="answer-sources">')[0].endswith('<span class="sentence">Trailing.</span></div>')


def test_answer_streams_one_sentence_at_a_time_then_its_sources() -> None:
    answer = grounded("One.", "Two.")
    one = '<span class="sentence">One.</span> <a class="cite" href="#cite-3-1" title="a.txt:1">[1]</a>'
    two = '<span class="sentence">Two.</span> <a class="cite" href="#cite-3-2" title="a.txt:1">[2]</a>'
    sources = (
        '<ol class="answer-sources">'
        '<li><a class="cite" href="#cite-3-1" title="a.txt:1">[1] a.txt, line 1</a></li>'
        '<li><a class="cite" href="#cite-3-2" title="a.txt:1">[2] a.txt, line 1</a></li>'
        "</ol>"
    )

    assert list(render.stream_answer(answer, turn=3)) == [
        f'<div class="answer">{one}</div>',
        f'<div class="answer">{one} {two}</div>',
        f'<div class="answer">{one} {two}</div>{sources}{render.actions_html(3)}',
    ]


def test_actions_under_an_answer_name_their_turn_and_mark_the_vote_given() -> None:
    value = render.actions_html(2, vote="down")

    assert re.findall(r'<a class="([^"]+)" href="([^"]+)"', value) == [
        ("act", "#vote-2-up"),
        ("act chosen", "#vote-2-down"),
        ("act", "#note-2"),
        ("act", "#copy-2"),
    ]


@pytest.mark.parametrize(
    ("data", "action"),
    [
        ({"href": "#vote-2-down"}, render.Action("vote", 2, "down")),
        ({"href": "#copy-0"}, render.Action("copy", 0)),
        ({"href": "#note-13"}, render.Action("note", 13)),
        ({"href": "#vote-2"}, None),
        ({"href": "#copy-0-up"}, None),
        ({"href": "#delete-1"}, None),
        ({"href": "#vote-x-up"}, None),
        ({"href": 3}, None),
        ("#copy-0", None),
    ],
)
def test_an_action_click_is_read_only_when_it_names_an_action_exactly(data: object, action: object) -> None:
    assert render.action_ref(data) == action


def test_every_streamed_value_holds_only_whole_links() -> None:
    answer = grounded("A.", "B.", "C.")

    for value in render.stream_answer(answer, turn=0):
        assert value.count("<a ") == value.count("</a>")


def test_ungrounded_answer_shows_the_not_found_state_and_no_links() -> None:
    answer = not_found("Who won the cup?", "Who won the cup?", [])

    shown = list(render.stream_answer(answer, turn=0))

    assert shown == [render.not_found_html(answer) + render.actions_html(0)]
    assert 'class="not-found"' in shown[0] and "Not found in the documents" in shown[0]
    assert "cite" not in shown[0]


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click me](javascript:alert(1))",
        "${alert(1)} {{constructor.constructor('alert(1)')()}}",
    ],
)
def test_document_text_in_an_answer_is_escaped(payload: str) -> None:
    answer = grounded(f"Before {payload} after.")

    value = render.answer_html(answer, turn=0)

    assert f'<span class="sentence">{html.escape(f"Before {payload} after.")}</span>' in value
    assert "<script" not in value and "<img" not in value
    assert value.count("<a ") == 2  # the [1] link and its entry in the list of sources, nothing else


def test_notices_are_shown_above_the_answer() -> None:
    answer = Answer("q?", [Segment("One.", (1,))], True, grounded("One.").citations, "q?", ["The question was cut."])

    assert render.answer_html(answer, turn=0).startswith('<div class="notice">The question was cut.</div>')


def test_rewritten_query_is_shown_under_the_question_only_when_it_differs() -> None:
    assert render.question_html("and him?", "and the keeper?") == (
        '<span class="question">and him?</span><div class="query-note">searched for: <q>and the keeper?</q></div>'
    )
    assert render.question_html("same?", "same?") == '<span class="question">same?</span>'


def test_question_is_escaped() -> None:
    assert render.question_html("<b>bold</b>?") == '<span class="question">&lt;b&gt;bold&lt;/b&gt;?</span>'


def test_citation_panel_highlights_the_span_within_two_paragraphs_each_side() -> None:
    citation = cite("log.txt", SPAN_START, SPAN_END, "The keeper doubted the report. He said so twice.", (7, 8))

    value = render.citation_html(1, citation, DOC)

    assert '<div class="passage-head"><span class="passage-n">[1]</span> log.txt, lines 7\u20138</div>' in value
    assert re.findall(r"<mark>(.*?)</mark>", value) == ["The keeper doubted the report.", "He said so twice."]
    numbers = [int(n) for n in re.findall(r'<span class="ln">(\d+)</span>', value)]
    assert numbers == list(range(3, 13))  # from "First paragraph" to "Fifth paragraph"
    assert "Title line." not in value and "Sixth" not in value


def test_citation_panel_shows_the_title_and_section_of_the_passage() -> None:
    citation = replace(
        cite("log.txt", SPAN_START, SPAN_END, "The keeper doubted the report.", (7, 8)),
        title="Keeper's <log>",
        section=("2. Doubts", "2.1 Reports"),
    )

    value = render.citation_html(1, citation, DOC)

    assert '<div class="passage-trail">Keeper&#x27;s &lt;log&gt; › 2. Doubts › 2.1 Reports</div>' in value


def test_a_first_heading_the_title_ends_with_is_not_said_twice() -> None:
    citation = replace(
        cite("primer.html", SPAN_START, SPAN_END, "The keeper doubted the report.", (7, 8)),
        title="The Brewing Primer: The Mashing Primer",
        section=("The Mashing Primer", "Afterword"),
    )

    assert citation.trail == ("The Brewing Primer: The Mashing Primer", "Afterword")
    assert replace(citation, title="The Brewing Primer").trail == (
        "The Brewing Primer",
        "The Mashing Primer",
        "Afterword",
    )
    assert '<div class="passage-trail">The Brewing Primer: The Mashing Primer › Afterword</div>' in (
        render.citation_html(1, citation, DOC)
    )


def test_source_viewer_shows_the_document_title() -> None:
    value = render.source_html("log.txt", DOC, None, "The keeper's log")

    assert value.startswith(
        '<div class="passage-head">log.txt</div><div class="passage-trail">The keeper&#x27;s log</div>'
    )


def test_citation_panel_escapes_the_surrounding_text() -> None:
    text = "Safe line.\n<img src=x onerror=alert(1)> nearby.\n"
    citation = cite("x.txt", 0, len("Safe line."), "Safe line.")

    value = render.citation_html(1, citation, text)

    assert "&lt;img src=x onerror=alert(1)&gt; nearby." in value
    assert "<img" not in value


def test_citation_into_a_changed_document_shows_its_quote_with_a_notice() -> None:
    citation = cite("log.txt", SPAN_START, SPAN_END, "The keeper doubted the report.")

    value = render.citation_html(1, citation, "Entirely different text now, much longer than before. " * 5)

    assert "This document has changed since the answer was given." in value
    assert '<blockquote class="quote">The keeper doubted the report.</blockquote>' in value
    assert "<mark>" not in value


def test_citation_into_a_removed_document_shows_its_quote_with_a_notice() -> None:
    value = render.citation_html(1, cite("gone.txt", 0, 5, "Gone."), None)

    assert "This document is no longer in the index." in value


def test_context_is_cut_in_a_document_without_paragraph_breaks() -> None:
    text = "\n".join(f"line {i} " + "x" * 60 for i in range(400))
    start = text.index("line 200 ")
    end = start + len("line 200")

    lo, hi = render.context_window(text, start, end)

    assert 0 < start - lo <= render.CONTEXT_MAX_CHARS and 0 < hi - end <= render.CONTEXT_MAX_CHARS
    assert text[lo - 1] == "\n" and text[hi] == "\n"  # cut at line breaks


def test_source_view_numbers_every_line_and_marks_the_span() -> None:
    value = render.source_html("log.txt", DOC, (SPAN_START, SPAN_END))

    assert [int(n) for n in re.findall(r'<span class="ln">(\d+)</span>', value)] == list(range(1, 16))
    assert re.findall(r"<mark>(.*?)</mark>", value) == ["The keeper doubted the report.", "He said so twice."]


def test_source_view_of_a_huge_document_says_what_it_leaves_out() -> None:
    text = "word " * (render.VIEWER_MAX_CHARS // 5 + 100)

    assert f"Showing the first {render.VIEWER_MAX_CHARS:,} of {len(text):,} characters." in render.source_html(
        "big.txt", text
    )


@pytest.mark.parametrize(
    "data",
    [None, "0-1", {"turn": "0"}, {"turn": 0, "n": 1}, {"turn": "0", "n": "1x"}, {"turn": "-1", "n": "1"}],
)
def test_citation_click_data_other_than_two_digit_strings_is_ignored(data: object) -> None:
    assert render.citation_ref(data) is None


def test_citation_click_data_gives_turn_and_number() -> None:
    assert render.citation_ref({"turn": "2", "n": "13"}) == (2, 13)


def test_corpus_panel_shows_counts_and_build_time() -> None:
    value = render.corpus_html("/data/<docs>", 3, 42, 0.0)

    assert '<dd class="n-docs">3</dd>' in value and '<dd class="n-chunks">42</dd>' in value
    assert "/data/&lt;docs&gt;" in value
    assert "1970-01-01" in value or "1969-12-31" in value


def test_rebuild_report_lists_notes_summary_and_escaped_warnings() -> None:
    report = RebuildReport(added=1, documents=3, chunks=10, warnings=["skipped <bad>.pdf: encrypted"])

    value = render.rebuild_html(report, notes=["Added new.md"])

    assert value.startswith('<div class="report-note">Added new.md</div>')
    assert f'<div class="report-summary">{report.summary()}</div>' in value
    assert "<li>skipped &lt;bad&gt;.pdf: encrypted</li>" in value


def test_rebuild_report_folds_warnings_past_the_first_few() -> None:
    warnings = [f"skipped page{n}.html: the page sends its reader on at once" for n in range(render.WARNINGS_SHOWN + 3)]

    value = render.rebuild_html(RebuildReport(warnings=warnings))

    shown, folded = value.split('<details class="more-warnings">')
    assert shown.count("<li>") == render.WARNINGS_SHOWN
    assert folded.startswith("<summary>3 more warnings</summary>") and folded.count("<li>") == 3
