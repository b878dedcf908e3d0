"""Small helpers shared by views."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

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
