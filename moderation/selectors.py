"""Reads for the admin side: accounts, stories under moderation, the audit log, pages of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet

from accounts.models import User
from moderation.models import ModerationAction
from stories.models import Story

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Page(Generic[M]):
    """One page of a list: its rows, the total across all pages, and where it is."""

    items: list[M]
    total: int
    page: int
    page_size: int


def page_of(queryset: QuerySet[M], *, page: int, page_size: int) -> Page[M]:
    """Rows of page ``page`` (from 1) and the total: a count plus the page's own queries."""
    start = (page - 1) * page_size
    return Page(
        items=list(queryset[start : start + page_size]),
        total=queryset.count(),
        page=page,
        page_size=page_size,
    )


def user_list_for_admin(*, include_deleted: bool = False) -> QuerySet[User]:
    """Every account in id order; soft-deleted ones only when asked."""
    users = User.objects.order_by("pk")
    return users if include_deleted else users.filter(is_deleted=False)


def story_list_for_moderation(
    *,
    user_id: int | None = None,
    status_filter: str | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    include_hidden: bool = False,
    include_deleted: bool = False,
) -> QuerySet[Story]:
    """Stories of every owner, newest first, with owner and cast (a page is 2 queries).

    ``status_filter``: "generated" (everything but drafts), "draft", anything else ignored.
    ``created_from`` / ``created_to`` are inclusive. Hidden and deleted stories are left out
    unless asked for.
    """
    stories = Story.objects.select_related("owner").prefetch_related("cast")
    filters: dict[str, Any] = {}
    if user_id is not None:
        filters["owner_id"] = user_id
    if created_from is not None:
        filters["created_at__gte"] = created_from
    if created_to is not None:
        filters["created_at__lte"] = created_to
    if not include_hidden:
        filters["is_hidden"] = False
    if not include_deleted:
        filters["is_deleted"] = False
    stories = stories.filter(**filters)
    if status_filter == "generated":
        stories = stories.exclude(status=Story.Status.DRAFT)
    elif status_filter == "draft":
        stories = stories.filter(status=Story.Status.DRAFT)
    return stories.order_by("-created_at", "-id")


def moderation_action_list(
    *,
    action: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
    actor_id: int | None = None,
) -> QuerySet[ModerationAction]:
    """The audit log, newest first, optionally narrowed to one action, target or actor."""
    filters: dict[str, Any] = {
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "actor_id": actor_id,
    }
    return ModerationAction.objects.filter(
        **{name: value for name, value in filters.items() if value is not None}
    ).order_by("-created_at", "-id")
