"""Quotas where character sheets start: created with a sheet, drawn again, drawn from the
photo (API and pages); and what drawing a sheet spends."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

import storygen.ai
from accounts.models import UsageCharge, User
from accounts.selectors import usage_get
from characters import services
from characters.models import Character, CharacterImageJob
from characters.tests.factories import CharacterFactory
from stories.tests.browser.option_lists import seed_option_lists
from stories.tests.providers import ScriptedProvider
from storygen.ai.types import Picture, Scene, Usage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def option_lists() -> None:
    seed_option_lists(apps, None)


@pytest.fixture(autouse=True)
def private_and_media_folders(settings: Any, tmp_path: Path) -> None:
    settings.STORYGEN_PRIVATE_DIR = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def provider() -> Iterator[ScriptedProvider]:
    scripted = ScriptedProvider()
    previous = storygen.ai._provider
    storygen.ai._provider = scripted
    yield scripted
    storygen.ai._provider = previous


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


@pytest.fixture
def no_pictures_left(settings: Any, user: User) -> None:
    """Every picture of the user's 24 hours is used."""
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 4
    UsageCharge.objects.create(user=user, kind=UsageCharge.Kind.PICTURE, amount=4)


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 80), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")


def _with_photo(user: User) -> Character:
    character = CharacterFactory(owner=user, name="Mira", description="a girl with red hair")
    services.character_photo_store(character=character, upload=_photo())
    return character


REFUSED = "This needs 1 picture, and 0 of your 4 pictures for 24 hours are left."


# --- the API --------------------------------------------------------------------------------


def test_creating_with_a_sheet_over_the_limit_is_429_and_creates_nothing(
    no_pictures_left: None,
    auth_client: APIClient,
    on_commit: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    response = on_commit(
        auth_client.post,
        reverse("character-list"),
        {"name": "Mira", "description": "a girl", "generate_image": True},
        format="json",
    )

    assert response.status_code == 429
    assert response.json()["code"] == "quota_pictures_per_day"
    assert response.json()["detail"].startswith(REFUSED)
    assert int(response["Retry-After"]) > 0
    assert not Character.objects.exists()
    assert not CharacterImageJob.objects.exists()
    assert sum(provider.calls.values()) == 0


def test_creating_without_a_sheet_is_not_limited(
    no_pictures_left: None, auth_client: APIClient
) -> None:
    response = auth_client.post(reverse("character-list"), {"name": "Mira"}, format="json")

    assert response.status_code == 201


@pytest.mark.parametrize("route", ["character-regenerate-image", "character-generate-from-photo"])
def test_a_new_sheet_over_the_limit_is_429_and_nothing_is_queued(
    no_pictures_left: None,
    auth_client: APIClient,
    user: User,
    on_commit: Callable[..., Any],
    provider: ScriptedProvider,
    route: str,
) -> None:
    character = _with_photo(user)
    provider.calls.clear()  # the photo's own safety check

    response = on_commit(auth_client.post, reverse(route, args=[character.pk]), {}, format="json")

    assert response.status_code == 429
    assert response.json()["code"] == "quota_pictures_per_day"
    assert not CharacterImageJob.objects.exists()
    assert sum(provider.calls.values()) == 0


def test_each_new_sheet_is_charged_one_picture_and_a_sheet_in_progress_none(
    auth_client: APIClient, user: User
) -> None:
    character = CharacterFactory(owner=user, name="Pip")
    url = reverse("character-regenerate-image", args=[character.pk])

    first = auth_client.post(url, {}, format="json", headers={"Prefer": "respond-async"})
    # Still waiting to be drawn: the same job comes back, charged once.
    second = auth_client.post(url, {}, format="json", headers={"Prefer": "respond-async"})

    assert first.json()["id"] == second.json()["id"]
    assert usage_get(user=user).pictures.used == 1


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_the_new_character_page_says_kindly_why_no_sheet_can_be_drawn_yet(
    no_pictures_left: None, logged_in: Client
) -> None:
    response = logged_in.post(
        reverse("characters:create"),
        {"name": "Mira", "description": "a girl", "image_style": "", "generate_image": "on"},
    )

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Character.objects.exists()


@pytest.mark.parametrize(
    ("route", "data"),
    [
        ("characters:draw", {}),
        ("characters:draw-from-photo", {"from-photo-description": ""}),
    ],
)
def test_the_character_page_says_kindly_why_no_sheet_can_be_drawn_yet(
    no_pictures_left: None, logged_in: Client, user: User, route: str, data: dict[str, str]
) -> None:
    character = _with_photo(user)

    response = logged_in.post(reverse(route, args=[character.pk]), data)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not CharacterImageJob.objects.exists()


# --- what a sheet spends ----------------------------------------------------------------------


@dataclasses.dataclass
class CountingProvider(ScriptedProvider):
    """Reports the tokens of each picture it draws, as a remote provider does."""

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        picture = super().draw(prompt, size=size, references=references, scene=scene)
        return dataclasses.replace(picture, usage=Usage(input_tokens=300, output_tokens=4000))


def test_the_tokens_a_sheet_uses_count_toward_the_daily_budget(
    auth_client: APIClient, user: User, on_commit: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, name="Pip")
    previous = storygen.ai._provider
    storygen.ai._provider = CountingProvider()
    try:
        on_commit(
            auth_client.post,
            reverse("character-regenerate-image", args=[character.pk]),
            {},
            format="json",
        )
    finally:
        storygen.ai._provider = previous

    assert CharacterImageJob.objects.get().status == CharacterImageJob.Status.DONE
    report = usage_get(user=user)
    assert (report.input_tokens, report.output_tokens) == (300, 4000)


@dataclasses.dataclass
class CheckCrashes(CountingProvider):
    """Draws (and reports its tokens), then fails while the picture is being checked."""

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> None:
        raise ConnectionResetError("the moderation call broke off")


def test_the_tokens_of_a_sheet_count_even_when_its_check_then_fails(user: User) -> None:
    character = CharacterFactory(owner=user, name="Pip")
    job = CharacterImageJob.objects.create(
        character=character, kind=CharacterImageJob.Kind.DESCRIPTION
    )
    previous = storygen.ai._provider
    storygen.ai._provider = CheckCrashes()
    try:
        with pytest.raises(ConnectionResetError):
            services.character_image_draw(job_id=job.pk)
    finally:
        storygen.ai._provider = previous

    report = usage_get(user=user)
    assert (report.input_tokens, report.output_tokens) == (300, 4000)
