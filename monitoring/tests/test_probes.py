"""The health and readiness probes: what /readyz checks and what it tells a load balancer."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from storygen import celery as storygen_celery
from storygen import workers
from storygen.heartbeats import (
    worker_available,
    worker_heartbeat_record,
    worker_heartbeats_prune,
    workers_stopped,
    workers_stopped_record,
)
from storygen.models import WorkerHeartbeat
from storygen.testing.processes import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_worker() -> WorkerHeartbeat:
    return worker_heartbeat_record(hostname="celery@worker-a")


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
def broker(redis_server: RedisServer, settings: Any) -> str:
    """A broker that answers (a real redis-server), as the readiness check needs."""
    settings.CELERY_BROKER_URL = redis_server.url
    return redis_server.url


def _checks(response: Any) -> dict[str, Any]:
    return response.json()["checks"]


def test_healthz_answers_without_checking_anything(client: Client) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_when_database_broker_and_a_worker_are_up(
    client: Client, broker: str, live_worker: WorkerHeartbeat
) -> None:
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": {"ok": True}, "broker": {"ok": True}, "worker": {"ok": True}},
    }
    assert "no-cache" in response["Cache-Control"]


def test_not_ready_until_some_worker_has_reported(client: Client) -> None:
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["status"] == "not_ready"
    assert _checks(response)["worker"] == {"ok": False, "reason": "no worker has reported"}
    assert _checks(response)["database"] == {"ok": True}


def test_not_ready_when_the_last_heartbeat_is_too_old(client: Client, settings: Any) -> None:
    settings.STORYGEN_READY_WORKER_MAX_AGE = 60
    WorkerHeartbeat.objects.create(
        worker_id="celery@gone",
        hostname="celery@gone",
        last_seen=timezone.now() - timedelta(seconds=300),
    )
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert "no worker heartbeat for 30" in _checks(response)["worker"]["reason"]


def test_one_fresh_worker_among_dead_ones_is_enough(client: Client, broker: str) -> None:
    WorkerHeartbeat.objects.create(
        worker_id="celery@old-machine",
        hostname="celery@old-machine",
        last_seen=timezone.now() - timedelta(days=1),
    )
    worker_heartbeat_record(hostname="celery@new-machine")
    assert client.get(reverse("readyz")).status_code == 200


def test_a_worker_keeps_one_heartbeat_row_that_moves_forward() -> None:
    first = worker_heartbeat_record(hostname="celery@worker-a").last_seen
    second = worker_heartbeat_record(hostname="celery@worker-a").last_seen
    assert WorkerHeartbeat.objects.count() == 1
    assert second >= first


def test_heartbeats_of_long_gone_workers_are_pruned() -> None:
    WorkerHeartbeat.objects.create(
        worker_id="celery@retired",
        hostname="celery@retired",
        last_seen=timezone.now() - timedelta(days=30),
    )
    worker_heartbeat_record(hostname="celery@current")
    assert worker_heartbeats_prune() == 1
    assert list(WorkerHeartbeat.objects.values_list("hostname", flat=True)) == ["celery@current"]


def test_not_ready_when_the_broker_refuses_connections_and_no_address_leaks(
    client: Client, settings: Any, live_worker: WorkerHeartbeat
) -> None:
    settings.CELERY_BROKER_URL = "redis://:hunter2-secret@127.0.0.1:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60}
    settings.STORYGEN_READY_BROKER_TIMEOUT = 0.5
    started = time.monotonic()
    response = client.get(reverse("readyz"))
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert _checks(response)["broker"]["ok"] is False
    assert _checks(response)["broker"]["reason"].startswith("broker unreachable")
    body = response.content.decode()
    for leak in ("hunter2", "127.0.0.1", "redis://", ":1/"):
        assert leak not in body


def test_the_probes_answer_over_plain_http_when_https_is_enforced(
    settings: Any, broker: str, live_worker: WorkerHeartbeat
) -> None:
    # Load balancers probe over plain HTTP; everything else is redirected to HTTPS.
    from storygen import settings as production

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = production.SECURE_REDIRECT_EXEMPT
    client = Client()
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("readyz")).status_code == 200
    assert client.get(reverse("metrics")).status_code == 301


@pytest.mark.django_db(transaction=True)
def test_a_started_worker_records_heartbeats_until_it_stops(settings: Any) -> None:
    settings.STORYGEN_WORKER_HEARTBEAT_SECONDS = 1
    settings.STORYGEN_WORKER_METRICS_PORT = 0
    storygen_celery.start_heartbeat(sender=SimpleNamespace(hostname="celery@probe-test"))
    try:
        first = WorkerHeartbeat.objects.get(hostname="celery@probe-test").last_seen
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            latest = WorkerHeartbeat.objects.get(hostname="celery@probe-test").last_seen
            if latest > first:
                break
            time.sleep(0.1)
        assert latest > first
    finally:
        storygen_celery.stop_heartbeat()


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_stops_on_purpose_hands_back_its_picture_slot_at_once(
    settings: Any,
) -> None:
    from storygen.models import ImageSlot
    from storygen.slots import image_slot

    settings.STORYGEN_WORKER_METRICS_PORT = 0
    storygen_celery.start_heartbeat(sender=SimpleNamespace(hostname="celery@leaving"))
    worker_id = workers.current_worker_id()
    assert worker_id
    with image_slot() as number:
        assert ImageSlot.objects.get(number=number).claimed_by.startswith(f"{worker_id}/")
        storygen_celery.stop_heartbeat()
        assert ImageSlot.objects.get(number=number).holder == ""
    assert WorkerHeartbeat.objects.get(worker_id=worker_id).stopped_at is not None
    assert workers.current_worker_id() == ""
    assert not worker_available()


def _beat(worker_id: str, *, age: float, pid: int = 0, namespace: str = "") -> None:
    WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname="celery@" + worker_id,
        pid=pid,
        pid_namespace=namespace,
        last_seen=timezone.now() - timedelta(seconds=age),
    )


def test_a_worker_is_stopped_once_silent_longer_than_the_limit(settings: Any) -> None:
    settings.STORYGEN_WORKER_GONE_AFTER = 40
    _beat("quiet", age=41)
    _beat("talking", age=39)
    assert workers_stopped() == ["quiet"]
    assert worker_available()
    assert workers_stopped_record(worker_ids=["quiet"]) == ["quiet"]
    assert workers_stopped() == []  # handled once


def test_a_worker_seen_to_exit_on_this_machine_is_stopped_at_once() -> None:
    import subprocess

    ended = subprocess.Popen(["true"])  # noqa: S607
    ended.wait()
    here = workers.pid_namespace()
    _beat("exited", age=1, pid=ended.pid, namespace=here)
    _beat("alive-here", age=1, pid=os.getpid(), namespace=here)
    # A process in another PID namespace (another container or machine) cannot be looked at.
    _beat("elsewhere", age=1, pid=ended.pid, namespace="another-boot:4026531836")
    assert workers_stopped() == ["exited"]


def test_a_worker_run_is_a_row_of_its_own_and_a_run_taken_for_stopped_stays_stopped(
    settings: Any,
) -> None:
    settings.STORYGEN_WORKER_GONE_AFTER = 40
    first = workers.WorkerIdentity("run-1", "celery@box", "box", 10, "ns")
    second = workers.WorkerIdentity("run-2", "celery@box", "box", 11, "ns")
    worker_heartbeat_record(hostname="celery@box", worker=first)
    worker_heartbeat_record(hostname="celery@box", worker=second)
    assert WorkerHeartbeat.objects.filter(hostname="celery@box").count() == 2
    WorkerHeartbeat.objects.filter(worker_id="run-1").update(
        last_seen=timezone.now() - timedelta(seconds=60)
    )
    assert workers_stopped_record(worker_ids=["run-1", "run-2"]) == ["run-1"]
    # Its claims were handed on: a late beat must not make it a live run again.
    assert worker_heartbeat_record(hostname="celery@box", worker=first) is None
    assert WorkerHeartbeat.objects.get(worker_id="run-1").stopped_at is not None


def test_no_worker_is_available_without_a_fresh_heartbeat(settings: Any) -> None:
    settings.STORYGEN_WORKER_GONE_AFTER = 40
    assert not worker_available()
    _beat("old", age=120)
    assert not worker_available()
