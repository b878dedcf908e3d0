"""What a family does in the browser: sign up, create, watch, read, find, reuse and delete.

The story is written and drawn for real by a Celery worker process with the offline
provider. Each main step is photographed into the test's output folder, and the checks look
at what is visible on screen, not merely present in the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.tests.factories import PASSWORD, UserFactory
from stories.models import Story
from stories.tests.browser.a11y import assert_accessible, assert_focus_visible
from stories.tests.browser.option_lists import seed_option_lists

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots
    from storygen.testing.processes import CeleryWorker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GENERATION_TIMEOUT_MS = 90_000
OUTLINE = (
    "Mira, the lighthouse keeper's daughter, finds a lost whale calf in the bay and, with "
    "her lantern, guides it back to its mother before the storm."
)


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    """The genres, styles… a migration seeds; a transactional test before this one emptied them."""
    seed_option_lists(apps, None)


def fill_basics(page: Page, *, title: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Genre").select_option("Children's")
    page.get_by_label("Story outline").fill(OUTLINE)
    page.get_by_role("button", name="Next: Characters").click()


def fill_character(page: Page) -> None:
    expect(page.get_by_text("Step 2 of 4")).to_be_visible()
    page.get_by_role("group", name="Describe a new character").get_by_label("Name").fill("Mira")
    page.get_by_label("Age").fill("9")
    page.get_by_label("Description").fill("a girl with curly red hair and freckles")
    page.get_by_label("Clothing").fill("a yellow raincoat")
    page.get_by_label("Traits").fill("brave, curious")


def wait_until_read_button(page: Page) -> None:
    expect(page.get_by_role("link", name="Read the story")).to_be_visible(
        timeout=GENERATION_TIMEOUT_MS
    )


def test_sign_up_create_watch_read_find_reuse_and_delete_a_story(
    page: Page,
    new_page: Pages,
    live_server: LiveServer,
    broker: str,
    shots: Shots,
    request: pytest.FixtureRequest,
) -> None:
    # A visitor signs up from the home page.
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    shots(page, "home for visitors")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Username").fill("mira-family")
    page.get_by_label("Email").fill("family@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    assert_accessible(page)
    shots(page, "sign up")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Welcome to Storygen")).to_be_visible()
    shots(page, "home for a new user")

    # The wizard, all four steps.
    page.get_by_role("link", name="Create a story").first.click()
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    assert_accessible(page)
    assert_focus_visible(page)
    shots(page, "wizard basics")
    fill_basics(page, title="The Lighthouse Whale")
    fill_character(page)
    assert_accessible(page)
    shots(page, "wizard characters")
    page.get_by_role("button", name="Next: Options").click()
    expect(page.get_by_text("Step 3 of 4")).to_be_visible()
    page.get_by_label("Number of pages").fill("3")
    page.get_by_label("Layout").select_option("horizontal-split")
    page.get_by_label("Top Left").check()
    assert_accessible(page)
    shots(page, "wizard options")
    page.get_by_role("button", name="Next: Review").click()
    expect(page.get_by_text("Step 4 of 4")).to_be_visible()
    review = page.locator("form.wizard__form")
    expect(review.get_by_text("The Lighthouse Whale")).to_be_visible()
    expect(review.get_by_text("Mira", exact=True)).to_be_visible()
    expect(review.get_by_text("Picture above text")).to_be_visible()
    expect(review.get_by_text("Top Left")).to_be_visible()
    assert_accessible(page)
    shots(page, "wizard review")
    page.get_by_role("button", name="Generate my story").click()

    # Progress: the bar and the words, then pages appearing, then the way to read.
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    shots(page, "progress while generating")
    thumbnails = page.locator(".progress-tiles img")
    assert thumbnails.count() == 0
    # The worker starts once the page is open, so the page is seen following the story: the
    # pages appear while a mark left on this document survives until the end.
    page.evaluate("window.stillTheSameDocument = true")
    request.getfixturevalue("worker")
    expect(thumbnails.first).to_be_visible(timeout=GENERATION_TIMEOUT_MS)
    wait_until_read_button(page)
    assert page.evaluate("window.stillTheSameDocument") is True
    expect(thumbnails).to_have_count(4)  # the cover and three pages
    for index in range(4):
        expect(thumbnails.nth(index)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("every page is written and illustrated")
    shots(page, "progress finished")
    story = Story.objects.get(title="The Lighthouse Whale")
    assert story.status == Story.Status.READY
    assert story.pages.count() == 4

    # Read it with the keyboard.
    page.get_by_role("link", name="Read the story").click()
    counter = page.locator("[data-reader-counter]")
    expect(counter).to_have_text("Cover")
    expect(page.get_by_role("heading", name="The Lighthouse Whale", level=1)).to_be_visible()
    shots(page, "reader cover")
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("Page 1 of 3")
    visible_page = page.locator("[data-reader-screen]:visible")
    expect(visible_page).to_have_count(1)
    expect(visible_page.locator("img")).to_be_visible()
    expect(visible_page.get_by_text(re.compile(r"\w+"))).not_to_have_count(0)
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("Page 2 of 3")
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("Page 1 of 3")
    assert_accessible(page)
    assert_focus_visible(page)
    shots(page, "reader page 1")

    # The same page on a phone.
    phone = new_page(mobile=True)
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    expect(phone.locator("[data-reader-screen]:visible img")).to_be_visible()
    expect(phone.get_by_role("link", name="Next")).to_be_visible()
    shots(phone, "reader on a phone")

    # Find it in My stories.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My stories").click()
    page.get_by_label("Search by title").fill("lighthouse")
    page.get_by_role("button", name="Search").click()
    card = page.locator(".story-card", has_text="The Lighthouse Whale")
    expect(card).to_be_visible()
    expect(card.get_by_role("img", name="Cover of The Lighthouse Whale")).to_be_visible()
    expect(card.get_by_text("Ready", exact=True)).to_be_visible()
    expect(card.get_by_text("3 pages")).to_be_visible()
    assert_accessible(page)
    shots(page, "my stories")

    # Use it as a template: the wizard opens on a copy.
    card.get_by_role("link", name=re.compile("Use as template")).click()
    expect(page.get_by_label("Title")).to_have_value("The Lighthouse Whale (copy)")
    expect(page.get_by_label("Story outline")).to_have_value(OUTLINE)
    shots(page, "template in the wizard")
    page.get_by_role("navigation", name="Wizard steps").get_by_role("link", name="Review").click()
    expect(page.locator("form.wizard__form").get_by_text("Mira", exact=True)).to_be_visible()
    shots(page, "template review")

    # Delete the original, after confirming.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My stories").click()
    card = page.locator(".story-card", has_text="The Lighthouse Whale")
    card.get_by_role("link", name=re.compile("Delete")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    shots(page, "delete confirmation")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("was deleted")).to_be_visible()
    expect(page.locator(".story-card", has_text="The Lighthouse Whale")).to_have_count(0)
    shots(page, "after delete")
    assert not Story.objects.filter(title="The Lighthouse Whale").exists()


def test_a_draft_saved_at_step_two_survives_logging_out_and_finishes_as_the_same_story(
    page: Page, live_server: LiveServer, worker: CeleryWorker, shots: Shots
) -> None:
    user = UserFactory(username="teacher-sam")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("teacher-sam")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Create a story").first.click()
    fill_basics(page, title="Moon Boat")
    fill_character(page)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".message", has_text="Draft saved")).to_be_visible()
    expect(page.get_by_role("group", name="Mira").get_by_label("Name")).to_have_value("Mira")
    shots(page, "draft saved at step two")
    draft = Story.objects.get(owner=user)
    assert draft.status == Story.Status.DRAFT

    page.get_by_text("teacher-sam").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have been logged out")).to_be_visible()
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Username").fill("teacher-sam")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My stories").click()
    card = page.locator(".story-card", has_text="Moon Boat")
    expect(card.get_by_text("Draft", exact=True)).to_be_visible()
    shots(page, "draft in my stories")
    card.get_by_role("link", name=re.compile("Continue draft")).click()
    expect(page.get_by_role("heading", name="Continue your draft")).to_be_visible()
    expect(page.get_by_text("Step 3 of 4")).to_be_visible()
    shots(page, "draft resumed")
    page.get_by_label("Number of pages").fill("2")
    page.get_by_role("button", name="Next: Review").click()
    expect(page.locator("form.wizard__form").get_by_text("Moon Boat")).to_be_visible()
    page.get_by_role("button", name="Generate my story").click()
    wait_until_read_button(page)
    shots(page, "draft generated")

    story = Story.objects.get(owner=user)
    assert story.pk == draft.pk
    assert story.status == Story.Status.READY
    assert story.pages.count() == 3
