"""Small word helpers: word sets, capitals, articles and lists of names.

Nothing here knows about briefs, plots or pages; cleaning user text is in ``user_text``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str) -> str:
    """Lowercases a leading article or ordinary word, keeping names and acronyms as typed."""
    first = text.split(" ", 1)[0]
    if (first == "A" or not first.isupper()) and first.lower() in _COMMON_LEADS:
        return text[:1].lower() + text[1:]
    return text


_COMMON_LEADS = {
    "a",
    "an",
    "the",
    "some",
    "my",
    "our",
    "this",
    "gentle",
    "funny",
    "brave",
    "cheerful",
    "happy",
    "calm",
    "warm",
    "silly",
    "spooky",
    "magical",
    "exciting",
    "cozy",
    "cosy",
    "whimsical",
    "heartwarming",
    "adventurous",
    "mysterious",
    "light",
    "lighthearted",
    "light-hearted",
    "playful",
    "sweet",
    "kind",
    "dark",
    "tense",
    "suspenseful",
    "dramatic",
    "hopeful",
    "sad",
    "bittersweet",
    "curious",
    "old",
    "little",
    "big",
    "small",
    "tiny",
    "quiet",
    "busy",
    "sunny",
    "snowy",
    "rainy",
    "shy",
    "bold",
    "clever",
    "smart",
    "loyal",
    "wise",
    "always",
    "very",
    "really",
    "loves",
    "likes",
    "enjoys",
    "tall",
    "short",
    "long",
    "curly",
    "red",
    "blue",
    "green",
    "yellow",
    "purple",
    "pink",
    "orange",
    "brown",
    "black",
    "white",
    "grey",
    "gray",
    "golden",
    "enchanted",
    "magic",
    "haunted",
    "faraway",
    "distant",
    "ancient",
    "wild",
    "bright",
}


def article(word: str) -> str:
    lowered = word.lower()
    if lowered.startswith("one"):
        return "a"
    if (
        re.match(r"^(?:8|11|18|8\d)\b", lowered)
        or lowered[:1] in "aeio"
        or (lowered.startswith("u") and not lowered.startswith(("uni", "use", "usu")))
    ):
        return "an"
    return "a"


def join_names(names: Sequence[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
