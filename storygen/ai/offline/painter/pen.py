"""Low-level drawing primitives that honour the style's outline.

A pen that outlines every shape the way the style asks, rotated ellipses, points along a
limb and bent tubes. Geometry and Pillow calls only: nothing here knows what a character or
a scene is.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import ImageDraw

from storygen.ai.offline.painter.colour import RGB, shaded


@dataclass
class Pen:
    draw: ImageDraw.ImageDraw
    width: int  # outline width in pixels, 0 for none
    ink: RGB | None  # fixed outline colour; None means a darker shade of each fill

    def edge(self, fill: RGB) -> RGB:
        return self.ink if self.ink is not None else shaded(fill, 0.5)

    def ellipse(self, box: Sequence[float], fill: RGB, *, line: bool = True) -> None:
        x0, y0, x1, y1 = box
        box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        if self.width and line:
            self.draw.ellipse(box, fill=fill, outline=self.edge(fill), width=self.width)
        else:
            self.draw.ellipse(box, fill=fill)

    def polygon(
        self, points: Sequence[tuple[float, float]], fill: RGB, *, line: bool = True
    ) -> None:
        if self.width and line:
            self.draw.polygon(points, fill=fill, outline=self.edge(fill), width=self.width)
        else:
            self.draw.polygon(points, fill=fill)

    def rounded(self, box: Sequence[float], radius: float, fill: RGB, *, line: bool = True) -> None:
        x0, y0, x1, y1 = box
        # Whole pixels: Pillow fails on a rounded box a pixel or two across when its corners
        # fall between pixels (tiny shoes on a small picture).
        box = (round(min(x0, x1)), round(min(y0, y1)), round(max(x0, x1)), round(max(y0, y1)))
        radius = max(0, min(int(radius), (box[2] - box[0]) // 2, (box[3] - box[1]) // 2))
        if self.width and line:
            self.draw.rounded_rectangle(
                box, radius=radius, fill=fill, outline=self.edge(fill), width=self.width
            )
        else:
            self.draw.rounded_rectangle(box, radius=radius, fill=fill)

    def limb(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        thickness: float,
        fill: RGB,
    ) -> None:
        """A thick stroke with round ends, outlined like every other shape."""
        layers = [(self.edge(fill), thickness + 2 * self.width)] if self.width else []
        layers.append((fill, thickness))
        for colour, size in layers:
            r = size / 2
            self.draw.line([start, end], fill=colour, width=max(1, round(size)))
            for x, y in (start, end):
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def ellipse_points(
    centre: tuple[float, float], rx: float, ry: float, angle: float, steps: int = 28
) -> list[tuple[float, float]]:
    """A rotated ellipse as a polygon (Pillow only draws upright ones)."""
    turn = math.radians(angle)
    cos_t, sin_t = math.cos(turn), math.sin(turn)
    points = []
    for index in range(steps):
        t = 2 * math.pi * index / steps
        px, py = rx * math.cos(t), ry * math.sin(t)
        points.append((centre[0] + px * cos_t - py * sin_t, centre[1] + px * sin_t + py * cos_t))
    return points


def point_along(
    origin: tuple[float, float], angle: float, length: float, side: int
) -> tuple[float, float]:
    radians = math.radians(angle)
    return (origin[0] + side * math.sin(radians) * length, origin[1] + math.cos(radians) * length)


Point = tuple[float, float]


def draw_tube(pen: Pen, points: Sequence[Point], widths: Sequence[float], fill: RGB) -> None:
    """A bent stroke (trunk, tail, stalk) outlined once around the whole, not at each joint.

    The bends are rounded off by cutting corners twice, so a tail curves instead of kinking.
    """
    path = [(x, y, w) for (x, y), w in zip(points, widths, strict=True)]
    for _ in range(2 if len(path) > 2 else 0):
        cut = [path[0]]
        for (x0, y0, w0), (x1, y1, w1) in itertools.pairwise(path):
            for t in (0.25, 0.75):
                cut.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, w0 + (w1 - w0) * t))
        cut.append(path[-1])
        path = cut
    layers = [(pen.edge(fill), 2.0 * pen.width)] if pen.width else []
    layers.append((fill, 0.0))
    for colour, extra in layers:
        # One polygon along both sides of the stroke, so its edge is smooth, and round caps.
        left: list[Point] = []
        right: list[Point] = []
        for index, (x, y, w) in enumerate(path):
            ax, ay, _ = path[max(0, index - 1)]
            bx, by, _ = path[min(len(path) - 1, index + 1)]
            length = math.hypot(bx - ax, by - ay) or 1.0
            nx, ny = -(by - ay) / length, (bx - ax) / length
            half = (w + extra) / 2
            left.append((x + nx * half, y + ny * half))
            right.append((x - nx * half, y - ny * half))
        pen.draw.polygon(left + right[::-1], fill=colour)
        for x, y, w in (path[0], path[-1]):
            rr = (w + extra) / 2
            pen.draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=colour)
