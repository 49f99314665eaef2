"""reStructuredText as projects ship it (README.rst, a Sphinx project's pages): read as a reader of
the built page sees it.

Sections are headings by their underline (and overline), ranked as docutils ranks them, in the order
the styles first appear. A directive's own line and options are boilerplate; what it holds is read
by what the directive is: code (`code-block`), text (an admonition, a tab, a version note), or
nothing a reader is shown as text (`image`, `toctree`, a comment, a link target). A paragraph
ending in "::" introduces the literal block indented under it, which is code; its "::" reads ":".
List items are list items, their continuation lines indented under their text. Inline markup is a
hole in the text: the backquotes of a literal and a reference, a link's address, a role's name
(":ref:`pip install`" reads "pip install"); a PEP or an RFC named by its role reads as its name
(":pep:`440`" reads "PEP 440"). Every span indexes the file's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from index.document import Block, Document, Kind, Span, Swap, flatten

# A line drawn with one punctuation mark repeated: a section title's underline (or overline).
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1{2,}[ \t]*")
# ".. name:: argument", ".. |substitution| name:: argument".
_DIRECTIVE = re.compile(r"\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:+-]+)[ \t]?::(?:[ \t]+(.*))?$")
# An explicit markup line that shows nothing: a link target (".. _PyPI: https://...", ".. _`name`:")
# or a comment (".. " and anything else).
_EXPLICIT = re.compile(r"\.\.(?:[ \t]|$)")
# A directive's option under it (":alt: build status", ":linenos:").
_OPTION = re.compile(r":[\w -]+:(?:[ \t]|$)")
# A list item's marker: a bullet, or a number or "#" with "." or ")" after it, or in parentheses.
_ITEM = re.compile(r"(?:[-*+•]|(?:\d+|#|[a-zA-Z])[.)]|\((?:\d+|#|[a-zA-Z])\))[ \t]+(?=\S)")

# Directives whose content is code, shown as it is written.
CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "doctest", "testcode", "testoutput", "parsed-literal"})
# Directives that show their reader no text of their own: a picture (a figure's caption is read), a
# contents tree, a file taken in, raw output, a table of contents, markup for the index, a formula.
HIDDEN_DIRECTIVES = frozenset(
    {"image", "toctree", "include", "literalinclude", "raw", "contents", "sectnum", "meta", "highlight", "index",
     "role", "default-role", "autosummary", "graphviz", "math"}
)  # fmt: skip
# Directives whose argument is a heading of the text under it ("Basic Authentication Credentials").
HEADING_DIRECTIVES = frozenset({"rubric", "topic", "sidebar", "admonition"})
RUBRIC_LEVEL = 6
MAX_NESTING = 50


@dataclass
class _Line:
    start: int  # offset of its first character that is not white space
    end: int  # offset past its last character that is not white space
    indent: int
    text: str


def _lines(text: str) -> list[_Line | None]:
    """Each line of `text`; None for a blank one."""
    out: list[_Line | None] = []
    offset = 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip("\r\n")
        stripped = body.strip()
        lead = len(body) - len(body.lstrip())
        out.append(_Line(offset + lead, offset + lead + len(stripped), lead, stripped) if stripped else None)
        offset += len(piece)
    return out


def parse_rst(source: str, sha256: str, text: str) -> Document:
    reader = _Reader(text)
    reader.read(0, len(reader.lines), 0)
    blocks = sorted(reader.blocks, key=lambda b: (b.start, b.end))
    first = next((b for b in blocks if b.kind == "heading"), None)
    title = ""
    if first is not None and not any(
        b.kind not in ("boilerplate", "heading") and b.start < first.start for b in blocks
    ):
        title = flatten(text, first.start, first.end, first.holes, swaps=first.swaps).text
    return Document(source, sha256, text, title, blocks)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _lines(text)
        self.blocks: list[Block] = []
        self.styles: list[str] = []  # section title styles in the order they first appear
        self.groups = 0
        self.depth = 0  # bodies being read inside each other

    def read(self, first: int, last: int, indent: int) -> None:
        """Read lines first..last-1, a body whose text starts at column `indent` or deeper; past
        MAX_NESTING bodies inside bodies, as its lines stand (a file nesting thousands of notes
        is read, not cut short by the interpreter's stack)."""
        if self.depth >= MAX_NESTING:
            self._code(first, last)
            return
        self.depth += 1
        try:
            self._read(first, last)
        finally:
            self.depth -= 1

    def _read(self, first: int, last: int) -> None:
        n = first
        while n < last:
            line = self.lines[n]
            if line is None:
                n += 1
                continue
            n = self._read_at(n, last, line)

    def _under(self, n: int, last: int, indent: int) -> int:
        """The line after the block indented deeper than `indent` that starts at line n (blank
        lines inside it included, those after it not)."""
        end = n
        m = n
        while m < last:
            line = self.lines[m]
            if line is not None:
                if line.indent <= indent:
                    break
                end = m + 1
            m += 1
        return end

    def _read_at(self, n: int, last: int, line: _Line) -> int:
        text = self.text
        table = self._table(n, last, line)
        if table is not None:
            return table
        heading = self._heading(n, last)
        if heading is not None:
            return heading
        if _EXPLICIT.match(line.text):
            directive = _DIRECTIVE.match(line.text)
            end = self._under(n + 1, last, line.indent)
            if directive is None:  # a comment or a link target
                self._aside(n, end)
                return end
            name, argument = directive.group(1).lower(), directive.group(2) or ""
            body = n + 1
            while body < end and (option := self.lines[body]) is not None and _OPTION.match(option.text):
                body += 1  # the directive's options
            if name in HEADING_DIRECTIVES and argument:
                at = line.start + line.text.index(argument)
                self.blocks.append(Block("boilerplate", line.start, at))
                level = RUBRIC_LEVEL if name == "rubric" else min(len(self.styles) + 1, 6)
                holes, swaps = _markup(text, at, line.end)
                self.blocks.append(Block("heading", at, line.end, level, -1, (), holes, swaps))
            else:
                self.blocks.append(Block("boilerplate", line.start, line.end))
            self._aside(n + 1, body)
            if name in HIDDEN_DIRECTIVES:
                self._aside(body, end)
            elif name in CODE_DIRECTIVES:
                self._code(body, end)
            else:
                self.read(body, end, line.indent)
            return end
        if line.text == "::":  # a literal block introduced by nothing but "::"
            self.blocks.append(Block("boilerplate", line.start, line.end))
            end = self._under(n + 1, last, line.indent)
            self._code(n + 1, end)
            return end
        item = _ITEM.match(line.text)
        if item is not None and self._is_item(n, last, line, item.end()):
            column = line.indent + item.end()
            end = self._under(n + 1, last, column - 1)
            para_end = self._paragraph_end(n, end, column)
            self._paragraph(n, para_end, "list_item", line.start + item.end())
            self.read(para_end, end, column)
            return end
        after = self.lines[n + 1] if n + 1 < last else None
        if after is not None and after.indent > line.indent:  # a definition list's term over its definition
            end = self._under(n + 1, last, line.indent)
            para_end = self._paragraph_end(n + 1, end)
            last_line = self.lines[para_end - 1]
            assert last_line is not None
            cells = ((line.start, line.end), (after.start, last_line.end))
            term, description = _markup(text, line.start, line.end), _markup(text, after.start, last_line.end)
            holes, swaps = (*term[0], *description[0]), (*term[1], *description[1])
            self.blocks.append(Block("definition", line.start, last_line.end, 0, -1, cells, holes, swaps))
            self.read(para_end, end, after.indent - 1)
            return end
        end = self._paragraph_end(n, last)
        literal = self._paragraph(n, end, "paragraph", line.start)
        if literal:
            close = self._under(end, last, line.indent)
            self._code(end, close)
            return close
        return end

    def _table(self, n: int, last: int, line: _Line) -> int | None:
        """A grid table ("+-----+-----+" over "| a   | b   |") or a simple one ("=====  =====" over
        "a      b") at line n: adds its rows (those above "+=====+", or between a simple table's first
        two rules when it has three, are its header) and returns the line after it, or None. A row
        is a line of the table: a cell wrapped onto several lines makes as many rows."""
        grid = _GRID_RULE.fullmatch(line.text)
        if grid is None and _SIMPLE_RULE.fullmatch(line.text) is None:
            return None
        end = n
        while end < last and (row := self.lines[end]) is not None and row.indent == line.indent:
            if grid is not None and row.text[0] not in "+|":
                break
            end += 1
        if end - n < 3:
            return None
        rules = [m for m in range(n, end) if _rule_line(self.lines[m], grid is not None)]
        if grid is None and (len(rules) < 2 or rules[-1] != end - 1):
            return None
        offset = line.start - line.indent  # the first line's start: columns are read from it
        edges = [offset + line.indent + at for at, ch in enumerate(line.text) if ch == ("+" if grid else " ")]
        if grid is not None:  # the rows above a rule of "=" are the header
            header = next((m for m in rules if "=" in (self.lines[m] or line).text), -1)
        else:  # the rows between a simple table's first two rules, when it has three
            header = rules[1] if len(rules) > 2 else -1
        self.groups += 1
        for m in range(n, end):
            row = self.lines[m]
            assert row is not None
            if m in rules:
                self.blocks.append(Block("boilerplate", row.start, row.end))
                continue
            cells = _cells(self.text, row, edges, grid is not None, offset)
            if not cells:
                continue
            kind: Kind = "table_header" if m < header else "table_row"
            holes = tuple(hole for cell in cells for hole in _markup(self.text, *cell)[0])
            self.blocks.append(Block(kind, cells[0][0], cells[-1][1], 0, self.groups, tuple(cells), holes))
        return end

    def _is_item(self, n: int, last: int, line: _Line, width: int) -> bool:
        """Whether a line opening with a list marker is a list item: a bullet always; an enumerator
        when the next line is blank, another item or indented under the item's text ("1. Identify
        ..." / "   here."), not a sentence going on at the margin ("2020. We ...")."""
        if line.text[0] in "-*+•":
            return True
        after = self.lines[n + 1] if n + 1 < last else None
        return after is None or after.indent >= line.indent + width or bool(_ITEM.match(after.text))

    def _paragraph_end(self, n: int, last: int, margin: int | None = None) -> int:
        """The line after the paragraph that starts at line n: up to a blank line, a list item at
        its first line's indentation, or a line indented otherwise than `margin` (its first line's
        by default; a list item's text column)."""
        first = self.lines[n]
        assert first is not None
        margin = first.indent if margin is None else margin
        m = n + 1
        while m < last:
            line = self.lines[m]
            if line is None or line.indent != margin or (_ITEM.match(line.text) and line.indent == first.indent):
                break
            m += 1
        return m

    def _paragraph(self, n: int, end: int, kind: Kind, start: int) -> bool:
        """Add lines n..end-1 as a block of `kind` from offset `start`; whether it introduces a
        literal block (it ends in "::")."""
        last = self.lines[end - 1]
        assert last is not None
        stop = last.end
        literal = last.text.endswith("::")
        marks, swaps = _markup(self.text, start, stop)
        holes = list(marks)
        if literal:
            if last.text == "::" or last.text.endswith(" ::"):
                holes.append((stop - 2, stop))  # "text ::" reads "text"
            else:
                holes.append((stop - 1, stop))  # "as follows::" reads "as follows:"
        group = self._list_group(kind)
        self.blocks.append(Block(kind, start, stop, 0, group, (), tuple(sorted(holes)), swaps))
        return literal

    def _list_group(self, kind: Kind) -> int:
        """The group of a list item: the group of the item before when it is the last block, else a new one."""
        if kind != "list_item":
            return -1
        before = self.blocks[-1] if self.blocks else None
        if before is not None and before.kind == "list_item":
            return before.group
        self.groups += 1
        return self.groups

    def _code(self, first: int, end: int) -> None:
        lines = [line for line in self.lines[first:end] if line is not None]
        if lines:
            self.blocks.append(Block("code", lines[0].start, lines[-1].end))

    def _aside(self, first: int, end: int) -> None:
        lines = [line for line in self.lines[first:end] if line is not None]
        if lines:
            self.blocks.append(Block("boilerplate", lines[0].start, lines[-1].end))

    def _heading(self, n: int, last: int) -> int | None:
        """A section title at line n, underlined (and maybe overlined): adds it and returns the line
        after it, or None."""
        line = self.lines[n]
        assert line is not None
        over = _ADORNMENT.fullmatch(line.text)
        if over is not None and n + 2 < last:
            title, under = self.lines[n + 1], self.lines[n + 2]
            if (
                title is not None
                and under is not None
                and under.text == line.text
                and not _ADORNMENT.fullmatch(title.text)
            ):
                self._add_heading(title, "over" + line.text[0])
                self.blocks.append(Block("boilerplate", line.start, line.end))
                self.blocks.append(Block("boilerplate", under.start, under.end))
                return n + 3
        under_line = self.lines[n + 1] if n + 1 < last else None
        if over is None and under_line is not None and under_line.indent == line.indent == 0:
            rule = _ADORNMENT.fullmatch(under_line.text)
            if rule is not None and len(under_line.text) >= len(line.text) - 1:
                self._add_heading(line, under_line.text[0])
                self.blocks.append(Block("boilerplate", under_line.start, under_line.end))
                return n + 2
        if over is not None:  # a transition, or a rule drawn alone
            self.blocks.append(Block("boilerplate", line.start, line.end))
            return n + 1
        return None

    def _add_heading(self, line: _Line, style: str) -> None:
        if style not in self.styles:
            self.styles.append(style)
        level = min(self.styles.index(style) + 1, 6)
        holes, swaps = _markup(self.text, line.start, line.end)
        self.blocks.append(Block("heading", line.start, line.end, level, -1, (), holes, swaps))


# A grid table's rule ("+------+------+", "+======+") and a simple table's ("=====  ======").
_GRID_RULE = re.compile(r"\+(?:[-=]+\+){1,}")
_SIMPLE_RULE = re.compile(r"=+(?: +=+)+")


def _rule_line(line: _Line | None, grid: bool) -> bool:
    return (
        line is not None
        and (_GRID_RULE.fullmatch(line.text) if grid else _SIMPLE_RULE.fullmatch(line.text)) is not None
    )


def _cells(text: str, row: _Line, edges: list[int], grid: bool, offset: int) -> list[Span]:
    """The spans of a table line's cells: between a grid's "|" under its rule's "+", or in a simple
    table's columns, the last running to the line's end; a blank cell is left out."""
    start = row.start - row.indent  # where the line starts in the text
    shift = start - offset
    bounds = [edge + shift for edge in edges]
    if grid:
        spans = [(a + 1, b) for a, b in pairwise(bounds)]
    else:  # a simple table: a column starts after each run of the rule's spaces
        gaps = set(bounds)
        starts = sorted({start + row.indent, *(at + 1 for at in bounds if at + 1 not in gaps and at + 1 < row.end)})
        spans = list(zip(starts, [*starts[1:], row.end], strict=True))
    out = []
    for a, b in spans:
        a, b = max(a, row.start), min(b, row.end)
        piece = text[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((a + lead, a + len(piece.rstrip())))
    return out


# Inline markup: a literal (``text``), a role (:ref:`text <target>`, :pep:`440`), a reference
# (`text <url>`_, `text`_, word_), an emphasis (*text*, **text**), a substitution's bars left as they are.
_LITERAL = re.compile(r"``(.+?)``")
_ROLE = re.compile(r":([\w:+-]+):`([^`]+?)`")
_REFERENCE = re.compile(r"`([^`<]+?)(\s*<[^`>]*>)?`(__?)")
_WORD_REFERENCE = re.compile(r"(?<=\w)__?(?=[\s.,;:)!?]|$)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*?)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_TARGET = re.compile(r"\s*<([^<>]*)>$")


def _markup(text: str, start: int, end: int) -> tuple[tuple[Span, ...], tuple[Swap, ...]]:
    """The markup inside text[start:end] that a reader of the page does not see (holes), and the
    roles that read as other text (swaps)."""
    holes: list[Span] = []
    swaps: list[Swap] = []
    kept: list[Span] = []
    for literal in _LITERAL.finditer(text, start, end):
        holes += [(literal.start(), literal.start() + 2), (literal.end() - 2, literal.end())]
        kept.append(literal.span())

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in kept)

    for role in _ROLE.finditer(text, start, end):
        if not free(*role.span()):
            continue
        body_start, body_end = role.span(2)
        target = _TARGET.search(text, body_start, body_end)
        name = role.group(1).lower()
        if name in ("pep", "rfc"):  # ":pep:`440`" reads "PEP 440": the marks left out, the name in capitals
            named = role.start() + 1, role.start() + 1 + len(name)
            holes += [(role.start(), named[0]), (named[1], body_start), (body_end, role.end())]
            swaps.append((*named, name.upper()))
        else:
            holes.append((role.start(), body_start))
            holes.append((target.start(), body_end + 1) if target else (body_end, role.end()))
        kept.append(role.span())
    for reference in _REFERENCE.finditer(text, start, end):
        if not free(*reference.span()):
            continue
        holes.append((reference.start(), reference.start() + 1))
        tail = reference.start(2) if reference.group(2) else reference.end(1)
        holes.append((tail, reference.end()))
        kept.append(reference.span())
    for word in _WORD_REFERENCE.finditer(text, start, end):
        if free(*word.span()):
            holes.append(word.span())
    for emphasis in _EMPHASIS.finditer(text, start, end):
        if free(*emphasis.span()):
            marks = len(emphasis.group(1))
            holes += [(emphasis.start(), emphasis.start() + marks), (emphasis.end() - marks, emphasis.end())]
    return tuple(sorted(holes)), tuple(swaps)
