"""A whole storybook figure, person or creature, standing in a pose.

It puts body, limbs, head, hair, clothes and accessories together (and draws the snail,
which has no legs). Where a figure stands and how it is lit is composition's job.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

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


def draw_bird_legs(pen: Pen, cx: float, hip: float, feet: float, h: float, f: int) -> None:
    """Thin orange legs and three-toed feet under a bird's round body."""
    leg = (236, 150, 50)
    width = max(1, round(h * 0.022))
    for side in (-1, 1) if not f else (-0.4, 0.4):
        x = cx + side * h * 0.06
        pen.draw.line([(x, hip), (x, feet - h * 0.01)], fill=leg, width=width)
        for toe in (-1, 0, 1):
            pen.draw.line(
                [(x, feet - h * 0.01), (x + toe * h * 0.035 + f * h * 0.02, feet + h * 0.005)],
                fill=leg,
                width=width,
            )


def draw_bow_tie(pen: Pen, look: Look, cx: float, y: float, h: float) -> None:
    """A bow tie at the neck: two triangles and a knot."""
    colour = look.item("bowtie")
    w, t = h * 0.09, h * 0.045
    pen.polygon([(cx, y), (cx - w, y - t), (cx - w, y + t)], colour)
    pen.polygon([(cx, y), (cx + w, y - t), (cx + w, y + t)], colour)
    pen.ellipse((cx - h * 0.018, y - h * 0.018, cx + h * 0.018, y + h * 0.018), shaded(colour, 0.8))


def draw_coat_front(
    pen: Pen, look: Look, cx: float, neck: float, hip: float, h: float, sw: float, pose: Pose
) -> None:
    """An open collar showing the top underneath, and a row of buttons down the front."""
    if pose.view == "back":
        return
    x = cx + (pose.facing * sw * 0.35 if pose.view == "side" else 0)
    if look.under is not None:
        pen.polygon(
            [(x - sw * 0.35, neck), (x + sw * 0.35, neck), (x, neck + (hip - neck) * 0.35)],
            look.under,
        )
    button = shaded(look.top, 0.6)
    for index in range(3):
        y = neck + (hip - neck) * (0.45 + index * 0.2)
        s = h * 0.012
        pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=button)


def draw_figure(
    pen: Pen, look: Look, cx: float, feet: float, height: float, pose: Pose, detail: int
) -> None:
    """One storybook figure with its feet at ``feet``, ``height`` pixels tall, in its pose.

    Sleepers lie along the ground; fliers and jumpers are lifted off it; sitters are lower.
    """
    if pose.action == "sleeping":
        _draw_lying(pen, look, cx, feet, height, pose, detail)
        return
    if pose.action in {"flying", "jumping"}:
        feet -= height * (0.2 if pose.action == "flying" else 0.14)
    _draw_upright(pen, look, cx, feet, height, pose, detail)


def _draw_lying(
    pen: Pen, look: Look, cx: float, feet: float, height: float, pose: Pose, detail: int
) -> None:
    """The figure drawn upright on a layer of its own, then laid down with its head left."""
    size = math.ceil(height * 1.6)
    scale = 1
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    layer_pen = Pen(ImageDraw.Draw(layer), pen.width * scale, pen.ink)
    upright = Pose(10, 10, "front", 1, 0.0, "standing")
    _draw_upright(layer_pen, look, size / 2, size * 0.9, height, upright, detail)
    lying = layer.rotate(90, expand=False)  # head to the left, feet to the right
    # After turning, the figure's back lies along the layer's right edge; set it on the ground.
    box = lying.getbbox()
    if box is None:
        return
    lying = lying.crop(box)
    left = round(cx - lying.width / 2)
    top = round(feet - lying.height)
    target = pen.draw._image
    target.paste(lying, (left, top), lying)
    # Closed eyes are hard to read this small; a "z" above the head says the figure sleeps.
    zx, zy, s = left + lying.width * 0.1, top - height * 0.12, height * 0.06
    pen.draw.line(
        [(zx, zy), (zx + s, zy), (zx, zy + s), (zx + s, zy + s)],
        fill=(90, 110, 170),
        width=max(1, round(height * 0.012)),
    )


def _draw_upright(
    pen: Pen, look: Look, cx: float, feet: float, height: float, pose: Pose, detail: int
) -> None:
    if look.animal == "snail":
        _draw_snail(pen, look, cx, feet, height, pose, detail)
        return
    h = height
    r = h * (0.17 if look.height < 0.9 else 0.15)
    sitting = pose.action == "sitting"
    drop = h * 0.16 if sitting else 0.0  # sitting: the body lowers, the shins stay
    head_y = feet - h + r + drop
    neck = head_y + r * 0.92
    hip = feet - h * 0.33 + drop
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
    bird = look.animal in {"owl", "bird"} and look.top == look.fur
    if "wings" in look.features or look.animal in {"dragon", "bee"}:
        draw_wings(pen, look, cx, neck, h)
    if "cape" in look.features and not back_view:
        draw_cape(pen, look, cx, neck + h * 0.02, hip, h, pose.view)
    if "backpack" in look.features and side_view:
        pack_x = cx - f * sw * 1.15
        pen.rounded(
            (pack_x - sw * 0.55, neck + h * 0.03, pack_x + sw * 0.55, hip - h * 0.02),
            h * 0.03,
            look.item("backpack"),
        )
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
    if bird:
        draw_bird_legs(pen, cx, feet - h * 0.12, feet, h, f if side_view else 0)
    elif side_view:
        stride = h * (0.06 + pose.stride)
        legs = [(cx - stride, shoe_y), (cx + stride, shoe_y)]
        if sitting:
            # Thighs forward along the seat, shins straight down.
            knee = (cx + f * h * 0.17, leg_top + h * 0.02)
            legs = [(knee[0] - f * h * 0.02, shoe_y), (knee[0] + f * h * 0.01, shoe_y)]
            for x, _ in legs:
                pen.limb((cx, leg_top), (x, knee[1]), limb_w * 1.05, leg_colour)
        for x, y in legs:
            top_of_shin = (x, leg_top + h * 0.02) if sitting else (cx, leg_top)
            pen.limb(top_of_shin, (x, y - h * 0.02), limb_w * 1.05, leg_colour)
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

    if sitting and not side_view and not bird:
        # Thighs toward the viewer: two rounded knees over the tops of the shins.
        for side in (-1, 1):
            x = cx + side * h * 0.06
            pen.ellipse(
                (x - limb_w * 0.8, hip - h * 0.02, x + limb_w * 0.8, hip + h * 0.09), leg_colour
            )
    # Body.
    if bird:
        # An owl or a bird is one egg-shaped body from the head down, with wings at its sides.
        pen.ellipse((cx - sw * 1.3, neck - h * 0.08, cx + sw * 1.3, feet - h * 0.08), look.fur)
    elif look.animal == "robot" and look.shape == "round":
        mid_y = (neck + hip) / 2 + h * 0.01
        ry = (hip - neck) * 0.62
        pen.ellipse((cx - sw * 1.3, mid_y - ry, cx + sw * 1.3, mid_y + ry), look.top)
        if not back_view and not side_view:
            pen.ellipse(
                (cx - sw * 0.5, mid_y - ry * 0.35, cx + sw * 0.5, mid_y + ry * 0.45),
                shaded(look.top, 0.85),
            )
    elif look.animal == "robot":
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
        hem = feet - h * (0.15 if look.outfit == "dress" else 0.2)
        pen.polygon(
            [
                (cx - sw * 0.9, waist),
                (cx + sw * 0.9, waist),
                (cx + sw * 1.55, hem),
                (cx - sw * 1.55, hem),
            ],
            look.top if look.outfit != "skirt" else look.bottom,
        )
    elif look.animal == "sheep" and look.top == look.fur:
        draw_wool_body(pen, look, cx, neck, hip + h * 0.02, sw)
    elif look.outfit == "dungarees" and look.under is not None:
        # The shirt, then the bib and its straps over it.
        pen.rounded((cx - sw, neck, cx + sw, hip + h * 0.02), sw * 0.45, look.under)
        bib_top = neck + (hip - neck) * 0.3
        pen.rounded((cx - sw * 0.72, bib_top, cx + sw * 0.72, hip + h * 0.03), h * 0.015, look.top)
        pen.rounded((cx - sw, hip - h * 0.05, cx + sw, hip + h * 0.03), h * 0.012, look.top)
        if not side_view:
            for side in (-1, 1):
                pen.draw.line(
                    [(cx + side * sw * 0.55, bib_top), (cx + side * sw * 0.62, neck + h * 0.005)],
                    fill=look.top,
                    width=max(1, round(h * 0.025)),
                )
    else:
        pen.rounded((cx - sw, neck, cx + sw, hip + h * 0.02), sw * 0.45, look.top)
        if look.top != look.bottom and not fur_body and look.outfit != "coat":
            pen.rounded((cx - sw, hip - h * 0.035, cx + sw, hip + h * 0.03), h * 0.01, look.bottom)
        if look.outfit == "coat":
            draw_coat_front(pen, look, cx, neck, hip, h, sw, pose)
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
    if "backpack" in look.features and pose.view == "front":
        strap = shaded(look.item("backpack"), 0.8)
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
                look.item("backpack"),
            )
        if "cape" in look.features:
            draw_cape(pen, look, cx, neck + h * 0.01, hip, h, pose.view)
        draw_back(pen, look, cx, neck, hip, h, sw, pose)
        draw_tail(pen, look, (cx, hip - h * 0.02), h, 1)
    if "scarf" in look.features:
        scarf = look.item("scarf")
        pen.rounded(
            (cx - sw * 0.85, neck - h * 0.01, cx + sw * 0.85, neck + h * 0.045),
            h * 0.02,
            scarf,
        )
        tail_x = cx + (sw * 0.35 if not side_view else -f * sw * 0.2)
        pen.rounded(
            (tail_x - h * 0.025, neck + h * 0.02, tail_x + h * 0.025, neck + h * 0.14),
            h * 0.01,
            scarf,
        )

    # Arms.
    shoulder_y = neck + h * 0.04
    arm_len = h * 0.27
    sleeve = look.under if look.outfit == "dungarees" and look.under else look.top
    hand = skin if look.animal != "robot" else shaded(look.fur, 0.85)
    undressed = fur_body and look.top == look.fur
    if undressed and look.animal in TRIM_ARMS:
        sleeve = hand = look.bottom
    flippers = undressed and look.animal in {"penguin", "duck", "owl", "bird"}
    if bird:
        sleeve = shaded(look.fur, 0.82)
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
    if "bowtie" in look.features and not back_view:
        draw_bow_tie(pen, look, cx + (f * sw * 0.3 if side_view else 0), neck + h * 0.025, h)
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
