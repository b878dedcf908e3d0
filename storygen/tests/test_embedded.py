"""The `make run` supervisor's rules, without starting anything: restarts, stopping, and what
the terminal shows."""

from __future__ import annotations

import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from storygen import embedded
from storygen.embedded import BrokerUnavailable, Child, ChildOutput, describe_exit


def _worker() -> Child:
    return Child("worker", ["true"], {})


def test_a_worker_that_keeps_stopping_waits_1_2_4_then_at_most_30_seconds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    child = _worker()
    pauses = []
    for _ in range(7):
        child.started_at = time.monotonic()  # it stopped at once after each start
        child.schedule_restart(-signal.SIGKILL)
        assert child.restart_at is not None
        pauses.append(round(child.restart_at - time.monotonic()))
    assert pauses == [1, 2, 4, 8, 16, 30, 30]
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Storygen: the worker stopped unexpectedly (killed by SIGKILL); starting it again in 1 s."
    )


def test_a_worker_that_ran_a_while_before_stopping_starts_again_after_one_second() -> None:
    child = _worker()
    child.pause = 16.0
    child.started_at = time.monotonic() - embedded.HEALTHY_AFTER_SECONDS
    child.schedule_restart(1)
    assert child.restart_at is not None
    assert round(child.restart_at - time.monotonic()) == 1


def test_exit_codes_are_said_in_words() -> None:
    assert describe_exit(-signal.SIGKILL) == "killed by SIGKILL"
    assert describe_exit(3) == "exit code 3"


def test_a_second_ctrl_c_stops_everything_without_waiting() -> None:
    supervisor = object.__new__(embedded.Supervisor)
    supervisor.stopping = supervisor.hurry = False
    supervisor.request_stop(signal.SIGINT, None)
    assert (supervisor.stopping, supervisor.hurry) == (True, False)
    supervisor.request_stop(signal.SIGINT, None)
    assert supervisor.hurry is True


def test_a_shared_socket_folder_someone_else_can_open_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "storygen-socket"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    with pytest.raises(BrokerUnavailable, match="not private"):
        embedded._private_folder(folder)
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    with pytest.raises(BrokerUnavailable, match="not private"):
        embedded._private_folder(link)
    private = tmp_path / "mine"
    embedded._private_folder(private)
    assert private.stat().st_mode & 0o777 == 0o700


RED, RESET = "\x1b[1;31m", "\x1b[0m"
CRASH = [
    "2026-12-07 15:51:27,550 INFO stories.services.pipeline 31408 [-] story 1 written",
    "2026-12-07 15:51:28,000 CRITICAL celery.worker 31408 [-] Unrecoverable error: boom",
    "    Traceback (most recent call last):",
    '      File "celery/worker.py", line 1, in start',
    "    RuntimeError: boom",
    "2026-12-07 15:51:29,000 INFO stories.services.pipeline 31408 [-] story 2 written",
]


def _shown(output: ChildOutput, lines: list[str]) -> None:
    for line in lines:
        output.line(line + "\n")


def test_each_line_says_which_process_wrote_it(capsys: pytest.CaptureFixture[str]) -> None:
    _shown(ChildOutput("web"), ["web line"])
    _shown(ChildOutput("worker"), ["worker line"])
    assert capsys.readouterr().out.splitlines() == ["web    | web line", "worker | worker line"]


def test_an_error_and_its_traceback_are_red_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedded, "shows_colour", lambda stream: True)
    _shown(ChildOutput("worker"), CRASH)
    lines = capsys.readouterr().out.splitlines()
    red = [line.startswith(RED) and line.endswith(RESET) for line in lines]
    assert red == [False, True, True, True, True, False]
    assert lines[1] == f"{RED}worker | {CRASH[1]}{RESET}"


def test_a_python_traceback_is_red_up_to_its_exception_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedded, "shows_colour", lambda stream: True)
    raw = [
        "Traceback (most recent call last):",
        '  File "manage.py", line 22, in <module>',
        "django.core.exceptions.ImproperlyConfigured: Set DJANGO_SECRET_KEY",
        "a line after it",
    ]
    _shown(ChildOutput("web"), raw)
    red = [line.startswith(RED) for line in capsys.readouterr().out.splitlines()]
    assert red == [True, True, True, False]


def test_no_colour_when_the_output_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _shown(ChildOutput("worker"), CRASH)
    assert "\x1b" not in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    assert not embedded.shows_colour(sys.__stdout__)  # type: ignore[arg-type]


def test_a_process_cannot_rewrite_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    _shown(ChildOutput("web"), ["\x1b]0;new title\x07\x1b[2Jcleared"])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "cleared" in out


def test_a_start_up_banner_is_shown_only_when_the_start_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = ChildOutput("web")
    started.hold()
    _shown(started, ["Starting development server at http://127.0.0.1:8000/", CRASH[1]])
    assert capsys.readouterr().out == ""
    started.release(show=False)
    assert capsys.readouterr().out.splitlines() == [f"web    | {CRASH[1]}"]

    failed = ChildOutput("web")
    failed.hold()
    _shown(failed, ["Error: That port is already in use."])
    failed.release(show=True)
    assert capsys.readouterr().out.splitlines() == ["web    | Error: That port is already in use."]


def test_the_address_make_run_was_given_is_served() -> None:
    assert embedded.split_address("[::1]:8000") == ("[::1]", 8000)
    assert embedded.served_hosts(["localhost", "127.0.0.1"], "0.0.0.0") == (  # noqa: S104
        "localhost,127.0.0.1,0.0.0.0"
    )
    assert embedded.served_hosts(["localhost", "127.0.0.1"], "127.0.0.1") == "localhost,127.0.0.1"


@pytest.mark.parametrize("two_factor", [True, False])
def test_once_ready_the_terminal_says_how_to_make_an_administrator(
    capsys: pytest.CaptureFixture[str], settings: Any, two_factor: bool
) -> None:
    settings.STORYGEN_ADMIN_TWO_FACTOR = two_factor
    supervisor = object.__new__(embedded.Supervisor)
    supervisor.address = "127.0.0.1:8000"
    supervisor.worker = _worker()
    supervisor._say_ready()
    out = capsys.readouterr().out
    assert "running at http://127.0.0.1:8000/" in out
    assert f"{embedded.manage_command()} createadmin --username NAME --email EMAIL" in out
    assert ("sets up two-factor: scan the QR code" in out) is two_factor


def test_an_address_something_else_answers_on_is_refused_before_anything_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embedded, "embedded_broker_socket", lambda: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(embedded.DidNotStart, match=rf"make run PORT={port + 1}"):
            embedded.Supervisor(f"127.0.0.1:{port}")
