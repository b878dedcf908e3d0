"""Small helpers shared by views."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from storygen.exceptions import NotFound

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], message: str, **lookup: Any) -> M:
    """The one object matching ``lookup`` in ``queryset``, else NotFound(message).

    The queryset comes from a selector that already limits what the user may see, so
    another user's object and a missing one get the same answer.
    """
    try:
        obj = queryset.filter(**lookup).first()
    except (ValidationError, ValueError):
        obj = None
    if obj is None:
        raise NotFound(message)
    return obj


def safe_next_url(request: HttpRequest, fallback: str = "") -> str:
    """The ``next`` address of the request (POST, then GET) if it stays on this site.

    Anything pointing elsewhere is ignored, so a crafted link cannot send a user from a
    form of ours to another site.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
