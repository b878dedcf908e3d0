"""The admin dashboard counters, computed from real rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from characters.tests.factories import CharacterFactory
from moderation.stats import admin_stats
from stories.models import GenerationTask, Story
from stories.tests.factories import GenerationTaskFactory, StoryFactory

pytestmark = pytest.mark.django_db

Status = GenerationTask.Status


def _age(task: GenerationTask, *, hours: float) -> None:
    created = timezone.now() - timedelta(hours=hours)
    GenerationTask.objects.filter(pk=task.pk).update(created_at=created)


def test_counts_accounts_stories_and_characters() -> None:
    owner = UserFactory()
    UserFactory(is_active=False)
    UserFactory(is_deleted=True, is_active=False)
    StoryFactory(owner=owner)
    StoryFactory(owner=owner, status=Story.Status.FAILED, is_hidden=True)
    StoryFactory(owner=owner, status=Story.Status.DRAFT, is_deleted=True)
    CharacterFactory(owner=owner)

    stats = admin_stats()

    assert stats["total_users"] == 3
    assert stats["active_users"] == 1
    assert stats["total_stories"] == 3
    assert stats["generated_stories"] == 2
    assert stats["draft_stories"] == 1
    assert stats["total_characters"] == 1


def test_task_counters_cover_the_last_24_hours() -> None:
    story = StoryFactory()
    now = timezone.now()
    GenerationTaskFactory(
        story=story, status=Status.COMPLETED, duration_ms=10_000, attempts=1, step_attempts=8
    )
    GenerationTaskFactory(
        story=story, status=Status.COMPLETED, duration_ms=20_000, attempts=2, step_attempts=3
    )
    GenerationTaskFactory(story=story, status=Status.FAILED, attempts=5, step_attempts=40)
    GenerationTaskFactory(story=story, status=Status.IN_PROGRESS)
    stale_running = GenerationTaskFactory(story=story, status=Status.PENDING)
    _age(stale_running, hours=48)
    old_done = GenerationTaskFactory(
        story=story, status=Status.COMPLETED, duration_ms=999_000, attempts=9
    )
    _age(old_done, hours=30)
    # Without a measured duration, creation to completion counts.
    untimed = GenerationTaskFactory(
        story=story, status=Status.COMPLETED, attempts=3, step_attempts=10
    )
    GenerationTask.objects.filter(pk=untimed.pk).update(
        created_at=now - timedelta(seconds=90), completed_at=now
    )

    stats = admin_stats()

    assert stats["tasks_last_24h"] == 5
    assert stats["tasks_in_progress"] == 2
    assert stats["tasks_completed_last_24h"] == 3
    assert stats["tasks_failed_last_24h"] == 1
    assert stats["success_rate_last_24h"] == 0.75
    assert stats["avg_attempts_last_24h"] == 2.0
    assert stats["avg_step_attempts_last_24h"] == 7.0
    assert stats["avg_task_duration_seconds_last_24h"] == pytest.approx(40.0, abs=0.05)


def test_averages_and_rate_are_null_when_the_window_is_empty() -> None:
    stats = admin_stats()
    assert stats["tasks_last_24h"] == 0
    assert stats["avg_task_duration_seconds_last_24h"] is None
    assert stats["success_rate_last_24h"] is None
    assert stats["avg_attempts_last_24h"] is None
    assert stats["avg_step_attempts_last_24h"] is None


def test_ai_usage_is_grouped_by_provider_for_stories_generated_in_the_window() -> None:
    now = timezone.now()
    StoryFactory(provider="openai", generated_at=now, ai_calls=5, ai_input_tokens=100)
    StoryFactory(provider="openai", generated_at=now, ai_calls=3, ai_output_tokens=40)
    StoryFactory(provider="offline", generated_at=now, ai_calls=4)
    StoryFactory(provider="openai", generated_at=now - timedelta(days=2), ai_calls=50)
    StoryFactory(provider="openai", generated_at=None, ai_calls=7)

    stats = admin_stats()

    assert stats["ai_calls_last_24h"] == {"offline": 4, "openai": 8}
    assert stats["ai_tokens_last_24h"]["openai"] == {"input_tokens": 100, "output_tokens": 40}


def test_the_estimated_cost_uses_the_configured_prices(settings: Any) -> None:
    now = timezone.now()
    StoryFactory(
        provider="openai", generated_at=now, ai_input_tokens=2_000_000, ai_output_tokens=500_000
    )
    StoryFactory(provider="offline", generated_at=now, ai_input_tokens=1_000)
    settings.STORYGEN_AI_PRICE_INPUT_PER_MILLION = None
    settings.STORYGEN_AI_PRICE_OUTPUT_PER_MILLION = None
    assert admin_stats()["estimated_cost_usd_last_24h"] == {"offline": 0.0, "openai": None}

    settings.STORYGEN_AI_PRICE_INPUT_PER_MILLION = 1.25
    settings.STORYGEN_AI_PRICE_OUTPUT_PER_MILLION = 10.0
    # 2 M input tokens at $1.25 and 0.5 M output tokens at $10.
    assert admin_stats()["estimated_cost_usd_last_24h"] == {"offline": 0.0, "openai": 7.5}


def test_stats_take_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    for _ in range(5):
        story = StoryFactory(generated_at=timezone.now())
        GenerationTaskFactory.create_batch(3, story=story, status=Status.COMPLETED)
    with django_assert_max_num_queries(6):
        admin_stats()
