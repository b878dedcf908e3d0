"""The steps of a generation run as work rows: claiming one, handing it back, finishing it,
and what a stopped worker or a lost message leaves behind.

A run has three kinds of step, each the single row holding its state: the story text (on
the run's own row, under ``text_*`` field names), one reference sheet per cast member and
one picture per page. Claims are marked with the worker run and a token of the claim (see
storygen.jobs), so only the claim that took a step can end it.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import random
import uuid
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from stories.models import GenerationTask, Page, StepStatus, StoryCharacter
from storygen.jobs import (
    RetryLater,
    WorkFields,
    claim_mark,
    queue_lease,
    work_release_claims,
    work_resend_waiting,
    work_unsent,
)
from storygen.slots import image_slots_release

logger = logging.getLogger(__name__)

STEP_FIELDS = WorkFields()
TEXT_FIELDS = WorkFields(
    status="text_status",
    attempts="text_attempts",
    lease="text_lease_until",
    claimed_by="text_claimed_by",
)


def _step_lease() -> timedelta:
    return timedelta(seconds=settings.STORYGEN_STEP_LEASE_SECONDS)


class Claim(enum.Enum):
    CLAIMED = "claimed"
    BUSY = "busy"  # done already, another worker holds a valid lease, or the run stopped
    EXHAUSTED = "exhausted"  # out of attempts: now failed


@dataclass(frozen=True)
class Step:
    """One attempt at one unit of work: the single row that holds its state, that row's
    field names, and the mark this attempt's claim writes (new for every Step)."""

    rows: QuerySet[Any]
    task_id: uuid.UUID
    page_number: int | None = None
    fields: WorkFields = STEP_FIELDS
    error: str | None = "last_error"
    mark: str = field(default_factory=claim_mark)

    def claim(self) -> Claim:
        running = GenerationTask.Status.IN_PROGRESS
        if not GenerationTask.objects.filter(pk=self.task_id, status=running).exists():
            # Stopped (its story deleted by a moderator, say): steps still queued cost nothing.
            return Claim.BUSY
        names = self.fields
        now = timezone.now()
        runnable = Q(**{names.status: StepStatus.PENDING}) | Q(
            **{names.status: StepStatus.RUNNING, f"{names.lease}__lt": now}
        )
        limit = settings.AI_MAX_ATTEMPTS
        claimed = (
            self.rows.filter(runnable)
            .filter(**{f"{names.attempts}__lt": limit})
            .update(
                **{
                    names.status: StepStatus.RUNNING,
                    names.lease: now + _step_lease(),
                    names.claimed_by: self.mark,
                    names.attempts: F(names.attempts) + 1,
                }
            )
        )
        if claimed:
            GenerationTask.objects.filter(pk=self.task_id).update(
                step_attempts=F("step_attempts") + 1
            )
            return Claim.CLAIMED
        # A step that keeps killing its worker comes back here with its attempts used up:
        # it is failed instead of being delivered forever.
        message = f"Gave up after {limit} attempts."
        exhausted = self._finish_rows(
            self.rows.filter(runnable).filter(**{f"{names.attempts}__gte": limit}),
            StepStatus.FAILED,
            message,
        )
        if exhausted:
            note_error(self.task_id, message)
            return Claim.EXHAUSTED
        return Claim.BUSY

    def attempts_used(self) -> int:
        return int(self.rows.values_list(self.fields.attempts, flat=True).first() or 0)

    def mine(self) -> QuerySet[Any]:
        """The step's row while this claim still holds it: a claim handed to another worker
        (this one stopped answering for a while) is no longer this one's to end."""
        return self.rows.filter(
            **{self.fields.status: StepStatus.RUNNING, self.fields.claimed_by: self.mark}
        )

    def release(self, delay: float, *, refund: bool = False) -> None:
        """Hand the step back for another try in ``delay`` seconds.

        With ``refund`` the claim's attempt is given back: nothing reached the provider.
        """
        names = self.fields
        until = timezone.now() + timedelta(seconds=delay) + queue_lease()
        values: dict[str, Any] = {
            names.status: StepStatus.PENDING,
            names.lease: until,
            names.claimed_by: "",
        }
        if refund:
            values[names.attempts] = F(names.attempts) - 1
        released = self.mine().update(**values)
        if released and refund:
            GenerationTask.objects.filter(pk=self.task_id).update(
                step_attempts=F("step_attempts") - 1
            )

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Run the work of this claim: a claim this worker holds is never left to wait out
        its lease (minutes) while the worker is alive.

        A database deadlock hands the step back for another try at once (RetryLater(0),
        the attempt refunded: the loser of a deadlock did nothing wrong). Any other
        unexpected error hands it back too (the attempt counted, so a step that always
        fails still runs out of attempts) and is raised again for the worker to log.
        """
        try:
            yield
        except RetryLater:
            raise
        except OperationalError as exc:
            if not _is_deadlock(exc):
                self.release(0)
                raise
            logger.warning("step of run %s lost a deadlock: trying again at once", self.task_id)
            self.release(0, refund=True)
            raise RetryLater(0) from exc
        except Exception:
            self.release(0)
            raise

    def postpone(self) -> RetryLater:
        """The step could not start (no free picture slot): free it, attempt refunded."""
        delay = random.uniform(2.0, 6.0)
        self.release(delay, refund=True)
        return RetryLater(delay)

    def finish(self, status: str, message: str = "") -> int:
        return self._finish_rows(self.mine(), status, message)

    def _finish_rows(self, rows: QuerySet[Any], status: str, message: str) -> int:
        names = self.fields
        values: dict[str, Any] = {names.status: status, names.lease: None, names.claimed_by: ""}
        if self.error:
            values[self.error] = message
        return rows.update(**values)


#: PostgreSQL's code for a transaction it chose as a deadlock's victim (SQLite has none).
DEADLOCK_DETECTED = "40P01"


def _is_deadlock(exc: OperationalError) -> bool:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == DEADLOCK_DETECTED


def text_step(task_id: uuid.UUID) -> Step:
    return Step(
        rows=GenerationTask.objects.filter(pk=task_id, status=GenerationTask.Status.IN_PROGRESS),
        task_id=task_id,
        fields=TEXT_FIELDS,
        error=None,
    )


def note_error(task_id: uuid.UUID, message: str) -> None:
    GenerationTask.objects.filter(pk=task_id).update(last_error=message)


def record_retry(step: Step) -> None:
    with transaction.atomic():
        task = GenerationTask.objects.select_for_update().filter(pk=step.task_id).first()
        if task is None:
            return
        task.total_retries += 1
        if step.page_number is not None:
            key = str(step.page_number)
            task.retry_counts_by_page[key] = task.retry_counts_by_page.get(key, 0) + 1
        task.save(update_fields=["total_retries", "retry_counts_by_page", "updated_at"])


# --- which runs need the reconciler -----------------------------------------------------------


def _due(fields: WorkFields, now: Any) -> Q:
    """A step to send (again): waiting and due, or running past its lease."""
    waiting = Q(**{fields.status: StepStatus.PENDING}) & (
        Q(**{f"{fields.lease}__isnull": True}) | Q(**{f"{fields.lease}__lt": now})
    )
    return waiting | Q(**{fields.status: StepStatus.RUNNING, f"{fields.lease}__lt": now})


def runs_to_advance() -> QuerySet[GenerationTask]:
    """Runs in progress the reconciler must move on: a step due to be sent (its message lost,
    its retry due, its lease over), or nothing left to do but close the run. The others are
    left alone, so a pass costs one query while every run is busy."""
    now = timezone.now()
    story = OuterRef("story_id")
    active = Q(status__in=[StepStatus.PENDING, StepStatus.RUNNING])
    step_due = Exists(Page.objects.filter(_due(STEP_FIELDS, now), story=story)) | Exists(
        StoryCharacter.objects.filter(_due(STEP_FIELDS, now), story=story)
    )
    busy = (
        Q(text_status__in=[StepStatus.PENDING, StepStatus.RUNNING])
        | Exists(Page.objects.filter(active, story=story))
        | Exists(StoryCharacter.objects.filter(active, story=story))
    )
    return GenerationTask.objects.filter(status=GenerationTask.Status.IN_PROGRESS).filter(
        _due(TEXT_FIELDS, now) | step_due | ~busy
    )


# --- a message the broker refused -------------------------------------------------------------


def text_unsent(task_id: uuid.UUID) -> Callable[[], object]:
    return work_unsent(GenerationTask.objects.filter(pk=task_id), fields=TEXT_FIELDS)


def step_unsent(rows: QuerySet[Any]) -> Callable[[], object]:
    return work_unsent(rows, fields=STEP_FIELDS)


def run_unsent(task_id: uuid.UUID) -> Callable[[], object]:
    """A run whose start the broker refused is due at the reconciler's next pass (a held
    run, with no dispatch time, is left alone)."""
    return lambda: GenerationTask.objects.filter(
        pk=task_id, status=GenerationTask.Status.PENDING, dispatched_at__isnull=False
    ).update(dispatched_at=timezone.now() - queue_lease())


# --- what a stopped worker or a lost message leaves behind ------------------------------------


def generation_claims_release(*, worker_ids: Collection[str]) -> int:
    """Hand the steps and picture slots these stopped worker runs held to whoever is free.

    Each step goes back to waiting, due at once (the next reconciler pass sends it); the
    attempt it used still counts, so a step that keeps killing its worker ends failed.
    Returns how many steps were handed back.
    """
    if not worker_ids:
        return 0
    released = work_release_claims(
        GenerationTask.objects.all(), worker_ids=worker_ids, fields=TEXT_FIELDS
    )
    for model in (StoryCharacter, Page):
        released += work_release_claims(model.objects.all(), worker_ids=worker_ids)
    image_slots_release(worker_ids=worker_ids)
    if released:
        logger.warning("%s steps of stopped workers handed back", released)
    return released


def generation_resend_waiting() -> int:
    """Send every waiting run and step again as soon as it is due: a worker that stopped
    may have taken their messages with it, or a restarted broker lost them. A run held for
    a review (no dispatch time) stays held. Returns how many."""
    now = timezone.now()
    runs = GenerationTask.objects.filter(
        status=GenerationTask.Status.PENDING, dispatched_at__gt=now - queue_lease()
    ).update(dispatched_at=now - queue_lease())
    count = work_resend_waiting(
        GenerationTask.objects.filter(status=GenerationTask.Status.IN_PROGRESS),
        fields=TEXT_FIELDS,
    )
    for model in (StoryCharacter, Page):
        count += work_resend_waiting(model.objects.all())
    return runs + count
