"""The season a page's words name, and how it changes the green of an outdoor place.

Winter lays snow over grass, hedges and trees and leaves no flowers; autumn turns the trees
orange and gold and drops a few leaves; spring dots the trees with blossom. Summer, or no
season named, leaves the place as painted. Rooms, space and the sea bed have no season.
"""

from __future__ import annotations

import math
import random
import re

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.colour import RGB, mix

#: The seasons a picture can show, each with the words that name it.
_SEASONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in (
        ("winter", r"winter(?:'s|time|y)?|wintry|snowy|snow-covered"),
        # "Fall" is a season only where it cannot be falling: "in the fall", "fall leaves".
        ("autumn", r"autumn(?:al|'s)?|in (?:the )?fall|fall (?:leaves|colou?rs|days?)"),
        ("spring", r"spring(?:time|'s)?"),
        ("summer", r"summer(?:'s|time|y)?"),
    )
)

SNOW: RGB = (244, 247, 252)
_AUTUMN_LEAVES: tuple[RGB, ...] = ((232, 134, 40), (240, 182, 48), (206, 92, 38), (226, 156, 52))
_BLOSSOM: tuple[RGB, ...] = ((250, 196, 214), (255, 236, 242), (244, 160, 190))


# "In winter" says when the page is; "ready for the winter" or "until spring" a time to come.
_PLAINLY = re.compile(r"\b(?:in|during|all|this|one|that) (?:the )?$", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:for|until|till|before|after) (?:the )?(?:next )?$", re.IGNORECASE)


def season_for(text: str) -> str:
    """The season ``text`` says the page is in ("winter", "autumn", "spring", "summer"), or "":
    the first one named plainly ("in autumn"), else the first one mentioned, never one only
    looked ahead to ("for the winter")."""
    found: list[tuple[int, int, str]] = []
    for name, pattern in _SEASONS:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 20) : match.start()]
            if not _AHEAD.search(before):
                found.append((0 if _PLAINLY.search(before) else 1, match.start(), name))
    return min(found)[2] if found else ""


def _green(colour: RGB) -> bool:
    red, green, blue = colour
    return green > red + 8 and green > blue


def grass_in(colour: RGB, season: str) -> RGB:
    """Ground ``colour`` in ``season``: green grass lies under snow in winter and dries a
    little in autumn. Sand, rock and snow keep their colour."""
    if not _green(colour):
        return colour
    if season == "winter":
        return mix(colour, SNOW, 0.9)
    if season == "autumn":
        return mix(colour, (196, 172, 84), 0.3)
    return colour


def leaves_in(colour: RGB, season: str, rng: random.Random) -> RGB:
    """A tree's or bush's leaf ``colour`` in ``season``: under snow in winter, orange or gold
    in autumn."""
    if season == "winter":
        return mix(colour, SNOW, 0.82)
    if season == "autumn":
        return rng.choice(_AUTUMN_LEAVES)
    return colour


def draw_blossom(canvas: Canvas, x: float, y: float, radius: float) -> None:
    """Spring blossom: a few pale pink dots over the round canopy centred at (x, y)."""
    rng = canvas.rng
    dot = radius * 0.14
    for _ in range(9):
        angle, reach = rng.uniform(0, math.tau), radius * math.sqrt(rng.random()) * 0.85
        px, py = x + math.cos(angle) * reach, y + math.sin(angle) * reach
        canvas.draw.ellipse(
            (px - dot, py - dot, px + dot, py + dot), fill=canvas.lit(rng.choice(_BLOSSOM))
        )


def draw_fallen_leaves(canvas: Canvas, horizon: float) -> None:
    """In autumn, a few leaves on the ground in front, clear of the text and the cast."""
    if canvas.season != "autumn" or canvas.indoor:
        return
    rng, u = canvas.rng, canvas.unit
    for _ in range(round(22 * canvas.style.props)):
        x, y = rng.uniform(0, canvas.width), rng.uniform(horizon + u * 0.1, canvas.height)
        w, h = u * rng.uniform(0.012, 0.018), u * rng.uniform(0.006, 0.009)
        box = (x - w, y - h, x + w, y + h)
        if canvas.free(box):
            canvas.draw.ellipse(box, fill=canvas.lit(rng.choice(_AUTUMN_LEAVES)))
