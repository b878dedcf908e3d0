"""The generation pipeline: each step claims its work, calls the provider, records the result.

The database is the source of truth. A run moves forward through
:func:`generation_advance`, which reads the state of the story and sends whatever work can
start; every step calls it when it finishes, and the reconciler calls it for runs that
stalled. Steps claim their row (stories.services.steps), so a step delivered twice runs
once, and a step whose worker stopped runs again on another one.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.usage import usage_spend_record
from characters import prompts as character_prompts
from stories import prompts
from stories.layout import page_layout
from stories.models import (
    GenerationTask,
    Page,
    PageImage,
    StepStatus,
    Story,
    StoryCharacter,
    StoryReview,
)
from stories.services import safety as story_safety
from stories.services.library import cast_member_keep
from stories.services.pictures import page_image_next_version, page_image_record
from stories.services.steps import (
    Claim,
    Step,
    note_error,
    record_retry,
    run_unsent,
    runs_to_advance,
    step_unsent,
    text_step,
    text_unsent,
)
from stories.services.stories import story_media_folder
from stories.services.versions import story_version_bump
from storygen import safety
from storygen.ai import get_provider
from storygen.ai.base import AIProvider
from storygen.ai.errors import (
    AIContentBlocked,
    AIProviderError,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.ai.sizes import shaped_size
from storygen.ai.types import CharacterBrief, Picture, Scene, StoryBrief, StoryRequest, Usage
from storygen.dispatch import send_on_commit
from storygen.jobs import RetryLater, claim_token, queue_lease, retry_delay
from storygen.media import discard_picture, read_media, sniff_picture_type, store_picture
from storygen.slots import PictureSlotsBusy, image_slot

logger = logging.getLogger(__name__)

TERMINAL = {StepStatus.DONE, StepStatus.FAILED, StepStatus.BLOCKED}
UNDRAWN = {StepStatus.FAILED, StepStatus.BLOCKED}


# --- briefs -------------------------------------------------------------------------------


def character_brief(member: StoryCharacter) -> CharacterBrief:
    return CharacterBrief(
        name=member.name,
        description=member.description,
        age=member.age,
        gender=member.gender,
        physical_appearance=member.physical_appearance,
        clothing_style=member.clothing_style,
        personality=member.personality,
        key_traits=member.key_traits,
        background=member.background,
        has_reference=member.status == StepStatus.DONE and bool(member.sheet_display),
    )


def story_brief(story: Story, cast: list[StoryCharacter]) -> StoryBrief:
    """The typed brief the prompts and the providers work from."""
    return StoryBrief(
        title=story.title,
        genre=story.genre,
        outline=story.outline,
        num_pages=story.num_pages,
        characters=tuple(character_brief(member) for member in cast),
        tone=story.tone,
        setting=story.setting,
        writing_style=story.writing_style,
        image_style=story.image_style or "Default",
        word_to_picture_ratio=story.word_to_picture_ratio,
        text_density=story.text_density,
        text_position=story.text_position,
    )


# --- usage and provider errors --------------------------------------------------------------


def _count_usage(story_id: int, usage: Usage, calls: int, *, user_id: int | None = None) -> None:
    """Add a provider call's usage to the story's counters and its tokens to the spend of
    ``user_id`` (the run's user), which counts even when the story was deleted meanwhile;
    without it, the story's owner, if the story is still there."""
    Story.objects.filter(pk=story_id).update(
        ai_calls=F("ai_calls") + calls,
        ai_input_tokens=F("ai_input_tokens") + usage.input_tokens,
        ai_output_tokens=F("ai_output_tokens") + usage.output_tokens,
    )
    if not (usage.input_tokens or usage.output_tokens):
        return
    if user_id is None:
        user_id = Story.objects.filter(pk=story_id).values_list("owner_id", flat=True).first()
    if user_id is not None:
        usage_spend_record(
            user_id=user_id, input_tokens=usage.input_tokens, output_tokens=usage.output_tokens
        )


def _on_provider_error(step: Step, exc: AIProviderError) -> None:
    """Record a failed provider call; raises RetryLater when the step should run again."""
    if isinstance(exc, AIProviderUnavailable):
        used = step.attempts_used()
        if used < settings.AI_MAX_ATTEMPTS:
            delay = retry_delay(exc, used)
            step.release(delay)
            record_retry(step)
            note_error(step.task_id, exc.message)
            raise RetryLater(delay) from exc
        message = f"{exc.message} Gave up after {used} attempts."
        step.finish(StepStatus.FAILED, message)
    elif isinstance(exc, AIContentBlocked):
        message = exc.message
        step.finish(StepStatus.BLOCKED, message)
    else:
        message = exc.message
        step.finish(StepStatus.FAILED, message)
    note_error(step.task_id, message)
    if isinstance(exc, AIQuotaExhausted):
        logger.error("AI provider quota exhausted; run %s stopped", step.task_id)
        generation_abort(task_id=step.task_id, message=exc.message)
    else:
        generation_advance(task_id=step.task_id)


# --- the run ------------------------------------------------------------------------------


def _attempt_number(task: GenerationTask) -> int:
    """Which attempt at generating its story ``task`` is, once it starts: one more than the
    story's runs that started before it (a resume is a new run, so it counts one more; a
    run stopped before starting, at the safety gate say, never was an attempt)."""
    earlier = (
        GenerationTask.objects.filter(story_id=task.story_id, started_at__isnull=False)
        .exclude(pk=task.pk)
        .filter(created_at__lte=task.created_at)
    )
    return earlier.count() + 1


def generation_begin(*, task_id: uuid.UUID | str) -> None:
    """Start a queued run (idempotent) and send its first steps.

    The brief goes through the safety gate first: a brief that blocks refuses the story and
    one that cannot be checked holds it, and in both cases nothing is written or drawn.
    """
    pending = GenerationTask.objects.filter(
        pk=task_id, status=GenerationTask.Status.PENDING
    ).exists()
    if pending and not story_safety.brief_gate(task_id=task_id):
        logger.info("run %s stopped at the safety gate", task_id)
        return
    with transaction.atomic():
        task = GenerationTask.objects.select_for_update().filter(pk=task_id).first()
        if task is None or not task.is_active:
            return
        if task.status == GenerationTask.Status.PENDING:
            task.status = GenerationTask.Status.IN_PROGRESS
            task.started_at = timezone.now()
            task.current_step = GenerationTask.Step.INITIALIZING
            task.progress = max(task.progress, 1)
            task.attempts = _attempt_number(task)
            task.save(
                update_fields=[
                    "status",
                    "started_at",
                    "current_step",
                    "progress",
                    "attempts",
                    "updated_at",
                ]
            )
            Story.objects.filter(pk=task.story_id).update(
                status=Story.Status.GENERATING, updated_at=timezone.now()
            )
            logger.info("run %s started for story %s", task.pk, task.story_id)
    generation_advance(task_id=task.pk)


def _mark_sent(rows: QuerySet[Any], now: Any, until: Any) -> bool:
    """Mark a due step as sent (waiting until ``until``), unless a worker claimed it since
    it was read: a fresh claim is never turned back into waiting."""
    due = Q(status=StepStatus.PENDING) & (Q(lease_until__isnull=True) | Q(lease_until__lt=now))
    expired = Q(status=StepStatus.RUNNING, lease_until__lt=now)
    return bool(rows.filter(due | expired).update(status=StepStatus.PENDING, lease_until=until))


def _sendable(status: str, lease_until: Any, now: Any) -> bool:
    if status == StepStatus.PENDING:
        return lease_until is None or lease_until < now
    return status == StepStatus.RUNNING and lease_until is not None and lease_until < now


def _progress(text_done: bool, cast: list[StoryCharacter], pages: list[Page]) -> int:
    sheets = sum(member.status in TERMINAL for member in cast) / len(cast) if cast else 1.0
    illustrated = [page for page in pages if page.needs_picture]
    drawn = (
        sum(page.status in TERMINAL for page in illustrated) / len(illustrated)
        if illustrated
        else 1.0
    )
    progress = 5 + 20 * text_done + 10 * sheets + (65 * drawn if text_done else 0)
    return min(99, int(progress))


def _locked_run(task_id: uuid.UUID | str) -> GenerationTask | None:
    """The run (with its story), row-locked after its story's row: holds and releases take
    the story first too, so the end of a run and a release never wait on each other."""
    story_id = GenerationTask.objects.filter(pk=task_id).values_list("story_id", flat=True).first()
    if story_id is None:
        return None
    story_safety.story_lock(story_id)
    return (
        GenerationTask.objects.select_for_update()
        .select_related("story")
        .filter(pk=task_id)
        .first()
    )


def generation_advance(*, task_id: uuid.UUID | str) -> None:
    """Send every step of the run that can start now, or finish the run if nothing is left.

    Runs under a row lock on the run, so concurrent callers take turns; a step whose queue
    lease has not expired is not sent again. Safe to call any number of times.
    """
    from stories import tasks

    with transaction.atomic():
        task = _locked_run(task_id)
        if task is None or task.status != GenerationTask.Status.IN_PROGRESS:
            return
        story = task.story
        now = timezone.now()
        cast = list(StoryCharacter.objects.filter(story=story))
        pages = list(Page.objects.filter(story=story).defer("text", "original_text"))
        text_done = bool(pages)
        queued_until = now + queue_lease()

        if not text_done and task.text_status in UNDRAWN:
            _finish(task, story, pages)
            return
        if not text_done and _sendable(task.text_status, task.text_lease_until, now):
            task.text_status = StepStatus.PENDING
            task.text_lease_until = queued_until
            send_on_commit(tasks.story_write, str(task.pk), unsent=text_unsent(task.pk))

        for member in cast:
            sheet = StoryCharacter.objects.filter(pk=member.pk)
            if _sendable(member.status, member.lease_until, now) and _mark_sent(
                sheet, now, queued_until
            ):
                member.status = StepStatus.PENDING
                send_on_commit(tasks.sheet_draw, str(task.pk), member.pk, unsent=step_unsent(sheet))

        sheets_done = all(member.status in TERMINAL for member in cast)
        if text_done and sheets_done:
            for page in pages:
                picture = Page.objects.filter(pk=page.pk)
                if _sendable(page.status, page.lease_until, now) and _mark_sent(
                    picture, now, queued_until
                ):
                    page.status = StepStatus.PENDING
                    send_on_commit(
                        tasks.page_draw, str(task.pk), page.pk, unsent=step_unsent(picture)
                    )
            if all(page.status in TERMINAL for page in pages):
                _finish(task, story, pages)
                return

        if not text_done:
            step = GenerationTask.Step.GENERATING_TEXT
        elif not sheets_done:
            step = GenerationTask.Step.GENERATING_CHARACTER_IMAGES
        else:
            step = GenerationTask.Step.GENERATING_PAGE_IMAGES
        task.current_step = step
        task.progress = max(task.progress, _progress(text_done, cast, pages))
        task.save(
            update_fields=[
                "text_status",
                "text_lease_until",
                "current_step",
                "progress",
                "updated_at",
            ]
        )


def _finish(
    task: GenerationTask, story: Story, pages: list[Page], *, aborted: bool = False
) -> None:
    """End the run: ready, partial or failed. Called under the run's row lock."""
    now = timezone.now()
    undrawn = sum(page.needs_picture and page.status in UNDRAWN for page in pages)
    if not pages:
        story.status = Story.Status.FAILED
        task.status = GenerationTask.Status.FAILED
        task.error_message = task.last_error or "The story could not be written."
    else:
        story.status = Story.Status.PARTIAL if undrawn else Story.Status.READY
        story.generated_at = now
        task.status = GenerationTask.Status.FAILED if aborted else GenerationTask.Status.COMPLETED
        task.progress = 100
        if story_safety.story_under_review(story_id=story.pk):
            # Held for review (or until moderation is back): nobody reads it before then.
            story.status = Story.Status.HELD
            task.error_message = story_safety.held_message(story_id=story.pk)
        elif undrawn:
            task.error_message = (
                f"Finished with {undrawn} picture{'s' if undrawn != 1 else ''} missing. "
                "Use “Retry missing pages” to draw them again."
            )
            if aborted:
                task.error_message = f"{task.last_error} {task.error_message}"
        else:
            task.error_message = ""
    task.current_step = GenerationTask.Step.FINALIZING
    task.failed_pages_count = undrawn
    task.completed_at = now
    task.text_lease_until = None
    if task.started_at:
        task.duration_ms = max(0, int((now - task.started_at).total_seconds() * 1000))
    task.save()
    # The run wrote or drew what the editor shows: a version read before or during it is old.
    story_version_bump(story=story, fields=["status", "generated_at"], locked=False)
    logger.info(
        "run %s finished: story %s %s (%s missing, %s ms)",
        task.pk,
        story.pk,
        story.status,
        undrawn,
        task.duration_ms,
    )


def generation_abort(*, task_id: uuid.UUID | str, message: str) -> None:
    """Stop a run at once (the provider account is out of quota): fail what is left."""
    with transaction.atomic():
        task = _locked_run(task_id)
        if task is None or task.status != GenerationTask.Status.IN_PROGRESS:
            return
        unfinished = [StepStatus.PENDING, StepStatus.RUNNING]
        Page.objects.filter(story=task.story, status__in=unfinished).update(
            status=StepStatus.FAILED, lease_until=None, last_error=message
        )
        StoryCharacter.objects.filter(story=task.story, status__in=unfinished).update(
            status=StepStatus.FAILED, lease_until=None, last_error=message
        )
        if task.text_status != StepStatus.DONE:
            task.text_status = StepStatus.FAILED
        task.last_error = message
        pages = list(Page.objects.filter(story=task.story))
        _finish(task, task.story, pages, aborted=True)


def generation_reconcile() -> int:
    """Re-send work whose worker or message was lost. Returns how many runs it looked at.

    Runs queued too long ago get their start sent again; runs in progress with a step due
    (or nothing left but closing) are advanced, which sends those steps again.
    """
    from stories import tasks

    now = timezone.now()
    # Sent a queue lease ago and still not started (or the broker refused it); a run held
    # for a review has no dispatch time and is not sent.
    due = Q(dispatched_at__lt=now - queue_lease())
    stale = GenerationTask.objects.filter(due, status=GenerationTask.Status.PENDING)
    restarted = 0
    for task_id in stale.values_list("pk", flat=True):
        if GenerationTask.objects.filter(
            due, pk=task_id, status=GenerationTask.Status.PENDING
        ).update(dispatched_at=now):
            send_on_commit(tasks.story_generate, str(task_id), unsent=run_unsent(task_id))
            restarted += 1
    running = list(runs_to_advance().values_list("pk", flat=True))
    for task_id in running:
        generation_advance(task_id=task_id)
    if restarted:
        logger.warning("reconciler re-sent %s queued runs", restarted)
    return restarted + len(running)


# --- the steps ----------------------------------------------------------------------------


def story_write(*, task_id: uuid.UUID | str) -> None:
    """Write the story text and create its pages (idempotent: once per story).

    Raises RetryLater on a transient provider error; failures are recorded on the run.
    """
    task_id = uuid.UUID(str(task_id))
    step = text_step(task_id)
    claim = step.claim()
    if claim is Claim.EXHAUSTED:
        generation_advance(task_id=task_id)
    if claim is not Claim.CLAIMED:
        return
    with step.held():
        _story_write_claimed(step, task_id)


def _story_write_claimed(step: Step, task_id: uuid.UUID) -> None:
    """story_write's work, once its claim is held."""
    task = GenerationTask.objects.select_related("story").get(pk=task_id)
    story = task.story
    if story.pages.exists():
        step.finish(StepStatus.DONE)
        generation_advance(task_id=task_id)
        return
    cast = list(StoryCharacter.objects.filter(story=story))
    brief = story_brief(story, cast)
    request = StoryRequest(
        brief=brief,
        instructions=prompts.story_instructions(),
        prompt=prompts.story_prompt(brief),
        schema=prompts.story_schema(brief),
    )
    try:
        draft = get_provider().write_story(request)
    except AIProviderError as exc:
        if isinstance(exc, AIContentBlocked):
            exc = AIContentBlocked(
                "The AI's safety system declined to write this story. Try a gentler outline."
            )
        _on_provider_error(step, exc)
        return
    _count_usage(story.pk, draft.usage, 1, user_id=task.user_id)
    # Every page is checked before it exists, so no reader ever sees an unchecked one. A
    # story that blocks keeps its pages for the review but draws none of its pictures.
    screening = safety.screen_draft(title=draft.title or story.title, pages=draft.pages)
    try:
        with transaction.atomic():
            # The run may have ended while the text was being written (the provider account
            # ran out of quota, a moderator deleted the story), or this worker's claim may
            # have been handed to another one: then the text is not kept, and the story
            # stays in the one state its run ended in.
            run = _locked_run(task_id)
            if (
                run is None
                or run.status != GenerationTask.Status.IN_PROGRESS
                or not step.mine().exists()
            ):
                logger.info("run %s ended while its text was written; text not kept", task_id)
                return
            Page.objects.bulk_create(
                Page(
                    story=story,
                    number=page.number,
                    text=page.text,
                    original_text=page.text,
                    image_description=page.image_description or "",
                    original_image_description=page.image_description or "",
                    characters_in_scene=list(page.characters_in_scene),
                    status=_first_page_status(page.image_description, screening),
                    last_error=NOT_DRAWN_WHILE_HELD
                    if page.image_description and screening.flagged
                    else "",
                )
                for page in draft.pages
            )
            Story.objects.filter(pk=story.pk, title="").update(title=draft.title)
            step.finish(StepStatus.DONE)
            if not screening.clear:
                story_safety.story_hold_for_review(
                    story_id=story.pk,
                    run_id=task_id,
                    stage=StoryReview.Stage.CONTENT,
                    screening=screening,
                )
    except IntegrityError:
        # Another delivery of this step created the pages first; keep those.
        logger.info("pages of story %s already existed", story.pk)
    logger.info("story %s written: %s pages", story.pk, len(draft.pages))
    generation_advance(task_id=task_id)


NOT_DRAWN_WHILE_HELD = "Not drawn: the story's text is waiting for a safety review."


def _first_page_status(image_description: str | None, screening: safety.Screening) -> str:
    if not image_description:
        return StepStatus.DONE
    return StepStatus.FAILED if screening.flagged else StepStatus.PENDING


def _draw(provider: AIProvider, prompt: str, **options: Any) -> tuple[Picture, int]:
    """Draw under one global slot; a safety refusal gets one gentler rewording.

    Returns the picture and how many provider calls it took (at most two). Raises
    PictureSlotsBusy before any call when no slot frees up.
    """
    with image_slot():
        return _draw_in_slot(provider, prompt, **options)


def _draw_and_screen(
    provider: AIProvider, prompt: str, *, text: str, label: str, **options: Any
) -> tuple[Picture, int, safety.Screening]:
    """:func:`_draw`, then the picture's safety check (with ``text``, printed beside it) in
    the same slot, so checking pictures never adds to the provider's concurrent load."""
    with image_slot():
        picture, calls = _draw_in_slot(provider, prompt, **options)
        screening = safety.screen_picture(
            data=picture.data, mime=picture.mime, text=text, label=label
        )
    return picture, calls, screening


def _draw_in_slot(provider: AIProvider, prompt: str, **options: Any) -> tuple[Picture, int]:
    try:
        return provider.draw(prompt, **options), 1
    except AIContentBlocked:
        logger.info("picture refused by the safety system; trying a gentler wording once")
    return provider.draw(prompts.softened_prompt(prompt), **options), 2


def sheet_draw(*, task_id: uuid.UUID | str, member_id: int) -> None:
    """Give one cast member a reference sheet: copy the library's, or draw a new one."""
    task_id = uuid.UUID(str(task_id))
    step = Step(rows=StoryCharacter.objects.filter(pk=member_id), task_id=task_id)
    claim = step.claim()
    if claim is Claim.EXHAUSTED:
        generation_advance(task_id=task_id)
    if claim is not Claim.CLAIMED:
        return
    with step.held():
        _sheet_draw_claimed(step, task_id, member_id)


def _sheet_draw_claimed(step: Step, task_id: uuid.UUID, member_id: int) -> None:
    """sheet_draw's work, once its claim is held."""
    member = (
        StoryCharacter.objects.select_related("story", "library_image").filter(pk=member_id).first()
    )
    if member is None:
        return
    story = member.story
    # One file name per claim: a worker whose claim was handed on never touches the files of
    # the one that took it over.
    base = f"{story_media_folder(story.pk)}/cast/{member.pk}-sheet-{claim_token(step.mark)}"
    library = member.library_image
    data: bytes | None = None
    portrait: bytes | None = None
    if library is not None and library.image.name:
        try:
            data = read_media(library.image.name)
        except (OSError, ValueError):
            logger.warning("library sheet of cast member %s is missing; drawing one", member.pk)
    if data is not None and library is not None and library.portrait.name:
        # Without it the sheet alone still draws the pages; its thumbnail stands in.
        with contextlib.suppress(OSError, ValueError):
            portrait = read_media(library.portrait.name)
    if data is not None:
        picture, calls = Picture(data=data, mime=sniff_picture_type(data), portrait=portrait), 0
    else:
        brief = character_brief(member)
        prompt = character_prompts.sheet_prompt(brief, image_style=story.image_style)
        scene = Scene(
            kind="sheet",
            description=prompt,
            characters=(brief,),
            setting=story.setting,
            image_style=story.image_style,
            story_title=story.title,
            seed_key=f"sheet:{story.pk}:{member.pk}",
        )
        try:
            picture, calls = _draw(
                get_provider(), prompt, size=settings.AI_SHEET_IMAGE_SIZE, scene=scene
            )
        except PictureSlotsBusy:
            raise step.postpone() from None
        except AIProviderError as exc:
            _on_provider_error(step, exc)
            return
    try:
        stored = store_picture(
            base=base, data=picture.data, mime=picture.mime, portrait=picture.portrait
        )
    except AIProviderError as exc:
        _on_provider_error(step, exc)
        return
    if calls:
        _count_usage(story.pk, picture.usage, calls, user_id=story.owner_id)
    saved = step.mine().update(
        sheet=stored.original,
        sheet_display=stored.display,
        sheet_thumbnail=stored.thumbnail,
        sheet_portrait=stored.portrait,
        status=StepStatus.DONE,
        lease_until=None,
        claimed_by="",
        last_error="",
    )
    if not saved:
        # The story was deleted, its run stopped, or the claim was handed to another worker.
        discard_picture(stored)
        return
    generation_advance(task_id=task_id)
    _keep_in_library(member.pk)


def _keep_in_library(member_id: int) -> None:
    """Put the cast member, with a copy of its new sheet, in the owner's character library.

    The library is a convenience: a failure here is logged and never fails the story.
    """
    member = StoryCharacter.objects.select_related("story__owner").filter(pk=member_id).first()
    if member is None or not member.sheet:
        return
    try:
        with transaction.atomic():
            # The run's brief passed the safety check before any sheet was drawn.
            cast_member_keep(member, checked=True)
    except Exception:
        logger.exception("cast member %s could not be kept in the character library", member_id)


@dataclass(frozen=True)
class PictureOrder:
    """Everything a provider needs to draw one page: the prompt, the sheets, the scene and
    the size, which has the page's shape so no page crops its picture."""

    prompt: str
    references: list[bytes]
    scene: Scene
    size: str


def page_picture_order(
    page: Page, story: Story, *, description: str | None = None, seed_key: str | None = None
) -> PictureOrder:
    """What to send to draw ``page``: its in-scene characters' sheets as references, and a
    prompt that keeps the page's text area (its override, else the story's) calm.

    ``description`` replaces the page's own; ``seed_key`` makes a redraw differ from the
    first drawing in providers that paint deterministically.
    """
    description = description or page.image_description
    cast = {member.name: member for member in StoryCharacter.objects.filter(story=story)}
    in_scene = [cast[name] for name in page.characters_in_scene if name in cast]
    # The sheets' JPEG copies: a tenth of the PNG's bytes to upload, the same likeness.
    references: list[bytes] = []
    for member in in_scene:
        if member.status == StepStatus.DONE and member.sheet_display.name:
            try:
                references.append(read_media(member.sheet_display.name))
            except (OSError, ValueError):
                logger.warning("sheet of cast member %s is missing", member.pk)
    briefs = tuple(character_brief(member) for member in in_scene)
    position = page.text_position or story.text_position
    prompt = prompts.page_image_prompt(
        description=description,
        image_style=story.image_style,
        text_position=position,
        characters=briefs,
        with_references=bool(references),
    )
    scene = Scene(
        kind="cover" if page.number == 0 else "page",
        description=description,
        characters=briefs,
        setting=story.setting,
        image_style=story.image_style,
        text_position=prompts.normalize_text_position(position) or "bottom-center",
        page_number=page.number,
        story_title=story.title,
        seed_key=seed_key or f"page:{story.pk}:{page.number}",
    )
    layout = page_layout(story, page)
    size = shaped_size(layout.aspect_width, layout.aspect_height, settings.AI_PAGE_IMAGE_SIZE)
    return PictureOrder(prompt=prompt, references=references, scene=scene, size=size)


def page_draw(*, task_id: uuid.UUID | str, page_id: int) -> None:
    """Draw one page's picture with the in-scene characters' sheets (idempotent).

    The picture becomes the page's current one and its first version. A page the safety
    system refuses twice (once reworded) ends ``blocked``; the rest of the story carries on.
    """
    task_id = uuid.UUID(str(task_id))
    page = Page.objects.select_related("story").filter(pk=page_id).first()
    if page is None:
        return
    step = Step(rows=Page.objects.filter(pk=page_id), task_id=task_id, page_number=page.number)
    claim = step.claim()
    if claim is Claim.EXHAUSTED:
        generation_advance(task_id=task_id)
    if claim is not Claim.CLAIMED:
        return
    with step.held():
        _page_draw_claimed(step, task_id, page)


def _page_draw_claimed(step: Step, task_id: uuid.UUID, page: Page) -> None:
    """page_draw's work, once its claim is held."""
    story = page.story
    order = page_picture_order(page, story)
    try:
        picture, calls, screening = _draw_and_screen(
            get_provider(),
            order.prompt,
            text=page.text,
            label=safety.picture_label(page.number),
            size=order.size,
            references=order.references,
            scene=order.scene,
        )
    except PictureSlotsBusy:
        raise step.postpone() from None
    except AIProviderError as exc:
        _on_provider_error(step, exc)
        return
    _count_usage(story.pk, picture.usage, calls, user_id=story.owner_id)
    version = page_image_next_version(page)
    # One file name per claim, as for sheets.
    base = f"{story_media_folder(story.pk)}/pages/{page.pk}-v{version}-{claim_token(step.mark)}"
    try:
        stored = store_picture(base=base, data=picture.data, mime=picture.mime)
    except AIProviderError as exc:
        _on_provider_error(step, exc)
        return
    with transaction.atomic():
        if not screening.clear:
            story_safety.story_lock(story.pk)  # before the page's row, as every hold takes them
        saved = step.mine().update(
            image=stored.original,
            image_display=stored.display,
            image_thumbnail=stored.thumbnail,
            image_version=version,
            status=StepStatus.DONE,
            lease_until=None,
            claimed_by="",
            last_error="",
            updated_at=timezone.now(),
        )
        if saved and not screening.clear:
            # Kept for the review, and held in the same transaction that stores it.
            story_safety.story_hold_for_review(
                story_id=story.pk,
                run_id=task_id,
                stage=StoryReview.Stage.CONTENT,
                screening=screening,
            )
    if not saved:
        # The story was deleted, its run stopped, or the claim was handed to another worker.
        discard_picture(stored)
        return
    Page.objects.filter(pk=page.pk, original_image="").update(original_image=stored.original)
    page_image_record(
        page=page,
        version=version,
        stored=stored,
        description=page.image_description,
        prompt=order.prompt,
        source=PageImage.Source.DRAWN,
    )
    generation_advance(task_id=task_id)
