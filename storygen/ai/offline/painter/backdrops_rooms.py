"""Rooms away from home's bedroom and kitchen: a shop, a living room by the fire, a museum hall.

Each shares the room's wall, window and floor (``interior_backdrop``) and adds the landmark a
reader knows it by: a counter under shelves of bread and goods, a fireplace with a fire lit, a
dinosaur skeleton and exhibits on plinths.
"""

from __future__ import annotations

from storygen.ai.offline.painter.backdrops_built import Furnishing, interior_backdrop
from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.colour import shaded
from storygen.ai.offline.painter.scenery import reserve

#: The shop counter's painted front, what a shop picture is recognised by.
SHOP_COUNTER = (92, 150, 136)
#: The fireplace's bricks, what a living room picture is recognised by.
FIREPLACE_BRICK = (176, 84, 60)
#: The skeleton's bone, what a museum picture is recognised by.
BONE = (244, 236, 214)

_BREAD = (206, 146, 74)
_WOOD = (150, 100, 64)


def _fits(canvas: Canvas, floor_y: float, size: float, tall: float) -> float:
    """``size``, or less, so a landmark ``tall`` times its size stays below the picture's top."""
    return min(size, (floor_y - canvas.unit * 0.03) / tall)


def _shop_counter(canvas: Canvas, floor_y: float) -> None:
    """Shelves of loaves and jars on the wall, and the counter in front of them: as wide as
    the wall allows, behind the shopkeeper if need be."""
    u = canvas.unit
    place = reserve(
        canvas,
        _fits(canvas, floor_y, u * 0.62, 0.9),
        lambda x, s: (x - s / 2, floor_y - s * 0.9, x + s / 2, floor_y),
        big=True,
    )
    if place is None:
        return
    x, width = place
    pen = canvas.pen
    left, right = x - width / 2, x + width / 2
    wood = canvas.lit(_WOOD)
    shelves_top = floor_y - width * 0.9
    pen.rounded((left + width * 0.04, shelves_top, right - width * 0.04, floor_y), u * 0.004, wood)
    back = canvas.lit((236, 214, 176))
    for row in range(2):
        top = shelves_top + width * (0.04 + row * 0.2)
        bottom = top + width * 0.16
        canvas.draw.rectangle((left + width * 0.07, top, right - width * 0.07, bottom), fill=back)
        # Loaves on the top shelf, jars and boxes of goods below.
        count = 5
        for index in range(count):
            gx = left + width * (0.12 + index * 0.76 / count)
            gw = width * 0.76 / count * 0.8
            if row == 0:
                pen.ellipse(
                    (gx, bottom - width * 0.08, gx + gw, bottom), canvas.lit(_BREAD), line=False
                )
                pen.ellipse(
                    (gx + gw * 0.2, bottom - width * 0.075, gx + gw * 0.6, bottom - width * 0.05),
                    canvas.lit((232, 186, 116)),
                    line=False,
                )
            else:
                colour = ((220, 90, 80), (240, 196, 80), (110, 150, 210), (120, 180, 110))[
                    (index + round(x)) % 4
                ]
                pen.rounded(
                    (gx + gw * 0.1, bottom - width * 0.1, gx + gw * 0.9, bottom),
                    u * 0.004,
                    canvas.lit(colour),
                )
    counter_top = floor_y - width * 0.42
    front = canvas.lit(SHOP_COUNTER)
    pen.rounded((left, counter_top, right, floor_y), u * 0.004, front)
    for index in range(3):
        px = left + width * (0.05 + index * 0.31)
        pen.rounded(
            (px, counter_top + width * 0.1, px + width * 0.27, floor_y - width * 0.05),
            u * 0.004,
            shaded(front, 1.1),
        )
    pen.rounded(
        (left - u * 0.01, counter_top - width * 0.04, right + u * 0.01, counter_top + width * 0.03),
        u * 0.004,
        wood,
    )
    # Buns on a plate at one end of the counter, a bell at the other.
    plate = canvas.lit((250, 250, 246))
    pen.ellipse(
        (left + width * 0.06, counter_top - width * 0.07, left + width * 0.3, counter_top), plate
    )
    for bx in (0.09, 0.17):
        pen.ellipse(
            (
                left + width * bx,
                counter_top - width * 0.12,
                left + width * (bx + 0.1),
                counter_top - width * 0.04,
            ),
            canvas.lit(_BREAD),
        )
    pen.ellipse(
        (right - width * 0.16, counter_top - width * 0.09, right - width * 0.08, counter_top),
        canvas.lit((226, 186, 70)),
    )


def _fireplace(canvas: Canvas, floor_y: float) -> None:
    """A brick fireplace with a fire lit, a clock on the mantel, and an armchair if there is
    room."""
    u = canvas.unit
    place = reserve(
        canvas,
        _fits(canvas, floor_y, u * 0.42, 0.95),
        lambda x, s: (x - s / 2, floor_y - s * 0.95, x + s / 2, floor_y),
    )
    if place is None:
        return
    x, width = place
    pen = canvas.pen
    left, right = x - width / 2, x + width / 2
    top = floor_y - width * 0.8
    pen.rounded((left, top, right, floor_y), u * 0.004, canvas.lit(FIREPLACE_BRICK))
    if canvas.style.detail:
        mortar = shaded(canvas.lit(FIREPLACE_BRICK), 0.82)
        for row in range(1, 8):
            y = top + (floor_y - top) * row / 8
            canvas.draw.line([(left, y), (right, y)], fill=mortar, width=max(1, round(u * 0.002)))
    opening = (x - width * 0.28, top + width * 0.3, x + width * 0.28, floor_y)
    pen.rounded(opening, width * 0.1, canvas.lit((50, 40, 40)))
    logs = canvas.lit((120, 74, 44))
    pen.rounded(
        (x - width * 0.2, floor_y - width * 0.07, x + width * 0.2, floor_y), u * 0.005, logs
    )
    for dx, height, colour in (
        (-0.1, 0.26, (240, 120, 50)),
        (0.08, 0.22, (240, 120, 50)),
        (0.0, 0.32, (250, 160, 60)),
        (-0.02, 0.18, (255, 220, 100)),
    ):
        fx = x + width * dx
        pen.polygon(
            [
                (fx - width * 0.09, floor_y - width * 0.05),
                (fx + width * 0.09, floor_y - width * 0.05),
                (fx, floor_y - width * height),
            ],
            colour,
        )
    mantel = canvas.lit(_WOOD)
    pen.rounded(
        (left - width * 0.06, top - width * 0.02, right + width * 0.06, top + width * 0.07),
        u * 0.004,
        mantel,
    )
    pen.ellipse(
        (x - width * 0.07, top - width * 0.16, x + width * 0.07, top - width * 0.02),
        canvas.lit((236, 200, 110)),
    )
    pen.ellipse(
        (x - width * 0.05, top - width * 0.14, x + width * 0.05, top - width * 0.04),
        canvas.lit((252, 248, 236)),
    )
    chair = reserve(
        canvas, u * 0.24, lambda cx, s: (cx - s / 2, floor_y - s * 0.9, cx + s / 2, floor_y)
    )
    if chair is None:
        return
    cx, size = chair
    cloth = canvas.lit((200, 90, 90))
    pen.rounded(
        (cx - size * 0.4, floor_y - size * 0.9, cx + size * 0.4, floor_y), size * 0.12, cloth
    )
    pen.rounded(
        (cx - size * 0.5, floor_y - size * 0.5, cx + size * 0.5, floor_y - size * 0.08),
        size * 0.1,
        shaded(cloth, 1.1),
    )


def _museum_hall(canvas: Canvas, floor_y: float) -> None:
    """A dinosaur skeleton on a low stand, and exhibits on plinths where there is room."""
    u = canvas.unit
    place = reserve(
        canvas,
        _fits(canvas, floor_y, u * 0.64, 0.7),
        lambda x, s: (x - s / 2, floor_y - s * 0.7, x + s / 2, floor_y),
    )
    pen = canvas.pen
    if place is not None:
        x, width = place
        left = x - width / 2
        stand = canvas.lit((110, 80, 66))
        pen.rounded((left, floor_y - width * 0.06, left + width, floor_y), u * 0.004, stand)
        bone = canvas.lit(BONE)
        thick = max(2, round(width * 0.04))
        hips = (left + width * 0.55, floor_y - width * 0.36)
        shoulders = (left + width * 0.32, floor_y - width * 0.38)
        for foot_x, joint in ((0.5, hips), (0.62, hips), (0.27, shoulders), (0.37, shoulders)):
            canvas.draw.line(
                [joint, (left + width * foot_x, floor_y - width * 0.06)], fill=bone, width=thick
            )
        # The backbone runs from the skull over the back to the tip of the tail.
        spine = [
            (left + width * 0.14, floor_y - width * 0.56),
            (left + width * 0.22, floor_y - width * 0.46),
            shoulders,
            (left + width * 0.44, floor_y - width * 0.42),
            hips,
            (left + width * 0.72, floor_y - width * 0.3),
            (left + width * 0.86, floor_y - width * 0.2),
            (left + width * 0.98, floor_y - width * 0.14),
        ]
        canvas.draw.line(spine, fill=bone, width=thick, joint="curve")
        for index in range(1, 5):
            rx = shoulders[0] + (hips[0] - shoulders[0]) * index / 5
            canvas.draw.line(
                [(rx, floor_y - width * 0.4), (rx + width * 0.01, floor_y - width * 0.24)],
                fill=bone,
                width=max(1, thick // 2),
            )
        skull = (
            left + width * 0.02,
            floor_y - width * 0.64,
            left + width * 0.2,
            floor_y - width * 0.52,
        )
        pen.rounded(skull, width * 0.04, bone)
        eye = width * 0.02
        canvas.draw.ellipse(
            (
                left + width * 0.12,
                skull[1] + eye,
                left + width * 0.12 + eye * 2,
                skull[1] + eye * 3,
            ),
            fill=canvas.lit((90, 80, 70)),
        )
    for _ in range(2):
        plinth = reserve(
            canvas,
            _fits(canvas, floor_y, u * 0.12, 2.2),
            lambda px, s: (px - s / 2, floor_y - s * 2.2, px + s / 2, floor_y),
        )
        if plinth is None:
            break
        px, size = plinth
        pen.rounded(
            (px - size * 0.45, floor_y - size * 1.3, px + size * 0.45, floor_y),
            u * 0.003,
            canvas.lit((250, 248, 242)),
        )
        pen.ellipse(
            (px - size * 0.3, floor_y - size * 2.1, px + size * 0.3, floor_y - size * 1.3),
            canvas.lit((70, 110, 180) if px < canvas.width / 2 else (200, 150, 60)),
        )


_SHOP = Furnishing(wall=(250, 236, 206), floor=(214, 178, 136), furnish=_shop_counter)
_LIVING_ROOM = Furnishing(
    wall=(236, 222, 196), floor=(186, 136, 92), furnish=_fireplace, homely=True
)
_MUSEUM = Furnishing(wall=(214, 222, 214), floor=(176, 170, 164), furnish=_museum_hall)


def shop_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    interior_backdrop(canvas, horizon, feet, "shop", _SHOP)


def living_room_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    interior_backdrop(canvas, horizon, feet, "living room", _LIVING_ROOM)


def museum_backdrop(canvas: Canvas, horizon: float, feet: float) -> None:
    interior_backdrop(canvas, horizon, feet, "museum", _MUSEUM)
