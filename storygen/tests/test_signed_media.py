"""Signed picture addresses: one address per picture for a while, kinds the apps register,
and the setting's lower bound."""

from __future__ import annotations

import io
import time
import uuid

import pytest
from django.test import Client
from PIL import Image

from accounts.models import User
from characters.models import Character, CharacterImage
from characters.tests.factories import CharacterFactory
from storygen import signed_media
from storygen.media import store_picture
from storygen.testing.settings import settings_in_subprocess

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(user: User) -> CharacterImage:
    character = CharacterFactory(owner=user)
    buffer = io.BytesIO()
    Image.new("RGB", (32, 48), (90, 160, 60)).save(buffer, "PNG")
    stored = store_picture(
        base=f"characters/{character.pk}/{uuid.uuid4().hex}",
        data=buffer.getvalue(),
        mime="image/png",
    )
    return CharacterImage.objects.create(
        character=character,
        image=stored.original,
        display=stored.display,
        thumbnail=stored.thumbnail,
    )


def _at(monkeypatch: pytest.MonkeyPatch, moment: float) -> None:
    monkeypatch.setattr(signed_media, "_now", lambda: moment)


def test_a_picture_keeps_one_address_for_a_quarter_hour_then_gets_a_new_one(
    sheet: CharacterImage, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = (int(time.time()) // 900) * 900
    addresses = []
    for moment in (start, start + 899, start + 900):
        _at(monkeypatch, moment)
        addresses.append(signed_media.signed_picture_path(sheet, "thumbnail"))

    assert addresses[0] == addresses[1]
    assert addresses[2] != addresses[1]
    monkeypatch.undo()
    for address in addresses:
        assert Client().get(f"/static_content/{address}").status_code == 200


def test_the_address_names_the_owner_the_picture_the_variant_and_its_type(
    user: User, sheet: CharacterImage
) -> None:
    address = signed_media.signed_picture_path(sheet, "display")
    assert address is not None

    stem, _timestamp, _signature, extension = address.rsplit(".", 3)

    assert stem == f"images/user_{user.pk}/characters/{sheet.character_id}/{sheet.pk}-display"
    assert extension == "jpg"
    assert signed_media.signed_picture_url(sheet, "display") == f"/static_content/{address}"


def test_a_variant_without_a_file_has_no_address(sheet: CharacterImage) -> None:
    assert signed_media.signed_picture_path(sheet, "portrait") is None
    assert signed_media.signed_picture_path(sheet, "poster") is None
    assert signed_media.signed_picture_path(None, "display") is None


def test_a_well_signed_path_no_kind_claims_is_not_found(user: User) -> None:
    unsigned = f"images/user_{user.pk}/story_1/cover_0badc0de_story_1_p0.png"
    _, timestamp, signature = signed_media._signer().sign(unsigned).rsplit(":", 2)
    stem = unsigned.removesuffix(".png")

    response = Client().get(f"/static_content/{stem}.{timestamp}.{signature}.png")

    assert response.status_code == 404


def test_an_object_of_no_registered_kind_cannot_be_signed(user: User) -> None:
    with pytest.raises(LookupError):
        signed_media.signed_picture_path(Character(owner=user), "display")


def test_the_max_age_must_be_at_least_a_minute() -> None:
    with pytest.raises(RuntimeError, match="STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS"):
        settings_in_subprocess(
            {"DJANGO_SECRET_KEY": "s" * 60, "STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS": "59"},
            "STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS",
        )
    got = settings_in_subprocess(
        {"DJANGO_SECRET_KEY": "s" * 60, "STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS": "60"},
        "STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS",
    )
    assert got == {"STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS": "60"}
