"""Claims carry their worker: a stopped worker's work moves on at once, a late one is ignored."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from stories import services
from stories.models import GenerationTask, Page, PageRedrawJob, StepStatus
from stories.services.steps import Claim, Step
from stories.tests.providers import ScriptedProvider
from storygen import celery, workers
from storygen.jobs import job_claim, job_fail
from storygen.media import media_path
from storygen.models import ImageSlot, WorkerHeartbeat
from storygen.workers import WorkerIdentity

pytestmark = pytest.mark.django_db

LEASE = timedelta(seconds=600)


@pytest.fixture
def as_worker(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], WorkerIdentity]:
    """Act as the worker run ``name`` (its claims carry that identity)."""

    def switch(name: str) -> WorkerIdentity:
        identity = WorkerIdentity(
            worker_id=name, nodename=f"celery@{name}", host="elsewhere", pid=0, pid_namespace=""
        )
        monkeypatch.setattr(workers, "_current", identity)
        return identity

    return switch


def _heartbeat(worker_id: str, *, age: float, pid: int = 0, namespace: str = "") -> None:
    WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname=f"celery@{worker_id}",
        pid=pid,
        pid_namespace=namespace,
        last_seen=timezone.now() - timedelta(seconds=age),
    )


def _finished_run(
    user: User, story_request: dict[str, Any], run_pipeline: Callable[..., Any]
) -> GenerationTask:
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED
    return task


def _page_held_by(task: GenerationTask, worker_id: str) -> Page:
    """Rewind: page 2 is being drawn by ``worker_id`` (a worker run, or a full claim mark),
    with most of its lease still to run."""
    page = Page.objects.get(story_id=task.story_id, number=2)
    mark = worker_id if "/" in worker_id or not worker_id else f"{worker_id}/claim-1"
    Page.objects.filter(pk=page.pk).update(
        status=StepStatus.RUNNING,
        claimed_by=mark,
        lease_until=timezone.now() + LEASE,
        image="",
    )
    GenerationTask.objects.filter(pk=task.pk).update(status=GenerationTask.Status.IN_PROGRESS)
    return page


def test_a_claim_records_the_worker_that_took_it(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "")
    Page.objects.filter(pk=page.pk).update(status=StepStatus.PENDING, lease_until=None)
    as_worker("worker-a")
    assert Step(rows=Page.objects.filter(pk=page.pk), task_id=task.pk).claim() is Claim.CLAIMED
    assert Page.objects.get(pk=page.pk).claimed_by.startswith("worker-a/")


def test_the_page_of_a_worker_that_went_silent_is_drawn_again_long_before_its_lease_ends(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "worker-a")
    _heartbeat("worker-a", age=300)  # silent for five minutes: it has stopped
    before = provider.calls["page"]

    run_pipeline(celery._reconcile_once)

    assert provider.calls["page"] == before + 1
    page.refresh_from_db()
    assert (page.status, page.claimed_by) == (StepStatus.DONE, "")
    assert page.image
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED
    # Handled once: the worker run is marked, so the next pass does not look at it again.
    assert WorkerHeartbeat.objects.get(worker_id="worker-a").stopped_at is not None


def test_the_page_of_a_worker_whose_process_ended_here_is_drawn_again_at_once(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    _page_held_by(task, "worker-a")
    ended = subprocess.Popen(["true"])  # noqa: S607 - a process that is certainly gone
    ended.wait()
    # Its heartbeat is only a second old, but its process is seen to be gone.
    _heartbeat("worker-a", age=1, pid=ended.pid, namespace=workers.pid_namespace())
    before = provider.calls["page"]

    run_pipeline(celery._reconcile_once)

    assert provider.calls["page"] == before + 1
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED


def test_a_worker_that_is_alive_keeps_its_claims(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "worker-a")
    _heartbeat("worker-a", age=5)  # on another machine, heard from five seconds ago
    before = provider.calls["page"]

    run_pipeline(celery._reconcile_once)

    assert provider.calls["page"] == before
    page.refresh_from_db()
    assert (page.status, page.claimed_by) == (StepStatus.RUNNING, "worker-a/claim-1")


def test_a_worker_whose_claim_was_handed_on_cannot_end_the_step(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "")
    Page.objects.filter(pk=page.pk).update(status=StepStatus.PENDING, lease_until=None)
    rows = Page.objects.filter(pk=page.pk)
    as_worker("worker-a")
    step_a = Step(rows=rows, task_id=task.pk)
    assert step_a.claim() is Claim.CLAIMED
    # worker-a falls silent; its page is handed on and worker-b takes it.
    services.generation_claims_release(worker_ids=["worker-a"])
    as_worker("worker-b")
    step_b = Step(rows=rows, task_id=task.pk)
    assert step_b.claim() is Claim.CLAIMED

    # worker-a wakes up and reports its late result: nothing changes.
    assert step_a.finish(StepStatus.DONE) == 0
    step_a.release(1.0)
    page.refresh_from_db()
    assert (page.status, page.claimed_by) == (StepStatus.RUNNING, step_b.mark)


def test_a_worker_that_takes_a_step_again_cannot_end_it_through_its_earlier_claim(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
) -> None:
    """A slow worker's step was handed on and, sent again, taken by the same worker: only
    the new claim may end it, not the delivery still running from before."""
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "")
    Page.objects.filter(pk=page.pk).update(status=StepStatus.PENDING, lease_until=None)
    rows = Page.objects.filter(pk=page.pk)
    as_worker("worker-a")
    earlier = Step(rows=rows, task_id=task.pk)
    assert earlier.claim() is Claim.CLAIMED
    services.generation_claims_release(worker_ids=["worker-a"])
    later = Step(rows=rows, task_id=task.pk)
    assert later.claim() is Claim.CLAIMED
    assert earlier.finish(StepStatus.FAILED, "late") == 0
    assert later.finish(StepStatus.DONE) == 1


def test_a_late_picture_is_not_kept_and_its_files_are_removed(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "")
    Page.objects.filter(pk=page.pk).update(status=StepStatus.PENDING, lease_until=None)
    as_worker("worker-a")
    stored: list[Any] = []
    real_store = services.pipeline.store_picture

    def store_then_lose_the_claim(**kwargs: Any) -> Any:
        # While worker-a was drawing, it was taken for stopped and its page handed on.
        picture = real_store(**kwargs)
        stored.append(picture)
        services.generation_claims_release(worker_ids=["worker-a"])
        return picture

    monkeypatch.setattr(services.pipeline, "store_picture", store_then_lose_the_claim)
    services.page_draw(task_id=task.pk, page_id=page.pk)

    page.refresh_from_db()
    assert page.status == StepStatus.PENDING  # waiting for whoever is free
    assert not page.image
    assert stored
    assert not media_path(stored[0].original).exists()


def test_a_stopped_workers_picture_slots_are_freed(
    as_worker: Callable[[str], WorkerIdentity],
) -> None:
    from storygen.slots import image_slot

    as_worker("worker-a")
    with image_slot() as number:
        assert ImageSlot.objects.get(number=number).claimed_by.startswith("worker-a/")
        services.generation_claims_release(worker_ids=["worker-a"])
        freed = ImageSlot.objects.get(number=number)
        assert (freed.holder, freed.claimed_by, freed.lease_until) == ("", "", None)


def test_a_stopped_workers_redraw_is_sent_again(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    page = Page.objects.get(story_id=task.story_id, number=1)
    job = PageRedrawJob.objects.create(page=page)
    as_worker("worker-a")
    rows = PageRedrawJob.objects.filter(pk=job.pk)
    assert job_claim(rows) is not None
    _heartbeat("worker-a", age=300)
    before = provider.calls["page"]

    as_worker("worker-b")  # a healthy worker's reconciler
    monkeypatch.setattr(celery, "_last_beat", time.monotonic())
    run_pipeline(celery._reconcile_once)

    job.refresh_from_db()
    assert job.status == PageRedrawJob.Status.DONE
    assert provider.calls["page"] == before + 1
    assert job.attempts == 2  # the attempt the stopped worker used still counts


def test_a_job_handed_on_cannot_be_failed_by_its_old_worker(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    job = PageRedrawJob.objects.create(page=Page.objects.get(story_id=task.story_id, number=1))
    rows = PageRedrawJob.objects.filter(pk=job.pk)
    as_worker("worker-a")
    claimed_by_a = job_claim(rows)
    assert claimed_by_a is not None
    services.page_redraw_jobs_release(worker_ids=["worker-a"])
    as_worker("worker-b")
    assert job_claim(rows) is not None
    job_fail(claimed_by_a, code="unavailable", message="late")
    job.refresh_from_db()
    assert job.status == PageRedrawJob.Status.RUNNING
    assert job.claimed_by.startswith("worker-b/")


def _pages_sent_but_lost(task: GenerationTask) -> None:
    """Rewind: pages 1 and 2 were sent to the broker a moment ago and their messages lost."""
    Page.objects.filter(story_id=task.story_id, number__in=[1, 2]).update(
        status=StepStatus.PENDING,
        lease_until=timezone.now() + timedelta(seconds=settings.STORYGEN_QUEUE_LEASE_SECONDS),
        image="",
    )
    GenerationTask.objects.filter(pk=task.pk).update(status=GenerationTask.Status.IN_PROGRESS)


def test_work_waiting_when_a_worker_stops_is_sent_again_at_once(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    """The messages a killed worker had taken from the broker die with it; the pages they
    were for must not wait out their queue lease."""
    task = _finished_run(user, story_request, run_pipeline)
    _pages_sent_but_lost(task)
    _heartbeat("worker-a", age=300)
    before = provider.calls["page"]

    run_pipeline(celery._reconcile_once)

    assert provider.calls["page"] == before + 2
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED


def test_work_waiting_when_the_broker_restarts_is_sent_again_at_once(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs = iter(["redis-run-1", "redis-run-1", "redis-run-2"])
    monkeypatch.setattr(celery, "broker_run_id", lambda url, **options: next(runs))
    monkeypatch.setattr(celery, "_broker_run", None)
    task = _finished_run(user, story_request, run_pipeline)
    run_pipeline(celery._reconcile_once)  # the broker, as first seen
    _pages_sent_but_lost(task)
    before = provider.calls["page"]

    run_pipeline(celery._reconcile_once)  # the same run of it: nothing to send again
    assert provider.calls["page"] == before
    run_pipeline(celery._reconcile_once)  # it restarted in between

    assert provider.calls["page"] == before + 2
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED


def test_resending_keeps_a_retrys_backoff_however_often_it_happens(
    user: User, story_request: dict[str, Any], run_pipeline: Callable[..., Any]
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    GenerationTask.objects.filter(pk=task.pk).update(status=GenerationTask.Status.IN_PROGRESS)
    now = timezone.now()
    queue_lease = timedelta(seconds=settings.STORYGEN_QUEUE_LEASE_SECONDS)
    # Page 1 was just sent; page 2 retries in 40 s (Retry-After), its delayed message sent.
    Page.objects.filter(story_id=task.story_id, number=1).update(
        status=StepStatus.PENDING, lease_until=now + queue_lease
    )
    Page.objects.filter(story_id=task.story_id, number=2).update(
        status=StepStatus.PENDING, lease_until=now + timedelta(seconds=40) + queue_lease
    )
    for _ in range(3):
        services.generation_resend_waiting()
    leases = dict(
        Page.objects.filter(story_id=task.story_id, number__in=[1, 2]).values_list(
            "number", "lease_until"
        )
    )
    assert leases[1] <= timezone.now()  # due: sent at the next pass
    # Never before its backoff ends.
    assert leases[2] > now + timedelta(seconds=40)


def test_a_worker_never_hands_back_its_own_claims(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its own heartbeat is late (the database stalled a while), yet it is drawing."""
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "worker-a/claim-1")
    _heartbeat("worker-a", age=300)
    as_worker("worker-a")
    monkeypatch.setattr(celery, "_last_beat", time.monotonic())

    run_pipeline(celery._reconcile_once)

    page.refresh_from_db()
    assert (page.status, page.claimed_by) == (StepStatus.RUNNING, "worker-a/claim-1")


def test_a_worker_that_cannot_write_its_own_heartbeat_judges_nobody(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """During a database stall every heartbeat is late: no worker takes the others for
    stopped until its own heartbeat gets through again."""
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "worker-b/claim-1")
    _heartbeat("worker-b", age=300)
    as_worker("worker-a")
    monkeypatch.setattr(celery, "_last_beat", None)

    run_pipeline(celery._reconcile_once)

    page.refresh_from_db()
    assert page.claimed_by == "worker-b/claim-1"
    assert WorkerHeartbeat.objects.get(worker_id="worker-b").stopped_at is None


def test_a_beat_between_finding_a_worker_silent_and_marking_it_saves_its_claims(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storygen import heartbeats

    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "worker-b/claim-1")
    _heartbeat("worker-b", age=300)
    found = heartbeats.workers_stopped

    def found_then_it_beats() -> list[str]:
        silent = found()
        WorkerHeartbeat.objects.filter(worker_id="worker-b").update(last_seen=timezone.now())
        return silent

    monkeypatch.setattr(heartbeats, "workers_stopped", found_then_it_beats)
    run_pipeline(celery._reconcile_once)

    page.refresh_from_db()
    assert page.claimed_by == "worker-b/claim-1"


def test_the_held_story_of_a_brief_waiting_for_review_is_not_sent_again(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    """A run held before it started has no dispatch time: neither the reconciler nor a
    resend after a fault may start it behind the review's back."""
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    GenerationTask.objects.filter(pk=task.pk).update(
        status=GenerationTask.Status.PENDING, dispatched_at=None
    )
    services.generation_resend_waiting()
    run_pipeline(services.generation_reconcile)
    task.refresh_from_db()
    assert (task.status, task.dispatched_at) == (GenerationTask.Status.PENDING, None)


def test_a_late_worker_never_removes_the_picture_of_the_one_that_took_over(
    user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    as_worker: Callable[[str], WorkerIdentity],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    task = _finished_run(user, story_request, run_pipeline)
    page = _page_held_by(task, "")
    Page.objects.filter(pk=page.pk).update(status=StepStatus.PENDING, lease_until=None)
    real_store = services.pipeline.store_picture
    as_worker("worker-a")

    def meanwhile_another_worker_draws_it(**kwargs: Any) -> Any:
        picture = real_store(**kwargs)
        # worker-a was taken for stopped; worker-b drew and kept the page first.
        services.generation_claims_release(worker_ids=["worker-a"])
        as_worker("worker-b")
        monkeypatch.setattr(services.pipeline, "store_picture", real_store)
        services.page_draw(task_id=task.pk, page_id=page.pk)
        as_worker("worker-a")
        return picture

    monkeypatch.setattr(services.pipeline, "store_picture", meanwhile_another_worker_draws_it)
    services.page_draw(task_id=task.pk, page_id=page.pk)

    page.refresh_from_db()
    assert page.status == StepStatus.DONE
    for name in (page.image.name, page.image_display.name, page.image_thumbnail.name):
        assert media_path(name).exists()


def test_the_reconciler_leaves_busy_runs_alone_and_moves_stalled_ones_on(
    user: User, story_request: dict[str, Any], run_pipeline: Callable[..., Any]
) -> None:
    from stories.services.steps import runs_to_advance

    busy = _finished_run(user, story_request, run_pipeline)
    _page_held_by(busy, "worker-a")  # being drawn, its lease running
    stalled = _finished_run(user, {**story_request, "title": "Another"}, run_pipeline)
    Page.objects.filter(story_id=stalled.story_id, number=1).update(
        status=StepStatus.PENDING, lease_until=timezone.now() - timedelta(seconds=1)
    )
    GenerationTask.objects.filter(pk=stalled.pk).update(status=GenerationTask.Status.IN_PROGRESS)
    closing = _finished_run(user, {**story_request, "title": "A third"}, run_pipeline)
    GenerationTask.objects.filter(pk=closing.pk).update(status=GenerationTask.Status.IN_PROGRESS)

    assert set(runs_to_advance().values_list("pk", flat=True)) == {stalled.pk, closing.pk}
