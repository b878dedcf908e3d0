"""Who is asking: a signed-in account on a page, and who is an administrator (the one test
the admin API, the admin pages, the Django admin's actions and /metrics share, and whether
they passed two-factor sign-in)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts import two_factor
from accounts.errors import TwoFactorRequired
from accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A page request that passed ``login_required``, so its user is a real account."""

    user: User


def user_is_administrator(user: Any) -> bool:
    """An active, not deleted, signed-in account with the admin role.

    Takes whatever ``request.user`` holds (an anonymous user, or None outside a request).
    """
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and not getattr(user, "is_deleted", False)
        and getattr(user, "is_admin", False)
    )


def administrator_passed(request: Any) -> bool:
    """An administrator who passed two-factor sign-in (where it is required): a session that
    entered a code, or an API token asked for with one."""
    return user_is_administrator(getattr(request, "user", None)) and (
        not two_factor.two_factor_required() or two_factor.request_passed(request)
    )


class IsAdministrator(BasePermission):
    """Administrators only (``user_is_administrator``), past two-factor sign-in.

    Anonymous clients get 401 (the authenticators say how to sign in); signed-in users who
    are not administrators get 403, and so do administrators without the second step
    (with code ``two_factor_required``, saying how to get it).
    """

    message = "Only administrators can do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not user_is_administrator(request.user):
            return False
        if not administrator_passed(request):
            raise TwoFactorRequired()
        return True
