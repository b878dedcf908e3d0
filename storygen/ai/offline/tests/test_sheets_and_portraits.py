"""Offline character sheets: figures that fill the picture, a head-and-shoulders portrait, and
the colours a sheet takes from a reference photo where the description names none."""

from __future__ import annotations

import io

from PIL import Image

from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.painter import character_look
from storygen.ai.offline.painter.colour import COLOURS, RGB
from storygen.ai.offline.painter.photo_colours import photo_colours
from storygen.ai.offline.painter.sheet import sheet_figures
from storygen.ai.types import CharacterBrief, Picture, Scene

SIZE = (384, 576)
PURPLE = COLOURS["purple"]
ORANGE = COLOURS["orange"]
SKIN = (214, 160, 120)
PLAIN = CharacterBrief(name="Sam", description="a child who loves kites")


def _photo(*, fmt: str = "PNG") -> bytes:
    """A person as the painter sees one: purple hair on top, a face, an orange jumper below."""
    image = Image.new("RGB", (300, 400), (235, 235, 235))
    image.paste(PURPLE, (60, 0, 240, 110))
    image.paste(SKIN, (90, 90, 210, 200))
    image.paste(ORANGE, (40, 200, 260, 400))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def _draw(character: CharacterBrief, references: tuple[bytes, ...] = ()) -> Picture:
    scene = Scene(kind="sheet", description=character.description, characters=(character,))
    return OfflineProvider().draw(
        "", size=f"{SIZE[0]}x{SIZE[1]}", references=references, scene=scene
    )


def _decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _close(a: tuple[int, ...], b: RGB, tolerance: float = 40) -> bool:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5 <= tolerance


def _share(image: Image.Image, box: tuple[float, ...], colour: RGB) -> float:
    """The share of pixels in ``box`` close to ``colour``."""
    crop = image.crop(tuple(round(v) for v in box))
    counts = crop.getcolors(crop.width * crop.height) or []
    near = sum(count for count, pixel in counts if _close(pixel, colour))
    return near / max(1, crop.width * crop.height)


def _front_band(
    character: CharacterBrief, top: float, bottom: float, references: tuple[bytes, ...] = ()
) -> tuple[float, ...]:
    """A band of the front view's box, ``top`` and ``bottom`` as shares of its height."""
    photo = photo_colours(references[0]) if references else None
    x, feet, size = sheet_figures(character_look(character, photo), *SIZE)[0]
    head = feet - size
    return (x - size * 0.3, head + size * top, x + size * 0.3, head + size * bottom)


def test_the_three_views_fill_a_tall_sheet() -> None:
    views = sheet_figures(character_look(PLAIN), *SIZE)
    assert len(views) == 3
    # Each figure stands more than half the sheet's width tall, and together they cover
    # most of the sheet's height (front view above, side and back below).
    assert all(size > SIZE[0] * 0.55 for _, _, size in views)
    top = min(feet - size for _, feet, size in views)
    bottom = max(feet for _, feet, _ in views)
    assert bottom - top > SIZE[1] * 0.8


def test_a_sheet_comes_with_a_square_portrait_of_its_character() -> None:
    character = CharacterBrief(name="Ada", description="a girl with purple hair in an orange top")
    picture = _draw(character)

    assert picture.portrait is not None
    portrait = _decoded(picture.portrait)
    assert portrait.width == portrait.height
    # Head and shoulders, large: the hair fills much of the top half, the top the bottom.
    half = portrait.height / 2
    assert _share(portrait, (0, 0, portrait.width, half), PURPLE) > 0.12
    assert _share(portrait, (0, half * 1.4, portrait.width, portrait.height), ORANGE) > 0.25
    assert picture.notes == ()


def test_pages_come_without_a_portrait() -> None:
    scene = Scene(kind="page", description="Sam flies a kite on a hill", characters=(PLAIN,))
    picture = OfflineProvider().draw("", size="256x256", scene=scene)
    assert picture.portrait is None


def test_a_photo_gives_the_hair_and_clothes_the_description_leaves_unsaid() -> None:
    photo = _photo(fmt="JPEG")
    picture = _draw(PLAIN, (photo,))

    sheet = _decoded(picture.data)
    assert _share(sheet, _front_band(PLAIN, 0.0, 0.25, (photo,)), PURPLE) > 0.05
    assert _share(sheet, _front_band(PLAIN, 0.35, 0.55, (photo,)), ORANGE) > 0.05
    assert picture.portrait is not None
    portrait = _decoded(picture.portrait)
    assert _share(portrait, (0, 0, *portrait.size), ORANGE) > 0.1
    (note,) = picture.notes
    assert "cannot look at a photo" in note
    assert "colours" in note


def test_the_descriptions_colours_win_over_the_photos() -> None:
    character = CharacterBrief(
        name="Sam", description="a boy with blue hair wearing a green jumper"
    )
    picture = _draw(character, (_photo(),))

    sheet = _decoded(picture.data)
    hair = _front_band(character, 0.0, 0.25, (_photo(),))
    clothes = _front_band(character, 0.35, 0.55, (_photo(),))
    assert _share(sheet, hair, character_look(character).hair) > 0.05
    assert _share(sheet, hair, PURPLE) < 0.01
    assert _share(sheet, clothes, COLOURS["green"]) > 0.05
    assert _share(sheet, clothes, ORANGE) < 0.01


def test_a_skin_tone_is_taken_only_when_the_face_looks_like_skin() -> None:
    colours = photo_colours(_photo())
    assert colours is not None
    assert colours.skin is not None
    assert _close(colours.skin, SKIN, 12)
    assert colours.hair is not None
    assert _close(colours.hair, PURPLE, 12)

    green_face = Image.new("RGB", (300, 400), (40, 160, 60))
    buffer = io.BytesIO()
    green_face.save(buffer, format="PNG")
    assert photo_colours(buffer.getvalue()).skin is None  # type: ignore[union-attr]


def test_a_photo_that_cannot_be_read_is_left_out_and_the_note_says_so() -> None:
    picture = _draw(PLAIN, (b"\x89PNG\r\n\x1a\n not really a picture",))

    assert picture.data == _draw(PLAIN).data  # drawn from the description alone
    (note,) = picture.notes
    assert "could not be read" in note
