"""The sky of a scene: its gradient or bands, a cover's light burst, sun or moon, clouds.

Stars and planets belong to the space backdrop.
"""

from __future__ import annotations

import math

from PIL import Image, ImageChops, ImageDraw, ImageOps

from storygen.ai.offline.painter.canvas import SKIES, Canvas
from storygen.ai.offline.painter.colour import mix

# Weather that hides the sun behind grey cloud.
GREY_SKY = frozenset({"rain", "snow", "fog"})


def draw_sky(canvas: Canvas, horizon: float) -> None:
    top, bottom = SKIES[canvas.time]
    if GREY_SKY & set(canvas.weather) and canvas.time != "space":
        top, bottom = mix(top, (150, 156, 170), 0.6), mix(bottom, (196, 200, 210), 0.6)
    if canvas.style.name == "fantasy art" and canvas.time not in {"night", "space"}:
        top = mix(top, (150, 100, 200), 0.35)
    bands = canvas.style.sky_bands
    if bands == 1:
        canvas.draw.rectangle((0, 0, canvas.width, canvas.height), fill=mix(top, bottom, 0.55))
    else:
        gradient = Image.linear_gradient("L").resize((1, 256))
        column = ImageOps.colorize(gradient, top, bottom)
        if bands:
            column = column.resize((1, bands), Image.Resampling.BOX).resize(
                (1, 256), Image.Resampling.NEAREST
            )
        span = max(2, round(horizon * 1.08))
        sky = column.resize((canvas.width, span), Image.Resampling.BILINEAR)
        canvas.image.paste(sky, (0, 0))
        if span < canvas.height:
            canvas.draw.rectangle((0, span, canvas.width, canvas.height), fill=bottom)
    if canvas.rays is not None and canvas.style.detail:
        _rays(canvas, canvas.rays)


def draw_sky_objects(canvas: Canvas, horizon: float) -> None:
    rng, u = canvas.rng, canvas.unit
    style = canvas.style
    if canvas.time in {"night", "space"}:
        count = 0 if style.detail == 0 else (160 if canvas.time == "space" else 70)
        for _ in range(count):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, horizon * 0.95)
            size = u * rng.choice((0.0025, 0.0035, 0.005))
            # The sky behind the text is a darker, emptier patch of night: a few stars only.
            if canvas.in_text_area(x, y) and rng.random() < 0.85:
                continue
            canvas.draw.ellipse(
                (x - size, y - size, x + size, y + size),
                fill=(255, 250, 220) if rng.random() < 0.8 else (200, 220, 255),
            )
    # Sun or moon, somewhere away from the text; on a crowded sky there is none.
    radius = u * (0.07 if canvas.time != "sunset" else 0.09)
    place = None
    for _ in range(30):
        x = rng.uniform(0.08, 0.92) * canvas.width
        y = (
            rng.uniform(0.12, 0.7) * horizon
            if canvas.time not in {"sunset", "dawn"}
            else horizon * rng.uniform(0.5, 0.85)
        )
        if canvas.free((x - radius * 1.6, y - radius * 1.6, x + radius * 1.6, y + radius * 1.6)):
            place = (x, y)
            break
    if place is not None and canvas.sky_lights and not GREY_SKY & set(canvas.weather):
        _sun_or_moon(canvas, place, radius)
    _clouds_and_birds(canvas, horizon)


def _sun_or_moon(canvas: Canvas, place: tuple[float, float], radius: float) -> None:
    x, y = place
    style = canvas.style
    if canvas.time in {"night", "space"}:
        canvas.draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(250, 244, 214))
        shadow = SKIES[canvas.time][0]
        offset = radius * 0.45
        canvas.draw.ellipse(
            (
                x - radius + offset,
                y - radius - offset * 0.3,
                x + radius + offset,
                y + radius - offset * 0.3,
            ),
            fill=shadow,
        )
    else:
        glow = {"sunset": (255, 190, 120), "dawn": (255, 214, 170)}.get(
            canvas.time, (255, 246, 196)
        )
        core = {"sunset": (255, 132, 64), "dawn": (255, 180, 120)}.get(canvas.time, (255, 220, 80))
        if style.detail:
            sky_here = SKIES[canvas.time][1]
            for step, grow in enumerate((1.9, 1.55, 1.25)):
                halo = mix(sky_here, glow, 0.3 + step * 0.2)
                rr = radius * grow
                canvas.draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=halo)
        canvas.draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=core)
    canvas.blocked.append((x - radius, y - radius, x + radius, y + radius))


def _clouds_and_birds(canvas: Canvas, horizon: float) -> None:
    rng, u = canvas.rng, canvas.unit
    style = canvas.style
    if canvas.time not in {"night", "space"} and style.detail:
        for _ in range(rng.randint(2, 4) + (3 if GREY_SKY & set(canvas.weather) else 0)):
            _cloud(
                canvas,
                rng.uniform(0, canvas.width),
                rng.uniform(0.12, 0.7) * horizon,
                u * rng.uniform(0.06, 0.1),
            )
        if rng.random() < 0.6:
            for _ in range(rng.randint(2, 4)):
                bx, by = rng.uniform(0.1, 0.9) * canvas.width, rng.uniform(0.15, 0.6) * horizon
                if canvas.free((bx - u * 0.02, by - u * 0.01, bx + u * 0.02, by + u * 0.01)):
                    s = u * 0.014
                    canvas.draw.line(
                        [(bx - s, by - s * 0.6), (bx, by), (bx + s, by - s * 0.6)],
                        fill=(60, 60, 80),
                        width=max(1, round(u * 0.003)),
                    )


def _cloud(canvas: Canvas, x: float, y: float, size: float) -> None:
    box = (x - size * 1.6, y - size, x + size * 1.6, y + size * 0.5)
    if not canvas.free(box):
        return
    white = canvas.lit((255, 255, 255))
    shade = mix(white, SKIES[canvas.time][0], 0.25)
    pen = canvas.pen
    for dx, dy, r in ((-1.0, 0.1, 0.55), (1.0, 0.1, 0.55), (-0.4, -0.25, 0.7), (0.45, -0.15, 0.65)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                y + dy * size - r * size + size * 0.08,
                x + dx * size + r * size,
                y + dy * size + r * size + size * 0.08,
            ),
            shade,
            line=False,
        )
    for dx, dy, r in ((-1.0, 0.1, 0.5), (1.0, 0.1, 0.5), (-0.4, -0.25, 0.65), (0.45, -0.15, 0.6)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                y + dy * size - r * size,
                x + dx * size + r * size,
                y + dy * size + r * size,
            ),
            white,
            line=False,
        )


def _rays(canvas: Canvas, centre: tuple[float, float]) -> None:
    """The cover's burst of light behind the cast, fading out before it reaches the text."""
    sky = SKIES[canvas.time][1]
    light = mix(sky, (255, 250, 220), 0.35)
    cx, cy = centre
    reach = math.hypot(canvas.width, canvas.height)
    if canvas.region is not None:
        x0, y0, x1, y1 = canvas.region
        reach = math.hypot(max(x0 - cx, 0.0, cx - x1), max(y0 - cy, 0.0, cy - y1))
    if reach < canvas.unit * 0.2:
        return
    mask = Image.new("L", canvas.image.size, 0)
    draw = ImageDraw.Draw(mask)
    for index in range(0, 16, 2):
        a0 = math.radians(index * 22.5 + 5)
        a1 = math.radians(index * 22.5 + 16)
        draw.polygon(
            [
                (cx, cy),
                (cx + math.cos(a0) * reach, cy + math.sin(a0) * reach),
                (cx + math.cos(a1) * reach, cy + math.sin(a1) * reach),
            ],
            fill=255,
        )
    # Full strength at the centre, nothing left at ``reach``.
    side = max(2, round(reach * 2))
    fade = ImageOps.invert(Image.radial_gradient("L").resize((side, side)))
    falloff = Image.new("L", canvas.image.size, 0)
    falloff.paste(fade, (round(cx - side / 2), round(cy - side / 2)))
    mask = ImageChops.multiply(mask, falloff)
    canvas.image.paste(light, (0, 0, *canvas.image.size), mask)
