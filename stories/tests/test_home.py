"""Home page: the landing for visitors, recent stories for signed-in users."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from stories.models import Story
from stories.tests.factories import PageFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _story(owner: User, **fields: Any) -> Story:
    return StoryFactory(owner=owner, **fields)


def _titles(html: str) -> list[str]:
    return re.findall(r'class="story-card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_visitors_see_the_landing_with_sign_up_and_log_in(client: Client) -> None:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f'href="{reverse("accounts:signup")}"' in html
    assert f'href="{reverse("accounts:login")}"' in html
    assert "<svg" in html
    assert 'role="img"' in html
    assert "Works offline" in html
    assert "story-card" not in html
    assert reverse("stories:create") not in html


def test_signed_in_users_get_a_create_button_and_an_empty_state(client: Client, user: User) -> None:
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert html.count("<h1") == 1
    assert f'href="{reverse("stories:create")}"' in html
    assert "Create a story" in html
    assert "No stories yet." in html
    assert "story-card" not in html


def test_home_lists_the_six_newest_visible_stories_of_the_user(
    client: Client, user: User, other_user: User
) -> None:
    now = timezone.now()
    for n in range(8):
        story = _story(user, title=f"Story {n}")
        Story.objects.filter(pk=story.pk).update(created_at=now - timedelta(days=n))
    _story(user, title="Hidden one", is_hidden=True)
    _story(user, title="Deleted one", is_deleted=True)
    _story(other_user, title="Not mine")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert _titles(html) == [f"Story {n}" for n in range(6)]
    assert f'href="{reverse("stories:library")}"' in html


@pytest.mark.parametrize(
    ("status", "url_name"),
    [
        (Story.Status.READY, "stories:read"),
        (Story.Status.PARTIAL, "stories:read"),
        (Story.Status.QUEUED, "stories:progress"),
        (Story.Status.GENERATING, "stories:progress"),
        (Story.Status.FAILED, "stories:progress"),
        (Story.Status.DRAFT, "stories:resume-draft"),
    ],
)
def test_story_titles_link_to_what_the_status_allows(
    client: Client, user: User, status: str, url_name: str
) -> None:
    story = _story(user, status=status)
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert f'<a href="{reverse(url_name, args=[story.id])}">{story.title}</a>' in html
    assert f'class="badge badge--{status}"' in html


def test_the_cover_is_the_lowest_numbered_page_with_a_thumbnail(client: Client, user: User) -> None:
    story = _story(user, title="Whale Song")
    PageFactory(story=story, number=0, image_thumbnail="")  # the cover failed to draw
    first = PageFactory(story=story, number=1, image_thumbnail="stories/1/p1-thumb.webp")
    PageFactory(story=story, number=2, image_thumbnail="stories/1/p2-thumb.webp")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    src = reverse("stories:page-image", args=[story.id, first.id, "thumbnail"])
    assert f'<img src="{src}" alt="Cover of Whale Song"' in html


def test_a_story_without_pictures_shows_a_placeholder(client: Client, user: User) -> None:
    _story(user, status=Story.Status.QUEUED)
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "story-card__placeholder" in html
    assert "<img src=" not in html.split("story-grid")[1]


def test_offline_stories_are_labelled(client: Client, user: User) -> None:
    _story(user, title="By the offline painter", provider="offline")
    _story(user, title="By the real painter", provider="openai")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert html.count('class="badge badge--offline"') == 1


def test_titles_are_escaped(client: Client, user: User) -> None:
    _story(user, title="<script>alert(1)</script>")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("count", [1, 10])
def test_home_query_count_does_not_grow_with_stories(
    client: Client, user: User, django_assert_num_queries: Any, count: int
) -> None:
    for _ in range(count):
        story = _story(user)
        PageFactory(story=story, number=0, image_thumbnail=f"stories/{story.pk}/c-thumb.webp")
        PageFactory(story=story, number=1, image_thumbnail="")
    client.force_login(user)
    # Session, user, stories with their covers.
    with django_assert_num_queries(3):
        response = client.get(reverse("home"))
    assert len(_titles(response.content.decode())) == min(count, 6)


def test_home_answers_only_get_and_head(client: Client) -> None:
    assert client.post(reverse("home")).status_code == 405
