"""Claims on work rows, shared by every kind of work a worker does: pipeline steps and jobs.

A work row has a status (pending, running, then an end state), a count of attempts, a lease
and a claim mark. A worker takes a row with a conditional UPDATE that writes its mark: the
worker run that took it and a token of that one claim. Every later change is conditional on
that mark, so a second delivery of the same task is a no-op, and a worker whose claim was
handed on (it stopped answering, and another worker took the row) changes nothing, not even
when it takes the same row again.

A waiting row's lease is when it is due plus a queue lease: the reconciler sends it again if
no worker has taken it by then (its message was lost). A running row's lease is the backstop
for claims no worker heartbeat vouches for.

A job model (a drawing someone asked for) has ``status`` (pending, running, done, failed),
``attempts``, ``lease_until``, ``claimed_by``, ``error_code``, ``error_message``,
``created_at``, ``started_at`` and ``finished_at``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.db.models import F, Model, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from storygen.ai.errors import AIProviderUnavailable
from storygen.workers import current_worker_id

PENDING, RUNNING, FAILED = "pending", "running", "failed"


class RetryLater(Exception):
    """Work hit a transient provider error and wants to run again in ``delay`` seconds.

    It has already released its claim and recorded the retry; the task re-queues it.
    """

    def __init__(self, delay: float) -> None:
        super().__init__(f"retry in {delay:.1f}s")
        self.delay = delay


def retry_delay(exc: AIProviderUnavailable, attempt: int) -> float:
    """Seconds before attempt ``attempt + 1``: exponential backoff with jitter.

    Never sooner than the provider's Retry-After, so a rate-limited account is not hit again
    before it said it would accept more.
    """
    ceiling = settings.AI_RETRY_MAX_DELAY
    backoff = min(ceiling, settings.AI_RETRY_BACKOFF_BASE * 2 ** max(0, attempt - 1))
    delay = backoff / 2 + random.uniform(0, backoff / 2)
    if exc.retry_after is not None:
        delay = max(delay, exc.retry_after + random.uniform(0.05, 0.05 + exc.retry_after / 10))
    return delay


@dataclass(frozen=True)
class WorkFields:
    """The names of a work row's fields (a run keeps its text step under other names)."""

    status: str = "status"
    attempts: str = "attempts"
    lease: str = "lease_until"
    claimed_by: str = "claimed_by"


JOB_FIELDS = WorkFields()


def queue_lease() -> timedelta:
    return timedelta(seconds=settings.STORYGEN_QUEUE_LEASE_SECONDS)


def claim_mark() -> str:
    """A new claim's mark: this worker run's identity, "/", and a token of this claim."""
    return f"{current_worker_id()}/{uuid.uuid4().hex[:16]}"


def claim_token(mark: str) -> str:
    """The part of a claim mark that names the claim alone (for file names: a worker whose
    claim was handed on never touches the files of the one that took over)."""
    return mark.rpartition("/")[2]


def claims_of(worker_ids: Collection[str], *, field: str = "claimed_by") -> Q:
    """Rows claimed by any of these worker runs (never rows claimed outside a worker)."""
    ids = [worker_id for worker_id in worker_ids if worker_id]
    if not ids:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": f"{worker_id}/"}) for worker_id in ids))


def work_release_claims(
    rows: QuerySet[Any], *, worker_ids: Collection[str], fields: WorkFields = JOB_FIELDS
) -> int:
    """Hand the running rows these stopped worker runs claimed back as due now; the attempt
    they used still counts, so work that keeps killing its worker ends failed."""
    return rows.filter(
        claims_of(worker_ids, field=fields.claimed_by), **{fields.status: RUNNING}
    ).update(**{fields.status: PENDING, fields.lease: timezone.now(), fields.claimed_by: ""})


def work_resend_waiting(rows: QuerySet[Any], *, fields: WorkFields = JOB_FIELDS) -> int:
    """Stop trusting the broker with the messages of the waiting rows that are due (a worker
    that may have held them stopped, or the broker restarted): the next reconciler pass
    sends them again. A retry whose backoff has not ended keeps it."""
    now = timezone.now()
    due = Q(**{f"{fields.lease}__isnull": True}) | Q(
        **{f"{fields.lease}__gt": now, f"{fields.lease}__lte": now + queue_lease()}
    )
    return rows.filter(due, **{fields.status: PENDING}).update(**{fields.lease: now})


def work_unsent(rows: QuerySet[Any], *, fields: WorkFields = JOB_FIELDS) -> Callable[[], object]:
    """What to do when the broker refused a waiting row's message: make it due, so the
    reconciler sends it again once the broker answers."""
    return lambda: rows.filter(**{fields.status: PENDING}).update(**{fields.lease: timezone.now()})


# --- jobs -------------------------------------------------------------------------------------


def job_claim(rows: QuerySet[Any]) -> QuerySet[Any] | None:
    """Take the job in ``rows`` (one pk) for this worker, with a fresh lease.

    A waiting job, or a running one whose lease expired, can be taken. A job out of
    attempts (AI_MAX_ATTEMPTS) is failed instead. Returns the job's rows as this claim's
    own (for :func:`job_mine`, :func:`job_release`, :func:`job_fail`), or None when this
    worker does not have it.
    """
    now = timezone.now()
    takeable = rows.filter(Q(status=PENDING) | Q(status=RUNNING, lease_until__lt=now))
    limit = settings.AI_MAX_ATTEMPTS
    if takeable.filter(attempts__gte=limit).update(
        status=FAILED,
        error_code="unavailable",
        error_message=f"Gave up after {limit} attempts.",
        lease_until=None,
        claimed_by="",
        finished_at=now,
    ):
        return None
    mark = claim_mark()
    claimed = takeable.filter(attempts__lt=limit).update(
        status=RUNNING,
        attempts=F("attempts") + 1,
        lease_until=now + timedelta(seconds=settings.STORYGEN_STEP_LEASE_SECONDS),
        claimed_by=mark,
        started_at=Coalesce(F("started_at"), Value(now)),
    )
    return rows.filter(claimed_by=mark) if claimed else None


def job_mine(claimed: QuerySet[Any]) -> QuerySet[Any]:
    """The job while this claim still holds it: the only state a worker may end."""
    return claimed.filter(status=RUNNING)


def job_release(claimed: QuerySet[Any], *, delay: float, refund: bool = False) -> None:
    """Put a running job back to waiting for another try in ``delay`` seconds.

    Its attempt counts unless ``refund`` (nothing was tried). The reconciler leaves it
    alone until the retry was due plus a queue lease.
    """
    until = timezone.now() + timedelta(seconds=delay) + queue_lease()
    values: dict[str, Any] = {"status": PENDING, "lease_until": until, "claimed_by": ""}
    if refund:
        values["attempts"] = F("attempts") - 1
    job_mine(claimed).update(**values)


def job_fail(claimed: QuerySet[Any], *, code: str, message: str) -> None:
    """End a running job as failed, saying why (``code``) in words fit for the user."""
    job_mine(claimed).update(
        status=FAILED,
        error_code=code,
        error_message=message,
        lease_until=None,
        claimed_by="",
        finished_at=timezone.now(),
    )


def job_unsent(rows: QuerySet[Any]) -> Callable[[], object]:
    """What to do when the broker refused a job's message (see :func:`work_unsent`)."""
    return work_unsent(rows)


def jobs_resend_waiting(model: type[Model]) -> int:
    """Send waiting jobs again once due (see :func:`work_resend_waiting`). Returns how many."""
    return work_resend_waiting(model._default_manager.all())


def jobs_release(model: type[Model], *, worker_ids: Collection[str]) -> int:
    """Hand the running jobs of these stopped worker runs back (see
    :func:`work_release_claims`). Returns how many."""
    return work_release_claims(model._default_manager.all(), worker_ids=worker_ids)


def jobs_stale(model: type[Model]) -> QuerySet[Any]:
    """Jobs a worker or the broker lost: to be sent again.

    A waiting job once its retry lease has passed (or, never sent back for a retry, once it
    has waited a queue lease since it was created); a running one once its worker's lease
    has expired.
    """
    now = timezone.now()
    return model._default_manager.filter(
        Q(status=PENDING, lease_until__lt=now)
        | Q(status=PENDING, lease_until__isnull=True, created_at__lt=now - queue_lease())
        | Q(status=RUNNING, lease_until__lt=now)
    )
