"""Number and verb agreement: plural heads, base and third-person verb forms.

Not the past tense: that is ``tense``.
"""

from __future__ import annotations

from collections.abc import Sequence

from storygen.ai.offline.writer.words import wordset

IRREGULAR_PLURALS = wordset(
    "glasses scissors trousers jeans mice geese sheep people children teeth feet fish"
)
_SINGULAR_S = ("ss", "us", "is", "ous")


def is_plural(head: str) -> bool:
    head = head.lower()
    if head in IRREGULAR_PLURALS:
        return True
    return head.endswith("s") and not head.endswith(_SINGULAR_S) and len(head) > 3


_BASE_FORMS = {
    "goes": "go",
    "does": "do",
    "has": "have",
    "is": "be",
    "tries": "try",
    "flies": "fly",
    "cries": "cry",
}


def _base_verb(word: str) -> str:
    low = word.lower()
    if low in _BASE_FORMS:
        return _BASE_FORMS[low]
    if low.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


def base_phrase(words: Sequence[str]) -> str:
    """A verb phrase with its first verb in the base form: "sails to the moon" -> "sail..."."""
    if not words:
        return ""
    return " ".join([_base_verb(words[0]), *words[1:]])


def third_person(verb: str) -> str:
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith(("ch", "sh", "ss", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
