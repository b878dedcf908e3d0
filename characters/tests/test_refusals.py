"""What a person writes about a character checked before it is saved: an unsafe one answers
422 unsafe_brief naming the field, and the character form shows it next to that field."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from characters.models import Character
from characters.tests.factories import CharacterFactory

pytestmark = pytest.mark.django_db

UNSAFE = "a pirate who wants to slaughter children, with blood everywhere"


def _assert_refused(response: Any, field: str) -> dict[str, Any]:
    assert response.status_code == 422
    body: dict[str, Any] = response.json()
    assert body["code"] == "unsafe_brief"
    assert "violence" in body["safety"]["categories"]
    assert [f["field"] for f in body["safety"]["findings"]] == [field]
    assert "slaughter" in body["safety"]["findings"][0]["words"]
    assert body["safety"]["suggestion"]
    assert body["errors"][field][0].startswith("The description was stopped for violence")
    return body


def test_creating_an_unsafely_described_character_is_refused_and_nothing_is_saved(
    auth_client: APIClient,
) -> None:
    response = auth_client.post(
        reverse("character-list"), {"name": "Pip", "description": UNSAFE}, format="json"
    )
    _assert_refused(response, "description")
    assert not Character.objects.exists()


def test_changing_a_character_to_an_unsafe_description_is_refused_and_keeps_the_old_one(
    auth_client: APIClient, user: User
) -> None:
    character = CharacterFactory(owner=user, name="Pip", description="a kind pirate")
    response = auth_client.put(
        reverse("character-detail", args=[character.pk]), {"description": UNSAFE}, format="json"
    )
    _assert_refused(response, "description")
    character.refresh_from_db()
    assert character.description == "a kind pirate"


def test_a_gentle_character_is_saved(auth_client: APIClient) -> None:
    response = auth_client.post(
        reverse("character-list"),
        {"name": "Pip", "description": "a pirate who hunts for buried treasure"},
        format="json",
    )
    assert response.status_code == 201


def _field_errors(html: str, name: str) -> list[str]:
    """The messages shown on the field whose html name is ``name``."""
    found = re.search(rf'<ul class="errorlist" id="id_{re.escape(name)}_error">(.*?)</ul>', html)
    return (
        [unescape(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1))] if found else []
    )


def test_the_character_form_shows_the_refusal_on_the_description(
    client: Client, user: User
) -> None:
    client.force_login(user)
    response = client.post(reverse("characters:create"), {"name": "Pip", "description": UNSAFE})
    assert response.status_code == 200
    [error] = _field_errors(response.content.decode(), "description")
    assert error.startswith("The description was stopped for violence")
    assert "“slaughter”" in error
    assert not Character.objects.exists()


def test_the_character_edit_form_shows_the_refusal_on_the_description(
    client: Client, user: User
) -> None:
    client.force_login(user)
    character = CharacterFactory(owner=user, name="Pip", description="a kind pirate")
    response = client.post(
        reverse("characters:edit", args=[character.pk]), {"name": "Pip", "description": UNSAFE}
    )
    [error] = _field_errors(response.content.decode(), "description")
    assert error.startswith("The description was stopped for violence")
    character.refresh_from_db()
    assert character.description == "a kind pirate"
