"""The usage ledger: charging AI work against each account's quotas and the daily AI budget."""

from __future__ import annotations

import logging
import math
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts import quotas
from accounts.errors import AIBudgetExhausted, QuotaBeyondAllowance, QuotaRefused
from accounts.models import QuotaOverride, UsageCharge, User
from accounts.selectors import Allowance, UsageReport, ai_budget_get, usage_get
from storygen.audit import audit_record

logger = logging.getLogger(__name__)

Kind = UsageCharge.Kind

#: The reconciler calls usage_prune on every pass (every few seconds); the ledger needs
#: forgetting far less often than that.
PRUNE_INTERVAL_SECONDS = 3600
#: When this process last pruned the ledger (``time.monotonic()``; None: not yet).
_pruned_at: float | None = None


# --- the sentences of a refusal --------------------------------------------------------------


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


def _refusal(rule: quotas.QuotaRule, *, used: int, limit: int, amount: int, when: str) -> str:
    """The rule's ``refused`` sentence with its numbers, in the singular or plural."""
    remaining = max(0, limit - used)

    def counted(count: int) -> str:
        return f"{count} {rule.noun if count == 1 else rule.nouns}"

    return rule.refused.format(
        used=used,
        used_nouns=counted(used),
        used_are="is" if used == 1 else "are",
        amount_nouns=counted(amount),
        amount_them="it" if amount == 1 else "them",
        remaining=remaining,
        remaining_are="is" if remaining == 1 else "are",
        limit=limit,
        nouns=rule.nouns,
        when=when,
    )


def _nothing_allowed(rule: quotas.QuotaRule) -> QuotaBeyondAllowance:
    return QuotaBeyondAllowance(
        f"Your account can't {rule.nothing_allowed} at the moment. Please ask an administrator."
    )


# --- checking and charging --------------------------------------------------------------------


def _charge_frees_at(user_id: int, kind: str, needed: int, now: datetime) -> datetime:
    """When at least ``needed`` of the user's charges of ``kind`` have left the window."""
    rows = (
        UsageCharge.objects.filter(user_id=user_id, kind=kind, created_at__gt=now - quotas.WINDOW)
        .order_by("created_at", "pk")
        .values_list("created_at", "amount")
    )
    freed = 0
    for created_at, amount in rows:
        freed += amount
        if freed >= needed:
            return created_at + quotas.WINDOW
    return now + quotas.WINDOW


def _check_runs(report: UsageReport) -> None:
    rule = quotas.CONCURRENT_RUNS
    limit = report.concurrent_runs_limit
    if limit == 0:
        raise _nothing_allowed(rule)
    if report.runs_full:
        message = _refusal(rule, used=report.running_runs, limit=limit, amount=1, when="")
        raise rule.error(message, retry_after=quotas.RUNS_RETRY_AFTER)


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
    message = _refusal(
        rule, used=allowance.used, limit=allowance.limit, amount=amount, when=_when(at, now)
    )
    raise rule.error(message, retry_after=_seconds_until(at, now))


def _budget_check(now: datetime) -> None:
    """Refuse new AI work while the daily AI budget is spent: AIBudgetExhausted (429, with
    the seconds until enough of the spend has left the 24-hour window)."""
    if settings.STORYGEN_AI_DAILY_BUDGET is None:
        return
    budget = ai_budget_get(now=now)
    if budget.exhausted and budget.frees_at is not None:
        raise AIBudgetExhausted(
            "Storygen has used today's budget for drawing and writing, so new stories and "
            f"pictures are paused for everyone. You can try again {_when(budget.frees_at, now)}.",
            retry_after=_seconds_until(budget.frees_at, now),
        )


def quota_charge(
    *, user: User, stories: int = 0, pictures: int = 0, rewrites: int = 0, run: bool = False
) -> None:
    """Check the account's limits and the daily AI budget, then charge the work to it.

    Call it inside the transaction that queues the work, after that work's own row locks
    and before anything is created: it locks the user's row, so one account's concurrent
    requests take turns and cannot pass a limit together, and the charge commits or rolls
    back with the work. ``run`` says the work is a new generation run (the limit on runs at
    once applies); ``stories``, ``pictures`` and ``rewrites`` are what it will make.

    Raises a QuotaRefused and logs it once (the user's id, the code and the retry-after):
    ConcurrentRunsQuotaExceeded, StoriesQuotaExceeded, PicturesQuotaExceeded,
    RewritesQuotaExceeded or AIBudgetExhausted (429, with the seconds until it frees), and
    QuotaBeyondAllowance when the work needs more than the account's whole allowance
    (waiting never helps).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("quota_charge belongs in the transaction that queues the work")
    now = timezone.now()
    amounts = {
        quotas.STORIES_PER_DAY: stories,
        quotas.PICTURES_PER_DAY: pictures,
        quotas.REWRITES_PER_DAY: rewrites,
    }
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    report = usage_get(user=user, now=now)
    try:
        if run:
            _check_runs(report)
        for rule, amount in amounts.items():
            _check_daily(rule, report.allowance(rule), amount, user.pk, now)
        _budget_check(now)
    except QuotaRefused as exc:
        wait = f"retry after {exc.retry_after} s" if exc.retry_after is not None else "no retry"
        logger.warning("AI work refused for user %s: %s (%s)", user.pk, exc.code, wait)
        raise
    UsageCharge.objects.bulk_create(
        UsageCharge(user_id=user.pk, kind=rule.charge, amount=amount, created_at=now)
        for rule, amount in amounts.items()
        if amount > 0
    )


@transaction.atomic
def quota_rewrite_charge(*, user: User) -> None:
    """Charge one page rewrite to the account before its provider call.

    Nothing is queued (the new text is answered in the request), so the check and the
    charge have a transaction of their own. A rewrite the provider then fails to write
    stays charged: the call was made. Raises what quota_charge raises.
    """
    quota_charge(user=user, rewrites=1)


def usage_spend_record(*, user_id: int, input_tokens: int, output_tokens: int) -> None:
    """Record the tokens a provider call used, toward the daily AI budget."""
    UsageCharge.objects.bulk_create(
        UsageCharge(user_id=user_id, kind=kind, amount=amount)
        for kind, amount in ((Kind.INPUT_TOKENS, input_tokens), (Kind.OUTPUT_TOKENS, output_tokens))
        if amount > 0
    )


def usage_prune(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Forget ledger rows older than ``older_than``: limits and the budget look back one day,
    the rest is kept a while for administrators.

    Runs at most once per PRUNE_INTERVAL_SECONDS in a process (the reconciler calls it on
    every pass); an indexed delete by age. Returns how many rows were deleted (0 when it
    was not due).
    """
    global _pruned_at
    started = time.monotonic()
    if _pruned_at is not None and started - _pruned_at < PRUNE_INTERVAL_SECONDS:
        return 0
    _pruned_at = started
    deleted, _ = UsageCharge.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    if deleted:
        logger.info("usage ledger: forgot %s charges older than %s", deleted, older_than)
    return deleted


@transaction.atomic
def quota_override_update(
    *,
    actor: User,
    user: User,
    concurrent_runs: int | None,
    stories_per_day: int | None,
    pictures_per_day: int | None,
    rewrites_per_day: int | None,
    reason: str = "",
) -> QuotaOverride:
    """Set the account's own limits: None keeps the default from settings, 0 allows none.

    Writes an audit row (``user_limits_set``) with each limit that changed, old and new,
    and the reason.
    """
    override, _ = QuotaOverride.objects.select_for_update().get_or_create(user=user)
    wanted: dict[str, int | None] = {
        "concurrent_runs": concurrent_runs,
        "stories_per_day": stories_per_day,
        "pictures_per_day": pictures_per_day,
        "rewrites_per_day": rewrites_per_day,
    }
    changes: dict[str, list[Any]] = {}
    for field, value in wanted.items():
        if getattr(override, field) != value:
            changes[field] = [getattr(override, field), value]
            setattr(override, field, value)
    override.save()
    audit_record(
        actor=actor,
        action="user_limits_set",
        target_type="user",
        target_id=user.pk,
        target_label=user.username,
        reason=reason,
        changes=changes,
    )
    logger.info("limits of user %s set by %s: %s", user.pk, actor.pk, sorted(changes))
    return override
