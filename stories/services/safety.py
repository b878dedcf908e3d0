"""A story stopped by the safety checks: held from its readers, or refused before writing.

The decisions are storygen.safety's; this module applies them to stories. A brief is first
checked when the story is asked for (stories.services.stories.story_generation_start), which
refuses an unsafe one before any story exists; the run checks it again before writing (a
brief that blocks there refuses the story, saying why). A page or picture that blocks holds
the story for an administrator (an open StoryReview), who releases or removes it. When
moderation cannot answer, the story is held too, and :func:`held_stories_recheck` checks it
again with backoff and releases it by itself once the check passes. Every hold, refusal and
automatic release is recorded in the audit log and announced (``story_held``) for metrics.
"""

from __future__ import annotations

import logging
import random
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from stories.models import GenerationTask, Page, Story, StoryCharacter, StoryReview
from stories.services.stories import (
    CHARACTER_FIELDS,
    HELD_MESSAGE,
    HELD_OUTAGE_MESSAGE,
    refused_message,
    story_brief_screen,
    story_hold,
    story_refuse,
    story_unhold,
)
from stories.signals import story_held
from storygen.audit import audit_record
from storygen.exceptions import Conflict
from storygen.media import read_media, sniff_picture_type
from storygen.safety import Screening, picture_label, screen_draft, screen_picture

logger = logging.getLogger(__name__)

#: Re-checks after an outage: first after this many seconds, doubling up to the ceiling.
DEFAULT_RECHECK_BASE = 30.0
DEFAULT_RECHECK_MAX = 900.0


def screen_brief(*, story: Story) -> Screening:
    """Check the saved brief (title, outline, setting, tone, every character): one call for
    the whole, and one per part only when the whole blocks."""
    cast = [
        {"name": member.name, **{field: getattr(member, field) for field in CHARACTER_FIELDS}}
        for member in StoryCharacter.objects.filter(story=story).order_by("position")
    ]
    fields = {
        "title": story.title,
        "outline": story.outline,
        "setting": story.setting,
        "tone": story.tone,
    }
    return story_brief_screen(fields=fields, cast=cast)


def _recheck_delay(attempts: int) -> timedelta:
    base = float(getattr(settings, "STORYGEN_MODERATION_RECHECK_BASE", DEFAULT_RECHECK_BASE))
    ceiling = float(getattr(settings, "STORYGEN_MODERATION_RECHECK_MAX", DEFAULT_RECHECK_MAX))
    backoff = min(ceiling, base * 2 ** max(0, attempts))
    return timedelta(seconds=backoff / 2 + random.uniform(0, backoff / 2))


def story_lock(story_id: int) -> None:
    """Lock the story's row before any other row a hold, a release or the end of a run
    changes (its run, its review, its pages): with the story always first, no two of them
    ever wait on each other in a cycle. Call it inside a transaction."""
    Story.objects.select_for_update().filter(pk=story_id).values_list("pk", flat=True).first()


def _open_review(story_id: int) -> StoryReview | None:
    return (
        StoryReview.objects.select_for_update()
        .filter(story_id=story_id, status=StoryReview.Status.OPEN)
        .first()
    )


def _hold_message(reason: str) -> str:
    return HELD_OUTAGE_MESSAGE if reason == StoryReview.Reason.UNAVAILABLE else HELD_MESSAGE


@transaction.atomic
def story_hold_for_review(
    *, story_id: int, run_id: uuid.UUID | None, stage: str, screening: Screening
) -> StoryReview | None:
    """Hold the story with an open review recording ``screening`` (flagged or unavailable).

    A second hold while a review is open adds its findings to it; a flag turns a review
    opened for an outage into one for an administrator. Writes an audit row when the hold
    starts. Call it in the transaction that stores the content it is about.
    """
    if screening.clear:
        return None
    reason = StoryReview.Reason.FLAGGED if screening.flagged else StoryReview.Reason.UNAVAILABLE
    # Under the story's lock, two pictures held at once cannot both open a review.
    story_lock(story_id)
    review = _open_review(story_id)
    if review is None:
        review = StoryReview.objects.create(
            story_id=story_id,
            run_id=run_id,
            stage=stage,
            reason=reason,
            categories=screening.categories,
            findings=[f.as_json() for f in screening.findings],
            last_error=screening.unavailable,
            next_check_at=timezone.now() + _recheck_delay(0) if not screening.flagged else None,
        )
        story = Story.objects.filter(pk=story_id).only("title").first()
        audit_record(
            actor=None,
            action="story_held",
            target_type="story",
            target_id=story_id,
            target_label=str(story) if story else "",
            reason=StoryReview.Reason(reason).label,
            changes={"categories": [[], review.categories]} if review.categories else None,
        )
        pictures = any("picture" in f.item for f in screening.findings)
        story_held.send(
            sender=StoryReview,
            stage="input" if stage == StoryReview.Stage.BRIEF else "page" if pictures else "text",
        )
    else:
        if screening.flagged:
            review.reason = StoryReview.Reason.FLAGGED
            review.next_check_at = None
            review.categories = sorted({*review.categories, *screening.categories})
            review.findings = [*review.findings, *(f.as_json() for f in screening.findings)]
        elif screening.unavailable:
            review.last_error = screening.unavailable
        review.save()
    story_hold(story_id=story_id, message=_hold_message(review.reason))
    logger.info("story %s held for review: %s %s", story_id, review.stage, review.reason)
    return review


def story_review_close(
    *, story_id: int, review_id: int | None, status: str, actor: User, note: str = ""
) -> StoryReview:
    """Close the story's open review as an administrator decided (``status``: released or
    removed), under the story's lock; what follows for the story is the caller's.

    With ``review_id``, only while that review is the open one (not one opened since the
    administrator looked). Raises Conflict when the story has no (such) open review.
    """
    story_lock(story_id)
    reviews = StoryReview.objects.select_for_update().filter(
        story_id=story_id, status=StoryReview.Status.OPEN
    )
    if review_id is not None:
        reviews = reviews.filter(pk=review_id)
    review = reviews.first()
    if review is None:
        raise Conflict(f"Story with ID {story_id} is not waiting for this review.")
    review.status = status
    review.resolved_at = timezone.now()
    review.resolved_by = actor
    review.next_check_at = None
    review.note = note.strip()
    review.save(update_fields=["status", "resolved_at", "resolved_by", "next_check_at", "note"])
    return review


def story_under_review(*, story_id: int) -> bool:
    """Whether the story has an open review. Locks the story row, so a finishing run and a
    release that race each other take turns (call it inside a transaction)."""
    story_lock(story_id)
    return StoryReview.objects.filter(story_id=story_id, status=StoryReview.Status.OPEN).exists()


def held_message(*, story_id: int) -> str:
    """What the owner of a held story is told (the open review's reason decides)."""
    review = StoryReview.objects.filter(story_id=story_id, status=StoryReview.Status.OPEN).first()
    return _hold_message(review.reason if review else StoryReview.Reason.FLAGGED)


@transaction.atomic
def _refuse(*, story_id: int, run_id: uuid.UUID | None, screening: Screening) -> None:
    story_lock(story_id)
    refused = StoryReview.objects.filter(
        story_id=story_id, run_id=run_id, status=StoryReview.Status.REFUSED
    )
    if run_id is not None and refused.exists():
        return  # a second delivery of the same check
    # The review opened while moderation was down becomes the refusal; else a new one.
    review = _open_review(story_id) or StoryReview(
        story_id=story_id, run_id=run_id, stage=StoryReview.Stage.BRIEF
    )
    review.reason = StoryReview.Reason.FLAGGED
    review.status = StoryReview.Status.REFUSED
    review.categories = screening.categories
    review.findings = [f.as_json() for f in screening.findings]
    review.resolved_at = timezone.now()
    review.next_check_at = None
    review.save()
    story_refuse(story_id=story_id, message=refused_message(screening))
    story = Story.objects.filter(pk=story_id).only("title").first()
    audit_record(
        actor=None,
        action="story_refused",
        target_type="story",
        target_id=story_id,
        target_label=str(story) if story else "",
        reason=", ".join(screening.categories),
    )
    story_held.send(sender=StoryReview, stage="input")
    logger.info("story %s refused: %s", story_id, ",".join(screening.categories))


def brief_gate(*, task_id: uuid.UUID | str) -> bool:
    """Check the brief of a run about to start; True when the run may go on.

    A story that already has pages (a resumed run) was checked when it was written, and a
    run whose brief was already cleared or released is not checked again. A brief that
    blocks refuses the story (nothing is written); moderation that cannot answer holds it
    until :func:`held_stories_recheck` can check it.
    """
    task = GenerationTask.objects.select_related("story").filter(pk=task_id).first()
    if task is None:
        return False
    story = task.story
    if Page.objects.filter(story=story).exists():
        return True
    passed = StoryReview.objects.filter(
        story=story,
        run_id=task.pk,
        stage=StoryReview.Stage.BRIEF,
        status__in=[StoryReview.Status.CLEARED, StoryReview.Status.RELEASED],
    )
    if passed.exists():
        return True
    if StoryReview.objects.filter(story=story, status=StoryReview.Status.OPEN).exists():
        return False  # waiting for the moderation reconciler or an administrator
    screening = screen_brief(story=story)
    if screening.clear:
        return True
    if screening.flagged:
        _refuse(story_id=story.pk, run_id=task.pk, screening=screening)
    else:
        story_hold_for_review(
            story_id=story.pk, run_id=task.pk, stage=StoryReview.Stage.BRIEF, screening=screening
        )
    return False


# --- checking again once moderation is back ---------------------------------------------------


def _screen_story_content(story: Story) -> Screening:
    pages = list(Page.objects.filter(story=story).order_by("number"))
    screening = screen_draft(title=story.title, pages=pages)
    if not screening.clear:
        return screening
    for page in pages:
        if not page.image.name:
            continue
        try:
            data = read_media(page.image.name)
        except (OSError, ValueError):
            continue
        picture = screen_picture(
            data=data,
            mime=sniff_picture_type(data),
            text=page.text,
            label=picture_label(page.number),
        )
        if not picture.clear:
            return picture
    return Screening()


@transaction.atomic
def _clear(review: StoryReview) -> None:
    story_lock(review.story_id)
    locked = _open_review(review.story_id)
    if locked is None or locked.pk != review.pk:
        return
    locked.status = StoryReview.Status.CLEARED
    locked.resolved_at = timezone.now()
    locked.next_check_at = None
    locked.save(update_fields=["status", "resolved_at", "next_check_at"])
    story = story_unhold(story_id=review.story_id)
    audit_record(
        actor=None,
        action="story_cleared",
        target_type="story",
        target_id=review.story_id,
        target_label=str(story) if story else "",
        reason="Checked once moderation was available again.",
    )
    logger.info("story %s cleared after a moderation outage", review.story_id)


def _postpone(review: StoryReview, error: str) -> None:
    StoryReview.objects.filter(pk=review.pk, status=StoryReview.Status.OPEN).update(
        attempts=review.attempts + 1,
        next_check_at=timezone.now() + _recheck_delay(review.attempts + 1),
        last_error=error,
    )


def held_stories_recheck() -> int:
    """Check again every story held because moderation was down, when its time has come.

    A check that passes releases the story by itself (its run starts or carries on, or it
    becomes readable); one that blocks refuses the brief or hands the story to an
    administrator; one that still cannot run is tried again later, with backoff. Returns
    how many held stories were looked at. Safe to run from several workers at once.
    """
    due = list(
        StoryReview.objects.filter(
            status=StoryReview.Status.OPEN,
            reason=StoryReview.Reason.UNAVAILABLE,
            next_check_at__lte=timezone.now(),
        )
        .select_related("story")
        .order_by("next_check_at")[:100]
    )
    for review in due:
        # Claim the check, so two workers do not both call the provider for it.
        claimed = StoryReview.objects.filter(
            pk=review.pk,
            status=StoryReview.Status.OPEN,
            next_check_at=review.next_check_at,
        ).update(next_check_at=timezone.now() + _recheck_delay(review.attempts + 1))
        if not claimed:
            continue
        if review.stage == StoryReview.Stage.BRIEF:
            screening = screen_brief(story=review.story)
        else:
            screening = _screen_story_content(review.story)
        if screening.unavailable:
            _postpone(review, screening.unavailable)
        elif screening.flagged and review.stage == StoryReview.Stage.BRIEF:
            _refuse(story_id=review.story_id, run_id=review.run_id, screening=screening)
        elif screening.flagged:
            story_hold_for_review(
                story_id=review.story_id,
                run_id=review.run_id,
                stage=review.stage,
                screening=screening,
            )
        else:
            _clear(review)
    if due:
        logger.info("checked %s stories held while moderation was down", len(due))
    return len(due)
