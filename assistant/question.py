"""What a question asks: its kind, the clause that asks, the things it compares, its weighted words,
and what a name is.

A question's interrogative says what it asks for ("who" a person, "when" a date, "how many" a
number). It opens most questions; a question that describes first asks last ("The team ...
represented a university which was founded in what year?"), and then the clause holding its last
interrogative is the one that asks. Its words weigh more than the description's
(`RankingSettings.focus_weight`), and the clause with what it is about is searched for on its own
(see `assistant.ranking`). A question that names two alternatives ("Who was born first, A or B?")
compares them.

A name is a run of capitalised words ("Ruslan Leviev", "Bank of England"), less the words that
are capitalised for another reason: interrogatives, function words, days and months at its start,
single letters, and a lone word opening a sentence. A run with a possessive inside is read whole
and in its parts ("Alexander Kerensky's Provisional Government": "Alexander Kerensky" and
"Provisional Government" too), as either may title a document. The same definition serves the follow-up
rewrite (who a conversation is about), the bridge (names the best sentence adds to the question)
and the fit of a sentence to a "who" question (it names someone).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from assistant.errors import EmptyQuestionError
from assistant.settings import RankingSettings
from index.text import STOPWORDS, content_words, index_terms, stem, words

_NAME = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of\s+|de\s+|von\s+|van\s+)?[A-Z][\w’'-]*)*")
_NOT_NAMES = frozenset(
    "What Who Whom Whose When Where Why How Which Is Are Was Were Do Does Did Can Could Should Would Will Has Have "
    "Had The A An In On At After Before But And Or If As For From With By Of To This That These Those It Its He She "
    "They We You I His Her Their Our There Here While Tell Give List Name Please Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September October November "
    "December".split()
)
# The "s" of an abbreviation's plural or possessive ("PCs", "GPU's").
_ABBREVIATION_S = re.compile(r"(?<=[A-Z0-9])['’]?s$")


def _spelt_out(word: str) -> bool:
    """Whether a word of a name is written out, not as an abbreviation or a code ("USD", "FY2018",
    "PCs"): it holds a lower-case letter besides an abbreviation's "s"."""
    return any(c.islower() for c in _ABBREVIATION_S.sub("", word))


# A capitalised word right after these opens a sentence: capitalised for that, not as a name.
_OPENING = re.compile(r"(?:^|[.!?][\"”’')\]]*\s+)[\"“‘'(\[]*$")


def names(text: str) -> list[str]:
    """The names in `text`, in order (see the module docstring); a possessive's 's left out."""
    found = []
    for match in _NAME.finditer(text):
        opening = _OPENING.search(text[: match.start()]) is not None
        whole = match.group().split()
        parts = _possessives(whole)
        # A name with a possessive inside is read whole and in its parts: "Queen's Gambit" may be
        # a title, "Alexander Kerensky's Provisional Government" is two names.
        for run in parts if len(parts) == 1 else [[*whole[:-1], _unpossessed(whole[-1])], *parts]:
            first = run[0]
            while run and (run[0] in _NOT_NAMES or run[0].lower() in STOPWORDS or len(run[0]) < 2):
                run = run[1:]
            while run and len(run[-1]) < 2:
                run = run[:-1]
            if run and not (opening and len(run) == 1 and run[0] == first == _unpossessed(whole[0])):
                found.append(" ".join(run))
    return found


def _unpossessed(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


def _possessives(run: list[str]) -> list[list[str]]:
    """A run of capitalised words cut after each possessive, its 's left out: "Alexander Kerensky's
    Provisional Government" is two names."""
    parts: list[list[str]] = [[]]
    for word in run:
        if word.endswith(("’s", "'s")):
            parts[-1].append(_unpossessed(word))
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def has_name(text: str, asked: frozenset[str] = frozenset()) -> bool:
    """Whether `text` names someone or something other than by the words in `asked`."""
    return any(not set(words(name)) <= asked for name in names(text))


def respelled(question: str, spelling: Callable[[str], str | None]) -> tuple[str, list[tuple[str, str]]]:
    """`question` with each word of its names that the corpus does not hold replaced by the
    corpus's spelling one letter away (`spelling`: "Zelensky" by "zelenskiy"), and the (word,
    replacement) pairs."""
    changes: list[tuple[str, str]] = []
    for name in names(question):
        for word in name.split():
            terms = index_terms(word)
            better = spelling(terms[0]) if len(terms) == 1 else None
            if better and (word, better) not in changes:
                changes.append((word, better))
    for word, better in changes:
        question = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", better, question)
    return question, changes


@dataclass(frozen=True)
class NamesRead:
    """A question's names as the corpus knows them: the question with misspelt names respelled
    (see `respelled`), the (word, replacement) pairs, and the names it never mentions."""

    query: str
    respelled: list[tuple[str, str]]
    unknown: list[str]


def read_names(
    question: str,
    spelling: Callable[[str], str | None] | None,
    known: Callable[[str], bool] | None,
    written: Callable[[str], bool] | None = None,
) -> NamesRead:
    """The names of `question` read against the corpus: respelled with `spelling`, checked with
    `known`, and its code identifiers checked with `written` (see `identifiers`), each step skipped
    when its callable is None."""
    query, changes = respelled(question, spelling) if spelling is not None else (question, [])
    unknown = unknown_names(query, known) if known is not None else []
    if written is not None:
        unknown += [name for name in identifiers(query) if not written(name)]
    return NamesRead(query, changes, unknown)


# A code identifier: words joined by underscores ("smtpd_client_connection_count_limit") or an
# option with a dash inside ("--start-interval"). A word with a hyphen ("read-only") is neither.
_IDENTIFIER = re.compile(
    r"(?<![\w-])(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|--?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)(?![\w-])"
)


def identifiers(question: str) -> list[str]:
    """The code identifiers a question names, in order (see `_IDENTIFIER`)."""
    return _IDENTIFIER.findall(question)


def identifier_parts(identifier: str) -> list[str]:
    """The words an identifier joins: "--start-interval": ["start", "interval"]."""
    return [part for part in re.split(r"[-_]+", identifier) if part]


def written_as(identifier: str) -> re.Pattern[str]:
    """How a document may write `identifier`: its words in order, each joined to the next by an
    underscore or a dash (a line's break may follow it), in any case, with no letter or digit
    right before or after ("--start-interval" is written in "--start-interval=DURATION" and in
    "start_interval")."""
    joined = r"[-_]\s?".join(re.escape(part) for part in identifier_parts(identifier))
    return re.compile(rf"(?<![A-Za-z0-9]){joined}(?![A-Za-z0-9])", re.IGNORECASE)


def unknown_names(question: str, known: Callable[[str], bool]) -> list[str]:
    """The names in `question` of which the corpus holds no word (`known` says whether it holds
    an index term): what they name is not in the documents ("Redis" asked of a manual that never
    mentions it). Only words spelt out in lower case count: an abbreviation or a code ("USD",
    "FY2018", "A4", "PCs") is often the asker's own shorthand for what the documents write in full ("$",
    "fiscal 2018"). A name without such a word, or whose words index nothing (a single letter, a
    stop word), is never unknown."""
    unknown = []
    for name in names(question):
        terms = [term for word in name.split() if _spelt_out(word) for term in index_terms(word)]
        if terms and not any(known(term) for term in terms):
            unknown.append(name)
    return unknown


def unheard_words(question: str, holds: Callable[[str], bool]) -> list[str]:
    """The words of `question` of which the corpus holds no index term (`holds` says whether it
    holds one): "encrypt" asked of a manual that never says it, or the asker's own word for what
    the documents say otherwise ("newcomer" for "new member")."""
    return [word for word in content_words(question) if not all(holds(term) for term in index_terms(word))]


# The kinds of named place a question may ask for ("which city", "what country").
_PLACE_NOUNS = (
    r"(?:city|town|village|country|state|county|province|region|island|borough|district|neighbou?rhood|"
    r"cemetery|arena|stadium|venue)"
)
_VERB_OR_ARTICLE = r"(?:is|are|was|were|do|does|did|has|have|had|the|a|an)\b"
_INTERROGATIVES = "what|which|who|whom|whose|when|where|how"
_WH = re.compile(rf"\b(?:{_INTERROGATIVES})\b", re.IGNORECASE)
# A question opens on these; "why" asks only there (a question never ends "... renamed why?").
_OPENING_WH = re.compile(rf"\b(?:{_INTERROGATIVES}|why)\b", re.IGNORECASE)
_CLAUSE_BOUNDARY = re.compile(r"\b(?:who|whom|whose|which|that|where)\b|[,;:]", re.IGNORECASE)
_KINDS = (
    ("who", re.compile(r"(?:who|whom|whose)\b|(?:which|what) (?:person|people|officials?)\b")),
    ("year", re.compile(r"(?:what|which) (?:years?|decade|century)\b")),
    ("when", re.compile(r"when\b|(?:what|which) (?:day|date|month|time|timeframe|period)\b")),
    ("where", re.compile(r"where\b")),
    # "which city", "in what New York city": a named place (RankingSettings.places)
    ("place", re.compile(rf"(?:what|which) (?:(?!{_VERB_OR_ARTICLE})[a-z]+ ){{0,2}}?{_PLACE_NOUNS}\b")),
    ("count", re.compile(r"how (?:many|much|long|old|far)\b")),
    # how to do something: answered by a command, an option, a call (RankingSettings.procedures)
    ("how", re.compile(r"how (?:do|does|can|could|should|would|may|might|will) (?:i|you|we|one)\b|how to\b")),
)
# A measure asked for by its name ("What is the length of the track ...", "... a town with a
# population of what?", "with what population at the 2010 census?"): answered by a number, as "how
# long" is (RankingSettings.measure_completion).
_MEASURES = r"(?:population|length|height|width|depth|area|elevation|altitude|capacity|weight|distance|duration)"
_ASKS_MEASURE = re.compile(
    rf"\b(?:what|which) (?:(?:is|was|are|were) (?:the|its|their) )?{_MEASURES}\b|\b{_MEASURES} of (?:what|how much)\b",
    re.IGNORECASE,
)


def asks_measure(question: str) -> bool:
    """Whether the question asks for a measure by its name ("What is the length of ...", "with a
    population of what?"), which a number answers."""
    return _ASKS_MEASURE.search(question) is not None


# Verbs of saying and of stance: "who said / warned / supported ..." can have many answers.
REPORTING = re.compile(
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
_DOUBT_VERBS = re.compile(
    r"\b(?:doubt\w*|den(?:y|ied|ies)|disput\w*|question(?:ed|s)?|reject\w*|skeptic\w*|sceptic\w*|disbeliev\w*|"
    r"refut\w*|dismiss\w*|contradict\w*|challeng\w*)\b",
    re.IGNORECASE,
)


# A question may open with the circumstance it asks about ("When using apt, how do I ...?", "If I
# declare a column as FLOATING POINT, what affinity ...?"): its "when" or "where" asks nothing.
_CIRCUMSTANCE = re.compile(
    r"(?:when|where|if|once|while|after|before|since|unless)\b[^,?;]*,\s*(?=(?:how|what|which|who|whom|whose|why|"
    r"where|when|is|are|was|were|do|does|did|can|could|should|will|would|may|must|has|have)\b)",
    re.IGNORECASE,
)


def _opening_interrogative(question: str) -> re.Match[str] | None:
    """The interrogative among the question's first two words ("What ...", "In which ...", "Why
    ..."), if any: a question opening with "why" asks why, whatever "when" or "where" it goes on
    with ("Why don't the daemons offer ... when they run in session mode?")."""
    return _OPENING_WH.search(question, 0, len(" ".join(question.split()[:2])) + 1)


def asked_clause(question: str) -> tuple[str, str]:
    """(the interrogative phrase onwards, the clause that holds it). The interrogative opens most
    questions ("What position was held by the woman who ...": the clause is "What position was held
    by the woman"), after the circumstance a question may open with ("When using apt, how do I
    ..."); a question that describes first asks last ("... University, which was founded in what
    year?": the clause is "which was founded in what year")."""
    circumstance = _CIRCUMSTANCE.match(question)
    if circumstance is not None:
        question = question[circumstance.end() :]
    opening = _opening_interrogative(question)
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


# The interrogatives that ask where a question ends ("... born in which city?", "... formed by
# who?"): not "when" or "where", more often a conjunction there ("... go when a test matched?").
_ASKING = re.compile(r"(?:what|which|whom|how (?:many|much|long|old|far)|who\s*\?)")
# The verb a question's predicate opens with ("... is built on what kind of landform?").
_AUXILIARY_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|do|does|did)\b")


def asked_predicate(question: str) -> str | None:
    """In a question that describes first and asks last without a clause of its own ("A
    neighbourhood of the city called Canada's hailstorm capital is built on what kind of
    landform?"), or whose clause names only the kind of answer ("..., which was founded in what
    year?"), the predicate that asks: from the last auxiliary verb before the last interrogative
    ("is built on what kind of landform?"). None when there is no such verb, or the question opens
    with its interrogative."""
    if "?" in question.rstrip()[:-1] or _opening_interrogative(question):
        return None
    lowered, clause = asked_clause(question)
    start, end = len(question) - len(clause), len(question) - len(lowered)
    if not _ASKING.match(lowered) or _WH.search(question, start + 1, end) or ". " in question[:end]:
        return None  # the clause has its own interrogative before the last one ("how do I ... when ...")
    verbs = list(_AUXILIARY_VERB.finditer(question, start, end))
    return question[verbs[-1].start() :] if verbs else None


# "..., and which one do its authors suggest instead?": a second question joined to the first.
_SECOND_QUESTION = re.compile(
    r",\s+and\s+(?=(?:what|which|who|whom|whose|how|where|when|why|in which|in what)\b)", re.IGNORECASE
)


# A sentence's end inside a question: "... offers. Which setting ...", "... Linux? Which version ...",
# "... earlier today. who doubted ..." (askers do not always capitalise).
_QUESTION_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Za-z])")


def asking_sentence(question: str) -> str | None:
    """The last sentence of a question that sets a scene or asks before it ("I want students to reach
    the top mark without every point. Which AMC scoring setting lets me do that?": "Which AMC
    scoring setting lets me do that?"), or None for a question of one sentence."""
    parts = _QUESTION_SENTENCE_END.split(question.strip())
    if len(parts) < 2 or len(content_words(parts[-2])) < 2:  # "Who did Mr. Smith marry?" is one sentence
        return None
    return parts[-1] if len(content_words(parts[-1])) > 1 else None


def readings(question: str, sentence: bool, clause: bool) -> list[str]:
    """The readings of a question a cross-encoder judges a sentence against: the question whole;
    with `sentence`, its last sentence when it sets a scene first (`asking_sentence`); with
    `clause`, the clause from its last interrogative on, of four words or more, when something
    comes before it ("In an espeak-ng _list file, which flag makes a word like "abc" be read out
    letter by letter?": "which flag makes ... letter by letter?")."""
    found = [question]
    asking = asking_sentence(question) if sentence else None
    if asking is not None:
        found.append(asking)
    asked = asked_clause(question)[0] if clause else ""
    whole = question.strip()
    if asked and whole.lower().endswith(asked):  # as the question writes it
        asked = whole[len(whole) - len(asked) :]
    asked = asked.strip(" ,;:")
    if len(asked.split()) >= 4 and asked not in found and asked != whole:
        found.append(asked)
    return found


# "..., and is it on unless I set it?": a yes-or-no question joined to the first.
_SECOND_YES_NO = re.compile(
    r",\s+and\s+(?=(?:is|are|was|were|can|could|do|does|did|will|would|should|has|have|must|may)\b)", re.IGNORECASE
)
# "... FFTW_ESTIMATE? How do the two differ?": a second question asked as a sentence of its own.
_SECOND_SENTENCE = re.compile(r"\?\s+(?=[A-Z][^?]*\?\s*$)")


def second_question(question: str, forms: bool = False) -> str | None:
    """The second of two questions joined by ", and" ("How many columns may a table have, and how
    far can that ceiling be raised?": "how far can that ceiling be raised?"), or None. With `forms`,
    also a yes-or-no question so joined ("..., and is it on unless I set it?") and a question
    asked as a sentence after the first ("Should I pick A or B? How do the two differ?")."""
    patterns = (_SECOND_QUESTION, _SECOND_YES_NO, _SECOND_SENTENCE) if forms else (_SECOND_QUESTION,)
    ends = [m.end() for pattern in patterns for m in pattern.finditer(question)]
    return question[max(ends) :] if ends else None


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
    # A question that opens with its interrogative ("Who composed ..., who performed ...?") has its
    # clause first: nothing describes before it.
    if start == 0 or question[start:] != clause or not _RELATIVE.match(clause):
        return None
    before = _ANTECEDENT.search(question[:start].rstrip())
    return f"{before.group().strip()} {clause.strip()}" if before else None


_ALTERNATIVE = r"(?:the\s+)?([A-Z0-9][^,:;?]*?)"
# Where the two names start: after a comma, "between", a verb "to be", or, as askers leave the comma
# out, a word that compares ("Which magazine was started first Arthur's Magazine or First for
# Women?", "Who is older Jane Doe or John Roe?").
_COMPARING = r"first|last|earlier|later|older|younger|more|most|less|least|bigger|larger|smaller|longer|shorter"
_CHOICE_START = re.compile(rf"^|[,:;]\s*|\b(?:between|is|was|are|were|{_COMPARING})\s+")
_CHOICE = re.compile(rf"{_ALTERNATIVE}\s+or\s+{_ALTERNATIVE}\s*(?:[,;?]|$)")


def alternatives(question: str) -> tuple[str, str] | None:
    """The two things a question asks the reader to choose between, when it names them ("Who was
    born first, Gervais Raoul Lufbery or François Coli?", "Which band, Letters to Cleo or Screaming
    Trees, had more members?"); None for other questions. Both must start with a capital or a
    digit: a name, a title, a year."""
    question = question.strip()
    for start in _CHOICE_START.finditer(question):
        match = _CHOICE.match(question, start.end())
        if match is None:
            continue
        first, second = (re.sub(r"^the\s+", "", m, flags=re.IGNORECASE).strip() for m in match.groups())
        if first and second and not _WH.match(first):
            return first, second
    return None


# "How do the TRUNCATE and PERSIST journal modes differ ...?", "What is the difference between
# declaring Recommends and Suggests ...?", "how fast do lz4 and snappy decompress, and which of the
# two is quicker?": two things set side by side, each a few words (a name, a keyword, an
# identifier). Not "How does A differ from B?" (see RankingSettings.comparisons).
_THING = r"(?:the\s+|an?\s+)?([\w.()’'/-]+(?:\s+[\w.()’'/-]+){0,2}?)"
_LAST_THING = r"(?:the\s+|an?\s+)?([\w.()’'/-]+(?:\s+[\w.()’'/-]+){0,2})"
_SIDE_BY_SIDE = (
    re.compile(
        rf"\b(?:do|does|did)\s+(?:the\s+(?:[\w-]+\s+){{1,2}}of\s+)?{_THING}\s+and\s+{_LAST_THING}\s+"
        r"(?:differ|compare)\b",
        re.I,
    ),
    re.compile(
        rf"\bdifferences?\s+between\s+(?:\w+ing\s+)?{_THING}\s+and\s+{_THING}(?=\s+(?:in|on|when|for)\b|[?,]|$)",
        re.I,
    ),
    re.compile(rf"\b(?:do|does|did)\s+{_THING}\s+and\s+{_THING}\s+\w+\b.*\bwhich\s+of\s+the\s+two\b", re.I),
)


def compared(question: str) -> tuple[str, str] | None:
    """The two things a question sets side by side to ask how they differ ("How do median_low and
    median_high differ ...?": median_low, median_high), or None."""
    for pattern in _SIDE_BY_SIDE:
        found = pattern.search(question)
        if found:
            return found.group(1).strip(), found.group(2).strip()
    return None


@dataclass(frozen=True)
class Shape:
    """What a question asks for."""

    # "who", "when", "year" (a when that asks for a year), "where", "place" (which city, country ...),
    # "count", "how" (to do), "other"
    kind: str
    doubt: bool  # asks who doubted, denied, questioned ... something
    terms: dict[str, float]  # stemmed content words (lone digits, letters, operators too) and their weights
    stance: bool = False  # asks who said, claimed, warned, supported ... something
    asked: frozenset[str] = frozenset()  # the question's own words: an answer brings others
    gathers: bool = False  # several sentences of equal standing may answer it (see `shape_of`)
    focus: frozenset[str] = frozenset()  # stems of the clause that asks, where the question says more
    several: bool = False  # asks for several things of a kind ("Which escapes do ...?", "Which features stop ...?")
    default: bool = False  # asks what holds when nothing is set ("by default", "if I don't give one")
    joined: bool = False  # asks a second question too ("..., and how far can it be raised?", "...? Why?")
    compares: bool = False  # compares two things it names ("How do median_low and median_high differ ...?")


def shape_of(
    question: str, settings: RankingSettings | None = None, idf: Callable[[str], float] | None = None
) -> Shape:
    """What the question asks for. With `idf` (inverse document frequency of a stemmed term), its
    words weigh by how rare they are in the corpus, so that names and rare words count most.

    It gathers when it asks who said or doubted something ("who said X?", "who doubted X?" can
    have many answers; "who wrote X?" has one), unless `settings.gather` is off."""
    settings = settings or RankingSettings()
    interrogative, clause = asked_clause(question.strip())
    kind = next((name for name, pattern in _KINDS if pattern.match(interrogative)), "other")
    if (
        (kind == "how" and not settings.procedures)
        or (kind == "place" and not settings.places)
        or (kind == "where" and not settings.locations)
    ):
        kind = "other"
    if kind == "other" and re.search(r"\b(?:which|what) (?:person|people|officials?)\b", question, re.IGNORECASE):
        kind = "who"
    terms = question_terms(question, settings.name_weight)
    focus = {stem(w) for w in content_words(clause)}
    narrower = bool(focus and set(terms) - focus)
    if narrower:
        terms = {term: weight * (settings.focus_weight if term in focus else 1.0) for term, weight in terms.items()}
    if idf is not None:
        terms = {term: weight * idf(term) ** settings.idf_power for term, weight in terms.items()}
    if settings.digit_terms:
        terms = {**terms, **_lone_terms(question, terms)}
    if settings.letter_terms:
        terms = {**terms, **_lone_terms(question, terms, LONE_LETTER)}
    if settings.symbol_terms and terms:  # an operator weighs as the other words together
        terms = {**terms, **dict.fromkeys(symbols_in(question), sum(terms.values()))}
    # Authorship ("who wrote ...") has one answer; saying, warning, supporting ... can have many.
    stance = any(m.group().lower() not in ("wrote", "writes") for m in REPORTING.finditer(question))
    stance = stance or bool(_STANCE_VERBS.search(question))
    # Who doubted, denied, questioned ... something: not what rejects or questions something.
    doubt = kind == "who" and bool(_DOUBT_VERBS.search(question))
    gathers = settings.gather and kind == "who" and (stance or doubt)
    # names and the kind of thing asked for ("what year") are not what an answer's sentence adds
    named = {stem(w) for w in _capitalised(question)}
    named |= {stem(m.group(1).lower()) for m in _ASKED_FOR.finditer(question)}
    asking = frozenset(focus - named) if narrower else frozenset()
    several = asks_several(interrogative)
    default = settings.default_fit and _ASKS_DEFAULT.search(question) is not None
    joined = second_question(question) is not None or question.count("?") > 1
    compares = settings.comparisons and (alternatives(question) or compared(question)) is not None
    return Shape(
        kind, doubt, terms, stance, frozenset(words(question)), gathers, asking, several, default, joined, compares
    )


# What holds when the asker sets nothing: "by default", "the default", "if I don't give one", "if I
# never set them", "unless I say otherwise", "when I give it none", "if I leave out ...", "without naming a
# text table" (not "how do I leave out ...": that excludes).
_ASKS_DEFAULT = re.compile(
    r"\bdefaults?\b|\bout of the box\b|\bunless I\b|\bgive it none\b|\b(?:if|when) (?:I|you|we) (?:leave|omit)\b"
    r"|\b(?:don['’]?t|do not|never|without)\s+(?:[\w'’-]+\s+){0,2}?(?:set|setting|give|giving|pass|passing|specify"
    r"|specifying|say|tell|change|changing|choose|configure|provide|providing|supply|supplying|name|naming)\b",
    re.IGNORECASE,
)


# "which backslash sequences does", "what kinds of": the thing asked for, in the plural, right
# after the interrogative (not "what does dividing two integers do").
_AUXILIARY = r"(?:do|does|did|is|are|was|were|can|could|should|must|may|will|would|have|has|had)\b"
_SEVERAL = re.compile(
    rf"(?:which|what)\s+(?:(?:kinds|types|sorts)\s+of\b|(?:(?!of\b|{_AUXILIARY})[\w/.+-]+\s+){{0,3}}?"
    rf"[a-z]{{2,}}[^\Wsu]s\s+{_AUXILIARY})"
)


# "Which features stop working ...?": a plural right after "which", then its verb. Only "which":
# after "what" the word is as often a verb ("What causes ...?").
_WHICH_PLURAL = re.compile(r"which\s+([a-z]{2,}[^\Wsu]s)\s+([a-z]+)\b")


def asks_several(interrogative: str) -> bool:
    """Whether the phrase from the interrogative on asks for several things of one kind: its noun
    in the plural before the verb ("which backslash sequences does ...", "what kinds of ...",
    "which features stop ...")."""
    plural = _WHICH_PLURAL.match(interrogative)
    if plural and not STOPWORDS.intersection(plural.groups()):
        return True
    return _SEVERAL.match(interrogative) is not None


# "what year", "which city": the kind of thing a question asks for.
_ASKED_FOR = re.compile(r"\b(?:what|which)\s+(\w+)", re.IGNORECASE)


def _capitalised(question: str) -> set[str]:
    """The words capitalised past the question's first word: names."""
    return {w.strip("?!.,\"'“”’").lower() for w in question.split()[1:] if w[:1].isupper()}


# A digit standing alone ("No. 2 Squadron", "ID 5"), not part of a larger number.
LONE_DIGIT = re.compile(r"(?<![\w.,])\d(?![\w]|[.,]\d)")


# A small letter standing alone ("a single x", "modes q and d", "%c"), not the article "a". A
# capital standing alone names a language or a statistic ("R", "C") that its documents name
# throughout, or is an initial ("Gerald R. Ford").
LONE_LETTER = re.compile(r"(?<![\w.,'’-])[b-z](?![\w'’-]|[.,]\w)")


def _lone_terms(question: str, terms: dict[str, float], pattern: re.Pattern[str] = LONE_DIGIT) -> dict[str, float]:
    """The characters of the question standing alone that `pattern` finds (digits, small letters),
    each weighed as the content word right before or after it."""
    found: dict[str, float] = {}
    for match in pattern.finditer(question):
        before = [stem(w) for w in content_words(question[: match.start()])][-1:]
        after = [stem(w) for w in content_words(question[match.end() :])][:1]
        weights = [terms[t] for t in before + after if t in terms]
        if weights:
            found[match.group()] = max(weights)
    return found


# An operator standing alone: one to three ASCII marks (not quotes or brackets), set apart by
# spaces, quotes, brackets or the end of a clause ("expr ^ expr", "'^'", "‘**’", "(^)", "%=");
# not the start of a path ("~/.profile").
SYMBOL = re.compile(
    r"(?<![^\s\"'‘’“”`(\[])[!#$%&*+,\-./:;<=>?@\\^|~]{1,3}(?=$|[\s\"'‘’“”`)\]]|[,.;:?!](?:$|[\s\"'‘’“”`)\]]))"
)
# Punctuation of prose, and the marks that frame a user's example ("x = 1.50", "{ 10/8; }"), not
# the operator asked about.
_PROSE_MARKS = frozenset({"-", "--", "/", "&", ",", ".", ";", ":", "!", "?", "...", "=", "{", "}"})


def symbols_in(text: str) -> set[str]:
    """The operators standing alone in `text` (a clause's closing mark after one left out)."""
    found = set()
    for match in SYMBOL.finditer(text):
        symbol = match.group()
        if len(set(symbol)) > 1 and symbol[-1] in ",.;:?!":
            symbol = symbol[:-1]
        found.add(symbol)
    return found - _PROSE_MARKS


def question_terms(question: str, name_weight: float = 2.0) -> dict[str, float]:
    """Stemmed content words of the question with their weights: `name_weight` for a word
    capitalised past the question's first word, 1 for the others."""
    terms: dict[str, float] = {}
    capitalised = _capitalised(question)
    for word in content_words(question):
        terms[stem(word)] = name_weight if word in capitalised else 1.0
    return terms


def clean_question(question: str, limit: int) -> tuple[str, list[str]]:
    """The question on one line (control characters and runs of spaces made one space), cut to
    `limit` characters; with a notice when it was cut. Raises EmptyQuestionError when nothing is left."""
    if not isinstance(question, str):
        raise TypeError(f"question must be a string, not {type(question).__name__}")
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") else ch for ch in question)
    text = " ".join(text.split())
    if not text:
        raise EmptyQuestionError()
    notices = []
    if len(text) > limit:
        text = text[:limit]
        notices.append(f"The question was cut to its first {limit} characters.")
    return text, notices
