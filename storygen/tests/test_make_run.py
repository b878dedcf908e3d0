"""`make run` as a newcomer runs it, in a fresh copy of the project: the embedded stack
writes its .env, serves (production pages over plain http), draws, heals and stops, and the
README's commands work from the same folder in another terminal."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storygen.broker import embedded_socket_path
from storygen.embedded import redis_answers
from storygen.testing.processes import free_port
from storygen.tests.project_copy import clean_environment, copy_project

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
def folder(tmp_path: Path) -> Path:
    """A fresh copy of the project: no .env, no var/ yet."""
    return copy_project(tmp_path / "storygen")


@pytest.fixture
def make_run(
    folder: Path, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Terminal, str]]:
    port = free_port()
    # As typed in a new terminal: nothing exported, not a sub-make of `make test`. Small
    # pictures only keep the offline painter quick.
    env = clean_environment(AI_PAGE_IMAGE_SIZE="192x192", AI_SHEET_IMAGE_SIZE="192x288")
    log = tmp_path / "terminal.log"
    with log.open("wb") as out:
        # Its own process group, as a terminal gives it; Ctrl-C goes to the whole group.
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            ["make", "--no-print-directory", "run", "HOST=127.0.0.1", f"PORT={port}"],  # noqa: S607
            cwd=folder,
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


class Browser:
    """Pages over plain http with cookies, as a browser on this computer opens them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Status, content type and text of ``path`` (after redirects), posting ``form``."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 - loopback
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read().decode()

    def sign_in(self, username: str, password: str) -> str:
        """Sign in through the log-in page; the text of the page it leads to."""
        _, _, page = self.open("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page
        status, _, landing = self.open(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
        )
        assert status == 200
        return landing


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


def _story_is_ready(base: str, token: str, title: str) -> int:
    """Make a story through the API and wait until it is drawn; its id."""
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
    return int(task["story_id"])


def test_make_run_serves_draws_restarts_its_worker_and_stops_everything_on_ctrl_c(
    make_run: tuple[subprocess.Popen[bytes], Terminal, str], folder: Path
) -> None:
    process, terminal, base = make_run
    terminal.wait_for(r"Storygen: wrote \.env", timeout=STARTUP_SECONDS)
    terminal.wait_for(r"Demo account: username demo", timeout=STARTUP_SECONDS)
    terminal.wait_for(r"running at http://127\.0\.0\.1:\d+/", timeout=STARTUP_SECONDS)
    worker_pid = int(terminal.wait_for(r"worker started \(pid (\d+)\)").group(1))
    terminal.wait_for(
        r"\.venv/bin/python manage\.py createadmin --username NAME --email EMAIL\n"
        r"Storygen: Their first sign-in sets up two-factor: scan the QR code"
    )

    # The first start wrote .env, for this user's eyes only, and never showed the secret.
    settings_file = (folder / ".env").read_text()
    secret = re.search(r"^DJANGO_SECRET_KEY=(\S{50,})$", settings_file, re.M)
    assert secret
    assert (folder / ".env").stat().st_mode & 0o777 == 0o600

    def healthy() -> bool:
        try:
            return _request(f"{base}/healthz") == {"status": "ok"}
        except (urllib.error.URLError, ConnectionError):
            return False

    _wait(healthy, 60, "the web server answering")

    # The broker is private: a unix socket in var/broker/, with its append-only file.
    socket_path = embedded_socket_path(folder / "var")
    assert redis_answers(socket_path)
    assert (folder / "var" / "broker" / "appendonlydir").is_dir()
    assert socket_path.stat().st_mode & 0o077 == 0  # nobody else on the machine can connect

    # A new family signs up and makes a story: the worker draws it.
    _request(f"{base}/api/v1/users/", {"username": "newcomer", "password": "lantern-harbour-91"})
    token = _request(
        f"{base}/api/v1/token", {"username": "newcomer", "password": "lantern-harbour-91"}
    )["access"]
    story_id = _story_is_ready(base, token, "The first story")

    # Pages as production serves them, over plain http: signing in works, another family's
    # story is the app's own "not found" page (no debug page listing the URLs), and the
    # style sheets and the site icon are served.
    _request(f"{base}/api/v1/users/", {"username": "neighbour", "password": "meadow-lantern-58"})
    neighbour = Browser(base)
    landing = neighbour.sign_in("neighbour", "meadow-lantern-58")
    assert "Log out" in landing
    assert not any(cookie.secure for cookie in neighbour.cookies)
    status, _, page = neighbour.open(f"/stories/{story_id}/")
    assert status == 404
    assert "We couldn’t find that page" in page
    assert "URLconf" not in page
    assert "DEBUG = True" not in page
    style_sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', landing)
    assert style_sheets
    for href in style_sheets:
        status, content_type, css = neighbour.open(href)
        assert (status, content_type.split(";")[0]) == (200, "text/css"), href
        assert css.strip()
    with urllib.request.urlopen(f"{base}/favicon.ico", timeout=30) as icon:  # noqa: S310
        assert (icon.status, icon.headers["Content-Type"]) == (200, "image/x-icon")

    # In another terminal, from the same folder, nothing exported: the README's command
    # makes an administrator, whose first sign-in sets up two-factor with a QR code.
    admin = subprocess.run(
        [
            ".venv/bin/python",
            "manage.py",
            "createadmin",
            "--username",
            "ana",
            "--email",
            "ana@example.org",
            "--password-from-env",
            "ADMIN_PASSWORD",
        ],
        cwd=folder,
        env=clean_environment(ADMIN_PASSWORD="harbour-lantern-kite-77"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert admin.returncode == 0, admin.stderr
    assert "created: username=ana role=admin" in admin.stdout
    assert secret.group(1) not in admin.stdout + admin.stderr
    administrator = Browser(base)
    administrator.sign_in("ana", "harbour-lantern-kite-77")
    status, _, setup = administrator.open("/admin/")
    assert status == 200
    assert "<svg" in setup
    assert "authenticator" in setup.lower()

    # The terminal shows what matters: every line says who wrote it, and there is no
    # Celery banner, nor a line per task or request.
    shown = terminal.text()
    assert secret.group(1) not in shown
    assert re.search(r"^web    \| ", shown, re.M)
    assert re.search(r"^worker \| ", shown, re.M)
    for line in shown.splitlines():
        assert line.startswith(
            ("Storygen: ", "web    | ", "worker | ", "broker | ", "Demo account:", "AI provider:")
        ), line
    assert "celery@" not in shown
    assert "succeeded in" not in shown
    assert '"GET /healthz' not in shown
    assert "POST /api/v1/stories/" not in shown

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
