"""The few colours the offline painter can take from a reference photo.

It cannot see a face or a pose, only where colours lie: a person photographed from the front
usually has hair at the top of the middle of the picture, the face below it and clothes in
the lower middle. Each of those parts gives its most common colour; the description's own
colour words still win over them (see ``looks.character_look``).
"""

from __future__ import annotations

import colorsys
import io
import warnings
from collections import Counter
from dataclasses import dataclass

from PIL import Image, ImageOps

from storygen.ai.offline.painter.colour import RGB

# A photo larger than this is not decoded at all: a phone photo is a few dozen megapixels.
_MAX_PIXELS = 60_000_000
# Colours are compared on a coarse grid so that a sweater's folds count as one colour.
_STEP = 32
# The parts of the picture, as (left, top, right, bottom) fractions of its size.
_HAIR = (0.3, 0.04, 0.7, 0.24)
_FACE = (0.35, 0.24, 0.65, 0.48)
_CLOTHES = (0.25, 0.58, 0.75, 0.86)


@dataclass(frozen=True)
class PhotoColours:
    """The colours read from a photo; None where a part gave nothing usable."""

    hair: RGB | None = None
    clothes: RGB | None = None
    skin: RGB | None = None


def photo_colours(data: bytes) -> PhotoColours | None:
    """Hair, clothing and (when it looks like skin) skin colours of a photo of a person.

    None when the bytes are not a picture Pillow can read.
    """
    image = _small_picture(data)
    if image is None:
        return None
    skin = _dominant(image, _FACE)
    return PhotoColours(
        hair=_dominant(image, _HAIR),
        clothes=_dominant(image, _CLOTHES),
        skin=skin if skin is not None and _looks_like_skin(skin) else None,
    )


def _small_picture(data: bytes) -> Image.Image | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"])
            if image.width * image.height > _MAX_PIXELS:
                return None
            image.draft("RGB", (256, 256))  # a JPEG decodes at a fraction of its size
            # Phones store portraits sideways with an orientation tag.
            upright = ImageOps.exif_transpose(image).convert("RGB")
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
            return None
        except Image.DecompressionBombError:
            return None
    upright.thumbnail((96, 96), Image.Resampling.BOX)
    return upright


def _dominant(image: Image.Image, part: tuple[float, float, float, float]) -> RGB | None:
    """The average of the most common coarse colour in ``part`` of ``image``."""
    width, height = image.size
    left, top, right, bottom = part
    box = (
        int(width * left),
        int(height * top),
        max(int(width * left) + 1, round(width * right)),
        max(int(height * top) + 1, round(height * bottom)),
    )
    crop = image.crop(box)
    counts = [
        (count, colour)
        for count, colour in crop.getcolors(crop.width * crop.height) or []
        if isinstance(colour, tuple)
    ]
    if not counts:
        return None
    buckets: Counter[tuple[int, ...]] = Counter()
    for count, colour in counts:
        buckets[tuple(c // _STEP for c in colour[:3])] += count
    winner, total = buckets.most_common(1)[0]
    members = [(n, c) for n, c in counts if tuple(v // _STEP for v in c[:3]) == winner]
    red, green, blue = (sum(n * c[i] for n, c in members) / total for i in range(3))
    return (round(red), round(green), round(blue))


def _looks_like_skin(colour: RGB) -> bool:
    """Warm, moderately saturated and neither near black nor near white: every skin tone."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in colour))
    red, green, blue = colour
    return (
        (hue <= 50 / 360 or hue >= 345 / 360)
        and 0.12 <= saturation <= 0.7
        and 0.2 <= value <= 0.98
        and red >= green >= blue - 10
    )
