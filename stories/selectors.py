"""Reads of stories, pages, generation runs and option lists; every user-scoped fetch is here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, Model, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from characters.models import Character, CharacterImage
from stories.models import (
    CONTENT_WITHHELD,
    TITLE_MAX_LENGTH,
    DynamicList,
    DynamicListItem,
    GenerationTask,
    Page,
    PageImage,
    PageRedrawJob,
    Story,
    StoryCharacter,
)
from storygen.naming import copy_name
from storygen.option_lists import Choice


def story_list_visible_to(*, user: User) -> QuerySet[Story]:
    """The user's own stories, minus those moderation hid or deleted. No pages."""
    return Story.objects.filter(owner=user, is_hidden=False, is_deleted=False)


def story_hidden_count(*, user: User) -> int:
    """How many of the user's stories a moderator has hidden (not deleted): the owner is
    told they exist, though not what they hold."""
    return Story.objects.filter(owner=user, is_hidden=True, is_deleted=False).count()


def story_hidden_by_moderation(*, user: User, story_id: int) -> bool:
    """Whether ``story_id`` is one of the user's stories that a moderator hid."""
    return Story.objects.filter(pk=story_id, owner=user, is_hidden=True, is_deleted=False).exists()


def story_list_for_owner(
    *, user: User, include_drafts: bool = True, offset: int = 0, limit: int = 100
) -> QuerySet[Story]:
    """One page of the user's visible stories, newest first, with their cast (2 queries)."""
    stories = story_list_visible_to(user=user)
    if not include_drafts:
        stories = stories.exclude(status=Story.Status.DRAFT)
    return stories.order_by("-created_at", "-id").prefetch_related("cast")[offset : offset + limit]


def _readable_pages() -> QuerySet[Page]:
    """Pages in order, minus those of stories a safety check holds back (CONTENT_WITHHELD):
    their text and pictures reach nobody until a moderator releases them."""
    return Page.objects.exclude(story__status__in=CONTENT_WITHHELD).order_by("number")


def story_detail_queryset(*, user: User) -> QuerySet[Story]:
    """Visible stories with everything the detail view shows, for ``get_object_or_404``."""
    return story_list_visible_to(user=user).prefetch_related(
        "cast", Prefetch("pages", queryset=_readable_pages())
    )


def story_draft_queryset(*, user: User) -> QuerySet[Story]:
    """The user's visible drafts, with what the detail view shows (their cast)."""
    return story_detail_queryset(user=user).filter(status=Story.Status.DRAFT)


def page_queryset(*, user: User, story_id: int) -> QuerySet[Page]:
    """Pages of one of the user's visible stories (none of a story held back for review)."""
    return _visible_pages(story_id=story_id).filter(story__owner=user)


def page_of_owner(*, owner_id: int, story_id: int, page_id: int) -> Page | None:
    """One page of a visible story of an active user, by ids alone (with its story): for a
    signed picture address, which carries the owner's id rather than a signed-in user."""
    return (
        _visible_pages(story_id=story_id)
        .filter(pk=page_id, story__owner_id=owner_id, story__owner__is_active=True)
        .select_related("story")
        .first()
    )


def _visible_pages(*, story_id: int) -> QuerySet[Page]:
    # story__pk, not story_id: a lookup on the key itself matches nothing for an id too large
    # for the column, where one on the foreign key column overflows SQLite.
    return Page.objects.filter(
        story__pk=story_id, story__is_hidden=False, story__is_deleted=False
    ).exclude(story__status__in=CONTENT_WITHHELD)


def generation_task_queryset(*, user: User) -> QuerySet[GenerationTask]:
    """The user's own generation runs."""
    return GenerationTask.objects.filter(user=user)


UNFINISHED_RUN_STATUSES = (GenerationTask.Status.PENDING, GenerationTask.Status.IN_PROGRESS)


def generation_task_unfinished() -> QuerySet[GenerationTask]:
    """Every user's runs queued or in progress (the limit on stories being made at once).

    A run held for a safety review is not counted: it waits on the moderators, not on the
    AI, and a slow review must not stop its owner from starting other stories.
    """
    return GenerationTask.objects.filter(status__in=UNFINISHED_RUN_STATUSES).exclude(
        story__status=Story.Status.HELD
    )


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


def dynamic_list_active_choices(list_names: Sequence[str]) -> dict[str, list[Choice]]:
    """Active choices per list in display order, in one query; lists without any are absent.
    (How storygen.option_lists reads the lists.)"""
    choices: dict[str, list[Choice]] = {}
    rows = (
        DynamicListItem.objects.filter(dynamic_list_id__in=list(list_names), is_active=True)
        .order_by("sort_order", "item_label")
        .values_list("dynamic_list_id", "item_value", "item_label")
    )
    for list_name, value, label in rows:
        choices.setdefault(list_name, []).append(Choice(value, label))
    return choices


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
    "held": (Story.Status.HELD, Story.Status.REFUSED),
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
    """The user's visible stories with their readable pages in order, for printing and
    editing."""
    return story_list_visible_to(user=user).prefetch_related(
        Prefetch("pages", queryset=_readable_pages())
    )


def story_pdf_source(*, story_id: int) -> Story | None:
    """A story to print in a worker, with its pages in order; None once hidden, deleted or
    held back by a safety check.

    Not user-scoped: only a task queued by an owner's request asks for it.
    """
    return (
        Story.objects.filter(pk=story_id, is_hidden=False, is_deleted=False)
        .exclude(status__in=CONTENT_WITHHELD)
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


# --- option lists, as administrators manage them ---------------------------------------------

#: How many names an in-use detail lists before "and N more".
IN_USE_NAMES_SHOWN = 5


def _items_in_order() -> QuerySet[DynamicListItem]:
    return DynamicListItem.objects.order_by("sort_order", "item_label", "id")


def dynamic_list_list(*, offset: int = 0, limit: int = 100) -> QuerySet[DynamicList]:
    """One page of the option lists by name, each with all its items in order (2 queries)."""
    return DynamicList.objects.order_by("list_name").prefetch_related(
        Prefetch("items", queryset=_items_in_order())
    )[offset : offset + limit]


def dynamic_list_get(*, list_name: str) -> DynamicList | None:
    """The list with its items in order, or None."""
    return (
        DynamicList.objects.filter(pk=list_name)
        .prefetch_related(Prefetch("items", queryset=_items_in_order()))
        .first()
    )


def dynamic_list_exists(*, list_name: str) -> bool:
    return DynamicList.objects.filter(pk=list_name).exists()


def dynamic_list_item_list(
    *, list_name: str, only_active: bool = False, offset: int = 0, limit: int = 100
) -> QuerySet[DynamicListItem]:
    """One page of a list's items by sort order then label; inactive ones too unless asked."""
    items = _items_in_order().filter(dynamic_list_id=list_name)
    if only_active:
        items = items.filter(is_active=True)
    return items[offset : offset + limit]


def dynamic_list_item_get(*, item_id: int) -> DynamicListItem | None:
    return DynamicListItem.objects.filter(pk=item_id).first()


def _story_name(story: Story) -> str:
    return story.title or f"ID {story.pk}"


@dataclass(frozen=True)
class ListValueUse:
    """One field that stores values of a list: which rows count and how to name one."""

    what: str  # "Genre"
    where: str  # "Stories"
    model: type[Model]
    field: str
    related: tuple[str, ...] = ()

    def rows(self, values: list[str]) -> QuerySet[Any]:
        return self.model._default_manager.filter(**{f"{self.field}__in": values})

    def name(self, row: Any) -> str:
        if isinstance(row, Story):
            return _story_name(row)
        if isinstance(row, Page):
            return f"{_story_name(row.story)} page {row.number}"
        if isinstance(row, StoryCharacter):
            return f"{row.name} in {_story_name(row.story)}"
        if isinstance(row, CharacterImage):
            return f"{row.character.name} picture {row.pk}"
        if isinstance(row, Character):
            return row.name or f"ID {row.pk}"
        return f"ID {row.pk}"


#: Every place a list's values are stored. Any story (drafts, hidden and deleted ones too),
#: page or character holding the value keeps the item from being deleted.
LIST_VALUE_USES: dict[str, tuple[ListValueUse, ...]] = {
    "genres": (ListValueUse("Genre", "Stories", Story, "genre"),),
    "image_styles": (
        ListValueUse("Image Style", "Stories", Story, "image_style"),
        ListValueUse("Image Style", "Characters", Character, "image_style"),
        ListValueUse(
            "Image Style", "Character Pictures", CharacterImage, "image_style", ("character",)
        ),
    ),
    "writing_styles": (ListValueUse("Writing Style", "Stories", Story, "writing_style"),),
    "word_to_picture_ratio": (
        ListValueUse("Word to Picture Ratio", "Stories", Story, "word_to_picture_ratio"),
    ),
    "text_density": (ListValueUse("Text Density", "Stories", Story, "text_density"),),
    "font_families": (
        ListValueUse("Font Family", "Stories", Story, "font_family"),
        ListValueUse("Font Family", "Story Pages", Page, "font_family", ("story",)),
    ),
    "text_positions": (
        ListValueUse("Text Position", "Stories", Story, "text_position"),
        ListValueUse("Text Position", "Story Pages", Page, "text_position", ("story",)),
    ),
    "genders": (
        ListValueUse("Gender", "Characters", Character, "gender"),
        ListValueUse("Gender", "Story Characters", StoryCharacter, "gender", ("story",)),
    ),
}


def dynamic_list_item_usage(*, item: DynamicListItem) -> list[str]:
    """Where the item's value is stored, one line per kind of place; empty when unused.

    A line reads "Genre in Stories: The Lantern Keeper, ID 7, and 3 more" (at most
    IN_USE_NAMES_SHOWN names). At most two queries per place the list's values are stored.
    """
    details = []
    for use in LIST_VALUE_USES.get(item.dynamic_list_id, ()):
        rows = use.rows([item.item_value]).select_related(*use.related).order_by("pk")
        shown = list(rows[:IN_USE_NAMES_SHOWN])
        if not shown:
            continue
        names = ", ".join(use.name(row) for row in shown)
        more = rows.count() - len(shown) if len(shown) == IN_USE_NAMES_SHOWN else 0
        if more:
            names += f", and {more} more"
        details.append(f"{use.what} in {use.where}: {names}")
    return details


def dynamic_list_values_in_use(*, list_name: str, values: list[str]) -> set[str]:
    """Which of ``values`` are stored anywhere the list's values are used (one query a place)."""
    used: set[str] = set()
    if not values:
        return used
    for use in LIST_VALUE_USES.get(list_name, ()):
        used.update(use.rows(values).order_by().values_list(use.field, flat=True).distinct())
    return used
