"""Character library pages: the grid, its search and pages, and the sheet pictures."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.models import User
from accounts.tests.factories import UserFactory
from characters.models import Character, CharacterImage
from characters.tests.factories import CharacterFactory
from stories.services.media import write_atomic

pytestmark = pytest.mark.django_db

LIBRARY = reverse("characters:library")


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 12), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _with_sheet(character: Character, *, thumbnail: bool = True) -> CharacterImage:
    data = _jpeg()
    image_name = f"characters/{character.pk}/sheet-1.jpg"
    write_atomic(image_name, data)
    thumbnail_name = ""
    if thumbnail:
        thumbnail_name = f"characters/{character.pk}/sheet-1-thumb.jpg"
        write_atomic(thumbnail_name, data)
    sheet = CharacterImage.objects.create(
        character=character, image=image_name, thumbnail=thumbnail_name
    )
    character.current_image = sheet
    character.save(update_fields=["current_image"])
    return sheet


def _names(response: Any) -> list[str]:
    return [character.name for character in response.context["page_obj"].object_list]


@pytest.fixture
def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIBRARY, reverse("characters:image", args=[1, "thumbnail"])])
def test_anonymous_visitors_are_sent_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_library_lists_only_the_users_characters(
    logged_in: Client, user: User, other_user: User
) -> None:
    CharacterFactory(owner=user, name="Mira")
    CharacterFactory(owner=other_user, name="Somebody Else")

    response = logged_in.get(LIBRARY)

    assert response.status_code == 200
    assert _names(response) == ["Mira"]
    assert b"Somebody Else" not in response.content
    assert response.content.count(b"<h1") == 1


# --- cards ------------------------------------------------------------------------------------


def test_card_shows_name_traits_age_and_gender(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Mira", key_traits="carries a lantern", age=9, gender="Girl")

    content = logged_in.get(LIBRARY).content.decode()

    assert ">Mira</h2>" in content
    assert "carries a lantern" in content
    assert "Age 9" in content
    assert "Girl" in content


def test_card_leaves_out_age_and_gender_when_unknown(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Pip", age=None, gender="")

    content = logged_in.get(LIBRARY).content.decode()

    assert "Age " not in content


def test_card_shows_the_current_sheet_thumbnail(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, name="Mira")
    _with_sheet(character)

    content = logged_in.get(LIBRARY).content.decode()

    url = reverse("characters:image", args=[character.id, "thumbnail"])
    assert f'src="{url}?v={character.current_image_id}"' in content
    assert 'alt="Character sheet of Mira"' in content


def test_card_without_a_sheet_shows_the_initial_as_decoration(
    logged_in: Client, user: User
) -> None:
    CharacterFactory(owner=user, name="pip")

    content = logged_in.get(LIBRARY).content.decode()

    assert 'aria-hidden="true">P</div>' in content
    assert "<img" not in content.split('id="characters-results"')[1]


def test_a_user_without_characters_learns_where_they_come_from(logged_in: Client) -> None:
    content = logged_in.get(LIBRARY).content.decode()

    assert "No characters yet" in content
    assert "Characters step" in content
    assert reverse("stories:create") in content
    assert 'role="search"' not in content


# --- search and pages ---------------------------------------------------------------------------


def test_search_matches_name_and_traits(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Mira", key_traits="brave")
    CharacterFactory(owner=user, name="Pip", key_traits="always hungry")

    assert _names(logged_in.get(LIBRARY, {"q": "mira"})) == ["Mira"]
    assert _names(logged_in.get(LIBRARY, {"q": " HUNGRY "})) == ["Pip"]


def test_search_without_a_match_says_so(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Mira")

    content = logged_in.get(LIBRARY, {"q": "<dragon>"}).content.decode()

    assert "No characters match" in content
    assert "&lt;dragon&gt;" in content
    assert "No characters yet" not in content


def test_library_shows_twelve_characters_a_page(logged_in: Client, user: User) -> None:
    CharacterFactory.create_batch(13, owner=user)

    first = logged_in.get(LIBRARY)
    second = logged_in.get(LIBRARY, {"page": "2"})

    assert len(_names(first)) == 12
    assert len(_names(second)) == 1
    assert set(_names(first)).isdisjoint(_names(second))


@pytest.mark.parametrize(("page", "expected"), [("x", 1), ("0", 2), ("50", 2)])
def test_invalid_page_numbers_show_a_page_instead_of_an_error(
    logged_in: Client, user: User, page: str, expected: int
) -> None:
    CharacterFactory.create_batch(13, owner=user)

    response = logged_in.get(LIBRARY, {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


def test_pagination_links_keep_the_search(logged_in: Client, user: User) -> None:
    CharacterFactory.create_batch(13, owner=user, key_traits="brave")

    content = logged_in.get(LIBRARY, {"q": "brave"}).content.decode()

    assert 'href="?q=brave&amp;page=2"' in content


def _library_queries(
    client: Client, user: User, count: int, django_assert_max_num_queries: Any
) -> int:
    for character in CharacterFactory.create_batch(count, owner=user):
        _with_sheet(character)
    with django_assert_max_num_queries(4) as captured:
        response = client.get(LIBRARY)
    assert response.status_code == 200
    return len(captured)


def test_library_query_count_does_not_grow_with_the_number_of_characters(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    few, many = UserFactory(), UserFactory()
    client.force_login(few)
    few_queries = _library_queries(client, few, 3, django_assert_max_num_queries)
    client.force_login(many)
    many_queries = _library_queries(client, many, 30, django_assert_max_num_queries)
    assert few_queries == many_queries


# --- sheet pictures -------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["thumbnail", "image"])
def test_owner_gets_the_current_sheet_inline_and_privately_cached(
    logged_in: Client, user: User, variant: str
) -> None:
    character = CharacterFactory(owner=user)
    _with_sheet(character)

    response = logged_in.get(reverse("characters:image", args=[character.id, variant]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == _jpeg()


def test_another_users_character_picture_is_not_found(logged_in: Client, other_user: User) -> None:
    character = CharacterFactory(owner=other_user)
    _with_sheet(character)

    response = logged_in.get(reverse("characters:image", args=[character.id, "image"]))

    assert response.status_code == 404


def test_unknown_variant_is_not_found(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    _with_sheet(character)

    response = logged_in.get(reverse("characters:image", args=[character.id, "original"]))

    assert response.status_code == 404


def test_character_without_a_sheet_has_no_picture(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)

    response = logged_in.get(reverse("characters:image", args=[character.id, "thumbnail"]))

    assert response.status_code == 404


def test_missing_thumbnail_is_not_found_and_the_card_uses_the_full_sheet(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user)
    _with_sheet(character, thumbnail=False)

    thumbnail = logged_in.get(reverse("characters:image", args=[character.id, "thumbnail"]))
    content = logged_in.get(LIBRARY).content.decode()

    assert thumbnail.status_code == 404
    assert reverse("characters:image", args=[character.id, "image"]) in content


def test_a_sheet_whose_file_is_gone_is_not_found(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    sheet = CharacterImage.objects.create(character=character, image="characters/gone.jpg")
    Character.objects.filter(pk=character.pk).update(current_image=sheet)

    response = logged_in.get(reverse("characters:image", args=[character.id, "image"]))

    assert response.status_code == 404


def test_a_sheet_name_outside_media_is_never_served(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    sheet = CharacterImage.objects.create(character=character, image="../../etc/passwd")
    Character.objects.filter(pk=character.pk).update(current_image=sheet)

    response = logged_in.get(reverse("characters:image", args=[character.id, "image"]))

    assert response.status_code == 404
