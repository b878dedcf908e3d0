"""The canvas a scene is painted on, its time of day and light, and the room left on it.

The canvas keeps scenery clear of the text area and of the cast. It draws nothing itself;
the sky, scenery, backdrop and water modules draw on it.
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
from dataclasses import dataclass

from PIL import Image, ImageDraw

from storygen.ai.offline.painter.colour import RGB, mix
from storygen.ai.offline.painter.layout import Box, overlaps
from storygen.ai.offline.painter.pen import Pen
from storygen.ai.offline.painter.places import INDOOR_PLACES
from storygen.ai.offline.painter.styles import Style

SKIES: dict[str, tuple[RGB, RGB]] = {
    "dawn": ((236, 160, 170), (255, 224, 184)),
    "morning": ((112, 184, 240), (214, 238, 250)),
    "midday": ((70, 150, 232), (184, 224, 250)),
    "afternoon": ((98, 160, 226), (255, 220, 160)),
    "sunset": ((84, 74, 156), (255, 156, 102)),
    "night": ((14, 22, 62), (56, 64, 124)),
    "space": ((10, 8, 34), (58, 30, 96)),
}


_TIME_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(?:dawn|sunrise|daybreak)\b", "dawn"),
    (r"\b(?:night|midnight|moonlight|moonlit|starlight|lantern light|bedtime)\b", "night"),
    (r"\b(?:sunset|dusk|twilight|evening)\b", "sunset"),
    (r"\b(?:afternoon|golden hour)\b", "afternoon"),
    (r"\b(?:noon|midday)\b", "midday"),
    (r"\bmorning\b", "morning"),
    # Light the words imply without naming the time.
    (r"\b(?:stars?|starry|moon|goodnight|good night|dark(?:ness)?|fireflies)\b", "night"),
    # Bedtime: in bed, going to bed, in pyjamas or hearing a lullaby.
    (r"\b(?:in bed|into bed|to bed|pyjamas|pajamas|lullab(?:y|ies))\b", "night"),
    (r"\b(?:sunny|sunshine|sun shone)\b", "midday"),
)


_SLEEP = re.compile(r"\b(?:sleep(?:s|ing)?|slept|asleep)\b", re.IGNORECASE)


_LIGHT: dict[str, tuple[RGB, float]] = {
    "dawn": ((250, 190, 170), 0.12),
    "morning": ((255, 255, 255), 0.0),
    "midday": ((255, 255, 255), 0.0),
    "afternoon": ((255, 214, 140), 0.1),
    "sunset": ((250, 130, 100), 0.2),
    "night": ((26, 34, 86), 0.5),
    "space": ((40, 30, 90), 0.25),
}


def time_of_day(description: str, rng: random.Random, theme: str) -> str:
    if theme == "space":
        return "space"
    for pattern, name in _TIME_WORDS:
        if re.search(pattern, description, re.IGNORECASE):
            return name
    # Sleep indoors is bedtime; asleep outdoors with no word of night is a nap by day.
    if theme in INDOOR_PLACES and _SLEEP.search(description):
        return "night"
    # Unnamed light is daylight: evening and night only come from the words.
    return rng.choice(("morning", "midday", "afternoon"))


def light_on(colour: RGB, time: str, indoor: bool) -> RGB:
    """``colour`` under the light of ``time`` (one of ``SKIES``), outdoors or in a room."""
    target, amount = _LIGHT[time]
    if indoor and time in {"night", "sunset"}:
        target, amount = (255, 196, 130), 0.14  # lamplight, not moonlight
    return mix(colour, target, amount)


@dataclass
class Canvas:
    image: Image.Image
    pen: Pen
    rng: random.Random
    style: Style
    time: str
    region: Box | None
    blocked: list[Box]
    width: int
    height: int
    rays: tuple[float, float] | None = None  # the cover's light burst, drawn with the sky
    cast: list[Box] = dataclasses.field(default_factory=list)  # where the figures stand
    indoor: bool = False
    weather: tuple[str, ...] = ()  # the weather the page names (see ``weather``)
    sky_lights: bool = True  # False when a planned prop is the moon in the sky
    props: frozenset[str] = frozenset()  # the planned props, so backdrops do not repeat them
    wooded: bool = False  # the words name trees or woods: a snowy wood, not open snow
    season: str = ""  # winter, autumn, spring, summer: only what the words name (``seasons``)

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        return self.pen.draw

    @property
    def unit(self) -> float:
        return min(self.width, self.height)

    def lit(self, colour: RGB) -> RGB:
        """Scenery colour under this time of day's light."""
        colour = light_on(colour, self.time, self.indoor)
        if {"rain", "fog"} & set(self.weather) and not self.indoor:
            colour = mix(colour, (170, 176, 190), 0.15)
        if self.style.name == "minimalist":
            colour = mix(colour, (250, 246, 238), 0.25)
        return colour

    def free(self, box: Box, *, behind_cast: bool = False) -> bool:
        """Whether ``box`` keeps clear of the text area and of everything placed so far.

        With ``behind_cast`` the cast may stand in front of it (trees, buildings).
        """
        others = self.blocked if behind_cast else [*self.blocked, *self.cast]
        return not any(overlaps(box, other) for other in others)

    def headroom(self, x0: float, x1: float, base: float) -> float:
        """How tall scenery standing on ``base`` between ``x0`` and ``x1`` may be and keep
        below the text area, with a little sky between (infinite: nothing above it).

        The text keeps its plain sky or ground because nothing is drawn there, not because
        something is painted over it.
        """
        region = self.region
        if region is None or x1 <= region[0] or x0 >= region[2] or region[1] >= base:
            return math.inf
        return max(0.0, base - region[3] - self.unit * 0.03)

    def ceiling(self, x: float, base: float) -> float:
        """The highest point (smallest y) a hill line at ``x`` rising from ``base`` may
        reach: below the text area, sloping away from it at 45 degrees on either side."""
        region = self.region
        if region is None or region[1] >= base:
            return -math.inf
        aside = max(0.0, region[0] - x, x - region[2])
        return region[3] + self.unit * 0.03 - aside

    def in_text_area(self, x: float, y: float) -> bool:
        region = self.region
        return region is not None and region[0] <= x <= region[2] and region[1] <= y <= region[3]

    def spot(
        self, y_range: tuple[float, float], size: float, tries: int = 12
    ) -> tuple[float, float] | None:
        """A free ground position at least ``size`` across, or None if the page is full."""
        for _ in range(tries):
            x = self.rng.uniform(size, self.width - size)
            y = self.rng.uniform(*y_range)
            box = (x - size / 2, y - size, x + size / 2, y)
            if self.free(box):
                self.blocked.append(box)
                return x, y
        return None
