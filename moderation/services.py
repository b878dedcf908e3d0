"""Moderation writes: hiding, deleting, restoring, releasing stories; reports; the audit log;
the safety phrases and the count of refusals."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from accounts.models import User
from moderation.models import ModerationAction, SafetyPhrase, SafetyRefusal, StoryReport
from stories.models import Story, StoryReview
from stories.services.safety import story_review_close
from stories.services.stories import story_runs_stop, story_unhold
from storygen.exceptions import Conflict, InvalidInput, NotFound
from storygen.safety_phrases import SafetyPhrases

logger = logging.getLogger(__name__)

LABEL_MAX_LENGTH = ModerationAction._meta.get_field("target_label").max_length or 200


def moderation_action_record(
    *,
    actor: User | None,
    action: str,
    target_type: str,
    target_id: int,
    target_label: str = "",
    reason: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> ModerationAction:
    """Append one row to the audit log (``actor`` None: the command line).

    Call it inside the transaction of the change it records, so the change and its row
    are committed together or not at all. Rows are never changed afterwards.
    """
    return ModerationAction.objects.create(
        actor=actor,
        actor_username=actor.username if actor is not None else "",
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label[:LABEL_MAX_LENGTH],
        reason=reason.strip(),
        changes=changes or {},
    )


def _story_not_found(story_id: int) -> NotFound:
    return NotFound(f"Story with ID {story_id} not found")


def _record_story(*, actor: User, action: str, story: Story, reason: str) -> None:
    moderation_action_record(
        actor=actor,
        action=action,
        target_type=ModerationAction.TargetType.STORY,
        target_id=story.pk,
        target_label=str(story),
        reason=reason,
    )


@transaction.atomic
def story_hide(*, actor: User, story: Story, hidden: bool, reason: str = "") -> Story:
    """Hide a story from its owner (``hidden`` True) or show it again.

    Only stories that are not deleted (NotFound otherwise). Hiding twice is harmless;
    every call writes an audit row.
    """
    locked = Story.objects.select_for_update().filter(pk=story.pk, is_deleted=False).first()
    if locked is None:
        raise _story_not_found(story.pk)
    if locked.is_hidden != hidden:
        locked.is_hidden = hidden
        locked.save(update_fields=["is_hidden", "updated_at"])
    action = (
        ModerationAction.Action.STORY_HIDDEN if hidden else ModerationAction.Action.STORY_UNHIDDEN
    )
    _record_story(actor=actor, action=action, story=locked, reason=reason)
    logger.info("story %s %s by admin %s", locked.pk, action, actor.pk)
    return locked


#: Why a run ended when a moderator deleted or removed its story (read by moderators only).
STOPPED_BY_MODERATION = "Stopped: the story was deleted by a moderator."


@transaction.atomic
def story_soft_delete(*, actor: User, story: Story, reason: str = "") -> Story:
    """Delete a story for everyone but the moderators; its rows and files stay, and its
    unfinished run stops (no more provider calls are paid for it).

    Raises NotFound when the story is missing or already deleted. Writes an audit row.
    """
    locked = Story.objects.select_for_update().filter(pk=story.pk, is_deleted=False).first()
    if locked is None:
        raise _story_not_found(story.pk)
    locked.is_deleted = True
    locked.save(update_fields=["is_deleted", "updated_at"])
    story_runs_stop(story_id=locked.pk, message=STOPPED_BY_MODERATION)
    _record_story(
        actor=actor, action=ModerationAction.Action.STORY_DELETED, story=locked, reason=reason
    )
    logger.info("story %s deleted by admin %s", locked.pk, actor.pk)
    return locked


@transaction.atomic
def story_restore(*, actor: User, story: Story, reason: str = "") -> Story:
    """Undo a soft delete (a hidden story stays hidden).

    Raises NotFound when the story is missing, Conflict when it is not deleted. Writes an
    audit row.
    """
    locked = Story.objects.select_for_update().filter(pk=story.pk).first()
    if locked is None:
        raise _story_not_found(story.pk)
    if not locked.is_deleted:
        raise Conflict(f"Story with ID {story.pk} is not deleted.")
    locked.is_deleted = False
    locked.save(update_fields=["is_deleted", "updated_at"])
    _record_story(
        actor=actor, action=ModerationAction.Action.STORY_RESTORED, story=locked, reason=reason
    )
    logger.info("story %s restored by admin %s", locked.pk, actor.pk)
    return locked


# --- stories held by the safety gate, and readers' reports ------------------------------------


@transaction.atomic
def story_release(
    *, actor: User, story: Story, reason: str = "", review_id: int | None = None
) -> Story:
    """Release a story held for review: it becomes readable (ready, or partial when pictures
    are missing), or its run starts or carries on when it was held before it finished.

    With ``review_id``, only while that review is the open one. Raises Conflict when the
    story has no (such) open review. Writes an audit row.
    """
    story_review_close(
        story_id=story.pk,
        review_id=review_id,
        status=StoryReview.Status.RELEASED,
        actor=actor,
        note=reason,
    )
    released = story_unhold(story_id=story.pk)
    if released is None:
        raise _story_not_found(story.pk)
    _record_story(
        actor=actor, action=ModerationAction.Action.STORY_RELEASED, story=released, reason=reason
    )
    logger.info("story %s released by admin %s", released.pk, actor.pk)
    return released


@transaction.atomic
def story_remove(
    *, actor: User, story: Story, reason: str = "", review_id: int | None = None
) -> Story:
    """Remove a story held for review: its review is closed, the story soft-deleted (nobody
    but the moderators sees it again; ``story_restore`` can undo the delete) and its
    unfinished run stopped.

    With ``review_id``, only while that review is the open one. Raises Conflict when the
    story has no (such) open review. Writes an audit row.
    """
    story_review_close(
        story_id=story.pk,
        review_id=review_id,
        status=StoryReview.Status.REMOVED,
        actor=actor,
        note=reason,
    )
    locked = Story.objects.select_for_update().get(pk=story.pk)
    locked.is_deleted = True
    locked.save(update_fields=["is_deleted", "updated_at"])
    story_runs_stop(story_id=locked.pk, message=STOPPED_BY_MODERATION)
    _record_story(
        actor=actor, action=ModerationAction.Action.STORY_REMOVED, story=locked, reason=reason
    )
    logger.info("story %s removed after review by admin %s", locked.pk, actor.pk)
    return locked


@transaction.atomic
def story_report_create(
    *, reporter: User, story: Story, reason: str, details: str = ""
) -> StoryReport:
    """Record a reader's report that a story is not right for children.

    Raises InvalidInput for an unknown reason. The report waits in the admin until an
    administrator resolves it.
    """
    if reason not in StoryReport.Reason.values:
        raise InvalidInput(errors={"reason": [f"'{reason}' is not a reason we know."]})
    report = StoryReport.objects.create(
        story=story, reporter=reporter, reason=reason, details=details.strip()[:1000]
    )
    logger.info("story %s reported (%s) by user %s", story.pk, reason, reporter.pk)
    return report


@transaction.atomic
def story_report_resolve(*, actor: User, report: StoryReport, note: str = "") -> StoryReport:
    """Mark a report resolved (a second call is harmless). Writes an audit row the first time."""
    locked = StoryReport.objects.select_for_update().select_related("story").get(pk=report.pk)
    if locked.resolved:
        return locked
    locked.resolved = True
    locked.resolved_at = timezone.now()
    locked.resolved_by = actor
    locked.save(update_fields=["resolved", "resolved_at", "resolved_by"])
    moderation_action_record(
        actor=actor,
        action=ModerationAction.Action.REPORT_RESOLVED,
        target_type=ModerationAction.TargetType.STORY,
        target_id=locked.story_id,
        target_label=str(locked.story),
        reason=note or f"Report {locked.pk}: {locked.get_reason_display()}",
    )
    logger.info("report %s resolved by admin %s", locked.pk, actor.pk)
    return locked


# --- safety phrases and refusals ---------------------------------------------------------------

#: How long the phrases read for the safety check are reused: an administrator's change
#: applies in other processes within this many seconds (at once in the one that made it).
PHRASES_TTL_SECONDS = 5.0

_phrases_cache: tuple[float, SafetyPhrases] | None = None


def safety_phrases_read() -> SafetyPhrases:
    """The phrases in force, for the safety check (read again every few seconds)."""
    global _phrases_cache
    now = time.monotonic()
    if _phrases_cache is not None and now - _phrases_cache[0] < PHRASES_TTL_SECONDS:
        return _phrases_cache[1]
    try:
        # In a savepoint: a failed read must not break the caller's transaction.
        with transaction.atomic():
            rows = list(SafetyPhrase.objects.order_by("phrase").values_list("kind", "phrase"))
    except DatabaseError:
        # The rest of the check still stands; the phrases come back with the database.
        logger.warning("safety phrases unreadable: checking without the administrators' ones")
        return _phrases_cache[1] if _phrases_cache is not None else SafetyPhrases()
    phrases = SafetyPhrases(
        blocked=tuple(p for kind, p in rows if kind == SafetyPhrase.Kind.BLOCKED),
        allowed=tuple(p for kind, p in rows if kind == SafetyPhrase.Kind.ALLOWED),
    )
    _phrases_cache = (now, phrases)
    return phrases


def safety_phrases_forget() -> None:
    """Read the phrases again at the next check (after a change)."""
    global _phrases_cache
    _phrases_cache = None


def _phrase_clean(phrase: str) -> str:
    cleaned = " ".join(phrase.split())
    if not cleaned:
        raise InvalidInput(errors={"phrase": ["Enter a phrase."]})
    return cleaned


def _record_phrase(*, actor: User | None, action: str, row: SafetyPhrase, **extra: Any) -> None:
    moderation_action_record(
        actor=actor,
        action=action,
        target_type=ModerationAction.TargetType.PHRASE,
        target_id=row.pk,
        target_label=str(row),
        **extra,
    )


def _phrase_taken(kind: str, phrase: str, *, exclude: int | None = None) -> bool:
    rows = SafetyPhrase.objects.filter(kind=kind, phrase=phrase)
    return rows.exclude(pk=exclude).exists() if exclude else rows.exists()


@transaction.atomic
def safety_phrase_create(
    *, actor: User | None, phrase: str, kind: str, note: str = ""
) -> SafetyPhrase:
    """Add a blocked or allowed phrase; it applies to the next check. Writes an audit row.
    Raises InvalidInput for an empty phrase or one already in the list."""
    phrase = _phrase_clean(phrase)
    if _phrase_taken(kind, phrase):
        raise InvalidInput(errors={"phrase": ["This phrase is already in the list."]})
    row = SafetyPhrase.objects.create(phrase=phrase, kind=kind, note=note.strip())
    _record_phrase(actor=actor, action=ModerationAction.Action.PHRASE_ADDED, row=row)
    transaction.on_commit(safety_phrases_forget)
    return row


@transaction.atomic
def safety_phrase_update(
    *, actor: User | None, row: SafetyPhrase, phrase: str, kind: str, note: str = ""
) -> SafetyPhrase:
    """Change a phrase (its words, kind or note); writes an audit row naming what changed."""
    locked = SafetyPhrase.objects.select_for_update().get(pk=row.pk)
    phrase = _phrase_clean(phrase)
    if _phrase_taken(kind, phrase, exclude=locked.pk):
        raise InvalidInput(errors={"phrase": ["This phrase is already in the list."]})
    after = {"phrase": phrase, "kind": kind, "note": note.strip()}
    changes = {
        name: [getattr(locked, name), value]
        for name, value in after.items()
        if getattr(locked, name) != value
    }
    for name, value in after.items():
        setattr(locked, name, value)
    locked.save()
    _record_phrase(
        actor=actor, action=ModerationAction.Action.PHRASE_CHANGED, row=locked, changes=changes
    )
    transaction.on_commit(safety_phrases_forget)
    return locked


@transaction.atomic
def safety_phrase_delete(*, actor: User | None, row: SafetyPhrase) -> None:
    """Remove a phrase from the check; writes an audit row."""
    _record_phrase(actor=actor, action=ModerationAction.Action.PHRASE_DELETED, row=row)
    SafetyPhrase.objects.filter(pk=row.pk).delete()
    transaction.on_commit(safety_phrases_forget)


def safety_refusal_record(*, categories: list[str], entry_point: str, user_id: int | None) -> None:
    """Count one refusal of a person's words (categories only) for the statistics."""
    SafetyRefusal.objects.create(
        categories=list(categories), entry_point=entry_point, user_id=user_id
    )
