"""Character pictures as the reference product's browser client shows them: the list's
``thumbnail_path`` and the detail's ``current_image.file_path`` as
``<img src="{base}/static_content/{path}">``, with no token; signed paths that expire and
serve nothing but the picture they were signed for, to its owner's client."""

from __future__ import annotations

import io
import time
import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from characters.models import Character, CharacterImage
from characters.tests.factories import CharacterFactory
from storygen import signed_media
from storygen.media import media_path, store_picture

pytestmark = pytest.mark.django_db

FOUR_HOURS = 14_400


def _png(colour: tuple[int, int, int], size: tuple[int, int] = (64, 96)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def _drawn(character: Character, colour: tuple[int, int, int] = (200, 80, 40)) -> CharacterImage:
    """A sheet with real files (original, display, thumbnail, portrait), made current."""
    stored = store_picture(
        base=f"characters/{character.pk}/{uuid.uuid4().hex}",
        data=_png(colour),
        mime="image/png",
        portrait=_png(colour, (48, 48)),
    )
    image = CharacterImage.objects.create(
        character=character,
        image=stored.original,
        display=stored.display,
        thumbnail=stored.thumbnail,
        portrait=stored.portrait,
    )
    character.current_image = image
    character.save(update_fields=["current_image"])
    return image


@pytest.fixture
def mira(user: User) -> Character:
    character = CharacterFactory(owner=user, name="Mira")
    _drawn(character)
    return character


def _sign_in(user: User) -> APIClient:
    """Sign in as the client does (a form POST of the password grant), then send the token."""
    client = APIClient()
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


def _listed(client: APIClient) -> dict[str, dict[str, Any]]:
    # The client's library panel: no trailing slash, its query string.
    response = client.get("/api/v1/characters?q=&page=1&page_size=12")
    assert response.status_code == 200, response.json()
    return {item["name"]: item for item in response.json()["items"]}


def _detail(client: APIClient, character: Character) -> dict[str, Any]:
    response = client.get(f"/api/v1/characters/{character.pk}")
    assert response.status_code == 200, response.json()
    return response.json()


def _shown(path: str, **headers: Any) -> Any:
    """What an ``<img src="{base}/static_content/{path}">`` gets: no token, no session."""
    return Client().get(f"/static_content/{path}", **headers)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_list_and_detail_pictures_show_without_any_token(user: User, mira: Character) -> None:
    client = _sign_in(user)
    sheet = mira.current_image
    assert sheet is not None

    thumbnail = _listed(client)["Mira"]["thumbnail_path"]
    current = _detail(client, mira)["current_image"]

    for path, name, content_type in (
        (thumbnail, sheet.thumbnail.name, "image/webp"),
        (current["thumbnail_path"], sheet.thumbnail.name, "image/webp"),
        (current["file_path"], sheet.display.name, "image/jpeg"),
        (current["portrait_path"], sheet.portrait.name, "image/webp"),
    ):
        # The reference's public form of a character's pictures, relative to /static_content/.
        assert path.startswith(f"images/user_{user.pk}/characters/{mira.pk}/{sheet.pk}-")
        response = _shown(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert _body(response) == media_path(name).read_bytes()
    assert Client().head(f"/static_content/{thumbnail}").status_code == 200
    assert Client().post(f"/static_content/{thumbnail}").status_code == 405


def test_the_picture_is_cached_privately_no_longer_than_the_path_holds(
    user: User, mira: Character
) -> None:
    path = _listed(_sign_in(user))["Mira"]["thumbnail_path"]

    response = _shown(path)

    directive, max_age = response["Cache-Control"].split(", max-age=")
    assert directive == "private"
    # Signed at the start of its quarter hour at the latest: between 3¾ and 4 hours left.
    assert FOUR_HOURS - 900 - 5 <= int(max_age) <= FOUR_HOURS


def test_the_path_stays_the_same_between_answers_so_browsers_keep_the_picture(
    user: User, mira: Character
) -> None:
    client = _sign_in(user)

    first = _listed(client)["Mira"]["thumbnail_path"]
    again = _listed(client)["Mira"]["thumbnail_path"]

    assert first == again


def test_a_new_current_sheet_gets_a_new_path(user: User, mira: Character) -> None:
    client = _sign_in(user)
    before = _listed(client)["Mira"]["thumbnail_path"]

    _drawn(mira, colour=(40, 80, 200))
    after = _listed(client)["Mira"]["thumbnail_path"]

    assert after != before
    assert _body(_shown(after)) != _body(_shown(before))


def test_the_token_addresses_stay_available_in_url_fields(user: User, mira: Character) -> None:
    client = _sign_in(user)
    sheet = mira.current_image
    assert sheet is not None
    api = f"/api/v1/characters/{mira.pk}/images/{sheet.pk}/file"

    listed = _listed(client)["Mira"]
    current = _detail(client, mira)["current_image"]

    assert listed["thumbnail_url"] == f"{api}?variant=thumbnail"
    assert current["file_url"] == f"{api}?variant=display"
    assert current["portrait_url"] == f"{api}?variant=portrait"
    assert client.get(current["file_url"]).status_code == 200
    assert APIClient().get(current["file_url"]).status_code == 401


def test_a_character_without_a_sheet_has_no_paths(user: User) -> None:
    CharacterFactory(owner=user, name="Pip")
    client = _sign_in(user)

    listed = _listed(client)["Pip"]

    assert listed["thumbnail_path"] is None
    assert listed["thumbnail_url"] is None


def _tampered(path: str) -> list[str]:
    stem, timestamp, signature, extension = path.rsplit(".", 3)
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    return [
        f"{stem}.{timestamp}.{flipped}.{extension}",
        f"{stem}.{timestamp}.{signature[:-1]}.{extension}",
        f"{stem}.{timestamp}.{signature}.png",
        f"{stem.replace('-thumbnail', '-display')}.{timestamp}.{signature}.{extension}",
        f"{stem.replace('-thumbnail', '-original')}.{timestamp}.{signature}.{extension}",
        f"{stem}.{timestamp}0.{signature}.{extension}",
        f"{stem}.{extension}",
        f"{stem}.{signature}.{extension}",
    ]


def test_a_changed_signature_or_path_is_not_found(user: User, mira: Character) -> None:
    path = _listed(_sign_in(user))["Mira"]["thumbnail_path"]
    assert _shown(path).status_code == 200

    for changed in _tampered(path):
        assert _shown(changed).status_code == 404, changed


def test_an_expired_path_is_not_found(
    user: User, mira: Character, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _sign_in(user)
    now = time.time()
    # Signed more than four hours ago.
    monkeypatch.setattr(signed_media, "_now", lambda: now - FOUR_HOURS - 1000)
    old = _listed(client)["Mira"]["thumbnail_path"]
    # Signed a little under four hours ago: still holds, briefly.
    monkeypatch.setattr(signed_media, "_now", lambda: now - FOUR_HOURS + 1000)
    recent = _listed(client)["Mira"]["thumbnail_path"]
    monkeypatch.undo()

    assert _shown(old).status_code == 404
    response = _shown(recent)
    assert response.status_code == 200
    assert int(response["Cache-Control"].split("max-age=")[1]) <= 1000


def test_a_shorter_max_age_setting_expires_paths_sooner(
    user: User, mira: Character, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS = 600
    client = _sign_in(user)
    now = time.time()
    monkeypatch.setattr(signed_media, "_now", lambda: now - 700)
    old = _listed(client)["Mira"]["thumbnail_path"]
    monkeypatch.undo()

    assert _shown(old).status_code == 404
    fresh = _listed(client)["Mira"]["thumbnail_path"]
    assert int(_shown(fresh)["Cache-Control"].split("max-age=")[1]) <= 600


def test_another_users_picture_is_not_found_with_a_signature_made_for_someone_else(
    user: User, other_user: User, mira: Character
) -> None:
    theirs = CharacterFactory(owner=other_user, name="Nimbus")
    their_sheet = _drawn(theirs)
    mine = _listed(_sign_in(user))["Mira"]["thumbnail_path"]
    their_own = _listed(_sign_in(other_user))["Nimbus"]["thumbnail_path"]
    assert _shown(their_own).status_code == 200

    sheet = mira.current_image
    assert sheet is not None
    # My signature on a path naming their picture, under my id or theirs.
    for owner in (user.pk, other_user.pk):
        moved = mine.replace(f"user_{user.pk}/", f"user_{owner}/").replace(
            f"characters/{mira.pk}/{sheet.pk}-", f"characters/{theirs.pk}/{their_sheet.pk}-"
        )
        assert _shown(moved).status_code == 404, moved
    # Their signature with my picture's path.
    signature = their_own.split(".", 1)[1]
    assert _shown(f"{mine.split('.', 1)[0]}.{signature}").status_code == 404


def test_a_path_stops_working_once_its_owner_no_longer_owns_the_picture(
    user: User, other_user: User, mira: Character
) -> None:
    path = _listed(_sign_in(user))["Mira"]["thumbnail_path"]

    Character.objects.filter(pk=mira.pk).update(owner=other_user)

    assert _shown(path).status_code == 404


def test_a_path_stops_working_once_its_owner_is_deactivated(user: User, mira: Character) -> None:
    path = _listed(_sign_in(user))["Mira"]["thumbnail_path"]

    User.objects.filter(pk=user.pk).update(is_active=False)

    assert _shown(path).status_code == 404


def test_a_path_stops_working_once_the_sheet_is_deleted(user: User, mira: Character) -> None:
    path = _listed(_sign_in(user))["Mira"]["thumbnail_path"]

    mira.delete()

    assert _shown(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "",
        "images/",
        "images/user_1/characters/",
        "../settings.py",
        "..%2f..%2fmanage.py",
        "images/user_1/characters/1/../../../../manage.py",
        "images/user_1/characters/1/1-thumbnail.x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaa.webp/../x",
        "/etc/passwd",
        "images/user_99999999999999999999/characters/1/1-thumbnail.1.aaaaaaaaaaaaaaaaaaaa.webp",
    ],
)
def test_nothing_else_under_static_content_is_served(path: str, user: User) -> None:
    assert Client().get(f"/static_content/{path}").status_code == 404


def test_a_sheet_whose_name_leaves_the_media_folder_is_never_served(
    user: User, mira: Character
) -> None:
    sheet = CharacterImage.objects.create(
        character=mira, image="../../outside.png", display="../../outside.jpg"
    )
    mira.current_image = sheet
    mira.save(update_fields=["current_image"])

    path = _detail(_sign_in(user), mira)["current_image"]["file_path"]

    assert _shown(path).status_code == 404


def test_another_origin_the_operator_allowed_may_read_the_pictures(
    user: User, mira: Character, settings: Any
) -> None:
    settings.CORS_ALLOWED_ORIGINS = ["http://client.example"]
    path = _listed(_sign_in(user))["Mira"]["thumbnail_path"]

    allowed = _shown(path, HTTP_ORIGIN="http://client.example")
    other = _shown(path, HTTP_ORIGIN="http://elsewhere.example")

    assert allowed["Access-Control-Allow-Origin"] == "http://client.example"
    assert "Access-Control-Allow-Origin" not in other
