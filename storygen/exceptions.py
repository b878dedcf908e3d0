"""Application errors and the one place that turns any API error into {"detail", "code"}."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
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


class NotFound(ApplicationError):
    code = "not_found"
    status_code = status.HTTP_404_NOT_FOUND
    default_message = "Not found."


class Conflict(ApplicationError):
    code = "conflict"
    status_code = status.HTTP_409_CONFLICT


class InvalidInput(ApplicationError):
    """Field-level problems found by a service (``errors``: field → messages).

    Without a message of its own, the first field's problem becomes the message, so a
    client that shows only ``detail`` still says what is wrong.
    """

    code = "invalid"
    default_message = "Some of the values are not valid."

    def __init__(
        self, message: str | None = None, *, errors: dict[str, list[str]] | None = None
    ) -> None:
        if message is None and errors:
            field, problems = next(iter(errors.items()))
            message = f"{field}: {problems[0]}"
        super().__init__(message, errors=errors)


def _flatten(detail: Any) -> Any:
    """Plain strings instead of DRF's ErrorDetail objects, keeping the structure."""
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(value) for value in detail]
    return str(detail)


def _first_message(errors: Any) -> str:
    if isinstance(errors, dict):
        for key, value in errors.items():
            message = _first_message(value)
            return message if key == "non_field_errors" else f"{key}: {message}"
    if isinstance(errors, list) and errors:
        return _first_message(errors[0])
    return str(errors)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every API error as ``{"detail": str, "code": str}``.

    Validation errors add ``errors`` (field → messages) and use the first message as
    ``detail``, so a client that only shows ``detail`` still shows something useful.
    Anything unexpected becomes a logged, generic 500 without internals.
    """
    if isinstance(exc, ApplicationError):
        body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
        if exc.errors:
            body["errors"] = exc.errors
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
        errors = _flatten(exc.detail)
        if not isinstance(errors, dict):
            errors = {"non_field_errors": errors}
        response.data = {"detail": _first_message(errors), "code": "invalid", "errors": errors}
    else:
        detail = exc.detail
        codes = exc.get_codes()
        response.data = {
            "detail": str(detail)
            if not isinstance(detail, dict | list)
            else _first_message(detail),
            "code": codes if isinstance(codes, str) else exc.default_code,
        }
    return response
