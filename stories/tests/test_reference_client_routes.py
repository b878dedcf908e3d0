"""Root routes of the product Storygen replaces that its browser client never calls: they are
not served (the client uses their /api/v1 equivalents), and the site's home page is at /."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from stories.tests.factories import PageFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _bearer(user: User) -> APIClient:
    client = APIClient()
    response = client.post(
        "/api/v1/token", {"username": user.username, "password": PASSWORD}, format="multipart"
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/tasks/{task}",
        "/dynamic-lists/genres/items",
        "/dynamic-lists/genres/active-items",
    ],
)
def test_root_routes_the_client_does_not_call_are_not_served(path: str) -> None:
    client = _bearer(UserFactory())
    assert client.get(path.format(task=uuid.uuid4())).status_code == 404


def test_the_api_equivalents_answer() -> None:
    client = _bearer(UserFactory())
    response = client.get("/api/v1/dynamic-lists/genres/active-items")
    assert response.status_code == 200
    assert all({"item_value", "item_label"} <= set(item) for item in response.json())


def test_the_root_is_the_home_page_not_json() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_another_users_page_picture_is_404_not_403() -> None:
    story = StoryFactory()
    page = PageFactory(story=story)
    client = _bearer(UserFactory())
    response = client.get(f"/api/v1/stories/{story.pk}/pages/{page.pk}/image")
    assert response.status_code == 404
    assert response.json()["detail"] == "Page not found."
