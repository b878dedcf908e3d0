"""Account administration services: guards, the last admin, signing out, soft delete."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import services
from accounts.errors import (
    AdminActionRefused,
    EmailTaken,
    InvalidCredentials,
    LastAdminRefused,
    UsernameTaken,
)
from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory
from storygen.exceptions import InvalidInput, NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> User:
    return AdminFactory()


def test_promoting_a_user_makes_them_staff_and_demoting_clears_it(admin: User) -> None:
    target = UserFactory()
    services.user_admin_update(actor=admin, user=target, role="admin")
    target.refresh_from_db()
    assert (target.role, target.is_staff, target.is_superuser) == ("admin", True, True)

    services.user_admin_update(actor=admin, user=target, role="user")
    target.refresh_from_db()
    assert (target.role, target.is_staff, target.is_superuser) == ("user", False, False)


def test_update_changes_only_the_fields_given_and_records_them(admin: User) -> None:
    target = UserFactory(username="mira", email="mira@example.com")
    services.user_admin_update(actor=admin, user=target, email="m@example.com", reason="typo")
    target.refresh_from_db()
    assert (target.username, target.email, target.is_active) == ("mira", "m@example.com", True)
    entry = ModerationAction.objects.get()
    assert entry.changes == {"email": ["mira@example.com", "m@example.com"]}
    assert (entry.actor, entry.reason, entry.target_label) == (admin, "typo", "mira")


def test_guards_run_in_the_reference_order(admin: User) -> None:
    # A soft-deleted account is missing before anything else is checked.
    gone = UserFactory(is_deleted=True, is_active=False)
    with pytest.raises(NotFound, match=f"User with ID {gone.pk} not found"):
        services.user_admin_update(actor=admin, user=gone, role="bogus", is_active=False)
    # Self-deactivation is refused before the role is looked at.
    with pytest.raises(AdminActionRefused, match="deactivate their own account"):
        services.user_admin_update(actor=admin, user=admin, is_active=False, role="bogus")
    # Changing one's own role is refused before the role is validated.
    with pytest.raises(AdminActionRefused, match="change their own role"):
        services.user_admin_update(actor=admin, user=admin, role="bogus")
    # The role is validated before the username.
    UserFactory(username="taken")
    target = UserFactory()
    with pytest.raises(InvalidInput, match="Invalid role"):
        services.user_admin_update(actor=admin, user=target, role="bogus", username="taken")
    with pytest.raises(UsernameTaken, match=r"Username 'TAKEN' is already taken\."):
        services.user_admin_update(actor=admin, user=target, username="TAKEN")
    assert not ModerationAction.objects.exists()


def test_an_admin_may_keep_their_own_role_and_rename_themselves(admin: User) -> None:
    services.user_admin_update(actor=admin, user=admin, role="admin", username="chief")
    admin.refresh_from_db()
    assert (admin.username, admin.role) == ("chief", "admin")


def test_a_user_may_change_the_case_of_their_own_username(admin: User) -> None:
    target = UserFactory(username="mira")
    services.user_admin_update(actor=admin, user=target, username="Mira")
    target.refresh_from_db()
    assert target.username == "Mira"


def test_a_duplicate_email_is_refused_with_a_field_message(admin: User) -> None:
    UserFactory(email="pip@example.com")
    target = UserFactory()
    with pytest.raises(EmailTaken) as caught:
        services.user_admin_update(actor=admin, user=target, email="Pip@Example.com")
    assert caught.value.errors == {"email": ["Email 'Pip@Example.com' is already registered."]}


def test_clearing_an_email_is_allowed_for_several_accounts(admin: User) -> None:
    first, second = UserFactory(), UserFactory()
    services.user_admin_update(actor=admin, user=first, email="")
    services.user_admin_update(actor=admin, user=second, email="")
    assert User.objects.filter(email="").count() == 2


def test_the_last_active_admin_cannot_be_demoted_deactivated_or_deleted(admin: User) -> None:
    # A second admin acts on a stale view: meanwhile their own admin role was taken away,
    # so the account they act on is the last active admin.
    stale_actor = AdminFactory()
    User.objects.filter(pk=stale_actor.pk).update(role=User.Role.USER, is_staff=False)

    with pytest.raises(LastAdminRefused, match="last active admin"):
        services.user_admin_update(actor=stale_actor, user=admin, role="user")
    with pytest.raises(LastAdminRefused):
        services.user_admin_update(actor=stale_actor, user=admin, is_active=False)
    with pytest.raises(LastAdminRefused):
        services.user_soft_delete(actor=stale_actor, user=admin)

    admin.refresh_from_db()
    assert admin.is_admin
    assert admin.is_active
    assert not admin.is_deleted


def test_an_admin_can_be_demoted_while_another_remains(admin: User) -> None:
    other = AdminFactory()
    services.user_admin_update(actor=admin, user=other, role="user")
    other.refresh_from_db()
    assert not other.is_admin


def test_an_inactive_admin_does_not_count_as_the_remaining_admin(admin: User) -> None:
    AdminFactory(is_active=False)
    stale_actor = AdminFactory()
    User.objects.filter(pk=stale_actor.pk).update(role=User.Role.USER)
    with pytest.raises(LastAdminRefused):
        services.user_admin_update(actor=stale_actor, user=admin, role="user")


def test_deactivation_ends_sessions_and_refresh_tokens(admin: User) -> None:
    target = UserFactory()
    bystander = UserFactory()
    browser = Client()
    assert browser.login(username=target.username, password=PASSWORD)
    other_browser = Client()
    assert other_browser.login(username=bystander.username, password=PASSWORD)
    refresh = services.user_tokens(user=target)["refresh"]
    assert Session.objects.count() == 2

    services.user_admin_update(actor=admin, user=target, is_active=False)

    assert Session.objects.count() == 1
    with pytest.raises(InvalidCredentials):
        services.user_tokens_refresh(refresh=refresh)
    # Reactivating does not bring the old refresh token back.
    services.user_admin_update(actor=admin, user=target, is_active=True)
    with pytest.raises(InvalidCredentials):
        services.user_tokens_refresh(refresh=refresh)


def test_a_deactivated_users_browser_is_signed_out(admin: User) -> None:
    target = UserFactory()
    browser = Client()
    assert browser.login(username=target.username, password=PASSWORD)
    page = reverse("stories:library")
    assert browser.get(page).status_code == 200

    services.user_admin_update(actor=admin, user=target, is_active=False)

    response = browser.get(page)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_soft_delete_deactivates_signs_out_and_keeps_the_name_taken(admin: User) -> None:
    target = UserFactory(username="pip")
    refresh = services.user_tokens(user=target)["refresh"]
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {services.user_tokens(user=target)['access']}")

    services.user_soft_delete(actor=admin, user=target, reason="asked to leave")

    target.refresh_from_db()
    assert (target.is_deleted, target.is_active) == (True, False)
    assert target.deleted_at is not None
    with pytest.raises(InvalidCredentials):
        services.user_tokens_refresh(refresh=refresh)
    assert bearer.get(reverse("user-me")).status_code == 401
    with pytest.raises(UsernameTaken):
        services.user_register(username="PIP", password=PASSWORD)
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.reason) == ("user_deleted", "asked to leave")


def test_admins_cannot_soft_delete_themselves(admin: User) -> None:
    with pytest.raises(AdminActionRefused, match=r"Admins cannot delete their own account\."):
        services.user_soft_delete(actor=admin, user=admin)


def test_restore_reactivates_a_deleted_account_and_audits_it(admin: User) -> None:
    target = UserFactory()
    services.user_soft_delete(actor=admin, user=target)
    services.user_restore(actor=admin, user=target)
    target.refresh_from_db()
    assert (target.is_deleted, target.is_active, target.deleted_at) == (False, True, None)
    assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
        "user_deleted",
        "user_restored",
    ]
    with pytest.raises(NotFound):
        services.user_restore(actor=admin, user=target)
