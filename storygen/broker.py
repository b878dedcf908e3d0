"""The Celery broker: where the embedded redis-server listens, and a fix to kombu's redis client.

A worker must ride out a broker outage. When Redis goes away while a worker is busy, Celery
first collects the broken connection (which can leave its channel open but drop the
transport's connection details), then closes it. Closing the channel hands unacknowledged
messages back to Redis, and kombu (5.7) builds a new client for that from the dropped
details: an AttributeError, which Celery does not expect there, so the worker exits with
"Unrecoverable error". :func:`patch_kombu_redis` turns that case into the connection error it
really is; Celery ignores it and reconnects once Redis is back. The unacknowledged messages
stay in Redis (redelivered after the visibility timeout), and the database reconciler sends
the work again sooner, so nothing is lost.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

# A unix socket path must fit in sun_path (108 bytes on Linux, with its NUL).
_MAX_SOCKET_PATH = 100


def embedded_data_dir(var_dir: Path) -> Path:
    """Where the private redis-server of `make run` keeps its append-only file and log."""
    return var_dir / "broker"


def embedded_socket_path(var_dir: Path) -> Path:
    """Where the private redis-server of `make run` listens: ``var/broker/redis.sock``.

    A checkout in a deep folder would make that path too long for a unix socket; the socket
    then lives in a short folder named after ``var_dir`` in the user's runtime directory
    (XDG_RUNTIME_DIR), else in the system's temporary directory (a folder that must then be
    this user's alone), so every process of the same checkout still finds it.
    """
    path = embedded_data_dir(var_dir) / "redis.sock"
    if len(str(path)) <= _MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha256(str(var_dir).encode()).hexdigest()[:16]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    base = Path(runtime) if runtime else Path(tempfile.gettempdir())
    return base / f"storygen-{os.getuid()}-{digest}" / "redis.sock"


def embedded_broker_url(var_dir: Path) -> str:
    return f"redis+socket://{embedded_socket_path(var_dir)}"


def broker_run_id(
    url: str,
    *,
    transport_options: dict[str, Any] | None = None,
    ssl: Any = None,
    timeout: float = 2.0,
) -> str | None:
    """Redis's id for the current run of its server (it changes at every start), or None
    for another broker or one that does not answer within ``timeout`` seconds."""
    if not url.startswith(("redis", "socket")):
        return None
    from kombu import Connection

    try:
        with Connection(
            url,
            ssl=ssl or False,
            connect_timeout=timeout,
            transport_options={
                **(transport_options or {}),
                "socket_timeout": timeout,
                "socket_connect_timeout": timeout,
                "max_retries": 0,
            },
        ) as connection:
            connection.ensure_connection(max_retries=0)
            channel: Any = connection.default_channel  # a redis channel: it has a client
            info = channel.client.info("server")
    except Exception:
        return None
    return str(info.get("run_id") or "") or None


def patch_kombu_redis() -> None:
    """Make kombu's redis channel raise a connection error, not an AttributeError, when it
    needs a new client after its connection was closed (see the module docstring).
    Idempotent."""
    import redis
    from kombu.transport import redis as kombu_redis

    channel: Any = kombu_redis.Channel  # kombu ships no types for its transports
    original = channel._connparams
    if getattr(original, "storygen_patched", False):
        return

    @functools.wraps(original)
    def connparams(self: Any, asynchronous: bool = False) -> Any:
        transport = self.connection
        if transport is None or transport.client is None:
            raise redis.exceptions.ConnectionError("The broker connection is closed.")
        return original(self, asynchronous=asynchronous)

    connparams.storygen_patched = True  # type: ignore[attr-defined]
    channel._connparams = connparams
