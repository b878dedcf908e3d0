"""Error pages: styled HTML for pages, JSON for the API, never internals."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.models import User
from storygen import urls as root_urls

pytestmark = pytest.mark.django_db

SECRET = "internal-detail-that-must-not-leak"


def _server_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET)


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SECRET)


def _bad(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(SECRET)


def _missing(request: HttpRequest) -> HttpResponse:
    raise Http404(SECRET)


# This module doubles as a URL configuration: the real one plus views that fail on purpose.
urlpatterns = [
    *[
        path(f"{prefix}{name}/", view)
        for prefix in ("", "api/v1/")
        for name, view in (
            ("boom", _server_error),
            ("forbidden", _forbidden),
            ("bad", _bad),
            ("missing", _missing),
        )
    ],
    *root_urls.urlpatterns,
]
handler400 = root_urls.handler400
handler403 = root_urls.handler403
handler404 = root_urls.handler404
handler500 = root_urls.handler500

failing_urls = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _production_errors(settings: Any, client: Client) -> None:
    settings.DEBUG = False
    client.raise_request_exception = False


def _assert_styled(html: str, heading: str) -> None:
    assert heading in html
    assert html.count("<h1") == 1
    assert "css/storygen.css" in html
    assert 'class="site-header"' in html
    assert SECRET not in html
    assert "Traceback" not in html


def test_unknown_page_gets_the_styled_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    _assert_styled(response.content.decode(), "We couldn’t find that page")


def test_the_404_page_offers_the_library_to_signed_in_users(client: Client, user: User) -> None:
    client.force_login(user)
    html = client.get("/no-such-page/").content.decode()
    assert 'href="/stories/"' in html
    assert user.username in html


def test_unknown_api_path_still_gets_json(client: Client) -> None:
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@failing_urls
def test_a_404_raised_by_a_view_does_not_show_its_message(client: Client) -> None:
    response = client.get("/missing/")
    assert response.status_code == 404
    _assert_styled(response.content.decode(), "We couldn’t find that page")


@failing_urls
def test_a_crashing_page_gets_the_self_contained_500_without_details(client: Client) -> None:
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert html.count("<h1") == 1
    assert 'href="/"' in html
    assert SECRET not in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html
    assert "SECRET_KEY" not in html


@failing_urls
def test_a_crashing_api_view_still_gets_json(client: Client) -> None:
    response = client.get("/api/v1/boom/")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Something went wrong on our side. Please try again.",
        "code": "server_error",
    }


@failing_urls
def test_a_forbidden_page_gets_the_styled_403(client: Client) -> None:
    response = client.get("/forbidden/")
    assert response.status_code == 403
    _assert_styled(response.content.decode(), "You can’t open this page")


@failing_urls
def test_a_forbidden_api_path_gets_json(client: Client) -> None:
    response = client.get("/api/v1/forbidden/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert SECRET not in response.content.decode()


@failing_urls
def test_a_bad_request_gets_the_styled_400(client: Client) -> None:
    response = client.get("/bad/")
    assert response.status_code == 400
    _assert_styled(response.content.decode(), "That request didn’t look right")


@failing_urls
def test_a_bad_api_request_gets_json(client: Client) -> None:
    response = client.get("/api/v1/bad/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Malformed request.", "code": "bad_request"}


def test_a_form_over_the_size_limit_gets_the_styled_413(client: Client) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "x", "password": "y" * 2_621_440}
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    _assert_styled(html, "That was too much to send at once")
    assert "at most 2.5 MB" in html


def test_a_form_posted_without_its_csrf_token_gets_the_styled_expired_page() -> None:
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    _assert_styled(response.content.decode(), "That form has expired")


# --- an unexpected failure deep inside (R04) ------------------------------------------------


def _failing_query(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT hidden_column FROM storygen_no_such_table")
    return HttpResponse()


class _FailingQueryApi(APIView):
    permission_classes = [AllowAny]

    def get(self, request: Request) -> HttpResponse:
        return _failing_query(request)


urlpatterns = [
    path("query-boom/", _failing_query),
    path("api/v1/query-boom/", _FailingQueryApi.as_view()),
    *urlpatterns,
]


def _internals(settings: Any) -> list[str]:
    """What an error response must never show: the error, the SQL, settings, file paths."""
    return [
        "Traceback",
        "storygen_no_such_table",
        "hidden_column",
        "SELECT",
        "Error:",
        "SECRET_KEY",
        settings.SECRET_KEY,
        settings.DATABASES["default"]["NAME"],
        "site-packages",
        str(settings.BASE_DIR),
        'File "',
    ]


def _error_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


@failing_urls
def test_a_page_that_fails_in_the_database_shows_nothing_internal_and_logs_once(
    client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = client.get("/query-boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert [leak for leak in _internals(settings) if leak in body] == []
    errors = _error_records(caplog)
    assert len(errors) == 1
    assert errors[0].exc_info is not None  # the operator gets the traceback, in the log


@failing_urls
def test_an_api_call_that_fails_in_the_database_gets_only_the_generic_detail_and_logs_once(
    client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = client.get("/api/v1/query-boom/")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Something went wrong on our side. Please try again.",
        "code": "server_error",
    }
    body = response.content.decode()
    assert [leak for leak in _internals(settings) if leak in body] == []
    errors = _error_records(caplog)
    assert len(errors) == 1
    assert errors[0].exc_info is not None
