"""The calm text area for each text position, and the stage where the cast stands clear of it.

Boxes and sums only; nothing is drawn here.
"""

from __future__ import annotations

from dataclasses import dataclass

from storygen.text_area import text_area

#: The nine places the story text can sit, as the brief names them.
TEXT_POSITIONS = (
    "top-left",
    "top-center",
    "top-right",
    "middle-left",
    "middle-center",
    "middle-right",
    "bottom-left",
    "bottom-center",
    "bottom-right",
)


Box = tuple[float, float, float, float]


def text_region(position: str, width: int, height: int) -> tuple[int, int, int, int]:
    """The pixel box kept calm for the page text at ``position`` (unknown: bottom-center)."""
    left, top, right, bottom = text_area(position)
    return (round(left * width), round(top * height), round(right * width), round(bottom * height))


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class Stage:
    """Where the cast stands: a free rectangle, figure height and the ground line."""

    area: Box
    figure_height: float
    feet: float
    horizon: float


def plan_stage(region: Box | None, width: int, height: int, count: int, kind: str) -> Stage:
    cap = height * (0.66 if kind == "cover" else 0.58)
    per_figure = 0.62  # a figure with an arm out is about this wide for its height
    candidates: list[Box] = [(0, 0, width, height)]
    if region is not None:
        x0, y0, x1, y1 = region
        candidates = [
            (0, y1, width, height),
            (0, 0, width, y0),
            (0, 0, x0, height),
            (x1, 0, width, height),
        ]

    def figure_size(area: Box) -> float:
        area_w, area_h = area[2] - area[0], area[3] - area[1]
        if area_w <= 0 or area_h <= 0:
            return 0.0
        return min(cap, area_h * 0.8, area_w / (max(count, 1) * per_figure + 0.15))

    # A full-width band reads better than a narrow column beside the text: a small bonus.
    area = max(candidates, key=lambda a: figure_size(a) * (1.08 if a[2] - a[0] == width else 1))
    size = figure_size(area)
    area_h = area[3] - area[1]
    feet = area[3] - min(height * 0.05, area_h * 0.08)
    horizon = max(height * 0.22, feet - size * 0.55 - height * 0.04)
    if feet - horizon < height * 0.08:
        horizon = feet - height * 0.08
    return Stage(area, size, feet, horizon)
