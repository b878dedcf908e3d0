"""Scenery props the backdrops share: ridges, trees, flowers, bushes and rocks.

They are scattered where they keep clear of the text area and the cast.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.colour import RGB, shaded
from storygen.ai.offline.painter.layout import Box
from storygen.ai.offline.painter.seasons import SNOW, draw_blossom, grass_in, leaves_in


def draw_ridge(
    canvas: Canvas,
    base: float,
    amplitude: float,
    colour: RGB,
    *,
    waves: float = 1.5,
    bottom: float | None = None,
    jagged: bool = False,
) -> None:
    """A hill line (smooth or mountainous) filled down to ``bottom``."""
    rng = canvas.rng
    phase1, phase2 = rng.uniform(0, 6.3), rng.uniform(0, 6.3)
    steps = 48
    points: list[tuple[float, float]] = []
    for index in range(steps + 1):
        t = index / steps
        x = t * canvas.width
        if jagged:
            wobble = abs(math.sin(t * math.pi * waves * 2 + phase1)) * 1.0 + 0.25 * math.sin(
                t * 40 + phase2
            )
            y = base - amplitude * wobble
        else:
            y = base - amplitude * (
                0.6 * math.sin(t * math.pi * waves + phase1)
                + 0.4 * math.sin(t * math.pi * waves * 2.3 + phase2)
            )
        points.append((x, max(y, canvas.ceiling(x, base))))
    end = canvas.height + 20 if bottom is None else bottom
    # Outlined styles would trace the frame edge; the fill runs past it instead.
    points = [(-20, points[0][1]), *points, (canvas.width + 20, points[-1][1])]
    points += [(canvas.width + 20, end), (-20, end)]
    fill = canvas.lit(grass_in(colour, canvas.season))
    canvas.pen.polygon(points, fill, line=canvas.style.outline > 0.004)


def draw_tree(canvas: Canvas, x: float, ground: float, size: float, kind: str = "round") -> None:
    pen = canvas.pen
    trunk = canvas.lit((122, 82, 52))
    green = canvas.rng.choice(((76, 154, 78), (92, 170, 84), (60, 132, 80), (110, 176, 90)))
    if kind == "pine":
        # Pines stay green all year; in winter snow lies on each tier.
        leaf = canvas.lit(green)
        pen.rounded(
            (x - size * 0.06, ground - size * 0.3, x + size * 0.06, ground), size * 0.02, trunk
        )
        for level in range(3):
            top = ground - size * (1.05 - level * 0.22)
            half = size * (0.22 + level * 0.1)
            pen.polygon(
                [(x, top), (x + half, top + size * 0.42), (x - half, top + size * 0.42)], leaf
            )
            if canvas.season == "winter":
                pen.polygon(
                    [
                        (x, top),
                        (x + half * 0.5, top + size * 0.21),
                        (x - half * 0.5, top + size * 0.21),
                    ],
                    canvas.lit(SNOW),
                    line=False,
                )
        return
    leaf = canvas.lit(leaves_in(green, canvas.season, canvas.rng))
    pen.rounded(
        (x - size * 0.07, ground - size * 0.55, x + size * 0.07, ground), size * 0.03, trunk
    )
    for dx, dy, r in ((-0.22, -0.62, 0.25), (0.22, -0.62, 0.25), (0.0, -0.85, 0.3)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                ground + dy * size - r * size,
                x + dx * size + r * size,
                ground + dy * size + r * size,
            ),
            leaf,
        )
    if canvas.season == "spring":
        draw_blossom(canvas, x, ground - size * 0.7, size * 0.4)
    elif canvas.style.detail:
        light = shaded(leaf, 1.18)
        pen.ellipse(
            (x - size * 0.12, ground - size * 1.02, x + size * 0.05, ground - size * 0.9),
            light,
            line=False,
        )


def draw_flower(canvas: Canvas, x: float, y: float, size: float) -> None:
    if canvas.season == "winter":
        # No flowers in the snow: a small drift where one would stand.
        canvas.pen.ellipse(
            (x - size * 0.4, y - size * 0.25, x + size * 0.4, y + size * 0.05),
            canvas.lit(SNOW),
        )
        return
    petal = canvas.lit(
        canvas.rng.choice(
            ((240, 90, 110), (250, 210, 70), (170, 120, 230), (255, 255, 255), (250, 150, 60))
        )
    )
    canvas.draw.line(
        [(x, y), (x, y - size)], fill=canvas.lit((70, 140, 70)), width=max(1, round(size * 0.12))
    )
    r = size * 0.22
    for angle in range(0, 360, 72):
        px = x + math.cos(math.radians(angle)) * r
        py = y - size + math.sin(math.radians(angle)) * r
        canvas.draw.ellipse((px - r * 0.8, py - r * 0.8, px + r * 0.8, py + r * 0.8), fill=petal)
    canvas.draw.ellipse(
        (x - r * 0.6, y - size - r * 0.6, x + r * 0.6, y - size + r * 0.6),
        fill=canvas.lit((250, 200, 60)),
    )


def draw_bush(canvas: Canvas, x: float, y: float, size: float, colour: RGB) -> None:
    pen = canvas.pen
    fill = canvas.lit(leaves_in(colour, canvas.season, canvas.rng))
    for dx, r in ((-0.35, 0.32), (0.35, 0.32), (0.0, 0.42)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                y - r * size * 1.6,
                x + dx * size + r * size,
                y + size * 0.05,
            ),
            fill,
        )


def draw_rock(
    canvas: Canvas, x: float, y: float, size: float, colour: RGB = (150, 150, 160)
) -> None:
    canvas.pen.ellipse(
        (x - size * 0.5, y - size * 0.45, x + size * 0.5, y + size * 0.05), canvas.lit(colour)
    )


def scatter(
    canvas: Canvas,
    count: int,
    y_range: tuple[float, float],
    painters: Sequence[Callable[[float, float, float], None]],
    size: float,
) -> None:
    """Small props on free ground, bigger towards the viewer."""
    total = round(count * canvas.style.props)
    span = max(1.0, y_range[1] - y_range[0])
    for _ in range(total):
        where = canvas.spot(y_range, size)
        if where is None:
            continue
        x, y = where
        depth = 0.6 + 0.6 * (y - y_range[0]) / span
        canvas.rng.choice(painters)(x, y, size * depth)


def reserve(
    canvas: Canvas, size: float, box_at: Callable[[float, float], Box], *, big: bool = False
) -> tuple[float, float] | None:
    """An (x, size) for a big landmark, claimed so later sky and props keep off it.

    The text area is never used. A smaller landmark clear of the cast is preferred to a
    big one half hidden behind it, unless ``big``: a room's landmark (a shop's counter) may
    stand behind the cast rather than shrink; a crowded picture gets none at all.
    """
    rng = canvas.rng
    tries = [(behind, scale) for behind in (False, True) for scale in (1.0, 0.75, 0.55)]
    if big:
        tries.sort(key=lambda attempt: -attempt[1])
    for behind_cast, scale in tries:
        for _ in range(10):
            x = rng.uniform(0.1, 0.9) * canvas.width
            box = box_at(x, size * scale)
            # Slide it fully inside the frame.
            x += max(0.0, -box[0]) - max(0.0, box[2] - canvas.width)
            box = box_at(x, size * scale)
            if canvas.free(box, behind_cast=behind_cast):
                canvas.blocked.append(box)
                return x, size * scale
    return None
