"""Paints the offline provider's storybook pictures with Pillow, deterministically.

The same scene at the same size always gives the same PNG bytes. The modules, by concept:

- Reading text: ``words`` (shared helpers), ``places`` (backdrop theme and water named),
  ``creature_words`` (who a description is about), ``prompts`` (a scene from a free-text prompt).
- Characters: ``look_tables`` and ``looks`` (a character's look from its description);
  ``figure`` draws a whole figure from ``figure_parts``, ``bodies``, ``tails``, ``head``,
  ``heads`` and the ``heads_*`` modules.
- Scenes: ``canvas`` (the page being painted, its light and free room), ``sky``, ``scenery``
  (shared props), the ``backdrops_*`` modules and ``water``.
- Composition: ``layout`` (the calm text area and the stage), ``composition`` (pages and
  covers), ``sheet`` (character reference sheets).
- Styles: ``styles`` (what each picture style means) and ``treatments`` (finishing effects).
- Drawing: ``colour`` (colours and palettes) and ``pen`` (low-level primitives).
- ``picture``: the entry point, ``paint``.
"""

from storygen.ai.offline.painter.layout import TEXT_POSITIONS, text_region
from storygen.ai.offline.painter.looks import character_look
from storygen.ai.offline.painter.picture import paint
from storygen.ai.offline.painter.places import theme_for, water_for
from storygen.ai.offline.painter.prompts import scene_from_prompt
from storygen.ai.offline.painter.styles import IMAGE_STYLES
from storygen.ai.offline.painter.water import WATER_COLOURS

__all__ = [
    "IMAGE_STYLES",
    "TEXT_POSITIONS",
    "WATER_COLOURS",
    "character_look",
    "paint",
    "scene_from_prompt",
    "text_region",
    "theme_for",
    "water_for",
]
