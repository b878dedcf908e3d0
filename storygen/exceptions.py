"""Application errors and the one place that turns any API error into {"detail", "code"}."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, UnreadablePostError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class ApplicationError(Exception):
    """An expected failure with a message fit for the user.

    Subclasses set ``code`` (stable, machine-readable) and ``status_code`` (for the API).
    Page views turn the same errors into form errors or messages.
    """

    code = "error"
    status_code: int = status.HTTP_400_BAD_REQUEST
    default_message = "The request could not be completed."

    def __init__(
        self,
        message: str | None = None,
        *,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.errors = errors or {}
        self.headers = headers or {}
        super().__init__(self.message)

    def body_extra(self) -> dict[str, Any]:
        """Fields an error adds to the API body besides ``detail``, ``code`` and ``errors``."""
        return {}


class NotFound(ApplicationError):
    code = "not_found"
    status_code = status.HTTP_404_NOT_FOUND
    default_message = "Not found."


class Conflict(ApplicationError):
    code = "conflict"
    status_code = status.HTTP_409_CONFLICT


def first_problem(errors: Mapping[str, list[str]]) -> str | None:
    """The first problem of ``errors`` (field → messages) as one sentence for ``detail``, so a
    client that shows only ``detail`` still says what is wrong: ``field: message``, or the
    message alone for the request as a whole. None when there is none."""
    for key, messages in errors.items():
        if messages:
            whole = key == api_settings.NON_FIELD_ERRORS_KEY
            return messages[0] if whole else f"{key}: {messages[0]}"
    return None


class InvalidInput(ApplicationError):
    """Field-level problems found by a service (``errors``: field → messages).

    Without a message of its own, the first problem becomes the message (first_problem).
    """

    code = "invalid"
    default_message = "Some of the values are not valid."

    def __init__(
        self, message: str | None = None, *, errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message or first_problem(errors or {}), errors=errors)


class RequestTooLarge(ApplicationError):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE, or with too many form fields or files."""

    code = "too_large"
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE


class MalformedRequest(ApplicationError):
    """A request that cannot be read as HTTP says it should be: a body cut short, a header or
    path Django refuses as suspicious, a multipart body that does not parse. Its details
    stay in the logs; the client learns only that the request was malformed."""

    code = "bad_request"
    default_message = "Malformed request."


def request_too_large(exc: Exception) -> RequestTooLarge:
    """What to answer for one of Django's size limits (``RequestDataTooBig``…) being hit.

    Django checks Content-Length (or counts while reading form data) and stops before
    reading a body over the limit, then raises wherever the body is first used.
    """
    if isinstance(exc, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return RequestTooLarge(f"The request has too many fields (at most {limit}).")
    if isinstance(exc, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return RequestTooLarge(f"The request has too many files (at most {limit}).")
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20
    return RequestTooLarge(f"The request body is too large (at most {megabytes:g} MB).")


#: Django's errors for a request over one of its size limits.
TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def field_errors(detail: Any) -> dict[str, list[str]]:
    """Field → messages, as plain strings, from DRF's nested error details.

    Fields of nested objects and items of lists are named by their path with dots
    (``pages.0.font_size``, ``character_ids.2``); a nested object's own problems go under
    its name, and the request's as a whole under ``non_field_errors``.
    """
    whole = api_settings.NON_FIELD_ERRORS_KEY
    errors: dict[str, list[str]] = {}

    def collect(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                name = str(key)
                collect(inner, path if name == whole and path else f"{path}.{name}".lstrip("."))
        elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
            for index, inner in enumerate(value):
                collect(inner, f"{path}.{index}".lstrip("."))
        elif messages := value if isinstance(value, list) else [value]:
            errors.setdefault(path or whole, []).extend(str(message) for message in messages)

    collect(detail, "")
    return errors


def _first_message(errors: dict[str, list[str]]) -> str:
    return first_problem(errors) or InvalidInput.default_message


def _log_suspicious(exc: SuspiciousOperation, request: Any, status_code: int) -> None:
    """Log as Django does for the pages, on ``django.security.<Class>``: where security
    alerts and the per-class silencing of LOGGING look for it."""
    logging.getLogger(f"django.security.{type(exc).__name__}").warning(
        "%s",
        exc,
        extra={"status_code": status_code, "request": getattr(request, "_request", request)},
    )


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every API error as ``{"detail": str, "code": str}``.

    ApplicationError subclasses answer with their own status and code. Django's size limits
    become 413 (RequestTooLarge); its other suspicious operations, its BadRequest and a body
    cut short become 400 (MalformedRequest), each suspicious one first logged on
    ``django.security.<Class>`` as Django logs it for the pages. Http404 and Django's
    PermissionDenied become DRF's 404 and 403. Validation errors add ``errors`` (field →
    messages) and use the first problem as ``detail`` (first_problem), so a client that only
    shows ``detail`` still shows something useful. Anything unexpected becomes a logged,
    generic 500 without internals.
    """
    if isinstance(exc, SuspiciousOperation):
        suspicious = exc
        exc = request_too_large(exc) if isinstance(exc, TOO_LARGE) else MalformedRequest()
        _log_suspicious(suspicious, context.get("request"), exc.status_code)
    elif isinstance(exc, BadRequest | UnreadablePostError):
        exc = MalformedRequest()
    if isinstance(exc, ApplicationError):
        body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
        if exc.errors:
            body["errors"] = exc.errors
        body.update(exc.body_extra())
        return Response(body, status=exc.status_code, headers=exc.headers)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        logger.exception(
            "unhandled API error on %s %s",
            getattr(request, "method", "?"),
            getattr(request, "path", "?"),
        )
        crashed = Response(
            {
                "detail": "Something went wrong on our side. Please try again.",
                "code": "server_error",
            },
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
        # Logged above with its traceback: Django's "Internal Server Error" line would be
        # the same crash a second time.
        crashed._has_been_logged = True  # type: ignore[attr-defined]
        return crashed

    if not isinstance(exc, exceptions.APIException):  # Django's own 404/403, already handled
        return response
    if isinstance(exc, exceptions.ValidationError):
        errors = field_errors(exc.detail)
        response.data = {"detail": _first_message(errors), "code": "invalid", "errors": errors}
    else:
        response.data = _detail_and_code(exc)
    return response


def _detail_and_code(exc: exceptions.APIException) -> dict[str, str]:
    """``detail`` as one sentence and ``code`` of an error other than a validation error.

    Some libraries (SimpleJWT) raise their error with a dict holding its own ``detail``
    and ``code`` beside extras: those are the sentence and the code, not fields.
    """
    detail = exc.detail
    codes = exc.get_codes()
    if (
        isinstance(detail, dict)
        and "detail" in detail
        and not isinstance(detail["detail"], dict | list)
    ):
        code = detail.get("code")
        return {
            "detail": str(detail["detail"]),
            "code": str(code) if isinstance(code, str) else exc.default_code,
        }
    return {
        "detail": str(detail)
        if not isinstance(detail, dict | list)
        else _first_message(field_errors(detail)),
        "code": codes if isinstance(codes, str) else exc.default_code,
    }
