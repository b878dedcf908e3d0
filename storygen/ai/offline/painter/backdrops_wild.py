"""Backdrops of wild places: the Moon's surface, the jungle and the mountains.

Open space, the sea and the sea bed are in ``backdrops_sea_and_space``; forests, deserts and
snow in ``backdrops_land``.
"""

from __future__ import annotations

import math

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.colour import RGB, mix, shaded
from storygen.ai.offline.painter.scenery import (
    draw_bush,
    draw_flower,
    draw_ridge,
    draw_rock,
    draw_tree,
    scatter,
)
from storygen.ai.offline.painter.seasons import grass_in
from storygen.ai.offline.painter.sky import draw_sky, draw_sky_objects

#: The Moon's dust, and the crater shadow in it: what a Moon picture is recognised by.
MOON_GROUND: RGB = (186, 186, 192)
MOON_CRATER: RGB = (132, 132, 142)
#: The jungle floor and its leaves.
JUNGLE_LEAF: RGB = (46, 128, 66)


def moon_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    canvas.sky_lights = False  # standing on the Moon, the Earth hangs in the sky instead
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon)
    placed = False
    for scale in (1.0, 0.75, 0.55):
        radius = u * 0.09 * scale
        for _ in range(16):
            x, y = rng.uniform(0.08, 0.92) * canvas.width, rng.uniform(0.12, 0.85) * horizon
            box = (x - radius * 1.2, y - radius * 1.2, x + radius * 1.2, y + radius * 1.2)
            if canvas.free(box):
                _earth(canvas, x, y, radius)
                canvas.blocked.append(box)
                placed = True
                break
        if placed:
            break
    draw_ridge(canvas, horizon, u * 0.02, shaded(MOON_GROUND, 0.9), waves=0.7)
    draw_ridge(canvas, horizon + u * 0.04, u * 0.015, MOON_GROUND, waves=1.1)

    def crater(x: float, y: float, s: float) -> None:
        w, h = s * 0.8, s * 0.24
        canvas.pen.ellipse((x - w, y - h, x + w, y + h), shaded(MOON_GROUND, 1.08), line=False)
        canvas.pen.ellipse(
            (x - w * 0.8, y - h * 0.8, x + w * 0.8, y + h * 0.6), MOON_CRATER, line=False
        )
        canvas.draw.chord(
            (x - w * 0.8, y - h * 0.8, x + w * 0.8, y + h * 0.6), 0, 180, fill=MOON_GROUND
        )

    # Craters lie flat on the ground, so the cast may stand in front of them; nearer ones
    # are bigger.
    span = max(1.0, canvas.height - horizon)
    for _ in range(14 if canvas.style.detail else 6):
        y = horizon + u * 0.03 + rng.random() * (span - u * 0.03)
        s = u * (0.05 + 0.12 * (y - horizon) / span)
        x = rng.uniform(0, canvas.width)
        if canvas.free((x - s * 0.8, y - s * 0.25, x + s * 0.8, y + s * 0.25), behind_cast=True):
            crater(x, y, s)
    scatter(
        canvas,
        4,
        (horizon + u * 0.05, canvas.height),
        [lambda x, y, s: draw_rock(canvas, x, y, s * 0.4, (160, 160, 168))],
        u * 0.1,
    )


def _earth(canvas: Canvas, x: float, y: float, r: float) -> None:
    canvas.pen.ellipse((x - r, y - r, x + r, y + r), (64, 128, 220))
    for dx, dy, size in ((-0.3, -0.2, 0.38), (0.3, 0.25, 0.3), (0.1, -0.45, 0.2)):
        cx, cy, cr = x + dx * r, y + dy * r, size * r
        canvas.draw.ellipse((cx - cr, cy - cr * 0.8, cx + cr, cy + cr * 0.8), fill=(84, 170, 92))
    canvas.draw.arc(
        (x - r * 0.8, y - r * 0.5, x + r * 0.6, y + r * 0.6),
        200,
        320,
        fill=(246, 248, 255),
        width=max(1, round(r * 0.12)),
    )


def jungle_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    draw_sky(canvas, horizon)
    # A wall of dark leaves where the sky would be, lower under the text.
    back = canvas.lit((34, 92, 56))
    for index in range(int(canvas.width / (u * 0.06)) + 2):
        x = index * u * 0.06 + rng.uniform(-u * 0.02, u * 0.02)
        top = max(horizon * rng.uniform(0.2, 0.45), canvas.ceiling(x, horizon) + u * 0.05)
        if top >= horizon:
            continue
        r = u * 0.07
        for y in range(round(top), round(horizon), max(1, round(r))):
            canvas.draw.ellipse((x - r, y - r * 0.8, x + r, y + r * 0.8), fill=back)
    floor = canvas.lit(grass_in((84, 118, 56), canvas.season))
    canvas.draw.rectangle((0, horizon, canvas.width, canvas.height), fill=floor)
    # Thick trunks and hanging vines behind the cast.
    trunk = canvas.lit((104, 76, 50))
    for _ in range(5 if canvas.style.detail else 2):
        x = rng.uniform(0, canvas.width)
        w = u * rng.uniform(0.035, 0.06)
        top = max(0.0, canvas.ceiling(x, horizon) + u * 0.04)
        if canvas.free((x - w, top, x + w, horizon + u * 0.03), behind_cast=True):
            canvas.pen.rounded((x - w, top, x + w, horizon + u * 0.03), w * 0.3, trunk)
    vine = canvas.lit((70, 150, 70))
    for _ in range(8 if canvas.style.detail else 3):
        x = rng.uniform(0, canvas.width)
        length = horizon * rng.uniform(0.3, 0.75)
        if not canvas.free((x - u * 0.03, 0, x + u * 0.03, length), behind_cast=True):
            continue
        points = [(x + math.sin(t * 0.8) * u * 0.015, length * t / 8) for t in range(9)]
        canvas.draw.line(points, fill=vine, width=max(1, round(u * 0.006)))
        for px, py in points[2::2]:
            canvas.pen.ellipse((px, py - u * 0.012, px + u * 0.035, py + u * 0.012), vine)
    draw_ridge(canvas, horizon + u * 0.05, u * 0.02, (70, 112, 50), waves=1.5)

    def fern(x: float, y: float, s: float) -> None:
        leaf = canvas.lit(JUNGLE_LEAF if rng.random() < 0.5 else (70, 160, 70))
        for angle in (-60, -30, 0, 30, 60):
            turn = math.radians(angle)
            tip = (x + math.sin(turn) * s, y - math.cos(turn) * s)
            mid = ((x + tip[0]) / 2, (y + tip[1]) / 2)
            half = s * 0.14
            canvas.pen.polygon(
                [
                    (x, y),
                    (mid[0] - half, mid[1] - half * 0.3),
                    tip,
                    (mid[0] + half, mid[1] + half * 0.3),
                ],
                leaf,
            )

    def hibiscus(x: float, y: float, s: float) -> None:
        draw_bush(canvas, x, y, s, JUNGLE_LEAF)
        r = s * 0.16
        for dx in (-0.25, 0.2):
            cx, cy = x + dx * s, y - s * 0.45
            canvas.pen.ellipse((cx - r, cy - r, cx + r, cy + r), canvas.lit((230, 50, 80)))

    scatter(canvas, 12, (horizon + u * 0.08, canvas.height), [fern, fern, hibiscus], u * 0.1)


def mountains_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon * 0.5)
    draw_ridge(canvas, horizon - u * 0.02, u * 0.3, (126, 136, 172), waves=1.3, jagged=True)
    _snow_caps(canvas, horizon - u * 0.02, u * 0.3)
    draw_ridge(canvas, horizon, u * 0.14, (104, 140, 128), waves=2.1, jagged=True)
    draw_ridge(canvas, horizon + u * 0.04, u * 0.03, (122, 176, 98), waves=1.2)
    for _ in range(6 if canvas.style.detail else 2):
        size = u * canvas.rng.uniform(0.14, 0.22)
        x = canvas.rng.uniform(0, canvas.width)
        ground = horizon + u * canvas.rng.uniform(0.04, 0.07)
        if canvas.free((x - size * 0.4, ground - size * 1.05, x + size * 0.4, ground)):
            draw_tree(canvas, x, ground, size, "pine")
    scatter(
        canvas,
        8,
        (horizon + u * 0.1, canvas.height),
        [
            lambda x, y, s: draw_rock(canvas, x, y, s * 1.2, (140, 138, 140)),
            lambda x, y, s: draw_flower(canvas, x, y, s * 0.8),
        ],
        u * 0.06,
    )


def _snow_caps(canvas: Canvas, base: float, amplitude: float) -> None:
    """White tops on the highest stretches of the far range, found by its colour."""
    rock = canvas.lit((126, 136, 172))
    snow = mix(canvas.lit((250, 252, 255)), rock, 0.1)
    step = max(2, round(canvas.unit * 0.006))
    limit = base - amplitude * 0.72
    for x in range(0, canvas.width, step):
        for y in range(max(0, round(base - amplitude * 1.3)), round(limit), step):
            if canvas.image.getpixel((x, y)) == rock:
                canvas.draw.rectangle((x, y, x + step, y + step), fill=snow)
