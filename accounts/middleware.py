"""Sessions end a fixed time after signing in, however often the session is saved since."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

#: Session key holding when the user signed in (seconds since the epoch).
SIGNED_IN_AT = "signed_in_at"


@receiver(user_logged_in)
def _remember_sign_in(sender: Any, request: HttpRequest | None, **_: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


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
