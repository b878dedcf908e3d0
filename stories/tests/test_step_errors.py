"""A step that meets an error nobody planned for never keeps its claim until the lease runs
out: a deadlock's loser tries again at once, anything else hands the step back."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError

from accounts.models import User
from stories import services
from stories.models import GenerationTask, Page, StepStatus
from stories.services import pipeline
from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory
from stories.tests.providers import ScriptedProvider
from storygen.jobs import RetryLater

pytestmark = pytest.mark.django_db


class _DeadlockDetected(Exception):
    """What the PostgreSQL driver raises for a deadlock's victim (its SQLSTATE)."""

    sqlstate = "40P01"


def _deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = _DeadlockDetected()
    return error


def _fail_once(monkeypatch: pytest.MonkeyPatch, target: Any, name: str, error: Exception) -> None:
    real = getattr(target, name)
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)


def _run(user: User) -> GenerationTask:
    return GenerationTaskFactory(
        story=StoryFactory(owner=user), status=GenerationTask.Status.IN_PROGRESS
    )


def test_the_text_step_that_loses_a_deadlock_tries_again_at_once(
    user: User, provider: ScriptedProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _run(user)
    _fail_once(monkeypatch, Page.objects, "bulk_create", _deadlock())

    with pytest.raises(RetryLater) as retry:
        services.story_write(task_id=task.pk)

    assert retry.value.delay == 0
    task.refresh_from_db()
    assert (task.text_status, task.text_claimed_by, task.text_attempts) == (
        StepStatus.PENDING,
        "",
        0,  # the loser of a deadlock did nothing wrong: its attempt is given back
    )
    assert not Page.objects.filter(story_id=task.story_id).exists()

    services.story_write(task_id=task.pk)  # the retry, at once

    task.refresh_from_db()
    assert task.text_status == StepStatus.DONE
    assert Page.objects.filter(story_id=task.story_id).exists()


def test_any_other_error_hands_the_step_back_and_is_raised(
    user: User, provider: ScriptedProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _run(user)
    _fail_once(monkeypatch, pipeline.safety, "screen_draft", RuntimeError("unexpected"))

    with pytest.raises(RuntimeError):
        services.story_write(task_id=task.pk)

    task.refresh_from_db()
    assert (task.text_status, task.text_claimed_by, task.text_attempts) == (
        StepStatus.PENDING,
        "",
        1,  # counted: a step that always fails still runs out of attempts
    )


def test_a_page_whose_drawing_fails_unexpectedly_is_handed_back(
    user: User, provider: ScriptedProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _run(user)
    page = PageFactory(story=task.story, number=1)
    _fail_once(monkeypatch, pipeline, "page_picture_order", ValueError("unexpected"))

    with pytest.raises(ValueError, match="unexpected"):
        services.page_draw(task_id=task.pk, page_id=page.pk)

    page.refresh_from_db()
    assert (page.status, page.claimed_by, page.attempts) == (StepStatus.PENDING, "", 1)
