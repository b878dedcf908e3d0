"""Who this worker process is: the identity its claims carry and its heartbeat reports.

Every claim a worker takes on a step, a job or a picture slot records ``current_worker_id()``.
The worker's heartbeat says it is alive; once it stops (a kill, a crash, a lost machine), the
reconciler of any other worker releases exactly that worker's claims, instead of waiting for
their leases to run out. Outside a worker (a web process, or tests that run tasks inline)
the identity is empty and claims fall back to their leases.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WorkerIdentity:
    """One run of one worker process; a restarted worker is a new identity."""

    worker_id: str
    nodename: str
    host: str
    pid: int
    # Two processes see each other's PIDs only inside the same PID namespace of the same
    # boot; this names that namespace, so a PID is only ever compared with its own kind.
    pid_namespace: str


_current: WorkerIdentity | None = None


def pid_namespace() -> str:
    """This process's PID namespace and boot, or "" where that cannot be told."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return ""
    return f"{boot}:{namespace}"


def worker_start(nodename: str) -> WorkerIdentity:
    """Give this process a new worker identity (called once the worker is ready)."""
    global _current
    _current = WorkerIdentity(
        worker_id=uuid.uuid4().hex,
        nodename=nodename[:255],
        host=socket.gethostname()[:255],
        pid=os.getpid(),
        pid_namespace=pid_namespace(),
    )
    return _current


def worker_stop() -> None:
    """This process is no longer a worker (it is shutting down)."""
    global _current
    _current = None


def current_worker() -> WorkerIdentity | None:
    return _current


def current_worker_id() -> str:
    """The identity this process's claims carry; "" when it is not a worker."""
    return _current.worker_id if _current is not None else ""


def process_gone(*, pid: int, namespace: str) -> bool:
    """Whether the process ``pid`` of that PID namespace has certainly ended.

    False when it may still run, or when it lives where this process cannot look (another
    machine or container): only its heartbeat can tell then.
    """
    if not namespace or namespace != pid_namespace() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False
