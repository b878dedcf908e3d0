"""An administrator sets up two-factor sign-in in a real browser: signs in with a password,
scans (reads) the key, enters the app's code, keeps the recovery codes, administers; then
signs in on a phone and gets past the second step with a recovery code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyotp
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from moderation.tests.factories import AdminFactory
from stories.tests.browser.a11y import assert_accessible

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and private passphrase"


def _sign_in(page: Page, live_server: LiveServer, then: str) -> None:
    page.goto(f"{live_server.url}{reverse('accounts:login')}?next={then}")
    page.get_by_label("Username").fill("night-admin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()


def test_an_administrator_sets_up_the_app_then_signs_in_with_a_recovery_code(
    page: Page, new_page: Pages, live_server: LiveServer, settings: Any, shots: Shots
) -> None:
    settings.STORYGEN_ADMIN_TWO_FACTOR = True
    admin = AdminFactory(username="night-admin")
    admin.set_password(PASSWORD)
    admin.save()

    _sign_in(page, live_server, then="/admin/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    shots(page, "set up")

    # What an authenticator app does with the key: the current six-digit code.
    key = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_text("That code is not right")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    codes = page.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    shots(page, "recovery codes")
    page.get_by_role("link", name="I have kept them — continue").click()
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()

    # Another device: password, then a recovery code instead of the app.
    phone = new_page(mobile=True)
    _sign_in(phone, live_server, then="/admin-tools/monitoring/")
    expect(phone.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_accessible(phone)
    shots(phone, "code on a phone")
    phone.get_by_label("Code", exact=True).fill(codes[0])
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", name="Monitoring", level=1)).to_be_visible()
    assert phone.url.endswith(reverse("monitoring:page"))
