"""The pictures the fake paints: a textured landscape as heavy as a real illustration, or a
tiny two-colour square per prompt when a test only needs valid image bytes."""

from __future__ import annotations

import io
import logging
import random
import struct
import threading
import time
import zlib
from typing import Literal

from PIL import Image, ImageChops, ImageDraw

logger = logging.getLogger(__name__)

PictureMode = Literal["textured", "small"]
PICTURE_MODES: tuple[str, ...] = ("textured", "small")
SMALL_SIDE = 128
FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
# Uniform noise of this many levels per channel makes a 1024x1024 PNG weigh about 1.5 MB,
# the size of a real generated illustration, so transfer and storage costs are realistic.
_NOISE_LEVELS = 8

_picture_cache: dict[tuple[int, int, str], bytes] = {}
_picture_lock = threading.Lock()


def _textured_image(width: int, height: int) -> Image.Image:
    rng = random.Random(f"{width}x{height}")
    gradient = Image.linear_gradient("L").resize((width, height))
    red = gradient.point(lambda v: 90 + v * 0.5)
    green = gradient.point(lambda v: 150 + v * 0.3)
    blue = gradient.point(lambda v: 230 - v * 0.4)
    img = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(img)
    draw.ellipse(
        (width * 0.7, height * 0.08, width * 0.88, height * 0.08 + width * 0.18),
        fill=(250, 220, 120),
    )
    draw.ellipse((-width * 0.3, height * 0.6, width * 0.7, height * 1.4), fill=(90, 160, 80))
    draw.ellipse((width * 0.3, height * 0.65, width * 1.3, height * 1.5), fill=(70, 140, 70))
    noise = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    noise = noise.point(lambda v: v % _NOISE_LEVELS)
    return ImageChops.add(img, noise, 1.0, -(_NOISE_LEVELS // 2))


def _encode(img: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "png":
        img.save(buffer, "PNG")
    else:
        img.save(buffer, FORMATS[fmt], quality=90)
    return buffer.getvalue()


def textured_picture(width: int, height: int, fmt: str) -> bytes:
    """The landscape at this size and format, painted once and then served from a cache."""
    cache_key = (width, height, fmt)
    with _picture_lock:
        cached = _picture_cache.get(cache_key)
        if cached is None:
            started = time.monotonic()
            cached = _encode(_textured_image(width, height), fmt)
            _picture_cache[cache_key] = cached
            logger.debug(
                "generated %dx%d %s texture (%d bytes) in %.2fs",
                width,
                height,
                fmt,
                len(cached),
                time.monotonic() - started,
            )
        return cached


def small_picture(width: int, height: int, fmt: str, key: str) -> bytes:
    """A picture at most SMALL_SIDE pixels wide whose colours come from the request key."""
    scale = min(1.0, SMALL_SIDE / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    digest = bytes.fromhex(key.ljust(12, "0")[:12])
    img = Image.new("RGB", size, (digest[0], digest[1], digest[2]))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, size[0] // 2, size[1] // 2), fill=(digest[3], digest[4], digest[5]))
    return _encode(img, fmt)


def png_with_text(png: bytes, keyword: str, text: str) -> bytes:
    """Insert a tEXt chunk after IHDR, so cached pixels still give each call distinct bytes."""
    ihdr_end = 8 + 4 + 4 + 13 + 4
    data = keyword.encode("latin-1") + b"\x00" + text.encode("latin-1")
    chunk = b"tEXt" + data
    packed = struct.pack(">I", len(data)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return png[:ihdr_end] + packed + png[ihdr_end:]
