"""Reads of the character library; every user-scoped character fetch is here."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from characters.models import Character


def character_list_for_owner(*, user: User, query: str = "") -> QuerySet[Character]:
    """The user's characters with their current sheet, most recently changed first.

    ``query`` matches the name, description or traits, ignoring case.
    """
    characters = Character.objects.filter(owner=user).select_related("current_image")
    query = query.strip()
    if query:
        characters = characters.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(key_traits__icontains=query)
        )
    return characters.order_by("-updated_at", "-id")
