"""Registration, the one sign-in throttle, API tokens, and account administration."""

from __future__ import annotations

import enum
import hashlib
import ipaddress
import logging
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.errors import (
    AdminActionRefused,
    EmailTaken,
    InvalidCredentials,
    LastAdminRefused,
    LoginThrottled,
    SignInFailed,
    TokenRefused,
    TwoFactorCodeMissing,
    TwoFactorNotSetUp,
    UsernameTaken,
)
from accounts.models import LoginAttempt, User
from accounts.tokens import token_pair, token_user
from storygen.audit import audit_record
from storygen.exceptions import InvalidInput, NotFound

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


# --- Sign-in throttle: every door that takes a password or a two-factor code -----------------

#: Failures for an account, from anywhere, before its attempts start to wait.
LOGIN_DELAY_FREE_FAILURES = 3
#: How long those failures are remembered. Longer than the window, so that an attack kept
#: up at the longest delay stays there; the owner waits at most that delay after the latest
#: failure, however many came before.
LOGIN_DELAY_MEMORY = timedelta(hours=24)
#: The first wait; each further failure for the account doubles it, up to
#: STORYGEN_LOGIN_MAX_DELAY_SECONDS.
LOGIN_DELAY_BASE_SECONDS = 2
#: An address the account signed in from within this time is trusted as its owner's:
#: failures from elsewhere do not delay it (an attacker cannot sign in to earn that).
LOGIN_KNOWN_ADDRESS_DAYS = 30
#: Wrong two-factor codes per account in the window. Only someone who has the password
#: reaches this step, so a hard limit per account here is no weapon against its owner.
LOGIN_MAX_WRONG_CODES = 5
#: Two-factor attempts are kept under this prefix and the user's id: ":" cannot be part of
#: a username, so they never mix with the password attempts for a username.
CODE_KEY_PREFIX = "two-factor:"
#: Password attempts for a typed name no account can have (it fails the username
#: validator, e.g. it holds ":") are kept under this prefix and a digest of the name, so no
#: typed name can land on a two-factor key or on any other special key.
NOT_A_USERNAME_PREFIX = "not-a-username:"

_T = TypeVar("_T")


class LoginStep(enum.Enum):
    """What a sign-in attempt checks; each has its own limits in ``login_retry_after``."""

    PASSWORD = "password"  # noqa: S105 (a step name, not a secret)
    CODE = "code"


class Door(models.TextChoices):
    """Where a password or a two-factor code is checked, as the security log names it."""

    API_TOKEN = "api", "API token"
    LOG_IN_PAGE = "log-in page", "Log-in page"
    ADMIN_LOG_IN = "admin log-in page", "Django admin's log-in"
    TWO_FACTOR_PAGE = "two-factor page", "Two-factor page"
    PASSWORD_CHANGE_PAGE = "password change page", "Password change page"
    ADMIN_PASSWORD_CHANGE = "admin password change", "Django admin's password change"


def login_key(*, step: LoginStep, account: str) -> str:
    """The ``LoginAttempt.username`` an attempt is kept under.

    A password attempt is kept under the username as typed, ignoring case; a typed name
    no account can have, under NOT_A_USERNAME_PREFIX and its digest; a two-factor attempt,
    under CODE_KEY_PREFIX and the user's id. Usernames never hold ":", so the three never
    meet: typing "two-factor:1" as a username cannot count against user 1's codes.
    """
    if step is LoginStep.CODE:
        return f"{CODE_KEY_PREFIX}{account}"
    name = account.strip().casefold()
    try:
        User.username_validator(name)
    except ValidationError:
        digest = hashlib.sha256(name.encode()).hexdigest()[:40]
        return f"{NOT_A_USERNAME_PREFIX}{digest}"
    return name[:150]


def login_retry_after(
    *, step: LoginStep, account: str, ip: str | None, before: int | None = None
) -> int:
    """Seconds before this step may be tried again for ``account`` from ``ip`` (0: now).

    Over the failures of the last STORYGEN_LOGIN_WINDOW_SECONDS (``before``: only those
    recorded before that attempt's id; LOGIN_DELAY_MEMORY for the growing delay):

    - the address (any account): STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS failures refuse it
      until the oldest of them leaves the window;
    - passwords, the account from this address: STORYGEN_LOGIN_MAX_FAILURES, the same way;
    - passwords, the account from anywhere: from the LOGIN_DELAY_FREE_FAILURES-th failure
      on, the next attempt waits LOGIN_DELAY_BASE_SECONDS after the latest one, doubling
      with each further failure up to STORYGEN_LOGIN_MAX_DELAY_SECONDS; not applied to an
      address the account signed in from within LOGIN_KNOWN_ADDRESS_DAYS;
    - codes, the account from anywhere: LOGIN_MAX_WRONG_CODES, refused for the window.

    An unknown address (``None``) counts as one address.
    """
    now = timezone.now()
    window = timedelta(seconds=settings.STORYGEN_LOGIN_WINDOW_SECONDS)
    key = login_key(step=step, account=account)
    remembered = LoginAttempt.objects.filter(succeeded=False)
    if before is not None:
        remembered = remembered.filter(pk__lt=before)
    failures = remembered.filter(created_at__gte=now - window)
    here = Q(ip_address=ip) if ip else Q(ip_address__isnull=True)
    waits = [
        _wait_for_window(
            failures.filter(here), settings.STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS, now
        )
    ]
    if step is LoginStep.CODE:
        waits.append(_wait_for_window(failures.filter(username=key), LOGIN_MAX_WRONG_CODES, now))
    else:
        waits.append(
            _wait_for_window(
                failures.filter(here, username=key), settings.STORYGEN_LOGIN_MAX_FAILURES, now
            )
        )
        account_failures = remembered.filter(username=key, created_at__gte=now - LOGIN_DELAY_MEMORY)
        waits.append(_growing_delay(account_failures, key=key, ip=ip, now=now))
    return max(waits)


def _wait_for_window(failures: QuerySet[LoginAttempt], limit: int, now: datetime) -> int:
    """With ``limit`` failures or more: until the oldest of the latest ``limit`` leaves the
    window."""
    latest = list(failures.order_by("-created_at").values_list("created_at", flat=True)[:limit])
    if not latest or len(latest) < limit:
        return 0
    window = timedelta(seconds=settings.STORYGEN_LOGIN_WINDOW_SECONDS)
    return max(0, math.ceil((latest[-1] + window - now).total_seconds()))


def _growing_delay(
    failures: QuerySet[LoginAttempt], *, key: str, ip: str | None, now: datetime
) -> int:
    seen = failures.aggregate(count=Count("pk"), latest=Max("created_at"))
    over = seen["count"] - LOGIN_DELAY_FREE_FAILURES
    if over < 0:
        return 0
    delay = min(
        LOGIN_DELAY_BASE_SECONDS * 2 ** min(over, 32), settings.STORYGEN_LOGIN_MAX_DELAY_SECONDS
    )
    wait = math.ceil((seen["latest"] + timedelta(seconds=delay) - now).total_seconds())
    if wait <= 0:
        return 0
    known = LoginAttempt.objects.filter(
        username=key,
        ip_address=ip,
        succeeded=True,
        created_at__gte=now - timedelta(days=LOGIN_KNOWN_ADDRESS_DAYS),
    )
    return 0 if ip and known.exists() else wait


def login_step_check(
    *, step: LoginStep, account: str, ip: str | None, door: Door, check: Callable[[], _T]
) -> _T:
    """Run one sign-in step through the throttle: the one way every door checks a password
    (``account``: the username typed) or a two-factor code (``account``: the user's id).

    While ``login_retry_after`` says to wait, raises LoginThrottled (with the seconds)
    without calling ``check``. Otherwise the attempt is recorded as a failure *before*
    ``check`` runs, so that concurrent attempts count it, and goes ahead only if no attempt
    recorded before it means a wait (else it is deleted and refused). ``check`` returns the
    result or raises SignInFailed, which is re-raised; only a return marks the attempt
    succeeded. Call it outside a transaction, so a failure stays recorded whatever the
    caller does next. Refusals are logged as warnings, failures as information, each with
    the door and the address (never the name typed).

    On PostgreSQL, ids are handed out in order but not committed in order: two attempts
    arriving together can each miss the other's uncommitted row and both go ahead, one
    more than the limit, in a window of a few milliseconds. That is accepted: it cannot be
    repeated to add up, and locking every attempt would serialise all sign-ins.
    """
    wait = login_retry_after(step=step, account=account, ip=ip)
    if not wait:
        attempt = LoginAttempt.objects.create(
            username=login_key(step=step, account=account), ip_address=ip, succeeded=False
        )
        wait = login_retry_after(step=step, account=account, ip=ip, before=attempt.pk)
        if not wait:
            return _login_step_run(attempt, step=step, door=door, check=check)
        attempt.delete()  # another attempt got in first: this one is refused, not counted
    logger.warning("sign-in refused at %s from %s: throttled for %s s", door, ip, wait)
    raise LoginThrottled(wait)


def _login_step_run(
    attempt: LoginAttempt, *, step: LoginStep, door: str, check: Callable[[], _T]
) -> _T:
    try:
        result = check()
    except SignInFailed:
        logger.info("sign-in %s failed at %s from %s", step.value, door, attempt.ip_address)
        raise
    LoginAttempt.objects.filter(pk=attempt.pk).update(succeeded=True)
    return result


def _active_user(*, username: str, password: str) -> User | None:
    """The active, not deleted account these credentials sign in to; None if none."""
    user = authenticate(username=username, password=password)
    if not isinstance(user, User) or not user.is_active or user.is_deleted:
        return None
    return user


def user_authenticate(*, username: str, password: str, ip: str | None, door: Door) -> User:
    """Check a password through the sign-in throttle (``login_step_check``).

    Inactive and soft-deleted users are refused like a wrong password. Raises
    InvalidCredentials and LoginThrottled.
    """

    def check() -> User:
        user = _active_user(username=username, password=password)
        if user is None:
            raise InvalidCredentials()
        return user

    user = login_step_check(
        step=LoginStep.PASSWORD, account=username, ip=ip, door=door, check=check
    )
    logger.info("user %s signed in at %s", user.pk, door)
    return user


def user_password_confirm(*, user: User, password: str, ip: str | None, door: Door) -> None:
    """Check the signed-in user's current password (before changing it) through the
    sign-in throttle, under their username like any sign-in: a session left open is no
    way around the limits. Raises InvalidCredentials and LoginThrottled."""

    def check() -> None:
        if not user.check_password(password):
            raise InvalidCredentials()

    login_step_check(step=LoginStep.PASSWORD, account=user.username, ip=ip, door=door, check=check)


def password_and_code(password: str) -> tuple[str, str] | None:
    """``password:123456`` split at its last ":" into the password and the code, when six
    digits follow it; None otherwise.

    The sign-in form of the reference product's clients has no field for a two-factor
    code, so an administrator types it after the password.
    """
    head, separator, tail = password.rpartition(":")
    if separator and len(tail) == 6 and tail.isascii() and tail.isdigit():
        return head, tail
    return None


def user_token_obtain(
    *, username: str, password: str, ip: str | None, otp: str = ""
) -> dict[str, str]:
    """Sign in with a password for API tokens; while two-factor sign-in is required
    (STORYGEN_ADMIN_TWO_FACTOR), administrators add the current code from their
    authenticator app, as ``otp`` or after the password (``password:123456``).

    The password is always tried whole first, since it may itself end in ":" and six
    digits. Only when that fails, two-factor is required and no ``otp`` was sent, the
    part before the last ":" is tried, and accepted for an administrator only. Both tries
    are one attempt for the sign-in throttle; the code is then checked as its own step,
    a wrong one counting toward the wrong-code limit. Tokens asked for with a code carry
    the two-factor claim (kept through refreshes).

    Raises InvalidCredentials, LoginThrottled, TwoFactorCodeInvalid, and, for an
    administrator who sent no code, TwoFactorCodeMissing (TwoFactorNotSetUp when they
    have no authenticator app yet): they get no tokens that administration would refuse.
    """
    from accounts import two_factor

    sent_code = otp.strip()
    required = two_factor.two_factor_required()

    def check() -> tuple[User, str]:
        user = _active_user(username=username, password=password)
        if user is not None:
            return user, sent_code
        split = None if sent_code or not required else password_and_code(password)
        if split is not None:
            user = _active_user(username=username, password=split[0])
            if user is not None and user.is_admin:
                return user, split[1]
        raise InvalidCredentials()

    user, code = login_step_check(
        step=LoginStep.PASSWORD, account=username, ip=ip, door=Door.API_TOKEN, check=check
    )
    if required and user.is_admin and two_factor.two_factor_device(user) is None:
        raise TwoFactorNotSetUp()  # with a code or without: there is nothing to check it by
    if code:
        two_factor.two_factor_verify(user=user, code=code, ip=ip, door=Door.API_TOKEN)
    elif required and user.is_admin:
        raise TwoFactorCodeMissing()
    logger.info("user %s signed in at %s", user.pk, Door.API_TOKEN)
    return user_tokens(user=user, two_factor_passed=bool(code))


def user_tokens(*, user: User, two_factor_passed: bool = False) -> dict[str, str]:
    """A fresh refresh/access pair, in both the SimpleJWT and the OAuth2-style names.

    Both carry the account's fingerprint (``accounts.tokens``): a new password or signing
    out everywhere refuses them.
    """
    from accounts import two_factor

    # The access token copies the refresh token's claims, and so does every refresh.
    claims = {two_factor.TOKEN_CLAIM: True} if two_factor_passed else None
    refresh = token_pair(user=user, claims=claims)
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

    Raises TokenRefused when the token is invalid, expired or already used, when its
    account is gone, inactive or deleted, or when it was revoked (a new password or
    signing out everywhere since it was issued); TwoFactorCodeMissing when it belongs to
    an administrator and was issued without the second sign-in step (before they were
    one, or while two-factor sign-in was off): they sign in again with their code.
    """
    from accounts import two_factor

    refused = TokenRefused("The refresh token is invalid or expired: sign in again.")
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]
    except TokenError as exc:
        raise refused from exc
    user = token_user(token.payload)
    if (
        two_factor.two_factor_required()
        and user.is_admin
        and not token.payload.get(two_factor.TOKEN_CLAIM)
    ):
        raise TwoFactorCodeMissing()
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


# --- Administration: user management, session ending, the admin bootstrap -----------------


def _user_not_found(user_id: int) -> NotFound:
    return NotFound(f"User with ID {user_id} not found")


def _admin_fields(user: User, *, admin: bool) -> None:
    """Set the role and Django's staff and superuser flags together, so they never disagree."""
    user.role = User.Role.ADMIN if admin else User.Role.USER
    user.is_staff = admin
    user.is_superuser = admin


def _lock_active_admins() -> set[int]:
    """Lock every active admin row (in id order) and return their ids.

    Every service that can take the admin role away locks this set first, so two admins
    demoting each other at the same moment cannot leave the site without one.
    """
    return set(
        User.objects.select_for_update()
        .filter(role=User.Role.ADMIN, is_active=True, is_deleted=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _lock_user(user_id: int, *, deleted: bool) -> User | None:
    return User.objects.select_for_update().filter(pk=user_id, is_deleted=deleted).first()


def _audit(
    *,
    actor: User | None,
    action: str,
    user: User,
    reason: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target_type="user",
        target_id=user.pk,
        target_label=user.username,
        reason=reason,
        changes=changes,
    )


def user_sessions_end(*, user: User) -> None:
    """Sign the user out everywhere: delete their sessions and revoke every API token.

    ``tokens_revoked_at`` changes the account's token fingerprint (``accounts.tokens``),
    so access and refresh tokens issued before now are refused on their next request,
    even after a reactivation; outstanding refresh tokens are blacklisted as well. Sets
    the field on ``user`` too, so a caller saving that instance afterwards keeps it.
    """
    now = timezone.now()
    user.tokens_revoked_at = now
    User.objects.filter(pk=user.pk).update(tokens_revoked_at=now)
    if settings.SESSION_ENGINE in {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    }:
        # Sessions are not indexed by user, so the live ones are read and decoded; the store
        # deletes each (and its cache entry for cached_db).
        store = import_module(settings.SESSION_ENGINE).SessionStore
        uid = str(user.pk)
        keys = [
            session.session_key
            for session in Session.objects.filter(expire_date__gt=now).iterator()
            if session.get_decoded().get(SESSION_KEY) == uid
        ]
        for key in keys:
            store(session_key=key).delete()
    outstanding = OutstandingToken.objects.filter(
        user=user, expires_at__gt=now, blacklistedtoken__isnull=True
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )
    logger.info("user %s signed out everywhere", user.pk)


@transaction.atomic
def user_admin_update(
    *,
    actor: User,
    user: User,
    username: str | None = None,
    email: str | None = None,
    role: str | None = None,
    is_active: bool | None = None,
    reason: str = "",
) -> User:
    """Change an account as an administrator; ``None`` leaves a field as it is.

    Checks, in order: the account exists and is not deleted (NotFound); an admin does not
    deactivate themselves or change their own role (AdminActionRefused); the role is valid,
    the username and email are free, ignoring case (InvalidInput, UsernameTaken,
    EmailTaken); the last active admin keeps the role and stays active (LastAdminRefused).
    Deactivating signs the account out everywhere. Writes an audit row with the changes.
    """
    is_self = actor.pk == user.pk
    admins = _lock_active_admins()
    locked = _lock_user(user.pk, deleted=False)
    if locked is None:
        raise _user_not_found(user.pk)
    if is_self and is_active is False:
        raise AdminActionRefused("Admins cannot deactivate their own account.")
    if is_self and role is not None and role != User.Role.ADMIN:
        raise AdminActionRefused("Admins cannot change their own role.")
    if role is not None and role not in User.Role.values:
        message = "Invalid role. Must be 'user' or 'admin'."
        raise InvalidInput(message, errors={"role": [message]})
    if username is not None:
        username = username.strip()
        if not username:
            raise InvalidInput(errors={"username": ["This field may not be blank."]})
        taken = User.objects.filter(username__iexact=username).exclude(pk=locked.pk).exists()
        if taken:
            message = f"Username '{username}' is already taken."
            raise UsernameTaken(message, errors={"username": [message]})
    if email is not None:
        email = email.strip()
        taken = (
            bool(email) and User.objects.filter(email__iexact=email).exclude(pk=locked.pk).exists()
        )
        if taken:
            message = f"Email '{email}' is already registered."
            raise EmailTaken(message, errors={"email": [message]})
    loses_admin = locked.pk in admins and (
        (role is not None and role != User.Role.ADMIN) or is_active is False
    )
    if loses_admin and admins == {locked.pk}:
        raise LastAdminRefused()

    changes: dict[str, list[Any]] = {}
    for field, value in (("username", username), ("email", email), ("is_active", is_active)):
        if value is not None and getattr(locked, field) != value:
            changes[field] = [getattr(locked, field), value]
            setattr(locked, field, value)
    if role is not None and locked.role != role:
        changes["role"] = [locked.role, role]
        _admin_fields(locked, admin=role == User.Role.ADMIN)
    if changes:
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as exc:  # a concurrent change took the name or the address
            message = "That username or email was just taken by another account."
            raise InvalidInput(message) from exc
    if changes.get("is_active") == [True, False]:
        user_sessions_end(user=locked)
    _audit(actor=actor, action="user_updated", user=locked, reason=reason, changes=changes)
    logger.info("user %s updated by admin %s: %s", locked.pk, actor.pk, sorted(changes))
    return locked


@transaction.atomic
def user_soft_delete(*, actor: User, user: User, reason: str = "") -> User:
    """Soft-delete an account: it is deactivated, signed out everywhere and hidden.

    The row, its username and email stay (nobody can take them over) and its stories
    remain. Raises NotFound (missing or already deleted), AdminActionRefused (own
    account), LastAdminRefused. Writes an audit row.
    """
    admins = _lock_active_admins()
    locked = _lock_user(user.pk, deleted=False)
    if locked is None:
        raise _user_not_found(user.pk)
    if actor.pk == locked.pk:
        raise AdminActionRefused("Admins cannot delete their own account.")
    if admins == {locked.pk}:
        raise LastAdminRefused()
    locked.is_deleted = True
    locked.deleted_at = timezone.now()
    locked.is_active = False
    locked.save(update_fields=["is_deleted", "deleted_at", "is_active", "updated_at"])
    user_sessions_end(user=locked)
    _audit(actor=actor, action="user_deleted", user=locked, reason=reason)
    logger.info("user %s deleted by admin %s", locked.pk, actor.pk)
    return locked


@transaction.atomic
def user_restore(*, actor: User, user: User, reason: str = "") -> User:
    """Undo a soft delete: the account is active again with its role and password.

    Raises NotFound when no soft-deleted account has this id. Writes an audit row.
    """
    locked = _lock_user(user.pk, deleted=True)
    if locked is None:
        raise NotFound(f"Deleted user with ID {user.pk} not found")
    locked.is_deleted = False
    locked.deleted_at = None
    locked.is_active = True
    locked.save(update_fields=["is_deleted", "deleted_at", "is_active", "updated_at"])
    _audit(actor=actor, action="user_restored", user=locked, reason=reason)
    logger.info("user %s restored by admin %s", locked.pk, actor.pk)
    return locked


@transaction.atomic
def user_admin_ensure(
    *,
    username: str,
    email: str = "",
    password: str | None = None,
    set_password: bool = False,
    reset_two_factor: bool = False,
) -> tuple[User, str]:
    """Make sure an active admin account named ``username`` exists (the bootstrap command).

    Creates it (``password`` required) or promotes, re-activates and un-deletes the
    existing one; its password changes only with ``set_password``, and with
    ``reset_two_factor`` its two-factor sign-in is forgotten (a lost phone, no recovery
    code left). The password is checked by the configured validators before anything is
    written (InvalidInput). Returns the user and "created", "updated" or "noop". Writes an
    audit row unless nothing changed.
    """
    from accounts import two_factor

    username = username.strip()
    email = (email or "").strip()
    if not username:
        raise InvalidInput(errors={"username": ["A username is required."]})
    user = User.objects.select_for_update().filter(username__iexact=username).first()
    created = user is None
    if user is None:
        if email and User.objects.filter(email__iexact=email).exists():
            raise EmailTaken(f"Email '{email}' is already registered.")
        user = User(username=username, email=email)
    if created or set_password:
        if not password:
            raise InvalidInput(errors={"password": ["A password is required."]})
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], errors={"password": list(exc.messages)}) from exc

    changes: dict[str, list[Any]] = {}
    if created:
        _admin_fields(user, admin=True)
    else:
        wanted = {
            "role": User.Role.ADMIN,
            "is_staff": True,
            "is_superuser": True,
            "is_active": True,
            "is_deleted": False,
            "deleted_at": None,
        }
        for field, value in wanted.items():
            if getattr(user, field) != value:
                changes[field] = [str(getattr(user, field)), str(value)]
                setattr(user, field, value)
    if password and (created or set_password):
        user.set_password(password)
        if not created:
            changes["password"] = ["(hidden)", "(changed)"]
    if reset_two_factor and not created and two_factor.two_factor_reset(user=user):
        changes["two_factor"] = ["on", "reset"]
        user_sessions_end(user=user)
    if not created and not changes:
        return user, "noop"
    user.save()
    action = "user_created" if created else "user_updated"
    _audit(actor=None, action=action, user=user, reason="createadmin command", changes=changes)
    logger.info("admin account %s %s by the command line", user.pk, action)
    return user, "created" if created else "updated"


@transaction.atomic
def user_two_factor_reset(*, actor: User, user: User, reason: str = "") -> User:
    """Forget a user's authenticator app and recovery codes and sign them out everywhere;
    they set the app up again before their next administration. Raises NotFound when they
    had none. Writes an audit row."""
    from accounts import two_factor

    if not two_factor.two_factor_reset(user=user):
        raise NotFound(f"{user.username} has no two-factor sign-in to reset.")
    # Whoever holds the lost phone may be signed in: every session and token ends too.
    user_sessions_end(user=user)
    _audit(actor=actor, action="user_2fa_reset", user=user, reason=reason)
    logger.info("two-factor sign-in of user %s reset by admin %s", user.pk, actor.pk)
    return user
