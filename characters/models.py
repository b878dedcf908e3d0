"""Reusable characters and the versions of their reference sheets."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Character(models.Model):
    """A character a user keeps in their library and reuses across stories.

    Names are unique per owner regardless of case ("Mira" and "mira" are one character).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="characters"
    )
    name = models.CharField(max_length=100)
    # The name compared without case or extra spaces (Python's casefold, so "Élodie" and
    # "élodie" are one name on every database); set by the services with the name.
    name_key = models.CharField(max_length=100, editable=False)
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
    # When the owner last uploaded a reference photo (kept privately, outside MEDIA_ROOT).
    photo_uploaded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name_key"], name="characters_character_owner_name_key"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def key_for(name: str) -> str:
        """The comparison key of a name: spaces collapsed, case folded."""
        return " ".join(name.split()).casefold()


class CharacterImage(models.Model):
    """One version of a character's reference sheet; the character points at its current one.

    Files live in the character's own media folder (never in a story's), so deleting a story
    never takes a library picture with it.
    """

    class Source(models.TextChoices):
        GENERATED = "generated", "Drawn from the description"
        PHOTO = "photo", "Drawn from a photo"
        STORY = "story", "From a story"
        COPY = "copy", "Copied from another character"

    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(max_length=255)
    display = models.FileField(max_length=255, blank=True, default="")
    thumbnail = models.FileField(max_length=255, blank=True, default="")
    # The character's head and shoulders, from providers that draw one; the thumbnail is
    # made from it then, so lists show a face rather than a whole shrunken sheet.
    portrait = models.FileField(max_length=255, blank=True, default="")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.GENERATED)
    prompt_used = models.TextField(blank=True, default="")
    image_style = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.character_id}:{self.pk}"


class CharacterImageJob(models.Model):
    """A request to draw a new reference sheet for a character, done by a worker.

    The page and the API poll it. ``error_code`` says why a failed job failed, in terms
    the API maps to the reference product's statuses (unavailable 503, auth 401, quota
    402, blocked/rejected 422).
    """

    class Kind(models.TextChoices):
        DESCRIPTION = "description", "From the description"
        PHOTO = "photo", "From the photo"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        RUNNING = "running", "Drawing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="image_jobs")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DESCRIPTION)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # What this drawing uses instead of the character's own description and style, if set.
    description = models.TextField(blank=True, default="")
    image_style = models.CharField(max_length=100, blank=True, default="")
    result = models.ForeignKey(
        CharacterImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True, default="")
    error_code = models.CharField(max_length=30, blank=True, default="")
    error_message = models.TextField(blank=True, default="")
    # What the provider could not do of what was asked, in plain sentences for the owner.
    notice = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.RUNNING}
