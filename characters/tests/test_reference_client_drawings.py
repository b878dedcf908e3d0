"""New character sheets as the reference product's Characters page asks for them: the edit
modal's Regenerate (``POST /api/v1/characters/{id}/regenerate-image`` with the modal's
description and style) and the new-character wizard's Generate (``POST …/generate-from-photo``
after the photo upload), each expecting the updated character with its picture. The request
waits for the worker's drawing; a client that prefers to poll, or a drawing that outlasts the
wait, gets the job; a failed drawing answers with the status the reference gave that failure.

The tests run outside a transaction, as requests do: the job's message goes to the worker
(Celery, in place here, or a worker thread) when the request's own transaction commits.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from characters import photos, services, tasks
from characters.models import Character, CharacterImage, CharacterImageJob
from characters.tests import photo_corpus as corpus
from characters.tests.factories import CharacterFactory
from stories.tests import conftest as story_fixtures
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
from storygen.media import store_picture

pytestmark = pytest.mark.django_db(transaction=True)

# The scripted provider of the stories suite (offline drawings, injected failures).
provider = story_fixtures.provider

ROUTES = {"regenerate": "regenerate-image", "photo": "generate-from-photo"}


@pytest.fixture(autouse=True)
def photos_dir(settings: Any, tmp_path: Path) -> Path:
    settings.STORYGEN_PRIVATE_DIR = tmp_path / "private"
    return settings.STORYGEN_PRIVATE_DIR


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
def character(user: User, client: APIClient) -> Character:
    """A character with a sheet already, and a photo (as the wizard's Upload step sends it)."""
    character = CharacterFactory(owner=user, name="Mira", image_style="Watercolor")
    stored = store_picture(
        base=f"characters/{character.pk}/{uuid.uuid4().hex}",
        data=corpus.png((64, 96)),
        mime="image/png",
    )
    character.current_image = CharacterImage.objects.create(
        character=character,
        image=stored.original,
        display=stored.display,
        thumbnail=stored.thumbnail,
    )
    character.save(update_fields=["current_image"])
    upload = client.post(
        f"/api/v1/characters/{character.pk}/photo",
        {"photo": SimpleUploadedFile("me.jpg", corpus.jpeg(), content_type="image/jpeg")},
        format="multipart",
    )
    assert upload.status_code == 200, upload.json()
    return character


@pytest.fixture
def held_by_the_broker(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Tasks go to a broker that takes them, and no worker is there to draw."""
    sent: list[tuple[Any, ...]] = []
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(tasks.character_image_draw, "delay", lambda *args: sent.append(args))
    return sent


@pytest.fixture
def worker_thread() -> Iterator[Callable[[float, Callable[[], None]], None]]:
    """Do a worker's part a little later, in a thread with its own database connection."""
    threads: list[threading.Thread] = []

    def start(seconds: float, work: Callable[[], None]) -> None:
        def run() -> None:
            time.sleep(seconds)
            try:
                work()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        threads.append(thread)
        thread.start()

    yield start
    for thread in threads:
        thread.join()


def _url(character: Character, route: str, slash: bool = False) -> str:
    url = f"/api/v1/characters/{character.pk}/{ROUTES[route]}"
    return url + "/" if slash else url


def _shown(client: APIClient, character: Character) -> dict[str, Any]:
    response = client.get(f"/api/v1/characters/{character.pk}")
    assert response.status_code == 200
    return dict(response.json())


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("slash", [False, True])
@pytest.mark.parametrize("body", ["none", "{}", "modal"])
def test_a_drawing_answers_with_the_character_and_its_new_sheet(
    client: APIClient, character: Character, route: str, slash: bool, body: str
) -> None:
    before = _shown(client, character)
    url = _url(character, route, slash)
    assert url.rstrip("/") == reverse(f"character-{ROUTES[route]}", args=[character.pk])

    if body == "none":
        response = client.post(url)
    elif body == "{}":
        response = client.post(url, {}, format="json")
    else:  # what the modal and the wizard send: the description and style in their fields
        modal = {"description": "a girl of nine in a red scarf", "image_style": "Cartoon"}
        response = client.post(url, modal, format="json")

    assert response.status_code == 200, response.json()
    answer = response.json()
    assert (answer["id"], answer["name"]) == (character.pk, "Mira")
    assert answer["current_image"]["id"] != before["current_image"]["id"]
    assert answer["current_image"]["file_path"] != before["current_image"]["file_path"]
    assert answer["current_image"]["source"] == ("photo" if route == "photo" else "generated")
    assert answer["image_job"] is None
    assert "Preference-Applied" not in response
    assert _shown(client, character)["current_image"]["id"] == answer["current_image"]["id"]
    # The drawing's overrides apply to it alone: the character keeps its own fields.
    assert (answer["description"], answer["image_style"]) == (
        before["description"],
        before["image_style"],
    )


@pytest.mark.parametrize("route", list(ROUTES))
def test_a_client_preferring_to_poll_gets_202_with_the_job(
    client: APIClient, character: Character, route: str
) -> None:
    response = client.post(_url(character, route), {}, format="json", HTTP_PREFER="respond-async")

    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    job = response.json()
    assert job["kind"] == ("photo" if route == "photo" else "description")
    assert client.get(job["status_url"]).json()["status"] == "done"


@pytest.mark.parametrize("route", list(ROUTES))
def test_a_drawing_that_outlasts_the_wait_answers_202_with_the_job(
    client: APIClient,
    character: Character,
    settings: Any,
    held_by_the_broker: list[tuple[Any, ...]],
    route: str,
) -> None:
    settings.STORYGEN_API_WAIT_SECONDS = 0.5
    before = _shown(client, character)
    started = time.monotonic()

    response = client.post(_url(character, route), {}, format="json")

    assert response.status_code == 202
    assert 0.5 <= time.monotonic() - started < 10
    assert "Preference-Applied" not in response
    job = response.json()
    assert job["status"] == "pending"
    assert held_by_the_broker == [(job["id"],)]
    assert _shown(client, character)["current_image"]["id"] == before["current_image"]["id"]


def test_a_drawing_a_worker_finishes_while_the_request_waits_answers_200(
    client: APIClient,
    character: Character,
    held_by_the_broker: list[tuple[Any, ...]],
    worker_thread: Callable[[float, Callable[[], None]], None],
) -> None:
    def draw() -> None:
        (job_id,) = held_by_the_broker[0]
        services.character_image_draw(job_id=job_id)

    worker_thread(0.6, draw)
    started = time.monotonic()

    response = client.post(_url(character, "regenerate"), {}, format="json")

    assert response.status_code == 200, response.json()
    assert time.monotonic() - started >= 0.5
    assert response.json()["current_image"]["id"] == Character.objects.get().current_image_id


def test_a_photo_gone_when_the_worker_starts_answers_400(
    client: APIClient,
    character: Character,
    held_by_the_broker: list[tuple[Any, ...]],
    worker_thread: Callable[[float, Callable[[], None]], None],
) -> None:
    def draw_without_the_photo() -> None:
        photos.photo_path(owner_id=character.owner_id, character_id=character.pk).unlink()
        (job_id,) = held_by_the_broker[0]
        services.character_image_draw(job_id=job_id)

    worker_thread(0.3, draw_without_the_photo)

    response = client.post(_url(character, "photo"), {}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "photo_missing"
    assert "Upload" in response.json()["detail"]


@pytest.mark.parametrize("route", list(ROUTES))
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
    character: Character,
    provider: ScriptedProvider,
    settings: Any,
    route: str,
    error: Callable[[], AIProviderError],
    code: str,
    status: int,
) -> None:
    settings.AI_MAX_ATTEMPTS = 1
    provider.rules.append(fail_times("sheet", error, 1))
    before = _shown(client, character)

    response = client.post(_url(character, route), {}, format="json")

    assert response.status_code == status
    assert response.json() == {"detail": error().message, "code": code}
    # The reference client signs out on a 401 whose detail speaks of a token: this one does not.
    assert "token" not in response.json()["detail"].lower()
    job = CharacterImageJob.objects.get()
    assert (job.status, job.error_code) == (CharacterImageJob.Status.FAILED, code)
    assert _shown(client, character)["current_image"]["id"] == before["current_image"]["id"]
