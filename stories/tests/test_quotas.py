"""Quotas where story work starts: a new story (API and wizard, new or from a draft), retrying
missing pages, redrawing and rewriting a page; and the usage the library page shows."""

from __future__ import annotations

import copy
import dataclasses
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

import storygen.ai
from accounts.models import UsageCharge, User
from accounts.selectors import usage_get
from accounts.services import user_tokens
from accounts.tests.factories import UserFactory
from accounts.usage import usage_spend_record
from characters.models import CharacterImage
from characters.tests.factories import CharacterFactory
from stories import services
from stories.models import GenerationTask, Page, PageRedrawJob, StepStatus, Story
from stories.tests.factories import (
    GenerationTaskFactory,
    PageFactory,
    StoryCharacterFactory,
    StoryFactory,
)
from stories.tests.providers import ScriptedProvider
from stories.tests.test_wizard_views import BASICS, MIRA, OPTIONS, characters_data, start, step_url
from storygen.ai.drafts import TWO_PAGES_PER_IMAGE
from storygen.ai.types import StoryDraft, StoryRequest, Usage

pytestmark = pytest.mark.django_db


def _create(client: APIClient, run_pipeline: Callable[..., Any], payload: dict) -> Any:
    return run_pipeline(client.post, reverse("story-list"), payload, format="json")


def _charge_pictures(user: User, amount: int) -> None:
    UsageCharge.objects.create(user=user, kind=UsageCharge.Kind.PICTURE, amount=amount)


def _drawn(provider: ScriptedProvider) -> int:
    return provider.calls["cover"] + provider.calls["page"] + provider.calls["sheet"]


def _partial_story(user: User, *, failed: int) -> Story:
    """A story whose cover and first page are drawn and whose next ``failed`` pages failed."""
    story = StoryFactory(owner=user, status=Story.Status.PARTIAL, num_pages=1 + failed)
    PageFactory(story=story, number=0, status=StepStatus.DONE)
    PageFactory(story=story, number=1, status=StepStatus.DONE)
    for number in range(2, 2 + failed):
        PageFactory(story=story, number=number, status=StepStatus.FAILED)
    return story


def _spend_the_budget(settings: Any) -> None:
    """A daily AI budget of $1 that $2 of the last hours used up."""
    settings.STORYGEN_AI_PRICE_INPUT_PER_MILLION = 10.0
    settings.STORYGEN_AI_PRICE_OUTPUT_PER_MILLION = 10.0
    settings.STORYGEN_AI_DAILY_BUDGET = 1.0
    usage_spend_record(user_id=UserFactory().pk, input_tokens=200_000, output_tokens=0)


# --- a new story --------------------------------------------------------------------------


def test_a_story_over_the_daily_limit_is_429_and_nothing_is_queued_or_asked_of_the_ai(
    settings: Any,
    auth_client: APIClient,
    user: User,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 2
    for number in range(2):
        request = {**story_request, "title": f"Tale {number}"}
        assert _create(auth_client, run_pipeline, request).status_code == 202
    provider.calls.clear()

    response = _create(auth_client, run_pipeline, {**story_request, "title": "One more"})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 24 * 3600
    body = response.json()
    assert body["code"] == "quota_stories_per_day"
    assert body["detail"].startswith(
        "You have started 2 stories in the last 24 hours, which is your limit. "
        "You can start another in about 24 hours"
    )
    assert not Story.objects.filter(title="One more").exists()
    assert Story.objects.count() == GenerationTask.objects.count() == 2
    assert sum(provider.calls.values()) == 0
    assert usage_get(user=user).stories.used == 2


def test_another_account_can_start_stories_when_one_is_at_its_limit(
    settings: Any,
    user: User,
    other_user: User,
    client_for: Callable[[User], APIClient],
    story_request: dict,
) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    first = client_for(user)
    assert first.post(reverse("story-list"), story_request, format="json").status_code == 202
    assert first.post(reverse("story-list"), story_request, format="json").status_code == 429

    theirs = client_for(other_user).post(reverse("story-list"), story_request, format="json")

    assert theirs.status_code == 202


def test_runs_at_once_are_limited_until_one_finishes(
    settings: Any, auth_client: APIClient, user: User, story_request: dict
) -> None:
    settings.STORYGEN_QUOTA_CONCURRENT_RUNS = 2
    url = reverse("story-list")
    # The runs stay queued: nothing sends them in this test.
    first = auth_client.post(url, {**story_request, "title": "One"}, format="json")
    second = auth_client.post(url, {**story_request, "title": "Two"}, format="json")
    assert (first.status_code, second.status_code) == (202, 202)

    refused = auth_client.post(url, {**story_request, "title": "Three"}, format="json")

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused.json()["code"] == "quota_concurrent_runs"
    assert refused.json()["detail"] == (
        "2 of your stories are being made right now, the most your account allows at once. "
        "You can start another as soon as one of them is finished."
    )
    assert not Story.objects.filter(title="Three").exists()

    GenerationTask.objects.filter(pk=first.json()["id"]).update(
        status=GenerationTask.Status.COMPLETED
    )
    again = auth_client.post(url, {**story_request, "title": "Three"}, format="json")
    assert again.status_code == 202


def test_a_story_held_for_review_does_not_count_as_being_made(
    settings: Any, auth_client: APIClient, user: User, story_request: dict
) -> None:
    settings.STORYGEN_QUOTA_CONCURRENT_RUNS = 1
    held = StoryFactory(owner=user, status=Story.Status.HELD)
    GenerationTask.objects.create(story=held, user=user)

    response = auth_client.post(reverse("story-list"), story_request, format="json")

    assert response.status_code == 202
    assert usage_get(user=user).running_runs == 1


@pytest.mark.parametrize(
    ("pages", "ratio"),
    [(3, "One image per page"), (4, "One image per two pages")],
)
def test_a_story_is_charged_exactly_the_pictures_it_draws(
    auth_client: APIClient,
    user: User,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    pages: int,
    ratio: str,
) -> None:
    request = {**story_request, "num_pages": pages, "word_to_picture_ratio": ratio}

    assert _create(auth_client, run_pipeline, request).status_code == 202

    assert _drawn(provider) > 0
    assert usage_get(user=user).pictures.used == _drawn(provider)


def test_a_library_character_with_a_sheet_costs_no_picture(
    auth_client: APIClient,
    user: User,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    pip = CharacterFactory(owner=user, name="Pip")
    pip.current_image = CharacterImage.objects.create(character=pip, image="characters/x.png")
    pip.save()
    request = {**story_request, "character_ids": [pip.pk]}

    assert _create(auth_client, run_pipeline, request).status_code == 202

    # The cover, three pages and Mira's sheet: Pip's library sheet is copied, not drawn.
    assert usage_get(user=user).pictures.used == 5


def test_a_story_that_would_pass_the_picture_limit_is_refused(
    settings: Any, auth_client: APIClient, user: User, story_request: dict
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 10
    _charge_pictures(user, 5)

    # The cover, three pages and two sheets: 6 more than the 5 left.
    response = auth_client.post(reverse("story-list"), story_request, format="json")

    assert response.status_code == 429
    assert response.json()["code"] == "quota_pictures_per_day"
    assert response.json()["detail"].startswith(
        "This needs 6 pictures, and 5 of your 10 pictures for 24 hours are left."
    )
    assert not Story.objects.exists()
    assert not GenerationTask.objects.exists()


def test_a_spent_budget_refuses_new_stories(
    settings: Any, auth_client: APIClient, story_request: dict
) -> None:
    _spend_the_budget(settings)

    response = auth_client.post(reverse("story-list"), story_request, format="json")

    assert response.status_code == 429
    assert response.json()["code"] == "ai_budget_exhausted"
    assert int(response["Retry-After"]) > 0
    assert not Story.objects.exists()


def test_a_story_queued_before_the_budget_ran_out_is_still_made(
    settings: Any,
    user: User,
    story_request: dict,
    provider: ScriptedProvider,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks() as queued:
        task = services.story_generation_start(owner=user, **story_request)
    _spend_the_budget(settings)

    with django_capture_on_commit_callbacks(execute=True):
        for send in queued:
            send()

    assert Story.objects.get(pk=task.story_id).status == Story.Status.READY
    assert provider.calls["page"] == 3


@pytest.mark.django_db(transaction=True)
def test_many_requests_at_once_cannot_start_more_stories_than_the_limit(
    settings: Any, story_request: dict, provider: ScriptedProvider
) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 10
    settings.STORYGEN_QUOTA_CONCURRENT_RUNS = 100
    user = UserFactory()
    token = user_tokens(user=user)["access"]
    request = {**story_request, "num_pages": 1, "main_characters": []}
    ready = threading.Barrier(25)
    statuses: list[int] = []
    lock = threading.Lock()

    def post(number: int) -> None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            ready.wait()
            status = client.post(
                reverse("story-list"), {**request, "title": f"Tale {number}"}, format="json"
            ).status_code
        finally:
            connection.close()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(25)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [202] * 10 + [429] * 15
    assert Story.objects.filter(owner=user).count() == 10
    assert GenerationTask.objects.filter(user=user).count() == 10
    assert provider.calls["text"] == 10


# --- the wizard ---------------------------------------------------------------------------


@pytest.fixture
def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_the_wizard_says_kindly_why_a_draft_cannot_be_made_yet_and_keeps_it(
    settings: Any, signed_in: Client, user: User
) -> None:
    settings.STORYGEN_QUOTA_STORIES_PER_DAY = 1
    UsageCharge.objects.create(user=user, kind=UsageCharge.Kind.STORY, amount=1)
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "draft"})
    signed_in.post(step_url(key, "characters"), characters_data(MIRA))
    signed_in.post(step_url(key, "options"), {**OPTIONS, "action": "next"})

    response = signed_in.post(step_url(key, "review"), {"action": "generate"}, follow=True)

    assert response.redirect_chain[-1][0] == step_url(key, "review")
    html = response.content.decode()
    assert "You have started 1 story in the last 24 hours, which is your limit." in html
    assert "Everything you entered is still here: save it as a draft to make it later." in html
    draft = Story.objects.get(owner=user)
    assert draft.status == Story.Status.DRAFT
    assert not GenerationTask.objects.exists()
    assert usage_get(user=user).stories.used == 1


# --- retrying missing pages ---------------------------------------------------------------


def test_retrying_missing_pages_over_the_picture_limit_is_429_and_changes_nothing(
    settings: Any,
    auth_client: APIClient,
    user: User,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 10
    _charge_pictures(user, 9)
    story = _partial_story(user, failed=2)

    response = run_pipeline(auth_client.post, reverse("story-resume", args=[story.pk]))

    assert response.status_code == 429
    assert response.json()["code"] == "quota_pictures_per_day"
    assert "This needs 2 pictures, and 1 of your 10 pictures" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    assert Page.objects.filter(story=story, status=StepStatus.FAILED).count() == 2
    assert not GenerationTask.objects.exists()
    story.refresh_from_db()
    assert story.status == Story.Status.PARTIAL
    assert sum(provider.calls.values()) == 0


def test_retrying_missing_pages_charges_only_the_pages_drawn_again(
    auth_client: APIClient, user: User
) -> None:
    story = _partial_story(user, failed=2)

    assert auth_client.post(reverse("story-resume", args=[story.pk])).status_code == 202

    assert usage_get(user=user).pictures.used == 2


def test_resuming_a_story_whose_text_failed_charges_every_picture_it_will_draw(
    auth_client: APIClient, user: User
) -> None:
    story = StoryFactory(
        owner=user,
        status=Story.Status.FAILED,
        num_pages=5,
        word_to_picture_ratio=TWO_PAGES_PER_IMAGE,
    )
    StoryCharacterFactory(story=story, status=StepStatus.FAILED)
    StoryCharacterFactory(story=story, status=StepStatus.DONE)

    assert auth_client.post(reverse("story-resume", args=[story.pk])).status_code == 202

    # The cover, pages 2 and 4 (one picture for two pages), and the sheet that failed.
    report = usage_get(user=user)
    assert report.pictures.used == 3 + 1
    assert report.stories.used == 0  # the story was charged when it was started


def test_the_retry_button_shows_the_kind_sentence_over_the_limit(
    settings: Any, signed_in: Client, user: User
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = 3
    _charge_pictures(user, 3)
    story = _partial_story(user, failed=1)

    response = signed_in.post(reverse("stories:resume", args=[story.pk]), follow=True)

    assert response.redirect_chain[0] == (reverse("stories:progress", args=[story.pk]), 302)
    assert "This needs 1 picture, and 0 of your 3 pictures for 24 hours are left." in (
        response.content.decode()
    )
    assert not GenerationTask.objects.exists()


# --- redrawing and rewriting a page -------------------------------------------------------


def test_a_redraw_over_the_picture_limit_is_429_and_nothing_is_queued(
    settings: Any,
    auth_client: APIClient,
    user: User,
    story: Story,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = usage_get(user=user).pictures.used
    page = Page.objects.get(story=story, number=1)
    before = copy.copy(provider.calls)

    response = run_pipeline(
        auth_client.post,
        reverse("page-regenerate-image", args=[story.pk, page.pk]),
        {"description": "the whale jumps"},
        format="json",
    )

    assert response.status_code == 429
    assert response.json()["code"] == "quota_pictures_per_day"
    assert int(response["Retry-After"]) > 0
    assert not PageRedrawJob.objects.exists()
    assert provider.calls == before


def test_a_redraw_is_charged_one_picture(auth_client: APIClient, user: User, story: Story) -> None:
    used = usage_get(user=user).pictures.used
    page = Page.objects.get(story=story, number=1)

    response = auth_client.post(
        reverse("page-regenerate-image", args=[story.pk, page.pk]),
        headers={"Prefer": "respond-async"},
    )

    assert response.status_code == 202
    assert usage_get(user=user).pictures.used == used + 1


def test_the_editor_shows_the_kind_sentence_when_a_redraw_is_over_the_limit(
    settings: Any, signed_in: Client, user: User, story: Story
) -> None:
    settings.STORYGEN_QUOTA_PICTURES_PER_DAY = usage_get(user=user).pictures.used
    page = Page.objects.get(story=story, number=2)

    response = signed_in.post(reverse("stories:edit-redraw", args=[story.pk, page.pk]), follow=True)

    assert "This needs 1 picture, and 0 of your" in response.content.decode()
    assert not PageRedrawJob.objects.exists()


def test_a_spent_budget_refuses_a_page_rewrite_before_asking_the_ai(
    settings: Any, auth_client: APIClient, story: Story, provider: ScriptedProvider
) -> None:
    page = Page.objects.get(story=story, number=2)
    _spend_the_budget(settings)

    response = auth_client.post(reverse("page-rewrite-text", args=[story.pk, page.pk]))

    assert response.status_code == 429
    assert response.json()["code"] == "ai_budget_exhausted"
    assert provider.calls["rewrite"] == 0


def test_rewrites_over_the_daily_limit_are_429_before_asking_the_ai(
    settings: Any, auth_client: APIClient, user: User, story: Story, provider: ScriptedProvider
) -> None:
    settings.STORYGEN_QUOTA_REWRITES_PER_DAY = 2
    page = Page.objects.get(story=story, number=2)
    url = reverse("page-rewrite-text", args=[story.pk, page.pk])
    for _ in range(2):
        assert auth_client.post(url).status_code == 200

    response = auth_client.post(url)

    assert response.status_code == 429
    assert response.json()["code"] == "quota_rewrites_per_day"
    assert "You have asked for 2 page rewrites in the last 24 hours" in response.json()["detail"]
    assert 0 < int(response["Retry-After"]) <= 24 * 3600
    assert provider.calls["rewrite"] == 2
    assert usage_get(user=user).rewrites.used == 2


def test_the_editor_shows_the_kind_sentence_when_rewrites_are_over_the_limit(
    settings: Any, signed_in: Client, story: Story, provider: ScriptedProvider
) -> None:
    settings.STORYGEN_QUOTA_REWRITES_PER_DAY = 0
    page = Page.objects.get(story=story, number=2)

    response = signed_in.post(
        reverse("stories:edit-rewrite", args=[story.pk, page.pk]), {"instructions": ""}, follow=True
    )

    assert "Your account can&#x27;t have page texts rewritten at the moment." in (
        response.content.decode()
    )
    assert provider.calls["rewrite"] == 0


# --- what the AI spends -------------------------------------------------------------------


@dataclasses.dataclass
class CountingProvider(ScriptedProvider):
    """Reports the tokens of each story it writes, as a remote provider does."""

    def write_story(self, request: StoryRequest) -> StoryDraft:
        draft = super().write_story(request)
        return dataclasses.replace(draft, usage=Usage(input_tokens=1200, output_tokens=800))


@pytest.fixture
def counting() -> Iterator[CountingProvider]:
    provider = CountingProvider()
    previous = storygen.ai._provider
    storygen.ai._provider = provider
    yield provider
    storygen.ai._provider = previous


def test_the_tokens_a_story_uses_count_toward_the_daily_budget(
    user: User,
    counting: CountingProvider,
    story_request: dict,
    run_pipeline: Callable[..., Any],
) -> None:
    run_pipeline(services.story_generation_start, owner=user, **story_request)

    report = usage_get(user=user)
    assert (report.input_tokens, report.output_tokens) == (1200, 800)


@dataclasses.dataclass
class DeletedWhileWriting(CountingProvider):
    """A moderator deletes the story while its text is being written."""

    def write_story(self, request: StoryRequest) -> StoryDraft:
        draft = super().write_story(request)
        Story.objects.filter(title=request.brief.title).delete()
        return draft


def test_the_tokens_of_a_story_deleted_while_it_was_written_still_count(
    user: User, story_request: dict, run_pipeline: Callable[..., Any]
) -> None:
    previous = storygen.ai._provider
    storygen.ai._provider = DeletedWhileWriting()
    try:
        run_pipeline(services.story_generation_start, owner=user, **story_request)
    finally:
        storygen.ai._provider = previous

    assert not Story.objects.exists()
    report = usage_get(user=user)
    assert (report.input_tokens, report.output_tokens) == (1200, 800)


# --- the library shows usage --------------------------------------------------------------


def test_my_stories_shows_the_last_24_hours_against_the_limits(
    signed_in: Client, user: User
) -> None:
    UsageCharge.objects.create(user=user, kind=UsageCharge.Kind.STORY, amount=2)
    UsageCharge.objects.create(
        user=user,
        kind=UsageCharge.Kind.PICTURE,
        amount=14,
        created_at=timezone.now() - timedelta(hours=21),
    )
    UsageCharge.objects.create(user=user, kind=UsageCharge.Kind.REWRITE, amount=1)
    GenerationTask.objects.create(story=StoryFactory(owner=user), user=user)

    html = signed_in.get(reverse("stories:library")).content.decode()

    assert "Your last 24 hours" in html
    assert "<strong>2</strong> of 20<" in html
    assert "<strong>14</strong> of 300<" in html
    assert "<dt>Page rewrites</dt>" in html
    assert "<strong>1</strong> of 100<" in html
    assert "<strong>1</strong> of 3 at once" in html
    assert "usage__item--full" not in html
    assert "The next one stops counting in 2" in html


def test_my_stories_marks_the_runs_at_once_when_all_are_busy(
    settings: Any, signed_in: Client, user: User
) -> None:
    settings.STORYGEN_QUOTA_CONCURRENT_RUNS = 1
    GenerationTaskFactory(story=StoryFactory(owner=user), status=GenerationTask.Status.PENDING)

    html = signed_in.get(reverse("stories:library")).content.decode()

    assert '<div class="usage__item usage__item--full">\n      <dt>Being made now</dt>' in html
