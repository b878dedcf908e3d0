"""The warning that DJANGO_NUM_PROXIES looks wrong, from `check --deploy`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.checks import MIN_ATTEMPTS, MIN_USERNAMES, RECENT_DAYS, proxy_count_warning
from accounts.models import LoginAttempt
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _sign_ins_through_a_proxy(count: int, usernames: int, proxy: str = PROXY) -> None:
    """What the app sees behind one proxy with DJANGO_NUM_PROXIES=0: every visitor's address
    only in X-Forwarded-For, the connection from the proxy."""
    people = [UserFactory() for _ in range(usernames)]
    for n in range(count):
        response = APIClient().post(
            reverse("token-obtain"),
            {"username": people[n % usernames].username, "password": PASSWORD},
            format="json",
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert response.status_code == 200


def _deploy_warnings() -> list[Any]:
    return [m for m in run_checks(include_deployment_checks=True) if m.id == "storygen.W001"]


def test_sign_ins_for_many_people_all_from_one_private_address_are_a_deploy_warning() -> None:
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS, usernames=MIN_USERNAMES)

    [warning] = _deploy_warnings()

    assert warning.level == 30  # a warning: `check --deploy --fail-level WARNING` fails
    assert f"came from {PROXY}, a private address" in warning.msg
    assert f"{MIN_ATTEMPTS} of the last {MIN_ATTEMPTS} sign-in attempts" in warning.msg
    assert "Set DJANGO_NUM_PROXIES to the number of proxies in front" in warning.msg
    assert proxy_count_warning() == warning.msg


def test_the_advice_to_count_the_proxy_holds_only_if_it_sets_x_forwarded_for() -> None:
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS, usernames=MIN_USERNAMES)

    warning = proxy_count_warning() or ""

    # A proxy that adds the header: count it.
    assert (
        "Set DJANGO_NUM_PROXIES to the number of proxies in front (1 for one) only if each of "
        "them sets X-Forwarded-For" in warning
    )
    # One that does not (a NAT, a TCP balancer): counting it would let clients pick their
    # own address, so the advice is to make it add the header first.
    assert (
        "If the proxy does not, make it add that header first and keep DJANGO_NUM_PROXIES "
        "at 0 until then" in warning
    )
    assert "anyone can choose the address the throttle counts" in warning


def test_the_warning_is_a_deploy_check_only() -> None:
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS, usernames=MIN_USERNAMES)
    assert not [m for m in run_checks() if m.id == "storygen.W001"]


def test_a_loopback_proxy_is_named_as_such() -> None:
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS, usernames=MIN_USERNAMES, proxy="127.0.0.1")
    assert "came from 127.0.0.1, a loopback address" in (proxy_count_warning() or "")


def test_no_warning_once_the_proxy_is_counted(settings: Any) -> None:
    settings.STORYGEN_NUM_PROXIES = 1
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS, usernames=MIN_USERNAMES)
    assert proxy_count_warning() is None
    assert not _deploy_warnings()


@pytest.mark.parametrize(
    ("count", "usernames"),
    [
        pytest.param(MIN_ATTEMPTS - 1, MIN_USERNAMES, id="too-few-attempts"),
        pytest.param(MIN_ATTEMPTS, MIN_USERNAMES - 1, id="one-household"),
    ],
)
def test_no_warning_before_there_is_enough_to_judge(count: int, usernames: int) -> None:
    _sign_ins_through_a_proxy(count=count, usernames=usernames)
    assert proxy_count_warning() is None


def test_no_warning_when_people_connect_from_their_own_addresses() -> None:
    for n in range(MIN_ATTEMPTS * 2):
        LoginAttempt.objects.create(
            username=f"person{n % 5}", ip_address=f"198.51.100.{n}", succeeded=True
        )
    assert proxy_count_warning() is None


def test_no_warning_when_one_public_address_has_them_all() -> None:
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS, usernames=MIN_USERNAMES, proxy="93.184.215.14")
    assert proxy_count_warning() is None


def test_a_few_direct_connections_do_not_hide_the_proxy() -> None:
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS * 2, usernames=MIN_USERNAMES)
    LoginAttempt.objects.create(username="ops", ip_address="127.0.0.1", succeeded=True)
    assert proxy_count_warning() is not None


def test_old_sign_ins_are_not_judged() -> None:
    _sign_ins_through_a_proxy(count=MIN_ATTEMPTS, usernames=MIN_USERNAMES)
    LoginAttempt.objects.update(created_at=timezone.now() - timedelta(days=RECENT_DAYS, hours=1))
    assert proxy_count_warning() is None


def test_a_database_that_cannot_be_read_gives_no_warning_and_no_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.db import OperationalError

    from accounts import checks

    def unreachable() -> None:
        raise OperationalError("could not connect")

    monkeypatch.setattr(checks, "proxy_count_warning", unreachable)
    assert checks.proxy_count_check(None) == []
