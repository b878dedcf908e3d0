"""Water added to an outdoor backdrop: a pond, lake, river, waterfall or puddle.

The water is planned before the backdrop, where it fits around the text and the cast, and
drawn frozen when the text says so. Which water a text names is decided in ``places``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.colour import RGB, mix, pixel_at, shaded
from storygen.ai.offline.painter.layout import Stage, overlaps
from storygen.ai.offline.painter.pen import Point
from storygen.ai.offline.painter.places import ICE_WORDS, water_for
from storygen.ai.offline.painter.scenery import reserve
from storygen.ai.types import Scene

Ellipse = tuple[float, float, float, float]  # centre x, centre y, radius x, radius y


@dataclass(frozen=True)
class _Water:
    """Where the water goes, planned before the backdrop so scenery keeps off it."""

    kind: str
    pools: tuple[Ellipse, ...] = ()
    band: tuple[float, float] | None = None  # a river's middle line and half width
    fall: tuple[float, float] | None = None  # a waterfall's x and height
    frozen: bool = False


def plan_water(canvas: Canvas, scene: Scene, theme: str, stage: Stage) -> _Water | None:
    """Claim room for the water the scene names; None if it names none or it cannot fit.

    The sea and the sea bed are water already; indoors only a puddle makes sense. Rooms
    are claimed like landmarks, so the text area is never used and the cast, where it can
    be, stands in front of the water rather than in it.
    """
    kind = water_for(scene.setting) or water_for(scene.description)
    if kind is None or theme in {"sea", "underwater"}:
        return None
    if theme in {"home", "school"} and kind != "puddle":
        return None
    frozen = theme == "snow" or bool(ICE_WORDS.search(f"{scene.setting} {scene.description}"))
    u, rng = canvas.unit, canvas.rng
    horizon, feet = stage.horizon, stage.feet
    if kind == "waterfall":
        fall = reserve(
            canvas,
            min(u * 0.34, horizon * 0.85),
            lambda x, s: (x - s * 0.5, horizon - s, x + s * 0.5, horizon + s * 0.24),
        )
        if fall is not None:
            x, size = fall
            pool = (x, horizon + size * 0.1, size * 0.5, size * 0.11)
            return _Water(kind, pools=(pool,), fall=(x, size), frozen=frozen)
        kind = "pond"
    if kind == "river":
        half = u * rng.uniform(0.035, 0.05)
        low, high = horizon + u * 0.04 + half, max(horizon + u * 0.05 + half, feet - half * 1.5)
        for _ in range(12):
            y = rng.uniform(low, high)
            box = (0.0, y - half * 1.5, float(canvas.width), y + half * 1.5)
            if canvas.free(box, behind_cast=True):
                canvas.blocked.append(box)
                return _Water(kind, band=(y, half), frozen=frozen)
        kind = "pond"
    if kind == "lake":
        for scale in (1.0, 0.75, 0.55):
            for _ in range(10):
                rx = u * rng.uniform(0.34, 0.46) * scale
                ry = rx * 0.16
                x = rng.uniform(rx * 0.7, canvas.width - rx * 0.7)
                y = horizon + ry + u * 0.015
                box = (x - rx * 1.05, horizon - u * 0.01, x + rx * 1.05, y + ry * 1.2)
                if canvas.free(box, behind_cast=True):
                    canvas.blocked.append(box)
                    return _Water(kind, pools=((x, y, rx, ry),), frozen=frozen)
        kind = "pond"
    if kind == "pond":
        # A full-sized pond partly behind the cast reads better than a tiny one beside it.
        for scale, behind_cast in itertools.product((1.0, 0.75, 0.55), (False, True)):
            for _ in range(10):
                rx = u * rng.uniform(0.17, 0.24) * scale
                ry = rx * 0.3
                low = horizon + u * 0.03 + ry
                # Shared with the cast, it lies behind their feet, not under them.
                high = feet - u * 0.02 - ry * 1.2 if behind_cast else feet
                y = rng.uniform(low, max(low, min(high, canvas.height - ry * 1.3)))
                x = rng.uniform(rx, max(rx, canvas.width - rx))
                box = (x - rx * 1.08, y - ry - u * 0.07, x + rx * 1.08, y + ry * 1.2)
                if canvas.free(box, behind_cast=behind_cast):
                    canvas.blocked.append(box)
                    return _Water(kind, pools=((x, y, rx, ry),), frozen=frozen)
        return None
    # Puddles: a few, on the near ground, where the cast may well be splashing in them.
    puddles: list[Ellipse] = []
    low = max(horizon + u * 0.1, feet - u * 0.08)
    for _ in range(30):
        if len(puddles) == 3:
            break
        rx = u * rng.uniform(0.05, 0.085)
        ry = rx * 0.3
        y = rng.uniform(low, max(low, min(feet + u * 0.25, canvas.height - ry * 1.5)))
        x = rng.uniform(rx, max(rx, canvas.width - rx))
        box = (x - rx * 1.1, y - ry * 1.2, x + rx * 1.1, y + ry * 1.2)
        if canvas.free(box, behind_cast=True):
            canvas.blocked.append(box)
            puddles.append((x, y, rx, ry))
    return _Water(kind, pools=tuple(puddles), frozen=frozen) if puddles else None


# Deep water, its lighter shallows and the shine on top; then the same for ice.
WATER_COLOURS: tuple[RGB, RGB, RGB] = ((62, 140, 212), (112, 184, 234), (226, 244, 252))


ICE_COLOURS: tuple[RGB, RGB, RGB] = ((176, 212, 238), (214, 236, 250), (250, 252, 255))


def _water_colours(canvas: Canvas, frozen: bool) -> tuple[RGB, RGB, RGB]:
    """Deep water, shallows and shine under this picture's light."""
    deep, shallow, shine = ICE_COLOURS if frozen else WATER_COLOURS
    return canvas.lit(deep), canvas.lit(shallow), canvas.lit(shine)


def _draw_pool(canvas: Canvas, pool: Ellipse, water: _Water) -> None:
    x, y, rx, ry = pool
    pen, rng, u = canvas.pen, canvas.rng, canvas.unit
    deep, shallow, shine = _water_colours(canvas, water.frozen)
    ground = pixel_at(canvas.image, min(canvas.width - 1, max(0, round(x))), round(y))
    bank = mix(shaded(ground, 0.82), (150, 118, 84), 0.3) if not water.frozen else ground
    if water.kind != "puddle":
        pen.ellipse((x - rx * 1.07, y - ry * 1.14, x + rx * 1.07, y + ry * 1.2), bank, line=False)
    pen.ellipse((x - rx, y - ry, x + rx, y + ry), deep)
    # The sky's reflection on the far half.
    pen.ellipse((x - rx * 0.78, y - ry * 0.78, x + rx * 0.6, y - ry * 0.05), shallow, line=False)
    if not canvas.style.detail:
        return
    width = max(1, round(u * 0.004))
    for _ in range(3 if water.kind != "puddle" else 1):
        px, py = x + rx * rng.uniform(-0.55, 0.55), y + ry * rng.uniform(-0.2, 0.5)
        w = rx * rng.uniform(0.1, 0.18)
        if water.frozen:
            canvas.draw.line([(px - w, py), (px + w, py - ry * 0.1)], fill=shine, width=width)
        else:
            canvas.draw.arc(
                (px - w, py - ry * 0.12, px + w, py + ry * 0.12), 200, 340, fill=shine, width=width
            )
    if water.kind == "pond" and not water.frozen:
        leaf = canvas.lit((76, 160, 80))
        for index in range(3):
            px = x + rx * (-0.5 + index * 0.45) + rx * rng.uniform(-0.08, 0.08)
            py = y + ry * rng.uniform(0.05, 0.45)
            lr = rx * 0.11
            canvas.draw.pieslice(
                (px - lr, py - lr * 0.42, px + lr, py + lr * 0.42), 30, 330, fill=leaf
            )
            if index == 1:
                petal = canvas.lit((246, 150, 190))
                s = lr * 0.35
                canvas.draw.ellipse((px - s, py - s * 1.6, px + s, py), fill=petal)
        # Reeds at one end of the pond.
        side = rng.choice((-1, 1))
        stem, head = canvas.lit((70, 130, 60)), canvas.lit((130, 86, 52))
        for index in range(4):
            sx = x + side * rx * (0.78 + index * 0.07)
            base = y - ry * (0.2 - index * 0.12)
            tall = u * (0.05 + 0.012 * (index % 2))
            canvas.draw.line(
                [(sx, base), (sx + side * u * 0.006, base - tall)],
                fill=stem,
                width=max(1, round(u * 0.004)),
            )
            hx, hy = sx + side * u * 0.005, base - tall * 0.8
            pen.ellipse(
                (hx - u * 0.006, hy - u * 0.016, hx + u * 0.006, hy + u * 0.006), head, line=False
            )


def _draw_river(canvas: Canvas, water: _Water, band: tuple[float, float]) -> None:
    y, half = band
    rng, u = canvas.rng, canvas.unit
    deep, shallow, shine = _water_colours(canvas, water.frozen)
    phase, waves = rng.uniform(0, 6.3), rng.uniform(1.5, 2.5)
    steps = 32

    def bank(offset: float, wobble: float) -> list[Point]:
        points = []
        for index in range(steps + 1):
            t = index / steps
            bend = math.sin(t * math.pi * waves + phase) * half * wobble
            points.append((-20 + t * (canvas.width + 40), y + offset + bend))
        return points

    ground = pixel_at(canvas.image, canvas.width // 2, min(canvas.height - 1, round(y + half * 2)))
    edge = mix(shaded(ground, 0.82), (150, 118, 84), 0.3) if not water.frozen else ground
    canvas.pen.polygon(bank(-half * 1.2, 0.3) + bank(half * 1.25, 0.35)[::-1], edge, line=False)
    canvas.pen.polygon(bank(-half, 0.3) + bank(half, 0.35)[::-1], deep)
    canvas.pen.polygon(bank(-half * 0.85, 0.3) + bank(-half * 0.2, 0.32)[::-1], shallow, line=False)
    if not canvas.style.detail:
        return
    width = max(1, round(u * 0.004))
    for _ in range(10):
        px = rng.uniform(0, canvas.width)
        py = y + half * rng.uniform(-0.3, 0.6)
        w = u * rng.uniform(0.02, 0.04)
        if canvas.region is None or not overlaps((px - w, py - w, px + w, py + w), canvas.region):
            canvas.draw.line([(px - w, py), (px + w, py)], fill=shine, width=width)


def _draw_fall(canvas: Canvas, water: _Water, fall: tuple[float, float]) -> None:
    """Water pouring off a rocky ledge on the horizon into a foaming pool."""
    x, size = fall
    pen, u = canvas.pen, canvas.unit
    horizon = water.pools[0][1] - size * 0.1
    _, shallow, shine = _water_colours(canvas, water.frozen)
    rock, dark = canvas.lit((150, 138, 132)), canvas.lit((120, 110, 108))
    top = horizon - size
    cliff = [
        (-0.5, 1.02),
        (-0.47, 0.4),
        (-0.4, 0.12),
        (-0.22, 0.0),
        (0.2, 0.02),
        (0.38, 0.14),
        (0.47, 0.46),
        (0.5, 1.02),
    ]
    pen.polygon([(x + dx * size, top + dy * size) for dx, dy in cliff], rock)
    # Shadowed faces either side of the fall, and grass along the top.
    for face in (
        [(-0.47, 0.45), (-0.3, 0.3), (-0.26, 1.0), (-0.5, 1.0)],
        [(0.3, 0.25), (0.45, 0.4), (0.48, 1.0), (0.32, 1.0)],
    ):
        pen.polygon([(x + dx * size, top + dy * size) for dx, dy in face], dark, line=False)
    grass = canvas.lit((96, 168, 84))
    for dx, dy, r in ((-0.3, 0.06, 0.13), (-0.08, 0.0, 0.14), (0.14, 0.02, 0.13), (0.32, 0.1, 0.1)):
        pen.ellipse(
            (
                x + (dx - r) * size,
                top + (dy - r * 0.5) * size,
                x + (dx + r) * size,
                top + (dy + r * 0.5) * size,
            ),
            grass,
        )
    fall_shape = [(-0.15, 0.03), (0.15, 0.03), (0.2, 1.06), (-0.2, 1.06)]
    pen.polygon([(x + dx * size, top + dy * size) for dx, dy in fall_shape], shallow)
    if canvas.style.detail:
        for dx in (-0.1, -0.02, 0.07, 0.13):
            canvas.draw.line(
                [(x + dx * size, top + size * 0.12), (x + dx * size * 1.25, horizon)],
                fill=shine,
                width=max(1, round(u * 0.004)),
            )
    _draw_pool(canvas, water.pools[0], water)
    foam = canvas.lit((248, 252, 255))
    for dx in (-0.16, -0.05, 0.06, 0.16):
        s = size * 0.05
        fx, fy = x + dx * size, horizon + size * 0.07
        pen.ellipse((fx - s, fy - s * 0.7, fx + s, fy + s * 0.7), foam, line=False)


def draw_water(canvas: Canvas, water: _Water) -> None:
    """Paint planned water over the finished backdrop, before the cast steps in front."""
    if water.fall is not None:
        _draw_fall(canvas, water, water.fall)
    elif water.band is not None:
        _draw_river(canvas, water, water.band)
    else:
        for pool in water.pools:
            _draw_pool(canvas, pool, water)
