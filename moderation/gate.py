"""The child-safety gate: briefs, pages and pictures checked before anyone reads them.

Every check goes through the provider's moderation and fails closed. A verdict blocks when
the provider flagged it *or* any category's score reaches its limit in
``STORYGEN_MODERATION_THRESHOLDS`` (stricter than the provider's own ``flagged``). A brief
that blocks is refused before anything is written; a page or picture that blocks holds the
story for an administrator. When moderation cannot answer (the provider is unavailable,
times out or fails), the story is held too, and :func:`moderation_reconcile` checks it again
with backoff and releases it by itself once the check passes.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from moderation.models import ModerationAction, StoryReview
from moderation.services import moderation_action_record
from stories.models import GenerationTask, Page, Story, StoryCharacter
from storygen.ai import get_provider
from storygen.ai.errors import AIProviderError, AIProviderUnavailable
from storygen.ai.types import Verdict
from storygen.jobs import job_fail, job_release

logger = logging.getLogger(__name__)

#: Score limits per category when settings give none: anything a children's book should
#: not contain blocks well below the provider's own "flagged" line. A subcategory without a
#: limit of its own ("violence/graphic") uses its parent's.
DEFAULT_THRESHOLDS: dict[str, float] = {
    "sexual": 0.2,
    "sexual/minors": 0.01,
    "violence": 0.4,
    "violence/graphic": 0.2,
    "self-harm": 0.1,
    "hate": 0.2,
    "harassment": 0.3,
    "illicit": 0.2,
}
#: Re-checks after an outage: first after this many seconds, doubling up to the ceiling.
DEFAULT_RECHECK_BASE = 30.0
DEFAULT_RECHECK_MAX = 900.0


def thresholds() -> dict[str, float]:
    """The per-category score limits in force (settings override the defaults per category)."""
    configured = getattr(settings, "STORYGEN_MODERATION_THRESHOLDS", None) or {}
    return {**DEFAULT_THRESHOLDS, **{str(k): float(v) for k, v in dict(configured).items()}}


def _limit(category: str, limits: dict[str, float]) -> float | None:
    if category in limits:
        return limits[category]
    return limits.get(category.split("/", 1)[0])


def blocking_categories(verdict: Verdict) -> tuple[str, ...]:
    """The categories of ``verdict`` that block: flagged ones, and scores at their limit.

    A verdict the provider flagged without naming a category still blocks, as "flagged".
    """
    limits = thresholds()
    found = set(verdict.categories)
    for category, score in verdict.scores.items():
        limit = _limit(category, limits)
        if limit is not None and score >= limit:
            found.add(category)
    if verdict.flagged and not found:
        found.add("flagged")
    return tuple(sorted(found))


@dataclass(frozen=True)
class Finding:
    """One checked item that blocks: what it is ("page 3 text") and why."""

    item: str
    categories: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"item": self.item, "categories": list(self.categories)}


@dataclass(frozen=True)
class Screening:
    """The outcome of a check: what blocks, or why moderation could not answer."""

    findings: tuple[Finding, ...] = ()
    unavailable: str = ""

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def clear(self) -> bool:
        return not self.findings and not self.unavailable

    @property
    def categories(self) -> list[str]:
        return sorted({c for finding in self.findings for c in finding.categories})


def _moderate(text: str) -> Verdict:
    # Any provider failure counts as "moderation unavailable": the gate fails closed.
    return get_provider().moderate(text)


def screen_texts(items: Sequence[tuple[str, str]], *, whole: str = "") -> Screening:
    """Check labelled texts. With ``whole`` they are first checked together in one call, and
    one by one only when that blocks (to say which); a block that no single item explains
    is reported under ``whole``.
    """
    items = [(label, text) for label, text in items if text.strip()]
    if not items:
        return Screening()
    try:
        if whole:
            together = blocking_categories(_moderate("\n\n".join(t for _, t in items)))
            if not together:
                return Screening()
        findings = []
        for label, text in items:
            categories = blocking_categories(_moderate(text))
            if categories:
                findings.append(Finding(label, categories))
        if whole and not findings:
            findings.append(Finding(whole, together))
    except AIProviderError as exc:
        return Screening(unavailable=exc.message or "The moderation service did not answer.")
    return Screening(findings=tuple(findings))


def brief_text(story: Story, cast: Iterable[StoryCharacter]) -> str:
    """Everything the user wrote for a story, as one text for the moderation service."""
    parts = [
        f"Title: {story.title}",
        f"Outline: {story.outline}",
        f"Setting: {story.setting}",
        f"Tone: {story.tone}",
    ]
    for member in cast:
        details = [
            member.description,
            member.gender,
            str(member.age) if member.age is not None else "",
            member.physical_appearance,
            member.clothing_style,
            member.personality,
            member.key_traits,
            member.background,
        ]
        parts.append(f"Character {member.name}: " + "; ".join(d for d in details if d))
    return "\n".join(parts)


def screen_brief(*, story: Story) -> Screening:
    """Check the brief (title, outline, setting, tone, every character) in one call."""
    text = brief_text(story, StoryCharacter.objects.filter(story=story))
    return screen_texts([("the brief", text)])


def screen_draft(*, title: str, pages: Iterable[Any]) -> Screening:
    """Check a written story: its title and every page's text and picture description.

    ``pages`` have ``number``, ``text`` and ``image_description`` (draft pages or Page rows).
    One call for the whole story; one per page only when the whole blocks.
    """
    items = [("the title", title)]
    for page in pages:
        name = "the cover" if page.number == 0 else f"page {page.number}"
        text = page.text
        if page.image_description:
            text = f"{text}\n{page.image_description}"
        items.append((f"{name} text", text))
    return screen_texts(items, whole="the story as a whole")


def picture_label(page_number: int) -> str:
    """How a page's picture is named in findings ("the cover picture", "page 3 picture")."""
    return "the cover picture" if page_number == 0 else f"page {page_number} picture"


def screen_picture(*, data: bytes, mime: str, text: str, label: str) -> Screening:
    """Check a picture together with its page's text, where the provider can moderate
    pictures.

    Providers that cannot (the offline one) check nothing here: the text the picture was
    drawn from was checked when it was written.
    """
    try:
        verdict = get_provider().moderate_image(data, mime=mime, text=text)
    except AIProviderError as exc:
        return Screening(unavailable=exc.message or "The moderation service did not answer.")
    if verdict is None:
        return Screening()
    categories = blocking_categories(verdict)
    return Screening(findings=(Finding(label, categories),) if categories else ())


# --- drawings a person asks for (a page redrawn, a character's sheet) -------------------------


def drawing_request_allowed(
    rows: QuerySet[Any], *, attempts: int, text: str, label: str, what: str
) -> bool:
    """Check a person's own words for a drawing before anything is drawn from them, as a
    story's brief is checked. True when they pass.

    A request that blocks fails the job (code "blocked"); one that cannot be checked puts
    the job back to waiting (raises RetryLater) until AI_MAX_ATTEMPTS, then fails it
    ("unavailable"). ``what`` names the request in the person's words ("that description").
    """
    from storygen.jobs import RetryLater, retry_delay

    screening = screen_texts([(label, text)])
    if screening.clear:
        return True
    if screening.flagged:
        job_fail(
            rows,
            code="blocked",
            message=f"{what.capitalize()} cannot be drawn for a children's book. "
            "Try describing it differently.",
        )
        logger.info("drawing request refused: %s did not pass", label)
        return False
    if attempts < settings.AI_MAX_ATTEMPTS:
        delay = retry_delay(AIProviderUnavailable(screening.unavailable), attempts)
        job_release(rows, delay=delay)
        raise RetryLater(delay)
    job_fail(
        rows,
        code="unavailable",
        message="The safety check is not answering, so nothing was drawn. Try again later.",
    )
    return False


def drawing_withheld(rows: QuerySet[Any], *, screening: Screening) -> bool:
    """Fail the job of a drawn picture whose check did not pass; True when withheld.

    Fails closed: a picture that blocks, or that could not be checked, is never kept, and
    drawing again is the person's choice rather than an automatic cost.
    """
    if screening.clear:
        return False
    if screening.flagged:
        message = (
            "The new picture did not pass the safety check, so it was not kept. "
            "Try again, perhaps with a different description."
        )
        job_fail(rows, code="blocked", message=message)
    else:
        message = "The safety check is not answering, so the new picture was not kept. "
        job_fail(rows, code="unavailable", message=message + "Try again later.")
    logger.info("drawn picture withheld: %s", ",".join(screening.categories) or "unchecked")
    return True


# --- holds ------------------------------------------------------------------------------------


def _record_metrics(stage: str, count: int = 1) -> None:
    try:
        from monitoring.metrics import record_moderation_hold
    except ImportError:  # metrics are optional
        return
    record_moderation_hold(stage, count)


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
    from stories.services.stories import HELD_MESSAGE, HELD_OUTAGE_MESSAGE

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
    from stories.services.stories import story_hold

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
        moderation_action_record(
            actor=None,
            action=ModerationAction.Action.STORY_HELD,
            target_type=ModerationAction.TargetType.STORY,
            target_id=story_id,
            target_label=str(story) if story else "",
            reason=StoryReview.Reason(reason).label,
            changes={"categories": [[], review.categories]} if review.categories else None,
        )
        pictures = any("picture" in f.item for f in screening.findings)
        _record_metrics(
            "input" if stage == StoryReview.Stage.BRIEF else "page" if pictures else "text"
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
    from stories.services.stories import story_refuse

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
    story_refuse(story_id=story_id)
    story = Story.objects.filter(pk=story_id).only("title").first()
    moderation_action_record(
        actor=None,
        action=ModerationAction.Action.STORY_REFUSED,
        target_type=ModerationAction.TargetType.STORY,
        target_id=story_id,
        target_label=str(story) if story else "",
        reason=", ".join(screening.categories),
    )
    _record_metrics("input")
    logger.info("story %s refused: %s", story_id, ",".join(screening.categories))


def brief_gate(*, task_id: uuid.UUID | str) -> bool:
    """Check the brief of a run about to start; True when the run may go on.

    A story that already has pages (a resumed run) was checked when it was written, and a
    run whose brief was already cleared or released is not checked again. A brief that
    blocks refuses the story (nothing is written); moderation that cannot answer holds it
    until :func:`moderation_reconcile` can check it.
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
    from storygen.media import read_media, sniff_picture_type

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
    from stories.services.stories import story_unhold

    story_lock(review.story_id)
    locked = _open_review(review.story_id)
    if locked is None or locked.pk != review.pk:
        return
    locked.status = StoryReview.Status.CLEARED
    locked.resolved_at = timezone.now()
    locked.next_check_at = None
    locked.save(update_fields=["status", "resolved_at", "next_check_at"])
    story = story_unhold(story_id=review.story_id)
    moderation_action_record(
        actor=None,
        action=ModerationAction.Action.STORY_CLEARED,
        target_type=ModerationAction.TargetType.STORY,
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


def moderation_reconcile() -> int:
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
        logger.info("moderation reconciler checked %s held stories", len(due))
    return len(due)
