"""Held stories as moderators meet them: refused briefs, held pages, outages, admin decisions."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import storygen.ai
from accounts.models import User
from moderation.models import ModerationAction
from moderation.services import (
    story_release,
    story_remove,
    story_report_create,
    story_report_resolve,
)
from moderation.tests.factories import AdminFactory
from stories import services
from stories.errors import StoryBriefUnsafe, StoryNotResumable
from stories.models import GenerationTask, Page, StepStatus, Story, StoryReview
from stories.services import safety as story_safety
from stories.tests.factories import StoryFactory
from stories.tests.providers import ScriptedProvider
from storygen import safety
from storygen.ai.errors import AIProviderError, AIProviderUnavailable
from storygen.ai.types import Scene, StoryDraft, StoryRequest, Verdict
from storygen.exceptions import Conflict, InvalidInput
from storygen.testing.fake_openai import FakeOpenAI

pytestmark = pytest.mark.django_db

BRIEF: dict[str, Any] = {
    "title": "The Lantern Keeper",
    "genre": "Children's",
    "story_outline": "Mira finds a lost whale calf and guides it back to sea.",
    "main_characters": [{"name": "Mira", "description": "a brave girl of nine"}],
    "num_pages": 3,
    "setting": "a lighthouse by a stormy sea",
}
UNSAFE_PAGE = "Then Mira found a knife and began to murder everyone in the village."


class WritingProvider(ScriptedProvider):
    """The offline provider, except that the story it writes has ``pages`` put in its place
    (page number → text): a model that writes whatever it is told to."""

    def __init__(self, pages: dict[int, str] | None = None) -> None:
        super().__init__()
        self.pages = pages or {}

    def write_story(self, request: StoryRequest) -> StoryDraft:
        draft = super().write_story(request)
        pages = tuple(
            replace(page, text=self.pages.get(page.number, page.text)) for page in draft.pages
        )
        return replace(draft, pages=pages)


class ModerationDown:
    """A rule failing every moderation call while ``down`` is set (after ``spare`` calls)."""

    def __init__(self, *, spare: int = 0) -> None:
        self.down = True
        self.spare = spare

    def __call__(self, kind: str, scene: Scene | None) -> AIProviderError | None:
        if kind != "moderation" or not self.down:
            return None
        if self.spare > 0:
            self.spare -= 1
            return None
        return AIProviderUnavailable("The AI provider had a temporary problem (503).")


def _install(provider: ScriptedProvider) -> Iterator[ScriptedProvider]:
    previous = storygen.ai._provider
    storygen.ai._provider = provider
    yield provider
    storygen.ai._provider = previous


@pytest.fixture
def provider() -> Iterator[ScriptedProvider]:
    yield from _install(WritingProvider())


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Call ``fn`` and everything it queued (Celery is eager in tests), as a worker would."""

    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


def _start(user: User, run: Callable[..., Any], **changes: Any) -> Story:
    task = run(services.story_generation_start, owner=user, **{**BRIEF, **changes})
    return Story.objects.get(pk=task.story_id)


def _due_now() -> None:
    StoryReview.objects.filter(status=StoryReview.Status.OPEN).update(
        next_check_at=timezone.now() - timedelta(seconds=1)
    )


def _reader_text(client: Client, story: Story) -> str:
    response = client.get(reverse("stories:read", args=[story.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


# --- thresholds -------------------------------------------------------------------------------


def test_a_flagged_brief_is_refused_at_once_and_nothing_is_made_written_or_drawn(
    user: User, run: Callable[..., Any], provider: ScriptedProvider
) -> None:
    with pytest.raises(StoryBriefUnsafe, match="stopped for drugs or crime: “cocaine”"):
        _start(user, run, story_outline="Mira buys cocaine from a drug dealer.")
    assert provider.calls["moderation"] >= 1
    assert sum(provider.calls[k] for k in ("text", "sheet", "cover", "page")) == 0
    assert not Story.objects.exists()
    assert not GenerationTask.objects.exists()
    assert not StoryReview.objects.exists()


def test_a_character_description_is_part_of_the_checked_brief(
    user: User, run: Callable[..., Any], provider: ScriptedProvider
) -> None:
    characters = [{"name": "Pip", "description": "a seagull who wants to kill himself"}]
    with pytest.raises(StoryBriefUnsafe, match="The character Pip was stopped for self-harm"):
        _start(user, run, main_characters=characters)
    assert provider.calls["text"] == 0


def test_a_refused_story_cannot_be_resumed(user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.REFUSED)
    with pytest.raises(StoryNotResumable, match="cannot be made"):
        services.story_resume(story=Story.objects.get(pk=story.pk))


# --- after writing --------------------------------------------------------------------------------


def test_a_flagged_page_holds_the_story_with_no_text_shown_until_an_admin_releases_it(
    user: User, run: Callable[..., Any], client: Client
) -> None:
    writer = WritingProvider({2: UNSAFE_PAGE})
    for _ in _install(writer):
        story = _start(user, run)
        story.refresh_from_db()
        assert story.status == Story.Status.HELD
        # The text was checked before the pages existed, so no picture was drawn for it.
        assert writer.calls["page"] + writer.calls["cover"] == 0
        review = StoryReview.objects.get(story=story)
        assert (review.stage, review.reason, review.status) == ("content", "flagged", "open")
        assert {"item": "page 2 text", "categories": ["violence"]} in review.findings
        task = GenerationTask.objects.get(story=story)
        assert task.status == GenerationTask.Status.COMPLETED
        assert "waiting for a safety review" in task.error_message

        client.force_login(user)
        reader = _reader_text(client, story)
        assert "Waiting for review" in reader
        assert "murder" not in reader
        assert "Page 1 of" not in reader
        page = Page.objects.get(story=story, number=2)
        assert page.text == UNSAFE_PAGE  # kept for the moderators

        admin = AdminFactory()
        released = story_release(actor=admin, story=story, reason="A false alarm.")
        assert released.status == Story.Status.PARTIAL  # its pictures are still to draw
        assert "murder" in _reader_text(client, story)
        review.refresh_from_db()
        assert (review.status, review.resolved_by) == ("released", admin)
        actions = list(
            ModerationAction.objects.filter(target_id=story.pk)
            .order_by("id")
            .values_list("action", "actor_id")
        )
        assert actions == [("story_held", None), ("story_released", admin.pk)]

        run(services.story_resume, story=released)
        story.refresh_from_db()
        assert story.status == Story.Status.READY
        assert writer.calls["page"] + writer.calls["cover"] == 4


def test_an_admin_can_remove_a_held_story(
    user: User, run: Callable[..., Any], client: Client
) -> None:
    for _ in _install(WritingProvider({1: "They smoked marijuana and sold cocaine."})):
        story = _start(user, run)
    admin = AdminFactory()
    story_remove(actor=admin, story=story, reason="Not for children.")
    story.refresh_from_db()
    assert story.is_deleted
    assert StoryReview.objects.get(story=story).status == StoryReview.Status.REMOVED
    assert ModerationAction.objects.filter(
        action=ModerationAction.Action.STORY_REMOVED, target_id=story.pk, actor=admin
    ).exists()
    client.force_login(user)
    assert client.get(reverse("stories:read", args=[story.pk])).status_code == 404
    with pytest.raises(Conflict):
        story_release(actor=admin, story=story)


def test_releasing_a_story_that_is_not_held_is_refused(user: User) -> None:
    story = StoryFactory(owner=user)
    with pytest.raises(Conflict):
        story_release(actor=AdminFactory(), story=story)
    assert not ModerationAction.objects.exists()


def test_a_flagged_picture_holds_the_story(user: User, run: Callable[..., Any]) -> None:
    class PictureModerator(WritingProvider):
        def moderate_image(self, data: bytes, *, mime: str, text: str) -> Verdict:
            self._check("image-moderation", None)
            return Verdict(flagged=False, scores={"sexual": 0.5 if "cover" in text else 0.0})

    writer = PictureModerator({0: "The cover of the book."})
    for _ in _install(writer):
        story = _start(user, run)
    story.refresh_from_db()
    assert story.status == Story.Status.HELD
    assert writer.calls["image-moderation"] == 4
    review = StoryReview.objects.get(story=story)
    assert review.findings == [{"item": "the cover picture", "categories": ["sexual"]}]


# --- moderation down: fail closed, then released by the reconciler --------------------------------


def test_a_brief_waits_while_moderation_is_down_and_starts_once_it_is_back(
    user: User, run: Callable[..., Any], provider: ScriptedProvider, settings: Any
) -> None:
    outage = ModerationDown()
    provider.rules.append(outage)
    story = _start(user, run)
    story.refresh_from_db()
    assert story.status == Story.Status.HELD
    assert provider.calls["text"] == 0
    review = StoryReview.objects.get(story=story)
    assert (review.stage, review.reason) == ("brief", "unavailable")
    assert review.next_check_at is not None
    # The generation reconciler leaves it to the moderation one.
    assert GenerationTask.objects.get(story=story).dispatched_at is None

    # Not due yet: nothing is asked.
    assert story_safety.held_stories_recheck() == 0
    _due_now()
    assert run(story_safety.held_stories_recheck) == 1
    review.refresh_from_db()
    assert review.attempts == 1
    assert review.next_check_at > timezone.now()  # backed off
    assert Story.objects.get(pk=story.pk).status == Story.Status.HELD

    outage.down = False
    _due_now()
    run(story_safety.held_stories_recheck)
    story.refresh_from_db()
    assert story.status == Story.Status.READY
    assert StoryReview.objects.get(story=story).status == StoryReview.Status.CLEARED
    assert ModerationAction.objects.filter(
        action=ModerationAction.Action.STORY_CLEARED, target_id=story.pk
    ).exists()


def test_a_brief_found_unsafe_once_moderation_is_back_is_refused_once(
    user: User, run: Callable[..., Any], provider: ScriptedProvider, client: Client
) -> None:
    outage = ModerationDown()
    provider.rules.append(outage)
    story = _start(user, run, story_outline="The pirate wanted to murder the village children.")
    outage.down = False
    _due_now()
    run(story_safety.held_stories_recheck)
    review = StoryReview.objects.get(story=story)  # the outage's review became the refusal
    assert (review.status, review.stage) == (StoryReview.Status.REFUSED, "brief")
    assert review.categories
    task = GenerationTask.objects.get(story=story)
    assert task.error_message.startswith(
        "We can't make this story. The outline was stopped for violence: “murder”."
    )
    client.force_login(user)
    page = html.unescape(client.get(reverse("stories:progress", args=[story.pk])).content.decode())
    assert "We couldn’t make this story" in page
    assert "stopped for violence: “murder”" in page
    # A second delivery of the same check changes nothing.
    story_safety._refuse(
        story_id=story.pk,
        run_id=task.pk,
        screening=safety.Screening(findings=(safety.Finding("x", ("violence",)),)),
    )
    assert StoryReview.objects.filter(story=story).count() == 1
    assert (
        ModerationAction.objects.filter(action=ModerationAction.Action.STORY_REFUSED).count() == 1
    )
    assert Story.objects.get(pk=story.pk).status == Story.Status.REFUSED
    assert provider.calls["text"] == 0


def test_pages_written_while_moderation_is_down_are_held_then_released_automatically(
    user: User, run: Callable[..., Any], provider: ScriptedProvider, client: Client
) -> None:
    # The brief is checked (when asked for, then by the run), then moderation goes down.
    outage = ModerationDown(spare=2)
    provider.rules.append(outage)
    story = _start(user, run)
    story.refresh_from_db()
    assert story.status == Story.Status.HELD
    review = StoryReview.objects.get(story=story)
    assert (review.stage, review.reason) == ("content", "unavailable")
    # Pictures were drawn meanwhile, so the story is complete once it is released.
    assert provider.calls["page"] + provider.calls["cover"] == 4
    client.force_login(user)
    reader = _reader_text(client, story)
    assert "isn't answering right now" in reader
    assert "page-image" not in reader
    assert "/pages/" not in reader

    outage.down = False
    _due_now()
    run(story_safety.held_stories_recheck)
    story.refresh_from_db()
    assert story.status == Story.Status.READY
    assert "Page 1 of 3" in _reader_text(client, story)


def test_a_recheck_that_finds_a_flag_hands_the_story_to_an_admin(
    user: User, run: Callable[..., Any]
) -> None:
    writer = WritingProvider({3: UNSAFE_PAGE})
    outage = ModerationDown(spare=2)  # the brief's two checks pass
    writer.rules.append(outage)
    for _ in _install(writer):
        story = _start(user, run)
        outage.down = False
        _due_now()
        run(story_safety.held_stories_recheck)
    review = StoryReview.objects.get(story=story)
    assert (review.reason, review.status, review.next_check_at) == ("flagged", "open", None)
    assert Story.objects.get(pk=story.pk).status == Story.Status.HELD


def test_moderation_down_at_the_fake_openai_server_holds_then_releases(
    user: User, run: Callable[..., Any], settings: Any
) -> None:
    with FakeOpenAI(api_key="sk-test", picture="small") as fake:
        settings.AI_PROVIDER = "openai"
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        settings.OPENAI_CONNECT_TIMEOUT = 2.0
        fault = fake.add_fault("moderation", status=503)
        story = _start(user, run)
        story.refresh_from_db()
        assert story.status == Story.Status.HELD
        assert fake.calls_of("text") == []
        assert fake.calls_of("image") == []
        assert fake.calls_of("edit") == []

        fake.remove_fault(fault)
        _due_now()
        run(story_safety.held_stories_recheck)
        story.refresh_from_db()
        assert story.status == Story.Status.READY
        assert len(fake.calls_of("text")) == 1


def test_a_picture_flagged_by_the_openai_image_moderation_holds_the_story(
    user: User, run: Callable[..., Any], settings: Any, client: Client
) -> None:
    with FakeOpenAI(api_key="sk-test", picture="small") as fake:
        settings.AI_PROVIDER = "openai"
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        # Page 2's words are fine; only its picture, checked with them, is not.
        fake.flag_moderation("On page 2,", categories=("sexual",), pictures_only=True)
        story = _start(user, run)
        picture_checks = [c for c in fake.calls_of("moderation") if c.references == 1]
    story.refresh_from_db()
    assert story.status == Story.Status.HELD
    assert len(picture_checks) == story.pages.count()
    assert any(c.prompt.startswith("On page 2,") for c in picture_checks)
    review = StoryReview.objects.get(story=story)
    assert review.findings == [{"item": "page 2 picture", "categories": ["sexual"]}]
    client.force_login(user)
    assert "On page 2," not in client.get(reverse("stories:read", args=[story.pk])).content.decode()


def test_a_brief_flagged_by_the_openai_moderation_is_refused_with_no_generation_calls(
    user: User, run: Callable[..., Any], settings: Any
) -> None:
    with FakeOpenAI(api_key="sk-test", picture="small") as fake:
        settings.AI_PROVIDER = "openai"
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        fake.flag_moderation("whale calf", categories=("violence",))
        with pytest.raises(StoryBriefUnsafe, match="The outline was stopped for violence\\."):
            _start(user, run)
        assert fake.calls_of("moderation")
        assert [c for c in fake.calls if c.kind in ("text", "image", "edit")] == []
    assert not Story.objects.exists()


# --- reports ----------------------------------------------------------------------------------


def test_a_report_waits_until_an_admin_resolves_it(user: User) -> None:
    story = StoryFactory(owner=user)
    report = story_report_create(reporter=user, story=story, reason="scary", details=" Too dark ")
    assert (report.resolved, report.details) == (False, "Too dark")
    admin = AdminFactory()
    resolved = story_report_resolve(actor=admin, report=report)
    assert resolved.resolved
    assert resolved.resolved_by == admin
    story_report_resolve(actor=admin, report=report)
    assert (
        ModerationAction.objects.filter(action=ModerationAction.Action.REPORT_RESOLVED).count() == 1
    )
    with pytest.raises(InvalidInput):
        story_report_create(reporter=user, story=story, reason="boring")


# --- the admin ----------------------------------------------------------------------------------


def test_the_audit_log_is_read_only_in_the_admin(client: Client) -> None:
    client.force_login(AdminFactory())
    assert client.get(reverse("admin:moderation_moderationaction_changelist")).status_code == 200
    assert client.get(reverse("admin:moderation_moderationaction_add")).status_code == 403


def test_an_admin_releases_a_held_story_from_the_review_list(
    user: User, run: Callable[..., Any], client: Client
) -> None:
    for _ in _install(WritingProvider({1: UNSAFE_PAGE})):
        story = _start(user, run)
    story_report_create(reporter=user, story=story, reason="scary")
    review = StoryReview.objects.get(story=story)
    admin = AdminFactory()
    client.force_login(admin)
    detail = client.get(reverse("admin:moderation_storyreview_change", args=[review.pk]))
    assert detail.status_code == 200
    assert "page 1 text" in detail.content.decode()
    assert "Too scary or upsetting" in detail.content.decode()

    response = client.post(
        reverse("admin:moderation_storyreview_changelist"),
        {
            "action": "release_stories",
            "_selected_action": [review.pk],
            "post": "yes",
            "reason": "Checked by hand.",
        },
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.PARTIAL
    assert ModerationAction.objects.filter(
        action="story_released", actor=admin, reason="Checked by hand."
    ).exists()


def test_an_admin_resolves_a_report_from_the_report_list(user: User, client: Client) -> None:
    report = story_report_create(reporter=user, story=StoryFactory(owner=user), reason="other")
    client.force_login(AdminFactory())
    listing = client.get(reverse("admin:moderation_storyreport_changelist"))
    assert "Something else" in listing.content.decode()
    client.post(
        reverse("admin:moderation_storyreport_changelist"),
        {"action": "resolve_reports", "_selected_action": [report.pk], "post": "yes"},
    )
    report.refresh_from_db()
    assert report.resolved


def test_pictures_of_a_held_story_stay_private(user: User, run: Callable[..., Any]) -> None:
    outage = ModerationDown(spare=2)  # the brief's two checks pass
    provider = WritingProvider()
    provider.rules.append(outage)
    for _ in _install(provider):
        story = _start(user, run)
    page = Page.objects.filter(story=story, status=StepStatus.DONE).exclude(image="").first()
    assert page is not None
    client = Client()
    client.force_login(user)
    url = reverse("stories:page-image", args=[story.pk, page.pk, "thumbnail"])
    assert client.get(url).status_code == 404
