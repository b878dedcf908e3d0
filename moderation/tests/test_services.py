"""Story moderation services and the audit log they write."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from moderation import services
from moderation.models import ModerationAction
from stories.models import Story, StoryReview
from stories.tests.factories import StoryFactory
from storygen.exceptions import Conflict, NotFound

pytestmark = pytest.mark.django_db


def test_hiding_writes_an_audit_row_with_actor_target_reason_and_utc_time(admin: User) -> None:
    story = StoryFactory(title="Storm at Sea")
    before = timezone.now()

    services.story_hide(actor=admin, story=story, hidden=True, reason="  too scary  ")

    story.refresh_from_db()
    assert story.is_hidden
    entry = ModerationAction.objects.get()
    assert entry.actor == admin
    assert entry.actor_username == admin.username
    assert entry.action == ModerationAction.Action.STORY_HIDDEN
    assert (entry.target_type, entry.target_id) == ("story", story.pk)
    assert entry.target_label == "Storm at Sea"
    assert entry.reason == "too scary"
    assert entry.created_at.utcoffset() == timedelta(0)
    assert entry.created_at.tzinfo is not None
    assert before <= entry.created_at <= timezone.now()
    assert entry.created_at.astimezone(UTC) == entry.created_at


def test_showing_a_hidden_story_again_is_recorded_as_unhidden(admin: User) -> None:
    story = StoryFactory(is_hidden=True)
    services.story_hide(actor=admin, story=story, hidden=False)
    story.refresh_from_db()
    assert not story.is_hidden
    assert ModerationAction.objects.get().action == ModerationAction.Action.STORY_UNHIDDEN


def test_a_deleted_story_cannot_be_hidden(admin: User) -> None:
    story = StoryFactory(is_deleted=True)
    with pytest.raises(NotFound, match=f"Story with ID {story.pk} not found"):
        services.story_hide(actor=admin, story=story, hidden=True)
    assert not ModerationAction.objects.exists()


def test_soft_delete_keeps_the_story_row_and_refuses_a_second_delete(admin: User) -> None:
    story = StoryFactory()
    services.story_soft_delete(actor=admin, story=story, reason="copyright")
    story.refresh_from_db()
    assert story.is_deleted
    with pytest.raises(NotFound):
        services.story_soft_delete(actor=admin, story=story)
    assert list(ModerationAction.objects.values_list("action", "reason")) == [
        ("story_deleted", "copyright")
    ]


def test_restore_undeletes_but_keeps_a_story_hidden(admin: User) -> None:
    story = StoryFactory(is_deleted=True, is_hidden=True)
    services.story_restore(actor=admin, story=story)
    story.refresh_from_db()
    assert not story.is_deleted
    assert story.is_hidden
    with pytest.raises(Conflict):
        services.story_restore(actor=admin, story=story)
    assert ModerationAction.objects.get().action == ModerationAction.Action.STORY_RESTORED


def test_the_audit_row_survives_the_story_and_names_a_removed_actor(admin: User) -> None:
    story = StoryFactory()
    story_id = story.pk
    services.story_soft_delete(actor=admin, story=story)
    story.delete()
    admin.delete()
    entry = ModerationAction.objects.get()
    assert entry.actor is None
    assert entry.actor_username == admin.username
    assert entry.target_id == story_id


def test_release_acts_only_on_the_review_the_moderator_looked_at(admin: User) -> None:
    story = StoryFactory(status=Story.Status.HELD)
    looked_at = StoryReview.objects.create(
        story=story, stage=StoryReview.Stage.CONTENT, reason=StoryReview.Reason.FLAGGED
    )
    services.story_release(actor=admin, story=story, review_id=looked_at.pk)
    Story.objects.filter(pk=story.pk).update(status=Story.Status.HELD)
    newer = StoryReview.objects.create(
        story=story, stage=StoryReview.Stage.CONTENT, reason=StoryReview.Reason.FLAGGED
    )

    with pytest.raises(Conflict):
        services.story_release(actor=admin, story=story, review_id=looked_at.pk)
    with pytest.raises(Conflict):
        services.story_remove(actor=admin, story=story, review_id=looked_at.pk)

    newer.refresh_from_db()
    assert newer.status == StoryReview.Status.OPEN
    assert Story.objects.get(pk=story.pk).status == Story.Status.HELD
