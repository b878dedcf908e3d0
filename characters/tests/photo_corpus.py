"""Uploads for the photo tests, built in code: good pictures, impostors, damaged files, bombs."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

RED = (220, 30, 30)
BLUE = (30, 30, 220)
GREEN = (30, 200, 30)
WHITE = (255, 255, 255)
#: Top left, top right, bottom left, bottom right.
QUADRANT_COLOURS = (RED, BLUE, GREEN, WHITE)
GPS_IFD = 0x8825
ORIENTATION = 0x0112
#: EXIF orientation 6: the camera was turned, the picture must be rotated 90° clockwise.
ROTATE_CLOCKWISE = 6
SECRET_COMMENT = b"secret comment: Flat 3, 12 Example Road"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="48,51.4N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>\n"


# --- pictures -------------------------------------------------------------------------------


def two_tone(size: tuple[int, int] = (40, 20), mode: str = "RGB") -> Image.Image:
    """Red on the left half, blue on the right: shows which way a picture was turned."""
    image = Image.new(mode, size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def encoded(image: Image.Image, file_format: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, file_format, **options)
    return buffer.getvalue()


def camera_exif() -> Image.Exif:
    """EXIF as a phone writes it: maker, date, orientation and where the picture was taken."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    exif[ORIENTATION] = ROTATE_CLOCKWISE
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (48.0, 51.0, 24.0)  # GPSLatitude
    gps[3] = "E"  # GPSLongitudeRef
    gps[4] = (2.0, 21.0, 3.0)  # GPSLongitude
    return exif


def damaged_exif() -> bytes:
    """Camera EXIF whose TIFF header is broken, as some editing apps leave it."""
    data = camera_exif().tobytes()
    header = data.index(b"MM\x00*") if b"MM\x00*" in data else data.index(b"II*\x00")
    return data[:header] + b"XX" + data[header + 2 :]


def quadrants(size: tuple[int, int] = (40, 20)) -> Image.Image:
    """Four colours, one a quarter: shows any turn or mirroring."""
    width, height = size
    image = Image.new("RGB", size, QUADRANT_COLOURS[3])
    image.paste(QUADRANT_COLOURS[0], (0, 0, width // 2, height // 2))
    image.paste(QUADRANT_COLOURS[1], (width // 2, 0, width, height // 2))
    image.paste(QUADRANT_COLOURS[2], (0, height // 2, width // 2, height))
    return image


def png_with_orientation(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return encoded(quadrants(), "PNG", exif=exif)


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_jpeg(size: tuple[int, int] = (40, 20)) -> bytes:
    """A two-tone JPEG stored sideways, with GPS EXIF, an ICC profile, XMP and a comment."""
    return encoded(
        two_tone(size),
        "JPEG",
        quality=95,
        exif=camera_exif(),
        icc_profile=srgb_profile(),
        xmp=XMP,
        comment=SECRET_COMMENT,
    )


def jpeg(size: tuple[int, int] = (40, 20), **options: object) -> bytes:
    return encoded(two_tone(size), "JPEG", **options)


def png_with_alpha(size: tuple[int, int] = (40, 20)) -> bytes:
    """Opaque red on the left, fully transparent on the right, with text and EXIF chunks."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((*RED, 255), (0, 0, size[0] // 2, size[1]))
    info = PngInfo()
    info.add_text("Comment", SECRET_COMMENT.decode())
    return encoded(image, "PNG", pnginfo=info, exif=camera_exif())


def png(size: tuple[int, int] = (40, 20), mode: str = "RGB") -> bytes:
    return encoded(two_tone(size, mode), "PNG")


def palette_png_with_transparent_colour() -> bytes:
    image = two_tone((40, 20)).convert("P", palette=Image.Palette.ADAPTIVE, colors=2)
    transparent = image.getpixel((39, 0))  # the blue half
    return encoded(image, "PNG", transparency=transparent)


def grey_png_16_bit(level: int = 32768) -> bytes:
    return encoded(Image.new("I;16", (16, 16), level), "PNG")


def webp_with_alpha(size: tuple[int, int] = (40, 20)) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((*RED, 255), (0, 0, size[0] // 2, size[1]))
    return encoded(image, "WEBP", lossless=True, exif=camera_exif())


def webp(size: tuple[int, int] = (40, 20)) -> bytes:
    return encoded(two_tone(size), "WEBP", quality=90)


def jpeg_with_damaged_exif() -> bytes:
    return encoded(two_tone(), "JPEG", exif=damaged_exif())


def png_with_damaged_exif() -> bytes:
    return encoded(two_tone(), "PNG", exif=damaged_exif())


def mpo() -> bytes:
    """A JPEG followed by a second picture, as phones store depth maps and previews."""
    first = two_tone((40, 20))
    return encoded(first, "MPO", save_all=True, append_images=[Image.new("RGB", (20, 10))])


def jpeg_with_binary_trailer() -> bytes:
    """A JPEG followed by non-picture data (phones append motion clips and vendor blocks)."""
    return jpeg() + b"\x00\x00\x00\x18ftypmp42" + random_bytes(4096, seed=7)


# --- impostors and polyglots --------------------------------------------------------------------

SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>\n"
)
HTML_PAGE = b"<!DOCTYPE html>\n" + HTML
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEXT = b"Just some notes about my character.\n"


def png_html_polyglot() -> bytes:
    """A valid PNG followed by an HTML page: both a picture and a page a browser renders."""
    return png() + HTML


def jpeg_html_polyglot() -> bytes:
    return jpeg() + HTML


def webp_with_trailer() -> bytes:
    return webp() + b"more data after the RIFF container"


def png_with_binary_trailer() -> bytes:
    return png() + random_bytes(64, seed=3)


def png_with_padding() -> bytes:
    return png() + b"\x00" * 32


def png_with_early_markup() -> bytes:
    """A PNG whose first text chunk, right after the header, holds a script."""
    data = png()
    header_end = 8 + 25  # signature, then the IHDR chunk
    return data[:header_end] + png_chunk(b"tEXt", b"Comment\x00" + HTML) + data[header_end:]


def png_with_late_markup() -> bytes:
    """A PNG with markup in a text chunk well past the first kilobyte."""
    data = png()
    header_end = 8 + 25
    filler = png_chunk(b"tEXt", b"Filler\x00" + b"x" * 2048)
    late = png_chunk(b"tEXt", b"Comment\x00" + HTML)
    return data[:header_end] + filler + late + data[header_end:]


def gif() -> bytes:
    return encoded(two_tone(), "GIF")


def tiff() -> bytes:
    return encoded(two_tone(), "TIFF")


def bmp() -> bytes:
    return encoded(two_tone(), "BMP")


def random_bytes(count: int = 4096, *, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(count)


# --- damaged files ---------------------------------------------------------------------------


def truncated_jpeg() -> bytes:
    data = jpeg((64, 64), quality=95)
    return data[: len(data) * 2 // 3]


def truncated_png() -> bytes:
    data = png((64, 64))
    return data[: len(data) // 2]


def jpeg_magic_then_garbage() -> bytes:
    return b"\xff\xd8\xff" + random_bytes(1024, seed=5)


def png_with_broken_compression() -> bytes:
    """Well-formed chunks with valid CRCs, but the IDAT holds no zlib stream."""
    return png_from_chunks(width=16, height=16, idat=random_bytes(200, seed=9))


def png_with_cut_pixel_stream() -> bytes:
    """Well-formed chunks up to IEND, but the compressed pixels stop halfway."""
    rows = b"".join(b"\x00" + bytes(range(48)) for _ in range(16))
    stream = zlib.compress(rows)
    return png_from_chunks(width=16, height=16, idat=stream[: len(stream) // 2])


def jpeg_with_cut_scan() -> bytes:
    """A JPEG cut two thirds of the way into its pixels, then given its end marker back."""
    data = jpeg((64, 64), quality=95)
    return data[: len(data) * 2 // 3] + b"\xff\xd9"


def truncated_webp() -> bytes:
    data = webp((64, 64))
    return data[: len(data) // 2]


def jpeg_with_many_scans(scans: int = 500) -> bytes:
    """A progressive JPEG whose first scan is repeated until it has ``scans`` of them."""
    data = jpeg((64, 64), progressive=True)
    first_scan = data.index(b"\xff\xda")
    second_scan = data.index(b"\xff\xda", first_scan + 2)
    return data[:first_scan] + data[first_scan:second_scan] * scans + b"\xff\xd9"


# --- bombs --------------------------------------------------------------------------------------


def png_chunk(chunk_type: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(chunk_type + data)
    return struct.pack(">I", len(data)) + chunk_type + data + struct.pack(">I", crc)


def png_from_chunks(*, width: int, height: int, idat: bytes, colour_type: int = 2) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def png_declaring(width: int, height: int) -> bytes:
    """A few dozen bytes whose header promises ``width`` by ``height`` RGB pixels."""
    return png_from_chunks(width=width, height=height, idat=zlib.compress(b"\x00" * 64))


def png_of_zeros(width: int, height: int) -> bytes:
    """A real bomb: every row present, all zero, so it compresses about a thousandfold."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte, then one byte a pixel (grey)
    rows_at_once = max(1, (1 << 20) // len(row))
    parts = []
    for first in range(0, height, rows_at_once):
        parts.append(compressor.compress(row * min(rows_at_once, height - first)))
    parts.append(compressor.flush())
    return png_from_chunks(width=width, height=height, idat=b"".join(parts), colour_type=0)


def jpeg_declaring(width: int, height: int) -> bytes:
    """A small baseline JPEG whose frame header is rewritten to promise ``width`` by ``height``."""
    data = bytearray(jpeg((16, 16)))
    frame = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, frame + 5, height, width)
    return bytes(data)
