"""Sentence scoring: how relevant each candidate sentence is to a question, from 0 to 1.

    match     = w * cosine(question, sentence) + (1 - w) * overlap(question, sentence)
    relevance = min(1, match + fit)

`w` is `RankingSettings.semantic_weight`. `cosine` is clipped to [0, 1]; `overlap` is the weighted
share of the question's content words, and of the digits, small letters and operators standing
alone in it (see `assistant.question.shape_of` for their weights), found in the sentence read with
its document's title and section; `fit` (`fit_bonus`, twice at most)
rewards a sentence of the kind the question asks for: one naming someone for "who" (attributing a
statement to them, for questions that gather), a date for "when", a year for "what year", a
number for "how many", a place for "which city" (`_PLACE`), a negation when the question asks who
doubted or denied something, each only when the question itself does not hold it; a command,
option or call for "how do I ...?"; a path for "where" (`_LOCATION`); a default ("Defaults to
25.") for a question asking what holds when nothing is set (`default_fit`), once with the kind's.
Refusal looks at `match` alone, so that the kind of a sentence never makes an unrelated passage
count as an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.question import LONE_DIGIT, LONE_LETTER, REPORTING, Shape, has_name, symbols_in
from assistant.settings import RankingSettings
from index.chunking import Sentence
from index.text import content_words, stem, words

NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|none|neither|nor|little|hardly|without|yet to|doubt\w*|skeptic\w*|sceptic\w*)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:\d{3,4}s?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"today|tomorrow|yesterday|week|month|year|century|decade|morning|evening|night|later|earlier|"
    r"before|after|until|when)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b\d{3,4}s?\b")
# A number, also with its unit glued to it ("~1MBit", "10ms", "4TiB", "512k"); not a decade or an
# ordinal ("the 1960s", "2nd"), which count nothing
_NUMBER = re.compile(
    r"\b\d[\d,.]*(?:\b|(?!s\b|st\b|nd\b|rd\b|th\b)[a-z]{1,5}\b)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)

# A list item's number ("2. Insert the USB stick ...", "3) Reboot"): it counts nothing the item says.
_ORDINAL = re.compile(r"\s*\d{1,2}[.)]\s+")

# A named place: a capitalised name after a preposition of place ("in Ann Arbor", "at the Colisée
# Pepsi", "from Ellensburg"), not a month or weekday ("in March").
_PLACE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ff]rom|[Oo]utside|[Ii]nside|[Ww]ithin)\s+(?:the\s+)?"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
)

# What says what holds when nothing is set: "the default is 8", "Defaults to 25.", "if omitted", "If
# this option isn't specified, then en-nabcc ... is assumed.".
_DEFAULT = re.compile(
    r"\bdefault(?:s|ed|ing)?\b|\bif (?:it is |this is )?(?:omitted|unset|not (?:given|set|specified|supplied))\b"
    r"|\bif (?:it|this|the) (?:\w+ )?(?:is not|isn['’]t) (?:given|set|specified|supplied)\b"
    r"|\bunless (?:otherwise )?(?:specified|given|set)\b",
    re.IGNORECASE,
)

# What a "where ...?" question is answered with in a manual: a file or folder ("/usr/local/sbin",
# "~/.config/"), not a web address (RankingSettings.locations).
_LOCATION = re.compile(r"(?<![\w.:/])(?:~|/[a-z])[\w.-]*/[\w/.-]*")

# What a "how do I ...?" question is answered with: an option ("-e", "--branch-sim=yes"), a shell
# prompt, a dot-command (".timer on"), a call ("date(...)"), an identifier (snake_case) or a path.
_COMMAND = re.compile(
    r"(?<![\w-])--?[A-Za-z][\w-]*(?:=\S+)?|^\$\s|(?<![\w.])\.[a-z]{3,}\b(?!\.)|\b[A-Za-z_]\w*\(|"
    r"\b[a-z]+_[a-z_]+\b|(?<!\w)/[a-z]+/[\w/.-]*",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Candidate:
    source: str
    page: int | None
    sentence: Sentence
    vector: np.ndarray
    chunk_rank: int  # best rank of a chunk holding this sentence, 0 first
    title: str = ""  # the document's title, context for the sentence
    position: int = -1  # the index reader's position of a chunk holding the sentence
    sectioned: bool = False  # its document has headings


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    cosine: float
    overlap: float
    match: float
    relevance: float
    bridged: bool = False  # in the document of a name that the best first-round sentence led to
    # The answer needs this sentence after the best one, whatever its relevance: the sentence chosen
    # from a document a bridge leads to, or the best about one of the things a question compares
    # (see `assistant.ranking`).
    follow: bool = False
    # The items of the list or table this sentence introduces, in document order (see
    # `assistant.selection.select`).
    items: tuple[Scored, ...] = ()
    # The sentences before this one that it goes on from, in document order: where the quotation
    # it ends opens, or the sentence its "But ..." answers (see `assistant.selection.stands_alone`).
    opening: tuple[Scored, ...] = ()


def overlap(terms: dict[str, float], text: str) -> float:
    """The weighted share of `terms` (stemmed words, and lone digits as they stand, with their
    weights) found in `text`, 0 to 1."""
    if not terms:
        return 0.0
    present = {stem(w) for w in content_words(text)}
    if any(term.isdigit() and len(term) == 1 for term in terms):  # read only for a question holding one
        present.update(LONE_DIGIT.findall(text))
    if any(len(term) == 1 and term.isalpha() for term in terms):  # read only for a question holding one
        present.update(LONE_LETTER.findall(text))
    if any(not term[:1].isalnum() for term in terms):  # an operator: read only for a question holding one
        present.update(symbols_in(text))
    return sum(weight for term, weight in terms.items() if term in present) / sum(terms.values())


def names_person(text: str, asked: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence attributes something to a named person or body (not named in `asked`)."""
    return _reports(text) and has_name(text, asked)


def _reports(text: str) -> bool:
    """Whether the sentence holds a verb of saying or stance; a capitalised word inside it is part of
    a name, not such a verb ("the United States", "Told by an Idiot")."""
    return any(m.start() == 0 or not m.group()[0].isupper() for m in REPORTING.finditer(text))


def _brings(pattern: re.Pattern[str], text: str, asked: frozenset[str]) -> bool:
    """Whether `pattern` finds something in `text` that is not among the question's words."""
    return any(not set(words(m.group())) <= asked for m in pattern.finditer(text))


def _names_place(text: str, asked: frozenset[str]) -> bool:
    """Whether the sentence names a place (see `_PLACE`) that is not among the question's words."""
    return any(not set(words(m.group(1))) <= asked for m in _PLACE.finditer(text))


def fit(shape: Shape, text: str, settings: RankingSettings) -> float:
    """The bonus of a sentence that holds what the question asks for: a name, date, year or number
    that the question itself does not hold, or a command or option (`RankingSettings.procedures`;
    with `command_words`, only in a sentence holding a word of the question), or a default for a
    question asking for one (`default_fit`); and again, for a question about doubt, a negation."""
    total, asked, bonus = 0.0, shape.asked, settings.fit_bonus
    text = text[ordinal.end() :] if (ordinal := _ORDINAL.match(text)) else text
    if (
        (shape.kind == "who" and (names_person(text, asked) if shape.gathers else has_name(text, asked)))
        or (shape.kind == "when" and _brings(_DATE, text, asked))
        or (shape.kind == "year" and _brings(_YEAR, text, asked))
        or (shape.kind == "count" and _brings(_NUMBER, text, asked))
        or (shape.kind == "place" and _names_place(text, asked))
        or (shape.kind == "where" and _LOCATION.search(text) is not None)
        or (
            shape.kind == "how"
            and _COMMAND.search(text) is not None
            and (not settings.command_words or overlap(shape.terms, text) > 0)
        )
        or (shape.default and _DEFAULT.search(text) is not None)
    ):
        total += bonus
    if shape.doubt and NEGATION.search(text):
        total += bonus
    return total


def context_of(candidate: Candidate) -> str:
    """What a sentence is read with when its words are matched: its document's title, its section's
    headings, and the sentence as an answer gives it."""
    sentence = candidate.sentence
    return " ".join([candidate.title, *sentence.section, sentence.display]).strip()


def score(
    shape: Shape, question_vector: np.ndarray, candidates: list[Candidate], settings: RankingSettings
) -> list[Scored]:
    """Candidates with their relevance, best first."""
    scored = []
    weight = settings.semantic_weight
    for candidate in candidates:
        text = candidate.sentence.display
        cosine = float(np.clip(candidate.vector @ question_vector, 0.0, 1.0))
        lexical = overlap(shape.terms, context_of(candidate))
        match = weight * cosine + (1 - weight) * lexical
        relevance = min(1.0, match + fit(shape, text, settings))
        scored.append(Scored(candidate, cosine, lexical, match, relevance))
    scored.sort(key=lambda s: (-s.relevance, s.candidate.chunk_rank))
    return scored
