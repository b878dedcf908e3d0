"""The `make run` supervisor's rules, without starting anything: restarts and stopping."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from storygen import embedded
from storygen.embedded import BrokerUnavailable, Child, describe_exit


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
