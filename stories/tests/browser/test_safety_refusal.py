"""A brief the safety check refuses, as a parent meets it in the wizard: the wizard goes
back to the part that stopped it, with what stopped it and what to change next to that
field, and the story is made once it is told as a fairy tale."""

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

GORY = "The wolf wants to slaughter the three little pigs, with blood everywhere."
FAIRY_TALE = "The big bad wolf wants to kill and eat the three little pigs."


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    seed_option_lists(apps, None)


def test_a_refused_brief_says_what_to_change_and_the_fairy_tale_version_is_made(
    page: Page, live_server: LiveServer, login: Callable[[Page, User], None], shots: Shots
) -> None:
    parent = UserFactory(username="pigs-family")
    login(page, parent)
    page.goto(f"{live_server.url}/create/")
    page.get_by_label("Title").fill("The Three Little Pigs")
    page.get_by_label("Genre").select_option("Bedtime")
    page.get_by_label("Story outline").fill(GORY)
    page.get_by_role("button", name="Next: Characters").click()
    page.get_by_role("group", name="Describe a new character").get_by_label("Name").fill("Wolf")
    page.get_by_label("Description").fill("a big bad wolf with a grey coat")
    page.get_by_role("button", name="Next: Options").click()
    page.get_by_role("button", name="Next: Review").click()
    page.get_by_role("button", name="Generate my story").click()

    # Back on the basics step, the reason and what to change next to the outline, which
    # still holds what was typed.
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    expect(page.get_by_text("This cannot be made into a children's picture book")).to_be_visible()
    outline = page.get_by_label("Story outline")
    expect(outline).to_have_value(GORY)
    expect(outline).to_have_attribute("aria-invalid", "true")
    expect(outline).to_have_accessible_description(
        re.compile(r"The outline was stopped for violence: “slaughter”, “blood everywhere”\.")
    )
    expect(page.get_by_text("the wolf chases the pigs")).to_be_visible()
    assert_accessible(page)
    shots(page, "the refusal next to the outline")
    assert not Story.objects.filter(owner=parent).exists()

    # Told as a fairy tale, the same danger goes through.
    page.get_by_label("Story outline").fill(FAIRY_TALE)
    page.get_by_role("button", name="Next: Characters").click()
    page.get_by_role("button", name="Next: Options").click()
    page.get_by_role("button", name="Next: Review").click()
    page.get_by_role("button", name="Generate my story").click()
    expect(page.locator("[data-progress-heading]")).to_be_visible()
    shots(page, "the fairy tale on its way")
    story = Story.objects.get(owner=parent)
    assert story.outline == FAIRY_TALE
