"""The props a page's description names, where they go in the picture, and drawing them.

Props are planned before anything is drawn, beside or in front of the cast and never in the
text area, so the scene graph can report where each one is. Nearer props stand lower and are
drawn larger; sky props float above the horizon and wall props hang in rooms.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.layout import Box, overlaps
from storygen.ai.offline.painter.prop_shapes import PropKind
from storygen.ai.offline.painter.props_home import HOME_AND_TALES
from storygen.ai.offline.painter.props_nature import NATURE_AND_SKY
from storygen.ai.offline.painter.props_travel import TRAVEL_AND_PLAY

#: Every prop the painter can draw.
PROP_KINDS: tuple[PropKind, ...] = (*TRAVEL_AND_PLAY, *HOME_AND_TALES, *NATURE_AND_SKY)

#: At most this many props in one picture: the page's first-named ones.
MAX_PROPS = 4

#: Props that give light keep their own colours at night.
_GLOWING = frozenset({"lantern", "lamp", "candle", "star", "moon"})

_PATTERNS = tuple(
    (kind, re.compile(rf"\b(?:{kind.words})\b", re.IGNORECASE)) for kind in PROP_KINDS
)
# "wearing a hat" is the character's hat: drawn with the figure, not as a prop.
_WORN = re.compile(
    r"\b(?:wear(?:s|ing)?|wore|put on|puts on|in (?:a|an|his|her|their))\s+(?:\w+\s+){0,2}$"
)
# The Moon as a place, not as a moon in the sky.
_MOON_PLACE = re.compile(r"\b(?:on|to|onto) the moon\b", re.IGNORECASE)


@dataclass(frozen=True)
class PlacedProp:
    """A prop and the box it is drawn in (canvas pixels, base at the bottom edge)."""

    kind: PropKind
    box: Box
    holder: int | None = None  # the cast index of whoever holds it, drawn in their hand

    @property
    def name(self) -> str:
        return self.kind.name


def props_named(text: str, place: str) -> list[PropKind]:
    """The props ``text`` names, first-named first, without the worn ones."""
    found: list[tuple[int, PropKind]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            # Only what is small enough to wear: "in her cardboard rocket" rides in it.
            if kind.scale < 0.6 and _WORN.search(text[: match.start()]):
                continue
            if kind.name == "moon" and (place == "moon" or _MOON_PLACE.search(text)):
                continue
            found.append((match.start(), kind))
            break
    found.sort(key=lambda item: item[0])
    kinds: list[PropKind] = []
    covered: list[tuple[int, int]] = []
    for start, kind in found:
        # "a sandcastle" is not also a castle-less "sand"; a longer name wins its words.
        if any(a <= start < b for a, b in covered) or kind in kinds:
            continue
        named = dict(_PATTERNS)[kind].search(text, start)
        if named is not None:
            covered.append((named.start(), named.end()))
        kinds.append(kind)
    return kinds[:MAX_PROPS]


@dataclass(frozen=True)
class Ground:
    """What the prop planner needs to know of the picture: sizes, lines and no-go boxes."""

    width: int
    height: int
    horizon: float
    feet: float
    figure_height: float
    indoor: bool
    water: tuple[float, float] | None  # the open water's top and bottom, if any
    avoid: Sequence[Box]


def plan_props(kinds: Sequence[PropKind], ground: Ground, rng: random.Random) -> list[PlacedProp]:
    """A box for each prop that fits; one that finds no free room is left out."""
    placed: list[PlacedProp] = []
    taken: list[Box] = list(ground.avoid)
    for kind in kinds:
        if kind.where == "wall" and not ground.indoor:
            continue
        box = _find_room(kind, ground, taken, rng)
        if box is not None:
            taken.append(_margin(box, ground))
            placed.append(PlacedProp(kind, box))
    return placed


def _margin(box: Box, ground: Ground) -> Box:
    m = min(ground.width, ground.height) * 0.01
    return (box[0] - m, box[1] - m, box[2] + m, box[3] + m)


def _find_room(kind: PropKind, ground: Ground, taken: list[Box], rng: random.Random) -> Box | None:
    unit = min(ground.width, ground.height)
    base_height = max(ground.figure_height * max(kind.scale, 0.15), unit * 0.05)
    for shrink in (1.0, 0.75, 0.55, 0.4):
        for base, depth in _bases(kind, ground, rng):
            h = base_height * depth * shrink
            w = h * kind.aspect
            if kind.where in {"sky", "wall"}:
                base += h  # a sky prop's row is its top
            for x in _columns(ground, w, rng):
                box = (x - w / 2, base - h, x + w / 2, base)
                if box[0] < 0 or box[2] > ground.width or box[1] < 0 or box[3] > ground.height:
                    continue
                if not any(overlaps(box, other) for other in taken):
                    return box
    return None


def _bases(kind: PropKind, ground: Ground, rng: random.Random) -> list[tuple[float, float]]:
    """Candidate base lines (or top lines in the sky) and the depth scale at each."""
    height, horizon, feet = ground.height, ground.horizon, ground.feet
    if kind.where == "water" and ground.water is not None:
        top, bottom = ground.water
        return [(top + (bottom - top) * t, 0.55 + 0.35 * t) for t in (0.7, 0.5, 0.9, 0.3)]
    if kind.where in {"sky", "wall"}:
        low = horizon - ground.figure_height * kind.scale
        return [(height * t, 0.9) for t in (0.08, 0.16, 0.04, 0.24) if height * t < low] or [
            (height * 0.04, 0.7)
        ]
    # Beside the cast on its own ground line first, then nearer the viewer, then behind;
    # by the sea, always on the sand or the jetty, never out on the water.
    land = ground.water[1] if ground.water is not None else horizon
    front = min(height - 1.0, feet + (height - feet) * 0.8)
    behind = land + (feet - land) * rng.uniform(0.35, 0.6)
    return [(feet, 1.0), (front, 1.15), (behind, 0.7), (land + (feet - land) * 0.15, 0.55)]


def _columns(ground: Ground, w: float, rng: random.Random) -> list[float]:
    """Candidate centres across the picture, in a seeded order."""
    count = 9
    step = (ground.width - w) / (count - 1) if ground.width > w else 0.0
    xs = [w / 2 + step * index for index in range(count)]
    rng.shuffle(xs)
    return xs


def draw_prop(canvas: Canvas, prop: PlacedProp) -> None:
    """``prop`` drawn from its shapes, scaled into its box, in the scene's light."""
    x0, y0, x1, y1 = prop.box
    w, h = x1 - x0, y1 - y0
    pen = canvas.pen
    glowing = prop.name in _GLOWING

    def lit(colour: tuple[int, int, int]) -> tuple[int, int, int]:
        return colour if glowing else canvas.lit(colour)

    def at(px: float, py: float) -> tuple[float, float]:
        return (x0 + px * w, y0 + py * h)

    for shape in prop.kind.shapes:
        code = shape[0]
        if code in {"e", "r"}:
            _, a, b, c, d, colour = shape
            box = (*at(a, b), *at(c, d))
            if code == "e":
                pen.ellipse(box, lit(colour))
            else:
                pen.rounded(box, min(w, h) * 0.06, lit(colour))
        elif code == "p":
            _, points, colour = shape
            pen.polygon([at(px, py) for px, py in points], lit(colour))
        elif code == "l":
            _, points, colour, thickness = shape
            width = max(1, round(thickness * w))
            pen.draw.line([at(px, py) for px, py in points], fill=lit(colour), width=width)
        elif code in {"c", "a"}:
            _, a, b, c, d, start, end, colour, *rest = shape
            box = (*at(a, b), *at(c, d))
            if code == "c":
                pen.draw.chord(box, start, end, fill=lit(colour))
            else:
                width = max(1, round(rest[0] * w))
                pen.draw.arc(box, start, end, fill=lit(colour), width=width)
