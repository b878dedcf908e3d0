"""Accounts API: registration, tokens, refresh, me, throttling."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import LoginAttempt, User
from accounts.services import LOGIN_DELAY_BASE_SECONDS, LOGIN_DELAY_FREE_FAILURES
from accounts.tests.conftest import Clock
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

STRONG = "purple-lantern-harbour-42"


def _url(name: str, slash: bool | None = None) -> str:
    url = reverse(name)
    if slash is None:
        return url
    return url if url.endswith("/") == slash else (url + "/" if slash else url.rstrip("/"))


@pytest.mark.parametrize("slash", [True, False])
def test_register_creates_an_ordinary_user_whatever_role_is_sent(
    api_client: APIClient, slash: bool
) -> None:
    response = api_client.post(
        _url("user-create", slash),
        {"username": "mira", "email": "mira@example.com", "password": STRONG, "role": "admin"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["username"] == "mira"
    assert body["role"] == "user"
    assert "password" not in body
    user = User.objects.get(username="mira")
    assert not user.is_staff
    assert user.check_password(STRONG)


def test_register_rejects_a_weak_password_with_the_validators_message(
    api_client: APIClient,
) -> None:
    response = api_client.post(
        reverse("user-create"), {"username": "mira", "password": "12345678"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["password"]
    assert not User.objects.filter(username="mira").exists()


def test_register_refuses_a_taken_username_in_any_case(api_client: APIClient) -> None:
    UserFactory(username="Mira")
    response = api_client.post(
        reverse("user-create"), {"username": "mira", "password": STRONG}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Username already registered.", "code": "username_taken"}


def test_register_refuses_a_taken_email(api_client: APIClient) -> None:
    UserFactory(email="mira@example.com")
    response = api_client.post(
        reverse("user-create"),
        {"username": "other", "email": "MIRA@example.com", "password": STRONG},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "email_taken"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "", "password": STRONG}, "username"),
        ({"username": "a b", "password": STRONG}, "username"),
        ({"username": "x" * 151, "password": STRONG}, "username"),
        ({"username": "mira", "email": "not-an-email", "password": STRONG}, "email"),
        ({"username": "mira"}, "password"),
    ],
)
def test_register_reports_bad_fields(api_client: APIClient, payload: dict, field: str) -> None:
    response = api_client.post(reverse("user-create"), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_malformed_json_is_a_400_not_a_500(api_client: APIClient) -> None:
    response = api_client.post(
        reverse("user-create"), data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize("form", [True, False])
@pytest.mark.parametrize("slash", [True, False])
def test_token_accepts_form_or_json_and_returns_both_token_shapes(
    api_client: APIClient, user: User, form: bool, slash: bool
) -> None:
    credentials = {"username": user.username, "password": PASSWORD, "grant_type": "password"}
    response = api_client.post(
        _url("token-obtain", slash), credentials, format=None if form else "json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["access_token"] == body["access"]
    assert body["refresh"]
    me = APIClient()
    me.credentials(HTTP_AUTHORIZATION=f"Bearer {body['access_token']}")
    assert me.get(reverse("user-me")).json()["username"] == user.username


def test_wrong_password_is_401_with_bearer_challenge(api_client: APIClient, user: User) -> None:
    response = api_client.post(
        reverse("token-obtain"), {"username": user.username, "password": "nope"}, format="json"
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.parametrize("change", [{"is_active": False}, {"is_deleted": True, "is_active": False}])
def test_inactive_or_soft_deleted_users_get_no_token(api_client: APIClient, change: dict) -> None:
    user = UserFactory(**change)
    response = api_client.post(
        reverse("token-obtain"), {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 401
    assert "access_token" not in response.json()


def _attempt(client: APIClient, username: str, password: str = "wrong", **extra: str) -> int:
    return client.post(
        reverse("token-obtain"),
        {"username": username, "password": password},
        format="json",
        **extra,
    ).status_code


def test_failures_for_an_account_from_many_addresses_make_it_wait_with_retry_after(
    api_client: APIClient, user: User, clock: Clock
) -> None:
    statuses = [
        _attempt(api_client, user.username, REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(1, LOGIN_DELAY_FREE_FAILURES + 1)
    ]
    assert statuses == [401] * LOGIN_DELAY_FREE_FAILURES
    response = api_client.post(
        reverse("token-obtain"),
        {"username": user.username, "password": PASSWORD},
        format="json",
        REMOTE_ADDR="10.0.0.99",
    )
    assert response.status_code == 429
    assert response["Retry-After"] == str(LOGIN_DELAY_BASE_SECONDS)
    assert response.json() == {
        "detail": "Too many failed sign-in attempts. Try again in 2 seconds.",
        "code": "throttled",
    }
    clock.advance(LOGIN_DELAY_BASE_SECONDS)
    assert _attempt(api_client, user.username, PASSWORD, REMOTE_ADDR="10.0.0.99") == 200


def test_throttling_per_address_covers_many_usernames(
    api_client: APIClient, user: User, settings: Any
) -> None:
    for n in range(settings.STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS):
        assert _attempt(api_client, f"guess{n}") == 401
    assert _attempt(api_client, user.username, PASSWORD) == 429


def test_spoofed_forwarded_for_does_not_reset_the_counter(
    api_client: APIClient, settings: Any
) -> None:
    limit = settings.STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS
    results = [
        _attempt(api_client, f"guess{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(limit + 20)
    ]
    assert results[:limit] == [401] * limit
    assert set(results[limit:]) == {429}
    assert LoginAttempt.objects.filter(succeeded=False).count() == limit


@override_settings(STORYGEN_NUM_PROXIES=1)
def test_behind_one_proxy_the_forwarded_client_is_counted(
    api_client: APIClient, settings: Any
) -> None:
    for n in range(settings.STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS):
        _attempt(api_client, f"someone{n}", HTTP_X_FORWARDED_FOR="10.1.1.1, 198.51.100.7")
    assert _attempt(api_client, "another", HTTP_X_FORWARDED_FOR="198.51.100.7") == 429
    assert _attempt(api_client, "another", HTTP_X_FORWARDED_FOR="198.51.100.8") == 401
    assert set(LoginAttempt.objects.values_list("ip_address", flat=True)) == {
        "198.51.100.7",
        "198.51.100.8",
    }


def test_refresh_rotates_and_the_old_refresh_token_stops_working(
    api_client: APIClient, user: User
) -> None:
    tokens = api_client.post(
        reverse("token-obtain"), {"username": user.username, "password": PASSWORD}, format="json"
    ).json()
    first = api_client.post(reverse("token-refresh"), {"refresh": tokens["refresh"]}, format="json")
    assert first.status_code == 200
    assert first.json()["refresh"] != tokens["refresh"]
    assert first.json()["token_type"] == "bearer"
    replay = api_client.post(
        reverse("token-refresh"), {"refresh": tokens["refresh"]}, format="json"
    )
    assert replay.status_code == 401
    assert set(replay.json()) == {"detail", "code"}


def test_a_password_change_ends_refresh_tokens_issued_before_it(
    api_client: APIClient, user: User
) -> None:
    tokens = api_client.post(
        reverse("token-obtain"), {"username": user.username, "password": PASSWORD}, format="json"
    ).json()
    user.set_password("a-new-long-passphrase-42")
    user.save()

    response = api_client.post(
        reverse("token-refresh"), {"refresh": tokens["refresh"]}, format="json"
    )

    assert response.status_code == 401
    assert "access" not in response.json()


def test_a_deactivated_account_cannot_refresh(api_client: APIClient, user: User) -> None:
    tokens = api_client.post(
        reverse("token-obtain"), {"username": user.username, "password": PASSWORD}, format="json"
    ).json()
    user.is_active = False
    user.save()

    response = api_client.post(
        reverse("token-refresh"), {"refresh": tokens["refresh"]}, format="json"
    )

    assert response.status_code == 401


def test_refresh_needs_a_token(api_client: APIClient) -> None:
    response = api_client.post(reverse("token-refresh"), {}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()["errors"]


def test_me_requires_a_token(api_client: APIClient) -> None:
    response = api_client.get(reverse("user-me"))
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "code"}


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_forged_tokens_are_refused(api_client: APIClient, user: User) -> None:
    header = {"alg": "none", "typ": "JWT"}
    claims = {"token_type": "access", "user_id": str(user.pk), "exp": 9999999999, "jti": "x"}
    unsigned = f"{_b64(header)}.{_b64(claims)}."
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {unsigned}")
    assert api_client.get(reverse("user-me")).status_code == 401
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = api_client.get(reverse("user-me"))
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "code"}


def test_deactivated_users_token_stops_working(user: User, client_for) -> None:
    client = client_for(user)
    assert client.get(reverse("user-me")).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(reverse("user-me")).status_code == 401


def test_password_change_revokes_existing_tokens(user: User, client_for) -> None:
    client = client_for(user)
    user.set_password("another-long-passphrase-77")
    user.save()
    assert client.get(reverse("user-me")).status_code == 401
