"""Story cards in "My stories" and on the home page: each shows its book's whole cover with the
title over it, and a very long title leaves most of the picture in view."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from stories.models import Story
from stories.tests.browser.test_reader import LONG_TITLE, _book

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The card of the long title: its cover, the picture in it and the title's box.
MEASURE = """(title) => {
  const heading = [...document.querySelectorAll('.story-card__title')]
    .find((element) => element.textContent.trim() === title);
  const cover = heading.closest('.story-card').querySelector('.story-card__cover');
  const img = cover.querySelector('img');
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height};
  };
  const shown = img.getBoundingClientRect();
  return {
    cover: box(cover),
    title: box(heading),
    picture: img.naturalWidth / img.naturalHeight,
    shown: shown.width / shown.height,
    fit: getComputedStyle(img).objectFit,
  };
}"""


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_a_card_shows_the_whole_cover_with_a_long_title_over_its_top(
    user: User,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    new_page: Pages,
    shots: Shots,
    mobile: bool,
) -> None:
    _book(user, Story.PageFormat.LETTER, LONG_TITLE)
    _book(user, Story.PageFormat.SQUARE)
    _book(user, Story.PageFormat.LANDSCAPE, "A Wide Sea")
    browser_page = new_page(mobile=mobile)
    login(browser_page, user)
    for name, url in (("library", reverse("stories:library")), ("home", reverse("home"))):
        browser_page.goto(live_server.url + url)
        covers = browser_page.locator(".story-card__cover img")
        expect(covers).to_have_count(3)
        for index in range(3):
            expect(covers.nth(index)).to_have_js_property("complete", True)
        seen = browser_page.evaluate(MEASURE, LONG_TITLE)
        cover, title = seen["cover"], seen["title"]
        assert title["top"] >= cover["top"] - 1, (name, seen)
        assert title["bottom"] <= cover["bottom"], (name, seen)
        # Most of the picture stays in view under a title of almost 200 characters.
        assert title["height"] <= cover["height"] / 3, (name, seen)
        # The picture is shown whole, at its own shape.
        assert abs(seen["shown"] - seen["picture"]) < 0.02, (name, seen)
        # The whole title is still there for assistive technology and as a tooltip.
        expect(browser_page.get_by_role("link", name=LONG_TITLE, exact=True)).to_be_visible()
        shots(browser_page, name)
