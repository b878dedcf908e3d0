"""Reads of stories, pages, generation runs and option lists; every user-scoped fetch is here."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from stories.models import DynamicListItem, GenerationTask, Page, Story


def story_list_visible_to(*, user: User) -> QuerySet[Story]:
    """The user's own stories, minus those moderation hid or deleted. No pages."""
    return Story.objects.filter(owner=user, is_hidden=False, is_deleted=False)


def story_list_for_owner(
    *, user: User, include_drafts: bool = True, offset: int = 0, limit: int = 100
) -> QuerySet[Story]:
    """One page of the user's visible stories, newest first, with their cast (2 queries)."""
    stories = story_list_visible_to(user=user)
    if not include_drafts:
        stories = stories.exclude(status=Story.Status.DRAFT)
    return stories.order_by("-created_at", "-id").prefetch_related("cast")[offset : offset + limit]


def story_detail_queryset(*, user: User) -> QuerySet[Story]:
    """Visible stories with everything the detail view shows, for ``get_object_or_404``."""
    return story_list_visible_to(user=user).prefetch_related(
        "cast", Prefetch("pages", queryset=Page.objects.order_by("number"))
    )


def page_queryset(*, user: User, story_id: int) -> QuerySet[Page]:
    """Pages of one of the user's visible stories."""
    return Page.objects.filter(
        story_id=story_id, story__owner=user, story__is_hidden=False, story__is_deleted=False
    )


def generation_task_queryset(*, user: User) -> QuerySet[GenerationTask]:
    """The user's own generation runs."""
    return GenerationTask.objects.filter(user=user)


def dynamic_list_active_items(*, list_name: str) -> QuerySet[DynamicListItem]:
    """Active items of a list in display order (empty when the list has none)."""
    return DynamicListItem.objects.filter(dynamic_list_id=list_name, is_active=True).order_by(
        "sort_order", "item_label"
    )


def dynamic_list_active_values(*, list_names: list[str]) -> dict[str, set[str]]:
    """Active values per list, in one query. Lists without active items are absent."""
    values: dict[str, set[str]] = {}
    rows = DynamicListItem.objects.filter(
        dynamic_list_id__in=list_names, is_active=True
    ).values_list("dynamic_list_id", "item_value")
    for list_name, value in rows:
        values.setdefault(list_name, set()).add(value)
    return values
