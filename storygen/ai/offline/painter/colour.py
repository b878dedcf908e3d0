"""Colours: the RGB type, mixing and shading, and the colour words descriptions use.

Arithmetic on RGB triples and the table of named colours. Nothing here draws or knows of
characters or scenes; the hair, skin and fur tables are in ``look_tables``.
"""

from __future__ import annotations

import colorsys

from PIL import Image

RGB = tuple[int, int, int]


def pixel_at(image: Image.Image, x: int, y: int) -> RGB:
    value = image.getpixel((x, y))
    if isinstance(value, tuple):
        return (int(value[0] or 0), int(value[1] or 0), int(value[2] or 0))
    grey = int(value or 0)
    return (grey, grey, grey)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def shaded(colour: RGB, factor: float) -> RGB:
    """Darker below 1, lighter (towards white) above 1."""
    if factor <= 1:
        return mix((0, 0, 0), colour, factor)
    return mix(colour, (255, 255, 255), min(1.0, factor - 1))


def hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, max(0.0, min(1.0, s)), max(0.0, min(1.0, v)))
    return (round(r * 255), round(g * 255), round(b * 255))


COLOURS: dict[str, RGB] = {
    "red": (214, 56, 52),
    "crimson": (190, 30, 60),
    "scarlet": (226, 48, 38),
    "maroon": (128, 32, 48),
    "orange": (243, 140, 40),
    "ginger": (206, 96, 40),
    "auburn": (150, 62, 36),
    "copper": (184, 98, 48),
    "yellow": (247, 204, 54),
    "gold": (226, 176, 48),
    "golden": (230, 184, 64),
    "blond": (238, 206, 124),
    "blonde": (238, 206, 124),
    "green": (64, 160, 86),
    "lime": (150, 206, 60),
    "mint": (160, 224, 190),
    "olive": (120, 128, 56),
    "emerald": (32, 150, 100),
    "teal": (30, 140, 140),
    "turquoise": (56, 196, 196),
    "cyan": (60, 200, 230),
    "blue": (52, 110, 210),
    "navy": (34, 50, 110),
    "purple": (136, 72, 186),
    "violet": (150, 90, 210),
    "lilac": (196, 160, 220),
    "lavender": (180, 160, 230),
    "pink": (240, 128, 170),
    "magenta": (210, 50, 150),
    "brown": (120, 76, 44),
    "chestnut": (140, 70, 40),
    "tan": (200, 160, 110),
    "beige": (222, 200, 160),
    "cream": (246, 236, 210),
    "black": (40, 36, 44),
    "white": (246, 246, 244),
    "grey": (140, 140, 148),
    "gray": (140, 140, 148),
    "silver": (196, 200, 212),
}


RAINBOW: tuple[RGB, ...] = (
    (240, 96, 110),
    (250, 170, 70),
    (250, 220, 90),
    (110, 200, 120),
    (100, 160, 236),
    (170, 120, 220),
)


def is_dark(colour: RGB) -> bool:
    return sum(colour) < 330


def pale(colour: RGB) -> RGB:
    return mix(colour, (255, 250, 240), 0.6)
