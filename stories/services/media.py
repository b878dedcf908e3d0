"""Where a page's pictures are: the variants a client may ask for, their files, the page
picture's path in the reference product's form, and its signed address
(storygen.signed_media) for clients that show it without a token."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from stories.models import Page
from stories.selectors import page_of_owner
from storygen.exceptions import NotFound
from storygen.media import existing_media_file
from storygen.signed_media import PictureKind

if TYPE_CHECKING:
    from stories.models import PageImage

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


def page_reference_image_path(page: Page) -> str | None:
    """The page's current picture named as the reference product names its private story
    pictures (``images/user_{uid}/story_{sid}/page_{n}_{8 hex}_story_{sid}_p{n}.png``, the
    cover ``cover_…_p0``); None without one.

    No file has this name: it tells the reference product's client to fetch the picture from
    the page-image endpoint with its token. The 8 hex digits change with the picture, since
    that client keeps a fetched picture per page and path.
    """
    name = str(page.image.name or "")
    if not name:
        return None
    identity = f"{page.pk}:{page.image_version}:{name}".encode()
    tag = hashlib.blake2s(identity, digest_size=4).hexdigest()
    story_id, number = page.story_id, page.number
    first = "cover" if number == 0 else f"page_{number}"
    suffix = Path(name).suffix.lower() or ".png"
    return (
        f"images/user_{page.story.owner_id}/story_{story_id}/"
        f"{first}_{tag}_story_{story_id}_p{number}{suffix}"
    )


def _signed_stem(page: Page, variant: str) -> str:
    # The picture's version is in it: an address given out before a redraw never shows the
    # new picture, and the new one has a new address.
    return f"story_{page.story_id}/page_{page.pk}/v{page.image_version}-{variant}"


def _signed_find(owner_id: int, named: Mapping[str, str]) -> Page | None:
    return page_of_owner(
        owner_id=owner_id, story_id=int(named["story_id"]), page_id=int(named["page_id"])
    )


def _signed_file_name(page: Page, variant: str) -> str:
    field = PICTURE_VARIANTS.get(variant)
    return str(getattr(page, field).name or "") if field else ""


#: The current picture of a page, signed (registered by the app when it starts).
SIGNED_PAGE_PICTURES = PictureKind(
    name="page pictures",
    model=Page,
    pattern=re.compile(
        r"story_(?P<story_id>[0-9]{1,18})/page_(?P<page_id>[0-9]{1,18})"
        r"/v(?P<version>[0-9]{1,5})-(?P<variant>original|display|thumbnail)"
    ),
    find=_signed_find,
    owner_id_of=lambda page: int(page.story.owner_id),
    stem=_signed_stem,
    file_name=_signed_file_name,
)
