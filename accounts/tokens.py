"""API tokens: issuing a pair for an account, and who a token speaks for while it still may.

A token carries a fingerprint of its account's password and of ``tokens_revoked_at``.
A new password (by any page, command or admin form) or a revocation (signing out
everywhere, a deactivation, a two-factor reset) changes the fingerprint, so every access
and refresh token issued before it is refused on its next use, not only at refresh. The
check reads the account the request loads anyway: no extra query.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.errors import TokenRefused
from accounts.models import User

#: Claim holding ``account_fingerprint`` of the account when the token was issued.
FINGERPRINT_CLAIM = "account_fingerprint"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

EXPIRED = "The token has expired: sign in again."
INVALID = "The token is not valid: sign in again."
REVOKED = (
    "The token was revoked (the password changed, or the account was signed out "
    "everywhere): sign in again."
)
DEACTIVATED = "This account is deactivated: its token no longer works."
GONE = "The token's account no longer exists."


def account_fingerprint(user: User) -> str:
    """An HMAC, under the token signing key, of the password hash and ``tokens_revoked_at``.

    Keyed, because token payloads are readable by anyone holding one: it tells nothing
    about the password hash. Microseconds make two revocations in one second differ.
    """
    revoked = user.tokens_revoked_at
    revoked_at = "" if revoked is None else str((revoked - _EPOCH) // timedelta(microseconds=1))
    return salted_hmac(
        "accounts.tokens.account_fingerprint",
        f"{user.password}\n{revoked_at}",
        secret=jwt_settings.SIGNING_KEY,
        algorithm="sha256",
    ).hexdigest()


def token_pair(*, user: User, claims: Mapping[str, Any] | None = None) -> RefreshToken:
    """A new refresh token for ``user`` (its ``access_token`` copies every claim), with the
    account's fingerprint and ``claims``; recorded as outstanding for the blacklist."""
    refresh = RefreshToken.for_user(user)
    refresh[FINGERPRINT_CLAIM] = account_fingerprint(user)
    for claim, value in (claims or {}).items():
        refresh[claim] = value
    return refresh


def token_user(payload: Mapping[str, Any]) -> User:
    """The account a verified token (access or refresh) speaks for, if it still may.

    Raises TokenRefused (code ``user_not_found``, ``user_inactive`` or ``token_revoked``)
    when the account is gone, deactivated or deleted, or its fingerprint changed since the
    token was issued. One query, by primary key.
    """
    user_id = payload.get(jwt_settings.USER_ID_CLAIM)
    if user_id is None:
        raise TokenRefused(INVALID)
    try:
        user = User.objects.filter(**{jwt_settings.USER_ID_FIELD: user_id}).first()
    except (TypeError, ValueError) as exc:  # signed by us, so never, but not a 500
        raise TokenRefused(INVALID) from exc
    if user is None:
        raise TokenRefused(GONE, code="user_not_found")
    if not user.is_active or user.is_deleted:
        raise TokenRefused(DEACTIVATED, code="user_inactive")
    if not constant_time_compare(str(payload.get(FINGERPRINT_CLAIM)), account_fingerprint(user)):
        raise TokenRefused(REVOKED, code="token_revoked")
    return user
