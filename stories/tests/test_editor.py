"""The editor services: title, layout and overrides, text, picture versions, redraw, rewrite."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from stories import services
from stories.errors import (
    NoOriginalPicture,
    PageRewriteFailed,
    PageRewriteUnchecked,
    PageRewriteUnsafe,
    PageWishesUnsafe,
    StoryChanged,
    StoryNotEditable,
    StoryTitleTaken,
)
from stories.layout import page_layout
from stories.models import (
    DynamicListItem,
    Page,
    PageImage,
    PageRedrawJob,
    StepStatus,
    Story,
    StoryCharacter,
)
from stories.prompts import density_words, text_position_guidance
from stories.tests.factories import PageFactory, StoryFactory
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import (
    AIContentBlocked,
    AIProviderAuthFailed,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.ai.types import PageText
from storygen.exceptions import InvalidInput, NotFound
from storygen.media import media_path, read_media, write_atomic

pytestmark = pytest.mark.django_db


def _page(story: Story, number: int) -> Page:
    return Page.objects.get(story=story, number=number)


def _redraw(run: Callable[..., Any], page: Page, **options: Any) -> PageRedrawJob:
    job = run(services.page_redraw_request, page=page, **options)
    job.refresh_from_db()
    return job


# --- title ----------------------------------------------------------------------------------


def test_a_new_title_renames_the_story_and_the_cover_follows(story: Story) -> None:
    services.story_title_update(story=story, title="  The Whale Road  ")
    story.refresh_from_db()
    assert story.title == "The Whale Road"
    cover = _page(story, 0)
    assert cover.text == "The Whale Road"
    assert cover.original_text == "The Lantern Keeper"  # the restore point stays


def test_a_cover_with_its_own_text_keeps_it_when_the_title_changes(story: Story) -> None:
    Page.objects.filter(story=story, number=0).update(text="A tale of the sea")
    services.story_title_update(story=story, title="The Whale Road")
    assert _page(story, 0).text == "A tale of the sea"


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_a_blank_or_overlong_title_is_refused(story: Story, title: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.story_title_update(story=story, title=title)
    assert list(caught.value.errors) == ["title"]
    story.refresh_from_db()
    assert story.title == "The Lantern Keeper"


def test_a_title_the_owner_already_uses_is_refused_but_others_may_use_it(
    story: Story, user: User, other_user: User
) -> None:
    StoryFactory(owner=user, title="Taken")
    with pytest.raises(StoryTitleTaken):
        services.story_title_update(story=story, title="Taken")
    theirs = StoryFactory(owner=other_user, title="Theirs")
    services.story_title_update(story=story, title="Theirs")
    story.refresh_from_db()
    assert story.title == "Theirs"
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"


def test_a_draft_can_be_renamed(user: User) -> None:
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT, title="")
    services.story_title_update(story=draft, title="Later")
    draft.refresh_from_db()
    assert draft.title == "Later"


# --- layout and text ------------------------------------------------------------------------


def test_document_defaults_change_and_omitted_ones_stay(story: Story) -> None:
    services.story_editor_update(
        story=story,
        settings={"font_color": "#ABC", "text_position": "top", "page_format": "US_Letter"},
    )
    story.refresh_from_db()
    assert story.font_color == "#aabbcc"
    assert story.text_position == "top-center"
    assert story.page_format == "letter"
    assert story.font_size == 28  # omitted: unchanged
    assert story.layout_mode == Story.LayoutMode.OVERLAY


def test_a_null_override_goes_back_to_the_default_and_an_omitted_one_stays(
    story: Story,
) -> None:
    page = _page(story, 1)
    services.story_editor_update(
        story=story,
        pages=[{"id": page.pk, "font_size": 40, "font_color": "#000000", "text_box_opacity": 0.2}],
    )
    page.refresh_from_db()
    assert (page.font_size, page.font_color, page.text_box_opacity) == (40, "#000000", 0.2)

    services.story_editor_update(story=story, pages=[{"id": page.pk, "font_size": None}])
    page.refresh_from_db()
    assert page.font_size is None  # cleared: the story's default applies again
    assert page.font_color == "#000000"  # omitted: kept
    assert page.text_box_opacity == 0.2
    assert page_layout(story, page).font_size == story.font_size


def test_a_pages_own_opacity_is_kept_and_laid_out(story: Story) -> None:
    page = _page(story, 2)
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text_box_opacity": 0.15}])
    services.story_editor_update(story=story, settings={"text_box_opacity": 0.9})
    page.refresh_from_db()
    story.refresh_from_db()
    assert page.text_box_opacity == 0.15
    assert page_layout(story, page).text_box_opacity == 0.15
    assert page_layout(story, _page(story, 1)).text_box_opacity == 0.9


def test_page_text_is_saved_trimmed(story: Story) -> None:
    page = _page(story, 1)
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "  New words.\n"}])
    page.refresh_from_db()
    assert page.text == "New words."
    assert page.original_text != "New words."


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({"text": ""}, "pages.1.text"),
        ({"text": None}, "pages.1.text"),
        ({"text": "x" * 5001}, "pages.1.text"),
        ({"font_color": "red"}, "pages.1.font_color"),
        ({"font_size": 99}, "pages.1.font_size"),
        ({"font_size": True}, "pages.1.font_size"),
        ({"text_box_opacity": 1.5}, "pages.1.text_box_opacity"),
        ({"text_box_opacity": float("nan")}, "pages.1.text_box_opacity"),
        ({"text_position": "upstairs"}, "pages.1.text_position"),
        ({"font_family": "Comic Sans"}, "pages.1.font_family"),
        ({"image_description": "sneaky"}, "pages.1.image_description"),
    ],
)
def test_one_bad_value_saves_nothing(story: Story, entry: dict[str, Any], field: str) -> None:
    first, second = _page(story, 1), _page(story, 2)
    with pytest.raises(InvalidInput) as caught:
        services.story_editor_update(
            story=story,
            settings={"font_size": 30},
            pages=[{"id": first.pk, "text": "Changed."}, {"id": second.pk, **entry}],
            title="Renamed",
        )
    assert list(caught.value.errors) == [field]
    story.refresh_from_db()
    first.refresh_from_db()
    assert story.font_size == 28
    assert story.title == "The Lantern Keeper"
    assert first.text != "Changed."


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"font_size": None}, "editor_settings.font_size"),
        ({"layout_mode": "collage"}, "editor_settings.layout_mode"),
        ({"page_format": "tabloid"}, "editor_settings.page_format"),
        ({"margin": 3}, "editor_settings.margin"),
    ],
)
def test_document_defaults_cannot_be_cleared_or_invented(
    story: Story, settings: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.story_editor_update(story=story, settings=settings)
    assert list(caught.value.errors) == [field]


def test_an_inactive_font_family_is_refused(story: Story) -> None:
    DynamicListItem.objects.filter(dynamic_list_id="font_families", item_value="modern").update(
        is_active=False
    )
    with pytest.raises(InvalidInput) as caught:
        services.story_editor_update(story=story, settings={"font_family": "modern"})
    assert caught.value.errors == {
        "editor_settings.font_family": ["'modern' is not one of the available font families."]
    }
    services.story_editor_update(story=story, settings={"font_family": "dyslexia-friendly"})
    story.refresh_from_db()
    assert story.font_family == "dyslexia-friendly"


def test_a_page_of_another_story_is_not_found_and_named(story: Story, user: User) -> None:
    elsewhere = PageFactory(story=StoryFactory(owner=user))
    mine = _page(story, 1)
    with pytest.raises(NotFound, match=str(elsewhere.pk)):
        services.story_editor_update(
            story=story,
            pages=[{"id": mine.pk, "text": "Changed."}, {"id": elsewhere.pk, "text": "Mine now"}],
        )
    mine.refresh_from_db()
    assert mine.text != "Changed."


def test_the_same_page_twice_is_refused(story: Story) -> None:
    page = _page(story, 1)
    with pytest.raises(InvalidInput) as caught:
        services.story_editor_update(
            story=story, pages=[{"id": page.pk, "text": "A"}, {"id": page.pk, "text": "B"}]
        )
    assert list(caught.value.errors) == ["pages.1.id"]


@pytest.mark.parametrize(
    "status", [Story.Status.DRAFT, Story.Status.QUEUED, Story.Status.GENERATING]
)
def test_pages_cannot_be_edited_before_the_story_is_finished(user: User, status: str) -> None:
    story = StoryFactory(owner=user, status=status)
    page = PageFactory(story=story)
    with pytest.raises(StoryNotEditable):
        services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "Too soon"}])
    for action in (services.page_text_restore, services.page_image_restore):
        with pytest.raises(StoryNotEditable):
            action(page=page)
    with pytest.raises(StoryNotEditable):
        services.page_redraw_request(page=page)
    with pytest.raises(StoryNotEditable):
        services.page_text_rewrite(page=page)
    # Layout defaults need no pages.
    services.story_editor_update(story=story, settings={"font_size": 20})
    story.refresh_from_db()
    assert story.font_size == 20


def test_editing_the_covers_text_renames_the_story(story: Story) -> None:
    cover = _page(story, 0)
    services.story_editor_update(story=story, pages=[{"id": cover.pk, "text": "Sea Friends"}])
    story.refresh_from_db()
    assert story.title == "Sea Friends"


def test_a_title_and_cover_text_sent_together_are_both_kept(story: Story) -> None:
    cover = _page(story, 0)
    services.story_editor_update(
        story=story, title="Sea Friends", pages=[{"id": cover.pk, "text": "Sea Friends!"}]
    )
    story.refresh_from_db()
    cover.refresh_from_db()
    assert (story.title, cover.text) == ("Sea Friends", "Sea Friends!")


def test_a_taken_title_saves_nothing(story: Story, user: User) -> None:
    StoryFactory(owner=user, title="Taken")
    page = _page(story, 1)
    with pytest.raises(StoryTitleTaken):
        services.story_editor_update(
            story=story, title="Taken", pages=[{"id": page.pk, "text": "Changed."}]
        )
    page.refresh_from_db()
    assert page.text != "Changed."
    assert _page(story, 0).text == "The Lantern Keeper"


def test_restore_text_brings_the_original_back(story: Story) -> None:
    page = _page(story, 2)
    original = page.text
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "Edited."}])
    services.page_text_restore(page=page)
    page.refresh_from_db()
    assert page.text == original


def test_restoring_the_covers_text_restores_the_title(story: Story) -> None:
    services.story_title_update(story=story, title="Renamed")
    services.page_text_restore(page=_page(story, 0))
    story.refresh_from_db()
    assert story.title == "The Lantern Keeper"
    assert _page(story, 0).text == "The Lantern Keeper"


# --- picture versions and redraws -----------------------------------------------------------


def test_every_drawn_page_starts_with_its_first_version(story: Story) -> None:
    for page in Page.objects.filter(story=story):
        (version,) = PageImage.objects.filter(page=page)
        assert version.version == page.image_version == 1
        assert version.image.name == page.image.name == page.original_image.name
        assert version.source == PageImage.Source.DRAWN
        assert text_position_guidance(story.text_position) in version.prompt_used


def test_the_pipeline_prompt_keeps_the_stories_text_position_calm(
    user: User,
    provider: ScriptedProvider,
    run_pipeline: Callable[..., Any],
    story_request: dict[str, Any],
) -> None:
    story_request["editor_settings"] = {"text_position": "top-right"}
    run_pipeline(services.story_generation_start, owner=user, **story_request)
    page_prompts = [p for p in provider.prompts if "reference sheet for" not in p]
    assert page_prompts
    assert all("Keep the top right area of the picture calm" in p for p in page_prompts)


def test_a_redraw_keeps_the_old_picture_as_a_version(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    first = page.image.name
    job = _redraw(run_pipeline, page)
    assert job.status == PageRedrawJob.Status.DONE
    assert job.attempts == 1
    page.refresh_from_db()
    assert page.image_version == 2
    assert page.image.name != first
    assert media_path(page.image_display.name).is_file()
    assert page.original_image.name == first
    assert job.result is not None
    assert job.result.version == 2
    assert job.result.source == PageImage.Source.REDRAWN

    _redraw(run_pipeline, page)
    page.refresh_from_db()
    versions = list(PageImage.objects.filter(page=page).values_list("version", flat=True))
    assert versions == [1, 2, 3]
    assert page.image_version == 3
    names = set(PageImage.objects.filter(page=page).values_list("image", flat=True))
    assert len(names) == 3
    assert all(media_path(name).is_file() for name in names)


def test_a_redraw_differs_from_the_first_picture(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    before = read_media(page.image.name)
    _redraw(run_pipeline, page)
    page.refresh_from_db()
    assert read_media(page.image.name) != before


def test_an_earlier_picture_can_be_made_current_again(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    _redraw(run_pipeline, page)
    _redraw(run_pipeline, page)
    first = PageImage.objects.get(page=page, version=1)

    services.page_image_make_current(page=page, version_id=first.pk)
    page.refresh_from_db()
    assert page.image.name == first.image.name
    assert page.image_display.name == first.display.name
    assert page.image_version == 1
    assert PageImage.objects.filter(page=page).count() == 3

    # The next redraw never reuses a version number (nor its file names).
    _redraw(run_pipeline, page)
    page.refresh_from_db()
    assert page.image_version == 4


def test_another_pages_picture_cannot_be_made_current(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    other = PageImage.objects.get(page=_page(story, 2))
    with pytest.raises(NotFound):
        services.page_image_make_current(page=_page(story, 1), version_id=other.pk)


def test_restore_image_shows_the_original_and_keeps_the_redraw(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    original = page.image.name
    _redraw(run_pipeline, page, description="Mira and Pip on a moonlit beach")
    page.refresh_from_db()
    assert page.image_description == "Mira and Pip on a moonlit beach"

    services.page_image_restore(page=page)
    page.refresh_from_db()
    assert page.image.name == original
    assert page.image_description == page.original_image_description
    assert PageImage.objects.filter(page=page).count() == 2


def test_restore_image_without_an_original_is_refused(user: User) -> None:
    page = PageFactory(story=StoryFactory(owner=user), status=StepStatus.FAILED)
    with pytest.raises(NoOriginalPicture):
        services.page_image_restore(page=page)


def test_an_original_never_kept_as_a_version_is_restored_from_its_file(
    story: Story,
) -> None:
    page = _page(story, 1)
    write_atomic(f"stories/{story.pk}/pages/legacy.png", read_media(page.image.name))
    Page.objects.filter(pk=page.pk).update(original_image=f"stories/{story.pk}/pages/legacy.png")

    services.page_image_restore(page=page)
    page.refresh_from_db()
    restored = PageImage.objects.get(page=page, source=PageImage.Source.RESTORED)
    assert page.image.name == restored.image.name
    assert page.image_version == restored.version == 2
    assert media_path(restored.thumbnail.name).is_file()


def test_a_picture_drawn_before_versions_existed_is_kept_before_it_is_replaced(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    PageImage.objects.filter(page=page).delete()
    _redraw(run_pipeline, page)
    assert list(PageImage.objects.filter(page=page).values_list("version", "source")) == [
        (1, "drawn"),
        (2, "redrawn"),
    ]


def test_a_redraw_uses_the_in_scene_characters_sheets(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    page = _page(story, 1)
    Page.objects.filter(pk=page.pk).update(characters_in_scene=["Pip"])
    page.refresh_from_db()
    provider.references_seen.clear()
    _redraw(run_pipeline, page)
    assert provider.references_seen == {1: 1}

    Page.objects.filter(pk=page.pk).update(characters_in_scene=["Mira", "Pip"])
    page.refresh_from_db()
    _redraw(run_pipeline, page)
    assert provider.references_seen == {1: 2}
    assert "Mira" in provider.prompts[-1]
    assert "Pip" in provider.prompts[-1]


def test_a_redraw_keeps_the_pages_own_text_position_calm(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    page = _page(story, 2)
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text_position": "top-left"}])
    _redraw(run_pipeline, page)
    assert text_position_guidance("top-left") in provider.prompts[-1]
    job_prompt = PageImage.objects.get(page=page, version=2).prompt_used
    assert "Keep the top left area of the picture calm" in job_prompt


def test_a_page_being_redrawn_gets_its_job_back(
    story: Story, django_capture_on_commit_callbacks: Any
) -> None:
    page = _page(story, 1)
    with django_capture_on_commit_callbacks(execute=False):
        first = services.page_redraw_request(page=page)
        second = services.page_redraw_request(page=page, description="Something else")
    assert first.pk == second.pk
    assert PageRedrawJob.objects.count() == 1


def test_an_overlong_description_is_refused(story: Story) -> None:
    with pytest.raises(InvalidInput):
        services.page_redraw_request(page=_page(story, 1), description="x" * 3001)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (AIProviderAuthFailed("bad key"), "auth"),
        (AIQuotaExhausted("no credit"), "quota"),
        (AIContentBlocked("no"), "blocked"),
    ],
)
def test_a_permanent_failure_fails_the_job_with_a_code_and_keeps_the_picture(
    story: Story,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    error: Exception,
    code: str,
) -> None:
    page = _page(story, 1)
    before = page.image.name
    provider.rules.append(lambda kind, scene: error if kind == "page" else None)
    job = _redraw(run_pipeline, page)
    assert job.status == PageRedrawJob.Status.FAILED
    assert job.error_code == code
    assert job.error_message
    assert job.finished_at is not None
    page.refresh_from_db()
    assert page.image.name == before
    assert PageImage.objects.filter(page=page).count() == 1


def test_a_blocked_picture_is_tried_once_more_in_gentler_words(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    provider.rules.append(fail_times("page", lambda: AIContentBlocked("no"), 1))
    job = _redraw(run_pipeline, _page(story, 1))
    assert job.status == PageRedrawJob.Status.DONE
    assert provider.prompts[-1].startswith("A gentle, cheerful")


@override_settings(AI_MAX_ATTEMPTS=3)
def test_an_unavailable_provider_is_retried_then_the_job_fails(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    calls = provider.calls["page"]
    provider.rules.append(fail_times("page", lambda: AIProviderUnavailable("busy"), 99))
    job = _redraw(run_pipeline, _page(story, 1))
    assert job.status == PageRedrawJob.Status.FAILED
    assert job.error_code == "unavailable"
    assert job.attempts == 3
    assert "Gave up after 3 attempts" in job.error_message
    assert provider.calls["page"] - calls == 3


def test_a_transient_failure_is_retried_and_then_drawn(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    provider.rules.append(fail_times("page", lambda: AIProviderUnavailable("busy"), 1))
    job = _redraw(run_pipeline, _page(story, 1))
    assert job.status == PageRedrawJob.Status.DONE
    assert job.attempts == 2


UNSAFE_DESCRIPTION = "The pirate would murder the boy and cut his throat."


def test_a_redraw_description_that_fails_the_safety_check_draws_nothing(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    page = _page(story, 1)
    calls = provider.calls["page"]
    with pytest.raises(PageWishesUnsafe) as refused:
        _redraw(run_pipeline, page, description=UNSAFE_DESCRIPTION)
    assert refused.value.errors["description"][0].startswith(
        "The new picture's description was stopped for violence"
    )
    assert not PageRedrawJob.objects.exists()
    assert provider.calls["page"] == calls
    assert _page(story, 1).image.name == page.image.name
    assert PageImage.objects.filter(page=page).count() == 1


@override_settings(AI_MAX_ATTEMPTS=2)
def test_a_redraw_description_waits_for_the_safety_check_then_gives_up(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    calls = provider.calls["page"]
    provider.rules.append(fail_times("moderation", lambda: AIProviderUnavailable("down"), 99))
    job = _redraw(run_pipeline, _page(story, 1), description="A kite over the harbour.")
    assert (job.status, job.error_code, job.attempts) == ("failed", "unavailable", 2)
    assert "safety check is not answering" in job.error_message
    assert provider.calls["page"] == calls


def test_a_redraw_description_is_drawn_once_the_safety_check_answers(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    # Down when the redraw is asked for (it is queued all the same) and at the first try.
    provider.rules.append(fail_times("moderation", lambda: AIProviderUnavailable("down"), 2))
    job = _redraw(run_pipeline, _page(story, 1), description="A kite over the harbour.")
    assert (job.status, job.attempts) == (PageRedrawJob.Status.DONE, 2)
    assert _page(story, 1).image_description == "A kite over the harbour."


def test_a_redraw_description_the_worker_finds_unsafe_is_not_drawn(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    # The check could not answer when the redraw was asked for, so the worker checks it.
    provider.rules.append(fail_times("moderation", lambda: AIProviderUnavailable("down"), 1))
    provider.text_flags.append("kite with teeth")
    drawn = provider.calls["page"]
    job = _redraw(run_pipeline, _page(story, 1), description="A kite with teeth over the sea.")
    assert (job.status, job.error_code) == (PageRedrawJob.Status.FAILED, "blocked")
    assert "cannot be drawn for a children's book" in job.error_message
    assert provider.calls["page"] == drawn
    page = _page(story, 1)
    assert page.image_version == 1
    assert page.image_description != "A kite with teeth over the sea."


def test_a_redrawn_picture_that_fails_the_safety_check_is_not_kept(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    page = _page(story, 1)
    folder = media_path(page.image.name).parent
    files = sorted(folder.iterdir())
    provider.picture_flags.append(page.text)
    job = _redraw(run_pipeline, page)
    assert (job.status, job.error_code) == (PageRedrawJob.Status.FAILED, "blocked")
    assert "did not pass the safety check" in job.error_message
    page.refresh_from_db()
    assert page.image_version == 1
    assert PageImage.objects.filter(page=page).count() == 1
    assert sorted(folder.iterdir()) == files


def test_a_redrawn_picture_is_not_kept_while_the_safety_check_is_down(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    calls = provider.calls["page"]
    provider.rules.append(
        fail_times("picture-moderation", lambda: AIProviderUnavailable("down"), 99)
    )
    job = _redraw(run_pipeline, _page(story, 1))
    assert (job.status, job.error_code) == (PageRedrawJob.Status.FAILED, "unavailable")
    assert "was not kept" in job.error_message
    # Drawing again costs a picture: it is the person's choice, not an automatic retry.
    assert provider.calls["page"] - calls == 1
    assert _page(story, 1).image_version == 1


def test_a_finished_job_is_not_drawn_again(
    story: Story, run_pipeline: Callable[..., Any], provider: ScriptedProvider
) -> None:
    job = _redraw(run_pipeline, _page(story, 1))
    calls = provider.calls["page"]
    services.page_redraw(job_id=job.pk)
    assert provider.calls["page"] == calls
    assert PageImage.objects.filter(page=job.page).count() == 2


@override_settings(AI_MAX_ATTEMPTS=2)
def test_a_job_that_keeps_losing_its_worker_is_failed(story: Story) -> None:
    job = PageRedrawJob.objects.create(
        page=_page(story, 1),
        status=PageRedrawJob.Status.RUNNING,
        attempts=2,
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    services.page_redraw(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == PageRedrawJob.Status.FAILED
    assert job.error_message == "Gave up after 2 attempts."


def test_the_reconciler_sends_lost_redraws_again(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    lost = PageRedrawJob.objects.create(page=page)
    PageRedrawJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    waiting = PageRedrawJob.objects.create(page=_page(story, 2))
    held = PageRedrawJob.objects.create(
        page=_page(story, 3),
        status=PageRedrawJob.Status.RUNNING,
        attempts=1,
        lease_until=timezone.now() + timedelta(minutes=5),
    )

    assert run_pipeline(services.page_redraw_jobs_reconcile) == 1
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert lost.status == PageRedrawJob.Status.DONE  # eager Celery ran it
    assert waiting.status == PageRedrawJob.Status.PENDING
    held.refresh_from_db()
    assert held.status == PageRedrawJob.Status.RUNNING


def test_the_worker_pass_includes_page_redraws(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    from storygen.celery import _reconcile_once

    lost = PageRedrawJob.objects.create(page=_page(story, 1))
    PageRedrawJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    run_pipeline(_reconcile_once)
    lost.refresh_from_db()
    assert lost.status == PageRedrawJob.Status.DONE


def test_redrawing_a_missing_picture_makes_a_partial_story_ready(
    user: User,
    provider: ScriptedProvider,
    run_pipeline: Callable[..., Any],
    story_request: dict[str, Any],
) -> None:
    provider.rules.append(fail_times("page", lambda: AIContentBlocked("no"), 2, page=2))
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.PARTIAL
    page = _page(story, 2)
    assert page.status == StepStatus.BLOCKED

    job = _redraw(run_pipeline, page)
    assert job.status == PageRedrawJob.Status.DONE
    page.refresh_from_db()
    story.refresh_from_db()
    assert page.status == StepStatus.DONE
    assert page.original_image.name == page.image.name
    assert story.status == Story.Status.READY


# --- rewriting a page -----------------------------------------------------------------------


def test_a_rewrite_proposes_different_text_and_saves_nothing(story: Story) -> None:
    page = _page(story, 2)
    before = (page.text, page.updated_at)
    proposal = services.page_text_rewrite(page=page).text
    assert proposal
    assert proposal != page.text
    page.refresh_from_db()
    assert (page.text, page.updated_at) == before


def test_a_rewrite_fits_the_density_and_names_the_characters_in_the_picture(
    story: Story, provider: ScriptedProvider
) -> None:
    low, high = density_words(story.text_density)
    for page in Page.objects.filter(story=story, number__gte=1):
        proposal = services.page_text_rewrite(page=page).text
        assert low <= len(proposal.split()) <= high
        assert all(name in proposal for name in page.characters_in_scene)


def test_the_rewrite_request_carries_the_story_the_page_and_the_wishes(
    story: Story, provider: ScriptedProvider
) -> None:
    page = _page(story, 3)
    services.page_text_rewrite(page=page, instructions="  Make it funnier.  ")
    (request,) = provider.rewrites
    assert request.page_number == 3
    assert request.text == page.text
    assert request.characters_in_scene == tuple(page.characters_in_scene)
    assert len(request.pages) == 4
    assert request.pages[3] == page.text
    assert request.brief.text_density == story.text_density
    assert [c.name for c in request.brief.characters] == ["Mira", "Pip"]
    assert request.user_instructions == "Make it funnier."
    assert "Make it funnier." in request.prompt
    assert "Page 3 <- THE PAGE TO REWRITE" in request.prompt
    assert request.schema["required"] == ["text"]


def test_accepting_a_rewrite_is_an_ordinary_edit(story: Story) -> None:
    page = _page(story, 1)
    proposal = services.page_text_rewrite(page=page).text
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": proposal}])
    page.refresh_from_db()
    assert page.text == proposal


def test_the_cover_is_not_rewritten(story: Story) -> None:
    with pytest.raises(InvalidInput, match="title"):
        services.page_text_rewrite(page=_page(story, 0))


def test_overlong_wishes_are_refused(story: Story) -> None:
    with pytest.raises(InvalidInput):
        services.page_text_rewrite(page=_page(story, 1), instructions="x" * 501)


@pytest.mark.parametrize(
    ("error", "code", "status"),
    [
        (AIProviderUnavailable("busy", retry_after=3), "unavailable", 503),
        (AIProviderAuthFailed("bad key"), "auth", 502),
        (AIQuotaExhausted("no credit"), "quota", 402),
        (AIContentBlocked("no"), "blocked", 422),
    ],
)
def test_a_failed_rewrite_says_why(
    story: Story, provider: ScriptedProvider, error: Exception, code: str, status: int
) -> None:
    provider.rules.append(lambda kind, scene: error if kind == "rewrite" else None)
    with pytest.raises(PageRewriteFailed) as caught:
        services.page_text_rewrite(page=_page(story, 1))
    assert (caught.value.code, caught.value.status_code) == (code, status)
    if code == "unavailable":
        assert caught.value.headers == {"Retry-After": "3"}


def test_a_rewrite_that_fails_the_safety_check_is_never_offered(
    story: Story, provider: ScriptedProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    unsafe = "The pirate said he would murder the boy and cut his throat."
    monkeypatch.setattr(provider, "rewrite_page", lambda request: PageText(text=unsafe))
    page = _page(story, 1)
    with pytest.raises(PageRewriteUnsafe) as caught:
        services.page_text_rewrite(page=page)
    assert unsafe not in caught.value.message
    assert caught.value.status_code == 422
    assert _page(story, 1).text == page.text


def test_a_rewrite_is_withheld_while_the_safety_check_is_down(
    story: Story, provider: ScriptedProvider
) -> None:
    down = AIProviderUnavailable("Moderation is down.")
    provider.rules.append(lambda kind, scene: down if kind == "moderation" else None)
    with pytest.raises(PageRewriteUnchecked) as caught:
        services.page_text_rewrite(page=_page(story, 1))
    assert (caught.value.status_code, caught.value.headers) == (503, {"Retry-After": "60"})


def test_character_sheets_are_not_touched_by_editing(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    sheets = list(StoryCharacter.objects.filter(story=story).values_list("sheet", flat=True))
    _redraw(run_pipeline, _page(story, 1))
    assert list(StoryCharacter.objects.filter(story=story).values_list("sheet", flat=True)) == (
        sheets
    )


# --- the edit version -----------------------------------------------------------------------


def _version(story: Story) -> int:
    return Story.objects.values_list("edit_version", flat=True).get(pk=story.pk)


def _saved_state(story: Story) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Everything an edit can change, as stored."""
    return (
        Story.objects.filter(pk=story.pk).values().get(),
        list(Page.objects.filter(story=story).order_by("number").values()),
    )


def test_every_edit_of_what_the_editor_shows_counts_one_version(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    edits: list[tuple[str, Callable[[], Any]]] = [
        ("title", lambda: services.story_title_update(story=story, title="The Whale Road")),
        ("layout", lambda: services.story_editor_update(story=story, settings={"font_size": 40})),
        (
            "text",
            lambda: services.story_editor_update(
                story=story, pages=[{"id": page.pk, "text": "New words."}]
            ),
        ),
        (
            "override",
            lambda: services.story_editor_update(
                story=story, pages=[{"id": page.pk, "font_color": "#000000"}]
            ),
        ),
        ("restore text", lambda: services.page_text_restore(page=page)),
        ("redraw finishing", lambda: _redraw(run_pipeline, page)),
        (
            "make current",
            lambda: services.page_image_make_current(
                page=page, version_id=PageImage.objects.get(page=page, version=1).pk
            ),
        ),
        ("restore picture", lambda: services.page_image_restore(page=_page(story, 2))),
    ]
    # The second page needs a picture other than its first for restoring to change it.
    _redraw(run_pipeline, _page(story, 2))
    version = _version(story)
    for name, edit in edits:
        edit()
        assert _version(story) == version + 1, name
        version += 1


def test_an_edit_that_changes_nothing_keeps_the_version(story: Story) -> None:
    page = _page(story, 1)
    version = _version(story)
    services.story_title_update(story=story, title=story.title)
    services.story_editor_update(story=story)
    services.page_text_restore(page=page)  # the text is still the original one
    assert _version(story) == version


def test_a_redraw_asked_for_but_not_finished_keeps_the_version(story: Story) -> None:
    version = _version(story)
    services.page_redraw_request(page=_page(story, 1))  # no worker runs it
    assert _version(story) == version


def test_an_edit_from_the_current_version_is_saved_and_counted(story: Story) -> None:
    version = _version(story)
    edited = services.story_editor_update(
        story=story, settings={"font_size": 40}, expected_version=version
    )
    assert edited.edit_version == version + 1 == _version(story)
    assert Story.objects.get(pk=story.pk).font_size == 40


@pytest.mark.parametrize(
    "edit",
    [
        "title",
        "layout and text",
        "restore text",
        "make current",
        "restore picture",
    ],
)
def test_an_edit_from_an_older_version_changes_nothing(
    story: Story, run_pipeline: Callable[..., Any], edit: str
) -> None:
    page = _page(story, 1)
    _redraw(run_pipeline, page)
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "Elsewhere."}])
    stale = _version(story) - 1
    before = _saved_state(story)
    calls: dict[str, Callable[[], Any]] = {
        "title": lambda: services.story_title_update(
            story=story, title="Mine", expected_version=stale
        ),
        "layout and text": lambda: services.story_editor_update(
            story=story,
            settings={"font_size": 40},
            pages=[{"id": page.pk, "text": "Mine."}],
            expected_version=stale,
        ),
        "restore text": lambda: services.page_text_restore(page=page, expected_version=stale),
        "make current": lambda: services.page_image_make_current(
            page=page,
            version_id=PageImage.objects.get(page=page, version=1).pk,
            expected_version=stale,
        ),
        "restore picture": lambda: services.page_image_restore(page=page, expected_version=stale),
    }
    with pytest.raises(StoryChanged) as caught:
        calls[edit]()
    assert (caught.value.status_code, caught.value.code) == (412, "stale")
    assert _saved_state(story) == before


def test_without_an_expected_version_the_last_edit_wins_as_before(story: Story) -> None:
    page = _page(story, 1)
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "First."}])
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "Second."}])
    assert _page(story, 1).text == "Second."


def test_redraws_under_way_when_the_version_was_read_may_finish_meanwhile(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    job = services.page_redraw_request(page=page)
    read = _version(story)
    services.page_redraw(job_id=job.pk)  # the picture changes: one more version
    assert _version(story) == read + 1

    with pytest.raises(StoryChanged):  # not said to be under way: a change like any other
        services.story_editor_update(story=story, settings={"font_size": 40}, expected_version=read)
    services.story_editor_update(
        story=story,
        pages=[{"id": page.pk, "text": "Mine."}],
        expected_version=read,
        redraws_under_way=[str(job.pk), "not-a-job"],
    )
    assert _page(story, 1).text == "Mine."


def test_a_finished_redraw_does_not_excuse_another_edit(
    story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    job = services.page_redraw_request(page=page)
    read = _version(story)
    services.page_redraw(job_id=job.pk)
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "Elsewhere."}])
    with pytest.raises(StoryChanged):
        services.story_editor_update(
            story=story,
            pages=[{"id": page.pk, "text": "Mine."}],
            expected_version=read,
            redraws_under_way=[job.pk],
        )
    assert _page(story, 1).text == "Elsewhere."


def test_a_redraw_of_another_story_does_not_count(
    story: Story, user: User, run_pipeline: Callable[..., Any]
) -> None:
    other = PageFactory(story=StoryFactory(owner=user), number=1)
    elsewhere = PageRedrawJob.objects.create(page=other, status=PageRedrawJob.Status.DONE)
    read = _version(story)
    services.story_title_update(story=story, title="Changed elsewhere")
    with pytest.raises(StoryChanged):
        services.story_editor_update(
            story=story,
            settings={"font_size": 40},
            expected_version=read,
            redraws_under_way=[elsewhere.pk],
        )
