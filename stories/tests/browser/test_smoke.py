"""The browser harness itself: Chromium, the live server, the real worker and the checks."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.services import user_tokens
from accounts.tests.factories import UserFactory
from stories.models import GenerationTask, Story
from stories.services import story_generation_start
from stories.tests.browser.a11y import (
    accessibility_problems,
    assert_accessible,
    focus_problems,
)
from storygen.media import media_path
from storygen.testing.processes import CeleryWorker

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_chromium_shows_the_admin_login_page_of_the_live_server(
    page: Page, new_page: Pages, live_server: LiveServer, shots: Shots
) -> None:
    page.goto(f"{live_server.url}/admin/login/")

    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    desktop = shots(page, "admin login")
    phone = new_page(mobile=True)
    phone.goto(f"{live_server.url}/admin/login/")
    mobile = shots(phone, "admin login on a phone")

    assert desktop.read_bytes().startswith(PNG_SIGNATURE)
    assert mobile.read_bytes().startswith(PNG_SIGNATURE)
    assert sorted(path.name for path in shots.folder.iterdir()) == [desktop.name, mobile.name]
    assert phone.viewport_size == {"width": 390, "height": 844}
    # Django's admin is not ours: its markup only has to pass the form-label check.
    assert_accessible(page, skip=("h1", "names", "ids", "main", "title"))


def test_login_gives_the_page_a_signed_in_session(
    page: Page, login: Callable[[Page, User], None], live_server: LiveServer
) -> None:
    staff = UserFactory(is_staff=True, is_superuser=True)

    login(page, staff)
    page.goto(f"{live_server.url}/admin/")

    expect(page.get_by_role("heading", name="Administration")).to_be_visible()
    assert page.url == f"{live_server.url}/admin/"


def test_a_story_started_here_is_drawn_by_the_worker_and_served_by_the_live_server(
    worker: CeleryWorker,
    wait_for_story: Callable[..., Story],
    page: Page,
    live_server: LiveServer,
    user: User,
) -> None:
    task = story_generation_start(
        owner=user,
        genre="Fantasy",
        story_outline="Mira and Pip sail a paper boat to the moon and back before breakfast.",
        main_characters=[{"name": "Mira", "description": "a girl with curly red hair"}],
        num_pages=2,
    )

    story = wait_for_story(task.story_id)

    assert story.status == Story.Status.READY
    assert GenerationTask.objects.get(pk=task.pk).status == GenerationTask.Status.COMPLETED
    # The worker process did the work, not this process inline.
    assert "stories.tasks.page_draw" in worker.output()
    pages = list(story.pages.order_by("number"))
    assert len(pages) == 3
    for story_page in pages:
        picture = media_path(story_page.image.name)
        assert picture.is_file()
        assert picture.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    cover = pages[0]
    response = page.request.get(
        live_server.url + reverse("page-image", args=[story.pk, cover.pk]),
        headers={"Authorization": f"Bearer {user_tokens(user=user)['access']}"},
    )
    assert response.status == 200, response.text()
    assert response.headers["content-type"].startswith("image/")
    assert response.body() == media_path(cover.image.name).read_bytes()


def test_a_story_requested_from_the_live_server_is_generated_by_the_worker(
    worker: CeleryWorker,
    wait_for_story: Callable[..., Story],
    page: Page,
    live_server: LiveServer,
    user: User,
) -> None:
    # The live server's request thread queues the work, as the wizard's last step will.
    response = page.request.post(
        live_server.url + reverse("story-list"),
        data={"genre": "Adventure", "story_outline": "Pip finds a lost kite.", "num_pages": 1},
        headers={"Authorization": f"Bearer {user_tokens(user=user)['access']}"},
    )
    assert response.status == 202, response.text()

    story = wait_for_story(response.json()["story_id"])

    assert story.status == Story.Status.READY
    assert story.provider == "offline"
    assert all(media_path(p.image.name).is_file() for p in story.pages.all())


def test_queued_work_waits_in_the_broker_until_a_worker_starts(
    broker: str,
    wait_for_story: Callable[..., Story],
    request: pytest.FixtureRequest,
    user: User,
) -> None:
    task = story_generation_start(
        owner=user, genre="Adventure", story_outline="Pip finds a lost kite.", num_pages=1
    )
    time.sleep(1)
    # Nothing ran inline: the work is in redis, waiting.
    assert Story.objects.get(pk=task.story_id).status == Story.Status.QUEUED

    request.getfixturevalue("worker")
    story = wait_for_story(task.story_id, timeout=30)

    assert story.status == Story.Status.READY


def test_the_accessibility_check_names_each_offending_element(page: Page) -> None:
    page.set_content(
        """<!doctype html><html><head><title>Broken</title></head><body>
        <h1>One</h1><h1>Two</h1>
        <input id="nameless" name="nameless">
        <label>Wrapped <input name="wrapped"></label>
        <label for="pointed">Pointed</label><input id="pointed">
        <input aria-label="Searched" name="search"><input type="hidden" name="token">
        <select name="loose"></select><textarea name="story"></textarea>
        <img src="data:," width="1" height="1">
        <button></button><a href="#" id="pointed">Twin id</a>
        </body></html>"""
    )

    problems = "\n".join(accessibility_problems(page))

    assert "<html> has no lang attribute" in problems
    assert "expected exactly one <h1>, found 2" in problems
    assert "expected one <main> landmark, found 0" in problems
    assert 'input#nameless[name="nameless"]' in problems
    assert 'select[name="loose"]' in problems
    assert 'textarea[name="story"]' in problems
    assert "wrapped" not in problems
    assert "search" not in problems
    assert "token" not in problems
    assert "image without alt: img" in problems
    assert "link or button without a name: button" in problems
    assert 'id "pointed" is used 2 times' in problems
    with pytest.raises(AssertionError, match="is not accessible"):
        assert_accessible(page)


def test_the_accessibility_check_passes_a_sound_page(page: Page) -> None:
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Sound</title></head><body>
        <main><h1>Title</h1><img src="data:," alt="">
        <form><label for="q">Search</label><input id="q" name="q">
        <button><img src="data:," alt="Go"></button></form></main>
        </body></html>"""
    )

    assert_accessible(page)


def test_the_focus_check_spots_an_element_without_a_focus_indicator(page: Page) -> None:
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Focus</title><style>
        #ringed:focus-visible { outline: 3px solid #1d4ed8; }
        #shadowed:focus-visible { outline: none; box-shadow: 0 0 0 3px #1d4ed8; }
        #hidden:focus { outline: none; }
        #invisible:focus { outline: 2px solid transparent; }
        </style></head><body><main><h1>Focus</h1>
        <button id="ringed">Ringed</button><a id="shadowed" href="#">Shadowed</a>
        <button id="hidden">Hidden</button><input id="invisible" aria-label="Invisible">
        </main></body></html>"""
    )

    problems = "\n".join(focus_problems(page, presses=4))

    assert "ringed" not in problems
    assert "shadowed" not in problems
    assert "button#hidden" in problems
    assert "input#invisible" in problems


def test_a_page_that_throws_or_misses_a_resource_is_reported(
    page: Page, new_page: Pages, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/admin/login/")

    page.evaluate(
        """() => {
        setTimeout(() => { throw new Error('the page script broke'); });
        const img = document.createElement('img');
        img.alt = '';
        img.src = '/static/img/no-such-picture.png';
        document.body.append(img);
    }"""
    )

    deadline = time.monotonic() + 5
    while len(new_page.problems) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    problems = "\n".join(new_page.problems)
    assert "JavaScript error: the page script broke" in problems
    assert f"404 for image {live_server.url}/static/img/no-such-picture.png" in problems
    # Seen and asserted: the test must not fail for them at teardown.
    new_page.problems.clear()
