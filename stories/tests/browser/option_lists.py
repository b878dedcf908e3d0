"""The option lists the data migration seeds, for transactional tests that flushed them."""

from __future__ import annotations

from importlib import import_module

seed_option_lists = import_module("stories.migrations.0002_seed_dynamic_lists").seed
