"""Following a story's generation, resuming it, reading it, and its pictures (owner only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from stories import selectors, services
from stories.errors import StoryNotResumable
from stories.layout import PageLayout, page_layout
from stories.models import GenerationTask, Page, StepStatus, Story
from stories.services.media import page_picture_path
from storygen.exceptions import NotFound
from storygen.files import private_picture_response

GENERATING = {Story.Status.QUEUED, Story.Status.GENERATING}
# A run's error message comes from the provider layer, which keeps it fit for users; this
# guards the page anyway against anything that reads like a crash report.
_CRASH_MARKERS = ("Traceback (most recent call last)", 'File "')
MAX_ERROR_LENGTH = 500
GENERIC_FAILURE = "Something went wrong while making this story."

_TILE_LABELS = {
    "drawn": "Drawn",
    "drawing": "Drawing…",
    "waiting": "Waiting",
    "failed": "Failed",
    "blocked": "Not drawn",
    "text": "Text only",
}

#: Page status → tile state, for pages that need a picture and have none yet.
_UNDRAWN_STATES: dict[str, str] = {
    StepStatus.RUNNING: "drawing",
    StepStatus.FAILED: "failed",
    StepStatus.BLOCKED: "blocked",
}


@dataclass(frozen=True)
class Tile:
    """One page in the progress grid."""

    number: int
    page: Page | None
    state: str

    @property
    def label(self) -> str:
        return _TILE_LABELS[self.state]


@dataclass(frozen=True)
class Progress:
    """Where a story's generation stands, in the words the progress page shows."""

    state: str  # waiting, running, ready, partial or failed
    percent: int
    sentence: str
    tiles: list[Tile]
    missing: int
    blocked: int
    error: str

    @property
    def finished(self) -> bool:
        return self.state in {"ready", "partial", "failed"}


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


def _tile_state(page: Page) -> str:
    if not page.needs_picture:
        return "text"
    if page.status == StepStatus.DONE and page.image_thumbnail:
        return "drawn"
    return _UNDRAWN_STATES.get(page.status, "waiting")


def _user_facing(message: str) -> str:
    message = message.strip()
    if not message or any(marker in message for marker in _CRASH_MARKERS):
        return GENERIC_FAILURE
    if len(message) > MAX_ERROR_LENGTH:
        return message[: MAX_ERROR_LENGTH - 1].rstrip() + "…"
    return message


def _progress(story: Story, task: GenerationTask | None) -> Progress:
    pages = list(story.pages.all())
    if pages:
        tiles = [Tile(page.number, page, _tile_state(page)) for page in pages]
    else:
        # Before the text is written there are no pages yet: show where they will appear.
        tiles = [Tile(number, None, "waiting") for number in range(story.num_pages + 1)]
    to_draw = [tile for tile in tiles if tile.state != "text"]
    drawn = sum(tile.state == "drawn" for tile in to_draw)
    blocked = sum(tile.state == "blocked" for tile in tiles)
    missing = sum(tile.state in {"failed", "blocked"} for tile in tiles)

    if story.status == Story.Status.READY:
        sentence = "Finished: every page is written and illustrated."
        return Progress("ready", 100, sentence, tiles, 0, 0, "")
    if story.status == Story.Status.PARTIAL:
        missing = missing or (task.failed_pages_count if task else 0)
        sentence = (
            f"Your story is finished, but {missing} picture{'s' if missing != 1 else ''} "
            "could not be drawn."
        )
        # A run that finished normally says only what the page already explains; one that
        # was stopped (the provider's quota ran out) says why.
        stopped = task is not None and task.status == GenerationTask.Status.FAILED
        error = _user_facing(task.last_error) if stopped and task and task.last_error else ""
        return Progress("partial", 100, sentence, tiles, missing, blocked, error)
    if story.status == Story.Status.FAILED:
        error = _user_facing(task.error_message) if task and task.error_message else ""
        sentence = "Your story could not be made this time."
        return Progress("failed", task.progress if task else 0, sentence, tiles, 0, 0, error)

    if task is None or task.status == GenerationTask.Status.PENDING:
        return Progress("waiting", 0, "Waiting to start.", tiles, 0, 0, "")
    known = task.current_step in GenerationTask.Step.values
    step = GenerationTask.Step(task.current_step) if known else GenerationTask.Step.INITIALIZING
    sentence = step.label
    if step == GenerationTask.Step.GENERATING_PAGE_IMAGES:
        sentence = f"{step.label} — {drawn} of {len(to_draw)} drawn"
    elif step == GenerationTask.Step.GENERATING_CHARACTER_IMAGES:
        cast = list(story.cast.all())
        done = sum(member.status == StepStatus.DONE for member in cast)
        sentence = f"{step.label} — {done} of {len(cast)} drawn"
    return Progress("running", task.progress, f"{sentence}.", tiles, 0, 0, "")


def _visible_story(request: HttpRequest, story_id: int) -> Story:
    return get_object_or_404(selectors.story_detail_queryset(user=request.user), pk=story_id)


def _progress_context(story: Story) -> dict[str, Any]:
    task = selectors.generation_task_latest_for_story(story=story)
    return {"story": story, "task": task, "progress": _progress(story, task)}


@login_required
@require_GET
def story_progress(request: HttpRequest, story_id: int) -> HttpResponse:
    story = _visible_story(request, story_id)
    if story.is_draft:
        return redirect("stories:resume-draft", story_id=story.pk)
    return render(request, "stories/progress.html", _progress_context(story))


@login_required
@require_GET
@never_cache
def story_progress_status(request: HttpRequest, story_id: int) -> HttpResponse:
    """The status part of the progress page, which the page's script polls and swaps in."""
    story = _visible_story(request, story_id)
    if story.is_draft:
        return redirect("stories:resume-draft", story_id=story.pk)
    context = _progress_context(story)
    response = render(request, "stories/_progress_status.html", context)
    # Tells the polling script to stop, without it having to parse the fragment.
    response["X-Progress-Finished"] = "true" if context["progress"].finished else "false"
    return response


def _back(request: HttpRequest, story: Story) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("stories:progress", args=[story.pk])


@login_required
@require_POST
def story_resume(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(selectors.story_list_visible_to(user=request.user), pk=story_id)
    try:
        services.story_resume(story=story)
    except StoryNotResumable as exc:
        messages.error(request, exc.message)
        return redirect(_back(request, story))
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


def _requested_screen(value: str | None, last: int) -> int:
    # An edited or stale link still opens the book: not a number → the cover, past the
    # end → the last page.
    try:
        number = int(value or 0)
    except ValueError:
        return 0
    return min(max(number, 0), last)


@login_required
@require_GET
def story_read(request: HttpRequest, story_id: int) -> HttpResponse:
    story = _visible_story(request, story_id)
    if story.is_draft:
        return redirect("stories:resume-draft", story_id=story.pk)
    screens = _screens(story)
    current = _requested_screen(request.GET.get("page"), len(screens) - 1)
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
    page = get_object_or_404(
        selectors.page_queryset(user=request.user, story_id=story_id), pk=page_id
    )
    try:
        path = page_picture_path(page, variant)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return private_picture_response(
        path, filename=f"story-{story_id}-page-{page.number}{path.suffix}"
    )
