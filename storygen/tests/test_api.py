"""The OpenAPI schema documents the error answers every operation can give."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

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
