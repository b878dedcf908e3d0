"""The stack `make run` starts and looks after: a private broker, a worker, the web server.

``python -m storygen.embedded HOST:PORT`` starts

- a private ``redis-server`` on a unix socket in ``var/broker/`` (only when
  ``CELERY_BROKER_URL`` is unset), with an append-only file so queued work survives a restart;
- a Celery worker (restarted with a growing pause if it dies, and the terminal says so);
- Django's web server.

Their output shares this terminal, each line after the name of the process that wrote it
(``web    |``, ``worker |``), errors in red when the terminal shows colour; the web server's
start-up text is shown only if it fails to start. Once everything answers, the terminal says
where to open the app and how to make an administrator.

Ctrl-C (or SIGTERM, or closing the terminal) stops them in that order's reverse: the web
server, then the worker (given a minute to finish what it is drawing; whatever it could not
finish carries on at the next start), then the broker. A second Ctrl-C stops everything at
once. If the web server stops by itself, everything stops and `make run` fails.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from storygen.logging import escape_control

ROOT = Path(__file__).resolve().parent.parent

# A restarted process that then runs this long is healthy again: its next failure starts
# the pauses from the beginning.
HEALTHY_AFTER_SECONDS = 60.0
FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0
_PR_SET_PDEATHSIG = 1


_RED = "\x1b[1;31m"
_RESET = "\x1b[0m"
_print_lock = threading.Lock()


def shows_colour(stream: IO[str]) -> bool:
    """Whether ``stream`` is a terminal that shows colour (NO_COLOR and TERM=dumb say no)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _print(line: str, *, error: bool = False) -> None:
    """One whole line on the terminal, in red when it is an error and colour shows; the
    children's lines come from several threads and must not interleave."""
    with _print_lock:
        stream = sys.stdout
        if error and shows_colour(stream):
            line = f"{_RED}{line}{_RESET}"
        print(line, file=stream, flush=True)


def say(message: str, *, error: bool = False) -> None:
    _print(f"Storygen: {message}", error=error)


# A line our log formatter wrote at ERROR or CRITICAL ("<date> <time> ERROR <logger> ..."),
# and the start of anything else that means trouble.
_LOGGED_ERROR = re.compile(r"^\S+ \S+ (?:ERROR|CRITICAL) ")
_TRACEBACK = "Traceback (most recent call last):"


class ChildOutput:
    """The lines of one process, shown after its name; an error, and the indented lines
    (traceback) that follow it, are marked as errors.

    While ``holding``, lines are kept back (a server's start-up banner): ``release(show=...)``
    then shows them all, when the start failed, or only the errors among them."""

    def __init__(self, label: str) -> None:
        self.prefix = f"{label:<6} | "
        self.holding = False
        self._held: list[tuple[str, bool]] = []
        self._in_error = False
        self._in_traceback = False
        self._lock = threading.Lock()

    def is_error(self, line: str) -> bool:
        """Whether ``line`` belongs to an error, following the lines before it."""
        indented = line[:1] in {" ", "\t"}
        if self._in_traceback:
            # A traceback ends with its first unindented line: the exception itself.
            self._in_traceback = indented
            return True
        if self._in_error and indented:
            return True
        self._in_traceback = line.startswith(_TRACEBACK)
        self._in_error = bool(_LOGGED_ERROR.match(line)) or self._in_traceback
        return self._in_error or line.startswith(("Error: ", "CommandError: "))

    def line(self, text: str) -> None:
        text = escape_control(text.rstrip("\r\n"))
        with self._lock:
            error = self.is_error(text)
            if self.holding:
                self._held.append((text, error))
                return
        _print(self.prefix + text, error=error)

    def hold(self) -> None:
        with self._lock:
            self.holding = True

    def release(self, *, show: bool) -> None:
        with self._lock:
            held, self._held, self.holding = self._held, [], False
        for text, error in held:
            if show or error:
                _print(self.prefix + text, error=error)

    def pump(self, pipe: IO[bytes]) -> None:
        """Show every line read from ``pipe`` until it closes (in a thread of its own)."""
        with pipe:
            for raw in pipe:
                self.line(raw.decode("utf-8", errors="replace"))


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


class DidNotStart(Exception):
    """A process of the stack cannot be started; the message says what to do."""


class BrokerUnavailable(DidNotStart):
    """The embedded broker cannot be started; the message says what to do."""


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
    # Where its output goes: None leaves it on this terminal as it is.
    output: ChildOutput | None = None
    # How long it may take to answer, where to look when it does not, and what is raised.
    start_timeout: float = 15.0
    start_failure_hint: str = "see its log for why"
    start_failure: type[DidNotStart] = DidNotStart
    _pump: threading.Thread | None = field(default=None, repr=False)

    def start(self) -> None:
        # Its own process group: a Ctrl-C in the terminal reaches the supervisor only, which
        # then stops the children in order.
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and redis-server
            list(self.command),
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            preexec_fn=_die_with_parent,
            stdout=subprocess.PIPE if self.output else None,
            stderr=subprocess.STDOUT if self.output else None,
        )
        if self.output is not None and self.process.stdout is not None:
            self._pump = threading.Thread(
                target=self.output.pump, args=(self.process.stdout,), daemon=True
            )
            self._pump.start()
        self.started_at = time.monotonic()
        self.restart_at = None

    def finish_output(self, timeout: float = 2.0) -> None:
        """Wait (briefly) until the last lines of a process that ended are shown."""
        if self._pump is not None:
            self._pump.join(timeout)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def schedule_restart(self, code: int) -> None:
        if time.monotonic() - self.started_at >= HEALTHY_AFTER_SECONDS:
            self.pause = FIRST_PAUSE_SECONDS
        self.finish_output()  # its last words first
        say(
            f"the {self.name} stopped unexpectedly ({describe_exit(code)}); "
            f"starting it again in {self.pause:g} s.",
            error=True,
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
        start_failure_hint=f"see {data_dir / 'redis.log'} for why",
        start_failure=BrokerUnavailable,
    )


def start_and_wait(child: Child) -> None:
    """Start ``child`` and wait until it answers; raises its ``start_failure`` (DidNotStart,
    BrokerUnavailable for the broker) when it ends or stays silent first."""
    if child.output is not None and child.ready is not None:
        child.output.hold()
    child.start()
    if child.ready is None:
        return
    deadline = time.monotonic() + child.start_timeout
    while not child.ready():
        if child.exited() is not None or time.monotonic() > deadline:
            child.stop(timeout=5)
            if child.output is not None:
                child.finish_output()
                child.output.release(show=True)
            raise child.start_failure(
                f"The {child.name} did not start ({child.start_failure_hint})."
            )
        time.sleep(0.05)
    if child.output is not None:
        child.output.release(show=False)


def _connect_host(host: str) -> str:
    """The address to reach a server listening on ``host`` from this machine."""
    host = host.strip("[]")
    return {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104


def port_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((_connect_host(host), port), timeout=0.5):
            return True
    except OSError:
        return False


def split_address(address: str) -> tuple[str, int]:
    """``"127.0.0.1:8000"`` → ``("127.0.0.1", 8000)``; ``"[::1]:8000"`` → ``("[::1]", 8000)``."""
    host, _, port = address.rpartition(":")
    return host, int(port)


def served_hosts(allowed: Sequence[str], host: str) -> str:
    """``DJANGO_ALLOWED_HOSTS`` for a web server listening on ``host``: the configured names,
    and the address `make run` was given (``HOST``) so that it can be opened."""
    hosts = list(allowed)
    if host and host not in hosts and "*" not in hosts:
        hosts.append(host)
    return ",".join(hosts)


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
        from django.conf import settings

        from storygen.celery import worker_command

        self.address = address
        self.children: list[Child] = []
        self.stopping = False
        self.hurry = False
        # os.environ holds what .env said by now (the settings read it): the children get it
        # whether or not they read the file themselves. Unbuffered, so lines show as written.
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.broker: Child | None = None
        socket_path = embedded_broker_socket()
        if socket_path is not None:
            if redis_answers(socket_path):
                raise BrokerUnavailable(
                    f"A broker is already running on {socket_path} (another `make run` of "
                    "this folder?). Stop it first."
                )
            self.broker = broker_child(socket_path, _embedded_data_dir(), env)
            self.broker.output = ChildOutput("broker")
        self.worker = Child("worker", worker_command(quiet=True), env, output=ChildOutput("worker"))
        host, port = split_address(address)
        if port_answers(host, port):
            raise DidNotStart(
                f"Something already answers on {address} (another `make run`?): stop it, "
                f"or choose another port: make run PORT={port + 1}"
            )
        self.web = Child(
            "web server",
            # The system checks ran with `migrate` just before. Threaded (runserver's
            # default) and without a time limit: an API request waiting for a drawing or a
            # PDF (STORYGEN_API_WAIT_SECONDS) holds up no other request.
            [sys.executable, "manage.py", "runserver", address, "--noreload", "--skip-checks"],
            {**env, "DJANGO_ALLOWED_HOSTS": served_hosts(settings.ALLOWED_HOSTS, host)},
            ready=lambda: port_answers(host, port),
            restart=False,
            output=ChildOutput("web"),
            start_timeout=120.0,
            start_failure_hint="its output is above",
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
            self._say_ready()
            return self._watch()
        finally:
            self.shutdown()

    def _say_ready(self) -> None:
        from django.conf import settings

        url = f"http://{self.address}/"
        say(f"running at {url}  (API docs: {url}api/docs/)  Ctrl-C stops it.")
        say(f"worker started (pid {self.worker.pid}); restarted automatically if it stops.")
        if settings.DEBUG:
            say("Django's debug pages are on (DJANGO_DEBUG): for this computer only.")
        say("To make an administrator, run this in another terminal in this folder:")
        say(f"    {manage_command()} createadmin --username NAME --email EMAIL")
        if settings.STORYGEN_ADMIN_TWO_FACTOR:
            say(
                "Their first sign-in sets up two-factor: scan the QR code it shows with an "
                "authenticator app."
            )

    def _watch(self) -> int:
        while not self.stopping:
            code = self.web.exited()
            if code is not None:
                self.web.finish_output()
                say(
                    f"the web server stopped ({describe_exit(code)}); stopping everything.",
                    error=True,
                )
                return code or 1
            for child in self.children:
                code = child.exited()
                if child.restart and code is not None:
                    child.schedule_restart(code)
                if child.due():
                    try:
                        start_and_wait(child)
                    except DidNotStart as exc:
                        say(str(exc), error=True)
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


def manage_command() -> str:
    """How to run manage.py from the project folder with this interpreter, as typed."""
    python = Path(sys.executable)
    shown = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    return f"{shown} manage.py"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    address = args[0] if args else "127.0.0.1:8000"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storygen.settings")
    import django

    django.setup()
    try:
        return Supervisor(address).run()
    except DidNotStart as exc:
        say(str(exc), error=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
