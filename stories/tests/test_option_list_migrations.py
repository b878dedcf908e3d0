"""The data migration that gives the genres list to children: what it offers, what it keeps."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from stories import selectors
from stories.models import DynamicListItem
from stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

migration = import_module("stories.migrations.0010_children_genres")
ADULT = ("Drama", "Horror", "Action", "Romance", "Thriller")


def _genres() -> dict[str, DynamicListItem]:
    return {item.item_value: item for item in DynamicListItem.objects.filter(dynamic_list="genres")}


def _as_first_shipped() -> None:
    """Put the genres list back as the first seed left it."""
    DynamicListItem.objects.filter(dynamic_list="genres").delete()
    for value, (label, order) in migration.FIRST_SHIPPED.items():
        DynamicListItem.objects.create(
            dynamic_list_id="genres", item_value=value, item_label=label, sort_order=order
        )


def test_a_new_install_offers_childrens_genres_and_no_adult_ones() -> None:
    offered = [
        (item.item_value, item.item_label)
        for item in selectors.dynamic_list_active_items(list_name="genres")
    ]

    labels = [label for _, label in offered]
    assert labels[:7] == [
        "Children’s",
        "Bedtime",
        "Adventure",
        "Animals",
        "Friendship",
        "Fairy tale",
        "Funny",
    ]
    assert {"Mystery", "Space", "Nature", "Everyday life"} <= set(labels)
    assert not {value for value, _ in offered} & set(ADULT)


def test_adult_genres_in_use_are_deactivated_and_unused_ones_deleted() -> None:
    _as_first_shipped()
    story = StoryFactory(genre="Horror")

    migration.to_childrens_genres(apps, None)

    genres = _genres()
    assert genres["Horror"].is_active is False
    assert not {"Drama", "Action", "Romance", "Thriller"} & set(genres)
    story.refresh_from_db()
    assert story.genre == "Horror"
    assert (genres["Comedy"].item_label, genres["Sci-Fi"].item_label) == ("Funny", "Space")


def test_items_an_administrator_added_or_changed_stay_as_they_are() -> None:
    _as_first_shipped()
    DynamicListItem.objects.filter(dynamic_list="genres", item_value="Romance").update(
        item_label="Love and kindness"
    )
    DynamicListItem.objects.filter(dynamic_list="genres", item_value="Comedy").update(sort_order=1)
    DynamicListItem.objects.create(
        dynamic_list_id="genres", item_value="Pirates", item_label="Pirates", sort_order=3
    )
    DynamicListItem.objects.filter(dynamic_list="genres", item_value="Mystery").delete()

    migration.to_childrens_genres(apps, None)

    genres = _genres()
    assert (genres["Romance"].item_label, genres["Romance"].is_active) == (
        "Love and kindness",
        True,
    )
    assert (genres["Comedy"].item_label, genres["Comedy"].sort_order) == ("Comedy", 1)
    assert (genres["Pirates"].item_label, genres["Pirates"].sort_order) == ("Pirates", 3)
    assert "Mystery" not in genres  # an administrator deleted it: it is not brought back
    assert "Bedtime" in genres
