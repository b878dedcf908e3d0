"""No worker, no mystery: the progress page says none is running, then carries on when one is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from stories import services
from stories.tests.browser.a11y import assert_accessible
from stories.tests.browser.conftest import Shots

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("worker_heartbeats")]

GENERATION_TIMEOUT_MS = 90_000


def test_the_progress_page_says_no_worker_is_running_and_carries_on_when_one_starts(
    live_server: LiveServer,
    page: Page,
    mobile_page: Page,
    login: Callable[[Page, User], None],
    broker: str,
    user: User,
    story_request: dict[str, Any],
    shots: Shots,
    request: pytest.FixtureRequest,
) -> None:
    task = services.story_generation_start(owner=user, **{**story_request, "num_pages": 2})
    url = f"{live_server.url}/stories/{task.story_id}/progress/"

    login(mobile_page, user)
    mobile_page.goto(url)
    expect(mobile_page.get_by_role("heading", name="No worker is running")).to_be_visible()
    shots(mobile_page, "no worker, phone")

    login(page, user)
    page.goto(url)
    expect(page.get_by_role("status")).to_have_text("Waiting for a worker to start.")
    notice = page.locator("#progress-no-worker")
    expect(notice).to_contain_text("carries on by itself as soon as a worker starts")
    expect(notice.locator("code").first).to_have_text("make run")
    assert_accessible(page)
    shots(page, "no worker")

    # A worker starts: the same page, never reloaded, follows the story to the end.
    page.evaluate("window.stillTheSameDocument = true")
    request.getfixturevalue("worker")
    expect(page.get_by_role("heading", name="Your story is ready")).to_be_visible(
        timeout=GENERATION_TIMEOUT_MS
    )
    expect(page.locator("#progress-no-worker")).to_have_count(0)
    assert page.evaluate("window.stillTheSameDocument") is True
    shots(page, "finished once a worker started")
