"""Backdrops by or in water, and in space: seaside, sea bed and planets.

Ponds, rivers and waterfalls added to a land backdrop are in ``water``.
"""

from __future__ import annotations

import itertools
import math

from PIL import Image, ImageOps

from storygen.ai.offline.painter.canvas import SKIES, Canvas
from storygen.ai.offline.painter.colour import RGB, mix, shaded
from storygen.ai.offline.painter.scenery import draw_ridge, draw_rock, reserve, scatter
from storygen.ai.offline.painter.sky import draw_sky, draw_sky_objects

#: The jetty's planks the cast stands on at sea.
JETTY: RGB = (150, 104, 64)


def water_band(beach: bool, horizon: float, feet: float, unit: float) -> tuple[float, float]:
    """The open water's top and bottom: a strip behind the sand on a beach, the whole view
    down to the jetty at sea."""
    sea_line = horizon - unit * 0.04
    if beach:
        return sea_line, sea_line + (feet - sea_line) * 0.38
    return sea_line, feet - unit * 0.05


def sea_backdrop(canvas: Canvas, horizon: float, feet: float, beach: bool = True) -> None:
    """The seaside: the sand in front on a beach; open water and a jetty at sea."""
    u = canvas.unit
    rng = canvas.rng
    sea_line, shore = water_band(beach, horizon, feet, u)
    rock_line = shore if beach else sea_line + (shore - sea_line) * 0.3
    lighthouse = reserve(
        canvas,
        min(u * (0.42 if beach else 0.28), (rock_line - u * 0.03) / 1.12),
        lambda x, s: (x - s * 0.3, rock_line - s * 1.1, x + s * 0.3, rock_line),
    )
    draw_sky(canvas, sea_line)
    draw_sky_objects(canvas, sea_line)
    sea_top, sea_near = canvas.lit((60, 138, 196)), canvas.lit((84, 170, 210))
    band = Image.linear_gradient("L").resize((1, 64))
    water = ImageOps.colorize(band, sea_top, sea_near).resize(
        (canvas.width, max(1, round(shore - sea_line) + 2))
    )
    canvas.image.paste(water, (0, round(sea_line)))
    for _ in range(18 if canvas.style.detail else 4):
        x = rng.uniform(0, canvas.width)
        y = rng.uniform(sea_line + u * 0.02, shore - u * 0.01)
        w = u * rng.uniform(0.03, 0.06)
        if canvas.free((x - w, y - w, x + w, y)):
            canvas.draw.arc(
                (x - w, y - w * 0.4, x + w, y + w * 0.4),
                200,
                340,
                fill=canvas.lit((226, 244, 250)),
                width=max(1, round(u * 0.004)),
            )
    if lighthouse is not None:
        # The lighthouse on its rock.
        x, size = lighthouse
        base = rock_line - u * 0.01
        canvas.pen.ellipse(
            (x - size * 0.28, base - size * 0.12, x + size * 0.28, base + size * 0.06),
            canvas.lit((120, 112, 110)),
        )
        top_w, bottom_w = size * 0.07, size * 0.11
        tower_top = base - size * 0.85
        canvas.pen.polygon(
            [
                (x - bottom_w, base - size * 0.06),
                (x + bottom_w, base - size * 0.06),
                (x + top_w, tower_top),
                (x - top_w, tower_top),
            ],
            canvas.lit((246, 244, 240)),
        )
        for stripe in range(2):
            y0 = base - size * (0.2 + stripe * 0.3)
            y1 = y0 - size * 0.14
            t0 = (base - y0) / (base - tower_top)
            t1 = (base - y1) / (base - tower_top)
            w0 = bottom_w + (top_w - bottom_w) * t0
            w1 = bottom_w + (top_w - bottom_w) * t1
            canvas.pen.polygon(
                [(x - w0, y0), (x + w0, y0), (x + w1, y1), (x - w1, y1)], canvas.lit((214, 64, 56))
            )
        lamp_colour = (255, 236, 140) if canvas.time in {"night", "sunset"} else (250, 250, 220)
        canvas.pen.rounded(
            (x - top_w * 0.9, tower_top - size * 0.12, x + top_w * 0.9, tower_top),
            size * 0.01,
            lamp_colour,
        )
        canvas.pen.polygon(
            [
                (x - top_w * 1.3, tower_top - size * 0.12),
                (x + top_w * 1.3, tower_top - size * 0.12),
                (x, tower_top - size * 0.22),
            ],
            canvas.lit((200, 60, 56)),
        )
        if canvas.time == "night" and canvas.style.detail:
            beam = mix(SKIES[canvas.time][0], (255, 240, 170), 0.3)
            side = 1 if x < canvas.width / 2 else -1
            canvas.draw.polygon(
                [
                    (x, tower_top - size * 0.06),
                    (x + side * canvas.width * 0.5, tower_top - size * 0.3),
                    (x + side * canvas.width * 0.5, tower_top + size * 0.1),
                ],
                fill=beam,
            )
    # Little boats, more of them out at sea.
    for _ in range((1 if beach else 3) if canvas.style.detail else 0):
        bw = u * (0.06 if beach else rng.uniform(0.05, 0.08))
        for _ in range(6):
            bx = rng.uniform(0.1, 0.9) * canvas.width
            by = sea_line + (shore - sea_line) * rng.uniform(0.25, 0.6)
            if canvas.free((bx - bw, by - bw * 1.6, bx + bw, by)):
                canvas.pen.polygon(
                    [
                        (bx - bw, by - bw * 0.3),
                        (bx + bw, by - bw * 0.3),
                        (bx + bw * 0.7, by),
                        (bx - bw * 0.7, by),
                    ],
                    canvas.lit((150, 90, 60)),
                )
                canvas.pen.polygon(
                    [(bx, by - bw * 0.35), (bx, by - bw * 1.6), (bx + bw * 0.8, by - bw * 0.4)],
                    canvas.lit((250, 248, 240)),
                )
                canvas.blocked.append((bx - bw, by - bw * 1.6, bx + bw, by))
                break
    if not beach:
        _jetty(canvas, shore)
        return
    # The ridge lights its colour: the sand is given as it is by day.
    draw_ridge(canvas, shore, u * 0.012, (240, 218, 164), waves=1.5)
    canvas.draw.line(
        [(0, shore - u * 0.005), (canvas.width, shore - u * 0.005)],
        fill=canvas.lit((236, 248, 250)),
        width=max(1, round(u * 0.006)),
    )

    def shell(x: float, y: float, s: float) -> None:
        canvas.pen.draw.pieslice(
            (x - s * 0.35, y - s * 0.5, x + s * 0.35, y + s * 0.1),
            180,
            360,
            fill=canvas.lit((250, 200, 190)),
        )

    def starfish(x: float, y: float, s: float) -> None:
        pts = []
        for index in range(10):
            angle = -math.pi / 2 + index * math.pi / 5
            reach = s * (0.4 if index % 2 == 0 else 0.16)
            pts.append((x + math.cos(angle) * reach, y - s * 0.3 + math.sin(angle) * reach))
        canvas.pen.polygon(pts, canvas.lit((246, 140, 80)))

    scatter(
        canvas,
        10,
        (shore + u * 0.05, canvas.height),
        [shell, starfish, lambda x, y, s: draw_rock(canvas, x, y, s, (170, 160, 150))],
        u * 0.05,
    )


def _jetty(canvas: Canvas, top: float) -> None:
    """Wooden planks from ``top`` to the bottom of the picture, on posts in the water."""
    u = canvas.unit
    wood = canvas.lit(JETTY)
    canvas.draw.rectangle((0, top, canvas.width, canvas.height), fill=wood)
    canvas.draw.rectangle((0, top, canvas.width, top + u * 0.012), fill=shaded(wood, 1.15))
    step = u * 0.09
    for index in range(int(canvas.width / step) + 1):
        x = index * step
        canvas.draw.line(
            [(x, top + u * 0.012), (x, canvas.height)],
            fill=shaded(wood, 0.8),
            width=max(1, round(u * 0.003)),
        )


def _planet(canvas: Canvas, place: tuple[float, float], radius: float, colour: RGB) -> None:
    """A ringed planet."""
    px, py = place
    canvas.pen.ellipse((px - radius, py - radius, px + radius, py + radius), colour)
    canvas.draw.chord(
        (px - radius, py - radius, px + radius, py + radius), 200, 340, fill=shaded(colour, 1.2)
    )
    canvas.draw.ellipse(
        (px - radius * 1.8, py - radius * 0.35, px + radius * 1.8, py + radius * 0.35),
        outline=(246, 226, 170),
        width=max(2, round(canvas.unit * 0.008)),
    )
    canvas.blocked.append((px - radius * 1.8, py - radius, px + radius * 1.8, py + radius))


def space_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    rocket = reserve(
        canvas,
        min(u * 0.34, horizon * 0.85),
        lambda x, s: (x - s * 0.22, horizon - s, x + s * 0.22, horizon + u * 0.04),
    )
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon)
    # A ringed planet.
    radius = u * rng.uniform(0.08, 0.12)
    planet: tuple[float, float] | None = None
    for _ in range(15):
        px, py = rng.uniform(0.12, 0.88) * canvas.width, rng.uniform(0.15, 0.7) * horizon
        if canvas.free((px - radius * 1.8, py - radius, px + radius * 1.8, py + radius)):
            planet = (px, py)
            break
    colour = rng.choice(((236, 150, 90), (150, 120, 230), (110, 200, 190)))
    if planet is not None:
        _planet(canvas, planet, radius, colour)
    ground = canvas.lit((150, 140, 170))
    draw_ridge(canvas, horizon, u * 0.03, ground, waves=2.0)
    if rocket is not None and "rocket" not in canvas.props:
        x, size = rocket
        base = horizon + u * 0.03
        body = (240, 240, 246)
        canvas.pen.polygon(
            [
                (x - size * 0.2, base),
                (x - size * 0.08, base - size * 0.35),
                (x - size * 0.08, base - size * 0.1),
            ],
            (214, 70, 70),
        )
        canvas.pen.polygon(
            [
                (x + size * 0.2, base),
                (x + size * 0.08, base - size * 0.35),
                (x + size * 0.08, base - size * 0.1),
            ],
            (214, 70, 70),
        )
        canvas.pen.ellipse((x - size * 0.12, base - size * 1.0, x + size * 0.12, base), body)
        canvas.pen.ellipse(
            (x - size * 0.06, base - size * 0.7, x + size * 0.06, base - size * 0.58),
            (110, 200, 240),
        )

    def crater(x: float, y: float, s: float) -> None:
        canvas.pen.ellipse(
            (x - s * 0.6, y - s * 0.25, x + s * 0.6, y + s * 0.05), shaded(ground, 0.82)
        )

    def crystal(x: float, y: float, s: float) -> None:
        glow = rng.choice(((120, 240, 230), (240, 140, 240), (140, 180, 255)))
        canvas.pen.polygon([(x - s * 0.2, y), (x, y - s * 0.8), (x + s * 0.2, y)], glow)
        canvas.pen.polygon(
            [(x + s * 0.1, y), (x + s * 0.3, y - s * 0.5), (x + s * 0.4, y)], shaded(glow, 0.85)
        )

    scatter(canvas, 10, (horizon + u * 0.06, canvas.height), [crater, crater, crystal], u * 0.07)


def _shaft_crosses_text(canvas: Canvas, x: float, w: float, bottom: float) -> bool:
    """Whether a light shaft from the surface at ``x`` down to ``bottom`` crosses the text."""
    region = canvas.region
    if region is None or region[1] >= bottom:
        return False
    u = canvas.unit

    def span(y: float) -> tuple[float, float]:
        t = y / bottom
        return x - w + t * u * 0.2, x + w + t * (2 * w + u * 0.2)

    (a0, a1), (b0, b1) = span(max(0.0, region[1])), span(min(bottom, region[3]))
    return min(a0, b0) < region[2] and max(a1, b1) > region[0]


def underwater_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    deep = (18, 70, 120) if canvas.time != "night" else (10, 30, 70)
    light = (90, 186, 214) if canvas.time != "night" else (40, 90, 140)
    gradient = Image.linear_gradient("L").resize((1, 128))
    water = ImageOps.colorize(gradient, light, deep)
    if canvas.style.sky_bands:
        water = water.resize((1, max(1, canvas.style.sky_bands)), Image.Resampling.BOX).resize(
            (1, 128), Image.Resampling.NEAREST
        )
    canvas.image.paste(
        water.resize((canvas.width, canvas.height), Image.Resampling.BILINEAR), (0, 0)
    )
    if canvas.style.detail:
        ray = mix(light, (220, 250, 255), 0.25)
        for _ in range(4):
            x = rng.uniform(0, canvas.width)
            w = u * rng.uniform(0.03, 0.07)
            if _shaft_crosses_text(canvas, x, w, horizon):
                continue
            canvas.draw.polygon(
                [
                    (x - w, 0),
                    (x + w, 0),
                    (x + w * 3 + u * 0.2, horizon),
                    (x + u * 0.2 - w, horizon),
                ],
                fill=mix(ray, deep, 0.25),
            )
    sand = (226, 206, 160)
    draw_ridge(canvas, horizon + u * 0.04, u * 0.03, sand, waves=1.3)

    def seaweed(x: float, y: float, s: float) -> None:
        green = (60, 150, 90) if rng.random() < 0.6 else (96, 170, 80)
        for offset in (-0.12, 0.1):
            points = [
                (x + offset * s + math.sin(i * 0.9 + offset * 9) * s * 0.14, y - i * s * 0.34)
                for i in range(7)
            ]
            for a, b in itertools.pairwise(points):
                canvas.pen.limb(a, b, s * 0.16, green)

    def coral(x: float, y: float, s: float) -> None:
        pink = rng.choice(((246, 120, 140), (250, 160, 90), (200, 110, 220)))
        for dx, top in ((-0.35, 0.65), (-0.12, 0.95), (0.15, 1.05), (0.36, 0.7)):
            tip = (x + dx * s, y - top * s)
            elbow = (x + dx * s * 0.4, y - top * s * 0.45)
            canvas.pen.limb((x, y), elbow, s * 0.2, pink)
            canvas.pen.limb(elbow, tip, s * 0.16, pink)
            r = s * 0.1
            canvas.pen.ellipse((tip[0] - r, tip[1] - r, tip[0] + r, tip[1] + r), shaded(pink, 1.15))

    def fish(x: float, y: float, s: float) -> None:
        colour = rng.choice(((250, 180, 60), (250, 120, 80), (120, 200, 250)))
        y -= s * 1.8
        canvas.pen.polygon(
            [(x + s * 0.3, y), (x + s * 0.6, y - s * 0.2), (x + s * 0.6, y + s * 0.2)], colour
        )
        canvas.pen.ellipse((x - s * 0.4, y - s * 0.2, x + s * 0.35, y + s * 0.2), colour)
        canvas.draw.ellipse(
            (x - s * 0.25, y - s * 0.07, x - s * 0.15, y + s * 0.03), fill=(30, 30, 40)
        )

    # A row of plants along the sea bed behind the cast, then a few in front.
    for index in range(9 if canvas.style.detail else 3):
        x = (index + rng.uniform(0.2, 0.8)) * canvas.width / (9 if canvas.style.detail else 3)
        y = horizon + u * rng.uniform(0.03, 0.07)
        s = u * rng.uniform(0.1, 0.16)
        if canvas.free((x - s * 0.5, y - s * 2.2, x + s * 0.5, y), behind_cast=True):
            rng.choice((seaweed, coral))(x, y, s)
    scatter(canvas, 8, (horizon + u * 0.1, canvas.height), [seaweed, coral, coral, fish], u * 0.11)
    if canvas.style.detail:
        for _ in range(30):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, horizon)
            s = u * rng.uniform(0.004, 0.012)
            if canvas.free((x - s, y - s, x + s, y + s)):
                canvas.draw.ellipse(
                    (x - s, y - s, x + s, y + s),
                    outline=(220, 246, 255),
                    width=max(1, round(u * 0.002)),
                )
