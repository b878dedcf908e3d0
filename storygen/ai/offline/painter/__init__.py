"""Paints the offline provider's storybook pictures with Pillow, deterministically.

The same scene at the same size always gives the same PNG bytes. The modules, by concept:

- Reading text: ``words`` (shared helpers), ``places`` (the place and water named),
  ``weather`` (rain, snow, wind, fog named), ``props`` (the props named and where they go;
  ``prop_shapes`` and the ``props_*`` modules list them),
  ``creature_words`` (who a description is about), ``prompts`` (a scene from a free-text prompt).
- Characters: ``look_tables`` and ``looks`` (a character's look from its description);
  ``figure`` draws a whole figure from ``figure_parts``, ``bodies``, ``tails``, ``head``,
  ``heads`` and the ``heads_*`` modules.
- Scenes: ``canvas`` (the page being painted, its light and free room), ``sky``, ``scenery``
  (shared scenery), the ``backdrops_*`` modules, ``water`` and ``weather``.
- Composition: ``layout`` (the calm text area and the stage), ``composition`` (pages and
  covers), ``staging`` (how the cast use what a page names: beds, things in hand),
  ``sheet`` (character reference sheets), ``portrait`` (a sheet's head and shoulders) and
  ``photo_colours`` (the colours a sheet takes from a photo).
- Styles: ``styles`` (what each picture style means) and ``treatments`` (finishing effects).
- Drawing: ``colour`` (colours and palettes) and ``pen`` (low-level primitives).
- ``picture``: the entry points, ``paint``, ``paint_portrait`` and ``plan_picture`` (its
  ``scene_graph``).
"""

from storygen.ai.offline.painter.layout import TEXT_POSITIONS, text_region
from storygen.ai.offline.painter.looks import character_look
from storygen.ai.offline.painter.picture import paint, paint_portrait, plan_picture
from storygen.ai.offline.painter.places import PLACES, place_for, theme_for, water_for
from storygen.ai.offline.painter.prompts import scene_from_prompt
from storygen.ai.offline.painter.scene_graph import Drawn, PictureGraph
from storygen.ai.offline.painter.styles import IMAGE_STYLES
from storygen.ai.offline.painter.water import WATER_COLOURS

__all__ = [
    "IMAGE_STYLES",
    "PLACES",
    "TEXT_POSITIONS",
    "WATER_COLOURS",
    "Drawn",
    "PictureGraph",
    "character_look",
    "paint",
    "paint_portrait",
    "place_for",
    "plan_picture",
    "scene_from_prompt",
    "text_region",
    "theme_for",
    "water_for",
]
