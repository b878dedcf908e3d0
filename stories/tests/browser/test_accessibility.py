"""Every page passes axe-core's WCAG 2.2 A/AA rules, in the light and the dark colour scheme.

Visitors' pages, each page of a signed-in user with a finished story and a character, and
the administrator's monitoring page are opened in a browser that prefers one scheme or the
other. Each page is photographed, and the test lists every violation of every page (rule,
impact, element and message) before failing, so one run shows all that is left to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from characters.tests.factories import CharacterFactory
from moderation.tests.factories import AdminFactory
from stories import services
from stories.models import Story
from stories.tests.browser.a11y import (
    WCAG_TAGS,
    assert_accessible,
    axe_problems,
    axe_violations,
)
from stories.tests.browser.option_lists import seed_option_lists

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHEMES = ("light", "dark")


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    """The genres, styles… a migration seeds; a transactional test before this one emptied them."""
    seed_option_lists(apps, None)


@pytest.fixture
def story(user: User, story_request: dict[str, Any]) -> Story:
    """A finished story of ``user``, written and drawn inline by the offline provider."""
    task = services.story_generation_start(owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY
    return story


def audit(page: Page, shots: Shots, name: str, found: dict[str, list[str]]) -> None:
    """Run axe on the page as it is now; photograph it; keep its violations under ``name``."""
    expect(page.locator("h1").first).to_be_visible()
    shots(page, name)
    problems = axe_problems(page)
    if problems:
        found[f"{name} ({page.url})"] = problems


def assert_none_found(found: dict[str, list[str]]) -> None:
    report = "\n".join(f"{name}:\n - " + "\n - ".join(problems) for name, problems in found.items())
    if report:
        print(report)
    assert not found, f"axe-core found WCAG {'/'.join(WCAG_TAGS)} violations:\n{report}"


def optional_url(name: str) -> str | None:
    """The address of a page the site may not offer (None then)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@pytest.mark.parametrize("scheme", SCHEMES)
def test_visitors_pages_pass_axe(
    scheme: str, new_page: Pages, live_server: LiveServer, shots: Shots
) -> None:
    page = new_page(color_scheme=scheme)
    found: dict[str, list[str]] = {}
    visits = [
        ("home", reverse("home")),
        ("sign up", reverse("accounts:signup")),
        ("log in", reverse("accounts:login")),
        ("password reset", optional_url("accounts:password_reset")),
    ]
    for name, url in visits:
        if url is None:
            continue
        page.goto(live_server.url + url)
        audit(page, shots, f"{scheme} {name}", found)

    response = page.goto(live_server.url + "/no-such-page/")
    assert response is not None
    assert response.status == 404
    audit(page, shots, f"{scheme} not found", found)

    # The form as the server sends it back with errors passes, too.
    page.goto(live_server.url + reverse("accounts:signup"))
    page.get_by_label("Username").fill("pip")
    page.get_by_label("Email").fill("pip@example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Confirm password").fill("different")
    page.get_by_role("button", name="Sign up").last.click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()
    audit(page, shots, f"{scheme} sign up with errors", found)

    assert_none_found(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_signed_in_pages_pass_axe(
    scheme: str,
    new_page: Pages,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    user: User,
    story: Story,
    shots: Shots,
) -> None:
    character = CharacterFactory(owner=user, name="Captain Wren")
    page = new_page(color_scheme=scheme)
    login(page, user)
    found: dict[str, list[str]] = {}
    visits = [
        ("home", reverse("home")),
        ("library", reverse("stories:library")),
        ("progress", reverse("stories:progress", args=[story.pk])),
        ("reader cover", reverse("stories:read", args=[story.pk])),
        ("reader page 1", reverse("stories:read", args=[story.pk]) + "?page=1"),
        ("editor", reverse("stories:edit", args=[story.pk]) + "?page=1"),
        ("characters", reverse("characters:library")),
        ("character", reverse("characters:detail", args=[character.pk])),
        ("new character", reverse("characters:create")),
        ("change password", reverse("accounts:password_change")),
        ("two-factor sign-in", reverse("accounts:two_factor_setup")),
        ("not found", "/stories/999999/"),
    ]
    for name, url in visits:
        page.goto(live_server.url + url)
        audit(page, shots, f"{scheme} {name}", found)

    # The wizard, from a copy of the finished story so that every step can be opened.
    page.goto(live_server.url + reverse("stories:template", args=[story.pk]))
    expect(page.locator("h1").first).to_be_visible()
    first_step = page.url
    for step in ("basics", "characters", "options", "review"):
        page.goto(first_step.rsplit("/", 2)[0] + f"/{step}/")
        audit(page, shots, f"{scheme} wizard {step}", found)

    assert_none_found(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_monitoring_page_passes_axe_for_an_administrator(
    scheme: str,
    new_page: Pages,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    shots: Shots,
) -> None:
    page = new_page(color_scheme=scheme)
    login(page, AdminFactory())
    found: dict[str, list[str]] = {}

    page.goto(live_server.url + reverse("monitoring:page"))
    audit(page, shots, f"{scheme} monitoring", found)

    assert_none_found(found)


def test_axe_reports_each_violation_with_its_rule_element_and_message(page: Page) -> None:
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Faint</title></head><body><main>
        <h1>Faint</h1><p id="faint" style="color: #aaa; background: #fff">Hard to read</p>
        <a href="#"><img src="data:," width="8" height="8"></a>
        </main></body></html>"""
    )

    problems = "\n".join(axe_problems(page))

    assert "axe color-contrast (serious) at #faint: " in problems
    assert "insufficient color contrast" in problems.lower()
    assert "axe image-alt (critical)" in problems
    assert {violation["id"] for violation in axe_violations(page)} >= {
        "color-contrast",
        "image-alt",
        "link-name",
    }


def test_axe_passes_a_sound_page_of_our_palette(page: Page) -> None:
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Sound</title></head><body><main>
        <h1>Sound</h1><p style="color: #2b2118; background: #fdf8f0">Easy to read</p>
        </main></body></html>"""
    )

    assert axe_problems(page) == []


def test_every_assert_accessible_also_runs_axe(page: Page) -> None:
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Pale</title></head><body><main>
        <h1>Pale</h1><p style="color: #c9b8a8; background: #fdf8f0">Cream on cream</p>
        </main></body></html>"""
    )

    with pytest.raises(AssertionError, match=r"axe color-contrast \(serious\) at p: "):
        assert_accessible(page)
    assert_accessible(page, axe=False)


def test_axe_checks_a_page_without_javascript_as_it_is_shown(new_page: Pages) -> None:
    # axe itself needs scripts: it runs on a copy, where <noscript> shows as it did here.
    page = new_page(java_script_enabled=False, color_scheme="dark")
    address = "https://quiet.storygen.invalid/"
    page.route(
        address,
        lambda route: route.fulfill(
            content_type="text/html",
            body="""<!doctype html><html lang="en"><head><title>Quiet</title></head><body>
            <main><h1>Quiet</h1><noscript><p id="faint" style="color: #777; background: #666">
            Shown without scripts</p></noscript></main></body></html>""",
        ),
    )
    page.goto(address)

    problems = "\n".join(axe_problems(page))

    assert "axe color-contrast (serious) at #faint: " in problems
