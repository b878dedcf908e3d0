"""The client's preferences (RFC 7240 Prefer, ``?async=``) and the answers they choose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import RequestFactory
from rest_framework.response import Response

from storygen.exceptions import InvalidInput
from storygen.prefer import (
    ClientPreferences,
    JobFailed,
    client_preferences,
    job_response,
    prefer_parse,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", {}),
        ("respond-async", {"respond-async": ""}),
        ("RESPOND-ASYNC", {"respond-async": ""}),
        ("respond-async, wait=10", {"respond-async": "", "wait": "10"}),
        ("wait=10,respond-async", {"respond-async": "", "wait": "10"}),
        (" return=minimal ;  x=1 , Respond-Async ; y", {"return": "minimal", "respond-async": ""}),
        ('wait="7", respond-async', {"wait": "7", "respond-async": ""}),
        ("wait = 5", {"wait": "5"}),
        ("wait=5, wait=9", {"wait": "5"}),  # the first of a preference named twice counts
        ('foo="a, b; respond-async", bar', {"foo": "a, b; respond-async", "bar": ""}),
        ('foo="say \\"hi\\""', {"foo": 'say "hi"'}),
        (",, ; , =1, @@@, respond-async", {"respond-async": ""}),
    ],
)
def test_prefer_headers_are_read_as_rfc_7240_says(header: str, expected: dict[str, str]) -> None:
    assert prefer_parse(header) == expected


def _request(prefer: str | None = None, query: str = "") -> Any:
    headers = {"HTTP_PREFER": prefer} if prefer is not None else {}
    return RequestFactory().post(f"/anything{query}", **headers)


@pytest.mark.parametrize(
    ("prefer", "query", "expected"),
    [
        (None, "", ClientPreferences()),
        ("respond-async", "", ClientPreferences(respond_async=True)),
        ("respond-async, wait=5", "", ClientPreferences(respond_async=True, wait=5)),
        ("wait=0", "", ClientPreferences(wait=0)),
        ("wait=soon", "", ClientPreferences()),
        ("wait=-3", "", ClientPreferences()),
        ("wait=\u0663", "", ClientPreferences()),  # an Arabic-Indic three is not a number here
        ("wait=" + "9" * 5000, "", ClientPreferences(wait=10**9)),  # never converted whole
        (None, "?async=true", ClientPreferences(respond_async=True)),
        (None, "?async=1", ClientPreferences(respond_async=True)),
        ("respond-async", "?async=false", ClientPreferences()),
        (None, "?async=No", ClientPreferences()),
        ("respond-async", "?async=", ClientPreferences(respond_async=True)),
    ],
)
def test_client_preferences_come_from_prefer_then_async(
    prefer: str | None, query: str, expected: ClientPreferences
) -> None:
    assert client_preferences(_request(prefer, query)) == expected


@pytest.mark.parametrize("value", ["maybe", "2", "truee"])
def test_an_async_value_that_is_not_a_yes_or_a_no_is_invalid(value: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        client_preferences(_request(query=f"?async={value}"))
    assert raised.value.status_code == 400
    assert raised.value.message == "async: Must be true or false."


@pytest.mark.parametrize(
    ("preferences", "seconds"),
    [
        (ClientPreferences(), 90.0),
        (ClientPreferences(respond_async=True), 0.0),
        (ClientPreferences(respond_async=True, wait=5), 5.0),
        (ClientPreferences(wait=5), 5.0),
        (ClientPreferences(wait=500), 90.0),
        (ClientPreferences(wait=0), 0.0),
    ],
)
def test_the_wait_is_the_clients_up_to_the_bound(
    preferences: ClientPreferences, seconds: float, settings: Any
) -> None:
    settings.STORYGEN_API_WAIT_SECONDS = 90
    assert preferences.wait_seconds() == seconds


def test_the_bound_defaults_to_ninety_seconds() -> None:
    from django.conf import settings

    assert settings.STORYGEN_API_WAIT_SECONDS == 90


@dataclass
class FakeJob:
    """A job row as job_response sees it, already ended."""

    status: str
    error_code: str = ""
    error_message: str = ""

    @property
    def is_active(self) -> bool:
        return self.status in {"pending", "running"}

    def refresh_from_db(self) -> None:
        return None


def _answer(job: FakeJob, preferences: ClientPreferences) -> Response:
    return job_response(
        job,
        preferences=preferences,
        accepted=lambda job: {"status": job.status},
        finished=lambda: Response({"drawn": True}),
        failure_status={"auth": 401, "quota": 402},
    )


def test_a_finished_job_answers_with_what_it_made() -> None:
    response = _answer(FakeJob("done"), ClientPreferences())
    assert (response.status_code, response.data) == (200, {"drawn": True})
    assert "Prefer" in response["Vary"]


@pytest.mark.parametrize(
    ("code", "status"), [("auth", 401), ("quota", 402), ("something_new", 502), ("", 502)]
)
def test_a_failed_job_answers_with_its_status_code_and_message(code: str, status: int) -> None:
    with pytest.raises(JobFailed) as raised:
        _answer(FakeJob("failed", code, "Why it failed."), ClientPreferences())
    assert raised.value.status_code == status
    assert raised.value.code == (code or "failed")
    assert raised.value.message == "Why it failed."


def test_a_client_preferring_to_poll_gets_the_job_even_when_it_is_done() -> None:
    response = _answer(FakeJob("done"), ClientPreferences(respond_async=True))
    assert (response.status_code, response.data) == (202, {"status": "done"})
    assert response["Preference-Applied"] == "respond-async"
    assert "Prefer" in response["Vary"]


def test_a_job_still_running_answers_202_without_claiming_a_preference() -> None:
    response = _answer(FakeJob("running"), ClientPreferences(wait=0))
    assert response.status_code == 202
    assert "Preference-Applied" not in response
