"""What the owner sees of a story held for review or refused, and reporting a story."""

from __future__ import annotations

import html
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.models import User
from moderation.models import StoryReport
from stories.models import GenerationTask, Page, StepStatus, Story
from stories.services.stories import HELD_MESSAGE, REFUSED_MESSAGE
from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory
from storygen.media import store_picture

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Text nobody may read before the review."


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 32), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _book(owner: User, **fields: Any) -> Story:
    """A written and illustrated story (cover and two pages) with a finished run."""
    story = StoryFactory(owner=owner, num_pages=2, **fields)
    for number in range(3):
        page = PageFactory(
            story=story, number=number, text=f"{SECRET_TEXT} ({number})", status=StepStatus.DONE
        )
        stored = store_picture(
            base=f"stories/{story.pk}/pages/{page.pk}-v1", data=_jpeg(), mime="image/jpeg"
        )
        Page.objects.filter(pk=page.pk).update(
            image=stored.original,
            image_display=stored.display,
            image_thumbnail=stored.thumbnail,
            image_version=1,
        )
    GenerationTaskFactory(
        story=story,
        status=GenerationTask.Status.COMPLETED,
        progress=100,
        error_message=HELD_MESSAGE if story.status == Story.Status.HELD else "",
    )
    return story


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def owner_client(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_the_reader_of_a_held_story_explains_and_shows_nothing_of_it(
    user: User, owner_client: Client, django_assert_max_num_queries: Any
) -> None:
    story = _book(user, status=Story.Status.HELD)
    with django_assert_max_num_queries(6):
        response = owner_client.get(reverse("stories:read", args=[story.pk]))
    assert response.status_code == 200
    body = _text(response)
    assert "Waiting for review" in body
    assert HELD_MESSAGE in body
    assert SECRET_TEXT not in body
    assert "<img" not in body.split("<main", 1)[-1]
    assert "Report this story" not in body


def test_the_progress_page_of_a_held_story_shows_why_and_no_pages(
    user: User, owner_client: Client, django_assert_max_num_queries: Any
) -> None:
    story = _book(user, status=Story.Status.HELD)
    with django_assert_max_num_queries(6):
        response = owner_client.get(reverse("stories:progress", args=[story.pk]))
    body = _text(response)
    assert "Waiting for review" in body
    assert HELD_MESSAGE in body
    assert SECRET_TEXT not in body
    assert "progress-tile" not in body
    status = owner_client.get(reverse("stories:progress-status", args=[story.pk]))
    assert status["X-Progress-Finished"] == "true"
    assert "page-image" not in _text(status)


def test_pictures_of_a_held_story_are_not_served_even_to_its_owner(
    user: User, owner_client: Client
) -> None:
    story = _book(user, status=Story.Status.HELD)
    page = story.pages.get(number=1)
    for variant in ("thumbnail", "display"):
        url = reverse("stories:page-image", args=[story.pk, page.pk, variant])
        assert owner_client.get(url).status_code == 404
    Story.objects.filter(pk=story.pk).update(status=Story.Status.READY)
    url = reverse("stories:page-image", args=[story.pk, page.pk, "thumbnail"])
    assert owner_client.get(url).status_code == 200


def test_the_library_shows_a_held_story_without_its_cover(
    user: User, owner_client: Client, django_assert_max_num_queries: Any
) -> None:
    held = _book(user, title="Held back", status=Story.Status.HELD)
    ready = _book(user, title="Fine to read", status=Story.Status.READY)
    with django_assert_max_num_queries(6):
        response = owner_client.get(reverse("stories:library"))
    body = _text(response)
    assert "Waiting for review" in body
    assert "Why is it waiting?" in body
    assert f"/stories/{held.pk}/pages/" not in body
    assert f"/stories/{ready.pk}/pages/" in body
    assert reverse("stories:progress", args=[held.pk]) in body


def test_a_refused_story_says_so_kindly_and_offers_a_new_start(
    user: User, owner_client: Client
) -> None:
    story = StoryFactory(owner=user, status=Story.Status.REFUSED)
    GenerationTaskFactory(
        story=story, status=GenerationTask.Status.FAILED, error_message=REFUSED_MESSAGE
    )
    body = _text(owner_client.get(reverse("stories:progress", args=[story.pk])))
    assert "We couldn’t make this story" in body
    assert REFUSED_MESSAGE in body
    assert reverse("stories:template", args=[story.pk]) in body
    assert "Try again" not in body
    reader = _text(owner_client.get(reverse("stories:read", args=[story.pk])))
    assert "We couldn’t make this story" in reader
    library = _text(owner_client.get(reverse("stories:library")))
    assert "Not made" in library


def test_a_held_story_cannot_be_resumed_from_the_progress_page(
    user: User, owner_client: Client
) -> None:
    story = _book(user, status=Story.Status.HELD)
    response = owner_client.post(reverse("stories:resume", args=[story.pk]), follow=True)
    assert "waiting for a safety review" in _text(response)
    assert GenerationTask.objects.filter(story=story).count() == 1


def test_the_reader_offers_a_report_form_and_a_report_reaches_the_moderators(
    user: User, owner_client: Client
) -> None:
    story = _book(user, status=Story.Status.READY)
    reader = _text(owner_client.get(reverse("stories:read", args=[story.pk])))
    assert "Report this story" in reader
    assert reverse("moderation:story-report", args=[story.pk]) in reader
    response = owner_client.post(
        reverse("moderation:story-report", args=[story.pk]),
        {"reason": "scary", "details": "The wolf is too frightening."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("stories:read", args=[story.pk])
    assert "A moderator will look at this story" in _text(response)
    report = StoryReport.objects.get()
    assert (report.story, report.reporter, report.reason) == (story, user, "scary")
    assert report.details == "The wolf is too frightening."
    assert not report.resolved


def test_a_report_without_a_known_reason_shows_the_form_again(
    user: User, owner_client: Client
) -> None:
    story = _book(user, status=Story.Status.READY)
    response = owner_client.post(
        reverse("moderation:story-report", args=[story.pk]), {"reason": "meh"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not StoryReport.objects.exists()
    page = owner_client.get(reverse("moderation:story-report", args=[story.pk]))
    assert page.status_code == 200
    assert "What is wrong with this story?" in _text(page)


def test_nobody_can_report_a_story_they_cannot_see(
    user: User, other_user: User, client: Client
) -> None:
    story = _book(user, status=Story.Status.READY)
    client.force_login(other_user)
    response = client.post(reverse("moderation:story-report", args=[story.pk]), {"reason": "scary"})
    assert response.status_code == 404
    assert not StoryReport.objects.exists()
    client.logout()
    response = client.post(reverse("moderation:story-report", args=[story.pk]), {"reason": "scary"})
    assert response.status_code == 302
    assert not StoryReport.objects.exists()
