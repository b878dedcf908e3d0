"""What every API shares: the error body, list bounds, text-only fields, the errors schema."""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

#: Every API error: a message for people, a stable code for programs, for invalid input the
#: messages per field, and for words refused by the safety check what refused them.
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
        "safety": inline_serializer(
            name="SafetyRefusal",
            required=False,
            help_text=(
                "For code unsafe_brief (422): why the person's words were refused, and what "
                "to change. Nothing was made or queued."
            ),
            fields={
                "categories": serializers.ListField(
                    child=serializers.CharField(),
                    help_text="Moderation categories that blocked (violence, sexual, …).",
                ),
                "findings": inline_serializer(
                    name="SafetyFinding",
                    many=True,
                    fields={
                        "field": serializers.CharField(help_text="The request field concerned."),
                        "categories": serializers.ListField(child=serializers.CharField()),
                        "words": serializers.ListField(
                            child=serializers.CharField(),
                            help_text=(
                                "The words that triggered it, where the moderation names "
                                "them (empty otherwise)."
                            ),
                        ),
                    },
                ),
                "suggestion": serializers.CharField(help_text="What to change."),
            },
        ),
    },
)

#: The 422 answer of an operation that checks a person's words, for ``extend_schema``.
UNSAFE_BRIEF_RESPONSE = OpenApiResponse(
    ErrorSerializer,
    description="The words did not pass the safety check (code `unsafe_brief`): nothing was "
    "made or queued; `errors` and `safety` name each field, its categories and words, and "
    "what to change.",
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

# Text as DRF takes it, for the schema (ECMA-262): never the NUL character. Never empty
# either: drf-spectacular adds a ``maxLength: 0`` alternative where a field allows it.
#: Any text but the NUL character.
NO_NUL_PATTERN = "^[^\\u0000]+$"
#: Text with something besides spaces (what a field that trims them and refuses blank takes).
NOT_BLANK_PATTERN = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"
#: Why a text field refuses a number or a boolean.
NOT_TEXT = "Not a valid string."


class TextField(serializers.CharField):
    """DRF's CharField, taking text only: a JSON number or boolean is refused (DRF would
    take a number as its digits), as the schema says and the reference product does."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            raise serializers.ValidationError(NOT_TEXT, code="invalid")
        return str(super().to_internal_value(data))


class PatternField(TextField, serializers.RegexField):
    """DRF's RegexField, taking text only (see TextField)."""


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
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and not parameter.get("required"):
                # DRF reads an optional query parameter sent empty (?q=) as one not sent.
                parameter["allowEmptyValue"] = True
        return operation

    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            isinstance(field, serializers.ListSerializer)
            and schema
            and schema.get("type") == "array"
        ):
            # drf-spectacular leaves out the bounds of a list of objects.
            bounds = {
                "minItems": getattr(field, "min_length", None),
                "maxItems": getattr(field, "max_length", None),
            }
            schema = {**schema, **{k: v for k, v in bounds.items() if v is not None}}
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and schema.get("type") == "string"
            and not {"pattern", "format", "enum"} & schema.keys()
            # A field with a pattern of its own (a RegexField) says what it takes.
            and not any(isinstance(v, RegexValidator) for v in field.validators)
        ):
            # DRF refuses the NUL character in text (no database column can hold it), and
            # spaces alone where it trims them and refuses blank text.
            blank_refused = field.trim_whitespace and not field.allow_blank
            schema = {**schema, "pattern": NOT_BLANK_PATTERN if blank_refused else NO_NUL_PATTERN}
        return schema

    def resolve_serializer(
        self, serializer: Any, direction: Any, bypass_extensions: bool = False
    ) -> Any:
        if direction == "request" and getattr(serializer, "partial", False):
            # drf-spectacular assumes a PATCH reads its body with partial=True; the project's
            # views read it with the serializer as declared, required fields included.
            serializer = copy.copy(serializer)
            serializer.partial = False
        return super().resolve_serializer(serializer, direction, bypass_extensions)

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
