"""Waiting for work done elsewhere: polling with growing pauses, and a job row read afresh."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from characters.models import CharacterImageJob
from characters.tests.factories import CharacterFactory
from storygen import waiting
from storygen.exceptions import NotFound
from storygen.waiting import job_wait, wait_until


class Clock:
    """time.monotonic and time.sleep of the waiting module, on a clock that only sleeps move."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.pauses: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(waiting.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(waiting.time, "sleep", clock.sleep)
    return clock


def test_work_already_done_is_not_waited_for(clock: Clock) -> None:
    assert wait_until(lambda: True, seconds=90) is True
    assert clock.pauses == []


def test_pauses_grow_to_half_a_second_and_the_last_stops_at_the_deadline(clock: Clock) -> None:
    looks: list[float] = []

    def never() -> bool:
        looks.append(clock.now)
        return False

    assert wait_until(never, seconds=2) is False
    assert clock.pauses == [0.2, 0.3, 0.45, 0.5, 0.5, 0.05]
    assert round(clock.now - 1000.0, 6) == 2
    assert len(looks) == len(clock.pauses) + 1  # one look at once, one after each pause


def test_waiting_ends_at_the_first_look_that_finds_the_work_done(clock: Clock) -> None:
    answers = iter([False, False, True])
    assert wait_until(lambda: next(answers), seconds=90) is True
    assert clock.pauses == [0.2, 0.3]


class CountingJob:
    """A job that ends after a number of reads."""

    def __init__(self, reads_until_done: int) -> None:
        self.status = "pending"
        self.error_code = self.error_message = ""
        self.reads = 0
        self._until = reads_until_done

    @property
    def is_active(self) -> bool:
        return self.status == "pending"

    def refresh_from_db(self) -> None:
        self.reads += 1
        if self.reads >= self._until:
            self.status = "done"


def test_a_job_is_read_again_until_it_ends(clock: Clock) -> None:
    job = CountingJob(reads_until_done=3)
    assert job_wait(job, seconds=90) is job
    assert (job.status, job.reads) == ("done", 3)


def test_a_job_is_returned_as_it_stands_when_the_time_is_up(clock: Clock) -> None:
    job = CountingJob(reads_until_done=10**6)
    job_wait(job, seconds=1)
    assert job.status == "pending"
    assert round(clock.now - 1000.0, 6) == 1


def test_nothing_is_waited_for_inside_a_transaction(clock: Clock, db: None) -> None:
    job = CountingJob(reads_until_done=3)
    with transaction.atomic():
        job_wait(job, seconds=90)
    assert (job.status, job.reads, clock.pauses) == ("pending", 0, [])


@pytest.mark.django_db(transaction=True)
def test_a_job_row_a_worker_finishes_meanwhile_is_seen_finished(settings: Any) -> None:
    job = CharacterImageJob.objects.create(character=CharacterFactory())

    def worker() -> None:
        time.sleep(0.4)
        try:
            CharacterImageJob.objects.filter(pk=job.pk).update(
                status=CharacterImageJob.Status.FAILED, error_code="quota"
            )
        finally:
            connection.close()

    thread = threading.Thread(target=worker)
    thread.start()
    started = time.monotonic()
    try:
        waited = job_wait(job, seconds=30)
    finally:
        thread.join()
    assert time.monotonic() - started < 5
    assert (waited.status, waited.error_code) == ("failed", "quota")
    assert not connection.in_atomic_block


@pytest.mark.django_db(transaction=True)
def test_a_job_deleted_during_the_wait_is_not_found(clock: Clock) -> None:
    character = CharacterFactory()
    job = CharacterImageJob.objects.create(character=character)
    character.delete()  # takes its drawing jobs with it

    with pytest.raises(NotFound) as raised:
        job_wait(job, seconds=30)

    assert raised.value.status_code == 404
