"""Following a story's generation, resuming it, and reading it and its pictures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from stories import selectors, services
from stories.layout import PageLayout, page_layout
from stories.models import CONTENT_WITHHELD, Page, Story
from stories.progress import story_progress_summary
from stories.services.media import page_picture_path
from storygen.exceptions import ApplicationError, NotFound
from storygen.files import private_picture_response
from storygen.shortcuts import safe_next_url

GENERATING = {Story.Status.QUEUED, Story.Status.GENERATING}


@dataclass(frozen=True)
class Screen:
    """One screen of the reader: the cover (index 0) or a page."""

    index: int
    page: Page | None
    layout: PageLayout
    label: str

    @property
    def is_cover(self) -> bool:
        return self.index == 0


class HiddenByModeration(Exception):
    """The owner asked for a story a moderator hid: they get a notice, not its content."""


def _visible_story(request: HttpRequest, story_id: int) -> Story:
    story = selectors.story_detail_queryset(user=request.user).filter(pk=story_id).first()
    if story is not None:
        return story
    if selectors.story_hidden_by_moderation(user=request.user, story_id=story_id):
        raise HiddenByModeration()
    raise Http404("No story here.")


def hidden_story_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "stories/hidden.html", status=403)


def _progress_context(story: Story) -> dict[str, Any]:
    task = selectors.generation_task_latest_for_story(story=story)
    return {
        "story": story,
        "task": task,
        "progress": story_progress_summary(story, task),
        # The tiles take the pages' shape, so a thumbnail is shown whole.
        "page_ratio": page_layout(story).aspect_ratio,
    }


@login_required
@require_GET
def story_progress(request: HttpRequest, story_id: int) -> HttpResponse:
    try:
        story = _visible_story(request, story_id)
    except HiddenByModeration:
        return hidden_story_notice(request)
    if story.is_draft:
        return redirect("stories:resume-draft", story_id=story.pk)
    return render(request, "stories/progress.html", _progress_context(story))


@login_required
@require_GET
@never_cache
def story_progress_status(request: HttpRequest, story_id: int) -> HttpResponse:
    """The status part of the progress page, which the page's script polls and swaps in."""
    try:
        story = _visible_story(request, story_id)
    except HiddenByModeration:
        raise Http404("No story here.") from None
    if story.is_draft:
        return redirect("stories:resume-draft", story_id=story.pk)
    context = _progress_context(story)
    response = render(request, "stories/_progress_status.html", context)
    # Tells the polling script to stop, without it having to parse the fragment.
    response["X-Progress-Finished"] = "true" if context["progress"].finished else "false"
    return response


@login_required
@require_POST
def story_resume(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(selectors.story_list_visible_to(user=request.user), pk=story_id)
    try:
        services.story_resume(story=story)
    except ApplicationError as exc:  # not resumable, or over a quota
        messages.error(request, exc.message)
        return redirect(safe_next_url(request, reverse("stories:progress", args=[story.pk])))
    messages.success(request, "Trying again: only what is missing is being made.")
    return redirect("stories:progress", story_id=story.pk)


def _screens(story: Story) -> list[Screen]:
    pages = list(story.pages.all())
    cover = pages[0] if pages and pages[0].number == 0 else None
    body = [page for page in pages if page.number > 0]
    screens = [Screen(0, cover, page_layout(story, cover), "Cover")]
    screens.extend(
        Screen(index, page, page_layout(story, page), f"Page {index} of {len(body)}")
        for index, page in enumerate(body, start=1)
    )
    return screens


def requested_screen(value: str | None, last: int) -> int:
    """The screen a ``?page=`` value asks for, up to ``last`` (the reader and the editor).

    An edited or stale link still opens the book: not a number → the cover, past the end →
    the last page.
    """
    try:
        number = int(value or 0)
    except ValueError:
        return 0
    return min(max(number, 0), last)


@login_required
@require_GET
def story_read(request: HttpRequest, story_id: int) -> HttpResponse:
    try:
        story = _visible_story(request, story_id)
    except HiddenByModeration:
        return hidden_story_notice(request)
    if story.is_draft:
        return redirect("stories:resume-draft", story_id=story.pk)
    if story.content_withheld:
        # Held for review or refused: not one word or picture of it is shown, only why.
        task = selectors.generation_task_latest_for_story(story=story)
        return render(
            request,
            "stories/reader.html",
            {
                "story": story,
                "withheld": True,
                "progress": story_progress_summary(story, task),
            },
        )
    screens = _screens(story)
    current = requested_screen(request.GET.get("page"), len(screens) - 1)
    return render(
        request,
        "stories/reader.html",
        {
            "story": story,
            "screens": screens,
            "current": screens[current],
            "previous": screens[current - 1] if current > 0 else None,
            "next": screens[current + 1] if current + 1 < len(screens) else None,
            "is_generating": story.status in GENERATING,
        },
    )


@login_required
@require_GET
def page_image(request: HttpRequest, story_id: int, page_id: int, variant: str) -> FileResponse:
    pages = selectors.page_queryset(user=request.user, story_id=story_id)
    page = get_object_or_404(pages.exclude(story__status__in=CONTENT_WITHHELD), pk=page_id)
    try:
        path = page_picture_path(page, variant)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return private_picture_response(
        path, filename=f"story-{story_id}-page-{page.number}{path.suffix}"
    )
