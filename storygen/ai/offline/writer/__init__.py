"""Writes the offline provider's stories: deterministic picture-book text built from a brief.

The package is split by concept: word helpers (``words``, ``counting``, ``tense``,
``agreement``, ``user_text``, ``times``), the tables (``places``, ``phrasing``,
``texture_lines``, ``reactions``, ``scene_words``), reading the outline (``outline``,
``events``, ``scenes``: where and when each page happens), the cast (``characters``), and
telling the story (``telling``, ``reacting``, ``pictures``, ``compose``, ``rewrite``).
Callers use the entry points exported here.
"""

from __future__ import annotations

from storygen.ai.offline.writer.compose import write_story, write_story_payload
from storygen.ai.offline.writer.counting import DENSITY_RANGES, count_words, word_range
from storygen.ai.offline.writer.rewrite import rewrite_page
from storygen.ai.offline.writer.tense import past_tense

__all__ = [
    "DENSITY_RANGES",
    "count_words",
    "past_tense",
    "rewrite_page",
    "word_range",
    "write_story",
    "write_story_payload",
]
