"""Realistic documents of every format, made in the tests: no binary fixtures are kept.

Each builder returns the file's bytes (or text) and says in its docstring what it holds, so that a
test can name the boilerplate that must never reach a sentence, chunk or quote.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

# Text a reader never wants as an answer, by document; tests check no sentence holds any of it.
PDF_BOILERPLATE = ("Travel Policy - Internal", "Page 3", "Page 4", "Contents", ". . .")
NEWS_BOILERPLATE = ("cookies", "Accept all", "Most read", "Weather", "Subscribe", "Related", "Leave a comment", "©")
MANUAL_BOILERPLATE = ("Next:", "Previous:", "Up:", "Contents", "Index")

LONG_LINE_1 = "All bookings for flights, trains and hotels are made through the travel desk, which keeps"
LONG_LINE_2 = "a record of every trip, its purpose and its cost for the auditors and the finance team"


def policy_pdf() -> bytes:
    """A five-page policy: a title page, a contents page (dot leaders, page numbers), three pages
    of body under a running header ("Travel Policy - Internal") and "Page N" footers. A sentence
    runs from page 3 onto page 4, and the word "identifier" is hyphenated across the break from
    page 4 to page 5; "well-known" is broken at a line end and written with its hyphen elsewhere."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_title("Travel Policy")
    pdf.set_auto_page_break(False)
    pages: list[list[tuple[str, str]]] = [
        [("title", "Travel Policy"), ("body", "Issued by the finance department for all employees.")],
        [
            ("heading", "Contents"),
            ("toc", "1 Booking travel . . . . . . . . . . . . . . . . . . . . . 3"),
            ("toc", "2 Hotels . . . . . . . . . . . . . . . . . . . . . . . . . 4"),
            ("toc", "3 Expenses . . . . . . . . . . . . . . . . . . . . . . . . 5"),
        ],
        [
            ("heading", "1 Booking travel"),
            ("body", "Employees book travel at least two weeks before the trip whenever the"),
            ("body", "dates are known, so that the cheapest fares can be chosen by the desk."),
            ("gap", ""),
            ("body", LONG_LINE_1),
            ("body", LONG_LINE_2),
        ],
        [
            ("body", "before the trip is paid."),
            ("gap", ""),
            ("heading", "2 Hotels"),
            ("body", "Hotels are booked for the nights of the trip only. The well-known rule"),
            ("body", "that a hotel must be within walking distance of the office still holds, and a well-"),
            ("body", "known chain is preferred where it has a hotel near the office we visit, as its"),
            ("body", "rates are agreed in advance. Each booking is recorded with the employee iden-"),
        ],
        [
            ("body", "tifier and the cost centre of the trip."),
            ("gap", ""),
            ("heading", "3 Expenses"),
            ("body", "Expenses are claimed within thirty days of the trip, with every receipt attached."),
        ],
    ]
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        if number > 2:
            pdf.set_font("Helvetica", size=9)
            pdf.text(72, 40, "Travel Policy - Internal")
            pdf.text(280, 810, f"Page {number}")
        y = 90.0
        for kind, text in lines:
            if kind == "gap":
                y += 12
                continue
            size = {"title": 24, "heading": 15}.get(kind, 11)
            pdf.set_font("Helvetica", style="B" if kind in ("title", "heading") else "", size=size)
            y += size * 1.35 if kind in ("title", "heading") else 14
            pdf.text(72, y, text)
            if kind in ("title", "heading"):
                y += 8
    return bytes(pdf.output())


def news_html() -> str:
    """A news article inside a site's furniture: cookie banner, navigation, a sidebar with the
    weather and a most-read list, related-article teasers, a comment form and a footer."""
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Rail strike ends after pay deal | The Daily Example</title>
<meta property="og:title" content="Rail strike ends after pay deal"></head>
<body>
<div id="cookie-consent" class="cookie-banner"><p>We use cookies to personalise content and ads and to analyse
our traffic. <button>Accept all</button> <a href="/privacy">Manage cookies</a></p></div>
<header class="site-header"><a href="/">The Daily Example</a><nav><ul><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>Rail strike ends after pay deal</h1>
<p class="byline">By Jane Smith, transport correspondent</p>
<p>The three-week rail strike ended on Thursday after the union accepted a pay offer of 6 percent over two
years, the transport ministry said.</p>
<p>Trains will run to the normal timetable from Saturday morning, although some early services on
Friday will still be cancelled while crews return to their depots.</p>
<p>The union's general secretary, Tom Baker, said members had voted by a large majority to accept the offer,
which also guarantees that no ticket offices will close before 2026.</p>
<h2>What passengers should know</h2>
<p>Passengers with tickets for strike days can claim a full refund:</p>
<ul><li>online, within 28 days of the journey, or</li><li>at any staffed station ticket office.</li></ul>
<p>Season ticket holders will be compensated automatically in their next renewal, the operators said.</p>
</article>
<section class="related-articles"><h3>Related</h3><ul>
<li><a href="/a">Bus drivers vote on new contract</a></li>
<li><a href="/b">Airport staff plan walkout</a></li></ul></section>
<div class="comments"><h3>Leave a comment</h3><form><textarea></textarea><button>Post</button></form></div>
</main>
<aside class="sidebar"><h3>Weather</h3><p>Sunny, 21 degrees in the capital today.</p><h3>Most read</h3>
<ol><li><a href="/c">Ten best beaches</a></li><li><a href="/d">Prices rise again</a></li></ol></aside>
<footer><p>© 2024 The Daily Example. <a href="/terms">Terms</a> <a href="/subscribe">Subscribe</a></p></footer>
</body></html>"""


def manual_html() -> str:
    """A texinfo-style manual page: navigation paragraphs made only of links above and below, a
    heading, a short paragraph and a table of options as a definition list."""
    navigation = (
        '<p>Next: <a href="Exit-Status.html">Exit Status</a>, Previous: <a href="Invoking.html">Invoking</a>, '
        'Up: <a href="Basics.html">Basics</a> &nbsp; [<a href="index.html#SEC_Contents">Contents</a>]'
        '[<a href="Indexes.html">Index</a>]</p>'
    )
    return f"""<html><head><title>Options (The Checker Manual)</title></head><body>
{navigation}
<hr>
<h4>2.3 Options</h4>
<p>The checker reads the files named on its command line.</p>
<dl>
<dt><code>-c, --check</code></dt><dd><p>checks the syntax only</p></dd>
<dt><code>-q, --quiet</code></dt><dd><p>prints nothing but errors</p></dd>
</dl>
<hr>
{navigation}
</body></html>"""


def policy_docx() -> bytes:
    """The issue's example: a Title, "1. Hotels" with a sentence and a City | Nightly limit table,
    "2. Approvals" with a sentence introducing two bullet items."""
    import docx

    document = docx.Document()
    document.add_paragraph("Travel policy", style="Title")
    document.add_heading("1. Hotels", level=1)
    document.add_paragraph("Employees may book hotels up to the nightly limits below.")
    table = document.add_table(rows=4, cols=2)
    for row, (city, limit) in zip(
        table.rows,
        [("City", "Nightly limit"), ("London", "GBP 240"), ("New York", "USD 310"), ("Berlin", "EUR 180")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = city, limit
    document.add_heading("2. Approvals", level=1)
    document.add_paragraph("Trips abroad need approval from:")
    document.add_paragraph("the line manager, and", style="List Bullet")
    document.add_paragraph("the finance controller when the trip costs more than EUR 3,000.", style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def guide_markdown() -> str:
    """A README-style guide: headings, emphasis and links, a table and a code fence."""
    return """# Build guide

The **build** needs [Python](https://www.python.org) 3.11 and `make`.

## Targets

| Target | What it does |
|--------|--------------|
| `make test` | runs the linters and the whole test suite |
| `make run` | serves the web interface on port 7860 |

## Installing

Run the installer once:

```sh
make install   # creates .venv
```

It takes about *four minutes* on a laptop.
"""


# Text a reader never wants as an answer in the report PDF; tests check no sentence holds any of it.
REPORT_BOILERPLATE = ("Travel Handbook 2024 - Internal", "Page 2", "Page 3")
OFFICES = [
    ("Head office", "Leeds", "08:00-18:00"),
    ("North", "Newcastle", "08:30-17:00"),
    ("Scotland", "Glasgow", "09:00-17:30"),
    ("Wales", "Cardiff", "09:00-17:00"),
    ("Midlands", "Birmingham", "08:00-17:00"),
    ("East", "Norwich", "09:00-16:30"),
    ("South West", "Bristol", "08:30-17:30"),
    ("South", "Southampton", "09:00-17:00"),
    ("London", "London", "07:30-19:00"),
    ("Ireland", "Dublin", "09:00-17:30"),
    ("Netherlands", "Rotterdam", "08:30-17:00"),
    ("Germany", "Hamburg", "08:00-16:30"),
    ("France", "Lyon", "09:00-18:00"),
    ("Spain", "Valencia", "09:00-14:00"),
    ("Italy", "Turin", "08:30-17:30"),
    ("Poland", "Gdansk", "08:00-16:00"),
    ("Sweden", "Malmo", "08:00-16:30"),
    ("Denmark", "Aarhus", "08:00-15:30"),
]


EMERGENCY = [
    ("Region", "Number"),
    ("United Kingdom", "+44 113 496 0000"),
    ("Europe", "+31 10 799 0000"),
    ("Asia", "+81 3 4588 0000"),
]


def report_pdf() -> bytes:
    """A three-page travel handbook under a running header ("Travel Handbook 2024 - Internal") and
    "Page N" footers. Page 1: a ruled table with a bold header row (Vehicle | Rate per kilometre)
    after the sentence that introduces it, and a table without rules, its header row bold (Country |
    Daily allowance | Hotel limit). Page 2: a ruled table of offices (Office | City | Opening hours)
    that runs on to page 3, where its header row is repeated. Page 3: a table in one face, its
    header told only by the rule under it (EMERGENCY: Region | Number)."""
    from fpdf import FPDF

    class Handbook(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.text(72, 40, "Travel Handbook 2024 - Internal")

        def footer(self) -> None:
            self.set_font("Helvetica", size=9)
            self.text(280, 810, f"Page {self.page_no()}")

    pdf = Handbook(format="A4", unit="pt")
    pdf.set_title("Travel Handbook")
    pdf.set_margins(72, 72, 72)
    pdf.set_auto_page_break(True, margin=72)
    pdf.add_page()

    def heading(text: str) -> None:
        pdf.set_font("Helvetica", style="B", size=15)
        pdf.cell(0, 24, text, new_x="LMARGIN", new_y="NEXT")

    def paragraph(text: str) -> None:
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 15, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)

    pdf.set_font("Helvetica", style="B", size=24)
    pdf.cell(0, 40, "Travel Handbook", new_x="LMARGIN", new_y="NEXT")
    heading("1 Mileage")
    paragraph("Staff who drive their own vehicle on business are paid for each kilometre at these rates:")
    pdf.set_font("Helvetica", size=11)
    with pdf.table(width=300, col_widths=(150, 150), align="LEFT", line_height=18) as table:
        for cells in [
            ("Vehicle", "Rate per kilometre"),
            ("Private car", "EUR 0.30"),
            ("Electric car", "EUR 0.25"),
            ("Motorcycle", "EUR 0.20"),
            ("Bicycle", "EUR 0.10"),
        ]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(12)
    heading("2 Daily allowances")
    paragraph("A daily allowance is paid for each full day abroad, and hotels are booked within the limits below.")
    y = pdf.get_y() + 12
    for n, cells in enumerate(
        [
            ("Country", "Daily allowance", "Hotel limit"),
            ("France", "EUR 55", "EUR 160"),
            ("Japan", "JPY 9,000", "JPY 25,000"),
            ("Canada", "CAD 80", "CAD 240"),
            ("Brazil", "BRL 250", "BRL 600"),
        ]
    ):
        pdf.set_font("Helvetica", style="B" if n == 0 else "", size=11)
        for x, cell in zip((72, 220, 360), cells, strict=True):
            pdf.text(x, y, cell)
        y += 16
    pdf.set_y(y + 6)
    paragraph("Allowances are paid with the next salary once the trip report is approved.")
    pdf.add_page()
    heading("3 Offices")
    paragraph("The travel desk can be reached at every office during its opening hours:")
    pdf.ln(400)  # the table starts low on the page and runs on to the next
    pdf.set_font("Helvetica", size=11)
    with pdf.table(width=400, col_widths=(150, 130, 120), align="LEFT", line_height=18, repeat_headings=1) as table:
        for cells in [("Office", "City", "Opening hours"), *OFFICES]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(12)
    paragraph("Outside these hours the emergency line answers on these numbers:")
    y = pdf.get_y() + 4
    pdf.set_line_width(0.8)
    pdf.line(72, y, 372, y)  # a rule above the header, one under it and one under the table, as booktabs sets them
    pdf.set_font("Helvetica", size=11)
    for n, (region, number) in enumerate(EMERGENCY):
        y += 16
        pdf.text(72, y, region)
        pdf.text(220, y, number)
        if n == 0:
            pdf.set_line_width(0.4)
            pdf.line(72, y + 5, 372, y + 5)
            y += 5
    pdf.set_line_width(0.8)
    pdf.line(72, y + 6, 372, y + 6)
    return bytes(pdf.output())


CHAPTERS = ["Installing", "Configuring", "Upgrading", "Removing"]
PAGE_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
CROSSING = (
    "If the machine is restored through the network, the installer and everything it needs to reach "
    "the server must be kept on the first partition."
)


def chapters_pdf(header_shift: float = 0.0, header_above: float = 36.0) -> bytes:
    """A twelve-page manual in four chapters of three pages each, as Apache FOP sets one: a
    chapter's first page opens with its title, larger and bold; over each of its other pages, the
    chapter's title centred at the top edge, at the body's size, three lines' pitch above the body
    (`header_above` points; `header_shift` points lower on even pages, as texinfo's headers sit with
    the glyphs they hold);
    the page number centred at the bottom edge. No header text comes back on more than two pages,
    and paragraphs stand apart by more than a line, so that the median gap between lines is wider
    than their pitch. A paragraph runs from page 5 onto page 6 mid-sentence (CROSSING), across the
    page number and the header."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_title("The Installer Manual")
    pdf.set_auto_page_break(False)
    words = CROSSING.split()
    for number, word in enumerate(PAGE_WORDS, start=1):
        chapter = CHAPTERS[(number - 1) // 3]
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        y = 90.0
        if number % 3 == 1:
            pdf.set_font("Helvetica", style="B", size=18)
            pdf.text(72, y, f"Chapter {(number + 2) // 3}. {chapter}")
            pdf.set_font("Helvetica", size=10)
            y += 36
        else:
            shift = header_shift if number % 2 == 0 else 0.0
            pdf.text(297 - pdf.get_string_width(chapter) / 2, y - header_above + shift, chapter)
        paragraph = [
            f"Page {word} tells what {chapter.lower()} the package does to the files of the system and",
            f"to the settings kept for each user, and which of them {chapter.lower()} leaves as they were",
            "before it ran. The steps below are taken in order, whatever the machine, and each",
            f"is logged with its time and outcome while {chapter.lower()} goes on.",
        ]
        notes = [f"Note {n} of page {word}: the log keeps every line." for n in PAGE_WORDS[:4]]
        if number == 5:
            notes[-1] = " ".join(words[:12])
        if number == 6:
            paragraph = [" ".join(words[12:]), *paragraph[1:]]
        gaps = [12, 12, 12, 20, 22, 24, 26] if number != 6 else [20, 12, 12, 22, 24, 26, 28]
        for line, gap in zip([*paragraph, *notes], [0, *gaps], strict=True):
            y += gap
            pdf.text(72, y, line)
        pdf.text(297 - pdf.get_string_width(str(number)) / 2, 800, str(number))
    return bytes(pdf.output())


def outlined_pdf() -> bytes:
    """A printer guide of one page whose outline (bookmarks) names its sections, as word processors
    and DocBook export them: a title set large, then two section headings set alike, bold and a
    little larger than the text, one right over the other ("1.1) History" over "1.1.1) Early
    years"), and option names at the text's size and face over the paragraph describing each, a
    list item before them saying "- page size;" in the same words as one. Without the outline the
    two headings read as one, and the option names as paragraphs."""
    pdf = _typeset("Printer guide")
    pdf.set_font("Helvetica", style="B", size=18)
    pdf.text(72, 80, "Printer guide")
    lines: list[tuple[str, str, int | None]] = [
        ("1) Introduction", "B14", 0),
        ("This guide covers the options every printer offers, among them:", "", None),
        ("- page size;", "", None),
        ("- media type.", "", None),
        ("1.1) History", "B12", 1),
        ("1.1.1) Early years", "B12", 2),
        ("The driver began in 1999 as a plug-in for one inkjet printer.", "", None),
        ("Page Size", "", 2),
        ("Selects the size of the paper the printer feeds, from A6 to A3.", "", None),
        ("Media Type", "", 2),
        ("Selects the kind of paper or film loaded in the tray.", "", None),
    ]
    y = 110.0
    for text, face, depth in lines:
        style, size = (face[0], float(face[1:])) if face else ("", 11.0)
        pdf.set_font("Helvetica", style=style, size=size)
        if depth is not None:
            pdf.set_y(y - size)
            pdf.start_section(text, level=depth)
        pdf.text(72, y, text)
        y += 16 if face or depth is None else 14
    return bytes(pdf.output())


def _typeset(title: str) -> FPDF:
    """A one-page A4 PDF titled `title`, measured in points, with no automatic page break."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_title(title)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, y: float, text: str) -> None:
    """A heading at the margin, bold and larger than the text; the text's face is set again after it."""
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.text(72, y, text)
    pdf.set_font("Helvetica", size=11)


OPTIONS = [
    ("-a, --append", "adds the files to the end of an existing archive"),
    ("-n, --dry-run", "shows what would be done without changing any file; the report"),
    ("", "lists every file it would have touched"),
    ("-o FILE", "writes the archive to FILE instead of the standard output"),
    ("-s", ""),
    ("--silent", ""),
    ("", "prints nothing but the final count"),
    ("-w, --wait", "waits for the lock on a busy archive"),
]


ENVIRONMENT = [
    ("ARCHIVER_HOME", ["the folder where archives are kept when no path is given"]),
    ("ARCHIVER_LOCK", ["how many seconds to wait for a busy archive; the default", "is thirty seconds"]),
]


SIGNATURES = [
    (["int arc_open (const char *path, int flags,", "struct arc **archive)"], "[Function]", "Opens the archive."),
    (["ARC_MAX_MEMBERS"], "[Constant]", "The most members an archive holds, 65535."),
]


def options_pdf() -> bytes:
    """A manual's page of options (OPTIONS), as texinfo and man pages set them: each term in a
    typewriter face at the margin and its description at a column, beside it or, for stacked terms
    ("-s" then "--silent"), on the line below; one description wraps to a second line. Then two
    environment variables (ENVIRONMENT), each alone on its line, its description indented below.
    Then a library's function and constant as texinfo sets them (SIGNATURES): the signature, its
    category at the right margin, the line it runs on to, and its description indented below."""
    pdf = _typeset("The Archiver Manual")
    _heading(pdf, 90, "2.3 Options")
    pdf.text(72, 120, "The archiver reads the files named on its command line and accepts these options.")
    y = 150.0
    for term, description in OPTIONS:
        if term:
            pdf.set_font("Courier", size=11)
            pdf.text(72, y, term)
        if description:
            pdf.set_font("Helvetica", size=11)
            pdf.text(200, y, description)
        y += 15
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, y + 10, "The exit status is zero when every file was archived.")
    _heading(pdf, y + 50, "2.4 Environment")
    pdf.text(72, y + 80, "Two variables change where and how long the archiver works.")
    y += 110
    for term, description in ENVIRONMENT:
        pdf.set_font("Courier", size=11)
        pdf.text(72, y, term)
        pdf.set_font("Helvetica", size=11)
        for line in description:
            y += 15
            pdf.text(108, y, line)
        y += 18
    _heading(pdf, y + 20, "3 Library")
    y += 50
    for signature, category, description in SIGNATURES:
        pdf.set_font("Courier", size=11)
        pdf.text(72, y, signature[0])
        pdf.set_font("Helvetica", size=11)
        pdf.text(470, y, category)
        for line in signature[1:]:
            y += 13
            pdf.set_font("Courier", size=11)
            pdf.text(140, y, line)
        pdf.set_font("Helvetica", size=11)
        pdf.text(108, y + 14, description)
        y += 36
    return bytes(pdf.output())


CODE_LISTING = [
    "total = 0               # bytes so far",
    "for name in names:      # every file",
    "    total += size(name) # add its size",
    "print(total)            # the sum",
]
LEFT_COLUMN = [
    "The committee met in the spring to review the",
    "plans for the new office. It agreed that the move",
    "should happen in May, after the end of the",
    "financial year, and that every team should move",
    "on the same weekend to keep the disruption short.",
]
RIGHT_COLUMN = [
    "Staff were asked to pack their desks before the",
    "Friday of the move and to label every crate with",
    "their name and their team. Removal firms will",
    "carry the crates over the weekend, and desks will",
    "be ready to use on the Monday morning.",
]


def layouts_pdf() -> bytes:
    """Three pages of layouts that must not be read as tables or definitions. Page 1: a contents
    page whose page numbers stand apart from the titles with no dot leaders. Page 2: two columns of
    prose, each column written after the other as typesetters do, then the same two columns written
    line by line across the page. Page 3: a code listing in a typewriter face with its comments
    aligned in a column, after the sentence that introduces it."""
    pdf = _typeset("Office Move")
    pdf.set_font("Helvetica", style="B", size=24)
    pdf.text(72, 80, "Office Move")
    _heading(pdf, 120, "Contents")
    for n, (title, page) in enumerate([("1 The move", "2"), ("2 The listing", "3"), ("3 Contacts", "3")]):
        pdf.text(72, 150 + 16 * n, title)
        pdf.text(500, 150 + 16 * n, page)
    pdf.add_page()
    _heading(pdf, 90, "1 The move")
    pdf.set_font("Helvetica", size=10)
    for n, line in enumerate(LEFT_COLUMN):
        pdf.text(72, 120 + 14 * n, line)
    for n, line in enumerate(RIGHT_COLUMN):
        pdf.text(310, 120 + 14 * n, line)
    for n, (left, right) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)):
        pdf.text(72, 260 + 14 * n, left)
        pdf.text(310, 260 + 14 * n, right)
    pdf.add_page()
    _heading(pdf, 90, "2 The listing")
    pdf.text(72, 120, "The script below adds up the sizes of the files:")
    pdf.set_font("Courier", size=10)
    for n, line in enumerate(CODE_LISTING):
        pdf.text(90, 145 + 13 * n, line)
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 215, "It prints the sum in bytes.")
    return bytes(pdf.output())


def named_font(path: Path, name: str, extra: str = "") -> Path:
    """Write a TrueType font named `name` (its PostScript name) to `path`: every printable ASCII
    character, and those of `extra`, a box half an em wide, with no flag saying bold or fixed
    pitch, so that only the name tells the face (as with URW's "NimbusMonL-Regu" or TeX's
    "SFBX1200")."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    codes = [*range(32, 127), *map(ord, extra)]
    glyphs = [".notdef", *(f"g{code}" for code in codes)]
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 500))
    pen.lineTo((450, 500))
    pen.lineTo((450, 0))
    pen.closePath()
    box = pen.glyph()
    font = FontBuilder(1000, isTTF=True)
    font.setupGlyphOrder(glyphs)
    font.setupCharacterMap({code: f"g{code}" for code in codes})
    font.setupGlyf(dict.fromkeys(glyphs, box))
    font.setupHorizontalMetrics(dict.fromkeys(glyphs, (500, 50)))
    font.setupHorizontalHeader(ascent=800, descent=-200)
    font.setupNameTable({"familyName": name, "styleName": "Regular", "psName": name})
    font.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    font.setupPost()
    font.save(str(path))
    return path


def raw_pdf(content: str | list[str], fonts: dict[str, str], forms: dict[str, tuple[str, str]] | None = None) -> bytes:
    """An A4 PDF written by hand: `content` its page's content stream (or one for each page), `fonts`
    the standard fonts it names (resource name to base font), `forms` the form XObjects its pages
    may draw (resource name to bounding box and content stream, "0 0 300 150"), for layouts no PDF
    library here writes (a font set at 1 point and scaled by the text matrix, as Acrobat Distiller
    writes text; a figure placed as a form, as LaTeX places an included PDF)."""
    pages = [content] if isinstance(content, str) else content
    forms = forms or {}
    names = list(fonts)
    first_font = 3 + 2 * len(pages)
    first_form = first_font + len(names)
    font_resources = "/Font << " + " ".join(f"/{name} {first_font + n} 0 R" for n, name in enumerate(names)) + " >>"
    form_resources = " ".join(f"/{name} {first_form + n} 0 R" for n, name in enumerate(forms))
    resources = font_resources + (f" /XObject << {form_resources} >>" if forms else "")
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(len(pages)))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>"]
    for n, page in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {resources} >> "
            f"/Contents {4 + 2 * n} 0 R >>"
        )
        objects.append(f"<< /Length {len(page.encode('latin-1'))} >>\nstream\n{page}endstream")
    objects += [f"<< /Type /Font /Subtype /Type1 /BaseFont /{fonts[name]} >>" for name in names]
    for box, stream in forms.values():
        objects.append(
            f"<< /Type /XObject /Subtype /Form /BBox [{box}] /Resources << {font_resources} >> "
            f"/Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}endstream"
        )
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
