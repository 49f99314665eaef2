import gzip
import os
import re
from pathlib import Path

import pytest

from index.chunking import split_sentences
from index.document import Document, block_text
from index.loaders import UnreadableDocument, load, manual_page_name, scan


def only(corpus: Path):
    files, warnings = scan(corpus, 10**6)
    assert len(files) == 1, (files, warnings)
    return load(files[0])


def test_html_keeps_body_text_and_drops_scripts_styles_and_navigation(tmp_path: Path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Troop moves</title><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<script>var secret = 1;</script><h1>Troops</h1><p>The troops moved <b>north</b> on Monday.</p>"
        "<footer>Copyright</footer></body></html>"
    )
    doc = only(tmp_path)
    assert doc.text == "Troops\n\nThe troops moved north on Monday."
    assert doc.title == "Troop moves"


def test_docx_paragraphs_are_extracted(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("First paragraph of the report.")
    document.add_paragraph("Second paragraph, with more detail.")
    document.save(str(tmp_path / "report.docx"))
    assert only(tmp_path).text == "First paragraph of the report.\n\nSecond paragraph, with more detail."


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_text_outside_plain_runs_is_read(tmp_path: Path):
    # a content control around a paragraph, a tracked insertion, an inline control, a field's result;
    # deleted text and a field's instruction are not read
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for xml in (
        f"<w:sdt {_W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Meals cost up to 45 euros a day.</w:t></w:r>"
        "</w:p></w:sdtContent></w:sdt>",
        f'<w:p {_W}><w:r><w:t xml:space="preserve">The hotel limit is </w:t></w:r><w:ins w:id="1" w:author="HR">'
        '<w:r><w:t xml:space="preserve">180 euros in Paris and </w:t></w:r></w:ins><w:del w:id="2" w:author="HR">'
        '<w:r><w:delText xml:space="preserve">100 euros in Lyon and </w:delText></w:r></w:del>'
        "<w:r><w:t>120 euros elsewhere.</w:t></w:r></w:p>",
        f'<w:p {_W}><w:r><w:t xml:space="preserve">Claims go to </w:t></w:r><w:sdt><w:sdtContent><w:r>'
        '<w:t>the finance office</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space="preserve"> within '
        '30 days; see </w:t></w:r><w:fldSimple w:instr=" REF _Ref1 \\h "><w:r><w:t>Table 2</w:t></w:r>'
        "</w:fldSimple><w:r><w:t>.</w:t></w:r></w:p>",
    ):
        body.insert(len(body) - 1, parse_xml(xml))
    document.save(str(tmp_path / "policy.docx"))
    assert only(tmp_path).text == (
        "Meals cost up to 45 euros a day.\n\n"
        "The hotel limit is 180 euros in Paris and 120 euros elsewhere.\n\n"
        "Claims go to the finance office within 30 days; see Table 2."
    )


def test_docx_paragraphs_set_in_a_fixed_pitch_face_are_code(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("Define the function as follows:")
    listing = document.add_paragraph()
    listing.add_run("define f (x) {").font.name = "Courier New"
    listing.add_run().add_break()
    listing.add_run("  return (f(x-1) * x);").font.name = "Courier New"
    prose = document.add_paragraph("Then call ")
    prose.add_run("f(5)").font.name = "Consolas"
    prose.add_run(" to print 120.")
    document.save(str(tmp_path / "manual.docx"))
    doc = only(tmp_path)
    assert [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("paragraph", "Define the function as follows:"),
        ("code", "define f (x) {\n  return (f(x-1) * x);"),
        ("paragraph", "Then call f(5) to print 120."),
    ]


def _pdf_with_pages(pages: list[str]) -> bytes:
    """A minimal PDF with one line of text a page, built by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for i, text in enumerate(pages):
        page_id, content_id = 3 + 2 * i, 4 + 2 * i
        kids.append(f"{page_id} 0 R")
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {3 + 2 * len(pages)} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_text_is_extracted_with_page_offsets(tmp_path: Path):
    (tmp_path / "brief.pdf").write_bytes(_pdf_with_pages(["The first page speaks.", "The second page answers."]))
    doc = only(tmp_path)
    assert doc.page_starts is not None and len(doc.page_starts) == 2
    assert doc.text[doc.page_starts[1] :].startswith("The second page answers.")
    assert "The first page speaks." in doc.text[: doc.page_starts[1]]


def test_latin1_text_is_decoded_with_a_warning(tmp_path: Path):
    (tmp_path / "old.txt").write_bytes("Caf\xe9 cr\xe8me was served.".encode("latin-1"))
    doc = only(tmp_path)
    assert doc.text == "Café crème was served."
    assert doc.warnings == ["not valid UTF-8; decoded as Windows-1252"]


def test_windows_1252_text_keeps_its_curly_quotes_dashes_and_euro_signs(tmp_path: Path):
    text = "\u201cThe caf\xe9 opens at nine\u201d \u2013 coffee costs 2 \u20ac."
    (tmp_path / "notice.txt").write_bytes(text.encode("cp1252"))
    doc = only(tmp_path)
    assert doc.text == text
    assert doc.warnings == ["not valid UTF-8; decoded as Windows-1252"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_saved_with_a_byte_order_mark_is_read_in_the_encoding_it_names(tmp_path: Path, encoding: str):
    text = "Caf\xe9 cr\xe8me was served at the harbour \u2013 every Sunday.\n"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")  # Python writes the others' marks itself
    (tmp_path / "menu.txt").write_bytes(bom + text.encode(encoding))
    doc = only(tmp_path)
    assert doc.text == text
    assert doc.warnings == []


def test_a_page_labelled_latin_1_is_read_as_browsers_read_it(tmp_path: Path):
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head>'
        "<body><p>\u201cOpen daily\u201d, the sign says.</p></body></html>"
    )
    (tmp_path / "cafe.html").write_bytes(page.encode("cp1252"))
    assert "\u201cOpen daily\u201d, the sign says." in only(tmp_path).text
    (tmp_path / "cafe.html").write_bytes(page.replace("iso-8859-1", "utf-8").encode("utf-16"))
    assert "\u201cOpen daily\u201d, the sign says." in only(tmp_path).text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\xff" * 100, "binary"),
        ("broken.pdf", b"%PDF-1.4 nonsense", "PDF"),
        ("broken.docx", b"not a zip file", "docx"),
    ],
)
def test_unreadable_file_raises_with_the_reason(tmp_path: Path, name: str, data: bytes, reason: str):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(UnreadableDocument, match=reason):
        only(tmp_path)


def test_scan_skips_oversized_files_hidden_files_and_links_outside(tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "kept.md").write_text("Kept.")
    (corpus / "big.txt").write_text("x" * 2000)
    (corpus / ".hidden.txt").write_text("Hidden.")
    (corpus / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "outside.txt").write_text("Outside.")
    os.symlink(tmp_path / "outside.txt", corpus / "link.txt")
    files, warnings = scan(corpus, max_file_bytes=1000)
    assert [f.source for f in files] == ["sub/kept.md"]
    assert any("big.txt" in w and "over the limit" in w for w in warnings)
    assert any("link.txt" in w and "outside the corpus" in w for w in warnings)


@pytest.mark.parametrize("built", [True, False])
def test_a_sphinx_builds_copy_of_its_sources_is_passed_over_saying_so(tmp_path: Path, built: bool):
    corpus = tmp_path / "corpus"
    (corpus / "docs" / "_sources").mkdir(parents=True)
    (corpus / "docs" / "config.html").write_text("<h1>Configuration</h1><p>Set the service to SQL.</p>")
    (corpus / "docs" / "_sources" / "config.rst.txt").write_text("Set the :option:`Service` to ``SQL``.")
    if built:
        (corpus / "docs" / "objects.inv").write_bytes(b"# Sphinx inventory version 2")
    files, warnings = scan(corpus, 10**6)
    kept = ["docs/config.html"] if built else ["docs/_sources/config.rst.txt", "docs/config.html"]
    assert sorted(f.source for f in files) == kept
    assert any("docs/_sources/" in w and "Sphinx" in w for w in warnings) is built


def test_a_text_file_beside_the_page_built_from_it_is_passed_over_saying_so(tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "man").mkdir(parents=True)
    (corpus / "man" / "git-reset.html").write_text("<h1>git-reset(1)</h1><p>Reset current HEAD.</p>")
    (corpus / "man" / "git-reset.txt").write_text("git-reset(1)\n============\n\nReset current `HEAD`.\n")
    (corpus / "man" / "notes.md").write_text("# Notes\n\nOnly here.\n")
    (corpus / "git-reset.txt").write_text("A text of the same name in another folder.\n")
    (corpus / "man" / "git-stash.html").write_text("<h1>git-stash(1)</h1><p>Stash the changes.</p>")
    (corpus / "man" / "git-stash.txt.gz").write_bytes(gzip.compress(b"git-stash(1)\n===========\n"))
    files, warnings = scan(corpus, 10**6)
    assert sorted(f.source for f in files) == [
        "git-reset.txt",
        "man/git-reset.html",
        "man/git-stash.html",
        "man/notes.md",
    ]
    assert warnings == [
        "skipped man/git-reset.txt: the page git-reset.html beside it is read instead (`PAGES`)",
        "skipped man/git-stash.txt.gz: the page git-stash.html beside it is read instead (`PAGES`)",
    ]


def test_a_gzip_compressed_document_is_read_as_the_file_it_holds_and_cited_by_its_own_name(tmp_path: Path):
    # Debian ships most of /usr/share/doc compressed: README.md.gz, changelog.gz, policy.pdf.gz
    from assistant import Assistant, AssistantSettings, IndexSettings
    from index.build import rebuild
    from tests.fakes import HashEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    guide = "# Rootless containers\n\nContainers started in detached mode stop when the user logs out.\n"
    (corpus / "rootless.md.gz").write_bytes(gzip.compress(guide.encode()))
    (corpus / "notes.txt.gz").write_bytes(b"not gzip at all")
    (corpus / "logo.png.gz").write_bytes(gzip.compress(b"\x89PNG"))
    files, _ = scan(corpus, 10**6)
    assert [f.source for f in files] == ["notes.txt.gz", "rootless.md.gz"]
    doc = load(files[1])
    assert doc.text == guide and [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    with pytest.raises(UnreadableDocument, match="not a readable gzip file"):
        load(files[0])

    index = IndexSettings(corpus=corpus, index_dir=tmp_path / "index")
    report = rebuild(index, HashEmbedder())
    assert [w for w in report.warnings if w.startswith("skipped notes.txt.gz: not a readable gzip file")]
    bot = Assistant(settings=AssistantSettings(index=index, rerank=False), embedder=HashEmbedder())
    answer = bot.ask("When do containers started in detached mode stop?")
    (citation,) = [c for c in answer.citations if c.source == "rootless.md.gz"]
    assert citation.quote in bot.source_text("rootless.md.gz")[citation.start : citation.end]


@pytest.mark.parametrize(
    ("bom", "newline"), [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n"), (b"\xef\xbb\xbf", b"\r\n"), (b"", b"\r")]
)
def test_a_text_files_spans_index_it_as_python_reads_it_whatever_its_line_ends_and_mark(
    tmp_path: Path, bom: bytes, newline: bytes
):
    """Windows editors end lines with CR LF and may open a UTF-8 file with a byte-order mark; a span
    still indexes `open(path, encoding="utf-8").read()`, which reads both ends as a newline and keeps
    the mark as a character."""
    lines = [b"---", b"title: Harbour rules", b"---", b"# Mooring", b"", b"Boats must register before mooring.", b""]
    path = tmp_path / "rules.md"
    path.write_bytes(bom + newline.join(lines))
    doc = only(tmp_path)
    expected = path.open(encoding="utf-8").read()
    assert len(doc.text) == len(expected) and doc.text[1:] == expected[1:]
    assert doc.title == "Harbour rules"
    kinds = {doc.text[b.start : b.end]: b.kind for b in doc.blocks}
    assert kinds["# Mooring"] == "heading"
    paragraph = next(b for b in doc.blocks if b.kind == "paragraph")
    assert expected[paragraph.start : paragraph.end] == "Boats must register before mooring."


def test_a_scanned_pdf_and_a_password_protected_one_are_refused_saying_why(tmp_path: Path):
    from fpdf import FPDF
    from PIL import Image

    Image.new("RGB", (200, 100), "white").save(tmp_path / "page.png")
    scanned = FPDF()
    scanned.add_page()
    scanned.image(str(tmp_path / "page.png"), 10, 10, 100)
    locked = FPDF()
    locked.add_page()
    locked.set_font("Helvetica", size=12)
    locked.text(20, 20, "The minutes of the board meeting.")
    locked.set_encryption(owner_password="owner", user_password="secret")
    for name, pdf, reason in [
        ("scanned.pdf", scanned, "no extractable text \\(scanned images\\?\\)"),
        ("minutes.pdf", locked, "password-protected; save a copy without the password"),
    ]:
        folder = tmp_path / name.removesuffix(".pdf")
        folder.mkdir()
        (folder / name).write_bytes(bytes(pdf.output()))
        with pytest.raises(UnreadableDocument, match=reason):
            only(folder)


# A statement of figures as a PDF's text extractor writes it: a cell to a line, blank lines (here
# holding a space) between, currency marks on lines of their own, leader dots after a label.
STATEMENT = "\n".join(
    [
        "Consolidated Statement of Cash Flows",
        " ",
        "(Millions)",
        " ",
        "2018",
        " ",
        "2017",
        " ",
        "Cash Flows from Investing Activities",
        " ",
        "Purchases of property, plant and equipment (PP&E)",
        " ",
        " ",
        "(1,577) ",
        " ",
        "(1,373) ",
        "Proceeds from sale of PP&E and other assets",
        " ",
        " ",
        "262 ",
        " ",
        "49 ",
        "Net income............................ $",
        " ",
        "$",
        "5,363 ",
        "$",
        "4,869 ",
        "Dividends declared",
        " ",
        "\u2014",
        " ",
        "12",
        "The accompanying notes are an integral part of this statement.",
        " ",
        "58",
        "",
    ]
)


def test_a_table_written_a_cell_to_a_line_is_read_as_rows_under_its_years(tmp_path: Path):
    path = tmp_path / "10-K.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    doc = load(file)
    shown = [(b.kind, " | ".join(doc.text[s:e] for s, e in b.cells)) for b in doc.blocks if b.kind.startswith("table")]
    assert shown == [
        ("table_header", "(Millions) | 2018 | 2017"),
        ("table_row", "Purchases of property, plant and equipment (PP&E) | (1,577) | (1,373)"),
        ("table_row", "Proceeds from sale of PP&E and other assets | 262 | 49"),
        ("table_row", "Net income | 5,363 | 4,869"),  # leader dots and currency marks are no cells
        ("table_row", "Dividends declared | — | 12"),  # a number of two digits is a figure, not a page
    ]
    kinds = {doc.text[b.start : b.end]: b.kind for b in doc.blocks}
    # A sentence ending before a page's number is no row; the number is the page's.
    assert kinds["The accompanying notes are an integral part of this statement."] == "paragraph"
    assert kinds["58"] == "boilerplate"
    assert kinds["Cash Flows from Investing Activities"] == "heading"


def test_lines_of_numbers_fewer_than_a_table_stay_text(tmp_path: Path):
    text = "Release notes\n\nVersion\n\n2\n\nThe build now takes half the time it took.\n\nSee page\n\n12\n"
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    assert not any(b.kind.startswith("table") for b in load(file).blocks)


def test_running_headers_of_text_parted_in_pages_by_form_feeds_are_set_aside(tmp_path: Path):
    # pdftotext's output: each page ends with a form feed, its header and footer on every page.
    pages = [
        f"ACME Corporation\n{body}\nAnnual report 2023, page {n}"
        for n, body in enumerate(
            [
                "The board met four times this year and approved the",
                "new plan in March. Sales grew in every region.",
                "The plant in Leeds opened in May.",
                "The dividend was raised for the 12th year.",
            ],
            start=1,
        )
    ]
    path = tmp_path / "report.txt"
    path.write_text("\n\f".join(pages) + "\n", encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    doc = load(file)
    kinds = {block_text(doc.text, b).text: b.kind for b in doc.blocks}
    assert kinds["ACME Corporation"] == "boilerplate"
    assert kinds["Annual report 2023, page 3"] == "boilerplate"  # the same numbers aside
    sentences = {s.display for s in split_sentences(doc)}
    assert "The board met four times this year and approved the new plan in March." in sentences
    # Two pages are too few to tell a running header from a heading.
    path.write_text("\n\f".join(pages[:2]) + "\n", encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    assert "boilerplate" not in {b.kind for b in load(file).blocks}


def test_nroff_pages_lose_their_running_lines_and_justified_prose_stays_prose(tmp_path: Path):
    # nroff's output: no form feeds, pages parted by blank lines, a header and a footer laid out
    # in parts on each, and prose justified by widening the gaps between words.
    body = [
        "Build reads  the  indicated  site  configuration  file.\nIf this parameter is not given, Build in-\n"
        "cludes    all    of    the    files    found    in    the\nsite directory, in the order named.",
        "The queue is run every  thirty  minutes  unless  the\n-q flag says otherwise.   Each  run  starts"
        "\nwith the oldest message first.",
        "Delivery to a program is done by  the  prog  mailer\nwhich runs the program with the message  on"
        "\nits standard input.",
        "Aliases are read from the aliases  file  at  start-up,\nand again whenever the alias database is\nrebuilt.",
        "The  log  level  decides  how  much  is  written  to\nthe system log; the default level is  nine"
        "\nfor most sites.",
    ]
    pages = [
        f"SMM:08-{n}           Sendmail Installation Guide\n\n\n{text}\n\n\nSendmail Guide       page {n}"
        for n, text in enumerate(body, start=1)
    ]
    path = tmp_path / "op.txt"
    path.write_text("\n\n\n".join(pages) + "\n", encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    doc = load(file)
    kinds = {" ".join(block_text(doc.text, b).text.split()): b.kind for b in doc.blocks}
    assert kinds["SMM:08-3 Sendmail Installation Guide"] == "boilerplate"
    assert kinds["Sendmail Guide page 5"] == "boilerplate"
    assert not any(kind.startswith("table") for kind in kinds.values())
    sentences = {" ".join(s.display.split()) for s in split_sentences(doc)}
    assert "The queue is run every thirty minutes unless the -q flag says otherwise." in sentences
    # Four pages are too few: a line laid out in parts that comes back four times may be text.
    path.write_text("\n\n\n".join(pages[:4]) + "\n", encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    assert "boilerplate" not in {b.kind for b in load(file).blocks}


def test_a_manual_page_saved_as_text_is_read_as_man_lays_it_out(tmp_path: Path):
    # `man frob > frob.txt`: a title line and a footer naming the page, section names flush left, a
    # subsection indented three spaces, tags over their descriptions or beside them, words that
    # groff broke at a line's end with U+2010, and prose with two spaces after its sentences.
    lines = [
        "FROB(1)                     General Commands Manual                    FROB(1)",
        "",
        "NAME",
        "       frob - tune the widgets of a running server",
        "",
        "DESCRIPTION",
        "       Frob connects to the server and changes the widgets it names.  Each",
        "       change is written to the log.  The server need not be stopped first.",
        "       Changes are kept until the next restart, and a saved list of them is",
        "       read back.  It is an error to name a widget twice in one call.",
        "",
        "OPTIONS",
        "   Connection",
        "       -t seconds",
        "       --timeout=seconds",
        "              Give up after seconds seconds.  The default is to wait  30  sec\u2010",
        "              onds for the server's answer.",
        "",
        "       -q     Print nothing but errors.",
        "",
        "       h or H Show a summary of the commands.  If you forget all the others,",
        "              remember this one.",
        "",
        "EXIT STATUS",
        "       Frob exits 0 when every widget was changed.",
        "",
        "frob 1.2                          2024-01-01                           FROB(1)",
    ]
    (tmp_path / "frob.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = load(scan(tmp_path, 10**6)[0][0])
    blocks = [(b.kind, b.level, " ".join(block_text(doc.text, b).text.split())) for b in doc.blocks]
    assert blocks[0][0] == "boilerplate" and blocks[-1][0] == "boilerplate"
    assert ("heading", 1, "NAME") in blocks and ("heading", 1, "EXIT STATUS") in blocks
    assert ("heading", 2, "Connection") in blocks
    assert doc.title == "frob - tune the widgets of a running server"
    units = [(s.kind, s.section, s.display) for s in split_sentences(doc)]
    assert (
        "definition",
        ("OPTIONS", "Connection"),
        "-t seconds --timeout=seconds: Give up after seconds seconds. The default is to wait 30 seconds for the "
        "server's answer.",
    ) in units
    assert ("definition", ("OPTIONS", "Connection"), "-q: Print nothing but errors.") in units
    assert (
        "definition",
        ("OPTIONS", "Connection"),
        "h or H: Show a summary of the commands. If you forget all the others, remember this one.",
    ) in units
    # the description's two spaces after a sentence fall in one column three lines running: no table
    assert not any(kind.startswith("table") for kind, _, _ in blocks)
    assert ("paragraph", ("DESCRIPTION",), "Each change is written to the log.") in units
    # the same text without the title line is plain text as before: a tag runs into its description
    (tmp_path / "frob.txt").write_text("\n".join(lines[2:-1]) + "\n", encoding="utf-8")
    plain = [s.display for s in split_sentences(load(scan(tmp_path, 10**6)[0][0]))]
    assert not any(text.startswith("-t seconds --timeout=seconds:") for text in plain)


def test_a_manual_page_is_known_by_the_name_its_header_and_footer_end_with():
    body = "\n\nNAME\n       frob - tune widgets\n\n"
    footer = "frob 1.2                  2024-01-01                  FROB(1)"
    assert manual_page_name(f"FROB(1)        General Commands Manual        FROB(1){body}{footer}\n") == "FROB(1)"
    # a long name runs the header's parts together, as man cuts them to fit 80 columns
    long_header = "SYSTEMD-NETWORK-GENERATsystemd-network-genSYSTEMD-NETWORK-GENERATOR.SERVICE(8)"
    long_footer = "systemd 252                                   SYSTEMD-NETWORK-GENERATOR.SERVICE(8)"
    assert manual_page_name(f"{long_header}{body}{long_footer}\n") == "SYSTEMD-NETWORK-GENERATOR.SERVICE(8)"
    # text that names a page only at its end is no manual page
    assert manual_page_name(f"Notes on frob{body}See also frob(1)\n") is None


def test_a_table_laid_out_with_spaces_is_read_as_rows_under_its_years(tmp_path: Path):
    # `pdftotext -layout` of a statement: a header of years over figures set flush right.
    text = "\n".join(
        [
            "Consolidated Statement of Cash Flows",
            "",
            "                                                         2018      2017",
            "Net income including noncontrolling interest            5,363     4,869",
            "Depreciation and amortization                           1,488     1,544",
            "Purchases of property, plant and equipment (PP&E)     (1,577)   (1,373)",
            "Acquisitions, net of cash acquired                                 (25)",
            "",
            "The accompanying notes are an integral part of this statement.",
        ]
    )
    path = tmp_path / "statement.txt"
    path.write_text(text, encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    doc = load(file)
    shown = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks if b.kind.startswith("table")]
    assert shown[0] == ("table_header", "2018 | 2017")
    assert ("table_row", "Purchases of property, plant and equipment (PP&E) | (1,577) | (1,373)") in shown
    sentences = {s.display for s in split_sentences(doc)}
    assert "Depreciation and amortization, 2018: 1,488, 2017: 1,544" in sentences
    # A figure left blank leaves its column empty: the next stands under its own year.
    assert "Acquisitions, net of cash acquired, 2017: (25)" in sentences


@pytest.mark.parametrize(
    "lines",
    [
        # A box drawn around a heading and its text.
        [
            "*" * 40,
            "*  6. Disclaimer of Warranty         *",
            "*  ------------------------         *",
            "*  Covered Software is provided     *",
            "*  under this License as is.        *",
            "*" * 40,
        ],
        # A contents page: entries, dot leaders, page numbers.
        [
            "1.1 What is this FAQ? . . . . . . . .   1",
            "1.2 What is Debian? . . . . . . . . .   1",
            "1.3 Who are the developers? . . . . .   2",
        ],
        # A listing's numbered lines, some of them blank but for their number.
        [
            "1 Format: https://example.org/copyright",
            "2",
            "3 Upstream-Name: foo",
            "4",
            "5 Source: https://example.org/foo",
            "6",
        ],
        # Sentences parted by two spaces, as typewriters set them.
        [
            "The build takes a minute.  Then run the tests, which take",
            "a little longer.  Each test prints its",
            "name and its result.  Failures are listed at the end of it all.",
        ],
    ],
)
def test_boxes_contents_listings_and_double_spaced_prose_are_no_tables(tmp_path: Path, lines: list[str]):
    path = tmp_path / "notes.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    assert not any(b.kind.startswith("table") for b in load(file).blocks)


def test_a_plain_text_table_ruled_under_its_header_reads_its_rows_under_the_header(tmp_path: Path):
    text = "\n".join(
        [
            "Settings",
            "",
            "Name          Default   Meaning",
            "------------  --------  ----------------------------------",
            "timeout       30        Seconds to wait for the server",
            "retries       3         Attempts before giving up",
            "",
            "=============  =======",
            "Command        Effect",
            "=============  =======",
            "start          Starts the service",
            "stop           Stops the service",
            "=============  =======",
        ]
    )
    path = tmp_path / "README.txt"
    path.write_text(text + "\n", encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    doc = load(file)
    kinds = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks]
    assert kinds[0] == ("heading", "Settings")  # a heading over a table alone is a heading
    assert ("table_header", "Name | Default | Meaning") in kinds
    assert ("table_header", "Command | Effect") in kinds  # reStructuredText's simple table
    assert [k for k, _ in kinds].count("boilerplate") == 4  # the rules
    sentences = [s.display for s in split_sentences(doc)]
    assert sentences == [
        "timeout, Default: 30, Meaning: Seconds to wait for the server",
        "retries, Default: 3, Meaning: Attempts before giving up",
        "start, Effect: Starts the service",
        "stop, Effect: Stops the service",
    ]


def _units_of_lines(path: Path, lines: list[str]) -> list[tuple[str, str]]:
    """The (kind, text) of each sentence of a plain-text file of `lines`, white space folded."""
    return [(s.kind, " ".join(s.display.split())) for s in split_sentences(_doc_of_lines(path, lines))]


def _doc_of_lines(path: Path, lines: list[str]) -> Document:
    """The document of a plain-text file of `lines`, alone in its folder."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return only(path.parent)


def _blocks_of(doc: Document) -> list[tuple[str, int, str]]:
    """The (kind, level, text) of each block of `doc`, white space folded."""
    return [(b.kind, b.level, " ".join(doc.text[b.start : b.end].split())) for b in doc.blocks]


def test_a_plain_text_help_row_runs_on_over_its_wrapped_description_and_bullets_are_a_list(tmp_path: Path):
    lines = [
        "Options:",
        "  -a, --all              do not ignore entries starting with .",
        "      --block-size=SIZE  with -l, scale sizes by SIZE when printing them;",
        "                         e.g., '--block-size=M'",
        "  -B, --ignore-backups   do not list implied entries ending with ~",
        "  -C                     list entries by columns",
        "",
        "Changes:",
        "",
        "-   Download livestreams from the start using",
        "    --live-from-start (experimental)",
        "-   Channel URLs download all uploads of the channel",
        "-   Audio is extracted from YouTube Music",
    ]
    units = _units_of_lines(tmp_path / "HELP.txt", lines)
    assert (
        "definition",
        "--block-size=SIZE: with -l, scale sizes by SIZE when printing them; e.g., '--block-size=M'",
    ) in units
    assert ("definition", "-B, --ignore-backups: do not list implied entries ending with ~") in units
    assert units[-3:] == [
        ("list_item", "Download livestreams from the start using --live-from-start (experimental)"),
        ("list_item", "Channel URLs download all uploads of the channel"),
        ("list_item", "Audio is extracted from YouTube Music"),
    ]


def test_a_first_row_of_words_heads_columns_of_figures_and_a_row_of_data_heads_nothing(tmp_path: Path):
    laid_out = "\n".join(
        [
            "Readings taken with the sine wave output:",
            "",
            "Resistor        Voltage      Current",
            "560             0.558        1.0",
            "1000            0.998        1.0",
            "1560            1.556        1.0",
            "",
        ]
    )
    (tmp_path / "readings.txt").write_text(laid_out, encoding="utf-8")
    (file,), _ = scan(tmp_path, 10**6)
    doc = load(file)
    rows = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks if b.kind.startswith("table")]
    assert rows[0] == ("table_header", "Resistor | Voltage | Current")
    assert ("table_row", "1000 | 0.998 | 1.0") in rows


def test_heads_figures_reads_the_kind_of_the_rows_below():
    from index.document import heads_figures

    assert heads_figures([["Year", "Depreciation"], ["0", "-"], ["1", "450"], ["2", "315"]])
    assert heads_figures([["Rate", "Place"], ["1.25%", "City"], ["1.75%", "County"]])
    # A first row holding a figure is data; so are rows of words below words; one row below is too few.
    assert not heads_figures([["2 cores", "24 GiB"], ["4", "32"], ["8", "64"]])
    assert not heads_figures([["Option", "Meaning"], ["-q", "quiet"], ["-v", "verbose"]])
    assert not heads_figures([["Year", "Value"], ["1", "450"]])
    # A column of dashes alone holds no figure, and a first row with a dash over a column of
    # figures and dashes is a row like those below it (a glossary's table of note names by language)
    names = [["UK", "semiquaver", "semiquaver rest", "-"], ["ES", "semicorchea", "silencio", "-"]]
    assert not heads_figures([*names, ["IT", "semicroma", "pausa", "-"]])
    assert not heads_figures([*names, ["DE", "Sechzehntel", "Pause", "16tel-Note"], ["FI", "x", "y", "16"]])
    assert heads_figures([["Lang.", "Note", "Rest", "Abbr."], names[0], names[1], ["FI", "x", "y", "16"]])


# texinfo's page for a node name that is not a page of its own, as zsh's manual ships 144 of them
TEXINFO_REDIRECT = (
    "<html>\n<!-- This file redirects to the location of a node or anchor -->\n<head>\n<title>Aliasing (zsh)</title>\n"
    '<meta http-equiv="Refresh" content="0; url=Shell-Grammar.html#Aliasing">\n</head>\n<body lang="en">\n'
    '<p>The node you are looking for is at <a href="Shell-Grammar.html#Aliasing">Aliasing</a>.</p>\n</body>\n</html>\n'
)


@pytest.mark.parametrize(
    ("page", "target"),
    [
        (TEXINFO_REDIRECT, "Shell-Grammar.html#Aliasing"),
        (
            '<HTML><HEAD><META HTTP-EQUIV="refresh" content="0;URL=Documentation/web/index.html"></HEAD>'
            "<body>Redirecting to the documentation index...</body></HTML>",
            "Documentation/web/index.html",
        ),
        ("<html><head><meta content='0; ./cli.html' http-equiv='refresh'></head><body></body></html>", "./cli.html"),
    ],
)
def test_a_page_that_sends_its_reader_on_at_once_is_skipped_saying_where(tmp_path: Path, page: str, target: str):
    (tmp_path / "page.html").write_text(page)
    with pytest.raises(UnreadableDocument, match=f"on at once to {re.escape(target)}"):
        only(tmp_path)


def test_a_page_that_refreshes_after_a_while_is_read(tmp_path: Path):
    (tmp_path / "page.html").write_text(
        '<html><head><meta http-equiv="refresh" content="300"><title>Queue</title></head>'
        "<body><p>The queue holds 12 jobs.</p></body></html>"
    )
    assert only(tmp_path).text == "The queue holds 12 jobs."


def test_files_of_other_formats_are_counted_in_one_warning(tmp_path: Path):
    (tmp_path / "guide.md").write_text("# Guide\n\nText.\n", encoding="utf-8")
    for name in ("a.pptx", "b.pptx", "logo.png", "Makefile"):
        (tmp_path / name).write_bytes(b"x")
    files, warnings = scan(tmp_path, 10**6)
    assert [f.source for f in files] == ["guide.md"]
    assert warnings == ["not read: 4 files of formats the index does not read (.pptx 2, (no suffix) 1, .png 1)"]


def test_a_programs_help_saved_as_text_is_read_an_option_at_a_time(tmp_path: Path):
    # `ls --help > ls.txt`: groups of a row or two between blank lines, descriptions wrapped under
    # their own column over several lines, an option named alone over its description, and a
    # paragraph of prose whose wrapped line starts with an option
    lines = [
        "Mandatory arguments to long options are mandatory for short options too.",
        "  -B, --ignore-backups       do not list implied entries ending with ~",
        "  -c                         with -lt: sort by, and show, ctime (time of last",
        "                             modification of file status information);",
        "                             otherwise: sort by ctime, newest first",
        "",
        "  -C                         list entries by columns",
        "      --group-directories-first",
        "                             group directories before files;",
        "                             can be augmented with a --sort option",
        "  -h [snews://]host[:port]",
        "                             connect to host; port 119 unless given",
        "",
        "Many new options have been added to this release of the program, such as --alias,",
        "--force-overwrites, --break-match-filter etc, and each is described above.",
    ]
    units = _units_of_lines(tmp_path / "ls.txt", lines)
    assert ("definition", "-B, --ignore-backups: do not list implied entries ending with ~") in units
    assert (
        "definition",
        "-c: with -lt: sort by, and show, ctime (time of last modification of file status information); "
        "otherwise: sort by ctime, newest first",
    ) in units
    assert ("definition", "-C: list entries by columns") in units
    assert (
        "definition",
        "--group-directories-first: group directories before files; can be augmented with a --sort option",
    ) in units
    assert ("definition", "-h [snews://]host[:port]: connect to host; port 119 unless given") in units
    assert units[-1] == (
        "paragraph",
        "Many new options have been added to this release of the program, such as --alias, --force-overwrites, "
        "--break-match-filter etc, and each is described above.",
    )


def test_a_manual_saved_as_text_reads_each_option_and_named_setting_over_its_description(tmp_path: Path):
    # linuxdoc's plain text (BRLTTY's manual): an option's short form, its argument glued on, then
    # its long form after a space, over a description set deeper; an environment variable named
    # alone over its own
    lines = [
        "6.3.  Command Line Options",
        "",
        "     -Mcsecs --message-timeout=csecs",
        "        Specify the amount of time (in hundredths of a second) that",
        "        messages stay on the display.  If not specified, then 400 (4",
        "        seconds) is assumed.",
        "",
        "     -sdriver,...|auto --speech-driver=driver,...|auto",
        "        Specify the speech synthesizer driver.",
        "",
        "        BRLTTY_TEXT_TABLE",
        "           The text table (see the ``-t'' command line option).",
        "",
        "Environment",
        "",
        "  The variables above are read once, at start-up.",
    ]
    units = _units_of_lines(tmp_path / "manual.txt", lines)
    assert (
        "definition",
        "-Mcsecs --message-timeout=csecs: Specify the amount of time (in hundredths of a second) that messages "
        "stay on the display. If not specified, then 400 (4 seconds) is assumed.",
    ) in units
    assert (
        "definition",
        "-sdriver,...|auto --speech-driver=driver,...|auto: Specify the speech synthesizer driver.",
    ) in units
    assert ("definition", "BRLTTY_TEXT_TABLE: The text table (see the ``-t'' command line option).") in units
    assert units[-1] == ("paragraph", "The variables above are read once, at start-up.")


def test_a_heading_underlined_after_blank_lines_ends_the_list_item_left_open_above_it(tmp_path: Path):
    # a README's steps, the last one without a full stop and running near the wrap width, then
    # blank lines and the next section's underlined heading
    lines = [
        "Following steps are used when associating with an access point using WPA:",
        "",
        "- the supplicant requests the kernel driver to scan neighbouring networks",
        "- normal data packets can be transmitted and received from that point on",
        "",
        "",
        "",
        "Building and installing",
        "-----------------------",
        "",
        "In order to be able to build the supplicant, you will first need to select its parts.",
    ]
    blocks = _blocks_of(_doc_of_lines(tmp_path / "README.txt", lines))
    assert ("list_item", 0, "- normal data packets can be transmitted and received from that point on") in blocks
    assert ("heading", 1, "Building and installing") in blocks
    # a sentence left open goes on across a blank line when no rule underlines its next line
    unruled = [line for line in lines if not line.startswith("---")]
    blocks = _blocks_of(_doc_of_lines(tmp_path / "README.txt", unruled))
    assert not any(kind == "heading" for kind, _, _ in blocks)


def test_a_manual_page_typeset_otherwise_is_titled_by_its_name_line(tmp_path: Path):
    # groff's PDF or HTML of a manual page: no title of its own, "NAME" its first heading
    page = "<html><body><h2>NAME</h2><p>frob - tune the widgets of a running server</p><h2>OPTIONS</h2><p>None.</p>"
    (tmp_path / "frob.html").write_text(page + "</body></html>", encoding="utf-8")
    assert load(scan(tmp_path, 10**6)[0][0]).title == "frob - tune the widgets of a running server"
    # a NAME section that holds no name line leaves the title as the page's reader gave it
    (tmp_path / "frob.html").write_text(page.replace(" - tune", " tunes") + "</body></html>", encoding="utf-8")
    assert load(scan(tmp_path, 10**6)[0][0]).title == "NAME"


def test_a_table_whose_columns_a_rule_marks_out_reads_cells_of_any_length(tmp_path: Path):
    # pandoc's plain text: a simple table whose last cells hold single spaces and run long, and a
    # multiline one, framed by rules, whose cells wrap over the lines of their row
    text = "\n".join(
        [
            "Upgrades are listed below.",
            "",
            "  Height    Date         Details",
            "  --------- ------------ ------------------------------------------",
            "  1009827   2016-03-22   Allow only >= ringsize 3, blocktime = 120 seconds, fee-free blocksize 60 kb",
            "  1141317   2016-09-21   Splits coinbase into denominations",
            "  2688888   2022-08-13   ringsize = 16, bulletproofs+, view tags",
            "",
            "Binaries",
            "",
            "  -----------------------------------------------------------------------",
            "  File                                Description",
            "  ----------------------------------- -----------------------------------",
            "  yt-dlp                              Platform-independent zipimport",
            "                                      binary. Needs Python",
            "",
            "  yt-dlp.exe                          Windows standalone x64 binary",
            "",
            "  yt-dlp_macos                        Universal MacOS standalone",
            "                                      executable",
            "  -----------------------------------------------------------------------",
            "",
            "The end.",
        ]
    )
    (tmp_path / "README.txt").write_text(text + "\n", encoding="utf-8")
    sentences = [s.display for s in split_sentences(only(tmp_path))]
    assert "2688888, Date: 2022-08-13, Details: ringsize = 16, bulletproofs+, view tags" in sentences
    assert "yt-dlp, Description: Platform-independent zipimport binary. Needs Python" in sentences
    assert "yt-dlp_macos, Description: Universal MacOS standalone executable" in sentences
    assert not any("-----" in s for s in sentences)
    assert sentences[0] == "Upgrades are listed below." and sentences[-1] == "The end."


def test_a_command_indented_between_two_sentences_is_no_heading_and_a_centred_title_is(tmp_path: Path):
    text = "\n".join(
        [
            "                                 Apache License",
            "",
            "Edit the file as follows.",
            "",
            "    O DaemonPortOptions=Name=MSA, Port=587",
            "",
            "The modifiers marked so take effect only in the standard file.",
        ]
    )
    (tmp_path / "notes.txt").write_text(text + "\n", encoding="utf-8")
    doc = only(tmp_path)
    kinds = [(b.kind, block_text(doc.text, b).text) for b in doc.blocks]
    assert ("heading", "Apache License") in kinds
    assert ("paragraph", "O DaemonPortOptions=Name=MSA, Port=587") in kinds


_GUIDE = (
    "Application load balancing would be useless without stickiness. HAProxy provides\n"
    "a fairly comprehensive set of possibilities to maintain a visitor on the same\n"
    "server even across various events such as server addition/removal, down/up\n"
    "cycles, and some methods need no replication :\n"
    "\n"
    "  - stickiness information can be individually matched and learned from\n"
    "    different places if desired. Up to 8 parallel sources can be learned at\n"
    "    the same time and each of them may point to a different stick-table;\n"
    "\n"
    "  - stick-tables are replicated between all nodes in a multi-master fashion;\n"
)
_THREADS = "".join(f"hi number {n} from the {side} thread!\n" for n in range(1, 5) for side in ("main", "spawned"))
_SESSION = (
    "$ cargo publish\n"
    "    Updating crates.io index\n"
    "warning: manifest has no description, license, license-file, documentation, homepage or\n"
    "repository. See the reference for more info, and mind that the upload may take a few\n"
    "minutes to show up in the index after it is accepted by the registry server.\n"
)


def test_a_text_document_set_in_a_pre_is_read_as_plain_text_and_code_and_output_stay_code(tmp_path: Path):
    pres = "".join(f"<pre>{body}</pre>" for body in (_GUIDE, _THREADS, _SESSION))
    (tmp_path / "intro.html").write_text(f"<html><body><h3>3.3.6. Stickiness</h3>{pres}</body></html>")
    units = [(s.kind, " ".join(s.display.split())) for s in split_sentences(only(tmp_path))]
    assert ("paragraph", "Application load balancing would be useless without stickiness.") in units
    assert (
        "list_item",
        "stickiness information can be individually matched and learned from different places if desired. "
        "Up to 8 parallel sources can be learned at the same time and each of them may point to a different "
        "stick-table;",
    ) in units
    assert ("list_item", "stick-tables are replicated between all nodes in a multi-master fashion;") in units
    code = [text for kind, text in units if kind == "code"]
    assert [text.split()[:3] for text in code] == [["hi", "number", "1"], ["$", "cargo", "publish"]]


def test_a_word_paragraph_of_prose_in_a_fixed_pitch_face_is_read_as_plain_text(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("Stickiness", level=2)
    listing = document.add_paragraph()
    for n, line in enumerate(_GUIDE.splitlines()):
        if n:
            listing.add_run().add_break()
        listing.add_run(line).font.name = "Courier New"
    document.save(str(tmp_path / "intro.docx"))
    doc = only(tmp_path)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "list_item", "list_item"]
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert len({b.group for b in items}) == 1 and all(b.group >= 0 for b in items)


def test_a_text_browsers_dump_of_an_faq_reads_its_numbered_questions_as_headings_and_its_contents_as_navigation(
    tmp_path: Path,
):
    lines = [
        "Frequently Asked Questions",
        "",
        "Table of Contents",
        "",
        "  o 1. chrony compared to other programs",
        "      ? 1.1. How does chrony compare to ntpd?",
        "  o 2. Configuration issues",
        "      ? 2.1. What is the minimum recommended configuration for an NTP client?",
        "      ? 2.2. Must I specify servers by IP address if DNS is not available on",
        "        chronyd start?",
        "",
        "1. chrony compared to other programs",
        "",
        "1.1. How does chrony compare to ntpd?",
        "",
        "chrony and ntpd are two different implementations of the Network Time Protocol (NTP).",
        "",
        "2. Configuration issues",
        "",
        "2.1. What is the minimum recommended configuration for an NTP client?",
        "",
        "For reliable operation, the client should have at least three servers. The client needs",
        "the following three things",
        "",
        "  o an RTC in your computer",
        "",
        "  o a Linux kernel with enabled RTC support",
        "",
        "2.2. Must I specify servers by IP address if DNS is not available on",
        "chronyd start?",
        "",
        "No, chronyd will keep trying to resolve the names. The activity command prints:",
        "",
        "200 OK",
        "3 sources online",
        "0 sources offline",
    ]
    doc = _doc_of_lines(tmp_path / "FAQ.txt", lines)
    blocks = _blocks_of(doc)
    headings = [(level, text) for kind, level, text in blocks if kind == "heading"]
    assert headings == [
        (1, "Frequently Asked Questions"),
        (1, "Table of Contents"),
        (1, "1. chrony compared to other programs"),
        (2, "1.1. How does chrony compare to ntpd?"),
        (1, "2. Configuration issues"),
        (2, "2.1. What is the minimum recommended configuration for an NTP client?"),
        (2, "2.2. Must I specify servers by IP address if DNS is not available on chronyd start?"),
    ]
    contents = [text for kind, _, text in blocks if kind == "boilerplate"]
    assert len(contents) == 5 and all(text.startswith(("o ", "? ")) for text in contents)
    units = [(s.kind, " ".join(s.display.split())) for s in split_sentences(doc)]
    assert ("list_item", "an RTC in your computer") in units
    assert ("list_item", "a Linux kernel with enabled RTC support") in units
    assert ("paragraph", "3 sources online") in units  # a program's output, no heading


def test_short_lines_after_a_sentence_left_open_are_no_part_of_it(tmp_path: Path):
    lines = [
        "Running several instances needs care, as each opens its own port and keeps a drift",
        "file of its own. An example configuration of the client instance could be",
        "",
        "pool pool.ntp.org iburst",
        "port 11123",
        "driftfile /var/lib/chrony/drift",
        "",
        "and the server instance listens on the port the client instance polls.",
    ]
    units = _units_of_lines(tmp_path / "FAQ.txt", lines)
    assert ("paragraph", "An example configuration of the client instance could be") in units or any(
        text.endswith("client instance could be") for _, text in units
    )
    assert not any("could be pool" in text for _, text in units)


def test_a_text_written_with_overstrikes_reads_as_printed_its_bold_lines_heading_their_sections(tmp_path: Path):
    def bold(text: str) -> str:
        return "".join(f"{c}\b{c}" if c != " " else c for c in text)

    lines = [
        bold("Postfix Stress-Dependent Configuration"),
        "",
        "-" * 79,
        "",
        bold("Symptoms of server overload"),
        "",
        "Remote clients experience a long delay before the greeting. The server logs an",
        "increased number of lost connections, and a " + "".join(f"_\b{c}" for c in "warning") + " that all ports",
        "are busy.",
    ]
    doc = _doc_of_lines(tmp_path / "STRESS_README.txt", lines)
    assert "\b" not in doc.text
    blocks = [(kind, text) for kind, _, text in _blocks_of(doc)]
    assert ("heading", "Symptoms of server overload") in blocks
    assert (
        "paragraph",
        "Remote clients experience a long delay before the greeting. The server logs an increased number of lost "
        "connections, and a warning that all ports are busy.",
    ) in blocks


def test_a_line_ended_short_for_a_long_next_word_goes_on_in_it(tmp_path: Path):
    lines = [
        "  * Line 7: under conditions of stress, do not wait up to 6 seconds for the",
        "    completion of an address verification probe. If the result is not already",
        "    in the address verification cache, reply immediately with",
        "    $unverified_recipient_tempfail_action or",
        "    $unverified_sender_tempfail_action. No mail should be lost, as long as this",
        "    measure is used only temporarily.",
        "",
        "The text goes on in a paragraph of its own after the list, whose lines run on to the",
        "width the whole text is wrapped at, as a text document's paragraphs do.",
    ]
    units = _units_of_lines(tmp_path / "README.txt", lines)
    assert units[0][0] == "list_item"
    assert units[0][1].endswith(
        "reply immediately with $unverified_recipient_tempfail_action or $unverified_sender_tempfail_action. No "
        "mail should be lost, as long as this measure is used only temporarily."
    )


def test_a_listing_numbered_line_by_line_is_code_and_numbered_titles_or_values_are_not(tmp_path: Path):
    lines = [
        "Raise the process limits as follows.",
        "",
        "     1 /etc/postfix/main.cf:",
        "     2     # Raise the global process limit, 100 since Postfix 2.0.",
        "     3     default_process_limit = 200",
        "     4",
        "     5 /etc/postfix/master.cf:",
        "     6     smtp      inet  n       -       n       -       200     smtpd",
        "",
        "Issue a reload command to make the change effective. The chapters are:",
        "",
        "1 Introduction",
        "2 Installation",
        "3 Configuration",
        "",
        "The option takes one of these values:",
        "",
        "     0 - move by letters",
        "     1 - move by numbers",
        "     2 - like 1 but the middle key moves too",
    ]
    blocks = [(kind, text) for kind, _, text in _blocks_of(_doc_of_lines(tmp_path / "README.txt", lines))]
    code = [text for kind, text in blocks if kind == "code"]
    assert code == [
        "1 /etc/postfix/main.cf: 2 # Raise the global process limit, 100 since Postfix 2.0. 3 default_process_limit = "
        "200 4 5 /etc/postfix/master.cf: 6 smtp inet n - n - 200 smtpd"
    ]
    assert not any(kind == "table_row" for kind, _ in blocks)
    assert not any("Introduction" in text or "move by" in text for text in code)


def test_a_manual_page_saved_with_its_overstrikes_reads_as_one_saved_without_them(tmp_path: Path):
    def bold(text: str) -> str:
        return "".join(f"{c}\b{c}" if c != " " else c for c in text)

    def underlined(text: str) -> str:
        return "".join(f"_\b{c}" for c in text)

    lines = [  # `man ls > ls.txt` where man keeps its formatting, as groff -Tascii writes it
        "LS(1)                            User Commands                           LS(1)",
        "",
        bold("NAME"),
        "       ls - list directory contents",
        "",
        bold("SYNOPSIS"),
        f"       {bold('ls')} [{underlined('OPTION')}]... [{underlined('FILE')}]...",
        "",
        bold("DESCRIPTION"),
        "       List  information  about  the FILEs (the current directory by default).",
        "",
        f"       {bold('-a')}, {bold('--all')}",
        "              do not ignore entries starting with .",
        "",
        f"       {bold('-A')}, {bold('--almost-all')}",
        "              do not list implied . and ..",
        "",
        "GNU coreutils 9.1               September 2022                           LS(1)",
    ]
    doc = _doc_of_lines(tmp_path / "ls.txt", lines)
    assert doc.title == "ls - list directory contents"
    blocks = _blocks_of(doc)
    assert [text for kind, _, text in blocks if kind == "heading"] == ["NAME", "SYNOPSIS", "DESCRIPTION"]
    assert ("paragraph", 0, "ls [OPTION]... [FILE]...") in blocks
    assert ("definition", 0, "-a, --all do not ignore entries starting with .") in blocks
