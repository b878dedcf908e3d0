"""Reads of the character library; every user-scoped character fetch is here."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import User
from characters.models import Character, CharacterImage, CharacterImageJob


def character_list_for_owner(*, user: User, query: str = "") -> QuerySet[Character]:
    """The user's characters with their current sheet, most recently changed first.

    ``query`` matches the name, description or traits, ignoring case.
    """
    # The sheet's own character too: its signed address names the owner (storygen.signed_media).
    characters = Character.objects.filter(owner=user).select_related("current_image__character")
    query = query.strip()
    if query:
        characters = characters.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(key_traits__icontains=query)
        )
    return characters.order_by("-updated_at", "-id")


def character_detail_queryset(*, user: User) -> QuerySet[Character]:
    """The user's characters with every sheet version (newest first), for one character's page."""
    return (
        Character.objects.filter(owner=user)
        .select_related("current_image__character")
        .prefetch_related(
            Prefetch("images", queryset=CharacterImage.objects.order_by("-created_at", "-id"))
        )
    )


def character_images(*, character: Character) -> QuerySet[CharacterImage]:
    """A character's sheet versions, newest first."""
    return (
        CharacterImage.objects.filter(character=character)
        .select_related("character")
        .order_by("-created_at", "-id")
    )


def character_image_of_owner(
    *, owner_id: int, character_id: int, image_id: int
) -> CharacterImage | None:
    """One sheet version of one of an active user's characters, by ids alone: for a signed
    picture address, which carries the owner's id rather than a signed-in user."""
    return (
        CharacterImage.objects.filter(
            pk=image_id,
            character__pk=character_id,
            character__owner_id=owner_id,
            character__owner__is_active=True,
        )
        .select_related("character")
        .first()
    )


def character_image_job_queryset(*, user: User) -> QuerySet[CharacterImageJob]:
    """Sheet-drawing jobs of the user's characters."""
    return CharacterImageJob.objects.filter(character__owner=user).select_related(
        "character", "result__character"
    )


def character_image_job_active(*, character: Character) -> CharacterImageJob | None:
    """The job drawing a sheet for the character right now, if any."""
    return (
        CharacterImageJob.objects.filter(
            character=character,
            status__in=[CharacterImageJob.Status.PENDING, CharacterImageJob.Status.RUNNING],
        )
        .order_by("-created_at")
        .first()
    )


def character_image_job_latest(*, character: Character) -> CharacterImageJob | None:
    """The character's most recent sheet-drawing job, whatever its status (None if never drawn)."""
    return CharacterImageJob.objects.filter(character=character).order_by("-created_at").first()


def character_named(*, user: User, name: str) -> Character | None:
    """The user's character called ``name``, ignoring case and extra spaces (names are unique
    that way)."""
    return Character.objects.filter(owner=user, name_key=Character.key_for(name)).first()
