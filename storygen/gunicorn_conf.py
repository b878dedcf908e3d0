"""gunicorn's part in Prometheus' multiprocess mode: the shared metrics folder and its upkeep.

Every gunicorn worker is a process of its own, so each one writes its counts to files in
``PROMETHEUS_MULTIPROC_DIR`` and /metrics sums them (monitoring.metrics). Load this file with
``gunicorn --config storygen/gunicorn_conf.py``; every other setting stays on the command line.
Module-level names that are not gunicorn settings are ignored by gunicorn.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

#: Names the gunicorn master (by its process id) that made the private metrics folder.
#: gunicorn reads this file again on every reload (HUP), by which time the folder is in the
#: environment like one set by hand: the marker, kept in the environment too, tells them
#: apart. A process that inherits both has another id, so never removes a folder it did
#: not make.
OWNER_VARIABLE = "STORYGEN_METRICS_FOLDER_OWNER"


def _ours() -> bool:
    return os.environ.get(OWNER_VARIABLE) == str(os.getpid())


# prometheus_client picks file-backed values only if the variable is in the environment
# when a worker first imports it, so it is settled here, in the master, before any fork.
# Unset (or empty, which would mean the working directory), a private folder is used,
# in memory where the system offers it, and removed again when gunicorn exits.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _memory = "/dev/shm"  # noqa: S108 - a private folder made by mkdtemp, mode 0700
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
        prefix="storygen-metrics-", dir=_memory if os.access(_memory, os.W_OK) else None
    )
    os.environ[OWNER_VARIABLE] = str(os.getpid())


def _folder() -> Path:
    return Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


def _owner(file: Path) -> int | None:
    """The process id a metrics file belongs to (``counter_1234.db``, ``gauge_all_1234.db``)."""
    tail = file.stem.rpartition("_")[2]
    return int(tail) if tail.isdigit() else None


def on_starting(server: Any) -> None:
    """Start from a clean folder: drop the files of processes that are gone.

    A previous run's counts would otherwise be added to this one's. Files of processes that
    still run are kept: a Celery worker on this machine may share the folder, and removing
    its files would hide its counts until it restarts.
    """
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    for file in folder.glob("*.db"):
        pid = _owner(file)
        if pid is None or not _running(pid):
            file.unlink(missing_ok=True)


def child_exit(server: Any, worker: Any) -> None:
    """A worker that exited (or was killed) no longer counts in the live gauges.

    Its counters stay: they are part of the totals, which must never go down.
    """
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, str(_folder()))


def on_exit(server: Any) -> None:
    """Remove the private metrics folder this master made, however often it reloaded."""
    if _ours():
        shutil.rmtree(_folder(), ignore_errors=True)
