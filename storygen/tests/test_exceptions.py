"""API errors: every failure a client can cause is a 4xx in the documented body."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.core.exceptions import BadRequest, SuspiciousFileOperation
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient, APIRequestFactory

from stories.models import Story
from storygen.exceptions import InvalidInput, api_exception_handler, field_errors

pytestmark = pytest.mark.django_db

LIMIT = 2_621_440  # DATA_UPLOAD_MAX_MEMORY_SIZE


class _Unreadable:
    """A request body that fails the test if the app reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def test_a_json_body_over_the_limit_is_413_and_creates_nothing(
    auth_client: APIClient, caplog: pytest.LogCaptureFixture
) -> None:
    body = json.dumps({"title": "x", "story_outline": "y" * LIMIT})
    with caplog.at_level(logging.WARNING, logger="django.security"):
        response = auth_client.post(reverse("story-list"), body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request body is too large (at most 2.5 MB).",
        "code": "too_large",
    }
    assert not Story.objects.exists()
    # Where Django logs it for the pages, so security alerts see API requests too.
    (record,) = (r for r in caplog.records if r.name.startswith("django.security"))
    assert (record.name, record.levelname) == ("django.security.RequestDataTooBig", "WARNING")
    assert record.status_code == 413


def test_the_size_is_judged_by_content_length_before_reading(auth_client: APIClient) -> None:
    response = auth_client.post(
        reverse("story-list"),
        content_type="application/json",
        CONTENT_LENGTH=str(LIMIT + 1),
        **{"wsgi.input": _Unreadable()},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_sign_in_form_over_the_limit_is_413(api_client: APIClient) -> None:
    response = api_client.post(
        reverse("token-obtain"),
        f"username=a&password={'x' * LIMIT}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_form_with_too_many_fields_is_413(api_client: APIClient) -> None:
    fields = "&".join(f"f{n}=1" for n in range(1001))
    response = api_client.post(
        reverse("token-obtain"), fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request has too many fields (at most 1000).",
        "code": "too_large",
    }


# --- the errors of invalid input ------------------------------------------------------------


def test_nested_problems_are_named_by_their_path(auth_client: APIClient) -> None:
    response = auth_client.post(
        reverse("story-list"),
        {
            "genre": "Fantasy",
            "story_outline": "A fox.",
            "num_pages": 2,
            "main_characters": [{"name": "Rusty"}, {"name": "x" * 101, "age": -1}],
            "character_ids": [1, 0],
            "editor_settings": {"font_size": 200},
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {
        "main_characters.1.name",
        "main_characters.1.age",
        "character_ids.1",
        "editor_settings.font_size",
    }
    assert all(isinstance(messages, list) and messages for messages in errors.values())
    assert all(isinstance(message, str) for messages in errors.values() for message in messages)


def test_a_problem_of_the_whole_request_is_under_non_field_errors(
    auth_client: APIClient,
) -> None:
    response = auth_client.post(reverse("story-list"), [], format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }
    assert body["detail"] == "Invalid data. Expected a dictionary, but got list."


def test_a_nested_objects_own_problem_goes_under_its_name() -> None:
    detail = serializers.ValidationError(
        {
            "editor_settings": {"non_field_errors": ["Pick one."]},
            "pages": [{}, {"text": ["Too long."]}],
            "tags": {"0": ["Bad."]},
            "title": "Missing.",
        }
    ).detail
    assert field_errors(detail) == {
        "editor_settings": ["Pick one."],
        "pages.1.text": ["Too long."],
        "tags.0": ["Bad."],
        "title": ["Missing."],
    }


def test_a_suspicious_request_in_an_api_view_is_logged_as_django_does_then_400(
    caplog: pytest.LogCaptureFixture,
) -> None:
    request = APIRequestFactory().get("/api/v1/stories/")
    with caplog.at_level(logging.WARNING, logger="django.security"):
        response = api_exception_handler(
            SuspiciousFileOperation("Detected path traversal attempt"), {"request": request}
        )
    assert response is not None
    assert response.status_code == 400
    assert response.data == {"detail": "Malformed request.", "code": "bad_request"}
    (record,) = (r for r in caplog.records if r.name.startswith("django.security"))
    assert record.name == "django.security.SuspiciousFileOperation"
    assert record.levelname == "WARNING"
    assert record.getMessage() == "Detected path traversal attempt"
    assert (record.status_code, record.request) == (400, request)


def test_djangos_bad_request_in_an_api_view_is_400_not_500() -> None:
    request = APIRequestFactory().get("/api/v1/stories/")
    response = api_exception_handler(
        BadRequest("a header Django cannot read"), {"request": request}
    )
    assert response is not None
    assert response.status_code == 400
    assert response.data == {"detail": "Malformed request.", "code": "bad_request"}


@pytest.mark.parametrize(
    ("errors", "detail"),
    [
        ({"title": ["Too long."], "genre": ["Unknown."]}, "title: Too long."),
        ({"non_field_errors": ["Pick one."]}, "Pick one."),
        ({"title": [], "genre": ["Unknown."]}, "genre: Unknown."),
    ],
)
def test_a_service_and_a_serializer_name_the_same_first_problem(
    auth_client: APIClient, errors: dict[str, list[str]], detail: str
) -> None:
    from rest_framework.exceptions import ValidationError

    request = APIRequestFactory().get("/api/v1/stories/")
    raised = InvalidInput(errors=errors)
    assert raised.message == detail
    for exc in (raised, ValidationError(errors)):
        response = api_exception_handler(exc, {"request": request})
        assert response is not None
        assert response.data["detail"] == detail, type(exc).__name__


def test_an_error_raised_with_its_own_detail_and_code_keeps_them_as_they_are() -> None:
    # SimpleJWT raises its errors with a dict: its detail and code beside extras.
    from rest_framework_simplejwt.exceptions import InvalidToken

    request = APIRequestFactory().get("/api/v1/users/me")
    exc = InvalidToken({"detail": "Given token not valid for any token type", "messages": []})
    response = api_exception_handler(exc, {"request": request})
    assert response is not None
    assert response.status_code == 401
    assert response.data == {
        "detail": "Given token not valid for any token type",
        "code": "token_not_valid",
    }
