"""Browser test harness: Debian's Chromium through Playwright, the live server, a real worker.

Tests here drive the pages as a person does. A story they start goes through a real
redis-server to a real ``celery worker`` process using the offline provider, which writes to
the same test database and media folder the live server reads.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.conf import settings
from django.test import Client
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Response,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from stories.models import Story
from storygen.testing.processes import (
    ROOT,
    CeleryWorker,
    RedisServer,
    publishing_to,
    worker_environment,
)

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 15_000
OUTPUT = ROOT / "var" / "test-output" / "browser"
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
MOBILE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
# Sub-resources a page cannot do without: a 4xx on one of them is a broken page.
_ESSENTIAL_RESOURCES = {"stylesheet", "script", "image", "font", "media"}
_FINISHED = {Story.Status.READY, Story.Status.PARTIAL, Story.Status.FAILED}

_reports = pytest.StashKey[dict[str, pytest.TestReport]]()
_worker = pytest.StashKey[CeleryWorker]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Fixtures look at the outcome in their teardown, to keep a picture of a failed page.
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


def _failed(node: pytest.Item) -> bool:
    return any(report.failed for report in node.stash.get(_reports, {}).values())


# --- Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    # Package scope: Playwright's sync API keeps an event loop marked running on this thread
    # while it is started, and Django then takes every ORM call for one made from async code.
    # Django's documented switch allows them for exactly as long as Playwright runs, so the
    # tests outside this package see neither.
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}; the browser tests need it "
            "(`make test` installs the Debian package `chromium`).",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as started:
            yield started


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium from the system; Playwright never downloads a browser here."""
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # Tests run as root in containers, where Chromium's sandbox cannot start.
            chromium_sandbox=False,
            # Container /dev/shm is often tiny; Chromium then crashes on large pages.
            args=["--disable-dev-shm-usage"],
        )
    except PlaywrightError as exc:
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
    expect.set_options(timeout=TIMEOUT_MS)
    yield chromium
    chromium.close()


class Shots:
    """Full-page screenshots of one test, numbered in the order they were taken."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: list[Path] = []

    def __call__(self, page: Page, name: str) -> Path:
        slug = re.sub(r"[^\w-]+", "-", name).strip("-") or "page"
        path = self.folder / f"{len(self.taken) + 1:02d}-{slug}.png"
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
        self.taken.append(path)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    """``shots(page, "name")`` saves a full-page PNG under var/test-output/browser/<test>/.

    The folder only ever holds the latest run's pictures: it is emptied when the test starts.
    """
    name = re.sub(r"[^\w.\[\]-]+", "-", f"{request.path.stem}.{request.node.name}")
    folder = OUTPUT / name
    shutil.rmtree(folder, ignore_errors=True)
    return Shots(folder)


class Pages:
    """Opens pages in fresh browser contexts and watches them for broken behaviour.

    ``problems`` collects uncaught JavaScript errors, server errors and missing stylesheets,
    scripts, pictures or fonts; the test fails on any it leaves there.
    """

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []
        self.problems: list[str] = []

    def __call__(self, *, mobile: bool = False, **options: Any) -> Page:
        """A page in a new context: 1280x900, or a 390x844 phone with ``mobile=True``.

        ``options`` go to ``browser.new_context`` (``color_scheme="dark"``, ``locale``...).
        """
        context = self.browser.new_context(**{**(MOBILE if mobile else DESKTOP), **options})
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", self._watch)
        self.contexts.append(context)
        return context.new_page()

    def _watch(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        page.on("response", self._check_response)

    def _check_response(self, response: Response) -> None:
        kind = response.request.resource_type
        if response.status >= 500 or (response.status >= 400 and kind in _ESSENTIAL_RESOURCES):
            self.problems.append(f"{response.status} for {kind} {response.url}")

    def close(self, shots: Shots | None) -> None:
        for context in self.contexts:
            if shots is not None:
                for page in context.pages:
                    # A crashed page has no picture to give; the failure says why.
                    with contextlib.suppress(PlaywrightError):
                        shots(page, "failure")
            context.close()


@pytest.fixture
def new_page(browser: Browser, shots: Shots, request: pytest.FixtureRequest) -> Iterator[Pages]:
    """``new_page()`` / ``new_page(mobile=True)``: more pages (other users, phone widths).

    Every page of a failed test is saved as a final screenshot in the test's shots folder.
    """
    pages = Pages(browser)
    yield pages
    failed = _failed(request.node)
    pages.close(shots if failed else None)
    if not pages.problems:
        return
    report = "The pages had problems:\n" + "\n".join(pages.problems)
    if failed:
        print(report)  # shown with the failure; they may be its cause
    else:
        pytest.fail(report, pytrace=False)


@pytest.fixture
def page(new_page: Pages) -> Page:
    """A desktop-sized page (1280x900) with a 15 s default timeout."""
    return new_page()


@pytest.fixture
def mobile_page(new_page: Pages) -> Page:
    """A phone-sized page (390x844, touch)."""
    return new_page(mobile=True)


@pytest.fixture
def login(live_server: LiveServer) -> Callable[[Page, User], None]:
    """``login(page, user)``: give the page's context a signed-in session of ``user``.

    A shortcut for focused tests; journeys sign in through the real form.
    """

    def sign_in(page: Page, user: User) -> None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.value,
                    "url": live_server.url,
                    "httpOnly": True,
                    "secure": settings.SESSION_COOKIE_SECURE,
                    "sameSite": "Lax",
                }
            ]
        )

    return sign_in


# --- The worker ----------------------------------------------------------------------------


@pytest.fixture(scope="package")
def redis_server() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
def broker(redis_server: RedisServer, transactional_db: None, settings: Any) -> Iterator[str]:
    """Tasks leave this process (the test and the live server's threads) through redis.

    Alone, it leaves queued work waiting, which shows a story as queued; asking for
    ``worker`` later in the test (``request.getfixturevalue("worker")``) starts on it.
    The broker is emptied after the test, so nothing left queued reaches the next one.
    """
    with publishing_to(redis_server.url, visibility_timeout=settings.CELERY_VISIBILITY_TIMEOUT):
        # Only once Celery has read its configuration (publishing_to keeps the eager one to
        # restore): read after this, the app would stay non-eager for every later test.
        settings.CELERY_TASK_ALWAYS_EAGER = False
        yield redis_server.url
    with redis.Redis.from_url(redis_server.url) as connection:
        connection.flushall()


@pytest.fixture
def worker(broker: str, settings: Any, request: pytest.FixtureRequest) -> Iterator[CeleryWorker]:
    """A real ``celery worker`` process serving what this test and its live server queue.

    It uses the offline provider with this process's small picture sizes, this test's
    database (committed data: live_server tests are transactional) and the same MEDIA_ROOT,
    so the live server serves what it drew. It is stopped by PID after the test.
    """
    env = worker_environment(
        broker_url=broker,
        extra={
            "AI_PROVIDER": "offline",
            "AI_PAGE_IMAGE_SIZE": settings.AI_PAGE_IMAGE_SIZE,
            "AI_SHEET_IMAGE_SIZE": settings.AI_SHEET_IMAGE_SIZE,
            "STORYGEN_RECONCILE_INTERVAL": "0",
        },
    )
    process = CeleryWorker(env, concurrency=4, name="browser")
    request.node.stash[_worker] = process
    try:
        try:
            process.start()
        except TimeoutError as exc:
            pytest.fail(f"{exc}; worker log:\n{process.output()[-4000:]}", pytrace=False)
        yield process
    finally:
        process.stop()


@pytest.fixture
def wait_for_story(broker: str, request: pytest.FixtureRequest) -> Callable[..., Story]:
    """``wait_for_story(story_id, timeout=60)``: the story once a worker has finished it.

    Fails with the worker's log if it is still queued or generating after ``timeout`` s.
    """

    def wait(story_id: int, timeout: float = 60) -> Story:
        deadline = time.monotonic() + timeout
        while True:
            story = Story.objects.get(pk=story_id)
            if story.status in _FINISHED:
                return story
            if time.monotonic() > deadline:
                process = request.node.stash.get(_worker, None)
                log = process.output()[-4000:] if process else "(no worker was started)"
                pytest.fail(
                    f"story {story_id} still {story.status} after {timeout:.0f} s; "
                    f"worker log:\n{log}"
                )
            time.sleep(0.2)

    return wait
