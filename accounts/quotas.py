"""The per-user quota rules: what is limited, over which window, and where each limit is set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

#: Every daily limit counts what was asked for in the last 24 hours (a rolling window), so
#: each charge frees up exactly 24 hours after it was made.
WINDOW = timedelta(hours=24)

#: Seconds a client is told to wait when all of its concurrent runs are busy: runs end at
#: no predictable time, so this is how often asking again is reasonable.
RUNS_RETRY_AFTER = 60


@dataclass(frozen=True)
class QuotaRule:
    """One per-user limit.

    ``setting`` holds the default; ``override`` is the field of ``QuotaOverride`` an
    administrator fills in for one account (empty: the default, 0: none allowed).
    ``charge`` is the ledger kind it counts, or empty for the concurrent runs, which are
    counted live from the runs still queued or in progress.
    """

    name: str
    setting: str
    override: str
    charge: str
    noun: str
    nouns: str


CONCURRENT_RUNS = QuotaRule(
    name="concurrent_runs",
    setting="STORYGEN_QUOTA_CONCURRENT_RUNS",
    override="concurrent_runs",
    charge="",
    noun="story being made at once",
    nouns="stories being made at once",
)
STORIES_PER_DAY = QuotaRule(
    name="stories_per_day",
    setting="STORYGEN_QUOTA_STORIES_PER_DAY",
    override="stories_per_day",
    charge="story",
    noun="story",
    nouns="stories",
)
PICTURES_PER_DAY = QuotaRule(
    name="pictures_per_day",
    setting="STORYGEN_QUOTA_PICTURES_PER_DAY",
    override="pictures_per_day",
    charge="picture",
    noun="picture",
    nouns="pictures",
)

RULES = (CONCURRENT_RUNS, STORIES_PER_DAY, PICTURES_PER_DAY)
