"""What the provider could not do of a person's wishes reaches them: a rewrite's notice and a
redraw's, in the services, the editor and the API."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

import storygen.ai
from accounts.models import User
from stories import services
from stories.models import Page, PageRedrawJob, Story
from stories.tests.providers import ScriptedProvider
from storygen.ai.types import PageRewriteRequest, PageText

pytestmark = pytest.mark.django_db

JSON = {"Accept": "application/json"}
MARKUP = 'The writer cannot do <b>"bold"</b> & <script>alert(1)</script>.'


class NotingProvider(ScriptedProvider):
    """The scripted provider, whose rewrites come with a note full of markup."""

    def rewrite_page(self, request: PageRewriteRequest) -> PageText:
        return replace(super().rewrite_page(request), notes=(MARKUP, "A second line."))


@pytest.fixture(autouse=True)
def _own_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def noting() -> Iterator[NotingProvider]:
    provider = NotingProvider()
    previous = storygen.ai._provider
    storygen.ai._provider = provider
    yield provider
    storygen.ai._provider = previous


@pytest.fixture
def owner(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def _page(story: Story, number: int) -> Page:
    return Page.objects.get(story=story, number=number)


def _redrawn(run: Callable[..., Any], page: Page, description: str = "") -> PageRedrawJob:
    job = run(services.page_redraw_request, page=page, description=description)
    job.refresh_from_db()
    assert job.status == PageRedrawJob.Status.DONE
    return job


# --- services -----------------------------------------------------------------------------


def test_a_rewrite_says_which_wishes_it_could_not_follow(story: Story) -> None:
    proposal = services.page_text_rewrite(
        page=_page(story, 1), instructions="Shorter, and make it rhyme"
    )
    assert proposal.text
    assert "\u201cShorter\u201d" in proposal.notice
    assert "cannot make a page rhyme" in proposal.notice


def test_a_rewrite_that_followed_every_wish_has_nothing_to_say(story: Story) -> None:
    assert services.page_text_rewrite(page=_page(story, 1), instructions="shorter").notice == ""


def test_a_redraw_keeps_what_the_painter_left_out_of_the_description(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    job = _redrawn(run_pipeline, _page(story, 2), "Mira finds a volcano by the lighthouse")
    assert "\u201cvolcano\u201d" in job.notice
    assert "lighthouse" not in job.notice


def test_a_redraw_of_the_page_s_own_description_has_no_notice(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    # Only the person's own words are answered for: the story's description is not theirs.
    assert _redrawn(run_pipeline, _page(story, 2)).notice == ""


# --- the editor ---------------------------------------------------------------------------


def test_the_editor_shows_a_redraw_notice_beside_the_picture_it_drew(
    owner: Client, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 2)
    job = _redrawn(run_pipeline, page, "Pip and a volcano")
    PageRedrawJob.objects.filter(pk=job.pk).update(notice=MARKUP)
    url = reverse("stories:edit-picture-status", args=[story.pk, page.pk])
    html = owner.get(url).content.decode()
    status = re.search(
        r'<div class="picture-panel__status" role="status"[^>]*>(.*?)</div>', html, re.S
    )
    assert status is not None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in status.group(1)
    assert "<script>alert" not in html


def test_a_notice_goes_once_the_page_shows_another_picture(
    owner: Client, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 2)
    job = _redrawn(run_pipeline, page, "Pip and a volcano")
    assert job.notice
    services.page_image_restore(page=page)
    html = owner.get(reverse("stories:edit-picture-status", args=[story.pk, page.pk])).content
    assert b"data-redraw-notice" not in html


def test_the_editor_shows_a_rewrite_notice_with_the_proposal(
    owner: Client, story: Story, noting: NotingProvider
) -> None:
    page = _page(story, 1)
    url = reverse("stories:edit-rewrite", args=[story.pk, page.pk])
    html = owner.post(url, {"instructions": "funnier"}).content.decode()
    notice = re.search(r'<p class="proposal__notice" role="status"[^>]*>(.*?)</p>', html, re.S)
    assert notice is not None
    assert "&lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; &lt;script&gt;" in notice.group(1)
    assert "A second line." in notice.group(1)

    answer = owner.post(url, {"instructions": "funnier"}, headers=JSON).json()
    assert answer["notice"] == f"{MARKUP}\nA second line."


def test_a_proposal_without_a_notice_shows_none(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    url = reverse("stories:edit-rewrite", args=[story.pk, page.pk])
    html = owner.post(url, {"instructions": "shorter"}).content.decode()
    assert re.search(r'<p class="proposal__notice"[^>]* hidden>\s*</p>', html)


# --- the API ------------------------------------------------------------------------------


def test_the_redraw_job_answers_with_its_notice(
    auth_client: APIClient, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 2)
    url = reverse("page-regenerate-image", args=[story.pk, page.pk])
    queued = run_pipeline(
        auth_client.post,
        url,
        {"description": "a unicorn"},
        format="json",
        headers={"Prefer": "respond-async"},
    )
    assert queued.json()["notice"] == ""  # nothing to say before it is drawn
    done = auth_client.get(queued.json()["status_url"]).json()
    assert done["status"] == "done"
    assert "\u201cunicorn\u201d" in done["notice"]


def test_the_rewrite_answers_with_its_notice(auth_client: APIClient, story: Story) -> None:
    page = _page(story, 1)
    url = reverse("page-rewrite-text", args=[story.pk, page.pk])
    body = auth_client.post(url, {"instructions": "in French"}, format="json").json()
    assert body["text"]
    assert body["notice"] == "Written offline: the offline writer writes in English only."
    plain = auth_client.post(url, {"instructions": "longer"}, format="json").json()
    assert plain["notice"] == ""
