"""Fixtures for the story tests: a story request, a way to run the pipeline inline, and a
finished story."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import storygen.ai
from accounts.models import User
from stories import services
from stories.models import Story
from stories.tests.providers import ScriptedProvider


@pytest.fixture
def story_request() -> dict[str, Any]:
    return {
        "title": "The Lantern Keeper",
        "genre": "Children's",
        "story_outline": "Mira finds a lost whale calf and, with Pip, guides it back to sea.",
        "main_characters": [
            {
                "name": "Mira",
                "description": "a brave girl of nine",
                "age": 9,
                "gender": "Female",
                "physical_appearance": "curly red hair, freckles",
                "clothing_style": "a yellow raincoat and green boots",
                "personality": "curious and kind",
                "key_traits": "always carries a brass lantern",
                "background": "the lighthouse keeper's daughter",
            },
            {"name": "Pip", "description": "a small grey seagull with a crooked beak"},
        ],
        "num_pages": 3,
        "tone": "gentle",
        "setting": "a lighthouse by a stormy sea",
        "image_style": "Watercolor",
        "word_to_picture_ratio": "One image per page",
        "text_density": "Concise (~30-50 words)",
    }


@pytest.fixture
def provider() -> Iterator[ScriptedProvider]:
    """Install a scripted provider for the test (the offline one plus injected failures)."""
    scripted = ScriptedProvider()
    previous = storygen.ai._provider
    storygen.ai._provider = scripted
    yield scripted
    storygen.ai._provider = previous


@pytest.fixture
def run_pipeline(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Call ``fn`` and run everything it queued (eager Celery), as a worker would."""

    def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def story(
    user: User,
    provider: ScriptedProvider,
    run_pipeline: Callable[..., Any],
    story_request: dict[str, Any],
) -> Story:
    """A finished story of ``user`` written and drawn by the offline provider: the cover and
    3 pages (modules that need another kind of story define their own)."""
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY
    return story
