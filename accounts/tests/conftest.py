"""Fixtures of the account tests: a clock the sign-in throttle reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone


@dataclass
class Clock:
    """``timezone.now()`` stands still at ``now`` until the test moves it on."""

    now: datetime

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Stops the clock, so the throttle's waits depend on the test's steps, not its speed."""
    stopped = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", lambda: stopped.now)
    return stopped
