"""The createadmin command: create, promote, repair, and never weaken or print a password."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from moderation.models import ModerationAction

pytestmark = pytest.mark.django_db

STRONG = "lighthouse-keeper-7-whales"


def _run(*args: str) -> str:
    out = StringIO()
    call_command("createadmin", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers the prompt will get, in order; the test appends them."""
    answers: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": answers.pop(0))
    return answers


def test_creates_an_admin_with_a_prompted_password(typed: list[str]) -> None:
    typed.extend([STRONG, STRONG])

    output = _run("--username", "chief", "--email", "chief@example.com")

    assert output.strip() == "created: username=chief role=admin is_active=True"
    assert STRONG not in output
    user = User.objects.get(username="chief")
    assert (user.is_admin, user.is_staff, user.is_active) == (True, True, True)
    assert user.email == "chief@example.com"
    assert user.check_password(STRONG)
    assert ModerationAction.objects.get().action == ModerationAction.Action.USER_CREATED


def test_refuses_prompted_passwords_that_do_not_match(typed: list[str]) -> None:
    typed.extend([STRONG, STRONG + "x"])
    with pytest.raises(CommandError, match="do not match") as caught:
        _run("--username", "chief")
    assert caught.value.returncode == 2
    assert not User.objects.exists()


def test_reads_the_password_from_an_environment_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BOOTSTRAP_PASSWORD", STRONG)
    output = _run("--username", "chief", "--password-from-env", "BOOTSTRAP_PASSWORD")
    assert output.startswith("created:")
    assert STRONG not in output
    assert User.objects.get(username="chief").check_password(STRONG)


def test_an_unset_environment_variable_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_SUCH_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="NO_SUCH_PASSWORD"):
        _run("--username", "chief", "--password-from-env", "NO_SUCH_PASSWORD")
    assert not User.objects.exists()


@pytest.mark.parametrize("weak", ["tiny7", "12345678901234", "password1"])
def test_refuses_weak_passwords_with_the_validator_messages(
    monkeypatch: pytest.MonkeyPatch, weak: str
) -> None:
    monkeypatch.setenv("BOOTSTRAP_PASSWORD", weak)
    with pytest.raises(CommandError) as caught:
        _run("--username", "chief", "--password-from-env", "BOOTSTRAP_PASSWORD")
    assert caught.value.returncode == 2
    assert "password" in str(caught.value).lower()
    assert weak not in str(caught.value)
    assert not User.objects.exists()
    assert not ModerationAction.objects.exists()


def test_promotes_reactivates_and_undeletes_an_existing_user_without_touching_the_password(
    typed: list[str],
) -> None:
    user = UserFactory(username="mira", is_active=False, is_deleted=True)

    output = _run("--username", "Mira")

    assert output.strip() == "updated: username=mira role=admin is_active=True"
    user.refresh_from_db()
    assert (user.is_admin, user.is_staff, user.is_active, user.is_deleted) == (
        True,
        True,
        True,
        False,
    )
    assert user.deleted_at is None
    assert user.check_password(PASSWORD)
    assert typed == []  # never asked


def test_a_second_run_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOTSTRAP_PASSWORD", STRONG)
    _run("--username", "chief", "--password-from-env", "BOOTSTRAP_PASSWORD")

    output = _run("--username", "chief", "--password-from-env", "BOOTSTRAP_PASSWORD")

    assert output.strip() == "noop: username=chief role=admin is_active=True"
    assert User.objects.count() == 1
    assert ModerationAction.objects.count() == 1


def test_set_password_changes_the_password_of_an_existing_admin(typed: list[str]) -> None:
    user = UserFactory(username="chief", role=User.Role.ADMIN, is_staff=True, is_superuser=True)
    typed.extend([STRONG, STRONG])

    output = _run("--username", "chief", "--set-password")

    assert output.startswith("updated:")
    user.refresh_from_db()
    assert user.check_password(STRONG)
    entry = ModerationAction.objects.get()
    assert STRONG not in str(entry.changes)


def test_set_password_refuses_a_weak_one_and_changes_nothing(typed: list[str]) -> None:
    user = UserFactory(username="mira")
    typed.extend(["abc", "abc"])
    with pytest.raises(CommandError):
        _run("--username", "mira", "--set-password")
    user.refresh_from_db()
    assert not user.is_admin
    assert user.check_password(PASSWORD)


def test_an_email_used_by_another_account_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    UserFactory(username="pip", email="pip@example.com")
    monkeypatch.setenv("BOOTSTRAP_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="already registered"):
        _run(
            "--username",
            "chief",
            "--email",
            "PIP@example.com",
            "--password-from-env",
            "BOOTSTRAP_PASSWORD",
        )
    assert not User.objects.filter(username="chief").exists()
