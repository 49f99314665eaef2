"""HTML to a Document: the page's body as typed blocks, its main content chosen by trafilatura.

One streaming walker over the standard library's tokenizer reads the body into blocks (headings,
paragraphs, list items, table rows with their header cells, <pre> code, <dt>/<dd> definitions); an
ordered list's item starts with its number as a browser shows it ("3.", "b."; from the list's
start, reversed, type or class, the item's value); a paragraph wholly in <b> or <strong> that
reads as a heading is one (see `index.document`).
It keeps no tree, so its cost is linear in the page's size whatever its nesting depth. It sets
aside what the page's markup names as furniture: <nav>, <header>, <footer>, <aside>, forms,
elements whose role, class or id says navigation, banner, cookie, sidebar, related, comments ...,
and paragraphs made mostly of links ("Next: ..., Previous: ..., Up: ..."). A first pass over the
tags finds the tables that lay the page out rather than hold data (`_TableSeen.lays_out`: a menu
cell beside a content cell, headings inside cells); the walker reads their rows and cells as it
reads <div>s.

trafilatura, the field's standard main-content extractor, then says what of the rest is content:
a block it left out (an unlabelled cookie notice, a teaser list, a byline) is set aside too, and a
heading stays when it kept the heading or the first block under it. DocBook's sidebars (a box titled "TIP"
over its paragraphs) are boxes of the text, not the site's sidebar (`_TITLED_SIDEBAR`). Its own
output is not used as the text: it drops headings and the cells of tables on some pages, while the
walker keeps them.
Where it keeps too little of a page (short reference pages and generated manuals, which it can
mistake for boilerplate) or cannot read it (nested deeper than lxml parses), the body is used as
the walker read it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from html import unescape
from html.parser import HTMLParser

import numpy as np

from index.document import (
    LINK_DENSITY,
    RUN_IN_LEVEL,
    TYPED_ITEM_CHARS,
    Block,
    Document,
    Kind,
    ListStyle,
    TextWriter,
    captions_as_paragraphs,
    closes,
    heads_years,
    labels_box,
    list_number,
    made_heading,
    reads_as_heading,
)

# trafilatura chooses the content when it keeps at least this share of the words the body holds
# once navigation is set aside; below it, the body is used whole (texinfo-style reference pages).
MIN_EXTRACTED_SHARE = 0.25
# When the walker keeps under this share of the words trafilatura finds to be the page's content,
# classes or ids misled it (see `parse_html`).
NAMES_MISLED_SHARE = 0.5
# lxml (under trafilatura) stops reading a page nested deeper than this; such a page is read whole.
LXML_MAX_DEPTH = 255
# A section the extractor left out beside sections it kept is content when it holds this many
# words (a short one is a "See also" line or an empty heading).
MIN_SECTION_WORDS = 20
# A paragraph the extractor left out between two blocks it kept is text all the same when it
# holds this many words or more: older pages write a section's text straight after its heading or
# a code block, outside any <p> (GRASS GIS's manual pages), and the extractor drops such loose
# text. A shorter one ("Back to top") stays out. Over the 296 development pages 132 paragraphs came
# back; every set: doxygen and remote +1, further -1 (bench/README.md).
LOOSE_PROSE_WORDS = 8
# The rows of a table the extractor kept at least this share of are all content; below it the
# table may be an index of links (GNU's maintainers' guide kept 25 of 122).
KEPT_ROWS_SHARE = 1 / 3
# The text of a permalink: a link whose whole text is one of these marks points at the heading or
# term it sits in ("<a class='copiable-anchor'>¶</a>" in texinfo 7, "<a class='mark'>#</a>" in
# Node's docs, "§" and "🔗" elsewhere). It is not text: a heading would read "os.cpus()#", and a
# term would no longer match the extractor's text, which leaves "¶" out (see `_plain`).
# Doxygen's is "◆" before each member's heading.
PERMALINK_MARKS = frozenset({"¶", "#", "§", "🔗", "◆"})
# A link whose whole text is one of these leads on to the rest of what it ends (Doxygen's "More..."
# after a member's brief description): it is not text either.
MORE_LINKS = frozenset({"more...", "more…", "read more", "read more...", "read more…", "continue reading"})

_SKIP = frozenset(
    "script style noscript template svg nav header footer aside form button select iframe object head".split()
)
# The kinds of note an EPUB page sets in an <aside>: the book's text, read where it stands.
_BOOK_NOTE = re.compile(r"(?:^|\s)(?:foot|end|rear)?notes?(?:$|\s)")
# docutils (Sphinx 5 and later) sets a page's footnotes in <aside class="footnote-list"> and
# <aside class="footnote">; DPUB-ARIA names notes by role.
_FOOTNOTE_CLASS = re.compile(r"(?:^|\s)footnote(?:-list)?(?:$|\s)")
_NOTE_ROLES = frozenset({"doc-footnote", "doc-endnote", "doc-endnotes"})
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"})
# Classes and ids that name furniture. Sphinx's general and module indexes are tables of class
# "indextable": terms over the links to where they are used, a page's worth of names that would
# answer any question naming one.
_BOILERPLATE_NAME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|banner|nav|navbar|navigation|nav-panel|navheader|navfooter|menu|"
    r"breadcrumbs?|related|"
    r"share|sharing|social|comments?|footer|header|advert|ads|promo|newsletter|subscribe|popup|widget|"
    r"most-read|trending|headerlink|indextable)(?:$|[\s_-])|sidebar",
    re.IGNORECASE,
)
# The class of a permalink set in a heading after its text, whatever mark it shows ("¶", an icon
# font's private character).
_PERMALINK_CLASS = re.compile(r"(?:^|\s)(?:headerlink|permalink|anchor-?link)(?:$|\s)", re.IGNORECASE)
# The line numbers Pygments sets before each line of a listing (Sphinx's `:linenos:`: " 2$TTL 2d"),
# in their own spans or table cells: the listing is read as written.
_LINE_NUMBERS = re.compile(r"(?:^|\s)linenos?(?:$|\s)")
# The header or footer of a part of the content, not of the site: a card's, a table's, a post's title
# ("card-header", "page-header" of Bootstrap; "entry-header" of WordPress).
_COMPONENT_PART = re.compile(
    r"\b(?:card|panel|table|section|entry|post|article|content|box|accordion|page)[-_](?:header|heading|footer)\b",
    re.IGNORECASE,
)
# Characters a page's text holds that a reader never sees, which would cut its words: soft hyphens
# ("in&shy;ter&shy;na&shy;tion&shy;al"), zero-width spaces (after a permalink), word joiners and a
# stray byte-order mark. The text is ours to make: they are left out of it.
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u2060\ufeff")
# A byline: a short line under a title that says who wrote the page or when.
_BYLINE = re.compile(r"\s*(?:by|posted|published|written|updated|last (?:updated|modified))\b", re.IGNORECASE)
BYLINE_WORDS = 25
_CONTAINERS_NEVER_SKIPPED = frozenset({"html", "body", "main", "article"})
_VOID = frozenset("br hr img meta link input area base col embed param source track wbr lb".split())
# Blocks that hold text: a block opened inside one of them reads as part of its text.
_HOLDERS = frozenset("p li dt dd pre caption figcaption summary address".split()) | {f"h{n}" for n in range(1, 7)}
_CELLS = frozenset("td th tr".split())
# The elements whose start closes a paragraph left open (HTML's parsing rules for <p>; <hr>, which
# closes one too, is void and read as nothing).
_CLOSES_P = frozenset(
    """address article aside blockquote details dialog div dl fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hgroup main menu nav ol p pre section table ul""".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# DocBook's segmented list ("Option: APT::Get::Purge", "Default: false", "Description: ..." in
# aptitude's manual) is a table of records written as <div>s, one class per part: each record is
# read as a table row, so that a field is read with the others of its record, not alone.
_RECORDS = {"segmentedlist": "table", "seglistitem": "tr", "seg": "td"}
# Elements that open a block of their own (their text does not run into the text around them).
_BLOCKS = frozenset(
    "p div section article main li pre blockquote table tr td th dt dd dl ul ol h1 h2 h3 h4 h5 h6 "
    "figure figcaption caption address details summary body".split()
)


@dataclass
class _Frame:
    tag: str
    skip: bool = False
    read_as: str = ""  # the element it is read as, when not its own tag (see `_RECORDS`)
    block: bool = False  # handled as a block: its end tag closes one
    layout: bool = False  # a table read as laying the page out (see `_tables`)
    one_row: bool = False  # a table of one row


@dataclass
class _Row:
    cells: list[str] = field(default_factory=list)
    header: bool = True
    # per cell, the paragraphs it holds ("<td><p>lower ( text ) → text</p><p>Converts ...</p>")
    paragraphs: list[list[str]] = field(default_factory=list)
    heading: int = 0  # the level of a heading one of its cells holds
    linked: list[bool] = field(default_factory=list)  # per cell, whether its text is all links

    @property
    def navigates(self) -> bool:
        """Whether the row, the only one of its table, is a bar of links: three filled cells or
        more, each a link and nothing else but the brackets around it ("[ < ] | [ Up ] |
        [Contents]": texi2html's navigation before and after each node). Rows of two links are
        data (pathlib's table of the os functions and the methods that replace them); a header's
        cells may be links (columns to sort by)."""
        linked = [linked for cell, linked in zip(self.cells, self.linked, strict=True) if cell]
        return not self.header and len(linked) >= NAVIGATION_CELLS and all(linked)

    @property
    def filled(self) -> int:
        return sum(bool(cell) for cell in self.cells)


@dataclass
class _Counter:
    """An ordered list's count: the number its next item takes, by how much it moves, how it is shown."""

    next: int
    step: int
    style: ListStyle

    @classmethod
    def of(cls, attrs: dict[str, str | None]) -> _Counter:
        step = -1 if "reversed" in attrs else 1
        start = attrs.get("start") or ""
        classes = (attrs.get("class") or "").split()
        named = [_LIST_CLASSES[name] for name in classes if name in _LIST_CLASSES]
        style = _LIST_TYPES.get(attrs.get("type") or "") or (named[0] if named else "decimal")
        if not start.lstrip("-").isdigit():
            # a reversed list counts down from its length, which a stream does not know yet
            return cls(1, step, "none" if step < 0 else style)
        return cls(int(start), step, style)

    def mark(self, attrs: dict[str, str | None]) -> str:
        """Count an item (its own value, when it has one, sets the count) and return its number."""
        value = attrs.get("value") or ""
        if value.lstrip("-").isdigit():
            self.next = int(value)
        shown = list_number(self.next, self.style)
        self.next += self.step
        return f"{shown}." if shown else ""


# How an <ol> says its numbers are shown: its type attribute, or a class Sphinx and docutils write.
_LIST_TYPES: dict[str, ListStyle] = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
}
_LIST_CLASSES: dict[str, ListStyle] = {
    "arabic": "decimal",
    "loweralpha": "lower-alpha",
    "upperalpha": "upper-alpha",
    "lowerroman": "lower-roman",
    "upperroman": "upper-roman",
}


# Marks where a paragraph opens inside a table's cell; white space, so the cell's text folds it away.
_CELL_PARAGRAPH = "\f"
# A row of this many cells or more, each a link alone, is a bar of links (see `_Row.navigates`).
NAVIGATION_CELLS = 3
# What frames a link in a bar of links ("[ Up ]", "(Next)", "Top | Contents") without being text.
_LINK_FRAME = str.maketrans("", "", "[]()|·•")


class _Walker(HTMLParser):
    """Turns a stream of tags into blocks written by a TextWriter, navigation and the like set aside."""

    def __init__(
        self,
        layout_tables: frozenset[int] = frozenset(),
        one_row_tables: frozenset[int] = frozenset(),
        by_name: bool = True,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = TextWriter()
        self.by_name = by_name  # <div>s and <section>s are set aside by their class or id too
        self.layout_tables = layout_tables  # by the order of their start tags
        self.one_row_tables = one_row_tables
        self.tables_seen = 0
        self.layouts = 0  # open layout tables outside any table of data
        self.stack: list[_Frame] = []
        self.open_tags: Counter[str] = Counter()  # how many of each tag are open: no search of the stack
        self.depth = 0  # the deepest nesting seen
        self.skipping = 0  # open elements being skipped
        self.buffer: list[str] = []
        self.link_chars = 0
        self.opens_unlinked = False  # the text gathered opens with a word outside any link
        self.in_link = 0
        # per open link, where its text starts: the list its text goes to (the buffer or a cell)
        # and that list's length when the link opened
        self.link_starts: list[tuple[list[str], int]] = []
        self.bold = 0  # open <b> and <strong> elements
        self.bold_chars = 0  # of the text gathered, the characters in bold and the others
        self.plain_chars = 0
        self.pre = 0
        self.kind: Kind = "paragraph"  # the kind of the text being gathered
        self.level = 0
        self.list_depth = 0
        self.list_group = -1
        self.counters: list[_Counter | None] = []  # per open list, an ordered list's count
        self.number = ""  # the number of the ordered list's item being read, written before its text
        self.numbered: dict[int, int] = {}  # a numbered block's start -> the length of its number and space
        self.note_starts: list[int] = []  # the count of blocks written when each open note began
        self.notes: set[int] = set()  # the starts of the blocks of the text's notes (`_skipped`)
        self.table_depth = 0
        self.table_group = -1
        self.table_rows = 0  # rows written of the table being read
        self.table_one_row = False  # the table being read has one row
        self.holders = [0]  # open paragraphs, items, headings: per list or table level
        self.row: _Row | None = None
        self.pending: _Row | None = None  # a row of data not yet written
        self.cell: list[str] | None = None
        self.cell_chars = 0  # of the cell's text, the characters a link could hold, and those links hold
        self.cell_linked = 0
        self.term: str | None = None
        self.term_linked = False  # whether the term waiting is a link as a whole or nearly (a contents entry)
        self.title = ""
        self.og_title = ""
        self.first_h1 = ""
        self._in_title = False

    # --- tags ---------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = dict(attrs)
            if values.get("property") == "og:title" and values.get("content"):
                self.og_title = " ".join((values["content"] or "").split())
            return
        if tag == "title":
            self._in_title = True
            return
        if tag in ("br", "lb"):
            self._text("\n" if self.pre else " ")
            return
        if tag in _VOID:
            return
        self._close_implied(tag)
        skip = self.skipping > 0 or self._skipped(tag, dict(attrs))
        frame = _Frame(tag, skip)
        if tag == "div":
            frame.read_as = next((_RECORDS[c] for c in (dict(attrs).get("class") or "").split() if c in _RECORDS), "")
        if tag == "table":
            frame.layout = self.tables_seen in self.layout_tables
            frame.one_row = self.tables_seen in self.one_row_tables
            self.tables_seen += 1
        self.stack.append(frame)
        self.depth = max(self.depth, len(self.stack))
        self.open_tags[tag] += 1
        if skip:
            self.skipping += 1
            return
        if tag == "aside":  # one kept is a note of the text's (see `_skipped`)
            self.note_starts.append(len(self.writer.blocks))
        frame.block = self._open(frame.read_as or tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in _VOID or not self.open_tags[tag]:
            return
        while self.stack:
            frame = self.stack.pop()
            self.open_tags[frame.tag] -= 1
            if frame.skip:
                self.skipping -= 1
            elif frame.block:
                self._close(frame.read_as or frame.tag, frame.layout)
            if frame.tag == "aside" and not frame.skip and self.note_starts:
                self.notes.update(b.start for b in self.writer.blocks[self.note_starts.pop() :])
            if frame.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        data = data.translate(_INVISIBLE)
        if self._in_title:
            self.title += data
            return
        if self.skipping:
            return
        self._text(data)

    # --- structure ----------------------------------------------------------------------------

    def _skipped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in ("header", "footer") and (self.open_tags["article"] or self.open_tags["section"]):
            return False  # an article's or a section's own header (its title, byline, date) or footer
        if "noteref" in (attrs.get("epub:type") or "").split():
            return True  # a book's note mark, a bare number that would run into the word before it
        if tag == "aside" and (
            _BOOK_NOTE.search(attrs.get("epub:type") or "")
            or _FOOTNOTE_CLASS.search(attrs.get("class") or "")
            or (attrs.get("role") or "") in _NOTE_ROLES
        ):
            return False  # the text's own notes (EPUB's, docutils' <aside class="footnote">), no sidebar
        classes = (attrs.get("class") or "").split()
        if self.open_tags["aside"] and (attrs.get("role") == "doc-backlink" or {"label", "backrefs"} & set(classes)):
            return True  # the note's own mark ("[1]") and its links back to where it was cited ("(1,2,3)")
        if tag in _SKIP:
            return True
        if tag in _CONTAINERS_NEVER_SKIPPED:
            return False
        if (attrs.get("role") or "") in _SKIP_ROLES or attrs.get("aria-hidden") == "true" or "hidden" in attrs:
            return True
        if _LINE_NUMBERS.search(attrs.get("class") or ""):
            return True
        if any(self.open_tags[heading] for heading in _HEADINGS):
            # A heading's own link or span names no furniture (mdBook's <a class="header"> holds
            # the heading's text), save a permalink after its text (Sphinx's "headerlink" icon).
            return bool(_PERMALINK_CLASS.search(attrs.get("class") or ""))
        if not self.by_name and tag in ("div", "section"):
            return False
        if tag == "tr" and self.table_depth:
            # a row of a table of data, whatever its class: pandoc's and Apache's manual's header
            # rows are <tr class="header">
            return False
        names = _COMPONENT_PART.sub(" ", attrs.get("class") or "")
        # A heading's or a section's id is a slug of its title ("comments" in a style guide,
        # "custom-header-fields", "nav-list-syntax"): only its classes can name furniture.
        if tag not in _HEADINGS and tag != "section" and "section" not in names.split():
            names = f"{names} {attrs.get('id') or ''}"
        return bool(names.strip()) and bool(_BOILERPLATE_NAME.search(names))

    def _close_implied(self, tag: str) -> None:
        """HTML leaves some end tags out: a new <p>, <li>, <tr>, <td>, <dt> or <dd> closes the one
        open, and a block that cannot sit inside a paragraph (a heading, a list, a <div> ...) closes
        the <p> open (`_CLOSES_P`): "<p>... be used.<h3>Memory mode</h3>" heads what follows."""
        implied = {"p": ("p",), "li": ("li",), "tr": ("tr", "td", "th"), "td": ("td", "th"), "th": ("td", "th")}
        implied |= {"dt": ("dt", "dd"), "dd": ("dt", "dd")}
        if not self.stack:
            return
        if (tag in implied and self.stack[-1].tag in implied[tag]) or (tag in _CLOSES_P and self.stack[-1].tag == "p"):
            self.handle_endtag(self.stack[-1].tag)

    def _open(self, tag: str, attrs: dict[str, str | None]) -> bool:
        """Handle an opening tag; True when it opens a block (its end tag is then handled too)."""
        if tag == "a":
            self.in_link += 1
            target = self.cell if self.cell is not None else self.buffer
            self.link_starts.append((target, len(target)))
            return True
        if tag in ("b", "strong"):
            self.bold += 1
            return True
        if tag not in _BLOCKS and tag not in _HEADINGS:
            return False
        if tag == "table" and self.stack[-1].layout:
            if self.table_depth:  # inside a table of data, whose cell reads it as text
                self.stack[-1].layout = False
            else:
                self._flush()  # a table that lays the page out: its cells hold blocks, as a <div> does
                self.layouts += 1
                self.holders.append(0)
                return True
        if self.layouts and not self.table_depth and tag in _CELLS:
            self._flush()
            self.kind, self.level = "paragraph", 0
            return True
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self._flush()
                self._term_alone()  # "<dt>Parameters</dt><dd><table>": the term heads the table
                self.table_group = self.writer.new_group()
                self.table_rows = 0
                self.table_one_row = self.stack[-1].one_row
                self.holders.append(0)
            return True
        if self.table_depth > 1 or (self.cell is not None and tag not in _CELLS):
            # blocks inside a table cell, nested tables too, read as part of the cell
            if self.table_depth == 1 and self.row is not None and tag in _HEADINGS:
                self.row.heading = _HEADINGS[tag]
            self._text(_CELL_PARAGRAPH if self.table_depth == 1 and tag in ("p", "div") else " ")
            return False
        if tag == "tr":
            self._flush()
            self.row = _Row()
            return True
        if tag in ("td", "th"):
            if self.row is None:
                self.row = _Row()
            self.cell, self.cell_chars, self.cell_linked = [], 0, 0
            self.row.header = self.row.header and tag == "th"
            return True
        if tag in ("ul", "ol", "dl"):
            self._flush()
            self._term_alone()
            if self.list_depth == 0:
                self.list_group = self.writer.new_group()
            self.list_depth += 1
            self.holders.append(0)
            self.counters.append(_Counter.of(attrs) if tag == "ol" else None)
            self.number = ""  # an item holding nothing but a list has no text to number
            return True
        if self.holders[-1] and tag != "pre":
            if tag == "p" and self.kind == "list_item" and self._in_bold():
                # "<li><p><b>Maximum Number Of Columns</b></p><p>The default ...": the item's
                # heading, the section of what the item says (a term would be lost where a long
                # item is read as several sentences)
                self._add_numbered("heading", "".join(self.buffer), RUN_IN_LEVEL, self.list_group)
                self.buffer, self.link_chars, self.bold_chars, self.plain_chars = [], 0, 0, 0
                self.opens_unlinked = False
            self._text(" ")  # a block inside a paragraph, item or heading reads as part of it
            return False
        self._flush()
        if tag not in _HOLDERS:
            self.kind, self.level = "paragraph", 0  # a container: its loose text reads as paragraphs
            return True
        self.holders[-1] += 1
        if tag in _HEADINGS:
            self.kind, self.level = "heading", _HEADINGS[tag]
        elif tag == "dt":
            if self.term:  # terms stacked over one description: "<dt>-q</dt><dt>--quiet</dt><dd>"
                self.buffer.append(f"{self.term} ")
                self.link_chars += len("".join(self.term.split())) if self.term_linked else 0
            self.kind, self.term = "definition", ""
        elif tag == "dd":
            self.kind = "definition"
        elif tag == "li":
            self.kind, self.level = "list_item", self.list_depth
            counter = self.counters[-1] if self.counters else None
            self.number = counter.mark(attrs) if counter is not None else ""
        elif tag == "pre":
            self._term_heads()
            self.kind = "code"
            self.pre += 1
        else:
            self.kind = "paragraph"
        return True

    def _close(self, tag: str, layout: bool = False) -> None:
        if layout or (self.layouts and not self.table_depth and tag in _CELLS):
            self._flush()
            if layout:
                self.layouts -= 1
                self.holders.pop()
            self.kind, self.level = "paragraph", 0
            return
        if tag == "a":
            self.in_link = max(0, self.in_link - 1)
            if self.link_starts:
                self._drop_permalink(*self.link_starts.pop())
            return
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
            return
        if tag == "table":
            self.table_depth = max(0, self.table_depth - 1)
            if self.table_depth == 0:
                self._write_row()
                self._write_pending()
                self.holders.pop()
            return
        if tag in ("td", "th"):
            if self.row is not None and self.cell is not None:
                text = "".join(self.cell)
                self.row.cells.append(" ".join(text.split()))
                paragraphs = (" ".join(part.split()) for part in text.split(_CELL_PARAGRAPH))
                self.row.paragraphs.append([part for part in paragraphs if part])
                self.row.linked.append(0 < self.cell_chars <= self.cell_linked)
            self.cell = None
            return
        if tag == "tr":
            self._write_row()
            return
        if tag in ("ul", "ol", "dl"):
            self._flush()
            self._term_alone()  # a term whose description was empty ("<dd></dd>") ends with its list
            self.list_depth = max(0, self.list_depth - 1)
            self.holders.pop()
            if self.counters:
                self.counters.pop()
            if self.list_depth and self.holders[-1] and self.stack and self.stack[-1].tag == "li":
                self.kind, self.level = "list_item", self.list_depth  # the item it was nested in goes on
            else:
                self.kind, self.level = "paragraph", 0
            return
        if tag not in _HOLDERS:
            self._flush()
            return
        self.holders[-1] = max(0, self.holders[-1] - 1)
        if self.kind == "definition" and self.term == "":
            self.term = " ".join("".join(self.buffer).split())  # the term waits for its description
            self.term_linked = self.link_chars >= LINK_DENSITY * max(1, len("".join(self.term.split())))
            self.buffer, self.link_chars, self.opens_unlinked = [], 0, False
            return
        self._flush()
        if tag == "dd":
            self._term_alone()  # nor does it wait past its empty description
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        self.kind, self.level = "paragraph", 0

    def _text(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
            size = len("".join(data.split()).translate(_LINK_FRAME))
            self.cell_chars += size
            self.cell_linked += size if self.in_link else 0
            return
        self.buffer.append(data)
        size = len("".join(data.split()))
        if size and not self.bold_chars + self.plain_chars:
            self.opens_unlinked = not self.in_link and any(c.isalpha() for c in data)
        if self.in_link:
            self.link_chars += size
        if self.bold:
            self.bold_chars += size
        else:
            self.plain_chars += size

    def _drop_permalink(self, target: list[str], start: int) -> None:
        """Take back the text of the link just closed when it is a permalink mark (`PERMALINK_MARKS`)
        or leads on to more (`MORE_LINKS`).
        `target` and `start` say where its text began; a block flushed since then is left alone."""
        current = self.cell if self.cell is not None else self.buffer
        mark = "".join(target[start:]).strip()
        if target is not current or (mark not in PERMALINK_MARKS and mark.casefold() not in MORE_LINKS):
            return
        del target[start:]
        if target is self.cell:
            size = len("".join(mark.split()).translate(_LINK_FRAME))
            self.cell_chars, self.cell_linked = self.cell_chars - size, self.cell_linked - size
        if target is self.buffer:
            self.link_chars = max(0, self.link_chars - len(mark))
            if self.bold:
                self.bold_chars = max(0, self.bold_chars - len(mark))
            else:
                self.plain_chars = max(0, self.plain_chars - len(mark))

    def _in_bold(self) -> bool:
        """Whether the text gathered is a heading set by hand: all in bold, and reading as one."""
        return self.bold_chars > 0 and self.plain_chars == 0 and made_heading("".join(self.buffer))

    def _flush(self) -> None:
        text = "".join(self.buffer)
        bold = self._in_bold()
        links, self.buffer, self.link_chars, self.bold_chars, self.plain_chars = self.link_chars, [], 0, 0, 0
        typed = self.opens_unlinked
        self.opens_unlinked = False
        if not text.strip():
            return
        kind: Kind = self.kind
        level = self.level
        size = len("".join(text.split()))
        typed = typed and kind == "list_item" and size <= TYPED_ITEM_CHARS
        if kind in ("paragraph", "list_item") and links >= LINK_DENSITY * size and not typed:
            kind = "boilerplate"
        elif kind == "paragraph" and bold:
            kind, level = "heading", RUN_IN_LEVEL
        elif kind == "heading" and labels_box(text):
            kind, level = "boilerplate", 0  # the box's label: what it heads is read in the section around it
        if kind == "definition":
            term = self.term or ""
            self.term = None
            if term:
                self.writer.add_cells("definition", [term, text], self.list_group)
                return
            kind = "paragraph"
        if kind == "heading" and level < RUN_IN_LEVEL and not self.first_h1:
            self.first_h1 = " ".join(text.split())
        group = self.list_group if kind == "list_item" else -1
        if kind == "list_item":
            self._add_numbered(kind, text, level, group)
        else:
            self.writer.add(kind, text, level if kind == "heading" else 0, group)

    def _add_numbered(self, kind: Kind, text: str, level: int, group: int) -> None:
        """Write `text` after the number of the ordered list's item it opens (once: the rest of a
        long item, after a block inside it, goes on without it)."""
        number, self.number = self.number, ""
        block = self.writer.add(kind, f"{number} {text.lstrip()}" if number else text, level, group)
        if number and block is not None:
            self.numbered[block.start] = len(number) + 1

    def _term_heads(self) -> None:
        """Write the term waiting for its description as a heading made by hand when its
        description opens with code: the title of an example ("Undo a commit and redo" over the
        commands and the numbered notes on them, as AsciiDoc writes a manual page's examples); any
        other term is written alone, before the code."""
        if self.term and reads_as_heading(self.term) and not self.term_linked:
            self.writer.add("heading", self.term, RUN_IN_LEVEL)
            self.term = None
        self._term_alone()

    def _term_alone(self) -> None:
        """Write the term waiting for its description when a list opens in its place (a class's
        signature over the methods its <dd> defines in a <dl> of their own, Sphinx) or when its
        description ends empty, so that a term is never written in another place."""
        if self.term and self.term_linked:
            self.writer.add("boilerplate", self.term, 0)  # a contents entry, as a list item of links is
        elif self.term:
            self.writer.add_cells("definition", [self.term], self.list_group)
        self.term = None

    def _write_row(self) -> None:
        """Write the row just read. A row of data waits for the next: a row whose one filled cell
        is not its first goes on from it (Doxygen's brief description of the member in the row
        above, "| A handle for an individual database ..." under "typedef unsigned int |
        MDB_dbi"), and joins it, its text after the text of that column's cell, when it has two
        filled cells or more (a row of one, such as the name of a module over its description, is a
        row of its own)."""
        row, self.row = self.row, None
        if row is None or not any(row.cells) or (self.table_one_row and row.navigates):
            return
        filled = [n for n, cell in enumerate(row.cells) if cell]
        pending = self.pending
        if pending is not None and len(filled) == 1 and 0 < filled[0] < len(pending.cells) and pending.filled > 1:
            at = filled[0]
            pending.cells[at] = f"{pending.cells[at]} {row.cells[at]}".strip()
            pending.paragraphs[at] = [*pending.paragraphs[at], *row.paragraphs[at]]
            return
        self._write_pending()
        if row.header or row.heading:
            self._write(row)
        else:
            self.pending = row

    def _write_pending(self) -> None:
        if self.pending is not None:
            self._write(self.pending)
        self.pending = None

    def _write(self, row: _Row) -> None:
        """Write a row: a header when its cells are all <th>, or when it opens the table with a
        year over each column of figures (statements of figures mark up their header in <td>)."""
        filled = [n for n, cell in enumerate(row.cells) if cell]
        header = row.header or (self.table_rows == 0 and heads_years(row.cells))
        self.table_rows += 1
        if len(filled) == 1:
            self._write_cell(row.paragraphs[filled[0]], header, row.heading)
        else:
            self.writer.add_cells("table_header" if header else "table_row", row.cells, self.table_group)

    def _write_cell(self, paragraphs: list[str], header: bool, heading: int) -> None:
        """A row of one cell. A heading alone in it heads the rows below (Doxygen's "Functions").
        Of several paragraphs, a header's name the parts of the cells below ("Function |
        Description | Example(s)"), and a cell whose first is no sentence is that term's
        definition ("lower ( text ) → text: Converts the string to all lower case. ...": a
        reference table of one column, PostgreSQL's functions). Else the cell is a paragraph (a
        table that lays out a box)."""
        if heading and len(paragraphs) == 1 and reads_as_heading(paragraphs[0]):
            self.writer.add("heading", paragraphs[0], heading)
        elif len(paragraphs) > 1 and header:
            self.writer.add_cells("table_header", paragraphs, self.table_group)
        elif len(paragraphs) > 1 and not closes(paragraphs[0]):
            self.writer.add_cells("definition", [paragraphs[0], " ".join(paragraphs[1:])], self.table_group)
        else:
            self.writer.add("paragraph", " ".join(paragraphs))

    def close(self) -> None:
        super().close()
        while self.stack:
            self.handle_endtag(self.stack[-1].tag)
        self._write_pending()
        self._flush()


# A table lays the page out, and is read as blocks rather than rows, when a cell of its own holds a
# heading or a form, or a table that lays out (a page set out in tables of menu and content cells,
# as old sites and generated manuals are: libxslt's), when its one cell holds paragraphs, a list,
# code or a table, or when its one row holds code (texi2html indents each example as a row of an
# empty cell and the example's <pre>; Pygments sets a listing's numbers in a cell beside it). A
# table of data holds none of these: a list of its own nested in a row (DocBook's revision history)
# or code in one of its rows (PostgreSQL's function tables) leaves it a table, and so does a heading
# alone in a row of a table whose other rows have several cells (Doxygen's tables of members, a row
# "Functions" over the rows of the functions).
_BLOCK_INSIDE = frozenset("form p ul ol dl pre blockquote div table".split())


@dataclass
class _TableSeen:
    index: int
    rows: int = 0
    cells: int = 0  # in the row being read
    most_cells: int = 0
    inside: set[str] = field(default_factory=set)
    holds_layout: bool = False  # a table nested in one of its cells lays out
    row_heading: bool = False  # the row being read holds a heading
    heading_beside: bool = False  # a row of several cells held a heading
    heading_alone: bool = False  # a row of one cell held a heading

    def end_row(self) -> None:
        self.heading_beside = self.heading_beside or (self.row_heading and self.cells > 1)
        self.heading_alone = self.heading_alone or (self.row_heading and self.cells <= 1)
        self.row_heading = False

    @property
    def lays_out(self) -> bool:
        headed = self.heading_beside or (self.heading_alone and self.most_cells <= 1)
        one_cell = self.rows <= 1 and self.most_cells <= 1
        blocks = self.inside & _BLOCK_INSIDE
        one_row = self.rows <= 1 and "pre" in blocks
        return self.holds_layout or "form" in self.inside or headed or (one_cell and bool(blocks)) or one_row


class _TableScan(HTMLParser):
    """The tables of a page that lay it out (`_TableSeen.lays_out`), by the order of their start
    tags: a first pass, as the walker must know a table's kind at its start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen = 0
        self.open: list[_TableSeen] = []
        self.layout: set[int] = set()
        self.one_row: set[int] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self.open:
                self.open[-1].inside.add(tag)
            self.open.append(_TableSeen(self.seen))
            self.seen += 1
        elif not self.open:
            return
        elif tag == "tr":
            self.open[-1].end_row()
            self.open[-1].rows += 1
            self.open[-1].cells = 0
        elif tag in ("td", "th"):
            table = self.open[-1]
            table.cells += 1
            table.most_cells = max(table.most_cells, table.cells)
        elif tag in _HEADINGS:
            self.open[-1].row_heading = True
        elif tag in _BLOCK_INSIDE:
            self.open[-1].inside.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.open:
            self._closed(self.open.pop())

    def close(self) -> None:
        super().close()
        while self.open:
            self._closed(self.open.pop())

    def _closed(self, table: _TableSeen) -> None:
        table.end_row()
        if table.rows <= 1:
            self.one_row.add(table.index)
        if table.lays_out:
            self.layout.add(table.index)
            if self.open:
                self.open[-1].holds_layout = True


def _tables(markup: str) -> tuple[frozenset[int], frozenset[int]]:
    """The tables of `markup` that lay the page out, and those of one row, by the order of their
    start tags."""
    if "<table" not in markup.lower():
        return frozenset(), frozenset()
    scan = _TableScan()
    scan.feed(markup)
    scan.close()
    return frozenset(scan.layout), frozenset(scan.one_row)


def _walk(markup: str, by_name: bool = True) -> _Walker:
    walker = _Walker(*_tables(markup), by_name=by_name)
    walker.feed(markup)
    walker.close()
    return walker


# A sidebar of the text, not of the site: DocBook writes its <sidebar> (the "TIP", "CULTURE" and
# "BACK TO BASICS" boxes of the Debian Administrator's Handbook, 420 in its 127 pages) as a <div
# class="sidebar"> over the box's <div class="titlepage">. Read as a box of the text (its class
# renamed before the walker and the extractor see it), not as the site's sidebar of links.
_TITLED_SIDEBAR = re.compile(
    r"""<div\b([^>]*?)\bclass\s*=\s*(["'])sidebar\2([^>]*)>"""
    r"""(?=(?:\s*<a\b[^>]*>\s*</a>)*\s*<div\s+class\s*=\s*["']titlepage["'])""",
    re.IGNORECASE,
)
# The opening tag of a heading, a <section> or a docutils <div class="section">: its id is a slug of
# its title, which the extractor would read as a furniture name ("comments", "...-related-bugs").
_TITLED_TAG = re.compile(r"<(?:h[1-6]|section|div)\b[^>]*>", re.IGNORECASE)
_ID_ATTRIBUTE = re.compile(r"""\s+id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Ids that tell the extractor where the content is stay ("main-content", "article-body").
_CONTENT_ID = re.compile(r"content|main|article|post|entry|body|story", re.IGNORECASE)
_SECTION_CLASS = re.compile(r"""\sclass\s*=\s*["']?[^"'>]*\bsection\b""", re.IGNORECASE)


def _without_title_ids(markup: str) -> str:
    """The markup with the ids of headings and sections taken out (see _TITLED_TAG)."""

    def strip(tag: re.Match[str]) -> str:
        text = tag.group()
        found = _ID_ATTRIBUTE.search(text)
        if found is None or (text[1:4].lower() == "div" and not _SECTION_CLASS.search(text)):
            return text
        if _CONTENT_ID.search(next(value for value in found.groups() if value is not None)):
            return text
        return text[: found.start()] + text[found.end() :]

    return _TITLED_TAG.sub(strip, markup)


def _extracted(markup: str) -> str | None:
    """trafilatura's XML of the page's main content, or None when it finds none."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.extract(
            _without_title_ids(markup),
            output_format="xml",
            include_tables=True,
            include_comments=False,
            include_formatting=False,
            include_links=False,
            include_images=False,
            favor_recall=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError):
        return None


def _plain(extracted: str) -> str:
    """trafilatura's XML as its text: tags dropped, entities read, lower case, and the permalink
    marks of headings and definitions ("¶", in the `headerlink` anchors the walker sets aside)
    left out, so that terms stacked around one are still found ("lru_cache(user_function)¶
    lru_cache(maxsize=128)" in Python's manual)."""
    return unescape(re.sub(r"<[^>]*>", " ", extracted)).replace("¶", " ").translate(_INVISIBLE).casefold()


def _squeezed(text: str) -> str:
    """`text` without any white space. Blocks are matched to the extractor's text this way, as the
    two place spaces differently around inline markup ("<code>port</code> (<code>integer</code>)"
    is "port (integer)" to the walker and "port ( integer )" in the extractor's XML)."""
    return "".join(text.split())


class _Occurrences:
    """Says whether a string occurs in a text (`piece in occurrences`), as `piece in text` would,
    from an index of the text's K-grams built once: sorted hashes, O(n log n) in numpy. Searching
    the whole text for each block is quadratic over a page (Node's 8 MB all.html: 8,000 blocks the
    extractor left out, each a search of 2 million characters). A string is compared at the places
    its rarest K-gram occurs (a hash collision adds a place, never removes one); a string shorter
    than K is searched for in the text, its answer remembered."""

    K = 8

    def __init__(self, text: str) -> None:
        self.text = text
        hashes = self._hashes(text)
        self.order = np.argsort(hashes, kind="stable")
        self.sorted = hashes[self.order]
        self.short: dict[str, bool] = {}

    @classmethod
    def _hashes(cls, text: str) -> np.ndarray:
        """The hash of each K-gram of `text`, by its start (polynomial in the code points, mod 2**64)."""
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        count = len(codes) - cls.K + 1
        hashes = np.zeros(max(count, 0), dtype=np.uint64)
        for j in range(cls.K if count > 0 else 0):
            hashes = hashes * np.uint64(1_000_003) + codes[j : j + count]
        return hashes

    def __contains__(self, piece: str) -> bool:
        if len(piece) < self.K:
            if piece not in self.short:
                self.short[piece] = piece in self.text
            return self.short[piece]
        hashes = self._hashes(piece)
        first = np.searchsorted(self.sorted, hashes, "left")
        last = np.searchsorted(self.sorted, hashes, "right")
        rarest = int(np.argmin(last - first))
        places = self.order[first[rarest] : last[rarest]].tolist()
        return any(at >= rarest and self.text.startswith(piece, at - rarest) for at in places)


def _kept(text: str, block: Block, main: _Occurrences, number: int = 0) -> bool:
    """Whether the extractor kept the block: its text (each cell's, for rows and definitions; past
    the `number` characters of an item's number, which the extractor does not write) is found in the
    extracted text `main` indexes (squeezed, lower case). A table row is kept when most of its text
    is: the extractor may empty one cell of a row it keeps (a revision history's author, which it
    reads as a byline), and the row is one unit."""
    spans = block.cells or ((block.start + number, block.end),)
    pieces = [_squeezed(text[s:e]).casefold() for s, e in spans]
    if block.kind in ("table_row", "table_header"):
        found = sum(len(piece) for piece in pieces if piece in main)
        return found > 0 and 2 * found >= sum(len(piece) for piece in pieces)
    return all(piece in main for piece in pieces if piece)


_ROWS = ("table_row", "table_header")


def _items_of_kept_sections(blocks: list[Block], kept: list[bool]) -> list[bool]:
    """`kept` with the list items of each section the extractor kept a block of (a section runs
    from a heading to the next) kept too. The extractor drops a list whose items it reads as links
    ("model <string>", "pid <integer> ... Default: 0." where the type is a link, Node's docs); the
    walker has set aside the items made of links (navigation, teasers) already."""
    sections, section = [], 0
    for block in blocks:
        section += block.kind == "heading"
        sections.append(section)
    read = {n for n, keep in zip(sections, kept, strict=True) if keep}
    return [keep or (b.kind == "list_item" and n in read) for b, n, keep in zip(blocks, sections, kept, strict=True)]


def _main_content(walker: _Walker, main: str) -> list[Block]:
    """The body's blocks, those the extractor left out set aside as boilerplate. A heading stays
    when the extractor kept it or any block of its section (up to the next heading of its level)."""
    text, blocks, found = walker.writer.text, walker.writer.blocks, _Occurrences(main)
    numbers = walker.numbered
    kept = [b.kind not in ("boilerplate", "heading") and _kept(text, b, found, numbers.get(b.start, 0)) for b in blocks]
    # A table is one unit: the extractor drops rows made of links (pathlib's table of os functions
    # and their Path methods). One it kept mostly in part (KEPT_ROWS_SHARE) is kept whole.
    rows = Counter(b.group for b in blocks if b.kind in _ROWS and b.group >= 0)
    held = Counter(b.group for b, keep in zip(blocks, kept, strict=True) if keep and b.kind in _ROWS and b.group >= 0)
    tables = {group for group, count in held.items() if count >= KEPT_ROWS_SHARE * rows[group]}
    kept = [keep or (b.kind in _ROWS and b.group in tables) for b, keep in zip(blocks, kept, strict=True)]
    kept = _items_of_kept_sections(blocks, kept)
    # The text's own notes, which the extractor leaves out with the page's asides, once it kept
    # any of the text they annotate.
    if any(kept):
        kept = [
            keep or (b.start in walker.notes and b.kind != "boilerplate") for b, keep in zip(blocks, kept, strict=True)
        ]
    for n, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        kept[n] = _kept(text, block, found, numbers.get(block.start, 0))
        for m in range(n + 1, len(blocks)):
            if kept[n] or (blocks[m].kind == "heading" and blocks[m].level <= block.level):
                break
            kept[n] = kept[m]
    # The extractor keeps one container: a section beside those it kept (a heading of a level it
    # kept) is content all the same when it holds prose (DocBook's last section before the footer).
    levels = {b.level for b, keep in zip(blocks, kept, strict=True) if keep and b.kind == "heading"}
    for n, block in enumerate(blocks):
        if block.kind != "heading" or kept[n] or block.level not in levels:
            continue
        # the section ends at the next heading of its level or at navigation, whichever comes first
        end = next(
            (
                m
                for m in range(n + 1, len(blocks))
                if blocks[m].kind == "boilerplate" or (blocks[m].kind == "heading" and blocks[m].level <= block.level)
            ),
            len(blocks),
        )
        inside = [m for m in range(n + 1, end) if blocks[m].kind != "heading"]
        if sum(len(text[blocks[m].start : blocks[m].end].split()) for m in inside) >= MIN_SECTION_WORDS:
            kept[n:end] = [True] * (end - n)
    # Loose text between two blocks kept, one of them not a heading (see LOOSE_PROSE_WORDS), and a
    # code block there whatever its length: the extractor drops some examples ("tcp port 23 and not
    # src host 10.0.0.5" under its caption, a zone file between "The following is a complete zone
    # file ..." and "This type of zone file ..."). Over the development pages, 6 code blocks came
    # back, each one the text around it introduces or describes.
    content = [keep and b.kind != "heading" for b, keep in zip(blocks, kept, strict=True)]
    for n in range(1, len(blocks) - 1):
        block = blocks[n]
        if kept[n] or block.kind not in ("paragraph", "code") or not (kept[n - 1] and kept[n + 1]):
            continue
        long_enough = block.kind == "code" or len(text[block.start : block.end].split()) >= LOOSE_PROSE_WORDS
        if (content[n - 1] or content[n + 1]) and long_enough:
            kept[n] = True
    # The byline under a title the extractor kept ("By Facilities Team · Published 4 March 2024"):
    # the extractor leaves it out as metadata, but who wrote a page and when is asked of it.
    for n in range(1, len(blocks)):
        block, above = blocks[n], blocks[n - 1]
        if kept[n] or block.kind != "paragraph" or above.kind != "heading" or not kept[n - 1]:
            continue
        line = text[block.start : block.end]
        if len(line.split()) <= BYLINE_WORDS and _BYLINE.match(line):
            kept[n] = True
    return [
        b if keep or b.kind == "boilerplate" else replace(b, kind="boilerplate")
        for b, keep in zip(blocks, kept, strict=True)
    ]


def _words(walker: _Walker) -> int:
    """The words of the blocks not set aside. The writer's text is joined once: it is built anew
    each time it is read."""
    text = walker.writer.text
    return sum(len(text[b.start : b.end].split()) for b in walker.writer.blocks if b.kind != "boilerplate")


def _menu_headings(blocks: list[Block]) -> list[Block]:
    """`blocks` with each heading made by hand (`RUN_IN_LEVEL`) that navigation follows set aside:
    it heads a menu ("Main Menu", "Related links" in bold over their links), not the text after it."""
    out = list(blocks)
    for n, block in enumerate(blocks[:-1]):
        if block.kind == "heading" and block.level == RUN_IN_LEVEL and blocks[n + 1].kind == "boilerplate":
            out[n] = replace(block, kind="boilerplate")
    return out


def parse_html(source: str, sha256: str, markup: str, extract: bool = True) -> Document:
    """The page's main content as a Document (see the module docstring); with `extract` False, the
    body as the walker reads it, for a page known to hold no site furniture (a book's page)."""
    markup = _TITLED_SIDEBAR.sub(r"<div\1class=\2box\2\3>", markup)
    body = _walk(markup)
    extracted = _extracted(markup) if extract and body.depth < LXML_MAX_DEPTH else None
    main = _plain(extracted) if extracted else ""
    content_words = len(main.split())
    if content_words and _words(body) < NAMES_MISLED_SHARE * content_words:
        # A class named the content's own container as furniture (Read the Docs' theme wraps the
        # page in "wy-grid-for-nav" and the text in "wy-nav-content"): read the page again with
        # its <div>s and <section>s set aside by tag and role alone, and let the extractor tell
        # its content from its chrome.
        body = _walk(markup, by_name=False)
    blocks = body.writer.blocks = _menu_headings(captions_as_paragraphs(body.writer.blocks))
    if content_words and content_words >= MIN_EXTRACTED_SHARE * _words(body):
        blocks = _main_content(body, _squeezed(main))
    title = body.og_title or " ".join(body.title.split()) or body.first_h1
    return Document(source, sha256, body.writer.text, title, blocks)
