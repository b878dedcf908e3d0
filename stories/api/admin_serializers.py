"""Request and response shapes of the option-list admin API (the reference product's contract)."""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from stories.api.serializers import OptionalText
from stories.models import DynamicList, DynamicListItem
from storygen.api import SKIP_MAX, PatternField, TextField

LIST_NAME_PATTERN = r"^[A-Za-z0-9_-]+$"
ADDITIONAL_CONFIG_MAX_BYTES = 10_000
# sort_order is a signed 32-bit column on every database.
SORT_ORDER_RANGE = (-(2**31), 2**31 - 1)


@extend_schema_field({"type": "object", "additionalProperties": True, "nullable": True})
class JSONObjectField(serializers.JSONField):
    """A JSON object (or null): arrays, strings and numbers are refused."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            raise serializers.ValidationError("Must be a JSON object.")
        if len(json.dumps(value)) > ADDITIONAL_CONFIG_MAX_BYTES:
            raise serializers.ValidationError(
                f"Must be at most {ADDITIONAL_CONFIG_MAX_BYTES} characters as JSON."
            )
        return value


class PageQuerySerializer(serializers.Serializer):
    skip = serializers.IntegerField(min_value=0, max_value=SKIP_MAX, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=100, default=100)


class DynamicListItemQuerySerializer(PageQuerySerializer):
    only_active = serializers.BooleanField(
        default=False, help_text="Only the items people can choose."
    )


class DynamicListCreateInputSerializer(serializers.Serializer):
    list_name = PatternField(
        LIST_NAME_PATTERN,
        max_length=100,
        error_messages={"invalid": "Use letters, digits, '_' and '-' only."},
    )
    list_label = OptionalText(max_length=200)
    description = OptionalText(max_length=5000)


class DynamicListUpdateInputSerializer(serializers.Serializer):
    """Omitted fields stay as they are; null clears one."""

    list_label = OptionalText(max_length=200, default=empty)
    description = OptionalText(max_length=5000, default=empty)


class DynamicListItemCreateInputSerializer(serializers.Serializer):
    list_name = TextField(
        required=False, write_only=True, help_text="Accepted for compatibility; the path wins."
    )
    item_value = TextField(max_length=200)
    item_label = TextField(max_length=200)
    is_active = serializers.BooleanField(default=True)
    sort_order = serializers.IntegerField(
        min_value=SORT_ORDER_RANGE[0], max_value=SORT_ORDER_RANGE[1], default=0
    )
    additional_config = JSONObjectField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.pop("list_name", None)
        return attrs


class DynamicListItemUpdateInputSerializer(serializers.Serializer):
    """Omitted fields stay as they are; ``additional_config: null`` clears the config."""

    item_value = TextField(max_length=200, required=False)
    item_label = TextField(max_length=200, required=False)
    is_active = serializers.BooleanField(required=False)
    sort_order = serializers.IntegerField(
        min_value=SORT_ORDER_RANGE[0], max_value=SORT_ORDER_RANGE[1], required=False
    )
    additional_config = JSONObjectField(required=False, allow_null=True)


class DynamicListItemAdminOutputSerializer(serializers.ModelSerializer):
    list_name = serializers.CharField(source="dynamic_list_id")
    additional_config = JSONObjectField(allow_null=True)

    class Meta:
        model = DynamicListItem
        fields = [
            "id",
            "list_name",
            "item_value",
            "item_label",
            "is_active",
            "sort_order",
            "additional_config",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DynamicListOutputSerializer(serializers.ModelSerializer):
    items = DynamicListItemAdminOutputSerializer(many=True, read_only=True)

    class Meta:
        model = DynamicList
        fields = ["list_name", "list_label", "description", "created_at", "updated_at", "items"]
        read_only_fields = fields


class DynamicListItemInUseOutputSerializer(serializers.Serializer):
    is_in_use = serializers.BooleanField()
    details = serializers.ListField(
        child=serializers.CharField(),
        help_text='Where the value is stored, e.g. "Genre in Stories: The Lantern Keeper".',
    )
