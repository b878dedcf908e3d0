"""Two-factor sign-in for administrators: an authenticator app (TOTP) and recovery codes.

Administrators pass a second step after their password before any administration: the
Django admin, the monitoring pages, the admin API and /metrics. A session remembers that
it passed; an API token carries it as a claim when it was asked for with a code.
``STORYGEN_ADMIN_TWO_FACTOR`` turns the requirement off (the test settings do).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from typing import TYPE_CHECKING, Any

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.errors import TwoFactorCodeInvalid
from accounts.models import TwoFactorDevice, User

if TYPE_CHECKING:
    from accounts.services import Door

logger = logging.getLogger(__name__)

#: Session key set once the signed-in administrator entered a code in this session.
SESSION_KEY = "two_factor_user"
#: Claim of an API token asked for with a valid code.
TOKEN_CLAIM = "two_factor"  # noqa: S105 (a claim name, not a secret)
RECOVERY_CODE_COUNT = 10
#: Codes from the step before and after the current one are accepted too (clock drift).
VALID_WINDOW = 1


def two_factor_required() -> bool:
    return bool(getattr(settings, "STORYGEN_ADMIN_TWO_FACTOR", True))


def two_factor_device(user: Any) -> TwoFactorDevice | None:
    """The user's confirmed device, if any."""
    if not getattr(user, "pk", None):
        return None
    return TwoFactorDevice.objects.filter(user_id=user.pk, confirmed_at__isnull=False).first()


def session_passed(request: HttpRequest) -> bool:
    """Whether the session's signed-in user entered a code since signing in."""
    session = getattr(request, "session", None)
    user: Any = getattr(request, "user", None)
    if session is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(session.get(SESSION_KEY) == user.pk)


def request_passed(request: Any) -> bool:
    """Whether the request's administrator passed the second step: a session that entered
    a code, or an API token issued for one (``request.auth`` holds the token's claims)."""
    token = getattr(request, "auth", None)
    if token is not None and hasattr(token, "get"):
        return bool(token.get(TOKEN_CLAIM))
    return session_passed(getattr(request, "_request", request))


# --- setting up ----------------------------------------------------------------------------


@transaction.atomic
def two_factor_setup_start(*, user: User) -> TwoFactorDevice:
    """The user's device: a new secret for their authenticator app, not in force until
    confirmed, or the device they already have (confirmed or being set up), unchanged.
    """
    device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
    if device is not None:
        # Confirmed, or being set up: the secret stays, so a page reloaded after scanning
        # the code still matches the app.
        return device
    device = TwoFactorDevice(user=user)
    device.secret = pyotp.random_base32()
    device.save()
    return device


def provisioning_uri(device: TwoFactorDevice) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    issuer = getattr(settings, "STORYGEN_TWO_FACTOR_ISSUER", "Storygen")
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.get_username(), issuer_name=issuer
    )


def qr_code_svg(uri: str) -> str:
    """The address as an inline SVG QR code (markup made here, from no user text)."""
    return str(segno.make(uri, error="m").svg_inline(scale=5, border=2, omitsize=True))


def secret_for_display(device: TwoFactorDevice) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))


@transaction.atomic
def two_factor_confirm(*, user: User, code: str) -> list[str]:
    """Put the device being set up in force with a first code from the app.

    Returns the recovery codes, shown once. Raises TwoFactorCodeInvalid when the code is
    wrong or nothing is being set up.
    """
    device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
    if device is None or device.confirmed_at is not None:
        raise TwoFactorCodeInvalid("Start setting up two-factor sign-in first.")
    step = _matching_step(device, code)
    if step is None:
        raise TwoFactorCodeInvalid()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    device.confirmed_at = timezone.now()
    device.last_used_step = step
    device.recovery_codes = [_digest(c) for c in codes]
    device.save()
    logger.info("user %s turned on two-factor sign-in", user.pk)
    return codes


@transaction.atomic
def two_factor_reset(*, user: User) -> bool:
    """Forget the user's device and recovery codes (a lost phone); they set it up again at
    their next administration. Returns whether there was one."""
    deleted, _ = TwoFactorDevice.objects.filter(user=user).delete()
    if deleted:
        logger.info("two-factor sign-in of user %s was reset", user.pk)
    return bool(deleted)


# --- signing in --------------------------------------------------------------------------------


def two_factor_verify(*, user: User, code: str, ip: str | None, door: Door) -> None:
    """Check a code from the app (each usable once) or a recovery code (used up), through
    the sign-in throttle (``login_step_check``): at most LOGIN_MAX_WRONG_CODES wrong codes
    per account in the window, and the address limits every door shares. ``ip`` is the
    client's address from ``client_ip`` (None only when the request has none usable).

    Raises TwoFactorCodeInvalid when the user has no confirmed device or the code does not
    match, LoginThrottled after too many failures.
    """
    from accounts.services import LoginStep, login_step_check

    if two_factor_device(user) is None:  # nothing to guess: not counted as a failure
        raise TwoFactorCodeInvalid("Two-factor sign-in is not set up for this account.")

    def check() -> None:
        if not _code_accepted(user, code):
            raise TwoFactorCodeInvalid()

    login_step_check(step=LoginStep.CODE, account=str(user.pk), ip=ip, door=door, check=check)
    logger.info("user %s passed two-factor sign-in at %s", user.pk, door)


@transaction.atomic
def _code_accepted(user: User, code: str) -> bool:
    device = (
        TwoFactorDevice.objects.select_for_update()
        .filter(user=user, confirmed_at__isnull=False)
        .first()
    )
    if device is None:
        raise TwoFactorCodeInvalid("Two-factor sign-in is not set up for this account.")
    step = _matching_step(device, code)
    if step is not None and step > device.last_used_step:
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
        return True
    digest = _digest(code)
    if any(hmac.compare_digest(digest, kept) for kept in device.recovery_codes):
        device.recovery_codes = [kept for kept in device.recovery_codes if kept != digest]
        device.save(update_fields=["recovery_codes"])
        logger.info("user %s used a recovery code (%s left)", user.pk, len(device.recovery_codes))
        return True
    return False


def session_mark_passed(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = request.user.pk


def _matching_step(device: TwoFactorDevice, code: str) -> int | None:
    """The time step whose code ``code`` is, within the drift window; None if none."""
    digits = "".join(code.split())
    if len(digits) != 6 or not digits.isdigit():
        return None
    totp = pyotp.TOTP(device.secret)
    now = timezone.now()
    current = totp.timecode(now)
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        step = current + offset
        if hmac.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def _new_recovery_code() -> str:
    raw = secrets.token_hex(5)  # 40 random bits, shown as xxxxx-xxxxx
    return f"{raw[:5]}-{raw[5:]}"


def _digest(code: str) -> str:
    normal = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normal.encode()).hexdigest()
