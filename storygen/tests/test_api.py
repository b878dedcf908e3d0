"""The OpenAPI schema documents the error answers every operation can give."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from stories.models import Story
from stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}
WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_setup: None, django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _signed_in(operation: dict[str, Any]) -> bool:
    return {} not in operation.get("security", [{}])


def test_every_error_answer_is_the_error_body(schema: dict[str, Any]) -> None:
    checked = 0
    for method, path, operation in _operations(schema):
        for status, response in operation["responses"].items():
            if not status.startswith("4") or status == "414":
                continue
            content = response["content"]["application/json"]["schema"]
            assert content == {"$ref": "#/components/schemas/Error"}, (method, path, status)
            checked += 1
    assert checked > 300


def test_the_error_body_names_fields_with_lists_of_messages(schema: dict[str, Any]) -> None:
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["code", "detail"]
    assert error["properties"]["errors"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }


def test_each_operation_documents_the_errors_it_can_get(schema: dict[str, Any]) -> None:
    for method, path, operation in _operations(schema):
        statuses = set(operation["responses"])
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        body = "requestBody" in operation
        expected = {"414"}
        if body or "query" in places:
            expected.add("400")
        if _signed_in(operation):
            expected |= {"401", "403"}
        if "path" in places:
            expected.add("404")
        if body:
            expected |= {"413", "415"}
        if method in WRITES:
            expected.add("429")
            if _signed_in(operation):
                expected.add("412")
        assert expected <= statuses, (method, path, sorted(expected - statuses))


def test_anonymous_operations_do_not_claim_sign_in_errors(schema: dict[str, Any]) -> None:
    register = schema["paths"]["/api/v1/users/"]["post"]
    assert not _signed_in(register)
    assert {"401", "403", "412"}.isdisjoint(register["responses"])


def test_the_too_long_address_is_the_web_servers_answer_without_a_body(
    schema: dict[str, Any],
) -> None:
    for _, _, operation in _operations(schema):
        assert operation["responses"]["414"] == {"description": "The address is too long."}


def test_a_users_email_may_be_empty(schema: dict[str, Any]) -> None:
    email = schema["components"]["schemas"]["UserOutput"]["properties"]["email"]
    assert {"type": "string", "maxLength": 0} in email["oneOf"]


def test_optional_query_parameters_are_documented_as_possibly_empty(
    schema: dict[str, Any],
) -> None:
    optional = [
        parameter
        for _, _, operation in _operations(schema)
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and not parameter.get("required")
    ]
    assert optional
    assert all(parameter.get("allowEmptyValue") is True for parameter in optional)
    required = [
        parameter
        for _, _, operation in _operations(schema)
        for parameter in operation.get("parameters", [])
        if parameter["in"] != "query" or parameter.get("required")
    ]
    assert not any("allowEmptyValue" in parameter for parameter in required)


def test_an_optional_query_parameter_sent_empty_is_one_not_sent(
    auth_client: Any, user: Any
) -> None:
    story = StoryFactory(owner=user)
    url = reverse("story-list")
    plain = auth_client.get(url)
    empty = auth_client.get(url, {"skip": "", "limit": "", "include_drafts": ""})
    assert (plain.status_code, empty.status_code) == (200, 200)
    assert [item["id"] for item in empty.json()] == [item["id"] for item in plain.json()]
    assert [item["id"] for item in plain.json()] == [story.pk]


def test_a_number_or_a_boolean_where_the_schema_says_text_is_refused(
    auth_client: Any, user: Any
) -> None:
    story = StoryFactory(owner=user, title="The Lantern Keeper")
    for value in (5, 2.5, True):
        title = auth_client.put(
            reverse("story-title", args=[story.pk]), {"title": value}, format="json"
        )
        character = auth_client.post(
            reverse("character-list"), {"name": value, "description": "a fox"}, format="json"
        )
        for response, field in ((title, "title"), (character, "name")):
            assert response.status_code == 400, (value, field)
            assert response.json()["errors"] == {field: ["Not a valid string."]}
    assert Story.objects.get(pk=story.pk).title == "The Lantern Keeper"


def _request_strings(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every string property of a request body component, by name, with its alternatives."""
    found = []
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("Request"):
            continue
        for prop, value in component.get("properties", {}).items():
            for option in value.get("oneOf", [value]):
                if option.get("type") == "string" and option.get("maxLength") != 0:
                    found.append((f"{name}.{prop}", option))
    return found


def test_every_text_a_request_sends_is_documented_without_the_nul_character(
    schema: dict[str, Any], auth_client: Any, user: Any
) -> None:
    strings = _request_strings(schema)
    assert len(strings) > 30
    for name, option in strings:
        if "enum" in option or "format" in option:
            continue
        assert "pattern" in option, name
        assert not re.fullmatch(option["pattern"], "a\x00b"), name
    story = StoryFactory(owner=user)
    response = auth_client.put(
        reverse("story-title", args=[story.pk]), {"title": "a\x00b"}, format="json"
    )
    assert response.status_code == 400


def test_text_of_spaces_alone_is_documented_as_refused_where_it_is(
    schema: dict[str, Any], auth_client: Any, user: Any
) -> None:
    title = schema["components"]["schemas"]["StoryTitleInputRequest"]["properties"]["title"]
    assert not re.fullmatch(title["pattern"], "   ")
    assert re.fullmatch(title["pattern"], " The Whale Road ")
    story = StoryFactory(owner=user)
    response = auth_client.put(
        reverse("story-title", args=[story.pk]), {"title": "   "}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"title": ["Give the story a title."]}


def test_a_patch_body_documents_the_fields_it_requires(schema: dict[str, Any]) -> None:
    hide = schema["paths"]["/api/v1/admin/moderation/stories/{story_id}/hide"]["patch"]
    assert hide["requestBody"]["required"] is True
    body = hide["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert schema["components"]["schemas"][body]["required"] == ["is_hidden"]


def test_a_list_of_objects_documents_its_bounds(schema: dict[str, Any], settings: Any) -> None:
    editor = schema["components"]["schemas"]["StoryEditorUpdateInputRequest"]
    assert editor["properties"]["pages"]["maxItems"] == settings.MAX_STORY_PAGES + 1
