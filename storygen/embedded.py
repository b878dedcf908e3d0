"""The stack `make run` starts and looks after: a private broker, a worker, the web server.

``python -m storygen.embedded HOST:PORT`` starts

- a private ``redis-server`` on a unix socket in ``var/broker/`` (only when
  ``CELERY_BROKER_URL`` is unset), with an append-only file so queued work survives a restart;
- a Celery worker (restarted with a growing pause if it dies, and the terminal says so);
- Django's web server.

Ctrl-C (or SIGTERM, or closing the terminal) stops them in that order's reverse: the web
server, then the worker (given a minute to finish what it is drawing; whatever it could not
finish carries on at the next start), then the broker. A second Ctrl-C stops everything at
once. If the web server stops by itself, everything stops and `make run` fails.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A restarted process that then runs this long is healthy again: its next failure starts
# the pauses from the beginning.
HEALTHY_AFTER_SECONDS = 60.0
FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0
_PR_SET_PDEATHSIG = 1


def say(message: str) -> None:
    print(f"Storygen: {message}", flush=True)


def _die_with_parent() -> None:
    """In the child, before exec: be sent SIGTERM if the supervisor itself is killed, so no
    broker or worker is left behind by a `kill -9` of `make run`."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


@dataclass
class Child:
    """One supervised process: how to start it, and the state of its restarts."""

    name: str
    command: Sequence[str]
    env: dict[str, str]
    ready: Callable[[], bool] | None = None
    restart: bool = True
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    pause: float = FIRST_PAUSE_SECONDS
    restart_at: float | None = None

    def start(self) -> None:
        # Its own process group: a Ctrl-C in the terminal reaches the supervisor only, which
        # then stops the children in order.
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and redis-server
            list(self.command),
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def schedule_restart(self, code: int) -> None:
        if time.monotonic() - self.started_at >= HEALTHY_AFTER_SECONDS:
            self.pause = FIRST_PAUSE_SECONDS
        say(
            f"the {self.name} stopped unexpectedly ({describe_exit(code)}); "
            f"starting it again in {self.pause:g} s."
        )
        self.restart_at = time.monotonic() + self.pause
        self.pause = min(LONGEST_PAUSE_SECONDS, self.pause * 2)
        self.process = None

    def due(self) -> bool:
        return self.restart_at is not None and time.monotonic() >= self.restart_at

    def stop(self, timeout: float, *, hurry: Callable[[], bool] = lambda: False) -> None:
        """SIGTERM, then SIGKILL after ``timeout`` seconds or as soon as ``hurry()``."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline and not hurry():
            time.sleep(0.1)
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def redis_answers(path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(0.5)
            sock.connect(str(path))
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_command(redis: str, socket_path: Path, data_dir: Path) -> list[str]:
    """A redis-server that listens on ``socket_path`` only (no TCP port), readable by this
    user alone, keeping every queued message in an append-only file in ``data_dir``."""
    return [
        redis,
        "--port",
        "0",
        "--unixsocket",
        str(socket_path),
        "--unixsocketperm",
        "700",
        "--dir",
        str(data_dir),
        "--appendonly",
        "yes",
        "--appendfsync",
        "everysec",
        "--save",
        "",
        # Celery's messages must never be evicted to make room.
        "--maxmemory-policy",
        "noeviction",
        "--logfile",
        str(data_dir / "redis.log"),
    ]


class BrokerUnavailable(Exception):
    """The embedded broker cannot be started; the message says what to do."""


def embedded_broker_socket() -> Path | None:
    """The socket of the embedded broker when this configuration uses it (CELERY_BROKER_URL
    unset), else None."""
    from django.conf import settings

    from storygen.broker import embedded_broker_url, embedded_socket_path

    if embedded_broker_url(settings.VAR_DIR) != settings.CELERY_BROKER_URL:
        return None
    return embedded_socket_path(settings.VAR_DIR)


def _embedded_data_dir() -> Path:
    from django.conf import settings

    from storygen.broker import embedded_data_dir

    return embedded_data_dir(settings.VAR_DIR)


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (or check it is) this user's alone: a folder in a shared place that
    someone else made first, or a link, could let them read or feed the queue."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise BrokerUnavailable(
            f"{folder} is not private to this user (someone else's, a link, or open to "
            "others); remove it, or set CELERY_BROKER_URL."
        )


def broker_child(socket_path: Path, data_dir: Path, env: dict[str, str]) -> Child:
    """The embedded broker as a process to start: socket in a private folder, append-only
    file and log in ``data_dir``."""
    redis = shutil.which("redis-server")
    if redis is None:
        raise BrokerUnavailable(
            "Storygen needs redis-server for its embedded broker "
            "(`sudo apt-get install redis-server`), or set CELERY_BROKER_URL."
        )
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if socket_path.parent != data_dir:
        _private_folder(socket_path.parent)
    socket_path.unlink(missing_ok=True)  # left by a broker that did not stop cleanly
    return Child(
        "broker",
        redis_command(redis, socket_path, data_dir),
        env,
        ready=lambda: redis_answers(socket_path),
    )


def start_and_wait(child: Child, timeout: float = 15.0) -> None:
    child.start()
    if child.ready is None:
        return
    deadline = time.monotonic() + timeout
    while not child.ready():
        if child.exited() is not None or time.monotonic() > deadline:
            child.stop(timeout=5)
            raise BrokerUnavailable(f"The {child.name} did not start (see its log for why).")
        time.sleep(0.05)


@contextmanager
def broker_running() -> Iterator[None]:
    """Inside: the broker answers. The embedded one is started for the while (and stopped
    after) unless it already runs, as under `make run`; a configured broker is left alone."""
    socket_path = embedded_broker_socket()
    if socket_path is None or redis_answers(socket_path):
        yield
        return
    broker = broker_child(socket_path, _embedded_data_dir(), dict(os.environ))
    start_and_wait(broker)
    try:
        yield
    finally:
        broker.stop(timeout=15)


class Supervisor:
    """Starts the broker (when embedded), the worker and the web server; restarts the first
    two when they stop; stops all three on Ctrl-C or when the web server stops."""

    def __init__(self, address: str) -> None:
        from storygen.celery import worker_command

        self.address = address
        self.children: list[Child] = []
        self.stopping = False
        self.hurry = False
        env = dict(os.environ)
        self.broker: Child | None = None
        socket_path = embedded_broker_socket()
        if socket_path is not None:
            if redis_answers(socket_path):
                raise BrokerUnavailable(
                    f"A broker is already running on {socket_path} (another `make run` of "
                    "this folder?). Stop it first."
                )
            self.broker = broker_child(socket_path, _embedded_data_dir(), env)
        self.worker = Child("worker", worker_command(), env)
        self.web = Child(
            "web server",
            [sys.executable, "manage.py", "runserver", address, "--noreload"],
            env,
            restart=False,
        )

    def request_stop(self, signum: int, _frame: object) -> None:
        # The first Ctrl-C stops in order; a second one does not wait any more.
        self.hurry = self.stopping
        self.stopping = True

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self.request_stop)
        try:
            for child in (self.broker, self.worker, self.web):
                if child is None:
                    continue
                if self.stopping:  # Ctrl-C while starting
                    return 0
                start_and_wait(child)
                self.children.append(child)
            url = f"http://{self.address}/"
            say(f"running at {url}  (API docs: {url}api/docs/)  Ctrl-C stops it.")
            say(f"worker started (pid {self.worker.pid}); restarted automatically if it stops.")
            return self._watch()
        finally:
            self.shutdown()

    def _watch(self) -> int:
        while not self.stopping:
            code = self.web.exited()
            if code is not None:
                say(f"the web server stopped ({describe_exit(code)}); stopping everything.")
                return code or 1
            for child in self.children:
                code = child.exited()
                if child.restart and code is not None:
                    child.schedule_restart(code)
                if child.due():
                    try:
                        start_and_wait(child)
                    except BrokerUnavailable as exc:
                        say(str(exc))
                        child.schedule_restart(1)
                        continue
                    say(f"the {child.name} is running again (pid {child.pid}).")
            time.sleep(0.2)
        return 0

    def shutdown(self) -> None:
        self.stopping = True
        if not self.children:
            return
        say(
            "stopping; the worker gets a minute to finish what it is drawing "
            "(Ctrl-C again stops everything at once)."
        )
        # The web server first (no new work), the worker next (it finishes what it is
        # drawing), the broker last (it writes its append-only file on the way out).
        hurry = lambda: self.hurry  # noqa: E731 - read at each wait
        self.web.stop(timeout=10, hurry=hurry)
        self.worker.stop(timeout=60, hurry=hurry)
        if self.broker is not None:
            self.broker.stop(timeout=15, hurry=hurry)
        say("stopped.")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    address = args[0] if args else "127.0.0.1:8000"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storygen.settings")
    import django

    django.setup()
    try:
        return Supervisor(address).run()
    except BrokerUnavailable as exc:
        say(str(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
