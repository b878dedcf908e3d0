"""Moderation in the browser: an administrator hides a story in the admin, with a reason, and
its owner no longer sees it — only a notice that a moderator hid one of their stories."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.apps import apps
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.tests.factories import UserFactory
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory
from stories.models import Story
from stories.tests.browser.option_lists import seed_option_lists
from stories.tests.factories import StoryFactory

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    seed_option_lists(apps, None)


def test_an_admin_hides_a_story_and_its_owner_no_longer_sees_it(
    new_page: Pages,
    live_server: LiveServer,
    login: Callable[[Page, User], None],
    shots: Shots,
) -> None:
    owner = UserFactory()
    kept = StoryFactory(owner=owner, title="The Quiet Harbour", status=Story.Status.READY)
    story = StoryFactory(owner=owner, title="The Storm Night", status=Story.Status.READY)
    admin = AdminFactory()

    reader = new_page()
    login(reader, owner)
    reader.goto(f"{live_server.url}{reverse('stories:library')}")
    expect(reader.get_by_role("heading", name="The Storm Night")).to_be_visible()

    # The administrator hides it from the stories list of the admin, giving a reason.
    moderator = new_page()
    login(moderator, admin)
    moderator.goto(f"{live_server.url}{reverse('admin:stories_story_changelist')}")
    moderator.get_by_role("row", name="The Storm Night").get_by_role("checkbox").check()
    moderator.get_by_role("combobox", name="Action").select_option(
        label="Hide selected stories from their owners"
    )
    moderator.get_by_role("button", name="Go").click()
    expect(moderator.get_by_role("listitem").filter(has_text="The Storm Night")).to_be_visible()
    moderator.get_by_label("Reason").fill("Reported by a parent: too scary for young readers.")
    shots(moderator, "hide with a reason")
    moderator.get_by_role("button", name="Hide stories").click()
    expect(moderator.locator(".messagelist")).to_contain_text(
        "Hidden from their owners: “The Storm Night”."
    )
    shots(moderator, "hidden")

    # The owner's library no longer lists it, and says a moderator hid one story.
    reader.reload()
    expect(reader.get_by_role("heading", name="The Quiet Harbour")).to_be_visible()
    expect(reader.get_by_role("heading", name="The Storm Night")).to_have_count(0)
    expect(reader.get_by_role("note").filter(has_text="moderator")).to_have_text(
        "One of your stories was hidden by a moderator and is not shown here."
    )
    shots(reader, "library after hiding")
    # An old link to it shows the notice, nothing of the story.
    reader.goto(f"{live_server.url}{reverse('stories:read', args=[story.pk])}")
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "This story was hidden by a moderator"
    )
    expect(reader.get_by_text("The Storm Night")).to_have_count(0)
    shots(reader, "hidden story notice")

    action = ModerationAction.objects.get(target_type="story", target_id=story.pk)
    assert (action.actor_id, action.action, action.reason) == (
        admin.pk,
        ModerationAction.Action.STORY_HIDDEN,
        "Reported by a parent: too scary for young readers.",
    )
    assert Story.objects.get(pk=kept.pk).is_hidden is False
