"""Errors the account services raise, with their API status and code."""

from __future__ import annotations

from rest_framework import status

from storygen.exceptions import ApplicationError


class SignInFailed(ApplicationError):
    """A sign-in step was checked and refused: the sign-in throttle counts it as a failure."""

    status_code = status.HTTP_401_UNAUTHORIZED


class InvalidCredentials(SignInFailed):
    code = "invalid_credentials"
    default_message = "Incorrect username or password."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"WWW-Authenticate": 'Bearer realm="api"'})


class LoginThrottled(ApplicationError):
    code = "throttled"
    status_code = status.HTTP_429_TOO_MANY_REQUESTS

    def __init__(self, retry_after: int) -> None:
        if retry_after < 60:
            when = f"{retry_after} second{'s' if retry_after != 1 else ''}"
        else:
            minutes = round(retry_after / 60)
            when = f"about {minutes} minute{'s' if minutes != 1 else ''}"
        super().__init__(
            f"Too many failed sign-in attempts. Try again in {when}.",
            headers={"Retry-After": str(retry_after)},
        )
        self.retry_after = retry_after


class UsernameTaken(ApplicationError):
    code = "username_taken"
    default_message = "Username already registered."


class EmailTaken(ApplicationError):
    code = "email_taken"
    default_message = "Email already registered."


class AdminActionRefused(ApplicationError):
    """An administrator asked for something the rules forbid (acting on their own account)."""

    code = "forbidden"
    status_code = status.HTTP_403_FORBIDDEN


class LastAdminRefused(AdminActionRefused):
    code = "last_admin"
    default_message = (
        "This is the last active admin: promote another user to admin before demoting, "
        "deactivating or deleting this account."
    )


class TwoFactorCodeInvalid(SignInFailed):
    code = "two_factor_code_invalid"
    default_message = "That code is not right. Enter the current code from your app."


class TwoFactorRequired(ApplicationError):
    """An administrator's request without the second sign-in step."""

    code = "two_factor_required"
    status_code = status.HTTP_403_FORBIDDEN
    default_message = (
        "Administration needs two-factor sign-in: ask for a token with the current code "
        "from your authenticator app (otp), or set the app up at /accounts/two-factor/."
    )


class QuotaRefused(ApplicationError):
    """AI work a limit refuses: over it for now (QuotaExceeded, 429 with ``retry_after``)
    or beyond the account's whole allowance (QuotaBeyondAllowance, 403: waiting never
    helps, so ``retry_after`` is None)."""

    retry_after: int | None = None


class QuotaExceeded(QuotaRefused):
    """A limit on AI work is reached for now; ``retry_after`` says when it frees (seconds)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after


class ConcurrentRunsQuotaExceeded(QuotaExceeded):
    code = "quota_concurrent_runs"


class StoriesQuotaExceeded(QuotaExceeded):
    code = "quota_stories_per_day"


class PicturesQuotaExceeded(QuotaExceeded):
    code = "quota_pictures_per_day"


class RewritesQuotaExceeded(QuotaExceeded):
    code = "quota_rewrites_per_day"


class AIBudgetExhausted(QuotaExceeded):
    code = "ai_budget_exhausted"


class QuotaBeyondAllowance(QuotaRefused):
    """The request needs more than the account's whole allowance: waiting never helps."""

    code = "quota_beyond_allowance"
    status_code = status.HTTP_403_FORBIDDEN
