"""Tables and definition lists read from a PDF's layout: rows with their header row, cells and
spans as the other formats give them; and layouts that must not be read so (contents, columns of
prose, code)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunking import split_sentences
from index.document import Block, Document, block_text
from tests import documents
from tests.test_documents import assert_clean, loaded


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return loaded(tmp_path_factory.mktemp("report"), "handbook.pdf", documents.report_pdf())


@pytest.fixture(scope="module")
def options(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return loaded(tmp_path_factory.mktemp("options"), "archiver.pdf", documents.options_pdf())


def rows_of(doc: Document, group: int) -> list[Block]:
    return [b for b in doc.blocks if b.kind in ("table_row", "table_header") and b.group == group]


def page_of(doc: Document, offset: int) -> int:
    assert doc.page_starts is not None
    return sum(1 for start in doc.page_starts if start <= offset)


def test_pdf_ruled_table_rows_carry_their_headers_and_are_quoted_as_written(report: Document):
    sentences = [s for s in split_sentences(report) if s.section == ("1 Mileage",)]
    introduction = "Staff who drive their own vehicle on business are paid for each kilometre at these rates:"
    assert [(s.kind, s.group, s.leads, s.display) for s in sentences] == [
        ("paragraph", -1, 0, introduction),
        ("table_row", 0, -1, "Private car, Rate per kilometre: EUR 0.30"),
        ("table_row", 0, -1, "Electric car, Rate per kilometre: EUR 0.25"),
        ("table_row", 0, -1, "Motorcycle, Rate per kilometre: EUR 0.20"),
        ("table_row", 0, -1, "Bicycle, Rate per kilometre: EUR 0.10"),
    ]
    electric = sentences[2]
    assert electric.text == "Electric car | EUR 0.25" == report.text[electric.start : electric.end]
    (row,) = [b for b in rows_of(report, 0) if b.start == electric.start]
    assert [report.text[s:e] for s, e in row.cells] == ["Electric car", "EUR 0.25"]


def test_pdf_table_without_rules_takes_its_bold_first_row_as_the_header(report: Document):
    assert [(b.kind, block_text(report.text, b).text) for b in rows_of(report, 1)] == [
        ("table_header", "Country | Daily allowance | Hotel limit"),
        ("table_row", "France | EUR 55 | EUR 160"),
        ("table_row", "Japan | JPY 9,000 | JPY 25,000"),
        ("table_row", "Canada | CAD 80 | CAD 240"),
        ("table_row", "Brazil | BRL 250 | BRL 600"),
    ]
    shown = [s.display for s in split_sentences(report) if s.group == 1]
    assert shown[1] == "Japan, Daily allowance: JPY 9,000, Hotel limit: JPY 25,000"


def test_pdf_table_across_a_page_break_keeps_its_rows_on_both_pages_without_the_running_header(report: Document):
    assert_clean(report, documents.REPORT_BOILERPLATE)
    blocks = rows_of(report, 2)
    rows = [block_text(report.text, b).text for b in blocks if b.kind == "table_row"]
    assert rows == [" | ".join(office) for office in documents.OFFICES]
    headers = [(page_of(report, b.start), block_text(report.text, b).text) for b in blocks if b.kind == "table_header"]
    assert headers == [(2, "Office | City | Opening hours"), (3, "Office | City | Opening hours")]
    assert {page_of(report, b.start) for b in blocks if b.kind == "table_row"} == {2, 3}
    shown = {s.display for s in split_sentences(report) if s.group == 2}
    assert "Italy, City: Turin, Opening hours: 08:30-17:30" in shown  # a row of page 3, with page 2's header


def test_pdf_table_in_one_face_takes_the_row_ruled_under_as_its_header(report: Document):
    assert [(b.kind, block_text(report.text, b).text) for b in rows_of(report, 3)] == [
        ("table_header", "Region | Number"),
        ("table_row", "United Kingdom | +44 113 496 0000"),
        ("table_row", "Europe | +31 10 799 0000"),
        ("table_row", "Asia | +81 3 4588 0000"),
    ]


def test_pdf_option_list_becomes_definitions_with_term_and_description_spans(options: Document):
    assert_clean(options, ())
    options_, environment = ("2.3 Options",), ("2.4 Environment",)
    assert [(s.kind, s.section, s.display) for s in split_sentences(options) if s.section[0] != "3 Library"] == [
        ("paragraph", options_, "The archiver reads the files named on its command line and accepts these options."),
        ("definition", options_, "-a, --append: adds the files to the end of an existing archive"),
        (
            "definition",
            options_,
            "-n, --dry-run: shows what would be done without changing any file; the report lists every file it "
            "would have touched",
        ),
        ("definition", options_, "-o FILE: writes the archive to FILE instead of the standard output"),
        ("definition", options_, "-s --silent: prints nothing but the final count"),
        ("definition", options_, "-w, --wait: waits for the lock on a busy archive"),
        ("paragraph", options_, "The exit status is zero when every file was archived."),
        ("paragraph", environment, "Two variables change where and how long the archiver works."),
        ("definition", environment, "ARCHIVER_HOME: the folder where archives are kept when no path is given"),
        (
            "definition",
            environment,
            "ARCHIVER_LOCK: how many seconds to wait for a busy archive; the default is thirty seconds",
        ),
    ]
    cells = [[options.text[s:e] for s, e in b.cells] for b in options.blocks if b.kind == "definition"][:7]
    assert cells[0] == ["-a, --append", "adds the files to the end of an existing archive"]
    assert cells[3] == ["-s\n--silent", "prints nothing but the final count"]
    assert cells[6] == ["ARCHIVER_LOCK", "how many seconds to wait for a busy archive; the default\nis thirty seconds"]


def test_pdf_texinfo_signatures_are_terms_of_the_description_under_them(options: Document):
    assert [s.display for s in split_sentences(options) if s.section == ("3 Library",)] == [
        "int arc_open (const char *path, int flags, [Function] struct arc **archive): Opens the archive.",
        "ARC_MAX_MEMBERS [Constant]: The most members an archive holds, 65535.",
    ]


def test_pdf_contents_columns_of_prose_and_a_code_listing_are_neither_tables_nor_definitions(tmp_path: Path):
    doc = loaded(tmp_path, "move.pdf", documents.layouts_pdf())
    assert_clean(doc, ("Contents",))
    assert {b.kind for b in doc.blocks} == {"heading", "paragraph", "code", "boilerplate"}
    aside = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "boilerplate"]
    assert aside == ["Contents", "1 The move 2", "2 The listing 3", "3 Contacts 3"]
    shown = [s.display for s in split_sentences(doc)]
    assert shown[:2] == [
        "The committee met in the spring to review the plans for the new office.",
        "It agreed that the move should happen in May, after the end of the financial year, and that every team "
        "should move on the same weekend to keep the disruption short.",
    ]
    assert "The script below adds up the sizes of the files:" in shown


def test_pdf_line_wholly_in_bold_at_the_body_size_is_a_heading(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    y = 80.0
    lines = [  # face, size, space above, text
        ("B", 16, 0, "Travel guide"),
        ("", 11, 30, "This guide tells employees how trips are booked and paid for."),
        ("B", 11, 30, "4.2.1 Meals abroad"),
        ("", 11, 20, "Dinner is refunded up to EUR 60 a day with a receipt."),
        ("B", 11, 30, "Note"),
        ("", 11, 20, "Receipts in other currencies are converted at the rate of the day."),
        ("B", 11, 30, "Claims that arrive after thirty days are refused by the"),
        ("B", 11, 14, "finance desk without exception, whatever their amount."),
        ("", 11, 30, "Taxis are refunded when no train runs."),
    ]
    for style, size, space, text in lines:
        pdf.set_font("Helvetica", style=style, size=size)
        y += space
        pdf.text(72, y, text)
    doc = loaded(tmp_path, "guide.pdf", bytes(pdf.output()))
    headings = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Travel guide", "4.2.1 Meals abroad"]
    section = {s.display: s.section for s in split_sentences(doc)}
    assert section["Dinner is refunded up to EUR 60 a day with a receipt."] == ("4.2.1 Meals abroad",)
    # An admonition's label and a paragraph set in bold are no headings.
    assert section["Taxis are refunded when no train runs."] == ("4.2.1 Meals abroad",)
    assert section[
        "Claims that arrive after thirty days are refused by the finance desk without exception, whatever their amount."
    ]


# 0.7: no one rounded height holds the header on half the pages; 28 points: LaTeX's book class
@pytest.mark.parametrize(("header_shift", "header_above"), [(0.0, 36.0), (0.7, 36.0), (0.0, 28.0)])
def test_pdf_chapter_title_over_each_page_is_a_running_header_and_a_sentence_reads_across_it(
    tmp_path: Path, header_shift: float, header_above: float
):
    doc = loaded(tmp_path, "installer.pdf", documents.chapters_pdf(header_shift, header_above))
    aside = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "boilerplate"]
    headers = [[] if page % 3 == 1 else [documents.CHAPTERS[(page - 1) // 3]] for page in range(1, 13)]
    assert aside == [text for page in range(1, 13) for text in [*headers[page - 1], str(page)]]
    assert [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"] == [
        f"Chapter {n}. {chapter}" for n, chapter in enumerate(documents.CHAPTERS, start=1)
    ]
    assert documents.CROSSING in [s.text for s in split_sentences(doc)]


def test_pdf_lines_wholly_in_a_typewriter_face_set_apart_are_code_brought_by_the_sentence_before(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    lines = [  # face, x, text
        ("Helvetica", 72, "To send the report to a file instead of the screen, use the following"),
        ("Helvetica", 72, "command:"),
        ("Courier", 100, "report --model plan.mod --output plan.out"),
        ("Helvetica", 72, "To check the model without solving it, add the option --check to the"),
        ("Courier", 72, "report --model plan.mod --wlp plan.lp --check --quiet --verbose"),
        ("Helvetica", 72, "command line; nothing is solved then."),
    ]
    for n, (face, x, text) in enumerate(lines):
        pdf.set_font(face, size=10)
        pdf.text(x, 100 + 14 * n, text)
    doc = loaded(tmp_path, "report.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        ("paragraph", "To send the report to a file instead of the screen, use the following command:"),
        ("code", "report --model plan.mod --output plan.out"),
        (
            "paragraph",
            "To check the model without solving it, add the option --check to the report --model plan.mod "
            "--wlp plan.lp --check --quiet --verbose command line; nothing is solved then.",
        ),
    ]
    (command,) = [s for s in split_sentences(doc) if s.kind == "code"]
    (introduction,) = [s for s in split_sentences(doc) if s.text.endswith("command:")]
    assert introduction.leads == command.group >= 0


def test_pdf_code_is_written_with_its_printed_indentation_and_shown_with_its_lines(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 88, "A file is read whole by the function below, which opens it, reads it and closes it again.")
    pdf.text(72, 100, "The reader is written as follows:")
    code = [(0, "def read(path):"), (4, "with open(path) as f:"), (8, "return f.read()"), (0, "print(read('a'))")]
    pdf.set_font("Courier", size=10)  # 6 points a character
    for n, (indent, text) in enumerate(code):
        pdf.text(90 + 6 * indent, 120 + 12 * n, text)
    doc = loaded(tmp_path, "reader.pdf", bytes(pdf.output()))
    (listing,) = [s for s in split_sentences(doc) if s.kind == "code"]
    assert listing.display == "def read(path):\n    with open(path) as f:\n        return f.read()\nprint(read('a'))"
    assert listing.text == " ".join(listing.display.split())
    assert doc.text[listing.start : listing.end].startswith("def read(path):\n    with")


def test_pdf_help_listing_keeps_its_column_gap_and_is_read_an_option_at_a_time(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    prose = "The command reads its settings from the file named on its command line and from its options. "
    for n in range(8):  # a page mostly of prose: a page wholly in a typewriter face is no listing
        pdf.text(72, 76 + 12 * n, prose)
    pdf.text(72, 180, "The command accepts the options below, each shown with its default.")
    pdf.set_font("Courier", size=10)  # 6 points a character
    options = [(f"-option{n}", f"Sets the {n}th setting [{n}]") for n in range(9)]
    for n, (option, description) in enumerate(options):
        pdf.text(90, 202 + 12 * n, option)
        pdf.text(90 + 6 * 16, 202 + 12 * n, description)
    doc = loaded(tmp_path, "options.pdf", bytes(pdf.output()))
    entries = [s.text for s in split_sentences(doc) if s.kind == "code"]
    assert entries == [f"{option}  {description}" for option, description in options]


def test_pdf_bullet_set_smaller_than_its_item_keeps_the_item_whole(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    items = [
        ["EvenTone This algorithm yields excellent smoothness in all tones (light,", "midtone and shadow)."],
        ["Hybrid EvenTone This method combines two to yield", "smooth results with fewer artifacts."],
    ]
    y = 100.0
    for item in items:
        pdf.set_font("Helvetica", size=7)  # the bullet, smaller than the words, as word processors set it
        pdf.text(72, y, "-")
        pdf.set_font("Helvetica", size=11)
        for n, line in enumerate(item):
            pdf.text(86 if n == 0 else 90, y, line)
            y += 14
        y += 6
    doc = loaded(tmp_path, "dithering.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        ("list_item", "EvenTone This algorithm yields excellent smoothness in all tones (light, midtone and shadow)."),
        (
            "list_item",
            "Hybrid EvenTone This method combines two to yield smooth results with fewer artifacts.",
        ),
    ]


def test_pdf_commands_displayed_inside_sentences_of_indented_paragraphs_are_no_definitions(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    lines = [  # face, size, x, text, space before: paragraphs indent their first line; commands sit at the margin
        ("Helvetica", 10, 57, "There are two ways of keeping a package at its version. The first marks it in the", 0),
        ("Helvetica", 10, 57, "database of selections, which you save and load with:", 13.5),
        ("Courier", 9, 57, "tool --set-selections < selections.txt", 19),
        ("Helvetica", 10, 72, "With the newer tool, you can keep a package back using", 20),
        ("Courier", 9, 57, "marker hold package_name", 20.5),
        ("Helvetica", 10, 72, "and release it again with", 20),
        ("Courier", 9, 57, "marker unhold package_name", 19),
        ("Helvetica", 10, 72, "With the front end, you can keep a package back using", 18.5),
        ("Courier", 9, 57, "front hold package_name", 20.5),
        ("Helvetica", 10, 72, "and release it again with", 20),
        ("Courier", 9, 57, "front unhold package_name", 19),
    ]
    y = 100.0
    for face, size, x, text, space in lines:
        y += space
        pdf.set_font(face, size=size)
        pdf.text(x, y, text)
    doc = loaded(tmp_path, "faq.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        (
            "paragraph",
            "There are two ways of keeping a package at its version. The first marks it in the database of "
            "selections, which you save and load with:",
        ),
        ("code", "tool --set-selections < selections.txt"),
        (
            "paragraph",
            "With the newer tool, you can keep a package back using marker hold package_name and release it again "
            "with marker unhold package_name",
        ),
        (
            "paragraph",
            "With the front end, you can keep a package back using front hold package_name and release it again "
            "with front unhold package_name",
        ),
    ]


def test_pdf_line_opening_with_a_smaller_typewriter_word_stays_in_its_paragraph(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    lines = [  # pieces of (face, size, text) on each line
        [("Times", 10, "The database is stored below each prefix directory in this order, and the information in a")],
        [
            ("Courier", 9, "packages"),
            ("Times", 10, " directory is added to the information found in the directories before."),
        ],
        [("Times", 10, "Each directory holds one file for each media type that it knows about.")],
    ]
    for n, pieces in enumerate(lines):
        pdf.set_xy(72, 100 + 12 * n)
        for face, size, text in pieces:
            pdf.set_font(face, size=size)
            pdf.write(12, text)
    doc = loaded(tmp_path, "spec.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        (
            "paragraph",
            "The database is stored below each prefix directory in this order, and the information in a packages "
            "directory is added to the information found in the directories before. Each directory holds one file "
            "for each media type that it knows about.",
        )
    ]


def test_pdf_sentence_left_open_at_a_page_foot_goes_on_before_a_digit_on_the_next_page(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_font("Times", size=10)
    pages = [
        [
            "Compression is always performed, even if the compressed file is slightly larger than the original.",
            "Files of less than about one hundred bytes tend to get larger, since the compression mechanism has a",
            "constant overhead in the region of",
        ],
        [
            "50 bytes. Random data is coded at about 8.05 bits per byte, giving an expansion of around 0.5%.",
            "As a self-check for your protection, the tool uses 32-bit checksums on every block it writes.",
        ],
    ]
    for lines in pages:
        pdf.add_page()
        for n, text in enumerate(lines):
            pdf.text(72, 700 + 12 * n if len(lines) == 3 else 100 + 12 * n, text)
    doc = loaded(tmp_path, "manual.pdf", bytes(pdf.output()))
    sentences = [s.text for s in split_sentences(doc)]
    assert (
        "Files of less than about one hundred bytes tend to get larger, since the compression mechanism has a "
        "constant overhead in the region of 50 bytes." in sentences
    )


def test_pdf_listing_in_a_urw_typewriter_font_is_code(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("NimbusMonL", fname=documents.named_font(tmp_path / "mono.ttf", "NimbusMonL-Regu"))
    pdf.add_page()
    lines = [  # face, text
        ("Times", "The stream structure holds the state of one compression or decompression:"),
        ("NimbusMonL", "typedef struct {"),
        ("NimbusMonL", "    char *next_in;"),
        ("NimbusMonL", "} bz_stream;"),
        ("Times", "Before using it, the caller allocates it and sets the fields it needs."),
    ]
    for n, (face, text) in enumerate(lines):
        pdf.set_font(face, size=10)
        pdf.text(72, 100 + 12 * n + (6 if n == 4 else 0), text)
    doc = loaded(tmp_path, "manual.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        ("paragraph", "The stream structure holds the state of one compression or decompression:"),
        ("code", "typedef struct { char *next_in; } bz_stream;"),
        ("paragraph", "Before using it, the caller allocates it and sets the fields it needs."),
    ]


def test_pdf_line_in_a_urw_medium_face_at_the_body_size_is_a_heading(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("NimbusRomNo9L", fname=documents.named_font(tmp_path / "medium.ttf", "NimbusRomNo9L-Medi"))
    pdf.add_page()
    lines = [  # face, space above, text
        ("Times", 0, "The database is stored below each prefix directory, and read in order."),
        ("NimbusRomNo9L", 30, "2.3 Recommended checking order"),
        ("Times", 20, "Applications look at the file name first and at its contents only when that fails."),
    ]
    y = 100.0
    for face, space, text in lines:
        y += space
        pdf.set_font(face, size=10)
        pdf.text(72, y, text)
    doc = loaded(tmp_path, "spec.pdf", bytes(pdf.output()))
    assert [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"] == [
        "2.3 Recommended checking order"
    ]


def test_pdf_glyphs_without_unicode_leave_the_sizes_of_the_lines_after_them_true(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    lines = [  # size, space above, text; byte 3 is a glyph pdfium gives no Unicode value, as TeX's math symbols
        (10, 0, "Let the remainder be " + "\x03" * 12 + " as the check sum of the message."),
        (16, 30, "Results"),
        (10, 24, "The tables below give the speed of each method on three machines."),
        (10, 12, "Every method was run ten times and the best time was kept."),
    ]
    y = 100.0
    for size, space, text in lines:
        y += space
        pdf.set_font("Helvetica", size=size)
        pdf.text(72, y, text)
    doc = loaded(tmp_path, "crc.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        ("paragraph", "Let the remainder be as the check sum of the message."),
        ("heading", "Results"),
        (
            "paragraph",
            "The tables below give the speed of each method on three machines. Every method was run ten times "
            "and the best time was kept.",
        ),
    ]


def test_pdf_without_a_metadata_title_takes_the_cover_title_repeated_smaller_as_the_running_header(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    chapters = ["Introduction", "Directory layout", "File contents", "Recommended checking order"]
    words = ["name", "contents", "extension", "magic number", "root element", "alias", "parent type"]
    for page, chapter in enumerate(chapters, start=1):
        pdf.add_page()
        y = 60.0
        if page == 1:  # the cover: the title, its author, then the first chapter's heading and text
            for size, space, text in [(24, 0, "Shared Type Database"), (17, 40, "Thomas Leonard")]:
                pdf.set_font("Helvetica", size=size)
                pdf.text(72, y + space, text)
                y += space
            y += 30
        else:  # the running header, smaller
            pdf.set_font("Helvetica", size=10)
            pdf.text(72, y, "Shared Type Database")
            y += 40
        pdf.set_font("Helvetica", size=20)
        pdf.text(72, y, f"{page}. {chapter}")
        pdf.set_font("Helvetica", size=10)
        for n, word in enumerate(words[page - 1 :] + words[: page - 1]):
            pdf.text(
                72, y + 30 + 12 * n, f"A program may find the type of a file from its {word} in {chapter.lower()}."
            )
    doc = loaded(tmp_path, "spec.pdf", bytes(pdf.output()))
    assert doc.title == "Shared Type Database"
    aside = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "boilerplate"]
    assert aside == ["Shared Type Database"] * 3


def _typewriter_line(pdf: object, x: float, y: float, text: str) -> None:
    """`text` in Courier, its "<" and ">" in Times as TeX takes them from a math font."""
    for char in text:
        pdf.set_font("Times" if char in "<>" else "Courier", size=10)  # type: ignore[attr-defined]
        pdf.text(x, y, char)  # type: ignore[attr-defined]
        x += pdf.get_string_width(char)  # type: ignore[attr-defined]


def test_pdf_typewriter_term_over_the_paragraph_describing_it_heads_that_paragraph(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 100, "Each element the configuration file may hold is described below, in the order of the file.")
    _typewriter_line(pdf, 72, 130, '<dir prefix="default">')
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 145, "This element names a directory that is scanned for font files.")
    pdf.text(72, 157, "Directories are scanned in the order they are given.")
    _typewriter_line(pdf, 72, 187, "<cachedir>")
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 202, "This element names the directory where the cache files are kept.")
    doc = loaded(tmp_path, "fonts-conf.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        ("paragraph", "Each element the configuration file may hold is described below, in the order of the file."),
        (
            "paragraph",
            '<dir prefix="default"> This element names a directory that is scanned for font files. '
            "Directories are scanned in the order they are given.",
        ),
        ("paragraph", "<cachedir> This element names the directory where the cache files are kept."),
    ]


def test_pdf_listing_after_a_line_left_open_is_code_and_a_math_sign_leaves_a_typewriter_line_so(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 100, "This is an example of a system-wide configuration file")
    for n, text in enumerate(["<fontconfig>", "  <dir>/usr/share/fonts</dir>", "</fontconfig>"]):
        _typewriter_line(pdf, 72, 124 + 12 * n, text)
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 180, "It is read before any file of the user's own.")
    doc = loaded(tmp_path, "fonts-conf.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        ("paragraph", "This is an example of a system-wide configuration file"),
        ("code", "<fontconfig> <dir>/usr/share/fonts</dir> </fontconfig>"),
        ("paragraph", "It is read before any file of the user's own."),
    ]


def test_pdf_underscores_drawn_as_rules_are_written_in_the_text(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    y = 100.0
    x = 72.0
    for part in ["void sha256", "init (struct sha256", "ctx *ctx)"]:  # TeX sets "_" as a rule
        pdf.text(x, y, part)
        x += pdf.get_string_width(part)
        if part != "ctx *ctx)":
            pdf.rect(x + 0.3, y - 0.2, 4.2, 0.5, style="F")
            x += 5.0
    pdf.text(72, 114, "Initialize the SHA256 state; the hash is 32 bytes long.")
    pdf.rect(72, 140, 200, 0.5, style="F")  # a rule under a line, no underscore
    doc = loaded(tmp_path, "nettle.pdf", bytes(pdf.output()))
    assert "void sha256_init (struct sha256_ctx *ctx)" in doc.text
    assert "_" not in doc.text.replace("sha256_init", "").replace("sha256_ctx", "")


def test_pdf_typewriter_table_ruled_with_dashes_under_its_header_is_a_table(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 100, "Each bit of the FC_DEBUG value turns on one kind of debugging message.")
    pdf.set_font("Courier", size=9)
    table = [
        ("Name", "Value", "Meaning"),
        ("MATCH", "1", "Brief information about font matching"),
        ("CONFIG", "1024", "Monitor which config files are loaded"),
        ("LANGSET", "2048", "Dump char sets used to construct lang values"),
    ]
    for n, cells in enumerate(table):
        y = 124 + 11 * n + (11 if n else 0)
        for x, cell in zip((90, 160, 200), cells, strict=True):
            pdf.text(x, y, cell)
    pdf.text(90, 135, "-" * 48)
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 190, "Add the values of the levels wanted together.")
    doc = loaded(tmp_path, "fonts-conf.pdf", bytes(pdf.output()))
    assert [b.kind for b in doc.blocks if b.kind != "boilerplate"] == [
        "paragraph",
        "table_header",
        "table_row",
        "table_row",
        "table_row",
        "paragraph",
    ]
    rows = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "table_row"]
    assert rows[1] == "CONFIG | 1024 | Monitor which config files are loaded"
    assert "-----" not in " ".join(rows)


def test_pdf_line_in_bold_a_little_larger_than_the_body_is_a_heading_unless_centred(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    lines = [  # style, size, x, space above, text
        ("B", 17, 73, 0, "1 Basic graph routines"),
        ("", 10.9, 88, 30, "The routines below create a graph and change it in place, one vertex or arc at a time."),
        ("B", 12, 73, 30, "1.2.1 glp_create_graph - create graph"),
        ("", 10.9, 88, 24, "The routine glp_create_graph creates a new graph, which initially is empty."),
        ("B", 12, 230, 30, "Histogram of eruptions"),
        ("", 10.9, 88, 24, "The plot above shows the distribution of the eruption times of the geyser."),
    ]
    y = 100.0
    for style, size, x, space, text in lines:
        y += space
        pdf.set_font("Times", style=style, size=size)
        pdf.text(x, y, text)
    doc = loaded(tmp_path, "graphs.pdf", bytes(pdf.output()))
    assert [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"] == [
        "1 Basic graph routines",
        "1.2.1 glp_create_graph - create graph",
    ]
    last = next(s for s in split_sentences(doc) if s.text.startswith("The plot above"))
    assert last.section[-1] == "1.2.1 glp_create_graph - create graph"


def test_pdf_identifier_broken_after_an_underscore_at_a_line_end_is_written_whole(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    lines = [
        "The digest written by gcm_digest is truncated to the length asked for, which must not exceed GCM_",
        "DIGEST_SIZE, the size of a whole digest; shorter lengths are allowed but weaken the",
        "authentication, and lengths under four bytes should not be used at all.",
    ]
    for n, text in enumerate(lines):
        pdf.text(72, 100 + 12 * n, text)
    doc = loaded(tmp_path, "nettle.pdf", bytes(pdf.output()))
    (sentence,) = [s for s in split_sentences(doc) if "exceed" in s.text]
    assert "must not exceed GCM_DIGEST_SIZE, the size of a whole digest" in sentence.text


def test_pdf_items_without_bullets_or_stops_part_at_the_space_between_them(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    lines = [  # (space above, in line spacings; text)
        *[(1, f"The project named release {n} after a character of the films, as the list tells,") for n in range(12)],
        (1.6, "Release 1.2 Rex (December 12th, 1996): Named for the plastic dinosaur of the films, this release"),
        (1, "consisted of 848 packages maintained by 120 developers"),
        (1.5, "Release 1.3 Bo (June 5th, 1997): Named for Bo Peep, the shepherdess of the films, this release"),
        (1, "consisted of 974 packages maintained by 200 developers"),
        (2.0, "CRC of a whole message is not needed: the next one follows from the last, and the two symbols"),
        (1, "that leave and enter it"),
        (1.5, "CRC of the message is then found without reading it again."),
    ]
    y = 100.0
    for space, text in lines:
        y += 12 * space
        pdf.text(72, y, text)
    doc = loaded(tmp_path, "history.pdf", bytes(pdf.output()))
    assert [block_text(doc.text, b).text.split(":")[0] for b in doc.blocks][1:] == [
        "Release 1.2 Rex (December 12th, 1996)",
        "Release 1.3 Bo (June 5th, 1997)",
        # an acronym opening the next line is no sign that a sentence ended
        "CRC of a whole message is not needed",
    ]


def test_pdf_paragraphs_parted_by_space_alone_and_a_word_broken_before_a_full_stop(tmp_path: Path):
    """A word processor's or ReportLab's paragraphs: no indent, the last line of one as full as the
    others and closing its sentence, 6 points of space before the next (18 against 12). A word broken
    at a line's end whose sentence ends right after it ("re-" / "pairs. The Trust ...") does not end
    its paragraph: the line is as long as it is printed, not as the piece pdfium joins to it."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    paragraphs = [
        [
            "The Trust completed the dredging of the inner basin in September, three months later",
            "than planned, because the contractor's dredger was held in Rotterdam for its repairs.",
            "The work removed about 41,000 cubic metres of silt from the basin and the fish quay.",
        ],
        [
            "The lock gates were installed in 1987 and their design life ends in 2032. Engineers",
            "estimate that their replacement will cost eight million pounds, ten times the re-",
            "pairs. The Trust will apply to the Maritime Infrastructure Fund for half of the cost,",
            "as it did for the breakwater.",
        ],
        ["Borrowing stood at 1.1 million pounds at the year end, all of it a fixed-rate loan."],
    ]
    y = 100.0
    for lines in paragraphs:
        for line in lines:
            pdf.text(72, y, line)
            y += 12
        y += 6
    doc = loaded(tmp_path, "report.pdf", bytes(pdf.output()))
    assert [block_text(doc.text, b).text for b in doc.blocks] == [
        "The Trust completed the dredging of the inner basin in September, three months later than planned, because "
        "the contractor's dredger was held in Rotterdam for its repairs. The work removed about 41,000 cubic metres "
        "of silt from the basin and the fish quay.",
        "The lock gates were installed in 1987 and their design life ends in 2032. Engineers estimate that their "
        "replacement will cost eight million pounds, ten times the repairs. The Trust will apply to the Maritime "
        "Infrastructure Fund for half of the cost, as it did for the breakwater.",
        "Borrowing stood at 1.1 million pounds at the year end, all of it a fixed-rate loan.",
    ]


def test_pdf_sentence_from_a_columns_foot_goes_on_at_the_next_columns_top(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    left = [
        "Harbour dues were raised by 3 per cent",
        "from April, below the rate of inflation.",
        "",
        "Borrowing stood at 1.1 million pounds at",
        "the year end. No new borrowing was taken",
        "out during the year. The",
    ]
    right = [
        "pension scheme deficit narrowed to",
        "240,000 pounds after the valuation.",
        "",
        "The accounts were audited by Carrick &",
        "Dunmore LLP, who gave a clean opinion.",
    ]
    for x, lines in ((72, left), (310, right)):
        y = 100.0
        for line in lines:
            y += 6 if not line else 12
            if line:
                pdf.text(x, y, line)
    doc = loaded(tmp_path, "finance.pdf", bytes(pdf.output()))
    assert [block_text(doc.text, b).text for b in doc.blocks] == [
        "Harbour dues were raised by 3 per cent from April, below the rate of inflation.",
        "Borrowing stood at 1.1 million pounds at the year end. No new borrowing was taken out during the year. The "
        "pension scheme deficit narrowed to 240,000 pounds after the valuation.",
        "The accounts were audited by Carrick & Dunmore LLP, who gave a clean opinion.",
    ]


def test_pdf_outline_entries_are_headings_whatever_their_face_and_rank_by_their_depth(tmp_path: Path):
    doc = loaded(tmp_path, "guide.pdf", documents.outlined_pdf())
    headings = [(b.level, block_text(doc.text, b).text) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        (1, "Printer guide"),
        (2, "1) Introduction"),
        (3, "1.1) History"),  # set alike, right over the next heading: two headings, not one
        (4, "1.1.1) Early years"),
        (4, "Page Size"),  # at the text's size and face: a heading by the outline alone
        (4, "Media Type"),
    ]
    items = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["page size;", "media type."]  # the same words as an entry, and no heading
    paper = next(s for s in split_sentences(doc) if s.text.startswith("Selects the size"))
    assert paper.section == ("1) Introduction", "1.1) History", "Page Size")


def test_pdf_statement_of_figures_takes_its_row_of_years_as_the_header(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="letter", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)

    def right(x: float, y: float, text: str) -> None:
        pdf.text(x - pdf.get_string_width(text), y, text)

    pdf.text(72, 80, "Consolidated Statement of Cash Flows (Millions)")
    for x, year in zip((400, 470, 540), ("2018", "2017", "2016"), strict=True):
        right(x, 110, year)
    figures = [
        ("Net income including noncontrolling interest", "5,363", "4,869", "5,058"),
        ("Depreciation and amortization", "1,488", "1,544", "1,474"),
        ("Purchases of property, plant and equipment (PP&E)", "(1,577)", "(1,373)", "(1,420)"),
        ("Proceeds from sale of PP&E and other assets", "262", "49", "58"),
    ]
    for n, (label, *amounts) in enumerate(figures):
        y = 126 + 15 * n
        pdf.text(72, y, label)
        for x, amount in zip((400, 470, 540), amounts, strict=True):
            right(x, y, amount)
    doc = loaded(tmp_path, "statement.pdf", bytes(pdf.output()))
    header = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "table_header"]
    assert header == ["2018 | 2017 | 2016"]
    shown = {s.display for s in split_sentences(doc)}
    assert "Purchases of property, plant and equipment (PP&E), 2018: (1,577), 2017: (1,373), 2016: (1,420)" in shown


def test_pdf_table_without_a_drawn_header_is_headed_by_its_row_of_words_over_figures(tmp_path: Path):
    # A typeset example table (Apache FOP's, say) whose header is in the body's face, without a rule.
    from fpdf import FPDF

    pdf = FPDF(format="letter", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 80, "Table 16.2. Geometric Depreciation Scheme Example")
    rows = [("Year", "Depreciation", "Remaining Value"), ("0", "-", "1500"), ("1", "450", "1050")]
    rows += [("2", "315", "735"), ("3", "220.50", "514.50"), ("4", "154.35", "360.15"), ("5", "108.05", "252.10")]
    for n, cells in enumerate(rows):
        for x, cell in zip((90, 220, 380), cells, strict=True):
            pdf.text(x, 110 + 15 * n, cell)
    doc = loaded(tmp_path, "depreciation.pdf", bytes(pdf.output()))
    header = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "table_header"]
    assert header == ["Year | Depreciation | Remaining Value"]
    shown = {s.display for s in split_sentences(doc)}
    assert "5, Depreciation: 108.05, Remaining Value: 252.10" in shown


def printed(runs: list[tuple[str, float, float, float, str]]) -> bytes:
    """A one-page PDF with each run of text (font, size, x, baseline from the top, text) where it is
    placed."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    for font, size, x, y, text in runs:
        pdf.set_font(font, size=size)
        pdf.text(x, y, text)
    return bytes(pdf.output())


def test_pdf_superscripts_and_subscripts_stay_on_their_line_and_a_footnote_keeps_its_number(tmp_path: Path):
    from fpdf import FPDF

    width = FPDF(unit="pt")
    width.set_font("Helvetica", size=11)
    line = "The function abs2(pair z) returns |z|"
    x = 72 + width.get_string_width(line)
    small = FPDF(unit="pt")
    small.set_font("Helvetica", size=7)
    square = x + 0.5 + small.get_string_width("2")
    water = 72 + width.get_string_width("Water is written H")
    runs = [
        ("Helvetica", 11, 72, 100, line),
        ("Helvetica", 7, x + 0.5, 96, "2"),
        ("Helvetica", 11, square + 0.5, 100, "; so is its square."),
        ("Helvetica", 11, 72, 130, "Water is written H"),
        ("Helvetica", 7, water + 0.5, 133, "2"),
        ("Helvetica", 11, water + 0.5 + small.get_string_width("2") + 0.5, 130, "O in formulas."),
        ("Helvetica", 7, 72, 780, "1"),
        ("Helvetica", 9, 73 + small.get_string_width("1"), 785, "The note says where the figures come from."),
    ]
    doc = loaded(tmp_path, "notes.pdf", printed(runs))
    texts = [block_text(doc.text, b).text for b in doc.blocks]
    # pdfium keeps the raised 2 on its line and parts the line where the baseline comes back
    assert texts == [
        "The function abs2(pair z) returns |z|2; so is its square. Water is written H2O in formulas.",
        "¹ The note says where the figures come from.",
    ]


def test_a_script_pdfium_parts_from_its_line_is_written_as_one():
    from index.pdf import _Line, _set_off

    line = _Line("returns |z|", 0, top=108.0, x0=72.0, x1=130.0, size=10.0, base=100.0)
    square = _Line("2", 0, top=111.0, x0=130.2, x1=134.0, size=7.0, base=103.6)
    rest = _Line(";", 0, top=108.0, x0=134.3, x1=137.0, size=10.0, base=100.0)
    assert _set_off(line, square, 100.0) and _set_off(line, rest, 100.0)
    assert line.text == "returns |z|²;"
    apart = _Line("Next column", 0, top=108.0, x0=300.0, x1=360.0, size=10.0, base=103.6)
    assert not _set_off(line, apart, 100.0)


def test_pdf_closing_brace_alone_ends_the_code_above_it_and_opens_no_paragraph(tmp_path: Path):
    lines = [  # font, baseline, text
        ("Helvetica", 90, "It also supports the shorthand for iterating over all elements of an array:"),
        ("Courier", 110, "int[] array={1,1,2,3,5};"),
        ("Courier", 123, "for(int k : array) {"),
        ("Courier", 136, "  write(k);"),
        ("Courier", 149, "}"),
        ("Helvetica", 169, "In addition, it supports many features beyond the ones found in those languages,"),
        ("Helvetica", 182, "which the chapters below describe one by one."),
    ]
    doc = loaded(tmp_path, "language.pdf", printed([(font, 10, 72, y, text) for font, y, text in lines]))
    blocks = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks]
    assert blocks[1][0] == "code" and blocks[1][1].endswith("write(k); }")
    assert blocks[2] == (
        "paragraph",
        "In addition, it supports many features beyond the ones found in those languages, which the chapters "
        "below describe one by one.",
    )


def test_pdf_lone_term_in_a_typewriter_face_with_its_description_hanging_beside_and_under_it_is_a_definition(
    tmp_path: Path,
):
    placed = [  # face, x, y, text
        ("Helvetica", 72, 90, "The language has the usual types and a few of its own, described below."),
        ("Courier", 72, 115, "pair"),
        ("Helvetica", 130, 115, "complex number, that is, an ordered pair of real components (x,y). The"),
        ("Helvetica", 130, 128, "real and imaginary parts of a pair z can be read as z.x and z.y; they cannot"),
        ("Helvetica", 130, 141, "be modified directly. The implicit initializer for pairs is (0.0,0.0)."),
        ("Courier", 150, 166, "pair z=(3,4);"),
        ("Helvetica", 72, 191, "Paths are built from pairs joined by the connectors the next section lists."),
    ]
    doc = loaded(tmp_path, "types.pdf", printed([(face, 10, x, y, text) for face, x, y, text in placed]))
    blocks = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks]
    assert blocks[1] == (
        "definition",
        "pair: complex number, that is, an ordered pair of real components (x,y). The real and imaginary parts of a "
        "pair z can be read as z.x and z.y; they cannot be modified directly. The implicit initializer for pairs is "
        "(0.0,0.0).",
    )
    assert [kind for kind, _ in blocks] == ["paragraph", "definition", "code", "paragraph"]


def test_pdf_tex_control_codes_are_read_as_the_ligatures_quotes_and_dashes_they_print(tmp_path: Path):
    # pdfTeX's Type 3 fonts leave T1 codes with no Unicode value: 0x1b-0x1f ligatures, 0x10/0x11 quotes,
    # 0x15 an en dash
    text = "The model has 3 di\x1berent \x10e\x1bects\x11 on the \x1crst coe\x1ecients of ages 50\x1559."
    doc = loaded(tmp_path, "vignette.pdf", printed([("Helvetica", 10, 72, 100, text)]))
    assert [block_text(doc.text, b).text for b in doc.blocks] == [
        "The model has 3 different “effects” on the first coefficients of ages 50–59.",
    ]
    assert [w for w in doc.text.split() if w.startswith("coeff")] == ["coefficients"]


def test_tex_control_codes_read_only_where_the_text_around_them_shows_what_they_print():
    from index.pdf import _typeset_codes

    assert _typeset_codes("\x88 Make a plan\r\nsu\x1e\x1ecient") == "• Make a plan\r\nsu\ufb03\ufb03cient"
    assert _typeset_codes("study \x16 most, Kaplan\x15Meier") == "study — most, Kaplan–Meier"
    assert _typeset_codes("(x) = \x10\r\nv(x)\r\n\x11\r\n= \x16\r\n") == "(x) = \x10\r\nv(x)\r\n\x11\r\n= \x16\r\n"
    assert _typeset_codes('set \x10variance",\x10init"') == 'set “variance",“init"'
    assert len(_typeset_codes("a\x1bb \x10c\x11")) == len("a\x1bb \x10c\x11")  # a character for a character


@pytest.mark.parametrize(("logo", "title"), [("ogbook", "Logbook: the Field Manual"), ("Logbook", "Ship's Logbook")])
def test_pdf_cover_logo_with_its_first_letter_drawn_gives_way_to_the_title_spelling_it(
    tmp_path: Path, logo: str, title: str
):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    for size, y, text in [(20, 80, title), (11, 120, "For version 2.85"), (26, 200, logo)]:
        pdf.set_font("Helvetica", size=size)
        pdf.text(72, y, text)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 80, "Each entry of the log records the time, the position and the weather.")
    doc = loaded(tmp_path, "manual.pdf", bytes(pdf.output()))
    # a logo whose first letter is drawn ("ogbook") is the title's word; a whole word set larger stays the title
    assert doc.title == (title if logo == "ogbook" else logo)


def test_pdf_footnote_numbers_printed_on_their_lines_are_superscripts_apart_from_the_words(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()

    def raised(x: float, y: float, number: str, text: str) -> None:
        pdf.set_font("Helvetica", size=6)
        pdf.text(x, y - 3.8, number)
        pdf.set_font("Helvetica", size=9)
        pdf.text(x + pdf.get_string_width(number) + 0.5, y, text)

    pdf.set_font("Helvetica", size=9)
    prose = "The weights are computed by the estimators"
    pdf.text(72, 100, prose)
    x = 72 + pdf.get_string_width(prose)
    pdf.set_font("Helvetica", size=6)
    pdf.text(x, 96.2, "4")
    pdf.set_font("Helvetica", size=9)
    pdf.text(x + pdf.get_string_width("4") + 2.5, 100, "described below.")
    pdf.text(72, 112, "Their squares R2 and x2 are exponents set on the line.")
    raised(72, 700, "4", "The order p is set to the integer given.")
    doc = loaded(tmp_path, "paper.pdf", bytes(pdf.output()))
    texts = [block_text(doc.text, b).text for b in doc.blocks]
    assert texts[0].startswith("The weights are computed by the estimators⁴ described below.")
    assert "R2 and x2" in texts[0]  # no footnote after one letter
    assert texts[-1] == "⁴ The order p is set to the integer given."


def blocks_of_lines(tmp_path: Path, lines: list[str]) -> list[tuple[str, str]]:
    """The blocks (kind, text) of a one-page PDF printing `lines` one under the other in one font, an
    empty line leaving a line's space."""
    runs = [("Helvetica", 10, 72, 100 + 12 * n, line) for n, line in enumerate(lines) if line]
    doc = loaded(tmp_path, "printed.pdf", printed(runs))
    return [(b.kind, block_text(doc.text, b).text) for b in doc.blocks]


def test_pdf_enumeration_begun_inside_a_sentence_goes_on_in_it_and_a_numbered_list_stays_a_list(tmp_path: Path):
    lines = [
        "The package allows any optimizer that (1) can work with an objective",
        "function, as most do,",
        "(2) allows box constraints on the parameters, and (3) conforms to some",
        "simple rules about argument names.",
        "",
        "Two steps remain:",
        "(1) Fit the model again.",
        "(2) Compare the fits.",
    ]
    assert blocks_of_lines(tmp_path, lines) == [
        (
            "paragraph",
            "The package allows any optimizer that (1) can work with an objective function, as most do, (2) allows "
            "box constraints on the parameters, and (3) conforms to some simple rules about argument names.",
        ),
        ("paragraph", "Two steps remain:"),
        ("list_item", "(1) Fit the model again."),
        ("list_item", "(2) Compare the fits."),
    ]


def test_pdf_letter_at_a_line_start_opens_an_item_only_in_a_lettered_list(tmp_path: Path):
    lines = [
        "No composite ink is used above this shade of gray (i.",
        "e. this level and higher is printed in black ink). It returns the winding number",
        "of the path relative to the point",
        "z. The number is positive if the path encircles z.",
        "",
        "Check three things:",
        "a. the cable,",
        "b. the power supply,",
        "c. the driver.",
    ]
    assert blocks_of_lines(tmp_path, lines) == [
        (
            "paragraph",
            "No composite ink is used above this shade of gray (i. e. this level and higher is printed in black ink). "
            "It returns the winding number of the path relative to the point z. The number is positive if the path "
            "encircles z.",
        ),
        ("paragraph", "Check three things:"),
        ("list_item", "a. the cable,"),
        ("list_item", "b. the power supply,"),
        ("list_item", "c. the driver."),
    ]


def test_pdf_line_set_larger_than_the_outlines_chapters_heads_nothing_past_their_first(tmp_path: Path):
    # Gri's manual: a figure's title drawn in large type in the middle of a chapter, which would
    # otherwise head every chapter after it
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    for number, (chapter, figure, text) in enumerate(
        [
            ("1) Plots", None, "A plot is drawn from columns of data read from a file."),
            ("2) Axes", "Example 3 -- scales and axes", "Axes are drawn at the left and at the bottom."),
            ("3) Colours", None, "The pen colour applies to lines and to text alike."),
        ]
    ):
        pdf.add_page()
        y = 80.0
        if number == 0:
            pdf.set_font("Helvetica", style="B", size=18)
            pdf.text(72, y, "Plotting guide")
            y += 40
        if figure:
            pdf.set_font("Helvetica", style="B", size=18)
            pdf.text(150, y, figure)
            y += 40
        pdf.set_font("Helvetica", style="B", size=14)
        pdf.set_y(y - 14)
        pdf.start_section(chapter, level=0)
        pdf.text(72, y, chapter)
        pdf.set_font("Helvetica", size=11)
        pdf.text(72, y + 24, text)
    doc = loaded(tmp_path, "plots.pdf", bytes(pdf.output()))
    headings = [(b.level, block_text(doc.text, b).text) for b in doc.blocks if b.kind == "heading"]
    assert headings == [(1, "Plotting guide"), (2, "1) Plots"), (2, "2) Axes"), (2, "3) Colours")]
    colours = next(s for s in split_sentences(doc) if s.text.startswith("The pen colour"))
    assert colours.section == ("3) Colours",)


def test_pdf_running_footer_stays_furniture_on_a_page_the_body_fills_to_its_foot(tmp_path: Path):
    # Sphinx's footer names the section and the page ("5.3. Binary package control files 33"); on a
    # page whose text runs lower than on the others its last line stands 2.4 pitches above it
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    titles = ["Points", "Lines", "Axes and their ticks", "Colours", "Legends", "Saving a plot"]
    footers = []
    for page, title in enumerate(titles):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.text(72, 60, "Plotting guide, Release 2.0")
        if page == 0:
            pdf.set_font("Helvetica", style="B", size=18)
            pdf.text(72, 90, "Plotting guide")
            pdf.set_font("Helvetica", size=10)
        last = 771 if page == 3 else 651
        for y in range(last - 12 * 45, last + 1, 12):
            pdf.text(72, y, f"Line {y} of page {page + 1} says what the plot shows and how it is drawn")
        footer = f"{page + 1}.{page % 3 + 1}. {title} {page + 11}"
        footers.append(footer)
        pdf.text(72, 800, footer)
    doc = loaded(tmp_path, "guide.pdf", bytes(pdf.output()))
    kinds = {block_text(doc.text, b).text: b.kind for b in doc.blocks}
    assert all(kinds.get(footer) == "boilerplate" for footer in footers), [kinds.get(f) for f in footers]


def test_pdf_sentence_goes_on_past_the_footnotes_at_its_pages_foot(tmp_path: Path):
    # Sphinx and LaTeX set footnotes under the body: a sentence the page leaves open goes on at
    # the next page's top, and the notes are read after it
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    for page in range(4):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.text(72, 40, "Packaging manual, Release 4.6")
        pdf.text(500, 810, str(page + 1))
        first = 80
        if page == 2:
            pdf.text(72, first, "a tab, and the lines after the first are called continuation lines.")
            first += 14
        for k in range(8):
            pdf.text(72, first + 14 * k, f"Line {k} of page {page + 1} tells how control files are read and written.")
        if page == 1:
            pdf.text(
                72, first + 14 * 8, "The value of a folded field may span several lines which start with a space or"
            )
            pdf.set_font("Helvetica", size=8)
            pdf.text(72, 760, "\u00b9 The internal databases of the package manager are in a similar format.")
            pdf.text(72, 770, "\u00b2 Stanzas were once called paragraphs.")
    doc = loaded(tmp_path, "manual.pdf", bytes(pdf.output()))
    sentences = [s.text for s in split_sentences(doc)]
    whole = (
        "The value of a folded field may span several lines which start with a space or a tab, and the lines "
        "after the first are called continuation lines."
    )
    note = "\u00b9 The internal databases of the package manager are in a similar format."
    assert whole in sentences and note in sentences
    assert sentences.index(note) == sentences.index(whole) + 1
    # each note a paragraph of its own
    paragraphs = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "paragraph"]
    assert note in paragraphs and "\u00b2 Stanzas were once called paragraphs." in paragraphs


@pytest.mark.parametrize(
    ("label", "title"),
    [
        (["Chapter 2"], "Axes"),  # LaTeX's book class: the label over the title, both large
        (["CHAPTER", "TWO"], "AXES"),  # Sphinx's LaTeX: the word, then the number spelt out, larger
    ],
)
def test_pdf_chapter_label_set_over_its_title_is_set_aside(tmp_path: Path, label, title):
    # alone, the label was an empty heading over the chapter's or a paragraph of one word in the
    # chapter before ("CHAPTER" at the end of 1.6 Translations in the Debian Policy Manual); in the
    # title, it would make every section of the chapter read "Chapter 2 ..."
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    for chapter, heading, text in [
        (1, "Plots", "A plot is drawn from columns of data. It is saved as a file."),
        (2, title, "Axes are drawn at the left. Their ticks are labelled."),
    ]:
        pdf.add_page()
        y = 100
        for n, word in enumerate(label if chapter == 2 else [f"Chapter {chapter}"]):
            pdf.set_font("Helvetica", style="B", size=16 if n == 0 else 28)
            pdf.text(72, y, word)
            y += 36
        pdf.set_font("Helvetica", style="B", size=22)
        pdf.text(72, y, heading)
        pdf.set_font("Helvetica", size=11)
        pdf.text(72, y + 40, text)
    doc = loaded(tmp_path, "plots.pdf", bytes(pdf.output()))
    headings = [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Plots", title]
    furniture = [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind == "boilerplate"]
    assert furniture == ["Chapter 1", " ".join(label)]
    ticks = next(s for s in split_sentences(doc) if s.text.startswith("Their ticks"))
    assert ticks.section == (title,)


def test_pdf_contents_entry_wrapped_over_three_lines_is_contents_and_the_page_after_is_text(tmp_path: Path):
    # the Debian Policy Manual's "7.7 Relationships between source and binary packages -
    # Build-Depends, ..." runs over three lines before its leader: its first line was read as a
    # paragraph, which took in the first sentence of the page after the contents
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.text(72, 80, "Contents")
    pdf.set_font("Helvetica", size=10)
    entries = [
        "1 Plots " + ". " * 40 + "3",
        "2 Axes, ticks and the labels written beside them - xlabel, ylabel, xticks,",
        "yticks, minor ticks, major ticks, tick formats,",
        "tick directions " + ". " * 30 + "5",
        "3 Legends " + ". " * 38 + "7",
    ]
    for n, entry in enumerate(entries):
        pdf.text(72, 110 + 14 * n, entry)
    pdf.add_page()
    pdf.text(72, 80, "This guide shows how plots are drawn from columns of data.")
    doc = loaded(tmp_path, "plots.pdf", bytes(pdf.output()))
    written = [(b.kind, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks]
    assert [text for kind, text in written if kind != "boilerplate"] == [
        "This guide shows how plots are drawn from columns of data."
    ]


def test_pdf_words_placed_apart_without_a_space_glyph_are_read_apart(tmp_path: Path):
    # groff's PDFs (bash.pdf) place every word where it goes and draw no space: pdfium wrote "Print
    # shell input lines as theyare read." and "Alist of all double-quoted strings"
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Times", size=10)
    sentence = "Print shell input lines as they are read. A list of all strings is printed."
    x = 72.0
    for word in sentence.split():
        pdf.text(x, 100, word)
        x += pdf.get_string_width(word) + 2.0  # a word space of a fifth of an em
    pdf.set_font("Courier", size=10)
    pdf.text(72, 130, "ls -l /etc/bash.bashrc")  # a typewriter line's narrow letters stay a word
    doc = loaded(tmp_path, "bash.pdf", bytes(pdf.output()))
    assert sentence in doc.text
    assert "ls -l /etc/bash.bashrc" in doc.text


def test_pdf_man_page_minus_signs_before_letters_are_read_as_the_hyphens_people_type(tmp_path: Path):
    # groff sets "\-" as U+2212: "−−login", "dump−po−strings"; before a figure it is a minus
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("Serif", fname=documents.named_font(tmp_path / "serif.ttf", "NimbusRomNo9L-Regu", "\u2212"))
    pdf.set_font("Serif", size=10)
    pdf.text(72, 100, "Use \u2212\u2212login or \u2212l; \u2212\u2212dump\u2212po\u2212strings is like \u2212D.")
    pdf.text(72, 120, "The axis runs from \u22120.5 to 1.5.")
    doc = loaded(tmp_path, "bash.pdf", bytes(pdf.output()))
    assert "Use --login or -l; --dump-po-strings is like -D." in doc.text
    assert "from \u22120.5 to 1.5." in doc.text


def test_pdf_bold_headings_at_the_body_size_are_read_in_either_column_of_a_two_column_page(tmp_path: Path):
    # TUGboat's papers set the title and each section's number and title in bold at the body's size,
    # the number an em from the title: the right column's headings ("4 Class options") were read as
    # paragraphs, since they stand far from the page's usual left edge, and "1 Introduction" under
    # the title as a term and its description
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    prose = [
        "The harbour office publishes a table of the tides",
        "for every day of the year, with the times and the",
        "heights of high and low water at the outer pier.",
        "Skippers are asked to read the table before they",
        "leave the basin at night or in fog, since the bar",
        "at the entrance dries at the lowest spring tides.",
    ]

    def column(x: float, parts: list[tuple[str, str]]) -> None:
        y = 80.0
        for style, text in parts:
            pdf.set_font("Times", style=style, size=10)
            y += 20 if style else 12
            if text.startswith("#"):  # a number an em from its title
                number, title = text[1:].split(" ", 1)
                pdf.text(x, y, number)
                pdf.text(x + 20, y, title)
            else:
                pdf.text(x, y, text)

    left = [("B", "Tide tables for small harbours"), ("", "The harbour office"), ("B", "#1 Introduction")]
    left += [("", line) for line in prose] + [("B", "#2 Reading the table")] + [("", line) for line in prose]
    right = [("B", "#3 Soundings")] + [("", line) for line in prose] + [("B", "#3.1 The bar")]
    right += [("", line) for line in prose]
    column(72, left)
    column(310, right)
    doc = loaded(tmp_path, "tides.pdf", bytes(pdf.output()))
    headings = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        "Tide tables for small harbours",
        "1 Introduction",
        "2 Reading the table",
        "3 Soundings",
        "3.1 The bar",
    ]
    assert doc.title == "Tide tables for small harbours"
    assert not [b for b in doc.blocks if b.kind == "definition"]
    sections = {s.section for s in split_sentences(doc) if s.text.startswith("Skippers")}
    assert sections == {("1 Introduction",), ("2 Reading the table",), ("3 Soundings",), ("3.1 The bar",)}


def test_pdf_numbered_headings_set_small_in_bold_and_centred_are_headings_each(tmp_path: Path):
    # REVTeX centres its headings in the column, in bold a point under the body's size, a section's
    # heading right over its first subsection's ("II. FORMATTING" / "II.1. Preprint, reprint, and
    # twocolumn options"): they were read as paragraphs
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = 80.0

    def write(style: str, size: int, space: float, text: str, centred: bool = False) -> None:
        nonlocal y
        pdf.set_font("Times", style=style, size=size)
        y += space
        x = 72 + (220 - pdf.get_string_width(text)) / 2 if centred else 72
        pdf.text(x, y, text)

    write("B", 9, 0, "I. INTRODUCTION", centred=True)
    write("", 10, 16, "Manuscripts are converted to XML during production,")
    write("", 10, 12, "and other formats are derived from that file.")
    write("B", 9, 24, "II. FORMATTING", centred=True)
    write("B", 9, 16, "II.1. Paper size", centred=True)
    write("", 10, 16, "Manuscripts should be formatted for letter size paper,")
    write("", 10, 12, "since referees may print them out.")
    write("B", 9, 24, "Summary of the options", centred=True)  # no number: a table's title, say
    write("", 10, 16, "The preprint option sets the text in one column.")
    doc = loaded(tmp_path, "guide.pdf", bytes(pdf.output()))
    headings = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["I. INTRODUCTION", "II. FORMATTING", "II.1. Paper size"]
    section = {s.display: s.section for s in split_sentences(doc)}
    assert section["Manuscripts should be formatted for letter size paper, since referees may print them out."] == (
        "II. FORMATTING",
        "II.1. Paper size",
    )


def test_pdf_contents_list_inside_a_page_is_set_aside(tmp_path: Path):
    # papers set their contents under the abstract, with page numbers but no leaders (the APS
    # guide) or without page numbers (MNRAS's guide): its entries were read as terms and
    # descriptions ("5.1 | Title"), or as paragraphs, among the page's text
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Times", style="B", size=16)
    pdf.text(72, 80, "Tide tables for small harbours")
    pdf.set_font("Times", size=10)
    pdf.text(72, 110, "This guide explains how skippers read the harbour's tide tables.")
    pdf.set_font("Times", style="B", size=9)
    pdf.text(72, 140, "CONTENTS")
    pdf.set_font("Times", size=9)
    entries = ["I. Introduction 1", "II. Reading the table 1", "II.1. Times and heights of", "water 2"]
    entries += ["II.2. The bar 2", "III. Soundings 3", "Acknowledgements 3"]
    for n, entry in enumerate(entries):
        pdf.text(72, 155 + 11 * n, entry)
    pdf.set_font("Times", size=7)
    pdf.text(72, 250, "Harbour office: tides@example.org")
    pdf.set_font("Times", style="B", size=9)
    pdf.text(72, 280, "I. INTRODUCTION")
    pdf.set_font("Times", size=10)
    pdf.text(72, 296, "The harbour office publishes a table of the tides for every day.")
    doc = loaded(tmp_path, "tides.pdf", bytes(pdf.output()))
    shown = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks if b.kind != "boilerplate"]
    assert shown == [
        ("heading", "Tide tables for small harbours"),
        ("paragraph", "This guide explains how skippers read the harbour's tide tables."),
        ("paragraph", "Harbour office: tides@example.org"),
        ("heading", "I. INTRODUCTION"),
        ("paragraph", "The harbour office publishes a table of the tides for every day."),
    ]


def test_pdf_line_numbers_in_the_margin_of_a_manuscript_are_no_text(tmp_path: Path):
    # AASTeX and lineno number a manuscript's lines for its reviewers, small and in the margin: pdfium
    # writes each number at the start of its line ("27 is a document markup language ..."), and the
    # lines were read as terms and descriptions
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    lines = [
        "The harbour office publishes a table of the tides for every day of the year,",
        "with the times and the heights of high and low water at the outer pier.",
        "",
        "Skippers are asked to read the table before they leave the basin at night",
        "or in fog, since the bar at the entrance dries at the lowest spring tides.",
        "The table is posted at the harbour office and on the quay by the slipway.",
        "",
        "Soundings of the channel are taken each spring after the winter storms,",
        "and the depths found are marked on the chart kept at the harbour office.",
        "The chart shows the depth of the channel at the lowest astronomical tide.",
    ]
    for n, line in enumerate(lines, start=12):
        y = 100 + 14 * (n - 12)
        pdf.set_font("Helvetica", size=5)
        number = str(n)
        pdf.text(50 - pdf.get_string_width(number), y, number)
        if line:
            pdf.set_font("Times", size=10)
            pdf.text(72, y, line)
    doc = loaded(tmp_path, "tides.pdf", bytes(pdf.output()))
    assert [(b.kind, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks] == [
        ("paragraph", " ".join(lines[0:2])),
        ("paragraph", " ".join(lines[3:6])),
        ("paragraph", " ".join(lines[7:10])),
    ]


def test_pdf_fonts_set_at_one_point_and_scaled_by_the_text_matrix_read_at_their_printed_size(tmp_path: Path):
    # Acrobat Distiller sets every font at 1 point and scales the text matrix: pdfium reported a
    # size of 1 for every letter, so no heading was found and each line was a paragraph of its own
    paragraph = [
        "The harbour office publishes a table of the tides for every day of the",
        "year, with the times and the heights of high and low water at the pier.",
        "Skippers are asked to read the table before they leave the basin.",
    ]
    lines = [("F1", 16, 760, "Tide tables")]  # a heading by its size alone
    lines += [("F1", 10, 730 - 12 * n, text) for n, text in enumerate(paragraph)]
    lines += [("F1", 10, 680, "The table is posted at the harbour office.")]
    content = "".join(f"BT /{face} 1 Tf {size} 0 0 {size} 72 {y} Tm ({text}) Tj ET\n" for face, size, y, text in lines)
    doc = loaded(tmp_path, "tides.pdf", documents.raw_pdf(content, {"F1": "Times-Roman"}))
    assert [(b.kind, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks] == [
        ("heading", "Tide tables"),
        ("paragraph", " ".join(paragraph)),
        ("paragraph", "The table is posted at the harbour office."),
    ]


def test_pdf_title_in_the_metadata_that_is_a_files_name_gives_way_to_the_largest_heading(tmp_path: Path):
    # dvips and Distiller pass the source's name on as the title: "usethesis.dvi", "uwthesis.dvi"
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_title("tides.dvi")
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=18)
    pdf.text(72, 80, "Tide tables for small harbours")
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 110, "The harbour office publishes a table of the tides for every day.")
    doc = loaded(tmp_path, "tides.pdf", bytes(pdf.output()))
    assert doc.title == "Tide tables for small harbours"


def test_pdf_lettered_subsections_and_a_numbered_heading_wrapped_onto_a_second_line(tmp_path: Path):
    # REVTeX numbers subsections with letters under roman sections ("A. Citations and References");
    # Elsevier's 5p layout wraps a long heading, its second line indented under the title ("2.
    # Evanescent vs. conventional quadrupole light-matter" / "coupling"): the letter's heading was a
    # paragraph, and the wrapped heading a list item running on into its section's first paragraph
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = 80.0

    def write(style: str, space: float, text: str, x: float = 72) -> None:
        nonlocal y
        pdf.set_font("Times", style=style, size=10)
        y += space
        pdf.text(x, y, text)

    pdf.set_font("Times", style="B", size=16)
    pdf.text(72, 60, "A guide for skippers")
    write("B", 0, "I. TIDES")
    write("", 16, "The harbour office publishes a table of the tides for every day.")
    write("B", 24, "A. Reading the table")
    write("", 16, "Each row gives the times of high and low water at the pier.")
    write("B", 24, "2. Soundings of the channel taken after the winter storms and")
    write("B", 13, "the spring tides", x=84)
    write("", 16, "The depths found are marked on the chart at the harbour office.")
    doc = loaded(tmp_path, "tides.pdf", bytes(pdf.output()))
    headings = [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        "A guide for skippers",
        "I. TIDES",
        "A. Reading the table",
        "2. Soundings of the channel taken after the winter storms and the spring tides",
    ]
    section = {s.display: s.section for s in split_sentences(doc)}
    assert section["Each row gives the times of high and low water at the pier."] == (
        "I. TIDES",
        "A. Reading the table",
    )


def test_pdf_accents_set_over_their_letters_as_tex_sets_them_are_read_as_one_character(tmp_path: Path):
    # TeX draws an accented letter as two glyphs, the accent moved over (a cedilla under) the
    # letter: pdfium wrote "L´opez" and "franc¸aise", which no reader searches for
    lines = [  # Times-Roman: o 500, c 444, acute and cedilla 333 (StandardEncoding \302 and \313)
        r"[(Thanks to Alejandro L) -83.5 (\302) 416.5 (opez-Valencia for the translation.)] TJ",
        r"[(The French word is franc) 388.5 (\313) 55.5 (aise, set as TeX sets it.)] TJ",
        r"[(An acute accent alone: \302 is a mark, not a letter.)] TJ",
    ]
    content = "".join(f"BT /F1 11 Tf 72 {760 - 14 * n} Td {line} ET\n" for n, line in enumerate(lines))
    doc = loaded(tmp_path, "thanks.pdf", documents.raw_pdf(content, {"F1": "Times-Roman"}))
    text = " ".join(doc.text.split())
    assert "Alejandro López-Valencia for the translation." in text
    assert "The French word is française, set as TeX sets it." in text
    assert "An acute accent alone: \u00b4 is a mark" in text  # beside no letter it sits on: left as printed


def test_pdf_contents_line_whose_page_number_latex_could_not_resolve_is_contents(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    entries = ["1.1. Introduction", "1.2. Screen editors", "1-1. GEDCOM person record"]
    for n, entry in enumerate(entries):
        pdf.text(72, 80 + 16 * n, f"{entry} {'.' * 60}??")
    pdf.text(72, 160, "LifeLines is a genealogy program that runs on UNIX systems.")
    doc = loaded(tmp_path, "guide.pdf", bytes(pdf.output()))
    assert [s.display for s in split_sentences(doc)] == ["LifeLines is a genealogy program that runs on UNIX systems."]


def test_pdf_notes_in_the_outer_margin_are_read_apart_from_the_sentences_they_stand_beside(tmp_path: Path):
    from fpdf import FPDF

    body = [
        "Multithreaded programs use a master and several workers, and the",
        "default number of worker threads is two. You can control the number",
        "of cores each process will use with the --cpu option or with the",
        "environment variable. With a single worker thread the program is",
        "still faster than in serial mode, because the master thread handles",
        "input and output on its own. If you are running the program on a",
        "cluster that limits the number of cores a process can use, you may",
        "need to count both the workers and the master when you ask the",
        "scheduler for cores. The program needs one core more than the",
        "number of workers that you give it on the command line, always.",
    ]
    notes = [
        ["1 Set at compile time in the", "configuration header."],
        ["2 Or any other MPI library", "your cluster offers."],
    ]
    pdf = FPDF(format="letter", unit="pt")
    for note in notes:
        pdf.add_page()
        for n, line in enumerate(body):
            pdf.set_font("Times", size=10)
            pdf.text(72, 100 + 14 * n, line)
            if n == 1:  # the note's first line on a body line's baseline, in the margin, smaller
                pdf.set_font("Times", size=8)
                pdf.text(400, 114, note[0])
        pdf.set_font("Times", size=8)
        pdf.text(400, 123, note[1])  # its second line written after the body, as LaTeX does
    doc = loaded(tmp_path, "guide.pdf", bytes(pdf.output()))
    sentences = [s.text for s in split_sentences(doc)]
    assert "default number of worker threads is two." in " ".join(sentences)
    assert (
        "You can control the number of cores each process will use with the --cpu option or with the environment "
        "variable." in sentences
    )
    assert "1 Set at compile time in the configuration header." in sentences
    assert "2 Or any other MPI library your cluster offers." in sentences
    assert not any("Set at compile" in s and "worker" in s for s in sentences)


def _text(lines: list[tuple[int, int, int, str]]) -> str:
    """A content stream setting each (size, x, y, text) in Times."""
    return "".join(f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n" for size, x, y, text in lines)


# A call graph drawn as LaTeX includes a PDF figure: a form holding the nodes' ellipses and edges
# (paths) and their labels, one row of them set larger than the body, and an axis of figures.
_GRAPH = (
    "20 90 m 20 112 60 130 100 130 c 140 130 180 112 180 90 c S\n"
    "100 90 m 60 40 l S 100 90 m 140 40 l S 100 90 m 100 40 l S 10 10 280 140 re S\n"
    + _text([(14, 30, 100, "main parse execute"), (14, 40, 25, "init cleanup printf"), (9, 20, 12, "0 10 20 30 40")])
)


def test_pdf_labels_of_a_figure_placed_as_a_form_are_no_text_and_end_the_paragraph_before(tmp_path: Path):
    # dot's guide: the labels of its graphs, placed as forms, were read as headings ("main parse init
    # cleanup printf") and paragraphs; and a paragraph left open at a page's foot went on past a
    # figure at the next page's top into the paragraph under it
    first = [
        "Graphs are drawn in four passes. The first pass ranks the nodes, the second orders them",
        "within their ranks, the third finds their coordinates and the fourth draws the edges as",
    ]
    second = [
        "The layout above was made with the default settings of every pass.",
        "Each pass can be tuned with attributes of the graph, its nodes and its edges.",
    ]
    pages = [
        _text([(10, 72, 120 - 12 * n, text) for n, text in enumerate(first)]),
        "q 1 0 0 1 150 600 cm /Fm1 Do Q\n" + _text([(10, 72, 560 - 12 * n, text) for n, text in enumerate(second)]),
    ]
    pdf = documents.raw_pdf(pages, {"F1": "Times-Roman"}, {"Fm1": ("0 0 300 150", _GRAPH)})
    doc = loaded(tmp_path, "dotguide.pdf", pdf)
    read = [(b.kind, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks if b.kind != "boilerplate"]
    assert read == [("paragraph", " ".join(first)), ("paragraph", " ".join(second))]
    assert "main parse execute" in doc.text  # written, but set aside
    assert not any("main parse" in s.text or "0 10 20" in s.text for s in split_sentences(doc))


def test_pdf_paragraph_left_open_does_not_go_on_past_a_page_holding_a_figure_alone(tmp_path: Path):
    first = ["The drawing on the next page shows every pass of the layout, and the edges it", "draws as"]
    after = ["Splines are drawn last, once every node has its place on the page."]
    pages = [
        _text([(10, 72, 120 - 12 * n, text) for n, text in enumerate(first)]),
        "q 1 0 0 1 150 400 cm /Fm1 Do Q\n",
        _text([(10, 72, 760 - 12 * n, text) for n, text in enumerate(after)]),
    ]
    pdf = documents.raw_pdf(pages, {"F1": "Times-Roman"}, {"Fm1": ("0 0 300 150", _GRAPH)})
    doc = loaded(tmp_path, "passes.pdf", pdf)
    read = [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind != "boilerplate"]
    assert read == [" ".join(first), " ".join(after)]


def test_pdf_text_placed_as_a_form_with_a_rule_or_two_is_text(tmp_path: Path):
    # a paper's list of authors placed as a form under one rule: its text outnumbers its paths
    authors = [
        "The collaboration: C. Petit, J. Poole and T. Baron, for the editors of the series,",
        "with R. Billen, P. Ferreira and N. Juszka, who wrote the templates and the guide,",
        "M. Kolodziejski and A. Monnich, who keep the style files for LaTeX and Word,",
        "P. Poulopoulou and M. Vidal, who check every paper against the templates,",
        "C. Eyberger, K. Jaje and Y. Jaski, who run the editing of the proceedings,",
        "D. Button and M. Hall, who keep the web site of the collaboration up to date,",
        "and the editors of every conference that publishes its proceedings with the series.",
        "Questions about the templates go to the editors, who answer within a week.",
    ]
    form = "0 110 m 300 110 l S\n" + _text([(10, 0, 100 - 12 * n, text) for n, text in enumerate(authors)])
    page = "q 1 0 0 1 72 600 cm /Fm1 Do Q\n"
    pdf = documents.raw_pdf(page, {"F1": "Times-Roman"}, {"Fm1": ("0 0 400 120", form)})
    doc = loaded(tmp_path, "paper.pdf", pdf)
    assert [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind != "boilerplate"] == [
        " ".join(authors)
    ]


def test_pdf_contents_with_page_numbers_apart_and_an_index_of_page_lists_are_set_aside(tmp_path: Path):
    """A manual's contents page whose page numbers stand at the right margin, read as lines of their
    own beside the leaders (as memoir's manual reads), a page of body, and an index whose entries
    list several pages, the last running on to the line below: the body alone is content."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.text(72, 80, "Contents")
    pdf.set_font("Helvetica", size=10)
    entries = ["1 Options", "1.1 Reading archives", "1.2 Writing archives", "2 Formats", "2.1 Tar", "2.2 Zip"]
    for n, entry in enumerate(entries):
        leader = entry + " " + ". " * (40 - len(entry) // 2)
        pdf.text(72, 104 + 14 * n, leader)
        pdf.text(500, 104 + 14 * n, str(n + 2))
    pdf.add_page()
    pdf.text(72, 80, "The archiver reads the files named on its command line and writes them to one archive.")
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.text(72, 80, "Index")
    pdf.set_font("Helvetica", size=10)
    index = ["append . . . . . . . . . . . . . 3, 7, 12", "archive, reading . . . . . . . . 2, 4, 5, 6, 8,", "9, 10"]
    for n, entry in enumerate(index):
        pdf.text(72, 104 + 14 * n, entry)
    doc = loaded(tmp_path, "archiver.pdf", bytes(pdf.output()))
    content = [block_text(doc.text, b).text for b in doc.blocks if b.kind != "boilerplate"]
    assert content == ["The archiver reads the files named on its command line and writes them to one archive."]


def test_leaders_whose_page_number_is_read_apart_are_contents_and_a_row_of_dots_alone_is_not():
    from index.pdf import _Line, _mark_contents

    def line(text: str, top: float, x0: float = 72.0) -> _Line:
        return _Line(text, 0, top=top, x0=x0, x1=x0 + 5 * len(text), size=10.0)

    entries = [line(f"2.{n} Section {n} " + ". " * 30, 700.0 - 12 * n) for n in range(1, 6)]
    numbers = [line(str(7 + n), 700.4 - 12 * n, x0=516.0) for n in range(1, 6)]  # beside them, read apart
    chapter = line("2 Laying out the page", 712.0)  # a chapter's entry: no leader, its number apart too
    numbers.insert(0, line("7", 712.0, x0=516.0))
    body = [line("The page sizes are set in points, and the margins follow from them.", 600.0)]
    matrix = [line("a11 a12 . . . a1n", 500.0), line(". . . . . . . . .", 488.0), line("am1 am2 . . . amn", 476.0)]
    page = sorted([chapter, *entries, *numbers, *body, *matrix], key=lambda x: -x.top)
    _mark_contents([page])
    assert [x.kind for x in entries + numbers] == ["boilerplate"] * 11
    assert [x.kind for x in body + matrix] == ["text"] * 4


def _outlined_manual(
    cover: list[tuple[str, int]], chapters: list[tuple[str, str, str]], label_font: Path | None = None
) -> bytes:
    """A cover page of (text, size) lines, bold, then a page a chapter, its title in the outline:
    (label printed over the title, in `label_font` if given, or "", title, text). A chapter with a
    label starts below the page's top, two lines of the chapter before over it."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    if label_font is not None:
        pdf.add_font("Label", fname=label_font)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = 200
    for text, size in cover:
        pdf.set_font("Helvetica", style="B", size=size)
        pdf.text(72, y, text)
        y += 2 * size
    for label, chapter, text in chapters:
        pdf.add_page()
        top = 80
        if label:
            pdf.set_font("Helvetica", size=11)
            pdf.text(72, 80, "The commands of the chapter before are listed in its last section,")
            pdf.text(72, 94, "with the options each of them takes.")
            pdf.set_font("Label" if label_font else "Helvetica", style="" if label_font else "B", size=14)
            pdf.text(250, 130, label)
            top = 150
        pdf.set_font("Helvetica", style="B", size=14)
        pdf.set_y(top - 14)
        pdf.start_section(chapter, level=0)
        pdf.text(72, top, chapter)
        pdf.set_font("Helvetica", size=11)
        pdf.text(72, top + 24, text)
        pdf.text(72, top + 38, "Each chapter ends with a short list of the commands it has shown.")
    return bytes(pdf.output())


@pytest.mark.parametrize(
    "cover",
    [
        # The Debian Policy Manual, typeset by Sphinx: "Release 4.6.2.0 / The Debian Policy Mailing
        # List" under the title, larger than the chapters' titles
        [("Plotting guide", 24), ("Release 2.0 The Plotting Team", 18)],
        # GNU Octave's manual: "Free Your Numbers" set as large as the title, the authors at the
        # size of the chapters' titles
        [("Plotting guide", 24), ("Draw Your Data", 24), ("Ann Smith", 14), ("Bob Jones", 14)],
    ],
)
def test_a_covers_subtitle_and_authors_head_nothing_under_its_title(tmp_path: Path, cover: list[tuple[str, int]]):
    # each would otherwise head every chapter after it
    chapters = [("", "1 Plots", "A plot is drawn from columns of data."), ("", "2 Axes", "Axes are drawn at the left.")]
    doc = loaded(tmp_path, "plots.pdf", _outlined_manual(cover, chapters))
    headings = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Plotting guide", "1 Plots", "2 Axes"]
    axes = next(s for s in split_sentences(doc) if s.text.startswith("Axes are"))
    assert axes.section == ("2 Axes",)


def test_a_sections_number_between_dashes_over_its_title_is_its_label(tmp_path: Path):
    # amsmath's guide sets "—2—" over "Options for the amsmath package", at its size
    chapters = [
        ("—1—", "Introduction", "A plot is drawn from columns of data."),
        ("—2—", "Axes", "Axes are drawn at the left."),
    ]
    font = documents.named_font(tmp_path / "label.ttf", "LMRoman10-Bold", "—")
    doc = loaded(tmp_path, "plots.pdf", _outlined_manual([("Plotting guide", 24)], chapters, font))
    headings = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Plotting guide", "Introduction", "Axes"]


def test_chapters_keep_their_level_over_sections_when_the_outlines_parts_print_apart(tmp_path: Path):
    # The Maxima Book: a part's entry ("I The Maxima Program") prints as "Part I" over its title, so
    # no line prints it; chapters and sections had all fallen to one level under it
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=30)
    pdf.text(72, 200, "Drawing guide")
    pdf.set_font("Helvetica", style="B", size=26)
    pdf.text(72, 300, "Second edition")
    for part, chapters in [("I", ["Plots", "Axes"]), ("II", ["Colours"])]:
        pdf.add_page()
        pdf.set_font("Helvetica", style="B", size=24)
        pdf.set_y(200)
        pdf.start_section(f"{part} Drawing", level=0)
        pdf.text(72, 220, f"Part {part}")
        pdf.text(72, 260, "Drawing")
        for chapter in chapters:
            pdf.add_page()
            pdf.set_font("Helvetica", style="B", size=18)
            pdf.set_y(66)
            pdf.start_section(chapter, level=1)
            pdf.text(72, 80, chapter)
            pdf.set_font("Helvetica", style="B", size=13)
            pdf.set_y(106)
            pdf.start_section(f"{chapter}: first steps", level=2)
            pdf.text(72, 120, f"{chapter}: first steps")
            pdf.set_font("Helvetica", size=11)
            pdf.text(72, 144, f"{chapter} are drawn from the columns of a data file, one per line.")
            pdf.text(72, 158, "Each of them can be saved to a file of its own.")
    doc = loaded(tmp_path, "drawing.pdf", bytes(pdf.output()))
    levels = {block_text(doc.text, b).text: b.level for b in doc.blocks if b.kind == "heading"}
    assert levels["Plots"] < levels["Plots: first steps"]
    assert levels["Colours"] == levels["Axes"] < levels["Colours: first steps"]
    colours = next(s for s in split_sentences(doc) if s.text.startswith("Colours are drawn"))
    assert colours.section[-2:] == ("Colours", "Colours: first steps")


def test_a_contents_page_under_a_running_header_saying_contents_is_contents():
    # The Maxima Book's second page of contents: chapters without leaders under "CONTENTS 4"
    from index.pdf import _Line, _mark_contents

    header = _Line("CONTENTS 4", 0, top=745.0, x0=72.0, x1=160.0, size=10.0, kind="boilerplate")
    chapters = [
        _Line(f"{18 + n} Chapter {n} {103 + n}", 0, top=717.0 - 22 * n, x0=72.0, x1=300.0, size=10.0) for n in range(6)
    ]
    section = _Line("23.1 dimen " + ". " * 30 + "109", 0, top=580.0, x0=90.0, x1=500.0, size=10.0)
    _mark_contents([[header, *chapters, section]])
    assert [line.kind for line in chapters] == ["boilerplate"] * 6


def test_pdf_index_without_leaders_is_set_aside_and_a_sentence_listing_years_is_not(tmp_path: Path):
    """LaTeX's default index, two columns of "term, pages" with no leaders (seminar's manual): its
    entries, the pages and entries wrapped onto a line of their own and the group letters are boilerplate; the
    sentence under it and a page of body whose lines end in years stay content."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    body = [
        "The slides of a talk are printed on the paper sizes of the years 1990, 1991,",
        "1992 and 1993, as the class was first written then.",
    ]
    for n, text in enumerate(body):
        pdf.text(72, 80 + 14 * n, text)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.text(72, 80, "Index")
    pdf.set_font("Helvetica", size=10)
    left = ["2up (option), 13", "a4 (option), 37", "\\addtoslidelist, 17", "article (option), 7, 13, 14, 18,", "25, 28"]
    right = ["C", "\\centerslidesfalse, 2", "counters:", "slide, 12", "\\newslide, 3, 12", "notes (option), 15-19"]
    right += ["homomorphisms by images vs.", "images checked, 60", "algebras given by structure constants,", "48"]
    for n, entry in enumerate(left):
        pdf.text(72, 110 + 14 * n, entry)
    for n, entry in enumerate(right):
        pdf.text(320, 110 + 14 * n, entry)
    pdf.text(72, 300, "Page numbers in italics refer to the definition of the command.")
    doc = loaded(tmp_path, "slides.pdf", bytes(pdf.output()))
    content = [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind != "boilerplate"]
    assert content == [" ".join(body), "Page numbers in italics refer to the definition of the command."]


def test_short_contents_and_subsections_run_in_with_their_pages_are_contents():
    """memoir's manual: a "Short contents" page of chapters, its second page under "viii SHORT
    CONTENTS", and contents pages whose subsections run in one after another, each with its page."""
    from index.pdf import _Line, _mark_contents

    def page(texts: list[str]) -> list[_Line]:
        return [_Line(text, 0, top=700.0 - 12 * n, x0=72.0, x1=400.0, size=10.0) for n, text in enumerate(texts)]

    short = page(["Short contents", *(f"{n} Chapter number {n} · {10 * n}" for n in range(1, 9))])
    second = page(["viii SHORT CONTENTS", *(f"{n} Chapter number {n} · {10 * n}" for n in range(9, 17))])
    run_in = page(
        [
            "xii CONTENTS",
            "11 Rows and columns 211",
            "11.1 General " + ". " * 30 + "211",
            "11.2 The preamble " + ". " * 28 + "212",
            "11.2.1 D column specifiers 213, 11.2.2 Defining new column specifiers 216,",
            "11.2.3 Surprises 217",
            "11.7 Spaces and rules " + ". " * 26 + "230",
            "11.7.1 Spacing 230, 11.7.2 Special variations on horizontal lines 230,",
            "12.5.1 Bottom aligned side footnotes 249, 12.5.2 Setting the layout for",
            "\\sidefootnote 249, 12.5.3 Styling \\sidefootnote 250, 12.5.4 Side footnote",
            "example 251",
        ]
    )
    body = page(["The preamble of a tabular sets its columns, one letter a column, 12 of them at most."])
    _mark_contents([short, second, run_in, body])
    assert [line.text for p in (short, second, run_in, body) for line in p if line.kind == "text"] == [body[0].text]


def test_pdf_watermark_across_the_page_and_a_stamp_up_its_margin_are_not_read(tmp_path: Path):
    """A "CONFIDENTIAL" set at 45 degrees over the body, which pdfium writes inside the lines it
    crosses, and an arXiv stamp set up the left margin: neither is text; the body reads whole."""
    from fpdf import FPDF

    body = [
        "The pump draws water from the well into the tank above the house.",
        "A float switch in the tank stops the pump when the tank is full.",
        "The pressure gauge beside the tank reads the pressure in the pipes.",
        "A filter after the pump keeps sand from the well out of the pipes.",
    ]
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for n, text in enumerate(body):
        pdf.text(72, 380 + 14 * n, text)
    pdf.set_font("Helvetica", style="B", size=60)
    with pdf.rotation(45, 300, 420):
        pdf.text(120, 420, "CONFIDENTIAL")
    pdf.set_font("Times", size=20)
    with pdf.rotation(90, 30, 600):
        pdf.text(30, 600, "arXiv:2101.00001v1 [cs.CL] 1 Jan 2021")
    doc = loaded(tmp_path, "pump.pdf", bytes(pdf.output()))
    content = [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind != "boilerplate"]
    assert content == [" ".join(body)]


def test_pdf_page_set_mostly_at_an_angle_is_read_whole(tmp_path: Path):
    """A landscape table turned on a portrait page: most of the page is set at an angle, and kept."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    with pdf.rotation(90, 300, 420):
        pdf.text(100, 420, "Table 4. The pumps tested, with the head each reached in metres.")
    doc = loaded(tmp_path, "turned.pdf", bytes(pdf.output()))
    assert "The pumps tested" in doc.text


@pytest.mark.parametrize("gap", [5, 12])  # listings' numbersep, 5pt; a wider one, the number a cell of its own
def test_pdf_listing_with_its_lines_numbered_is_code_without_the_numbers(tmp_path: Path, gap: int):
    """LaTeX's listings with numbers=left: each line's number in a small roman face left of the
    code, which pdfium writes at the line's start. The listing is code, shown with its indentation
    and its blank line, without the numbers; numbered steps in a roman face stay a list."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 80, "The program below prints the squares of the first ten numbers:")
    code = [
        (0, "for i in range(1, 11):"),
        (4, "square = i * i"),
        (4, "print(i, square)"),
        (0, ""),
        (0, 'print("done")'),
    ]
    for n, (indent, text) in enumerate(code):  # the fourth line blank, numbered all the same
        pdf.set_font("Courier", size=9)  # 5.4 points a character
        pdf.text(72 + 5.4 * indent, 104 + 12 * n, text)
        pdf.set_font("Helvetica", size=7)
        pdf.text(72 - gap - pdf.get_string_width(str(n + 1)), 104 + 12 * n, str(n + 1))
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 176, "To run it:")
    for n, step in enumerate(["Save it in a file named squares.py.", "Open a terminal.", "Run python3 squares.py."]):
        pdf.text(72, 190 + 14 * n, f"{n + 1} {step}")
    doc = loaded(tmp_path, "squares.pdf", bytes(pdf.output()))
    (listing,) = [s for s in split_sentences(doc) if s.kind == "code"]
    assert listing.display == 'for i in range(1, 11):\n    square = i * i\n    print(i, square)\n\nprint("done")'
    prose = " ".join(s.text for s in split_sentences(doc) if s.kind != "code")
    assert "1 Save it in a file named squares.py." in prose and "3 Run python3 squares.py." in prose


def test_pdf_table_written_cell_by_cell_reads_each_row_with_its_wrapped_cells(tmp_path: Path):
    """LibreOffice and Word export a table row cell by cell, each cell's lines from the top, and
    pdfium gives a row whose cells wrap as lines going back up the page ("Windows" / ">= Windows" /
    "10/Server 2016" / "Tier 1"). Each row is read whole, a row whose first cell does not wrap
    too; a page in two short columns keeps each column's lines."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 80, "The table below lists the support tier of each platform.")
    pdf.set_font("Helvetica", style="B", size=10)
    for x, title in ((72, "Platform"), (180, "Versions"), (300, "Tier")):
        pdf.text(x, 110, title)
    pdf.set_font("Helvetica", size=10)
    rows = [
        (["Windows"], [">= Windows", "10/Server 2016"], ["Tier 1"]),
        (["Windows"], [">= Windows", "8.1/Server 2012"], ["Experimental"]),
        (["GNU/Linux"], ["kernel >= 4.18,", "glibc >= 2.28"], ["Tier 2", "(compiling)"]),
        (["macOS"], [">= 11"], ["Tier 1"]),
        (["AIX", "ppc64be"], [">= 7.2", "TL04"], ["Tier 2"]),
    ]
    y = 130.0
    for cells in rows:
        for x, lines in zip((72, 180, 300), cells, strict=True):  # written a cell at a time
            for n, text in enumerate(lines):
                pdf.text(x, y + 12 * n, text)
        y += 12 * max(len(lines) for lines in cells) + 8
    left = ["The harbour office keeps a table", "of the tides for every day of", "the year, with times and heights."]
    right = ["Skippers are asked to read it", "before they leave the basin at", "night or in fog, as the bar dries."]
    for x, column in ((72, left), (310, right)):  # a column at a time
        for n, text in enumerate(column):
            pdf.text(x, 300 + 12 * n, text)
    doc = loaded(tmp_path, "platforms.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks if b.group == 0] == [
        ("table_header", "Platform | Versions | Tier"),
        ("table_row", "Windows | >= Windows 10/Server 2016 | Tier 1"),
        ("table_row", "Windows | >= Windows 8.1/Server 2012 | Experimental"),
        ("table_row", "GNU/Linux | kernel >= 4.18, glibc >= 2.28 | Tier 2 (compiling)"),
        ("table_row", "macOS | >= 11 | Tier 1"),
        ("table_row", "AIX ppc64be | >= 7.2 TL04 | Tier 2"),
    ]
    prose = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "paragraph"]
    assert " ".join(left) in prose[-2:] and " ".join(right) in prose[-2:]


def test_pdf_bullets_from_a_symbol_font_are_bullets(tmp_path: Path):
    """Word and LibreOffice print a list's bullets from Symbol or Wingdings, which pdfium gives as
    the font's private character (U+F0B7, U+F06C): the lines are a list's items."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("Wingdings", fname=str(documents.named_font(tmp_path / "wingdings.ttf", "Wingdings", "\uf0b7\uf06c")))
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 80, "Gutenprint includes the following primary components:")
    items = ["The core driver library", "A CUPS driver", "An enhanced Print plugin for the GIMP"]
    for n, (mark, item) in enumerate(zip("\uf0b7\uf06c\uf0b7", items, strict=True)):
        pdf.set_font("Wingdings", size=11)
        pdf.text(80, 100 + 16 * n, mark)
        pdf.set_font("Helvetica", size=11)
        pdf.text(98, 100 + 16 * n, item)
    doc = loaded(tmp_path, "components.pdf", bytes(pdf.output()))
    listed = [block_text(doc.text, b).text for b in doc.blocks if b.kind == "list_item"]
    assert listed == items
    bulleted = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "list_item"]
    assert bulleted == [f"\u2022 {item}" for item in items]
    assert not [b for b in doc.blocks if b.kind == "definition"]


def test_pdf_web_page_printed_on_two_pages_loses_the_browsers_header_and_footer(tmp_path: Path):
    """A browser prints the time and the page's title over each page, its address and "1/2" under
    it, smaller than the page's text: on two pages, too few to count a running header by how often
    it comes back, those lines are boilerplate; the page's own lines, alike on both pages, stay."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    for page in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(30, 20, "12/6/26, 11:00 AM Introduction")
        pdf.text(30, 830, f"file:///srv/docs/intro.html {page}/2")
        pdf.set_font("Helvetica", size=12)
        pdf.text(72, 80, "The XSLT C library for GNOME")
        pdf.text(72, 100, f"Libxslt is written in plain C, part {page} of the introduction.")
    doc = loaded(tmp_path, "intro.pdf", bytes(pdf.output()))
    content = [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks if b.kind != "boilerplate"]
    assert not [text for text in content if "11:00 AM" in text or "file:" in text]
    assert sum("The XSLT C library for GNOME" in text for text in content) == 2


def test_pdf_line_displayed_in_the_body_face_inside_a_sentence_reads_in_it(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    opening = [  # a paragraph sets the line spacing
        "Colour management maps the colours a document asks for to those a device can print. Each source",
        "colour space is given a profile, and so is the device; the two are linked into one transform,",
        "which is cached, so that the next object drawn in the same spaces needs no new link. The profiles",
        "of the sources default to those the program ships, and any of them can be replaced on the command",
        "line, as can the device's own profile, for every kind of object or for text, images and graphics",
        "apart. What follows names the options, one to a line, each where the sentence that uses it asks.",
    ]
    lines = [(72, text, 14.8 if n else 0) for n, text in enumerate(opening)] + [
        # x, text, space before: options displayed in the body's face, as Ghostscript's colour manual sets them
        (90, "It is possible to have the program use the profiles above in place of the profiles", 26.1),
        (72, "embedded in the document. This is achieved using", 14.8),
        (90, "-dOverrideICC = true/false", 31.3),
        (72, "which, when set to true, overrides any profile contained in the source document with", 26.6),
        (72, "the default profiles named above, for gray, colour and four-colour sources alike.", 14.8),
        (90, "The directory holding the profiles is set with the next option, and it is searched", 26.1),
        (72, "before the profiles built into the program are looked at, so a copy there wins over", 14.8),
        (72, "the built-in one of the same name. A directory is named on the command line using", 14.8),
        (90, "-sICCProfilesDir = /my/profiles", 31.3),
        (90, "Named colours are looked up in a table of their own, which is set with the option", 36),
        (72, "described in the next section, together with the format that table is written in.", 14.8),
    ]
    y = 100.0
    for x, text, space in lines:
        y += space
        pdf.text(x, y, text)
    doc = loaded(tmp_path, "colour.pdf", bytes(pdf.output()))
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks][1:] == [
        (
            "paragraph",
            "It is possible to have the program use the profiles above in place of the profiles embedded in the "
            "document. This is achieved using -dOverrideICC = true/false which, when set to true, overrides any "
            "profile contained in the source document with the default profiles named above, for gray, colour and "
            "four-colour sources alike.",
        ),
        (
            "paragraph",
            "The directory holding the profiles is set with the next option, and it is searched before the profiles "
            "built into the program are looked at, so a copy there wins over the built-in one of the same name. A "
            "directory is named on the command line using",
        ),
        # the sentence does not go on under it in lower case: the display is left apart
        ("paragraph", "-sICCProfilesDir = /my/profiles"),
        (
            "paragraph",
            "Named colours are looked up in a table of their own, which is set with the option described in the next "
            "section, together with the format that table is written in.",
        ),
    ]


def test_pdf_body_size_is_the_running_texts_not_a_long_appendix_set_small(tmp_path: Path):
    # Four pages of running text at 11 points, each paragraph's first line left open, then two pages
    # of statements set at 9 points that hold more letters than the running text: the appendix's
    # size is not the body's, or each 11-point line left open would read as a heading over the rest.
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    things = "charges oxidation states nuclides brackets bonds arrows operators precipitates".split()
    for page in range(4):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for n in range(6):
            thing = things[(page + n) % len(things)]
            y = 90.0 + 60 * n + 7 * page
            pdf.text(72, y, f"Writing {thing} works in text mode and in math mode alike; in text the en-dash")
            pdf.text(72, y + 14, f"stands for the minus sign of {thing} number {page * 6 + n}.")
    for page in range(2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        for row in range(60):
            pdf.text(72, 60 + 12 * row, f"H{200 + row + 60 * page}: Unstable explosive; keep away from heat.")
    doc = loaded(tmp_path, "manual.pdf", bytes(pdf.output()))
    shown = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks]
    assert shown[0] == (
        "paragraph",
        "Writing charges works in text mode and in math mode alike; in text the en-dash stands for the minus sign of "
        "charges number 0.",
    )
    assert not any(kind == "heading" for kind, _ in shown)


def _justified(pdf: object, x0: float, x1: float, y: float, text: str) -> None:
    """`text` set on one line from x0 to x1, its words spread as a justified line's are."""
    words = text.split()
    widths = [pdf.get_string_width(word) for word in words]  # type: ignore[attr-defined]
    gap = (x1 - x0 - sum(widths)) / (len(words) - 1)
    x = x0
    for word, width in zip(words, widths, strict=True):
        pdf.text(x, y, word)  # type: ignore[attr-defined]
        x += width + gap


def _set_in_under(pdf: object, x0: float, x1: float, y: float, lines: list[str]) -> float:
    """`lines` set under the line at `y` from x0, 12 points apart, justified to x1 but the last;
    where the last stands."""
    for n, line in enumerate(lines):
        y += 12
        if n < len(lines) - 1:
            _justified(pdf, x0, x1, y, line)
        else:
            pdf.text(x0, y, line)  # type: ignore[attr-defined]
    return y


def test_pdf_option_set_with_a_hanging_indent_is_one_paragraph_its_first_line_wrapped_at_the_edge(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left, indent, right = 72.0, 112.0, 524.0
    options = [  # a first line at the margin, justified to the edge, and the lines set in under it
        (
            "--opt-size The compiler will optimize the code it generates towards compact code, possibly at the cost",
            ["of speed."],
        ),
        (
            "--max-nodes Setting this to a high value will result in increased compilation time (and increased",
            [
                "memory use) and better code. Setting it to a lower value speeds up compilation, but does not",
                "optimize as much. The default value is 3000.",
            ],
        ),
        ("--no-peep Do not run the peephole optimizer.", []),
        (
            "--stack-size Sets the size of the stack. The stack is placed after the data of every module so that",
            ["it grows upwards. It defaults to 256 bytes."],
        ),
    ]
    y = 100.0
    for first, rest in options:
        if rest:
            _justified(pdf, left, right, y, first)
        else:
            pdf.text(left, y, first)
        y = _set_in_under(pdf, indent, right, y, rest) + 20
    doc = loaded(tmp_path, "options.pdf", bytes(pdf.output()))
    assert [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks] == [
        " ".join([first, *rest]) for first, rest in options
    ]
    assert "The default value is 3000." in [s.text for s in split_sentences(doc)]


def test_pdf_line_short_of_the_edge_does_not_run_into_the_indented_lines_under_it(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    prose = [  # justified prose: the column's right edge
        "The archiver keeps each member of an archive with its name, its size and the time it was last",
        "changed, and it writes them in the order in which they are given on the command line; a member",
        "named twice is written twice, and the second copy replaces the first when the archive is read",
    ]
    for n, line in enumerate(prose):
        _justified(pdf, 72, 524, 100 + 12 * n, line)
    pdf.text(72, 136, "back again with the extract command.")
    pdf.text(72, 156, "Members are listed one to a line with the list command")  # short of the edge
    pdf.text(112, 168, "archiver --list backup.ar")
    doc = loaded(tmp_path, "archiver.pdf", bytes(pdf.output()))
    assert [" ".join(block_text(doc.text, b).text.split()) for b in doc.blocks] == [
        " ".join([*prose, "back again with the extract command."]),
        "Members are listed one to a line with the list command",
        "archiver --list backup.ar",
    ]


def test_pdf_bold_term_over_a_hanging_description_is_a_definition(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    left, indent, right = 72.0, 112.0, 524.0
    options = [  # a term in bold, its description beside it to the edge and then set in under it
        (
            "--opt-size",
            "The compiler will optimize the code it generates towards compact code, possibly",
            ["at the cost of speed."],
        ),
        (
            "--max-nodes",
            "Setting this to a high value will result in increased compilation time (and increased",
            [
                "memory use) and better code. Setting it to a lower value speeds up compilation, but does not",
                "optimize as much. The default value is 3000.",
            ],
        ),
    ]
    y = 100.0
    for term, first, rest in options:
        pdf.set_font("Helvetica", "B", size=10)
        pdf.text(left, y, term)
        pdf.set_font("Helvetica", size=10)
        _justified(pdf, left + pdf.get_string_width(term + " ") + 3, right, y, first)
        y = _set_in_under(pdf, indent, right, y, rest) + 20
    pdf.set_font("Helvetica", "B", size=10)
    pdf.text(left, y, "Note:")
    pdf.set_font("Helvetica", size=10)
    pdf.text(left + 30, y, "a bold word opening a paragraph without a description set in under it is no term.")
    pdf.set_font("Helvetica", "B", size=10)
    pdf.text(left, y + 20, "A Bold Title")  # bold throughout: a heading, no term
    pdf.set_font("Helvetica", size=10)
    pdf.text(left + 20, y + 32, "Its authors, set in under it, are no description.")
    doc = loaded(tmp_path, "options.pdf", bytes(pdf.output()))
    assert [(b.kind, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks] == [
        *(("definition", f"{term}: " + " ".join([first, *rest])) for term, first, rest in options),
        ("paragraph", "Note: a bold word opening a paragraph without a description set in under it is no term."),
        ("heading", "A Bold Title"),
        ("paragraph", "Its authors, set in under it, are no description."),
    ]
