"""Figure parts shared by people and creatures: pose, face, hair, tails, wings and wear.

Creature heads are in ``head``, ``heads`` and the ``heads_*`` modules; ``figure`` puts the
parts together on a body.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from storygen.ai.offline.painter.colour import RGB, mix, shaded
from storygen.ai.offline.painter.looks import Look
from storygen.ai.offline.painter.pen import Pen, Point, ellipse_points
from storygen.ai.offline.painter.tails import TAILS


@dataclass(frozen=True)
class Pose:
    left_arm: float  # degrees from hanging straight down; 90 is horizontal, 160 raised
    right_arm: float
    view: str = "front"  # front, side, back
    facing: int = 1  # side view: 1 looks right, -1 looks left
    stride: float = 0.0  # side view leg spread
    # What the figure is doing: standing, walking, running, pointing, holding, waving,
    # sitting, sleeping, flying or jumping (see ``poses``).
    action: str = "standing"


def draw_tail(pen: Pen, look: Look, hip: tuple[float, float], h: float, side: int) -> None:
    x, y = hip
    fur = look.fur
    if look.animal == "fox":
        centre = (x + side * h * 0.2, y - h * 0.1)
        pen.polygon(ellipse_points(centre, h * 0.21, h * 0.085, -side * 35), fur)
        tip = (x + side * h * 0.36, y - h * 0.21)
        pen.polygon(ellipse_points(tip, h * 0.07, h * 0.055, -side * 35), (250, 246, 240))
    elif look.animal in {"cat", "mouse"}:
        thickness = h * (0.035 if look.animal == "cat" else 0.015)
        mid = (x + side * h * 0.16, y + h * 0.02)
        tip = (x + side * h * 0.22, y - h * 0.16)
        colour = fur if look.animal == "cat" else (236, 170, 180)
        pen.limb((x, y), mid, thickness, colour)
        pen.limb(mid, tip, thickness, colour)
    elif look.animal == "dog":
        pen.limb((x, y), (x + side * h * 0.14, y - h * 0.1), h * 0.04, fur)
    elif look.animal == "rabbit":
        r = h * 0.05
        pen.ellipse((x + side * h * 0.1 - r, y - r, x + side * h * 0.1 + r, y + r), (252, 252, 252))
    elif look.animal in TAILS:
        TAILS[look.animal](pen, look, x, y, h, side)
    elif look.animal == "dragon":
        points = [(x, y - h * 0.06), (x + side * h * 0.34, y + h * 0.22), (x, y + h * 0.06)]
        pen.polygon(points, fur)
        tip = (x + side * h * 0.34, y + h * 0.22)
        pen.polygon(
            [
                tip,
                (tip[0] - side * h * 0.02, tip[1] - h * 0.07),
                (tip[0] + side * h * 0.07, tip[1]),
            ],
            shaded(fur, 0.75),
        )


def draw_wings(pen: Pen, look: Look, cx: float, top: float, h: float) -> None:
    if look.animal == "dragon":
        colour = shaded(look.fur, 0.8)
        for side in (-1, 1):
            pen.polygon(
                [
                    (cx + side * h * 0.05, top + h * 0.05),
                    (cx + side * h * 0.36, top - h * 0.12),
                    (cx + side * h * 0.32, top + h * 0.04),
                    (cx + side * h * 0.28, top + h * 0.14),
                    (cx + side * h * 0.06, top + h * 0.2),
                ],
                colour,
            )
    elif look.animal == "bee":
        for side in (-1, 1):
            for lift, size in ((0.0, 1.0), (0.12, 0.7)):
                centre = (cx + side * h * 0.16, top + h * (lift - 0.02))
                points = ellipse_points(centre, h * 0.13 * size, h * 0.07 * size, side * -30)
                pen.polygon(points, (228, 242, 252))
    elif look.animal in {"owl", "bird"} or "wings" in look.features:
        colour = shaded(look.fur, 0.85) if look.animal else (226, 236, 252)
        for side in (-1, 1):
            pen.ellipse(
                (cx + side * h * 0.04, top - h * 0.04, cx + side * h * 0.30, top + h * 0.22),
                colour,
            )


def draw_cape(
    pen: Pen, look: Look, cx: float, shoulder: float, hip: float, h: float, view: str
) -> None:
    spread = h * (0.25 if view != "side" else 0.18)
    bottom = hip + h * 0.22
    pen.polygon(
        [
            (cx - h * 0.12, shoulder),
            (cx + h * 0.12, shoulder),
            (cx + spread, bottom),
            (cx - spread, bottom),
        ],
        look.item("cape"),
    )


def draw_hair_back(pen: Pen, look: Look, cx: float, head_y: float, r: float, pose: Pose) -> None:
    """Hair that falls behind the shoulders, drawn before the body."""
    style = look.hair_style
    if look.animal or style == "bald":
        return
    back = -pose.facing if pose.view == "side" else 0
    if style == "long" or (style in {"braids", "curly"} and pose.view == "back"):
        x = cx + back * r * 0.3
        pen.rounded(
            (x - r * 1.05, head_y - r * 0.2, x + r * 1.05, head_y + r * 2.3), r * 0.6, look.hair
        )
    elif style == "ponytail":
        x = cx + (back or 1) * r * 0.95
        if pose.view == "back":
            x = cx
        pen.ellipse((x - r * 0.38, head_y - r * 0.2, x + r * 0.38, head_y + r * 1.6), look.hair)
    elif style == "braids" and pose.view == "side":
        # Seen from the side one braid shows, hanging down the back of the head.
        for step in range(4):
            y = head_y + r * (0.35 + step * 0.42)
            x = cx + back * r * (0.95 + step * 0.05)
            pen.ellipse((x - r * 0.26, y - r * 0.24, x + r * 0.26, y + r * 0.24), look.hair)
    elif style == "braids":
        for side in (-1, 1):
            for step in range(4):
                y = head_y + r * (0.4 + step * 0.42)
                x = cx + side * r * 0.98
                pen.ellipse((x - r * 0.26, y - r * 0.24, x + r * 0.26, y + r * 0.24), look.hair)


def draw_hair_front(pen: Pen, look: Look, cx: float, head_y: float, r: float, pose: Pose) -> None:
    """The hair cap and its style, drawn before the face so the face sits inside it."""
    style = look.hair_style
    hair = look.hair
    shift = -pose.facing * r * 0.12 if pose.view == "side" else 0
    if style == "curly":
        for index in range(11):
            angle = math.pi + index * math.pi / 10
            x = cx + shift + math.cos(angle) * r * 1.02
            y = head_y + math.sin(angle) * r * 1.0 + r * 0.05
            pen.ellipse((x - r * 0.36, y - r * 0.36, x + r * 0.36, y + r * 0.36), hair)
    elif style == "pigtails" and pose.view != "side":
        for side in (-1, 1):
            x = cx + side * r * 1.15
            pen.ellipse((x - r * 0.38, head_y - r * 0.2, x + r * 0.38, head_y + r * 0.75), hair)
    elif style == "bun":
        pen.ellipse((cx - r * 0.42, head_y - r * 1.45, cx + r * 0.42, head_y - r * 0.65), hair)
    elif style == "spiky":
        points = []
        for index in range(9):
            angle = math.pi + index * math.pi / 8
            reach = 1.3 if index % 2 else 0.95
            points.append((cx + math.cos(angle) * r * reach, head_y + math.sin(angle) * r * reach))
        pen.polygon(points, hair)
    bottom = head_y + (r * 0.55 if style in {"bob", "long"} else r * 0.3)
    pen.ellipse((cx + shift - r * 1.08, head_y - r * 1.1, cx + shift + r * 1.08, bottom), hair)


def draw_eyes(
    pen: Pen, look: Look, points: Sequence[tuple[float, float]], r: float, big: bool
) -> None:
    size = r * (0.2 if big else 0.12)
    for x, y in points:
        if big:
            pen.draw.ellipse(
                (x - size, y - size * 1.25, x + size, y + size * 1.25), fill=(36, 30, 40)
            )
            iris = size * 0.72
            pen.draw.ellipse((x - iris, y - iris * 1.05, x + iris, y + iris * 1.25), fill=look.eyes)
        else:
            pen.draw.ellipse(
                (x - size, y - size * 1.2, x + size, y + size * 1.2), fill=(40, 32, 36)
            )
        glint = size * 0.38
        gx, gy = x + size * 0.3, y - size * 0.45
        pen.draw.ellipse((gx - glint, gy - glint, gx + glint, gy + glint), fill=(255, 255, 255))


def draw_face(
    pen: Pen,
    look: Look,
    cx: float,
    head_y: float,
    r: float,
    pose: Pose,
    detail: int,
    *,
    spread: float = 0.38,
    mouth_drop: float = 0.3,
    skin: RGB | None = None,
    mouth: bool = True,
) -> None:
    """Eyes, cheeks, mouth and glasses; creatures move them to suit their heads."""
    big_eyes = detail >= 3
    if skin is None:
        skin = look.fur if look.animal else look.skin
    mouth_colour = (120, 50, 50) if not look.animal else (70, 40, 40)
    if pose.view == "side":
        f = pose.facing
        eye = (cx + f * r * 0.42, head_y - r * 0.02)
        draw_eyes(pen, look, [eye], r, big_eyes)
        if detail >= 1 and mouth:
            mx = cx + f * r * 0.62
            pen.draw.arc(
                (
                    mx - r * 0.2,
                    head_y + r * (mouth_drop - 0.02),
                    mx + r * 0.2,
                    head_y + r * (mouth_drop + 0.22),
                ),
                20,
                160,
                fill=mouth_colour,
                width=max(1, round(r * 0.07)),
            )
            cheek = mix(skin, (244, 120, 130), 0.4)
            pen.draw.ellipse(
                (
                    cx + f * r * 0.1 - r * 0.14,
                    head_y + r * 0.22,
                    cx + f * r * 0.1 + r * 0.14,
                    head_y + r * 0.42,
                ),
                fill=cheek,
            )
        if "glasses" in look.features:
            gr = r * 0.26
            pen.draw.ellipse(
                (eye[0] - gr, eye[1] - gr, eye[0] + gr, eye[1] + gr),
                outline=(50, 44, 60),
                width=max(1, round(r * 0.07)),
            )
            pen.draw.line(
                [(eye[0] - f * gr, eye[1]), (cx - f * r * 0.5, eye[1] - r * 0.05)],
                fill=(50, 44, 60),
                width=max(1, round(r * 0.06)),
            )
        return
    eyes = [(cx - r * spread, head_y + r * 0.08), (cx + r * spread, head_y + r * 0.08)]
    draw_eyes(pen, look, eyes, r, big_eyes)
    if detail >= 1:
        cheek = mix(skin, (244, 120, 130), 0.4)
        for side in (-1, 1):
            x = cx + side * r * 0.6
            pen.draw.ellipse(
                (x - r * 0.15, head_y + r * 0.32, x + r * 0.15, head_y + r * 0.52), fill=cheek
            )
        if "freckles" in look.features:
            for side in (-1, 1):
                for dx, dy in ((0.45, 0.3), (0.58, 0.38), (0.5, 0.45)):
                    x, y = cx + side * r * dx, head_y + r * dy
                    s = r * 0.035
                    pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=shaded(skin, 0.7))
    if "beard" in look.features:
        pen.ellipse(
            (cx - r * 0.78, head_y + r * 0.1, cx + r * 0.78, head_y + r * 1.22), look.facial_hair
        )
    if "moustache" in look.features or "beard" in look.features:
        for side in (-1, 1):
            pen.draw.ellipse(
                (
                    cx + side * r * 0.02 - r * 0.24 * (side < 0),
                    head_y + r * 0.3,
                    cx + side * r * 0.02 + r * 0.24 * (side > 0),
                    head_y + r * 0.44,
                ),
                fill=shaded(look.facial_hair, 0.8),
            )
    if mouth and look.animal not in {"owl", "bird", "robot"}:
        pen.draw.arc(
            (
                cx - r * 0.24,
                head_y + r * mouth_drop,
                cx + r * 0.24,
                head_y + r * (mouth_drop + 0.3),
            ),
            15,
            165,
            fill=mouth_colour,
            width=max(1, round(r * 0.07)),
        )
    if "glasses" in look.features:
        gr = r * 0.25
        width = max(1, round(r * 0.07))
        for x, y in eyes:
            pen.draw.ellipse((x - gr, y - gr, x + gr, y + gr), outline=(50, 44, 60), width=width)
        pen.draw.line(
            [(eyes[0][0] + gr, eyes[0][1]), (eyes[1][0] - gr, eyes[1][1])],
            fill=(50, 44, 60),
            width=width,
        )


def draw_accessories(pen: Pen, look: Look, cx: float, head_y: float, r: float, pose: Pose) -> None:
    top = head_y - r * 0.62
    accent = look.accent
    if "crown" in look.features:
        gold = look.item("crown", (246, 196, 60))
        points = [(cx - r * 0.7, top + r * 0.15)]
        for index in range(5):
            x = cx - r * 0.7 + index * r * 0.35
            points += [(x, top - r * 0.45 if index % 2 == 0 else top - r * 0.15)]
        points += [(cx + r * 0.7, top - r * 0.45), (cx + r * 0.7, top + r * 0.15)]
        pen.polygon(points, gold)
    elif "pointy_hat" in look.features:
        accent = look.item("hat")
        tip_x = cx + (pose.facing if pose.view == "side" else 1) * r * 0.35
        pen.polygon(
            [
                (cx - r * 0.85, top + r * 0.25),
                (cx + r * 0.85, top + r * 0.25),
                (tip_x, top - r * 1.9),
            ],
            accent,
        )
        pen.ellipse((cx - r * 1.35, top + r * 0.05, cx + r * 1.35, top + r * 0.45), accent)
        star = r * 0.14
        sx, sy = cx + r * 0.05, top - r * 0.55
        pen.draw.ellipse((sx - star, sy - star, sx + star, sy + star), fill=(255, 226, 90))
    elif "helmet" in look.features:
        pen.draw.ellipse(
            (cx - r * 1.35, head_y - r * 1.35, cx + r * 1.35, head_y + r * 1.3),
            outline=(220, 230, 240),
            width=max(2, round(r * 0.14)),
        )
    elif "hat" in look.features:
        accent = look.item("hat")
        pen.ellipse((cx - r * 1.45, top + r * 0.05, cx + r * 1.45, top + r * 0.42), accent)
        pen.rounded((cx - r * 0.85, top - r * 0.75, cx + r * 0.85, top + r * 0.3), r * 0.3, accent)
        pen.draw.rectangle(
            (cx - r * 0.85, top, cx + r * 0.85, top + r * 0.18), fill=shaded(accent, 0.7)
        )
    elif "cap" in look.features:
        accent = look.item("cap")
        f = pose.facing if pose.view == "side" else 1
        pen.draw.chord(
            (cx - r * 1.05, top - r * 0.2, cx + r * 1.05, top + r * 1.2),
            180,
            360,
            fill=accent,
            outline=pen.edge(accent) if pen.width else None,
            width=pen.width,
        )
        if pose.view != "back":
            pen.ellipse(
                (cx + f * r * 0.2, top + r * 0.32, cx + f * r * 1.45, top + r * 0.6),
                shaded(accent, 0.8),
            )
    if "bow" in look.features and pose.view != "side":
        accent = look.item("bow")
        bx, by = cx + r * 0.75, head_y - r * 0.75
        pen.polygon(
            [(bx, by), (bx - r * 0.45, by - r * 0.3), (bx - r * 0.45, by + r * 0.3)], accent
        )
        pen.polygon(
            [(bx, by), (bx + r * 0.45, by - r * 0.3), (bx + r * 0.45, by + r * 0.3)], accent
        )


def draw_glasses(pen: Pen, eyes: Sequence[Point], size: float, r: float) -> None:
    """Round glasses over one or two eyes (one seen from the side)."""
    frame = (50, 44, 60)
    width = max(1, round(r * 0.07))
    for x, y in eyes:
        pen.draw.ellipse((x - size, y - size, x + size, y + size), outline=frame, width=width)
    if len(eyes) == 2:
        (x0, y0), (x1, y1) = eyes
        pen.draw.line([(x0 + size, y0), (x1 - size, y1)], fill=frame, width=width)
