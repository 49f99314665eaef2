"""Build an extractive answer from the sentences of the retrieved chunks.

Each candidate sentence gets a relevance from 0 to 1:

    match     = 0.6 * cosine(question, sentence) + 0.4 * overlap(question, sentence)
    relevance = min(1, match + fit)

`cosine` is clipped to [0, 1]; `overlap` is the weighted share of the question's content words
(light stems; names count double, words of the clause that asks count FOCUS_WEIGHT times more)
found in the sentence; `fit` (at most FIT_BONUS * 2) rewards a sentence of the kind the question
asks for: one that attributes a statement to a named person for "who" questions, a date for
"when", a year for "what year", a number for "how many", a negation when the question asks who
doubted or denied something. What a question asks for is read from its interrogative, whether it
opens the question or, in a question that describes first, ends it ("... which was founded in
what year?"). Refusal looks at `match` alone, so that the kind of a sentence never
makes an unrelated passage count as an answer.

The best sentence is always used; further ones join while they score close to it (closer still
for questions with one answer) and the word budget allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from index.chunking import Sentence
from index.text import content_words, display_title, stem, words

SEMANTIC_WEIGHT = 0.6
# Question words weigh idf ** IDF_POWER: 0 ignores rarity, 1 takes BM25's idf as it is.
IDF_POWER = 0.5
FIT_BONUS = 0.1
# A further sentence joins the answer when its relevance is at least this share of the best one's:
# strict for questions with one answer, looser for questions that gather several ("who ...?").
KEEP_RATIO = 0.6
GATHER_RATIO = 0.45
# Runners-up from the best sentence's own document count this much less: an answer that draws on
# several documents tends to cover more of a question that links them.
SAME_SOURCE_PENALTY = 0.05
# Two sentences this similar say the same thing; the weaker one is dropped.
DUPLICATE_COSINE = 0.92
# Words of the clause that asks (see `asked_clause`) weigh this much more than the question's others.
FOCUS_WEIGHT = 1.5

_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|noted|notes|added|adds|warned|warns|stressed|argued|argues|claimed|claims|"
    r"wrote|writes|tweeted|stated|states|insisted|believes|believed|thinks|thought|suggested|according to|"
    r"announced|reiterated|denied|doubted|questioned)\b",
    re.IGNORECASE,
)
_STANCE_VERBS = re.compile(
    r"\b(?:support\w*|oppos\w*|criticis\w*|criticiz\w*|welcom\w*|condemn\w*|prais\w*|agree\w*|"
    r"disagree\w*|object\w*|predict\w*|expect\w*)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|none|neither|nor|little|hardly|without|yet to|doubt\w*|skeptic\w*|sceptic\w*)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)
_DOUBT_VERBS = re.compile(
    r"\b(?:doubt\w*|den(?:y|ied|ies)|disput\w*|question(?:ed|s)?|reject\w*|skeptic\w*|sceptic\w*|disbeliev\w*|"
    r"refut\w*|dismiss\w*|contradict\w*|challeng\w*)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:\d{3,4}s?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"today|tomorrow|yesterday|week|month|year|century|decade|morning|evening|night|later|earlier|"
    r"before|after|until|when)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b\d{3,4}s?\b")
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    "The A An In On At After Before But And Or If When While As For From With By Of To This That These Those It "
    "He She They We You I His Her Their Our Its There Here What Who Why How Which Where Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September October "
    "November December".split()
)


_WH = re.compile(r"\b(?:what|which|who|whom|whose|when|where|how)\b", re.IGNORECASE)
_CLAUSE_BOUNDARY = re.compile(r"\b(?:who|whom|whose|which|that|where)\b|[,;:]", re.IGNORECASE)
_KINDS = (
    ("who", re.compile(r"(?:who|whom|whose)\b|(?:which|what) (?:person|people|officials?)\b")),
    ("year", re.compile(r"(?:what|which) (?:years?|decade|century)\b")),
    ("when", re.compile(r"when\b|(?:what|which) (?:day|date|month|time|timeframe|period)\b")),
    ("where", re.compile(r"where\b")),
    ("count", re.compile(r"how (?:many|much|long|old|far)\b")),
)


def asked_clause(question: str) -> tuple[str, str]:
    """(the interrogative phrase onwards, the clause that holds it). The interrogative opens most
    questions ("What position was held by the woman who ...": the clause is "What position was held
    by the woman"); a question that describes first asks last ("... University, which was founded
    in what year?": the clause is "which was founded in what year")."""
    opening = _WH.search(question, 0, len(" ".join(question.split()[:2])) + 1)
    if opening is not None:
        end = next((m.start() for m in _CLAUSE_BOUNDARY.finditer(question, opening.end())), len(question))
        return question[opening.start() :].lower(), question[:end]
    last = next(iter(reversed(list(_WH.finditer(question)))), None)
    if last is None:
        return "", question
    start = 0
    for boundary in _CLAUSE_BOUNDARY.finditer(question, 0, last.start()):
        start = boundary.start()
    return question[last.start() :].lower(), question[start:]


_RELATIVE = re.compile(r"\s*(?:who|whom|whose|which|that|where)\b", re.IGNORECASE)
_ANTECEDENT = re.compile(
    r"(?:\b[A-Z][\w’'.&-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w’'.&-]*)*|\b[\w’'-]+(?:\s+[\w’'-]+)?)\s*$"
)


def asked_about(question: str) -> str | None:
    """In a question that describes first and asks last through a relative clause ("... represented
    Virginia Commonwealth University which was founded in what year?"), that clause with what it is
    about: "Virginia Commonwealth University which was founded in what year?". None for others."""
    _, clause = asked_clause(question)
    start = len(question) - len(clause)
    if start == 0 or not _RELATIVE.match(clause):
        return None
    before = _ANTECEDENT.search(question[:start].rstrip())
    return f"{before.group().strip()} {clause.strip()}" if before else None


_ALTERNATIVE = r"(?:the\s+)?([A-Z0-9][^,:;?]*?)"
_CHOICE = re.compile(
    rf"(?:^|[,:;]\s*|\b(?:between|is|was|are|were)\s+){_ALTERNATIVE}\s+or\s+{_ALTERNATIVE}\s*(?:[,;?]|$)"
)


def alternatives(question: str) -> tuple[str, str] | None:
    """The two things a question asks the reader to choose between, when it names them ("Who was
    born first, Gervais Raoul Lufbery or François Coli?", "Which band, Letters to Cleo or Screaming
    Trees, had more members?"); None for other questions. Both must start with a capital or a
    digit: a name, a title, a year."""
    for match in _CHOICE.finditer(question.strip()):
        first, second = (re.sub(r"^the\s+", "", m, flags=re.IGNORECASE).strip() for m in match.groups())
        if first and second and not _WH.match(first):
            return first, second
    return None


@dataclass(frozen=True)
class Shape:
    """What a question asks for."""

    kind: str  # "who", "when", "year" (a when that asks for a year), "where", "count", "other"
    doubt: bool  # asks who doubted, denied, questioned ... something
    terms: dict[str, float]  # stemmed content words and their weights
    stance: bool = False  # asks who said, claimed, warned, supported ... something
    asked: frozenset[str] = frozenset()  # the question's own words: an answer brings others

    @property
    def gathers(self) -> bool:
        """Whether the answer may gather several sentences of equal standing: "who said X?" and
        "who doubted X?" can have many answers, "who wrote X?" has one."""
        return self.kind == "who" and (self.stance or self.doubt)


def shape_of(question: str, idf: Callable[[str], float] | None = None) -> Shape:
    """What the question asks for. With `idf` (inverse document frequency of a stemmed term), its
    words weigh by how rare they are in the corpus, so that names and rare words count most."""
    interrogative, clause = asked_clause(question.strip())
    kind = next((name for name, pattern in _KINDS if pattern.match(interrogative)), "other")
    if kind == "other" and re.search(r"\b(?:which|what) (?:person|people|officials?)\b", question, re.IGNORECASE):
        kind = "who"
    terms = question_terms(question)
    focus = {stem(w) for w in content_words(clause)}
    if focus and set(terms) - focus:
        terms = {term: weight * (FOCUS_WEIGHT if term in focus else 1.0) for term, weight in terms.items()}
    if idf is not None:
        terms = {term: weight * idf(term) ** IDF_POWER for term, weight in terms.items()}
    # Authorship ("who wrote ...") has one answer; saying, warning, supporting ... can have many.
    stance = any(m.group().lower() not in ("wrote", "writes") for m in _REPORTING.finditer(question))
    stance = stance or bool(_STANCE_VERBS.search(question))
    return Shape(kind, bool(_DOUBT_VERBS.search(question)), terms, stance, frozenset(words(question)))


def question_terms(question: str) -> dict[str, float]:
    """Stemmed content words of the question with their weights (names count double)."""
    terms: dict[str, float] = {}
    raw_words = question.split()
    names = {w.strip("?!.,\"'“”’").lower() for w in raw_words[1:] if w[:1].isupper()}
    for word in content_words(question):
        terms[stem(word)] = 2.0 if word in names else 1.0
    return terms


def overlap(terms: dict[str, float], text: str) -> float:
    if not terms:
        return 0.0
    present = {stem(w) for w in content_words(text)}
    return sum(weight for term, weight in terms.items() if term in present) / sum(terms.values())


def has_name(text: str, asked: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence names someone or something (a capitalised name past its first word)
    other than by the words in `asked`."""
    return any(
        m.group().split()[0] not in _NOT_NAMES and not set(words(m.group())) <= asked for m in _NAME.finditer(text)
    )


def names_person(text: str, asked: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence attributes something to a named person or body (not named in `asked`)."""
    return bool(_REPORTING.search(text)) and has_name(text, asked)


def _brings(pattern: re.Pattern[str], text: str, asked: frozenset[str]) -> bool:
    """Whether `pattern` finds something in `text` that is not among the question's words."""
    return any(not set(words(m.group())) <= asked for m in pattern.finditer(text))


def fit(shape: Shape, text: str) -> float:
    """The bonus of a sentence that holds what the question asks for: a name, date, year or number
    that the question itself does not hold."""
    bonus, asked = 0.0, shape.asked
    if (
        (shape.kind == "who" and (names_person(text, asked) if shape.gathers else has_name(text, asked)))
        or (shape.kind == "when" and _brings(_DATE, text, asked))
        or (shape.kind == "year" and _brings(_YEAR, text, asked))
        or (shape.kind == "count" and _brings(_NUMBER, text, asked))
    ):
        bonus += FIT_BONUS
    if shape.doubt and _NEGATION.search(text):
        bonus += FIT_BONUS
    return bonus


def labelled(item: Scored) -> str:
    """The sentence as the answer gives it (a table row with its column headers), prefixed with its
    document's title where the title alone names the sentence's subject: a paragraph of a document
    without headings (an article about one thing, such as an encyclopedia entry) that does not name
    the title itself ("Scotch Collie: Other ancestors include the Gordon Setter."). In a document
    with headings, the title and section show in the citation instead."""
    sentence = item.candidate.sentence
    text, name = sentence.display, display_title(item.candidate.title)
    if not name or item.candidate.sectioned or sentence.kind != "paragraph":
        return text
    if set(content_words(name)) <= set(content_words(text)):
        return text
    return f"{name}: {text}"


def context_of(candidate: Candidate) -> str:
    """What a sentence is read with when its words are matched: its document's title, its section's
    headings, and the sentence as an answer gives it."""
    sentence = candidate.sentence
    return " ".join([candidate.title, *sentence.section, sentence.display]).strip()


def _same_kind(shape: Shape, text: str) -> bool:
    """Whether a runner-up answers in the way the question asks: a gathered "who" answer names
    someone, and an answer to "who doubted ..." voices the doubt."""
    if shape.gathers and not names_person(text):
        return False
    return not shape.doubt or bool(_NEGATION.search(text))


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
    # The items of the list or table this sentence introduces, in document order (see `select`).
    items: tuple[Scored, ...] = ()


def score(shape: Shape, question_vector: np.ndarray, candidates: list[Candidate]) -> list[Scored]:
    """Candidates with their relevance, best first."""
    scored = []
    for candidate in candidates:
        text = candidate.sentence.display
        cosine = float(np.clip(candidate.vector @ question_vector, 0.0, 1.0))
        lexical = overlap(shape.terms, context_of(candidate))
        match = SEMANTIC_WEIGHT * cosine + (1 - SEMANTIC_WEIGHT) * lexical
        relevance = min(1.0, match + fit(shape, text))
        scored.append(Scored(candidate, cosine, lexical, match, relevance))
    scored.sort(key=lambda s: (-s.relevance, s.candidate.chunk_rank))
    return scored


def select(shape: Shape, scored: list[Scored], max_words: int, max_sentences: int) -> list[Scored]:
    """The sentences of the answer: the best one; then those marked `follow` (the sentence chosen
    from the document of a name the best one leads to, or the best about each thing the question
    compares), however long; then close runners-up while the word budget allows. A sentence that
    introduces a list or table brings its items right after it, each its own sentence, while the
    word budget allows (see `_brought`); they do not count against `max_sentences`.

    Questions that gather (several people may have done the thing asked about) accept runners-up
    further from the best and have half as many words again to spend.
    """
    if not scored:
        return []
    best = scored[0]
    ratio = GATHER_RATIO if shape.gathers else KEEP_RATIO
    budget = int(max_words * 1.4) if shape.gathers else max_words
    chosen: list[Scored] = []
    taken: set[tuple[str, int, int]] = set()
    words = 0
    sentences = 0

    def take(item: Scored) -> None:
        nonlocal words
        chosen.append(item)
        taken.add(_key(item))
        words += len(item.candidate.sentence.display.split())
        for brought in _brought(shape, item, len(chosen) == 1, taken):
            length = len(brought.candidate.sentence.display.split())
            if words + length > budget:
                break
            chosen.append(brought)
            taken.add(_key(brought))
            words += length

    take(best)
    sentences = 1
    follows = [s for s in scored[1:] if s.follow]
    order = [s for s in scored[1:] if not s.follow]
    if not shape.gathers:
        order.sort(key=lambda s: -(s.relevance - SAME_SOURCE_PENALTY * (s.candidate.source == best.candidate.source)))
    for item in [*follows, *order]:
        if sentences >= max_sentences:
            break
        if not item.follow and item.relevance < ratio * best.relevance:
            break
        if _key(item) in taken or not _same_kind(shape, item.candidate.sentence.text):
            continue
        length = len(item.candidate.sentence.display.split())
        if words + length > budget and not item.follow:
            continue
        if any(float(item.candidate.vector @ c.candidate.vector) > DUPLICATE_COSINE for c in chosen):
            continue
        take(item)
        sentences += 1
    return chosen


def _key(item: Scored) -> tuple[str, int, int]:
    sentence = item.candidate.sentence
    return item.candidate.source, sentence.start, sentence.end


def _brought(shape: Shape, item: Scored, first: bool, taken: set[tuple[str, int, int]]) -> list[Scored]:
    """The items a sentence brings into the answer: every item of a list it introduces, in order;
    of a table, the rows whose own cells hold a word of the question, or, when none does and the
    sentence is the answer's first, every row."""
    items = [i for i in item.items if _key(i) not in taken]
    rows = [i for i in items if i.candidate.sentence.kind == "table_row"]
    if not rows:
        return items
    matching = [i for i in rows if overlap(shape.terms, i.candidate.sentence.text) > 0]
    return matching or (rows if first else [])
