"""The document picker: which documents a question searches.

The picker lists folders and documents matching a filter (at most MAX_SHOWN at a time, so a corpus
of thousands stays quick); what is picked is a set of entries, each a document (`notes/a.md`) or a
folder (`notes/`, every document below it). `sources()` turns it into the `sources=` of
`Assistant.ask`: the search is limited exactly as it is there.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

MAX_SHOWN = 200
"""Entries the picker shows at a time; the filter narrows the rest down."""


def folders(documents: Iterable[str]) -> dict[str, int]:
    """Every folder holding documents (`a/`, `a/b/`), with how many documents are below it."""
    counts: dict[str, int] = {}
    for document in documents:
        parts = document.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth]) + "/"
            counts[folder] = counts.get(folder, 0) + 1
    return counts


def matches(entry: str, text: str) -> bool:
    """Whether every word of the filter `text` is in `entry`, ignoring case."""
    folded = entry.casefold()
    return all(word in folded for word in text.casefold().split())


def choices(documents: Collection[str], text: str = "", limit: int = MAX_SHOWN) -> tuple[list[tuple[str, str]], int]:
    """(label, entry) pairs for the picker, folders first, matching `text`; and how many matched."""
    counted = folders(documents)
    found = [(f"{folder} ({n} document{'s' if n != 1 else ''})", folder) for folder, n in sorted(counted.items())]
    found += [(document, document) for document in sorted(documents)]
    found = [pair for pair in found if matches(pair[1], text)]
    return found[:limit], len(found)


def sources(picked: Iterable[str], documents: Collection[str]) -> list[str] | None:
    """The documents the picked entries cover, sorted; None when nothing is picked (search all).
    Entries no longer in the index cover nothing."""
    entries = set(picked)
    if not entries:
        return None
    chosen = {
        document
        for document in documents
        if document in entries or any(entry.endswith("/") and document.startswith(entry) for entry in entries)
    }
    return sorted(chosen)


def scope(searched: int, total: int) -> str:
    """The note shown with an answer whose search was limited: `searched 3 of 240 documents`."""
    return f"searched {searched} of {total} document{'s' if total != 1 else ''}"
