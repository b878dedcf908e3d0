"""The users admin: access, list, guarded edits, soft delete and restore as actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_user_changelist")


def _change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _listed(response: Any) -> list[str]:
    return [user.username for user in response.context["cl"].result_list]


@pytest.fixture
def admin() -> User:
    return AdminFactory(username="root")


@pytest.fixture
def admin_web(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def _form_data(user: User, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "reason": "",
        "_save": "Save",
    }
    if user.is_active:
        data["is_active"] = "on"
    for field, value in changes.items():
        if field == "is_active":
            data.pop("is_active", None)
            if value:
                data["is_active"] = "on"
        else:
            data[field] = value
    return data


def _run_action(client: Client, action: str, users: list[User], reason: str = "") -> Any:
    """Pick the action on the change list, then confirm it on the reason page."""
    selected = [str(user.pk) for user in users]
    page = client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: selected})
    assert page.status_code == 200
    assert "Reason" in page.content.decode()
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: selected, "post": "yes", "reason": reason},
        follow=True,
    )


# --- access ----------------------------------------------------------------------------------


def _urls() -> list[str]:
    target = UserFactory()
    return [CHANGELIST, _change_url(target)]


def test_anonymous_visitors_are_sent_to_the_admin_login(client: Client) -> None:
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_ordinary_users_are_sent_to_the_admin_login(client: Client, user: User) -> None:
    client.force_login(user)
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_admins_see_the_list_and_the_change_page(admin_web: Client) -> None:
    for url in _urls():
        assert admin_web.get(url).status_code == 200


# --- list ------------------------------------------------------------------------------------


def test_the_list_shows_the_account_columns(admin_web: Client) -> None:
    UserFactory(username="mira", email="mira@example.com", is_deleted=True, is_active=False)
    response = admin_web.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for header in ("Username", "Email address", "Role", "Active", "Is deleted", "Date joined"):
        assert header in html
    assert "mira@example.com" in html


def test_the_list_searches_username_and_email(admin_web: Client) -> None:
    UserFactory(username="mira", email="lighthouse@example.com")
    UserFactory(username="pip", email="gull@example.com")
    assert _listed(admin_web.get(CHANGELIST, {"q": "lighthouse"})) == ["mira"]
    assert _listed(admin_web.get(CHANGELIST, {"q": "pip"})) == ["pip"]


def test_the_list_filters_by_role_active_and_deleted(admin_web: Client) -> None:
    UserFactory(username="gone", is_deleted=True, is_active=False)
    UserFactory(username="paused", is_active=False)
    UserFactory(username="plain")
    assert _listed(admin_web.get(CHANGELIST, {"role__exact": "admin"})) == ["root"]
    assert _listed(admin_web.get(CHANGELIST, {"is_deleted__exact": "1"})) == ["gone"]
    assert _listed(admin_web.get(CHANGELIST, {"is_active__exact": "0"})) == ["gone", "paused"]


def test_the_list_runs_the_same_queries_for_many_users(
    admin_web: Client, django_assert_num_queries: Any
) -> None:
    UserFactory.create_batch(2)
    with CaptureQueriesContext(connection) as baseline:
        assert admin_web.get(CHANGELIST).status_code == 200
    UserFactory.create_batch(20)
    with django_assert_num_queries(len(baseline)):
        response = admin_web.get(CHANGELIST)
    assert len(_listed(response)) == 23


def test_there_is_no_hard_delete_and_no_adding(admin_web: Client, user: User) -> None:
    assert admin_web.get(reverse("admin:accounts_user_delete", args=[user.pk])).status_code == 403
    assert admin_web.get(reverse("admin:accounts_user_add")).status_code == 403
    actions = admin_web.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "delete_selected" not in [name for name, _label in actions]
    assert User.objects.filter(pk=user.pk).exists()


def test_admins_can_set_a_password_with_the_standard_form(admin_web: Client, user: User) -> None:
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = admin_web.post(
        url, {"password1": "a new lantern 42", "password2": "a new lantern 42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a new lantern 42")


# --- editing through the service -------------------------------------------------------------


def test_promoting_a_user_makes_them_staff_and_records_the_reason(
    admin_web: Client, admin: User, user: User
) -> None:
    response = admin_web.post(
        _change_url(user), _form_data(user, role="admin", reason="runs the school account")
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.is_staff, user.is_superuser) == ("admin", True, True)
    entry = ModerationAction.objects.get(action=ModerationAction.Action.USER_UPDATED)
    assert (entry.actor, entry.target_id, entry.reason) == (
        admin,
        user.pk,
        "runs the school account",
    )
    assert entry.changes == {"role": ["user", "admin"]}


def test_deactivating_a_user_signs_them_out(admin_web: Client, user: User) -> None:
    Client().force_login(user)
    assert Session.objects.count() == 2
    response = admin_web.post(_change_url(user), _form_data(user, is_active=False))
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert Session.objects.count() == 1  # only the admin's own


def test_saving_without_changes_writes_no_audit_row(admin_web: Client, user: User) -> None:
    response = admin_web.post(_change_url(user), _form_data(user))
    assert response.status_code == 302
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"role": "user"}, "Admins cannot change their own role."),
        ({"is_active": False}, "Admins cannot deactivate their own account."),
    ],
)
def test_admins_cannot_demote_or_deactivate_themselves(
    admin_web: Client, admin: User, changes: dict[str, Any], message: str
) -> None:
    response = admin_web.post(_change_url(admin), _form_data(admin, **changes))
    assert response.status_code == 200
    assert message in response.context["adminform"].form.non_field_errors()
    admin.refresh_from_db()
    assert (admin.role, admin.is_active, admin.is_staff) == ("admin", True, True)
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(
    "state",
    [
        {"is_staff": True, "is_superuser": True},  # staff without the admin role
        {"role": User.Role.ADMIN, "is_staff": True, "is_deleted": True},
    ],
    ids=["staff-without-role", "soft-deleted-admin"],
)
def test_only_administrators_can_change_users(client: Client, state: dict[str, Any]) -> None:
    # The site lets staff in; changing an account takes what the admin API takes.
    only_admin = AdminFactory()
    client.force_login(UserFactory(**state))

    response = client.post(_change_url(only_admin), _form_data(only_admin, role="user"))

    assert response.status_code == 403
    only_admin.refresh_from_db()
    assert (only_admin.role, only_admin.is_staff) == ("admin", True)
    assert not ModerationAction.objects.exists()


def test_an_email_taken_in_another_case_is_a_form_error(admin_web: Client, user: User) -> None:
    UserFactory(email="mira@example.com")
    response = admin_web.post(_change_url(user), _form_data(user, email="MIRA@example.com"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Email 'MIRA@example.com' is already registered."
    ]
    assert User.objects.get(pk=user.pk).email == user.email


def test_a_username_taken_in_another_case_is_a_form_error(admin_web: Client, user: User) -> None:
    response = admin_web.post(_change_url(user), _form_data(user, username="ROOT"))
    assert response.status_code == 200
    assert "already taken" in response.context["adminform"].form.errors["username"][0]
    assert User.objects.get(pk=user.pk).username == user.username


def test_an_invalid_username_is_refused_before_the_service(admin_web: Client, user: User) -> None:
    response = admin_web.post(_change_url(user), _form_data(user, username="no spaces!"))
    assert response.status_code == 200
    assert "username" in response.context["adminform"].form.errors
    assert not ModerationAction.objects.exists()


# --- soft delete and restore -----------------------------------------------------------------


def test_soft_deleting_users_deactivates_them_and_records_the_reason(
    admin_web: Client, admin: User
) -> None:
    mira, pip = UserFactory(username="mira"), UserFactory(username="pip")
    response = _run_action(admin_web, "soft_delete_users", [mira, pip], reason="spam accounts")
    assert response.status_code == 200
    assert any(
        message.startswith("Soft-deleted, and signed out everywhere:")
        and "“mira”" in message
        and "“pip”" in message
        for message in _messages(response)
    )
    for target in (mira, pip):
        target.refresh_from_db()
        assert (target.is_deleted, target.is_active) == (True, False)
    entries = ModerationAction.objects.filter(action=ModerationAction.Action.USER_DELETED)
    assert {(e.actor, e.target_id, e.reason) for e in entries} == {
        (admin, mira.pk, "spam accounts"),
        (admin, pip.pk, "spam accounts"),
    }


def test_deleting_yourself_is_refused_and_changes_nothing(admin_web: Client, admin: User) -> None:
    bystander = UserFactory(username="mira")
    response = _run_action(admin_web, "soft_delete_users", [admin, bystander])
    assert any("Admins cannot delete their own account." in m for m in _messages(response))
    assert not User.objects.filter(is_deleted=True).exists()
    assert not ModerationAction.objects.exists()


def test_staff_without_the_admin_role_cannot_run_user_actions(client: Client) -> None:
    only_admin = AdminFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    selected = [str(only_admin.pk)]

    response = client.post(
        CHANGELIST,
        {"action": "soft_delete_users", ACTION_CHECKBOX_NAME: selected, "post": "yes"},
    )

    assert response.status_code == 403
    only_admin.refresh_from_db()
    assert not only_admin.is_deleted


def test_restoring_users_brings_them_back(admin_web: Client, admin: User) -> None:
    gone = UserFactory(is_deleted=True, is_active=False)
    response = _run_action(admin_web, "restore_users", [gone], reason="appeal accepted")
    assert f"Restored: “{gone.username}”." in _messages(response)
    gone.refresh_from_db()
    assert (gone.is_deleted, gone.is_active) == (False, True)
    entry = ModerationAction.objects.get(action=ModerationAction.Action.USER_RESTORED)
    assert (entry.actor, entry.target_id, entry.reason) == (admin, gone.pk, "appeal accepted")


def test_restoring_a_user_who_is_not_deleted_is_refused(admin_web: Client, user: User) -> None:
    gone = UserFactory(is_deleted=True, is_active=False)
    response = _run_action(admin_web, "restore_users", [gone, user])
    assert any(m.startswith("Nothing was changed.") for m in _messages(response))
    gone.refresh_from_db()
    assert gone.is_deleted
