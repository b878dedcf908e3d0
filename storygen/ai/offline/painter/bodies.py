"""Creature bodies: backs and shells, spines and plates, markings, bellies and wool.

Tails, wings and faces are parts of their own (``tails``, ``figure_parts``).
"""

from __future__ import annotations

import math

from storygen.ai.offline.painter.colour import RGB, mix, shaded
from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.looks import Look
from storygen.ai.offline.painter.pen import Pen, Point, ellipse_points


def draw_back(
    pen: Pen, look: Look, cx: float, neck: float, hip: float, h: float, sw: float, pose: Pose
) -> None:
    """What a creature carries on its back: a shell, spines or plates.

    Called before the body, so the edges show around it; from the back, after it.
    """
    animal = look.animal
    side_view = pose.view == "side"
    f = pose.facing if side_view else 0
    mid = (neck + hip) / 2 + h * 0.01
    if animal == "turtle":
        shell = look.trim
        rx = sw * (1.42 if pose.view == "front" else 1.25)
        x = cx - f * sw * 0.55
        ry = (hip - neck) * 0.66
        rim = mix(shell, (236, 216, 150), 0.45)
        pen.ellipse((x - rx * 1.06, mid - ry * 1.06, x + rx * 1.06, mid + ry * 1.06), rim)
        pen.ellipse((x - rx, mid - ry, x + rx, mid + ry), shell)
        plate = shaded(shell, 1.18)
        pen.polygon(ellipse_points((x, mid), rx * 0.42, ry * 0.38, 0, 6), plate)
        for index in range(6):
            angle = math.radians(30 + index * 60)
            px, py = x + math.cos(angle) * rx * 0.7, mid + math.sin(angle) * ry * 0.68
            pen.polygon(ellipse_points((px, py), rx * 0.2, ry * 0.18, 0, 6), plate)
    elif animal == "hedgehog":
        x = cx - f * sw * 0.5
        rx, ry = sw * (1.8 if not side_view else 1.55), (hip - neck) * 0.9
        for scale, colour in ((1.0, look.fur), (0.84, shaded(look.fur, 1.22))):
            points: list[Point] = []
            for index in range(30):
                angle = 2 * math.pi * index / 30
                reach = (1.0 if index % 2 else 0.74) * scale
                points.append(
                    (
                        x + math.cos(angle) * rx * reach,
                        mid - h * 0.02 + math.sin(angle) * ry * reach,
                    )
                )
            pen.polygon(points, colour, line=scale == 1.0)
    elif animal == "ladybug" and side_view:
        # The spotted wing case, domed over the back.
        x, rx, ry = cx - f * sw * 0.5, sw * 1.2, (hip - neck) * 0.62
        pen.ellipse((x - rx, mid - ry, x + rx, mid + ry), look.fur)
        for dx, dy in ((-0.5, -0.4), (-0.1, 0.1), (-0.6, 0.35), (0.2, -0.45)):
            px, py, s = x + f * dx * rx, mid + dy * ry, h * 0.022
            pen.draw.ellipse((px - s, py - s, px + s, py + s), fill=look.trim)
    elif animal == "dinosaur":
        plates = look.trim
        size = h * 0.07
        if pose.view == "back":
            for index in range(4):
                y = neck + (hip - neck) * (0.1 + index * 0.26)
                pen.polygon(
                    [
                        (cx, y - size * 0.7),
                        (cx + size * 0.6, y),
                        (cx, y + size * 0.7),
                        (cx - size * 0.6, y),
                    ],
                    plates,
                )
        elif side_view:
            for index in range(4):
                y = neck + (hip - neck) * (0.05 + index * 0.27)
                x = cx - f * sw * 0.95
                pen.polygon(
                    [
                        (x + f * size * 0.3, y - size * 0.6),
                        (x - f * size * 1.2, y + size * 0.1),
                        (x + f * size * 0.3, y + size * 0.8),
                    ],
                    plates,
                )
        else:
            for side in (-1, 1):
                for index, lift in enumerate((0.0, 0.3)):
                    x = cx + side * sw * (0.62 + index * 0.3)
                    y = neck + (hip - neck) * lift
                    pen.polygon(
                        [
                            (x - size * 0.7, y + size * 0.6),
                            (x + size * 0.7, y + size * 0.6),
                            (x + side * size * 0.9, y - size * 1.2),
                        ],
                        plates,
                    )


def draw_body_marks(
    pen: Pen, look: Look, cx: float, neck: float, hip: float, h: float, sw: float, pose: Pose
) -> None:
    """Markings drawn over a creature's fur body: stripes, patches, spots, a shell's underside."""
    if look.top != look.fur:
        return  # dressed: the clothes cover the markings
    animal = look.animal
    features = look.features
    side_view = pose.view == "side"
    back_view = pose.view == "back"
    f = pose.facing if side_view else 0
    inset = pen.width
    height = hip - neck
    if animal == "tiger" or "stripes" in features:
        colour = look.trim if animal in {"tiger", "horse"} else (40, 34, 38)
        for index in range(3):
            y = neck + height * (0.2 + index * 0.27)
            for side in (-1, 1):
                edge = cx + side * (sw - inset)
                pen.polygon(
                    [(edge, y - h * 0.02), (edge, y + h * 0.02), (edge - side * sw * 0.5, y)],
                    colour,
                    line=False,
                )
    if animal == "bee":
        for index in range(2):
            y = neck + height * (0.32 + index * 0.32)
            pen.draw.rectangle(
                (cx - sw + inset, y, cx + sw - inset, y + height * 0.15), fill=look.trim
            )
    if animal == "giraffe":
        for dx, dy, size in (
            (-0.5, 0.18, 0.09),
            (0.35, 0.3, 0.1),
            (-0.2, 0.6, 0.08),
            (0.5, 0.72, 0.07),
            (0.05, 0.05, 0.06),
        ):
            x, y = cx + dx * sw + f * sw * 0.1, neck + dy * height
            s = h * size * 0.5
            pen.draw.rounded_rectangle(
                (x - s, y - s * 0.8, x + s, y + s * 0.8), radius=s * 0.4, fill=look.trim
            )
    if animal == "ladybug":
        dark = look.trim
        if not side_view:
            pen.draw.line([(cx, neck + inset), (cx, hip)], fill=dark, width=max(1, round(h * 0.01)))
        for dx, dy, size in (
            (-0.55, 0.25, 0.05),
            (0.55, 0.25, 0.05),
            (-0.45, 0.65, 0.045),
            (0.45, 0.65, 0.045),
            (-0.2, 0.45, 0.035),
            (0.2, 0.45, 0.035),
        ):
            x, y = cx + dx * sw, neck + dy * height
            s = h * size * 0.5
            pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=dark)
    if "spots" in features and not back_view:
        colour = look.trim if animal == "deer" else shaded(look.fur, 0.45)
        for dx, dy in ((-0.72, 0.22), (0.7, 0.16), (-0.74, 0.58), (0.72, 0.52), (-0.45, 0.1)):
            x, y = cx + dx * sw, neck + dy * height
            s = h * 0.02
            pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=colour)
    if animal == "turtle" and not back_view:
        under = mix(look.trim, (246, 226, 150), 0.7)
        x0, x1 = cx - sw * 0.62 + f * sw * 0.3, cx + sw * 0.62 + f * sw * 0.3
        pen.rounded((x0, neck + h * 0.03, x1, hip - h * 0.01), sw * 0.4, under, line=False)
        for index in range(1, 4):
            y = neck + h * 0.03 + (hip - neck - h * 0.04) * index / 4
            pen.draw.line(
                [(x0 + sw * 0.1, y), (x1 - sw * 0.1, y)],
                fill=shaded(under, 0.8),
                width=max(1, round(h * 0.006)),
            )


def belly_patch(look: Look) -> tuple[RGB, float] | None:
    """A creature's belly patch colour and its width (of the body's), if it has one."""
    animal = look.animal
    if animal in {"owl", "bird", "bear", "fox", "cat", "dog", "rabbit", "mouse"}:
        return mix(look.fur, (255, 250, 240), 0.55), 0.6
    if animal in {"hedgehog", "frog", "squirrel", "otter", "monkey", "wolf", "deer", "critter"}:
        return look.trim, 0.6
    if animal == "penguin":
        return look.trim, 0.82
    if animal in {"pig", "lion", "horse", "unicorn", "giraffe", "elephant", "hippo"}:
        return mix(look.fur, (255, 250, 240), 0.45), 0.6
    if animal == "tiger":
        return (252, 248, 240), 0.55
    if animal == "dinosaur":
        return mix(look.fur, (252, 236, 170), 0.65), 0.62
    return None


def draw_wool_body(pen: Pen, look: Look, cx: float, top: float, bottom: float, sw: float) -> None:
    """A sheep's fleece: a ring of puffs around an oval body."""
    mid, rx, ry = (top + bottom) / 2, sw * 0.95, (bottom - top) * 0.5
    puff = sw * 0.42
    for index in range(14):
        angle = 2 * math.pi * index / 14
        x, y = cx + math.cos(angle) * rx, mid + math.sin(angle) * ry
        pen.ellipse((x - puff, y - puff, x + puff, y + puff), look.fur)
    pen.ellipse((cx - rx, mid - ry, cx + rx, mid + ry), look.fur, line=False)
