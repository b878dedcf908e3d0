"""The health and readiness probes: what /readyz checks and what it tells a load balancer."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitoring.models import WorkerHeartbeat
from monitoring.readiness import worker_heartbeat_record, worker_heartbeats_prune
from storygen import celery as storygen_celery

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_worker() -> WorkerHeartbeat:
    return worker_heartbeat_record(hostname="celery@worker-a")


def _checks(response: Any) -> dict[str, Any]:
    return response.json()["checks"]


def test_healthz_answers_without_checking_anything(client: Client) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_when_database_broker_and_a_worker_are_up(
    client: Client, live_worker: WorkerHeartbeat
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
        hostname="celery@gone", last_seen=timezone.now() - timedelta(seconds=300)
    )
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert "no worker heartbeat for 30" in _checks(response)["worker"]["reason"]


def test_one_fresh_worker_among_dead_ones_is_enough(client: Client) -> None:
    WorkerHeartbeat.objects.create(
        hostname="celery@old-machine", last_seen=timezone.now() - timedelta(days=1)
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
        hostname="celery@retired", last_seen=timezone.now() - timedelta(days=30)
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


def test_not_ready_when_the_file_broker_folder_is_missing(
    client: Client, settings: Any, tmp_path: Path, live_worker: WorkerHeartbeat
) -> None:
    settings.CELERY_BROKER_URL = "filesystem://localhost/"
    missing = str(tmp_path / "no-such-folder")
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": missing,
        "data_folder_out": missing,
        "control_folder": missing,
    }
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert _checks(response)["broker"] == {
        "ok": False,
        "reason": "broker folder missing or not writable",
    }
    assert str(tmp_path) not in response.content.decode()


def test_the_probes_answer_over_plain_http_when_https_is_enforced(
    settings: Any, live_worker: WorkerHeartbeat
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
