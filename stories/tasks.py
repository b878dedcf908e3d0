"""Celery tasks of the generation pipeline: thin wrappers that call one service each."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.app.task import Task

from storygen.jobs import RetryLater

# Limits are per step. They are enforced by prefork pools; with the thread pool the
# provider client's own timeouts bound every call instead.
_LIMITS: dict[str, Any] = {"soft_time_limit": 540, "time_limit": 570}


@shared_task(bind=True, acks_late=True, ignore_result=True, **_LIMITS)
def story_generate(self: Task, task_id: str) -> None:
    """Start a generation run and send its first steps."""
    from stories import services

    services.generation_begin(task_id=task_id)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None, **_LIMITS)
def story_write(self: Task, task_id: str) -> None:
    """Write the story text of a run."""
    from stories import services

    try:
        services.story_write(task_id=task_id)
    except RetryLater as later:
        raise self.retry(countdown=later.delay) from later


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None, **_LIMITS)
def sheet_draw(self: Task, task_id: str, member_id: int) -> None:
    """Give one cast member of a run a reference sheet."""
    from stories import services

    try:
        services.sheet_draw(task_id=task_id, member_id=member_id)
    except RetryLater as later:
        raise self.retry(countdown=later.delay) from later


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None, **_LIMITS)
def page_draw(self: Task, task_id: str, page_id: int) -> None:
    """Draw one page of a run."""
    from stories import services

    try:
        services.page_draw(task_id=task_id, page_id=page_id)
    except RetryLater as later:
        raise self.retry(countdown=later.delay) from later


@shared_task(ignore_result=True)
def generation_reconcile() -> int:
    """Re-send stalled work (also run by every worker on a timer)."""
    from stories import services

    return services.generation_reconcile()


@shared_task(bind=True, acks_late=True, ignore_result=True, **_LIMITS)
def story_pdf_render(self: Task, story_id: int) -> None:
    """Render a story's PDF into its cache (idempotent: skips a PDF already made)."""
    from stories.services.pdf import story_pdf_render

    story_pdf_render(story_id=story_id)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None, **_LIMITS)
def page_redraw(self: Task, job_id: str) -> None:
    """Draw the new picture a PageRedrawJob asks for."""
    from stories import services

    try:
        services.page_redraw(job_id=job_id)
    except RetryLater as later:
        raise self.retry(countdown=later.delay) from later
