"""The errors every AI provider raises, classified by what the caller should do next."""

from __future__ import annotations


class AIProviderError(Exception):
    """Base class. ``message`` is safe to show to a user or an admin (no prompt, no key)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AIProviderUnavailable(AIProviderError):
    """Transient: timeouts, connection errors, rate limits, 5xx. Retry with backoff.

    ``retry_after`` is the provider's own hint in seconds (Retry-After), when it sent one.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AIProviderRejected(AIProviderError):
    """Permanent for this input: a 4xx, bad credentials, or output that stays malformed."""


class AIProviderAuthFailed(AIProviderRejected):
    """The provider refused our credentials (401/403): the key is wrong or revoked."""


class AIContentBlocked(AIProviderError):
    """The provider's safety system refused the request or the output."""


class AIQuotaExhausted(AIProviderError):
    """The account has no quota or credit left. Retrying cannot help; an admin must act."""


#: A provider failure's stable name (see ``failure_code``) → the HTTP status an API reports
#: for it, as the product Storygen replaces did: the service is down, our key was refused,
#: the account has no credit, the safety system said no, or anything else it rejected.
FAILURE_STATUS = {
    "unavailable": 503,
    "auth": 401,
    "quota": 402,
    "blocked": 422,
    "rejected": 502,
}


def failure_code(exc: AIProviderError) -> str:
    """A short, stable name for why a provider call failed, for jobs and API errors."""
    if isinstance(exc, AIProviderAuthFailed):
        return "auth"
    if isinstance(exc, AIQuotaExhausted):
        return "quota"
    if isinstance(exc, AIContentBlocked):
        return "blocked"
    if isinstance(exc, AIProviderUnavailable):
        return "unavailable"
    return "rejected"
