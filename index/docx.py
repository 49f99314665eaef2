"""Read a Word document (.docx) into a `Document`: the body's paragraphs and tables in order.

Word says what a paragraph is in its XML; the reader takes it from there, not from how it looks:

- heading: a paragraph with an outline level (its own, else its style's, else that of a style it is
  based on: a template's "Chapter Heading" or a localized "Überschrift 1" as well as "Heading 1"),
  or in a style named "Heading N" or "Title"; a short paragraph wholly in bold is a heading below
  them, unless it is a caption (the "Caption" style, a `SEQ` field numbering it);
- boilerplate: a table of contents (Word's content control for it, the entries of a `TOC` field,
  the "TOC N"/"Contents N" styles); an admonition's label alone in a text box ("Warning");
- code: a paragraph in a code style ("HTML Preformatted", "Source Code", "CodeFrag") or set wholly
  in a fixed-pitch face (named so, or declared fixed-pitch in the font table); consecutive code
  paragraphs are one block, as a program's lines are (LibreOffice writes a paragraph a line);
- definition: a term in pandoc's "Definition Term" or LibreOffice's "List Heading" style with the
  description after it ("Definition", "List Contents");
- list_item: a numbered paragraph or one in a "List" style, at the depth its numbering gives; a
  numbered item ("2.", "b)") and a heading Word numbers ("6.3.2.1)", "Chapter 2") start with their
  number, as it is shown (a bullet is not written);
- table_header and table_row: the rows Word repeats as a header (`tblHeader`), else a first row in
  bold (its own runs or the table style's header row) or of years over the figures of the rows
  below (`heads_years`), are the header; a header of several rows is
  read a column at a time ("Capacity (sheets) 120 g/m²"); a table without one has none;
- footnotes and endnotes are paragraphs after the paragraph (or table) that refers to them, a text
  box's paragraphs after the paragraph it is anchored in: where a reader meets them.

Text is read from plain runs, tracked insertions, content controls, fields' results, hyperlinks and
equations alike (a fraction on one line: "C/0.05"), a symbol character (`w:sym`) as the Unicode
character it shows (the Symbol font's Greek letters and signs: "θ", "≤", "°"); a picture's
description (its alternative text) is a paragraph after the paragraph that holds the picture, unless
it is a bare name ("Picture 7", "image3.png"). Deleted text, a field's instruction and the second
copy Word keeps of a drawing (`mc:Fallback`) are not read. The title is the Title paragraph's,
else the core properties' (often left from a template), else the first heading's.
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
from index.pdf import MONO_FONT

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# What a paragraph's text is made of, in document order, wherever it sits (None: the element's text).
_TEXT = {
    _W + "t": None,
    _M + "t": None,
    _W + "tab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_BOX = _W + "txbxContent"
_SYMBOL = _W + "sym"
_DRAWING = _W + "drawing"
_PICTURE_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
# A drawing's description that says nothing of it: a name Word or a camera gave it.
BARE_DESCRIPTION = re.compile(
    r"(?:picture|image|graphic|figure|chart|photo|img|dsc)[\s_-]*\d*|.*\.(?:png|jpe?g|gif|emf|wmf|svg|tiff?|bmp)",
    re.IGNORECASE,
)
# The Symbol font's characters (w:sym w:font="Symbol", the code past 0xF000 or not) as Unicode:
# Greek letters where ASCII letters sit, and the mathematical signs of its upper half.
_SYMBOL_LETTERS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ",
        strict=True,
    )
)
_SYMBOL_SIGNS = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
    0xA3: "≤", 0xA5: "∞", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±",
    0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡",
    0xBB: "≈", 0xBC: "…", 0xD0: "∠", 0xD1: "∇", 0xD2: "®", 0xD3: "©", 0xD4: "™", 0xD5: "∏", 0xD6: "√",
    0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDE: "⇒", 0xE5: "∑", 0xF2: "∫",
}  # fmt: skip
_FALLBACK = _MC + "Fallback"  # Word writes a text box twice: as DrawingML, then as VML for old readers
_FRACTION = _M + "f"

# Style names (lower case, as Word stores built-in ones) of code, of contents entries and of the
# two halves of a definition.
CODE_STYLE = re.compile(r"preformatted|code|verbatim", re.IGNORECASE)
CONTENTS_STYLE = re.compile(r"^(?:toc|contents)\s*(?:\d+|heading)$", re.IGNORECASE)
TERM_STYLES = frozenset({"definition term", "list heading"})
DESCRIPTION_STYLES = frozenset({"definition", "list contents"})
_STYLE_CHAIN = 20  # styles based on styles: a bound against a loop in a broken file


class UnreadableDocx(Exception):
    """A .docx that cannot be read; the message says why."""


def parse_docx(source: str, sha256: str, data: bytes) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableDocx(f"not a readable .docx: {exc}") from exc
    reader = _Reader(document)
    reader.read(_body(document.element.body))
    text = reader.writer.text
    if not text.strip():
        raise UnreadableDocx("the document has no text")
    blocks = captions_as_paragraphs(reader.writer.blocks)
    headings = [b for b in blocks if b.kind == "heading"]
    first = " ".join(text[headings[0].start : headings[0].end].split()) if headings else ""
    core_title = (document.core_properties.title or "").strip()
    return Document(source, sha256, text, reader.styled_title or core_title or first, blocks)


def _body(parent: Any, contents: bool = False) -> Iterator[tuple[Any, bool]]:
    """The paragraphs and tables of a body in order, each with whether it is in a table of contents
    (Word's content control for one), those inside block-level content controls included."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag in (_W + "p", _W + "tbl"):
            yield child, contents
        elif tag == _W + "sdt":
            gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            inside = contents or (gallery is not None and "contents" in (gallery.get(_W + "val") or "").lower())
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _body(content, inside)
        elif tag == _W + "customXml":
            yield from _body(child, contents)


def _text(element: Any, boxes: list[Any] | None = None, alts: list[str] | None = None) -> str:
    """An element's text, without its text boxes' (appended to `boxes`, when given), its pictures'
    descriptions (appended to `alts`, when given) or the fallback copies of its drawings."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag == _FALLBACK:
                continue
            if tag == _BOX:
                if boxes is not None:
                    boxes.append(child)
                continue
            if tag == _FRACTION:
                parts.append(_fraction(child))
                continue
            if tag == _SYMBOL:
                parts.append(_symbol(child))
                continue
            if tag == _DRAWING and alts is not None:
                alts.extend(_description(child))  # and a text box it draws is read on
            fixed = _TEXT.get(tag, "")
            if fixed is None:
                parts.append(child.text or "")
            elif fixed:
                parts.append(fixed)
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _symbol(element: Any) -> str:
    """The character a `w:sym` shows: one of the Symbol font's as Unicode, another font's code as
    it stands; nothing for a font whose pictures have no Unicode reading (Wingdings)."""
    font, code = element.get(_W + "font", ""), element.get(_W + "char", "")
    try:
        number = int(code, 16)
    except ValueError:
        return ""
    if font.lower() == "symbol":
        low = number & 0xFF
        return (
            _SYMBOL_LETTERS.get(chr(low), "") or _SYMBOL_SIGNS.get(low, "") or (chr(low) if 0x20 <= low < 0x7F else "")
        )
    return chr(number) if number < 0xE000 or number > 0xF8FF else ""


def _description(drawing: Any) -> list[str]:
    """A picture's description (its alternative text), where it says more than the picture's name."""
    found = []
    for placed in drawing:  # wp:inline or wp:anchor; a picture inside a text box is the box's
        properties = placed.find(_PICTURE_PROPERTIES)
        if properties is None:
            continue
        description = " ".join((properties.get("descr") or "").split())
        if description and not BARE_DESCRIPTION.fullmatch(description):
            found.append(description)
    return found


def _paragraphs(element: Any) -> Iterator[Any]:
    """The paragraphs inside an element (a table cell, a note), those of its text boxes too, but not
    the fallback copies Word keeps of its drawings: a box in a table cell is read once."""
    for paragraph in element.iter(_W + "p"):
        if not any(ancestor.tag == _FALLBACK for ancestor in paragraph.iterancestors()):
            yield paragraph


def _fraction(element: Any) -> str:
    """An equation's fraction on one line: "C/0.05", "(a+b)/2"."""
    parts = []
    for name in ("num", "den"):
        part = element.find(_M + name)
        text = _text(part).strip() if part is not None else ""
        parts.append(text if re.fullmatch(r"[\w.]*", text) else f"({text})")
    return "/".join(parts)


def _styles_of(style: Any) -> Iterator[Any]:
    """A style and the styles it is based on, nearest first."""
    for _ in range(_STYLE_CHAIN):
        if style is None:
            return
        yield style
        style = style.base_style


def _outline_level(element: Any, style: Any) -> int | None:
    """The paragraph's outline level, 1 at the top (Word counts from 0; its 9 is body text): its own,
    else its style's or a base style's."""
    for ppr in [element.pPr, *(s.element.pPr for s in _styles_of(style))]:
        found = ppr.find(_W + "outlineLvl") if ppr is not None else None
        if found is not None:
            value = found.get(_W + "val", "9")
            return int(value) + 1 if value.isdigit() and int(value) < 9 else None
    return None


def _fixed_pitch_fonts(document: Any) -> frozenset[str]:
    """The faces the document's font table declares fixed-pitch ("Cumberland AMT", a Courier)."""
    table = _part_xml(document, "fontTable")
    if table is None:
        return frozenset()
    return frozenset(font.get(_W + "name", "") for font in table.iter(_W + "font") if _val(font, "pitch") == "fixed")


def _notes(document: Any) -> dict[tuple[str, str], list[str]]:
    """The footnotes' and endnotes' paragraphs, by (kind, id); the separators Word keeps there are
    not notes."""
    notes: dict[tuple[str, str], list[str]] = {}
    for kind in ("footnote", "endnote"):
        root = _part_xml(document, kind + "s")
        for note in root.iter(_W + kind) if root is not None else ():
            if note.get(_W + "type") in (None, "normal"):
                notes[(kind, note.get(_W + "id", ""))] = [_text(p) for p in _paragraphs(note)]
    return notes


class _Numbering:
    """Word's numbering (numbering.xml): the mark each numbered paragraph is shown with. The lists
    (`w:num`) of one definition (`w:abstractNum`) count on from each other, as Word counts them,
    unless one restarts a level (`w:startOverride`, from its first paragraph); a level restarts
    those below it; "%1.%2)" is filled with each level's counter in its format."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, Any]] = {}  # numId -> ilvl -> w:lvl
        self.starts: dict[str, dict[int, int]] = {}  # numId -> ilvl -> a start that overrides
        self.definition: dict[str, str] = {}  # numId -> abstractNumId, whose counters it shares
        self.counters: dict[str, list[int]] = {}  # abstractNumId -> a counter a level
        self.started: set[str] = set()  # the lists whose restarts are done
        self.by_style: dict[tuple[str, str], int] = {}  # (numId, styleId) -> the level that style takes
        root = _part_xml(document, "numbering")
        if root is None:
            return
        abstract = {a.get(_W + "abstractNumId"): a for a in root.iter(_W + "abstractNum")}
        for num in root.iter(_W + "num"):
            num_id = num.get(_W + "numId", "")
            reference = num.find(_W + "abstractNumId")
            definition = abstract.get(reference.get(_W + "val") if reference is not None else None)
            if definition is None:
                continue
            levels = {_number(lvl.get(_W + "ilvl"), 0): lvl for lvl in definition.iter(_W + "lvl")}
            starts = {}
            for override in num.iter(_W + "lvlOverride"):
                level = _number(override.get(_W + "ilvl"), 0)
                start = override.find(_W + "startOverride")
                if start is not None:
                    starts[level] = _number(start.get(_W + "val"), 1)
                if (replaced := override.find(_W + "lvl")) is not None:
                    levels[level] = replaced
            self.levels[num_id], self.starts[num_id] = levels, starts
            self.definition[num_id] = reference.get(_W + "val", "")
            for level, lvl in levels.items():
                style = lvl.find(_W + "pStyle")
                if style is not None:
                    self.by_style[(num_id, style.get(_W + "val", ""))] = level

    def mark(self, num_id: str, level: int) -> str:
        """Count a paragraph of list `num_id` at `level` and return its mark ("" for a bullet)."""
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(self.definition[num_id], [])
        while len(counters) <= level:
            counters.append(self._start(num_id, len(counters)) - 1)
        if num_id not in self.started:
            self.started.add(num_id)
            for restarted, start in self.starts[num_id].items():
                if restarted < len(counters):
                    counters[restarted] = start - 1
        counters[level] += 1
        for below in range(level + 1, len(counters)):
            counters[below] = self._start(num_id, below) - 1
        lvl = levels[level]
        text = _val(lvl, "lvlText")
        if _val(lvl, "numFmt") == "bullet" or not text:
            return ""
        legal = lvl.find(_W + "isLgl") is not None

        def filled(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            if at >= len(counters) or at not in levels:
                return ""
            style = "decimal" if legal else _WORD_FORMATS.get(_val(levels[at], "numFmt"), "decimal")
            # a level not used yet shows its start
            return list_number(max(counters[at], self._start(num_id, at)), style)

        return re.sub(r"%(\d)", filled, text).strip()

    def _start(self, num_id: str, level: int) -> int:
        if level in self.starts.get(num_id, {}):
            return self.starts[num_id][level]
        lvl = self.levels[num_id].get(level)
        return _number(_val(lvl, "start") if lvl is not None else None, 1)


def _number(text: str | None, default: int) -> int:
    """A whole number Word wrote as an attribute, or `default` where the file holds none (or junk)."""
    return int(text) if text is not None and text.isdigit() else default


def _val(element: Any, name: str) -> str:
    child = element.find(_W + name)
    return (child.get(_W + "val") or "") if child is not None else ""


# Word's number formats (w:numFmt) by the list style they show; one not known reads as decimal.
_WORD_FORMATS: dict[str, ListStyle] = {
    "none": "none",
    "lowerLetter": "lower-alpha",
    "upperLetter": "upper-alpha",
    "lowerRoman": "lower-roman",
    "upperRoman": "upper-roman",
    "decimalZero": "decimal-leading-zero",
}


def _is_toc(instruction: str) -> bool:
    """Whether a field's instruction (" TOC \\o "1-3" \\h ") makes a table of contents."""
    return (instruction.split() or [""])[0].upper() == "TOC"


def _part_xml(document: Any, kind: str) -> Any:
    """The root element of the document's part of `kind` ("numbering", "fontTable"), if it has one."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/" + kind) and not rel.is_external:
            return etree.fromstring(rel.target_part.blob)
    return None


class _Reader:
    """Writes a Word body's blocks in order; see the module docstring."""

    def __init__(self, document: Any) -> None:
        from docx.text.paragraph import Paragraph

        self.document = document
        self.Paragraph = Paragraph
        self.out = ParagraphWriter()
        self.writer = self.out.writer
        self.fixed_fonts = _fixed_pitch_fonts(document)
        self.notes = _notes(document)
        self.numbering = _Numbering(document)
        self.written_notes: set[str] = set()
        self.waiting_notes: list[tuple[str, str]] = []
        self.styled_title = ""
        self.fields: list[str] = []  # the instructions of the fields open where reading is

    def read(self, blocks: Iterator[tuple[Any, bool]]) -> None:
        for element, contents in blocks:
            if element.tag == _W + "p":
                self._paragraph(element, contents)
            else:
                self.out.flush()
                self.out.in_list = False
                self._table(element)
            self._write_notes()
        self.out.flush()

    def _paragraph(self, element: Any, contents: bool, in_box: bool = False) -> None:
        boxes: list[Any] = []
        alts: list[str] = []
        text = _text(element, boxes, alts)
        in_toc = self._in_toc_field(element)
        self._wait_for_notes(element)
        paragraph = self.Paragraph(element, self.document)
        style = paragraph.style
        name = (style.name if style is not None else "") or ""
        kind, level = self._kind(element, paragraph, style, name, text)
        mark = self._mark(element, style) if text.strip() else ""
        if mark and kind in ("heading", "list_item"):
            text = f"{mark} {text}"
        if contents or in_toc or CONTENTS_STYLE.match(name.strip()):
            kind, level = "boilerplate", 0
        elif in_box and labels_box(text):
            kind, level = "boilerplate", 0  # the box's label: what it heads is the box alone
        elif in_box and kind == "heading" and level == RUN_IN_LEVEL:
            kind, level = "paragraph", 0
        self.out.write(kind, level, text)
        for description in alts:  # a picture's description is read where the picture stands
            self.out.write("paragraph", 0, description)
        for box in boxes:
            for child, _ in _body(box):
                if child.tag == _W + "p":
                    self._paragraph(child, False, in_box=True)

    def _kind(self, element: Any, paragraph: Any, style: Any, name: str, text: str) -> tuple[str, int]:
        lowered = name.lower()
        if lowered == "title":
            self.styled_title = self.styled_title or " ".join(text.split())
            return "heading", 1
        outline = _outline_level(element, style)
        if outline is None and lowered.startswith("heading") and lowered.split()[-1].isdigit():
            outline = int(lowered.split()[-1])
        if outline is not None:
            return "heading", outline + 1 if self.styled_title else outline
        if lowered in TERM_STYLES:
            return "term", 0
        if lowered in DESCRIPTION_STYLES:
            return "description", 0
        if self._in_monospace(paragraph, style, name):
            return "code", 0
        numbering = element.pPr.numPr if element.pPr is not None else None
        if numbering is not None and numbering.numId is not None and numbering.numId.val == 0:
            numbering = None  # numbering taken off (LibreOffice writes it on every table cell's paragraph)
        if numbering is not None or lowered.startswith("list"):
            depth = numbering.ilvl.val if numbering is not None and numbering.ilvl is not None else 0
            return "list_item", depth + 1
        caption = lowered == "caption" or any(
            " SEQ " in f" {instruction} " for instruction in self._instructions(element)
        )
        if not caption and _in_bold(paragraph) and made_heading(text):
            return "heading", RUN_IN_LEVEL
        return "paragraph", 0

    def _mark(self, element: Any, style: Any) -> str:
        """The number Word shows before a numbered paragraph (its own numbering, else its style's),
        counted whether or not it is written."""
        for owner in [element, *(s.element for s in _styles_of(style))]:
            properties = owner.pPr
            numbering = properties.numPr if properties is not None else None
            if numbering is None or numbering.numId is None:
                continue
            num_id = str(numbering.numId.val)
            if numbering.ilvl is not None:
                level = numbering.ilvl.val
            else:
                level = self.numbering.by_style.get((num_id, style.style_id if style is not None else ""), 0)
            return self.numbering.mark(num_id, level) if num_id != "0" else ""
        return ""

    def _in_monospace(self, paragraph: Any, style: Any, name: str) -> bool:
        """Whether a paragraph is code: in a code style, or every run holding text set in a
        fixed-pitch face (its own or its style's); a paragraph with a command inside prose is not."""
        if CODE_STYLE.search(name):
            return True
        style_font = next((s.font.name for s in _styles_of(style) if s.font.name), None) or ""
        runs = [run for run in paragraph.runs if run.text.strip()]
        return bool(runs) and all(self._fixed(run.font.name or style_font) for run in runs)

    def _fixed(self, face: str) -> bool:
        return bool(face) and (face in self.fixed_fonts or MONO_FONT.search(face) is not None)

    def _instructions(self, element: Any) -> list[str]:
        simple = [f.get(_W + "instr", "") for f in element.iter(_W + "fldSimple")]
        return simple + [t.text or "" for t in element.iter(_W + "instrText")]

    def _in_toc_field(self, element: Any) -> bool:
        """Whether the paragraph is read inside a TOC field (begun in the first entry, ended in the
        last); `self.fields` carries the open fields from paragraph to paragraph."""
        inside = self._toc_open()
        for node in element.iter(_W + "fldChar", _W + "instrText", _W + "fldSimple"):
            if node.tag == _W + "fldSimple":
                inside = inside or _is_toc(node.get(_W + "instr", ""))
            elif node.tag == _W + "instrText":
                if self.fields:
                    self.fields[-1] += node.text or ""
            elif node.get(_W + "fldCharType") == "begin":
                self.fields.append("")
            elif node.get(_W + "fldCharType") == "end" and self.fields:
                self.fields.pop()
            inside = inside or self._toc_open()
        return inside

    def _toc_open(self) -> bool:
        return any(_is_toc(instruction) for instruction in self.fields)

    def _wait_for_notes(self, element: Any) -> None:
        for ref in element.iter(_W + "footnoteReference", _W + "endnoteReference"):
            self.waiting_notes.append((ref.tag[len(_W) : -len("Reference")], ref.get(_W + "id", "")))

    def _write_notes(self) -> None:
        """The notes referred to by what was just written, each once (pandoc repeats a note for
        each reference to it)."""
        waiting, self.waiting_notes = self.waiting_notes, []
        if waiting:
            self.out.flush()
        for key in waiting:
            for text in self.notes.get(key, []):
                folded = " ".join(text.split())
                if folded and folded not in self.written_notes:
                    self.written_notes.add(folded)
                    self.writer.add("paragraph", text)

    def _table(self, element: Any) -> None:
        from docx.table import Table

        table = Table(element, self.document)
        rows = list(table.rows)
        header = 0
        while header < len(rows) - 1 and _repeats_as_header(rows[header]):
            header += 1
        if not header and len(rows) > 1 and (_first_row_heads(table, rows[0]) or heads_years(_header_cells(rows[:1]))):
            header = 1  # a first row in bold, or of years over a statement's figures
        # a header cell spanning columns is divided by the row under it ("Ink Type" over "RGB | CMY")
        while 0 < header < len(rows) - 1 and _spans_columns(rows[header - 1]) and not _has_figures(rows[header]):
            header += 1
        group = self.writer.new_group()
        if header:
            self.writer.add_cells("table_header", _header_cells(rows[:header]), group)
        for row in rows[header:]:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue  # a merged cell repeats
                seen.add(id(cell._tc))
                self._wait_for_notes(cell._tc)
                cells.append("\n".join(_text(p) for p in _paragraphs(cell._tc)))
            self.writer.add_cells("table_row", cells, group)


def _in_bold(paragraph: Any) -> bool:
    """Whether every run of a paragraph that holds text is set in bold (its own or its style's)."""
    style_bold = any(s.font.bold for s in _styles_of(paragraph.style))
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)


def _in_bold_row(row: Any) -> bool:
    """Whether every cell of a row that holds text is wholly in bold."""
    filled = [p for cell in row.cells for p in cell.paragraphs if p.text.strip()]
    return bool(filled) and all(_in_bold(p) for p in filled)


def _repeats_as_header(row: Any) -> bool:
    """Whether Word repeats the row at the top of each page ("Repeat as header row")."""
    properties = row._tr.trPr
    found = properties.find(_W + "tblHeader") if properties is not None else None
    return found is not None and found.get(_W + "val", "true") not in ("0", "false")


def _first_row_heads(table: Any, row: Any) -> bool:
    """Whether a table's first row, not marked to repeat, is its header: set in bold (its own runs or
    the table style's look for a header row); else, unless the table's look says it has no header
    row, when none of its cells holds a figure ("City | Nightly limit", not "Print speed | 50 pages
    per minute", the first pair of a table of properties)."""
    properties = table._tbl.find(_W + "tblPr")
    look = properties.find(_W + "tblLook") if properties is not None else None
    if look is not None and not _looks_for_header(look):
        return _in_bold_row(row)
    if (properties is not None and _style_bolds_first_row(table)) or _in_bold_row(row):
        return True
    return not _has_figures(row)


def _has_figures(row: Any) -> bool:
    return any(ch.isdigit() for cell in row.cells for ch in cell.text)


def _spans_columns(row: Any) -> bool:
    """Whether a cell of the row spans several columns."""
    spans = (_val(cell, "tcPr/" + _W + "gridSpan") for cell in row._tr.iter(_W + "tc"))
    return any(span.isdigit() and int(span) > 1 for span in spans)


def _looks_for_header(look: Any) -> bool:
    """A table's `tblLook`: whether the table takes its style's look for a header row (the
    attribute, else the bit 0x0020 of the older hexadecimal value)."""
    first_row = look.get(_W + "firstRow")
    if first_row is not None:
        return first_row not in ("0", "false")
    try:
        return bool(int(look.get(_W + "val", "0020"), 16) & 0x0020)
    except ValueError:
        return True


def _style_bolds_first_row(table: Any) -> bool:
    """Whether the table's style sets a header row in bold."""
    style = table.style
    for s in _styles_of(style):
        for conditional in s.element.findall(_W + "tblStylePr"):
            if conditional.get(_W + "type") == "firstRow":
                bold = conditional.find(f"{_W}rPr/{_W}b")
                if bold is not None and bold.get(_W + "val", "true") not in ("0", "false"):
                    return True
    return False


def _header_cells(rows: list[Any]) -> list[str]:
    """The header's cells, a column at a time: a cell spanning columns heads each of them, and the
    cells of stacked header rows are read top down ("Capacity (sheets) 120 g/m²"). Columns covered
    by the same cells in every header row are one."""
    columns: list[tuple[int, ...]] = []
    texts: list[str] = []
    grid = [row.cells for row in rows]
    for n in range(max(len(cells) for cells in grid)):
        cells = [cells[n] if n < len(cells) else None for cells in grid]
        key = tuple(id(c._tc) if c is not None else -1 for c in cells)
        if columns and columns[-1] == key:
            continue
        columns.append(key)
        parts: list[str] = []
        for cell in cells:
            text = " ".join(_text(p) for p in _paragraphs(cell._tc)).strip() if cell is not None else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        texts.append(" ".join(parts))
    return texts
