"""The reference product's admin panel with two-factor sign-in on: its sign-in form has no
field for the code, so an administrator types it after the password (``password:123456``);
without it they get no token, and a message saying what to send."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pyotp
import pytest
from django.test import Client

from accounts import two_factor
from accounts.models import LoginAttempt, TwoFactorDevice, User
from accounts.services import CODE_KEY_PREFIX, LOGIN_MAX_WRONG_CODES, user_tokens
from accounts.tests.factories import UserFactory
from moderation.tests.factories import AdminFactory

pytestmark = pytest.mark.django_db

# The paths exactly as the reference client sends them.
TOKEN = "/api/v1/token"
REFRESH = "/api/v1/token/refresh"
ME = "/api/v1/users/me/"
ADMIN_STATS = "/api/v1/admin/stats"
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def required(settings: Any) -> None:
    settings.STORYGEN_ADMIN_TWO_FACTOR = True  # the production default


def _admin(password: str = PASSWORD) -> User:
    admin = AdminFactory(username="root")
    admin.set_password(password)
    admin.save()
    return admin


def _enrol(user: User) -> TwoFactorDevice:
    device = two_factor.two_factor_setup_start(user=user)
    two_factor.two_factor_confirm(user=user, code=_code(device, step=-1))
    device.refresh_from_db()
    return device


def _code(device: TwoFactorDevice, step: int = 0) -> str:
    totp = pyotp.TOTP(device.secret)
    return totp.generate_otp(totp.timecode(dt.datetime.now(tz=dt.UTC)) + step)


def _sign_in(username: str, password: str, **extra: str) -> Any:
    """The client's sign-in form: a form-encoded POST of username and password."""
    return Client().post(
        TOKEN,
        urlencode({"username": username, "password": password, **extra}),
        content_type="application/x-www-form-urlencoded",
    )


def _bearer(access: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {access}"}


def _password_attempts(username: str) -> int:
    return LoginAttempt.objects.filter(username=username).count()


def test_the_admin_panel_works_with_the_code_after_the_password() -> None:
    admin = _admin()
    device = _enrol(admin)

    signed_in = _sign_in("root", f"{PASSWORD}:{_code(device)}")

    assert signed_in.status_code == 200, signed_in.json()
    access = signed_in.json()["access_token"]
    me = Client().get(ME, **_bearer(access))
    assert me.status_code == 200
    assert me.json()["role"] == "admin"
    assert Client().get(ADMIN_STATS, **_bearer(access)).status_code == 200
    # Both tries of the password were one attempt; the code was its own step.
    assert _password_attempts("root") == 1
    assert LoginAttempt.objects.get(username=f"{CODE_KEY_PREFIX}{admin.pk}").succeeded


def test_without_the_code_an_administrator_gets_no_token_and_is_told_what_to_send() -> None:
    _enrol(_admin())

    refused = _sign_in("root", PASSWORD)

    assert refused.status_code == 401
    body = refused.json()
    assert body["code"] == "two_factor_required"
    assert "access_token" not in body
    assert "otp" in body["detail"]
    assert "password:123456" in body["detail"]
    # The client takes a 401 naming a token for an expired session and hides the detail.
    assert "token" not in body["detail"].lower()


@pytest.mark.parametrize("sent", [{}, {"otp": "123456"}, {"password_suffix": ":123456"}])
def test_an_administrator_without_an_app_is_told_to_set_it_up_on_the_site_first(
    sent: dict[str, str],
) -> None:
    _admin()
    extra = {key: value for key, value in sent.items() if key == "otp"}

    refused = _sign_in("root", PASSWORD + sent.get("password_suffix", ""), **extra)

    assert refused.status_code == 401
    body = refused.json()
    assert body["code"] == "two_factor_setup_required"
    assert "/accounts/two-factor/" in body["detail"]
    assert "token" not in body["detail"].lower()
    assert "access_token" not in body


def test_a_wrong_code_is_refused_and_counts_toward_the_wrong_code_limit() -> None:
    admin = _admin()
    device = _enrol(admin)

    for _ in range(LOGIN_MAX_WRONG_CODES):
        refused = _sign_in("root", f"{PASSWORD}:000000")
        assert refused.status_code == 401
        assert refused.json()["code"] == "two_factor_code_invalid"
        assert "access_token" not in refused.json()

    throttled = _sign_in("root", f"{PASSWORD}:{_code(device)}")
    assert throttled.status_code == 429
    code_attempts = LoginAttempt.objects.filter(username=f"{CODE_KEY_PREFIX}{admin.pk}")
    assert code_attempts.filter(succeeded=False).count() == LOGIN_MAX_WRONG_CODES


def test_a_wrong_password_with_a_right_code_is_a_wrong_password() -> None:
    device = _enrol(_admin())

    refused = _sign_in("root", f"not-the-password:{_code(device)}")

    assert refused.status_code == 401
    assert refused.json()["code"] == "invalid_credentials"
    assert _password_attempts("root") == 1


def test_a_code_works_once() -> None:
    device = _enrol(_admin())
    code = _code(device)
    assert _sign_in("root", f"{PASSWORD}:{code}").status_code == 200

    replayed = _sign_in("root", f"{PASSWORD}:{code}")

    assert replayed.status_code == 401
    assert replayed.json()["code"] == "two_factor_code_invalid"


def test_a_normal_user_whose_password_holds_a_colon_and_six_digits_signs_in() -> None:
    person = UserFactory()
    person.set_password("garden-gnome:123456")
    person.save()

    signed_in = _sign_in(person.username, "garden-gnome:123456")

    assert signed_in.status_code == 200
    access = signed_in.json()["access_token"]
    assert Client().get(ME, **_bearer(access)).json()["role"] == "user"


def test_a_normal_user_cannot_sign_in_with_digits_after_their_password() -> None:
    person = UserFactory()
    person.set_password(PASSWORD)
    person.save()

    refused = _sign_in(person.username, f"{PASSWORD}:123456")

    assert refused.status_code == 401
    assert refused.json()["code"] == "invalid_credentials"


def test_an_administrator_whose_password_ends_in_six_digits_signs_in_with_otp() -> None:
    real_password = "lighthouse-keeper:424242"
    device = _enrol(_admin(real_password))

    with_otp = _sign_in("root", real_password, otp=_code(device))
    assert with_otp.status_code == 200, with_otp.json()
    access = with_otp.json()["access_token"]
    assert Client().get(ADMIN_STATS, **_bearer(access)).status_code == 200

    # Or with the code after it: only the last ":" splits.
    after = _sign_in("root", f"{real_password}:{_code(device, step=1)}")
    assert after.status_code == 200, after.json()

    # Alone, it is the whole password: right, but without the code.
    assert _sign_in("root", real_password).json()["code"] == "two_factor_required"


def test_refreshing_keeps_the_second_step() -> None:
    device = _enrol(_admin())
    tokens = _sign_in("root", f"{PASSWORD}:{_code(device)}").json()

    fresh = Client().post(REFRESH, {"refresh": tokens["refresh"]}, content_type="application/json")

    assert fresh.status_code == 200
    assert Client().get(ADMIN_STATS, **_bearer(fresh.json()["access"])).status_code == 200


def test_a_refresh_token_issued_without_the_second_step_gives_an_administrator_nothing() -> None:
    admin = _admin()
    _enrol(admin)
    # Issued before the account became an administrator, or while two-factor was off.
    refresh = user_tokens(user=admin)["refresh"]

    refused = Client().post(REFRESH, {"refresh": refresh}, content_type="application/json")

    assert refused.status_code == 401
    assert refused.json()["code"] == "two_factor_required"
    assert "access" not in refused.json()
