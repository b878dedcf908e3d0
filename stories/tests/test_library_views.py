"""My stories: the library page (search, status filter, pages) and deleting a story."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from stories.models import Page, Story
from stories.tests.factories import PageFactory, StoryFactory
from storygen.media import media_path, write_atomic

pytestmark = pytest.mark.django_db

LIBRARY = reverse("stories:library")


def _titles(response: Any) -> list[str]:
    return [story.title for story in response.context["page_obj"].object_list]


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [LIBRARY, reverse("stories:delete", args=[1])],
)
def test_anonymous_visitors_are_sent_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=" in response.url


def test_library_lists_only_the_users_visible_stories(logged_in: Client, user: User) -> None:
    StoryFactory(owner=user, title="Mine")
    StoryFactory(owner=user, title="Hidden by moderation", is_hidden=True)
    StoryFactory(owner=user, title="Deleted by moderation", is_deleted=True)
    StoryFactory(title="Someone else's")

    response = logged_in.get(LIBRARY)

    assert response.status_code == 200
    assert _titles(response) == ["Mine"]
    assert b"Someone else" not in response.content
    assert response.content.count(b"<h1") == 1


# --- cards ------------------------------------------------------------------------------------


def test_card_shows_the_lowest_numbered_page_with_a_thumbnail_as_cover(
    logged_in: Client, user: User
) -> None:
    story = StoryFactory(owner=user, title="The Whale")
    PageFactory(story=story, number=0)  # the cover failed to draw
    first = PageFactory(story=story, number=1, image_thumbnail="stories/x/1-thumb.webp")
    PageFactory(story=story, number=2, image_thumbnail="stories/x/2-thumb.webp")

    content = logged_in.get(LIBRARY).content.decode()

    cover = reverse("stories:page-image", args=[story.id, first.id, "thumbnail"])
    assert f'src="{cover}"' in content
    assert 'alt="Cover of The Whale"' in content


def test_card_without_a_picture_shows_a_decorative_placeholder(
    logged_in: Client, user: User
) -> None:
    StoryFactory(owner=user, status=Story.Status.QUEUED)

    content = logged_in.get(LIBRARY).content.decode()

    assert "<img" not in content.split('id="library-results"')[1]
    assert 'class="story-card__placeholder" aria-hidden="true"' in content


def test_page_count_counts_written_pages_and_falls_back_to_the_pages_asked_for(
    logged_in: Client, user: User
) -> None:
    written = StoryFactory(owner=user, num_pages=5)
    for number in range(3):  # the cover and two pages: the writer gave fewer than asked
        PageFactory(story=written, number=number)
    StoryFactory(owner=user, status=Story.Status.DRAFT, num_pages=4)

    counts = {
        story.pk: story.page_count
        for story in logged_in.get(LIBRARY).context["page_obj"].object_list
    }

    assert counts[written.pk] == 2
    assert sorted(counts.values()) == [2, 4]


@pytest.mark.parametrize(
    ("status", "badge", "action", "url_name"),
    [
        (Story.Status.READY, "Ready", "Read", "stories:read"),
        (Story.Status.PARTIAL, "Partly illustrated", "Read", "stories:read"),
        (Story.Status.QUEUED, "Generating", "Watch progress", "stories:progress"),
        (Story.Status.GENERATING, "Generating", "Watch progress", "stories:progress"),
        (Story.Status.FAILED, "Failed", "See what went wrong", "stories:progress"),
        (Story.Status.DRAFT, "Draft", "Continue draft", "stories:resume-draft"),
    ],
)
def test_card_badge_and_main_action_follow_the_status(
    logged_in: Client, user: User, status: str, badge: str, action: str, url_name: str
) -> None:
    story = StoryFactory(owner=user, status=status)

    content = logged_in.get(LIBRARY).content.decode()

    assert f">{badge}</span>" in content
    assert f'href="{reverse(url_name, args=[story.id])}">{action}<' in content
    assert f'href="{reverse("stories:delete", args=[story.id])}"' in content


def test_finished_stories_offer_use_as_template_and_drafts_continue_instead(
    logged_in: Client, user: User
) -> None:
    ready = StoryFactory(owner=user)
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT, title="")

    content = logged_in.get(LIBRARY).content.decode()

    assert reverse("stories:template", args=[ready.id]) in content
    assert reverse("stories:template", args=[draft.id]) not in content
    assert "Continue draft" in content
    assert "Untitled story" in content


def test_offline_stories_are_labelled(logged_in: Client, user: User) -> None:
    StoryFactory(owner=user, provider="openai", title="Drawn by the API")
    response = logged_in.get(LIBRARY)
    assert b">offline</span>" not in response.content

    StoryFactory(owner=user, provider="offline")
    response = logged_in.get(LIBRARY)
    assert response.content.count(b">offline</span>") == 1


def test_card_shows_the_creation_date_as_a_time_element(logged_in: Client, user: User) -> None:
    story = StoryFactory(owner=user)

    content = logged_in.get(LIBRARY).content.decode()

    assert f'<time datetime="{story.created_at.isoformat()}">' in content


# --- search, filter, pages ----------------------------------------------------------------------


def test_search_matches_titles_ignoring_case(logged_in: Client, user: User) -> None:
    StoryFactory(owner=user, title="The Lantern Keeper")
    StoryFactory(owner=user, title="Moon Garden")

    response = logged_in.get(LIBRARY, {"q": "  lantern "})

    assert _titles(response) == ["The Lantern Keeper"]
    assert 'value="lantern"' in response.content.decode()


def test_search_without_a_match_says_so_and_offers_all_stories(
    logged_in: Client, user: User
) -> None:
    StoryFactory(owner=user, title="Moon Garden")

    content = logged_in.get(LIBRARY, {"q": "<dragon>"}).content.decode()

    assert "No stories match" in content
    assert "&lt;dragon&gt;" in content
    assert "<dragon>" not in content
    assert "Create your first story" not in content


def test_a_user_without_stories_is_invited_to_create_one(logged_in: Client) -> None:
    content = logged_in.get(LIBRARY).content.decode()

    assert "Create your first story" in content
    assert reverse("stories:create") in content
    assert 'role="search"' not in content


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("ready", {"ready"}),
        ("generating", {"queued", "generating"}),
        ("partial", {"partial"}),
        ("failed", {"failed"}),
        ("draft", {"draft"}),
    ],
)
def test_status_filter_shows_stories_in_that_state(
    logged_in: Client, user: User, status: str, expected: set[str]
) -> None:
    for value in Story.Status.values:
        StoryFactory(owner=user, status=value, title=value)

    response = logged_in.get(LIBRARY, {"status": status})

    assert set(_titles(response)) == expected
    assert f'<option value="{status}" selected>' in response.content.decode()


def test_unknown_status_filter_shows_all_stories_with_a_message(
    logged_in: Client, user: User
) -> None:
    StoryFactory(owner=user, status=Story.Status.READY)
    StoryFactory(owner=user, status=Story.Status.DRAFT)

    response = logged_in.get(LIBRARY, {"status": "archived"})

    assert response.status_code == 200
    assert len(_titles(response)) == 2
    assert response.context["status"] == ""
    assert "That status filter is not one we know" in response.content.decode()


def test_search_and_status_combine(logged_in: Client, user: User) -> None:
    StoryFactory(owner=user, title="Moon Garden", status=Story.Status.READY)
    StoryFactory(owner=user, title="Moon Boat", status=Story.Status.FAILED)
    StoryFactory(owner=user, title="Sun Boat", status=Story.Status.READY)

    response = logged_in.get(LIBRARY, {"q": "moon", "status": "ready"})

    assert _titles(response) == ["Moon Garden"]


def test_library_shows_twelve_stories_a_page_newest_first(logged_in: Client, user: User) -> None:
    stories = [StoryFactory(owner=user, title=f"Story {n:02}") for n in range(14)]
    newest_first = [story.title for story in reversed(stories)]

    first = logged_in.get(LIBRARY)
    second = logged_in.get(LIBRARY, {"page": 2})

    assert _titles(first) == newest_first[:12]
    assert _titles(second) == newest_first[12:]
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("0", 2), ("99", 2), ("-1", 2)])
def test_invalid_page_numbers_show_a_page_instead_of_an_error(
    logged_in: Client, user: User, page: str, expected: int
) -> None:
    StoryFactory.create_batch(13, owner=user)

    response = logged_in.get(LIBRARY, {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


def test_pagination_links_keep_the_search_and_filter(logged_in: Client, user: User) -> None:
    StoryFactory.create_batch(13, owner=user, title="Moon", status=Story.Status.READY)

    content = logged_in.get(LIBRARY, {"q": "moon", "status": "ready"}).content.decode()

    assert 'href="?q=moon&amp;status=ready&amp;page=2"' in content


def test_pagination_links_drop_an_unknown_status(logged_in: Client, user: User) -> None:
    StoryFactory.create_batch(13, owner=user)

    content = logged_in.get(LIBRARY, {"status": "bogus"}).content.decode()

    assert 'href="?page=2"' in content


def _library_queries(
    client: Client, user: User, count: int, django_assert_max_num_queries: Any
) -> int:
    for _ in range(count):
        story = StoryFactory(owner=user)
        PageFactory(story=story, number=0, image_thumbnail=f"stories/{story.pk}/0-thumb.webp")
        PageFactory(story=story, number=1)
    # One of them reads the account's usage for the header.
    with django_assert_max_num_queries(6) as captured:
        response = client.get(LIBRARY, {"q": "lantern"})
    assert response.status_code == 200
    return len(captured)


def test_library_query_count_does_not_grow_with_the_number_of_stories(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    few, many = UserFactory(), UserFactory()
    client.force_login(few)
    few_queries = _library_queries(client, few, 3, django_assert_max_num_queries)
    client.force_login(many)
    many_queries = _library_queries(client, many, 30, django_assert_max_num_queries)
    assert few_queries == many_queries


# --- delete -----------------------------------------------------------------------------------


def test_delete_asks_for_confirmation_first(logged_in: Client, user: User) -> None:
    story = StoryFactory(owner=user, title="Moon Garden")

    response = logged_in.get(reverse("stories:delete", args=[story.id]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Delete “Moon Garden”?" in content
    assert "Its pages and pictures are removed for good." in content
    assert 'method="post"' in content
    assert f'href="{LIBRARY}">Cancel<' in content
    assert Story.objects.filter(pk=story.pk).exists()


def test_delete_removes_the_story_its_pages_and_files_after_commit(
    logged_in: Client, user: User, django_capture_on_commit_callbacks: Any
) -> None:
    story = StoryFactory(owner=user, title="Moon Garden")
    name = f"stories/{story.pk}/pages/1-thumb.webp"
    write_atomic(name, b"picture")
    PageFactory(story=story, number=1, image_thumbnail=name)

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(reverse("stories:delete", args=[story.id]))

    assert response.status_code == 302
    assert response.url == LIBRARY
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not Page.objects.filter(story_id=story.pk).exists()
    assert not media_path(name).exists()
    assert not media_path(f"stories/{story.pk}").exists()
    assert _messages(response) == ["“Moon Garden” was deleted."]


def test_deleting_an_untitled_draft_names_it_in_the_message(logged_in: Client, user: User) -> None:
    draft = StoryFactory(owner=user, title="", status=Story.Status.DRAFT)

    response = logged_in.post(reverse("stories:delete", args=[draft.id]), follow=True)

    assert "“Untitled story” was deleted." in response.content.decode()
    assert not Story.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_story_cannot_be_deleted(
    logged_in: Client, other_user: User, method: str
) -> None:
    story = StoryFactory(owner=other_user)

    response = getattr(logged_in, method)(reverse("stories:delete", args=[story.id]))

    assert response.status_code == 404
    assert Story.objects.filter(pk=story.pk).exists()


def test_a_story_hidden_by_moderation_cannot_be_deleted_by_its_owner(
    logged_in: Client, user: User
) -> None:
    story = StoryFactory(owner=user, is_hidden=True)

    response = logged_in.post(reverse("stories:delete", args=[story.id]))

    assert response.status_code == 404
    assert Story.objects.filter(pk=story.pk).exists()


def test_library_offers_a_delete_dialog_for_scripts(logged_in: Client, user: User) -> None:
    StoryFactory(owner=user, title="Moon Garden")

    content = logged_in.get(LIBRARY).content.decode()

    assert 'data-delete-title="Moon Garden"' in content
    assert "<dialog" in content
    assert "csrfmiddlewaretoken" in content
    assert "js/library.js" in content


def test_the_owner_is_told_a_moderator_hid_a_story_without_seeing_it(
    client: Client, user: User
) -> None:
    shown = StoryFactory(owner=user, title="Still here", status=Story.Status.READY)
    hidden = StoryFactory(owner=user, title="Taken down", status=Story.Status.READY, is_hidden=True)
    StoryFactory(owner=user, title="Deleted", status=Story.Status.READY, is_deleted=True)
    client.force_login(user)
    html = client.get(reverse("stories:library")).content.decode()
    assert shown.title in html
    assert hidden.title not in html
    assert "One of your stories was hidden by a moderator" in html
    response = client.get(reverse("stories:read", args=[hidden.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "hidden by a moderator" in body
    assert hidden.title not in body
    assert client.get(reverse("stories:read", args=[shown.pk])).status_code == 200
