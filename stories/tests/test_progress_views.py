"""The progress page's heading, window title and wording follow where the story stands."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from stories.models import GenerationTask, Story
from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found is not None
    return " ".join(found.group(1).split())


def _kicker(html: str) -> str:
    found = re.search(r"<p [^>]*data-progress-heading[^>]*>(.*?)</p>", html, re.S)
    assert found is not None
    return found.group(1).strip()


def _written(owner: User, status: str) -> Story:
    story = StoryFactory(owner=owner, title="Moon Boat", num_pages=1, status=status)
    PageFactory(story=story, number=0, text="Moon Boat")
    PageFactory(story=story, number=1, text="Off they sail.")
    return story


def test_a_story_being_made_says_so_in_its_heading_and_window_title(
    client: Client, user: User
) -> None:
    story = _written(user, Story.Status.GENERATING)
    GenerationTaskFactory(
        story=story,
        status=GenerationTask.Status.IN_PROGRESS,
        current_step=GenerationTask.Step.GENERATING_PAGE_IMAGES,
        progress=40,
    )
    client.force_login(user)

    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()

    assert _kicker(html) == "Making your story"
    assert _title(html) == "Making your story: “Moon Boat” · Storygen"
    assert "Pages appear here as they are drawn." in html


def test_a_ready_story_says_it_is_ready_in_its_heading_and_window_title(
    client: Client, user: User
) -> None:
    story = _written(user, Story.Status.READY)
    GenerationTaskFactory(story=story, status=GenerationTask.Status.COMPLETED, progress=100)
    client.force_login(user)

    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()

    assert _kicker(html) == "Your story is ready"
    assert _title(html) == "Your story is ready: “Moon Boat” · Storygen"
    assert "Making your story" not in html
    assert "on its way" not in html


def test_the_status_part_carries_the_heading_for_the_live_update(
    client: Client, user: User
) -> None:
    story = _written(user, Story.Status.READY)
    GenerationTaskFactory(story=story, status=GenerationTask.Status.COMPLETED, progress=100)
    client.force_login(user)

    html = client.get(reverse("stories:progress-status", args=[story.pk])).content.decode()

    assert 'data-heading="Your story is ready"' in html
    assert 'data-title="Moon Boat"' in html


@pytest.mark.parametrize(
    ("page_format", "ratio"),
    [("a4-landscape", "297 / 210"), ("a4", "210 / 297"), ("square-storybook", "1 / 1")],
)
def test_the_page_tiles_take_the_shape_of_the_pages(
    client: Client, user: User, page_format: str, ratio: str
) -> None:
    story = _written(user, Story.Status.GENERATING)
    story.page_format = page_format
    story.save(update_fields=["page_format"])
    GenerationTaskFactory(story=story, status=GenerationTask.Status.IN_PROGRESS)
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    tiles = re.findall(r'class="progress-tile__picture" style="aspect-ratio: ([^"]+)"', html)
    assert tiles == [ratio, ratio]
