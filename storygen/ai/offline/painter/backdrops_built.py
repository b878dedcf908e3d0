"""Backdrops of built places: the town street, and the rooms: bedroom, kitchen, classroom.

Other rooms (a shop, a living room, a museum hall) share the room's walls, window and floor
and bring their own ``Furnishing``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storygen.ai.offline.painter.canvas import SKIES, Canvas
from storygen.ai.offline.painter.colour import RGB, mix, shaded
from storygen.ai.offline.painter.scenery import draw_bush, reserve, scatter
from storygen.ai.offline.painter.sky import draw_sky, draw_sky_objects

#: The kitchen cupboards' colour, what a kitchen picture is recognised by.
KITCHEN_CUPBOARD = (104, 160, 204)


@dataclass(frozen=True)
class Furnishing:
    """What makes a room other than the bedroom, kitchen or classroom what it is."""

    wall: RGB
    floor: RGB
    furnish: Callable[[Canvas, float], None]  # the landmark, standing on the floor line
    homely: bool = False  # a rug, toys and books about the floor


def city_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    street = horizon + canvas.unit * 0.02
    draw_sky(canvas, street)
    draw_sky_objects(canvas, street * 0.6)
    u = canvas.unit
    rng = canvas.rng
    palette = (
        (226, 120, 96),
        (244, 206, 150),
        (150, 184, 216),
        (238, 170, 170),
        (180, 210, 170),
        (210, 190, 230),
    )
    night = canvas.time in {"night", "sunset"}
    x = -rng.uniform(0, u * 0.1)
    while x < canvas.width:
        w = u * rng.uniform(0.14, 0.22)
        h = u * rng.uniform(0.16, 0.36)
        colour = canvas.lit(rng.choice(palette))
        roof = rng.random() < 0.45
        # Under the text the houses are lower, so the words keep a strip of plain sky.
        room = canvas.headroom(x - u * 0.01, x + w + u * 0.01, street)
        if h + (u * 0.07 if roof else 0.0) > room:
            roof = False
            h = room
        if h < u * 0.06:
            x += w + u * rng.uniform(0.0, 0.02)
            continue
        top = street - h
        canvas.pen.rounded((x, top, x + w, street), u * 0.004, colour)
        if roof:
            canvas.pen.polygon(
                [(x - u * 0.01, top), (x + w + u * 0.01, top), (x + w / 2, top - u * 0.07)],
                canvas.lit((150, 80, 70)),
            )
        if canvas.style.detail:
            win = canvas.lit((255, 226, 120)) if night else canvas.lit((214, 236, 250))
            dark = canvas.lit((120, 130, 160))
            cols = max(1, int(w / (u * 0.055)))
            rows = max(1, int(h / (u * 0.07)))
            for row in range(rows):
                for col in range(cols):
                    wx = x + (col + 0.5) * w / cols
                    wy = top + (row + 0.5) * (h - u * 0.05) / rows + u * 0.01
                    lit = win if (not night or rng.random() < 0.7) else dark
                    canvas.draw.rectangle(
                        (wx - u * 0.012, wy - u * 0.016, wx + u * 0.012, wy + u * 0.016), fill=lit
                    )
        x += w + u * rng.uniform(0.0, 0.02)
    canvas.draw.rectangle(
        (0, street, canvas.width, canvas.height), fill=canvas.lit((196, 192, 186))
    )
    road_top = street + (feet - street) * 0.35
    if feet - street > u * 0.15:
        canvas.draw.rectangle(
            (0, street, canvas.width, street + u * 0.012), fill=canvas.lit((170, 166, 160))
        )
    for index in range(int(canvas.width / (u * 0.08)) + 1):
        px = index * u * 0.08
        canvas.draw.line(
            [(px, road_top), (px - u * 0.03, canvas.height)],
            fill=canvas.lit((182, 178, 172)),
            width=max(1, round(u * 0.002)),
        )

    def lamp(x: float, y: float, s: float) -> None:
        post = canvas.lit((60, 66, 80))
        canvas.pen.rounded((x - s * 0.04, y - s * 1.6, x + s * 0.04, y), s * 0.02, post)
        glow = (255, 228, 140) if night else canvas.lit((250, 246, 220))
        canvas.pen.ellipse((x - s * 0.15, y - s * 1.85, x + s * 0.15, y - s * 1.55), glow)

    def planter(x: float, y: float, s: float) -> None:
        canvas.pen.rounded(
            (x - s * 0.3, y - s * 0.35, x + s * 0.3, y), s * 0.05, canvas.lit((200, 110, 70))
        )
        draw_bush(canvas, x, y - s * 0.35, s * 0.7, (80, 160, 80))

    scatter(canvas, 6, (street + u * 0.03, canvas.height), [lamp, planter], u * 0.08)


def interior_backdrop(
    canvas: Canvas, horizon: float, feet: float, room: str, furnishing: Furnishing | None = None
) -> None:
    """A room: ``"bedroom"`` (the room at home), ``"kitchen"``, ``"classroom"``, or another
    room as ``furnishing`` describes it."""
    canvas.indoor = True
    school = room == "classroom"
    kitchen = room == "kitchen"
    u = canvas.unit
    rng = canvas.rng
    detail = canvas.style.detail
    night = canvas.time in {"night", "sunset"}
    wall_colour = (
        furnishing.wall
        if furnishing
        else (246, 228, 188)
        if school
        else (250, 240, 206)
        if kitchen
        else rng.choice(((236, 214, 226), (212, 228, 240), (238, 232, 200)))
    )
    wall = canvas.lit(wall_colour)
    floor_y = horizon + u * 0.04
    canvas.draw.rectangle((0, 0, canvas.width, floor_y), fill=wall)
    if kitchen and detail:
        _tiles(canvas, floor_y, wall)
    elif not school and detail:
        stripe = shaded(wall, 0.95)
        for index in range(0, int(canvas.width / (u * 0.05)) + 1, 2):
            x = index * u * 0.05
            canvas.draw.rectangle((x, 0, x + u * 0.05, floor_y), fill=stripe)
    top = max(u * 0.04, floor_y - u * 0.46)
    if school:
        _blackboard(canvas, top, floor_y)
    if furnishing:
        # The landmark is what names the room: it claims its wall before the window does.
        furnishing.furnish(canvas, floor_y)
    _window(canvas, top, night)
    if kitchen:
        _kitchen_units(canvas, floor_y)
    elif room == "bedroom":
        _bookshelf(canvas, floor_y)
    floor = canvas.lit(
        furnishing.floor if furnishing else (196, 146, 96) if school else (186, 136, 92)
    )
    canvas.draw.rectangle((0, floor_y, canvas.width, canvas.height), fill=floor)
    canvas.draw.line(
        [(0, floor_y), (canvas.width, floor_y)],
        fill=shaded(floor, 0.7),
        width=max(2, round(u * 0.008)),
    )
    if detail:
        for index in range(1, 8):
            y = floor_y + (canvas.height - floor_y) * (index / 8) ** 1.4
            canvas.draw.line(
                [(0, y), (canvas.width, y)], fill=shaded(floor, 0.9), width=max(1, round(u * 0.002))
            )
    if room == "bedroom" and "bed" not in canvas.props:
        _bed(canvas, floor_y)
    if furnishing and not furnishing.homely:
        # A shop or a hall keeps its floor clear for the people in it.
        return
    rug = canvas.lit(rng.choice(((220, 110, 110), (110, 150, 210), (230, 190, 90))))
    ry = (floor_y + feet) / 2 + u * 0.04
    canvas.pen.ellipse((canvas.width * 0.2, ry - u * 0.05, canvas.width * 0.8, ry + u * 0.08), rug)

    def toy(x: float, y: float, s: float) -> None:
        colour = canvas.lit(rng.choice(((230, 80, 80), (80, 140, 220), (250, 200, 60))))
        if rng.random() < 0.5:
            canvas.pen.ellipse((x - s * 0.3, y - s * 0.6, x + s * 0.3, y), colour)
        else:
            canvas.pen.rounded((x - s * 0.3, y - s * 0.5, x + s * 0.3, y), s * 0.05, colour)

    def books(x: float, y: float, s: float) -> None:
        for level in range(3):
            colour = canvas.lit(
                rng.choice(((200, 70, 70), (70, 110, 190), (230, 180, 60), (90, 160, 100)))
            )
            canvas.pen.rounded(
                (x - s * 0.35, y - s * 0.15 * (level + 1), x + s * 0.35, y - s * 0.15 * level),
                s * 0.02,
                colour,
            )

    def desk(x: float, y: float, s: float) -> None:
        wood = canvas.lit((200, 150, 96))
        canvas.pen.rounded((x - s * 0.55, y - s * 0.62, x + s * 0.55, y - s * 0.5), s * 0.03, wood)
        for leg in (-0.45, 0.4):
            canvas.pen.rounded(
                (x + leg * s, y - s * 0.52, x + (leg + 0.07) * s, y), s * 0.02, shaded(wood, 0.8)
            )

    painters = [desk, desk, books] if school else [toy, books]
    scatter(
        canvas, 5, (floor_y + u * 0.06, canvas.height), painters, u * 0.07 * (1.6 if school else 1)
    )


def _window(canvas: Canvas, top: float, night: bool) -> None:
    """A window showing the time of day outside."""
    u = canvas.unit
    place = reserve(canvas, u * 0.26, lambda x, s: (x - s * 0.6, top, x + s * 0.6, top + s * 0.85))
    if place is None:
        return
    x, ww = place
    wh = ww * 0.85
    sky_top, sky_bottom = SKIES["night" if night else "midday"]
    canvas.draw.rectangle(
        (x - ww / 2, top, x + ww / 2, top + wh), fill=mix(sky_top, sky_bottom, 0.5)
    )
    if night:
        canvas.draw.ellipse(
            (x + ww * 0.15, top + wh * 0.15, x + ww * 0.3, top + wh * 0.33), fill=(250, 244, 210)
        )
    frame = canvas.lit((250, 250, 246))
    thick = max(2, round(u * 0.01))
    canvas.draw.rectangle((x - ww / 2, top, x + ww / 2, top + wh), outline=frame, width=thick)
    canvas.draw.line([(x, top), (x, top + wh)], fill=frame, width=thick)
    canvas.draw.line(
        [(x - ww / 2, top + wh / 2), (x + ww / 2, top + wh / 2)], fill=frame, width=thick
    )


def _blackboard(canvas: Canvas, top: float, floor_y: float) -> None:
    u = canvas.unit
    place = reserve(canvas, u * 0.42, lambda x, s: (x - s / 2, top, x + s / 2, top + s * 0.55))
    region = canvas.region
    if place is None and region is not None and region[3] + u * 0.2 < floor_y:
        # Text across the top of the wall: the board hangs lower, below it.
        top = region[3] + u * 0.03
        room = (floor_y - top - u * 0.02) / 0.55
        place = reserve(
            canvas, min(u * 0.42, room), lambda x, s: (x - s / 2, top, x + s / 2, top + s * 0.55)
        )
    if place is None:
        return
    x, bw = place
    bh = bw * 0.5
    box = (x - bw / 2, top, x + bw / 2, top + bh)
    canvas.pen.rounded(box, u * 0.005, canvas.lit((46, 96, 70)))
    canvas.draw.rectangle(
        (box[0], box[3], box[2], box[3] + u * 0.012), fill=canvas.lit((170, 120, 80))
    )
    if canvas.style.detail:
        chalk = (236, 240, 236)
        for line in range(3):
            ly = box[1] + bh * (0.25 + line * 0.22)
            end = box[0] + bw * canvas.rng.uniform(0.4, 0.85)
            canvas.draw.line(
                [(box[0] + bw * 0.1, ly), (end, ly)], fill=chalk, width=max(1, round(u * 0.004))
            )


def _bookshelf(canvas: Canvas, floor_y: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    place = reserve(
        canvas, u * 0.2, lambda x, s: (x - s / 2, floor_y - s * 1.5, x + s / 2, floor_y)
    )
    if place is None:
        return
    x, sw = place
    sh = sw * 1.5
    box = (x - sw / 2, floor_y - sh, x + sw / 2, floor_y)
    canvas.pen.rounded(box, u * 0.004, canvas.lit((170, 116, 76)))
    for shelf in range(3):
        sy = box[1] + sh * (0.3 + shelf * 0.32)
        canvas.draw.line(
            [(box[0], sy), (box[2], sy)],
            fill=canvas.lit((120, 80, 50)),
            width=max(1, round(u * 0.006)),
        )
        bx = box[0] + sw * 0.08
        while bx < box[2] - sw * 0.12 and canvas.style.detail:
            width = sw * rng.uniform(0.06, 0.1)
            colour = canvas.lit(
                rng.choice(((220, 80, 70), (80, 120, 200), (240, 200, 80), (90, 170, 110)))
            )
            canvas.draw.rectangle((bx, sy - sh * 0.2, bx + width, sy), fill=colour)
            bx += width + sw * 0.02


def _bed(canvas: Canvas, floor_y: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    place = reserve(
        canvas,
        u * 0.42,
        lambda x, s: (x - s / 2, floor_y - s * 0.72, x + s / 2, floor_y + s * 0.17),
    )
    if place is None:
        return
    x, width = place
    height = width * 0.48
    left, top, right, bottom = (
        x - width / 2,
        floor_y - height,
        x + width / 2,
        floor_y + height * 0.35,
    )
    wood = canvas.lit((170, 110, 70))
    pen = canvas.pen
    pen.rounded((left, top - height * 0.5, left + u * 0.03, bottom), u * 0.01, wood)
    pen.rounded((left, top + height * 0.35, right, bottom - height * 0.15), u * 0.01, wood)
    pen.rounded(
        (left + u * 0.02, top + height * 0.1, right, top + height * 0.5),
        u * 0.02,
        canvas.lit((250, 248, 244)),
    )
    blanket = canvas.lit(rng.choice(((120, 160, 220), (236, 130, 150), (130, 200, 160))))
    pen.rounded(
        (left + width * 0.3, top + height * 0.05, right + u * 0.005, top + height * 0.62),
        u * 0.02,
        blanket,
    )
    pen.ellipse(
        (left + u * 0.04, top + height * 0.02, left + width * 0.28, top + height * 0.38),
        canvas.lit((255, 255, 255)),
    )


def _tiles(canvas: Canvas, floor_y: float, wall: tuple[int, int, int]) -> None:
    """Square wall tiles behind the worktop, below the text area's height."""
    u = canvas.unit
    line = shaded(wall, 0.9)
    top = floor_y - u * 0.3
    width = max(1, round(u * 0.002))
    for index in range(int(canvas.width / (u * 0.05)) + 1):
        x = index * u * 0.05
        if canvas.headroom(x, x + 1, floor_y) >= floor_y - top:
            canvas.draw.line([(x, top), (x, floor_y)], fill=line, width=width)
    for row in range(7):
        y = top + row * u * 0.05
        for index in range(int(canvas.width / (u * 0.05)) + 1):
            x = index * u * 0.05
            if not canvas.in_text_area(x, y) and not canvas.in_text_area(x + u * 0.05, y):
                canvas.draw.line([(x, y), (x + u * 0.05, y)], fill=line, width=width)


def _kitchen_units(canvas: Canvas, floor_y: float) -> None:
    """Cupboards under a worktop, with a cooker at one end: what makes a room a kitchen."""
    u = canvas.unit
    place = reserve(
        canvas, u * 0.5, lambda x, s: (x - s / 2, floor_y - s * 0.44, x + s / 2, floor_y)
    )
    if place is None:
        return
    x, width = place
    height = width * 0.4
    left, top = x - width / 2, floor_y - height
    pen = canvas.pen
    cupboard = canvas.lit(KITCHEN_CUPBOARD)
    pen.rounded((left, top, left + width * 0.68, floor_y), u * 0.004, cupboard)
    for index in range(3):
        dx = left + width * (0.02 + index * 0.22)
        pen.rounded(
            (dx, top + height * 0.2, dx + width * 0.2, floor_y - height * 0.06),
            u * 0.004,
            shaded(cupboard, 1.08),
        )
        canvas.draw.ellipse(
            (dx + width * 0.15, top + height * 0.5, dx + width * 0.18, top + height * 0.58),
            fill=(230, 200, 90),
        )
    oven = canvas.lit((236, 236, 240))
    pen.rounded((left + width * 0.7, top, left + width, floor_y), u * 0.004, oven)
    pen.rounded(
        (left + width * 0.74, top + height * 0.38, left + width * 0.96, floor_y - height * 0.1),
        u * 0.006,
        canvas.lit((60, 60, 70)),
    )
    for hx in (0.78, 0.9):
        canvas.draw.ellipse(
            (
                left + width * hx,
                top - height * 0.04,
                left + width * (hx + 0.08),
                top + height * 0.04,
            ),
            fill=(60, 60, 70),
        )
    pen.rounded(
        (left - u * 0.005, top - height * 0.04, left + width * 0.69, top + height * 0.1),
        u * 0.004,
        canvas.lit((236, 232, 224)),
    )
    # A pot on the cooker.
    pen.rounded(
        (left + width * 0.76, top - height * 0.32, left + width * 0.92, top - height * 0.02),
        u * 0.006,
        canvas.lit((210, 70, 60)),
    )
