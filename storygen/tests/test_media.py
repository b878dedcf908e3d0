"""Picture storage: originals kept, display and thumbnail derived, bad bytes refused."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from storygen.ai.errors import AIProviderRejected
from storygen.media import discard_picture, media_path, store_picture, write_atomic


def _picture(fmt: str, size: tuple[int, int] = (640, 480)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, fmt)
    return buffer.getvalue()


def test_a_png_is_kept_as_sent_with_a_jpeg_display_and_a_webp_thumbnail() -> None:
    data = _picture("PNG")
    stored = store_picture(base="t/png", data=data, mime="image/png")
    assert media_path(stored.original).read_bytes() == data
    with Image.open(media_path(stored.display)) as display:
        assert (display.format, display.size) == ("JPEG", (640, 480))
    with Image.open(media_path(stored.thumbnail)) as thumbnail:
        assert thumbnail.format == "WEBP"
        assert max(thumbnail.size) == 384


def test_a_sheets_portrait_is_kept_and_becomes_its_thumbnail() -> None:
    sheet = _picture("PNG", (640, 960))
    buffer = io.BytesIO()
    Image.new("RGB", (512, 512), (40, 90, 200)).save(buffer, "PNG")

    stored = store_picture(base="t/sheet", data=sheet, mime="image/png", portrait=buffer.getvalue())

    assert media_path(stored.original).read_bytes() == sheet  # the sheet is not re-encoded
    with Image.open(media_path(stored.portrait)) as portrait:
        assert (portrait.format, portrait.size) == ("WEBP", (512, 512))
    with Image.open(media_path(stored.thumbnail)) as thumbnail:
        assert thumbnail.size == (384, 384)
        red, _, blue = thumbnail.convert("RGB").getpixel((192, 192))
        assert blue > 150 > red  # the portrait's blue, not the sheet's orange
    discard_picture(stored)
    assert not media_path(stored.portrait).exists()
    assert not media_path(stored.original).exists()


def test_a_display_sized_jpeg_is_its_own_display_copy() -> None:
    data = _picture("JPEG")
    stored = store_picture(base="t/jpeg", data=data, mime="image/jpeg")
    assert stored.original.endswith(".jpg")
    assert media_path(stored.display).read_bytes() == data


def test_a_huge_jpeg_gets_a_smaller_display_copy() -> None:
    stored = store_picture(base="t/big", data=_picture("JPEG", (3000, 1000)), mime="image/jpeg")
    with Image.open(media_path(stored.display)) as display:
        assert display.size == (1536, 512)


@pytest.mark.parametrize(
    "data",
    [b"", b"not a picture", _picture("PNG")[:200], _picture("GIF"), b"<svg></svg>"],
)
def test_damaged_or_foreign_bytes_are_refused_and_nothing_is_written(data: bytes) -> None:
    with pytest.raises(AIProviderRejected):
        store_picture(base="t/bad", data=data, mime="image/png")
    assert not media_path("t/bad.png").exists()


def test_a_decompression_bomb_is_refused() -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(AIProviderRejected, match="oversized"):
        store_picture(base="t/bomb", data=bomb, mime="image/png")


def test_media_names_cannot_leave_the_media_folder() -> None:
    with pytest.raises(ValueError, match="outside"):
        write_atomic("../escape.txt", b"x")
