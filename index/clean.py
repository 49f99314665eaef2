"""Undo the artefacts of text extraction while remembering where every character came from.

Extracted text (PDF above all) wraps lines mid-sentence, breaks sentences across page breaks, drops
link footers and "Related article" teasers into the middle of a paragraph. `clean()` rebuilds the
paragraphs and sets those artefacts aside. The cleaned text is made only of slices of the raw text
joined by synthetic separators (a space between joined lines, a blank line between paragraphs), and
`CleanText.raw_index[i]` is the raw offset of cleaned character `i`, so any cleaned span maps back to
an exact raw span. Set-aside text is never lost: it stays in the raw text that citations point into.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

PARAGRAPH_BREAK = "\n\n"

_URL_LINE = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)
_RELATED = re.compile(
    r"^(?:related|read more|see also|also read|read also)"
    r"(?:\s+(?:articles?|stories|story|content|reading))?\s*:",
    re.IGNORECASE,
)
# A line drawn with one repeated mark: it underlines (and may overline) a plain-text heading, as
# reStructuredText, Setext and licence texts write them, or stands between sections ("* * *").
_RULE = re.compile(r"^(?:([=\-~_*#+^])\1{2,}|(?:[*\-_]\s+){2,}[*\-_])$")
# The hyphen groff's UTF-8 output breaks a word with at a line's end ("discus\u2010" / "sion", as a
# manual page saved as text has it); a word is broken at it as at "-".
HYPHEN = "\u2010"
# Text parted in this many pages or more by form feeds has its running headers and footers read:
# a page's edge line is one when it comes back on this share of the pages (PDFs are read alike).
RUNNING_PAGES = 3
RUNNING_SHARE = 0.3
# Text without form feeds: a line laid out in parts (a gap of three spaces or more inside it) that
# stands alone and comes back this many times, numbers aside, is a page's header or footer.
RUNNING_REPEATS = 5
_LAID_OUT = re.compile(r"\S {3,}\S")  # a line laid out in columns (a gap of three spaces or more inside it)
_MD_BLOCK = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\||```|~~~)")
# A line opening a list's item: a bullet ("-   Do NOT pass --detach ...") or a number ("2. Restart").
_ITEM = re.compile(r"(?:[-*+•]|\d{1,2}[.)])\s")
# A bullet and the space after it ("-   ", "* "); a text browser's dump of a web page sets "o" as
# the bullet of an indented list's item ("  o an RTC in your computer"), and "?" for a bullet it
# could not write ("      ? 2.1. What is the minimum ...").
_BULLET = re.compile(r"(?:[-*+•◦▪‣]|[o?](?=\s+\S))\s+")
# A heading's number ("2. ", "2.1. ", "3.3.6 "): its parts tell how deep the section lies.
HEADING_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\S)")


def number_depth(text: str) -> int:
    """How many parts the number a line opens with has: 2 for "2.1. What is ...?", 0 for none."""
    number = HEADING_NUMBER.match(text)
    return number.group(1).count(".") + 1 if number else 0


def bullet_end(text: str, indent: int) -> int:
    """Where the text of a list's item starts after its bullet (`_BULLET`), for a line without its
    indentation; 0 for a line that opens with none. "o" and "?" are bullets only set in from the margin."""
    bullet = _BULLET.match(text)
    if bullet is None or (text[:1] in "o?" and indent == 0):
        return 0
    return bullet.end()


def _opens_item(line: _Line) -> bool:
    return _ITEM.match(line.text) is not None or bullet_end(line.text, line.indent) > 0


# A line ending like this closes a sentence (closing quotes and brackets may follow the mark).
_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]]*$")


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each of its characters, the offset in the raw text it came from."""

    text: str
    raw_index: array

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty cleaned span [start, end) to the raw span from its first to its last character."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside cleaned text of length {len(self.text)}")
        return self.raw_index[start], self.raw_index[end - 1] + 1


@dataclass
class _Line:
    start: int  # raw offset of the first non-blank character
    end: int  # raw offset just past the last non-blank character
    text: str
    kind: str  # "text", "blank", "artefact", "rule", "block" (a markdown line that stands alone), "row"
    page: int = 0  # pages are parted by form feeds, as pdftotext writes them
    indent: int = 0  # the white space characters before its text


def _lines(raw: str, markdown: bool) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    in_fence = False
    in_related = False
    page = 0
    for piece in raw.splitlines(keepends=True):
        body = piece.rstrip("\r\n")
        stripped = body.strip()
        lead = len(body) - len(body.lstrip())
        line = _Line(offset + lead, offset + lead + len(stripped), stripped, "text", page, lead)
        offset += len(piece)
        page += "\f" in piece
        if not stripped:
            line.kind = "blank"
            in_related = False
        elif markdown and stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            line.kind = "block"
        elif in_fence or (markdown and _MD_BLOCK.match(stripped)):
            line.kind = "block"
        elif _RULE.match(stripped):
            line.kind = "rule"
        elif _RELATED.match(stripped):
            line.kind = "artefact"
            in_related = True  # a teaser's title may wrap onto the next lines
        elif in_related or _URL_LINE.match(stripped) or _PAGE_NUMBER.match(stripped):
            line.kind = "artefact"
        lines.append(line)
    if page + 1 >= RUNNING_PAGES:
        _running_lines_aside(lines, page + 1)
    else:
        _laid_out_edges_aside(lines)
    return lines


def _laid_out_edges_aside(lines: list[_Line]) -> None:
    """On text parted in pages by blank lines alone (nroff's output: an RFC, a guide formatted for
    print), a line laid out in parts ("SMM:08-8           Sendmail Installation and Operation
    Guide", "Samar, Schemers          Page 6") standing between blank lines, whose text, numbers
    aside, comes back RUNNING_REPEATS times or more, is a running header or footer: an artefact."""
    alone = [
        line
        for n, line in enumerate(lines)
        if line.kind == "text"
        and _LAID_OUT.search(line.text)
        and (n == 0 or lines[n - 1].kind == "blank")
        and (n + 1 == len(lines) or lines[n + 1].kind == "blank")
    ]
    counts = Counter(running_key(line.text) for line in alone)
    for line in alone:
        if counts[running_key(line.text)] >= RUNNING_REPEATS:
            line.kind = "artefact"


def _running_lines_aside(lines: list[_Line], pages: int) -> None:
    """On text parted in pages by form feeds (pdftotext's output), the first and last two lines of
    a page whose text, numbers aside (`running_key`), comes back so on RUNNING_SHARE of the pages
    (two at least) are running headers and footers, as the PDF reader finds them: artefacts, which
    a sentence reads across."""
    ends: dict[int, list[_Line]] = {}
    for line in lines:
        if line.kind == "text":
            ends.setdefault(line.page, []).append(line)
    found: dict[str, set[int]] = {}
    for page, text_lines in ends.items():
        for line in {id(x): x for x in [*text_lines[:2], *text_lines[-2:]]}.values():
            found.setdefault(running_key(line.text), set()).add(page)
    need = max(2, round(RUNNING_SHARE * pages))
    running = {key for key, on in found.items() if len(on) >= need}
    for text_lines in ends.values():
        for line in [*text_lines[:2], *text_lines[-2:]]:
            if running_key(line.text) in running:
                line.kind = "artefact"


def running_key(text: str) -> str:
    """A line as running headers repeat it: numbers (arabic or roman) aside, case folded, white
    space folded."""
    return " ".join(re.sub(r"\b(?:\d+|[ivxlcdm]+)\b", "#", text.casefold()).split())


def _wrap_width(lines: list[_Line], indented: bool = False) -> int:
    """The width text was wrapped at: a high percentile of text line lengths; with `indented`, the
    column it was wrapped at (their indentation counted)."""
    lengths = sorted(len(line.text) + indented * line.indent for line in lines if line.kind == "text")
    if len(lengths) < 5:
        return 10**9  # too few lines to tell; never treat a line as wrapped by width alone
    return lengths[int(0.9 * (len(lengths) - 1))]


def clean(raw: str, markdown: bool = False) -> CleanText:
    """Rebuild paragraphs from extracted text; see the module docstring for the guarantees."""
    lines = _lines(raw, markdown)
    width, column = _wrap_width(lines), _wrap_width(lines, indented=True)
    out: list[str] = []
    index = array("q")
    prev: _Line | None = None  # last text line emitted, while its paragraph is still open
    gap = False  # blank or artefact lines seen since `prev`

    def emit(separator: str, line: _Line) -> None:
        if index:
            out.append(separator)
            index.extend([index[-1]] * len(separator))
        out.append(line.text)
        index.extend(range(line.start, line.end))

    for n, line in enumerate(lines):
        if line.kind in ("blank", "artefact"):
            gap = gap or prev is not None
            continue
        if line.kind == "rule":  # set aside, and no paragraph goes on across it
            prev, gap = None, False
            continue
        if line.kind == "block":
            emit(PARAGRAPH_BREAK, line)
            prev, gap = None, False
            continue
        if prev is None:
            emit(PARAGRAPH_BREAK, line)
        elif _continues(prev, line, gap, width, _next_line(lines, n), column):
            emit("" if prev.text.endswith(("-", HYPHEN)) and line.text[:1].islower() else " ", line)
        else:
            emit(PARAGRAPH_BREAK, line)
        prev, gap = line, False
    return CleanText("".join(out), index)


def _next_line(lines: list[_Line], n: int) -> _Line | None:
    """The line right after line `n`, when it is text with no blank line between."""
    return lines[n + 1] if n + 1 < len(lines) and lines[n + 1].kind == "text" else None


def _continues(
    prev: _Line, line: _Line, gap: bool, width: int, following: _Line | None = None, column: int = 10**9
) -> bool:
    """Whether `line` carries on the paragraph that `prev` ended, as far as layout tells; `following`
    is the line right after `line`, if any; `column`, the column the text was wrapped at."""
    open_sentence = not _TERMINAL.search(prev.text)
    if _opens_item(line) and (not open_sentence or line.indent < prev.indent):
        return False  # a list's next item, however long the line before it ran, or under its item's text
    if _opens_item(line) and _opens_item(prev) and line.indent == prev.indent:
        return False  # items of one line each, none ending a sentence
    wrapped = len(prev.text) >= 0.6 * width
    if not gap:
        # Lines of one paragraph: a wrapped line runs close to the wrap width, or ended short where
        # the next line's first word would not have fitted ("... reply immediately with" over
        # "$unverified_recipient_tempfail_action or"); a short line that ends a sentence ended its
        # paragraph.
        extent = prev.indent + len(prev.text)
        unfitted = line.indent == prev.indent and 2 * extent >= column and extent + len(line.text.split()[0]) >= column
        return wrapped or (open_sentence and (line.text[:1].islower() or unfitted))
    # Across blank lines or set-aside artefacts (a page break, a link footer): only a sentence left
    # open continues, and only when the next line reads as its continuation.
    if not open_sentence or _opens_item(line) or number_depth(prev.text) >= 2:
        return False  # nor does a list's item go on across it, nor a numbered heading ("5.3. I keep getting ...")
    if following is not None and max(len(line.text), len(following.text)) < 0.6 * width:
        return False  # short lines together: a configuration or a program's output, not a sentence's rest
    starts_lower = line.text[:1].islower()
    if line.indent < prev.indent and not starts_lower:
        return False  # a sentence set further left after an indented block (code, a list's item)
    return starts_lower or prev.text.endswith((",", "-", HYPHEN)) or len(prev.text) >= 0.75 * width


# A line of a program's help that defines an option ("-c, --check   checks the syntax only", "  -B,
# --ignore-backups   do not list ..."), or names one alone over its description ("--group-directories-first").
_OPTION_SPEC = (
    r"-{1,2}[\w?][\w-]*(?:[ =][\w<\[{\"'](?:\S*[^\s,])?|\[=?\w+\])?"  # its argument: "FILE", "[snews://]host[:port]"
    r"(?:,[ \t]*-{1,2}[\w-]+(?:[ =]\S+|\[=?\w+\])?)*"
)
# The short form with its argument glued on, then the long form after a space, as linuxdoc's manuals
# write them: "-Mcsecs --message-timeout=csecs", "-sdriver,...|auto --speech-driver=driver,...|auto".
_GLUED_FORMS = r"-[\w?]\S*[ \t]+--[\w-]+(?:=\S+)?"
# A name with an underscore alone on its line, as an environment variable or a setting is named over
# its description ("BRLTTY_TEXT_TABLE" over "The text table ...").
_NAME_ALONE = r"[A-Za-z][\w.-]*_[\w.-]*[A-Za-z0-9]"
_OPTION_HEAD = re.compile(rf"({_OPTION_SPEC}|{_GLUED_FORMS})(?:[ \t]{{2,}}(\S.*))?$|({_NAME_ALONE})$")


def option_head(text: str) -> int | None:
    """Where the description starts in a line of a program's help (its text without the indentation),
    -1 for an option or a name with an underscore named alone (over its description, set deeper),
    None for a line that defines neither."""
    head = _OPTION_HEAD.match(text)
    if head is None:
        return None
    return head.start(2) if head.group(2) else -1


def _keeps_indent(first: _Line, prev: _Line, line: _Line, width: int) -> bool:
    """Whether `line` sits where the paragraph that opened with `first` and goes on to `prev` goes
    on, in text whose indentation tells its paragraphs apart (a manual page saved as text): under
    the lines after the first, or, for the second line, under the first or deeper when the first
    ran to the wrap width (a tag with its description beside it: "h or H Help: display a summary
    ..." over "the other commands"). A short line over a deeper one is a tag over its description
    ("-c" over "Continue getting ..."), a section's name over its text, not one paragraph."""
    if prev is not first:
        return line.indent == prev.indent
    full = first.indent + len(first.text) >= 0.75 * width
    return line.indent == first.indent or (line.indent > first.indent and full)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text as `clean` rebuilds it: the raw span from its first character to
    its last, and the raw spans inside it that were set aside (link footers, page numbers)."""

    start: int
    end: int
    holes: tuple[tuple[int, int], ...]
    lines: int
    # A one-line paragraph with a rule drawn right under it is a heading; its style is the rule's
    # mark, and "over" when the same rule is drawn right above it too ("=", "-over").
    underline: str = ""
    indent: int = 0  # its first line's indentation
    body: int = 0  # the indentation of its lines after the first (its first line's when it has one)


Table = list[list[tuple[int, int]]]  # a table's rows, each the spans of its cells


@dataclass(frozen=True)
class PlainText:
    """Plain text read (`read_plain`): its tables, its paragraphs around them, the set-aside lines
    between those, and its numbered listings (spans)."""

    tables: list[Table]
    paragraphs: list[Paragraph]
    aside: list[tuple[int, int]]
    listings: list[tuple[int, int]]


def read_plain(raw: str, by_indent: bool = False) -> PlainText:
    """Plain text's numbered listings (`numbered_listings`), tables (`ruled_rows`, `figure_rows`,
    `laid_out_rows`), and its paragraphs and the set-aside lines that fall between them
    (`paragraphs`) around those, its lines read once."""
    lines = _lines(raw, markdown=False)
    listings = numbered_listings(lines)
    tables = ruled_rows(raw, lines)
    tables += [*figure_rows(raw, lines), *laid_out_rows(raw, lines)]
    rows = [*listings, *((row[0][0], row[-1][1]) for table in tables for row in table)]
    found, aside = paragraphs(raw, lines, rows, by_indent)
    return PlainText(tables, found, aside, listings)


# A line of a listing numbered line by line: its number, then its text past white space, or nothing
# (a blank line's number); not a value's or an item's number over its description ("1 - move by
# numbers", "2: ..."). The marks of code or configuration one of its lines holds.
_LISTING_LINE = re.compile(r"(\d{1,4})(?:\s+(?![-–—:).]\s)\S.*)?$")
_CODE_MARK = re.compile(r"[=#{}$;<>/\\]")
# The numbered lines a listing has at least.
LISTING_LINES = 3
_READ = ("text", "artefact")


def numbered_listings(lines: list[_Line]) -> list[tuple[int, int]]:
    """The spans of plain text's listings numbered line by line ("1 /etc/postfix/main.cf:", "2 # Raise
    the global process limit", "3 default_process_limit = 200"): LISTING_LINES lines or more with no
    blank line between, numbered from 1, each number one more than the last; a line without one
    between two numbered lines is the first wrapped. A run of numbered titles ("1 Introduction", "2
    Installation") is no listing: one of its lines must be a number alone or half of them hold a
    mark of code. Their lines are marked "row": they are no paragraph's and no table's."""

    def number(n: int) -> int | None:
        # a blank line's number alone was set aside as a page's number
        found = _LISTING_LINE.match(lines[n].text) if n < len(lines) and lines[n].kind in _READ else None
        return int(found[1]) if found else None

    spans: list[tuple[int, int]] = []
    n = 0
    while n < len(lines):
        numbered = [n] if number(n) == 1 else []
        m = n + 1
        while numbered and m < len(lines) and lines[m].kind in _READ:
            if number(m) == len(numbered) + 1:
                numbered.append(m)
            elif not (m == numbered[-1] + 1 and number(m + 1) == len(numbered) + 1):
                break  # past the listing, unless a numbered line wrapped onto this one
            m += 1
        run = [lines[k] for k in numbered]
        coded = sum(bool(_CODE_MARK.search(line.text)) for line in run)
        if len(run) >= LISTING_LINES and (any(line.text.isdigit() for line in run) or 2 * coded >= len(run)):
            for line in lines[n : numbered[-1] + 1]:
                line.kind = "row"
            spans.append((run[0].start, run[-1].end))
            n = numbered[-1] + 1
        else:
            n += 1
    return spans


def paragraphs(
    raw: str, lines: list[_Line], rows: Sequence[tuple[int, int]] = (), by_indent: bool = False
) -> tuple[list[Paragraph], list[tuple[int, int]]]:
    """The paragraphs of plain text, and the set-aside lines that fall between them (as spans), by
    the same rules as `clean`: `clean(raw).text` is the paragraphs' text joined by blank lines.
    The lines inside `rows` (spans of table rows) belong to no paragraph and end the one before
    them. `by_indent`: a paragraph also keeps its indentation (`_keeps_indent`) and ends at a blank
    line, as a manual page saved as text sets its paragraphs apart."""
    if rows:
        starts = sorted(rows)
        for line in lines:
            at = bisect.bisect_right(starts, (line.start, float("inf"))) - 1
            if at >= 0 and line.kind != "blank" and line.start < starts[at][1]:
                line.kind = "row"
    width, column = _wrap_width(lines), _wrap_width(lines, indented=True)
    found: list[list[_Line]] = []
    firsts: list[int] = []  # index in `lines` of each paragraph's first line
    described: int | None = None  # an option's paragraph: the column its description goes on in (-1: not yet known)
    styles: dict[int, str] = {}  # paragraph number -> underline style
    aside: list[_Line] = []
    pending: list[_Line] = []  # artefact lines since the last text line
    prev: _Line | None = None
    gap = False
    for i, line in enumerate(lines):
        if line.kind in ("blank", "artefact"):
            gap = gap or prev is not None
            if line.kind == "artefact":
                pending.append(line)
            continue
        if line.kind == "row":
            aside.extend(pending)
            pending = []
            prev, gap = None, False
            continue
        if line.kind == "rule":
            # a line laid out in columns over a rule heads a table, not a section ("Symbol Name
            # Description" over NetHack's table of symbols)
            if prev is not None and not gap and len(found[-1]) == 1 and not _LAID_OUT.search(prev.text):
                above = lines[firsts[-1] - 1] if firsts[-1] > 0 else None
                over = above is not None and above.kind == "rule" and above.text == line.text
                styles[len(found) - 1] = line.text[0] + ("over" if over else "")
            aside.extend(pending)
            aside.append(line)
            pending = []
            prev, gap = None, False
            continue
        # In a program's help (a paragraph defining an option is open), the description goes on
        # only in its own column (an option named there is part of it), and any other line, the
        # next option's above all, starts a paragraph. A line defining an option after a sentence's
        # end starts one too ("...for short options too." over "  -a, --all   do not ignore ...").
        option = None if by_indent else option_head(line.text)
        if prev is not None and described is not None:
            under = line.indent == described or (described < 0 and line.indent > prev.indent)
            goes_on = under and (not gap or _continues(prev, line, gap, width, _next_line(lines, i), column))
        else:
            goes_on = (
                prev is not None
                and not (option is not None and option >= 0 and _TERMINAL.search(prev.text))
                and _continues(prev, line, gap, width, _next_line(lines, i), column)
                and (not by_indent or (not gap and _keeps_indent(found[-1][0], prev, line, width)))
            )
        if gap and i + 1 < len(lines) and lines[i + 1].kind == "rule":
            goes_on = False  # underlined after a blank line: a section's heading, not a list item's rest
        if goes_on:
            found[-1].extend(pending)
            found[-1].append(line)
            if described is not None and described < 0:
                described = line.indent
        else:
            aside.extend(pending)
            found.append([line])
            firsts.append(i)
            described = None if option is None else line.indent + option if option >= 0 else -1
        pending = []
        prev, gap = line, False
    aside.extend(pending)
    out = []
    for n, group in enumerate(found):
        text_lines = [line for line in group if line.kind != "artefact"]
        holes = tuple((line.start, line.end) for line in group if line.kind == "artefact")
        first, last, body = text_lines[0], text_lines[-1], text_lines[min(1, len(text_lines) - 1)]
        style = styles.get(n, "")
        out.append(Paragraph(first.start, last.end, holes, len(text_lines), style, first.indent, body.indent))
    return out, sorted((line.start, line.end) for line in aside)


# A line that is one figure of a table: a number, a percentage, an amount in brackets (a negative)
# or a dash (none), with the currency marks and per-cent signs a text extractor leaves around it
# ("(1,577)", "19.1 %", "5,791 $", "—"), or a currency mark alone (the next figure's).
# Possessive: a run of digits is read one way only, so a line of a 40-digit object id fails at
# once instead of trying its 2^40 splits into figures.
_FIGURE = re.compile(r"^(?:[$€£¥%()\s]|[-–—](?!\d)|-?\d[\d,]*+(?:\.\d+)?)++$")
_LEADER = re.compile(r"\s*(?:\.\s*){3,}[$€£¥]?$")  # the dots leading a label to its figures
# A table written a cell to a line, as PDF text extractors write a statement of figures, counts
# when it has this many rows (a label, then its figures) with at most ROW_GAP other lines between
# two (a heading "Current liabilities", a label wrapped over two lines that has no figures).
TABLE_ROWS = 3
ROW_GAP = 3


def figure_rows(raw: str, lines: list[_Line]) -> list[Table]:
    """The tables of plain text written one cell to a line, blank lines between ("Purchases of
    property, plant and equipment", "(1,577)", "(1,373)", each a line): for each table, its rows,
    for each row the spans of its cells, the label first. A row is a line that is not a figure
    (its leader dots left out) followed by one or more figure lines; currency marks standing alone
    are no cells; a line that ends a sentence, or a running header, is no label (a page's number
    may follow it), nor is a listing's numbered line followed by the next number alone ("8
    License: GPL-2+", "9"). A number alone on a line inside such a table is a figure, not a page
    number."""
    lines = [line for line in lines if line.kind != "blank"]
    tables: list[Table] = []
    rows: Table = []
    between = 0  # lines since the last row ended
    n = 0
    while n < len(lines):
        line = lines[n]
        figures = []
        m = n + 1
        while m < len(lines) and _FIGURE.match(lines[m].text) and not _FIGURE.match(line.text):
            if any(c.isdigit() for c in lines[m].text) or lines[m].text.strip("-–— ") == "":
                figures.append((lines[m].start, lines[m].end))
            m += 1
        if (
            figures
            and line.kind == "text"
            and not _TERMINAL.search(_LEADER.sub("", line.text))
            and not _numbered(line, raw, figures)
        ):
            if rows and between > ROW_GAP:
                _close(tables, rows)
                rows = []
            label_end = line.start + len(_LEADER.sub("", line.text))
            rows.append([(line.start, label_end), *figures])
            between = 0
            n = m
            continue
        between += 1
        n += 1
    _close(tables, rows)
    return tables


def _numbered(line: _Line, raw: str, figures: list[tuple[int, int]]) -> bool:
    """Whether `line` opens with a listing's line number and its one figure is the next number."""
    opening = re.match(r"(\d+)\s", line.text)
    return opening is not None and len(figures) == 1 and raw[slice(*figures[0])].strip() == str(int(opening[1]) + 1)


def _close(tables: list[Table], rows: Table) -> None:
    if len(rows) >= TABLE_ROWS:
        tables.append(rows)


# A rule drawn under each column of a table's header, the columns parted by spaces ("-------
# ----------  ----", as pandoc writes a table in plain text, and many READMEs do).
_COLUMN_RULE = re.compile(r"([-=])\1{2,}(?: +([-=])\2{2,})+")


def ruled_rows(raw: str, lines: list[_Line]) -> list[Table]:
    """The tables of plain text whose columns a rule under the header marks out, as pandoc writes
    them: the header, the rule, then the rows, each cut into cells where the rule's columns start
    (at the white space nearest, where a cell runs past its column). A table framed by a rule
    across its whole width above its header is a multiline one (`_rows_below`). A cell may hold
    single spaces and run to any length ("ringsize = 16, bulletproofs+, view tags, ..."), which the
    columns of `laid_out_rows` do not allow. The lines read are marked "row": no other reading
    takes them."""
    tables: list[Table] = []
    for n, rule in enumerate(lines):
        if not _ruled(rule) or n == 0 or lines[n - 1].kind != "text" or _ruled(lines[n - 1]):
            continue
        top = n - 1  # the header's first line
        while top > 0 and lines[top - 1].kind == "text":
            top -= 1
        multiline = top > 0 and lines[top - 1].kind == "rule"
        if multiline:
            head = [lines[top:n], [rule]]
        else:  # a header of one line, under a rule of its own in reStructuredText
            top = n - 2 if n > 1 and _ruled(lines[n - 2]) else n - 1
            head = [[line] for line in lines[top : n + 1]]
        rows, used = _rows_below(lines, n, multiline)
        if len(rows) < TABLE_ROWS - 1:
            continue
        starts = [rule.indent + m.start() for m in re.finditer(r"\S+", rule.text)]
        tables.append([_cells(raw, group, starts) for group in (*head, *rows)])
        for line in lines[top : n + 1 + used]:
            line.kind = "row"
    return tables


def _rows_below(lines: list[_Line], n: int, multiline: bool) -> tuple[list[list[_Line]], int]:
    """The rows under the rule `lines[n]`, each the lines it is written over, and how many lines
    they take, a closing rule included. A multiline table's rows run down to the next rule across
    the width, parted by blank lines; any other table's are a line each, down to a blank line or a
    rule closing the table (reStructuredText's)."""
    rows: list[list[_Line]] = []
    row: list[_Line] = []
    used = 0
    for line in lines[n + 1 :]:
        if line.kind == "text" and not multiline:
            rows.append([line])
            used += 1
            if _ruled(line):
                break
            continue
        if line.kind == "text":
            row.append(line)
            used += 1
            continue
        if row:
            rows.append(row)
            row = []
        if not multiline:
            break
        used += 1
        if line.kind == "rule":
            break
    if row:
        rows.append(row)
    return rows, used


def _ruled(line: _Line) -> bool:
    return line.kind == "text" and _COLUMN_RULE.fullmatch(line.text) is not None


def _cells(raw: str, group: list[_Line], starts: list[int]) -> list[tuple[int, int]]:
    """The cells of a row written over the lines of `group`, its columns starting at `starts`
    (columns from a line's start): each column's text from where it starts on the row's first
    line holding it to where it ends on the last. A row whose cells would overlap so (two columns
    wrapped side by side) is one cell."""
    per_line = [_cut(raw, line, starts) for line in group]
    cells: list[tuple[int, int]] = []
    for column in range(len(starts)):
        spans = [cut[column] for cut in per_line if cut[column][0] < cut[column][1]]
        edge = cells[-1][1] if cells else group[0].start  # a blank cell stands after the cell before it
        cells.append((spans[0][0], spans[-1][1]) if spans else (max(per_line[0][column][0], edge),) * 2)
    filled = [cell for cell in cells if cell[0] < cell[1]]
    if any(a[1] > b[0] for a, b in pairwise(filled)):
        return [(group[0].start, group[-1].end)]
    return cells


def _cut(raw: str, line: _Line, starts: list[int]) -> list[tuple[int, int]]:
    """The cells of `line`, its columns starting at `starts` (columns from its line's start): a cut
    that falls inside a word moves back to the white space before it; a blank cell is an empty
    span where it would start."""
    home = line.start - line.indent
    cuts = []
    for column in starts[1:]:
        at = min(max(home + column, line.start), line.end)
        while line.start < at < line.end and not raw[at - 1].isspace() and not raw[at].isspace():
            at -= 1
        cuts.append(at)
    cells = []
    for begin, stop in zip([line.start, *cuts], [*cuts, line.end], strict=True):
        text = raw[begin:stop]
        if not text.strip():
            cells.append((begin, begin))
            continue
        first = begin + len(text) - len(text.lstrip())
        cells.append((first, first + len(text.strip())))
    return cells


# A table laid out with spaces, as `pdftotext -layout`, fixed-width reports and plain-text
# READMEs write one: cells parted by two spaces or more, at least TABLE_ROWS lines in a row, with
# most of them ending their last cell in one column (figures set flush right) or starting their
# second cell in one column (text set flush left).
_CELL = re.compile(r"\S+(?: \S+)*")
_BORDER = re.compile(r"[*|+#]+")
_CONTENTS_LINE = re.compile(r"(?:\.\s?){4,}$")  # an entry's dot leader, its page number the next cell
ALIGNED_SHARE = 0.7
# A column set flush right holds figures or a word or two a row ("177,866", "not given").
FLUSH_RIGHT_WORDS = 2
# Prose justified with spaces widens the gaps between its words to this many spaces at most; a
# column set flush right stands further from the cell before it on some row.
JUSTIFIED_GAP = 3


def laid_out_rows(raw: str, lines: list[_Line]) -> list[Table]:
    """The tables of plain text laid out in columns with spaces: for each table, its rows, for
    each row the spans of its cells. Lines of two cells or more in a row whose columns align (see
    ALIGNED_SHARE) and whose cells after the first are short are one; a box's border ("*" down
    each side) is no cell, and a contents page's entries (dot leaders, then a page number) are no
    table. Each row's cells are set in the table's columns (`_slotted`). A line right under a row
    that starts where the row's second cell starts, alone, is that row's last cell wrapped ("--block-size=SIZE
    with -l, scale sizes by SIZE when printing them;" / "e.g., '--block-size=M'; see SIZE format
    below", as a program's help wraps a description): the cell runs on to its end."""
    tables: list[Table] = []
    run: list[tuple[_Line, list[tuple[int, int]]]] = []
    wrapped: dict[int, int] = {}  # a row of the run, by number -> where its last cell ends, wrapped
    after_row = False  # the line before is a row of the run, or its last cell wrapped

    def close() -> None:
        contents = sum(1 for _, cells in run if _CONTENTS_LINE.search(raw[slice(*cells[0])]))
        if len(run) >= TABLE_ROWS and contents < 0.5 * len(run) and _columns_align(raw, run):
            rows = _slotted(raw, run)
            for n, end in wrapped.items():
                row = rows[n]
                last = max(range(len(row)), key=lambda k: row[k][1])  # the first cell where the row's text ends
                row[last] = (row[last][0], end)
                # a column the row leaves blank after it stands after the wrapped text, not inside it
                row[last + 1 :] = [(end, end)] * (len(row) - last - 1)
            tables.append(rows)
        run.clear()
        wrapped.clear()

    for line in lines:
        cells = _laid_cells(raw, line) if line.kind == "text" else []
        if len(cells) >= 2:
            run.append((line, cells))
            after_row = True
        elif after_row and len(cells) == 1 and _column(raw, cells[0][0]) == _column(raw, run[-1][1][1][0]):
            wrapped[len(run) - 1] = cells[0][1]
        else:
            close()
            after_row = False
    close()
    return tables


def _laid_cells(raw: str, line: _Line) -> list[tuple[int, int]]:
    """The cells of a line, less a box's border drawn around text ("*  6. Disclaimer  *")."""
    cells = [(line.start + m.start(), line.start + m.end()) for m in _CELL.finditer(raw[line.start : line.end])]
    return [(s, e) for s, e in cells if not _BORDER.fullmatch(raw[s:e])]


def _column(raw: str, at: int) -> int:
    """The column of raw offset `at` on its line."""
    return at - (raw.rfind("\n", 0, at) + 1)


def _columns_align(raw: str, run: list[tuple[_Line, list[tuple[int, int]]]]) -> bool:
    """Whether the lines' second cells start in one column (text set flush left), or their last
    cells end in one column and are figures or a word or two (set flush right), and no cell after
    the first is long. Prose justified with spaces ("Set  an  environment  variable to an
    indicated", as nroff writes it) ends in one column too, but its gaps fall anywhere: its last
    cells are runs of words. Lines whose first cells close a sentence and whose second cells open
    one are prose, two spaces after each sentence."""
    need = ALIGNED_SHARE * len(run)

    def aligned(columns: list[int]) -> bool:
        return max(sum(1 for x in columns if abs(x - c) <= 1) for c in columns) >= need

    ends = [_column(raw, cells[-1][1]) for _, cells in run]
    seconds = [_column(raw, cells[1][0]) for _, cells in run]
    widest = max(b[0] - a[1] for _, cells in run for a, b in pairwise(cells))
    short_ends = sum(1 for _, cells in run if len(raw[slice(*cells[-1])].split()) <= FLUSH_RIGHT_WORDS) >= need
    flush_right = aligned(ends) and short_ends and widest > JUSTIFIED_GAP
    # Prose that puts two spaces after a sentence ("abort the operation if it takes too long.  This
    # prevents anomalies", as pod2man and many text files write it) parts its lines at sentence
    # ends, and they may fall in one column a few lines running: no table.
    sentences = sum(1 for _, cells in run if _prose_cell(raw[slice(*cells[0])]) and raw[cells[1][0]].isupper())
    return (
        (aligned(seconds) or flush_right)
        and sentences < need
        and all(len(raw[s:e].split()) <= 12 for _, cells in run for s, e in cells[1:])
    )


# A cell that ends a sentence of a few words ("if it takes too long."; not a number "1." or "e.g.").
_SENTENCE_END = re.compile(r"[a-z][a-z)]\.[\"'”’)\]]*$|[!?][\"'”’)\]]*$")
PROSE_WORDS = 3


def _prose_cell(text: str) -> bool:
    return len(text.split()) >= PROSE_WORDS and _SENTENCE_END.search(text) is not None


# A listing that holds prose (`reads_as_prose`): this many words at least, this share of them words
# of a sentence, at most this share of its lines marked as code, at least this share of its lines
# wrapped mid-sentence, at most this share of its lines set in columns. Measured over every
# listing of the development sets' HTML, Word, OpenDocument and EPUB files: HAProxy's guide (34
# listings), a quoted e-mail in Git's manual and GNU's letters and notices read as prose; program
# output (apt's, a thread's lines, log lines), sessions and a program's screens do not.
LISTING_PROSE_WORDS = 40
LISTING_WORD_SHARE = 0.75
LISTING_CODE_SHARE = 0.2
LISTING_WRAP_SHARE = 0.3
LISTING_COLUMN_SHARE = 0.2
_PROSE_WORD = re.compile(r"[(\"'‘“]*[A-Za-z][a-z'’-]*[)\"'’”,.;:!?]*")
_CODE_LINE = re.compile(r"[={}$<>|\\`]|^\s*#|^\s*//|\w\(|::|->")
_PROMPT = re.compile(r"\s*[$#>] ")
_WRAPPED = re.compile(r"[A-Za-z,]\s*$")
_GOES_ON = re.compile(r"\s*[a-z(]")
# A sentence's end inside a line: a word or a bracket, then the mark that closes the sentence.
PROSE_END = re.compile(r"[a-z)][.!?](?:\s|$)")


def reads_as_prose(text: str) -> bool:
    """Whether a listing (a `<pre>`, a paragraph set in a fixed-pitch font) is a text document's
    prose wrapped at a fixed width, not code, a session or a program's output: its words read as a
    sentence's, few lines hold a mark of code and none opens with a prompt, sentences end in it,
    many lines go on mid-sentence on the next, and few are set in columns."""
    lines = [line for line in text.splitlines() if line.strip()]
    tokens = text.split()
    if len(tokens) < LISTING_PROSE_WORDS:
        return False
    wordy = sum(1 for token in tokens if _PROSE_WORD.fullmatch(token)) / len(tokens)
    coded = sum(1 for line in lines if _CODE_LINE.search(line)) / len(lines)
    columns = sum(1 for line in lines if _LAID_OUT.search(line.strip())) / len(lines)
    wraps = sum(1 for a, b in pairwise(lines) if _WRAPPED.search(a) and _GOES_ON.match(b))
    return (
        wordy >= LISTING_WORD_SHARE
        and coded <= LISTING_CODE_SHARE
        and columns <= LISTING_COLUMN_SHARE
        and not any(_PROMPT.match(line) for line in lines)
        and len(PROSE_END.findall(text)) >= 2
        and wraps >= LISTING_WRAP_SHARE * (len(lines) - 1)
    )


def _slotted(raw: str, run: list[tuple[_Line, list[tuple[int, int]]]]) -> list[list[tuple[int, int]]]:
    """Each row's cells set in the table's columns, those of its row with the most cells: a cell
    goes to the column it overlaps most, and a column a row leaves blank (a header's first, a
    figure not given) gets an empty cell, so that every cell stands under its column's header. A
    row whose cells would share a column keeps its cells as they are."""
    template = max((cells for _, cells in run), key=len)
    columns = [(_column(raw, s), _column(raw, e)) for s, e in template]
    rows = []
    for line, cells in run:
        placed: list[tuple[int, int] | None] = [None] * len(columns)
        for s, e in cells:
            x0, x1 = _column(raw, s), _column(raw, e)
            slot = max(
                range(len(columns)),
                key=lambda k: (min(x1, columns[k][1]) - max(x0, columns[k][0]), -abs(x1 - columns[k][1])),
            )
            if placed[slot] is not None:
                placed = []
                break
            placed[slot] = (s, e)
        if not placed:
            rows.append(cells)
            continue
        row, at = [], line.start
        for cell in placed:
            row.append(cell if cell is not None else (at, at))
            at = cell[1] if cell is not None else at
        rows.append(row)
    return rows
