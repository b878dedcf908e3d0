"""A page's "Regenerate Image" as the reference product's editor sends it: ``POST
/api/v1/stories/{id}/pages/{page_id}/regenerate-image`` with no body, expecting the updated
page. The request waits for the worker's drawing and answers with the page; a client that
prefers to poll, or a drawing that outlasts the wait, gets the job instead; a failed drawing
answers with the status the reference product gave that failure.

The tests run outside a transaction, as requests do: the job's message goes to the worker
(Celery, in place here) when the request's own transaction commits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from stories import tasks
from stories.models import Page, PageRedrawJob, Story
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import (
    AIContentBlocked,
    AIProviderAuthFailed,
    AIProviderError,
    AIProviderRejected,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.celery import app

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client(user: User) -> APIClient:
    """Signed in as the client does (a form POST of the password grant), sending the token."""
    client = APIClient()
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


@pytest.fixture
def held_by_the_broker(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Tasks go to a broker that takes them, and no worker is there to draw."""
    sent: list[tuple[Any, ...]] = []
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(tasks.page_redraw, "delay", lambda *args: sent.append(args))
    return sent


def _page(story: Story, number: int = 1) -> Page:
    return Page.objects.get(story=story, number=number)


def _url(page: Page, slash: bool = False) -> str:
    url = f"/api/v1/stories/{page.story_id}/pages/{page.pk}/regenerate-image"
    return url + "/" if slash else url


def _shown(client: APIClient, page: Page) -> dict[str, Any]:
    """The page as the editor reads it back from the story."""
    story = client.get(f"/api/v1/stories/{page.story_id}").json()
    return next(entry for entry in story["pages"] if entry["id"] == page.pk)


@pytest.mark.parametrize("slash", [False, True])
@pytest.mark.parametrize("body", ["none", "{}"])
def test_regenerate_answers_with_the_page_and_its_new_picture(
    client: APIClient, story: Story, slash: bool, body: str
) -> None:
    page = _page(story)
    before = _shown(client, page)
    url = _url(page, slash)
    assert url.rstrip("/") == reverse("page-regenerate-image", args=[story.pk, page.pk])

    response = client.post(url) if body == "none" else client.post(url, {}, format="json")

    assert response.status_code == 200, response.json()
    answer = response.json()
    assert (answer["id"], answer["page_number"], answer["text"]) == (page.pk, 1, page.text)
    assert answer["image_path"]
    assert answer["image_path"] != before["image_path"]
    assert answer["image_version"] == before["image_version"] + 1
    assert answer == _shown(client, page)
    assert response["ETag"] == client.get(f"/api/v1/stories/{story.pk}")["ETag"]
    assert "Preference-Applied" not in response
    assert PageRedrawJob.objects.get().status == PageRedrawJob.Status.DONE


@pytest.mark.parametrize("prefer", ["respond-async", "Respond-Async, wait=0"])
def test_a_client_preferring_to_poll_gets_202_with_the_job(
    client: APIClient, story: Story, prefer: str
) -> None:
    page = _page(story)

    response = client.post(_url(page), headers={"Prefer": prefer})

    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    job = response.json()
    assert (job["page_id"], job["page_number"]) == (page.pk, 1)
    polled = client.get(job["status_url"]).json()
    assert polled["status"] == "done"
    assert polled["image"]["is_current"] is True


def test_a_drawing_that_outlasts_the_wait_answers_202_with_the_job(
    client: APIClient, story: Story, settings: Any, held_by_the_broker: list[tuple[Any, ...]]
) -> None:
    settings.STORYGEN_API_WAIT_SECONDS = 0.5
    page = _page(story)
    before = _shown(client, page)
    started = time.monotonic()

    response = client.post(_url(page))

    waited = time.monotonic() - started
    assert response.status_code == 202
    assert 0.5 <= waited < 10
    assert "Preference-Applied" not in response
    job = response.json()
    assert job["status"] == "pending"
    assert held_by_the_broker == [(job["id"],)]
    assert client.get(job["status_url"]).json()["status"] == "pending"
    assert _shown(client, page)["image_path"] == before["image_path"]


def test_the_clients_own_wait_is_honoured_below_the_bound(
    client: APIClient, story: Story, held_by_the_broker: list[tuple[Any, ...]]
) -> None:
    started = time.monotonic()
    response = client.post(_url(_page(story)), headers={"Prefer": "wait=1"})
    assert response.status_code == 202
    assert 1 <= time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("error", "code", "status"),
    [
        (
            lambda: AIProviderAuthFailed(
                "The AI provider refused our credentials. Check OPENAI_API_KEY."
            ),
            "auth",
            401,
        ),
        (lambda: AIQuotaExhausted("The AI account has no credit left."), "quota", 402),
        (lambda: AIContentBlocked("The picture was blocked."), "blocked", 422),
        (lambda: AIProviderRejected("The AI provider refused the request."), "rejected", 502),
        (lambda: AIProviderUnavailable("The AI service is busy."), "unavailable", 503),
    ],
)
def test_a_failed_drawing_answers_with_its_status_and_detail(
    client: APIClient,
    story: Story,
    provider: ScriptedProvider,
    settings: Any,
    error: Callable[[], AIProviderError],
    code: str,
    status: int,
) -> None:
    settings.AI_MAX_ATTEMPTS = 1
    # Twice: a picture the safety system refused is tried once more in gentler words.
    provider.rules.append(fail_times("page", error, 2))
    page = _page(story)
    before = _shown(client, page)

    response = client.post(_url(page))

    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["detail"].startswith(error().message)
    # The reference client signs out on a 401 whose detail speaks of a token: this one does not.
    assert "token" not in body["detail"].lower()
    job = PageRedrawJob.objects.get()
    assert (job.status, job.error_code) == (PageRedrawJob.Status.FAILED, code)
    assert _shown(client, page)["image_path"] == before["image_path"]


def test_an_async_value_that_is_not_a_yes_or_a_no_is_400_and_queues_nothing(
    client: APIClient, story: Story
) -> None:
    response = client.post(_url(_page(story)) + "?async=later")
    assert response.status_code == 400
    assert response.json()["detail"] == "async: Must be true or false."
    assert not PageRedrawJob.objects.exists()
