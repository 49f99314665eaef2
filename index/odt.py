"""Read OpenDocument text (.odt, LibreOffice Writer's own format; .fodt, its flat XML) into a `Document`.

An .odt is a zip archive; `content.xml` holds the body, `styles.xml` the named styles its
paragraphs are based on (a .fodt holds both in one XML file). As with Word files (`index.docx`),
what a paragraph is comes from what the XML says, not from how it looks, and the two readers read
the same style names alike:

- heading: `text:h` at its outline level (one deeper under a paragraph in the "Title" style,
  which is the document's title); a short paragraph wholly in bold is a heading below them
  (`made_heading`), unless it is a caption (a `text:sequence` numbers it, or its style is named
  "Caption", "Illustration", "Table", "Figure" or "Drawing");
- boilerplate: a table of contents and an alphabetical index (`text:table-of-content`,
  `text:alphabetical-index`, the "Contents N" styles); an admonition's label alone in a frame;
- code: a paragraph in a code style ("Preformatted Text", pandoc's "Source Code") or whose text is
  wholly in a fixed-pitch face (declared so in the font table, or named so); consecutive code
  paragraphs are one block;
- definition: a term in the "Definition Term" or "List Heading" style over its description
  ("Definition", "List Contents");
- list_item: a paragraph of `text:list`, at its depth; an item of a numbered list starts with its
  number as shown ("3.", "b)"), counted from the list's start value and on across lists that
  continue one another;
- table_header and table_row: the rows of `table:table-header-rows`, else a first row whose
  paragraphs are all in the "Table Heading" style or of years over the figures under them, are
  the header; merged cells (`table:covered-table-cell`) are read once;
- notes (`text:note`) are paragraphs after the paragraph that refers to them; a frame's text box
  and a picture's title or description (unless a bare name) after the paragraph it is anchored in.

Text is read from spans, links, fields' shown values, `text:s` (as many spaces as it counts),
tabs and line breaks. Deleted text of tracked changes (`text:tracked-changes`), comments
(`office:annotation`) and a note's citation mark are not read. The title is the "Title"
paragraph's, else the metadata's (`dc:title`), else the first heading's.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from index.document import (
    RUN_IN_LEVEL,
    Document,
    ListStyle,
    ParagraphWriter,
    captions_as_paragraphs,
    heads_years,
    labels_box,
    list_number,
    made_heading,
)
from index.docx import BARE_DESCRIPTION, CODE_STYLE, CONTENTS_STYLE, DESCRIPTION_STYLES, TERM_STYLES
from index.pdf import MONO_FONT

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_O, _T, _TB, _S, _FO, _D, _SVG = (f"{{{_NS[k]}}}" for k in ("office", "text", "table", "style", "fo", "draw", "svg"))

# Elements whose text is not read where they stand: tracked deletions, comments, a note's mark and
# body (its body is written after the paragraph), fields' declarations and a table of contents's
# template.
_SKIPPED = frozenset(
    {
        _T + "tracked-changes",
        _O + "annotation",
        _O + "annotation-end",
        _T + "note-citation",
        _T + "sequence-decls",
        _T + "variable-decls",
        _T + "user-field-decls",
        _T + "table-of-content-source",
        _T + "alphabetical-index-source",
    }
)
_INDEXES = frozenset(
    {
        _T + "table-of-content",
        _T + "alphabetical-index",
        _T + "illustration-index",
        _T + "table-index",
        _T + "bibliography",
    }
)
_APART = frozenset({_T + "note", _D + "frame"})  # read after what they are anchored in, not inside it
# A non-breaking hyphen is a hyphen that keeps its line (Word's w:noBreakHyphen is read so too), and
# is typed, searched and quoted as one ("cups-genppdupdate", "--disable-static").
_SHOWN = str.maketrans({"\u2011": "-"})
_CAPTION_STYLES = frozenset({"caption", "illustration", "table", "figure", "drawing", "text"})
# ODF's number formats as CSS's list styles (see `list_number`).
_NUM_FORMATS: dict[str, ListStyle] = {
    "1": "decimal",
    "a": "lower-alpha",
    "A": "upper-alpha",
    "i": "lower-roman",
    "I": "upper-roman",
    "": "none",
}
_NUMBERED_LEVELS = frozenset({_T + "list-level-style-number", _T + "outline-level-style"})
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_STYLE_CHAIN = 20  # styles based on styles: a bound against a loop in a broken file
MAX_PART_BYTES = 256 * 2**20  # content.xml or styles.xml past this once inflated is refused
# No entities are expanded and no tree deeper than lxml's default is built: a body nested past
# it is refused as not well-formed, before the reader's recursion could overflow.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_ENCODED = re.compile(r"_([0-9a-fA-F]{2})_")  # a style name's encoded character ("Heading_20_1")


class UnreadableOdt(Exception):
    """A file that is not an OpenDocument text this reader can open; the message says why."""


def parse_odt(source: str, sha256: str, data: bytes, flat: bool = False) -> Document:
    """The body's blocks as one Document (see the module docstring). `flat`: the document is one
    XML file (`.fodt`, which LibreOffice also saves), its styles and metadata beside its body."""
    if flat:
        content = styles = meta = _parsed(data[: MAX_PART_BYTES + 1], "XML", required=True)
    else:
        content, styles, meta = _parts(data)
    assert content is not None
    body = content.find(f"{_O}body/{_O}text")
    if body is None:
        raise UnreadableOdt("not an OpenDocument text (its content holds no text body)")
    reader = _Reader(_Styles([content, styles]))
    reader.read(body)
    text = reader.writer.text
    if not text.strip():
        raise UnreadableOdt("the document has no text")
    blocks = captions_as_paragraphs(reader.writer.blocks)
    headings = [b for b in blocks if b.kind == "heading"]
    first = " ".join(text[headings[0].start : headings[0].end].split()) if headings else ""
    meta_title = " ".join((meta.findtext(".//dc:title", namespaces=_NS) or "").split()) if meta is not None else ""
    return Document(source, sha256, text, reader.styled_title or meta_title or first, blocks)


def _parts(data: bytes) -> tuple[Any, Any, Any]:
    """The body, styles and metadata of an .odt archive (the last two None where missing)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnreadableOdt(f"not an OpenDocument text (not a zip archive: {exc})") from exc
    with archive:
        if _encrypted(_part(archive, "META-INF/manifest.xml")):
            raise UnreadableOdt("the document is protected by a password; save a copy without one to read it")
        return _part(archive, "content.xml", required=True), _part(archive, "styles.xml"), _part(archive, "meta.xml")


def _part(archive: zipfile.ZipFile, name: str, required: bool = False) -> Any:
    try:
        with archive.open(name) as member:
            data = member.read(MAX_PART_BYTES + 1)
    except KeyError:
        if required:
            raise UnreadableOdt(f"not an OpenDocument text (no {name})") from None
        return None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise UnreadableOdt(f"the document's {name} cannot be read: {exc}") from exc
    return _parsed(data, name, required)


def _parsed(data: bytes, name: str, required: bool) -> Any:
    """A part's XML (None for a broken optional part), refused past MAX_PART_BYTES."""
    if len(data) > MAX_PART_BYTES:
        raise UnreadableOdt(f"the document's {name} passes {MAX_PART_BYTES} bytes (MAX_PART_BYTES)")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if required:
            raise UnreadableOdt(f"the document's {name} is not well-formed XML: {exc}") from exc
        return None


def _encrypted(manifest: Any) -> bool:
    """Whether the manifest says the body is encrypted (a password set when it was saved)."""
    if manifest is None:
        return False
    for entry in manifest.iter(f"{_MANIFEST}file-entry"):
        if (
            entry.get(f"{_MANIFEST}full-path") == "content.xml"
            and entry.find(f"{_MANIFEST}encryption-data") is not None
        ):
            return True
    return False


class _Styles:
    """The styles of the document's parts, by name: what a paragraph or span's style (and the
    styles it is based on) says of its name, font, weight and list."""

    def __init__(self, parts: list[Any]) -> None:
        self.by_name: dict[tuple[str, str], Any] = {}
        self.lists: dict[str, Any] = {}
        self.fixed_fonts: set[str] = set()
        self.outline: dict[int, Any] = {}  # the outline's numbering by level (text:outline-style)
        for part in (p for p in parts if p is not None):
            for face in part.iter(_S + "font-face"):
                family = face.get(_SVG + "font-family", "")
                if face.get(_S + "font-pitch") == "fixed" or MONO_FONT.search(family):
                    self.fixed_fonts.add(face.get(_S + "name", ""))
            for style in part.iter(_S + "style"):
                self.by_name[(style.get(_S + "family", ""), style.get(_S + "name", ""))] = style
            for list_style in part.iter(_T + "list-style"):
                self.lists[list_style.get(_S + "name", "")] = list_style
            for level in part.iter(_T + "outline-level-style"):
                if level.get(_T + "level", "").isdigit():
                    self.outline[int(level.get(_T + "level"))] = level

    def chain(self, family: str, name: str | None) -> Iterator[Any]:
        """The style named `name` and those it is based on, nearest first."""
        for _ in range(_STYLE_CHAIN):
            style = self.by_name.get((family, name or ""))
            if style is None:
                return
            yield style
            name = style.get(_S + "parent-style-name")

    def names(self, family: str, name: str | None) -> list[str]:
        """The lower-case display names of a style and those it is based on ("heading 1"); a style
        the document names but does not define (pandoc's "Title") by its name alone."""
        names = [_display_name(s) for s in self.chain(family, name)]
        return names or ([_decoded(name)] if name else [])

    def text_property(self, family: str, name: str | None, prop: str) -> str | None:
        for style in self.chain(family, name):
            props = style.find(_S + "text-properties")
            if props is not None and props.get(prop) is not None:
                return props.get(prop)
        return None

    def fixed(self, face: str | None) -> bool:
        return bool(face) and (face in self.fixed_fonts or MONO_FONT.search(face or "") is not None)

    def list_style(self, paragraph_style: str | None) -> str | None:
        for style in self.chain("paragraph", paragraph_style):
            if style.get(_S + "list-style-name"):
                return style.get(_S + "list-style-name")
        return None


def _display_name(style: Any) -> str:
    return " ".join((style.get(_S + "display-name") or _decoded(style.get(_S + "name", ""))).split()).lower()


def _decoded(name: str) -> str:
    """A style's name as shown: "Heading_20_1" is "heading 1"."""
    return " ".join(_ENCODED.sub(lambda m: chr(int(m.group(1), 16)), name).split()).lower()


class _Reader:
    """Writes an ODF text body's blocks in order; see the module docstring."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.out = ParagraphWriter()
        self.writer = self.out.writer
        self.styled_title = ""
        self.written_notes: set[str] = set()
        self.lists_by_id: dict[str, dict[int, int]] = {}  # a list's xml:id -> its numbers by depth
        self.last_list: dict[str, dict[int, int]] = {}  # a list style -> the numbers of its last list
        self.outline_counts: dict[int, int] = {}  # the headings no list holds, counted by outline level

    def read(self, body: Any, contents: bool = False) -> None:
        for child in body:
            tag = child.tag
            if tag in (_T + "p", _T + "h"):
                self._paragraph(child, contents)
            elif tag == _T + "list":
                self._list(child, contents, depth=1, list_style=child.get(_T + "style-name"))
            elif tag == _TB + "table":
                self.out.flush()
                self.out.in_list = False
                self._table(child)
            elif tag == _D + "frame":  # a text box or picture anchored to the page, not a paragraph
                self.out.flush()
                self._frame(child)
            elif tag in _INDEXES:
                entries = child.find(_T + "index-body")
                self.read(entries if entries is not None else child, True)
            elif tag in (_T + "section", _T + "index-body", _T + "index-title", _T + "change", _O + "forms"):
                self.read(child, contents)
        self.out.flush()

    def _list(
        self,
        element: Any,
        contents: bool,
        depth: int,
        list_style: str | None,
        counts: dict[int, int] | None = None,
        counted_only: bool = False,
    ) -> None:
        """A list's items at `depth`. A list's numbers go on from the list it continues
        (`text:continue-list`, or `text:continue-numbering` from the last list in its style); a list
        inside an item counts with the list it is in. `counted_only`: a list in a table's cell,
        read with the cell, whose items a list after the table may count on from."""
        if counts is None:
            continued = self.lists_by_id.get(element.get(_T + "continue-list", ""))
            if continued is None and element.get(_T + "continue-numbering") == "true":
                continued = self.last_list.get(list_style or "")
            counts = continued if continued is not None else {}
            self.last_list[list_style or ""] = counts
        if element.get(_XML_ID):
            self.lists_by_id[element.get(_XML_ID)] = counts
        for item in element:
            if item.tag not in (_T + "list-item", _T + "list-header"):
                continue
            numbered = item.tag == _T + "list-item"
            first = True
            for child in item:
                if child.tag == _T + "list":
                    self._list(
                        child, contents, depth + 1, child.get(_T + "style-name") or list_style, counts, counted_only
                    )
                elif child.tag in (_T + "p", _T + "h"):
                    mark = ""
                    if first and numbered:
                        start = item.get(_T + "start-value") or (
                            child.get(_T + "start-value") if child.get(_T + "restart-numbering") == "true" else None
                        )
                        name = list_style or self.styles.list_style(child.get(_T + "style-name"))
                        mark = _shown_number(self._level_style(name, depth), counts, depth, start)
                    if counted_only:
                        pass
                    elif child.tag == _T + "h":
                        self._paragraph(child, contents, mark=mark, in_list=True)
                    else:  # an item's later paragraphs are the item's too; a header's are paragraphs
                        self._paragraph(child, contents, list_depth=depth if numbered else 0, mark=mark)
                    first = False
                elif child.tag == _TB + "table" and not counted_only:
                    self.out.flush()
                    self._table(child)
        self.out.in_list = self.out.in_list and depth > 1

    def _heading_mark(self, heading: Any) -> str:
        """The number shown before a heading that no list holds ("3.1)"): headings are counted by
        outline level, and shown as the outline's numbering says ("" when it numbers none)."""
        outline = heading.get(_T + "outline-level", "1")
        level = min(int(outline), 10) if outline.isdigit() and int(outline) > 0 else 1
        start = heading.get(_T + "start-value") if heading.get(_T + "restart-numbering") == "true" else None
        if heading.get(_T + "is-list-header") == "true":
            return ""
        return _shown_number(self.styles.outline.get(level), self.outline_counts, level, start)

    def _level_style(self, name: str | None, depth: int) -> Any:
        list_style = self.styles.lists.get(name or "")
        if list_style is None:
            return None
        for level in list_style:
            if level.get(_T + "level") == str(depth):
                return level
        return None

    def _paragraph(
        self,
        element: Any,
        contents: bool,
        list_depth: int = 0,
        mark: str = "",
        in_frame: bool = False,
        in_list: bool = False,
    ) -> None:
        notes: list[Any] = []
        frames: list[Any] = []
        pieces: list[tuple[str, str | None, bool]] = []  # (text, font, bold) of each run of text
        style = element.get(_T + "style-name")
        self._read_inline(element, style, pieces, notes, frames)
        text = "".join(p[0] for p in pieces).translate(_SHOWN)
        names = self.styles.names("paragraph", style)
        kind, level = self._kind(element, names, pieces, text, list_depth)
        if element.tag == _T + "h" and not in_list:
            mark = self._heading_mark(element)
        if mark and kind in ("heading", "list_item") and text.strip():
            text = f"{mark} {text.strip()}"
        if contents or any(CONTENTS_STYLE.match(n) for n in names[:1]):
            kind, level = "boilerplate", 0
        elif in_frame and labels_box(text):
            kind, level = "boilerplate", 0  # the box's label: what it heads is the box alone
        elif in_frame and kind == "heading" and level == RUN_IN_LEVEL:
            kind, level = "paragraph", 0
        self.out.write(kind, level, text)
        for frame in frames:
            self._frame(frame)
        if notes:
            self.out.flush()
        for note in notes:
            self._note(note)

    def _read_inline(
        self,
        node: Any,
        style: str | None,
        pieces: list[tuple[str, str | None, bool]],
        notes: list[Any],
        frames: list[Any],
    ) -> None:
        """Append the runs of text under `node`, each with its font and weight (its span's, else
        the paragraph's); notes and frames are gathered to be written after the paragraph."""
        looks: dict[str | None, tuple[str | None, bool]] = {}
        for text, run_style in _runs(node, style, notes, frames):
            if run_style not in looks:
                looks[run_style] = self._look(run_style)
            pieces.append((text, *looks[run_style]))

    def _look(self, style: str | None) -> tuple[str | None, bool]:
        """The font and whether bold of a run in `style` (a span's style, else its paragraph's)."""
        props = self.styles.text_property
        font = props("text", style, _S + "font-name") or props("paragraph", style, _S + "font-name")
        weight = props("text", style, _FO + "font-weight") or props("paragraph", style, _FO + "font-weight")
        return font, weight in ("bold", "700", "800", "900")

    def _kind(
        self, element: Any, names: list[str], pieces: list[tuple[str, str | None, bool]], text: str, list_depth: int
    ) -> tuple[str, int]:
        own = names[0] if names else ""
        if element.tag == _T + "h" or any(n.startswith("heading") and n.split()[-1].isdigit() for n in names[:2]):
            outline = element.get(_T + "outline-level")
            level = int(outline) if outline and outline.isdigit() else _heading_number(names)
            return "heading", level + 1 if self.styled_title else level
        if own == "title" or "title" in names[:2]:
            self.styled_title = self.styled_title or " ".join(text.split())
            return "heading", 1
        if any(n in TERM_STYLES for n in names):
            return "term", 0
        if any(n in DESCRIPTION_STYLES for n in names):
            return "description", 0
        if any(CODE_STYLE.search(n) for n in names):
            return "code", 0
        if list_depth:  # an item that is all code words ("ADD", "COPY") is an item all the same
            return "list_item", list_depth
        written = [(t, font) for t, font, _ in pieces if t.strip()]
        if written and all(self.styles.fixed(font) for _, font in written):
            return "code", 0
        caption = element.find(f".//{_T}sequence") is not None or any(n in _CAPTION_STYLES for n in names[:1])
        bold = [b for t, _, b in pieces if t.strip()]
        if not caption and bold and all(bold) and made_heading(text):
            return "heading", RUN_IN_LEVEL
        return "paragraph", 0

    def _frame(self, frame: Any) -> None:
        """A frame anchored in a paragraph: its text box's paragraphs, or its picture's title or
        description when it says more than a name."""
        box = frame.find(_D + "text-box")
        if box is not None:
            for child in box:
                if child.tag in (_T + "p", _T + "h"):
                    self._paragraph(child, False, in_frame=True)
                elif child.tag == _T + "list":
                    self._list(child, False, 1, child.get(_T + "style-name"))
            return
        for tag in (_SVG + "title", _SVG + "desc"):
            description = " ".join((frame.findtext(tag) or "").split())
            if description and not BARE_DESCRIPTION.fullmatch(description):
                self.out.write("paragraph", 0, description)
                return

    def _table(self, element: Any) -> None:
        header_rows = [r for h in element.iter(_TB + "table-header-rows") for r in h.iter(_TB + "table-row")]
        rows = [r for r in _rows(element) if r not in header_rows]
        if not header_rows and len(rows) > 1:
            first = [self._cell_text(c) for c in _cells(rows[0])]
            if self._in_heading_style(rows[0]) or heads_years(first):
                header_rows, rows = rows[:1], rows[1:]
        # a header cell spanning columns is divided by the row under it ("Ink Type" over "RGB | CMY")
        while header_rows and len(rows) > 1 and _spans_columns(header_rows[-1]) and not self._has_figures(rows[0]):
            header_rows, rows = [*header_rows, rows[0]], rows[1:]
        group = self.writer.new_group()
        if header_rows:
            grid = [[(c, self._cell_text(c)) for c in _cells(r) for _ in range(_spanned(c))] for r in header_rows]
            self.writer.add_cells("table_header", _stacked(grid), group)
        for row in rows:
            self.writer.add_cells("table_row", [self._cell_text(c) for c in _cells(row)], group)
        for cell in element.iter(_TB + "table-cell"):
            for lst in cell.iterchildren(_T + "list"):
                self._list(lst, False, 1, lst.get(_T + "style-name"), counted_only=True)
        for note in element.iter(_T + "note"):  # a note in a cell is read after the table
            self._note(note)

    def _note(self, note: Any) -> None:
        """A note's paragraphs, each once: pandoc repeats a note for each reference to it."""
        body = note.find(_T + "note-body")
        for paragraph in [] if body is None else body.iter(_T + "p"):
            text = " ".join(_plain_text(paragraph).split())
            if text and text not in self.written_notes:
                self.written_notes.add(text)
                self.out.write("paragraph", 0, text)

    def _has_figures(self, row: Any) -> bool:
        return any(ch.isdigit() for c in _cells(row) for ch in self._cell_text(c))

    def _cell_text(self, cell: Any) -> str:
        return "\n".join(_plain_text(p) for p in _cell_paragraphs(cell))

    def _in_heading_style(self, row: Any) -> bool:
        paragraphs = [p for c in _cells(row) for p in _cell_paragraphs(c) if _plain_text(p).strip()]
        return bool(paragraphs) and all(
            "table heading" in self.styles.names("paragraph", p.get(_T + "style-name")) for p in paragraphs
        )


def _rows(table: Any) -> list[Any]:
    """A table's rows in order, those of row groups included, not those of tables inside cells."""
    rows: list[Any] = []
    for child in table:
        if child.tag == _TB + "table-row":
            rows.append(child)
        elif child.tag in (_TB + "table-header-rows", _TB + "table-rows", _TB + "table-row-group"):
            rows.extend(_rows(child))
    return rows


def _cells(row: Any) -> list[Any]:
    """A row's cells, a merged cell once (the cells it covers are `table:covered-table-cell`)."""
    return [c for c in row if c.tag == _TB + "table-cell"]


def _spanned(cell: Any) -> int:
    """How many columns a cell spans (a merged cell's `table:number-columns-spanned`)."""
    spanned = cell.get(_TB + "number-columns-spanned", "1")
    return min(int(spanned), 1000) if spanned.isdigit() and int(spanned) > 0 else 1


def _spans_columns(row: Any) -> bool:
    return any(_spanned(c) > 1 for c in _cells(row))


def _stacked(grid: list[list[tuple[Any, str]]]) -> list[str]:
    """The header's cells, a column at a time: a cell spanning columns heads each of them, and the
    cells of stacked header rows are read top down ("Ink Type RGB"). Columns covered by the same
    cells in every header row are one."""
    texts: list[str] = []
    last: tuple[int, ...] = ()
    for n in range(max(len(row) for row in grid)):
        column = [row[n] if n < len(row) else (None, "") for row in grid]
        key = tuple(id(cell) for cell, _ in column)
        if key == last:
            continue
        last = key
        parts: list[str] = []
        for _, text in column:
            text = text.strip()
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        texts.append(" ".join(parts))
    return texts


def _shown_number(level: Any, counts: dict[int, int], depth: int, start: str | None) -> str:
    """Count an item at `depth` in `counts` (from `start` when it restarts there, deeper counts
    ended) and return its number as the level's style shows it, with as many levels as it
    displays ("1.2)"); "" for a bullet or a level without numbers."""
    if level is None or level.tag not in _NUMBERED_LEVELS:
        return ""
    first = level.get(_T + "start-value", "1")
    counts[depth] = (
        int(start) if start and start.isdigit() else counts.get(depth, (int(first) if first.isdigit() else 1) - 1) + 1
    )
    for deeper in [d for d in counts if d > depth]:
        del counts[deeper]
    format_ = _NUM_FORMATS.get(level.get(_S + "num-format", ""), "decimal")
    if format_ == "none":
        return ""
    shown = level.get(_T + "display-levels", "1")
    levels = range(max(depth - (int(shown) if shown.isdigit() else 1) + 1, 1), depth + 1)
    numbers = ".".join(list_number(max(counts.get(d, 1), 1), format_) for d in levels)
    return f"{level.get(_S + 'num-prefix', '')}{numbers}{level.get(_S + 'num-suffix', '')}"


def _cell_paragraphs(cell: Any) -> list[Any]:
    """A cell's paragraphs, those of notes and frames anchored in them left out."""
    return [p for p in cell.iter(_T + "p", _T + "h") if not any(a.tag in _APART for a in p.iterancestors())]


def _runs(node: Any, style: str | None, notes: list[Any], frames: list[Any]) -> Iterator[tuple[str, str | None]]:
    """The runs of text under `node` as shown, each with the style in effect (a span's, else
    `style`): spaces (`text:s`), tabs and line breaks as characters; notes and frames are appended
    to `notes` and `frames`, comments, tracked deletions and declarations left out."""
    if node.text:
        yield node.text, style
    for child in node:
        tag = child.tag
        if tag == _T + "note":
            notes.append(child)
        elif tag == _D + "frame":
            frames.append(child)
        elif tag == _T + "s":
            count = child.get(_T + "c", "1")
            yield " " * (int(count) if count.isdigit() else 1), style
        elif tag == _T + "tab":
            yield "\t", style
        elif tag == _T + "line-break":
            yield "\n", style
        elif tag not in _SKIPPED and isinstance(tag, str):
            inner = child.get(_T + "style-name") if tag == _T + "span" else None
            yield from _runs(child, inner or style, notes, frames)
        if child.tail:
            yield child.tail, style


def _plain_text(element: Any) -> str:
    """An element's text as shown, without notes, frames, comments or tracked deletions."""
    return "".join(text for text, _ in _runs(element, None, [], [])).translate(_SHOWN)


def _heading_number(names: list[str]) -> int:
    for name in names:
        if name.startswith("heading") and name.split()[-1].isdigit():
            return int(name.split()[-1])
    return 1
