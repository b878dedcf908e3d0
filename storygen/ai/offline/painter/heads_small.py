"""Heads of the small and farmyard creatures, from hedgehog to ladybug, and the critter.

Each draws one head on a ``Head``; choosing which one to draw is ``heads``' job.
"""

from __future__ import annotations

import math

from storygen.ai.offline.painter.colour import RAINBOW, mix, pale, shaded
from storygen.ai.offline.painter.figure_parts import draw_eyes, draw_glasses
from storygen.ai.offline.painter.head import (
    Head,
    antennae,
    beak_eyes,
    head_stripes,
    muzzle_lobes,
    pointed_ears,
    round_ears,
    whiskers,
)
from storygen.ai.offline.painter.pen import Point


def head_hedgehog(hd: Head) -> None:
    spines, face = hd.look.fur, hd.look.trim
    mirror = hd.f or 1
    start, end = (150.0, 390.0) if not hd.f else (105.0, 305.0)
    for scale, colour in ((1.0, spines), (0.8, shaded(spines, 1.22))):
        crown: list[Point] = [(0.0, 0.35)]
        for index in range(21):
            angle = math.radians(start + (end - start) * index / 20)
            reach = (1.65 if index % 2 else 1.02) * scale
            crown.append((mirror * math.cos(angle) * reach, math.sin(angle) * reach))
        hd.poly(crown, colour, line=scale == 1.0)
    if not hd.back:
        for side in hd.sides:
            hd.oval(side * 0.66, -0.74, 0.2, 0.2, face)
    hd.oval(0, 0, 1.0, 1.0, face if not hd.back else spines)
    if hd.back:
        return
    # A spiky fringe of spines over the forehead: along the top of the head, then back
    # across it in a zigzag whose points dip towards the face.
    a0, a1 = (200.0, 340.0) if not hd.f else (150.0, 292.0)
    cap: list[Point] = []
    for index in range(9):
        angle = math.radians(a0 + (a1 - a0) * index / 8)
        cap.append((mirror * math.cos(angle) * 1.02, math.sin(angle) * 1.02))
    (x0, y0), (x1, y1) = cap[0], cap[-1]
    for index in range(7, 0, -1):
        t = index / 8
        px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        dip = 0.2 if index % 2 else 0.0
        cap.append((px * (1 - dip * 0.5), py * (1 - dip * 0.6) + dip * 0.2))
    hd.poly(cap, spines)
    # A pointed snout with the nose at its tip.
    if hd.f:
        hd.tilted(hd.f * 0.82, 0.32, 0.4, 0.22, hd.f * 12, face)
        hd.nose(hd.f * 1.18, 0.26, 0.13)
        hd.face(-0.1, spread=0.36, mouth=0.6, skin=face)
    else:
        hd.oval(0, 0.4, 0.25, 0.3, shaded(face, 1.08))
        hd.nose(0, 0.62, 0.13)
        hd.face(-0.12, spread=0.4, mouth=0.86, skin=face)


def head_turtle(hd: Head) -> None:
    hd.oval(hd.f * 0.08, 0, 1.0, 0.95, hd.look.fur)
    if hd.back:
        return
    for side in (-1, 1) if not hd.f else (hd.f * 0.9,):
        hd.dot(side * 0.12, 0.26, 0.04, 0.03, shaded(hd.look.fur, 0.5))
    hd.face(-0.08, spread=0.4, mouth=0.36)


def head_frog(hd: Head) -> None:
    fur = hd.look.fur
    bumps = [(-0.48, -0.6), (0.48, -0.6)] if not hd.f else [(hd.f * 0.3, -0.62)]
    if hd.back:
        bumps = [(-0.48, -0.6), (0.48, -0.6)]
    for dx, dy in bumps:
        hd.oval(dx, dy, 0.36, 0.34, fur)
    hd.oval(hd.f * 0.1, 0.1, 1.12, 0.82, fur)
    for dx, dy in bumps:
        hd.oval(dx, dy, 0.31, 0.29, fur, line=False)  # hides the head's edge across the bumps
    if hd.back:
        return
    if "warts" in hd.look.features:
        for dx, dy in ((-0.62, -0.05), (0.66, 0.0), (0.3, -0.3), (-0.28, -0.28)):
            hd.dot(dx, dy, 0.07, 0.06, shaded(fur, 0.8))
    eyes = [hd.at(dx, dy) for dx, dy in bumps]
    for dx, dy in bumps:
        hd.dot(dx, dy, 0.24, 0.23, (252, 252, 246))
    draw_eyes(hd.pen, hd.look, eyes, hd.r * 0.95, hd.detail >= 3)
    cheek = mix(fur, (244, 120, 130), 0.45)
    if hd.f:
        hd.dot(hd.f * 0.35, 0.32, 0.15, 0.1, cheek)
        hd.smile(hd.f * 0.62, 0.0, 0.42, 0.5, (70, 40, 40))
    else:
        for side in (-1, 1):
            hd.dot(side * 0.66, 0.3, 0.15, 0.1, cheek)
            hd.dot(side * 0.12, 0.02, 0.04, 0.03, shaded(fur, 0.5))
        hd.smile(0, -0.05, 0.62, 0.6, (70, 40, 40))
    if "glasses" in hd.look.features:
        draw_glasses(hd.pen, eyes, hd.r * 0.3, hd.r)


def head_pig(hd: Head) -> None:
    fur, snout = hd.look.fur, hd.look.trim
    for side in hd.sides:
        hd.poly([(side * 0.3, -0.72), (side * 0.92, -0.45), (side * 1.0, -1.25)], fur)
        if not hd.back:
            hd.poly(
                [(side * 0.48, -0.7), (side * 0.86, -0.55), (side * 0.92, -1.05)],
                mix(fur, snout, 0.6),
                line=False,
            )
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    nostril = shaded(snout, 0.55)
    if hd.f:
        hd.oval(hd.f * 0.95, 0.26, 0.2, 0.26, snout)
        hd.dot(hd.f * 1.0, 0.26, 0.05, 0.09, nostril)
    else:
        hd.oval(0, 0.3, 0.38, 0.27, snout)
        for side in (-1, 1):
            hd.dot(side * 0.13, 0.3, 0.06, 0.1, nostril)
    hd.face(-0.22, spread=0.44, mouth=0.82)


def head_penguin(hd: Head) -> None:
    fur, white = hd.look.fur, hd.look.trim
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    if hd.f:
        hd.oval(hd.f * 0.36, 0.0, 0.48, 0.46, white, line=False)
        hd.oval(hd.f * 0.32, 0.36, 0.52, 0.4, white, line=False)
        beak_eyes(hd, [(hd.f * 0.45, 0.0)])
        hd.poly([(hd.f * 0.82, 0.2), (hd.f * 1.32, 0.33), (hd.f * 0.82, 0.46)], (248, 156, 48))
        return
    for side in (-1, 1):
        hd.oval(side * 0.3, -0.02, 0.42, 0.44, white, line=False)
    hd.oval(0, 0.36, 0.56, 0.42, white, line=False)
    beak_eyes(hd, [(-0.3, 0.0), (0.3, 0.0)])
    hd.poly([(-0.17, 0.3), (0.0, 0.18), (0.17, 0.3), (0.0, 0.52)], (248, 156, 48))


def head_duck(hd: Head) -> None:
    fur, bill = hd.look.fur, hd.look.trim
    for dx, dy, angle in ((-0.12, -1.0, -20.0), (0.06, -1.08, 0.0), (0.22, -1.0, 25.0)):
        hd.tilted(dx - hd.f * 0.1, dy, 0.09, 0.2, angle, fur)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    if hd.f:
        beak_eyes(hd, [(hd.f * 0.4, -0.1)])
        hd.oval(hd.f * 0.95, 0.44, 0.36, 0.12, shaded(bill, 0.85))
        hd.oval(hd.f * 1.0, 0.3, 0.46, 0.17, bill)
        return
    beak_eyes(hd, [(-0.36, -0.1), (0.36, -0.1)])
    hd.oval(0, 0.56, 0.36, 0.15, shaded(bill, 0.85))
    hd.oval(0, 0.38, 0.54, 0.2, bill)
    for side in (-1, 1):
        hd.dot(side * 0.13, 0.32, 0.04, 0.025, shaded(bill, 0.6))


def head_sheep(hd: Head) -> None:
    wool, face = hd.look.fur, hd.look.trim
    shift = -hd.f * 0.2
    for index in range(11):
        angle = math.radians(150 + index * 24)
        hd.oval(shift + math.cos(angle) * 0.9, math.sin(angle) * 0.88, 0.36, 0.36, wool)
    hd.oval(shift, 0, 0.92, 0.9, wool, line=False)
    if hd.back:
        return
    for side in (-1, 1) if not hd.f else (-hd.f * 0.4,):
        hd.tilted(side * 0.98, 0.02, 0.36, 0.15, side * 20, face)
    hd.oval(hd.f * 0.2, 0.14, 0.68, 0.86, face)
    for dx, dy in ((-0.3, -0.64), (0.0, -0.74), (0.3, -0.64)):
        hd.oval(dx + hd.f * 0.1, dy, 0.27, 0.25, wool)
    hd.face(0.0, spread=0.3, mouth=0.5, skin=face)


def head_horse(hd: Head) -> None:
    look = hd.look
    fur, mane = look.fur, look.trim
    rainbow = "rainbow" in look.features
    locks = RAINBOW if rainbow else (mane, shaded(mane, 0.9))
    # The mane falls behind the head on the far side.
    away = -hd.f or 1
    for index in reversed(range(len(locks))):
        dx, dy = away * (0.55 + index * 0.09), -0.1 + index * 0.06
        hd.tilted(dx, dy, 0.3, 0.95, away * 12, locks[index])
    for side in hd.sides:
        hd.tilted(side * 0.46, -0.92, 0.15, 0.36, side * 18, fur)
        if not hd.back:
            hd.tilted(side * 0.46, -0.88, 0.07, 0.22, side * 18, pale(fur), line=False)
    hd.oval(hd.f * 0.1, 0.02, 0.86, 1.0, fur)
    if look.animal == "unicorn":
        tip = hd.f * 0.25
        hd.poly([(-0.14, -0.74), (0.14, -0.74), (tip, -1.85)], (250, 214, 110))
        for t in (0.25, 0.5, 0.75):
            x, y, half = tip * t, -0.74 - 1.11 * t, 0.14 * (1 - t)
            hd.pen.draw.line(
                [hd.at(x - half, y + 0.07), hd.at(x + half, y - 0.07)],
                fill=(214, 160, 60),
                width=max(1, round(hd.r * 0.05)),
            )
    for index, (dx, angle) in enumerate(((-0.14, -25.0), (0.1, 10.0), (0.3, 35.0))):
        colour = locks[index % len(locks)]
        hd.tilted(dx + hd.f * 0.2, -0.78, 0.14, 0.3, angle, colour)
    if "stripes" in look.features:
        head_stripes(hd, mane)
    if hd.back:
        return
    muzzle = mix(fur, (244, 196, 200), 0.4) if sum(fur) > 690 else pale(fur)
    nostril = shaded(muzzle, 0.5)
    if hd.f:
        hd.oval(hd.f * 0.6, 0.58, 0.52, 0.4, muzzle)
        hd.dot(hd.f * 0.9, 0.5, 0.06, 0.09, nostril)
    else:
        hd.oval(0, 0.62, 0.62, 0.42, muzzle)
        for side in (-1, 1):
            hd.dot(side * 0.24, 0.58, 0.07, 0.1, nostril)
    hd.face(-0.26, spread=0.42, mouth=1.02)


def head_squirrel(hd: Head) -> None:
    fur, cream = hd.look.fur, hd.look.trim
    for side in hd.sides:
        hd.poly([(side * 0.28, -0.72), (side * 0.82, -0.52), (side * 0.72, -1.42)], fur)
        hd.poly(
            [(side * 0.64, -1.3), (side * 0.62, -1.68), (side * 0.86, -1.55)], shaded(fur, 0.75)
        )
    hd.oval(0, 0, 1.0, 0.98, fur)
    if hd.back:
        return
    if not hd.f:
        for side in (-1, 1):
            hd.oval(side * 0.46, 0.36, 0.34, 0.27, cream, line=False)
    sx = hd.f * 0.6
    hd.oval(sx, 0.4, 0.26, 0.2, cream, line=False)
    hd.face(-0.14, spread=0.38, mouth=0.56)
    for side in (-1, 1):
        x = sx + side * 0.05
        hd.pen.draw.rounded_rectangle(
            (
                hd.cx + (x - 0.05) * hd.r,
                hd.y + 0.76 * hd.r,
                hd.cx + (x + 0.05) * hd.r,
                hd.y + 0.92 * hd.r,
            ),
            radius=hd.r * 0.02,
            fill=(255, 255, 252),
        )
    hd.nose(sx, 0.3, 0.1, (150, 80, 70))


def head_badger(hd: Head) -> None:
    stripe = hd.look.trim
    white = (246, 246, 242)
    round_ears(hd, 0.74, -0.62, 0.2, white)
    hd.oval(hd.f * 0.08, 0.04, 0.96, 0.96, white)
    if hd.f:
        # From the back of the head over the eye towards the nose.
        band = [(-0.55, -0.84), (-0.05, -1.0), (0.78, 0.08), (0.58, 0.4)]
        hd.poly([(hd.f * dx, dy) for dx, dy in band], stripe, line=False)
    else:
        for side in (-1, 1):
            hd.poly(
                [(side * 0.14, -0.94), (side * 0.5, -0.8), (side * 0.46, 0.34), (side * 0.22, 0.4)],
                stripe,
                line=False,
            )
    if hd.back:
        return
    sx = hd.f * 0.6
    hd.oval(sx, 0.5, 0.3, 0.24, white)
    hd.nose(sx + hd.f * 0.1, 0.44, 0.14, (30, 28, 32))
    hd.face(-0.06, spread=0.33, mouth=0.66, skin=stripe)


def head_otter(hd: Head) -> None:
    fur, cream = hd.look.fur, hd.look.trim
    round_ears(hd, 0.8, -0.46, 0.17, shaded(fur, 0.8))
    hd.oval(0, 0, 1.06, 0.94, fur)
    if hd.back:
        return
    muzzle_lobes(hd, 0.4, cream, size=1.15)
    hd.nose(hd.f * 0.62, 0.24, 0.17, (50, 34, 30))
    whiskers(hd, 0.42)
    hd.face(-0.16, spread=0.42, mouth=0.76)


def head_bee(hd: Head) -> None:
    antennae(hd, hd.look.trim)
    hd.oval(0, 0, 1.0, 1.0, hd.look.fur)
    hd.face(-0.04, spread=0.38, mouth=0.32)


def head_ladybug(hd: Head) -> None:
    antennae(hd, hd.look.trim)
    hd.oval(0, 0, 1.0, 1.0, hd.look.trim)
    hd.face(-0.04, spread=0.38, mouth=0.32, skin=hd.look.trim)


def head_critter(hd: Head) -> None:
    fur = hd.look.fur
    features = hd.look.features
    light = pale(fur)
    if "ears-pointy" in features:
        pointed_ears(hd, 1.45, mix(fur, (244, 170, 180), 0.5))
    elif "ears-round" in features:
        round_ears(hd, 0.74, -0.72, 0.3, light)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if "ears-floppy" in features:
        for side in (-1, 1) if not hd.f else (-hd.f,):
            hd.tilted(side * 0.9, 0.0, 0.26, 0.56, -side * 12, shaded(fur, 0.8))
    if hd.back:
        return
    sx = hd.f * 0.55
    hd.oval(sx, 0.44, 0.44, 0.3, light)
    hd.nose(sx + hd.f * 0.2, 0.32, 0.15, (60, 44, 48))
    hd.face(-0.06, spread=0.38, mouth=0.34)
