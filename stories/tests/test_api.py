"""Stories API: the reference contract, its bounds, access control and query counts."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from characters.models import Character
from stories.models import DynamicListItem, GenerationTask, Page, StepStatus, Story
from stories.tests.factories import PageFactory, StoryFactory
from stories.tests.providers import ScriptedProvider
from storygen.media import media_path

pytestmark = pytest.mark.django_db


def _slash(url: str, slash: bool) -> str:
    return url if url.endswith("/") == slash else (url + "/" if slash else url.rstrip("/"))


def _create(client: APIClient, run_pipeline: Callable[..., Any], payload: dict) -> Any:
    return run_pipeline(client.post, reverse("story-list"), payload, format="json")


# --- create -------------------------------------------------------------------------------


@pytest.mark.parametrize("slash", [True, False])
def test_create_returns_202_with_a_task_and_the_story_gets_written_and_drawn(
    auth_client: APIClient,
    user: User,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    slash: bool,
) -> None:
    response = run_pipeline(
        auth_client.post, _slash(reverse("story-list"), slash), story_request, format="json"
    )
    assert response.status_code == 202, response.json()
    task = response.json()
    assert set(task) >= {"id", "story_id", "status", "progress", "current_step", "attempts"}
    assert task["status"] == "pending"

    status = auth_client.get(reverse("generation-status", args=[task["id"]])).json()
    assert status["status"] == "completed"
    assert status["progress"] == 100
    assert status["error_message"] == ""
    assert status["duration_ms"] is not None

    story = auth_client.get(reverse("story-detail", args=[task["story_id"]])).json()
    assert story["status"] == "ready"
    assert story["title"] == "The Lantern Keeper"
    assert story["is_offline"] is True
    assert [p["page_number"] for p in story["pages"]] == [0, 1, 2, 3]
    assert all(p["status"] == "done" and p["image_path"] for p in story["pages"])
    assert [c["name"] for c in story["main_characters"]] == ["Mira", "Pip"]
    assert story["main_characters"][0]["personality"] == "curious and kind"
    # 1 text call + 1 sheet per character + 1 picture per illustrated page, and the safety
    # checks of the brief and of the written story; nothing more.
    assert provider.calls == {
        "text": 1,
        "sheet": 2,
        "cover": 1,
        "page": 3,
        "moderation": 3,  # the brief (when sent, then by the run), then the written story
        "picture-moderation": 4,  # the cover and every page's picture
    }


def test_create_ignores_client_supplied_reference_paths(
    auth_client: APIClient, story_request: dict, run_pipeline: Callable[..., Any], provider: Any
) -> None:
    story_request["main_characters"][0]["reference_image_path"] = "../../etc/passwd"
    response = _create(auth_client, run_pipeline, story_request)
    assert response.status_code == 202
    assert provider.calls["sheet"] == 2


def test_untitled_story_gets_the_ai_title(
    auth_client: APIClient, story_request: dict, run_pipeline: Callable[..., Any], provider: Any
) -> None:
    story_request["title"] = ""
    task = _create(auth_client, run_pipeline, story_request).json()
    story = Story.objects.get(pk=task["story_id"])
    assert story.title
    assert Page.objects.get(story=story, number=0).text == story.title


def test_one_image_per_two_pages_leaves_odd_pages_text_only(
    auth_client: APIClient, story_request: dict, run_pipeline: Callable[..., Any], provider: Any
) -> None:
    story_request.update(num_pages=4, word_to_picture_ratio="One image per two pages")
    task = _create(auth_client, run_pipeline, story_request).json()
    pages = {p.number: p for p in Page.objects.filter(story_id=task["story_id"])}
    assert {n for n, p in pages.items() if p.image} == {0, 2, 4}
    assert all(p.status == StepStatus.DONE for p in pages.values())
    assert provider.calls["page"] + provider.calls["cover"] == 3


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"num_pages": 0}, "num_pages"),
        ({"num_pages": 21}, "num_pages"),
        ({"num_pages": "many"}, "num_pages"),
        ({"title": "x" * 201}, "title"),
        ({"story_outline": "x" * 5001}, "story_outline"),
        ({"story_outline": ""}, "story_outline"),
        ({"genre": "Western"}, "genre"),
        ({"image_style": "Oil Painting"}, "image_style"),
        ({"text_density": "Epic"}, "text_density"),
        ({"word_to_picture_ratio": "Lots"}, "word_to_picture_ratio"),
        ({"tone": "x" * 201}, "tone"),
        ({"setting": "x" * 501}, "setting"),
        ({"writing_style": "x" * 201}, "writing_style"),
        ({"main_characters": [{"name": "x" * 101}]}, "main_characters"),
        ({"main_characters": [{"description": "no name"}]}, "main_characters"),
        ({"main_characters": [{"name": "A", "age": -1}]}, "main_characters"),
        ({"main_characters": [{"name": "A", "description": "x" * 1001}]}, "main_characters"),
        ({"main_characters": [{"name": "A"}, {"name": " a "}]}, "main_characters"),
        ({"main_characters": [{"name": f"C{n}"} for n in range(11)]}, "main_characters"),
        ({"main_characters": "Mira"}, "main_characters"),
        ({"editor_settings": {"font_color": "red"}}, "editor_settings"),
        ({"editor_settings": {"text_box_opacity": 1.5}}, "editor_settings"),
        ({"editor_settings": {"font_size": 200}}, "editor_settings"),
        ({"editor_settings": {"text_position": "upstairs"}}, "editor_settings"),
        ({"editor_settings": {"page_format": "scroll"}}, "editor_settings"),
        ({"editor_settings": {"layout_mode": "collage"}}, "editor_settings"),
        ({"editor_settings": {"font_family": "comic sans"}}, "font_family"),
        ({"character_ids": [0]}, "character_ids"),
    ],
)
def test_create_rejects_bad_fields_with_400_and_creates_nothing(
    auth_client: APIClient, story_request: dict, change: dict, field: str, provider: Any
) -> None:
    story_request.update(change)
    response = auth_client.post(reverse("story-list"), story_request, format="json")
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    # Nested fields are named by their path: main_characters.0.name
    assert field in {key.split(".")[0] for key in body["errors"]}
    assert body["detail"]
    assert not Story.objects.exists()
    assert sum(provider.calls.values()) == 0


def test_an_inactive_option_no_longer_validates(
    auth_client: APIClient, story_request: dict
) -> None:
    DynamicListItem.objects.filter(dynamic_list_id="genres", item_value="Children's").update(
        is_active=False
    )
    response = auth_client.post(reverse("story-list"), story_request, format="json")
    assert response.status_code == 400
    assert "genre" in response.json()["errors"]


def test_legacy_layout_values_are_normalised(
    auth_client: APIClient, story_request: dict, run_pipeline: Callable[..., Any], provider: Any
) -> None:
    story_request["editor_settings"] = {
        "text_position": "top",
        "page_format": "square storybook",
        "font_color": "#ABC",
        "text_box_opacity": 0.25,
    }
    task = _create(auth_client, run_pipeline, story_request).json()
    story = Story.objects.get(pk=task["story_id"])
    assert (story.text_position, story.page_format, story.font_color) == (
        "top-center",
        "square-storybook",
        "#aabbcc",
    )
    assert story.text_box_opacity == 0.25
    assert story.font_size == 28


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("a4-landscape", "a4-landscape"),
        ("a4 landscape", "a4-landscape"),
        ("letter-landscape", "landscape"),
        ("portrait", "portrait"),
        ("landscape", "landscape"),
        ("a4", "a4"),
    ],
)
def test_every_page_size_and_orientation_is_accepted_and_old_values_keep_working(
    auth_client: APIClient, story_request: dict, sent: str, stored: str
) -> None:
    story_request["editor_settings"] = {"page_format": sent}
    response = auth_client.post(reverse("story-list"), story_request, format="json")
    assert response.status_code == 202, response.json()
    story = Story.objects.get(pk=response.json()["story_id"])
    assert story.page_format == stored
    body = auth_client.get(reverse("story-detail", args=[story.pk])).json()
    assert body["editor_settings"]["page_format"] == stored


def test_a_title_the_user_already_has_is_refused(
    auth_client: APIClient, user: User, story_request: dict
) -> None:
    StoryFactory(owner=user, title="The Lantern Keeper")
    response = auth_client.post(reverse("story-list"), story_request, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "title_taken"


def test_create_without_a_token_is_401(api_client: APIClient, story_request: dict) -> None:
    response = api_client.post(reverse("story-list"), story_request, format="json")
    assert response.status_code == 401


def test_create_with_bad_json_is_400(auth_client: APIClient) -> None:
    response = auth_client.post(
        reverse("story-list"), data='{"title": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_library_characters_fill_gaps_and_join_the_cast(
    auth_client: APIClient,
    user: User,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: Any,
) -> None:
    mira = Character.objects.create(
        owner=user,
        name="MIRA",
        name_key="mira",
        description="library text",
        gender="Female",
        key_traits="brave",
    )
    owl = Character.objects.create(
        owner=user, name="Hoot", name_key="hoot", description="a wise old owl"
    )
    story_request["main_characters"] = [{"name": "Mira", "description": "given in the story"}]
    story_request["character_ids"] = [mira.pk, owl.pk]
    task = _create(auth_client, run_pipeline, story_request).json()
    cast = list(Story.objects.get(pk=task["story_id"]).cast.order_by("position"))
    assert [member.name for member in cast] == ["Mira", "Hoot"]
    assert cast[0].description == "given in the story"
    assert cast[0].key_traits == "brave"
    assert cast[0].character == mira
    assert cast[1].description == "a wise old owl"


def test_another_users_character_id_is_404(
    auth_client: APIClient, other_user: User, story_request: dict
) -> None:
    theirs = Character.objects.create(owner=other_user, name="Secret", name_key="secret")
    story_request["character_ids"] = [theirs.pk]
    response = auth_client.post(reverse("story-list"), story_request, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Character not found.", "code": "not_found"}
    assert not Story.objects.exists()


def test_finalizing_a_draft_generates_that_story_not_a_new_one(
    auth_client: APIClient,
    user: User,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: Any,
) -> None:
    draft = StoryFactory(owner=user, title="The Lantern Keeper", status=Story.Status.DRAFT)
    story_request["draft_id"] = draft.pk
    response = _create(auth_client, run_pipeline, story_request)
    assert response.status_code == 202, response.json()
    assert response.json()["story_id"] == draft.pk
    assert Story.objects.filter(owner=user).count() == 1
    draft.refresh_from_db()
    assert draft.status == Story.Status.READY


def test_someone_elses_draft_id_is_404(
    auth_client: APIClient, other_user: User, story_request: dict
) -> None:
    theirs = StoryFactory(owner=other_user, status=Story.Status.DRAFT)
    story_request["draft_id"] = theirs.pk
    assert auth_client.post(reverse("story-list"), story_request, format="json").status_code == 404


# --- list and detail ----------------------------------------------------------------------


def test_list_shows_only_my_visible_stories_without_pages(
    auth_client: APIClient, user: User, other_user: User
) -> None:
    mine = StoryFactory(owner=user)
    PageFactory(story=mine)
    StoryFactory(owner=user, is_hidden=True)
    StoryFactory(owner=user, is_deleted=True)
    StoryFactory(owner=other_user)
    body = auth_client.get(reverse("story-list")).json()
    assert [s["id"] for s in body] == [mine.pk]
    assert "pages" not in body[0]
    assert body[0]["owner_id"] == user.pk
    assert set(body[0]["editor_settings"]) == {
        "font_family",
        "font_size",
        "font_color",
        "text_position",
        "text_box_opacity",
        "page_format",
        "layout_mode",
    }


def test_list_pages_with_skip_and_limit_and_can_hide_drafts(
    auth_client: APIClient, user: User
) -> None:
    stories = [StoryFactory(owner=user) for _ in range(4)]
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT)
    everything = auth_client.get(reverse("story-list")).json()
    assert [s["id"] for s in everything] == [draft.pk, *[s.pk for s in reversed(stories)]]
    page = auth_client.get(reverse("story-list"), {"skip": 1, "limit": 2}).json()
    assert [s["id"] for s in page] == [s["id"] for s in everything[1:3]]
    no_drafts = auth_client.get(reverse("story-list"), {"include_drafts": "false"}).json()
    assert draft.pk not in [s["id"] for s in no_drafts]


@pytest.mark.parametrize(
    "query", [{"skip": -1}, {"limit": 0}, {"limit": 101}, {"limit": "x"}, {"include_drafts": "x"}]
)
def test_list_rejects_bad_paging(auth_client: APIClient, query: dict) -> None:
    response = auth_client.get(reverse("story-list"), query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_list_runs_a_constant_number_of_queries(
    auth_client: APIClient, user: User, django_assert_max_num_queries: Any
) -> None:
    from stories.tests.factories import StoryCharacterFactory

    def add(count: int) -> None:
        for _ in range(count):
            story = StoryFactory(owner=user)
            StoryCharacterFactory(story=story)
            StoryCharacterFactory(story=story)

    add(1)
    with django_assert_max_num_queries(4):
        assert len(auth_client.get(reverse("story-list")).json()) == 1
    add(20)
    with django_assert_max_num_queries(4):
        assert len(auth_client.get(reverse("story-list")).json()) == 21


def test_detail_lists_pages_in_order(auth_client: APIClient, user: User) -> None:
    story = StoryFactory(owner=user)
    for number in (2, 0, 1):
        PageFactory(story=story, number=number)
    body = auth_client.get(reverse("story-detail", args=[story.pk])).json()
    assert [p["page_number"] for p in body["pages"]] == [0, 1, 2]
    assert body["pages"][0]["image_path"] is None
    assert body["pages"][0]["editor_state"]["original_text"]


@pytest.mark.parametrize("slash", [True, False])
@pytest.mark.parametrize("method", ["get", "delete"])
def test_other_peoples_and_hidden_stories_are_404(
    auth_client: APIClient, user: User, other_user: User, method: str, slash: bool
) -> None:
    for story in (StoryFactory(owner=other_user), StoryFactory(owner=user, is_hidden=True)):
        url = _slash(reverse("story-detail", args=[story.pk]), slash)
        response = getattr(auth_client, method)(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Story not found.", "code": "not_found"}
        assert Story.objects.filter(pk=story.pk).exists()


def test_anonymous_gets_401_on_every_story_endpoint(api_client: APIClient) -> None:
    story = StoryFactory()
    page = PageFactory(story=story)
    for url in (
        reverse("story-list"),
        reverse("story-detail", args=[story.pk]),
        reverse("page-image", args=[story.pk, page.pk]),
        reverse("generation-status", args=[uuid.uuid4()]),
    ):
        assert api_client.get(url).status_code == 401


# --- delete -------------------------------------------------------------------------------


def test_delete_removes_the_story_its_runs_and_its_files(
    auth_client: APIClient,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: Any,
) -> None:
    task = _create(auth_client, run_pipeline, story_request).json()
    page = Page.objects.filter(story_id=task["story_id"]).first()
    folder = media_path(page.image.name).parents[1]
    assert folder.is_dir()
    response = run_pipeline(auth_client.delete, reverse("story-detail", args=[task["story_id"]]))
    assert response.status_code == 204
    assert not Story.objects.filter(pk=task["story_id"]).exists()
    assert not GenerationTask.objects.filter(pk=task["id"]).exists()
    assert not folder.exists()


# --- status, resume, pictures -------------------------------------------------------------


def test_generation_status_of_someone_elses_or_unknown_task_is_404(
    auth_client: APIClient, other_user: User
) -> None:
    theirs = GenerationTask.objects.create(story=StoryFactory(owner=other_user), user=other_user)
    for task_id in (theirs.pk, uuid.uuid4()):
        response = auth_client.get(reverse("generation-status", args=[task_id]))
        assert response.status_code == 404
        assert response.json()["detail"] == "Task not found."
    url = reverse("generation-status", args=[uuid.uuid4()]).replace("-", "")[:-3] + "zzz"
    assert auth_client.get(url).status_code == 404


def test_resume_redraws_only_the_missing_page(
    auth_client: APIClient,
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
) -> None:
    from stories.tests.providers import fail_times
    from storygen.ai.errors import AIProviderRejected

    provider.rules.append(fail_times("page", lambda: AIProviderRejected("nope"), 1, page=2))
    task = _create(auth_client, run_pipeline, story_request).json()
    story = Story.objects.get(pk=task["story_id"])
    assert story.status == Story.Status.PARTIAL
    status = auth_client.get(reverse("generation-status", args=[task["id"]])).json()
    assert status["failed_pages_count"] == 1
    assert "missing" in status["error_message"]
    before = copy.copy(provider.calls)

    response = run_pipeline(auth_client.post, reverse("story-resume", args=[story.pk]))
    assert response.status_code == 202
    story.refresh_from_db()
    assert story.status == Story.Status.READY
    assert provider.calls - before == {"page": 1, "picture-moderation": 1}

    again = auth_client.post(reverse("story-resume", args=[story.pk]))
    assert again.status_code == 409
    assert again.json()["code"] == "not_resumable"


def test_resume_of_someone_elses_story_is_404(auth_client: APIClient, other_user: User) -> None:
    story = StoryFactory(owner=other_user, status=Story.Status.PARTIAL)
    assert auth_client.post(reverse("story-resume", args=[story.pk])).status_code == 404


def test_resume_while_generating_is_409(auth_client: APIClient, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.GENERATING)
    GenerationTask.objects.create(story=story, user=user, status=GenerationTask.Status.IN_PROGRESS)
    response = auth_client.post(reverse("story-resume", args=[story.pk]))
    assert response.status_code == 409


def test_page_image_is_served_to_the_owner_only(
    auth_client: APIClient,
    other_user: User,
    client_for: Callable[[User], APIClient],
    story_request: dict,
    run_pipeline: Callable[..., Any],
    provider: Any,
) -> None:
    task = _create(auth_client, run_pipeline, story_request).json()
    page = Page.objects.get(story_id=task["story_id"], number=1)
    url = reverse("page-image", args=[task["story_id"], page.pk])
    response = auth_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    thumb = auth_client.get(url, {"variant": "thumbnail"})
    assert thumb["Content-Type"] == "image/webp"
    display = auth_client.get(url + "/", {"variant": "display"})
    assert display["Content-Type"] == "image/jpeg"
    assert auth_client.get(url, {"variant": "../../x"}).status_code == 404
    assert client_for(other_user).get(url).status_code == 404
    wrong_story = reverse("page-image", args=[task["story_id"] + 1000, page.pk])
    assert auth_client.get(wrong_story).status_code == 404


def test_page_without_a_picture_is_404(auth_client: APIClient, user: User) -> None:
    page = PageFactory(story=StoryFactory(owner=user))
    response = auth_client.get(reverse("page-image", args=[page.story_id, page.pk]))
    assert response.status_code == 404


# --- option lists -------------------------------------------------------------------------


@pytest.mark.parametrize("slash", [True, False])
def test_active_items_are_public_and_sorted(api_client: APIClient, slash: bool) -> None:
    DynamicListItem.objects.filter(dynamic_list_id="genres", item_value="Mystery").update(
        is_active=False
    )
    url = _slash(reverse("dynamic-list-active-items", args=["genres"]), slash)
    api_client.credentials(HTTP_AUTHORIZATION="Bearer garbage")
    body = api_client.get(url).json()
    assert body[0] == {"item_value": "Children's", "item_label": "Children’s"}
    assert "Mystery" not in [item["item_value"] for item in body]
    assert len(body) == 11


def test_unknown_list_is_404_and_empty_list_is_empty(api_client: APIClient) -> None:
    missing = api_client.get(reverse("dynamic-list-active-items", args=["nope"]))
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Dynamic list 'nope' not found."
    empty = api_client.get(reverse("dynamic-list-active-items", args=["writing_styles"]))
    assert empty.json() == []


def test_unknown_api_path_is_a_json_404(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


# --- schema -------------------------------------------------------------------------------


def test_schema_documents_every_endpoint_once(api_client: APIClient) -> None:
    response = api_client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path, methods in {
        "/api/v1/users/": {"post"},
        "/api/v1/users/me/": {"get"},
        "/api/v1/token": {"post"},
        "/api/v1/token/refresh": {"post"},
        "/api/v1/stories/": {"get", "post"},
        "/api/v1/stories/{story_id}": {"get", "delete"},
        "/api/v1/stories/{story_id}/resume": {"post"},
        "/api/v1/stories/generation-status/{task_id}": {"get"},
        "/api/v1/stories/{story_id}/pages/{page_id}/image": {"get"},
        "/api/v1/dynamic-lists/{list_name}/active-items": {"get"},
    }.items():
        assert methods <= set(paths[path]), path
        twin = path[:-1] if path.endswith("/") else path + "/"
        assert twin not in paths
    create = paths["/api/v1/stories/"]["post"]
    assert "202" in create["responses"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "StoryCreateInputRequest"
    )


def test_swagger_ui_is_served_without_a_cdn(api_client: APIClient) -> None:
    response = api_client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html


def test_schema_generates_without_warnings_and_validates(tmp_path: Any) -> None:
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/stories/{story_id}/resume" in target.read_text()


def test_an_unknown_option_is_named_in_the_message(
    auth_client: APIClient, story_request: dict
) -> None:
    story_request["genre"] = "Western"
    body = auth_client.post(reverse("story-list"), story_request, format="json").json()
    assert body["detail"] == "genre: 'Western' is not one of the available genres."
    assert body["errors"] == {"genre": ["'Western' is not one of the available genres."]}


@pytest.mark.usefixtures("worker_heartbeats")
def test_generation_status_says_plainly_when_no_worker_is_running(
    auth_client: APIClient, user: User, story_request: dict
) -> None:
    from storygen.heartbeats import worker_heartbeat_record

    # Queued with no worker anywhere (the message waits in the broker).
    task = auth_client.post(reverse("story-list"), story_request, format="json").json()
    assert task["waiting_for_worker"] is True
    status = auth_client.get(reverse("generation-status", args=[task["id"]])).json()
    assert status["status"] == "pending"
    assert status["waiting_for_worker"] is True
    assert "No worker is running" in status["notice"]
    assert "make run" in status["notice"]

    worker_heartbeat_record(hostname="celery@box")
    status = auth_client.get(reverse("generation-status", args=[task["id"]])).json()
    assert (status["waiting_for_worker"], status["notice"]) == (False, "")


# --- numbers too large for the database -----------------------------------------------------


@pytest.mark.parametrize("skip", [2**31, 2**63, 10**30])
def test_a_skip_past_its_bound_is_400_naming_the_bound(auth_client: APIClient, skip: int) -> None:
    response = auth_client.get(reverse("story-list"), {"skip": skip})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "skip": ["Ensure this value is less than or equal to 2147483647."]
    }


def test_the_largest_skip_answers_an_empty_list(auth_client: APIClient, user: User) -> None:
    StoryFactory(owner=user)
    response = auth_client.get(reverse("story-list"), {"skip": 2**31 - 1})
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize(
    ("name", "method"),
    [("page-images", "get"), ("page-image", "get"), ("page-restore-text", "post")],
)
def test_a_story_id_too_large_for_the_database_is_404(
    auth_client: APIClient, user: User, name: str, method: str
) -> None:
    page = PageFactory(story=StoryFactory(owner=user))
    url = reverse(name, kwargs={"story_id": 10**25, "page_id": page.pk})
    response = getattr(auth_client, method)(url)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_id_too_large_for_the_database_is_400_naming_it(
    auth_client: APIClient, user: User, story_request: dict
) -> None:
    story_request["character_ids"] = [2**63]
    created = auth_client.post(reverse("story-list"), story_request, format="json")
    assert created.status_code == 400
    assert list(created.json()["errors"]) == ["character_ids.0"]
    story = StoryFactory(owner=user)
    edited = auth_client.put(
        reverse("story-editor", args=[story.pk]),
        {"pages": [{"id": 2**63, "text": "x"}]},
        format="json",
    )
    assert edited.status_code == 400
    assert list(edited.json()["errors"]) == ["pages.0.id"]
