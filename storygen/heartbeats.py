"""Worker heartbeats: which worker runs are alive, and which stopped without handing back
their work.

Each worker run writes a row (storygen.celery beats every STORYGEN_WORKER_HEARTBEAT_SECONDS).
The database is shared by the workers on every machine, so it is where /readyz learns that
some worker runs, where pages learn whether work will be picked up, and where the
reconciler finds the runs whose claims it must hand on. Times are the database's, so
machines with skewed clocks agree.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone

from storygen.models import WorkerHeartbeat
from storygen.workers import WorkerIdentity, current_worker_id, process_gone


def latest_heartbeat() -> datetime | None:
    """When the most recent beat of a running worker was recorded; None if none ever was."""
    latest = WorkerHeartbeat.objects.filter(stopped_at__isnull=True).values_list(
        "last_seen", flat=True
    )[:1]
    return next(iter(latest), None)


def _gone_after() -> timedelta:
    return timedelta(seconds=settings.STORYGEN_WORKER_GONE_AFTER)


def worker_heartbeat_record(
    *, hostname: str, worker: WorkerIdentity | None = None
) -> WorkerHeartbeat | None:
    """Record that a worker is alive now: the worker process run ``worker``, or (without
    one) a worker known by its host name alone.

    The time is the database's, so machines with skewed clocks agree. Returns None when
    this worker run was already taken for stopped (it fell silent, its claims were handed
    on): it must carry on under a new identity, never revive the old one.
    """
    worker_id = (worker.worker_id if worker else hostname)[:64]
    identity: dict[str, Any] = {"hostname": hostname[:255]}
    if worker is not None:
        identity.update(host=worker.host, pid=worker.pid, pid_namespace=worker.pid_namespace[:100])
    rows = WorkerHeartbeat.objects.filter(worker_id=worker_id)
    if not rows.filter(stopped_at__isnull=True).update(last_seen=Now(), **identity):
        if rows.exists():
            return None
        try:
            with transaction.atomic():
                WorkerHeartbeat.objects.create(
                    worker_id=worker_id, last_seen=Now(), started_at=Now(), **identity
                )
        except IntegrityError:  # two first beats of one run at once: the other one won
            pass
    return rows.first()


def _silent() -> Q:
    return Q(last_seen__lt=Now() - _gone_after())


def workers_stopped() -> list[str]:
    """Worker runs that stopped without handing their work back: silent for longer than
    STORYGEN_WORKER_GONE_AFTER seconds (by the database's clock), or (faster) whose process
    is seen to have ended. Never this process's own run."""
    running = WorkerHeartbeat.objects.filter(stopped_at__isnull=True).exclude(
        worker_id=current_worker_id()
    )
    silent = set(running.filter(_silent()).values_list("worker_id", flat=True))
    ended = {
        worker_id
        for worker_id, pid, namespace in running.exclude(worker_id__in=silent).values_list(
            "worker_id", "pid", "pid_namespace"
        )
        if process_gone(pid=pid, namespace=namespace)
    }
    return sorted(silent | ended)


def workers_stopped_record(*, worker_ids: Collection[str]) -> list[str]:
    """Mark these worker runs as stopped, each only if it still is (silent, or its process
    gone: a beat since they were found cancels it). Returns the runs marked, whose claims
    the caller now hands on; their later beats cannot revive them."""
    marked = []
    for worker_id in worker_ids:
        rows = WorkerHeartbeat.objects.filter(worker_id=worker_id, stopped_at__isnull=True)
        row = rows.values_list("pid", "pid_namespace").first()
        if row is None:
            continue
        gone = process_gone(pid=row[0], namespace=row[1])
        if (rows if gone else rows.filter(_silent())).update(stopped_at=Now()):
            marked.append(worker_id)
    return marked


def worker_left_record(*, worker_id: str) -> None:
    """A worker run stopped on purpose, having handed its work back itself."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(stopped_at=Now())


def workers_stopped_forget(*, worker_ids: Collection[str]) -> None:
    """Undo :func:`workers_stopped_record` when their claims could not be handed on, so the
    next pass tries again."""
    WorkerHeartbeat.objects.filter(worker_id__in=list(worker_ids)).update(stopped_at=None)


def worker_available() -> bool:
    """Whether some worker is alive now (a heartbeat younger than the gone-after limit)."""
    return WorkerHeartbeat.objects.filter(stopped_at__isnull=True).exclude(_silent()).exists()


def worker_heartbeats_prune(*, older_than: timedelta = timedelta(days=7)) -> int:
    """Forget workers not heard from in ``older_than`` (hosts replaced by new ones)."""
    deleted, _ = WorkerHeartbeat.objects.filter(last_seen__lt=timezone.now() - older_than).delete()
    return deleted
