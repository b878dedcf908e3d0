"""Request and response shapes of the stories API (the reference product's contract)."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stories.models import GenerationTask, Page, Story, StoryCharacter
from stories.prompts import normalize_text_position

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_PAGE_FORMATS = {
    "letter": "letter",
    "us-letter": "letter",
    "us_letter": "letter",
    "a4": "a4",
    "portrait": "portrait",
    "landscape": "landscape",
    "square-storybook": "square-storybook",
    "square_storybook": "square-storybook",
    "square storybook": "square-storybook",
}
FONT_SIZE_RANGE = (16, 56)


class OptionalText(serializers.CharField):
    """A text field where null and missing both mean ''."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        return str(super().to_internal_value(data))

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


class CharacterDetailInputSerializer(serializers.Serializer):
    """One character of a story request. Paths and AI-only fields are ignored."""

    name = serializers.CharField(max_length=100)
    description = OptionalText(max_length=1000)
    age = serializers.IntegerField(min_value=0, max_value=150, required=False, allow_null=True)
    gender = OptionalText(max_length=50)
    physical_appearance = OptionalText(max_length=1000)
    clothing_style = OptionalText(max_length=500)
    personality = OptionalText(max_length=1000)
    key_traits = OptionalText(max_length=500)
    background = OptionalText(max_length=1000)


class EditorSettingsInputSerializer(serializers.Serializer):
    """Document layout defaults. Omitted keys keep the product's defaults."""

    font_family = serializers.CharField(max_length=50, required=False)
    font_size = serializers.IntegerField(
        min_value=FONT_SIZE_RANGE[0], max_value=FONT_SIZE_RANGE[1], required=False
    )
    font_color = serializers.CharField(max_length=7, required=False)
    text_position = serializers.CharField(max_length=20, required=False)
    text_box_opacity = serializers.FloatField(min_value=0.0, max_value=1.0, required=False)
    page_format = serializers.CharField(max_length=20, required=False)
    layout_mode = serializers.ChoiceField(choices=Story.LayoutMode.choices, required=False)

    def validate_font_color(self, value: str) -> str:
        if not _HEX.match(value):
            raise serializers.ValidationError("Use a hex colour such as #ffffff.")
        if len(value) == 4:
            value = "#" + "".join(ch * 2 for ch in value[1:])
        return value.lower()

    def validate_text_position(self, value: str) -> str:
        position = normalize_text_position(value)
        if position is None:
            raise serializers.ValidationError(
                "Use one of top-left, top-center, top-right, middle-left, middle-center, "
                "middle-right, bottom-left, bottom-center, bottom-right."
            )
        return position

    def validate_page_format(self, value: str) -> str:
        page_format = _PAGE_FORMATS.get(value.strip().lower())
        if page_format is None:
            raise serializers.ValidationError(
                "Use one of letter, a4, portrait, landscape, square-storybook."
            )
        return page_format


class StoryCreateInputSerializer(serializers.Serializer):
    title = OptionalText(max_length=200)
    genre = serializers.CharField(max_length=100)
    story_outline = serializers.CharField(max_length=5000)
    main_characters = CharacterDetailInputSerializer(many=True, required=False, default=list)
    num_pages = serializers.IntegerField(min_value=1, max_value=settings.MAX_STORY_PAGES)
    tone = OptionalText(max_length=200)
    setting = OptionalText(max_length=500)
    writing_style = OptionalText(max_length=200)
    image_style = OptionalText(max_length=100)
    word_to_picture_ratio = OptionalText(max_length=100)
    text_density = OptionalText(max_length=100)
    editor_settings = EditorSettingsInputSerializer(required=False, allow_null=True)
    character_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=settings.MAX_STORY_CHARACTERS,
    )
    draft_id = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    is_draft = serializers.BooleanField(
        required=False, write_only=True, help_text="Accepted for compatibility; ignored."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.pop("is_draft", None)
        return attrs


class StoryListQuerySerializer(serializers.Serializer):
    skip = serializers.IntegerField(min_value=0, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=100, default=100)
    include_drafts = serializers.BooleanField(default=True)


class GenerationTaskOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = GenerationTask
        fields = [
            "id",
            "story_id",
            "user_id",
            "status",
            "progress",
            "current_step",
            "attempts",
            "last_error",
            "error_message",
            "retry_counts_by_page",
            "total_retries",
            "failed_pages_count",
            "created_at",
            "updated_at",
            "started_at",
            "completed_at",
            "duration_ms",
        ]
        read_only_fields = fields


class StoryCharacterOutputSerializer(serializers.ModelSerializer):
    character_id = serializers.IntegerField(allow_null=True, read_only=True)
    sheet_status = serializers.CharField(source="status", read_only=True)

    class Meta:
        model = StoryCharacter
        fields = [
            "name",
            "description",
            "age",
            "gender",
            "physical_appearance",
            "clothing_style",
            "personality",
            "key_traits",
            "background",
            "character_id",
            "sheet_status",
        ]
        read_only_fields = fields


class EditorSettingsOutputSerializer(serializers.Serializer):
    font_family = serializers.CharField()
    font_size = serializers.IntegerField()
    font_color = serializers.CharField()
    text_position = serializers.CharField()
    text_box_opacity = serializers.FloatField()
    page_format = serializers.CharField()
    layout_mode = serializers.CharField()


class PageEditorStateOutputSerializer(serializers.Serializer):
    original_text = serializers.CharField()
    text_position = serializers.CharField(allow_null=True)
    font_family = serializers.CharField(allow_null=True)
    font_size = serializers.IntegerField(allow_null=True)
    font_color = serializers.CharField(allow_null=True)
    text_box_opacity = serializers.FloatField(allow_null=True)


class PageOutputSerializer(serializers.ModelSerializer):
    page_number = serializers.IntegerField(source="number", read_only=True)
    image_path = serializers.SerializerMethodField(
        help_text="URL of the page picture (owner only), or null while it has none."
    )
    thumbnail_url = serializers.SerializerMethodField()
    editor_state = serializers.SerializerMethodField()

    class Meta:
        model = Page
        fields = [
            "id",
            "story_id",
            "page_number",
            "text",
            "image_description",
            "characters_in_scene",
            "status",
            "image_path",
            "thumbnail_url",
            "editor_state",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _image_url(self, page: Page, variant: str | None = None) -> str | None:
        if not page.image:
            return None
        url = reverse("page-image", kwargs={"story_id": page.story_id, "page_id": page.pk})
        return f"{url}?variant={variant}" if variant else url

    def get_image_path(self, page: Page) -> str | None:
        return self._image_url(page)

    def get_thumbnail_url(self, page: Page) -> str | None:
        return self._image_url(page, "thumbnail")

    @staticmethod
    def _editor_state(page: Page) -> dict[str, Any]:
        return {
            "original_text": page.original_text,
            "text_position": page.text_position,
            "font_family": page.font_family,
            "font_size": page.font_size,
            "font_color": page.font_color,
            "text_box_opacity": page.text_box_opacity,
        }

    @extend_schema_field(PageEditorStateOutputSerializer)
    def get_editor_state(self, page: Page) -> dict[str, Any]:
        return PageEditorStateOutputSerializer(self._editor_state(page)).data


class StoryListItemOutputSerializer(serializers.ModelSerializer):
    story_outline = serializers.CharField(source="outline", read_only=True)
    owner_id = serializers.IntegerField(read_only=True)
    is_draft = serializers.BooleanField(read_only=True)
    is_offline = serializers.SerializerMethodField()
    main_characters = StoryCharacterOutputSerializer(source="cast", many=True, read_only=True)
    editor_settings = serializers.SerializerMethodField()

    class Meta:
        model = Story
        fields = [
            "id",
            "title",
            "genre",
            "story_outline",
            "main_characters",
            "num_pages",
            "tone",
            "setting",
            "writing_style",
            "image_style",
            "word_to_picture_ratio",
            "text_density",
            "owner_id",
            "editor_settings",
            "status",
            "is_draft",
            "is_hidden",
            "is_deleted",
            "provider",
            "is_offline",
            "generated_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_offline(self, story: Story) -> bool:
        return story.provider == "offline"

    @extend_schema_field(EditorSettingsOutputSerializer)
    def get_editor_settings(self, story: Story) -> dict[str, Any]:
        return EditorSettingsOutputSerializer(
            {name: getattr(story, name) for name in EditorSettingsOutputSerializer().fields}
        ).data


class StoryOutputSerializer(StoryListItemOutputSerializer):
    pages = PageOutputSerializer(many=True, read_only=True)

    class Meta(StoryListItemOutputSerializer.Meta):
        fields = [*StoryListItemOutputSerializer.Meta.fields, "pages"]
        read_only_fields = fields


class DynamicListItemOutputSerializer(serializers.Serializer):
    item_value = serializers.CharField()
    item_label = serializers.CharField()
