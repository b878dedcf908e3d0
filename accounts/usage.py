"""The usage ledger: charging AI work against each account's quotas and the daily AI budget."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import BigIntegerField, F, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import quotas
from accounts.errors import (
    AIBudgetExhausted,
    ConcurrentRunsQuotaExceeded,
    PicturesQuotaExceeded,
    QuotaBeyondAllowance,
    QuotaExceeded,
    StoriesQuotaExceeded,
)
from accounts.models import QuotaOverride, UsageCharge, User

logger = logging.getLogger(__name__)

Kind = UsageCharge.Kind

#: Counts each user's generation runs still queued or in progress, as an expression over
#: ``OuterRef("pk")`` of a User queryset. The app that owns the runs registers it.
_running_runs: Callable[[], Any] | None = None


def usage_running_runs_register(counter: Callable[[], Any]) -> None:
    """Let the app that owns generation runs say how to count a user's unfinished ones.

    ``counter()`` returns a subquery over ``OuterRef("pk")`` (a User's id) giving that
    user's runs queued or in progress, so usage is read in one query for one user or many.
    """
    global _running_runs
    _running_runs = counter


# --- reading usage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Allowance:
    """One daily limit of one account: what the last 24 hours used of it."""

    used: int
    limit: int
    #: When the oldest charge still counted leaves the window (None: nothing counted).
    frees_at: datetime | None

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


@dataclass(frozen=True)
class UsageReport:
    """An account's usage of the last 24 hours against its limits."""

    user_id: int
    username: str
    stories: Allowance
    pictures: Allowance
    running_runs: int
    concurrent_runs_limit: int
    input_tokens: int
    output_tokens: int
    #: US dollars at the configured prices; None without prices.
    estimated_cost_usd: float | None
    #: The account's own limits (None: the default from settings).
    overrides: dict[str, int | None]

    @property
    def next_frees_at(self) -> datetime | None:
        """When the next story or picture stops counting (None: nothing counted)."""
        times = [t for t in (self.stories.frees_at, self.pictures.frees_at) if t is not None]
        return min(times, default=None)


@dataclass(frozen=True)
class BudgetReport:
    """The global daily AI budget: the estimated spend of the last 24 hours against it."""

    limit_usd: float | None
    #: None without prices.
    spent_usd: float | None
    exhausted: bool
    #: When enough spend has left the window for new work (None: not exhausted).
    frees_at: datetime | None


def _since(now: datetime) -> datetime:
    return now - quotas.WINDOW


def _window_rows(kind: str, since: datetime) -> QuerySet[UsageCharge]:
    return UsageCharge.objects.filter(user=OuterRef("pk"), kind=kind, created_at__gt=since)


def _charged(kind: str, since: datetime) -> Coalesce:
    total = _window_rows(kind, since).order_by().values("user").annotate(t=Sum("amount"))
    return Coalesce(Subquery(total.values("t"), output_field=BigIntegerField()), 0)


def _oldest(kind: str, since: datetime) -> Subquery:
    first = _window_rows(kind, since).order_by().values("user").annotate(f=Min("created_at"))
    return Subquery(first.values("f"))


def users_with_usage(users: QuerySet[User], *, now: datetime | None = None) -> QuerySet[User]:
    """``users`` annotated with their usage of the last 24 hours (one query, whatever the
    number of users) and their limit overrides joined; read with :func:`usage_report`."""
    since = _since(now or timezone.now())
    running: Any = Coalesce(_running_runs(), 0) if _running_runs is not None else None
    annotations: dict[str, Any] = {
        "usage_stories": _charged(Kind.STORY, since),
        "usage_stories_oldest": _oldest(Kind.STORY, since),
        "usage_pictures": _charged(Kind.PICTURE, since),
        "usage_pictures_oldest": _oldest(Kind.PICTURE, since),
        "usage_input_tokens": _charged(Kind.INPUT_TOKENS, since),
        "usage_output_tokens": _charged(Kind.OUTPUT_TOKENS, since),
    }
    if running is not None:
        annotations["usage_running_runs"] = running
    return users.select_related("quota_override").annotate(**annotations)


def _override(user: User) -> QuotaOverride | None:
    try:
        return user.quota_override
    except QuotaOverride.DoesNotExist:
        return None


def quota_limit(rule: quotas.QuotaRule, override: QuotaOverride | None) -> int:
    """The account's limit for ``rule``: its own when an administrator set one, else the
    default from settings."""
    value = getattr(override, rule.override, None) if override is not None else None
    return int(getattr(settings, rule.setting)) if value is None else int(value)


def quota_overrides_get(*, user: User) -> dict[str, int | None]:
    """The account's own limits by field name (None: the default from settings)."""
    override = QuotaOverride.objects.filter(user=user).first()
    return {
        rule.override: getattr(override, rule.override) if override is not None else None
        for rule in quotas.RULES
    }


def quota_defaults() -> dict[str, int]:
    """Each limit's default from settings, by the name of its override field."""
    return {rule.override: int(getattr(settings, rule.setting)) for rule in quotas.RULES}


def estimated_cost(input_tokens: int, output_tokens: int) -> float | None:
    """US dollars for these tokens at the configured per-million prices (None without)."""
    price_in = settings.STORYGEN_AI_PRICE_INPUT_PER_MILLION
    price_out = settings.STORYGEN_AI_PRICE_OUTPUT_PER_MILLION
    if price_in is None or price_out is None:
        return None
    return round((input_tokens * price_in + output_tokens * price_out) / 1_000_000, 4)


def _frees_at(oldest: datetime | None) -> datetime | None:
    return oldest + quotas.WINDOW if oldest is not None else None


def usage_report(user: User) -> UsageReport:
    """The report of a user from :func:`users_with_usage`."""
    override = _override(user)
    values: dict[str, Any] = {
        name: getattr(user, name, None)
        for name in (
            "usage_stories",
            "usage_stories_oldest",
            "usage_pictures",
            "usage_pictures_oldest",
            "usage_input_tokens",
            "usage_output_tokens",
            "usage_running_runs",
        )
    }
    input_tokens = int(values["usage_input_tokens"] or 0)
    output_tokens = int(values["usage_output_tokens"] or 0)
    return UsageReport(
        user_id=user.pk,
        username=user.username,
        stories=Allowance(
            used=int(values["usage_stories"] or 0),
            limit=quota_limit(quotas.STORIES_PER_DAY, override),
            frees_at=_frees_at(values["usage_stories_oldest"]),
        ),
        pictures=Allowance(
            used=int(values["usage_pictures"] or 0),
            limit=quota_limit(quotas.PICTURES_PER_DAY, override),
            frees_at=_frees_at(values["usage_pictures_oldest"]),
        ),
        running_runs=int(values["usage_running_runs"] or 0),
        concurrent_runs_limit=quota_limit(quotas.CONCURRENT_RUNS, override),
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        estimated_cost_usd=estimated_cost(input_tokens, output_tokens),
        overrides={
            rule.override: getattr(override, rule.override) if override is not None else None
            for rule in quotas.RULES
        },
    )


def usage_get(*, user: User, now: datetime | None = None) -> UsageReport:
    """The user's usage of the last 24 hours against their limits (one query)."""
    return usage_report(users_with_usage(User.objects.filter(pk=user.pk), now=now).get())


def usage_list(*, now: datetime | None = None) -> QuerySet[User]:
    """Every account that is not deleted, with its usage (read each with usage_report),
    the heaviest users first."""
    users = User.objects.filter(is_deleted=False)
    return users_with_usage(users, now=now).order_by(
        F("usage_pictures").desc(), F("usage_stories").desc(), "username"
    )


def _spend_in_window(now: datetime) -> tuple[int, int]:
    totals = UsageCharge.objects.filter(
        kind__in=[Kind.INPUT_TOKENS, Kind.OUTPUT_TOKENS], created_at__gt=_since(now)
    ).aggregate(
        input_tokens=Sum("amount", filter=Q(kind=Kind.INPUT_TOKENS)),
        output_tokens=Sum("amount", filter=Q(kind=Kind.OUTPUT_TOKENS)),
    )
    return int(totals["input_tokens"] or 0), int(totals["output_tokens"] or 0)


def _budget_frees_at(now: datetime, spent: float, limit: float) -> datetime:
    """When the spend of the window falls below ``limit``, as its oldest charges leave it."""
    price: dict[str, float] = {
        Kind.INPUT_TOKENS: settings.STORYGEN_AI_PRICE_INPUT_PER_MILLION or 0.0,
        Kind.OUTPUT_TOKENS: settings.STORYGEN_AI_PRICE_OUTPUT_PER_MILLION or 0.0,
    }
    rows = (
        UsageCharge.objects.filter(
            kind__in=[Kind.INPUT_TOKENS, Kind.OUTPUT_TOKENS], created_at__gt=_since(now)
        )
        .order_by("created_at", "pk")
        .values_list("created_at", "kind", "amount")
        .iterator()
    )
    for created_at, kind, amount in rows:
        spent -= amount * price[kind] / 1_000_000
        if spent < limit:
            return created_at + quotas.WINDOW
    return now + quotas.WINDOW


def ai_budget_get(*, now: datetime | None = None) -> BudgetReport:
    """The global daily AI budget and what the last 24 hours spent of it."""
    now = now or timezone.now()
    limit = settings.STORYGEN_AI_DAILY_BUDGET
    spent = estimated_cost(*_spend_in_window(now))
    exhausted = limit is not None and spent is not None and spent >= limit
    return BudgetReport(
        limit_usd=limit,
        spent_usd=spent,
        exhausted=exhausted,
        frees_at=_budget_frees_at(now, spent, limit)
        if exhausted and spent is not None and limit is not None
        else None,
    )


# --- charging --------------------------------------------------------------------------------


def _seconds_until(at: datetime, now: datetime) -> int:
    return max(1, math.ceil((at - now).total_seconds()))


def _when(at: datetime, now: datetime) -> str:
    """When a limit frees, for a person to read: "in about 3 hours (at 14:05 UTC)"."""
    seconds = _seconds_until(at, now)
    if seconds < 3600:
        minutes = max(1, math.ceil(seconds / 60))
        span = f"in about {minutes} minute{'s' if minutes != 1 else ''}"
    else:
        hours = round(seconds / 3600)
        span = f"in about {hours} hour{'s' if hours != 1 else ''}"
    local = timezone.localtime(at)
    return f"{span} (at {local:%H:%M} {local.tzname()})"


def _charge_frees_at(user_id: int, kind: str, needed: int, now: datetime) -> datetime:
    """When at least ``needed`` of the user's charges of ``kind`` have left the window."""
    rows = (
        UsageCharge.objects.filter(user_id=user_id, kind=kind, created_at__gt=_since(now))
        .order_by("created_at", "pk")
        .values_list("created_at", "amount")
    )
    freed = 0
    for created_at, amount in rows:
        freed += amount
        if freed >= needed:
            return created_at + quotas.WINDOW
    return now + quotas.WINDOW


def _nothing_allowed(rule: quotas.QuotaRule) -> QuotaBeyondAllowance:
    what = "have pictures drawn" if rule is quotas.PICTURES_PER_DAY else "start new stories"
    return QuotaBeyondAllowance(
        f"Your account can't {what} at the moment. Please ask an administrator."
    )


def _check_runs(report: UsageReport) -> None:
    limit = report.concurrent_runs_limit
    if limit == 0:
        raise _nothing_allowed(quotas.CONCURRENT_RUNS)
    if report.running_runs >= limit:
        being = "story is" if report.running_runs == 1 else "stories are"
        raise ConcurrentRunsQuotaExceeded(
            f"{report.running_runs} of your {being} being made right now, the most your "
            "account allows at once. You can start another as soon as one of them is "
            "finished.",
            retry_after=quotas.RUNS_RETRY_AFTER,
        )


def _check_daily(
    rule: quotas.QuotaRule, allowance: Allowance, amount: int, user_id: int, now: datetime
) -> None:
    if amount <= 0 or allowance.used + amount <= allowance.limit:
        return
    if allowance.limit == 0:
        raise _nothing_allowed(rule)
    if amount > allowance.limit:
        raise QuotaBeyondAllowance(
            f"This needs {amount} {rule.nouns}, more than the {allowance.limit} your account "
            "may have in 24 hours. Try a shorter story, or ask an administrator for a larger "
            "allowance."
        )
    at = _charge_frees_at(user_id, rule.charge, allowance.used + amount - allowance.limit, now)
    error: type[QuotaExceeded]
    if rule is quotas.STORIES_PER_DAY:
        error = StoriesQuotaExceeded
        message = (
            f"You have started {allowance.used} {rule.nouns if allowance.used != 1 else rule.noun}"
            f" in the last 24 hours, which is your limit. You can start another {_when(at, now)}."
        )
    else:
        error = PicturesQuotaExceeded
        message = (
            f"This needs {amount} {rule.nouns if amount != 1 else rule.noun}, and "
            f"{allowance.remaining} of your {allowance.limit} {rule.nouns} for 24 hours "
            f"{'is' if allowance.remaining == 1 else 'are'} left. There is room for "
            f"{'it' if amount == 1 else 'them'} {_when(at, now)}."
        )
    raise error(message, retry_after=_seconds_until(at, now))


def ai_budget_check(*, now: datetime | None = None) -> None:
    """Refuse new AI work while the daily AI budget is spent: raises AIBudgetExhausted (429,
    with the seconds until enough of the spend has left the 24-hour window)."""
    if settings.STORYGEN_AI_DAILY_BUDGET is None:
        return
    now = now or timezone.now()
    budget = ai_budget_get(now=now)
    if budget.exhausted and budget.frees_at is not None:
        raise AIBudgetExhausted(
            "Storygen has used today's budget for drawing and writing, so new stories and "
            f"pictures are paused for everyone. You can try again {_when(budget.frees_at, now)}.",
            retry_after=_seconds_until(budget.frees_at, now),
        )


def quota_charge(*, user: User, stories: int = 0, pictures: int = 0, run: bool = False) -> None:
    """Check the account's limits and the daily AI budget, then charge the work to it.

    Call it inside the transaction that queues the work, after that work's own row locks
    and before anything is created: it locks the user's row, so one account's concurrent
    requests take turns and cannot pass a limit together, and the charge commits or rolls
    back with the work. ``run`` says the work is a new generation run (the limit on runs at
    once applies); ``stories`` and ``pictures`` are what it will make.

    Raises ConcurrentRunsQuotaExceeded, StoriesQuotaExceeded, PicturesQuotaExceeded or
    AIBudgetExhausted (429, with the seconds until it frees), and QuotaBeyondAllowance
    when the work needs more than the account's whole allowance (waiting never helps).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("quota_charge belongs in the transaction that queues the work")
    now = timezone.now()
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    report = usage_get(user=user, now=now)
    if run:
        _check_runs(report)
    _check_daily(quotas.STORIES_PER_DAY, report.stories, stories, user.pk, now)
    _check_daily(quotas.PICTURES_PER_DAY, report.pictures, pictures, user.pk, now)
    ai_budget_check(now=now)
    UsageCharge.objects.bulk_create(
        UsageCharge(user_id=user.pk, kind=kind, amount=amount, created_at=now)
        for kind, amount in ((Kind.STORY, stories), (Kind.PICTURE, pictures))
        if amount > 0
    )


def usage_spend_record(*, user_id: int, input_tokens: int, output_tokens: int) -> None:
    """Record the tokens a provider call used, toward the daily AI budget."""
    UsageCharge.objects.bulk_create(
        UsageCharge(user_id=user_id, kind=kind, amount=amount)
        for kind, amount in ((Kind.INPUT_TOKENS, input_tokens), (Kind.OUTPUT_TOKENS, output_tokens))
        if amount > 0
    )


def usage_prune(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Forget ledger rows older than ``older_than``: limits and the budget look back one day,
    the rest is kept a while for administrators. Returns how many were deleted."""
    deleted, _ = UsageCharge.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


@transaction.atomic
def quota_override_update(
    *,
    actor: User,
    user: User,
    concurrent_runs: int | None,
    stories_per_day: int | None,
    pictures_per_day: int | None,
) -> QuotaOverride:
    """Set the account's own limits: None keeps the default from settings, 0 allows none."""
    override, _ = QuotaOverride.objects.select_for_update().get_or_create(user=user)
    override.concurrent_runs = concurrent_runs
    override.stories_per_day = stories_per_day
    override.pictures_per_day = pictures_per_day
    override.save()
    logger.info(
        "limits of user %s set by %s: runs=%s stories=%s pictures=%s",
        user.pk,
        actor.pk,
        concurrent_runs,
        stories_per_day,
        pictures_per_day,
    )
    return override
