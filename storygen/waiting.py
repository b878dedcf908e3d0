"""Waiting, for a bounded time, for work done elsewhere: a job row, or a file a worker writes.

A request that waits polls: a short sleep, growing, then a fresh look. Between looks it
holds no transaction (each look is a query of its own in autocommit), so a wait of a minute
keeps no database row or snapshot busy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from storygen.exceptions import NotFound

#: Said when the job (with what it was for: a page, a character) is deleted during the wait.
GONE = "It was deleted while this request waited for it."

#: First pause between two looks, growing by half each time up to the longest pause.
FIRST_PAUSE = 0.2
LONGEST_PAUSE = 0.5


def wait_until(ready: Callable[[], bool], *, seconds: float) -> bool:
    """Call ``ready`` until it answers True or ``seconds`` have passed; whether it did.

    ``ready`` is asked once at once (work may be done before anyone waits), then after
    each pause. The last pause is cut short at the deadline, and ``ready`` asked once more.
    """
    deadline = time.monotonic() + max(0.0, seconds)
    pause = FIRST_PAUSE
    while True:
        if ready():
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(pause, left))
        pause = min(pause * 1.5, LONGEST_PAUSE)


class Job(Protocol):
    """A job row (see storygen.jobs): pending or running while active, then done or failed."""

    status: str
    error_code: str
    error_message: str

    @property
    def is_active(self) -> bool: ...

    def refresh_from_db(self) -> None: ...


J = TypeVar("J", bound=Job)


def job_wait(job: J, *, seconds: float) -> J:
    """``job`` once it has ended (done or failed), or as it stands after ``seconds``.

    The row is read again until then, so whoever does the work (a worker, or the request
    itself when tasks run in place) may have finished it before the wait starts. Inside a
    transaction nothing is waited for: the job's message goes to the workers only once
    that transaction commits, and waiting would keep the transaction open meanwhile.
    Raises NotFound when the job is deleted meanwhile (its page or character was).
    """

    def ended() -> bool:
        try:
            job.refresh_from_db()
        except ObjectDoesNotExist:
            raise NotFound(GONE) from None
        return not job.is_active

    if seconds <= 0 or transaction.get_connection().in_atomic_block:
        return job
    wait_until(ended, seconds=seconds)
    return job
