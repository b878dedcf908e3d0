"""Changes to the character library: upsert, edit, copy, delete, photos and new sheets.

Pictures of a character live in its own media folder (``characters/<id>/``), so a story
being deleted never takes a library picture with it, and a library edit never changes a
story (stories keep their own copies).
"""

from __future__ import annotations

import contextlib
import filecmp
import logging
import random
import shutil
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.usage import quota_charge, usage_spend_record
from characters import photos, prompts
from characters.errors import (
    CharacterNameTaken,
    CharacterPhotoMissing,
    CharacterUnsafe,
    PhotoUnchecked,
    PhotoUnsafe,
)
from characters.models import Character, CharacterImage, CharacterImageJob
from storygen import safety
from storygen.ai import (
    AIProviderError,
    AIProviderUnavailable,
    get_provider,
)
from storygen.ai.errors import failure_code
from storygen.ai.types import CharacterBrief, Scene
from storygen.dispatch import send_on_commit
from storygen.exceptions import InvalidInput, NotFound
from storygen.jobs import (
    RetryLater,
    job_claim,
    job_fail,
    job_mine,
    job_release,
    job_unsent,
    jobs_release,
    jobs_resend_waiting,
    jobs_stale,
    retry_delay,
)
from storygen.media import (
    StoredPicture,
    discard_picture,
    media_path,
    read_media,
    remove_tree,
    sniff_picture_type,
    store_picture,
)
from storygen.naming import copy_name
from storygen.option_lists import options_validate
from storygen.refusals import unsafe_refuse
from storygen.slots import PictureSlotsBusy, image_slot

logger = logging.getLogger(__name__)

#: A character's values that come from an option list: field → list name.
CHARACTER_LIST_FIELDS = {"image_style": "image_styles"}


#: The fields a user sets on a character besides its name.
CHARACTER_FIELDS = ("description", "age", "gender", "clothing_style", "key_traits", "image_style")
NAME_MAX_LENGTH = 100


def character_media_folder(character_id: int) -> str:
    return f"characters/{character_id}"


@dataclass(frozen=True)
class CharacterUpsert:
    character: Character
    created: bool
    job: CharacterImageJob | None


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(errors={"name": ["Give the character a name."]})
    return name


def _name_taken(owner: User, name: str, *, exclude_id: int | None = None) -> bool:
    others = Character.objects.filter(owner=owner, name_key=Character.key_for(name))
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    return others.exists()


def _check_style(image_style: str | None) -> None:
    """A picture style must be one of the active image styles (InvalidInput otherwise)."""
    if image_style:
        options_validate({"image_style": image_style}, lists=CHARACTER_LIST_FIELDS)


def _apply(character: Character, fields: Mapping[str, Any]) -> None:
    for key in CHARACTER_FIELDS:
        if key in fields:
            value = fields[key]
            setattr(character, key, value if value is not None or key == "age" else "")


#: The words a person types about a character, as the safety check names them, by field.
_CHARACTER_WORDS = {
    "name": "the name",
    "description": "the description",
    "gender": "the gender",
    "clothing_style": "the clothing style",
    "key_traits": "the key traits",
}


def _character_refuse_unsafe(owner: User, fields: Mapping[str, Any]) -> None:
    """Refuse what a person wrote about a character before it is saved or drawn
    (CharacterUnsafe); words the moderation cannot check now are left for the drawing job,
    which checks them again."""
    items = [
        (label, str(fields.get(field) or ""))
        for field, label in _CHARACTER_WORDS.items()
        if field in fields
    ]
    unsafe_refuse(
        safety.screen_texts(items, whole="the character as a whole"),
        error=CharacterUnsafe,
        entry_point="character",
        user_id=owner.pk,
        fields={label: field for field, label in _CHARACTER_WORDS.items()},
        default_field="description",
    )


def character_upsert(
    *,
    owner: User,
    name: str,
    fields: Mapping[str, Any] | None = None,
    generate_image: bool = False,
) -> CharacterUpsert:
    """Create the character, or update the owner's character of that name (any case).

    Only the keys present in ``fields`` change; omitted ones keep their values (a null
    clears one). With ``generate_image`` a reference sheet is queued (see
    character_image_request). What the person wrote is checked for safety first, outside
    any transaction. Raises InvalidInput for an empty name, CharacterUnsafe.
    """
    if generate_image:
        # An account out of pictures asks nothing of the AI, not even the safety check.
        with transaction.atomic():
            quota_charge(user=owner, pictures=1)
            transaction.set_rollback(True)  # only a check: the charge is made with the job
    _character_refuse_unsafe(owner, {**(fields or {}), "name": name})
    return _character_upsert(owner=owner, name=name, fields=fields, generate_image=generate_image)


@transaction.atomic
def _character_upsert(
    *,
    owner: User,
    name: str,
    fields: Mapping[str, Any] | None,
    generate_image: bool,
) -> CharacterUpsert:
    name = _clean_name(name)
    fields = fields or {}
    _check_style(fields.get("image_style"))
    key = Character.key_for(name)
    character = Character.objects.select_for_update().filter(owner=owner, name_key=key).first()
    created = character is None
    if character is None:
        character = Character(owner=owner, name=name, name_key=key)
        _apply(character, fields)
        try:
            with transaction.atomic():
                character.save()
        except IntegrityError:
            # Someone created the same name a moment ago: update theirs instead.
            character = Character.objects.select_for_update().get(owner=owner, name_key=key)
            created = False
    if not created:
        _apply(character, fields)
        character.save()
    job = character_image_request(character=character) if generate_image else None
    logger.info("character %s %s", character.pk, "created" if created else "updated")
    return CharacterUpsert(character=character, created=created, job=job)


def character_update(*, character: Character, fields: Mapping[str, Any]) -> Character:
    """Change the given fields (``name`` included), checked for safety first. Raises
    CharacterNameTaken, InvalidInput, CharacterUnsafe."""
    _character_refuse_unsafe(character.owner, fields)
    return _character_update(character=character, fields=fields)


@transaction.atomic
def _character_update(*, character: Character, fields: Mapping[str, Any]) -> Character:
    _check_style(fields.get("image_style"))
    if "name" in fields:
        name = _clean_name(str(fields["name"] or ""))
        if _name_taken(character.owner, name, exclude_id=character.pk):
            raise CharacterNameTaken()
        character.name = name
        character.name_key = Character.key_for(name)
    _apply(character, fields)
    try:
        with transaction.atomic():
            character.save()
    except IntegrityError as exc:  # a concurrent rename took the name
        raise CharacterNameTaken() from exc
    return character


@transaction.atomic
def character_delete(*, character: Character) -> None:
    """Delete the character, its sheet versions and its photo (files once this commits).

    Stories that used it keep their own copies of its details and sheet.
    """
    character_id, owner_id = character.pk, character.owner_id
    character.delete()

    def remove_files() -> None:
        remove_tree(character_media_folder(character_id))
        photos.photo_delete(owner_id=owner_id, character_id=character_id)

    transaction.on_commit(remove_files)
    logger.info("character %s deleted", character_id)


def _copy_picture(image: CharacterImage, folder: str) -> StoredPicture:
    """Copy an image's files (original, display, thumbnail, portrait) into ``folder`` under
    fresh names."""
    base = f"{folder}/{uuid.uuid4().hex}"
    names: dict[str, str] = {}
    for field, suffix in (
        ("image", ""),
        ("display", "-display"),
        ("thumbnail", "-thumb"),
        ("portrait", "-portrait"),
    ):
        source = getattr(image, field).name
        if not source:
            names[field] = ""
            continue
        target = f"{base}{suffix}{media_path(source).suffix}"
        destination = media_path(target)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(media_path(source), destination)
        names[field] = target
    return StoredPicture(
        original=names["image"],
        display=names["display"],
        thumbnail=names["thumbnail"],
        portrait=names["portrait"],
    )


def character_duplicate(*, character: Character) -> Character:
    """A real copy under a free name ("Name (copy)", "Name (copy 2)"…): fields, every sheet
    version (files copied, the current one current again) and the private photo."""
    owner = character.owner
    name = copy_name(
        character.name,
        is_taken=lambda candidate: _name_taken(owner, candidate),
        max_length=NAME_MAX_LENGTH,
    )
    images = list(character.images.order_by("created_at", "id"))
    with transaction.atomic():
        copy = Character.objects.create(
            owner=owner,
            name=name,
            name_key=Character.key_for(name),
            **{key: getattr(character, key) for key in CHARACTER_FIELDS},
        )
    folder = character_media_folder(copy.pk)
    try:
        with transaction.atomic():
            current = None
            for image in images:
                try:
                    stored = _copy_picture(image, folder)
                except (OSError, ValueError):
                    logger.warning("sheet %s of character %s is missing", image.pk, character.pk)
                    continue
                duplicate = CharacterImage.objects.create(
                    character=copy,
                    image=stored.original,
                    display=stored.display,
                    thumbnail=stored.thumbnail,
                    portrait=stored.portrait,
                    prompt_used=image.prompt_used,
                    image_style=image.image_style,
                    source=CharacterImage.Source.COPY,
                )
                if image.pk == character.current_image_id:
                    current = duplicate
            copy.current_image = current
            if photos.photo_copy(
                owner_id=owner.pk, from_character_id=character.pk, to_character_id=copy.pk
            ):
                copy.photo_uploaded_at = character.photo_uploaded_at
            copy.save()
    except Exception:
        copy.delete()
        remove_tree(folder)
        photos.photo_delete(owner_id=owner.pk, character_id=copy.pk)
        raise
    logger.info("character %s duplicated as %s", character.pk, copy.pk)
    return copy


@transaction.atomic
def character_image_make_current(*, character: Character, image_id: int) -> Character:
    """Make one of the character's earlier sheets its current one. Raises NotFound."""
    image = CharacterImage.objects.filter(character=character, pk=image_id).first()
    if image is None:
        raise NotFound("Picture not found.")
    character.current_image = image
    character.save(update_fields=["current_image", "updated_at"])
    return character


def character_photo_store(*, character: Character, upload: UploadedFile) -> photos.StoredPhoto:
    """Keep an uploaded reference photo privately (validated, re-encoded, no metadata).

    The photo passes the safety check first, where the provider can moderate pictures.
    Returns what was stored (size and dimensions of the re-encoded JPEG). Raises the photo
    errors of characters.errors (too large, unsupported, invalid, unsafe, unchecked); a
    refused upload leaves any earlier photo in place.
    """
    stored = photos.photo_store(
        owner_id=character.owner_id,
        character_id=character.pk,
        upload=upload,
        inspect=_photo_screen,
    )
    character.photo_uploaded_at = timezone.now()
    character.save(update_fields=["photo_uploaded_at", "updated_at"])
    logger.info("character %s: photo stored", character.pk)
    return stored


def _photo_screen(data: bytes) -> None:
    screening = safety.screen_picture(data=data, mime="image/jpeg", text="", label="the photo")
    if screening.flagged:
        raise PhotoUnsafe()
    if not screening.clear:
        raise PhotoUnchecked()


@transaction.atomic
def character_photo_delete(*, character: Character) -> Character:
    character.photo_uploaded_at = None
    character.save(update_fields=["photo_uploaded_at", "updated_at"])
    owner_id, character_id = character.owner_id, character.pk
    transaction.on_commit(lambda: photos.photo_delete(owner_id=owner_id, character_id=character_id))
    return character


# --- New reference sheets, drawn by a worker ----------------------------------------------


@transaction.atomic
def character_image_request(
    *,
    character: Character,
    kind: str = CharacterImageJob.Kind.DESCRIPTION,
    description: str | None = None,
    addition: str = "",
    image_style: str | None = None,
) -> CharacterImageJob:
    """Queue a new reference sheet, drawn from the description or from the photo.

    ``description`` (instead of the character's own, as the API offers it), ``addition``
    (words added to the character's own, as the character page offers it: "wearing a red
    scarf" keeps everything else the description says) and ``image_style`` apply to this
    drawing only. A character already being drawn gets the running job back instead of a
    second one; a new one is charged to the owner's picture quota. Raises
    CharacterPhotoMissing (no photo), InvalidInput (no description to draw from a photo) and
    the quota errors of accounts.errors.
    """
    _check_style(image_style)
    character = Character.objects.select_for_update().get(pk=character.pk)
    active = CharacterImageJob.objects.filter(
        character=character,
        status__in=[CharacterImageJob.Status.PENDING, CharacterImageJob.Status.RUNNING],
    ).first()
    if active is not None:
        return active
    description = (description or "").strip()
    if addition.strip():
        description = description_with(description or character.description, addition)
    if kind == CharacterImageJob.Kind.PHOTO:
        if (
            character.photo_uploaded_at is None
            or not photos.photo_path(
                owner_id=character.owner_id, character_id=character.pk
            ).is_file()
        ):
            raise CharacterPhotoMissing()
        if not (description or character.description.strip()):
            raise InvalidInput(
                errors={"description": ["Describe the character to draw it from the photo."]}
            )
    quota_charge(user=character.owner, pictures=1)
    job = CharacterImageJob.objects.create(
        character=character,
        kind=kind,
        description=description,
        image_style=(image_style or "").strip(),
    )
    _send(job)
    logger.info("character %s: new sheet queued (%s, job %s)", character.pk, kind, job.pk)
    return job


def description_with(description: str, addition: str) -> str:
    """``description`` with ``addition`` after it, as one description to draw from."""
    base = description.strip().rstrip(".;, ")
    extra = addition.strip().rstrip(".")
    return f"{base}, {extra}" if base else extra


def _send(job: CharacterImageJob) -> None:
    from characters import tasks

    send_on_commit(tasks.character_image_draw, str(job.pk), unsent=job_unsent(_job(job.pk)))


def _job(job_id: uuid.UUID) -> QuerySet[CharacterImageJob]:
    return CharacterImageJob.objects.filter(pk=job_id)


def _fail(claimed: QuerySet[CharacterImageJob], code: str, message: str) -> None:
    job_fail(claimed, code=code, message=message)
    logger.info("character sheet job failed: %s", code)


def _brief(character: Character, description: str) -> CharacterBrief:
    return CharacterBrief(
        name=character.name,
        description=description,
        age=character.age,
        gender=character.gender,
        clothing_style=character.clothing_style,
        key_traits=character.key_traits,
    )


def _character_words(brief: CharacterBrief) -> str:
    """What the person wrote about a character, as one text for the safety check."""
    details = [brief.description, brief.gender, brief.clothing_style, brief.key_traits]
    if brief.age is not None:
        details.append(f"age {brief.age}")
    return f"{brief.name}: " + "; ".join(d for d in details if d)


def character_image_draw(*, job_id: uuid.UUID | str) -> None:
    """Draw the sheet a job asks for and make it the character's current one.

    Idempotent: a job that is done, failed or held by another worker is left alone.
    Transient provider errors raise RetryLater (the job goes back to waiting) until
    AI_MAX_ATTEMPTS; other provider errors fail the job with a code and a message.
    """
    job_id = uuid.UUID(str(job_id))
    claimed = job_claim(_job(job_id))
    if claimed is None:
        return
    job = CharacterImageJob.objects.select_related("character").get(pk=job_id)
    character = job.character
    description = job.description or character.description
    style = job.image_style or character.image_style or "Default"
    brief = _brief(character, description)
    words = _character_words(brief)
    if not safety.drawing_request_allowed(
        claimed,
        attempts=job.attempts,
        text=words,
        label="the character's description",
        what="this character's description",
    ):
        return
    prompt = prompts.sheet_prompt(brief, image_style=style)
    references: list[bytes] = []
    if job.kind == CharacterImageJob.Kind.PHOTO:
        photo = photos.photo_read(owner_id=character.owner_id, character_id=character.pk)
        if photo is None:
            _fail(claimed, "photo_missing", CharacterPhotoMissing.default_message)
            return
        references.append(photo)
        prompt = prompts.sheet_from_photo_prompt(brief, image_style=style)
    scene = Scene(
        kind="sheet",
        description=prompt,
        characters=(brief,),
        image_style=style,
        seed_key=f"character:{character.pk}:{job.pk}",
    )
    try:
        with image_slot():
            picture = get_provider().draw(
                prompt, size=settings.AI_SHEET_IMAGE_SIZE, references=references, scene=scene
            )
            # Spent once drawn, even if the check below fails and the drawing is retried.
            usage_spend_record(
                user_id=character.owner_id,
                input_tokens=picture.usage.input_tokens,
                output_tokens=picture.usage.output_tokens,
            )
            # Checked in the same slot, so checks never add to the provider's load.
            screening = safety.screen_picture(
                data=picture.data, mime=picture.mime, text=words, label="the new sheet"
            )
        if safety.drawing_withheld(claimed, screening=screening):
            return
        stored = store_picture(
            base=f"{character_media_folder(character.pk)}/{uuid.uuid4().hex}",
            data=picture.data,
            mime=picture.mime,
            portrait=picture.portrait,
        )
    except PictureSlotsBusy:
        # Every picture slot stayed busy: nothing was tried, so the attempt is refunded.
        delay = random.uniform(2.0, 6.0)
        job_release(claimed, delay=delay, refund=True)
        raise RetryLater(delay) from None
    except AIProviderUnavailable as exc:
        if job.attempts < settings.AI_MAX_ATTEMPTS:
            delay = retry_delay(exc, job.attempts)
            job_release(claimed, delay=delay)
            raise RetryLater(delay) from exc
        _fail(claimed, "unavailable", exc.message)
        return
    except AIProviderError as exc:
        _fail(claimed, failure_code(exc), exc.message)
        return
    _keep(job, claimed, stored, prompt, style, notice="\n".join(picture.notes))


def _keep(
    job: CharacterImageJob,
    claimed: QuerySet[CharacterImageJob],
    stored: StoredPicture,
    prompt: str,
    style: str,
    *,
    notice: str,
) -> None:
    with transaction.atomic():
        character = Character.objects.select_for_update().filter(pk=job.character_id).first()
        # Locked, so the claim cannot be handed on between this check and the end.
        still_ours = job_mine(claimed).select_for_update().exists()
        if character is None or not still_ours:
            transaction.on_commit(lambda: discard_picture(stored))
            return
        image = CharacterImage.objects.create(
            character=character,
            image=stored.original,
            display=stored.display,
            thumbnail=stored.thumbnail,
            portrait=stored.portrait,
            prompt_used=prompt,
            image_style=style,
            source=(
                CharacterImage.Source.PHOTO
                if job.kind == CharacterImageJob.Kind.PHOTO
                else CharacterImage.Source.GENERATED
            ),
        )
        character.current_image = image
        character.save(update_fields=["current_image", "updated_at"])
        job_mine(claimed).update(
            status=CharacterImageJob.Status.DONE,
            result=image,
            lease_until=None,
            claimed_by="",
            error_code="",
            error_message="",
            notice=notice,
            finished_at=timezone.now(),
        )
    logger.info("character %s: new sheet %s (job %s)", character.pk, image.pk, job.pk)


def character_image_jobs_resend() -> int:
    """Send waiting sheet drawings again once due: their messages may have been lost."""
    return jobs_resend_waiting(CharacterImageJob)


def character_image_jobs_release(*, worker_ids: Collection[str]) -> int:
    """Hand the sheet drawings of these stopped worker runs to whoever is free (sent by the
    next reconciler pass). Returns how many."""
    return jobs_release(CharacterImageJob, worker_ids=worker_ids)


def character_image_jobs_reconcile() -> int:
    """Send again the jobs a worker lost: waiting too long, or held past their lease."""
    stale = jobs_stale(CharacterImageJob)
    count = 0
    for job in stale:
        _send(job)
        count += 1
    return count


# --- Characters met in stories -------------------------------------------------------------


def character_keep_from_story(
    *,
    owner: User,
    name: str,
    details: Mapping[str, Any],
    sheet: str = "",
    portrait: str = "",
    sheet_is_current_of_library: int | None = None,
    image_style: str = "",
    checked: bool = True,
) -> Character | None:
    """Keep a character met in a story in its owner's library, with a copy of its sheet.

    The library character of the same name (any case) takes the non-empty ``details``
    (description, age, gender, clothing_style, key_traits); a new one is created otherwise.
    ``sheet`` is the media name of the story's drawn sheet: unless it came from the
    library picture ``sheet_is_current_of_library`` that is already the character's current
    one, or the character holds that very picture already (so keeping a cast again adds no
    copies), a copy of it (in the character's own folder, never a link to the story's
    private files) becomes current, drawn in ``image_style``, with a copy of its
    ``portrait`` (a media name too) if it has one. Details of a story whose brief has not
    passed the safety check (a draft's) come with ``checked=False`` and are checked first,
    outside any transaction: CharacterUnsafe. Returns None for a nameless character.
    """
    name = " ".join(name.split())
    if not name:
        return None
    fields = {key: value for key, value in details.items() if value not in (None, "")}
    if not checked:
        _character_refuse_unsafe(owner, {**fields, "name": name})
    with transaction.atomic():
        result = _character_upsert(owner=owner, name=name, fields=fields, generate_image=False)
        character = result.character
        reused = (
            sheet_is_current_of_library is not None
            and sheet_is_current_of_library == character.current_image_id
        )
        if sheet and not reused and not _holds_picture(character, sheet):
            stored = _copy_sheet(sheet, portrait, character)
            if stored is not None:
                _make_current(character, stored, image_style)
    return character


def character_image_from_story(
    *, character: Character, sheet: str, portrait: str = "", image_style: str = ""
) -> CharacterImage | None:
    """Give the character a copy of a story's sheet (media name ``sheet``) as its current
    picture, in its own folder, with the display copy, thumbnail and ``portrait`` every
    stored picture has.

    Returns None when the character was deleted meanwhile. Raises FileNotFoundError when
    the sheet's file is gone, OSError or ValueError when it cannot be read or stored, and
    AIProviderRejected when it is not a picture.
    """
    stored = _story_picture_copy(sheet, portrait, character)
    try:
        with transaction.atomic():
            locked = Character.objects.select_for_update().filter(pk=character.pk).first()
            if locked is None:
                transaction.on_commit(lambda: discard_picture(stored))
                return None
            image = _make_current(locked, stored, image_style)
    except BaseException:
        discard_picture(stored)
        raise
    character.current_image = image
    logger.info("character %s: sheet %s copied from a story", character.pk, image.pk)
    return image


def _make_current(character: Character, stored: StoredPicture, image_style: str) -> CharacterImage:
    image = CharacterImage.objects.create(
        character=character,
        image=stored.original,
        display=stored.display,
        thumbnail=stored.thumbnail,
        portrait=stored.portrait,
        image_style=image_style,
        source=CharacterImage.Source.STORY,
    )
    character.current_image = image
    character.save(update_fields=["current_image", "updated_at"])
    return image


def _holds_picture(character: Character, sheet: str) -> bool:
    """Whether one of the character's versions has the same bytes as the media ``sheet``."""
    try:
        source = media_path(sheet)
        names = CharacterImage.objects.filter(character=character).values_list("image", flat=True)
        for name in names:
            held = media_path(name)
            if held.is_file() and filecmp.cmp(source, held, shallow=False):
                return True
    except (OSError, ValueError):
        return False
    return False


def _story_picture_copy(sheet: str, portrait: str, character: Character) -> StoredPicture:
    data = read_media(sheet)
    face = None
    if portrait:
        # Without it the sheet's own thumbnail stands in, as for providers that draw none.
        with contextlib.suppress(OSError, ValueError):
            face = read_media(portrait)
    return store_picture(
        base=f"{character_media_folder(character.pk)}/{uuid.uuid4().hex}",
        data=data,
        mime=sniff_picture_type(data),
        portrait=face,
    )


def _copy_sheet(sheet: str, portrait: str, character: Character) -> StoredPicture | None:
    try:
        return _story_picture_copy(sheet, portrait, character)
    except (OSError, ValueError, AIProviderError):
        logger.warning("a story's sheet could not be copied to character %s", character.pk)
        return None
