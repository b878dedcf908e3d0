"""The weather a page's words name, and drawing it: rain, falling snow, wind and fog.

Only named weather is drawn. Rain, snowflakes and wind lines fall in front of the scene but
never across the text area; fog lies behind the cast.
"""

from __future__ import annotations

import math
import re

from PIL import Image, ImageDraw

from storygen.ai.offline.painter.canvas import Canvas
from storygen.ai.offline.painter.layout import overlaps

_WEATHER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in (
        ("rain", r"rain(?:s|ing|ed|y)?|raindrops?|drizzl(?:e|ing)|storm(?:s|y)?|downpour"),
        (
            "snow",
            r"snowing|snowflakes?|snow fell|falling snow|snowfall|blizzards?|"
            r"snow (?:was |is )?falling|flakes? of snow",
        ),
        ("wind", r"wind(?:y)?|breez(?:e|y)|gusts?(?: of wind)?|blustery|blowing"),
        ("fog", r"fog(?:gy)?|mist(?:y)?|haze|hazy"),
        ("sunny", r"sunny|sunshine|sunlit|sun shone|sun was shining|bright sun|hot sun"),
    )
)


def weather_for(text: str) -> tuple[str, ...]:
    """The weather ``text`` names, in a fixed order."""
    return tuple(name for name, pattern in _WEATHER if pattern.search(text))


def draw_fog(canvas: Canvas, horizon: float) -> None:
    """Pale bands of mist along the horizon, behind the cast."""
    if "fog" not in canvas.weather:
        return
    mist = Image.new("L", canvas.image.size, 0)
    draw = ImageDraw.Draw(mist)
    u = canvas.unit
    for index, alpha in enumerate((150, 110, 80)):
        top = horizon - u * (0.16 - index * 0.05)
        draw.rectangle((0, top, canvas.width, horizon + u * (0.05 + index * 0.05)), fill=alpha)
    canvas.image.paste((236, 238, 242), (0, 0, *canvas.image.size), mist)


def draw_falling_weather(canvas: Canvas) -> None:
    """Rain, snowflakes or wind lines over the whole picture except the text area."""
    rng, u = canvas.rng, canvas.unit
    if "rain" in canvas.weather:
        colour = (190, 210, 236)
        length = u * 0.04
        for _ in range(int(canvas.width * canvas.height / (u * u) * 220)):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, canvas.height)
            if canvas.in_text_area(x, y) or canvas.in_text_area(x - length * 0.3, y + length):
                continue
            canvas.draw.line(
                [(x, y), (x - length * 0.3, y + length)],
                fill=colour,
                width=max(1, round(u * 0.003)),
            )
    if "snow" in canvas.weather:
        for _ in range(int(canvas.width * canvas.height / (u * u) * 160)):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, canvas.height)
            r = u * rng.choice((0.004, 0.006, 0.008))
            if canvas.in_text_area(x, y):
                continue
            canvas.draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255))
    if "wind" in canvas.weather:
        colour = (255, 255, 255)
        for _ in range(12):
            x, y = rng.uniform(0.05, 0.7) * canvas.width, rng.uniform(0.1, 0.6) * canvas.height
            span = u * rng.uniform(0.18, 0.3)
            points = [
                (x + span * t / 10, y + math.sin(t / 10 * math.pi * 2) * u * 0.012)
                for t in range(11)
            ]
            # Gusts blow past the cast, not across their faces.
            gust = (x, y - u * 0.04, x + span + u * 0.02, y + u * 0.02)
            if any(canvas.in_text_area(px, py) for px, py in points) or any(
                overlaps(gust, figure) for figure in canvas.cast
            ):
                continue
            canvas.draw.line(points, fill=colour, width=max(1, round(u * 0.004)))
            end = points[-1]
            r = u * 0.012
            canvas.draw.arc(
                (end[0] - r, end[1] - 2 * r, end[0] + r, end[1]),
                90,
                360,
                fill=colour,
                width=max(1, round(u * 0.004)),
            )
