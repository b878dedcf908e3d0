"""The option lists the data migrations seed, for transactional tests that flushed them."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_first_seed = import_module("stories.migrations.0002_seed_dynamic_lists").seed
_childrens_genres = import_module("stories.migrations.0010_children_genres").to_childrens_genres


def seed_option_lists(apps: Any, schema_editor: Any) -> None:
    """Fill the lists as a freshly migrated database has them."""
    _first_seed(apps, schema_editor)
    _childrens_genres(apps, schema_editor)
