"""Cut a parsed document into sentences and overlapping chunks, each with its exact raw span."""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import textwrap
from dataclasses import dataclass

from index.clean import HYPHEN, PROSE_END, CleanText
from index.document import Block, Document, block_text, cell_texts
from index.sentences import MAX_SENTENCE_CHARS, split_spans

# A chunk closes at the end of a section once it holds this share of its target words.
SECTION_MIN_SHARE = 0.5

# A program's help printed in a code block ("--fill-density    Infill density (default: 40%)",
# ".timer on|off    Turn SQL timer on or off"): a line opening with an option or a shell's dot
# command heads an entry, and the lines under it indented deeper are its description. A code block
# is read an entry at a time when it holds at least MIN_ENTRIES such entries, together at least
# ENTRY_SHARE of its lines; other code is one unit, or cut as prose is when too long for one.
# Measured over every development set (parser versions 120 and 121): offing +3 (Slic3r's README),
# documents together -1 (a near tie), markdown, sqlite, further, laidout and word unchanged; with
# PDF code's column gaps kept (123), further and headed (Asymptote's, Octave's listings) unchanged.
# A line opening with a name, an aside in brackets and a spaced dash heads one too ("FONTNAME (or
# FACE)  - takes fontname.", ReportLab's table commands); of the code blocks of the 47 corpora under
# .bench/devdocs only that one is read otherwise for it (pipeline version 16).
_ENTRY_HEAD = re.compile(r"[ \t]*(?:(?:--?|\.)[A-Za-z]|[A-Za-z_][\w.]*(?: \([^)\n]*\))?[ \t]+-[ \t]+\S)")
# "--help    Print usage", "--html: the input ...", "LEADING - takes leading in points."
_DESCRIPTION = re.compile(r"\S(?:[ \t]{2,}|:[ \t]+|[ \t]+-[ \t]+)(?=\S)")
MIN_ENTRIES = 8  # entries described beside or under their head: not a tree of "-Assets" / "--Checking"
ENTRY_SHARE = 0.6
_ENTRY, _DESCRIBED = 1, 2
_LISTING_LABEL = re.compile(r"[^\s:]+(?: [^\s:]+){0,4}:")  # "Print options:", "Options (advanced):"


@dataclass(frozen=True)
class Sentence:
    """One sentence, or one unit read as a sentence (a list item, a table row, a definition).

    `start`/`end` are a half-open span of the document's raw text; lines are 1-based and inclusive;
    `text` is the cleaned sentence, whose words appear in order in raw[start:end]. `kind` is the
    kind of block it comes from; `section` the trail of headings above it. List items and table
    rows carry their list's or table's `group`, and so does a code block that a paragraph ending in
    a colon introduces (an example); the sentence that introduces one (the last of the paragraph
    right before it) `leads` it. `shown` is how an answer gives the unit when that
    differs from `text`: a table row with its column headers ("New York, Nightly limit: USD 310"),
    a code block with its lines, a sentence with the words a line break hyphenated whole
    (`Block.breaks`).
    """

    start: int
    end: int
    line_start: int
    line_end: int
    text: str
    kind: str = "paragraph"
    section: tuple[str, ...] = ()
    group: int = -1
    leads: int = -1
    shown: str = ""

    @property
    def display(self) -> str:
        """The sentence as an answer gives it; a line of code inside a sentence of the answer, its
        column gaps read as one space ("--layer-height Layer height in mm (default: 0.3)")."""
        if self.shown:
            return self.shown
        return " ".join(self.text.split()) if self.kind == "code" else self.text


@dataclass(frozen=True)
class Chunk:
    """Consecutive sentences of one document, the unit that is embedded and retrieved.

    `text` is the cleaned text that is quoted; `title` is the document's title, given to the
    embedder alongside the text but never quoted; each sentence's section heads the sentences of
    that section in the embedded text. Spans and lines are as for Sentence.
    """

    id: str
    source: str
    doc_sha256: str
    ordinal: int
    start: int
    end: int
    line_start: int
    line_end: int
    page: int | None
    text: str
    title: str
    sentences: tuple[Sentence, ...]

    @property
    def embed_text(self) -> str:
        return self._layout()[0]

    def sentence_parts(self) -> list[tuple[tuple[int, int], ...]]:
        """Where each sentence lies in `embed_text`, with the title and its section if there are
        any, as half-open character spans. A sentence is embedded there, read in the context of
        its neighbours and with its title, since a sentence often names its subject only through
        the document it stands in ("She served as ...")."""
        return self._layout()[1]

    def _layout(self) -> tuple[str, list[tuple[tuple[int, int], ...]]]:
        """The embedded text: the title, then the sentences as answers give them, each section's
        heading trail on a line before its first sentence; and each sentence's parts in it."""
        pieces: list[str] = []
        at = 0
        title: tuple[tuple[int, int], ...] = ()
        if self.title:
            pieces.append(self.title)
            title, at = ((0, len(self.title)),), len(self.title) + 1
        parts = []
        section: tuple[int, int] | None = None
        current: tuple[str, ...] | None = None
        for sentence in self.sentences:
            if sentence.section and sentence.section != current:
                heading = " > ".join(sentence.section)
                pieces.append(heading)
                section, at = (at, at + len(heading)), at + len(heading) + 1
            elif not sentence.section:
                section = None
            current = sentence.section
            shown = sentence.display
            pieces.append(shown)
            parts.append((*title, *((section,) if section else ()), (at, at + len(shown))))
            at += len(shown) + 1
        return "\n".join(pieces), parts


def chunk_id(source: str, doc_sha256: str, ordinal: int) -> str:
    """Stable across rebuilds for unchanged documents; differs when the path or the bytes differ."""
    key = hashlib.sha256(f"{source}\0{doc_sha256}".encode()).hexdigest()[:20]
    return f"{key}-{ordinal}"


class LineTable:
    """Maps raw offsets to 1-based line numbers."""

    def __init__(self, raw: str) -> None:
        self._starts = [0]
        pos = raw.find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = raw.find("\n", pos + 1)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def split_sentences(doc: Document) -> list[Sentence]:
    """The document's sentences in order: every content block's text cut into sentences (list
    items, table rows and definitions whole, unless very long), each with its section path; no
    sentence from a heading or boilerplate block."""
    lines = LineTable(doc.text)
    sentences: list[Sentence] = []
    trail: list[tuple[int, str, int]] = []  # the headings above: level, text, the list they head (-1: none)
    headers: dict[int, list[str]] = {}
    blocks = doc.blocks
    examples = _examples(doc, blocks)
    first_heading = next((n for n, b in enumerate(blocks) if b.kind == "heading"), -1)
    for n, block in enumerate(blocks):
        if block.kind == "boilerplate":
            continue
        cleaned = block_text(doc.text, block)
        if block.kind == "heading":
            trail = [heading for heading in trail if heading[0] < block.level]
            if cleaned.text and not (n == first_heading and cleaned.text == doc.title):  # the title is no section
                trail.append((block.level, cleaned.text, block.group))
            continue
        trail = [heading for heading in trail if heading[2] < 0 or heading[2] == block.group]
        if block.kind == "table_header":
            headers[block.group] = cell_texts(doc.text, block)
            continue
        section = tuple(text for _, text, _ in trail)
        whole = block.kind in ("list_item", "table_row", "definition", "code")
        spans = listing_spans(doc.text, cleaned) if block.kind == "code" else None
        if spans is None and whole and len(cleaned.text) <= MAX_SENTENCE_CHARS:
            spans = [(0, len(cleaned.text))]
        if spans is None and block.kind == "code":  # too long to be one unit
            spans = stanza_spans(doc.text, cleaned)
        if spans is None:
            spans = list(split_spans(cleaned.text))
        shown = _row_shown(doc.text, block, headers.get(block.group)) if block.kind == "table_row" else ""
        leads = _introduced(blocks, n, examples) if block.kind in ("paragraph", "list_item") else -1
        group = block.group if block.kind in ("list_item", "table_row") else examples.get(n, -1)
        for i, (cs, ce) in enumerate(spans):
            if ce <= cs:
                continue
            start, end = cleaned.to_raw(cs, ce)
            if block.kind == "code":  # each piece of a long listing shown with its lines
                shown = _code_shown(doc.text, start, end, cleaned.text[cs:ce], block.holes)
            elif block.breaks:
                shown = _rejoined(cleaned, cs, ce, block.breaks)
            sentences.append(
                Sentence(
                    start,
                    end,
                    lines.line_of(start),
                    lines.line_of(end - 1),
                    cleaned.text[cs:ce],
                    block.kind,
                    section,
                    group,
                    leads if i == len(spans) - 1 else -1,
                    shown if len(spans) == 1 or block.kind == "code" or block.breaks else "",
                )
            )
    return sentences


def _introduced(blocks: list[Block], n: int, examples: dict[int, int]) -> int:
    """The group of the list, table or example (see `_examples`) that follows block `n`, a
    paragraph, directly (boilerplate aside), or -1; for a list item, the example alone (the items
    after it are its list's own)."""
    for m in range(n + 1, len(blocks)):
        block = blocks[m]
        if block.kind == "boilerplate":
            continue
        if (
            blocks[n].kind == "paragraph"
            and block.kind in ("list_item", "table_row", "table_header")
            and block.group >= 0
        ):
            return block.group
        return examples.get(m, -1)
    return -1


def _examples(doc: Document, blocks: list[Block]) -> dict[int, int]:
    """The code blocks that a paragraph ending in a colon or left open introduces ("... can be added
    to a full-text query as follows:", "... you need something like"), by block number, each given
    a group of its own after the document's lists and tables, so that the sentence that introduces
    one brings it as a list's items are brought; and a command that plain text or a PDF sets as a
    paragraph of its own (`_reads_as_command`)."""
    after = max((block.group for block in blocks), default=-1) + 1
    examples: dict[int, int] = {}
    before: Block | None = None
    for n, block in enumerate(blocks):
        if block.kind == "boilerplate":
            continue
        if (
            block.kind in ("code", "paragraph")
            and before is not None
            and _leads_on(doc, before)
            and (block.kind == "code" or _reads_as_command(block_text(doc.text, block).text))
        ):
            examples[n] = after + len(examples)
        before = block
    return examples


# A command line set as a paragraph, as plain text and PDFs set them ("To git clone, run:" over
# "git clone --recursive https://...", "... with debugging enabled:" over "wpa_supplicant
# -c/etc/wpa_supplicant.conf -iwlan0 -d"): it opens on a program's name in lower case or a path,
# ...
_COMMAND_START = re.compile(r"(?:[a-z][\w.+-]*|\.{0,2}/\S*|[$#~]\S*)(?:\s|$)")
# ... it holds an option, a path, an assignment or a variable ...
_COMMAND_MARK = re.compile(r"(?:^|\s)--?[A-Za-z]|\S/|=|\$")
# ... and no sentence ends in it (`PROSE_END`).
COMMAND_LINES = 4  # at most


def _reads_as_command(text: str) -> bool:
    """Whether a paragraph is a command line (see `_COMMAND_START`), of at most COMMAND_LINES lines."""
    text = text.strip()
    return (
        len(text.splitlines()) <= COMMAND_LINES
        and _COMMAND_START.match(text) is not None
        and _COMMAND_MARK.search(text) is not None
        and PROSE_END.search(text) is None
    )


def _leads_on(doc: Document, block: Block) -> bool:
    """Whether a paragraph leads into what follows it: it ends in a colon, or its sentence runs on
    without closing ("You can detect which domains are installed using", "For example,"); a list
    item, when it ends in a colon ("To check out a local tree use:" over the command)."""
    if block.kind not in ("paragraph", "list_item"):
        return False
    text = block_text(doc.text, block).text.rstrip()
    return text.endswith(":") or (block.kind == "paragraph" and (text.endswith(",") or text[-1:].isalpha()))


def shown_text(text: str, block: Block) -> str:
    """The block read as text (`block_text`) as its sentences show it: without the hyphens of the
    words a line break hyphenated (`Block.breaks`)."""
    cleaned = block_text(text, block)
    return (_rejoined(cleaned, 0, len(cleaned.text), block.breaks) if block.breaks else "") or cleaned.text


def _rejoined(cleaned: CleanText, start: int, end: int, breaks: tuple[int, ...]) -> str:
    """cleaned.text[start:end] without the hyphens at the raw offsets `breaks`, or "" when it holds
    none (see `Block.breaks`)."""
    at = set(breaks)
    text = cleaned.text[start:end]
    kept = [c for i, c in enumerate(text, start) if cleaned.raw_index[i] not in at or c not in ("-", HYPHEN)]
    return "".join(kept) if len(kept) < end - start else ""


def listing_spans(text: str, cleaned: CleanText) -> list[tuple[int, int]] | None:
    """The spans of `cleaned` (a code block of `text`) cut an entry at a time when the block is a
    program's help (see `_ENTRY_HEAD`): each entry its head line and the lines indented deeper under
    it; the lines between entries (a usage line), up to a blank line, cut as prose is, but for a
    label of a few words that heads the entries under it ("Print options:"), left out as a
    heading is. None when the block is not such a listing."""
    if not cleaned.text:
        return None
    start, end = cleaned.raw_index[0], cleaned.raw_index[len(cleaned.text) - 1] + 1
    pieces: list[list[int]] = []  # raw start, raw end, and what it is: ENTRY, DESCRIBED or 0, lines between
    head_indent = -1  # the indentation of the entry being read; -1: none
    description = -1  # the column its description starts at, once known: a head further left is the next entry
    after_other = False  # the line before is one between entries
    lines = in_entries = 0
    at = text.rfind("\n", 0, start) + 1
    for line in text[at:end].split("\n"):
        indent = len(line) - len(line.lstrip())
        first, last = at + indent, at + len(line.rstrip())
        at += len(line) + 1
        if first >= last:
            head_indent, after_other = -1, False
            continue
        lines += 1
        head = _ENTRY_HEAD.match(line)
        if head_indent >= 0 and indent > head_indent and not (head and (description < 0 or indent < description)):
            pieces[-1][1:] = [last, _DESCRIBED]
            description = description if description >= 0 else indent
        elif head:
            beside = _DESCRIPTION.search(line, indent)
            pieces.append([first, last, _DESCRIBED if beside else _ENTRY])
            head_indent, description = indent, beside.end() if beside else -1
        elif after_other:
            pieces[-1][1] = last
        else:
            pieces.append([first, last, 0])
        after_other = not pieces[-1][2]
        in_entries += bool(pieces[-1][2])
        head_indent = head_indent if pieces[-1][2] else -1
    described = sum(kind == _DESCRIBED for _, _, kind in pieces)
    if described < MIN_ENTRIES or in_entries < ENTRY_SHARE * lines:
        return None
    spans: list[tuple[int, int]] = []
    for raw_start, raw_end, entry in pieces:
        cs = bisect.bisect_left(cleaned.raw_index, raw_start)
        ce = bisect.bisect_left(cleaned.raw_index, raw_end)
        while ce > cs and cleaned.text[ce - 1] == " ":  # the space a line break became
            ce -= 1
        if ce <= cs:
            continue
        if entry and ce - cs <= MAX_SENTENCE_CHARS:
            spans.append((cs, ce))
        elif _LISTING_LABEL.fullmatch(cleaned.text[cs:ce]):
            continue  # "Print options:" heads the entries under it, and answers nothing
        else:
            spans.extend((cs + s, cs + e) for s, e in split_spans(cleaned.text[cs:ce]))
    return spans


# A blank line in a code block: it parts the block's stanzas.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


# A stanza of a configuration file opens on a comment line ("#* Update time ...", "; the port",
# "// retries"); a listing is cut at its blank lines when this share of its stanzas do. Over every
# development set (pipeline version 15): beacon 14 to 15 of 24 (btop's configuration, braille
# against block graphs), nothing else moved; cutting every long listing at its blank lines gained
# toolkits and beacon one each and lost documents together one (near ties the new units moved).
_COMMENT = re.compile(r"[ \t]*(?:#|;|//|--\s)")
COMMENTED_SHARE = 0.5


def stanza_spans(text: str, cleaned: CleanText) -> list[tuple[int, int]] | None:
    """The spans of `cleaned` (a code block of `text` too long to be one unit) cut at its blank
    lines: each stanza a unit (a comment with the setting it describes, "#* Update time in
    milliseconds ..." over "update_ms = 1500"; a function), and a stanza still too long cut as
    prose is."""
    start, end = cleaned.raw_index[0], cleaned.raw_index[len(cleaned.text) - 1] + 1
    stanzas = [m.end() for m in _BLANK_LINE.finditer(text, start, end)]
    openings = [start, *stanzas]
    if sum(bool(_COMMENT.match(text, at)) for at in openings) < COMMENTED_SHARE * len(openings):
        return None
    cuts = [0, *(bisect.bisect_left(cleaned.raw_index, at) for at in stanzas), len(cleaned.text)]
    spans: list[tuple[int, int]] = []
    for cs, ce in itertools.pairwise(cuts):
        while ce > cs and cleaned.text[ce - 1] == " ":  # the space a line break became
            ce -= 1
        while cs < ce and cleaned.text[cs] == " ":
            cs += 1
        if ce <= cs:
            continue
        if ce - cs <= MAX_SENTENCE_CHARS:
            spans.append((cs, ce))
        else:
            spans.extend((cs + s, cs + e) for s, e in split_spans(cleaned.text[cs:ce]))
    return spans


def _code_shown(text: str, start: int, end: int, cleaned: str, holes: tuple[tuple[int, int], ...] = ()) -> str:
    """A code block as an answer gives it: its lines as written, their common indentation taken
    off ("meson _builddir\nmeson compile -C _builddir"), a line that is wholly a hole left out (a
    blank line's number in a numbered listing, a running header where the listing runs over a
    page); "" when it is one line, or when its lines do not hold exactly the words of `cleaned`
    (text left out inside it, a hyphen joined)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        line_start = start
    lines = []
    at = line_start
    for line in text[line_start:end].split("\n"):
        first, last = at + len(line) - len(line.lstrip()), at + len(line.rstrip())
        at += len(line) + 1
        if first >= last or not any(hole_start <= first and last <= hole_end for hole_start, hole_end in holes):
            lines.append(line.rstrip())
    shown = textwrap.dedent("\n".join(lines)).strip("\n")
    return shown if "\n" in shown and shown.split() == cleaned.split() else ""


def _row_shown(text: str, block: Block, headers: list[str] | None) -> str:
    """A table row as an answer gives it: its first cell, then each other cell after its column's
    header ("New York, Nightly limit: USD 310"); the row as written when the table has no header."""
    cells = cell_texts(text, block)
    if not headers or len(cells) < 2:
        return ""
    parts = [cells[0]] if cells[0] else []
    for i, cell in enumerate(cells[1:], start=1):
        if not cell:
            continue
        header = headers[i] if i < len(headers) else ""
        parts.append(f"{header}: {cell}" if header else cell)
    return ", ".join(parts)


def chunk_document(doc: Document, chunk_words: int, overlap: int) -> list[Chunk]:
    """Pack sentences greedily into chunks of about `chunk_words` words; each chunk after the first
    repeats the last `overlap` sentences of the one before it. A chunk ends where a section ends
    once it holds SECTION_MIN_SHARE of `chunk_words`, and repeats nothing of another section, so
    that a long section is never mixed with the next while short ones share a chunk."""
    sentences = split_sentences(doc)
    groups: list[tuple[int, int]] = []
    i = 0
    least = SECTION_MIN_SHARE * chunk_words
    while i < len(sentences):
        j, words = i, 0
        while j < len(sentences) and (j == i or words + _words(sentences[j].display) <= chunk_words):
            if j > i and sentences[j].section != sentences[j - 1].section and words >= least:
                break
            words += _words(sentences[j].display)
            j += 1
        groups.append((i, j))
        if j >= len(sentences):
            break
        back = max(j - overlap, i + 1)
        while back < j and sentences[back].section != sentences[j].section:
            back += 1
        i = back
    chunks = []
    for ordinal, (i, j) in enumerate(groups):
        members = tuple(sentences[i:j])
        first, last = members[0], members[-1]
        chunks.append(
            Chunk(
                id=chunk_id(doc.source, doc.sha256, ordinal),
                source=doc.source,
                doc_sha256=doc.sha256,
                ordinal=ordinal,
                start=first.start,
                end=last.end,
                line_start=first.line_start,
                line_end=last.line_end,
                page=_page(doc.page_starts, first.start),
                text=" ".join(s.text for s in members),
                title=doc.title,
                sentences=members,
            )
        )
    return chunks


def _words(text: str) -> int:
    return len(text.split())


def _page(page_starts: list[int] | None, offset: int) -> int | None:
    if page_starts is None:
        return None
    return bisect.bisect_right(page_starts, offset)
