"""From a query to ranked sentences: retrieve chunks, score their sentences, search again for the
clause that asks, follow one bridge.

A question that describes first and asks last ("The 2011-12 VCU Rams ..., led by ..., represented
Virginia Commonwealth University which was founded in what year?") spends most of its words on the
description, so the first search favours sentences that restate it. The clause that asks, with what
it is about ("Virginia Commonwealth University which was founded in what year?"), is searched for
on its own, and the sentences it finds are scored against it, at a discount.

Questions often name one thing to ask about another ("What position was held by the woman who
portrayed Corliss Archer?"): the first search finds the passage that names the bridge (Shirley
Temple), and only a second search for that name finds the answer. So a second round searches for
the names in the best first-round sentences that the question does not hold, together with the
question's words that the best sentence left unanswered ("position held woman"). Its sentences
are scored against both the question and that bridge query, the latter at a discount. When no
name of the best sentences leads to another document, the document the question describes may
name the bridge further down ("The director of Big Stone Gap ..." is named in the film's third
best sentence): names of two words or more that lead to another document whose title opens with
them are taken from its other sentences among the best few (`bridge_deeper`).

One sentence of the documents the bridge leads to is then marked to follow the best one in the
answer. Which one is where word overlap and cosine are weakest: the answer ("As an adult, she
... served as Chief of Protocol of the United States") shares no word with "government position"
and is less like the question than the document's opening line. So the one taken is the one that
best answers the rest of the question, the words the best sentence left unanswered ("government
position held woman portrayed"): what the first sentence answered led to the document, and what
is left is what its sentence must answer (`RankingSettings.bridge_rest`). In a question that
describes first and asks last ("...; who arranged and conducted that album?"), what is left is the
clause that asks (`rest_of_clause`). A cross-encoder, which
reads the question and the sentence together, can choose among the best few instead
(`rerank_bridge`, off: see its figures). It does choose which of the best sentences leads the
answer when they score within a near tie of each other (`rerank_lead`, `lead_ratio`): there the
match cannot tell a sentence that restates the question from a row or definition that answers it.
In a question that describes first and asks last ("...; which street marks that district's
southern edge?"), the cross-encoder also reads the clause that asks on its own against the best
sentences, and the one it chooses follows the best (`clause_rerank`): the description weighs on
every score above, the clause alone finds the sentence that answers the last hop of a chain. The
sentences right after the best one in its paragraph are read too, however they rank: the best one
names what the question describes, the next ones say more of it (`clause_next`). Only sentences
on the chain are read: those holding a word of a name the question or the best document's
sentences give (`clause_connected`); "a northern suburb" of another city matches "runs north" but
is off the chain. A
question with no clause of its own before its interrogative, or whose clause names only the kind
of answer ("... is built on what kind of landform?"), has its predicate read so instead, from its
last auxiliary verb (`clause_predicate`).

A question asking for several things ("Which escapes ...?") is answered by a list that names them:
a list item among the best brings the rest of its list (`whole_lists`), and the first sentence
bringing a list, in a near tie with the best, leads (`list_lead`). A question asking for a number,
a date or a year whose best sentence holds none is given the next sentence of its paragraph that
holds one ("... processed more than N times ..." before "Defaults to 25."; `complete_lead`).

Neither retriever reads operators: a question asking about one standing alone ("the ^ alignment
option", "total %= 7") also reads the chunks that hold it, their best sentence nearest the question
first (`symbol_terms`, `symbol_chunks`), and the operator counts in the match of every sentence.

Sentences that cannot be read alone (see `assistant.selection.stands_alone`) are given with the
sentences they go on from: back to where the quotation they end opens, or to the first sentence
before them that stands alone (MAX_OPENING sentences at most), or, right after a list or table, its
last item (`list_openings`).

Every weight, ratio and switch is a field of `RankingSettings`.

A question that compares two things it names ("Who was born first, Gervais Raoul Lufbery or
François Coli?", "How do median_low and median_high differ ...?") has no bridge to follow: the
best sentence about each of them is marked to follow instead, so that the answer holds what it
takes to compare them; a sentence is about a thing when it holds the stems of its words ("the
PERSIST journaling mode" for "the TRUNCATE and PERSIST journal modes": `compared_stems`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

import numpy as np

from assistant.question import (
    Shape,
    alternatives,
    asked_about,
    asked_clause,
    asked_predicate,
    asks_measure,
    asks_several,
    compared,
    names,
    second_question,
    shape_of,
    symbols_in,
)
from assistant.rerank import Reranker
from assistant.retrieval import Retrieved, best_sentences, retrieve
from assistant.scoring import Candidate, Scored, fit, overlap, score
from assistant.selection import is_question, labelled, opens_inside_quotation, stands_alone
from assistant.settings import RankingSettings
from index.chunking import Sentence
from index.embed import Embedder
from index.reader import IndexReader
from index.text import content_words, stem, words


def rank(
    reader: IndexReader,
    embedder: Embedder,
    query: str,
    settings: RankingSettings,
    sources: list[str] | None = None,
    reranker: Reranker | None = None,
) -> list[Scored]:
    """Every candidate sentence with its relevance to `query`, best first; those the answer needs
    after the best one, whatever their relevance, marked `follow`."""
    shape = shape_of(query, settings, reader.lexical.idf)
    focus = asked_about(query) if settings.clause_search else None
    vectors = embedder.embed([query, focus] if focus else [query], kind="query")
    vector = vectors[0]
    hits = _retrieve(reader, query, vector, settings, sources)
    if settings.symbol_terms:
        hits += _holding_symbols(reader, query, vector, hits, settings, sources)
    candidates = _sentences(reader, hits, set(), 0)
    ranked = score(shape, vector, candidates, settings)
    if not ranked:
        return ranked
    by_key = {_key(s.candidate): s for s in ranked}
    if focus:
        _follow(reader, shape, vector, by_key, focus, vectors[1], settings, sources, settings.focus_discount)
    choice = (alternatives(query) or compared(query)) if settings.comparisons else None
    # A question that compares two things names both: there is no bridge to follow.
    bridging = settings.bridges and choice is None
    top = [(s.candidate.source, s.candidate.title, s.candidate.sentence.text) for s in ranked]
    leads_to = Leads(reader, settings.bridge_title_words)
    best = top[: settings.bridge_sentences]
    extra = bridge_names(reader, query, best, settings.bridge_names, leads_to) if bridging else []
    own = ranked[0].candidate.source
    leading = [name for name in extra if set(leads_to(name)) - {own}]
    if bridging and not leading and settings.bridge_deeper > settings.bridge_sentences:
        # The document the question describes may name the bridge past its best sentences.
        later = [t for t in top[settings.bridge_sentences : settings.bridge_deeper] if t[0] == own]
        leading = titling_names(query, later, own, leads_to)[: settings.bridge_names]
        extra = leading or extra
    unanswered = _unanswered(query, ranked[0])
    if extra:
        if settings.bridge_leading and leading:
            extra = leading  # the names that title nothing would only blur the search
        expanded = " ".join([*extra, *unanswered])
        named = {source for name in extra for source in leads_to(name)}
        _follow(
            reader,
            shape,
            vector,
            by_key,
            expanded,
            embedder.embed([expanded], kind="query")[0],
            settings,
            sources,
            settings.bridge_discount,
            away_from=ranked[0].candidate.source,
            named=named,
        )
    ranked = sorted(by_key.values(), key=lambda s: (-s.relevance, s.candidate.chunk_rank))
    if settings.question_answers:
        ranked = _answers_ranked(ranked, settings.question_answers)
    ranked = _with_items(reader, shape, vector, ranked, settings)
    if choice is not None:
        ranked = _mark_alternatives(ranked, choice, settings.compared_stems, settings.compared_openings)
    else:
        rest_words = unanswered if settings.bridge_rest else []
        asked = asked_clause(query)[1]
        if settings.rest_of_clause and rest_words and not query.startswith(asked):
            clause = {stem(w) for w in content_words(asked)}
            rest_words = [w for w in rest_words if stem(w) in clause] or rest_words
        rest = _Rest(reader, embedder, shape, rest_words, settings)
        ranked = _mark_follow(query, ranked, settings, reranker if settings.rerank_bridge else None, rest)
    # In a question that follows a bridge or compares, the best sentence leads a chain: it stays.
    if reranker is not None and settings.rerank_lead > 1 and not any(s.follow for s in ranked):
        ranked = _rerank_lead(query, ranked, settings, reranker)
    if shape.several and settings.list_lead and not any(s.follow for s in ranked):
        ranked = _lead_list(ranked, settings)
    if settings.named_next and not any(s.follow for s in ranked):
        ranked = _mark_named_next(query, ranked, settings.named_next)
    if settings.pronoun_next and not any(s.follow for s in ranked):
        ranked = _mark_pronoun_next(ranked)
    if settings.short_next and not any(s.follow for s in ranked):
        ranked = _mark_short_next(ranked, settings.short_next)
    second = second_question(query, settings.second_question_forms) if settings.second_questions else None
    if second and not any(s.follow for s in ranked):
        rest = _Rest(reader, embedder, shape, _unanswered(second, ranked[0]), settings)
        ranked = _mark_second(ranked, rest, settings, asks_several(asked_clause(second.strip())[0]))
    if reranker is not None and settings.clause_rerank > 1 and choice is None:
        ranked = _mark_asked(query, ranked, settings, reranker)
    if settings.complete_lead:
        measure = settings.measure_completion and asks_measure(query)
        ranked = _mark_completion(replace(shape, kind="count") if measure else shape, ranked, settings)
    return ranked


def _answers_ranked(ranked: list[Scored], most: int) -> list[Scored]:
    """`ranked` with the sentence right after each of the `most` best sentences that ask a question
    (a FAQ's, "2.16 How do I Benchmark the Ciphers, Hashes and Modes?") scored as that question: the
    asker's question matches the FAQ's, and what answers it is the sentence under it ("Since version
    1.60 cryptsetup supports the "benchmark" command."), which need not share its words."""
    raised = {}
    for asking in [s for s in ranked if is_question(s.candidate.sentence)][:most]:
        sentence = asking.candidate.sentence
        after = [
            s
            for s in ranked
            if s.candidate.source == asking.candidate.source
            and s.candidate.sentence.section == sentence.section
            and s.candidate.sentence.start >= sentence.end
        ]
        if not after:
            continue
        answer = min(after, key=lambda s: s.candidate.sentence.start)
        if is_question(answer.candidate.sentence) or answer.relevance >= asking.relevance:
            continue
        raised[_key(answer.candidate)] = replace(answer, relevance=asking.relevance)
    if not raised:
        return ranked
    ranked = [raised.get(_key(s.candidate), s) for s in ranked]
    return sorted(ranked, key=lambda s: (-s.relevance, s.candidate.chunk_rank))


def _mark_completion(shape: Shape, ranked: list[Scored], settings: RankingSettings) -> list[Scored]:
    """`ranked` with the first of the `complete_lead` sentences after the best one in its paragraph
    that holds what the question asks for (a number, a date, a year) marked `follow`, when the best
    one holds none of it ("... processed more than N times ..." before "Defaults to 25."). With
    `complete_chain`, the sentences that already follow the best one right after it, holding none
    of it either, are read through and not counted ("... in Chichester, New Hampshire." then
    "Chichester is a town in ..." then "The population was 2,523 at the 2010 census."); any other
    sentence marked to follow leaves `ranked` as it is, but, with `complete_beside`, one of another
    document (the cross-encoder's choice for the clause that asks)."""
    best = ranked[0].candidate
    if shape.kind not in _COMPLETED or best.sentence.kind != "paragraph" or fit(shape, best.sentence.display, settings):
        return ranked
    after = _after_best(ranked)
    chained = 0
    while chained < len(after) and ranked[after[chained]].follow:
        chained += 1
    elsewhere = settings.complete_beside and settings.complete_chain
    if (chained and not settings.complete_chain) or any(
        s.follow and not (elsewhere and s.candidate.source != best.source)
        for n, s in enumerate(ranked)
        if n not in after[:chained]
    ):
        return ranked
    line = best.sentence.line_end
    for n in after[: settings.complete_lead + chained]:
        sentence = ranked[n].candidate.sentence
        if sentence.kind != "paragraph" or sentence.line_start > line + 1:
            break  # past the paragraph: a blank line, or another kind of unit
        if fit(shape, sentence.display, settings):
            return ranked if ranked[n].follow else _followed(ranked, n)
        line = sentence.line_end
    return ranked


# The name a sentence opens on: its first capitalised words, after an article ("Polaris is based
# in ...", "The Mount Panorama Circuit is ...").
_OPENING_NAME = re.compile(r"(?:(?:The|A|An)\s+)?((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)")


def _mark_named_next(query: str, ranked: list[Scored], most: int) -> list[Scored]:
    """`ranked` with the first of the `most` sentences right after the best one in its paragraph
    that opens on a name the best one gives and the question does not marked `follow`: the best
    sentence names the bridge, the next one says what the question asks of it ("On April 11, 2013,
    US based Polaris Industries announced that it had acquired Aixam-Mega." then "Polaris is based
    in Roseau, Minnesota, USA.")."""
    asked = {stem(w) for w in content_words(query)}
    bridge = _name_words(ranked[0].candidate.sentence.text) - asked
    for n in _next_to_best(ranked, most):
        opening = _OPENING_NAME.match(ranked[n].candidate.sentence.text)
        if opening and {stem(w) for w in content_words(opening.group(1))} & bridge:
            return _followed(ranked, n)
    return ranked


# A sentence that goes on about what the sentence before it names ("It first aired in September
# 2006.", "His sports holdings include: ..."), and one whose "it" stands for nothing ("It turned out
# that ...", "It is possible to ...").
_GOES_ON = re.compile(r"(?:it|its|he|his|she|her|they|their)\s", re.IGNORECASE)
_EXPLETIVE = re.compile(
    r"it\s+(?:(?:turn(?:s|ed)?\s+out|seems?|seemed|appears?|appeared|happens?|happened|follows?)\b"
    r"|(?:is|was|(?:may|might|can|will|would)\s+be)\s+(?:(?!(?:a|an|the)\s)\w+\s+){1,3}?(?:that|to|whether|if)\b)",
    re.IGNORECASE,
)


def _mark_pronoun_next(ranked: list[Scored]) -> list[Scored]:
    """`ranked` with the sentence right after the best one in its paragraph marked `follow` when it
    opens with a pronoun standing for what the best one names ("House of Anubis is a mystery
    television series ... based on ... "Het Huis Anubis"." then "It first aired in September
    2006 ..."); not an "it" that stands for nothing (`_EXPLETIVE`), nor in an article about one
    thing, whose title the sentence is read with."""
    for n in _next_to_best(ranked, 1):
        candidate = ranked[n].candidate
        text = candidate.sentence.text
        if _GOES_ON.match(text) and not _EXPLETIVE.match(text) and not _about_one_thing(candidate):
            return _followed(ranked, n)
    return ranked


def _mark_short_next(ranked: list[Scored], most: int) -> list[Scored]:
    """`ranked` with the sentence right after the best one in its paragraph marked `follow` when it
    has at most `most` words and the best one is a statement: a short sentence after the best one
    finishes what it says ('Beware that there is no "jpeg" codec.' then 'Use "mjpeg" instead.'; '...
    you cannot intermix calls to <stdio.h> routines ...' then 'Call input() instead.')."""
    best = ranked[0].candidate.sentence
    if best.kind != "paragraph" or not best.text.rstrip().endswith("."):
        return ranked
    for n in _next_to_best(ranked, 1):
        if len(ranked[n].candidate.sentence.text.split()) <= most:
            return _followed(ranked, n)
    return ranked


def _mark_asked(query: str, ranked: list[Scored], settings: RankingSettings, reranker: Reranker) -> list[Scored]:
    """`ranked` with the cross-encoder's choice among its best `clause_rerank` sentences marked
    `follow`, read against the clause that asks in a question that describes first and asks last
    ("...; which street marks that district's southern edge?"). Unchanged for a question that opens
    with what it asks, or whose clause names only the kind of answer ("what year?"). With
    `clause_connected`, only sentences on the chain are read (see the module docstring)."""
    lowered, clause = asked_clause(query)
    asked = query[len(query) - len(lowered) :]
    if query.startswith(clause) or len(content_words(asked)) < 2:
        predicate = asked_predicate(query) if settings.clause_predicate else None
        if predicate is None or len(content_words(predicate)) < 2:
            return ranked
        asked = predicate
    choices = [n for n, s in enumerate(ranked[: settings.clause_rerank]) if stands_alone(s.candidate.sentence)]
    choices += [n for n in _next_to_best(ranked, settings.clause_next) if n not in choices]
    if settings.clause_connected:
        own = [s for s in ranked[: settings.clause_rerank] if s.candidate.source == ranked[0].candidate.source]
        chain = _name_words(query).union(*(_named_in(s) for s in own))
        choices = [n for n in choices if n == 0 or _stems_in(ranked[n]) & chain]
    if len(choices) < 2:
        return ranked
    scores = reranker.score(asked, [labelled(ranked[n], settings.named_sections) for n in choices])
    chosen = choices[int(np.argmax(scores))]
    if chosen == 0 or ranked[chosen].follow:
        return ranked
    return _followed(ranked, chosen)


def _followed(ranked: list[Scored], n: int) -> list[Scored]:
    """`ranked` with its `n`th sentence marked `follow`: the answer takes it after the best one."""
    marked = list(ranked)
    marked[n] = replace(ranked[n], follow=True)
    return marked


def _name_words(text: str) -> set[str]:
    """The stemmed content words of the names in `text`."""
    return {stem(w) for name in mentions(text) for w in content_words(name)}


def _named_in(item: Scored) -> set[str]:
    """The stemmed content words of a sentence's names and of its document's title."""
    return _name_words(item.candidate.sentence.text) | {stem(w) for w in content_words(item.candidate.title)}


def _stems_in(item: Scored) -> set[str]:
    """The stemmed content words of a sentence and of its document's title."""
    return {stem(w) for w in content_words(f"{item.candidate.title} {item.candidate.sentence.text}")}


def _next_to_best(ranked: list[Scored], most: int) -> list[int]:
    """The positions in `ranked` of the `most` sentences that follow the best one in its document and
    section, one after the other, while they stand alone ("It stars Ethan Hawke as ..." after
    "Sinister is a 2012 supernatural horror film ...")."""
    if not most:
        return []
    found, end = [], ranked[0].candidate.sentence.end
    for n in _after_best(ranked)[:most]:
        sentence = ranked[n].candidate.sentence
        if sentence.start - end > _ADJACENT or sentence.kind != "paragraph" or not stands_alone(sentence):
            break
        found.append(n)
        end = sentence.end
    return found


def _after_best(ranked: list[Scored]) -> list[int]:
    """The positions in `ranked` of the sentences after the best one in its document and section, in
    document order."""
    best = ranked[0].candidate
    return [
        n
        for _, n in sorted(
            (s.candidate.sentence.start, n)
            for n, s in enumerate(ranked)
            if s.candidate.source == best.source
            and s.candidate.sentence.section == best.sentence.section
            and s.candidate.sentence.start >= best.sentence.end
        )
    ]


def _mark_second(ranked: list[Scored], rest: _Rest, settings: RankingSettings, several: bool) -> list[Scored]:
    """`ranked` with the sentence that best answers the second of two joined questions marked
    `follow`: chosen among the `bridge_choices` best others scoring at least `keep_ratio` of the
    best by its match to `rest`, the second question's words the best sentence lacks. Unchanged
    when it holds all of them. A list item chosen so brings the rest of its list only when the
    second question asks for `several` things: the first question's plural does not speak for it."""
    if not rest.unanswered:
        return ranked
    floor = settings.keep_ratio * ranked[0].relevance
    choices = [n for n, s in enumerate(ranked[1:], start=1) if s.relevance >= floor][: settings.bridge_choices]
    if not choices:
        return ranked
    chosen = max(choices, key=lambda n: (rest.answered_by(ranked[n]), -n))
    marked = list(ranked)
    alone = _is_item(ranked[chosen].candidate) and not several  # shown without the rest of its list
    marked[chosen] = replace(ranked[chosen], follow=True, items=() if alone else ranked[chosen].items)
    return marked


def _lead_list(ranked: list[Scored], settings: RankingSettings) -> list[Scored]:
    """`ranked` with the first of its best `lead_check` sentences that brings a list or table (its
    items attached) and scores at least `lead_ratio` of the best moved to the front: a question
    asking for several things is answered by the list that names them."""
    floor = settings.lead_ratio * max(s.relevance for s in ranked)
    found = next((n for n, s in enumerate(ranked[: settings.lead_check]) if s.items and s.relevance >= floor), 0)
    return _to_front(ranked, found)


def _rerank_lead(query: str, ranked: list[Scored], settings: RankingSettings, reranker: Reranker) -> list[Scored]:
    """`ranked` with the cross-encoder's choice among its best `rerank_lead` sentences that stand
    alone (and score at least `lead_ratio` of the best) moved to the front, to lead the answer."""
    best = ranked[0].relevance
    choices = [
        n
        for n, s in enumerate(ranked[: 3 * settings.rerank_lead])
        if not s.follow and stands_alone(s.candidate.sentence) and s.relevance >= settings.lead_ratio * best
    ][: settings.rerank_lead]
    if len(choices) < 2:
        return ranked
    # The best sentence, when it cannot stand alone ("Hence, the package was called zoo ..."), is
    # read too: a sentence it outscores is no better lead (the answer gives it from the sentence
    # before it that stands alone).
    judged = choices if choices[0] == 0 or not settings.lead_beats_best else [0, *choices]
    scores = reranker.score(query, [labelled(ranked[n], settings.named_sections) for n in judged])
    chosen = judged[int(np.argmax(scores))]
    return _to_front(ranked, chosen)


def _to_front(ranked: list[Scored], n: int) -> list[Scored]:
    """`ranked` with its `n`th sentence moved to the front, to lead the answer."""
    return [ranked[n], *ranked[:n], *ranked[n + 1 :]] if n else ranked


def _holding_symbols(
    reader: IndexReader,
    query: str,
    vector: np.ndarray,
    hits: list[Retrieved],
    settings: RankingSettings,
    sources: list[str] | None,
) -> list[Retrieved]:
    """The `symbol_chunks` chunks not among `hits` that hold an operator of the query standing alone
    ("%=", "^"), best sentence nearest the query first: neither retriever reads operators."""
    symbols = symbols_in(query)
    if not symbols or not settings.symbol_chunks:
        return []
    seen = {hit.position for hit in hits}
    holding = [
        p
        for symbol in symbols
        for p in reader.holding(symbol, settings.symbol_scan, sources)
        if p not in seen and symbols & symbols_in(reader.chunks[p].text)
    ]
    nearest = best_sentences(reader, vector, holding)
    chosen = sorted(nearest, key=lambda p: -nearest[p])[: settings.symbol_chunks]
    return [Retrieved(p, 0.0, sentence=nearest[p]) for p in chosen]


def _retrieve(
    reader: IndexReader, query: str, vector: np.ndarray, settings: RankingSettings, sources: list[str] | None
) -> list[Retrieved]:
    weights = (settings.dense_weight, settings.lexical_weight)
    return retrieve(
        reader,
        query,
        vector,
        settings.top_k,
        sources,
        settings.retrieval,
        weights,
        settings.sentence_weight,
        settings.sentence_pool,
        settings.every_sentence and reader.sentence_count <= settings.every_sentence_most,
    )


def _with_items(
    reader: IndexReader, shape: Shape, vector: np.ndarray, ranked: list[Scored], settings: RankingSettings
) -> list[Scored]:
    """`ranked` with the items of the list or table each of the best `lead_check` sentences
    introduces attached to it, scored against the question, in document order; for a question
    asking for several things (`whole_lists`), a list item or table row among them has the other
    items of its list attached. Each of them that cannot be read alone has the sentences it goes on
    from as its `opening` (`_opening`), and one pointing back to the code right before it has that
    code (`code_openings`)."""
    out = list(ranked)
    whole_lists = shape.several and settings.whole_lists
    for n, item in enumerate(ranked[: settings.lead_check]):
        members: list[Candidate] | None = None
        if item.candidate.sentence.leads >= 0 and item.candidate.position >= 0:
            members = _items(reader, item.candidate, settings.max_items)
        elif whole_lists and _is_item(item.candidate) and item.candidate.position >= 0:
            members = _siblings(reader, item.candidate, settings.max_items)
        if members is not None:
            # a FAQ's questions set as a list ask, and answer nothing
            members = [member for member in members if not is_question(member.sentence)]
            found = score(shape, vector, members, settings)
            found.sort(key=lambda s: s.candidate.sentence.start)
            out[n] = replace(item, items=tuple(found))
        if (
            settings.whole_sentences
            and item.candidate.position >= 0
            and not is_question(item.candidate.sentence)
            and (not stands_alone(item.candidate.sentence) or _stands_for_someone(item, settings))
        ):
            before = score(shape, vector, _opening(reader, item.candidate, settings.list_openings), settings)
            before.sort(key=lambda s: s.candidate.sentence.start)
            out[n] = replace(out[n], opening=tuple(before))
        elif settings.code_openings and item.candidate.position >= 0 and _points_back(item.candidate.sentence):
            code = _code_before(reader, item.candidate, settings.code_openings)
            if code:
                out[n] = replace(out[n], opening=tuple(score(shape, vector, code, settings)))
    return out


# A sentence opening with words that point back to what stands right before it: after a code block,
# the example it describes ("This example captures telnet traffic ...", "This will build ...",
# "Here the intercept is correlated ...", "The above example specifies ...", or with the example
# for its subject, "Will play silence for half a second, ..."); not "Here is", which points on to
# what follows.
_DESCRIBES = re.compile(
    r"(?:this|these|here(?!\s+(?:is|are)\b)|above|the\s+(?:above|previous|preceding)|in\s+(?:this|the\s+above)\s+example"
    r"|will(?=\s+[a-z]))\b",
    re.IGNORECASE,
)


def _points_back(sentence: Sentence) -> bool:
    """Whether a paragraph's sentence opens on `_DESCRIBES` and does not end in a colon, which leads
    on to what follows it ("This is done as follows:"), nor in a question mark ("Will it ...?")."""
    text = sentence.text.rstrip()
    return sentence.kind == "paragraph" and _DESCRIBES.match(text) is not None and not text.endswith((":", "?"))


def _code_before(reader: IndexReader, candidate: Candidate, most: int) -> list[Candidate]:
    """The code right before `candidate` in its document, the example a sentence pointing back to it
    (`_points_back`) speaks of, when it is at most `most` words long (a long listing's last piece
    counts alone); else empty."""
    position, start = candidate.position, candidate.sentence.start
    while position >= 0 and reader.chunks[position].source == candidate.source:
        chunk = reader.chunks[position]
        vectors = reader.sentence_vectors(position)
        earlier = [(s, v) for s, v in zip(chunk.sentences, vectors, strict=True) if s.end <= start]
        if earlier:
            sentence, vector = earlier[-1]
            if sentence.kind != "code" or len(sentence.display.split()) > most:
                return []
            return [_moved(reader, candidate, position, sentence, vector)]
        position -= 1
    return []


# A sentence opening with a personal pronoun, which stands for someone the sentence before named.
_PERSONAL = re.compile(r"(?:he|she|they|his|her|their)\b", re.IGNORECASE)


def _stands_for_someone(item: Scored, settings: RankingSettings) -> bool:
    """Whether a sentence opens with a personal pronoun ("She is an Emmy Award winner ...") that
    stands for someone named before it (`pronoun_openings`). Not in an article about one thing (a
    document without headings under its title, an encyclopedia entry's "Robert Barton"), whose
    title names whom its pronouns stand for."""
    return (
        settings.pronoun_openings
        and _PERSONAL.match(item.candidate.sentence.text) is not None
        and not _about_one_thing(item.candidate)
    )


def _about_one_thing(candidate: Candidate) -> bool:
    """Whether a sentence's document is an article about one thing: titled, without headings under
    its title (an encyclopedia's entry), so that its title names whom its pronouns stand for."""
    return bool(candidate.title) and not candidate.sectioned


def _moved(
    reader: IndexReader, candidate: Candidate, position: int, sentence: Sentence, vector: np.ndarray
) -> Candidate:
    """`candidate` moved to another sentence of its document, in the chunk at `position`."""
    page = reader.page_of(candidate.source, sentence.start)
    return replace(candidate, page=page, sentence=sentence, vector=vector, position=position)


# The kinds of question whose answer a sentence holds or lacks plainly: a number, a date, a year.
_COMPLETED = ("count", "when", "year")
# The kinds of sentence that are items of a list or a table.
_ITEMS = ("list_item", "table_row")
# A fragment is read back this many sentences at most to find where its quotation opens, or the
# first sentence before it that stands alone.
MAX_OPENING = 3
# Sentences of one paragraph lie this many characters apart at most (a space, or a line break).
_ADJACENT = 1


def _opening(reader: IndexReader, fragment: Candidate, after_items: bool = True) -> list[Candidate]:
    """The sentences before `fragment` that it goes on from, in its document: back to the one where
    the quotation it ends opens, or the first before it that stands alone ("These currencies are
    ...", then "In this workaround, you use one of the dummy currencies ..." before "If you use one
    of these ..."); with `after_items`, the list item or table row right before it. Empty when none
    is found (the fragment opens its document, or the start is further back than MAX_OPENING)."""
    before: list[Candidate] = []
    position, start = fragment.position, fragment.sentence.start
    quoted = opens_inside_quotation(fragment.sentence.text)
    while position >= 0 and reader.chunks[position].source == fragment.source and len(before) < MAX_OPENING:
        chunk = reader.chunks[position]
        vectors = reader.sentence_vectors(position)
        earlier = [(s, v) for s, v in zip(chunk.sentences, vectors, strict=True) if s.end <= start]
        for sentence, vector in reversed(earlier):
            if sentence.kind != "paragraph":
                # Right after a list or table, it goes on from its last item ("5. The risk sets are
                # odd." before "The last of these is ..."); further back, the item is not its start.
                if after_items and not before and not quoted and sentence.kind in _ITEMS:
                    return [_moved(reader, fragment, position, sentence, vector)]
                return []
            before.insert(0, _moved(reader, fragment, position, sentence, vector))
            start = sentence.start
            if quoted and "“" in sentence.text:
                return before if stands_alone(sentence) else []
            if not quoted and stands_alone(sentence):
                return before
            if len(before) >= MAX_OPENING:
                return []
        position -= 1
    return []


def _items(reader: IndexReader, intro: Candidate, most: int) -> list[Candidate]:
    """The items of the list or table `intro` introduces: the sentences of its group that follow it
    in its document, read from its chunk on (a long list runs into the next chunks)."""
    group, after = intro.sentence.leads, intro.sentence.start
    found: list[Candidate] = []
    seen: set[int] = set()
    position = intro.position
    while position < len(reader.chunks) and len(found) < most:
        chunk = reader.chunks[position]
        if chunk.source != intro.source:
            break
        vectors = reader.sentence_vectors(position)
        for sentence, vector in zip(chunk.sentences, vectors, strict=True):
            if sentence.start <= after or sentence.start in seen:
                continue
            if sentence.group != group or len(found) >= most:
                return found
            seen.add(sentence.start)
            found.append(_moved(reader, intro, position, sentence, vector))
        position += 1
    return found


def _is_item(candidate: Candidate) -> bool:
    """Whether a candidate is an item of a list or a row of a table."""
    return candidate.sentence.group >= 0 and candidate.sentence.kind in _ITEMS


def _siblings(reader: IndexReader, item: Candidate, most: int) -> list[Candidate]:
    """The other items of the list or table `item` belongs to, in its document, from the first:
    read back from its chunk to where the list starts, then on."""
    group = item.sentence.group
    position = item.position
    while (
        position > 0
        and reader.chunks[position - 1].source == item.source
        and any(s.group == group for s in reader.chunks[position - 1].sentences)
    ):
        position -= 1
    found: list[Candidate] = []
    seen: set[int] = {item.sentence.start}
    while position < len(reader.chunks) and len(found) < most:
        chunk = reader.chunks[position]
        if chunk.source != item.source:
            break
        vectors = reader.sentence_vectors(position)
        members = [(s, v) for s, v in zip(chunk.sentences, vectors, strict=True) if s.group == group]
        if not members and found:
            break
        for sentence, vector in members:
            if sentence.start in seen or len(found) >= most:
                continue
            seen.add(sentence.start)
            found.append(_moved(reader, item, position, sentence, vector))
        position += 1
    return found


def _mark_alternatives(
    ranked: list[Scored], choice: tuple[str, str], stems: bool, openings: bool = False
) -> list[Scored]:
    """`ranked` with the best sentence about each compared thing that the best sentence is not
    about marked `follow`, so that the answer holds what it takes to compare them. With
    `openings`, a sentence that opens on one of them is about that one alone ("reflect -
    reflect-padding - ... also known as whole-sample symmetric." is not about "symmetric"), and
    the best that opens on a thing is taken for it before the best that only names it."""
    marked = list(ranked)
    led = [thing for thing in choice if openings and _opens_on(ranked[0], thing)]
    for thing in choice:
        if _about(ranked[0], thing, stems) and (not led or thing in led):
            continue
        about = [n for n, s in enumerate(ranked) if n and _about(s, thing, stems)]
        opening = [n for n in about if _opens_on(ranked[n], thing)] if openings else []
        found = opening or about
        if found:
            marked[found[0]] = replace(ranked[found[0]], follow=True)
    return marked


# What a sentence opens on when it names what it tells of: its words up to a dash, a colon, a
# bracket, a comma or a verb of being ("reflect - reflect-padding - ...", "median_low(data): ...",
# "Recommends This declares ..." gives none: no such mark in its first words).
_OPENING_TERM = re.compile(r"\W*((?:[\w.'’-]+\s+){0,3}?[\w.'’-]+)\s*(?:\s[-–—]\s|:|\(|,|\s(?:is|are|was|were)\s)")


def _opens_on(item: Scored, thing: str) -> bool:
    """Whether the sentence opens on `thing`: the words before its first mark name nothing else (a
    qualified name by its last part: "statistics.median_low(data): ..." opens on "median_low")."""
    found = _OPENING_TERM.match(item.candidate.sentence.text)
    if found is None:
        return False
    term = found.group(1)
    opening = {stem(w) for w in content_words(term if " " in term else term.rsplit(".", 1)[-1])}
    return bool(opening) and opening <= {stem(w) for w in content_words(thing)}


def _about(item: Scored, thing: str, stems: bool) -> bool:
    """Whether the sentence, with its document's title, names `thing` (all its content words; with
    `stems`, all their stems but a "one" standing for a noun: "an indirectly lost one")."""
    named = content_words(f"{item.candidate.title} {item.candidate.sentence.text}")
    if not stems:
        return set(content_words(thing)) <= set(named)
    return {stem(w) for w in content_words(thing) if w not in ("one", "ones")} <= {stem(w) for w in named}


def _mark_follow(
    query: str, ranked: list[Scored], settings: RankingSettings, reranker: Reranker | None, rest: _Rest
) -> list[Scored]:
    """`ranked` with the sentence that answers for the bridge's documents marked `follow`, chosen
    among the `bridge_choices` most relevant of them: the reranker's choice, else the one that best
    answers the rest of the question, else (nothing left unanswered) the most relevant."""
    best = ranked[0]
    led_to = [n for n, s in enumerate(ranked) if s.bridged and s.candidate.source != best.candidate.source]
    if not led_to or ranked[led_to[0]].relevance < settings.bridge_floor * best.relevance:
        return ranked
    chosen = led_to[0]
    choices = led_to[: settings.bridge_choices]
    if reranker is not None and len(choices) > 1:
        scores = reranker.score(query, [labelled(ranked[n], settings.named_sections) for n in choices])
        chosen = choices[int(np.argmax(scores))]
    elif rest.unanswered and len(choices) > 1:
        chosen = max(choices, key=lambda n: rest.answered_by(ranked[n]))
    return _followed(ranked, chosen)


class _Rest:
    """The rest of a question, for the documents a bridge leads to: the words its best sentence left
    unanswered ("government position held woman portrayed"), weighed as a question's are, and
    their vector, made once and only when a choice among bridged sentences needs them."""

    def __init__(
        self, reader: IndexReader, embedder: Embedder, shape: Shape, unanswered: list[str], settings: RankingSettings
    ) -> None:
        self.reader, self.embedder, self.shape, self.settings = reader, embedder, shape, settings
        self.unanswered = unanswered

    def answered_by(self, item: Scored) -> float:
        """How well a sentence answers the rest of the question: its match to it (cosine and
        weighted words, as `assistant.scoring` weighs them) plus its fit to the question's kind."""
        text = item.candidate.sentence.display
        cosine = float(np.clip(item.candidate.vector @ self._vector, 0.0, 1.0))
        weight = self.settings.semantic_weight
        match = weight * cosine + (1 - weight) * overlap(self._terms, text)
        return match + fit(self.shape, text, self.settings)

    @cached_property
    def _terms(self) -> dict[str, float]:
        return shape_of(" ".join(self.unanswered), self.settings, self.reader.lexical.idf).terms

    @cached_property
    def _vector(self) -> np.ndarray:
        # Embedded on its own: the int8 encoder's values depend on what shares its batch.
        return self.embedder.embed([" ".join(self.unanswered)], kind="query")[0]


def _follow(
    reader: IndexReader,
    shape: Shape,
    vector: np.ndarray,
    by_key: dict[tuple[str, int, int], Scored],
    query: str,
    query_vector: np.ndarray,
    settings: RankingSettings,
    sources: list[str] | None,
    discount: float,
    away_from: str | None = None,
    named: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Search again with a derived query; a sentence it finds keeps the better of its relevance to
    the question and `discount` times its relevance to the derived query. Sentences of `away_from`
    are left as they are; sentences of the sources in `named` are marked bridged."""
    found = _sentences(reader, _retrieve(reader, query, query_vector, settings, sources), set(), settings.top_k)
    for derived in score(shape_of(query, settings, reader.lexical.idf), query_vector, found, settings):
        if derived.candidate.source == away_from:
            continue  # the bridge leads away from the best sentence's document
        key = _key(derived.candidate)
        direct = by_key.get(key) or score(shape, vector, [derived.candidate], settings)[0]
        by_key[key] = replace(
            direct,
            relevance=max(direct.relevance, discount * derived.relevance),
            bridged=direct.bridged or derived.candidate.source in named,
        )


def _key(candidate: Candidate) -> tuple[str, int, int]:
    return candidate.source, candidate.sentence.start, candidate.sentence.end


def _sentences(
    reader: IndexReader, hits: list[Retrieved], seen: set[tuple[str, int, int]], offset: int
) -> list[Candidate]:
    """Every not yet seen sentence of the retrieved chunks, with the rank of its chunk."""
    candidates = []
    for rank_, hit in enumerate(hits):
        chunk = reader.chunks[hit.position]
        vectors = reader.sentence_vectors(hit.position)
        for sentence, vector in zip(chunk.sentences, vectors, strict=True):
            key = (chunk.source, sentence.start, sentence.end)
            if key in seen:
                continue
            seen.add(key)
            page = reader.page_of(chunk.source, sentence.start)
            sectioned = reader.has_sections(chunk.source)
            candidates.append(
                Candidate(chunk.source, page, sentence, vector, offset + rank_, chunk.title, hit.position, sectioned)
            )
    return candidates


def _unanswered(query: str, best: Scored) -> list[str]:
    """The query's content words that the best sentence (with its title) does not contain."""
    answered = _stems_in(best)
    return [w for w in content_words(query) if stem(w) not in answered]


# Besides capitalised runs ("Shirley Temple"), a bridge may follow names with initials or
# abbreviations ("Ken St. Andre", "Henry J. Kaiser"), names ending in a letter other than the
# pronoun I ("Local H", "Malcolm X": `names` drops a trailing initial) and quoted titles ("Gone in
# 60 Seconds").
_INITIALLED = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*(?:\s+[A-Z][a-z]?\.)+(?:\s+[A-Z][\w’'-]+)+")
_LETTERED = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*\s+(?!I\b)[A-Z]\b(?![.’'-]?\w)")
_QUOTED = re.compile(r"[“\"]([A-Z0-9][^\"“”]{1,80}?)[,.]?[”\"]")


def mentions(text: str) -> list[str]:
    """The names in a sentence that may be the titles of other documents."""
    return [
        *names(text),
        *(m.group() for m in _INITIALLED.finditer(text)),
        *(m.group() for m in _LETTERED.finditer(text)),
        *(m.group(1) for m in _QUOTED.finditer(text)),
    ]


class Leads:
    """The documents a bridge name leads to: those it titles; else, with `title_words`, for a name of
    two words or more, the one document whose title holds all its words ("Guns N' Roses" leads to
    "Guns N' Roses discography"; none when two titles hold them)."""

    def __init__(self, reader: IndexReader, title_words: bool = True) -> None:
        self.reader, self.title_words = reader, title_words

    def __call__(self, name: str) -> list[str]:
        titled = self.reader.titled(name)
        if titled or not self.title_words or len(words(name)) < 2:
            return titled
        holding = self.reader.titles_holding(name)
        return holding if len(holding) == 1 else []

    def opening(self, name: str) -> list[str]:
        """Those of the documents it leads to whose title opens with it: "Brown County" leads to
        "Brown County, Kansas", "User Manual" not to "Gutenprint 5.2 User's Manual"."""
        return [source for source in self(name) if self.reader.title_opens(source, name)]


def titling_names(query: str, best: list[tuple[str, str, str]], away_from: str, leads: Leads) -> list[str]:
    """The names of two words or more in the `best` sentences, given as (source, title, text), and their
    titles that the query does not mention and that lead to a document other than `away_from` whose
    title opens with them (`Leads.opening`), in the order they come. (A lone word titling a document is
    as often a term of a manual, "VACUUM"; a manual's "User Manual" is no bridge to another's.)"""
    asked = set(words(query))
    found: list[str] = []
    for _, title, text in best:
        for name in [title, *mentions(text)]:
            if len(words(name)) < 2 or name in found or set(words(name)) <= asked:
                continue
            if set(leads.opening(name)) - {away_from}:
                found.append(name)
    return found


def bridge_names(
    reader: IndexReader, query: str, best: list[tuple[str, str, str]], most: int, leads: Leads | None = None
) -> list[str]:
    """Names in the best sentences, given as (source, title, text), and in their titles that the
    query does not mention, `most` at most: first those that lead to another document (`leads`;
    the documents they title when None), which a bridge can lead to, then the others in the order
    they come. Past the first sentence, only names leading to another document are taken: the others
    would only blur the bridge query."""
    leads_to = leads or reader.titled
    asked = set(words(query))
    found: list[str] = []
    own = {source for source, _, _ in best}
    for n, (_, title, text) in enumerate(best):
        for name in [title, *mentions(text)]:
            if n and not set(leads_to(name)) - own:
                continue
            if name and not set(words(name)) <= asked and name not in found:
                found.append(name)
    found.sort(key=lambda name: not set(leads_to(name)) - own)
    return found[:most]
