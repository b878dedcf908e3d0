"""The editor API: title, editor state, restore, redraw jobs, picture versions and rewrites."""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from stories import services
from stories.layout_input import clean_page_format, clean_text_position
from stories.models import Page, PageImage, PageRedrawJob, Story
from stories.prompts import TEXT_POSITIONS
from stories.tests.factories import PageFactory, StoryFactory
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import AIProviderRejected, AIProviderUnavailable

pytestmark = pytest.mark.django_db


def _page(story: Story, number: int) -> Page:
    return Page.objects.get(story=story, number=number)


def _slash(url: str, slash: bool) -> str:
    return url if url.endswith("/") == slash else (url + "/" if slash else url.rstrip("/"))


def _page_url(name: str, page: Page, *extra: Any) -> str:
    return reverse(name, args=[page.story_id, page.pk, *extra])


def _editor(client: APIClient, story: Story, body: dict[str, Any]) -> Any:
    return client.put(reverse("story-editor", args=[story.pk]), body, format="json")


# --- title ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slash", [True, False])
def test_put_title_renames_the_story_and_its_cover(
    auth_client: APIClient, story: Story, slash: bool
) -> None:
    url = _slash(reverse("story-title", args=[story.pk]), slash)
    response = auth_client.put(url, {"title": "The Whale Road"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "The Whale Road"
    assert body["pages"][0]["text"] == "The Whale Road"
    assert body["pages"][0]["editor_state"]["original_text"] == "The Lantern Keeper"


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "Give the story a title."), ("x" * 201, "Ensure this field has no more than 200")],
)
def test_a_blank_or_long_title_is_400(
    auth_client: APIClient, story: Story, title: str, message: str
) -> None:
    response = auth_client.put(
        reverse("story-title", args=[story.pk]), {"title": title}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert message in body["errors"]["title"][0]


def test_a_title_already_used_is_400_title_taken(
    auth_client: APIClient, story: Story, user: User
) -> None:
    StoryFactory(owner=user, title="Taken")
    response = auth_client.put(
        reverse("story-title", args=[story.pk]), {"title": "Taken"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A story with this title already exists.",
        "code": "title_taken",
    }


# --- editor ---------------------------------------------------------------------------------


def test_put_editor_saves_partial_changes_and_shows_the_effective_layout(
    auth_client: APIClient, story: Story
) -> None:
    page = _page(story, 1)
    response = _editor(
        auth_client,
        story,
        {
            "editor_settings": {"font_family": "classic", "text_position": "top-left"},
            "pages": [{"id": page.pk, "text": "New words.", "font_size": 40}],
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["editor_settings"]["font_family"] == "classic"
    assert body["editor_settings"]["font_size"] == 28  # omitted: unchanged
    shown = next(p for p in body["pages"] if p["id"] == page.pk)
    assert shown["text"] == "New words."
    assert shown["editor_state"]["font_size"] == 40
    assert shown["editor_state"]["text_position"] is None
    assert shown["editor_state"]["effective"] == {
        "text_position": "top-left",
        "font_family": "classic",
        "font_size": 40,
        "font_color": "#ffffff",
        "text_box_opacity": 0.6,
    }
    other = next(p for p in body["pages"] if p["page_number"] == 2)
    assert other["editor_state"]["effective"]["font_size"] == 28


def test_null_clears_an_override_and_omitting_it_keeps_it(
    auth_client: APIClient, story: Story
) -> None:
    page = _page(story, 2)
    _editor(
        auth_client,
        story,
        {"pages": [{"id": page.pk, "font_color": "#112233", "text_box_opacity": 0.25}]},
    )
    response = _editor(auth_client, story, {"pages": [{"id": page.pk, "font_color": None}]})
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.font_color is None
    assert page.text_box_opacity == 0.25
    state = next(p for p in response.json()["pages"] if p["id"] == page.pk)["editor_state"]
    assert state["effective"]["font_color"] == "#ffffff"
    assert state["effective"]["text_box_opacity"] == 0.25


def test_the_reference_clients_editor_state_shape_is_accepted(
    auth_client: APIClient, story: Story
) -> None:
    page = _page(story, 1)
    _editor(auth_client, story, {"pages": [{"id": page.pk, "editor_state": {"font_size": 30}}]})
    response = _editor(
        auth_client,
        story,
        {
            "pages": [
                {
                    "id": page.pk,
                    "editor_state": {
                        "original_text": "ignored",
                        "font_size": None,
                        "text_box_opacity": 0.4,
                    },
                }
            ]
        },
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.font_size is None
    assert page.text_box_opacity == 0.4
    assert page.original_text != "ignored"


def test_the_same_override_sent_twice_differently_is_400(
    auth_client: APIClient, story: Story
) -> None:
    page = _page(story, 1)
    response = _editor(
        auth_client,
        story,
        {"pages": [{"id": page.pk, "font_size": 20, "editor_state": {"font_size": 30}}]},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "pages.0.font_size": ["Sent twice with different values (also in editor_state)."]
    }


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"font_color": "white"}, ("editor_settings", "font_color")),
        ({"font_color": "#ggg"}, ("editor_settings", "font_color")),
        ({"font_size": 15}, ("editor_settings", "font_size")),
        ({"font_size": 57}, ("editor_settings", "font_size")),
        ({"font_size": None}, ("editor_settings", "font_size")),
        ({"text_box_opacity": -0.1}, ("editor_settings", "text_box_opacity")),
        ({"text_box_opacity": "nan"}, ("editor_settings", "text_box_opacity")),
        ({"text_position": "sideways"}, ("editor_settings", "text_position")),
        ({"page_format": "tabloid"}, ("editor_settings", "page_format")),
        ({"layout_mode": "collage"}, ("editor_settings", "layout_mode")),
        ({"font_color": "blue"}, ("pages", "1", "font_color")),
        ({"font_size": 100}, ("pages", "1", "font_size")),
        ({"text_box_opacity": 2}, ("pages", "1", "text_box_opacity")),
        ({"text_position": "middle"}, ("pages", "1", "text_position")),
        ({"text": ""}, ("pages", "1", "text")),
        ({"text": None}, ("pages", "1", "text")),
        ({"text": "x" * 5001}, ("pages", "1", "text")),
        ({"title": "   "}, ("title",)),
    ],
)
def test_a_bad_value_is_400_with_the_field_named_and_nothing_saved(
    auth_client: APIClient, story: Story, change: dict[str, Any], path: tuple[str, ...]
) -> None:
    first, second = _page(story, 1), _page(story, 2)
    payload: dict[str, Any] = {
        "editor_settings": {"font_family": "modern"},
        "pages": [{"id": first.pk, "text": "Changed."}],
    }
    if path[0] == "pages":
        payload["pages"].append({"id": second.pk, **change})
    elif path[0] == "editor_settings":
        payload["editor_settings"].update(change)
    else:
        payload.update(change)
    response = _editor(auth_client, story, payload)
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [".".join(path)]  # only the bad field is named
    found = body["errors"][".".join(path)]
    assert found[0]
    assert body["detail"].endswith(found[0])
    story.refresh_from_db()
    first.refresh_from_db()
    assert story.font_family == "storybook"
    assert first.text != "Changed."


def test_a_page_of_another_story_is_404_and_named(
    auth_client: APIClient, story: Story, user: User
) -> None:
    foreign = PageFactory(story=StoryFactory(owner=user))
    page = _page(story, 1)
    response = _editor(
        auth_client,
        story,
        {"pages": [{"id": page.pk, "text": "Changed."}, {"id": foreign.pk, "text": "x"}]},
    )
    assert response.status_code == 404
    assert response.json()["detail"] == f"Page {foreign.pk} is not a page of this story."
    page.refresh_from_db()
    assert page.text != "Changed."


@pytest.mark.parametrize("status", [Story.Status.DRAFT, Story.Status.GENERATING])
def test_pages_of_drafts_and_stories_being_generated_are_409(
    auth_client: APIClient, user: User, status: str
) -> None:
    story = StoryFactory(owner=user, status=status)
    page = PageFactory(story=story)
    response = _editor(auth_client, story, {"pages": [{"id": page.pk, "text": "Soon"}]})
    assert response.status_code == 409
    assert response.json()["code"] == "not_editable"
    for name in (
        "page-restore-text",
        "page-restore-image",
        "page-regenerate-image",
        "page-rewrite-text",
    ):
        assert auth_client.post(_page_url(name, page)).status_code == 409, name


def test_too_many_pages_in_one_save_is_400(auth_client: APIClient, story: Story) -> None:
    page = _page(story, 1)
    response = _editor(auth_client, story, {"pages": [{"id": page.pk}] * 22})
    assert response.status_code == 400


# --- restore --------------------------------------------------------------------------------


def test_restore_text_answers_with_the_page(auth_client: APIClient, story: Story) -> None:
    page = _page(story, 1)
    original = page.text
    _editor(auth_client, story, {"pages": [{"id": page.pk, "text": "Edited."}]})
    response = auth_client.post(_page_url("page-restore-text", page))
    assert response.status_code == 200
    assert response.json()["text"] == original
    assert response.json()["editor_state"]["original_text"] == original


def test_restore_image_answers_with_the_original_picture(
    auth_client: APIClient, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    run_pipeline(auth_client.post, _page_url("page-regenerate-image", page))
    response = auth_client.post(_page_url("page-restore-image", page))
    assert response.status_code == 200
    assert response.json()["image_version"] == 1
    assert response.json()["image_url"].endswith("?v=1")
    page.refresh_from_db()
    assert page.image.name == page.original_image.name


def test_restore_image_without_an_original_is_409(auth_client: APIClient, user: User) -> None:
    page = PageFactory(story=StoryFactory(owner=user))
    response = auth_client.post(_page_url("page-restore-image", page))
    assert response.status_code == 409
    assert response.json()["code"] == "no_original_image"


# --- redraw and picture versions ------------------------------------------------------------


@pytest.mark.parametrize("slash", [True, False])
def test_regenerate_preferring_to_poll_answers_202_with_a_job_that_ends_done(
    auth_client: APIClient, story: Story, run_pipeline: Callable[..., Any], slash: bool
) -> None:
    page = _page(story, 2)
    url = _slash(_page_url("page-regenerate-image", page), slash)
    response = run_pipeline(
        auth_client.post,
        url,
        {"description": "Pip flying over the lighthouse"},
        format="json",
        headers={"Prefer": "respond-async"},
    )
    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    job = response.json()
    assert job["status"] == "pending"
    assert job["page_id"] == page.pk
    assert job["story_id"] == story.pk
    assert job["page_number"] == 2
    assert job["status_url"] == reverse("page-redraw-job", args=[job["id"]])

    polled = auth_client.get(job["status_url"])
    assert polled.status_code == 200
    done = polled.json()
    assert done["status"] == "done"
    assert done["error_code"] == ""
    assert done["error_status"] is None
    assert done["image"]["version"] == 2
    assert done["image"]["is_current"] is True
    assert done["image"]["source"] == "redrawn"
    assert done["image"]["description"] == "Pip flying over the lighthouse"


def test_a_failed_redraw_reports_its_code_and_status(
    auth_client: APIClient,
    story: Story,
    run_pipeline: Callable[..., Any],
    provider: ScriptedProvider,
    settings: Any,
) -> None:
    settings.AI_MAX_ATTEMPTS = 2
    provider.rules.append(
        lambda kind, scene: AIProviderUnavailable("busy") if kind == "page" else None
    )
    page = _page(story, 1)
    job = run_pipeline(
        auth_client.post,
        _page_url("page-regenerate-image", page),
        headers={"Prefer": "respond-async"},
    ).json()
    body = auth_client.get(job["status_url"]).json()
    assert body["status"] == "failed"
    assert body["error_code"] == "unavailable"
    assert body["error_status"] == 503
    assert body["attempts"] == 2
    assert body["image"] is None


def test_a_description_that_is_too_long_is_400(auth_client: APIClient, story: Story) -> None:
    response = auth_client.post(
        _page_url("page-regenerate-image", _page(story, 1)),
        {"description": "x" * 3001},
        format="json",
    )
    assert response.status_code == 400
    assert "description" in response.json()["errors"]
    assert not PageRedrawJob.objects.exists()


def test_versions_list_every_picture_and_one_can_be_made_current(
    auth_client: APIClient, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    page = _page(story, 1)
    for _ in range(2):
        run_pipeline(auth_client.post, _page_url("page-regenerate-image", page))

    versions = auth_client.get(_page_url("page-images", page)).json()
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert [v["is_current"] for v in versions] == [False, False, True]
    assert [v["source"] for v in versions] == ["drawn", "redrawn", "redrawn"]

    response = auth_client.post(_page_url("page-image-make-current", page, versions[0]["id"]))
    assert response.status_code == 200
    assert response.json()["image_version"] == 1
    versions = auth_client.get(_page_url("page-images", page)).json()
    assert [v["is_current"] for v in versions] == [True, False, False]

    picture = auth_client.get(versions[1]["thumbnail_url"])
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/webp"
    assert picture["Cache-Control"] == "private, max-age=3600"
    assert auth_client.get(versions[1]["display_url"])["Content-Type"] == "image/jpeg"
    bad = auth_client.get(
        _page_url("page-image-version-file", page, versions[1]["id"]), {"variant": "poster"}
    )
    assert bad.status_code == 404


def test_a_version_of_another_page_is_404(auth_client: APIClient, story: Story) -> None:
    other = PageImage.objects.get(page=_page(story, 2))
    page = _page(story, 1)
    assert auth_client.post(_page_url("page-image-make-current", page, other.pk)).status_code == 404
    assert auth_client.get(_page_url("page-image-version-file", page, other.pk)).status_code == 404


def test_listing_versions_takes_the_same_queries_for_3_or_30(
    auth_client: APIClient, story: Story, django_assert_max_num_queries: Any
) -> None:
    page = _page(story, 1)
    current = PageImage.objects.get(page=page)

    def grow(total: int) -> None:
        have = PageImage.objects.filter(page=page).count()
        PageImage.objects.bulk_create(
            PageImage(page=page, version=n, image=current.image.name)
            for n in range(have + 1, total + 1)
        )

    url = _page_url("page-images", page)
    grow(3)
    with django_assert_max_num_queries(4):
        assert len(auth_client.get(url).json()) == 3
    grow(30)
    with django_assert_max_num_queries(4):
        assert len(auth_client.get(url).json()) == 30


# --- rewrite --------------------------------------------------------------------------------


def test_rewrite_text_proposes_new_text_and_saves_nothing(
    auth_client: APIClient, story: Story
) -> None:
    page = _page(story, 2)
    response = auth_client.post(
        _page_url("page-rewrite-text", page), {"instructions": "gentler"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["page_id"] == page.pk
    assert body["text"]
    assert body["text"] != page.text
    page.refresh_from_db()
    assert page.text != body["text"]

    accepted = _editor(auth_client, story, {"pages": [{"id": page.pk, "text": body["text"]}]})
    assert accepted.status_code == 200
    page.refresh_from_db()
    assert page.text == body["text"]


def test_rewriting_the_cover_is_400(auth_client: APIClient, story: Story) -> None:
    response = auth_client.post(_page_url("page-rewrite-text", _page(story, 0)))
    assert response.status_code == 400
    assert "title" in response.json()["detail"]


def test_overlong_wishes_are_400(auth_client: APIClient, story: Story) -> None:
    response = auth_client.post(
        _page_url("page-rewrite-text", _page(story, 1)), {"instructions": "x" * 501}, format="json"
    )
    assert response.status_code == 400
    assert "instructions" in response.json()["errors"]


def test_a_busy_provider_makes_the_rewrite_a_503_with_retry_after(
    auth_client: APIClient, story: Story, provider: ScriptedProvider
) -> None:
    provider.rules.append(
        lambda kind, scene: (
            AIProviderUnavailable("Slow down.", retry_after=4) if kind == "rewrite" else None
        )
    )
    response = auth_client.post(_page_url("page-rewrite-text", _page(story, 1)))
    assert response.status_code == 503
    assert response.json() == {"detail": "Slow down.", "code": "unavailable"}
    assert response["Retry-After"] == "4"


# --- access -------------------------------------------------------------------------------


def _every_endpoint(story: Story, page: Page, image: PageImage) -> list[tuple[str, str]]:
    return [
        ("put", reverse("story-title", args=[story.pk])),
        ("put", reverse("story-editor", args=[story.pk])),
        ("post", _page_url("page-restore-text", page)),
        ("post", _page_url("page-restore-image", page)),
        ("post", _page_url("page-regenerate-image", page)),
        ("post", _page_url("page-rewrite-text", page)),
        ("get", _page_url("page-images", page)),
        ("post", _page_url("page-image-make-current", page, image.pk)),
        ("get", _page_url("page-image-version-file", page, image.pk)),
    ]


def test_other_peoples_hidden_and_deleted_stories_are_404(
    auth_client: APIClient,
    other_user: User,
    user: User,
    provider: ScriptedProvider,
    run_pipeline: Callable[..., Any],
    story_request: dict[str, Any],
) -> None:
    task = run_pipeline(services.story_generation_start, owner=other_user, **story_request)
    theirs = Story.objects.get(pk=task.story_id)
    mine_hidden = StoryFactory(owner=user, is_hidden=True)
    mine_deleted = StoryFactory(owner=user, is_deleted=True)
    for story in (theirs, mine_hidden, mine_deleted):
        page = Page.objects.filter(story=story).first() or PageFactory(story=story)
        image = PageImage.objects.filter(page=page).first() or PageImage.objects.create(
            page=page, version=1, image="x.png"
        )
        for method, url in _every_endpoint(story, page, image):
            response = getattr(auth_client, method)(
                url, {"title": "Mine", "pages": []}, format="json"
            )
            assert response.status_code == 404, (method, url)
    assert Story.objects.get(pk=theirs.pk).title == "The Lantern Keeper"
    assert not PageRedrawJob.objects.exists()


def test_someone_elses_redraw_job_is_404(
    auth_client: APIClient, client_for: Callable[[User], APIClient], other_user: User
) -> None:
    job = PageRedrawJob.objects.create(page=PageFactory(story=StoryFactory(owner=other_user)))
    assert auth_client.get(reverse("page-redraw-job", args=[job.pk])).status_code == 404
    assert auth_client.get(reverse("page-redraw-job", args=[uuid.uuid4()])).status_code == 404
    assert client_for(other_user).get(reverse("page-redraw-job", args=[job.pk])).status_code == 200


def test_anonymous_gets_401_on_every_editor_endpoint(api_client: APIClient) -> None:
    page = PageFactory(story=StoryFactory())
    image = PageImage.objects.create(page=page, version=1, image="x.png")
    for method, url in _every_endpoint(page.story, page, image):
        assert getattr(api_client, method)(url).status_code == 401, url
    assert api_client.get(reverse("page-redraw-job", args=[uuid.uuid4()])).status_code == 401


def test_the_schema_documents_the_editor_endpoints(api_client: APIClient) -> None:
    paths = api_client.get(reverse("api-schema"), {"format": "json"}).json()["paths"]
    prefix = "/api/v1/stories/{story_id}"
    page = f"{prefix}/pages/{{page_id}}"
    for path, methods in {
        f"{prefix}/title": {"put"},
        f"{prefix}/editor": {"put"},
        f"{page}/restore-text": {"post"},
        f"{page}/restore-image": {"post"},
        f"{page}/regenerate-image": {"post"},
        f"{page}/rewrite-text": {"post"},
        f"{page}/images": {"get"},
        f"{page}/images/{{image_id}}/make-current": {"post"},
        f"{page}/images/{{image_id}}/file": {"get"},
        "/api/v1/stories/page-redraw-jobs/{job_id}": {"get"},
    }.items():
        assert methods <= set(paths[path]), path
        assert path + "/" not in paths
    regenerate = paths[f"{page}/regenerate-image"]["post"]
    assert {"200", "202", "401", "402", "422", "502", "503"} <= set(regenerate["responses"])
    assert {"Prefer", "async"} <= {p["name"] for p in regenerate["parameters"]}


def _editor_input_schema(client: APIClient) -> dict[str, Any]:
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()["components"]
    return schema["schemas"]


@pytest.mark.parametrize("field", ["text_position", "page_format"])
def test_every_layout_spelling_the_schema_names_is_saved_as_its_meaning(
    auth_client: APIClient, story: Story, field: str
) -> None:
    schemas = _editor_input_schema(auth_client)
    enum = {"text_position": "TextPositionEnum", "page_format": "PageFormatEnum"}[field]
    spellings = schemas[enum]["enum"]
    clean = {"text_position": clean_text_position, "page_format": clean_page_format}[field]
    assert set(map(clean, spellings)) == set(
        TEXT_POSITIONS if field == "text_position" else Story.PageFormat.values
    )
    for spelling in spellings:
        response = _editor(auth_client, story, {"editor_settings": {field: spelling}})
        assert response.status_code == 200, spelling
        assert getattr(Story.objects.get(pk=story.pk), field) == clean(spelling)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text_position", "0"),
        ("text_position", "Top-Left"),
        ("page_format", "A4"),
        ("page_format", "legal"),
        ("font_color", "#fff "),
        ("font_color", "white"),
        ("font_color", 16777215),
    ],
)
def test_a_layout_value_the_schema_does_not_name_is_refused_and_saves_nothing(
    auth_client: APIClient, story: Story, field: str, value: Any
) -> None:
    schemas = _editor_input_schema(auth_client)
    settings = schemas["EditorSettingsInputRequest"]["properties"]
    if field == "font_color":
        assert re.fullmatch(settings[field]["pattern"], "#a1B2c3")
        assert not re.fullmatch(settings[field]["pattern"], str(value))
    before = _saved_state(story)
    for body in (
        {"editor_settings": {field: value}},
        {"pages": [{"id": _page(story, 1).pk, field: value}]},
    ):
        if field == "page_format" and "pages" in body:
            continue  # not a page override
        response = _editor(auth_client, story, body)
        assert response.status_code == 400, body
        assert [name.rsplit(".", 1)[-1] for name in response.json()["errors"]] == [field]
    assert _saved_state(story) == before


@pytest.mark.parametrize("count", [3, 20])
def test_the_editor_answers_in_the_same_queries_for_few_or_many_pages(
    auth_client: APIClient, user: User, django_assert_max_num_queries: Any, count: int
) -> None:
    story = StoryFactory(owner=user)
    pages = [PageFactory(story=story, number=n, font_size=30) for n in range(count)]
    body = {"editor_settings": {"font_size": 20}, "pages": [{"id": pages[1].pk, "text": "Hi."}]}
    with django_assert_max_num_queries(10):
        response = _editor(auth_client, story, body)
    assert response.status_code == 200
    assert len(response.json()["pages"]) == count
    with django_assert_max_num_queries(5):
        detail = auth_client.get(reverse("story-detail", args=[story.pk])).json()
    assert detail["pages"][2]["editor_state"]["effective"]["font_size"] == 30


# --- concurrent edits: ETag and If-Match ------------------------------------------------------


def _etag(client: APIClient, story: Story) -> str:
    response = client.get(reverse("story-detail", args=[story.pk]))
    assert response.status_code == 200
    return response["ETag"]


def _saved_state(story: Story) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Everything an editor write can change, as stored."""
    return (
        Story.objects.filter(pk=story.pk).values().get(),
        list(Page.objects.filter(story=story).order_by("number").values()),
    )


def test_the_detail_carries_an_etag_that_each_edit_changes(
    auth_client: APIClient, story: Story
) -> None:
    first = _etag(auth_client, story)
    assert re.fullmatch(rf'"{story.pk}-\d+"', first)
    assert _etag(auth_client, story) == first  # reading changes nothing

    page = _page(story, 1)
    response = auth_client.put(
        reverse("story-editor", args=[story.pk]),
        {"pages": [{"id": page.pk, "text": "Mine."}]},
        format="json",
        headers={"If-Match": first},
    )
    assert response.status_code == 200
    assert response["ETag"] != first
    assert response["ETag"] == _etag(auth_client, story)


def test_a_save_from_an_outdated_etag_is_412_and_changes_nothing(
    auth_client: APIClient, story: Story
) -> None:
    page = _page(story, 1)
    read = _etag(auth_client, story)
    # Meanwhile, another tab or device saves.
    assert (
        _editor(auth_client, story, {"pages": [{"id": page.pk, "text": "Theirs."}]}).status_code
        == 200
    )
    before = _saved_state(story)

    response = auth_client.put(
        reverse("story-editor", args=[story.pk]),
        {"editor_settings": {"font_size": 40}, "pages": [{"id": page.pk, "text": "Mine."}]},
        format="json",
        headers={"If-Match": read},
    )
    assert response.status_code == 412
    body = response.json()
    assert body["code"] == "stale"
    assert "changed somewhere else" in body["detail"]
    assert _saved_state(story) == before
    assert _page(story, 1).text == "Theirs."


def test_without_if_match_saves_work_as_before(auth_client: APIClient, story: Story) -> None:
    page = _page(story, 1)
    for text in ("First.", "Second."):
        response = _editor(auth_client, story, {"pages": [{"id": page.pk, "text": text}]})
        assert response.status_code == 200
        assert response["ETag"] == _etag(auth_client, story)
    assert _page(story, 1).text == "Second."


@pytest.mark.parametrize("form", ["weak", "star", "list"])
def test_a_weak_a_star_or_a_list_if_match_is_understood(
    auth_client: APIClient, story: Story, form: str
) -> None:
    etag = _etag(auth_client, story)
    header = {"weak": f"W/{etag}", "star": "*", "list": f'"{story.pk}-999", {etag}'}[form]
    response = auth_client.put(
        reverse("story-editor", args=[story.pk]),
        {"editor_settings": {"font_size": 40}},
        format="json",
        headers={"If-Match": header},
    )
    assert response.status_code == 200
    assert Story.objects.get(pk=story.pk).font_size == 40


def test_an_etag_of_another_story_is_412(auth_client: APIClient, story: Story, user: User) -> None:
    other = StoryFactory(owner=user)
    response = auth_client.put(
        reverse("story-editor", args=[story.pk]),
        {"editor_settings": {"font_size": 40}},
        format="json",
        headers={"If-Match": _etag(auth_client, other)},
    )
    assert response.status_code == 412
    assert Story.objects.get(pk=story.pk).font_size == 28


def test_an_etag_read_before_a_redraw_finished_is_412_as_the_schema_says(
    auth_client: APIClient, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    read = _etag(auth_client, story)
    page = _page(story, 1)
    response = run_pipeline(
        auth_client.post,
        reverse("page-regenerate-image", args=[story.pk, page.pk]),
        headers={"Prefer": "respond-async"},
    )
    assert response.status_code == 202
    response = auth_client.put(
        reverse("story-editor", args=[story.pk]),
        {"pages": [{"id": page.pk, "text": "Mine."}]},
        format="json",
        headers={"If-Match": read},
    )
    assert response.status_code == 412
    paths = auth_client.get(reverse("api-schema"), {"format": "json"}).json()["paths"]
    parameters = paths["/api/v1/stories/{story_id}/editor"]["put"]["parameters"]
    (if_match,) = (p for p in parameters if p["name"] == "If-Match")
    assert "A redraw finishing" in if_match["description"]
    assert "read the story again" in if_match["description"]


def test_an_etag_read_before_missing_pages_are_redrawn_is_412_after(
    auth_client: APIClient,
    user: User,
    provider: ScriptedProvider,
    run_pipeline: Callable[..., Any],
    story_request: dict[str, Any],
) -> None:
    provider.rules.append(fail_times("page", lambda: AIProviderRejected("nope"), 1, page=2))
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = Story.objects.get(pk=task.story_id)
    read = _etag(auth_client, story)
    response = run_pipeline(auth_client.post, reverse("story-resume", args=[story.pk]))
    assert response.status_code == 202
    assert Story.objects.get(pk=story.pk).status == Story.Status.READY
    response = auth_client.put(
        reverse("story-editor", args=[story.pk]),
        {"pages": [{"id": _page(story, 1).pk, "text": "Mine."}]},
        format="json",
        headers={"If-Match": read},
    )
    assert response.status_code == 412
    assert _page(story, 1).text != "Mine."


def test_an_etag_read_from_a_draft_is_412_once_it_is_generated(
    auth_client: APIClient,
    user: User,
    provider: ScriptedProvider,
    run_pipeline: Callable[..., Any],
    story_request: dict[str, Any],
) -> None:
    draft = services.story_draft_save(owner=user, **story_request)
    read = _etag(auth_client, draft)
    created = run_pipeline(
        auth_client.post,
        reverse("story-list"),
        story_request | {"draft_id": draft.pk},
        format="json",
    )
    assert created.status_code == 202, created.json()
    response = auth_client.put(
        reverse("story-title", args=[draft.pk]),
        {"title": "Mine"},
        format="json",
        headers={"If-Match": read},
    )
    assert response.status_code == 412
    assert Story.objects.get(pk=draft.pk).title == story_request["title"]


def _writes(story: Story) -> dict[str, tuple[str, dict[str, Any] | None]]:
    """Each editor write but the PUT, with a body that changes the story."""
    page = _page(story, 1)
    first = PageImage.objects.get(page=page, version=1)
    return {
        "title": (reverse("story-title", args=[story.pk]), {"title": "The Whale Road"}),
        "restore-text": (_page_url("page-restore-text", page), None),
        "restore-image": (_page_url("page-restore-image", page), None),
        "make-current": (_page_url("page-image-make-current", page, first.pk), None),
    }


def _send(client: APIClient, url: str, body: dict[str, Any] | None, **headers: str) -> Any:
    if body is not None:
        return client.put(url, body, format="json", headers=headers)
    return client.post(url, headers=headers)


@pytest.mark.parametrize("write", ["title", "restore-text", "restore-image", "make-current"])
def test_every_editor_write_honours_if_match_and_answers_with_the_new_etag(
    auth_client: APIClient, story: Story, run_pipeline: Callable[..., Any], write: str
) -> None:
    page = _page(story, 1)
    # Something for each write to change: a redrawn picture and the page's own text.
    job = run_pipeline(services.page_redraw_request, page=page)
    assert PageRedrawJob.objects.get(pk=job.pk).status == PageRedrawJob.Status.DONE
    read = _etag(auth_client, story)
    assert (
        _editor(auth_client, story, {"pages": [{"id": page.pk, "text": "Theirs."}]}).status_code
        == 200
    )
    current = _etag(auth_client, story)
    url, body = _writes(story)[write]

    before = _saved_state(story)
    stale = _send(auth_client, url, body, **{"If-Match": read})
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale"
    assert _saved_state(story) == before

    response = _send(auth_client, url, body, **{"If-Match": current})
    assert response.status_code == 200
    assert _saved_state(story) != before
    assert response["ETag"] not in (read, current)
    assert response["ETag"] == _etag(auth_client, story)


@pytest.mark.django_db(transaction=True)
def test_of_eight_simultaneous_saves_from_one_etag_exactly_one_is_kept(
    client_for: Callable[[User], APIClient], user: User
) -> None:
    story = StoryFactory(owner=user)
    page = PageFactory(story=story, number=1)
    clients = [client_for(user) for _ in range(8)]
    read = _etag(clients[0], story)
    url = reverse("story-editor", args=[story.pk])
    start = threading.Barrier(len(clients))
    answers: dict[int, int] = {}

    def save(number: int, client: APIClient) -> None:
        try:
            start.wait()
            body = {"pages": [{"id": page.pk, "text": f"Saved by tab {number}."}]}
            response = client.put(url, body, format="json", headers={"If-Match": read})
            answers[number] = response.status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(number, client))
        for number, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers.values()) == [200] + [412] * 7
    (winner,) = (number for number, status in answers.items() if status == 200)
    assert Page.objects.get(pk=page.pk).text == f"Saved by tab {winner}."
    assert Story.objects.get(pk=story.pk).edit_version == story.edit_version + 1


def test_a_browser_client_on_another_origin_may_send_if_match_and_read_the_etag(
    auth_client: APIClient, story: Story, settings: Any
) -> None:
    origin = "https://books.example"
    settings.CORS_ALLOWED_ORIGINS = [origin]
    url = reverse("story-editor", args=[story.pk])
    preflight = auth_client.options(
        url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization, content-type, if-match",
        },
    )
    assert preflight.status_code == 200
    assert "if-match" in preflight["Access-Control-Allow-Headers"].split(", ")

    response = auth_client.get(reverse("story-detail", args=[story.pk]), headers={"Origin": origin})
    assert response["Access-Control-Allow-Origin"] == origin
    assert "ETag" in response["Access-Control-Expose-Headers"].split(", ")
