"""What every API shares: the error body, the bounds of list queries, the errors schema."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular import openapi
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

#: Every API error: a message for people, a stable code for programs, and for invalid input
#: the messages per field.
ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text=(
                "Field name → messages, for invalid input. Fields of nested objects and "
                "items of lists are named by their path (pages.0.font_size); problems of "
                "the request as a whole are under non_field_errors."
            ),
        ),
    },
)

# Bounds of the integers that pick a slice of a list. Larger ones overflow the database's
# OFFSET (PostgreSQL's is a signed 64-bit number, SQLite's too) and would answer 500.
#: Most items a list query may skip.
SKIP_MAX = 2**31 - 1
#: Highest page number of a paged list (times at most 100 items a page, far below SKIP_MAX).
PAGE_MAX = 10**6
#: Highest id a client may name: ids are signed 64-bit columns.
ID_MAX = 2**63 - 1

_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the error answers the project's machinery gives.

    Each operation gets, unless it documents them itself: 400 when it reads a body or query
    parameters, 401 and 403 when it needs a signed-in user, 404 when its path names an
    object, 413 and 415 for a body, 412 (If-Match) for signed-in writes, 429 for writes and
    throttled views, and 414 (from the web server, before the application) everywhere.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        for status, description in self._common_errors(operation):
            if status not in responses:
                responses[status] = {
                    "description": description,
                    "content": {"application/json": {"schema": error}},
                }
        # Refused by the web server before the request reaches the application: no body
        # of ours to describe.
        responses.setdefault("414", {"description": "The address is too long."})
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _common_errors(self, operation: dict[str, Any]) -> list[tuple[str, str]]:
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        has_body = "requestBody" in operation
        signed_in = {} not in operation.get("security", [{}])
        write = self.method in _WRITES
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20
        errors = []
        if has_body or "query" in places:
            errors.append(
                (
                    "400",
                    "Invalid input (errors names each field), or a body that is not JSON "
                    "or nests arrays and objects too deeply.",
                )
            )
        if signed_in:
            errors += [
                ("401", "Not signed in, or the token expired or was revoked."),
                ("403", "Not allowed to do this."),
            ]
        if "path" in places:
            errors.append(("404", "No such object of yours."))
        if signed_in and write:
            errors.append(("412", "If-Match did not match: the object changed meanwhile."))
        if has_body:
            errors += [
                (
                    "413",
                    f"The body is over {megabytes:g} MB, or has too many fields or files.",
                ),
                ("415", "The body's Content-Type is not one this operation reads."),
            ]
        if write or self.view.get_throttles():
            errors.append(("429", "Too many requests, or a quota is used up: see Retry-After."))
        return errors
