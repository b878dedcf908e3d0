"""Recovery with real processes: a killed worker's story moves on in seconds, and a worker
rides out Redis restarts."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from stories.models import Page, StepStatus, Story
from storygen.models import WorkerHeartbeat
from storygen.testing.fake_openai import FakeOpenAI
from storygen.testing.processes import (
    CeleryWorker,
    RedisServer,
    publishing_to,
    worker_environment,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SIX_PAGES = {
    "title": "",
    "genre": "Fantasy",
    "story_outline": "Mira and Pip sail a paper boat to the moon and back before breakfast.",
    "main_characters": [{"name": "Mira", "description": "a girl with curly red hair"}],
    "num_pages": 6,
}
# The shipped leases: recovery must not come from waiting them out.
DEFAULT_LEASES = {"STORYGEN_STEP_LEASE_SECONDS": "600", "STORYGEN_QUEUE_LEASE_SECONDS": "300"}


@pytest.fixture(autouse=True)
def openai_configured(settings: Any) -> None:
    settings.AI_PROVIDER = "openai"
    settings.OPENAI_API_KEY = "sk-integration"


def _create(client: APIClient) -> int:
    response = client.post(reverse("story-list"), SIX_PAGES, format="json")
    assert response.status_code == 202, response.content
    return int(response.json()["story_id"])


def _wait_until(predicate: Callable[[], bool], timeout: float, what: str, *logs: Any) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            output = "\n\n".join(worker.output()[-3000:] for worker in logs)
            pytest.fail(f"{what} did not happen within {timeout:.0f} s\n{output}")
        time.sleep(0.1)


def _finished(story_id: int) -> bool:
    return Story.objects.get(pk=story_id).status not in {
        Story.Status.QUEUED,
        Story.Status.GENERATING,
    }


def test_a_killed_workers_pages_are_drawn_by_another_within_seconds_not_at_lease_end(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    # Pages (drawn as edits of the sheet) take long enough that they are still being drawn
    # when the kill comes, even on a loaded machine where the second worker starts slowly.
    fake_ai.configure(image_latency=2.0, edit_latency=10.0)
    doomed = start_worker(AI_MAX_CONCURRENT_IMAGES="8", **DEFAULT_LEASES)
    story_id = _create(client_for(user))
    doomed_run = WorkerHeartbeat.objects.get(pid=doomed.process.pid).worker_id  # type: ignore[union-attr]

    held_by_doomed = Page.objects.filter(story_id=story_id, claimed_by__startswith=f"{doomed_run}/")

    def drawing_pages() -> bool:
        return held_by_doomed.count() >= 3

    _wait_until(drawing_pages, 60, "pages being drawn", doomed)
    survivor = start_worker(AI_MAX_CONCURRENT_IMAGES="8", **DEFAULT_LEASES)
    in_flight = fake_ai.in_flight
    doomed.kill()
    killed_at = time.monotonic()
    fake_ai.configure(edit_latency=2.0)
    held = held_by_doomed.count()
    assert held >= 3, "the kill should have caught pages being drawn"

    _wait_until(lambda: _finished(story_id), 90, "the story finishing", doomed, survivor)
    recovered_in = time.monotonic() - killed_at

    story = Story.objects.get(pk=story_id)
    assert story.status == Story.Status.READY
    assert recovered_in < 60  # not the 600 s step lease
    assert not Page.objects.filter(story_id=story_id).exclude(status=StepStatus.DONE).exists()
    # Extra pictures are at most the calls that were in flight at the kill.
    pictures = len(fake_ai.calls_of("image")) + len(fake_ai.calls_of("edit"))
    assert 8 <= pictures <= 8 + in_flight  # a sheet, a cover and six pages
    assert WorkerHeartbeat.objects.get(worker_id=doomed_run).stopped_at is not None


@pytest.fixture
def persistent_redis(transactional_db: None) -> Iterator[RedisServer]:
    """A redis-server of this test alone, with an append-only file, to restart at will."""
    server = RedisServer(append_only=True)
    with server, publishing_to(server.url, visibility_timeout=20):
        yield server


def test_the_worker_rides_out_redis_restarts_in_the_middle_of_stories(
    persistent_redis: RedisServer,
    fake_ai: FakeOpenAI,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    from stories.tests.integration.conftest import WORKER_SETTINGS

    fake_ai.configure(image_latency=0.5, edit_latency=0.5)
    env = worker_environment(
        broker_url=persistent_redis.url,
        extra={**WORKER_SETTINGS, "OPENAI_BASE_URL": fake_ai.base_url},
    )
    with CeleryWorker(env, name="steady") as worker:
        client = client_for(user)
        stories = []
        for _ in range(3):
            stories.append(_create(client))
            time.sleep(1.0)  # in the middle of writing and drawing
            persistent_redis.kill()
            time.sleep(2.0)
            persistent_redis.start()
            time.sleep(2.0)
            assert worker.process is not None
            assert worker.process.poll() is None, worker.output()[-4000:]
        for story_id in stories:
            _wait_until(lambda sid=story_id: _finished(sid), 90, "the stories finishing", worker)
        assert "Unrecoverable error" not in worker.output()
    assert {Story.objects.get(pk=sid).status for sid in stories} == {Story.Status.READY}
