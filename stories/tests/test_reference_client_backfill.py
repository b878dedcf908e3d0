""" "Sync from stories" as the reference product's browser client does it: POST
/stories/backfill-characters at the site's root (and its twin under the API prefix) keeps
the cast of the user's stories in their character library."""

from __future__ import annotations

import io
from collections.abc import Callable
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
from stories.tests.providers import ScriptedProvider
from storygen.media import media_path, read_media, write_atomic

pytestmark = pytest.mark.django_db

#: Where the client sends it (the site's root) and its twin under the API prefix.
PLACES = ["/stories/backfill-characters", "/api/v1/stories/backfill-characters"]
UNSAFE = "a pirate who wants to slaughter children, with blood everywhere"


@pytest.fixture(autouse=True)
def media_folder(settings: Any, tmp_path: Path) -> None:
    """Each test its own media folder: ids repeat between tests, so their files would meet."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign_in(user: User) -> APIClient:
    """A bearer token as the client gets one (a form POST of the password grant), from a
    client that enforces CSRF as a browser would."""
    client = APIClient(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


def _sync(client: APIClient, place: str = PLACES[0], *, slash: bool = False, query: str = ""):
    return client.post(place + ("/" if slash else "") + query)


def _library(client: APIClient) -> dict[str, dict[str, Any]]:
    """The character library as the client's picker reads it: the list, then each card."""
    response = client.get("/api/v1/characters?q=&page=1&page_size=12")
    assert response.status_code == 200
    cards = {}
    for item in response.json()["items"]:
        detail = client.get(f"/api/v1/characters/{item['id']}")
        assert detail.status_code == 200
        cards[item["name"]] = {**detail.json(), "thumbnail_path": item["thumbnail_path"]}
    return cards


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 36), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _with_sheet(member: StoryCharacter, colour: tuple[int, int, int]) -> StoryCharacter:
    """Give a cast member a drawn sheet (a file in its story's folder)."""
    name = f"stories/{member.story_id}/cast/{member.pk}-sheet.png"
    write_atomic(name, _png(colour))
    StoryCharacter.objects.filter(pk=member.pk).update(sheet=name, status=StepStatus.DONE)
    member.refresh_from_db()
    return member


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("slash", [False, True])
def test_sync_from_stories_brings_back_the_cast_with_their_sheets(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    place: str,
    slash: bool,
) -> None:
    client = _sign_in(user)
    created = run_pipeline(client.post, "/api/v1/stories/", story_request, format="json")
    assert created.status_code == 202
    # The library lost them (deleted from the Characters page); the story still has them.
    for card in _library(client).values():
        assert client.delete(f"/api/v1/characters/{card['id']}").status_code == 204
    assert _library(client) == {}

    response = _sync(client, place, slash=slash)

    assert response.status_code == 200, response.json()
    assert response.json() == {"upserted": 2}
    cards = _library(client)
    assert set(cards) == {"Mira", "Pip"}
    mira = cards["Mira"]
    assert (mira["age"], mira["gender"]) == (9, "Female")
    assert mira["description"] == "a brave girl of nine"
    assert mira["clothing_style"] == "a yellow raincoat and green boots"
    assert mira["key_traits"] == "always carries a brass lantern"
    # Each comes back with the sheet its story drew, as a picture the client can show.
    for name, card in cards.items():
        assert card["thumbnail_path"], name
        assert card["current_image"] is not None, name
        sheet = StoryCharacter.objects.get(story_id=created.json()["story_id"], name=name).sheet
        image = CharacterImage.objects.get(pk=card["current_image"]["id"])
        assert read_media(image.image.name) == read_media(sheet.name)
        assert image.image.name.startswith(f"characters/{card['id']}/")


def test_an_existing_character_takes_only_the_details_the_story_gives(user: User) -> None:
    kept = CharacterFactory(
        owner=user, name="MIRA", description="the library's own words", gender="", age=None
    )
    member = StoryCharacterFactory(
        story=StoryFactory(owner=user),
        name="  mira ",
        description="",
        physical_appearance="",
        age=9,
        gender="Female",
        clothing_style="a yellow raincoat",
    )
    _with_sheet(member, (200, 40, 40))

    response = _sync(_sign_in(user))

    assert response.json() == {"upserted": 1}
    assert Character.objects.filter(owner=user).count() == 1
    kept.refresh_from_db()
    assert kept.name == "MIRA"  # the library's casing and id stay
    assert kept.description == "the library's own words"  # the story gave none
    assert (kept.age, kept.gender, kept.clothing_style) == (9, "Female", "a yellow raincoat")
    assert kept.current_image is not None
    assert kept.current_image.source == CharacterImage.Source.STORY
    member.refresh_from_db()
    assert member.character_id == kept.pk


def test_syncing_again_adds_no_picture_and_the_newest_story_sheet_is_current(
    user: User,
) -> None:
    older = StoryCharacterFactory(story=StoryFactory(owner=user), name="Pip")
    newer = StoryCharacterFactory(story=StoryFactory(owner=user), name="Pip")
    _with_sheet(older, (10, 10, 200))
    _with_sheet(newer, (10, 200, 10))
    client = _sign_in(user)

    assert _sync(client).json() == {"upserted": 2}
    assert _sync(client, slash=True).json() == {"upserted": 2}

    pip = Character.objects.get(owner=user, name="Pip")
    assert pip.images.count() == 2
    assert pip.current_image is not None
    assert read_media(pip.current_image.image.name) == read_media(newer.sheet.name)


def test_drafts_are_included_unless_the_client_says_not_to(user: User) -> None:
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT)
    StoryCharacterFactory(story=draft, name="Drafted Dragon", description="a sleepy dragon")
    StoryCharacterFactory(story=StoryFactory(owner=user), name="Written Whale")
    client = _sign_in(user)

    assert _sync(client, query="?include_drafts=false").json() == {"upserted": 1}
    assert set(Character.objects.values_list("name", flat=True)) == {"Written Whale"}

    assert _sync(client, query="?include_drafts=true").json() == {"upserted": 2}
    assert set(Character.objects.values_list("name", flat=True)) == {
        "Written Whale",
        "Drafted Dragon",
    }


def test_a_drafts_unsafe_character_and_a_refused_storys_cast_are_left_out(user: User) -> None:
    StoryCharacterFactory(
        story=StoryFactory(owner=user, status=Story.Status.DRAFT), name="Pip", description=UNSAFE
    )
    StoryCharacterFactory(story=StoryFactory(owner=user, status=Story.Status.REFUSED), name="Grim")
    StoryCharacterFactory(
        story=StoryFactory(owner=user, status=Story.Status.DRAFT), name="Mira", description="kind"
    )

    response = _sync(_sign_in(user))

    assert response.json() == {"upserted": 1}
    assert list(Character.objects.values_list("name", flat=True)) == ["Mira"]


def test_only_the_users_own_stories_feed_only_their_library(user: User, other_user: User) -> None:
    _with_sheet(
        StoryCharacterFactory(story=StoryFactory(owner=other_user), name="Theirs"), (1, 2, 3)
    )
    mine = CharacterFactory(owner=user, name="Theirs", description="mine")

    assert _sync(_sign_in(user)).json() == {"upserted": 0}

    mine.refresh_from_db()
    assert (mine.description, mine.current_image_id) == ("mine", None)
    assert not Character.objects.filter(owner=other_user).exists()


@pytest.mark.parametrize("place", PLACES)
def test_errors_answer_in_json_as_the_api_does(user: User, place: str) -> None:
    anonymous = APIClient().post(place)
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"]

    client = _sign_in(user)
    bad = _sync(client, place, query="?include_drafts=perhaps")
    assert bad.status_code == 400
    assert bad.json()["detail"]
    assert client.get(place).status_code == 405

    missing = client.post(place + "/elsewhere")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"
    assert missing.json()["detail"]


def test_a_missing_sheet_file_still_brings_the_character_back(user: User) -> None:
    member = _with_sheet(
        StoryCharacterFactory(story=StoryFactory(owner=user), name="Pip"), (9, 9, 9)
    )
    media_path(member.sheet.name).unlink()

    assert _sync(_sign_in(user)).json() == {"upserted": 1}

    pip = Character.objects.get(owner=user, name="Pip")
    assert pip.current_image is None


def test_stories_a_moderator_hid_or_deleted_give_the_library_nothing(user: User) -> None:
    for flag, name in (("is_hidden", "Hidden"), ("is_deleted", "Deleted")):
        story = StoryFactory(owner=user, **{flag: True})
        _with_sheet(StoryCharacterFactory(story=story, name=name), (9, 9, 9))
    _with_sheet(StoryCharacterFactory(story=StoryFactory(owner=user), name="Shown"), (8, 8, 8))

    response = _sync(_sign_in(user))

    assert response.json() == {"upserted": 1}
    assert list(Character.objects.values_list("name", flat=True)) == ["Shown"]
