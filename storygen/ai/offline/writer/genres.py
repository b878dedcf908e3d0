"""Choosing the genre kit for a brief's genre label, however the user spelled it.

Not the kits' contents: those are in ``kits_gentle`` and ``kits_bold``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.kits_bold import BOLD_KITS
from storygen.ai.offline.writer.kits_gentle import GENTLE_KITS

if TYPE_CHECKING:
    from storygen.ai.offline.writer.kit import Kit


KITS: dict[str, Kit] = {**GENTLE_KITS, **BOLD_KITS}


_GENRE_ALIASES = {
    "children": "childrens",
    "kids": "childrens",
    "sciencefiction": "scifi",
    "sf": "scifi",
    "spooky": "horror",
    "funny": "comedy",
    "humor": "comedy",
    "humour": "comedy",
}


def kit_for(genre: str) -> Kit:
    key = re.sub(r"[^a-z]", "", genre.lower())
    key = _GENRE_ALIASES.get(key, key)
    return KITS.get(key, KITS["adventure"])
