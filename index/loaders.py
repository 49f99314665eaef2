"""Find the corpus's files and read each into a `Document` (see `index.document`).

A document's `text` is what every character span indexes: for .txt and .md it is the file's own
decoded text, for .pdf, .html, .docx, .odt and .epub the text the extractor wrote, kept under the
index so that `source_text()` returns it unchanged. Plain text is read here; PDF, HTML, Markdown,
Word, OpenDocument and EPUB have modules of their own.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from index.clean import (
    HEADING_NUMBER,
    HYPHEN,
    Paragraph,
    bullet_end,
    number_depth,
    option_head,
    read_plain,
    reads_as_prose,
)
from index.document import (
    RUN_IN_WORDS,
    Block,
    Document,
    Kind,
    Span,
    Swap,
    heads_figures,
    heads_years,
    hyphen_joiner,
    reads_as_heading,
    title_from_name,
)
from index.docx import UnreadableDocx, parse_docx
from index.epub import UnreadableEpub, parse_epub
from index.html import parse_html
from index.markdown import parse_markdown
from index.odt import UnreadableOdt, parse_odt
from index.pdf import UnreadablePDF, parse_pdf
from index.rst import parse_rst

log = logging.getLogger(__name__)

RESTRUCTURED = {".rst", ".rest"}
PLAIN = {".txt", ".md", ".markdown", ".text", *RESTRUCTURED}
EXTRACTED = {".pdf", ".html", ".htm", ".docx", ".odt", ".fodt", ".epub"}
SUPPORTED = PLAIN | EXTRACTED
# A supported file compressed with gzip is read as the file it holds ("README.md.gz"): Debian ships
# most of /usr/share/doc so. Past this many bytes once decompressed it is skipped, saying so.
GZIP = ".gz"
MAX_GUNZIPPED_BYTES = 256 * 2**20
# Sphinx copies the source of every page it builds into `_sources/` beside the pages ("config.rst.txt"),
# and leaves `objects.inv` and `searchindex.js` there: in a folder holding either, `_sources` is the
# pages' text again in reStructuredText's markup, which answers would cite instead of the pages
# (":config:option:`Service` = ``SQL``"), and it is passed over.
SPHINX_SOURCES = "_sources"
SPHINX_BUILD_FILES = ("objects.inv", "searchindex.js")
# A Sphinx page's source as the build copies it ("config.rst.txt"), read as the reStructuredText it
# is where no built page stands beside it.
SPHINX_SOURCE_SUFFIX = ".rst.txt"
# A page built from a text file is often shipped beside it ("git-reset.txt", AsciiDoc, beside
# "git-reset.html"; "README.md" beside pandoc's "README.html"): the text file is the page's text
# again in its markup, and only the page is read.
PAGES = (".html", ".htm")
# A page that sends the browser on at once (`<meta http-equiv="refresh" content="0; url=...">`) shows
# its reader nothing: texinfo writes one for every node and anchor name that is not a page of its own
# ("The node you are looking for is at Aliasing.", 144 of zsh's 186 pages), and LilyPond's, Apache's
# and SQLite's manuals one over their index. Such a page would answer questions that name it by its
# title with that sentence alone; it is skipped, saying where it leads.
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_REFRESH = re.compile(r"""http-equiv\s*=\s*["']?refresh\b""", re.IGNORECASE)
_AT_ONCE = re.compile(r"""content\s*=\s*["']?\s*0*(?:\.0*)?\s*[;,]\s*(?:url\s*=\s*)?["']?([^"'>\s]+)""", re.IGNORECASE)


class UnreadableDocument(Exception):
    """A file that cannot be turned into text; the message says why."""


@dataclass(frozen=True)
class SourceFile:
    """A file found in the corpus: its path relative to the corpus, the sha256 of its bytes, and
    its size and modification time (nanoseconds) when it was read."""

    source: str
    path: Path
    sha256: str
    size: int
    mtime_ns: int = 0


Known = dict[str, tuple[int, int, str]]
"""source -> (size, mtime_ns, sha256) of files as a previous scan found them."""


def scan(corpus: Path, max_file_bytes: int, known: Known | None = None) -> tuple[list[SourceFile], list[str]]:
    """Every supported file below `corpus`, sorted by source, with warnings for those passed over
    (files of other formats counted in one, by suffix).

    Symbolic links that lead outside the corpus are not followed, and a Sphinx build's copy of its
    pages' sources is passed over (`SPHINX_SOURCES`), as is a text file beside a page of its name
    (`PAGES`). A file whose size and
    modification time are those `known` gives for it keeps the sha256 given there instead of being
    read again (as git and rsync judge a file unchanged), so that scanning an unchanged corpus
    reads no file.
    """
    known = known or {}
    root = corpus.resolve()
    found: list[SourceFile] = []
    warnings: list[str] = []
    other: Counter[str] = Counter()  # files of formats not read, by suffix
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if SPHINX_SOURCES in dirnames and any(name in filenames for name in SPHINX_BUILD_FILES):
            dirnames.remove(SPHINX_SOURCES)
            folder = (Path(dirpath) / SPHINX_SOURCES).relative_to(root).as_posix()
            warnings.append(f"skipped {folder}/: the sources of the Sphinx pages beside it, their text again")
        pages = {_unpacked(Path(name)).stem: name for name in filenames if format_of(Path(name)) in PAGES}
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            source = path.relative_to(root).as_posix()
            unpacked = _unpacked(path)
            kind = unpacked.suffix.lower()
            if kind not in SUPPORTED:
                other[kind or "(no suffix)"] += 1
                continue
            page = pages.get(unpacked.stem)
            if kind in PLAIN and page is not None:
                warnings.append(f"skipped {source}: the page {page} beside it is read instead (`PAGES`)")
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                warnings.append(f"skipped {source}: symbolic link to a file outside the corpus")
                continue
            try:
                stat = path.stat()
                size, mtime_ns = stat.st_size, stat.st_mtime_ns
                if size > max_file_bytes:
                    warnings.append(f"skipped {source}: {size} bytes is over the limit of {max_file_bytes}")
                    continue
                seen = known.get(source)
                digest = seen[2] if seen is not None and seen[:2] == (size, mtime_ns) else _sha256(path)
            except OSError as exc:
                warnings.append(f"skipped {source}: {exc.strerror or exc}")
                continue
            found.append(SourceFile(source, path, digest, size, mtime_ns))
    if other:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(other.items(), key=lambda x: (-x[1], x[0])))
        files = "file" if other.total() == 1 else "files"
        warnings.append(f"not read: {other.total()} {files} of formats the index does not read ({kinds})")
    return found, warnings


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def format_of(path: Path) -> str:
    """The suffix that names a file's format, the one before ".gz" for a compressed file."""
    return _unpacked(path).suffix.lower()


def _unpacked(path: Path) -> Path:
    return path.with_suffix("") if path.suffix.lower() == GZIP else path


def _gunzipped(data: bytes) -> bytes:
    """The bytes a gzip file holds, at most MAX_GUNZIPPED_BYTES of them."""
    inflate = zlib.decompressobj(wbits=31)  # gzip's header and trailer
    try:
        out = inflate.decompress(data, MAX_GUNZIPPED_BYTES + 1)
    except zlib.error as exc:
        raise UnreadableDocument(f"not a readable gzip file: {exc}") from exc
    if len(out) > MAX_GUNZIPPED_BYTES:
        raise UnreadableDocument(f"over {MAX_GUNZIPPED_BYTES} bytes once decompressed (MAX_GUNZIPPED_BYTES)")
    return out


def load(file: SourceFile) -> Document:
    """Read one file into a Document; raises UnreadableDocument with the reason. A gzip-compressed
    file is read as the file it holds; its spans index the decompressed text."""
    suffix = format_of(file.path)
    try:
        data = file.path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(exc.strerror or str(exc)) from exc
    if file.path.suffix.lower() == GZIP:
        data = _gunzipped(data)
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    if suffix in PLAIN:
        text, warnings = decode_text(data)
        markdown = suffix in {".md", ".markdown"}
        if markdown:
            doc = parse_markdown(file.source, file.sha256, text)
        elif suffix in RESTRUCTURED or _unpacked(file.path).name.lower().endswith(SPHINX_SOURCE_SUFFIX):
            doc = parse_rst(file.source, file.sha256, text)
        else:
            doc = _plain(file, text)
        doc.title = doc.title or title_from_name(file.source.removesuffix(GZIP))
        doc.warnings = warnings
        return doc
    if suffix == ".pdf":
        try:
            doc = parse_pdf(file.source, file.sha256, data)
        except UnreadablePDF as exc:
            raise UnreadableDocument(str(exc)) from exc
    elif suffix in {".html", ".htm"}:
        text, _ = decode_html(data)
        target = redirect_target(text)
        if target is not None:
            raise UnreadableDocument(f"the page sends its reader on at once to {target}")
        doc = parse_html(file.source, file.sha256, text)
        if not doc.text.strip():
            raise UnreadableDocument("the HTML page has no text")
    elif suffix in (".odt", ".fodt"):
        try:
            doc = parse_odt(file.source, file.sha256, data, flat=suffix == ".fodt")
        except UnreadableOdt as exc:
            raise UnreadableDocument(str(exc)) from exc
    elif suffix == ".epub":
        try:
            doc = parse_epub(file.source, file.sha256, data)
        except UnreadableEpub as exc:
            raise UnreadableDocument(str(exc)) from exc
        if not doc.text.strip():
            raise UnreadableDocument("the EPUB book has no text")
    else:
        try:
            doc = parse_docx(file.source, file.sha256, data)
        except UnreadableDocx as exc:
            raise UnreadableDocument(str(exc)) from exc
    if suffix != ".pdf":
        _prose_listings(doc)
    doc.title = _named_title(doc) or doc.title or title_from_name(file.source.removesuffix(GZIP))
    return doc


# A manual page's NAME line: "wget - The non-interactive network downloader."
_NAME_LINE = re.compile(r"\S.*?\s[-\u2010\u2013\u2014]\s+\S")


def _named_title(doc: Document) -> str:
    """A manual page's title, however it was typeset (groff's PDF or HTML): when the document opens
    with a "NAME" section, as every manual page does, its line ("wget - The non-interactive network
    downloader."), which names the program, and not the section's name; "" otherwise."""
    content = [b for b in doc.blocks if b.kind != "boilerplate"][:2]
    if len(content) < 2 or content[0].kind != "heading" or content[1].kind != "paragraph":
        return ""
    if " ".join(doc.text[content[0].start : content[0].end].split()) != "NAME":
        return ""
    line = " ".join(doc.text[content[1].start : content[1].end].split())
    return line if _NAME_LINE.match(line) else ""


def redirect_target(html: str) -> str | None:
    """Where a page sends its reader at once (a refresh after 0 seconds), or None."""
    body = html.lower().find("<body")
    head = html[:body] if body >= 0 else html[:20_000]
    for tag in _META.findall(head):
        found = _AT_ONCE.search(tag) if _REFRESH.search(tag) else None
        if found is not None:
            return found.group(1)
    return None


# A byte-order mark names its encoding (Windows Notepad saves "Unicode" text as UTF-16 with one);
# the UTF-32 marks first, as UTF-32's little-endian mark opens with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The labels a browser reads as Windows-1252 (WHATWG Encoding Standard), the commonest of them.
_READ_AS_WINDOWS_1252 = {
    "iso-8859-1",
    "iso8859-1",
    "latin1",
    "latin-1",
    "l1",
    "us-ascii",
    "ascii",
    "windows-1252",
    "cp1252",
}
_SINGLE_BYTE = "not valid UTF-8; decoded as Windows-1252"


def _marked(data: bytes) -> str | None:
    """The text of data that opens with a byte-order mark, without it; None without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise UnreadableDocument(
                    f"it opens with a {encoding.upper()} byte-order mark but is not {encoding.upper()}"
                ) from None
    return None


def _single_byte(data: bytes) -> str:
    """Text that is not UTF-8, read as Windows-1252 (a superset of latin-1's letters that also has
    curly quotes, dashes and the euro sign); its five unassigned bytes read as latin-1 does, so
    that every byte is one character and spans stay where a byte-wise reader expects them."""
    return "".join(
        chunk.decode("cp1252") if n % 2 == 0 else chunk.decode("latin-1")
        for n, chunk in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", data))
    )


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """UTF-8, or the encoding a byte-order mark names (UTF-16 and UTF-32 too), else Windows-1252 with
    a warning; binary data is refused. The text is the file's as Python's text mode reads it: line
    ends ("\\r\\n", "\\r") as "\\n", and a UTF-8 byte-order mark kept in its place as a space, so that
    spans index `open(path, encoding="utf-8").read()` (a Windows editor's file as much as any). A
    text written for a terminal's overstrikes, as nroff and text browsers write bold and underlined
    words ("S\\bSy\\bym\\bmp...", "_\\bw"), reads as the letters it prints (`printed`); its spans index
    that."""
    marked = _marked(data)
    warnings: list[str] = []
    if marked is not None:
        text = " " + marked if data.startswith(codecs.BOM_UTF8) else marked
    elif b"\x00" in data[:8192]:
        raise UnreadableDocument("it looks like a binary file, not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _single_byte(data)
            if sum(not (c.isprintable() or c in "\n\r\t") for c in text[:8192]) > 0.05 * min(len(text), 8192):
                raise UnreadableDocument("it looks like a binary file, not text") from None
            warnings = [_SINGLE_BYTE]
    return printed(text.replace("\r\n", "\n").replace("\r", "\n")), warnings


# A character struck over another: itself for bold ("S\bS"), an underscore for underline ("_\bw",
# or "w\b_"); a backspace at a line's end or after another is left to the text.
_OVERSTRUCK = re.compile(r"([^\n\x08])\x08([^\n\x08])")


def printed(text: str) -> str:
    """`text` as a terminal prints its overstrikes: a character struck over with itself or an
    underscore ("S\\bS", "_\\bw", "w\\b_") is the character once."""
    if "\x08" not in text:
        return text
    return _OVERSTRUCK.sub(lambda m: m.group(2) if m.group(1) == "_" else m.group(1), text)


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """The page's bytes as text: the encoding a byte-order mark names, else the charset its <meta>
    declares, else UTF-8, else Windows-1252 (what browsers read a page labelled latin-1 as)."""
    marked = _marked(data)
    if marked is not None:
        return marked, []
    head = data[:4096].decode("ascii", errors="ignore")
    declared = re.search(r"charset=[\"']?([A-Za-z0-9_.:-]+)", head)
    label = declared.group(1).lower() if declared else None
    if label in _READ_AS_WINDOWS_1252:
        return _single_byte(data), []
    for encoding in ([label] if label else []) + ["utf-8"]:
        try:
            return data.decode(encoding), []
        except (LookupError, UnicodeDecodeError):
            continue
    return _single_byte(data), [_SINGLE_BYTE]


# A laid-out table's first cell that is a list's bullet alone ("-   Download ..."; see `_table_rows`).
_BULLET_CELL = re.compile(r"[-*+•]")
# A laid-out table's first cell that is a command-line option ("-R, --retries RETRIES"): each row
# is a definition, as a paragraph defining an option is (`_option_cells`).
_OPTION_CELL = re.compile(r"--?[A-Za-z0-9?]")
_RULE_CELL = re.compile(r"[-=~_]{2,}")


def _option_cells(text: str, para: Paragraph) -> tuple[Span, Span] | None:
    """The option and its description when a paragraph of plain text defines one, as a program's
    help does: "-c, --check   checks the syntax only" (the description wrapped under itself, as
    `paragraphs` reads it), or an option alone over its description ("--group-directories-first" /
    "group directories before files;"). None for any other paragraph."""
    line_end = text.find("\n", para.start, para.end)
    first_end = para.end if line_end < 0 else line_end
    described = option_head(text[para.start : first_end].rstrip())
    if described is None:
        return None
    if described >= 0:
        head = text[para.start : para.start + described].rstrip()
        return (para.start, para.start + len(head)), (para.start + described, para.end)
    if para.lines < 2:
        return None
    rest = _NON_SPACE.search(text, first_end, para.end)
    if rest is None:
        return None
    return (para.start, para.start + len(text[para.start : first_end].rstrip())), (rest.start(), para.end)


_NON_SPACE = re.compile(r"\S")


def _plain(file: SourceFile, text: str) -> Document:
    """Plain text: paragraphs as `clean` rebuilds them; set-aside lines are boilerplate; a line
    underlined with a rule ("=====", "-----") is a heading, and so is a short line standing alone,
    without closing punctuation, before a paragraph or a table; a line defining an option is a
    definition; a table, written a cell to a line or laid out in columns, is rows (`_table_rows`);
    a paragraph reads the spaces of a justified line as one, as a heading does, and shows the
    words nroff broke at line ends whole (`_set_right`)."""
    blocks, title = _plain_blocks(text)
    return Document(file.source, file.sha256, text, title, blocks)


def _prose_listings(doc: Document) -> None:
    """Read a listing that holds prose (`reads_as_prose`: a text document set in a page's `<pre>` or
    in a fixed-pitch font, as HAProxy's guides and RFCs are published) as plain text is read, its
    paragraphs, list items and headings each a block; a heading found in it ranks below the
    document's heading before it."""
    blocks: list[Block] = []
    level = 0
    groups = max((block.group for block in doc.blocks), default=-1) + 1  # each list and table its own
    for block in doc.blocks:
        level = block.level if block.kind == "heading" else level
        text = doc.text[block.start : block.end]
        if block.kind != "code" or block.holes or block.swaps or not reads_as_prose(text):
            blocks.append(block)
            continue
        inner, _ = _plain_blocks(text)
        for b in inner:
            deeper = min(level + b.level, 6) if b.kind == "heading" else b.level
            blocks.append(_moved(b, block.start, deeper, b.group + groups if b.group >= 0 else -1))
        groups += max((b.group for b in inner), default=-1) + 1
    doc.blocks = blocks


def _moved(block: Block, by: int, level: int, group: int) -> Block:
    """`block`, read from a piece of a document's text, placed where that piece begins (`by`)."""
    return replace(
        block,
        start=block.start + by,
        end=block.end + by,
        level=level,
        group=group,
        cells=tuple((s + by, e + by) for s, e in block.cells),
        holes=tuple((s + by, e + by) for s, e in block.holes),
        swaps=tuple((s + by, e + by, t) for s, e, t in block.swaps),
        breaks=tuple(b + by for b in block.breaks),
    )


# Lines of one line each, read as headings alone, that are lines of a block together (`_short_runs`).
SHORT_LINES = 3


def _contents(text: str, blocks: list[Block]) -> list[Block]:
    """A contents list's entries set aside: an item or paragraph that says no more than a heading
    after it ("  o 2. Configuration issues", "      ? 2.1. What is the minimum ...?" over the FAQ's
    "2.1. What is the minimum ...?")."""

    def key(block: Block) -> str:
        start = max((e for s, e in block.holes if s == block.start), default=block.start)
        return HEADING_NUMBER.sub(r"\1 ", " ".join(text[start : block.end].split()).casefold(), count=1)

    later: dict[str, int] = {}
    for block in blocks:
        if block.kind == "heading":
            later.setdefault(key(block), block.start)  # a heading's text, where it first stands
    last = max(later.values(), default=-1)
    return [
        replace(b, kind="boilerplate")
        if b.kind in ("list_item", "paragraph") and b.start < last and later.get(key(b), -1) > b.start
        else b
        for b in blocks
    ]


def _listed(blocks: list[Block], indents: dict[int, int], group: int) -> list[Block]:
    """Plain text's list items numbered into lists from `group` on (the tables' come first): a run
    of items with no other block between them is one list, each item as deep as its bullet's
    indentation ranks among the run's."""
    out: list[Block] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.kind == "list_item":
            run.append(block)
            continue
        depths = sorted({indents.get(item.start, 0) for item in run})
        out.extend(replace(item, level=depths.index(indents.get(item.start, 0)), group=group) for item in run)
        group += bool(run)
        run = []
        if block is not None:
            out.append(block)
    return out


def _plain_blocks(text: str) -> tuple[list[Block], str]:
    """The blocks of plain text (see `_plain`) and its title."""
    manual = manual_page_name(text)
    plain = read_plain(text, by_indent=manual is not None)
    tables, found, aside = plain.tables, plain.paragraphs, plain.aside
    words = {word.casefold() for word in _WORD.findall(text)}
    vocabulary = words | {part for word in words if "-" in word for part in word.split("-")}
    alone = _words_alone(text) if _hyphenated_by_typesetter(text) else None
    rows = [row for g, table in enumerate(tables) for row in _table_rows(text, table, g)]
    last_row = max((row.start for row in rows), default=-1)  # a heading may stand over a table alone
    blocks = [Block("boilerplate", s, e) for s, e in aside] + rows + [Block("code", s, e) for s, e in plain.listings]
    if manual is not None:
        found, laid_out = _manual_page(text, found, manual, vocabulary, alone)
        blocks.extend(laid_out)
    # Underline styles rank as reStructuredText ranks them: in the order they first appear. A
    # heading known only by standing alone ranks below every underlined one.
    styles = list(dict.fromkeys(para.underline for para in found if para.underline))
    standing: dict[int, int] = {}  # a heading known by standing alone: where it starts -> its number's depth
    short_runs = _short_runs(text, found)
    for n, para in enumerate(found):
        line = text[para.start : para.end]
        # a manual page's tags over their descriptions were read above; a line alone may define one still
        option = _option_cells(text, para) if manual is None or para.lines == 1 else None
        if option is not None:
            swaps, breaks = _set_right(text, para, vocabulary, alone)
            blocks.append(Block("definition", para.start, para.end, 0, -1, option, para.holes, swaps, breaks))
        elif para.underline:
            level = min(styles.index(para.underline) + 1, 6)
            swaps = _set_right(text, para, vocabulary, alone)[0]
            blocks.append(Block("heading", para.start, para.end, level, swaps=swaps))
        elif (
            manual is None
            and _heading_line(line, para, last_row > para.end, found[n + 1 : n + 2])
            and n not in short_runs
        ):
            standing[para.start] = max(number_depth(line), 1)  # unnumbered: as deep as "2."
            blocks.append(Block("heading", para.start, para.end, 0, swaps=_set_right(text, para, vocabulary, alone)[0]))
        elif bullet := bullet_end(line, para.indent):
            swaps, breaks = _set_right(text, para, vocabulary, alone)
            holes = ((para.start, para.start + bullet), *para.holes)
            blocks.append(Block("list_item", para.start, para.end, 0, -1, (), holes, swaps, breaks))
        else:
            swaps, breaks = _set_right(text, para, vocabulary, alone)
            blocks.append(Block("paragraph", para.start, para.end, 0, -1, (), para.holes, swaps, breaks))
    # Below them, one standing alone ranks by its number's depth among theirs ("2." over "2.1.").
    depths = sorted(set(standing.values()))
    blocks = [
        replace(b, level=min(len(styles) + depths.index(standing[b.start]) + 1, 6))
        if b.kind == "heading" and b.start in standing
        else b
        for b in blocks
    ]
    blocks.sort(key=lambda b: (b.start, b.end))
    blocks = _contents(text, _listed(blocks, {para.start: para.indent for para in found}, len(tables)))
    first = next((b for b in blocks if b.kind != "boilerplate"), None)
    title = text[first.start : first.end] if first is not None and first.kind == "heading" else ""
    if manual is not None:  # its title is its NAME section's line: "wget - The non-interactive network downloader."
        named = next((b for b in blocks if b.kind != "boilerplate" and b.kind != "heading"), None)
        title = " ".join(text[named.start : named.end].split()) if named is not None else ""
    return blocks, title


# The page and section a manual page's footer ends with ("WGET(1)").
_MANUAL_NAME = re.compile(r"\S+\(\d\w*\)$")


def manual_page_name(text: str) -> str | None:
    """The name a manual page saved as text (`man wget > wget.txt`) gives itself ("WGET(1)"), or
    None for other text: its footer ends with it ("GNU Wget 1.21.3   2025-03-03   WGET(1)"), and
    its first line ends with it too ("WGET(1)   GNU Wget   WGET(1)"; a long name runs its header's
    parts together: "SYSTEMD-NETWORK-GENERATsystemd-network-genSYSTEMD-NETWORK-GENERATOR.SERVICE(8)")."""
    lines = text.strip().splitlines()
    if len(lines) < 3:
        return None
    footer = _MANUAL_NAME.search(lines[-1].rstrip())
    if footer is None or lines[0].strip() == lines[-1].strip():
        return None
    return footer.group() if lines[0].rstrip().endswith(footer.group()) else None


# A tag the description beside it starts under the lines after the first ("h or H Help: ...").
MAX_TAG_CHARS = 24


def _manual_page(
    text: str, found: list[Paragraph], name: str, vocabulary: set[str], alone: set[str] | None
) -> tuple[list[Paragraph], list[Block]]:
    """A manual page saved as text, read as man lays it out: its title line and the footer that
    ends with its name are boilerplate; a line standing alone flush left names a section
    ("OPTIONS", level 1) and one indented less than the body over deeper text a subsection
    ("   Output format", level 2); the lines of a tag over its description ("-c" and "--continue"
    over "Continue getting a partially-downloaded file."), or a tag with its description beside it
    ("h or H Help: display ...", "J      Like j, but ..."), are a definition. The paragraphs that
    are none of these are returned, to be read as any plain text's."""
    if not found:
        return found, []
    # the body's indentation: the NAME section's line ("       wget - The non-interactive ...")
    body = next((para.indent for para in found if para.indent > 0), 0)
    blocks: list[Block] = []
    left: list[Paragraph] = []
    tags: list[Paragraph] = []  # one-line paragraphs right above each other, waiting for a description
    columns: set[int] = set()  # where descriptions start

    def adjacent(upper: Paragraph, lower: Paragraph) -> bool:
        return text.count("\n", upper.end, lower.start) == 1

    def define(term: Span, description: Span, parts: list[Paragraph]) -> None:
        swaps, breaks = zip(*(_set_right(text, part, vocabulary, alone) for part in parts), strict=True)
        cells, holes = (term, description), tuple(hole for part in parts for hole in part.holes)
        blocks.append(
            Block("definition", term[0], description[1], 0, -1, cells, holes, sum(swaps, ()), sum(breaks, ()))
        )

    for n, para in enumerate(found):
        line = text[para.start : para.end]
        after = found[n + 1] if n + 1 < len(found) else None
        if (n == 0 and para.lines == 1) or (n == len(found) - 1 and line.endswith(name)):
            blocks.append(Block("boilerplate", para.start, para.end))
            continue
        deeper = after is not None and after.indent > para.indent and adjacent(para, after)
        if para.lines == 1 and para.indent == 0:
            blocks.append(Block("heading", para.start, para.end, 1))
            continue
        if para.lines == 1 and 0 < para.indent < body and deeper:
            blocks.append(Block("heading", para.start, para.end, 2))
            continue
        if tags and not (para.indent > tags[-1].indent and adjacent(tags[-1], para)):
            if para.lines == 1 and para.indent == tags[-1].indent and adjacent(tags[-1], para):
                tags.append(para)
                continue
            left.extend(tags)
            tags = []
        if tags:  # the description under its tag's lines
            columns.add(para.indent)
            define((tags[0].start, tags[-1].end), (para.start, para.end), [*tags, para])
            tags = []
            continue
        if para.lines == 1 and (deeper or (after is not None and after.lines == 1 and after.indent == para.indent)):
            tags.append(para)
            continue
        beside = _described_beside(text, para)
        if beside is not None:
            columns.add(para.body)
            define(*beside, [para])
            continue
        left.append(para)
    left.extend(tags)
    kept = []
    for para in left:
        gap = _TAG_GAP.search(text, para.start, para.end) if para.lines == 1 else None
        tagged = gap is not None and gap.start() - para.start <= MAX_TAG_CHARS
        if gap is not None and tagged and gap.end() - para.start + para.indent in columns:
            define((para.start, gap.start()), (gap.end(), para.end), [para])
        else:
            kept.append(para)
    return kept, blocks


# The white space between a tag and its description on one line ("J      Like j, but ..."): two
# spaces or more after a tag not closing a sentence.
_TAG_GAP = re.compile(r"(?<=[^\s.,;]) {2,}(?=\S)")


def _described_beside(text: str, para: Paragraph) -> tuple[Span, Span] | None:
    """A tag and the description that starts beside it, under the paragraph's later lines ("h or H
    Help: display a summary of these commands." over "the other commands, remember this one."):
    their spans, or None when the paragraph has no such hanging indent."""
    width = para.body - para.indent
    if para.lines < 2 or not 0 < width <= MAX_TAG_CHARS:
        return None
    cut = para.start + width
    if text[cut - 1] != " " or text[cut].isspace() or "\n" in text[para.start : cut]:
        return None
    return (para.start, para.start + len(text[para.start : cut].rstrip())), (cut, para.end)


# A word and the hyphen a line ends with, then the next line's first word (nroff's justified text:
# "com-" / "mand"; groff's UTF-8 "discus\u2010" / "sion"); the spaces nroff widens a justified line
# with ("To  really  switch").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)([-\u2010])\n[^\S\n]*([^\W\d_]+)")
_WIDENED = re.compile(r"(?<=\S) {2,}(?=\S)")


def _set_right(
    text: str, para: Paragraph, vocabulary: set[str], alone: set[str] | None
) -> tuple[tuple[Swap, ...], tuple[int, ...]]:
    """Where a paragraph of plain text reads otherwise than its layout set it: each run of spaces
    inside a line reads as one (swaps), and a word broken at a line end is shown whole (breaks: its
    hyphen) when the document writes it whole elsewhere, alone or in a compound, and never with the
    hyphen ("real-" / "ly" shows "really"; `hyphen_joiner`). In text a typesetter hyphenated
    (`alone` given: see `_hyphenated_by_typesetter`), a word the document writes neither way is
    shown whole unless both its halves are words it writes `alone`: "bene-" / "fits" and "wish-" /
    "ing" are the typesetter's breaks, "bullet-" / "proof" may be a compound's hyphen."""

    def clear(start: int, end: int) -> bool:
        return not any(hole_start < end and start < hole_end for hole_start, hole_end in para.holes)

    breaks = tuple(
        broken.end(1)
        for broken in _LINE_END_HYPHEN.finditer(text, para.start, para.end)
        if broken.group(3)[0].islower()
        and hyphen_joiner(broken.group(1), broken.group(3), vocabulary, wrapped=_wrapped(broken, alone)) == ""
        and clear(broken.end(1), broken.end(1) + 1)
    )
    swaps = tuple((m.start(), m.end(), " ") for m in _WIDENED.finditer(text, para.start, para.end) if clear(*m.span()))
    return swaps, breaks


def _wrapped(broken: re.Match[str], alone: set[str] | None) -> bool:
    """Whether a line-end hyphen (`_LINE_END_HYPHEN`) is one a line break put there: groff's, or,
    in text a typesetter hyphenated, one with a half that is no word the document writes `alone`."""
    if broken.group(2) == HYPHEN:
        return True
    return alone is not None and not all(half.casefold() in alone for half in (broken.group(1), broken.group(3)))


def _words_alone(text: str) -> set[str]:
    """The words of `text`, case folded, but for the halves of those broken at a line end."""
    return {word.casefold() for word in _WORD.findall(_LINE_END_HYPHEN.sub(" ", text))}


# A gap nroff widens a justified line with: two spaces or more between words inside a sentence
# (not after its end, where many writers put two).
_JUSTIFYING = re.compile(r"(?<=[^\s.!?:;]) {2,}(?=\S)")
# nroff's plain text justifies most lines of its paragraphs (62% to 71% of the long lines over the
# development documents, its last lines and short ones not); text written by hand, 14% at most.
JUSTIFIED_SHARE = 0.4
# The lines that tell: those of six words or more, not items of a list or rows of a table.
_TELLING_WORDS = 6


def _hyphenated_by_typesetter(text: str) -> bool:
    """Whether `text` is a typesetter's, nroff's, which hyphenates words at line ends with the
    hyphen a writer types: a good share of its long lines (`JUSTIFIED_SHARE`) are justified with
    gaps widened inside their sentences. Not groff's UTF-8 text, which breaks words with its own hyphen (U+2010)
    and whose ASCII hyphens are the writer's. The Sendmail guide, NetHack's Guidebook and manual
    pages saved as text justify 62% to 71% of such lines; READMEs, FAQs and filings 14% at most."""
    if HYPHEN in text:
        return False
    lines = [line.strip() for line in text.splitlines()]
    telling = [line for line in lines if len(line.split()) >= _TELLING_WORDS and not line.startswith(("-", "*", "|"))]
    justified = sum(_JUSTIFYING.search(line) is not None for line in telling)
    return bool(telling) and justified >= JUSTIFIED_SHARE * len(telling)


def _table_rows(text: str, table: list[list[tuple[int, int]]], group: int) -> list[Block]:
    """A table of plain text, written a cell to a line or laid out in columns with spaces, as
    blocks of group `group`: a row drawn with dashes or equals signs under each column ("-----
    ------", as plain-text and reStructuredText tables rule their header off) is boilerplate, the
    row right above such a rule with rows below it is the header, and so is a row of years ("(Millions)
    2018 2017") over the rows after it, and a first row of words over a column of figures
    (`heads_figures`); every other row is a row. A table whose first column is all bullets ("-   Download
    livestreams ...", as a README wraps its list items) is a list, its rows the items; one whose
    first column is all options ("-R, --retries RETRIES  Number of retries"), a program's help, is
    definitions."""
    cells = [[text[s:e] for s, e in row] for row in table]
    if all(len(row) == 2 and _BULLET_CELL.fullmatch(row[0]) for row in cells):
        return [Block("list_item", row[1][0], row[1][1], 0, group) for row in table]
    if all(len(row) >= 2 and _OPTION_CELL.match(row[0]) for row in cells):  # a program's help
        return [Block("definition", row[0][0], row[-1][1], 0, -1, (row[0], (row[1][0], row[-1][1]))) for row in table]
    ruled = [all(_RULE_CELL.fullmatch(c) for c in row if c) and any(row) for row in cells]
    blocks = []
    figured = heads_figures(cells)
    for n, row in enumerate(table):
        under = n + 2 < len(table) and ruled[n + 1] and not ruled[n]
        heads = under or heads_years(cells[n]) or (n == 0 and figured)
        kind: Kind = "boilerplate" if ruled[n] else "table_header" if heads else "table_row"
        blocks.append(Block(kind, row[0][0], row[-1][1], 0, -1 if ruled[n] else group, () if ruled[n] else tuple(row)))
    return blocks


# How much deeper than the text after it a line stands to be set in as an example, not centred.
INDENTED = range(2, 9)
# A mark of a command or code: an assignment, a path, a variable, brackets, a pipe, an option.
_CODE = re.compile(r"[=/$<>{}\[\]|;`\\]|(?:^|\s)--?\w")


def _heading_line(line: str, para: Paragraph, over_table: bool, after: list[Paragraph]) -> bool:
    """Whether a paragraph is a heading by standing alone: one line that reads as one, followed by
    a paragraph (`after`, none or one) or standing `over_table`, and not a command set a few
    columns deeper than the paragraph after it (INDENTED) between two sentences ("    O
    DaemonPortOptions=Name=MSA, Port=587"): a line that holds a mark of code (`_CODE`). A line set
    further right is centred, as titles are ("Apache License")."""
    indented = bool(after) and para.indent - after[0].indent in INDENTED and _CODE.search(line) is not None
    followed = bool(after) or over_table
    alone = (para.lines == 1 and reads_as_heading(line)) or _numbered(line, para)
    return followed and not para.holes and not indented and alone


def _short_runs(text: str, found: list[Paragraph]) -> set[int]:
    """The paragraphs that are one of a run of SHORT_LINES or more short lines, each a paragraph of
    one line that could stand as a heading, with no blank line between them ("200 OK" over "3
    sources online" and four more, a program's output; a table written a cell to a line): lines of
    one block, not headings. Two such lines may be a title over its subtitle ("Apache License" over
    "Version 2.0, January 2004")."""
    runs: set[int] = set()
    run: list[int] = []
    for n, para in enumerate(found):
        short = para.lines == 1 and reads_as_heading(text[para.start : para.end])
        joined = bool(run) and text.count("\n", found[run[-1]].end, para.start) == 1
        if short and joined:
            run.append(n)
            continue
        runs.update(run if len(run) >= SHORT_LINES else ())
        run = [n] if short else []
    runs.update(run if len(run) >= SHORT_LINES else ())
    return runs


def _numbered(line: str, para: Paragraph) -> bool:
    """Whether a paragraph is a numbered section's heading, as an FAQ numbers its questions ("2.4.
    Must I specify servers by IP address if DNS is not available on" / "chronyd start?"): a section
    number of two levels or more, a line or two, and no period or colon closing it."""
    short = para.lines <= 2 and len(line.split()) <= 2 * RUN_IN_WORDS
    return short and number_depth(line) >= 2 and not line.rstrip().endswith((".", ":", ";", ","))
