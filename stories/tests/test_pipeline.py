"""The generation pipeline's services: claims, retries, blocks, quota, resume and reconcile."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from accounts.models import User
from characters.models import Character, CharacterImage
from stories import services
from stories.models import GenerationTask, Page, StepStatus, Story, StoryCharacter
from stories.services.steps import Claim, Step
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import (
    AIContentBlocked,
    AIProviderRejected,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.ai.sizes import long_side as picture_long_side
from storygen.jobs import RetryLater
from storygen.media import read_media, write_atomic

pytestmark = pytest.mark.django_db


def _start(
    user: User, story_request: dict, run: Callable[..., Any], **changes: Any
) -> GenerationTask:
    payload = {**story_request, **changes}
    task = run(services.story_generation_start, owner=user, **payload)
    task.refresh_from_db()
    return task


def test_a_step_is_claimed_once_until_its_lease_expires(user: User) -> None:
    from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory

    story = StoryFactory(owner=user)
    task = GenerationTaskFactory(story=story, status=GenerationTask.Status.IN_PROGRESS)
    page = PageFactory(story=story)
    step = Step(rows=Page.objects.filter(pk=page.pk), task_id=task.pk)
    assert step.claim() is Claim.CLAIMED
    assert step.claim() is Claim.BUSY
    Page.objects.filter(pk=page.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert step.claim() is Claim.CLAIMED
    page.refresh_from_db()
    assert page.attempts == 2
    task.refresh_from_db()
    assert task.step_attempts == 2


@override_settings(AI_MAX_ATTEMPTS=2)
def test_a_step_that_keeps_dying_is_failed_after_its_attempts(user: User) -> None:
    from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory

    story = StoryFactory(owner=user)
    task = GenerationTaskFactory(story=story, status=GenerationTask.Status.IN_PROGRESS)
    page = PageFactory(story=story, attempts=2, status=StepStatus.RUNNING)
    Page.objects.filter(pk=page.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    step = Step(rows=Page.objects.filter(pk=page.pk), task_id=task.pk)
    assert step.claim() is Claim.EXHAUSTED
    page.refresh_from_db()
    assert page.status == StepStatus.FAILED
    assert "Gave up after 2 attempts" in page.last_error


def test_a_step_of_a_stopped_run_is_not_claimed(user: User) -> None:
    from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory

    story = StoryFactory(owner=user)
    task = GenerationTaskFactory(story=story, status=GenerationTask.Status.FAILED)
    page = PageFactory(story=story)
    step = Step(rows=Page.objects.filter(pk=page.pk), task_id=task.pk)
    assert step.claim() is Claim.BUSY
    page.refresh_from_db()
    assert (page.status, page.attempts) == (StepStatus.PENDING, 0)


def test_transient_text_errors_are_retried_then_the_story_completes(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    provider.rules.append(
        fail_times("text", lambda: AIProviderUnavailable("busy", retry_after=0.01), 2)
    )
    task = _start(user, story_request, run_pipeline)
    assert task.status == GenerationTask.Status.COMPLETED
    assert task.story.status == Story.Status.READY
    assert provider.calls["text"] == 3
    assert task.total_retries == 2
    assert task.text_attempts == 3
    assert task.error_message == ""


@override_settings(AI_MAX_ATTEMPTS=3)
def test_text_that_never_comes_fails_the_story_after_the_attempt_cap(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    provider.rules.append(fail_times("text", lambda: AIProviderUnavailable("down"), 99))
    task = _start(user, story_request, run_pipeline)
    assert provider.calls["text"] == 3
    assert task.status == GenerationTask.Status.FAILED
    assert "Gave up after 3 attempts" in task.error_message
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.FAILED
    assert story.outline == story_request["story_outline"]  # the brief is kept


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (lambda: AIProviderRejected("The AI wrote a story we cannot use: x."), "cannot use"),
        (lambda: AIContentBlocked("blocked"), "gentler outline"),
    ],
)
def test_rejected_or_blocked_text_fails_at_once(
    user: User,
    story_request: dict,
    run_pipeline: Any,
    provider: ScriptedProvider,
    error: Any,
    message: str,
) -> None:
    provider.rules.append(fail_times("text", error, 1))
    task = _start(user, story_request, run_pipeline)
    assert provider.calls["text"] == 1
    assert task.status == GenerationTask.Status.FAILED
    assert message in task.error_message
    assert sum(provider.calls[k] for k in ("page", "cover")) == 0


def test_a_blocked_page_gets_one_gentler_try_then_the_story_ends_partial(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    provider.rules.append(fail_times("page", lambda: AIContentBlocked("no"), 2, page=2))
    task = _start(user, story_request, run_pipeline)
    pages = {p.number: p for p in Page.objects.filter(story_id=task.story_id)}
    assert pages[2].status == StepStatus.BLOCKED
    assert {pages[n].status for n in (0, 1, 3)} == {StepStatus.DONE}
    assert provider.calls["page"] == 3 + 1  # the blocked page took exactly two calls
    assert task.status == GenerationTask.Status.COMPLETED
    assert task.failed_pages_count == 1
    assert Story.objects.get(pk=task.story_id).status == Story.Status.PARTIAL


def test_a_page_blocked_once_is_drawn_from_the_gentler_prompt(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    provider.rules.append(fail_times("page", lambda: AIContentBlocked("no"), 1, page=1))
    task = _start(user, story_request, run_pipeline)
    assert Story.objects.get(pk=task.story_id).status == Story.Status.READY
    assert provider.calls["page"] == 4


def test_page_retries_are_counted_per_page(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    provider.rules.append(fail_times("page", lambda: AIProviderUnavailable("429"), 2, page=3))
    task = _start(user, story_request, run_pipeline)
    assert task.retry_counts_by_page == {"3": 2}
    assert task.total_retries == 2
    assert task.story.status == Story.Status.READY


def test_quota_exhaustion_stops_the_run_without_retrying(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    provider.rules.append(fail_times("cover", lambda: AIQuotaExhausted("no credit"), 99))
    provider.rules.append(fail_times("page", lambda: AIQuotaExhausted("no credit"), 99))
    task = _start(user, story_request, run_pipeline)
    assert task.status == GenerationTask.Status.FAILED
    assert "no credit" in task.error_message
    drawn = provider.calls["page"] + provider.calls["cover"]
    assert drawn == 1  # the first refusal stops the run; nothing is retried
    statuses = set(Page.objects.filter(story_id=task.story_id).values_list("status", flat=True))
    assert statuses == {StepStatus.FAILED}


def test_a_character_whose_sheet_fails_stays_in_the_story(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    provider.rules.append(
        lambda kind, scene: (
            AIProviderRejected("bad")
            if kind == "sheet" and scene and scene.characters[0].name == "Pip"
            else None
        )
    )
    task = _start(user, story_request, run_pipeline)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY
    pip = story.cast.get(name="Pip")
    assert pip.status == StepStatus.FAILED
    pages_with_pip = [p for p in story.pages.all() if "Pip" in p.characters_in_scene]
    assert pages_with_pip
    for page in pages_with_pip:
        with_mira = int("Mira" in page.characters_in_scene)
        assert provider.references_seen[page.number] == with_mira


def test_pages_are_drawn_with_the_sheets_of_the_characters_in_them(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    task = _start(user, story_request, run_pipeline)
    for page in Page.objects.filter(story_id=task.story_id):
        assert provider.references_seen[page.number] == len(page.characters_in_scene)


def test_a_library_sheet_is_reused_instead_of_drawn(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    from storygen.ai.offline import OfflineProvider

    art = OfflineProvider().draw("a girl", size="64x64").data
    write_atomic("characters/1/sheet.png", art)
    mira = Character.objects.create(owner=user, name="Mira", name_key="mira")
    mira.current_image = CharacterImage.objects.create(
        character=mira, image="characters/1/sheet.png"
    )
    mira.save()
    task = _start(user, story_request, run_pipeline, character_ids=[mira.pk])
    assert provider.calls["sheet"] == 1  # only Pip's
    member = StoryCharacter.objects.get(story_id=task.story_id, name="Mira")
    assert member.status == StepStatus.DONE
    assert member.sheet.name != "characters/1/sheet.png"  # the story keeps its own copy


def test_a_second_delivery_of_a_finished_page_draws_nothing(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    task = _start(user, story_request, run_pipeline)
    page = Page.objects.get(story_id=task.story_id, number=1)
    before = sum(provider.calls.values())
    services.page_draw(task_id=task.pk, page_id=page.pk)
    services.sheet_draw(task_id=task.pk, member_id=task.story.cast.first().pk)
    services.story_write(task_id=task.pk)
    assert sum(provider.calls.values()) == before


def test_transient_page_error_asks_the_task_to_retry(
    user: User,
    story_request: dict,
    provider: ScriptedProvider,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory

    story = StoryFactory(owner=user)
    task = GenerationTaskFactory(story=story, status=GenerationTask.Status.IN_PROGRESS)
    page = PageFactory(story=story, number=1)
    provider.rules.append(fail_times("page", lambda: AIProviderUnavailable("x", retry_after=3), 1))
    with pytest.raises(RetryLater) as retry:
        services.page_draw(task_id=task.pk, page_id=page.pk)
    assert retry.value.delay >= 3
    page.refresh_from_db()
    assert page.status == StepStatus.PENDING
    assert page.lease_until > timezone.now() + timedelta(seconds=3)


def test_reconciler_restarts_a_run_whose_message_was_lost(
    user: User, story_request: dict, provider: ScriptedProvider, run_pipeline: Any
) -> None:
    # Created without running the on-commit dispatch: the broker never heard of it.
    task = services.story_generation_start(owner=user, **story_request)
    GenerationTask.objects.filter(pk=task.pk).update(
        dispatched_at=timezone.now() - timedelta(hours=1)
    )
    run_pipeline(services.generation_reconcile)
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED


def test_reconciler_redraws_a_page_whose_worker_died(
    user: User, story_request: dict, provider: ScriptedProvider, run_pipeline: Any
) -> None:
    task = _start(user, story_request, run_pipeline)
    # Rewind: page 2 was being drawn by a worker that vanished, the run still in progress.
    Page.objects.filter(story_id=task.story_id, number=2).update(
        status=StepStatus.RUNNING,
        lease_until=timezone.now() - timedelta(seconds=1),
        image="",
    )
    GenerationTask.objects.filter(pk=task.pk).update(status=GenerationTask.Status.IN_PROGRESS)
    before = provider.calls["page"]
    run_pipeline(services.generation_reconcile)
    assert provider.calls["page"] == before + 1
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED
    assert Page.objects.get(story_id=task.story_id, number=2).image


def test_steps_of_a_deleted_story_do_nothing(
    user: User, story_request: dict, provider: ScriptedProvider, run_pipeline: Any
) -> None:
    task = _start(user, story_request, run_pipeline)
    page_id = Page.objects.filter(story_id=task.story_id).first().pk
    task_id = task.pk
    run_pipeline(services.story_delete, story=task.story)
    services.page_draw(task_id=task_id, page_id=page_id)
    services.generation_advance(task_id=task_id)
    services.generation_begin(task_id=task_id)


def test_a_story_a_moderator_deletes_mid_run_stops_costing_provider_calls(
    user: User, story_request: dict, run_pipeline: Any, provider: ScriptedProvider
) -> None:
    from moderation.services import story_soft_delete
    from moderation.tests.factories import AdminFactory

    task = _start(user, story_request, run_pipeline)
    # Rewind: pages 2 and 3 still wait in the queue, the run in progress.
    Page.objects.filter(story_id=task.story_id, number__in=[2, 3]).update(
        status=StepStatus.PENDING, image=""
    )
    GenerationTask.objects.filter(pk=task.pk).update(status=GenerationTask.Status.IN_PROGRESS)
    before = sum(provider.calls.values())

    run_pipeline(story_soft_delete, actor=AdminFactory(), story=task.story, reason="spam")
    for page in Page.objects.filter(story_id=task.story_id, number__in=[2, 3]):
        run_pipeline(services.page_draw, task_id=task.pk, page_id=page.pk)

    assert sum(provider.calls.values()) == before
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.FAILED
    assert "deleted by a moderator" in task.error_message


def test_progress_and_step_names_follow_the_reference(
    user: User, story_request: dict, provider: ScriptedProvider
) -> None:
    task = services.story_generation_start(owner=user, **story_request)
    assert (task.progress, task.current_step) == (0, "initializing")
    services.generation_begin(task_id=task.pk)
    task.refresh_from_db()
    assert task.current_step == "generating_text"
    assert 0 < task.progress < 30


@override_settings(AI_MAX_CONCURRENT_IMAGES=1, AI_SLOT_WAIT_SECONDS=0.2)
def test_a_page_waiting_for_a_busy_slot_steps_aside_without_spending_an_attempt(
    user: User, provider: ScriptedProvider
) -> None:
    from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory
    from storygen.models import ImageSlot

    story = StoryFactory(owner=user)
    task = GenerationTaskFactory(story=story, status=GenerationTask.Status.IN_PROGRESS)
    page = PageFactory(story=story, number=1)
    ImageSlot.objects.create(
        number=1, holder="another-worker", lease_until=timezone.now() + timedelta(minutes=5)
    )
    with pytest.raises(RetryLater):
        services.page_draw(task_id=task.pk, page_id=page.pk)
    page.refresh_from_db()
    task.refresh_from_db()
    assert (page.status, page.attempts, task.step_attempts) == (StepStatus.PENDING, 0, 0)
    assert provider.calls["page"] == 0
    # Once the holder's lease runs out the slot is taken over and the page is drawn.
    ImageSlot.objects.filter(number=1).update(lease_until=timezone.now() - timedelta(seconds=1))
    services.page_draw(task_id=task.pk, page_id=page.pk)
    page.refresh_from_db()
    assert page.status == StepStatus.DONE
    assert not ImageSlot.objects.get(number=1).holder  # released after drawing


@pytest.mark.django_db(transaction=True)
def test_four_concurrent_deliveries_of_a_page_draw_it_once(provider: ScriptedProvider) -> None:
    import threading

    from django.db import connection

    from accounts.tests.factories import UserFactory
    from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory

    story = StoryFactory(owner=UserFactory())
    task = GenerationTaskFactory(story=story, status=GenerationTask.Status.IN_PROGRESS)
    page = PageFactory(story=story, number=1)
    start = threading.Barrier(4)

    def deliver() -> None:
        try:
            start.wait()
            services.page_draw(task_id=task.pk, page_id=page.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    page.refresh_from_db()
    assert page.status == StepStatus.DONE
    assert page.attempts == 1
    assert provider.calls["page"] == 1
    assert Page.objects.filter(story=story, number=1).count() == 1


def test_a_run_stopped_while_its_text_is_written_ends_without_pages(
    user: User,
    story_request: dict,
    run_pipeline: Any,
    provider: ScriptedProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_story = provider.write_story

    def write_while_the_account_runs_dry(request: Any) -> Any:
        draft = write_story(request)
        # Meanwhile a character sheet met the provider's quota end, which stops the run.
        running = GenerationTask.objects.get(story__title=story_request["title"])
        services.generation_abort(task_id=running.pk, message="The AI account is out of credit.")
        return draft

    monkeypatch.setattr(provider, "write_story", write_while_the_account_runs_dry)
    task = _start(user, story_request, run_pipeline)

    # One consistent end: failed, and the text that arrived late was not kept.
    assert task.status == GenerationTask.Status.FAILED
    assert "out of credit" in task.error_message
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.FAILED
    assert not story.pages.exists()
    assert provider.calls["page"] + provider.calls["cover"] == 0


def test_steps_the_broker_refused_are_due_again_at_once(
    user: User,
    story_request: dict,
    run_pipeline: Any,
    provider: ScriptedProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stories import tasks

    def broker_down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("the broker is restarting")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.page_draw, "delay", broker_down)
        task = _start(user, story_request, run_pipeline)
    waiting = Page.objects.filter(story_id=task.story_id, status=StepStatus.PENDING)
    assert waiting.count() == 4
    # Not left to wait out their queue lease: the next reconciler pass sends them.
    assert all(page.lease_until <= timezone.now() for page in waiting)
    run_pipeline(services.generation_reconcile)
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED


def test_a_run_the_broker_refused_is_sent_by_the_next_reconciler_pass(
    user: User,
    story_request: dict,
    run_pipeline: Any,
    provider: ScriptedProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stories import tasks

    def broker_down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("the broker is restarting")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.story_generate, "delay", broker_down)
        task = _start(user, story_request, run_pipeline)
    assert task.status == GenerationTask.Status.PENDING
    # Due at the next pass, instead of after a queue lease.
    assert task.dispatched_at <= timezone.now() - timedelta(
        seconds=settings.STORYGEN_QUEUE_LEASE_SECONDS
    )
    run_pipeline(services.generation_reconcile)
    task.refresh_from_db()
    assert task.status == GenerationTask.Status.COMPLETED


@pytest.mark.parametrize(
    ("page_format", "shape"),
    [("a4", 210 / 297), ("letter", 8.5 / 11), ("square-storybook", 1.0)],
)
def test_page_pictures_are_drawn_at_the_shape_of_their_page(
    user: User, story_request: dict, run_pipeline: Any, page_format: str, shape: float
) -> None:
    layout = {"page_format": page_format}
    task = _start(user, story_request, run_pipeline, editor_settings=layout)
    pages = Page.objects.filter(story_id=task.story_id).exclude(image="")
    assert pages.count() == 1 + task.story.num_pages
    long_side = picture_long_side(settings.AI_PAGE_IMAGE_SIZE)
    for page in pages:
        with Image.open(io.BytesIO(read_media(page.image.name))) as picture:
            width, height = picture.size
        assert max(width, height) == long_side
        # Within a pixel of rounding: the page shows the whole picture, edge to edge.
        assert width / height == pytest.approx(shape, abs=1.5 / long_side)
