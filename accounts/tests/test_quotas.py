"""Quotas and the usage ledger: each limit at exactly its value, the rolling window, overrides,
the daily AI budget, concurrency, and what people and administrators see of usage."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import usage
from accounts.errors import (
    AIBudgetExhausted,
    PicturesQuotaExceeded,
    QuotaBeyondAllowance,
    QuotaRefused,
    RewritesQuotaExceeded,
    StoriesQuotaExceeded,
)
from accounts.models import QuotaOverride, UsageCharge, User
from accounts.selectors import ai_budget_get, usage_get
from accounts.tests.factories import UserFactory
from accounts.usage import quota_charge, quota_rewrite_charge, usage_prune, usage_spend_record
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory
from stories.models import GenerationTask
from stories.tests.factories import GenerationTaskFactory, StoryFactory
from storygen.testing.settings import settings_in_subprocess

pytestmark = pytest.mark.django_db

HOUR = 3600
DAY = 24 * HOUR


def _charge(user: User, **amounts: Any) -> None:
    with transaction.atomic():
        quota_charge(user=user, **amounts)


def _age(charges: Any, *, hours: float) -> None:
    """Move charges back in time, as if they had been made ``hours`` ago."""
    charges.update(created_at=timezone.now() - timedelta(hours=hours))


def _stories(user: User) -> Any:
    return UsageCharge.objects.filter(user=user, kind=UsageCharge.Kind.STORY)


def _pictures(user: User) -> Any:
    return UsageCharge.objects.filter(user=user, kind=UsageCharge.Kind.PICTURE)


def _retry_after(error: Exception) -> int:
    return int(error.headers["Retry-After"])  # type: ignore[attr-defined]


@pytest.fixture
def prices(settings: Any) -> None:
    """$10 per million input tokens and $20 per million output tokens."""
    settings.STORYGEN_AI_PRICE_INPUT_PER_MILLION = 10.0
    settings.STORYGEN_AI_PRICE_OUTPUT_PER_MILLION = 20.0


# --- stories per day --------------------------------------------------------------------------


def test_stories_are_refused_at_exactly_the_limit_and_nothing_is_charged(
    settings: Any, user: User
) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 3
    for _ in range(3):
        _charge(user, stories=1)

    with pytest.raises(StoriesQuotaExceeded) as refused:
        _charge(user, stories=1)

    error = refused.value
    assert error.status_code == 429
    assert error.code == "quota_stories_per_day"
    assert DAY - 60 <= _retry_after(error) <= DAY
    assert error.message.startswith(
        "You have started 3 stories in the last 24 hours, which is your limit. "
        "You can start another in about 24 hours (at "
    )
    assert _stories(user).count() == 3


def test_retry_after_is_when_the_oldest_story_stops_counting(settings: Any, user: User) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 2
    _charge(user, stories=1)
    _age(_stories(user), hours=20)
    _charge(user, stories=1)

    with pytest.raises(StoriesQuotaExceeded) as refused:
        _charge(user, stories=1)

    assert 4 * HOUR - 60 <= _retry_after(refused.value) <= 4 * HOUR
    oldest = _stories(user).order_by("created_at").first()
    assert oldest is not None
    frees = timezone.localtime(oldest.created_at + timedelta(hours=24))
    assert f"in about 4 hours (at {frees:%H:%M} UTC)." in refused.value.message


def test_a_story_stops_counting_24_hours_after_it_was_started(settings: Any, user: User) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    _charge(user, stories=1)
    with pytest.raises(StoriesQuotaExceeded):
        _charge(user, stories=1)

    _age(_stories(user), hours=24.01)
    _charge(user, stories=1)

    assert usage_get(user=user).stories.used == 1
    assert _stories(user).count() == 2


# --- pictures per day -------------------------------------------------------------------------


def test_pictures_count_by_amount_and_room_frees_with_the_oldest_charges(
    settings: Any, user: User
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 10
    _charge(user, pictures=6)
    _age(_pictures(user), hours=23.5)
    _charge(user, pictures=4)

    with pytest.raises(PicturesQuotaExceeded) as refused:
        _charge(user, pictures=1)

    error = refused.value
    assert error.status_code == 429
    assert error.code == "quota_pictures_per_day"
    # The six pictures charged 23.5 hours ago stop counting in half an hour.
    assert HOUR / 2 - 60 <= _retry_after(error) <= HOUR / 2
    assert error.message.startswith(
        "This needs 1 picture, and 0 of your 10 pictures for 24 hours are left. "
        "There is room for it in about 30 minutes (at "
    )
    assert usage_get(user=user).pictures.used == 10


def test_a_picture_request_that_fits_exactly_is_charged(settings: Any, user: User) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 10
    _charge(user, pictures=4)
    _charge(user, pictures=6)

    assert usage_get(user=user).pictures.remaining == 0


def test_a_request_larger_than_the_whole_allowance_is_refused_for_good(
    settings: Any, user: User
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 10

    with pytest.raises(QuotaBeyondAllowance) as refused:
        _charge(user, stories=1, pictures=11)

    assert refused.value.status_code == 403
    assert refused.value.code == "quota_beyond_allowance"
    assert "Retry-After" not in refused.value.headers
    assert "This needs 11 pictures, more than the 10 your account may have" in (
        refused.value.message
    )
    assert not UsageCharge.objects.exists()


def test_another_account_is_not_limited_by_someone_elses_usage(
    settings: Any, user: User, other_user: User
) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 5
    _charge(user, stories=1, pictures=5)
    with pytest.raises(StoriesQuotaExceeded):
        _charge(user, stories=1, pictures=5)

    _charge(other_user, stories=1, pictures=5)

    assert usage_get(user=other_user).stories.used == 1


# --- page rewrites per day --------------------------------------------------------------------


def test_page_rewrites_are_refused_at_exactly_the_limit_until_the_oldest_ages_out(
    settings: Any, user: User
) -> None:
    settings.STORYGEN_QUOTA_REWRITES_PER_DAY = 2
    quota_rewrite_charge(user=user)
    _age(UsageCharge.objects.filter(user=user), hours=23)
    quota_rewrite_charge(user=user)

    with pytest.raises(RewritesQuotaExceeded) as refused:
        quota_rewrite_charge(user=user)

    error = refused.value
    assert (error.status_code, error.code) == (429, "quota_rewrites_per_day")
    assert HOUR - 60 <= _retry_after(error) <= HOUR
    assert error.message.startswith(
        "You have asked for 2 page rewrites in the last 24 hours, which is your limit. "
        "You can ask for another in about 1 hour (at "
    )
    assert usage_get(user=user).rewrites.used == 2
    assert UsageCharge.objects.filter(user=user, kind=UsageCharge.Kind.REWRITE).count() == 2


def test_an_override_of_zero_rewrites_allows_none(user: User) -> None:
    QuotaOverride.objects.create(user=user, rewrites_per_day=0)

    with pytest.raises(QuotaBeyondAllowance) as refused:
        quota_rewrite_charge(user=user)

    assert refused.value.message.startswith("Your account can't have page texts rewritten")


def test_every_quota_refusal_is_one_class_to_catch() -> None:
    assert issubclass(QuotaBeyondAllowance, QuotaRefused)
    assert issubclass(RewritesQuotaExceeded, QuotaRefused)
    assert issubclass(AIBudgetExhausted, QuotaRefused)


# --- the security log -------------------------------------------------------------------------


def test_a_refusal_is_logged_once_with_the_account_the_code_and_the_wait(
    settings: Any, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    _charge(user, stories=1)
    caplog.set_level(logging.INFO)

    with pytest.raises(StoriesQuotaExceeded) as refused:
        _charge(user, stories=1)
    with pytest.raises(QuotaBeyondAllowance):
        _charge(user, pictures=10**6)

    logged = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "accounts.usage"]
    assert logged == [
        (
            "WARNING",
            f"AI work refused for user {user.pk}: quota_stories_per_day "
            f"(retry after {refused.value.retry_after} s)",
        ),
        ("WARNING", f"AI work refused for user {user.pk}: quota_beyond_allowance (no retry)"),
    ]
    assert user.username not in caplog.text
    assert user.email not in caplog.text


# --- overrides --------------------------------------------------------------------------------


def test_an_override_raises_one_account_above_the_default(settings: Any, user: User) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    QuotaOverride.objects.create(user=user, stories_per_day=3)

    for _ in range(3):
        _charge(user, stories=1)
    with pytest.raises(StoriesQuotaExceeded):
        _charge(user, stories=1)

    assert usage_get(user=user).stories.limit == 3


def test_an_override_lowers_one_account_below_the_default(
    settings: Any, user: User, other_user: User
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 100
    QuotaOverride.objects.create(user=user, pictures_per_day=5)

    _charge(user, pictures=3)
    with pytest.raises(PicturesQuotaExceeded):
        _charge(user, pictures=3)
    _charge(other_user, pictures=50)

    assert usage_get(user=user).pictures.limit == 5
    assert usage_get(user=other_user).pictures.limit == 100


def test_an_empty_override_keeps_the_default(settings: Any, user: User) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 2
    QuotaOverride.objects.create(user=user, stories_per_day=None, pictures_per_day=7)

    report = usage_get(user=user)

    assert report.stories.limit == 2
    assert report.pictures.limit == 7


@pytest.mark.parametrize(
    ("field", "amounts", "sentence"),
    [
        ("pictures_per_day", {"pictures": 1}, "Your account can't have pictures drawn"),
        ("stories_per_day", {"stories": 1}, "Your account can't start new stories"),
    ],
)
def test_an_override_of_zero_allows_none(
    user: User, field: str, amounts: dict[str, int], sentence: str
) -> None:
    QuotaOverride.objects.create(user=user, **{field: 0})

    with pytest.raises(QuotaBeyondAllowance) as refused:
        _charge(user, **amounts)

    assert refused.value.message.startswith(sentence)
    assert not UsageCharge.objects.exists()


def test_administrators_are_limited_like_everyone_else(settings: Any) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    administrator = AdminFactory()
    _charge(administrator, stories=1)

    with pytest.raises(StoriesQuotaExceeded):
        _charge(administrator, stories=1)


# --- the daily AI budget ----------------------------------------------------------------------


def test_the_budget_refuses_new_work_once_spent_until_the_spend_ages_out(
    settings: Any, prices: None, user: User, other_user: User
) -> None:
    settings.STORYGEN_AI_DAILY_BUDGET = 1.0
    usage_spend_record(user_id=other_user.pk, input_tokens=60_000, output_tokens=0)  # $0.60
    _age(UsageCharge.objects.all(), hours=20)
    usage_spend_record(user_id=other_user.pk, input_tokens=0, output_tokens=25_000)  # $0.50

    with pytest.raises(AIBudgetExhausted) as refused:
        _charge(user, stories=1, pictures=4)

    error = refused.value
    assert error.status_code == 429
    assert error.code == "ai_budget_exhausted"
    # Once the $0.60 of 20 hours ago leaves the window, $0.50 is under the budget.
    assert 4 * HOUR - 60 <= _retry_after(error) <= 4 * HOUR
    assert "new stories and pictures are paused for everyone" in error.message
    assert not _stories(user).exists()
    budget = ai_budget_get()
    assert budget.spent_usd == pytest.approx(1.1)
    assert budget.exhausted is True

    _age(UsageCharge.objects.filter(kind=UsageCharge.Kind.INPUT_TOKENS), hours=24.01)
    _charge(user, stories=1, pictures=4)
    assert _stories(user).count() == 1


def test_without_a_budget_spend_never_refuses_work(prices: None, user: User) -> None:
    usage_spend_record(user_id=user.pk, input_tokens=10**9, output_tokens=10**9)

    _charge(user, stories=1)

    assert ai_budget_get().exhausted is False


def test_old_charges_are_forgotten_at_most_once_an_hour(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def a_month_old() -> None:
        UsageCharge.objects.create(
            user=user, kind="story", amount=1, created_at=timezone.now() - timedelta(days=31)
        )

    recent = UsageCharge.objects.create(user=user, kind="story", amount=1)
    monkeypatch.setattr(usage, "_pruned_at", None)
    a_month_old()
    assert usage_prune() == 1

    a_month_old()
    assert usage_prune() == 0  # the reconciler's next pass, seconds later
    monkeypatch.setattr(usage, "_pruned_at", time.monotonic() - usage.PRUNE_INTERVAL_SECONDS)
    assert usage_prune() == 1
    assert list(UsageCharge.objects.values_list("pk", flat=True)) == [recent.pk]


def test_spend_of_no_tokens_records_nothing(user: User) -> None:
    usage_spend_record(user_id=user.pk, input_tokens=0, output_tokens=0)

    assert not UsageCharge.objects.exists()


# --- concurrency ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_cannot_pass_a_limit_together(settings: Any) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 10
    user = UserFactory()
    start = threading.Barrier(25)
    outcomes: list[str] = []
    lock = threading.Lock()

    def request() -> None:
        try:
            start.wait()
            _charge(user, stories=1)
            outcome = "charged"
        except StoriesQuotaExceeded:
            outcome = "refused"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=request) for _ in range(25)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["charged"] * 10 + ["refused"] * 15
    assert _stories(user).count() == 10


# --- what people see --------------------------------------------------------------------------


def test_usage_api_shows_the_last_24_hours_against_the_limits(
    auth_client: APIClient, user: User, other_user: User
) -> None:
    _charge(user, stories=2, pictures=9)
    _charge(other_user, stories=1, pictures=30)
    GenerationTaskFactory(story=StoryFactory(owner=user), status=GenerationTask.Status.PENDING)
    GenerationTaskFactory(story=StoryFactory(owner=user), status=GenerationTask.Status.COMPLETED)

    response = auth_client.get(reverse("user-usage"))

    assert response.status_code == 200
    body = response.json()
    assert body["window_hours"] == 24
    assert {k: v for k, v in body["stories"].items() if k != "frees_at"} == {
        "used": 2,
        "limit": 20,
        "remaining": 18,
    }
    assert {k: v for k, v in body["pictures"].items() if k != "frees_at"} == {
        "used": 9,
        "limit": 300,
        "remaining": 291,
    }
    assert body["stories"]["frees_at"] is not None
    assert body["rewrites"] == {"used": 0, "limit": 100, "remaining": 100, "frees_at": None}
    assert body["concurrent_runs"] == {"running": 1, "limit": 3}


def test_usage_api_with_nothing_used_has_no_reset_time(auth_client: APIClient) -> None:
    body = auth_client.get(reverse("user-usage").rstrip("/")).json()

    assert body["stories"] == {"used": 0, "limit": 20, "remaining": 20, "frees_at": None}


def test_usage_api_needs_a_signed_in_user(api_client: APIClient) -> None:
    assert api_client.get(reverse("user-usage")).status_code == 401


def test_me_keeps_its_fields(auth_client: APIClient) -> None:
    body = auth_client.get(reverse("user-me")).json()

    assert set(body) == {"id", "username", "email", "is_active", "role", "created_at", "updated_at"}


# --- what administrators see ------------------------------------------------------------------


@pytest.fixture
def admin_api(client_for: Callable[[User], APIClient]) -> APIClient:
    return client_for(AdminFactory(username="root-api"))


def test_admin_usage_lists_every_account_heaviest_first_with_the_budget(
    settings: Any,
    prices: None,
    admin_api: APIClient,
    user: User,
    other_user: User,
    django_assert_max_num_queries: Any,
) -> None:
    settings.STORYGEN_AI_DAILY_BUDGET = 5.0
    _charge(user, stories=1, pictures=4)
    _charge(other_user, stories=2, pictures=12)
    usage_spend_record(user_id=other_user.pk, input_tokens=100_000, output_tokens=50_000)
    QuotaOverride.objects.create(user=other_user, pictures_per_day=40)

    with django_assert_max_num_queries(6):
        response = admin_api.get(reverse("admin-usage"))

    assert response.status_code == 200
    body = response.json()
    assert body["defaults"] == {
        "concurrent_runs": 3,
        "stories_per_day": 20,
        "pictures_per_day": 300,
        "rewrites_per_day": 100,
    }
    assert body["ai_budget"] == {
        "limit_usd": 5.0,
        "spent_usd": 2.0,
        "exhausted": False,
        "frees_at": None,
    }
    first, second = body["users"][:2]
    assert first["username"] == other_user.username
    assert first["pictures"]["used"] == 12
    assert first["pictures"]["limit"] == 40
    assert first["overrides"] == {
        "concurrent_runs": None,
        "stories_per_day": None,
        "pictures_per_day": 40,
        "rewrites_per_day": None,
    }
    assert first["estimated_cost_usd"] == 2.0
    assert (first["input_tokens"], first["output_tokens"]) == (100_000, 50_000)
    assert second["username"] == user.username
    assert second["stories"]["used"] == 1


def test_admin_usage_is_for_administrators_only(
    auth_client: APIClient, api_client: APIClient
) -> None:
    assert auth_client.get(reverse("admin-usage")).status_code == 403
    assert api_client.get(reverse("admin-usage")).status_code == 401


def test_an_administrator_sets_an_accounts_limits_through_the_api(
    admin_api: APIClient, user: User
) -> None:
    url = reverse("admin-user-quotas", args=[user.pk])

    response = admin_api.put(url, {"stories_per_day": 5, "pictures_per_day": 0}, format="json")

    assert response.status_code == 200
    assert response.json()["stories"]["limit"] == 5
    assert response.json()["overrides"]["concurrent_runs"] is None
    override = QuotaOverride.objects.get(user=user)
    assert (override.stories_per_day, override.pictures_per_day) == (5, 0)
    with pytest.raises(QuotaBeyondAllowance):
        _charge(user, pictures=1)


def test_limits_set_through_the_api_are_in_the_audit_log_old_and_new_with_the_reason(
    admin_api: APIClient, user: User
) -> None:
    url = reverse("admin-user-quotas", args=[user.pk])
    admin_api.put(url, {"stories_per_day": 5}, format="json")

    response = admin_api.put(
        url,
        {"stories_per_day": 8, "rewrites_per_day": 0, "reason": "a classroom account"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["rewrites"]["limit"] == 0
    first, second = ModerationAction.objects.filter(action="user_limits_set").order_by("pk")
    assert first.changes == {"stories_per_day": [None, 5]}
    assert (second.target_type, second.target_id, second.target_label) == (
        "user",
        user.pk,
        user.username,
    )
    assert second.actor_username == "root-api"
    assert second.reason == "a classroom account"
    assert second.changes == {"stories_per_day": [5, 8], "rewrites_per_day": [None, 0]}


def test_a_negative_limit_is_refused_and_nothing_saved(admin_api: APIClient, user: User) -> None:
    url = reverse("admin-user-quotas", args=[user.pk])

    response = admin_api.put(url, {"stories_per_day": -1}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not QuotaOverride.objects.exists()


def test_setting_limits_is_for_administrators_only(auth_client: APIClient, user: User) -> None:
    url = reverse("admin-user-quotas", args=[user.pk])

    assert auth_client.put(url, {"stories_per_day": 99}, format="json").status_code == 403
    assert not QuotaOverride.objects.exists()


@pytest.fixture
def admin_web() -> Client:
    client = Client()
    client.force_login(AdminFactory(username="root"))
    return client


def test_the_admin_user_list_reads_usage_for_the_whole_page_in_one_flat_query(
    admin_web: Client,
) -> None:
    def listed() -> list[dict[str, Any]]:
        with CaptureQueriesContext(connection) as seen:
            response = admin_web.get(reverse("admin:accounts_user_changelist"))
        assert response.status_code == 200
        return seen.captured_queries

    def add_accounts(count: int) -> None:
        for _ in range(count):
            someone = UserFactory()
            _charge(someone, stories=1, pictures=2)
            GenerationTaskFactory(story=StoryFactory(owner=someone))

    add_accounts(2)
    few = listed()
    add_accounts(20)
    many = listed()

    assert len(many) == len(few)
    # The ledger is read once, grouped, for the page: no subquery per listed account.
    [ledger] = [q["sql"] for q in many if "accounts_usagecharge" in q["sql"]]
    assert ledger.count("SELECT") == 1
    assert "GROUP BY" in ledger


def test_the_admin_user_list_shows_each_accounts_usage(admin_web: Client, user: User) -> None:
    _charge(user, stories=2, pictures=9)
    GenerationTaskFactory(story=StoryFactory(owner=user), status=GenerationTask.Status.PENDING)

    html = admin_web.get(reverse("admin:accounts_user_changelist")).content.decode()

    assert "Stories (24 h)" in html
    assert '<td class="field-stories_today">2 / 20</td>' in html
    assert '<td class="field-pictures_today">9 / 300</td>' in html
    assert '<td class="field-runs_now">1 / 3</td>' in html


def test_an_administrator_sets_limits_on_the_users_admin_page(
    admin_web: Client, user: User
) -> None:
    url = reverse("admin:accounts_user_change", args=[user.pk])
    _charge(user, stories=1, pictures=6)
    page = admin_web.get(url).content.decode()
    assert "Stories: 1 of 20. Pictures: 6 of 300. Page rewrites: 0 of 100." in page
    assert "Empty: the default (300). 0: none allowed." in page
    assert "Page rewrites per 24 hours" in page

    response = admin_web.post(
        url,
        {
            "username": user.username,
            "email": user.email,
            "role": user.role,
            "is_active": "on",
            "reason": "asked for fewer pictures",
            "concurrent_runs": "",
            "stories_per_day": "5",
            "pictures_per_day": "0",
            "rewrites_per_day": "",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    override = QuotaOverride.objects.get(user=user)
    assert (override.concurrent_runs, override.stories_per_day, override.pictures_per_day) == (
        None,
        5,
        0,
    )
    assert 'value="5"' in admin_web.get(url).content.decode()
    [audit] = ModerationAction.objects.filter(action="user_limits_set")
    assert audit.actor_username == "root"
    assert audit.reason == "asked for fewer pictures"
    assert audit.changes == {"stories_per_day": [None, 5], "pictures_per_day": [None, 0]}


def test_an_administrator_can_raise_their_own_limits(settings: Any) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    administrator = AdminFactory(username="ana")
    client = Client()
    client.force_login(administrator)
    _charge(administrator, stories=1)

    response = client.post(
        reverse("admin:accounts_user_change", args=[administrator.pk]),
        {
            "username": "ana",
            "email": administrator.email,
            "role": administrator.role,
            "is_active": "on",
            "reason": "",
            "stories_per_day": "50",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    _charge(administrator, stories=1)
    assert usage_get(user=administrator).stories.limit == 50


def test_saving_a_user_without_touching_limits_sets_none(admin_web: Client, user: User) -> None:
    url = reverse("admin:accounts_user_change", args=[user.pk])

    response = admin_web.post(
        url,
        {
            "username": "renamed",
            "email": user.email,
            "role": user.role,
            "is_active": "on",
            "reason": "",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).username == "renamed"
    assert not QuotaOverride.objects.exists()


# --- settings ---------------------------------------------------------------------------------

SECRET = {"DJANGO_SECRET_KEY": "quota-settings-" + "k" * 40}


def test_limits_and_the_budget_are_read_from_the_environment() -> None:
    values = settings_in_subprocess(
        {
            **SECRET,
            "STORYGEN_QUOTA_CONCURRENT_RUNS": "1",
            "STORYGEN_QUOTA_STORIES_PER_DAY": "7",
            "STORYGEN_QUOTA_PICTURES_PER_DAY": "70",
            "STORYGEN_QUOTA_REWRITES_PER_DAY": "9",
            "STORYGEN_AI_DAILY_BUDGET": "12.5",
            "STORYGEN_AI_PRICE_INPUT_PER_MILLION": "2",
            "STORYGEN_AI_PRICE_OUTPUT_PER_MILLION": "8",
        },
        "STORYGEN_QUOTA_CONCURRENT_RUNS",
        "STORYGEN_QUOTA_STORIES_PER_DAY",
        "STORYGEN_QUOTA_PICTURES_PER_DAY",
        "STORYGEN_QUOTA_REWRITES_PER_DAY",
        "STORYGEN_AI_DAILY_BUDGET",
    )

    assert values == {
        "STORYGEN_QUOTA_CONCURRENT_RUNS": "1",
        "STORYGEN_QUOTA_STORIES_PER_DAY": "7",
        "STORYGEN_QUOTA_PICTURES_PER_DAY": "70",
        "STORYGEN_QUOTA_REWRITES_PER_DAY": "9",
        "STORYGEN_AI_DAILY_BUDGET": "12.5",
    }


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"STORYGEN_AI_DAILY_BUDGET": "5"}, "STORYGEN_AI_DAILY_BUDGET needs"),
        ({"STORYGEN_QUOTA_PICTURES_PER_DAY": "-1"}, "STORYGEN_QUOTA_PICTURES_PER_DAY must be"),
        ({"STORYGEN_QUOTA_REWRITES_PER_DAY": "-1"}, "STORYGEN_QUOTA_REWRITES_PER_DAY must be"),
    ],
)
def test_a_budget_without_prices_or_a_negative_limit_stops_the_start(
    env: dict[str, str], problem: str
) -> None:
    with pytest.raises(RuntimeError, match=problem):
        settings_in_subprocess({**SECRET, **env}, "STORYGEN_AI_DAILY_BUDGET")
