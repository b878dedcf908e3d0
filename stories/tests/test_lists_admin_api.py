"""The option-list admin API: roles, the reference contract, and in-use protection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import UserFactory
from characters.models import CharacterImage
from characters.tests.factories import CharacterFactory
from stories import selectors, services
from stories.models import DynamicList, DynamicListItem, Story
from stories.services.stories import STORY_LIST_FIELDS
from stories.tests.factories import PageFactory, StoryCharacterFactory, StoryFactory

pytestmark = pytest.mark.django_db

SEEDED_LISTS = [
    "font_families",
    "genders",
    "genres",
    "image_styles",
    "text_density",
    "text_positions",
    "word_to_picture_ratio",
    "writing_styles",
]


@pytest.fixture
def admin_client(client_for: Callable[[User], APIClient]) -> APIClient:
    return client_for(UserFactory(role=User.Role.ADMIN))


@pytest.fixture
def moods() -> DynamicList:
    """A list of the admin's own with two items (nothing stores their values)."""
    moods = services.dynamic_list_create(list_name="moods", list_label="Moods")
    services.dynamic_list_item_create(
        list_name="moods", item_value="calm", item_label="Calm", sort_order=2
    )
    services.dynamic_list_item_create(
        list_name="moods", item_value="bright", item_label="Bright", sort_order=1
    )
    return moods


def _item(list_name: str, value: str) -> DynamicListItem:
    return DynamicListItem.objects.get(dynamic_list_id=list_name, item_value=value)


def _active_values(client: APIClient, list_name: str) -> list[str]:
    response = client.get(reverse("dynamic-list-active-items", args=[list_name]))
    assert response.status_code == 200
    return [item["item_value"] for item in response.json()]


def _state() -> tuple[list[Any], list[Any]]:
    lists = list(DynamicList.objects.order_by("pk").values_list("pk", "list_label", "description"))
    items = list(
        DynamicListItem.objects.order_by("pk").values_list(
            "pk", "dynamic_list_id", "item_value", "item_label", "is_active", "sort_order"
        )
    )
    return lists, items


# --- who may call what ---------------------------------------------------------------------


def _calm(moods: DynamicList) -> dict[str, Any]:
    return {"item_id": _item("moods", "calm").pk}


ROUTES = [
    ("get", "admin-dynamic-lists", lambda m: {}, None, 200),
    ("post", "admin-dynamic-lists", lambda m: {}, {"list_name": "seasons"}, 201),
    ("get", "admin-dynamic-list", lambda m: {"list_name": "moods"}, None, 200),
    ("put", "admin-dynamic-list", lambda m: {"list_name": "moods"}, {"list_label": "Feel"}, 200),
    ("delete", "admin-dynamic-list", lambda m: {"list_name": "moods"}, None, 204),
    ("get", "admin-dynamic-list-items", lambda m: {"list_name": "moods"}, None, 200),
    (
        "post",
        "admin-dynamic-list-items",
        lambda m: {"list_name": "moods"},
        {"list_name": "moods", "item_value": "sleepy", "item_label": "Sleepy"},
        201,
    ),
    ("get", "admin-dynamic-list-item", _calm, None, 200),
    ("put", "admin-dynamic-list-item", _calm, {"item_label": "Quiet"}, 200),
    ("delete", "admin-dynamic-list-item", _calm, None, 204),
    ("get", "admin-dynamic-list-item-in-use", _calm, None, 200),
]
ROUTE_IDS = [f"{method} {name}" for method, name, *_ in ROUTES]


@pytest.mark.parametrize(("method", "name", "kwargs", "body", "expected"), ROUTES, ids=ROUTE_IDS)
def test_anonymous_clients_get_401_and_change_nothing(
    api_client: APIClient,
    moods: DynamicList,
    method: str,
    name: str,
    kwargs: Any,
    body: Any,
    expected: int,
) -> None:
    before = _state()
    response = getattr(api_client, method)(reverse(name, kwargs=kwargs(moods)), body, format="json")
    assert response.status_code == 401
    assert _state() == before


@pytest.mark.parametrize(("method", "name", "kwargs", "body", "expected"), ROUTES, ids=ROUTE_IDS)
def test_users_who_are_not_administrators_get_403_and_change_nothing(
    auth_client: APIClient,
    moods: DynamicList,
    method: str,
    name: str,
    kwargs: Any,
    body: Any,
    expected: int,
) -> None:
    before = _state()
    response = getattr(auth_client, method)(
        reverse(name, kwargs=kwargs(moods)), body, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert _state() == before


@pytest.mark.parametrize(("method", "name", "kwargs", "body", "expected"), ROUTES, ids=ROUTE_IDS)
def test_administrators_are_served_with_and_without_the_trailing_slash(
    admin_client: APIClient,
    moods: DynamicList,
    method: str,
    name: str,
    kwargs: Any,
    body: Any,
    expected: int,
) -> None:
    url = reverse(name, kwargs=kwargs(moods))
    twin = url[:-1] if url.endswith("/") else f"{url}/"
    for path in (url, twin) if method == "get" else (twin,):
        response = getattr(admin_client, method)(path, body, format="json")
        assert response.status_code == expected, response.content


# --- lists ------------------------------------------------------------------------------------


def test_listing_shows_every_list_by_name_with_its_items_in_display_order(
    admin_client: APIClient, moods: DynamicList
) -> None:
    body = admin_client.get(reverse("admin-dynamic-lists")).json()
    assert [entry["list_name"] for entry in body] == sorted([*SEEDED_LISTS, "moods"])
    mine = next(entry for entry in body if entry["list_name"] == "moods")
    assert mine["list_label"] == "Moods"
    assert [item["item_value"] for item in mine["items"]] == ["bright", "calm"]
    assert set(mine["items"][0]) == {
        "id",
        "list_name",
        "item_value",
        "item_label",
        "is_active",
        "sort_order",
        "additional_config",
        "created_at",
        "updated_at",
    }
    genres = next(entry for entry in body if entry["list_name"] == "genres")
    assert genres["items"][0]["item_value"] == "Children's"


def test_listing_pages_with_skip_and_limit(admin_client: APIClient, moods: DynamicList) -> None:
    body = admin_client.get(reverse("admin-dynamic-lists"), {"skip": 2, "limit": 3}).json()
    assert [entry["list_name"] for entry in body] == sorted([*SEEDED_LISTS, "moods"])[2:5]


@pytest.mark.parametrize(
    "query",
    [
        {"skip": -1},
        {"skip": "x"},
        {"skip": 2**70},  # past the database's OFFSET: a 400, not a 500
        {"limit": 0},
        {"limit": 101},
        {"limit": "many"},
    ],
)
def test_listing_refuses_bad_paging_values_with_400(
    admin_client: APIClient, query: dict[str, Any]
) -> None:
    response = admin_client.get(reverse("admin-dynamic-lists"), query)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(query)


def test_listing_takes_the_same_number_of_queries_for_many_lists(admin_client: APIClient) -> None:
    url = reverse("admin-dynamic-lists")
    admin_client.get(url)  # the token's user lookup is warm from here on

    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    for n in range(12):
        services.dynamic_list_create(list_name=f"extra_{n:02}")
        for value in ("a", "b", "c"):
            services.dynamic_list_item_create(
                list_name=f"extra_{n:02}", item_value=value, item_label=value
            )
    with CaptureQueriesContext(connection) as many:
        body = admin_client.get(url).json()

    assert len(body) == len(SEEDED_LISTS) + 12
    assert len(many) == len(few)
    assert len(many) <= 4


def test_creating_a_list_returns_it_empty_with_201(admin_client: APIClient) -> None:
    response = admin_client.post(
        reverse("admin-dynamic-lists"),
        {"list_name": "seasons", "list_label": "Seasons", "description": "Time of year"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["list_name"] == "seasons"
    assert body["list_label"] == "Seasons"
    assert body["description"] == "Time of year"
    assert body["items"] == []
    assert DynamicList.objects.filter(pk="seasons").exists()


def test_creating_a_list_whose_name_is_taken_is_refused_with_400(
    admin_client: APIClient,
) -> None:
    label = DynamicList.objects.get(pk="genres").list_label
    items = DynamicListItem.objects.filter(dynamic_list_id="genres").count()
    response = admin_client.post(
        reverse("admin-dynamic-lists"), {"list_name": "genres", "list_label": "X"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Dynamic list 'genres' already exists"
    assert DynamicList.objects.get(pk="genres").list_label == label
    assert DynamicListItem.objects.filter(dynamic_list_id="genres").count() == items


@pytest.mark.parametrize("name", ["", "has/slash", "has space", "x" * 101])
def test_creating_a_list_with_an_unusable_name_is_refused_with_400(
    admin_client: APIClient, name: str
) -> None:
    response = admin_client.post(reverse("admin-dynamic-lists"), {"list_name": name}, format="json")
    assert response.status_code == 400
    assert "list_name" in response.json()["errors"]


def test_one_list_shows_its_items(admin_client: APIClient, moods: DynamicList) -> None:
    body = admin_client.get(reverse("admin-dynamic-list", args=["moods"])).json()
    assert body["list_name"] == "moods"
    assert [item["item_label"] for item in body["items"]] == ["Bright", "Calm"]


def test_an_unknown_list_is_404_with_the_reference_message(admin_client: APIClient) -> None:
    response = admin_client.get(reverse("admin-dynamic-list", args=["nope"]))
    assert response.status_code == 404
    assert response.json()["detail"] == "Dynamic list 'nope' not found"


def test_updating_a_list_changes_only_the_fields_sent(
    admin_client: APIClient, moods: DynamicList
) -> None:
    services.dynamic_list_update(list_name="moods", description="How a page feels")
    response = admin_client.put(
        reverse("admin-dynamic-list", args=["moods"]), {"list_label": "Feelings"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["list_label"] == "Feelings"
    moods.refresh_from_db()
    assert (moods.list_label, moods.description) == ("Feelings", "How a page feels")

    admin_client.put(
        reverse("admin-dynamic-list", args=["moods"]), {"description": None}, format="json"
    )
    moods.refresh_from_db()
    assert (moods.list_label, moods.description) == ("Feelings", "")


def test_updating_an_unknown_list_is_404(admin_client: APIClient) -> None:
    response = admin_client.put(
        reverse("admin-dynamic-list", args=["nope"]), {"list_label": "X"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Dynamic list 'nope' not found, cannot update."
    assert not DynamicList.objects.filter(pk="nope").exists()


def test_deleting_an_unused_list_removes_it_and_its_items(
    admin_client: APIClient, moods: DynamicList
) -> None:
    response = admin_client.delete(reverse("admin-dynamic-list", args=["moods"]))
    assert response.status_code == 204
    assert not DynamicList.objects.filter(pk="moods").exists()
    assert not DynamicListItem.objects.filter(dynamic_list_id="moods").exists()


def test_deleting_an_unknown_list_is_404(admin_client: APIClient) -> None:
    response = admin_client.delete(reverse("admin-dynamic-list", args=["nope"]))
    assert response.status_code == 404
    assert response.json()["detail"] == "Dynamic list 'nope' not found"


def test_deleting_a_list_with_an_item_in_use_is_409_naming_the_first_one_in_order(
    admin_client: APIClient,
) -> None:
    StoryFactory(text_density="Detailed (~100-150 words)")
    StoryFactory(text_density="Standard (~60-90 words)")
    standard = _item("text_density", "Standard (~60-90 words)")
    response = admin_client.delete(reverse("admin-dynamic-list", args=["text_density"]))
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Cannot delete list 'text_density'. Item 'Standard (~60-90 words)' "
        f"(ID: {standard.pk}) is currently in use."
    )
    assert DynamicListItem.objects.filter(dynamic_list_id="text_density").count() == 3


# --- items ------------------------------------------------------------------------------------


def test_adding_an_item_takes_the_list_from_the_path_and_fills_in_defaults(
    admin_client: APIClient, moods: DynamicList
) -> None:
    response = admin_client.post(
        reverse("admin-dynamic-list-items", args=["moods"]),
        {"list_name": "genres", "item_value": "sleepy", "item_label": "Sleepy"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["list_name"] == "moods"
    assert (body["is_active"], body["sort_order"], body["additional_config"]) == (True, 0, None)
    assert _item("moods", "sleepy").item_label == "Sleepy"
    assert not DynamicListItem.objects.filter(dynamic_list_id="genres", item_value="sleepy")


def test_adding_an_item_keeps_its_additional_config(
    admin_client: APIClient, moods: DynamicList
) -> None:
    config = {"prompt_modifier": "soft light", "is_default": False}
    response = admin_client.post(
        reverse("admin-dynamic-list-items", args=["moods"]),
        {"item_value": "dreamy", "item_label": "Dreamy", "additional_config": config},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["additional_config"] == config
    assert _item("moods", "dreamy").additional_config == config


@pytest.mark.parametrize("config", [[1, 2], "soft light", 3, True])
def test_additional_config_that_is_not_a_json_object_is_refused_with_400(
    admin_client: APIClient, moods: DynamicList, config: Any
) -> None:
    response = admin_client.post(
        reverse("admin-dynamic-list-items", args=["moods"]),
        {"item_value": "dreamy", "item_label": "Dreamy", "additional_config": config},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["additional_config"] == ["Must be a JSON object."]
    assert not DynamicListItem.objects.filter(item_value="dreamy").exists()

    calm = _item("moods", "calm")
    response = admin_client.put(
        reverse("admin-dynamic-list-item", args=[calm.pk]),
        {"additional_config": config},
        format="json",
    )
    assert response.status_code == 400
    calm.refresh_from_db()
    assert calm.additional_config is None


def test_adding_an_item_to_an_unknown_list_is_404(admin_client: APIClient) -> None:
    response = admin_client.post(
        reverse("admin-dynamic-list-items", args=["nope"]),
        {"item_value": "x", "item_label": "X"},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Dynamic list 'nope' not found, cannot add item."


def test_adding_a_value_the_list_already_has_is_refused_with_400(
    admin_client: APIClient,
) -> None:
    response = admin_client.post(
        reverse("admin-dynamic-list-items", args=["genres"]),
        {"item_value": "Mystery", "item_label": "Another mystery"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Item with value 'Mystery' already exists in list 'genres'."
    assert (
        DynamicListItem.objects.filter(dynamic_list_id="genres", item_value="Mystery").count() == 1
    )


def test_the_same_value_may_be_in_two_lists(admin_client: APIClient, moods: DynamicList) -> None:
    response = admin_client.post(
        reverse("admin-dynamic-list-items", args=["moods"]),
        {"item_value": "Drama", "item_label": "Drama"},
        format="json",
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"item_label": "No value"},
        {"item_value": "novalue"},
        {"item_value": "", "item_label": "Blank"},
        {"item_value": "x", "item_label": "X", "sort_order": "first"},
        {"item_value": "x", "item_label": "X", "sort_order": 2**31},
    ],
)
def test_adding_an_item_with_missing_or_bad_fields_is_refused_with_400(
    admin_client: APIClient, moods: DynamicList, body: dict[str, Any]
) -> None:
    response = admin_client.post(
        reverse("admin-dynamic-list-items", args=["moods"]), body, format="json"
    )
    assert response.status_code == 400
    assert DynamicListItem.objects.filter(dynamic_list_id="moods").count() == 2


def test_items_are_listed_by_sort_order_then_label_and_can_be_limited_to_active_ones(
    admin_client: APIClient, moods: DynamicList
) -> None:
    services.dynamic_list_item_create(
        list_name="moods", item_value="angry", item_label="Angry", sort_order=2, is_active=False
    )
    url = reverse("admin-dynamic-list-items", args=["moods"])
    every = admin_client.get(url).json()
    assert [item["item_value"] for item in every] == ["bright", "angry", "calm"]
    active = admin_client.get(url, {"only_active": "true"}).json()
    assert [item["item_value"] for item in active] == ["bright", "calm"]
    page = admin_client.get(url, {"skip": 1, "limit": 1}).json()
    assert [item["item_value"] for item in page] == ["angry"]


@pytest.mark.parametrize(
    "query", [{"only_active": "perhaps"}, {"limit": 0}, {"skip": -2}, {"skip": 2**70}]
)
def test_listing_items_refuses_bad_query_values_with_400(
    admin_client: APIClient, moods: DynamicList, query: dict[str, Any]
) -> None:
    response = admin_client.get(reverse("admin-dynamic-list-items", args=["moods"]), query)
    assert response.status_code == 400


def test_listing_items_of_an_unknown_list_is_404(admin_client: APIClient) -> None:
    response = admin_client.get(reverse("admin-dynamic-list-items", args=["nope"]))
    assert response.status_code == 404
    assert response.json()["detail"] == "Dynamic list 'nope' not found."


def test_one_item_is_shown_by_id(admin_client: APIClient, moods: DynamicList) -> None:
    calm = _item("moods", "calm")
    body = admin_client.get(reverse("admin-dynamic-list-item", args=[calm.pk])).json()
    assert (body["id"], body["list_name"], body["item_label"]) == (calm.pk, "moods", "Calm")


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "admin-dynamic-list-item"),
        ("put", "admin-dynamic-list-item"),
        ("delete", "admin-dynamic-list-item"),
        ("get", "admin-dynamic-list-item-in-use"),
    ],
)
def test_an_unknown_item_is_404_with_the_reference_message(
    admin_client: APIClient, method: str, name: str
) -> None:
    response = getattr(admin_client, method)(
        reverse(name, args=[999999]), {"item_label": "X"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Dynamic list item with ID 999999 not found"


def test_updating_an_item_changes_only_the_fields_sent(
    admin_client: APIClient, moods: DynamicList
) -> None:
    calm = _item("moods", "calm")
    services.dynamic_list_item_update(item_id=calm.pk, additional_config={"tone": "soft"})
    url = reverse("admin-dynamic-list-item", args=[calm.pk])

    response = admin_client.put(url, {"item_label": "Serene", "sort_order": 7}, format="json")
    assert response.status_code == 200
    calm.refresh_from_db()
    assert (calm.item_value, calm.item_label, calm.sort_order) == ("calm", "Serene", 7)
    assert calm.is_active
    assert calm.additional_config == {"tone": "soft"}

    admin_client.put(url, {"additional_config": None, "item_value": "serene"}, format="json")
    calm.refresh_from_db()
    assert (calm.item_value, calm.additional_config) == ("serene", None)


def test_updating_an_item_to_another_items_value_is_refused_with_400(
    admin_client: APIClient, moods: DynamicList
) -> None:
    calm = _item("moods", "calm")
    url = reverse("admin-dynamic-list-item", args=[calm.pk])
    response = admin_client.put(url, {"item_value": "bright"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Another item with value 'bright' already exists in list 'moods'."
    )
    calm.refresh_from_db()
    assert calm.item_value == "calm"

    assert admin_client.put(url, {"item_value": "calm"}, format="json").status_code == 200


def test_changing_the_value_of_an_item_in_use_is_refused_with_409(
    admin_client: APIClient,
) -> None:
    StoryFactory(genre="Mystery")
    mystery = _item("genres", "Mystery")
    response = admin_client.put(
        reverse("admin-dynamic-list-item", args=[mystery.pk]),
        {"item_value": "Puzzle", "item_label": "Puzzle"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "item_in_use"
    mystery.refresh_from_db()
    assert (mystery.item_value, mystery.item_label) == ("Mystery", "Mystery")


def test_deleting_an_unused_item_removes_it(admin_client: APIClient, moods: DynamicList) -> None:
    calm = _item("moods", "calm")
    response = admin_client.delete(reverse("admin-dynamic-list-item", args=[calm.pk]))
    assert response.status_code == 204
    assert not DynamicListItem.objects.filter(pk=calm.pk).exists()


def test_an_unused_item_is_reported_as_not_in_use(
    admin_client: APIClient, moods: DynamicList
) -> None:
    StoryFactory(genre="Drama")  # another list's value with the same text is no use of it
    services.dynamic_list_item_create(list_name="moods", item_value="Drama", item_label="Drama")
    item = _item("moods", "Drama")
    body = admin_client.get(reverse("admin-dynamic-list-item-in-use", args=[item.pk])).json()
    assert body == {"is_in_use": False, "details": []}


# --- in use, for every kind of list -----------------------------------------------------------


def _story_in(field: str, value: str) -> Callable[[], str]:
    def make() -> str:
        story = StoryFactory(
            **{field: value}, status=Story.Status.DRAFT, is_hidden=True, is_deleted=True
        )
        return story.title

    return make


def _untitled_story(field: str, value: str) -> Callable[[], str]:
    def make() -> str:
        story = StoryFactory(**{field: value}, title="")
        return f"ID {story.pk}"

    return make


def _page_in(field: str, value: str) -> Callable[[], str]:
    def make() -> str:
        page = PageFactory(**{field: value}, number=2)
        return f"{page.story.title} page 2"

    return make


def _character_in(field: str, value: str) -> Callable[[], str]:
    def make() -> str:
        return CharacterFactory(**{field: value}).name

    return make


def _character_picture(value: str) -> Callable[[], str]:
    def make() -> str:
        character = CharacterFactory(image_style="")
        picture = CharacterImage.objects.create(
            character=character, image="characters/x.png", image_style=value
        )
        return f"{character.name} picture {picture.pk}"

    return make


def _cast_member(value: str) -> Callable[[], str]:
    def make() -> str:
        member = StoryCharacterFactory(gender=value)
        return f"{member.name} in {member.story.title}"

    return make


IN_USE_CASES = [
    ("genres", "Mystery", "Genre in Stories", _story_in("genre", "Mystery")),
    ("genres", "Comedy", "Genre in Stories", _untitled_story("genre", "Comedy")),
    ("image_styles", "Anime", "Image Style in Stories", _story_in("image_style", "Anime")),
    ("image_styles", "Noir", "Image Style in Characters", _character_in("image_style", "Noir")),
    (
        "image_styles",
        "Pixel Art",
        "Image Style in Character Pictures",
        _character_picture("Pixel Art"),
    ),
    (
        "writing_styles",
        "Lyrical",
        "Writing Style in Stories",
        _story_in("writing_style", "Lyrical"),
    ),
    (
        "word_to_picture_ratio",
        "One image per paragraph",
        "Word to Picture Ratio in Stories",
        _story_in("word_to_picture_ratio", "One image per paragraph"),
    ),
    (
        "text_density",
        "Detailed (~100-150 words)",
        "Text Density in Stories",
        _story_in("text_density", "Detailed (~100-150 words)"),
    ),
    ("font_families", "classic", "Font Family in Stories", _story_in("font_family", "classic")),
    ("font_families", "modern", "Font Family in Story Pages", _page_in("font_family", "modern")),
    (
        "text_positions",
        "top-left",
        "Text Position in Stories",
        _story_in("text_position", "top-left"),
    ),
    (
        "text_positions",
        "middle-right",
        "Text Position in Story Pages",
        _page_in("text_position", "middle-right"),
    ),
    ("genders", "Non-binary", "Gender in Characters", _character_in("gender", "Non-binary")),
    ("genders", "Other", "Gender in Story Characters", _cast_member("Other")),
]


@pytest.mark.parametrize(
    ("list_name", "value", "where", "make_use"),
    IN_USE_CASES,
    ids=[f"{case[0]}:{case[2]}" for case in IN_USE_CASES],
)
def test_an_item_in_use_cannot_be_deleted_but_can_be_deactivated(
    admin_client: APIClient,
    api_client: APIClient,
    list_name: str,
    value: str,
    where: str,
    make_use: Callable[[], str],
) -> None:
    if list_name == "writing_styles":  # seeded empty
        services.dynamic_list_item_create(list_name=list_name, item_value=value, item_label=value)
    item = _item(list_name, value)
    in_use_url = reverse("admin-dynamic-list-item-in-use", args=[item.pk])
    assert admin_client.get(in_use_url).json() == {"is_in_use": False, "details": []}

    name = make_use()

    assert admin_client.get(in_use_url).json() == {
        "is_in_use": True,
        "details": [f"{where}: {name}"],
    }
    response = admin_client.delete(reverse("admin-dynamic-list-item", args=[item.pk]))
    assert response.status_code == 409
    assert response.json()["detail"] == (
        f"Item '{item.item_label}' (ID: {item.pk}) is currently in use and cannot be deleted. "
        "Consider deactivating it instead."
    )
    assert DynamicListItem.objects.filter(pk=item.pk).exists()
    response = admin_client.delete(reverse("admin-dynamic-list", args=[list_name]))
    assert response.status_code == 409
    assert DynamicList.objects.filter(pk=list_name).exists()

    assert value in _active_values(api_client, list_name)
    response = admin_client.put(
        reverse("admin-dynamic-list-item", args=[item.pk]), {"is_active": False}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert value not in _active_values(api_client, list_name)


def test_the_in_use_details_name_a_few_and_count_the_rest(admin_client: APIClient) -> None:
    titles = [StoryFactory(genre="Mystery").title for _ in range(7)]
    mystery = _item("genres", "Mystery")
    body = admin_client.get(reverse("admin-dynamic-list-item-in-use", args=[mystery.pk])).json()
    assert body["details"] == [f"Genre in Stories: {', '.join(titles[:5])}, and 2 more"]


def test_every_story_field_checked_against_a_list_counts_as_a_use_of_that_list() -> None:
    for field, list_name in STORY_LIST_FIELDS.items():
        uses = selectors.LIST_VALUE_USES[list_name]
        assert any(use.model is Story and use.field == field for use in uses), field
    assert set(SEEDED_LISTS) <= set(selectors.LIST_VALUE_USES)


# --- deactivated values are refused for new stories -------------------------------------------


REFUSAL_CASES = [
    ("genres", "Mystery", {"genre": "Mystery"}, "genre"),
    ("image_styles", "Anime", {"image_style": "Anime"}, "image_style"),
    ("writing_styles", "Lyrical", {"writing_style": "Lyrical"}, "writing_style"),
    (
        "word_to_picture_ratio",
        "One image per paragraph",
        {"word_to_picture_ratio": "One image per paragraph"},
        "word_to_picture_ratio",
    ),
    (
        "text_density",
        "Detailed (~100-150 words)",
        {"text_density": "Detailed (~100-150 words)"},
        "text_density",
    ),
    ("font_families", "classic", {"editor_settings": {"font_family": "classic"}}, "font_family"),
]


@pytest.mark.parametrize(
    ("list_name", "value", "change", "field"), REFUSAL_CASES, ids=[c[0] for c in REFUSAL_CASES]
)
def test_a_deactivated_value_stays_on_stories_but_new_stories_cannot_choose_it(
    admin_client: APIClient,
    auth_client: APIClient,
    story_request: dict[str, Any],
    list_name: str,
    value: str,
    change: dict[str, Any],
    field: str,
) -> None:
    if list_name == "writing_styles":  # seeded empty; an empty list accepts anything
        for style in ("Lyrical", "Plain"):
            services.dynamic_list_item_create(
                list_name=list_name, item_value=style, item_label=style
            )
    story_request.update(change)
    first = auth_client.post(reverse("story-list"), story_request, format="json")
    assert first.status_code == 202, first.json()
    story = Story.objects.get(pk=first.json()["story_id"])
    item = _item(list_name, value)

    assert (
        admin_client.delete(reverse("admin-dynamic-list-item", args=[item.pk])).status_code == 409
    )
    response = admin_client.put(
        reverse("admin-dynamic-list-item", args=[item.pk]), {"is_active": False}, format="json"
    )
    assert response.status_code == 200

    story_request["title"] = "The Second Lantern"
    second = auth_client.post(reverse("story-list"), story_request, format="json")
    assert second.status_code == 400
    assert second.json()["errors"] == {field: [second.json()["errors"][field][0]]}
    assert f"'{value}' is not one of the available" in second.json()["errors"][field][0]
    assert not Story.objects.filter(title="The Second Lantern").exists()
    story.refresh_from_db()
    assert getattr(story, field) == value


# --- schema -----------------------------------------------------------------------------------


def test_the_schema_documents_the_admin_list_routes_without_warnings(tmp_path: Any) -> None:
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in (
        "/api/v1/admin/dynamic-lists/:",
        "/api/v1/admin/dynamic-lists/{list_name}:",
        "/api/v1/admin/dynamic-lists/{list_name}/items:",
        "/api/v1/admin/dynamic-lists/items/{item_id}:",
        "/api/v1/admin/dynamic-lists/items/{item_id}/in-use:",
    ):
        assert path in schema
