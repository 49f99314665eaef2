"""PDF to a Document: lines with their positions from pdfium, then blocks.

pdfium (pypdfium2) reads a 143-page manual with every character's box in about 1.3 s, where pypdf
takes 7 s for its text alone and pdfplumber about 14 s (debmake-doc.en.pdf, one run on the
development machine); its boxes and font sizes are what the rules below need:

- Text at an angle: characters set askew to the page's lines (a watermark across it, a stamp up its
  margin, a plot's axis labels), which pdfium writes inside the lines they cross, are left out
  when they are fewer than half of the page's (`_level`); a page turned whole is read as it is.
- Running headers and footers: the first and last lines of a page whose text, digits aside, comes
  back on other pages, page numbers ("12", "Page 3 of 9", "iii"), and top or bottom lines that sit
  at the same height on most pages, set apart from the body by a wide gap; also a line in a band
  at the page's top or bottom edge (a height, to within HEIGHT_SLACK, where half the pages' first
  or last line sits, more than BAND_GAP line pitches from the body on most of them, no larger than
  the body text), whose text may change with each chapter. They are boilerplate.
- Figures: the lines printed inside a form placed on the page that holds paths and text (LaTeX's
  included PDF figures, plots, graphs: FIGURE_SHARE, FIGURE_TEXT) are its labels, tick marks and
  node names, not the document's text: they are set aside, and a paragraph left open before the
  figure (at the foot of a page, the figure under it, on a page of its own or at the top of the
  next) does not go on past it.
- Side notes: lines set smaller in the page's outer margin, right of where its body lines end
  (Tufte-LaTeX's notes, LaTeX's marginpar), and the end of a body line past a wide gap there, which
  pdfium gives where they were set, inside the body's sentences: each note goes after the first
  body line beside or below it that ends a sentence (`_side_notes_apart`), in a document with such
  lines on two pages at least.
- Contents: lines with dot leaders ending in a page number or an index's list of pages, or beside
  a page number read apart at their height; on a page made mostly of those, or under a "Contents"
  title or running header ("Short contents" too), every line ending in a number (or one alone), an
  entry's lines wrapped before its leader and subsections run in with their pages; a list of
  entries under a "Contents" line inside a page, as papers set one under their abstract, with or
  without page numbers (`_mark_contents_lists`). An index without leaders ("\\newslide, 3, 12"), on
  a page made mostly of its entries (`_mark_index`). Boilerplate too.
- Headings: short lines set larger than the body text (level by size, largest first; a line a
  little larger only when wholly in bold and not set right of its column's left edge), and a line
  wholly in bold at the body's size standing alone at its column's left edge, below them (a page set
  in two columns has two left edges, `_column_edges`); a section's number an em from its title
  ("1  Introduction", TUGboat's papers) makes no term of a definition. A bold line opening with a
  section's number and a stop ("II.1. Paper size") is a heading a little smaller than the body too,
  wherever it stands on the line (REVTeX centres its headings), ranked by its number's depth. The PDF's
  outline (its bookmarks), when it has one, names headings whatever their face: a line printing an
  entry's title on the page the entry leads to is a heading of its own (texinfo's subsubsections and
  Word's option names are set at the body's size; two headings set alike one over the other stay
  two), ranked by the entry's depth as the sized headings of that depth rank. A line set larger
  than its top level and printing no entry heads nothing (a title a figure draws in large type, a
  cover's subtitle), but for the document's title before the outline's first heading. A chapter's
  label set alone over its title ("Chapter 3", Sphinx's "CHAPTER" / "THREE") is set aside.
- Tables: each printed line is cut into cells where two words stand more than COLUMN_GAP ems apart
  (pdfium parts a line at a very wide gap; parts on one baseline are joined again). From a line cut
  in cells, the lines close below take part while the projection of their cells on the x axis keeps
  its gaps: the first line with a cell across a gap (running text, a caption) ends the table, and
  each run of overlapping cells is a column. MIN_TABLE_ROWS rows make a table (two when the first
  is set bold as a header), every column held by two rows at least and its cells aligned at the
  left, the right or the centre. A row starts at a line with text in the first column; a line
  without (a cell's text wrapped onto the next line, or set beside a cell centred on several lines)
  goes on with the row. The first row is the header when its cells are bold over plain cells in
  some column, when a rule lies under it and under no other row but the last, when it is a row of
  years (`heads_years`), or when it is words alone over a column of figures (`heads_figures`: a
  header set in the body's face, "Year | Depreciation | Remaining Value"). A table goes on
  at the top of the next page when its columns come back there, a header repeated there a header
  again. A line of dashes alone is a rule, and a table's rule is no text. Not tables: lines mostly
  in a typewriter face (code), unless a rule under their first line alone makes it a header (a
  table set in a typewriter face, dashes under its header), line-numbered listings, lists (a
  first column of bullets or numbers), columns of running text (more than one column of long
  cells), contents (a last column of rising page numbers). Two columns with no header read better
  as a term and its description: definitions, a row holding a term alone stacked over the next.
- Definitions (an option list, a glossary): a short term at the left, its description indented
  to a column, beside it (past a wide gap) or on the next lines; terms may be stacked ("--save",
  "--no-save", then one description). At least two in a row sharing the term's and the
  description's columns (one at the top of a page, going on with the list the page before ended
  with), and a description not in a typewriter face (code indented under a short line is no
  definition). Not terms: a sentence's last line, a line opening with a conjunction, a bullet, a
  heading. Texinfo's definitions are read apart: a signature with its category at the right margin
  ("void aes_encrypt (...)   [Function]"), more signatures stacked under it and the lines each runs
  on to while its parentheses are open make the term of the paragraph indented below them.
- Code: a line wholly in a typewriter face (every word, read past the "<", ">", "{" and "}" that
  TeX takes from a math font), set apart from the prose before it (after a line closing a sentence
  or ending in a colon, a heading, a table; or by space, when a listing of several lines follows a
  line left open), and the typewriter lines that follow it; a line displayed inside a sentence
  left open stays in its paragraph, and so does a term over the paragraph describing it. A
  typewriter word inside a sentence leaves the line prose; a document set mostly in a typewriter
  face has no code told apart. A listing that numbers its lines in another face (LaTeX's listings,
  a .dtx file's code) is read without its numbers (`_without_listing_numbers`).
- List items: lines opening with a bullet or a number; paragraphs: runs of lines, broken at a wide
  gap, a change of size, or a short line that ends a sentence or, left open, stands more than
  ITEM_GAP spacings over a line opening as a sentence does (items of a list without bullets or
  stops). A paragraph (or a description) left
  open at the foot of a page goes on with the first paragraph of the next: its block spans the page
  break, the footer and header between are holes in it.
- Hyphenation: a word broken at a line end ("iden-" / "tifier", which pdfium marks) is written
  whole on the first line, the line break after it, so that quotes and spans hold the word as
  readers search for it. The hyphen stays where the hyphenated form is the one the document uses
  elsewhere ("well-known"); it goes where the joined form occurs elsewhere, or where the second part
  is lower-case (a word broken by the typesetter). An identifier broken after an underscore
  ("GCM_" / "DIGEST_SIZE") is written whole too. Table rows and terms are left as printed.

- Word spaces: groff places each word where it goes and draws no space, and pdfium writes none
  where the gap is narrow ("theyare"); two characters of a line whose advance and origin stand
  WORD_GAP apart get a space (`_with_word_spaces`). A man page's minus signs before a letter, or
  two together, are the hyphens readers type ("--login").

- Accents: TeX sets an accented letter as two glyphs, the accent moved over the letter (a cedilla
  under it), and pdfium writes each ("divisi´on"); an accent whose box's middle lies within the
  letter beside it is written with that letter as one character ("división", `_with_accents`).

- Underscores: texinfo sets "_" outside a typewriter face as a short rule on the baseline, which
  pdfium's text lacks ("struct sha256 ctx"); where such a rule fills the gap between two
  characters of a line, "_" is written in (`_with_underscores`).

The text is ours to write: a line of the PDF is a line of text, except that a table row is written
on one line, its cells joined by " | " as the other formats write them, and a term is parted from a
description beside it by a tab; a line of code is indented as printed (`_code_indents`).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from index.clean import RUNNING_PAGES, RUNNING_SHARE, running_key
from index.document import Block, Document, Span, heads_figures, heads_years, hyphen_joiner, made_heading

# A gap between two words wider than this many ems (of the line's font size) parts two cells. Word
# spaces of justified text stay under half an em; the narrowest column gaps measured were 1.3 ems
# (texinfo's @multitable in R-intro.pdf) and 3 ems (the option lists of R-intro.pdf and bash.pdf).
COLUMN_GAP = 1.0
# On a page holding a table written cell by cell (`_cells_rejoined`), a gap wider than this many ems
# parts two cells when the words each side of it are printed by text objects of their own: Word's
# and LibreOffice's columns stand as little as an em apart (a cell's margins, 0.19 cm each side)
# where a first column's text fills its cell. Elsewhere it would part a LaTeX description list's
# term from its text, and a code comment from the code.
OBJECT_GAP = 0.6
# A table has at least this many rows (its header included); fewer is too little to tell it from
# lines that happen to have a wide gap. Two do when the first is set bold as a header, and one when
# the table goes on from the page before.
MIN_TABLE_ROWS = 3
# A table is read from at most this many lines at once (a page holds a few dozen), which bounds
# the work on a page made to be hard: a longer table is read in parts, each a table of its own.
MAX_RUN_LINES = 400
# Cells of running text hold this many words on average; a table has at most one such column.
PROSE_CELL_WORDS = 5.0
# Rows whose characters are at least this share in a typewriter face are code (a listing's frame
# may be drawn in another font: R-FAQ.pdf).
CODE_SHARE = 0.9
# A term is at most this many words, and stacked terms at most this many lines.
MAX_TERM_WORDS = 8
MAX_TERM_LINES = 4
# A side note (Tufte-LaTeX's margin, LaTeX's marginpar) stands at least this many ems right of where the
# body's lines end, in a smaller size; a page needs this many lines of body text to tell where that is.
SIDE_GAP = 1.0
SIDE_BODY_LINES = 8
# a line ending a sentence, a note number raised after its full stop ("OpenMPI.¹⁴")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*[\u00b9\u00b2\u00b3\u2070-\u2079]*$")
# Points: how far apart two x positions may be and still be one column.
ALIGN = 3.0
# A listing stands more than this many line spacings below the sentence before it, whose next line
# would stand one spacing below (fonts-conf.pdf: 2.0).
LISTING_GAP = 1.25
# A minus sign before a letter or another minus: groff sets a man page's "\-" so ("−−login",
# "dump−po−strings" in bash.pdf), which readers type, search and tokenize as "-" (the embedder's
# tokenizer reads "−−login" as "−", "##−", "##log", "##in"); so are two or more together. Before a
# figure one stays a minus ("−0.5").
_OPTION_DASH = re.compile(r"\u2212{2,}|\u2212(?=[^\W\d_])")
# Two characters of a line stand a word apart where the gap between the first's advance and the
# second's origin is this share of their height (ascent to descent, about 1.15 ems) or more, and
# pdfium wrote no space there: groff's PDFs place each word where it goes without a space glyph,
# and pdfium misses the narrower gaps ("theyare", "Alist": 280 in bash.pdf's first 10 pages). Word
# spaces measured 0.18 to 0.7 there; letters of a word stand under 0.12 apart in the 29
# development PDFs whatever their face (dot leaders spaced from a title stand 0.12 to 0.22 apart,
# math operators up to 0.17: a space there reads as well).
WORD_GAP = 0.15
# Points: a path no taller and no wider than these may be an underscore drawn as a rule (texinfo's,
# 0.4 to 1 point thick and about half an em wide).
UNDERSCORE_HEIGHT = 1.6
UNDERSCORE_WIDTH = 8.0
# A drawing placed as a form (LaTeX's \includegraphics of a PDF figure, a plot, a graph) holding paths
# and text is a figure, its labels no text of the document: tick marks ("0.0 0.2 0.4"), node labels
# set as a line ("main parse init cleanup printf") that read as a heading. Not a form over more than
# FIGURE_SHARE of the page, nor one with more than FIGURE_TEXT text objects for each path: a page's
# text placed as a form with a rule or two (a paper's author list) is text. Over the development
# PDFs, nine place 105 forms holding paths and text: 102 are figures, with 0.35 to 26 paths a text
# object; JACoW's list of authors (72 text objects, 2 paths, 68% of its page) is text, and two of
# gri's figures over 55% of their page stay text too.
FIGURE_SHARE = 0.5
FIGURE_TEXT = 4
MAX_FORM_DEPTH = 4  # forms inside forms read for what they hold
# A table's cells written one after another: LibreOffice's and Word's PDF export write a row cell by
# cell, each cell's lines from the top, so pdfium gives a row whose cells wrap as lines going back up
# the page ("Windows arm64 >=" / "Windows" / "10" / "Tier 2", of "Windows | arm64 | >= Windows 10 |
# Tier 2"). A line on the baseline of one of the last MAX_CELL_LINES lines, right of where it ends,
# is printed on it and joins it, when the cell it ends with is no wider than CELL_WIDTH of the page's
# lines (the column of a page in two, 0.46 to 0.49 of its lines, keeps its own lines) and the two are
# not both running text (PROSE_CELL_WORDS words or more: the short columns of a page in three).
MAX_CELL_LINES = 8
CELL_WIDTH = 0.4
CELL_GAP = 0.3  # ems: a cell stands further right of the line it joins than a word space (WORD_GAP)
# Rows so written on a page: a single one may as well be two short columns written one after the
# other (the last page of an index, its columns balanced), which keep their lines.
MIN_REJOINED_ROWS = 2
# A row's lines stand a line's pitch apart, at least 1.1 ems; TeX sets a fraction's numerator and
# denominator 0.35 to 0.7 ems over and under the line it writes before and after them. A line
# written between a row's line and the cell joining it stands at least this many ems under it.
ROW_DROP = 0.9
# TeX's math fonts (and any font named for math): a display's pieces, a sum's limits written after
# the sum, are set on shared baselines in any order, and are no table's cells.
_MATH_FONT = re.compile(r"(?:[A-Z]{6}\+)?(?:CM(?:MI|SY|EX)\d|MSAM|MSBM|EUFM|EUEX|.*Math)")
# A font set at this many points or less takes its size from its text matrix (`_font_size`): text is
# never printed so small, and Acrobat Distiller sets every font at 1 point. Scaling every size by its
# matrix changed figure labels in ten development PDFs, some to headings, some from them.
MATRIX_SIZE = 1.5
# The size the running text is set in on this many times as many pages as the size most letters
# are set in, and on BODY_MIN_PAGES at least, is the body's (`_body_size`).
BODY_PAGES = 2
BODY_MIN_PAGES = 4
# A line at least this many times the body's size is a heading (when short and not closing a
# sentence); one wholly in bold, at least BOLD_HEADING_SIZE times.
HEADING_SIZE = 1.12
# A page numbers its lines in the margin when at least this many of them open with a number (see
# `_without_line_numbers`).
MIN_NUMBERED_LINES = 8
NUMBERED_SHARE = 0.5
# A contents list inside a page has at least this many entries, of at most this many words each.
MIN_CONTENTS_ENTRIES = 5
MAX_ENTRY_WORDS = 12
# A character set at more than this angle (radians) to the page's lines is not on them (`_level`).
# Over 345 Debian and development PDFs the characters so found are watermarks, margin stamps,
# plots' axis titles and music set askew; a turned page (more than half) is kept whole.
ANGLE_SLACK = 0.02
# A listing's line numbers are taken off when at least this many lines in a row open with one.
# Over the same PDFs: the code of 160 texlive packages' .dtx files and AMC's LaTeX examples.
MIN_LISTING_LINES = 3
# A page is an index's when at least this many of its lines, and this share of those left as text,
# are index lines (_INDEX_LINE). Over the same PDFs the pages so found are indexes (seminar's,
# amsmath's, the Maxima Book's, GAP's tutorial, the Debian FAQ's, memoir's, the doc package's).
MIN_INDEX_LINES = 8
INDEX_SHARE = 0.5
# Outline entries deeper than this are not read (an outline may run to every paragraph).
MAX_OUTLINE_DEPTH = 8
# An outline entry's title is looked for over this many lines at most.
MAX_TITLE_LINES = 4
BOLD_HEADING_SIZE = 1.08
# A line wholly in bold that opens with a section's number and a stop is a heading down to this
# many times the body's size (REVTeX: 9 over 10 points).
NUMBERED_HEADING_SIZE = 0.85
# A page's lines starting at one x position make a column of their own beside the page's usual left
# edge when there are at least this many of them and this share of the lines at that edge, and the
# lines at the left one end before the right one starts (`_column_edges`).
MIN_COLUMN_LINES = 5
COLUMN_SHARE = 0.25
# ... and the right one starts at least this share of the page's text width right of the left one.
COLUMN_WIDTH = 0.35
# A term over the paragraph describing it stands at most this many line spacings above it.
TERM_GAP = 1.4
# A short line, its sentence left open, ends its paragraph when the next line opens in upper case
# more than this many line spacings below it: items of a list without bullets or stops
# (project-history.en.pdf's releases, 1.38 apart; lines of a paragraph stand 1.0 apart).
ITEM_GAP = 1.25
# A paragraph whose last line is full, its sentence closed, ends where the next line opens a sentence
# more than this many times its own lines' spacing below it (the document's, for a paragraph of one
# line, when smaller): the space a word processor or ReportLab sets between paragraphs (ReportLab's
# body text: 18 points apart against 12 within a paragraph).
PARAGRAPH_GAP = 1.3
# A command displayed inside a sentence stands up to this many line spacings from the prose around it
# (debian-faq.en.pdf: 1.5, in a smaller face than the prose).
DISPLAY_GAP = 2.2
# A line in the body's face is displayed inside a sentence when space sets it off by more than this
# many line spacings, up to DISPLAY_TO (a list's items without bullets stand 1.38 apart;
# Ghostscript's colour manual displays its options 2.1 and 2.25 below their sentence, the sentence
# going on 1.8 below them), and it runs at most this share of the line over it; that line ends in a
# lower-case word.
DISPLAY_FROM = 1.6
DISPLAY_TO = 2.5
DISPLAY_SHARE = 0.8
# A line ending this close to its column's right edge (points) was wrapped there: its paragraph goes
# on in the next line, also when that line is indented under it (a hanging indent; justified lines of
# SDCC's manual end within 0.3 points of the edge). The edge is where at least WRAP_LINES of the
# column's lines end: a cover's longest line, a title over its subtitle, marks none.
WRAP_SLACK = 3.0
WRAP_LINES = 3
# A bold term of at most this many words opening a line, its description beside it and going on in
# the lines set in at least HANGING_INDENT points deeper under it, is a definition's term (a LaTeX
# description list: "--max-allocs-per-node" in bold over its description). Measured over every
# development set: 1 word gains toolkits, farther and badlands one answer each; 4 words took run-in
# titles too (the Debian FAQ's "The Universal Operating System:") and cost documents together one.
BOLD_TERM_WORDS = 1
HANGING_INDENT = 20
_OPEN_WORD = re.compile(r"\b[a-z]+$")
# A running header or footer stands more than this many line pitches apart from the body (Apache
# FOP's headers in fhs-3.0.pdf: 3.0; LaTeX's book class, maximabook and amsldoc.pdf: 2.3; paragraphs
# follow at 1 to 1.5). At 2.0 against 2.5, no development PDF's blocks changed; over 429 PDFs of
# texlive's and Octave's manuals, the headers of amsldoc's, technote's and slides' pages went, and
# nothing else.
BAND_GAP = 2.0
# On one page, a line in such a band is furniture when it stands more than this many pitches from
# the body: a page the body fills to its foot brings its last line closer than on most pages (the
# Debian Policy Manual, typeset by Sphinx: 2.4 pitches), never as close as the body's own lines.
BAND_LINE_GAP = 1.8
# Points: the same running header sits up to this much higher or lower from page to page, its glyphs
# boxed by what they hold (octave.pdf's "Chapter 1: ... 11" at 741.6 points, "15" at 741.2).
HEIGHT_SLACK = 1

# A code line is written indented as printed, by up to this many spaces (past it, a line set far to
# the right is a comment's or a column's, not a nesting's).
MAX_INDENT = 24

_SOFT_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen at the end of a line it joined to the next
# TeX's T1 (Cork) codes that a font without Unicode names (pdfTeX's Type 3 bitmap fonts: R's
# vignettes, older papers) leaves as control characters, read where the text around them shows
# what they print: a ligature next to a letter ("di\x1berent", "\x1crst"), quotes around a word
# ("\x10wins\x11", closed after a letter or by a straight quote), a dash between words or numbers
# ("50\x1559", "study \x16 most"), and a bullet before a space (a high control character). The
# same codes in a math font print delimiters, set apart on lines of their own, and are left alone
# (`_typeset_codes`). Measured on the survival package's vignettes; no other development PDF changes.
_LIGATURES = {"\x1b": "\ufb00", "\x1c": "\ufb01", "\x1d": "\ufb02", "\x1e": "\ufb03", "\x1f": "\ufb04"}
_T1_LIGATURE = re.compile(r"(?<=[^\W\d_])[\x1b-\x1f]|[\x1b-\x1f](?=[^\W\d_]|[\x1b-\x1f])")
_T1_OPENING = re.compile(r'(?:^|(?<=[\s(\[,]))\x10(?=[^\s\x00-\x1f](?:[^\x10\x11"]{0,600}?[^\s\x00-\x1f])?[\x11"])')
_T1_CLOSING = re.compile(r"(?<=[^\s\x00-\x1f])\x11(?=[\s.,;:!?)]|$)")
_T1_DASH = re.compile(
    r"(?<=\w)[\x15\x16](?=\w|\r\n\w)|(?<=[^\S\r\n])[\x15\x16](?= )|(?:^|(?<=\n))[\x15\x16](?= [^\s\x00-\x1f])"
)
_T1_BULLET = re.compile(r"(?:^|(?<=[\n ]))[\x80-\x9f](?= )")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f]")
# A list's bullet from a symbol font, which pdfium gives as the font's private character (Word's
# and LibreOffice's lists: Symbol's U+F0B7, Wingdings' U+F06C, U+F0A7, U+F0D8), at a line's start.
_SYMBOL_BULLET = re.compile(r"(?:^|(?<=\n))[\uf020-\uf0ff](?=[ \t])")
_LIGATURE = re.compile("[\ufb00-\ufb04]")
_SPELT = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)
# A contents line: dot leaders, then a page number, or the "??" LaTeX prints for a reference it
# could not resolve (LifeLines' user guide prints every entry so); or an index's, its pages listed
# ("diary . . . 13, 45, 900", "LuaTeX (engine) . . . 1, 3, 6–8,", its list going on below).
_PAGE_REF = r"(?:\d{1,4}|[ivxlcdm]{1,7})"
_LEADER = re.compile(rf"(?:\.\s*){{4,}}\s*(?:{_PAGE_REF}(?:\s*[,–-]\s*{_PAGE_REF})*,?|\?\?)\s*$", re.IGNORECASE)
# Leaders alone: their page number, set apart, read as a line of its own at their height (memoir's
# manual); without it, a row of dots is a matrix's (GLPK's GMPL manual).
_DOTS = re.compile(r"(?:\.\s*){8,}$")
# An index's line without leaders (LaTeX's default): a term, a comma (or a stray dot) and its pages
# ("\newslide, 3, 12", "slide*, iii, 1, 1", "allversions* (environment), 16, 17,"), or pages alone, the
# list wrapped over from the line above ("28, 33", "367, 380, 413, 441,").
_PAGE_SPAN = rf"{_PAGE_REF}(?:\s*[–-]\s*{_PAGE_REF})?"
_INDEX_LINE = re.compile(rf"^(?:\S.*?(?:,|\s\.)\s*)?{_PAGE_SPAN}(?:\s*,\s*{_PAGE_SPAN})*,?\s*$", re.IGNORECASE)
_LONE_PAGE = re.compile(rf"^{_PAGE_SPAN}$", re.IGNORECASE)  # a figure's axis labels read so too: not counted
_OPEN_LEADER = re.compile(r"\s\.(?:\s*\.)*$")  # an entry's leader, its pages on the line below
# A contents line's page number at its end, or alone (read apart from its entry).
_ENDS_IN_NUMBER = re.compile(r"(?:^|\s)(?:\d{1,4}|[ivxlcdm]{1,7})\s*$", re.IGNORECASE)
_ENTRY_NUMBER = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}|[A-Z])(?:\.\d{1,2})*\.?\s+\S")  # "II.1. Title", "5.2 Authors"
_LINE_NUMBER = re.compile(r"^\d{1,4}$")
_LISTING_NUMBER = re.compile(r"\d{1,4}\s+(?=\S)")  # "12 " before a listing's line
# Subsections run in one after another, each with its page ("11.7.1 Spacing 230, 11.7.2 Special
# variations on horizontal lines 230,", "A Limerick 273, Love's lost 273, Fleas 274"), as memoir's
# contents set them.
_RUN_IN = re.compile(r"\s\d{1,4},(?:\s+(?:[A-Z]|\d{1,2})(?:\.\d{1,2})+\s|\s*$|\s.*\s\d{1,4}(?:,|$))")
# "Contents", "Table of Contents", and a book's short list of chapters before it ("Short contents",
# memoir's; "Brief Contents", "Contents at a Glance").
_CONTENTS_TITLE = re.compile(r"^(?:(?:table of|short|brief|summary of) )?contents(?: at a glance)?$", re.IGNORECASE)
# A running header's page number, before or after its text ("CONTENTS 4", "x CONTENTS").
_PAGE_NUMBERED = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,7})\s+|\s+(?:\d{1,4}|[ivxlc]{1,7})\s*$", re.IGNORECASE)
_MARKER = re.compile(r"[•◦▪‣●○■□–—*-]\s+")
_BULLET = re.compile(r"^(?:[•◦▪‣●○■□–—*-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S")
# A line opening as a sentence does: a capitalised word ("The", "A "), not an acronym ("CRC of").
_OPENS_SENTENCE = re.compile(r"[A-Z](?:[a-z]|\s)")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
# A line of dashes alone: a rule drawn in text, as a typewriter table's under its header.
_DASHES = re.compile(r"[-=]{8,}")
# A line ending so closes a sentence ("... in the struct" / "glp_vertex.)"), where code seldom ends
# ("..." does).
_CLOSES = re.compile(r"(?<!\.)[.!?][\"'”’)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Titles a producer writes for want of one: a file's name ("usethesis.dvi", as dvips and Distiller
# pass it on), Word's "Microsoft Word - report.docx".
_GENERIC_TITLES = re.compile(
    r"^(?:untitled|microsoft word\b.*|document\d*|slide \d+|\S+\.(?:dvi|tex|docx?|rtf|odt|ps|pdf|indd))$", re.IGNORECASE
)
# Font names: Type 1 and TrueType fonts rarely set the descriptor's flags, so names tell bold and
# typewriter faces. Bold: "Times-Bold", "Segoe-Semibold", "ArialMT-Bd", URW's "NimbusRomNo9L-Medi"
# (not "Roboto-Medium", a lighter weight), and TeX's bold extended "CMBX12", "CMSSBX10", EC's "SFBX1200",
# "SFSX2074", "CMB10". Typewriter: "Courier", "LiberationMono" (not "MonotypeCorsiva"), URW's "NimbusMonL",
# "SourceCodePro", "Inconsolata", TeX's "CMTT10", "CMSLTT10", EC's "SFTT0900", txfonts' "t1xtt", "tcxtt".
_BOLD_FONT = re.compile(
    r"bold|black|heavy|demi|medi(?!um|a)|[-_,]bd(?:it)?$|cmb\d|(?:cm|sf|ec|lm)[a-z]*bx|sfsx", re.IGNORECASE
)
MONO_FONT = re.compile(
    r"mono(?!type)|nimbusmon|courier|typewriter|consol|menlo|monaco|cousine|code"
    r"|cm(?:sl|i)?tt|(?:sf|ec|tc|t1x|tcx|tx)(?:sl|it|b)?tt|lmtt|tt\d",
    re.IGNORECASE,
)
_FIXED_PITCH, _FORCE_BOLD = 1, 1 << 18  # font descriptor flags
_ARABIC = re.compile(r"[0-9]{1,6}")
_SPACES = re.compile(" +")
# A chapter's label set over its title: "Chapter 3", "Appendix B", Sphinx's LaTeX "CHAPTER" / "ONE",
# or a section's number between dashes (amsmath's guide: "—2—" over "Options for the amsmath package").
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_CHAPTER_LABEL = re.compile(
    r"(?:chapter|appendix|part|lecture)(?:\s+(?:\d{1,3}|[ivxlc]{1,6}|[a-z]"
    rf"|(?:{_UNITS}|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen)"
    rf"|(?:twenty|thirty|forty|fifty)(?:-?(?:{_UNITS}))?))?"
    r"|[—–-]\s*(?:\d{1,3}|[a-z])\s*[—–-]",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\s*(?:table|tab\.|figure|fig\.)\s*[0-9]+(?:[.-][0-9]+)*[.:]?\s", re.IGNORECASE)
_CLOSING = re.compile(r"[}\])][});,.]*")  # a line of closing brackets alone: "}", "});", "]"
_CONJUNCTIONS = frozenset({"and", "or", "but", "nor"})  # a line opening with one goes on with a sentence
_CATEGORY = re.compile(r"^\[[^\[\]]{1,40}\]$")
_MARKER_CELL = re.compile(r"^(?:[•◦▪‣●○■□–—*-]|\(?\d{1,3}[.)]|\(?[a-z][.)])$")
_NUMBERED_HEAD = re.compile(r"^(?:[IVX]{1,5}|\d{1,2})(?:\.\d{1,2})*\.\s+[A-Z]")  # "II.1. Paper size", "3. Results"
# "A. Citations": REVTeX's subsections under roman sections; only for a bold line at the body's
# size, since an author list opens so too ("A. N. Author, H. Coauthor, ...")
_LETTERED_HEAD = re.compile(r"^[A-HJ-UWYZ]\.\s+[A-Z]")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
_NUMBER_CELL = re.compile(r"^(?:\d{1,4}|[ivxlcdm]{1,7})$", re.IGNORECASE)


@dataclass
class _Cell:
    """A run of a line's words with no wide gap inside: its offsets in the line's text (end
    exclusive), where it is printed, its first character's face, and whether its last is bold."""

    start: int
    end: int
    x0: float
    x1: float
    bold: bool = False
    mono: bool = False
    bold_end: bool = False  # its last character is bold too


@dataclass(eq=False)
class _Row:
    """A table row: its lines, in pdfium's order, and the text of each column's cell."""

    lines: list[_Line]
    cells: list[str]
    table: int
    header: bool = False


@dataclass(eq=False)
class _Definition:
    """A term and its description: `lines` holds the term's lines, then the description's. When the
    description starts beside the last term line, `split` is where in that line's text."""

    lines: list[_Line]
    terms: int
    split: int
    column: float  # x where the description's lines start
    group: int = -1  # its list, numbered in the document
    table: int = -1  # the table it was read from, when it was


@dataclass(eq=False)
class _Line:
    text: str
    page: int
    top: float  # PDF units, larger is higher on the page: the top of its first letter
    x0: float
    x1: float
    size: float  # points: the size of most of its letters
    kind: str = "text"  # "text", "boilerplate", "figure" (a figure's labels: no text, and a break in it)
    continues: bool = False  # a word broken at its end goes on at the start of the next line
    cells: list[_Cell] = field(default_factory=list)
    part: _Row | _Definition | None = None  # the table row or definition the line belongs to
    mono: bool = False  # every word set in a typewriter face
    font: str = ""  # the font of most of its letters
    base: float = 0.0  # the baseline of its first letter, PDF units
    entry: int = -1  # the outline entry whose title this line prints (see `_mark_outline`)
    listed: int = 0  # the length of a listing's line number it opens with (see `_without_listing_numbers`)
    listed_x0: float = 0.0  # where its code starts, after that number
    scripts: bool = False  # a superscript or subscript was joined to it (see `_set_off`)
    row_goes_on: bool = False  # a line of a row whose cells were written one after another (`_cells_rejoined`)
    split_cells: list[_Cell] | None = None  # its cells cut at OBJECT_GAP too, read by `_cells_rejoined` alone
    bold_lead: int = 0  # where the text after a bold term it opens with starts (see `_bold_lead`), 0: none


@dataclass
class _Block:
    kind: str
    lines: list[_Line] = field(default_factory=list)
    level: int = 0
    group: int = -1
    cells: list[str] = field(default_factory=list)  # a table row's cells
    terms: int = 0  # a definition's term lines, as in _Definition
    split: int = -1
    column: float = 0.0
    deferred: bool = False  # a footnote written after the paragraph it stood in the middle of


_Span = tuple[float, float]  # from x0 to x1


@dataclass
class _Table:
    """A table being read: its columns, its header's cells, if it has one, and whether it is set
    in a typewriter face (its header ruled with dashes)."""

    number: int
    columns: list[_Span]
    header: list[str] | None
    typed: bool = False


class UnreadablePDF(Exception):
    pass


def parse_pdf(source: str, sha256: str, data: bytes) -> Document:
    """Read a PDF into a Document; raises UnreadablePDF with the reason."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadablePDF("the PDF is password-protected; save a copy without the password to index it") from exc
        raise UnreadablePDF(f"not a readable PDF: {exc}") from exc
    try:
        metadata = pdf.get_metadata_dict()
        read = [_page_lines(pdf, n) for n in range(len(pdf))]
        outline = _outline(pdf)
    finally:
        pdf.close()
    pages = _side_notes_apart([_without_listing_numbers(_without_line_numbers(lines)) for lines, _ in read])
    if not any(pages):
        raise UnreadablePDF("the PDF has no extractable text (scanned images?)")
    _mark_running_lines(pages)
    _mark_contents(pages)
    _mark_index(pages)
    _mark_contents_lists(pages)
    lines = [line for page in pages for line in page]
    body = _body_size(lines)
    _find_structure(pages, [rules for _, rules in read], body)
    levels = _mark_outline(pages, outline, body)
    _rejoin_hyphens(lines)
    blocks = _blocks(pages, body, levels)
    title = _title(metadata.get("Title", ""), source, blocks, body)
    return _write(source, sha256, title, pages, blocks)


@dataclass(frozen=True)
class _Entry:
    """An entry of the PDF's outline (its bookmarks): depth from 0, title, and the page it leads to."""

    depth: int
    title: str
    page: int


def _outline(pdf: object) -> list[_Entry]:
    """The PDF's outline, entries leading to no page left out; empty when it has none or it cannot
    be read (a broken outline is no reason to refuse the text)."""
    entries = []
    try:
        for bookmark in pdf.get_toc(max_depth=MAX_OUTLINE_DEPTH):  # type: ignore[attr-defined]
            dest = bookmark.get_dest()
            page = dest.get_index() if dest is not None else None
            title = " ".join((bookmark.get_title() or "").split())
            if page is not None and title:
                entries.append(_Entry(bookmark.level, title, page))
    except Exception:  # pdfium raises assorted errors on a damaged outline
        return []
    return entries


# A heading's number, which the outline's title may leave out ("1.2 Overview", "Chapter 3: Data").
_NUMBERED = re.compile(
    r"^\s*(?:(?:chapter|section|appendix|part)\s+)?(?:\d+|[A-Z])(?:[.)]\d+)*[.):]?\s+", re.IGNORECASE
)


def _outline_key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _mark_outline(pages: list[list[_Line]], outline: list[_Entry], body: float) -> dict[int, int]:
    """Mark each line printing an outline entry's title (after its number, which the title may leave
    out) on the page the entry leads to with the entry's number (`_Line.entry`): a heading, whatever
    its size or face, on its own however close it stands to the next (two headings set alike one
    over the other). A title printed over several lines (MAX_TITLE_LINES) marks each. Lines of a
    table or a definition list, set-aside lines, and a typewriter line under another (a listing's)
    are not looked at; of two lines printing it, the one set as a heading, else one that is no list
    item. Returns each marked entry's depth."""
    depths: dict[int, int] = {}
    for number, entry in enumerate(outline):
        if not 0 <= entry.page < len(pages):
            continue
        want = _outline_key(entry.title)
        if not want:
            continue
        lines = [ln for ln in pages[entry.page] if ln.kind == "text" and ln.part is None and ln.entry < 0]
        found = [run for i in range(len(lines)) if (run := _printing(lines, i, want))]
        # the heading rather than a list item or a sentence saying the same words ("— numeric expressions;")
        found.sort(key=lambda run: (not _is_heading(run[0], body), bool(_BULLET.match(run[0].text.strip()))))
        if found:
            for line in found[0]:
                line.entry = number
            depths[number] = entry.depth
    return depths


def _printing(lines: list[_Line], i: int, want: str) -> list[_Line]:
    """The lines from `i` on that print the title `want` (as `_outline_key` reads it), with or
    without the heading's number, or none."""
    if i and lines[i].mono and lines[i - 1].mono:
        return []  # a line of a listing ("<fontconfig>" in an example) heads nothing
    for first in dict.fromkeys((lines[i].text, _NUMBERED.sub("", lines[i].text))):
        have = ""
        for j in range(i, min(i + MAX_TITLE_LINES, len(lines))):
            have += _outline_key(lines[j].text if j > i else first)
            if not have or not want.startswith(have):
                break
            if have == want:
                return lines[i : j + 1]
    return []


def _page_lines(pdf: object, n: int) -> tuple[list[_Line], list[tuple[float, float, float]]]:
    """The page's printed lines, each cut into cells, and its horizontal rules when it may hold a
    table (two lines or more cut in several cells)."""
    import pypdfium2.raw as raw

    page = pdf[n]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        paths = _flat_paths(page)
        underscores = [
            (x0, x1, y)
            for x0, x1, y, thick in paths
            if thick <= UNDERSCORE_HEIGHT and 1.5 <= x1 - x0 <= UNDERSCORE_WIDTH
        ]
        page_text = _page_text(textpage)
        page_text = _with_accents(_level(page_text) if _turns_text(page) else page_text)
        page_text = replace(page_text, text=_OPTION_DASH.sub(_hyphens, _typeset_codes(page_text.text)))
        chars = _with_underscores(_with_word_spaces(_note_numbers(page_text)), underscores)
        text, index = chars.text, chars.index
        lines: list[_Line] = []
        at = 0
        baseline = ctypes.c_double(), ctypes.c_double()
        previous_base = None  # the baseline of the last line, when a line may join it
        for piece in text.split("\r\n"):
            start, end = at, at + len(piece)
            at = end + 2
            stripped = piece.strip()
            if not stripped:
                continue
            first = start + (len(piece) - len(piece.lstrip()))
            last = start + len(piece.rstrip()) - 1
            for segment, seg_first, seg_last, line_first in _split_at_hyphens(piece, start, first, last):
                mark = text.find(_SOFT_HYPHEN, seg_first, seg_last + 1)
                on_line = mark - 1 if mark > seg_first else seg_last  # a broken word's end is on the next line
                left, _, _, top = textpage.get_charbox(index[line_first])
                _, _, right, _ = textpage.get_charbox(index[on_line])
                size, font = _body_face(chars, seg_first, seg_last)
                line = _Line(segment, n, top, left, right, round(size, 1), font=font)
                line.cells, line.split_cells = _cells(chars, seg_first, on_line, size, left)
                line.mono = bool(line.cells) and line.cells[0].mono and _typewritten(chars, seg_first, on_line)
                line.bold_lead = 0 if line.mono else _bold_lead(chars, seg_first, on_line)
                if not line.mono and (listed := _listing_number(chars, segment, seg_first, on_line)):
                    line.listed, line.listed_x0 = listed, textpage.get_charbox(index[seg_first + listed])[0]
                raw.FPDFText_GetCharOrigin(textpage.raw, index[line_first], *(ctypes.byref(v) for v in baseline))
                base = line.base = baseline[1].value
                if previous_base is not None and line_first == first and _beside(lines[-1], line, previous_base, base):
                    _join(lines[-1], line)
                elif previous_base is not None and line_first == first and _set_off(lines[-1], line, previous_base):
                    base = previous_base  # the printed line's baseline goes on
                else:
                    lines.append(line)
                previous_base = base if mark < 0 else None
        lines = _cells_rejoined(lines)
        if _LIGATURE.search(text):
            for line in lines:
                _spell_ligatures(line)
        figures = _figures(page)
        for line in lines:
            if any(_inside(line, box) for box in figures):
                line.kind = "figure"
        cut = sum(len(line.cells) > 1 for line in lines)
        # horizontal rules, at least 20 points long, when the page may hold a table
        return lines, ([(x0, x1, y) for x0, x1, y, _ in paths if x1 - x0 > 20] if cut >= 2 else [])
    finally:
        textpage.close()
        page.close()


@dataclass
class _PageText:
    """A page's text and, for each of its characters, the index pdfium gives it (`index[k]` is
    text[k]'s), by which its box, size and font are asked for."""

    text: str
    index: Sequence[int]
    handle: object  # the pdfium text page


def _page_text(textpage: object) -> _PageText:
    """The page's text with each character's pdfium index. pdfium writes the text without the
    glyphs that have no Unicode value (TeX's math symbols, unmapped ligatures: 16 of the 29 pages
    of crc-doc.1.0.pdf), so that past the first of them a text offset names another character:
    each character of the text is matched with the next glyph of its code."""
    import pypdfium2.raw as raw

    handle = textpage.raw  # type: ignore[attr-defined]
    text, count = textpage.get_text_range(), textpage.count_chars()  # type: ignore[attr-defined]
    if len(text) == count:
        return _PageText(text, range(count), handle)
    codes = [raw.FPDFText_GetUnicode(handle, i) for i in range(count)]
    index: list[int] = []
    i = 0
    for char in text:
        code = 2 if char == _SOFT_HYPHEN else ord(char)  # 2: pdfium's code for a line-end hyphen
        while i < count and codes[i] != code:
            i += 1
        if i == count:
            break
        index.append(i)
        i += 1
    if len(index) == len(text):
        return _PageText(text, index, handle)
    # not written glyph by glyph (a character beyond 16 bits): write it so, a glyph a character
    glyphs = [(i, code) for i, code in enumerate(codes) if code]
    text = "".join(_SOFT_HYPHEN if c == 2 else "\ufffd" if 0xD800 <= c < 0xE000 else chr(c) for _, c in glyphs)
    return _PageText(text, [i for i, _ in glyphs], handle)


def _turns_text(page: object) -> bool:
    """Whether the page sets a text object, or a form that may hold one, at an angle: the check
    that spares `_level` asking each character's angle on the pages (nearly all) that set none."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()

    def turned(obj: object) -> bool:
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        return abs(matrix.b) > ANGLE_SLACK * math.hypot(matrix.a, matrix.b)

    def inside(form: object) -> list[object]:
        return [raw.FPDFFormObj_GetObject(form, k) for k in range(raw.FPDFFormObj_CountObjects(form))]

    def holds(objects: list[object], depth: int) -> bool:
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT and turned(obj):
                return True
            if kind == raw.FPDF_PAGEOBJ_FORM and (
                turned(obj) or (depth < MAX_FORM_DEPTH and holds(inside(obj), depth + 1))
            ):
                return True
        return False

    handle = page.raw  # type: ignore[attr-defined]
    return holds([raw.FPDFPage_GetObject(handle, k) for k in range(raw.FPDFPage_CountObjects(handle))], 0)


def _level(chars: _PageText) -> _PageText:
    """The page's text without the characters set at an angle to its lines, when they are fewer
    than half of its printed ones: a watermark across the page ("DRAFT", "CONFIDENTIAL"), a stamp
    up its margin (arXiv's), a plot's axis labels, which pdfium writes inside the lines they
    cross. A letter turned upside down stays: it is one of a word's (the reversed E of XeTeX's logo,
    a schwa printed as a turned e). A page set mostly at an angle (a landscape table turned on a
    portrait page) is kept whole."""
    import pypdfium2.raw as raw

    def askew(k: int) -> bool:
        angle = raw.FPDFText_GetCharAngle(handle, index[k])  # radians, clockwise; -1: not known
        return angle >= 0 and all(abs(angle - level) > ANGLE_SLACK for level in (0, math.pi, 2 * math.pi))

    text, index, handle = chars.text, chars.index, chars.handle
    printed = [k for k, char in enumerate(text) if not char.isspace()]
    turned = {k for k in printed if askew(k)}
    if not turned or len(turned) * 2 >= len(printed):
        return chars
    kept = [k for k in range(len(text)) if k not in turned]
    return _PageText("".join(text[k] for k in kept), [index[k] for k in kept], handle)


# TeX sets an accented letter as two glyphs, the accent drawn over (or under) the letter, and
# pdfium writes each ("divisi´on", "j¨asennysmerkki"): a spacing accent and the letter it sits on
# are one character, as pdftotext and readers have them ("división").
_ACCENTS = {
    "\u00b4": "\u0301",  # acute
    "`": "\u0300",  # grave
    "\u02cb": "\u0300",
    "\u00a8": "\u0308",  # diaeresis
    "\u02c6": "\u0302",  # circumflex
    "^": "\u0302",
    "\u02dc": "\u0303",  # tilde
    "~": "\u0303",
    "\u00af": "\u0304",  # macron
    "\u02c9": "\u0304",
    "\u02d8": "\u0306",  # breve
    "\u02d9": "\u0307",  # dot above
    "\u02da": "\u030a",  # ring
    "\u02dd": "\u030b",  # double acute
    "\u02c7": "\u030c",  # caron
    "\u00b8": "\u0327",  # cedilla
    "\u02db": "\u0328",  # ogonek
}
_DOTLESS = {"\u0131": "i", "\u0237": "j"}  # TeX's accented i and j are set on dotless ones


def _with_accents(chars: _PageText) -> _PageText:
    """The page's text with each spacing accent that sits on the letter next to it (its box's
    middle within the letter's, as TeX centres it) written with that letter as one character
    ("´o" -> "ó"); the character takes the letter's glyph. An accent beside a letter it does not
    sit on (a backtick in code, "^" in a formula) stays."""
    text, index, handle = chars.text, chars.index, chars.handle
    if not any(char in _ACCENTS for char in text):
        return chars
    import pypdfium2.raw as raw

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))

    def span(k: int) -> tuple[float, float]:
        raw.FPDFText_GetCharBox(handle, index[k], left, right, bottom, top)
        return left.value, right.value

    def composed(k: int, j: int) -> str:
        """The letter at `j` with the accent at `k` over it, or "" when the accent does not sit on it."""
        if not (0 <= j < len(text) and text[j].isalpha()):
            return ""
        (a_left, a_right), (l_left, l_right) = span(k), span(j)
        if not (l_right > l_left and l_left - 0.5 <= (a_left + a_right) / 2 <= l_right + 0.5):
            return ""
        letter = unicodedata.normalize("NFC", _DOTLESS.get(text[j], text[j]) + _ACCENTS[text[k]])
        return letter if len(letter) == 1 else ""

    out: list[str] = []
    out_index: list[int] = []
    k = 0
    while k < len(text):
        if text[k] in _ACCENTS:
            # TeX draws most accents before their letter, a cedilla after it
            if letter := composed(k, k + 1):
                out.append(letter)
                out_index.append(index[k + 1])
                k += 2
                continue
            if out and (letter := composed(k, k - 1)):
                out[-1] = letter
                k += 1
                continue
        out.append(text[k])
        out_index.append(index[k])
        k += 1
    return _PageText("".join(out), out_index, handle)


def _hyphens(dashes: re.Match[str]) -> str:
    return "-" * len(dashes.group())


def _typeset_codes(text: str) -> str:
    """The page's text with TeX's T1 control codes read as what they print (see `_LIGATURES`), a
    character for a character, so that offsets still name glyphs: a ligature is written as its
    Unicode ligature here and spelt out when the line is made (`_spell_ligatures`). A symbol font's
    bullet is written as a bullet (`_SYMBOL_BULLET`)."""
    text = _SYMBOL_BULLET.sub("\u2022", text)
    if not _CONTROL.search(text):
        return text
    text = _T1_LIGATURE.sub(lambda m: _LIGATURES[m.group()], text)
    text = _T1_OPENING.sub("\u201c", text)
    text = _T1_CLOSING.sub("\u201d", text)
    text = _T1_DASH.sub(lambda m: "\u2013" if m.group() == "\x15" else "\u2014", text)
    return _T1_BULLET.sub("\u2022", text)


def read_typeset_codes(text: str) -> str:
    """Another extractor's text (pdftotext's) with TeX's T1 control codes read as `_typeset_codes`
    reads them, ligatures spelt out: the text as a reader sees it."""
    return _typeset_codes(text).translate(_SPELT)


def _spell_ligatures(line: _Line) -> None:
    """Write a ligature as its letters ("di\ufb00erent" as "different"), moving the cells' offsets."""
    if not _LIGATURE.search(line.text):
        return
    shift = [0]
    for c in line.text:
        shift.append(shift[-1] + len(c.translate(_SPELT)) - 1)
    for cell in line.cells:
        cell.start, cell.end = cell.start + shift[cell.start], cell.end + shift[cell.end]
    line.text = line.text.translate(_SPELT)


def _body_face(chars: _PageText, first: int, last: int) -> tuple[float, str]:
    """The font size (points) and font name of most of the letters of text[first:last + 1] set
    outside a typewriter face (of all its letters when it has none), each word read at its first
    letter: a line of prose with words in a smaller typewriter face ("packages" in 9 pt before 10
    pt text, a command in a footnote) is a line of the prose's size, and a bullet, often set in a
    symbol font of its own size, counts for nothing."""
    handle, index = chars.handle, chars.index
    words = [(index[word.start()], len(word.group())) for word in _WORD.finditer(chars.text, first, last + 1)]
    sizes = [round(_font_size(handle, at), 1) for at, _ in words]
    if len(set(sizes)) < 2:  # most lines: one size, no font names to read but the first
        at = words[0][0] if words else index[first]
        return _font_size(handle, at), _font_name(handle, at, ctypes.c_int())
    prose, typed = Counter[tuple[float, str]](), Counter[tuple[float, str]]()
    flags = ctypes.c_int()
    for (at, length), size in zip(words, sizes, strict=True):
        name = _font_name(handle, at, flags)
        mono = bool(MONO_FONT.search(name)) or bool(flags.value & _FIXED_PITCH)
        (typed if mono else prose)[size, name] += length
    return (prose or typed).most_common(1)[0][0]


def _bold_lead(chars: _PageText, first: int, last: int) -> int:
    """Where the text after the bold term that text[first:last + 1] opens with starts (relative to
    `first`): up to BOLD_TERM_WORDS words set in bold, each read at its first letter ("--max-allocs-
    per-node" in bold, "Setting this to a high value ..." after it), then a word that is not. 0
    when the line does not open in bold, or its bold run is longer or the whole line."""
    for n, word in enumerate(_WORD.finditer(chars.text, first, last + 1)):
        if not _face(chars.handle, chars.index[word.start()])[0]:
            return word.start() - first if n else 0
        if n == BOLD_TERM_WORDS:
            return 0
    return 0


def _font_size(handle: object, at: int) -> float:
    """A character's size in points as printed. Acrobat Distiller sets every font at 1 point and
    scales the text matrix instead (6.5 times for 6.5-point text), so that pdfium reports 1 for
    every letter and no size told a heading or a paragraph's end: a font set at MATRIX_SIZE points
    or less is read at its size times the height its matrix gives a unit (microtype's expansion
    scales the width alone)."""
    import pypdfium2.raw as raw

    size = float(raw.FPDFText_GetFontSize(handle, at))
    matrix = raw.FS_MATRIX()
    if size <= MATRIX_SIZE and raw.FPDFText_GetMatrix(handle, at, ctypes.byref(matrix)):
        height = math.hypot(matrix.c, matrix.d)
        if height > 0:
            size *= height
    return size


def _beside(left: _Line, right: _Line, left_base: float, right_base: float) -> bool:
    """Whether `right` goes on `left`'s printed line past a wide gap: pdfium parts a line where a
    gap is very wide (a contents entry and its page number, the columns of a wide table)."""
    return (
        abs(left_base - right_base) <= 1.0
        and abs(left.size - right.size) <= 0.5
        and right.x0 - left.x1 > COLUMN_GAP * max(left.size, right.size)
    )


# A superscript or subscript as written in text: its digits and signs as such characters ("|z|²",
# "H₂O"), anything else as it is (a bracket after it may sit on the baseline).
_RAISED = str.maketrans("0123456789+-=", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼")
_LOWERED = str.maketrans("0123456789+-=", "₀₁₂₃₄₅₆₇₈₉₊₋₌")


def _cells_rejoined(lines: list[_Line]) -> list[_Line]:
    """The page's lines with the cells written after the lines they are printed on joined to them
    (see MAX_CELL_LINES), when at least MIN_REJOINED_ROWS rows were so written. A line is no such
    cell when a line above the one it would join, or less than ROW_DROP under it, was written between
    them (a fraction's numerator or denominator, which TeX writes before the rest of the line), or
    when either is set mostly in a math font (`_MATH_FONT`). The lines under such a row's first
    line, down to where its tallest cell ends, are marked as going on with it (`_Line.row_goes_on`);
    the row's lines are cut in cells at OBJECT_GAP."""
    if len(lines) < 3 or not any(b.base > a.base + 1.0 for a, b in itertools.pairwise(lines)):
        return lines
    edge = min(line.x0 for line in lines)
    widest = CELL_WIDTH * (max(line.x1 for line in lines) - edge)
    pairs = ((left, line) for n, line in enumerate(lines) for left in lines[max(0, n - MAX_CELL_LINES) : n])
    if not any(_cell_beside(left, line, widest) for left, line in pairs):
        return lines  # no line is a cell printed on another's: most pages
    out: list[_Line] = []
    firsts: set[int] = set()  # the rows' first lines, by their place in `out`
    row: _Line | None = None  # the first line of the row being written, once a cell went back up
    cell = 0.0  # where the row's last cell starts
    copies = [replace(line, cells=list(line.cells), split_cells=line.split_cells) for line in lines]
    for previous, line in zip([None, *lines], copies, strict=False):
        on = next((t for t in reversed(out[-MAX_CELL_LINES:]) if _cell_beside(t, line, widest)), None)
        if on is not None and any(under.base > on.base - ROW_DROP * on.size for under in out[out.index(on) + 1 :]):
            on = None  # a line above it, or less than a line under it, was written since: a fraction's part
        if on is not None:
            _join(on, line)
            if previous is not None and line.base > previous.base + 1.0:  # back up the page
                first = out.index(row) if row is not None and row in out[-MAX_CELL_LINES:] else len(out)
                row = out[min(first, out.index(on))]
                firsts.add(out.index(row))
                for under in out[out.index(row) + 1 :]:
                    under.row_goes_on = True
            cell = line.x0
            continue
        if row is not None and line.x0 >= cell - ALIGN:
            line.row_goes_on = True  # the row's tallest cell goes on
        else:
            row = None
        out.append(line)
    if len(firsts) < MIN_REJOINED_ROWS:
        return lines
    for n, line in enumerate(out):  # a row's columns may stand as little as OBJECT_GAP apart
        if (n in firsts or line.row_goes_on) and line.split_cells is not None:
            line.cells = line.split_cells
    return out


def _cell_beside(left: _Line, right: _Line, widest: float) -> bool:
    """Whether `right` is a cell printed on `left`'s line, right of its last cell."""
    last = left.cells[-1] if left.cells else None
    return (
        last is not None
        and abs(left.base - right.base) <= 1.0
        and abs(left.size - right.size) <= 0.5
        and right.x0 - left.x1 > CELL_GAP * max(left.size, right.size)
        and last.x1 - last.x0 <= widest
        and min(len(left.text[last.start : last.end].split()), len(right.text.split())) < PROSE_CELL_WORDS
        and not _MATH_FONT.match(left.font)
        and not _MATH_FONT.match(right.font)
    )


def _set_off(left: _Line, right: _Line, left_base: float) -> bool:
    """Joins `right` to `left` and says so when they are one printed line that pdfium parted where
    the baseline moves: a superscript or subscript set smaller right after the text ("returns
    |z|" and "2"), the text going on after it on the line's baseline (";"), or a footnote's raised
    number before the note. The script is written as such characters (`_RAISED`, `_LOWERED`); the line keeps the
    size, font and baseline of its text."""
    gap = right.x0 - left.x1
    size = max(left.size, right.size)
    if not -0.5 <= gap <= 0.6 * size:
        return False
    shift = right.base - left_base
    if abs(shift) <= 1.0 and abs(left.size - right.size) <= 0.5:
        # the text goes on after a script, which pdfium may have kept on the line before
        _join(left, right, " " if gap > 0.25 * size else "")
        return True
    if not 1.0 < abs(shift) <= 0.75 * size:
        return False
    if right.size <= 0.85 * left.size and len(right.text.strip()) <= 4:
        right.text = right.text.translate(_RAISED if shift > 0 else _LOWERED)
        _join(left, right, "")
        left.scripts = True
        return True
    if left.size <= 0.85 * right.size and len(left.text.strip()) <= 3 and not left.scripts and shift < 0:
        # a raised number or mark before the text it belongs to: the line is the text's
        left.text = left.text.translate(_RAISED)
        _join(left, right, " ")
        left.size, left.font, left.base, left.scripts = right.size, right.font, right.base, True
        return True
    return False


def _side_notes_apart(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Each page's lines with the notes set in its outer margin moved out of the body's sentences:
    pdfium gives them where they were set, between the body's lines or on a body line past a wide
    gap ("of worker threads is two¹³. You can control ... 13 Set by a compile-time c"). A note is
    a line, or the end of a line past a wide gap, that starts right of where the body's lines end
    (the body's single-cell lines at the page's usual size) and is set smaller. Each goes after the
    first body line beside or below it that ends a sentence. Only in a document with such lines on
    two pages at least (a note joined to a body line leaves nothing of its size to tell it by)."""
    edges = [_body_edge(page) for page in pages]
    noted = sum(
        any(_in_margin(line, edge) and line.size < edge[1] - 0.5 and len(line.cells) <= 1 for line in page)
        for page, edge in zip(pages, edges, strict=True)
        if edge is not None
    )
    if noted < 2:
        return pages
    return [_notes_after(page, edge) if edge is not None else page for page, edge in zip(pages, edges, strict=True)]


def _body_edge(page: list[_Line]) -> tuple[float, float] | None:
    """(x where the body's lines end, the body's size) of a page, or None when too few lines tell."""
    sizes = Counter[float]()
    for line in page:
        sizes[line.size] += len(line.text)
    if not sizes:
        return None
    size = sizes.most_common(1)[0][0]
    ends = sorted(line.x1 for line in page if abs(line.size - size) <= 0.5 and len(line.cells) <= 1)
    if len(ends) < SIDE_BODY_LINES:
        return None
    return ends[int(0.9 * (len(ends) - 1))], size


def _in_margin(line: _Line, edge: tuple[float, float] | None) -> bool:
    """Whether a line starts in the margin right of a page's body (`_body_edge`)."""
    return edge is not None and line.x0 >= edge[0] + SIDE_GAP * edge[1]


def _notes_after(page: list[_Line], edge: tuple[float, float]) -> list[_Line]:
    """A page's lines with its side notes (see `_side_notes_apart`) placed after the sentences they
    stand beside; `edge` is the page's `_body_edge`."""
    right, size = edge
    body: list[_Line] = []
    notes: list[_Line] = []
    note_sizes = [line.size for line in page if _in_margin(line, edge) and line.size < size - 0.5]
    note_size = statistics.median(note_sizes) if note_sizes else size
    outermost = max(line.top for line in page), min(line.top for line in page)
    for line in page:
        if _in_margin(line, edge):
            (notes if line.size < size - 0.5 else body).append(line)
            continue
        cut = next((n for n, cell in enumerate(line.cells) if n and cell.x0 >= right + SIDE_GAP * size), None)
        if cut is None or line.top in outermost:  # a running header's or footer's page number stays on its line
            body.append(line)
            continue
        at = line.cells[cut].start
        note = _Line(line.text[at:], line.page, line.top, line.cells[cut].x0, line.x1, note_size, font=line.font)
        note.cells = [replace(c, start=c.start - at, end=c.end - at) for c in line.cells[cut:]]
        note.base = line.base
        line.text, line.x1, line.cells = line.text[:at].rstrip(), line.cells[cut - 1].x1, line.cells[:cut]
        if line.size == note_size:  # measured over both parts, the note's letters outnumbered the body's
            line.size = size
        body.append(line)
        notes.append(note)
    # Each note goes after the first line at or below it that ends a sentence: within the page, so
    # that its citation names the page, and not inside a sentence running on to the next page.
    groups: list[list[_Line]] = []  # a note's lines, one under the other
    for note in notes:
        if groups and 0 < groups[-1][-1].top - note.top <= 2 * max(note.size, groups[-1][-1].size):
            groups[-1].append(note)
        else:
            groups.append([note])
    placed = list(body)
    ends = [n + 1 for n, line in enumerate(body) if _ENDS_SENTENCE.search(line.text)]
    anchors = [next((n for n in ends if body[n - 1].top <= group[0].top), len(body)) for group in groups]
    for at, group in reversed(list(zip(anchors, groups, strict=True))):
        placed[at:at] = group
    return placed


def _without_line_numbers(lines: list[_Line]) -> list[_Line]:
    """The page's lines without the numbers a manuscript prints in its margin for reviewers
    (AASTeX's and lineno's: "27 is a document markup language ..."), which pdfium writes at the start
    of the line beside them. They are told by their run: at least MIN_NUMBERED_LINES lines of the
    page, and NUMBERED_SHARE of them, open with a bare number, a wide gap after it, the numbers'
    right ends aligned, and the numbers rising from line to line by a few at most (a blank line
    numbered too, or a display skipped), set in the margin left of where the page's other lines start, beside prose (a
    listing's numbers and a table's first column stay). A number alone on its line is dropped, and
    taken off the others with its gap."""
    found = [(line, int(line.text[: line.cells[0].end])) for line in lines if _numbered(line)]
    if len(found) < MIN_NUMBERED_LINES:
        return lines
    right = Counter(round(line.cells[0].x1) for line, _ in found).most_common(1)[0][0]
    found = [(line, number) for line, number in found if abs(line.cells[0].x1 - right) <= ALIGN]
    rising = sum(0 < b - a <= 3 for (_, a), (_, b) in itertools.pairwise(found))
    if len(found) < max(MIN_NUMBERED_LINES, NUMBERED_SHARE * len(lines)) or rising < 0.8 * (len(found) - 1):
        return lines
    # in the margin: left of where the page's lines start (a table's first column of years,
    # a contents page's chapter numbers and a listing's line numbers start there)
    starts = Counter(round(line.x0) for line in lines if not _numbered(line))
    starts.update(round(line.cells[1].x0) for line, _ in found if len(line.cells) > 1)
    if not starts or right >= starts.most_common(1)[0][0] - ALIGN:
        return lines
    numbered = {id(line) for line, _ in found}
    kept = []
    for line in lines:
        if id(line) in numbered:
            if len(line.cells) == 1:
                continue
            cut = line.cells[1].start
            line.text = line.text[cut:]
            line.x0 = line.cells[1].x0
            line.cells = [replace(cell, start=cell.start - cut, end=cell.end - cut) for cell in line.cells[1:]]
        kept.append(line)
    return kept


def _numbered(line: _Line) -> bool:
    """Whether a line opens with a bare number standing apart from prose (not from a listing's or a
    data frame's line, whose numbers are its own)."""
    cells = line.cells
    first = line.text[: cells[0].end] if cells and cells[0].start == 0 else ""
    return bool(_LINE_NUMBER.match(first)) and (len(cells) == 1 or not cells[1].mono)


def _listing_number(chars: _PageText, segment: str, first: int, last: int) -> int:
    """The length of the line number a listing's line opens with ("12  print(i)"), set apart from
    its code in another face: the number not in a typewriter face, every word after it in one. 0
    when the line opens with none."""
    found = _LISTING_NUMBER.match(segment)
    if found is None or first + found.end() > last:
        return 0
    code = first + found.end()
    if _face(chars.handle, chars.index[first])[1] or not _face(chars.handle, chars.index[code])[1]:
        return 0
    return found.end() if _typewritten(chars, code, last) else 0


def _without_listing_numbers(lines: list[_Line]) -> list[_Line]:
    """The page's lines with the numbers a code listing prints beside its lines taken off (LaTeX's
    listings with numbers=left, a .dtx file's code), so that the listing reads as code, not as a
    paragraph of numbers and code. They are told by their run: at least MIN_LISTING_LINES lines in
    a row open with one, each number one more than the last (up to three, a blank line numbered
    alone between them; such a number alone is boilerplate)."""
    runs: list[list[_Line]] = []
    last = 0
    for line in lines:
        alone = _LINE_NUMBER.match(line.text.strip()) is not None
        number = int(line.text[: line.listed]) if line.listed else int(line.text) if alone else 0
        if number and runs and 0 < number - last <= 3:
            runs[-1].append(line)
        elif line.listed:
            runs.append([line])
        else:
            runs.append([])
        last = number
    taken = {id(line) for run in runs if sum(bool(line.listed) for line in run) >= MIN_LISTING_LINES for line in run}
    if not taken:
        return lines
    for line in lines:
        if id(line) not in taken:
            continue
        if not line.listed:
            line.kind = "boilerplate"  # a blank line's number; kept, as the spacing of lines counts it
        else:
            cut = line.listed
            line.text, line.x0, line.mono = line.text[cut:], line.listed_x0, True
            cells = [cell for cell in line.cells if cell.end > cut]
            line.cells = [
                replace(cell, start=max(cell.start, cut) - cut, end=cell.end - cut, mono=True)
                if cell.start <= cut
                else replace(cell, start=cell.start - cut, end=cell.end - cut)
                for cell in cells
            ]
            if line.cells and line.cells[0].start == 0:
                line.cells[0] = replace(line.cells[0], x0=line.listed_x0)
    return lines


def _join(line: _Line, right: _Line, space: str = " ") -> None:
    shift = len(line.text) + len(space)
    line.mono = line.mono and right.mono
    line.text = f"{line.text}{space}{right.text}"
    line.x1 = right.x1
    if line.split_cells is not None or right.split_cells is not None:
        left = line.split_cells if line.split_cells is not None else line.cells
        split = right.split_cells if right.split_cells is not None else right.cells
        line.split_cells = [*left, *_shifted(split, shift)]
    line.cells += _shifted(right.cells, shift)


def _shifted(cells: list[_Cell], shift: int) -> list[_Cell]:
    return [replace(cell, start=cell.start + shift, end=cell.end + shift) for cell in cells]


def _other_objects(handle: object, first: int, second: int) -> bool:
    """Whether two characters are printed by different text objects."""
    import pypdfium2.raw as raw

    objects = (raw.FPDFText_GetTextObject(handle, first), raw.FPDFText_GetTextObject(handle, second))
    return ctypes.cast(objects[0], ctypes.c_void_p).value != ctypes.cast(objects[1], ctypes.c_void_p).value


def _cells(chars: _PageText, first: int, last: int, size: float, x0: float) -> tuple[list[_Cell], list[_Cell] | None]:
    """text[first:last + 1], all on one printed line, cut where the gap between two words is wider
    than COLUMN_GAP ems; offsets relative to `first`. `x0` is where the printed line starts. Also,
    when they differ, the cells cut where the gap is wider than OBJECT_GAP ems between two text
    objects, as a table written cell by cell is read (`_cells_rejoined`)."""
    import pypdfium2.raw as raw

    handle, index = chars.handle, chars.index
    charbox = raw.FPDFText_GetCharBox
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    wide, apart = COLUMN_GAP * size, OBJECT_GAP * size
    cuts, soft = [], []  # the spaces cut at, by COLUMN_GAP and by OBJECT_GAP
    for space in _SPACES.finditer(chars.text, first, last):
        charbox(handle, index[space.start() - 1], left, right, bottom, top)
        word_end = right.value
        charbox(handle, index[space.end()], left, right, bottom, top)
        gap = left.value - word_end
        if gap > wide:
            cuts.append(space)
        elif gap > apart and _other_objects(handle, index[space.start() - 1], index[space.end()]):
            soft.append(space)
    cells = _cut(chars, first, last, x0, cuts)
    return cells, (_cut(chars, first, last, x0, sorted([*cuts, *soft], key=lambda m: m.start())) if soft else None)


def _cut(chars: _PageText, first: int, last: int, x0: float, spaces: list[re.Match[str]]) -> list[_Cell]:
    """text[first:last + 1] as the cells between `spaces`."""
    import pypdfium2.raw as raw

    handle, index = chars.handle, chars.index
    charbox = raw.FPDFText_GetCharBox
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    starts = [first, *(space.end() for space in spaces)]  # each cell's first and last character, absolute
    ends = [*(space.start() - 1 for space in spaces), last]
    cells = []
    for n, (run_first, run_last) in enumerate(zip(starts, ends, strict=True)):
        charbox(handle, index[run_first], left, right, bottom, top)
        start_x = x0 if n == 0 else left.value
        charbox(handle, index[run_last], left, right, bottom, top)
        bold, mono = _face(handle, index[run_first])
        # a cell's face is read past the signs TeX may set in a math font ("<dir>", `_lettered`);
        # one of signs alone ("<!--") is typewritten when any of them is
        lettered = _lettered(chars.text, run_first, run_last)
        if lettered is None:
            mono = any(_face(handle, index[k])[1] for k in range(run_first, run_last + 1))
        elif lettered != run_first:
            mono = _face(handle, index[lettered])[1]
        bold_end = bold and _face(handle, index[run_last])[0]
        cells.append(_Cell(run_first - first, run_last + 1 - first, start_x, right.value, bold, mono, bold_end))
    return cells


def _typewritten(chars: _PageText, first: int, last: int) -> bool:
    """Whether every word of text[first:last + 1] is set in a typewriter face, read past the signs
    TeX may set in a math font (`_lettered`; a word of those signs alone, such as "-->", counts for
    nothing). Asked only of a line whose first word is, so that prose pays nothing."""
    starts = (space.end() for space in _SPACES.finditer(chars.text, first, last))
    letters = (_lettered(chars.text, start, last) for start in starts)
    return all(_face(chars.handle, chars.index[at])[1] for at in letters if at is not None)


# Signs that TeX, in its original font encoding, takes from a math font even in a typewriter line:
# fonts-conf's PDF sets the "<" of "<?xml" in CMMI9 and the rest in NimbusMonL.
_MATH_SIGNS = "<>{}|\\"


def _lettered(text: str, start: int, last: int) -> int | None:
    """Where the face of the word at text[start:] is read: past the math signs it opens with, or
    None when it is made of nothing else (up to a space or past `last`)."""
    at = start
    while at <= last and text[at] in _MATH_SIGNS:
        at += 1
    return None if at > last or text[at] == " " else at


def _face(handle: object, index: int) -> tuple[bool, bool]:
    """Whether the character at `index` is set in a bold face, and in a typewriter face."""
    flags = ctypes.c_int()
    name = _font_name(handle, index, flags)
    bold = bool(_BOLD_FONT.search(name)) or bool(flags.value & _FORCE_BOLD)
    return bold, bool(MONO_FONT.search(name)) or bool(flags.value & _FIXED_PITCH)


def _font_name(handle: object, index: int, flags: ctypes.c_int) -> str:
    """The name of the font of the character at `index`; its descriptor's flags go to `flags`."""
    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(handle, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("latin-1")


# A footnote's number printed on its line: at the line's start before the note's text ("4The order p
# is set ..." in sandwich.pdf, "11In previous versions ..." in zoo.pdf), or after a word of three
# letters or more or a stop, before a space or a stop ("estimators4 "): not an exponent ("R2", "x2").
_NOTE_NUMBER = re.compile(
    r"(?:^|(?<=\n))(\d{1,3})(?= ?[^\W\d_])|(?:(?<=[^\W\d_]{3})|(?<=[.,;:)]))(\d{1,3})(?=[\s.,;:]|$)"
)


def _note_numbers(chars: _PageText) -> _PageText:
    """The page's text with footnote numbers set raised and smaller than the text beside them
    (`_NOTE_NUMBER`) written as superscripts, and a note's number parted from its first word by a
    space: "⁴ The order p is set ...", "estimators⁴ in". pdfium keeps them on their line, where
    "4The" and "estimators4" were words no one searches for (`_set_off` joins those it parts)."""
    import pypdfium2.raw as raw

    text, index, handle = chars.text, chars.index, chars.handle
    found = list(_NOTE_NUMBER.finditer(text))
    if not found:
        return chars
    x, y = ctypes.c_double(), ctypes.c_double()

    def base(k: int) -> float:
        raw.FPDFText_GetCharOrigin(handle, index[k], ctypes.byref(x), ctypes.byref(y))
        return y.value

    pieces: list[str] = []
    kept: list[int] = []
    at = 0
    for m in found:
        leading = m.group(1) is not None
        first, last = m.span(1 if leading else 2)
        spaced = leading and text[last] == " "
        beside = last + spaced if leading else first - 1  # the letter it is set beside
        size = _font_size(handle, index[beside])
        raised = base(first) - base(beside)
        if not (_font_size(handle, index[first]) <= 0.85 * size and 1.0 < raised <= 0.75 * size):
            continue
        pieces.append(text[at:first] + text[first:last].translate(_RAISED) + (" " if leading and not spaced else ""))
        kept.extend(index[at:last])
        if leading and not spaced:
            kept.append(index[last - 1])  # the space takes the number's glyph: no gap, no cell
        at = last
    if at == 0:
        return chars
    pieces.append(text[at:])
    kept.extend(index[at:])
    return _PageText("".join(pieces), kept, handle)


def _with_word_spaces(chars: _PageText) -> _PageText:
    """The page's text with a space written between two characters of a line that stand WORD_GAP
    apart or more on one baseline where pdfium wrote none (see WORD_GAP), measured between their
    loose boxes (from a glyph's origin to its advance, ascent to descent), which side bearings and
    a narrow glyph's margins ("1", "l", a typewriter ".") do not widen. The space takes the glyph
    before it (as in `_note_numbers`)."""
    import pypdfium2.raw as raw

    text, index, handle = chars.text, chars.index, chars.handle
    box = raw.FS_RECTF()
    loose = raw.FPDFText_GetLooseCharBox
    after: list[int] = []
    printed = False  # whether text[k - 1] is a printed character, its loose box in right, bottom, height
    right = bottom = height = 0.0
    for k, char in enumerate(text):
        if not char.isprintable() or char.isspace():
            printed = False
            continue
        loose(handle, index[k], box)
        left, low, tall = box.left, box.bottom, box.top - box.bottom
        if printed:
            tall = max(tall, height)
            if left - right >= WORD_GAP * tall and abs(low - bottom) < 0.2 * tall:
                after.append(k - 1)
        right, bottom, height, printed = box.right, low, box.top - low, True
    if not after:
        return chars
    pieces, kept, at = [], list(index), 0
    for k in after:
        pieces.append(text[at : k + 1])
        at = k + 1
    pieces.append(text[at:])
    for shift, k in enumerate(after):
        kept.insert(k + 1 + shift, index[k])
    return _PageText(" ".join(pieces), kept, handle)


def _with_underscores(chars: _PageText, rules: list[tuple[float, float, float]]) -> _PageText:
    """The page's text with the underscores drawn as rules written in: texinfo sets "_" outside a
    typewriter face as a short rule on the baseline ("struct sha256_ctx *ctx" in nettle.pdf,
    "asn1_node" in libtasn1.pdf), which pdfium's text lacks or gives as a space. A rule counts
    where it fills the gap between two characters of a line, at their baseline; the space in the
    gap becomes "_", or "_" is put in."""
    import pypdfium2.raw as raw

    if not rules:
        return chars
    text, index, handle = chars.text, list(chars.index), chars.handle
    rules = sorted(rules, key=lambda rule: rule[2])
    heights = [rule[2] for rule in rules]
    boxes: dict[int, tuple[float, float, float]] = {}
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))

    def box(k: int) -> tuple[float, float, float]:
        if k not in boxes:
            raw.FPDFText_GetCharBox(handle, index[k], left, right, bottom, top)
            boxes[k] = (left.value, right.value, bottom.value)
        return boxes[k]

    spaces: set[int] = set()  # a space to write as "_"
    after: set[int] = set()  # a character to put "_" after
    for k in range(len(text) - 1):
        if text[k].isspace() or not text[k].isprintable():
            continue
        j = k + 2 if text[k + 1] == " " and k + 2 < len(text) else k + 1
        if text[j].isspace() or not text[j].isprintable():
            continue
        (_, a_right, a_bottom), (b_left, _, b_bottom) = box(k), box(j)
        if b_left - a_right < 1.0:
            continue
        baseline = max(a_bottom, b_bottom)  # one of the two may reach below it ("p")
        near = rules[bisect.bisect_left(heights, baseline - 3.0) : bisect.bisect_right(heights, baseline + 1.5)]
        if any(x0 >= a_right - 1.0 and x1 <= b_left + 1.0 for x0, x1, _ in near):
            (spaces if j == k + 2 else after).add(k + 1 if j == k + 2 else k)
    if not spaces and not after:
        return chars
    out, out_index = [], []
    for k, char in enumerate(text):
        out.append("_" if k in spaces else char)
        out_index.append(index[k])
        if k in after:
            out.append("_")
            out_index.append(index[k])
    return _PageText("".join(out), out_index, handle)


def _flat_paths(page: object) -> list[tuple[float, float, float, float]]:
    """The page's flat paths, under 3 points tall (rules, underscores drawn as rules): x0, x1,
    height and thickness."""
    import pypdfium2.raw as raw

    handle = page.raw  # type: ignore[attr-defined]
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    paths = []
    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        if top.value - bottom.value < 3:
            paths.append((left.value, right.value, (top.value + bottom.value) / 2, top.value - bottom.value))
    return paths


def _figures(page: object) -> list[tuple[float, float, float, float]]:
    """The boxes (left, bottom, right, top) of the page's figures: forms placed on it that hold
    paths and text (see FIGURE_SHARE)."""
    import pypdfium2.raw as raw

    handle = page.raw  # type: ignore[attr-defined]
    width, height = page.get_size()  # type: ignore[attr-defined]
    bounds = [ctypes.c_float() for _ in range(4)]
    boxes = []
    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_FORM:
            continue
        raw.FPDFPageObj_GetBounds(obj, *bounds)
        left, bottom, right, top = (b.value for b in bounds)
        if (right - left) * (top - bottom) > FIGURE_SHARE * width * height:
            continue
        texts, paths = _drawn(obj)
        if texts and paths and texts <= FIGURE_TEXT * paths:
            boxes.append((left, bottom, right, top))
    return boxes


def _drawn(form: object, depth: int = 0) -> tuple[int, int]:
    """The text objects and paths a form holds, those of the forms inside it too."""
    import pypdfium2.raw as raw

    texts = paths = 0
    for index in range(raw.FPDFFormObj_CountObjects(form)):
        obj = raw.FPDFFormObj_GetObject(form, index)
        kind = raw.FPDFPageObj_GetType(obj)
        texts += kind == raw.FPDF_PAGEOBJ_TEXT
        paths += kind == raw.FPDF_PAGEOBJ_PATH
        if kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            inner = _drawn(obj, depth + 1)
            texts, paths = texts + inner[0], paths + inner[1]
    return texts, paths


def _inside(line: _Line, box: tuple[float, float, float, float]) -> bool:
    """Whether the line is printed within the box (a point of slack)."""
    left, bottom, right, top = box
    return left - 1 <= line.x0 and line.x1 <= right + 1 and bottom - 1 <= line.base and line.top <= top + 1


def _split_at_hyphens(piece: str, start: int, first: int, last: int) -> list[tuple[str, int, int, int]]:
    """A pdfium line as the lines it was printed on: pdfium joins a line ending in a broken word to
    the next one, marking the break; the line is cut again after the word. Returns, for each, its
    text, the offsets of its first and last characters, and the offset of the first character of
    the printed line it lies on (where the broken word's second part begins)."""
    out = []
    segment_start = line_first = first
    while True:
        mark = piece.find(_SOFT_HYPHEN, segment_start - start, last - start + 1)
        if mark < 0:
            break
        space = piece.find(" ", mark)
        cut = start + (space if 0 <= space <= last - start else last - start + 1)
        out.append((piece[segment_start - start : cut - start], segment_start, cut - 1, line_first))
        line_first = start + mark + 1
        segment_start = cut + 1 if cut <= last else cut
        while segment_start <= last and piece[segment_start - start] == " ":
            segment_start += 1
        if segment_start > last:
            return out
    out.append((piece[segment_start - start : last - start + 1], segment_start, last, line_first))
    return out


def _mark_running_lines(pages: list[list[_Line]]) -> None:
    """Mark running headers, footers and page numbers as boilerplate (see the module docstring)."""
    edges: list[tuple[list[_Line], list[_Line]]] = []
    for lines in pages:
        ordered = sorted(lines, key=lambda line: -line.top)
        edges.append((ordered[:2], ordered[-2:] if len(ordered) > 2 else ordered[2:]))
    tops = Counter(running_key(line.text) for top, _ in edges for line in top)
    bottoms = Counter(running_key(line.text) for _, bottom in edges for line in bottom)
    need = max(2, round(RUNNING_SHARE * len(pages))) if len(pages) >= RUNNING_PAGES else 10**9
    first_heights = Counter(round(top[0].top) for top, _ in edges if top)
    last_heights = Counter(round(bottom[-1].top) for _, bottom in edges if bottom)
    spacing = _typical_spacing(pages)
    bands, pitch = _edge_bands(pages)
    for lines, (top, bottom) in zip(pages, edges, strict=True):
        for line in top:
            if tops[running_key(line.text)] >= need or _PAGE_NUMBER.match(line.text.strip()):
                line.kind = "boilerplate"
        for line in bottom:
            if bottoms[running_key(line.text)] >= need or _PAGE_NUMBER.match(line.text.strip()):
                line.kind = "boilerplate"
        ordered = sorted(lines, key=lambda line: -line.top)
        if len(pages) >= 3 and len(ordered) >= 2:
            first, second = ordered[0], ordered[1]
            if first_heights[round(first.top)] >= 0.5 * len(pages) and first.top - second.top > 2.5 * spacing:
                first.kind = "boilerplate"
            last, above = ordered[-1], ordered[-2]
            if last_heights[round(last.top)] >= 0.5 * len(pages) and above.top - last.top > 2.5 * spacing:
                last.kind = "boilerplate"
            for line, inner, edge in ((first, second, 0), (last, above, 1)):
                if _around(bands[edge], line.top) and abs(line.top - inner.top) > BAND_LINE_GAP * pitch:
                    line.kind = "boilerplate"
    if len(pages) == 2:
        _mark_printout_edges(pages)
    _keep_cover_title(pages)


def _mark_printout_edges(pages: list[list[_Line]]) -> None:
    """A document of two pages, too few to tell a running line by how often it comes back: its top
    lines, and its bottom lines, are boilerplate when they read alike on both pages (numbers aside)
    and are set smaller than the body. A browser prints a web page so, the time and the page's title
    over each page, its address and "1/2" under it, and most pages print on two or three."""
    if not all(pages):
        return
    body = _body_size([line for lines in pages for line in lines])
    for edge in (0, -1):
        first, second = (sorted(lines, key=lambda line: -line.top)[edge] for lines in pages)
        if running_key(first.text) == running_key(second.text) and max(first.size, second.size) < body - 0.5:
            first.kind = second.kind = "boilerplate"


def _around(counts: Counter[int], top: float) -> int:
    """How many of `counts` (pages by the rounded height of a line) sit within HEIGHT_SLACK of `top`."""
    height = round(top)
    return sum(counts[h] for h in range(height - HEIGHT_SLACK, height + HEIGHT_SLACK + 1))


def _keep_cover_title(pages: list[list[_Line]]) -> None:
    """Take back from the boilerplate the largest text of the first page with text, its title,
    unless it comes back at its size on other pages: a title over the cover stands where running
    headers stand, and often reads as they do in a smaller face (shared-mime-info-spec.pdf: a 24.8
    pt title, the same words in 10 pt over every other page)."""
    shown = [n for n, lines in enumerate(pages) if lines]
    if not shown:
        return
    cover = pages[shown[0]]
    largest = max(line.size for line in cover)
    titles = [line for line in cover if line.size == largest and line.kind == "boilerplate"]
    if not titles:
        return
    again = {running_key(line.text) for lines in pages[shown[0] + 1 :] for line in lines if line.size == largest}
    for line in titles:
        if running_key(line.text) not in again and not _PAGE_NUMBER.match(line.text.strip()):
            line.kind = "text"


def _edge_bands(pages: list[list[_Line]]) -> tuple[tuple[Counter[int], Counter[int]], float]:
    """The heights (rounded points) of the page's top and bottom bands, each with the pages whose edge
    line sits there, and the body's line pitch. A band is a height where the first (last) line of at
    least half the pages sits (within HEIGHT_SLACK), on most of
    them more than BAND_GAP line pitches apart from the body and no larger than the body text:
    a running header or footer whose text changes from chapter to chapter (Apache FOP's chapter
    title over the page in fhs-3.0.pdf), which the repeated-text rule misses. A body line that
    starts many pages at the top margin is followed at a line's pitch on most of them, and a
    chapter's title is set larger than the body."""
    pitch = _line_pitch(pages)
    if len(pages) < 3:
        return (Counter(), Counter()), pitch
    sizes = Counter[float]()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    found: tuple[Counter[int], Counter[int]] = (Counter(), Counter())
    for edge in (0, 1):
        gaps: dict[int, list[float]] = {}
        for lines in pages:
            ordered = sorted(lines, key=lambda line: -line.top)
            if len(ordered) < 3:
                continue  # a page of two lines has no body for either to stand apart from
            line, inner = (ordered[0], ordered[1]) if edge == 0 else (ordered[-1], ordered[-2])
            if line.size <= body + 0.5:
                gaps.setdefault(round(line.top), []).append(abs(line.top - inner.top))
        for height in gaps:
            apart = [gap for h in range(height - HEIGHT_SLACK, height + HEIGHT_SLACK + 1) for gap in gaps.get(h, [])]
            if len(apart) >= 0.5 * len(pages) and statistics.median(apart) > BAND_GAP * pitch:
                found[edge][height] = len(apart)
    return found, pitch


def _line_pitch(pages: list[list[_Line]]) -> float:
    """The most common distance (points, to half a point) between a line and the next one of the
    same size below it: the leading of the body's paragraphs, which the median of all gaps
    overstates where paragraphs and table rows stand apart."""
    gaps = Counter(
        round(2 * (a.top - b.top)) / 2
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if a.size == b.size and 0 < a.top - b.top < 2 * max(a.size, 1)
    )
    return gaps.most_common(1)[0][0] if gaps else 12.0


def _typical_spacing(pages: list[list[_Line]]) -> float:
    gaps = [
        a.top - b.top for lines in pages for a, b in itertools.pairwise(lines) if 0 < a.top - b.top < 4 * max(a.size, 1)
    ]
    return statistics.median(gaps) if gaps else 12.0


def _mark_contents(pages: list[list[_Line]]) -> None:
    """Mark contents lines as boilerplate: dot leaders anywhere, and a page number read apart beside
    them; on a contents page, every line ending in a page number or with one read apart beside it,
    the first line of an entry whose leader is on the next line and the lines above it that the
    entry wrapped over (up to MAX_TITLE_LINES, set at the leader's size), a line of subsections run
    in with their pages, and the page's "Contents" title."""
    for lines in pages:
        text_lines = [line for line in lines if line.kind == "text"]
        leaders = [line for line in text_lines if _LEADER.search(line.text)]
        dots = [line for line in text_lines if _DOTS.search(line.text) and not _LEADER.search(line.text)]
        numbers = [line for line in text_lines if _PAGE_NUMBER.match(line.text.strip())]
        beside = [(a, b) for a in dots for b in numbers if abs(a.top - b.top) <= HEIGHT_SLACK]
        leaders += list(dict.fromkeys(a for a, _ in beside))
        for line in [*leaders, *(b for _, b in beside)]:
            line.kind = "boilerplate"
        apart = {id(number) for _, number in beside}  # not a line of the page's own: its leader's
        text_lines = [line for line in text_lines if id(line) not in apart]
        numbered = [line for line in text_lines if _ENDS_IN_NUMBER.search(line.text)]
        # titled "Contents", or under a running header that says so ("CONTENTS 4", the contents' second page)
        highest = max((line.top for line in text_lines), default=0.0)
        headed = [line for line in lines if line.kind == "boilerplate" and line.top > highest]
        titled = any(
            _CONTENTS_TITLE.match(_PAGE_NUMBERED.sub("", line.text).strip()) for line in headed + text_lines[:3]
        )
        many = 0.4 * len(text_lines)
        if text_lines and (len(leaders) >= many or (titled and len(numbered) >= many)):
            wrapped, size = 0, 0.0  # the lines below, up to a leader's, an entry wrapped over; its size
            for line in reversed(text_lines):
                if line.kind == "boilerplate" and _LEADER.search(line.text):
                    wrapped, size = 1, line.size
                elif (
                    0 < wrapped < MAX_TITLE_LINES
                    and (wrapped == 1 or abs(line.size - size) < 0.5)  # not the heading over the entries
                    and not _ENDS_IN_NUMBER.search(line.text)
                ):
                    line.kind = "boilerplate"
                    wrapped += 1
                else:
                    wrapped = 0
                title = _CONTENTS_TITLE.match(_PAGE_NUMBERED.sub("", line.text).strip())
                paged = any(abs(number.top - line.top) <= HEIGHT_SLACK for number in numbers if number is not line)
                if title or paged or _ENDS_IN_NUMBER.search(line.text) or _RUN_IN.search(line.text):
                    line.kind = "boilerplate"


def _mark_index(pages: list[list[_Line]]) -> None:
    """Mark an index's lines as boilerplate on a page made mostly of them (MIN_INDEX_LINES at least,
    and INDEX_SHARE of the lines left as text, the entries with leaders being set aside already):
    entries listing their pages without leaders, pages wrapped onto a line of their own, an entry
    whose pages wrapped below its leader, and the short lines among them (four words at most, or
    ending in a comma) that head a group of entries ("C", "options:") or begin an entry wrapped onto
    the next line. A sentence on the page stays."""
    for lines in pages:
        text_lines = [line for line in lines if line.kind == "text"]
        entries = sum(
            bool(_INDEX_LINE.match(text := line.text.strip())) and not _LONE_PAGE.match(text) for line in text_lines
        )
        if entries < MIN_INDEX_LINES or entries < INDEX_SHARE * len(text_lines):
            continue
        for line in text_lines:
            text = line.text.strip()
            wrapped = len(text.split()) <= 4 or text.endswith(",")  # "GroupHomomorphismByImages vs.", "options:"
            if wrapped or _INDEX_LINE.match(text) or _OPEN_LEADER.search(text):
                line.kind = "boilerplate"


def _mark_contents_lists(pages: list[list[_Line]]) -> None:
    """Mark as boilerplate a contents list set inside a page, as papers set one under their abstract
    (MNRAS's guide, without page numbers; the APS guide's, numbers without leaders): a line reading
    "Contents" and the lines under it in one size (smaller lines between them, a column's footnotes,
    are passed over), none in bold, closing no sentence, of a few words each, at least
    MIN_CONTENTS_ENTRIES of them and most opening with a section's number."""
    for lines in pages:
        for n, title in enumerate(lines):
            if not _CONTENTS_TITLE.match(title.text.strip()):
                continue
            run: list[_Line] = []
            for line in lines[n + 1 :]:
                if line.kind != "text" and _ENDS_IN_NUMBER.search(line.text):
                    run.append(line)  # an entry the rules above found
                    continue
                if _in_bold(line):
                    break
                if run and line.size < run[0].size - 0.5:
                    continue  # a footnote the column ends with, the list going on in the next one
                if run and line.size > run[0].size + 0.5:
                    break
                if _CLOSES.search(line.text) or len(line.text.split()) > MAX_ENTRY_WORDS:
                    break
                run.append(line)
            numbered = sum(1 for line in run if _ENTRY_NUMBER.match(line.text.strip()))
            if len(run) >= MIN_CONTENTS_ENTRIES and numbered >= 0.6 * len(run):
                for line in (title, *run):
                    line.kind = "boilerplate"


def _find_structure(pages: list[list[_Line]], rules: list[list[tuple[float, float, float]]], body: float) -> None:
    """Find the tables and definitions of every page (see the module docstring): each of their
    lines gets the row or definition it belongs to as its `part`."""
    spacing = _typical_spacing(pages)
    table: _Table | None = None  # the table the page before ended with
    terms: tuple[float, float, int] | None = None  # the definition list it ended with: columns, group
    tables = lists = 0
    for page, page_rules in zip(pages, rules, strict=True):
        lines = [line for line in page if line.kind == "text" and line.text.strip()]
        dashed = [line for line in lines if _DASHES.fullmatch(line.text.strip())]
        if dashed:  # rules drawn with dashes, as a typewriter table's under its header
            page_rules = [*page_rules, *((ln.x0, ln.x1, ln.top - 0.5 * ln.size) for ln in dashed)]
            lines = [line for line in lines if line not in dashed]
        table, tables = _page_tables(lines, page_rules, spacing, body, table, tables)
        for line in dashed:
            if _between_rows(line, lines):
                line.kind = "boilerplate"  # the table's rule, not its text
        terms, lists = _page_definitions(lines, spacing, body, terms, lists)


def _between_rows(dashes: _Line, lines: list[_Line]) -> bool:
    """Whether a line of dashes stands between two rows of one table, the lines nearest above and
    below it."""
    above = [line for line in lines if line.top > dashes.top]
    below = [line for line in lines if line.top < dashes.top]
    if not above or not below:
        return False
    upper = min(above, key=lambda line: line.top).part
    lower = max(below, key=lambda line: line.top).part
    return isinstance(upper, _Row) and isinstance(lower, _Row) and upper.table == lower.table


def _page_tables(
    lines: list[_Line],
    rules: list[tuple[float, float, float]],
    spacing: float,
    body: float,
    carried: _Table | None,
    number: int,
) -> tuple[_Table | None, int]:
    """Read the page's tables; returns the table still open at its foot and the next table number."""
    i = 0
    open_table: _Table | None = None
    while i < len(lines):
        if len(lines[i].cells) < 2 or _is_heading(lines[i], body) or _signature(lines[i]):
            i += 1
            continue
        run = lines[i : _run_end(lines, i, spacing, body)]
        read = _read_table(run, rules, carried if i == 0 else None, number)
        if read is None:
            i += 1
            continue
        table, taken = read
        if carried is None or table.number != carried.number:
            number += 1
        i += taken
        open_table = table if i >= len(lines) else None
    return open_table, number


def _run_end(lines: list[_Line], i: int, spacing: float, body: float) -> int:
    """Where a stretch of lines that may hold a table, from the cut line `i`, ends: each line close
    to the one before (a little above it, within a row of centred cells, or below), at most three in
    a row that are not cut in cells."""
    end = i + 1
    loose = 0
    for j in range(i + 1, min(len(lines), i + MAX_RUN_LINES)):
        line, previous = lines[j], lines[j - 1]
        drop = previous.top - line.top
        if _is_heading(line, body) or _signature(line) or not -2.0 * spacing <= drop <= 2.5 * spacing:
            break
        loose = 0 if len(line.cells) > 1 else loose + 1
        if loose > 3:
            break
        end = j + 1
    return end


def _read_table(
    run: list[_Line], rules: list[tuple[float, float, float]], carried: _Table | None, number: int
) -> tuple[_Table, int] | None:
    """The table at the start of `run`, if there is one, and how many of its lines it takes. A
    table carried from the page before goes on when its columns come back."""
    limit = len(run)
    while True:
        taken, columns = _extent(run[:limit], carried.columns if carried is not None else [])
        if carried is not None and not _same_columns(columns, carried.columns):
            carried = None
            continue
        rows = _rows(run[:taken], columns)
        while rows and sum(1 for cell in rows[-1][1] if cell) < 2:  # a trailing line in one column alone
            taken -= len(rows.pop()[0])
        if taken == limit or not rows:
            break
        limit = taken  # read again without the lines set aside: their cells made columns too
    bold = carried is None and _bold_header(rows, columns)
    ruled = carried is None and _ruled_header(rows, rules, columns)
    typed = ruled or (carried is not None and carried.typed)
    if not _tabular(rows, columns, 1 if carried is not None else 2 if bold else MIN_TABLE_ROWS, typed=typed):
        return None
    if carried is not None:
        table = carried
        header = carried.header is not None and rows[0][1] == carried.header
    else:
        header = bold or ruled or _years_header(rows) or heads_figures([cells for _, cells in rows])
        table = _Table(number, columns, rows[0][1] if header else None, typed=ruled)
    if len(columns) == 2 and table.header is None and all(_opens_row(lines[0], columns) for lines, _ in rows):
        stacked: list[_Line] = []  # terms alone on their rows, over the next row's term ("-q", "--quiet")
        for lines, cells in rows:
            if not cells[1] and len(stacked) + len(lines) < MAX_TERM_LINES:
                stacked += lines
                continue
            split = next((c.start for c in lines[0].cells if _slot(c, columns) == 1), -1)
            definition = _Definition([*stacked, *lines], len(stacked) + 1, split, columns[1][0], table=table.number)
            for line in definition.lines:
                line.part = definition
            stacked = []
        return table, taken
    for n, (lines, cells) in enumerate(rows):
        row = _Row(lines, cells, table.number, header and n == 0)
        for line in lines:
            line.part = row
    return table, taken


def _extent(run: list[_Line], columns: list[_Span]) -> tuple[int, list[_Span]]:
    """How many lines from the start of `run` stand in columns, and the columns (x0, x1): the
    cells of the lines taken, projected on the x axis, overlapping ones merged. The first line
    with a cell across the gap between two columns (running text, a caption), or a caption
    ("Table 1.9: ..."), ends them."""
    spans = list(columns)
    for n, line in enumerate(run):
        if n and _CAPTION.match(line.text):
            return n, spans
        cells = [(cell.x0, cell.x1) for cell in line.cells]
        alone = sum(1 for x0, x1 in cells if not any(x0 <= b + ALIGN and x1 >= a - ALIGN for a, b in spans))
        merged = _merge([*spans, *cells])
        if spans and len(merged) < len(spans) + alone:
            return n, spans
        spans = merged
    return len(run), spans


def _merge(spans: list[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for x0, x1 in sorted(spans):
        if merged and x0 <= merged[-1][1] + ALIGN:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _same_columns(found: list[_Span], columns: list[_Span]) -> bool:
    return len(found) == len(columns) and all(
        abs(a[0] - b[0]) <= 2 * ALIGN for a, b in zip(found, columns, strict=True)
    )


def _slot(cell: _Cell, columns: list[_Span]) -> int:
    """The column a cell stands in."""
    return next((c for c, (x0, x1) in enumerate(columns) if x0 - ALIGN <= cell.x0 <= x1 + ALIGN), -1)


def _opens_row(line: _Line, columns: list[_Span]) -> bool:
    return any(_slot(cell, columns) == 0 for cell in line.cells)


def _rows(run: list[_Line], columns: list[_Span]) -> list[tuple[list[_Line], list[str]]]:
    """The lines of `run` as rows of cells. A line with text in the first column, or in every
    other column (of three or more), opens a row, unless it goes on a row written cell by cell
    (`_Line.row_goes_on`); any other goes on with the row before: producers write a cell's lines one
    after the other, so a line across several cells is a row."""
    rows: list[tuple[list[_Line], list[str]]] = []
    for line in run:
        slots = [_slot(cell, columns) for cell in line.cells]
        opens = 0 in slots or len(set(slots)) == len(columns) - 1 > 1  # a row with its first cell empty
        if not rows or (opens and not line.row_goes_on):
            rows.append(([], [""] * len(columns)))
        lines, cells = rows[-1]
        lines.append(line)
        for cell, slot in zip(line.cells, slots, strict=True):
            text = " ".join(line.text[cell.start : cell.end].replace(_SOFT_HYPHEN, "-").split())
            cells[slot] = f"{cells[slot]} {text}" if cells[slot] else text
    return rows


def _tabular(rows: list[tuple[list[_Line], list[str]]], columns: list[_Span], least: int, typed: bool = False) -> bool:
    """Whether rows read from the layout are a table: at least `least` of them (one for a table
    going on from the page before), most with two cells or more, and not code, a numbered listing,
    running text or contents (see the module docstring). With `typed` (a rule under the first row
    alone, as a typewriter table draws with dashes under its header), rows in a typewriter face
    may be a table."""
    continued = least == 1
    if len(columns) < 2 or len(rows) < least:
        return False
    cut = [line for lines, _ in rows for line in lines if len(line.cells) > 1]
    full = sum(sum(1 for c in cells if c) >= 2 for _, cells in rows)
    if len(cut) < (1 if continued else 2) or full < 0.6 * len(rows):
        return False
    if not continued and any(sum(1 for _, cells in rows if cells[c]) < 2 for c in range(len(columns))):
        return False  # a column only one row stands in: words spread out by justification
    placed: list[list[_Cell]] = [[] for _ in columns]
    for lines, _ in rows:
        for line in lines:
            for cell in line.cells:
                placed[_slot(cell, columns)].append(cell)
    if not all(_aligned(cells) for cells in placed if len(cells) >= 3):
        return False  # cells that share no edge: gaps that happen to line up
    printed = [(cell.end - cell.start, cell.mono) for lines, _ in rows for line in lines for cell in line.cells]
    if not typed and sum(size for size, mono in printed if mono) >= CODE_SHARE * sum(size for size, _ in printed):
        return False
    firsts = [cells[0] for _, cells in rows]
    if all(_MARKER_CELL.match(f) for f in firsts if f):
        return False  # a list: bullets or numbers, each before its item
    if all(_ARABIC.fullmatch(f) for f in firsts):
        steps = [int(b) - int(a) for a, b in itertools.pairwise(firsts)]
        if all(step > 0 for step in steps) and steps.count(1) >= 0.7 * len(steps):
            return False  # line numbers
    long = 0
    for c in range(len(columns)):
        texts = [cells[c] for _, cells in rows if cells[c]]
        long += bool(texts) and sum(len(t.split()) for t in texts) >= PROSE_CELL_WORDS * len(texts)
    if long > 1:
        return False
    lasts = [cells[-1] for _, cells in rows if cells[-1]]
    numbers = [int(t) for t in lasts if _ARABIC.fullmatch(t)]
    contents = len(lasts) >= 0.6 * len(rows) and all(_NUMBER_CELL.match(t) for t in lasts)
    return not (contents and numbers == sorted(numbers))


def _aligned(cells: list[_Cell]) -> bool:
    """Whether most of a column's cells start, end or are centred at one x, as table cells are."""
    need = 0.7 * len(cells)
    for xs in ([c.x0 for c in cells], [c.x1 for c in cells], [(c.x0 + c.x1) / 2 for c in cells]):
        xs.sort()
        low = 0
        for high, x in enumerate(xs):  # the most xs within 4 ALIGN of one another
            while x - xs[low] > 4 * ALIGN:
                low += 1
            if high - low + 1 >= need:
                return True
    return False


def _bold_header(rows: list[tuple[list[_Line], list[str]]], columns: list[_Span]) -> bool:
    """Whether the first row is a header by its face: its cells bold, and the cells below them
    mostly not in some column (a first column of bold keys is no header)."""
    first = [cell for line in rows[0][0] for cell in line.cells] if len(rows) > 1 else []
    if not first or not all(cell.bold for cell in first):
        return False
    rest = [cell for lines, _ in rows[1:] for line in lines for cell in line.cells]
    for c in {_slot(cell, columns) for cell in first}:
        below = [cell.bold for cell in rest if _slot(cell, columns) == c]
        if below and sum(below) < 0.5 * len(below):
            return True
    return False


def _years_header(rows: list[tuple[list[_Line], list[str]]]) -> bool:
    return len(rows) > 1 and heads_years(rows[0][1])


def _ruled_header(
    rows: list[tuple[list[_Line], list[str]]], rules: list[tuple[float, float, float]], columns: list[_Span]
) -> bool:
    """Whether the first row is a header by the rules: one under it and under no other row but the
    last, across at least half the table."""
    if len(rows) < 2:
        return False
    left, right = columns[0][0], columns[-1][1]

    def ruled(upper: list[_Line], lower: list[_Line]) -> bool:
        low = min(line.top - 0.3 * line.size for line in upper)
        high = max(line.top for line in lower)
        return any(high < y < low and min(x1, right) - max(x0, left) >= 0.5 * (right - left) for x0, x1, y in rules)

    between = [ruled(a[0], b[0]) for a, b in itertools.pairwise(rows)]
    return between[0] and not any(between[1:-1])


def _page_definitions(
    lines: list[_Line], spacing: float, body: float, carried: tuple[float, float, int] | None, groups: int
) -> tuple[tuple[float, float, int] | None, int]:
    """Read the page's definition lists from the lines no table took; returns the list still open at
    the page's foot (its term and description columns and its group) and the next group number."""
    n = 0
    while n < len(lines):
        n, signature = _signature_at(lines, n, spacing, body)
        if signature is not None:
            signature.group = groups
            groups += 1
            for line in signature.lines:
                line.part = signature
    found: list[tuple[int, int, _Definition]] = []  # first line, end, definition
    i = 0
    while i < len(lines):
        read = _definition_at(lines, i, spacing, body)
        if read is None:
            i += 1
            continue
        found.append((i, read[0], read[1]))
        i = read[0]
    runs: list[list[tuple[int, int, _Definition]]] = []
    for item in found:
        if runs and _same_list(runs[-1][-1], item, lines):
            runs[-1].append(item)
        else:
            runs.append([item])
    open_list = None
    for k, items in enumerate(runs):
        term_x, column = items[0][2].lines[0].x0, items[0][2].column
        goes_on = (
            k == 0
            and carried is not None
            and abs(term_x - carried[0]) <= ALIGN
            and abs(column - carried[1]) <= ALIGN
            and all(line.x0 >= column - ALIGN for line in lines[: items[0][0]])
        )
        if len(items) < 2 and not goes_on:
            start, _, alone = items[0]
            hanging = _hanging(alone)
            if hanging is None:
                continue
            items = [(start, start + len(hanging.lines), hanging)]
        group = carried[2] if goes_on and carried is not None else groups
        groups += group == groups
        for _, _, definition in items:
            definition.group = group
            for line in definition.lines:
                line.part = definition
        if items[-1][1] == len(lines):
            open_list = (term_x, column, group)
    return open_list, groups


def _hanging(definition: _Definition) -> _Definition | None:
    """A definition read alone, when it is one all the same, up to the first line of code under it:
    a term of one line in a typewriter or bold face, its description beside it and under it at the
    description's column (texinfo's `@table` item "pair  complex number, ..." between paragraphs
    of prose); else None."""
    term = definition.lines[0]
    if definition.terms != 1 or definition.split <= 0 or not term.cells:
        return None
    if not (term.cells[0].mono or term.cells[0].bold or term.bold_lead):
        return None
    below = list(itertools.takewhile(lambda line: not line.mono, definition.lines[1:]))
    if not below or any(abs(line.x0 - definition.column) > ALIGN for line in below):
        return None
    return replace(definition, lines=[term, *below])


def _definition_at(lines: list[_Line], i: int, spacing: float, body: float) -> tuple[int, _Definition] | None:
    """The definition whose term starts at line `i`, and the end of its lines, or None."""
    first = lines[i]
    if (
        first.part is None
        and first.bold_lead
        and not _is_heading(first, body)
        and (hanging := _bold_term_at(lines, i, spacing)) is not None
    ):
        return hanging
    if first.part is not None or not _term_like(first, body):
        return None
    if i and lines[i - 1].part is None and _runs_on(lines[i - 1], first, spacing):
        return None  # the last line of a paragraph
    terms = [first]
    k = i + 1
    while True:
        last = terms[-1]
        if any(len(last.text[cell.start : cell.end].split()) <= 3 for cell in last.cells[2:]):
            return None  # short cells beside: a row of a table too short to be read as one
        if len(last.cells) > 1:  # the description starts beside the term (a justified one may have wide gaps)
            split, column = last.cells[1].start, last.cells[1].x0
            break
        if k >= len(lines):
            return None
        following = lines[k]
        if following.part is not None or not _below(last, following, spacing):
            return None
        if following.x0 >= first.x0 + COLUMN_GAP * following.size:
            split, column = -1, following.x0
            break
        if abs(following.x0 - first.x0) > ALIGN or len(terms) == MAX_TERM_LINES or not _term_like(following, body):
            return None
        terms.append(following)
        k += 1
    if len(terms) > 1 and i and lines[i - 1].part is None and _runs_on(lines[i - 1], first, spacing, closed=True):
        return None  # a sentence's last line over a term: "The exceptions are" over "Unix-alikes"
    description: list[_Line] = []
    previous = terms[-1]
    while k < len(lines):
        following = lines[k]
        if following.part is not None or abs(following.x0 - column) > ALIGN or not _below(previous, following, spacing):
            break
        if _is_heading(following, body) or _BULLET.match(following.text.strip()):
            break
        description.append(following)
        previous = following
        k += 1
    if split < 0 and not description:
        return None
    if split < 0 and k < len(lines) and _opens_paragraph(description[-1], lines[k], first, spacing):
        return None  # an indented first line whose sentence goes on at the margin: a paragraph
    below = lines[k] if k < len(lines) and _below(previous, lines[k], spacing) else None
    if split < 0 and len(description) == 1 and below is not None and below.x0 >= column + COLUMN_GAP * below.size:
        return None  # a heading over a list whose terms are indented: the "description" is a term
    faces = [cell.mono for cell in terms[-1].cells[1:2]] + [line.cells[0].mono for line in description]
    if all(faces):
        return None  # code under a short line
    if split >= 0 and _NUMBER_CELL.match(terms[-1].text[split:].strip()):
        return None  # a contents line: a title and its page number
    return k, _Definition([*terms, *description], len(terms), split, column)


def _bold_term_at(lines: list[_Line], i: int, spacing: float) -> tuple[int, _Definition] | None:
    """The definition a bold term opens at line `i` with its description beside it, going on in the
    lines set in deeper under it (a hanging indent: SDCC's "--max-allocs-per-node Setting this to a
    high value ..." over "use during compilation) and more optimized code ..."), and the end of its
    lines; None when no line under it is set in so, in the term line's size, or when the term's
    line stops short of them (a title over its authors is no term)."""
    first = lines[i]
    description: list[_Line] = []
    previous = first
    for following in lines[i + 1 :]:
        column = description[0].x0 if description else first.x0 + HANGING_INDENT
        aligned = abs(following.x0 - column) <= ALIGN if description else following.x0 >= column
        if (
            following.part is not None
            or following.mono
            or abs(following.size - first.size) > 0.5
            or not aligned
            or not _below(previous, following, spacing)
        ):
            break
        description.append(following)
        previous = following
    if not description or first.x1 < max(line.x1 for line in description) - WRAP_SLACK:
        return None  # the term's line is wrapped, its description going on under it: it runs as far
    return i + 1 + len(description), _Definition([first, *description], 1, first.bold_lead, description[0].x0)


def _signature_at(lines: list[_Line], i: int, spacing: float, body: float) -> tuple[int, _Definition | None]:
    """The texinfo definition whose first signature line is line `i`, if there is one, and the
    line to look at next: its signature lines (more signatures sharing one description, and the
    lines a signature runs on to while its parentheses are open) are the term; the paragraph
    indented below them, the description."""
    first = lines[i]
    if first.part is not None or not _signature(first):
        return i + 1, None
    terms, k = [first], i + 1
    while k < len(lines):
        line, open_parens = lines[k], sum(t.text.count("(") - t.text.count(")") for t in terms)
        if line.part is not None or not _below(terms[-1], line, spacing) or _is_heading(line, body):
            return k, None
        stacked = _signature(line) and abs(line.x0 - first.x0) <= ALIGN
        if not stacked and not (open_parens > 0 and line.x0 > first.x0 + ALIGN):
            break
        terms.append(line)
        k += 1
    description: list[_Line] = []
    while k < len(lines) and lines[k].part is None and lines[k].x0 > first.x0 + COLUMN_GAP * lines[k].size:
        line = lines[k]
        if description and abs(line.x0 - description[0].x0) > ALIGN:
            break
        if not _below(terms[-1] if not description else description[-1], line, spacing) or _signature(line):
            break
        description.append(line)
        k += 1
    if not description:
        return k, None
    return k, _Definition([*terms, *description], len(terms), -1, description[0].x0)


def _term_like(line: _Line, body: float) -> bool:
    """A short run of words at a line's start, not ending a sentence: a term, an option."""
    cell = line.cells[0] if line.cells else _Cell(0, len(line.text), line.x0, line.x1)
    text = line.text[cell.start : cell.end]
    words = text.split()
    return (
        0 < len(words) <= MAX_TERM_WORDS
        and words[0] not in _CONJUNCTIONS
        and len(text) <= 60
        and not _TERMINAL.search(text)
        and not _BULLET.match(line.text.strip())
        and not _is_heading(line, body)
        and not _signature(line)
        and not _numbered_heading(line)
    )


def _numbered_heading(line: _Line) -> bool:
    """Whether a line is a section's number and title set wholly in bold at the body's size, the
    number an em or more from the title ("1  Introduction" in TUGboat's papers), which would
    otherwise read as a term and the description beside it."""
    if len(line.cells) < 2 or not _in_bold(line):
        return False
    number = line.text[line.cells[0].start : line.cells[0].end].strip()
    return bool(_SECTION_NUMBER.match(number)) and made_heading(line.text[line.cells[1].start :])


def _signature(line: _Line) -> bool:
    """A texinfo definition line: a function's or variable's signature, its category ("[Function]")
    at the right margin. Neither a table row nor a term of the layouts above (_signature_at)."""
    last = line.cells[-1]
    return len(line.cells) > 1 and bool(_CATEGORY.match(line.text[last.start : last.end]))


def _below(upper: _Line, lower: _Line, spacing: float) -> bool:
    return 0 < upper.top - lower.top <= 1.6 * spacing


def _runs_on(previous: _Line, line: _Line, spacing: float, closed: bool = False) -> bool:
    """Whether `line` reads as the end of the paragraph `previous` belongs to: the line over it at
    the same x, a line of prose left open (or, when `closed`, any line of prose but one that
    introduces what follows with a colon)."""
    ends = previous.text.rstrip().endswith(":") if closed else _TERMINAL.search(previous.text)
    return (
        _below(previous, line, spacing)
        and abs(previous.x0 - line.x0) <= ALIGN
        and len(previous.cells) == 1
        and len(previous.text.split()) > MAX_TERM_WORDS
        and not ends
    )


def _opens_paragraph(last: _Line, following: _Line, term: _Line, spacing: float) -> bool:
    """Whether a definition's description, `last` its last line, is rather a paragraph's indented
    first line around a command displayed in a smaller face: its sentence is left open and goes on
    in `following`, back at the term's x (an option list's terms are the size of its prose)."""
    return (
        term.size < last.size - 0.5
        and _below(last, following, spacing)
        and abs(following.x0 - term.x0) <= ALIGN
        and not _TERMINAL.search(last.text)
        and not last.text.rstrip().endswith(",")
    )


def _same_list(before: tuple[int, int, _Definition], after: tuple[int, int, _Definition], lines: list[_Line]) -> bool:
    """Whether two definitions are of one list: the same term and description columns, and only
    the first one's further description paragraphs between them."""
    first, second = before[2], after[2]
    return (
        abs(first.lines[0].x0 - second.lines[0].x0) <= ALIGN
        and abs(first.column - second.column) <= ALIGN
        and all(line.part is None and line.x0 >= first.column - ALIGN for line in lines[before[1] : after[0]])
    )


def _rejoin_hyphens(lines: list[_Line]) -> None:
    """Write each word broken at a line end whole on the first line (see the module docstring);
    table rows and terms stay as printed."""
    vocabulary = {w.casefold() for line in lines for w in _WORD.findall(line.text.replace(_SOFT_HYPHEN, " "))}
    body = [line for line in lines if line.kind == "text"]
    for n, line in enumerate(body):
        if _printed_as_is(line) or line.mono:
            continue
        marked = _SOFT_HYPHEN in line.text
        if marked:
            head, _, tail = line.text.rpartition(_SOFT_HYPHEN)
            left = re.search(r"[^\W\d_]+$", head)
            right = re.match(r"[^\W\d_]+", tail)
            if left and right:
                joiner = hyphen_joiner(left.group(), right.group(), vocabulary, wrapped=True)
                line.text = f"{head}{joiner}{tail}"
            else:
                line.text = line.text.replace(_SOFT_HYPHEN, "-")
            continue
        if n + 1 < len(body) and re.search(r"[^\W_]_$", line.text):
            _rejoin_identifier(line, body[n + 1])
            continue
        if n + 1 >= len(body) or not re.search(r"[^\W\d_]-$", line.text):
            continue
        following = body[n + 1]
        if isinstance(following.part, _Row) or _term_line(following):
            continue
        right = re.match(r"([^\W\d_]+)([.,;:!?)\]”’\"']*)(?:\s+|$)", following.text)
        if right is None or not right.group(1)[0].islower():
            continue
        left = re.search(r"[^\W\d_]+(?=-$)", line.text)
        assert left is not None
        joiner = hyphen_joiner(left.group(), right.group(1), vocabulary, wrapped=True)
        line.text = f"{line.text[:-1]}{joiner}{right.group(1)}{right.group(2)}"
        following.text = following.text[right.end() :]
    for line in lines:
        line.text = line.text.replace(_SOFT_HYPHEN, "-")


def _rejoin_identifier(line: _Line, following: _Line) -> None:
    """An identifier broken after an underscore at a line's end ("GCM_" / "DIGEST_SIZE", as
    texinfo breaks them in nettle.pdf) is written whole on the first line."""
    if isinstance(following.part, _Row) or _term_line(following):
        return
    rest = re.match(r"[^\W_]\w*[.,;:!?)\]”’\"']*(?:\s+|$)", following.text)
    if rest is not None:
        line.text += rest.group().rstrip()
        following.text = following.text[rest.end() :]


def _term_line(line: _Line) -> bool:
    part = line.part
    return isinstance(part, _Definition) and any(term is line for term in part.lines[: part.terms])


def _printed_as_is(line: _Line) -> bool:
    """A table row's line, or a line holding a term alone: cells and terms keep their offsets."""
    part = line.part
    if isinstance(part, _Row):
        return True
    if isinstance(part, _Definition):
        alone = part.lines[: part.terms - 1] if part.split >= 0 else part.lines[: part.terms]
        return any(term is line for term in alone)
    return False


def _body_size(lines: list[_Line]) -> float:
    """The size of the running text: the one most letters are set in, unless another is the size
    most of a page's letters are set in on BODY_PAGES times as many pages, and BODY_MIN_PAGES at
    least. Letters alone favour an appendix set small over a few pages: mhchem's manual sets 27,600
    letters in its six pages of hazard statements at 9 points, 20,400 in the running text of its
    other 23 pages at 10.9."""
    sizes = Counter[float]()
    pages: dict[int, Counter[float]] = {}
    for line in lines:
        if line.kind == "text":
            sizes[line.size] += len(line.text)
            pages.setdefault(line.page, Counter())[line.size] += len(line.text)
    if not sizes:
        return 10.0
    most = sizes.most_common(1)[0][0]
    bodies = Counter(page.most_common(1)[0][0] for page in pages.values())
    paged, count = bodies.most_common(1)[0]
    return paged if count >= max(BODY_PAGES * bodies[most], BODY_MIN_PAGES) else most


def _blocks(pages: list[list[_Line]], body: float, outlined: dict[int, int]) -> list[_Block]:
    """The content lines of every page grouped into blocks, in reading order; a paragraph (or a
    description) left open at a page's foot carries on into the next page's first paragraph. Table
    rows and definitions are the blocks their lines were found to make. `outlined`: the depth of
    each outline entry a line prints (`_mark_outline`)."""
    heading_sizes = sorted({line.size for page in pages for line in page if _is_heading(line, body)}, reverse=True)
    outline_levels = _outline_levels(pages, body, heading_sizes, outlined)
    # A line set larger than the outline's top level and printing no entry is no heading, but for
    # the title (the largest line, up to the page of the outline's first heading): a title a figure
    # draws in large type ("Example 3 -- scales, axes, etc" in Gri's manual) or the cover's
    # subtitle ("Release 4.6.2.0 The Debian Policy Mailing List") would head every chapter after it.
    top = min(outline_levels.values(), default=0)
    opened = next((n for n, page in enumerate(pages) if any(line.entry >= 0 for line in page)), len(pages))
    # A cover before the outline's first heading heads nothing but its title, the first of its
    # largest lines (and the lines that title goes on over): a subtitle set as large ("Free Your
    # Numbers" under "GNU Octave") and the authors set at a section's size would head every chapter.
    cover = next((n for n, page in enumerate(pages) if any(line.kind == "text" for line in page)), len(pages))
    cover_title = _cover_title(pages[cover]) if cover < opened and outline_levels else None
    spacing = _typical_spacing(pages)
    text = [line for page in pages for line in page if line.kind == "text"]
    # a document set wholly in a typewriter face (a text file printed to PDF) has no code to tell apart
    coded = sum(len(line.text) for line in text if line.mono) < 0.5 * sum(len(line.text) for line in text)
    blocks: list[_Block] = []
    group = -1
    groups: dict[tuple[str, int], int] = {}  # a table's or definition list's group
    notes: list[_Block] = []  # the footnotes of the page before, while its last paragraph goes on
    figure_below = False  # a figure under the page before's last line
    for page, lines in enumerate(pages):
        previous: _Line | None = None
        shown = [line for line in lines if line.kind == "text" and line.text.strip()]
        edges = _column_edges(shown)
        prose_edges = _column_edges([line for line in shown if not line.mono]) or edges  # where prose starts
        rights = _right_edges(shown, edges)
        footing = _footnotes(blocks, page - 1, body) if page else 0
        carried: _Block | None = None
        # a figure under the page before's last line or over this page's first: the paragraph left
        # open there does not go on past it
        figured = bool(shown) and (
            figure_below or any(line.kind == "figure" and line.top > shown[0].top for line in lines)
        )
        figure_below = any(line.kind == "figure" and (not shown or line.top < shown[-1].top) for line in lines)
        for n, line in enumerate(shown):
            current = blocks[-1] if blocks else None
            if n == 0 and footing:
                current = blocks[-footing - 1]  # the page before's text went on above its footnotes
            elif notes and current is not carried:
                blocks[-1:-1] = notes
                notes = []
            margin, prose_margin = _edge(line, edges), _edge(line, prose_edges)
            part = line.part
            if part is not None:
                if part.lines[0] is line:
                    listed = isinstance(part, _Definition) and part.group >= 0
                    key = ("list", part.group) if isinstance(part, _Definition) and listed else ("table", part.table)
                    if key not in groups:
                        group += 1
                        groups[key] = group
                    blocks.append(_part_block(part, groups[key]))
            elif line.entry >= 0:
                level = outline_levels[outlined[line.entry]]
                if current and current.kind == "heading" and previous is not None and previous.entry == line.entry:
                    current.lines.append(line)  # the title's second line
                elif not _set_label_aside(current, previous, line):
                    blocks.append(_Block("heading", [line], level))
            elif not (page == cover and cover_title and not _titles(line, cover_title, current, previous)) and (
                (
                    sized := _is_heading(line, body, margin)
                    and (
                        heading_sizes.index(line.size) + 1 >= top or (page <= opened and line.size == heading_sizes[0])
                    )
                )
                or _bold_heading(shown, n, body, margin)
            ):
                level = heading_sizes.index(line.size) + 1 if sized else len(heading_sizes) + _depth(line.text)
                if not sized and current and current.kind == "heading" and previous is current.lines[-1]:
                    level = current.level if _goes_on(line) else level  # a numbered heading's second line
                # a numbered heading opens a section of its own, also right under its parent's heading
                joins = previous is not None and previous.entry < 0 and not _NUMBERED_HEAD.match(line.text.strip())
                if current and current.kind == "heading" and current.level == level and joins:
                    current.lines.append(line)
                elif not _set_label_aside(current, previous, line):
                    blocks.append(_Block("heading", [line], level))
            elif coded and _code(
                line, previous, current, shown[n + 1] if n + 1 < len(shown) else None, prose_margin, spacing
            ):
                if current is not None and current.kind == "code" and previous is not None and previous.mono:
                    current.lines.append(line)
                else:
                    blocks.append(_Block("code", [line]))
            elif (
                _BULLET.match(line.text.strip())
                and not _enumerated_inside(current, line)
                and not _lettered_out_of_turn(blocks, line)
            ):
                if current is None or current.kind != "list_item":
                    group += 1
                blocks.append(_Block("list_item", [line], 1, group))
            elif (
                current is not None
                and not (n == 0 and figured)
                and _continues(current, previous, line, spacing, rights.get(_edge(current.lines[-1], edges), 0.0))
            ):
                if current is not blocks[-1]:
                    # it goes on past the footnotes, which are written after it
                    notes, blocks[-footing:] = blocks[-footing:], []
                    for note in notes:
                        note.deferred = True
                    carried = current
                current.lines.append(line)
            else:
                blocks.append(_Block("paragraph", [line]))
            previous = line
        if notes:  # the page ended: the notes go after the paragraph carried, or before the block after it
            at = len(blocks) if blocks[-1] is carried else len(blocks) - 1
            blocks[at:at] = notes
            notes = []
    return _displays_joined(blocks, spacing)


def _displays_joined(blocks: list[_Block], spacing: float) -> list[_Block]:
    """`blocks` with each line displayed inside a sentence in the body's face (`_displayed`) joined
    to the paragraph before it, with the paragraph under it that goes on with the sentence in lower
    case ("This is achieved using" / "-dOverrideICC = true/false" / "which, when set to true
    overrides ..."): three paragraphs of one page made one. A display the sentence does not go on
    under is left alone: a title's subtitle over its author, a formula's lines set apart. (Joining
    it to the sentence above anyway, "... through the command line option" /
    "-sBlendColorProfile = my_blend_profile.icc" / "When this option is used ...", joined titles
    to their authors and cut formulas in the development sets' PDFs.)"""
    out: list[_Block] = []
    n = 0
    while n < len(blocks):
        before, *rest = blocks[n : n + 3]
        # the display's paragraph, and the one the sentence goes on in when the display stands alone
        joined = rest[:1] if rest and len(rest[0].lines) > 1 else rest[:2]
        lines = [line for block in joined for line in block.lines]
        if (
            len(lines) > 1
            and all(block.kind == "paragraph" for block in (before, *joined))
            and before.lines[-1].page == lines[0].page == lines[1].page
            and _displayed(before.lines[-1], lines[0], spacing)
            and 0 < lines[0].top - lines[1].top <= DISPLAY_TO * spacing
            and lines[1].text.lstrip()[:1].islower()
        ):
            before.lines.extend(lines)
            n += len(joined)
        out.append(before)
        n += 1
    return out


def _column_edges(lines: list[_Line]) -> list[float]:
    """The left edges of a page's columns of text: where most of its lines start and, on a page set
    in two columns (TUGboat's and Elsevier's papers), where the lines of the other column start.
    Lines starting at a second position make a column when there are enough of them
    (MIN_COLUMN_LINES, COLUMN_SHARE), it stands a good part of the page's width (COLUMN_WIDTH) from
    the other, nearly all the lines at the left position end before the right one (an indented
    paragraph, list item or listing starts inside the lines around it), and both positions start
    lines as long as most of a column is (a term list's short terms are no column)."""
    starts = Counter(round(line.x0) for line in lines)
    if not starts:
        return []
    width = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    (first, most), *others = starts.most_common()
    for x, count in others:
        if count < MIN_COLUMN_LINES or count < COLUMN_SHARE * most:
            break
        left, right = sorted((first, x))
        if right - left < COLUMN_WIDTH * width:
            continue
        lefts = [line.x1 - line.x0 for line in lines if round(line.x0) == left]
        rights = [line.x1 - line.x0 for line in lines if round(line.x0) == right]
        apart = sum(left + width < right for width in lefts) >= 0.9 * len(lefts)
        full = min(statistics.median(lefts), statistics.median(rights)) >= 0.6 * (right - left)
        if apart and full:
            return [float(left), float(right)]
    return [float(first)]


def _edge(line: _Line, edges: list[float]) -> float:
    """The left edge of the column `line` stands in: the rightmost of `edges` not right of it."""
    if not edges:
        return 0.0
    return max((edge for edge in edges if edge <= line.x0 + ALIGN), default=edges[0])


def _set_label_aside(current: _Block | None, previous: _Line | None, line: _Line) -> bool:
    """Set aside the block before a heading's `line` when it is its chapter's label alone, set over
    it on its page ("Chapter 3" over "Expressions"; Sphinx's LaTeX "CHAPTER" over "ONE" over "ABOUT
    THIS MANUAL"), which would otherwise head the chapter apart, empty, or be read as a paragraph of
    one word. Returns whether `line` went with it, as the label's number on a line of its own
    ("ONE"); else `line` heads the chapter under its own title (the label in the title made every
    section of the Debian FAQ's chapters read "Chapter 1 ...")."""
    if (
        current is None
        or current.kind not in ("heading", "paragraph", "boilerplate")
        or previous is None
        or current.lines[-1] is not previous
        or any(above.page != line.page for above in current.lines)
        or not _CHAPTER_LABEL.fullmatch(_label_text(current.lines))
    ):
        return False
    current.kind = "boilerplate"
    if _CHAPTER_LABEL.fullmatch(_label_text([*current.lines, line])):
        current.lines.append(line)
        return True
    return False


def _label_text(lines: list[_Line]) -> str:
    return " ".join(" ".join(line.text.split()) for line in lines)


# A footnote opens with its raised number (or a mark) and is set smaller than the body.
_NOTE_MARK = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*\S|[*†‡§]\s+\S")  # not "*unused is set to ..."


def _footnotes(blocks: list[_Block], page: int, body: float) -> int:
    """How many of the last blocks are the footnotes at the foot of `page`: paragraphs of that page
    set smaller than the body, the first opening with a note's mark, after a paragraph, list item or
    description of the page (which may go on past them on the next page)."""
    count = 0
    while count < len(blocks):
        block = blocks[-count - 1]
        if block.kind != "paragraph" or any(line.page != page or line.size >= body - 0.5 for line in block.lines):
            break
        count += 1
    while count and not _NOTE_MARK.match(blocks[-count].lines[0].text.strip()):
        count -= 1  # the notes start at the first block opening with a mark
    if not count or count == len(blocks):
        return 0
    before = blocks[-count - 1]
    return count if before.kind in ("paragraph", "list_item", "definition") and before.lines[-1].page == page else 0


_ENUMERATION = re.compile(r"(\(?)(\d{1,3}|[a-z])([.)])\s")


# A list item's letter: "b. ", "(c) ".
_LETTER = re.compile(r"\(?([a-z])[.)]\s")
# A lettered list opens with "a." (or "i.", a roman numeral); it goes on within this many blocks.
_LETTER_REACH = 8


def _lettered_out_of_turn(blocks: list[_Block], line: _Line) -> bool:
    """Whether `line` opens with a letter that no list before it leads up to: "e. this level of gray
    ..." after a line ending "... will be used (i." is "i.e." broken at the line's end, not item e of
    a list, which would follow an item d."""
    found = _LETTER.match(line.text.strip())
    if found is None or found.group(1) in "ai":
        return False
    before = chr(ord(found.group(1)) - 1)
    for block in blocks[-_LETTER_REACH:]:
        label = _LETTER.match(block.lines[0].text.strip()) if block.kind == "list_item" else None
        if label is not None and label.group(1) == before:
            return False
    return True


def _enumerated_inside(current: _Block | None, line: _Line) -> bool:
    """Whether `line` opens with the next number of an enumeration that a paragraph began inside
    its text and that the line only goes on with: "... any optimizer that (1) can work with an
    objective function," / "(2) allows box constraints ..." (lmer.pdf) is one sentence, not a
    paragraph cut before a list item."""
    found = _ENUMERATION.match(line.text.strip())
    if current is None or current.kind != "paragraph" or found is None:
        return False
    opening, number, closing = found.groups()
    if number.isdigit():
        if number == "1":
            return False
        before = str(int(number) - 1)
    else:
        if number == "a":
            return False
        before = chr(ord(number) - 1)
    marker = f"{opening}{before}{closing}"
    text = " ".join(line.text for line in current.lines)
    return f" {marker} " in f" {text} "


def _outline_levels(
    pages: list[list[_Line]], body: float, heading_sizes: list[float], outlined: dict[int, int]
) -> dict[int, int]:
    """The heading level of each outline depth: the level the document's size gives most of the
    lines of that depth that are headings by their size too; for a depth none is, one above the
    nearest deeper depth that has one (the Maxima Book's parts, whose titles print apart from their
    entries, over chapters set at the fourth size), else one below the depth above (the level
    below the sized headings' at the top)."""
    seen: dict[int, Counter[int]] = {}
    for line in (line for page in pages for line in page if line.entry >= 0):
        if _is_heading(line, body):
            seen.setdefault(outlined[line.entry], Counter())[heading_sizes.index(line.size) + 1] += 1
    sized = {depth: counts.most_common(1)[0][0] for depth, counts in seen.items()}
    levels: dict[int, int] = {}
    for depth in range(max(outlined.values(), default=-1) + 1):
        deeper = min((d for d in sized if d > depth), default=None)
        if depth in sized:
            levels[depth] = sized[depth]
        elif deeper is not None:
            levels[depth] = max(1, sized[deeper] - (deeper - depth))
        else:
            levels[depth] = levels[depth - 1] + 1 if depth else len(heading_sizes) + 1
        levels[depth] = min(max(levels[depth], levels.get(depth - 1, 0) + (depth > 0)), 6)
    return levels


def _code(
    line: _Line, previous: _Line | None, block: _Block | None, following: _Line | None, margin: float, spacing: float
) -> bool:
    """Whether a line is code: wholly in a typewriter face and set apart from the prose before it
    (at the page's top, under a heading, a table or code, or after a line that closes a sentence
    or introduces what follows with a colon), or going on with code. A typewriter word inside a
    sentence ("run glpsol with --check") leaves the line prose, and so does a line displayed inside
    a sentence left open ("you can use" / "as.numeric(as.character(f))" / "to get the numbers
    back", as texinfo sets examples in R-FAQ.pdf), so that the sentence reads through it. A
    listing of several lines after such a line ("This is an example of a configuration file" /
    "<?xml ...>" / "<fontconfig>") is code all the same when space (LISTING_GAP) or indentation
    sets it apart, unless its first line closes the sentence (its last words in a typewriter face:
    "... in the struct" / "glp_vertex.)") or opens a list item. A term heading the paragraph under
    it is no code (`_heads_paragraph`)."""
    if not line.mono:
        return False
    after_code = block is not None and block.kind == "code" and previous is not None and previous.mono
    if after_code and _CLOSING.fullmatch(line.text.strip()):
        return True  # "}" after "write(k);" ends the code above, and heads no paragraph below
    goes_on = previous is None and block is not None and block.kind == "code"  # from the page before
    if not goes_on and _heads_paragraph(line, previous, following, margin, spacing):
        return False
    if previous is None or block is None or block.kind not in ("paragraph", "list_item"):
        return True
    apart = previous.top - line.top > LISTING_GAP * spacing or abs(line.x0 - previous.x0) > ALIGN
    listing = apart and following is not None and following.mono and not _CLOSES.search(line.text)
    listing = listing and not _BULLET.match(line.text.strip())  # a list's items go on the sentence
    return bool(_TERMINAL.search(previous.text)) or listing


def _heads_paragraph(
    line: _Line, previous: _Line | None, following: _Line | None, margin: float, spacing: float
) -> bool:
    """Whether a typewriter line is the term the paragraph below it describes, as DocBook sets a
    variable list in fonts-conf's PDF ("<dir prefix="default">" / "This element contains a directory
    name ..."): one line, not closing a sentence, at the left edge of the page's prose; after a
    closed sentence (not one introducing what follows with a colon), an indented listing or at the
    page's top; over prose of its size at the same edge, opening with a letter (not a listing's
    comment, "## upper 1% point"), as close below it as a paragraph's lines are (TERM_GAP: code
    set at the margin stands further from the prose after it, 1.47 line spacings in
    valgrind_manual.pdf and 1.65 in maint-guide.en.pdf, against 1.28 to 1.36 under fonts-conf's
    terms). Read with that paragraph, the description's sentence names what it describes."""
    if following is None or following.mono or not following.text.lstrip()[:1].isalpha():
        return False
    if previous is not None and previous.mono and abs(previous.x0 - line.x0) <= ALIGN:
        return False  # the last line of a listing
    at_edge = abs(line.x0 - margin) <= ALIGN and abs(following.x0 - line.x0) <= ALIGN
    introduces = previous is not None and previous.text.rstrip().endswith(":")
    closed = previous is None or previous.mono or (bool(_TERMINAL.search(previous.text)) and not introduces)
    alike = abs(following.size - line.size) <= 1.0 and line.top - following.top <= TERM_GAP * spacing
    return at_edge and closed and alike and not _TERMINAL.search(line.text)


def _part_block(part: _Row | _Definition, group: int) -> _Block:
    if isinstance(part, _Row):
        return _Block("table_header" if part.header else "table_row", list(part.lines), 0, group, part.cells)
    return _Block("definition", list(part.lines), 0, group, [], part.terms, part.split, part.column)


def _bold_heading(lines: list[_Line], n: int, body: float, margin: float) -> bool:
    """Whether line `n` of a page is a heading set in bold at the body's size: wholly bold, reading
    as a heading (short, no closing punctuation), starting at its column's left edge `margin` (a
    figure's title is centred in it), and standing apart from any bold line around it, as a
    paragraph set in bold (a warning) does not. A heading opening with a section's number and a
    stop ("II.1. Paper size", "A. Citations") may be set a little smaller and anywhere on the line
    (REVTeX centres its headings in the column, in bold a point under the body's size), right over
    or under another, and wrapped onto a second bold line opening in lower case."""
    line = lines[n]
    before = lines[n - 1] if n else None
    after = lines[n + 1] if n + 1 < len(lines) else None
    numbered = _numbered_head(line.text)
    # the second line of a numbered heading, indented under its title or centred
    second = before is not None and _in_bold(before) and _numbered_head(before.text) and _goes_on(line)
    least = NUMBERED_HEADING_SIZE if numbered or second else 0.95
    reads = made_heading(line.text) if not second else len(line.text.split()) <= 12 and not _TERMINAL.search(line.text)
    if not (_in_bold(line) and least * body <= line.size < HEADING_SIZE * body and reads):
        return False
    if abs(line.x0 - margin) > body and not (numbered or second):
        return False
    if numbered:
        # it stands apart from a section's heading over it or a subsection's under it ("II.
        # FORMATTING" over "II.1. Preprint ..."), numbered or set larger (a title), and goes on on
        # a bold line opening in lower case ("2. Evanescent vs. conventional quadrupole
        # light-matter" / "coupling")
        return all(
            other is None
            or not _in_bold(other)
            or _numbered_head(other.text)
            or other.size >= HEADING_SIZE * body
            or (other is after and _goes_on(other))
            for other in (before, after)
        )
    if second:
        return after is None or not _in_bold(after)
    return not any(other is not None and _in_bold(other) for other in (before, after))


def _goes_on(line: _Line) -> bool:
    return line.text.lstrip()[:1].islower()


def _numbered_head(text: str) -> bool:
    text = text.strip()
    return _NUMBERED_HEAD.match(text) is not None or _LETTERED_HEAD.match(text) is not None


def _depth(text: str) -> int:
    """How deep a heading set at the body's size lies by its number: 2 for "II.1. Paper size" and for
    "A. Citations" (a letter numbers the sections of a roman one), 1 for "II. FORMATTING" and for a
    heading without a number and stop."""
    text = text.strip()
    numbered = _NUMBERED_HEAD.match(text)
    return numbered.group().count(".") if numbered else 2 if _LETTERED_HEAD.match(text) else 1


def _in_bold(line: _Line) -> bool:
    return bool(line.cells) and all(cell.bold and cell.bold_end and not cell.mono for cell in line.cells)


def _is_heading(line: _Line, body: float, margin: float | None = None) -> bool:
    """Whether a line is a heading by its size: short, without closing punctuation, and set at
    least HEADING_SIZE times the body's size; or, wholly in bold, BOLD_HEADING_SIZE times, and (with
    the page's left edge `margin` known) not right of that edge by more than an em: LaTeX sets a
    subsection in 12 points bold over 10.9-point text (glpk's "1.2.1 glp_create_graph — create
    graph"), DocBook in 11 over 10 (fonts-conf's "Font Matching"), where a plot's title set
    bold inside a figure stands centred (R-intro.pdf's "Histogram of eruptions")."""
    text = line.text.strip()
    short = len(text.split()) <= 20 and not text.endswith((".", ","))
    if line.kind != "text" or not short:
        return False
    if line.size >= HEADING_SIZE * body:
        return True
    edge = margin is None or line.x0 - margin <= body
    return line.size >= BOLD_HEADING_SIZE * body and _in_bold(line) and edge


def _in_typewriter(line: _Line) -> bool:
    """Whether every cell of the line is set in a typewriter face."""
    return bool(line.cells) and all(cell.mono for cell in line.cells)


def _right_edges(lines: list[_Line], edges: list[float]) -> dict[float, float]:
    """The right edge of each column of a page's `lines` whose lines are justified or wrapped there
    (keyed by its left edge, as `_edge` gives it): where its longest line ends, when WRAP_LINES of
    its lines end within WRAP_SLACK of it (a cover's longest line is no edge)."""
    ends: dict[float, list[float]] = {}
    for line in lines:
        ends.setdefault(_edge(line, edges), []).append(line.x1)
    rights = {}
    for left, column in ends.items():
        right = max(column)
        if sum(x1 >= right - WRAP_SLACK for x1 in column) >= WRAP_LINES:
            rights[left] = right
    return rights


def _continues(block: _Block, previous: _Line | None, line: _Line, spacing: float, right: float = 0.0) -> bool:
    """Whether `line` goes on with `block` (whose last line is `previous`, None at a page's top;
    `right`: the right edge its column's lines are wrapped at, 0 when none is, see `_right_edges`)."""
    if block.kind in ("heading", "table_row", "table_header", "code"):
        return False
    last = block.lines[-1]
    # A command displayed inside a sentence left open, set off by space (and often smaller), one
    # line at a time: the sentence goes on in it, and after it in lower case ("and remove it with");
    # a listing of several lines is not part of the sentence.
    gap = last.top - line.top
    if previous is not None and block.kind == "paragraph" and 0 < gap <= DISPLAY_GAP * spacing:
        before = block.lines[-2] if len(block.lines) > 1 else None
        typed, typed_last = _in_typewriter(line), _in_typewriter(last)
        displayed = typed and not typed_last
        after = (
            typed_last and not typed and not (before and _in_typewriter(before)) and line.text.lstrip()[:1].islower()
        )
        if (displayed or after) and not _TERMINAL.search(last.text):
            return True
    if abs(last.size - line.size) > 0.5:
        return False
    if previous is None or (gap < 0 and line.x0 > last.x0 + 30):
        # across a page break, or from a column's foot to the next one's top: only a sentence left open goes on
        return _goes_on_over_page(block, line)
    if block.kind == "definition":
        return False
    if gap > 1.6 * spacing:
        return False
    if block.kind == "list_item":
        return line.x0 >= block.lines[0].x0 + 2
    width = max(ln.x1 for ln in block.lines)
    short = last.x1 < width - 0.15 * (width - min(ln.x0 for ln in block.lines))
    if short and gap > ITEM_GAP * spacing and _OPENS_SENTENCE.match(line.text.lstrip()):
        return False  # an item left without its stop ended on its short line, and space parts the next
    if (
        len(block.lines) == 1
        and line.x0 > last.x0 + 30
        and 0 < right - WRAP_SLACK <= last.x1
        and gap <= PARAGRAPH_GAP * spacing
        and not _TERMINAL.search(last.text)
    ):
        # a hanging indent: the first line, wrapped at the column's edge with its sentence open, goes
        # on in the deeper-set lines under it ("--opt-code-speed The compiler will ... at the expense
        # of code" / "size.", an option list of SDCC's manual)
        return True
    if _TERMINAL.search(last.text) and _NOTE_MARK.match(line.text.lstrip()):
        return False  # the next footnote, under one that ended ("... /etc/logrotate.d)." / "¹⁴ When ...")
    if _TERMINAL.search(last.text) and _OPENS_SENTENCE.match(line.text.lstrip()):
        # baselines, not the tops of first letters, which stand higher over "T" than over "o"
        own = [a.base - b.base for a, b in itertools.pairwise(block.lines) if a.page == b.page and a.base > b.base]
        if last.base - line.base > PARAGRAPH_GAP * min(spacing, statistics.median(own) if own else spacing):
            return False  # space set before a paragraph parts it from one whose last line is full
    return not (short and _TERMINAL.search(last.text)) and line.x0 <= last.x0 + 30


def _displayed(last: _Line, line: _Line, spacing: float) -> bool:
    """Whether `line` is displayed inside the sentence `last` leaves open, in the body's face and
    size: one short line of two words or more, no note, set off by more space than a list's items
    stand apart (DISPLAY_FROM line spacings, to DISPLAY_TO), after a line ending in a lower-case
    word ("This is achieved using" / "-dOverrideICC = true/false", Ghostscript's colour manual)."""
    gap = last.top - line.top
    return (
        DISPLAY_FROM * spacing < gap <= DISPLAY_TO * spacing
        and abs(last.size - line.size) <= 0.5
        and len(line.text.split()) >= 2
        and not _NOTE_MARK.match(line.text.lstrip())
        and _OPEN_WORD.search(last.text.rstrip()) is not None
        and not _in_typewriter(line)
        and line.x1 - line.x0 < DISPLAY_SHARE * (last.x1 - last.x0)
    )


def _goes_on_over_page(block: _Block, line: _Line) -> bool:
    """Whether `line`, the first of a page, goes on with `block`, the last of the page before: its
    sentence is left open (no closing punctuation), and the line opens in lower case, after a comma
    or a hyphen, or is set in the block's font and size, as a sentence's next words are ("in the
    region of" / "50 bytes."), a list item's text indented past its bullet; a description goes on
    in lower case only, its further lines being read with it (_find_structure). A caption ("Fig. 2:
    ...") goes on from nothing. A heading on the page never gets here (_blocks takes it first)."""
    last = block.lines[-1]
    if _TERMINAL.search(last.text):
        return False
    if block.kind == "definition" and abs(line.x0 - block.column) > ALIGN:
        return False
    if (block.kind == "list_item" and line.x0 < block.lines[0].x0 + 2) or _CAPTION.match(line.text):
        return False  # a list item goes on indented past its bullet; a caption starts anew
    if line.text[:1].islower() or last.text.endswith((",", "-")):
        return True
    if block.kind == "definition":
        return False
    return last.font == line.font and abs(last.size - line.size) <= 0.5 and not line.mono


def _cover_title(lines: list[_Line]) -> _Line | None:
    """The first of a cover page's largest lines: its title."""
    shown = [line for line in lines if line.kind == "text" and line.text.strip()]
    largest = max((line.size for line in shown), default=0.0)
    return next((line for line in shown if line.size == largest), None)


def _titles(line: _Line, title: _Line, current: _Block | None, previous: _Line | None) -> bool:
    """Whether a cover's `line` is its `title` or goes on with it, right under it at its size (a line's
    pitch apart, not a subtitle's distance)."""
    return line is title or (
        current is not None
        and current.kind == "heading"
        and title in current.lines
        and previous is current.lines[-1]
        and line.size == title.size
        and previous.top - line.top <= 1.5 * title.size
    )


def _title(metadata_title: str, source: str, blocks: list[_Block], body: float) -> str:
    """The metadata's title, unless empty or generic; else the largest heading of the first page
    with content (a cover's title, not the first chapter's heading set larger still on its own
    page), else the largest of the first forty blocks; a heading of those that holds it after one
    more letter wins (a logo whose first letter is drawn)."""
    title = " ".join(metadata_title.split())
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if title and not _GENERIC_TITLES.match(title) and title.casefold() != stem.casefold():
        return title
    cover = blocks[0].lines[0].page if blocks and blocks[0].lines else -1
    headings = [b for b in blocks if b.kind == "heading" and b.lines[0].page == cover] or [
        b for b in blocks[:40] if b.kind == "heading"
    ]
    if not headings:
        return ""
    written = [(b.level, " ".join(" ".join(line.text.split()) for line in b.lines)) for b in headings]
    _, best = min(written, key=lambda heading: heading[0])
    # a cover's logo set larger than the title, its first letter drawn (asymptote.pdf's "symptote"
    # over "Asymptote: the Vector Graphics Language"): the title that spells it after that letter
    drawn = re.compile(r"(?<!\w)\w" + re.escape(best) + r"(?!\w)", re.IGNORECASE)
    fuller = [text for _, text in written if drawn.search(text)] if len(best) > 3 else []
    return fuller[0] if fuller else best


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """A page's lines as written: pdfium's order (the content stream's, which follows columns), but
    running headers above the body first and footers below it last, wherever the stream has them."""
    body = [line for line in lines if line.kind == "text"]
    if not body:
        return lines
    top, bottom = max(line.top for line in body), min(line.top for line in body)
    above = [line for line in lines if line.kind != "text" and line.top > top]
    below = [line for line in lines if line.kind != "text" and line.top < bottom]
    between = [line for line in lines if line not in above and line not in below]
    return [*sorted(above, key=lambda line: -line.top), *between, *sorted(below, key=lambda line: -line.top)]


_CELLED = frozenset({"table_row", "table_header", "definition"})


def _write(source: str, sha256: str, title: str, pages: list[list[_Line]], blocks: list[_Block]) -> Document:
    """The document's text, a line of the PDF a line of text (a table row on one line, its cells
    joined by " | "; a term and the description beside it parted by a tab), blocks and pages
    separated by a blank line; block spans, cells and holes recorded as the text is written."""
    owner: dict[int, tuple[int, int]] = {}  # id(line) -> (block number, position in block)
    for b, block in enumerate(blocks):
        for p, line in enumerate(block.lines):
            owner[id(line)] = (b, p)
    indents = _code_indents(blocks)
    parts: list[str] = []
    length = 0
    spans: dict[int, list[Span]] = {}  # line spans of each content block
    cells: dict[int, list[Span]] = {}  # cell spans of each table row and definition
    boilerplate: list[Span] = []
    page_starts: list[int] = []
    last_block = -1
    held: dict[int, list[_Line]] = {}  # the lines of deferred footnotes, by block, until written
    for lines in pages:
        first_of_page = True
        for line in _written_order(_reading_order(lines), blocks, owner, held):
            where = owner.get(id(line))
            owning = blocks[where[0]] if where is not None else None
            row = owning is not None and owning.kind in ("table_row", "table_header")
            if row and where is not None and where[0] in spans:
                continue  # the row was written whole at its first line
            pieces = _pieces_of(line, owning, where[1] if where is not None else 0)
            text = "".join(pieces)
            if not text:
                continue
            same_block = where is not None and where[0] == last_block
            separator = "" if not parts else ("\n" if same_block and not first_of_page else "\n\n")
            parts.append(separator)
            length += len(separator)
            if first_of_page:
                page_starts.append(length)
                first_of_page = False
            indent = indents.get(id(line), 0)
            parts.append(" " * indent)
            length += indent
            span = (length, length + len(text))
            parts.append(text)
            if where is None:
                boilerplate.append(span)
            else:
                spans.setdefault(where[0], []).append(span)
                last_block = where[0]
                if owning is not None and owning.kind in _CELLED:
                    _record_cells(cells.setdefault(where[0], []), owning, where[1], pieces, length)
            length += len(text)
        if first_of_page:
            page_starts.append(length)
    text = "".join(parts)
    out: list[Block] = [Block("boilerplate", s, e) for s, e in boilerplate]
    aside = [s for s, _ in boilerplate]  # written in order, so sorted
    for b, block in enumerate(blocks):
        line_spans = spans.get(b)
        if not line_spans:
            continue
        start, end = line_spans[0][0], line_spans[-1][1]
        inside = boilerplate[bisect.bisect_right(aside, start) : bisect.bisect_left(aside, end)]
        holes = tuple((s, e) for s, e in inside if e < end)  # a header or footer it flows past
        marker = _MARKER.match(text[start:end]) if block.kind == "list_item" else None
        if marker:  # a bullet is not the item's text
            holes = ((start, start + marker.end()), *holes)
        spans_of_cells: tuple[Span, ...] = ()
        kind = block.kind
        if kind == "definition" and len(cells[b]) == 2:
            (term_end, _), (description_start, _) = cells[b]
            spans_of_cells = ((start, term_end), (description_start, end))
        elif kind == "definition":  # no description was written: its lines read as a paragraph
            kind = "paragraph"
        elif block.kind in ("table_row", "table_header"):
            spans_of_cells = tuple(cells[b])
        out.append(Block(kind, start, end, block.level, block.group, spans_of_cells, holes))  # type: ignore[arg-type]
    out.sort(key=lambda block: (block.start, block.end))
    return Document(source, sha256, text, title, out, page_starts)


def _written_order(
    lines: list[_Line], blocks: list[_Block], owner: dict[int, tuple[int, int]], held: dict[int, list[_Line]]
) -> Iterator[_Line]:
    """`lines` in the order they are written: a deferred footnote's lines (`_Block.deferred`) are
    held back and written after the last line of the paragraph before it, which goes on past them."""
    for line in lines:
        where = owner.get(id(line))
        if where is not None and blocks[where[0]].deferred:
            held.setdefault(where[0], []).append(line)
            continue
        yield line
        if where is None or where[1] != len(blocks[where[0]].lines) - 1:
            continue
        b = where[0] + 1
        while b < len(blocks) and blocks[b].deferred:
            yield from held.pop(b, [])
            b += 1


def _code_indents(blocks: list[_Block]) -> dict[int, int]:
    """How many spaces each line of a code block (by id) is written after: its distance from the
    block's leftmost line on its page in widths of a character, the narrowest width per character
    among the block's lines (a typewriter face gives every character one width; a run of spaces
    inside a line is read as one, which only widens a line's share), at most MAX_INDENT. The words
    inside a line are written one space apart as in any other line, so that a sentence's text is
    the same whatever the indentation; two where a column gap parts them (`_pieces_of`)."""
    indents: dict[int, int] = {}
    for block in blocks:
        if block.kind != "code":
            continue
        lengths = [(line, len(line.text.strip())) for line in block.lines]
        width = min(((line.x1 - line.x0) / n for line, n in lengths if n >= 4), default=0.0)
        if width <= 0:
            continue
        for page in {line.page for line in block.lines}:
            lines = [line for line in block.lines if line.page == page]
            left = min(line.x0 for line in lines)
            for line in lines:
                indents[id(line)] = min(MAX_INDENT, round((line.x0 - left) / width))
    return indents


def _pieces_of(line: _Line, block: _Block | None, position: int) -> list[str]:
    """What is written for a line: its words; for a table row, its cells with " | " between them;
    for the term line a description starts beside, the term, a tab and the description."""
    if block is not None and block.kind in ("table_row", "table_header"):
        pieces: list[str] = []
        for n, cell in enumerate(block.cells):
            pieces += [" | "] if n else []
            pieces.append(cell)
        return pieces
    if block is not None and block.kind == "definition" and position == block.terms - 1 and block.split >= 0:
        term, description = " ".join(line.text[: block.split].split()), " ".join(line.text[block.split :].split())
        return [term, "\t", description] if term and description else [term or description]
    if block is not None and block.kind == "code" and _cells_cover(line):
        # A column gap inside a line of code stays wider than a word space: an option and its
        # description, a statement and its comment (see `index.chunking.listing_spans`).
        return ["  ".join(" ".join(line.text[cell.start : cell.end].split()) for cell in line.cells)]
    return [" ".join(line.text.split())]


def _cells_cover(line: _Line) -> bool:
    """Whether the line is two cells or more that hold its text in order, white space between them."""
    cells, text = line.cells, line.text
    if len(cells) < 2 or text[: cells[0].start].strip() or text[cells[-1].end :].strip():
        return False
    pairs = itertools.pairwise(cells)
    return all(left.end <= right.start and not text[left.end : right.start].strip() for left, right in pairs)


def _record_cells(found: list[Span], block: _Block, position: int, pieces: list[str], at: int) -> None:
    """Record the cells a written line holds, `at` being where it starts in the text. A table row:
    the span of each cell (every other piece). A definition: where its term ends and its
    description starts, each as an empty span, found at the line that holds them."""
    if block.kind in ("table_row", "table_header"):
        for n, piece in enumerate(pieces):
            if n % 2 == 0:
                found.append((at, at + len(piece)))
            at += len(piece)
        return
    if position == block.terms - 1:
        term_end = at + len(pieces[0])
        found.append((term_end, term_end))
        if len(pieces) == 3:
            found.append((term_end + 1, term_end + 1))
    elif position == block.terms and block.split < 0:
        found.append((at, at))
