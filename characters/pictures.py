"""Where the files of a character's sheet versions are, for the views that send them, and
their signed addresses (storygen.signed_media) for clients that show them without a token."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from characters.models import CharacterImage
from characters.selectors import character_image_of_owner
from storygen.exceptions import NotFound
from storygen.media import media_path
from storygen.signed_media import PictureKind

#: Variant a client may ask for → the CharacterImage field holding its file ("image" is
#: the pages' name for the original).
PICTURE_VARIANTS = {
    "original": "image",
    "image": "image",
    "display": "display",
    "thumbnail": "thumbnail",
    "portrait": "portrait",
}


def character_picture_name(image: CharacterImage | None, variant: str) -> str:
    """The media name of one variant of a sheet version; "" when it has none.

    Sheets kept from older stories may lack a display copy: the original stands in.
    """
    field = PICTURE_VARIANTS.get(variant)
    if image is None or field is None:
        return ""
    name = str(getattr(image, field).name or "")
    if not name and variant == "display":
        name = str(image.image.name or "")
    return name


def character_picture_path(image: CharacterImage | None, variant: str) -> Path:
    """The file of one variant of a sheet version.

    Raises NotFound for an unknown variant, no sheet, or a file that is gone.
    """
    if variant not in PICTURE_VARIANTS:
        raise NotFound("No such picture variant.")
    name = character_picture_name(image, variant)
    try:
        path = media_path(name) if name else None
    except ValueError:
        path = None
    if path is None or not path.is_file():
        raise NotFound("This character has no picture yet.")
    return path


def _signed_stem(image: CharacterImage, variant: str) -> str:
    # The folder is the reference product's public one for a character's pictures.
    canonical = "original" if variant == "image" else variant
    return f"characters/{image.character_id}/{image.pk}-{canonical}"


def _signed_find(owner_id: int, named: Mapping[str, str]) -> CharacterImage | None:
    return character_image_of_owner(
        owner_id=owner_id,
        character_id=int(named["character_id"]),
        image_id=int(named["image_id"]),
    )


def _owner_id(image: CharacterImage) -> int:
    # Selectors load the character with the sheet, so this costs no query.
    return int(image.character.owner_id)


#: A character's sheet versions, signed (registered by the app when it starts).
SIGNED_SHEETS = PictureKind(
    name="character sheets",
    model=CharacterImage,
    pattern=re.compile(
        r"characters/(?P<character_id>[0-9]{1,18})/(?P<image_id>[0-9]{1,18})"
        r"-(?P<variant>original|display|thumbnail|portrait)"
    ),
    find=_signed_find,
    owner_id_of=_owner_id,
    stem=_signed_stem,
    file_name=character_picture_name,
)
