"""The retry policy every kind of work shares: how long a step waits before its next try."""

from __future__ import annotations

import pytest
from django.test import override_settings

from storygen.ai.errors import AIProviderUnavailable
from storygen.jobs import retry_delay


def test_retry_delay_never_undercuts_retry_after_and_grows_with_attempts() -> None:
    hinted = AIProviderUnavailable("slow down", retry_after=2.0)
    assert all(retry_delay(hinted, attempt) >= 2.0 for attempt in range(1, 6))
    plain = AIProviderUnavailable("oops")
    with override_settings(AI_RETRY_BACKOFF_BASE=1.0, AI_RETRY_MAX_DELAY=60.0):
        first = [retry_delay(plain, 1) for _ in range(50)]
        fourth = [retry_delay(plain, 4) for _ in range(50)]
        assert max(first) <= 1.0 < min(fourth)
        assert max(retry_delay(plain, 30) for _ in range(50)) <= 60.0
        assert len(set(first)) > 1  # jittered


def test_with_the_default_settings_a_step_rides_out_75_seconds_of_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storygen import jobs
    from storygen import settings as shipped

    monkeypatch.setattr(jobs.random, "uniform", lambda low, high: low)  # the least jitter
    down = AIProviderUnavailable("down")
    with override_settings(
        AI_RETRY_BACKOFF_BASE=shipped.AI_RETRY_BACKOFF_BASE,
        AI_RETRY_MAX_DELAY=shipped.AI_RETRY_MAX_DELAY,
    ):
        waited = sum(retry_delay(down, attempt) for attempt in range(1, shipped.AI_MAX_ATTEMPTS))
    assert waited >= 75
