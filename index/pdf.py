"""PDF to a Document: lines with their positions from pdfium, then blocks.

pdfium (pypdfium2) reads a 143-page manual with every character's box in about 1.3 s, where pypdf
takes 7 s for its text alone and pdfplumber about 14 s (debmake-doc.en.pdf, one run on the
development machine); its boxes and font sizes are what the rules below need:

- Running headers and footers: the first and last lines of a page whose text, digits aside, comes
  back on other pages, page numbers ("12", "Page 3 of 9", "iii"), and top or bottom lines that sit
  at the same height on most pages, set apart from the body by a wide gap. They are boilerplate.
- Contents: lines with dot leaders ending in a page number, and on a page made mostly of those,
  every line ending in a number. Boilerplate too.
- Headings: short lines set larger than the body text (level by size, largest first).
- List items: lines opening with a bullet or a number; paragraphs: runs of lines, broken at a wide
  gap, a change of size, or a short line that ends a sentence. A paragraph left open at the foot of
  a page goes on with the first paragraph of the next: its block spans the page break, the footer
  and header between are holes in it.
- Hyphenation: a word broken at a line end ("iden-" / "tifier", which pdfium marks) is written
  whole on the first line, the line break after it, so that quotes and spans hold the word as
  readers search for it. The hyphen stays where the hyphenated form is the one the document uses
  elsewhere ("well-known"); it goes where the joined form occurs elsewhere, or where the second part
  is lower-case (a word broken by the typesetter).
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from index.document import Block, Document, Span

_SOFT_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen at the end of a line it joined to the next
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)
_LEADER = re.compile(r"(?:\.\s*){4,}\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*$", re.IGNORECASE)
_ENDS_IN_NUMBER = re.compile(r"\s(?:\d{1,4}|[ivxlcdm]{1,7})\s*$", re.IGNORECASE)
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$", re.IGNORECASE)
_MARKER = re.compile(r"[•◦▪‣●○■□–—*-]\s+")
_BULLET = re.compile(r"^(?:[•◦▪‣●○■□–—*-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_GENERIC_TITLES = re.compile(r"^(?:untitled|microsoft word\b.*|document\d*|slide \d+)$", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    page: int
    top: float  # PDF units, larger is higher on the page
    x0: float
    x1: float
    size: float
    kind: str = "text"  # "text", "boilerplate"
    continues: bool = False  # a word broken at its end goes on at the start of the next line


@dataclass
class _Block:
    kind: str
    lines: list[_Line] = field(default_factory=list)
    level: int = 0
    group: int = -1


class UnreadablePDF(Exception):
    pass


def parse_pdf(source: str, sha256: str, data: bytes) -> Document:
    """Read a PDF into a Document; raises UnreadablePDF with the reason."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadablePDF(f"not a readable PDF: {exc}") from exc
    try:
        metadata = pdf.get_metadata_dict()
        pages = [_page_lines(pdf, n) for n in range(len(pdf))]
    finally:
        pdf.close()
    if not any(pages):
        raise UnreadablePDF("the PDF has no extractable text (scanned images?)")
    _mark_running_lines(pages)
    _mark_contents(pages)
    lines = [line for page in pages for line in page]
    _rejoin_hyphens(lines)
    body = _body_size(lines)
    blocks = _blocks(pages, body)
    title = _title(metadata.get("Title", ""), source, blocks, body)
    return _write(source, sha256, title, pages, blocks)


def _page_lines(pdf: object, n: int) -> list[_Line]:
    import pypdfium2.raw as raw

    page = pdf[n]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines: list[_Line] = []
        at = 0
        for piece in text.split("\r\n"):
            start, end = at, at + len(piece)
            at = end + 2
            stripped = piece.strip()
            if not stripped:
                continue
            first = start + (len(piece) - len(piece.lstrip()))
            last = start + len(piece.rstrip()) - 1
            for segment, seg_first, seg_last, line_first in _split_at_hyphens(piece, start, first, last):
                left, _, _, top = textpage.get_charbox(line_first)
                _, _, right, _ = textpage.get_charbox(seg_last)
                size = raw.FPDFText_GetFontSize(textpage.raw, seg_first)
                lines.append(_Line(segment, n, top, left, right, round(size, 1)))
        return lines
    finally:
        textpage.close()
        page.close()


def _split_at_hyphens(piece: str, start: int, first: int, last: int) -> list[tuple[str, int, int, int]]:
    """A pdfium line as the lines it was printed on: pdfium joins a line ending in a broken word to
    the next one, marking the break; the line is cut again after the word. Returns, for each, its
    text, the offsets of its first and last characters, and the offset of the first character of
    the printed line it lies on (where the broken word's second part begins)."""
    out = []
    segment_start = line_first = first
    while True:
        mark = piece.find(_SOFT_HYPHEN, segment_start - start, last - start + 1)
        if mark < 0:
            break
        space = piece.find(" ", mark)
        cut = start + (space if 0 <= space <= last - start else last - start + 1)
        out.append((piece[segment_start - start : cut - start], segment_start, cut - 1, line_first))
        line_first = start + mark + 1
        segment_start = cut + 1 if cut <= last else cut
        while segment_start <= last and piece[segment_start - start] == " ":
            segment_start += 1
        if segment_start > last:
            return out
    out.append((piece[segment_start - start : last - start + 1], segment_start, last, line_first))
    return out


def _key(text: str) -> str:
    """A line as running headers repeat it: numbers (arabic or roman) aside, case folded."""
    return re.sub(r"\b(?:\d+|[ivxlcdm]+)\b", "#", text.casefold()).strip()


def _mark_running_lines(pages: list[list[_Line]]) -> None:
    """Mark running headers, footers and page numbers as boilerplate (see the module docstring)."""
    edges: list[tuple[list[_Line], list[_Line]]] = []
    for lines in pages:
        ordered = sorted(lines, key=lambda line: -line.top)
        edges.append((ordered[:2], ordered[-2:] if len(ordered) > 2 else ordered[2:]))
    tops = Counter(_key(line.text) for top, _ in edges for line in top)
    bottoms = Counter(_key(line.text) for _, bottom in edges for line in bottom)
    need = max(2, round(0.3 * len(pages))) if len(pages) >= 3 else 10**9
    first_heights = Counter(round(top[0].top) for top, _ in edges if top)
    last_heights = Counter(round(bottom[-1].top) for _, bottom in edges if bottom)
    spacing = _typical_spacing(pages)
    for lines, (top, bottom) in zip(pages, edges, strict=True):
        for line in top:
            if tops[_key(line.text)] >= need or _PAGE_NUMBER.match(line.text.strip()):
                line.kind = "boilerplate"
        for line in bottom:
            if bottoms[_key(line.text)] >= need or _PAGE_NUMBER.match(line.text.strip()):
                line.kind = "boilerplate"
        ordered = sorted(lines, key=lambda line: -line.top)
        if len(pages) >= 3 and len(ordered) >= 2:
            first, second = ordered[0], ordered[1]
            if first_heights[round(first.top)] >= 0.5 * len(pages) and first.top - second.top > 2.5 * spacing:
                first.kind = "boilerplate"
            last, above = ordered[-1], ordered[-2]
            if last_heights[round(last.top)] >= 0.5 * len(pages) and above.top - last.top > 2.5 * spacing:
                last.kind = "boilerplate"


def _typical_spacing(pages: list[list[_Line]]) -> float:
    gaps = [
        a.top - b.top
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if 0 < a.top - b.top < 4 * max(a.size, 1)
    ]
    return statistics.median(gaps) if gaps else 12.0


def _mark_contents(pages: list[list[_Line]]) -> None:
    """Mark contents lines as boilerplate: dot leaders anywhere; on a contents page, every line
    ending in a page number, and the page's "Contents" title."""
    for lines in pages:
        text_lines = [line for line in lines if line.kind == "text"]
        leaders = [line for line in text_lines if _LEADER.search(line.text)]
        for line in leaders:
            line.kind = "boilerplate"
        numbered = [line for line in text_lines if _ENDS_IN_NUMBER.search(line.text)]
        titled = any(_CONTENTS_TITLE.match(line.text.strip()) for line in text_lines[:3])
        many = 0.4 * len(text_lines)
        if text_lines and (len(leaders) >= many or (titled and len(numbered) >= many)):
            for line in text_lines:
                if _ENDS_IN_NUMBER.search(line.text) or _CONTENTS_TITLE.match(line.text.strip()):
                    line.kind = "boilerplate"


def _rejoin_hyphens(lines: list[_Line]) -> None:
    """Write each word broken at a line end whole on the first line (see the module docstring)."""
    vocabulary = {w.casefold() for line in lines for w in _WORD.findall(line.text.replace(_SOFT_HYPHEN, " "))}
    body = [line for line in lines if line.kind == "text"]
    for n, line in enumerate(body):
        marked = _SOFT_HYPHEN in line.text
        if marked:
            head, _, tail = line.text.rpartition(_SOFT_HYPHEN)
            left = re.search(r"[^\W\d_]+$", head)
            right = re.match(r"[^\W\d_]+", tail)
            if left and right:
                joiner = _hyphen(left.group(), right.group(), vocabulary, wrapped=True)
                line.text = f"{head}{joiner}{tail}"
            else:
                line.text = line.text.replace(_SOFT_HYPHEN, "-")
            continue
        if n + 1 >= len(body) or not re.search(r"[^\W\d_]-$", line.text):
            continue
        following = body[n + 1]
        right = re.match(r"([^\W\d_]+)([.,;:!?)\]”’\"']*)(?:\s+|$)", following.text)
        if right is None or not right.group(1)[0].islower():
            continue
        left = re.search(r"[^\W\d_]+(?=-$)", line.text)
        assert left is not None
        joiner = _hyphen(left.group(), right.group(1), vocabulary, wrapped=True)
        line.text = f"{line.text[:-1]}{joiner}{right.group(1)}{right.group(2)}"
        following.text = following.text[right.end() :]
    for line in lines:
        line.text = line.text.replace(_SOFT_HYPHEN, "-")


def _hyphen(left: str, right: str, vocabulary: set[str], wrapped: bool) -> str:
    """"" to join a broken word, "-" to keep its hyphen."""
    joined, hyphenated = f"{left}{right}".casefold(), f"{left}-{right}".casefold()
    if joined in vocabulary:
        return ""
    if hyphenated in vocabulary:
        return "-"
    return "" if wrapped and right[:1].islower() else "-"


def _body_size(lines: list[_Line]) -> float:
    sizes = Counter[float]()
    for line in lines:
        if line.kind == "text":
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _blocks(pages: list[list[_Line]], body: float) -> list[_Block]:
    """The content lines of every page grouped into blocks, in reading order; a paragraph left open
    at a page's foot carries on into the next page's first paragraph."""
    heading_sizes = sorted({line.size for page in pages for line in page if _is_heading(line, body)}, reverse=True)
    spacing = _typical_spacing(pages)
    blocks: list[_Block] = []
    group = -1
    for lines in pages:
        previous: _Line | None = None
        for line in lines:
            if line.kind != "text" or not line.text.strip():
                continue
            current = blocks[-1] if blocks else None
            if _is_heading(line, body):
                level = heading_sizes.index(line.size) + 1
                if current and current.kind == "heading" and current.level == level and previous is not None:
                    current.lines.append(line)
                else:
                    blocks.append(_Block("heading", [line], level))
            elif _BULLET.match(line.text.strip()):
                if current is None or current.kind != "list_item":
                    group += 1
                blocks.append(_Block("list_item", [line], 1, group))
            elif current is not None and _continues(current, previous, line, spacing):
                current.lines.append(line)
            else:
                blocks.append(_Block("paragraph", [line]))
            previous = line
    return blocks


def _is_heading(line: _Line, body: float) -> bool:
    text = line.text.strip()
    short = len(text.split()) <= 20 and not text.endswith((".", ","))
    return line.kind == "text" and line.size >= 1.12 * body and short


def _continues(block: _Block, previous: _Line | None, line: _Line, spacing: float) -> bool:
    """Whether `line` goes on with `block` (whose last line is `previous`, None at a page's top)."""
    if block.kind == "heading":
        return False
    last = block.lines[-1]
    if abs(last.size - line.size) > 0.5:
        return False
    if previous is None:  # across a page break: only a sentence left open goes on
        return not _TERMINAL.search(last.text) and (line.text[:1].islower() or last.text.endswith((",", "-")))
    if last.top - line.top > 1.6 * spacing:
        return False
    if block.kind == "list_item":
        return line.x0 >= block.lines[0].x0 + 2
    width = max(ln.x1 for ln in block.lines)
    short = last.x1 < width - 0.15 * (width - min(ln.x0 for ln in block.lines))
    return not (short and _TERMINAL.search(last.text)) and line.x0 <= last.x0 + 30


def _title(metadata_title: str, source: str, blocks: list[_Block], body: float) -> str:
    title = " ".join(metadata_title.split())
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if title and not _GENERIC_TITLES.match(title) and title.casefold() != stem.casefold():
        return title
    headings = [b for b in blocks[:40] if b.kind == "heading"]
    if headings:
        best = min(headings, key=lambda b: b.level)
        return " ".join(" ".join(line.text.split()) for line in best.lines)
    return ""


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """A page's lines as written: pdfium's order (the content stream's, which follows columns), but
    running headers above the body first and footers below it last, wherever the stream has them."""
    body = [line for line in lines if line.kind == "text"]
    if not body:
        return lines
    top, bottom = max(line.top for line in body), min(line.top for line in body)
    above = [line for line in lines if line.kind != "text" and line.top > top]
    below = [line for line in lines if line.kind != "text" and line.top < bottom]
    between = [line for line in lines if line not in above and line not in below]
    return [*sorted(above, key=lambda line: -line.top), *between, *sorted(below, key=lambda line: -line.top)]


def _write(source: str, sha256: str, title: str, pages: list[list[_Line]], blocks: list[_Block]) -> Document:
    """The document's text, a line of the PDF a line of text, blocks and pages separated by a blank
    line; block spans and holes recorded as the text is written."""
    owner: dict[int, tuple[int, int]] = {}  # id(line) -> (block number, position in block)
    for b, block in enumerate(blocks):
        for p, line in enumerate(block.lines):
            owner[id(line)] = (b, p)
    parts: list[str] = []
    length = 0
    spans: dict[int, list[Span]] = {}  # line spans of each content block
    boilerplate: list[Span] = []
    page_starts: list[int] = []
    last_block = -1
    for lines in pages:
        first_of_page = True
        for line in _reading_order(lines):
            text = " ".join(line.text.split())
            if not text:
                continue
            where = owner.get(id(line))
            same_block = where is not None and where[0] == last_block
            separator = "" if not parts else ("\n" if same_block and not first_of_page else "\n\n")
            parts.append(separator)
            length += len(separator)
            if first_of_page:
                page_starts.append(length)
                first_of_page = False
            span = (length, length + len(text))
            parts.append(text)
            length += len(text)
            if where is None:
                boilerplate.append(span)
            else:
                spans.setdefault(where[0], []).append(span)
                last_block = where[0]
        if first_of_page:
            page_starts.append(length)
    text = "".join(parts)

    def text_of(start: int, end: int) -> str:
        return text[start:end]

    out: list[Block] = [Block("boilerplate", s, e) for s, e in boilerplate]
    for b, block in enumerate(blocks):
        line_spans = spans.get(b)
        if not line_spans:
            continue
        start, end = line_spans[0][0], line_spans[-1][1]
        holes = tuple((s, e) for s, e in boilerplate if start < s and e < end)  # a header or footer it flows past
        marker = _MARKER.match(text_of(start, end)) if block.kind == "list_item" else None
        if marker:  # a bullet is not the item's text
            holes = ((start, start + marker.end()), *holes)
        out.append(Block(block.kind, start, end, block.level, block.group, (), holes))  # type: ignore[arg-type]
    out.sort(key=lambda block: (block.start, block.end))
    return Document(source, sha256, text, title, out, page_starts)
