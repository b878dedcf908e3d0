"""Account pages: sign up, log in (throttled), log out, change password."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import LoginAttempt, User
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

STRONG = "purple-lantern-harbour-42"
NEW_PASSWORD = "silver-otter-meadow-77"


def _signup(client: Client, **overrides: str) -> Any:
    data = {
        "username": "mira",
        "email": "mira@example.com",
        "password1": STRONG,
        "password2": STRONG,
        **overrides,
    }
    return client.post(reverse("accounts:signup"), data)


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _signed_in_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


# --- Sign up -------------------------------------------------------------------------------


def test_signup_page_shows_a_labelled_form(client: Client) -> None:
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for field in ("id_username", "id_email", "id_password1", "id_password2"):
        assert f'for="{field}"' in html
    assert 'type="email" name="email"' in html
    assert "required" in html.split('name="email"')[1].split(">")[0]


def test_signup_creates_an_ordinary_user_signs_in_and_welcomes(client: Client) -> None:
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(username="mira")
    assert user.email == "mira@example.com"
    assert user.role == User.Role.USER
    assert not user.is_staff
    assert user.check_password(STRONG)
    assert _signed_in_user_id(client) == str(user.pk)
    assert _messages(response) == ["Welcome to Storygen, mira!"]


def test_signup_follows_a_safe_next_and_ignores_an_offsite_one(client: Client) -> None:
    response = _signup(client, next="/stories/")
    assert response["Location"] == "/stories/"
    client.logout()
    response = _signup(
        client, username="pip", email="pip@example.com", next="https://evil.example/"
    )
    assert response["Location"] == reverse("home")


def test_signup_refuses_a_taken_username_in_any_case(client: Client) -> None:
    UserFactory(username="Mira")
    response = _signup(client, username="mIRA")
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["That username is already taken."]
    assert User.objects.filter(username__iexact="mira").count() == 1
    assert _signed_in_user_id(client) is None


def test_signup_refuses_a_taken_email(client: Client) -> None:
    UserFactory(email="mira@example.com")
    response = _signup(client, email="MIRA@example.com")
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An account with that email already exists."
    ]


def test_signup_requires_an_email(client: Client) -> None:
    response = _signup(client, email="")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(username="mira").exists()


def test_signup_refuses_mismatched_passwords(client: Client) -> None:
    response = _signup(client, password2=STRONG + "x")
    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == ["The two passwords don't match."]
    assert not User.objects.filter(username="mira").exists()
    assert "The two passwords don" in response.content.decode()


def test_signup_shows_the_password_validators_messages_for_a_weak_password(
    client: Client,
) -> None:
    response = _signup(client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert "This password is too common." in errors
    assert "This password is entirely numeric." in errors
    assert not User.objects.filter(username="mira").exists()
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "This password is too common." in html


def test_signup_refuses_a_username_with_spaces(client: Client) -> None:
    response = _signup(client, username="mira bell")
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Use letters, digits and @ . + - _ only."
    ]


def test_signed_in_users_are_sent_home_from_signup_and_login(client: Client, user: User) -> None:
    client.force_login(user)
    assert client.get(reverse("accounts:signup"))["Location"] == reverse("home")
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# --- Log in --------------------------------------------------------------------------------


def _login(client: Client, username: str, password: str, **extra: str) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def test_login_page_shows_a_labelled_form_with_a_revealable_password(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_username"' in html
    assert 'for="id_password"' in html
    assert "data-password-toggle" in html
    assert "js/accounts.js" in html


def test_login_signs_in_records_the_attempt_and_goes_home(client: Client, user: User) -> None:
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _signed_in_user_id(client) == str(user.pk)
    assert LoginAttempt.objects.filter(username=user.username, succeeded=True).count() == 1
    assert _messages(response) == [f"Welcome back, {user.username}."]


def test_login_follows_a_safe_next_only(client: Client, user: User) -> None:
    response = _login(client, user.username, PASSWORD, next="/stories/")
    assert response["Location"] == "/stories/"
    client.logout()
    response = _login(client, user.username, PASSWORD, next="https://evil.example/")
    assert response["Location"] == reverse("home")


def test_login_with_a_wrong_password_says_they_do_not_match(client: Client, user: User) -> None:
    response = _login(client, user.username, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "That username and password don't match."
    ]
    assert "That username and password don" in response.content.decode()
    assert _signed_in_user_id(client) is None
    assert LoginAttempt.objects.filter(username=user.username, succeeded=False).count() == 1


@pytest.mark.parametrize(
    "flags", [{"is_active": False}, {"is_deleted": True}], ids=["inactive", "soft-deleted"]
)
def test_login_refuses_inactive_and_soft_deleted_users(
    client: Client, flags: dict[str, bool]
) -> None:
    user = UserFactory(**flags)
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "That username and password don't match."
    ]
    assert _signed_in_user_id(client) is None


def test_login_is_throttled_like_the_api_even_with_the_right_password(
    client: Client, user: User, settings: Any
) -> None:
    settings.STORYGEN_LOGIN_MAX_FAILURES = 2
    settings.STORYGEN_LOGIN_WINDOW_SECONDS = 600
    for _ in range(2):
        _login(client, user.username, "not-the-password")
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == ["Too many failed sign-in attempts. Try again in about 10 minutes."]
    assert _signed_in_user_id(client) is None


def test_failed_page_logins_count_towards_the_api_throttle(
    client: Client, api_client: APIClient, user: User, settings: Any
) -> None:
    settings.STORYGEN_LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        _login(client, user.username, "not-the-password")
    response = api_client.post(
        reverse("token-obtain"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429


# --- Log out -------------------------------------------------------------------------------


def test_logout_by_post_signs_out_and_says_so(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _signed_in_user_id(client) is None
    page = client.get(response["Location"])
    assert "You have been logged out." in page.content.decode()


def test_logout_by_get_is_refused_and_keeps_the_session(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert _signed_in_user_id(client) == str(user.pk)


# --- Change password -----------------------------------------------------------------------


def test_password_change_requires_login(client: Client) -> None:
    url = reverse("accounts:password_change")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_password_change_page_shows_a_labelled_form(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("id_old_password", "id_new_password1", "id_new_password2"):
        assert f'for="{field}"' in html
    assert html.count("<h1") == 1


def test_password_change_keeps_this_session_and_says_so(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert _messages(response) == ["Your password has been changed."]
    # Still signed in: the session hash was updated with the new password.
    assert client.get(reverse("accounts:password_change")).status_code == 200


def test_password_change_revokes_api_tokens_and_other_sessions(
    client: Client, user: User, client_for: Callable[[User], APIClient]
) -> None:
    api = client_for(user)
    assert api.get(reverse("user-me")).status_code == 200
    other_browser = Client()
    other_browser.force_login(user)
    client.force_login(user)
    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert api.get(reverse("user-me")).status_code == 401
    assert other_browser.get(reverse("accounts:password_change")).status_code == 302


def test_password_change_with_a_wrong_old_password_changes_nothing(
    client: Client, user: User
) -> None:
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_refuses_a_weak_new_password(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "This password is entirely numeric." in response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_session_ends_fourteen_days_after_signing_in_even_if_saved_since(
    client: Client, user: User, settings: Any
) -> None:
    from accounts.middleware import SIGNED_IN_AT

    client.force_login(user)
    home = reverse("stories:library")
    assert client.get(home).status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_COOKIE_AGE + 60
    session.save()
    assert client.get(home).status_code == 200  # a minute of its lifetime is left
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    session["wizard"] = "saved just now"  # a save moves the cookie's expiry, not the cap
    session.save()
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
