"""The admin API: who may use it, user management, story moderation, the audit log, stats."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import UserFactory
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory, ModerationActionFactory
from stories.models import Story
from stories.tests.factories import StoryCharacterFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _routes() -> list[tuple[str, str, Callable[[], dict[str, Any]], dict[str, Any], int]]:
    """Every admin route: method, URL name, kwargs factory, body, success status."""

    def user() -> dict[str, Any]:
        return {"user_id": UserFactory().pk}

    def deleted_user() -> dict[str, Any]:
        return {"user_id": UserFactory(is_deleted=True, is_active=False).pk}

    def story() -> dict[str, Any]:
        return {"story_id": StoryFactory().pk}

    def deleted_story() -> dict[str, Any]:
        return {"story_id": StoryFactory(is_deleted=True).pk}

    def none() -> dict[str, Any]:
        return {}

    return [
        ("get", "admin-user-list", none, {}, 200),
        ("get", "admin-user-detail", user, {}, 200),
        ("put", "admin-user-detail", user, {"email": "new@example.com"}, 200),
        ("delete", "admin-user-detail", user, {}, 204),
        ("post", "admin-user-restore", deleted_user, {}, 200),
        ("get", "moderation-story-list", none, {}, 200),
        ("patch", "moderation-story-hide", story, {"is_hidden": True}, 200),
        ("delete", "moderation-story-detail", story, {}, 204),
        ("post", "moderation-story-restore", deleted_story, {}, 200),
        ("get", "moderation-action-list", none, {}, 200),
        ("get", "admin-stats", none, {}, 200),
    ]


ROUTES = _routes()
ROUTE_IDS = [f"{method} {name}" for method, name, *_ in ROUTES]


@pytest.mark.parametrize(("method", "name", "kwargs", "body", "ok"), ROUTES, ids=ROUTE_IDS)
def test_anonymous_clients_get_401_on_every_admin_route(
    api_client: APIClient, method: str, name: str, kwargs: Callable, body: dict, ok: int
) -> None:
    response = getattr(api_client, method)(reverse(name, kwargs=kwargs()), body, format="json")
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "name", "kwargs", "body", "ok"), ROUTES, ids=ROUTE_IDS)
def test_ordinary_users_get_403_on_every_admin_route(
    auth_client: APIClient, method: str, name: str, kwargs: Callable, body: dict, ok: int
) -> None:
    response = getattr(auth_client, method)(reverse(name, kwargs=kwargs()), body, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize(("method", "name", "kwargs", "body", "ok"), ROUTES, ids=ROUTE_IDS)
def test_admins_succeed_on_every_admin_route(
    admin_client: APIClient, method: str, name: str, kwargs: Callable, body: dict, ok: int
) -> None:
    url = reverse(name, kwargs=kwargs())
    response = getattr(admin_client, method)(url, body, format="json")
    assert response.status_code == ok, response.content


@pytest.mark.parametrize(
    "name", ["admin-user-list", "moderation-story-list", "moderation-action-list", "admin-stats"]
)
def test_admin_lists_answer_with_and_without_the_trailing_slash(
    admin_client: APIClient, name: str
) -> None:
    url = reverse(name)
    twin = url[:-1] if url.endswith("/") else f"{url}/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(twin).status_code == 200


def test_a_deactivated_admin_is_refused(
    admin: User, admin_client: APIClient, django_user_model: type[User]
) -> None:
    django_user_model.objects.filter(pk=admin.pk).update(is_active=False)
    assert admin_client.get(reverse("admin-stats")).status_code == 401


# --- Users --------------------------------------------------------------------------------


def test_user_list_excludes_soft_deleted_accounts_unless_asked(
    admin: User, admin_client: APIClient
) -> None:
    kept = UserFactory()
    gone = UserFactory(is_deleted=True, is_active=False)
    ids = [row["id"] for row in admin_client.get(reverse("admin-user-list")).json()]
    assert ids == [admin.pk, kept.pk]
    rows = admin_client.get(reverse("admin-user-list"), {"include_deleted": "true"}).json()
    assert [row["id"] for row in rows] == [admin.pk, kept.pk, gone.pk]
    assert rows[2]["is_deleted"] is True
    assert set(rows[0]) >= {"id", "username", "email", "role", "is_active", "created_at"}


def test_user_list_pages_with_skip_and_limit(admin: User, admin_client: APIClient) -> None:
    users = UserFactory.create_batch(4)
    rows = admin_client.get(reverse("admin-user-list"), {"skip": 2, "limit": 2}).json()
    assert [row["id"] for row in rows] == [users[1].pk, users[2].pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"skip": -1}, "skip"),
        ({"skip": "x"}, "skip"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"include_deleted": "maybe"}, "include_deleted"),
    ],
)
def test_user_list_rejects_bad_paging_with_a_field_message(
    admin_client: APIClient, params: dict, field: str
) -> None:
    response = admin_client.get(reverse("admin-user-list"), params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


HUGE = str(2**70)


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("admin-user-list", "skip"),
        ("moderation-story-list", "user_id"),
        ("moderation-story-list", "page"),
        ("moderation-action-list", "actor_id"),
        ("moderation-action-list", "target_id"),
        ("moderation-action-list", "page"),
    ],
)
def test_out_of_range_integers_are_a_400_with_a_field_message_not_a_500(
    admin_client: APIClient, name: str, field: str
) -> None:
    response = admin_client.get(reverse(name), {field: HUGE})
    assert response.status_code == 400
    assert "less than or equal to" in response.json()["errors"][field][0]


def test_user_list_runs_a_constant_number_of_queries(
    admin_client: APIClient, django_assert_max_num_queries: Any
) -> None:
    UserFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        response = admin_client.get(reverse("admin-user-list"))
    assert len(response.json()) == 31


def test_user_detail_answers_404_for_missing_and_soft_deleted_accounts(
    admin_client: APIClient,
) -> None:
    gone = UserFactory(is_deleted=True, is_active=False)
    for user_id in (gone.pk, 99999):
        response = admin_client.get(reverse("admin-user-detail", kwargs={"user_id": user_id}))
        assert response.status_code == 404
        assert response.json()["detail"] == f"User with ID {user_id} not found"


def test_admin_updates_an_account_and_the_change_is_audited(
    admin: User, admin_client: APIClient
) -> None:
    target = UserFactory(username="pip")
    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": target.pk}),
        {"username": "pip2", "role": "admin", "reason": "new teacher"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["username"] == "pip2"
    assert response.json()["role"] == "admin"
    target.refresh_from_db()
    assert target.is_staff
    entry = ModerationAction.objects.get()
    assert entry.actor == admin
    assert entry.action == ModerationAction.Action.USER_UPDATED
    assert (entry.target_type, entry.target_id) == ("user", target.pk)
    assert entry.reason == "new teacher"
    assert entry.changes["role"] == ["user", "admin"]


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"is_active": False}, 403, "Admins cannot deactivate their own account."),
        ({"role": "user"}, 403, "Admins cannot change their own role."),
        ({"role": "superuser"}, 403, "Admins cannot change their own role."),
    ],
)
def test_admins_cannot_deactivate_or_demote_themselves(
    admin: User, admin_client: APIClient, body: dict, status: int, detail: str
) -> None:
    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": admin.pk}), body, format="json"
    )
    assert response.status_code == status
    assert response.json()["detail"] == detail
    admin.refresh_from_db()
    assert admin.is_active
    assert admin.is_admin
    assert not ModerationAction.objects.exists()


def test_an_unknown_role_is_refused_with_the_reference_message(admin_client: APIClient) -> None:
    target = UserFactory()
    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": target.pk}),
        {"role": "owner"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid role. Must be 'user' or 'admin'."
    assert response.json()["errors"] == {"role": ["Invalid role. Must be 'user' or 'admin'."]}


def test_a_taken_username_is_refused_ignoring_case(admin_client: APIClient) -> None:
    UserFactory(username="Mira")
    target = UserFactory()
    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": target.pk}),
        {"username": "mira"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Username 'mira' is already taken."


def test_a_duplicate_email_is_a_400_with_a_field_message_not_a_500(
    admin_client: APIClient,
) -> None:
    UserFactory(email="mira@example.com")
    target = UserFactory()
    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": target.pk}),
        {"email": "MIRA@example.com"},
        format="json",
    )
    assert response.status_code == 400
    assert "email" in response.json()["errors"]
    target.refresh_from_db()
    assert target.email != "MIRA@example.com"


def test_an_invalid_email_is_refused(admin_client: APIClient) -> None:
    target = UserFactory()
    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": target.pk}),
        {"email": "not-an-address"},
        format="json",
    )
    assert response.status_code == 400
    assert "email" in response.json()["errors"]


def test_admins_cannot_delete_their_own_account(admin: User, admin_client: APIClient) -> None:
    response = admin_client.delete(reverse("admin-user-detail", kwargs={"user_id": admin.pk}))
    assert response.status_code == 403
    assert response.json()["detail"] == "Admins cannot delete their own account."


def test_deleting_an_account_hides_it_and_deleting_again_is_404(
    admin_client: APIClient,
) -> None:
    target = UserFactory()
    url = reverse("admin-user-detail", kwargs={"user_id": target.pk})
    assert admin_client.delete(url, {"reason": "spam"}, format="json").status_code == 204
    assert admin_client.get(url).status_code == 404
    assert admin_client.delete(url).status_code == 404
    target.refresh_from_db()
    assert target.is_deleted
    assert not target.is_active
    assert ModerationAction.objects.get().reason == "spam"


def test_a_deleted_account_can_be_restored(admin_client: APIClient) -> None:
    target = UserFactory(is_deleted=True, is_active=False)
    response = admin_client.post(reverse("admin-user-restore", kwargs={"user_id": target.pk}))
    assert response.status_code == 200
    assert response.json()["is_active"] is True
    assert response.json()["is_deleted"] is False
    again = admin_client.post(reverse("admin-user-restore", kwargs={"user_id": target.pk}))
    assert again.status_code == 404


def test_deactivating_a_user_stops_their_bearer_token_and_refresh_token(
    admin_client: APIClient, client_for: Callable[[User], APIClient]
) -> None:
    from accounts.services import user_tokens

    target = UserFactory()
    tokens = user_tokens(user=target)
    target_client = client_for(target)
    assert target_client.get(reverse("user-me")).status_code == 200

    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": target.pk}),
        {"is_active": False},
        format="json",
    )
    assert response.status_code == 200

    assert target_client.get(reverse("user-me")).status_code == 401
    refreshed = APIClient().post(
        reverse("token-refresh"), {"refresh": tokens["refresh"]}, format="json"
    )
    assert refreshed.status_code == 401


# --- Stories ------------------------------------------------------------------------------


def test_story_list_shows_every_owner_newest_first_with_owner_and_cast(
    admin_client: APIClient,
) -> None:
    older = StoryFactory()
    newer = StoryFactory()
    StoryCharacterFactory(story=newer, name="Mira")
    body = admin_client.get(reverse("moderation-story-list")).json()
    assert body["total"] == 2
    assert (body["page"], body["page_size"]) == (1, 20)
    assert [item["id"] for item in body["items"]] == [newer.pk, older.pk]
    first = body["items"][0]
    assert first["owner"] == {"id": newer.owner.pk, "username": newer.owner.username}
    assert first["main_characters"][0]["name"] == "Mira"
    assert first["is_hidden"] is False
    assert first["is_deleted"] is False


def test_story_list_runs_a_constant_number_of_queries(
    admin_client: APIClient, django_assert_max_num_queries: Any
) -> None:
    for story in StoryFactory.create_batch(15):
        StoryCharacterFactory.create_batch(2, story=story)
    # Authentication, the count, the page, the cast.
    with django_assert_max_num_queries(4):
        response = admin_client.get(reverse("moderation-story-list"), {"page_size": 100})
    assert len(response.json()["items"]) == 15


def test_story_list_pages(admin_client: APIClient) -> None:
    stories = StoryFactory.create_batch(5)
    body = admin_client.get(reverse("moderation-story-list"), {"page": 2, "page_size": 2}).json()
    assert body["total"] == 5
    assert [item["id"] for item in body["items"]] == [stories[2].pk, stories[1].pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": "first"}, "page"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"created_from": "yesterday"}, "created_from"),
        ({"created_to": "2025-13-01"}, "created_to"),
        ({"user_id": "abc"}, "user_id"),
        ({"include_hidden": "perhaps"}, "include_hidden"),
    ],
)
def test_story_list_rejects_bad_query_values_with_a_field_message(
    admin_client: APIClient, params: dict, field: str
) -> None:
    response = admin_client.get(reverse("moderation-story-list"), params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_story_list_filters_by_owner_and_status(admin_client: APIClient) -> None:
    owner = UserFactory()
    ready = StoryFactory(owner=owner)
    draft = StoryFactory(owner=owner, status=Story.Status.DRAFT)
    StoryFactory()

    def ids(**params: Any) -> list[int]:
        body = admin_client.get(reverse("moderation-story-list"), params).json()
        return [item["id"] for item in body["items"]]

    assert ids(user_id=owner.pk) == [draft.pk, ready.pk]
    assert ids(user_id=owner.pk, status_filter="generated") == [ready.pk]
    assert ids(user_id=owner.pk, status_filter="draft") == [draft.pk]
    assert ids(user_id=owner.pk, status_filter="whatever") == [draft.pk, ready.pk]


def test_story_list_filters_by_creation_time_inclusively(admin_client: APIClient) -> None:
    stories = StoryFactory.create_batch(3)
    moments = [datetime(2025, 3, day, 12, 0, tzinfo=UTC) for day in (1, 2, 3)]
    for story, moment in zip(stories, moments, strict=True):
        Story.objects.filter(pk=story.pk).update(created_at=moment)

    body = admin_client.get(
        reverse("moderation-story-list"),
        {"created_from": "2025-03-02T12:00:00Z", "created_to": "2025-03-03T12:00:00"},
    ).json()
    assert [item["id"] for item in body["items"]] == [stories[2].pk, stories[1].pk]


def test_story_list_leaves_out_hidden_and_deleted_stories_unless_asked(
    admin_client: APIClient,
) -> None:
    shown = StoryFactory()
    hidden = StoryFactory(is_hidden=True)
    deleted = StoryFactory(is_deleted=True)

    def ids(**params: Any) -> set[int]:
        body = admin_client.get(reverse("moderation-story-list"), params).json()
        return {item["id"] for item in body["items"]}

    assert ids() == {shown.pk}
    assert ids(include_hidden="true") == {shown.pk, hidden.pk}
    assert ids(include_deleted="true") == {shown.pk, deleted.pk}
    assert ids(include_hidden="true", include_deleted="true") == {
        shown.pk,
        hidden.pk,
        deleted.pk,
    }


def test_hiding_a_story_removes_it_from_its_owners_list_and_detail(
    admin: User, admin_client: APIClient, client_for: Callable[[User], APIClient]
) -> None:
    story = StoryFactory()
    owner_client = client_for(story.owner)
    detail = reverse("story-detail", kwargs={"story_id": story.pk})
    assert owner_client.get(detail).status_code == 200

    response = admin_client.patch(
        reverse("moderation-story-hide", kwargs={"story_id": story.pk}),
        {"is_hidden": True, "reason": "frightening pictures"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["is_hidden"] is True
    assert owner_client.get(reverse("story-list")).json() == []
    assert owner_client.get(detail).status_code == 404

    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (admin, "story_hidden", story.pk)
    assert entry.reason == "frightening pictures"

    shown = admin_client.patch(
        reverse("moderation-story-hide", kwargs={"story_id": story.pk}),
        {"is_hidden": False},
        format="json",
    )
    assert shown.json()["is_hidden"] is False
    assert [row["id"] for row in owner_client.get(reverse("story-list")).json()] == [story.pk]


def test_hide_requires_the_flag(admin_client: APIClient) -> None:
    story = StoryFactory()
    response = admin_client.patch(
        reverse("moderation-story-hide", kwargs={"story_id": story.pk}), {}, format="json"
    )
    assert response.status_code == 400
    assert "is_hidden" in response.json()["errors"]


def test_hiding_a_missing_or_deleted_story_is_404(admin_client: APIClient) -> None:
    deleted = StoryFactory(is_deleted=True)
    for story_id in (deleted.pk, 99999):
        response = admin_client.patch(
            reverse("moderation-story-hide", kwargs={"story_id": story_id}),
            {"is_hidden": True},
            format="json",
        )
        assert response.status_code == 404
        assert response.json()["detail"] == f"Story with ID {story_id} not found"


def test_deleting_a_story_hides_it_from_its_owner_and_records_the_reason(
    admin_client: APIClient, client_for: Callable[[User], APIClient]
) -> None:
    story = StoryFactory()
    owner_client = client_for(story.owner)
    url = reverse("moderation-story-detail", kwargs={"story_id": story.pk})

    assert admin_client.delete(f"{url}?reason=copyright").status_code == 204
    assert owner_client.get(reverse("story-list")).json() == []
    detail = reverse("story-detail", kwargs={"story_id": story.pk})
    assert owner_client.get(detail).status_code == 404
    assert ModerationAction.objects.get().reason == "copyright"
    story.refresh_from_db()
    assert story.is_deleted

    again = admin_client.delete(url)
    assert again.status_code == 404
    assert again.json()["detail"] == f"Story with ID {story.pk} not found"


def test_a_deleted_story_can_be_restored_once(
    admin_client: APIClient, client_for: Callable[[User], APIClient]
) -> None:
    story = StoryFactory(is_deleted=True)
    url = reverse("moderation-story-restore", kwargs={"story_id": story.pk})
    response = admin_client.post(url, {"reason": "appeal accepted"}, format="json")
    assert response.status_code == 200
    assert response.json()["is_deleted"] is False
    owner_rows = client_for(story.owner).get(reverse("story-list")).json()
    assert [row["id"] for row in owner_rows] == [story.pk]
    assert admin_client.post(url).status_code == 409
    missing = reverse("moderation-story-restore", kwargs={"story_id": 99999})
    assert admin_client.post(missing).status_code == 404


# --- Audit log ----------------------------------------------------------------------------


def test_audit_log_lists_newest_first_with_paging(admin_client: APIClient) -> None:
    rows = ModerationActionFactory.create_batch(3)
    body = admin_client.get(reverse("moderation-action-list"), {"page_size": 2}).json()
    assert body["total"] == 3
    assert [item["id"] for item in body["items"]] == [rows[2].pk, rows[1].pk]
    item = body["items"][0]
    assert item["actor_username"] == rows[2].actor_username
    assert item["created_at"].endswith("Z")


def test_audit_log_filters_by_target(admin_client: APIClient) -> None:
    wanted = ModerationActionFactory(target_type="user", target_id=7)
    ModerationActionFactory(target_type="story", target_id=7)
    body = admin_client.get(
        reverse("moderation-action-list"), {"target_type": "user", "target_id": 7}
    ).json()
    assert [item["id"] for item in body["items"]] == [wanted.pk]


@pytest.mark.parametrize(
    "params", [{"page": 0}, {"page_size": 500}, {"action": "story_burned"}, {"target_id": "x"}]
)
def test_audit_log_rejects_bad_query_values(admin_client: APIClient, params: dict) -> None:
    assert admin_client.get(reverse("moderation-action-list"), params).status_code == 400


def test_audit_log_runs_a_constant_number_of_queries(
    admin_client: APIClient, django_assert_max_num_queries: Any
) -> None:
    ModerationActionFactory.create_batch(25)
    with django_assert_max_num_queries(3):
        response = admin_client.get(reverse("moderation-action-list"), {"page_size": 100})
    assert len(response.json()["items"]) == 25


# --- Stats --------------------------------------------------------------------------------


def test_stats_answers_every_reference_field(admin_client: APIClient) -> None:
    StoryFactory()
    StoryFactory(status=Story.Status.DRAFT)
    body = admin_client.get(reverse("admin-stats")).json()
    assert {
        "total_users",
        "active_users",
        "total_stories",
        "generated_stories",
        "draft_stories",
        "total_characters",
        "tasks_last_24h",
        "tasks_in_progress",
        "tasks_failed_last_24h",
        "tasks_completed_last_24h",
        "avg_task_duration_seconds_last_24h",
        "success_rate_last_24h",
        "avg_attempts_last_24h",
        "avg_step_attempts_last_24h",
    } <= set(body)
    assert (body["total_stories"], body["generated_stories"], body["draft_stories"]) == (2, 1, 1)
    assert body["total_users"] == 3
    assert body["success_rate_last_24h"] is None


def test_a_demoted_admin_loses_the_admin_api_at_once(
    admin: User, admin_client: APIClient, client_for: Callable[[User], APIClient]
) -> None:
    other = AdminFactory()
    first = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": other.pk}), {"role": "user"}, format="json"
    )
    assert first.status_code == 200
    # The demoted admin's client is no longer allowed in at all.
    second = client_for(other).put(
        reverse("admin-user-detail", kwargs={"user_id": admin.pk}), {"role": "user"}, format="json"
    )
    assert second.status_code == 403
    admin.refresh_from_db()
    assert admin.is_admin


def test_a_null_email_clears_the_address(admin_client: APIClient) -> None:
    target = UserFactory(email="pip@example.com")
    response = admin_client.put(
        reverse("admin-user-detail", kwargs={"user_id": target.pk}), {"email": None}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["email"] == ""
