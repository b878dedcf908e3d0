"""Sending tasks once their database change commits, and what a refused message leaves."""

from __future__ import annotations

from typing import Any

import pytest

from stories import tasks
from storygen import dispatch
from storygen.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tasks go to a broker instead of running in place."""
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(dispatch, "_broker_down_until", 0.0)


@pytest.mark.usefixtures("real_broker")
def test_after_the_broker_refuses_a_message_the_next_ones_wait_without_trying(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    tried: list[tuple[Any, ...]] = []
    marked: list[int] = []

    def broker_down(*args: Any) -> None:
        tried.append(args)
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(tasks.page_draw, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        for page in range(20):
            dispatch.send_on_commit(
                tasks.page_draw, "run", page, unsent=lambda page=page: marked.append(page)
            )

    # One try costs the publish retry policy; the other nineteen do not pay it again.
    assert len(tried) == 1
    assert marked == list(range(20))  # every one is left for the reconciler to send


@pytest.mark.usefixtures("real_broker")
def test_the_broker_is_tried_again_once_the_pause_is_over(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    sent: list[tuple[Any, ...]] = []
    monkeypatch.setattr(tasks.page_draw, "delay", lambda *args: sent.append(args))
    monkeypatch.setattr(dispatch, "_broker_down_until", 0.0)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.send_on_commit(tasks.page_draw, "run", 1)
    assert sent == [("run", 1)]


@pytest.mark.usefixtures("real_broker")
def test_messages_skipped_while_the_broker_is_down_do_not_prolong_the_pause(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    clock = [100.0]
    monkeypatch.setattr(dispatch.time, "monotonic", lambda: clock[0])
    tried: list[int] = []

    def broker_down(*args: Any) -> None:
        tried.append(1)
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(tasks.page_draw, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.send_on_commit(tasks.page_draw, "run", 1)  # refused: the pause starts
    for second in range(1, 12):  # a message skipped every second meanwhile
        clock[0] = 100.0 + second
        with django_capture_on_commit_callbacks(execute=True):
            dispatch.send_on_commit(tasks.page_draw, "run", 1)
    assert len(tried) == 3  # tried again at 105 s and 110 s, not held off for ever
