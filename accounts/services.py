"""Registration, password sign-in with throttling, and API tokens."""

from __future__ import annotations

import ipaddress
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import get_md5_hash_password

from accounts.errors import EmailTaken, InvalidCredentials, LoginThrottled, UsernameTaken
from accounts.models import LoginAttempt, User
from storygen.exceptions import InvalidInput

logger = logging.getLogger(__name__)


def client_ip(meta: dict[str, Any]) -> str | None:
    """The client's address, trusting X-Forwarded-For only from configured proxies.

    With ``DJANGO_NUM_PROXIES = n``, the n-th address from the right of X-Forwarded-For is
    the client (the ones after it were added by our own proxies); with 0 it is ignored, so
    a client cannot choose its own address.
    """
    address = meta.get("REMOTE_ADDR")
    proxies = settings.STORYGEN_NUM_PROXIES
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies > 0 and forwarded:
        address = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


@transaction.atomic
def user_register(*, username: str, password: str, email: str | None = None) -> User:
    """Create an ordinary user (never an admin). Raises UsernameTaken, EmailTaken, InvalidInput."""
    username = username.strip()
    email = (email or "").strip()
    if User.objects.filter(username__iexact=username).exists():
        raise UsernameTaken()
    if email and User.objects.filter(email__iexact=email).exists():
        raise EmailTaken()
    user = User(username=username, email=email, role=User.Role.USER)
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], errors={"password": list(exc.messages)}) from exc
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent registration took the name first
        raise UsernameTaken() from exc
    logger.info("user %s registered", user.pk)
    return user


def _throttle_key(username: str) -> str:
    return username.strip().casefold()[:150]


def login_retry_after(*, username: str, ip: str | None) -> int:
    """Seconds until another attempt is allowed for this account or address (0: now)."""
    window = timedelta(seconds=settings.STORYGEN_LOGIN_WINDOW_SECONDS)
    limit = settings.STORYGEN_LOGIN_MAX_FAILURES
    now = timezone.now()
    recent = LoginAttempt.objects.filter(succeeded=False, created_at__gte=now - window)
    waits = [0]
    for scope in (Q(username=_throttle_key(username)), Q(ip_address=ip) if ip else None):
        if scope is None:
            continue
        failures = list(
            recent.filter(scope)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        if len(failures) >= limit:
            # Allowed again once the oldest of the last ``limit`` failures leaves the window.
            waits.append(int((failures[-1] + window - now).total_seconds()) + 1)
    return max(waits)


def user_authenticate(*, username: str, password: str, ip: str | None) -> User:
    """Check a password, throttled per account and per address.

    After STORYGEN_LOGIN_MAX_FAILURES failures for the account or the address inside the
    window, raises LoginThrottled without checking the password. Inactive and
    soft-deleted users are refused like a wrong password. Every attempt is recorded.
    """
    wait = login_retry_after(username=username, ip=ip)
    if wait:
        logger.warning("sign-in refused (throttled) from %s", ip)
        raise LoginThrottled(wait)
    user = authenticate(username=username, password=password)
    if not isinstance(user, User) or not user.is_active or user.is_deleted:
        LoginAttempt.objects.create(
            username=_throttle_key(username), ip_address=ip, succeeded=False
        )
        logger.info("sign-in failed from %s", ip)
        raise InvalidCredentials()
    LoginAttempt.objects.create(username=_throttle_key(username), ip_address=ip, succeeded=True)
    logger.info("user %s signed in", user.pk)
    return user


def user_tokens(*, user: User) -> dict[str, str]:
    """A fresh refresh/access pair, in both the SimpleJWT and the OAuth2-style names."""
    refresh = RefreshToken.for_user(user)
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    access = str(refresh.access_token)
    return {
        "access_token": access,
        "token_type": "bearer",
        "access": access,
        "refresh": str(refresh),
    }


def user_tokens_refresh(*, refresh: str) -> dict[str, str]:
    """A new pair for a refresh token; the token given is blacklisted (rotation).

    Raises InvalidCredentials when the token is invalid, expired or already used, when its
    account is inactive or deleted, or when the password changed after it was issued (a
    password change ends every session, refresh tokens included).
    """
    refused = InvalidCredentials("The refresh token is invalid or expired.")
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]
    except TokenError as exc:
        raise refused from exc
    user_id = token.payload.get(jwt_settings.USER_ID_CLAIM)
    user = User.objects.filter(pk=user_id).first() if user_id is not None else None
    if user is None or not user.is_active or user.is_deleted:
        raise refused
    if jwt_settings.CHECK_REVOKE_TOKEN and token.payload.get(
        jwt_settings.REVOKE_TOKEN_CLAIM
    ) != get_md5_hash_password(user.password):
        raise refused
    rotation = TokenRefreshSerializer(data={"refresh": refresh})
    try:
        rotation.is_valid(raise_exception=True)
    except (TokenError, AuthenticationFailed) as exc:
        raise refused from exc
    access = rotation.validated_data["access"]
    return {
        "access_token": access,
        "token_type": "bearer",
        "access": access,
        "refresh": rotation.validated_data.get("refresh", refresh),
    }
