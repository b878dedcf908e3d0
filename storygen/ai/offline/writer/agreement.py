"""Number and verb agreement: plural heads, base and third-person verb forms.

Not the past tense: that is ``tense``.
"""

from __future__ import annotations

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


def third_person(verb: str) -> str:
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith(("ch", "sh", "ss", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
