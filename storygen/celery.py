"""The Celery application: fixed reliability settings, queues, and the worker's reconciler."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from typing import Any

from celery import Celery
from celery.signals import (
    before_task_publish,
    task_postrun,
    task_prerun,
    worker_ready,
    worker_shutdown,
)

from storygen.broker import broker_run_id, patch_kombu_redis
from storygen.upkeep import upkeep_all
from storygen.workers import current_worker, current_worker_id, worker_start, worker_stop

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storygen.settings")
patch_kombu_redis()

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


def worker_command(
    *, concurrency: int | None = None, loglevel: str = "INFO", quiet: bool = False
) -> list[str]:
    """The command line of a worker process for this app (thread pool, both queues);
    ``quiet`` leaves out Celery's start-up banner."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "storygen",
        *(["--quiet"] if quiet else []),
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


def _release_claims(worker_ids: list[str]) -> bool:
    """Hand every step, job and picture slot these worker runs had claimed to whoever is
    free. Returns whether every kind of work was handed back."""
    released = True
    for upkeep in upkeep_all():
        if upkeep.release is None:
            continue
        try:
            upkeep.release(worker_ids=worker_ids)
        except Exception:
            logger.exception("claims of stopped workers could not be released (%s)", upkeep.name)
            released = False
    return released


def _resend_waiting() -> None:
    """Send every waiting run, step and job again once it is due: a worker that stopped may
    have taken their messages with it, or a broker that restarted may have lost them."""
    for upkeep in upkeep_all():
        if upkeep.resend is None:
            continue
        try:
            upkeep.resend()
        except Exception:
            logger.exception("waiting work could not be marked for sending again (%s)", upkeep.name)


# The broker server's run id at the last pass: a new one means it restarted in between.
_broker_run: str | None = None


def _broker_restarted() -> bool:
    """Whether the broker (re)started since the last pass; its first sighting counts, as
    messages may have been lost while no worker was watching."""
    global _broker_run
    from django.conf import settings

    run = broker_run_id(
        settings.CELERY_BROKER_URL,
        transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        ssl=getattr(settings, "CELERY_BROKER_USE_SSL", None),
    )
    if run is None or run == _broker_run:
        return False
    _broker_run = run
    return True


# When this process last recorded its own heartbeat (monotonic seconds). A worker that
# cannot write its own heartbeat (the database stalls) must not judge others silent.
_last_beat: float | None = None


def _may_judge_others() -> bool:
    from django.conf import settings

    if current_worker() is None:
        return True
    return _last_beat is not None and (
        time.monotonic() - _last_beat < settings.STORYGEN_WORKER_GONE_AFTER / 2
    )


def _hand_back_stopped() -> bool:
    """Mark the worker runs that stopped and hand their claims on; True when any was."""
    from storygen import heartbeats

    if not _may_judge_others():
        return False
    stopped = heartbeats.workers_stopped_record(worker_ids=heartbeats.workers_stopped())
    if not stopped:
        return False
    if not _release_claims(stopped):
        heartbeats.workers_stopped_forget(worker_ids=stopped)  # the next pass tries again
        return False
    logger.warning("handed back the work of %s stopped worker(s)", len(stopped))
    return True


def _reconcile_once() -> None:
    """One pass: first hand back the work of workers that stopped (and, after a stop or a
    broker restart, send waiting work again: its messages may be gone), then let every app
    re-send its stalled work (story runs, page redraws, character sheets, stories held while
    moderation was unavailable) and tidy up; then forget long-silent workers."""
    from storygen import heartbeats

    try:
        handed_back = _hand_back_stopped()
    except Exception:
        logger.exception("stopped workers could not be looked for")
        handed_back = False
    if _broker_restarted() or handed_back:
        # Their messages may be gone: waiting work is sent again once due.
        _resend_waiting()
    for upkeep in upkeep_all():
        if upkeep.reconcile is None:
            continue
        try:
            upkeep.reconcile()
        except Exception:
            logger.exception("reconciler pass failed (%s)", upkeep.name)
    try:
        heartbeats.worker_heartbeats_prune()
    except Exception:
        logger.exception("old worker heartbeats could not be forgotten")


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
_heartbeat_thread: threading.Thread | None = None


def _beat(hostname: str) -> None:
    global _last_beat
    from django.db import close_old_connections

    from storygen import heartbeats

    worker = current_worker()
    if worker is None:  # stopping
        return
    close_old_connections()
    try:
        if heartbeats.worker_heartbeat_record(hostname=hostname, worker=worker) is None:
            # Taken for stopped while it could not beat (its claims were handed on): it
            # carries on as a new worker run rather than reviving the old one.
            logger.warning("this worker was silent too long; it carries on as a new run")
            heartbeats.worker_heartbeat_record(hostname=hostname, worker=worker_start(hostname))
        _last_beat = time.monotonic()
    except Exception:
        logger.exception("worker heartbeat could not be recorded")
    finally:
        close_old_connections()


def _beat_forever(hostname: str, interval: int) -> None:
    while not _heartbeat_stop.wait(interval):
        _beat(hostname)


@worker_ready.connect
def start_heartbeat(sender: Any = None, **_: Any) -> None:
    """Give this worker run its identity, record it as alive now and every
    STORYGEN_WORKER_HEARTBEAT_SECONDS after."""
    from django.conf import settings

    global _heartbeat_thread
    hostname = str(getattr(sender, "hostname", "") or "worker")
    worker_start(hostname)
    _heartbeat_stop.clear()
    _beat(hostname)
    _heartbeat_thread = threading.Thread(
        target=_beat_forever,
        args=(hostname, max(1, settings.STORYGEN_WORKER_HEARTBEAT_SECONDS)),
        name="heartbeat",
        daemon=True,
    )
    _heartbeat_thread.start()


@worker_shutdown.connect
def stop_heartbeat(**_: Any) -> None:
    """A worker that stops on purpose hands back whatever it still holds at once."""
    from django.db import close_old_connections

    from storygen import heartbeats

    _heartbeat_stop.set()
    worker_id = current_worker_id()
    if not worker_id:
        return
    worker_stop()
    if _heartbeat_thread is not None:
        _heartbeat_thread.join(timeout=10)  # a beat in flight must not revive this run
    close_old_connections()
    try:
        if _release_claims([worker_id]):
            heartbeats.worker_left_record(worker_id=worker_id)
    except Exception:
        logger.exception("worker could not hand back its work on the way out")
    finally:
        close_old_connections()


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
