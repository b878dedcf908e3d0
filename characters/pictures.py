"""Where the files of a character's sheet versions are, for the views that send them."""

from __future__ import annotations

from pathlib import Path

from characters.models import CharacterImage
from storygen.exceptions import NotFound
from storygen.media import media_path

#: Variant a client may ask for → the CharacterImage field holding its file ("image" is
#: the pages' name for the original).
PICTURE_VARIANTS = {
    "original": "image",
    "image": "image",
    "display": "display",
    "thumbnail": "thumbnail",
    "portrait": "portrait",
}


def character_picture_path(image: CharacterImage | None, variant: str) -> Path:
    """The file of one variant of a sheet version.

    Sheets kept from older stories may lack a display copy: the original stands in. Raises
    NotFound for an unknown variant, no sheet, or a file that is gone.
    """
    field = PICTURE_VARIANTS.get(variant)
    if field is None:
        raise NotFound("No such picture variant.")
    name = ""
    if image is not None:
        name = str(getattr(image, field).name or "")
        if not name and variant == "display":
            name = str(image.image.name or "")
    try:
        path = media_path(name) if name else None
    except ValueError:
        path = None
    if path is None or not path.is_file():
        raise NotFound("This character has no picture yet.")
    return path
