"""Checks that any answer must pass, whatever the question."""

from __future__ import annotations

from assistant import NOT_FOUND, Answer, Assistant, Citation
from index.text import quote_in_span


def quote_verifies(bot: Assistant, citation: Citation) -> bool:
    """The quote's words appear, in order, in the raw span it cites, which is not much longer."""
    return quote_in_span(citation.quote, bot.source_text(citation.source)[citation.start : citation.end])


def spans_hold_quotes(bot: Assistant, answer: Answer) -> bool:
    """Every citation of the answer verifies against its span."""
    return all(quote_verifies(bot, c) for c in answer.citations)


def well_formed(bot: Assistant, answer: Answer) -> bool:
    """A grounded answer is its quotes each followed by [n], with no quote cited twice and every quote
    verifying against its span; an ungrounded one is the fixed refusal without citations."""
    if not answer.grounded:
        return answer.text == NOT_FOUND and answer.citations == []
    quotes = [c.quote for c in answer.citations]
    return (
        bool(answer.citations)
        and len(set(quotes)) == len(quotes)
        and all(f"[{n}]" in answer.text for n in range(1, len(quotes) + 1))
        and f"[{len(quotes) + 1}]" not in answer.text
        and all(quote_verifies(bot, c) for c in answer.citations)
    )
