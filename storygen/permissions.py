"""Who may use the admin API: active administrators only."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class IsAdministrator(BasePermission):
    """An active, not deleted account with the admin role.

    Anonymous clients get 401 (the authenticators say how to sign in); signed-in users who
    are not administrators get 403.
    """

    message = "Only administrators can do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and user.is_active
            and not getattr(user, "is_deleted", False)
            and getattr(user, "is_admin", False)
        )
