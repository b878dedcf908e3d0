"""A whole storybook figure, person or creature, standing in a pose.

It puts body, limbs, head, hair, clothes and accessories together (and draws the snail,
which has no legs). Where a figure stands and how it is lit is composition's job.
"""

from __future__ import annotations

import math

from storygen.ai.offline.painter.bodies import (
    belly_patch,
    draw_back,
    draw_body_marks,
    draw_wool_body,
)
from storygen.ai.offline.painter.colour import mix, shaded
from storygen.ai.offline.painter.figure_parts import (
    Pose,
    draw_accessories,
    draw_cape,
    draw_face,
    draw_hair_back,
    draw_hair_front,
    draw_tail,
    draw_wings,
)
from storygen.ai.offline.painter.head import Head
from storygen.ai.offline.painter.heads import animal_head
from storygen.ai.offline.painter.look_tables import TRIM_ARMS
from storygen.ai.offline.painter.looks import Look
from storygen.ai.offline.painter.pen import Pen, Point, draw_tube, ellipse_points, point_along


def _draw_snail(
    pen: Pen, look: Look, cx: float, feet: float, h: float, pose: Pose, detail: int
) -> None:
    """A snail in profile whatever the pose: a long foot, a spiral shell and a head on stalks."""
    f = pose.facing if pose.view == "side" else (1 if pose.view == "front" else -1)
    body, shell = look.fur, look.trim
    length = h * 0.62
    r = h * 0.15
    hx, hy = cx + f * length * 0.32, feet - h * 0.6
    # The foot, tapering to a point behind.
    pen.polygon(
        [
            (cx - f * length * 0.55, feet - h * 0.01),
            (cx - f * length * 0.1, feet - h * 0.13),
            (hx + f * r * 0.6, feet - h * 0.13),
            (hx + f * r * 0.9, feet - h * 0.05),
            (hx + f * r * 0.6, feet),
            (cx - f * length * 0.3, feet),
        ],
        body,
    )
    pen.rounded((hx - r * 0.65, hy, hx + r * 0.65, feet - h * 0.02), r * 0.6, body)
    if "shell-less" not in look.features:
        sx, sy, sr = cx - f * length * 0.12, feet - h * 0.34, h * 0.25
        pen.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), shell)
        spiral: list[Point] = []
        for step in range(40):
            angle = step * 0.32
            reach = sr * (0.82 - step * 0.019)
            spiral.append((sx + f * math.cos(angle) * reach, sy - math.sin(angle) * reach))
        pen.draw.line(spiral, fill=shaded(shell, 0.62), width=max(1, round(h * 0.012)))
        pen.draw.ellipse(
            (sx - sr * 0.55, sy - sr * 0.78, sx - sr * 0.25, sy - sr * 0.5),
            fill=shaded(shell, 1.25),
        )
    head_pose = Pose(20, 20, "side" if pose.view == "side" else "front", f)
    hd = Head(pen, look, hx, hy, r, head_pose, detail)
    for side in (-0.35, 0.35):
        draw_tube(pen, [hd.at(side * 0.8, -0.7), hd.at(side * 1.1, -1.55)], [r * 0.14] * 2, body)
        hd.oval(side * 1.1, -1.6, 0.18, 0.18, shaded(body, 0.9))
    hd.oval(0, 0, 1.0, 1.0, body)
    if pose.view != "back":
        hd.face(-0.05, spread=0.36, mouth=0.36)
    draw_accessories(pen, look, hx, hy, r, head_pose)


def draw_figure(
    pen: Pen, look: Look, cx: float, feet: float, height: float, pose: Pose, detail: int
) -> None:
    """One storybook figure standing with its feet at ``feet``, ``height`` pixels tall."""
    if look.animal == "snail":
        _draw_snail(pen, look, cx, feet, height, pose, detail)
        return
    h = height
    r = h * (0.17 if look.height < 0.9 else 0.15)
    head_y = feet - h + r
    neck = head_y + r * 0.92
    hip = feet - h * 0.33
    if look.animal == "giraffe":
        # A small head high up on a long neck; the shoulders sit low, the legs are long.
        r = h * 0.12
        head_y = feet - h + r * 1.5
        neck = feet - h * 0.56
        hip = feet - h * 0.37
    side_view = pose.view == "side"
    back_view = pose.view == "back"
    sw = h * (0.105 if side_view else 0.15)
    fur_body = look.animal is not None
    skin = look.fur if fur_body else look.skin
    limb_w = h * 0.075
    f = pose.facing if side_view else 1

    # Behind the body.
    if "wings" in look.features or look.animal in {"dragon", "owl", "bird", "bee"}:
        draw_wings(pen, look, cx, neck, h)
    if "cape" in look.features and not back_view:
        draw_cape(pen, look, cx, neck + h * 0.02, hip, h, pose.view)
    if not back_view:
        # Front view: the tail sweeps out on the left, where the arm hangs down.
        draw_tail(pen, look, (cx - f * sw * 0.6, hip - h * 0.02), h, -f)
        draw_back(pen, look, cx, neck, hip, h, sw, pose)
    draw_hair_back(pen, look, cx, head_y, r, pose)

    # Legs and shoes.
    leg_top = hip - h * 0.03
    shoe_y = feet - h * 0.035
    leg_colour = (
        look.bottom
        if not look.dress
        else mix(look.skin if not fur_body else look.fur, look.bottom, 0.25)
    )
    boots = "boots" in look.features
    if side_view:
        stride = h * (0.06 + pose.stride)
        legs = [(cx - stride, shoe_y), (cx + stride, shoe_y)]
        for x, y in legs:
            pen.limb((cx, leg_top), (x, y - h * 0.02), limb_w * 1.05, leg_colour)
        for x, y in legs:
            shoe = (
                x - h * 0.05 + f * h * 0.02,
                y - h * (0.06 if boots else 0.02),
                x + h * 0.06 + f * h * 0.03,
                y + h * 0.035,
            )
            pen.rounded(shoe, h * 0.02, look.shoes)
    else:
        for side in (-1, 1):
            x = cx + side * h * 0.055
            pen.rounded(
                (x - limb_w * 0.55, leg_top, x + limb_w * 0.55, shoe_y), limb_w * 0.4, leg_colour
            )
        for side in (-1, 1):
            x = cx + side * h * 0.06
            if boots:
                pen.rounded(
                    (x - h * 0.05, shoe_y - h * 0.08, x + h * 0.05, feet + h * 0.01),
                    h * 0.02,
                    look.shoes,
                )
            else:
                pen.ellipse(
                    (x - h * 0.06, shoe_y - h * 0.03, x + h * 0.06, feet + h * 0.015), look.shoes
                )

    # Body.
    if look.animal == "robot":
        pen.rounded((cx - sw * 1.05, neck, cx + sw * 1.05, hip + h * 0.03), h * 0.03, look.top)
        if not back_view and not side_view:
            for index, colour in enumerate(((236, 80, 80), (250, 210, 70), (80, 200, 120))):
                x = cx - sw * 0.45 + index * sw * 0.45
                y = neck + (hip - neck) * 0.45
                s = h * 0.022
                pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=colour)
    elif look.dress:
        waist = neck + (hip - neck) * 0.55
        pen.rounded((cx - sw * 0.95, neck, cx + sw * 0.95, waist + h * 0.02), sw * 0.45, look.top)
        hem = feet - h * 0.15
        pen.polygon(
            [
                (cx - sw * 0.9, waist),
                (cx + sw * 0.9, waist),
                (cx + sw * 1.55, hem),
                (cx - sw * 1.55, hem),
            ],
            look.top,
        )
    elif look.animal == "sheep" and look.top == look.fur:
        draw_wool_body(pen, look, cx, neck, hip + h * 0.02, sw)
    else:
        pen.rounded((cx - sw, neck, cx + sw, hip + h * 0.02), sw * 0.45, look.top)
        if look.top != look.bottom and not fur_body:
            pen.rounded((cx - sw, hip - h * 0.035, cx + sw, hip + h * 0.03), h * 0.01, look.bottom)
    belly = belly_patch(look) if fur_body and look.top == look.fur and not back_view else None
    if belly is not None:
        colour, width = belly
        pen.ellipse(
            (
                cx - sw * width + f * sw * 0.2,
                neck + h * 0.05,
                cx + sw * width + f * sw * 0.2,
                hip,
            ),
            colour,
            line=False,
        )
    if fur_body:
        draw_body_marks(pen, look, cx, neck, hip, h, sw, pose)
    if "backpack" in look.features and not back_view:
        strap = shaded(look.accent, 0.8)
        for side in (-1, 1):
            pen.draw.line(
                [(cx + side * sw * 0.55, neck), (cx + side * sw * 0.6, hip - h * 0.06)],
                fill=strap,
                width=max(1, round(h * 0.018)),
            )
    if back_view:
        if "backpack" in look.features:
            pen.rounded(
                (cx - sw * 0.7, neck + h * 0.04, cx + sw * 0.7, hip - h * 0.02),
                h * 0.03,
                look.accent,
            )
        if "cape" in look.features:
            draw_cape(pen, look, cx, neck + h * 0.01, hip, h, pose.view)
        draw_back(pen, look, cx, neck, hip, h, sw, pose)
        draw_tail(pen, look, (cx, hip - h * 0.02), h, 1)
    if "scarf" in look.features:
        pen.rounded(
            (cx - sw * 0.85, neck - h * 0.01, cx + sw * 0.85, neck + h * 0.045),
            h * 0.02,
            look.accent,
        )
        tail_x = cx + (sw * 0.35 if not side_view else -f * sw * 0.2)
        pen.rounded(
            (tail_x - h * 0.025, neck + h * 0.02, tail_x + h * 0.025, neck + h * 0.14),
            h * 0.01,
            look.accent,
        )

    # Arms.
    shoulder_y = neck + h * 0.04
    arm_len = h * 0.27
    sleeve = look.top
    hand = skin if look.animal != "robot" else shaded(look.fur, 0.85)
    undressed = fur_body and look.top == look.fur
    if undressed and look.animal in TRIM_ARMS:
        sleeve = hand = look.bottom
    flippers = undressed and look.animal in {"penguin", "duck"}
    hand_r = h * 0.035
    arms = [(-1, pose.left_arm), (1, pose.right_arm)] if not side_view else [(f, pose.right_arm)]
    for side, angle in arms:
        origin = (cx + side * sw * 0.85, shoulder_y) if not side_view else (cx, shoulder_y)
        if side_view:
            end = point_along(origin, min(angle, 60.0), arm_len, side)
        else:
            end = point_along(origin, angle, arm_len, side)
        if flippers:
            # Flippers and wings: one tapering shape along the arm, no hand.
            centre = ((origin[0] + end[0]) / 2, (origin[1] + end[1]) / 2)
            turn = math.degrees(math.atan2(end[1] - origin[1], end[0] - origin[0]))
            pen.polygon(ellipse_points(centre, arm_len * 0.58, limb_w * 0.72, turn), sleeve)
            continue
        pen.limb(origin, end, limb_w, sleeve)
        pen.ellipse((end[0] - hand_r, end[1] - hand_r, end[0] + hand_r, end[1] + hand_r), hand)

    # Neck and head.
    if look.animal == "giraffe":
        crown = (cx + (pose.facing * r * 0.2 if side_view else 0), head_y + r * 0.5)
        draw_tube(pen, [(cx, neck + h * 0.03), crown], [r * 0.72, r * 0.62], skin)
        for t, dx in ((0.3, -0.12), (0.62, 0.14)):
            px, py = cx + (crown[0] - cx) * t + dx * r, neck + (crown[1] - neck) * t
            pen.draw.rounded_rectangle(
                (px - r * 0.14, py - r * 0.12, px + r * 0.14, py + r * 0.12),
                radius=r * 0.05,
                fill=look.trim,
            )
    pen.draw.rectangle(
        (cx - r * 0.3, neck - r * 0.3, cx + r * 0.3, neck + h * 0.02), fill=shaded(skin, 0.92)
    )
    if look.animal:
        animal_head(pen, look, cx, head_y, r, pose, detail)
    else:
        if look.hair_style != "bald":
            draw_hair_front(pen, look, cx, head_y, r, pose)
        if back_view:
            if look.hair_style == "bald":
                pen.ellipse((cx - r, head_y - r, cx + r, head_y + r), look.skin)
            else:
                pen.ellipse(
                    (cx - r * 1.05, head_y - r * 1.08, cx + r * 1.05, head_y + r * 0.98), look.hair
                )
        else:
            shift = pose.facing * r * 0.12 if side_view else 0
            top = head_y - (r * 0.62 if look.hair_style != "bald" else r)
            pen.ellipse((cx + shift - r * 0.92, top, cx + shift + r * 0.92, head_y + r), look.skin)
            if side_view:
                nx = cx + shift + pose.facing * r * 0.9
                pen.ellipse(
                    (nx - r * 0.16, head_y - r * 0.02, nx + r * 0.16, head_y + r * 0.26),
                    look.skin,
                    line=False,
                )
            if (
                look.hair_style in {"short", "bob", "long", "ponytail", "braids", "pigtails", "bun"}
                and not side_view
            ):
                # A fringe keeps the forehead from looking bald.
                pen.draw.chord(
                    (cx - r * 0.92, top - r * 0.05, cx + r * 0.92, top + r * 0.7),
                    180,
                    360,
                    fill=look.hair,
                )
            draw_face(pen, look, cx + shift, head_y, r, pose, detail)
    draw_accessories(pen, look, cx, head_y, r, pose)
