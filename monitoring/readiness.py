"""The readiness checks behind /readyz: the database, the broker and a live worker."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone

from storygen.heartbeats import latest_heartbeat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    """One check's outcome. ``reason`` is short and safe to show: no URL, host or secret."""

    ok: bool
    reason: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"ok": True} if self.ok else {"ok": False, "reason": self.reason}


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("readiness: database unavailable (%s)", type(exc).__name__)
        return Check(False, f"database unavailable ({type(exc).__name__})")
    return Check(True)


def check_broker() -> Check:
    """The broker accepts a connection within STORYGEN_READY_BROKER_TIMEOUT seconds."""
    from kombu import Connection

    url = settings.CELERY_BROKER_URL

    timeout = settings.STORYGEN_READY_BROKER_TIMEOUT
    try:
        with Connection(
            url,
            connect_timeout=timeout,
            transport_options={
                **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
                "socket_timeout": timeout,
                "socket_connect_timeout": timeout,
                "max_retries": 0,
            },
        ) as conn:
            conn.ensure_connection(max_retries=0, timeout=timeout)
            conn.default_channel  # noqa: B018 - opening a channel talks to the server
    except Exception as exc:
        logger.warning("readiness: broker unreachable (%s)", type(exc).__name__)
        return Check(False, f"broker unreachable ({type(exc).__name__})")
    return Check(True)


def check_worker() -> Check:
    """Some worker wrote a heartbeat within STORYGEN_READY_WORKER_MAX_AGE seconds."""
    max_age = settings.STORYGEN_READY_WORKER_MAX_AGE
    try:
        seen = latest_heartbeat()
    except Exception as exc:
        return Check(False, f"worker heartbeats unreadable ({type(exc).__name__})")
    if seen is None:
        return Check(False, "no worker has reported")
    age = (timezone.now() - seen).total_seconds()
    if age > max_age:
        return Check(False, f"no worker heartbeat for {int(age)} s (limit {max_age} s)")
    return Check(True)


CHECKS: dict[str, Callable[[], Check]] = {
    "database": check_database,
    "broker": check_broker,
    "worker": check_worker,
}


def readiness() -> dict[str, Check]:
    """Run every check (each one even when another fails) and return them by name."""
    return {name: check() for name, check in CHECKS.items()}
