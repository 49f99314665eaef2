"""Read an EPUB book (.epub) into a `Document`: its pages in reading order, each read as the web page it is.

An EPUB is a zip archive. `META-INF/container.xml` names the package file (`content.opf`), whose
manifest lists the book's files and whose spine orders the pages a reader turns. Each page in the
spine is XHTML, read by the HTML reader whole: a book's page carries no site furniture for an
extractor to tell from its text, and one that tried would drop a short page's text with it. The
pages' blocks follow one another in one text, a blank line apart, as a reader meets them.

Set aside: the navigation document (EPUB 3's `nav` item, which most books also place in the spine
as their contents page: links to the pages that follow), and anything in the spine that is not a
page (an image). The title is the package's `dc:title`, else the first page's.

A book whose pages a shop encrypted (DRM, listed in `META-INF/encryption.xml`) is refused, saying
so; one that only obfuscates its fonts there is read. An archive is read within limits
(MAX_MEMBER_BYTES for a page, MAX_BOOK_BYTES for all of them), so that a small file that inflates
to gigabytes is refused, saying so.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
from dataclasses import replace
from urllib.parse import unquote

from lxml import etree

from index.document import Block, Document
from index.html import parse_html

_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"
_XMLENC = "{http://www.w3.org/2001/04/xmlenc#}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTAINER_NS = "{urn:oasis:names:tc:opendocument:xmlns:container}"
# The media types of a page: EPUB 3's XHTML, and the HTML some EPUB 2 books declare.
PAGE_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/x-dtbook+xml"})
# A page past this many bytes once inflated is refused, and so is a book whose pages together pass
# MAX_BOOK_BYTES: the largest EPUB on the development machine (Debian Policy) inflates to 1.4 MB of pages.
MAX_MEMBER_BYTES = 64 * 2**20
MAX_BOOK_BYTES = 256 * 2**20
_DECLARED = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


class UnreadableEpub(Exception):
    """A file that is not an EPUB book this reader can open; the message says why."""


def parse_epub(source: str, sha256: str, data: bytes) -> Document:
    """The book's pages in spine order as one Document (see the module docstring)."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnreadableEpub(f"not an EPUB book (not a zip archive: {exc})") from exc
    with book:
        package_path = _package_path(book)
        package = _xml(_member(book, package_path), package_path)
        pages = _pages(package, posixpath.dirname(package_path))
        if not pages:
            raise UnreadableEpub("the EPUB book's spine lists no pages")
        if set(pages) & _encrypted(book):
            raise UnreadableEpub("the EPUB book's pages are encrypted (DRM); only a book without it can be read")
        read_bytes = 0
        docs = []
        for path in pages:
            data = _member(book, path)
            read_bytes += len(data)
            if read_bytes > MAX_BOOK_BYTES:
                raise UnreadableEpub(f"the EPUB book's pages pass {MAX_BOOK_BYTES} bytes (MAX_BOOK_BYTES)")
            docs.append(parse_html(f"{source}#{path}", sha256, _decoded(data), extract=False))
    title = package.findtext(f".//{_OPF}metadata/{_DC}title") or package.findtext(f".//{_DC}title") or ""
    text, blocks = _joined(docs)
    title = " ".join(title.split()) or next((d.title for d in docs if d.title), "")
    return Document(source, sha256, text, title, blocks)


def _package_path(book: zipfile.ZipFile) -> str:
    """Where the package file is: the container's first rootfile, else the only .opf in the archive."""
    if _CONTAINER in book.namelist():
        container = _xml(_member(book, _CONTAINER), _CONTAINER)
        for rootfile in container.iter(f"{_CONTAINER_NS}rootfile", "rootfile"):
            path = rootfile.get("full-path")
            if path and path in book.namelist():
                return path
    packages = [name for name in book.namelist() if name.lower().endswith(".opf")]
    if len(packages) != 1:
        raise UnreadableEpub("not an EPUB book (no package file: META-INF/container.xml names none)")
    return packages[0]


def _encrypted(book: zipfile.ZipFile) -> set[str]:
    """The archive paths `META-INF/encryption.xml` lists as encrypted: a shop's DRM encrypts the
    pages, where a book's own font obfuscation lists only its fonts."""
    if _ENCRYPTION not in book.namelist():
        return set()
    encryption = _xml(_member(book, _ENCRYPTION), _ENCRYPTION)
    return {
        posixpath.normpath(unquote(reference.get("URI", "")))
        for reference in encryption.iter(f"{_XMLENC}CipherReference")
    }


def _pages(package: etree._Element, folder: str) -> list[str]:
    """The archive paths of the spine's pages, in order, the navigation document left out."""
    manifest = {}
    for item in package.iter(f"{_OPF}item", "item"):
        href, kind = item.get("href"), item.get("media-type", "")
        if item.get("id") and href and kind in PAGE_TYPES and "nav" not in item.get("properties", "").split():
            manifest[item.get("id")] = posixpath.normpath(posixpath.join(folder, unquote(href.split("#")[0])))
    spine = [ref.get("idref") for ref in package.iter(f"{_OPF}itemref", "itemref")]
    pages = [manifest[ref] for ref in spine if ref in manifest]
    return list(dict.fromkeys(pages))


def _member(book: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, refused past MAX_MEMBER_BYTES inflated (counted as read, not as declared)."""
    try:
        with book.open(name) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except KeyError as exc:
        raise UnreadableEpub(f"the EPUB book lacks {name}, which it lists") from exc
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise UnreadableEpub(f"the EPUB book's {name} cannot be read: {exc}") from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise UnreadableEpub(f"the EPUB book's {name} passes {MAX_MEMBER_BYTES} bytes (MAX_MEMBER_BYTES)")
    return data


def _decoded(data: bytes) -> str:
    """A page's text: the encoding its byte-order mark or XML declaration names, else UTF-8 (XML's
    default), a byte that is not UTF-8 read as U+FFFD."""
    for mark, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(mark):
            return data.decode(encoding, errors="replace")
    declared = _DECLARED.match(data)
    try:
        return data.decode(declared.group(1).decode("ascii") if declared else "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _xml(data: bytes, name: str) -> etree._Element:
    root = etree.fromstring(data, _PARSER) if data.strip() else None
    if root is None:
        raise UnreadableEpub(f"the EPUB book's {name} is not XML")
    return root


def _joined(docs: list[Document]) -> tuple[str, list[Block]]:
    """The pages' texts a blank line apart, with their blocks moved to where each page now starts
    (and their lists' and tables' groups numbered on, so that no two pages share one)."""
    parts: list[str] = []
    blocks: list[Block] = []
    at = groups = 0
    for doc in docs:
        if not doc.text.strip():
            continue
        if parts:
            parts.append("\n\n")
            at += 2
        parts.append(doc.text)
        blocks.extend(_moved(block, at, groups) for block in doc.blocks)
        groups += 1 + max((b.group for b in doc.blocks), default=-1)
        at += len(doc.text)
    return "".join(parts), blocks


def _moved(block: Block, shift: int, groups: int) -> Block:
    return replace(
        block,
        start=block.start + shift,
        end=block.end + shift,
        group=block.group + groups if block.group >= 0 else block.group,
        cells=tuple((s + shift, e + shift) for s, e in block.cells),
        holes=tuple((s + shift, e + shift) for s, e in block.holes),
        swaps=tuple((s + shift, e + shift, what) for s, e, what in block.swaps),
        breaks=tuple(b + shift for b in block.breaks),
    )
