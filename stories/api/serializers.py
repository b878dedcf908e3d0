"""Request and response shapes of the stories API (the reference product's contract)."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stories import layout_input
from stories.layout import page_layout
from stories.layout_input import FONT_SIZE_RANGE, PAGE_OVERRIDE_FIELDS
from stories.models import (
    TITLE_MAX_LENGTH,
    GenerationTask,
    Page,
    PageImage,
    PageRedrawJob,
    Story,
    StoryCharacter,
)
from stories.progress import NO_WORKER_NOTICE, waiting_for_worker
from stories.services.editor import (
    PAGE_TEXT_MAX_LENGTH,
    REDRAW_DESCRIPTION_MAX_LENGTH,
    REWRITE_INSTRUCTIONS_MAX_LENGTH,
)
from stories.services.media import page_reference_image_path
from storygen.ai.errors import FAILURE_STATUS
from storygen.api import ID_MAX, SKIP_MAX, TextField
from storygen.signed_media import signed_picture_url


class OptionalText(TextField):
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

    name = TextField(max_length=100)
    description = OptionalText(max_length=1000)
    age = serializers.IntegerField(min_value=0, max_value=150, required=False, allow_null=True)
    gender = OptionalText(max_length=50)
    physical_appearance = OptionalText(max_length=1000)
    clothing_style = OptionalText(max_length=500)
    personality = OptionalText(max_length=1000)
    key_traits = OptionalText(max_length=500)
    background = OptionalText(max_length=1000)


@extend_schema_field(
    {"type": "string", "pattern": layout_input.HEX_COLOR_PATTERN, "example": "#ffffff"}
)
class HexColorField(TextField):
    """A colour, exactly ``#rgb`` or ``#rrggbb`` (stored as ``#rrggbb`` in lower case)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not re.fullmatch(layout_input.HEX_COLOR_PATTERN, value):
            raise serializers.ValidationError(layout_input.COLOR_MESSAGE, code="invalid")
        return value


def _text_position(**kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        # Each spelling with the position it means: the schema lists both.
        choices=[
            (spelling, layout_input.clean_text_position(spelling))
            for spelling in layout_input.TEXT_POSITION_SPELLINGS
        ],
        error_messages={"invalid_choice": layout_input.POSITION_MESSAGE},
        help_text="Where the text box sits on the 9-grid (legacy spellings are mapped onto it).",
        **kwargs,
    )


def _page_format(**kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=[
            (spelling, layout_input.clean_page_format(spelling))
            for spelling in layout_input.PAGE_FORMAT_SPELLINGS
        ],
        error_messages={"invalid_choice": layout_input.PAGE_FORMAT_MESSAGE},
        help_text="The page size (other spellings of a size are mapped onto it).",
        **kwargs,
    )


def _font_family(**kwargs: Any) -> TextField:
    return TextField(
        max_length=layout_input.FONT_FAMILY_MAX_LENGTH,
        help_text=(
            "One of the active font_families items "
            "(GET /api/v1/dynamic-lists/font_families/active-items)."
        ),
        **kwargs,
    )


class _LayoutValues:
    """``validate_<field>`` for layout fields, by the rules in :mod:`stories.layout_input`.

    A null passes through untouched: where a field accepts null, it means "no override".
    """

    @staticmethod
    def _clean(field: str, value: Any) -> Any:
        if value is None:
            return None
        try:
            return layout_input.clean_layout_value(field, value)
        except layout_input.LayoutValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def validate_font_color(self, value: str | None) -> str | None:
        return self._clean("font_color", value)

    def validate_text_position(self, value: str | None) -> str | None:
        return self._clean("text_position", value)

    def validate_page_format(self, value: str | None) -> str | None:
        return self._clean("page_format", value)

    def validate_font_family(self, value: str | None) -> str | None:
        return self._clean("font_family", value)


class EditorSettingsInputSerializer(_LayoutValues, serializers.Serializer):
    """Document layout defaults. Omitted keys keep the product's defaults."""

    font_family = _font_family(required=False)
    font_size = serializers.IntegerField(
        min_value=FONT_SIZE_RANGE[0], max_value=FONT_SIZE_RANGE[1], required=False
    )
    font_color = HexColorField(max_length=7, required=False)
    text_position = _text_position(required=False)
    text_box_opacity = serializers.FloatField(min_value=0.0, max_value=1.0, required=False)
    page_format = _page_format(required=False)
    layout_mode = serializers.ChoiceField(choices=Story.LayoutMode.choices, required=False)


class StoryCreateInputSerializer(serializers.Serializer):
    title = OptionalText(max_length=200)
    genre = TextField(max_length=100)
    story_outline = TextField(max_length=5000)
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
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        required=False,
        default=list,
        max_length=settings.MAX_STORY_CHARACTERS,
    )
    draft_id = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, required=False, allow_null=True
    )
    is_draft = serializers.BooleanField(
        required=False, write_only=True, help_text="Accepted for compatibility; ignored."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.pop("is_draft", None)
        return attrs


class StoryDraftInputSerializer(StoryCreateInputSerializer):
    """A brief saved to finish later: any field may still be empty."""

    genre = OptionalText(max_length=100)
    story_outline = OptionalText(max_length=5000)


class StoryListQuerySerializer(serializers.Serializer):
    skip = serializers.IntegerField(min_value=0, max_value=SKIP_MAX, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=100, default=100)
    include_drafts = serializers.BooleanField(default=True)


class GenerationTaskOutputSerializer(serializers.ModelSerializer):
    attempts = serializers.IntegerField(
        read_only=True,
        help_text="Which attempt at generating the story this run is: 1 for its first run, "
        "one more for each resume; 0 until the run starts.",
    )
    step_attempts = serializers.IntegerField(
        read_only=True,
        help_text="Step attempts of this run: one per step (the text, each character sheet, "
        "each page picture) plus one per retry.",
    )
    waiting_for_worker = serializers.SerializerMethodField(
        help_text="The run has work to do, but no worker is running to do it."
    )
    notice = serializers.SerializerMethodField(
        help_text="What to do about the run, in words for people; empty when nothing is needed."
    )

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
            "step_attempts",
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
            "waiting_for_worker",
            "notice",
        ]
        read_only_fields = fields

    def _waiting(self, task: GenerationTask) -> bool:
        # Both fields ask; the heartbeats are read once per task.
        cache: dict[Any, bool] = self.__dict__.setdefault("_waiting_for_worker", {})
        if task.pk not in cache:
            cache[task.pk] = waiting_for_worker(task)
        return cache[task.pk]

    def get_waiting_for_worker(self, task: GenerationTask) -> bool:
        return self._waiting(task)

    def get_notice(self, task: GenerationTask) -> str:
        return NO_WORKER_NOTICE if self._waiting(task) else ""


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


class PageLayoutOutputSerializer(serializers.Serializer):
    text_position = serializers.CharField()
    font_family = serializers.CharField()
    font_size = serializers.IntegerField()
    font_color = serializers.CharField()
    text_box_opacity = serializers.FloatField()


class PageEditorStateOutputSerializer(serializers.Serializer):
    original_text = serializers.CharField()
    text_position = serializers.CharField(allow_null=True)
    font_family = serializers.CharField(allow_null=True)
    font_size = serializers.IntegerField(allow_null=True)
    font_color = serializers.CharField(allow_null=True)
    text_box_opacity = serializers.FloatField(allow_null=True)
    effective = PageLayoutOutputSerializer(
        help_text="What the page is laid out with: its overrides, else the story's defaults."
    )


class PageOutputSerializer(serializers.ModelSerializer):
    page_number = serializers.IntegerField(source="number", read_only=True)
    image_path = serializers.SerializerMethodField(
        help_text=(
            "The page picture named as the reference product names private story pictures "
            "(images/user_{uid}/story_{sid}/page_{n}_{8 hex}_story_{sid}_p{n}.png, the cover "
            "cover_{8 hex}_story_{sid}_p0.png): fetch it from the page-image endpoint with the "
            "token. The name changes whenever the picture does. Null while the page has none."
        )
    )
    image_url = serializers.SerializerMethodField(
        help_text="URL of the page picture (owner only, with the token), or null."
    )
    signed_image_url = serializers.SerializerMethodField(
        help_text=(
            "Signed URL of the page picture's display copy, for an <img> without the token; "
            "it expires after STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS. Null while it has none."
        )
    )
    thumbnail_url = serializers.SerializerMethodField(
        help_text="URL of the picture's thumbnail (owner only, with the token), or null."
    )
    signed_thumbnail_url = serializers.SerializerMethodField(
        help_text="Signed URL of the picture's thumbnail, for an <img> without the token."
    )
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
            "image_url",
            "signed_image_url",
            "thumbnail_url",
            "signed_thumbnail_url",
            "image_version",
            "editor_state",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _image_url(self, page: Page, variant: str | None = None) -> str | None:
        if not page.image:
            return None
        url = reverse("page-image", kwargs={"story_id": page.story_id, "page_id": page.pk})
        # The version makes the address change with the picture, so no cache shows an old one.
        version = f"v={page.image_version}"
        return f"{url}?variant={variant}&{version}" if variant else f"{url}?{version}"

    def get_image_path(self, page: Page) -> str | None:
        return page_reference_image_path(page)

    def get_image_url(self, page: Page) -> str | None:
        return self._image_url(page)

    def get_signed_image_url(self, page: Page) -> str | None:
        return signed_picture_url(page, "display") if page.image else None

    def get_thumbnail_url(self, page: Page) -> str | None:
        return self._image_url(page, "thumbnail")

    def get_signed_thumbnail_url(self, page: Page) -> str | None:
        return signed_picture_url(page, "thumbnail") if page.image else None

    @staticmethod
    def _editor_state(page: Page) -> dict[str, Any]:
        layout = page_layout(page.story, page)
        return {
            "original_text": page.original_text,
            **{name: getattr(page, name) for name in PAGE_OVERRIDE_FIELDS},
            "effective": {name: getattr(layout, name) for name in PAGE_OVERRIDE_FIELDS},
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
            {name: getattr(story, str(name)) for name in EditorSettingsOutputSerializer().fields}
        ).data


class StoryOutputSerializer(StoryListItemOutputSerializer):
    pages = PageOutputSerializer(many=True, read_only=True)

    class Meta(StoryListItemOutputSerializer.Meta):
        fields = [*StoryListItemOutputSerializer.Meta.fields, "pages"]
        read_only_fields = fields


class DynamicListItemOutputSerializer(serializers.Serializer):
    item_value = serializers.CharField()
    item_label = serializers.CharField()


# --- the editor -------------------------------------------------------------------------------


#: Said, as the editor says it, for a title of spaces or nothing.
NO_TITLE = "Give the story a title."


class StoryTitleInputSerializer(serializers.Serializer):
    title = TextField(max_length=TITLE_MAX_LENGTH, error_messages={"blank": NO_TITLE})


class PageOverridesInputSerializer(_LayoutValues, serializers.Serializer):
    """A page's layout overrides: null goes back to the story's default, omitted stays."""

    text_position = _text_position(required=False, allow_null=True)
    font_family = _font_family(required=False, allow_null=True)
    font_size = serializers.IntegerField(
        min_value=FONT_SIZE_RANGE[0],
        max_value=FONT_SIZE_RANGE[1],
        required=False,
        allow_null=True,
    )
    font_color = HexColorField(max_length=7, required=False, allow_null=True)
    text_box_opacity = serializers.FloatField(
        min_value=0.0, max_value=1.0, required=False, allow_null=True
    )


class PageEditInputSerializer(PageOverridesInputSerializer):
    """One page's changes. Overrides may also come inside ``editor_state``, as the reference
    product's clients send them (its restore points there are ignored)."""

    id = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    text = TextField(max_length=PAGE_TEXT_MAX_LENGTH, required=False)
    editor_state = PageOverridesInputSerializer(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        state = attrs.pop("editor_state", None) or {}
        for key, value in state.items():
            if key in attrs and attrs[key] != value:
                raise serializers.ValidationError(
                    {key: ["Sent twice with different values (also in editor_state)."]}
                )
            attrs[key] = value
        return attrs


class StoryEditorUpdateInputSerializer(serializers.Serializer):
    """Editor changes: only what is sent changes."""

    title = TextField(
        max_length=TITLE_MAX_LENGTH,
        required=False,
        allow_null=True,
        error_messages={"blank": NO_TITLE},
    )
    editor_settings = EditorSettingsInputSerializer(required=False, allow_null=True)
    pages: serializers.ListSerializer = serializers.ListSerializer(
        child=PageEditInputSerializer(), required=False, max_length=settings.MAX_STORY_PAGES + 1
    )


class PageImageOutputSerializer(serializers.ModelSerializer):
    """One picture version of a page. ``context["current_image"]`` names the page's current
    picture file."""

    page_id = serializers.IntegerField(read_only=True)
    is_current = serializers.SerializerMethodField()
    image_url = serializers.SerializerMethodField(help_text="The picture as drawn.")
    display_url = serializers.SerializerMethodField(help_text="Its JPEG display copy.")
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = PageImage
        fields = [
            "id",
            "page_id",
            "version",
            "source",
            "description",
            "prompt_used",
            "is_current",
            "image_url",
            "display_url",
            "thumbnail_url",
            "created_at",
        ]
        read_only_fields = fields

    def get_is_current(self, image: PageImage) -> bool:
        return bool(image.image.name) and image.image.name == self.context.get("current_image")

    def _url(self, image: PageImage, variant: str) -> str:
        url = reverse(
            "page-image-version-file",
            kwargs={
                "story_id": self.context["story_id"],
                "page_id": image.page_id,
                "image_id": image.pk,
            },
        )
        return f"{url}?variant={variant}"

    def get_image_url(self, image: PageImage) -> str:
        return self._url(image, "original")

    def get_display_url(self, image: PageImage) -> str:
        return self._url(image, "display")

    def get_thumbnail_url(self, image: PageImage) -> str:
        return self._url(image, "thumbnail")


def page_image_context(page: Page) -> dict[str, Any]:
    """What PageImageOutputSerializer needs to know about the versions' page."""
    return {"current_image": page.image.name, "story_id": page.story_id}


class PageRedrawInputSerializer(serializers.Serializer):
    description = TextField(
        max_length=REDRAW_DESCRIPTION_MAX_LENGTH,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="What to draw instead of the page's picture description (optional).",
    )


class PageRedrawJobOutputSerializer(serializers.ModelSerializer):
    story_id = serializers.IntegerField(source="page.story_id", read_only=True)
    page_id = serializers.IntegerField(read_only=True)
    page_number = serializers.IntegerField(source="page.number", read_only=True)
    error_status = serializers.SerializerMethodField(
        help_text="The HTTP status matching error_code (401 auth, 402 quota, 503 unavailable…)."
    )
    image = serializers.SerializerMethodField(help_text="The new picture, once drawn.")
    notice = serializers.CharField(
        read_only=True,
        help_text=(
            "What the provider could not do of what was asked, in plain sentences (one a "
            "line) to show the person; empty when there is nothing to say."
        ),
    )
    status_url = serializers.SerializerMethodField(help_text="Where to poll this job.")

    class Meta:
        model = PageRedrawJob
        fields = [
            "id",
            "story_id",
            "page_id",
            "page_number",
            "status",
            "description",
            "attempts",
            "error_code",
            "error_message",
            "error_status",
            "image",
            "notice",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
        ]
        read_only_fields = fields

    def get_error_status(self, job: PageRedrawJob) -> int | None:
        return FAILURE_STATUS.get(job.error_code)

    @extend_schema_field(PageImageOutputSerializer(allow_null=True))
    def get_image(self, job: PageRedrawJob) -> dict[str, Any] | None:
        if job.result is None:
            return None
        return PageImageOutputSerializer(job.result, context=page_image_context(job.page)).data

    def get_status_url(self, job: PageRedrawJob) -> str:
        return reverse("page-redraw-job", kwargs={"job_id": job.pk})


class PageRewriteInputSerializer(serializers.Serializer):
    instructions = TextField(
        max_length=REWRITE_INSTRUCTIONS_MAX_LENGTH,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Wishes for the new text, e.g. 'shorter, and funnier' (optional).",
    )


class PageRewriteOutputSerializer(serializers.Serializer):
    page_id = serializers.IntegerField()
    text = serializers.CharField(
        help_text="The proposed text. Nothing is saved: send it with PUT .../editor to keep it."
    )
    notice = serializers.CharField(
        allow_blank=True,
        help_text=(
            "Which of the wishes the provider could not follow, in plain sentences (one a "
            "line) to show with the proposal; empty when it followed them all."
        ),
    )
