"""Sending pipeline tasks to the broker once the database change that needs them commits."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def send_on_commit(task: Task, *args: Any) -> None:
    """Queue ``task(*args)`` after the current transaction commits.

    The database already records the work, so a broker that is down must not fail the
    request or the step that asked for it: the error is logged and the reconciler sends the
    work again once its queue lease expires.
    """

    def send() -> None:
        try:
            task.delay(*args)
        except Exception:
            logger.warning("broker unavailable; %s will be re-sent by the reconciler", task.name)

    transaction.on_commit(send)
