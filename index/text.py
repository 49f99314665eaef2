"""Word-level text utilities shared by lexical indexing, retrieval and answer composition."""

from __future__ import annotations

import functools
import re
import threading

import Stemmer

# The lexical analysis that BM25 indexing, question terms and word overlap share: the English
# Snowball stop list and stemmer. Bump LEXICAL_VERSION when either changes: it is part of the index
# fingerprint (index/settings.py), so an index built with another analysis is rebuilt, never mixed.
LEXICAL_VERSION = 2

# The Snowball project's English stop list (snowballstem.org, algorithms/english/stop.txt), as
# `words` reads it: apostrophes dropped ("don't" -> "dont", and a possessive or "'s" contraction
# reads as the word before it), leaving out the contractions that would then read as other
# English words (i'd, i'll, he'll, she'd, she'll, we'd, we'll, we're). No word of any domain:
# "said" or "according" count as much as any other word.
STOPWORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing would should
    could ought im youre theyre ive youve weve theyve youd hed theyd youll theyll isnt arent wasnt
    werent hasnt havent hadnt doesnt dont didnt wont wouldnt shant shouldnt cant cannot couldnt
    mustnt lets a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over under
    again further then once here there when where why how all any both each few more most other
    some such no nor not only own same so than too very""".split()
)

_WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessive 's dropped; curly apostrophes read as straight ones."""
    out = []
    for word in _WORD.findall(text.translate(_QUOTES).lower()):
        if word.endswith("'s"):
            word = word[:-2]
        out.append(word.replace("'", "").replace(",", ""))
    return out


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stop words, no single letters."""
    return [word for word in words(text) if word not in STOPWORDS and len(word) > 1]


_stemmers = threading.local()


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's English Snowball stem ("withdrawal" -> "withdraw", "troops" -> "troop",
    "doubted" -> "doubt"), by PyStemmer. A stemmer object serves one thread at a time, so each
    thread has its own."""
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = Stemmer.Stemmer("english")
    return str(stemmer.stemWord(word))


def display_title(title: str) -> str:
    """A title without its parenthetical qualifier: "Kiss and Tell (1945 film)" -> "Kiss and Tell"."""
    return re.sub(r"\s*\([^)]*\)\s*", " ", title).strip()


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed and searched by lexically: stemmed content words."""
    return [stem(word) for word in content_words(text)]


# How quotes are checked against their spans: tokens as the project's independent scorer reads
# them (lower case, ASCII letters and digits, numbers with their separators; curly quotes and
# dashes folded), and a span at most SPAN_SLACK tokens longer than its quote.
SPAN_SLACK = 80
_FOLD = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " ", "\u2013": " ", "\u2026": " "}
)
_TOKEN = re.compile(r"[a-z0-9]+(?:[,.][0-9]+)*")


def tokens(text: str) -> list[str]:
    """The text's tokens as quotes are checked by them (see SPAN_SLACK)."""
    return _TOKEN.findall(text.translate(_FOLD).lower())


def quote_in_span(quote: str, span: str) -> bool:
    """The one check of a citation: the quote has tokens, they appear in order among the span's
    tokens, and the span holds at most SPAN_SLACK tokens more than the quote."""
    wanted, found = tokens(quote), tokens(span)
    remaining = iter(found)
    return bool(wanted) and all(token in remaining for token in wanted) and len(found) <= len(wanted) + SPAN_SLACK
