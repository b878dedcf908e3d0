"""The per-user quota rules: what is limited, over which window, and where each limit is set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from accounts.errors import (
    ConcurrentRunsQuotaExceeded,
    PicturesQuotaExceeded,
    QuotaExceeded,
    RewritesQuotaExceeded,
    StoriesQuotaExceeded,
)

#: Every daily limit counts what was asked for in the last 24 hours (a rolling window), so
#: each charge frees up exactly 24 hours after it was made.
WINDOW = timedelta(hours=24)
WINDOW_HOURS = int(WINDOW.total_seconds() // 3600)

#: Seconds a client is told to wait when all of its concurrent runs are busy: runs end at
#: no predictable time, so this is how often asking again is reasonable.
RUNS_RETRY_AFTER = 60

#: The largest limit an administrator can set (far beyond any real use).
QUOTA_MAX = 1_000_000


@dataclass(frozen=True)
class QuotaRule:
    """One per-user limit.

    ``name`` is the attribute of a ``UsageReport`` holding the allowance of a daily limit;
    ``setting`` holds the default; ``override`` is the field of ``QuotaOverride`` an
    administrator fills in for one account (empty: the default, 0: none allowed).
    ``charge`` is the ledger kind it counts, or empty for the concurrent runs, which are
    counted live from the runs still queued or in progress.

    ``error`` is raised over the limit with ``refused`` as its message, a format string
    given ``used``, ``used_nouns`` ("3 stories"), ``used_are``, ``amount_nouns``,
    ``amount_them``, ``remaining``, ``remaining_are``, ``limit``, ``nouns`` and ``when``
    ("in about 3 hours (at 14:05 UTC)"). ``nothing_allowed`` finishes "Your account can't …"
    when an administrator set the limit to 0.
    """

    name: str
    setting: str
    override: str
    charge: str
    label: str
    noun: str
    nouns: str
    error: type[QuotaExceeded]
    refused: str
    nothing_allowed: str


CONCURRENT_RUNS = QuotaRule(
    name="concurrent_runs",
    setting="STORYGEN_QUOTA_CONCURRENT_RUNS",
    override="concurrent_runs",
    charge="",
    label="Stories being made at once",
    noun="story",
    nouns="stories",
    error=ConcurrentRunsQuotaExceeded,
    refused=(
        "{used} of your {nouns} {used_are} being made right now, the most your account "
        "allows at once. You can start another as soon as one of them is finished."
    ),
    nothing_allowed="start new stories",
)
STORIES_PER_DAY = QuotaRule(
    name="stories",
    setting="STORYGEN_QUOTA_STORIES_PER_DAY",
    override="stories_per_day",
    charge="story",
    label="Stories per 24 hours",
    noun="story",
    nouns="stories",
    error=StoriesQuotaExceeded,
    refused=(
        "You have started {used_nouns} in the last 24 hours, which is your limit. "
        "You can start another {when}."
    ),
    nothing_allowed="start new stories",
)
PICTURES_PER_DAY = QuotaRule(
    name="pictures",
    setting="STORYGEN_QUOTA_PICTURES_PER_DAY",
    override="pictures_per_day",
    charge="picture",
    label="Pictures per 24 hours",
    noun="picture",
    nouns="pictures",
    error=PicturesQuotaExceeded,
    refused=(
        "This needs {amount_nouns}, and {remaining} of your {limit} {nouns} for 24 hours "
        "{remaining_are} left. There is room for {amount_them} {when}."
    ),
    nothing_allowed="have pictures drawn",
)
REWRITES_PER_DAY = QuotaRule(
    name="rewrites",
    setting="STORYGEN_QUOTA_REWRITES_PER_DAY",
    override="rewrites_per_day",
    charge="rewrite",
    label="Page rewrites per 24 hours",
    noun="page rewrite",
    nouns="page rewrites",
    error=RewritesQuotaExceeded,
    refused=(
        "You have asked for {used_nouns} in the last 24 hours, which is your limit. "
        "You can ask for another {when}."
    ),
    nothing_allowed="have page texts rewritten",
)

RULES = (CONCURRENT_RUNS, STORIES_PER_DAY, PICTURES_PER_DAY, REWRITES_PER_DAY)
#: The limits counted over the window, from the ledger.
DAILY_RULES = (STORIES_PER_DAY, PICTURES_PER_DAY, REWRITES_PER_DAY)
