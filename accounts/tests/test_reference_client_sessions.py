"""The reference product's browser client keeps its session: it signs in with a form, never
refreshes, and drops its token only on a 401 whose detail says "token". Its token lasts the
reference's 60 minutes, and stops at once when its owner revokes it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework_simplejwt import tokens as simplejwt_tokens

from accounts import two_factor
from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from moderation.tests.factories import AdminFactory

pytestmark = pytest.mark.django_db

# The paths exactly as the reference client sends them.
TOKEN = "/api/v1/token"
REFRESH = "/api/v1/token/refresh"
ME_PATHS = ["/api/v1/users/me", "/api/v1/users/me/"]  # the shell, the admin panel
NEW_PASSWORD = "a-brand-new-passphrase-93"

SignIn = Callable[..., dict[str, str]]


@pytest.fixture
def sign_in(monkeypatch: pytest.MonkeyPatch) -> SignIn:
    """The client's sign-in: a form-encoded POST of username and password. ``minutes_ago``
    issues the tokens that long ago, as if the client had signed in then."""

    def sign_in(username: str, password: str = PASSWORD, *, minutes_ago: float = 0) -> Any:
        issued_at = simplejwt_tokens.aware_utcnow() - timedelta(minutes=minutes_ago)
        with monkeypatch.context() as patch:
            patch.setattr(simplejwt_tokens, "aware_utcnow", lambda: issued_at)
            response = Client().post(
                TOKEN,
                urlencode({"username": username, "password": password}),
                content_type="application/x-www-form-urlencoded",
            )
        assert response.status_code == 200, response.json()
        return response.json()

    return sign_in


def _me(access: str, path: str = ME_PATHS[0]) -> Any:
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {access}")


def _refresh(refresh: str) -> Any:
    return Client().post(REFRESH, {"refresh": refresh}, content_type="application/json")


def _assert_the_client_drops_its_token(response: Any, code: str) -> None:
    """A 401 with one plain sentence that names the token, so the client clears it and asks
    to sign in again."""
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"detail", "code"}
    assert body["code"] == code
    assert "token" in body["detail"]
    assert not body["detail"].startswith("detail")
    assert response["WWW-Authenticate"].startswith("Bearer")


# --- lifetime ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ME_PATHS)
def test_a_token_still_works_59_minutes_after_signing_in(sign_in: SignIn, path: str) -> None:
    user = UserFactory()
    access = sign_in(user.username, minutes_ago=59)["access_token"]

    response = _me(access, path)

    assert response.status_code == 200
    assert response.json()["username"] == user.username


@pytest.mark.parametrize("path", ME_PATHS)
def test_after_61_minutes_the_token_is_refused_with_one_sentence(
    sign_in: SignIn, path: str
) -> None:
    user = UserFactory()
    access = sign_in(user.username, minutes_ago=61)["access_token"]

    response = _me(access, path)

    _assert_the_client_drops_its_token(response, "token_not_valid")
    assert response.json()["detail"] == "The token has expired: sign in again."


def test_a_token_that_is_not_one_is_refused_with_one_sentence() -> None:
    response = _me("not-a-token")

    _assert_the_client_drops_its_token(response, "token_not_valid")
    assert response.json()["detail"] == "The token is not valid: sign in again."


def test_a_malformed_authorization_header_is_one_sentence_too() -> None:
    response = Client().get(ME_PATHS[0], HTTP_AUTHORIZATION="Bearer two parts")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authorization header must contain two space-delimited values",
        "code": "bad_authorization_header",
    }


def test_checking_a_token_reads_only_its_account(
    sign_in: SignIn, django_assert_num_queries: Any
) -> None:
    user = UserFactory()
    access = sign_in(user.username)["access_token"]

    with django_assert_num_queries(1):
        assert _me(access).status_code == 200


# --- revocation --------------------------------------------------------------------------------


def _assert_revoked(tokens: dict[str, str], code: str = "token_revoked") -> None:
    for path in ME_PATHS:
        _assert_the_client_drops_its_token(_me(tokens["access_token"], path), code)
    refused = _refresh(tokens["refresh"])
    assert refused.status_code == 401
    assert "access" not in refused.json()


def test_changing_the_password_on_the_site_ends_older_tokens_at_once(sign_in: SignIn) -> None:
    user = UserFactory()
    before = sign_in(user.username)
    browser = Client()
    browser.force_login(user)

    changed = browser.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert changed.status_code == 302
    _assert_revoked(before)
    after = sign_in(user.username, NEW_PASSWORD)
    assert _me(after["access_token"]).status_code == 200
    assert _refresh(after["refresh"]).status_code == 200


def test_a_password_an_administrator_sets_ends_older_tokens_at_once(sign_in: SignIn) -> None:
    user = UserFactory()
    before = sign_in(user.username)
    admin_browser = Client()
    admin_browser.force_login(AdminFactory())

    changed = admin_browser.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert changed.status_code == 302
    _assert_revoked(before)
    assert _me(sign_in(user.username, NEW_PASSWORD)["access_token"]).status_code == 200


def test_a_password_set_from_the_command_line_ends_older_tokens_at_once(
    sign_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = AdminFactory()
    before = sign_in(admin.username)
    monkeypatch.setenv("NEW_ADMIN_PASSWORD", NEW_PASSWORD)

    call_command(
        "createadmin",
        "--username",
        admin.username,
        "--set-password",
        "--password-from-env",
        "NEW_ADMIN_PASSWORD",
        stdout=StringIO(),
    )

    _assert_revoked(before)
    assert _me(sign_in(admin.username, NEW_PASSWORD)["access_token"]).status_code == 200


def test_a_password_set_in_code_as_changepassword_does_ends_older_tokens(sign_in: SignIn) -> None:
    # Django's changepassword command asks for the password at a prompt, then does this.
    user = UserFactory()
    before = sign_in(user.username)

    user.set_password(NEW_PASSWORD)
    user.save()

    _assert_revoked(before)


def test_deactivation_by_an_administrator_ends_tokens_even_after_reactivation(
    sign_in: SignIn,
) -> None:
    user = UserFactory()
    before = sign_in(user.username)
    admin = AdminFactory()
    admin_tokens = sign_in(admin.username)
    detail = reverse("admin-user-detail", args=[user.pk])

    def set_active(active: bool) -> None:
        response = Client().put(
            detail,
            {"is_active": active},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {admin_tokens['access_token']}",
        )
        assert response.status_code == 200, response.json()

    set_active(False)
    _assert_revoked(before, code="user_inactive")
    assert _me(before["access_token"]).json()["detail"] == (
        "This account is deactivated: its token no longer works."
    )

    set_active(True)
    _assert_revoked(before)
    assert _me(sign_in(user.username)["access_token"]).status_code == 200


def test_resetting_two_factor_in_the_django_admin_ends_the_administrators_tokens(
    sign_in: SignIn,
) -> None:
    lost_phone = AdminFactory()
    two_factor.two_factor_setup_start(user=lost_phone)
    before = sign_in(lost_phone.username)
    admin_browser = Client()
    admin_browser.force_login(AdminFactory())
    changelist = reverse("admin:accounts_user_changelist")
    form = {"action": "reset_two_factor", ACTION_CHECKBOX_NAME: [str(lost_phone.pk)]}

    admin_browser.post(changelist, {**form, "post": "yes", "reason": "lost their phone"})

    assert two_factor.two_factor_device(lost_phone) is None
    _assert_revoked(before)
    assert _me(sign_in(lost_phone.username)["access_token"]).status_code == 200


def test_resetting_two_factor_from_the_command_line_ends_the_administrators_tokens(
    sign_in: SignIn,
) -> None:
    lost_phone = AdminFactory()
    two_factor.two_factor_setup_start(user=lost_phone)
    before = sign_in(lost_phone.username)

    call_command(
        "createadmin", "--username", lost_phone.username, "--reset-two-factor", stdout=StringIO()
    )

    _assert_revoked(before)
    assert _me(sign_in(lost_phone.username)["access_token"]).status_code == 200


def test_signing_out_everywhere_through_the_api_ends_every_token(sign_in: SignIn) -> None:
    user = UserFactory()
    phone = sign_in(user.username)
    laptop = sign_in(user.username)

    response = Client().post(
        "/api/v1/users/me/sign-out-everywhere",
        HTTP_AUTHORIZATION=f"Bearer {laptop['access_token']}",
    )

    assert response.status_code == 204
    _assert_revoked(phone)
    _assert_revoked(laptop)
    after = sign_in(user.username)
    assert _me(after["access_token"]).status_code == 200
    assert _refresh(after["refresh"]).status_code == 200


def test_signing_out_everywhere_on_the_site_ends_every_session_and_token(
    sign_in: SignIn,
) -> None:
    user = UserFactory()
    tokens = sign_in(user.username)
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)
    bystander, bystander_user = Client(), UserFactory()
    bystander.force_login(bystander_user)
    library = reverse("stories:library")
    menu = here.get(library).content.decode()
    assert reverse("accounts:sign_out_everywhere") in menu
    assert "Sign out everywhere" in menu

    response = here.post(reverse("accounts:sign_out_everywhere"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "signed out everywhere" in response.content.decode()
    for browser in (here, elsewhere):
        assert browser.get(library).status_code == 302
    assert bystander.get(library).status_code == 200
    live = Session.objects.filter(expire_date__gt=timezone.now())
    assert [s.get_decoded().get(SESSION_KEY) for s in live] == [str(bystander_user.pk)]
    _assert_revoked(tokens)


def test_signing_out_everywhere_is_a_post_only_for_the_signed_in() -> None:
    url = reverse("accounts:sign_out_everywhere")
    browser = Client()
    browser.force_login(UserFactory())
    assert browser.get(url).status_code == 405
    anonymous = Client().post(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert Client().post("/api/v1/users/me/sign-out-everywhere").status_code == 401


def test_a_cross_site_form_cannot_sign_anyone_out() -> None:
    user = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    assert browser.post(reverse("accounts:sign_out_everywhere")).status_code == 403
    assert browser.post("/api/v1/users/me/sign-out-everywhere").status_code == 403

    assert browser.get(reverse("stories:library")).status_code == 200
    user.refresh_from_db()
    assert user.tokens_revoked_at is None


def test_a_deleted_accounts_token_says_so(sign_in: SignIn) -> None:
    user = UserFactory()
    tokens = sign_in(user.username)
    User.objects.filter(pk=user.pk).delete()

    _assert_the_client_drops_its_token(_me(tokens["access_token"]), "user_not_found")
