"""A parsed document: its text, as every span indexes it, and the typed blocks that text is made of.

Every format comes out as one `Document`. `text` is what `source_text()` returns: the file's own
decoded text for .txt and .md, the text written by the extractor for .pdf, .html and .docx. Each
`Block` holds the half-open span of `text` it was cut from, taken as the text was written or read,
never recovered by searching. Kinds:

- heading (`level` 1 is the top; `RUN_IN_LEVEL` for one made by hand in bold): context for what
  follows, never an answer on its own;
- paragraph, code, definition (a term and its description: `cells` holds both spans);
- list_item (`group` names its list, `level` its depth);
- table_row and table_header (`group` names the table, `cells` the span of each cell);
- boilerplate: running headers and footers, page numbers, contents lines, navigation. It stays in
  `text` (the source viewer shows it) and is never a sentence, chunk or quote.

`holes` are spans inside a block that are not its text: markdown markup, or the running footer and
header a paragraph flows past at a page break. `block_text` reads a block without them. `swaps` are
spans read as other text (Markdown's "&auml;" as "ä"). `breaks` are the hyphens a line break put
inside words (nroff's "com-" / "mand"): the text keeps them, as the file has them and citations
quote it, while a sentence is shown, embedded and searched with each such word whole.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field, replace
from typing import Literal

from index.clean import HYPHEN, CleanText

Span = tuple[int, int]
Swap = tuple[int, int, str]
"""A span of the text read as other text: (start, end, what it reads as), as Markdown's character
reference "&auml;" reads "ä"."""
Kind = Literal["heading", "paragraph", "list_item", "table_row", "table_header", "code", "definition", "boilerplate"]

# Kinds whose text is read as answer sentences (headings are context; boilerplate is set aside).
CONTENT_KINDS = frozenset({"paragraph", "list_item", "table_row", "code", "definition"})
# Bump when a parser changes the text or blocks it makes (or what chunking reads of them): the index
# fingerprint includes it, so an index built by an older parser is rebuilt instead of mixing its
# records with new ones (95: TeX's accents composed with their letters in PDFs; 99: a first row over
# a column of dashes alone heads nothing; 96-98 and 100 took back rules measured and not kept; 101:
# Markdown's character references read as the characters they stand for; 102: HTML's loose text
# between blocks the extractor kept is content; 103: plain text's words broken at line ends shown
# whole, its widened spaces read as one; 104: a full stop printed without its space before a
# capitalised function word ends a sentence; 105: a PDF's contents line may end in LaTeX's "??";
# 106: an HTML block that cannot sit in a paragraph closes the <p> left open; 107: a plain-text line
# laid out in columns over a rule heads a table, not a section, and headings read widened spaces
# as one; 108: a PDF's notes set in its outer margin are read apart from the body's sentences;
# 110 took back 109, a rule measured and not kept; 111 to 113 were measured and never committed;
# 114: the labels of a figure a PDF places as a form are set aside and end the paragraph before it;
# 115: an HTML page that sends its reader on at once is skipped, so pages indexed before are read again;
# 116: a PDF's running header found at heights a point apart, an index's leaders before a list of
# pages, and leaders whose page number is read apart are boilerplate; 117: a cover heads nothing
# but its title, a section's number between dashes is its label, an outline's depth printed apart
# takes its level from the depth under it, contents under a running header saying so are contents;
# 118: an index without leaders is boilerplate, and so are short contents and subsections run in;
# a PDF's text set at an angle to its lines, a watermark or a margin's stamp, is left out, a
# listing's line numbers are taken off its code, and code is shown without the holes inside it;
# 119: a PDF table's cells written one after another, as Word and LibreOffice export a row, are read
# on their printed lines, a symbol font's bullets are bullets, and a PDF of two pages loses the
# header and footer a browser prints; a Markdown heading drops the alt text of the logo and badges
# beside its own text; 120: a long code block printing a program's help is read an option at a time;
# 121: so is a shorter one, and a SQL comment heads no entry; 122: plain text's table row runs on
# over a line that starts under its second cell, and a plain-text table of bullets is a list; 123: a
# PDF's line of code keeps two spaces where a column gap parts it; 124: a help listing's section
# label, "Print options:", is no sentence; 125: a plain-text table of options is definitions; 126: a
# manual page saved as text is read as man lays it out, sections, tags and their descriptions, and
# words groff broke at U+2010 are whole; prose with two spaces after its sentences is no table; 127:
# reStructuredText files are read, as their built pages show them; 128: plain text's option lines
# start paragraphs and their descriptions run on in their own column, as a program's help sets them;
# 129: a Sphinx page's source saved as "name.rst.txt" is read as reStructuredText; 130: a PEP or RFC
# role ending a sentence stays inside its span; 131: a manual page is known by the name its header
# and footer end with, also where a long name runs the header's parts together; 132: a document
# opening with a NAME section, a manual page typeset as PDF or HTML, is titled by its name line; 133:
# reStructuredText's grid and simple tables are rows under their headers; 134: a row of an HTML
# table of data is never furniture, whatever its class, so pandoc's and Apache's header rows (<tr
# class="header">) head their tables; OpenDocument text and EPUB books are read; 135 dropped the
# marks of an HTML page's notes and was not kept; 136: an HTML page's own notes are read (docutils'
# <aside class="footnote">, EPUB's <aside epub:type="footnote">), and an EPUB's bare note marks are not;
# 137 and 138 read an HTML paragraph mostly of links as content when it is a sentence with words
# of its own, as one referring to another section is, and were not kept; 139 reads as 136 does;
# 140: in plain text a list's item opens a paragraph after a sentence's end, a sentence set left of
# the indented block above it opens one too, an indented command is no heading, and a table whose
# columns a rule under its header marks out (pandoc's simple and multiline tables) is rows); 141 to
# 146: a listing of prose (a text document in an HTML page's <pre> or a Word file's fixed-pitch
# face) is read as plain text, and in plain text a bulleted line is a list's item ("o" and "?"
# ones indented, as a text browser dumps a page), a numbered question ("2.1. What ...?") heads its
# section at its number's depth, a contents list naming later headings is boilerplate, a run of
# three short lines or more is no headings, and short lines after a sentence left open do not
# run on in it; 147: a blank cell of a table's row written over two lines or more stands after the
# cell before it; 148 to 150: plain text written with a terminal's overstrikes reads as printed, a
# line that ended short for a long next word goes on with it, a listing numbered line by line is
# code, and in PDFs a line displayed in the body's face inside a sentence reads in it; 151:
# nroff's justified plain text shows the words it hyphenated at line ends whole, and a PDF's body
# size is its running text's, not that of an appendix set small over a few pages; 152: a web
# page's code block that the extractor left out between two blocks it kept is kept; 158: in plain
# text, an option's short form with its argument glued on and its long form after a space ("-Mcsecs
# --message-timeout=csecs") and a name with an underscore alone ("BRLTTY_TEXT_TABLE") head the
# description set deeper under them, as a program's help's options do; 160 (159 was measured and
# not kept): in plain text a line underlined after a blank line heads its section, never the rest
# of the list's item above it; 161: a plain-text table's row whose last cell wraps onto the next
# line keeps the blank cells of its later columns after the wrapped text, not inside it.
PARSER_VERSION = 161

# A paragraph or list item whose text is mostly link text is navigation (an HTML page's menus, a
# Markdown README's table of contents of links to its own headings).
LINK_DENSITY = 0.5
# A list item this short (characters, white space left out) that opens with a word outside any
# link is a name and its type ("model <string>", "Returns: <integer>" in Node's docs), not
# navigation, however much of it the links hold.
TYPED_ITEM_CHARS = 60

# A paragraph set wholly in bold, short and without closing punctuation, is a heading the author
# made by hand ("<p><b>Maximum Number Of Columns</b></p>", a Word paragraph in bold type). It is
# one level below the deepest real heading: the next real heading of any level, or the next such
# paragraph, ends its section. One that opens a list's item carries the list's group and heads
# that list's blocks only.
RUN_IN_LEVEL = 7
RUN_IN_WORDS = 12
_YEAR = re.compile(r"(?:19|20)\d\d")
_CLOSING = re.compile(r"[.!?:;,][\"'”’)\]]*$")
# The label of a box set apart from the text ("Note", "Warning"): it heads the box, not what follows it.
_ADMONITIONS = frozenset({"note", "warning", "caution", "important", "tip", "hint", "danger", "attention"})


@dataclass(frozen=True)
class Block:
    """One typed piece of a document; see the module docstring."""

    kind: Kind
    start: int
    end: int
    level: int = 0
    group: int = -1
    cells: tuple[Span, ...] = ()
    holes: tuple[Span, ...] = ()
    swaps: tuple[Swap, ...] = ()
    breaks: tuple[int, ...] = ()


def heads_years(cells: list[str]) -> bool:
    """Whether a table's row heads its columns with years, as a statement of figures does ("2018 |
    2017 | 2016" over its amounts; a unit such as "(Millions)" or nothing in the first column)."""
    years = [cell.strip() for cell in cells[1:] if cell.strip()]
    return len(years) >= 2 and all(_YEAR.fullmatch(year) for year in years)


# A cell that is a figure: an amount, a count, a percentage, a size, or a dash in place of one
# ("1,050", "(1,577)", "$3,000", "12.5%", "64k", "-").
_FIGURE_CELL = re.compile(r"[-–—]|\(?[-+−]?[$€£¥]?\s?\d[\d,. ]*(?:%|[kKMG]i?B?)?\)?")


def heads_figures(rows: list[list[str]]) -> bool:
    """Whether a table's first row heads its columns by what it holds: words in two cells or more
    and no digit, over two rows or more in which some column it heads holds a figure in most rows
    ("Year | Depreciation | Remaining Value" over "1 | 450 | 1050"), as tables drawn without a
    bold or ruled header are read. A column of dashes alone holds no figure, and a first row with a
    figure or a dash over that column is a row like the others ("UK | semihemidemisemiquaver | ...
    | -" over rows ending in "-" and "128tel-Note")."""
    if len(rows) < 3:
        return False
    first = [cell.strip() for cell in rows[0]]
    if sum(1 for cell in first if cell) < 2 or any(ch.isdigit() for cell in first for ch in cell):
        return False
    below = rows[1:]

    def figures(column: int) -> list[str]:
        cells = (row[column].strip() for row in below if column < len(row))
        return [cell for cell in cells if _FIGURE_CELL.fullmatch(cell)]

    return any(
        first[c]
        and not _FIGURE_CELL.fullmatch(first[c])
        and len(found := figures(c)) >= 0.6 * len(below)
        and any(ch.isdigit() for cell in found for ch in cell)
        for c in range(len(first))
    )


def captions_as_paragraphs(blocks: list[Block]) -> list[Block]:
    """`blocks` with each heading made by hand (`RUN_IN_LEVEL`) that a table follows made a
    paragraph again: it is the table's caption ("Table 4.4. List of tools to generate password"),
    which introduces the table's rows, not a section that runs on past the table."""
    out = list(blocks)
    for n, block in enumerate(blocks):
        if block.kind != "heading" or block.level != RUN_IN_LEVEL:
            continue
        following = next((b for b in blocks[n + 1 :] if b.kind != "boilerplate"), None)
        if following is not None and following.kind in ("table_header", "table_row"):
            out[n] = replace(block, kind="paragraph", level=0)
    return out


def reads_as_heading(text: str, most_words: int = RUN_IN_WORDS) -> bool:
    """Whether a line can be a heading: 1 to `most_words` words, opening with a capital or a digit,
    without the punctuation that closes a sentence or leads into what follows."""
    text = " ".join(text.split())
    opens = text[:1].isupper() or text[:1].isdigit()
    return 0 < len(text.split()) <= most_words and opens and not closes(text)


def closes(text: str) -> bool:
    """Whether a text ends with the punctuation that closes a sentence or leads into what follows."""
    return _CLOSING.search(text) is not None


def made_heading(text: str) -> bool:
    """Whether a line set wholly in bold is a heading made by hand: it reads as one and is not an
    admonition's label ("Note", "Warning"), which heads a box, not what follows it."""
    # in bold, "Notes" labels a box too; a real heading "Notes" is a section (see `labels_box`)
    return reads_as_heading(text) and not labels_box(text) and " ".join(text.split()).casefold() != "notes"


def labels_box(text: str) -> bool:
    """Whether a heading is an admonition's label ("Note", "Warning"; DocBook's `<div class="note">
    <h3 class="title">Note</h3>`): it heads a box of a paragraph or two; read as a section, it would
    take in the rest of the page. A section of "Notes" is one."""
    return " ".join(text.split()).rstrip(":").casefold() in _ADMONITIONS


@dataclass
class Document:
    """A file read into text and blocks. `page_starts` (PDFs): offset in `text` where each page
    begins. `title` is the document's real title (metadata, first heading, or a file name that
    reads as a title), "" when it has none."""

    source: str
    sha256: str
    text: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    page_starts: list[int] | None = None
    warnings: list[str] = field(default_factory=list)


def hyphen_joiner(left: str, right: str, vocabulary: set[str], wrapped: bool) -> str:
    """ "" to join a word broken at a line end ("com-" / "mand"), "-" to keep its hyphen: the form
    `vocabulary` (the document's words, case folded) holds; when it holds neither, a `wrapped`
    break before a lower-case letter joins."""
    joined, hyphenated = f"{left}{right}".casefold(), f"{left}-{right}".casefold()
    if joined in vocabulary:
        return ""
    if hyphenated in vocabulary:
        return "-"
    return "" if wrapped and right[:1].islower() else "-"


def block_text(text: str, block: Block) -> CleanText:
    """The block read as text: its lines joined by single spaces (a line ending in a hyphen joins
    the next lower-case line directly, except in code), its holes left out, table cells joined by " | " and a
    definition's term and description by ": ". Every character maps back to `text`."""
    if block.cells:
        separator = ": " if block.kind == "definition" else " | "
        parts = [flatten(text, start, end, block.holes, swaps=block.swaps) for start, end in block.cells]
        return join_clean([p for p in parts if p.text], separator)
    return flatten(text, block.start, block.end, block.holes, joins=block.kind != "code", swaps=block.swaps)


def cell_texts(text: str, block: Block) -> list[str]:
    """The text of each of the block's cells, as `block_text` reads it."""
    return [flatten(text, start, end, block.holes, swaps=block.swaps).text for start, end in block.cells]


def flatten(
    text: str, start: int, end: int, holes: tuple[Span, ...] = (), joins: bool = True, swaps: tuple[Swap, ...] = ()
) -> CleanText:
    """text[start:end] without `holes`, each white space run holding a line break turned into one
    space (none after a line-end hyphen before a lower-case letter, or inside a web address or path
    broken at the line's end, unless `joins` is off: code's "<!--" and "--" end lines before
    lower-case words of their own), ends stripped. Where a hole sat between two letters or digits a
    space stands, so that no two words run together. Each of the `swaps` kept whole reads as its
    text, every character of which maps to the swap's start."""
    out: list[str] = []
    index = array("q")
    gap = ""  # the white space of kept text since the last kept run, holes left out
    for piece_start, piece_end in _pieces(start, end, holes):
        at = piece_start
        for match in _RUN.finditer(text, piece_start, piece_end):
            s, e = match.span()
            if out:
                gap += text[at:s]
                if "\n" in gap:
                    broken = (out[-1].endswith(("-", HYPHEN)) and text[s].islower()) or _url_goes_on(out[-1], text, s)
                    joined = "" if joins and broken else " "
                elif gap:
                    joined = " "
                else:  # only a hole between them
                    joined = " " if out[-1][-1].isalnum() and text[s].isalnum() else ""
                if joined:
                    out.append(joined)
                    index.append(index[-1])
            out.append(text[s:e])
            index.extend(range(s, e))
            gap, at = "", e
        if out:
            gap += text[at:piece_end]
    flat = CleanText("".join(out), index)
    return _swapped(text, flat, swaps) if swaps else flat


def _swapped(text: str, flat: CleanText, swaps: tuple[Swap, ...]) -> CleanText:
    """`flat` with each swap whose text it keeps whole read as the swap's text."""
    by_start = {start: (end, reads) for start, end, reads in swaps}
    out: list[str] = []
    index = array("q")
    at = 0
    while at < len(flat.text):
        raw = flat.raw_index[at]
        end, reads = by_start.get(raw, (raw, ""))
        if end > raw and flat.text.startswith(text[raw:end], at) and flat.raw_index[at + end - raw - 1] == end - 1:
            out.append(reads)
            index.extend([raw] * len(reads))
            at += end - raw
        else:
            out.append(flat.text[at])
            index.append(raw)
            at += 1
    return CleanText("".join(out), index)


# A web address a line ends inside of: after its scheme or "www.", at a character it goes on from
# ("https://www.debian.org/doc/" then "manuals/"; "https://www." then "gnu.org/"), and the line
# after it that goes on with it: a path or a host, with a "/" in it or a ".", "=" or "#" inside
# ("manuals/securing-debian-howto/)", "com/)"; not "site." or "(https://..."). After "#", "?", "="
# or "&", or its bare scheme or "www.", an address always goes on ("devel-manuals#" then "policy.").
_URL_CUT = re.compile(r"(?:^|\s|[(<\[])(?:(?:https?|ftp)://|www\.)(?:\S*?(?:([/._])|[=&?#]))?$")
_URL_REST = re.compile(r"[\w~%](?:[^\s]*/|[^\s]*?[.=#?&][\w~%])")
_URL_WORD = re.compile(r"[\w~%]")


# A path a line ends inside of, after one of its slashes ("/usr/share/doc/" then "PACKAGE/copyright"),
# goes on only where the next line's first word holds a slash too: "/etc/" then "directory" is a
# path and a word.
_PATH_CUT = re.compile(r"(?:^|[\s(<\[])/(?:[\w.+-]+/)+$")
_PATH_REST = re.compile(r"[\w~%][^\s]*/")


def _url_goes_on(line: str, text: str, at: int) -> bool:
    """Whether `line` ends inside a web address or a path that the text at `at` goes on with: a
    typeset document breaks long addresses and paths at line ends, with no hyphen."""
    cut = _URL_CUT.search(line)
    if cut is None:
        return _PATH_CUT.search(line) is not None and _PATH_REST.match(text, at) is not None
    return (_URL_REST if cut.group(1) else _URL_WORD).match(text, at) is not None


# A line's text: non-space runs with the spaces between them, never a line break.
_RUN = re.compile(r"\S+(?:[^\S\n]+\S+)*")


def _pieces(start: int, end: int, holes: tuple[Span, ...]) -> list[Span]:
    """[start, end) without the holes, as spans in order; the spans break at each line end too."""
    pieces, at = [], start
    for hole_start, hole_end in sorted(holes):
        if hole_start > at:
            pieces.append((at, min(hole_start, end)))
        at = max(at, hole_end)
    if at < end:
        pieces.append((at, end))
    return pieces


def join_clean(parts: list[CleanText], separator: str) -> CleanText:
    """Cleaned texts joined by `separator`, which maps to the last character before it."""
    out: list[str] = []
    index = array("q")
    for part in parts:
        if out:
            out.append(separator)
            index.extend([index[-1]] * len(separator))
        out.append(part.text)
        index.extend(part.raw_index)
    return CleanText("".join(out), index)


class TextWriter:
    """Writes a document's text block by block, recording each block's span as it is written.

    Used by the extractors (PDF, HTML, DOCX): blocks are separated by a blank line, so that line
    numbers and paragraphs of the source viewer follow the blocks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.groups = 0

    def new_group(self) -> int:
        self.groups += 1
        return self.groups - 1

    def _write(self, piece: str) -> Span:
        if self.length:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def add(self, kind: Kind, text: str, level: int = 0, group: int = -1) -> Block | None:
        """A block of `text` (white space runs folded to one space; code keeps its lines)."""
        text = text.strip("\n") if kind == "code" else " ".join(text.split())
        if not text.strip():
            return None
        start, end = self._write(text)
        block = Block(kind, start, end, level, group)
        self.blocks.append(block)
        return block

    def add_cells(self, kind: Kind, cells: list[str], group: int = -1) -> Block | None:
        """A table row (cells written with " | " between them) or a definition (term, then its
        description, written with a tab between), each cell's span kept."""
        cleaned = [" ".join(c.split()) for c in cells]
        if not any(cleaned):
            return None
        separator = "\t" if kind == "definition" else " | "
        start, end = self._write(separator.join(cleaned))
        spans, at = [], start
        for cell in cleaned:
            spans.append((at, at + len(cell)))
            at += len(cell) + len(separator)
        block = Block(kind, start, end, 0, group, tuple(spans))
        self.blocks.append(block)
        return block

    @property
    def text(self) -> str:
        return "".join(self.parts)


class ParagraphWriter:
    """A word processor's paragraphs written as blocks, as the Word and OpenDocument readers meet
    them: consecutive code paragraphs are one code block, an empty paragraph between them a blank
    line (LibreOffice writes a program a paragraph a line); a term and the description after it are
    one definition, a term that no description follows a definition alone; list items one after
    another share their list's group. Kinds: those of `Block`, and "term" and "description"."""

    def __init__(self) -> None:
        self.writer = TextWriter()
        self.term: str | None = None
        self.code: list[str] = []
        self.in_list = False
        self.list_group = -1

    def write(self, kind: str, level: int, text: str) -> None:
        if not text.strip():  # an empty paragraph between items keeps the list, between code lines a blank line
            if self.code:
                self.code.append("")
            return
        if kind == "code":
            self.write_term()
            self.code.append(text)
            return
        self.flush()
        if kind != "description":
            self.write_term()
        if kind == "term":
            self.term = text
        elif kind == "description":
            if self.term is not None:
                self.writer.add_cells("definition", [self.term, text])
                self.term = None
            else:
                self.writer.add("paragraph", text)
        elif kind == "list_item":
            if not self.in_list:
                self.list_group = self.writer.new_group()
            self.writer.add("list_item", text, level, self.list_group)
        else:
            self.writer.add(kind, text, level)  # type: ignore[arg-type]
        self.in_list = kind == "list_item"

    def write_term(self) -> None:
        """A term whose description did not follow is a definition of its own."""
        if self.term is not None:
            self.writer.add_cells("definition", [self.term])
            self.term = None

    def flush(self) -> None:
        """Write the code paragraphs read so far as one block."""
        while self.code and not self.code[-1].strip():
            self.code.pop()
        if self.code:
            self.writer.add("code", "\n".join(self.code))
        self.code = []


_GENERIC_STEMS = frozenset(
    """readme index main document doc docs file text notes note draft report article page policy
    manual guide untitled copy final new old test sample example data output""".split()
)


# How an ordered list counts, by CSS's names for the styles (HTML's type="a" and Word's number
# formats are read into these).
ListStyle = Literal[
    "decimal", "decimal-leading-zero", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "none"
]


def list_number(n: int, style: ListStyle = "decimal") -> str:
    """An ordered list's counter as its reader sees it: 3 is "3", "c", "C", "iii" or "III"."""
    if style == "none":
        return ""
    if style in ("lower-alpha", "upper-alpha"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if style == "upper-alpha" else letter
    if style in ("lower-roman", "upper-roman") and n > 0:
        roman = _roman(n)
        return roman if style == "upper-roman" else roman.lower()
    if style == "decimal-leading-zero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    digits = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L")]
    digits += [(40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, numeral in digits:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def title_from_name(source: str) -> str:
    """A file name that reads as a title gives it: words separated by spaces, opening with a
    capital or a digit and holding a capitalised word ("Shirley Temple.txt", "Ed Wood (film).txt",
    "2014 Bahrain Grand Prix.txt"), or one capitalised word ("Animorphs.txt", "Buck-Tick.txt").
    Stems written as identifiers ("report_v2", "policy", "meeting-notes", "README") and names of
    document kinds ("Report", "Notes") are not titles. A name saved from a web page with its
    character references ("Tunnels &amp; Trolls.txt") is read as the page showed it ("Tunnels &
    Trolls")."""
    stem = source.rsplit("/", 1)[-1]
    stem = html.unescape(stem.rsplit(".", 1)[0] if "." in stem else stem)
    if not stem or "_" in stem or not (stem[0].isupper() or stem[0].isdigit()):
        return ""
    words = stem.split()
    if len(words) > 1:
        return stem if any(w[:1].isupper() for w in words) else ""
    if stem.isupper() or stem.casefold() in _GENERIC_STEMS or not _ONE_WORD_TITLE.fullmatch(stem):
        return ""
    return stem


_ONE_WORD_TITLE = re.compile(r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)*(?:-[A-Z][^\W\d_]*)*")
