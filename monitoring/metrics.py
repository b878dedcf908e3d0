"""Storygen's Prometheus metrics: the families, where they are counted, and the scrape.

Labels only ever take values from short fixed sets (outcomes, provider names, kinds of
call, queue names): never a user, story or page id, and never a URL, so the number of
series stays the same however many stories there are.

Counted in the process where the work happens. With ``PROMETHEUS_MULTIPROC_DIR`` set (the
gunicorn configuration sets it), every process writes its counts to files in that folder and
a scrape sums them, so /metrics is the same whichever gunicorn worker answers it, and Celery
workers on the same machine that share the folder are included. Without it each process
serves only its own counts; a worker serves them on ``STORYGEN_WORKER_METRICS_PORT``. What
can be read from the database (queue depth and age, runs by status, live workers) is
computed once per scrape.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from accounts.permissions import administrator_passed

# The AI call families are defined beside the provider wrapper that counts them; importing
# it here registers them for every scrape, before any provider is built.
from storygen.ai import metered  # noqa: F401

logger = logging.getLogger(__name__)

# --- families -------------------------------------------------------------------------------

# The *_created twin of every counter and histogram doubles the series for nothing a
# dashboard uses.
disable_created_metrics()

RUN_OUTCOMES = ("completed", "partial", "failed")
HOLD_STAGES = ("input", "text", "page")
QUEUES = ("text", "images")

generation_tasks = Counter(
    "storygen_generation_tasks",
    "Generation runs finished, by outcome (completed, partial: some pictures missing, failed).",
    ["outcome"],
)
generation_task_duration = Histogram(
    "storygen_generation_task_duration_seconds",
    "Wall time of a generation run, from its start to its end.",
    buckets=(5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, float("inf")),
)
page_retries = Counter(
    "storygen_page_retries",
    "Page pictures tried again after a transient provider error.",
)
page_failures = Counter(
    "storygen_page_failures",
    "Pages a finished run left without a picture (failed or blocked).",
)
moderation_holds = Counter(
    "storygen_moderation_holds",
    "Content held back by a safety check, by stage (input, text, page).",
    ["stage"],
)

# Every outcome exists from the start, so a dashboard sees 0 rather than no data.
for _outcome in RUN_OUTCOMES:
    generation_tasks.labels(_outcome)
for _stage in HOLD_STAGES:
    moderation_holds.labels(_stage)


def _bounded(value: str, allowed: Sequence[str], other: str = "other") -> str:
    return value if value in allowed else other


# --- runs, retries and holds, from the models -----------------------------------------------
# The pipeline records everything on GenerationTask rows; these receivers turn the changes
# into counts. A snapshot taken when a row is loaded tells a save that finishes a run (or
# adds a page retry) from every other save.


def record_moderation_hold(stage: str, count: int = 1) -> None:
    """Count ``count`` pieces of content held back by a safety check at ``stage``."""
    if count > 0:
        moderation_holds.labels(_bounded(stage, HOLD_STAGES, "input")).inc(count)


def _snapshot(instance: Any) -> tuple[str, int]:
    retries = instance.retry_counts_by_page or {}
    return instance.status, sum(int(n) for n in retries.values())


def _run_loaded(sender: Any, instance: Any, **_: Any) -> None:
    instance._metrics_snapshot = _snapshot(instance)


def _run_saved(sender: Any, instance: Any, created: bool, **_: Any) -> None:
    from stories.models import GenerationTask, Page, StepStatus

    before_status, before_retries = getattr(instance, "_metrics_snapshot", (None, 0))
    status, retries = _snapshot(instance)
    instance._metrics_snapshot = (status, retries)
    if retries > before_retries:
        added = retries - before_retries
        transaction.on_commit(lambda: page_retries.inc(added))
    finished = {GenerationTask.Status.COMPLETED, GenerationTask.Status.FAILED}
    if status not in finished or before_status in finished or (before_status is None and created):
        return
    if status == GenerationTask.Status.FAILED:
        outcome = "failed"
    else:
        outcome = "partial" if instance.failed_pages_count else "completed"
    seconds = instance.duration_ms / 1000 if instance.duration_ms is not None else None
    undrawn = instance.failed_pages_count
    text_blocked = instance.text_status == StepStatus.BLOCKED
    story_id = instance.story_id

    def count() -> None:
        generation_tasks.labels(outcome).inc()
        if seconds is not None:
            generation_task_duration.observe(seconds)
        if undrawn:
            page_failures.inc(undrawn)
            record_moderation_hold(
                "page", Page.objects.filter(story_id=story_id, status=StepStatus.BLOCKED).count()
            )
        if text_blocked:
            record_moderation_hold("text")

    transaction.on_commit(count)


def _story_held(sender: Any, stage: str, **_: Any) -> None:
    record_moderation_hold(stage)


def connect_signals() -> None:
    """Attach the receivers above (called once, from the app's ``ready()``)."""
    from celery.signals import worker_ready
    from django.db.models.signals import post_init, post_save

    from stories.models import GenerationTask
    from stories.signals import story_held

    post_init.connect(_run_loaded, sender=GenerationTask, dispatch_uid="metrics_run_loaded")
    post_save.connect(_run_saved, sender=GenerationTask, dispatch_uid="metrics_run_saved")
    story_held.connect(_story_held, dispatch_uid="metrics_story_held")
    worker_ready.connect(_serve_worker_metrics, dispatch_uid="metrics_worker_ready", weak=False)


# --- computed at scrape time from the database ----------------------------------------------


class DatabaseCollector(Collector):
    """Queue depth and age, runs by status and live workers, read from the database.

    The database is the source of truth for the work, so every process reports the same
    figures; the broker is never asked. A database error leaves these out of one scrape.
    """

    def describe(self) -> list[GaugeMetricFamily]:
        # Describing must not touch the database (the registry calls it at import time).
        return list(self._families())

    def _families(self) -> tuple[GaugeMetricFamily, ...]:
        return (
            GaugeMetricFamily(
                "storygen_queue_depth",
                "Work waiting for a worker: runs and story texts (text), pictures (images).",
                labels=["queue"],
            ),
            GaugeMetricFamily(
                "storygen_queue_oldest_age_seconds",
                "Age of the oldest waiting work in each queue (0 when the queue is empty).",
                labels=["queue"],
            ),
            GaugeMetricFamily(
                "storygen_generation_runs",
                "Generation runs by status.",
                labels=["status"],
            ),
            GaugeMetricFamily(
                "storygen_workers_alive",
                "Workers whose heartbeat is recent enough for /readyz.",
            ),
        )

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            figures = _database_figures()
        except Exception as exc:
            logger.warning("metrics: database figures unavailable (%s)", type(exc).__name__)
            return
        depth, age, runs, workers = self._families()
        for queue in QUEUES:
            depth.add_metric([queue], figures["depth"][queue])
            age.add_metric([queue], figures["age"][queue])
        for status, count in figures["runs"].items():
            runs.add_metric([status], count)
        workers.add_metric([], figures["workers"])
        yield from (depth, age, runs, workers)


def _database_figures() -> dict[str, Any]:
    from characters.models import CharacterImageJob
    from stories.models import GenerationTask, Page, PageRedrawJob, StepStatus, StoryCharacter
    from storygen.models import WorkerHeartbeat

    now = timezone.now()
    run_counts = dict.fromkeys(GenerationTask.Status.values, 0)
    for status, n in (
        GenerationTask.objects.order_by().values_list("status").annotate(n=Count("pk"))
    ):
        run_counts[status] = n

    waiting_runs = GenerationTask.objects.filter(status=GenerationTask.Status.PENDING)
    waiting_texts = GenerationTask.objects.filter(
        status=GenerationTask.Status.IN_PROGRESS, text_status=StepStatus.PENDING
    )
    text_depth = run_counts[GenerationTask.Status.PENDING] + waiting_texts.count()
    text_oldest = waiting_runs.aggregate(oldest=Min("created_at"))["oldest"]

    pages = Page.objects.filter(status=StepStatus.PENDING).aggregate(
        n=Count("pk"), oldest=Min("created_at")
    )
    redraws = PageRedrawJob.objects.filter(status=PageRedrawJob.Status.PENDING).aggregate(
        n=Count("pk"), oldest=Min("created_at")
    )
    portraits = CharacterImageJob.objects.filter(status=CharacterImageJob.Status.PENDING).aggregate(
        n=Count("pk"), oldest=Min("created_at")
    )
    sheets = StoryCharacter.objects.filter(status=StepStatus.PENDING).count()
    image_depth = pages["n"] + redraws["n"] + portraits["n"] + sheets
    image_oldest = min(
        (t for t in (pages["oldest"], redraws["oldest"], portraits["oldest"]) if t), default=None
    )

    fresh = now - timedelta(seconds=settings.STORYGEN_READY_WORKER_MAX_AGE)
    return {
        "depth": {"text": text_depth, "images": image_depth},
        "age": {
            "text": (now - text_oldest).total_seconds() if text_oldest else 0.0,
            "images": (now - image_oldest).total_seconds() if image_oldest else 0.0,
        },
        "runs": run_counts,
        "workers": WorkerHeartbeat.objects.filter(last_seen__gte=fresh).count(),
    }


REGISTRY.register(DatabaseCollector())

# --- serving --------------------------------------------------------------------------------


def _multiprocess_dir() -> str:
    # prometheus_client chose where counts live from this variable when it was imported,
    # before settings existed; reading the same variable keeps the scrape in step with it.
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def scrape_registry() -> CollectorRegistry:
    """The registry a scrape reads: this process's own, or, in multiprocess mode, the sum
    of every process's files plus the database figures (computed once, not per process).

    In multiprocess mode ``python_info`` is the same in every process and is kept; the
    ``process_*`` and ``python_gc_*`` families describe one process only (whichever worker
    answered the scrape), so they are left out rather than jump between workers.
    """
    folder = _multiprocess_dir()
    if not folder:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=folder)
    PlatformCollector(registry=registry)
    registry.register(DatabaseCollector())
    return registry


def metrics_response() -> HttpResponse:
    """Every metric, in Prometheus' text format (no access check): this process's, or every
    process's sharing the multiprocess folder."""
    return HttpResponse(generate_latest(scrape_registry()), content_type=CONTENT_TYPE_LATEST)


def metrics_allowed(request: HttpRequest) -> bool:
    """May this request read /metrics? An administrator's session (past two-factor sign-in),
    the configured bearer token (compared in constant time), or a client address on the allowlist.

    The address is REMOTE_ADDR: a client cannot claim an address with X-Forwarded-For.
    """
    if administrator_passed(request):
        return True
    token = settings.STORYGEN_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        offered = header.removeprefix("Bearer ").strip()
        if hmac.compare_digest(offered.encode(), token.encode()):
            return True
    return _address_allowed(request.META.get("REMOTE_ADDR", ""))


def _address_allowed(address: str) -> bool:
    allowed = settings.STORYGEN_METRICS_ALLOWED_IPS
    if not allowed or not address:
        return False
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if client in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            logger.warning("STORYGEN_METRICS_ALLOWED_IPS has an entry that is not an address")
    return False


_server_lock = threading.Lock()
_server_started = False


def start_worker_metrics_server() -> bool:
    """Serve this worker's metrics on STORYGEN_WORKER_METRICS_PORT (once per process).

    In multiprocess mode it serves the sum of the shared folder, as /metrics does. Returns
    whether a server is running. Bind it to an internal address only: it has no access check
    of its own.
    """
    global _server_started
    port = settings.STORYGEN_WORKER_METRICS_PORT
    if port <= 0:
        return False
    with _server_lock:
        if not _server_started:
            from prometheus_client import start_http_server

            start_http_server(
                port, addr=settings.STORYGEN_WORKER_METRICS_ADDR, registry=scrape_registry()
            )
            _server_started = True
            logger.info("worker metrics served on port %s", port)
    return True


def _serve_worker_metrics(**_: Any) -> None:
    """A worker that is ready serves its metrics when STORYGEN_WORKER_METRICS_PORT is set."""
    try:
        start_worker_metrics_server()
    except OSError:
        logger.exception("worker metrics server could not start")
