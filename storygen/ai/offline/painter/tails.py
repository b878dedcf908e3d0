"""Creature tails: one drawing per kind of tail, and the table of who has which."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from storygen.ai.offline.painter.colour import RAINBOW, shaded
from storygen.ai.offline.painter.looks import Look
from storygen.ai.offline.painter.pen import Pen, Point, draw_tube, ellipse_points


def _tail_pig(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    # A corkscrew: a spiral that winds in from the hip.
    centre = (x + side * h * 0.08, y - h * 0.03)
    points: list[Point] = [(x, y)]
    for step in range(14):
        angle = math.pi + step * 0.75
        reach = h * (0.05 - step * 0.0025)
        points.append(
            (centre[0] + side * math.cos(angle) * reach, centre[1] - math.sin(angle) * reach)
        )
    draw_tube(pen, points, [h * 0.018] * len(points), look.fur)


def _tail_tufted(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """A thin tail ending in a tuft: lions swish it up, elephants and giraffes let it hang."""
    if look.animal == "lion":
        path = [(0.0, 0.0), (0.14, 0.05), (0.22, -0.03), (0.25, -0.12)]
        tuft, width, colour = 0.045, 0.024, look.trim
    else:
        path = [(0.0, 0.0), (0.07, 0.06), (0.1, 0.13)]
        tuft, width = 0.025, 0.016
        colour = look.trim if look.animal == "giraffe" else shaded(look.fur, 0.6)
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    draw_tube(pen, points, [h * width] * len(points), look.fur)
    tx, ty = points[-1]
    pen.ellipse((tx - h * tuft, ty - h * tuft * 1.2, tx + h * tuft, ty + h * tuft * 1.2), colour)


def _tail_tiger(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    path = [(0.0, 0.0), (0.15, 0.04), (0.24, -0.04), (0.26, -0.15)]
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    draw_tube(pen, points, [h * 0.036] * len(points), look.fur)
    stripe = look.trim if look.animal == "tiger" else shaded(look.fur, 0.5)
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        mx, my = (ax + bx) / 2, (ay + by) / 2
        length = math.hypot(bx - ax, by - ay) or 1.0
        nx, ny = -(by - ay) / length * h * 0.02, (bx - ax) / length * h * 0.02
        pen.draw.line(
            [(mx - nx, my - ny), (mx + nx, my + ny)], fill=stripe, width=max(1, round(h * 0.012))
        )
    tx, ty = points[-1]
    pen.draw.ellipse((tx - h * 0.018, ty - h * 0.018, tx + h * 0.018, ty + h * 0.018), fill=stripe)


def _tail_hair(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """A horse's or unicorn's long hanging tail, striped like the mane when it is a rainbow."""
    if "stripes" in look.features:
        _tail_tufted(pen, look, x, y, h, side)  # a zebra's tail is thin with a tuft
        return
    colours = RAINBOW[:4] if "rainbow" in look.features else (look.trim,)
    for index, colour in enumerate(colours):
        centre = (x + side * h * (0.1 + index * 0.012), y + h * (0.1 + index * 0.015))
        size = 1 - index * 0.16
        points = ellipse_points(centre, h * 0.055 * size, h * 0.15 * size, side * -25)
        pen.polygon(points, colour)


def _tail_bushy(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    fur = look.fur
    if look.animal == "squirrel":
        # Up behind the back and curling over at the top.
        main = ellipse_points((x + side * h * 0.18, y - h * 0.22), h * 0.11, h * 0.26, side * 16)
        pen.polygon(main, fur)
        curl = ellipse_points((x + side * h * 0.27, y - h * 0.47), h * 0.125, h * 0.085, side * -15)
        pen.polygon(curl, fur)
        tip = ellipse_points((x + side * h * 0.32, y - h * 0.48), h * 0.055, h * 0.04, side * -15)
        pen.polygon(tip, shaded(fur, 1.3), line=False)
        return
    # A wolf's tail hangs down and out, with a pale tip.
    pen.polygon(
        ellipse_points((x + side * h * 0.16, y + h * 0.07), h * 0.17, h * 0.07, side * 32), fur
    )
    pen.polygon(
        ellipse_points((x + side * h * 0.27, y + h * 0.14), h * 0.06, h * 0.045, side * 32),
        look.trim,
        line=False,
    )


def _tail_curly(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    path = [(0.0, 0.0), (0.12, 0.05), (0.22, -0.01), (0.25, -0.12), (0.2, -0.19), (0.14, -0.16)]
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    draw_tube(pen, points, [h * 0.024] * len(points), look.fur)


def _tail_thick(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """An otter's or dinosaur's heavy tail, resting on the ground behind."""
    if look.animal == "dinosaur":
        path, widths = [(0.0, -0.02), (0.2, 0.12), (0.38, 0.2)], [0.16, 0.1, 0.04]
        for dx, dy in ((0.12, 0.03), (0.24, 0.1)):
            px, py = x + side * dx * h, y + dy * h
            pen.polygon(
                [(px - h * 0.03, py), (px + h * 0.03, py), (px + side * h * 0.01, py - h * 0.07)],
                look.trim,
            )
    else:
        path, widths = [(0.0, 0.0), (0.14, 0.09), (0.28, 0.16)], [0.07, 0.05, 0.022]
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    draw_tube(pen, points, [w * h for w in widths], look.fur)


def _tail_small(pen: Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """A stubby tail: a fluffy puff, a deer's white flag, a bird's feathers, a turtle's point."""
    animal = look.animal
    if animal in {"duck", "penguin", "turtle"}:
        size = 0.07 if animal == "turtle" else 0.12
        pen.polygon(
            [(x, y - h * 0.04), (x + side * h * size, y - h * size * 0.6), (x, y + h * 0.03)],
            look.fur,
        )
        return
    if animal in {"badger", "hippo"}:
        draw_tube(pen, [(x, y), (x + side * h * 0.07, y + h * 0.03)], [h * 0.035] * 2, look.fur)
        return
    colour = look.trim if animal == "deer" else look.fur
    rx, ry = (0.035, 0.05) if animal == "deer" else (0.05, 0.05)
    px = x + side * h * 0.08
    pen.ellipse((px - h * rx, y - h * ry * 1.3, px + h * rx, y + h * ry * 0.7), colour)


TAILS: dict[str, Callable[[Pen, Look, float, float, float, int], None]] = {
    "pig": _tail_pig,
    "lion": _tail_tufted,
    "elephant": _tail_tufted,
    "giraffe": _tail_tufted,
    "tiger": _tail_tiger,
    "horse": _tail_hair,
    "unicorn": _tail_hair,
    "squirrel": _tail_bushy,
    "wolf": _tail_bushy,
    "monkey": _tail_curly,
    "otter": _tail_thick,
    "dinosaur": _tail_thick,
    "duck": _tail_small,
    "penguin": _tail_small,
    "turtle": _tail_small,
    "badger": _tail_small,
    "hippo": _tail_small,
    "deer": _tail_small,
    "sheep": _tail_small,
    "critter": _tail_small,
}
