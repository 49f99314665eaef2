"""Answers over typeset PDFs use the tables and definition lists read from their layout: a row is
answered with its headers and cited to the row as printed, an option by its definition line."""

from __future__ import annotations

import pytest

from assistant import Assistant, Citation, Segment
from tests import documents
from tests.answers import well_formed

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:
    base = tmp_path_factory.mktemp("pdf-answers")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "handbook.pdf").write_bytes(documents.report_pdf())
    (corpus / "archiver.pdf").write_bytes(documents.options_pdf())
    (corpus / "move.pdf").write_bytes(documents.layouts_pdf())
    return Assistant(corpus=corpus, index_dir=base / "index", embedder=real_embedder)


def where(citation: Citation) -> tuple[str, str, str, tuple[str, ...], int | None]:
    return citation.source, citation.quote, citation.title, citation.section, citation.page


def test_a_pdf_table_row_is_answered_with_its_headers_and_cited_to_the_row(bot: Assistant):
    answer = bot.ask("What is the rate per kilometre for an electric car?")
    assert well_formed(bot, answer)
    assert answer.segments[0] == Segment("Electric car, Rate per kilometre: EUR 0.25", (1,))
    row = answer.citations[0]
    assert where(row) == ("handbook.pdf", "Electric car | EUR 0.25", "Travel Handbook", ("1 Mileage",), 1)
    assert bot.source_text("handbook.pdf")[row.start : row.end] == "Electric car | EUR 0.25"


def test_a_row_on_the_page_a_table_runs_on_to_is_answered_with_the_header_of_the_page_before(bot: Assistant):
    answer = bot.ask("What are the opening hours of the office in Turin?")
    assert well_formed(bot, answer)
    assert answer.segments[0] == Segment("Italy, City: Turin, Opening hours: 08:30-17:30", (1,))
    assert where(answer.citations[0]) == (
        "handbook.pdf",
        "Italy | Turin | 08:30-17:30",
        "Travel Handbook",
        ("3 Offices",),
        3,
    )


def test_an_option_is_answered_by_its_definition_line(bot: Assistant):
    answer = bot.ask("What does the --dry-run option do?")
    assert well_formed(bot, answer)
    line = (
        "-n, --dry-run: shows what would be done without changing any file; the report lists every file it "
        "would have touched"
    )
    assert answer.segments[0] == Segment(line, (1,))
    assert where(answer.citations[0]) == ("archiver.pdf", line, "The Archiver Manual", ("2.3 Options",), 1)
