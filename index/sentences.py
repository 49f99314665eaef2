"""Abbreviation-aware sentence splitting that reports spans, never searching for text afterwards."""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.text import STOPWORDS

# Words that end in a full stop without ending a sentence (compared lower-cased, without the stop).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep pres rev hon
    inc ltd co corp bros dept univ assn est approx vs etc al fig figs eq no nos vol vols pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    e.g i.e eg ie cf viz ca c u.s u.k u.n u.s.a e.u a.m p.m d.c b.c a.d ph.d op cit ibid
    sec secs sect ch chap chaps eqn eqs ref refs resp incl""".split()
)

# A sentence ends at . ! ? or … (closing quotes and brackets may follow), then white space, then
# something that can open a sentence: a capital or a digit, or, after a full stop ending a word of
# two letters or more, a lower-case word, as a manual's sentence may open with a command or identifier ("... before
# using shell=True. bufsize will be ...", "... a warning issued. bzip2 attempts ...").
# A full stop with no space after it ends a sentence too when a lower-case word ends before it and
# a capitalised function word follows ("... to gather the data.The default screen editor ...", as
# some PDFs print it: five such sentences over the development documents), never a name in code
# ("pathlib.Path").
_OPENERS = "|".join(sorted((w.capitalize() for w in STOPWORDS if w.isalpha()), key=len, reverse=True))
_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9])"
    r"|(?<=[^\W\d_]{2})\.(?=\s+[a-z])"
    rf"|(?<=[a-z]{{2}})\.(?=(?:{_OPENERS})\s)"
)
# A web or mail address, whose dots end no sentence when a lower-case word follows.
_ADDRESS = re.compile(r"://|^www$|@")
_PARAGRAPH = re.compile(r"\n\s*\n")
# A paragraph opening with a numbered label ("Table 9.9.", "Example 4.2.", "Figure 3."), or a
# sentence opening with the number of a list item or section ("1. Download the archive.", "2.1.
# Installing", "iv. Restart the server."): its stop ends no sentence, as the label names what
# follows it ("Table 9.9. SQL String Functions").
_LABEL = re.compile(
    r"(?:Table|Figure|Fig|Example|Listing|Section|Chapter|Appendix|Procedure|Equation|Step|Part)\s+[\dA-Z][\d.]*\.?"
    r"|\s*\d{1,3}(?:\.\d{1,3})*\."
    r"|\s*(?=[ivx]|[IVX])(?:x{0,3}(?:ix|iv|v?i{0,3})|X{0,3}(?:IX|IV|V?I{0,3}))\."  # a roman numeral below 40
)
MAX_SENTENCE_CHARS = 2000


def split_spans(text: str) -> Iterator[tuple[int, int]]:
    """Half-open spans of the sentences of `text`, in order, stripped of surrounding white space.

    Sentences never cross a blank line. A sentence longer than MAX_SENTENCE_CHARS (a table, a list
    with no punctuation) is cut at white space so that it still fits in a chunk.
    """
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield from _paragraph(text, start, match.start())
        start = match.end()
    yield from _paragraph(text, start, len(text))


def _paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    begin = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, begin, match):
            continue
        yield from _stripped(text, begin, match.end())
        begin = match.end()
    yield from _stripped(text, begin, end)


def _is_abbreviation(text: str, begin: int, match: re.Match[str]) -> bool:
    mark = match.group()
    if not mark.startswith(".") or mark.startswith(".."):
        return False
    word_start = match.start()
    while word_start > begin and not text[word_start - 1].isspace():  # a no-break space too
        word_start -= 1
    word = text[word_start : match.start()].lstrip("\"'“‘([").lower()
    if _ADDRESS.search(word) and text[match.end() :].lstrip()[:1].islower():
        return True  # an address broken at a line's end: "(https://www. debian.org/...)"
    if word in ABBREVIATIONS or _LABEL.fullmatch(text, begin, match.end()):
        return True
    if word.isdigit() and len(word) <= 3 and (word_start == 0 or text[word_start - 1] == "\n"):
        return True  # a numbered item at a line's start: "Do this:\n1. Download the archive."
    # Initials and dotted abbreviations: "J.", "U.S", "e.g".
    return bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word))


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end
