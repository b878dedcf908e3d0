"""Which head a creature gets: its own, or the shared one for cats, foxes, dogs and the rest.

Bodies, tails and the figure as a whole are drawn elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from storygen.ai.offline.painter.colour import mix, shaded
from storygen.ai.offline.painter.figure_parts import Pose, draw_eyes, draw_face, draw_glasses
from storygen.ai.offline.painter.head import Head
from storygen.ai.offline.painter.heads_small import (
    head_badger,
    head_bee,
    head_critter,
    head_duck,
    head_frog,
    head_hedgehog,
    head_horse,
    head_ladybug,
    head_otter,
    head_penguin,
    head_pig,
    head_sheep,
    head_squirrel,
    head_turtle,
)
from storygen.ai.offline.painter.heads_wild import (
    head_deer,
    head_dinosaur,
    head_elephant,
    head_giraffe,
    head_hippo,
    head_lion,
    head_monkey,
    head_tiger,
    head_wolf,
)
from storygen.ai.offline.painter.looks import Look
from storygen.ai.offline.painter.pen import Pen


def animal_head(
    pen: Pen, look: Look, cx: float, head_y: float, r: float, pose: Pose, detail: int
) -> None:
    painter = _HEADS.get(look.animal or "")
    if painter is not None:
        painter(Head(pen, look, cx, head_y, r, pose, detail))
        return
    fur = look.fur
    animal = look.animal
    light = mix(fur, (255, 250, 240), 0.6)
    f = pose.facing if pose.view == "side" else 0
    back = pose.view == "back"
    # Ears behind the head.
    if animal in {"cat", "fox"}:
        for side in (-1, 1) if not f else (-f * 0.3,):
            base = cx + side * r * 0.6
            pen.polygon(
                [
                    (base - r * 0.4, head_y - r * 0.6),
                    (base + r * 0.4, head_y - r * 0.6),
                    (base + side * r * 0.2, head_y - r * 1.55),
                ],
                fur,
            )
            if not back:
                pen.polygon(
                    [
                        (base - r * 0.2, head_y - r * 0.75),
                        (base + r * 0.2, head_y - r * 0.75),
                        (base + side * r * 0.15, head_y - r * 1.3),
                    ],
                    (250, 240, 236) if animal == "fox" else (240, 170, 180),
                    line=False,
                )
    elif animal == "rabbit":
        for side in (-1, 1) if not f else (-f * 0.3,):
            base = cx + side * r * 0.4
            pen.ellipse((base - r * 0.25, head_y - r * 2.2, base + r * 0.25, head_y - r * 0.4), fur)
            if not back:
                pen.ellipse(
                    (base - r * 0.12, head_y - r * 2.0, base + r * 0.12, head_y - r * 0.6),
                    (244, 176, 190),
                    line=False,
                )
    elif animal in {"bear", "mouse"}:
        size = r * (0.36 if animal == "bear" else 0.6)
        for side in (-1, 1) if not f else (-f * 0.3,):
            x, y = cx + side * r * 0.78, head_y - r * 0.72
            pen.ellipse((x - size, y - size, x + size, y + size), fur)
            if not back:
                inner = size * 0.55
                pen.ellipse(
                    (x - inner, y - inner, x + inner, y + inner),
                    (240, 180, 190) if animal == "mouse" else light,
                    line=False,
                )
    elif animal == "dragon":
        for side in (-1, 1):
            base = cx + side * r * 0.5
            pen.polygon(
                [
                    (base - r * 0.18, head_y - r * 0.8),
                    (base + r * 0.18, head_y - r * 0.8),
                    (base + side * r * 0.35, head_y - r * 1.5),
                ],
                (250, 232, 180),
            )
    elif animal == "owl":
        for side in (-1, 1):
            base = cx + side * r * 0.7
            pen.polygon(
                [
                    (base - r * 0.25, head_y - r * 0.7),
                    (base + r * 0.25, head_y - r * 0.7),
                    (base + side * r * 0.3, head_y - r * 1.35),
                ],
                fur,
            )
    elif animal == "robot":
        pen.draw.line(
            [(cx, head_y - r), (cx, head_y - r * 1.6)],
            fill=(90, 96, 110),
            width=max(1, round(r * 0.1)),
        )
        pen.ellipse(
            (cx - r * 0.18, head_y - r * 1.8, cx + r * 0.18, head_y - r * 1.44), (236, 70, 70)
        )
    # The head itself.
    if animal == "robot":
        pen.rounded((cx - r * 1.05, head_y - r, cx + r * 1.05, head_y + r * 0.95), r * 0.3, fur)
    elif animal == "dragon":
        pen.ellipse((cx - r * 1.05, head_y - r * 0.95, cx + r * 1.05, head_y + r), fur)
    else:
        pen.ellipse((cx - r, head_y - r, cx + r, head_y + r), fur)
    if back:
        return
    if animal == "dog":
        for side in (-1, 1) if not f else (-f,):
            x = cx + side * r * 0.95
            pen.ellipse(
                (x - r * 0.32, head_y - r * 0.7, x + r * 0.32, head_y + r * 0.55), shaded(fur, 0.7)
            )
    snout_x = cx + f * r * 0.55
    if animal in {"dog", "fox", "bear", "cat", "mouse", "rabbit", "dragon"}:
        width = r * (0.5 if animal in {"cat", "mouse", "rabbit"} else 0.62)
        snout_y = head_y + r * 0.45
        pen.ellipse(
            (snout_x - width, snout_y - r * 0.32, snout_x + width, snout_y + r * 0.32),
            light if animal != "dragon" else mix(fur, (250, 240, 190), 0.5),
            line=animal != "cat",
        )
        nose = r * (0.14 if animal in {"cat", "mouse", "rabbit"} else 0.2)
        nx, ny = snout_x + f * width * 0.6, snout_y - r * 0.14
        nose_colour = (240, 140, 160) if animal in {"cat", "mouse", "rabbit"} else (44, 34, 36)
        pen.draw.ellipse(
            (nx - nose, ny - nose * 0.75, nx + nose, ny + nose * 0.75), fill=nose_colour
        )
        if animal in {"cat", "mouse", "rabbit"} and detail >= 1 and not f:
            for side in (-1, 1):
                for dy in (-0.05, 0.08):
                    pen.draw.line(
                        [
                            (cx + side * r * 0.35, snout_y + r * dy),
                            (cx + side * r * 1.15, snout_y + r * (dy * 2.2)),
                        ],
                        fill=(70, 60, 64),
                        width=max(1, round(r * 0.03)),
                    )
    if animal == "robot":
        glow = (90, 230, 250)
        for x in (cx - r * 0.42, cx + r * 0.42) if not f else (cx + f * r * 0.5,):
            pen.draw.ellipse(
                (x - r * 0.22, head_y - r * 0.22, x + r * 0.22, head_y + r * 0.18), fill=glow
            )
        for index in range(3):
            x = cx + f * r * 0.3 + (index - 1) * r * 0.22
            pen.draw.line(
                [(x, head_y + r * 0.45), (x, head_y + r * 0.7)],
                fill=(70, 76, 90),
                width=max(1, round(r * 0.06)),
            )
        return
    if animal in {"owl", "bird"}:
        ring = (250, 200, 80)
        eyes = (
            [(cx - r * 0.42, head_y), (cx + r * 0.42, head_y)]
            if not f
            else [(cx + f * r * 0.4, head_y)]
        )
        for x, y in eyes:
            pen.ellipse(
                (x - r * 0.36, y - r * 0.36, x + r * 0.36, y + r * 0.36),
                ring if animal == "owl" else (255, 255, 255),
            )
        draw_eyes(pen, look, eyes, r, True)
        if "glasses" in look.features:
            draw_glasses(pen, eyes, r * 0.4, r)
        bx = cx + f * r * 0.9
        pen.polygon(
            [
                (bx - r * 0.16, head_y + r * 0.25),
                (bx + r * 0.16, head_y + r * 0.25),
                (bx + f * r * 0.3, head_y + r * 0.6),
            ],
            (246, 170, 50),
        )
        return
    draw_face(pen, look, cx, head_y - r * 0.05, r, pose, detail)


_HEADS: dict[str, Callable[[Head], None]] = {
    "hedgehog": head_hedgehog,
    "turtle": head_turtle,
    "frog": head_frog,
    "pig": head_pig,
    "elephant": head_elephant,
    "lion": head_lion,
    "tiger": head_tiger,
    "penguin": head_penguin,
    "duck": head_duck,
    "sheep": head_sheep,
    "horse": head_horse,
    "unicorn": head_horse,
    "squirrel": head_squirrel,
    "badger": head_badger,
    "otter": head_otter,
    "hippo": head_hippo,
    "giraffe": head_giraffe,
    "dinosaur": head_dinosaur,
    "monkey": head_monkey,
    "wolf": head_wolf,
    "deer": head_deer,
    "bee": head_bee,
    "ladybug": head_ladybug,
    "critter": head_critter,
}
