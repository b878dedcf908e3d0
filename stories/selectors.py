"""Reads of stories, pages, generation runs and option lists; every user-scoped fetch is here."""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from stories.models import (
    TITLE_MAX_LENGTH,
    DynamicListItem,
    GenerationTask,
    Page,
    PageImage,
    PageRedrawJob,
    Story,
)
from storygen.naming import copy_name


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


def generation_task_latest_for_story(*, story: Story) -> GenerationTask | None:
    """The story's most recent generation run, or None before its first one.

    ``story`` must come from a user-scoped selector: the run is not checked again.
    """
    return GenerationTask.objects.filter(story=story).order_by("-created_at").first()


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


def story_title_taken(*, user: User, title: str, exclude_id: int | None = None) -> bool:
    """Whether another of the user's stories already has exactly this title."""
    stories = Story.objects.filter(owner=user, title=title)
    if exclude_id is not None:
        stories = stories.exclude(pk=exclude_id)
    return stories.exists()


#: Library status filter → the story statuses it shows (a queued story is "generating" to
#: the person waiting for it).
STORY_LIBRARY_FILTERS: dict[str, tuple[str, ...]] = {
    "ready": (Story.Status.READY,),
    "generating": (Story.Status.QUEUED, Story.Status.GENERATING),
    "partial": (Story.Status.PARTIAL,),
    "failed": (Story.Status.FAILED,),
    "draft": (Story.Status.DRAFT,),
}


def story_library_page(*, user: User, query: str = "", status: str = "") -> QuerySet[Story]:
    """The user's visible stories as the library lists them, newest first.

    ``query`` matches the title, ignoring case; ``status`` is "" (all) or a key of
    STORY_LIBRARY_FILTERS (anything else raises KeyError: callers validate user input).
    Each story carries ``cover_page_id`` and ``cover_thumbnail`` (its lowest-numbered page
    with a thumbnail, so a failed cover falls back to the first drawn page; None before any
    picture) and ``page_count`` (story pages written, not counting the cover; the number
    asked for until the text exists), so listing any number of stories is one query.
    """
    stories = story_list_visible_to(user=user)
    query = query.strip()
    if query:
        stories = stories.filter(title__icontains=query)
    if status:
        stories = stories.filter(status__in=STORY_LIBRARY_FILTERS[status])
    covers = (
        Page.objects.filter(story=OuterRef("pk")).exclude(image_thumbnail="").order_by("number")
    )
    written = (
        Page.objects.filter(story=OuterRef("pk"), number__gte=1)
        .order_by()
        .values("story")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return stories.annotate(
        cover_page_id=Subquery(covers.values("pk")[:1]),
        cover_thumbnail=Subquery(covers.values("image_thumbnail")[:1]),
        page_count=Coalesce(Subquery(written), F("num_pages"), output_field=IntegerField()),
    ).order_by("-created_at", "-id")


def story_copy_title(*, user: User, title: str) -> str:
    """A free title for a copy of a story: "Title (copy)", then "Title (copy 2)"…"""
    return copy_name(
        title,
        is_taken=lambda candidate: story_title_taken(user=user, title=candidate),
        max_length=TITLE_MAX_LENGTH,
    )


def story_with_pages_queryset(*, user: User) -> QuerySet[Story]:
    """The user's visible stories with their pages in order, for printing and editing."""
    return story_list_visible_to(user=user).prefetch_related(
        Prefetch("pages", queryset=Page.objects.order_by("number"))
    )


def story_pdf_source(*, story_id: int) -> Story | None:
    """A story to print in a worker, with its pages in order; None once hidden or deleted.

    Not user-scoped: only a task queued by an owner's request asks for it.
    """
    return (
        Story.objects.filter(pk=story_id, is_hidden=False, is_deleted=False)
        .prefetch_related(Prefetch("pages", queryset=Page.objects.order_by("number")))
        .first()
    )


def page_image_list(*, page: Page) -> QuerySet[PageImage]:
    """Every picture the page has had, oldest version first.

    ``page`` must come from a user-scoped selector: the pictures are not checked again.
    """
    return PageImage.objects.filter(page=page).order_by("version")


def page_redraw_job_queryset(*, user: User) -> QuerySet[PageRedrawJob]:
    """Redraws of pages of the user's visible stories, with the page and the new picture."""
    return PageRedrawJob.objects.filter(
        page__story__owner=user, page__story__is_hidden=False, page__story__is_deleted=False
    ).select_related("page", "result")


def page_redraw_jobs_active(*, story: Story) -> QuerySet[PageRedrawJob]:
    """The story's redraws still waiting or drawing (at most one per page).

    ``story`` must come from a user-scoped selector.
    """
    return PageRedrawJob.objects.filter(
        page__story=story,
        status__in=[PageRedrawJob.Status.PENDING, PageRedrawJob.Status.RUNNING],
    ).order_by("created_at")


def page_redraw_job_latest(*, page: Page) -> PageRedrawJob | None:
    """The page's most recent redraw, whatever its state; None if it was never redrawn.

    ``page`` must come from a user-scoped selector.
    """
    return PageRedrawJob.objects.filter(page=page).order_by("-created_at").first()
