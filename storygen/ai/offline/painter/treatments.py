"""Style treatments applied to the finished picture at its output size.

Paper grain, blur, glow, vignette, sparkles, halftone and the pixel-art palette. Whole-picture
effects only; a style's outline and detail act while shapes are drawn.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageOps

from storygen.ai.offline.painter.colour import RGB
from storygen.ai.offline.painter.layout import Box, overlaps
from storygen.ai.offline.painter.styles import Style


def _noise(rng: random.Random, size: tuple[int, int], low: int, high: int) -> Image.Image:
    """Seeded grey noise (Pillow's own noise is not reproducible), mapped to [low, high]."""
    width, height = max(1, size[0]), max(1, size[1])
    raw = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    return raw.point(lambda v: low + v * (high - low) // 255)


def _fast_blur(image: Image.Image, factor: int) -> Image.Image:
    width, height = image.size
    small = image.resize((max(1, width // factor), max(1, height // factor)), Image.Resampling.BOX)
    return small.resize((width, height), Image.Resampling.BILINEAR)


def _glow(image: Image.Image, strength: float, threshold: int = 150) -> Image.Image:
    bright = image.point(lambda v: min(255, max(0, v - threshold) * 3))
    halo = _fast_blur(bright, 24).point(lambda v: round(v * strength))
    return ImageChops.screen(image, halo)


def _vignette(image: Image.Image, amount: float) -> Image.Image:
    ring = Image.radial_gradient("L").resize(image.size, Image.Resampling.BILINEAR)
    shade = ring.point(lambda v: 255 - round(max(0, v - 110) * amount * 255 / 145))
    return ImageChops.multiply(image, Image.merge("RGB", (shade, shade, shade)))


def _sparkles(
    image: Image.Image, rng: random.Random, region: Box, count: int, colours: Sequence[RGB]
) -> None:
    draw = ImageDraw.Draw(image)
    width, height = image.size
    unit = min(width, height)
    for _ in range(count):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        s = unit * rng.uniform(0.006, 0.016)
        if overlaps((x - s, y - s, x + s, y + s), region):
            continue
        colour = rng.choice(colours)
        draw.polygon(
            [
                (x, y - s),
                (x + s * 0.25, y - s * 0.25),
                (x + s, y),
                (x + s * 0.25, y + s * 0.25),
                (x, y + s),
                (x - s * 0.25, y + s * 0.25),
                (x - s, y),
                (x - s * 0.25, y - s * 0.25),
            ],
            fill=colour,
        )


def _halftone(image: Image.Image, unit: int) -> Image.Image:
    step = max(4, round(unit / 110))
    tile = Image.new("L", (step, step), 255)
    ImageDraw.Draw(tile).ellipse((step * 0.2, step * 0.2, step * 0.8, step * 0.8), fill=200)
    width, height = image.size
    row = Image.new("L", (width, step), 255)
    for x in range(0, width, step):
        row.paste(tile, (x, 0))
    dots = Image.new("L", (width, height), 255)
    for y in range(0, height, step):
        dots.paste(row, (0, y))
    return ImageChops.multiply(image, Image.merge("RGB", (dots, dots, dots)))


def apply_treatments(
    image: Image.Image, style: Style, rng: random.Random, region: Box | None
) -> Image.Image:
    name = style.name
    width, height = image.size
    unit = min(width, height)
    keep_clear = region if region is not None else (0, 0, 0, 0)
    if name == "cartoon":
        image = ImageEnhance.Color(image).enhance(1.3)
    elif name == "watercolor":
        soft = _fast_blur(image, max(2, unit // 160))
        # Pigment pools at the edges of shapes: darken where the blur differs from the drawing.
        edges = ImageChops.difference(image, soft).convert("L").point(lambda v: 255 - min(60, v))
        image = Image.blend(image, soft, 0.55)
        image = ImageChops.multiply(image, Image.merge("RGB", (edges, edges, edges)))
        pigment = _noise(rng, (width // 64 + 2, height // 64 + 2), 226, 255)
        pigment = pigment.resize((width, height), Image.Resampling.BILINEAR)
        # Paper grain at a quarter of the size: fine noise would look like sand and make
        # the PNG several times larger and slower to encode.
        grain = _noise(rng, (width // 4 + 1, height // 4 + 1), 240, 255)
        grain = grain.resize((width, height), Image.Resampling.BILINEAR)
        # Stepped texture values keep flat washes flat in runs, which PNG compresses well.
        texture = ImageChops.multiply(pigment, grain).point(lambda v: v - v % 6)
        image = ImageChops.multiply(image, Image.merge("RGB", (texture, texture, texture)))
        image = Image.blend(image, Image.new("RGB", image.size, (253, 249, 238)), 0.12)
        image = ImageEnhance.Brightness(image).enhance(1.06)
    elif name == "photorealistic":
        image = image.filter(ImageFilter.GaussianBlur(max(0.6, unit / 700)))
        image = ImageEnhance.Contrast(image).enhance(1.06)
        image = _vignette(image, 0.35)
    elif name == "fantasy art":
        image = _glow(image, 0.45, 185)
        image = ImageEnhance.Color(image).enhance(1.15)
        _sparkles(image, rng, keep_clear, 40, ((255, 246, 200), (255, 220, 140), (230, 200, 255)))
    elif name == "sci-fi concept art":
        grey = image.convert("L")
        graded = ImageOps.colorize(
            grey, black=(6, 14, 44), white=(210, 255, 250), mid=(150, 70, 190)
        )
        image = Image.blend(image, graded, 0.3)
        image = ImageEnhance.Contrast(image).enhance(1.1)
        image = _glow(image, 0.5, 180)
        column = Image.new("L", (1, height))
        column.putdata([222 if y % 4 == 3 else 255 for y in range(height)])
        scan = column.resize((width, height), Image.Resampling.NEAREST)
        image = ImageChops.multiply(image, Image.merge("RGB", (scan, scan, scan)))
    elif name == "anime":
        image = ImageEnhance.Color(image).enhance(1.2)
        image = _glow(image, 0.3, 170)
    elif name == "vintage comic book art":
        image = ImageOps.posterize(image, 3)
        image = _halftone(image, unit)
        image = ImageChops.multiply(image, Image.new("RGB", image.size, (252, 238, 206)))
        border = max(2, round(unit * 0.012))
        ImageDraw.Draw(image).rectangle(
            (0, 0, width - 1, height - 1), outline=(20, 18, 24), width=border
        )
    elif name == "noir":
        grey = ImageOps.autocontrast(image.convert("L"), cutoff=1)
        grey = grey.point(lambda v: max(0, min(255, round(128 + (v - 128) * 1.6))))
        image = _vignette(Image.merge("RGB", (grey, grey, grey)), 0.6)
    return image


# A fixed retro palette: every pixel-art picture shares it, so a story's pages match.
_PIXEL_PALETTE: tuple[RGB, ...] = (
    (20, 18, 30),
    (60, 56, 84),
    (120, 116, 140),
    (196, 194, 206),
    (250, 248, 240),
    (96, 52, 36),
    (150, 90, 56),
    (206, 140, 96),
    (250, 206, 170),
    (244, 226, 176),
    (176, 40, 48),
    (232, 80, 72),
    (246, 150, 60),
    (252, 212, 72),
    (140, 196, 64),
    (56, 140, 72),
    (26, 84, 70),
    (40, 70, 150),
    (64, 130, 220),
    (130, 196, 240),
    (100, 60, 150),
    (176, 110, 210),
    (240, 130, 170),
    (220, 236, 250),
)


def pixelate(image: Image.Image) -> Image.Image:
    width, height = image.size
    block = max(4, round(min(width, height) / 96))
    small = image.resize((max(1, width // block), max(1, height // block)), Image.Resampling.BOX)
    palette = Image.new("P", (1, 1))
    flat = [channel for colour in _PIXEL_PALETTE for channel in colour]
    palette.putpalette(flat + flat[:3] * (256 - len(_PIXEL_PALETTE)))
    small = small.quantize(palette=palette, dither=Image.Dither.NONE)
    return small.convert("RGB").resize((width, height), Image.Resampling.NEAREST)
