"""Sentences written to steer a language model, which no answer uses.

Document text is data. A sentence that speaks to a model instead of about its subject ("ignore all
previous instructions and ...") has nothing to say about any question, so neither the extractive
answer nor the passages given to a model ever include it; the document stays indexed and readable.
"""

from __future__ import annotations

import re

_STEERING = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?]{0,40}\b(?:previous|prior|above|earlier|preceding|all|any|your)\b"
    r"[^.!?]{0,30}\b(?:instructions?|prompts?|rules|directions|guidelines|context)\b"
    r"|\bsystem\s+(?:prompt|message)\b|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chat\s*bot)\b"
    r"|\b(?:as\s+an\s+ai|new\s+instructions?)\b|<\|?(?:im_start|system|endoftext)\|?>",
    re.IGNORECASE,
)


def addresses_model(text: str) -> bool:
    """Whether a sentence speaks to a language model rather than about its subject: it tells the
    reader to ignore earlier instructions, names a system prompt, tells the reader what AI it is,
    or holds a chat-template token."""
    return bool(_STEERING.search(text))
