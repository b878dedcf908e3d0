"""A character's portrait (head and shoulders): drawn with the sheet, kept, made the thumbnail
and offered by the API; sheets drawn from a photo take its colours offline."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

import storygen.ai
from accounts.models import User
from characters import services
from characters.models import Character, CharacterImage, CharacterImageJob
from characters.tests.factories import CharacterFactory
from stories.models import Story
from stories.services import story_generation_start
from stories.tests.providers import ScriptedProvider
from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.painter.colour import COLOURS, RGB
from storygen.ai.types import Picture, Scene
from storygen.media import media_path

pytestmark = pytest.mark.django_db


class NoPortraitProvider(ScriptedProvider):
    """A provider that draws sheets but no portrait, as the OpenAI one does."""

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        picture = super().draw(prompt, size=size, references=references, scene=scene)
        return dataclasses.replace(picture, portrait=None)


@pytest.fixture(autouse=True)
def offline() -> Iterator[None]:
    """The offline provider, drawing at the configured sheet size."""
    previous = storygen.ai._provider
    storygen.ai._provider = OfflineProvider()
    yield
    storygen.ai._provider = previous


@pytest.fixture
def no_portraits(offline: None) -> None:
    storygen.ai._provider = NoPortraitProvider()  # the offline fixture puts back the previous


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Call a service and run what it queued on commit (the eager worker)."""

    def call(fn: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return call


def _opened(name: str) -> Image.Image:
    return Image.open(media_path(name)).convert("RGB")


def _share(image: Image.Image, colour: RGB, tolerance: float = 40) -> float:
    """The share of ``image``'s pixels close to ``colour``."""
    counts = image.getcolors(image.width * image.height) or []
    near = sum(
        count
        for count, pixel in counts
        if sum((a - b) ** 2 for a, b in zip(pixel, colour, strict=True)) ** 0.5 <= tolerance
    )
    return near / (image.width * image.height)


def _drawn(run: Callable[..., Any], character: Character, **kwargs: Any) -> CharacterImage:
    job = run(services.character_image_request, character=character, **kwargs)
    job.refresh_from_db()
    assert job.status == CharacterImageJob.Status.DONE, job.error_message
    assert job.result is not None
    return job.result


def test_the_thumbnail_of_an_offline_sheet_is_the_characters_face(
    user: User, run: Callable[..., Any]
) -> None:
    character = CharacterFactory(
        owner=user, description="a girl with purple hair in an orange jumper"
    )
    image = _drawn(run, character)

    assert image.portrait.name.startswith(f"characters/{character.pk}/")
    portrait = Image.open(media_path(image.portrait.name))
    assert portrait.format == "WEBP"
    thumbnail = _opened(image.thumbnail.name)
    # Square like the portrait, not tall like the sheet; hair and jumper fill it.
    assert abs(thumbnail.width - thumbnail.height) <= 1
    assert _share(thumbnail, COLOURS["purple"]) > 0.1
    assert _share(thumbnail, COLOURS["orange"]) > 0.1
    sheet = _opened(image.display.name)
    assert sheet.height > sheet.width * 1.3  # the full three-view sheet is kept as it was


def test_a_provider_without_portraits_keeps_the_sheets_thumbnail(
    user: User, run: Callable[..., Any], no_portraits: None, auth_client: APIClient
) -> None:
    character = CharacterFactory(owner=user, description="a boy in a green coat")
    image = _drawn(run, character)

    assert image.portrait.name == ""
    thumbnail = _opened(image.thumbnail.name)
    sheet = _opened(image.image.name)
    assert thumbnail.width / thumbnail.height == pytest.approx(sheet.width / sheet.height, 0.05)
    images = auth_client.get(reverse("character-images", args=[character.pk])).json()
    assert images[0]["portrait_path"] is None
    assert images[0]["portrait_url"] is None


def test_the_api_gives_the_portraits_address_and_serves_it(
    user: User, run: Callable[..., Any], auth_client: APIClient, other_user: User
) -> None:
    character = CharacterFactory(owner=user, description="a girl in a red dress")
    image = _drawn(run, character)

    (listed,) = auth_client.get(reverse("character-images", args=[character.pk])).json()
    address = f"/api/v1/characters/{character.pk}/images/{image.pk}/file?variant=portrait"
    assert listed["portrait_url"] == address
    body = auth_client.get(reverse("character-detail", args=[character.pk])).json()
    assert body["current_image"]["portrait_url"] == address
    signed = body["current_image"]["portrait_path"]
    assert signed.startswith(f"images/user_{user.pk}/characters/{character.pk}/{image.pk}-")
    for response in (auth_client.get(address), Client().get(f"/static_content/{signed}")):
        assert response.status_code == 200
        served = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert served.format == "WEBP"
        assert served.width == served.height
    stranger = APIClient()
    stranger.force_authenticate(other_user)
    assert stranger.get(address).status_code == 404


def test_a_copy_of_a_character_keeps_its_portrait(user: User, run: Callable[..., Any]) -> None:
    character = CharacterFactory(owner=user, description="an owl with round spectacles")
    original = _drawn(run, character)

    copy = services.character_duplicate(character=Character.objects.get(pk=character.pk))

    duplicate = copy.current_image
    assert duplicate is not None
    assert duplicate.portrait.name.startswith(f"characters/{copy.pk}/")
    assert (
        media_path(duplicate.portrait.name).read_bytes()
        == media_path(original.portrait.name).read_bytes()
    )


def _photo_upload() -> SimpleUploadedFile:
    """A photo the offline painter reads as purple hair above an orange jumper."""
    image = Image.new("RGB", (300, 400), (235, 235, 235))
    image.paste(COLOURS["purple"], (60, 0, 240, 110))
    image.paste((214, 160, 120), (90, 90, 210, 200))
    image.paste(COLOURS["orange"], (40, 200, 260, 400))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_sheet_drawn_from_a_photo_offline_takes_its_colours(
    user: User, run: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, description="a cheerful child who loves kites")
    services.character_photo_store(character=character, upload=_photo_upload())

    image = _drawn(run, character, kind=CharacterImageJob.Kind.PHOTO)

    assert image.source == CharacterImage.Source.PHOTO
    portrait = _opened(image.portrait.name)
    assert _share(portrait, COLOURS["purple"]) > 0.1
    assert _share(portrait, COLOURS["orange"]) > 0.1


def test_the_descriptions_colours_win_over_the_photos(user: User, run: Callable[..., Any]) -> None:
    character = CharacterFactory(owner=user, description="a boy with blue hair in a green jumper")
    services.character_photo_store(character=character, upload=_photo_upload())

    image = _drawn(run, character, kind=CharacterImageJob.Kind.PHOTO)

    portrait = _opened(image.portrait.name)
    assert _share(portrait, COLOURS["green"]) > 0.1
    assert _share(portrait, COLOURS["purple"]) < 0.01
    assert _share(portrait, COLOURS["orange"]) < 0.01


def test_story_characters_join_the_library_with_their_portrait(
    user: User, run: Callable[..., Any], story_request: dict[str, Any]
) -> None:
    task = run(story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)

    member = story.cast.get(name="Mira")
    assert media_path(member.sheet_portrait.name).is_file()
    mira = Character.objects.get(owner=user, name="Mira")
    assert mira.current_image is not None
    assert mira.current_image.portrait.name.startswith(f"characters/{mira.pk}/")
    thumbnail = _opened(mira.current_image.thumbnail.name)
    assert abs(thumbnail.width - thumbnail.height) <= 1


def test_a_library_sheet_reused_in_a_story_brings_its_portrait(
    user: User, run: Callable[..., Any], story_request: dict[str, Any]
) -> None:
    pip = CharacterFactory(owner=user, name="Pip")
    _drawn(run, pip)
    pip.refresh_from_db()

    task = run(story_generation_start, owner=user, **story_request, character_ids=[pip.pk])

    member = Story.objects.get(pk=task.story_id).cast.get(name="Pip")
    assert member.sheet_portrait.name
    assert _opened(member.sheet_portrait.name).size == _opened(pip.current_image.portrait.name).size
