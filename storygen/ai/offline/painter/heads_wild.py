"""Heads of the big and wild creatures: elephant, lion, tiger, hippo, giraffe and more.

Each draws one head on a ``Head``; choosing which one to draw is ``heads``' job.
"""

from __future__ import annotations

import math

from storygen.ai.offline.painter.colour import RAINBOW, mix, pale, shaded
from storygen.ai.offline.painter.head import (
    Head,
    head_stripes,
    muzzle_lobes,
    pointed_ears,
    round_ears,
    whiskers,
)
from storygen.ai.offline.painter.pen import draw_tube


def head_elephant(hd: Head) -> None:
    fur, inner = hd.look.fur, hd.look.trim
    if not hd.f:
        for side in (-1.0, 1.0):
            hd.oval(side * 0.98, 0.05, 0.66, 0.8, fur)
            if not hd.back:
                hd.oval(side * 1.08, 0.08, 0.42, 0.55, inner, line=False)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    if hd.f:
        # In profile the big ear lies over the back of the head.
        hd.oval(-hd.f * 0.3, 0.08, 0.52, 0.72, fur)
        hd.oval(-hd.f * 0.34, 0.1, 0.32, 0.5, inner, line=False)
    hd.face(-0.22, spread=0.42, mouth=0.62)
    if "tusks" in hd.look.features:
        ivory = (250, 244, 226)
        for side in (-1, 1) if not hd.f else (hd.f,):
            base = side * 0.3 if not hd.f else hd.f * 0.6
            draw_tube(
                hd.pen,
                [hd.at(base, 0.5), hd.at(base + side * 0.12, 0.85), hd.at(base + side * 0.32, 1.0)],
                [hd.r * 0.2, hd.r * 0.16, hd.r * 0.1],
                ivory,
            )
    if hd.f:
        path = [(hd.f * 0.7, 0.15), (hd.f * 1.05, 0.45), (hd.f * 1.15, 0.8), (hd.f * 1.0, 1.0)]
    else:
        path = [(0.0, 0.12), (0.0, 0.5), (0.04, 0.82), (0.22, 1.02), (0.42, 0.96)]
    widths = [0.38, 0.34, 0.3, 0.26, 0.22][: len(path)]
    draw_tube(hd.pen, [hd.at(dx, dy) for dx, dy in path], [w * hd.r for w in widths], fur)


def head_lion(hd: Head) -> None:
    fur, mane = hd.look.fur, hd.look.trim
    if "maneless" not in hd.look.features:
        shift = -hd.f * 0.2
        rainbow = "rainbow" in hd.look.features
        for index in range(12):
            angle = index * math.pi / 6
            colour = RAINBOW[index % len(RAINBOW)] if rainbow else mane
            hd.oval(shift + math.cos(angle) * 1.0, 0.05 + math.sin(angle) * 1.0, 0.44, 0.44, colour)
        if not rainbow:
            hd.oval(shift, 0.05, 1.12, 1.12, mane, line=False)
    round_ears(hd, 0.68, -0.7, 0.25, pale(fur))
    hd.oval(0, 0, 0.92, 0.92, fur)
    if hd.back:
        return
    muzzle_lobes(hd, 0.44, pale(fur))
    hd.nose(hd.f * 0.62, 0.28, 0.14, (110, 64, 54))
    hd.face(-0.14, spread=0.36, mouth=0.66)


def head_tiger(hd: Head) -> None:
    fur, stripes = hd.look.fur, hd.look.trim
    round_ears(hd, 0.72, -0.68, 0.27, (250, 248, 242))
    hd.oval(0, 0, 1.02, 0.96, fur)
    head_stripes(hd, stripes)
    if hd.back:
        return
    muzzle_lobes(hd, 0.44, (252, 250, 246), size=1.1)
    hd.nose(hd.f * 0.62, 0.28, 0.14, (236, 130, 140))
    whiskers(hd, 0.46)
    hd.face(-0.14, spread=0.38, mouth=0.66)


def head_hippo(hd: Head) -> None:
    fur, pink = hd.look.fur, hd.look.trim
    round_ears(hd, 0.55, -0.86, 0.17, pink)
    hd.oval(0, -0.12, 0.92, 0.86, fur)
    if hd.back:
        return
    muzzle = mix(fur, pink, 0.35)
    nostril = shaded(fur, 0.5)
    if hd.f:
        hd.oval(hd.f * 0.5, 0.5, 0.82, 0.56, muzzle)
        hd.dot(hd.f * 0.95, 0.3, 0.07, 0.05, nostril)
        hd.face(-0.5, spread=0.36, mouth=1.15)
        return
    hd.oval(0, 0.52, 1.04, 0.6, muzzle)
    for side in (-1, 1):
        hd.dot(side * 0.3, 0.32, 0.08, 0.06, nostril)
    hd.face(-0.5, spread=0.34, mouth=1.05)
    for side in (-1, 1):
        hd.pen.draw.rectangle(
            (
                hd.cx + side * 0.28 * hd.r - hd.r * 0.06,
                hd.y + 0.68 * hd.r,
                hd.cx + side * 0.28 * hd.r + hd.r * 0.06,
                hd.y + 0.8 * hd.r,
            ),
            fill=(255, 255, 250),
        )


def head_giraffe(hd: Head) -> None:
    fur, patch = hd.look.fur, hd.look.trim
    for side in hd.sides:
        draw_tube(
            hd.pen, [hd.at(side * 0.3, -0.6), hd.at(side * 0.36, -1.3)], [hd.r * 0.16] * 2, fur
        )
        hd.oval(side * 0.36, -1.34, 0.14, 0.14, patch)
        hd.tilted(side * 0.9, -0.44, 0.36, 0.14, -side * 25, fur)
        if not hd.back:
            hd.tilted(side * 0.9, -0.44, 0.2, 0.06, -side * 25, pale(fur), line=False)
    hd.oval(hd.f * 0.1, 0, 0.84, 0.96, fur)
    for dx, dy in ((-0.42, -0.5), (0.5, -0.36), (-0.05, -0.78)):
        hd.dot(dx, dy, 0.14, 0.1, patch)
    if hd.back:
        return
    muzzle = pale(fur)
    sx = hd.f * 0.55
    hd.oval(sx, 0.56, 0.56, 0.4, muzzle)
    for side in (-1, 1) if not hd.f else (hd.f,):
        hd.dot(sx + side * 0.2, 0.5, 0.05, 0.07, shaded(muzzle, 0.5))
    hd.face(-0.2, spread=0.38, mouth=0.92)


def head_dinosaur(hd: Head) -> None:
    fur, plates = hd.look.fur, hd.look.trim
    for dx, dy, size in ((0.0, -0.95, 0.42), (-0.55, -0.72, 0.3), (0.55, -0.72, 0.3)):
        x = dx - hd.f * 0.35 if hd.f else dx
        hd.poly([(x - size * 0.6, dy + 0.25), (x + size * 0.6, dy + 0.25), (x, dy - size)], plates)
    hd.oval(hd.f * 0.1, 0, 1.04, 0.94, fur)
    if hd.back:
        return
    if hd.f:
        hd.oval(hd.f * 0.62, 0.32, 0.72, 0.48, fur)
        hd.dot(hd.f * 1.12, 0.18, 0.05, 0.04, shaded(fur, 0.5))
        hd.face(-0.3, spread=0.42, mouth=0.72)
        return
    hd.oval(0, 0.4, 0.76, 0.46, fur)
    for side in (-1, 1):
        hd.dot(side * 0.16, 0.22, 0.05, 0.04, shaded(fur, 0.5))
    hd.face(-0.32, spread=0.42, mouth=0.9)
    hd.smile(0, 0.42, 0.42, 0.34, (70, 40, 40))


def head_monkey(hd: Head) -> None:
    fur, face = hd.look.fur, hd.look.trim
    for side in (-1, 1) if not hd.f else (-hd.f * 0.2,):
        hd.oval(side * 1.0, 0.02, 0.32, 0.32, fur)
        if not hd.back:
            hd.oval(side * 1.0, 0.02, 0.18, 0.18, face, line=False)
    hd.poly([(-0.2, -0.9), (0.08, -1.26), (0.22, -0.9)], fur)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    shift = hd.f * 0.3
    for side in (-1, 1):
        hd.oval(shift + side * 0.28, -0.08, 0.36, 0.38, face, line=False)
    hd.oval(shift, 0.38, 0.58, 0.44, face, line=False)
    for side in (-1, 1) if not hd.f else (hd.f,):
        hd.dot(shift + side * 0.08, 0.28, 0.04, 0.03, shaded(face, 0.45))
    hd.face(-0.12, spread=0.28, mouth=0.56, skin=face, dx=shift - hd.f * 0.1)


def head_wolf(hd: Head) -> None:
    fur, light = hd.look.fur, hd.look.trim
    pointed_ears(hd, 1.7, light)
    for side in (-1, 1) if not hd.f else (-hd.f,):
        hd.poly(
            [
                (side * 0.82, -0.12),
                (side * 1.2, 0.3),
                (side * 0.88, 0.28),
                (side * 1.08, 0.56),
                (side * 0.5, 0.55),
            ],
            mix(fur, light, 0.6),
        )
    hd.oval(0, 0, 1.0, 0.98, fur)
    if hd.back:
        return
    if hd.f:
        hd.tilted(hd.f * 0.78, 0.38, 0.52, 0.27, hd.f * 8, light)
        hd.nose(hd.f * 1.22, 0.3, 0.15)
    else:
        hd.oval(0, 0.46, 0.42, 0.32, light)
        hd.nose(0, 0.3, 0.16)
    hd.face(-0.16, spread=0.38, mouth=0.62)


def head_deer(hd: Head) -> None:
    fur, light = hd.look.fur, hd.look.trim
    if "antlers" in hd.look.features:
        antler = (150, 104, 66)
        for side in (-1.0, 1.0) if not hd.f else (-hd.f * 0.2, hd.f * 0.5):
            base = side * 0.32 if abs(side) >= 1 else side
            sign = 1 if side > 0 else -1
            trunk = [
                hd.at(base, -0.7),
                hd.at(base + sign * 0.14, -1.25),
                hd.at(base + sign * 0.4, -1.7),
            ]
            draw_tube(hd.pen, trunk, [hd.r * 0.13, hd.r * 0.11, hd.r * 0.09], antler)
            for start, end in (((0.1, -1.1), (-0.16, -1.5)), ((0.28, -1.5), (0.66, -1.56))):
                draw_tube(
                    hd.pen,
                    [hd.at(base + sign * start[0], start[1]), hd.at(base + sign * end[0], end[1])],
                    [hd.r * 0.1, hd.r * 0.08],
                    antler,
                )
    for side in (-1, 1) if not hd.f else (-hd.f * 0.5,):
        hd.tilted(side * 0.98, -0.42, 0.44, 0.18, -side * 25, fur)
        if not hd.back:
            hd.tilted(
                side * 1.0,
                -0.42,
                0.28,
                0.09,
                -side * 25,
                mix(light, (244, 170, 180), 0.4),
                line=False,
            )
    hd.oval(hd.f * 0.08, 0, 0.92, 0.98, fur)
    if hd.back:
        return
    sx = hd.f * 0.62
    hd.oval(sx, 0.5, 0.36, 0.28, light)
    hd.nose(sx, 0.4, 0.13)
    hd.face(-0.16, spread=0.38, mouth=0.74)
