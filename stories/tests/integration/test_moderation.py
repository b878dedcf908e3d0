"""Each moderation a site can choose, end to end: real Celery workers asking a guard model or
a moderation server of its own over HTTP with the real openai SDK, while the story itself is
written and drawn by the (fake) OpenAI story provider."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from stories.models import GenerationTask, StepStatus, Story, StoryReview
from stories.services.stories import HELD_MESSAGE, HELD_OUTAGE_MESSAGE
from storygen.ai.guard import WRITTEN_FOR
from storygen.testing.fake_guard import FakeGuard
from storygen.testing.fake_openai import FakeOpenAI
from storygen.testing.processes import CeleryWorker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

OUTLINE = "Mira and her kite fly over the hills to find where the wind sleeps."
TWO_PAGES = {
    "title": "",
    "genre": "Adventure",
    "story_outline": OUTLINE,
    "main_characters": [{"name": "Mira", "description": "a girl with a green scarf"}],
    "num_pages": 2,
    "image_style": "Watercolor",
}
# The fake writer puts "Scene {n}:" in page n's picture description, which is checked with
# the page's words once written; the brief never says it.
PAGE_TWO = "Scene 2:"
MODERATION_KEY = "sk-moderation-only"
UNFINISHED_RUN = {GenerationTask.Status.PENDING, GenerationTask.Status.IN_PROGRESS}


@pytest.fixture(autouse=True)
def openai_configured(settings: Any) -> None:
    settings.AI_PROVIDER = "openai"
    settings.OPENAI_API_KEY = "sk-integration"


@pytest.fixture
def guard() -> Iterator[FakeGuard]:
    with FakeGuard() as server:
        yield server


@pytest.fixture
def moderation_server() -> Iterator[FakeOpenAI]:
    """An OpenAI-compatible server used for moderation alone, taking only its own key."""
    with FakeOpenAI(api_key=MODERATION_KEY, picture="small") as server:
        yield server


def _moderated_by(settings: Any, **values: str) -> dict[str, str]:
    """Give this process (which checks the brief in the web request) and the workers (which
    take the returned variables) the same moderation, as one site's configuration would."""
    for name, value in values.items():
        setattr(settings, name, value)
    return values


def _guarded(settings: Any, guard: FakeGuard) -> dict[str, str]:
    return _moderated_by(
        settings,
        STORYGEN_MODERATION_PROVIDER="guard",
        STORYGEN_MODERATION_BASE_URL=guard.base_url,
        STORYGEN_MODERATION_MODEL="llama-guard3",
    )


def _separately_moderated(settings: Any, server: FakeOpenAI) -> dict[str, str]:
    return _moderated_by(
        settings,
        STORYGEN_MODERATION_PROVIDER="openai",
        STORYGEN_MODERATION_BASE_URL=server.base_url,
        STORYGEN_MODERATION_API_KEY=MODERATION_KEY,
    )


def _create(client: APIClient) -> dict[str, Any]:
    response = client.post(reverse("story-list"), TWO_PAGES, format="json")
    assert response.status_code == 202, response.content
    return response.json()


def _wait_until(
    predicate: Callable[[], bool], what: str, workers: list[CeleryWorker], timeout: float = 45
) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            logs = "\n\n".join(worker.output()[-4000:] for worker in workers)
            pytest.fail(f"{what} did not happen within {timeout:.0f} s\n{logs}")
        time.sleep(0.2)


def _run_ended(task_id: str) -> Callable[[], bool]:
    return lambda: GenerationTask.objects.get(pk=task_id).status not in UNFINISHED_RUN


def _run_settled(task_id: str) -> Callable[[], bool]:
    """The run ended, or its story is held before anything was written."""

    def settled() -> bool:
        run = GenerationTask.objects.select_related("story").get(pk=task_id)
        held_unstarted = run.status == GenerationTask.Status.PENDING and run.story.status in {
            Story.Status.HELD,
            Story.Status.REFUSED,
        }
        return run.status not in UNFINISHED_RUN or held_unstarted

    return settled


def _story_is(story_id: int, status: str) -> Callable[[], bool]:
    return lambda: Story.objects.get(pk=story_id).status == status


GuardCalls = list[list[dict[str, Any]]]


def _written_checks(calls: GuardCalls) -> list[str]:
    """The texts the guard was asked about as the assistant's answer (written story text)."""
    return [
        messages[1]["content"]
        for messages in calls
        if len(messages) == 2
        and messages[0] == {"role": "user", "content": WRITTEN_FOR}
        and messages[1]["role"] == "assistant"
    ]


def _brief_checks(calls: GuardCalls) -> list[str]:
    """The texts the guard was asked about as a person's message (the brief)."""
    return [
        messages[0]["content"]
        for messages in calls
        if len(messages) == 1 and messages[0]["role"] == "user"
    ]


def _page_pictures_asked(fake_ai: FakeOpenAI) -> list[str]:
    """The prompts of the page pictures the story provider was asked to draw (character
    sheets aside): each carries its page's "Scene {n}:" marker."""
    calls = fake_ai.calls_of("image") + fake_ai.calls_of("edit")
    return [call.prompt for call in calls if "Scene " in call.prompt]


def _assert_held_unread(
    client: APIClient, task: dict[str, Any], message: str, *, status: str
) -> None:
    """What the owner sees of a held story: why, and nothing of its pages."""
    story = client.get(reverse("story-detail", args=[task["story_id"]])).json()
    assert story["status"] == "held"
    assert story["pages"] == []
    run = client.get(reverse("generation-status", args=[task["id"]])).json()
    assert run["status"] == status
    assert run["error_message"] == message


# --- a guard model (Llama Guard style) ---------------------------------------------------------


def test_a_story_the_guard_answers_safe_about_is_checked_by_the_worker_and_completes(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    guard: FakeGuard,
    settings: Any,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    worker = start_worker(**_guarded(settings, guard))
    task = _create(client_for(user))
    asked_by_the_web_request = len(guard.calls)
    assert [OUTLINE in text for text in _brief_checks(guard.calls)] == [True]
    _wait_until(_run_settled(task["id"]), "the end of the run", [worker])

    story = Story.objects.get(pk=task["story_id"])
    assert story.status == Story.Status.READY
    pages = list(story.pages.order_by("number"))
    assert len(pages) == 3
    assert all(page.status == StepStatus.DONE and page.image for page in pages)
    assert len(_page_pictures_asked(fake_ai)) == len(pages)
    # The worker asked the guard again about the brief, then about every written page, as
    # the model's answer to a request for a story.
    asked_by_the_worker = guard.calls[asked_by_the_web_request:]
    assert [OUTLINE in text for text in _brief_checks(asked_by_the_worker)] == [True]
    written = _written_checks(asked_by_the_worker)
    assert written
    assert all(any(page.text in text for text in written) for page in pages)
    # No text went to the story provider's moderation instead.
    assert fake_ai.calls_of("moderation") == []


def test_written_text_the_guard_answers_unsafe_about_holds_the_story_undrawn_and_unread(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    guard: FakeGuard,
    settings: Any,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    guard.flag(PAGE_TWO, "S1")
    worker = start_worker(**_guarded(settings, guard))
    client = client_for(user)
    task = _create(client)
    _wait_until(_run_settled(task["id"]), "the end of the run", [worker])

    story = Story.objects.get(pk=task["story_id"])
    assert story.status == Story.Status.HELD
    review = StoryReview.objects.get(story=story)
    assert (review.stage, review.reason, review.status) == ("content", "flagged", "open")
    assert review.categories == ["violence"]
    assert {"item": "page 2 text", "categories": ["violence"]} in review.findings
    # The pages are kept for the review, but no picture was drawn of them.
    assert story.pages.count() == 3
    assert not story.pages.exclude(image="").exists()
    assert _page_pictures_asked(fake_ai) == []
    _assert_held_unread(client, task, HELD_MESSAGE, status="completed")


def test_with_the_guard_down_an_accepted_story_is_held_then_made_once_it_is_back(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    guard: FakeGuard,
    settings: Any,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    env = _guarded(settings, guard)
    client = client_for(user)
    task = _create(client)
    assert _brief_checks(guard.calls)  # the web request's check: safe
    guard.stop()
    worker = start_worker(
        **env, STORYGEN_MODERATION_RECHECK_BASE="1", STORYGEN_MODERATION_RECHECK_MAX="2"
    )
    story_id = task["story_id"]
    _wait_until(_story_is(story_id, Story.Status.HELD), "the hold", [worker])

    review = StoryReview.objects.get(story_id=story_id)
    assert (review.stage, review.reason, review.status) == ("brief", "unavailable", "open")
    _assert_held_unread(client, task, HELD_OUTAGE_MESSAGE, status="pending")
    assert fake_ai.calls_of("text") == []  # nothing written before the brief is checked
    # Checked again while the guard is still down: still waiting, not failed.
    _wait_until(
        lambda: StoryReview.objects.get(pk=review.pk).attempts >= 1, "a second check", [worker]
    )
    assert Story.objects.get(pk=story_id).status == Story.Status.HELD
    assert GenerationTask.objects.get(pk=task["id"]).status == GenerationTask.Status.PENDING

    asked_before = len(guard.calls)
    guard.start()  # back at the same address
    _wait_until(_run_ended(task["id"]), "the end of the run", [worker])
    story = Story.objects.get(pk=story_id)
    assert story.status == Story.Status.READY
    assert story.outline == OUTLINE
    assert list(story.cast.values_list("name", flat=True)) == ["Mira"]
    assert story.pages.exclude(image="").count() == 3
    assert StoryReview.objects.get(pk=review.pk).status == StoryReview.Status.CLEARED
    # Released only once the guard had answered about the brief, and the text was checked.
    asked_since = guard.calls[asked_before:]
    assert any(OUTLINE in text for text in _brief_checks(asked_since))
    assert _written_checks(asked_since)


# --- OpenAI moderation on a server of its own ---------------------------------------------------


def test_with_a_moderation_server_of_its_own_every_check_goes_there_with_its_key(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    moderation_server: FakeOpenAI,
    settings: Any,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    worker = start_worker(**_separately_moderated(settings, moderation_server))
    task = _create(client_for(user))
    _wait_until(_run_settled(task["id"]), "the end of the run", [worker])

    story = Story.objects.get(pk=task["story_id"])
    assert story.status == Story.Status.READY
    pages = list(story.pages.order_by("number"))
    checks = moderation_server.calls_of("moderation")
    # The server takes only the moderation key: a check sent with the story provider's key
    # would have been refused (and the story held).
    assert checks
    assert all(call.status == 200 and call.fault is None for call in checks)
    assert [call for call in checks if OUTLINE in call.prompt]  # the brief
    assert all(any(page.text in call.prompt for call in checks) for page in pages)
    assert len([call for call in checks if call.references]) == len(pages)  # every picture
    assert fake_ai.calls_of("moderation") == []
    assert moderation_server.calls_of("text") == []


def test_written_text_the_moderation_server_flags_holds_the_story_undrawn_and_unread(
    start_worker: Callable[..., CeleryWorker],
    fake_ai: FakeOpenAI,
    moderation_server: FakeOpenAI,
    settings: Any,
    client_for: Callable[[User], APIClient],
    user: User,
) -> None:
    moderation_server.flag_moderation(PAGE_TWO, ["violence"])
    worker = start_worker(**_separately_moderated(settings, moderation_server))
    client = client_for(user)
    task = _create(client)
    _wait_until(_run_settled(task["id"]), "the end of the run", [worker])

    story = Story.objects.get(pk=task["story_id"])
    assert story.status == Story.Status.HELD
    review = StoryReview.objects.get(story=story)
    assert (review.stage, review.reason, review.status) == ("content", "flagged", "open")
    assert {"item": "page 2 text", "categories": ["violence"]} in review.findings
    assert not story.pages.exclude(image="").exists()
    assert _page_pictures_asked(fake_ai) == []
    assert fake_ai.calls_of("moderation") == []
    _assert_held_unread(client, task, HELD_MESSAGE, status="completed")
