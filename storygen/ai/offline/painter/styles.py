"""The picture styles the painter knows and what each means while shapes are drawn.

Each style sets the outline, ink, detail, props, sky bands and paper colour. The finishing
effects a style applies to the whole picture are in ``treatments``.
"""

from __future__ import annotations

from dataclasses import dataclass

from storygen.ai.offline.painter.colour import RGB


@dataclass(frozen=True)
class Style:
    name: str
    outline: float  # outline width as a fraction of the short side; 0 for none
    ink: RGB | None  # outline colour; None for a darker shade of each fill
    detail: int  # 0 minimal shapes, 1 normal, 3 big anime eyes
    props: float  # how many small props to scatter, relative to normal
    sky_bands: int  # 0: smooth gradient; n: that many flat bands
    wash: RGB  # the paper colour of the style


STYLES: dict[str, Style] = {
    "default": Style("default", 0.0022, None, 1, 1.0, 0, (255, 251, 242)),
    "cartoon": Style("cartoon", 0.006, (28, 24, 32), 1, 1.0, 4, (255, 255, 250)),
    "watercolor": Style("watercolor", 0.0, None, 1, 0.8, 0, (252, 248, 238)),
    "photorealistic": Style("photorealistic", 0.0, None, 1, 1.0, 0, (250, 248, 244)),
    "pixel art": Style("pixel art", 0.0, None, 1, 0.7, 6, (250, 246, 236)),
    "fantasy art": Style("fantasy art", 0.0018, None, 1, 1.0, 0, (252, 246, 236)),
    "sci-fi concept art": Style(
        "sci-fi concept art", 0.0025, (80, 220, 255), 1, 0.8, 0, (236, 246, 252)
    ),
    "anime": Style("anime", 0.0025, (60, 44, 64), 3, 1.0, 0, (255, 252, 246)),
    "vintage comic book art": Style(
        "vintage comic book art", 0.007, (20, 18, 24), 1, 1.0, 5, (252, 244, 220)
    ),
    "minimalist": Style("minimalist", 0.0, None, 0, 0.0, 1, (252, 250, 246)),
    "noir": Style("noir", 0.004, (10, 10, 12), 1, 0.8, 0, (236, 236, 236)),
}


#: The image styles the painter knows; anything else is painted as "Default".
IMAGE_STYLES = (
    "Default",
    "Cartoon",
    "Watercolor",
    "Photorealistic",
    "Pixel Art",
    "Fantasy Art",
    "Sci-Fi Concept Art",
    "Anime",
    "Vintage Comic Book Art",
    "Minimalist",
    "Noir",
)


def style_for(name: str) -> Style:
    key = " ".join(name.lower().replace("watercolour", "watercolor").split())
    return STYLES.get(key, STYLES["default"])
