"""Answer selection: which of the ranked sentences make the answer, and how each is shown.

The best sentence is always used; then those marked `follow` (the sentence chosen from the document
a bridge leads to, or the best about each thing the question compares), however long; then
runners-up scoring at least `keep_ratio` of the best (those of other documents preferred by
`same_source_penalty`), skipping those that add almost no word to the answer (`duplicate_words`; but
not one that denies what an answer sentence it nearly repeats affirms, or the other way round:
`opposite_copies`), within the word budget, and no code listing (of more than `value_listing_words`
words) where the question asks for a person, a time, a place or an amount (`value_listings`), nor
one without a number where it asks how many or how much alone, unless the best sentence runs on from
it (`count_runners`); a runner-up as relevant as the best (`tie_ratio`) that the budget leaves out
joins last all the same, where the answer's hard ceiling may cut it. A sentence that introduces a
list or table brings its items after it (the answer's first, when they do not fit the budget whole,
each list item by its first sentence: `item_leads`); in answer to a question asking for several
things of a kind ("Which escapes ...?"), every item, whatever the budget, and a list item among the
best brings the other items of its list, each shown by its first sentence (`whole_lists`), in the
list's order unless the items before it would push it past the budget: then it leads
(`best_item_first`). Questions that gather ("who said ...?", "who doubted ...?") take runners-up
down to `gather_ratio`, with `gather_budget` times the words, and only sentences that attribute
something to someone (and voice the doubt, for doubt). A sentence that cannot be read on its own
(`stands_alone`) is left out: the quotation it ends began in the sentence before, it goes on from
that sentence, or it points back to what that sentence named ("If you use one of these ..."), unless
it is given with the sentences before it (see `assistant.ranking`). A definition or list item longer
than `long_unit_words` is shown by its first sentence and those of its sentences that best answer
the question (`excerpted`); its citation quotes it whole. In a question comparing two things, each
long unit is so shown in its share of the budget (`shared_units`), so that the other side of the
comparison is not cut. Two sentences of the answer a unit or two apart in one document are given as
one passage, what lies between them included (`gaps_filled`, `gap_words`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from assistant.question import Shape
from assistant.scoring import NEGATION, Scored, context_of, fit, names_person, overlap
from assistant.settings import RankingSettings
from assistant.types import Segment
from index.chunking import Sentence
from index.sentences import split_spans
from index.text import STOPWORDS, content_words, display_title, stem, tokens, words

# A sentence opening with one of these goes on from the one before it ("But for now ...").
_CONNECTIVE = re.compile(r"(?:but|and|or|yet|so|nor|however|therefore|thus|hence)\b", re.IGNORECASE)
# A sentence that points back, in its first words, to things the sentence before named ("If you use
# one of these for ...", "These are kept ...", "In such cases ..."), not forward ("those who ...").
_POINTS_BACK = re.compile(
    r"(?:[\w'’-]+[\s,]+){0,5}?(?:these|those|such)\b(?!\s+(?:who|whom|that|which|whose|as)\b)", re.IGNORECASE
)


_WORD = re.compile(r"[^\W\d_]+")

# A sentence that is one aside in brackets, not itself ended as a sentence is: what is left of one cut
# after its list of titles ("(1995 Columbia Records)."); "(The default is 8.)" says something.
_BRACKETED = re.compile(r"\([^()]*[^().!?]\)\.?")

# The units read whole that are shown in part when long (`excerpted`).
_UNITS = ("definition", "list_item")

# A sentence opening with one of these is the rest of one cut off before it (", where l is the
# length ..." after a formula left out of a PDF's text).
_GOES_ON = ",;:)]}…"


_QUOTE_MARK = re.compile("[“”]")


def opens_inside_quotation(text: str) -> bool:
    """Whether a closing quote mark comes before any opening one: the quotation began earlier. A
    closing mark set where a quotation opens, after a space and before a word, opens one: some
    typesetters write ” at both ends ("an additional ”$” argument", DocBook's PDFs)."""
    depth = 0
    for mark in _QUOTE_MARK.finditer(text):
        at = mark.start()
        opens = at == 0 or text[at - 1].isspace()
        if mark.group() == "“" or (opens and text[at + 1 : at + 2].strip()):
            depth += 1
        elif depth == 0:
            return True
        else:
            depth -= 1
    return False


# A sentence opening with a pronoun that stands for something named before it ("It measures ...").
_PRONOUN = re.compile(r"(?:it|its|he|his|she|her|they|their|this|these)\b", re.IGNORECASE)

# A sentence follows the one before it in the document when it starts within this many characters
# of its end: a space, a line break, or the blank line between two paragraphs; no header or hole fits.
RUN_GAP = 2


def runs_on(before: Scored, after: Scored) -> bool:
    """Whether `after` is the sentence right after `before` in one document, both sentences of
    paragraphs shown as written: read together, they are one passage. A list's items, a table's rows
    and code are shown a line each and never run on."""
    first, second = before.candidate.sentence, after.candidate.sentence
    return (
        first.kind == second.kind == "paragraph"
        and not first.shown
        and not second.shown
        and before.candidate.source == after.candidate.source
        and 0 <= second.start - first.end <= RUN_GAP
    )


def in_reading_order(chosen: list[Scored]) -> list[Scored]:
    """`chosen` with each sentence that comes right before a sentence chosen earlier in its document
    (`runs_on`) moved in front of it: "Massif is a heap profiler. It measures how much heap memory
    your program uses.", not the other way round. The sentence that leads the answer was chosen to
    lead and keeps its place, unless it opens with a pronoun whose antecedent the moved sentence
    may hold ("It measures ..."). Other sentences keep their place."""
    out: list[Scored] = []
    for item in chosen:
        at = next((n for n, placed in enumerate(out) if runs_on(item, placed)), len(out))
        if at == 0 and out and not _PRONOUN.match(out[0].candidate.sentence.text):
            at = len(out)
        out.insert(at, item)
    return out


def stands_alone(sentence: Sentence) -> bool:
    """Whether a sentence can be read on its own: not one that opens inside a quotation (a closing
    quote mark before any opening one: the quotation began in the sentence before), goes on from
    the sentence before ("But ...", "and which ...", ", where ..."), points back in its first words
    to what the sentence before named ("If you use one of these ...", "In such cases ..."; not
    "those who ..."), is an aside in brackets left of
    a sentence cut short ("(1995 Columbia Records)."), or is a question (a FAQ's or a heading's, not
    its answer). List items, table rows and definitions are whole units and stand alone, but for
    a list item that is a question (a FAQ's questions set as a list)."""
    if is_question(sentence):
        return False
    if sentence.kind != "paragraph":
        return True
    text = sentence.text.strip()
    first = words(text[:40])[:1]
    if not first or text[0] in _GOES_ON or _CONNECTIVE.match(text) or (text[0].islower() and first[0] in STOPWORDS):
        return False
    if _POINTS_BACK.match(text):
        return False
    if _BRACKETED.fullmatch(text):
        return False
    return not opens_inside_quotation(text)


def is_question(sentence: Sentence) -> bool:
    """Whether a paragraph's sentence or a list item asks a question (a FAQ's, or a heading's left
    as a paragraph): it asks what the sentences after it answer."""
    return sentence.kind in ("paragraph", "list_item") and sentence.text.rstrip().endswith("?")


def is_label(sentence: Sentence, min_words: int, titles: bool = False) -> bool:
    """Whether a paragraph's sentence is a label, button or link of the page ('Expand description',
    '1.11.0 · source'): under `min_words` words, numbers not counted, and not ended as a sentence is
    ('He resigned.' says something); with `titles`, one set as a title is (`title_cased`); or a
    definition's term given nothing after it, as what a table under it describes ('Parameters' over
    a function's table of parameters)."""
    text = sentence.text.rstrip()
    if sentence.kind == "definition":
        return ":" not in text and len(_WORD.findall(text)) < min_words
    if sentence.kind != "paragraph":
        return False
    words = len(_WORD.findall(text))
    return (not text.endswith((".", "!", "?")) and words < min_words) or (titles and title_cased(text))


# The words a title leaves in lower case.
_MINOR_WORDS = frozenset("a an and as at by for from in of on or the to via vs with".split())


def title_cased(text: str) -> bool:
    """Whether a text of 2 to 12 words is set as a title is, every word capitalised but the minor
    ones, with no digit and no sentence's or clause's end ('Description of Mollweide Projection',
    'Normal Q-Q Plot'): a heading, caption or byline the document left as a paragraph."""
    words = _WORD.findall(text)
    if not 2 <= len(words) <= 12 or text.endswith((".", "!", "?", ":", ",", ";")) or any(c.isdigit() for c in text):
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in words)


def _bare(shape: Shape, sentence: Sentence, settings: RankingSettings) -> bool:
    """Whether a paragraph's sentence is under `min_sentence_words` words and holds none of the
    question's ("Congratulations!", "Done.")."""
    text = sentence.display
    return (
        sentence.kind == "paragraph"
        and len(_WORD.findall(text)) < settings.min_sentence_words
        and not overlap(shape.terms, text)
    )


def labelled(item: Scored, named_sections: bool) -> str:
    """The sentence as the answer gives it (a table row with its column headers), after its label
    (`label_of`) when it has one: "Scotch Collie: Other ancestors include the Gordon Setter."."""
    label, text = label_of(item, named_sections), item.candidate.sentence.display
    return f"{label}: {text}" if label else text


def in_context(item: Scored, sentences: Sequence[Sentence], named_sections: bool, words: int) -> str:
    """The sentence as `labelled` gives it, between the last `words` words of the sentence before
    it and the first `words` of the one after it in its chunk (`sentences`): what the cross-encoder
    reads to judge whether it answers. A passage of text, like those it was trained on, says more
    than its sentence alone: a table row after its caption, a step after what it is for."""
    text = labelled(item, named_sections)
    if words <= 0:
        return text
    at = next((n for n, s in enumerate(sentences) if s.start == item.candidate.sentence.start), -1)
    if at < 0:
        return text
    before = sentences[at - 1].display.split()[-words:] if at > 0 else []
    after = sentences[at + 1].display.split()[:words] if at + 1 < len(sentences) else []
    return " ".join([*before, text, *after])


def label_of(item: Scored, named_sections: bool) -> str:
    """What alone names a paragraph's subject when the sentence does not name it itself, or "":
    the document's title, for a paragraph of a document without headings (an article about one
    thing, such as an encyclopedia entry: "Scotch Collie"); with `named_sections`, the heading
    right above it when that heading is a name in code (an API reference's heading per member:
    "JSON_TOKENER_STRICT" over "Be strict when parsing JSON input."). Other headings show in the
    citation instead."""
    sentence = item.candidate.sentence
    text, name = sentence.display, display_title(item.candidate.title)
    if sentence.kind != "paragraph":
        return ""
    if item.candidate.sectioned:
        code = sentence.section[-1] if named_sections and sentence.section else ""
        return code if names_code(code) and code.removesuffix("()").casefold() not in text.casefold() else ""
    return name if name and not set(content_words(name)) <= set(content_words(text)) else ""


# A name in code: one token with an underscore, a call's brackets, a dot or a colon inside, or a
# capital after a small letter ("MDB_NOSYNC", "mdb_env_open()", "os.cpus()", "getFoo").
_CODE_NAME = re.compile(r"[\w.:()\[\]<>*~-]{2,80}")
_CODE_MARK = re.compile(r"_|\(\)|\w[.:]\w|[a-z][A-Z]")


def names_code(heading: str) -> bool:
    """Whether a heading is a name in code (see `_CODE_NAME`)."""
    return bool(_CODE_NAME.fullmatch(heading)) and bool(_CODE_MARK.search(heading))


# An item's own number, letter or numeral ("1. ", "b) ", "iv. "), not a sentence.
_ITEM_MARKER = re.compile(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{2,5}|[IVX]{2,5})[.)]\s+")


def shown(shape: Shape, item: Scored, settings: RankingSettings, before: Scored | None = None) -> str:
    """The sentence as the answer shows it (`labelled`; without its label when the sentence
    `before` it in the answer has the same: "JSON_TOKENER_STRICT: Be strict ... This flag is not set
    by default."); in answer to a question asking for several things (`whole_lists`), a list item of
    several sentences by its first, then "…": the answer names each item, and the citation holds
    the whole."""
    label, text = label_of(item, settings.named_sections), item.candidate.sentence.display
    if label and (before is None or label != label_of(before, settings.named_sections)):
        text = f"{label}: {text}"
    if not (shape.several and settings.whole_lists and item.candidate.sentence.kind == "list_item"):
        return text
    return _item_lead(text)


def _item_lead(text: str) -> str:
    """A list item of several sentences by its first, then "…"; any other text as it is."""
    marker = _ITEM_MARKER.match(text)
    start = marker.end() if marker else 0
    spans = list(split_spans(text[start:]))
    return f"{text[: start + spans[0][1]]} …" if len(spans) > 1 else text


def _item_leads(items: list[Scored]) -> list[Scored]:
    """List items of several sentences shown by their first (`_item_lead`); the citation keeps each whole."""
    out = []
    for item in items:
        sentence = item.candidate.sentence
        if sentence.kind == "list_item" and (lead := _item_lead(sentence.display)) != sentence.display:
            item = replace(item, candidate=replace(item.candidate, sentence=replace(sentence, shown=lead)))
        out.append(item)
    return out


_VALUE_KINDS = frozenset({"who", "year", "when", "where", "place", "count"})


def _listing_for_value(shape: Shape, item: Scored, settings: RankingSettings) -> bool:
    """Whether `item` is a code listing of more than `value_listing_words` words and the question
    asks for a person, a time, a place or an amount, which a listing does not say."""
    sentence = item.candidate.sentence
    return (
        sentence.kind == "code"
        and shape.kind in _VALUE_KINDS
        and len(sentence.display.split()) > settings.value_listing_words
    )


def _no_amount(shape: Shape, item: Scored, settings: RankingSettings) -> bool:
    """Whether the question asks for an amount alone ("how many ...?", not "how many ..., and why?")
    and `item` holds no number that the question does not."""
    return shape.kind == "count" and not shape.joined and not fit(shape, item.candidate.sentence.display, settings)


def _same_kind(shape: Shape, text: str) -> bool:
    """Whether a runner-up answers in the way the question asks: a gathered "who" answer names
    someone, and an answer to "who doubted ..." voices the doubt."""
    if shape.gathers and not names_person(text):
        return False
    return not shape.doubt or bool(NEGATION.search(text))


def select(
    shape: Shape, scored: list[Scored], settings: RankingSettings, max_words: int, max_sentences: int
) -> list[Scored]:
    """The sentences of the answer, in order (see the module docstring). Items a sentence brings
    from its list or table do not count against `max_sentences`."""
    labels = settings.title_labels
    scored = [s for s in scored if not is_label(s.candidate.sentence, settings.min_sentence_words, labels)] or scored
    most = settings.long_unit_words
    following = sum(s.follow for s in scored)
    if most and following and shape.compares and settings.shared_units:
        # the answer must hold both sides of the comparison: a long unit leaves the other its share
        most = min(most, max(settings.shared_unit_floor, max_words // (1 + following)))
    scored = [excerpted(shape, s, settings, most) for s in scored]
    if not scored:
        return []
    if settings.whole_sentences:
        # A fragment joins with the sentences it goes on from, which stand before it; one that
        # cannot (a question, or a fragment whose start was not found) is left out.
        whole = [s for s in scored if s.opening or stands_alone(s.candidate.sentence)]
        scored = whole or scored
    best = scored[0]
    ratio = settings.gather_ratio if shape.gathers else settings.keep_ratio
    budget = int(max_words * settings.gather_budget) if shape.gathers else max_words
    chosen: list[Scored] = []
    taken: set[tuple[str, int, int]] = set()
    words = 0
    # a question asking for several things of a kind takes every item its sentences bring
    whole_lists = shape.several and settings.whole_lists

    def take(item: Scored) -> None:
        nonlocal words
        first = not chosen  # it leads the answer, after the sentences it goes on from
        for before in item.opening if settings.whole_sentences else ():
            if _key(before) not in taken:
                chosen.append(before)
                taken.add(_key(before))
                words += len(before.candidate.sentence.display.split())
        at = len(chosen)
        chosen.append(item)
        taken.add(_key(item))
        words += len(item.candidate.sentence.display.split())
        # an answer does not open with a sentence ending in a colon and without what it introduces:
        # the first item joins whatever its length, and the answer's ceiling may cut it (a
        # runner-up's first item was counted in the budget before it was taken)
        introduces = _introduces(item) and (settings.introduced_item if first else settings.introduced_runner)
        items = _brought(shape, item, first, taken)
        if first and introduces and settings.item_leads and _size(items) > budget - words:
            items = _item_leads(items)  # every item named, rather than the first told in full
        for n, brought in enumerate(items):
            length = len(brought.candidate.sentence.display.split())
            if words + length > budget and not ((n == 0 and introduces) or whole_lists):
                break
            chosen.append(brought)
            taken.add(_key(brought))
            words += length
        if whole_lists and item.candidate.sentence.leads < 0:
            # an item brings the others of its list: the list is given in its own order, unless the
            # items before it would push it past the budget; then it leads and the others follow
            ordered = sorted(chosen[at:], key=lambda s: s.candidate.sentence.start)
            place = next(n for n, s in enumerate(ordered) if s is item)
            ahead = words - _size(chosen[at:]) + _size(ordered[: place + 1])
            if settings.best_item_first and ahead > budget:
                ordered = [item, *(s for s in ordered if s is not item)]
            chosen[at:] = ordered

    take(best)
    sentences = 1
    follows = [s for s in scored[1:] if s.follow]
    order = [s for s in scored[1:] if not s.follow]
    penalty = 0.0 if shape.gathers else settings.same_source_penalty
    focus = {t: w for t, w in shape.terms.items() if t in shape.focus}
    weighing = bool(settings.coverage_weight and focus)  # else what the answer holds changes nothing
    covered: set[str] = set()

    def standing(item: Scored) -> float:
        own = item.relevance - penalty * (item.candidate.source == best.candidate.source)
        return own + settings.coverage_weight * _adds(focus, item, covered) if weighing else own

    def runners_up() -> Iterator[Scored]:
        """Followers first, then the runner-up that stands best against what the answer holds."""
        yield from follows
        if not weighing:
            yield from sorted(order, key=lambda s: -standing(s))
            return
        left = list(order)
        while left:
            covered.clear()
            covered.update(term for c in chosen for term in _stems(c))
            n = max(range(len(left)), key=lambda i: (standing(left[i]), -i))
            yield left.pop(n)

    tied: list[Scored] = []  # runners-up as relevant as the best that the budget left out
    for item in runners_up():
        if sentences >= max_sentences:
            break
        if not item.follow and item.relevance < ratio * best.relevance:
            break
        if _key(item) in taken or not _same_kind(shape, item.candidate.sentence.text):
            continue
        if settings.count_runners and not item.follow and not runs_on(item, best) and _no_amount(shape, item, settings):
            continue  # the question asks how many or how much, and it says no number
        if settings.value_listings and not item.follow and _listing_for_value(shape, item, settings):
            continue  # it would fill the budget without saying what is asked for
        if settings.bare_runners and not item.follow and _bare(shape, item.candidate.sentence, settings):
            continue  # it scored through its title and section alone
        length = sum(len(s.candidate.sentence.display.split()) for s in (*item.opening, item) if _key(s) not in taken)
        introduces = settings.introduced_runner and _introduces(item)
        if introduces:  # it joins with the first item it introduces, or not at all
            length += sum(len(s.candidate.sentence.display.split()) for s in _brought(shape, item, False, taken)[:1])
        if words + length > budget and not item.follow:
            if item.relevance >= settings.tie_ratio * best.relevance and not introduces:
                tied.append(item)  # not one that would lose what it introduces to the ceiling
            continue
        if _copies(item, chosen, settings):
            continue
        take(item)
        sentences += 1
    for item in tied[: max(0, max_sentences - sentences)]:
        if not _copies(item, chosen, settings):
            take(item)
    return chosen


def excerpted(shape: Shape, item: Scored, settings: RankingSettings, most: int | None = None) -> Scored:
    """A definition or list item of more than `long_unit_words` words shown in that many: its term
    (a definition's), its first sentence, and those of its other sentences that best answer the
    question (its weighted words, then the kind of thing it asks for; the earlier first among
    equals), in their order, with "…" where sentences are left out. Its citation keeps the whole.
    Any other sentence as it is."""
    sentence, most = item.candidate.sentence, settings.long_unit_words if most is None else most
    if not most or sentence.kind not in _UNITS or sentence.shown or len(sentence.text.split()) <= most:
        return item
    term, colon, body = sentence.text.partition(": ") if sentence.kind == "definition" else ("", "", sentence.text)
    if sentence.kind == "definition" and not colon:
        return item
    parts = [body[start:end] for start, end in split_spans(body)]
    if len(parts) < 3:
        return item
    used = len(term.split()) + len(parts[0].split())
    kept = {0}
    answers = {n: overlap(shape.terms, part) + fit(shape, part, settings) for n, part in enumerate(parts)}
    for n in sorted(range(1, len(parts)), key=lambda n: (-answers[n], n)):
        size = len(parts[n].split())
        if used + size <= most:
            kept.add(n)
            used += size
    if len(kept) == len(parts):
        return item
    shown = [parts[0]]
    for n in range(1, len(parts)):
        if n in kept:
            shown.append(parts[n])
        elif shown[-1] != "…":
            shown.append("…")
    text = " ".join(shown)
    text = f"{term}: {text}" if term else text
    return replace(item, candidate=replace(item.candidate, sentence=replace(sentence, shown=text)))


def _copies(item: Scored, chosen: list[Scored], settings: RankingSettings) -> bool:
    """Whether a runner-up says what the answer says (`duplicate_words`): under that share of its
    distinct words (numbers too) are new to the chosen sentences. With `opposite_copies`, a
    sentence that denies what a chosen sentence it nearly repeats affirms, or the other way round
    ("... at this point may cause duplicate messages." after "... at this point will not cause
    duplicate messages."), is no copy: it says the other thing."""
    own = set(tokens(item.candidate.sentence.display))
    said = [set(tokens(c.candidate.sentence.display)) for c in chosen]
    if not own:
        return True
    if len(own - set().union(*said)) / len(own) >= settings.duplicate_words:
        return False
    if not settings.opposite_copies:
        return True
    denies = NEGATION.search(item.candidate.sentence.display) is not None
    return not any(
        (NEGATION.search(c.candidate.sentence.display) is not None) != denies
        and len(own - words) / len(own) < settings.duplicate_words
        for c, words in zip(chosen, said, strict=True)
    )


def _stems(item: Scored) -> set[str]:
    return {stem(w) for w in content_words(context_of(item.candidate))}


def _adds(terms: dict[str, float], item: Scored, covered: set[str]) -> float:
    """The weighted share of `terms` a sentence (read with its title and section) holds that the
    answer's sentences do not."""
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t not in covered and t in _stems(item)) / total if total else 0.0


def _introduces(item: Scored) -> bool:
    """Whether the sentence ends in a colon: it introduces the list, table or code after it."""
    return item.candidate.sentence.display.rstrip().endswith(":")


def _size(items: list[Scored]) -> int:
    return sum(len(item.candidate.sentence.display.split()) for item in items)


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


def gaps_filled(
    chosen: list[Scored],
    most: int,
    sentences_at: Callable[[int], Sequence[Sentence]],
    page_of: Callable[[str, int], int | None],
    fits: Callable[[list[Scored]], bool],
) -> list[Scored]:
    """`chosen` with two of its sentences a short way apart in one document given as one passage
    (`RankingSettings.gap_words`: at most `most` words in one or two units between them), the
    sentences between them joining them, where the more relevant of the two stood: "... disable
    various features that are available as compile-time options.", "You should configure the
    sources as follows:", "./configure --disable-toggle ...", "This will create an executable with
    hard-coded security features ...". What leads keeps its place, and a fill is made only where
    the answer still `fits` its word ceiling: none of it is cut. `sentences_at` gives the sentences
    of the chunk at an index position, `page_of` the page of an offset in a document."""
    out = list(chosen)
    at = 0
    while at < len(out):
        gap = _gap_after(out, at, sentences_at)
        if gap is None or sum(len(s.display.split()) for s, _ in gap[1]) > most:
            at += 1
            continue
        n, between = gap
        first, second = out[at], out[n]
        # a sentence between is cited with the standing of the passage it joins
        relevance = min(first.relevance, second.relevance)
        source = first.candidate.source
        filled = [
            Scored(
                replace(first.candidate, sentence=s, page=page_of(source, s.start), position=position),
                0.0,
                0.0,
                relevance,
                relevance,
            )
            for s, position in between
        ]
        place = min(at, n)
        rest = [item for k, item in enumerate(out) if k not in (at, n)]
        tried = [*rest[:place], first, *filled, second, *rest[place:]]
        if not fits(tried):
            at += 1
            continue
        out, at = tried, place + len(filled) + 1
    return out


def _gap_after(
    out: list[Scored], at: int, sentences_at: Callable[[int], Sequence[Sentence]]
) -> tuple[int, list[tuple[Sentence, int]]] | None:
    """The position in `out` of the nearest sentence after `out[at]` in its document with one or
    two sentences between them, none of them in `out`, and those sentences, each with the
    position of a chunk holding it; None when there is none, or when that sentence leads the
    answer and `out[at]` does not (it would go before it). Both sentences' chunks are read
    (chunks overlap, and a gap may straddle two)."""
    first = out[at].candidate
    taken = {_key(s) for s in out}
    best: tuple[int, int, list[tuple[Sentence, int]]] | None = None
    for n, item in enumerate(out):
        other = item.candidate
        if other.source != first.source or other.sentence.start <= first.sentence.start or other.position < 0:
            continue
        positions = {first.position, other.position}
        if first.position < 0 or max(positions) - min(positions) > 1:
            continue
        merged = {s.start: (s, p) for p in sorted(positions) for s in sentences_at(p)}
        starts = sorted(merged)
        if first.sentence.start not in merged or other.sentence.start not in merged:
            continue
        inside = starts[starts.index(first.sentence.start) + 1 : starts.index(other.sentence.start)]
        between = [merged[start] for start in inside]
        if not 1 <= len(between) <= 2 or any((first.source, s.start, s.end) in taken for s, _ in between):
            continue
        if best is None or other.sentence.start < best[0]:
            best = (other.sentence.start, n, between)
    if best is None or best[1] == 0:
        return None
    return best[1], best[2]


def within_words(segments: list[Segment], limit: int) -> list[Segment]:
    """The segments cut to `limit` words of answer text, their [n] marks counted: the segment that
    crosses the limit shows its first words and "…", and those after it are left out. What is shown
    is cut, never what is cited: each segment's citation keeps its whole sentence. The first segment
    always shows at least one word; code cut keeps its lines."""
    out: list[Segment] = []
    used = 0
    for segment in segments:
        size = len(segment.marked.split())
        if used + size <= limit:
            out.append(segment)
            used += size
            continue
        room = limit - used - len(segment.citations) - 1  # the marks and "…"
        if room > 0 or not out:
            out.append(Segment(f"{_first_words(segment.text, max(1, room))} …", segment.citations))
        break
    return out


def _first_words(text: str, count: int) -> str:
    """The first `count` words of `text` as written: code cut short keeps its lines."""
    ends = [match.end() for match in re.finditer(r"\S+", text)]
    return text[: ends[count - 1]] if len(ends) > count else text
