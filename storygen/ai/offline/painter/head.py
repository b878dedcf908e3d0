"""The creature head being drawn, with the ears, muzzles and markings many heads share.

Everything is measured in head radii from the head's centre. The heads of particular
creatures are in the ``heads_*`` modules; ``heads`` chooses among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storygen.ai.offline.painter.colour import RGB, is_dark
from storygen.ai.offline.painter.figure_parts import Pose, draw_eyes, draw_face, draw_glasses
from storygen.ai.offline.painter.looks import Look
from storygen.ai.offline.painter.pen import Pen, Point, draw_tube, ellipse_points


@dataclass(frozen=True)
class Head:
    """One creature head being drawn, with helpers that measure in head radii from its centre."""

    pen: Pen
    look: Look
    cx: float
    y: float
    r: float
    pose: Pose
    detail: int

    @property
    def f(self) -> int:
        """1 or -1 when seen from the side (the way it looks), 0 from the front or back."""
        return self.pose.facing if self.pose.view == "side" else 0

    @property
    def back(self) -> bool:
        return self.pose.view == "back"

    @property
    def sides(self) -> tuple[float, ...]:
        """Where paired parts (ears, horns) show: both sides, or just behind from the side."""
        return (-1.0, 1.0) if not self.f else (-self.f * 0.3,)

    def at(self, dx: float, dy: float) -> Point:
        return (self.cx + dx * self.r, self.y + dy * self.r)

    def oval(
        self, dx: float, dy: float, rx: float, ry: float, fill: RGB, *, line: bool = True
    ) -> None:
        x, y, r = self.cx + dx * self.r, self.y + dy * self.r, self.r
        self.pen.ellipse((x - rx * r, y - ry * r, x + rx * r, y + ry * r), fill, line=line)

    def tilted(
        self,
        dx: float,
        dy: float,
        rx: float,
        ry: float,
        angle: float,
        fill: RGB,
        *,
        line: bool = True,
    ) -> None:
        points = ellipse_points(self.at(dx, dy), rx * self.r, ry * self.r, angle, 20)
        self.pen.polygon(points, fill, line=line)

    def poly(self, points: Sequence[Point], fill: RGB, *, line: bool = True) -> None:
        self.pen.polygon([self.at(dx, dy) for dx, dy in points], fill, line=line)

    def dot(self, dx: float, dy: float, rx: float, ry: float, fill: RGB) -> None:
        x, y, r = self.cx + dx * self.r, self.y + dy * self.r, self.r
        self.pen.draw.ellipse((x - rx * r, y - ry * r, x + rx * r, y + ry * r), fill=fill)

    def smile(self, dx: float, dy: float, half: float, depth: float, colour: RGB) -> None:
        x0, x1 = self.cx + (dx - half) * self.r, self.cx + (dx + half) * self.r
        y0, y1 = self.y + dy * self.r, self.y + (dy + depth) * self.r
        width = max(1, round(self.r * 0.07))
        self.pen.draw.arc((x0, y0, x1, y1), 20, 160, fill=colour, width=width)

    def face(
        self,
        dy: float = -0.05,
        *,
        spread: float = 0.38,
        mouth: float = 0.3,
        skin: RGB | None = None,
        dx: float = 0.0,
    ) -> None:
        """Eyes, cheeks and mouth; on a dark face the eyes get whites and the smile is light."""
        if self.back:
            return
        skin = skin or self.look.fur
        x = self.cx + (dx + self.f * 0.1) * self.r
        y = self.y + dy * self.r
        dark = is_dark(skin)
        if dark:
            eyes = [(-spread, 0.08), (spread, 0.08)] if not self.f else [(self.f * 0.42, -0.02)]
            for ex, ey in eyes:
                self.dot(dx + self.f * 0.1 + ex, dy + ey, 0.2, 0.22, (250, 250, 246))
        draw_face(
            self.pen,
            self.look,
            x,
            y,
            self.r,
            self.pose,
            self.detail,
            spread=spread,
            mouth_drop=mouth,
            skin=skin,
            mouth=not dark,
        )
        if dark:
            self.smile(dx + self.f * 0.45, dy + mouth, 0.22, 0.28, (250, 236, 236))

    def nose(self, dx: float, dy: float, size: float, colour: RGB = (52, 38, 40)) -> None:
        self.dot(dx, dy, size, size * 0.75, colour)
        if self.detail:
            self.dot(dx - size * 0.3, dy - size * 0.3, size * 0.3, size * 0.2, (250, 246, 246))


def pointed_ears(hd: Head, tip: float, inner: RGB, *, spread: float = 0.6) -> None:
    for side in hd.sides if not hd.f else (-hd.f * 0.5,):
        base = side * spread
        hd.poly([(base - 0.38, -0.6), (base + 0.38, -0.6), (base + side * 0.2, -tip)], hd.look.fur)
        if not hd.back:
            hd.poly(
                [(base - 0.18, -0.74), (base + 0.18, -0.74), (base + side * 0.15, -tip + 0.28)],
                inner,
                line=False,
            )


def round_ears(hd: Head, dx: float, dy: float, size: float, inner: RGB) -> None:
    for side in hd.sides:
        hd.oval(side * dx, dy, size, size, hd.look.fur)
        if not hd.back:
            hd.oval(side * dx, dy, size * 0.55, size * 0.55, inner, line=False)


def muzzle_lobes(hd: Head, dy: float, colour: RGB, *, size: float = 1.0) -> None:
    """Two puffy cheeks under the nose (cats, lions, otters); one seen from the side."""
    if hd.back:
        return
    if hd.f:
        hd.oval(hd.f * 0.58, dy, 0.3 * size, 0.22 * size, colour, line=False)
        return
    for side in (-1, 1):
        hd.oval(side * 0.2 * size, dy, 0.25 * size, 0.2 * size, colour, line=False)


def whiskers(hd: Head, dy: float) -> None:
    if hd.back or hd.f or hd.detail < 1:
        return
    for side in (-1, 1):
        for lift in (-0.06, 0.06):
            hd.pen.draw.line(
                [hd.at(side * 0.38, dy + lift), hd.at(side * 1.05, dy + lift * 2.4)],
                fill=(70, 60, 64),
                width=max(1, round(hd.r * 0.03)),
            )


def head_stripes(hd: Head, colour: RGB) -> None:
    """Tiger and zebra stripes: wedges down the forehead and in from the cheeks."""
    if hd.back:
        return
    shift = hd.f * 0.25
    for dx, wide, long in ((0.0, 0.1, 0.38), (-0.36, 0.08, 0.3), (0.36, 0.08, 0.3)):
        x = dx + shift
        hd.poly(
            [
                (x - wide, -0.95 + abs(dx) * 0.15),
                (x + wide, -0.95 + abs(dx) * 0.15),
                (x, -0.95 + abs(dx) * 0.15 + long),
            ],
            colour,
            line=False,
        )
    for side in (-1, 1) if not hd.f else (-hd.f,):
        for dy in (-0.05, 0.22):
            hd.poly(
                [(side * 0.99, dy - 0.06), (side * 0.96, dy + 0.08), (side * 0.66, dy + 0.02)],
                colour,
                line=False,
            )


def beak_eyes(hd: Head, eyes: Sequence[Point]) -> None:
    points = [hd.at(dx, dy) for dx, dy in eyes]
    draw_eyes(hd.pen, hd.look, points, hd.r, hd.detail >= 3)
    cheek = (244, 150, 160)
    for side in (-1, 1) if not hd.f else (hd.f * 0.6,):
        hd.dot(side * 0.56, 0.32, 0.13, 0.09, cheek)
    if "glasses" in hd.look.features:
        draw_glasses(hd.pen, points, hd.r * 0.27, hd.r)


def antennae(hd: Head, colour: RGB) -> None:
    for side in (-1, 1) if not hd.f else (-hd.f * 0.4, hd.f * 0.5):
        points = [hd.at(side * 0.22, -0.82), hd.at(side * 0.38, -1.3), hd.at(side * 0.6, -1.52)]
        draw_tube(hd.pen, points, [hd.r * 0.08] * 3, colour)
        hd.oval(side * 0.6, -1.52, 0.13, 0.13, colour)
