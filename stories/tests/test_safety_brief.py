"""A brief checked when the story is asked for: an unsafe one is refused at once, saying what
to change, and nothing is made; fairy-tale danger goes through; an outage holds the story."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from stories import services
from stories.errors import StoryBriefUnsafe
from stories.models import GenerationTask, Page, Story, StoryReview
from stories.services import safety as story_safety
from stories.tests.factories import GenerationTaskFactory, StoryFactory
from stories.tests.providers import ScriptedProvider
from stories.tests.test_wizard_views import (
    BASICS,
    OPTIONS,
    characters_data,
    start,
    step_url,
)
from storygen.ai.errors import AIProviderError, AIProviderUnavailable
from storygen.ai.types import Scene
from storygen.testing.fake_openai import FakeOpenAI

pytestmark = pytest.mark.django_db

WOLF = "The big bad wolf wants to kill and eat the three little pigs."
SLAUGHTER = "The wolf wants to slaughter the three little pigs, with blood everywhere."
REFUSAL = (
    "The outline was stopped for violence: “slaughter”, “blood everywhere”. "
    "Try describing the danger without harm, e.g. the wolf chases the pigs."
)


def _moderation_down(kind: str, scene: Scene | None) -> AIProviderError | None:
    if kind == "moderation":
        return AIProviderUnavailable("The AI provider had a temporary problem (503).")
    return None


# --- the service ----------------------------------------------------------------------------


def test_an_unsafe_brief_is_refused_before_anything_is_made_and_the_log_keeps_no_words(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    with pytest.raises(StoryBriefUnsafe) as refused:
        run_pipeline(
            services.story_generation_start,
            owner=user,
            **{**story_request, "story_outline": SLAUGHTER},
        )
    assert refused.value.message == REFUSAL
    assert (refused.value.status_code, refused.value.code) == (422, "unsafe_brief")
    assert not Story.objects.exists()
    assert not GenerationTask.objects.exists()
    assert "violence" in caplog.text
    for word in ("slaughter", "blood", "wolf"):
        assert word not in caplog.text


def test_the_fairy_tale_wolf_is_written_and_drawn(
    user: User, story_request: dict[str, Any], run_pipeline: Callable[..., Any]
) -> None:
    request = {
        **story_request,
        "title": "The Three Little Pigs",
        "story_outline": WOLF,
        "main_characters": [{"name": "Wolf", "description": "a big bad wolf"}],
    }
    task = run_pipeline(services.story_generation_start, owner=user, **request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY
    assert not StoryReview.objects.exists()


def test_a_brief_that_cannot_be_checked_is_made_and_held_not_refused(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    provider.rules.append(_moderation_down)
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.HELD
    review = StoryReview.objects.get(story=story)
    assert (review.stage, review.reason, review.status) == ("brief", "unavailable", "open")
    assert review.next_check_at is not None
    assert provider.calls["text"] == 0


def test_the_run_checks_the_brief_again_and_its_refusal_says_what_to_change(user: User) -> None:
    # A brief that reached a run unchecked (saved while moderation was down, say).
    story = StoryFactory(owner=user, outline=SLAUGHTER, status=Story.Status.QUEUED)
    task = GenerationTaskFactory(story=story, user=user)
    assert story_safety.brief_gate(task_id=task.pk) is False
    story.refresh_from_db()
    task.refresh_from_db()
    assert story.status == Story.Status.REFUSED
    assert task.status == GenerationTask.Status.FAILED
    assert task.error_message == (
        f"We can't make this story. {REFUSAL} Nothing was written: please start again with a "
        "different brief."
    )
    assert not Page.objects.filter(story=story).exists()


# --- the API --------------------------------------------------------------------------------


def test_the_api_refuses_an_unsafe_brief_with_422_and_what_to_change(
    auth_client: APIClient, story_request: dict[str, Any]
) -> None:
    response = auth_client.post(
        reverse("story-list"), {**story_request, "story_outline": SLAUGHTER}, format="json"
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": REFUSAL,
        "code": "unsafe_brief",
        "errors": {"story_outline": [REFUSAL]},
        "safety": {
            "categories": ["violence"],
            "findings": [
                {
                    "field": "story_outline",
                    "categories": ["violence"],
                    "words": ["slaughter", "blood everywhere"],
                }
            ],
            "suggestion": "Try describing the danger without harm, e.g. the wolf chases the pigs.",
        },
    }
    assert not Story.objects.exists()
    assert not GenerationTask.objects.exists()


def test_the_api_names_the_title_when_the_title_is_what_was_refused(
    auth_client: APIClient, story_request: dict[str, Any]
) -> None:
    response = auth_client.post(
        reverse("story-list"),
        {**story_request, "title": "The slaughter in the woods"},
        format="json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "unsafe_brief"
    assert [f["field"] for f in body["safety"]["findings"]] == ["title"]
    assert body["safety"]["findings"][0]["words"] == ["slaughter"]
    assert body["errors"]["title"][0].startswith("The title was stopped for violence")


def test_the_api_accepts_the_fairy_tale_wolf(
    auth_client: APIClient, story_request: dict[str, Any]
) -> None:
    response = auth_client.post(
        reverse("story-list"), {**story_request, "story_outline": WOLF}, format="json"
    )
    assert response.status_code == 202
    assert Story.objects.filter(pk=response.json()["story_id"]).exists()


def test_the_api_names_openai_categories_in_plain_words_without_quoting_words(
    auth_client: APIClient, story_request: dict[str, Any], settings: Any
) -> None:
    with FakeOpenAI(api_key="sk-test", picture="small") as fake:
        settings.AI_PROVIDER = "openai"
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        fake.flag_moderation("whale calf", categories=("violence", "violence/graphic"))
        response = auth_client.post(reverse("story-list"), story_request, format="json")
        assert [c for c in fake.calls if c.kind in ("text", "image", "edit")] == []
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "The outline was stopped for graphic violence. "
        "Try describing the danger without harm, e.g. the wolf chases the pigs."
    )
    assert not Story.objects.exists()


# --- the wizard -----------------------------------------------------------------------------


def _to_review(client: Client, outline: str) -> str:
    key = start(client)
    basics = {**BASICS, "story_outline": outline, "action": "next"}
    assert client.post(step_url(key, "basics"), basics).status_code == 302
    wolf = {"name": "Wolf", "description": "a big bad wolf"}
    assert client.post(step_url(key, "characters"), characters_data(wolf)).status_code == 302
    response = client.post(step_url(key, "options"), {**OPTIONS, "action": "next"})
    assert response.url == step_url(key, "review")
    return key


def test_the_wizard_shows_the_refusal_next_to_the_outline_and_keeps_the_brief(
    client: Client, user: User
) -> None:
    client.force_login(user)
    key = _to_review(client, SLAUGHTER)

    response = client.post(step_url(key, "review"), {"action": "generate"}, follow=True)

    assert response.redirect_chain[-1][0] == step_url(key, "basics")
    assert response.context["form"]["story_outline"].errors == [REFUSAL]
    page = html.unescape(response.content.decode())
    assert REFUSAL in page
    assert SLAUGHTER in page  # the outline is still there to change
    assert not Story.objects.exists()
    assert not GenerationTask.objects.exists()


def test_the_wizard_makes_the_fairy_tale_wolf(client: Client, user: User) -> None:
    client.force_login(user)
    key = _to_review(client, WOLF)

    response = client.post(step_url(key, "review"), {"action": "generate"})

    story = Story.objects.get(owner=user)
    assert response.url == reverse("stories:progress", kwargs={"story_id": story.pk})
    assert story.outline == WOLF
