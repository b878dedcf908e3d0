"""Refusals of a person's words counted by category for the admin statistics, never with
the words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from moderation.models import SafetyRefusal
from moderation.stats import admin_stats

pytestmark = pytest.mark.django_db

SLAUGHTER = "The wolf wants to slaughter the three little pigs, with blood everywhere."


def test_a_refused_brief_is_counted_by_category_without_its_words(
    auth_client: APIClient, user: User
) -> None:
    brief = {"genre": "Children's", "num_pages": 3, "story_outline": SLAUGHTER}
    response = auth_client.post(reverse("story-list"), brief, format="json")
    assert response.status_code == 422

    refusal = SafetyRefusal.objects.get()
    assert (refusal.categories, refusal.entry_point, refusal.user_id) == (
        ["violence"],
        "story",
        user.pk,
    )
    assert "slaughter" not in str(refusal.__dict__)


def test_the_statistics_count_refusals_by_category_over_the_last_day(
    admin_client: APIClient, user: User
) -> None:
    SafetyRefusal.objects.create(categories=["violence"], entry_point="story", user=user)
    SafetyRefusal.objects.create(
        categories=["illicit", "violence"], entry_point="character", user=user
    )
    old = SafetyRefusal.objects.create(categories=["hate"], entry_point="story", user=user)
    SafetyRefusal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))

    stats = admin_stats()
    assert stats["refusals_last_24h"] == 2
    assert stats["refusals_by_category_last_24h"] == {"illicit": 1, "violence": 2}

    body = admin_client.get(reverse("admin-stats")).json()
    assert body["refusals_by_category_last_24h"] == {"illicit": 1, "violence": 2}
    assert body["refusals_last_24h"] == 2
