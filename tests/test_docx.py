"""Word documents as Word, LibreOffice and pandoc write them: each test builds a .docx with
python-docx and the WordprocessingML those programs write for what python-docx cannot make."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from index.chunking import split_sentences
from index.document import Document, list_number
from tests.test_documents import assert_clean, loaded, shown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)
PART_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def xml(text: str) -> Any:
    """An element from WordprocessingML written without its namespace declarations ("<w:p NS>")."""
    return parse_xml(text.replace("NS", NAMESPACES, 1))


def append(document: Any, element: Any) -> None:
    """Add a block-level element to the body, before its closing section properties."""
    body = document.element.body
    body.insert(len(body) - 1, element)


def saved(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def manual() -> Any:
    """A new document with its title (a section's trail starts below it)."""
    document = docx.Document()
    document.add_paragraph("LaserJet 5000 service manual", style="Title")
    return document


def read(tmp_path: Path, document: Any) -> Document:
    return loaded(tmp_path, "manual.docx", saved(document))


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, " ".join(doc.text[b.start : b.end].split())) for b in doc.blocks]


def add_notes(document: Any, kind: str, notes: dict[int, str]) -> None:
    """A footnotes or endnotes part as Word writes it: two separators, then the notes."""
    tag = kind[:-1]
    separators = (
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>'
    )
    body = "".join(
        f'<w:{tag} w:id="{n}"><w:p><w:r><w:{tag}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
        f"</w:{tag}>"
        for n, text in notes.items()
    )
    blob = f"<w:{kind} {NAMESPACES}>{separators}{body}</w:{kind}>".encode()
    part = Part(PackURI(f"/word/{kind}.xml"), f"{PART_TYPE}{kind}+xml", blob, document.part.package)
    document.part.relate_to(part, getattr(RELATIONSHIP_TYPE, kind.upper()))


def refer(paragraph: Any, kind: str, n: int) -> None:
    paragraph._p.append(xml(f'<w:r NS><w:{kind[:-1]}Reference w:id="{n}"/></w:r>'))


def test_footnotes_and_endnotes_follow_the_paragraph_that_refers_to_them(tmp_path: Path):
    document = manual()
    document.add_heading("Installation", level=1)
    refer(document.add_paragraph("The printer needs a dedicated 230 V outlet."), "footnotes", 1)
    document.add_paragraph("Keep 40 cm free behind the rear tray.")
    document.add_heading("Maintenance", level=1)
    cleaning = document.add_paragraph("Clean the paper rollers every 50,000 pages.")
    refer(cleaning, "endnotes", 1)
    refer(cleaning, "footnotes", 2)  # pandoc writes a note again for each reference to it
    add_notes(document, "footnotes", {1: "It draws up to 1,450 W while warming up.", 2: "Use only alcohol."})
    add_notes(document, "endnotes", {1: "Use only alcohol."})
    sentences = split_sentences(read(tmp_path, document))
    assert [(s.section, s.display) for s in sentences] == [
        (("Installation",), "The printer needs a dedicated 230 V outlet."),
        (("Installation",), "It draws up to 1,450 W while warming up."),
        (("Installation",), "Keep 40 cm free behind the rear tray."),
        (("Maintenance",), "Clean the paper rollers every 50,000 pages."),
        (("Maintenance",), "Use only alcohol."),
    ]


def test_a_paragraph_with_an_outline_level_is_a_heading_whatever_its_style_is_called(tmp_path: Path):
    document = manual()
    chapter = document.styles.add_style("Chapter Heading", WD_STYLE_TYPE.PARAGRAPH)
    chapter.base_style = document.styles["Heading 1"]  # its outline level is its base style's
    local = document.styles.add_style("Überschrift 2", WD_STYLE_TYPE.PARAGRAPH)
    local.element.get_or_add_pPr().append(xml('<w:outlineLvl NS w:val="1"/>'))
    document.add_paragraph("Maintenance", style="Chapter Heading")
    document.add_paragraph("Clean the rollers every month.")
    document.add_paragraph("Replacing the toner", style="Überschrift 2")
    document.add_paragraph("Open the front cover first.")
    own = document.add_paragraph("Error codes")
    own._p.get_or_add_pPr().append(xml('<w:outlineLvl NS w:val="1"/>'))
    document.add_paragraph("E13 means a paper jam.")
    body = document.add_paragraph("Body text by its own outline level")
    body._p.get_or_add_pPr().append(xml('<w:outlineLvl NS w:val="9"/>'))
    doc = read(tmp_path, document)
    assert [(s.section, s.display) for s in split_sentences(doc)] == [
        (("Maintenance",), "Clean the rollers every month."),
        (("Maintenance", "Replacing the toner"), "Open the front cover first."),
        (("Maintenance", "Error codes"), "E13 means a paper jam."),
        (("Maintenance", "Error codes"), "Body text by its own outline level"),
    ]


def toc_entry(text: str, page: int, begin: bool = False, end: bool = False) -> str:
    """A contents entry as Word writes it: a link to the heading, a tab, a PAGEREF field; the TOC
    field begins in the first entry and ends in the last."""
    opening = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    closing = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    link = (
        f'<w:hyperlink w:anchor="_Toc{page}"><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r>'
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc{page} \\h </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r>{closing}</w:hyperlink>'
    )
    style = '<w:pPr><w:pStyle w:val="TOC1"/></w:pPr>'
    return f"<w:p>{style}{opening if begin else ''}{link}{closing if end else ''}</w:p>"


@pytest.mark.parametrize("in_control", [True, False])
def test_a_table_of_contents_is_boilerplate(tmp_path: Path, in_control: bool):
    document = docx.Document()
    document.add_paragraph("Service manual", style="Title")
    entries = toc_entry("1 Installation", 3, begin=True) + toc_entry("2 Maintenance", 5, end=True)
    if in_control:  # Word's content control for a table of contents, with its heading
        gallery = '<w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        heading = '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>'
        append(document, xml(f"<w:sdt NS>{gallery}<w:sdtContent>{heading}{entries}</w:sdtContent></w:sdt>"))
    else:  # the field alone, its entries in plain paragraphs
        for entry in (toc_entry("1 Installation", 3, begin=True), toc_entry("2 Maintenance", 5, end=True)):
            append(document, xml(entry.replace("<w:p>", "<w:p NS>", 1).replace('<w:pStyle w:val="TOC1"/>', "")))
    document.add_heading("1 Installation", level=1)
    document.add_paragraph("Unpack the printer on a flat table.")
    doc = read(tmp_path, document)
    assert_clean(doc, ("Installation 3", "Maintenance 5", "Contents"))
    assert shown(split_sentences(doc)) == ["Unpack the printer on a flat table."]
    assert ("boilerplate", "2 Maintenance 5") in kinds(doc)


BOX = (
    "<w:txbxContent><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Warning</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Unplug the printer before touching the fuser.</w:t></w:r></w:p></w:txbxContent>"
)


def boxed(content: str) -> str:
    """A run holding a text box as Word 2010 and later write it: as DrawingML, and again as VML for
    older readers."""
    drawing = (
        '<w:drawing><wp:inline><wp:extent cx="2743200" cy="914400"/><wp:docPr id="1" name="Box"/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    fallback = f'<w:pict><v:shape id="Box"><v:textbox>{content}</v:textbox></v:shape></w:pict>'
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_text_box_is_read_once_after_the_paragraph_it_is_anchored_in(tmp_path: Path):
    document = manual()
    document.add_heading("Fuser", level=1)
    append(
        document,
        xml(
            '<w:p NS><w:r><w:t xml:space="preserve">Handle the fuser with care. </w:t></w:r>'
            f"{boxed(BOX)}<w:r><w:t>Wear the supplied gloves.</w:t></w:r></w:p>"
        ),
    )
    document.add_paragraph("Replace it every 200,000 pages.")
    doc = read(tmp_path, document)
    assert [(s.section, s.display) for s in split_sentences(doc)] == [
        (("Fuser",), "Handle the fuser with care."),
        (("Fuser",), "Wear the supplied gloves."),
        (("Fuser",), "Unplug the printer before touching the fuser."),
        (("Fuser",), "Replace it every 200,000 pages."),
    ]
    assert ("boilerplate", "Warning") in kinds(doc)


def test_consecutive_code_paragraphs_are_one_block(tmp_path: Path):
    document = docx.Document()
    code = document.styles.add_style("Preformatted Text", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Build it with:")
    for line in ("./configure --prefix=/usr", "", "make", "make install"):
        document.add_paragraph(line, style=code)
    document.add_paragraph("Then run the tests.")
    doc = read(tmp_path, document)
    assert kinds(doc)[1] == ("code", "./configure --prefix=/usr make make install")
    block = doc.blocks[1]
    assert doc.text[block.start : block.end] == "./configure --prefix=/usr\n\nmake\nmake install"
    (intro,) = [s for s in split_sentences(doc) if s.display == "Build it with:"]
    assert intro.leads == 0  # the whole program is the example it introduces


def test_a_face_the_font_table_declares_fixed_pitch_sets_code(tmp_path: Path):
    document = docx.Document()
    (fonts,) = [r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")]
    declared = '<w:font w:name="Cumberland AMT"><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    fonts._blob = fonts.blob.replace(b"</w:fonts>", declared.encode() + b"</w:fonts>")
    document.add_paragraph("Print the queue with:")
    document.add_paragraph().add_run("lpstat -v").font.name = "Cumberland AMT"
    document.add_paragraph().add_run("A paragraph in another face.").font.name = "Cambria"
    assert [kind for kind, _ in kinds(read(tmp_path, document))] == ["paragraph", "code", "paragraph"]


@pytest.mark.parametrize(
    ("term_style", "description_style"), [("Definition Term", "Definition"), ("List Heading", "List Contents")]
)
def test_terms_and_their_descriptions_are_definitions(tmp_path: Path, term_style: str, description_style: str):
    document = manual()
    for name in (term_style, description_style):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    bold = document.styles[term_style]
    bold.font.bold = True  # pandoc's terms are bold: no heading is made of them
    document.add_heading("Parameters", level=1)
    for term, description in (
        ("table_name", "The name of the table to be created."),
        ("TEMPORARY", "The table is dropped at the end of the session."),
    ):
        document.add_paragraph(term, style=term_style)
        document.add_paragraph(description, style=description_style)
    doc = read(tmp_path, document)
    assert [(s.kind, s.section, s.display) for s in split_sentences(doc)] == [
        ("definition", ("Parameters",), "table_name: The name of the table to be created."),
        ("definition", ("Parameters",), "TEMPORARY: The table is dropped at the end of the session."),
    ]


def test_a_text_box_in_a_table_cell_is_read_once(tmp_path: Path):
    document = docx.Document()
    made = table(document, [("Part", "Handling"), ("Fuser", "")])
    cell = made.cell(1, 1)._tc
    cell.remove(cell.findall(f"{{{W}}}p")[0])
    box = "<w:txbxContent><w:p><w:r><w:t>Let it cool for 30 minutes.</w:t></w:r></w:p></w:txbxContent>"
    cell.append(xml(f"<w:p NS><w:r><w:t>Hot.</w:t></w:r>{boxed(box)}</w:p>"))
    assert rows_shown(read(tmp_path, document)) == ["Fuser, Handling: Hot. Let it cool for 30 minutes."]


def table(document: Any, rows: list[tuple[str, ...]], style: str | None = None) -> Any:
    made = document.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        made.style = style
    for cells, values in zip(made.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    return made


def rows_shown(doc: Document) -> list[str]:
    return [s.display for s in split_sentences(doc) if s.kind == "table_row"]


def test_a_table_whose_first_row_holds_figures_has_no_header(tmp_path: Path):
    document = docx.Document()
    table(document, [("Print speed", "50 pages per minute"), ("Weight", "23.5 kg"), ("Power", "230 V")])
    assert rows_shown(read(tmp_path, document)) == [
        "Print speed | 50 pages per minute",
        "Weight | 23.5 kg",
        "Power | 230 V",
    ]


def test_a_first_row_in_bold_or_in_the_table_style_s_header_look_is_the_header(tmp_path: Path):
    document = docx.Document()
    own = table(document, [("Year", "2023"), ("Sales", "1,200")])
    for cell in own.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    table(document, [("Code", "E13"), ("Meaning", "Paper jam")], style="Light Grid Accent 1")
    assert rows_shown(read(tmp_path, document)) == ["Sales, 2023: 1,200", "Meaning, E13: Paper jam"]


def test_a_first_row_of_years_over_figures_is_the_header_in_plain_type(tmp_path: Path):
    document = docx.Document()
    table(document, [("", "2022", "2021"), ("Net sales", "34,229", "35,355"), ("Cost of sales", "19,232", "18,795")])
    assert rows_shown(read(tmp_path, document)) == [
        "Net sales, 2022: 34,229, 2021: 35,355",
        "Cost of sales, 2022: 19,232, 2021: 18,795",
    ]


def test_header_rows_word_repeats_are_read_a_column_at_a_time(tmp_path: Path):
    document = docx.Document()
    made = table(document, [("Tray", "Capacity (sheets)", ""), ("", "80 g/m²", "120 g/m²"), ("Tray 2", "500", "350")])
    made.cell(0, 1).merge(made.cell(0, 2)).text = "Capacity (sheets)"
    made.cell(0, 0).merge(made.cell(1, 0)).text = "Tray"
    for row in made.rows[:2]:
        row._tr.get_or_add_trPr().append(xml("<w:tblHeader NS/>"))
    doc = read(tmp_path, document)
    assert ("table_header", "Tray | Capacity (sheets) 80 g/m² | Capacity (sheets) 120 g/m²") in kinds(doc)
    assert rows_shown(doc) == ["Tray 2, Capacity (sheets) 80 g/m²: 500, Capacity (sheets) 120 g/m²: 350"]


def test_list_items_keep_their_depth_and_a_caption_under_a_table_heads_nothing(tmp_path: Path):
    document = manual()
    document.add_heading("Unpacking", level=1)
    for text, depth in (("Open the front cover:", 0), ("press the green lever,", 1), ("Close the cover.", 0)):
        item = document.add_paragraph(text, style="List Number")
        item._p.get_or_add_pPr().append(xml(f'<w:numPr NS><w:ilvl w:val="{depth}"/><w:numId w:val="1"/></w:numPr>'))
    table(document, [("Code", "Meaning"), ("E13", "Paper jam")])
    document.add_paragraph("", style="Caption").add_run("Table 1: Error codes").bold = True
    document.add_paragraph("Keep the lock for transport.")
    doc = read(tmp_path, document)
    assert [b.level for b in doc.blocks if b.kind == "list_item"] == [1, 2, 1]
    assert {s.section for s in split_sentences(doc)} == {("Unpacking",)}


def test_a_numbered_item_starts_with_its_number_and_a_bullet_with_its_text(tmp_path: Path):
    document = manual()
    document.add_heading("Replacing the toner", level=1)
    for text in ("Open the front cover.", "Pull the cartridge out.", "Slide the new one in."):
        document.add_paragraph(text, style="List Number")  # numbered by its style, decimal "%1."
    document.add_paragraph("Keep the old cartridge in its bag.", style="List Bullet")
    items = [text for kind, text in kinds(read(tmp_path, document)) if kind == "list_item"]
    assert items == [
        "1. Open the front cover.",
        "2. Pull the cartridge out.",
        "3. Slide the new one in.",
        "Keep the old cartridge in its bag.",
    ]


def test_an_equation_is_read_and_the_title_paragraph_beats_a_template_s_title(tmp_path: Path):
    document = docx.Document()
    document.core_properties.title = "Template for service manuals"
    document.add_paragraph("LaserJet 5000 service manual", style="Title")
    document.add_paragraph("The toner yield is")
    append(
        document,
        xml(
            "<w:p NS><m:oMathPara><m:oMath><m:r><m:t>Y=</m:t></m:r><m:f><m:num><m:r><m:t>C</m:t></m:r></m:num>"
            "<m:den><m:r><m:t>0.05</m:t></m:r></m:den></m:f></m:oMath></m:oMathPara></w:p>"
        ),
    )
    doc = read(tmp_path, document)
    assert doc.title == "LaserJet 5000 service manual"
    assert ("paragraph", "Y=C/0.05") in kinds(doc)


def test_a_heading_word_numbers_starts_with_its_number(tmp_path: Path):
    document = manual()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:pStyle w:val="Heading{n + 1}"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for n, text in enumerate(("%1)", "%1.%2)"))
    )
    numbering.insert(0, xml(f'<w:abstractNum NS w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(xml('<w:num NS w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level in (1, 2):  # the heading styles are numbered, the level each takes named in the numbering
        style = document.styles[f"Heading {level}"].element.get_or_add_pPr()
        style.append(xml('<w:numPr NS><w:numId w:val="90"/></w:numPr>'))
    for text, level in (("Introduction", 1), ("History", 2), ("Packaging", 2), ("Installation", 1), ("Overview", 2)):
        document.add_heading(text, level=level)
        document.add_paragraph(f"What {text.lower()} says.")
    doc = read(tmp_path, document)
    assert [text for kind, text in kinds(doc) if kind == "heading"][1:] == [
        "1) Introduction",
        "1.1) History",
        "1.2) Packaging",
        "2) Installation",
        "2.1) Overview",
    ]
    assert split_sentences(doc)[-1].section == ("2) Installation", "2.1) Overview")


@pytest.mark.parametrize(
    ("n", "style", "shown"),
    [
        (3, "decimal", "3"),
        (3, "lower-alpha", "c"),
        (28, "upper-alpha", "BB"),
        (14, "upper-roman", "XIV"),
        (4, "lower-roman", "iv"),
        (4, "decimal-leading-zero", "04"),
        (4, "none", ""),
    ],
)
def test_a_counter_is_shown_in_its_list_style(n: int, style: str, shown: str):
    assert list_number(n, style) == shown  # type: ignore[arg-type]


def test_a_header_cell_spanning_columns_takes_the_row_that_divides_it(tmp_path: Path):
    document = docx.Document()
    made = table(document, [("", "Ink type", ""), ("Angle", "RGB", "CMY"), ("2", "Green", "Magenta")])
    made.cell(0, 1).merge(made.cell(0, 2)).text = "Ink type"
    made.rows[0]._tr.get_or_add_trPr().append(xml("<w:tblHeader NS/>"))  # LibreOffice marks the first row alone
    assert rows_shown(read(tmp_path, document)) == ["2, Ink type RGB: Green, Ink type CMY: Magenta"]


def test_a_paragraph_whose_numbering_is_taken_off_is_no_list_item(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Check the build:", style="List Number")
    resumed = document.add_paragraph("and inspect the output for any mention of rpath.")
    resumed._p.get_or_add_pPr().append(xml('<w:numPr NS><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
    assert [kind for kind, _ in kinds(read(tmp_path, document))] == ["list_item", "paragraph"]


def test_a_symbol_character_reads_as_the_unicode_character_it_shows(tmp_path: Path):
    document = manual()
    symbols = (
        '<w:r><w:t xml:space="preserve">The angle </w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F071"/></w:r>'
        '<w:r><w:t xml:space="preserve"> stays </w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0A3"/></w:r>'
        '<w:r><w:t xml:space="preserve"> 30</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0B0"/></w:r>'
        '<w:r><w:t xml:space="preserve">, tick </w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
        '<w:r><w:t xml:space="preserve"> or </w:t></w:r><w:r><w:sym w:font="Arial" w:char="2713"/></w:r>'
    )
    append(document, xml(f"<w:p NS>{symbols}</w:p>"))
    assert ("paragraph", "The angle θ stays ≤ 30°, tick or ✓") in kinds(read(tmp_path, document))


def test_a_picture_s_description_is_read_where_it_stands_and_a_bare_name_is_not(tmp_path: Path):
    document = manual()

    def picture(description: str) -> str:
        return (
            '<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/>'
            f'<wp:docPr id="1" name="Picture 1" descr="{description}"/></wp:inline></w:drawing></w:r>'
        )

    text = '<w:r><w:t xml:space="preserve">The paper path:</w:t></w:r>'
    append(document, xml(f"<w:p NS>{text}{picture('Paper runs from tray 2 past the fuser to the output bin.')}</w:p>"))
    append(document, xml(f"<w:p NS>{picture('image3.png')}{picture('Picture 7')}</w:p>"))
    document.add_paragraph("Clear a jam from the back.")
    assert [text for kind, text in kinds(read(tmp_path, document)) if kind == "paragraph"] == [
        "The paper path:",
        "Paper runs from tray 2 past the fuser to the output bin.",
        "Clear a jam from the back.",
    ]
