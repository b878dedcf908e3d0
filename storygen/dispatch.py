"""Sending tasks to the broker once the database change that needs them commits."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)

# After the broker refused a message, the next ones are not even tried for this long: each
# try costs the publish retry policy (~1.5 s), and a reconciler pass or a burst of requests
# during an outage would otherwise pay it once per message.
BROKER_DOWN_SECONDS = 5.0
_broker_down_until = 0.0
_lock = threading.Lock()


def _broker_known_down() -> bool:
    return time.monotonic() < _broker_down_until


def _broker_refused() -> None:
    global _broker_down_until
    with _lock:
        _broker_down_until = time.monotonic() + BROKER_DOWN_SECONDS


def _left_unsent(task: Task, unsent: Callable[[], object] | None) -> None:
    if unsent is None:
        return
    try:
        unsent()
    except Exception:
        logger.exception("unsent %s could not be marked as due", task.name)


def send_on_commit(task: Task, *args: Any, unsent: Callable[[], object] | None = None) -> None:
    """Queue ``task(*args)`` after the current transaction commits.

    The database already records the work, so a broker that is down must not fail the
    request or the step that asked for it: the error is logged, ``unsent`` marks the work
    as due (so the reconciler's next pass sends it again once the broker answers), and
    without ``unsent`` the work waits out its queue lease.
    """

    # Tasks run in place (tests) never meet the broker, so they never trip the breaker.
    breaker = not task.app.conf.task_always_eager

    def send() -> None:
        if breaker and _broker_known_down():
            _left_unsent(task, unsent)
            return
        try:
            task.delay(*args)
        except Exception:
            if breaker:
                _broker_refused()
            logger.warning("broker unavailable; %s will be re-sent by the reconciler", task.name)
            _left_unsent(task, unsent)

    transaction.on_commit(send)
