"""A story asked for through the API with the brief checked by a guard model: refused with
422 when the guard answers unsafe, accepted when safe, made and held when it is down."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from stories import services
from stories.models import GenerationTask, Story, StoryReview
from storygen.testing.fake_guard import FakeGuard

pytestmark = pytest.mark.django_db

MARKER = "the dragon eats the village"


@pytest.fixture
def guard() -> Iterator[FakeGuard]:
    with (
        FakeGuard() as server,
        override_settings(
            STORYGEN_MODERATION_PROVIDER="guard",
            STORYGEN_MODERATION_BASE_URL=server.base_url,
            STORYGEN_MODERATION_MODEL="llama-guard3",
        ),
    ):
        server.flag(MARKER, "S1")
        yield server


def test_the_api_refuses_a_brief_the_guard_answers_unsafe_about(
    auth_client: APIClient, story_request: dict[str, Any], guard: FakeGuard
) -> None:
    outline = f"At dawn {MARKER} and nobody is left."
    response = auth_client.post(
        reverse("story-list"), {**story_request, "story_outline": outline}, format="json"
    )
    assert response.status_code == 422
    assert "violence" in response.json()["detail"]
    assert not Story.objects.exists()
    assert not GenerationTask.objects.exists()
    assert guard.calls


def test_the_api_accepts_a_brief_the_guard_answers_safe_about(
    auth_client: APIClient, story_request: dict[str, Any], guard: FakeGuard
) -> None:
    response = auth_client.post(reverse("story-list"), story_request, format="json")
    assert response.status_code == 202
    assert Story.objects.count() == 1
    assert guard.calls


def test_the_words_the_rules_refuse_never_reach_the_guard(
    auth_client: APIClient, story_request: dict[str, Any], guard: FakeGuard
) -> None:
    outline = "The wolf wants to slaughter the three little pigs, with blood everywhere."
    response = auth_client.post(
        reverse("story-list"), {**story_request, "story_outline": outline}, format="json"
    )
    assert response.status_code == 422
    # The other parts are still asked about one by one, to say which parts to change.
    sent = [message["content"] for call in guard.calls for message in call]
    assert sent
    assert not [text for text in sent if "slaughter" in text]


def test_with_the_guard_down_the_story_is_made_and_held_not_refused(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    guard: FakeGuard,
) -> None:
    guard.stop()
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.HELD
    review = StoryReview.objects.get(story=story)
    assert (review.stage, review.reason) == ("brief", "unavailable")
    assert not story.pages.exists()
