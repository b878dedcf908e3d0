"""Errors the story services raise, with their API status and code."""

from __future__ import annotations

from storygen.exceptions import ApplicationError, Conflict


class StoryTitleTaken(ApplicationError):
    code = "title_taken"
    default_message = "A story with this title already exists."


class StoryNotResumable(Conflict):
    code = "not_resumable"
    default_message = "This story cannot be resumed now."


class PictureSlotsBusy(Exception):
    """Every picture slot stayed taken: try the step later without spending an attempt."""


class RetryLater(Exception):
    """A pipeline step hit a transient provider error and wants to run again in ``delay`` s.

    The step has already released its claim and recorded the retry; the task re-queues it.
    """

    def __init__(self, delay: float) -> None:
        super().__init__(f"retry in {delay:.1f}s")
        self.delay = delay
