"""End to end: real Celery workers, a real redis-server and the real openai SDK (fake server).

These tests start processes, so they are marked ``integration``; they still run in
``make test``.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import User
from stories.models import GenerationTask, Page, StepStatus, Story
from storygen.broker import embedded_socket_path
from storygen.embedded import redis_answers
from storygen.media import media_path
from storygen.testing.fake_openai import FakeOpenAI
from storygen.testing.processes import ROOT, CeleryWorker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TWELVE_PAGES = {
    "title": "",
    "genre": "Fantasy",
    "story_outline": "Mira and Pip sail a paper boat to the moon and back before breakfast.",
    "main_characters": [
        {
            "name": "Mira",
            "description": "a girl with curly red hair",
            "clothing_style": "a yellow coat",
        },
        {"name": "Pip", "description": "a small grey seagull"},
    ],
    "num_pages": 12,
    "image_style": "Watercolor",
}


@pytest.fixture(autouse=True)
def openai_configured(settings: Any) -> None:
    settings.AI_PROVIDER = "openai"
    settings.OPENAI_API_KEY = "sk-integration"


def _create(client: APIClient, payload: dict[str, Any] = TWELVE_PAGES) -> dict[str, Any]:
    response = client.post(reverse("story-list"), payload, format="json")
    assert response.status_code == 202, response.content
    return response.json()


def _wait_for_story(story_id: int, workers: list[CeleryWorker], timeout: float = 90) -> Story:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        story = Story.objects.get(pk=story_id)
        if story.status not in {Story.Status.QUEUED, Story.Status.GENERATING}:
            return story
        time.sleep(0.2)
    logs = "\n\n".join(worker.output()[-4000:] for worker in workers)
    pytest.fail(f"story {story_id} still {story.status} after {timeout} s\n{logs}")


def _assert_pictures_are_whole(story: Story) -> None:
    for page in story.pages.exclude(image=""):
        for field in (page.image, page.image_display, page.image_thumbnail):
            with Image.open(io.BytesIO(media_path(field.name).read_bytes())) as picture:
                picture.verify()


def test_a_twelve_page_story_with_two_characters_completes(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    worker = start_worker(AI_MAX_CONCURRENT_IMAGES="8")
    task = _create(client_for(user))
    story = _wait_for_story(task["story_id"], [worker])

    assert story.status == Story.Status.READY
    pages = list(story.pages.order_by("number"))
    assert [p.number for p in pages] == list(range(13))
    assert all(p.status == StepStatus.DONE and p.image for p in pages)
    _assert_pictures_are_whole(story)
    assert story.provider == "openai"
    # Exactly one text call, one sheet per character, one picture per page.
    assert len(fake_ai.calls_of("text")) == 1
    assert len(fake_ai.calls_of("image")) + len(fake_ai.calls_of("edit")) == 2 + 13
    assert story.ai_calls == 16
    # Every page's picture was checked with its words before anyone could see it.
    picture_checks = [call for call in fake_ai.calls_of("moderation") if call.references]
    assert len(picture_checks) == 13
    # Pages are drawn in parallel, never more at once than the global cap allows (their
    # checks included: a picture is checked inside its slot).
    assert fake_ai.max_in_flight_of("edit") >= 4
    assert fake_ai.max_in_flight <= 8
    # Pages with characters are edits of those characters' sheets.
    edits = {call.prompt: call.references for call in fake_ai.calls_of("edit")}
    assert edits
    assert all(refs >= 1 for refs in edits.values())
    run = GenerationTask.objects.get(pk=task["id"])
    assert (run.status, run.progress, run.current_step) == ("completed", 100, "finalizing")


def test_a_rate_limit_storm_with_retry_after_is_ridden_out(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    worker = start_worker(AI_MAX_CONCURRENT_IMAGES="8")
    # The next few pictures are refused, whenever they come (a storm timed from now could
    # pass before a slow machine reaches the pictures); even if one step met every refusal
    # of its kind it would stay within its attempt budget.
    fake_ai.add_fault("image", status=429, retry_after=1, times=3)
    fake_ai.add_fault("edit", status=429, retry_after=1, times=4)
    payload = {**TWELVE_PAGES, "num_pages": 4}
    task = _create(client_for(user), payload)
    story = _wait_for_story(task["story_id"], [worker])

    assert story.status == Story.Status.READY
    calls = fake_ai.calls_of("image") + fake_ai.calls_of("edit")
    limited = [call for call in calls if call.status == 429]
    assert limited, "the storm never hit"
    # Nothing was asked again sooner than the provider said it could take it.
    by_prompt: dict[str, list[Any]] = defaultdict(list)
    for call in sorted(calls, key=lambda c: c.started):
        by_prompt[call.prompt].append(call)
    for attempts in by_prompt.values():
        for before, after in itertools.pairwise(attempts):
            if before.status == 429:
                assert after.started - before.ended >= 1.0
    # Every step stayed within its attempt budget.
    assert max(len(attempts) for attempts in by_prompt.values()) <= 6
    run = GenerationTask.objects.get(pk=task["id"])
    assert run.total_retries == len(limited)
    assert run.error_message == ""


def test_a_page_blocked_by_moderation_ends_partial_with_that_page_blocked(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    worker = start_worker()
    fake_ai.block_images("Scene 3:")
    task = _create(client_for(user), {**TWELVE_PAGES, "num_pages": 5})
    story = _wait_for_story(task["story_id"], [worker])

    assert story.status == Story.Status.PARTIAL
    statuses = dict(story.pages.values_list("number", "status"))
    assert statuses.pop(3) == StepStatus.BLOCKED
    assert set(statuses.values()) == {StepStatus.DONE}
    page_three = [
        call
        for call in fake_ai.calls_of("image") + fake_ai.calls_of("edit")
        if "Scene 3:" in call.prompt
    ]
    assert len(page_three) == 2  # the original and one gentler wording, never more
    run = GenerationTask.objects.get(pk=task["id"])
    assert run.status == "completed"
    assert run.failed_pages_count == 1


def test_a_worker_killed_mid_story_loses_nothing(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    fake_ai.configure(image_latency=1.0, edit_latency=1.0)
    first = start_worker(AI_MAX_CONCURRENT_IMAGES="4")
    task = _create(client_for(user))
    deadline = time.monotonic() + 60
    while (
        Page.objects.filter(story_id=task["story_id"], status=StepStatus.DONE)
        .exclude(image="")
        .count()
        < 3
    ):
        assert time.monotonic() < deadline, first.output()[-3000:]
        time.sleep(0.1)
    first.kill()
    interrupted = Page.objects.filter(story_id=task["story_id"], status=StepStatus.RUNNING).count()
    assert interrupted > 0, "the kill should have caught pictures being drawn"

    fake_ai.configure(image_latency=0.2, edit_latency=0.2)
    second = start_worker(AI_MAX_CONCURRENT_IMAGES="8")
    story = _wait_for_story(task["story_id"], [first, second], timeout=120)

    assert story.status == Story.Status.READY
    numbers = list(story.pages.values_list("number", flat=True))
    assert sorted(numbers) == list(range(13))  # no page lost, none duplicated
    _assert_pictures_are_whole(story)
    assert max(story.pages.values_list("attempts", flat=True)) <= 6
    run = GenerationTask.objects.get(pk=task["id"])
    assert run.status == "completed"


def test_the_twelve_page_story_completes_on_sqlite_and_the_embedded_broker(
    fake_ai: FakeOpenAI, tmp_path: Path
) -> None:
    """No Redis or PostgreSQL of one's own: the embedded defaults, driven by the
    command-line tool, which starts the private broker for the while and stops it after."""
    brief = tmp_path / "brief.json"
    brief.write_text(json.dumps(TWELVE_PAGES))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storygen.settings",
        "DJANGO_SECRET_KEY": "embedded-" + "k" * 50,
        "DATABASE_URL": "",
        "CELERY_BROKER_URL": "",
        "STORYGEN_VAR_DIR": str(tmp_path / "var"),
        "STORYGEN_DATA_DIR": str(tmp_path / "media"),
        "STORYGEN_LOG_TO_FILE": "false",
        "AI_PROVIDER": "openai",
        "OPENAI_API_KEY": "sk-integration",
        "OPENAI_BASE_URL": fake_ai.base_url,
        "AI_PAGE_IMAGE_SIZE": "256x256",
        "AI_SHEET_IMAGE_SIZE": "256x384",
        "DJANGO_SUPERUSER_PASSWORD": "embedded-passphrase-42",
    }
    env.pop("PYTEST_CURRENT_TEST", None)

    def manage(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    assert manage("migrate", "--noinput").returncode == 0
    created = manage(
        "createsuperuser", "--noinput", "--username", "author", "--email", "a@example.com"
    )
    assert created.returncode == 0, created.stderr
    result = manage("generate_story", "--user", "author", "--brief", str(brief), timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": ready" in result.stdout
    assert (tmp_path / "var" / "storygen.sqlite3").exists()
    broker = tmp_path / "var" / "broker"
    assert (broker / "appendonlydir").is_dir()  # queued work was kept on disk
    assert not redis_answers(embedded_socket_path(tmp_path / "var"))  # and it stopped after
    drawn = [line for line in result.stdout.splitlines() if "[done]" in line]
    assert len(drawn) == 13
    for line in drawn:
        assert Path(line.split("] ", 1)[1]).is_file()
    assert len(fake_ai.calls_of("text")) == 1
    assert len(fake_ai.calls_of("image")) + len(fake_ai.calls_of("edit")) == 15


def test_a_story_request_while_the_broker_is_down_is_accepted_and_kept(
    transactional_db: None, client_for: Callable[[User], APIClient], user: User
) -> None:
    from storygen.testing.processes import free_port, publishing_to

    with publishing_to(f"redis://127.0.0.1:{free_port()}/0", visibility_timeout=20):
        started = time.monotonic()
        response = client_for(user).post(reverse("story-list"), TWELVE_PAGES, format="json")
        elapsed = time.monotonic() - started
    assert response.status_code == 202
    run = GenerationTask.objects.get(pk=response.json()["id"])
    assert run.status == GenerationTask.Status.PENDING  # the reconciler sends it later
    assert Story.objects.get(pk=run.story_id).outline == TWELVE_PAGES["story_outline"]
    assert elapsed < 5  # the publish retry policy gives up after about two seconds
