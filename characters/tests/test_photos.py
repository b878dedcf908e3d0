"""A character's reference photo: what is accepted, what is refused, and how it is kept."""

from __future__ import annotations

import io
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile, ImageOps

from characters import photos
from characters.errors import PhotoInvalid, PhotoTooLarge, PhotoTooManyPixels, PhotoUnsupported
from characters.photos import StoredPhoto, photo_copy, photo_delete, photo_path, photo_read
from characters.tests import photo_corpus as corpus
from storygen.exceptions import ApplicationError

OWNER = 7
CHARACTER = 9
MAX_BYTES = 10_485_760
MAX_PIXELS = 40_000_000


@pytest.fixture(autouse=True)
def private_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "private"  # not created: storing a photo must create it
    settings.STORYGEN_PRIVATE_DIR = folder
    settings.STORYGEN_MAX_UPLOAD_BYTES = MAX_BYTES
    settings.STORYGEN_MAX_UPLOAD_PIXELS = MAX_PIXELS
    return folder


def _upload(
    data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _store(data: bytes, *, character_id: int = CHARACTER, **upload: str) -> StoredPhoto:
    return photos.photo_store(
        owner_id=OWNER, character_id=character_id, upload=_upload(data, **upload)
    )


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _opened(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def _close(colour: tuple[int, ...], expected: tuple[int, int, int], tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


# --- accepted pictures -------------------------------------------------------------------------


def test_jpeg_is_stored_upright_without_any_metadata(private_dir: Path) -> None:
    upload = corpus.camera_jpeg((40, 20))
    source = Image.open(io.BytesIO(upload))
    assert source.getexif().get_ifd(corpus.GPS_IFD), "the corpus JPEG must carry GPS"
    assert source.info.get("icc_profile")
    assert source.info.get("comment") == corpus.SECRET_COMMENT

    stored = _store(upload)

    assert stored == StoredPhoto(
        path=private_dir / "characters" / str(OWNER) / str(CHARACTER) / "photo.jpg",
        width=20,
        height=40,
        size_bytes=stored.path.stat().st_size,
        content_type="image/jpeg",
    )
    image = _opened(stored.path)
    assert image.format == "JPEG"
    assert image.size == (20, 40)
    # Turned 90° clockwise as its orientation said: the red left half is now on top.
    assert _close(image.getpixel((10, 5)), corpus.RED)
    assert _close(image.getpixel((10, 35)), corpus.BLUE)
    exif = image.getexif()
    assert not exif.get_ifd(corpus.GPS_IFD)
    assert len(exif) == 0
    assert not {"exif", "icc_profile", "comment", "xmp"} & image.info.keys()
    raw = stored.path.read_bytes()
    for trace in (b"Exif\x00", b"ICC_PROFILE", b"http://ns.adobe.com/xap", b"PhoneMaker"):
        assert trace not in raw
    assert corpus.SECRET_COMMENT not in raw


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_applied_as_pillow_would(orientation: int) -> None:
    upload = corpus.png_with_orientation(orientation)
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(upload)))

    image = _opened(_store(upload).path)

    assert image.size == expected.size
    width, height = image.size
    for x, y in ((width // 4, height // 4), (3 * width // 4, 3 * height // 4)):
        assert _close(image.getpixel((x, y)), expected.getpixel((x, y)))


@pytest.mark.parametrize("build", [corpus.jpeg_with_damaged_exif, corpus.png_with_damaged_exif])
def test_photo_with_damaged_exif_is_kept_as_stored(build: Callable[[], bytes]) -> None:
    image = _opened(_store(build()).path)

    assert image.size == (40, 20)
    assert _close(image.getpixel((5, 10)), corpus.RED)
    assert len(image.getexif()) == 0


def test_png_transparency_is_flattened_onto_white_and_its_text_dropped() -> None:
    stored = _store(corpus.png_with_alpha((40, 20)), name="sticker.png")

    image = _opened(stored.path)
    assert image.mode == "RGB"
    assert image.size == (20, 40)  # the PNG's EXIF orientation is honoured too
    assert _close(image.getpixel((10, 5)), corpus.RED)
    assert _close(image.getpixel((10, 35)), (255, 255, 255))
    assert len(image.getexif()) == 0
    assert corpus.SECRET_COMMENT not in stored.path.read_bytes()


@pytest.mark.parametrize(
    ("build", "size"),
    [(corpus.webp, (40, 20)), (corpus.webp_with_alpha, (20, 40))],
    ids=["lossy", "lossless-with-alpha-and-exif"],
)
def test_webp_is_accepted_and_kept_as_jpeg(
    build: Callable[[], bytes], size: tuple[int, int]
) -> None:
    stored = _store(build(), name="photo.webp", content_type="image/webp")

    image = _opened(stored.path)
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", size)
    assert len(image.getexif()) == 0


def test_jpeg_with_a_second_picture_after_its_end_is_accepted() -> None:
    # Phones store depth maps and previews after the main picture (a multi-picture file).
    upload = corpus.mpo()
    assert Image.open(io.BytesIO(upload)).format == "MPO"

    stored = _store(upload)

    assert _opened(stored.path).size == (40, 20)


def test_jpeg_with_binary_data_after_its_end_is_accepted_and_the_data_dropped() -> None:
    upload = corpus.jpeg_with_binary_trailer()

    stored = _store(upload)

    assert b"ftypmp42" not in stored.path.read_bytes()
    assert stored.size_bytes < len(upload)


def test_png_padded_with_zero_bytes_is_accepted() -> None:
    assert _store(corpus.png_with_padding()).width == 40


def test_palette_png_transparent_colour_becomes_white() -> None:
    image = _opened(_store(corpus.palette_png_with_transparent_colour()).path)

    assert _close(image.getpixel((5, 10)), corpus.RED)
    assert _close(image.getpixel((35, 10)), (255, 255, 255))


def test_sixteen_bit_grey_png_keeps_its_tone_instead_of_turning_white() -> None:
    image = _opened(_store(corpus.grey_png_16_bit(level=32768)).path)

    assert _close(image.getpixel((8, 8)), (128, 128, 128), tolerance=3)


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (lambda: corpus.jpeg((4096, 1024)), (2048, 512)),  # decoded at a reduced scale
        (lambda: corpus.png((2500, 1000)), (2048, 819)),
        (lambda: corpus.png((900, 3000)), (614, 2048)),
    ],
    ids=["wide-jpeg", "wide-png", "tall-png"],
)
def test_large_photo_is_shrunk_to_2048_pixels_on_its_longest_side(
    upload: Callable[[], bytes], expected: tuple[int, int]
) -> None:
    stored = _store(upload())

    assert (stored.width, stored.height) == expected
    assert _opened(stored.path).size == expected


def test_small_photo_is_not_enlarged() -> None:
    stored = _store(corpus.jpeg((30, 12)))

    assert (stored.width, stored.height) == (30, 12)


def test_type_is_read_from_the_content_not_the_name_or_the_declared_type() -> None:
    stored = _store(corpus.png(), name="drawing.svg", content_type="image/svg+xml")
    assert _opened(stored.path).format == "JPEG"

    with pytest.raises(PhotoUnsupported):
        _store(corpus.SVG, character_id=10, name="photo.png", content_type="image/png")


def test_path_is_built_from_the_ids_never_from_the_file_name(private_dir: Path) -> None:
    stored = _store(corpus.jpeg(), name="../../../../etc/cron.d/evil.jpg")

    expected = private_dir / "characters" / "7" / "9" / "photo.jpg"
    assert stored.path == expected == photo_path(owner_id=OWNER, character_id=CHARACTER)
    assert _files(private_dir) == [expected]


@pytest.mark.parametrize("bad_id", [0, -3, True, "9", "../9", 9.0, None])
def test_anything_but_a_positive_integer_id_is_refused(bad_id: Any) -> None:
    with pytest.raises(ValueError, match="positive integer"):
        photo_path(owner_id=OWNER, character_id=bad_id)
    with pytest.raises(ValueError, match="positive integer"):
        photo_path(owner_id=bad_id, character_id=CHARACTER)


def test_photo_and_its_folders_are_readable_by_the_owner_only(private_dir: Path) -> None:
    stored = _store(corpus.jpeg())

    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o600
    for folder in (stored.path.parent, stored.path.parent.parent, private_dir / "characters"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_folders_are_owner_only_even_under_a_restrictive_umask(private_dir: Path) -> None:
    previous = os.umask(0o277)  # would strip the owner's own write bit
    try:
        stored = _store(corpus.jpeg())
    finally:
        os.umask(previous)

    assert stat.S_IMODE(stored.path.parent.stat().st_mode) == 0o700


def test_storing_again_replaces_the_previous_photo(private_dir: Path) -> None:
    _store(corpus.jpeg((40, 20)))

    stored = _store(corpus.png((60, 30)))

    assert (stored.width, stored.height) == (60, 30)
    assert _opened(stored.path).size == (60, 30)
    assert _files(private_dir) == [stored.path]


# --- refused uploads ---------------------------------------------------------------------------

REFUSED = [
    # Not a picture at all, or a format the project does not take.
    ("svg", lambda: corpus.SVG, PhotoUnsupported),
    ("html", lambda: corpus.HTML_PAGE, PhotoUnsupported),
    ("pdf", lambda: corpus.PDF, PhotoUnsupported),
    ("text", lambda: corpus.TEXT, PhotoUnsupported),
    ("gif", corpus.gif, PhotoUnsupported),
    ("tiff", corpus.tiff, PhotoUnsupported),
    ("bmp", corpus.bmp, PhotoUnsupported),
    ("random-bytes", corpus.random_bytes, PhotoUnsupported),
    # A picture with something else riding along.
    ("png-then-html", corpus.png_html_polyglot, PhotoInvalid),
    ("jpeg-then-html", corpus.jpeg_html_polyglot, PhotoInvalid),
    ("png-then-binary", corpus.png_with_binary_trailer, PhotoInvalid),
    ("webp-then-data", corpus.webp_with_trailer, PhotoInvalid),
    ("png-with-script-up-front", corpus.png_with_early_markup, PhotoInvalid),
    # Empty or damaged.
    ("empty", lambda: b"", PhotoInvalid),
    ("truncated-jpeg", corpus.truncated_jpeg, PhotoInvalid),
    ("truncated-png", corpus.truncated_png, PhotoInvalid),
    ("truncated-webp", corpus.truncated_webp, PhotoInvalid),
    ("png-signature-only", lambda: b"\x89PNG\r\n\x1a\n", PhotoInvalid),
    ("jpeg-magic-then-garbage", corpus.jpeg_magic_then_garbage, PhotoInvalid),
    ("png-broken-compression", corpus.png_with_broken_compression, PhotoInvalid),
    ("png-pixels-cut-short", corpus.png_with_cut_pixel_stream, PhotoInvalid),
    ("jpeg-scan-cut-short", corpus.jpeg_with_cut_scan, PhotoInvalid),
    ("jpeg-with-500-scans", corpus.jpeg_with_many_scans, PhotoInvalid),
]

ERRORS: dict[type[ApplicationError], tuple[int, str, str]] = {
    PhotoUnsupported: (415, "photo_unsupported", "Upload a JPEG, PNG or WebP photo."),
    PhotoInvalid: (415, "photo_invalid", "Uploaded file is not a valid image."),
}


@pytest.mark.parametrize(
    ("build", "error"),
    [pytest.param(build, error, id=name) for name, build, error in REFUSED],
)
def test_refused_upload_raises_its_error_and_writes_nothing(
    build: Callable[[], bytes], error: type[ApplicationError], private_dir: Path
) -> None:
    with pytest.raises(error) as raised:
        _store(build(), name="photo.jpg", content_type="image/jpeg")

    assert (raised.value.status_code, raised.value.code, raised.value.message) == ERRORS[error]
    assert _files(private_dir) == []


@pytest.mark.parametrize(
    ("build", "error"),
    [
        pytest.param(build, error, id=name)
        for name, build, error in REFUSED
        if name in {"svg", "png-then-html", "truncated-jpeg", "empty"}
    ],
)
def test_refused_upload_leaves_the_previous_photo_in_place(
    build: Callable[[], bytes], error: type[ApplicationError], private_dir: Path
) -> None:
    previous = _store(corpus.jpeg())
    kept = previous.path.read_bytes()

    with pytest.raises(error):
        _store(build())

    assert photo_read(owner_id=OWNER, character_id=CHARACTER) == kept
    assert _files(private_dir) == [previous.path]


def test_markup_past_the_first_kilobyte_is_harmless_and_does_not_survive() -> None:
    # Content sniffers look at the start of a file; deeper inside a PNG text chunk, markup is
    # metadata, and the stored copy is re-encoded from pixels alone.
    upload = corpus.png_with_late_markup()
    assert upload.index(b"<html") > 1024

    stored = _store(upload)

    assert b"<html" not in stored.path.read_bytes()


# --- bombs and limits ----------------------------------------------------------------------------

BOMBS = [
    ("png-declaring-50000x50000", lambda: corpus.png_declaring(50_000, 50_000)),
    ("jpeg-declaring-60000x60000", lambda: corpus.jpeg_declaring(60_000, 60_000)),
    ("jpeg-declaring-7000x7000", lambda: corpus.jpeg_declaring(7_000, 7_000)),
    ("png-of-7000x7000-zeros", lambda: corpus.png_of_zeros(7_000, 7_000)),
]


@pytest.mark.parametrize("build", [pytest.param(build, id=name) for name, build in BOMBS])
def test_decompression_bomb_is_refused_fast_without_decoding_pixels(
    build: Callable[[], bytes], private_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload = build()
    assert len(upload) < 100_000

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    started = time.perf_counter()
    with pytest.raises(PhotoTooManyPixels) as raised:
        _store(upload)
    elapsed = time.perf_counter() - started

    assert elapsed < 1.0
    assert raised.value.status_code == 413
    assert raised.value.code == "photo_too_many_pixels"
    assert raised.value.message == "The photo has too many pixels: the limit is 40 megapixels."
    assert _files(private_dir) == []


def test_pillows_own_bomb_warning_refuses_a_picture_even_under_a_looser_setting(
    settings: Any,
) -> None:
    settings.STORYGEN_MAX_UPLOAD_PIXELS = 200_000_000
    pillow_limit = Image.MAX_IMAGE_PIXELS
    assert pillow_limit is not None
    assert pillow_limit < 10_000 * 10_000

    with pytest.raises(PhotoTooManyPixels, match="200 megapixels"):
        _store(corpus.png_declaring(10_000, 10_000))

    assert pillow_limit == Image.MAX_IMAGE_PIXELS
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_pixel_limit_comes_from_the_setting(settings: Any) -> None:
    settings.STORYGEN_MAX_UPLOAD_PIXELS = 10_000

    assert _store(corpus.png((100, 100))).width == 100
    with pytest.raises(PhotoTooManyPixels, match=r"the limit is 0\.01 megapixels\."):
        _store(corpus.png((101, 100)))


def test_byte_limit_comes_from_the_setting(settings: Any, private_dir: Path) -> None:
    upload = corpus.jpeg((200, 200), quality=95)
    settings.STORYGEN_MAX_UPLOAD_BYTES = len(upload)
    assert _store(upload).width == 200

    settings.STORYGEN_MAX_UPLOAD_BYTES = len(upload) - 1
    with pytest.raises(PhotoTooLarge) as raised:
        _store(upload, character_id=10)

    assert raised.value.status_code == 413
    assert raised.value.code == "photo_too_large"
    assert raised.value.message.startswith("The photo is too large: the limit is ")
    assert not (private_dir / "characters" / str(OWNER) / "10").exists()


def test_too_large_message_names_the_default_limit_in_megabytes() -> None:
    upload = _upload(b"\xff\xd8\xff")
    upload.size = MAX_BYTES + 1

    with pytest.raises(PhotoTooLarge) as raised:
        photos.photo_store(owner_id=OWNER, character_id=CHARACTER, upload=upload)

    assert raised.value.message == "The photo is too large: the limit is 10 MB."


def test_declared_size_over_the_limit_is_refused_before_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upload = _upload(corpus.jpeg())
    upload.size = MAX_BYTES + 1

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the upload was read")

    monkeypatch.setattr(upload, "chunks", unread)

    with pytest.raises(PhotoTooLarge):
        photos.photo_store(owner_id=OWNER, character_id=CHARACTER, upload=upload)


def test_upload_lying_about_its_size_is_counted_while_read(
    settings: Any, private_dir: Path
) -> None:
    settings.STORYGEN_MAX_UPLOAD_BYTES = 100_000
    upload = _upload(corpus.jpeg() + b"\x00" * 200_000)
    upload.size = 1_000

    with pytest.raises(PhotoTooLarge, match=r"the limit is 97\.7 KB\.$"):
        photos.photo_store(owner_id=OWNER, character_id=CHARACTER, upload=upload)

    assert _files(private_dir) == []


# --- failed writes -------------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_keeps_the_previous_photo_and_leaves_no_temporary_file(
    failing: str, private_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = _store(corpus.jpeg())
    kept = previous.path.read_bytes()

    def disk_error(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(photos.os, failing, disk_error)
    with pytest.raises(OSError, match="disk full"):
        _store(corpus.png((60, 30)))
    monkeypatch.undo()

    assert photo_read(owner_id=OWNER, character_id=CHARACTER) == kept
    assert _files(private_dir) == [previous.path]


# --- reading, deleting and copying ---------------------------------------------------------------


def test_photo_read_returns_the_stored_bytes_or_none() -> None:
    assert photo_read(owner_id=OWNER, character_id=CHARACTER) is None

    stored = _store(corpus.jpeg())

    assert photo_read(owner_id=OWNER, character_id=CHARACTER) == stored.path.read_bytes()


def test_photo_delete_removes_the_photo_and_its_folder_only(private_dir: Path) -> None:
    stored = _store(corpus.jpeg())
    other = _store(corpus.jpeg(), character_id=CHARACTER + 1)

    photo_delete(owner_id=OWNER, character_id=CHARACTER)

    assert not stored.path.parent.exists()
    assert _files(private_dir) == [other.path]
    assert photo_read(owner_id=OWNER, character_id=CHARACTER) is None


def test_photo_delete_without_a_photo_is_fine(private_dir: Path) -> None:
    photo_delete(owner_id=OWNER, character_id=CHARACTER)

    assert not private_dir.exists()


def test_photo_delete_keeps_a_folder_that_is_still_in_use() -> None:
    stored = _store(corpus.jpeg())
    upload_in_progress = stored.path.parent / ".photo-abc.tmp"
    upload_in_progress.write_bytes(b"partial")

    photo_delete(owner_id=OWNER, character_id=CHARACTER)

    assert not stored.path.exists()
    assert upload_in_progress.exists()


def test_photo_copy_gives_the_duplicate_the_same_private_photo() -> None:
    source = _store(corpus.jpeg())

    copied = photo_copy(owner_id=OWNER, from_character_id=CHARACTER, to_character_id=20)

    target = photo_path(owner_id=OWNER, character_id=20)
    assert copied is True
    assert target.read_bytes() == source.path.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_photo_copy_replaces_the_targets_photo() -> None:
    source = _store(corpus.jpeg((40, 20)))
    _store(corpus.png((60, 30)), character_id=20)

    assert photo_copy(owner_id=OWNER, from_character_id=CHARACTER, to_character_id=20)

    assert photo_read(owner_id=OWNER, character_id=20) == source.path.read_bytes()


def test_photo_copy_without_a_photo_copies_nothing(private_dir: Path) -> None:
    copied = photo_copy(owner_id=OWNER, from_character_id=CHARACTER, to_character_id=20)

    assert copied is False
    assert not private_dir.exists()
