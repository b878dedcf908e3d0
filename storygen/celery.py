"""The Celery application: fixed reliability settings, queues, and the worker's reconciler."""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Any

from celery import Celery
from celery.signals import (
    before_task_publish,
    task_postrun,
    task_prerun,
    worker_ready,
    worker_shutdown,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storygen.settings")

logger = logging.getLogger(__name__)

app = Celery("storygen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    # The database is the source of truth for every job; nothing reads task results.
    task_ignore_result=True,
    # A task is acknowledged only after it ran, and handed back if its worker dies, so a
    # killed worker loses nothing. Every task is idempotent, which makes this safe.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    worker_pool="threads",
    task_default_queue="text",
    task_routes={
        "stories.tasks.sheet_draw": {"queue": "images"},
        "stories.tasks.page_draw": {"queue": "images"},
        "stories.tasks.page_redraw": {"queue": "images"},
        "characters.tasks.character_image_draw": {"queue": "images"},
    },
    # Publishing must not hang a web request when the broker is down: give up after ~2 s
    # and let the reconciler send the work once the broker is back.
    task_publish_retry_policy={
        "max_retries": 3,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 1,
    },
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    worker_send_task_events=False,
)
app.autodiscover_tasks()

QUEUES = "text,images"


def worker_command(*, concurrency: int | None = None, loglevel: str = "INFO") -> list[str]:
    """The command line of a worker process for this app (thread pool, both queues)."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "storygen",
        "worker",
        "--pool=threads",
        f"--queues={QUEUES}",
        f"--loglevel={loglevel}",
        # Workers coordinate through the database; broker-side chatter is not needed.
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if concurrency is not None:
        command.append(f"--concurrency={concurrency}")
    return command


_stop = threading.Event()


def _reconcile_once() -> None:
    """One pass over every kind of queued work: story runs, page redraws, character sheets,
    and stories held while moderation was unavailable; then forget long-silent workers."""
    from characters.services import character_image_jobs_reconcile
    from moderation.gate import moderation_reconcile
    from monitoring.readiness import worker_heartbeats_prune
    from stories.services import generation_reconcile, page_redraw_jobs_reconcile

    for reconcile in (
        generation_reconcile,
        page_redraw_jobs_reconcile,
        character_image_jobs_reconcile,
        moderation_reconcile,
        worker_heartbeats_prune,
    ):
        try:
            reconcile()
        except Exception:
            logger.exception("reconciler pass failed")


def _reconcile_forever(interval: int) -> None:
    from django.db import close_old_connections

    while not _stop.is_set():
        # The loop's thread keeps its own database connection: one the server dropped (a
        # restart, an idle timeout, a failover) is replaced before the next pass.
        close_old_connections()
        try:
            _reconcile_once()
        finally:
            close_old_connections()
        _stop.wait(interval)


@worker_ready.connect
def start_reconciler(**_: Any) -> None:
    """Re-send stalled work at worker start, then keep doing so every few seconds.

    Every worker runs the loop; passes are idempotent, so several workers agree.
    """
    from django.conf import settings

    interval = settings.STORYGEN_RECONCILE_INTERVAL
    if interval <= 0:
        _reconcile_once()
        return
    _stop.clear()
    threading.Thread(
        target=_reconcile_forever, args=(interval,), name="reconciler", daemon=True
    ).start()


@worker_shutdown.connect
def stop_reconciler(**_: Any) -> None:
    _stop.set()


# --- heartbeat and metrics ------------------------------------------------------------------
# Each worker writes a heartbeat row in the database (shared by every worker on every
# machine, whatever the broker); /readyz wants a recent one.

_heartbeat_stop = threading.Event()


def _beat(hostname: str) -> None:
    from django.db import close_old_connections

    from monitoring.readiness import worker_heartbeat_record

    close_old_connections()
    try:
        worker_heartbeat_record(hostname=hostname)
    except Exception:
        logger.exception("worker heartbeat could not be recorded")
    finally:
        close_old_connections()


def _beat_forever(hostname: str, interval: int) -> None:
    while not _heartbeat_stop.wait(interval):
        _beat(hostname)


@worker_ready.connect
def start_heartbeat(sender: Any = None, **_: Any) -> None:
    """Record the worker as alive now and every STORYGEN_WORKER_HEARTBEAT_SECONDS after;
    serve its metrics when STORYGEN_WORKER_METRICS_PORT is set."""
    from django.conf import settings

    from monitoring.metrics import start_worker_metrics_server

    hostname = str(getattr(sender, "hostname", "") or "worker")
    _heartbeat_stop.clear()
    _beat(hostname)
    threading.Thread(
        target=_beat_forever,
        args=(hostname, max(1, settings.STORYGEN_WORKER_HEARTBEAT_SECONDS)),
        name="heartbeat",
        daemon=True,
    ).start()
    try:
        start_worker_metrics_server()
    except OSError:
        logger.exception("worker metrics server could not start")


@worker_shutdown.connect
def stop_heartbeat(**_: Any) -> None:
    _heartbeat_stop.set()


# The request id travels with the tasks a request sends, so a worker's log lines for that
# work carry the id of the request that asked for it.


@before_task_publish.connect
def _send_request_id(headers: dict[str, Any] | None = None, **_: Any) -> None:
    from storygen.logging import request_id

    if headers is not None and request_id.get() != "-":
        headers.setdefault("request_id", request_id.get())


@task_prerun.connect
def _adopt_request_id(task: Any = None, **_: Any) -> None:
    from storygen.logging import clean_request_id, request_id

    incoming = clean_request_id(getattr(getattr(task, "request", None), "request_id", None))
    if incoming and task is not None and not task.request.is_eager:
        task.request._request_id_token = request_id.set(incoming)


@task_postrun.connect
def _drop_request_id(task: Any = None, **_: Any) -> None:
    from storygen.logging import request_id

    token = getattr(getattr(task, "request", None), "_request_id_token", None)
    if token is not None:
        task.request._request_id_token = None
        try:
            request_id.reset(token)
        except ValueError:  # set in another context: nothing of ours to undo here
            request_id.set("-")
