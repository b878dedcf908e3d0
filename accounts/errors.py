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


class TokenRefused(InvalidCredentials):
    """An API token that no longer works: expired, not valid, revoked by its owner (a new
    password, signing out everywhere), or its account deactivated or gone.

    Every message names the token: the reference product's browser client clears its
    token and asks to sign in again only on a 401 whose detail says "token".
    """

    code = "token_not_valid"
    default_message = "The token is not valid: sign in again."

    def __init__(self, message: str | None = None, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


#: How an administrator sends the code where the sign-in form has no field for it.
_CODE_HOW = "send it as otp, or after the password as password:123456"


class TwoFactorCodeMissing(ApplicationError):
    """An administrator asked for API tokens without the second sign-in step.

    Refused at the token doors rather than issuing tokens that administration refuses.
    The detail never says "token": the reference product's client would take it for an
    expired session and hide it.
    """

    code = "two_factor_required"
    status_code = status.HTTP_401_UNAUTHORIZED
    default_message = (
        "This administrator account signs in with the current code from its authenticator "
        f"app: {_CODE_HOW}."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"WWW-Authenticate": 'Bearer realm="api"'})


class TwoFactorNotSetUp(TwoFactorCodeMissing):
    """An administrator without an authenticator app asked for API tokens: the site sets
    the app up at their first log-in there, the API cannot."""

    code = "two_factor_setup_required"
    default_message = (
        "This administrator account has no authenticator app yet: log in on the site and "
        "set it up at /accounts/two-factor/, then sign in here with its current code: "
        f"{_CODE_HOW}."
    )


class TwoFactorRequired(ApplicationError):
    """An administrator's request without the second sign-in step."""

    code = "two_factor_required"
    status_code = status.HTTP_403_FORBIDDEN
    default_message = (
        "Administration needs two-factor sign-in: sign in again with the current code "
        f"from your authenticator app ({_CODE_HOW}), or set the app up at "
        "/accounts/two-factor/."
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
