"""A character's head and shoulders from the front, for thumbnails: a face reads at 96 px where
a whole sheet of three small figures does not."""

from __future__ import annotations

from PIL import Image, ImageDraw

from storygen.ai.offline.painter.colour import mix
from storygen.ai.offline.painter.figure import draw_figure
from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.looks import Look, character_look
from storygen.ai.offline.painter.pen import Pen
from storygen.ai.offline.painter.photo_colours import PhotoColours
from storygen.ai.offline.painter.sheet import sheet_character
from storygen.ai.types import Scene

_WHITE = (255, 255, 255)
# How much of the figure's height the picture shows: the head and the top of the body.
_SHOWN = 0.64
# Where the middle of the head sits, as a share of the picture's height from the top.
_HEAD_AT = 0.47


def _head_middle(look: Look, height: float) -> float:
    """How far the middle of the head is below the top of a standing figure of ``height``.

    The same proportions the figure is drawn with: a giraffe's small head sits on a long
    neck, a child's head is a little larger than a grown-up's.
    """
    if look.animal == "giraffe":
        return height * 0.12 * 1.5
    if look.animal == "snail":
        return height * 0.55  # low, on its foot; the shell shows beside it
    return height * (0.17 if look.height < 0.9 else 0.15)


def _background(image: Image.Image, look: Look) -> None:
    """A soft wash in the character's colours, lighter behind the head."""
    width, height = image.size
    dark = mix(look.top, _WHITE, 0.72)
    light = mix(look.accent, _WHITE, 0.86)
    draw = ImageDraw.Draw(image)
    for row in range(height):
        draw.line([(0, row), (width, row)], fill=mix(light, dark, row / max(1, height - 1)))
    glow = mix(light, _WHITE, 0.5)
    x, y, r = width / 2, height * _HEAD_AT, height * 0.36
    draw.ellipse((x - r, y - r, x + r, y + r), fill=glow)


def paint_portrait(
    scene: Scene, image: Image.Image, pen: Pen, photo: PhotoColours | None = None
) -> None:
    """The sheet's character from the front, large, framed on its head and shoulders."""
    width, height = image.size
    look = character_look(sheet_character(scene), photo)
    _background(image, look)
    size = height / _SHOWN
    top = height * _HEAD_AT - _head_middle(look, size)
    draw_figure(pen, look, width / 2, top + size, size, Pose(20, 20), 1)
