"""reStructuredText read as the built page shows it (index.rst)."""

import re
from pathlib import Path

from index.chunking import split_sentences
from index.document import block_text
from index.loaders import load, scan

PAGE = """\
======================
 Frobnicator User Guide
======================

.. image:: https://example.org/badge.svg
   :alt: build status

.. This comment is for the page's editors.
   It goes on here.

Installing
==========

Install it with ``pip`` from `PyPI <https://pypi.org/>`_, as :pep:`517` builds it::

    pip install frobnicator

.. code-block:: shell

   frob --check

.. warning::

   Never frob a running server; see :ref:`the server guide <server>`.

Options
-------

The options are:

* ``--fast``: frob without checking,
  which is unsafe.
* ``--slow``: check everything first.

#. Stop the server.
#. Frob it.

--timeout
    Seconds to wait for the server, 30 unless given.

.. _server: https://example.org/server
"""


def _read(tmp_path: Path, name: str = "guide.rst"):
    (tmp_path / name).write_text(PAGE, encoding="utf-8")
    return load(scan(tmp_path, 10**6)[0][0])


def test_a_restructured_text_file_is_read_as_its_page_shows_it(tmp_path: Path):
    doc = _read(tmp_path)
    assert doc.title == "Frobnicator User Guide"
    headings = [(b.level, block_text(doc.text, b).text) for b in doc.blocks if b.kind == "heading"]
    assert headings == [(1, "Frobnicator User Guide"), (2, "Installing"), (3, "Options")]
    units = [(s.kind, " ".join(s.display.split())) for s in split_sentences(doc)]
    assert units == [
        ("paragraph", "Install it with pip from PyPI, as PEP 517 builds it:"),
        ("code", "pip install frobnicator"),
        ("code", "frob --check"),
        ("paragraph", "Never frob a running server; see the server guide."),
        ("paragraph", "The options are:"),
        ("list_item", "--fast: frob without checking, which is unsafe."),
        ("list_item", "--slow: check everything first."),
        ("list_item", "Stop the server."),
        ("list_item", "Frob it."),
        ("definition", "--timeout: Seconds to wait for the server, 30 unless given."),
    ]
    # the picture, its options, the comment and the link target show nothing
    shown = " ".join(text for _, text in units)
    assert "badge" not in shown and "editors" not in shown and "example.org" not in shown


def test_each_sentence_quotes_words_its_span_holds_in_order(tmp_path: Path):
    # a citation's quote is checked against the file's own text: markup left out, nothing added
    # but a role's name ("PEP 517" from ":pep:`517`")
    doc = _read(tmp_path)
    for sentence in split_sentences(doc):
        raw = iter(re.findall(r"[a-z0-9]+", doc.text[sentence.start : sentence.end].lower()))
        assert all(word in raw for word in re.findall(r"[a-z0-9]+", sentence.text.lower())), sentence.text


def test_a_sphinx_pages_source_saved_as_text_is_read_as_restructured_text(tmp_path: Path):
    doc = _read(tmp_path, "guide.rst.txt")
    assert doc.title == "Frobnicator User Guide"
    assert ("code", "frob --check") in [(s.kind, s.display) for s in split_sentences(doc)]


def test_a_sentence_ending_in_a_pep_role_keeps_the_role_in_its_span(tmp_path: Path):
    (tmp_path / "notes.rst").write_text("See also:\n\n* Version numbers: :pep:`440`\n", encoding="utf-8")
    doc = load(scan(tmp_path, 10**6)[0][0])
    item = split_sentences(doc)[-1]
    assert item.display == "Version numbers: PEP 440"
    assert doc.text[item.start : item.end].startswith("Version numbers: :pep:`440")  # its closing mark a hole


def test_grid_and_simple_tables_are_read_as_rows_under_their_headers(tmp_path: Path):
    page = """\
Settings
========

+-----------+--------------+
| Name      | Default      |
+===========+==============+
| timeout   | 30 seconds   |
+-----------+--------------+
| retries   | 5            |
+-----------+--------------+

=====  ===============
Key    Meaning
=====  ===============
q      quit the pager
h      show the help
=====  ===============
"""
    (tmp_path / "settings.rst").write_text(page, encoding="utf-8")
    units = [(s.kind, s.display) for s in split_sentences(load(scan(tmp_path, 10**6)[0][0]))]
    assert units == [
        ("table_row", "timeout, Default: 30 seconds"),
        ("table_row", "retries, Default: 5"),
        ("table_row", "q, Meaning: quit the pager"),
        ("table_row", "h, Meaning: show the help"),
    ]
