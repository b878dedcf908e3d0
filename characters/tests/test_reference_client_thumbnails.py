"""Thumbnail repair as the reference product's clients call it: POST
/api/v1/characters/backfill-thumbnails gives the user's characters without a picture the
sheet one of their stories drew, and counts what it did as the reference does."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from characters.models import Character, CharacterImage
from characters.tests.factories import CharacterFactory
from stories.models import StepStatus, Story, StoryCharacter
from stories.tests.factories import StoryCharacterFactory, StoryFactory
from storygen.media import media_path, read_media, store_picture, write_atomic

pytestmark = pytest.mark.django_db

URL = "/api/v1/characters/backfill-thumbnails"
NOTHING_DONE = {
    "repaired": 0,
    "already_public": 0,
    "missing_source": 0,
    "no_private_source": 0,
    "copy_failed": 0,
    "skipped": 0,
}


@pytest.fixture(autouse=True)
def media_folder(settings: Any, tmp_path: Path) -> None:
    """Each test its own media folder: ids repeat between tests, so their files would meet."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign_in(user: User) -> APIClient:
    """A bearer token as the client gets one: a form POST of the password grant."""
    client = APIClient(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 36), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _sheet_in_story(
    owner: User,
    name: str,
    data: bytes | None,
    *,
    character: Character | None = None,
    status: str = Story.Status.READY,
) -> StoryCharacter:
    """A cast member with a drawn sheet in one of ``owner``'s stories (``data`` None: the
    sheet's file is gone)."""
    member = StoryCharacterFactory(
        story=StoryFactory(owner=owner, status=status), name=name, character=character
    )
    sheet = f"stories/{member.story_id}/cast/{member.pk}-sheet.png"
    if data is not None:
        write_atomic(sheet, data)
    StoryCharacter.objects.filter(pk=member.pk).update(sheet=sheet, status=StepStatus.DONE)
    member.refresh_from_db()
    return member


def _with_picture(character: Character) -> CharacterImage:
    stored = store_picture(
        base=f"characters/{character.pk}/own", data=_png((90, 90, 90)), mime="image/png"
    )
    image = CharacterImage.objects.create(
        character=character,
        image=stored.original,
        display=stored.display,
        thumbnail=stored.thumbnail,
    )
    character.current_image = image
    character.save(update_fields=["current_image"])
    return image


def _thumbnails(client: APIClient) -> dict[str, Any]:
    response = client.get("/api/v1/characters?q=&page=1&page_size=12")
    assert response.status_code == 200
    return {item["name"]: item["thumbnail_path"] for item in response.json()["items"]}


@pytest.mark.parametrize("slash", [False, True])
def test_each_character_gets_the_outcome_the_reference_counts(
    user: User, other_user: User, slash: bool
) -> None:
    linked = CharacterFactory(owner=user, name="Linked")
    linked_sheet = _sheet_in_story(
        user, "Renamed in the story", _png((200, 0, 0)), character=linked
    )
    by_name = CharacterFactory(owner=user, name="Mira")
    mira_sheet = _sheet_in_story(user, " MIRA ", _png((0, 200, 0)))
    _with_picture(CharacterFactory(owner=user, name="Shown"))
    CharacterFactory(owner=user, name="Never drawn")
    CharacterFactory(owner=user, name="Lost")
    _sheet_in_story(user, "Lost", None)
    CharacterFactory(owner=user, name="Broken")
    _sheet_in_story(user, "Broken", b"not a picture at all")
    CharacterFactory(owner=user, name="Held")
    _sheet_in_story(user, "Held", _png((0, 0, 200)), status=Story.Status.HELD)
    # Someone else's character of the same name, with a sheet of theirs: not looked at.
    theirs = CharacterFactory(owner=other_user, name="Mira")
    _sheet_in_story(other_user, "Mira", _png((1, 2, 3)))
    client = _sign_in(user)

    response = client.post(URL + ("/" if slash else ""))

    assert response.status_code == 200, response.json()
    assert response.json() == {
        "scanned": 7,
        "repaired": 2,
        "already_public": 1,
        "missing_source": 1,
        "no_private_source": 1,
        "copy_failed": 1,
        "skipped": 1,
    }
    thumbnails = _thumbnails(client)
    assert all(thumbnails[name] for name in ("Linked", "Mira", "Shown"))
    assert not any(thumbnails[name] for name in ("Never drawn", "Lost", "Broken", "Held"))
    for character, member in ((linked, linked_sheet), (by_name, mira_sheet)):
        character.refresh_from_db()
        image = character.current_image
        assert image is not None
        assert image.source == CharacterImage.Source.STORY
        assert image.image.name.startswith(f"characters/{character.pk}/")
        assert read_media(image.image.name) == read_media(member.sheet.name)
        assert media_path(image.thumbnail.name).is_file()
    theirs.refresh_from_db()
    assert theirs.current_image_id is None


def test_a_second_repair_finds_the_repaired_ones_public(user: User) -> None:
    CharacterFactory(owner=user, name="Pip")
    _sheet_in_story(user, "Pip", _png((5, 5, 5)))
    client = _sign_in(user)
    assert client.post(URL).json()["repaired"] == 1

    again = client.post(URL)

    assert again.json() == {**NOTHING_DONE, "scanned": 1, "already_public": 1}
    assert CharacterImage.objects.filter(character__owner=user).count() == 1


def test_the_newest_usable_sheet_is_copied_and_a_lost_one_only_counts_without_it(
    user: User,
) -> None:
    pip = CharacterFactory(owner=user, name="Pip")
    usable = _sheet_in_story(user, "Pip", _png((7, 70, 7)))
    _sheet_in_story(user, "Pip", None)  # newer, but its file is gone
    mira = CharacterFactory(owner=user, name="Mira")
    _sheet_in_story(user, "Mira", b"broken")
    _sheet_in_story(user, "Mira", None)

    counts = _sign_in(user).post(URL).json()

    assert counts == {**NOTHING_DONE, "scanned": 2, "repaired": 1, "missing_source": 1}
    pip.refresh_from_db()
    assert pip.current_image is not None
    assert read_media(pip.current_image.image.name) == read_media(usable.sheet.name)
    mira.refresh_from_db()
    assert mira.current_image_id is None


def test_a_picture_whose_thumbnail_is_gone_is_repaired_from_a_story(user: User) -> None:
    pip = CharacterFactory(owner=user, name="Pip")
    lost = _with_picture(pip)
    media_path(lost.thumbnail.name).unlink()
    _sheet_in_story(user, "Pip", _png((50, 60, 70)))

    counts = _sign_in(user).post(URL).json()

    assert counts["repaired"] == 1
    pip.refresh_from_db()
    assert pip.current_image_id != lost.pk
    assert pip.images.count() == 2  # the earlier version is kept


def test_a_user_without_characters_gets_zero_counts_and_strangers_401(user: User) -> None:
    assert _sign_in(user).post(URL).json() == {**NOTHING_DONE, "scanned": 0}
    anonymous = APIClient().post(URL)
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"]


def test_a_sheet_in_a_story_a_moderator_hid_or_deleted_is_not_copied(user: User) -> None:
    for flag, name in (("is_hidden", "Hidden"), ("is_deleted", "Deleted")):
        CharacterFactory(owner=user, name=name)
        member = _sheet_in_story(user, name, _png((9, 9, 9)))
        Story.objects.filter(pk=member.story_id).update(**{flag: True})

    counts = _sign_in(user).post(URL).json()

    assert counts == {**NOTHING_DONE, "scanned": 2, "no_private_source": 2}
    assert not CharacterImage.objects.filter(character__owner=user).exists()
