"""Two-factor sign-in for administrators: the app's codes, recovery codes, and every door
to administration (Django admin, monitoring page, admin API, /metrics) waiting for it."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable
from io import StringIO
from typing import Any
from urllib.parse import urlencode

import pyotp
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import two_factor
from accounts.errors import LoginThrottled, TwoFactorCodeInvalid
from accounts.models import LoginAttempt, TwoFactorDevice, User
from accounts.services import CODE_KEY_PREFIX, LOGIN_MAX_WRONG_CODES, Door, user_tokens
from accounts.tests.conftest import Clock
from accounts.tests.factories import UserFactory
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ADMIN_STATS = reverse("admin-stats")


@pytest.fixture(autouse=True)
def required(settings: Any) -> None:
    settings.STORYGEN_ADMIN_TWO_FACTOR = True  # the production default


@pytest.fixture
def admin() -> User:
    admin = AdminFactory(username="root")
    admin.set_password(PASSWORD)
    admin.save()
    return admin


def _enrol(user: User) -> tuple[TwoFactorDevice, list[str]]:
    device = two_factor.two_factor_setup_start(user=user)
    codes = two_factor.two_factor_confirm(user=user, code=_code(device, step=-1))
    device.refresh_from_db()
    return device, codes


def _code(device: TwoFactorDevice, step: int = 0) -> str:
    totp = pyotp.TOTP(device.secret)
    return totp.generate_otp(totp.timecode(dt.datetime.now(tz=dt.UTC)) + step)


def _verify(user: User, code: str, *, ip: str = "127.0.0.1") -> None:
    two_factor.two_factor_verify(user=user, code=code, ip=ip, door=Door.TWO_FACTOR_PAGE)


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the codes -----------------------------------------------------------------------------------


def test_codes_follow_rfc_6238(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    # RFC 6238's SHA-1 test secret; at T = 59 s its eight-digit code is 94287082.
    device = two_factor.two_factor_setup_start(user=admin)
    device.secret = base64.b32encode(b"12345678901234567890").decode()
    device.save()
    moment = dt.datetime.fromtimestamp(59, tz=dt.UTC)
    monkeypatch.setattr(two_factor.timezone, "now", lambda: moment)
    with pytest.raises(TwoFactorCodeInvalid):
        two_factor.two_factor_confirm(user=admin, code="287083")
    assert len(two_factor.two_factor_confirm(user=admin, code="287 082")) == 10


def test_setting_up_keeps_the_secret_until_confirmed_then_gives_ten_recovery_codes(
    admin: User,
) -> None:
    first = two_factor.two_factor_setup_start(user=admin)
    again = two_factor.two_factor_setup_start(user=admin)
    assert again.secret == first.secret  # a reload after scanning still matches the app
    assert two_factor.two_factor_device(admin) is None  # not in force yet

    codes = two_factor.two_factor_confirm(user=admin, code=_code(first))

    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"[0-9a-f]{5}-[0-9a-f]{5}", code) for code in codes)
    device = two_factor.two_factor_device(admin)
    assert device is not None
    assert not any(code in str(device.recovery_codes) for code in codes)  # digests only


def test_a_code_works_once_and_a_neighbouring_step_is_accepted(admin: User) -> None:
    device, _ = _enrol(admin)
    code = _code(device, step=1)  # the phone's clock runs a little ahead
    _verify(admin, code)
    with pytest.raises(TwoFactorCodeInvalid):
        _verify(admin, code)
    with pytest.raises(TwoFactorCodeInvalid):
        _verify(admin, _code(device, step=-3))


def test_a_recovery_code_lets_in_once(admin: User) -> None:
    _, codes = _enrol(admin)
    _verify(admin, codes[3].upper())
    with pytest.raises(TwoFactorCodeInvalid):
        _verify(admin, codes[3])
    _verify(admin, codes[4].replace("-", ""))


def test_wrong_codes_are_throttled_even_for_the_right_one(admin: User) -> None:
    device, _ = _enrol(admin)
    for n in range(LOGIN_MAX_WRONG_CODES):
        with pytest.raises(TwoFactorCodeInvalid):
            _verify(admin, "000000", ip=f"198.51.100.{n}")
    with pytest.raises(LoginThrottled):
        _verify(admin, _code(device, step=1), ip="192.0.2.1")


def test_wrong_codes_on_the_page_count_for_the_token_endpoint_and_are_recorded(
    admin: User,
) -> None:
    device, _ = _enrol(admin)
    client = _signed_in(admin)
    verify = reverse("accounts:two_factor_verify")
    for _ in range(LOGIN_MAX_WRONG_CODES - 1):
        assert client.post(verify, {"code": "000000"}).status_code == 400
    wrong = _token({"username": "root", "password": PASSWORD, "otp": "999999"})
    assert wrong.json()["code"] == "two_factor_code_invalid"

    refused = _token({"username": "root", "password": PASSWORD, "otp": _code(device, step=1)})
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    page = client.post(verify, {"code": _code(device, step=1)})
    assert page.status_code == 400
    assert "Too many failed sign-in attempts" in page.content.decode()
    assert not two_factor.session_passed(page.wsgi_request)
    codes = LoginAttempt.objects.filter(username=f"{CODE_KEY_PREFIX}{admin.pk}")
    assert codes.filter(succeeded=False, ip_address="127.0.0.1").count() == LOGIN_MAX_WRONG_CODES


def test_typing_an_admins_two_factor_key_as_a_username_does_not_count_against_their_codes(
    admin: User, clock: Clock
) -> None:
    device, _ = _enrol(admin)
    failed = 0
    for n in range(40):
        response = _token(
            {"username": f"{CODE_KEY_PREFIX}{admin.pk}", "password": "wrong"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        if response.status_code == 429:  # waited out, so the failures keep adding up
            clock.advance(int(response["Retry-After"]))
        else:
            assert response.status_code == 401
            failed += 1
    assert failed > LOGIN_MAX_WRONG_CODES

    assert not LoginAttempt.objects.filter(username=f"{CODE_KEY_PREFIX}{admin.pk}").exists()
    code = pyotp.TOTP(device.secret).at(clock.now)  # the clock was moved on
    signed_in = _token({"username": "root", "password": PASSWORD, "otp": code})
    assert signed_in.status_code == 200


def test_wrong_passwords_from_elsewhere_do_not_stop_the_owner_entering_a_code(
    admin: User,
) -> None:
    device, _ = _enrol(admin)
    for n in range(20):
        _token({"username": "root", "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{n}")
    client = _signed_in(admin)
    passed = client.post(reverse("accounts:two_factor_verify"), {"code": _code(device)})
    assert passed.status_code == 302


# --- the Django admin and the admin pages -----------------------------------------------------


@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/user/", "/admin-tools/monitoring/"])
def test_an_administrator_without_the_app_is_sent_to_set_it_up(admin: User, path: str) -> None:
    response = _signed_in(admin).get(path)
    assert response.status_code == 302
    setup = reverse("accounts:two_factor_setup")
    assert response["Location"] == f"{setup}?{urlencode({'next': path})}"


def test_setting_up_from_the_page_then_administering(admin: User) -> None:
    client = _signed_in(admin)
    setup = reverse("accounts:two_factor_setup")
    page = client.get(setup, {"next": "/admin/"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body
    device = TwoFactorDevice.objects.get(user=admin)
    assert two_factor.secret_for_display(device) in body
    assert 'autocomplete="one-time-code"' in body

    wrong = client.post(setup, {"code": "123", "next": "/admin/"})
    assert wrong.status_code == 400
    assert "not right" in wrong.content.decode()

    done = client.post(setup, {"code": _code(device), "next": "/admin/"})
    assert done.status_code == 200
    shown = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", done.content.decode())
    assert len(shown) == 10
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin-tools/monitoring/").status_code == 200


def test_an_enrolled_administrator_enters_a_code_after_signing_in(admin: User) -> None:
    device, codes = _enrol(admin)
    client = Client()
    signed_in = client.post(reverse("accounts:login"), {"username": "root", "password": PASSWORD})
    assert signed_in.status_code == 302
    sent = client.get("/admin/accounts/user/")
    verify = reverse("accounts:two_factor_verify")
    assert sent["Location"].startswith(verify)

    wrong = client.post(verify, {"code": "000000", "next": "/admin/accounts/user/"})
    assert wrong.status_code == 400
    passed = client.post(verify, {"code": _code(device, step=1), "next": "/admin/accounts/user/"})
    assert passed.status_code == 302
    assert passed["Location"] == "/admin/accounts/user/"
    assert client.get("/admin/accounts/user/").status_code == 200

    # Signing out and in again asks again; a recovery code works too.
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": "root", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302
    client.post(verify, {"code": codes[0]})
    assert client.get("/admin/").status_code == 200


def test_signing_in_at_the_django_admin_log_in_still_asks_for_a_code(admin: User) -> None:
    device, _ = _enrol(admin)
    client = Client()
    signed_in = client.post(
        reverse("admin:login"), {"username": "root", "password": PASSWORD, "next": "/admin/"}
    )
    assert signed_in.status_code == 302
    sent = client.get("/admin/")
    assert sent["Location"].startswith(reverse("accounts:two_factor_verify"))
    client.post(reverse("accounts:two_factor_verify"), {"code": _code(device)})
    assert client.get("/admin/").status_code == 200
    assert LoginAttempt.objects.filter(succeeded=True).count() == 2  # the password, the code


def test_the_django_admin_login_page_stays_reachable(admin: User) -> None:
    assert _signed_in(admin).get(reverse("admin:login")).status_code in (200, 302)
    login = _signed_in(admin).get(reverse("admin:login"))
    assert not login.get("Location", "").startswith("/accounts/two-factor/")


def test_people_who_are_not_administrators_see_no_second_step(user: User) -> None:
    client = _signed_in(user)
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 404
    assert client.get(reverse("accounts:two_factor_verify")).status_code == 404
    assert client.get(reverse("stories:library")).status_code == 200
    admin_page = client.get("/admin/")
    assert admin_page.status_code == 302
    assert admin_page["Location"].startswith(reverse("admin:login"))


# --- the admin API and /metrics ---------------------------------------------------------------


def _token(data: dict[str, str], **meta: str) -> Any:
    return APIClient().post(reverse("token-obtain"), data, format="json", **meta)


def test_the_admin_api_needs_a_token_asked_for_with_a_code(admin: User) -> None:
    device, _ = _enrol(admin)
    plain = _token({"username": "root", "password": PASSWORD})
    assert plain.status_code == 401
    assert plain.json()["code"] == "two_factor_required"
    assert "access" not in plain.json()
    # A token without the second step (issued before the account became an administrator).
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {user_tokens(user=admin)['access']}")
    refused = api.get(ADMIN_STATS)
    assert refused.status_code == 403
    assert refused.json()["code"] == "two_factor_required"
    assert api.get(reverse("user-me")).status_code == 200  # still a user

    wrong = _token({"username": "root", "password": PASSWORD, "otp": "000000"})
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "two_factor_code_invalid"

    tokens = _token({"username": "root", "password": PASSWORD, "otp": _code(device, step=1)})
    assert tokens.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.json()['access']}")
    assert api.get(ADMIN_STATS).status_code == 200

    # Refreshing keeps the second step.
    fresh = APIClient().post(reverse("token-refresh"), {"refresh": tokens.json()["refresh"]})
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {fresh.json()['access']}")
    assert api.get(ADMIN_STATS).status_code == 200


def test_metrics_need_a_session_past_the_second_step(admin: User) -> None:
    device, _ = _enrol(admin)
    client = _signed_in(admin)
    assert client.get(reverse("metrics")).status_code == 404
    client.post(reverse("accounts:two_factor_verify"), {"code": _code(device)})
    assert client.get(reverse("metrics")).status_code == 200


def test_every_administration_url_waits_for_the_second_step(admin: User) -> None:
    from storygen.tests.test_security_headers import _crawl_urls

    urls = _crawl_urls(admin)
    api = APIClient()
    # A token without the second step (issued before the account became an administrator).
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {user_tokens(user=admin)['access']}")
    pages = _signed_in(admin)
    doors = {"/admin/login/", "/admin/logout/"}
    checked = 0
    for url in urls:
        if url.startswith("/api/v1/admin/"):
            response = api.get(url)
            assert response.status_code == 403, url
            assert response.json()["code"] == "two_factor_required", url
            checked += 1
        elif url.startswith(("/admin/", "/admin-tools/")) and url not in doors:
            response = pages.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:two_factor_setup")), url
            checked += 1
    assert checked > 40


# --- resets ----------------------------------------------------------------------------------


def test_an_administrator_resets_another_ones_app_with_a_reason(admin: User) -> None:
    other = AdminFactory(username="lost-phone")
    _enrol(other)
    other_session = _signed_in(other)
    device, _ = _enrol(admin)
    client = _signed_in(admin)
    client.post(reverse("accounts:two_factor_verify"), {"code": _code(device)})
    changelist = reverse("admin:accounts_user_changelist")
    form = {"action": "reset_two_factor", ACTION_CHECKBOX_NAME: [str(other.pk)]}
    assert client.post(changelist, form).status_code == 200
    client.post(changelist, {**form, "post": "yes", "reason": "lost their phone"})

    assert two_factor.two_factor_device(other) is None
    assert other_session.get("/accounts/two-factor/").status_code == 302  # signed out
    entry = ModerationAction.objects.get(action=ModerationAction.Action.USER_TWO_FACTOR_RESET)
    assert (entry.actor, entry.target_id, entry.reason) == (admin, other.pk, "lost their phone")


def test_createadmin_resets_a_locked_out_administrator(admin: User) -> None:
    _enrol(admin)
    out = StringIO()
    call_command("createadmin", "--username", "root", "--reset-two-factor", stdout=out)
    assert out.getvalue().startswith("updated")
    assert two_factor.two_factor_device(admin) is None
    assert ModerationAction.objects.filter(action=ModerationAction.Action.USER_UPDATED).exists()


def test_a_normal_user_cannot_be_given_a_second_step_through_the_api(
    client_for: Callable[[User], APIClient],
) -> None:
    person = UserFactory()
    person.set_password(PASSWORD)
    person.save()
    refused = _token({"username": person.username, "password": PASSWORD, "otp": "123456"})
    assert refused.status_code == 401
    assert "not set up" in refused.json()["detail"]
