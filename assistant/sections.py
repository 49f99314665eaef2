"""Questions that name a section of a document: "What does section 2.1 say?", "Summarise the
Finance section", "What does the 'Effective Date' section say about contributions?".

Such a question's words match little of what the section says, so ranking sentences by them finds
nothing or the wrong part of the document. It is answered from the section itself: the headings
named by the number or title asked for are looked up among the index's sections, and

- when the question asks nothing more ("What does section 2.1 say?", "Summarise chapter 3"), the
  answer is the section's opening: its first sentence, then the first of each subsection, then the
  second of each, and so on while they fit the word budget, given in the document's order;
- when it asks more ("What does section 2.1 say about patents?"), the answer is ranked as any other,
  from the section's sentences alone.

A number matches a heading numbered so ("2.1. Grants", "Section 2.1 Grants", "4.1) CUPS"); a title
matches a heading holding each of its words. Words of the question that name the document ("section
2 of the Mozilla licence") choose among documents holding such a section and ask nothing more. A
question whose section is found nowhere is answered as any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.scoring import Scored
from index.chunking import Sentence
from index.reader import IndexReader
from index.text import content_words, stem

# What a question says to ask for a section by number: "section 2.1", "§ 4", "chapter 3", "clause 7(b)".
_BY_NUMBER = re.compile(
    r"(?i:\b(?:sections?|sect\.|sec\.|chapters?|ch\.|clauses?|articles?|parts?|appendix|annex)\s+|§\s*)"
    r"(?P<number>\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)(?![\w.]*\w)"
)
# ... and by title: "the 'Effective Date' section", "the Finance chapter", "the section on finance",
# "the section called "Grants"".
_QUOTED = r"[\"“‘'](?P<quoted>[^\"”’']{2,80})[\"”’']"
_BY_TITLE = (
    re.compile(rf"\b(?:the|its|this)\s+{_QUOTED}\s+(?:section|chapter|part)\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:section|chapter|part)\s+(?:(?:on|about|called|titled|entitled|named|headed)\s+)?{_QUOTED}",
        re.IGNORECASE,
    ),
    re.compile(r"\bthe\s+(?P<plain>[A-Za-z][\w’'&/ -]{1,60}?)\s+(?:section|chapter)\b", re.IGNORECASE),
    re.compile(
        r"\b(?:section|chapter)\s+(?:on|about|called|titled|entitled|named|headed)\s+(?:the\s+)?"
        r"(?P<plain>[\w’'&/. -]{2,60}?)\s*(?=[?!.,;]|$|\s+(?:say|says|said|cover|covers|of|in)\b)",
        re.IGNORECASE,
    ),
)
# Words that ask for a section's content and nothing more.
_ASKING = frozenset(
    "say says said tell summarise summarize summary sum describe describes cover covers covered contain "
    "contains explain explains mean means read show give list please write written content contents state "
    "states stated outline".split()
) | frozenset(  # ... and words for where it is: "section 3 of SQLite's WAL page"
    "page pages document documents doc docs file manual guide handbook book reference text article site".split()
)
# A heading's own number: "2.1. Grants", "Section 2.1 Grants", "4.1.1) CUPS", "A.2 Tables".
_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:section|chapter|part|appendix|annex|article|clause)\s+|§\s*)(?P<named>\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)"
    r"[.):]?(?:\s|$)|^\s*(?P<number>\d+(?:\.\d+)*|[A-Z](?:\.\d+)+|[A-Z](?=[.)]))[.):]?(?:\s|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SectionAsked:
    """The section a question names, by `number` ("2.1") or by `title` (its words), and the rest
    of the question."""

    number: str
    title: str
    rest: str
    span: tuple[int, int]  # where the question names it ("section 2.1")


def section_asked(question: str) -> SectionAsked | None:
    """The section `question` names (see the module docstring), or None."""
    match = _BY_NUMBER.search(question)
    if match:
        return SectionAsked(match["number"].casefold(), "", _without(question, match), match.span())
    for pattern in _BY_TITLE:
        match = pattern.search(question)
        if match:
            title = match.groupdict().get("quoted") or match["plain"]
            if content_words(title):
                return SectionAsked("", title.strip(), _without(question, match), match.span())
    return None


def _without(question: str, match: re.Match[str]) -> str:
    return " ".join(f"{question[: match.start()]} {question[match.end() :]}".split())


def heading_number(heading: str) -> str:
    """A heading's own number, lower case ("2.1" of "2.1. Grants"), or ""."""
    match = _HEADING_NUMBER.match(heading)
    return (match["named"] or match["number"]).casefold() if match else ""


@dataclass(frozen=True)
class Section:
    """A section of a document: the trail of headings down to its own, and the chunks (positions in
    the index reader) holding its sentences."""

    source: str
    trail: tuple[str, ...]
    positions: tuple[int, ...]

    @property
    def heading(self) -> str:
        return self.trail[-1]

    def holds_sentence(self, sentence: Sentence) -> bool:
        return sentence.section[: len(self.trail)] == self.trail

    def holds(self, item: Scored) -> bool:
        return item.candidate.source == self.source and self.holds_sentence(item.candidate.sentence)


def find_sections(reader: IndexReader, asked: SectionAsked, sources: Sequence[str] | None) -> list[Section]:
    """The sections of the corpus (of `sources` when given) that `asked` names, best first: by
    number, those whose heading has it; by title, those whose heading holds every word of it, the
    fewest other words first. A section and a subsection of it that both match: the outer one."""
    wanted = set(sources) if sources is not None else None
    title = {stem(word) for word in content_words(asked.title)}
    found: list[tuple[int, Section]] = []
    for (source, trail), positions in reader.sections.items():
        if wanted is not None and source not in wanted:
            continue
        heading = trail[-1]
        if asked.number:
            if heading_number(heading) != asked.number:
                continue
            extra = 0
        else:
            words = {stem(word) for word in content_words(heading)}
            if not title or not title <= words:
                continue
            extra = len(words - title)
        found.append((extra, Section(source, trail, tuple(positions))))
    found.sort(key=lambda pair: pair[0])
    sections = [section for _, section in found]
    return [s for s in sections if not any(o.source == s.source and _within(s.trail, o.trail) for o in sections)]


def _within(trail: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    return len(trail) > len(outer) and trail[: len(outer)] == outer


def asks_more(asked: SectionAsked, named: str) -> list[str]:
    """The words of the question beyond naming the section and asking for it: empty when it asks
    only for the section. `named` is what names its document (title and file name), whose words
    choose the document and ask nothing more."""
    naming = {stem(word) for word in content_words(named)}
    return [
        word
        for word in content_words(asked.rest)
        if word not in _ASKING and not word.isdigit() and not any(_alike(stem(word), name) for name in naming)
    ]


def _alike(word: str, other: str) -> bool:
    """The same word, or one spelt a letter apart in words of five letters or more ("licence",
    "license")."""
    if word == other:
        return True
    if min(len(word), len(other)) < 5 or abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        return sum(a != b for a, b in zip(word, other, strict=True)) == 1
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def opening(sentences: list[Sentence], limit: int) -> list[Sentence]:
    """A section's opening within `limit` words (see the module docstring): its sentences taken
    the first of each part (the section's own text, then each subsection's), then the second of
    each, and so on, given in the document's order. The first always counts, whatever its length.
    A sentence that introduces what follows ("... the following:") is taken with the next of its
    part, the first item it introduces, or not at all: alone it says nothing."""
    parts: dict[tuple[str, ...], list[Sentence]] = {}
    for sentence in sentences:
        parts.setdefault(sentence.section, []).append(sentence)
    taken: dict[int, Sentence] = {}
    used = 0
    for depth in range(max((len(part) for part in parts.values()), default=0)):
        for part in parts.values():
            if depth >= len(part) or part[depth].start in taken:
                continue
            group = part[depth : depth + 2] if part[depth].display.rstrip().endswith(":") else part[depth : depth + 1]
            size = sum(len(s.display.split()) for s in group if s.start not in taken)
            if taken and used + size > limit:
                return sorted(taken.values(), key=lambda s: s.start)
            taken.update((s.start, s) for s in group)
            used += size
    return sorted(taken.values(), key=lambda s: s.start)
