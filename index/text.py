"""Word-level text utilities shared by lexical indexing, retrieval and answer composition."""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom whose why will with would you your yours yourself yourselves say said says
    tell told according did does many much""".split()
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


def stem(word: str) -> str:
    """A light suffix stripper, enough to match "withdrawal" to "withdraw" or "troops" to "troop"."""
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "als", "al", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


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
