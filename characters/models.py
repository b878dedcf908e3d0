"""Reusable characters and the versions of their reference sheets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Character(models.Model):
    """A character a user keeps in their library and reuses across stories.

    Names are unique per owner regardless of case ("Mira" and "mira" are one character).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="characters"
    )
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, default="")
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=50, blank=True, default="")
    clothing_style = models.CharField(max_length=500, blank=True, default="")
    key_traits = models.CharField(max_length=500, blank=True, default="")
    image_style = models.CharField(max_length=100, blank=True, default="")
    current_image = models.ForeignKey(
        "characters.CharacterImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("name"), name="characters_character_owner_name_unique_ci"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CharacterImage(models.Model):
    """One version of a character's reference sheet; the character points at its current one."""

    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(max_length=255)
    thumbnail = models.FileField(max_length=255, blank=True, default="")
    prompt_used = models.TextField(blank=True, default="")
    image_style = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.character_id}:{self.pk}"
