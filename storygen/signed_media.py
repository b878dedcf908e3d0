"""Signed, expiring addresses of private pictures, for clients that show a picture with a plain
``<img>`` and so cannot send a token: the ``/static_content/`` paths of the reference product.

An address is a path relative to ``/static_content/``::

    images/user_{owner id}/{stem}.{timestamp}.{signature}.{extension}

The stem names one picture and its variant (``characters/12/34-thumbnail``); the apps that keep
pictures register what their stems look like and how to find the picture a stem names, so
the core never knows an app. The signature (Django's signing, with a salt of its own) covers
the whole path but for itself, so it holds for that owner, that picture, that variant and
that file type only, and only for ``STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS``. Anything else,
a path of the reference's story folders included, is not found, like a missing file.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

from storygen.exceptions import NotFound
from storygen.media import existing_media_file

SALT = "storygen.signed-media"
#: The name of the route serving the addresses (storygen.urls).
URL_NAME = "signed-media"
#: How long at most addresses signed at different moments are the same one, so a browser's
#: cache keeps a picture across page loads; an address then holds for at least the max age
#: less this (or three quarters of a very short max age).
_SAME_ADDRESS_SECONDS = 900
_EXTENSIONS = {".png": "png", ".jpg": "jpg", ".webp": "webp"}
# Ids of at most 18 digits: always within a 64-bit key, so no lookup can overflow a column.
_SIGNED_PATH = re.compile(
    r"images/user_(?P<owner_id>[1-9][0-9]{0,17})/(?P<stem>[a-z0-9_/-]{1,200})"
    r"\.(?P<timestamp>[0-9A-Za-z]{1,12})\.(?P<signature>[A-Za-z0-9_-]{20,100})"
    r"\.(?P<extension>png|jpg|webp)"
)
NOT_FOUND = "No such picture."


@dataclass(frozen=True)
class PictureKind:
    """One kind of private picture an app keeps (a character's sheet version, a page's picture).

    ``pattern`` matches the stems of the kind's addresses and has a ``variant`` group; ``find``
    gets the picture a match names (its other groups), if ``owner_id`` still owns it and may
    still see it, else None. ``owner_id_of``, ``stem`` and ``file_name`` say whose a picture
    is, the stem of one of its variants, and the media name of that variant's file ("" when
    it has none).
    """

    name: str
    model: type[Any]
    pattern: re.Pattern[str]
    find: Callable[[int, Mapping[str, str]], Any | None]
    owner_id_of: Callable[[Any], int]
    stem: Callable[[Any, str], str]
    file_name: Callable[[Any, str], str]


@dataclass(frozen=True)
class SignedPicture:
    """A picture an address was signed for: its file, and for how many more seconds the
    address holds."""

    path: Path
    seconds_left: int


_kinds: dict[str, PictureKind] = {}


def signed_pictures_register(kind: PictureKind) -> None:
    """Say how to sign and find one kind of picture (its app calls this when it starts;
    registering a name again replaces it)."""
    _kinds[kind.name] = kind


def _kind_of(picture: Any) -> PictureKind:
    for kind in _kinds.values():
        if isinstance(picture, kind.model):
            return kind
    raise LookupError(f"no signed picture kind for {type(picture).__name__}")


def _max_age() -> int:
    return max(1, int(settings.STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS))


def _now() -> float:
    return time.time()


class _Signer(signing.TimestampSigner):
    """Signs with the start of the current stretch of ``_SAME_ADDRESS_SECONDS`` rather than
    this second, so a picture keeps one address (and its cached copy) for that long."""

    def timestamp(self) -> str:
        step = max(1, min(_SAME_ADDRESS_SECONDS, _max_age() // 4))
        return signing.b62_encode(int(_now()) // step * step)


def _signer() -> _Signer:
    return _Signer(salt=SALT)


def signed_picture_path(picture: Any, variant: str) -> str | None:
    """The signed address of a variant of ``picture``, relative to ``/static_content/``;
    None when the picture has no such file. Anyone holding it sees that picture, without
    signing in, until it expires: give it to the picture's owner only."""
    if picture is None:
        return None
    kind = _kind_of(picture)
    name = kind.file_name(picture, variant)
    extension = _EXTENSIONS.get(Path(name).suffix.lower()) if name else None
    if extension is None:
        return None
    unsigned = f"images/user_{kind.owner_id_of(picture)}/{kind.stem(picture, variant)}"
    _, timestamp, signature = _signer().sign(f"{unsigned}.{extension}").rsplit(":", 2)
    return f"{unsigned}.{timestamp}.{signature}.{extension}"


def signed_picture_url(picture: Any, variant: str) -> str | None:
    """The same address as a URL of this site (what an ``<img>`` of our own pages shows)."""
    path = signed_picture_path(picture, variant)
    return reverse(URL_NAME, kwargs={"signed_path": path}) if path else None


def signed_picture_open(signed_path: str) -> SignedPicture:
    """The file a signed address names, if its signature holds and has not expired, the
    owner it was signed for still owns the picture and may see it, and the file exists.

    Raises NotFound otherwise, with one message whatever the reason, so the answer tells
    nothing of what exists.
    """
    parts = _SIGNED_PATH.fullmatch(signed_path)
    if parts is None:
        raise NotFound(NOT_FOUND)
    owner_id, stem, extension = parts["owner_id"], parts["stem"], parts["extension"]
    unsigned = f"images/user_{owner_id}/{stem}.{extension}"
    max_age = _max_age()
    try:
        _signer().unsign(f"{unsigned}:{parts['timestamp']}:{parts['signature']}", max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one too
        raise NotFound(NOT_FOUND) from None
    for kind in _kinds.values():
        named = kind.pattern.fullmatch(stem)
        if named is not None:
            break
    else:
        raise NotFound(NOT_FOUND)
    picture = kind.find(int(owner_id), named.groupdict())
    variant = named["variant"]
    # The picture found must still be the one signed for: same owner, same stem (a page's
    # picture version, say), same file type.
    if (
        picture is None
        or kind.owner_id_of(picture) != int(owner_id)
        or kind.stem(picture, variant) != stem
    ):
        raise NotFound(NOT_FOUND)
    name = kind.file_name(picture, variant)
    if _EXTENSIONS.get(Path(name).suffix.lower()) != extension:
        raise NotFound(NOT_FOUND)
    path = existing_media_file(name, NOT_FOUND)
    signed_at = signing.b62_decode(parts["timestamp"])
    return SignedPicture(path=path, seconds_left=max(0, int(signed_at + max_age - _now())))
