"""A library character's reference photo: checked, re-encoded and kept in private storage.

An upload is trusted for nothing: its type is read from its bytes, its size is counted while
it is read, its declared pixel count is checked before any pixel is decoded, and what is kept
is a fresh JPEG drawn from the decoded pixels, so no metadata (EXIF with GPS, XMP, ICC, comments)
and no smuggled content survives. The file lives under STORYGEN_PRIVATE_DIR, which is never
served; its path is built from integer ids only.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import struct
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import ExifTags, Image

from characters.errors import PhotoInvalid, PhotoTooLarge, PhotoTooManyPixels, PhotoUnsupported
from storygen.exceptions import ApplicationError

logger = logging.getLogger(__name__)

PHOTO_NAME = "photo.jpg"
PHOTO_CONTENT_TYPE = "image/jpeg"
#: Longest side of the stored photo; more detail does not help a reference picture.
MAX_SIDE = 2048
JPEG_QUALITY = 90

_READ_CHUNK = 64 * 1024
_FOLDER_MODE = 0o700
_FILE_MODE = 0o600
_TEMP_PREFIX = ".photo-"
_TEMP_SUFFIX = ".tmp"
_WHITE = (255, 255, 255)

_JPEG, _PNG, _WEBP = "JPEG", "PNG", "WEBP"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Pillow's name for what it read → the kind sniffed from the bytes it must agree with. A JPEG
#: carrying further pictures after its end (phones store depth maps and previews that way) is
#: opened by Pillow as an MPO; its first picture is an ordinary JPEG.
_PILLOW_FORMATS = {_JPEG: _JPEG, "MPO": _JPEG, _PNG: _PNG, _WEBP: _WEBP}

# Browsers and proxies that guess a type from content look at the start of a file, so markup
# there is refused even when the rest is a valid picture.
_SNIFF_WINDOW = 1024
_MARKUP = re.compile(rb"<(?:!doctype|html|head|body|script|svg|iframe|\?php)", re.IGNORECASE)
#: Bytes some tools pad a file with after its end; harmless, so not counted as trailing data.
_PADDING = b"\x00\t\n\r "

# Caps on the structure walk, far above what encoders write, so a file made of nothing but tiny
# segments or chunks costs milliseconds. libjpeg decodes every progressive scan over the whole
# picture: encoders write about ten, a hostile file can ask for thousands.
_MAX_JPEG_SEGMENTS = 1000
_MAX_JPEG_SCANS = 100
_MAX_PNG_CHUNKS = 100_000
# A marker in entropy-coded JPEG data: 0xFF followed by anything but a stuffed zero, a restart
# marker or another 0xFF (fill).
_JPEG_MARKER = re.compile(rb"\xff[\x01-\xcf\xd8-\xfe]")
_JPEG_FILL = re.compile(rb"\xff+")
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_SIXTEEN_BIT_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})
_ALPHA_MODES = frozenset({"RGBA", "RGBa", "LA", "La", "PA"})
#: EXIF orientation → the turn that shows the picture upright (as ``ImageOps.exif_transpose``).
_TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class StoredPhoto:
    """Where a character's photo was written and what it is."""

    path: Path
    width: int
    height: int
    size_bytes: int
    content_type: str = PHOTO_CONTENT_TYPE


def photo_path(*, owner_id: int, character_id: int) -> Path:
    """Where a character's photo is (or would be) kept. Raises ValueError for a bad id."""
    return _character_folder(owner_id=owner_id, character_id=character_id) / PHOTO_NAME


def photo_store(
    *,
    owner_id: int,
    character_id: int,
    upload: UploadedFile,
    inspect: Callable[[bytes], None] | None = None,
) -> StoredPhoto:
    """Check an uploaded photo and keep a clean JPEG copy of it as the character's photo.

    ``inspect`` sees the clean JPEG before it is kept and may refuse it by raising an
    ApplicationError (the safety check does).

    Only JPEG, PNG and WebP content is accepted, whatever the client calls the file. The kept
    copy is upright (EXIF orientation applied), RGB on white, at most MAX_SIDE pixels on its
    longest side and free of metadata. It replaces the previous photo atomically, and only once
    it is complete: a refused upload leaves the previous photo (and no other file) in place.

    Raises PhotoTooLarge, PhotoTooManyPixels, PhotoUnsupported or PhotoInvalid; OSError when
    the private folder cannot be written.
    """
    path = photo_path(owner_id=owner_id, character_id=character_id)
    try:
        data = _read_limited(upload)
        encoded, width, height = _clean_jpeg(data)
        if inspect is not None:
            inspect(encoded)
    except ApplicationError as exc:
        logger.info("photo for character %s refused: %s", character_id, exc.code)
        raise
    _write_atomic(path, encoded)
    logger.debug(
        "photo for character %s stored (%dx%d, %d bytes)",
        character_id,
        width,
        height,
        len(encoded),
    )
    return StoredPhoto(path=path, width=width, height=height, size_bytes=len(encoded))


def photo_read(*, owner_id: int, character_id: int) -> bytes | None:
    """The stored photo's JPEG bytes, or None when the character has none."""
    try:
        return photo_path(owner_id=owner_id, character_id=character_id).read_bytes()
    except FileNotFoundError:
        return None


def photo_delete(*, owner_id: int, character_id: int) -> None:
    """Remove the character's photo and its folder once empty; nothing to remove is fine."""
    path = photo_path(owner_id=owner_id, character_id=character_id)
    path.unlink(missing_ok=True)
    # Already gone, or holding an upload being written right now: either way, leave it.
    with contextlib.suppress(OSError):
        path.parent.rmdir()


def photo_copy(*, owner_id: int, from_character_id: int, to_character_id: int) -> bool:
    """Give a duplicated character the photo of its original; False when there is none.

    The copy replaces any photo the target had, atomically.
    """
    data = photo_read(owner_id=owner_id, character_id=from_character_id)
    if data is None:
        return False
    _write_atomic(photo_path(owner_id=owner_id, character_id=to_character_id), data)
    return True


# --- checking and re-encoding ------------------------------------------------------------------


def _read_limited(upload: UploadedFile) -> bytes:
    """The upload's bytes, refusing more than the limit without reading far past it."""
    limit: int = settings.STORYGEN_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_large(limit)
    buffer = io.BytesIO()
    # The declared size comes from the client (or a handler trusting it): count for real.
    for chunk in upload.chunks(_READ_CHUNK):
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise _too_large(limit)
    if not buffer.tell():
        raise PhotoInvalid()
    return buffer.getvalue()


def _clean_jpeg(data: bytes) -> tuple[bytes, int, int]:
    """Check the bytes of a picture and re-encode it; returns (JPEG bytes, width, height)."""
    kind = _sniffed_kind(data)
    if _MARKUP.search(data, 0, _SNIFF_WINDOW):
        raise PhotoInvalid()
    _check_structure(kind, data)
    with _decoding():
        image = Image.open(io.BytesIO(data), formats=[_JPEG, _PNG, _WEBP])
        if _PILLOW_FORMATS.get(image.format or "") != kind:
            raise PhotoUnsupported()
        width, height = image.size
        if width < 1 or height < 1:
            raise PhotoInvalid()
        limit: int = settings.STORYGEN_MAX_UPLOAD_PIXELS
        if width * height > limit:
            raise _too_many_pixels(limit)
        if kind == _JPEG:
            # Decode at the smallest DCT scale still at least as large as the stored copy.
            image.draft(None, _fitted((width, height)))
        image.load()
        picture = _upright_rgb(image)
        buffer = io.BytesIO()
        # A new image carries no ``info``, and nothing is passed for Pillow to write: no EXIF,
        # ICC profile, XMP or comment reaches the file.
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue(), picture.width, picture.height


@contextlib.contextmanager
def _decoding() -> Iterator[None]:
    """Pillow's failures as the user's errors; its bomb warning as a refusal, not a log line."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(settings.STORYGEN_MAX_UPLOAD_PIXELS) from exc
        except (ApplicationError, MemoryError):
            raise
        # Decoders raise a wide, undocumented range of errors on hostile input (OSError,
        # SyntaxError, ValueError, struct.error, zlib.error, EOFError...): all mean "damaged".
        except Exception as exc:
            raise PhotoInvalid() from exc


def _sniffed_kind(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return _JPEG
    if data.startswith(_PNG_SIGNATURE):
        return _PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _WEBP
    raise PhotoUnsupported()


def _check_structure(kind: str, data: bytes) -> None:
    """Refuse a file that is not one whole picture, or that carries markup after its end.

    A picture followed by other content (a PNG with an HTML page appended is both a valid PNG
    and a page a browser renders) is refused. Only JPEG may carry data after its end, because
    phones store further pictures and motion clips there; markup is refused there too.
    """
    if kind == _PNG:
        end = _png_end(data)
    elif kind == _WEBP:
        end = _webp_end(data)
    else:
        end = _jpeg_end(data)
    if end is None:
        raise PhotoInvalid()
    trailing = data[end:].strip(_PADDING)
    if trailing and (kind != _JPEG or _MARKUP.search(trailing)):
        raise PhotoInvalid()


def _png_end(data: bytes) -> int | None:
    """Offset just past the IEND chunk, or None when the chunks do not lead there."""
    position = len(_PNG_SIGNATURE)
    for _ in range(_MAX_PNG_CHUNKS):
        if position + 12 > len(data):
            return None
        length, chunk_type = struct.unpack_from(">I4s", data, position)
        position += 12 + length  # length, type, data, CRC
        if chunk_type == b"IEND":
            return position if position <= len(data) else None
    return None


def _webp_end(data: bytes) -> int | None:
    """Offset just past the RIFF container, or None when the file is shorter than it says."""
    (riff_size,) = struct.unpack_from("<I", data, 4)
    end: int = 8 + riff_size
    return end if riff_size >= 4 and end <= len(data) else None


def _jpeg_end(data: bytes) -> int | None:
    """Offset just past the first picture's end-of-image marker, or None if there is none."""
    position = 2  # past the start-of-image marker
    scans = 0
    for _ in range(_MAX_JPEG_SEGMENTS):
        fill = _JPEG_FILL.match(data, position)
        if fill is None or fill.end() >= len(data):
            return None
        marker = data[fill.end()]
        position = fill.end() + 1
        if marker == 0xD9:
            return position
        if marker in _JPEG_STANDALONE:
            continue
        if marker == 0x00 or position + 2 > len(data):
            return None
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            return None
        position += length
        if marker == 0xDA:  # start of scan: entropy-coded data runs up to the next marker
            scans += 1
            if scans > _MAX_JPEG_SCANS:
                return None
            found = _JPEG_MARKER.search(data, position)
            if found is None:
                return None
            position = found.start()
    return None


def _fitted(size: tuple[int, int]) -> tuple[int, int]:
    """The size of the stored copy: ``size`` shrunk so its longest side is at most MAX_SIDE."""
    width, height = size
    scale = MAX_SIDE / max(width, height)
    if scale >= 1:
        return size
    return max(1, round(width * scale)), max(1, round(height * scale))


def _upright_rgb(image: Image.Image) -> Image.Image:
    """The decoded picture shrunk, turned upright and flattened on white, without ``info``."""
    orientation = _orientation(image)
    if image.mode in _SIXTEEN_BIT_MODES:
        # Pillow clips 16-bit grey to 8 bits instead of scaling it, which would turn it white.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    has_alpha = image.mode in _ALPHA_MODES or "transparency" in image.info
    target_mode = "RGBA" if has_alpha else "RGB"
    working = image if image.mode == target_mode else image.convert(target_mode)
    # Shrink before anything else touches every pixel; a palette picture is RGB by now, so
    # this resamples properly rather than picking nearest pixels. Halving by box averaging
    # first (a gap of 1.5) costs half the time of a full Lanczos pass on a 40-megapixel
    # picture, with no difference that matters for a reference photo.
    working.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=1.5)
    if orientation in _TRANSPOSITIONS:
        working = working.transpose(_TRANSPOSITIONS[orientation])
    picture = Image.new("RGB", working.size, _WHITE)
    picture.paste(working, mask=working.getchannel("A") if has_alpha else None)
    return picture


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation, 1 (as stored) when there is none or the EXIF is damaged.

    Read here rather than through ``ImageOps.exif_transpose``, which also rewrites the EXIF
    (discarded anyway) and fails on a damaged block, refusing a photo whose pixels are fine.
    """
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # any damage to the EXIF block: treat as no orientation
        logger.info("unreadable EXIF in an uploaded photo; orientation left as stored")
        return 1
    return value if isinstance(value, int) else 1


def _too_large(limit: int) -> PhotoTooLarge:
    return PhotoTooLarge(f"The photo is too large: the limit is {_bytes_label(limit)}.")


def _too_many_pixels(limit: int) -> PhotoTooManyPixels:
    megapixels = f"{limit / 1_000_000:.3g}"
    return PhotoTooManyPixels(
        f"The photo has too many pixels: the limit is {megapixels} megapixels."
    )


def _bytes_label(size: int) -> str:
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


# --- private files -----------------------------------------------------------------------------


def _character_folder(*, owner_id: int, character_id: int) -> Path:
    for name, value in (("owner_id", owner_id), ("character_id", character_id)):
        # Only ids go into the path: no name, no string that could hold "..".
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, not {value!r}")
    return _photos_root() / str(owner_id) / str(character_id)


def _photos_root() -> Path:
    return Path(settings.STORYGEN_PRIVATE_DIR) / "characters"


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never a part.

    A temporary file in the same folder is written, flushed to disk and renamed over the
    target; on any failure it is removed.
    """
    handle, temp = _open_temp(path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            os.fchmod(file.fileno(), _FILE_MODE)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _open_temp(folder: Path) -> tuple[int, Path]:
    """A new owner-only temporary file in ``folder`` (created if need be)."""
    try:
        _make_private_folders(folder)
        handle, name = tempfile.mkstemp(dir=folder, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    except FileNotFoundError:
        # photo_delete removed the emptied folder between its creation and now: once more.
        _make_private_folders(folder)
        handle, name = tempfile.mkstemp(dir=folder, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    return handle, Path(name)


def _make_private_folders(folder: Path) -> None:
    """Create ``folder`` and the folders between it and the photos root, owner-only."""
    root = Path(settings.STORYGEN_PRIVATE_DIR)
    root.mkdir(mode=_FOLDER_MODE, parents=True, exist_ok=True)
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        try:
            current.mkdir(mode=_FOLDER_MODE)
        except FileExistsError:
            continue
        current.chmod(_FOLDER_MODE)  # the umask may have taken bits away from mkdir's mode


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can sync a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
