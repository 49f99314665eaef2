"""Markdown to a Document through markdown-it-py: spans index the file's own text.

markdown-it gives each block its lines; the block's span is those lines, and its markup (heading
marks, list markers, quote marks, emphasis, link targets, table pipes) are holes in it, so that a
quote reads as text while its span is the file's own. A character reference ("M&auml;dler",
"&lt;name&gt;") reads as the character it stands for, as a rendered page shows it, but in code.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import TYPE_CHECKING

from index.document import LINK_DENSITY, TYPED_ITEM_CHARS, Block, Document, Kind, Span, Swap, flatten

if TYPE_CHECKING:
    from markdown_it.token import Token

_HEADING_MARKS = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)|[ \t]+#+[ \t]*$", re.MULTILINE)
# A block quote's marks, and a GitHub alert's label on its first line ("> [!NOTE]"), which heads the
# box the quote makes and is no text of it.
_LINE_MARKS = re.compile(
    r"^[ \t]*(?:>[ \t]?)+(?:\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$)?", re.MULTILINE | re.IGNORECASE
)
# A kramdown attribute list on a line of its own ("{:.warning}", "{: .note :}", as Jekyll sites
# style a block): the block's styling, no text of it.
_ATTRIBUTES = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$", re.MULTILINE)
# A list item's marker: a bullet is markup, an ordered item's number ("3.", "3)") is read as its
# text, as a reader sees it (the quote marks before it and a task's box after it are markup).
_ITEM_MARK = re.compile(r"([ \t]*(?:>[ \t]?)*)(?:[-*+]|(\d{1,9}[.)]))([ \t]+\[[ xX]\])?[ \t]+")
_INLINE = re.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"  # a backslash escaping punctuation (the backslash alone is markup)
    r"|\*\*+|__+|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_])"  # emphasis
    r"|!?\[|\]\([^)\n]*\)|\]\[[^\]\n]*\]|\]"  # links and images: the text stays, the target goes
    r"|<[A-Za-z/][^>\n]*>"  # inline HTML tags
)
# An image's alt text, between "![" and "]" (the match is the text alone), and a link's or image's
# target.
_IMAGE_ALT = re.compile(r"(?<=!\[)[^\]\n]*(?=\])")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
# A code span's text is read as it stands ("`*.conf`", "`__init__.py`", "`<stdio.h>`"): only its
# backticks are markup. An autolink's address is its text: only its angle brackets are markup.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# (after a UTF-8 byte-order mark, which index.loaders reads as a space)
_FRONT_MATTER = re.compile(r"\A ?---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:[ \t]*[\"']?(.+?)[\"']?[ \t]*$", re.MULTILINE)
# A character reference, named or numbered, as CommonMark reads one.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def parse_markdown(source: str, sha256: str, text: str) -> Document:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    starts = _line_starts(text)
    blocks: list[Block] = []
    title = ""
    offset_lines = 0
    front = _FRONT_MATTER.match(text)
    body = text
    if front:
        blocks.append(Block("boilerplate", 0, front.end()))
        found = _FRONT_TITLE.search(front.group(1))
        title = found.group(1).strip() if found else ""
        offset_lines = text.count("\n", 0, front.end())
        body = text[front.end() :]
    tokens = parser.parse(body)
    groups, list_depth, list_group, table_group = 0, 0, -1, -1
    heading_level, in_item, header_row = 0, 0, False
    row_lines: tuple[int, int] | None = None

    def span_of(lines: list[int]) -> Span:
        first, last = lines[0] + offset_lines, lines[1] + offset_lines
        start = starts[first]
        end = starts[last] - 1 if last < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end

    for n, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if list_depth == 0:
                list_group, groups = groups, groups + 1
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "table_open":
            table_group, groups = groups, groups + 1
        elif kind == "thead_open":
            header_row = True
        elif kind == "thead_close":
            header_row = False
        elif kind == "tr_open" and token.map:
            row_lines = (token.map[0], token.map[1])
        elif kind == "tr_close" and row_lines is not None:
            start, end = span_of(list(row_lines))
            cells = _cells(text, start, end)
            # a table cell's pipe is escaped even inside a code span ("`csv\|xlsx`")
            piped = [(m.start(), m.start() + 1) for m in re.finditer(r"\\\|", text[start:end])]
            holes = tuple(sorted({*_inline_holes(text, start, end), *((start + a, start + b) for a, b in piped)}))
            if any(b > a for a, b in cells):
                row_kind: Kind = "table_header" if header_row else "table_row"
                swaps = _references(text, start, end)
                blocks.append(Block(row_kind, start, end, 0, table_group, cells, holes, swaps))
            row_lines = None
        elif kind in ("fence", "code_block") and token.map:
            first, last = token.map
            if kind == "fence":
                first, last = first + 1, max(first + 1, last - 1)
            if last > first:
                start, end = span_of([first, last])
                if end > start:
                    blocks.append(Block("code", start, end))
        elif kind == "html_block" and token.map:
            start, end = span_of(token.map)
            holes = tuple(m.span() for m in re.finditer(r"<[^>]*>", text[start:end]))
            shifted = tuple((start + a, start + b) for a, b in holes)
            if flatten(text, start, end, shifted).text:
                swaps = _references(text, start, end, code_spans=False)
                blocks.append(Block("paragraph", start, end, 0, -1, (), shifted, swaps))
        elif kind == "inline" and token.map and row_lines is None:
            start, end = span_of(token.map)
            previous = tokens[n - 1].type if n else ""
            first_in_item = in_item and previous == "paragraph_open" and tokens[n - 2].type == "list_item_open"
            item_marks: list[Span] = []
            if heading_level:
                block_kind: Kind = "heading"
                marks = list(_HEADING_MARKS.finditer(text, start, _line_end(text, start)))
                end = min(end, _line_end(text, start))  # a setext heading's underline is not its text
                marks += _badges(text, start, end)
            else:
                block_kind = "list_item" if in_item else "paragraph"
                if _navigates(token.children or [], block_kind):
                    block_kind = "boilerplate"
                marks = [*_LINE_MARKS.finditer(text, start, end), *_ATTRIBUTES.finditer(text, start, end)]
                if first_in_item:
                    item = _ITEM_MARK.match(text, start)
                    if item:  # a number stays; what is around it is markup (a group not found spans -1, -1)
                        item_marks = [item.span(1), item.span(3)] if item.group(2) else [item.span()]
            inline_holes = tuple(
                sorted(
                    [
                        *(m.span() for m in marks if m.end() > m.start()),
                        *(hole for hole in item_marks if hole[1] > hole[0]),
                        *_inline_holes(text, start, end),
                    ]
                )
            )
            level = heading_level or (list_depth if in_item else 0)
            group = list_group if in_item else -1
            swaps = _references(text, start, end)
            blocks.append(Block(block_kind, start, end, level, group, (), inline_holes, swaps))
    blocks.sort(key=lambda b: (b.start, b.end))
    if not title:
        headings = [b for b in blocks if b.kind == "heading"]
        top = min((b.level for b in headings), default=0)
        opening = next((b for b in headings if b.level == top), None)
        title = flatten(text, opening.start, opening.end, opening.holes, swaps=opening.swaps).text if opening else ""
    return Document(source, sha256, text, title, blocks)


def _badges(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The alt text of the images in a heading that holds text of its own: a logo or a row of badges
    beside the project's name ("Slic3r [![Build Status](...)](...)" is titled "Slic3r", not "Slic3r
    Build Status Build status"). A heading of an image alone keeps its alt text ("# ![btop++](logo.png)")."""
    alts = [m for m in _IMAGE_ALT.finditer(text, start, end) if m.end() > m.start()]
    outside = _IMAGE_ALT.sub("", text[start:end])
    return alts if alts and _LINK_TARGET.sub("", outside).strip("#[]()! \t=-") else []


def _navigates(children: list[Token], kind: Kind) -> bool:
    """Whether a paragraph or list item, given as its inline tokens, is mostly the text of links to
    the page's own headings ("[Design goals](#design-goals)", a table of contents) and of images
    (a row of badges). Links to other pages count as text: a list of them is often what a
    question asks for ("Projects using bubblewrap"), a sentence around one says where to go."""
    navigating = size = 0
    anchors: list[bool] = []  # per open link, whether it points into the page
    opens_unlinked: bool | None = None
    for child in children:
        if child.type == "link_open":
            anchors.append(str(child.attrGet("href") or "").startswith("#"))
        elif child.type == "link_close":
            anchors = anchors[:-1]
        elif child.type in ("text", "code_inline", "image"):
            chars = len("".join(child.content.split()))
            if chars and opens_unlinked is None:
                opens_unlinked = not anchors
            size += chars
            navigating += chars if child.type == "image" or any(anchors) else 0
    typed = bool(opens_unlinked) and kind == "list_item" and size <= TYPED_ITEM_CHARS
    return size > 0 and navigating >= LINK_DENSITY * size and not typed


def _inline_holes(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The inline markup of text[start:end]: emphasis, link targets, tags, escapes, a code span's
    backticks and an autolink's angle brackets; nothing inside a code span or an autolink."""
    holes: list[Span] = []
    kept: list[Span] = []  # what stands as it is
    for span in _CODE_SPAN.finditer(text, start, end):
        ticks = len(span.group(1))
        holes += [(span.start(), span.start() + ticks), (span.end() - ticks, span.end())]
        kept.append(span.span())
    for link in _AUTOLINK.finditer(text, start, end):
        if not any(a <= link.start() < b for a, b in kept):
            holes += [(link.start(), link.start() + 1), (link.end() - 1, link.end())]
            kept.append(link.span())
    for mark in _INLINE.finditer(text, start, end):
        inside = any(a <= mark.start() < b or a < mark.end() <= b for a, b in kept)
        if mark.end() > mark.start() and not inside:
            # an escaped character is text: "ICECC\_DEBUG", "\<target\>"
            holes.append((mark.start(), mark.start() + 1) if mark.group("escape") else mark.span())
    return tuple(sorted(holes))


def _references(text: str, start: int, end: int, code_spans: bool = True) -> tuple[Swap, ...]:
    """The character references of text[start:end] that stand for a character (not "&bogus;"),
    each as the swap that reads it; with `code_spans` (Markdown's, not an HTML block's), none inside
    a code span, where "&amp;" is text."""
    spans = [m.span() for m in _CODE_SPAN.finditer(text, start, end)] if code_spans else []
    swaps = []
    for found in _REFERENCE.finditer(text, start, end):
        reads = html.unescape(found.group())
        if reads != found.group() and not any(a <= found.start() < b for a, b in spans):
            swaps.append((found.start(), found.end(), reads))
    return tuple(swaps)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _cells(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The spans of a table row's cells: the text between unescaped pipes, stripped (an empty cell
    is an empty span, so that cells stay under their headers)."""
    line = text[start:end]
    bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
    edges = [-1, *bounds, len(line)]
    segments = list(itertools.pairwise(edges))
    if line.strip().startswith("|"):
        segments = segments[1:]
    if line.strip().endswith("|") and segments:
        segments = segments[:-1]
    cells: list[Span] = []
    for left, right in segments:
        a, b = start + left + 1, start + right
        while a < b and text[a] in " \t":
            a += 1
        while b > a and text[b - 1] in " \t\r":
            b -= 1
        cells.append((a, b))
    return tuple(cells)
