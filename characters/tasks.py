"""Celery tasks of the character library: thin wrappers that call one service each."""

from __future__ import annotations

from celery import shared_task
from celery.app.task import Task

from storygen.jobs import RetryLater


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    max_retries=None,
    soft_time_limit=540,
    time_limit=570,
)
def character_image_draw(self: Task, job_id: str) -> None:
    """Draw the reference sheet a CharacterImageJob asks for."""
    from characters import services

    try:
        services.character_image_draw(job_id=job_id)
    except RetryLater as later:
        raise self.retry(countdown=later.delay) from later
