"""Real helper processes for integration tests and benchmarks: redis-server, Celery workers
and gunicorn.

Each is started on a free port or in its own session and stopped by its PID, so a test never
touches a service it did not start.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import kombu.pools
from django.conf import settings

from storygen.celery import worker_command

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} did not become ready within {timeout:.0f} s")


class RedisServer:
    """A throw-away redis-server on a free loopback port.

    Without persistence by default; ``append_only`` keeps every message in an append-only
    file, as production does, so a restart (``kill()`` then ``start()``) loses nothing.
    """

    def __init__(self, *, append_only: bool = False) -> None:
        self.port = free_port()
        self.append_only = append_only
        self.folder = Path(tempfile.mkdtemp(prefix="storygen-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> RedisServer:
        """Start (or start again, on the same port and files) and wait until it answers."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (make test installs it)")
        persistence = (
            ["--appendonly", "yes", "--appendfsync", "always"]
            if self.append_only
            else ["--appendonly", "no"]
        )
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                *persistence,
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        _wait(self._answers, 10, "redis-server")
        return self

    def kill(self) -> None:
        """SIGKILL the server, as a crash would (no chance to write anything)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def database_url() -> str:
    """The URL of the database this process uses now (the test database under pytest)."""
    from django.db import connection

    config = connection.settings_dict
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(config['NAME']).resolve()}"
    user = config.get("USER") or ""
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = f"{config.get('HOST') or '127.0.0.1'}:{config.get('PORT') or 5432}"
    return f"postgres://{auth}{host}/{config['NAME']}"


class CeleryWorker:
    """A real ``celery worker`` process (thread pool) in its own process group.

    ``env`` is added to this process's environment; the worker runs the project's normal
    settings, so configure it the way an operator would, through variables.
    """

    def __init__(self, env: Mapping[str, str], *, concurrency: int = 16, name: str = "w1") -> None:
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "storygen.settings", **env}
        self.env.pop("PYTEST_CURRENT_TEST", None)
        self.concurrency = concurrency
        self.name = name
        self.log = Path(tempfile.mkstemp(prefix=f"storygen-{name}-", suffix=".log")[1])
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30) -> CeleryWorker:
        command = [
            *worker_command(concurrency=self.concurrency),
            f"--hostname={self.name}@%h",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait(self._ready, timeout, f"celery worker {self.name}")
        return self

    def _ready(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"worker {self.name} exited:\n{self.output()}")
        return " ready." in self.output()

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group, as an OOM killer or a power cut would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def __enter__(self) -> CeleryWorker:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class Gunicorn:
    """A real gunicorn (threaded workers and timeout as in the image, the project's gunicorn
    configuration) serving the project on a free loopback port, in its own process group.

    ``env`` is added to this process's environment, as for :class:`CeleryWorker`.
    """

    def __init__(self, env: Mapping[str, str], *, workers: int = 3) -> None:
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "storygen.settings", **env}
        self.env.pop("PYTEST_CURRENT_TEST", None)
        # Only the arguments below configure it, never the caller's environment.
        self.env.pop("GUNICORN_CMD_ARGS", None)
        self.workers = workers
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix="storygen-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Gunicorn:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "storygen.wsgi",
            f"--config={ROOT / 'storygen' / 'gunicorn_conf.py'}",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=gthread",
            "--threads=8",
            "--timeout=120",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait(self._ready, timeout, "gunicorn")
        return self

    def _ready(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{self.output()}")
        if self.output().count("Booting worker with pid") < self.workers:
            return False
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def worker_environment(
    *, broker_url: str | None, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Variables that point a worker at this process's database and media folder."""
    env = {
        "DJANGO_SECRET_KEY": "integration-" + "k" * 50,
        "DATABASE_URL": database_url(),
        "STORYGEN_DATA_DIR": str(settings.MEDIA_ROOT),
        "STORYGEN_LOG_TO_FILE": "false",
        "CELERY_BROKER_URL": broker_url or "",
    }
    env.update(extra or {})
    return env


@contextmanager
def publishing_to(broker_url: str, *, visibility_timeout: int) -> Iterator[None]:
    """Make this process send tasks to ``broker_url`` instead of running them inline."""
    from storygen.celery import app

    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "broker_transport_options")
    }

    def drop_connections() -> None:
        # Celery and kombu cache broker connections made with the old URL; forget them all.
        app._pool = None  # type: ignore[attr-defined]
        app.amqp._producer_pool = None  # type: ignore[attr-defined]
        kombu.pools.reset()

    drop_connections()
    app.conf.update(
        broker_url=broker_url,
        task_always_eager=False,
        broker_transport_options={"visibility_timeout": visibility_timeout},
    )
    try:
        yield
    finally:
        drop_connections()
        app.conf.update(saved)
