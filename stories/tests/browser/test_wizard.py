"""The story wizard as a person uses it: drafts kept, picture styles seen, the page chosen as a
size and an orientation, and a progress page that says when the story is ready."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.tests.factories import UserFactory
from stories.models import Story
from stories.tests.browser.a11y import assert_accessible
from stories.tests.browser.option_lists import seed_option_lists

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GENERATION_TIMEOUT_MS = 90_000
OUTLINE = "Pip the little fox cannot sleep, so the moon tells him a story about the stars."


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    seed_option_lists(apps, None)


@pytest.fixture
def parent(page: Page, live_server: LiveServer, login: Callable[[Page, User], None]) -> User:
    user = UserFactory(username="pip-family")
    login(page, user)
    return user


def test_create_in_the_header_keeps_the_open_story_as_a_draft(
    page: Page, live_server: LiveServer, parent: User, shots: Shots
) -> None:
    page.goto(f"{live_server.url}/create/")
    # A draft saves with only a title: nothing else is needed yet.
    page.get_by_label("Title").fill("Pip Cannot Sleep")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    # More is typed, then Create in the header is clicked before saving again.
    page.get_by_label("Genre").select_option("Bedtime")
    page.get_by_label("Story outline").fill(OUTLINE)
    page.get_by_role("button", name="Next: Characters").click()
    expect(page.get_by_text("Step 2 of 4")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Create").click()

    expect(
        page.get_by_text("Your unfinished story “Pip Cannot Sleep” was kept as a draft")
    ).to_be_visible()
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("")
    assert_accessible(page)
    shots(page, "a new story after keeping the open one as a draft")
    draft = Story.objects.get(owner=parent)
    assert (draft.status, draft.genre, draft.outline) == ("draft", "Bedtime", OUTLINE)


def test_styles_with_samples_a4_landscape_and_a_progress_page_that_says_ready(
    page: Page,
    live_server: LiveServer,
    parent: User,
    broker: str,
    shots: Shots,
    request: pytest.FixtureRequest,
) -> None:
    page.goto(f"{live_server.url}/create/")
    genre = page.get_by_label("Genre")
    offered = genre.locator("option").all_inner_texts()
    assert "Bedtime" in offered
    assert not {"Horror", "Romance", "Thriller", "Drama", "Action"} & set(offered)
    page.get_by_label("Title").fill("Pip and the Moon")
    genre.select_option("Bedtime")
    page.get_by_label("Story outline").fill(OUTLINE)
    page.get_by_role("button", name="Next: Characters").click()
    page.get_by_role("group", name="Describe a new character").get_by_label("Name").fill("Pip")
    page.get_by_label("Description").fill("a small orange fox with a white-tipped tail")
    page.get_by_role("button", name="Next: Options").click()

    # Each picture style shows what it looks like; the square storybook comes first.
    styles = page.get_by_role("group", name="Picture style")
    samples = styles.locator("img.style-card__sample")
    expect(samples.first).to_be_visible()
    assert samples.count() == styles.get_by_role("radio").count() >= 8
    # Every sample loads (waits for them: the browser fetches them after the page shows).
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.style-card__sample')]"
        ".every(image => image.complete && image.naturalWidth > 0)"
    )
    expect(page.get_by_label("Page size")).to_have_value("square")
    page.get_by_label("Number of pages").fill("2")
    styles.get_by_text("Watercolor", exact=True).click()
    expect(styles.get_by_label("Watercolor")).to_be_checked()
    page.get_by_label("Page size").select_option("a4")
    page.get_by_label("Landscape", exact=True).check()
    assert_accessible(page)
    shots(page, "options with style samples")
    page.get_by_role("button", name="Next: Review").click()
    review = page.locator("form.wizard__form")
    expect(review.get_by_text("A4, landscape")).to_be_visible()
    expect(review.get_by_text("Watercolor")).to_be_visible()
    page.get_by_role("button", name="Generate my story").click()

    # While it is made, the page says so; once ready, heading, title and words say ready.
    kicker = page.locator("[data-progress-heading]")
    expect(kicker).to_have_text("Making your story")
    expect(page).to_have_title(re.compile(r"^Making your story: “Pip and the Moon”"))
    request.getfixturevalue("worker")
    expect(page.get_by_role("link", name="Read the story")).to_be_visible(
        timeout=GENERATION_TIMEOUT_MS
    )
    expect(kicker).to_have_text("Your story is ready")
    expect(page).to_have_title(re.compile(r"^Your story is ready: “Pip and the Moon”"))
    expect(page.get_by_text("on its way")).to_have_count(0)
    expect(page.get_by_text("Making your story")).to_have_count(0)
    assert_accessible(page)
    shots(page, "progress once the story is ready")
    story = Story.objects.get(owner=parent)
    assert (story.page_format, story.image_style) == ("a4-landscape", "Watercolor")
