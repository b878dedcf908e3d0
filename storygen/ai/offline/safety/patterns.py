"""What a rule of intent is, and the pieces its patterns are built from.

The patterns read text already folded by storygen.ai.offline.safety.evasion (lower case,
accents, look-alike letters, leetspeak, spaced-out letters and misspellings undone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GAP = r"[^\w.!?;,:\n]+"


def gap(n: int) -> str:
    """Up to ``n`` words between two parts of a rule, without crossing a sentence or a
    clause."""
    return rf"(?:{_GAP}[\w']+){{0,{n}}}{_GAP}"


def any_of(*alternatives: str) -> str:
    """A group matching any one of ``alternatives``."""
    return "(?:" + "|".join(alternatives) + ")"


def whole_words(body: str) -> re.Pattern[str]:
    """``body`` compiled to match whole words only (an apostrophe belongs to its word)."""
    return re.compile(rf"(?<![\w']){body}(?![\w'])")


@dataclass(frozen=True)
class IntentRule:
    """A phrase of harm in ``category``; it counts only when ``needs`` is found in the same
    text too (if given) and ``unless`` is not."""

    category: str
    pattern: re.Pattern[str]
    needs: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None


def quotable_words(body: str) -> re.Pattern[str]:
    """Like whole_words, but a phrase put in quotes ("'our little secret'") still matches: a
    quote mark before or after counts as a boundary, an apostrophe inside a word
    ("don't") does not."""
    return re.compile(rf"(?<!\w)(?<!\w'){body}(?!\w)(?!'\w)")
