"""What a picture-book prop is: simple shapes in its signature colours.

The props themselves are listed in ``props_travel``, ``props_home`` and ``props_nature``.
Each prop is a list of shapes in a unit box (x and y from 0 to 1, y down, the prop's base at
y = 1), drawn by ``props`` at the place and size the plan gives it. Data only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from storygen.ai.offline.painter.colour import RGB

# ("e" ellipse | "r" box | "p" polygon | "l" line | "c" chord | "a" arc, geometry..., colour,
# line width as a share of the prop's width)
Shape = tuple[Any, ...]


@dataclass(frozen=True)
class PropKind:
    """A prop: the words that name it, its shape and where it goes in a picture."""

    name: str
    words: str  # a regular expression of the words that name it
    aspect: float  # width over height
    scale: float  # height as a share of a standing figure's height
    where: str  # "ground", "sky" or "wall"
    signature: RGB  # the colour that makes it recognisable, used by the shapes
    shapes: tuple[Shape, ...]


RED, WHITE, GOLD, DARK = (214, 58, 58), (248, 248, 244), (242, 192, 48), (52, 48, 58)
WOOD, GREEN, BLUE, GREY = (176, 118, 66), (72, 150, 72), (60, 112, 206), (150, 152, 160)


def star_points(cx: float, cy: float, r: float) -> tuple[tuple[float, float], ...]:
    return tuple(
        (
            cx + math.cos(-math.pi / 2 + i * math.pi / 5) * r * (1 if i % 2 == 0 else 0.45),
            cy + math.sin(-math.pi / 2 + i * math.pi / 5) * r * (1 if i % 2 == 0 else 0.45),
        )
        for i in range(10)
    )
