"""The story's edit version: its ETag, counting changes, and every service that changes what
the editor shows counting one (the editor's own services are tested in test_editor.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import User
from stories import services
from stories.errors import StoryChanged
from stories.models import Page, Story
from stories.services.versions import story_etag, story_version_bump
from stories.tests.factories import StoryFactory
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import AIProviderRejected

pytestmark = pytest.mark.django_db


def _version(story: Story) -> int:
    return Story.objects.values_list("edit_version", flat=True).get(pk=story.pk)


def test_the_etag_names_the_story_and_its_version(user: User) -> None:
    story = StoryFactory(owner=user, edit_version=4)
    assert story_etag(story) == f'"{story.pk}-4"'
    assert story_etag(story, 6) == f'"{story.pk}-6"'


def test_a_change_counted_from_a_version_that_moved_meanwhile_saves_nothing(user: User) -> None:
    story = StoryFactory(owner=user, title="Before", edit_version=3)
    read = Story.objects.get(pk=story.pk)
    story_version_bump(story=Story.objects.get(pk=story.pk))  # another change, meanwhile
    read.title = "After"
    with pytest.raises(StoryChanged):
        story_version_bump(story=read, fields=["title"])
    assert Story.objects.values_list("title", "edit_version").get(pk=story.pk) == ("Before", 4)


def test_a_change_made_without_the_storys_lock_counts_after_the_others(user: User) -> None:
    story = StoryFactory(owner=user, edit_version=3)
    read = Story.objects.get(pk=story.pk)
    story_version_bump(story=Story.objects.get(pk=story.pk))
    story_version_bump(story=read, locked=False)
    assert read.edit_version == _version(story) == 5


# --- services outside the editor ------------------------------------------------------------


def _draft(owner: User, story_request: dict[str, Any], **changes: Any) -> Story:
    return services.story_draft_save(owner=owner, **(story_request | changes))


def test_saving_over_a_draft_makes_an_edit_from_before_stale(
    user: User, story_request: dict[str, Any]
) -> None:
    draft = _draft(user, story_request)
    read = _version(draft)
    _draft(user, story_request, title="A New Title", draft_id=draft.pk)
    with pytest.raises(StoryChanged):
        services.story_title_update(story=draft, title="Mine", expected_version=read)
    assert Story.objects.get(pk=draft.pk).title == "A New Title"


def test_finalizing_a_draft_makes_an_edit_from_the_draft_stale(
    user: User, story_request: dict[str, Any], provider: ScriptedProvider
) -> None:
    draft = _draft(user, story_request)
    read = _version(draft)
    services.story_generation_start(owner=user, **story_request, draft_id=draft.pk)
    with pytest.raises(StoryChanged):
        services.story_editor_update(story=draft, settings={"font_size": 40}, expected_version=read)
    assert Story.objects.get(pk=draft.pk).font_size != 40


def test_a_resume_and_its_run_finishing_each_make_earlier_edits_stale(
    user: User,
    story_request: dict[str, Any],
    provider: ScriptedProvider,
    run_pipeline: Callable[..., Any],
) -> None:
    provider.rules.append(fail_times("page", lambda: AIProviderRejected("nope"), 1, page=2))
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.PARTIAL
    page = Page.objects.get(story=story, number=1)
    before = _version(story)

    resumed = services.story_resume(story=story)  # queued: no worker has run it yet
    with pytest.raises(StoryChanged):
        services.story_editor_update(
            story=story, settings={"font_size": 40}, expected_version=before
        )
    during = _version(story)
    run_pipeline(services.generation_begin, task_id=resumed.pk)
    assert Story.objects.get(pk=story.pk).status == Story.Status.READY
    with pytest.raises(StoryChanged):  # the missing picture was drawn since
        services.story_editor_update(
            story=story, pages=[{"id": page.pk, "text": "Mine."}], expected_version=during
        )
    assert Page.objects.get(pk=page.pk).text != "Mine."
