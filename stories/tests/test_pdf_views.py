"""Downloading a story's PDF: the API endpoints and the page behind the Download PDF button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from stories.models import Story
from stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_media(settings: Any, tmp_path: Path) -> None:
    """A media folder per test: story ids repeat between tests, their PDFs must not."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _content(response: Any) -> bytes:
    return b"".join(response.streaming_content)


# --- API ----------------------------------------------------------------------------------


def test_api_downloads_a_short_story_at_once(auth_client: APIClient, story: Story) -> None:
    response = auth_client.get(reverse("story-pdf", args=[story.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename=The Lantern Keeper.pdf"
    assert _content(response).startswith(b"%PDF-")


def test_api_answers_with_and_without_the_trailing_slash_and_any_accept(
    auth_client: APIClient, story: Story
) -> None:
    url = reverse("story-pdf", args=[story.pk])
    assert auth_client.get(url + "/", HTTP_ACCEPT="application/pdf").status_code == 200
    assert auth_client.get(url, HTTP_ACCEPT="text/html").status_code == 200


def test_api_names_a_unicode_title_both_ways(auth_client: APIClient, story: Story) -> None:
    Story.objects.filter(pk=story.pk).update(title="Léa et la mouette")
    response = auth_client.get(reverse("story-pdf", args=[story.pk]))
    assert response["Content-Disposition"] == (
        "attachment; filename=Lea et la mouette.pdf; "
        "filename*=UTF-8''L%C3%A9a%20et%20la%20mouette.pdf"
    )


def test_api_preferring_to_poll_queues_a_long_story_then_serves_it_when_ready(
    auth_client: APIClient,
    story: Story,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.STORYGEN_PDF_SYNC_MAX_PAGES = 2
    url = reverse("story-pdf", args=[story.pk])
    status_url = reverse("story-pdf-status", args=[story.pk])
    assert auth_client.get(status_url).json()["status"] == "idle"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = auth_client.get(url, HTTP_PREFER="respond-async")
    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    body = response.json()
    assert body["status"] == "queued"
    assert body["progress"] == 0
    assert body["status_url"] == f"http://testserver{status_url}"
    assert body["download_url"] == f"http://testserver{url}"
    assert auth_client.get(status_url).json()["status"] == "queued"
    # Asking again while it waits queues nothing more.
    with django_capture_on_commit_callbacks(execute=False) as again:
        assert auth_client.get(url, {"async": "true"}).status_code == 202
    assert again == []
    # The worker (eager here) renders it.
    for callback in callbacks:
        callback()
    ready = auth_client.get(status_url).json()
    assert (ready["status"], ready["progress"]) == ("ready", 100)
    response = auth_client.get(url)
    assert response.status_code == 200
    assert _content(response).startswith(b"%PDF-")


def test_api_reports_a_failed_render_with_retry_after(
    auth_client: APIClient,
    story: Story,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stories.services import pdf

    settings.STORYGEN_PDF_SYNC_MAX_PAGES = 2
    monkeypatch.setattr(pdf, "story_pdf_bytes", lambda **kwargs: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):  # the worker's render fails
        auth_client.get(reverse("story-pdf", args=[story.pk]), HTTP_PREFER="respond-async")
    response = auth_client.get(reverse("story-pdf", args=[story.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["code"] == "pdf_failed"
    status = auth_client.get(reverse("story-pdf-status", args=[story.pk])).json()
    assert status["status"] == "failed"


def test_api_a_story_without_pages_is_a_conflict(auth_client: APIClient, user: User) -> None:
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT)
    for name in ("story-pdf", "story-pdf-status"):
        response = auth_client.get(reverse(name, args=[draft.pk]))
        assert response.status_code == 409
        assert response.json() == {
            "detail": "This story has no pages yet, so there is nothing to print.",
            "code": "no_pages",
        }


@pytest.mark.parametrize("name", ["story-pdf", "story-pdf-status"])
def test_api_other_users_hidden_and_deleted_stories_are_not_found(
    client_for: Callable[[User], APIClient], other_user: User, story: Story, name: str
) -> None:
    url = reverse(name, args=[story.pk])
    assert client_for(other_user).get(url).status_code == 404
    owner = client_for(story.owner)
    for flag in ("is_hidden", "is_deleted"):
        Story.objects.filter(pk=story.pk).update(**{flag: True})
        assert owner.get(url).status_code == 404
        Story.objects.filter(pk=story.pk).update(**{flag: False})
    assert owner.get(reverse(name, args=[987654])).status_code == 404


def test_api_needs_a_signed_in_user(api_client: APIClient, story: Story) -> None:
    assert api_client.get(reverse("story-pdf", args=[story.pk])).status_code == 401


def test_schema_documents_the_pdf_endpoints(api_client: APIClient) -> None:
    paths = api_client.get(reverse("api-schema"), {"format": "json"}).json()["paths"]
    pdf = paths["/api/v1/stories/{story_id}/pdf"]["get"]
    assert {"200", "202", "404", "409", "503"} <= set(pdf["responses"])
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    assert "get" in paths["/api/v1/stories/{story_id}/pdf/status"]


# --- the page -------------------------------------------------------------------------------


def test_the_reader_offers_the_pdf(client: Client, user: User, story: Story) -> None:
    client.force_login(user)
    html = client.get(reverse("stories:read", args=[story.pk])).content.decode()
    assert f'href="{reverse("stories:pdf", args=[story.pk])}"' in html
    assert "Download PDF" in html


def test_the_reader_of_a_story_without_pages_offers_no_pdf(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.QUEUED)
    client.force_login(user)
    html = client.get(reverse("stories:read", args=[story.pk])).content.decode()
    assert reverse("stories:pdf", args=[story.pk]) not in html


def test_the_button_downloads_a_short_story(client: Client, user: User, story: Story) -> None:
    client.force_login(user)
    response = client.get(reverse("stories:pdf", args=[story.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert _content(response).startswith(b"%PDF-")


def test_a_long_story_gets_a_page_that_waits_for_it(
    client: Client,
    user: User,
    story: Story,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.STORYGEN_PDF_SYNC_MAX_PAGES = 2
    client.force_login(user)
    url = reverse("stories:pdf", args=[story.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(url)
    assert response.status_code == 202
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert 'aria-live="polite"' in html
    assert "waiting to be made" in html
    assert f'data-status-url="{reverse("stories:pdf-status", args=[story.pk])}"' in html
    status = client.get(reverse("stories:pdf-status", args=[story.pk]))
    assert status["X-Pdf-Status"] == "queued"
    assert "<html" not in status.content.decode()
    for callback in callbacks:
        callback()
    status = client.get(reverse("stories:pdf-status", args=[story.pk]))
    assert status["X-Pdf-Status"] == "ready"
    assert "Download the PDF" in status.content.decode()
    # The reload that finds it ready downloads it.
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_the_page_explains_a_story_without_pages(client: Client, user: User) -> None:
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT)
    client.force_login(user)
    response = client.get(reverse("stories:pdf", args=[draft.pk]))
    assert response.status_code == 409
    assert "no pages yet" in response.content.decode()


def test_the_page_explains_a_failed_render(
    client: Client, user: User, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stories.services import pdf

    monkeypatch.setattr(pdf, "story_pdf_bytes", lambda **kwargs: 1 / 0)
    client.force_login(user)
    response = client.get(reverse("stories:pdf", args=[story.pk]))
    assert response.status_code == 503
    html = response.content.decode()
    assert "could not be made" in html
    assert "ZeroDivision" not in html


@pytest.mark.parametrize("name", ["stories:pdf", "stories:pdf-status"])
def test_the_pages_need_a_signed_in_owner(
    client: Client, user: User, other_user: User, story: Story, name: str
) -> None:
    url = reverse(name, args=[story.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.force_login(user)
    Story.objects.filter(pk=story.pk).update(is_hidden=True)
    assert client.get(url).status_code == 404


def test_the_page_only_answers_get(client: Client, user: User, story: Story) -> None:
    client.force_login(user)
    assert client.post(reverse("stories:pdf", args=[story.pk])).status_code == 405
