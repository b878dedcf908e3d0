"""App configuration for the core: its models (picture slots, worker heartbeats) and migrations."""

from django.apps import AppConfig


class StorygenConfig(AppConfig):
    name = "storygen"
    default_auto_field = "django.db.models.BigAutoField"
