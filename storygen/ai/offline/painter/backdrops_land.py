"""Backdrops on open land: meadow, forest, castle, desert, snow and garden.

The sea, space and built places have their own modules; the props they share are in
``scenery`` and the water they may hold in ``water``.
"""

from __future__ import annotations

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.scenery import (
    draw_bush,
    draw_flower,
    draw_ridge,
    draw_rock,
    draw_tree,
    reserve,
    scatter,
)
from storygen.ai.offline.painter.seasons import draw_blossom, grass_in, leaves_in
from storygen.ai.offline.painter.sky import draw_sky, draw_sky_objects


def meadow_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    tree = reserve(
        canvas,
        min(u * 0.3, horizon * 0.8),
        lambda x, s: (x - s * 0.5, horizon - s, x + s * 0.5, horizon + u * 0.05),
    )
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon)
    draw_ridge(canvas, horizon, u * 0.06, (150, 196, 140), waves=1.2)
    draw_ridge(canvas, horizon + u * 0.05, u * 0.04, (112, 182, 96), waves=2.0)
    if canvas.style.detail and tree is not None:
        draw_tree(canvas, tree[0], horizon + u * 0.06, tree[1])
    draw_ridge(canvas, horizon + u * 0.1, u * 0.025, (96, 168, 84), waves=1.0)
    r = canvas.rng
    scatter(
        canvas,
        14,
        (horizon + u * 0.12, canvas.height),
        [
            lambda x, y, s: draw_flower(canvas, x, y, s),
            lambda x, y, s: draw_flower(canvas, x, y, s),
            lambda x, y, s: draw_bush(canvas, x, y, s * 1.6, (70, 150, 70)),
            lambda x, y, s: draw_rock(canvas, x, y, s * r.uniform(0.8, 1.3)),
        ],
        u * 0.05,
    )


def forest_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon * 0.75)
    u = canvas.unit
    rng = canvas.rng
    far = canvas.lit(leaves_in((74, 128, 96), canvas.season, rng))
    for index in range(int(canvas.width / (u * 0.05)) + 2):
        x = index * u * 0.05 + rng.uniform(-u * 0.02, u * 0.02)
        size = min(u * rng.uniform(0.12, 0.2), horizon - canvas.ceiling(x, horizon))
        if size < u * 0.03:
            continue
        canvas.pen.polygon(
            [(x, horizon - size), (x + size * 0.32, horizon + 2), (x - size * 0.32, horizon + 2)],
            far,
            line=False,
        )
    canvas.draw.rectangle(
        (0, horizon, canvas.width, canvas.height),
        fill=canvas.lit(grass_in((104, 168, 88), canvas.season)),
    )
    trees = []
    for _ in range(16 if canvas.style.detail else 4):
        size = min(u * rng.uniform(0.26, 0.44), horizon * 0.95)
        ground = horizon + rng.uniform(0.0, 0.07) * u
        trees.append((ground, rng.uniform(0, 1) * canvas.width, size, rng.random()))
    for ground, x, size, pick in sorted(trees):
        # Trees stand behind the cast, but never in the text area.
        if canvas.free(
            (x - size * 0.45, ground - size * 1.1, x + size * 0.45, ground), behind_cast=True
        ):
            draw_tree(canvas, x, ground, size, "round" if pick < 0.35 else "pine")
    draw_ridge(canvas, horizon + u * 0.09, u * 0.02, (92, 160, 78), waves=1.0)

    def mushroom(x: float, y: float, s: float) -> None:
        canvas.pen.rounded(
            (x - s * 0.12, y - s * 0.45, x + s * 0.12, y), s * 0.05, canvas.lit((246, 236, 220))
        )
        canvas.pen.draw.chord(
            (x - s * 0.4, y - s * 0.8, x + s * 0.4, y - s * 0.2),
            180,
            360,
            fill=canvas.lit((220, 60, 50)),
        )
        canvas.draw.ellipse(
            (x - s * 0.08, y - s * 0.66, x + s * 0.04, y - s * 0.56), fill=(255, 255, 255)
        )

    scatter(
        canvas,
        12,
        (horizon + u * 0.12, canvas.height),
        [
            mushroom,
            lambda x, y, s: draw_bush(canvas, x, y, s * 1.5, (56, 130, 70)),
            lambda x, y, s: draw_flower(canvas, x, y, s),
        ],
        u * 0.05,
    )


def castle_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    castle = reserve(
        canvas,
        min(u * 0.4, horizon * 0.72),
        lambda x, s: (x - s * 0.5, horizon - s * 1.3, x + s * 0.5, horizon),
    )
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon * 0.7)
    draw_ridge(canvas, horizon, u * 0.05, (150, 196, 140), waves=1.0)
    if castle is not None:
        x, size = castle
        base = horizon + u * 0.01
        stone = canvas.lit((214, 206, 196))
        roof = canvas.lit((90, 100, 190))
        pen = canvas.pen
        pen.rounded((x - size * 0.3, base - size * 0.45, x + size * 0.3, base), 0, stone)
        for index in range(6):
            bx = x - size * 0.3 + index * size * 0.11
            pen.draw.rectangle(
                (bx, base - size * 0.5, bx + size * 0.055, base - size * 0.45), fill=stone
            )
        for side in (-1, 1):
            tx = x + side * size * 0.36
            pen.rounded((tx - size * 0.08, base - size * 0.7, tx + size * 0.08, base), 0, stone)
            pen.polygon(
                [
                    (tx - size * 0.11, base - size * 0.7),
                    (tx + size * 0.11, base - size * 0.7),
                    (tx, base - size * 0.95),
                ],
                roof,
            )
        pen.rounded(
            (x - size * 0.1, base - size * 0.85, x + size * 0.1, base - size * 0.4), 0, stone
        )
        pen.polygon(
            [
                (x - size * 0.13, base - size * 0.85),
                (x + size * 0.13, base - size * 0.85),
                (x, base - size * 1.15),
            ],
            roof,
        )
        pen.draw.line(
            [(x, base - size * 1.15), (x, base - size * 1.28)],
            fill=(80, 70, 70),
            width=max(1, round(u * 0.003)),
        )
        pen.polygon(
            [(x, base - size * 1.28), (x + size * 0.1, base - size * 1.24), (x, base - size * 1.2)],
            (230, 70, 70),
            line=False,
        )
        pen.draw.chord(
            (x - size * 0.08, base - size * 0.24, x + size * 0.08, base + size * 0.05),
            180,
            360,
            fill=canvas.lit((110, 80, 60)),
        )
        if canvas.style.detail:
            window = (
                (255, 220, 120) if canvas.time in {"night", "sunset"} else canvas.lit((90, 90, 120))
            )
            for wx in (x - size * 0.18, x + size * 0.18, x):
                wy = base - size * (0.3 if wx != x else 0.65)
                pen.draw.rounded_rectangle(
                    (wx - size * 0.025, wy - size * 0.05, wx + size * 0.025, wy + size * 0.03),
                    radius=size * 0.02,
                    fill=window,
                )
    draw_ridge(canvas, horizon + u * 0.06, u * 0.03, (110, 178, 96), waves=1.4)
    scatter(
        canvas,
        10,
        (horizon + u * 0.1, canvas.height),
        [
            lambda x, y, s: draw_flower(canvas, x, y, s),
            lambda x, y, s: draw_bush(canvas, x, y, s * 1.5, (70, 150, 70)),
            lambda x, y, s: draw_rock(canvas, x, y, s),
        ],
        u * 0.05,
    )


def desert_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    pyramid = reserve(
        canvas, min(u * 0.2, horizon), lambda x, s: (x - s, horizon - s * 0.8, x + s, horizon)
    )
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon)
    if canvas.style.detail and pyramid is not None:
        x, size = pyramid
        canvas.pen.polygon(
            [(x - size, horizon + 2), (x, horizon - size * 0.8), (x + size, horizon + 2)],
            canvas.lit((226, 186, 120)),
        )
        canvas.pen.polygon(
            [(x, horizon - size * 0.8), (x + size, horizon + 2), (x + size * 0.35, horizon + 2)],
            canvas.lit((196, 150, 96)),
            line=False,
        )
    draw_ridge(canvas, horizon, u * 0.03, (240, 206, 140), waves=1.3)
    draw_ridge(canvas, horizon + u * 0.06, u * 0.04, (232, 190, 120), waves=0.9)

    def cactus(x: float, y: float, s: float) -> None:
        green = canvas.lit((80, 150, 90))
        canvas.pen.rounded((x - s * 0.12, y - s * 1.1, x + s * 0.12, y), s * 0.12, green)
        canvas.pen.rounded((x - s * 0.42, y - s * 0.75, x - s * 0.22, y - s * 0.35), s * 0.1, green)
        canvas.pen.rounded(
            (x - s * 0.42, y - s * 0.45, x - s * 0.05, y - s * 0.32), s * 0.06, green
        )
        canvas.pen.rounded((x + s * 0.22, y - s * 0.9, x + s * 0.42, y - s * 0.5), s * 0.1, green)
        canvas.pen.rounded((x + s * 0.05, y - s * 0.6, x + s * 0.42, y - s * 0.47), s * 0.06, green)

    scatter(
        canvas,
        7,
        (horizon + u * 0.08, canvas.height),
        [cactus, cactus, lambda x, y, s: draw_rock(canvas, x, y, s * 0.6, (190, 140, 100))],
        u * 0.1,
    )


def snow_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon * 0.6)
    u = canvas.unit
    rng = canvas.rng
    peaks = canvas.lit((140, 150, 184))
    cap = canvas.lit((250, 252, 255))
    for _ in range(3):
        size = u * rng.uniform(0.25, 0.4)
        x = rng.uniform(0, canvas.width)
        # A peak under the text is a lower one; its slopes keep out of the text area.
        size = min(size, horizon - canvas.ceiling(x, horizon))
        if size < u * 0.08:
            continue
        canvas.pen.polygon(
            [(x - size, horizon + 2), (x, horizon - size), (x + size, horizon + 2)], peaks
        )
        canvas.pen.polygon(
            [
                (x - size * 0.3, horizon - size * 0.7),
                (x, horizon - size),
                (x + size * 0.3, horizon - size * 0.7),
                (x + size * 0.1, horizon - size * 0.62),
                (x - size * 0.1, horizon - size * 0.7),
            ],
            cap,
        )
    draw_ridge(canvas, horizon, u * 0.03, (236, 242, 250), waves=1.2)
    # A snowy wood is full of pines, standing behind the cast; open snow has a few.
    pines = (16 if canvas.wooded else 6) if canvas.style.detail else 2
    for _ in range(pines):
        size = u * rng.uniform(0.18, 0.3)
        x = rng.uniform(0, canvas.width)
        ground = horizon + u * rng.uniform(0.0, 0.04)
        box = (x - size * 0.4, ground - size, x + size * 0.4, ground)
        if canvas.free(box, behind_cast=canvas.wooded):
            draw_tree(canvas, x, ground, size, "pine")
            canvas.pen.polygon(
                [
                    (x, ground - size * 1.05),
                    (x + size * 0.12, ground - size * 0.85),
                    (x - size * 0.12, ground - size * 0.85),
                ],
                cap,
                line=False,
            )
    draw_ridge(canvas, horizon + u * 0.08, u * 0.02, (244, 248, 255), waves=1.0)

    def snowman(x: float, y: float, s: float) -> None:
        white = canvas.lit((252, 252, 255))
        canvas.pen.ellipse((x - s * 0.35, y - s * 0.65, x + s * 0.35, y), white)
        canvas.pen.ellipse((x - s * 0.24, y - s * 1.05, x + s * 0.24, y - s * 0.58), white)
        canvas.draw.polygon(
            [(x, y - s * 0.84), (x + s * 0.22, y - s * 0.8), (x, y - s * 0.77)], fill=(244, 140, 50)
        )

    scatter(
        canvas,
        4,
        (horizon + u * 0.1, canvas.height),
        [snowman, lambda x, y, s: draw_rock(canvas, x, y, s * 0.5, (200, 210, 226))],
        u * 0.11,
    )
    if canvas.style.detail:
        flake = canvas.lit((255, 255, 255))
        for _ in range(90):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, canvas.height)
            s = u * rng.uniform(0.002, 0.005)
            if canvas.free((x - s, y - s, x + s, y + s)):
                canvas.draw.ellipse((x - s, y - s, x + s, y + s), fill=flake)


def _clear_stretches(canvas: Canvas, y: float) -> list[tuple[float, float]]:
    """The stretches of the row at ``y`` outside the text area, left to right."""
    region = canvas.region
    if region is None or not region[1] <= y <= region[3]:
        return [(0.0, float(canvas.width))]
    return [(a, b) for a, b in ((0.0, region[0]), (region[2], float(canvas.width))) if b > a]


def garden_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    shed = reserve(
        canvas,
        min(u * 0.2, horizon * 0.9),
        lambda x, s: (x - s * 0.55, horizon - s, x + s * 0.55, horizon),
    )
    draw_sky(canvas, horizon)
    draw_sky_objects(canvas, horizon * 0.8)
    draw_ridge(canvas, horizon, u * 0.04, (140, 196, 120), waves=1.0)
    # A hedge along the back of the garden, lower under the text.
    hedge = canvas.lit(leaves_in((64, 136, 70), canvas.season, canvas.rng))
    step = u * 0.05
    for index in range(int(canvas.width / step) + 2):
        hx = index * step
        r = min(u * 0.05, max(0.0, canvas.headroom(hx - step, hx + step, horizon) - u * 0.01))
        if r > u * 0.01:
            canvas.draw.ellipse(
                (hx - step * 0.7, horizon - r, hx + step * 0.7, horizon + r), fill=hedge
            )
            if canvas.season == "spring":
                draw_blossom(canvas, hx, horizon - r * 0.3, r * 0.7)
    if shed is not None:
        # The garden shed: a small wooden hut, not a farm's barn.
        x, size = shed
        base = horizon + u * 0.02
        pen = canvas.pen
        pen.rounded(
            (x - size * 0.4, base - size * 0.6, x + size * 0.4, base),
            0,
            canvas.lit((112, 160, 150)),
        )
        pen.polygon(
            [
                (x - size * 0.5, base - size * 0.58),
                (x, base - size * 0.95),
                (x + size * 0.5, base - size * 0.58),
            ],
            canvas.lit((96, 72, 60)),
        )
        pen.rounded(
            (x - size * 0.3, base - size * 0.42, x - size * 0.05, base),
            0,
            canvas.lit((80, 120, 112)),
        )
        pen.rounded(
            (x + size * 0.06, base - size * 0.45, x + size * 0.3, base - size * 0.25),
            0,
            canvas.lit((214, 236, 246)),
        )
    draw_ridge(canvas, horizon + u * 0.05, u * 0.02, (116, 184, 92), waves=1.6)
    # A fence along the field.
    fence_y = horizon + u * 0.1
    wood = canvas.lit((236, 222, 196))
    if canvas.style.detail:
        for index in range(int(canvas.width / (u * 0.06)) + 1):
            px = index * u * 0.06
            box = (px - u * 0.008, fence_y - u * 0.06, px + u * 0.008, fence_y)
            if canvas.free(box):
                canvas.draw.rectangle(box, fill=wood)
        for level in (0.045, 0.02):
            y = fence_y - u * level
            # The rails stop at the text area, as the posts do.
            for start, end in _clear_stretches(canvas, y):
                canvas.draw.line([(start, y), (end, y)], fill=wood, width=max(1, round(u * 0.006)))

    def sunflower(x: float, y: float, s: float) -> None:
        canvas.draw.line(
            [(x, y), (x, y - s * 1.3)],
            fill=canvas.lit((80, 150, 70)),
            width=max(1, round(s * 0.08)),
        )
        canvas.pen.ellipse(
            (x - s * 0.3, y - s * 1.6, x + s * 0.3, y - s * 1.0), canvas.lit((250, 200, 40))
        )
        canvas.pen.ellipse(
            (x - s * 0.13, y - s * 1.43, x + s * 0.13, y - s * 1.17), canvas.lit((120, 76, 40))
        )

    def pumpkin(x: float, y: float, s: float) -> None:
        canvas.pen.ellipse((x - s * 0.4, y - s * 0.5, x + s * 0.4, y), canvas.lit((240, 140, 40)))
        canvas.draw.rectangle(
            (x - s * 0.04, y - s * 0.6, x + s * 0.04, y - s * 0.45), fill=canvas.lit((90, 120, 50))
        )

    scatter(
        canvas,
        12,
        (fence_y + u * 0.04, canvas.height),
        # Under snow only drifts are left of the beds (``draw_flower`` draws one).
        [lambda x, y, s: draw_flower(canvas, x, y, s)]
        if canvas.season == "winter"
        else [sunflower, pumpkin, lambda x, y, s: draw_flower(canvas, x, y, s)],
        u * 0.06,
    )
