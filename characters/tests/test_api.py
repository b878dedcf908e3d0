"""Characters API: the contract, bounds, access control, sheet jobs, photos and query counts."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import User
from characters import photos
from characters.models import Character, CharacterImage, CharacterImageJob
from characters.tests import photo_corpus as corpus
from characters.tests.factories import CharacterFactory
from stories.models import DynamicListItem
from stories.tests import conftest as story_fixtures
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai import (
    AIContentBlocked,
    AIProviderAuthFailed,
    AIProviderRejected,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.media import media_path

pytestmark = pytest.mark.django_db

# The scripted provider of the stories suite (offline drawings, injected failures).
provider = story_fixtures.provider

CHARACTER_OUT_KEYS = {
    "id",
    "name",
    "description",
    "age",
    "gender",
    "clothing_style",
    "key_traits",
    "image_style",
    "created_at",
    "updated_at",
    "has_photo",
    "current_image",
    "image_job",
}
IMAGE_OUT_KEYS = {
    "id",
    "file_path",
    "file_url",
    "thumbnail_path",
    "thumbnail_url",
    "portrait_path",
    "portrait_url",
    "prompt_used",
    "image_style",
    "source",
    "created_at",
    "is_current",
}
JOB_OUT_KEYS = {
    "id",
    "character_id",
    "kind",
    "status",
    "error_code",
    "error_message",
    "error_status",
    "image",
    "notice",
    "created_at",
    "finished_at",
    "status_url",
}


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Call ``fn`` and then run what it queued for after the commit (eager Celery)."""

    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


@pytest.fixture
def character(user: User) -> Character:
    return CharacterFactory(
        owner=user,
        name="Mira",
        description="a brave girl of nine with curly red hair",
        age=9,
        gender="female",
        clothing_style="a yellow raincoat",
        key_traits="curious, kind",
        image_style="Watercolor",
    )


@pytest.fixture
def photos_dir(settings: Any, tmp_path: Path) -> Path:
    """A private folder of the test's own, so leftovers of other tests cannot hide a file."""
    settings.STORYGEN_PRIVATE_DIR = tmp_path / "private"
    return settings.STORYGEN_PRIVATE_DIR


def _slash(url: str, slash: bool) -> str:
    return url if url.endswith("/") == slash else (url + "/" if slash else url.rstrip("/"))


def _upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _files_under(folder: Path) -> list[Path]:
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def _regenerate(client: APIClient, run: Callable[..., Any], character: Character, **body: Any):
    """Ask for a new sheet, preferring the job to follow, and let the worker draw it."""
    return run(
        client.post,
        reverse("character-regenerate-image", args=[character.pk]),
        body,
        format="json",
        headers={"Prefer": "respond-async"},
    )


def _add_sheet(character: Character, *, make_current: bool = True) -> CharacterImage:
    """A sheet row whose files are not needed (lists only build addresses)."""
    base = f"characters/{character.pk}/{uuid.uuid4().hex}"
    image = CharacterImage.objects.create(
        character=character,
        image=f"{base}.png",
        display=f"{base}-display.jpg",
        thumbnail=f"{base}-thumb.webp",
    )
    if make_current:
        character.current_image = image
        character.save(update_fields=["current_image"])
    return image


# --- access ------------------------------------------------------------------------------------

ENDPOINTS = [
    ("get", "character-detail", {}),
    ("put", "character-detail", {"name": "Taken over"}),
    ("patch", "character-detail", {"name": "Taken over"}),
    ("delete", "character-detail", None),
    ("post", "character-regenerate-image", {}),
    ("post", "character-generate-from-photo", {}),
    ("get", "character-images", None),
    ("post", "character-photo", None),
    ("delete", "character-photo", None),
    ("post", "character-duplicate", None),
]
IMAGE_ENDPOINTS = [
    ("post", "character-image-make-current"),
    ("get", "character-image-file"),
]


@pytest.mark.parametrize(("method", "name", "body"), ENDPOINTS)
def test_another_users_character_is_404_and_untouched(
    client_for: Callable[[User], APIClient],
    other_user: User,
    character: Character,
    method: str,
    name: str,
    body: dict | None,
) -> None:
    response = getattr(client_for(other_user), method)(
        reverse(name, args=[character.pk]), body, format="json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Character not found.", "code": "not_found"}
    character.refresh_from_db()
    assert character.name == "Mira"
    assert not CharacterImageJob.objects.exists()
    assert Character.objects.count() == 1


@pytest.mark.parametrize(("method", "name"), IMAGE_ENDPOINTS)
def test_another_users_sheet_is_404(
    client_for: Callable[[User], APIClient],
    other_user: User,
    character: Character,
    method: str,
    name: str,
) -> None:
    image = _add_sheet(character)
    response = getattr(client_for(other_user), method)(reverse(name, args=[character.pk, image.pk]))
    assert response.status_code == 404
    assert response.json()["detail"] == "Character not found."


@pytest.mark.parametrize(("method", "name"), IMAGE_ENDPOINTS)
def test_a_sheet_of_another_of_your_characters_is_404(
    auth_client: APIClient, user: User, character: Character, method: str, name: str
) -> None:
    image = _add_sheet(CharacterFactory(owner=user))
    response = getattr(auth_client, method)(reverse(name, args=[character.pk, image.pk]))
    assert response.status_code == 404
    assert response.json()["detail"] == "Picture not found."
    character.refresh_from_db()
    assert character.current_image_id is None


def test_a_missing_character_is_404(auth_client: APIClient) -> None:
    response = auth_client.get(reverse("character-detail", args=[999_999]))
    assert response.status_code == 404
    assert response.json()["detail"] == "Character not found."


def test_another_users_job_is_404(
    client_for: Callable[[User], APIClient],
    auth_client: APIClient,
    other_user: User,
    character: Character,
) -> None:
    job = CharacterImageJob.objects.create(character=character)
    url = reverse("character-image-job", args=[job.pk])
    response = client_for(other_user).get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Job not found.", "code": "not_found"}
    assert auth_client.get(url).status_code == 200
    unknown = auth_client.get(reverse("character-image-job", args=[uuid.uuid4()]))
    assert unknown.status_code == 404


def test_other_users_characters_are_not_listed(
    client_for: Callable[[User], APIClient], other_user: User, character: Character
) -> None:
    body = client_for(other_user).get(reverse("character-list")).json()
    assert body == {"items": [], "total": 0, "page": 1, "page_size": 20}


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "character-list", []),
        ("post", "character-list", []),
        *[(method, name, [1]) for method, name, _ in ENDPOINTS],
        *[(method, name, [1, 1]) for method, name in IMAGE_ENDPOINTS],
        ("get", "character-image-job", [uuid.uuid4()]),
    ],
)
def test_anonymous_requests_are_401(
    api_client: APIClient, method: str, name: str, args: list[Any]
) -> None:
    response = getattr(api_client, method)(reverse(name, args=args), {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("slash", [True, False])
def test_paths_answer_with_and_without_the_trailing_slash(
    auth_client: APIClient, character: Character, slash: bool
) -> None:
    created = auth_client.post(
        _slash(reverse("character-list"), slash), {"name": "Pip"}, format="json"
    )
    assert created.status_code == 201
    listed = auth_client.get(_slash(reverse("character-list"), slash))
    assert listed.json()["total"] == 2
    detail = auth_client.get(_slash(reverse("character-detail", args=[character.pk]), slash))
    assert detail.json()["name"] == "Mira"


# --- create and upsert -----------------------------------------------------------------------


def test_create_returns_201_with_the_character(auth_client: APIClient, user: User) -> None:
    response = auth_client.post(
        reverse("character-list"),
        {
            "name": "  Ayla Starwind ",
            "description": "a young star pilot",
            "age": 17,
            "gender": "female",
            "clothing_style": "a silver flight suit",
            "key_traits": "bold",
            "image_style": "Cartoon",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == CHARACTER_OUT_KEYS
    assert body["name"] == "Ayla Starwind"
    assert (body["age"], body["image_style"], body["key_traits"]) == (17, "Cartoon", "bold")
    assert body["has_photo"] is False
    assert body["current_image"] is None
    assert body["image_job"] is None
    assert Character.objects.get(pk=body["id"]).owner == user


def test_create_with_only_a_name_leaves_the_other_fields_empty(auth_client: APIClient) -> None:
    body = auth_client.post(reverse("character-list"), {"name": "Pip"}, format="json").json()
    assert (body["description"], body["age"], body["image_style"]) == ("", None, "")


def test_upsert_matches_the_name_ignoring_case_and_keeps_its_casing_and_id(
    auth_client: APIClient, character: Character
) -> None:
    response = auth_client.post(
        reverse("character-list"), {"name": "mIRA", "age": 10}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == character.pk
    assert body["name"] == "Mira"
    assert body["age"] == 10
    assert Character.objects.count() == 1


def test_upsert_keeps_omitted_fields_and_clears_explicit_nulls(
    auth_client: APIClient, character: Character
) -> None:
    body = auth_client.post(
        reverse("character-list"),
        {"name": "Mira", "gender": None, "age": None, "key_traits": "fearless"},
        format="json",
    ).json()
    assert body["description"] == "a brave girl of nine with curly red hair"
    assert body["clothing_style"] == "a yellow raincoat"
    assert body["image_style"] == "Watercolor"
    assert body["key_traits"] == "fearless"
    assert (body["gender"], body["age"]) == ("", None)
    character.refresh_from_db()
    assert (character.gender, character.age, character.key_traits) == ("", None, "fearless")


def test_upsert_matches_accented_names_ignoring_case(auth_client: APIClient) -> None:
    url = reverse("character-list")
    first = auth_client.post(url, {"name": "Émile"}, format="json").json()
    second = auth_client.post(url, {"name": "émile", "age": 7}, format="json").json()
    assert (second["id"], second["name"], second["age"]) == (first["id"], "Émile", 7)
    assert Character.objects.count() == 1


def test_upsert_matches_a_name_sent_with_extra_spaces(auth_client: APIClient, user: User) -> None:
    existing = CharacterFactory(owner=user, name="Mira Lightfoot")
    body = auth_client.post(
        reverse("character-list"), {"name": "  mira   lightfoot "}, format="json"
    ).json()
    assert (body["id"], body["name"]) == (existing.pk, "Mira Lightfoot")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field may not be blank."),
        ({"name": None}, "name", "This field may not be null."),
        ({"name": "x" * 101}, "name", "Ensure this field has no more than 100 characters."),
        ({"name": "A", "age": -1}, "age", "Ensure this value is greater than or equal to 0."),
        ({"name": "A", "age": 151}, "age", "Ensure this value is less than or equal to 150."),
        ({"name": "A", "age": "old"}, "age", "A valid integer is required."),
        (
            {"name": "A", "description": "x" * 2001},
            "description",
            "Ensure this field has no more than 2000 characters.",
        ),
        (
            {"name": "A", "gender": "x" * 51},
            "gender",
            "Ensure this field has no more than 50 characters.",
        ),
        (
            {"name": "A", "clothing_style": "x" * 501},
            "clothing_style",
            "Ensure this field has no more than 500 characters.",
        ),
        (
            {"name": "A", "key_traits": "x" * 501},
            "key_traits",
            "Ensure this field has no more than 500 characters.",
        ),
        (
            {"name": "A", "image_style": "Crayon"},
            "image_style",
            "'Crayon' is not one of the available image styles.",
        ),
        ({"name": "A", "generate_image": "maybe"}, "generate_image", "Must be a valid boolean."),
    ],
)
def test_create_rejects_bad_fields_with_400_and_saves_nothing(
    auth_client: APIClient, body: dict, field: str, message: str
) -> None:
    response = auth_client.post(reverse("character-list"), body, format="json")
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "invalid"
    assert payload["errors"][field] == [message]
    assert payload["detail"] == f"{field}: {message}"
    assert not Character.objects.exists()


def test_any_image_style_is_accepted_while_the_list_has_no_active_item(
    auth_client: APIClient,
) -> None:
    DynamicListItem.objects.filter(dynamic_list_id="image_styles").update(is_active=False)
    response = auth_client.post(
        reverse("character-list"), {"name": "A", "image_style": "Crayon"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["image_style"] == "Crayon"


def test_create_with_bad_json_is_400(auth_client: APIClient) -> None:
    response = auth_client.post(
        reverse("character-list"), data='{"name": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_generate_image_queues_a_sheet_that_becomes_current(
    auth_client: APIClient, run: Callable[..., Any], provider: ScriptedProvider
) -> None:
    response = run(
        auth_client.post,
        reverse("character-list"),
        {"name": "Pip", "description": "a grey seagull", "generate_image": True},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    job = body["image_job"]
    assert set(job) == JOB_OUT_KEYS
    assert (job["status"], job["kind"], job["image"]) == ("pending", "description", None)
    assert job["character_id"] == body["id"]
    assert job["status_url"] == reverse("character-image-job", args=[job["id"]])
    assert provider.calls["sheet"] == 1

    done = auth_client.get(job["status_url"]).json()
    assert done["status"] == "done"
    assert (done["error_code"], done["error_status"]) == ("", None)
    assert done["finished_at"]
    assert done["image"]["is_current"] is True
    detail = auth_client.get(reverse("character-detail", args=[body["id"]])).json()
    assert detail["image_job"] is None
    assert set(detail["current_image"]) == IMAGE_OUT_KEYS
    assert detail["current_image"]["id"] == done["image"]["id"]
    assert detail["current_image"]["source"] == "generated"
    assert "Pip" in detail["current_image"]["prompt_used"]


def test_detail_shows_the_job_while_the_sheet_is_being_drawn(
    auth_client: APIClient, character: Character
) -> None:
    job = CharacterImageJob.objects.create(character=character)
    body = auth_client.get(reverse("character-detail", args=[character.pk])).json()
    assert body["image_job"]["id"] == str(job.pk)
    assert body["image_job"]["status"] == "pending"


# --- list --------------------------------------------------------------------------------------


def test_list_pages_through_the_characters_newest_change_first(
    auth_client: APIClient, user: User
) -> None:
    for name in ("Ann", "Ben", "Cy"):
        CharacterFactory(owner=user, name=name)
    body = auth_client.get(reverse("character-list"), {"page": 1, "page_size": 2}).json()
    assert body["total"] == 3
    assert (body["page"], body["page_size"]) == (1, 2)
    assert [item["name"] for item in body["items"]] == ["Cy", "Ben"]
    assert set(body["items"][0]) == {"id", "name", "updated_at", "thumbnail_path", "thumbnail_url"}
    second = auth_client.get(reverse("character-list"), {"page": 2, "page_size": 2}).json()
    assert [item["name"] for item in second["items"]] == ["Ann"]
    beyond = auth_client.get(reverse("character-list"), {"page": 9}).json()
    assert (beyond["items"], beyond["total"]) == ([], 3)


def test_list_searches_with_q(auth_client: APIClient, user: User) -> None:
    CharacterFactory(owner=user, name="Professor Nimbus")
    CharacterFactory(owner=user, name="Ayla Starwind")
    body = auth_client.get(reverse("character-list"), {"q": "nimb"}).json()
    assert [item["name"] for item in body["items"]] == ["Professor Nimbus"]
    assert body["total"] == 1


def test_list_thumbnail_is_the_signed_path_and_the_api_address_of_the_current_sheet(
    auth_client: APIClient, user: User, character: Character
) -> None:
    image = _add_sheet(character)
    CharacterFactory(owner=user, name="Without")
    items = {i["name"]: i for i in auth_client.get(reverse("character-list")).json()["items"]}
    assert items["Mira"]["thumbnail_url"] == (
        f"/api/v1/characters/{character.pk}/images/{image.pk}/file?variant=thumbnail"
    )
    assert items["Mira"]["thumbnail_path"].startswith(
        f"images/user_{user.pk}/characters/{character.pk}/{image.pk}-thumbnail."
    )
    assert items["Without"]["thumbnail_path"] is None
    assert items["Without"]["thumbnail_url"] is None


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"page": 0}, "page", "Ensure this value is greater than or equal to 1."),
        ({"page": "two"}, "page", "A valid integer is required."),
        ({"page_size": 0}, "page_size", "Ensure this value is greater than or equal to 1."),
        ({"page_size": 101}, "page_size", "Ensure this value is less than or equal to 100."),
        ({"q": "x" * 201}, "q", "Ensure this field has no more than 200 characters."),
    ],
)
def test_list_rejects_bad_parameters_with_400(
    auth_client: APIClient, params: dict, field: str, message: str
) -> None:
    response = auth_client.get(reverse("character-list"), params)
    assert response.status_code == 400
    assert response.json()["errors"] == {field: [message]}


def test_list_accepts_the_bounds(auth_client: APIClient) -> None:
    for params in ({"page": 1, "page_size": 1}, {"page_size": 100}):
        assert auth_client.get(reverse("character-list"), params).status_code == 200


def test_list_runs_a_constant_number_of_queries(
    auth_client: APIClient, user: User, django_assert_max_num_queries: Any
) -> None:
    def add(count: int) -> None:
        for _ in range(count):
            _add_sheet(CharacterFactory(owner=user))

    counts = []
    for total in (3, 30):
        add(total - Character.objects.count())
        with django_assert_max_num_queries(3) as queries:
            body = auth_client.get(reverse("character-list"), {"page_size": 100}).json()
        assert len(body["items"]) == total
        assert all(item["thumbnail_path"] for item in body["items"])
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- detail, update, delete --------------------------------------------------------------------


def test_detail_returns_the_character(auth_client: APIClient, character: Character) -> None:
    body = auth_client.get(reverse("character-detail", args=[character.pk])).json()
    assert set(body) == CHARACTER_OUT_KEYS
    assert (body["name"], body["age"], body["clothing_style"]) == ("Mira", 9, "a yellow raincoat")


@pytest.mark.parametrize("method", ["put", "patch"])
def test_update_changes_only_the_fields_sent(
    auth_client: APIClient, character: Character, method: str
) -> None:
    response = getattr(auth_client, method)(
        reverse("character-detail", args=[character.pk]),
        {"name": "Mira Lightfoot", "age": None, "image_style": "Cartoon"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["name"], body["age"], body["image_style"]) == ("Mira Lightfoot", None, "Cartoon")
    assert body["description"] == "a brave girl of nine with curly red hair"
    assert body["key_traits"] == "curious, kind"


def test_update_with_an_empty_body_changes_nothing(
    auth_client: APIClient, character: Character
) -> None:
    response = auth_client.put(reverse("character-detail", args=[character.pk]), {}, format="json")
    assert response.status_code == 200
    assert response.json()["description"] == "a brave girl of nine with curly red hair"


def test_renaming_to_a_taken_name_is_409(
    auth_client: APIClient, user: User, character: Character
) -> None:
    CharacterFactory(owner=user, name="Pip")
    response = auth_client.put(
        reverse("character-detail", args=[character.pk]), {"name": "PIP"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "name_taken"
    character.refresh_from_db()
    assert character.name == "Mira"


def test_renaming_to_another_users_name_or_own_casing_is_fine(
    auth_client: APIClient, other_user: User, character: Character
) -> None:
    CharacterFactory(owner=other_user, name="Pip")
    url = reverse("character-detail", args=[character.pk])
    assert auth_client.put(url, {"name": "MIRA"}, format="json").json()["name"] == "MIRA"
    assert auth_client.put(url, {"name": "Pip"}, format="json").json()["name"] == "Pip"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"age": 200}, "age"),
        ({"gender": "x" * 51}, "gender"),
        ({"image_style": "Crayon"}, "image_style"),
    ],
)
def test_update_rejects_bad_fields_with_400(
    auth_client: APIClient, character: Character, body: dict, field: str
) -> None:
    response = auth_client.put(
        reverse("character-detail", args=[character.pk]), body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    character.refresh_from_db()
    assert (character.name, character.age) == ("Mira", 9)


def test_delete_removes_the_character_and_its_files_after_commit(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    django_capture_on_commit_callbacks: Any,
    photos_dir: Path,
) -> None:
    _regenerate(auth_client, run, character)
    auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.jpg", corpus.jpeg(), "image/jpeg")},
        format="multipart",
    )
    folder = media_path(f"characters/{character.pk}")
    photo = photos.photo_path(owner_id=character.owner_id, character_id=character.pk)
    assert _files_under(folder)
    assert photo.is_file()

    with django_capture_on_commit_callbacks() as callbacks:
        response = auth_client.delete(reverse("character-detail", args=[character.pk]))
        assert response.status_code == 204
        assert folder.is_dir()  # nothing is removed before the commit
    for callback in callbacks:
        callback()
    assert not folder.exists()
    assert not photo.exists()
    assert not Character.objects.filter(pk=character.pk).exists()
    assert auth_client.get(reverse("character-detail", args=[character.pk])).status_code == 404


# --- new sheets and their versions --------------------------------------------------------------


@pytest.mark.parametrize("body", [{}, None])
def test_regenerate_preferring_to_poll_returns_202_with_a_job_to_poll(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    provider: ScriptedProvider,
    body: dict | None,
) -> None:
    url = reverse("character-regenerate-image", args=[character.pk])
    response = run(
        auth_client.post,
        url,
        body,
        format="json" if body is not None else None,
        headers={"Prefer": "respond-async"},
    )
    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    job = response.json()
    assert set(job) == JOB_OUT_KEYS
    assert (job["kind"], job["status"]) == ("description", "pending")
    polled = auth_client.get(job["status_url"]).json()
    assert polled["status"] == "done"
    assert polled["image"]["image_style"] == "Watercolor"
    assert provider.calls["sheet"] == 1


def test_regenerate_overrides_apply_to_the_drawing_only(
    auth_client: APIClient, run: Callable[..., Any], character: Character
) -> None:
    job = _regenerate(
        auth_client, run, character, description="in a spacesuit", image_style="Cartoon"
    ).json()
    image = auth_client.get(job["status_url"]).json()["image"]
    assert image["image_style"] == "Cartoon"
    assert "in a spacesuit" in image["prompt_used"]
    character.refresh_from_db()
    assert character.description == "a brave girl of nine with curly red hair"
    assert character.image_style == "Watercolor"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"image_style": "Crayon"}, "image_style"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_regenerate_rejects_bad_overrides(
    auth_client: APIClient, character: Character, body: dict, field: str
) -> None:
    response = auth_client.post(
        reverse("character-regenerate-image", args=[character.pk]), body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not CharacterImageJob.objects.exists()


def test_a_second_request_while_drawing_returns_the_same_job(
    auth_client: APIClient, character: Character
) -> None:
    url = reverse("character-regenerate-image", args=[character.pk])
    first = auth_client.post(url, {}, format="json", headers={"Prefer": "respond-async"}).json()
    second = auth_client.post(url, {}, format="json", headers={"Prefer": "respond-async"}).json()
    assert first["id"] == second["id"]
    assert CharacterImageJob.objects.count() == 1


def test_versions_are_kept_listed_newest_first_and_one_can_be_made_current(
    auth_client: APIClient, run: Callable[..., Any], character: Character
) -> None:
    _regenerate(auth_client, run, character)
    _regenerate(auth_client, run, character, image_style="Cartoon")
    images = auth_client.get(reverse("character-images", args=[character.pk])).json()
    assert len(images) == 2
    assert set(images[0]) == IMAGE_OUT_KEYS
    newest, oldest = images
    assert newest["image_style"] == "Cartoon"
    assert (newest["is_current"], oldest["is_current"]) == (True, False)

    response = auth_client.post(
        reverse("character-image-make-current", args=[character.pk, oldest["id"]])
    )
    assert response.status_code == 200
    assert response.json()["current_image"]["id"] == oldest["id"]
    assert response.json()["current_image"]["is_current"] is True
    images = auth_client.get(reverse("character-images", args=[character.pk])).json()
    assert [image["is_current"] for image in images] == [False, True]


def test_make_current_with_an_unknown_sheet_is_404(
    auth_client: APIClient, character: Character
) -> None:
    response = auth_client.post(
        reverse("character-image-make-current", args=[character.pk, 999_999])
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Picture not found."


def test_images_list_runs_a_constant_number_of_queries(
    auth_client: APIClient, character: Character, django_assert_max_num_queries: Any
) -> None:
    counts = []
    for total in (3, 30):
        for _ in range(total - character.images.count()):
            _add_sheet(character)
        with django_assert_max_num_queries(3) as queries:
            images = auth_client.get(reverse("character-images", args=[character.pk])).json()
        assert len(images) == total
        assert sum(image["is_current"] for image in images) == 1
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("error", "code", "http_status"),
    [
        (lambda: AIProviderAuthFailed("The AI provider refused our key."), "auth", 401),
        (lambda: AIQuotaExhausted("The AI account has no credit left."), "quota", 402),
        (lambda: AIContentBlocked("The picture was blocked."), "blocked", 422),
        (lambda: AIProviderRejected("The AI provider refused the request."), "rejected", 502),
    ],
)
def test_provider_errors_fail_the_job_with_a_code_and_status(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    provider: ScriptedProvider,
    error: Callable[[], Exception],
    code: str,
    http_status: int,
) -> None:
    provider.rules.append(fail_times("sheet", error, 1))  # type: ignore[arg-type]
    job = _regenerate(auth_client, run, character).json()
    failed = auth_client.get(job["status_url"]).json()
    assert failed["status"] == "failed"
    assert (failed["error_code"], failed["error_status"]) == (code, http_status)
    assert failed["error_message"] == str(error())
    assert failed["image"] is None
    assert provider.calls["sheet"] == 1
    character.refresh_from_db()
    assert character.current_image_id is None


def test_an_unavailable_provider_fails_the_job_after_the_attempts(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    provider: ScriptedProvider,
    settings: Any,
) -> None:
    settings.AI_MAX_ATTEMPTS = 2
    provider.rules.append(
        fail_times("sheet", lambda: AIProviderUnavailable("The AI service is busy."), 99)
    )
    job = _regenerate(auth_client, run, character).json()
    failed = auth_client.get(job["status_url"]).json()
    assert failed["status"] == "failed"
    assert (failed["error_code"], failed["error_status"]) == ("unavailable", 503)
    assert provider.calls["sheet"] == 2
    assert CharacterImageJob.objects.get(pk=job["id"]).attempts == 2


def test_a_transient_provider_error_is_retried_and_the_job_succeeds(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    provider: ScriptedProvider,
) -> None:
    provider.rules.append(
        fail_times("sheet", lambda: AIProviderUnavailable("The AI service is busy."), 1)
    )
    job = _regenerate(auth_client, run, character).json()
    done = auth_client.get(job["status_url"]).json()
    assert (done["status"], done["error_code"]) == ("done", "")
    assert provider.calls["sheet"] == 2


# --- sheet files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "content_type"),
    [
        (None, "image/png"),
        ("original", "image/png"),
        ("display", "image/jpeg"),
        ("thumbnail", "image/webp"),
    ],
)
def test_the_file_endpoint_serves_each_variant_to_the_owner(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    variant: str | None,
    content_type: str,
) -> None:
    job = _regenerate(auth_client, run, character).json()
    image_id = auth_client.get(job["status_url"]).json()["image"]["id"]
    image = CharacterImage.objects.get(pk=image_id)
    params = {"variant": variant} if variant else {}
    response = auth_client.get(
        reverse("character-image-file", args=[character.pk, image_id]), params
    )
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "private, max-age=3600"
    field = {None: "image", "original": "image", "display": "display", "thumbnail": "thumbnail"}
    expected = media_path(getattr(image, field[variant]).name).read_bytes()
    assert b"".join(response.streaming_content) == expected


def test_the_addresses_in_a_sheet_serve_its_pictures(
    auth_client: APIClient, run: Callable[..., Any], character: Character
) -> None:
    job = _regenerate(auth_client, run, character).json()
    image = auth_client.get(job["status_url"]).json()["image"]
    assert image["file_url"].endswith("?variant=display")
    for address, content_type in (
        (image["file_url"], "image/jpeg"),
        (image["thumbnail_url"], "image/webp"),
    ):
        response = auth_client.get(address)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type


def test_the_file_endpoint_is_404_for_an_unknown_variant_or_a_missing_file(
    auth_client: APIClient, character: Character
) -> None:
    image = _add_sheet(character)  # its files were never written
    url = reverse("character-image-file", args=[character.pk, image.pk])
    unknown = auth_client.get(url, {"variant": "huge"})
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "No such picture variant."
    missing = auth_client.get(url, {"variant": "display"})
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_display_falls_back_to_the_original_for_a_sheet_without_one(
    auth_client: APIClient, run: Callable[..., Any], character: Character
) -> None:
    job = _regenerate(auth_client, run, character).json()
    image = CharacterImage.objects.get(pk=auth_client.get(job["status_url"]).json()["image"]["id"])
    CharacterImage.objects.filter(pk=image.pk).update(display="")
    file_url = auth_client.get(reverse("character-images", args=[character.pk])).json()[0][
        "file_url"
    ]
    response = auth_client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == media_path(image.image.name).read_bytes()


def test_the_file_endpoint_refuses_a_name_outside_media_root(
    auth_client: APIClient, character: Character
) -> None:
    image = CharacterImage.objects.create(character=character, image="../../etc/passwd")
    response = auth_client.get(reverse("character-image-file", args=[character.pk, image.pk]))
    assert response.status_code == 404


# --- photos ----------------------------------------------------------------------------------


def test_photo_upload_keeps_a_private_jpeg(
    auth_client: APIClient, character: Character, photos_dir: Path
) -> None:
    response = auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.png", corpus.jpeg((64, 48)), "image/png")},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    path = photos.photo_path(owner_id=character.owner_id, character_id=character.pk)
    assert response.json() == {
        "character_id": character.pk,
        "content_type": "image/jpeg",
        "size_bytes": path.stat().st_size,
        "width": 64,
        "height": 48,
    }
    assert path.is_relative_to(Path(settings.STORYGEN_PRIVATE_DIR))
    assert not path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not any(p.name.startswith("photo") for p in _files_under(settings.MEDIA_ROOT))
    detail = auth_client.get(reverse("character-detail", args=[character.pk])).json()
    assert detail["has_photo"] is True


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("me.jpg", corpus.jpeg((64, 48)), "image/jpeg"),
        ("me.png", corpus.png((64, 48)), "image/png"),
        ("me.webp", corpus.webp((64, 48)), "image/webp"),
        ("no-extension", corpus.png((64, 48)), "application/octet-stream"),
    ],
)
def test_jpeg_png_and_webp_photos_are_accepted_by_their_content(
    auth_client: APIClient,
    character: Character,
    photos_dir: Path,
    name: str,
    data: bytes,
    content_type: str,
) -> None:
    response = auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload(name, data, content_type)},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["width"], response.json()["height"]) == (64, 48)
    stored = photos.photo_path(owner_id=character.owner_id, character_id=character.pk)
    assert stored.read_bytes().startswith(b"\xff\xd8\xff")
    assert _files_under(photos_dir) == [stored]


def test_a_stored_photo_carries_no_exif(
    auth_client: APIClient, character: Character, photos_dir: Path
) -> None:
    response = auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.jpg", corpus.camera_jpeg(), "image/jpeg")},
        format="multipart",
    )
    assert response.status_code == 200
    stored = photos.photo_path(owner_id=character.owner_id, character_id=character.pk)
    with Image.open(stored) as picture:
        assert not picture.getexif()
        assert not picture.getexif().get_ifd(corpus.GPS_IFD)
    assert b"PhoneMaker" not in stored.read_bytes()


@pytest.mark.parametrize(
    ("name", "data", "content_type", "http_status"),
    [
        ("me.svg", corpus.SVG, "image/svg+xml", 415),
        ("me.jpg", corpus.HTML_PAGE, "image/jpeg", 415),
        ("me.png", corpus.png_html_polyglot(), "image/png", 415),
        ("me.gif", corpus.gif(), "image/gif", 415),
        ("me.tiff", corpus.tiff(), "image/tiff", 415),
        ("me.jpg", corpus.truncated_jpeg(), "image/jpeg", 415),
        ("me.jpg", b"", "image/jpeg", 415),
        ("bomb.png", corpus.png_declaring(50_000, 50_000), "image/png", 413),
    ],
    ids=["svg", "html", "png-html-polyglot", "gif", "tiff", "truncated", "empty", "bomb"],
)
def test_a_refused_photo_is_4xx_fast_and_leaves_no_file(
    auth_client: APIClient,
    character: Character,
    photos_dir: Path,
    name: str,
    data: bytes,
    content_type: str,
    http_status: int,
) -> None:
    started = time.monotonic()
    response = auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload(name, data, content_type)},
        format="multipart",
    )
    assert time.monotonic() - started < 2
    assert response.status_code == http_status
    assert response.json()["code"] in {
        "photo_unsupported",
        "photo_invalid",
        "photo_too_many_pixels",
    }
    assert _files_under(photos_dir) == []
    character.refresh_from_db()
    assert character.photo_uploaded_at is None


def test_a_refused_photo_keeps_the_earlier_one(
    auth_client: APIClient, character: Character, photos_dir: Path
) -> None:
    url = reverse("character-photo", args=[character.pk])
    auth_client.post(
        url, {"photo": _upload("a.jpg", corpus.jpeg(), "image/jpeg")}, format="multipart"
    )
    stored = photos.photo_path(owner_id=character.owner_id, character_id=character.pk)
    before = stored.read_bytes()
    response = auth_client.post(
        url, {"photo": _upload("b.gif", corpus.gif(), "image/gif")}, format="multipart"
    )
    assert response.status_code == 415
    assert stored.read_bytes() == before
    assert _files_under(photos_dir) == [stored]


def test_a_photo_that_fails_the_safety_check_is_422_and_not_kept(
    auth_client: APIClient, character: Character, photos_dir: Path, provider: ScriptedProvider
) -> None:
    provider.picture_flags.append("")  # every picture blocks
    response = auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("a.jpg", corpus.jpeg(), "image/jpeg")},
        format="multipart",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "photo_unsafe"
    assert _files_under(photos_dir) == []


def test_a_photo_over_the_size_limit_is_413(
    auth_client: APIClient, character: Character, photos_dir: Path, settings: Any
) -> None:
    settings.STORYGEN_MAX_UPLOAD_BYTES = 100
    response = auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.jpg", corpus.jpeg(), "image/jpeg")},
        format="multipart",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "photo_too_large"
    assert _files_under(photos_dir) == []


@pytest.mark.parametrize("body", [{}, {"photo": "not a file"}, {"picture": "x"}])
def test_photo_upload_without_a_file_is_400(
    auth_client: APIClient, character: Character, photos_dir: Path, body: dict
) -> None:
    response = auth_client.post(
        reverse("character-photo", args=[character.pk]), body, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"photo": ["Attach a photo in the 'photo' field."]}
    assert _files_under(photos_dir) == []


def test_photo_can_be_removed(
    auth_client: APIClient, run: Callable[..., Any], character: Character, photos_dir: Path
) -> None:
    url = reverse("character-photo", args=[character.pk])
    auth_client.post(
        url, {"photo": _upload("me.jpg", corpus.jpeg(), "image/jpeg")}, format="multipart"
    )
    response = run(auth_client.delete, url)
    assert response.status_code == 204
    assert _files_under(photos_dir) == []
    detail = auth_client.get(reverse("character-detail", args=[character.pk])).json()
    assert detail["has_photo"] is False


def test_generate_from_photo_without_a_photo_is_400(
    auth_client: APIClient, character: Character
) -> None:
    response = auth_client.post(
        reverse("character-generate-from-photo", args=[character.pk]), {}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "photo_missing"
    assert not CharacterImageJob.objects.exists()


def test_generate_from_photo_draws_a_sheet_and_keeps_the_characters_fields(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    provider: ScriptedProvider,
    photos_dir: Path,
) -> None:
    auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.jpg", corpus.jpeg(), "image/jpeg")},
        format="multipart",
    )
    response = run(
        auth_client.post,
        reverse("character-generate-from-photo", args=[character.pk]),
        {},
        format="json",
        headers={"Prefer": "respond-async"},
    )
    assert response.status_code == 202
    job = response.json()
    assert job["kind"] == "photo"
    done = auth_client.get(job["status_url"]).json()
    assert done["status"] == "done"
    assert done["image"]["source"] == "photo"
    assert done["image"]["is_current"] is True
    character.refresh_from_db()
    # Omitted overrides leave the character as it was (the reference nulled them).
    assert character.description == "a brave girl of nine with curly red hair"
    assert character.image_style == "Watercolor"
    assert character.current_image_id == done["image"]["id"]


def test_a_photo_gone_before_the_drawing_fails_the_job_with_400(
    auth_client: APIClient,
    character: Character,
    photos_dir: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.jpg", corpus.jpeg(), "image/jpeg")},
        format="multipart",
    )
    with django_capture_on_commit_callbacks() as callbacks:
        job = auth_client.post(
            reverse("character-generate-from-photo", args=[character.pk]),
            {},
            format="json",
            headers={"Prefer": "respond-async"},
        ).json()
    photos.photo_path(owner_id=character.owner_id, character_id=character.pk).unlink()
    for callback in callbacks:
        callback()
    failed = auth_client.get(job["status_url"]).json()
    assert failed["status"] == "failed"
    assert (failed["error_code"], failed["error_status"]) == ("photo_missing", 400)


def test_generate_from_photo_needs_a_description(
    auth_client: APIClient, user: User, photos_dir: Path
) -> None:
    character = CharacterFactory(owner=user, description="")
    auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.jpg", corpus.jpeg(), "image/jpeg")},
        format="multipart",
    )
    url = reverse("character-generate-from-photo", args=[character.pk])
    response = auth_client.post(url, {"description": "  "}, format="json")
    assert response.status_code == 400
    assert "description" in response.json()["errors"]
    accepted = auth_client.post(
        url, {"description": "a tall knight"}, format="json", headers={"Prefer": "respond-async"}
    )
    assert accepted.status_code == 202
    character.refresh_from_db()
    assert character.description == ""


# --- duplicate ---------------------------------------------------------------------------------


def test_duplicate_makes_real_copies_with_their_own_sheet_files(
    auth_client: APIClient,
    run: Callable[..., Any],
    character: Character,
    photos_dir: Path,
) -> None:
    _regenerate(auth_client, run, character, image_style="Cartoon")
    _regenerate(auth_client, run, character)
    original = CharacterImage.objects.filter(character=character).first()
    assert original is not None
    assert original.pk == Character.objects.get(pk=character.pk).current_image_id
    auth_client.post(
        reverse("character-photo", args=[character.pk]),
        {"photo": _upload("me.jpg", corpus.jpeg(), "image/jpeg")},
        format="multipart",
    )
    url = reverse("character-duplicate", args=[character.pk])

    first = auth_client.post(url)
    second = auth_client.post(url)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["name"] == "Mira (copy)"
    assert second.json()["name"] == "Mira (copy 2)"
    assert Character.objects.count() == 3
    copy = first.json()
    assert copy["id"] != character.pk
    assert copy["description"] == character.description
    assert copy["current_image"]["source"] == "copy"
    assert copy["current_image"]["image_style"] == original.image_style
    assert copy["has_photo"] is True
    versions = auth_client.get(reverse("character-images", args=[copy["id"]])).json()
    assert [v["image_style"] for v in versions] == ["Watercolor", "Cartoon"]
    photo_of = {
        c: photos.photo_path(owner_id=character.owner_id, character_id=c).read_bytes()
        for c in (character.pk, copy["id"])
    }
    assert photo_of[character.pk] == photo_of[copy["id"]]
    copied = CharacterImage.objects.get(pk=copy["current_image"]["id"])
    assert copied.character_id == copy["id"]
    for field in ("image", "display", "thumbnail"):
        ours, theirs = getattr(original, field).name, getattr(copied, field).name
        assert Path(ours).name != Path(theirs).name
        assert media_path(ours).read_bytes() == media_path(theirs).read_bytes()
    # The copy is its own character: changing it leaves the original alone.
    auth_client.put(
        reverse("character-detail", args=[copy["id"]]), {"description": "older"}, format="json"
    )
    character.refresh_from_db()
    assert character.description == "a brave girl of nine with curly red hair"


def test_duplicating_a_long_name_keeps_the_copy_within_the_limit(
    auth_client: APIClient, user: User
) -> None:
    character = CharacterFactory(owner=user, name="x" * 100)
    body = auth_client.post(reverse("character-duplicate", args=[character.pk])).json()
    assert body["name"].endswith(" (copy)")
    assert len(body["name"]) <= 100


# --- schema ----------------------------------------------------------------------------------


def test_schema_documents_every_character_endpoint_without_warnings(tmp_path: Path) -> None:
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in (
        "/api/v1/characters/:",
        "/api/v1/characters/{character_id}:",
        "/api/v1/characters/{character_id}/regenerate-image:",
        "/api/v1/characters/{character_id}/generate-from-photo:",
        "/api/v1/characters/{character_id}/images:",
        "/api/v1/characters/{character_id}/images/{image_id}/make-current:",
        "/api/v1/characters/{character_id}/images/{image_id}/file:",
        "/api/v1/characters/{character_id}/photo:",
        "/api/v1/characters/{character_id}/duplicate:",
        "/api/v1/characters/image-jobs/{job_id}:",
    ):
        assert f"\n  {path}\n" in schema, path


def test_a_page_number_past_its_bound_is_400(auth_client: APIClient) -> None:
    response = auth_client.get(reverse("character-list"), {"page": 2**62})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "page": ["Ensure this value is less than or equal to 1000000."]
    }


def test_the_last_page_number_answers_an_empty_page(auth_client: APIClient, user: User) -> None:
    CharacterFactory(owner=user)
    response = auth_client.get(reverse("character-list"), {"page": 1_000_000, "page_size": 100})
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["total"] == 1
