"""`make run` as a newcomer runs it: the embedded stack serves, draws, heals and stops."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storygen.broker import embedded_socket_path
from storygen.embedded import redis_answers
from storygen.testing.processes import ROOT, free_port

pytestmark = pytest.mark.integration

STARTUP_SECONDS = 120


class Terminal:
    """What `make run` prints, read from its log file."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, pattern: str, *, timeout: float = 60, after: int = 0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.compile(pattern).search(self.text(), after)
            if match:
                return match
            time.sleep(0.2)
        pytest.fail(f"`make run` never printed {pattern!r}:\n{self.text()[-5000:]}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def make_run(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Terminal, str]]:
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AI_", "OPENAI_", "CELERY_", "STORYGEN_", "DATABASE_"))
    }
    # As typed in a terminal: not a sub-make of `make test`.
    for key in ("PYTEST_CURRENT_TEST", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(key, None)
    env.update(
        {
            "STORYGEN_VAR_DIR": str(tmp_path / "var"),
            "STORYGEN_DATA_DIR": str(tmp_path / "media"),
            "STORYGEN_LOG_TO_FILE": "false",
            "AI_PAGE_IMAGE_SIZE": "192x192",
            "AI_SHEET_IMAGE_SIZE": "192x288",
        }
    )
    log = tmp_path / "terminal.log"
    with log.open("wb") as out:
        # Its own process group, as a terminal gives it; Ctrl-C goes to the whole group.
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            ["make", "--no-print-directory", "run", "HOST=127.0.0.1", f"PORT={port}"],  # noqa: S607
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    terminal = Terminal(log)
    try:
        yield process, terminal, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _request(
    url: str, data: dict[str, Any] | None = None, token: str | None = None
) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return json.loads(response.read() or b"{}")


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen within {timeout:.0f} s")


def _story_is_ready(base: str, token: str, title: str) -> None:
    task = _request(
        f"{base}/api/v1/stories/",
        {
            "title": title,
            "genre": "Fantasy",
            "num_pages": 2,
            "story_outline": "A fox and a hedgehog sail a leaf boat across the pond.",
            "main_characters": [{"name": "Rusty", "description": "a small orange fox"}],
        },
        token,
    )

    def done() -> bool:
        status = _request(f"{base}/api/v1/stories/generation-status/{task['id']}", token=token)
        assert status["status"] != "failed", status
        return bool(status["status"] == "completed")

    _wait(done, 120, f"the story {title!r}")


def test_make_run_serves_draws_restarts_its_worker_and_stops_everything_on_ctrl_c(
    make_run: tuple[subprocess.Popen[bytes], Terminal, str], tmp_path: Path
) -> None:
    process, terminal, base = make_run
    terminal.wait_for(r"Demo account: username demo", timeout=STARTUP_SECONDS)
    terminal.wait_for(r"running at http://127\.0\.0\.1:\d+/", timeout=STARTUP_SECONDS)
    worker_pid = int(terminal.wait_for(r"worker started \(pid (\d+)\)").group(1))

    def healthy() -> bool:
        try:
            return _request(f"{base}/healthz") == {"status": "ok"}
        except (urllib.error.URLError, ConnectionError):
            return False

    _wait(healthy, 60, "the web server answering")

    # The broker is private: a unix socket in var/broker/, with its append-only file.
    socket_path = embedded_socket_path(tmp_path / "var")
    assert redis_answers(socket_path)
    assert (tmp_path / "var" / "broker" / "appendonlydir").is_dir()
    assert socket_path.stat().st_mode & 0o077 == 0  # nobody else on the machine can connect

    # A new family signs up and makes a story: the worker draws it.
    _request(f"{base}/api/v1/users/", {"username": "newcomer", "password": "lantern-harbour-91"})
    token = _request(
        f"{base}/api/v1/token", {"username": "newcomer", "password": "lantern-harbour-91"}
    )["access"]
    _story_is_ready(base, token, "The first story")

    # The worker dies: the terminal says so in one line, and a new one takes over.
    seen = len(terminal.text())
    os.kill(worker_pid, signal.SIGKILL)
    terminal.wait_for(
        r"the worker stopped unexpectedly \(killed by SIGKILL\); starting it again in 1 s\.",
        after=seen,
    )
    new_pid = int(terminal.wait_for(r"the worker is running again \(pid (\d+)\)").group(1))
    assert new_pid != worker_pid
    _story_is_ready(base, token, "The second story")

    # Ctrl-C: everything stops, the broker too.
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=90)  # make itself ends by the same SIGINT
    assert not _alive(new_pid)
    assert not redis_answers(socket_path)
    assert not healthy()
