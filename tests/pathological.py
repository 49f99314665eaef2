"""Documents that push parsers to their limits, written directly (no PDF or DOCX library needed):
deep markup, one enormous line, thousands of pages, a huge table. Used by the tests and by
bench/pathological.py, which times them at full size."""

from __future__ import annotations

import zipfile
from pathlib import Path


def nested_divs(path: Path, depth: int) -> Path:
    """An HTML page of `depth` nested <div>s around one sentence (200,000 make 2.2 MB)."""
    body = "<div>" * depth + "The innermost box holds a lantern." + "</div>" * depth
    path.write_text(f"<html><head><title>Boxes</title></head><body>{body}</body></html>", encoding="utf-8")
    return path


def nested_notes(path: Path, depth: int) -> Path:
    """A reStructuredText file of `depth` notes, each inside the one before, around one sentence."""
    levels = "".join(f"{'  ' * n}.. note::\n\n" for n in range(depth))
    path.write_text(f"{levels}{'  ' * depth}The lantern is lit at dusk.\n", encoding="utf-8")
    return path


def one_line(path: Path, megabytes: int) -> Path:
    """A text file of `megabytes` MB on a single line: words, no sentence ends, no line breaks."""
    unit = "mist gull rope sand "  # 20 bytes
    path.write_text(unit * (megabytes * 2**20 // len(unit)), encoding="utf-8")
    return path


def pdf_pages(path: Path, pages: int, word: str = "lantern") -> Path:
    """A PDF of `pages` pages, each showing one word."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, written once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = f"BT /F1 24 Tf 72 720 Td ({word}) Tj ET".encode("ascii")
    kids = []
    for _ in range(pages):
        content = len(objects) + 1
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page = len(objects) + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content
        )
        kids.append(b"%d 0 R" % page)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


def docx_table(path: Path, rows: int, columns: int = 3) -> Path:
    """A .docx holding one paragraph and a table of `rows` rows of `columns` short cells."""

    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    body = "".join(
        "<w:tr>" + "".join(cell(f"row {r} column {c}") for c in range(columns)) + "</w:tr>" for r in range(rows)
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>The tide table lists every lantern.</w:t></w:r></w:p>"
        f"<w:tbl>{body}</w:tbl>"
        "</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return path
