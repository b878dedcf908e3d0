"""JSON from requests: too deep a nesting is a 400 before anything decodes it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from storygen.parsers import (
    MAX_JSON_DEPTH,
    DepthCheckedJSONDecoder,
    JSONTooDeep,
    json_depth_check,
)


def _nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


def _objects(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize(
    "text",
    [
        _nested(MAX_JSON_DEPTH),
        _objects(MAX_JSON_DEPTH),
        # Brackets inside strings are text, not nesting.
        json.dumps(["[" * 5000, "{" * 5000]),
        json.dumps({"[[[[": "]]]]", 'quote " and [[[': "\\[[[["}),
        # Many brackets, none deep.
        json.dumps([[1]] * 10_000),
        "",
        "[1, 2",
    ],
)
def test_nesting_up_to_the_limit_passes(text: str) -> None:
    json_depth_check(text)


@pytest.mark.parametrize(
    "text",
    [
        _nested(MAX_JSON_DEPTH + 1),
        _objects(MAX_JSON_DEPTH + 1),
        _nested(100_000),
        # Deep after a string with escaped quotes and brackets in it.
        json.dumps(['a "quoted" [[[ string']) + _nested(MAX_JSON_DEPTH + 1),
        # An unterminated string hides nothing that came before it.
        _nested(MAX_JSON_DEPTH + 1)[: MAX_JSON_DEPTH + 1] + '"never closed',
    ],
)
def test_nesting_past_the_limit_is_refused(text: str) -> None:
    with pytest.raises(JSONTooDeep):
        json_depth_check(text)


def test_a_string_that_never_ends_hides_no_brackets_after_it() -> None:
    # The decoder stops at the open string, before reaching the brackets behind it.
    json_depth_check('["' + _nested(10_000))


def test_the_decoder_refuses_deep_text_as_invalid_json() -> None:
    with pytest.raises(json.JSONDecodeError):
        json.loads(_nested(MAX_JSON_DEPTH + 1), cls=DepthCheckedJSONDecoder)
    assert json.loads('{"a": [1]}', cls=DepthCheckedJSONDecoder) == {"a": [1]}


# --- through the API ----------------------------------------------------------------------

DEEP = '{"title": ' + _nested(3000) + "}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "signed_in"),
    [("story-list", True), ("character-list", True), ("token-obtain", False)],
)
def test_deeply_nested_json_is_a_400_not_a_crash(
    url: str, signed_in: bool, auth_client: APIClient, api_client: APIClient
) -> None:
    client = auth_client if signed_in else api_client
    response = client.post(reverse(url), DEEP, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "parse_error"
    assert f"deeper than {MAX_JSON_DEPTH} levels" in body["detail"]


@pytest.mark.django_db
def test_json_at_the_limit_still_reaches_validation(auth_client: APIClient) -> None:
    body: Any = 1
    for _ in range(MAX_JSON_DEPTH - 1):
        body = [body]
    response = auth_client.post(
        reverse("story-list"), json.dumps({"title": body}), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.django_db
def test_bodies_are_json_except_where_a_form_is_the_contract(
    auth_client: APIClient, api_client: APIClient
) -> None:
    form = auth_client.post(reverse("story-list"), {"title": "x"}, format="multipart")
    assert form.status_code == 415
    assert form.json()["code"] == "unsupported_media_type"
    sign_in = api_client.post(
        reverse("token-obtain"),
        "username=nobody&password=wrong",
        content_type="application/x-www-form-urlencoded",
    )
    assert sign_in.status_code == 401
    refresh = api_client.post(
        reverse("token-refresh"),
        "refresh=not-a-token",
        content_type="application/x-www-form-urlencoded",
    )
    assert refresh.status_code == 401
