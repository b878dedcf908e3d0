"""Picture sizes: a page's shape in pixels, and the nearest size an image model accepts.

A page picture is drawn at its page's shape, so a page shows it whole instead of cropping
it. The pipeline asks for ``WIDTHxHEIGHT`` with the page's aspect; each provider then
draws exactly that, or the closest size its model allows.
"""

from __future__ import annotations

import math
import re

from storygen.ai.errors import AIProviderRejected

_SIZE = re.compile(r"^\s*(\d{1,5})\s*(?:[xX]\s*(\d{1,5}))?\s*$")
MIN_SIDE = 32
MAX_SIDE = 4096

# Models that draw only a few fixed sizes, by model name prefix (dated and mini variants
# share their family's sizes).
FIXED_SIZES: dict[str, tuple[tuple[int, int], ...]] = {
    "gpt-image-1": ((1024, 1024), (1536, 1024), (1024, 1536)),
    "chatgpt-image": ((1024, 1024), (1536, 1024), (1024, 1536)),
    "dall-e-3": ((1024, 1024), (1792, 1024), (1024, 1792)),
    "dall-e-2": ((256, 256), (512, 512), (1024, 1024)),
}
# Models that draw any size within these limits: sides a multiple of 16, the long side at
# most three times the short one, and a bounded number of pixels.
FLEXIBLE_MODELS = ("gpt-image-2",)
FLEXIBLE_STEP = 16
FLEXIBLE_MAX_EDGE = 3840
FLEXIBLE_MAX_RATIO = 3.0
FLEXIBLE_PIXELS = (655_360, 8_294_400)


def parse_size(size: str) -> tuple[int, int]:
    """``"WIDTHxHEIGHT"`` as integers; anything else is :class:`AIProviderRejected`."""
    match = _SIZE.match(size) if isinstance(size, str) else None
    if not match or match.group(2) is None:
        raise AIProviderRejected(f"image size must look like 1024x1024, got {size!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise AIProviderRejected(f"image sides must be between {MIN_SIDE} and {MAX_SIDE} pixels")
    return width, height


def long_side(setting: str) -> int:
    """The long side a size setting asks for: ``"1024"``, or the longer side of ``"WxH"``."""
    match = _SIZE.match(setting) if isinstance(setting, str) else None
    if not match:
        raise ValueError(f"a picture size must look like 1024 or 1024x1024, got {setting!r}")
    side = max(int(match.group(1)), int(match.group(2) or 0))
    return min(max(side, MIN_SIDE), MAX_SIDE)


def shaped_size(aspect_width: float, aspect_height: float, setting: str) -> str:
    """``WIDTHxHEIGHT`` with the given aspect and the long side that ``setting`` asks for."""
    side = long_side(setting)
    ratio = aspect_width / aspect_height
    if ratio >= 1:
        width, height = side, max(MIN_SIDE, round(side / ratio))
    else:
        width, height = max(MIN_SIDE, round(side * ratio)), side
    return f"{width}x{height}"


def model_size(model: str, size: str) -> str:
    """The size to ask ``model`` for, for a picture wanted at ``size``.

    A model that draws any size gets the same aspect within its limits; a model with fixed
    sizes gets the one nearest in shape; an unknown model gets ``size`` as it is.
    """
    width, height = parse_size(size)
    name = model.strip().lower()
    if name.startswith(FLEXIBLE_MODELS):
        return _flexible_size(width, height)
    for prefix, sizes in FIXED_SIZES.items():
        if name.startswith(prefix):
            best = min(sizes, key=lambda s: _distance((width, height), s))
            return f"{best[0]}x{best[1]}"
    return f"{width}x{height}"


def _distance(wanted: tuple[int, int], offered: tuple[int, int]) -> tuple[float, int]:
    """How far ``offered`` is from ``wanted``: shape first, then the long side."""
    shape = abs(math.log((wanted[0] / wanted[1]) / (offered[0] / offered[1])))
    return round(shape, 6), abs(max(offered) - max(wanted))


def _flexible_size(width: int, height: int) -> str:
    ratio = min(max(width / height, 1 / FLEXIBLE_MAX_RATIO), FLEXIBLE_MAX_RATIO)
    low, high = FLEXIBLE_PIXELS
    pixels = min(max(width * height, low), high)
    w, h = math.sqrt(pixels * ratio), math.sqrt(pixels / ratio)
    scale = min(1.0, FLEXIBLE_MAX_EDGE / max(w, h))
    w, h = w * scale, h * scale
    step = FLEXIBLE_STEP
    out_w, out_h = round(w / step) * step, round(h / step) * step
    if out_w * out_h < low:
        out_w, out_h = math.ceil(w / step) * step, math.ceil(h / step) * step
    elif out_w * out_h > high or max(out_w, out_h) > FLEXIBLE_MAX_EDGE:
        out_w, out_h = math.floor(w / step) * step, math.floor(h / step) * step
    return f"{out_w}x{out_h}"
