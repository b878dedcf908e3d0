"""Reading usage: each account's use of its limits, the daily AI budget, and what AI work costs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    F,
    FilteredRelation,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import quotas
from accounts.models import QuotaOverride, UsageCharge, User

Kind = UsageCharge.Kind

#: The runs queued or in progress, of every user; the app that owns the runs registers it.
_unfinished_runs: Callable[[], QuerySet[Any]] | None = None


def usage_running_runs_register(runs: Callable[[], QuerySet[Any]]) -> None:
    """Let the app that owns generation runs say which of them count as being made.

    ``runs()`` returns a queryset of the runs queued or in progress, of every user (its
    model has a ``user`` foreign key); they count against the limit on stories being made
    at once.
    """
    global _unfinished_runs
    _unfinished_runs = runs


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
    rewrites: Allowance
    running_runs: int
    concurrent_runs_limit: int
    input_tokens: int
    output_tokens: int
    #: US dollars at the configured prices; None without prices.
    estimated_cost_usd: float | None
    #: The account's own limits (None: the default from settings).
    overrides: dict[str, int | None]

    @property
    def window_hours(self) -> int:
        return quotas.WINDOW_HOURS

    @property
    def runs_full(self) -> bool:
        """Whether a new run would be refused until one of those being made finishes."""
        return self.running_runs >= self.concurrent_runs_limit

    @property
    def next_frees_at(self) -> datetime | None:
        """When the next story, picture or rewrite stops counting (None: nothing counted)."""
        times = [self.allowance(rule).frees_at for rule in quotas.DAILY_RULES]
        return min((t for t in times if t is not None), default=None)

    def allowance(self, rule: quotas.QuotaRule) -> Allowance:
        """The allowance of one of ``quotas.DAILY_RULES``."""
        allowance: Allowance = getattr(self, rule.name)
        return allowance


@dataclass(frozen=True)
class BudgetReport:
    """The global daily AI budget: the estimated spend of the last 24 hours against it."""

    limit_usd: float | None
    #: None without prices.
    spent_usd: float | None
    exhausted: bool
    #: When enough spend has left the window for new work (None: not exhausted).
    frees_at: datetime | None


@dataclass(frozen=True)
class UsageOverview:
    """What administrators see of usage: the defaults, the budget, and a page of accounts."""

    window_hours: int
    defaults: dict[str, int]
    ai_budget: BudgetReport
    users: list[UsageReport]


def ai_cost_estimate(*, input_tokens: int, output_tokens: int) -> float | None:
    """US dollars for these tokens at the configured per-million prices, unrounded (None
    without prices): the one formula behind every cost the product shows or limits."""
    price_in = settings.STORYGEN_AI_PRICE_INPUT_PER_MILLION
    price_out = settings.STORYGEN_AI_PRICE_OUTPUT_PER_MILLION
    if price_in is None or price_out is None:
        return None
    return (input_tokens * price_in + output_tokens * price_out) / 1_000_000


def _rounded(dollars: float | None) -> float | None:
    return None if dollars is None else round(dollars, 4)


def _limit(rule: quotas.QuotaRule, override: QuotaOverride | None) -> int:
    """The account's limit for ``rule``: its own when an administrator set one, else the
    default from settings."""
    value = getattr(override, rule.override, None) if override is not None else None
    return int(getattr(settings, rule.setting)) if value is None else int(value)


def _own_limits(override: QuotaOverride | None) -> dict[str, int | None]:
    return {
        rule.override: getattr(override, rule.override) if override is not None else None
        for rule in quotas.RULES
    }


def quota_defaults_get() -> dict[str, int]:
    """Each limit's default from settings, by the name of its override field."""
    return {rule.override: int(getattr(settings, rule.setting)) for rule in quotas.RULES}


def quota_overrides_get(*, user: User) -> dict[str, int | None]:
    """The account's own limits by field name (None: the default from settings)."""
    return _own_limits(QuotaOverride.objects.filter(user=user).first())


#: The ledger kinds a usage report sums, each read as ``used_<kind>`` of a user row.
_SUMMED = (Kind.STORY, Kind.PICTURE, Kind.REWRITE, Kind.INPUT_TOKENS, Kind.OUTPUT_TOKENS)


def _with_usage(users: QuerySet[User], now: datetime) -> QuerySet[User]:
    """``users`` with their own limits and their charges of the last 24 hours summed by
    kind (``used_<kind>``, and ``oldest_<kind>`` for the daily limits): one query, joining
    the window's rows of the ledger and grouping by user, with no subquery per user."""
    recent = FilteredRelation(
        "usage_charges", condition=Q(usage_charges__created_at__gt=now - quotas.WINDOW)
    )
    totals: dict[str, Any] = {
        f"used_{kind}": Sum(
            "recent_charges__amount", filter=Q(recent_charges__kind=kind), default=0
        )
        for kind in _SUMMED
    }
    oldest: dict[str, Any] = {
        f"oldest_{rule.charge}": Min(
            "recent_charges__created_at", filter=Q(recent_charges__kind=rule.charge)
        )
        for rule in quotas.DAILY_RULES
    }
    return (
        users.select_related("quota_override")
        .annotate(recent_charges=recent)
        .annotate(**totals, **oldest)
    )


def _unfinished() -> QuerySet[Any]:
    if _unfinished_runs is None:
        raise RuntimeError("no app registered its runs with usage_running_runs_register")
    return _unfinished_runs()


def _running_runs(user_ids: list[int]) -> dict[int, int]:
    """Each user's unfinished runs, grouped in one query."""
    rows = (
        _unfinished()
        .filter(user_id__in=user_ids)
        .order_by()
        .values("user_id")
        .annotate(count=Count("pk"))
    )
    return {row["user_id"]: row["count"] for row in rows}


def _report(row: User, running: int) -> UsageReport:
    """The report of a user row read through ``_with_usage``; raises ValueError for a row
    read any other way, rather than reporting nothing used."""
    values = row.__dict__
    missing = [f"used_{kind}" for kind in _SUMMED if f"used_{kind}" not in values]
    if missing:
        raise ValueError(f"user {row.pk} was not read with its usage (no {missing[0]})")
    try:
        override: QuotaOverride | None = row.quota_override
    except QuotaOverride.DoesNotExist:
        override = None

    def allowance(rule: quotas.QuotaRule) -> Allowance:
        oldest = values[f"oldest_{rule.charge}"]
        return Allowance(
            used=int(values[f"used_{rule.charge}"]),
            limit=_limit(rule, override),
            frees_at=oldest + quotas.WINDOW if oldest is not None else None,
        )

    input_tokens = int(values[f"used_{Kind.INPUT_TOKENS}"])
    output_tokens = int(values[f"used_{Kind.OUTPUT_TOKENS}"])
    return UsageReport(
        user_id=row.pk,
        username=row.username,
        stories=allowance(quotas.STORIES_PER_DAY),
        pictures=allowance(quotas.PICTURES_PER_DAY),
        rewrites=allowance(quotas.REWRITES_PER_DAY),
        running_runs=running,
        concurrent_runs_limit=_limit(quotas.CONCURRENT_RUNS, override),
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        estimated_cost_usd=_rounded(
            ai_cost_estimate(input_tokens=input_tokens, output_tokens=output_tokens)
        ),
        overrides=_own_limits(override),
    )


def _reports(rows: list[User]) -> list[UsageReport]:
    running = _running_runs([row.pk for row in rows]) if rows else {}
    return [_report(row, running.get(row.pk, 0)) for row in rows]


def usage_reports_get(*, users: Sequence[User], now: datetime | None = None) -> list[UsageReport]:
    """Each user's usage of the last 24 hours against their limits, in the order given.

    Two queries whatever the number of users (none for none): the users with their limits
    and their charges of the window summed, and their unfinished runs counted, each grouped
    by user.
    """
    if not users:
        return []
    rows = {
        row.pk: row
        for row in _with_usage(
            User.objects.filter(pk__in=[u.pk for u in users]), now or timezone.now()
        )
    }
    return _reports([rows[user.pk] for user in users])


def usage_get(*, user: User, now: datetime | None = None) -> UsageReport:
    """The user's usage of the last 24 hours against their limits (one query)."""
    runs = (
        _unfinished()
        .filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    row = (
        _with_usage(User.objects.filter(pk=user.pk), now or timezone.now())
        .annotate(running=Coalesce(Subquery(runs, output_field=IntegerField()), 0))
        .get()
    )
    return _report(row, row.running)


def _spend_in_window(now: datetime) -> tuple[int, int]:
    totals = UsageCharge.objects.filter(
        kind__in=[Kind.INPUT_TOKENS, Kind.OUTPUT_TOKENS], created_at__gt=now - quotas.WINDOW
    ).aggregate(
        input_tokens=Sum("amount", filter=Q(kind=Kind.INPUT_TOKENS)),
        output_tokens=Sum("amount", filter=Q(kind=Kind.OUTPUT_TOKENS)),
    )
    return int(totals["input_tokens"] or 0), int(totals["output_tokens"] or 0)


def _budget_frees_at(now: datetime, spent: float, limit: float) -> datetime:
    """When the spend of the window falls below ``limit``, as its oldest charges leave it."""
    rows = (
        UsageCharge.objects.filter(
            kind__in=[Kind.INPUT_TOKENS, Kind.OUTPUT_TOKENS], created_at__gt=now - quotas.WINDOW
        )
        .order_by("created_at", "pk")
        .values_list("created_at", "kind", "amount")
        .iterator()
    )
    for created_at, kind, amount in rows:
        cost = ai_cost_estimate(
            input_tokens=amount if kind == Kind.INPUT_TOKENS else 0,
            output_tokens=amount if kind == Kind.OUTPUT_TOKENS else 0,
        )
        spent -= cost or 0.0
        if spent < limit:
            return created_at + quotas.WINDOW
    return now + quotas.WINDOW


def ai_budget_get(*, now: datetime | None = None) -> BudgetReport:
    """The global daily AI budget and what the last 24 hours spent of it (one query, and
    one more while it is exhausted)."""
    now = now or timezone.now()
    limit = settings.STORYGEN_AI_DAILY_BUDGET
    input_tokens, output_tokens = _spend_in_window(now)
    spent = ai_cost_estimate(input_tokens=input_tokens, output_tokens=output_tokens)
    exhausted = limit is not None and spent is not None and spent >= limit
    return BudgetReport(
        limit_usd=limit,
        spent_usd=_rounded(spent),
        exhausted=exhausted,
        frees_at=_budget_frees_at(now, spent, limit)
        if exhausted and spent is not None and limit is not None
        else None,
    )


def usage_overview_get(*, skip: int, limit: int, now: datetime | None = None) -> UsageOverview:
    """The defaults, the daily AI budget, and ``limit`` accounts from ``skip`` on (not
    deleted), the heaviest users of the last 24 hours first (at most four queries)."""
    now = now or timezone.now()
    rows = list(
        _with_usage(User.objects.filter(is_deleted=False), now).order_by(
            F(f"used_{Kind.PICTURE}").desc(), F(f"used_{Kind.STORY}").desc(), "username"
        )[skip : skip + limit]
    )
    return UsageOverview(
        window_hours=quotas.WINDOW_HOURS,
        defaults=quota_defaults_get(),
        ai_budget=ai_budget_get(now=now),
        users=_reports(rows),
    )
