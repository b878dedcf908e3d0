"""Starting, resuming and deleting stories; safety holds; the cast snapshot; option lists."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.usage import quota_charge
from characters.models import Character
from stories import selectors
from stories.errors import StoryBriefUnsafe, StoryNotResumable, StoryTitleTaken
from stories.models import GenerationTask, Page, StepStatus, Story, StoryCharacter
from stories.services.steps import run_unsent
from stories.services.versions import story_version_bump
from stories.signals import story_held
from storygen.ai import active_provider_name
from storygen.ai.drafts import needs_picture
from storygen.ai.types import CharacterBrief, StoryBrief
from storygen.dispatch import send_on_commit
from storygen.exceptions import InvalidInput, NotFound
from storygen.media import remove_tree
from storygen.option_lists import options_validate
from storygen.refusals import unsafe_refuse
from storygen.safety import Screening, refusal_message, screen_brief

logger = logging.getLogger(__name__)

#: Story field → the option list its value must come from.
STORY_LIST_FIELDS = {
    "genre": "genres",
    "writing_style": "writing_styles",
    "image_style": "image_styles",
    "word_to_picture_ratio": "word_to_picture_ratio",
    "text_density": "text_density",
    "font_family": "font_families",
}
CHARACTER_FIELDS = (
    "description",
    "age",
    "gender",
    "physical_appearance",
    "clothing_style",
    "personality",
    "key_traits",
    "background",
)
#: Fields a library character fills in when the story's entry leaves them empty.
LIBRARY_FIELDS = ("description", "age", "gender", "clothing_style", "key_traits")
LAYOUT_FIELDS = (
    "page_format",
    "layout_mode",
    "font_family",
    "font_size",
    "font_color",
    "text_position",
    "text_box_opacity",
)


def story_media_folder(story_id: int) -> str:
    return f"stories/{story_id}"


def story_options_validate(values: Mapping[str, Any]) -> None:
    """Check a story's list-backed values against their option lists (see
    storygen.option_lists.options_validate). Raises InvalidInput naming every bad field."""
    options_validate(values, lists=STORY_LIST_FIELDS)


def _merge_cast(
    entries: Iterable[Mapping[str, Any]], library: Iterable[Character]
) -> list[dict[str, Any]]:
    """The story's cast: its own entries, enriched by (or extended with) library characters.

    An entry whose name matches a chosen library character (ignoring case and spaces)
    takes the library's values for the fields it left empty and reuses its sheet; chosen
    characters not named in the entries join the cast after them.
    """
    cast: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}
    for entry in entries:
        row = {"name": entry["name"].strip(), "character": None, "library_image": None}
        row.update({field: entry.get(field) for field in CHARACTER_FIELDS})
        key = row["name"].casefold()
        if key in by_name:
            raise InvalidInput(
                errors={"main_characters": [f"'{row['name']}' appears twice: one entry each."]}
            )
        by_name[key] = row
        cast.append(row)
    for character in library:
        found = by_name.get(character.name.strip().casefold())
        if found is not None:
            row = found
        else:
            row = {"name": character.name, **dict.fromkeys(CHARACTER_FIELDS)}
            by_name[character.name.strip().casefold()] = row
            cast.append(row)
        for field in LIBRARY_FIELDS:
            if row.get(field) in (None, ""):
                row[field] = getattr(character, field)
        row["character"] = character
        row["library_image"] = character.current_image
    if len(cast) > settings.MAX_STORY_CHARACTERS:
        raise InvalidInput(
            errors={
                "main_characters": [
                    f"A story can have at most {settings.MAX_STORY_CHARACTERS} characters."
                ]
            }
        )
    return cast


def _library_characters(owner: User, ids: Iterable[int]) -> list[Character]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {
        c.pk: c
        for c in Character.objects.filter(owner=owner, pk__in=wanted).select_related(
            "current_image"
        )
    }
    if len(found) != len(wanted):
        raise NotFound("Character not found.")
    return [found[pk] for pk in wanted]


def _draft_links_kept(
    owner: User, draft_id: int | None, entries: Iterable[Mapping[str, Any]]
) -> list[int]:
    """The library characters the draft's cast came from that ``entries`` still name.

    A client that sends a draft's cast back by name only (the reference product's wizard
    does, without the library ids) keeps reusing those characters and their sheets.
    """
    if draft_id is None:
        return []
    named = {str(entry["name"]).strip().casefold() for entry in entries}
    linked = Character.objects.filter(
        owner=owner,
        appearances__story__pk=draft_id,
        appearances__story__owner=owner,
        appearances__story__status=Story.Status.DRAFT,
    ).distinct()
    return [character.pk for character in linked if character.name.strip().casefold() in named]


def _cast_create(story: Story, cast: list[dict[str, Any]]) -> None:
    StoryCharacter.objects.bulk_create(
        StoryCharacter(
            story=story,
            position=position,
            name=row["name"],
            character=row.get("character"),
            library_image=row.get("library_image"),
            **{
                field: row.get(field) or ("" if field != "age" else None)
                for field in CHARACTER_FIELDS
            },
        )
        for position, row in enumerate(cast)
    )


def _dispatch_run(task: GenerationTask) -> None:
    from stories import tasks

    GenerationTask.objects.filter(pk=task.pk).update(dispatched_at=timezone.now())
    send_on_commit(tasks.story_generate, str(task.pk), unsent=run_unsent(task.pk))


def _pictures_planned(num_pages: int, word_to_picture_ratio: str) -> int:
    """The pictures a story's pages take (the cover and every illustrated page), by the
    rule the writing follows."""
    layout = StoryBrief(
        title="",
        genre="",
        outline="",
        num_pages=num_pages,
        word_to_picture_ratio=word_to_picture_ratio,
    )
    return sum(needs_picture(layout, number) for number in range(num_pages + 1))


def _story_fields(
    *,
    title: str,
    genre: str,
    story_outline: str,
    num_pages: int,
    tone: str,
    setting: str,
    writing_style: str,
    image_style: str,
    word_to_picture_ratio: str,
    text_density: str,
    editor_settings: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The Story fields of a brief, with empty options falling back to the defaults."""
    layout: dict[str, Any] = dict(editor_settings or {})
    fields: dict[str, Any] = {
        "title": title.strip(),
        "genre": genre,
        "outline": story_outline.strip(),
        "num_pages": num_pages,
        "tone": tone or "",
        "setting": setting or "",
        "writing_style": writing_style or "",
        "image_style": image_style or "Default",
        "word_to_picture_ratio": word_to_picture_ratio or "One image per page",
        "text_density": text_density or "Concise (~30-50 words)",
        **{key: layout[key] for key in LAYOUT_FIELDS if layout.get(key) is not None},
    }
    story_options_validate(fields)
    return fields


def _locked_draft(owner: User, draft_id: int | None) -> Story | None:
    if draft_id is None:
        return None
    draft = (
        Story.objects.select_for_update()
        .filter(pk=draft_id, owner=owner, status=Story.Status.DRAFT, is_deleted=False)
        .first()
    )
    if draft is None:
        raise NotFound("Draft not found.")
    return draft


def _story_save(
    owner: User, draft: Story | None, fields: dict[str, Any], cast: list[dict[str, Any]]
) -> Story:
    """Create the story, or overwrite the draft with ``fields`` and replace its cast."""
    if fields["title"] and selectors.story_title_taken(
        user=owner, title=fields["title"], exclude_id=draft.pk if draft else None
    ):
        raise StoryTitleTaken()
    if draft is None:
        story = Story.objects.create(owner=owner, **fields)
    else:
        story = draft
        for key, value in fields.items():
            setattr(story, key, value)
        story.save()
        story_version_bump(story=story)
        story.cast.all().delete()
        story.pages.all().delete()
    _cast_create(story, cast)
    return story


def story_brief_screen(
    *, fields: Mapping[str, Any], cast: Iterable[Mapping[str, Any]]
) -> Screening:
    """Check a story's brief for safety: ``fields`` as a Story holds them (title, outline,
    setting, tone) and its cast (name and CHARACTER_FIELDS each). Calls the moderation."""
    characters = [
        CharacterBrief(
            name=row["name"],
            description=row.get("description") or "",
            age=row.get("age") or None,
            gender=row.get("gender") or "",
            physical_appearance=row.get("physical_appearance") or "",
            clothing_style=row.get("clothing_style") or "",
            personality=row.get("personality") or "",
            key_traits=row.get("key_traits") or "",
            background=row.get("background") or "",
        )
        for row in cast
    ]
    return screen_brief(
        title=fields.get("title") or "",
        outline=fields.get("outline") or "",
        setting=fields.get("setting") or "",
        tone=fields.get("tone") or "",
        characters=characters,
    )


def _brief_refuse_unsafe(
    owner: User, fields: Mapping[str, Any], cast: list[dict[str, Any]]
) -> None:
    """Refuse a brief that does not pass, before anything is made of it.

    One the moderation cannot check now goes on: the run checks it again before writing
    and holds the story until it can (fail closed, without turning the person away).
    """
    screening = story_brief_screen(fields=fields, cast=cast)
    if screening.flagged:
        story_held.send(sender=Story, stage="input")
    fields_named = {
        "the title": "title",
        "the outline": "story_outline",
        "the setting": "setting",
        "the tone": "tone",
        **{f"the character {row['name']}": "main_characters" for row in cast},
    }
    unsafe_refuse(
        screening,
        error=StoryBriefUnsafe,
        entry_point="story",
        user_id=owner.pk,
        fields=fields_named,
        default_field="story_outline",
    )
    if screening.unavailable:
        logger.info("brief of user %s left for the run to check: moderation unavailable", owner.pk)


def story_generation_start(
    *,
    owner: User,
    title: str = "",
    genre: str,
    story_outline: str,
    num_pages: int,
    main_characters: Iterable[Mapping[str, Any]] = (),
    character_ids: Iterable[int] = (),
    tone: str = "",
    setting: str = "",
    writing_style: str = "",
    image_style: str = "Default",
    word_to_picture_ratio: str = "One image per page",
    text_density: str = "Concise (~30-50 words)",
    editor_settings: Mapping[str, Any] | None = None,
    draft_id: int | None = None,
) -> GenerationTask:
    """Create the story (or finalize the draft ``draft_id`` into it) and queue its generation.

    The story and its pictures (cover, pages, and a sheet for each character without one)
    are charged to the owner's quotas. Once the quotas allow it, the brief is checked for
    safety: one that blocks raises StoryBriefUnsafe, saying what stopped it, and nothing is
    created or charged; one the moderation cannot check now is saved all the same, for the
    run to check and hold. Nothing else reaches the AI here: the run starts in a worker once
    the story is saved (and checks the brief again). Raises NotFound (an unknown character
    or draft), InvalidInput (options, cast), StoryTitleTaken, StoryBriefUnsafe, and the
    quota errors of accounts.errors (over a limit, or the daily AI budget spent).
    """
    fields = _story_fields(
        title=title,
        genre=genre,
        story_outline=story_outline,
        num_pages=num_pages,
        tone=tone,
        setting=setting,
        writing_style=writing_style,
        image_style=image_style,
        word_to_picture_ratio=word_to_picture_ratio,
        text_density=text_density,
        editor_settings=editor_settings,
    )
    entries = list(main_characters)
    library_ids = [*character_ids, *_draft_links_kept(owner, draft_id, entries)]
    cast = _merge_cast(entries, _library_characters(owner, library_ids))
    sheets = sum(row.get("library_image") is None for row in cast)
    pictures = _pictures_planned(num_pages, fields["word_to_picture_ratio"]) + sheets
    # An account over its limits asks nothing of the AI, not even the safety check; the
    # check runs outside any transaction, so no row stays locked while it answers.
    with transaction.atomic():
        quota_charge(user=owner, stories=1, pictures=pictures, run=True)
        transaction.set_rollback(True)  # only a check: the charge is made with the story
    _brief_refuse_unsafe(owner, fields, cast)
    return _story_queue(owner, fields, cast, pictures=pictures, draft_id=draft_id)


@transaction.atomic
def _story_queue(
    owner: User,
    fields: dict[str, Any],
    cast: list[dict[str, Any]],
    *,
    pictures: int,
    draft_id: int | None,
) -> GenerationTask:
    """Charge the quotas, save the story and its cast, and queue its run."""
    draft = _locked_draft(owner, draft_id)
    quota_charge(user=owner, stories=1, pictures=pictures, run=True)
    provider = active_provider_name()
    fields.update(status=Story.Status.QUEUED, provider=provider)
    story = _story_save(owner, draft, fields, cast)
    task = GenerationTask.objects.create(story=story, user=owner)
    _dispatch_run(task)
    logger.info(
        "story %s queued: task=%s pages=%s characters=%s provider=%s draft=%s",
        story.pk,
        task.pk,
        fields["num_pages"],
        len(cast),
        provider,
        draft_id is not None,
    )
    return task


@transaction.atomic
def story_draft_save(
    *,
    owner: User,
    title: str = "",
    genre: str,
    story_outline: str,
    num_pages: int = 5,
    main_characters: Iterable[Mapping[str, Any]] = (),
    character_ids: Iterable[int] = (),
    tone: str = "",
    setting: str = "",
    writing_style: str = "",
    image_style: str = "Default",
    word_to_picture_ratio: str = "One image per page",
    text_density: str = "Concise (~30-50 words)",
    editor_settings: Mapping[str, Any] | None = None,
    draft_id: int | None = None,
) -> Story:
    """Save an unfinished brief as a draft (new, or overwriting the draft ``draft_id``).

    Nothing is generated. The draft later becomes the story itself through
    ``story_generation_start(draft_id=...)``. Raises what story_generation_start raises.
    """
    fields = _story_fields(
        title=title,
        genre=genre,
        story_outline=story_outline,
        num_pages=num_pages,
        tone=tone,
        setting=setting,
        writing_style=writing_style,
        image_style=image_style,
        word_to_picture_ratio=word_to_picture_ratio,
        text_density=text_density,
        editor_settings=editor_settings,
    )
    entries = list(main_characters)
    library_ids = [*character_ids, *_draft_links_kept(owner, draft_id, entries)]
    cast = _merge_cast(entries, _library_characters(owner, library_ids))
    draft = _locked_draft(owner, draft_id)
    fields.update(status=Story.Status.DRAFT, provider="")
    story = _story_save(owner, draft, fields, cast)
    logger.info("story %s saved as a draft: characters=%s", story.pk, len(cast))
    return story


def _saved_brief(story: Story) -> dict[str, Any]:
    """The brief the story holds, as story_draft_save's keyword arguments."""
    return {
        "title": story.title,
        "genre": story.genre,
        "story_outline": story.outline,
        "num_pages": story.num_pages,
        "tone": story.tone,
        "setting": story.setting,
        "writing_style": story.writing_style,
        "image_style": story.image_style,
        "word_to_picture_ratio": story.word_to_picture_ratio,
        "text_density": story.text_density,
        "editor_settings": {key: getattr(story, key) for key in LAYOUT_FIELDS},
        # Library characters stay linked through their names (see _draft_links_kept).
        "main_characters": [
            {"name": member.name, **{field: getattr(member, field) for field in CHARACTER_FIELDS}}
            for member in story.cast.all()
        ],
    }


@transaction.atomic
def story_draft_update(*, owner: User, draft_id: int, changes: Mapping[str, Any]) -> Story:
    """Change the fields of the owner's draft ``draft_id`` named in ``changes`` (any of
    story_draft_save's keyword arguments but ``owner`` and ``draft_id``); the others keep
    their saved values.

    The ``editor_settings`` keys sent replace the draft's and the others stay; a
    ``main_characters`` list sent replaces the cast. The draft stays a draft: only
    ``story_generation_start(draft_id=...)`` turns it into a story. Raises NotFound when
    ``draft_id`` is not one of the owner's drafts, and what story_draft_save raises.
    """
    draft = _locked_draft(owner, draft_id)
    if draft is None:
        raise NotFound("Draft not found.")
    brief = _saved_brief(draft)
    unknown = set(changes) - {*brief, "character_ids"}
    if unknown:
        raise TypeError(f"not fields of a draft: {sorted(unknown)}")
    layout = dict(changes.get("editor_settings") or {})
    brief.update({key: value for key, value in changes.items() if key != "editor_settings"})
    brief["editor_settings"] = {
        **brief["editor_settings"],
        **{key: value for key, value in layout.items() if value is not None},
    }
    return story_draft_save(owner=owner, draft_id=draft_id, **brief)


@transaction.atomic
def story_resume(*, story: Story) -> GenerationTask:
    """Start a run that redraws only what is missing: text, failed sheets, failed pages.

    The pictures it draws again are charged to the owner's quotas first. Raises
    StoryNotResumable when the story is a draft, is already generating, or lacks nothing,
    and the quota errors of accounts.errors.
    """
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.status == Story.Status.DRAFT:
        raise StoryNotResumable("A draft is generated, not resumed.")
    if story.status == Story.Status.HELD:
        raise StoryNotResumable("This story is waiting for a safety review.")
    if story.status == Story.Status.REFUSED:
        raise StoryNotResumable(
            "This story cannot be made. Start a new one with a different brief."
        )
    if GenerationTask.objects.filter(
        story=story, status__in=[GenerationTask.Status.PENDING, GenerationTask.Status.IN_PROGRESS]
    ).exists():
        raise StoryNotResumable("This story is already being generated.")
    unfinished = [StepStatus.FAILED, StepStatus.BLOCKED, StepStatus.PENDING, StepStatus.RUNNING]
    has_pages = story.pages.exists()
    pages = Page.objects.filter(story=story, status__in=unfinished)
    sheets = StoryCharacter.objects.filter(story=story, status__in=unfinished)
    if has_pages and not pages.exists() and not sheets.exists():
        raise StoryNotResumable("Nothing to resume: every page is already drawn.")
    redrawn = (
        pages.exclude(image_description="").count()
        if has_pages
        else _pictures_planned(story.num_pages, story.word_to_picture_ratio)
    )
    drawn_sheets = sheets.filter(library_image__isnull=True).count()
    quota_charge(user=story.owner, pictures=redrawn + drawn_sheets, run=True)
    reset = {"status": StepStatus.PENDING, "attempts": 0, "lease_until": None, "last_error": ""}
    pages.update(**reset)
    sheets.update(**reset)
    task = GenerationTask.objects.create(
        story=story,
        user=story.owner,
        text_status=StepStatus.DONE if has_pages else StepStatus.PENDING,
    )
    story.status = Story.Status.QUEUED
    story.provider = active_provider_name()
    story_version_bump(story=story, fields=["status", "provider"])
    _dispatch_run(task)
    logger.info("story %s resumed: task=%s", story.pk, task.pk)
    return task


@transaction.atomic
def story_delete(*, story: Story) -> None:
    """Delete a story with its pages, cast and runs; its files go once the delete commits.

    A run still in flight finds its rows gone and stops without drawing more.
    """
    folder = story_media_folder(story.pk)
    story_id = story.pk
    story.delete()
    transaction.on_commit(lambda: remove_tree(folder))
    logger.info("story %s deleted", story_id)


# --- safety holds ---------------------------------------------------------------------------

#: What the owner reads about a story whose brief the safety check refused.
REFUSED_MESSAGE = (
    "We can't make this story: something in its title, outline or characters isn't right "
    "for a children's picture book. Nothing was written. Please start again with a "
    "different brief."
)


def refused_message(screening: Screening) -> str:
    """What the owner reads about a story whose brief the run's safety check refused: what
    stopped it and what to change (storygen.safety.refusal_message)."""
    return (
        f"We can't make this story. {refusal_message(screening)} Nothing was written: "
        "please start again with a different brief."
    )


#: What the owner reads about a story held for a review.
HELD_MESSAGE = (
    "This story is waiting for a safety review before it can be read. Our moderators look "
    "at it soon; you don't need to do anything."
)
#: What the owner reads about a story waiting for the safety check to come back.
HELD_OUTAGE_MESSAGE = (
    "Our safety check isn't answering right now, so this story waits until it has been "
    "checked. It is released by itself as soon as the check is back."
)


def _latest_run(story: Story) -> GenerationTask | None:
    return (
        GenerationTask.objects.select_for_update()
        .filter(story=story)
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def story_hold(*, story_id: int, message: str) -> bool:
    """Hold the story back from every reader (status ``held``) with ``message`` for its owner.

    Its latest run carries the message; a run that has not started yet is no longer
    re-sent by the generation reconciler (the moderation reconciler owns it now). A refused
    story stays refused. Returns whether the story exists and is held. Idempotent.
    """
    story = Story.objects.select_for_update().filter(pk=story_id).first()
    if story is None or story.status == Story.Status.REFUSED:
        return False
    if story.status != Story.Status.HELD:
        story.status = Story.Status.HELD
        story.save(update_fields=["status", "updated_at"])
    task = _latest_run(story)
    if task is not None:
        task.error_message = message
        fields = ["error_message", "updated_at"]
        if task.status == GenerationTask.Status.PENDING:
            task.dispatched_at = None
            fields.append("dispatched_at")
        task.save(update_fields=fields)
    logger.info("story %s held", story_id)
    return True


@transaction.atomic
def story_refuse(*, story_id: int, message: str = REFUSED_MESSAGE) -> None:
    """Refuse a story whose brief failed the safety check: nothing is (or will be) written.

    The story ends ``refused`` and its unfinished run ``failed`` with ``message``.
    """
    story = Story.objects.select_for_update().filter(pk=story_id).first()
    if story is None:
        return
    story.status = Story.Status.REFUSED
    story.save(update_fields=["status", "updated_at"])
    story_runs_stop(story_id=story_id, message=message)
    logger.info("story %s refused by the safety check", story_id)


def story_runs_stop(*, story_id: int, message: str) -> int:
    """End the story's unfinished runs as failed with ``message``; returns how many.

    Their steps still in a queue find the run failed and draw nothing more. Call it in the
    transaction that decided the story must not go on.
    """
    now = timezone.now()
    stopped = GenerationTask.objects.filter(
        story_id=story_id,
        status__in=[GenerationTask.Status.PENDING, GenerationTask.Status.IN_PROGRESS],
    ).update(
        status=GenerationTask.Status.FAILED,
        error_message=message,
        last_error=message,
        completed_at=now,
        dispatched_at=None,
        updated_at=now,
    )
    if stopped:
        logger.info("story %s: %s unfinished run(s) stopped", story_id, stopped)
    return stopped


def _undrawn_message(undrawn: int) -> str:
    if not undrawn:
        return ""
    return (
        f"Finished with {undrawn} picture{'s' if undrawn != 1 else ''} missing. "
        "Use “Retry missing pages” to draw them again."
    )


@transaction.atomic
def story_unhold(*, story_id: int) -> Story | None:
    """Let a held story go on: its run starts or carries on, or it becomes readable.

    A run not started yet is queued and sent; a run in progress carries on (and finishes
    the story itself); otherwise the story becomes ``ready``, or ``partial`` when pictures
    are missing. A story that is not held is left alone. Returns the story, None if gone.
    """
    story = Story.objects.select_for_update().filter(pk=story_id).first()
    if story is None or story.status != Story.Status.HELD:
        return story
    task = _latest_run(story)
    if task is not None and task.status == GenerationTask.Status.PENDING:
        story.status = Story.Status.QUEUED
        task.error_message = ""
        task.save(update_fields=["error_message", "updated_at"])
        _dispatch_run(task)
    elif task is not None and task.status == GenerationTask.Status.IN_PROGRESS:
        story.status = Story.Status.GENERATING
        task.error_message = ""
        task.save(update_fields=["error_message", "updated_at"])
    else:
        pages = list(Page.objects.filter(story=story))
        undrawn = sum(bool(p.image_description) and p.status != StepStatus.DONE for p in pages)
        if not pages:
            story.status = Story.Status.FAILED
        else:
            story.status = Story.Status.PARTIAL if undrawn else Story.Status.READY
        if task is not None:
            task.error_message = _undrawn_message(undrawn)
            task.failed_pages_count = undrawn
            task.save(update_fields=["error_message", "failed_pages_count", "updated_at"])
    story.save(update_fields=["status", "updated_at"])
    logger.info("story %s released: %s", story_id, story.status)
    return story
