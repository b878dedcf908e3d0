"""Limits in the browser: My stories shows the last 24 hours, and the wizard says kindly when
a story must wait, on a phone and a desktop, light and dark."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import UsageCharge, User
from stories.models import GenerationTask, Story
from stories.tests.browser.a11y import assert_accessible
from stories.tests.browser.option_lists import seed_option_lists
from stories.tests.browser.test_journeys import fill_basics, fill_character

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    seed_option_lists(apps, None)


@pytest.fixture
def busy_day(settings: Any, user: User) -> User:
    """A family that started 4 of its 4 stories and drew 37 of its 60 pictures today."""
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 4
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 60
    earlier = timezone.now() - timedelta(hours=21, minutes=30)
    UsageCharge.objects.create(user=user, kind="story", amount=1, created_at=earlier)
    UsageCharge.objects.create(user=user, kind="story", amount=3)
    UsageCharge.objects.create(user=user, kind="picture", amount=37, created_at=earlier)
    return user


def test_my_stories_shows_the_days_usage_and_the_wizard_says_when_to_come_back(
    live_server: LiveServer,
    new_page: Pages,
    mobile_page: Page,
    login: Callable[[Page, User], None],
    busy_day: User,
    shots: Shots,
) -> None:
    login(mobile_page, busy_day)
    mobile_page.goto(f"{live_server.url}/stories/")
    usage = mobile_page.get_by_role("region", name="Your last 24 hours")
    expect(usage).to_be_visible()
    items = usage.locator(".usage__item")
    expect(items.nth(0)).to_contain_text("Stories")
    expect(items.nth(0)).to_contain_text("4 of 4 · limit reached")
    expect(items.nth(1)).to_contain_text("37 of 60")
    expect(items.nth(2)).to_contain_text("0 of 3 at once")
    expect(items.nth(3)).to_contain_text("Page rewrites")
    expect(items.nth(3)).to_contain_text("0 of 100")
    expect(usage).to_contain_text("The next one stops counting in 2")
    assert_accessible(mobile_page)
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shots(mobile_page, "usage on my stories, phone")

    mobile_page.get_by_role("link", name="Create a story").first.click()
    fill_basics(mobile_page, title="The Lighthouse Whale")
    fill_character(mobile_page)
    mobile_page.get_by_role("button", name="Next: Options").click()
    mobile_page.get_by_role("button", name="Next: Review").click()
    mobile_page.get_by_role("button", name="Generate my story").click()

    message = mobile_page.get_by_text(
        "You have started 4 stories in the last 24 hours, which is your limit."
    )
    expect(message).to_be_visible()
    expect(message).to_contain_text("You can start another in about 2 hours (at ")
    expect(message).to_contain_text("save it as a draft to make it later")
    expect(mobile_page.get_by_text("Step 4 of 4")).to_be_visible()
    shots(mobile_page, "over the limit in the wizard, phone")
    assert not Story.objects.exclude(status=Story.Status.DRAFT).exists()
    assert not GenerationTask.objects.exists()

    desktop = new_page(color_scheme="dark")
    login(desktop, busy_day)
    desktop.goto(f"{live_server.url}/stories/")
    expect(desktop.get_by_role("region", name="Your last 24 hours")).to_be_visible()
    assert_accessible(desktop)
    shots(desktop, "usage on my stories, dark desktop")
