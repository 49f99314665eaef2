"""Turn files into text. Plain text is decoded as it is; other formats are extracted first.

A loaded document's `text` is what every character span indexes: for .txt and .md it is the file's
own decoded text, for .pdf, .html and .docx it is the extracted text, kept under the index so that
`source_text()` returns it unchanged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

PLAIN = {".txt", ".md", ".markdown", ".text"}
EXTRACTED = {".pdf", ".html", ".htm", ".docx"}
SUPPORTED = PLAIN | EXTRACTED


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


@dataclass
class LoadedDocument:
    source: str
    sha256: str
    text: str
    markdown: bool = False
    page_starts: list[int] | None = None  # PDFs: offset in `text` where each page begins
    title: str = ""
    warnings: list[str] = field(default_factory=list)


def scan(corpus: Path, max_file_bytes: int, known: Known | None = None) -> tuple[list[SourceFile], list[str]]:
    """Every supported file below `corpus`, sorted by source, with warnings for those passed over.

    Symbolic links that lead outside the corpus are not followed. A file whose size and
    modification time are those `known` gives for it keeps the sha256 given there instead of being
    read again (as git and rsync judge a file unchanged), so that scanning an unchanged corpus
    reads no file.
    """
    known = known or {}
    root = corpus.resolve()
    found: list[SourceFile] = []
    warnings: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            source = path.relative_to(root).as_posix()
            if path.suffix.lower() not in SUPPORTED:
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
    return found, warnings


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load(file: SourceFile) -> LoadedDocument:
    """Read one file into text; raises UnreadableDocument with the reason."""
    suffix = file.path.suffix.lower()
    try:
        data = file.path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(exc.strerror or str(exc)) from exc
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    if suffix in PLAIN:
        text, warnings = decode_text(data)
        return LoadedDocument(
            file.source,
            file.sha256,
            text,
            markdown=suffix in {".md", ".markdown"},
            title=_title_from_name(file.source),
            warnings=warnings,
        )
    if suffix == ".pdf":
        return _load_pdf(file, data)
    if suffix in {".html", ".htm"}:
        return _load_html(file, data)
    return _load_docx(file, data)


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (a BOM is dropped), else latin-1 with a warning; binary data is refused."""
    if b"\x00" in data[:8192]:
        raise UnreadableDocument("it looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        if sum(not (c.isprintable() or c in "\n\r\t") for c in text[:8192]) > 0.05 * min(len(text), 8192):
            raise UnreadableDocument("it looks like a binary file, not text") from None
        return text, ["not valid UTF-8; decoded as latin-1"]


def _load_pdf(file: SourceFile, data: bytes) -> LoadedDocument:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableDocument(f"not a readable PDF: {exc}") from exc
    starts, parts, offset = [], [], 0
    for text in pages:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2
    text = "\n\n".join(parts)
    if not text.strip():
        raise UnreadableDocument("the PDF has no extractable text (scanned images?)")
    return LoadedDocument(file.source, file.sha256, text, page_starts=starts, title=_title_from_name(file.source))


# Elements whose text is never document content.
_HTML_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg")
_HTML_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "dt",
    "dd",
    "dl",
    "br",
    "hr",
    "figure",
    "figcaption",
    "title",
)


def _load_html(file: SourceFile, data: bytes) -> LoadedDocument:
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        # XHTML pages (an XML declaration before <html>) read well as HTML; bs4 warns on each.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(data, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(role="navigation"):
        tag.decompose()
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    body = soup.body or soup
    lines = [" ".join(line.split()) for line in body.get_text().splitlines()]
    text = _join_blocks(lines)
    if not text.strip():
        raise UnreadableDocument("the HTML page has no text")
    return LoadedDocument(file.source, file.sha256, text, title=title or _title_from_name(file.source))


def _load_docx(file: SourceFile, data: bytes) -> LoadedDocument:
    import io
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"not a readable .docx: {exc}") from exc
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    text = _join_blocks(lines)
    if not text.strip():
        raise UnreadableDocument("the document has no text")
    return LoadedDocument(file.source, file.sha256, text, title=_title_from_name(file.source))


def _join_blocks(lines: list[str]) -> str:
    """Non-empty lines as paragraphs separated by one blank line."""
    return "\n\n".join(line for line in lines if line)


def _title_from_name(source: str) -> str:
    """A file name that reads as words ("Ed Wood (film).txt") gives a title; a hash-like one does not."""
    stem = Path(source).stem.replace("_", " ").replace("-", " ").strip()
    words = [w for w in stem.split() if w.isalpha() and len(w) >= 3]
    return stem if words else ""
