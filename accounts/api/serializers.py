"""Request and response shapes of the accounts API."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import User


class UserCreateInputSerializer(serializers.Serializer):
    username = serializers.RegexField(
        r"^[\w.@+-]+\Z",
        max_length=150,
        error_messages={"invalid": "Use letters, digits and @ . + - _ only."},
    )
    email = serializers.EmailField(required=False, allow_null=True, allow_blank=True)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenObtainInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    otp = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text="Administrators: the current code from the authenticator app (or a "
        "recovery code). Tokens asked for with it may use the admin API.",
    )


class TokenRefreshInputSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class TokenOutputSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.CharField()
    access = serializers.CharField()
    refresh = serializers.CharField()


class UserOutputSerializer(serializers.ModelSerializer):
    created_at = serializers.DateTimeField(source="date_joined", read_only=True)
    email = serializers.EmailField(
        read_only=True, allow_blank=True, help_text="Empty when the account has none."
    )

    class Meta:
        model = User
        fields = ["id", "username", "email", "is_active", "role", "created_at", "updated_at"]
        read_only_fields = fields


class AllowanceOutputSerializer(serializers.Serializer):
    used = serializers.IntegerField(help_text="Charged in the last 24 hours.")
    limit = serializers.IntegerField(help_text="The account's limit (0: none allowed).")
    remaining = serializers.IntegerField()
    frees_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the oldest charge still counted stops counting (null: none counted).",
    )


class ConcurrentRunsOutputSerializer(serializers.Serializer):
    running = serializers.IntegerField(
        source="running_runs", help_text="Generation runs queued or in progress."
    )
    limit = serializers.IntegerField(source="concurrent_runs_limit")


class UsageOutputSerializer(serializers.Serializer):
    window_hours = serializers.IntegerField(read_only=True)
    stories = AllowanceOutputSerializer()
    pictures = AllowanceOutputSerializer(
        help_text="Story pictures (cover, pages, new character sheets), page redraws and "
        "character sheets."
    )
    rewrites = AllowanceOutputSerializer(help_text="New texts proposed for a page.")
    concurrent_runs = ConcurrentRunsOutputSerializer(source="*")
