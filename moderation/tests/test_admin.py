"""The Django admin for moderation: the held-stories list."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.models import StoryReport
from moderation.tests.factories import AdminFactory
from stories.models import StoryReview
from stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def _held(*, open_reports: int, resolved_reports: int = 0) -> StoryReview:
    story = StoryFactory()
    for resolved in [False] * open_reports + [True] * resolved_reports:
        StoryReport.objects.create(story=story, reason="scary", resolved=resolved)
    return StoryReview.objects.create(story=story, stage="content", reason="flagged")


def _open_report_cells(response: Any) -> list[str]:
    return re.findall(r'<td class="field-open_reports">(.*?)</td>', response.content.decode())


def test_held_stories_list_counts_open_reports_without_a_query_per_row(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    client.force_login(AdminFactory())
    url = reverse("admin:moderation_storyreview_changelist")
    _held(open_reports=2, resolved_reports=1)
    _held(open_reports=0)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as two:
        response = client.get(url)
    assert sorted(_open_report_cells(response)) == ["0", "2"]

    for number in range(10):
        _held(open_reports=number % 3)
    with django_assert_max_num_queries(len(two)):
        response = client.get(url)

    assert len(_open_report_cells(response)) == 12
