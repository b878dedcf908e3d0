"""Sessions end a fixed time after signing in; administration waits for two-factor sign-in."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts import two_factor
from accounts.permissions import user_is_administrator

#: Session key holding when the user signed in (seconds since the epoch).
SIGNED_IN_AT = "signed_in_at"


@receiver(user_logged_in)
def _remember_sign_in(sender: Any, request: HttpRequest | None, **_: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())
        # Signing in again (Django keeps the session of the same user) asks for a new code.
        request.session.pop(two_factor.SESSION_KEY, None)


class SessionLifetimeMiddleware:
    """Signs out a session older than SESSION_COOKIE_AGE since its sign-in.

    Saving the session (each step of the story wizard does) moves its expiry forward; this
    keeps the lifetime absolute. A session from before the sign-in time was recorded gets
    it now, so it is capped too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            now = time.time()
            if not isinstance(signed_in_at, int | float):
                request.session[SIGNED_IN_AT] = int(now)
            elif now - signed_in_at > settings.SESSION_COOKIE_AGE:
                logout(request)
        return self.get_response(request)


class AdminTwoFactorMiddleware:
    """Sends a signed-in administrator to the second sign-in step before the Django admin
    or the admin pages: to set up the app first, or to enter a code.

    The admin API and /metrics check the same step themselves (accounts.permissions). The
    Django admin's own login and logout stay reachable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            two_factor.two_factor_required()
            and self._protected(request.path)
            and user_is_administrator(getattr(request, "user", None))
            and not two_factor.session_passed(request)
        ):
            step = (
                "accounts:two_factor_verify"
                if two_factor.two_factor_device(request.user) is not None
                else "accounts:two_factor_setup"
            )
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(step)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _protected(path: str) -> bool:
        admin = reverse("admin:index")
        if path.startswith(admin):
            return not path.startswith((reverse("admin:login"), reverse("admin:logout")))
        return path.startswith(reverse("monitoring:page"))
