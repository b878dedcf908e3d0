"""Request and response shapes of the characters API."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from characters.models import Character, CharacterImage, CharacterImageJob
from characters.services import CHARACTER_LIST_FIELDS
from storygen.ai.errors import FAILURE_STATUS
from storygen.api import PAGE_MAX, TextField
from storygen.exceptions import InvalidInput
from storygen.option_lists import options_validate
from storygen.signed_media import signed_picture_path

#: Why a job failed → the HTTP status the reference product answered with for that failure.
#: A job's error code → the status the reference product answered with for it.
JOB_ERROR_STATUS = {**FAILURE_STATUS, "photo_missing": 400}
PHOTO_MISSING = "Attach a photo in the 'photo' field."
#: Longest value of each text field of a character (the pages accept the same).
MAX_LENGTHS = {
    "name": 100,
    "description": 2000,
    "gender": 50,
    "clothing_style": 500,
    "key_traits": 500,
    "image_style": 100,
}
AGE_RANGE = (0, 150)
QUERY_MAX_LENGTH = 200


def _text(field: str) -> TextField:
    """An optional text field that may be sent empty, or null to clear it."""
    return TextField(
        max_length=MAX_LENGTHS[field], required=False, allow_blank=True, allow_null=True
    )


class ImageStyleField(TextField):
    """An image style: one of the active ``image_styles`` items while that list has any."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(
            max_length=MAX_LENGTHS["image_style"],
            required=False,
            allow_blank=True,
            allow_null=True,
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = str(super().to_internal_value(data))
        try:
            options_validate({"image_style": value}, lists=CHARACTER_LIST_FIELDS)
        except InvalidInput as exc:
            raise serializers.ValidationError(exc.errors["image_style"]) from exc
        return value


class CharacterFieldsInputSerializer(serializers.Serializer):
    """A character's details. Omitted keys are left as they are; null clears one."""

    description = _text("description")
    age = serializers.IntegerField(
        min_value=AGE_RANGE[0], max_value=AGE_RANGE[1], required=False, allow_null=True
    )
    gender = _text("gender")
    clothing_style = _text("clothing_style")
    key_traits = _text("key_traits")
    image_style = ImageStyleField()


class CharacterCreateInputSerializer(CharacterFieldsInputSerializer):
    name = TextField(
        max_length=MAX_LENGTHS["name"],
        help_text="Matched ignoring case: an existing character is updated.",
    )
    generate_image = serializers.BooleanField(
        default=False, help_text="Queue a reference sheet drawn from the description."
    )


class CharacterUpdateInputSerializer(CharacterFieldsInputSerializer):
    name = TextField(max_length=MAX_LENGTHS["name"], required=False)


class CharacterListQuerySerializer(serializers.Serializer):
    q = TextField(
        max_length=QUERY_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Text to look for in the name, description or traits.",
    )
    page = serializers.IntegerField(min_value=1, max_value=PAGE_MAX, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=20)


class CharacterImageRequestInputSerializer(serializers.Serializer):
    """What this drawing uses instead of the character's own description and style."""

    description = _text("description")
    image_style = ImageStyleField()


class CharacterPhotoInputSerializer(serializers.Serializer):
    # Empty files reach the photo checks, which refuse them like any other broken picture.
    photo = serializers.FileField(
        allow_empty_file=True,
        use_url=False,
        error_messages={
            "required": PHOTO_MISSING,
            "null": PHOTO_MISSING,
            "invalid": PHOTO_MISSING,
            "no_name": PHOTO_MISSING,
        },
        help_text="A JPEG, PNG or WebP picture; it is kept privately and never served.",
    )


class CharacterPhotoOutputSerializer(serializers.Serializer):
    character_id = serializers.IntegerField()
    content_type = serializers.CharField(help_text="Of the stored copy (always a JPEG).")
    size_bytes = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


#: How the ``*_path`` fields of pictures are described: the reference product's public
#: picture paths, which its client shows as ``<img src="{base}/static_content/{path}">``.
SIGNED_PATH_HELP = (
    "Path relative to /static_content/ (images/user_{uid}/characters/{cid}/…), signed: it "
    "serves the picture without the token until it expires "
    "(STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS)"
)


def image_file_url(image: CharacterImage, variant: str) -> str:
    url = reverse(
        "character-image-file",
        kwargs={"character_id": image.character_id, "image_id": image.pk},
    )
    return f"{url}?variant={variant}"


class CharacterImageOutputSerializer(serializers.ModelSerializer):
    """One version of a character's sheet.

    ``is_current`` compares with ``context["current_image_id"]`` when given, which spares
    a lookup of the character per picture in lists.
    """

    file_path = serializers.SerializerMethodField(
        help_text=(
            f"{SIGNED_PATH_HELP} of the picture sized for display, or null when its file is gone."
        )
    )
    file_url = serializers.SerializerMethodField(
        help_text="URL of the picture sized for display (owner only, with the token)."
    )
    thumbnail_path = serializers.SerializerMethodField(
        help_text=(
            f"{SIGNED_PATH_HELP} of the picture's thumbnail, or null: made from the portrait "
            "when there is one."
        )
    )
    thumbnail_url = serializers.SerializerMethodField(
        help_text="URL of the thumbnail (owner only, with the token), or null."
    )
    portrait_path = serializers.SerializerMethodField(
        help_text=(
            f"{SIGNED_PATH_HELP} of the character's head and shoulders, or null when the AI "
            "provider drew none."
        )
    )
    portrait_url = serializers.SerializerMethodField(
        help_text="URL of the portrait (owner only, with the token), or null."
    )
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = CharacterImage
        fields = [
            "id",
            "file_path",
            "file_url",
            "thumbnail_path",
            "thumbnail_url",
            "portrait_path",
            "portrait_url",
            "prompt_used",
            "image_style",
            "source",
            "created_at",
            "is_current",
        ]
        read_only_fields = fields

    def get_file_path(self, image: CharacterImage) -> str | None:
        return signed_picture_path(image, "display")

    def get_file_url(self, image: CharacterImage) -> str:
        return image_file_url(image, "display")

    def get_thumbnail_path(self, image: CharacterImage) -> str | None:
        return signed_picture_path(image, "thumbnail")

    def get_thumbnail_url(self, image: CharacterImage) -> str | None:
        return image_file_url(image, "thumbnail") if image.thumbnail else None

    def get_portrait_path(self, image: CharacterImage) -> str | None:
        return signed_picture_path(image, "portrait")

    def get_portrait_url(self, image: CharacterImage) -> str | None:
        return image_file_url(image, "portrait") if image.portrait else None

    def get_is_current(self, image: CharacterImage) -> bool:
        if "current_image_id" in self.context:
            return bool(image.pk == self.context["current_image_id"])
        return bool(image.pk == image.character.current_image_id)


class CharacterImageJobOutputSerializer(serializers.ModelSerializer):
    character_id = serializers.IntegerField(read_only=True)
    error_status = serializers.SerializerMethodField(
        help_text="The HTTP status matching error_code (401 auth, 402 quota, 503 unavailable…)."
    )
    image = serializers.SerializerMethodField(help_text="The drawn sheet, once done.")
    notice = serializers.CharField(
        read_only=True,
        help_text=(
            "What the provider could not do of what was asked, in plain sentences (one a "
            "line) to show the person; empty when there is nothing to say."
        ),
    )
    status_url = serializers.SerializerMethodField(help_text="Where to poll this job.")

    class Meta:
        model = CharacterImageJob
        fields = [
            "id",
            "character_id",
            "kind",
            "status",
            "error_code",
            "error_message",
            "error_status",
            "image",
            "notice",
            "created_at",
            "finished_at",
            "status_url",
        ]
        read_only_fields = fields

    def get_error_status(self, job: CharacterImageJob) -> int | None:
        return JOB_ERROR_STATUS.get(job.error_code)

    @extend_schema_field(CharacterImageOutputSerializer(allow_null=True))
    def get_image(self, job: CharacterImageJob) -> dict[str, Any] | None:
        if job.result is None:
            return None
        context = {**self.context, "current_image_id": job.character.current_image_id}
        return CharacterImageOutputSerializer(job.result, context=context).data

    def get_status_url(self, job: CharacterImageJob) -> str:
        return reverse("character-image-job", kwargs={"job_id": job.pk})


class CharacterListItemOutputSerializer(serializers.ModelSerializer):
    thumbnail_path = serializers.SerializerMethodField(
        help_text=f"{SIGNED_PATH_HELP} of the current sheet's thumbnail, or null."
    )
    thumbnail_url = serializers.SerializerMethodField(
        help_text="URL of the current sheet's thumbnail (owner only, with the token), or null."
    )

    class Meta:
        model = Character
        fields = ["id", "name", "updated_at", "thumbnail_path", "thumbnail_url"]
        read_only_fields = fields

    def get_thumbnail_path(self, character: Character) -> str | None:
        return signed_picture_path(character.current_image, "thumbnail")

    def get_thumbnail_url(self, character: Character) -> str | None:
        image = character.current_image
        return image_file_url(image, "thumbnail") if image and image.thumbnail else None


class CharacterPageOutputSerializer(serializers.Serializer):
    items = CharacterListItemOutputSerializer(many=True)
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()


class CharacterOutputSerializer(serializers.ModelSerializer):
    """A character. ``context["image_job"]`` is the sheet job to show (the active one)."""

    has_photo = serializers.SerializerMethodField(help_text="Whether a private photo is kept.")
    current_image = serializers.SerializerMethodField()
    image_job = serializers.SerializerMethodField(
        help_text="The job drawing a sheet for the character right now, if any."
    )

    class Meta:
        model = Character
        fields = [
            "id",
            "name",
            "description",
            "age",
            "gender",
            "clothing_style",
            "key_traits",
            "image_style",
            "created_at",
            "updated_at",
            "has_photo",
            "current_image",
            "image_job",
        ]
        read_only_fields = fields

    def get_has_photo(self, character: Character) -> bool:
        return character.photo_uploaded_at is not None

    @extend_schema_field(CharacterImageOutputSerializer(allow_null=True))
    def get_current_image(self, character: Character) -> dict[str, Any] | None:
        image = character.current_image
        if image is None:
            return None
        context = {**self.context, "current_image_id": image.pk}
        return CharacterImageOutputSerializer(image, context=context).data

    @extend_schema_field(CharacterImageJobOutputSerializer(allow_null=True))
    def get_image_job(self, character: Character) -> dict[str, Any] | None:
        job = self.context.get("image_job")
        if job is None:
            return None
        return CharacterImageJobOutputSerializer(job, context=self.context).data
