"""The worker's reconciler loop."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import User
from storygen import celery
from storygen.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_reconciler_loop_recovers_when_the_database_drops_its_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    passes: list[str] = []
    done = threading.Event()

    def pass_once() -> None:
        try:
            User.objects.count()
            passes.append("ok")
        except Exception:
            passes.append("failed")
        if len(passes) == 1:
            # What a server restart or an idle timeout does to the thread's connection.
            connection.connection.close()
        if len(passes) == 3:
            celery._stop.set()
            done.set()

    monkeypatch.setattr(celery, "_reconcile_once", pass_once)
    celery._stop.clear()
    thread = threading.Thread(target=celery._reconcile_forever, args=(0.01,))
    thread.start()
    assert done.wait(10)
    thread.join(5)

    # The pass after the drop fails once at most; the one after that runs again.
    assert passes[0] == "ok"
    assert passes[2] == "ok"


def test_a_reconciler_pass_forgets_workers_silent_for_a_week() -> None:
    WorkerHeartbeat.objects.create(
        worker_id="old", hostname="old", last_seen=timezone.now() - timedelta(days=8)
    )
    WorkerHeartbeat.objects.create(worker_id="new", hostname="new", last_seen=timezone.now())
    celery._reconcile_once()
    assert list(WorkerHeartbeat.objects.values_list("hostname", flat=True)) == ["new"]


def test_a_reconciler_pass_forgets_usage_charges_older_than_a_month(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from accounts import usage
    from accounts.models import UsageCharge
    from accounts.tests.factories import UserFactory

    monkeypatch.setattr(usage, "_pruned_at", None)  # this process has not pruned yet
    user = UserFactory()
    UsageCharge.objects.create(
        user=user, kind="story", amount=1, created_at=timezone.now() - timedelta(days=31)
    )
    recent = UsageCharge.objects.create(user=user, kind="story", amount=1)
    celery._reconcile_once()
    assert list(UsageCharge.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_reconciler_passes_of_the_next_hour_leave_the_usage_ledger_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.test.utils import CaptureQueriesContext

    from accounts import usage

    monkeypatch.setattr(usage, "_pruned_at", None)
    celery._reconcile_once()
    with CaptureQueriesContext(connection) as later:
        celery._reconcile_once()
        celery._reconcile_once()

    assert later.captured_queries  # the passes ran
    assert not [q for q in later.captured_queries if "accounts_usagecharge" in q["sql"]]


def test_the_reconciler_looks_after_every_kind_of_work_the_apps_hand_out() -> None:
    from storygen.upkeep import upkeep_all

    kinds = {upkeep.name: upkeep for upkeep in upkeep_all()}
    assert set(kinds) == {
        "usage ledger",
        "story runs",
        "page redraws",
        "held stories",
        "character sheets",
    }
    # Every kind of work a worker claims is handed back when its worker stops.
    for name in ("story runs", "page redraws", "character sheets"):
        assert None not in (kinds[name].release, kinds[name].resend, kinds[name].reconcile)
