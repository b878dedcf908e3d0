"""Backdrops of working places outdoors: the farm and the school seen from its playground.

Indoor rooms are in ``backdrops_built``.
"""

from __future__ import annotations

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.colour import RGB, shaded
from storygen.ai.offline.painter.scenery import draw_bush, draw_flower, draw_ridge, reserve, scatter
from storygen.ai.offline.painter.sky import draw_sky, draw_sky_objects

#: The barn's red, the colour a farm picture is recognised by.
BARN_RED: RGB = (190, 52, 42)
#: The school's brick and its playground.
SCHOOL_BRICK: RGB = (196, 98, 72)
PLAYGROUND: RGB = (176, 176, 182)


def farm_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    barn = reserve(
        canvas,
        min(u * 0.32, horizon * 0.8),
        lambda x, s: (x - s * 0.6, horizon - s, x + s * 0.6, horizon + u * 0.02),
    )
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon * 0.7)
    # Fields in stripes up the far hill: wheat and green.
    draw_ridge(canvas, horizon - u * 0.02, u * 0.05, (226, 196, 96), waves=1.0)
    draw_ridge(canvas, horizon, u * 0.04, (140, 190, 96), waves=1.3)
    draw_ridge(canvas, horizon + u * 0.015, u * 0.03, (220, 186, 90), waves=0.8)
    if barn is not None:
        _barn(canvas, *barn, horizon + u * 0.02)
    draw_ridge(canvas, horizon + u * 0.04, u * 0.015, (120, 184, 88), waves=1.1)
    _fence(canvas, horizon + u * 0.07)

    def hay(x: float, y: float, s: float) -> None:
        canvas.pen.rounded(
            (x - s * 0.5, y - s * 0.6, x + s * 0.5, y), s * 0.2, canvas.lit((232, 196, 96))
        )
        canvas.draw.line(
            [(x - s * 0.4, y - s * 0.3), (x + s * 0.4, y - s * 0.3)],
            fill=canvas.lit((200, 160, 70)),
            width=max(1, round(s * 0.05)),
        )

    scatter(
        canvas,
        8,
        (horizon + u * 0.12, canvas.height),
        [
            hay,
            lambda x, y, s: draw_flower(canvas, x, y, s * 0.7),
            lambda x, y, s: draw_bush(canvas, x, y, s, (90, 160, 70)),
        ],
        u * 0.07,
    )


def _barn(canvas: Canvas, x: float, size: float, base: float) -> None:
    pen = canvas.pen
    red, roof, trim = canvas.lit(BARN_RED), canvas.lit((110, 44, 40)), canvas.lit((248, 246, 240))
    w = size * 0.5
    pen.polygon(
        [
            (x - w * 1.12, base - size * 0.55),
            (x, base - size * 0.98),
            (x + w * 1.12, base - size * 0.55),
        ],
        roof,
    )
    pen.rounded((x - w, base - size * 0.6, x + w, base), 0, red)
    door = (x - w * 0.38, base - size * 0.36, x + w * 0.38, base)
    pen.rounded(door, 0, shaded(red, 0.85))
    width = max(1, round(size * 0.025))
    canvas.draw.rectangle(door, outline=trim, width=width)
    canvas.draw.line([door[:2], door[2:]], fill=trim, width=width)
    canvas.draw.line([(door[0], door[3]), (door[2], door[1])], fill=trim, width=width)
    canvas.draw.ellipse(
        (x - w * 0.14, base - size * 0.8, x + w * 0.14, base - size * 0.66), fill=trim
    )


def _fence(canvas: Canvas, base: float) -> None:
    """A wooden fence across the farm, broken where it would cross the text area."""
    u = canvas.unit
    wood = canvas.lit((176, 128, 80))
    h = u * 0.07
    step = u * 0.07
    x = -step / 2
    while x < canvas.width:
        segment = (x, base - h, x + step, base)
        if canvas.free(segment, behind_cast=True):
            for rail in (0.3, 0.65):
                canvas.draw.rectangle(
                    (x, base - h * rail - h * 0.06, x + step, base - h * rail + h * 0.06), fill=wood
                )
            canvas.pen.rounded(
                (x - u * 0.006, base - h, x + u * 0.006, base + u * 0.004), u * 0.003, wood
            )
        x += step


def school_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    school = reserve(
        canvas,
        min(u * 0.36, horizon * 0.85),
        lambda x, s: (x - s * 0.8, horizon - s * 1.05, x + s * 1.05, horizon + u * 0.02),
    )
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon * 0.7)
    draw_ridge(canvas, horizon, u * 0.02, (120, 180, 96), waves=1.0)
    for _ in range(4 if canvas.style.detail else 1):
        tx = canvas.rng.uniform(0, canvas.width)
        if canvas.free(
            (tx - u * 0.05, horizon - u * 0.08, tx + u * 0.05, horizon), behind_cast=True
        ):
            draw_bush(canvas, tx, horizon + u * 0.01, u * 0.07, (80, 150, 80))
    if school is not None:
        _school(canvas, *school, horizon + u * 0.02)
    top = horizon + u * 0.04
    canvas.draw.rectangle((0, top, canvas.width, canvas.height), fill=canvas.lit(PLAYGROUND))
    canvas.draw.line(
        [(0, top), (canvas.width, top)],
        fill=canvas.lit((120, 180, 96)),
        width=max(2, round(u * 0.012)),
    )
    # Hopscotch squares chalked on the playground, clear of the text and the cast.
    side = u * 0.05
    for _ in range(6):
        hx = canvas.rng.uniform(0.05, 0.8) * canvas.width
        hy = canvas.rng.uniform(top + u * 0.04, canvas.height - side * 4)
        box = (hx - side, hy, hx + side * 2, hy + side * 3)
        if canvas.free(box):
            chalk = canvas.lit((246, 246, 240))
            for row, cols in enumerate((1, 2, 1)):
                for col in range(cols):
                    left = hx + (col - cols / 2 + 0.5) * side
                    canvas.draw.rectangle(
                        (left, hy + row * side, left + side, hy + (row + 1) * side),
                        outline=chalk,
                        width=max(1, round(u * 0.003)),
                    )
            canvas.blocked.append(box)
            break


def _school(canvas: Canvas, x: float, size: float, base: float) -> None:
    pen = canvas.pen
    brick = canvas.lit(SCHOOL_BRICK)
    w = size * 0.8
    pen.rounded((x - w, base - size * 0.62, x + w, base), 0, brick)
    pen.polygon(
        [
            (x - w * 0.35, base - size * 0.62),
            (x, base - size * 0.9),
            (x + w * 0.35, base - size * 0.62),
        ],
        brick,
    )
    pen.ellipse(
        (x - size * 0.07, base - size * 0.83, x + size * 0.07, base - size * 0.69),
        canvas.lit((250, 250, 246)),
    )
    canvas.draw.line(
        [(x, base - size * 0.76), (x, base - size * 0.81)],
        fill=(40, 40, 50),
        width=max(1, round(size * 0.012)),
    )
    canvas.draw.line(
        [(x, base - size * 0.76), (x + size * 0.04, base - size * 0.76)],
        fill=(40, 40, 50),
        width=max(1, round(size * 0.012)),
    )
    glass = canvas.lit((200, 228, 246))
    frame = canvas.lit((250, 250, 246))
    for row in range(2):
        for col in range(6):
            if row == 1 and col in {2, 3}:
                continue
            wx = x - w + (col + 0.5) * (2 * w / 6)
            wy = base - size * (0.5 - row * 0.24)
            pen.rounded(
                (wx - size * 0.06, wy - size * 0.07, wx + size * 0.06, wy + size * 0.07), 0, glass
            )
            canvas.draw.rectangle(
                (wx - size * 0.06, wy - size * 0.07, wx + size * 0.06, wy + size * 0.07),
                outline=frame,
                width=max(1, round(size * 0.012)),
            )
    pen.rounded(
        (x - size * 0.12, base - size * 0.26, x + size * 0.12, base),
        size * 0.02,
        canvas.lit((60, 100, 170)),
    )
    # The flag on its pole beside the door.
    px = x + w + size * 0.12
    canvas.draw.line(
        [(px, base), (px, base - size)], fill=(90, 90, 100), width=max(1, round(size * 0.015))
    )
    pen.polygon(
        [(px, base - size), (px + size * 0.2, base - size * 0.93), (px, base - size * 0.86)],
        canvas.lit((230, 60, 60)),
    )
