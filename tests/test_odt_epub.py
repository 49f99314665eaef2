"""OpenDocument text (.odt) and EPUB books: each test writes the archive's XML as LibreOffice,
pandoc and Sphinx write it, and reads it through the loader as a rebuild would."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from index.document import Document, block_text
from index.loaders import UnreadableDocument
from tests.test_documents import assert_clean, loaded

ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)

STYLES = f"""<office:document-styles {ODF}>
<office:font-face-decls>
  <style:font-face style:name="Liberation Mono" svg:font-family="'Liberation Mono'" style:font-pitch="fixed"/>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
      style:parent-style-name="Standard"/>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
      style:parent-style-name="Heading" style:default-outline-level="1"/>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
      style:parent-style-name="Heading" style:default-outline-level="2"/>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/>
  <style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" style:family="paragraph"/>
  <style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph"/>
  <style:style style:name="List_20_Heading" style:display-name="List Heading" style:family="paragraph"/>
  <style:style style:name="List_20_Contents" style:display-name="List Contents" style:family="paragraph"/>
  <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph"/>
  <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph"/>
  <style:style style:name="Mono" style:family="text">
    <style:text-properties style:font-name="Liberation Mono"/>
  </style:style>
  <text:outline-style style:name="Outline">
    <text:outline-level-style text:level="1" style:num-format="1" style:num-suffix=")"/>
    <text:outline-level-style text:level="2" style:num-format="1" style:num-suffix=")" text:display-levels="2"/>
  </text:outline-style>
</office:styles>
</office:document-styles>"""

AUTOMATIC = """<office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body"/>
  <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard">
    <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <text:list-style style:name="L1">
    <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
    <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"/>
  </text:list-style>
  <text:list-style style:name="L2">
    <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  </text:list-style>
</office:automatic-styles>"""


def odt(body: str, title: str = "") -> bytes:
    """An .odt whose body is `body` (ODF text elements, namespaces declared for it)."""
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ODF} office:version="1.3">{AUTOMATIC}
<office:body><office:text>
<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
{body}
</office:text></office:body></office:document-content>"""
    meta = f"""<office:document-meta {ODF}>
<office:meta><dc:title>{title}</dc:title></office:meta></office:document-meta>"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", STYLES)
        archive.writestr("meta.xml", meta)
    return out.getvalue()


def units(doc: Document) -> list[tuple[str, str]]:
    """Each block's kind and its text as read."""
    return [(b.kind, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks]


MANUAL = """
<text:table-of-content text:name="Contents">
  <text:table-of-content-source
      text:outline-level="2"><text:index-title-template>Contents</text:index-title-template></text:table-of-content-source>
  <text:index-body>
    <text:p text:style-name="Contents_20_1">Installing<text:tab/>1</text:p>
    <text:p text:style-name="Contents_20_1">Printing<text:tab/>2</text:p>
  </text:index-body>
</text:table-of-content>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Installing</text:h>
<text:p text:style-name="P1">The driver needs  <text:s text:c="2"/>CUPS 2.2<text:note
      text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body
      ><text:p>Or any later release.</text:p></text:note-body></text:note> or later, and <text:span
      text:style-name="Mono">cups‑genppd</text:span> on the path.<office:annotation
      ><text:p>Check this.</text:p></office:annotation></text:p>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Permissions</text:h>
<text:p text:style-name="P2">Before you start</text:p>
<text:p text:style-name="P1">Do these steps:</text:p>
<text:list text:style-name="L1" xml:id="list1">
  <text:list-item><text:p>Stop the spooler.</text:p></text:list-item>
  <text:list-item><text:p>Copy the files.</text:p>
    <text:list><text:list-item><text:p>The filters first.</text:p></text:list-item>
      <text:list-item><text:p>Then the PPDs.</text:p></text:list-item></text:list>
  </text:list-item>
</text:list>
<text:p text:style-name="P1">Now a pause.</text:p>
<text:list text:style-name="L1" text:continue-list="list1">
  <text:list-item><text:p>Start the spooler.</text:p></text:list-item>
</text:list>
<text:list text:style-name="L2"><text:list-item><text:p>A bullet item.</text:p></text:list-item></text:list>
<text:p text:style-name="Preformatted_20_Text">lpadmin -p laser \\</text:p>
<text:p text:style-name="Preformatted_20_Text"><text:s text:c="4"/>-E</text:p>
<text:p text:style-name="List_20_Heading">Media Size</text:p>
<text:p text:style-name="List_20_Contents">The paper loaded in the tray.</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Printing</text:h>
<table:table table:name="Table1">
  <table:table-column table:number-columns-repeated="3"/>
  <table:table-header-rows>
    <table:table-row>
      <table:table-cell><text:p text:style-name="Table_20_Heading">Angle</text:p></table:table-cell>
      <table:table-cell table:number-columns-spanned="2"><text:p
      text:style-name="Table_20_Heading">Ink Type</text:p></table:table-cell>
      <table:covered-table-cell/>
    </table:table-row>
  </table:table-header-rows>
  <table:table-row>
    <table:table-cell/>
    <table:table-cell><text:p>RGB</text:p></table:table-cell>
    <table:table-cell><text:p>CMY</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell><text:p>15</text:p></table:table-cell>
    <table:table-cell><text:p>75<text:note><text:note-citation>2</text:note-citation><text:note-body
      ><text:p>Measured at 600 dpi.</text:p></text:note-body></text:note></text:p></table:table-cell>
    <table:table-cell><text:p>45</text:p></table:table-cell>
  </table:table-row>
</table:table>
<text:p text:style-name="Table">Table <text:sequence text:name="Table">1</text:sequence>: Screen angles</text:p>
<text:p text:style-name="P1">The angles are fixed.<draw:frame
      draw:name="Image1"><draw:image/><svg:desc>A rosette of dots at three angles</svg:desc></draw:frame></text:p>
<text:p text:style-name="P1"><draw:frame
      draw:name="Image2"><draw:image/><svg:title>Picture 2</svg:title></draw:frame></text:p>
<text:tracked-changes><text:changed-region
      text:id="c1"><text:deletion><text:p>Removed words.</text:p></text:deletion></text:changed-region
      ></text:tracked-changes>
"""


@pytest.fixture(scope="module")
def manual(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return loaded(tmp_path_factory.mktemp("odt"), "manual.odt", odt(MANUAL, title="Printer manual"))


def test_odt_blocks_are_read_as_the_xml_says(manual: Document) -> None:
    assert units(manual) == [
        ("boilerplate", "Installing 1"),
        ("boilerplate", "Printing 2"),
        ("heading", "1) Installing"),
        ("paragraph", "The driver needs CUPS 2.2 or later, and cups-genppd on the path."),
        ("paragraph", "Or any later release."),
        ("heading", "1.1) Permissions"),
        ("heading", "Before you start"),
        ("paragraph", "Do these steps:"),
        ("list_item", "1. Stop the spooler."),
        ("list_item", "2. Copy the files."),
        ("list_item", "a) The filters first."),
        ("list_item", "b) Then the PPDs."),
        ("paragraph", "Now a pause."),
        ("list_item", "3. Start the spooler."),
        ("list_item", "A bullet item."),
        ("code", "lpadmin -p laser \\ -E"),
        ("definition", "Media Size: The paper loaded in the tray."),
        ("heading", "2) Printing"),
        ("table_header", "Angle | Ink Type RGB | Ink Type CMY"),
        ("table_row", "15 | 75 | 45"),
        ("paragraph", "Measured at 600 dpi."),
        ("paragraph", "Table 1: Screen angles"),
        ("paragraph", "The angles are fixed."),
        ("paragraph", "A rosette of dots at three angles"),
    ]
    assert manual.title == "Printer manual"


def test_flat_odt_reads_as_its_archive_does(tmp_path: Path, manual: Document) -> None:
    styles = STYLES.split(">", 1)[1].rsplit("</office:document-styles>", 1)[0]
    flat = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>Printer manual</dc:title></office:meta>{styles}{AUTOMATIC}
<office:body><office:text>{MANUAL}</office:text></office:body></office:document>"""
    doc = loaded(tmp_path, "manual.fodt", flat.encode())
    assert units(doc) == units(manual)
    assert doc.title == manual.title


def test_odt_code_keeps_its_lines_and_quotes_hold_their_spans(manual: Document) -> None:
    (code,) = [b for b in manual.blocks if b.kind == "code"]
    assert manual.text[code.start : code.end] == "lpadmin -p laser \\\n    -E"
    (sublist,) = {b.group for b in manual.blocks if b.kind == "list_item" and "PPDs" in manual.text[b.start : b.end]}
    assert sublist == {b.group for b in manual.blocks if "Stop the spooler" in manual.text[b.start : b.end]}.pop()
    assert_clean(manual, ("Installing 1", "Check this", "Removed words", "Picture 2"))


def test_odt_title_paragraph_leads_a_page_anchored_box_is_read_and_code_by_font(tmp_path: Path) -> None:
    body = """<text:p text:style-name="Title">Gutenprint Manual</text:p>
    <draw:frame draw:name="Box"><draw:text-box><text:p>Printed on recycled paper.</text:p></draw:text-box></draw:frame>
    <text:h text:outline-level="1">Overview</text:h>
    <text:p><text:span text:style-name="Mono">make install</text:span></text:p>
    <text:p>Run <text:span text:style-name="Mono">make</text:span> first.</text:p>"""
    doc = loaded(tmp_path, "guide.odt", odt(body, title="Template title"))
    assert doc.title == "Gutenprint Manual"
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1),
        ("paragraph", 0),  # the text box anchored to the page
        ("heading", 2),
        ("code", 0),
        ("paragraph", 0),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a zip at all", "not a zip archive"),
        (odt("")[:200], "not a zip archive"),
    ],
)
def test_unreadable_odt_says_why(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        loaded(tmp_path, "broken.odt", data)


def test_odt_without_text_says_so(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="no text"):
        loaded(tmp_path, "empty.odt", odt("<text:p/>"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("styles.xml", STYLES)
    with pytest.raises(UnreadableDocument, match=r"no content\.xml"):
        loaded(tmp_path, "stylesonly.odt", out.getvalue())


def test_odt_nested_past_the_xml_limit_is_refused_saying_why(tmp_path: Path) -> None:
    deep = "<text:section>" * 5000 + "<text:p>Deep.</text:p>" + "</text:section>" * 5000
    with pytest.raises(UnreadableDocument, match="not well-formed XML: Excessive depth"):
        loaded(tmp_path, "deep.odt", odt(deep))


def test_password_protected_odt_says_so(tmp_path: Path) -> None:
    manifest = """<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
    <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">
    <manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>
    </manifest:file-entry></manifest:manifest>"""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", b"\x8f\x12 encrypted bytes")
    with pytest.raises(UnreadableDocument, match="protected by a password"):
        loaded(tmp_path, "secret.odt", data.getvalue())


# EPUB: a package, a navigation document, two chapters and an image, as Sphinx and pandoc write them.
CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Debian  Policy Manual</dc:title></metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch1" href="text/ch%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="fig" href="fig.png" media-type="image/png"/>
  </manifest>
  <spine><itemref idref="nav"/><itemref idref="ch1"/><itemref idref="fig"/><itemref idref="ch2"/></spine>
</package>"""
NAV = """<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc"><ol><li><a
      href="text/ch%201.xhtml">Binary packages (contents)</a></li></ol></nav></body></html>"""


def chapter(title: str, body: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title></head>
<body><section><h1>{title}</h1>{body}</section></body></html>"""


def epub(pages: dict[str, str] | None = None, package: str = PACKAGE) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", package)
        archive.writestr("OEBPS/nav.xhtml", NAV)
        archive.writestr("OEBPS/fig.png", b"\x89PNG\r\n")
        for name, text in (pages or {}).items():
            archive.writestr(f"OEBPS/text/{name}", text)
    return out.getvalue()


BOOK = {
    "ch 1.xhtml": chapter(
        "Binary packages",
        "<p>Every package must have a name.</p><ul><li>Short names</li><li>Lower case</li></ul>"
        "<table><tr><th>Field</th><th>Required</th></tr><tr><td>Package</td><td>yes</td></tr></table>",
    ),
    "ch2.xhtml": chapter(
        "Source packages",
        '<p>A source package holds the upstream code.<a epub:type="noteref" href="#n1">1</a></p>'
        "<pre>dpkg-source -x\n  foo.dsc</pre>"
        '<aside epub:type="footnote" id="n1"><p>Its Debian changes travel beside it.</p></aside>'
        "<aside><p>Buy the paper edition!</p></aside>",
    ),
}


def test_epub_pages_in_spine_order_without_the_navigation(tmp_path: Path) -> None:
    doc = loaded(tmp_path, "policy.epub", epub(BOOK))
    assert doc.title == "Debian Policy Manual"
    assert units(doc) == [
        ("heading", "Binary packages"),
        ("paragraph", "Every package must have a name."),
        ("list_item", "Short names"),
        ("list_item", "Lower case"),
        ("table_header", "Field | Required"),
        ("table_row", "Package | yes"),
        ("heading", "Source packages"),
        ("paragraph", "A source package holds the upstream code."),
        ("code", "dpkg-source -x foo.dsc"),
        ("paragraph", "Its Debian changes travel beside it."),
    ]
    lists, tables = ({b.group for b in doc.blocks if b.kind == kind} for kind in ("list_item", "table_row"))
    assert len(lists) == len(tables) == 1 and lists != tables
    assert_clean(doc, ("(contents)", "paper edition"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 but cut short", "not a zip archive"),
        (
            epub(package=PACKAGE.replace('idref="ch1"', 'idref="none"').replace('idref="ch2"', 'idref="none"')),
            "lists no pages",
        ),
        (epub(), "lacks OEBPS/text/ch 1.xhtml"),
    ],
)
def test_unreadable_epub_says_why(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        loaded(tmp_path, "book.epub", data)


def test_epub_with_encrypted_pages_is_refused_and_one_with_obfuscated_fonts_is_read(tmp_path: Path) -> None:
    def encryption(uri: str) -> str:
        return f"""<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
        xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
        <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>"""

    for uri, readable in (("OEBPS/fonts/serif.otf", True), ("OEBPS/text/ch2.xhtml", False)):
        book = io.BytesIO(epub(BOOK))
        with zipfile.ZipFile(book, "a") as archive:
            archive.writestr("META-INF/encryption.xml", encryption(uri))
        if readable:
            assert "upstream code" in loaded(tmp_path / "fonts", "book.epub", book.getvalue()).text
        else:
            with pytest.raises(UnreadableDocument, match="encrypted"):
                loaded(tmp_path / "drm", "book.epub", book.getvalue())


def test_epub_inflating_past_its_limit_is_refused(tmp_path: Path) -> None:
    """A page of 65 MB of spaces, a few kilobytes once deflated: refused before it is parsed."""
    from index.epub import MAX_MEMBER_BYTES

    page = chapter("Binary packages", "<p>" + " " * (MAX_MEMBER_BYTES + 2**20) + "</p>")
    book = epub({"ch 1.xhtml": page, "ch2.xhtml": BOOK["ch2.xhtml"]})
    assert len(book) < 2**20
    with pytest.raises(UnreadableDocument, match="MAX_MEMBER_BYTES"):
        loaded(tmp_path, "big.epub", book)
