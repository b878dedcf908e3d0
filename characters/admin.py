"""The Django admin for library characters and their sheet versions (read-only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from accounts.permissions import user_is_administrator
from characters.models import Character, CharacterImage
from characters.pictures import character_picture_path
from storygen.exceptions import NotFound
from storygen.files import private_picture_response


class CharacterImageInline(admin.TabularInline):
    model = CharacterImage
    fk_name = "character"
    fields = ("thumbnail_preview", "is_current", "source", "image_style", "created_at")
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CharacterImage]:
        return super().get_queryset(request).select_related("character")

    @admin.display(description="sheet")
    def thumbnail_preview(self, image: CharacterImage) -> str:
        if not image.thumbnail:
            return "—"
        url = reverse(
            "admin:characters_character_image_thumbnail", args=[image.character_id, image.pk]
        )
        return format_html(
            '<img src="{}" alt="Sheet version {}" width="96" loading="lazy">', url, image.pk
        )

    @admin.display(description="current", boolean=True)
    def is_current(self, image: CharacterImage) -> bool:
        return image.character.current_image_id == image.pk


@admin.register(Character)
class CharacterAdmin(admin.ModelAdmin):
    """Characters as administrators see them: searchable, read-only, with every sheet."""

    list_display = ("name", "owner", "created_at")
    list_select_related = ("owner",)
    list_filter = ("created_at",)
    search_fields = ("name", "owner__username")
    ordering = ("-created_at", "-id")
    actions = None
    inlines = (CharacterImageInline,)
    exclude = ("current_image",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        thumbnail = path(
            "<int:character_id>/images/<int:image_id>/thumbnail/",
            self.admin_site.admin_view(self.image_thumbnail),
            name="characters_character_image_thumbnail",
        )
        return [thumbnail, *super().get_urls()]

    def image_thumbnail(
        self, request: HttpRequest, character_id: int, image_id: int
    ) -> FileResponse:
        """The thumbnail of any character's sheet version, to administrators only."""
        if not user_is_administrator(request.user):
            raise PermissionDenied
        image = get_object_or_404(CharacterImage, character_id=character_id, pk=image_id)
        try:
            picture = character_picture_path(image, "thumbnail")
        except NotFound as exc:
            raise Http404(exc.message) from exc
        return private_picture_response(
            picture, filename=f"character-{character_id}-{image.pk}{picture.suffix}"
        )
