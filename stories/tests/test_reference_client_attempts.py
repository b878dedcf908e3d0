"""A run's ``attempts`` as the reference product's clients read it: which attempt at the
story the run is (its admin panel's "Avg Attempts (24h)"), with the step claims apart in
``step_attempts``."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from moderation.tests.factories import AdminFactory
from stories.models import GenerationTask, Page, Story, StoryCharacter
from stories.tests.factories import GenerationTaskFactory, StoryFactory
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import AIProviderRejected

pytestmark = pytest.mark.django_db

migration = import_module("stories.migrations.0013_run_attempts_count_runs")


def _sign_in(user: User) -> APIClient:
    """A bearer token as the client gets one: a form POST of the password grant."""
    client = APIClient()
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


def _status(client: APIClient, task_id: str, *, slash: bool) -> dict[str, Any]:
    url = f"/api/v1/stories/generation-status/{task_id}" + ("/" if slash else "")
    response = client.get(url)
    assert response.status_code == 200, response.json()
    return dict(response.json())


def _steps_of(story_id: int) -> int:
    """The steps of a run that writes and draws the whole story: its text, one sheet per
    character and one picture per illustrated page."""
    cast = StoryCharacter.objects.filter(story_id=story_id).count()
    pictures = Page.objects.filter(story_id=story_id).exclude(image_description="").count()
    return 1 + cast + pictures


def _generate(
    client: APIClient, run_pipeline: Callable[..., Any], story_request: dict[str, Any]
) -> dict[str, Any]:
    response = run_pipeline(client.post, "/api/v1/stories/", story_request, format="json")
    assert response.status_code == 202, response.json()
    return dict(response.json())


@pytest.mark.parametrize("slash", [False, True])
def test_a_clean_run_is_the_first_attempt_and_counts_its_steps_apart(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    slash: bool,
) -> None:
    client = _sign_in(user)

    queued = _generate(client, run_pipeline, story_request)
    # As the reference answers a new story: not started yet, so no attempt so far.
    assert (queued["status"], queued["attempts"], queued["step_attempts"]) == ("pending", 0, 0)

    status = _status(client, queued["id"], slash=slash)
    assert status["status"] == "completed"
    assert status["attempts"] == 1
    assert status["step_attempts"] == _steps_of(queued["story_id"]) == 7


def test_a_resume_is_the_next_attempt_at_the_story(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    provider.rules.append(fail_times("page", lambda: AIProviderRejected("nope"), 1, page=2))
    client = _sign_in(user)
    first = _generate(client, run_pipeline, story_request)
    assert _status(client, first["id"], slash=False)["attempts"] == 1

    response = run_pipeline(client.post, f"/api/v1/stories/{first['story_id']}/resume")
    assert response.status_code == 202, response.json()
    resumed = _status(client, response.json()["id"], slash=True)

    assert resumed["status"] == "completed"
    assert resumed["attempts"] == 2
    assert resumed["step_attempts"] == 1  # only the page that was missing
    assert _status(client, first["id"], slash=True)["attempts"] == 1


def test_admin_stats_average_one_attempt_for_clean_runs(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    client = _sign_in(user)
    first = _generate(client, run_pipeline, story_request)
    _generate(client, run_pipeline, {**story_request, "title": "The Second Lantern"})
    steps = _status(client, first["id"], slash=False)["step_attempts"]

    response = _sign_in(AdminFactory()).get("/api/v1/admin/stats")

    assert response.status_code == 200
    stats = response.json()
    assert stats["tasks_completed_last_24h"] == 2
    assert stats["avg_attempts_last_24h"] == 1.0  # the admin panel shows "1.00"
    assert stats["avg_step_attempts_last_24h"] == float(steps)


def test_earlier_runs_get_the_attempt_number_and_keep_their_step_counts(user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.READY)
    first = GenerationTaskFactory(
        story=story, status=GenerationTask.Status.COMPLETED, attempts=8, started_at=story.created_at
    )
    resumed = GenerationTaskFactory(
        story=story, status=GenerationTask.Status.COMPLETED, attempts=2, started_at=story.created_at
    )
    other_story = GenerationTaskFactory(
        story=StoryFactory(owner=user),
        status=GenerationTask.Status.COMPLETED,
        attempts=5,
        started_at=story.created_at,
    )
    never_started = GenerationTaskFactory(
        story=StoryFactory(owner=user), status=GenerationTask.Status.FAILED, attempts=0
    )

    migration.attempts_to_step_attempts(apps, None)

    def counts(task: GenerationTask) -> tuple[int, int]:
        task.refresh_from_db()
        return task.attempts, task.step_attempts

    assert counts(first) == (1, 8)
    assert counts(resumed) == (2, 2)
    assert counts(other_story) == (1, 5)
    assert counts(never_started) == (0, 0)
