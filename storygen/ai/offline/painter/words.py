"""Small text helpers for everything that reads descriptions: splitting, singulars, digests.

No word tables here (see ``creature_words`` and ``look_tables``), and nothing that draws.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence


def split_words(text: str) -> list[str]:
    return text.split()


def singulars(word: str) -> list[str]:
    """``word`` and every singular it could be the plural of ("foxes": "foxe" and "fox")."""
    forms = [word]
    irregular = {"mice": "mouse", "geese": "goose", "wolves": "wolf", "calves": "calf"}
    if word in irregular:
        forms.append(irregular[word])
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        forms.append(word[:-1])
    return forms


def stable_digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def lower_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower())


def without_looks(text: str, looks: Sequence[str]) -> str:
    """``text`` without the cast's descriptions: "Mia (a girl in star-covered pyjamas)" is
    who Mia is, not where the page happens or what she does there."""
    for look in sorted((look.strip() for look in looks), key=len, reverse=True):
        if look:
            text = re.sub(rf"\s*\(?{re.escape(look)}\)?", "", text, flags=re.IGNORECASE)
    return text
