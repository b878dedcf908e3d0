"""The admin dashboard's counters, each group computed by one aggregate query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from accounts.models import User
from accounts.selectors import ai_cost_estimate
from characters.models import Character
from moderation.models import SafetyRefusal
from stories.models import GenerationTask, Story

WINDOW = timedelta(hours=24)


def _seconds(value: timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


def _task_stats(since: datetime) -> dict[str, Any]:
    """Run counters over the window (and those still running, whatever their age)."""
    Status = GenerationTask.Status
    recent = Q(created_at__gte=since)
    completed = recent & Q(status=Status.COMPLETED)
    timed = completed & Q(duration_ms__isnull=False)
    untimed = completed & Q(duration_ms__isnull=True)
    # A run without a measured duration counts from creation to when it finished (or was
    # last touched, for rows written before completion times were kept).
    elapsed = ExpressionWrapper(
        Coalesce(F("completed_at"), F("updated_at")) - F("created_at"),
        output_field=DurationField(),
    )
    row = GenerationTask.objects.aggregate(
        tasks=Count("pk", filter=recent),
        in_progress=Count("pk", filter=Q(status__in=[Status.PENDING, Status.IN_PROGRESS])),
        failed=Count("pk", filter=recent & Q(status=Status.FAILED)),
        completed=Count("pk", filter=completed),
        timed_count=Count("pk", filter=timed),
        timed_ms=Sum("duration_ms", filter=timed),
        untimed_count=Count("pk", filter=untimed),
        untimed_elapsed=Sum(elapsed, filter=untimed),
        avg_attempts=Avg("attempts", filter=completed),
        avg_step_attempts=Avg("step_attempts", filter=completed),
    )
    measured = row["timed_count"] + row["untimed_count"]
    avg_duration = None
    if measured:
        total = (row["timed_ms"] or 0) / 1000 + (_seconds(row["untimed_elapsed"]) or 0.0)
        avg_duration = round(total / measured, 2)
    decided = row["completed"] + row["failed"]
    return {
        "tasks_last_24h": row["tasks"],
        "tasks_in_progress": row["in_progress"],
        "tasks_failed_last_24h": row["failed"],
        "tasks_completed_last_24h": row["completed"],
        "avg_task_duration_seconds_last_24h": avg_duration,
        "success_rate_last_24h": round(row["completed"] / decided, 4) if decided else None,
        "avg_attempts_last_24h": _rounded(row["avg_attempts"]),
        "avg_step_attempts_last_24h": _rounded(row["avg_step_attempts"]),
    }


def _rounded(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)


def _ai_usage(since: datetime) -> dict[str, Any]:
    """Provider calls and tokens of the stories generated in the window, per provider."""
    rows = (
        Story.objects.filter(generated_at__gte=since)
        .order_by()
        .values("provider")
        .annotate(
            calls=Sum("ai_calls"),
            input_tokens=Sum("ai_input_tokens"),
            output_tokens=Sum("ai_output_tokens"),
        )
        .order_by("provider")
    )
    calls: dict[str, int] = {}
    tokens: dict[str, dict[str, int]] = {}
    for row in rows:
        provider = row["provider"] or "unknown"
        calls[provider] = calls.get(provider, 0) + (row["calls"] or 0)
        usage = tokens.setdefault(provider, {"input_tokens": 0, "output_tokens": 0})
        usage["input_tokens"] += row["input_tokens"] or 0
        usage["output_tokens"] += row["output_tokens"] or 0
    cost = {provider: _estimated_cost(provider, usage) for provider, usage in tokens.items()}
    return {
        "ai_calls_last_24h": calls,
        "ai_tokens_last_24h": tokens,
        "estimated_cost_usd_last_24h": cost,
    }


def _estimated_cost(provider: str, usage: dict[str, int]) -> float | None:
    """US dollars for ``usage`` at the configured per-million-token prices; the offline
    provider costs nothing, and a provider without prices has no estimate (None)."""
    if provider == "offline":
        return 0.0
    dollars = ai_cost_estimate(
        input_tokens=usage["input_tokens"], output_tokens=usage["output_tokens"]
    )
    return None if dollars is None else round(dollars, 4)


def _refusals(since: datetime) -> dict[str, Any]:
    """Refusals of a person's words over the window: in all, and per category (a refusal for
    two categories counts once under each)."""
    by_category: dict[str, int] = {}
    total = 0
    for categories in SafetyRefusal.objects.filter(created_at__gte=since).values_list(
        "categories", flat=True
    ):
        total += 1
        for category in categories:
            by_category[category] = by_category.get(category, 0) + 1
    return {
        "refusals_last_24h": total,
        "refusals_by_category_last_24h": dict(sorted(by_category.items())),
    }


def admin_stats(*, now: datetime | None = None) -> dict[str, Any]:
    """Counts of accounts, stories, characters, generation runs and safety refusals (six
    queries).

    Totals include soft-deleted accounts and hidden or deleted stories, as the product
    this replaces counted them; "active" accounts are the ones that can sign in. Averages
    and the success rate are None when the window has nothing to measure.
    """
    since = (now or timezone.now()) - WINDOW
    users = User.objects.aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(is_active=True, is_deleted=False))
    )
    stories = Story.objects.aggregate(
        total=Count("pk"), generated=Count("pk", filter=~Q(status=Story.Status.DRAFT))
    )
    return {
        "total_users": users["total"],
        "active_users": users["active"],
        "total_stories": stories["total"],
        "generated_stories": stories["generated"],
        "draft_stories": stories["total"] - stories["generated"],
        "total_characters": Character.objects.count(),
        **_task_stats(since),
        **_ai_usage(since),
        **_refusals(since),
    }


#: How many days the admin dashboard's charts cover by default.
SERIES_DAYS = 14


@dataclass(frozen=True)
class DayStats:
    """One calendar day (in the site's time zone) of the dashboard's charts."""

    day: date
    stories: int
    tasks_completed: int
    tasks_failed: int
    #: completed / (completed + failed) of the runs started that day; None without any.
    success_rate: float | None
    #: Mean seconds of the runs started that day that completed; None without any.
    avg_duration_seconds: float | None


def daily_series(days: int = SERIES_DAYS, *, now: datetime | None = None) -> list[DayStats]:
    """Stories created and generation runs started per day, the last ``days`` days, oldest
    first and ending today (two queries: the database groups the rows by day).

    Days without rows are present with zero counts and None averages. A run without a
    measured duration counts from creation to completion, as in ``admin_stats``.
    """
    days = max(1, days)
    today = timezone.localdate(now or timezone.now())
    first = today - timedelta(days=days - 1)
    since = timezone.make_aware(datetime.combine(first, dt_time.min))
    stories = {
        row["day"]: row["count"]
        for row in Story.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values("day")
        .annotate(count=Count("pk"))
    }
    Status = GenerationTask.Status
    completed = Q(status=Status.COMPLETED)
    elapsed = ExpressionWrapper(
        Coalesce(F("completed_at"), F("updated_at")) - F("created_at"),
        output_field=DurationField(),
    )
    tasks = {
        row["day"]: row
        for row in GenerationTask.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values("day")
        .annotate(
            completed=Count("pk", filter=completed),
            failed=Count("pk", filter=Q(status=Status.FAILED)),
            timed_count=Count("pk", filter=completed & Q(duration_ms__isnull=False)),
            timed_ms=Sum("duration_ms", filter=completed & Q(duration_ms__isnull=False)),
            untimed_count=Count("pk", filter=completed & Q(duration_ms__isnull=True)),
            untimed_elapsed=Sum(elapsed, filter=completed & Q(duration_ms__isnull=True)),
        )
    }
    series: list[DayStats] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        row = tasks.get(day)
        done = row["completed"] if row else 0
        failed = row["failed"] if row else 0
        avg_duration = None
        if row and row["timed_count"] + row["untimed_count"]:
            total = (row["timed_ms"] or 0) / 1000 + (_seconds(row["untimed_elapsed"]) or 0.0)
            avg_duration = round(total / (row["timed_count"] + row["untimed_count"]), 2)
        series.append(
            DayStats(
                day=day,
                stories=stories.get(day, 0),
                tasks_completed=done,
                tasks_failed=failed,
                success_rate=round(done / (done + failed), 4) if done + failed else None,
                avg_duration_seconds=avg_duration,
            )
        )
    return series
