"""Wishes for a page's new text or picture checked before anything is asked of the AI: an
unsafe one answers 422 unsafe_brief naming the field, the categories, the words and what to
change, and nothing is charged or queued."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.selectors import usage_get
from moderation.models import SafetyRefusal
from stories.models import Page, PageRedrawJob, Story
from stories.tests.providers import ScriptedProvider

pytestmark = pytest.mark.django_db

UNSAFE = "the pirate cuts his throat with blood everywhere"


def _url(name: str, story: Story, number: int) -> str:
    page = Page.objects.get(story=story, number=number)
    return reverse(name, args=[story.pk, page.pk])


def _assert_refused(response: Any, field: str) -> dict[str, Any]:
    assert response.status_code == 422
    body: dict[str, Any] = response.json()
    assert body["code"] == "unsafe_brief"
    assert body["safety"]["categories"] == ["violence"]
    [finding] = body["safety"]["findings"]
    assert finding["field"] == field
    assert finding["categories"] == ["violence"]
    assert "blood everywhere" in finding["words"]
    assert body["safety"]["suggestion"].startswith("Try describing the danger without harm")
    assert body["errors"][field] == [body["detail"]]
    return body


def test_unsafe_redraw_wishes_are_refused_and_nothing_is_queued(
    auth_client: APIClient, story: Story, provider: ScriptedProvider
) -> None:
    response = auth_client.post(
        _url("page-regenerate-image", story, 2), {"description": UNSAFE}, format="json"
    )
    body = _assert_refused(response, "description")
    assert body["detail"].startswith("The new picture's description was stopped for violence")
    assert not PageRedrawJob.objects.exists()


def test_unsafe_rewrite_wishes_are_refused_before_the_model_is_asked(
    auth_client: APIClient, story: Story, provider: ScriptedProvider
) -> None:
    rewrites = provider.calls["rewrite"]
    response = auth_client.post(
        _url("page-rewrite-text", story, 2), {"instructions": UNSAFE}, format="json"
    )
    body = _assert_refused(response, "instructions")
    assert body["detail"].startswith("What you asked of the new text was stopped for violence")
    assert provider.calls["rewrite"] == rewrites


def test_gentle_redraw_wishes_are_queued(auth_client: APIClient, story: Story) -> None:
    response = auth_client.post(
        _url("page-regenerate-image", story, 2),
        {"description": "the wolf chases the pigs across the meadow"},
        format="json",
        headers={"Prefer": "respond-async"},
    )
    assert response.status_code == 202


# --- the editor's page ------------------------------------------------------------------------


def _field_errors(html: str, name: str) -> list[str]:
    """The messages shown on the field whose html name is ``name``."""
    found = re.search(rf'<ul class="errorlist" id="id_{re.escape(name)}_error">(.*?)</ul>', html)
    return (
        [unescape(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1))] if found else []
    )


def test_the_editor_shows_refused_redraw_wishes_on_the_description_field(
    client: Client, user: User, story: Story
) -> None:
    client.force_login(user)
    page = Page.objects.get(story=story, number=2)
    response = client.post(
        reverse("stories:edit-redraw", args=[story.pk, page.pk]), {"description": UNSAFE}
    )
    assert response.status_code == 400
    [error] = _field_errors(response.content.decode(), "description")
    assert error.startswith("The new picture's description was stopped for violence")
    assert "Try describing the danger without harm" in error
    assert not PageRedrawJob.objects.exists()


def test_the_editor_shows_refused_rewrite_wishes_on_the_wishes_field(
    client: Client, user: User, story: Story
) -> None:
    client.force_login(user)
    page = Page.objects.get(story=story, number=2)
    response = client.post(
        reverse("stories:edit-rewrite", args=[story.pk, page.pk]), {"instructions": UNSAFE}
    )
    assert response.status_code == 400
    [error] = _field_errors(response.content.decode(), "instructions")
    assert error.startswith("What you asked of the new text was stopped for violence")


# --- counts and a redraw already under way ----------------------------------------------------


def test_refused_wishes_are_counted_for_the_statistics_by_category(
    auth_client: APIClient, story: Story, user: User
) -> None:
    auth_client.post(
        _url("page-regenerate-image", story, 2), {"description": UNSAFE}, format="json"
    )
    auth_client.post(_url("page-rewrite-text", story, 2), {"instructions": UNSAFE}, format="json")

    counted = SafetyRefusal.objects.order_by("entry_point")
    assert [(r.entry_point, r.categories, r.user_id) for r in counted] == [
        ("page_redraw", ["violence"], user.pk),
        ("page_rewrite", ["violence"], user.pk),
    ]


def test_asking_again_for_a_page_being_redrawn_answers_with_its_job_even_with_no_pictures_left(
    settings: Any, auth_client: APIClient, story: Story, user: User
) -> None:
    url = _url("page-regenerate-image", story, 2)
    first = auth_client.post(
        url,
        {"description": "the wolf chases the pigs"},
        format="json",
        headers={"Prefer": "respond-async"},
    )
    assert first.status_code == 202
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = usage_get(user=user).pictures.used

    again = auth_client.post(
        url, {"description": "the pigs dance"}, format="json", headers={"Prefer": "respond-async"}
    )

    assert again.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    assert PageRedrawJob.objects.count() == 1
