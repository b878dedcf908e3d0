"""The one sign-in throttle behind every door: the API token, the log-in page, the Django
admin's log-in and the two-factor code, seen as an attacker and as the account's owner."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.errors import InvalidCredentials, LoginThrottled
from accounts.models import LoginAttempt, User
from accounts.services import (
    LOGIN_DELAY_BASE_SECONDS,
    LOGIN_DELAY_FREE_FAILURES,
    Door,
    LoginStep,
    login_key,
    login_retry_after,
    login_step_check,
    user_authenticate,
)
from accounts.tests.conftest import Clock
from accounts.tests.factories import PASSWORD, UserFactory
from moderation.tests.factories import AdminFactory

pytestmark = pytest.mark.django_db

#: The address every test client connects from (Django's test REMOTE_ADDR).
HERE = "127.0.0.1"
_addresses = (f"203.0.{n // 250}.{n % 250 + 1}" for n in itertools.count())


def _another_address() -> str:
    return next(_addresses)


# --- the three password doors, each answering "signed in", "failed" or "refused" -------------


def _api(username: str, password: str, **meta: str) -> str:
    response = APIClient().post(
        reverse("token-obtain"),
        {"username": username, "password": password},
        format="json",
        **meta,
    )
    if response.status_code == 429:
        assert 0 < int(response["Retry-After"]) <= settings.STORYGEN_LOGIN_WINDOW_SECONDS
        assert response.json()["code"] == "throttled"
        return "refused"
    return {200: "signed in", 401: "failed"}[response.status_code]


def _page(url: str, username: str, password: str, **meta: str) -> str:
    client = Client()
    response = client.post(url, {"username": username, "password": password}, **meta)
    if response.status_code == 302:
        assert client.session.get("_auth_user_id")
        return "signed in"
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors().as_data()
    if error.code == "throttled":
        assert "Try again in" in response.content.decode()
        return "refused"
    return "failed"


def _log_in_page(username: str, password: str, **meta: str) -> str:
    return _page(reverse("accounts:login"), username, password, **meta)


def _admin_log_in(username: str, password: str, **meta: str) -> str:
    return _page(reverse("admin:login"), username, password, **meta)


Attempt = Callable[..., str]
DOORS = [
    pytest.param(_api, id="api-token"),
    pytest.param(_log_in_page, id="log-in-page"),
    pytest.param(_admin_log_in, id="admin-log-in"),
]


@pytest.fixture
def staff() -> User:
    admin = AdminFactory()
    admin.set_password(PASSWORD)
    admin.save()
    return admin


def _wait_here(user: User) -> int:
    return login_retry_after(step=LoginStep.PASSWORD, account=user.username, ip=HERE)


# --- an attacker at one address, whatever X-Forwarded-For says ----------------------------------


@pytest.mark.parametrize("door", DOORS)
def test_rotating_forwarded_for_is_refused_by_the_tenth_attempt_and_stays_refused(
    door: Attempt, staff: User, clock: Clock
) -> None:
    outcomes = [
        door(staff.username, "wrong", HTTP_X_FORWARDED_FOR=_another_address()) for _ in range(30)
    ]

    first = outcomes.index("refused")
    assert first < 10
    assert outcomes[first + 1 : first + 21] == ["refused"] * 20
    assert door(staff.username, PASSWORD) == "refused"


@pytest.mark.parametrize("door", DOORS)
def test_waiting_out_every_short_delay_still_stops_at_the_limit_per_account_and_address(
    door: Attempt, staff: User, clock: Clock
) -> None:
    checked = 0
    for _ in range(40):
        if door(staff.username, "wrong", HTTP_X_FORWARDED_FOR=_another_address()) == "failed":
            checked += 1
            continue
        wait = _wait_here(staff)
        if wait > settings.STORYGEN_LOGIN_MAX_DELAY_SECONDS:
            break
        clock.advance(wait)

    assert checked == settings.STORYGEN_LOGIN_MAX_FAILURES
    assert LoginAttempt.objects.filter(succeeded=False, ip_address=HERE).count() == checked
    for password in ["wrong", PASSWORD] * 10:
        assert door(staff.username, password, HTTP_X_FORWARDED_FOR=_another_address()) == (
            "refused"
        )
    clock.advance(_wait_here(staff))
    assert door(staff.username, PASSWORD) == "signed in"


@pytest.mark.parametrize("last", DOORS)
def test_a_failure_on_one_door_counts_on_the_others(
    last: Attempt, staff: User, clock: Clock
) -> None:
    # One failure on each door: together they reach the point where the account waits.
    assert LOGIN_DELAY_FREE_FAILURES == 3
    for door in (_api, _log_in_page, _admin_log_in):
        assert door(staff.username, "wrong") == "failed"

    assert last(staff.username, PASSWORD) == "refused"
    clock.advance(LOGIN_DELAY_BASE_SECONDS)
    assert last(staff.username, PASSWORD) == "signed in"


def test_the_admin_log_in_records_every_attempt_and_refuses_the_right_password_when_throttled(
    staff: User, clock: Clock
) -> None:
    outcomes = [_admin_log_in(staff.username, "wrong") for _ in range(25)]

    assert outcomes.count("failed") == LOGIN_DELAY_FREE_FAILURES
    assert set(outcomes[LOGIN_DELAY_FREE_FAILURES:]) == {"refused"}
    assert LoginAttempt.objects.filter(
        username=staff.username, ip_address=HERE, succeeded=False
    ).count() == (LOGIN_DELAY_FREE_FAILURES)
    assert _admin_log_in(staff.username, PASSWORD) == "refused"
    assert _api(staff.username, PASSWORD) == "refused"
    assert _log_in_page(staff.username, PASSWORD) == "refused"

    clock.advance(_wait_here(staff))
    assert _admin_log_in(staff.username, PASSWORD) == "signed in"
    assert LoginAttempt.objects.filter(username=staff.username, succeeded=True).count() == 1


def test_the_admin_log_in_still_refuses_people_who_are_not_staff(user: User) -> None:
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "for a staff account" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_one_address_trying_many_accounts_is_stopped_at_the_limit_per_address(
    user: User, clock: Clock
) -> None:
    limit = settings.STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS
    outcomes = [_api(f"guess{n}", "wrong") for n in range(limit)]
    assert outcomes == ["failed"] * limit

    assert _api(user.username, PASSWORD) == "refused"
    assert _log_in_page(user.username, PASSWORD) == "refused"
    assert _api(user.username, PASSWORD, REMOTE_ADDR=_another_address()) == "signed in"


# --- an attacker at many addresses, and the account's owner -----------------------------------


def _attack_from_many_addresses(user: User, clock: Clock, failures: int) -> list[int]:
    """Wrong passwords for ``user``, each from a new address, each as soon as it is allowed;
    returns the waits (Retry-After) the attacker was given."""
    waits = []
    while len(LoginAttempt.objects.filter(username=user.username, succeeded=False)) < failures:
        response = APIClient().post(
            reverse("token-obtain"),
            {"username": user.username, "password": "wrong"},
            format="json",
            REMOTE_ADDR=_another_address(),
        )
        if response.status_code == 429:
            waits.append(int(response["Retry-After"]))
            clock.advance(waits[-1])
        else:
            assert response.status_code == 401
    return waits


def test_each_failure_from_anywhere_makes_the_account_wait_longer_up_to_the_cap(
    user: User, clock: Clock
) -> None:
    waits = _attack_from_many_addresses(user, clock, failures=14)

    cap = settings.STORYGEN_LOGIN_MAX_DELAY_SECONDS
    assert waits[:8] == [LOGIN_DELAY_BASE_SECONDS * 2**n for n in range(8)]  # 2, 4, … 256 s
    assert waits[8:] == [cap] * (len(waits) - 8)
    assert len(waits) == 14 - LOGIN_DELAY_FREE_FAILURES


def test_the_owner_at_a_clean_address_is_only_delayed_not_locked_out(
    user: User, clock: Clock
) -> None:
    _attack_from_many_addresses(user, clock, failures=30)
    owner = _another_address()

    response = APIClient().post(
        reverse("token-obtain"),
        {"username": user.username, "password": PASSWORD},
        format="json",
        REMOTE_ADDR=owner,
    )
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= settings.STORYGEN_LOGIN_MAX_DELAY_SECONDS
    assert "Try again in about 5 minutes." in response.json()["detail"]

    clock.advance(wait)
    assert _api(user.username, PASSWORD, REMOTE_ADDR=owner) == "signed in"
    assert _log_in_page(user.username, PASSWORD, REMOTE_ADDR=owner) == "signed in"


def test_the_owner_at_an_address_they_signed_in_from_is_not_delayed(
    user: User, clock: Clock
) -> None:
    home = _another_address()
    assert _api(user.username, PASSWORD, REMOTE_ADDR=home) == "signed in"
    _attack_from_many_addresses(user, clock, failures=20)

    assert _api(user.username, "wrong", REMOTE_ADDR=_another_address()) == "refused"
    assert _log_in_page(user.username, PASSWORD, REMOTE_ADDR=home) == "signed in"


def test_the_page_says_how_many_seconds_to_wait(user: User, clock: Clock) -> None:
    for _ in range(LOGIN_DELAY_FREE_FAILURES):
        _api(user.username, "wrong", REMOTE_ADDR=_another_address())

    response = Client().post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )

    assert response.context["form"].non_field_errors() == [
        f"Too many failed sign-in attempts. Try again in {LOGIN_DELAY_BASE_SECONDS} seconds."
    ]


# --- attempts at the same moment --------------------------------------------------------------


def test_an_attempt_being_checked_counts_against_one_arriving_meanwhile(
    user: User, clock: Clock
) -> None:
    for _ in range(LOGIN_DELAY_FREE_FAILURES - 1):
        _api(user.username, "wrong", REMOTE_ADDR=_another_address())
    meanwhile: list[str] = []

    def slow_wrong_password() -> None:
        # A second attempt arrives while the first one's password is being hashed.
        try:
            user_authenticate(
                username=user.username, password="wrong", ip=_another_address(), door=Door.API_TOKEN
            )
        except LoginThrottled:
            meanwhile.append("refused")
        raise InvalidCredentials()

    with pytest.raises(InvalidCredentials):
        login_step_check(
            step=LoginStep.PASSWORD,
            account=user.username,
            ip=_another_address(),
            door=Door.API_TOKEN,
            check=slow_wrong_password,
        )

    assert meanwhile == ["refused"]
    assert LoginAttempt.objects.filter(succeeded=False).count() == LOGIN_DELAY_FREE_FAILURES


def test_of_two_attempts_recorded_together_only_the_first_goes_ahead(
    user: User, clock: Clock
) -> None:
    for _ in range(LOGIN_DELAY_FREE_FAILURES - 1):
        _api(user.username, "wrong", REMOTE_ADDR=_another_address())
    first, second = (
        LoginAttempt.objects.create(username=user.username, ip_address=ip, succeeded=False)
        for ip in (_another_address(), _another_address())
    )

    def wait_for(attempt: LoginAttempt) -> int:
        return login_retry_after(
            step=LoginStep.PASSWORD,
            account=user.username,
            ip=attempt.ip_address,
            before=attempt.pk,
        )

    assert wait_for(first) == 0
    assert wait_for(second) == LOGIN_DELAY_BASE_SECONDS


def test_unknown_accounts_and_inactive_ones_are_throttled_like_real_ones(clock: Clock) -> None:
    inactive = UserFactory(is_active=False)
    for name in ("nobody-here", inactive.username):
        outcomes: list[Any] = [
            _api(name, PASSWORD, REMOTE_ADDR=_another_address())
            for _ in range(LOGIN_DELAY_FREE_FAILURES + 1)
        ]
        assert outcomes == ["failed"] * LOGIN_DELAY_FREE_FAILURES + ["refused"]


# --- the password change pages ----------------------------------------------------------------

NEW_PASSWORD = "a brand new passphrase 42"


def _change_password(url: str, user: User, old_password: str) -> str:
    """Change ``user``'s password on a page, signed in; "changed", "failed" or "refused"."""
    client = Client()
    client.force_login(user)
    response = client.post(
        url,
        {
            "old_password": old_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    if response.status_code == 302:
        return "changed"
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["old_password"]
    if error.code == "throttled":
        assert "Try again in" in response.content.decode()
        return "refused"
    assert error.code == "password_incorrect"
    return "failed"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(reverse("accounts:password_change"), id="site"),
        pytest.param(reverse("admin:password_change"), id="django-admin"),
    ],
)
def test_wrong_current_passwords_on_a_password_change_page_are_throttled_like_sign_ins(
    url: str, staff: User, clock: Clock
) -> None:
    outcomes = [_change_password(url, staff, "wrong") for _ in range(LOGIN_DELAY_FREE_FAILURES)]
    assert outcomes == ["failed"] * LOGIN_DELAY_FREE_FAILURES

    assert _change_password(url, staff, PASSWORD) == "refused"
    assert _api(staff.username, PASSWORD) == "refused"
    assert LoginAttempt.objects.filter(username=staff.username, succeeded=False).count() == (
        LOGIN_DELAY_FREE_FAILURES
    )

    clock.advance(LOGIN_DELAY_BASE_SECONDS)
    assert _change_password(url, staff, PASSWORD) == "changed"
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)


def test_failed_sign_ins_elsewhere_hold_back_a_password_change_too(
    staff: User, clock: Clock
) -> None:
    for _ in range(LOGIN_DELAY_FREE_FAILURES):
        _api(staff.username, "wrong", REMOTE_ADDR=_another_address())

    assert _change_password(reverse("accounts:password_change"), staff, PASSWORD) == "refused"


# --- a name typed that no account can have ------------------------------------------------------


def test_names_that_cannot_be_usernames_are_kept_apart_from_every_other_key() -> None:
    keys = {
        login_key(step=LoginStep.PASSWORD, account=name)
        for name in ("two-factor:1", "Two-Factor:1", "bob:x", "a b")
    }

    assert all(key.startswith("not-a-username:") for key in keys)
    assert len(keys) == 3  # case is ignored, different names stay different
    assert login_key(step=LoginStep.PASSWORD, account=" Bob ") == "bob"
    assert login_key(step=LoginStep.CODE, account="1") == "two-factor:1"


# --- the security log ---------------------------------------------------------------------------


def test_sign_ins_are_logged_with_the_door_and_address_never_the_name_or_password(
    user: User, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    assert _api(user.username, "Wrong-Secret-1") == "failed"
    assert _log_in_page(user.username, PASSWORD) == "signed in"
    for _ in range(LOGIN_DELAY_FREE_FAILURES - 1):
        _api(user.username, "Wrong-Secret-1", REMOTE_ADDR=_another_address())
    assert _api(user.username, PASSWORD, REMOTE_ADDR="198.51.100.7") == "refused"

    signs = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "accounts.services"]
    assert ("INFO", f"sign-in password failed at api from {HERE}") in signs
    assert ("INFO", f"user {user.pk} signed in at log-in page") in signs
    [refusal] = [message for level, message in signs if level == "WARNING"]
    assert refusal == (
        f"sign-in refused at api from 198.51.100.7: throttled for {LOGIN_DELAY_BASE_SECONDS} s"
    )
    assert user.username not in caplog.text
    assert "Wrong-Secret-1" not in caplog.text
    assert PASSWORD not in caplog.text


def test_every_door_and_the_address_are_given_explicitly() -> None:
    from accounts import two_factor

    admin = AdminFactory()
    with pytest.raises(TypeError, match="door"):
        user_authenticate(username=admin.username, password=PASSWORD, ip=HERE)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="ip"):
        two_factor.two_factor_verify(user=admin, code="123456", door=Door.TWO_FACTOR_PAGE)  # type: ignore[call-arg]
    assert not LoginAttempt.objects.exists()
