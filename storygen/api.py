"""Shapes shared by every API: the error body."""

from __future__ import annotations

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
            help_text="Field name → messages, for invalid input.",
        ),
    },
)
