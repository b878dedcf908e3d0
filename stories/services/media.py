"""Where a page's pictures are: the variants a client may ask for, and their files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storygen.exceptions import NotFound
from storygen.media import existing_media_file

if TYPE_CHECKING:
    from stories.models import Page, PageImage

#: Picture variant a client may ask for → the Page field holding its file.
PICTURE_VARIANTS = {"original": "image", "display": "image_display", "thumbnail": "image_thumbnail"}
#: The same variants → the PageImage (picture version) field holding its file.
VERSION_VARIANTS = {"original": "image", "display": "display", "thumbnail": "thumbnail"}


def page_picture_path(page: Page, variant: str) -> Path:
    """The file on disk of one variant of a page's picture.

    Raises NotFound for a variant that does not exist and for a page without that picture
    (not drawn yet, or its file is gone).
    """
    field = PICTURE_VARIANTS.get(variant)
    if field is None:
        raise NotFound("No such picture variant.")
    return existing_media_file(getattr(page, field).name, "This page has no picture yet.")


def page_image_version_path(image: PageImage, variant: str) -> Path:
    """The file on disk of one variant of a page's picture version (NotFound as above)."""
    field = VERSION_VARIANTS.get(variant)
    if field is None:
        raise NotFound("No such picture variant.")
    return existing_media_file(getattr(image, field).name, "This picture is gone.")
