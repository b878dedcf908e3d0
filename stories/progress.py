"""A story's generation progress in the words and pictures the progress page shows."""

from __future__ import annotations

from dataclasses import dataclass

from stories.models import GenerationTask, Page, StepStatus, Story
from storygen import heartbeats

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


#: What the page is about, by state: its heading and the start of its window title.
_HEADINGS = {
    "waiting": "Making your story",
    "running": "Making your story",
    "ready": "Your story is ready",
    "partial": "Your story is almost ready",
    "failed": "Your story was not finished",
    "held": "Your story is waiting for review",
    "refused": "Your story was not made",
}


@dataclass(frozen=True)
class Progress:
    """Where a story's generation stands, in the words the progress page shows."""

    state: str  # waiting, running, ready, partial, failed, held or refused
    percent: int
    sentence: str
    tiles: list[Tile]
    missing: int
    blocked: int
    error: str
    # Waiting or running, but no worker is alive to carry the story on.
    no_worker: bool = False

    @property
    def finished(self) -> bool:
        return self.state in {"ready", "partial", "failed", "held", "refused"}

    @property
    def heading(self) -> str:
        return _HEADINGS[self.state]


NO_WORKER_NOTICE = (
    "No worker is running, so this story is waiting. It carries on by itself as soon as a "
    "worker starts: `make run` starts one, and on a server it is the worker service."
)


def waiting_for_worker(task: GenerationTask) -> bool:
    """Whether the run has work to do but no worker is alive to do it."""
    return task.is_active and not heartbeats.worker_available()


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


def story_progress_summary(story: Story, task: GenerationTask | None) -> Progress:
    """Where the story's latest run (``task``) stands: state, percent, a sentence, tiles.

    A story held for review or refused shows no pages at all, only why.
    """
    if story.status == Story.Status.HELD:
        error = task.error_message if task and task.error_message else ""
        percent = task.progress if task else 0
        return Progress("held", percent, "Waiting for a safety review.", [], 0, 0, error)
    if story.status == Story.Status.REFUSED:
        error = task.error_message if task and task.error_message else ""
        return Progress("refused", 0, "This story was not made.", [], 0, 0, error)
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

    no_worker = not heartbeats.worker_available()
    if task is None or task.status == GenerationTask.Status.PENDING:
        sentence = "Waiting for a worker to start." if no_worker else "Waiting to start."
        return Progress("waiting", 0, sentence, tiles, 0, 0, "", no_worker)
    known = task.current_step in GenerationTask.Step.values
    step = GenerationTask.Step(task.current_step) if known else GenerationTask.Step.INITIALIZING
    sentence = step.label
    if step == GenerationTask.Step.GENERATING_PAGE_IMAGES:
        sentence = f"{step.label} — {drawn} of {len(to_draw)} drawn"
    elif step == GenerationTask.Step.GENERATING_CHARACTER_IMAGES:
        cast = list(story.cast.all())
        done = sum(member.status == StepStatus.DONE for member in cast)
        sentence = f"{step.label} — {done} of {len(cast)} drawn"
    sentence = "Paused: no worker is running." if no_worker else f"{sentence}."
    return Progress("running", task.progress, sentence, tiles, 0, 0, "", no_worker)
