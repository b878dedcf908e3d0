"""Request and response shapes of the admin API: accounts, moderation, audit log, stats."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from rest_framework import serializers

from accounts.api.serializers import UsageOutputSerializer, UserOutputSerializer
from accounts.models import User
from accounts.quotas import QUOTA_MAX
from moderation.models import ModerationAction
from stories.api.serializers import StoryListItemOutputSerializer
from storygen.api import ID_MAX, PAGE_MAX, SKIP_MAX, TextField

REASON_MAX_LENGTH = 2000


# --- Accounts ------------------------------------------------------------------------------


class UserListQuerySerializer(serializers.Serializer):
    skip = serializers.IntegerField(min_value=0, max_value=SKIP_MAX, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=1000, default=100)
    include_deleted = serializers.BooleanField(default=False)


class AdminUserOutputSerializer(UserOutputSerializer):
    class Meta(UserOutputSerializer.Meta):
        fields = [*UserOutputSerializer.Meta.fields, "is_deleted", "deleted_at", "last_login"]
        read_only_fields = fields


class UserAdminUpdateInputSerializer(serializers.Serializer):
    username = serializers.RegexField(
        r"^[\w.@+-]+\Z",
        max_length=150,
        required=False,
        error_messages={"invalid": "Use letters, digits and @ . + - _ only."},
    )
    email = serializers.EmailField(required=False, allow_null=True, allow_blank=True)
    # Any string: the service answers an unknown role with the reference's own message,
    # after the checks that come before it.
    role = serializers.CharField(required=False, max_length=20)
    is_active = serializers.BooleanField(required=False)
    reason = TextField(required=False, allow_blank=True, max_length=REASON_MAX_LENGTH, default="")

    def validate_email(self, value: str | None) -> str:
        return value or ""


class ReasonInputSerializer(serializers.Serializer):
    reason = TextField(required=False, allow_blank=True, max_length=REASON_MAX_LENGTH, default="")


# --- Usage and quotas ----------------------------------------------------------------------


class UsageListQuerySerializer(serializers.Serializer):
    skip = serializers.IntegerField(min_value=0, max_value=SKIP_MAX, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=1000, default=100)


class QuotaOverridesSerializer(serializers.Serializer):
    """An account's own limits: null keeps the default from settings, 0 allows none."""

    concurrent_runs = serializers.IntegerField(
        min_value=0, max_value=QUOTA_MAX, allow_null=True, required=False, default=None
    )
    stories_per_day = serializers.IntegerField(
        min_value=0, max_value=QUOTA_MAX, allow_null=True, required=False, default=None
    )
    pictures_per_day = serializers.IntegerField(
        min_value=0, max_value=QUOTA_MAX, allow_null=True, required=False, default=None
    )
    rewrites_per_day = serializers.IntegerField(
        min_value=0, max_value=QUOTA_MAX, allow_null=True, required=False, default=None
    )


class UserQuotasInputSerializer(QuotaOverridesSerializer):
    """An account's own limits, and why they are set (kept in the audit log)."""

    reason = TextField(required=False, allow_blank=True, max_length=REASON_MAX_LENGTH, default="")


class QuotaDefaultsOutputSerializer(serializers.Serializer):
    concurrent_runs = serializers.IntegerField()
    stories_per_day = serializers.IntegerField()
    pictures_per_day = serializers.IntegerField()
    rewrites_per_day = serializers.IntegerField()


class AdminUserUsageOutputSerializer(UsageOutputSerializer):
    user_id = serializers.IntegerField()
    username = serializers.CharField()
    input_tokens = serializers.IntegerField(help_text="Tokens used in the last 24 hours.")
    output_tokens = serializers.IntegerField()
    estimated_cost_usd = serializers.FloatField(
        allow_null=True, help_text="At the configured prices; null without prices."
    )
    overrides = QuotaOverridesSerializer()


class AIBudgetOutputSerializer(serializers.Serializer):
    limit_usd = serializers.FloatField(
        allow_null=True, help_text="STORYGEN_AI_DAILY_BUDGET; null: no budget."
    )
    spent_usd = serializers.FloatField(
        allow_null=True, help_text="Estimated spend of the last 24 hours; null without prices."
    )
    exhausted = serializers.BooleanField(help_text="New AI work is refused while true.")
    frees_at = serializers.DateTimeField(allow_null=True)


class AdminUsageOutputSerializer(serializers.Serializer):
    window_hours = serializers.IntegerField()
    defaults = QuotaDefaultsOutputSerializer()
    ai_budget = AIBudgetOutputSerializer()
    users = AdminUserUsageOutputSerializer(many=True)


# --- Pages of lists ------------------------------------------------------------------------


class PageQuerySerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=PAGE_MAX, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=20)


# --- Stories -------------------------------------------------------------------------------


class StoryModerationQuerySerializer(PageQuerySerializer):
    user_id = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False)
    status_filter = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text='"generated" (not drafts) or "draft"; any other value is ignored.',
    )
    created_from = serializers.DateTimeField(
        required=False, default_timezone=UTC, help_text="ISO 8601, inclusive; naive is UTC."
    )
    created_to = serializers.DateTimeField(
        required=False, default_timezone=UTC, help_text="ISO 8601, inclusive; naive is UTC."
    )
    include_hidden = serializers.BooleanField(default=False)
    include_deleted = serializers.BooleanField(default=False)

    def validate_status_filter(self, value: str) -> str | None:
        value = value.strip().lower()
        return value if value in {"generated", "draft"} else None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("created_from"), attrs.get("created_to")
        if start is not None and end is not None and start > end:
            raise serializers.ValidationError(
                {"created_to": ["Must not be earlier than created_from."]}
            )
        return attrs


class StoryOwnerOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]
        read_only_fields = fields


class StoryModerationOutputSerializer(StoryListItemOutputSerializer):
    owner = StoryOwnerOutputSerializer(read_only=True)

    class Meta(StoryListItemOutputSerializer.Meta):
        fields = [*StoryListItemOutputSerializer.Meta.fields, "owner"]
        read_only_fields = fields


class StoryModerationPageOutputSerializer(serializers.Serializer):
    items = StoryModerationOutputSerializer(many=True)
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()


class StoryHideInputSerializer(ReasonInputSerializer):
    is_hidden = serializers.BooleanField()


# --- Audit log -----------------------------------------------------------------------------


class ModerationActionQuerySerializer(PageQuerySerializer):
    action = serializers.ChoiceField(choices=ModerationAction.Action.choices, required=False)
    target_type = serializers.ChoiceField(
        choices=ModerationAction.TargetType.choices, required=False
    )
    target_id = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False)
    actor_id = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False)


class ModerationActionOutputSerializer(serializers.ModelSerializer):
    actor_id = serializers.IntegerField(read_only=True, allow_null=True)
    changes = serializers.DictField(
        child=serializers.ListField(), read_only=True, help_text="Field → [before, after]."
    )

    class Meta:
        model = ModerationAction
        fields = [
            "id",
            "actor_id",
            "actor_username",
            "action",
            "target_type",
            "target_id",
            "target_label",
            "reason",
            "changes",
            "created_at",
        ]
        read_only_fields = fields


class ModerationActionPageOutputSerializer(serializers.Serializer):
    items = ModerationActionOutputSerializer(many=True)
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()


# --- Stats ---------------------------------------------------------------------------------


class TokenUsageOutputSerializer(serializers.Serializer):
    input_tokens = serializers.IntegerField()
    output_tokens = serializers.IntegerField()


class AdminStatsOutputSerializer(serializers.Serializer):
    total_users = serializers.IntegerField(help_text="Every account, soft-deleted ones too.")
    active_users = serializers.IntegerField()
    total_stories = serializers.IntegerField()
    generated_stories = serializers.IntegerField(help_text="Stories that are not drafts.")
    draft_stories = serializers.IntegerField()
    total_characters = serializers.IntegerField()
    tasks_last_24h = serializers.IntegerField()
    tasks_in_progress = serializers.IntegerField(help_text="Pending or running, any age.")
    tasks_failed_last_24h = serializers.IntegerField()
    tasks_completed_last_24h = serializers.IntegerField()
    avg_task_duration_seconds_last_24h = serializers.FloatField(allow_null=True)
    success_rate_last_24h = serializers.FloatField(
        allow_null=True, help_text="completed / (completed + failed), 0 to 1."
    )
    avg_attempts_last_24h = serializers.FloatField(
        allow_null=True,
        help_text="Mean attempt number of the runs completed in the window: 1 for a story "
        "made in one go, more for stories that were resumed.",
    )
    avg_step_attempts_last_24h = serializers.FloatField(
        allow_null=True,
        help_text="Mean step attempts of those runs (one per step, plus one per retry).",
    )
    ai_calls_last_24h = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Provider → AI calls made for the stories generated in the window.",
    )
    ai_tokens_last_24h = serializers.DictField(
        child=TokenUsageOutputSerializer(),
        help_text="Provider → tokens used for the stories generated in the window.",
    )
    estimated_cost_usd_last_24h = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text=(
            "Provider → estimated US dollars for those tokens at the configured prices "
            "(STORYGEN_AI_PRICE_*_PER_MILLION); null when no prices are configured."
        ),
    )
    refusals_last_24h = serializers.IntegerField(
        help_text="Requests refused because of what the person wrote (a story, a character, "
        "a rewrite or redraw wish): nothing was made of them."
    )
    refusals_by_category_last_24h = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Moderation category → those refusals (one for two categories counts "
        "under each).",
    )
