"""Uploads through the UI: checked, then copied into the corpus folder without replacing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.settings import IndexSettings
from tests import pathological
from ui.corpus import UploadRejected, UploadResult, add_upload, add_uploads, size_label, upload_name


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


@pytest.fixture
def settings(corpus: Path, tmp_path: Path) -> IndexSettings:
    return IndexSettings(corpus=corpus, index_dir=tmp_path / "index")


def uploaded(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "gradio-upload"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


def test_upload_is_copied_into_the_corpus_under_its_own_name(
    tmp_path: Path, corpus: Path, settings: IndexSettings
) -> None:
    path = uploaded(tmp_path, "notes.md", b"# Notes\n\nThe tide turned.\n")

    assert add_upload(path, settings, max_bytes=1000) == ("notes.md", True)
    assert (corpus / "notes.md").read_bytes() == b"# Notes\n\nThe tide turned.\n"
    assert sorted(p.name for p in corpus.iterdir()) == ["notes.md"]  # no temporary file left behind


def test_upload_over_the_size_limit_is_refused_with_its_size_and_the_limit(
    tmp_path: Path, corpus: Path, settings: IndexSettings
) -> None:
    path = uploaded(tmp_path, "big.txt", b"x" * 3 * 1024 * 1024)

    with pytest.raises(UploadRejected) as error:
        add_upload(path, settings, max_bytes=2 * 1024 * 1024)

    assert str(error.value) == (
        "big.txt is 3 MB, over the upload limit of 2 MB; split it or copy it into the corpus folder and press Rebuild"
    )
    assert list(corpus.iterdir()) == []


@pytest.mark.parametrize("name", ["script.py", "archive.zip", "notes.txt.exe", "noext"])
def test_file_types_other_than_documents_are_refused(name: str) -> None:
    with pytest.raises(UploadRejected, match=r"is not a supported document; upload one of \.txt, \.md, \.rst, \.pdf"):
        upload_name(name)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("../../etc/passwd.txt", "passwd.txt"), ("C:\\Users\\me\\report.PDF", "report.PDF"), ("page.html", "page.html")],
)
def test_upload_name_is_only_the_last_path_component(raw: str, stored: str) -> None:
    assert upload_name(raw) == stored


@pytest.mark.parametrize("name", [".hidden.txt", "..", "", "bad\x00name.txt", "line\nbreak.txt"])
def test_hidden_empty_and_control_character_names_are_refused(name: str) -> None:
    with pytest.raises(UploadRejected):
        upload_name(name)


def test_same_name_with_other_bytes_is_refused_not_replaced(
    tmp_path: Path, corpus: Path, settings: IndexSettings
) -> None:
    (corpus / "notes.md").write_bytes(b"original")
    path = uploaded(tmp_path, "notes.md", b"something else")

    with pytest.raises(UploadRejected, match=r"a different document named notes\.md is already in the corpus"):
        add_upload(path, settings, max_bytes=1000)
    assert (corpus / "notes.md").read_bytes() == b"original"


def test_same_file_uploaded_twice_is_reported_as_already_there(tmp_path: Path, settings: IndexSettings) -> None:
    path = uploaded(tmp_path, "notes.md", b"same text")
    add_upload(path, settings, max_bytes=1000)

    assert add_uploads([path], settings, max_bytes=1000) == UploadResult(unchanged=["notes.md"])


def test_several_uploads_are_reported_one_by_one(tmp_path: Path, settings: IndexSettings) -> None:
    good = uploaded(tmp_path, "a.txt", b"alpha")
    bad = uploaded(tmp_path, "b.exe", b"beta")

    assert add_uploads([good, bad], settings, max_bytes=1000) == UploadResult(
        added=["a.txt"],
        rejected=[
            "b.exe is not a supported document; upload one of "
            ".txt, .md, .rst, .pdf, .html, .htm, .docx, .odt, .fodt, .epub"
        ],
    )


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("report.pdf", b"<html>not a pdf at all</html>", "not a readable PDF: "),
        ("notes.txt", b"\x00\x01\x02binary\x00" * 100, "it looks like a binary file, not text"),
        ("empty.md", b"   \n", "the file is empty"),
        ("letter.docx", b"PK not really a zip", "not a readable .docx: "),
        ("blank.html", b"<html><body><script>x()</script></body></html>", "the HTML page has no text"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason_and_never_enters_the_corpus(
    tmp_path: Path, corpus: Path, settings: IndexSettings, name: str, content: bytes, why: str
) -> None:
    path = uploaded(tmp_path, name, content)

    result = add_uploads([path], settings, max_bytes=100_000)

    assert result.added == [] and len(result.rejected) == 1
    assert result.rejected[0].startswith(f"{name} cannot be read: {why}")
    assert result.rejected[0].endswith("; it was not added")
    assert list(corpus.iterdir()) == []


def test_a_file_over_the_parse_budget_is_refused_saying_so(tmp_path: Path, corpus: Path) -> None:
    path = pathological.nested_divs(tmp_path / "boxes.html", 200_000)
    settings = IndexSettings(corpus=corpus, index_dir=tmp_path / "index", parse_timeout_s=1)

    result = add_uploads([path], settings, max_bytes=10 * 2**20)

    assert result == UploadResult(
        rejected=[
            "boxes.html cannot be read: parsing took longer than the budget of 1 s (parse_timeout_s); it was not added"
        ]
    )
    assert list(corpus.iterdir()) == []


def test_a_docx_upload_is_read_and_added(tmp_path: Path, corpus: Path, settings: IndexSettings) -> None:
    path = pathological.docx_table(tmp_path / "table.docx", 3)

    assert add_uploads([path], settings, max_bytes=100_000) == UploadResult(added=["table.docx"])
    assert (corpus / "table.docx").read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("size", "label"), [(20 * 2**20, "20 MB"), (4000, "3.9 KB"), (1536, "1.5 KB"), (512, "512 bytes")]
)
def test_sizes_read_in_the_largest_whole_unit(size: int, label: str) -> None:
    assert size_label(size) == label


def test_an_odt_and_an_epub_upload_are_read_and_added_and_a_broken_one_refused(
    tmp_path: Path, corpus: Path, settings: IndexSettings
) -> None:
    from tests.test_odt_epub import BOOK, MANUAL, epub, odt

    good = [uploaded(tmp_path, "manual.odt", odt(MANUAL)), uploaded(tmp_path, "policy.epub", epub(BOOK))]
    broken = uploaded(tmp_path, "shop.epub", epub())  # its spine's pages are missing

    result = add_uploads([*good, broken], settings, max_bytes=100_000)

    assert result.added == ["manual.odt", "policy.epub"]
    assert len(result.rejected) == 1 and result.rejected[0].startswith("shop.epub cannot be read: the EPUB book lacks")
    assert sorted(p.name for p in corpus.iterdir()) == ["manual.odt", "policy.epub"]
