"""Phrases administrators add to the safety check: ones that always block, and ones that are
always fine (a phrase the rules would otherwise mistake, such as a book title).

The app that keeps them (moderation) registers how they are read when it starts, so the
classifier in the core can use them without depending on it. The reader answers quickly and
sees an administrator's change within seconds (it caches briefly or is cleared on save).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SafetyPhrases:
    """The phrases in force: ``blocked`` ones refuse a text, ``allowed`` ones are taken out
    of a text before the rules look at it."""

    blocked: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()


#: Reads the phrases in force.
SafetyPhrasesReader = Callable[[], SafetyPhrases]

_reader: SafetyPhrasesReader | None = None


def safety_phrases_register(reader: SafetyPhrasesReader | None) -> None:
    """Say how to read the phrases in force (their owner calls this when it starts; None
    forgets the reader, for tests)."""
    global _reader
    _reader = reader


def safety_phrases() -> SafetyPhrases:
    """The phrases in force; none when no app keeps them."""
    if _reader is None:
        return SafetyPhrases()
    return _reader()
