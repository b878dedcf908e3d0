"""What the provider could not do of a sheet drawing reaches its owner: kept on the job, shown
with the sheet it drew, and answered by the API."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

import storygen.ai
from accounts.models import User
from characters import services
from characters.models import Character, CharacterImageJob
from characters.tests.factories import CharacterFactory
from stories.tests.providers import ScriptedProvider
from storygen.ai.types import Picture, Scene

pytestmark = pytest.mark.django_db

NOTES = ("The painter could not look at <the photo> & so used the words.", "Nothing else.")


class NotingProvider(ScriptedProvider):
    """The scripted provider, whose sheets come with notes (markup included)."""

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        picture = super().draw(prompt, size=size, references=references, scene=scene)
        return replace(picture, notes=NOTES)


@pytest.fixture(autouse=True)
def _own_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _installed(provider: ScriptedProvider) -> Iterator[Any]:
    previous = storygen.ai._provider
    storygen.ai._provider = provider
    yield provider
    storygen.ai._provider = previous


@pytest.fixture
def provider() -> Iterator[ScriptedProvider]:
    yield from _installed(ScriptedProvider())


@pytest.fixture
def noting() -> Iterator[NotingProvider]:
    yield from _installed(NotingProvider())


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Call ``fn`` and run what it queued on commit (the eager worker)."""

    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


@pytest.fixture
def character(user: User) -> Character:
    return CharacterFactory(owner=user, name="Mira", description="a girl with red hair")


def _drawn(run: Callable[..., Any], character: Character) -> CharacterImageJob:
    job = run(services.character_image_request, character=character)
    job.refresh_from_db()
    assert job.status == CharacterImageJob.Status.DONE
    return job


def test_a_finished_drawing_keeps_the_provider_s_notes(
    run: Callable[..., Any], character: Character, noting: NotingProvider
) -> None:
    assert _drawn(run, character).notice == "\n".join(NOTES)


def test_a_drawing_with_nothing_to_say_keeps_no_notice(
    run: Callable[..., Any], character: Character, provider: ScriptedProvider
) -> None:
    assert _drawn(run, character).notice == ""


def test_the_character_page_shows_the_notice_with_the_sheet_it_drew(
    client: Client,
    user: User,
    run: Callable[..., Any],
    character: Character,
    noting: NotingProvider,
) -> None:
    _drawn(run, character)
    client.force_login(user)
    html = client.get(reverse("characters:detail", args=[character.pk])).content.decode()
    notice = re.search(r'<p class="sheet-current__notice" role="status"[^>]*>(.*?)</p>', html, re.S)
    assert notice is not None
    assert notice.group(1).startswith("About this drawing: The painter could not look at")
    assert "&lt;the photo&gt; &amp; so" in notice.group(1)
    assert "<the photo>" not in html


def test_the_notice_goes_with_its_sheet_when_another_is_current(
    client: Client,
    user: User,
    run: Callable[..., Any],
    character: Character,
    provider: ScriptedProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = _drawn(run, character)
    monkeypatch.setattr(storygen.ai, "_provider", NotingProvider())
    assert _drawn(run, character).notice
    client.force_login(user)
    status = reverse("characters:sheet-status", args=[character.pk])
    assert "About this drawing" in client.get(status).content.decode()

    assert plain.result_id is not None
    services.character_image_make_current(character=character, image_id=plain.result_id)
    assert "About this drawing" not in client.get(status).content.decode()


def test_the_image_job_answers_with_its_notice(
    auth_client: APIClient, run: Callable[..., Any], character: Character, noting: NotingProvider
) -> None:
    url = reverse("character-regenerate-image", args=[character.pk])
    queued = run(auth_client.post, url, {}, format="json", headers={"Prefer": "respond-async"})
    queued = queued.json()
    assert queued["notice"] == ""
    done = auth_client.get(queued["status_url"]).json()
    assert done["status"] == "done"
    assert done["notice"] == "\n".join(NOTES)
