"""Documents of every format read as typed blocks: boilerplate set aside, sections, tables, lists,
definitions, and spans that hold every quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunking import Sentence, chunk_document, split_sentences
from index.document import Document, block_text, title_from_name
from index.html import _main_content, _Occurrences, _squeezed, _walk
from index.loaders import load, scan
from index.text import quote_in_span
from tests import documents


def loaded(folder: Path, name: str, data: bytes | str) -> Document:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    (file,) = [f for f in scan(folder, 10**8)[0] if f.source == name]
    return load(file)


def shown(sentences: list[Sentence]) -> list[str]:
    return [s.display for s in sentences]


def assert_clean(doc: Document, boilerplate: tuple[str, ...]) -> None:
    """Every sentence's quote verifies against its span, and no sentence or chunk holds boilerplate."""
    sentences = split_sentences(doc)
    assert sentences
    for sentence in sentences:
        assert quote_in_span(sentence.text, doc.text[sentence.start : sentence.end]), sentence
        assert not [b for b in boilerplate if b in sentence.display or b in sentence.text], sentence
    for chunk in chunk_document(doc, 120, 1):
        assert not [b for b in boilerplate if b in chunk.embed_text], chunk.embed_text


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return loaded(tmp_path_factory.mktemp("pdf"), "policy.pdf", documents.policy_pdf())


def test_pdf_running_header_footers_and_contents_are_set_aside(pdf: Document):
    assert_clean(pdf, documents.PDF_BOILERPLATE)
    aside = [pdf.text[b.start : b.end] for b in pdf.blocks if b.kind == "boilerplate"]
    assert aside == [
        "Contents",
        "1 Booking travel . . . . . . . . . . . . . . . . . . . . . 3",
        "2 Hotels . . . . . . . . . . . . . . . . . . . . . . . . . 4",
        "3 Expenses . . . . . . . . . . . . . . . . . . . . . . . . 5",
        "Travel Policy - Internal",
        "Page 3",
        "Travel Policy - Internal",
        "Page 4",
        "Travel Policy - Internal",
        "Page 5",
    ]


def test_pdf_sentence_across_a_page_break_joins_without_footer_or_header(pdf: Document):
    (sentence,) = [s for s in split_sentences(pdf) if s.text.startswith("All bookings")]
    assert sentence.text == f"{documents.LONG_LINE_1} {documents.LONG_LINE_2} before the trip is paid."
    assert pdf.page_starts is not None and sentence.start < pdf.page_starts[3] < sentence.end
    assert "Page 3" in pdf.text[sentence.start : sentence.end]


def test_pdf_word_hyphenated_across_a_page_break_is_written_whole(pdf: Document):
    assert "employee identifier\n" in pdf.text and "iden-" not in pdf.text
    assert "Each booking is recorded with the employee identifier and the cost centre of the trip." in shown(
        split_sentences(pdf)
    )


def test_pdf_compound_broken_at_a_line_end_keeps_its_hyphen(pdf: Document):
    assert "and a well-known\nchain is preferred" in pdf.text


def test_pdf_headings_make_sections_and_the_metadata_the_title(pdf: Document):
    assert pdf.title == "Travel Policy"
    sections = {s.text[:20]: s.section for s in split_sentences(pdf)}
    assert sections == {
        "Issued by the financ": (),
        "Employees book trave": ("1 Booking travel",),
        "All bookings for fli": ("1 Booking travel",),
        "Hotels are booked fo": ("2 Hotels",),
        "The well-known rule ": ("2 Hotels",),
        "Each booking is reco": ("2 Hotels",),
        "Expenses are claimed": ("3 Expenses",),
    }


def test_news_page_keeps_the_article_and_sets_the_site_furniture_aside(tmp_path: Path):
    doc = loaded(tmp_path, "article.html", documents.news_html())
    assert_clean(doc, documents.NEWS_BOILERPLATE)
    assert doc.title == "Rail strike ends after pay deal"
    sentences = split_sentences(doc)
    # The byline, which the extractor leaves out as metadata, stays: who wrote it is asked of a page.
    assert sentences[0].display == "By Jane Smith, transport correspondent"
    intro, first, second = sentences[4:7]
    assert (intro.display, intro.leads) == ("Passengers with tickets for strike days can claim a full refund:", 0)
    assert [(first.kind, first.group), (second.kind, second.group)] == [("list_item", 0), ("list_item", 0)]
    assert first.section == ("What passengers should know",)


def test_manual_page_with_navigation_links_only_is_read_from_its_body(tmp_path: Path):
    doc = loaded(tmp_path, "options.html", documents.manual_html())
    assert_clean(doc, documents.MANUAL_BOILERPLATE)
    assert shown(split_sentences(doc)) == [
        "The checker reads the files named on its command line.",
        "-c, --check: checks the syntax only",
        "-q, --quiet: prints nothing but errors",
    ]
    assert {s.section for s in split_sentences(doc)} == {("2.3 Options",)}


def test_deeply_nested_page_keeps_all_its_text(tmp_path: Path):
    depth = 50_000  # far beyond what lxml reads (it stops at 256)
    page = (
        "<html><head><title>Deep</title></head><body><p>Before the nesting.</p>"
        + "<div>" * depth
        + "<p>Deep inside the nesting.</p>"
        + "</div>" * depth
        + "<p>After the nesting.</p></body></html>"
    )
    doc = loaded(tmp_path, "deep.html", page)
    assert shown(split_sentences(doc)) == ["Before the nesting.", "Deep inside the nesting.", "After the nesting."]


def test_docx_table_rows_carry_their_headers_and_lists_their_introduction(tmp_path: Path):
    doc = loaded(tmp_path, "policy.docx", documents.policy_docx())
    assert doc.title == "Travel policy"
    assert [(s.kind, s.section, s.group, s.leads, s.display) for s in split_sentences(doc)] == [
        ("paragraph", ("1. Hotels",), -1, 0, "Employees may book hotels up to the nightly limits below."),
        ("table_row", ("1. Hotels",), 0, -1, "London, Nightly limit: GBP 240"),
        ("table_row", ("1. Hotels",), 0, -1, "New York, Nightly limit: USD 310"),
        ("table_row", ("1. Hotels",), 0, -1, "Berlin, Nightly limit: EUR 180"),
        ("paragraph", ("2. Approvals",), -1, 1, "Trips abroad need approval from:"),
        ("list_item", ("2. Approvals",), 1, -1, "the line manager, and"),
        ("list_item", ("2. Approvals",), 1, -1, "the finance controller when the trip costs more than EUR 3,000."),
    ]
    row = split_sentences(doc)[2]
    assert row.text == "New York | USD 310" == doc.text[row.start : row.end]


def test_an_example_introduced_by_a_colon_is_led_by_its_introduction(tmp_path: Path):
    text = (
        "# Search\n\nResults can be sorted by relevance as follows:\n\n"
        "```\nSELECT * FROM email WHERE email MATCH 'fts5' ORDER BY rank;\n```\n\n"
        "Queries are case-independent.\n\n```\nSELECT 1;\n```\n"
    )
    sentences = split_sentences(loaded(tmp_path, "search.md", text))
    assert [(s.kind, s.group, s.leads) for s in sentences] == [
        ("paragraph", -1, 0),
        ("code", 0, -1),
        ("paragraph", -1, -1),
        ("code", -1, -1),  # the paragraph before it introduces nothing
    ]


def test_an_example_after_a_sentence_left_open_is_led_by_it(tmp_path: Path):
    text = (
        "# Domains\n\nYou can detect which gettext domains have been installed using\n\n"
        "```\n$ pkg-config --variable=domains iso-codes\n```\n\n"
        "For example,\n\n```\niso_639-2 iso_3166-1\n```\n\n"
        "Version 4.15, released in 2023\n\n```\nmake install\n```\n"
    )
    sentences = split_sentences(loaded(tmp_path, "README.md", text))
    assert [(s.kind, s.group, s.leads) for s in sentences] == [
        ("paragraph", -1, 0),
        ("code", 0, -1),
        ("paragraph", -1, 1),
        ("code", 1, -1),
        ("paragraph", -1, -1),
        ("code", -1, -1),  # a line that ends in a number closes nothing it opened
    ]


def test_a_list_item_ending_in_a_colon_leads_the_code_after_it_and_no_other_item(tmp_path: Path):
    text = (
        "# Sources\n\n- Browse the tree on the web.\n- To check out a local tree use:\n\n"
        "  ```\n  git clone https://example.org/widgets.git\n  ```\n\n- The docs live there too.\n"
    )
    sentences = split_sentences(loaded(tmp_path, "README.md", text))
    items = [(s.kind, s.leads) for s in sentences]
    (code,) = [s for s in sentences if s.kind == "code"]
    assert items == [("list_item", -1), ("list_item", code.group), ("code", -1), ("list_item", -1)]
    assert code.group >= 0


def test_markdown_quotes_read_without_markup_while_spans_index_the_file(tmp_path: Path):
    text = documents.guide_markdown()
    doc = loaded(tmp_path, "guide.md", text)
    assert doc.text == text and doc.title == "Build guide"
    sentences = split_sentences(doc)
    assert [(s.kind, s.section, s.text) for s in sentences] == [
        ("paragraph", (), "The build needs Python 3.11 and make."),
        ("table_row", ("Targets",), "make test | runs the linters and the whole test suite"),
        ("table_row", ("Targets",), "make run | serves the web interface on port 7860"),
        ("paragraph", ("Installing",), "Run the installer once:"),
        ("code", ("Installing",), "make install   # creates .venv"),
        ("paragraph", ("Installing",), "It takes about four minutes on a laptop."),
    ]
    assert sentences[2].display == "make run, What it does: serves the web interface on port 7860"


def test_html_ordered_list_items_start_with_their_numbers_as_a_browser_shows_them(tmp_path: Path):
    page = (
        "<html><body><main><h1>Installing</h1><p>Install the server on a machine of its own as follows.</p>"
        "<ol><li>Download the archive.</li><li><p>Unpack it:</p><ol type='a'><li>into /opt,</li><li>or into"
        " ~/bin.</li></ol></li><li value='7'>Run the installer.</li><li>Restart.</li></ol>"
        "<ol start='3' class='loweralpha'><li>Third.</li></ol><ol reversed><li>Counted down.</li></ol>"
        "<ul><li>A bullet is not numbered.</li></ul></main></body></html>"
    )
    doc = loaded(tmp_path, "install.html", page)
    assert [block_text(doc.text, b).text for b in doc.blocks if b.kind == "list_item"] == [
        "1. Download the archive.",
        "2. Unpack it:",
        "a. into /opt,",
        "b. or into ~/bin.",
        "7. Run the installer.",
        "8. Restart.",
        "c. Third.",
        "Counted down.",  # a reversed list without a start counts down from a length not known yet
        "A bullet is not numbered.",
    ]


def test_html_numbered_item_the_extractor_kept_stays_content():
    # the extractor writes an item without the number the walker writes before it
    walker = _walk("<h1>FAQ</h1><ol><li>Run xslt-config for the flags.</li><li>Quote a parameter twice.</li></ol>")
    main = _squeezed("Run xslt-config for the flags. Quote a parameter twice.").casefold()
    kept = [(b.kind, walker.writer.text[b.start : b.end]) for b in _main_content(walker, main)]
    assert kept == [
        ("heading", "FAQ"),
        ("list_item", "1. Run xslt-config for the flags."),
        ("list_item", "2. Quote a parameter twice."),
    ]


def markdown_sentences(folder: Path, name: str, text: str) -> list[str]:
    """The sentences of a Markdown file as quoted, each checked against the file's text at its span."""
    sentences = split_sentences(loaded(folder, name, text))
    assert all(quote_in_span(s.text, text[s.start : s.end]) for s in sentences)
    return [s.text for s in sentences]


def test_markdown_ordered_item_keeps_its_number_and_a_bullet_is_markup(tmp_path: Path):
    text = "# Steps\n\n1. Download the archive.\n2) [x] Unpack it.\n\n> 3. Run the installer.\n\n- Done.\n"
    assert markdown_sentences(tmp_path, "steps.md", text) == [
        "1. Download the archive.",
        "2) Unpack it.",
        "3. Run the installer.",
        "Done.",
    ]


def test_markdown_alert_label_is_no_text_of_its_quote(tmp_path: Path):
    text = "# Tool\n\n> [!WARNING]\n> Back up the database before upgrading.\n\n> Quoted [!NOTE] stays.\n"
    assert markdown_sentences(tmp_path, "README.md", text) == [
        "Back up the database before upgrading.",
        "Quoted !NOTE stays.",  # a label inside a line is the line's own text
    ]


def test_markdown_code_spans_and_autolinks_keep_their_text(tmp_path: Path):
    # only backticks and an autolink's angle brackets are markup: what they enclose is read as written
    text = (
        "# Notes\n\n"
        "Binaries at <https://example.org/download/> are built nightly.\n\n"
        "Put settings in `*.conf` files, never in `__init__.py`; include `<stdio.h>` first.\n\n"
        "Write to <admin@example.org> with **bold** words.\n\n"
        "| Option | Meaning |\n| --- | --- |\n| `--format csv\\|pdf` | the output format |\n"
    )
    assert markdown_sentences(tmp_path, "notes.md", text) == [
        "Binaries at https://example.org/download/ are built nightly.",
        "Put settings in *.conf files, never in __init__.py; include <stdio.h> first.",
        "Write to admin@example.org with bold words.",
        "--format csv|pdf | the output format",
    ]


def test_markdown_escaped_characters_are_text_and_only_their_backslash_is_markup(tmp_path: Path):
    # pandoc escapes what Markdown would read as markup: "ICECC\\_DEBUG" is the variable ICECC_DEBUG,
    # "\\<target\\>" no tag, "\\*" no emphasis
    text = (
        "# Cross-compiling\n\n"
        "Set ICECC\\_VERSION to \\<native\\_filename\\>(,\\<platform\\>:\\<file\\>)\\* and ICECC\\_DEBUG to debug.\n\n"
        "A list of \\*.tar.gz files, not \\_emphasis\\_, and a real *emphasis*.\n"
    )
    assert markdown_sentences(tmp_path, "cross.md", text) == [
        "Set ICECC_VERSION to <native_filename>(,<platform>:<file>)* and ICECC_DEBUG to debug.",
        "A list of *.tar.gz files, not _emphasis_, and a real emphasis.",
    ]


def test_markdown_character_references_read_as_their_characters_but_in_code(tmp_path: Path):
    # "M&auml;dler" is "Mädler" on the rendered page; in a code span "&amp;" is what is written
    text = (
        "# Calendars\n\n"
        "Von M&auml;dler dropped leap years; use `a &amp;&amp; b` &mdash; not &bogus; references.\n\n"
        "| Setting | Meaning |\n| --- | --- |\n| memory=L&lt;inf | limited &#8364;10 |\n\n"
        "<table><tr><td>K &gt; U</td></tr></table>\n"
    )
    sentences = markdown_sentences(tmp_path, "calendars.md", text)
    assert sentences == [
        "Von Mädler dropped leap years; use a &amp;&amp; b — not &bogus; references.",
        "memory=L<inf | limited €10",
        "K > U",
    ]
    doc = loaded(tmp_path, "calendars.md", text)
    cleaned = block_text(doc.text, next(b for b in doc.blocks if b.kind == "paragraph"))
    at = cleaned.text.index("Mädler")
    start, end = cleaned.to_raw(at, at + len("Mädler"))
    assert text[start:end] == "M&auml;dler"  # spans stay the file's own


def test_markdown_contents_of_in_page_links_and_badges_are_set_aside_and_links_out_are_text(tmp_path: Path):
    text = (
        "# Tool\n\n[![Build Status](https://ci.example.org/badge.svg)](https://ci.example.org)\n\n"
        "- [Install](#install)\n  - [From source](#from-source)\n\n"
        "## Install\n\nRun make install as root.\n{: .warning :}\n\n"
        "Report bugs at <https://example.org/issues>.\n\n"
        "- [Flatpak](https://flatpak.org)\n- `live-restore`: Enables [live restore](https://example.org/lr)\n"
    )
    assert markdown_sentences(tmp_path, "README.md", text) == [
        "Run make install as root.",  # a kramdown attribute list styles the paragraph
        "Report bugs at https://example.org/issues.",
        "Flatpak",  # a list of other projects' pages is what a question may ask for
        "live-restore: Enables live restore",
    ]


def test_markdown_heading_keeps_its_own_text_without_the_alt_text_of_its_logo_and_badges(tmp_path: Path):
    """Slic3r's README is headed by its logo, its name and three build badges: the document is titled
    by the name alone. A heading that is an image alone keeps its alt text (btop's "btop++")."""
    badges = "".join(f" [![Build {n}](https://ci.example.org/{n}.svg)](https://ci.example.org/{n})" for n in "ab")
    doc = loaded(tmp_path, "README.md", f"![](logo.png) Slic3r{badges}\n======\n\n## Usage\n\nRun it.\n")
    assert doc.title == "Slic3r"
    assert [s.section for s in split_sentences(doc)] == [("Usage",)]
    logo = loaded(tmp_path, "btop.md", "# ![btop++](Img/logo.png)\n\n## Index\n\nRead on.\n")
    assert logo.title == "btop++"


def test_plain_text_heading_and_option_lines_are_typed(tmp_path: Path):
    text = (
        "The checker\n\nIt reads the files named on its command line.\n\nOptions\n\n"
        "-c, --check   checks the syntax only\n"
    )
    doc = loaded(tmp_path, "checker.txt", text)
    assert doc.title == "The checker"  # the opening heading titles the document, and is no section
    assert [(s.kind, s.section, s.display) for s in split_sentences(doc)] == [
        ("paragraph", (), "It reads the files named on its command line."),
        ("definition", ("Options",), "-c, --check: checks the syntax only"),
    ]


UNDERLINED = """Public Licence
==============

1. Definitions
--------------

1.1. "Contributor"
    means each person who makes the software.

2. Grants
---------

2.1. Scope

Each contributor grants you a licence to copy the software.

* * *

Written by the licence steward.
"""


def test_plain_text_headings_underlined_with_rules_rank_in_the_order_their_styles_appear(tmp_path: Path):
    doc = loaded(tmp_path, "licence.txt", UNDERLINED)
    blocks = [(b.kind, b.level, block_text(doc.text, b).text) for b in doc.blocks if b.kind != "boilerplate"]
    assert blocks == [
        ("heading", 1, "Public Licence"),
        ("heading", 2, "1. Definitions"),
        ("paragraph", 0, '1.1. "Contributor" means each person who makes the software.'),
        ("heading", 2, "2. Grants"),
        ("heading", 3, "2.1. Scope"),  # standing alone, below every underlined style
        ("paragraph", 0, "Each contributor grants you a licence to copy the software."),
        ("paragraph", 0, "Written by the licence steward."),  # a section break opens no paragraph
    ]
    rules = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "boilerplate"]
    assert rules == ["==============", "--------------", "---------", "* * *"]
    grants = next(s for s in split_sentences(doc) if s.display.startswith("Each contributor"))
    assert grants.section == ("2. Grants", "2.1. Scope")


def test_a_title_overlined_and_underlined_outranks_one_underlined_with_the_same_mark(tmp_path: Path):
    text = "=====\nGuide\n=====\n\nIntroduction\n============\n\nThe guide explains the tool.\n"
    doc = loaded(tmp_path, "guide.txt", text)
    headings = [(b.level, block_text(doc.text, b).text) for b in doc.blocks if b.kind == "heading"]
    assert headings == [(1, "Guide"), (2, "Introduction")]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Shirley Temple.txt", "Shirley Temple"),
        ("Ed Wood (film).txt", "Ed Wood (film)"),
        ("2014 Bahrain Grand Prix.txt", "2014 Bahrain Grand Prix"),
        ("Animorphs.txt", "Animorphs"),
        ("Buck-Tick.txt", "Buck-Tick"),
        ("Tunnels &amp; Trolls.txt", "Tunnels & Trolls"),
        ("AT&T Corporation.txt", "AT&T Corporation"),
        ("policy.docx", ""),
        ("Policy.docx", ""),
        ("report_v2.pdf", ""),
        ("meeting-notes.md", ""),
        ("README.md", ""),
        ("article.html", ""),
        ("000_e2b722ad9ab66247.txt", ""),
    ],
)
def test_only_a_file_name_that_reads_as_a_title_gives_one(name: str, title: str):
    assert title_from_name(name) == title


def test_a_long_section_is_never_chunked_with_the_next(tmp_path: Path):
    first = " ".join(f"Alpha fact number {i} is stated here." for i in range(30))
    second = " ".join(f"Beta fact number {i} is stated here." for i in range(30))
    doc = loaded(tmp_path, "facts.md", f"# Facts\n\n## Alpha\n\n{first}\n\n## Beta\n\n{second}\n")
    for chunk in chunk_document(doc, chunk_words=120, overlap=1):
        assert len({s.section for s in chunk.sentences}) == 1, chunk.text


def test_reference_page_keeps_definitions_whose_terms_hold_inline_markup(tmp_path: Path):
    settings = [
        ("port", "integer", "The TCP port the server listens on; 5432 by default."),
        ("max_connections", "integer", "Determines the maximum number of concurrent connections; typically 100."),
        ("listen_addresses", "string", "Specifies the addresses on which the server listens for connections."),
        ("bonjour", "boolean", "Enables advertising the server's existence via Bonjour; off by default."),
    ]
    entries = "".join(
        f"<dt><code>{name}</code> (<code>{kind}</code>)<a class='headerlink' href='#{name}'>¶</a></dt>"
        f"<dd><p>{text} This parameter can only be set at"
        " server start, in the configuration file or on the command line.</p></dd>"
        for name, kind, text in settings
    )
    page = (
        "<html><head><title>Connection Settings</title></head><body>"
        "<div class='navheader'><a href='a.html'>Prev</a> <a href='b.html'>Next</a></div>"
        "<div class='sect1'><h2>Connection Settings</h2>"
        f"<p>These settings control how clients connect to the server.</p><dl>{entries}</dl></div>"
        "<div class='navfooter'><a href='a.html'>Prev</a> <a href='b.html'>Next</a></div></body></html>"
    )
    doc = loaded(tmp_path, "runtime-config.html", page)
    definitions = [s.display for s in split_sentences(doc) if s.kind == "definition"]
    assert definitions[0].startswith("port (integer): The TCP port the server listens on; 5432 by default.")
    assert len(definitions) == len(settings)


LIMITS_PAGE = """<html><head><title>Limits</title></head><body><h1>Limits In SQLite</h1>
<p>This page lists the limits of the library.</p>
<ol>
<li><p><b>Maximum Number Of Columns</b></p>
<p>The SQLITE_MAX_COLUMN parameter sets an upper bound on:</p>
<ul><li>The number of columns in a table</li><li>The number of columns in an index</li></ul>
<p>The default setting for SQLITE_MAX_COLUMN is 2000.</p>
<p>You can change it at compile time to values as large as 32767.</p></li>
<li><p><b>Maximum Length Of An SQL Statement</b></p>
<p>The maximum number of bytes in the text of an SQL statement is limited to 1000000000.</p></li>
</ol>
<p><b>Table 1. Tools to generate a password</b></p>
<table><tr><th>package</th><th>command</th></tr><tr><td>whois</td><td>mkpasswd</td></tr></table>
<p>After the table, <b>some words in bold</b> and others not.</p>
<p><b>A sentence set wholly in bold.</b></p>
</body></html>"""


def test_a_short_paragraph_wholly_in_bold_heads_what_follows_it(tmp_path: Path):
    sentences = split_sentences(loaded(tmp_path, "limits.html", LIMITS_PAGE))
    section = {s.display: s.section for s in sentences}
    # A list item that opens with a paragraph in bold is headed by it, its number and all, past a
    # list nested in it.
    heads = ("Limits In SQLite", "1. Maximum Number Of Columns")
    assert section["The number of columns in an index"] == heads
    columns = next(s for s in sentences if "32767" in s.display)
    assert (columns.kind, columns.section) == ("list_item", heads)
    assert columns.display.startswith("The default setting for SQLITE_MAX_COLUMN is 2000.")
    statement = next(s for s in sentences if "1000000000" in s.display)
    assert statement.section == ("Limits In SQLite", "2. Maximum Length Of An SQL Statement")
    # A table's caption, its number and all, introduces its rows; it heads nothing after the table.
    caption = next(s for s in sentences if s.display == "Table 1. Tools to generate a password")
    assert caption.kind == "paragraph" and caption.leads >= 0
    assert section["After the table, some words in bold and others not."] == ("Limits In SQLite",)
    assert section["A sentence set wholly in bold."] == ("Limits In SQLite",)  # a sentence, not a heading
    # Outside a list, it heads what follows up to the next heading.
    page = (
        "<h1>Guide</h1><p><strong>Meals abroad</strong></p><p>Dinner is refunded up to EUR 60.</p>"
        "<h2>Taxis</h2><p>Keep the receipt.</p>"
    )
    section = {s.display: s.section for s in split_sentences(loaded(tmp_path / "b", "guide.html", page))}
    assert section == {"Dinner is refunded up to EUR 60.": ("Meals abroad",), "Keep the receipt.": ("Taxis",)}


def test_an_admonition_label_heads_its_box_and_not_the_rest_of_the_page(tmp_path: Path):
    page = (
        "<h1>psql</h1><h2>Usage</h2><p>Variables are set with \\set.</p>"
        '<div class="note"><h3 class="title">Note</h3><p>Names are case-sensitive.</p></div>'
        "<p>Unset them with \\unset.</p><h3>Prompting</h3><p>The prompts can be customized.</p>"
        "<h2>Notes</h2><p>The history is kept per database.</p>"
    )
    sentences = split_sentences(loaded(tmp_path, "psql.html", page))
    assert [(s.display, s.section) for s in sentences] == [
        ("Variables are set with \\set.", ("Usage",)),
        ("Names are case-sensitive.", ("Usage",)),
        ("Unset them with \\unset.", ("Usage",)),
        ("The prompts can be customized.", ("Usage", "Prompting")),
        ("The history is kept per database.", ("Notes",)),  # a section of notes is a section
    ]


def test_a_one_column_table_of_terms_and_their_descriptions_reads_as_definitions(tmp_path: Path):
    # PostgreSQL's function tables: a header cell naming the parts of each cell below, and a cell
    # per function whose first paragraph is its signature.
    page = (
        "<h1>String Functions</h1><p>Details are in the table.</p>"
        '<div class="table"><p class="title"><strong>Table 9.9. String Functions</strong></p>'
        "<table><thead><tr><th><p>Function</p><p>Description</p><p>Example(s)</p></th></tr></thead><tbody>"
        "<tr><td><p>lower ( text ) → text</p><p>Converts the string to all lower case.</p>"
        "<p>lower('TOM') → tom</p></td></tr>"
        "<tr><td><p>Returns the length.</p><p>It counts characters.</p></td></tr>"
        "</tbody></table></div><p>More functions follow.</p>"
    )
    sentences = split_sentences(loaded(tmp_path, "functions.html", page))
    assert [(s.kind, s.display, s.section) for s in sentences] == [
        ("paragraph", "Details are in the table.", ()),
        ("paragraph", "Table 9.9. String Functions", ()),  # the caption, which heads nothing past its table
        ("definition", "lower ( text ) → text: Converts the string to all lower case. lower('TOM') → tom", ()),
        ("paragraph", "Returns the length.", ()),  # a cell opening with a sentence names no term
        ("paragraph", "It counts characters.", ()),
        ("paragraph", "More functions follow.", ()),
    ]


def test_a_sphinx_index_of_terms_and_their_links_is_set_aside(tmp_path: Path):
    page = (
        "<h1>Index</h1><p>The terms of the manual, each with the places it is used.</p>"
        '<h2 id="G">G</h2><table class="indextable genindextable"><tr><td><ul>'
        '<li>GALLERY<ul><li><a href="gammu.html#gallery">gammu command line option</a></li></ul></li>'
        '<li>gammu<ul><li><a href="python/gammu.html">module</a></li></ul></li>'
        "</ul></td></tr></table>"
        "<table><tr><th>Option</th><th>Meaning</th></tr><tr><td>GALLERY</td><td>The picture gallery.</td></tr></table>"
    )
    sentences = split_sentences(loaded(tmp_path, "genindex.html", page))
    assert [s.display for s in sentences] == [
        "The terms of the manual, each with the places it is used.",
        "GALLERY, Meaning: The picture gallery.",
    ]


def test_a_docbook_segmented_list_reads_each_record_as_one_row(tmp_path: Path):
    # aptitude's manual: each option, its default and its description in <div>s of one record
    def seg(title: str, body: str) -> str:
        return f'<div class="seg"><strong><span class="segtitle">{title}: </span></strong>{body}</div>'

    records = [
        ("<code>APT::Get::Purge</code>", "<code>false</code>", "<p>Purge packages when they are removed.</p>"),
        ("<code>Aptitude::Theme</code>", "<code>Vertical-Split</code>", "<p>The theme to load at start.</p>"),
    ]
    items = "".join(
        f'<div class="seglistitem"><a id="o{n}"></a>{seg("Option", o)}{seg("Default", d)}{seg("Description", e)}</div>'
        for n, (o, d, e) in enumerate(records)
    )
    page = (
        f"<h1>Configuration options</h1><p>These options are read at start.</p>"
        f'<div class="segmentedlist">{items}</div><p>Other options belong to apt.</p>'
    )
    sentences = split_sentences(loaded(tmp_path, "options.html", page))
    assert [(s.kind, s.display) for s in sentences] == [
        ("paragraph", "These options are read at start."),
        ("table_row", "Option: APT::Get::Purge | Default: false | Description: Purge packages when they are removed."),
        ("table_row", "Option: Aptitude::Theme | Default: Vertical-Split | Description: The theme to load at start."),
        ("paragraph", "Other options belong to apt."),
    ]


def test_a_docx_paragraph_wholly_in_bold_is_a_heading_under_the_styled_ones(tmp_path: Path):
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Travel policy", style="Title")
    document.add_heading("Expenses", level=1)
    document.add_paragraph().add_run("Meals abroad").bold = True
    document.add_paragraph("Dinner is refunded up to EUR 60 a day.")
    mixed = document.add_paragraph()
    mixed.add_run("Taxis").bold = True
    mixed.add_run(" are refunded with a receipt.")
    out = io.BytesIO()
    document.save(out)
    sentences = split_sentences(loaded(tmp_path, "expenses.docx", out.getvalue()))
    assert [(s.display, s.section) for s in sentences] == [
        ("Dinner is refunded up to EUR 60 a day.", ("Expenses", "Meals abroad")),
        ("Taxis are refunded with a receipt.", ("Expenses", "Meals abroad")),
    ]


SIGNER_PAGE = """<html><head><title>Signing</title></head><body><div class="body"><h1>Signing</h1>
<p>The signing module signs values so that they come back unaltered from an untrusted medium.</p>
<dl class="py class"><dt class="sig" id="Signer"><em class="property">class </em><code>Signer</code>(<em>key=None</em>,
<em>sep=':'</em>)<a class="headerlink" href="#Signer">¶</a></dt>
<dd><p>Returns a signer which uses the key to make signatures and the separator to part them.</p></dd></dl>
<dl class="py class"><dt class="sig" id="TimestampSigner"><em class="property">class </em>
<code>TimestampSigner</code>(<em>key=None</em>, <em>salt=None</em>)
<a class="headerlink" href="#TimestampSigner">¶</a></dt>
<dd><dl class="py method"><dt class="sig"><code>sign</code>(<em>value</em>)</dt>
<dd><p>Signs the value and appends the current timestamp to it.</p></dd></dl>
<dl class="py method"><dt class="sig"><code>unsign</code>(<em>value</em>)</dt>
<dt class="sig"><code>unsign</code>(<em>value</em>, <em>max_age</em>)</dt>
<dd><p>Checks that the value was signed less than max_age seconds ago, else raises an error.</p></dd></dl>
</dd></dl>
<p>Both signers share the same key unless another is given when they are made.</p>
</div></body></html>"""


def test_html_signature_over_nested_method_definitions_keeps_every_term(tmp_path: Path):
    doc = loaded(tmp_path, "signing.html", SIGNER_PAGE)
    assert [block_text(doc.text, b).text for b in doc.blocks if b.kind == "definition"] == [
        "class Signer(key=None, sep=':'): Returns a signer which uses the key to make signatures and the separator "
        "to part them.",
        "class TimestampSigner(key=None, salt=None)",
        "sign(value): Signs the value and appends the current timestamp to it.",
        "unsign(value) unsign(value, max_age): Checks that the value was signed less than max_age seconds ago, "
        "else raises an error.",
    ]


EXAMPLES_PAGE = """<html><head><title>git-reset(1)</title></head><body>
<h2>EXAMPLES</h2>
<div class="dlist"><dl>
<dt class="hdlist1">Undo a commit and redo</dt>
<dd>
<div class="listingblock"><div class="content"><pre><code>$ git commit ...
$ git reset --soft HEAD^      <b>&lt;1&gt;</b></code></pre></div></div>
<div class="colist arabic"><ol><li><p>This is most often done when you remembered what you just committed
is incomplete.</p></li></ol></div>
</dd>
<dt class="hdlist1">--hard</dt>
<dd>
<div class="listingblock"><div class="content"><pre><code>$ git reset --hard HEAD~3</code></pre></div></div>
</dd>
</dl></div>
<h2>DISCUSSION</h2><p>The tables below show what happens.</p>
</body></html>"""


def test_a_term_whose_description_opens_with_code_heads_it_and_its_notes(tmp_path: Path):
    # AsciiDoc writes a manual page's examples so: a title over the commands and the notes on them.
    doc = loaded(tmp_path, "git-reset.html", EXAMPLES_PAGE)
    sentences = split_sentences(doc)
    sections = {s.text: s.section for s in sentences}
    note = "1. This is most often done when you remembered what you just committed is incomplete."
    assert sections[note][-1] == "Undo a commit and redo"
    assert [(s.kind, s.text.split()[0]) for s in sentences if s.kind in ("code", "definition", "list_item")] == [
        ("code", "$"),
        ("list_item", "1."),
        ("definition", "--hard"),
        ("code", "$"),
    ]
    assert sections["The tables below show what happens."][-1] == "DISCUSSION"


def test_a_term_is_written_where_it_stands_whatever_its_description_holds(tmp_path: Path):
    # Sphinx leaves a method's description empty when the text follows the list; Doxygen gives
    # "Parameters" a table; a DocBook contents list stacks terms with no description at all.
    page = """<html><body><h2>Partial parsing</h2>
<dl class="py method"><dt>ArgumentParser.parse_known_args(args=None)</dt><dd></dd></dl>
<p>Sometimes a script may only parse a few of the command-line arguments.</p>
<dl class="params"><dt>Parameters</dt><dd><table class="params">
<tr><td>obj</td><td>the json_object instance</td></tr><tr><td>idx</td><td>the index to get</td></tr>
</table></dd></dl>
<div class="toc"><dl><dt><a href="a.html">The package list</a></dt><dt><a href="b.html">Package details</a></dt>
</dl></div>
<p>Information about packages is presented in several locations.</p>
<ul><li>One item of a list after them.</li></ul></body></html>"""
    doc = loaded(tmp_path, "page.html", page)
    kinds = [(b.kind, doc.text[b.start : b.end].split()[0]) for b in doc.blocks]
    assert kinds == [
        ("heading", "Partial"),
        ("definition", "ArgumentParser.parse_known_args(args=None)"),
        ("paragraph", "Sometimes"),
        ("definition", "Parameters"),
        ("table_row", "obj"),
        ("table_row", "idx"),
        ("boilerplate", "The"),
        ("paragraph", "Information"),
        ("list_item", "One"),
    ]


_INTRO = (
    "<p>\nThe project started as a small group of volunteers and grew over the years into a large community\n"
    "of developers and users who build a free operating system together, release after release,\n"
    "with care for quality and openness in every step of its work.\n</p>\n"
)
_NAV = (
    '<table width="100%" summary="Navigation"><tr><td align="left"><a accesskey="p" href="index.html">Prev</a>'
    '</td><td align="right"><a accesskey="n" href="ch2.html">Next</a></td></tr></table>'
)


def _docbook_section(anchor: str, title: str, body: str) -> str:
    return (
        f'<div class="section"><div class="titlepage"><div><div><h2 class="title"><a id="{anchor}"/>{title}</h2>'
        f"</div></div></div>\n{body}</div>\n"
    )


_NAME = """<p>
The official pronunciation of the name is 'deb ee n'.  The name comes from the names of its
creator and his wife, who chose it together.
</p>"""
# A DocBook chapter: a long section, then a short one just before the navigation footer, which the
# main-content extractor leaves out (it keeps one container).
DOCBOOK_CHAPTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 1. Introduction</title></head><body>
<div class="navheader">{_NAV}<hr/></div>
<div class="chapter"><div class="titlepage"><div><div><h1 class="title"><a id="intro"/>Chapter 1. Introduction</h1>
</div></div></div>
<div class="toc"><p><strong>Table of Contents</strong></p><dl class="toc">
<dt><span class="section"><a href="#start">1.1. In the beginning</a></span></dt>
<dt><span class="section"><a href="#name">1.2. Pronouncing the name</a></span></dt></dl></div>
{_docbook_section("start", "1.1. In the beginning", _INTRO * 5)}
{_docbook_section("name", "1.2. Pronouncing the name", _NAME)}</div>
<div class="navfooter"><hr/>{_NAV}</div>
</body></html>"""


def test_html_section_beside_the_extracted_one_is_kept_and_navigation_is_not(tmp_path: Path):
    doc = loaded(tmp_path, "intro.html", DOCBOOK_CHAPTER)
    content = [block_text(doc.text, b).text for b in doc.blocks if b.kind != "boilerplate"]
    assert "1.2. Pronouncing the name" in content
    said = "The official pronunciation of the name is 'deb ee n'. The name comes from the names of its creator"
    assert [text for text in content if " ".join(text.split()).startswith(said)]
    assert not [text for text in content if "Prev" in text or "Next" in text or "Table of Contents" in text]


def content_of(doc: Document) -> list[tuple[str, str]]:
    """The kind and text of each block that is not boilerplate, in order."""
    return [(b.kind, block_text(doc.text, b).text) for b in doc.blocks if b.kind != "boilerplate"]


SLUGGED_SECTIONS = """<html><head><title>Style guide</title></head><body>
<nav class="navbar"><a href="/">Home</a> <a href="/guide">Guide</a> <a href="/about">About</a></nav>
<main><section id="style-guide"><h1 id="style-guide-title">Style guide</h1>
<p>This guide says how the team writes its code, so that every module reads as if one person wrote it.</p>
<section id="comments"><h2 id="comments-heading">Comments</h2>
<p>Comments explain why the code does something, never what it does; the code already says that.</p>
<p>Write comments as full sentences, with a capital letter and a full stop.</p></section>
<div class="section" id="custom-header-fields"><h2>Custom header fields</h2>
<p>A module that sends requests names each custom header field in capitals, with words joined by hyphens.</p>
</div>
<section id="handling-security-related-bugs"><h2 id="nav-and-menus">Handling security-related bugs</h2>
<p>Report a security-related bug to the security team by private mail before opening a public ticket.</p>
</section></section></main>
<div id="footer">Copyright 2024 The Team. All rights reserved. Contact us at the main office.</div>
</body></html>"""


def test_html_sections_and_headings_whose_ids_read_as_furniture_stay_content(tmp_path: Path):
    """Documentation generators give every heading and section an id made of its title; a title
    holding "comments", "header", "related" or "nav" does not make its section site furniture,
    neither for the walker nor for the extractor. An id on any other element still may."""
    doc = loaded(tmp_path, "style.html", SLUGGED_SECTIONS)
    content = content_of(doc)
    assert content == [
        ("heading", "Style guide"),
        (
            "paragraph",
            "This guide says how the team writes its code, so that every module reads as if one person wrote it.",
        ),
        ("heading", "Comments"),
        ("paragraph", "Comments explain why the code does something, never what it does; the code already says that."),
        ("paragraph", "Write comments as full sentences, with a capital letter and a full stop."),
        ("heading", "Custom header fields"),
        (
            "paragraph",
            "A module that sends requests names each custom header field in capitals, with words joined by hyphens.",
        ),
        ("heading", "Handling security-related bugs"),
        (
            "paragraph",
            "Report a security-related bug to the security team by private mail before opening a public ticket.",
        ),
    ]
    assert "Copyright" not in " ".join(text for _, text in content)


COMPONENT_HEADERS = """<html><head><title>Installing the harbour app</title></head><body>
<header class="site-header"><h1 class="site-title">Harbour News</h1><nav><a href="/">Home</a></nav></header>
<main><article><header class="entry-header"><h1>Installing the harbour app</h1></header>
<p>The harbour app runs on any phone made in the last five years, and it needs no account to start.</p>
<div class="card"><div class="card-header"><h2>Requirements</h2></div>
<div class="card-body"><p>You need a phone with a camera to scan the berth codes at the pontoon gates.</p></div></div>
<table class="table"><thead><tr class="table-header"><th>Plan</th><th>Price</th></tr></thead>
<tbody><tr><td>Basic</td><td>Free</td></tr><tr><td>Skipper</td><td>5 pounds a month</td></tr></tbody></table>
</article></main>
<footer class="site-footer"><p>Copyright Harbour News 2024. All rights reserved.</p></footer></body></html>"""


def test_html_headers_of_an_article_a_card_or_a_table_are_content_and_the_sites_are_not(tmp_path: Path):
    """HTML5's <header> inside an article holds its title; Bootstrap's "card-header" a card's heading,
    a "table-header" row a table's header cells: they are the content's, not the site's."""
    doc = loaded(tmp_path, "app.html", COMPONENT_HEADERS)
    content = content_of(doc)
    assert content == [
        ("heading", "Installing the harbour app"),
        (
            "paragraph",
            "The harbour app runs on any phone made in the last five years, and it needs no account to start.",
        ),
        ("heading", "Requirements"),
        ("paragraph", "You need a phone with a camera to scan the berth codes at the pontoon gates."),
        ("table_header", "Plan | Price"),
        ("table_row", "Basic | Free"),
        ("table_row", "Skipper | 5 pounds a month"),
    ]


def test_html_table_header_rows_of_class_header_head_their_tables(tmp_path: Path):
    """pandoc writes a table's header row as <tr class="header"> (in <thead>), Apache's manual
    without <thead>: a row of a table of data is the table's, whatever its class."""
    page = """<html><body><h1>Log formats</h1><p>The module adds these format strings to the log.</p>
    <table><colgroup><col/><col/></colgroup><thead><tr class="header"><th>Rule</th><th>Behavior</th></tr></thead>
    <tbody><tr class="odd"><td><code>temp?</code></td><td>Excludes one-character extensions of temp.</td></tr>
    </tbody></table>
    <table class="bordered"><tr class="header"><th>Format String</th><th>Description</th></tr>
    <tr><td><code>%I</code></td><td>Bytes received, including request and headers.</td></tr></table>
    </body></html>"""
    rows = [unit for unit in content_of(loaded(tmp_path, "formats.html", page)) if unit[0].startswith("table")]
    assert rows == [
        ("table_header", "Rule | Behavior"),
        ("table_row", "temp? | Excludes one-character extensions of temp."),
        ("table_header", "Format String | Description"),
        ("table_row", "%I | Bytes received, including request and headers."),
    ]


SPHINX_FOOTNOTES = """<html><head><title>Best practices</title></head><body>
<div class="related" role="navigation"><ul><li><a href="index.html">Contents</a></li></ul></div>
<div class="document"><div class="body" role="main"><section id="tarballs"><h1>Pristine source tarballs</h1>
<p>The defining characteristic of a pristine source tarball is that the orig file is byte-for-byte identical to a
tarball officially distributed by the upstream author.<a class="footnote-reference brackets" href="#id4" id="id2"
role="doc-noteref"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span></a> This makes it possible
to use checksums to easily verify that all changes between the packaged version and upstream's are in the diff.</p>
<p>Also, if the original source is huge, people who already have the upstream tarball can save download time when
they want to inspect your packaging in detail, and mirrors can share one copy of the same upstream release.</p>
<aside class="footnote-list brackets"><aside class="footnote brackets" id="id4" role="note">
<span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#id2">1</a>
<span class="fn-bracket">]</span></span><p>We cannot prevent upstream authors from changing the tarball they
distribute without also incrementing the version number.</p></aside></aside>
</section></div></div>
<aside class="sidebar"><p>Sponsored: hosting for your packages, ten percent off this month.</p></aside>
</body></html>"""


def test_html_notes_of_the_text_are_read_and_sidebars_are_not(tmp_path: Path):
    """docutils (Sphinx 5 and later) sets footnotes in <aside class="footnote">, once left out with
    the site's asides; a note is read without its own label ("[1]") and links back."""
    content = content_of(loaded(tmp_path, "practices.html", SPHINX_FOOTNOTES))
    assert content == [
        ("heading", "Pristine source tarballs"),
        (
            "paragraph",
            "The defining characteristic of a pristine source tarball is that the orig file is byte-for-byte "
            "identical to a tarball officially distributed by the upstream author.[1] This makes it possible to use "
            "checksums to easily verify that all changes between the packaged version and upstream's are in the diff.",
        ),
        (
            "paragraph",
            "Also, if the original source is huge, people who already have the upstream tarball can save download "
            "time when they want to inspect your packaging in detail, and mirrors can share one copy of the same "
            "upstream release.",
        ),
        (
            "paragraph",
            "We cannot prevent upstream authors from changing the tarball they distribute without also incrementing "
            "the version number.",
        ),
    ]


def _revision(number: str, date: str, first: str, last: str, changes: list[str]) -> str:
    items = "".join(f"<tr><td>{change}</td></tr>" for change in changes)
    return (
        f'<tr><td align="left">Revision {number}</td><td align="left">{date}</td><td align="left">'
        f'<span class="author"><span class="firstname">{first} </span> <span class="surname">{last}</span></span>'
        f'</td></tr><tr><td align="left" colspan="3"><table border="0" summary="Simple list" class="simplelist">'
        f"{items}</table></td></tr>"
    )


REVISION_HISTORY = f"""<html><head><title>Appendix A. Changelog</title></head><body>
<div class="navheader">{_NAV}<hr/></div>
<div class="appendix"><h1 class="title">Appendix A. Changelog</h1>
<p>{_INTRO * 2}</p>
<div class="revhistory"><table summary="Revision History">
<tr><th colspan="3"><strong>Revision History</strong></th></tr>
{_revision("2-4", "April 2019", "Mira", "Okafor", ["Convert the sources to DocBook XML.", "Drop the old Makefile."])}
{_revision("2-3", "June 2015", "Tomas", "Lindqvist", ["Describe the new firewall defaults.", "Fix broken links."])}
</table></div></div>
<div class="navfooter"><hr/>{_NAV}</div>
</body></html>"""


def test_html_table_stays_whole_when_the_extractor_keeps_part_of_it(tmp_path: Path):
    # trafilatura may keep a revision history's number and date but read its author as a byline
    # and empty that cell (Securing Debian Manual's changelog): the row is content all the same.
    walker = _walk(REVISION_HISTORY)
    kept = {
        " ".join(walker.writer.text[b.start : b.end].split())
        for b in walker.writer.blocks
        if b.kind != "boilerplate" and b.kind != "table_row"
    }
    main = _squeezed(" ".join([*kept, "Revision 2-4", "April 2019", "Revision 2-3", "June 2015"])).casefold()
    rows = [walker.writer.text[b.start : b.end] for b in _main_content(walker, main) if b.kind == "table_row"]
    assert "Revision 2-4 | April 2019 | Mira Okafor" in rows
    assert "Revision 2-3 | June 2015 | Tomas Lindqvist" in rows
    # a row the extractor left out, every cell of it, stays with the rows of its table it kept: a
    # table is one unit (the extractor drops rows of links, or of a name it has read before)
    alone = _squeezed(" ".join([*kept, "Revision 2-4", "April 2019"])).casefold()
    rows = [walker.writer.text[b.start : b.end] for b in _main_content(walker, alone) if b.kind == "table_row"]
    assert "Revision 2-3 | June 2015 | Tomas Lindqvist" in rows
    # a table the extractor left out whole is set aside
    none = _squeezed(" ".join(kept)).casefold()
    rows = [walker.writer.text[b.start : b.end] for b in _main_content(walker, none) if b.kind == "table_row"]
    assert not [row for row in rows if row.startswith("Revision")]


_LINK_TABLE = "".join(
    f'<tr><td><a href="os.html#{name}">os.{name}()</a></td><td><a href="#{name}">Path.{name}()</a></td></tr>'
    for name in ("chmod", "mkdir", "rename", "replace")
)
LINK_TABLE_PAGE = f"""<html><head><title>pathlib</title></head><body><div class="body">
<h1>pathlib</h1><p>{_INTRO * 2}</p>
<table><tr><th>os</th><th>pathlib</th></tr>{_LINK_TABLE}</table>
</div></body></html>"""


def test_html_table_the_extractor_kept_a_third_of_is_kept_whole_and_one_it_barely_kept_is_not():
    walker = _walk(LINK_TABLE_PAGE)
    intro = _squeezed(_INTRO * 2)

    def rows_kept(*names: str) -> list[str]:
        main = _squeezed(" ".join([intro, *(f"os.{n}() Path.{n}()" for n in names)])).casefold()
        return [walker.writer.text[b.start : b.end] for b in _main_content(walker, main) if b.kind == "table_row"]

    # the extractor drops rows made of links: two of the table's five (its header too) kept, the
    # table is content
    assert len(rows_kept("chmod", "mkdir")) == 4
    # one of five: the table may be an index of links (a manual's index), and stays set aside
    assert rows_kept("chmod") == ["os.chmod() | Path.chmod()"]


TEXINFO_DEFINITIONS = """<html><head><title>Primitive Types</title></head><body><h1>Primitive Types</h1>
<p>Libffi provides a number of built-in type descriptors that can be used to describe argument and
return types of the functions that you call through it:</p>
<dl><dt id="a"><span><code>ffi_type_uint8</code><a href="#a" class="copiable-anchor"> &para;</a></span></dt>
<dd><p>An unsigned, 8-bit integer type used for small values in many programs.</p></dd>
<dt id="b"><span><code>ffi_type_sint8</code><a href="#b" class="copiable-anchor"> &para;</a></span></dt>
<dd><p>A signed, 8-bit integer type used for small values in many programs.</p></dd></dl>
<h2 id="os">Pointers<a class="mark" href="#os">#</a></h2>
<p>Each of these is of type ffi_type, so you must take the address when passing to ffi_prep_cif.</p>
</body></html>"""


def test_html_permalink_marks_are_neither_in_terms_nor_in_headings(tmp_path: Path):
    # texinfo 7 puts a "¶" link in each term, Node's docs a "#" link in each heading: the extractor's
    # text leaves "¶" out, so a term holding it was not found there and its definition set aside
    sentences = split_sentences(loaded(tmp_path, "types.html", TEXINFO_DEFINITIONS))
    assert [s.display for s in sentences if s.kind == "definition"] == [
        "ffi_type_uint8: An unsigned, 8-bit integer type used for small values in many programs.",
        "ffi_type_sint8: A signed, 8-bit integer type used for small values in many programs.",
    ]
    assert sentences[-1].section == ("Pointers",)


TYPED_ITEMS = """<html><head><title>OS</title></head><body><main><h2>os.cpus()</h2>
<p>Returns an array of objects containing information about each logical CPU core on the machine.</p>
<p>The properties included on each object include:</p>
<ul><li><code>model</code> <a href="https://developer.mozilla.org/string">&lt;string&gt;</a></li>
<li><code>speed</code> <a href="https://developer.mozilla.org/number">&lt;number&gt;</a> (in MHz)</li></ul>
<ul><li>Returns: <a href="https://developer.mozilla.org/object">&lt;Object[]&gt;</a></li></ul>
<ul><li><a href="os.html">OS</a></li><li><a href="path.html">Path</a> (12)</li></ul>
</main></body></html>"""


def test_html_list_item_whose_type_is_a_link_is_content_and_a_list_of_links_is_not():
    walker = _walk(TYPED_ITEMS)
    kinds = {walker.writer.text[b.start : b.end]: b.kind for b in walker.writer.blocks}
    assert kinds["model <string>"] == kinds["Returns: <Object[]>"] == "list_item"
    assert kinds["OS"] == kinds["Path (12)"] == "boilerplate"


def test_html_list_the_extractor_left_out_of_a_section_it_kept_is_content():
    # trafilatura drops the list of an object's properties, whose types are links (Node's docs)
    walker = _walk(TYPED_ITEMS)
    paragraphs = [b for b in walker.writer.blocks if b.kind == "paragraph"]
    main = _squeezed(" ".join(walker.writer.text[b.start : b.end] for b in paragraphs)).casefold()
    items = [walker.writer.text[b.start : b.end] for b in _main_content(walker, main) if b.kind == "list_item"]
    assert items == ["model <string>", "speed <number> (in MHz)", "Returns: <Object[]>"]


LOOSE_TEXT = """<html><head><title>r.slope - GIS manual</title></head><body>
<h2>DESCRIPTION</h2>
<em>r.slope</em> generates raster maps of slope and aspect from a raster map of true elevation values.
<p>The aspect output raster map indicates the direction that slopes are facing counterclockwise from East.</p>
<div class="code"><pre>r.mapcalc "azimuth = 450 - aspect"</pre></div>
Alternatively, the <b>-n</b> flag can be used to produce aspect as degrees clockwise from North.
<p>Zero aspect indicates flat areas with zero slope, and category files are written too.</p>
Back to top
<h2>NOTES</h2>
<p>The slope output raster map contains slope values in degrees of inclination from the horizontal.</p>
<hr><p><a href="index.html">Main index</a> | <a href="raster.html">Raster index</a></p>
Copyright 2003-2024 by the GRASS Development Team, who write this reference manual.
</body></html>"""


def test_html_loose_text_between_blocks_the_extractor_kept_is_content():
    # an older page writes a section's text straight after its heading or a code block, outside any
    # <p>; the extractor keeps the paragraphs, the code and the headings but drops that text
    walker = _walk(LOOSE_TEXT)
    text = walker.writer.text
    blocks = walker.writer.blocks
    kept = [b for b in blocks if b.kind in ("heading", "code") or text[b.start : b.end].startswith(("The ", "Zero"))]
    main = _squeezed(" ".join(text[b.start : b.end] for b in kept)).casefold()
    kinds = {text[b.start : b.end]: b.kind for b in _main_content(walker, main)}
    after_heading = "r.slope generates raster maps of slope and aspect from a raster map of true elevation values."
    after_code = "Alternatively, the -n flag can be used to produce aspect as degrees clockwise from North."
    assert kinds[after_heading] == kinds[after_code] == "paragraph"
    # short loose text, and loose text after the page's navigation, stay out
    assert kinds["Back to top"] == "boilerplate"
    assert kinds["Copyright 2003-2024 by the GRASS Development Team, who write this reference manual."] == "boilerplate"


def test_html_code_the_extractor_dropped_between_blocks_it_kept_is_content():
    # the extractor keeps an example's caption and the text after it but drops its code; code
    # after the page's navigation stays out
    walker = _walk(
        "<html><body><h2>Filtering while capturing</h2>"
        "<p>Capture filters are written in the libpcap filter language.</p>"
        "<p><b>Example 4.2. Capturing all telnet traffic not from 10.0.0.5</b></p>"
        "<pre>tcp port 23 and not src host 10.0.0.5</pre>"
        "<p>A primitive filters on a host, a network or a port.</p>"
        "<hr><p><a href='index.html'>Main index</a></p><pre>git clone https://example.org/site.git</pre>"
        "</body></html>"
    )
    text = walker.writer.text
    kept = [b for b in walker.writer.blocks if b.kind != "code" and "index" not in text[b.start : b.end]]
    main = _squeezed(" ".join(text[b.start : b.end] for b in kept)).casefold()
    kinds = {text[b.start : b.end]: b.kind for b in _main_content(walker, main)}
    assert kinds["tcp port 23 and not src host 10.0.0.5"] == "code"
    assert kinds["git clone https://example.org/site.git"] == "boilerplate"


def test_html_heading_or_list_closes_the_paragraph_left_open_before_it():
    # HTML 4 pages leave </p> out; a heading, list, table or <div> ends the paragraph all the same
    walker = _walk(
        "<html><body><p>Main memory usage: by default it assumes 500MB.<h3>Memory mode</h3>"
        "The algorithm can run in two modes.<p>Ideally, give the free memory.<ul><li>internal</li></ul>"
        "<p>A note.<div>Set aside by nothing.</div></body></html>"
    )
    text = walker.writer.text
    assert [(b.kind, text[b.start : b.end]) for b in walker.writer.blocks] == [
        ("paragraph", "Main memory usage: by default it assumes 500MB."),
        ("heading", "Memory mode"),
        ("paragraph", "The algorithm can run in two modes."),
        ("paragraph", "Ideally, give the free memory."),
        ("list_item", "internal"),
        ("paragraph", "A note."),
        ("paragraph", "Set aside by nothing."),
    ]


def test_html_index_of_the_extracted_text_answers_as_a_search_of_it():
    # the index replaces a search of the whole extracted text per block (quadratic over a page)
    text = "returns:<integer>pid<integer>theprocessid.returns:<string>ffi_type_uint8¶ünïcode" * 3 + "returns:<int"
    found = _Occurrences(text)
    pieces = {text[i:j] for i in range(0, len(text), 7) for j in range(i, min(len(text), i + 40) + 1)}
    pieces |= {"returns:<integer>returns", "<integer>pid<integer>theprocessid.returns:<object>", "returns:<int>", "x"}
    pieces |= {piece[1:] + "?" for piece in list(pieces)}
    assert {piece: piece in found for piece in pieces} == {piece: piece in text for piece in pieces}


def test_a_code_block_is_shown_with_its_lines_and_quoted_on_one(tmp_path: Path):
    text = (
        "# Build\n\nBuild it with meson:\n\n"
        "```\nmeson _builddir\nmeson compile -C _builddir\n```\n\n"
        "Or in Python:\n\n    def build(path):\n        return run(path)\n\nOne line `make` alone:\n\n    make\n"
    )
    doc = loaded(tmp_path, "build.md", text)
    code = [s for s in split_sentences(doc) if s.kind == "code"]
    assert [(s.text, s.display) for s in code] == [
        ("meson _builddir meson compile -C _builddir", "meson _builddir\nmeson compile -C _builddir"),
        ("def build(path): return run(path)", "def build(path):\n    return run(path)"),
        ("make", "make"),
    ]
    assert all(quote_in_span(s.text, doc.text[s.start : s.end]) for s in code)


def test_a_code_line_ending_in_a_hyphen_is_not_joined_to_the_next_as_a_broken_word(tmp_path: Path):
    code = "<!--\n  use rgb sub-pixel ordering\n-->\nls -\nla"
    text = f"# Config\n\nThe file:\n\n```\n{code}\n```\n\nA long-\nwinded line.\n"
    doc = loaded(tmp_path, "fonts.md", text)
    (code,) = [s.text for s in split_sentences(doc) if s.kind == "code"]
    assert code == "<!-- use rgb sub-pixel ordering --> ls - la"
    assert any(s.text == "A long-winded line." for s in split_sentences(doc))  # prose still joins


def test_each_piece_of_a_listing_too_long_for_one_sentence_is_shown_with_its_lines(tmp_path: Path):
    body = "\n".join(f"    <dir>/srv/fonts/set{n}</dir> <!-- set {n}. -->" for n in range(80))
    doc = loaded(tmp_path, "fonts.md", f"# Fonts\n\nThe file:\n\n```\n<fontconfig>\n{body}\n</fontconfig>\n```\n")
    pieces = [s for s in split_sentences(doc) if s.kind == "code"]
    assert len(pieces) > 1
    assert all("\n" in s.display and s.display.split() == s.text.split() for s in pieces)
    assert all(quote_in_span(s.text, doc.text[s.start : s.end]) for s in pieces)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # a path, a host, a query: the address goes on
        ("see https://www.debian.org/doc/\nmanuals/securing-debian-howto/) for more", "/doc/manuals/securing"),
        ("package DBI (https://CRAN.\nR-project.org/package=DBI) can", "https://CRAN.R-project.org/package=DBI)"),
        ("the FAQ (https://www.tibco.\ncom/) says", "https://www.tibco.com/)"),
        ("(https://\nCRAN.R-project.org/package=gss)", "(https://CRAN.R-project.org/package=gss)"),
        ("read https://www.debian.org/doc/devel-manuals#\npolicy. Then", "devel-manuals#policy. Then"),
        # a path, when the next line's word holds a slash too
        ("in /usr/share/doc/\nPACKAGE/copyright. Then", "in /usr/share/doc/PACKAGE/copyright. Then"),
        ("delete files in /usr/share/doc/\nwithout harm", "/usr/share/doc/ without harm"),
        # a word or another address after it: the line break was a space
        ("keys are on the https://keyring.debian.org/\nsite. It is", "https://keyring.debian.org/ site. It"),
        ("at http://snapshot.debian.org/\n(http://snapshot.debian.org/) too", ".org/ (http://snapshot"),
        ("the paper (https://doi.org/10.1080/x).\nThe next", "/x). The next"),
    ],
)
def test_a_web_address_or_a_path_broken_at_a_line_end_is_written_whole(tmp_path: Path, lines: str, joined: str):
    doc = loaded(tmp_path, "notes.md", f"# Notes\n\nFor details, {lines} here.\n")
    assert joined in " ".join(s.text for s in split_sentences(doc))


_MENU_BOX = """<table width="100%"><tr><td align="center"><b>Main Menu</b></td></tr><tr><td>
<form action="search.php"><input name="query" type="text"/></form>
<ul><li><a href="index.html">Home</a></li><li><a href="news.html">News</a></li>
<li><a href="downloads.html">Downloads</a></li></ul></td></tr></table>"""
TABLE_LAID_OUT = f"""<html><head><title>Downloads</title></head><body>
<table width="100%"><tr><td width="120"><a href="/"><img src="logo.png" alt="Logo"/></a></td>
<td><table><tr><td align="center"><h1>The Widget Library</h1><h2>Downloads</h2></td></tr></table></td></tr></table>
<table width="100%"><tr><td valign="top" width="200">{_MENU_BOX}</td>
<td valign="top"><table><tr><td>
<p>The latest versions of the widget library can be found on the project's file server, with the
checksums of every release beside them.</p>
<h3>Snapshots</h3>
<p>A snapshot of the development tree is made every night and kept for a week.</p>
<pre>git clone https://example.org/widgets.git</pre>
<table><tr><th>Release</th><th>Date</th></tr><tr><td>2.1</td><td>May 2024</td></tr>
<tr><td>2.0</td><td>March 2023</td></tr><tr><td>1.9</td><td>June 2021</td></tr></table>
</td></tr></table></td></tr></table>
</body></html>"""


DOXYGEN_MEMBERS = """<html><body><div class="contents">
<table class="memberdecls">
<tr class="heading"><td colspan="2"><h2 class="groupheader">Typedefs</h2></td></tr>
<tr class="memitem"><td class="memItemLeft">typedef unsigned int&#160;</td>
<td class="memItemRight"><a class="el" href="#dbi">MDB_dbi</a></td></tr>
<tr class="memdesc"><td class="mdescLeft">&#160;</td><td class="mdescRight">A handle for an individual
database in the DB environment. <a href="#details">More...</a><br /></td></tr>
<tr class="separator"><td class="memSeparator" colspan="2">&#160;</td></tr>
<tr class="memitem"><td class="memItemLeft">typedef int()&#160;</td>
<td class="memItemRight"><a class="el" href="#cmp">MDB_cmp_func</a>(const MDB_val *a, const MDB_val *b)</td></tr>
<tr class="memdesc"><td class="mdescLeft">&#160;</td><td class="mdescRight">A callback function used to compare
two keys in a database.</td></tr>
</table>
<h2 class="groupheader">Typedef Documentation</h2>
<h2 class="memtitle"><span class="permalink"><a href="#dbi">&#9670;&nbsp;</a></span>MDB_dbi</h2>
<p>A DB handle is opened with mdb_dbi_open().</p>
</div></body></html>"""


def test_html_table_of_members_keeps_its_headings_names_and_descriptions_together(tmp_path: Path):
    # Doxygen's tables of members: a heading alone in a row heads the rows below it (the table is
    # not one that lays the page out), a member's brief description in the row under it joins its
    # row, and the "More..." link and the "◆" permalink are no text.
    sentences = split_sentences(loaded(tmp_path, "group__mdb.html", DOXYGEN_MEMBERS))
    assert [(s.kind, s.display, s.section) for s in sentences] == [
        (
            "table_row",
            "typedef unsigned int | MDB_dbi A handle for an individual database in the DB environment.",
            ("Typedefs",),
        ),
        (
            "table_row",
            "typedef int() | MDB_cmp_func(const MDB_val *a, const MDB_val *b) A callback function used to compare two "
            "keys in a database.",
            ("Typedefs",),
        ),
        ("paragraph", "A DB handle is opened with mdb_dbi_open().", ("MDB_dbi",)),
    ]


def test_html_page_laid_out_in_tables_is_read_as_its_blocks_and_its_menu_set_aside(tmp_path: Path):
    # Old sites and generated manuals set the page out in tables: a menu cell beside a content
    # cell, headings and paragraphs inside cells. Those tables are containers; a table of data
    # inside the content stays a table.
    doc = loaded(tmp_path, "downloads.html", TABLE_LAID_OUT)
    content = [(b.kind, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks if b.kind != "boilerplate"]
    assert ("heading", "Downloads") in content
    assert ("heading", "Snapshots") in content
    assert ("code", "git clone https://example.org/widgets.git") in content
    paragraphs = [text for kind, text in content if kind == "paragraph"]
    assert paragraphs[0].startswith("The latest versions of the widget library")
    assert "A snapshot of the development tree is made every night and kept for a week." in paragraphs
    assert [text for kind, text in content if kind == "table_row"] == [
        "2.1 | May 2024",
        "2.0 | March 2023",
        "1.9 | June 2021",
    ]
    assert not [text for _, text in content if "Main Menu" in text or "Home" in text]


def _texi2html_bar(names: list[str]) -> str:
    cells = "".join(f'<td>[<a href="#{n}" title="{n}"> {n} </a>]</td><td> &nbsp; </td>' for n in names)
    return f'<table cellpadding="1" cellspacing="1" border="0"><tr>{cells}</tr></table>'


def test_a_texi2html_node_drops_its_bars_of_links_and_keeps_its_indented_examples_as_code(tmp_path: Path):
    # texi2html sets a bar of bracketed links in a table before and after each node, and indents
    # each example as a table row of an empty cell and the example's <pre>.
    page = (
        "<html><head><title>FFTW: 6. Installation</title></head><body>"
        + _texi2html_bar(["&lt;", "&gt;", "Up", "Top", "Contents", "Index", "?"])
        + '<h1 class="chapter">6. Installation and Customization</h1>'
        "<p>To install both the single- and double-precision libraries on the same machine, you would do:</p>"
        '<table><tr><td>&nbsp;</td><td><pre class="example">./configure --enable-type-prefix\nmake\n'
        "make install</pre></td></tr></table>"
        "<p>The names of FFTW functions, data types, and constants remain unchanged!</p>"
        + _texi2html_bar(["&lt;&lt;", "&gt;&gt;", "Top", "Contents"])
        + "<table><tr><th>Flag</th><th>Meaning</th></tr>"
        '<tr><td><a href="#m">FFTW_MEASURE</a></td><td><a href="#e">FFTW_ESTIMATE</a></td>'
        '<td><a href="#w">FFTW_USE_WISDOM</a></td></tr></table>'
        "</body></html>"
    )
    doc = loaded(tmp_path, "fftw_6.html", page)
    content = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks if b.kind != "boilerplate"]
    assert content[:4] == [
        ("heading", "6. Installation and Customization"),
        ("paragraph", "To install both the single- and double-precision libraries on the same machine, you would do:"),
        ("code", "./configure --enable-type-prefix\nmake\nmake install"),
        ("paragraph", "The names of FFTW functions, data types, and constants remain unchanged!"),
    ]
    assert not [text for _, text in content if "Contents" in text or "Up" in text]
    # A table of data whose cells are links stays: it has rows under its header.
    assert [kind for kind, _ in content[4:]] == ["table_header", "table_row"]


def test_html_soft_hyphens_and_zero_width_spaces_neither_cut_words_nor_hide_the_paragraph(tmp_path: Path):
    page = (
        "<html><head><title>Harbour</title></head><body><main><h1>Port&#8203;</h1>"
        "<p>The in&shy;ter&shy;na&shy;tion&shy;al harbour&#8203;master checks every boat that arrives from abroad "
        "before noon.</p></main></body></html>"
    )
    doc = loaded(tmp_path, "port.html", page)
    assert [(b.kind, block_text(doc.text, b).text) for b in doc.blocks] == [
        ("heading", "Port"),
        ("paragraph", "The international harbourmaster checks every boat that arrives from abroad before noon."),
    ]


def test_an_html_statement_of_figures_takes_its_row_of_years_as_the_header(tmp_path: Path):
    page = """<html><body><p>Consolidated Statements of Operations (in millions)</p><table>
    <tr><td></td><td>2017</td><td>2016</td></tr>
    <tr><td>Total net sales</td><td>177,866</td><td>135,987</td></tr>
    <tr><td>Cost of sales</td><td>111,934</td><td>88,265</td></tr>
    </table><table><tr><td>Office</td><td>Leeds</td><td>York</td></tr>
    <tr><td>Opened</td><td>1994</td><td>1998</td></tr></table></body></html>"""
    doc = loaded(tmp_path, "statement.html", page.encode())
    kinds = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks if b.kind.startswith("table")]
    assert kinds[0] == ("table_header", "2017 | 2016")
    shown = {s.display for s in split_sentences(doc)}
    assert "Total net sales, 2017: 177,866, 2016: 135,987" in shown
    # Years in a row that is not the table's first are figures.
    assert ("table_row", "Opened | 1994 | 1998") in kinds


READ_THE_DOCS = """<!DOCTYPE html><html><head><title>3. Zone Files &mdash; Resolver documentation</title></head>
<body class="wy-body-for-nav"><div class="wy-grid-for-nav">
<nav data-toggle="wy-nav-shift" class="wy-nav-side"><div class="wy-side-scroll"><div class="wy-menu wy-menu-vertical">
<ul><li class="toctree-l1"><a class="reference internal" href="chapter1.html">1. Introduction</a></li>
<li class="toctree-l1"><a class="reference internal" href="chapter2.html">2. Resource Requirements</a></li></ul>
</div></div></nav>
<section data-toggle="wy-nav-shift" class="wy-nav-content-wrap"><div class="wy-nav-content"><div class="rst-content">
<div role="navigation" aria-label="Page navigation"><ul class="wy-breadcrumbs"><li><a href="index.html">Home</a></li>
</ul></div>
<div class="document" role="main"><section id="zone-files"><h1>3. Zone Files<a class="headerlink" href="#zone-files"
title="Permalink to this heading">\uf0c1</a></h1>
<p>The resolver reads a single configuration file, which is typically kept in the directory of the server's
other settings and read again whenever the operator asks the server to reload its configuration.</p>
<p>Each zone may be defined as either a primary or a secondary. A primary zone reads its zone data directly
from a file system. A secondary zone obtains its zone data from a primary through a zone transfer, and it
checks the primary again at the interval the zone's refresh value sets.</p>
<p>The default time to live of a record is taken from the zone file's TTL directive when the record does not
name one of its own, and the server refuses to load a zone whose file names no such value at all.</p>
</section></div>
<footer><div role="navigation" aria-label="Footer"><a href="chapter2.html">Previous</a></div>
<p>Built with Sphinx using a theme provided by Read the Docs.</p></footer>
</div></div></section></div></body></html>"""


def test_a_read_the_docs_page_whose_classes_name_its_content_as_navigation_is_read(tmp_path: Path):
    # The theme wraps the whole page in "wy-grid-for-nav" and the text in "wy-nav-content": read by
    # its class names, the page held no text at all.
    doc = loaded(tmp_path, "chapter3.html", READ_THE_DOCS)
    sentences = split_sentences(doc)
    assert sentences[0].display.startswith("The resolver reads a single configuration file")
    assert "A primary zone reads its zone data directly from a file system." in [s.display for s in sentences]
    assert {s.section for s in sentences} == {("3. Zone Files",)}
    assert "\uf0c1" not in doc.text[sentences[0].start :]
    assert not [s for s in sentences if "Introduction" in s.display or "Built with Sphinx" in s.display]


MDBOOK_PAGE = """<html><head><title>Ownership - The Guide</title></head><body>
<nav id="sidebar" class="sidebar"><ol class="chapter"><li><a href="intro.html">Introduction</a></li></ol></nav>
<div id="menu-bar" class="menu-bar"><h1 class="menu-title">The Guide</h1></div>
<main><h2 id="what-is-ownership"><a class="header" href="#what-is-ownership">What Is Ownership?</a></h2>
<p>Ownership is a set of rules that governs how a program manages memory, checked when it is compiled.</p>
<h3 id="rules"><a class="header" href="#rules">The Rules</a><a class="headerlink" href="#rules">\uf0c1</a></h3>
<p>Each value has an owner, there can only be one owner at a time, and the value is dropped with it.</p>
</main></body></html>"""


def test_an_mdbook_heading_set_in_a_link_of_class_header_is_read(tmp_path: Path):
    # "header" names a page's furniture on a container, not on the link a heading's text is set in;
    # a permalink's icon after a heading's text is still no text of it
    sentences = split_sentences(loaded(tmp_path, "ch04.html", MDBOOK_PAGE))
    assert [(s.section, s.display[:28]) for s in sentences] == [
        (("What Is Ownership?",), "Ownership is a set of rules "),
        (("What Is Ownership?", "The Rules"), "Each value has an owner, the"),
    ]


NUMBERED_LISTING = """<html><head><title>Zone files</title></head><body><main><h1>Zone files</h1>
<p>A zone file holds the records of one zone, each on a line of its own, in the order the server reads them
when it loads the zone at start-up or when the operator asks it to reload its configuration.</p>
<p>The following is a complete zone file for the domain example.com, which illustrates common features:</p>
<div class="highlight"><pre><span></span><span class="linenos">1</span>; base zone file for example.com
<span class="linenos">2</span>$TTL 2d    ; default TTL for zone
<span class="linenos">3</span>$ORIGIN example.com. ; base domain-name
</pre></div>
<p>This type of zone file is frequently referred to as a forward-mapped zone file, since it maps domain
names to some other value, while a reverse-mapped zone file maps an address to a domain name.</p>
<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1
2</pre></div></td><td class="code"><div class="highlight"><pre>options {
    directory "/var/cache/bind";</pre></div></td></tr></table>
</main></body></html>"""


def test_html_listing_is_read_without_the_line_numbers_set_before_its_lines(tmp_path: Path):
    doc = loaded(tmp_path, "zones.html", NUMBERED_LISTING)
    assert "; base zone file for example.com\n$TTL 2d    ; default TTL for zone\n$ORIGIN example.com." in doc.text
    assert "1\n2" not in doc.text and "1options" not in doc.text
    # The table Pygments sets a listing's numbers beside it in is laid out: the listing keeps its lines.
    assert 'options {\n    directory "/var/cache/bind";' in doc.text


HANDBOOK_PAGE = """<html><head><title>6.2. apt Commands</title></head><body>
<div class="navheader"><a href="prev.html">Prev</a> <a href="next.html">Next</a></div>
<div class="section"><div class="titlepage"><div><div><h2 class="title">6.2. apt Commands</h2></div></div></div>
<div class="para">APT is a vast project, whose original plans included a graphical interface. It is
based on a library which contains the core application, and apt is the first front end.</div>
<div class="sidebar"><a id="sidebar.apt-clean"></a><div class="titlepage"><div><div><p class="title"><strong>
<span class="emphasis"><em>TIP</em></span> Cleaning the cache</strong></p></div></div></div>
<div class="para">The cache of downloaded package files grows with every upgrade, and apt clean empties
the directory of the files it keeps there.</div></div>
<div class="section"><div class="titlepage"><div><div>
<h3 class="title">6.2.1. Several Distributions</h3></div></div></div>
<div class="para"><code class="command">apt</code> being such a marvelous tool, it is tempting to pick
packages coming from other distributions, after having installed a Stable system.</div>
<div class="para">Even if you will occasionally encounter problems while mixing packages from different
distributions, apt manages such coexistence very well and limits risks very effectively.</div>
<div class="para">The best way to proceed is to list all distributions used in the sources list and to
define your reference distribution with the default release parameter.</div>
<div class="para"><code class="command">debfoster</code> has a more elaborate approach: it maintains a
list of packages that have been explicitly installed and remembers what they depend on.</div>
</div><div class="section"><div class="titlepage"><div><div>
<h3 class="title">6.2.2. Patterns</h3></div></div></div>
<div class="para">Patterns allow you to specify complex search queries to select the packages you want
to install or show, and apt list ?automatic lists the packages installed automatically.</div>
</div></div>
<div class="sidebar"><div class="widget"><h3>Most read</h3><ul><li><a href="/a">Canteen menu</a></li>
<li><a href="/b">Password rules</a></li></ul></div><p>Quarterly all-hands: 28 March, in the Aurora room.</p></div>
</body></html>"""


def test_html_docbook_sidebar_is_a_box_of_the_text_and_a_site_sidebar_is_not(tmp_path: Path):
    # DocBook writes <sidebar> as <div class="sidebar"> over its title page: the Debian
    # Administrator's Handbook's "TIP" and "CULTURE" boxes, 420 in 127 pages, were read as furniture
    doc = loaded(tmp_path, "sect.apt-get.html", HANDBOOK_PAGE)
    kinds = {" ".join(block_text(doc.text, b).text.split()): b.kind for b in doc.blocks}
    assert kinds["TIP Cleaning the cache"] == "heading"
    box = next(s for s in split_sentences(doc) if s.text.startswith("The cache of downloaded"))
    assert box.section[-1] == "TIP Cleaning the cache"
    assert all(kind == "boilerplate" for text, kind in kinds.items() if "Canteen" in text or "all-hands" in text)


NROFF = """     The paranoid_confirmation option asks again before you quit.  To  really
     switch  to  explore mode, you must answer the question; to real-
     ly switch, respond with y.  A command-line switch starts a game in it,
     and the com-
     mand-line switch is -X.  The explore-
     mode  switch keeps no recollec-
     tion of the game.
"""


def test_plain_text_reads_a_word_nroff_broke_at_a_line_end_whole_and_its_widened_spaces_as_one(tmp_path: Path):
    doc = loaded(tmp_path, "guide.txt", NROFF)
    sentences = [s for s in split_sentences(doc)]
    shown = " ".join(s.display for s in sentences)
    text = " ".join(s.text for s in sentences)
    # "really" is written whole elsewhere; "command-line" is written with its hyphen, so it keeps it;
    # "explore-mode" is written nowhere, but both its halves are words: its hyphen stays as printed;
    # "recollec" is no word: nroff, which justified the text, broke "recollection" there
    assert "to really switch, respond with y." in shown
    assert "the command-line switch is -X." in shown
    assert "The explore-mode switch keeps no recollection of the game." in shown
    assert "To really switch to explore mode," in shown
    # the text, which citations quote, keeps the hyphen the file has
    assert "to real-ly switch" in text
    assert all(quote_in_span(s.text, doc.text[s.start : s.end]) for s in sentences)


def test_plain_text_not_justified_keeps_a_line_end_hyphen_it_writes_nowhere_else(tmp_path: Path):
    # Written by hand, not set by nroff: its line-end hyphens are the writer's ("highly-skilled").
    text = "Our team of highly-\nskilled engineers keeps the plan for the long-\nterm future up to date.\n"
    shown = " ".join(s.display for s in split_sentences(loaded(tmp_path, "team.txt", text)))
    assert "Our team of highly-skilled engineers keeps the plan for the long-term future up to date." in shown


SYMBOLS = """Symbols

Each symbol can be set in the configuration file.

             Symbol Name            Description
          -----------------------------------------------------------------
             S_air                  (air)
          _  S_altar                (altar)
          "  S_amulet               (amulet)

11.  Explore mode

Starting a new game in explore mode gives your character a wand of wishing.
"""


def test_plain_text_line_laid_out_in_columns_over_a_rule_heads_a_table_not_the_sections_after_it(tmp_path: Path):
    doc = loaded(tmp_path, "guide.txt", SYMBOLS)
    (wand,) = [s for s in split_sentences(doc) if "wand of wishing" in s.text]
    # underlined, the table's header was a heading above every section after it
    assert wand.section == ("11. Explore mode",)


def test_a_command_set_as_a_paragraph_is_the_example_its_introduction_leads(tmp_path: Path):
    # a README in plain text: each command is a paragraph of its own after the sentence that
    # introduces it
    text = (
        "Debugging\n=========\n\n"
        "The easiest way to debug problems, and to get a debug log for bug\n"
        "reports, is to start the daemon on foreground with debugging\n"
        "enabled:\n\n"
        "wpa_supplicant -c/etc/wpa.conf -iwlan0 -d\n\n"
        "Once the configuration works, the daemon can be left to run on its\n"
        "own, in the background, with its log written to a file of its own:\n\n"
        "./bin/monerod --log-file monerod.log --detach\n\n"
        "The listings of the examples directory are named by the file they\n"
        "come from, each on a line of its own before the listing, like this:\n\n"
        "Filename: src/main.rs\n\n"
        "The notes on the daemon's logs follow, as the daemon writes them to\n"
        "the system log and nowhere else, whatever its configuration says:\n\n"
        "The daemon logs to syslog. It keeps no other log.\n"
    )
    sentences = [s for s in split_sentences(loaded(tmp_path, "README.txt", text)) if s.kind != "heading"]
    (lead, command, run, detach, named, notes, *said) = sentences
    assert lead.leads == command.group >= 0 and run.leads == detach.group >= 0
    assert command.display == "wpa_supplicant -c/etc/wpa.conf -iwlan0 -d"
    # a label and sentences are no command: what introduces them leads nothing
    assert named.leads == notes.leads == -1 and all(s.group < 0 for s in said)
