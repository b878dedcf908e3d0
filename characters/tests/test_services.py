"""Character library services: upsert, edit, copy, delete, new sheets and story characters."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

import storygen.ai
from accounts.models import User
from characters import photos, services
from characters.errors import CharacterNameTaken, CharacterPhotoMissing, PhotoUnchecked, PhotoUnsafe
from characters.models import Character, CharacterImage, CharacterImageJob
from characters.tests.factories import CharacterFactory
from stories.models import Story
from stories.services import story_delete, story_generation_start
from stories.tests.providers import ScriptedProvider
from storygen.ai.errors import (
    AIProviderAuthFailed,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.ai.types import Picture, Scene
from storygen.exceptions import InvalidInput, NotFound
from storygen.media import media_path

pytestmark = pytest.mark.django_db


class RecordingProvider(ScriptedProvider):
    """The scripted provider, remembering how many reference images each drawing got."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[int] = []

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        self.references.append(len(references))
        return super().draw(prompt, size=size, references=references, scene=scene)


@pytest.fixture
def scripted() -> Iterator[RecordingProvider]:
    provider = RecordingProvider()
    previous = storygen.ai._provider
    storygen.ai._provider = provider
    yield provider
    storygen.ai._provider = previous


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Call a service and run what it queued on commit (the eager worker)."""

    def call(fn: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return call


def jpeg_upload(name: str = "me.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 80), (200, 120, 90)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def photos_of(character: Character) -> bytes:
    """The character's kept photo (b"" for none) and nothing else in its private folder."""
    path = photos.photo_path(owner_id=character.owner_id, character_id=character.pk)
    assert [p for p in path.parent.glob("*") if p != path] == [] if path.parent.exists() else True
    return path.read_bytes() if path.is_file() else b""


def files_of(image: CharacterImage) -> list[str]:
    return [name for name in (image.image.name, image.display.name, image.thumbnail.name) if name]


# --- Upsert and edit -----------------------------------------------------------------------


def test_upsert_creates_then_updates_the_same_character_whatever_the_case(user: User) -> None:
    first = services.character_upsert(
        owner=user, name="  Mira  ", fields={"description": "red hair", "age": 9}
    )
    again = services.character_upsert(owner=user, name="MIRA", fields={"key_traits": "brave"})

    assert first.created is True
    assert again.created is False
    assert again.character.pk == first.character.pk
    character = Character.objects.get(pk=first.character.pk)
    assert character.name == "Mira"
    # Omitted fields keep their values; only the given one changed.
    assert (character.description, character.age, character.key_traits) == ("red hair", 9, "brave")


def test_upsert_clears_a_field_only_when_asked_with_null(user: User) -> None:
    services.character_upsert(owner=user, name="Pip", fields={"age": 3, "gender": "Male"})

    services.character_upsert(owner=user, name="pip", fields={"age": None, "gender": None})

    character = Character.objects.get(owner=user)
    assert character.age is None
    assert character.gender == ""


def test_upsert_is_per_owner(user: User, other_user: User) -> None:
    services.character_upsert(owner=user, name="Pip")
    services.character_upsert(owner=other_user, name="Pip")

    assert Character.objects.filter(name="Pip").count() == 2


def test_a_blank_name_is_refused(user: User) -> None:
    with pytest.raises(InvalidInput):
        services.character_upsert(owner=user, name="   ")


def test_renaming_onto_another_characters_name_is_refused(user: User) -> None:
    CharacterFactory(owner=user, name="Oona")
    pip = CharacterFactory(owner=user, name="Pip")

    with pytest.raises(CharacterNameTaken):
        services.character_update(character=pip, fields={"name": "oona"})

    renamed = services.character_update(character=pip, fields={"name": "PIP the Brave"})
    assert renamed.name == "PIP the Brave"


# --- New sheets --------------------------------------------------------------------------


def test_a_requested_sheet_is_drawn_by_the_worker_and_becomes_current(
    user: User, run: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, image_style="Watercolor")

    job = run(services.character_image_request, character=character)

    job.refresh_from_db()
    character.refresh_from_db()
    assert job.status == CharacterImageJob.Status.DONE
    assert character.current_image == job.result
    image = job.result
    assert image.source == CharacterImage.Source.GENERATED
    assert image.image_style == "Watercolor"
    assert "Watercolor" in image.prompt_used
    for name in files_of(image):
        assert name.startswith(f"characters/{character.pk}/")
        assert media_path(name).is_file()


def test_drawing_again_keeps_every_earlier_version(user: User, run: Callable[..., Any]) -> None:
    character = CharacterFactory(owner=user)
    first = run(services.character_image_request, character=character)
    second = run(services.character_image_request, character=character, image_style="Anime")

    first.refresh_from_db()
    second.refresh_from_db()
    assert character.images.count() == 2
    assert second.result.image_style == "Anime"
    # The override applied to that drawing only.
    character.refresh_from_db()
    assert character.image_style == ""
    services.character_image_make_current(character=character, image_id=first.result.pk)
    assert Character.objects.get(pk=character.pk).current_image == first.result


def test_a_character_being_drawn_gets_the_same_job_back(user: User) -> None:
    character = CharacterFactory(owner=user)

    first = services.character_image_request(character=character)
    second = services.character_image_request(character=character)

    assert first.pk == second.pk
    assert CharacterImageJob.objects.count() == 1


def test_another_characters_picture_cannot_be_made_current(user: User) -> None:
    character = CharacterFactory(owner=user)
    other = CharacterFactory(owner=user)
    image = CharacterImage.objects.create(character=other, image="characters/x.png")

    with pytest.raises(NotFound):
        services.character_image_make_current(character=character, image_id=image.pk)


def test_drawing_from_a_photo_needs_the_photo_and_a_description(
    user: User, run: Callable[..., Any], scripted: RecordingProvider
) -> None:
    character = CharacterFactory(owner=user, description="")
    with pytest.raises(CharacterPhotoMissing):
        services.character_image_request(character=character, kind=CharacterImageJob.Kind.PHOTO)
    services.character_photo_store(character=character, upload=jpeg_upload())
    with pytest.raises(InvalidInput):
        services.character_image_request(character=character, kind=CharacterImageJob.Kind.PHOTO)

    job = run(
        services.character_image_request,
        character=character,
        kind=CharacterImageJob.Kind.PHOTO,
        description="a grandmother with silver curls",
    )

    job.refresh_from_db()
    assert job.status == CharacterImageJob.Status.DONE
    assert job.result.source == CharacterImage.Source.PHOTO
    assert "reference photo" in job.result.prompt_used
    assert scripted.references == [1]
    # The description override was for this drawing: the character keeps its own.
    assert Character.objects.get(pk=character.pk).description == ""


# --- The safety check ------------------------------------------------------------------------


def test_a_photo_that_fails_the_safety_check_is_not_kept(
    user: User, scripted: RecordingProvider
) -> None:
    character = CharacterFactory(owner=user)
    services.character_photo_store(character=character, upload=jpeg_upload("first.jpg"))
    kept = photos_of(character)
    scripted.picture_flags.append("")  # every picture blocks from now on

    with pytest.raises(PhotoUnsafe) as caught:
        services.character_photo_store(character=character, upload=jpeg_upload("second.jpg"))

    assert caught.value.status_code == 422
    assert photos_of(character) == kept  # the earlier photo stays, nothing else is written
    assert scripted.calls["picture-moderation"] == 2


def test_a_photo_is_not_kept_while_the_safety_check_is_down(
    user: User, scripted: RecordingProvider
) -> None:
    scripted.rules.append(
        lambda kind, scene: AIProviderUnavailable("down") if kind == "picture-moderation" else None
    )
    character = CharacterFactory(owner=user)
    before = photos_of(character)

    with pytest.raises(PhotoUnchecked) as caught:
        services.character_photo_store(character=character, upload=jpeg_upload())

    assert (caught.value.status_code, caught.value.headers) == (503, {"Retry-After": "60"})
    assert photos_of(character) == before
    assert Character.objects.get(pk=character.pk).photo_uploaded_at is None


def test_a_character_described_unsafely_is_not_drawn(
    user: User, run: Callable[..., Any], scripted: RecordingProvider
) -> None:
    character = CharacterFactory(owner=user, description="a pirate who wants to murder children")

    job = run(services.character_image_request, character=character)

    job.refresh_from_db()
    assert (job.status, job.error_code) == (CharacterImageJob.Status.FAILED, "blocked")
    assert "murder" not in job.error_message
    assert scripted.calls["sheet"] == 0
    assert Character.objects.get(pk=character.pk).current_image is None


def test_a_sheet_that_fails_the_safety_check_is_not_kept(
    user: User, run: Callable[..., Any], scripted: RecordingProvider
) -> None:
    character = CharacterFactory(owner=user, name="Mira", description="a girl with red hair")
    folder = media_path(services.character_media_folder(character.pk))
    files = sorted(folder.rglob("*")) if folder.exists() else []
    scripted.picture_flags.append("red hair")

    job = run(services.character_image_request, character=character)

    job.refresh_from_db()
    assert (job.status, job.error_code) == (CharacterImageJob.Status.FAILED, "blocked")
    assert scripted.calls["sheet"] == 1
    assert not CharacterImage.objects.filter(character=character).exists()
    assert (sorted(folder.rglob("*")) if folder.exists() else []) == files


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (AIProviderAuthFailed("bad key"), "auth"),
        (AIQuotaExhausted("no credit"), "quota"),
    ],
)
def test_permanent_provider_errors_fail_the_job_with_a_code(
    user: User,
    run: Callable[..., Any],
    scripted: RecordingProvider,
    error: Exception,
    code: str,
) -> None:
    scripted.rules.append(lambda kind, scene: error if kind == "sheet" else None)
    character = CharacterFactory(owner=user)

    job = run(services.character_image_request, character=character)

    job.refresh_from_db()
    assert job.status == CharacterImageJob.Status.FAILED
    assert job.error_code == code
    assert job.error_message
    assert Character.objects.get(pk=character.pk).current_image is None


def test_a_provider_that_stays_unavailable_fails_the_job_after_the_attempt_cap(
    user: User, run: Callable[..., Any], scripted: RecordingProvider, settings: Any
) -> None:
    settings.AI_MAX_ATTEMPTS = 3
    scripted.rules.append(
        lambda kind, scene: AIProviderUnavailable("busy") if kind == "sheet" else None
    )
    character = CharacterFactory(owner=user)

    job = run(services.character_image_request, character=character)

    job.refresh_from_db()
    assert job.status == CharacterImageJob.Status.FAILED
    assert job.error_code == "unavailable"
    assert job.attempts == 3
    assert scripted.calls["sheet"] == 3


def test_a_transient_error_is_retried_and_then_succeeds(
    user: User, run: Callable[..., Any], scripted: RecordingProvider
) -> None:
    failures = iter([AIProviderUnavailable("busy")])
    scripted.rules.append(lambda kind, scene: next(failures, None) if kind == "sheet" else None)
    character = CharacterFactory(owner=user)

    job = run(services.character_image_request, character=character)

    job.refresh_from_db()
    assert job.status == CharacterImageJob.Status.DONE
    assert job.attempts == 2


def test_a_finished_job_is_not_drawn_again(user: User, run: Callable[..., Any]) -> None:
    character = CharacterFactory(owner=user)
    job = run(services.character_image_request, character=character)

    services.character_image_draw(job_id=job.pk)

    assert character.images.count() == 1


def test_the_reconciler_sends_a_lost_job_again(user: User, run: Callable[..., Any]) -> None:
    character = CharacterFactory(owner=user)
    job = CharacterImageJob.objects.create(character=character)
    CharacterImageJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.STORYGEN_QUEUE_LEASE_SECONDS + 5)
    )

    sent = run(services.character_image_jobs_reconcile)

    assert sent == 1
    assert CharacterImageJob.objects.get(pk=job.pk).status == CharacterImageJob.Status.DONE


# --- Copies and deletion -------------------------------------------------------------------


def test_duplicate_is_a_real_copy_under_a_free_name(user: User, run: Callable[..., Any]) -> None:
    original = CharacterFactory(owner=user, name="Mira", age=9, key_traits="brave")
    run(services.character_image_request, character=original)
    run(services.character_image_request, character=original)
    original.refresh_from_db()
    services.character_photo_store(character=original, upload=jpeg_upload())

    copy = services.character_duplicate(character=original)
    second = services.character_duplicate(character=original)

    assert (copy.name, second.name) == ("Mira (copy)", "Mira (copy 2)")
    assert (copy.age, copy.key_traits) == (9, "brave")
    assert copy.images.count() == 2
    assert copy.current_image is not None
    assert copy.current_image.source == CharacterImage.Source.COPY
    source = original.current_image
    assert media_path(copy.current_image.image.name).read_bytes() == (
        media_path(source.image.name).read_bytes()
    )
    assert copy.current_image.image.name != source.image.name
    assert copy.current_image.image.name.startswith(f"characters/{copy.pk}/")
    assert copy.photo_uploaded_at is not None
    # The original is untouched.
    assert Character.objects.get(pk=original.pk).name == "Mira"


def test_deleting_a_character_removes_its_files_once_committed(
    user: User, run: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user)
    run(services.character_image_request, character=character)
    services.character_photo_store(character=character, upload=jpeg_upload())
    folder = media_path(services.character_media_folder(character.pk))
    photo_folder = settings.STORYGEN_PRIVATE_DIR / "characters" / str(user.pk) / str(character.pk)
    assert folder.is_dir()
    assert photo_folder.is_dir()

    run(services.character_delete, character=character)

    assert not Character.objects.filter(pk=character.pk).exists()
    assert not folder.exists()
    assert not photo_folder.exists()


# --- Characters of generated stories ------------------------------------------------------


def test_story_characters_join_the_library_with_their_own_copy_of_the_sheet(
    user: User, run: Callable[..., Any], story_request: dict[str, Any]
) -> None:
    task = run(story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY

    library = {character.name: character for character in Character.objects.filter(owner=user)}
    assert set(library) == {"Mira", "Pip"}
    mira = library["Mira"]
    assert mira.description == "a brave girl of nine"
    assert mira.age == 9
    assert mira.current_image is not None
    assert mira.current_image.source == CharacterImage.Source.STORY
    for name in files_of(mira.current_image):
        assert name.startswith(f"characters/{mira.pk}/")
    assert story.cast.get(name="Mira").character == mira

    # Deleting the story leaves the library's pictures in place.
    run(story_delete, story=story)
    assert media_path(Character.objects.get(pk=mira.pk).current_image.image.name).is_file()


def test_a_library_character_reused_in_a_story_keeps_its_sheet(
    user: User, run: Callable[..., Any], story_request: dict[str, Any]
) -> None:
    pip = CharacterFactory(owner=user, name="Pip")
    run(services.character_image_request, character=pip)
    pip.refresh_from_db()
    sheet = pip.current_image

    run(story_generation_start, owner=user, **story_request, character_ids=[pip.pk])

    pip.refresh_from_db()
    assert pip.current_image == sheet
    assert pip.images.count() == 1


def test_a_picture_style_must_be_one_of_the_active_styles(user: User) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.character_upsert(owner=user, name="Pip", fields={"image_style": "Crayon"})
    assert "image_style" in refused.value.errors
    character = CharacterFactory(owner=user)
    with pytest.raises(InvalidInput):
        services.character_update(character=character, fields={"image_style": "Crayon"})
    with pytest.raises(InvalidInput):
        services.character_image_request(character=character, image_style="Crayon")
    assert not CharacterImageJob.objects.exists()
