"""The life of a drawing job row, shared by every kind of job a worker draws.

A job model has ``status`` (pending, running, done, failed), ``attempts``, ``lease_until``,
``error_code``, ``error_message``, ``created_at``, ``started_at`` and ``finished_at``.
Every change is a conditional UPDATE, so a second delivery of the same task is a no-op.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import F, Model, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

PENDING, RUNNING, FAILED = "pending", "running", "failed"


def job_claim(rows: QuerySet[Any]) -> bool:
    """Take the job in ``rows`` (one pk) for this worker, with a fresh lease.

    A waiting job, or a running one whose worker's lease expired, can be taken. A job out
    of attempts (AI_MAX_ATTEMPTS) is failed instead. Returns whether this worker has it.
    """
    now = timezone.now()
    rows = rows.filter(Q(status=PENDING) | Q(status=RUNNING, lease_until__lt=now))
    limit = settings.AI_MAX_ATTEMPTS
    if rows.filter(attempts__gte=limit).update(
        status=FAILED,
        error_code="unavailable",
        error_message=f"Gave up after {limit} attempts.",
        lease_until=None,
        finished_at=now,
    ):
        return False
    lease = now + timedelta(seconds=settings.STORYGEN_STEP_LEASE_SECONDS)
    return bool(
        rows.filter(attempts__lt=limit).update(
            status=RUNNING,
            attempts=F("attempts") + 1,
            lease_until=lease,
            started_at=Coalesce(F("started_at"), Value(now)),
        )
    )


def job_release(rows: QuerySet[Any], *, delay: float, refund: bool = False) -> None:
    """Put a running job back to waiting for another try in ``delay`` seconds.

    Its attempt counts unless ``refund`` (nothing was tried). The reconciler leaves it
    alone until the retry was due plus a queue lease.
    """
    until = timezone.now() + timedelta(seconds=delay + settings.STORYGEN_QUEUE_LEASE_SECONDS)
    values: dict[str, Any] = {"status": PENDING, "lease_until": until}
    if refund:
        values["attempts"] = F("attempts") - 1
    rows.filter(status=RUNNING).update(**values)


def job_fail(rows: QuerySet[Any], *, code: str, message: str) -> None:
    """End a running job as failed, saying why (``code``) in words fit for the user."""
    rows.filter(status=RUNNING).update(
        status=FAILED,
        error_code=code,
        error_message=message,
        lease_until=None,
        finished_at=timezone.now(),
    )


def jobs_stale(model: type[Model]) -> QuerySet[Any]:
    """Jobs a worker or the broker lost: to be sent again.

    A waiting job once its retry lease has passed (or, never sent back for a retry, once it
    has waited a queue lease since it was created); a running one once its worker's lease
    has expired.
    """
    now = timezone.now()
    queue_lease = timedelta(seconds=settings.STORYGEN_QUEUE_LEASE_SECONDS)
    return model._default_manager.filter(
        Q(status=PENDING, lease_until__lt=now)
        | Q(status=PENDING, lease_until__isnull=True, created_at__lt=now - queue_lease)
        | Q(status=RUNNING, lease_until__lt=now)
    )
