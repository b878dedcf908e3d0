"""The characters admin: access, list, read-only page with every sheet, thumbnails."""

from __future__ import annotations

import io
from typing import Any

import factory
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from accounts.models import User
from accounts.tests.factories import UserFactory
from characters.models import Character, CharacterImage
from characters.tests.factories import CharacterFactory
from moderation.tests.factories import AdminFactory
from storygen.media import store_picture

pytestmark = pytest.mark.django_db

CHARACTERS = reverse("admin:characters_character_changelist")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (230, 200, 60)).save(buffer, "PNG")
    return buffer.getvalue()


class CharacterImageFactory(factory.django.DjangoModelFactory):
    """A sheet version with real files in private media."""

    class Meta:
        model = CharacterImage

    class Params:
        stored = factory.LazyAttributeSequence(
            lambda image, n: store_picture(
                base=f"characters/{image.character.pk}/v{n}", data=_png(), mime="image/png"
            )
        )

    character = factory.SubFactory(CharacterFactory)
    source = CharacterImage.Source.GENERATED
    image = factory.LazyAttribute(lambda image: image.stored.original)
    display = factory.LazyAttribute(lambda image: image.stored.display)
    thumbnail = factory.LazyAttribute(lambda image: image.stored.thumbnail)


@pytest.fixture
def admin_web() -> Client:
    client = Client()
    client.force_login(AdminFactory())
    return client


def _change_url(character: Character) -> str:
    return reverse("admin:characters_character_change", args=[character.pk])


def _thumbnail_url(image: CharacterImage) -> str:
    return reverse(
        "admin:characters_character_image_thumbnail", args=[image.character_id, image.pk]
    )


def _listed(response: Any) -> list[str]:
    return [character.name for character in response.context["cl"].result_list]


# --- access ----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_admin_login(client: Client) -> None:
    for url in (CHARACTERS, _change_url(CharacterFactory())):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_ordinary_users_are_sent_to_the_admin_login(client: Client, user: User) -> None:
    client.force_login(user)
    for url in (CHARACTERS, _change_url(CharacterFactory(owner=user))):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_admins_see_the_list_and_the_character_page(admin_web: Client) -> None:
    for url in (CHARACTERS, _change_url(CharacterFactory())):
        assert admin_web.get(url).status_code == 200


# --- list ------------------------------------------------------------------------------------


def test_the_list_shows_name_and_owner_and_searches_both(admin_web: Client) -> None:
    CharacterFactory(name="Mira", owner=UserFactory(username="lighthouse"))
    CharacterFactory(name="Pip", owner=UserFactory(username="harbour"))
    html = admin_web.get(CHARACTERS).content.decode()
    assert "Mira" in html
    assert "lighthouse" in html
    assert _listed(admin_web.get(CHARACTERS, {"q": "pip"})) == ["Pip"]
    assert _listed(admin_web.get(CHARACTERS, {"q": "lighthouse"})) == ["Mira"]


def test_the_list_runs_the_same_queries_however_many_characters(
    admin_web: Client, django_assert_num_queries: Any
) -> None:
    CharacterFactory()
    with CaptureQueriesContext(connection) as baseline:
        assert admin_web.get(CHARACTERS).status_code == 200
    CharacterFactory.create_batch(8)
    with django_assert_num_queries(len(baseline)):
        response = admin_web.get(CHARACTERS)
    assert len(_listed(response)) == 9


# --- the character page ----------------------------------------------------------------------


def test_the_page_is_read_only_and_shows_every_sheet_version(admin_web: Client) -> None:
    character = CharacterFactory(name="Mira")
    older = CharacterImageFactory(character=character)
    current = CharacterImageFactory(character=character)
    character.current_image = current
    character.save()

    response = admin_web.get(_change_url(character))

    html = response.content.decode()
    assert f'src="{_thumbnail_url(older)}"' in html
    assert f'src="{_thumbnail_url(current)}"' in html
    assert 'name="name"' not in html
    assert admin_web.post(_change_url(character), {"name": "Changed"}).status_code == 403
    character.refresh_from_db()
    assert character.name == "Mira"


def test_characters_cannot_be_added_or_deleted_here(admin_web: Client) -> None:
    character = CharacterFactory()
    assert admin_web.get(reverse("admin:characters_character_add")).status_code == 403
    delete = reverse("admin:characters_character_delete", args=[character.pk])
    assert admin_web.post(delete, {"post": "yes"}).status_code == 403
    assert Character.objects.filter(pk=character.pk).exists()


# --- thumbnails ------------------------------------------------------------------------------


def test_admins_get_any_sheet_thumbnail(admin_web: Client) -> None:
    image = CharacterImageFactory()
    response = admin_web.get(_thumbnail_url(image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content).startswith(b"RIFF")


def test_thumbnails_are_not_for_ordinary_users_not_even_the_owner(client: Client) -> None:
    image = CharacterImageFactory()
    assert client.get(_thumbnail_url(image)).status_code == 302
    client.force_login(image.character.owner)
    response = client.get(_thumbnail_url(image))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_missing_thumbnail_is_404(admin_web: Client) -> None:
    without = CharacterImageFactory(thumbnail="")
    gone = CharacterImageFactory(thumbnail="characters/0/gone.webp")
    other = CharacterImageFactory()
    assert admin_web.get(_thumbnail_url(without)).status_code == 404
    assert admin_web.get(_thumbnail_url(gone)).status_code == 404
    wrong_character = reverse(
        "admin:characters_character_image_thumbnail", args=[without.character_id, other.pk]
    )
    assert admin_web.get(wrong_character).status_code == 404
