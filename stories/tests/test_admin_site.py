"""The stories, generation runs and option lists admin: access, lists, moderation, in-use."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from accounts.models import User
from accounts.tests.factories import UserFactory
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory
from stories.models import DynamicList, DynamicListItem, Page, StepStatus, Story
from stories.services.lists import dynamic_list_create, dynamic_list_item_create
from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory
from storygen.media import store_picture

pytestmark = pytest.mark.django_db

STORIES = reverse("admin:stories_story_changelist")
TASKS = reverse("admin:stories_generationtask_changelist")
LISTS = reverse("admin:stories_dynamiclist_changelist")


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _listed(response: Any) -> list[Any]:
    return list(response.context["cl"].result_list)


@pytest.fixture
def admin() -> User:
    return AdminFactory()


@pytest.fixture
def admin_web(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _drawn_page(story: Story, number: int = 1) -> Page:
    stored = store_picture(base=f"stories/{story.pk}/p{number}", data=_png(), mime="image/png")
    return PageFactory(
        story=story,
        number=number,
        text="Mira lifted the lantern high and the whale calf followed its light. " * 3,
        image=stored.original,
        image_display=stored.display,
        image_thumbnail=stored.thumbnail,
        image_version=1,
        status=StepStatus.DONE,
    )


# --- access ----------------------------------------------------------------------------------


def _admin_pages() -> list[str]:
    story = StoryFactory()
    task = GenerationTaskFactory(story=story)
    return [
        STORIES,
        reverse("admin:stories_story_change", args=[story.pk]),
        TASKS,
        reverse("admin:stories_generationtask_change", args=[task.pk]),
        LISTS,
        reverse("admin:stories_dynamiclist_change", args=["genres"]),
    ]


def test_anonymous_visitors_are_sent_to_the_admin_login(client: Client) -> None:
    for url in _admin_pages():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login"))


def test_ordinary_users_are_sent_to_the_admin_login(client: Client, user: User) -> None:
    client.force_login(user)
    for url in _admin_pages():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login"))


def test_admins_see_every_list_and_change_page(admin_web: Client) -> None:
    for url in _admin_pages():
        assert admin_web.get(url).status_code == 200, url


# --- lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "make"),
    [
        (STORIES, lambda: _drawn_page(StoryFactory()).story),
        (TASKS, lambda: GenerationTaskFactory(duration_ms=1500)),
        (LISTS, lambda: dynamic_list_create(list_name=f"list{DynamicList.objects.count()}")),
    ],
)
def test_lists_run_the_same_queries_however_many_rows(
    admin_web: Client, django_assert_num_queries: Any, url: str, make: Callable[[], Any]
) -> None:
    make()
    with CaptureQueriesContext(connection) as baseline:
        first = admin_web.get(url)
    for _ in range(6):
        make()
    with django_assert_num_queries(len(baseline)):
        second = admin_web.get(url)
    assert len(_listed(second)) == len(_listed(first)) + 6


def test_the_story_list_searches_titles_and_owners(admin_web: Client) -> None:
    StoryFactory(title="The Lantern Keeper", owner=UserFactory(username="mira"))
    StoryFactory(title="Gull Island", owner=UserFactory(username="pip"))
    titles = [story.title for story in _listed(admin_web.get(STORIES, {"q": "lantern"}))]
    assert titles == ["The Lantern Keeper"]
    titles = [story.title for story in _listed(admin_web.get(STORIES, {"q": "pip"}))]
    assert titles == ["Gull Island"]


def test_the_story_list_filters_by_moderation_state_status_and_provider(admin_web: Client) -> None:
    StoryFactory(title="Hidden", is_hidden=True)
    StoryFactory(title="Deleted", is_deleted=True)
    StoryFactory(title="Failed", status=Story.Status.FAILED, provider="openai")

    def titles(**params: str) -> list[str]:
        return [story.title for story in _listed(admin_web.get(STORIES, params))]

    assert titles(is_hidden__exact="1") == ["Hidden"]
    assert titles(is_deleted__exact="1") == ["Deleted"]
    assert titles(status__exact="failed") == ["Failed"]
    assert titles(provider__exact="openai") == ["Failed"]


def test_the_story_list_shows_owner_status_and_flags(admin_web: Client) -> None:
    StoryFactory(title="The Lantern Keeper", owner=UserFactory(username="mira"))
    html = admin_web.get(STORIES).content.decode()
    for text in ("The Lantern Keeper", "mira", "Ready", "offline", "Is hidden", "Is deleted"):
        assert text in html


def test_the_task_list_shows_duration_in_seconds_and_the_error(admin_web: Client) -> None:
    GenerationTaskFactory(
        status="failed", duration_ms=12345, error_message="The AI provider is unavailable."
    )
    GenerationTaskFactory(status="completed")
    response = admin_web.get(TASKS, {"status__exact": "failed"})
    assert [task.status for task in _listed(response)] == ["failed"]
    html = response.content.decode()
    assert "12.3" in html
    assert "The AI provider is unavailable." in html


def test_generation_tasks_are_read_only(admin_web: Client) -> None:
    task = GenerationTaskFactory(progress=40)
    url = reverse("admin:stories_generationtask_change", args=[task.pk])
    assert admin_web.post(url, {"progress": "100"}).status_code == 403
    task.refresh_from_db()
    assert task.progress == 40
    assert admin_web.get(reverse("admin:stories_generationtask_add")).status_code == 403


# --- the story page --------------------------------------------------------------------------


def test_the_story_page_is_read_only_with_its_pages(admin_web: Client) -> None:
    story = StoryFactory(title="The Lantern Keeper")
    page = _drawn_page(story)
    PageFactory(story=story, number=2, text="Morning came.", image_thumbnail="")
    url = reverse("admin:stories_story_change", args=[story.pk])

    html = admin_web.get(url).content.decode()

    thumbnail = reverse("admin:stories_story_page_thumbnail", args=[story.pk, page.pk])
    assert f'src="{thumbnail}?v=1"' in html
    assert "Mira lifted the lantern high" in html
    assert "Morning came." in html
    assert 'name="title"' not in html  # nothing to edit
    assert admin_web.post(url, {"title": "Changed"}).status_code == 403
    story.refresh_from_db()
    assert story.title == "The Lantern Keeper"


def test_stories_cannot_be_added_or_hard_deleted(admin_web: Client) -> None:
    story = StoryFactory()
    assert admin_web.get(reverse("admin:stories_story_add")).status_code == 403
    delete = reverse("admin:stories_story_delete", args=[story.pk])
    assert admin_web.post(delete, {"post": "yes"}).status_code == 403
    assert Story.objects.filter(pk=story.pk).exists()


# --- thumbnails ------------------------------------------------------------------------------


def test_admins_get_any_page_thumbnail(admin_web: Client) -> None:
    page = _drawn_page(StoryFactory(is_hidden=True))
    url = reverse("admin:stories_story_page_thumbnail", args=[page.story_id, page.pk])
    response = admin_web.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content).startswith(b"RIFF")


def test_thumbnails_are_not_for_ordinary_users_not_even_the_owner(client: Client) -> None:
    page = _drawn_page(StoryFactory())
    url = reverse("admin:stories_story_page_thumbnail", args=[page.story_id, page.pk])
    assert client.get(url).status_code == 302
    client.force_login(page.story.owner)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_missing_thumbnail_is_404(admin_web: Client) -> None:
    story = StoryFactory()
    undrawn = PageFactory(story=story, image_thumbnail="")
    gone = PageFactory(story=story, image_thumbnail=f"stories/{story.pk}/gone.webp")
    drawn = _drawn_page(story, number=9)
    for story_id, page in ((story.pk, undrawn), (story.pk, gone), (story.pk + 1, drawn)):
        url = reverse("admin:stories_story_page_thumbnail", args=[story_id, page.pk])
        assert admin_web.get(url).status_code == 404


# --- moderation actions ----------------------------------------------------------------------


def _run_action(client: Client, action: str, stories: list[Story], reason: str) -> Any:
    selected = [str(story.pk) for story in stories]
    page = client.post(STORIES, {"action": action, ACTION_CHECKBOX_NAME: selected})
    assert page.status_code == 200
    assert "Reason" in page.content.decode()
    return client.post(
        STORIES,
        {"action": action, ACTION_CHECKBOX_NAME: selected, "post": "yes", "reason": reason},
        follow=True,
    )


@pytest.mark.parametrize(
    ("action", "before", "recorded", "after"),
    [
        ("hide_stories", {}, "story_hidden", {"is_hidden": True}),
        ("unhide_stories", {"is_hidden": True}, "story_unhidden", {"is_hidden": False}),
        ("soft_delete_stories", {}, "story_deleted", {"is_deleted": True}),
        ("restore_stories", {"is_deleted": True}, "story_restored", {"is_deleted": False}),
    ],
)
def test_moderation_actions_record_actor_and_reason(
    admin_web: Client,
    admin: User,
    action: str,
    before: dict[str, bool],
    recorded: str,
    after: dict[str, bool],
) -> None:
    story = StoryFactory(title="The Lantern Keeper", **before)
    untouched = StoryFactory(**before)

    response = _run_action(admin_web, action, [story], reason="reported by a parent")

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == STORIES
    story.refresh_from_db()
    untouched.refresh_from_db()
    for field, value in after.items():
        assert getattr(story, field) == value
        assert getattr(untouched, field) == before.get(field, False)
    entry = ModerationAction.objects.get()
    assert (entry.actor, entry.action, entry.reason) == (admin, recorded, "reported by a parent")
    assert (entry.target_type, entry.target_id, entry.target_label) == (
        "story",
        story.pk,
        "The Lantern Keeper",
    )


def test_a_moderation_action_needs_a_reason(admin_web: Client) -> None:
    story = StoryFactory()
    response = admin_web.post(
        STORIES,
        {"action": "hide_stories", ACTION_CHECKBOX_NAME: [story.pk], "post": "yes", "reason": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    story.refresh_from_db()
    assert not story.is_hidden
    assert not ModerationAction.objects.exists()


def test_a_refused_story_in_the_selection_changes_nothing(admin_web: Client) -> None:
    deleted = StoryFactory(title="Deleted", is_deleted=True)
    live = StoryFactory(title="Live")

    response = _run_action(admin_web, "restore_stories", [deleted, live], reason="appeal")

    assert any(f"Story with ID {live.pk} is not deleted." in m for m in _messages(response))
    deleted.refresh_from_db()
    assert deleted.is_deleted
    assert not ModerationAction.objects.exists()


# --- option lists ----------------------------------------------------------------------------


def _change_form_data(response: Any) -> dict[str, Any]:
    """What the browser would send back from the change page, unchanged."""
    page_forms: list[Any] = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        page_forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, Any] = {"_save": "Save"}
    for form in page_forms:
        for field in form:
            if field.field.disabled:
                continue
            value = field.value()
            if isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
                continue
            data[field.html_name] = "" if value is None else value
    return data


def _item_index(data: dict[str, Any], item: DynamicListItem) -> int:
    return next(i for i in range(100) if str(data.get(f"items-{i}-id")) == str(item.pk))


@pytest.fixture
def space_opera() -> DynamicListItem:
    """A genre that one story uses."""
    item = dynamic_list_item_create(
        list_name="genres", item_value="Space opera", item_label="Space opera"
    )
    StoryFactory(title="Stars Over Mira", genre="Space opera")
    return item


def _edit_item(client: Client, item: DynamicListItem, **changes: Any) -> Any:
    url = reverse("admin:stories_dynamiclist_change", args=[item.dynamic_list_id])
    data = _change_form_data(client.get(url))
    index = _item_index(data, item)
    for field, value in changes.items():
        if field in {"is_active", "DELETE"}:
            data.pop(f"items-{index}-{field}", None)
            if value:
                data[f"items-{index}-{field}"] = "on"
        else:
            data[f"items-{index}-{field}"] = value
    return client.post(url, data)


def test_admins_create_a_list_with_its_items(admin_web: Client) -> None:
    response = admin_web.post(
        reverse("admin:stories_dynamiclist_add"),
        {
            "list_name": "moods",
            "list_label": "Moods",
            "description": "",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-item_value": "calm",
            "items-0-item_label": "Calm",
            "items-0-is_active": "on",
            "items-0-sort_order": "1",
            "items-0-additional_config": "",
            "items-1-item_value": "",
            "items-1-item_label": "",
            "items-1-is_active": "on",
            "items-1-sort_order": "0",
            "items-1-additional_config": "",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    moods = DynamicList.objects.get(pk="moods")
    assert moods.list_label == "Moods"
    assert list(moods.items.values_list("item_value", "item_label")) == [("calm", "Calm")]


def test_an_unused_item_is_deleted(admin_web: Client) -> None:
    item = dynamic_list_item_create(list_name="genres", item_value="Fable", item_label="Fable")
    response = _edit_item(admin_web, item, DELETE=True)
    assert response.status_code == 302
    assert not DynamicListItem.objects.filter(pk=item.pk).exists()


def test_an_item_in_use_is_not_deleted(admin_web: Client, space_opera: DynamicListItem) -> None:
    response = _edit_item(admin_web, space_opera, DELETE=True)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert errors == [
        "Item 'Space opera' is in use (Genre in Stories: Stars Over Mira) and cannot be "
        "deleted. Deactivate it instead."
    ]
    assert DynamicListItem.objects.filter(pk=space_opera.pk).exists()


def test_an_item_in_use_can_be_deactivated(admin_web: Client, space_opera: DynamicListItem) -> None:
    response = _edit_item(admin_web, space_opera, is_active=False, item_label="Space opera (old)")
    assert response.status_code == 302
    space_opera.refresh_from_db()
    assert (space_opera.is_active, space_opera.item_label) == (False, "Space opera (old)")


def test_the_value_of_an_item_in_use_cannot_change(
    admin_web: Client, space_opera: DynamicListItem
) -> None:
    response = _edit_item(admin_web, space_opera, item_value="Space Opera")
    assert response.status_code == 200
    assert "Deactivate it and add a new item instead." in response.content.decode()
    space_opera.refresh_from_db()
    assert space_opera.item_value == "Space opera"


def test_deeply_nested_additional_config_is_a_form_error(
    admin_web: Client, space_opera: DynamicListItem
) -> None:
    response = _edit_item(admin_web, space_opera, additional_config="[" * 3000 + "]" * 3000)
    assert response.status_code == 200
    assert "Enter a valid JSON." in response.content.decode()
    space_opera.refresh_from_db()
    assert space_opera.additional_config is None


def test_a_list_with_an_item_in_use_is_not_deleted(
    admin_web: Client, space_opera: DynamicListItem
) -> None:
    url = reverse("admin:stories_dynamiclist_delete", args=["genres"])
    page = admin_web.get(url)
    assert "genres: item &#x27;Space opera&#x27; is in use." in page.content.decode()
    response = admin_web.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert DynamicList.objects.filter(pk="genres").exists()


def test_an_unused_list_is_deleted(admin_web: Client) -> None:
    dynamic_list_create(list_name="moods")
    dynamic_list_item_create(list_name="moods", item_value="calm", item_label="Calm")
    url = reverse("admin:stories_dynamiclist_delete", args=["moods"])
    response = admin_web.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not DynamicList.objects.filter(pk="moods").exists()
    assert not DynamicListItem.objects.filter(dynamic_list_id="moods").exists()


def test_deleting_selected_lists_refuses_one_in_use(
    admin_web: Client, space_opera: DynamicListItem
) -> None:
    dynamic_list_create(list_name="moods")
    response = admin_web.post(
        LISTS,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: ["genres", "moods"], "post": "yes"},
    )
    assert response.status_code == 200
    assert "is in use" in response.content.decode()
    assert DynamicList.objects.filter(pk__in=["genres", "moods"]).count() == 2
