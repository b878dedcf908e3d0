"""An administrator reads the logs on the monitoring page: picks a file, filters, inverts,
follows it while it grows, and finds the same choices on the next visit. Counters, charts and
configuration are photographed in light and dark mode and on a phone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from moderation.tests.factories import AdminFactory
from stories.models import GenerationTask, Story
from stories.tests.browser.a11y import assert_accessible, assert_focus_visible
from stories.tests.factories import GenerationTaskFactory, StoryFactory

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: dict[str, Any] = {"mobile": True, "viewport": {"width": 360, "height": 780}}
# Enough lines that the viewer scrolls; the interesting ones come last.
HEARTBEATS = [f"2026-03-01 09:59:{n:02d} INFO celery 42 [-] heartbeat {n}" for n in range(60)]
WORKER_LINES = (
    HEARTBEATS
    + [f"2026-03-01 10:00:{n:02d} INFO stories.tasks 42 [-] story {n} queued" for n in range(8)]
    + [
        "2026-03-01 10:01:00 WARNING storygen.ai 42 [-] slow reply from the provider",
        "2026-03-01 10:01:01 ERROR stories.tasks 42 [-] page 3 of story 7 failed: timeout",
        "2026-03-01 10:01:02 INFO stories.tasks 42 [-] story 7 ready",
    ]
)


@pytest.fixture
def logs_dir(settings: Any, tmp_path: Path) -> Path:
    """A log folder of this test only, with an app log and a worker log written now."""
    directory = tmp_path / "logs"
    directory.mkdir()
    settings.LOGS_DIR = directory
    (directory / "app.log").write_text("2026-03-01 09:00:00 INFO storygen 1 [-] started\n")
    (directory / "worker.log").write_text("\n".join(WORKER_LINES) + "\n")
    return directory


def _some_activity(admin: User) -> None:
    """Stories and runs over the last two weeks, so the charts have something to draw."""
    for days_ago, stories, completed, failed in (
        (0, 2, 2, 0),
        (1, 4, 3, 1),
        (3, 1, 1, 1),
        (6, 3, 2, 0),
        (9, 5, 4, 1),
        (12, 2, 1, 1),
    ):
        moment = timezone.now() - timedelta(days=days_ago)
        for _ in range(stories):
            story = StoryFactory(owner=admin)
            Story.objects.filter(pk=story.pk).update(created_at=moment)
        for n in range(completed + failed):
            task = GenerationTaskFactory(
                story=story,
                status=GenerationTask.Status.COMPLETED
                if n < completed
                else GenerationTask.Status.FAILED,
                duration_ms=(40 + 15 * days_ago + 7 * n) * 1000 if n < completed else None,
            )
            GenerationTask.objects.filter(pk=task.pk).update(created_at=moment)


def _lines(page: Page) -> list[str]:
    return page.locator("[data-log-output] .log-line").all_inner_texts()


def _scrolled_to_the_end(page: Page) -> bool:
    return bool(
        page.eval_on_selector(
            "[data-log-output]",
            "el => el.scrollHeight > el.clientHeight"
            " && el.scrollHeight - el.scrollTop - el.clientHeight < 2",
        )
    )


def test_an_admin_reads_filters_and_follows_a_log(
    page: Page,
    new_page: Pages,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    logs_dir: Path,
    shots: Shots,
) -> None:
    admin = AdminFactory(username="night-admin")
    _some_activity(admin)
    login(page, admin)
    url = live_server.url + reverse("monitoring:page")

    page.goto(url)
    expect(page.get_by_role("heading", name="Monitoring", level=1)).to_be_visible()
    for chart in ("Stories per day", "Success rate per day", "Average run time per day"):
        expect(page.get_by_role("img", name=chart)).to_be_visible()
    assert_accessible(page)
    assert_focus_visible(page)
    shots(page, "monitoring page")

    # Pick the worker log: its tail replaces the app log's, newest line last and in view.
    page.get_by_label("Log file").select_option("worker.log")
    expect(page.locator("[data-log-output] .log-line").last).to_have_text(WORKER_LINES[-1])
    assert _lines(page) == WORKER_LINES
    expect(page.locator("[data-log-summary]")).to_have_text("71 lines of worker.log.")
    expect(page.locator(".log-line--error")).to_have_text(WORKER_LINES[-2])
    expect(page.locator(".log-line--warning")).to_have_text(WORKER_LINES[-3])
    assert _scrolled_to_the_end(page)

    # Filter as you type, without a request.
    page.get_by_label("Filter").fill("STORY 7")
    expect(page.locator("[data-log-output] .log-line")).to_have_count(3)
    assert _lines(page) == [WORKER_LINES[-4], WORKER_LINES[-2], WORKER_LINES[-1]]
    expect(page.locator("[data-log-summary]")).to_have_text("3 of 71 lines of worker.log.")

    page.get_by_label("Hide matching lines").check()
    expect(page.locator("[data-log-output] .log-line")).to_have_count(68)
    assert all("story 7" not in line for line in _lines(page))

    # A regular expression; a broken one is explained and every line stays.
    page.get_by_label("Hide matching lines").uncheck()
    page.get_by_label("Regular expression").check()
    page.get_by_label("Filter").fill(r"story [0-2] queued$")
    expect(page.locator("[data-log-output] .log-line")).to_have_count(3)
    page.get_by_label("Filter").fill("([")
    expect(page.locator("[data-filter-problem]")).to_contain_text(
        "This is not a valid regular expression"
    )
    expect(page.get_by_label("Filter")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-log-output] .log-line")).to_have_count(len(WORKER_LINES))
    shots(page, "invalid regular expression")

    # Follow: a line written to the file appears by itself, and the view stays at the end.
    page.get_by_label("Filter").fill("")
    page.get_by_label("Regular expression").uncheck()
    page.get_by_label("Follow (refresh every few seconds)").check()
    with (logs_dir / "worker.log").open("a") as log:
        log.write("2026-03-01 10:02:00 ERROR stories.tasks 42 [-] a brand new failure\n")
    newest = page.locator("[data-log-output] .log-line").last
    expect(newest).to_have_text(
        "2026-03-01 10:02:00 ERROR stories.tasks 42 [-] a brand new failure", timeout=12_000
    )
    expect(newest).to_have_class("log-line log-line--error")
    assert _scrolled_to_the_end(page)
    shots(page, "following worker log")

    # The next plain visit remembers the file, the number of lines and following.
    page.get_by_label("Lines to show").fill("50")
    page.get_by_label("Lines to show").dispatch_event("change")
    again = new_page()
    again.context.add_cookies(page.context.cookies())
    page.context.close()
    again.goto(url)
    again.evaluate(
        "prefs => localStorage.setItem('storygen.monitoring.logViewer', prefs)",
        '{"file": "worker.log", "lines": "50", "follow": true, "regex": false, "invert": true}',
    )
    again.goto(url)
    expect(again.get_by_label("Log file")).to_have_value("worker.log")
    expect(again.get_by_label("Lines to show")).to_have_value("50")
    expect(again.get_by_label("Follow (refresh every few seconds)")).to_be_checked()
    expect(again.get_by_label("Hide matching lines")).to_be_checked()
    expect(again.locator("[data-log-output] .log-line").last).to_have_text(
        "2026-03-01 10:02:00 ERROR stories.tasks 42 [-] a brand new failure"
    )

    for label, options in (("dark", {"color_scheme": "dark"}), ("phone", PHONE)):
        other = new_page(**options)
        other.context.add_cookies(again.context.cookies())
        other.goto(url + "?file=worker.log&lines=100")
        expect(other.get_by_role("heading", name="Monitoring", level=1)).to_be_visible()
        expect(other.locator("[data-log-output] .log-line").first).to_be_visible()
        assert_accessible(other)
        shots(other, f"monitoring page {label}")
        other.context.close()


def test_the_log_viewer_works_without_javascript(
    new_page: Pages,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    logs_dir: Path,
    shots: Shots,
) -> None:
    page = new_page(java_script_enabled=False)
    login(page, AdminFactory())
    page.goto(live_server.url + reverse("monitoring:page"))

    expect(page.get_by_label("Follow (refresh every few seconds)")).to_be_hidden()
    page.get_by_label("Log file").select_option("worker.log")
    page.get_by_label("Filter").fill("queued")
    page.get_by_label("Hide matching lines").check()
    page.get_by_role("button", name="Show").click()

    expect(page.locator("[data-log-summary]")).to_have_text("63 of 71 lines of worker.log.")
    assert _lines(page) == [line for line in WORKER_LINES if "queued" not in line]

    # A pattern that takes exponential time on these lines is stopped, and the admin told.
    (logs_dir / "slow.log").write_text(("a" * 40 + "!x\n") * 20)
    page.reload()
    page.get_by_label("Log file").select_option("slow.log")
    page.get_by_label("Hide matching lines").uncheck()
    page.get_by_label("Regular expression").check()
    page.get_by_label("Filter").fill("(a|aa)*x")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".errorlist")).to_contain_text("took too long")
    assert_accessible(page)
    shots(page, "no javascript, stopped pattern")
