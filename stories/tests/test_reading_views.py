"""Progress, resume, the reader and page pictures: what a person sees, and who may see it."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from accounts.models import User
from stories import services
from stories.models import GenerationTask, Page, StepStatus, Story
from stories.services.media import PICTURE_VARIANTS
from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory
from storygen.media import media_path, store_picture

pytestmark = pytest.mark.django_db

Step = GenerationTask.Step
TaskStatus = GenerationTask.Status


def _tiny_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 32), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _drawn(page: Page) -> Page:
    """Give a page a real stored picture, as the pipeline would."""
    stored = store_picture(
        base=f"stories/{page.story_id}/pages/{page.pk}-v1", data=_tiny_jpeg(), mime="image/jpeg"
    )
    page.image = stored.original
    page.image_display = stored.display
    page.image_thumbnail = stored.thumbnail
    page.image_version = 1
    page.status = StepStatus.DONE
    page.save()
    return page


def _book(owner: User, pages: int = 3, **story_fields: Any) -> Story:
    story = StoryFactory(owner=owner, num_pages=pages, **story_fields)
    PageFactory(story=story, number=0, text=story.title, image_description="The cover.")
    for number in range(1, pages + 1):
        PageFactory(
            story=story,
            number=number,
            text=f"Text of page {number}.",
            image_description=f"Scene {number}.",
        )
    return story


def _visible_screen(html: str) -> str:
    """The one reader screen not hidden."""
    screens = re.findall(r"<section class=\"reader__screen\"(.*?)</section>", html, re.S)
    shown = [screen for screen in screens if "hidden>" not in screen.split(">", 1)[0] + ">"]
    assert len(shown) == 1
    return shown[0]


def _urls(story: Story, page: Page) -> dict[str, tuple[str, str]]:
    return {
        "progress": ("get", reverse("stories:progress", args=[story.pk])),
        "status": ("get", reverse("stories:progress-status", args=[story.pk])),
        "read": ("get", reverse("stories:read", args=[story.pk])),
        "resume": ("post", reverse("stories:resume", args=[story.pk])),
        "image": ("get", reverse("stories:page-image", args=[story.pk, page.pk, "display"])),
    }


VIEWS = ["progress", "status", "read", "resume", "image"]


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_visitors_are_sent_to_log_in(client: Client, user: User, view: str) -> None:
    story = _book(user, status=Story.Status.PARTIAL)
    method, url = _urls(story, _drawn(story.pages.get(number=1)))[view]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("view", VIEWS)
def test_another_users_story_is_not_found(
    client: Client, user: User, other_user: User, view: str
) -> None:
    story = _book(other_user, status=Story.Status.PARTIAL)
    method, url = _urls(story, _drawn(story.pages.get(number=1)))[view]
    client.force_login(user)
    assert getattr(client, method)(url).status_code == 404
    assert not GenerationTask.objects.filter(story=story).exists()


@pytest.mark.parametrize("flag", ["is_hidden", "is_deleted"])
@pytest.mark.parametrize("view", VIEWS)
def test_hidden_and_deleted_stories_are_not_found(
    client: Client, user: User, view: str, flag: str
) -> None:
    story = _book(user, status=Story.Status.PARTIAL, **{flag: True})
    method, url = _urls(story, _drawn(story.pages.get(number=1)))[view]
    client.force_login(user)
    response = getattr(client, method)(url)
    if flag == "is_hidden" and view in ("progress", "read"):
        # The owner's own pages say a moderator hid it, and show nothing of it.
        assert response.status_code == 403
        assert "hidden by a moderator" in response.content.decode()
        assert story.title not in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("name", ["stories:progress", "stories:read"])
def test_a_draft_goes_back_to_the_wizard(client: Client, user: User, name: str) -> None:
    story = StoryFactory(owner=user, status=Story.Status.DRAFT)
    client.force_login(user)
    response = client.get(reverse(name, args=[story.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:resume-draft", args=[story.pk])


# --- progress -----------------------------------------------------------------------------


def test_a_story_without_a_run_is_waiting_to_start(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.QUEUED, num_pages=4)
    client.force_login(user)
    response = client.get(reverse("stories:progress", args=[story.pk]))
    html = response.content.decode()
    assert "Waiting to start" in html
    assert 'aria-live="polite"' in html
    assert 'role="progressbar"' in html
    assert 'aria-valuenow="0"' in html
    assert '<meta http-equiv="refresh" content="5">' in html
    # Cover and four pages, as numbered placeholders.
    assert html.count("progress-tile--waiting") == 5
    assert html.count("<h1") == 1


@pytest.mark.usefixtures("worker_heartbeats")
def test_without_a_worker_the_progress_page_says_so_and_what_to_do(
    client: Client, user: User
) -> None:
    from storygen.heartbeats import worker_heartbeat_record

    story = StoryFactory(owner=user, status=Story.Status.GENERATING, num_pages=2)
    GenerationTaskFactory(
        story=story, status=GenerationTask.Status.IN_PROGRESS, current_step="generating_text"
    )
    client.force_login(user)
    status_url = reverse("stories:progress-status", args=[story.pk])

    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "Paused: no worker is running." in html
    assert "No worker is running" in html
    assert "<code>make run</code>" in html
    assert "carries on by itself as soon as a worker starts" in html
    assert 'data-finished="false"' in html  # the page keeps looking

    # A worker starts: the same page goes back to saying what is being made.
    worker_heartbeat_record(hostname="celery@box")
    fragment = client.get(status_url).content.decode()
    assert "Writing the story" in fragment
    assert "No worker is running" not in fragment


@pytest.mark.usefixtures("worker_heartbeats")
def test_a_queued_story_without_a_worker_waits_for_one(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.QUEUED, num_pages=2)
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "Waiting for a worker to start." in html
    assert "starts in a moment" not in html


def test_a_run_writing_the_text_says_so(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.GENERATING)
    GenerationTaskFactory(
        story=story, status=TaskStatus.IN_PROGRESS, current_step=Step.GENERATING_TEXT, progress=5
    )
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "Writing the story" in html
    assert 'aria-valuenow="5"' in html
    assert "Read the story" not in html


def test_a_run_drawing_pages_counts_them_and_shows_the_drawn_ones(
    client: Client, user: User
) -> None:
    story = _book(user, pages=7, status=Story.Status.GENERATING)
    pages = list(story.pages.order_by("number"))
    for page in pages[:3]:
        _drawn(page)
    Page.objects.filter(pk=pages[3].pk).update(status=StepStatus.RUNNING)
    GenerationTaskFactory(
        story=story,
        status=TaskStatus.IN_PROGRESS,
        current_step=Step.GENERATING_PAGE_IMAGES,
        progress=50,
    )
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "Illustrating the pages — 3 of 8 drawn" in html
    assert html.count("progress-tile--drawn") == 3
    assert html.count("progress-tile--drawing") == 1
    assert "Drawing…" in html
    assert html.count("progress-tile--waiting") == 4
    thumb = reverse("stories:page-image", args=[story.pk, pages[1].pk, "thumbnail"])
    assert f'src="{thumb}?v=1"' in html
    assert 'http-equiv="refresh"' in html


def test_a_ready_story_offers_to_read_it(client: Client, user: User) -> None:
    story = _book(user, status=Story.Status.READY)
    GenerationTaskFactory(story=story, status=TaskStatus.COMPLETED, progress=100)
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "Your story is ready" in html
    assert "Read the story" in html
    assert f'href="{reverse("stories:read", args=[story.pk])}"' in html
    assert 'aria-valuenow="100"' in html
    assert 'http-equiv="refresh"' not in html


def test_a_partial_story_offers_to_retry_the_missing_pages(client: Client, user: User) -> None:
    story = _book(user, pages=4, status=Story.Status.PARTIAL)
    Page.objects.filter(story=story, number=2).update(status=StepStatus.FAILED)
    Page.objects.filter(story=story, number=3).update(status=StepStatus.BLOCKED)
    GenerationTaskFactory(
        story=story,
        status=TaskStatus.COMPLETED,
        progress=100,
        failed_pages_count=2,
        error_message="Finished with 2 pictures missing.",
    )
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "2 pages could not be illustrated" in html
    assert "safety system" in html
    assert "Retry missing pages" in html
    assert f'action="{reverse("stories:resume", args=[story.pk])}"' in html
    assert "Read anyway" in html
    assert "progress-tile--failed" in html
    assert "progress-tile--blocked" in html


def test_a_failed_story_explains_in_plain_words_and_offers_to_try_again(
    client: Client, user: User
) -> None:
    story = StoryFactory(owner=user, status=Story.Status.FAILED)
    GenerationTaskFactory(
        story=story,
        status=TaskStatus.FAILED,
        error_message="The AI provider could not be reached. Gave up after 3 attempts.",
    )
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "The AI provider could not be reached." in html
    assert "Try again" in html
    assert f'action="{reverse("stories:resume", args=[story.pk])}"' in html
    assert "Read the story" not in html


def test_a_crash_report_never_reaches_the_page(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.FAILED)
    GenerationTaskFactory(
        story=story,
        status=TaskStatus.FAILED,
        error_message='Traceback (most recent call last):\n  File "x.py", line 1',
    )
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "Traceback" not in html
    assert "Something went wrong while making this story." in html


def test_the_latest_run_is_the_one_shown(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.GENERATING)
    GenerationTaskFactory(story=story, status=TaskStatus.FAILED, error_message="Old failure.")
    GenerationTaskFactory(
        story=story,
        status=TaskStatus.IN_PROGRESS,
        current_step=Step.GENERATING_CHARACTER_IMAGES,
    )
    client.force_login(user)
    html = client.get(reverse("stories:progress", args=[story.pk])).content.decode()
    assert "Drawing the character sheets" in html
    assert "Old failure." not in html


def test_the_status_fragment_is_the_status_alone_and_says_when_to_stop(
    client: Client, user: User
) -> None:
    story = StoryFactory(owner=user, status=Story.Status.GENERATING)
    task = GenerationTaskFactory(
        story=story, status=TaskStatus.IN_PROGRESS, current_step=Step.GENERATING_TEXT
    )
    client.force_login(user)
    url = reverse("stories:progress-status", args=[story.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Progress-Finished"] == "false"
    assert "no-cache" in response["Cache-Control"]
    assert "<html" not in html
    assert "<h1" not in html
    assert 'data-finished="false"' in html
    assert "Writing the story" in html

    task.status = TaskStatus.COMPLETED
    task.save()
    Story.objects.filter(pk=story.pk).update(status=Story.Status.READY)
    response = client.get(url)
    assert response["X-Progress-Finished"] == "true"
    assert "Your story is ready" in response.content.decode()


# --- resume -------------------------------------------------------------------------------


def test_resume_starts_a_new_run_and_goes_to_progress(client: Client, user: User) -> None:
    story = _book(user, status=Story.Status.PARTIAL)
    Page.objects.filter(story=story, number=2).update(status=StepStatus.FAILED)
    client.force_login(user)
    response = client.post(reverse("stories:resume", args=[story.pk]), follow=True)
    assert response.redirect_chain == [(reverse("stories:progress", args=[story.pk]), 302)]
    assert "only what is missing is being made" in response.content.decode()
    assert GenerationTask.objects.filter(story=story, status=TaskStatus.PENDING).count() == 1
    assert Page.objects.get(story=story, number=2).status == StepStatus.PENDING


def test_resume_of_a_finished_story_says_why_not(client: Client, user: User) -> None:
    story = _book(user, status=Story.Status.READY)
    Page.objects.filter(story=story).update(status=StepStatus.DONE)
    client.force_login(user)
    response = client.post(reverse("stories:resume", args=[story.pk]), follow=True)
    assert response.redirect_chain[0] == (reverse("stories:progress", args=[story.pk]), 302)
    assert "Nothing to resume" in response.content.decode()
    assert not GenerationTask.objects.filter(story=story).exists()


def test_resume_returns_to_a_local_next_address_only(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.GENERATING)
    GenerationTaskFactory(story=story, status=TaskStatus.IN_PROGRESS)
    client.force_login(user)
    url = reverse("stories:resume", args=[story.pk])
    library = reverse("stories:library")
    assert client.post(url, {"next": library})["Location"] == library
    outside = client.post(url, {"next": "https://example.com/"})
    assert outside["Location"] == reverse("stories:progress", args=[story.pk])


def test_resume_only_answers_post(client: Client, user: User) -> None:
    story = _book(user, status=Story.Status.PARTIAL)
    client.force_login(user)
    assert client.get(reverse("stories:resume", args=[story.pk])).status_code == 405


# --- reader -------------------------------------------------------------------------------


def test_the_reader_opens_on_the_cover(client: Client, user: User) -> None:
    story = _book(user, title="The Night Garden")
    client.force_login(user)
    html = client.get(reverse("stories:read", args=[story.pk])).content.decode()
    screen = _visible_screen(html)
    assert "story-page--cover" in screen
    assert "The Night Garden" in screen
    assert ">Cover</p>" in html
    assert 'aria-disabled="true"' in html.split("data-reader-counter")[0]
    next_url = f"{reverse('stories:read', args=[story.pk])}?page=1"
    assert f'href="{next_url}"' in html
    assert f'href="{reverse("stories:library")}"' in html
    assert html.count("<h1") == 1


def test_the_reader_shows_the_requested_page(client: Client, user: User) -> None:
    story = _book(user, pages=8)
    client.force_login(user)
    url = reverse("stories:read", args=[story.pk])
    html = client.get(url, {"page": 2}).content.decode()
    assert "Text of page 2." in _visible_screen(html)
    assert "Page 2 of 8" in html
    assert f'href="{url}?page=1"' in html
    assert f'href="{url}?page=3"' in html
    # Every page is in the document for the script; only one is shown.
    assert html.count('class="reader__screen"') == 9


@pytest.mark.parametrize(
    ("asked", "shown"), [("99", "Page 3 of 3"), ("-4", "Cover"), ("x", "Cover")]
)
def test_page_numbers_out_of_range_open_the_nearest_page(
    client: Client, user: User, asked: str, shown: str
) -> None:
    story = _book(user, pages=3)
    client.force_login(user)
    response = client.get(reverse("stories:read", args=[story.pk]), {"page": asked})
    assert response.status_code == 200
    assert f'data-reader-counter aria-live="polite">{shown}</p>' in response.content.decode()


def test_the_reader_lays_pages_out_with_their_overrides(client: Client, user: User) -> None:
    story = _book(
        user,
        layout_mode="horizontal-split",
        page_format="square-storybook",
        font_color="#ffffff",
        font_family="storybook",
    )
    Page.objects.filter(story=story, number=2).update(
        font_color="#123456", font_family="large print", text_position="top-right"
    )
    client.force_login(user)
    url = reverse("stories:read", args=[story.pk])
    page_two = _visible_screen(client.get(url, {"page": 2}).content.decode())
    assert "story-page--horizontal-split" in page_two
    assert "story-page--font-large-print" in page_two
    assert "story-page--v-top" in page_two
    assert "story-page--h-right" in page_two
    assert "--page-font-color: #123456;" in page_two
    assert "--page-aspect: 1 / 1;" in page_two
    page_one = _visible_screen(client.get(url, {"page": 1}).content.decode())
    assert "story-page--font-storybook" in page_one


def test_a_split_page_sets_the_default_white_text_in_dark_ink_on_light_paper(
    client: Client, user: User
) -> None:
    story = _book(user, layout_mode="horizontal-split", font_color="#ffffff")
    Page.objects.filter(story=story, number=2).update(font_color="#123456")
    client.force_login(user)
    url = reverse("stories:read", args=[story.pk])
    page_one = _visible_screen(client.get(url, {"page": 1}).content.decode())
    assert "--page-font-color: #2b2420;" in page_one
    assert "--page-panel-color: #fdf8f0;" in page_one
    page_two = _visible_screen(client.get(url, {"page": 2}).content.decode())
    assert "--page-font-color: #123456;" in page_two
    Story.objects.filter(pk=story.pk).update(layout_mode="full-page-overlay")
    over_picture = _visible_screen(client.get(url, {"page": 1}).content.decode())
    assert "--page-font-color: #ffffff;" in over_picture


def test_a_page_text_box_can_be_reached_by_keyboard_and_says_when_it_is_large_print(
    client: Client, user: User
) -> None:
    story = _book(user, font_size=28)
    Page.objects.filter(story=story, number=1).update(font_family="large print", font_size=40)
    client.force_login(user)
    url = reverse("stories:read", args=[story.pk])
    page_one = _visible_screen(client.get(url, {"page": 1}).content.decode())
    assert 'tabindex="0" role="group" aria-label="Text of page 1"' in page_one
    # Large print has a larger readable minimum on screen (reader.css).
    assert "story-page--font-large-print" in page_one
    cover = _visible_screen(client.get(url).content.decode())
    assert 'aria-label="Cover title"' in cover
    assert "story-page--font-large-print" not in cover


def test_drawn_pages_show_their_picture_and_others_a_placeholder(
    client: Client, user: User
) -> None:
    story = _book(user)
    page = _drawn(story.pages.get(number=1))
    Page.objects.filter(pk=page.pk).update(image_description="A lighthouse " * 40)
    client.force_login(user)
    url = reverse("stories:read", args=[story.pk])
    drawn = _visible_screen(client.get(url, {"page": 1}).content.decode())
    src = reverse("stories:page-image", args=[story.pk, page.pk, "display"])
    assert f'src="{src}?v=1"' in drawn
    alt = re.search(r'alt="([^"]*)"', drawn)
    assert alt is not None
    assert alt.group(1).startswith("A lighthouse")
    assert len(alt.group(1)) <= 160
    undrawn = _visible_screen(client.get(url, {"page": 2}).content.decode())
    assert "<img" not in undrawn
    assert "The picture is still to come" in undrawn


def test_a_text_only_page_has_no_picture_area(client: Client, user: User) -> None:
    story = _book(user)
    Page.objects.filter(story=story, number=1).update(image_description="")
    client.force_login(user)
    screen = _visible_screen(
        client.get(reverse("stories:read", args=[story.pk]), {"page": 1}).content.decode()
    )
    assert "story-page--text-only" in screen
    assert "story-page__picture" not in screen


def test_story_text_is_escaped(client: Client, user: User) -> None:
    story = _book(user)
    Page.objects.filter(story=story, number=1).update(text="<script>alert(1)</script>")
    client.force_login(user)
    html = client.get(reverse("stories:read", args=[story.pk]), {"page": 1}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_story_still_generating_links_to_its_progress(client: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.GENERATING)
    client.force_login(user)
    response = client.get(reverse("stories:read", args=[story.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "still being made" in html
    assert f'href="{reverse("stories:progress", args=[story.pk])}"' in html


def test_offline_stories_carry_a_badge(client: Client, user: User) -> None:
    offline = _book(user, provider="offline")
    online = _book(user, provider="openai")
    client.force_login(user)
    assert (
        "badge--offline" in client.get(reverse("stories:read", args=[offline.pk])).content.decode()
    )
    assert (
        "badge--offline"
        not in client.get(reverse("stories:read", args=[online.pk])).content.decode()
    )


def test_the_reader_runs_the_same_queries_for_3_and_12_pages(
    client: Client, user: User, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    small = _book(user, pages=3)
    large = _book(user, pages=12)
    for story in (small, large):
        for page in story.pages.all()[:2]:
            _drawn(page)
    client.force_login(user)
    client.get(reverse("stories:read", args=[small.pk]))  # the session is loaded once

    counts = []
    for story in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("stories:read", args=[story.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get(reverse("stories:read", args=[large.pk]), {"page": 12})


def test_the_progress_page_runs_the_same_queries_for_3_and_12_pages(
    client: Client, user: User
) -> None:
    small = _book(user, pages=3, status=Story.Status.GENERATING)
    large = _book(user, pages=12, status=Story.Status.GENERATING)
    for story in (small, large):
        GenerationTaskFactory(
            story=story,
            status=TaskStatus.IN_PROGRESS,
            current_step=Step.GENERATING_CHARACTER_IMAGES,
        )
    client.force_login(user)
    client.get(reverse("stories:progress", args=[small.pk]))
    counts = []
    for story in (small, large):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("stories:progress", args=[story.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- page pictures ------------------------------------------------------------------------


def test_pictures_of_a_story_made_by_the_pipeline_are_served_to_the_owner(
    client: Client,
    user: User,
    other_user: User,
    story_request: dict[str, Any],
    run_pipeline: Callable[..., Any],
) -> None:
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY
    page = story.pages.get(number=1)
    client.force_login(user)

    expected = {"original": "image/png", "display": "image/jpeg", "thumbnail": "image/webp"}
    for variant, content_type in expected.items():
        response = client.get(reverse("stories:page-image", args=[story.pk, page.pk, variant]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Cache-Control"].startswith("private")
        assert response["Content-Disposition"].startswith("inline")
        stored = media_path(getattr(page, PICTURE_VARIANTS[variant]).name).read_bytes()
        assert b"".join(response.streaming_content) == stored

    # The reader shows the pipeline's pictures.
    html = client.get(reverse("stories:read", args=[story.pk]), {"page": 1}).content.decode()
    assert reverse("stories:page-image", args=[story.pk, page.pk, "display"]) in html

    unknown = reverse("stories:page-image", args=[story.pk, page.pk, "huge"])
    assert client.get(unknown).status_code == 404
    elsewhere = reverse("stories:page-image", args=[story.pk + 1000, page.pk, "display"])
    assert client.get(elsewhere).status_code == 404
    client.force_login(other_user)
    mine_not = reverse("stories:page-image", args=[story.pk, page.pk, "display"])
    assert client.get(mine_not).status_code == 404


def test_a_page_without_its_picture_is_not_found(client: Client, user: User) -> None:
    story = _book(user)
    page = story.pages.get(number=1)
    client.force_login(user)
    url = reverse("stories:page-image", args=[story.pk, page.pk, "display"])
    assert client.get(url).status_code == 404
