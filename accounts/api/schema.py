"""OpenAPI pieces of the accounts API: the quota errors every API that queues AI work may
give, and the bearer token scheme."""

from __future__ import annotations

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.utils import OpenApiResponse

from storygen.api import ErrorSerializer

#: The daily AI budget is spent (``ai_budget_exhausted``), with ``Retry-After``.
BUDGET_SPENT = {
    429: OpenApiResponse(
        ErrorSerializer,
        description="The daily AI budget is spent (ai_budget_exhausted); Retry-After says "
        "in how many seconds it frees.",
    ),
}

#: Over one of the account's limits, or the daily AI budget; or beyond the whole allowance.
OVER_QUOTA = {
    403: OpenApiResponse(
        ErrorSerializer,
        description="Needs more than the account's whole allowance (quota_beyond_allowance).",
    ),
    429: OpenApiResponse(
        ErrorSerializer,
        description="Over a limit (quota_concurrent_runs, quota_stories_per_day, "
        "quota_pictures_per_day) or the daily AI budget is spent (ai_budget_exhausted); "
        "Retry-After says in how many seconds it frees.",
    ),
}


class AccountTokenScheme(SimpleJWTScheme):
    """Documents AccountTokenAuthentication as the bearer JWT scheme SimpleJWT's is
    (registered by being imported, from AccountsConfig.ready)."""

    target_class = "accounts.authentication.AccountTokenAuthentication"
