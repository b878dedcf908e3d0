"""The painter's entry points: ``paint`` (a scene and a size in, the same PNG bytes out every
time), ``paint_portrait`` (a sheet's character, head and shoulders) and ``plan_picture`` (the
scene graph of what ``paint`` draws)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from storygen.ai.offline.painter.composition import paint_scene, picture_seed, plan_scene
from storygen.ai.offline.painter.layout import Box, text_region
from storygen.ai.offline.painter.pen import Pen
from storygen.ai.offline.painter.photo_colours import PhotoColours
from storygen.ai.offline.painter.portrait import paint_portrait as paint_head_and_shoulders
from storygen.ai.offline.painter.scene_graph import PictureGraph
from storygen.ai.offline.painter.sheet import paint_sheet
from storygen.ai.offline.painter.styles import Style, style_for
from storygen.ai.offline.painter.treatments import apply_treatments, pixelate
from storygen.ai.sizes import parse_size
from storygen.ai.types import Scene


def _drawing_factor(width: int, height: int) -> int:
    # Shapes are drawn at twice the size and reduced: Pillow does not antialias shapes.
    return 2 if width * height <= 1_700_000 else 1


def plan_picture(scene: Scene, size: str) -> PictureGraph:
    """What ``paint(scene, size)`` draws, without drawing it: place, light, weather and the
    box of every prop and character in output pixels."""
    width, height = parse_size(size)
    if scene.kind == "sheet":
        return PictureGraph("sheet", "", False, "", (), 0.0, None)
    factor = _drawing_factor(width, height)
    rng = random.Random(picture_seed(scene, width, height))
    return plan_scene(scene, width * factor, height * factor, rng).graph(scene, factor)


def paint(scene: Scene, size: str, *, photo: PhotoColours | None = None) -> bytes:
    """A PNG of ``scene`` at ``size``; the same scene and size always give the same bytes.

    A sheet takes the colours of a reference ``photo`` where its description names none.
    """
    width, height = parse_size(size)
    style = style_for(scene.image_style)
    rng = random.Random(picture_seed(scene, width, height))
    factor = _drawing_factor(width, height)
    image = Image.new("RGB", (width * factor, height * factor), (250, 247, 240))
    pen = _pen(image, style, min(width, height) * factor)
    if scene.kind == "sheet":
        paint_sheet(scene, image, pen, photo)
    else:
        paint_scene(scene, image, pen, style, rng)
    region = None if scene.kind == "sheet" else text_region(scene.text_position, width, height)
    return _finished(image, factor, style, rng, region)


def paint_portrait(scene: Scene, side: int = 512, *, photo: PhotoColours | None = None) -> bytes:
    """A square PNG of a sheet's character, head and shoulders, ``side`` pixels across."""
    style = style_for(scene.image_style)
    rng = random.Random(picture_seed(scene, side, side))
    factor = _drawing_factor(side, side)
    image = Image.new("RGB", (side * factor, side * factor), style.wash)
    # Outlines as thick, for the face's size, as on a tall sheet: the figure is drawn larger.
    pen = _pen(image, style, side * factor * 2)
    paint_head_and_shoulders(scene, image, pen, photo)
    return _finished(image, factor, style, rng, None)


def _pen(image: Image.Image, style: Style, scale: float) -> Pen:
    outline = round(style.outline * scale) if style.outline else 0
    if outline == 0 and style.outline:
        outline = 1
    return Pen(ImageDraw.Draw(image), outline, style.ink)


def _finished(
    image: Image.Image,
    factor: int,
    style: Style,
    rng: random.Random,
    region: Box | None,
) -> bytes:
    if factor > 1:
        image = image.reduce(factor)
    if style.name == "pixel art":
        image = pixelate(image)
    else:
        image = apply_treatments(image, style, random.Random(rng.random()), region)
    buffer = io.BytesIO()
    # Level 1: these are drawings with large flat areas, so extra effort buys little.
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
